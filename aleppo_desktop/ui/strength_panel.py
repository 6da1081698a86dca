"""Faction strength, bound to the clock: first the figure a briefer is asked for — the ground the
defender of the scenario's first region holds there, in km² and as a share of its extent at the period
start — then the whole-map territory per faction and front length, and the head-count estimates as
dated, sourced ranges."""

from __future__ import annotations

import html

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QTextOption
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

from aleppo_desktop.core.language import digits, is_rtl, month_name, pick
from aleppo_desktop.core.metrics import Series, region_figures
from aleppo_desktop.core.scenario import Region, Scenario
from aleppo_desktop.core.story import cite
from aleppo_desktop.core.timeline import date_of, day_number, format_date
from aleppo_desktop.render.theme import faction_colour
from aleppo_desktop.ui.clock import Clock, Debounced


class DateAxis(pg.AxisItem):
    def paint(self, p, opt, widget):
        """In a right-to-left language, draw the tick labels as right-to-left text: pyqtgraph's
        own drawing (left to right, through a QPicture) put `24 آب` as `24آب`, the day on the
        left and the space lost."""
        if not is_rtl():
            super().paint(p, opt, widget)
            return
        p.save()
        if self.style["tickFont"]:
            p.setFont(self.style["tickFont"])
        specs = self.generateDrawSpecs(p)
        if specs is not None:
            axis, ticks, texts = specs
            p.setPen(self.textPen())
            option = QTextOption()
            option.setTextDirection(Qt.LayoutDirection.RightToLeft)
            option.setWrapMode(QTextOption.WrapMode.NoWrap)  # one line, as pyqtgraph measured it
            for rect, flags, text in texts:
                aligned = int(flags) & int(Qt.AlignmentFlag.AlignCenter)  # as placed, not mirrored
                option.setAlignment(Qt.AlignmentFlag(aligned) | Qt.AlignmentFlag.AlignAbsolute)
                # the option's drawText clips to its rect: give the descenders room
                p.drawText(rect.adjusted(0, 0, 0, rect.height()), text, option)
            self.drawPicture(p, axis, ticks, [])  # after the labels: it clips to the axis
        p.restore()

    def tickStrings(self, values, scale, spacing):
        return [short_date(v) for v in values]


class ShareAxis(pg.AxisItem):
    """A right-hand axis that reads the left axis's km² as a percentage of `base_km2`, with ticks at
    round percentages (so one curve gives both figures)."""

    def __init__(self) -> None:
        super().__init__("right")
        self.base_km2 = 0.0

    def tickValues(self, min_value, max_value, size):
        base = self.base_km2
        if base <= 0:
            return []
        levels = super().tickValues(min_value * 100 / base, max_value * 100 / base, size)
        return [(step * base / 100, [v * base / 100 for v in ticks]) for step, ticks in levels]

    def tickStrings(self, values, scale, spacing):
        base = self.base_km2
        return [digits(f"{v * 100 / base:.0f}%") if base > 0 else "" for v in values]


def lead_faction(series: Series, region: int) -> int:
    """The faction that held most of a region on the first day: whose ground the region's chart
    follows (in East Aleppo, the rebels)."""
    return int(np.argmax(series.region_km2[0, region]))


NARROW_PX = 560  # below this width the estimates table leaves out its scope and source columns


class TimePlot(pg.PlotWidget):
    """A chart whose side axes print their titles only while it is tall enough for them: a short
    chart in a small dock (a 1280 px screen) would clip "held (km²)" to "held (k"; the figures
    line above each chart names the units."""

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.fit_labels()

    def fit_labels(self) -> None:
        """Show each side axis's title if the chart's plot area is as tall as the title is long."""
        if self.plotItem is None:  # a resize while pyqtgraph builds the widget
            return
        height = self.plotItem.vb.boundingRect().height() or self.height()
        for name in ("left", "right"):
            axis = self.getAxis(name)
            if not axis.isVisible() or not axis.labelText:
                continue
            fits = axis.label.boundingRect().width() <= height
            if fits != axis.label.isVisible():
                axis.showLabel(fits)


def time_plot(label: str, units: str, **axes: pg.AxisItem) -> TimePlot:
    """A chart over the period: dated x axis, light grid, no mouse zoom, buttons or menu."""
    plot = TimePlot(axisItems={"bottom": DateAxis("bottom"), **axes})
    plot.setBackground("w")
    plot.setLabel("left", label, units=units)
    plot.showGrid(x=True, y=True, alpha=0.2)
    plot.setMouseEnabled(x=False, y=False)
    plot.hideButtons()
    plot.plotItem.setMenuEnabled(False)
    plot.plotItem.invertX(is_rtl())  # time runs right to left in Arabic, as on the timeline
    return plot


def step_mark(plot: pg.PlotWidget) -> pg.LinearRegionItem:
    """A shaded band over the days of the last step, behind the curves; hidden until a step."""
    mark = pg.LinearRegionItem(
        movable=False, brush=pg.mkBrush(255, 196, 0, 70), pen=pg.mkPen(255, 160, 0, 160)
    )
    mark.setZValue(-10)
    mark.hide()
    plot.addItem(mark)
    return mark


def time_cursor(plot: pg.PlotWidget) -> pg.InfiniteLine:
    """A vertical line at the current time, added to `plot`."""
    line = pg.InfiniteLine(angle=90, movable=False, pen=pg.mkPen("#0057b8", width=2))
    plot.addItem(line)
    return line


class StrengthPanel(QWidget):
    """Charts with a cursor line at the clock's time. After `follow(clock)` the cursors move every
    tick (cheap) and the values at the cursor on a debounce.

    The first chart is the scenario's first region (`Scenario.regions[0]`; a scenario without
    regions shows its whole-map figures first): the km² its starting holder keeps there, read on the
    right as a percentage of its extent at the period start."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.scenario: Scenario | None = None
        self.series: Series | None = None
        self.palette_name = "standard"
        self.time = 0.0
        self.debounced: Debounced | None = None
        self.region: Region | None = None  # the first chart's region
        self.region_faction: int | None = None  # whose ground it follows (set with the series)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        self.region_values = QLabel(self)
        self.region_values.setTextFormat(Qt.TextFormat.RichText)
        self.region_values.setWordWrap(True)
        self.values = QLabel(self)
        self.values.setTextFormat(Qt.TextFormat.RichText)
        self.values.setWordWrap(True)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        orphans_before = {id(w) for w in QApplication.topLevelWidgets()}
        self.share_axis = ShareAxis()
        self.region_plot = time_plot(self.tr("held"), "km²", right=self.share_axis)
        self.region_plot.showAxis("right")
        self.region_curve = self.region_plot.plot()
        self.area_plot = time_plot(self.tr("territory"), "km²")
        self.front_plot = time_plot(self.tr("front line"), "km")
        # not linked to the region chart: a link lines views up in pixels, and the region chart is
        # narrower (its right axis), so it would show a shorter period; each is set to the period
        self.front_plot.setXLink(self.area_plot)
        self.region_cursor = time_cursor(self.region_plot)
        self.area_cursor = time_cursor(self.area_plot)
        self.front_cursor = time_cursor(self.front_plot)
        # the last step (what changed): the days between the previous instant and the cursor
        self.step_marks = [
            step_mark(p) for p in (self.region_plot, self.area_plot, self.front_plot)
        ]
        self.curves: list[pg.PlotDataItem] = []
        self.front_curve = self.front_plot.plot(pen=pg.mkPen("#222", width=2))
        # pyqtgraph makes parentless context menus per plot; adopt them so they die with the panel
        for widget in QApplication.topLevelWidgets():
            if id(widget) not in orphans_before and widget.parent() is None:
                widget.setParent(self, widget.windowFlags())
        self.estimates = QTableWidget(0, 5, self)
        self.estimates.setHorizontalHeaderLabels(
            [
                self.tr("who"),
                self.tr("date"),
                self.tr("fighters"),
                self.tr("scope"),
                self.tr("source"),
            ]
        )
        self.estimates.verticalHeader().setVisible(False)
        self.estimates.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.estimates.horizontalHeader().setStretchLastSection(True)
        # who: the rest of the width (wrapped), so date and count show in a narrow dock too
        self.estimates.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.estimates.horizontalHeader().sectionResized.connect(
            lambda column, _old, _new: (
                self.estimates.resizeRowsToContents() if column == 0 else None
            )
        )
        self.estimates.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.region_box = QWidget(self)  # the region's figures and chart, first
        region_layout = QVBoxLayout(self.region_box)
        region_layout.setContentsMargins(0, 0, 0, 0)
        region_layout.addWidget(self.region_values)
        region_layout.addWidget(self.region_plot, 1)
        whole_map = QWidget(self)  # then the whole map
        whole_layout = QVBoxLayout(whole_map)
        whole_layout.setContentsMargins(0, 0, 0, 0)
        whole_layout.addWidget(self.values)
        whole_layout.addWidget(self.area_plot, 1)
        splitter.addWidget(self.region_box)
        splitter.addWidget(whole_map)
        splitter.addWidget(self.front_plot)
        splitter.addWidget(self.estimates)
        splitter.setSizes([280, 250, 80, 60])
        for index, stretch in enumerate((4, 2, 1, 1)):
            splitter.setStretchFactor(index, stretch)
        layout.addWidget(splitter)

    def resizeEvent(self, event) -> None:
        """In a narrow dock (a 1280 px screen) the estimates keep who, when and how many; the
        scope and source step aside (each row's tooltip has them)."""
        super().resizeEvent(event)
        for column in (3, 4):
            self.estimates.setColumnHidden(column, self.width() < NARROW_PX)
        self._fit_values()

    def set_scenario(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self.series = None
        self.region = scenario.regions[0] if scenario.regions else None
        self.region_faction = None
        self.region_curve.setData([], [])
        self.share_axis.base_km2 = 0.0
        self.region_box.setVisible(self.region is not None)
        self.region_values.setText("")
        for curve in self.curves:
            self.area_plot.removeItem(curve)
        self.curves = []
        self.front_curve.setData([], [])
        self.area_plot.setXRange(scenario.start, scenario.end, padding=0.01)
        self.region_plot.setXRange(scenario.start, scenario.end, padding=0.01)
        self.estimates.setRowCount(len(scenario.strength))
        for row, s in enumerate(sorted(scenario.strength, key=lambda s: (s.date, s.who))):
            source = cite(scenario, s.source)
            if s.reported_by:
                source += " " + self.tr("(reported by {who})").format(who=s.reported_by)
            count = digits(f"{s.low:,}" if s.low == s.high else f"{s.low:,}–{s.high:,}")
            how_many = (
                self.tr("{count} fighters").format(count=count)
                if s.unit == "fighters"
                else f"{count} {s.unit}"
            )
            scope = self.tr("Aleppo city") if s.scope == "aleppo-city" else self.tr("Syria")
            who = pick(s.who_name, s.who_name_ar)
            cells = (who, format_date(day_number(s.date)), how_many, scope, source)
            whole_row = "\n".join(cells)  # the tooltip: the row, with the columns a dock hides
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(whole_row)
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
                name=pick(faction.name_en, faction.name_ar),
            )
            self.curves.append(curve)
        self.front_curve.setData(series.times, series.front_km)
        if self.region is not None:
            r = s.region_index[self.region.id]
            f = self.region_faction = lead_faction(series, r)
            colour = QColor(faction_colour(s.factions[f], self.palette_name))
            fill = QColor(colour)
            fill.setAlpha(60)
            km2 = series.region_km2[:, r, f]
            self.share_axis.base_km2 = float(km2[0])
            self.region_curve.setData(series.times, km2)
            self.region_curve.setPen(pg.mkPen(colour, width=3))
            self.region_curve.setFillLevel(0)
            self.region_curve.setBrush(fill)
            self.region_plot.setLabel("left", self.tr("held"), units="km²")  # whose: the line above
            self.region_plot.setLabel(
                "right", self.tr("% of {date}").format(date=short_date(s.start))
            )
            self.region_plot.setYRange(0, max(float(km2.max()), 1e-6) * 1.05, padding=0)
            self.region_plot.fit_labels()  # setLabel shows the titles again
        self.area_plot.setXRange(s.start, s.end, padding=0.01)
        self.region_plot.setXRange(s.start, s.end, padding=0.01)
        self.update_values(self.time)

    def set_palette(self, name: str) -> None:
        self.palette_name = name
        if self.series is not None:
            self.set_series(self.series)

    def follow(self, clock: Clock) -> None:
        clock.time_changed.connect(self.set_time)
        self.debounced = Debounced(clock, self.update_values, self)
        self.set_time(clock.time)

    def mark_step(self, since: float | None, t: float | None = None) -> None:
        """Shade the last step on every chart, from `since` to `t` (the map outlines what changed
        over those days); None hides the mark."""
        for mark in self.step_marks:
            if since is None or t is None or since == t:
                mark.hide()
            else:
                mark.setRegion((min(since, t), max(since, t)))
                mark.show()

    def set_time(self, t: float) -> None:
        """Move the charts' cursors to t; while the panel is hidden (its dock closed or behind
        another tab, or presenting) they follow when it shows (`showEvent`): moving three
        pyqtgraph lines is ~0.4 ms of every scrub frame."""
        self.time = t
        if self.isVisible():
            self._move_cursors()

    def _move_cursors(self) -> None:
        for cursor in (self.region_cursor, self.area_cursor, self.front_cursor):
            if cursor.value() != self.time:
                cursor.setValue(self.time)

    def showEvent(self, event) -> None:
        self._move_cursors()  # where the clock is now, not where it was when hidden
        super().showEvent(event)

    def update_values(self, t: float) -> None:
        """Values at the cursor (interpolated from the daily series); on the slow-panel debounce."""
        s, series = self.scenario, self.series
        if s is None or series is None:
            self.values.setText("")
            self.region_values.setText("")
            return
        self._update_region_values(t)
        whole_map = self.tr("whole map:")
        parts = [f"<b>{format_date(t)}</b> {whole_map}"]
        for i, faction in enumerate(s.factions):
            km2 = float(np.interp(t, series.times, series.area_km2[:, i]))
            colour = QColor(faction_colour(faction, self.palette_name)).name()
            name = html.escape(pick(faction.name_en, faction.name_ar))
            area = self.tr("{km2} km²").format(km2=digits(f"{km2:.1f}"))
            parts.append(f"<span style='color:{colour}'>■</span> {name} {area}")
        front = float(np.interp(t, series.times, series.front_km))
        parts.append(self.tr("front {km} km").format(km=digits(f"{front:.1f}")))
        self.values.setText(" &nbsp; ".join(parts))
        self._fit_values()

    def _update_region_values(self, t: float) -> None:
        """The region's figures at t, from the core (`region_figures`: the handout's and CLI's)."""
        s, region, f = self.scenario, self.region, self.region_faction
        if s is None or region is None or f is None:
            self.region_values.setText("")
            return
        figures = region_figures(s, region.id, t)
        faction = s.factions[f]
        colour = QColor(faction_colour(faction, self.palette_name)).name()
        share = float(figures.share_of_start[f])
        share_text = (
            self.tr("{share}% of its {date} extent").format(
                share=digits(f"{share:.0f}"), date=short_date(s.start)
            )
            if np.isfinite(share)
            else ""
        )
        hold = self.tr("{faction} hold {km2}").format(
            faction=f"<span style='color:{colour}'>■</span> "
            + html.escape(pick(faction.name_en, faction.name_ar)),
            km2="<b>" + self.tr("{km2} km²").format(km2=digits(f"{figures.km2[f]:.1f}")) + "</b>",
        )
        front = self.tr("front {km} km").format(km=digits(f"{figures.front_km:.1f}"))
        comma = self.tr(", ")  # Arabic: "، "
        self.region_values.setText(
            f"<b>{html.escape(pick(region.name_en, region.name_ar))}</b>{comma}{format_date(t)}: "
            + hold
            + (f"{comma}<b>{share_text}</b>" if share_text else "")
            + f" · {front}"
        )
        self._fit_values()

    def _fit_values(self) -> None:
        """The wrapped figure lines keep the height their text needs at the panel's width: a
        layout does not ask a wrapped label its height for a width, so in a narrow dock the
        charts below clipped the last line ("front 54.7 km")."""
        width = max(self.width() - 4, 1)  # the layout's margins
        for label in (self.region_values, self.values):
            label.setMinimumHeight(label.heightForWidth(width) if label.text() else 0)


def short_date(t: float) -> str:
    """`1 Jul`: a day of the period, short."""
    day = date_of(t)
    return digits(f"{day.day} {month_name(day.month)}")
