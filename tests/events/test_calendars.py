"""Calendars: the .ics download, the community and private feeds, and the calendar entries in
emails as the event changes. Everything is parsed back with the icalendar package and, through
tests.events.helpers.read_calendar, with a second, independent parser (the ical package)."""

import datetime
import email
import email.policy
import zoneinfo

import icalendar
import pytest
from django.core import mail
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from events import services
from events.models import EventLedger, Registration
from members.models import Preferences
from tests.events.helpers import calendar_bytes_of, calendar_of, read_calendar, sent_to
from tests.factories import CommunityPageFactory, EventPageFactory, RegistrationFactory, UserFactory

SECRET_LINK = "https://meet.example.org/secret-room"


@pytest.fixture
def hybrid(site_tree):
    community = CommunityPageFactory(parent=site_tree["communities"], title="Data", slug="data")
    return EventPageFactory(
        parent=site_tree["events"],
        title="Travel data meetup",
        slug="travel-data",
        community=community,
        attendance_mode="hybrid",
        venue_name="Innovation Hub",
        venue_address="Station Road\nBirmingham",
        joining_link=SECRET_LINK,
        starts_at=datetime.datetime(2030, 6, 18, 17, 0, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2030, 6, 18, 19, 0, tzinfo=datetime.UTC),
    )


def parse(response) -> icalendar.Calendar:
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    read_calendar(response.content)  # the second parser reads it the same
    return icalendar.Calendar.from_ical(response.content)


def unfolded(content: bytes) -> str:
    """The file's text with its long lines joined again (RFC 5545 folds them at 75 octets), so
    that a search for a link cannot miss it across a fold."""
    return content.replace(b"\r\n ", b"").replace(b"\r\n\t", b"").decode()


def only_event(calendar):
    (event,) = calendar.walk("VEVENT")
    return event


def test_event_download_has_a_stable_opaque_uid_local_times_a_vtimezone_and_no_joining_link(
    client, hybrid
):
    response = client.get(f"{hybrid.url}calendar/")
    calendar = parse(response)
    event = only_event(calendar)
    uid = str(EventLedger.objects.get(event=hybrid).calendar_uid)

    assert "attachment" in response["Content-Disposition"]
    assert str(event["UID"]) == uid
    assert "travel" not in uid.lower()  # not derived from the slug or title
    assert event["SEQUENCE"] == 0
    assert event.decoded("DTSTART") == datetime.datetime(
        2030, 6, 18, 18, 0, tzinfo=zoneinfo.ZoneInfo("Europe/London")
    )
    assert event["DTSTART"].params["TZID"] == "Europe/London"
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/London"]
    assert "http://testserver/events/travel-data/" in str(event["DESCRIPTION"])
    assert str(event["LOCATION"]) == "Innovation Hub, Station Road, Birmingham and online"
    assert SECRET_LINK not in unfolded(response.content)
    # The same UID on the next download.
    assert str(only_event(parse(client.get(f"{hybrid.url}calendar/")))["UID"]) == uid


def test_event_page_offers_the_download_and_google_and_outlook_links(client, hybrid):
    content = client.get(hybrid.url).content.decode()

    assert f'href="{hybrid.url}calendar/"' in content
    assert "https://calendar.google.com/calendar/render?action=TEMPLATE" in content
    assert "dates=20300618T170000Z%2F20300618T190000Z" in content
    assert "https://outlook.office.com/calendar/0/deeplink/compose?" in content
    assert "secret-room" not in content


def test_community_feed_lists_its_events_without_joining_links(client, hybrid, site_tree):
    EventPageFactory(parent=site_tree["events"], title="Someone else's event")

    response = client.get("/events/communities/data/calendar.ics")
    calendar = parse(response)

    assert [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")] == ["Travel data meetup"]
    assert calendar["X-WR-CALNAME"] == "Data: Connected Places events"
    assert SECRET_LINK not in unfolded(response.content)
    assert client.get("/events/communities/no-such-community/calendar.ics").status_code == 404


def test_public_feed_never_has_joining_links(client, hybrid):
    response = client.get("/events/calendar.ics")

    assert "Travel data meetup" in response.content.decode()
    assert SECRET_LINK not in unfolded(response.content)


def test_private_feed_has_the_members_booked_events_with_joining_links(
    client, hybrid, site_tree, member
):
    RegistrationFactory(event=hybrid, user=member)
    waiting = EventPageFactory(parent=site_tree["events"], title="Waiting for this one")
    RegistrationFactory(event=waiting, user=member, state="waitlisted", waitlist_ticket=1)
    client.force_login(member)
    my_events = client.get("/accounts/events/").content.decode()
    feed_url = my_events.split('id="calendar-feed-url" type="text" value="')[1].split('"')[0]
    client.logout()

    response = client.get(feed_url.replace("http://testserver", ""))
    calendar = parse(response)

    assert "Travel data meetup" in my_events and "Waiting for this one" in my_events
    assert [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")] == ["Travel data meetup"]
    assert SECRET_LINK in str(only_event(calendar)["DESCRIPTION"])
    assert response["Cache-Control"] == "private, no-store"


def test_a_new_private_feed_address_retires_the_old_one(client, member):
    client.force_login(member)
    old = client.get("/accounts/events/").content.decode()
    old_url = old.split('id="calendar-feed-url" type="text" value="')[1].split('"')[0]

    client.post("/accounts/events/")
    new = client.get("/accounts/events/").content.decode()
    new_url = new.split('id="calendar-feed-url" type="text" value="')[1].split('"')[0]

    assert new_url != old_url
    assert client.get(old_url.replace("http://testserver", "")).status_code == 404
    assert client.get(new_url.replace("http://testserver", "")).status_code == 200
    assert client.get("/events/my-calendar/guessed-token/calendar.ics").status_code == 404


def test_changing_the_time_sends_an_updated_entry_with_the_same_uid_and_a_higher_sequence(
    hybrid, committed, member
):
    wants, does_not_want = member, UserFactory()
    Preferences.objects.filter(user=does_not_want).update(email_on_event_change=False)
    for user in (wants, does_not_want):
        RegistrationFactory(event=hybrid, user=user)
    committed(hybrid.save_revision().publish)  # first publish: nothing to announce
    assert mail.outbox == []
    uid = str(EventLedger.objects.get(event=hybrid).calendar_uid)

    hybrid.starts_at += datetime.timedelta(hours=1)
    hybrid.ends_at += datetime.timedelta(hours=1)
    committed(hybrid.save_revision().publish)
    hybrid.venue_name = "Council House"
    committed(hybrid.save_revision().publish)

    first, second = sent_to(mail.outbox, wants)
    assert sent_to(mail.outbox, does_not_want) == []
    assert "Changed" in first.subject
    entries = [only_event(calendar_of(message)) for message in (first, second)]
    assert [str(entry["UID"]) for entry in entries] == [uid, uid]
    assert [entry["SEQUENCE"] for entry in entries] == [1, 2]
    assert entries[0].decoded("DTSTART").hour == 19  # 18:00 UTC in British Summer Time
    assert str(entries[1]["LOCATION"]).startswith("Council House")
    assert calendar_of(first)["METHOD"] == "REQUEST"
    assert SECRET_LINK in str(entries[0]["DESCRIPTION"])  # private to a confirmed registrant


def test_publishing_without_a_change_of_time_or_place_tells_nobody(hybrid, committed, member):
    RegistrationFactory(event=hybrid, user=member)
    committed(hybrid.save_revision().publish)

    hybrid.summary = "A better summary."
    committed(hybrid.save_revision().publish)

    assert mail.outbox == []
    assert EventLedger.objects.get(event=hybrid).calendar_sequence == 0


def test_cancelling_the_event_sends_a_calendar_cancellation_even_to_those_who_opted_out(
    hybrid, committed, member
):
    Preferences.objects.filter(user=member).update(email_on_event_change=False)
    hybrid.capacity = 1
    RegistrationFactory(event=hybrid, user=member)
    waiting = RegistrationFactory(event=hybrid, state="waitlisted", waitlist_ticket=1)
    committed(hybrid.save_revision().publish)
    uid = str(EventLedger.objects.get(event=hybrid).calendar_uid)

    hybrid.is_cancelled = True
    committed(hybrid.save_revision().publish)

    (cancellation,) = sent_to(mail.outbox, member)
    calendar = calendar_of(cancellation)
    entry = only_event(calendar)
    assert "Cancelled" in cancellation.subject
    assert calendar["METHOD"] == "CANCEL"
    assert str(entry["UID"]) == uid and entry["SEQUENCE"] == 1
    assert str(entry["STATUS"]) == "CANCELLED"
    (told_waiting,) = sent_to(mail.outbox, waiting.user)
    assert not told_waiting.attachments  # no calendar entry to cancel
    assert Registration.objects.get(user=member).state == "confirmed"  # kept, if it is back on


def test_a_raised_capacity_promotes_the_waiting_list_on_publish(event, committed):
    holders = [RegistrationFactory(event=event) for _ in range(2)]
    first = RegistrationFactory(event=event, state="waitlisted", waitlist_ticket=1)
    second = RegistrationFactory(event=event, state="waitlisted", waitlist_ticket=2)
    committed(event.save_revision().publish)

    event.capacity = 3
    committed(event.save_revision().publish)

    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.state, second.state) == ("confirmed", "waitlisted")
    assert "A place came up" in sent_to(mail.outbox, first.user)[0].subject
    assert all(holder.user.email not in str(mail.outbox[0].to) for holder in holders)


def test_the_calendar_uid_survives_publishing_an_old_revision_and_copies_get_their_own(
    hybrid, site_tree
):
    old_revision = hybrid.save_revision()
    old_revision.publish()
    uid = EventLedger.objects.get(event=hybrid).calendar_uid
    hybrid.title = "Renamed meetup"
    hybrid.save_revision().publish()

    old_revision.publish()  # roll back to the first version
    copy = hybrid.copy(update_attrs={"slug": "copy-of-travel-data", "title": "Copy"})
    copy.save_revision().publish()

    assert EventLedger.objects.get(event=hybrid).calendar_uid == uid
    assert EventLedger.objects.get(event=copy).calendar_uid != uid


def test_your_events_page_asks_visitors_to_sign_in(client):
    response = client.get("/accounts/events/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_an_editor_moving_the_event_in_the_admin_tells_registrants(
    client, hybrid, editor, member, committed
):
    RegistrationFactory(event=hybrid, user=member)
    committed(hybrid.save_revision().publish)
    new_start = datetime.datetime(2030, 6, 25, 17, 0, tzinfo=datetime.UTC)
    form = nested_form_data(
        {
            "title": hybrid.title,
            "slug": hybrid.slug,
            "kind": hybrid.kind,
            "community": hybrid.community_id,
            "summary": hybrid.summary,
            "starts_at": "2030-06-25 18:00",  # entered in the site's time, Europe/London
            "ends_at": "2030-06-25 20:00",
            "time_zone": "Europe/London",
            "attendance_mode": hybrid.attendance_mode,
            "venue_name": hybrid.venue_name,
            "venue_address": hybrid.venue_address,
            "body": streamfield([]),
            "report": streamfield([]),
            "registration_mode": "open",
            "waitlist_enabled": "on",
            "ask_organisation": "on",
            "ask_accessibility_needs": "on",
            "free_text_question": "Anything else?",
            "joining_link": SECRET_LINK,
            "questions": inline_formset([{"label": "Which session?", "kind": "short_text"}]),
            "working_groups": inline_formset([{"name": "Sensors"}]),
            "calls_to_action": inline_formset([]),
            "related_case_studies": inline_formset([]),
            "comments": inline_formset([]),
            "action-publish": "action-publish",
        }
    )
    client.force_login(editor)

    response = committed(client.post, f"/admin/pages/{hybrid.pk}/edit/", form)

    assert response.status_code == 302, response.content.decode()[:2000]
    hybrid.refresh_from_db()
    assert hybrid.starts_at == new_start
    assert [q.label for q in hybrid.questions.all()] == ["Which session?"]
    (change,) = sent_to(mail.outbox, member)
    assert "Changed" in change.subject
    assert only_event(calendar_of(change))["SEQUENCE"] == 1


# -- every kind of file, read by two independent parsers -----------------------------------------

LONDON = zoneinfo.ZoneInfo("Europe/London")


def test_every_kind_of_calendar_file_reads_alike_in_two_parsers_with_one_uid_for_life(
    client, hybrid, member, committed, register
):
    committed(hybrid.save_revision().publish)
    register(member, hybrid)
    client.logout()
    feed_token = services.calendar_feed_for(member).token
    files = {
        "download": client.get(f"{hybrid.url}calendar/").content,
        "community feed": client.get("/events/communities/data/calendar.ics").content,
        "site feed": client.get("/events/calendar.ics").content,
        "private feed": client.get(f"/events/my-calendar/{feed_token}/calendar.ics").content,
        "confirmation email": calendar_bytes_of(sent_to(mail.outbox, member)[0]),
    }
    hybrid.starts_at += datetime.timedelta(hours=1)
    hybrid.ends_at += datetime.timedelta(hours=1)
    committed(hybrid.save_revision().publish)
    files["change email"] = calendar_bytes_of(sent_to(mail.outbox, member)[-1])
    files["download after the change"] = client.get(f"{hybrid.url}calendar/").content
    hybrid.is_cancelled = True
    committed(hybrid.save_revision().publish)
    files["cancellation email"] = calendar_bytes_of(sent_to(mail.outbox, member)[-1])

    uid = str(EventLedger.objects.get(event=hybrid).calendar_uid)
    read = {kind: read_calendar(content) for kind, content in files.items()}
    entries = {kind: calendar.entries[0] for kind, calendar in read.items()}

    for kind, calendar in read.items():
        assert len(calendar.entries) == 1, kind
        assert calendar.timezones == ("Europe/London",), kind
        assert entries[kind].uid == uid, kind
        assert "Details: http://testserver/events/travel-data/" in entries[kind].description, kind
        assert entries[kind].url == "http://testserver/events/travel-data/", kind
    assert {kind: entry.sequence for kind, entry in entries.items()} == {
        "download": 0,
        "community feed": 0,
        "site feed": 0,
        "private feed": 0,
        "confirmation email": 0,
        "change email": 1,
        "download after the change": 1,
        "cancellation email": 2,
    }
    assert {kind: calendar.method for kind, calendar in read.items()} == {
        "download": "PUBLISH",
        "community feed": "PUBLISH",
        "site feed": "PUBLISH",
        "private feed": "PUBLISH",
        "confirmation email": "REQUEST",
        "change email": "REQUEST",
        "download after the change": "PUBLISH",
        "cancellation email": "CANCEL",
    }
    assert entries["cancellation email"].status == "CANCELLED"
    assert entries["change email"].starts == datetime.datetime(
        2030, 6, 18, 18, 0, tzinfo=datetime.UTC
    )
    assert entries["change email"].starts == entries["download after the change"].starts
    with_link = {kind for kind, content in files.items() if SECRET_LINK in unfolded(content)}
    assert with_link == {"private feed", "confirmation email", "change email"}
    assert all(
        (SECRET_LINK in entries[kind].description) == (kind in with_link) for kind in entries
    )


@pytest.fixture
def events_around_the_year(site_tree):
    """10:00 local time: in a London summer, a London winter and a New York winter."""
    return {
        "london july": EventPageFactory(
            parent=site_tree["events"],
            title="Summer",
            slug="summer",
            starts_at=datetime.datetime(2030, 7, 16, 10, 0, tzinfo=LONDON),
            ends_at=datetime.datetime(2030, 7, 16, 12, 0, tzinfo=LONDON),
        ),
        "london january": EventPageFactory(
            parent=site_tree["events"],
            title="Winter",
            slug="winter",
            starts_at=datetime.datetime(2031, 1, 14, 10, 0, tzinfo=LONDON),
            ends_at=datetime.datetime(2031, 1, 14, 12, 0, tzinfo=LONDON),
        ),
        "new york january": EventPageFactory(
            parent=site_tree["events"],
            title="Across the pond",
            slug="across-the-pond",
            time_zone="America/New_York",
            starts_at=datetime.datetime(
                2030, 1, 15, 10, 0, tzinfo=zoneinfo.ZoneInfo("America/New_York")
            ),
            ends_at=datetime.datetime(
                2030, 1, 15, 11, 0, tzinfo=zoneinfo.ZoneInfo("America/New_York")
            ),
        ),
    }


def test_times_read_right_in_both_parsers_through_the_files_own_vtimezones(
    client, events_around_the_year
):
    expected_utc_starts = {
        "Summer": datetime.datetime(2030, 7, 16, 9, 0, tzinfo=datetime.UTC),  # BST, UTC+1
        "Winter": datetime.datetime(2031, 1, 14, 10, 0, tzinfo=datetime.UTC),  # GMT
        "Across the pond": datetime.datetime(2030, 1, 15, 15, 0, tzinfo=datetime.UTC),  # EST
    }

    feed = read_calendar(client.get("/events/calendar.ics").content)
    summer = parse(client.get("/events/summer/calendar/"))

    assert sorted(feed.timezones) == ["America/New_York", "Europe/London"]
    assert {entry.summary: entry.starts for entry in feed.entries} == expected_utc_starts
    assert {entry.summary: entry.ends - entry.starts for entry in feed.entries} == {
        "Summer": datetime.timedelta(hours=2),
        "Winter": datetime.timedelta(hours=2),
        "Across the pond": datetime.timedelta(hours=1),
    }
    # Written as local time with its zone, as calendar applications expect.
    (entry,) = summer.walk("VEVENT")
    assert entry["DTSTART"].to_ical() == b"20300716T100000"
    assert entry["DTSTART"].params["TZID"] == "Europe/London"
    for event in events_around_the_year.values():
        (read,) = read_calendar(client.get(f"{event.url}calendar/").content).entries
        assert read.starts == expected_utc_starts[event.title]


def test_an_emailed_calendar_entry_for_a_new_york_winter_event_reads_right_in_both_parsers(
    events_around_the_year, member, committed, register
):
    event = events_around_the_year["new york january"]
    event.starts_at = datetime.datetime(2031, 1, 15, 15, 0, tzinfo=datetime.UTC)
    event.ends_at = datetime.datetime(2031, 1, 15, 16, 0, tzinfo=datetime.UTC)
    event.save_revision().publish()

    register(member, event)

    (entry,) = read_calendar(calendar_bytes_of(sent_to(mail.outbox, member)[0])).entries
    assert entry.starts == datetime.datetime(2031, 1, 15, 15, 0, tzinfo=datetime.UTC)


def test_the_calendar_in_a_sent_email_reads_alike_in_both_parsers_after_the_trip_through_mime(
    site_tree, member, register
):
    event = EventPageFactory(
        parent=site_tree["events"],
        title="Données partagées – a café session on shared data, with a rather long title",
        summary="Accents (é, ü), dashes – and “quotes”; commas, too.\nA second line.",
    )

    register(member, event)

    (confirmation,) = sent_to(mail.outbox, member)
    wire = email.message_from_bytes(confirmation.message().as_bytes(), policy=email.policy.default)
    (part,) = [part for part in wire.walk() if part.get_content_type() == "text/calendar"]
    assert part.get_param("method") == "REQUEST" and part.get_filename() == "event.ics"
    (entry,) = read_calendar(part.get_content().encode()).entries
    assert entry.summary == event.title
    assert entry.description.startswith(event.summary + "\n\nDetails: http://testserver/events/")
