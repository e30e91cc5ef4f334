"""The community page's routes (see CommunityPage in models/pages.py).

Each view reads like a paragraph: work out who is asking (CommunityAccess), find the thing in
this community or answer 404, call a service, render or redirect. Anything a person may not
read answers 404; actions they may not take answer 404 too, so a URL tells nobody what exists.
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.http import url_has_allowed_host_and_scheme

from communities.membership.access import CommunityAccess
from communities.membership.models import CommunityPage


def community_render(
    request, community: CommunityPage, template: str, context: dict, *, status: int = 200
):
    """A page under the community, with the visitor's standing in it (`access`, unless the
    context brings its own)."""
    context = {"page": community, "self": community, **context}
    if "access" not in context:
        context["access"] = CommunityAccess.for_request(request, community)
    return TemplateResponse(request, template, context, status=status)


def sign_in_redirect(request):
    return redirect_to_login(request.get_full_path())


def ask_to_join(request, community: CommunityPage, access: CommunityAccess, doing: str):
    if access.is_pending:
        messages.info(
            request,
            f"A facilitator has still to approve your request to join, then you can {doing}.",
        )
        return redirect(community.url)
    messages.info(request, f"Join {community.title} to {doing}.")
    return redirect(f"{community.url}join/")


def safe_next(request, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


def readable(request, community: CommunityPage, *, access_class=CommunityAccess):
    """The visitor's standing in a community whose discussions and members they may read;
    404 otherwise, so that a members-only community's cannot even be confirmed to exist."""
    access = access_class.for_request(request, community)
    if not access.can_read:
        raise Http404("No such discussion")
    return access
