"""In-app notifications. Other apps call notify(); members read them on their own page."""

from collections.abc import Iterable

from django.db.models import QuerySet
from django.utils import timezone

from .models import Notification, User


def notify(
    recipients: User | Iterable[User],
    *,
    kind: str,
    message: str,
    url: str = "",
    actor: User | None = None,
) -> list[Notification]:
    """Records a notification for each recipient who wants them (one query to check, one to save).

    The actor is never notified of their own action.
    """
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
