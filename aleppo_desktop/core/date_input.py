"""What a briefer types to go to a date (Ctrl+G): `13 Dec`, `13 December 2016`, `Dec 13`,
`2016-12-13`, `13/12`, `13/12/2016` or `13.12.` — day before month, as in Syria and Europe.

Without a year, the year is the one that puts the day inside the scenario's period (the nearest to
it when none does). The answer is a day number (`core.timeline`); errors are ValueErrors a dialog
can show as they are.
"""

from __future__ import annotations

import re
from datetime import date

from aleppo_desktop.core.language import latin_date_text
from aleppo_desktop.core.timeline import date_of, day_number, format_date

MONTHS = {
    name: k
    for k, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
EXAMPLES = '"13 Dec", "2016-12-13" or "13/12"'

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_NUMERIC = re.compile(r"(\d{1,2})[/.\-](\d{1,2})(?:[/.\-](\d{2}|\d{4}))?\.?")
_DAY_MONTH = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s*([a-z]+)\.?(?:\s+(\d{4}))?")
_MONTH_DAY = re.compile(r"([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?(?:\s+(\d{4}))?")


def parse_day(text: str, start: float, end: float) -> float:
    """The day number of `text` (see the module), which must fall within [start, end]."""
    text = latin_date_text(text)  # typed in Arabic: Eastern digits, Arabic month names
    cleaned = " ".join(text.strip().lower().replace(",", " ").split())
    if not cleaned:
        raise ValueError(f"type a date, e.g. {EXAMPLES}")
    year: int | None
    if m := _ISO.fullmatch(cleaned):
        year, month, day = int(m[1]), int(m[2]), int(m[3])
    elif m := _NUMERIC.fullmatch(cleaned):
        day, month = int(m[1]), int(m[2])
        year = _full_year(m[3])
    elif (m := _DAY_MONTH.fullmatch(cleaned)) and m[2] in MONTHS:
        day, month, year = int(m[1]), MONTHS[m[2]], _full_year(m[3])
    elif (m := _MONTH_DAY.fullmatch(cleaned)) and m[1] in MONTHS:
        day, month, year = int(m[2]), MONTHS[m[1]], _full_year(m[3])
    else:
        raise ValueError(f"{text.strip()!r} is not a date; type e.g. {EXAMPLES}")
    when = _in_period(day, month, year, start, end)
    t = day_number(when)
    if not start <= t <= end:
        raise ValueError(
            f"{format_date(t)} is outside the period {format_date(start)} – {format_date(end)}"
        )
    return t


def _full_year(text: str | None) -> int | None:
    if text is None:
        return None
    value = int(text)
    return value + 2000 if len(text) == 2 else value


def _in_period(day: int, month: int, year: int | None, start: float, end: float) -> date:
    if year is not None:
        return _date(year, month, day)
    first, last = date_of(start).year, date_of(end).year
    candidates = []
    for y in range(first - 1, last + 2):
        try:
            candidates.append(date(y, month, day))
        except ValueError:
            continue
    if not candidates:
        _date(first, month, day)  # raises the readable error
    # inside the period if possible, else the nearest to it
    return min(candidates, key=lambda d: _distance(day_number(d), start, end))


def _distance(t: float, start: float, end: float) -> float:
    return max(start - t, t - end, 0.0)


def _date(year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError as exc:
        raise ValueError(f"no such day: {day}/{month}/{year} ({exc})") from None
