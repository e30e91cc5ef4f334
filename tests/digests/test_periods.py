"""Period keys: ISO weeks for weekly digests, dates for daily ones."""

import datetime

import pytest

from digests.periods import InvalidPeriod, daily_period, parse_period, weekly_period


def test_weekly_keys_are_iso_weeks_monday_to_sunday():
    period = parse_period("2026-W47")
    assert (period.first_day, period.last_day) == (
        datetime.date(2026, 11, 16),
        datetime.date(2026, 11, 22),
    )
    assert period.is_weekly and period.length == datetime.timedelta(days=7)
    assert weekly_period(datetime.date(2026, 11, 22)) == period
    assert weekly_period(datetime.date(2026, 11, 23)).key == "2026-W48"


def test_iso_years_differ_from_calendar_years_at_the_edges():
    assert weekly_period(datetime.date(2027, 1, 1)).key == "2026-W53"
    assert weekly_period(datetime.date(2024, 12, 30)).key == "2025-W01"
    assert parse_period("2026-W53").last_day == datetime.date(2027, 1, 3)


def test_daily_keys_are_dates():
    period = parse_period("2026-11-23")
    assert period == daily_period(datetime.date(2026, 11, 23))
    assert not period.is_weekly and period.length == datetime.timedelta(days=1)


@pytest.mark.parametrize(
    "key", ["2025-W53", "2026-W00", "2026-W7", "2026-11-31", "2026/11/23", "", "W47", "2026-w47"]
)
def test_anything_else_is_refused(key):
    with pytest.raises(InvalidPeriod):
        parse_period(key)


def test_weekly_digest_days_come_due_through_the_week():
    week = parse_period("2026-W47")
    assert week.due_weekdays(datetime.date(2026, 11, 15)) == []  # not started
    assert week.due_weekdays(datetime.date(2026, 11, 16)) == [0]
    assert week.due_weekdays(datetime.date(2026, 11, 19)) == [0, 1, 2, 3]
    assert week.due_weekdays(datetime.date(2026, 11, 23)) is None  # over: everyone
