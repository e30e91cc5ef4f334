"""The attendee's and the organisers' pages of an event (served as routes of EventPage), and the
calendar feeds. Each view parses input, calls a service or selector, and renders."""

import csv
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from communities.membership.selectors import community_list

from . import calendars, selectors, services
from .filters import EventFilterSet
from .forms import (
    DecisionForm,
    InvitationForm,
    RegistrationForm,
    WorkingGroupForm,
)
from .models import (
    CalendarFeed,
    EventIndexPage,
    EventPage,
    Registration,
    RegistrationMode,
    RegistrationState,
)


def _route_url(event: EventPage, name: str) -> str:
    return event.url + event.reverse_subpage(name).lstrip("/")


def event_index(request: HttpRequest, index: EventIndexPage) -> HttpResponse:
    """/events/: upcoming and past events, filterable by community and kind."""
    filters = EventFilterSet(request.GET, selectors.listed_events(), request=request)
    past = filters.showing_past
    page = Paginator(filters.qs, index.per_page).get_page(request.GET.get("page"))
    return index.render(
        request,
        context_overrides={
            "filter_form": filters.form,
            "events_page": page,
            "showing_past": past,
            "empty_text": "No past events match." if past else "No upcoming events match.",
        },
    )


def event_page(request: HttpRequest, event: EventPage) -> HttpResponse:
    return event.render(request, context_overrides=event_page_context(request, event))


def event_page_context(request: HttpRequest, event: EventPage) -> dict:
    """What the event page shows beyond the page's own fields: the member's registration, the
    places left, calendar links, and the outputs."""
    outputs = {
        "calls_to_action": list(event.calls_to_action.all()),
        "related_case_studies": [
            related.case_study
            for related in event.related_case_studies.select_related("case_study")
            if related.case_study.live
        ],
    }
    if event.pk is None or not event.url:  # the admin's preview of a page not yet created
        return outputs
    registration = selectors.registration_for(event, request.user)
    stats = selectors.registration_stats(event) if event.takes_registrations else None
    return {
        **outputs,
        "registration": registration,
        "waitlist_position": registration.waitlist_position if registration else None,
        "registration_closed_reason": selectors.registration_refusal(event),
        "stats": stats,
        "can_manage": selectors.can_manage(request.user, event),
        "register_url": _route_url(event, "register_route"),
        "cancel_url": _route_url(event, "cancel_route"),
        "manage_url": _route_url(event, "manage_route"),
        "calendar_url": _route_url(event, "calendar_route"),
        "google_calendar_url": calendars.google_calendar_url(event),
        "outlook_calendar_url": calendars.outlook_calendar_url(event),
    }


# -- the attendee -----------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def register(request: HttpRequest, event: EventPage) -> HttpResponse:
    existing = selectors.registration_for(event, request.user)
    if existing is not None and existing.is_active:
        messages.info(request, "You are already registered for this event.")
        return redirect(event.url)

    token = request.GET.get("invitation", "") if request.method == "GET" else ""
    form = RegistrationForm(
        request.POST if request.method == "POST" else None,
        event=event,
        user=request.user,
        initial={"invitation": token},
    )
    refusal = (
        selectors.registration_refusal(event)
        or services.invitation_to_use(event, request.user, token=token)[1]
    )

    if request.method == "POST" and form.is_valid():
        try:
            registration = services.registration_create(
                event=event,
                user=request.user,
                answers=form.answers(),
                invitation_token=form.cleaned_data["invitation"],
            )
        except services.RegistrationRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, _registered_message(registration))
            return redirect(event.url)

    stats = selectors.registration_stats(event)
    return TemplateResponse(
        request,
        "events/register.html",
        {
            "page": event,
            "form": form,
            "refusal": refusal if not form.errors else "",
            "stats": stats,
            "will_be_waitlisted": event.registration_mode != RegistrationMode.APPROVAL
            and stats.is_full,
        },
    )


def _registered_message(registration: Registration) -> str:
    if registration.state == RegistrationState.CONFIRMED:
        return "You are booked. We have emailed you the details and a calendar invitation."
    if registration.state == RegistrationState.WAITLISTED:
        position = selectors.waitlist_position(registration)
        return (
            f"The event is full, so you are on the waiting list (number {position}). "
            "If a place comes up it is yours, and we will email you."
        )
    return "We have your registration. The organisers will let you know by email."


@login_required
@require_http_methods(["GET", "POST"])
def cancel_registration(request: HttpRequest, event: EventPage) -> HttpResponse:
    registration = selectors.registration_for(event, request.user)
    if registration is None or not registration.is_active:
        raise Http404("No registration to cancel")
    error = ""
    if request.method == "POST":
        try:
            services.registration_cancel(registration=registration)
        except services.RegistrationRefused as refused:
            error = str(refused)
        else:
            messages.success(request, "Your registration is cancelled.")
            return redirect(event.url)
    return TemplateResponse(
        request,
        "events/cancel_registration.html",
        {"page": event, "registration": registration, "error": error},
    )


def event_calendar_download(request: HttpRequest, event: EventPage) -> HttpResponse:
    content = calendars.public_event_ics(event, services.ledger_for(event))
    return _ics_response(content, filename=f"{event.slug}.ics")


def _ics_response(content: bytes, *, filename: str, attachment: bool = True) -> HttpResponse:
    response = HttpResponse(content, content_type=calendars.CONTENT_TYPE)
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


# -- organisers -----------------------------------------------------------------------------


def _require_manager(request: HttpRequest, event: EventPage) -> None:
    if not selectors.can_manage(request.user, event):
        raise Http404("Not found")


def manage(request: HttpRequest, event: EventPage) -> HttpResponse:
    _require_manager(request, event)
    registrations = list(selectors.attendees(event))
    positions = selectors.waitlist_positions(registrations)
    groups = list(event.working_groups.all())
    by_state = {state: [] for state in RegistrationState.values}
    for registration in registrations:
        registration.waitlist_position = positions.get(registration.pk)
        by_state[registration.state].append(registration)
    state = RegistrationState
    return TemplateResponse(
        request,
        "events/manage.html",
        {
            "page": event,
            "stats": selectors.registration_stats(event),
            "pending": by_state[state.PENDING],
            "seated": by_state[state.CONFIRMED] + by_state[state.ATTENDED],
            "waitlisted": by_state[state.WAITLISTED],
            "inactive": by_state[state.CANCELLED] + by_state[state.DECLINED],
            "groups": groups,
            "questions": list(event.questions.all()),
            "invitation_form": InvitationForm(),
            "invitations": list(event.invitations.order_by("-created_at")[:200]),
            "export_url": _route_url(event, "export_route"),
            "check_in_url": _route_url(event, "check_in_route"),
            "invitations_url": _route_url(event, "invitations_route"),
        },
    )


@require_POST
def registration_action(
    request: HttpRequest, event: EventPage, registration_id: int, action: str
) -> HttpResponse:
    _require_manager(request, event)
    registration = get_object_or_404(
        Registration.objects.select_related("user"), pk=registration_id, event=event
    )
    name = registration.user.get_full_name() if registration.user else "The former member"
    try:
        if action == "group":
            form = WorkingGroupForm(request.POST, event=event)
            if not form.is_valid():
                raise services.RegistrationRefused("Choose a working group from the list.")
            group = form.cleaned_data["group"]
            services.registration_assign_group(registration=registration, group=group)
            messages.success(
                request, f"{name} is now in {group.name}." if group else f"{name} has no group."
            )
        else:
            form = DecisionForm(request.POST)
            message = form.cleaned_data["message"] if form.is_valid() else ""
            if action == "approve":
                registration = services.registration_approve(
                    registration=registration, message=message
                )
                messages.success(request, f"Approved {name}: {registration.get_state_display()}.")
            else:
                services.registration_decline(registration=registration, message=message)
                messages.success(request, f"Declined {name}. We have emailed them.")
    except services.RegistrationRefused as refused:
        messages.error(request, str(refused))
    return redirect(_route_url(event, "manage_route") + f"#registration-{registration.pk}")


@require_http_methods(["POST"])
def send_invitations(request: HttpRequest, event: EventPage) -> HttpResponse:
    _require_manager(request, event)
    form = InvitationForm(request.POST)
    if form.is_valid():
        invitations = services.invitations_create(
            event=event, emails=form.cleaned_data["emails"], invited_by=request.user
        )
        count = len(invitations)
        skipped = len(form.cleaned_data["emails"]) - count
        text = f"Sent {count} invitation{'s' if count != 1 else ''}."
        if skipped:
            text += f" {skipped} already registered or repeated, so not invited again."
        messages.success(request, text)
        return redirect(_route_url(event, "manage_route") + "#invitations")
    response = manage(request, event)
    response.context_data["invitation_form"] = form
    return response


def check_in(request: HttpRequest, event: EventPage) -> HttpResponse:
    _require_manager(request, event)
    if request.method == "POST":
        registration = get_object_or_404(
            Registration, pk=request.POST.get("registration"), event=event
        )
        attended = request.POST.get("attended") == "yes"
        try:
            services.registration_check_in(registration=registration, attended=attended)
        except services.RegistrationRefused as refused:
            messages.error(request, str(refused))
        query = urlencode({"q": request.POST.get("q", "")}) if request.POST.get("q") else ""
        return redirect(
            _route_url(event, "check_in_route")
            + (f"?{query}" if query else "")
            + f"#registration-{registration.pk}"
        )
    query = request.GET.get("q", "").strip()
    registrations = selectors.attendees(event).seated()
    if query:
        registrations = registrations.filter(
            Q(user__display_name__icontains=query) | Q(user__email__icontains=query)
        )
    registrations = sorted(
        registrations, key=lambda r: r.user.get_full_name().lower() if r.user else ""
    )
    stats = selectors.registration_stats(event)
    return TemplateResponse(
        request,
        "events/check_in.html",
        {
            "page": event,
            "registrations": registrations,
            "query": query,
            "stats": stats,
            "manage_url": _route_url(event, "manage_route"),
        },
    )


# Cells starting with these are formulas to a spreadsheet (CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value) -> str:
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_PREFIXES) else text


def export_attendees(request: HttpRequest, event: EventPage) -> HttpResponse:
    _require_manager(request, event)
    registrations = list(selectors.attendees(event))
    positions = selectors.waitlist_positions(registrations)
    questions = list(event.questions.all())
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{event.slug}-registrations.csv"'
    response.write("\ufeff")  # so that Excel reads the file as UTF-8
    writer = csv.writer(response)
    writer.writerow(
        [
            "Name",
            "Email",
            "Organisation",
            "Status",
            "Waiting list position",
            "Working group",
            "Accessibility needs",
            "Dietary needs",
            event.free_text_question or "Comments",
            *(question.label for question in questions),
            "Registered at",
            "Checked in at",
        ]
    )
    for registration in registrations:
        answers = {a.get("question_id"): a.get("answer", "") for a in registration.custom_answers}
        user = registration.user
        row = [
            user.get_full_name() if user else "Former member",
            user.email if user else "",
            registration.organisation,
            registration.get_state_display(),
            positions.get(registration.pk, ""),
            registration.working_group.name if registration.working_group else "",
            registration.accessibility_needs,
            registration.dietary_needs,
            registration.comments,
            *(answers.get(question.pk, "") for question in questions),
            timezone.localtime(registration.created_at, event.tzinfo).strftime("%Y-%m-%d %H:%M"),
            timezone.localtime(registration.checked_in_at, event.tzinfo).strftime("%Y-%m-%d %H:%M")
            if registration.checked_in_at
            else "",
        ]
        writer.writerow([csv_safe(value) for value in row])
    return response


# -- calendar feeds and the member's own events (events/urls.py) ------------------------------


def community_calendar(request: HttpRequest, slug: str) -> HttpResponse:
    community = get_object_or_404(community_list(), slug=slug)
    events = list(selectors.events_for_feed(community=community))
    _ensure_ledgers(events)
    content = calendars.feed_ics(events, name=f"{community.title}: Connected Places events")
    return _ics_response(content, filename=f"{slug}.ics", attachment=False)


def public_calendar(request: HttpRequest) -> HttpResponse:
    events = list(selectors.events_for_feed())
    _ensure_ledgers(events)
    content = calendars.feed_ics(events, name="Connected Places events")
    return _ics_response(content, filename="events.ics", attachment=False)


def private_calendar(request: HttpRequest, token: str) -> HttpResponse:
    feed = get_object_or_404(CalendarFeed.objects.select_related("user"), token=token)
    if not feed.user.is_active:
        raise Http404("Not found")
    registrations = list(
        selectors.registrations_of(feed.user)
        .seated()
        .filter(event__live=True)
        .select_related("event__ledger")
    )
    events = [registration.event for registration in registrations]
    _ensure_ledgers(events)
    joining_links = {event.pk: event.joining_link for event in events if event.joining_link}
    content = calendars.feed_ics(
        events, name="My Connected Places events", joining_links=joining_links
    )
    response = _ics_response(content, filename="my-events.ics", attachment=False)
    response["Cache-Control"] = "private, no-store"
    return response


def _ensure_ledgers(events) -> None:
    """Feeds need every event's ledger (loaded with select_related); the rare events that have
    none yet (never published through Wagtail) get one, made in bulk."""
    missing = [event for event in events if not hasattr(event, "ledger")]
    if missing:
        ledgers = services.ledgers_for(missing)
        for event in missing:
            event.ledger = ledgers[event.pk]


@login_required
@require_http_methods(["GET", "POST"])
def my_events(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        services.calendar_feed_regenerate(user=request.user)
        messages.success(request, "Your calendar address has changed. The old one no longer works.")
        return redirect("events:my_events")
    feed = services.calendar_feed_for(request.user)
    registrations = list(
        selectors.with_waitlist_positions(selectors.registrations_of(request.user))
    )
    now = timezone.now()
    return TemplateResponse(
        request,
        "events/my_events.html",
        {
            "upcoming": [r for r in registrations if r.event.ends_at >= now and r.is_active][::-1],
            "past": [r for r in registrations if r.event.ends_at < now],
            "feed_url": request.build_absolute_uri(
                reverse("events:private_calendar", kwargs={"token": feed.token})
            ),
        },
    )
