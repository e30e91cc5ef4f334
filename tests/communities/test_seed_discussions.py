"""The demo seed gives every community facilitators, members and a discussion or two, once."""

import pytest

from communities.forum.models import Post, ReadMarker, Thread
from communities.membership.models import Membership
from home import demo_content
from home.seeding import seed_demo_content

pytestmark = pytest.mark.django_db


def test_seed_creates_discussions_among_demo_members_once(client):
    first = seed_demo_content(password="a-demo-password-for-tests")
    counts = (Membership.objects.count(), Thread.objects.count(), Post.objects.count())
    second = seed_demo_content(password="a-demo-password-for-tests")

    assert (first.discussions.created, second.discussions.found) == (
        len(demo_content.DEMO_DISCUSSIONS),
        len(demo_content.DEMO_DISCUSSIONS),
    )
    assert second.discussions.created == 0
    assert (Membership.objects.count(), Thread.objects.count(), Post.objects.count()) == counts
    assert Membership.objects.facilitators().filter(community__slug="data").count() == 1
    assert Membership.objects.pending().filter(community__slug="data").count() == 1

    uprn = Thread.objects.get(title="Which UPRN matching approach has worked for you?")
    assert uprn.reply_count == 4 and uprn.accepted_answer.number == 2
    assert uprn.posts.get(number=3).reply_to.number == 2
    assert ReadMarker.objects.get(member=uprn.author, thread=uprn).last_read_number == 1

    client.force_login(uprn.author)
    listing = client.get("/communities/data/discussions/").content.decode()
    assert "Which UPRN matching approach" in listing and "Pinned" in listing
    # The author has read their own posts: the replies after theirs are unread, nothing is new.
    assert "4 unread" in listing and "New</strong>" not in listing
    page = client.get(f"/communities/data/discussions/{uprn.pk}-{uprn.slug}/").content.decode()
    assert 'href="/members/ravi-chowdhury/"' in page  # the @mention in post 4
