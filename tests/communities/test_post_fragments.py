"""Posts on a thread page come from a cache of rendered fragments: a reader never sees a post
older than its last change, never another reader's buttons, and the buttons' form token is
their own."""

import re

import pytest
from django.test import Client

from communities.forum.moderation import post_set_hidden
from communities.forum.services import post_delete, post_reply
from tests.factories import TaggedCaseStudyPageFactory, ThreadFactory, reply_to_thread

pytestmark = pytest.mark.django_db

POST_TEMPLATE = "communities/includes/post.html"


def view(client, thread):
    response = client.get(thread.get_absolute_url())
    assert response.status_code == 200
    return response


def post_html(response, number: int) -> str:
    page = response.content.decode()
    return page.split(f'id="post-{number}"', 1)[1].split("</article>", 1)[0]


def without_form_tokens(html: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def rendered_post_templates(response) -> int:
    return sum(1 for template in response.templates if template.name == POST_TEMPLATE)


@pytest.fixture
def thread(forum, member, other_member):
    thread = ThreadFactory(community=forum, author=member, opening_post="Where do we start?")
    reply_to_thread(thread, other_member, body="With the *address* data.")
    return thread


def test_second_view_comes_from_the_cache(client, thread, member):
    client.force_login(member)

    first = view(client, thread)
    second = view(client, thread)

    assert rendered_post_templates(first) == 2
    assert rendered_post_templates(second) == 0
    assert without_form_tokens(post_html(first, 2)) == without_form_tokens(post_html(second, 2))
    assert "<em>address</em>" in post_html(second, 2)


def test_an_edit_is_shown_at_once(client, thread, member, other_member):
    client.force_login(member)
    view(client, thread)
    reply = thread.posts.get(number=2)
    client.force_login(other_member)
    client.post(f"/communities/data/posts/{reply.pk}/edit/", {"body": "With the land data."})

    client.force_login(member)
    html = post_html(view(client, thread), 2)

    assert "land data" in html and "address" not in html
    assert "edited" in html


def test_author_renaming_themselves_is_shown_at_once(client, thread, member, other_member):
    client.force_login(member)
    assert "Omar Other" in post_html(view(client, thread), 2)

    other_member.display_name = "Omar Renamed"
    other_member.save()

    assert "Omar Renamed" in post_html(view(client, thread), 2)


def test_quote_follows_the_quoted_post(client, thread, member, other_member):
    quoted = thread.posts.get(number=2)
    reply_to_thread(thread, member, body="Agreed.", reply_to=quoted)
    client.force_login(member)
    assert "With the address data." in post_html(view(client, thread), 3)

    post_delete(post=quoted, by=other_member)

    html = post_html(view(client, thread), 3)
    assert "That post is no longer shown." in html and "address" not in html


def test_hidden_post_and_answer_mark_are_shown_at_once(client, thread, member, facilitator):
    client.force_login(member)
    view(client, thread)
    reply = thread.posts.get(number=2)
    post_set_hidden(post=reply, hidden=True, by=facilitator)

    assert "This post was hidden by a facilitator." in post_html(view(client, thread), 2)

    post_set_hidden(post=reply, hidden=False, by=facilitator)
    client.force_login(facilitator)
    client.post(f"/communities/data/posts/{reply.pk}/answer/")
    client.force_login(member)
    assert "Answer</strong>" in post_html(view(client, thread), 2)


def test_case_study_card_follows_the_case_study(client, site_tree, forum, thread, member):
    case_study = TaggedCaseStudyPageFactory(
        parent=site_tree["case_studies"], title="Leeds sensors", slug="leeds-sensors"
    )
    post_reply(thread=thread, author=member, body=f"See {case_study.full_url}")
    client.force_login(member)
    assert "Leeds sensors" in post_html(view(client, thread), 3)

    case_study.title = "Leeds sensors in social housing"
    case_study.save_revision().publish()

    assert "Leeds sensors in social housing" in post_html(view(client, thread), 3)


def test_each_reader_gets_their_own_buttons(client, thread, member, other_member, facilitator):
    reply = thread.posts.get(number=2)
    client.force_login(other_member)
    own = post_html(view(client, thread), 2)
    client.force_login(member)
    client.post(f"/communities/data/posts/{reply.pk}/helpful/")
    someone_elses = post_html(view(client, thread), 2)
    client.force_login(facilitator)
    moderating = post_html(view(client, thread), 2)
    client.logout()
    anonymous = post_html(view(client, thread), 2)

    assert "Edit" in own and "Helpful" not in own
    assert 'aria-pressed="true"' in someone_elses and "Edit" not in someone_elses
    assert "Hide" in moderating and 'aria-pressed="false"' in moderating
    assert "<form" not in anonymous and "Report" not in anonymous


def test_buttons_carry_the_readers_own_form_token(thread, member, other_member):
    reply = thread.posts.get(number=2)
    browsers = []
    for reader in (member, other_member):
        browser = Client(enforce_csrf_checks=True)
        browser.force_login(reader)
        browsers.append(browser)
    view(browsers[1], thread)  # another reader's visit fills the cache first

    html = post_html(view(browsers[0], thread), 2)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    response = browsers[0].post(
        f"/communities/data/posts/{reply.pk}/helpful/", {"csrfmiddlewaretoken": token}
    )

    assert response.status_code == 302
    assert "placeholder" not in html
    reply.refresh_from_db()
    assert reply.helpful_count == 1
