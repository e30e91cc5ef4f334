"""Background work queued once the transaction that asked for it has committed."""

from celery import current_app
from django.db import transaction


def _task(name: str):
    app = current_app
    if name not in app.tasks:
        # The web process imports no tasks module itself: autodiscovery does, the first time.
        app.loader.import_default_modules()
    return app.tasks[name]


def queue_on_commit(task: str, *args) -> None:
    """Queues the Celery task named `task` (its dotted path) with `args` once the current
    transaction commits, or at once outside one: a worker never looks for rows that are not
    there yet, and work that was rolled back queues nothing.

    Services name their tasks rather than import them, because the tasks call the services.
    """
    transaction.on_commit(lambda: _task(task).delay(*args))
