"""Site search over the seeded demo content: relevance, privacy, the type filter, "did you mean"
and hostile queries, through the page a visitor sees.

The suite runs on SQLite and on PostgreSQL, and so do these tests: both use Wagtail's database
search backend (FTS5 on SQLite, full-text search on PostgreSQL), which indexes each page and
thread as it is saved, so the seed leaves everything searchable. Seeding takes a few seconds,
so the module seeds once (`seeded`, with the seed command's service) in a transaction rolled
back when the module ends; each test still runs in its own savepoint through `db`.
"""

import html
import re

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import transaction
from wagtail.models import Site

from communities.forum.models import Thread
from communities.membership.models import CommunityPage, DiscussionVisibility, Membership
from home.search import VOCABULARY_CACHE_KEY
from home.seeding import seed_demo_content
from members.models import User
from tests.factories import MembershipFactory, UserFactory

UPRN_THREAD = "Which UPRN matching approach has worked for you?"


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        seed_demo_content(password="search-tests-password")
        yield
        transaction.set_rollback(True)
    Site.clear_site_root_paths_cache()


@pytest.fixture(autouse=True)
def _seeded_content(seeded, db):
    yield
    Site.clear_site_root_paths_cache()


def search(client, query="", **params):
    response = client.get("/search/", {"q": query, **params})
    assert response.status_code == 200
    return response.content.decode()


def _text(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", fragment)).split())


def result_titles(page: str) -> list[str]:
    """The results' titles, in the order shown."""
    return [_text(title) for title in re.findall(r"<h3[^>]*>\s*<a[^>]*>(.*?)</a>", page)]


def result_types(page: str) -> list[str]:
    """The type shown under each result ("Case study", "Discussion", ...)."""
    metas = re.findall(r'<p class="govuk-body-s cp-meta[^"]*">(.*?)</p>', page, re.S)
    return [_text(meta).split(" · ")[0] for meta in metas]


def search_box_value(page: str) -> str:
    box = re.search(r'<input class="govuk-input[^"]*" id="search-q"[^>]*>', page).group(0)
    return html.unescape(re.search(r'value="([^"]*)"', box).group(1))


def heading(page: str) -> str:
    return _text(
        re.search(r'<h2 class="govuk-heading-m" id="results-heading">(.*?)</h2>', page, re.S).group(
            1
        )
    )


def make_members_only(slug: str) -> CommunityPage:
    CommunityPage.objects.filter(slug=slug).update(
        discussion_visibility=DiscussionVisibility.MEMBERS
    )
    return CommunityPage.objects.get(slug=slug)


# -- relevance --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "first_titles"),
    [
        (
            "virtual wards",
            [
                "Virtual wards: what did you measure in the first six months?",
                "NHS England: virtual wards, or hospital at home",
            ],
        ),
        (
            "air quality sensors",
            [
                "Derbyshire County Council: air-quality sensors",
                "Keeping sensors alive through a Highland winter",
            ],
        ),
        (
            "consultation",
            [
                "Online consultations: reaching people who never reply",
                "Consultation: principles for digital engagement in local democracy",
            ],
        ),
        ("privacy", ["Privacy notice"]),
        (
            "Barnsley vulnerability",
            ["Barnsley Council: using UPRNs to build a vulnerability index"],
        ),
    ],
)
def test_known_queries_put_the_best_matches_first(client, query, first_titles):
    titles = result_titles(search(client, query))

    assert titles[: len(first_titles)] == first_titles


def test_results_whose_titles_hold_the_words_come_before_those_that_only_mention_them(client):
    titles = result_titles(search(client, "sensors"))

    titled = [title for title in titles if "sensors" in title.lower()]
    assert len(titled) == 6
    assert titles[:6] == titled
    assert len(titles) > 6


def test_each_result_shows_its_type_a_highlighted_excerpt_and_links_to_it(client):
    page = search(client, "Barnsley vulnerability")

    assert heading(page) == "1 result for “Barnsley vulnerability”"
    assert result_types(page) == ["Case study"]
    assert 'href="/case-studies/barnsley-uprns-vulnerability-index/"' in page
    assert (
        "<mark>Barnsley</mark> Council: using UPRNs to build a <mark>vulnerability</mark>" in page
    )
    assert "Barnsley Council, Barnsley" in _text(page)


def test_search_finds_every_kind_of_content(client):
    expectations = {
        "Leeds sensors social housing": "Case study",
        "Data": "Community",
        "damp mould tenants webinar": "Event",
        "Highland winter": "Discussion",
        "accessibility statement": "Page",
    }
    for query, kind in expectations.items():
        assert kind in result_types(search(client, query)), query


# -- privacy ------------------------------------------------------------------------------------


def test_members_only_discussions_are_never_shown_or_counted_for_outsiders(client):
    make_members_only("data")

    for signed_in in (None, UserFactory()):
        if signed_in:
            client.force_login(signed_in)
        page = search(client, "UPRN matching")

        assert UPRN_THREAD not in page
        assert "Discussions (0)" in _text(page)


def test_members_and_editors_find_members_only_discussions(client):
    data = make_members_only("data")
    member = UserFactory()
    MembershipFactory(community=data, member=member)
    editor = UserFactory()
    editor.groups.add(Group.objects.get(name="Editors"))

    for user in (member, editor):
        client.force_login(user)
        page = search(client, "UPRN matching")
        assert UPRN_THREAD in result_titles(page)
        assert "Discussions (1)" in _text(page)


def test_a_pending_member_is_an_outsider_to_search(client):
    data = make_members_only("data")
    pending = UserFactory()
    MembershipFactory(community=data, member=pending, status="pending", joined_at=None)
    client.force_login(pending)

    assert UPRN_THREAD not in search(client, "UPRN matching")


def test_hidden_threads_are_not_found(client):
    Thread.objects.filter(title=UPRN_THREAD).update(is_hidden=True)

    assert UPRN_THREAD not in search(client, "UPRN matching")


# -- type filter --------------------------------------------------------------------------------


def test_the_type_filter_narrows_results_and_keeps_every_types_count(client):
    page = search(client, "sensors", type="event")

    assert set(result_types(page)) == {"Event"}
    assert heading(page).startswith("2 results for “sensors”")
    assert re.search(r'id="type-event" name="type" type="checkbox" value="event" checked', page)
    text = _text(page)
    assert "Events (2)" in text and "Discussions (1)" in text and "Communities (1)" in text
    assert 'href="/search/?q=sensors"' in page  # clear filters


def test_several_types_can_be_chosen_and_unknown_ones_are_ignored(client):
    page = search(client, "sensors", type=["event", "discussion", "nonsense"])

    assert sorted(result_types(page)) == ["Discussion", "Event", "Event"]
    assert len(result_types(search(client, "sensors", type="nonsense"))) > 3


def test_a_new_search_keeps_the_chosen_types(client):
    page = search(client, "sensors", type="event")

    search_form = re.search(
        r'<form action="/search/" method="get" role="search".*?</form>', page, re.S
    )
    assert '<input type="hidden" name="type" value="event">' in search_form.group(0)


# -- did you mean -------------------------------------------------------------------------------


def test_a_misspelt_search_suggests_what_the_site_has(client):
    page = search(client, "virtaul wards")

    assert "No results" in heading(page)
    assert "Did you mean virtual wards?" in _text(page)
    assert 'href="/search/?q=virtual+wards"' in page


def test_no_suggestion_when_nothing_is_close_or_the_suggestion_finds_nothing_either(client):
    assert "Did you mean" not in search(client, "qwxzvjk")
    # "sensors" is a known word, but no standard page mentions it.
    assert "Did you mean" not in search(client, "sensros", type="page")
    assert "Did you mean sensors?" in _text(search(client, "sensros"))


def test_suggestions_never_come_from_members_only_discussions(client):
    # "welcome" is only a tag of a discussion in the Data community.
    assert "Did you mean welcome?" in _text(search(client, "welcone"))

    make_members_only("data")
    cache.delete(VOCABULARY_CACHE_KEY)

    assert "Did you mean" not in search(client, "welcone")


# -- empty and hostile queries ------------------------------------------------------------------


@pytest.mark.parametrize("params", [{}, {"q": ""}, {"q": "   "}, {"q": "\t\n"}, {"q": "\x00"}])
def test_no_query_shows_the_search_form_only(client, params):
    response = client.get("/search/", params)

    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="search-q"' in page
    assert "results-heading" not in page
    assert "There is a problem" not in page


@pytest.mark.parametrize(
    "query",
    ["🙂", "***", "( )", '""', "-", "%", "_", "\\", "AND OR NOT", "🌊🌊🌊"],
)
def test_a_query_without_words_asks_for_one(client, query):
    page = search(client, query)

    assert "<title>Error: Search" in page
    assert "There is a problem" in page
    assert "Enter a word to search for" in page
    assert "results-heading" not in page


@pytest.mark.parametrize(
    "query",
    [
        '"virtual wards"',
        "virtual AND wards",
        "virtual OR wards",
        "NOT virtual wards",
        "virtual -wards",
        "virtual* wards",
        "(virtual wards)",
        "virtual) OR (wards",
        "NEAR(virtual wards)",
        "virtual\x00wards",
        "🏥 virtual wards",
    ],
)
def test_quotes_operators_and_odd_characters_are_searched_as_plain_words(client, query):
    page = search(client, query)

    assert "NHS England: virtual wards, or hospital at home" in result_titles(page)
    assert "\x00" not in page


def test_sql_in_a_query_is_only_words(client):
    threads = Thread.objects.count()

    page = search(client, "wards'; DROP TABLE communities_thread; --")

    assert "No results" in heading(page)
    assert Thread.objects.count() == threads


def test_operators_and_quotes_are_explained(client):
    page = _text(search(client, '"virtual wards" NOT frailty'))

    assert "Quotation marks, brackets and operators such as AND, OR, NOT" in page


def test_a_very_long_query_is_shortened_and_says_so(client):
    page = search(client, "virtual wards " * 1_000)

    assert "NHS England: virtual wards, or hospital at home" in result_titles(page)
    assert "Your search was long, so we used only the start of it" in _text(page)
    assert len(search_box_value(page)) <= 200


def test_ten_thousand_characters_without_a_usable_word_ask_for_one(client):
    page = search(client, "x" * 10_000)

    assert "Enter a word to search for" in page
    assert len(search_box_value(page)) <= 200
    assert len(page) < 100_000


def test_markup_in_the_query_is_shown_as_text(client):
    page = search(client, '<script>alert("wards")</script>')

    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&quot;wards&quot;)&lt;/script&gt;" in page


@pytest.mark.parametrize("number", ["0", "-1", "abc", "999999", "1.5", "9" * 50])
def test_any_page_number_answers(client, number):
    page = search(client, "sensors", page=number)

    assert result_titles(page)


def test_stop_words_alone_answer_cleanly(client):
    # PostgreSQL drops English stop words, so this finds nothing there; SQLite searches them.
    page = search(client, "the and of")

    assert "results-heading" in page


def test_a_member_search_costs_a_bounded_number_of_queries(client, django_assert_max_num_queries):
    member = User.objects.get(email="ravi.chowdhury@example.org")
    assert Membership.objects.filter(member=member).exists()
    client.force_login(member)
    search(client, "data")  # warm the per-process caches (content types, site root paths)

    with django_assert_max_num_queries(20):
        page = search(client, "data")
    assert len(result_titles(page)) == 20
