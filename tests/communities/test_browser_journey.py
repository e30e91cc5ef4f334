"""Two members in a real browser: one starts a discussion, the other replies with a mention,
and the first finds the notification and the reply. axe-core checks every page on the way."""

import pytest
from django.conf import settings
from django.test import Client

from tests.browser.test_journeys import assert_no_violations, check_page, follow, open_page
from tests.factories import CommunityPageFactory, MembershipFactory, UserFactory, build_site_tree

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def session_cookie(user, base_url):
    client = Client()
    client.force_login(user)
    return {
        "name": settings.SESSION_COOKIE_NAME,
        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
        "url": base_url,
    }


def start_a_discussion(chromium, base_url, cookie):
    reports = []
    with open_page(chromium, base_url) as page:
        page.context.add_cookies([cookie])
        reports.append(check_page(page, page.goto("/communities/data/")))
        main = page.get_by_role("main")
        reports.append(
            check_page(page, follow(page, main.get_by_role("button", name="Start a discussion")))
        )
        page.get_by_label("Title").fill("Sharing UPRNs between services")
        page.get_by_label("Your message").fill("Has anyone **linked** care and housing records?")
        page.get_by_label("Tags").fill("uprn, data standards")
        reports.append(check_page(page, follow(page, page.get_by_role("button", name="Preview"))))
        assert page.locator(".cp-preview strong").inner_text() == "linked"
        reports.append(
            check_page(page, follow(page, page.get_by_role("button", name="Start discussion")))
        )
        assert page.locator("h1").inner_text() == "Sharing UPRNs between services"
        return page.url, reports


def without_fragment(url):
    """Landing on #post-N moves the keyboard's starting point to that post, as it should; the
    page's own checks (skip link first) are made on the same page without the fragment."""
    return url.split("#", 1)[0]


def reply_with_a_mention(chromium, base_url, cookie, thread_url):
    reports = []
    with open_page(chromium, base_url) as page:
        page.context.add_cookies([cookie])
        reports.append(check_page(page, page.goto(thread_url)))
        page.get_by_label("Your reply").fill("We did, @mia-member: by UPRN, in three passes.")
        response = follow(page, page.get_by_role("button", name="Post reply"))
        assert response.ok and page.url.endswith("#post-2")
        assert page.locator("#post-2").get_by_role("link", name="@mia-member").count() == 1
        reports.append(check_page(page, page.goto(without_fragment(page.url))))
    return reports


def read_the_notification(chromium, base_url, cookie):
    reports = []
    with open_page(chromium, base_url) as page:
        page.context.add_cookies([cookie])
        reports.append(check_page(page, page.goto("/notifications/")))
        notification = page.get_by_role("main").get_by_role(
            "link", name="Omar Other mentioned you in “Sharing UPRNs between services”"
        )
        response = follow(page, notification)
        assert response.ok and page.url.endswith("#post-2")
        reply = page.locator("#post-2")
        assert "We did," in reply.inner_text() and "in three passes" in reply.inner_text()
        reports.append(check_page(page, page.goto(without_fragment(page.url))))
    # Without JavaScript the discussions list works the same.
    with open_page(chromium, base_url, javascript=False) as page:
        page.context.add_cookies([cookie])
        page.goto("/communities/data/discussions/")
        assert page.get_by_role("link", name="Sharing UPRNs between services").count() == 1
    return reports


def test_two_members_discuss_and_the_first_sees_the_mention(browser, live_server):  # noqa: F811
    tree = build_site_tree()
    forum = CommunityPageFactory(parent=tree["communities"], title="Data", slug="data")
    mia = UserFactory(display_name="Mia Member", handle="mia-member")
    omar = UserFactory(display_name="Omar Other", handle="omar-other")
    for person in (mia, omar):
        MembershipFactory(community=forum, member=person)
    base_url = live_server.url

    thread_url, reports = browser.run(start_a_discussion, base_url, session_cookie(mia, base_url))
    reports += browser.run(
        reply_with_a_mention, base_url, session_cookie(omar, base_url), thread_url
    )
    reports += browser.run(read_the_notification, base_url, session_cookie(mia, base_url))

    assert_no_violations(reports)
