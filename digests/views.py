"""Members' digest pages: a preview of the next digest, and unsubscribing from the email."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from members.models import DigestFrequency

from .previews import next_digest
from .unsubscribe import member_for_token, unsubscribe


@login_required
@require_GET
def preview(request: HttpRequest) -> HttpResponse:
    """My next digest: what it would hold if it went now, and when it is due."""
    return render(request, "digests/preview.html", {"next": next_digest(request.user)})


def _invalid_link(request: HttpRequest) -> HttpResponse:
    return render(request, "digests/unsubscribe_invalid.html", status=400)


@require_http_methods(["GET", "POST"])
def unsubscribe_page(request: HttpRequest, token: str) -> HttpResponse:
    """The link in the digest's footer: GET asks for confirmation, POST (with CSRF) does it."""
    member = member_for_token(token)
    if member is None:
        return _invalid_link(request)
    if request.method == "POST":
        unsubscribe(member)
        return render(request, "digests/unsubscribed.html", {"member": member})
    already_off = member.preferences.digest_frequency == DigestFrequency.OFF
    return render(
        request,
        "digests/unsubscribe.html",
        {"member": member, "token": token, "already_off": already_off},
    )


# RFC 8058 one-click: mail clients POST "List-Unsubscribe=One-Click" here with no cookies and
# no CSRF token. The signed token in the address is what authorises it, so this one endpoint
# (and only this one) is exempt from CSRF. A GET, from a client that opens the address in a
# browser instead, goes to the confirmation page.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def one_click_unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    member = member_for_token(token)
    if member is None:
        if request.method == "POST":
            return HttpResponse(
                "This unsubscribe link is not valid.", status=400, content_type="text/plain"
            )
        return _invalid_link(request)
    if request.method == "GET":
        return redirect("digests:unsubscribe", token=token)
    unsubscribe(member)
    return HttpResponse(
        "You are unsubscribed from Connected Places digests.", content_type="text/plain"
    )
