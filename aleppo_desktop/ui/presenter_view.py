"""The presenter view: with two screens, presentation mode puts the map full-screen on the projector
and this window on the laptop — the current and next event, the brief's paragraph as notes, the
timeline, the clock and the time since presenting began. The window's keys work here too.

It only reads: the current event is the clock's (`Clock.current_event`, core.story's rule), the next
one `core.story.next_in_story`, so what it announces as next is what the clicker shows next.
"""

from __future__ import annotations

import html
import time
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication, QKeyEvent, QScreen
from PySide6.QtWidgets import QGridLayout, QLabel, QTextBrowser, QVBoxLayout, QWidget

from aleppo_desktop.core.language import digits, pick
from aleppo_desktop.core.story import cite, event_date_text, next_in_story
from aleppo_desktop.translations import translate
from aleppo_desktop.ui.timeline import TimelineScrubber

if TYPE_CHECKING:
    from aleppo_desktop.core.scenario import Scenario
    from aleppo_desktop.ui.main_window import MainWindow

STYLE = """
QWidget#presenter_view { background: #101418; }
QLabel { color: #e8e8e8; }
QLabel#heading { color: #9aa4ad; font-size: 11pt; font-weight: bold; }
QLabel#current { font-size: 20pt; font-weight: bold; color: white; }
QLabel#next { font-size: 14pt; color: #c8d0d8; }
QLabel#clock { font-size: 26pt; font-weight: bold; color: white; }
QLabel#elapsed { font-size: 18pt; color: #ffd27f; }
QTextBrowser { background: #1b2127; color: #f0f0f0; font-size: 14pt; border: 1px solid #38424c; }
"""


def presentation_screens(current: QScreen | None) -> tuple[QScreen | None, QScreen | None]:
    """(projector, laptop): with two screens or more, the map goes to a screen other than the one
    the window is on (the laptop's, where the presenter sits); with one, (that screen, None)."""
    screens = QGuiApplication.screens()
    laptop = current if current is not None else QGuiApplication.primaryScreen()
    others = [s for s in screens if s is not laptop]
    if not others:
        return laptop, None
    return others[0], laptop


class PresenterView(QWidget):
    """A top-level window following the main window's clock; keys go to the main window's commands."""

    def __init__(self, window: MainWindow, now: Callable[[], float] = time.monotonic):
        # a window of its own, owned by the main window (closed and deleted with it)
        super().__init__(window, Qt.WindowType.Window)
        self.setObjectName("presenter_view")
        self.setWindowTitle(self.tr("Presenter view — aleppo-desktop"))
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setStyleSheet(STYLE)
        self.window_ = window
        self.now = now
        self.started = now()
        layout = QGridLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setHorizontalSpacing(24)

        def heading(text: str) -> QLabel:
            label = QLabel(text, self)
            label.setObjectName("heading")
            return label

        left = QVBoxLayout()
        left.addWidget(heading(self.tr("NOW")))
        self.current = QLabel(self)
        self.current.setObjectName("current")
        self.current.setWordWrap(True)
        self.current.setTextFormat(Qt.TextFormat.RichText)
        left.addWidget(self.current)
        left.addWidget(heading(self.tr("NOTES")))
        self.notes = QTextBrowser(self)
        self.notes.setOpenLinks(False)
        self.notes.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        left.addWidget(self.notes, 1)
        layout.addLayout(left, 0, 0)

        right = QVBoxLayout()
        right.addWidget(heading(self.tr("CLOCK")))
        self.clock_label = QLabel(self)
        self.clock_label.setObjectName("clock")
        right.addWidget(self.clock_label)
        right.addWidget(heading(self.tr("PRESENTING FOR")))
        self.elapsed = QLabel(self)
        self.elapsed.setObjectName("elapsed")
        right.addWidget(self.elapsed)
        right.addSpacing(16)
        right.addWidget(heading(self.tr("NEXT")))
        self.next = QLabel(self)
        self.next.setObjectName("next")
        self.next.setWordWrap(True)
        self.next.setTextFormat(Qt.TextFormat.RichText)
        right.addWidget(self.next)
        right.addStretch(1)
        layout.addLayout(right, 0, 1)
        layout.setColumnStretch(0, 3)
        layout.setColumnStretch(1, 2)
        layout.setRowStretch(0, 1)

        self.scrubber = TimelineScrubber(self)
        self.scrubber.set_type_scale(1.3, dark=True)
        layout.addWidget(self.scrubber, 1, 0, 1, 2)
        self.scrubber.follow(window.clock)
        self.scrubber.event_clicked.connect(window.jump_to_event)
        if window.scenario is not None:
            self.scrubber.set_scenario(window.scenario)
            self.scrubber.set_range(window.clock.start, window.clock.end)
            self.scrubber.set_time(window.clock.time)

        # the window's commands (next event, blackout, Esc…) answer here too
        self.addActions(list(window.commands.values()))
        window.clock.time_changed.connect(self._refresh)
        window.clock.event_changed.connect(self._refresh)
        window.scenario_loaded.connect(self._scenario_loaded)
        self.ticker = QTimer(self)
        self.ticker.setInterval(1000)
        self.ticker.timeout.connect(self._tick)
        self.ticker.start()
        self._tick()
        self._refresh()

    def restart(self) -> None:
        """Presenting (again) from now: the elapsed time counts from zero."""
        self.started = self.now()
        self._tick()
        self._refresh()

    def _scenario_loaded(self, scenario: Scenario) -> None:
        self.scrubber.set_scenario(scenario)
        self._refresh()

    def elapsed_text(self) -> str:
        seconds = max(0, int(self.now() - self.started))
        hours, rest = divmod(seconds, 3600)
        return (
            f"{hours}:{rest // 60:02d}:{rest % 60:02d}"
            if hours
            else f"{rest // 60}:{rest % 60:02d}"
        )

    def _tick(self) -> None:
        self.clock_label.setText(datetime.now().strftime("%H:%M"))
        self.elapsed.setText(self.elapsed_text())

    def _refresh(self, *_args: object) -> None:
        window = self.window_
        scenario = window.scenario
        if scenario is None:
            return
        clock = window.clock
        index = clock.current_event()
        following = next_in_story(scenario, clock.time, clock.stepped_event)
        self.current.setText(_event_html(scenario, index) if index is not None else "—")
        self.next.setText(
            _event_html(scenario, following) if following is not None else self.tr("The end")
        )
        self.notes.setHtml(self.notes_html(index))

    def notes_html(self, index: int | None) -> str:
        """The brief's paragraph the current event cites (when a copy of the brief is open), else
        the event's summary; with its source."""
        window = self.window_
        scenario = window.scenario
        if scenario is None or index is None:
            return ""
        event = scenario.events[index]
        source, locator = scenario.source_of(event.source)
        paragraphs = window.events_panel.brief_paragraphs
        parts = []
        if source.kind == "brief" and locator.isdigit() and paragraphs is not None:
            n = int(locator)
            if 1 <= n <= len(paragraphs):
                parts.append(f"<p><b>§{n}</b> {html.escape(paragraphs[n - 1])}</p>")
        parts.append(f"<p>{html.escape(pick(event.summary, event.summary_ar))}</p>")
        parts.append(f"<p><i>{html.escape(cite(scenario, event.source))}</i></p>")
        return "".join(parts)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Keys that fire no shortcut here still reach the window's commands (as on the map)."""
        self.window_.keyPressEvent(event)

    def closeEvent(self, event) -> None:
        """Closing the presenter view ends the presentation."""
        super().closeEvent(event)
        if self.window_.presenting:
            self.window_.leave_presentation()


def _event_html(scenario: Scenario, index: int) -> str:
    event = scenario.events[index]
    n = sum(1 for e in scenario.events[: index + 1] if e.date.start == event.date.start)
    same_day = sum(1 for e in scenario.events if e.date.start == event.date.start)
    count = (
        " · "
        + translate("PresenterView", "{n} of {count} that day").format(
            n=digits(str(n)), count=digits(str(same_day))
        )
        if same_day > 1
        else ""
    )
    return (
        f"{html.escape(pick(event.title, event.title_ar))}<br><span style='font-size:12pt; font-weight:normal'>"
        f"{html.escape(event_date_text(event))}{count}</span>"
    )
