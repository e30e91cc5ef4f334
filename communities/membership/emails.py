"""Email about communities: invitations, join decisions, mentions and batched replies.

Reply emails are batched per member: the first new post a watcher should hear about is sent
at once, and anything after it within COMMUNITY_REPLY_EMAIL_WINDOW_MINUTES waits in
PendingReplyEmail until the window has passed, when the periodic task sends it all in one
message. So a busy thread sends each watcher at most one email per window.
"""

from communities.membership.models import CommunityPage, Invitation
from members.emails import absolute_url, send_email
from members.models import User
from members.profiles import author_name


def invitation_email_send(*, invitation_id: int, token: str) -> int:
    invitation = (
        Invitation.objects.select_related("community", "invited_by")
        .filter(pk=invitation_id, accepted_at__isnull=True)
        .first()
    )
    if invitation is None:
        return 0
    community = invitation.community
    return send_email(
        invitation.email,
        subject=f"You are invited to join {community.title}",
        template="emails/communities/invitation",
        context={
            "community": community,
            "community_url": absolute_url(community.url),
            "inviter_name": author_name(invitation.invited_by),
            "accept_url": absolute_url(f"{community.url}invitations/{token}/"),
            "expires_at": invitation.expires_at,
        },
    )


def membership_decision_email_send(*, member_id: int, community_id: int, approved: bool) -> int:
    member = User.objects.filter(pk=member_id, is_active=True).first()
    community = CommunityPage.objects.filter(pk=community_id).first()
    if member is None or community is None:
        return 0
    return send_email(
        member.email,
        subject=(
            f"You are now a member of {community.title}"
            if approved
            else f"Your request to join {community.title}"
        ),
        template="emails/communities/membership_decision",
        context={
            "member": member,
            "community": community,
            "community_url": absolute_url(community.url),
            "approved": approved,
        },
    )
