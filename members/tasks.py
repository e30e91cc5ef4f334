from celery import shared_task
from django.contrib.sessions.models import Session
from django.core.mail import EmailMultiAlternatives
from django.utils import timezone

from .emails import send_email
from .privacy import delete_stale_unconfirmed_accounts


@shared_task
def clear_expired_sessions() -> int:
    """Deletes expired sessions so the session table does not grow without bound.

    Returns how many were deleted, so that operators (and the broker round-trip test) can
    see the task did its work.
    """
    deleted, _ = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    return deleted


@shared_task
def send_prepared_email(message: dict) -> int:
    """Sends a message already rendered in the web process (allauth's account emails).

    `message` holds subject, body, from_email, to, alternatives ([content, mimetype] pairs)
    and headers; it is complete, so the task reads nothing from the database.
    """
    email = EmailMultiAlternatives(
        subject=message["subject"],
        body=message["body"],
        from_email=message["from_email"],
        to=message["to"],
        headers=message.get("headers") or {},
    )
    for content, mimetype in message.get("alternatives") or []:
        email.attach_alternative(content, mimetype)
    return email.send()


@shared_task
def send_account_deleted_email(email: str, name: str) -> int:
    """Confirms to the address an account had that the account and its data are gone."""
    return send_email(
        email,
        subject="Your account has been deleted",
        template="emails/account_deleted",
        context={"name": name, "email": email},
    )


@shared_task
def delete_unconfirmed_accounts() -> int:
    """Deletes accounts whose address was never confirmed within the confirmation window.

    Such an account could never sign in, so it holds personal data (an email address) for no
    purpose. Returns how many were deleted.
    """
    return delete_stale_unconfirmed_accounts()
