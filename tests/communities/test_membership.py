"""Joining and leaving: open communities at once, on-request ones through a facilitator,
invitation-only ones with an emailed, single-use, expiring invitation tied to the address."""

import datetime
import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.utils import timezone

from communities.forum.models import Watch
from communities.membership.models import Invitation, JoinPolicy, Membership
from members.models import Notification
from tests.factories import CommunityPageFactory, MembershipFactory, ThreadFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def invitation_only(site_tree):
    return CommunityPageFactory(
        parent=site_tree["communities"],
        title="Democratic engagement",
        slug="democracy",
        join_policy=JoinPolicy.INVITATION,
    )


def test_open_community_admits_at_once(client, forum, outsider):
    client.force_login(outsider)

    response = client.post("/communities/data/join/")

    assert response.status_code == 302
    membership = Membership.objects.get(community=forum, member=outsider)
    assert membership.is_active and membership.joined_at is not None
    page = client.get("/communities/data/").content.decode()
    assert "Start a discussion" in page and "Leave this community" in page


def test_anonymous_join_asks_to_sign_in(client, forum):
    response = client.post("/communities/data/join/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/communities/data/join/")


def test_request_to_join_waits_for_a_facilitator_who_approves(
    client, private_forum, outsider, facilitator, django_capture_on_commit_callbacks
):
    client.force_login(outsider)
    client.post("/communities/health/join/", {"message": "I run a virtual ward."})

    membership = Membership.objects.get(community=private_forum, member=outsider)
    assert membership.is_pending and membership.request_message == "I run a virtual ward."
    assert Notification.objects.filter(recipient=facilitator, kind="join-request").exists()
    assert "Request sent" in client.get("/communities/health/").content.decode()
    assert client.get("/communities/health/discussions/").status_code == 404

    client.force_login(facilitator)
    queue = client.get("/communities/health/moderation/").content.decode()
    assert "I run a virtual ward." in queue
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/communities/health/members/{membership.pk}/", {"action": "approve"})

    membership.refresh_from_db()
    assert membership.is_active and membership.approved_by == facilitator
    assert Notification.objects.filter(recipient=outsider, kind="membership").exists()
    assert [m.subject for m in mail.outbox] == [
        "[Connected Places] You are now a member of Health and wellbeing"
    ]
    client.force_login(outsider)
    assert client.get("/communities/health/discussions/").status_code == 200


def test_facilitator_declines_a_request_and_the_member_is_told(
    client, private_forum, pending, facilitator, django_capture_on_commit_callbacks
):
    membership = Membership.objects.get(community=private_forum, member=pending)
    client.force_login(facilitator)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/communities/health/members/{membership.pk}/", {"action": "decline"})

    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert Notification.objects.get(recipient=pending, kind="membership").message == (
        "Your request to join Health and wellbeing was declined"
    )
    assert mail.outbox[0].to == [pending.email]
    assert "declined" in mail.outbox[0].body


def test_invitation_only_community_cannot_be_joined_without_an_invitation(
    client, invitation_only, outsider
):
    client.force_login(outsider)

    page = client.get("/communities/democracy/join/").content.decode()
    client.post("/communities/democracy/join/")

    assert "open by invitation" in page
    assert not Membership.objects.filter(member=outsider).exists()


def invite(client, facilitator, community, email, callbacks):
    MembershipFactory(community=community, member=facilitator, role="facilitator")
    client.force_login(facilitator)
    with callbacks(execute=True):
        response = client.post(f"/communities/{community.slug}/invitations/", {"email": email})
    assert response.status_code == 302
    link = re.search(
        r"http://testserver(/communities/\S+/invitations/[\w-]+/)", mail.outbox[-1].body
    )
    return link.group(1)


def test_invitation_is_emailed_and_accepted_once_by_its_addressee(
    client, invitation_only, facilitator, django_capture_on_commit_callbacks
):
    invitee = UserFactory(email="invitee@example.org")
    link = invite(
        client,
        facilitator,
        invitation_only,
        "Invitee@Example.org",
        django_capture_on_commit_callbacks,
    )

    assert mail.outbox[-1].to == ["Invitee@Example.org"]
    assert "You are invited to join Democratic engagement" in mail.outbox[-1].subject
    client.force_login(invitee)
    assert "Accept and join" in client.get(link).content.decode()
    response = client.post(link)

    assert response.status_code == 302
    assert Membership.objects.get(community=invitation_only, member=invitee).is_active
    client.force_login(UserFactory(email="someone.else@example.org"))
    second_use = client.post(link).content.decode()
    assert "already been used" in second_use


def test_invitation_for_another_address_is_refused(
    client, invitation_only, facilitator, outsider, django_capture_on_commit_callbacks
):
    link = invite(
        client,
        facilitator,
        invitation_only,
        "invitee@example.org",
        django_capture_on_commit_callbacks,
    )
    client.force_login(outsider)

    content = client.post(link).content.decode()

    assert "sent to another email address" in content
    assert not Membership.objects.filter(member=outsider, community=invitation_only).exists()


def test_invitation_to_a_verified_second_address_works(
    client, invitation_only, facilitator, outsider, django_capture_on_commit_callbacks
):
    EmailAddress.objects.create(user=outsider, email="work@example.org", verified=True)
    link = invite(
        client, facilitator, invitation_only, "work@example.org", django_capture_on_commit_callbacks
    )
    client.force_login(outsider)

    client.post(link)

    assert Membership.objects.filter(member=outsider, community=invitation_only).exists()


def test_expired_invitation_is_refused(
    client, invitation_only, facilitator, django_capture_on_commit_callbacks
):
    invitee = UserFactory(email="late@example.org")
    link = invite(
        client, facilitator, invitation_only, "late@example.org", django_capture_on_commit_callbacks
    )
    Invitation.objects.update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    client.force_login(invitee)

    content = client.post(link).content.decode()

    assert "has expired" in content
    assert not Membership.objects.filter(member=invitee, community=invitation_only).exists()


def test_a_made_up_invitation_token_is_refused(client, invitation_only, outsider):
    client.force_login(outsider)

    content = client.post("/communities/democracy/invitations/not-a-real-token/").content.decode()

    assert "not valid" in content
    assert not Membership.objects.filter(member=outsider).exists()


def test_invitation_token_from_another_community_is_refused(
    client, invitation_only, forum, facilitator, django_capture_on_commit_callbacks
):
    invitee = UserFactory(email="invitee@example.org")
    link = invite(
        client,
        facilitator,
        invitation_only,
        "invitee@example.org",
        django_capture_on_commit_callbacks,
    )
    client.force_login(invitee)

    content = client.post(link.replace("/democracy/", "/data/")).content.decode()

    assert "not valid" in content
    assert not Membership.objects.filter(member=invitee).exists()


def test_inviting_a_member_says_they_are_already_in(client, forum, facilitator, member):
    client.force_login(facilitator)

    content = client.post(
        "/communities/data/invitations/", {"email": member.email}
    ).content.decode()

    assert "is already a member" in content
    assert not Invitation.objects.exists()


def test_leaving_a_members_only_community_stops_watching_its_threads(client, private_forum, member):
    thread = ThreadFactory(community=private_forum, author=member)
    Watch.objects.create(member=member, thread=thread)
    Watch.objects.create(member=member, community=private_forum)
    client.force_login(member)

    assert "Are you sure" in client.get("/communities/health/leave/").content.decode()
    client.post("/communities/health/leave/")

    assert not Membership.objects.filter(member=member, community=private_forum).exists()
    assert not Watch.objects.filter(member=member).exists()


def test_facilitators_appoint_other_facilitators(client, forum, facilitator, member):
    membership = Membership.objects.get(community=forum, member=member)
    client.force_login(facilitator)

    client.post(f"/communities/data/members/{membership.pk}/", {"action": "facilitator"})

    membership.refresh_from_db()
    assert membership.is_facilitator
    client.force_login(member)
    assert client.get("/communities/data/moderation/").status_code == 200


def test_members_page_lists_members_through_the_directory(
    client, forum, member, other_member, outsider
):
    client.force_login(member)

    content = client.get("/communities/data/members/").content.decode()

    assert "Omar Other" in content and "Mia Member" in content
    assert "Olu Outsider" not in content


def test_membership_added_in_the_admin_gets_a_joining_date_and_unread_counts(
    client, forum, outsider
):
    membership = Membership.objects.create(community=forum, member=outsider, status="active")
    ThreadFactory(community=forum, title="Since you joined")

    client.force_login(outsider)
    page = client.get("/communities/data/")

    assert membership.joined_at is not None
    assert (
        page.status_code == 200
        and "1 discussion with posts you have not read" in page.content.decode()
    )
