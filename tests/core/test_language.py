"""core.language: Arabic dates, digits, phrases and per-field fallback, in the Qt-free wording."""

from __future__ import annotations

import re
from datetime import date

import pytest

from aleppo_desktop.core import language
from aleppo_desktop.core.model import EventDate
from aleppo_desktop.core.story import date_text, window_text
from aleppo_desktop.core.timeline import day_number, format_date

ARABIC = re.compile(r"[\u0600-\u06ff]")


@pytest.fixture
def arabic():
    language.set_language("ar", eastern_digits=False)
    yield
    language.set_language("en", eastern_digits=False)


def test_english_is_the_default_wording():
    assert format_date(day_number(date(2016, 11, 30))) == "30 Nov 2016"
    assert date_text(EventDate(start=date(2016, 7, 5), precision="approximate")) == (
        "about 5 Jul 2016"
    )


def test_arabic_dates_use_the_levantine_month_names(arabic):
    assert format_date(day_number(date(2016, 12, 13))) == "13 كانون الأول 2016"
    assert format_date(day_number(date(2016, 9, 1))) == "1 أيلول 2016"
    assert date_text(EventDate(start=date(2016, 7, 5), precision="approximate")) == (
        "حوالي 5 تموز 2016"
    )
    assert window_text(date(2016, 9, 28), date(2016, 10, 2)) == "بين 28 أيلول و2 تشرين الأول 2016"


def test_an_explicit_language_overrides_the_spoken_one(arabic):
    assert format_date(day_number(date(2016, 11, 30)), "en") == "30 Nov 2016"


def test_eastern_digits_are_a_setting(arabic):
    language.set_language("ar", eastern_digits=True)
    assert format_date(day_number(date(2016, 12, 13))) == "١٣ كانون الأول ٢٠١٦"
    assert language.digits("12.5%") == "١٢٫٥٪"
    language.set_language("en")
    assert language.digits("12") == "12"  # the setting only applies to Arabic


def test_every_core_phrase_has_arabic_with_the_same_fields():
    for english, arabic_text in language.PHRASES.items():
        assert ARABIC.search(arabic_text), english
        assert re.findall(r"{\w+}", english) == re.findall(r"{\w+}", arabic_text), english


def test_per_field_fallback(arabic):
    assert language.pick("Old City", "المدينة القديمة") == "المدينة القديمة"
    assert language.pick("Old City", "") == "Old City"
    assert language.pick("Old City", "المدينة القديمة", "en") == "Old City"


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"LANG": "ar_SY.UTF-8"}, "ar"),
        ({"LANGUAGE": "ar:en", "LANG": "en_GB.UTF-8"}, "ar"),
        ({"LC_ALL": "en_US.UTF-8", "LANG": "ar_SY.UTF-8"}, "en"),
        ({"LANG": "fr_FR.UTF-8"}, "en"),
        ({}, "en"),
    ],
)
def test_system_language(environ, expected):
    assert language.system_language(environ) == expected


def test_unknown_language_is_refused():
    with pytest.raises(ValueError, match="not one of en, ar"):
        language.set_language("fr")


def test_a_date_typed_in_arabic_is_read():
    from aleppo_desktop.core.date_input import parse_day

    start, end = day_number(date(2016, 7, 1)), day_number(date(2016, 12, 22))
    dec_13 = day_number(date(2016, 12, 13))
    for typed in ("13 كانون الأول 2016", "١٣ كانون الأول", "١٣/١٢", "13 ديسمبر"):
        assert parse_day(typed, start, end) == dec_13, typed
    assert parse_day("1 تموز", start, end) == start
    with pytest.raises(ValueError, match="outside the period"):
        parse_day("13 كانون الثاني 2016", start, end)  # January, not December


def test_what_the_go_to_date_box_shows_in_arabic_reads_back(arabic):
    from aleppo_desktop.core.date_input import parse_day

    language.set_language("ar", eastern_digits=True)
    start, end = day_number(date(2016, 7, 1)), day_number(date(2016, 12, 22))
    for day in (date(2016, 7, 1), date(2016, 11, 30), date(2016, 12, 22)):
        shown = format_date(day_number(day))
        assert parse_day(shown, start, end) == day_number(day), shown
