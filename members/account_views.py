"""The member's privacy rights: see what we hold, download it, delete the account."""

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from core.tasks import queue_on_commit

from .account_forms import DeleteAccountForm
from .privacy import erase_member, export_member_data


def _summary_of(data: dict) -> list[tuple[str, int]]:
    """(heading, number of items) of each list in the export, the other apps' sections too."""
    return [
        (key.replace("_", " ").capitalize(), len(value))
        for key, value in data.items()
        if isinstance(value, list) and key != "two_factor_authentication"
    ]


@never_cache
@login_required
@require_GET
def your_data(request):
    data = export_member_data(request.user)
    return render(
        request,
        "members/your_data.html",
        {
            "profile": data["profile"],
            "two_factor_types": data["two_factor_authentication"],
            "item_counts": _summary_of(data),
        },
    )


@never_cache
@login_required
@require_GET
def data_download(request):
    """Everything we hold about the member, as a JSON file to keep."""
    data = export_member_data(request.user)
    filename = f"connected-places-data-{timezone.localdate().isoformat()}.json"
    response = HttpResponse(
        json.dumps(data, indent=2, ensure_ascii=False, default=str),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request):
    user = request.user
    form = DeleteAccountForm(request.POST if request.method == "POST" else None, user=user)
    if request.method == "POST" and form.is_valid():
        email, name = user.email, user.display_name
        erase_member(user)
        logout(request)
        queue_on_commit("members.tasks.send_account_deleted_email", email, name)
        messages.success(request, "Your account has been deleted, and with it your personal data.")
        return redirect("/")
    return render(request, "members/delete_account.html", {"form": form})
