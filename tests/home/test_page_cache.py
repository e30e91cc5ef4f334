"""Anonymous visitors get pages from the cache; any change to content makes them stale."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from communities.models import JoinPolicy
from communities.services.discussions import thread_start
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
