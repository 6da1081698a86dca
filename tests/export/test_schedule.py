"""The frame schedule: the playback machine's arithmetic, holds at events, captions (no Qt)."""

from __future__ import annotations

from datetime import date

import pytest

from aleppo_desktop.core.playback import Playback
from aleppo_desktop.core.scenario import Scenario
from aleppo_desktop.core.story import current_event
from aleppo_desktop.core.timeline import day_number
from aleppo_desktop.export.schedule import build_schedule


def test_running_frames_use_the_playback_arithmetic(grid: Scenario) -> None:
    schedule = build_schedule(grid, fps=30, speed=2.0)
    playback = Playback(grid.start, grid.end, speed=2.0)
    assert len(schedule) == playback.total_frames(30) == 19 * 15 + 1
    assert schedule.times[0] == grid.start and schedule.times[-1] == grid.end
    assert schedule.times[15] == grid.start + 1.0  # exactly one day per 15 frames
    assert schedule.duration_s == pytest.approx(286 / 30)


def test_holds_repeat_the_event_instant(grid: Scenario) -> None:
    plain = build_schedule(grid, fps=10, speed=1.0)
    held = build_schedule(grid, fps=10, speed=1.0, hold_seconds=1.5, hold_at="events")
    assert len(held) == len(plain) + 3 * 15  # three events, 15 frames each
    e1 = day_number(date(2016, 7, 5))
    assert held.times.count(e1) == 16  # the running frame on the instant plus the hold
    assert list(held.times) == sorted(held.times)
    chapters = build_schedule(grid, fps=10, speed=1.0, hold_seconds=1.0, hold_at="chapters")
    assert len(chapters) == len(plain) + 2 * 10  # two chapters


def test_a_range_inside_the_period_and_bad_options(grid: Scenario) -> None:
    start, end = day_number(date(2016, 7, 4)), day_number(date(2016, 7, 6))
    schedule = build_schedule(grid, fps=4, speed=1.0, start=start, end=end, hold_seconds=2)
    assert len(schedule) == 9 + 8  # one event (07-05) in the range
    with pytest.raises(ValueError, match="period"):
        build_schedule(grid, fps=4, speed=1.0, start=grid.start - 1)
    with pytest.raises(ValueError, match="speed"):
        build_schedule(grid, fps=4, speed=100)
    with pytest.raises(ValueError, match="fps"):
        build_schedule(grid, fps=0, speed=1)
    with pytest.raises(ValueError, match="hold"):
        build_schedule(grid, fps=4, speed=1, hold_seconds=1, hold_at="sometimes")


def test_every_frame_captions_the_story_s_current_event(grid: Scenario) -> None:
    """The video's captions follow `core.story.current_event`, the screen's rule, frame by frame."""
    schedule = build_schedule(grid, fps=4, speed=1.0, hold_seconds=1.0)
    assert list(schedule.events) == [current_event(grid, t) for t in schedule.times]
    ids = {grid.events[i].id for i in schedule.events if i is not None}
    assert ids == {"e1", "e2", "e3"} and None in schedule.events  # captions come and go
    e1 = day_number(date(2016, 7, 5))
    assert {schedule.events[k] for k, t in enumerate(schedule.times) if t == e1} == {0}


def test_sizes_by_name_or_width_and_height() -> None:
    from aleppo_desktop.export.video import parse_size

    assert parse_size("1080p") == (1920, 1080)
    assert parse_size("4K") == (3840, 2160)
    assert parse_size("800x600") == (800, 600)
    with pytest.raises(ValueError, match="WIDTHxHEIGHT"):
        parse_size("big")
    with pytest.raises(ValueError, match="between"):
        parse_size("10x10")


def test_a_busy_day_holds_on_each_event_in_story_order() -> None:
    """30 Nov has eleven events: the video holds on each, captioned with it, as the clicker steps."""
    from aleppo_desktop.core.loading import load_scenario
    from aleppo_desktop.paths import bundled_scenario_path

    bundled = load_scenario(bundled_scenario_path())
    nov_30 = day_number(date(2016, 11, 30))
    schedule = build_schedule(
        bundled, fps=2, speed=1.0, start=nov_30 - 1, end=nov_30 + 1, hold_seconds=1.0
    )
    on_the_day = [i for i, t in zip(schedule.events, schedule.times, strict=True) if t == nov_30]
    story = [i for i, t in enumerate(bundled.event_times) if t == nov_30]
    assert len(story) == 11
    held = [i for k, i in enumerate(on_the_day) if k == 0 or on_the_day[k - 1] != i]
    assert held == story  # each event in turn, two frames each, the last one also running on
    assert on_the_day.count(story[0]) == 2 and on_the_day.count(story[-1]) == 3


def test_what_changed_runs_as_a_trail_and_fades_on_each_hold(grid: Scenario) -> None:
    """The video outlines what changed as the screen does: a trail while the clock runs; on a hold,
    the ground gained since the previous hold, fading over the hold."""
    plain = build_schedule(grid, fps=4, speed=1.0, hold_seconds=1.0)
    assert plain.changes == ()
    schedule = build_schedule(grid, fps=4, speed=1.0, hold_seconds=1.0, what_changed=True)
    assert len(schedule.changes) == len(schedule.times)
    e1 = day_number(date(2016, 7, 5))
    held = [
        k
        for k, (t, e) in enumerate(zip(schedule.times, schedule.events, strict=True))
        if t == e1 and e == 0
    ]
    on_hold = [schedule.changes[k] for k in held[:4]]
    assert [since for since, _ in on_hold] == [grid.start] * 4  # since the range's start
    assert [strength for _, strength in on_hold] == [1.0, 0.9375, 0.875, 0.8125]  # 4 s fade
    running = [c for k, c in enumerate(schedule.changes) if k not in held[:4]]
    assert all(c == (None, 1.0) for c in running[: held[0]])
