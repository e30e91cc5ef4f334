from django import forms

from .models import PlaceType
from .selectors import case_study_organisations, community_list


class CaseStudyFilterForm(forms.Form):
    """The case-study library's filters. Every state is a plain GET URL, so it can be shared."""

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

    def cleaned_filters(self) -> dict:
        return {key: value for key, value in self.cleaned_data.items() if value}
