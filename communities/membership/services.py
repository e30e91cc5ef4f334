"""Joining and leaving communities, join requests, invitations and facilitators."""

import datetime
import hashlib
import secrets

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from communities.membership.models import (
    CommunityPage,
    Invitation,
    JoinPolicy,
    Membership,
    MembershipStatus,
    Role,
)
from communities.membership.selectors import facilitator_list
from communities.membership.signals import membership_ended
from members.models import User
from members.notifications import email_after_commit, notify
from members.profiles import author_name


class MembershipError(Exception):
    """A membership change that cannot happen; the message is written for the member."""


def _hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def membership_join(*, community: CommunityPage, member: User, message: str = "") -> Membership:
    """Joins an open community at once; asks to join an on-request one.

    Invitation-only communities are joined by accepting an invitation instead.
    """
    existing = Membership.objects.filter(community=community, member=member).first()
    if existing is not None:
        return existing
    if community.join_policy == JoinPolicy.INVITATION:
        raise MembershipError(
            f"{community.title} is open by invitation only. A facilitator can invite you."
        )
    # get_or_create, so that a double click racing itself finds the first click's row.
    now = timezone.now()
    if community.join_policy == JoinPolicy.OPEN:
        membership, _ = Membership.objects.get_or_create(
            community=community,
            member=member,
            defaults={"status": MembershipStatus.ACTIVE, "joined_at": now},
        )
        return membership
    membership, asked = Membership.objects.get_or_create(
        community=community,
        member=member,
        defaults={
            "status": MembershipStatus.PENDING,
            "request_message": message.strip()[:1000],
            "requested_at": now,
        },
    )
    if not asked:
        return membership
    notify(
        facilitator_list(community),
        kind="join-request",
        message=f"{author_name(member)} asked to join {community.title}",
        url=f"{community.url}members/",
        actor=member,
    )
    return membership


@transaction.atomic
def membership_leave(*, community: CommunityPage, member: User) -> None:
    """Leaves (or withdraws a request); the forum stops the member's watches (signals.py)."""
    Membership.objects.filter(community=community, member=member).delete()
    membership_ended.send(sender=Membership, community=community, member=member)


def _tell_member_of_decision(membership: Membership, *, approved: bool) -> None:
    community = membership.community
    notify(
        membership.member,
        kind="membership",
        message=(
            f"You are now a member of {community.title}"
            if approved
            else f"Your request to join {community.title} was declined"
        ),
        url=community.url,
    )
    email_after_commit(
        "communities.membership.tasks.send_membership_decision_email",
        membership.member_id,
        community.pk,
        approved,
    )


@transaction.atomic
def membership_approve(*, membership: Membership, by: User) -> Membership:
    if not membership.is_pending:
        return membership
    membership.status = MembershipStatus.ACTIVE
    membership.joined_at = timezone.now()
    membership.approved_by = by
    membership.save(update_fields=["status", "joined_at", "approved_by"])
    _tell_member_of_decision(membership, approved=True)
    return membership


@transaction.atomic
def membership_decline(*, membership: Membership, by: User) -> None:
    if not membership.is_pending:
        raise MembershipError("Only a request to join can be declined.")
    _tell_member_of_decision(membership, approved=False)
    membership.delete()


@transaction.atomic
def membership_set_role(*, membership: Membership, role: str, by: User) -> Membership:
    if not membership.is_active:
        raise MembershipError("Approve the request before changing the member's role.")
    if role not in Role.values:
        raise MembershipError("Choose member or facilitator.")
    if membership.role != role:
        membership.role = role
        membership.save(update_fields=["role"])
        if role == Role.FACILITATOR:
            notify(
                membership.member,
                kind="membership",
                message=f"You are now a facilitator of {membership.community.title}",
                url=f"{membership.community.url}moderation/",
                actor=by,
            )
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership, by: User) -> None:
    membership_leave(community=membership.community, member=membership.member)


# -- invitations --------------------------------------------------------------------------------


def _addresses_of(member: User) -> set[str]:
    verified = EmailAddress.objects.filter(user=member, verified=True).values_list(
        "email", flat=True
    )
    return {address.lower() for address in verified} | {member.email.lower()}


@transaction.atomic
def invitation_send(*, community: CommunityPage, email: str, invited_by: User) -> Invitation:
    """Invites an address; any earlier unused invitation to it stops working."""
    email = email.strip()
    already = Membership.objects.active().filter(community=community, member__email__iexact=email)
    if already.exists():
        raise MembershipError(f"{email} is already a member of {community.title}.")
    Invitation.objects.filter(
        community=community, email__iexact=email, accepted_at__isnull=True
    ).delete()
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        community=community,
        email=email,
        token_hash=_hash_token(token),
        invited_by=invited_by,
        expires_at=timezone.now() + datetime.timedelta(days=settings.COMMUNITY_INVITATION_DAYS),
    )
    email_after_commit("communities.membership.tasks.send_invitation_email", invitation.pk, token)
    return invitation


def invitation_for_token(*, community: CommunityPage, token: str) -> Invitation | None:
    return Invitation.objects.filter(community=community, token_hash=_hash_token(token)).first()


def invitation_refusal(invitation: Invitation | None) -> str | None:
    """Why the invitation cannot be used, in words for the person holding the link; None if
    it can."""
    if invitation is None:
        return "This invitation link is not valid. Check you copied all of it."
    if invitation.accepted_at is not None:
        return "This invitation has already been used."
    if invitation.expires_at <= timezone.now():
        return "This invitation has expired. Ask a facilitator of the community for a new one."
    return None


@transaction.atomic
def invitation_accept(*, community: CommunityPage, token: str, member: User) -> Membership:
    """Uses the invitation (once) to make the member an active member of the community."""
    invitation = (
        Invitation.objects.select_for_update()
        .filter(community=community, token_hash=_hash_token(token))
        .first()
    )
    refusal = invitation_refusal(invitation)
    if refusal is not None:
        raise MembershipError(refusal)
    if invitation.email.lower() not in _addresses_of(member):
        raise MembershipError(
            f"This invitation was sent to another email address. Sign in with the account "
            f"for {invitation.email}, or add and verify that address in your account."
        )
    now = timezone.now()
    membership, _ = Membership.objects.get_or_create(
        community=community,
        member=member,
        defaults={
            "status": MembershipStatus.ACTIVE,
            "joined_at": now,
            "approved_by": invitation.invited_by,
        },
    )
    if not membership.is_active:  # they had asked to join: the invitation answers that
        membership.status = MembershipStatus.ACTIVE
        membership.joined_at = now
        membership.approved_by = invitation.invited_by
        membership.save(update_fields=["status", "joined_at", "approved_by"])
    invitation.accepted_at = now
    invitation.accepted_by = member
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return membership
