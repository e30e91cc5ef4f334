"""Celery tasks: thin wrappers that take ids and call the email services."""

from celery import shared_task

from communities.membership.emails import invitation_email_send, membership_decision_email_send


@shared_task
def send_invitation_email(invitation_id: int, token: str) -> int:
    return invitation_email_send(invitation_id=invitation_id, token=token)


@shared_task
def send_membership_decision_email(member_id: int, community_id: int, approved: bool) -> int:
    return membership_decision_email_send(
        member_id=member_id, community_id=community_id, approved=approved
    )
