"""Read-side queries for events. Other apps call these, not the models."""

from django.db.models import QuerySet
from django.utils import timezone

from .models import EventPage


def event_list(
    *, past: bool = False, community=None, kind: str | None = None
) -> QuerySet[EventPage]:
    """Live events: upcoming soonest first, or past most recent first."""
    now = timezone.now()
    events = EventPage.objects.live().public().select_related("community")
    if past:
        events = events.filter(ends_at__lt=now).order_by("-starts_at", "-id")
    else:
        events = events.filter(ends_at__gte=now).order_by("starts_at", "id")
    if community is not None:
        events = events.filter(community=community)
    if kind:
        events = events.filter(kind=kind)
    return events
