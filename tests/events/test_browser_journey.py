"""A member's registration journey in a real browser, with axe-core on every page: register with
answers, get the confirmation, cancel, and see the waiting member promoted.

Uses the browser fixtures and page checks of tests/browser/ (Chromium in a thread of its own).
"""

import pytest
from django.core import mail

from events.models import EventPage, Registration
from home.seeding import demo_password
from tests.browser.test_journeys import assert_no_violations, check_page, follow, open_page

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WEBINAR = "/events/greener-digital-infrastructure-webinar/"
MEMBER, WAITING = "sofia.marin@example.org", "gareth.pritchard@example.org"


def sign_in(page, email):
    page.goto("/accounts/login/")
    page.locator("input[name='login']").fill(email)
    page.locator("input[name='password']").fill(demo_password())
    follow(page, page.get_by_role("main").locator("[type='submit']").first)


def join_waiting_list_without_javascript(browser, base_url):  # noqa: F811
    with open_page(browser, base_url, javascript=False) as page:
        sign_in(page, WAITING)
        page.goto(WEBINAR)
        follow(page, page.get_by_role("button", name="Join the waiting list"))
        follow(page, page.get_by_role("button", name="Join the waiting list"))
        assert "You are number 1 on the waiting list" in page.get_by_role("main").inner_text()


def register_with_answers(browser, base_url):  # noqa: F811
    reports = []
    with open_page(browser, base_url) as page:
        sign_in(page, MEMBER)
        reports.append(check_page(page, page.goto(WEBINAR)))
        reports.append(check_page(page, follow(page, page.get_by_role("button", name="Register"))))
        page.get_by_label("Do you have any accessibility needs?").fill("Live captions, please")
        reports.append(check_page(page, follow(page, page.get_by_role("button", name="Register"))))
        main = page.get_by_role("main").inner_text()
        assert "Booked" in main
        assert "Join online" in main  # the joining link, for her only
    return reports


def cancel_place(browser, base_url):  # noqa: F811
    reports = []
    with open_page(browser, base_url) as page:
        sign_in(page, MEMBER)
        page.goto(WEBINAR)
        link = page.get_by_role("main").get_by_role("link", name="Cancel your place")
        reports.append(check_page(page, follow(page, link)))
        assert page.locator("h1").inner_text() == "Cancel your place?"
        reports.append(
            check_page(page, follow(page, page.get_by_role("button", name="Cancel my place")))
        )
        assert "Your registration is cancelled." in page.inner_text("body")
    return reports


def organiser_and_member_pages(browser, base_url):  # noqa: F811
    reports = []
    meetup = "/events/resilience-meetup-planning-with-shared-maps/"
    with open_page(browser, base_url) as page:
        sign_in(page, "aileen.macleod@example.org")  # the meetup's organiser
        for path in ("manage/", "manage/check-in/"):
            reports.append(check_page(page, page.goto(meetup + path)))
        page.goto(meetup + "manage/")
        assert "Waiting list (1)" in page.inner_text("main")
    with open_page(browser, base_url) as page:
        sign_in(page, "daniel.brennan@example.org")  # waiting for the meetup
        reports.append(check_page(page, page.goto(meetup)))
        reports.append(check_page(page, page.goto("/accounts/events/")))
    return reports


def test_a_member_registers_with_answers_cancels_and_the_waiting_member_is_promoted(
    browser,  # noqa: F811
    live_server,
    seeded,  # noqa: F811
):
    EventPage.objects.filter(slug="greener-digital-infrastructure-webinar").update(capacity=1)
    on_webinar = Registration.objects.filter(event__slug="greener-digital-infrastructure-webinar")

    reports = browser.run(register_with_answers, live_server.url)
    registration = on_webinar.get(user__email=MEMBER)
    assert registration.accessibility_needs == "Live captions, please"
    (confirmation,) = [m for m in mail.outbox if m.to == [MEMBER]]
    assert "You are booked" in confirmation.subject
    assert any(a[0] == "event.ics" for a in confirmation.attachments)

    browser.run(join_waiting_list_without_javascript, live_server.url)
    assert on_webinar.get(user__email=WAITING).state == "waitlisted"

    reports += browser.run(cancel_place, live_server.url)
    assert on_webinar.get(user__email=MEMBER).state == "cancelled"
    assert on_webinar.get(user__email=WAITING).state == "confirmed"
    promotion = [m for m in mail.outbox if m.to == [WAITING]][-1]
    assert "A place came up" in promotion.subject
    reports += browser.run(organiser_and_member_pages, live_server.url)
    assert_no_violations(reports)
