"""A visitor's journeys through the seeded site in a real browser, with axe-core on every page.

Each page must have no WCAG 2.2 A/AA violation that axe-core can find, exactly one <h1>, and
a working skip link to the main content; and each must work with JavaScript turned off.

The functions that drive the browser run in the browser's own thread (see support.py): each
test passes one to `browser.run`, which hands it the Chromium instance.
"""

import re
from contextlib import contextmanager
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.test import Client
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from members.models import User

pytestmark = [
    pytest.mark.browser,
    # serialized_rollback: a transactional test empties every table when it ends; this puts
    # back what the migrations created (Wagtail's root page and default site among them)
    # before each test, for seed_demo to build on.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"],
    },
    "resultTypes": ["violations"],
}
TIMEOUT_MS = 15_000
axe = Axe()


def is_csp_violation(console_message) -> bool:
    return console_message.type == "error" and "Content Security Policy" in console_message.text


@contextmanager
def open_page(browser, base_url, *, javascript=True):
    """A page in a fresh context; the test fails on any script error, failed request or
    anything the Content-Security-Policy refused (Chromium reports each on the console)."""
    context = browser.new_context(base_url=base_url, java_script_enabled=javascript)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    problems = []
    page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    page.on(
        "console",
        lambda message: (
            is_csp_violation(message) and problems.append(f"{page.url}: {message.text}")
        ),
    )
    page.on(
        "response",
        lambda response: (
            response.status >= 400 and problems.append(f"{response.status} for {response.url}")
        ),
    )
    try:
        yield page
    finally:
        context.close()
    assert not problems, "\n".join(problems)


def axe_violations(page) -> str:
    """A readable report of axe-core's violations on the page, or "" when there are none."""
    results = axe.run(page, options=AXE_OPTIONS)
    if not results.violations_count:
        return ""
    return f"{page.url}\n{results.generate_report()}"


def check_page(page, response, *, status=200) -> str:
    """Asserts what every page needs; returns axe-core's report (empty when clean). A page
    expected to answer an error (404) passes its status."""
    assert response is not None, f"no response for {page.url}"
    if status == 200:
        assert response.ok, f"{page.url} answered {response.status}"
    else:
        assert response.status == status, f"{page.url} answered {response.status}, not {status}"
    assert page.locator("h1").count() == 1, f"{page.url} should have exactly one <h1>"

    violations = axe_violations(page)

    skip_link = page.locator("a[href='#main-content']")
    assert skip_link.count() == 1, f"{page.url} should have one skip link"
    assert page.locator("#main-content").count() == 1, f"{page.url}: no #main-content"
    if page.evaluate("document.activeElement === document.body"):
        # A page just loaded: the skip link is the first thing the keyboard reaches.
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.getAttribute('href')") == "#main-content", (
            f"{page.url}: the skip link is not the first focusable element"
        )
    else:  # something (an error summary) took the focus on load
        skip_link.focus()
    # Following it lands in the main content.
    page.keyboard.press("Enter")
    page.wait_for_function(
        "location.hash === '#main-content' && document.activeElement.id === 'main-content'"
    )
    return violations


def follow(page, link):
    """Clicks a link (or a button), waits for the page it leads to and returns the response."""
    with page.expect_navigation() as navigation:
        link.click()
    return navigation.value


def first_href(page, pattern) -> str:
    """The first link in the main content whose path matches pattern (and has no query)."""
    hrefs = (
        page.get_by_role("main")
        .locator("a[href]")
        .evaluate_all("links => links.map(link => link.getAttribute('href'))")
    )
    for href in hrefs:
        if re.fullmatch(pattern, urlsplit(href).path) and not urlsplit(href).query:
            return href
    pytest.fail(f"no link matching {pattern} in the main content of {page.url}: {hrefs}")


def link_to(page, href):
    return page.get_by_role("main").locator(f"a[href='{href}']").first


def h1_text(page) -> str:
    return " ".join(page.locator("h1").inner_text().split())


def assert_no_violations(reports):
    violations = "\n\n".join(report for report in reports if report)
    assert not violations, f"axe-core found WCAG 2.2 A/AA violations:\n\n{violations}"


def visitor_journey(browser, base_url):
    reports, visited = [], []

    with open_page(browser, base_url) as page:

        def arrived(response):
            reports.append(check_page(page, response))
            visited.append((urlsplit(page.url).path, h1_text(page)))

        arrived(page.goto("/"))

        navigation = page.get_by_role("banner")
        arrived(follow(page, navigation.get_by_role("link", name="Communities", exact=True)))
        assert urlsplit(page.url).path == "/communities/"

        arrived(follow(page, page.get_by_role("main").get_by_role("link", name="Data", exact=True)))
        assert "Data" in h1_text(page)
        assert urlsplit(page.url).path.startswith("/communities/")

        case_study = first_href(page, r"/case-studies/[^/]+/")
        arrived(follow(page, link_to(page, case_study)))
        assert urlsplit(page.url).path == urlsplit(case_study).path

        arrived(page.goto("/events/"))
        event = first_href(page, r"/events/[^/]+/")
        arrived(follow(page, link_to(page, event)))
        assert urlsplit(page.url).path == urlsplit(event).path

    # Every page of the journey also works with JavaScript off: the same page, the same
    # heading, and the navigation there to use.
    with open_page(browser, base_url, javascript=False) as page:
        for path, heading in visited:
            response = page.goto(path)
            assert response.ok, f"{path} without JavaScript answered {response.status}"
            assert h1_text(page) == heading, f"{path} without JavaScript"
            navigation = page.get_by_role("banner")
            assert navigation.get_by_role("link", name="Communities", exact=True).is_visible(), (
                f"{path}: the navigation is hidden without JavaScript"
            )

    assert_no_violations(reports)
    return [path for path, _ in visited]


def test_visitor_journey_from_home_to_a_case_study_and_an_event(browser, live_server, seeded):
    visited = browser.run(visitor_journey, live_server.url)

    assert visited[:2] == ["/", "/communities/"]
    assert len(visited) == 6


def submit_empty_sign_up_form(page):
    response = page.goto("/accounts/signup/")
    assert response.ok
    submit = page.get_by_role("main").locator("form[method='post'] [type='submit']").first
    try:
        return follow(page, submit)
    except PlaywrightTimeoutError:
        pytest.fail("submitting the empty form did not reach the server (missing novalidate?)")


def assert_error_summary(page):
    summary = page.locator(".govuk-error-summary")
    assert summary.is_visible(), f"no error summary on {page.url}"
    assert "There is a problem" in summary.inner_text()
    targets = summary.locator("a[href^='#']").evaluate_all(
        "links => links.map(link => link.getAttribute('href'))"
    )
    assert targets, "the error summary should link to the fields in error"
    for target in targets:
        assert page.locator(target).count() == 1, f"the error summary links to missing {target}"


def empty_sign_up(browser, base_url):
    reports = []
    with open_page(browser, base_url) as page:
        reports.append(check_page(page, page.goto("/accounts/signup/")))

        response = submit_empty_sign_up_form(page)
        assert response.status == 200
        assert_error_summary(page)
        # GOV.UK Frontend moves the focus to the summary, so that screen readers announce it.
        page.wait_for_function(
            "document.activeElement && document.activeElement.closest('.govuk-error-summary')"
        )
        reports.append(check_page(page, response))

    # Without JavaScript the server's validation is all there is, and it is enough.
    with open_page(browser, base_url, javascript=False) as page:
        response = submit_empty_sign_up_form(page)
        assert response.status == 200
        assert_error_summary(page)

    assert_no_violations(reports)


def test_sign_up_form_submitted_empty_shows_an_accessible_error_summary(
    browser, live_server, seeded
):
    browser.run(empty_sign_up, live_server.url)


# Lists given a filter value they cannot take (an old or edited link): each shows the page,
# a summary that says what to choose instead, and the list narrowed by its other filters.
BAD_FILTERS = [
    ("/events/?when=2026-13-45&kind=webinar", "Choose upcoming or past events", "#id_when"),
    ("/events/?community=nope", "Choose a community from the list", "#id_community"),
    ("/case-studies/?year=1066&component=data", "Choose a year from the list", "#id_year"),
    ("/members/?sector=nope&q=council", "Choose a sector from the list", "#id_sector"),
    ("/communities/data/discussions/?tag=%3Cb%3E", "Choose a tag shown on a discussion", None),
]


def lists_with_bad_filters(browser, base_url, cookie):
    reports = []
    with open_page(browser, base_url) as page:
        page.context.add_cookies([cookie])
        for url, message, target in BAD_FILTERS:
            response = page.goto(url)
            assert response.status == 200, url
            summary = page.locator(".govuk-error-summary")
            assert summary.is_visible() and message in summary.inner_text(), url
            assert page.title().startswith("Error: "), url
            # GOV.UK Frontend moves the focus to the summary, so that screen readers announce it.
            page.wait_for_function(
                "document.activeElement && document.activeElement.closest('.govuk-error-summary')"
            )
            reports.append(check_page(page, response))
            if target:  # the summary's link takes the keyboard to the filter
                page.goto(url)
                summary.get_by_role("link", name=message).click()
                page.wait_for_function(f"document.activeElement.id === '{target[1:]}'")

    with open_page(browser, base_url, javascript=False) as page:
        page.context.add_cookies([cookie])
        for url, message, _ in BAD_FILTERS:
            response = page.goto(url)
            assert response.status == 200, url
            assert message in page.locator(".govuk-error-summary").inner_text(), url
    assert_no_violations(reports)


def test_lists_explain_filter_values_they_cannot_take_accessibly(browser, live_server, seeded):
    client = Client()
    client.force_login(User.objects.filter(is_active=True, listed_in_directory=True).first())
    cookie = {
        "name": settings.SESSION_COOKIE_NAME,
        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
        "url": live_server.url,
    }
    browser.run(lists_with_bad_filters, live_server.url, cookie)
