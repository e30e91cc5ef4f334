from celery import shared_task
from django.contrib.sessions.models import Session
from django.utils import timezone


@shared_task
def clear_expired_sessions() -> int:
    """Deletes expired sessions so the session table does not grow without bound.

    Returns how many were deleted, so that operators (and the broker round-trip test) can
    see the task did its work.
    """
    deleted, _ = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    return deleted
