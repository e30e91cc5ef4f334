"""The digest pages in a real browser, with axe-core, and the digest email as it looks.

Uses the browser suite's Chromium (the `browser` and `seeded` fixtures of
tests/browser/support.py) and its page checks (tests/browser/test_journeys.py). The rendered
email of a seeded member is saved as var/screenshots/digest-email.png, for the README.
"""

from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from digests.periods import local_today, weekly_period
from digests.rendering import DigestRenderer, message_id_for
from digests.selection import select_digests
from digests.unsubscribe import unsubscribe_token
from members.models import DigestFrequency, User
from tests.browser.test_journeys import assert_no_violations, check_page, follow, open_page

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
SEEDED_MEMBER = "priya.shah@example.org"  # a demo member: Health and wellbeing, Data
SCREENSHOT = Path(settings.BASE_DIR) / "var" / "screenshots" / "digest-email.png"


def digest_pages(browser, base_url, session_cookie, token):
    reports = []
    with open_page(browser, base_url) as page:
        page.context.add_cookies([{**session_cookie, "url": base_url}])
        response = page.goto("/digests/preview/")
        reports.append(check_page(page, response))
        preview_heading = page.locator("h1").inner_text()
        preview_sections = page.locator("main h2").all_inner_texts()

    with open_page(browser, base_url) as page:  # no sign-in
        reports.append(check_page(page, page.goto(f"/digests/unsubscribe/{token}/")))
        response = follow(page, page.get_by_role("button", name="Unsubscribe"))
        reports.append(check_page(page, response))
        confirmation = page.locator("h1").inner_text()
    assert_no_violations(reports)
    return preview_heading, preview_sections, confirmation


def screenshot_email(browser, html):
    context = browser.new_context(viewport={"width": 720, "height": 900})
    try:
        page = context.new_page()
        page.set_content(html)
        SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOT), full_page=True)
        return page.locator("h1").inner_text()
    finally:
        context.close()


def test_a_seeded_members_digest_preview_email_and_unsubscribe(browser, live_server, seeded):
    member = User.objects.get(email=SEEDED_MEMBER)
    client = Client()
    client.force_login(member)
    session_cookie = {
        "name": settings.SESSION_COOKIE_NAME,
        "value": client.cookies["sessionid"].value,
    }

    heading, sections, confirmation = browser.run(
        digest_pages, live_server.url, session_cookie, unsubscribe_token(member.pk)
    )

    assert heading == "Your next digest"
    assert "Health and wellbeing" in sections and "Data" in sections  # the seeded case studies
    assert confirmation == "You are unsubscribed"
    member.preferences.refresh_from_db()
    assert member.preferences.digest_frequency == DigestFrequency.OFF

    period = weekly_period(local_today())
    digest = select_digests([member.pk], period=period)[member.pk]
    message = DigestRenderer().email(digest, message_id=message_id_for(member.pk, period.key))
    assert browser.run(screenshot_email, message.alternatives[0].content) == "Your weekly digest"
    assert SCREENSHOT.stat().st_size > 10_000
