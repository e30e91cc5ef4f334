"""Starting threads, replying, quoting, editing, deleting, previews, reactions and answers,
through the community page's routes."""

import re
import time
from types import SimpleNamespace

import pytest
from allauth.core.internal import ratelimit as allauth_ratelimit
from django.core import mail

from communities.forum.models import Post, PostRevision, Thread
from members.models import Notification
from tests.factories import ThreadFactory, reply_to_thread

pytestmark = pytest.mark.django_db


def thread_url(thread):
    return f"/communities/{thread.community.slug}/discussions/{thread.pk}-{thread.slug}/"


def test_member_starts_a_thread_with_tags_and_lands_on_it(client, forum, member):
    client.force_login(member)

    response = client.post(
        "/communities/data/discussions/new/",
        {
            "title": "  Sharing   UPRNs between services ",
            "body": "Has anyone **linked** records by UPRN?",
            "tags": "UPRN, open data",
        },
    )

    thread = Thread.objects.get()
    assert response.status_code == 302
    assert (
        response["Location"]
        == f"/communities/data/discussions/{thread.pk}-sharing-uprns-between-services/"
    )
    assert thread.title == "Sharing UPRNs between services"
    assert sorted(thread.tags.names()) == ["open data", "uprn"]
    page = client.get(response["Location"]).content.decode()
    assert "<strong>linked</strong>" in page
    assert "#uprn" in page and "#open data" in page
    assert "You are watching this discussion." in page


def test_thread_list_puts_pinned_first_then_latest_activity(client, forum, member):
    old = ThreadFactory(community=forum, title="Old but pinned", is_pinned=True)
    quiet = ThreadFactory(community=forum, title="Quiet thread")
    busy = ThreadFactory(community=forum, title="Busy thread")
    reply_to_thread(quiet, member)  # newest activity
    Thread.objects.filter(pk=busy.pk).update(last_activity_at=old.created_at)

    content = client.get("/communities/data/discussions/").content.decode()

    assert (
        content.index("Old but pinned")
        < content.index("Quiet thread")
        < content.index("Busy thread")
    )


def test_thread_list_filters_by_a_tag_shown_under_its_discussions(client, forum):
    ThreadFactory(community=forum, title="Sharing UPRNs").tags.set(["open data", "uprn"])
    ThreadFactory(community=forum, title="Flood sensors").tags.set(["sensors"])

    listing = client.get("/communities/data/discussions/").content.decode()
    tagged = client.get("/communities/data/discussions/?tag=open-data").content.decode()
    unused = client.get("/communities/data/discussions/?tag=unused").content.decode()

    assert 'href="/communities/data/discussions/?tag=open-data"' in listing
    assert "Sharing UPRNs" in tagged and "Flood sensors" not in tagged
    assert "<title>Discussions tagged open-data – Data" in tagged
    assert "No discussions have this tag." in unused  # well formed: nothing has it, no error
    assert "govuk-error-summary" not in unused


@pytest.mark.parametrize("tag", ["<script>alert(1)</script>", "x" * 101, "open\x00data"])
def test_a_tag_it_cannot_filter_by_is_explained_and_the_page_still_applies(client, forum, tag):
    author = ThreadFactory(community=forum, title="The first discussion").author
    Thread.objects.bulk_create(
        Thread(community=forum, title=f"Thread {number}", slug=f"thread-{number}", author=author)
        for number in range(21)
    )

    response = client.get("/communities/data/discussions/", {"tag": tag, "page": 2})

    assert response.status_code == 200
    content = response.content.decode()
    assert "<title>Error: Discussions (page 2) – Data" in content
    summary = content.split('class="govuk-error-summary"', 1)[1].split("</ul>", 1)[0]
    assert "<li>Choose a tag shown on a discussion</li>" in summary
    assert "<script>alert(1)" not in content
    assert "22 discussions, page 2 of 2" in content  # every discussion, on the page asked for
    assert content.count("cp-thread-list__title") == 2


def test_reply_appears_in_thread_and_counts(client, forum, member, other_member):
    thread = ThreadFactory(community=forum, author=other_member)
    client.force_login(member)

    response = client.post(thread_url(thread) + "reply/", {"body": "We used the _NLPG_."})

    post = Post.objects.get(number=2)
    assert response.status_code == 302
    assert response["Location"] == thread_url(thread) + "#post-2"
    thread.refresh_from_db()
    assert thread.reply_count == 1 and thread.last_poster == member
    assert "<em>NLPG</em>" in client.get(thread_url(thread)).content.decode()
    assert post.author == member


def test_reply_to_a_post_quotes_an_excerpt_that_links_back(client, forum, member, other_member):
    thread = ThreadFactory(
        community=forum, author=other_member, opening_post="Which **gazetteer** do you use?"
    )
    opening = thread.posts.get()
    client.force_login(member)

    form_page = client.get(thread_url(thread) + f"reply/?to={opening.pk}").content.decode()
    client.post(
        thread_url(thread) + "reply/", {"body": "The national one.", "reply_to": opening.pk}
    )

    reply = Post.objects.get(number=2)
    assert reply.reply_to == opening
    assert "Which gazetteer do you use?" in form_page
    page = client.get(thread_url(thread)).content.decode()
    assert f'href="/communities/data/posts/{opening.pk}/"' in page
    assert "In reply to" in page and "Which gazetteer do you use?" in page


def test_preview_renders_markdown_and_keeps_the_text_without_posting(client, forum, member):
    client.force_login(member)

    response = client.post(
        "/communities/data/discussions/new/",
        {"title": "Preview me", "body": "Some *emphasis*", "tags": "", "preview": "1"},
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert Thread.objects.count() == 0
    assert "<em>emphasis</em>" in content
    assert ">Some *emphasis*</textarea>" in content
    assert 'value="Preview me"' in content


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"title": "A title", "body": ""}, "Enter your message"),
        ({"title": "A title", "body": "x" * 100_000}, "must be 20,000 characters or fewer"),
        ({"title": "    ", "body": "Body text"}, "Enter a title"),
        (
            {"title": "A title", "body": "Ask @nobody-here please"},
            "Nobody has the handle @nobody-here",
        ),
    ],
)
def test_bad_thread_input_is_explained_and_the_text_kept(client, forum, member, data, message):
    client.force_login(member)

    response = client.post("/communities/data/discussions/new/", data)

    content = response.content.decode()
    assert response.status_code == 200
    assert Thread.objects.count() == 0
    assert "There is a problem" in content and message in content
    assert "<title>Error: " in content
    if data["body"] and len(data["body"]) < 1000:
        assert data["body"] in content


def test_reply_to_locked_thread_is_refused_with_the_text_kept(client, forum, member, other_member):
    thread = ThreadFactory(community=forum, author=other_member, is_locked=True)
    client.force_login(member)

    response = client.post(thread_url(thread) + "reply/", {"body": "But I have more to say"})

    content = response.content.decode()
    assert response.status_code == 403
    assert '<h1 class="govuk-heading-xl">Replies are closed</h1>' in content
    assert "There is a problem" in content
    assert "This discussion is locked, so nobody can reply to it." in content
    assert "But I have more to say</textarea>" in content
    assert f'action="{thread_url(thread)}reply/"' not in content  # nothing to post again
    assert thread.posts.count() == 1


def test_the_reply_page_of_a_locked_thread_says_replies_are_closed(
    client, forum, member, other_member
):
    thread = ThreadFactory(community=forum, author=other_member, is_locked=True)
    client.force_login(member)

    response = client.get(thread_url(thread) + "reply/")

    content = response.content.decode()
    assert response.status_code == 403
    assert "<title>Replies are closed – " in content
    assert "This discussion is locked, so nobody can reply to it." in content
    assert "<textarea" not in content
    assert f'href="{thread_url(thread)}"' in content


def test_a_facilitator_can_still_reply_to_a_locked_thread(client, forum, facilitator, other_member):
    thread = ThreadFactory(community=forum, author=other_member, is_locked=True)
    client.force_login(facilitator)

    page = client.get(thread_url(thread) + "reply/")
    response = client.post(thread_url(thread) + "reply/", {"body": "Closing note"})

    assert page.status_code == 200 and "<textarea" in page.content.decode()
    assert response.status_code == 302
    assert thread.posts.count() == 2


def test_empty_reply_is_explained(client, forum, member):
    thread = ThreadFactory(community=forum)
    client.force_login(member)

    response = client.post(thread_url(thread) + "reply/", {"body": "   "})

    assert (
        "Enter your reply" in response.content.decode()
        or "Enter your message" in response.content.decode()
    )
    assert thread.posts.count() == 1


def test_posting_too_fast_is_refused_clearly_and_keeps_the_text(client, forum, member, rate_limits):
    rate_limits(community_post="2/5m/user")
    thread = ThreadFactory(community=forum)
    client.force_login(member)
    for number in range(2):
        reply = client.post(thread_url(thread) + "reply/", {"body": f"Reply {number}"})
        assert reply.status_code == 302

    response = client.post(thread_url(thread) + "reply/", {"body": "One too many"})

    content = response.content.decode()
    assert response.status_code == 429
    assert "<title>Error: " in content and "There is a problem" in content
    assert "You have posted 2 times in the last 5 minutes, which is as many as we allow" in content
    assert "One too many</textarea>" in content
    assert thread.posts.count() == 3


def test_starting_threads_too_fast_is_refused_and_keeps_the_text(
    client, forum, member, rate_limits
):
    rate_limits(community_post="1/5m/user")
    client.force_login(member)
    first = {"title": "First", "body": "Hello", "tags": ""}
    assert client.post("/communities/data/discussions/new/", first).status_code == 302

    response = client.post(
        "/communities/data/discussions/new/",
        {"title": "Second thoughts", "body": "And another thing", "tags": ""},
    )

    content = response.content.decode()
    assert response.status_code == 429
    assert "You have posted 1 time in the last 5 minutes" in content
    assert 'value="Second thoughts"' in content
    assert "And another thing</textarea>" in content
    assert Thread.objects.count() == 1


def test_the_posting_limit_counts_the_last_five_minutes(
    client, forum, member, rate_limits, monkeypatch
):
    rate_limits(community_post="2/5m/user")
    clock = SimpleNamespace(now=time.time())
    monkeypatch.setattr(
        allauth_ratelimit,
        "time",
        SimpleNamespace(time=lambda: clock.now, monotonic=time.monotonic, sleep=time.sleep),
    )
    thread = ThreadFactory(community=forum)
    client.force_login(member)

    def reply(body, *, minutes_later):
        clock.now += minutes_later * 60
        return client.post(thread_url(thread) + "reply/", {"body": body}).status_code

    assert reply("At 0:00", minutes_later=0) == 302
    assert reply("At 4:00", minutes_later=4) == 302
    assert reply("At 4:30", minutes_later=0.5) == 429  # two in the last 5 minutes
    # At 5:10 the first post is more than 5 minutes old, the second is not: one more, not two.
    assert reply("At 5:10", minutes_later=40 / 60) == 302
    assert reply("At 5:20", minutes_later=10 / 60) == 429
    assert reply("At 9:10", minutes_later=230 / 60) == 302


def test_facilitators_posts_are_not_limited(client, forum, facilitator, rate_limits):
    rate_limits(community_post="1/5m/user")
    thread = ThreadFactory(community=forum)
    client.force_login(facilitator)

    statuses = [
        client.post(thread_url(thread) + "reply/", {"body": f"Note {number}"}).status_code
        for number in range(3)
    ]

    assert statuses == [302, 302, 302]


def test_edit_marks_post_edited_and_keeps_previous_version_for_facilitators(
    client, forum, member, facilitator
):
    thread = ThreadFactory(community=forum, author=member, opening_post="First wording")
    post = thread.posts.get()
    client.force_login(member)

    response = client.post(f"/communities/data/posts/{post.pk}/edit/", {"body": "Second wording"})

    assert response.status_code == 302
    post.refresh_from_db()
    assert post.body_markdown == "Second wording" and post.edited_at is not None
    assert PostRevision.objects.get(post=post).body_markdown == "First wording"
    page = client.get(thread_url(thread)).content.decode()
    assert "edited" in page and "Earlier versions" not in page
    assert client.get(f"/communities/data/posts/{post.pk}/history/").status_code == 404
    client.force_login(facilitator)
    history = client.get(f"/communities/data/posts/{post.pk}/history/").content.decode()
    assert "First wording" in history and "Second wording" in history


def test_delete_own_post_leaves_a_placeholder(client, forum, member, other_member):
    thread = ThreadFactory(community=forum, author=other_member)
    reply = reply_to_thread(thread, member, body="Something I regret")
    client.force_login(member)

    confirm = client.get(f"/communities/data/posts/{reply.pk}/delete/")
    client.post(f"/communities/data/posts/{reply.pk}/delete/")

    assert "Are you sure" in confirm.content.decode()
    page = client.get(thread_url(thread)).content.decode()
    assert "This post was deleted." in page
    assert "Something I regret" not in page
    assert Post.objects.filter(pk=reply.pk, is_deleted=True).exists()


def test_helpful_toggles_and_counts(client, forum, member, other_member):
    thread = ThreadFactory(community=forum, author=other_member)
    post = thread.posts.get()
    client.force_login(member)

    client.post(f"/communities/data/posts/{post.pk}/helpful/")
    post.refresh_from_db()
    assert post.helpful_count == 1
    page = client.get(thread_url(thread)).content.decode()
    assert "1 found this helpful" in page and 'aria-pressed="true"' in page

    client.post(f"/communities/data/posts/{post.pk}/helpful/")
    post.refresh_from_db()
    assert post.helpful_count == 0


def test_facilitator_marks_a_reply_as_the_answer(client, forum, member, other_member, facilitator):
    thread = ThreadFactory(community=forum, author=other_member)
    reply = reply_to_thread(thread, member, body="Use the national gazetteer")
    client.force_login(facilitator)

    client.post(f"/communities/data/posts/{reply.pk}/answer/")

    thread.refresh_from_db()
    assert thread.accepted_answer == reply
    assert Notification.objects.filter(recipient=member, kind="answer").exists()
    listing = client.get("/communities/data/discussions/").content.decode()
    assert "Answered" in listing


def test_mention_notifies_in_app_and_by_email(
    client, forum, member, other_member, django_capture_on_commit_callbacks
):
    thread = ThreadFactory(community=forum, author=member)
    client.force_login(other_member)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(thread_url(thread) + "reply/", {"body": "What do you think, @mia-member?"})

    notification = Notification.objects.get(recipient=member, kind="mention")
    assert "Omar Other mentioned you" in notification.message
    mention_mail = [m for m in mail.outbox if "mentioned you" in m.subject]
    assert len(mention_mail) == 1 and mention_mail[0].to == [member.email]
    assert "What do you think" in mention_mail[0].body
    html = mention_mail[0].alternatives[0][0]
    assert re.search(r'href="http://testserver/communities/data/posts/\d+/"', html)
    page = client.get(thread_url(thread)).content.decode()
    assert 'href="/members/mia-member/"' in page


def test_mention_respects_email_preference(
    client, forum, member, other_member, django_capture_on_commit_callbacks
):
    member.preferences.email_on_mention = False
    member.preferences.save()
    thread = ThreadFactory(community=forum, author=other_member)
    client.force_login(other_member)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(thread_url(thread) + "reply/", {"body": "Over to @mia-member"})

    assert Notification.objects.filter(recipient=member, kind="mention").exists()
    assert not [m for m in mail.outbox if "mentioned you" in m.subject]


def test_thread_pages_hold_twenty_posts_and_jump_to_first_unread(
    client, forum, member, other_member
):
    thread = ThreadFactory(community=forum, author=other_member)
    for number in range(2, 31):
        reply_to_thread(thread, other_member, body=f"Reply number {number}")
    client.force_login(member)

    first_page = client.get(thread_url(thread)).content.decode()
    assert "Reply number 20" in first_page and "Reply number 21" not in first_page

    for number in range(31, 36):
        reply_to_thread(thread, other_member, body=f"Reply number {number}")
    jump = client.get(thread_url(thread) + "unread/")
    assert jump.status_code == 302
    assert jump["Location"] == thread_url(thread) + "?page=2#post-21"

    second_page = client.get(thread_url(thread) + "?page=2").content.decode()
    assert "New since your last visit" in second_page
    assert second_page.index("New since your last visit") < second_page.index("Reply number 21")


def test_thread_list_shows_unread_counts_for_members(client, forum, member, other_member):
    thread = ThreadFactory(community=forum, author=other_member, title="Counting replies")
    client.force_login(member)
    client.get(thread_url(thread))
    reply_to_thread(thread, other_member)
    reply_to_thread(thread, other_member)
    ThreadFactory(community=forum, author=other_member, title="Brand new thread")

    listing = client.get("/communities/data/discussions/").content.decode()
    community_page = client.get("/communities/data/").content.decode()

    assert "2 unread" in listing
    assert "New</strong>" in listing
    assert "2 discussions with posts you have not read" in community_page


def test_wrong_slug_redirects_to_the_thread(client, forum):
    thread = ThreadFactory(community=forum)

    response = client.get(f"/communities/data/discussions/{thread.pk}-old-title/")

    assert response.status_code == 302
    assert response["Location"] == thread_url(thread)


def test_reply_form_is_offered_to_members_only(client, forum, member, outsider):
    thread = ThreadFactory(community=forum)

    anonymous_page = client.get(thread_url(thread)).content.decode()
    client.force_login(outsider)
    outsider_page = client.get(thread_url(thread)).content.decode()
    client.force_login(member)
    member_page = client.get(thread_url(thread)).content.decode()

    assert "Post reply" in member_page
    assert "Post reply" not in outsider_page and "to reply." in outsider_page
    assert "Post reply" not in anonymous_page and "Sign in</a>" in anonymous_page
