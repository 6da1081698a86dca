"""The language the app speaks (English or Arabic) for the Qt-free wording: dates, digits, phrases.

One process speaks one language, chosen once at start-up (`--lang`, View > Language, the system
locale) and set here with `set_language`; the GUI, the CLI and every export then word dates and the
story alike. Widget and message strings go through Qt's catalogue (`aleppo_desktop.translations`);
the core cannot use Qt, so the few phrases it words itself (`about 5 Jul 2016`, `since ...`) are in
`PHRASES` below, and a test checks each one has its Arabic. The core's error messages are in the
catalogue (marked with `QT_TRANSLATE_NOOP`, see `core.errors`): `translate` reads it through the
lookup `aleppo_desktop.translations` hands over with `set_catalogue` (the core imports no Qt).

Arabic month names are the Levantine (Syriac) ones used in Syria (`كانون الأول`, not `ديسمبر`): the
people who brief this battle read them first. Eastern Arabic digits (`١٢`) are a setting.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date

LANGUAGES = ("en", "ar")
"""The languages the app speaks; `en` is the fallback for any text missing in another."""
RTL_LANGUAGES = frozenset({"ar"})

MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MONTHS_AR = (
    "كانون الثاني",
    "شباط",
    "آذار",
    "نيسان",
    "أيار",
    "حزيران",
    "تموز",
    "آب",
    "أيلول",
    "تشرين الأول",
    "تشرين الثاني",
    "كانون الأول",
)
EASTERN_DIGITS = str.maketrans("0123456789.,%", "٠١٢٣٤٥٦٧٨٩٫٬٪")

PHRASES: Mapping[str, str] = {
    "about {date}": "حوالي {date}",
    "between {first} and {last}": "بين {first} و{last}",
    "since {date}": "منذ {date}",
    "taken {window}": "سيطر عليها {window}",
    "{confidence} since {date}": "{confidence} منذ {date}",
    "uncertain: taken by {faction} {window}": "غير مؤكد: سيطر عليها {faction} {window}",
    "confirmed": "مؤكد",
    "claimed": "مُدّعى",
    "contested": "متنازع عليه",
    "uncertain": "غير مؤكد",
    "Sources disagree": "المصادر مختلفة",
    "[the map follows this]": "[الخريطة تتبع هذه الرواية]",
    "Map follows {source}: {why}": "تتبع الخريطة {source}: {why}",
    "The map takes no side: {why}": "لا تنحاز الخريطة إلى أي رواية: {why}",
    "map follows {version}": "الخريطة تتبع {version}",
    "map takes no side": "الخريطة لا تنحاز",
}
"""The core's own phrases (English template -> Arabic template, same `{fields}`)."""


@dataclass(frozen=True)
class LanguageSetting:
    code: str = "en"
    eastern_digits: bool = False


_current = LanguageSetting()
_catalogue: Callable[[str, str], str | None] | None = None


def set_catalogue(lookup: Callable[[str, str], str | None] | None) -> None:
    """The message catalogue's lookup `(context, English) -> translation or None/""` (None: the
    English); set by `aleppo_desktop.translations.use_language`, which loads Qt's catalogue."""
    global _catalogue
    _catalogue = lookup


def translate(context: str, text: str) -> str:
    """`text` (an English source string marked in `context`) in the language spoken; the English
    when the catalogue has no translation for it."""
    if _catalogue is None:
        return text
    return _catalogue(context, text) or text


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # the name lupdate looks for
    """Mark `text` for the catalogue where it is defined (a table of choices or messages); it is
    translated where it is shown, with `translate(context, text)`. Typed, unlike Qt's."""
    return text


def set_language(code: str, eastern_digits: bool | None = None) -> None:
    """Speak `code` from now on (`en` or `ar`); `eastern_digits` defaults to keeping the setting."""
    global _current
    if code not in LANGUAGES:
        raise ValueError(f"language {code!r} is not one of {', '.join(LANGUAGES)}")
    digits = _current.eastern_digits if eastern_digits is None else eastern_digits
    _current = LanguageSetting(code, digits)


def language() -> str:
    """The language the process speaks."""
    return _current.code


def uses_eastern_digits() -> bool:
    return _current.eastern_digits and _current.code == "ar"


def is_rtl(code: str | None = None) -> bool:
    return (code or _current.code) in RTL_LANGUAGES


def system_language(environ: Mapping[str, str] | None = None) -> str:
    """The language of the user's locale (POSIX variables, first set wins), `en` if not one we speak."""
    env = os.environ if environ is None else environ
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if value:
            code = value.split(":")[0].split("_")[0].split(".")[0].lower()
            return code if code in LANGUAGES else "en"
    return "en"


def digits(text: str, code: str | None = None) -> str:
    """`text` with Western digits (and decimal/thousands/percent signs) as Eastern Arabic ones when
    the language is Arabic and the setting asks for them; unchanged otherwise."""
    if (code or _current.code) == "ar" and _current.eastern_digits:
        return text.translate(EASTERN_DIGITS)
    return text


def phrase(template: str, code: str | None = None, **fields: str) -> str:
    """The core phrase `template` in the language, its `{fields}` filled."""
    if (code or _current.code) == "ar":
        template = PHRASES.get(template, template)
    return template.format(**fields)


def month_name(month: int, code: str | None = None) -> str:
    """`Dec` or `كانون الأول`."""
    return (MONTHS_AR if (code or _current.code) == "ar" else MONTHS_EN)[month - 1]


def day_text(day: date, code: str | None = None) -> str:
    """`30 Nov 2016` or `30 تشرين الثاني 2016` (digits per the setting)."""
    return digits(f"{day.day} {month_name(day.month, code)} {day.year}", code)


def pick(english: str, arabic: str | None, code: str | None = None) -> str:
    """A text authored in both languages, in the one spoken: the Arabic when there is one, else the
    English (per field: a scenario may translate some texts and not others)."""
    if (code or _current.code) == "ar" and arabic:
        return arabic
    return english


MONTHS_AR_OTHER = (
    "يناير",
    "فبراير",
    "مارس",
    "أبريل",
    "مايو",
    "يونيو",
    "يوليو",
    "أغسطس",
    "سبتمبر",
    "أكتوبر",
    "نوفمبر",
    "ديسمبر",
)
"""The Egyptian/Gulf month names, also understood when typed."""
WESTERN_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩٫٬", "0123456789.,")


def latin_date_text(text: str) -> str:
    """A date typed in Arabic (`13 كانون الأول 2016`, `١٣/١٢`) as the English the date parser reads
    (`13 Dec 2016`, `13/12`): Eastern digits to Western, Arabic month names (Levantine or
    Egyptian) to English ones; other text unchanged."""
    text = text.translate(WESTERN_DIGITS)
    names = [
        (ar, MONTHS_EN[i]) for months in (MONTHS_AR, MONTHS_AR_OTHER) for i, ar in enumerate(months)
    ]
    for arabic, english in sorted(names, key=lambda pair: -len(pair[0])):  # كانون الثاني first
        text = text.replace(arabic, f" {english} ")
    return " ".join(text.split())
