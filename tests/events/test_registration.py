"""Registering, the waiting list and cancelling, through the event's pages as a member uses them."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from events import services
from events.models import Registration, RegistrationMode, RegistrationQuestion, RegistrationState
from tests.events.helpers import add_registrations, calendar_of, sent_to
from tests.factories import EventPageFactory, RegistrationFactory, UserFactory
from tests.querycounts import assert_queries_constant


def test_anonymous_visitors_are_asked_to_sign_in_to_register(client, event):
    page = client.get(event.url).content.decode()
    response = client.get(f"{event.url}register/")

    assert "Sign in to register" in page
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/events/indices/register/")
    assert not Registration.objects.exists()


def test_member_registers_with_answers_and_gets_a_confirmation_with_a_calendar_invitation(
    client, event, member, register
):
    response = register(
        member,
        event,
        organisation="Northvale Borough Council",
        accessibility_needs="Step-free access",
        dietary_needs="Vegetarian",
        comments="Looking forward to it",
    )

    assert response.status_code == 302 and response["Location"] == event.url
    registration = Registration.objects.get(event=event, user=member)
    assert registration.state == RegistrationState.CONFIRMED
    assert (registration.accessibility_needs, registration.dietary_needs) == (
        "Step-free access",
        "Vegetarian",
    )
    (email,) = sent_to(mail.outbox, member)
    assert "You are booked" in email.subject
    assert event.title in email.body and "http://testserver/events/indices/" in email.body
    assert email.alternatives[0][1] == "text/html"
    invitation = calendar_of(email)
    assert invitation["METHOD"] == "REQUEST"
    assert str(invitation.walk("VEVENT")[0]["SUMMARY"]) == event.title
    page = client.get(event.url).content.decode()
    assert "Booked" in page and "Cancel your place" in page


def test_register_form_keeps_the_answers_and_explains_a_missing_required_answer(
    client, event, member, register
):
    event.questions.add(
        RegistrationQuestion(label="Which workshop strand?", kind="short_text", required=True)
    )
    event.save()

    response = register(member, event, accessibility_needs="Hearing loop please")

    content = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Register" in content
    assert "There is a problem" in content and "Enter which workshop strand?" in content
    assert "Hearing loop please" in content
    assert not Registration.objects.exists()


def test_custom_answers_are_stored_with_their_questions(client, event, member, register):
    question = RegistrationQuestion(
        label="Which strand?", kind="choice", choices="Data\nHousing", required=True
    )
    event.questions.add(question)
    event.save()

    register(member, event, **{f"question_{question.pk}": "Housing"})

    registration = Registration.objects.get(user=member)
    assert registration.custom_answers == [
        {"question_id": question.pk, "question": "Which strand?", "answer": "Housing"}
    ]


def test_a_full_event_puts_the_next_members_on_the_waiting_list_in_order(client, event, register):
    first, second, third, fourth = (UserFactory() for _ in range(4))
    for user in (first, second, third, fourth):
        register(user, event)

    states = dict(Registration.objects.values_list("user_id", "state"))
    assert [states[u.pk] for u in (first, second, third, fourth)] == [
        "confirmed",
        "confirmed",
        "waitlisted",
        "waitlisted",
    ]
    client.force_login(fourth)
    page = client.get(event.url).content.decode()
    assert "You are number 2 on the waiting list" in page
    assert "waiting list" in sent_to(mail.outbox, fourth)[0].subject
    assert calendar_of_none(sent_to(mail.outbox, fourth)[0])


def calendar_of_none(message):
    """Waiting-list emails carry no calendar entry: there is no place to put in a calendar."""
    return not any(a[2].startswith("text/calendar") for a in message.attachments)


def test_cancelling_a_place_promotes_the_first_waiting_member_who_is_emailed(
    client, event, register, committed
):
    holder, keeper, first_waiting, second_waiting = (UserFactory() for _ in range(4))
    for user in (holder, keeper, first_waiting, second_waiting):
        register(user, event)
    mail.outbox.clear()

    client.force_login(holder)
    confirmation = client.get(f"{event.url}registration/cancel/")
    assert "Cancel your place?" in confirmation.content.decode()
    assert Registration.objects.get(user=holder).state == "confirmed"  # GET changes nothing
    response = committed(client.post, f"{event.url}registration/cancel/")

    assert response.status_code == 302
    states = dict(Registration.objects.values_list("user_id", "state"))
    assert states[holder.pk] == "cancelled"
    assert states[first_waiting.pk] == "confirmed"
    assert states[second_waiting.pk] == "waitlisted"
    (promotion,) = sent_to(mail.outbox, first_waiting)
    assert "A place came up" in promotion.subject
    assert calendar_of(promotion)["METHOD"] == "REQUEST"
    assert sent_to(mail.outbox, second_waiting) == []
    client.force_login(second_waiting)
    assert "You are number 1 on the waiting list" in client.get(event.url).content.decode()


def test_cancelling_is_confirmed_by_email_and_a_held_place_leaves_the_calendar(
    client, event, register, committed
):
    holder, keeper, waiting = (UserFactory() for _ in range(3))
    for user in (holder, keeper, waiting):
        register(user, event)
    booked_uid = calendar_of(sent_to(mail.outbox, holder)[0]).walk("VEVENT")[0]["UID"]
    mail.outbox.clear()

    for user in (waiting, holder):  # waiting first: the holder's place would go to them
        client.force_login(user)
        committed(client.post, f"{event.url}registration/cancel/")

    (held,) = sent_to(mail.outbox, holder)
    assert held.subject.endswith("You have cancelled your place: Sharing vulnerability indices")
    cancellation = calendar_of(held)
    assert cancellation["METHOD"] == "CANCEL"
    assert cancellation.walk("VEVENT")[0]["UID"] == booked_uid
    (queued,) = sent_to(mail.outbox, waiting)
    assert queued.subject.endswith(
        "You have cancelled your registration: Sharing vulnerability indices"
    )
    assert calendar_of_none(queued)
    assert "register again" in queued.body


def test_a_deleted_account_is_not_told_its_registrations_were_cancelled(event, register, committed):
    member, waiting = UserFactory(), UserFactory()
    register(member, event)
    register(waiting, event)
    mail.outbox.clear()

    committed(services.member_registrations_erase, user=member)

    assert Registration.objects.get(user=member).state == RegistrationState.CANCELLED
    assert sent_to(mail.outbox, member) == []


def test_your_events_shows_each_waiting_members_place_in_the_queue_as_it_moves_up(
    client, event, site_tree, register, committed
):
    other_event = EventPageFactory(parent=site_tree["events"], title="Another event", capacity=1)
    holder, keeper, ahead, member = (UserFactory() for _ in range(4))
    for user in (holder, keeper, ahead, member):
        register(user, event)
    register(holder, other_event)
    register(member, other_event)

    def your_events(user) -> str:
        client.force_login(user)
        return " ".join(client.get("/accounts/events/").content.decode().split())

    page = your_events(member)
    assert page.count("You are number 2 on the waiting list") == 1  # behind `ahead`
    assert page.count("You are number 1 on the waiting list") == 1  # for the other event
    client.force_login(holder)
    committed(client.post, f"{event.url}registration/cancel/")  # `ahead` gets the place

    page = your_events(member)
    assert page.count("You are number 1 on the waiting list") == 2
    assert "You are number 2" not in page
    promoted = your_events(ahead)
    assert "Confirmed" in promoted and "You are number" not in promoted


def test_nobody_jumps_the_queue_when_a_place_is_free_but_people_are_waiting(event):
    event.capacity = 1
    event.save()
    holder, waiting, newcomer = UserFactory(), UserFactory(), UserFactory()
    services.registration_create(event=event, user=holder, answers=services.Answers())
    services.registration_create(event=event, user=waiting, answers=services.Answers())
    # An editor adds a place, but the waiting member has not been promoted yet (say the
    # page is saved without publishing): the newcomer must still queue.
    type(event).objects.filter(pk=event.pk).update(capacity=2)
    event.refresh_from_db()

    newcomer_registration = services.registration_create(
        event=event, user=newcomer, answers=services.Answers()
    )

    assert newcomer_registration.state == RegistrationState.WAITLISTED
    promoted = services.fill_free_seats(event=event)
    assert [registration.user for registration in promoted] == [waiting]


def test_a_member_can_register_again_after_cancelling_and_joins_the_end_of_the_queue(
    client, event, register
):
    users = [UserFactory() for _ in range(4)]
    for user in users:
        register(user, event)
    client.force_login(users[2])
    client.post(f"{event.url}registration/cancel/")  # leaves the waiting list

    register(users[2], event)

    client.force_login(users[2])
    assert "You are number 2 on the waiting list" in client.get(event.url).content.decode()
    assert Registration.objects.filter(user=users[2]).count() == 2


@pytest.mark.parametrize(
    ("change", "refusal"),
    [
        (
            {"registration_opens_at": timezone.now() + datetime.timedelta(days=2)},
            "Registration opens on",
        ),
        (
            {"registration_closes_at": timezone.now() - datetime.timedelta(hours=1)},
            "Registration has closed.",
        ),
        (
            {
                "starts_at": timezone.now() - datetime.timedelta(days=3),
                "ends_at": timezone.now() - datetime.timedelta(days=3, hours=-2),
            },
            "the event has already started",
        ),
        ({"is_cancelled": True}, "This event has been cancelled."),
        ({"registration_mode": RegistrationMode.INVITATION}, "by invitation only"),
    ],
    ids=["not-open-yet", "closed", "past", "cancelled", "invitation-only"],
)
def test_registration_is_refused_clearly_and_nothing_is_stored(
    client, event, member, change, refusal, register
):
    for name, value in change.items():
        setattr(event, name, value)
    event.save()

    client.force_login(member)
    form = client.get(f"{event.url}register/")
    response = register(member, event, organisation="Northvale")

    assert refusal in form.content.decode()
    assert response.status_code == 200
    assert refusal in response.content.decode()
    assert not Registration.objects.exists()
    assert mail.outbox == []


def test_registering_twice_is_refused_and_keeps_one_registration(client, event, member, register):
    register(member, event)

    again = client.post(f"{event.url}register/", {})

    with pytest.raises(services.RegistrationRefused, match="already registered"):
        services.registration_create(event=event, user=member, answers=services.Answers())
    assert again.status_code == 302  # the page sends them to their registration instead
    assert Registration.objects.filter(user=member).count() == 1


def test_a_full_event_without_a_waiting_list_refuses_registration(client, event, register):
    event.capacity = 1
    event.waitlist_enabled = False
    event.save()
    first, second = UserFactory(), UserFactory()
    register(first, event)

    response = register(second, event)

    assert "Sorry, this event is full." in response.content.decode()
    assert not Registration.objects.filter(user=second).exists()


def test_the_joining_link_shows_only_to_confirmed_registrants(client, site_tree, register):
    webinar = EventPageFactory(
        parent=site_tree["events"],
        slug="webinar",
        attendance_mode="online",
        venue_name="",
        capacity=1,
        joining_link="https://meet.example.org/secret-room",
    )
    confirmed, waiting = UserFactory(), UserFactory()
    register(confirmed, webinar)
    register(waiting, webinar)

    client.logout()
    anonymous = client.get(webinar.url).content.decode()
    client.force_login(waiting)
    as_waiting = client.get(webinar.url).content.decode()
    client.force_login(confirmed)
    as_confirmed = client.get(webinar.url).content.decode()

    assert "secret-room" not in anonymous
    assert "secret-room" not in as_waiting
    assert "https://meet.example.org/secret-room" in as_confirmed
    confirmation = sent_to(mail.outbox, confirmed)[0]
    assert "secret-room" in confirmation.body
    assert "secret-room" not in sent_to(mail.outbox, waiting)[0].body


def test_pages_work_as_plain_html_forms(client, event, member):
    client.force_login(member)
    form = client.get(f"{event.url}register/").content.decode()

    assert '<form method="post"' in form and "csrfmiddlewaretoken" in form
    assert 'id="id_organisation"' in form and 'value="Northvale Council"' in form


def test_event_page_queries_do_not_grow_with_500_registrations(client, event, member):
    event.capacity = None
    event.save()
    RegistrationFactory(event=event, user=member)
    add_registrations(event, 5)
    client.force_login(member)

    assert_queries_constant(
        client, event.url, lambda: add_registrations(event, 495), max_queries=20
    )
