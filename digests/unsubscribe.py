"""Unsubscribing from digests with a signed per-member link, no sign-in needed.

The token is the member's id signed with the secret key (django.core.signing), so it can't be
made up or altered; it does not expire, because a digest read months later must still stop
the next one.
"""

from django.core import signing
from django.urls import reverse

from members.emails import absolute_url
from members.models import DigestFrequency, Preferences, User

SALT = "digests.unsubscribe"


def unsubscribe_token(member_id: int) -> str:
    return signing.Signer(salt=SALT).sign(str(member_id))


def member_for_token(token: str) -> User | None:
    """The active member a token was signed for, or None for a forged or altered token."""
    try:
        member_id = int(signing.Signer(salt=SALT).unsign(token))
    except (signing.BadSignature, ValueError):
        return None
    return User.objects.filter(pk=member_id, is_active=True).select_related("preferences").first()


def unsubscribe_url(member_id: int) -> str:
    """The page with a confirm button, linked from the digest's footer."""
    return absolute_url(reverse("digests:unsubscribe", args=[unsubscribe_token(member_id)]))


def one_click_unsubscribe_url(member_id: int) -> str:
    """The List-Unsubscribe address mail clients POST to (RFC 8058)."""
    return absolute_url(
        reverse("digests:one_click_unsubscribe", args=[unsubscribe_token(member_id)])
    )


def unsubscribe(member: User) -> bool:
    """Turns the member's digest off at once; False if it was already off."""
    changed = (
        Preferences.objects.filter(user=member)
        .exclude(digest_frequency=DigestFrequency.OFF)
        .update(digest_frequency=DigestFrequency.OFF)
    )
    if not changed and not Preferences.objects.filter(user=member).exists():
        Preferences.objects.create(user=member, digest_frequency=DigestFrequency.OFF)
        return True
    return bool(changed)
