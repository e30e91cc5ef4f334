"""Write-side operations on registrations, invitations and event changes.

Seats: every operation that may change who holds a place runs in one transaction that starts
by locking the event's ledger row (_seats_locked), then recounts, then writes. On PostgreSQL the
lock is a row lock, so concurrent registrations for one event queue behind each other and the
count each of them sees is the committed truth; on SQLite the same UPDATE takes the database's
write lock, which serialises writers anyway. Emails are queued for after the commit
(members.notifications.email_after_commit), so nobody is told about a place that a rollback took
away.

The waiting list is first come, first served: a free place always goes to the first
waitlisted member (promotion happens in the same transaction that frees it), and a new
registration is confirmed only when a place is free *and* nobody is waiting.
"""

import hashlib
import secrets
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from members.models import User
from members.notifications import email_after_commit, notify

from .models import (
    ACTIVE_STATES,
    SEATED_STATES,
    CalendarFeed,
    EventLedger,
    EventPage,
    Invitation,
    Registration,
    RegistrationMode,
    RegistrationState,
    WorkingGroup,
)
from .selectors import registration_refusal


class RegistrationRefused(Exception):
    """The registration (or change) cannot be made; the message says why, to the member."""


@dataclass
class Answers:
    """What a member tells the organisers when registering."""

    organisation: str = ""
    accessibility_needs: str = ""
    dietary_needs: str = ""
    comments: str = ""
    # [{"question_id": 3, "question": "Which session?", "answer": "Morning"}, ...]
    custom: list[dict] = field(default_factory=list)


# -- helpers ------------------------------------------------------------------------------------


def schedule_of(event: EventPage) -> dict:
    """When and where the event is: what registrants are told about when it changes."""
    return {
        "starts_at": event.starts_at.astimezone(UTC).isoformat(),
        "ends_at": event.ends_at.astimezone(UTC).isoformat(),
        "time_zone": event.time_zone,
        "attendance_mode": event.attendance_mode,
        "venue_name": event.venue_name,
        "venue_address": event.venue_address,
    }


def ledger_for(event: EventPage) -> EventLedger:
    """The event's ledger, made on first use (safe when two requests make it at once)."""
    ledger, _ = EventLedger.objects.get_or_create(
        event_id=event.pk, defaults={"announced_schedule": schedule_of(event)}
    )
    return ledger


def ledgers_for(events: list[EventPage]) -> dict[int, EventLedger]:
    """{event id: ledger} for many events, making those missing in one insert (ledger_for, in
    bulk): for feeds of events that were never published through Wagtail."""
    EventLedger.objects.bulk_create(
        [EventLedger(event_id=event.pk, announced_schedule=schedule_of(event)) for event in events],
        ignore_conflicts=True,
    )
    return {
        ledger.event_id: ledger
        for ledger in EventLedger.objects.filter(event_id__in=[event.pk for event in events])
    }


@contextmanager
def _seats_locked(event: EventPage):
    """A transaction that holds the event's seats locked until it ends; yields the fresh ledger.

    The lock is the transaction's first statement (the ledger is made, if need be, before the
    transaction starts): on SQLite a transaction that reads before it writes can be refused the
    write lock, and on PostgreSQL the reads that follow must come after the lock to see what the
    previous holder committed.
    """
    ledger_for(event)
    with transaction.atomic():
        EventLedger.objects.filter(event_id=event.pk).update(seat_changes=F("seat_changes") + 1)
        yield EventLedger.objects.get(event_id=event.pk)


def _queue_email(registration_id: int, kind: str) -> None:
    email_after_commit("events.tasks.send_registration_email", registration_id, kind)


def _set_state(registration: Registration, state: str, *, now=None, **fields) -> None:
    registration.state = state
    registration.state_changed_at = now or timezone.now()
    for name, value in fields.items():
        setattr(registration, name, value)
    registration.save(update_fields=["state", "state_changed_at", *fields])


def _seats_taken(event_id: int) -> int:
    return Registration.objects.filter(event_id=event_id, state__in=SEATED_STATES).count()


def _place_for_newcomer(event: EventPage) -> bool:
    """A place is free and nobody is waiting for one (those waiting come first)."""
    if Registration.objects.filter(event_id=event.pk, state=RegistrationState.WAITLISTED).exists():
        return False
    return event.capacity is None or _seats_taken(event.pk) < event.capacity


def _promote_waitlisted(event: EventPage, ledger: EventLedger) -> list[Registration]:
    """Gives every free place to the waiting list, first come first served. Call with the seats
    locked. Returns the promoted registrations (their members are emailed)."""
    if event.has_started or event.is_cancelled:
        return []
    promoted = []
    free = None if event.capacity is None else event.capacity - _seats_taken(event.pk)
    queue = Registration.objects.filter(event_id=event.pk).waitlisted().select_related("user")
    if free is not None:
        if free <= 0:
            return []
        queue = queue[:free]
    now = timezone.now()
    for registration in queue:
        _set_state(registration, RegistrationState.CONFIRMED, now=now, waitlist_ticket=None)
        _queue_email(registration.pk, "promoted")
        promoted.append(registration)
    if promoted:
        notify(
            [registration.user for registration in promoted if registration.user_id],
            kind="event",
            message=f"A place came up: you are now booked on {event.title}.",
            url=event.url or "",
        )
    return promoted


# -- registering ----------------------------------------------------------------------------


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _verified_emails(user: User) -> set[str]:
    addresses = EmailAddress.objects.filter(user=user, verified=True).values_list(
        "email", flat=True
    )
    return {address.lower() for address in addresses}


def _usable_invitation(
    event: EventPage, user: User, *, token: str = "", now: datetime | None = None
) -> Invitation | None:
    """An unused, unexpired invitation to the event for one of the member's verified addresses
    (invitations_create stores addresses in lower case): the one whose token is given, or else
    the first sent to them."""
    invitations = Invitation.objects.filter(
        event=event,
        email__in=_verified_emails(user),
        used_at__isnull=True,
        expires_at__gt=now or timezone.now(),
    )
    if token:
        invitations = invitations.filter(token_hash=hash_token(token))
    return invitations.order_by("created_at").first()


def _invitation_problem(event: EventPage, token: str, user: User) -> str:
    """Why the invitation with this token cannot be used by the member ("" if it can)."""
    invitation = Invitation.objects.filter(event=event, token_hash=hash_token(token)).first()
    if invitation is None:
        return "This invitation link is not valid. Check you used the whole link from the email."
    if invitation.used_at:
        return "This invitation has already been used."
    if invitation.is_expired:
        return "This invitation has expired. Ask the organisers for a new one."
    if invitation.email.lower() not in _verified_emails(user):
        return (
            f"This invitation was sent to {invitation.email}. Sign in with the account that "
            "uses that address, or add and verify it in your account settings."
        )
    return ""


def invitation_to_use(
    event: EventPage, user: User, *, token: str = "", now: datetime | None = None
) -> tuple[Invitation | None, str]:
    """The invitation the member would register with (the one whose token is given, or for an
    invitation-only event any sent to them), and why they cannot register without one: "" when
    they can. A link that no longer works matters only where an invitation is needed."""
    invitation_only = event.registration_mode == RegistrationMode.INVITATION
    if not token and not invitation_only:
        return None, ""
    invitation = _usable_invitation(event, user, token=token, now=now)
    if invitation is not None or not invitation_only:
        return invitation, ""
    problem = _invitation_problem(event, token, user) if token else ""
    return None, problem or (
        "This event is by invitation only, and we have no invitation for your email address."
    )


def registration_create(
    *,
    event: EventPage,
    user: User,
    answers: Answers,
    invitation_token: str = "",
    now: datetime | None = None,
) -> Registration:
    """Registers the member: confirmed if a place is free and nobody is waiting, else on the
    waiting list (if it has one); pending if the organisers approve registrations. An invitation
    skips approval. Raises RegistrationRefused, storing nothing, when registration is closed,
    the member is already registered, has no invitation to an invitation-only event, or the
    event is full without a waiting list.

    `now` is when the member registers (default: the current time), for recording a
    registration made earlier, such as the demo content's for an event that has taken place."""
    if not user.is_authenticated or not user.is_active:
        raise RegistrationRefused("Sign in to register.")
    with _seats_locked(event) as ledger:
        event = EventPage.objects.get(pk=event.pk)  # the settings as published now
        now = now or timezone.now()
        refusal = registration_refusal(event, now=now)
        if refusal:
            raise RegistrationRefused(refusal)
        existing = Registration.objects.filter(event=event, user=user)
        if existing.filter(state__in=ACTIVE_STATES).exists():
            raise RegistrationRefused("You are already registered for this event.")
        if existing.filter(state=RegistrationState.DECLINED).exists():
            raise RegistrationRefused("The organisers have declined your registration.")

        invitation, refusal = invitation_to_use(event, user, token=invitation_token, now=now)
        if refusal:
            raise RegistrationRefused(refusal)

        if event.registration_mode == RegistrationMode.APPROVAL and invitation is None:
            state, kind = RegistrationState.PENDING, "pending"
        elif _place_for_newcomer(event):
            state, kind = RegistrationState.CONFIRMED, "confirmed"
        elif event.waitlist_enabled:
            state, kind = RegistrationState.WAITLISTED, "waitlisted"
        else:
            raise RegistrationRefused("Sorry, this event is full.")

        try:
            with transaction.atomic():
                registration = Registration.objects.create(
                    event=event,
                    user=user,
                    state=state,
                    created_at=now,
                    state_changed_at=now,
                    waitlist_ticket=ledger.seat_changes
                    if state == RegistrationState.WAITLISTED
                    else None,
                    invitation=invitation,
                    organisation=answers.organisation,
                    accessibility_needs=answers.accessibility_needs,
                    dietary_needs=answers.dietary_needs,
                    comments=answers.comments,
                    custom_answers=answers.custom,
                )
        except IntegrityError as error:  # the same member, twice at once
            raise RegistrationRefused("You are already registered for this event.") from error
        if invitation is not None:
            invitation.used_at = now
            invitation.save(update_fields=["used_at"])
        _queue_email(registration.pk, kind)
    return registration


def registration_cancel(*, registration: Registration, notify: bool = True) -> Registration:
    """The member gives up their registration; a place they held goes to the waiting list.
    They are emailed to confirm it (`notify`), with a calendar cancellation if they held a
    place: their calendar has the event."""
    with _seats_locked(registration.event) as ledger:
        registration = Registration.objects.select_related("event").get(pk=registration.pk)
        event = registration.event
        if registration.state not in ACTIVE_STATES:
            raise RegistrationRefused("This registration is not active.")
        if registration.state == RegistrationState.ATTENDED or event.has_started:
            raise RegistrationRefused("The event has started, so the registration stays.")
        held_seat = registration.is_seated
        _set_state(registration, RegistrationState.CANCELLED, waitlist_ticket=None)
        if held_seat:
            _promote_waitlisted(event, ledger)
        if notify:
            _queue_email(registration.pk, "withdrawn" if held_seat else "withdrawn_unseated")
    return registration


def registration_approve(*, registration: Registration, message: str = "") -> Registration:
    """Organisers accept a pending (or earlier declined) registration: a place if one is free
    and nobody is waiting, else the waiting list."""
    with _seats_locked(registration.event) as ledger:
        registration = Registration.objects.select_related("event").get(pk=registration.pk)
        event = registration.event
        if registration.state not in (RegistrationState.PENDING, RegistrationState.DECLINED):
            raise RegistrationRefused("Only a registration waiting for approval can be approved.")
        if event.has_started:
            raise RegistrationRefused("The event has started.")
        if registration.user_id and (
            Registration.objects.filter(event=event, user_id=registration.user_id)
            .active()
            .exclude(pk=registration.pk)
            .exists()
        ):
            raise RegistrationRefused("This member already has another registration.")
        if _place_for_newcomer(event):
            _set_state(registration, RegistrationState.CONFIRMED, decision_message=message)
            _queue_email(registration.pk, "approved")
        elif event.waitlist_enabled:
            _set_state(
                registration,
                RegistrationState.WAITLISTED,
                decision_message=message,
                waitlist_ticket=ledger.seat_changes,
            )
            _queue_email(registration.pk, "approved_waitlisted")
        else:
            raise RegistrationRefused(
                "The event is full and has no waiting list: add places before approving more."
            )
    return registration


def registration_decline(*, registration: Registration, message: str = "") -> Registration:
    """Organisers turn down a pending registration, optionally saying why."""
    with transaction.atomic():
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.state != RegistrationState.PENDING:
            raise RegistrationRefused("Only a registration waiting for approval can be declined.")
        _set_state(registration, RegistrationState.DECLINED, decision_message=message)
        _queue_email(registration.pk, "declined")
    return registration


def registration_check_in(
    *, registration: Registration, attended: bool, now: datetime | None = None
) -> Registration:
    """Marks a confirmed registrant as there (or undoes it); `now` is when (default: the
    current time)."""
    now = now or timezone.now()
    with transaction.atomic():
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if attended and registration.state == RegistrationState.CONFIRMED:
            _set_state(registration, RegistrationState.ATTENDED, now=now, checked_in_at=now)
        elif not attended and registration.state == RegistrationState.ATTENDED:
            _set_state(registration, RegistrationState.CONFIRMED, now=now, checked_in_at=None)
        elif registration.state not in SEATED_STATES:
            raise RegistrationRefused("Only confirmed registrants can be checked in.")
    return registration


def registration_assign_group(
    *, registration: Registration, group: WorkingGroup | None
) -> Registration:
    if group is not None and group.page_id != registration.event_id:
        raise RegistrationRefused("That working group belongs to another event.")
    if not registration.is_active:
        raise RegistrationRefused("Only active registrations can join a working group.")
    registration.working_group = group
    registration.save(update_fields=["working_group"])
    return registration


def fill_free_seats(*, event: EventPage) -> list[Registration]:
    """Promotes from the waiting list into any free places (after capacity is raised)."""
    with _seats_locked(event) as ledger:
        event = EventPage.objects.get(pk=event.pk)
        return _promote_waitlisted(event, ledger)


# -- invitations ----------------------------------------------------------------------------


def invitations_create(
    *, event: EventPage, emails: list[str], invited_by: User | None
) -> list[Invitation]:
    """One invitation per address (already registered members are skipped), each emailed with
    its own single-use link."""
    valid_for = timedelta(days=settings.EVENTS_INVITATION_VALID_DAYS)
    now = timezone.now()
    registered = {
        email.lower()
        for email in Registration.objects.filter(event=event)
        .active()
        .values_list("user__email", flat=True)
        if email
    }
    invitations = []
    with transaction.atomic():
        for email in dict.fromkeys(address.strip().lower() for address in emails):
            if not email or email in registered:
                continue
            token = secrets.token_urlsafe(32)
            invitation = Invitation.objects.create(
                event=event,
                email=email,
                token_hash=hash_token(token),
                invited_by=invited_by,
                created_at=now,
                expires_at=now + valid_for,
            )
            invitations.append(invitation)
            email_after_commit("events.tasks.send_invitation_email", invitation.pk, token)
    return invitations


# -- changes to the event itself --------------------------------------------------------------


def event_published(*, event: EventPage) -> str:
    """After each publish: tells registrants about a new time or place (an updated calendar
    entry: same UID, next SEQUENCE) or a cancellation, and fills places added to the capacity.

    Returns what was announced: "changed", "cancelled", "reinstated" or "".
    """
    with _seats_locked(event) as ledger:
        event = EventPage.objects.get(pk=event.pk)
        schedule = schedule_of(event)
        was_cancelled = ledger.announced_schedule.get("cancelled", False)
        announcement = ""
        if event.is_cancelled and not was_cancelled:
            announcement = "cancelled"
        elif was_cancelled and not event.is_cancelled:
            announcement = "reinstated"
        elif (
            not event.is_cancelled
            and ledger.announced_schedule
            and any(ledger.announced_schedule.get(key) != value for key, value in schedule.items())
        ):
            announcement = "changed"
        ledger.announced_schedule = {**schedule, "cancelled": event.is_cancelled}
        if announcement:
            ledger.calendar_sequence += 1
            if announcement != "cancelled":  # a reminder for the new time, when it comes
                Registration.objects.filter(event=event).update(reminder_sent_at=None)
            if not event.has_started or announcement == "cancelled":
                email_after_commit(
                    "events.tasks.announce_event_change",
                    event.pk,
                    announcement,
                    ledger.calendar_sequence,
                )
        ledger.save(update_fields=["announced_schedule", "calendar_sequence"])
        _promote_waitlisted(event, ledger)
    return announcement


# -- members' data --------------------------------------------------------------------------


def calendar_feed_for(user: User) -> CalendarFeed:
    feed, _ = CalendarFeed.objects.get_or_create(
        user=user, defaults={"token": secrets.token_urlsafe(32)}
    )
    return feed


def calendar_feed_regenerate(*, user: User) -> CalendarFeed:
    """A new private feed address; the old one stops working at once."""
    feed = calendar_feed_for(user)
    feed.token = secrets.token_urlsafe(32)
    feed.created_at = timezone.now()
    feed.save(update_fields=["token", "created_at"])
    return feed


ERASED_ANSWERS = {
    "organisation": "",
    "accessibility_needs": "",
    "dietary_needs": "",
    "comments": "",
    "custom_answers": [],
    "decision_message": "",
}


def member_registrations_erase(*, user: User) -> None:
    """For account erasure: cancels the member's upcoming registrations (so the waiting lists
    move on), then blanks every answer they gave. The rows stay, with no user once the account
    is deleted, so attendance counts stay true."""
    now = timezone.now()
    upcoming = Registration.objects.filter(
        user=user, state__in=ACTIVE_STATES, event__starts_at__gt=now
    ).exclude(state=RegistrationState.ATTENDED)
    for registration in upcoming.select_related("event"):
        registration_cancel(registration=registration, notify=False)  # the account is going
    Registration.objects.filter(user=user).update(**ERASED_ANSWERS, answers_erased_at=now)
    Invitation.objects.filter(email__iexact=user.email).delete()


def expired_answers_erase(*, now: datetime | None = None) -> int:
    """Erases the answers to registration questions (accessibility and dietary needs among them:
    special-category data) once the event ended the configured number of days ago. States,
    and so attendance counts, are kept. Returns how many registrations were erased."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.EVENTS_ANSWERS_RETENTION_DAYS)
    answers = {key: value for key, value in ERASED_ANSWERS.items() if key != "organisation"}
    return Registration.objects.filter(
        event__ends_at__lt=cutoff, answers_erased_at__isnull=True
    ).update(**answers, answers_erased_at=now)
