from django.urls import path

from . import account_views, views

app_name = "members"

urlpatterns = [
    path("accounts/your-data/", account_views.your_data, name="your_data"),
    path("accounts/your-data/download/", account_views.data_download, name="data_download"),
    path("accounts/delete/", account_views.delete_account, name="delete_account"),
    path("accounts/profile/", views.profile_edit, name="profile_edit"),
    path("accounts/preferences/", views.preferences, name="preferences"),
    path("members/", views.member_directory, name="directory"),
    path("members/<str:handle>/", views.profile, name="profile"),
    path("notifications/", views.notifications, name="notifications"),
    path("notifications/read/", views.mark_all_notifications_read, name="mark_all_read"),
    path("notifications/<int:notification_id>/", views.open_notification, name="open_notification"),
]
