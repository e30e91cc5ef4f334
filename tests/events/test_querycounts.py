"""Pages and feeds whose data grows render in a number of queries that does not grow with it:
each is measured at a small size, then again at a large one (tests/querycounts.py).

Elsewhere: the event index at 1,000 events (test_outputs_and_index.py), the event page for a
booked member at 500 registrations (test_registration.py), the organisers' list, check-in and
export at 500 registrations (test_organisers.py), and the admin's event editor with hundreds
of members (test_admin.py).
"""

import re

import pytest

from events import services
from events.models import EventLedger, Registration
from tests.events.helpers import add_events, add_registrations, read_calendar
from tests.factories import CommunityPageFactory, RegistrationFactory
from tests.querycounts import assert_queries_constant, count_queries


def text_of(response) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


@pytest.fixture
def big_event(event):
    event.capacity = 500
    event.save_revision().publish()
    return event


@pytest.mark.parametrize("viewer", ["visitor", "booked member", "organiser", "editor"])
def test_event_page_queries_do_not_grow_with_500_registrations(
    client, big_event, member, organiser, editor, viewer
):
    users = {"visitor": None, "booked member": member, "organiser": organiser, "editor": editor}
    if users[viewer]:
        client.force_login(users[viewer])
    RegistrationFactory(event=big_event, user=member)
    add_registrations(big_event, 4)

    assert_queries_constant(
        client, big_event.url, lambda: add_registrations(big_event, 495), max_queries=20
    )
    assert "Full" in text_of(client.get(big_event.url))


def test_a_waiting_members_place_in_the_queue_costs_the_same_queries_however_long_it_is(
    client, big_event, member
):
    add_registrations(big_event, 500)  # every place taken
    add_registrations(big_event, 5, state="waitlisted", first_ticket=1)
    RegistrationFactory(event=big_event, user=member, state="waitlisted", waitlist_ticket=1000)
    client.force_login(member)
    assert "You are number 6 on the waiting list" in text_of(client.get(big_event.url))

    def grow():  # 494 more join the queue ahead of the member
        add_registrations(big_event, 494, state="waitlisted", first_ticket=6)

    assert_queries_constant(client, big_event.url, grow, max_queries=20)
    assert "You are number 500 on the waiting list" in text_of(client.get(big_event.url))
    assert "You are number 500 on the waiting list" in text_of(client.get("/accounts/events/"))


def test_the_register_page_queries_do_not_grow_with_500_registrations(client, big_event, member):
    client.force_login(member)
    add_registrations(big_event, 5)

    assert_queries_constant(
        client,
        f"{big_event.url}register/",
        lambda: add_registrations(big_event, 495),
        max_queries=20,
    )
    assert "Join the waiting list" in text_of(client.get(f"{big_event.url}register/"))


def test_your_events_page_shows_each_waiting_place_without_a_query_per_event(
    client, site_tree, member
):
    client.force_login(member)

    def register_for(events):
        for event in events:  # two people queue ahead of the member for every other event
            add_registrations(event, 2, state="waitlisted", first_ticket=1)
        Registration.objects.bulk_create(
            Registration(
                event=event,
                user=member,
                state="waitlisted" if number % 2 else "confirmed",
                waitlist_ticket=10 if number % 2 else None,
            )
            for number, event in enumerate(events)
        )

    register_for(add_events(site_tree["events"], 2))
    assert_queries_constant(
        client,
        "/accounts/events/",
        lambda: register_for(add_events(site_tree["events"], 60)[2:]),
        max_queries=12,
    )
    page = text_of(client.get("/accounts/events/"))
    assert page.count("You are number 3 on the waiting list") == 30
    assert page.count("Confirmed") == 30


@pytest.fixture
def feed_events(site_tree):
    community = CommunityPageFactory(parent=site_tree["communities"], title="Data", slug="data")

    def add(count):
        events = add_events(site_tree["events"], count)
        for event in events:
            event.community = community
        type(events[0]).objects.bulk_update(events, ["community"])
        return events

    return add


def test_calendar_feeds_queries_do_not_grow_with_events(client, member, feed_events):
    token = services.calendar_feed_for(member).token
    urls = [
        "/events/calendar.ics",
        "/events/communities/data/calendar.ics",
        f"/events/my-calendar/{token}/calendar.ics",
    ]

    def add_booked_events(count):
        events = feed_events(count)
        Registration.objects.bulk_create(
            Registration(event=event, user=member, state="confirmed") for event in events
        )

    add_booked_events(3)
    for url in urls:
        client.get(url)  # warm the per-process caches; the events' ledgers are made here
    small = [count_queries(client, url) for url in urls]

    add_booked_events(100)
    ledgers_made = [count_queries(client, url) for url in urls]
    large = [count_queries(client, url) for url in urls]

    assert small == large
    assert max(large) <= 8
    assert ledgers_made[0] - large[0] <= 4  # the missing ledgers, made in bulk
    assert EventLedger.objects.count() == 103
    for url in urls:
        assert len(read_calendar(client.get(url).content).entries) == 103
