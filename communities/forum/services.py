"""Starting threads, replying, editing, deleting, reactions, answers, watching and reading."""

import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.text import slugify
from wagtail.search import index as search_index
from wagtail.search.backends import get_search_backends

from communities.forum.models import (
    PendingReplyEmail,
    Post,
    PostRevision,
    Reaction,
    ReactionKind,
    ReadMarker,
    Thread,
    Watch,
)
from communities.forum.rendering import mentioned_handles
from communities.forum.selectors import post_url
from communities.library.selectors import post_case_studies_update
from communities.membership.models import CommunityPage, MembershipStatus
from core.rate_limits import RateLimit
from members.models import User
from members.notifications import email_after_commit, notify
from members.profiles import author_name

POSTING_LIMIT = RateLimit(
    "community_post",
    lambda amount, window: (
        f"You have posted {amount} time{'s' if amount != 1 else ''} in the last {window}, "
        "which is as many as we allow. Wait a few minutes, then post again. Your text "
        "has been kept."
    ),
)


class PostingRefused(Exception):
    """A post that cannot be made now; the message is written for the member."""


def thread_slug(title: str) -> str:
    return slugify(title)[:80].strip("-") or "discussion"


def should_hold(member: User, *, moderator: bool = False) -> bool:
    """Whether a brand-new account's post waits for a facilitator (COMMUNITY_HOLD_FIRST_POSTS):
    until the member has one published post, while the account is young."""
    if not settings.COMMUNITY_HOLD_FIRST_POSTS or moderator or member.is_staff:
        return False
    young_since = timezone.now() - datetime.timedelta(days=settings.COMMUNITY_NEW_ACCOUNT_DAYS)
    if member.date_joined < young_since:
        return False
    return not Post.objects.filter(author=member, number__isnull=False).exists()


# -- announcing ----------------------------------------------------------------------------------


def _readers(community: CommunityPage):
    """Members who can read the community's threads."""
    readers = User.objects.filter(is_active=True)
    if community.discussions_are_public:
        return readers
    return readers.filter(
        community_memberships__community=community,
        community_memberships__status=MembershipStatus.ACTIVE,
    )


def _tell_mentioned(post: Post, handles: set[str]) -> set[int]:
    """Tells the readers of the post's thread whose handles are in `handles` (not its author)
    that they were mentioned: in the app now, by email from Celery. Returns their ids."""
    if not handles:
        return set()
    thread = post.thread
    mentioned = list(
        _readers(thread.community)
        .filter(handle__in=handles)
        .exclude(pk=post.author_id)
        .select_related("preferences")
    )
    if not mentioned:
        return set()
    notify(
        mentioned,
        kind="mention",
        message=f"{author_name(post.author)} mentioned you in “{thread.title}”",
        url=post_url(post),
        actor=post.author,
    )
    wanting_email = [user.pk for user in mentioned if user.preferences.email_on_mention]
    if wanting_email:
        email_after_commit("communities.forum.tasks.send_mention_emails", post.pk, wanting_email)
    return {user.pk for user in mentioned}


def _announce(post: Post, *, new_thread: bool = False, mentions: set[str] | None = None) -> None:
    """Tells mentioned members and watchers about a newly published post: in the app now, by
    email from Celery (mentions at once, watchers batched)."""
    thread = post.thread
    if thread.is_hidden:
        return
    community = thread.community
    told = _tell_mentioned(post, post.mentioned_handles if mentions is None else mentions)
    watchers = list(
        _readers(community)
        .filter(Q(watches__thread=thread) | Q(watches__community=community))
        .exclude(pk__in={*told, post.author_id})
        .distinct()
        .select_related("preferences")
    )
    if not watchers:
        return
    name = author_name(post.author)
    notify(
        watchers,
        kind="new-thread" if new_thread else "reply",
        message=(
            f"{name} started “{thread.title}” in {community.title}"
            if new_thread
            else f"{name} replied to “{thread.title}”"
        ),
        url=post_url(post),
        actor=post.author,
    )
    emailed = [user.pk for user in watchers if user.preferences.email_on_reply]
    if emailed:
        PendingReplyEmail.objects.bulk_create(
            [PendingReplyEmail(recipient_id=pk, post=post) for pk in emailed],
            ignore_conflicts=True,
        )
        email_after_commit("communities.forum.tasks.send_reply_emails", emailed)


def _number_next_post(thread: Thread, *, author: User | None, at: datetime.datetime) -> int:
    """Takes the thread's next post number. The UPDATE locks the thread's row until the
    transaction ends, so two replies at once get consecutive numbers."""
    Thread.objects.filter(pk=thread.pk).update(
        reply_count=F("reply_count") + 1, last_activity_at=at, last_poster=author
    )
    thread.reply_count = Thread.objects.values_list("reply_count", flat=True).get(pk=thread.pk)
    thread.last_activity_at = at
    thread.last_poster = author
    return thread.reply_count + 1


def thread_search_index_update(thread: Thread) -> None:
    """Re-indexes the thread for site search after its opening post changed. Wagtail's signal
    handlers index a thread when the thread is saved, not when one of its posts is."""
    search_index.insert_or_update_object(thread)


REINDEX_BATCH_SIZE = 500


def community_threads_reindex(*, community_id: int) -> int:
    """Re-indexes a community's threads (their index entries carry its title), in batches;
    returns how many there were."""
    threads = (
        Thread.objects.filter(community_id=community_id)
        .select_related("community")
        .prefetch_related("tags")
        .order_by("pk")
    )
    backends = list(get_search_backends(with_auto_update=True))
    count = threads.count()
    for start in range(0, count, REINDEX_BATCH_SIZE):
        batch = list(threads[start : start + REINDEX_BATCH_SIZE])
        for backend in backends:
            backend.add_bulk(Thread, batch)
    return count


# -- writing ---------------------------------------------------------------------------------


@transaction.atomic
def thread_start(
    *,
    community: CommunityPage,
    author: User,
    title: str,
    body: str,
    tags: list[str] | tuple = (),
    moderator: bool = False,
) -> Thread:
    """Starts a thread with its opening post; the author watches it from then on."""
    if not moderator:
        POSTING_LIMIT.consume(author)
    held = should_hold(author, moderator=moderator)
    now = timezone.now()
    title = " ".join(title.split())
    thread = Thread.objects.create(
        community=community,
        title=title,
        slug=thread_slug(title),
        author=author,
        is_held=held,
        created_at=now,
        last_activity_at=now,
        last_poster=author,
    )
    if tags:
        thread.tags.set(list(tags))
    post = Post.objects.create(
        thread=thread,
        author=author,
        number=None if held else 1,
        is_held=held,
        body_markdown=body,
        created_at=now,
    )
    post_case_studies_update(post=post, created=True)
    Watch.objects.get_or_create(member=author, thread=thread)
    # Saving the thread indexed it before its tags and opening post existed.
    thread_search_index_update(thread)
    if not held:
        read_marker_advance(member=author, thread=thread, number=1, marker=None)
        _announce(post, new_thread=True)
    return thread


@transaction.atomic
def post_reply(
    *,
    thread: Thread,
    author: User,
    body: str,
    reply_to: Post | None = None,
    moderator: bool = False,
) -> Post:
    """Adds a reply; quoting `reply_to` (a published post of the same thread)."""
    if thread.is_locked and not moderator:
        raise PostingRefused("This discussion is locked, so nobody can reply to it.")
    if not moderator:
        POSTING_LIMIT.consume(author)
    if reply_to is not None and (reply_to.thread_id != thread.pk or reply_to.number is None):
        reply_to = None
    held = should_hold(author, moderator=moderator)
    now = timezone.now()
    number = None if held else _number_next_post(thread, author=author, at=now)
    post = Post.objects.create(
        thread=thread,
        author=author,
        number=number,
        is_held=held,
        body_markdown=body,
        reply_to=reply_to,
        created_at=now,
    )
    post_case_studies_update(post=post, created=True)
    Watch.objects.get_or_create(member=author, thread=thread)
    if not held:
        # Nobody needs to be told their own post is unread.
        read_marker_advance(member=author, thread=thread, number=number, marker=None)
        _announce(post)
    return post


@transaction.atomic
def post_publish_held(*, post: Post, by: User) -> Post:
    """A facilitator approves a held post: it takes its place at the end of the thread."""
    post = Post.objects.select_related("thread", "thread__community", "author").get(pk=post.pk)
    if not post.is_held:
        return post
    thread = post.thread
    now = timezone.now()
    if thread.is_held:
        # The opening post: the thread appears now, as if started now.
        post.number = 1
        Thread.objects.filter(pk=thread.pk).update(
            is_held=False, created_at=now, last_activity_at=now
        )
        thread.is_held = False
    else:
        post.number = _number_next_post(thread, author=post.author, at=now)
    post.is_held = False
    post.save(update_fields=["number", "is_held"])
    # Case studies published since the post was written count from now.
    post_case_studies_update(post=post)
    if post.number == 1:
        thread_search_index_update(thread)
    if post.author:
        notify(
            post.author,
            kind="moderation",
            message=f"Your post in “{thread.title}” was approved and is now published",
            url=post_url(post),
            actor=by,
        )
    _announce(post, new_thread=post.number == 1, mentions=mentioned_handles(post.body_markdown))
    return post


@transaction.atomic
def post_reject_held(*, post: Post, by: User) -> None:
    """A facilitator turns down a held post: it (and a held thread it opened) is removed."""
    if not post.is_held:
        return
    thread = post.thread
    if thread.is_held:
        thread.delete()
    else:
        post.delete()


@transaction.atomic
def post_edit(*, post: Post, editor: User, body: str) -> Post:
    """Replaces the post's text, keeping the previous version for facilitators."""
    if body == post.body_markdown:
        return post
    before = mentioned_handles(post.body_markdown)
    PostRevision.objects.create(
        post=post,
        body_markdown=post.body_markdown,
        body_html=post.body_html,
        written_at=post.edited_at or post.created_at,
        edited_by=editor,
    )
    post.body_markdown = body
    post.edited_at = timezone.now()
    post.save(update_fields=["body_markdown", "edited_at"])
    post_case_studies_update(post=post)
    if post.number == 1:
        thread_search_index_update(post.thread)
    if post.number is not None and not post.thread.is_hidden:
        # Only those the edit newly mentions: the others were told when it was published.
        _tell_mentioned(post, post.mentioned_handles - before)
    return post


@transaction.atomic
def post_delete(*, post: Post, by: User) -> Post:
    """Soft delete: the post keeps its place and shows "This post was deleted"."""
    if post.is_deleted:
        return post
    post.is_deleted = True
    post.deleted_at = timezone.now()
    post.save(update_fields=["is_deleted", "deleted_at"])
    Thread.objects.filter(pk=post.thread_id, accepted_answer=post).update(accepted_answer=None)
    if post.number == 1:
        thread_search_index_update(post.thread)
    return post


@transaction.atomic
def reaction_toggle(*, post: Post, member: User, kind: str = ReactionKind.HELPFUL) -> bool:
    """Marks or unmarks the post helpful for the member; returns whether it is marked now."""
    deleted, _ = Reaction.objects.filter(post=post, member=member, kind=kind).delete()
    if deleted:
        Post.objects.filter(pk=post.pk, helpful_count__gt=0).update(
            helpful_count=F("helpful_count") - 1
        )
        return False
    try:
        with transaction.atomic():
            Reaction.objects.create(post=post, member=member, kind=kind)
    except IntegrityError:  # a double click racing itself
        return True
    Post.objects.filter(pk=post.pk).update(helpful_count=F("helpful_count") + 1)
    return True


@transaction.atomic
def answer_toggle(*, thread: Thread, post: Post, by: User) -> bool:
    """Marks a reply as the thread's answer (or unmarks it); returns whether it is the answer."""
    if thread.accepted_answer_id == post.pk:
        thread.accepted_answer = None
        thread.save(update_fields=["accepted_answer"])
        return False
    if post.thread_id != thread.pk or post.number in (None, 1) or not post.is_visible_to_all:
        raise PostingRefused("Only a published reply in this discussion can be its answer.")
    thread.accepted_answer = post
    thread.save(update_fields=["accepted_answer"])
    if post.author:
        notify(
            post.author,
            kind="answer",
            message=f"Your reply was marked as the answer to “{thread.title}”",
            url=post_url(post),
            actor=by,
        )
    return True


# -- watching and reading ------------------------------------------------------------------------


# Watching: get_or_create copes with a double click racing itself (when the unique constraint
# refuses the second row, it returns the first).
def thread_watch_set(*, member: User, thread: Thread, watching: bool) -> None:
    if watching:
        Watch.objects.get_or_create(member=member, thread=thread)
    else:
        Watch.objects.filter(member=member, thread=thread).delete()


def community_watch_set(*, member: User, community: CommunityPage, watching: bool) -> None:
    if watching:
        Watch.objects.get_or_create(member=member, community=community)
    else:
        Watch.objects.filter(member=member, community=community).delete()


def read_marker_advance(
    *, member: User, thread: Thread, number: int, marker: ReadMarker | None
) -> None:
    """Records that the member has read up to post `number` (never moves backwards)."""
    now = timezone.now()
    if marker is not None:
        if number > marker.last_read_number:
            ReadMarker.objects.filter(pk=marker.pk, last_read_number__lt=number).update(
                last_read_number=number, updated_at=now
            )
        return
    try:
        with transaction.atomic():
            ReadMarker.objects.create(
                member=member, thread=thread, last_read_number=number, updated_at=now
            )
    except IntegrityError:
        ReadMarker.objects.filter(member=member, thread=thread, last_read_number__lt=number).update(
            last_read_number=number, updated_at=now
        )
