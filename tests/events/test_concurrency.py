"""No overbooking, ever: registrations racing for the last places, each in its own thread with its
own database connection and transaction.

On PostgreSQL this is the real proof (row lock on the event's ledger, recount inside the
transaction). On SQLite the same code runs, serialised by the database's write lock.
"""

import threading

import pytest
from django.core import mail
from django.db import connections

from events import selectors, services
from events.models import Registration, RegistrationState
from tests.factories import EventPageFactory, UserFactory

# serialized_rollback: puts back what the migrations made (Wagtail's root page and locale).
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def run_at_once(functions):
    """Runs each function in a thread of its own, all released at the same moment; returns
    the exceptions raised (a function's result is ignored)."""
    barrier = threading.Barrier(len(functions))
    errors = []

    def run(function):
        try:
            barrier.wait(timeout=30)
            function()
        except Exception as error:  # noqa: BLE001 - reported by the test
            errors.append(error)
        finally:
            connections.close_all()  # this thread's connection

    threads = [threading.Thread(target=run, args=(function,)) for function in functions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "a registration never finished"
    return errors


def test_fifty_members_racing_for_ten_places_give_ten_confirmed_and_forty_waiting(site_tree):
    event = EventPageFactory(parent=site_tree["events"], capacity=10, waitlist_enabled=True)
    services.ledger_for(event)
    members = [UserFactory() for _ in range(50)]

    def register(member):
        return lambda: services.registration_create(
            event=event, user=member, answers=services.Answers()
        )

    errors = run_at_once([register(member) for member in members])

    assert errors == []
    registrations = list(Registration.objects.filter(event=event))
    assert len(registrations) == 50
    assert len({registration.user_id for registration in registrations}) == 50
    states = [registration.state for registration in registrations]
    assert states.count(RegistrationState.CONFIRMED) == 10
    assert states.count(RegistrationState.WAITLISTED) == 40
    positions = sorted(
        selectors.waitlist_position(registration)
        for registration in registrations
        if registration.state == RegistrationState.WAITLISTED
    )
    assert positions == list(range(1, 41))
    # The emails went after commit: one each, saying what happened to each member.
    subjects = [message.subject for message in mail.outbox]
    assert sum("You are booked" in subject for subject in subjects) == 10
    assert sum("waiting list" in subject for subject in subjects) == 40


def test_the_same_member_registering_twice_at_once_gets_one_registration(site_tree):
    event = EventPageFactory(parent=site_tree["events"], capacity=5)
    services.ledger_for(event)
    member = UserFactory()

    def register():
        services.registration_create(event=event, user=member, answers=services.Answers())

    errors = run_at_once([register] * 6)

    assert Registration.objects.filter(event=event, user=member).count() == 1
    assert len(errors) == 5
    assert all(isinstance(error, services.RegistrationRefused) for error in errors)


def test_a_freed_place_goes_to_the_waiting_list_not_to_a_newcomer_racing_for_it(site_tree):
    event = EventPageFactory(parent=site_tree["events"], capacity=1)
    services.ledger_for(event)
    holder, waiting, newcomer = UserFactory(), UserFactory(), UserFactory()
    seat = services.registration_create(event=event, user=holder, answers=services.Answers())
    queued = services.registration_create(event=event, user=waiting, answers=services.Answers())
    assert queued.state == RegistrationState.WAITLISTED

    errors = run_at_once(
        [
            lambda: services.registration_cancel(registration=seat),
            lambda: services.registration_create(
                event=event, user=newcomer, answers=services.Answers()
            ),
        ]
    )

    assert errors == []
    states = dict(Registration.objects.filter(event=event).values_list("user_id", "state"))
    assert states == {
        holder.pk: RegistrationState.CANCELLED,
        waiting.pk: RegistrationState.CONFIRMED,
        newcomer.pk: RegistrationState.WAITLISTED,
    }
    assert any(
        "A place came up" in message.subject and message.to == [waiting.email]
        for message in mail.outbox
    )
