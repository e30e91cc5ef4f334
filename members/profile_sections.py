"""Sections that other apps add to a member's profile page, through a Wagtail hook.

The members app depends on no other app of ours, so the profile page cannot ask the
communities or events apps for a member's communities or recent posts. Instead they register
a function with the ``member_profile_sections`` hook (``MEMBER_PROFILE_SECTIONS_HOOK``) in their
``wagtail_hooks.py``::

    from wagtail import hooks
    from members.profile_sections import MEMBER_PROFILE_SECTIONS_HOOK, ProfileSection

    @hooks.register(MEMBER_PROFILE_SECTIONS_HOOK)
    def member_communities(request, member):
        communities = communities_of(member, visible_to=request.user)
        if not communities:
            return []
        return [
            ProfileSection(
                heading="Communities",
                template_name="communities/includes/member_communities.html",
                context={"communities": communities},
            )
        ]

The function is called as ``fn(request, member)``: ``request.user`` is the signed-in member
looking at the page (show them only what they may see), ``member`` the profile's owner. It
returns a list (or None) of objects with a ``heading``, a ``template_name`` and a ``context``
dict (or None). The page renders each section in hook order, under an ``<h2>`` of its heading,
by rendering the template with its context plus ``member`` and ``request``. A section's
template should start at ``<h3>`` if it needs headings, and should cost a fixed number of
queries however long the member's history (list a few recent items, not all of them).
"""

from dataclasses import dataclass, field

from django.http import HttpRequest
from wagtail import hooks

from .models import User

MEMBER_PROFILE_SECTIONS_HOOK = "member_profile_sections"


@dataclass(frozen=True)
class ProfileSection:
    heading: str
    template_name: str
    context: dict | None = field(default=None)


def profile_sections(request: HttpRequest, member: User) -> list:
    """Every registered app's sections for this profile, in hook order."""
    sections = []
    for sections_for in hooks.get_hooks(MEMBER_PROFILE_SECTIONS_HOOK):
        sections.extend(sections_for(request, member) or [])
    return sections
