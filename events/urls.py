"""Event URLs that are not pages: the calendar feeds and the member's own events."""

from django.urls import path

from . import views

app_name = "events"

urlpatterns = [
    path("events/calendar.ics", views.public_calendar, name="public_calendar"),
    path(
        "events/communities/<slug:slug>/calendar.ics",
        views.community_calendar,
        name="community_calendar",
    ),
    path(
        "events/my-calendar/<str:token>/calendar.ics",
        views.private_calendar,
        name="private_calendar",
    ),
    path("accounts/events/", views.my_events, name="my_events"),
]
