"""The story told over the map: which event is current at an instant, and how dates and sources read.

One rule and one wording, used by the events panel, the on-screen caption, video/GIF captions, the PDF
handout and KML, so that an export reads exactly like the screen.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from aleppo_desktop.core.language import digits, month_name, phrase, pick
from aleppo_desktop.core.model import Event, EventDate
from aleppo_desktop.core.timeline import day_number, format_date

if TYPE_CHECKING:
    from aleppo_desktop.core.scenario import Scenario

CAPTION_LINGER_DAYS = 2.0
"""An event stays current this long after its (last) day, unless a newer one replaces it."""
STEP_EPSILON = 1e-6
"""Days; a time this close to an event's instant is at that event (stepping moves on from it)."""


def current_event(
    scenario: Scenario,
    t: float,
    stepped: int | None = None,
    linger_days: float = CAPTION_LINGER_DAYS,
) -> int | None:
    """Index (in `scenario.events`, the story order) of the event current at t.

    `stepped` is the event the user stepped to (next/previous event, a click on an event, a video
    holding on it): it is current while the time stays at its instant, so every event of a busy day
    gets its turn. Otherwise the latest event that has started, while it lasts plus `linger_days`;
    on a day with several, a major event wins, then the first in story order."""
    times = scenario.event_times
    if (
        stepped is not None
        and 0 <= stepped < len(times)
        and abs(times[stepped] - t) <= STEP_EPSILON
    ):
        return stepped
    i = bisect.bisect_right(times, t + 1e-9)
    if i == 0:
        return None
    latest_start = times[i - 1]
    first = bisect.bisect_left(times, latest_start)
    best = max(range(first, i), key=lambda k: (scenario.events[k].importance == "major", -k))
    event = scenario.events[best]
    last_day = day_number(event.date.end or event.date.start)
    if t >= last_day + 1 + linger_days:
        return None
    return best


def next_in_story(scenario: Scenario, t: float, stepped: int | None = None) -> int | None:
    """The event after the current one in story order (the clicker's "next"), every event of a day
    in turn; with no current event, the first one after t. None at the end of the story."""
    here = current_event(scenario, t, stepped)
    if here is not None:
        following = here + 1
    else:
        following = bisect.bisect_right(scenario.event_times, t + STEP_EPSILON)
    return following if following < len(scenario.events) else None


def previous_in_story(scenario: Scenario, t: float, stepped: int | None = None) -> int | None:
    """The event before the current one in story order; while the current event lingers after its
    instant, that event itself (back to where it happened). None before the first."""
    times = scenario.event_times
    here = current_event(scenario, t, stepped)
    if here is not None:
        return here if times[here] < t - STEP_EPSILON else (here - 1 if here > 0 else None)
    before = bisect.bisect_left(times, t - STEP_EPSILON)
    return before - 1 if before > 0 else None


def chapter_starts(scenario: Scenario) -> list[int]:
    """The events that open a chapter, in story order."""
    return [i for i, e in enumerate(scenario.events) if e.chapter]


def next_chapter(scenario: Scenario, t: float, stepped: int | None = None) -> int | None:
    """The opening event of the next chapter after the current event (or after t)."""
    here = current_event(scenario, t, stepped)
    times = scenario.event_times
    for i in chapter_starts(scenario):
        if (here is not None and i > here) or (here is None and times[i] > t + STEP_EPSILON):
            return i
    return None


def previous_chapter(scenario: Scenario, t: float, stepped: int | None = None) -> int | None:
    """Back to the opening of the current chapter, or, at an opening's instant, the one before."""
    here = current_event(scenario, t, stepped)
    times = scenario.event_times
    at_here = here is not None and times[here] >= t - STEP_EPSILON
    found = None
    for i in chapter_starts(scenario):
        if here is not None:
            if i < here or (i == here and not at_here):
                found = i
        elif times[i] < t - STEP_EPSILON:
            found = i
    return found


def event_date_text(event: Event, code: str | None = None) -> str:
    """`5 Jul 2016`, `about 5 Jul 2016` or `10 Jul 2016 – 12 Jul 2016` (in the language `code`,
    default the one spoken: `core.language`)."""
    return date_text(event.date, code)


def date_text(when: EventDate, code: str | None = None) -> str:
    """An event's (or a dispute's) date worded by its precision; see `event_date_text`."""
    start = format_date(day_number(when.start), code)
    if when.precision == "range" and when.end is not None:
        return f"{start} – {format_date(day_number(when.end), code)}"
    if when.precision == "approximate":
        return phrase("about {date}", code, date=start)
    return start


def window_text(first: date, last: date, code: str | None = None) -> str:
    """`between 10 and 14 Sep 2016` (`between 28 Sep and 2 Oct 2016`): a window of uncertain dates."""
    if (first.year, first.month) == (last.year, last.month):
        head = digits(str(first.day), code)
    elif first.year == last.year:
        head = digits(f"{first.day} {month_name(first.month, code)}", code)
    else:
        head = format_date(day_number(first), code)
    return phrase(
        "between {first} and {last}", code, first=head, last=format_date(day_number(last), code)
    )


def held_since_text(scenario: Scenario, area_id: str, t: float) -> str:
    """How long the holder at t has held the area, for hover text: `since 14 Sep 2016`, with
    `(taken between 10 and 14 Sep 2016)` when that change was dated by a window, and the confidence
    change when there was one: `(claimed since 20 Sep 2016)`."""
    control = scenario.control
    holding = control.holding_at(area_id, t)
    held = control.held_since(area_id, t)
    text = phrase("since {date}", date=format_date(day_number(held)))
    if holding.taken_between is not None:
        text += f" ({phrase('taken {window}', window=window_text(*holding.taken_between))})"
    if held != holding.start:
        since = phrase(
            "{confidence} since {date}",
            confidence=phrase(holding.confidence),
            date=format_date(day_number(holding.start)),
        )
        text += f" ({since})"
    return text


def uncertain_text(scenario: Scenario, area_id: str, t: float) -> str | None:
    """While a change dated by a window is under way at t: `uncertain: taken by Regime between 10 and
    14 Sep 2016`; None otherwise. The map draws the area in the uncertain style meanwhile."""
    change = scenario.control.window_at(area_id, t)
    if change is None or change.until is None:
        return None
    faction = scenario.factions[scenario.faction_index[change.faction]]
    return phrase(
        "uncertain: taken by {faction} {window}",
        faction=pick(faction.name_en, faction.name_ar),
        window=window_text(change.date, change.until),
    )


@dataclass(frozen=True)
class Citation:
    """A source reference resolved against the scenario's sources."""

    title: str
    locator: str  # "" when the reference names the whole source
    paragraph: bool  # the locator is a paragraph number of the source (the brief)
    url: str

    @property
    def text(self) -> str:
        """`Title, ¶10` for a paragraph, `Title, 28 November` for another locator, else `Title`."""
        if not self.locator:
            return self.title
        return f"{self.title}, {'¶' if self.paragraph else ''}{self.locator}"


def citation(scenario: Scenario, reference: str) -> Citation:
    source, locator = scenario.source_of(reference)
    return Citation(source.title, locator, bool(locator) and source.paragraphs, source.url)


def cite(scenario: Scenario, reference: str) -> str:
    """The one printed wording of a source reference (see `Citation.text`)."""
    return citation(scenario, reference).text


@dataclass(frozen=True)
class Caption:
    """What the map says about the current event: its title, date and source."""

    event_index: int
    title: str
    date_text: str
    source_text: str


def caption_at(scenario: Scenario, t: float, stepped: int | None = None) -> Caption | None:
    """The caption at t (screen and exports alike), or None when no event is current; `stepped`
    as in `current_event`."""
    index = current_event(scenario, t, stepped)
    return None if index is None else caption_of(scenario, index)


def caption_of(scenario: Scenario, index: int) -> Caption:
    """The caption of one event (index into `scenario.events`)."""
    event = scenario.events[index]
    return Caption(
        index,
        pick(event.title, event.title_ar),
        event_date_text(event),
        cite(scenario, event.source),
    )
