"""Go to date: the forms a briefer types, the year taken from the period, and readable errors."""

from __future__ import annotations

from datetime import date

import pytest

from aleppo_desktop.core.date_input import parse_day
from aleppo_desktop.core.timeline import day_number

START, END = day_number(date(2016, 7, 1)), day_number(date(2016, 12, 31))
DEC_13 = day_number(date(2016, 12, 13))


@pytest.mark.parametrize(
    "text",
    [
        "13 Dec",
        "13 dec",
        "13 December",
        "13 Dec 2016",
        "13th December",
        "Dec 13",
        "December 13, 2016",
        "2016-12-13",
        "13/12",
        "13/12/2016",
        "13/12/16",
        "13.12.",
        "13.12.2016",
        "  13  Dec ",
        "13Dec",
    ],
)
def test_the_forms_a_briefer_types(text: str) -> None:
    assert parse_day(text, START, END) == DEC_13


def test_without_a_year_the_period_decides() -> None:
    # a period over the new year: January is the later year, December the earlier
    start, end = day_number(date(2016, 11, 1)), day_number(date(2017, 2, 28))
    assert parse_day("5 Jan", start, end) == day_number(date(2017, 1, 5))
    assert parse_day("20/12", start, end) == day_number(date(2016, 12, 20))
    assert parse_day("9 Aug", START, END) == day_number(date(2016, 8, 9))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "type a date"),
        ("tomorrow", "is not a date"),
        ("13 Foo", "is not a date"),
        ("31/11", "no such day"),
        ("2016-02-30", "no such day"),
        ("13 Dec 2015", "outside the period 1 Jul 2016 – 31 Dec 2016"),
        ("12/06", "outside the period"),
    ],
)
def test_errors_say_what_is_wrong(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_day(text, START, END)
