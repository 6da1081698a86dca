"""Stepping through the story (the clicker's next/previous event and chapter): every event of a busy
day in turn, in the file's order, with the time standing still between events of one instant."""

from __future__ import annotations

from datetime import date

from aleppo_desktop.core.playback import Playback, PlayState
from aleppo_desktop.core.scenario import Scenario
from aleppo_desktop.core.story import (
    caption_at,
    chapter_starts,
    current_event,
    next_chapter,
    next_in_story,
    previous_chapter,
    previous_in_story,
)
from aleppo_desktop.core.timeline import day_number

NOV_29 = day_number(date(2016, 11, 29))
NOV_30 = day_number(date(2016, 11, 30))


def day_ids(scenario: Scenario, day: date) -> list[str]:
    return [e.id for e in scenario.events if e.date.start == day]


def test_next_steps_through_every_event_of_a_busy_day(aleppo: Scenario) -> None:
    """30 Nov has eleven events: eleven presses of next show each one, in the file's order."""
    listed = [e.id for e in aleppo.meta.events if e.date.start == date(2016, 11, 30)]
    assert len(listed) == 11
    t, stepped = NOV_29, None
    seen: list[str] = []
    while True:
        index = next_in_story(aleppo, t, stepped)
        assert index is not None
        t, stepped = aleppo.event_times[index], index
        if t > NOV_30:
            break
        if t == NOV_30:
            assert current_event(aleppo, t, stepped) == index
            caption = caption_at(aleppo, t, stepped)
            assert caption is not None and caption.event_index == index
            seen.append(aleppo.events[index].id)
    # the chapter's opening first, then as listed
    assert seen == day_ids(aleppo, date(2016, 11, 30)) == listed


def test_previous_steps_back_one_by_one_then_to_the_day_before(aleppo: Scenario) -> None:
    last = max(i for i, t in enumerate(aleppo.event_times) if t == NOV_30)
    t, stepped = NOV_30, last
    back: list[int] = []
    for _ in range(11):
        index = previous_in_story(aleppo, t, stepped)
        assert index is not None
        back.append(index)
        t, stepped = aleppo.event_times[index], index
    assert back == list(range(last - 1, last - 12, -1))
    assert aleppo.event_times[back[-2]] == NOV_30
    assert aleppo.event_times[back[-1]] < NOV_30


def test_without_a_stepped_event_steps_start_from_the_caption(aleppo: Scenario) -> None:
    """Scrubbed to noon on 30 Nov the caption shows the day's first major event; next goes to the
    event after it, previous back to its instant (the caption's event lingers after it)."""
    noon = NOV_30 + 0.5
    here = current_event(aleppo, noon)
    assert here is not None
    assert next_in_story(aleppo, noon) == here + 1
    assert previous_in_story(aleppo, noon) == here
    # before the first event: next is the first, previous nothing
    assert next_in_story(aleppo, aleppo.start - 1) == 0
    assert previous_in_story(aleppo, aleppo.start - 1) is None
    # the last event: nothing after it
    last = len(aleppo.events) - 1
    assert next_in_story(aleppo, aleppo.event_times[last], last) is None


def test_a_stepped_event_is_current_only_at_its_instant(aleppo: Scenario) -> None:
    first_nov_30 = aleppo.event_times.index(NOV_30)
    minor = next(
        i
        for i, e in enumerate(aleppo.events)
        if e.date.start == date(2016, 11, 30) and e.importance == "minor"
    )
    assert current_event(aleppo, NOV_30) == first_nov_30
    assert current_event(aleppo, NOV_30, minor) == minor
    assert current_event(aleppo, NOV_30 + 0.25, minor) == first_nov_30


def test_chapters_step_to_their_openings(aleppo: Scenario) -> None:
    chapters = chapter_starts(aleppo)
    assert len(chapters) >= 3
    assert all(aleppo.events[i].chapter for i in chapters)
    t, stepped = aleppo.start - 1, None
    visited = []
    while (index := next_chapter(aleppo, t, stepped)) is not None:
        visited.append(index)
        t, stepped = aleppo.event_times[index], index
    assert visited == chapters
    # back: from an opening to the one before; from inside a chapter to its own opening
    assert previous_chapter(aleppo, t, stepped) == chapters[-2]
    inside = chapters[1] + 1
    assert previous_chapter(aleppo, aleppo.event_times[inside], inside) == chapters[1]
    assert previous_chapter(aleppo, aleppo.event_times[chapters[0]], chapters[0]) is None


def test_playback_remembers_the_event_stepped_to() -> None:
    playback = Playback(100.0, 110.0, event_times=(102.0, 102.0, 105.0))
    emitted: list[tuple[str, object]] = []
    playback.time_changed.connect(lambda t: emitted.append(("time", t)))
    playback.event_changed.connect(lambda i: emitted.append(("event", i)))
    playback.state_changed.connect(lambda s: emitted.append(("state", s)))
    playback.play()
    emitted.clear()
    playback.seek_event(0, 102.0)
    assert emitted == [("state", PlayState.IDLE), ("time", 102.0), ("event", 0)]
    assert playback.current_event == 0
    emitted.clear()
    playback.seek_event(1, 102.0)  # the same instant: only the event changes
    assert emitted == [("event", 1)]
    playback.seek_event(1, 102.0)  # nothing changes
    assert emitted == [("event", 1)]
    emitted.clear()
    playback.seek(103.0)  # moving on forgets it, after announcing the time
    assert emitted == [("time", 103.0), ("event", None)]
    assert playback.current_event is None
