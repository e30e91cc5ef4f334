from django import forms

from .models import PlaceType
from .selectors import case_study_organisations, community_list


class FilterForm(forms.Form):
    """A list page's filters, submitted by GET so that every filter state is a shareable URL."""

    def cleaned_filters(self) -> dict:
        """The filters the visitor chose, leaving out the empty ("All ...") ones."""
        return {key: value for key, value in self.cleaned_data.items() if value}


class CaseStudyFilterForm(FilterForm):
    """The case-study library's filters."""

    component = forms.ModelChoiceField(
        queryset=community_list(),
        required=False,
        to_field_name="slug",
        empty_label="All components",
        label="Component",
    )
    place_type = forms.ChoiceField(required=False, label="Type of place")
    organisation = forms.ChoiceField(required=False, label="Organisation")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["place_type"].choices = [("", "All types of place"), *PlaceType.choices]
        self.fields["organisation"].choices = [
            ("", "All organisations"),
            *((name, name) for name in case_study_organisations()),
        ]
