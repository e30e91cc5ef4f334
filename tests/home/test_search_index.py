"""Site search with content built for each test: the search index kept up to date as
discussions change, privacy, safe highlighting, paging, and the cost of a search.

Threads are started through communities.forum.services (as members start them), which indexes the
opening post; pages are indexed by Wagtail's signal handlers as the factories save them.
"""

import json
import os
import re
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings

from communities.forum import moderation
from communities.forum import services as discussions
from communities.forum.models import Post, Thread
from communities.membership.models import DiscussionVisibility
from home.search import excerpt, highlight, highlight_pattern, parse_query
from tests.factories import (
    CaseStudyPageFactory,
    CommunityPageFactory,
    EventPageFactory,
    MembershipFactory,
    StandardPageFactory,
    ThreadFactory,
    UserFactory,
)
from tests.home.test_search import _text, heading, result_titles, result_types, search
from tests.querycounts import count_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def forum(site_tree):
    return CommunityPageFactory(parent=site_tree["communities"], title="Travel", slug="travel")


@pytest.fixture
def private_forum(site_tree):
    return CommunityPageFactory(
        parent=site_tree["communities"],
        title="Health",
        slug="health",
        discussion_visibility=DiscussionVisibility.MEMBERS,
    )


@pytest.fixture
def author(forum, private_forum):
    user = UserFactory(display_name="Ana Author")
    MembershipFactory(community=forum, member=user)
    MembershipFactory(community=private_forum, member=user)
    return user


def start(community, author, title, body="We are starting out.", tags=()):
    return discussions.thread_start(
        community=community, author=author, title=title, body=body, tags=tags, moderator=True
    )


def opening_post(thread) -> Post:
    return thread.posts.get(number=1)


# -- discussions in the index -------------------------------------------------------------------


def test_discussions_are_found_by_title_opening_post_tag_and_community(client, forum, author):
    start(
        forum,
        author,
        "Demand-responsive buses",
        body="Rural routes with **booking** by phone.",
        tags=["Timetables"],
    )

    for query in ("buses", "rural booking", "timetables", "travel demand"):
        assert result_titles(search(client, query)) == ["Demand-responsive buses"], query


def test_editing_the_opening_post_reindexes_its_thread(client, forum, author):
    thread = start(forum, author, "Bus data", body="We use GTFS feeds.")

    discussions.post_edit(post=opening_post(thread), editor=author, body="We use NeTEx now.")

    assert result_titles(search(client, "netex")) == ["Bus data"]
    assert result_titles(search(client, "gtfs")) == []


def test_a_hidden_or_deleted_opening_post_is_no_longer_searched(client, forum, author):
    hidden = start(forum, author, "Parking sensors", body="Our supplier is Acme.")
    deleted = start(forum, author, "Kerbside data", body="Acme again, for kerbs.")

    moderation.post_set_hidden(post=opening_post(hidden), hidden=True, by=author)
    discussions.post_delete(post=opening_post(deleted), by=author)

    assert result_titles(search(client, "acme")) == []
    # The threads themselves stay findable by their titles.
    assert result_titles(search(client, "parking sensors")) == ["Parking sensors"]

    moderation.post_set_hidden(post=opening_post(hidden), hidden=False, by=author)
    assert result_titles(search(client, "acme")) == ["Parking sensors"]


def test_hidden_threads_leave_the_results(client, forum, author):
    thread = start(forum, author, "Cycle lanes")

    moderation.thread_set_hidden(thread=thread, hidden=True, by=author)

    assert result_titles(search(client, "cycle lanes")) == []


@override_settings(COMMUNITY_HOLD_FIRST_POSTS=True)
def test_a_thread_held_for_approval_is_found_once_approved(client, forum, author):
    newcomer = UserFactory()
    MembershipFactory(community=forum, member=newcomer)
    thread = discussions.thread_start(
        community=forum, author=newcomer, title="Ferry timetables", body="Island ferries."
    )
    assert thread.is_held

    assert result_titles(search(client, "ferry")) == []
    assert result_titles(search(client, "island")) == []

    discussions.post_publish_held(post=thread.posts.get(), by=author)

    assert result_titles(search(client, "island ferries")) == ["Ferry timetables"]


def test_a_thread_moved_to_a_members_only_community_leaves_outsiders_results(
    client, forum, private_forum, author
):
    thread = start(forum, author, "Patient transport")

    moderation.thread_move(thread=thread, to=private_forum, by=author)

    assert result_titles(search(client, "patient transport")) == []
    client.force_login(author)
    assert result_titles(search(client, "patient transport")) == ["Patient transport"]


def test_members_only_discussions_are_found_only_by_their_members(client, private_forum, author):
    start(private_forum, author, "Shared address register", body="UPRN lookups")

    assert result_titles(search(client, "address register")) == []
    client.force_login(UserFactory())
    assert result_titles(search(client, "uprn")) == []
    client.force_login(author)
    assert result_titles(search(client, "uprn")) == ["Shared address register"]


def test_update_index_indexes_threads_with_their_opening_posts(client, forum):
    ThreadFactory(community=forum, title="Bike share", opening_post="Docking stations")

    call_command("update_index", verbosity=0)

    assert result_titles(search(client, "docking")) == ["Bike share"]


def test_a_discussion_result_links_to_the_thread_and_says_where_it_is(client, forum, author):
    thread = start(forum, author, "Road works data", body="Street manager exports.")
    discussions.post_reply(thread=thread, author=author, body="Same here.", moderator=True)

    page = search(client, "street manager")

    assert f'href="/communities/travel/discussions/{thread.pk}-road-works-data/"' in page
    assert "Discussion · In Travel · Started by Ana Author · 1 reply" in _text(page)
    assert "<mark>Street</mark> <mark>manager</mark> exports." in page


def test_search_finds_a_case_study_by_organisation(client, site_tree):
    CaseStudyPageFactory(
        parent=site_tree["case_studies"],
        title="Congestion hotspot sensors",
        organisation="Dudley Metropolitan Borough Council",
    )

    page = search(client, "metropolitan borough")

    assert result_titles(page) == ["Congestion hotspot sensors"]
    assert "Dudley Metropolitan Borough Council, Leeds" in _text(page)


def test_search_with_a_hostile_query_answers_cleanly(client, site_tree):
    page = search(client, '"<script>alert(1)</script> OR -" ' * 500)

    assert "<script>alert(1)</script>" not in page
    assert "No results" in heading(page)


def test_search_without_any_words_asks_for_words_and_keeps_what_was_typed(client, site_tree):
    page = search(client, "  <> ")

    assert "Enter a word to search for" in page
    assert 'value="&lt;&gt;"' in page
    assert "results-heading" not in page


# -- highlighting -------------------------------------------------------------------------------


def test_highlight_escapes_everything_but_the_marks():
    pattern = highlight_pattern(["flood"])

    marked = highlight('<b class="x">Flood</b> & floods <mark>', pattern)

    assert marked == (
        "&lt;b class=&quot;x&quot;&gt;<mark>Flood</mark>&lt;/b&gt; &amp; "
        "<mark>floods</mark> &lt;mark&gt;"
    )


def test_highlight_matches_words_that_share_a_stem_but_not_inside_other_words():
    pattern = highlight_pattern(["sensors", "bus"])

    marked = highlight("A sensor, two sensors, buses; a busy bus omnibus", pattern)

    assert marked == (
        "A <mark>sensor</mark>, two <mark>sensors</mark>, <mark>buses</mark>; "
        "a busy <mark>bus</mark> omnibus"
    )


def test_excerpt_is_the_passage_around_the_first_match():
    pattern = highlight_pattern(["gauges"])
    text = " ".join(["word"] * 200) + " river gauges " + " ".join(["more"] * 200)

    passage = excerpt(["no match here", text], pattern)

    assert "<mark>gauges</mark>" in passage
    assert passage.startswith("… ") and passage.endswith(" …")
    assert len(_text(passage)) < 260


def test_titles_and_excerpts_with_markup_are_escaped_on_the_page(client, forum, author):
    start(
        forum,
        author,
        '<script>alert("flood")</script> sensors',
        body='<img src=x onerror="alert(1)"> Flood & <b>tide</b> tables',
    )

    page = search(client, "flood")

    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(&quot;<mark>flood</mark>&quot;)&lt;/script&gt; sensors" in page
    # Markdown shows HTML in a post as text, and so does the excerpt.
    assert (
        "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; <mark>Flood</mark> &amp; "
        "&lt;b&gt;tide&lt;/b&gt; tables"
    ) in page


# -- query parsing ------------------------------------------------------------------------------


def test_parse_query_keeps_words_and_drops_syntax():
    query = parse_query('  "flood  sensors" AND -river (gauge*) flood\x00 ')

    assert query.terms == ("flood", "sensors", "river", "gauge")
    assert query.syntax_ignored
    assert query.text == '"flood sensors" AND -river (gauge*) flood'


def test_parse_query_limits_words_and_length():
    many = parse_query(" ".join(f"word{number}" for number in range(30)))
    long = parse_query("tide " * 100)

    assert len(many.terms) == 12 and many.shortened
    assert long.terms == ("tide",) and long.shortened and len(long.text) <= 200
    assert parse_query("a" * 41).terms == ()


# -- type filter and paging ---------------------------------------------------------------------


def test_paging_keeps_the_query_and_filters_and_never_repeats_a_result(client, site_tree):
    for number in range(25):
        CaseStudyPageFactory(
            parent=site_tree["case_studies"],
            title=f"Heat pumps in school {number}",
            slug=f"heat-pumps-{number}",
        )
    EventPageFactory(parent=site_tree["events"], title="Heat pumps webinar")

    first = search(client, "heat pumps", type="case-study")
    second = search(client, "heat pumps", type="case-study", page="2")

    assert heading(first).startswith("25 results")
    assert 'href="?q=heat+pumps&amp;type=case-study&amp;page=2"' in first
    titles = result_titles(first) + result_titles(second)
    assert len(titles) == 25 == len(set(titles))
    assert set(result_types(first) + result_types(second)) == {"Case study"}
    assert "Heat pumps webinar" in result_titles(search(client, "heat pumps"))


def test_standard_pages_and_events_are_labelled(client, site_tree):
    StandardPageFactory(parent=site_tree["home"], title="Cookies", intro="Cookie policy")
    EventPageFactory(parent=site_tree["events"], title="Cookie clinic")

    page = search(client, "cookie")

    assert sorted(result_types(page)) == ["Event", "Page"]


def test_unpublished_pages_are_not_found(client, site_tree):
    draft = CaseStudyPageFactory(parent=site_tree["case_studies"], title="Tidal energy")
    draft.unpublish()

    assert result_titles(search(client, "tidal")) == []


# -- cost ---------------------------------------------------------------------------------------


def add_matches(site_tree, forum, private_forum, author, count):
    first = Thread.objects.count()
    for number in range(first, first + count):
        CaseStudyPageFactory(
            parent=site_tree["case_studies"],
            title=f"Flood sensors {number}",
            summary="River gauges and flood warnings.",
        )
        EventPageFactory(parent=site_tree["events"], title=f"Flood workshop {number}")
        community = forum if number % 2 else private_forum
        start(community, author, f"Flood maps {number}", body="Which flood data do you use?")


def test_a_search_costs_no_more_queries_however_much_matches(
    client, site_tree, forum, private_forum, author
):
    """No query per result: at most one per page type shown, and two for discussions."""
    add_matches(site_tree, forum, private_forum, author, 3)
    client.force_login(author)
    client.get("/search/?q=flood")  # warm the per-process caches (content types, site paths)
    few = count_queries(client, "/search/?q=flood")

    add_matches(site_tree, forum, private_forum, author, 40)
    many = count_queries(client, "/search/?q=flood")

    assert many <= few <= 20
    assert len(result_titles(search(client, "flood"))) == 20


def test_a_filtered_page_of_results_at_a_realistic_size_is_bounded(
    client, site_tree, forum, private_forum, author, django_assert_max_num_queries
):
    add_matches(site_tree, forum, private_forum, author, 60)
    client.get("/search/?q=flood")  # warm the per-process caches

    with django_assert_max_num_queries(14):
        page = search(client, "flood", type=["discussion", "case-study"], page="3")

    assert set(result_types(page)) <= {"Discussion", "Case study"}
    assert heading(page).startswith("90 results")  # 60 case studies, 30 public threads
    assert re.search(r'aria-current="page">3<', page)


# -- configuration ------------------------------------------------------------------------------


def settings_in_subprocess(**environment) -> dict:
    """WAGTAILSEARCH_BACKENDS as the settings compute it from the given environment."""
    code = (
        "import json, django; django.setup(); from django.conf import settings; "
        "print(json.dumps(settings.WAGTAILSEARCH_BACKENDS))"
    )
    result = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", code],
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "connected_places.settings.test",
            **environment,
        },
        capture_output=True,
        text=True,
        check=True,
        cwd=settings.BASE_DIR,
    )
    return json.loads(result.stdout)


def test_search_moves_to_an_opensearch_cluster_by_configuration_alone():
    default = settings_in_subprocess(WAGTAILSEARCH_URLS="")
    cluster = settings_in_subprocess(
        WAGTAILSEARCH_URLS="https://search-1:9200,https://search-2:9200",
        WAGTAILSEARCH_BACKEND="wagtail.search.backends.elasticsearch8",
        WAGTAILSEARCH_INDEX="cp_staging",
    )

    assert default["default"]["BACKEND"] == "wagtail.search.backends.database"
    assert cluster["default"]["BACKEND"] == "wagtail.search.backends.elasticsearch8"
    assert cluster["default"]["URLS"] == ["https://search-1:9200", "https://search-2:9200"]
    assert cluster["default"]["INDEX"] == "cp_staging"


def test_postgresql_search_matches_on_the_expression_home_indexes(client, site_tree):
    """The page search on PostgreSQL matches `title || body` of the index entries, and home's
    migration indexes exactly that expression (without it a search over national-size content
    takes seconds: see the migration). On SQLite search has its own full-text table and the
    migration adds nothing."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    CaseStudyPageFactory(parent=site_tree["case_studies"], title="Heat pumps in Kirklees")
    with CaptureQueriesContext(connection) as queries:
        assert "Heat pumps in Kirklees" in result_titles(search(client, "heat pumps"))

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            ranked = [q["sql"] for q in queries.captured_queries if "_score" in q["sql"]]
            assert ranked, "the search ran no ranked query"
            matched = '("wagtailsearch_indexentry"."title" || "wagtailsearch_indexentry"."body") @@'
            assert all(matched in sql for sql in ranked)
            cursor.execute(
                "SELECT indexdef FROM pg_indexes WHERE indexname = 'home_search_entry_vector_gin'"
            )
            assert "USING gin (((title || body)))" in cursor.fetchone()[0]
        else:
            cursor.execute(
                "SELECT count(*) FROM sqlite_master WHERE name = 'home_search_entry_vector_gin'"
            )
            assert cursor.fetchone()[0] == 0


def test_a_renamed_community_s_threads_are_found_by_its_new_name(
    client, forum, author, django_capture_on_commit_callbacks
):
    start(forum, author, "Sharing bus timetables")
    assert "Sharing bus timetables" in result_titles(search(client, "Travel"))

    forum.title = "Mobility"
    with django_capture_on_commit_callbacks(execute=True):
        forum.save_revision().publish()

    assert "Sharing bus timetables" in result_titles(search(client, "Mobility"))
    assert "Sharing bus timetables" not in result_titles(search(client, "Travel"))


def test_publishing_a_community_without_renaming_it_leaves_its_threads_alone(
    forum, author, monkeypatch, django_capture_on_commit_callbacks
):
    from communities.forum import tasks

    start(forum, author, "Sharing bus timetables")
    queued = []
    monkeypatch.setattr(tasks.reindex_community_threads, "delay", queued.append)
    with django_capture_on_commit_callbacks(execute=True):
        forum.save_revision().publish()
    forum.summary = "Buses, trains and bikes."
    with django_capture_on_commit_callbacks(execute=True):
        forum.save_revision().publish()
    assert queued == [forum.pk]  # only the first: it has nothing to compare with

    queued.clear()
    forum.title = "Mobility"
    with django_capture_on_commit_callbacks(execute=True):
        forum.save_revision().publish()
    assert queued == [forum.pk]
