"""Celery tasks: thin wrappers that take ids and call the email services."""

from celery import shared_task

from communities.library.submissions import decision_email_send


@shared_task
def send_case_study_decision_email(page_id: int, task_state_id: int | None = None) -> int:
    """Tells the member who submitted a case study that it is published or, with the task
    state in which editors asked for changes, that it was sent back."""
    return decision_email_send(page_id=page_id, task_state_id=task_state_id)
