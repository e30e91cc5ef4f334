"""The events index's filters (/events/): when, community and kind of event."""

import django_filters

from communities.membership.selectors import community_list
from members.filters import ListFilterSet, ModelChoiceFilter

from .models import EventKind
from .selectors import upcoming_or_past

UPCOMING, PAST = "upcoming", "past"


class UpcomingOrPastFilter(django_filters.ChoiceFilter):
    """Upcoming events soonest first, or past ones most recent first: applied whatever the
    value, so that the list is of upcoming events when none (or no valid one) is chosen."""

    def filter(self, qs, value):
        return upcoming_or_past(qs, past=value == PAST)


class EventFilterSet(ListFilterSet):
    """Filters events.selectors.listed_events()."""

    when = UpcomingOrPastFilter(
        label="When",
        choices=[(UPCOMING, "Upcoming"), (PAST, "Past")],
        empty_label=None,
        error_messages={"invalid_choice": "Choose upcoming or past events"},
    )
    community = ModelChoiceFilter(
        label="Community",
        # Called when the form is made, not when this module is imported (with the URLs,
        # before the database may exist).
        queryset=lambda request: community_list(),
        to_field_name="slug",
        empty_label="All communities",
        error_messages={"invalid_choice": "Choose a community from the list"},
    )
    kind = django_filters.ChoiceFilter(
        label="Kind of event",
        choices=EventKind.choices,
        empty_label="All kinds",
        error_messages={"invalid_choice": "Choose a kind of event from the list"},
    )

    @property
    def showing_past(self) -> bool:
        self.is_valid()
        return self.form.cleaned_data.get("when") == PAST
