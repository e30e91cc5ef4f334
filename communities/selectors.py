"""Read-side queries for communities and case studies. Other apps call these, not the models."""

from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet, Subquery

from members.models import User

from .models import (
    CaseStudyPage,
    CommunityPage,
    DiscussionVisibility,
    Flag,
    Invitation,
    Membership,
    MembershipStatus,
    Post,
    PostRevision,
    Reaction,
    ReactionKind,
    ReadMarker,
    Role,
    Thread,
    Watch,
)


def community_list() -> QuerySet[CommunityPage]:
    """The live communities in page-tree order (the order editors arrange them in)."""
    return CommunityPage.objects.live().public().order_by("path")


def case_study_list(
    *,
    component: CommunityPage | None = None,
    place_type: str | None = None,
    organisation: str | None = None,
) -> QuerySet[CaseStudyPage]:
    """Live case studies, newest first, with their components prefetched for cards: for the
    home and community pages and the digests. The library's own filters, sorts and related
    case studies are in communities/case_studies.py."""
    case_studies = (
        CaseStudyPage.objects.live()
        .public()
        .prefetch_related(
            Prefetch(
                "components",
                queryset=CommunityPage.objects.live()
                .order_by("path")
                .only("id", "title", "url_path", "path"),
            )
        )
        .order_by("-published_date", "-id")
    )
    if component is not None:
        case_studies = case_studies.filter(components=component)
    if place_type:
        case_studies = case_studies.filter(place_type=place_type)
    if organisation:
        case_studies = case_studies.filter(organisation=organisation)
    return case_studies


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
    from .access import is_editor

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
    from .access import is_editor

    communities = community_list()
    if is_editor(user):
        return list(communities.values_list("pk", flat=True))
    readable = Q(discussion_visibility=DiscussionVisibility.PUBLIC)
    if user.is_authenticated:
        readable |= Q(pk__in=Membership.objects.active().filter(member=user).values("community_id"))
    return list(communities.filter(readable).values_list("pk", flat=True))


def thread_list(community: CommunityPage, *, include_hidden: bool = False) -> QuerySet[Thread]:
    """The community's threads, pinned first, then by latest activity (the discussions page
    filters them with communities.filters.ThreadFilterSet)."""
    threads = Thread.objects.filter(community=community, is_held=False)
    if not include_hidden:
        threads = threads.filter(is_hidden=False)
    return (
        threads.select_related("author", "last_poster")
        .prefetch_related("tags")
        .order_by("-is_pinned", "-last_activity_at", "-id")
    )


def thread_in_community(
    community: CommunityPage, thread_id: int, *, reader: User | None = None
) -> Thread | None:
    """The thread with this id, only if it belongs to this community.

    With a signed-in `reader`, also what the thread is to them, in the same query:
    `reader_marker` (how far they have read: a ReadMarker, or None) and `reader_watching`.
    """
    threads = Thread.objects.select_related("author", "accepted_answer").filter(
        pk=thread_id, community=community
    )
    knows_reader = reader is not None and reader.is_authenticated
    if knows_reader:
        markers = ReadMarker.objects.filter(member=reader, thread=OuterRef("pk"))
        threads = threads.annotate(
            reader_marker_id=Subquery(markers.values("pk")[:1]),
            reader_last_read=Subquery(markers.values("last_read_number")[:1]),
            reader_watching=Exists(Watch.objects.filter(member=reader, thread=OuterRef("pk"))),
        )
    thread = threads.first()
    if thread is None:
        return None
    thread.community = community
    if knows_reader:
        thread.reader_marker = (
            ReadMarker(
                pk=thread.reader_marker_id,
                member=reader,
                thread=thread,
                last_read_number=thread.reader_last_read,
            )
            if thread.reader_marker_id
            else None
        )
    return thread


def post_in_community(community: CommunityPage, post_id: int) -> Post | None:
    post = (
        Post.objects.select_related("thread", "author")
        .filter(pk=post_id, thread__community=community)
        .first()
    )
    if post is not None:
        post.thread.community = community
    return post


def thread_posts(thread: Thread) -> QuerySet[Post]:
    """The thread's published posts in order, with what each post shows about its author and
    the post it replies to, and the case studies it links to (live and public ones, for the
    cards under it)."""
    linked_case_studies = (
        CaseStudyPage.objects.live()
        .public()
        .only("title", "url_path", "path", "depth", "organisation", "place", "summary")
        .order_by("title", "id")
    )
    return (
        Post.objects.published()
        .filter(thread=thread)
        .select_related("author", "reply_to", "reply_to__author")
        .prefetch_related(Prefetch("case_studies", queryset=linked_case_studies))
        .order_by("number")
    )


def helpful_post_ids(member: User, posts) -> set[int]:
    if not member.is_authenticated:
        return set()
    return set(
        Reaction.objects.filter(
            member=member, post__in=[post.pk for post in posts], kind=ReactionKind.HELPFUL
        ).values_list("post_id", flat=True)
    )


def read_marker(member: User, thread: Thread) -> ReadMarker | None:
    if not member.is_authenticated:
        return None
    return ReadMarker.objects.filter(member=member, thread=thread).first()


def is_watching_community(member: User, community: CommunityPage) -> bool:
    return (
        member.is_authenticated
        and Watch.objects.filter(member=member, community=community).exists()
    )


def mark_unread(threads, *, member: User, since) -> None:
    """Sets `unread_count` and `is_new` on each thread for the member (one query).

    A thread the member has opened counts the posts after the last one they saw; one they
    have never opened is new if anything happened in it since they joined.
    """
    threads = list(threads)
    markers = dict(
        ReadMarker.objects.filter(member=member, thread__in=[t.pk for t in threads]).values_list(
            "thread_id", "last_read_number"
        )
    )
    for thread in threads:
        read = markers.get(thread.pk)
        if read is None:
            thread.is_new = since is not None and thread.last_activity_at > since
            thread.unread_count = thread.last_post_number if thread.is_new else 0
        else:
            thread.is_new = False
            thread.unread_count = max(thread.last_post_number - read, 0)


def unread_thread_count(community: CommunityPage, *, member: User, since) -> int:
    """How many of the community's threads have posts the member has not read."""
    last_read = ReadMarker.objects.filter(member=member, thread=OuterRef("pk")).values(
        "last_read_number"
    )[:1]
    return (
        Thread.objects.published()
        .filter(community=community)
        .annotate(last_read=Subquery(last_read))
        .filter(
            Q(last_read__isnull=True, last_activity_at__gt=since)
            | Q(last_read__lt=F("reply_count") + 1)
        )
        .count()
    )


def latest_threads(community: CommunityPage, *, limit: int = 5) -> list[Thread]:
    return list(thread_list(community)[:limit])


def newest_threads_for_feed(community: CommunityPage, *, limit: int = 30) -> QuerySet[Thread]:
    return (
        Thread.objects.published()
        .filter(community=community)
        .select_related("author")
        .prefetch_related(
            Prefetch("posts", queryset=Post.objects.filter(number=1), to_attr="opening_posts")
        )
        .order_by("-created_at", "-id")[:limit]
    )


def recent_public_posts(member: User, *, visible_to: User, limit: int = 5) -> list[Post]:
    """The member's latest posts that the viewer may read, newest first."""
    return list(
        Post.objects.published()
        .filter(
            author=member,
            is_deleted=False,
            is_hidden=False,
            thread__is_hidden=False,
            thread__community_id__in=readable_community_ids(visible_to),
        )
        .select_related("thread", "thread__community")
        .order_by("-created_at", "-id")[:limit]
    )


def post_revisions(post: Post) -> QuerySet[PostRevision]:
    return post.revisions.select_related("edited_by").order_by("-replaced_at", "-id")


# -- moderation ---------------------------------------------------------------------------------


def open_flags(community: CommunityPage | None = None) -> QuerySet[Flag]:
    flags = Flag.objects.open().select_related(
        "post", "post__author", "post__thread", "post__thread__community", "reporter"
    )
    if community is not None:
        flags = flags.filter(post__thread__community=community)
    return flags.order_by("created_at", "id")


def held_posts(community: CommunityPage | None = None) -> QuerySet[Post]:
    posts = Post.objects.filter(is_held=True).select_related(
        "author", "thread", "thread__community"
    )
    if community is not None:
        posts = posts.filter(thread__community=community)
    return posts.order_by("created_at", "id")
