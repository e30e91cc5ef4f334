"""Reading what the events app sends: emails and their calendar attachments."""

import icalendar

from events.models import Registration
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
