"""A member's next digest, for the preview page: which period, when it is due, what it holds."""

import datetime
from dataclasses import dataclass

from members.models import DigestFrequency, User

from .models import DigestDelivery
from .periods import Period, daily_period, local_today, weekly_period
from .selection import Digest, select_digests


@dataclass(frozen=True)
class NextDigest:
    frequency: str
    period: Period | None = None
    due_on: datetime.date | None = None
    digest: Digest | None = None

    @property
    def is_off(self) -> bool:
        return self.frequency == DigestFrequency.OFF


def next_period(member: User, *, today: datetime.date | None = None):
    """(period, the day it is due) of the member's next digest; None if they have none."""
    today = today or local_today()
    preferences = member.preferences
    if preferences.digest_frequency == DigestFrequency.OFF:
        return None
    delivered = set(
        DigestDelivery.objects.filter(
            member=member,
            period__in=[weekly_period(today).key, daily_period(today).key],
        ).values_list("period", flat=True)
    )
    if preferences.digest_frequency == DigestFrequency.DAILY:
        period = daily_period(today)
        if period.key in delivered:
            period = daily_period(today + datetime.timedelta(days=1))
        return period, period.first_day
    period = weekly_period(today)
    if period.key in delivered:
        period = weekly_period(today + datetime.timedelta(days=7))
    due = period.first_day + datetime.timedelta(days=preferences.digest_day)
    return period, max(due, today)


def next_digest(member: User) -> NextDigest:
    frequency = member.preferences.digest_frequency
    found = next_period(member)
    if found is None:
        return NextDigest(frequency=frequency)
    period, due_on = found
    digest = select_digests([member.pk], period=period).get(member.pk)
    return NextDigest(frequency=frequency, period=period, due_on=due_on, digest=digest)
