"""iCalendar (.ics) for events: downloads, feeds and the files attached to emails.

Each event has one UID for life (a random UUID kept in its ledger), and a SEQUENCE that grows
with every announced change, so calendars update the entry they already have rather than add
a second one. Times carry the event's own time zone, with its VTIMEZONE included. The online
joining link goes only into what is private to a confirmed registrant (their emails and their
own feed), never into a public download or feed.
"""

import datetime
from collections.abc import Iterable
from email.utils import parseaddr
from urllib.parse import urlencode

import icalendar
from django.conf import settings
from django.utils import timezone

from members.emails import absolute_url

from .models import EventLedger, EventPage

PRODID = "-//Connected Places//Events//EN"
CONTENT_TYPE = "text/calendar; charset=utf-8"


def _description(event: EventPage, url: str, joining_link: str) -> str:
    lines = [event.summary, "", f"Details: {url}"]
    if joining_link:
        lines.append(f"Join online: {joining_link}")
    return "\n".join(lines)


def event_component(
    event: EventPage,
    ledger: EventLedger,
    *,
    joining_link: str = "",
    attendee_email: str = "",
    cancelled: bool = False,
) -> icalendar.Event:
    url = absolute_url(event.url or event.url_path)
    component = icalendar.Event()
    component.add("uid", str(ledger.calendar_uid))
    component.add("sequence", ledger.calendar_sequence)
    component.add("dtstamp", timezone.now().astimezone(datetime.UTC))
    component.add("dtstart", event.local_starts_at)
    component.add("dtend", event.local_ends_at)
    component.add("summary", event.title)
    component.add("description", _description(event, url, joining_link))
    component.add("location", event.location_text)
    component.add("url", url)
    cancelled = cancelled or event.is_cancelled
    component.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    if attendee_email:
        # An emailed request names who it is for, and who sent it, as RFC 5546 asks.
        organizer = icalendar.vCalAddress(f"mailto:{_sender_address()}")
        organizer.params["cn"] = settings.WAGTAIL_SITE_NAME
        component.add("organizer", organizer)
        attendee = icalendar.vCalAddress(f"mailto:{attendee_email}")
        attendee.params["partstat"] = "DECLINED" if cancelled else "ACCEPTED"
        attendee.params["rsvp"] = "FALSE"
        component.add("attendee", attendee)
    return component


def _sender_address() -> str:
    return parseaddr(settings.DEFAULT_FROM_EMAIL)[1] or "noreply@localhost"


def calendar(components: Iterable[icalendar.Event], *, name: str = "", method: str = "") -> bytes:
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    if method:
        cal.add("method", method)
    if name:
        cal.add("x-wr-calname", name)
    starts = []
    for component in components:
        cal.add_component(component)
        starts.append(component.decoded("dtstart").date())
    if starts:
        # VTIMEZONEs covering the calendar's events (and a year either side), not 1970-2038.
        cal.add_missing_timezones(
            first_date=datetime.date(min(starts).year - 1, 1, 1),
            last_date=datetime.date(max(starts).year + 2, 1, 1),
        )
        for timezone_component in cal.walk("VTIMEZONE"):
            _repeat_onsets_as_rdates(timezone_component)
    return cal.to_ical()


def _repeat_onsets_as_rdates(timezone_component: icalendar.Timezone) -> None:
    """Lists each observance's DTSTART among its RDATEs too.

    icalendar writes every observance as a DTSTART (the first onset) plus RDATEs (the later
    ones). RFC 5545 counts the DTSTART as an onset, but some readers (the `ical` package,
    libical before 2014) take only RRULE and RDATE onsets, so for them the time zone had no
    offset until its first RDATE: an event in New York's winter read as UTC. Repeating the
    onset as an RDATE is valid (a recurrence set has no duplicates) and is what vzic, libical's
    own zone generator, writes.
    """
    for observance in timezone_component.subcomponents:
        if "RRULE" in observance or "DTSTART" not in observance:
            continue
        onsets = [observance.DTSTART, *(onset for onset, _ in observance.rdates)]
        observance.pop("RDATE", None)
        observance.add("RDATE", onsets)


def public_event_ics(event: EventPage, ledger: EventLedger) -> bytes:
    """The .ics anyone can download from the event page: no joining link."""
    return calendar([event_component(event, ledger)], method="PUBLISH")


def emailed_event_ics(
    event: EventPage,
    ledger: EventLedger,
    *,
    attendee_email: str,
    joining_link: str = "",
    cancelled: bool = False,
) -> bytes:
    """The .ics attached to a registrant's email: a request, or a cancellation."""
    component = event_component(
        event,
        ledger,
        joining_link=joining_link,
        attendee_email=attendee_email,
        cancelled=cancelled,
    )
    return calendar([component], method="CANCEL" if cancelled else "REQUEST")


def feed_ics(events: Iterable[EventPage], *, name: str, joining_links: dict | None = None) -> bytes:
    """A subscribable feed. Events need their ledger loaded (select_related("ledger"))."""
    joining_links = joining_links or {}
    components = [
        event_component(event, event.ledger, joining_link=joining_links.get(event.pk, ""))
        for event in events
    ]
    return calendar(components, name=name, method="PUBLISH")


def _utc_stamp(value: datetime.datetime) -> str:
    return value.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def google_calendar_url(event: EventPage) -> str:
    url = absolute_url(event.url or event.url_path)
    query = {
        "action": "TEMPLATE",
        "text": event.title,
        "dates": f"{_utc_stamp(event.starts_at)}/{_utc_stamp(event.ends_at)}",
        "details": f"{event.summary}\n\n{url}",
        "location": event.location_text,
        "ctz": event.time_zone,
    }
    return f"https://calendar.google.com/calendar/render?{urlencode(query)}"


def outlook_calendar_url(event: EventPage) -> str:
    url = absolute_url(event.url or event.url_path)
    query = {
        "path": "/calendar/action/compose",
        "rru": "addevent",
        "subject": event.title,
        "startdt": event.starts_at.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z"),
        "enddt": event.ends_at.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z"),
        "body": f"{event.summary}\n\n{url}",
        "location": event.location_text,
    }
    return f"https://outlook.office.com/calendar/0/deeplink/compose?{urlencode(query)}"
