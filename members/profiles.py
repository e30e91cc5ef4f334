"""Profiles: handles, interests and who appears in the member directory."""

from django.conf import settings
from django.db.models import QuerySet
from django.utils.module_loading import import_string
from django.utils.text import slugify

from .models import User

HANDLE_MAX_LENGTH = 30


def interest_choices() -> list[tuple[str, str]]:
    """(slug, title) of each component a member can be interested in.

    The components are community pages, which members can't import, so the settings name the
    function that lists them.
    """
    return list(import_string(settings.MEMBER_INTEREST_CHOICES)())


def interest_titles(user: User) -> list[str]:
    titles = dict(interest_choices())
    return [titles[slug] for slug in user.interests if slug in titles]


def suggest_handle(name: str, *, for_user: User | None = None) -> str:
    """A free handle made from the member's name: "Ada Lovelace" becomes "ada-lovelace"."""
    base = slugify(name)[:HANDLE_MAX_LENGTH].strip("-") or "member"
    if len(base) < 3:
        base = f"{base}-member"
    taken = set(
        User.objects.filter(handle__startswith=base)
        .exclude(pk=getattr(for_user, "pk", None))
        .values_list("handle", flat=True)
    )
    if base not in taken:
        return base
    for number in range(2, len(taken) + 3):
        suffix = f"-{number}"
        candidate = f"{base[: HANDLE_MAX_LENGTH - len(suffix)].rstrip('-')}{suffix}"
        if candidate not in taken:
            return candidate
    raise AssertionError("unreachable: one of len(taken) + 1 candidates is free")


def directory(*, members: QuerySet | None = None) -> QuerySet:
    """Active members who chose to be listed and have a profile to show, by name (searched
    with members.filters.DirectoryFilterSet).

    `members` narrows the directory, for example to one community's members.
    """
    listed = (members if members is not None else User.objects.all()).filter(
        is_active=True, listed_in_directory=True, handle__isnull=False
    )
    return listed.order_by("display_name", "id").only(
        "id", "handle", "display_name", "organisation", "job_title", "sector", "place"
    )


def visible_profile(handle: str, *, viewer: User) -> User | None:
    """The member whose profile `viewer` may see under this handle, or None.

    Members who hide from the directory hide their profile page too, except from themselves.
    """
    member = User.objects.filter(handle=handle, is_active=True).first()
    if member is None or not viewer.is_authenticated:
        return None
    if member.listed_in_directory or member.pk == viewer.pk:
        return member
    return None


def author_name(user: User | None) -> str:
    """What to call the author of something: their name, or "A former member" once their
    account is gone."""
    if user is None:
        return "A former member"
    return user.get_full_name() or "A member"
