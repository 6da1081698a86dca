"""What is drawn over the map: title, date banner, event caption, legend, scale bar, north arrow, sources.

`overlays_for` decides the content (from the scene and the core's story) and `paint_overlays` draws it,
for the on-screen view and for every export alike, so an exported frame reads like the screen.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPainter,
    QPen,
    QPolygonF,
)

from aleppo_desktop.core.frames import Frame
from aleppo_desktop.core.model import CONFIDENCES, FillStyles
from aleppo_desktop.core.story import Caption
from aleppo_desktop.core.timeline import format_date
from aleppo_desktop.render.fonts import FAMILY
from aleppo_desktop.render.scene import MapScene
from aleppo_desktop.render.theme import FILL_PATTERNS, STANDARD, Theme, lighter

MARGIN = 12.0
UNCERTAIN_LEGEND = "uncertain: taken on an unknown day"
LEGEND_PATTERNS: dict[str, str] = FillStyles().model_dump()  # each style's default fill


@dataclass
class LegendEntry:
    name_en: str
    name_ar: str
    colour: QColor


@dataclass
class MapOverlays:
    """What is drawn over the map, and how big; build it with `overlays_for(scene, t, caption)`."""

    title: str = ""
    date_text: str = ""
    caption: str = ""  # the current event (presentation mode, exports)
    caption_date: str = ""
    source_line: str = ""
    legend: list[LegendEntry] = field(default_factory=list)
    theme: Theme = STANDARD
    type_scale: float = 1.0
    show_title: bool = True
    show_legend: bool = True
    show_scale_bar: bool = True
    show_north_arrow: bool = True
    show_date: bool = True
    compact_legend: bool = False  # factions and the front line only (presentation)
    # uncertain ground is on the map (a change dated by a window is under way): the legend names its
    # style, in the compact legend too, since nothing else on the map explains it
    uncertain: bool = False


def overlays_for(
    scene: MapScene, t: float, caption: Caption | None = None, frame: Frame | None = None
) -> MapOverlays:
    """Overlays for a scene at instant t, in its palette and theme; with a caption, the current
    event's title and date and, first in the source line, its source. `frame` is the frame drawn
    at t (asked of the core when not given): the legend names the uncertain style while it shows."""
    s = scene.scenario
    if frame is None:
        frame = s.frame_at(t)
    legend = [
        LegendEntry(f.name_en, f.name_ar, scene.colour_of(i)) for i, f in enumerate(s.factions)
    ]
    data_line = (
        f"Data: {s.meta.title} scenario; control from the sources cited per area. "
        "Schematic features are dashed/hollow."
    )
    return MapOverlays(
        title=s.title,
        date_text=format_date(t),
        caption=caption.title if caption else "",
        caption_date=caption.date_text if caption else "",
        source_line=f"Source: {caption.source_text} · {data_line}" if caption else data_line,
        legend=legend,
        theme=scene.theme,
        type_scale=scene.theme.type_scale,
        uncertain=bool(frame.uncertain.any()),
    )


def _font(size: float, scale: float, bold: bool = False) -> QFont:
    font = QFont(FAMILY)
    font.setPointSizeF(size * scale)
    font.setBold(bold)
    return font


def _panel(painter: QPainter, rect: QRectF, theme: Theme) -> None:
    painter.fillRect(rect, theme.panel)


def nice_length(max_metres: float) -> float:
    """The largest 1/2/5 x 10^n metres not above max_metres."""
    if max_metres <= 0:
        return 0.0
    exponent = math.floor(math.log10(max_metres))
    for step in (5, 2, 1):
        value = step * 10**exponent
        if value <= max_metres:
            return float(value)
    return float(10**exponent)


def paint_overlays(
    painter: QPainter, rect: QRectF, overlays: MapOverlays, metres_per_pixel: float
) -> None:
    """Title, date banner, legend, scale bar, north arrow, caption and source line, in device pixels."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    theme, k = overlays.theme, overlays.type_scale
    text_pen = QPen(theme.panel_text)
    m = MARGIN * k
    top = rect.top() + m
    # title, top left
    if overlays.show_title and overlays.title:
        font = _font(11, k, bold=True)
        fm = QFontMetricsF(font)
        box = QRectF(
            rect.left() + m, top, fm.horizontalAdvance(overlays.title) + 2 * m, fm.height() + m
        )
        _panel(painter, box, theme)
        painter.setFont(font)
        painter.setPen(text_pen)
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, overlays.title)
    # date banner, top centre, with the current event's caption under it
    below_banner = top
    if overlays.show_date and overlays.date_text:
        font = _font(20, k, bold=True)
        fm = QFontMetricsF(font)
        w = fm.horizontalAdvance(overlays.date_text) + 3 * m
        box = QRectF(rect.center().x() - w / 2, top, w, fm.height() + m)
        _panel(painter, box, theme)
        painter.setFont(font)
        painter.setPen(text_pen)
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, overlays.date_text)
        below_banner = box.bottom() + m / 2
    if overlays.caption:
        _paint_caption(painter, rect, below_banner, overlays)
    # north arrow, top right
    if overlays.show_north_arrow:
        size = 34 * k
        box = QRectF(rect.right() - m - size, top, size, size * 1.5)
        _panel(painter, box, theme)
        cx = box.center().x()
        arrow = QPolygonF(
            [
                QPointF(cx, box.top() + size * 0.45),
                QPointF(cx + size * 0.25, box.bottom() - size * 0.15),
                QPointF(cx, box.bottom() - size * 0.3),
                QPointF(cx - size * 0.25, box.bottom() - size * 0.15),
            ]
        )
        painter.setBrush(theme.panel_text)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawPolygon(arrow)
        painter.setFont(_font(10, k, bold=True))
        painter.setPen(text_pen)
        painter.drawText(
            QRectF(box.left(), box.top() + 2, box.width(), size * 0.45),
            Qt.AlignmentFlag.AlignCenter,
            "N",
        )
    bottom = rect.bottom() - m
    # source line: a thin strip along the bottom edge; everything else sits above it
    if overlays.source_line:
        font = _font(7.5, k)
        fm = QFontMetricsF(font)
        painter.setFont(font)
        h = fm.height() + 4
        line = fm.elidedText(
            overlays.source_line, Qt.TextElideMode.ElideRight, rect.width() - 2 * m
        )
        box = QRectF(rect.left(), rect.bottom() - h, rect.width(), h)
        painter.fillRect(box, theme.panel)
        painter.setPen(text_pen)
        painter.drawText(box.adjusted(m, 0, -m, 0), Qt.AlignmentFlag.AlignVCenter, line)
        bottom = box.top() - m / 2
    # scale bar, bottom right
    if overlays.show_scale_bar and metres_per_pixel > 0:
        target_px = 140 * k
        metres = nice_length(target_px * metres_per_pixel)
        px = metres / metres_per_pixel
        label = f"{metres / 1000:g} km" if metres >= 1000 else f"{metres:g} m"
        font = _font(9, k)
        fm = QFontMetricsF(font)
        box = QRectF(
            rect.right() - m - px - 2 * m,
            bottom - fm.height() - 18 * k,
            px + 2 * m,
            fm.height() + 18 * k,
        )
        _panel(painter, box, theme)
        y = box.bottom() - 8 * k
        x0 = box.left() + m
        painter.setPen(QPen(theme.panel_text, 2.0 * k))
        painter.drawLine(QPointF(x0, y), QPointF(x0 + px, y))
        painter.drawLine(QPointF(x0, y - 5 * k), QPointF(x0, y))
        painter.drawLine(QPointF(x0 + px, y - 5 * k), QPointF(x0 + px, y))
        painter.setFont(font)
        painter.setPen(text_pen)
        painter.drawText(
            QRectF(box.left(), box.top() + 2, box.width(), fm.height()),
            Qt.AlignmentFlag.AlignCenter,
            label,
        )
    # legend, bottom left
    if overlays.show_legend and overlays.legend:
        legend = _legend_image(overlays)
        ratio = legend.devicePixelRatio()
        painter.drawImage(QPointF(rect.left() + m, bottom - legend.height() / ratio), legend)
    painter.restore()


def _paint_caption(painter: QPainter, rect: QRectF, top: float, overlays: MapOverlays) -> None:
    theme, k, m = overlays.theme, overlays.type_scale, MARGIN * overlays.type_scale
    font = _font(14, k, bold=True)
    small = _font(9.5, k)
    fm, fms = QFontMetricsF(font), QFontMetricsF(small)
    max_w = rect.width() * 0.6
    caption = fm.elidedText(overlays.caption, Qt.TextElideMode.ElideRight, max_w)
    w = max(fm.horizontalAdvance(caption), fms.horizontalAdvance(overlays.caption_date)) + 3 * m
    h = fm.height() + fms.height() + m
    box = QRectF(rect.center().x() - w / 2, top, w, h)
    _panel(painter, box, theme)
    painter.setPen(QPen(theme.panel_text))
    painter.setFont(font)
    painter.drawText(
        QRectF(box.left(), box.top() + m / 2, w, fm.height()), Qt.AlignmentFlag.AlignCenter, caption
    )
    painter.setFont(small)
    painter.drawText(
        QRectF(box.left(), box.top() + m / 2 + fm.height(), w, fms.height()),
        Qt.AlignmentFlag.AlignCenter,
        overlays.caption_date,
    )


_legend_cache: dict[tuple, QImage] = {}


def _legend_image(overlays: MapOverlays) -> QImage:
    """The legend drawn once per look (palette, theme, size) and then blitted."""
    key = (
        tuple((e.name_en, e.name_ar, e.colour.rgba()) for e in overlays.legend),
        overlays.theme.name,
        overlays.type_scale,
        overlays.compact_legend,
        overlays.uncertain,
    )
    image = _legend_cache.get(key)
    if image is None:
        size = _paint_legend(None, QPointF(0, 0), overlays)
        image = QImage(
            math.ceil(size.width()),
            math.ceil(size.height()),
            QImage.Format.Format_ARGB32_Premultiplied,
        )
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        _paint_legend(painter, QPointF(0, size.height()), overlays)
        painter.end()
        if len(_legend_cache) > 16:
            _legend_cache.clear()
        _legend_cache[key] = image
    return image


def _paint_legend(painter: QPainter | None, bottom_left: QPointF, overlays: MapOverlays) -> QSizeF:
    """Draw the legend with its bottom-left corner at `bottom_left`; with no painter only measure."""
    theme, k = overlays.theme, overlays.type_scale
    font = _font(9, k)
    fm = QFontMetricsF(font)
    row = fm.height() + 4 * k
    sw = 22 * k
    pad = 8 * k
    rows: list[tuple[str, object]] = [(f"{e.name_en}  {e.name_ar}", e) for e in overlays.legend]
    neutral = QColor("#8a8a8a")
    if not overlays.compact_legend:
        for confidence in CONFIDENCES:
            rows.append((confidence, confidence))
    if overlays.uncertain:
        rows.append((UNCERTAIN_LEGEND, "uncertain"))
    rows.append(("front line", "front"))
    if not overlays.compact_legend:
        rows.append(("schematic (not surveyed)", "schematic"))
    width = sw + pad * 3 + max(fm.horizontalAdvance(text) for text, _ in rows)
    height = row * len(rows) + pad * 2
    box = QRectF(bottom_left.x(), bottom_left.y() - height, width, height)
    if painter is None:
        return box.size()
    _panel(painter, box, theme)
    painter.setFont(font)
    y = box.top() + pad
    for text, what in rows:
        swatch = QRectF(box.left() + pad, y + 2 * k, sw, row - 6 * k)
        if isinstance(what, LegendEntry):
            painter.setPen(QPen(theme.outline, 1))
            painter.setBrush(what.colour)
            painter.drawRect(swatch)
        elif what in LEGEND_PATTERNS:
            style = LEGEND_PATTERNS[str(what)]
            painter.setPen(QPen(theme.outline, 1))
            painter.setBrush(neutral if style == "solid" else lighter(neutral))
            painter.drawRect(swatch)
            if style != "solid":
                painter.setBrush(QBrush(neutral.darker(140), FILL_PATTERNS[style]))
                painter.drawRect(swatch)
        elif what == "front":
            mid = swatch.center().y()
            painter.setPen(QPen(theme.front_casing, theme.front_width + 3))
            painter.drawLine(QPointF(swatch.left(), mid), QPointF(swatch.right(), mid))
            painter.setPen(QPen(theme.front, theme.front_width))
            painter.drawLine(QPointF(swatch.left(), mid), QPointF(swatch.right(), mid))
        else:
            mid = swatch.center().y()
            painter.setPen(QPen(theme.panel_text, 1.6, Qt.PenStyle.DashLine))
            painter.drawLine(QPointF(swatch.left(), mid), QPointF(swatch.right() - 9 * k, mid))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(theme.panel_text, 1.6))
            painter.drawEllipse(QPointF(swatch.right() - 3.5 * k, mid), 3.5 * k, 3.5 * k)
        painter.setPen(QPen(theme.panel_text))
        painter.drawText(
            QRectF(swatch.right() + pad, y, width, row),
            Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
            text,
        )
        y += row
    return box.size()
