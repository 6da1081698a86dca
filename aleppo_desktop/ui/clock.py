"""The one owner of the current time in the UI: a QTimer driving a core `Playback`.

Time advances by elapsed wall-clock seconds x speed (so playback speed does not depend on how fast
frames draw). While the map has not yet drawn the last time it was given, ticks are dropped rather than
queued (napari's `_play_ready`): the next tick then advances by the whole elapsed time.

Widgets subscribe to the clock's signals themselves; slow panels follow through a `Debounced` slot.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from aleppo_desktop.core import story
from aleppo_desktop.core.playback import LoopMode, Playback, PlayState

if TYPE_CHECKING:
    from aleppo_desktop.core.scenario import Scenario

TICK_MS = 15
MAX_PENDING_MS = 120  # a draw pending longer than this (hidden window) no longer holds the clock
DEBOUNCE_MS = 100  # slow side panels follow the time this long after it last changed


class Clock(QObject):
    """Qt face of the playback state machine; widgets connect to its signals and call its slots."""

    time_changed = Signal(float)
    state_changed = Signal(object)  # PlayState
    speed_changed = Signal(float)
    loop_mode_changed = Signal(object)  # LoopMode
    range_changed = Signal(float, float)
    event_changed = Signal(object)  # int | None: the event stepped to (`current_event`)

    def __init__(
        self,
        start: float = 0.0,
        end: float = 1.0,
        parent: QObject | None = None,
        now: Callable[[], float] = time.monotonic,
    ):
        """`now` gives monotonic wall-clock seconds (tests pass a controlled one)."""
        super().__init__(parent)
        self.now = now
        self.playback = Playback(start, end)
        self._loading = False  # set_range announces range and time itself, once each
        self.playback.time_changed.connect(self._on_time)
        self.playback.state_changed.connect(self._on_state)
        self.playback.speed_changed.connect(self.speed_changed.emit)
        self.playback.loop_mode_changed.connect(self.loop_mode_changed.emit)
        self.playback.range_changed.connect(self._on_range)
        self.playback.event_changed.connect(self.event_changed.emit)
        self.scenario: Scenario | None = None  # the story stepped through (`set_story`)
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self.tick)
        self._last_tick = 0.0  # `now` at the last advance
        self._pending_since: float | None = None  # `now` when a draw of the last time began pending
        self.dropped_ticks = 0

    # --- state ------------------------------------------------------------------------------------

    @property
    def time(self) -> float:
        return self.playback.current_time

    @property
    def start(self) -> float:
        return self.playback.start

    @property
    def end(self) -> float:
        return self.playback.end

    @property
    def is_playing(self) -> bool:
        return self.playback.is_playing

    @property
    def speed(self) -> float:
        return self.playback.speed

    @property
    def loop_mode(self) -> LoopMode:
        return self.playback.loop_mode

    @property
    def state(self) -> PlayState:
        return self.playback.state

    @property
    def stepped_event(self) -> int | None:
        """The event stepped to, while the time stays at it (`Playback.current_event`)."""
        return self.playback.current_event

    def current_event(self) -> int | None:
        """The event current now, by the one rule (`core.story.current_event`), stepping included."""
        if self.scenario is None:
            return None
        return story.current_event(self.scenario, self.time, self.stepped_event)

    def set_story(self, scenario: Scenario | None) -> None:
        """Event and chapter steps go through this scenario's story (`core.story`)."""
        self.scenario = scenario

    def set_range(self, start: float, end: float, event_times: Sequence[float] = ()) -> None:
        """A new period (a scenario was opened): pause, take the range and go to its start.

        Emits `state_changed` if it was playing, then `range_changed` and `time_changed` exactly
        once each, even when the numbers equal the old ones: what every view shows at that time is
        new, and subscribers need no other call to catch up.
        """
        self.playback.pause()
        self.playback.set_event_times(event_times)
        self._loading = True
        try:
            self.playback.set_range(start, end)
            self.playback.seek(start)
        finally:
            self._loading = False
        self.range_changed.emit(self.start, self.end)
        self.time_changed.emit(self.time)

    # --- slots ------------------------------------------------------------------------------------

    def seek(self, t: float) -> None:
        self.playback.seek(t)

    def toggle_play(self) -> None:
        self.playback.toggle_play()

    def play(self) -> None:
        self.playback.play()

    def play_reverse(self) -> None:
        self.playback.play_reverse()

    def toggle_reverse(self) -> None:
        if self.playback.state is PlayState.REVERSE:
            self.playback.pause()
        else:
            self.playback.play_reverse()

    def pause(self) -> None:
        self.playback.pause()

    def step(self, days: int) -> None:
        self.playback.step(days)

    def next_event(self) -> None:
        """The next event in story order (every event of a busy day in turn); pauses."""
        if self.scenario is None:
            self.playback.next_event()
            return
        self.go_to_event(story.next_in_story(self.scenario, self.time, self.stepped_event))

    def previous_event(self) -> None:
        if self.scenario is None:
            self.playback.previous_event()
            return
        self.go_to_event(story.previous_in_story(self.scenario, self.time, self.stepped_event))

    def next_chapter(self) -> None:
        if self.scenario is not None:
            self.go_to_event(story.next_chapter(self.scenario, self.time, self.stepped_event))

    def previous_chapter(self) -> None:
        if self.scenario is not None:
            self.go_to_event(story.previous_chapter(self.scenario, self.time, self.stepped_event))

    def go_to_event(self, index: int | None) -> None:
        """Pause at event `index` of the story (its first day); None: nothing to step to."""
        if self.scenario is None or index is None or not 0 <= index < len(self.scenario.events):
            return
        self.playback.seek_event(index, self.scenario.event_times[index])

    def seek_start(self) -> None:
        self.playback.pause()
        self.playback.seek_start()

    def seek_end(self) -> None:
        self.playback.pause()
        self.playback.seek_end()

    def set_speed(self, speed: float) -> None:
        self.playback.set_speed(speed)

    def set_loop_mode(self, mode: LoopMode) -> None:
        self.playback.set_loop_mode(mode)

    # --- frame pacing -------------------------------------------------------------------------------

    @property
    def draw_is_pending(self) -> bool:
        return self._pending_since is not None

    def draw_pending(self) -> None:
        """The map was given a new time and has not drawn it yet."""
        if self._pending_since is None:
            self._pending_since = self.now()

    def frame_drawn(self) -> None:
        """The map has drawn the current time."""
        self._pending_since = None

    def _on_time(self, t: float) -> None:
        if not self._loading:
            self.time_changed.emit(t)

    def _on_range(self, start: float, end: float) -> None:
        if not self._loading:
            self.range_changed.emit(start, end)

    def _on_state(self, state: PlayState) -> None:
        if state is PlayState.IDLE:
            self._timer.stop()
        elif not self._timer.isActive():
            self._last_tick = self.now()
            self._timer.start()
        self.state_changed.emit(state)

    def tick(self) -> None:
        """One timer tick: advance by the wall-clock time since the last advance x speed, unless a
        draw is pending (for less than MAX_PENDING_MS), when the tick is dropped."""
        now = self.now()
        pending = self._pending_since
        if pending is not None and (now - pending) * 1000.0 < MAX_PENDING_MS:
            self.dropped_ticks += 1
            return  # drop this frame; the next tick advances by the whole elapsed time
        self._pending_since = None
        elapsed, self._last_tick = now - self._last_tick, now
        self.playback.advance(elapsed)


class Debounced(QObject):
    """Calls `slot(clock.time)` DEBOUNCE_MS after the first time change it has not yet shown, so at
    most every DEBOUNCE_MS while playing (slow side panels, as PlotJuggler's `delayed_callback`);
    the map and cursors follow every tick instead."""

    def __init__(self, clock: Clock, slot: Callable[[float], object], parent: QObject):
        super().__init__(parent)
        self.clock = clock
        self.slot = slot
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.fire)
        clock.time_changed.connect(self._changed)

    def _changed(self, _t: float) -> None:
        if not self.timer.isActive():
            self.timer.start()

    def fire(self) -> None:
        """Update now (also when new data arrives for the current time)."""
        self.timer.stop()
        self.slot(self.clock.time)
