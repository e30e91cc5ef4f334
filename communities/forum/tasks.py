"""Celery tasks: thin wrappers that take ids and call the email services."""

from celery import shared_task

from communities.forum.emails import mention_emails_send, reply_emails_send
from communities.forum.services import community_threads_reindex


@shared_task
def send_mention_emails(post_id: int, recipient_ids: list[int]) -> int:
    return mention_emails_send(post_id=post_id, recipient_ids=recipient_ids)


@shared_task
def send_reply_emails(recipient_ids: list[int] | None = None) -> int:
    """Queued when a post is published (for its watchers) and run every few minutes by beat
    (for everyone), so batched replies go out once their window has passed."""
    return reply_emails_send(recipient_ids=recipient_ids)


@shared_task
def reindex_community_threads(community_id: int) -> int:
    return community_threads_reindex(community_id=community_id)
