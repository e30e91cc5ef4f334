"""Discussion pages cost the same number of queries however many posts or threads there are:
a thread page at 30 and at 500 replies, a discussions list at 25 and at 1,000 threads."""

import datetime

import pytest
from django.utils import timezone

from communities.forum.models import Post, ReadMarker, Thread
from communities.forum.rendering import render_post
from tests.factories import ThreadFactory, UserFactory
from tests.querycounts import assert_queries_constant

pytestmark = pytest.mark.django_db


def add_replies(thread, authors, up_to):
    """Bulk-creates replies (some quoting earlier posts) so the thread has `up_to` of them."""
    start = thread.reply_count + 2
    html = render_post("A reply with **detail** and a [link](https://example.org).").html
    now = timezone.now()
    posts = [
        Post(
            thread=thread,
            author=authors[number % len(authors)],
            number=number,
            body_markdown="A reply with **detail** and a [link](https://example.org).",
            body_html=html,
            created_at=now + datetime.timedelta(seconds=number),
            helpful_count=number % 3,
        )
        for number in range(start, up_to + 2)
    ]
    Post.objects.bulk_create(posts)
    first = thread.posts.get(number=1)
    Post.objects.filter(thread=thread, number__gt=1, number__lt=up_to, number__gte=start).filter(
        number__in=range(start, up_to + 2, 7)
    ).update(reply_to=first)
    Thread.objects.filter(pk=thread.pk).update(reply_count=up_to)
    thread.refresh_from_db()


@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "member"])
def test_thread_page_queries_do_not_grow_with_replies(client, forum, member, signed_in):
    authors = [UserFactory() for _ in range(5)]
    thread = ThreadFactory(community=forum, author=authors[0])
    thread.tags.set(["flooding", "sensors"])
    add_replies(thread, authors, 30)
    if signed_in:
        client.force_login(member)
    url = f"/communities/data/discussions/{thread.pk}-{thread.slug}/"

    assert_queries_constant(client, url, lambda: add_replies(thread, authors, 500), max_queries=21)
    assert 'id="post-501"' in client.get(url + "?page=last").content.decode()


def add_threads(community, authors, up_to):
    existing = Thread.objects.filter(community=community).count()
    now = timezone.now()
    Thread.objects.bulk_create(
        Thread(
            community=community,
            title=f"Thread {number}",
            slug=f"thread-{number}",
            author=authors[number % len(authors)],
            last_poster=authors[(number + 1) % len(authors)],
            reply_count=number % 4,
            is_pinned=number % 97 == 0,
            created_at=now - datetime.timedelta(minutes=number),
            last_activity_at=now - datetime.timedelta(minutes=number),
        )
        for number in range(existing, up_to)
    )


@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "member"])
def test_discussions_list_queries_do_not_grow_with_threads(client, forum, member, signed_in):
    authors = [UserFactory() for _ in range(5)]
    add_threads(forum, authors, 25)
    for thread in Thread.objects.order_by("id")[:5]:
        thread.tags.set(["data", f"topic {thread.pk}"])
        ReadMarker.objects.create(member=member, thread=thread, last_read_number=1)
    if signed_in:
        client.force_login(member)

    assert_queries_constant(
        client,
        "/communities/data/discussions/",
        lambda: add_threads(forum, authors, 1000),
        max_queries=24,
    )


@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "member"])
def test_community_page_queries_do_not_grow_with_threads(client, forum, member, signed_in):
    authors = [UserFactory() for _ in range(5)]
    add_threads(forum, authors, 10)
    if signed_in:
        client.force_login(member)

    assert_queries_constant(
        client, "/communities/data/", lambda: add_threads(forum, authors, 1000), max_queries=30
    )
