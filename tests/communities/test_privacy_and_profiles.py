"""A member's communities and posts on their profile, in their data export, and after
erasure (posts stay, shown as from a former member)."""

import pytest

from communities.forum.models import Flag, Post, Reaction, ReadMarker, Thread, Watch
from communities.membership.models import Invitation, Membership
from members.privacy import erase_member, export_member_data
from tests.factories import ThreadFactory, reply_to_thread

pytestmark = pytest.mark.django_db


def test_profile_shows_communities_and_recent_posts_the_viewer_may_read(
    client, forum, private_forum, member, other_member, outsider
):
    ThreadFactory(community=forum, author=member, title="Public musings")
    ThreadFactory(community=private_forum, author=member, title="Private musings")

    client.force_login(outsider)
    as_outsider = client.get("/members/mia-member/").content.decode()
    client.force_login(other_member)
    as_fellow_member = client.get("/members/mia-member/").content.decode()

    assert "Communities" in as_outsider and ">Data</a>" in as_outsider
    assert "Public musings" in as_outsider
    assert "Health and wellbeing" not in as_outsider and "Private musings" not in as_outsider
    assert "Health and wellbeing" in as_fellow_member and "Private musings" in as_fellow_member


def test_export_includes_memberships_threads_posts_watches_and_reports(forum, member, other_member):
    thread = ThreadFactory(community=forum, author=member, title="Ward data", opening_post="Hello")
    other_thread = ThreadFactory(community=forum, author=other_member)
    Watch.objects.create(member=member, community=forum)
    Flag.objects.create(
        post=other_thread.posts.get(), reporter=member, reason="spam", details="Advert"
    )

    data = export_member_data(member)

    assert {"community": "Data", "role": "member", "status": "active"}.items() <= data[
        "community_memberships"
    ][0].items()
    assert data["discussions_started"][0]["title"] == "Ward data"
    assert data["posts"][0]["text"] == "Hello"
    assert data["watching"][0]["community"] == "Data"
    assert data["reports_made"][0]["details"] == "Advert"
    assert thread.title in {entry["discussion"] for entry in data["posts"]}


def test_erasure_keeps_posts_as_a_former_members_and_deletes_the_rest(
    client, forum, member, other_member
):
    thread = ThreadFactory(community=forum, author=member, title="Ward data")
    reply = reply_to_thread(thread, other_member)
    Reaction.objects.create(post=reply, member=member)
    Post.objects.filter(pk=reply.pk).update(helpful_count=1)
    ReadMarker.objects.create(member=member, thread=thread, last_read_number=2)
    Watch.objects.create(member=member, thread=thread)
    Invitation.objects.create(
        community=forum,
        email=member.email.upper(),
        token_hash="x" * 64,
        expires_at=thread.created_at,
    )

    erase_member(member)

    thread.refresh_from_db()
    assert thread.author is None and thread.posts.get(number=1).author is None
    assert Post.objects.get(pk=reply.pk).helpful_count == 0
    assert not Membership.objects.filter(member_id=member.pk).exists()
    assert not ReadMarker.objects.exists() and not Invitation.objects.exists()
    assert not Watch.objects.filter(member_id=member.pk).exists()
    page = client.get(f"/communities/data/discussions/{thread.pk}-{thread.slug}/").content.decode()
    assert "A former member" in page
    assert Thread.objects.count() == 1
