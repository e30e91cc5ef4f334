"""The Atom feed of new threads (public communities only)."""

import xml.etree.ElementTree as ET

import pytest

from tests.factories import ThreadFactory

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def test_public_community_feed_lists_new_threads_newest_first(client, forum, member):
    ThreadFactory(
        community=forum, author=member, title="Older thread", opening_post="First **one**"
    )
    ThreadFactory(community=forum, author=member, title="Newer thread")
    ThreadFactory(community=forum, title="Hidden thread", is_hidden=True)

    response = client.get("/communities/data/feed/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)  # noqa: S314 - our own response
    titles = [entry.find(f"{ATOM}title").text for entry in feed.findall(f"{ATOM}entry")]
    assert titles == ["Newer thread", "Older thread"]
    older = feed.findall(f"{ATOM}entry")[1]
    assert (
        older.find(f"{ATOM}link")
        .get("href")
        .startswith("http://testserver/communities/data/discussions/")
    )
    assert older.find(f"{ATOM}summary").text == "First one"
    assert older.find(f"{ATOM}author/{ATOM}name").text == "Mia Member"


def test_members_only_community_has_no_feed_even_for_members(client, private_forum, member):
    ThreadFactory(community=private_forum, author=member)
    client.force_login(member)

    assert client.get("/communities/health/feed/").status_code == 404
