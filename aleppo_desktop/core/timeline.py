"""The clock: a float day number (the calendar day's ordinal plus the elapsed fraction of the day).

Dates are calendar days in the scenario's time zone, so the clock needs no time-zone arithmetic:
2016-11-30 00:00 local time is `day_number(date(2016, 11, 30))`, and noon that day is that plus 0.5.
"""

from __future__ import annotations

import math
from datetime import date, datetime, timedelta

from aleppo_desktop.core.language import day_text


def day_number(day: date) -> float:
    """The clock value at 00:00 of a calendar day."""
    return float(day.toordinal())


def date_of(t: float) -> date:
    """The calendar day that contains the instant t."""
    return date.fromordinal(math.floor(t + 1e-9))


def datetime_of(t: float) -> datetime:
    """The local date and time of the instant t (to the minute)."""
    day = date_of(t)
    minutes = round((t - day.toordinal()) * 24 * 60)
    return datetime(day.year, day.month, day.day) + timedelta(minutes=minutes)


def parse_date(text: str) -> date:
    """Parse a `YYYY-MM-DD` calendar date (raises ValueError with a readable message)."""
    try:
        return date.fromisoformat(text.strip())
    except (ValueError, AttributeError):
        raise ValueError(f"not a date (YYYY-MM-DD): {text!r}") from None


def format_date(t: float, code: str | None = None) -> str:
    """A date label such as `30 Nov 2016` (`30 تشرين الثاني 2016` in Arabic; `core.language`)."""
    return day_text(date_of(t), code)
