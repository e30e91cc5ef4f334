"""The communities app in the Wagtail admin, on members' profiles, and in their data rights."""

from django.db.models import F
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.admin.viewsets.model import ModelViewSet

from communities.admin_views import site_moderation_queue
from communities.forum.models import Post, Reaction, ReactionKind, ReadMarker, Watch
from communities.forum.selectors import recent_public_posts
from communities.library.submissions import (
    case_study_submissions_of,
    submissions_erase,
    submissions_export,
)
from communities.membership.access import MODERATE_ALL_PERMISSION
from communities.membership.models import Invitation, Membership
from communities.membership.selectors import communities_of
from members.choosers import member_chooser_viewset
from members.privacy import MEMBER_DATA_EXPORT_HOOK, MEMBER_ERASURE_HOOK
from members.profile_sections import MEMBER_PROFILE_SECTIONS_HOOK, ProfileSection

# -- facilitators, managed by editors -----------------------------------------------------------


class MembershipViewSet(ModelViewSet):
    """Editors appoint and remove facilitators, approve requests and remove members."""

    model = Membership
    icon = "group"
    menu_label = "Community members"
    menu_order = 310
    add_to_admin_menu = True
    panels = [
        FieldPanel("community"),
        # A chooser: a drop-down would put every account into the page.
        FieldPanel("member", widget=member_chooser_viewset.widget_class),
        FieldPanel("role"),
        FieldPanel("status"),
    ]
    list_display = ["member", "community", "role", "status", "joined_at"]
    list_filter = ["role", "status", "community"]
    search_fields = ["member__email", "member__display_name", "member__organisation"]
    search_backend_name = None
    ordering = ["community", "role", "member__display_name"]
    inspect_view_enabled = False


@hooks.register("register_admin_viewset")
def register_membership_viewset():
    return MembershipViewSet("community_memberships")


# -- the site-wide moderation queue, for editors -----------------------------------------------


@hooks.register("register_admin_urls")
def register_moderation_url():
    return [path("community-moderation/", site_moderation_queue, name="community_moderation")]


class ModerationMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(MODERATE_ALL_PERMISSION)


@hooks.register("register_admin_menu_item")
def register_moderation_menu_item():
    return ModerationMenuItem(
        "Community moderation",
        reverse("community_moderation"),
        icon_name="warning",
        order=320,
    )


# -- members' profiles ----------------------------------------------------------------------------


@hooks.register(MEMBER_PROFILE_SECTIONS_HOOK)
def member_community_sections(request, member):
    """The member's communities and recent posts, each only if there is something to show."""
    sections = [
        (
            "Communities",
            "communities/includes/member_communities.html",
            {"member_communities": communities_of(member, visible_to=request.user)},
        ),
        (
            "Recent posts",
            "communities/includes/member_posts.html",
            {"member_posts": recent_public_posts(member, visible_to=request.user)},
        ),
    ]
    return [
        ProfileSection(heading=heading, template_name=template_name, context=context)
        for heading, template_name, context in sections
        if any(context.values())
    ]


# -- members' data rights -----------------------------------------------------------------------


def _iso(value):
    return value.isoformat() if value else None


@hooks.register(MEMBER_DATA_EXPORT_HOOK)
def export_community_data(user) -> dict:
    memberships = Membership.objects.filter(member=user).select_related("community")
    posts = (
        Post.objects.filter(author=user)
        .select_related("thread", "thread__community")
        .order_by("created_at", "id")
    )
    return {
        "community_memberships": [
            {
                "community": membership.community.title,
                "role": membership.role,
                "status": membership.status,
                "request_message": membership.request_message,
                "requested_at": _iso(membership.requested_at),
                "joined_at": _iso(membership.joined_at),
            }
            for membership in memberships
        ],
        "discussions_started": [
            {
                "title": thread.title,
                "community": thread.community.title,
                "created_at": _iso(thread.created_at),
                "tags": [tag.name for tag in thread.tags.all()],
            }
            for thread in user.threads.select_related("community").prefetch_related("tags")
        ],
        "posts": [
            {
                "discussion": post.thread.title,
                "community": post.thread.community.title,
                "created_at": _iso(post.created_at),
                "edited_at": _iso(post.edited_at),
                "deleted": post.is_deleted,
                "hidden_by_a_facilitator": post.is_hidden,
                "awaiting_approval": post.is_held,
                "text": post.body_markdown,
                "earlier_versions": [
                    {"text": revision.body_markdown, "written_at": _iso(revision.written_at)}
                    for revision in post.revisions.all()
                ],
            }
            for post in posts.prefetch_related("revisions")
        ],
        "watching": [
            {
                "discussion": watch.thread.title if watch.thread else None,
                "community": watch.community.title if watch.community else None,
                "since": _iso(watch.created_at),
            }
            for watch in Watch.objects.filter(member=user).select_related("thread", "community")
        ],
        "posts_found_helpful": [
            {"discussion": reaction.post.thread.title, "at": _iso(reaction.created_at)}
            for reaction in Reaction.objects.filter(member=user).select_related("post__thread")
        ],
        "reports_made": [
            {
                "discussion": flag.post.thread.title,
                "reason": flag.reason,
                "details": flag.details,
                "created_at": _iso(flag.created_at),
                "resolution": flag.resolution,
            }
            for flag in user.flags.select_related("post__thread")
        ],
        "discussions_read": [
            {"discussion": marker.thread.title, "read_up_to_post": marker.last_read_number}
            for marker in ReadMarker.objects.filter(member=user).select_related("thread")
        ],
    }


@hooks.register(MEMBER_ERASURE_HOOK)
def erase_community_data(user) -> None:
    """Posts and threads stay, shown as from a former member (their author becomes empty as
    the account goes); what only concerns the member is deleted."""
    Post.objects.filter(
        reactions__member=user, reactions__kind=ReactionKind.HELPFUL, helpful_count__gt=0
    ).update(helpful_count=F("helpful_count") - 1)
    Reaction.objects.filter(member=user).delete()
    ReadMarker.objects.filter(member=user).delete()
    Watch.objects.filter(member=user).delete()
    addresses = {
        user.email.lower(),
        *(a.lower() for a in user.emailaddress_set.values_list("email", flat=True)),
    }
    for address in addresses:
        Invitation.objects.filter(email__iexact=address).delete()
    Membership.objects.filter(member=user).delete()


# -- case studies members submitted ---------------------------------------------------------------

PROFILE_CASE_STUDIES = 10


@hooks.register(MEMBER_PROFILE_SECTIONS_HOOK)
def member_case_study_section(request, member):
    """The case studies the member submitted: all of them, with where each is, for the member;
    only the published ones for anyone else."""
    submissions = case_study_submissions_of(
        member, visible_to=request.user, limit=PROFILE_CASE_STUDIES
    )
    own = request.user.is_authenticated and request.user.pk == member.pk
    if not submissions and not own:
        return []
    return [
        ProfileSection(
            heading="Case studies",
            template_name="communities/includes/member_case_study_section.html",
            context={"submissions": submissions, "show_status": own},
        )
    ]


@hooks.register(MEMBER_ERASURE_HOOK)
def erase_case_study_submissions(user) -> None:
    submissions_erase(user)


@hooks.register(MEMBER_DATA_EXPORT_HOOK)
def export_case_study_submissions(user) -> dict:
    return {"case_studies_submitted": submissions_export(user)}
