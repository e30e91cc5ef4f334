"""Reading what the events app sends (emails and their calendar attachments), and making many
registrations or events quickly."""

import datetime
from dataclasses import dataclass

import icalendar
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import F
from django.utils import timezone
from ical.calendar_stream import IcsCalendarStream
from ical.timezone import IcsTimezoneInfo
from wagtail.models import Page

from events.models import AttendanceMode, EventKind, EventPage, Registration
from members.models import User


@dataclass(frozen=True)
class CalendarEntry:
    """One VEVENT as a calendar application would show it. Times are in UTC, worked out from
    the local time and the VTIMEZONE in the file itself."""

    uid: str
    sequence: int
    starts: datetime.datetime
    ends: datetime.datetime
    summary: str
    description: str
    location: str
    status: str
    url: str


@dataclass(frozen=True)
class ReadCalendar:
    method: str
    name: str
    timezones: tuple[str, ...]
    entries: tuple[CalendarEntry, ...]


def _in_utc(value: datetime.datetime, vtimezone_tzinfo) -> datetime.datetime:
    """The UTC time of a local time read from a file, through the file's own VTIMEZONE (not the
    parser's time-zone database, which would hide a wrong VTIMEZONE)."""
    return value.replace(tzinfo=vtimezone_tzinfo).astimezone(datetime.UTC)


def _read_with_icalendar(content: bytes) -> ReadCalendar:
    calendar = icalendar.Calendar.from_ical(content)
    zones = {
        str(zone["TZID"]): zone.to_tz(lookup_tzid=False) for zone in calendar.walk("VTIMEZONE")
    }

    def when(event, name):
        prop = event[name]
        tzid = prop.params.get("TZID")
        if tzid is None:  # a UTC time
            return prop.dt.astimezone(datetime.UTC)
        assert tzid in zones, f"{name} uses {tzid}, which has no VTIMEZONE"
        return _in_utc(prop.dt, zones[tzid])

    return ReadCalendar(
        method=str(calendar.get("METHOD", "")),
        name=str(calendar.get("X-WR-CALNAME", "")),
        timezones=tuple(zones),
        entries=tuple(
            CalendarEntry(
                uid=str(event["UID"]),
                sequence=int(event.get("SEQUENCE", 0)),
                starts=when(event, "DTSTART"),
                ends=when(event, "DTEND"),
                summary=str(event["SUMMARY"]),
                description=str(event.get("DESCRIPTION", "")),
                location=str(event.get("LOCATION", "")),
                status=str(event.get("STATUS", "")),
                url=str(event.get("URL", "")),
            )
            for event in calendar.walk("VEVENT")
        ),
    )


def _read_with_ical(content: bytes) -> ReadCalendar:
    calendar = IcsCalendarStream.calendar_from_ics(content.decode("utf-8"))
    zones = {zone.tz_id: IcsTimezoneInfo.from_timezone(zone) for zone in calendar.timezones}

    def when(value: datetime.datetime):
        tzid = str(value.tzinfo)
        if value.utcoffset() == datetime.timedelta(0) and tzid in ("UTC", "UTC+00:00"):
            return value.astimezone(datetime.UTC)
        assert tzid in zones, f"a time uses {tzid}, which has no VTIMEZONE"
        return _in_utc(value, zones[tzid])

    return ReadCalendar(
        method=calendar.method or "",
        name=next(
            (str(extra.value) for extra in calendar.extras if extra.name == "x-wr-calname"), ""
        ),
        timezones=tuple(zones),
        entries=tuple(
            CalendarEntry(
                uid=event.uid,
                sequence=event.sequence or 0,
                starts=when(event.dtstart),
                ends=when(event.dtend),
                summary=event.summary or "",
                description=event.description or "",
                location=event.location or "",
                status=event.status.value if event.status else "",
                url=str(event.url or ""),
            )
            for event in calendar.events
        ),
    )


def read_calendar(content: bytes | str) -> ReadCalendar:
    """Reads an iCalendar file with two independent parsers, the icalendar package and the
    ical package, and fails unless both accept it and read the same method, events and times."""
    content = content if isinstance(content, bytes) else content.encode()
    by_icalendar = _read_with_icalendar(content)
    by_ical = _read_with_ical(content)
    assert by_icalendar == by_ical, f"the parsers disagree:\n{by_icalendar}\n{by_ical}"
    return by_icalendar


def calendar_bytes_of(message, filename=None) -> bytes:
    for attachment in message.attachments:
        if attachment[2].startswith("text/calendar") and filename in (None, attachment[0]):
            content = attachment[1]
            return content if isinstance(content, bytes) else content.encode()
    raise AssertionError(f"no calendar attached to {message.subject!r}")


def calendar_of(message, filename=None) -> icalendar.Calendar:
    """The iCalendar attachment of an email, parsed (and checked with a second parser)."""
    content = calendar_bytes_of(message, filename)
    read_calendar(content)
    return icalendar.Calendar.from_ical(content)


def sent_to(outbox, user):
    return [message for message in outbox if message.to == [user.email]]


def add_registrations(event, count, *, state="confirmed", first_ticket=1):
    """`count` new members registered for the event in bulk; waitlisted ones queue in order,
    from ticket `first_ticket`."""
    start = User.objects.count()
    users = User.objects.bulk_create(
        User(email=f"bulk{start + n}@example.org", display_name=f"Bulk {start + n}")
        for n in range(count)
    )
    waitlisted = state == "waitlisted"
    Registration.objects.bulk_create(
        Registration(
            event=event,
            user=user,
            state=state,
            dietary_needs="None",
            waitlist_ticket=first_ticket + n if waitlisted else None,
        )
        for n, user in enumerate(users)
    )


def add_events(index, count) -> list[EventPage]:
    """`count` live upcoming events under the event index, made in bulk, as loaddata would (no
    revisions, no search indexing): the page rows in one insert, then the event rows in a few
    multi-row inserts. Enough for lists and feeds; not for editing. Call it again for more:
    they number on."""
    children = Page.objects.filter(path__startswith=index.path, depth=index.depth + 1)
    last_child = children.order_by("-path").first()  # not index.get_last_child(): stale numchild
    first_step = 1 + (Page._str2int(last_child.path[-Page.steplen :]) if last_child else 0)
    first = children.filter(slug__startswith="bulk-event-").count()
    content_type = ContentType.objects.get_for_model(EventPage)
    pages = Page.objects.bulk_create(
        Page(
            title=f"Bulk event {first + n}",
            draft_title=f"Bulk event {first + n}",
            slug=f"bulk-event-{first + n}",
            path=Page._get_path(index.path, index.depth + 1, first_step + n),
            depth=index.depth + 1,
            numchild=0,
            url_path=f"{index.url_path}bulk-event-{first + n}/",
            content_type=content_type,
            locale_id=index.locale_id,
            live=True,
        )
        for n in range(count)
    )
    Page.objects.filter(pk=index.pk).update(numchild=F("numchild") + count)
    starts_at = timezone.now() + datetime.timedelta(days=1)
    events = [
        EventPage(
            page_ptr=page,
            kind=EventKind.MEETUP,
            summary="One of many.",
            starts_at=starts_at + datetime.timedelta(hours=first + n),
            ends_at=starts_at + datetime.timedelta(hours=first + n + 1),
            attendance_mode=AttendanceMode.ONLINE,
            capacity=5,
        )
        for n, page in enumerate(pages)
    ]
    # bulk_create refuses a model with a parent table, so this uses the insert it is built on,
    # for EventPage's own table only (the page rows are already there).
    fields = EventPage._meta.local_concrete_fields
    batch_size = connection.ops.bulk_batch_size(fields, events) or len(events)
    for start in range(0, len(events), batch_size):
        EventPage._base_manager._insert(events[start : start + batch_size], fields=fields, raw=True)
    return list(EventPage.objects.filter(pk__in=[page.pk for page in pages]).order_by("path"))
