"""Members' own pages: their profile, the member directory, preferences and notifications.

The directory's listing is reusable: ``directory_context(request, members=...)`` builds what
``templates/members/includes/directory.html`` needs (search form and one page of results), so
that another app can list, say, one community's members in the same way. Profile pages take
sections from other apps through the hook described in ``members/profile_sections.py``.
"""

import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from .filters import DirectoryFilterSet
from .forms import PreferencesForm, ProfileForm
from .models import Notification
from .notifications import mark_read, recent_for
from .profile_sections import profile_sections
from .profiles import directory, interest_titles, visible_profile

DIRECTORY_PAGE_SIZE = 30
NOTIFICATIONS_PAGE_SIZE = 20


def local_path_or_none(url: str, request: HttpRequest) -> str | None:
    """The URL if it is a path on this site (never another host or scheme), else None."""
    if (
        url
        and url.startswith("/")
        and url_has_allowed_host_and_scheme(
            url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        return url
    return None


@login_required
def profile_edit(request: HttpRequest) -> HttpResponse:
    # A copy of the member, so that a form with errors never changes request.user (the header
    # would otherwise show a name that was not saved).
    member = copy.copy(request.user)
    next_url = local_path_or_none(request.POST.get("next") or request.GET.get("next", ""), request)
    form = ProfileForm(request.POST if request.method == "POST" else None, instance=member)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                form.save()
        except IntegrityError:
            # Another member took the same handle between our check and the save.
            form.add_error("handle", "That handle is taken. Try another.")
        else:
            messages.success(request, "Your profile has been saved")
            return redirect(next_url or reverse("members:profile_edit"))
    return render(request, "members/profile_edit.html", {"form": form, "next_url": next_url})


@login_required
@require_GET
def profile(request: HttpRequest, handle: str) -> HttpResponse:
    member = visible_profile(handle, viewer=request.user)
    if member is None:
        raise Http404("No member has that handle.")
    return render(
        request,
        "members/profile.html",
        {
            "member": member,
            "is_own_profile": member.pk == request.user.pk,
            "interests": interest_titles(member),
            "sections": profile_sections(request, member),
        },
    )


def directory_context(request: HttpRequest, *, members: QuerySet | None = None) -> dict:
    """The search form and one page of listed members, for members/includes/directory.html.

    `members` narrows the listing (for example to one community's members); hidden and
    deactivated members are never listed. Two queries, however many members match.
    """
    search = DirectoryFilterSet(request.GET, directory(members=members), request=request)
    return {
        "directory_form": search.form,
        "directory_page": Paginator(search.qs, DIRECTORY_PAGE_SIZE).get_page(
            request.GET.get("page")
        ),
        "directory_searched": search.applied,
        "directory_url": request.path,
    }


@login_required
@require_GET
def member_directory(request: HttpRequest) -> HttpResponse:
    return render(request, "members/directory.html", directory_context(request))


@login_required
def preferences(request: HttpRequest) -> HttpResponse:
    form = PreferencesForm(
        request.POST if request.method == "POST" else None, instance=request.user.preferences
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Your email and notification settings have been saved")
        return redirect("members:preferences")
    return render(request, "members/preferences.html", {"form": form})


@login_required
@require_GET
def notifications(request: HttpRequest) -> HttpResponse:
    listed = recent_for(request.user)
    page = Paginator(listed, NOTIFICATIONS_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "members/notifications.html",
        {
            "notifications_page": page,
            "in_app_notifications": request.user.preferences.in_app_notifications,
        },
    )


@login_required
@require_POST
def mark_all_notifications_read(request: HttpRequest) -> HttpResponse:
    marked = mark_read(request.user)
    if marked:
        messages.success(
            request, f"{marked} notification{'s' if marked != 1 else ''} marked as read"
        )
    return redirect("members:notifications")


@login_required
@require_GET
def open_notification(request: HttpRequest, notification_id: int) -> HttpResponse:
    """Marks the member's notification read and follows it, but only to a page on this site."""
    notification = get_object_or_404(
        Notification.objects.only("id", "url", "read_at"),
        pk=notification_id,
        recipient=request.user,
    )
    if notification.is_unread:
        mark_read(request.user, [notification.pk])
    return redirect(local_path_or_none(notification.url, request) or "members:notifications")
