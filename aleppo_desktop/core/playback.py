"""The playback state machine, the one owner of the current time (HOUSE_STYLE "Time and playback").

Shaped like QGIS's ``QgsTemporalNavigationObject``: states FORWARD/REVERSE/IDLE, setters that clamp
and return early (emitting nothing) when the value does not change, and auto-rewind when play is
pressed at the end. Loop modes follow napari's ``LoopMode``. Plain Python: the Qt wrapper only owns
a ``QTimer`` and calls :meth:`Playback.advance` with the wall-clock seconds since its last tick, so
playback speed does not depend on how fast frames render.

Time is a float *day number*: ``date.toordinal()`` plus the fraction of the day. Speed is in days
per second of wall-clock (or video) time.

Emission order, where one call changes several things: ``range_changed`` before ``time_changed`` (a
scrubber must know its range before its value), and ``state_changed`` after ``time_changed`` when
playback stops or bounces at an end; :meth:`Playback.step` pauses first, then moves.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Sequence
from enum import Enum

from aleppo_desktop.core.signal import Signal

MIN_SPEED = 0.25
MAX_SPEED = 30.0
EVENT_EPSILON = 1e-6
"""Days; an event this close to the current time counts as "here", so next/previous move on."""
_BOUNDARY_EPSILON = 1e-6
"""Days; a time this close to midnight is on the boundary (absorbs float drift from advance)."""


class PlayState(Enum):
    """Whether time is moving, and which way."""

    IDLE = "idle"
    FORWARD = "forward"
    REVERSE = "reverse"


class LoopMode(Enum):
    """What playback does at the end of the range (napari's ``LoopMode``)."""

    ONCE = "once"
    LOOP = "loop"
    BACK_AND_FORTH = "back_and_forth"


def _check_finite(name: str, value: float) -> float:
    """Return ``value`` as a float, raising ValueError for NaN or infinity (they break clamping)."""
    value = float(value)
    if not math.isfinite(value):
        raise ValueError(f"{name} must be finite, got {value}")
    return value


def _check_range(start: float, end: float) -> tuple[float, float]:
    """Return a validated ``(start, end)``; zero length is allowed, a reversed range is not."""
    start = _check_finite("start", start)
    end = _check_finite("end", end)
    if end < start:
        raise ValueError(f"end ({end}) is before start ({start})")
    return start, end


class Playback:
    """Current time, play state, speed and loop mode over a ``[start, end]`` of day numbers."""

    def __init__(
        self,
        start: float,
        end: float,
        event_times: Sequence[float] = (),
        speed: float = 1.0,
        loop_mode: LoopMode = LoopMode.ONCE,
    ) -> None:
        """Start IDLE at ``start``; ``speed`` (days/s) is clamped to [MIN_SPEED, MAX_SPEED]."""
        self._start, self._end = _check_range(start, end)
        self._current_time = self._start
        self._state = PlayState.IDLE
        self._speed = min(max(_check_finite("speed", speed), MIN_SPEED), MAX_SPEED)
        self._loop_mode = LoopMode(loop_mode)
        self._event_times: tuple[float, ...] = ()
        self.set_event_times(event_times)
        self._event: int | None = None  # the event stepped to, while the time stays on it

        self.time_changed: Signal[float] = Signal()
        self.state_changed: Signal[PlayState] = Signal()
        self.speed_changed: Signal[float] = Signal()
        self.loop_mode_changed: Signal[LoopMode] = Signal()
        self.range_changed: Signal[float, float] = Signal()
        self.event_changed: Signal[int | None] = Signal()

    # -- properties ---------------------------------------------------------------------------

    @property
    def start(self) -> float:
        """First day number of the range."""
        return self._start

    @property
    def end(self) -> float:
        """Last day number of the range (inclusive: playback stops showing this time)."""
        return self._end

    @property
    def current_time(self) -> float:
        """The current day number, always within [start, end]."""
        return self._current_time

    @property
    def state(self) -> PlayState:
        """IDLE, FORWARD or REVERSE."""
        return self._state

    @property
    def speed(self) -> float:
        """Playback rate in days per second, within [MIN_SPEED, MAX_SPEED]."""
        return self._speed

    @property
    def loop_mode(self) -> LoopMode:
        """What happens when playback reaches an end of the range."""
        return self._loop_mode

    @property
    def is_playing(self) -> bool:
        """True while time moves (FORWARD or REVERSE)."""
        return self._state is not PlayState.IDLE

    @property
    def event_times(self) -> tuple[float, ...]:
        """The event day numbers that next/previous_event jump between, sorted ascending."""
        return self._event_times

    @property
    def current_event(self) -> int | None:
        """The event the user stepped to (index into the caller's event list, story order), while
        the time stays at it; None once time moves (``core.story.current_event`` then decides)."""
        return self._event

    # -- setters --------------------------------------------------------------------------------

    def seek(self, t: float) -> None:
        """Move to ``t`` clamped to [start, end], keeping the state; no emission if unchanged.
        Moving forgets the event stepped to (``event_changed(None)`` after ``time_changed``)."""
        t = min(max(_check_finite("t", t), self._start), self._end)
        if t == self._current_time:
            return
        self._current_time = t
        stepped, self._event = self._event, None
        self.time_changed.emit(t)
        if stepped is not None:
            self.event_changed.emit(None)

    def seek_event(self, index: int, t: float) -> None:
        """Pause and go to event ``index`` at its instant ``t``: the time (``time_changed``, if it
        moves) and then the event (``event_changed``, if it is another) — several events of one
        instant are stepped one by one with the time standing still."""
        self.pause()
        t = min(max(_check_finite("t", t), self._start), self._end)
        stepped = self._event
        if t != self._current_time:
            self._current_time = t
            self._event = index
            self.time_changed.emit(t)
        self._event = index
        if index != stepped:
            self.event_changed.emit(index)

    def seek_start(self) -> None:
        """Move to the start of the range."""
        self.seek(self._start)

    def seek_end(self) -> None:
        """Move to the end of the range."""
        self.seek(self._end)

    def set_speed(self, speed: float) -> None:
        """Set days per second, clamped to [MIN_SPEED, MAX_SPEED]; no emission if unchanged."""
        speed = min(max(_check_finite("speed", speed), MIN_SPEED), MAX_SPEED)
        if speed == self._speed:
            return
        self._speed = speed
        self.speed_changed.emit(speed)

    def set_loop_mode(self, mode: LoopMode) -> None:
        """Choose what happens at the ends of the range; no emission if unchanged."""
        mode = LoopMode(mode)
        if mode is self._loop_mode:
            return
        self._loop_mode = mode
        self.loop_mode_changed.emit(mode)

    def set_range(self, start: float, end: float) -> None:
        """Replace the range and clamp the current time into it, keeping the play state."""
        start, end = _check_range(start, end)
        if (start, end) == (self._start, self._end):
            return
        self._start, self._end = start, end
        self.range_changed.emit(start, end)
        self.seek(self._current_time)

    def set_event_times(self, event_times: Sequence[float]) -> None:
        """Replace the event times (sorted; duplicates kept so indices match the caller's list)."""
        self._event_times = tuple(sorted(_check_finite("event time", t) for t in event_times))

    # -- play state -----------------------------------------------------------------------------

    def _set_state(self, state: PlayState) -> None:
        """Change the play state, emitting only on a change."""
        if state is self._state:
            return
        self._state = state
        self.state_changed.emit(state)

    def play(self) -> None:
        """Play forward; paused at the end, first rewind to the start (auto-rewind, as QGIS)."""
        if self._state is PlayState.FORWARD:
            return
        if self._state is PlayState.IDLE and self._current_time >= self._end:
            self.seek_start()
        self._set_state(PlayState.FORWARD)

    def play_reverse(self) -> None:
        """Play backward; paused at the start, this first jumps to the end."""
        if self._state is PlayState.REVERSE:
            return
        if self._state is PlayState.IDLE and self._current_time <= self._start:
            self.seek_end()
        self._set_state(PlayState.REVERSE)

    def pause(self) -> None:
        """Stop time, staying at the current time."""
        self._set_state(PlayState.IDLE)

    def toggle_play(self) -> None:
        """The play button: IDLE -> play forward (with auto-rewind), playing either way -> IDLE."""
        if self.is_playing:
            self.pause()
        else:
            self.play()

    # -- discrete moves -------------------------------------------------------------------------

    def step(self, days: int = 1) -> None:
        """Pause, then move ``days`` whole-day boundaries (midnights) forward or back, clamped.

        From 10.3, step(1) goes to 11.0 and step(-1) to 10.0; from 10.0, step(1) goes to 11.0.
        step(0) only pauses.
        """
        days = int(days)
        self.pause()
        if days == 0:
            return
        t = self._current_time
        nearest = round(t)
        if abs(t - nearest) <= _BOUNDARY_EPSILON:
            base = float(nearest)
        else:
            # Off a boundary, the first step only reaches the nearest midnight in that direction.
            base = float(math.floor(t)) if days > 0 else float(math.ceil(t))
        self.seek(base + days)

    def next_event(self) -> None:
        """Seek to the first event after the current time, keeping the state; no-op if none."""
        i = bisect.bisect_right(self._event_times, self._current_time + EVENT_EPSILON)
        for t in self._event_times[i:]:
            if t > self._end:
                return
            if t >= self._start:
                self.seek(t)
                return

    def previous_event(self) -> None:
        """Seek to the last event before the current time, keeping the state; no-op if none."""
        i = bisect.bisect_left(self._event_times, self._current_time - EVENT_EPSILON)
        for t in reversed(self._event_times[:i]):
            if t < self._start:
                return
            if t <= self._end:
                self.seek(t)
                return

    # -- the clock ------------------------------------------------------------------------------

    def advance(self, elapsed_seconds: float) -> None:
        """Move time by ``elapsed_seconds * speed`` days in the play direction; no-op when IDLE.

        At an end, ONCE stops there (IDLE); LOOP wraps to the other end carrying the overshoot;
        BACK_AND_FORTH bounces, reflecting the overshoot and flipping FORWARD/REVERSE.
        """
        elapsed_seconds = _check_finite("elapsed_seconds", elapsed_seconds)
        if elapsed_seconds < 0:
            raise ValueError(f"elapsed_seconds must not be negative, got {elapsed_seconds}")
        if self._state is PlayState.IDLE or elapsed_seconds == 0:
            return
        forward = self._state is PlayState.FORWARD
        distance = elapsed_seconds * self._speed
        span = self._end - self._start
        t = self._current_time
        to_boundary = self._end - t if forward else t - self._start
        moved = t + distance if forward else t - distance

        if self._loop_mode is LoopMode.ONCE or span == 0:
            # ONCE stops on reaching the end, not a tick later; a zero-length range cannot loop.
            if distance < to_boundary:
                self.seek(moved)
            else:
                self.seek(self._end if forward else self._start)
                self.pause()
            return
        if distance <= to_boundary:
            # Landing exactly on an end shows that frame; the wrap or bounce happens next tick.
            self.seek(moved)
            return

        overshoot = distance - to_boundary
        if self._loop_mode is LoopMode.LOOP:
            overshoot %= span
            self.seek(self._start + overshoot if forward else self._end - overshoot)
            return

        # BACK_AND_FORTH: a full there-and-back (2 * span) returns to the same place and direction.
        overshoot %= 2 * span
        if overshoot <= span:
            # One bounce: reflected back from the end just reached.
            t = self._end - overshoot if forward else self._start + overshoot
            forward = not forward
        else:
            # Bounced off both ends: moving the original way again, from the end behind us.
            overshoot -= span
            t = self._start + overshoot if forward else self._end - overshoot
        self.seek(t)
        self._set_state(PlayState.FORWARD if forward else PlayState.REVERSE)

    # -- frame arithmetic for deterministic export -------------------------------------------------

    def total_frames(self, fps: float, start: float | None = None, end: float | None = None) -> int:
        """Frames needed to show [start, end] at the current speed, counting both end frames.

        10 days at 2 days/s and 30 fps is 5 s of video: 150 intervals, 151 frames. When the span is
        not a whole number of frames the last frame is clamped to ``end`` (see time_for_frame).
        """
        fps = self._check_fps(fps)
        start = self._start if start is None else _check_finite("start", start)
        end = self._end if end is None else _check_finite("end", end)
        start, end = _check_range(start, end)
        intervals = (end - start) / self._speed * fps
        # The epsilon keeps float noise (150.00000000001) from adding a frame beyond the end.
        return math.ceil(intervals - 1e-9) + 1

    def time_for_frame(
        self, frame: int, fps: float, start: float | None = None, *, end: float | None = None
    ) -> float:
        """Day number on ``frame`` (0-based) of an export at the current speed, clamped to end."""
        fps = self._check_fps(fps)
        if frame < 0:
            raise ValueError(f"frame must not be negative, got {frame}")
        start = self._start if start is None else _check_finite("start", start)
        end = self._end if end is None else _check_finite("end", end)
        # Multiply before dividing so whole-second frames land exactly (150 * 2 / 30 == 10.0).
        return min(start + frame * self._speed / fps, end)

    @staticmethod
    def _check_fps(fps: float) -> float:
        """Return ``fps`` as a float, raising ValueError unless it is finite and positive."""
        fps = _check_finite("fps", fps)
        if fps <= 0:
            raise ValueError(f"fps must be positive, got {fps}")
        return fps
