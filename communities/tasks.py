"""Celery tasks: thin wrappers that take ids and call the email services."""

from celery import shared_task

from .services.discussions import community_threads_reindex
from .services.emails import (
    invitation_email_send,
    membership_decision_email_send,
    mention_emails_send,
    reply_emails_send,
)


@shared_task
def send_invitation_email(invitation_id: int, token: str) -> int:
    return invitation_email_send(invitation_id=invitation_id, token=token)


@shared_task
def send_membership_decision_email(member_id: int, community_id: int, approved: bool) -> int:
    return membership_decision_email_send(
        member_id=member_id, community_id=community_id, approved=approved
    )


@shared_task
def send_mention_emails(post_id: int, recipient_ids: list[int]) -> int:
    return mention_emails_send(post_id=post_id, recipient_ids=recipient_ids)


@shared_task
def send_reply_emails(recipient_ids: list[int] | None = None) -> int:
    """Queued when a post is published (for its watchers) and run every few minutes by beat
    (for everyone), so batched replies go out once their window has passed."""
    return reply_emails_send(recipient_ids=recipient_ids)


@shared_task
def send_case_study_decision_email(page_id: int, task_state_id: int | None = None) -> int:
    """Tells the member who submitted a case study that it is published or, with the task
    state in which editors asked for changes, that it was sent back."""
    from .case_study_submissions import decision_email_send

    return decision_email_send(page_id=page_id, task_state_id=task_state_id)


@shared_task
def reindex_community_threads(community_id: int) -> int:
    return community_threads_reindex(community_id=community_id)
