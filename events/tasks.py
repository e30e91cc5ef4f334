"""Emails about registrations and events, sent from Celery. Tasks take ids, never instances, and
read the current state when they run."""

from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.db.models import F
from django.utils import timezone

from members.emails import Attachment, absolute_url, send_email

from . import calendars, selectors, services
from .models import ACTIVE_STATES, EventPage, Invitation, Registration, RegistrationState

# kind -> (subject, template); the subject is formatted with the event's title.
REGISTRATION_EMAILS = {
    "confirmed": ("You are booked: {title}", "emails/events/confirmed"),
    "approved": ("Your registration is approved: {title}", "emails/events/confirmed"),
    "promoted": ("A place came up: you are booked on {title}", "emails/events/confirmed"),
    "waitlisted": ("You are on the waiting list: {title}", "emails/events/waitlisted"),
    "approved_waitlisted": (
        "Your registration is approved: on the waiting list for {title}",
        "emails/events/waitlisted",
    ),
    "pending": ("We have your registration: {title}", "emails/events/pending"),
    "declined": ("Your registration was not accepted: {title}", "emails/events/declined"),
    "reminder": ("Reminder: {title}", "emails/events/reminder"),
    "changed": ("Changed: {title}", "emails/events/changed"),
    "reinstated": ("Back on: {title}", "emails/events/changed"),
    "cancelled": ("Cancelled: {title}", "emails/events/cancelled"),
    # The member cancelled their own registration: a place they held, or one they waited for.
    "withdrawn": ("You have cancelled your place: {title}", "emails/events/withdrawn"),
    "withdrawn_unseated": (
        "You have cancelled your registration: {title}",
        "emails/events/withdrawn",
    ),
}
# Emails that carry the member's calendar entry.
WITH_CALENDAR = {"confirmed", "approved", "promoted", "reminder", "changed", "reinstated"}
# Registrations each kind may still go to when the task runs (the state may have moved on).
STILL_RELEVANT = {
    "confirmed": {RegistrationState.CONFIRMED},
    "approved": {RegistrationState.CONFIRMED},
    "promoted": {RegistrationState.CONFIRMED},
    "reminder": {RegistrationState.CONFIRMED},
    "waitlisted": {RegistrationState.WAITLISTED},
    "approved_waitlisted": {RegistrationState.WAITLISTED},
    "pending": {RegistrationState.PENDING},
    "declined": {RegistrationState.DECLINED},
    "changed": set(ACTIVE_STATES),
    "reinstated": set(ACTIVE_STATES),
    "cancelled": set(ACTIVE_STATES),
    "withdrawn": {RegistrationState.CANCELLED},
    "withdrawn_unseated": {RegistrationState.CANCELLED},
}


def registration_context(registration: Registration) -> dict:
    event = registration.event
    return {
        "registration": registration,
        "event": event,
        "name": registration.user.get_short_name(),
        "event_url": absolute_url(event.url or event.url_path),
        "waitlist_position": selectors.waitlist_position(registration),
        "joining_link": event.joining_link if registration.is_seated else "",
    }


@shared_task
def send_registration_email(registration_id: int, kind: str) -> list[str]:
    """Sends one registration email; returns the addresses it went to ([] if it no longer
    applies: the registration moved on, or the member's preferences say no)."""
    registration = (
        Registration.objects.select_related("event", "user", "user__preferences")
        .filter(pk=registration_id)
        .first()
    )
    if registration is None or registration.user is None:
        return []
    if registration.state not in STILL_RELEVANT[kind]:
        return []
    user = registration.user
    if kind in ("changed", "reinstated") and not user.preferences.email_on_event_change:
        return []
    event = registration.event
    subject, template = REGISTRATION_EMAILS[kind]
    attachments = []
    ledger = services.ledger_for(event)
    if (kind == "cancelled" and registration.is_seated) or kind == "withdrawn":
        content = calendars.emailed_event_ics(
            event, ledger, attendee_email=user.email, cancelled=True
        )
        attachments.append(Attachment("cancellation.ics", content, "text/calendar; method=CANCEL"))
    elif kind in WITH_CALENDAR and registration.is_seated and not event.is_cancelled:
        content = calendars.emailed_event_ics(
            event,
            ledger,
            attendee_email=user.email,
            joining_link=event.joining_link,
        )
        attachments.append(Attachment("event.ics", content, "text/calendar; method=REQUEST"))
    send_email(
        user.email,
        subject=subject.format(title=event.title),
        template=template,
        context={**registration_context(registration), "kind": kind},
        attachments=attachments,
    )
    return [user.email]


@shared_task
def send_invitation_email(invitation_id: int, token: str) -> list[str]:
    invitation = Invitation.objects.select_related("event").filter(pk=invitation_id).first()
    if invitation is None or invitation.used_at or invitation.is_expired:
        return []  # withdrawn (the address's account was erased), used or expired meanwhile
    event = invitation.event
    register_path = event.url + event.reverse_subpage("register_route")
    send_email(
        invitation.email,
        subject=f"You are invited: {event.title}",
        template="emails/events/invitation",
        context={
            "event": event,
            "invitation": invitation,
            "event_url": absolute_url(event.url),
            "register_url": absolute_url(f"{register_path}?invitation={token}"),
        },
    )
    return [invitation.email]


@shared_task
def announce_event_change(event_id: int, announcement: str, sequence: int) -> int:
    """Queues one email per registrant about a change, cancellation or reinstatement.
    A later announcement supersedes this one (its sequence is higher): nothing is sent twice."""
    event = EventPage.objects.filter(pk=event_id).select_related("ledger").first()
    if event is None or event.ledger.calendar_sequence != sequence:
        return 0
    registrations = Registration.objects.filter(event_id=event_id, state__in=ACTIVE_STATES)
    ids = list(registrations.values_list("pk", flat=True))
    for registration_id in ids:
        send_registration_email.delay(registration_id, announcement)
    return len(ids)


@shared_task
def send_due_reminders() -> int:
    """Every few minutes: a reminder to each confirmed registrant of an event starting within
    EVENTS_REMINDER_HOURS_BEFORE hours. Each registration is claimed (reminder_sent_at set)
    before its email goes, so overlapping runs never send one twice."""
    now = timezone.now()
    hours = settings.EVENTS_REMINDER_HOURS_BEFORE
    due = Registration.objects.filter(
        state=RegistrationState.CONFIRMED,
        reminder_sent_at__isnull=True,
        event__live=True,
        event__is_cancelled=False,
        event__starts_at__gt=now,
        event__starts_at__lte=now + timedelta(hours=hours),
        # Someone confirmed inside the window has just had their confirmation instead.
        state_changed_at__lt=F("event__starts_at") - timedelta(hours=hours),
    )
    sent = 0
    for registration_id in due.values_list("pk", flat=True):
        claimed = Registration.objects.filter(
            pk=registration_id, reminder_sent_at__isnull=True
        ).update(reminder_sent_at=now)
        if not claimed:
            continue
        try:
            send_registration_email(registration_id, "reminder")
        except Exception:
            # Unclaim, so that the next run tries again.
            Registration.objects.filter(pk=registration_id).update(reminder_sent_at=None)
            raise
        sent += 1
    return sent


@shared_task
def erase_expired_answers() -> int:
    return services.expired_answers_erase()
