"""Anonymous visitors get pages from the cache; any change to content makes them stale."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from communities.forum.services import thread_start
from communities.membership.models import JoinPolicy
from events.models import RegistrationMode
from events.services import Answers, registration_create
from home.page_cache import HIT_HEADER
from tests.factories import (
    CommunityPageFactory,
    EventPageFactory,
    MembershipFactory,
    UserFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]


@pytest.fixture
def page_cache_on(settings):
    settings.ANONYMOUS_PAGE_CACHE_SECONDS = 60


@pytest.fixture
def community(site_tree):
    return CommunityPageFactory(
        parent=site_tree["communities"], title="Data", slug="data", join_policy=JoinPolicy.OPEN
    )


def test_a_second_anonymous_visit_is_served_from_the_cache_without_a_query(
    client, community, django_assert_num_queries
):
    first = client.get(community.url)
    assert first.status_code == 200
    assert first[HIT_HEADER] == "miss"

    with django_assert_num_queries(0):
        second = client.get(community.url)
    assert second[HIT_HEADER] == "hit"
    assert second.content == first.content


def test_a_new_thread_shows_at_once_to_anonymous_visitors(
    client, community, django_capture_on_commit_callbacks
):
    author = UserFactory()
    MembershipFactory(community=community, member=author)
    client.get(community.url)

    with django_capture_on_commit_callbacks(execute=True):
        thread_start(community=community, author=author, title="Sharing sensor data", body="How?")

    response = client.get(community.url)
    assert response[HIT_HEADER] == "miss"
    assert "Sharing sensor data" in response.text


def test_places_left_update_when_a_member_registers(
    client, site_tree, django_capture_on_commit_callbacks
):
    event = EventPageFactory(
        parent=site_tree["events"],
        registration_mode=RegistrationMode.OPEN,
        capacity=5,
        registration_opens_at=timezone.now() - datetime.timedelta(days=1),
    )
    assert "5 places left" in client.get(event.url).text

    with django_capture_on_commit_callbacks(execute=True):
        registration_create(event=event, user=UserFactory(), answers=Answers())

    assert "4 places left" in client.get(event.url).text


def test_signed_in_members_are_never_served_or_stored_in_the_cache(client, community):
    member = UserFactory(display_name="Priya Patel")
    client.force_login(member)
    signed_in = client.get(community.url)
    assert HIT_HEADER not in signed_in
    assert "Sign out" in signed_in.text

    client.logout()
    client.cookies.clear()
    anonymous = client.get(community.url)
    assert "Sign out" not in anonymous.text
    assert "Priya" not in anonymous.text


def test_pages_with_a_form_token_are_not_cached(client):
    # Each visitor's CSRF token is tied to their own secret: a shared copy would break it.
    client.get("/accounts/login/")
    client.cookies.clear()
    response = client.get("/accounts/login/")
    assert HIT_HEADER not in response


def test_signing_in_does_not_empty_the_cache(client, community, django_capture_on_commit_callbacks):
    member = UserFactory()
    Client().get(community.url)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/accounts/login/",
            {"login": member.email, "password": "correct horse battery staple"},
        )
    assert response.status_code == 302

    assert Client().get(community.url)[HIT_HEADER] == "hit"


def test_a_changed_profile_name_empties_the_cache(
    client, community, django_capture_on_commit_callbacks
):
    member = UserFactory()
    Client().get(community.url)

    with django_capture_on_commit_callbacks(execute=True):
        member.display_name = "Someone else"
        member.save()

    assert Client().get(community.url)[HIT_HEADER] == "miss"


class Clock:
    """Stands in for the page cache's clock, moved on by the test."""

    def __init__(self):
        self.now = 1_800_000_000.0

    def __call__(self):
        return self.now


@pytest.fixture
def clock(monkeypatch):
    clock = Clock()
    monkeypatch.setattr("home.page_cache._now", clock)
    monkeypatch.setattr("home.cache_counters.fresh_value", lambda: int(clock() * 1000))
    return clock


@pytest.fixture
def gathered_changes(settings):
    settings.ANONYMOUS_PAGE_CACHE_MAX_STALE_SECONDS = 10


def start_thread(community, title, capture):
    author = UserFactory()
    MembershipFactory(community=community, member=author)
    with capture(execute=True):
        thread_start(community=community, author=author, title=title, body="How?")


@pytest.mark.usefixtures("gathered_changes")
def test_changes_reach_anonymous_visitors_together_within_the_window(
    client, community, clock, django_capture_on_commit_callbacks
):
    client.get(community.url)
    start_thread(community, "Sharing sensor data", django_capture_on_commit_callbacks)
    clock.now += 6
    start_thread(community, "Open data portals", django_capture_on_commit_callbacks)

    clock.now += 3  # 9 s after the first change: still within the window
    waiting = client.get(community.url)
    assert waiting[HIT_HEADER] == "hit"
    assert "Sharing sensor data" not in waiting.text

    clock.now += 1  # 10 s: both changes are published together
    published = client.get(community.url)
    assert published[HIT_HEADER] == "miss"
    assert "Sharing sensor data" in published.text and "Open data portals" in published.text
    assert client.get(community.url)[HIT_HEADER] == "hit"


@pytest.mark.usefixtures("gathered_changes")
def test_members_see_a_change_at_once_while_anonymous_visitors_wait(
    client, community, clock, django_capture_on_commit_callbacks
):
    client.get(community.url)
    start_thread(community, "Sharing sensor data", django_capture_on_commit_callbacks)

    member = Client()
    member.force_login(UserFactory())
    assert "Sharing sensor data" in member.get(community.url).text
    assert "Sharing sensor data" not in client.get(community.url).text


@pytest.mark.usefixtures("gathered_changes")
def test_a_lost_change_time_publishes_at_the_next_visit(
    client, community, clock, django_capture_on_commit_callbacks
):
    from django.core.cache import cache

    from home.page_cache import FIRST_UNPUBLISHED_KEY

    client.get(community.url)
    start_thread(community, "Sharing sensor data", django_capture_on_commit_callbacks)
    cache.delete(FIRST_UNPUBLISHED_KEY)  # as when a reader publishes while a writer commits

    assert "Sharing sensor data" in client.get(community.url).text


def test_an_emptied_cache_never_brings_back_an_old_page(
    client, community, clock, django_capture_on_commit_callbacks
):
    from django.core.cache import cache

    from home.page_cache import CHANGES_KEY, PUBLISHED_KEY

    client.get(community.url)
    start_thread(community, "Sharing sensor data", django_capture_on_commit_callbacks)
    assert "Sharing sensor data" in client.get(community.url).text
    cache.delete_many([CHANGES_KEY, PUBLISHED_KEY])  # evicted, pages still stored

    clock.now += 1
    assert "Sharing sensor data" in client.get(community.url).text
