"""Which instant each video frame shows: deterministic, from frame arithmetic alone (Qt-free).

The running part uses the playback state machine's own `total_frames` / `time_for_frame`, so an export
at 2 days/s looks like playback at 2 days/s, whatever the machine's speed. At each event (or chapter)
the clock stops for `hold_seconds` on each event in story order (several on a busy day, one after the
other), captioned with that event, as stepping through the story on screen shows it.
"""

from __future__ import annotations

from dataclasses import dataclass

from aleppo_desktop.core.playback import MAX_SPEED, MIN_SPEED, Playback
from aleppo_desktop.core.scenario import Scenario
from aleppo_desktop.core.story import current_event
from aleppo_desktop.core.timeline import date_of, day_number, format_date
from aleppo_desktop.core.what_changed import fade

HOLD_AT = ("events", "chapters", "none")


@dataclass(frozen=True)
class Schedule:
    """Frame times (day numbers) and, per frame, the event in the caption (index into events,
    `core.story.current_event`: the same rule as the screen)."""

    times: tuple[float, ...]
    events: tuple[int | None, ...]
    fps: float
    # what changed, per frame (`core.what_changed.outlines_at`): (since, strength) — since None is
    # the running trail; on a hold, the ground gained since the previous hold, fading over the hold;
    # empty when the video shows no outlines
    changes: tuple[tuple[float | None, float], ...] = ()

    def __len__(self) -> int:
        return len(self.times)

    @property
    def duration_s(self) -> float:
        return len(self.times) / self.fps


def hold_events(scenario: Scenario, hold_at: str, start: float, end: float) -> list[int]:
    """The events the video pauses on, in story order: every event (or each chapter's opening)
    whose start day is within [start, end]."""
    if hold_at not in HOLD_AT:
        raise ValueError(f"hold must be one of {', '.join(HOLD_AT)}")
    if hold_at == "none":
        return []
    days = _days_within(start, end)
    return [
        i
        for i, e in enumerate(scenario.events)
        if (hold_at == "events" or e.chapter) and day_number(e.date.start) in days
    ]


def _days_within(start: float, end: float) -> set[float]:
    first = int(start) if start == int(start) else int(start) + 1
    return {float(d) for d in range(first, int(end) + 1)}


def build_schedule(
    scenario: Scenario,
    fps: float,
    speed: float,
    start: float | None = None,
    end: float | None = None,
    hold_seconds: float = 0.0,
    hold_at: str = "events",
    what_changed: bool = False,
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
    holds = hold_events(scenario, hold_at, start, end) if hold_seconds > 0 else []
    hold_frames = round(hold_seconds * fps)
    event_times = scenario.event_times
    times: list[float] = []
    events: list[int | None] = []
    changes: list[tuple[float | None, float]] = []
    h = 0
    stepped: int | None = None  # the last event held: current while the time stays on it
    previous_hold = start  # what changed on a hold: since the previous one (as stepping shows)
    for t in running:
        while h < len(holds) and event_times[holds[h]] <= t + 1e-9:
            stepped = holds[h]
            times.extend([event_times[stepped]] * hold_frames)  # stop on the event's instant
            events.extend([stepped] * hold_frames)
            changes.extend((previous_hold, fade(k / fps)) for k in range(hold_frames))
            previous_hold = event_times[stepped]
            h += 1
        times.append(t)
        events.append(current_event(scenario, t, stepped))
        changes.append((None, 1.0))
    return Schedule(tuple(times), tuple(events), fps, tuple(changes) if what_changed else ())
