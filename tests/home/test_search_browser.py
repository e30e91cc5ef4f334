"""Site search in a real browser over the seeded site, with axe-core on each state of the page:
results, filtered results, "did you mean", and a query without words. Uses the browser suite's
Chromium and seed (tests/browser/support.py) and its page checks (tests/browser/test_journeys.py).
"""

from urllib.parse import parse_qs, urlsplit

import pytest

from tests.browser.test_journeys import assert_no_violations, check_page, follow, h1_text, open_page

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def result_types(page) -> list[str]:
    return [
        text.split(" · ")[0]
        for text in page.locator(".cp-results__item .cp-meta").all_inner_texts()
    ]


def search_journey(browser, base_url):
    reports = []
    with open_page(browser, base_url) as page:
        page.goto("/")
        banner = page.get_by_role("banner")
        banner.get_by_label("Search Connected Places").fill("sensors")
        response = follow(page, banner.get_by_role("button", name="Search"))
        reports.append(check_page(page, response))
        assert page.locator("#results-heading").inner_text().startswith("11 results")
        assert page.locator(".cp-results__item mark").first.inner_text().lower() == "sensors"
        everything = result_types(page)

        filters = page.get_by_role("form", name="Filter results")
        filters.get_by_label("Events (2)").check()
        filters.get_by_label("Discussions (1)").check()
        response = follow(page, filters.get_by_role("button", name="Apply filters"))
        reports.append(check_page(page, response))
        assert parse_qs(urlsplit(page.url).query) == {
            "q": ["sensors"],
            "type": ["event", "discussion"],
        }
        assert sorted(result_types(page)) == ["Discussion", "Event", "Event"]
        filtered_url = page.url

        main_search = page.get_by_role("search", name="Search the site")
        main_search.get_by_label("Search communities, case studies, events and discussions").fill(
            "sensros"
        )
        response = follow(page, main_search.get_by_role("button", name="Search"))
        reports.append(check_page(page, response))
        suggestion = page.get_by_role("link", name="sensors", exact=True)
        response = follow(page, suggestion)
        assert sorted(result_types(page)) == ["Discussion", "Event", "Event"]

        response = page.goto("/search/?q=%F0%9F%99%82")  # an emoji: no words
        reports.append(check_page(page, response))
        assert page.title().startswith("Error: ")

    with open_page(browser, base_url, javascript=False) as page:
        response = page.goto(filtered_url)
        assert response.ok
        assert h1_text(page) == "Search"
        assert sorted(result_types(page)) == ["Discussion", "Event", "Event"]

    assert_no_violations(reports)
    return everything


def test_search_results_filters_and_suggestions_are_accessible(browser, live_server, seeded):
    everything = browser.run(search_journey, live_server.url)

    assert set(everything) == {"Discussion", "Event", "Case study", "Community"}
