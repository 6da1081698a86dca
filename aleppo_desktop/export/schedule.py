"""Which instant each video frame shows: deterministic, from frame arithmetic alone (Qt-free).

The running part uses the playback state machine's own `total_frames` / `time_for_frame`, so an export
at 2 days/s looks like playback at 2 days/s, whatever the machine's speed. At each event (or chapter)
the clock stops for `hold_seconds`: those frames repeat the event's instant.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from aleppo_desktop.core.model import Event
from aleppo_desktop.core.playback import MAX_SPEED, MIN_SPEED, Playback
from aleppo_desktop.core.scenario import Scenario
from aleppo_desktop.core.timeline import date_of, day_number, format_date

HOLD_AT = ("events", "chapters", "none")
CAPTION_LINGER_DAYS = 2.0
"""An event stays in the caption this long after its (last) day, unless a newer one replaces it."""


@dataclass(frozen=True)
class Schedule:
    """Frame times (day numbers) and, per frame, the event in the caption (index into events)."""

    times: tuple[float, ...]
    events: tuple[int | None, ...]
    fps: float

    def __len__(self) -> int:
        return len(self.times)

    @property
    def duration_s(self) -> float:
        return len(self.times) / self.fps


def hold_times(scenario: Scenario, hold_at: str, start: float, end: float) -> list[float]:
    """The instants the video pauses on: each event's (or chapter's) start day, within [start, end]."""
    if hold_at not in HOLD_AT:
        raise ValueError(f"hold must be one of {', '.join(HOLD_AT)}")
    if hold_at == "none":
        return []
    events = scenario.events if hold_at == "events" else [e for e in scenario.events if e.chapter]
    return sorted({day_number(e.date.start) for e in events} & _days_within(start, end))


def _days_within(start: float, end: float) -> set[float]:
    first = int(start) if start == int(start) else int(start) + 1
    return {float(d) for d in range(first, int(end) + 1)}


def current_event(
    scenario: Scenario, t: float, linger_days: float = CAPTION_LINGER_DAYS
) -> int | None:
    """Index (in `scenario.events`) of the event the caption shows at t: the latest one that has
    started, while it lasts plus `linger_days`; a major event wins over a minor one on the same day."""
    times = scenario.event_times
    i = bisect.bisect_right(times, t + 1e-9)
    if i == 0:
        return None
    latest_start = times[i - 1]
    candidates = [k for k in range(i) if times[k] == latest_start]
    best = max(candidates, key=lambda k: (scenario.events[k].importance == "major", -k))
    event = scenario.events[best]
    last_day = day_number(event.date.end or event.date.start)
    if t >= last_day + 1 + linger_days:
        return None
    return best


def caption_date(event: Event) -> str:
    """`5 Jul 2016`, `c. 5 Jul 2016` or `10 Jul 2016 – 12 Jul 2016`."""
    start = format_date(day_number(event.date.start))
    if event.date.precision == "range" and event.date.end is not None:
        return f"{start} – {format_date(day_number(event.date.end))}"
    if event.date.precision == "approximate":
        return f"c. {start}"
    return start


def cite(scenario: Scenario, reference: str) -> str:
    """A source reference for print: `Title, ¶10` for the brief's paragraphs, `Title, 28 November`."""
    source, locator = scenario.source_of(reference)
    if not locator:
        return source.title
    return f"{source.title}, {'¶' if source.paragraphs else ''}{locator}"


def build_schedule(
    scenario: Scenario,
    fps: float,
    speed: float,
    start: float | None = None,
    end: float | None = None,
    hold_seconds: float = 0.0,
    hold_at: str = "events",
) -> Schedule:
    """Frame times for [start, end] at `speed` days/s and `fps`, pausing `hold_seconds` at holds."""
    start = scenario.start if start is None else start
    end = scenario.end if end is None else end
    if not scenario.start <= start < end <= scenario.end:
        raise ValueError(
            f"the range {format_date(start)}..{format_date(end)} is not inside the period "
            f"{date_of(scenario.start)}..{date_of(scenario.end)}"
        )
    if not MIN_SPEED <= speed <= MAX_SPEED:
        raise ValueError(f"speed must be between {MIN_SPEED:g} and {MAX_SPEED:g} days/s")
    if not 1 <= fps <= 120:
        raise ValueError("fps must be between 1 and 120")
    if hold_seconds < 0:
        raise ValueError("hold must not be negative")
    playback = Playback(scenario.start, scenario.end, scenario.event_times, speed=speed)
    n = playback.total_frames(fps, start, end)
    running = [playback.time_for_frame(k, fps, start, end=end) for k in range(n)]
    holds = hold_times(scenario, hold_at, start, end) if hold_seconds > 0 else []
    hold_frames = round(hold_seconds * fps)
    times: list[float] = []
    h = 0
    for t in running:
        while h < len(holds) and holds[h] <= t + 1e-9:
            times.extend([holds[h]] * hold_frames)  # stop the clock on the event's instant
            h += 1
        times.append(t)
    events = tuple(current_event(scenario, t) for t in times)
    return Schedule(tuple(times), events, fps)
