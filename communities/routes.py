"""The community pages' addresses: the community itself, its discussions (the forum) and its
membership. Each view takes the page as its second argument (core/routing.py)."""

from communities.forum import views as forum
from communities.forum.feeds import CommunityThreadsFeed
from communities.membership import views as membership
from communities.views import community_index, community_page
from core.routing import page_path

THREAD = r"discussions/(?P<thread_id>\d+)-[^/]+"

community_index_urls = [page_path("", community_index)]

community_page_urls = [
    page_path("", community_page),
    page_path("discussions/", forum.thread_list, name="discussions"),
    page_path("discussions/new/", forum.thread_create, name="new_thread"),
    page_path("discussions/<int:thread_id>-<str:slug>/", forum.thread_detail, name="thread"),
    page_path(rf"^{THREAD}/reply/$", forum.thread_reply, name="reply", regex=True),
    page_path(rf"^{THREAD}/unread/$", forum.thread_first_unread, name="first_unread", regex=True),
    page_path(rf"^{THREAD}/watch/$", forum.thread_watch, name="watch_thread", regex=True),
    page_path(rf"^{THREAD}/moderate/$", forum.thread_moderate, name="moderate_thread", regex=True),
    page_path(rf"^{THREAD}/move/$", forum.thread_move, name="move_thread", regex=True),
    page_path("posts/<int:post_id>/", forum.post_permalink, name="post"),
    page_path("posts/<int:post_id>/<str:action>/", forum.post_action, name="post_action"),
    page_path("members/", membership.member_list, name="members"),
    page_path("members/<int:membership_id>/", membership.member_manage, name="manage_member"),
    page_path("join/", membership.join, name="join"),
    page_path("leave/", membership.leave, name="leave"),
    page_path("watch/", forum.community_watch, name="watch"),
    page_path("invitations/", membership.invite, name="invite"),
    page_path("invitations/<str:token>/", membership.invitation_accept, name="invitation"),
    page_path("moderation/", forum.moderation_queue, name="moderation"),
    page_path("feed/", CommunityThreadsFeed(), name="feed"),
]
