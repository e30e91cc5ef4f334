"""A member submits a case study in a real browser, an editor approves it in the Wagtail admin,
and the member finds it live. axe-core checks the submission form (empty, with errors and
filled in), the member's list and the library on the way.

The site is the seeded demo: the seed gives its case-study library the editors' review
workflow, and the editor is its demo editor.
"""

from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from communities.library.models import CaseStudyPage
from members.models import Notification, User
from tests.browser.test_journeys import (
    assert_error_summary,
    assert_no_violations,
    check_page,
    follow,
    h1_text,
    open_page,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TITLE = "Text alerts cut missed bin collections in Northvale"
PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def session_cookie(user, base_url):
    client = Client()
    client.force_login(user)
    return {
        "name": settings.SESSION_COOKIE_NAME,
        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
        "url": base_url,
    }


def submit_a_case_study(chromium, base_url, cookie):
    reports = []
    with open_page(chromium, base_url) as page:
        page.context.add_cookies([cookie])
        main = page.get_by_role("main")
        reports.append(check_page(page, page.goto("/case-studies/submit/")))
        assert h1_text(page) == "Submit a case study"

        # Sent half done, it comes back with an error summary, the answers kept, and the
        # file field saying to choose the file again.
        page.get_by_label("Title", exact=True).fill(TITLE)
        page.get_by_label("Documents (optional)").set_input_files(
            files=[{"name": "evaluation.pdf", "mimeType": "application/pdf", "buffer": PDF}]
        )
        response = follow(page, main.get_by_role("button", name="Send to the editors"))
        assert response.status == 200
        assert_error_summary(page)
        assert page.title().startswith("Error: ")
        assert page.get_by_label("Title", exact=True).input_value() == TITLE
        assert "Choose the file again" in page.locator(".govuk-error-summary").inner_text()
        reports.append(check_page(page, response))

        page.get_by_label("Organisation", exact=True).fill("Northvale Borough Council")
        page.get_by_role("group", name="Type of organisation").get_by_label(
            "Local authority"
        ).check()
        page.get_by_label("Place", exact=True).fill("Northvale")
        page.get_by_role("group", name="Type of place").get_by_label("Town").check()
        components = page.get_by_role("group", name="Components")
        components.get_by_label("Data", exact=True).check()
        page.get_by_label("Themes").fill("text messages, waste")
        page.get_by_label("Summary").fill(
            "Residents get a text the evening before their bins are collected."
        )
        page.get_by_label("The challenge").fill("Too many **missed** collections.")
        page.get_by_label("What was done").fill("We linked the round planner to a text service.")
        page.get_by_label("Outcomes").fill("Fewer missed collections and fewer calls.")
        page.get_by_label("Documents (optional)").set_input_files(
            files=[{"name": "evaluation.pdf", "mimeType": "application/pdf", "buffer": PDF}]
        )
        page.get_by_label("I have permission to share this case study").check()
        response = follow(page, main.get_by_role("button", name="Send to the editors"))

        assert urlsplit(page.url).path == "/case-studies/yours/"
        assert "has gone to the editors" in page.locator(".govuk-notification-banner").inner_text()
        assert "In review" in main.inner_text()
        reports.append(check_page(page, response))
    return reports


def approve_in_the_admin(chromium, base_url, cookie):
    with open_page(chromium, base_url) as page:
        page.context.add_cookies([cookie])
        page.goto("/admin/")
        waiting = page.locator("#awaiting-review-section tr", has_text=TITLE)
        waiting.get_by_role("button", name="Actions").click()
        with page.expect_navigation():
            waiting.get_by_role("button", name="Approve", exact=True).click()
        # Back on the dashboard, nothing waits for review any more.
        expect(page.locator("#awaiting-review-section tr", has_text=TITLE)).to_have_count(0)


def see_it_live(chromium, base_url, cookie):
    reports = []
    with open_page(chromium, base_url) as page:
        page.context.add_cookies([cookie])
        main = page.get_by_role("main")
        reports.append(check_page(page, page.goto("/case-studies/yours/")))
        assert "Published" in main.inner_text()
        response = follow(page, main.get_by_role("link", name=TITLE))
        assert h1_text(page) == TITLE
        case_study_path = urlsplit(page.url).path

        reports.append(check_page(page, page.goto("/case-studies/")))
        assert main.get_by_role("link", name=TITLE).count() == 1

        page.goto("/notifications/")
        notification = main.get_by_role("link", name=f"Your case study “{TITLE}” is published")
        response = follow(page, notification)
        assert response.ok and urlsplit(page.url).path == case_study_path

    # And anyone can read it, without JavaScript too.
    with open_page(chromium, base_url, javascript=False) as page:
        response = page.goto(case_study_path)
        assert response.ok and h1_text(page) == TITLE
    return reports


def test_a_member_submits_a_case_study_an_editor_approves_it_and_it_goes_live(
    browser, live_server, seeded
):
    base_url = live_server.url
    member = User.objects.get(email="priya.shah@example.org")
    editor = User.objects.get(email="editor@example.org")

    reports = browser.run(submit_a_case_study, base_url, session_cookie(member, base_url))
    case_study = CaseStudyPage.objects.get(title=TITLE)
    assert not case_study.live and case_study.submitted_by == member

    browser.run(approve_in_the_admin, base_url, session_cookie(editor, base_url))
    case_study.refresh_from_db()
    assert case_study.live

    reports += browser.run(see_it_live, base_url, session_cookie(member, base_url))
    assert Notification.objects.filter(recipient=member, kind="case-study-published").exists()
    assert_no_violations(reports)
