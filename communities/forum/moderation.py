"""What facilitators and editors do: pin, lock, hide, move, and handle flags."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from communities.forum.models import Flag, FlagResolution, Post, Thread, Watch
from communities.forum.selectors import post_url
from communities.forum.services import PostingRefused, thread_search_index_update
from communities.membership.models import CommunityPage, MembershipStatus
from communities.membership.selectors import facilitator_list
from members.models import User
from members.notifications import notify


def thread_set_pinned(*, thread: Thread, pinned: bool, by: User) -> Thread:
    thread.is_pinned = pinned
    thread.save(update_fields=["is_pinned"])
    return thread


def thread_set_locked(*, thread: Thread, locked: bool, by: User) -> Thread:
    thread.is_locked = locked
    thread.save(update_fields=["is_locked"])
    return thread


def thread_set_hidden(*, thread: Thread, hidden: bool, by: User) -> Thread:
    thread.is_hidden = hidden
    thread.save(update_fields=["is_hidden"])
    return thread


@transaction.atomic
def thread_move(*, thread: Thread, to: CommunityPage, by: User) -> Thread:
    """Moves a thread to another community. Watchers who cannot read the new community's
    discussions stop watching it."""
    if to.pk == thread.community_id:
        return thread
    thread.community = to
    thread.save(update_fields=["community"])
    if not to.discussions_are_public:
        Watch.objects.filter(thread=thread).exclude(
            member__community_memberships__community=to,
            member__community_memberships__status=MembershipStatus.ACTIVE,
        ).delete()
    if thread.author_id and thread.author_id != by.pk:
        notify(
            thread.author,
            kind="moderation",
            message=f"Your discussion “{thread.title}” was moved to {to.title}",
            url=f"{to.url}{thread.path}",
            actor=by,
        )
    return thread


def post_set_hidden(*, post: Post, hidden: bool, by: User) -> Post:
    post.is_hidden = hidden
    post.save(update_fields=["is_hidden"])
    if hidden:
        Thread.objects.filter(pk=post.thread_id, accepted_answer=post).update(accepted_answer=None)
    if post.number == 1:
        thread_search_index_update(post.thread)
    return post


def flag_post(*, post: Post, reporter: User, reason: str, details: str = "") -> Flag:
    """Records a member's report and tells the community's facilitators."""
    try:
        with transaction.atomic():
            flag = Flag.objects.create(
                post=post, reporter=reporter, reason=reason, details=details.strip()[:1000]
            )
    except IntegrityError:
        raise PostingRefused(
            "You have already reported this post. A facilitator will look at it."
        ) from None
    community = post.thread.community
    notify(
        facilitator_list(community),
        kind="flag",
        message=f"A post in “{post.thread.title}” was reported: {flag.get_reason_display()}",
        url=f"{community.url}moderation/",
    )
    return flag


@transaction.atomic
def flag_resolve(*, flag: Flag, resolution: str, by: User) -> int:
    """Resolves every open flag on the flag's post the same way; hides the post if that is
    the decision. Returns how many flags were resolved."""
    if resolution not in FlagResolution.values:
        raise PostingRefused("Choose whether to hide the post or take no action.")
    post = flag.post
    if resolution == FlagResolution.HIDDEN:
        post_set_hidden(post=post, hidden=True, by=by)
    open_flags = Flag.objects.open().filter(post=post)
    reporters = list(
        User.objects.filter(pk__in=open_flags.values("reporter"), is_active=True).distinct()
    )
    resolved = open_flags.update(resolved_at=timezone.now(), resolved_by=by, resolution=resolution)
    notify(
        reporters,
        kind="flag",
        message=(
            f"Thank you for your report. A facilitator hid the post in “{post.thread.title}”"
            if resolution == FlagResolution.HIDDEN
            else f"Thank you for your report. A facilitator looked at the post in "
            f"“{post.thread.title}” and left it up"
        ),
        url=post_url(post),
        actor=by,
    )
    return resolved
