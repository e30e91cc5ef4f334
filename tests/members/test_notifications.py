"""In-app notifications: the page, the unread count in the header, reading and following them."""

import datetime
import re

import pytest
from django.utils import timezone

from members.models import Notification
from members.notifications import notify
from tests.factories import UserFactory
from tests.querycounts import assert_queries_constant

NOTIFICATIONS_URL = "/notifications/"


@pytest.fixture
def member(db):
    return UserFactory(display_name="Ada Lovelace")


@pytest.fixture
def member_client(client, member):
    client.force_login(member)
    return client


def make_notifications(member, count, *, start=None, url="/communities/data/", read=False):
    start = start or timezone.now() - datetime.timedelta(days=1)
    return Notification.objects.bulk_create(
        Notification(
            recipient=member,
            kind="reply",
            message=f"Reply number {number}",
            url=url,
            created_at=start + datetime.timedelta(minutes=number),
            read_at=timezone.now() if read else None,
        )
        for number in range(count)
    )


def messages_on_page(response) -> list[str]:
    return re.findall(r"(Reply number \d+)", response.content.decode())


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("method", "url"),
    [("get", NOTIFICATIONS_URL), ("get", "/notifications/1/"), ("post", "/notifications/read/")],
)
def test_notifications_are_for_signed_in_members_only(client, method, url):
    response = getattr(client, method)(url)

    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/?next=")


def test_notifications_are_listed_newest_first_with_unread_ones_marked(member, member_client):
    make_notifications(member, 2, read=True)
    unread = Notification.objects.create(
        recipient=member, kind="mention", message="Grace mentioned you", url="/x/"
    )

    content = member_client.get(NOTIFICATIONS_URL).content.decode()

    assert content.index("Grace mentioned you") < content.index("Reply number 1")
    assert content.index("Reply number 1") < content.index("Reply number 0")
    assert content.count(">Unread</strong>") == 1
    assert content.index(">Unread</strong>") < content.index("Grace mentioned you")
    assert f'href="/notifications/{unread.pk}/"' in content
    assert "You have 1 unread notification." in content


def test_the_header_shows_the_unread_count(member, member_client, site_tree):
    make_notifications(member, 3)
    make_notifications(member, 2, read=True)

    content = member_client.get("/").content.decode()

    assert (
        'Notifications <span class="cp-badge">3<span class="govuk-visually-hidden"> unread</span>'
        in content
    )


def test_the_header_shows_no_count_when_everything_is_read(member, member_client, site_tree):
    make_notifications(member, 2, read=True)

    content = member_client.get("/").content.decode()

    assert 'href="/notifications/">Notifications</a>' in content
    assert "cp-badge" not in content


def test_the_header_links_to_the_members_profile_and_settings(member, member_client, site_tree):
    content = member_client.get("/").content.decode()

    assert f'href="/members/{member.handle}/"' in content
    assert "Ada Lovelace</a>" in content
    assert 'href="/accounts/profile/">Account settings</a>' in content
    assert 'action="/accounts/logout/"' in content


def test_notifications_are_paginated(member, member_client):
    make_notifications(member, 25)

    first = member_client.get(NOTIFICATIONS_URL)
    second = member_client.get(NOTIFICATIONS_URL, {"page": 2})

    assert messages_on_page(first) == [f"Reply number {n}" for n in range(24, 4, -1)]
    assert messages_on_page(second) == [f"Reply number {n}" for n in range(4, -1, -1)]


def test_another_members_notifications_are_not_shown(member, member_client):
    make_notifications(UserFactory(), 3)

    response = member_client.get(NOTIFICATIONS_URL)

    assert messages_on_page(response) == []
    assert "You have no notifications yet" in response.content.decode()


def test_mark_all_as_read(member, member_client):
    make_notifications(member, 3)
    others = make_notifications(UserFactory(), 2)

    response = member_client.post("/notifications/read/", follow=True)

    assert response.redirect_chain == [(NOTIFICATIONS_URL, 302)]
    content = response.content.decode()
    assert "3 notifications marked as read" in content
    assert ">Unread</strong>" not in content
    assert not member.notifications.unread().exists()
    assert Notification.objects.filter(pk__in=[n.pk for n in others], read_at=None).count() == 2


def test_mark_all_as_read_is_not_done_by_a_get(member, member_client):
    make_notifications(member, 1)

    response = member_client.get("/notifications/read/")

    assert response.status_code == 405
    assert member.notifications.unread().count() == 1


def test_opening_a_notification_marks_it_read_and_follows_its_local_link(member, member_client):
    notification, other = make_notifications(member, 2, url="/communities/data/?tab=1#reply-4")

    response = member_client.get(f"/notifications/{notification.pk}/")

    assert response.status_code == 302
    assert response.url == "/communities/data/?tab=1#reply-4"
    notification.refresh_from_db()
    other.refresh_from_db()
    assert not notification.is_unread
    assert other.is_unread


@pytest.mark.parametrize(
    "url",
    [
        "https://evil.example/",
        "//evil.example/path",
        "/\\evil.example/",
        "javascript:alert(1)",
        "communities/data/",
        "",
    ],
)
def test_a_notification_never_sends_the_member_to_another_site(member, member_client, url):
    (notification,) = make_notifications(member, 1, url=url)

    response = member_client.get(f"/notifications/{notification.pk}/")

    assert response.status_code == 302
    assert response.url == NOTIFICATIONS_URL
    notification.refresh_from_db()
    assert not notification.is_unread


def test_another_members_notification_is_not_found_and_stays_unread(member_client):
    (notification,) = make_notifications(UserFactory(), 1)

    response = member_client.get(f"/notifications/{notification.pk}/")

    assert response.status_code == 404
    notification.refresh_from_db()
    assert notification.is_unread


def test_the_page_says_when_in_app_notifications_are_off(member, member_client):
    member.preferences.in_app_notifications = False
    member.preferences.save()

    content = member_client.get(NOTIFICATIONS_URL).content.decode()

    assert "You have turned off notifications on the site" in content
    assert 'href="/accounts/preferences/"' in content


def test_the_page_does_not_mention_settings_when_notifications_are_on(member_client):
    content = member_client.get(NOTIFICATIONS_URL).content.decode()

    assert "You have turned off notifications on the site" not in content


def test_notifications_written_by_notify_appear_on_the_page(member, member_client):
    actor = UserFactory(display_name="Grace Hopper")

    notify([member, actor], kind="reply", message="Grace replied to you", url="/t/", actor=actor)

    assert "Grace replied to you" in member_client.get(NOTIFICATIONS_URL).content.decode()
    assert not actor.notifications.exists()


def test_the_notifications_page_query_count_does_not_grow(member, member_client):
    make_notifications(member, 3)
    make_notifications(member, 2, read=True)

    assert_queries_constant(
        member_client,
        NOTIFICATIONS_URL,
        lambda: (make_notifications(member, 30), make_notifications(member, 30, read=True)),
        max_queries=8,
    )
