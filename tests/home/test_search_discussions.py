"""Site search finds discussions, but only those the searcher may read."""

import pytest

from communities.models import CommunityPage
from tests.factories import CommunityPageFactory, MembershipFactory, ThreadFactory, UserFactory


@pytest.fixture
def communities(site_tree):
    index = site_tree["communities"]
    public = CommunityPageFactory(parent=index, title="Travel", slug="travel")
    private = CommunityPageFactory(
        parent=index, title="Data", slug="data", discussion_visibility="members"
    )
    return public, private


def search(client, query):
    return client.get("/search/", {"q": query}).content.decode()


@pytest.mark.django_db
def test_public_discussions_are_found_by_title_and_by_post_text(client, communities):
    public, _ = communities
    ThreadFactory(community=public, title="Demand-responsive buses", opening_post="Rural routes")

    assert "Demand-responsive buses" in search(client, "buses")
    assert "Demand-responsive buses" in search(client, "rural")


@pytest.mark.django_db
def test_members_only_discussions_are_found_only_by_members(client, communities):
    _, private = communities
    ThreadFactory(community=private, title="Shared address register", opening_post="UPRN")
    member = UserFactory()
    MembershipFactory(community=private, member=member)

    assert "Shared address register" not in search(client, "address register")
    client.force_login(UserFactory())
    assert "Shared address register" not in search(client, "address register")
    client.force_login(member)
    assert "Shared address register" in search(client, "address register")
    assert CommunityPage.objects.get(pk=private.pk).discussion_visibility == "members"
