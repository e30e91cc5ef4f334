import pytest

from tests.factories import (
    CaseStudyPageFactory,
    CommunityPageFactory,
    EventPageFactory,
    StandardPageFactory,
)
from tests.querycounts import assert_queries_constant


@pytest.fixture
def community(site_tree):
    return CommunityPageFactory(
        parent=site_tree["communities"], title="Travel and mobility", slug="travel"
    )


def test_home_page_shows_communities_case_studies_and_upcoming_events(client, site_tree, community):
    CaseStudyPageFactory(
        parent=site_tree["case_studies"], title="Dudley congestion sensors", components=[community]
    )
    EventPageFactory(parent=site_tree["events"], title="Mobility data meetup", community=community)

    content = client.get("/").content.decode()

    assert "Travel and mobility" in content
    assert "Dudley congestion sensors" in content
    assert "Mobility data meetup" in content


def test_home_page_navigation_marks_menu_pages(client, site_tree):
    content = client.get("/case-studies/").content.decode()

    assert 'href="/communities/"' in content
    assert 'aria-current="page"' in content or 'aria-current="true"' in content


def test_home_page_queries_do_not_grow_with_content(client, site_tree, community):
    def grow():
        for number in range(8):
            extra = CommunityPageFactory(parent=site_tree["communities"], slug=f"extra-{number}")
            CaseStudyPageFactory(parent=site_tree["case_studies"], components=[extra, community])
            EventPageFactory(parent=site_tree["events"], community=extra)

    CaseStudyPageFactory(parent=site_tree["case_studies"], components=[community])
    EventPageFactory(parent=site_tree["events"], community=community)
    assert_queries_constant(client, "/", grow, max_queries=16)


def test_standard_page_renders_its_intro(client, site_tree):
    StandardPageFactory(
        parent=site_tree["home"],
        title="Code of conduct",
        slug="code-of-conduct",
        intro="Be kind, be curious, share generously.",
    )

    response = client.get("/code-of-conduct/")

    assert response.status_code == 200
    assert "Be kind, be curious, share generously." in response.content.decode()


def test_health_check_answers_ok_without_touching_the_database(
    client, db, django_assert_num_queries
):
    with django_assert_num_queries(0):
        response = client.get("/healthz")

    assert response.content == b"ok"


def test_footer_links_to_the_live_support_pages_only(client, site_tree):
    StandardPageFactory(parent=site_tree["home"], title="Privacy notice", slug="privacy")
    conduct = StandardPageFactory(parent=site_tree["home"], slug="code-of-conduct")
    StandardPageFactory(parent=site_tree["home"], title="Elsewhere", slug="elsewhere")
    conduct.unpublish()

    content = client.get("/events/").content.decode()
    footer = content[content.index('<footer class="govuk-footer">') :]

    assert '<a class="govuk-footer__link" href="/privacy/">Privacy</a>' in footer
    assert "/code-of-conduct/" not in footer
    assert "/elsewhere/" not in footer


def header_links(client, path="/events/") -> str:
    content = client.get(path).content.decode()
    return content[content.index("<header") : content.index("</header>")]


def test_header_and_footer_come_from_the_cache_until_a_top_page_changes(
    client, site_tree, django_assert_max_num_queries
):
    def reads_top_pages(queries) -> bool:
        # The header's query, and only it, selects just a few page columns ending with this.
        return any('"show_in_menus" FROM' in query["sql"] for query in queries)

    with django_assert_max_num_queries(100) as first:
        client.get("/events/")
    with django_assert_max_num_queries(100) as second:
        client.get("/case-studies/")
    assert reads_top_pages(first.captured_queries)
    assert not reads_top_pages(second.captured_queries)

    about = StandardPageFactory(
        parent=site_tree["home"], title="About us", slug="about", show_in_menus=True
    )
    assert 'href="/about/"' in header_links(client)

    about.title = "About Connected Places"
    about.save_revision().publish()
    assert "About Connected Places" in header_links(client)

    about.unpublish()
    assert 'href="/about/"' not in header_links(client)

    about.save_revision().publish()
    about.move(site_tree["communities"], pos="last-child")
    assert "About Connected Places" not in header_links(client)
