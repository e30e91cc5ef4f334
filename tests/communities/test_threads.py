"""Starting threads, replying, quoting, editing, deleting, previews, reactions and answers,
through the community page's routes."""

import re

import pytest
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
    assert response.status_code == 200
    assert "This discussion is locked" in content
    assert "But I have more to say</textarea>" in content
    assert thread.posts.count() == 1


def test_empty_reply_is_explained(client, forum, member):
    thread = ThreadFactory(community=forum)
    client.force_login(member)

    response = client.post(thread_url(thread) + "reply/", {"body": "   "})

    assert (
        "Enter your reply" in response.content.decode()
        or "Enter your message" in response.content.decode()
    )
    assert thread.posts.count() == 1


def test_posting_too_fast_is_refused_clearly_and_keeps_the_text(client, forum, member, settings):
    settings.COMMUNITY_POSTS_PER_WINDOW = 2
    thread = ThreadFactory(community=forum)
    client.force_login(member)
    for number in range(2):
        client.post(thread_url(thread) + "reply/", {"body": f"Reply {number}"})

    response = client.post(thread_url(thread) + "reply/", {"body": "One too many"})

    content = response.content.decode()
    assert "as many as we allow" in content
    assert "One too many</textarea>" in content
    assert thread.posts.count() == 3


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
