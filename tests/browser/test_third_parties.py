"""No page of the site or of the Wagtail admin loads anything from another origin: visitors,
members and editors tell no third party what they read or who they are (the admin would
otherwise ask Gravatar for each editor's avatar, by a hash of their email address, and ask
Wagtail's servers for its latest release).
"""

from urllib.parse import urlsplit

import pytest

from communities.models import CaseStudyPage, CommunityPage
from events.models import EventPage
from members.models import User
from tests.browser.test_case_study_journey import session_cookie
from tests.browser.test_journeys import open_page

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def requested_origins(chromium, base_url, paths, cookie=None):
    """Every origin the browser asked anything of while showing these pages, with the page."""
    requests = []
    with open_page(chromium, base_url) as page:
        if cookie:
            page.context.add_cookies([cookie])
        page.on("request", lambda request: requests.append((page.url, request.url)))
        for path in paths:
            response = page.goto(path, wait_until="networkidle")
            assert response.ok, f"{path} answered {response.status}"
            assert urlsplit(page.url).path == urlsplit(path).path, f"{path} went to {page.url}"
    return requests


def test_no_page_of_the_site_or_the_admin_loads_anything_from_another_origin(
    browser, live_server, seeded
):
    base_url = live_server.url
    community = CommunityPage.objects.live().get(slug="data")
    case_study = CaseStudyPage.objects.live().order_by("path").first()
    event = EventPage.objects.live().order_by("path").first()
    member = User.objects.get(email="priya.shah@example.org")
    editor = User.objects.get(email="editor@example.org")
    assert editor.is_superuser  # who Wagtail shows its release check to

    public = ["/", "/communities/", community.url, "/case-studies/", case_study.url]
    public += ["/events/", event.url, "/search/?q=sensors", "/accounts/login/"]
    members = ["/", community.url, case_study.url, "/members/", f"/members/{member.handle}/"]
    members += ["/notifications/", "/accounts/profile/", "/accounts/preferences/"]
    members += ["/case-studies/submit/", "/accounts/events/"]
    admin = ["/admin/", "/admin/pages/", f"/admin/pages/{case_study.id}/edit/"]
    admin += [f"/admin/pages/{event.id}/edit/", "/admin/documents/", "/admin/images/"]
    admin += ["/admin/images/multiple/add/", "/admin/documents/multiple/add/"]

    requests = browser.run(requested_origins, base_url, public)
    requests += browser.run(requested_origins, base_url, members, session_cookie(member, base_url))
    requests += browser.run(requested_origins, base_url, admin, session_cookie(editor, base_url))

    visited = {urlsplit(page).path for page, _ in requests}
    assert visited >= {urlsplit(path).path for path in public + members + admin}
    elsewhere = [(page, url) for page, url in requests if origin(url) != origin(base_url)]
    assert not elsewhere, "\n".join(f"{page} asked {url}" for page, url in elsewhere)
