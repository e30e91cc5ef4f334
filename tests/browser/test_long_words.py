"""A word longer than the screen is wide, in everything members write and everything written
about them (case studies, discussions, profiles, events), breaks instead of sticking out of
its card, heading or post: at 320px wide no page scrolls sideways (WCAG 1.4.10 reflow), and at
desktop width no card or post is wider than its box.
"""

import pytest

from tests.browser.test_case_study_journey import session_cookie
from tests.browser.test_journeys import open_page
from tests.factories import (
    CaseStudyPageFactory,
    CommunityPageFactory,
    EventPageFactory,
    MembershipFactory,
    ThreadFactory,
    UserFactory,
    build_site_tree,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

LONG = ("Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch" * 4)[:200]
WIDTHS = (320, 1280)
# Boxes that hold what members write: none may be narrower than what it holds.
CONTAINERS = (
    "header, h1, .cp-card, .cp-results__item, .cp-thread-list__item, .cp-post, .cp-prose, "
    ".govuk-summary-list, .govuk-table, .govuk-inset-text, .cp-sidebar"
)
OVERFLOWS = """containers => {
  const page = document.documentElement;
  const boxes = [...document.querySelectorAll(containers)]
    .filter(box => box.scrollWidth > box.clientWidth)
    .map(box => `${box.tagName.toLowerCase()}.${box.className}: ${box.scrollWidth}px of content `
      + `in ${box.clientWidth}px`);
  return {pageScrollsSideways: page.scrollWidth > page.clientWidth, boxes};
}"""


def overflows_at_each_width(browser, base_url, cookie, paths):
    found = {}
    with open_page(browser, base_url) as page:
        page.context.add_cookies([cookie])
        for path in paths:
            response = page.goto(path)
            assert response.ok, f"{path} answered {response.status}"
            assert LONG[:80] in page.inner_text("body"), f"{path} does not show the long word"
            for width in WIDTHS:
                page.set_viewport_size({"width": width, "height": 900})
                result = page.evaluate(OVERFLOWS, CONTAINERS)
                if result["pageScrollsSideways"] or result["boxes"]:
                    found[f"{path} at {width}px"] = result
    return found


def test_a_200_character_word_breaks_inside_cards_titles_posts_and_profiles(browser, live_server):
    tree = build_site_tree()
    community = CommunityPageFactory(
        parent=tree["communities"], title="Data", slug="data", summary=f"About {LONG}."
    )
    member = UserFactory(
        display_name=LONG[:80],
        handle="long-words",
        job_title=LONG[:120],
        organisation=LONG[:120],
        place=LONG[:120],
        bio=f"I work on {LONG} every day.",
    )
    MembershipFactory(community=community, member=member, role="facilitator")
    MembershipFactory(community=community, member=UserFactory(display_name=LONG[:80]))
    case_study = CaseStudyPageFactory(
        parent=tree["case_studies"],
        title=LONG,
        organisation=LONG,
        place=LONG,
        summary=f"What was done: {LONG}.",
        components=[community],
    )
    thread = ThreadFactory(
        community=community, title=LONG[:150], author=member, opening_post=f"See {LONG} here."
    )
    thread.posts.get(number=1).case_studies.add(case_study)
    event = EventPageFactory(
        parent=tree["events"], title=LONG, summary=f"Come to {LONG}.", venue_name=LONG
    )
    thread_path = f"{community.url}discussions/{thread.pk}-{thread.slug}/"
    paths = [
        "/communities/",
        community.url,
        f"{community.url}discussions/",
        thread_path,
        f"{community.url}moderation/",
        f"{community.url}members/",
        "/case-studies/",
        case_study.url,
        "/events/",
        event.url,
        "/members/",
        "/members/long-words/",
    ]
    base_url = live_server.url

    found = browser.run(overflows_at_each_width, base_url, session_cookie(member, base_url), paths)

    assert not found, "Long words stick out:\n" + "\n".join(
        f"{where}: {result}" for where, result in found.items()
    )
