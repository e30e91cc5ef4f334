"""A member's rights over their data: a copy of everything we hold, and erasure.

Other apps hold data about members too (memberships, posts, registrations). They take part
through two Wagtail hooks, so that this app depends on none of them:

- ``MEMBER_DATA_EXPORT_HOOK``: ``fn(user) -> dict`` of sections to add to the export.
- ``MEMBER_ERASURE_HOOK``: ``fn(user) -> None``, called inside the erasure transaction before
  the account is deleted, to cancel or detach what must outlive it (registrations are
  cancelled so waitlists move; posts stay, shown as from a former member).
"""

import json
from datetime import timedelta
from importlib import import_module

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone
from wagtail import hooks

from .models import Notification, Preferences, User
from .profiles import interest_titles

MEMBER_DATA_EXPORT_HOOK = "export_member_data"
MEMBER_ERASURE_HOOK = "erase_member_data"

# The account and profile fields in the export; the password is never exported.
PROFILE_FIELDS = [
    "email",
    "first_name",
    "last_name",
    *User.PROFILE_FIELDS,
    "date_joined",
    "last_login",
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
        "preferences": {
            field: getattr(user.preferences, field) for field in Preferences.CHOICE_FIELDS
        },
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


FORMER_MEMBER = "a former member"


def erase_member(user: User) -> None:
    """Deletes the account and every piece of personal data attached to it.

    What other members need to keep (their discussions) is kept by the other apps' erasure
    hooks, without the member's name. The member is signed out on every device.
    """
    erase_members([user])


@transaction.atomic
def erase_members(users: list[User]) -> None:
    """erase_member() for each of the users, reading the session table once for all of them."""
    if not users:
        return
    _delete_sessions_of(users)
    for user in users:
        for erase in hooks.get_hooks(MEMBER_ERASURE_HOOK):
            erase(user)
        _anonymise_notifications_about(user)
        user.delete()


def _anonymise_notifications_about(user: User) -> None:
    """Other members keep their notifications about what the member did, without the name.

    Deleting the account clears the actor; the message text ("Ada Lovelace replied...") is
    rewritten here.
    """
    names = sorted(
        {name for name in (user.display_name, user.get_full_name(), user.email) if name},
        key=len,
        reverse=True,
    )
    if user.handle:
        names.append(f"@{user.handle}")
    changed = []
    for notification in Notification.objects.filter(actor=user).only("id", "message"):
        message = notification.message
        for name in names:
            message = message.replace(name, FORMER_MEMBER)
        if message.startswith(FORMER_MEMBER):
            message = message[0].upper() + message[1:]
        if message != notification.message:
            notification.message = message
            changed.append(notification)
    Notification.objects.bulk_update(changed, ["message"])


def _delete_sessions_of(users: list[User]) -> None:
    """Ends the members' sessions, and any other session that still holds their addresses.

    A session stores only the member's id once they are signed in, but allauth keeps the
    address in an anonymous session during sign-up, sign-in by code and password resets.
    Sessions live in the database (and, in production, a cache in front of it), so each one
    is deleted through the session engine to clear both.
    """
    session_store = import_module(settings.SESSION_ENGINE).SessionStore
    member_ids = {str(user.pk) for user in users}
    addresses = {user.email.lower() for user in users} | {
        address.lower()
        for address in EmailAddress.objects.filter(user__in=users).values_list("email", flat=True)
    }
    for session in Session.objects.iterator():
        data = session.get_decoded()
        text = json.dumps(data, default=str).lower()
        if str(data.get(SESSION_KEY)) in member_ids or any(a in text for a in addresses):
            session_store(session_key=session.session_key).delete()


UNCONFIRMED_ACCOUNT_RETENTION = timedelta(days=30)


def delete_stale_unconfirmed_accounts(now=None) -> int:
    """Erases accounts older than the retention period that have no confirmed address."""
    cutoff = (now or timezone.now()) - UNCONFIRMED_ACCOUNT_RETENTION
    stale = list(
        User.objects.filter(
            date_joined__lt=cutoff, is_staff=False, last_login__isnull=True
        ).exclude(emailaddress__verified=True)
    )
    erase_members(stale)
    return len(stale)
