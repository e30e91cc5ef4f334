from django.utils.functional import SimpleLazyObject

from .notifications import unread_count


def member_status(request):
    """The signed-in member's unread notification count, counted only if a template shows it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notification_count": SimpleLazyObject(lambda: unread_count(user))}
