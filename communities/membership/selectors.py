"""Read-side queries for communities and case studies. Other apps call these, not the models."""

from django.db.models import Q, QuerySet

from communities.membership.access import is_editor
from communities.membership.models import (
    CommunityPage,
    DiscussionVisibility,
    Invitation,
    Membership,
    MembershipStatus,
    Role,
)
from members.models import User


def community_list() -> QuerySet[CommunityPage]:
    """The live communities in page-tree order (the order editors arrange them in)."""
    return CommunityPage.objects.live().public().order_by("path")


def interest_choices() -> list[tuple[str, str]]:
    """(slug, title) of each live community, for members' interests."""
    return list(community_list().values_list("slug", "title"))


# -- membership ---------------------------------------------------------------------------------


def member_count(community: CommunityPage) -> int:
    return Membership.objects.active().filter(community=community).count()


def community_members(community: CommunityPage) -> QuerySet[User]:
    """The community's active members, for the member directory to narrow to."""
    return User.objects.filter(
        community_memberships__community=community,
        community_memberships__status=MembershipStatus.ACTIVE,
    )


def facilitator_list(community: CommunityPage) -> list[User]:
    return list(
        User.objects.filter(
            is_active=True,
            community_memberships__community=community,
            community_memberships__status=MembershipStatus.ACTIVE,
            community_memberships__role=Role.FACILITATOR,
        )
        .order_by("display_name", "id")
        .only("id", "handle", "display_name", "listed_in_directory")
    )


def membership_list(community: CommunityPage) -> QuerySet[Membership]:
    """Every active membership, facilitators first, for the facilitators' roles table."""
    return (
        Membership.objects.active()
        .filter(community=community)
        .select_related("member")
        .order_by("role", "member__display_name", "id")  # "facilitator" sorts before "member"
    )


def join_requests(community: CommunityPage | None = None) -> QuerySet[Membership]:
    """Requests to join waiting for a facilitator: the community's, or every community's."""
    requests = Membership.objects.pending().select_related("member", "community")
    if community is not None:
        requests = requests.filter(community=community)
    return requests.order_by("requested_at", "id")


def invitation_list(community: CommunityPage, *, limit: int = 50) -> list[Invitation]:
    """The community's latest invitations, for its facilitators."""
    return list(
        Invitation.objects.filter(community=community)
        .select_related("invited_by")
        .order_by("-created_at", "-id")[:limit]
    )


def communities_of(member: User, *, visible_to: User | None = None) -> list[CommunityPage]:
    """The live communities the member belongs to, in tree order, each with the member's role
    as `member_role`. A members-only community is left out unless the viewer may read it."""
    memberships = {
        membership.community_id: membership
        for membership in Membership.objects.active().filter(member=member)
    }
    communities = list(
        community_list()
        .filter(pk__in=memberships)
        .only("id", "title", "url_path", "path", "slug", "discussion_visibility")
    )
    own_profile = visible_to is not None and visible_to.pk == member.pk
    viewer_member_of = set()
    if visible_to is not None and visible_to.is_authenticated and not own_profile:
        viewer_member_of = set(
            Membership.objects.active()
            .filter(member=visible_to, community_id__in=memberships)
            .values_list("community_id", flat=True)
        )
    result = []
    for community in communities:
        if community.discussions_are_public or own_profile or community.pk in viewer_member_of:
            community.member_role = memberships[community.pk].get_role_display()
            result.append(community)
    return result


def moderated_communities(user: User) -> QuerySet[CommunityPage]:
    """Where the user may move a thread to: communities they facilitate (every one for editors)."""
    communities = community_list()
    if is_editor(user):
        return communities
    return communities.filter(
        memberships__member=user,
        memberships__status=MembershipStatus.ACTIVE,
        memberships__role=Role.FACILITATOR,
    )


# -- discussions --------------------------------------------------------------------------------


def readable_community_ids(user: User) -> list[int]:
    """The communities whose discussions the user may read."""
    communities = community_list()
    if is_editor(user):
        return list(communities.values_list("pk", flat=True))
    readable = Q(discussion_visibility=DiscussionVisibility.PUBLIC)
    if user.is_authenticated:
        readable |= Q(pk__in=Membership.objects.active().filter(member=user).values("community_id"))
    return list(communities.filter(readable).values_list("pk", flat=True))


# -- moderation ---------------------------------------------------------------------------------
