"""The full-width timeline scrubber and the playback controls bar; both follow and drive the Clock.

The scrubber's rows, top to bottom: chapter names, events (with their precision), disputes (where
sources disagree), control changes dated by a window (a hatched strip on the axis), the days.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import (
    QCoreApplication,
    QPointF,
    QRectF,
    QSignalBlocker,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QIcon,
    QMouseEvent,
    QPainter,
    QPen,
    QPixmap,
    QPolygonF,
    QTransform,
)
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QStyle,
    QToolButton,
    QToolTip,
    QWidget,
)

from aleppo_desktop.core.disputes import dispute_days, dispute_lines
from aleppo_desktop.core.language import digits, month_name, pick
from aleppo_desktop.core.model import Dispute, Event
from aleppo_desktop.core.playback import MAX_SPEED, MIN_SPEED, LoopMode, PlayState
from aleppo_desktop.core.scenario import Scenario
from aleppo_desktop.core.story import date_text, event_date_text, window_text
from aleppo_desktop.core.timeline import date_of, day_number, format_date
from aleppo_desktop.render.fonts import FAMILY
from aleppo_desktop.translations import QT_TRANSLATE_NOOP
from aleppo_desktop.ui.clock import Clock

SPEEDS = (0.25, 0.5, 1.0, 2.0, 3.0, 5.0, 7.0, 10.0, 15.0, 20.0, 30.0)
SPEED_FORMAT = QT_TRANSLATE_NOOP("ControlsBar", "{:g} days/s")
CHAPTER_COLOURS = (QColor(70, 110, 160, 60), QColor(160, 110, 60, 60))
MARKER_HIT_PX = 7
MAJOR_COLOUR, MINOR_COLOUR = QColor("#d35400"), QColor("#7f8c8d")
DISPUTE_COLOUR = QColor("#8e44ad")  # as the events panel's "Sources disagree"


@dataclass(frozen=True)
class Mark:
    """Something dated on the timeline, over the days [start, end) (day numbers; one day: end is
    start + 1), with the precision its source gives: "day", "approximate" or "range"."""

    start: float
    end: float
    precision: str
    major: bool
    tooltip: str

    @property
    def is_range(self) -> bool:
        return self.precision == "range"


def event_mark(event: Event) -> Mark:
    """An event as the timeline draws it: a range as a bar over its days, else a diamond on its day
    (hollow when the day is approximate); the tooltip dates it as the events panel does."""
    start = day_number(event.date.start)
    end = day_number(event.date.end) + 1 if event.date.end is not None else start + 1
    return Mark(
        start,
        end,
        event.date.precision,
        event.importance == "major",
        f"{event_date_text(event)}\n{pick(event.title, event.title_ar)}",
    )


def dispute_mark(scenario: Scenario, dispute: Dispute) -> Mark:
    """A dispute over its days (its own date, else its events' span): what is disputed, each
    version, and what the map follows, in core.disputes' words."""
    first, last = dispute_days(scenario, dispute)
    start, end = day_number(first), day_number(last) + 1
    if dispute.date is not None:
        precision, when = dispute.date.precision, date_text(dispute.date)
    else:
        precision = "range" if last > first else "day"
        when = format_date(start) + (f" – {format_date(day_number(last))}" if last > first else "")
    return Mark(start, end, precision, False, "\n".join([when, *dispute_lines(scenario, dispute)]))


def window_marks(scenario: Scenario) -> list[Mark]:
    """One mark per window of days in which control changed on an unknown day, naming the areas
    taken in it and by whom."""
    taken: dict[tuple, dict[str, list[str]]] = {}
    for change in sorted(scenario.control.changes, key=lambda c: (c.date, c.area_id)):
        if change.until is None:
            continue
        holder = scenario.factions[scenario.faction_index[change.faction]]
        faction = pick(holder.name_en, holder.name_ar)
        unit = scenario.areas[scenario.area_index[change.area_id]]
        area = pick(unit.name_en, unit.name_ar)
        taken.setdefault((change.date, change.until), {}).setdefault(faction, []).append(area)
    return [
        Mark(
            day_number(first),
            day_number(until),
            "range",
            False,
            QCoreApplication.translate("timeline", "Date uncertain: taken {window}").format(
                window=window_text(first, until)
            )
            + "\n"
            + "\n".join(f"{who}: {', '.join(areas)}" for who, areas in by_faction.items()),
        )
        for (first, until), by_faction in taken.items()
    ]


def next_speed(speed: float, direction: int) -> float:
    """The listed speed after `speed` (direction 1) or before it (-1); `speed` itself at either end
    of the list. A speed between two listed ones moves to the neighbour in that direction."""
    if direction > 0:
        return min((s for s in SPEEDS if s > speed), default=speed)
    return max((s for s in SPEEDS if s < speed), default=speed)


class TimelineScrubber(QWidget):
    """Day ticks, month labels, chapter bands, event markers and the current-time handle.

    Dragging emits `scrubbed(t)` continuously; clicking an event marker emits `event_clicked(i)`, a
    dispute marker `dispute_clicked(i)` (indices into `scenario.events` / `scenario.disputes`).
    `follow(clock)` makes it show the clock's range and time and seek the clock when scrubbed.
    """

    scrubbed = Signal(float)
    event_clicked = Signal(int)
    dispute_clicked = Signal(int)
    dragging_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.start, self.end, self.time = 0.0, 1.0, 0.0
        self.events: list[Mark] = []  # in the scenario's order of events
        self.disputes: list[Mark] = []  # in the scenario's order of disputes
        self.windows: list[Mark] = []  # control changes dated by a window of days
        self.chapters: list[tuple[float, float, str]] = []
        self.scale = 1.0
        self.dark = False
        self._dragging = False
        self._static = QPixmap()
        self._static_key: tuple = ()
        self.setMinimumHeight(self.sizeHint().height())

    def sizeHint(self) -> QSize:
        return QSize(800, round(76 * self.scale))

    def set_type_scale(self, scale: float, dark: bool) -> None:
        self.scale, self.dark = scale, dark
        self.setFixedHeight(self.sizeHint().height())
        self.update()

    def set_scenario(self, scenario: Scenario) -> None:
        self.start, self.end = scenario.start, scenario.end
        self.events = [event_mark(e) for e in scenario.events]
        self.disputes = [dispute_mark(scenario, d) for d in scenario.disputes]
        self.windows = window_marks(scenario)
        self._static_key = ()
        starts = [
            (day_number(e.date.start), pick(e.chapter, e.chapter_ar))
            for e in scenario.events
            if e.chapter
        ]
        self.chapters = [
            (t, starts[i + 1][0] if i + 1 < len(starts) else self.end, name)
            for i, (t, name) in enumerate(starts)
        ]
        self.update()

    def follow(self, clock: Clock) -> None:
        clock.time_changed.connect(self.set_time)
        clock.range_changed.connect(self.set_range)
        self.scrubbed.connect(clock.seek)
        self.set_range(clock.start, clock.end)
        self.set_time(clock.time)

    def set_range(self, start: float, end: float) -> None:
        if (start, end) != (self.start, self.end):
            self.start, self.end = start, end
            self._static_key = ()
            self.update()

    def set_time(self, t: float) -> None:
        self.time = t
        self.update()

    @property
    def has_period(self) -> bool:
        """A period of calendar days is set (before a scenario loads, start is 0: no day)."""
        return self.start >= 1

    # --- geometry ---------------------------------------------------------------------------------

    def _track(self) -> QRectF:
        pad = 14 * self.scale
        return QRectF(pad, 0, max(self.width() - 2 * pad, 1), self.height())

    @property
    def rtl(self) -> bool:
        """Right to left (Arabic): time runs from the right edge to the left."""
        return self.layoutDirection() == Qt.LayoutDirection.RightToLeft

    def x_of(self, t: float) -> float:
        track = self._track()
        span = max(self.end - self.start, 1e-9)
        offset = (t - self.start) / span * track.width()
        return track.right() - offset if self.rtl else track.left() + offset

    def t_of(self, x: float) -> float:
        track = self._track()
        span = self.end - self.start
        offset = track.right() - x if self.rtl else x - track.left()
        t = self.start + offset / track.width() * span
        return min(max(t, self.start), self.end)

    def span_x(self, t0: float, t1: float) -> tuple[float, float]:
        """The left and right x of the days [t0, t1] (in either direction)."""
        a, b = self.x_of(t0), self.x_of(t1)
        return (a, b) if a <= b else (b, a)

    def _marker_y(self) -> float:
        return self.height() * 0.27

    def _dispute_y(self) -> float:
        return self.height() * 0.45

    def _axis_y(self) -> float:
        return self.height() * 0.62

    def _window_y(self) -> float:
        return self._axis_y() - 3.5 * self.scale

    def _nearest_row(self, y: float) -> float:
        """The marker row (events, disputes, windows) nearest to y: rows are close, so a point
        between two belongs to the nearer one."""
        return min(
            (self._marker_y(), self._dispute_y(), self._window_y()), key=lambda r: abs(r - y)
        )

    def event_at(self, pos: QPointF) -> int | None:
        return self._mark_at(self.events, self._marker_y(), pos)

    def dispute_at(self, pos: QPointF) -> int | None:
        return self._mark_at(self.disputes, self._dispute_y(), pos)

    def window_at(self, pos: QPointF) -> int | None:
        """The window strip under `pos` (its bar only: the axis around it still scrubs)."""
        y = self._window_y()
        if abs(pos.y() - y) > 4 * self.scale or self._nearest_row(pos.y()) != y:
            return None
        return next(
            (
                i
                for i, w in enumerate(self.windows)
                if self.span_x(w.start, w.end)[0] - 1
                <= pos.x()
                <= self.span_x(w.start, w.end)[1] + 1
            ),
            None,
        )

    def tooltip_at(self, pos: QPointF) -> str:
        """What the mouse shows: an event, a dispute, a window, else the date under it."""
        for marks, index in (
            (self.events, self.event_at(pos)),
            (self.disputes, self.dispute_at(pos)),
            (self.windows, self.window_at(pos)),
        ):
            if index is not None:
                return marks[index].tooltip
        return format_date(self.t_of(pos.x())) if self.has_period else ""

    def _mark_at(self, marks: list[Mark], row_y: float, pos: QPointF) -> int | None:
        """The mark of a row under `pos`: the nearest diamond within reach, else a range bar under
        the pointer (so a day inside a long range can still be picked)."""
        reach = MARKER_HIT_PX * self.scale
        if abs(pos.y() - row_y) > reach + 4 or self._nearest_row(pos.y()) != row_y:
            return None
        best, best_d = None, reach
        for i, mark in enumerate(marks):
            d = abs(self.x_of(mark.start) - pos.x())
            left, right = self.span_x(mark.start, mark.end)
            if mark.is_range and left <= pos.x() <= right:
                d = min(d, reach - 0.5)
            if d <= best_d:
                best, best_d = i, d
        return best

    # --- painting ---------------------------------------------------------------------------------

    def paintEvent(self, event) -> None:
        key = (
            self.width(),
            self.height(),
            self.scale,
            self.dark,
            self.start,
            self.end,
            len(self.events),
            len(self.disputes),
            len(self.windows),
            self.devicePixelRatioF(),
        )
        if self._static_key != key:
            ratio = self.devicePixelRatioF()
            self._static = QPixmap(round(self.width() * ratio), round(self.height() * ratio))
            self._static.setDevicePixelRatio(ratio)
            painter = QPainter(self._static)
            try:  # an exception with the painter still active would take the process down
                self._paint_static(painter)
            finally:
                painter.end()
            self._static_key = key
        p = QPainter(self)
        p.drawPixmap(0, 0, self._static)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        k, h = self.scale, self.height()
        # current-time handle
        x = self.x_of(self.time)
        handle = QColor("#00b4ff") if self.dark else QColor("#0057b8")
        p.setPen(QPen(handle, 2.2 * k))
        p.drawLine(QPointF(x, 0), QPointF(x, h))
        p.setBrush(handle)
        p.setPen(Qt.PenStyle.NoPen)
        r = 6 * k
        p.drawPolygon(QPolygonF([QPointF(x - r, h), QPointF(x + r, h), QPointF(x, h - 1.6 * r)]))
        p.end()

    def _paint_static(self, p: QPainter) -> None:
        """Everything but the handle: drawn once per size/scenario/look into a pixmap."""
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        k = self.scale
        fg = QColor("#f0f0f0") if self.dark else QColor("#202020")
        bg = QColor("#000000") if self.dark else self.palette().window().color()
        p.fillRect(self.rect(), bg)
        h = self.height()
        axis_y = self._axis_y()
        font = QFont(FAMILY)
        font.setPointSizeF(7.5 * k)
        p.setFont(font)
        fm = QFontMetricsF(font)
        # chapter bands
        for n, (t0, t1, name) in enumerate(self.chapters):
            x0, x1 = self.span_x(t0, t1)
            band = QRectF(x0, 0, x1 - x0, h)
            colour = QColor(CHAPTER_COLOURS[n % 2])
            if self.dark:
                colour.setAlpha(110)
            p.fillRect(band, colour)
            p.setPen(fg)
            text = fm.elidedText(name, Qt.TextElideMode.ElideRight, max(x1 - x0 - 6, 0))
            p.drawText(
                QRectF(x0 + 3, 1, x1 - x0 - 6, fm.height()),
                Qt.AlignmentFlag.AlignRight if self.rtl else Qt.AlignmentFlag.AlignLeft,
                text,
            )
        # axis, day ticks, month labels
        p.setPen(QPen(fg, 1.2))
        p.drawLine(QPointF(self.x_of(self.start), axis_y), QPointF(self.x_of(self.end), axis_y))
        if self.has_period:
            self._paint_days(p, fg, axis_y, fm)
        self._paint_windows(p, fg)
        self._paint_marks(p, self.events, self._marker_y(), fg)
        self._paint_marks(p, self.disputes, self._dispute_y(), fg, dispute=True)

    def _paint_windows(self, p: QPainter, fg: QColor) -> None:
        """Windows of uncertain dates as hatched strips on the axis, over their days."""
        k, y = self.scale, self._window_y()
        ink = QColor(fg)
        ink.setAlpha(170)
        for mark in self.windows:
            x0, x1 = self.span_x(mark.start, mark.end)
            strip = QRectF(x0, y - 3 * k, max(x1 - x0, 2.0), 6 * k)
            p.setPen(QPen(ink, 0.8))
            p.setBrush(QBrush(ink, Qt.BrushStyle.BDiagPattern))
            p.drawRect(strip)

    def _paint_marks(
        self, p: QPainter, marks: list[Mark], y: float, fg: QColor, dispute: bool = False
    ) -> None:
        """One row of marks: ranges first, as bars over their days, then the markers over them:
        diamonds for events, discs for disputes; filled on a known day, hollow on an approximate one."""
        k = self.scale

        def colour_of(mark: Mark) -> QColor:
            if dispute:
                return QColor(DISPUTE_COLOUR)
            return QColor(MAJOR_COLOUR if mark.major else MINOR_COLOUR)

        for mark in marks:
            if mark.is_range:
                colour = colour_of(mark)
                x0, x1 = self.span_x(mark.start, mark.end)
                half = (3.0 if mark.major else 2.2) * k
                fill = QColor(colour)
                fill.setAlpha(150)
                p.setPen(QPen(colour, 1.0))
                p.setBrush(fill)
                p.drawRoundedRect(QRectF(x0, y - half, max(x1 - x0, 2.0), 2 * half), half, half)
        for mark in marks:
            colour = colour_of(mark)
            x = self.x_of(mark.start)
            r = (5.5 if mark.major or dispute else 4.0) * k
            if mark.precision == "approximate":
                p.setPen(QPen(colour, 1.8 * k))
                p.setBrush(Qt.BrushStyle.NoBrush)
            else:
                p.setPen(QPen(fg, 0.8))
                p.setBrush(colour)
            if dispute:
                p.drawEllipse(QPointF(x, y), r * 0.8, r * 0.8)
                continue
            p.drawPolygon(
                QPolygonF(
                    [QPointF(x, y - r), QPointF(x + r, y), QPointF(x, y + r), QPointF(x - r, y)]
                )
            )

    def _paint_days(self, p: QPainter, fg: QColor, axis_y: float, fm: QFontMetricsF) -> None:
        """Day ticks (Mondays when days are narrow) and month labels along the axis."""
        k = self.scale
        days = int(math.floor(self.end) - math.ceil(self.start)) + 1
        px_per_day = self._track().width() / max(self.end - self.start, 1e-9)
        for n in range(days):
            t = math.ceil(self.start) + n
            d = date_of(t)
            x = self.x_of(t)
            if d.day == 1 or t == self.start:
                p.setPen(QPen(fg, 1.2))
                p.drawLine(QPointF(x, axis_y - 6 * k), QPointF(x, axis_y + 7 * k))
                month = month_name(d.month)
                label = digits(f"{month} {d.year}") if d.month == 1 or t == self.start else month
                at = x - 3 - fm.horizontalAdvance(label) if self.rtl else x + 3
                p.drawText(QPointF(at, axis_y + 6 * k + fm.ascent()), label)
            elif px_per_day >= 3 or d.weekday() == 0:
                p.setPen(QPen(fg, 0.8))
                tick = 4 * k if d.weekday() == 0 else 2.5 * k
                p.drawLine(QPointF(x, axis_y), QPointF(x, axis_y + tick))

    # --- mouse --------------------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        index = self.event_at(event.position())
        if index is not None:
            self.event_clicked.emit(index)
            return
        index = self.dispute_at(event.position())
        if index is not None:
            self.dispute_clicked.emit(index)
            return
        self._dragging = True
        self.dragging_changed.emit(True)
        self.scrubbed.emit(self.t_of(event.position().x()))

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._dragging:
            self.scrubbed.emit(self.t_of(event.position().x()))
            return
        text = self.tooltip_at(event.position())
        if text:
            QToolTip.showText(event.globalPosition().toPoint(), text, self)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._dragging:
            self._dragging = False
            self.dragging_changed.emit(False)


WIDEST_DATE = "30 Sep 2016"


def widest_dates() -> list[str]:
    """A 28th of every month, in the language spoken: the widest date label is among them."""
    return [WIDEST_DATE] + [format_date(day_number(date(2016, m, 28))) for m in range(1, 13)]


class ControlsBar(QWidget):
    """Play/pause, reverse, steps, events, Home/End, speed, loop mode and the date.

    The buttons show the window's commands (QActions); the bar follows the clock's state, speed,
    loop mode and time, and writes them back into its widgets under QSignalBlocker.
    """

    def __init__(self, clock: Clock, commands: dict[str, QAction], parent: QWidget | None = None):
        super().__init__(parent)
        self.clock = clock
        self.commands = commands
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        style = self.style()
        # right to left (Arabic) the bar is mirrored and time runs leftwards: the icons point the
        # way time goes (play and "forward" to the left, "start" to the right)
        self.rtl = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        play_icon = style.standardIcon(QStyle.StandardPixmap.SP_MediaPlay)
        if self.rtl:
            play_icon = QIcon(play_icon.pixmap(64).transformed(QTransform().scale(-1, 1)))
        self.icons = {
            "play": play_icon,
            "pause": style.standardIcon(QStyle.StandardPixmap.SP_MediaPause),
        }
        back, forward = ("Backward", "Forward")[:: -1 if self.rtl else 1]
        left, right = ("Left", "Right")[:: -1 if self.rtl else 1]
        icons = {
            "home": getattr(QStyle.StandardPixmap, f"SP_MediaSkip{back}"),
            "previous_event": getattr(QStyle.StandardPixmap, f"SP_MediaSeek{back}"),
            "step_back": getattr(QStyle.StandardPixmap, f"SP_Arrow{left}"),
            "reverse": QStyle.StandardPixmap.SP_MediaPlay,
            "play": QStyle.StandardPixmap.SP_MediaPlay,
            "step_forward": getattr(QStyle.StandardPixmap, f"SP_Arrow{right}"),
            "next_event": getattr(QStyle.StandardPixmap, f"SP_MediaSeek{forward}"),
            "end": getattr(QStyle.StandardPixmap, f"SP_MediaSkip{forward}"),
        }
        self.buttons: dict[str, QToolButton] = {}
        for name, icon in icons.items():
            button = QToolButton(self)
            action = commands[name]
            button.setDefaultAction(action)
            if name == "reverse":  # text only: the action's icon text, "◀" or "■" (set_state)
                button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            elif name == "play":
                action.setIcon(self.icons["play"])
            else:
                action.setIcon(style.standardIcon(icon))
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setAutoRaise(True)
            layout.addWidget(button)
            self.buttons[name] = button
        self.date_label = QLabel(self)
        self.date_label.setObjectName("date")
        font = self.date_label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.3)
        self.date_label.setFont(font)
        # the widest date in this font, so it never runs into the Speed label
        self.date_label.setMinimumWidth(
            round(max(QFontMetricsF(font).horizontalAdvance(d) for d in widest_dates())) + 16
        )
        self.date_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addSpacing(12)
        layout.addWidget(self.date_label)
        layout.addStretch(1)
        self.speed_label = QLabel(self.tr("Speed"), self)
        layout.addWidget(self.speed_label)
        self.speed = QComboBox(self)
        self.speed.setAccessibleName(self.tr("Speed"))
        self.speed.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        for s in SPEEDS:
            if MIN_SPEED <= s <= MAX_SPEED:
                self.speed.addItem(digits(self.tr(SPEED_FORMAT).format(s)), s)
        self.speed.currentIndexChanged.connect(self._speed_chosen)
        layout.addWidget(self.speed)
        self.loop_label = QLabel(self.tr("At the end"), self)
        layout.addWidget(self.loop_label)
        self.loop = QComboBox(self)
        self.loop.setAccessibleName(self.tr("At the end"))
        self.loop.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        for mode, text in (
            (LoopMode.ONCE, self.tr("stop")),
            (LoopMode.LOOP, self.tr("loop")),
            (LoopMode.BACK_AND_FORTH, self.tr("back and forth")),
        ):
            self.loop.addItem(text, mode)
        self.loop.currentIndexChanged.connect(
            lambda i: self.clock.set_loop_mode(self.loop.itemData(i))
        )
        layout.addWidget(self.loop)
        clock.time_changed.connect(self.set_time)
        clock.speed_changed.connect(self.set_speed)
        clock.loop_mode_changed.connect(self.set_loop_mode)
        clock.state_changed.connect(self.set_state)
        self.set_speed(clock.speed)
        self.set_loop_mode(clock.loop_mode)
        self.set_time(clock.time)
        self.set_state(clock.state)

    def set_presenting(self, presenting: bool) -> None:
        """Presenting, the bar keeps what a briefer uses (no loop choice), so it fits a 1280 px
        projector at the larger type."""
        self.loop_label.setVisible(not presenting)
        self.loop.setVisible(not presenting)
        self.speed_label.setVisible(not presenting)

    def _speed_chosen(self, index: int) -> None:
        self.clock.set_speed(float(self.speed.itemData(index)))

    def set_time(self, t: float) -> None:
        self.date_label.setText(format_date(t))

    def set_speed(self, speed: float) -> None:
        """Select `speed`; a speed not in the list (from the settings) gets an item of its own."""
        with QSignalBlocker(self.speed):
            index = self.speed.findData(speed)
            if index < 0:
                index = sum(1 for i in range(self.speed.count()) if self.speed.itemData(i) < speed)
                self.speed.insertItem(index, digits(self.tr(SPEED_FORMAT).format(speed)), speed)
            self.speed.setCurrentIndex(index)

    def set_loop_mode(self, mode: LoopMode) -> None:
        with QSignalBlocker(self.loop):
            self.loop.setCurrentIndex(self.loop.findData(mode))

    def set_state(self, state: PlayState) -> None:
        """The play command pauses while time moves either way (`Clock.toggle_play`), so it reads
        "Pause" then; the reverse command reads "■" while playing backwards."""
        playing = state is not PlayState.IDLE
        play = self.commands["play"]
        play.setIcon(self.icons["pause" if playing else "play"])
        play.setText(self.tr("Pause") if playing else self.tr("Play"))
        reverse = self.commands["reverse"]
        reversing = state is PlayState.REVERSE
        reverse.setText(
            self.tr("Stop playing backwards") if reversing else self.tr("Play backwards")
        )
        reverse.setIconText("■" if reversing else ("▶" if self.rtl else "◀"))
