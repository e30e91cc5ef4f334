"""Read-side queries for communities and case studies. Other apps call these, not the models."""

from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet, Subquery

from communities.forum.models import (
    Flag,
    Post,
    PostRevision,
    Reaction,
    ReactionKind,
    ReadMarker,
    Thread,
    Watch,
)
from communities.library.models import CaseStudyPage
from communities.membership.models import (
    CommunityPage,
)
from communities.membership.selectors import readable_community_ids
from members.models import User


def thread_list(community: CommunityPage, *, include_hidden: bool = False) -> QuerySet[Thread]:
    """The community's threads, pinned first, then by latest activity (the discussions page
    filters them with communities.forum.filters.ThreadFilterSet)."""
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


def is_watching_community(member: User, community: CommunityPage) -> bool:
    return (
        member.is_authenticated
        and Watch.objects.filter(member=member, community=community).exists()
    )


def post_url(post: Post, community: CommunityPage | None = None) -> str:
    """A permanent link to a post; it redirects to the right page of its thread."""
    community = community or post.thread.community
    return f"{community.url}posts/{post.pk}/"
