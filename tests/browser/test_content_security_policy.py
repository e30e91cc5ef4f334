"""The Content-Security-Policy in a real browser: a script injected into a page of the site does
not run, while GOV.UK Frontend does; and an editor signs in to the Wagtail admin, edits and
publishes a page with nothing refused on the way (open_page fails a test on any violation
Chromium reports on the console).
"""

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from communities.models import CaseStudyPage
from home.seeding import demo_password
from tests.browser.test_journeys import TIMEOUT_MS, h1_text, is_csp_violation, open_page

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

RECORD_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.cspViolations.push({ directive: event.effectiveDirective, blocked: event.blockedURI });
});
"""
INJECT_SCRIPT = """() => {
  const script = document.createElement("script");
  script.textContent = "window.injectedScriptRan = true";
  document.body.append(script);
}"""
INJECT_HANDLER = """() => {
  document.querySelector("main").insertAdjacentHTML(
    "beforeend", '<button id="injected" onclick="window.injectedHandlerRan = true">Go</button>'
  );
}"""


def injected_scripts_do_not_run(chromium, base_url):
    # Not open_page, which fails on any violation: here two are expected.
    context = chromium.new_context(base_url=base_url)
    context.set_default_timeout(TIMEOUT_MS)
    try:
        page = context.new_page()
        reported = []
        page.on("console", lambda message: is_csp_violation(message) and reported.append(message))
        page.add_init_script(RECORD_VIOLATIONS)
        assert page.goto("/communities/").ok

        # Our own scripts run: the inline "supported" test (by its hash) and GOV.UK Frontend,
        # which marks each component it starts.
        assert page.evaluate("document.body.classList.contains('govuk-frontend-supported')")
        expect(page.locator(".govuk-skip-link")).to_have_attribute("data-govuk-skip-link-init", "")
        assert reported == []

        page.evaluate(INJECT_SCRIPT)
        assert page.evaluate("window.injectedScriptRan") is None
        page.evaluate(INJECT_HANDLER)
        page.locator("#injected").click()
        assert page.evaluate("window.injectedHandlerRan") is None

        page.wait_for_function("window.cspViolations.length === 2")
        assert page.evaluate("window.cspViolations") == [
            {"directive": "script-src-elem", "blocked": "inline"},
            {"directive": "script-src-attr", "blocked": "inline"},
        ]
        assert len(reported) == 2
    finally:
        context.close()


def test_a_script_injected_into_a_page_does_not_run_and_is_reported(browser, live_server, seeded):
    browser.run(injected_scripts_do_not_run, live_server.url)


def edit_and_publish(chromium, base_url, page_id, public_url, summary):
    with open_page(chromium, base_url) as page:
        page.goto("/admin/login/")
        page.get_by_label("Email").fill("editor@example.org")
        page.get_by_label("Password").fill(demo_password())
        with page.expect_navigation():
            page.get_by_role("button", name="Sign in").click()
        assert urlsplit(page.url).path == "/admin/"
        expect(page.get_by_role("heading", level=1)).to_have_text("Connected Places")

        page.goto(f"/admin/pages/{page_id}/edit/")
        page.locator("#id_summary").fill(summary)
        # The links' inline panel and the date picker start from Wagtail's inline scripts.
        forms = page.locator("#id_links-TOTAL_FORMS")
        count = int(forms.input_value())
        page.get_by_role("button", name="Add Links").click()
        expect(forms).to_have_value(str(count + 1))
        page.locator(f"#id_links-{count}-title").fill("The council's report")
        page.locator(f"#id_links-{count}-url").fill("https://example.org/report")
        page.locator("#id_published_date").click()
        expect(page.locator(".xdsoft_datetimepicker:visible")).to_have_count(1)
        page.keyboard.press("Escape")

        # The preview panel frames the admin's preview of the page.
        page.get_by_role("button", name="Toggle preview").click()
        preview = page.frame_locator("#w-preview-iframe")
        expect(preview.locator("body")).to_contain_text(summary)

        page.get_by_role("button", name="More actions").click()
        with page.expect_navigation():
            page.get_by_role("button", name="Publish").click()
        expect(page.locator(".messages")).to_contain_text("has been published")

        assert page.goto(public_url).ok
        assert summary in page.get_by_role("main").inner_text()
        return h1_text(page)


def test_an_editor_signs_in_edits_and_publishes_a_page_with_the_policy_on(
    browser, live_server, seeded
):
    case_study = CaseStudyPage.objects.live().order_by("path").first()
    links = case_study.links.count()
    summary = "Sensors in 500 homes found damp early; repairs now come before complaints."

    heading = browser.run(edit_and_publish, live_server.url, case_study.id, case_study.url, summary)

    case_study.refresh_from_db()
    assert case_study.summary == summary and case_study.live
    assert not case_study.has_unpublished_changes
    assert case_study.links.count() == links + 1
    assert heading == case_study.title
