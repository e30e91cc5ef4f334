from django import forms

from communities.selectors import community_list

from .models import EventKind


class EventFilterForm(forms.Form):
    when = forms.ChoiceField(
        choices=[("upcoming", "Upcoming"), ("past", "Past")], required=False, label="When"
    )
    community = forms.ModelChoiceField(
        queryset=community_list(),
        required=False,
        to_field_name="slug",
        empty_label="All communities",
        label="Community",
    )
    kind = forms.ChoiceField(
        choices=[("", "All kinds"), *EventKind.choices], required=False, label="Kind of event"
    )

    def cleaned_filters(self) -> dict:
        return {key: value for key, value in self.cleaned_data.items() if value}
