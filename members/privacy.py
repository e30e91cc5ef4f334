"""A member's rights over their data: a copy of everything we hold, and erasure.

Other apps hold data about members too (memberships, posts, registrations). They take part
through two Wagtail hooks, so that this app depends on none of them:

- ``MEMBER_DATA_EXPORT_HOOK``: ``fn(user) -> dict`` of sections to add to the export.
- ``MEMBER_ERASURE_HOOK``: ``fn(user) -> None``, called inside the erasure transaction before
  the account is deleted, to cancel or detach what must outlive it (registrations are
  cancelled so waitlists move; posts stay, shown as from a former member).
"""

from django.db import transaction
from django.utils import timezone
from wagtail import hooks

from .models import User
from .profiles import interest_titles

MEMBER_DATA_EXPORT_HOOK = "export_member_data"
MEMBER_ERASURE_HOOK = "erase_member_data"

PROFILE_FIELDS = [
    "email",
    "display_name",
    "handle",
    "first_name",
    "last_name",
    "organisation",
    "job_title",
    "sector",
    "place",
    "bio",
    "interests",
    "listed_in_directory",
    "date_joined",
    "last_login",
]
PREFERENCE_FIELDS = [
    "digest_frequency",
    "digest_day",
    "email_on_reply",
    "email_on_mention",
    "email_on_event_change",
    "in_app_notifications",
]


def _isoformat(value):
    return value.isoformat() if hasattr(value, "isoformat") else value


def export_member_data(user: User) -> dict:
    """Everything we hold about the member, as JSON-ready data."""
    profile = {field: _isoformat(getattr(user, field)) for field in PROFILE_FIELDS}
    profile["interest_titles"] = interest_titles(user)
    data = {
        "exported_at": timezone.now().isoformat(),
        "profile": profile,
        "email_addresses": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in user.emailaddress_set.order_by("email")
        ],
        "two_factor_authentication": sorted(user.authenticator_set.values_list("type", flat=True)),
        "preferences": {field: getattr(user.preferences, field) for field in PREFERENCE_FIELDS},
        "notifications": [
            {
                "kind": notification.kind,
                "message": notification.message,
                "url": notification.url,
                "created_at": notification.created_at.isoformat(),
                "read_at": _isoformat(notification.read_at),
            }
            for notification in user.notifications.order_by("created_at", "id")
        ],
    }
    for contribute in hooks.get_hooks(MEMBER_DATA_EXPORT_HOOK):
        data.update(contribute(user))
    return data


@transaction.atomic
def erase_member(user: User) -> None:
    """Deletes the account and every piece of personal data attached to it.

    What other members need to keep (their discussions) is kept by the other apps' erasure
    hooks, without the member's name.
    """
    for erase in hooks.get_hooks(MEMBER_ERASURE_HOOK):
        erase(user)
    user.delete()
