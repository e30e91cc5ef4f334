"""Celery tasks for digests: thin wrappers around digests/runs.py.

Every task is idempotent and takes ids, never model instances. They run with acks_late and
reject_on_worker_lost (settings), so a task whose worker is killed goes back to the queue;
nothing is scheduled with an ETA or countdown, because Redis redelivers ETA tasks still
waiting after the visibility timeout. Retries are the reconciler's job, on beat's clock.
"""

from celery import shared_task

from . import runs


@shared_task
def start_scheduled_digest_runs() -> list[int]:
    """Beat, every morning: this week's run and today's daily run."""
    return [run.pk for run in runs.start_scheduled_runs()]


@shared_task
def send_digest_chunk(chunk_id: int) -> dict:
    return runs.process_chunk(chunk_id).as_dict()


@shared_task
def reconcile_digest_deliveries() -> dict:
    """Beat, every few minutes: requeues crashed chunks and stale claims (runs.reconcile)."""
    return runs.reconcile().as_dict()
