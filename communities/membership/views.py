"""The community page's routes (see CommunityPage in models/pages.py).

Each view reads like a paragraph: work out who is asking (CommunityAccess), find the thing in
this community or answer 404, call a service, render or redirect. Anything a person may not
read answers 404; actions they may not take answer 404 too, so a URL tells nobody what exists.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from communities.membership.access import CommunityAccess
from communities.membership.forms import InvitationForm, JoinRequestForm
from communities.membership.models import CommunityPage, JoinPolicy, Membership, Role
from communities.membership.responses import community_render, readable, safe_next, sign_in_redirect
from communities.membership.selectors import (
    community_members,
    facilitator_list,
    invitation_list,
    member_count,
)
from communities.membership.services import (
    MembershipError,
    invitation_for_token,
    invitation_refusal,
    invitation_send,
    membership_approve,
    membership_decline,
    membership_join,
    membership_leave,
    membership_remove,
    membership_set_role,
)
from communities.membership.services import invitation_accept as accept_invitation
from members.views import directory_context


def member_list(request, community: CommunityPage):
    access = readable(request, community)
    if not access.is_signed_in:
        return sign_in_redirect(request)
    return community_render(
        request,
        community,
        "communities/membership/members.html",
        {
            **directory_context(request, members=community_members(community)),
            "facilitators": facilitator_list(community),
            "member_count": member_count(community),
        },
    )


@require_POST
def member_manage(request, community: CommunityPage, membership_id: int):
    access = CommunityAccess.for_request(request, community)
    if not access.can_moderate:
        raise Http404("No such page")
    membership = (
        Membership.objects.select_related("member")
        .filter(pk=membership_id, community=community)
        .first()
    )
    if membership is None:
        raise Http404("No such member")
    membership.community = community
    action = request.POST.get("action")
    name = membership.member.get_full_name() or membership.member.email
    try:
        if action == "approve":
            membership_approve(membership=membership, by=request.user)
            messages.success(request, f"{name} is now a member.")
        elif action == "decline":
            membership_decline(membership=membership, by=request.user)
            messages.success(request, f"You declined {name}'s request to join.")
        elif action in (Role.FACILITATOR, Role.MEMBER):
            membership_set_role(membership=membership, role=action, by=request.user)
            messages.success(
                request,
                f"{name} is now a facilitator."
                if action == Role.FACILITATOR
                else f"{name} is now a member without facilitator rights.",
            )
        elif action == "remove":
            membership_remove(membership=membership, by=request.user)
            messages.success(request, f"{name} has been removed from the community.")
        else:
            raise Http404("No such action")
    except MembershipError as error:
        messages.error(request, str(error))
    return redirect(safe_next(request, f"{community.url}moderation/"))


def join(request, community: CommunityPage):
    access = CommunityAccess.for_request(request, community)
    if not access.is_signed_in:
        return sign_in_redirect(request)
    if access.is_member:
        messages.info(request, f"You are already a member of {community.title}.")
        return redirect(community.url)
    form = JoinRequestForm(request.POST if request.method == "POST" else None)
    if (
        request.method == "POST"
        and community.join_policy != JoinPolicy.INVITATION
        and form.is_valid()
    ):
        try:
            membership = membership_join(
                community=community, member=request.user, message=form.cleaned_data["message"]
            )
        except MembershipError as error:
            messages.error(request, str(error))
            return redirect(community.url)
        if membership.is_active:
            messages.success(
                request, f"Welcome to {community.title}. You can now start discussions and reply."
            )
        else:
            messages.success(
                request,
                f"Your request to join {community.title} has been sent. "
                "We will tell you when a facilitator has decided.",
            )
        return redirect(community.url)
    return community_render(request, community, "communities/membership/join.html", {"form": form})


def leave(request, community: CommunityPage):
    access = CommunityAccess.for_request(request, community)
    if not access.is_signed_in:
        return sign_in_redirect(request)
    if access.membership is None:
        return redirect(community.url)
    if request.method == "POST":
        was_pending = access.is_pending
        membership_leave(community=community, member=request.user)
        messages.success(
            request,
            "You have withdrawn your request to join."
            if was_pending
            else f"You have left {community.title}.",
        )
        return redirect(community.url)
    return community_render(request, community, "communities/membership/leave.html", {})


def invite(request, community: CommunityPage):
    access = CommunityAccess.for_request(request, community)
    if not access.can_moderate:
        raise Http404("No such page")
    form = InvitationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = invitation_send(
                community=community, email=form.cleaned_data["email"], invited_by=request.user
            )
        except MembershipError as error:
            form.add_error("email", str(error))
        else:
            messages.success(request, f"Invitation sent to {invitation.email}.")
            return redirect(f"{community.url}invitations/")
    return community_render(
        request,
        community,
        "communities/membership/invite.html",
        {"form": form, "invitations": invitation_list(community)},
    )


def invitation_accept(request, community: CommunityPage, token: str):
    if not request.user.is_authenticated:
        return sign_in_redirect(request)
    invitation = invitation_for_token(community=community, token=token)
    error = None
    if request.method == "POST":
        try:
            accept_invitation(community=community, token=token, member=request.user)
        except MembershipError as refusal:
            error = str(refusal)
        else:
            messages.success(
                request, f"Welcome to {community.title}. You can now start discussions and reply."
            )
            return redirect(community.url)
    else:
        error = invitation_refusal(invitation)
    return community_render(
        request,
        community,
        "communities/membership/invitation.html",
        {"invitation": invitation, "error": error},
    )
