"""Who may do what in a community: one place for every rule about standing in it (the
forum adds the rules about threads and posts, communities/forum/access.py).

Roles, from least to most: anonymous visitor, signed-in non-member, pending member (asked to
join), member, facilitator (moderates one community), editor (moderates every community:
superusers and anyone with communities.moderate_all_communities, which Wagtail's Editors and
Moderators groups have). What someone may not read answers 404, so that a members-only
community's discussions cannot even be confirmed to exist.
"""

from django.utils.functional import cached_property

from communities.membership.models import CommunityPage, Membership

MODERATE_ALL_PERMISSION = "communities.moderate_all_communities"


def is_editor(user) -> bool:
    return bool(
        user.is_authenticated
        and user.is_active
        and (user.is_superuser or user.has_perm(MODERATE_ALL_PERMISSION))
    )


class CommunityAccess:
    """One person's standing in one community, worked out once per request."""

    def __init__(self, user, community: CommunityPage, membership: Membership | None = None):
        self.user = user
        self.community = community
        self._membership = membership

    @classmethod
    def for_request(cls, request, community: CommunityPage) -> "CommunityAccess":
        cached = getattr(request, "_community_access", {})
        key = (cls, community.pk)
        if key not in cached:
            cached[key] = cls(request.user, community)
            request._community_access = cached
        return cached[key]

    @cached_property
    def membership(self) -> Membership | None:
        if self._membership is not None:
            return self._membership
        if not self.user.is_authenticated:
            return None
        return Membership.objects.filter(community=self.community, member=self.user).first()

    @property
    def is_signed_in(self) -> bool:
        return self.user.is_authenticated

    @property
    def is_member(self) -> bool:
        return self.membership is not None and self.membership.is_active

    @property
    def is_pending(self) -> bool:
        return self.membership is not None and self.membership.is_pending

    @property
    def is_facilitator(self) -> bool:
        return self.membership is not None and self.membership.is_facilitator

    @cached_property
    def is_editor(self) -> bool:
        return is_editor(self.user)

    @property
    def can_moderate(self) -> bool:
        return self.is_facilitator or self.is_editor

    @property
    def can_read(self) -> bool:
        """Threads, their feed and search results."""
        return self.community.discussions_are_public or self.is_member or self.is_editor

    @property
    def can_see_members(self) -> bool:
        if not self.is_signed_in:
            return False
        return self.can_read

    @property
    def can_post(self) -> bool:
        return self.is_member and self.user.is_active
