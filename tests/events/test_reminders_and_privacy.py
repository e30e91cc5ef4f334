"""Reminders before the start (sent once), the erasure of special-category answers after the
event, and the member's export and erasure of their registrations."""

import datetime

from django.core import mail
from django.test import override_settings
from django.utils import timezone

from events.models import Registration
from events.tasks import erase_expired_answers, send_due_reminders
from members.privacy import erase_member, export_member_data
from tests.events.helpers import calendar_of, sent_to
from tests.factories import EventPageFactory, RegistrationFactory, UserFactory


def booked_days_ago(event, user, days=7, **fields):
    when = timezone.now() - datetime.timedelta(days=days)
    return RegistrationFactory(
        event=event, user=user, created_at=when, state_changed_at=when, **fields
    )


@override_settings(EVENTS_REMINDER_HOURS_BEFORE=24)
def test_a_reminder_goes_once_to_confirmed_registrants_of_an_event_starting_soon(site_tree):
    soon = EventPageFactory(
        parent=site_tree["events"],
        title="Starting tomorrow",
        starts_at=timezone.now() + datetime.timedelta(hours=20),
    )
    later = EventPageFactory(
        parent=site_tree["events"], starts_at=timezone.now() + datetime.timedelta(days=5)
    )
    booked, waiting, booked_later = UserFactory(), UserFactory(), UserFactory()
    booked_days_ago(soon, booked)
    booked_days_ago(soon, waiting, state="waitlisted", waitlist_ticket=1)
    booked_days_ago(later, booked_later)

    first_run = send_due_reminders()
    second_run = send_due_reminders()

    assert (first_run, second_run) == (1, 0)
    (reminder,) = mail.outbox
    assert reminder.to == [booked.email]
    assert reminder.subject.endswith("Reminder: Starting tomorrow")
    assert calendar_of(reminder)["METHOD"] == "REQUEST"


@override_settings(EVENTS_REMINDER_HOURS_BEFORE=24)
def test_someone_booked_inside_the_reminder_window_is_not_reminded(site_tree, member):
    soon = EventPageFactory(
        parent=site_tree["events"], starts_at=timezone.now() + datetime.timedelta(hours=20)
    )
    booked_days_ago(soon, member, days=0)

    assert send_due_reminders() == 0


@override_settings(EVENTS_ANSWERS_RETENTION_DAYS=30)
def test_answers_are_erased_after_the_retention_period_and_attendance_counts_stay(site_tree):
    long_ago = EventPageFactory(
        parent=site_tree["events"], starts_at=timezone.now() - datetime.timedelta(days=40)
    )
    recent = EventPageFactory(
        parent=site_tree["events"], starts_at=timezone.now() - datetime.timedelta(days=10)
    )
    old = RegistrationFactory(
        event=long_ago,
        state="attended",
        accessibility_needs="Wheelchair user",
        dietary_needs="Halal",
        comments="Private note",
        custom_answers=[{"question_id": 1, "question": "Q", "answer": "A"}],
    )
    kept = RegistrationFactory(event=recent, state="attended", dietary_needs="Vegan")

    assert erase_expired_answers() == 1

    old.refresh_from_db()
    kept.refresh_from_db()
    assert (old.accessibility_needs, old.dietary_needs, old.comments) == ("", "", "")
    assert old.custom_answers == [] and old.answers_erased_at is not None
    assert old.state == "attended"
    assert Registration.objects.filter(event=long_ago, state="attended").count() == 1
    assert kept.dietary_needs == "Vegan"


def test_the_data_export_includes_registrations_with_their_answers(event, member):
    RegistrationFactory(
        event=event, user=member, accessibility_needs="Step-free access", dietary_needs="Vegan"
    )

    data = export_member_data(member)

    (registration,) = data["event_registrations"]
    assert registration["event"] == event.title
    assert registration["state"] == "confirmed"
    assert registration["accessibility_needs"] == "Step-free access"
    assert registration["dietary_needs"] == "Vegan"


def test_erasing_a_member_frees_their_place_for_the_waiting_list_and_leaves_no_answers(
    event, member, committed
):
    event.capacity = 1
    event.save()
    RegistrationFactory(event=event, user=member, accessibility_needs="Step-free access")
    waiting = RegistrationFactory(event=event, state="waitlisted", waitlist_ticket=1)
    past = EventPageFactory(
        parent=event.get_parent(), starts_at=timezone.now() - datetime.timedelta(days=3)
    )
    RegistrationFactory(event=past, user=member, state="attended", dietary_needs="Vegan")

    committed(erase_member, member)

    waiting.refresh_from_db()
    assert waiting.state == "confirmed"
    assert "A place came up" in sent_to(mail.outbox, waiting.user)[0].subject
    rows = list(Registration.objects.filter(user__isnull=True).order_by("event_id"))
    assert [row.state for row in rows] == ["cancelled", "attended"]
    assert all(
        not (row.accessibility_needs or row.dietary_needs or row.organisation) for row in rows
    )
