"""The events index's address and each event's: the attendee's pages and the organisers'
(see core/routing.py)."""

from core.routing import page_path

from . import views

event_index_urls = [page_path("", views.event_index)]

event_page_urls = [
    page_path("", views.event_page),
    page_path("register/", views.register, name="register_route"),
    page_path("registration/cancel/", views.cancel_registration, name="cancel_route"),
    page_path("calendar/", views.event_calendar_download, name="calendar_route"),
    page_path("manage/", views.manage, name="manage_route"),
    page_path("manage/export/", views.export_attendees, name="export_route"),
    page_path("manage/check-in/", views.check_in, name="check_in_route"),
    page_path("manage/invitations/", views.send_invitations, name="invitations_route"),
    page_path(
        r"^manage/registrations/(?P<registration_id>\d+)/(?P<action>approve|decline|group)/$",
        views.registration_action,
        name="registration_action_route",
        regex=True,
    ),
]
