"""Posts that link to case studies: a card under the post, the discussion listed on the case
study ("discussed in"), and "start a discussion about this" from a case study."""

import datetime
import re
from html import unescape

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import PageViewRestriction

from communities.forum.models import Post, Thread
from communities.forum.moderation import post_set_hidden
from communities.forum.rendering import render_post
from communities.forum.services import post_delete, post_publish_held, post_reply, thread_start
from communities.library.models import CaseStudyPage
from communities.membership.models import JoinPolicy
from tests.factories import (
    CommunityPageFactory,
    MembershipFactory,
    TaggedCaseStudyPageFactory,
    ThreadFactory,
    UserFactory,
)
from tests.querycounts import assert_queries_constant

pytestmark = pytest.mark.django_db


@pytest.fixture
def sensors(site_tree, forum):
    return TaggedCaseStudyPageFactory(
        parent=site_tree["case_studies"],
        title="Leeds sensors in social housing",
        slug="leeds-sensors",
        organisation="Leeds City Council",
        place="Leeds",
        summary="Small sensors in council homes give early warning of cold and damp.",
        components=[forum],
        tags=["sensors", "housing"],
    )


@pytest.fixture
def wards(site_tree, forum):
    return TaggedCaseStudyPageFactory(
        parent=site_tree["case_studies"],
        title="Virtual wards",
        slug="virtual-wards",
        organisation="NHS England",
        place="England",
        components=[forum],
    )


def thread_page(client, thread) -> str:
    return client.get(thread.get_absolute_url()).content.decode()


def cards(html: str, anchor: str) -> list[str]:
    """The case-study cards under one post, by their titles."""
    post = html.split(f'id="{anchor}"', 1)[1].split("</article>", 1)[0]
    return re.findall(r'class="govuk-link cp-card__link" href="[^"]+">([^<]+)</a>', post)


def discussed_in(client, case_study) -> str:
    content = client.get(case_study.url).content.decode()
    return content.split('id="discussed-in-heading"', 1)[1].split("</aside>", 1)[0]


# -- links become cards ---------------------------------------------------------------------


def test_a_new_discussion_linking_a_case_study_shows_its_card_and_is_discussed_in(
    client, forum, member, sensors
):
    client.force_login(member)
    response = client.post(
        "/communities/data/discussions/new/",
        {
            "title": "Damp sensors: worth it?",
            "body": "Has anyone tried [this](http://testserver/case-studies/leeds-sensors/)?",
        },
    )
    thread = Thread.objects.get(title="Damp sensors: worth it?")
    assert response.status_code == 302

    page = thread_page(client, thread)
    assert cards(page, "post-1") == ["Leeds sensors in social housing"]
    card = page.split('class="cp-card"', 1)[1].split("</li>", 1)[0]
    assert "Leeds City Council · Leeds" in card
    assert "Small sensors in council homes give early warning" in card
    assert "Damp sensors: worth it?" in discussed_in(client, sensors)


def test_links_are_found_absolute_on_our_hosts_relative_and_bare_but_nowhere_else(
    forum, member, sensors, wards, site_tree
):
    unpublished = TaggedCaseStudyPageFactory(
        parent=site_tree["case_studies"], slug="draft-one", components=[forum]
    )
    unpublished.unpublish()
    restricted = TaggedCaseStudyPageFactory(
        parent=site_tree["case_studies"], slug="restricted-one", components=[forum]
    )
    PageViewRestriction.objects.create(page=restricted, restriction_type="login")
    thread = ThreadFactory(community=forum)

    def linked(body):
        post = post_reply(thread=thread, author=member, body=body)
        return {case_study.slug for case_study in post.case_studies.all()}

    assert linked("See [it](/case-studies/leeds-sensors/#outcomes).") == {"leeds-sensors"}
    assert linked("Bare: http://localhost/case-studies/virtual-wards?utm=1.") == {"virtual-wards"}
    assert linked(
        "Both: https://testserver/case-studies/leeds-sensors/ and [w](/case-studies/virtual-wards)"
    ) == {
        "leeds-sensors",
        "virtual-wards",
    }
    assert linked("Elsewhere: https://example.com/case-studies/leeds-sensors/") == set()
    assert (
        linked("Draft: [d](/case-studies/draft-one/), private: [r](/case-studies/restricted-one/)")
        == set()
    )
    assert linked("The [library](/case-studies/) and [Data](/communities/data/)") == set()
    assert linked("`/case-studies/leeds-sensors/` in code is not a link") == set()


def test_editing_out_the_link_removes_the_card_and_the_discussion(client, forum, member, sensors):
    thread = thread_start(
        community=forum,
        author=member,
        title="Sensors in homes",
        body="We looked at [Leeds](/case-studies/leeds-sensors/).",
    )
    post = thread.posts.get()
    client.force_login(member)
    assert cards(thread_page(client, thread), "post-1") == ["Leeds sensors in social housing"]

    client.post(f"/communities/data/posts/{post.pk}/edit/", {"body": "We looked at Leeds."})

    assert cards(thread_page(client, thread), "post-1") == []
    assert "Sensors in homes" not in discussed_in(client, sensors)
    assert not sensors.linking_posts.exists()


def test_a_card_goes_when_its_case_study_is_unpublished(client, forum, member, sensors):
    thread = thread_start(
        community=forum, author=member, title="Sensors", body="[L](/case-studies/leeds-sensors/)"
    )

    sensors.unpublish()

    assert cards(thread_page(client, thread), "post-1") == []


def test_held_deleted_and_hidden_posts_do_not_make_a_discussion(
    client, settings, forum, member, facilitator, sensors
):
    settings.COMMUNITY_HOLD_FIRST_POSTS = True
    newcomer = UserFactory(display_name="Nia Newcomer")
    MembershipFactory(community=forum, member=newcomer)
    held = thread_start(
        community=forum,
        author=newcomer,
        title="Held thread",
        body="[L](/case-studies/leeds-sensors/)",
    )
    assert held.is_held
    assert "Held thread" not in discussed_in(client, sensors)

    post_publish_held(post=held.posts.get(), by=facilitator)
    assert "Held thread" in discussed_in(client, sensors)

    settings.COMMUNITY_HOLD_FIRST_POSTS = False

    deleted = thread_start(
        community=forum,
        author=member,
        title="Deleted one",
        body="[L](/case-studies/leeds-sensors/)",
    )
    post_delete(post=deleted.posts.get(), by=member)
    hidden = thread_start(
        community=forum, author=member, title="Hidden one", body="[L](/case-studies/leeds-sensors/)"
    )
    post_set_hidden(post=hidden.posts.get(), hidden=True, by=facilitator)
    assert not (deleted.is_held or hidden.is_held)
    listed = discussed_in(client, sensors)
    assert "Deleted one" not in listed and "Hidden one" not in listed
    assert cards(thread_page(client, hidden), "post-1") == []


def test_approving_a_held_reply_links_case_studies_published_meanwhile(
    settings, forum, member, facilitator, site_tree
):
    settings.COMMUNITY_HOLD_FIRST_POSTS = True
    newcomer = UserFactory()
    MembershipFactory(community=forum, member=newcomer)
    thread = ThreadFactory(community=forum, author=member)
    reply = post_reply(thread=thread, author=newcomer, body="[Soon](/case-studies/coming-soon/)")
    assert reply.is_held and not reply.case_studies.exists()

    TaggedCaseStudyPageFactory(parent=site_tree["case_studies"], slug="coming-soon")
    post_publish_held(post=reply, by=facilitator)

    assert [case_study.slug for case_study in reply.case_studies.all()] == ["coming-soon"]


def test_thread_page_queries_do_not_grow_with_posts_and_their_cards(
    client, forum, member, sensors, wards
):
    thread = ThreadFactory(community=forum, author=member)
    body = "See [L](/case-studies/leeds-sensors/) and [W](/case-studies/virtual-wards/)."
    html = render_post(body).html
    links = Post.case_studies.through

    def add_posts(up_to):
        start = thread.reply_count + 2
        posts = Post.objects.bulk_create(
            Post(
                thread=thread,
                author=member,
                number=number,
                body_markdown=body,
                body_html=html,
                created_at=timezone.now() + datetime.timedelta(seconds=number),
            )
            for number in range(start, up_to + 2)
        )
        links.objects.bulk_create(
            links(post_id=post.pk, casestudypage_id=case_study.pk)
            for post in posts
            for case_study in (sensors, wards)
        )
        Thread.objects.filter(pk=thread.pk).update(reply_count=up_to)
        thread.refresh_from_db()

    add_posts(25)  # more than a page, so the first page is full before and after
    client.force_login(member)
    url = thread.get_absolute_url()

    # The thread page's budget in test_querycounts.py, which these cards must keep to.
    assert_queries_constant(client, url, lambda: add_posts(300), max_queries=30)
    page = client.get(url + "?page=last").content.decode()
    assert cards(page, "post-301") == ["Leeds sensors in social housing", "Virtual wards"]


# -- "start a discussion about this" ---------------------------------------------------------


@pytest.fixture
def closed(site_tree):
    return CommunityPageFactory(
        parent=site_tree["communities"],
        title="Democratic engagement",
        slug="democracy",
        join_policy=JoinPolicy.INVITATION,
    )


@pytest.fixture
def engagement(site_tree, forum, closed):
    return TaggedCaseStudyPageFactory(
        parent=site_tree["case_studies"],
        title="Community-driven engagement",
        slug="engagement",
        components=[forum, closed],
        tags=["engagement", "consultation"],
    )


def start_links(content: str) -> list[str]:
    aside = content.split('id="discuss-heading"', 1)[1].split('id="discussed-in-heading"', 1)[0]
    return [unescape(href) for href in re.findall(r'href="([^"]+)"', aside)]


def test_case_study_offers_to_start_a_discussion_where_the_visitor_can_post(
    client, forum, closed, engagement, outsider
):
    data_member = UserFactory()
    MembershipFactory(community=forum, member=data_member)

    anonymous = start_links(client.get("/case-studies/engagement/").content.decode())
    assert anonymous[0].startswith("/accounts/login/?next=")

    client.force_login(data_member)
    assert start_links(client.get("/case-studies/engagement/").content.decode()) == [
        f"/communities/data/discussions/new/?case_study={engagement.pk}"
    ]

    client.force_login(outsider)
    assert start_links(client.get("/case-studies/engagement/").content.decode()) == [
        "/communities/data/",
        "/communities/democracy/",
    ]


def test_starting_a_discussion_about_a_case_study_prefills_it_and_links_them(
    client, forum, member, engagement
):
    client.force_login(member)

    form = client.get(f"/communities/data/discussions/new/?case_study={engagement.pk}")

    content = unescape(form.content.decode())
    assert 'value="Community-driven engagement"' in content
    body = (
        "About the case study [Community-driven engagement]"
        "(http://testserver/case-studies/engagement/):"
    )
    assert body in content
    assert 'value="consultation, engagement"' in content

    client.post(
        "/communities/data/discussions/new/",
        {"title": "Community-driven engagement", "body": body + "\n\nWhat worked?", "tags": ""},
    )
    thread = Thread.objects.get(title="Community-driven engagement")
    assert cards(thread_page(client, thread), "post-1") == ["Community-driven engagement"]
    assert "Community-driven engagement" in discussed_in(client, engagement)


@pytest.mark.parametrize(
    "which", ["malformed", "unknown", "unpublished", "restricted", "community"]
)
def test_prefill_is_only_for_live_public_case_studies(
    client, forum, member, engagement, site_tree, which
):
    draft = TaggedCaseStudyPageFactory(parent=site_tree["case_studies"], title="A draft")
    draft.unpublish()
    restricted = TaggedCaseStudyPageFactory(parent=site_tree["case_studies"], title="Private")
    PageViewRestriction.objects.create(page=restricted, restriction_type="login")
    value = {
        "malformed": "1 OR 1=1",
        "unknown": "987654",
        "unpublished": str(draft.pk),
        "restricted": str(restricted.pk),
        "community": str(forum.pk),
    }[which]
    client.force_login(member)

    response = client.get("/communities/data/discussions/new/", {"case_study": value})

    content = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_title"' in content and "About the case study" not in content
    assert "A draft" not in content and "Private" not in content


def test_a_non_member_of_an_invitation_only_community_cannot_start_one_there(
    client, closed, engagement, outsider
):
    client.force_login(outsider)

    response = client.get(f"/communities/democracy/discussions/new/?case_study={engagement.pk}")
    posted = client.post(
        "/communities/democracy/discussions/new/",
        {"title": "Let me in", "body": "[E](/case-studies/engagement/)"},
    )

    assert response.status_code == 302 and response["Location"] == "/communities/democracy/join/"
    assert posted.status_code == 302 and posted["Location"] == "/communities/democracy/join/"
    assert not Thread.objects.filter(title="Let me in").exists()


def test_editors_see_members_only_discussions_of_a_case_study(
    client, private_forum, member, sensors
):
    editor = UserFactory()
    editor.groups.add(Group.objects.get(name="Editors"))
    thread = thread_start(
        community=private_forum,
        author=member,
        title="Members-only sensors talk",
        body="[L](/case-studies/leeds-sensors/)",
    )
    client.force_login(editor)

    assert thread.title in discussed_in(client, sensors)
    assert CaseStudyPage.objects.get(pk=sensors.pk).linking_posts.count() == 1
