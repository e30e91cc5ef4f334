"""The community pages themselves, which gather what each room of the app holds: the
community's framing and members (membership), its latest discussions (forum) and case
studies (library). Events add theirs from their own template tags."""

from communities.forum.selectors import (
    is_watching_community,
    latest_threads,
    mark_unread,
    unread_thread_count,
)
from communities.library.selectors import case_study_list
from communities.membership.access import CommunityAccess
from communities.membership.models import CommunityIndexPage, CommunityPage
from communities.membership.selectors import community_list, member_count


def community_index(request, index: CommunityIndexPage):
    """/communities/: the eight connected-place components, each a community."""
    return index.render(request, context_overrides={"communities": community_list()})


def community_page(request, community: CommunityPage):
    """What the community page shows beyond its own fields: the framing is the page's."""
    access = CommunityAccess.for_request(request, community)
    context = {
        "access": access,
        "latest_case_studies": case_study_list(component=community)[:6],
        "member_count": member_count(community),
    }
    if access.can_read:
        threads = latest_threads(community, limit=5)
        if access.is_member:
            since = access.membership.since
            mark_unread(threads, member=request.user, since=since)
            context["unread_threads"] = unread_thread_count(
                community, member=request.user, since=since
            )
        context["latest_threads"] = threads
        context["watching_community"] = is_watching_community(request.user, community)
    return community.render(request, context_overrides=context)
