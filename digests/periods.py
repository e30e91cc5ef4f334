"""Digest periods: the week or day a digest covers, named by a key such as "2026-W47".

A weekly period is an ISO week ("2026-W47", Monday to Sunday); a daily period is one date
("2026-11-23"). Every delivery is recorded against its period's key, and at most one
delivery exists per member and key: that is what "one digest per member per period" means.
Dates are local to settings.TIME_ZONE, the zone members choose their digest day in.
"""

import datetime
import re
from dataclasses import dataclass

from django.utils import timezone

from members.models import DigestFrequency

WEEKLY_KEY = re.compile(r"^(\d{4})-W(\d{2})$")
DAILY_KEY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class InvalidPeriod(ValueError):
    """A period key that names no week or day; the message says what was expected."""


@dataclass(frozen=True)
class Period:
    key: str
    frequency: str  # DigestFrequency.WEEKLY or DigestFrequency.DAILY
    first_day: datetime.date
    last_day: datetime.date

    def __str__(self):
        return self.key

    @property
    def is_weekly(self) -> bool:
        return self.frequency == DigestFrequency.WEEKLY

    @property
    def length(self) -> datetime.timedelta:
        return datetime.timedelta(days=(self.last_day - self.first_day).days + 1)

    @property
    def label(self) -> str:
        """How the period reads in an email or the admin: "week of 16 November 2026"."""
        if self.is_weekly:
            return f"week of {self.first_day.day} {self.first_day:%B %Y}"
        return f"{self.first_day:%A} {self.first_day.day} {self.first_day:%B %Y}"

    def contains(self, day: datetime.date) -> bool:
        return self.first_day <= day <= self.last_day

    def due_weekdays(self, today: datetime.date) -> list[int] | None:
        """Which digest days (0 = Monday) are due by `today` in this weekly period.

        None means every day (the period is over); an empty list means none yet (the period
        has not started). Daily periods have no digest day, so they answer None once started.
        """
        if today > self.last_day:
            return None
        if today < self.first_day:
            return []
        if not self.is_weekly:
            return None
        return list(range(today.weekday() + 1))


def weekly_period(day: datetime.date) -> Period:
    year, week, _ = day.isocalendar()
    monday = datetime.date.fromisocalendar(year, week, 1)
    return Period(
        key=f"{year}-W{week:02d}",
        frequency=DigestFrequency.WEEKLY,
        first_day=monday,
        last_day=monday + datetime.timedelta(days=6),
    )


def daily_period(day: datetime.date) -> Period:
    return Period(key=day.isoformat(), frequency=DigestFrequency.DAILY, first_day=day, last_day=day)


def period_for(frequency: str, day: datetime.date) -> Period:
    return weekly_period(day) if frequency == DigestFrequency.WEEKLY else daily_period(day)


def parse_period(key: str) -> Period:
    """The period a key names; raises InvalidPeriod with a one-line reason otherwise."""
    key = (key or "").strip()
    if match := WEEKLY_KEY.match(key):
        year, week = int(match[1]), int(match[2])
        try:
            monday = datetime.date.fromisocalendar(year, week, 1)
        except ValueError:
            raise InvalidPeriod(f"{key!r}: {year} has no ISO week {week}") from None
        return weekly_period(monday)
    if DAILY_KEY.match(key):
        try:
            return daily_period(datetime.date.fromisoformat(key))
        except ValueError:
            raise InvalidPeriod(f"{key!r} is not a date in the calendar") from None
    raise InvalidPeriod(
        f"{key!r} is not a period: use an ISO week such as 2026-W47 or a date such as 2026-11-23"
    )


def local_today() -> datetime.date:
    return timezone.localdate()


def current_periods(today: datetime.date | None = None) -> list[Period]:
    """The weekly and the daily period `today` falls in: the ones scheduled runs start."""
    today = today or local_today()
    return [weekly_period(today), daily_period(today)]
