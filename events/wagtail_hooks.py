"""The events app in the Wagtail admin (the organiser chooser) and in members' rights over their
data (see members/privacy.py)."""

from wagtail import hooks

from members.privacy import MEMBER_DATA_EXPORT_HOOK, MEMBER_ERASURE_HOOK

from . import selectors, services
from .viewsets import organiser_chooser_viewset


@hooks.register("register_admin_viewset")
def register_organiser_chooser():
    return organiser_chooser_viewset


def _iso(value):
    return value.isoformat() if value else None


@hooks.register(MEMBER_DATA_EXPORT_HOOK)
def export_event_registrations(user) -> dict:
    registrations = selectors.registrations_of(user).select_related("working_group")
    return {
        "event_registrations": [
            {
                "event": registration.event.title,
                "event_url": registration.event.full_url,
                "event_starts_at": _iso(registration.event.starts_at),
                "state": registration.state,
                "registered_at": _iso(registration.created_at),
                "state_changed_at": _iso(registration.state_changed_at),
                "working_group": registration.working_group.name
                if registration.working_group
                else None,
                "organisation": registration.organisation,
                "accessibility_needs": registration.accessibility_needs,
                "dietary_needs": registration.dietary_needs,
                "comments": registration.comments,
                "other_answers": registration.custom_answers,
                "answers_erased_at": _iso(registration.answers_erased_at),
                "message_from_organisers": registration.decision_message,
                "checked_in_at": _iso(registration.checked_in_at),
            }
            for registration in registrations
        ],
        "event_calendar_feed": {
            "exists": hasattr(user, "event_calendar_feed"),
        },
    }


@hooks.register(MEMBER_ERASURE_HOOK)
def erase_event_registrations(user) -> None:
    services.member_registrations_erase(user=user)
