"""The Qt clock: wall-clock pacing, dropping ticks while a draw is pending, announcing a new period,
and the debounce of slow panels. Time is a controlled `now`, and ticks are called by hand (the
event loop never runs the QTimer here), so every count is exact."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QObject

from aleppo_desktop.core.playback import PlayState
from aleppo_desktop.ui.clock import DEBOUNCE_MS, MAX_PENDING_MS, Clock, Debounced


class FakeNow:
    """Monotonic seconds that move only when told (binary fractions keep the sums exact)."""

    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


MadeClock = tuple[Clock, FakeNow, list[float], list[PlayState]]


@pytest.fixture
def make_clock(qtbot) -> Iterator[Callable[..., MadeClock]]:
    """Clocks on a controlled `now`, deleted in this thread when the test ends. (A clock is in a
    reference cycle with its Playback; left to the garbage collector, it could be destroyed, timer
    and all, from whichever thread happens to collect, e.g. a window's figures thread.)"""
    made: list[Clock] = []

    def make(speed: float = 8.0) -> MadeClock:
        now = FakeNow()
        clock = Clock(100.0, 200.0, now=now)
        made.append(clock)
        clock.set_speed(speed)
        times: list[float] = []
        states: list[PlayState] = []
        clock.time_changed.connect(times.append)
        clock.state_changed.connect(states.append)
        return clock, now, times, states

    yield make
    for clock in made:
        clock.pause()
        clock.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_time_advances_by_elapsed_wall_clock_times_speed(make_clock) -> None:
    clock, now, times, states = make_clock(speed=8.0)
    clock.play()
    now.t += 0.25
    clock.tick()
    now.t += 0.125
    clock.tick()
    clock.tick()  # no time has passed: no move, no emission
    assert times == [102.0, 103.0]
    clock.pause()
    now.t += 1.0
    clock.tick()  # a stray tick while paused moves nothing
    assert times == [102.0, 103.0]
    assert states == [PlayState.FORWARD, PlayState.IDLE]
    assert clock.dropped_ticks == 0


def test_ticks_are_dropped_while_a_draw_is_pending_and_time_catches_up(make_clock) -> None:
    clock, now, times, _states = make_clock(speed=8.0)
    clock.play()
    clock.draw_pending()  # the map has not drawn yet
    for _ in range(3):
        now.t += 0.015625  # 15.6 ms, well under MAX_PENDING_MS in all
        clock.tick()
    assert clock.dropped_ticks == 3
    assert times == []
    clock.frame_drawn()
    now.t += 0.015625
    clock.tick()  # catches up the whole 62.5 ms: 0.5 day at 8 days/s
    assert times == [100.5]
    assert clock.dropped_ticks == 3


def test_a_pending_draw_does_not_stall_the_clock_for_ever(make_clock) -> None:
    clock, now, times, _states = make_clock(speed=8.0)
    clock.play()
    clock.draw_pending()  # and never drawn (e.g. a hidden window)
    assert 62.5 < MAX_PENDING_MS <= 125.0
    now.t += 0.0625
    clock.tick()
    assert (clock.dropped_ticks, times) == (1, [])
    now.t += 0.0625  # pending for 125 ms, past MAX_PENDING_MS: the tick advances the whole time
    clock.tick()
    assert clock.dropped_ticks == 1
    assert times == [101.0]
    assert not clock.draw_is_pending


def test_a_new_period_pauses_and_announces_range_and_time_once(make_clock) -> None:
    clock, _now, times, states = make_clock()
    ranges: list[tuple[float, float]] = []
    clock.range_changed.connect(lambda a, b: ranges.append((a, b)))
    clock.seek(150.0)
    clock.play()
    clock.set_range(120.0, 140.0, [125.0])  # 150 -> 140 (clamped, unannounced) -> 120, the start
    assert states == [PlayState.FORWARD, PlayState.IDLE]
    assert ranges == [(120.0, 140.0)]
    assert times == [150.0, 120.0]
    clock.set_range(120.0, 140.0, [125.0])  # the same period again (reopened): still announced
    assert ranges == [(120.0, 140.0), (120.0, 140.0)]
    assert times == [150.0, 120.0, 120.0]
    assert states == [PlayState.FORWARD, PlayState.IDLE]
    clock.next_event()
    assert clock.time == 125.0


def test_debounced_slot_runs_once_per_burst_with_the_latest_time(make_clock, qtbot) -> None:
    clock, _now, _times, _states = make_clock()
    owner = QObject()
    calls: list[float] = []
    debounced = Debounced(clock, calls.append, owner)
    for t in (101.0, 102.0, 103.0):
        clock.seek(t)
    assert calls == []
    assert debounced.timer.isActive()
    assert debounced.timer.interval() == DEBOUNCE_MS
    qtbot.waitUntil(lambda: bool(calls), timeout=2000)
    assert calls == [103.0]
    qtbot.wait(2 * DEBOUNCE_MS)
    assert calls == [103.0]  # nothing changed since: no second call
