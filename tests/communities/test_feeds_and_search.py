"""The Atom feed of new threads (public communities only) and the search selector that the
site search calls, which only ever finds what the searcher may read."""

import xml.etree.ElementTree as ET

import pytest

from communities.selectors import search_discussions
from tests.factories import ThreadFactory, reply_to_thread
from tests.querycounts import assert_queries_constant

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


def test_search_finds_titles_and_posts_in_readable_communities_only(
    forum, private_forum, member, outsider, editor
):
    public = ThreadFactory(community=forum, title="Flood sensors in rural areas")
    in_reply = ThreadFactory(community=forum, title="Weather stations")
    reply = reply_to_thread(in_reply, member, body="Our flood model uses river gauges")
    private = ThreadFactory(community=private_forum, title="Flood plans for care homes")
    ThreadFactory(community=forum, title="Flood hidden", is_hidden=True)

    def found(user):
        return {thread.pk: thread for thread in search_discussions("flood", user=user)}

    for_outsider = found(outsider)
    assert set(for_outsider) == {public.pk, in_reply.pk}
    assert for_outsider[in_reply.pk].matching_post_id == reply.pk
    assert set(found(member)) == {public.pk, in_reply.pk, private.pk}
    assert set(found(editor)) == {public.pk, in_reply.pk, private.pk}


def test_search_ignores_deleted_and_hidden_posts(forum, member, outsider):
    thread = ThreadFactory(community=forum, title="Weather stations")
    reply_to_thread(thread, member, body="secret floodgate", is_deleted=True)
    reply_to_thread(thread, member, body="hidden floodgate", is_hidden=True)

    assert search_discussions("floodgate", user=outsider) == []


def test_search_results_include_links_to_the_matching_post_or_the_thread(forum, member, outsider):
    from django.template.loader import render_to_string

    by_title = ThreadFactory(community=forum, title="Flood sensors")
    by_post = ThreadFactory(community=forum, title="Weather stations")
    reply = reply_to_thread(by_post, member, body="flood gauges")

    html = render_to_string(
        "communities/includes/search_results.html",
        {"threads": search_discussions("flood", user=outsider)},
    )

    assert f'href="/communities/data/discussions/{by_title.pk}-flood-sensors/"' in html
    assert f'href="/communities/data/posts/{reply.pk}/"' in html
    assert "Discussion in Data" in html


def test_search_results_cost_the_same_queries_however_many_match(
    client, forum, private_forum, member
):
    """Matches by title and by post, in two communities: no query per result."""

    def add_matches(count):
        for number in range(count):
            community = forum if number % 2 else private_forum
            thread = ThreadFactory(community=community, title=f"Weather station {number}")
            reply_to_thread(thread, member, body=f"Our flood gauge number {number}")
            ThreadFactory(community=community, title=f"Flood sensors {number}")

    add_matches(2)
    client.force_login(member)

    assert_queries_constant(client, "/search/?q=flood", lambda: add_matches(10), max_queries=12)
    assert client.get("/search/?q=flood").content.decode().count("cp-results__item") >= 24
