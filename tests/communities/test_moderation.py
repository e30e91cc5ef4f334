"""Facilitators pin, lock, hide and move threads, handle reports and approve the first posts
of new accounts; editors see every community's queue in the Wagtail admin."""

import datetime

import pytest
from django.utils import timezone

from communities.forum.models import Flag, Post, Thread
from communities.membership.models import Membership
from members.models import Notification
from tests.factories import (
    CommunityPageFactory,
    MembershipFactory,
    ThreadFactory,
    UserFactory,
    reply_to_thread,
)

pytestmark = pytest.mark.django_db


def url(thread, suffix=""):
    return f"/communities/{thread.community.slug}/discussions/{thread.pk}-{thread.slug}/{suffix}"


def test_facilitator_pins_locks_and_hides(client, forum, facilitator, member):
    thread = ThreadFactory(community=forum, title="Housekeeping")
    client.force_login(facilitator)

    for action in ["pin", "lock", "hide"]:
        assert client.post(url(thread, "moderate/"), {"action": action}).status_code == 302

    thread.refresh_from_db()
    assert thread.is_pinned and thread.is_locked and thread.is_hidden
    page = client.get(url(thread)).content.decode()
    assert "Pinned" in page and "Locked" in page and "Hidden" in page
    client.force_login(member)
    assert client.get(url(thread)).status_code == 404

    client.force_login(facilitator)
    client.post(url(thread, "moderate/"), {"action": "unhide"})
    client.force_login(member)
    page = client.get(url(thread)).content.decode()
    assert "Replies are closed" in page


def test_facilitator_moves_a_thread_to_a_community_they_facilitate(
    client, site_tree, forum, facilitator, member
):
    energy = CommunityPageFactory(parent=site_tree["communities"], title="Energy", slug="energy")
    MembershipFactory(community=energy, member=facilitator, role="facilitator")
    CommunityPageFactory(parent=site_tree["communities"], title="Travel", slug="travel")
    thread = ThreadFactory(community=forum, author=member, title="Heat pumps")
    client.force_login(facilitator)

    form = client.get(url(thread, "move/")).content.decode()
    response = client.post(url(thread, "move/"), {"community": energy.pk})

    assert "Energy" in form and "Travel" not in form
    assert response["Location"] == f"/communities/energy/discussions/{thread.pk}-heat-pumps/"
    thread.refresh_from_db()
    assert thread.community_id == energy.pk
    assert client.get(f"/communities/data/discussions/{thread.pk}-heat-pumps/").status_code == 404
    assert Notification.objects.filter(recipient=member, kind="moderation").exists()


def test_moving_to_a_community_the_facilitator_does_not_run_is_refused(
    client, site_tree, forum, facilitator
):
    travel = CommunityPageFactory(parent=site_tree["communities"], title="Travel", slug="travel")
    thread = ThreadFactory(community=forum)
    client.force_login(facilitator)

    response = client.post(url(thread, "move/"), {"community": travel.pk})

    assert response.status_code == 200
    assert "Choose a community" in response.content.decode()
    thread.refresh_from_db()
    assert thread.community_id == forum.pk


def test_member_flags_a_post_and_facilitator_hides_it(
    client, forum, member, other_member, facilitator
):
    thread = ThreadFactory(community=forum, author=other_member)
    post = reply_to_thread(thread, other_member, body="Buy cheap sensors now!!!")
    client.force_login(member)

    empty = client.post(f"/communities/data/posts/{post.pk}/flag/", {"reason": ""})
    assert "Select why you are reporting this post" in empty.content.decode()
    client.post(f"/communities/data/posts/{post.pk}/flag/", {"reason": "spam", "details": "Advert"})
    again = client.post(f"/communities/data/posts/{post.pk}/flag/", {"reason": "spam"}, follow=True)
    assert "already reported" in again.content.decode()

    flag = Flag.objects.get()
    assert flag.reporter == member and flag.details == "Advert"
    assert Notification.objects.filter(recipient=facilitator, kind="flag").exists()

    client.force_login(facilitator)
    queue = client.get("/communities/data/moderation/").content.decode()
    assert "Buy cheap sensors now" in queue and "Spam or advertising" in queue
    client.post("/communities/data/moderation/", {"flag": flag.pk, "resolution": "hidden"})

    flag.refresh_from_db()
    post.refresh_from_db()
    assert flag.resolved_by == facilitator and flag.resolution == "hidden" and post.is_hidden
    assert Notification.objects.filter(recipient=member, kind="flag").exists()
    client.force_login(other_member)
    page = client.get(url(thread)).content.decode()
    assert "This post was hidden by a facilitator." in page
    assert "Buy cheap sensors" not in page


def test_dismissed_flag_leaves_the_post_up(client, forum, member, other_member, facilitator):
    thread = ThreadFactory(community=forum, author=other_member)
    post = thread.posts.get()
    Flag.objects.create(post=post, reporter=member, reason="off-topic")
    client.force_login(facilitator)

    client.post(
        "/communities/data/moderation/", {"flag": Flag.objects.get().pk, "resolution": "dismissed"}
    )

    post.refresh_from_db()
    assert not post.is_hidden
    assert not Flag.objects.open().exists()


@pytest.fixture
def hold_new_accounts(settings):
    settings.COMMUNITY_HOLD_FIRST_POSTS = True
    settings.COMMUNITY_NEW_ACCOUNT_DAYS = 7


def test_first_post_of_a_new_account_waits_for_approval(
    client, forum, facilitator, member, hold_new_accounts
):
    newcomer = UserFactory(display_name="Nia Newcomer")
    MembershipFactory(community=forum, member=newcomer)
    thread = ThreadFactory(community=forum, author=member)
    client.force_login(newcomer)

    response = client.post(url(thread, "reply/"), {"body": "My first words"}, follow=True)

    held = Post.objects.get(author=newcomer)
    assert held.is_held and held.number is None
    assert "a facilitator will approve your reply" in response.content.decode()
    client.force_login(member)
    assert "My first words" not in client.get(url(thread)).content.decode()

    client.force_login(facilitator)
    assert "My first words" in client.get("/communities/data/moderation/").content.decode()
    client.post(f"/communities/data/posts/{held.pk}/approve/")

    held.refresh_from_db()
    assert not held.is_held and held.number == 2
    client.force_login(member)
    assert "My first words" in client.get(url(thread)).content.decode()

    client.force_login(newcomer)
    client.post(url(thread, "reply/"), {"body": "Second words"})
    assert Post.objects.get(body_markdown="Second words").number == 3


def test_held_thread_appears_only_once_approved(
    client, forum, facilitator, member, hold_new_accounts
):
    newcomer = UserFactory()
    MembershipFactory(community=forum, member=newcomer)
    client.force_login(newcomer)

    client.post(
        "/communities/data/discussions/new/", {"title": "Hello all", "body": "Hi", "tags": ""}
    )

    thread = Thread.objects.get()
    assert thread.is_held
    client.force_login(member)
    assert "Hello all" not in client.get("/communities/data/discussions/").content.decode()
    assert client.get(url(thread)).status_code == 404

    client.force_login(facilitator)
    client.post(f"/communities/data/posts/{thread.posts.get().pk}/approve/")
    client.force_login(member)
    assert "Hello all" in client.get("/communities/data/discussions/").content.decode()


def test_marking_a_held_post_as_the_answer_is_refused_with_a_message(
    client, forum, facilitator, member, hold_new_accounts
):
    newcomer = UserFactory()
    MembershipFactory(community=forum, member=newcomer)
    thread = ThreadFactory(community=forum, author=member)
    client.force_login(newcomer)
    client.post(url(thread, "reply/"), {"body": "Not yet approved"})
    held = Post.objects.get(author=newcomer)

    client.force_login(facilitator)
    response = client.post(f"/communities/data/posts/{held.pk}/answer/", follow=True)

    assert response.status_code == 200
    assert "Only a published reply in this discussion can be its answer." in (
        response.content.decode()
    )
    thread.refresh_from_db()
    assert thread.accepted_answer is None


def test_rejecting_a_held_thread_removes_it(client, forum, facilitator, hold_new_accounts):
    newcomer = UserFactory()
    MembershipFactory(community=forum, member=newcomer)
    client.force_login(newcomer)
    client.post("/communities/data/discussions/new/", {"title": "Spam", "body": "Buy", "tags": ""})
    held = Post.objects.get()

    client.force_login(facilitator)
    client.post(f"/communities/data/posts/{held.pk}/reject/")

    assert not Thread.objects.exists()


def test_accounts_older_than_the_limit_post_at_once(client, forum, member, hold_new_accounts):
    type(member).objects.filter(pk=member.pk).update(
        date_joined=timezone.now() - datetime.timedelta(days=30)
    )
    thread = ThreadFactory(community=forum)
    client.force_login(member)

    client.post(url(thread, "reply/"), {"body": "Straight in"})

    assert Post.objects.get(body_markdown="Straight in").number == 2


def test_editor_sees_every_communitys_queue_in_the_admin(
    client, forum, private_forum, editor, member, other_member
):
    thread = ThreadFactory(community=private_forum, author=other_member, title="Private matter")
    Flag.objects.create(post=thread.posts.get(), reporter=member, reason="abuse")
    MembershipFactory(
        community=forum, member=UserFactory(display_name="Ray Requester"), status="pending"
    )
    client.force_login(editor)

    content = client.get("/admin/community-moderation/").content.decode()

    assert "Private matter" in content and "Abusive" in content
    assert "Ray Requester" in content


def test_the_admin_queue_is_for_editors_only(client, forum, facilitator):
    client.force_login(facilitator)

    response = client.get("/admin/community-moderation/")

    assert response.status_code in (302, 403)


def test_editor_appoints_a_facilitator_in_the_admin(client, forum, editor, member):
    membership = Membership.objects.get(community=forum, member=member)
    client.force_login(editor)

    listing = client.get("/admin/community_memberships/")
    response = client.post(
        f"/admin/community_memberships/edit/{membership.pk}/",
        {"community": forum.pk, "member": member.pk, "role": "facilitator", "status": "active"},
    )

    assert listing.status_code == 200 and "Mia Member" in listing.content.decode()
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.is_facilitator


def test_the_membership_form_chooses_the_member_rather_than_listing_every_account(
    client, forum, editor, member
):
    from members.models import User

    User.objects.bulk_create(
        User(email=f"crowd{n}@example.org", display_name=f"Crowd Member {n}") for n in range(50)
    )
    client.force_login(editor)

    form = client.get("/admin/community_memberships/new/").content.decode()
    found = client.get("/admin/member_chooser/results/", {"q": "Mia"}).content.decode()

    assert "Crowd Member" not in form and "crowd1@example.org" not in form
    assert "/admin/member_chooser/" in form
    assert "Mia Member" in found and "Crowd Member" not in found
