from django import forms

from communities.forms import FilterForm
from communities.selectors import community_list

from .models import EventKind


class EventFilterForm(FilterForm):
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
