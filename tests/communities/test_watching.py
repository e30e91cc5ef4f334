"""Watching threads and communities: in-app notifications for every new post, and email
batched so a busy thread sends each watcher at most one message per window."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from communities.forum.emails import reply_emails_send
from communities.forum.models import PendingReplyEmail, ReplyEmailState, Watch
from communities.forum.services import post_reply, thread_start
from communities.forum.tasks import send_reply_emails
from members.models import Notification
from tests.factories import ThreadFactory

pytestmark = pytest.mark.django_db


def reply_emails():
    return [m for m in mail.outbox if "replied" in m.subject or "new posts" in m.subject]


def test_authors_and_repliers_watch_automatically(client, forum, member, other_member):
    client.force_login(member)
    client.post(
        "/communities/data/discussions/new/", {"title": "Ward data", "body": "Hello", "tags": ""}
    )
    thread = member.threads.get()
    client.force_login(other_member)
    client.post(f"/communities/data/discussions/{thread.pk}-{thread.slug}/reply/", {"body": "Hi"})

    assert set(Watch.objects.filter(thread=thread).values_list("member", flat=True)) == {
        member.pk,
        other_member.pk,
    }


def test_watchers_get_a_notification_and_an_email_for_a_reply(
    forum, member, other_member, django_capture_on_commit_callbacks
):
    thread = thread_start(community=forum, author=member, title="Ward data", body="Hello")

    with django_capture_on_commit_callbacks(execute=True):
        post_reply(thread=thread, author=other_member, body="We tried **this**.")

    notification = Notification.objects.get(recipient=member, kind="reply")
    assert notification.message == "Omar Other replied to “Ward data”"
    assert notification.url == f"/communities/data/posts/{thread.posts.get(number=2).pk}/"
    [email] = reply_emails()
    assert email.to == [member.email]
    assert email.subject == "[Connected Places] Omar Other replied to “Ward data”"
    assert "We tried this." in email.body
    assert "We tried this." in email.alternatives[0][0]
    assert not Notification.objects.filter(recipient=other_member, kind="reply").exists()


def test_a_busy_thread_sends_one_email_per_window_then_a_digest(
    forum,
    member,
    other_member,
    facilitator,
    django_capture_on_commit_callbacks,
    settings,
    rate_limits,
):
    rate_limits(community_post="100/5m/user")
    thread = thread_start(community=forum, author=member, title="Busy", body="Go")

    for number in range(5):
        # Each reply commits on its own, as it would from a request.
        with django_capture_on_commit_callbacks(execute=True):
            post_reply(thread=thread, author=other_member, body=f"Reply {number}")
        with django_capture_on_commit_callbacks(execute=True):
            post_reply(thread=thread, author=facilitator, body=f"Answer {number}")

    to_member = [m for m in reply_emails() if m.to == [member.email]]
    assert len(to_member) == 1  # the first reply, at once
    assert Notification.objects.filter(recipient=member, kind="reply").count() == 10
    assert PendingReplyEmail.objects.filter(recipient=member).count() == 9

    # Within the window the periodic task sends nothing more.
    send_reply_emails.delay()
    assert len([m for m in reply_emails() if m.to == [member.email]]) == 1
    assert PendingReplyEmail.objects.filter(recipient=member).count() == 9

    later = timezone.now() + datetime.timedelta(
        minutes=settings.COMMUNITY_REPLY_EMAIL_WINDOW_MINUTES + 1
    )
    sent = reply_emails_send(now=later)

    to_member = [m for m in reply_emails() if m.to == [member.email]]
    assert sent >= 1 and len(to_member) == 2
    digest = to_member[1]
    assert digest.subject == "[Connected Places] 9 new posts in discussions you follow"
    assert "Answer 4" in digest.body and "Reply 1" in digest.body
    assert not PendingReplyEmail.objects.filter(recipient=member).exists()
    assert reply_emails_send(now=later) == 0


def test_email_on_reply_off_means_notifications_only(
    forum, member, other_member, django_capture_on_commit_callbacks
):
    member.preferences.email_on_reply = False
    member.preferences.save()
    thread = thread_start(community=forum, author=member, title="Quiet", body="Go")

    with django_capture_on_commit_callbacks(execute=True):
        post_reply(thread=thread, author=other_member, body="A reply")

    assert Notification.objects.filter(recipient=member, kind="reply").exists()
    assert not reply_emails()


def test_community_watchers_hear_of_new_threads(
    client, forum, member, other_member, django_capture_on_commit_callbacks
):
    client.force_login(other_member)
    client.post("/communities/data/watch/", {"watch": "on"})
    assert Watch.objects.filter(member=other_member, community=forum).exists()

    with django_capture_on_commit_callbacks(execute=True):
        thread_start(community=forum, author=member, title="Fresh topic", body="Hello")

    notification = Notification.objects.get(recipient=other_member, kind="new-thread")
    assert notification.message == "Mia Member started “Fresh topic” in Data"
    [email] = reply_emails() or [m for m in mail.outbox if "started" in m.subject]
    assert email.subject == "[Connected Places] Mia Member started “Fresh topic”"

    client.post("/communities/data/watch/", {"watch": "off"})
    assert not Watch.objects.filter(member=other_member, community=forum).exists()


def test_unwatching_a_thread_stops_notifications(client, forum, member, other_member):
    thread = thread_start(community=forum, author=member, title="Ward data", body="Hello")
    client.force_login(member)

    client.post(f"/communities/data/discussions/{thread.pk}-{thread.slug}/watch/", {"watch": "off"})
    post_reply(thread=thread, author=other_member, body="A reply")

    assert not Notification.objects.filter(recipient=member).exists()


def test_members_only_threads_tell_only_those_who_can_still_read(
    private_forum, member, other_member, django_capture_on_commit_callbacks
):
    thread = ThreadFactory(community=private_forum, author=member)
    Watch.objects.create(member=member, thread=thread)
    private_forum.memberships.filter(member=member).delete()

    with django_capture_on_commit_callbacks(execute=True):
        post_reply(thread=thread, author=other_member, body="A reply")

    assert not Notification.objects.filter(recipient=member).exists()
    assert not mail.outbox


def test_posts_deleted_before_the_batch_are_left_out(
    forum, member, other_member, django_capture_on_commit_callbacks
):
    thread = thread_start(community=forum, author=member, title="Ward data", body="Hello")
    ReplyEmailState.objects.create(member=member, last_sent_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        deleted = post_reply(thread=thread, author=other_member, body="Oops")
    deleted.is_deleted = True
    deleted.save(update_fields=["is_deleted"])

    sent = reply_emails_send(now=timezone.now() + datetime.timedelta(hours=1))

    assert sent == 0
    assert not PendingReplyEmail.objects.exists()
