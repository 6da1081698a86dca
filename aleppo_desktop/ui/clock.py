"""The one owner of the current time in the UI: a QTimer driving a core `Playback`.

Time advances by elapsed wall-clock seconds x speed (so playback speed does not depend on how fast
frames draw). While the map has not yet drawn the last time it was given, ticks are dropped rather than
queued (napari's `_play_ready`): the next tick then advances by the whole elapsed time.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QElapsedTimer, QObject, Qt, QTimer, Signal

from aleppo_desktop.core.playback import LoopMode, Playback, PlayState

TICK_MS = 15
MAX_PENDING_MS = 120  # a draw pending longer than this (hidden window) no longer holds the clock


class Clock(QObject):
    """Qt face of the playback state machine; widgets connect to its signals and call its slots."""

    time_changed = Signal(float)
    state_changed = Signal(object)  # PlayState
    speed_changed = Signal(float)
    loop_mode_changed = Signal(object)  # LoopMode
    range_changed = Signal(float, float)

    def __init__(self, start: float = 0.0, end: float = 1.0, parent: QObject | None = None):
        super().__init__(parent)
        self.playback = Playback(start, end)
        self.playback.time_changed.connect(self.time_changed.emit)
        self.playback.state_changed.connect(self._on_state)
        self.playback.speed_changed.connect(self.speed_changed.emit)
        self.playback.loop_mode_changed.connect(self.loop_mode_changed.emit)
        self.playback.range_changed.connect(self.range_changed.emit)
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._tick)
        self._wall = QElapsedTimer()
        self._pending = QElapsedTimer()  # valid while a draw of the last time is pending
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

    def set_range(self, start: float, end: float, event_times: Sequence[float] = ()) -> None:
        self.playback.pause()
        self.playback.set_event_times(event_times)
        self.playback.set_range(start, end)
        self.playback.seek(start)

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
        self.playback.next_event()

    def previous_event(self) -> None:
        self.playback.previous_event()

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

    def draw_pending(self) -> None:
        """The map was given a new time and has not drawn it yet."""
        if not self._pending.isValid():
            self._pending.start()

    def frame_drawn(self) -> None:
        """The map has drawn the current time."""
        self._pending.invalidate()

    def _on_state(self, state: PlayState) -> None:
        if state is PlayState.IDLE:
            self._timer.stop()
        elif not self._timer.isActive():
            self._wall.start()
            self._timer.start()
        self.state_changed.emit(state)

    def _tick(self) -> None:
        if self._pending.isValid() and self._pending.elapsed() < MAX_PENDING_MS:
            self.dropped_ticks += 1
            return  # drop this frame; the next tick advances by the whole elapsed time
        self._pending.invalidate()
        elapsed = self._wall.restart() / 1000.0
        self.playback.advance(elapsed)
