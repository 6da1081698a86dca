"""The playback state machine: exact transitions and signal counts (QGIS QSignalSpy-style tests).

Times are day numbers starting at 15 November 2016; the range is 10 days. Every step and overshoot
used with exact equality is a sum of binary fractions, so the arithmetic is exact.
"""

from __future__ import annotations

import random
from datetime import date

import pytest

from aleppo_desktop.core.playback import (
    MAX_SPEED,
    MIN_SPEED,
    LoopMode,
    Playback,
    PlayState,
)
from aleppo_desktop.core.signal import Signal

START = float(date(2016, 11, 15).toordinal())
END = START + 10.0
FORWARD, REVERSE, IDLE = PlayState.FORWARD, PlayState.REVERSE, PlayState.IDLE


class Spy:
    """Records every emission of a Playback, in order, as (signal name, args)."""

    def __init__(self, playback: Playback) -> None:
        self.emissions: list[tuple[str, tuple[object, ...]]] = []
        for name in ("time_changed", "state_changed", "speed_changed", "loop_mode_changed"):
            getattr(playback, name).connect(self._recorder(name))
        playback.range_changed.connect(self._recorder("range_changed"))

    def _recorder(self, name: str):
        return lambda *args: self.emissions.append((name, args))

    def values(self, name: str) -> list[object]:
        """The single argument of each emission of ``name``, in order."""
        return [args[0] if len(args) == 1 else args for n, args in self.emissions if n == name]

    @property
    def times(self) -> list[object]:
        return self.values("time_changed")

    @property
    def states(self) -> list[object]:
        return self.values("state_changed")

    @property
    def order(self) -> list[str]:
        return [name for name, _ in self.emissions]

    def clear(self) -> None:
        self.emissions.clear()


@pytest.fixture
def playback() -> Playback:
    return Playback(START, END, event_times=(START + 5.5, START + 2.0, START + 5.0))


@pytest.fixture
def spy(playback: Playback) -> Spy:
    return Spy(playback)


# -- construction --------------------------------------------------------------------------------


def test_starts_idle_at_start_with_defaults(playback: Playback) -> None:
    assert playback.start == START
    assert playback.end == END
    assert playback.current_time == START
    assert playback.state is IDLE
    assert playback.is_playing is False
    assert playback.speed == 1.0
    assert playback.loop_mode is LoopMode.ONCE
    assert playback.event_times == (START + 2.0, START + 5.0, START + 5.5)


def test_constructor_clamps_speed_and_rejects_bad_ranges() -> None:
    assert Playback(START, END, speed=0.1).speed == MIN_SPEED
    assert Playback(START, END, speed=100).speed == MAX_SPEED
    assert Playback(START, END, loop_mode=LoopMode("loop")).loop_mode is LoopMode.LOOP
    with pytest.raises(ValueError):
        Playback(END, START)
    with pytest.raises(ValueError):
        Playback(START, float("nan"))


# -- seek ------------------------------------------------------------------------------------------


def test_seek_emits_once_and_not_again_for_the_same_time(playback: Playback, spy: Spy) -> None:
    playback.seek(START + 3.25)
    assert spy.times == [START + 3.25]
    assert playback.current_time == START + 3.25

    playback.seek(START + 3.25)
    assert len(spy.emissions) == 1


def test_seek_clamps_to_the_range(playback: Playback, spy: Spy) -> None:
    playback.seek(END + 100)
    playback.seek(END + 1)  # clamps to the same end: nothing to announce
    playback.seek(START - 5)
    playback.seek(START - 6)
    assert spy.times == [END, START]
    assert spy.order == ["time_changed", "time_changed"]


def test_seek_keeps_the_play_state_and_rejects_nan(playback: Playback, spy: Spy) -> None:
    playback.play()
    spy.clear()
    playback.seek(START + 1)
    assert playback.state is FORWARD
    assert spy.order == ["time_changed"]
    with pytest.raises(ValueError):
        playback.seek(float("nan"))
    assert playback.current_time == START + 1


def test_seek_start_and_end(playback: Playback, spy: Spy) -> None:
    playback.seek_end()
    playback.seek_end()
    playback.seek_start()
    playback.seek_start()
    assert spy.times == [END, START]


# -- play / pause / toggle -------------------------------------------------------------------------


def test_play_pause_transitions_emit_once_per_change(playback: Playback, spy: Spy) -> None:
    playback.play()
    assert playback.state is FORWARD and playback.is_playing
    playback.play()
    assert spy.states == [FORWARD]

    playback.pause()
    assert playback.state is IDLE and not playback.is_playing
    playback.pause()
    assert spy.states == [FORWARD, IDLE]

    playback.play_reverse()  # at the start, so it jumps to the end first
    playback.play_reverse()
    assert spy.states == [FORWARD, IDLE, REVERSE]

    playback.play()  # REVERSE -> FORWARD directly, no detour through IDLE
    assert spy.states == [FORWARD, IDLE, REVERSE, FORWARD]
    assert spy.times == [END]  # only play_reverse's jump moved time


def test_toggle_play(playback: Playback, spy: Spy) -> None:
    playback.seek(START + 1)
    spy.clear()
    playback.toggle_play()
    assert playback.state is FORWARD
    playback.toggle_play()
    assert playback.state is IDLE
    playback.play_reverse()
    playback.toggle_play()
    assert playback.state is IDLE
    assert spy.states == [FORWARD, IDLE, REVERSE, IDLE]
    assert spy.times == []


def test_play_at_the_end_rewinds_once_then_plays(playback: Playback, spy: Spy) -> None:
    playback.seek_end()
    spy.clear()
    playback.play()
    assert playback.current_time == START
    assert playback.state is FORWARD
    assert spy.emissions == [("time_changed", (START,)), ("state_changed", (FORWARD,))]


def test_toggle_at_the_end_rewinds_too(playback: Playback, spy: Spy) -> None:
    playback.seek_end()
    spy.clear()
    playback.toggle_play()
    assert spy.times == [START]
    assert spy.states == [FORWARD]


def test_play_reverse_at_the_start_jumps_to_the_end(playback: Playback, spy: Spy) -> None:
    playback.play_reverse()
    assert playback.current_time == END
    assert spy.emissions == [("time_changed", (END,)), ("state_changed", (REVERSE,))]


def test_no_auto_rewind_when_switching_direction_while_playing(
    playback: Playback, spy: Spy
) -> None:
    playback.play_reverse()  # jumps to END, now REVERSE at the end
    spy.clear()
    playback.play()  # QGIS rewinds only from IDLE; here the user just flips direction
    assert playback.current_time == END
    assert spy.emissions == [("state_changed", (FORWARD,))]


def test_play_in_the_middle_does_not_move_time(playback: Playback, spy: Spy) -> None:
    playback.seek(START + 4)
    spy.clear()
    playback.play()
    playback.pause()
    playback.play_reverse()
    assert spy.times == []
    assert playback.current_time == START + 4


# -- advance ---------------------------------------------------------------------------------------


def test_advance_at_1x(playback: Playback, spy: Spy) -> None:
    playback.play()
    spy.clear()
    playback.advance(0.5)
    playback.advance(1.0)
    playback.advance(0.25)
    assert spy.times == [START + 0.5, START + 1.5, START + 1.75]
    assert spy.states == []


def test_advance_at_4x(playback: Playback, spy: Spy) -> None:
    playback.set_speed(4.0)
    playback.play()
    spy.clear()
    playback.advance(0.25)
    playback.advance(0.5)
    playback.advance(0.125)
    assert spy.times == [START + 1.0, START + 3.0, START + 3.5]
    assert playback.current_time == START + 3.5


def test_advance_does_nothing_when_idle_or_for_zero_time(playback: Playback, spy: Spy) -> None:
    playback.advance(1.0)
    playback.play()
    spy.clear()
    playback.advance(0.0)
    assert spy.emissions == []
    with pytest.raises(ValueError):
        playback.advance(-0.1)
    with pytest.raises(ValueError):
        playback.advance(float("inf"))
    assert playback.current_time == START


def test_reverse_playback(playback: Playback, spy: Spy) -> None:
    playback.seek(START + 5)
    playback.play_reverse()
    spy.clear()
    playback.advance(0.5)
    playback.set_speed(2.0)
    playback.advance(0.75)
    assert spy.times == [START + 4.5, START + 3.0]
    assert playback.state is REVERSE


def test_once_stops_at_the_end_with_one_state_change(playback: Playback, spy: Spy) -> None:
    playback.seek(END - 1)
    playback.play()
    spy.clear()
    playback.advance(2.5)
    assert playback.current_time == END
    assert playback.state is IDLE
    assert spy.emissions == [("time_changed", (END,)), ("state_changed", (IDLE,))]

    playback.advance(1.0)  # idle now
    assert len(spy.emissions) == 2


def test_once_stops_when_landing_exactly_on_the_end(playback: Playback, spy: Spy) -> None:
    playback.seek(END - 1)
    playback.play()
    spy.clear()
    playback.advance(1.0)
    assert spy.emissions == [("time_changed", (END,)), ("state_changed", (IDLE,))]


def test_once_in_reverse_stops_at_the_start(playback: Playback, spy: Spy) -> None:
    playback.seek(START + 0.5)
    playback.play_reverse()
    spy.clear()
    playback.advance(3.0)
    assert playback.current_time == START
    assert spy.emissions == [("time_changed", (START,)), ("state_changed", (IDLE,))]


def test_loop_wraps_carrying_the_overshoot(playback: Playback, spy: Spy) -> None:
    playback.set_loop_mode(LoopMode.LOOP)
    playback.seek(END - 0.5)
    playback.play()
    spy.clear()
    playback.advance(1.25)
    assert playback.current_time == START + 0.75
    assert playback.state is FORWARD
    assert spy.emissions == [("time_changed", (START + 0.75,))]


def test_loop_wraps_in_reverse_and_over_several_spans(playback: Playback, spy: Spy) -> None:
    playback.set_loop_mode(LoopMode.LOOP)
    playback.seek(START + 0.5)
    playback.play_reverse()
    spy.clear()
    playback.advance(1.0)
    assert spy.times == [END - 0.5]
    playback.advance(9.5 + 20 + 2)  # reach the start, then two whole spans, then 2 more days
    assert spy.times == [END - 0.5, END - 2.0]
    assert spy.states == []


def test_loop_landing_exactly_on_the_end_shows_it_then_wraps(playback: Playback, spy: Spy) -> None:
    playback.set_loop_mode(LoopMode.LOOP)
    playback.seek(END - 1)
    playback.play()
    spy.clear()
    playback.advance(1.0)
    playback.advance(0.25)
    assert spy.times == [END, START + 0.25]
    assert spy.states == []


def test_back_and_forth_bounces_reflecting_the_overshoot(playback: Playback, spy: Spy) -> None:
    playback.set_loop_mode(LoopMode.BACK_AND_FORTH)
    playback.seek(END - 0.5)
    playback.play()
    spy.clear()
    playback.advance(1.25)
    assert playback.current_time == END - 0.75
    assert playback.state is REVERSE
    assert spy.emissions == [("time_changed", (END - 0.75,)), ("state_changed", (REVERSE,))]

    playback.advance(9.0)  # 9.25 days to the start, so 0.25 short of bouncing again
    playback.advance(0.5)  # bounces back onto the same time: the direction changes, time does not
    assert spy.times == [END - 0.75, START + 0.25]
    assert spy.states == [REVERSE, FORWARD]
    playback.advance(0.5)
    assert spy.times == [END - 0.75, START + 0.25, START + 0.75]
    assert playback.state is FORWARD


def test_back_and_forth_twice_in_one_tick_keeps_the_direction(playback: Playback, spy: Spy) -> None:
    playback.set_loop_mode(LoopMode.BACK_AND_FORTH)
    playback.seek(END - 0.5)
    playback.play()
    spy.clear()
    playback.advance(0.5 + 10 + 2)  # to the end, back to the start, then 2 days forward
    assert playback.current_time == START + 2
    assert playback.state is FORWARD
    assert spy.emissions == [("time_changed", (START + 2,))]


def test_zero_length_range_stops_in_every_mode() -> None:
    for mode in LoopMode:
        playback = Playback(START, START, loop_mode=mode)
        spy = Spy(playback)
        playback.play()
        playback.advance(1.0)
        assert playback.current_time == START
        assert spy.emissions == [("state_changed", (FORWARD,)), ("state_changed", (IDLE,))]


# -- step ------------------------------------------------------------------------------------------


def test_step_goes_to_the_next_midnight_in_either_direction(playback: Playback, spy: Spy) -> None:
    playback.seek(START + 3.3)
    spy.clear()
    playback.step(1)
    assert playback.current_time == START + 4.0
    playback.seek(START + 3.3)
    playback.step(-1)
    assert playback.current_time == START + 3.0
    playback.step(1)
    assert playback.current_time == START + 4.0
    playback.step(-1)
    assert playback.current_time == START + 3.0
    assert spy.times == [START + 4.0, START + 3.3, START + 3.0, START + 4.0, START + 3.0]
    assert spy.states == []


def test_step_by_several_days(playback: Playback) -> None:
    playback.seek(START + 3.3)
    playback.step(3)
    assert playback.current_time == START + 6.0
    playback.seek(START + 3.3)
    playback.step(-2)
    assert playback.current_time == START + 2.0


def test_step_treats_float_drift_as_on_the_boundary(playback: Playback) -> None:
    playback.seek(START + 5 + 1e-9)
    playback.step(1)
    assert playback.current_time == START + 6.0
    playback.seek(START + 5 - 1e-9)
    playback.step(-1)
    assert playback.current_time == START + 4.0


def test_step_clamps_at_the_ends(playback: Playback, spy: Spy) -> None:
    playback.seek(END - 0.5)
    playback.step(3)
    playback.step(1)  # already at the end
    assert spy.times == [END - 0.5, END]
    playback.step(-30)
    playback.step(-1)
    assert spy.times == [END - 0.5, END, START]


def test_step_pauses_first(playback: Playback, spy: Spy) -> None:
    playback.seek(START + 2.5)
    playback.play()
    spy.clear()
    playback.step(1)
    assert spy.emissions == [("state_changed", (IDLE,)), ("time_changed", (START + 3.0,))]
    playback.play()
    spy.clear()
    playback.step(0)
    assert spy.emissions == [("state_changed", (IDLE,))]


# -- events ----------------------------------------------------------------------------------------


def test_next_event_pressed_repeatedly_moves_on_then_stops(playback: Playback, spy: Spy) -> None:
    playback.next_event()
    playback.next_event()
    playback.next_event()
    assert spy.times == [START + 2.0, START + 5.0, START + 5.5]
    playback.next_event()  # past the last event
    assert len(spy.emissions) == 3


def test_previous_event_pressed_repeatedly_moves_on_then_stops(
    playback: Playback, spy: Spy
) -> None:
    playback.seek_end()
    spy.clear()
    playback.previous_event()
    playback.previous_event()
    playback.previous_event()
    assert spy.times == [START + 5.5, START + 5.0, START + 2.0]
    playback.previous_event()  # before the first event
    assert len(spy.emissions) == 3


def test_events_within_epsilon_count_as_here(playback: Playback, spy: Spy) -> None:
    playback.seek(START + 5.0 + 1e-9)
    spy.clear()
    playback.next_event()
    assert spy.times == [START + 5.5]
    playback.seek(START + 5.0 - 1e-9)
    spy.clear()
    playback.previous_event()
    assert spy.times == [START + 2.0]


def test_event_jumps_keep_the_play_state(playback: Playback, spy: Spy) -> None:
    playback.seek(START + 1)
    playback.play()
    spy.clear()
    playback.next_event()
    playback.previous_event()  # nothing before START + 2.0 after START + 1
    assert playback.state is FORWARD
    assert spy.emissions == [("time_changed", (START + 2.0,))]


def test_events_outside_the_range_are_skipped() -> None:
    playback = Playback(START, END, event_times=(START - 1, START + 4, END + 1))
    spy = Spy(playback)
    playback.next_event()
    playback.next_event()
    playback.previous_event()
    playback.previous_event()
    assert spy.times == [START + 4]


def test_no_events_is_a_no_op() -> None:
    playback = Playback(START, END)
    spy = Spy(playback)
    playback.next_event()
    playback.previous_event()
    assert spy.emissions == []
    assert playback.event_times == ()


# -- speed, loop mode, range -----------------------------------------------------------------------


def test_speed_is_clamped_and_unchanged_speed_is_silent(playback: Playback, spy: Spy) -> None:
    playback.set_speed(0.1)
    assert playback.speed == 0.25
    playback.set_speed(0.2)  # clamps to the same 0.25
    playback.set_speed(100)
    assert playback.speed == 30.0
    playback.set_speed(30.0)
    playback.set_speed(2.0)
    playback.set_speed(2.0)
    assert spy.values("speed_changed") == [0.25, 30.0, 2.0]
    assert spy.order == ["speed_changed"] * 3


def test_loop_mode_emits_only_on_change(playback: Playback, spy: Spy) -> None:
    playback.set_loop_mode(LoopMode.ONCE)
    playback.set_loop_mode(LoopMode.LOOP)
    playback.set_loop_mode(LoopMode.LOOP)
    playback.set_loop_mode(LoopMode.BACK_AND_FORTH)
    assert spy.values("loop_mode_changed") == [LoopMode.LOOP, LoopMode.BACK_AND_FORTH]
    assert len(spy.emissions) == 2


def test_set_range_clamps_the_current_time(playback: Playback, spy: Spy) -> None:
    playback.seek_end()
    spy.clear()
    playback.set_range(START, END - 3)
    assert playback.current_time == END - 3
    assert spy.emissions == [("range_changed", (START, END - 3)), ("time_changed", (END - 3,))]

    spy.clear()
    playback.set_range(START - 1, END - 2)  # current time still inside
    playback.set_range(START - 1, END - 2)  # unchanged
    assert spy.emissions == [("range_changed", (START - 1, END - 2))]

    spy.clear()
    playback.set_range(START + 8, END)
    assert playback.current_time == START + 8
    assert spy.order == ["range_changed", "time_changed"]
    with pytest.raises(ValueError):
        playback.set_range(END, START)
    assert (playback.start, playback.end) == (START + 8, END)


def test_set_range_keeps_the_play_state(playback: Playback, spy: Spy) -> None:
    playback.play()
    spy.clear()
    playback.set_range(START + 1, END)
    assert playback.state is FORWARD
    assert spy.states == []


# -- frame arithmetic ------------------------------------------------------------------------------


def test_total_frames_counts_both_ends(playback: Playback) -> None:
    playback.set_speed(2.0)
    assert playback.total_frames(30) == 151  # 10 days / 2 days/s = 5 s -> 150 intervals
    playback.set_speed(1.0)
    assert playback.total_frames(25) == 251
    assert playback.total_frames(30, start=START + 4, end=START + 5) == 31
    assert playback.total_frames(30, start=START + 4, end=START + 4) == 1


def test_time_for_frame_spans_the_range_exactly(playback: Playback) -> None:
    playback.set_speed(2.0)
    assert playback.time_for_frame(0, 30) == START
    assert playback.time_for_frame(15, 30) == START + 1.0
    assert playback.time_for_frame(75, 30) == START + 5.0
    assert playback.time_for_frame(150, 30) == END
    assert playback.time_for_frame(3, 30, start=START + 4) == pytest.approx(START + 4.2)


def test_uneven_span_covers_the_end_with_a_clamped_last_frame(playback: Playback) -> None:
    playback.set_speed(3.0)  # 10 days / 3 days/s * 30 fps = 100 intervals exactly
    assert playback.total_frames(30) == 101
    playback.set_speed(4.0)  # 75 intervals
    assert playback.total_frames(30) == 76
    playback.set_speed(7.0)  # 42.86 intervals -> 43, plus the first frame
    n = playback.total_frames(30)
    assert n == 44
    assert playback.time_for_frame(n - 2, 30) < END
    assert playback.time_for_frame(n - 1, 30) == END
    assert playback.time_for_frame(n - 1, 30, start=START, end=START + 5) == START + 5


def test_frame_arithmetic_rejects_bad_arguments(playback: Playback) -> None:
    with pytest.raises(ValueError):
        playback.total_frames(0)
    with pytest.raises(ValueError):
        playback.total_frames(30, start=END, end=START)
    with pytest.raises(ValueError):
        playback.time_for_frame(-1, 30)
    with pytest.raises(ValueError):
        playback.time_for_frame(0, -30)


# -- Signal ----------------------------------------------------------------------------------------


def test_signal_connect_emit_disconnect() -> None:
    signal: Signal[int, str] = Signal()
    calls: list[tuple[int, str]] = []

    def record(n: int, s: str) -> None:
        calls.append((n, s))

    signal.connect(record)
    signal.emit(1, "a")
    assert signal.receiver_count == 1
    signal.disconnect(record)
    signal.emit(2, "b")
    assert calls == [(1, "a")]
    assert signal.receiver_count == 0
    with pytest.raises(ValueError):
        signal.disconnect(record)


def test_signal_tolerates_disconnect_during_emit() -> None:
    signal: Signal[int] = Signal()
    calls: list[str] = []

    def first(_: int) -> None:
        calls.append("first")
        signal.disconnect(second)

    def second(_: int) -> None:
        calls.append("second")

    signal.connect(first)
    signal.connect(second)
    signal.emit(0)  # the snapshot still calls second this time
    signal.connect(second)
    signal.disconnect(first)
    signal.emit(0)
    assert calls == ["first", "second", "second"]


# -- invariants over random operation sequences ----------------------------------------------------


def _random_operation(rng: random.Random, playback: Playback) -> None:
    span = playback.end - playback.start
    choice = rng.randrange(15)
    if choice == 0:
        playback.seek(rng.uniform(playback.start - 2, playback.end + 2))
    elif choice == 1:
        playback.play()
    elif choice == 2:
        playback.play_reverse()
    elif choice == 3:
        playback.pause()
    elif choice == 4:
        playback.toggle_play()
    elif choice == 5:
        playback.step(rng.randint(-4, 4))
    elif choice == 6:
        playback.next_event()
    elif choice == 7:
        playback.previous_event()
    elif choice == 8:
        playback.set_speed(rng.choice([0.1, 0.25, 1.0, 2.0, 4.0, 7.5, 30.0, 100.0]))
    elif choice == 9:
        playback.set_loop_mode(rng.choice(list(LoopMode)))
    elif choice == 10:
        a = rng.uniform(START - 3, END + 3)
        b = a + rng.choice([0.0, rng.uniform(0, 15)])
        playback.set_range(a, b)
    elif choice == 11:
        playback.seek_start() if rng.random() < 0.5 else playback.seek_end()
    else:
        # The timer: mostly small ticks, sometimes a stall longer than the whole range.
        playback.advance(rng.choice([0.0, rng.uniform(0, 0.1), rng.uniform(0, 2 * span + 1)]))


@pytest.mark.parametrize("seed", range(25))
def test_random_operations_keep_the_invariants(seed: int) -> None:
    rng = random.Random(seed)
    playback = Playback(START, END, event_times=[rng.uniform(START, END) for _ in range(8)])
    spy = Spy(playback)
    previous_time, previous_state = playback.current_time, playback.state
    for _ in range(400):
        _random_operation(rng, playback)
        assert playback.start <= playback.current_time <= playback.end
        assert playback.is_playing == (playback.state is not IDLE)
        assert MIN_SPEED <= playback.speed <= MAX_SPEED
        # Every emission reports a real change, and the last one reports the current value.
        times, states = spy.times, spy.states
        for before, after in zip([previous_time, *times], times, strict=False):
            assert before != after
        for before, after in zip([previous_state, *states], states, strict=False):
            assert before is not after
        if times:
            assert times[-1] == playback.current_time
            previous_time = playback.current_time
        if states:
            assert states[-1] is playback.state
            previous_state = playback.state
        assert playback.current_time == previous_time
        assert playback.state is previous_state
        spy.clear()
