from celery import shared_task
from django.core import management


@shared_task
def clear_expired_sessions():
    """Deletes expired sessions so the session table does not grow without bound."""
    management.call_command("clearsessions")
