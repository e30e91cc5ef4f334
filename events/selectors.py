"""Read-side queries for events. Other apps call these, not the models."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.formats import date_format

from .models import (
    ACTIVE_STATES,
    SEATED_STATES,
    EventPage,
    Registration,
    RegistrationMode,
    RegistrationState,
)


def _count_of(state_filter: Q) -> Coalesce:
    counts = (
        Registration.objects.filter(state_filter, event=OuterRef("pk"))
        .order_by()
        .values("event")
        .annotate(total=Count("pk"))
        .values("total")
    )
    return Coalesce(Subquery(counts, output_field=IntegerField()), Value(0))


def with_registration_counts(events: QuerySet[EventPage]) -> QuerySet[EventPage]:
    """Adds seats_taken and waitlist_length to each event, in the same query."""
    return events.annotate(
        seats_taken=_count_of(Q(state__in=SEATED_STATES)),
        waitlist_length=_count_of(Q(state=RegistrationState.WAITLISTED)),
    )


def listed_events() -> QuerySet[EventPage]:
    """Live, public events with their community and their counts of places taken and people
    waiting (for the "places left" and "full" badges), in no particular order."""
    return with_registration_counts(EventPage.objects.live().public().select_related("community"))


def upcoming_or_past(events: QuerySet[EventPage], *, past: bool = False) -> QuerySet[EventPage]:
    """Upcoming events soonest first, or past ones most recent first."""
    now = timezone.now()
    if past:
        return events.filter(ends_at__lt=now).order_by("-starts_at", "-id")
    return events.filter(ends_at__gte=now).order_by("starts_at", "id")


def event_list(*, community=None) -> QuerySet[EventPage]:
    """Upcoming live events, soonest first, with their counts of places taken and people
    waiting: the whole site's or one community's. The events index filters the same events
    with events.filters.EventFilterSet."""
    events = upcoming_or_past(listed_events())
    if community is not None:
        events = events.filter(community=community)
    return events


def events_with_outputs(*, community=None, include_network_wide: bool = True):
    """Past live events that have published outputs (a report, calls to action), most recent
    first: a community's own, and with include_network_wide those that belong to no community
    (they concern every community, like the 2024 consultation)."""
    events = (
        EventPage.objects.live()
        .public()
        .filter(has_outputs=True, ends_at__lt=timezone.now())
        .order_by("-starts_at", "-id")
    )
    if community is not None:
        belongs = Q(community=community)
        if include_network_wide:
            belongs |= Q(community__isnull=True)
        events = events.filter(belongs)
    return events


def events_for_feed(*, community=None) -> QuerySet[EventPage]:
    """Live events for a calendar feed, the whole site's or one community's: upcoming ones and
    the last year's."""
    since = timezone.now() - timezone.timedelta(days=365)
    events = EventPage.objects.live().public().filter(ends_at__gte=since)
    if community is not None:
        events = events.filter(community=community)
    return events.select_related("ledger").order_by("starts_at", "id")


def registrations_of(user) -> QuerySet[Registration]:
    """Everything the member registered for, most recent event first."""
    return (
        Registration.objects.filter(user=user)
        .select_related("event")
        .order_by("-event__starts_at", "-id")
    )


def with_waitlist_positions(registrations: QuerySet[Registration]) -> QuerySet[Registration]:
    """Adds waitlist_position (1 for the first in the queue, None when not waiting) to each
    registration, in the same query: the number of waitlisted registrations for the same event
    whose place in the queue (ticket, then id) is at or before this one's."""
    queue = Registration.objects.filter(
        event_id=OuterRef("event_id"), state=RegistrationState.WAITLISTED
    ).annotate(ticket=Coalesce("waitlist_ticket", Value(0)))
    at_or_before = (
        queue.filter(
            Q(ticket__lt=OuterRef("queue_ticket"))
            | Q(ticket=OuterRef("queue_ticket"), id__lte=OuterRef("id"))
        )
        .order_by()
        .values("event_id")
        .annotate(total=Count("pk"))
        .values("total")
    )
    return registrations.annotate(
        queue_ticket=Coalesce(F("waitlist_ticket"), Value(0)),
        waitlist_position=Case(
            When(
                state=RegistrationState.WAITLISTED,
                then=Subquery(at_or_before, output_field=IntegerField()),
            ),
            default=None,
            output_field=IntegerField(),
        ),
    )


def registration_for(event: EventPage, user) -> Registration | None:
    """The member's active registration for the event, or else their latest one, with its
    waitlist_position."""
    if not user.is_authenticated:
        return None
    registrations = with_waitlist_positions(Registration.objects.filter(event=event, user=user))
    return (
        registrations.filter(state__in=ACTIVE_STATES).first()
        or registrations.order_by("-state_changed_at", "-id").first()
    )


def waitlist_position(registration: Registration) -> int | None:
    """1 for the first in the queue; None when not on the waiting list."""
    if registration.state != RegistrationState.WAITLISTED:
        return None
    return (
        with_waitlist_positions(Registration.objects.filter(pk=registration.pk))
        .values_list("waitlist_position", flat=True)
        .first()
    )


@dataclass
class RegistrationStats:
    confirmed: int
    attended: int
    waitlisted: int
    pending: int
    capacity: int | None

    @property
    def seats_taken(self) -> int:
        return self.confirmed + self.attended

    @property
    def places_left(self) -> int | None:
        return None if self.capacity is None else max(self.capacity - self.seats_taken, 0)

    @property
    def is_full(self) -> bool:
        """No place left, or people already waiting for one (who come before newcomers)."""
        return self.places_left == 0 or self.waitlisted > 0

    @property
    def percent_full(self) -> int:
        if not self.capacity:
            return 0
        return min(round(100 * self.seats_taken / self.capacity), 100)


def registration_stats(event: EventPage) -> RegistrationStats:
    counts = dict(
        Registration.objects.filter(event=event)
        .order_by()
        .values_list("state")
        .annotate(total=Count("pk"))
        .values_list("state", "total")
    )
    return RegistrationStats(
        confirmed=counts.get(RegistrationState.CONFIRMED, 0),
        attended=counts.get(RegistrationState.ATTENDED, 0),
        waitlisted=counts.get(RegistrationState.WAITLISTED, 0),
        pending=counts.get(RegistrationState.PENDING, 0),
        capacity=event.capacity,
    )


def attendees(event: EventPage) -> QuerySet[Registration]:
    """Every registration for the event, for its organisers, with what they need on one query."""
    return (
        Registration.objects.filter(event=event)
        .select_related("user", "working_group")
        .order_by("state", "waitlist_ticket", "created_at", "id")
    )


def waitlist_positions(registrations) -> dict[int, int]:
    """{registration id: position} for the waitlisted among already-loaded registrations."""
    queue = sorted(
        (r for r in registrations if r.state == RegistrationState.WAITLISTED),
        key=lambda r: (r.waitlist_ticket or 0, r.pk),
    )
    return {registration.pk: position for position, registration in enumerate(queue, 1)}


def registration_refusal(event: EventPage, *, now: datetime | None = None) -> str:
    """Why nobody can register for the event now, or "" if registration is open."""
    now = now or timezone.now()
    if not event.takes_registrations:
        return "This event does not take registrations on this site."
    if not event.live:
        return "This event is not published."
    if event.is_cancelled:
        return "This event has been cancelled."
    if event.starts_at <= now:
        return "Registration has closed: the event has already started."
    if event.registration_opens_at and now < event.registration_opens_at:
        opens = timezone.localtime(event.registration_opens_at, event.tzinfo)
        return f"Registration opens on {date_format(opens, 'l j F Y, g:i a')}."
    if now >= event.registration_closes:
        return "Registration has closed."
    return ""


def registration_badge(event: EventPage, *, now=None) -> tuple[str, str] | None:
    """(text, tag colour) for a list of events, or None. Needs with_registration_counts."""
    if event.is_cancelled:
        return ("Cancelled", "red")
    if registration_refusal(event, now=now):
        return None
    if event.registration_mode == RegistrationMode.INVITATION:
        return ("By invitation", "grey")
    if event.capacity is None:
        return ("Registration open", "green")
    left = event.capacity - event.seats_taken
    if left <= 0 or event.waitlist_length:
        if event.waitlist_enabled:
            return ("Full – join the waiting list", "orange")
        return ("Full", "red")
    return (f"Registration open: {left} place{'s' if left != 1 else ''} left", "green")


def can_manage(user, event: EventPage) -> bool:
    """The event's organiser, and editors who may edit the page."""
    if not user.is_authenticated or not user.is_active:
        return False
    if event.organiser_id == user.pk:
        return True
    return event.permissions_for_user(user).can_edit()
