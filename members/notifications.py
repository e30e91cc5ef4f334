"""Telling members what happened: in-app notifications (other apps call notify(); members read
them on their own page) and emails (other apps queue them with email_after_commit()).

Both stay silent inside `silence()`: for recording, through the services, things that are
not news to anyone (the demo content), without telling the people involved.
"""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.db.models import QuerySet
from django.utils import timezone

from core.tasks import queue_on_commit

from .models import Notification, User

_silenced: ContextVar[bool] = ContextVar("members_silenced", default=False)


@contextmanager
def silence() -> Iterator[None]:
    """Nobody is told about what happens inside: notify() records nothing and
    email_after_commit() queues nothing. What the services store is stored as usual."""
    token = _silenced.set(True)
    try:
        yield
    finally:
        _silenced.reset(token)


def silenced() -> bool:
    """Whether the code running is inside silence(): for a service that would otherwise do
    more work to tell people (find watchers, store emails to send later)."""
    return _silenced.get()


def email_after_commit(task: str, *args) -> None:
    """Queues the Celery task named `task` that emails someone, once the transaction commits
    (nobody is told about a change that a rollback undid); nothing inside silence()."""
    if silenced():
        return
    queue_on_commit(task, *args)


def notify(
    recipients: User | Iterable[User],
    *,
    kind: str,
    message: str,
    url: str = "",
    actor: User | None = None,
) -> list[Notification]:
    """Records a notification for each recipient who wants them (one query to check, one to save).

    The actor is never notified of their own action; nobody is, inside silence().
    """
    if silenced():
        return []
    if isinstance(recipients, User):
        recipients = [recipients]
    ids = {user.pk for user in recipients if actor is None or user.pk != actor.pk}
    if not ids:
        return []
    wanting = User.objects.filter(
        pk__in=ids, is_active=True, preferences__in_app_notifications=True
    ).values_list("pk", flat=True)
    return Notification.objects.bulk_create(
        Notification(recipient_id=pk, actor=actor, kind=kind, message=message[:300], url=url[:500])
        for pk in wanting
    )


def unread_count(user: User) -> int:
    if not user.is_authenticated:
        return 0
    return user.notifications.unread().count()


def recent_for(user: User) -> QuerySet[Notification]:
    return user.notifications.select_related("actor").only(
        "id",
        "recipient_id",
        "kind",
        "message",
        "url",
        "created_at",
        "read_at",
        "actor__display_name",
    )


def mark_read(user: User, notification_ids: Iterable[int] | None = None) -> int:
    """Marks the member's own notifications read: the ones named, or all of them."""
    unread = user.notifications.unread()
    if notification_ids is not None:
        unread = unread.filter(pk__in=list(notification_ids))
    return unread.update(read_at=timezone.now())
