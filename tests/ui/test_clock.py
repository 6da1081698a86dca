"""The Qt clock: wall-clock pacing and dropping ticks while a draw is pending."""

from __future__ import annotations

from aleppo_desktop.core.playback import PlayState
from aleppo_desktop.ui.clock import Clock


def test_ticks_are_dropped_while_a_draw_is_pending_and_time_catches_up(qtbot) -> None:
    clock = Clock(100.0, 200.0)
    clock.set_speed(10.0)
    states = []
    clock.state_changed.connect(states.append)
    clock.play()
    assert states == [PlayState.FORWARD]
    clock.draw_pending()  # the map never reports a draw: ticks are dropped, up to a limit
    qtbot.wait(80)
    assert clock.dropped_ticks >= 1
    held = clock.time
    assert held == 100.0
    clock.frame_drawn()
    qtbot.waitUntil(lambda: clock.time > 100.5, timeout=3000)
    clock.pause()
    assert states == [PlayState.FORWARD, PlayState.IDLE]


def test_a_pending_draw_does_not_stall_the_clock_for_ever(qtbot) -> None:
    clock = Clock(100.0, 200.0)
    clock.play()
    clock.draw_pending()
    qtbot.waitUntil(lambda: clock.time > 100.0, timeout=3000)
    clock.pause()
