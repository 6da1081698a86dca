"""The briefing handout: a title page, then pages in time order — each chapter's opening, where its
fighting ended and its end (default), every event, the major events or chosen ones — each with the map at that date (its legend), the event text and source, km² per faction with the change since the previous page, each
region's figures (km² and % of the period-start extent) and "Sources disagree" for the disputes that
bear on the event.

Drawn with QPdfWriter; the map on each page is `render_map_image`, the screen's own drawing.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from aleppo_desktop.core.disputes import dispute_lines, disputes_touching
from aleppo_desktop.core.language import digits, is_rtl, pick
from aleppo_desktop.core.metrics import region_figures
from aleppo_desktop.core.scenario import Scenario
from aleppo_desktop.core.story import cite, event_date_text
from aleppo_desktop.core.timeline import day_number, format_date
from aleppo_desktop.export.atomic import ExportError, Progress, Reporter, atomic_path
from aleppo_desktop.translations import QT_TRANSLATE_NOOP, translate

if TYPE_CHECKING:
    from aleppo_desktop.export.render import ExportRenderer

PAGE_CHOICES = ("chapters", "events", "major")
PAGE_SIZES = ("a4", "letter")
DPI = 300
MAP_PIXELS_PER_MM = 7.0  # the map picture: about 180 dpi
SCREEN_DPI = 96.0  # what a QImage's point sizes assume
# the map's labels and overlays at their nominal point size on paper (8.5 pt labels, 7.5 pt source line)
MAP_TYPE_SCALE = MAP_PIXELS_PER_MM * 25.4 / SCREEN_DPI
MAP_WIDTH = 0.64  # of the page's printable width; the event text and table use the rest


@dataclass(frozen=True)
class HandoutPage:
    event_index: int
    t: float  # the instant the map shows: 00:00 of the event's (last) day, when its change holds


def handout_pages(
    scenario: Scenario, pages: str = "chapters", event_ids: list[str] | None = None
) -> list[HandoutPage]:
    """The pages after the title page, in time order: chapters (default: each chapter's opening
    event, where its fighting ended and its end, see `chapter_page_events`), all events, major
    events, or `event_ids`. A page shows its event's last day, so an event over several days goes
    where its change holds, after the events of the days in between."""
    events = scenario.events
    if event_ids:
        index = {e.id: i for i, e in enumerate(events)}
        unknown = [e for e in event_ids if e not in index]
        if unknown:
            raise ValueError(f"unknown event(s) {', '.join(unknown)}")
        chosen = sorted({index[e] for e in event_ids})
    elif pages == "chapters":
        chosen = chapter_page_events(scenario)
    elif pages == "events":
        chosen = list(range(len(events)))
    elif pages == "major":
        chosen = [i for i, e in enumerate(events) if e.importance == "major"]
    else:
        raise ValueError(f"pages must be one of {', '.join(PAGE_CHOICES)}")
    if not chosen:
        raise ValueError(f"no {pages} in this scenario to make pages of")
    result = [HandoutPage(i, _page_time(scenario, i)) for i in chosen]
    return sorted(result, key=lambda page: (page.t, page.event_index))


def _page_time(scenario: Scenario, index: int) -> float:
    when = scenario.events[index].date
    return min(max(day_number(when.end or when.start), scenario.start), scenario.end)


def chapter_of(scenario: Scenario, index: int) -> str:
    """The title of the chapter an event belongs to (the last chapter opened at or before it)."""
    return next(
        (
            pick(e.chapter, e.chapter_ar)
            for e in reversed(scenario.events[: index + 1])
            if e.chapter
        ),
        "",
    )


def chapter_page_events(scenario: Scenario) -> list[int]:
    """Per chapter: its opening event; the last major event before its end on a day the ground
    changed hands, where the chapter's fighting ended (the fall of East Aleppo on 13 Dec, before
    the evacuation that ends the story on 22 Dec); and the last major event before the next chapter (the last
    event when the chapter has no later major one), where it ends. Each on a day of its own."""
    events = scenario.events
    moved = {day_number(change.held_from) for change in scenario.control.changes}
    openings = [i for i, e in enumerate(events) if e.chapter]
    chosen: list[int] = []
    for n, first in enumerate(openings):
        stop = openings[n + 1] if n + 1 < len(openings) else len(events)
        inside = range(first, stop)
        major = [i for i in inside if events[i].importance == "major"]
        last = max(major or inside, key=lambda i: (_page_time(scenario, i), i))
        fighting = [i for i in major if i != last and _page_time(scenario, i) in moved]
        chosen.append(first)
        days = {_page_time(scenario, first)}
        for page in (last, *([max(fighting)] if fighting else [])):  # the end wins a shared day
            if _page_time(scenario, page) not in days:
                chosen.append(page)
                days.add(_page_time(scenario, page))
    return chosen


def area_table(
    scenario: Scenario, pages: list[HandoutPage]
) -> list[tuple[np.ndarray, np.ndarray, float]]:
    """Per page: km² per faction, the change since the previous page (the period start for the
    first), and the km of front line."""
    previous = scenario.frame_at(scenario.start).area_km2
    rows = []
    for page in pages:
        frame = scenario.frame_at(page.t)
        rows.append((frame.area_km2.copy(), frame.area_km2 - previous, frame.front_km))
        previous = frame.area_km2
    return rows


def region_lines(scenario: Scenario, t: float) -> list[tuple[str, list[str]]]:
    """Per region, its heading and one line per faction holding ground there at the period start or
    at t: `Rebels: 25.1 km², 34% of 1 Jul 2016`, a gain as `Regime: 30.5 km², up from 19.8 km² on
    1 Jul 2016 (+54%)` (`metrics.region_figures`, as the panel shows)."""
    start = format_date(scenario.start)
    result = []
    for region in scenario.regions:
        first = region_figures(scenario, region.id, scenario.start)
        now = region_figures(scenario, region.id, t)
        lines = []
        for i, faction in enumerate(scenario.factions):
            if first.km2[i] < 0.005 and now.km2[i] < 0.005:
                continue
            share = now.share_of_start[i]
            percent = 0 if np.isnan(share) else int(f"{share:.0f}")
            if np.isnan(share):
                of_start = translate("pdf", "none on {date}").format(date=start)
            elif percent > 100:  # a gain reads as one: "up from 19.8 km² on 1 Jul 2016 (+54%)"
                of_start = translate("pdf", "up from {km2} km² on {date} (+{gain}%)").format(
                    km2=digits(f"{first.km2[i]:.1f}"), date=start, gain=digits(str(percent - 100))
                )
            else:
                of_start = translate("pdf", "{share}% of {date}").format(
                    share=digits(str(percent)), date=start
                )
            name = pick(faction.name_en, faction.name_ar)
            lines.append(
                translate("pdf", "{name}: {km2} km², {of_start}").format(
                    name=name, km2=digits(f"{now.km2[i]:.1f}"), of_start=of_start
                )
            )
        heading = translate("pdf", "{name} ({km2} km²)").format(
            name=pick(region.name_en, region.name_ar), km2=digits(f"{region.area_km2:.1f}")
        )
        result.append((heading, lines))
    return result


KM2 = QT_TRANSLATE_NOOP("pdf", "km²")  # the unit in the language (Arabic: كم²), shown translated


def event_dispute_lines(scenario: Scenario, event_index: int) -> list[list[str]]:
    """For each dispute bearing on the event, its lines ("Sources disagree: …", the versions, what
    the map follows and why) in `core.disputes` wording, as the event details show them."""
    event = scenario.events[event_index]
    return [dispute_lines(scenario, d) for d in disputes_touching(scenario, event.id)]


def write_pdf(
    scenario: Scenario,
    path: Path | str,
    pages: list[HandoutPage] | None = None,
    progress: Progress | None = None,
    renderer: ExportRenderer | None = None,
    page_size: str = "a4",
) -> Path:
    """A landscape handout on A4 or US Letter (`page_size`); returns the path written. The map's
    labels and overlays print at their nominal point sizes (the smallest 7.5 pt)."""
    from PySide6.QtCore import QMarginsF, QSize
    from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QPdfWriter

    from aleppo_desktop.export.render import ExportRenderer

    if page_size not in PAGE_SIZES:
        raise ValueError(f"page size must be one of {', '.join(PAGE_SIZES)}")
    pages = pages if pages is not None else handout_pages(scenario)
    renderer = renderer or ExportRenderer(scenario)
    theme = renderer.scene.theme  # the labels' size on paper: the look's scale x the print scale
    renderer.scene.apply_theme(replace(theme, type_scale=theme.type_scale * MAP_TYPE_SCALE))
    report = Reporter(progress, len(pages) + 2)
    report(0)
    table = area_table(scenario, pages)
    with atomic_path(path) as temporary:
        writer = QPdfWriter(str(temporary))
        writer.setResolution(DPI)
        writer.setTitle(
            translate("pdf", "{title}: briefing handout").format(title=_title(scenario))
        )
        writer.setCreator("aleppo-desktop")
        writer.setPageLayout(
            QPageLayout(
                QPageSize(
                    QPageSize.PageSizeId.A4 if page_size == "a4" else QPageSize.PageSizeId.Letter
                ),
                QPageLayout.Orientation.Landscape,
                QMarginsF(12, 12, 12, 12),
                QPageLayout.Unit.Millimeter,
            )
        )
        painter = QPainter()
        if not painter.begin(writer):
            raise ExportError(f"cannot write a PDF to {path}")
        try:
            layout = _Layout(painter, writer.width(), writer.height())
            first = layout.title_page(scenario, pages, writer.newPage) + 1
            report(1)
            for n, (page, (km2, change, front_km)) in enumerate(zip(pages, table, strict=True)):
                writer.newPage()
                rect = layout.map_rect()
                pixels = QSize(
                    round(rect.width() / layout.mm(1) * MAP_PIXELS_PER_MM),
                    round(rect.height() / layout.mm(1) * MAP_PIXELS_PER_MM),
                )
                image = renderer.render(
                    page.t, pixels, None, type_scale=renderer.scene.theme.type_scale
                )
                layout.event_page(scenario, page, image, km2, change, front_km, first + n)
                report(n + 2)
        finally:
            painter.end()
            renderer.scene.apply_theme(theme)
        report(len(pages) + 2)
    return Path(path)


def _title(scenario: Scenario) -> str:
    return pick(scenario.meta.title, scenario.meta.title_ar)


class _Layout:
    """Page drawing in device pixels of the PDF (DPI per inch); sizes given in mm and points.

    Positions are logical (from the reading edge): in a right-to-left language every x is measured
    from the right and alignments swap, so the page mirrors (map on the right, tables read from
    the right) while the text stays in logical order for copying and `pdftotext`."""

    def __init__(self, painter, width: int, height: int):
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QColor

        self.p = painter
        self.rtl = is_rtl()
        painter.setLayoutDirection(
            Qt.LayoutDirection.RightToLeft if self.rtl else Qt.LayoutDirection.LeftToRight
        )
        self.w, self.h = width, height
        self.ink = QColor("#111111")
        self.muted = QColor("#555555")
        self.rule = QColor("#bbbbbb")

    @staticmethod
    def mm(value: float) -> float:
        return value / 25.4 * DPI

    def font(self, points: float, bold: bool = False, italic: bool = False):
        from PySide6.QtGui import QFont

        from aleppo_desktop.render.fonts import FAMILY

        font = QFont(FAMILY)
        font.setPointSizeF(points)
        font.setBold(bold)
        font.setItalic(italic and not self.rtl)  # Arabic has no italic (nor the oblique font)
        return font

    def text(
        self,
        x: float,
        y: float,
        width: float,
        text: str,
        points: float,
        bold: bool = False,
        colour=None,
        italic: bool = False,
        align_right: bool = False,
    ) -> float:
        """Wrapped text from (x, y); returns the y below it."""
        from PySide6.QtCore import QRectF, Qt

        if self.rtl:
            x, align_right = self.w - x - width, not align_right
        self.p.setFont(self.font(points, bold, italic))
        self.p.setPen(colour or self.ink)
        # absolute: the mirroring is done here, not again by the painter's layout direction
        flags = (
            Qt.TextFlag.TextWordWrap
            | Qt.AlignmentFlag.AlignAbsolute
            | (Qt.AlignmentFlag.AlignRight if align_right else Qt.AlignmentFlag.AlignLeft)
        )
        if self.rtl:
            # each paragraph in its own direction (an English summary keeps its full stop at the
            # end); the text stays in logical order in the PDF, for copying and pdftotext
            from PySide6.QtGui import QTextOption

            option = QTextOption(Qt.AlignmentFlag(flags & ~Qt.TextFlag.TextWordWrap))
            option.setWrapMode(QTextOption.WrapMode.WordWrap)
            option.setTextDirection(Qt.LayoutDirection.LayoutDirectionAuto)
            bounds = self.p.boundingRect(QRectF(x, y, width, self.h), text, option)
            self.p.drawText(QRectF(x, y, width, bounds.height()), text, option)
            return y + bounds.height()
        bounds = self.p.boundingRect(QRectF(x, y, width, self.h), int(flags), text)
        self.p.drawText(QRectF(x, y, width, bounds.height()), int(flags), text)
        return y + bounds.height()

    def hline(self, x0: float, x1: float, y: float) -> None:
        from PySide6.QtCore import QPointF
        from PySide6.QtGui import QPen

        if self.rtl:
            x0, x1 = self.w - x1, self.w - x0
        self.p.setPen(QPen(self.rule, self.mm(0.25)))
        self.p.drawLine(QPointF(x0, y), QPointF(x1, y))

    def box(self, x: float, y: float, width: float, height: float):
        """A rectangle at logical x (mirrored in a right-to-left language)."""
        from PySide6.QtCore import QRectF

        return QRectF(self.w - x - width if self.rtl else x, y, width, height)

    def map_rect(self):
        """Where the map goes on an event page: left, below the heading, above the footer."""

        top = self.mm(14)
        return self.box(0, top, self.w * MAP_WIDTH, self.h - top - self.mm(10))

    def footer(self, scenario: Scenario, number: int) -> None:
        y = self.h - self.mm(5)
        footer = translate("pdf", "{title} — briefing handout").format(title=_title(scenario))
        self.text(0, y, self.w * 0.8, footer, 7, colour=self.muted)
        page = translate("pdf", "page {number}").format(number=digits(str(number)))
        self.text(self.w * 0.8, y, self.w * 0.2, page, 7, colour=self.muted, align_right=True)

    def title_page(self, scenario: Scenario, pages: list[HandoutPage], new_page) -> int:
        """The title page and its sources (continued on more pages if needed); pages used."""
        meta = scenario.meta
        y = self.mm(22)
        y = self.text(0, y, self.w, _title(scenario), 30, bold=True)
        subtitle = pick(meta.subtitle, meta.subtitle_ar)
        if subtitle:
            y = self.text(0, y + self.mm(2), self.w, subtitle, 14, colour=self.muted)
        follow = (
            translate("pdf", "1 page follows, in time order")
            if len(pages) == 1
            else translate("pdf", "{count} pages follow, in time order").format(
                count=digits(str(len(pages)))
            )
        )
        period = translate("pdf", "{start} – {end} ({zone}); {follow}").format(
            start=format_date(scenario.start),
            end=format_date(scenario.end),
            zone=meta.time_zone,
            follow=follow,
        )
        y = self.text(0, y + self.mm(4), self.w, period, 12)
        note = translate(
            "pdf",
            "Territory (km²) and front lengths are computed from the map geometry (UTM 37N); each page shows the map at 00:00 of the event's day, when the change it records holds. Changes are against the previous page (the first page: against the period start).",
        )
        y = self.text(0, y + self.mm(3), self.w, note, 8.5, italic=True, colour=self.muted)
        y += self.mm(7)
        if scenario.regions:
            y = self.text(0, y, self.w, translate("pdf", "Regions"), 14, bold=True)
            self.hline(0, self.w, y + self.mm(1))
            y += self.mm(3)
            for region in scenario.regions:
                line = translate(
                    "pdf", "{name}: {count} area units, {km2} km². {note} Source: {source}"
                ).format(
                    name=pick(region.name_en, region.name_ar),
                    count=digits(str(len(region.area_ids))),
                    km2=digits(f"{region.area_km2:.1f}"),
                    note=pick(region.note, region.note_ar),
                    source=cite(scenario, region.source),
                )
                y = self.text(self.mm(2), y, self.w - self.mm(4), line, 8.5) + self.mm(1.0)
            y += self.mm(5)
        used = 1
        heading = translate("pdf", "Sources")
        for source in meta.sources:
            if heading:
                y = self.text(0, y, self.w, heading, 14, bold=True)
                self.hline(0, self.w, y + self.mm(1))
                y += self.mm(3)
                heading = ""
            who = ", ".join(v for v in (source.author, source.publisher) if v)
            when = source.date.isoformat() if isinstance(source.date, date) else ""
            line = f"[{source.id}] {source.title}" + "".join(
                f" — {v}" for v in (who, when, source.url, source.licence) if v
            )
            if y + self._height(line, 8.5) > self.h - self.mm(10):
                self.footer(scenario, used)
                new_page()
                used += 1
                y = 0.0
                y = self.text(0, y, self.w, translate("pdf", "Sources (continued)"), 14, bold=True)
                self.hline(0, self.w, y + self.mm(1))
                y += self.mm(3)
            y = self.text(self.mm(2), y, self.w - self.mm(4), line, 8.5) + self.mm(1.0)
        self.footer(scenario, used)
        return used

    def _height(self, text: str, points: float, width: float | None = None) -> float:
        """The height of wrapped text (`width` defaults to the page's, less the indent)."""
        from PySide6.QtCore import QRectF, Qt

        self.p.setFont(self.font(points))
        flags = int(Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft)
        width = self.w - self.mm(4) if width is None else width
        return self.p.boundingRect(QRectF(0, 0, width, self.h), flags, text).height()

    def event_page(
        self,
        scenario: Scenario,
        page: HandoutPage,
        image,
        km2: np.ndarray,
        change: np.ndarray,
        front_km: float,
        number: int,
    ) -> None:

        event = scenario.events[page.event_index]
        title = pick(event.title, event.title_ar)
        heading = chapter_of(scenario, page.event_index) or title
        y = self.text(0, 0, self.w * 0.75, heading, 18, bold=True)
        self.text(
            self.w * 0.6,
            0,
            self.w * 0.4,
            translate("pdf", "map at {date}").format(date=format_date(page.t)),
            11,
            colour=self.muted,
            align_right=True,
        )
        y += self.mm(2)
        self.hline(0, self.w, y)
        y += self.mm(3)
        rect = self.map_rect()
        self.p.drawImage(rect, image)
        x = rect.width() + self.mm(6)
        col = self.w - x
        ty = self.text(x, y, col, title, 13, bold=True)
        ty = self.text(x, ty + self.mm(1), col, event_date_text(event), 9.5, colour=self.muted)
        ty = self.text(x, ty + self.mm(3), col, pick(event.summary, event.summary_ar), 10.5)
        cited = cite(scenario, event.source)
        ty = self.text(
            x,
            ty + self.mm(3),
            col,
            translate("pdf", "Source: {source}").format(source=cited),
            9,
            italic=True,
            colour=self.muted,
        )
        ty += self.mm(6)
        ty = self._area_table(scenario, x, ty, col, km2, change, front_km)
        for heading, lines in region_lines(scenario, page.t):
            ty = self.text(x, ty + self.mm(2.5), col, heading, 9, bold=True)
            for line in lines:
                ty = self.text(x + self.mm(2), ty, col - self.mm(2), line, 8.5)
        bottom = self.h - self.mm(10)  # above the footer
        for lines in event_dispute_lines(scenario, page.event_index):
            ty = self.text(x, ty + self.mm(2.5), col, lines[0], 8.5, bold=True)
            # the versions while they fit; what the map follows (the last line) always
            body, last = lines[1:-1], lines[-1]
            room = bottom - ty - self._height(last, 7.5, col - self.mm(2))
            shown = 0
            for line in body:
                height = self._height(line, 7.5, col - self.mm(2))
                if height > room:
                    break
                ty = self.text(x + self.mm(2), ty, col - self.mm(2), line, 7.5)
                room -= height
                shown += 1
            if shown < len(body):
                ty = self.text(
                    x + self.mm(2), ty, col - self.mm(2),
                    translate("pdf", "(and {count} more version(s): see the event details)").format(count=digits(str(len(body) - shown))),
                    7.5, italic=True, colour=self.muted,
                )  # fmt: skip
            ty = self.text(x + self.mm(2), ty, col - self.mm(2), last, 7.5, italic=True)
        self.footer(scenario, number)

    def _area_table(
        self,
        scenario: Scenario,
        x: float,
        y: float,
        width: float,
        km2: np.ndarray,
        change: np.ndarray,
        front_km: float,
    ) -> float:
        from PySide6.QtGui import QColor

        columns = (0.52, 0.22, 0.26)  # faction, km², change
        xs = [x, x + width * columns[0], x + width * (columns[0] + columns[1])]
        widths = [width * c for c in columns]
        row_h = self.mm(6)
        for cx, cw, head, right in zip(
            xs,
            widths,
            (translate("pdf", "Faction"), translate("pdf", KM2), translate("pdf", "change")),
            (False, True, True),
            strict=True,
        ):
            self.text(cx, y, cw - self.mm(1), head, 9.5, bold=True, align_right=right)
        y += row_h
        self.hline(x, x + width, y - self.mm(1))
        for i, faction in enumerate(scenario.factions):
            swatch = self.box(xs[0], y + self.mm(1), self.mm(4), self.mm(3.5))
            self.p.fillRect(swatch, QColor(faction.colour))
            name = pick(faction.name_en, faction.name_ar)
            below = self.text(xs[0] + self.mm(6), y, widths[0] - self.mm(6), name, 9.5)
            figure = digits(f"{km2[i]:.1f}")
            self.text(xs[1], y, widths[1] - self.mm(1), figure, 9.5, align_right=True)
            delta = change[i]
            text = digits("±0.0" if abs(delta) < 0.05 else f"{delta:+.1f}")
            self.text(xs[2], y, widths[2] - self.mm(1), text, 9.5, align_right=True)
            y = max(y + row_h, below + self.mm(1.5))  # long names wrap
        self.hline(x, x + width, y - self.mm(1))
        front = translate("pdf", "Front line: {km} km").format(km=digits(f"{front_km:.1f}"))
        y = self.text(x, y, width, front, 9.5, colour=self.muted)
        return y
