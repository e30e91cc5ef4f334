"""Reading what the events app sends (emails and their calendar attachments), and making many
registrations or events quickly."""

import datetime

import icalendar
from django.contrib.contenttypes.models import ContentType
from django.db.models import F
from django.utils import timezone
from wagtail.models import Page

from events.models import AttendanceMode, EventKind, EventPage, Registration
from members.models import User


def calendar_of(message, filename=None) -> icalendar.Calendar:
    """The iCalendar attachment of an email, parsed."""
    for attachment in message.attachments:
        if attachment[2].startswith("text/calendar") and filename in (None, attachment[0]):
            content = attachment[1]
            return icalendar.Calendar.from_ical(
                content if isinstance(content, bytes) else content.encode()
            )
    raise AssertionError(f"no calendar attached to {message.subject!r}")


def sent_to(outbox, user):
    return [message for message in outbox if message.to == [user.email]]


def add_registrations(event, count, *, state="confirmed"):
    start = User.objects.count()
    users = User.objects.bulk_create(
        User(email=f"bulk{start + n}@example.org", display_name=f"Bulk {start + n}")
        for n in range(count)
    )
    Registration.objects.bulk_create(
        Registration(event=event, user=user, state=state, dietary_needs="None") for user in users
    )


def add_events(index, count) -> list[EventPage]:
    """`count` live upcoming events under the event index, made in bulk: the page rows in one
    query, then each event row in one insert (as loaddata saves, so no revisions and no search
    indexing). Enough for lists; not for editing."""
    last_child = index.get_last_child()
    first_step = 1 + (Page._str2int(last_child.path[-Page.steplen :]) if last_child else 0)
    content_type = ContentType.objects.get_for_model(EventPage)
    pages = Page.objects.bulk_create(
        Page(
            title=f"Bulk event {n}",
            draft_title=f"Bulk event {n}",
            slug=f"bulk-event-{n}",
            path=Page._get_path(index.path, index.depth + 1, first_step + n),
            depth=index.depth + 1,
            numchild=0,
            url_path=f"{index.url_path}bulk-event-{n}/",
            content_type=content_type,
            locale_id=index.locale_id,
            live=True,
        )
        for n in range(count)
    )
    Page.objects.filter(pk=index.pk).update(numchild=F("numchild") + count)
    starts_at = timezone.now() + datetime.timedelta(days=1)
    events = []
    for n, page in enumerate(pages):
        event = EventPage(
            page_ptr=page,
            kind=EventKind.MEETUP,
            summary="One of many.",
            starts_at=starts_at + datetime.timedelta(hours=n),
            ends_at=starts_at + datetime.timedelta(hours=n + 1),
            attendance_mode=AttendanceMode.ONLINE,
            capacity=5,
        )
        event.save_base(raw=True, force_insert=True)
        events.append(event)
    return events
