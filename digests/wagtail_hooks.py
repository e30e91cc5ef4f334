from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from members.privacy import MEMBER_DATA_EXPORT_HOOK

from .admin_views import VIEW_PERMISSION, DigestRunsView
from .models import DigestDelivery


@hooks.register("register_admin_urls")
def register_digest_admin_urls():
    urls = [path("", DigestRunsView.as_view(), name="runs")]
    return [path("digests/", include((urls, "digests_admin")))]


class DigestsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(VIEW_PERMISSION)


@hooks.register("register_reports_menu_item")
def register_digests_menu_item():
    return DigestsMenuItem(
        "Digests", reverse("digests_admin:runs"), name="digests", icon_name="mail", order=1200
    )


@hooks.register(MEMBER_DATA_EXPORT_HOOK)
def export_digest_deliveries(user) -> dict:
    """The digests we sent (or skipped) for the member: period, outcome and when."""
    return {
        "digests": [
            {
                "period": delivery.period,
                "status": delivery.status,
                "sent_at": delivery.sent_at.isoformat() if delivery.sent_at else None,
                "items": delivery.item_count,
            }
            for delivery in DigestDelivery.objects.filter(member=user).order_by("claimed_at")
        ]
    }
