"""Email about communities: invitations, join decisions, mentions and batched replies.

Reply emails are batched per member: the first new post a watcher should hear about is sent
at once, and anything after it within COMMUNITY_REPLY_EMAIL_WINDOW_MINUTES waits in
PendingReplyEmail until the window has passed, when the periodic task sends it all in one
message. So a busy thread sends each watcher at most one email per window.
"""

import datetime
from itertools import groupby

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from communities.forum.models import PendingReplyEmail, Post, ReplyEmailState
from communities.forum.rendering import excerpt
from communities.forum.selectors import post_url
from communities.membership.models import MembershipStatus
from members.emails import absolute_url, send_email
from members.models import User
from members.profiles import author_name

LONG_AGO = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)


def mention_emails_send(*, post_id: int, recipient_ids: list[int]) -> int:
    post = (
        Post.objects.select_related("thread", "thread__community", "author")
        .filter(pk=post_id, number__isnull=False, is_deleted=False, is_hidden=False)
        .first()
    )
    if post is None or post.thread.is_hidden:
        return 0
    recipients = User.objects.filter(
        pk__in=recipient_ids, is_active=True, preferences__email_on_mention=True
    )
    sent = 0
    for recipient in recipients:
        sent += send_email(
            recipient.email,
            subject=f"{author_name(post.author)} mentioned you in “{post.thread.title}”",
            template="emails/communities/mention",
            context={
                "recipient": recipient,
                "author_name": author_name(post.author),
                "thread": post.thread,
                "community": post.thread.community,
                "excerpt": excerpt(post.body_markdown, length=600),
                "post_url": absolute_url(post_url(post)),
            },
        )
    return sent


def _sendable(rows: list[PendingReplyEmail], recipient: User) -> list[Post]:
    """The posts still worth telling the recipient about, oldest first."""
    member_of = None
    posts = []
    for row in rows:
        post = row.post
        thread = post.thread
        if post.number is None or post.is_deleted or post.is_hidden or thread.is_hidden:
            continue
        if not thread.community.discussions_are_public:
            if member_of is None:
                member_of = set(
                    recipient.community_memberships.filter(
                        status=MembershipStatus.ACTIVE
                    ).values_list("community_id", flat=True)
                )
            if thread.community_id not in member_of:
                continue
        posts.append(post)
    return posts


def _send_batch(recipient: User, *, now: datetime.datetime) -> int:
    window = datetime.timedelta(minutes=settings.COMMUNITY_REPLY_EMAIL_WINDOW_MINUTES)
    with transaction.atomic():
        ReplyEmailState.objects.get_or_create(member=recipient, defaults={"last_sent_at": LONG_AGO})
        # Claims this window for this member: of two workers racing, only one updates the row.
        claimed = ReplyEmailState.objects.filter(
            member=recipient, last_sent_at__lte=now - window
        ).update(last_sent_at=now)
        if not claimed:
            return 0
        rows = list(
            PendingReplyEmail.objects.filter(recipient=recipient)
            .select_related("post__thread__community", "post__author")
            .order_by("post__thread_id", "post__number", "post_id")
        )
        PendingReplyEmail.objects.filter(pk__in=[row.pk for row in rows]).delete()
        posts = _sendable(rows, recipient) if recipient.preferences.email_on_reply else []
        if not posts:
            # Nothing to say after all: the window stays open for the next post.
            ReplyEmailState.objects.filter(member=recipient).update(last_sent_at=LONG_AGO)
            return 0
        threads = [
            {
                "thread": thread,
                "community": thread.community,
                "url": absolute_url(thread.get_absolute_url()),
                "posts": [
                    {
                        "author_name": author_name(post.author),
                        "created_at": post.created_at,
                        "excerpt": excerpt(post.body_markdown, length=400),
                        "url": absolute_url(post_url(post, thread.community)),
                        "is_opening_post": post.number == 1,
                    }
                    for post in thread_posts
                ],
            }
            for thread, thread_posts in groupby(posts, key=lambda post: post.thread)
        ]
        if len(posts) == 1:
            post = posts[0]
            subject = (
                f"{author_name(post.author)} started “{post.thread.title}”"
                if post.number == 1
                else f"{author_name(post.author)} replied to “{post.thread.title}”"
            )
        else:
            subject = f"{len(posts)} new posts in discussions you follow"
        # Sent inside the transaction: if sending fails, the pending rows come back and the
        # next run tries again.
        return send_email(
            recipient.email,
            subject=subject,
            template="emails/communities/replies",
            context={"recipient": recipient, "threads": threads, "post_count": len(posts)},
        )


def reply_emails_send(
    *, recipient_ids: list[int] | None = None, now: datetime.datetime | None = None
) -> int:
    """Sends each recipient with pending posts (all, or those named) one email, if their
    batching window allows; returns how many emails were sent."""
    now = now or timezone.now()
    pending = PendingReplyEmail.objects.all()
    if recipient_ids is not None:
        pending = pending.filter(recipient_id__in=recipient_ids)
    recipients = User.objects.filter(
        pk__in=pending.values("recipient_id"), is_active=True
    ).select_related("preferences")
    return sum(_send_batch(recipient, now=now) for recipient in recipients)
