"""Every type of page on the site, in a real browser, checked by axe-core against WCAG 2.2 A and
AA (target size included) at desktop, tablet and phone widths: as a visitor, as a signed-in
member who facilitates a community, and as an event's organiser. At the phone's 320px no page
scrolls sideways (WCAG 1.4.10 reflow). The journeys elsewhere check pages in their states
(errors, previews, waiting lists); this is the one list of page types, so a page type missing
here is missing from the accessibility checks.
"""

from urllib.parse import urlsplit

import pytest

from communities.models import Membership, Role
from members.models import User
from tests.browser.test_case_study_journey import session_cookie
from tests.browser.test_journeys import (
    assert_no_violations,
    axe_violations,
    check_page,
    first_href,
    h1_text,
    open_page,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

FACILITATOR = "ravi.chowdhury@example.org"  # facilitates the Data community
SECOND_FACILITATOR = "priya.shah@example.org"  # a member of Data, made its facilitator below
ORGANISER = "aileen.macleod@example.org"  # organises the resilience meetup
MEETUP = "/events/resilience-meetup-planning-with-shared-maps/"

VISITOR_PAGES = [
    "/",
    "/communities/",
    "/communities/data/",
    "/communities/data/discussions/",
    "{thread}",
    "/case-studies/",
    "/case-studies/nhs-england-virtual-wards/",
    "/events/",
    MEETUP,
    "/search/?q=data",
    "/about/",
    "/accounts/login/",
    "/accounts/signup/",
]

MEMBER_PAGES = [
    "/",
    "/communities/data/",
    "/communities/data/discussions/",
    "{thread}",
    "/communities/data/discussions/new/",
    "{thread}reply/",
    "/communities/data/moderation/",
    "/communities/data/members/",
    "/case-studies/",
    "/case-studies/nhs-england-virtual-wards/",
    "/case-studies/submit/",
    "/events/",
    MEETUP,
    "/notifications/",
    "/accounts/preferences/",
    "/accounts/profile/",
    "/members/priya-shah/",
    "/members/",
    "/accounts/your-data/",
    "/search/?q=data",
    "/about/",
]

ORGANISER_PAGES = [MEETUP + "manage/", MEETUP + "manage/check-in/"]


DESKTOP = {"width": 1280, "height": 720}  # Playwright's default, where check_page runs
# Where layouts change: buttons wrap onto lines of their own, tables squeeze.
NARROWER = [{"width": 768, "height": 1024}, {"width": 320, "height": 640}]


def check_at_every_width(page, response, *, status=200) -> list[str]:
    reports = [check_page(page, response, status=status)]
    for viewport in NARROWER:
        page.set_viewport_size(viewport)
        report = axe_violations(page)
        reports.append(report and f"at {viewport['width']}px wide: {report}")
        if viewport["width"] == 320 and page.evaluate(
            "document.documentElement.scrollWidth > document.documentElement.clientWidth"
        ):
            reports.append(f"{page.url} scrolls sideways at 320px wide (WCAG 1.4.10 reflow)")
    page.set_viewport_size(DESKTOP)
    return reports


def check_pages(page, paths, **names) -> list[str]:
    reports = []
    for path in paths:
        reports += check_at_every_width(page, page.goto(path.format(**names)))
    return reports


def check_not_found(page) -> list[str]:
    reports = check_at_every_width(page, page.goto("/no-such-page/"), status=404)
    assert h1_text(page) == "Page not found"
    return reports


def every_page_type(browser, base_url, member_cookie, organiser_cookie):
    reports = []
    with open_page(browser, base_url) as page:
        page.goto("/communities/data/discussions/")
        thread = first_href(page, r"/communities/data/discussions/\d+-[^/]+/")
        reports += check_pages(page, VISITOR_PAGES, thread=thread)
    with open_page(browser, base_url) as page:
        page.context.add_cookies([member_cookie])
        reports += check_pages(page, MEMBER_PAGES, thread=thread)
        page.goto("/communities/data/moderation/")
        main = page.get_by_role("main")
        # The page's small buttons are among what axe-core measured.
        assert main.get_by_role("button", name="Remove facilitator role").count() == 1
        assert main.get_by_role("button", name="Remove from community").count() >= 2
    with open_page(browser, base_url) as page:
        page.context.add_cookies([organiser_cookie])
        reports += check_pages(page, ORGANISER_PAGES)
    # A page that is not there answers 404, with a page as accessible as any other; the
    # response check of open_page is for other requests, so this one has a context of its own.
    context = browser.new_context(base_url=base_url)
    try:
        reports += check_not_found(context.new_page())
    finally:
        context.close()
    assert_no_violations(reports)
    return urlsplit(thread).path


def test_every_page_type_has_no_accessibility_violations(browser, live_server, seeded):
    Membership.objects.filter(community__slug="data", member__email=SECOND_FACILITATOR).update(
        role=Role.FACILITATOR
    )
    base_url = live_server.url

    thread = browser.run(
        every_page_type,
        base_url,
        session_cookie(User.objects.get(email=FACILITATOR), base_url),
        session_cookie(User.objects.get(email=ORGANISER), base_url),
    )

    assert thread.startswith("/communities/data/discussions/")
