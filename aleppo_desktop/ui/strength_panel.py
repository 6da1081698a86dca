"""Faction strength: territory (km²) per faction and front length over the period, bound to the clock,
and the head-count estimates as dated, sourced ranges."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QApplication,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from aleppo_desktop.core.metrics import Series
from aleppo_desktop.core.scenario import Scenario
from aleppo_desktop.core.story import cite
from aleppo_desktop.core.timeline import date_of, day_number, format_date
from aleppo_desktop.render.theme import faction_colour
from aleppo_desktop.ui.clock import Clock, Debounced


class DateAxis(pg.AxisItem):
    def tickStrings(self, values, scale, spacing):
        return [date_of(v).strftime("%d %b") for v in values]


def time_plot(label: str, units: str) -> pg.PlotWidget:
    """A chart over the period: dated x axis, light grid, no mouse zoom, buttons or menu."""
    plot = pg.PlotWidget(axisItems={"bottom": DateAxis("bottom")})
    plot.setBackground("w")
    plot.setLabel("left", label, units=units)
    plot.showGrid(x=True, y=True, alpha=0.2)
    plot.setMouseEnabled(x=False, y=False)
    plot.hideButtons()
    plot.plotItem.setMenuEnabled(False)
    return plot


def time_cursor(plot: pg.PlotWidget) -> pg.InfiniteLine:
    """A vertical line at the current time, added to `plot`."""
    line = pg.InfiniteLine(angle=90, movable=False, pen=pg.mkPen("#0057b8", width=2))
    plot.addItem(line)
    return line


class StrengthPanel(QWidget):
    """Charts with a cursor line at the clock's time. After `follow(clock)` the cursors move every
    tick (cheap) and the values at the cursor on a debounce."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.scenario: Scenario | None = None
        self.series: Series | None = None
        self.palette_name = "standard"
        self.time = 0.0
        self.debounced: Debounced | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        self.values = QLabel(self)
        self.values.setTextFormat(Qt.TextFormat.RichText)
        self.values.setWordWrap(True)
        layout.addWidget(self.values)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        orphans_before = {id(w) for w in QApplication.topLevelWidgets()}
        self.area_plot = time_plot("territory", "km²")
        self.front_plot = time_plot("front line", "km")
        self.front_plot.setXLink(self.area_plot)
        self.area_cursor = time_cursor(self.area_plot)
        self.front_cursor = time_cursor(self.front_plot)
        self.curves: list[pg.PlotDataItem] = []
        self.front_curve = self.front_plot.plot(pen=pg.mkPen("#222", width=2))
        # pyqtgraph makes parentless context menus per plot; adopt them so they die with the panel
        for widget in QApplication.topLevelWidgets():
            if id(widget) not in orphans_before and widget.parent() is None:
                widget.setParent(self, widget.windowFlags())
        self.estimates = QTableWidget(0, 5, self)
        self.estimates.setHorizontalHeaderLabels(["who", "date", "fighters", "scope", "source"])
        self.estimates.verticalHeader().setVisible(False)
        self.estimates.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.estimates.horizontalHeader().setStretchLastSection(True)
        self.estimates.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        splitter.addWidget(self.area_plot)
        splitter.addWidget(self.front_plot)
        splitter.addWidget(self.estimates)
        splitter.setSizes([260, 120, 160])
        layout.addWidget(splitter)

    def set_scenario(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self.series = None
        for curve in self.curves:
            self.area_plot.removeItem(curve)
        self.curves = []
        self.front_curve.setData([], [])
        self.area_plot.setXRange(scenario.start, scenario.end, padding=0.01)
        self.estimates.setRowCount(len(scenario.strength))
        for row, s in enumerate(sorted(scenario.strength, key=lambda s: (s.date, s.who))):
            source = cite(scenario, s.source)
            if s.reported_by:
                source += f" (reported by {s.reported_by})"
            count = f"{s.low:,}" if s.low == s.high else f"{s.low:,}–{s.high:,}"
            for col, text in enumerate(
                (s.who_name, format_date(day_number(s.date)), f"{count} {s.unit}", s.scope, source)
            ):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.estimates.setItem(row, col, item)

    def set_series(self, series: Series) -> None:
        """The daily figures (computed once after start-up; see MainWindow)."""
        s = self.scenario
        if s is None:
            return
        self.series = series
        for curve in self.curves:
            self.area_plot.removeItem(curve)
        self.curves = []
        for i, faction in enumerate(s.factions):
            colour = faction_colour(faction, self.palette_name)
            curve = self.area_plot.plot(
                series.times,
                series.area_km2[:, i],
                pen=pg.mkPen(colour, width=2.5),
                name=faction.name_en,
            )
            self.curves.append(curve)
        self.front_curve.setData(series.times, series.front_km)
        self.area_plot.setXRange(s.start, s.end, padding=0.01)
        self.update_values(self.time)

    def set_palette(self, name: str) -> None:
        self.palette_name = name
        if self.series is not None:
            self.set_series(self.series)

    def follow(self, clock: Clock) -> None:
        clock.time_changed.connect(self.set_time)
        self.debounced = Debounced(clock, self.update_values, self)
        self.set_time(clock.time)

    def set_time(self, t: float) -> None:
        self.time = t
        self.area_cursor.setValue(t)
        self.front_cursor.setValue(t)

    def update_values(self, t: float) -> None:
        """Values at the cursor (interpolated from the daily series); on the slow-panel debounce."""
        s, series = self.scenario, self.series
        if s is None or series is None:
            self.values.setText("")
            return
        parts = [f"<b>{format_date(t)}</b>"]
        for i, faction in enumerate(s.factions):
            km2 = float(np.interp(t, series.times, series.area_km2[:, i]))
            colour = QColor(faction_colour(faction, self.palette_name)).name()
            parts.append(f"<span style='color:{colour}'>■</span> {faction.name_en} {km2:.1f} km²")
        front = float(np.interp(t, series.times, series.front_km))
        parts.append(f"front {front:.1f} km")
        self.values.setText(" &nbsp; ".join(parts))
