"""What is drawn over the map: title, date banner, event caption, legend, scale bar, north arrow,
inset, sources.

`overlays_for` decides the content (from the scene and the core's story) and `paint_overlays` draws it,
for the on-screen view and for every export alike, so an exported frame reads like the screen. The
legend goes where the reader asks (a corner, or where it was dragged) or, by default, to the corner
that covers least of the ground changing hands in the current chapter (`core.changes.changed_zone`).
"""

from __future__ import annotations

import math
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field, replace

import numpy as np
import shapely
from PySide6.QtCore import QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPaintEngine,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
    QTransform,
)

from aleppo_desktop.core.changes import changed_zone, chapter_at
from aleppo_desktop.core.control import ControlTable
from aleppo_desktop.core.frames import Frame
from aleppo_desktop.core.language import digits, is_rtl, language, phrase, pick
from aleppo_desktop.core.model import CONFIDENCES, FillStyles
from aleppo_desktop.core.scenario import Scenario
from aleppo_desktop.core.story import Caption
from aleppo_desktop.core.timeline import format_date
from aleppo_desktop.render.basemap import DAMAGE_DOT, LANDMARK_DOT, WATER, paint_cluster
from aleppo_desktop.render.fonts import FAMILY
from aleppo_desktop.render.scene import MapScene
from aleppo_desktop.render.theme import FILL_PATTERNS, STANDARD, Theme, lighter
from aleppo_desktop.translations import QT_TRANSLATE_NOOP, translate

MARGIN = 12.0
UNCERTAIN_LEGEND = QT_TRANSLATE_NOOP("overlays", "uncertain: taken on an unknown day")
LEGEND_PATTERNS: dict[str, str] = FillStyles().model_dump()  # each style's default fill
# where the legend may go: "auto" picks the corner covering least of the chapter's changing ground
LEGEND_PLACES = ("auto", "bottom-left", "bottom-right", "top-left", "top-right")
COLLAPSED_TEXT = QT_TRANSLATE_NOOP("overlays", "Legend ▸")
LEGEND_SHARE = 0.4  # the full legend gives way to the compact one above this share of the picture
INSET_WIDTH = 120.0  # px at type scale 1
INSET_WHEN_BELOW = 0.8  # the inset shows when the view shows less than this share of the city


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
    legend_place: str = "auto"  # one of LEGEND_PLACES
    legend_at: tuple[float, float] | None = None  # dragged: its top-left as fractions of the map
    legend_collapsed: bool = False  # only the "Legend ▸" tab (the screen: click to open)
    # the units that change hands in the current chapter (their geometries, map CRS, metres;
    # `core.changes.changed_zone`): the legend avoids them
    avoid: np.ndarray | None = None
    # rows for the visible basemap layers: (text, kind), kind one of LAYER_KINDS
    layer_keys: list[tuple[str, str]] = field(default_factory=list)
    show_inset: bool = True
    inset_path: QPainterPath | None = None  # the area units' outline, scene coordinates
    inset_rect: QRectF | None = None  # the part of the scene the inset shows (the city)


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
    layer_keys: list[tuple[str, str]] = []
    for layer_id in scene.shown_layers():
        drawing = scene.layer(layer_id)
        layer = s.basemap(layer_id).layer
        title = pick(layer.title_en, layer.title_ar)
        if drawing.damage:
            layer_keys.append((title, "damage"))
        elif not drawing.surveyed_points.isEmpty():
            how_many = translate("overlays", "{layer} (disc: how many)").format(layer=title)
            layer_keys.append((how_many, "points"))
        river = (translate("overlays", "river"), "water")
        if not drawing.water_lines.isEmpty() and river not in layer_keys:
            layer_keys.append(river)
    if any(
        not scene.layer(lid).schematic_lines.isEmpty()
        or not scene.layer(lid).schematic_points.isEmpty()
        for lid in scene.shown_layers()
    ):
        layer_keys.append((translate("overlays", "schematic (not surveyed)"), "schematic"))
    title = pick(s.meta.title, s.meta.title_ar)
    data_line = translate(
        "overlays",
        "Data: {title} scenario; control from the sources cited per area. Schematic features are dashed/hollow.",
    ).format(title=title)
    return MapOverlays(
        title=title,
        date_text=format_date(t),
        caption=caption.title if caption else "",
        caption_date=caption.date_text if caption else "",
        source_line=(
            translate("overlays", "Source: {source}").format(source=caption.source_text)
            + f" · {data_line}"
            if caption
            else data_line
        ),
        legend=legend,
        theme=scene.theme,
        type_scale=scene.theme.type_scale,
        uncertain=bool(frame.uncertain.any()),
        avoid=chapter_zone(s, t),
        layer_keys=layer_keys,
        show_legend=scene.legend_style.shown,
        legend_place=scene.legend_style.place,
        legend_at=scene.legend_style.at,
        show_inset=scene.legend_style.inset,
        inset_path=scene.outline_path,
        inset_rect=scene.city_rect,
    )


# per control table (weakly: a table dropped with its scenario takes its zones with it, and a new
# table can never be handed an old one's zones, as a cache keyed by id() could once the id is reused)
_zones: weakref.WeakKeyDictionary[ControlTable, dict[tuple[float, float], np.ndarray | None]] = (
    weakref.WeakKeyDictionary()
)


def chapter_zone(scenario: Scenario, t: float) -> np.ndarray | None:
    """The units changing in the chapter under way at t (cached per chapter)."""
    span = chapter_at(scenario, t)
    if span is None:
        return None
    zones = _zones.setdefault(scenario.control, {})
    key = (span.start, span.end)
    try:  # one look-up: an export's drawing thread and the window share this cache
        return zones[key]
    except KeyError:  # not made yet, or cleared by the other thread since
        pass
    if len(zones) > 64:
        zones.clear()
    zone = zones[key] = changed_zone(scenario, span.start)
    return zone


def _font(size: float, scale: float, bold: bool = False) -> QFont:
    font = QFont(FAMILY)
    font.setPointSizeF(size * scale)
    font.setBold(bold)
    return font


def _panel(painter: QPainter, rect: QRectF, theme: Theme) -> None:
    """The translucent panel under a box, drawn first; then blending as usual. On a box's own
    transparent picture (`_draw_box`) the painter comes copying (CompositionMode_Source): the
    same pixels as blending over transparent ones, and Qt's raster engine copies on this thread,
    where it hands a translucent fill of ~100 spans or more (a banner's antialiased rows) to its
    thread pool and waits (~0.45 ms a date banner on 2 busy cores, not ~0.02)."""
    painter.fillRect(rect, theme.panel)
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceOver)


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


@dataclass
class Chrome:
    """Where the fixed overlays go in a map rect (device pixels); empty rects for hidden ones."""

    title: QRectF
    north: QRectF
    source: QRectF
    scale: QRectF
    inset: QRectF
    bottom: float  # the lowest y the corner boxes may use (above the source line)
    banner: QRectF = field(default_factory=QRectF)  # the date, top centre
    caption: QRectF = field(default_factory=QRectF)  # the current event, under the date

    def boxes(self) -> tuple[QRectF, ...]:
        """Every box shown (the legend is placed apart: `legend_rect`)."""
        every = (self.title, self.banner, self.caption, self.north, self.inset, self.scale)
        return tuple(box for box in (*every, self.source) if not box.isEmpty())


def chrome(
    rect: QRectF, overlays: MapOverlays, metres_per_pixel: float, transform: QTransform | None
) -> Chrome:
    """Where the boxes go (the last answer kept: a frame asks three times). Not to be changed."""
    key = (
        rect.x(),
        rect.y(),
        rect.width(),
        rect.height(),
        overlays.type_scale,
        overlays.show_title and overlays.title,
        overlays.show_north_arrow,
        overlays.source_line,
        overlays.show_scale_bar and metres_per_pixel,
        _inset_shown(rect, overlays, transform) and overlays.inset_rect,
        overlays.show_date and overlays.date_text,
        overlays.caption,
        overlays.caption_date,
    )
    global _last_chrome
    last = _last_chrome  # read once: an export's drawing thread may replace it meanwhile
    if last is not None and last[0] == key:
        return last[1]
    boxes = _chrome(rect, overlays, metres_per_pixel, transform)
    _last_chrome = (key, boxes)
    return boxes


_last_chrome: tuple[tuple, Chrome] | None = None


def _chrome(
    rect: QRectF, overlays: MapOverlays, metres_per_pixel: float, transform: QTransform | None
) -> Chrome:
    k = overlays.type_scale
    m = MARGIN * k
    top = rect.top() + m
    title = QRectF()
    if overlays.show_title and overlays.title:
        fm = QFontMetricsF(_font(11, k, bold=True))
        title = QRectF(
            rect.left() + m, top, fm.horizontalAdvance(overlays.title) + 2 * m, fm.height() + m
        )
    north = QRectF()
    if overlays.show_north_arrow:
        size = 34 * k
        north = QRectF(rect.right() - m - size, top, size, size * 1.5)
    bottom = rect.bottom() - m
    source = QRectF()
    if overlays.source_line:
        h = QFontMetricsF(_font(7.5, k)).height() + 4
        source = QRectF(rect.left(), rect.bottom() - h, rect.width(), h)
        bottom = source.top() - m / 2
    scale = QRectF()
    if overlays.show_scale_bar and metres_per_pixel > 0:
        px = nice_length(140 * k * metres_per_pixel) / metres_per_pixel
        fh = QFontMetricsF(_font(9, k)).height()
        scale = QRectF(rect.right() - m - px - 2 * m, bottom - fh - 18 * k, px + 2 * m, fh + 18 * k)
    inset = QRectF()
    if _inset_shown(rect, overlays, transform):
        assert overlays.inset_rect is not None
        w = INSET_WIDTH * k
        city = overlays.inset_rect
        h = w * city.height() / max(city.width(), 1e-9)
        below = (north.bottom() if not north.isEmpty() else top - m) + m / 2
        inset = QRectF(rect.right() - m - w, below, w, h)
    banner = QRectF()
    below_banner = top
    if overlays.show_date and overlays.date_text:
        fm = QFontMetricsF(_font(20, k, bold=True))
        w = fm.horizontalAdvance(overlays.date_text) + 3 * m
        banner = QRectF(rect.center().x() - w / 2, top, w, fm.height() + m)
        below_banner = banner.bottom() + m / 2
    caption = QRectF()
    if overlays.caption:
        fm, fms = QFontMetricsF(_font(14, k, bold=True)), QFontMetricsF(_font(9.5, k))
        text = fm.elidedText(overlays.caption, Qt.TextElideMode.ElideRight, rect.width() * 0.6)
        w = max(fm.horizontalAdvance(text), fms.horizontalAdvance(overlays.caption_date)) + 3 * m
        caption = QRectF(rect.center().x() - w / 2, below_banner, w, fm.height() + fms.height() + m)
    return Chrome(title, north, source, scale, inset, bottom, banner, caption)


def overlay_boxes(
    rect: QRectF,
    overlays: MapOverlays,
    metres_per_pixel: float,
    transform: QTransform | None = None,
) -> tuple[QRectF, ...]:
    """Every box `paint_overlays` draws over the map (title, date, caption, legend, north arrow,
    inset, scale bar, source line), device pixels: the map's labels keep out of them."""
    boxes = chrome(rect, overlays, metres_per_pixel, transform).boxes()
    legend = legend_rect(rect, overlays, metres_per_pixel, transform)
    return boxes if legend is None else (*boxes, legend)


def _inset_shown(rect: QRectF, overlays: MapOverlays, transform: QTransform | None) -> bool:
    """The inset shows when asked for and the view shows less than most of the city."""
    if not overlays.show_inset or overlays.inset_rect is None or transform is None:
        return False
    inverse, ok = transform.inverted()
    if not ok:
        return False
    seen = inverse.mapRect(rect).intersected(overlays.inset_rect)
    city = overlays.inset_rect
    share = (seen.width() * seen.height()) / max(city.width() * city.height(), 1e-9)
    return share < INSET_WHEN_BELOW


def paint_overlays(
    painter: QPainter,
    rect: QRectF,
    overlays: MapOverlays,
    metres_per_pixel: float,
    transform: QTransform | None = None,
) -> None:
    """Title, date banner, legend, scale bar, north arrow, inset, caption and source line, in device
    pixels. `transform` (scene -> device) places the legend off the changing ground and draws the
    inset; without it the legend goes bottom left (or where asked) and there is no inset."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    theme, k = overlays.theme, overlays.type_scale
    boxes = chrome(rect, overlays, metres_per_pixel, transform)
    look = (theme.panel.rgba(), theme.panel_text.rgba(), k)
    key: tuple  # what each box shows (`_draw_box`)
    # title, top left
    if not boxes.title.isEmpty():
        _draw_box(painter, boxes.title, ("title", overlays.title, *look), overlays, _paint_title)
    # date banner, top centre, with the current event's caption under it
    if not boxes.banner.isEmpty():
        key = ("date", overlays.date_text, *look)
        _draw_box(painter, boxes.banner, key, overlays, _paint_banner)
    if not boxes.caption.isEmpty():
        key = ("caption", overlays.caption, overlays.caption_date, rect.width(), *look)
        _draw_box(
            painter,
            boxes.caption,
            key,
            overlays,
            lambda p, box, o: _paint_caption(p, rect, box, o),
        )
    # north arrow, top right
    if not boxes.north.isEmpty():
        _draw_box(painter, boxes.north, ("north", *look), overlays, _paint_north)
    # inset: where the view is in the city
    if not boxes.inset.isEmpty() and transform is not None:
        _paint_inset(painter, rect, boxes.inset, overlays, transform)
    # source line: a thin strip along the bottom edge; everything else sits above it
    if not boxes.source.isEmpty():
        key = ("source", overlays.source_line, rect.width(), *look)
        _draw_box(
            painter,
            boxes.source,
            key,
            overlays,
            lambda p, box, o: _paint_source(p, rect, box, o),
        )
    # scale bar, bottom right
    if not boxes.scale.isEmpty():
        key = ("scale", metres_per_pixel, language(), *look)
        _draw_box(
            painter,
            boxes.scale,
            key,
            overlays,
            lambda p, box, o: _paint_scale(p, box, o, metres_per_pixel),
        )
    # legend: where asked, else the corner covering least of the chapter's changing ground
    place = legend_rect(rect, overlays, metres_per_pixel, transform)
    if place is not None:
        painter.drawImage(place.topLeft(), _legend_image(fitted_legend(rect, overlays)))
    painter.restore()


CACHE_BOXES = True  # draw the boxes over the map from their kept pictures (`_draw_box`)
_box_images: dict[tuple, QImage] = {}
BOX_IMAGES = 64
BOX_PAD = 2  # px around a box kept in its picture: antialiased edges and glyphs reaching out


def _draw_box(
    painter: QPainter,
    box: QRectF,
    key: tuple,
    overlays: MapOverlays,
    paint: Callable[[QPainter, QRectF, MapOverlays], None],
) -> None:
    """`paint(painter, box, overlays)`, from a picture of the box kept under `key` (everything
    it shows: text, colours, type scale) and the box's size and fraction of a pixel: the panels
    and their text are drawn again only when what they show changes (the date once a day), not
    each frame (~0.8 ms of a scrub frame). The picture is drawn on the same pixel grid, so only
    the rounding of its text over the translucent panel can differ from drawing in place (by a
    level or two). Painters that scale, devices of another pixel ratio and vector devices (PDF)
    draw in place."""
    device, engine = painter.device(), painter.paintEngine()
    if (
        not CACHE_BOXES
        or not painter.worldTransform().isIdentity()
        or device is None
        or device.devicePixelRatioF() != 1.0
        or engine is None
        or engine.type() != QPaintEngine.Type.Raster  # a PDF keeps its text as text
    ):
        paint(painter, box, overlays)
        return
    x0, y0 = math.floor(box.left()) - BOX_PAD, math.floor(box.top()) - BOX_PAD
    local = box.translated(-x0, -y0)
    dpi_x, dpi_y = device.logicalDpiX(), device.logicalDpiY()  # the fonts' size in pixels
    full = (
        *key,
        local.x(),
        local.y(),
        local.width(),
        local.height(),
        dpi_x,
        dpi_y,
        painter.layoutDirection(),
    )
    image = _box_images.get(full)
    if image is None:
        image = QImage(
            math.ceil(local.right()) + BOX_PAD,
            math.ceil(local.bottom()) + BOX_PAD,
            QImage.Format.Format_ARGB32_Premultiplied,
        )
        image.setDotsPerMeterX(round(dpi_x / 0.0254))
        image.setDotsPerMeterY(round(dpi_y / 0.0254))
        image.fill(Qt.GlobalColor.transparent)
        p = QPainter(image)
        p.setRenderHints(painter.renderHints())
        p.setLayoutDirection(painter.layoutDirection())
        # the panel copied onto the transparent picture (`_panel`), then blending
        p.setCompositionMode(QPainter.CompositionMode.CompositionMode_Source)
        paint(p, local, overlays)
        p.end()
        if len(_box_images) >= BOX_IMAGES:
            _box_images.clear()
        _box_images[full] = image
    painter.drawImage(QPointF(x0, y0), image)


def _paint_title(painter: QPainter, box: QRectF, overlays: MapOverlays) -> None:
    _panel(painter, box, overlays.theme)
    painter.setFont(_font(11, overlays.type_scale, bold=True))
    painter.setPen(QPen(overlays.theme.panel_text))
    painter.drawText(box, Qt.AlignmentFlag.AlignCenter, overlays.title)


def _paint_banner(painter: QPainter, box: QRectF, overlays: MapOverlays) -> None:
    _panel(painter, box, overlays.theme)
    painter.setFont(_font(20, overlays.type_scale, bold=True))
    painter.setPen(QPen(overlays.theme.panel_text))
    painter.drawText(box, Qt.AlignmentFlag.AlignCenter, overlays.date_text)


def _paint_north(painter: QPainter, box: QRectF, overlays: MapOverlays) -> None:
    theme, k = overlays.theme, overlays.type_scale
    size = box.width()
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
    painter.setPen(QPen(theme.panel_text))
    painter.drawText(
        QRectF(box.left(), box.top() + 2, box.width(), size * 0.45),
        Qt.AlignmentFlag.AlignCenter,
        "N",
    )


def _paint_source(painter: QPainter, rect: QRectF, box: QRectF, overlays: MapOverlays) -> None:
    theme, m = overlays.theme, MARGIN * overlays.type_scale
    font = _font(7.5, overlays.type_scale)
    fm = QFontMetricsF(font)
    painter.setFont(font)
    line = fm.elidedText(overlays.source_line, Qt.TextElideMode.ElideRight, rect.width() - 2 * m)
    _panel(painter, box, theme)
    painter.setPen(QPen(theme.panel_text))
    painter.drawText(box.adjusted(m, 0, -m, 0), Qt.AlignmentFlag.AlignVCenter, line)


def _paint_scale(
    painter: QPainter, box: QRectF, overlays: MapOverlays, metres_per_pixel: float
) -> None:
    theme, k, m = overlays.theme, overlays.type_scale, MARGIN * overlays.type_scale
    metres = nice_length(140 * k * metres_per_pixel)
    px = metres / metres_per_pixel
    label = (
        translate("overlays", "{length} km").format(length=digits(f"{metres / 1000:g}"))
        if metres >= 1000
        else translate("overlays", "{length} m").format(length=digits(f"{metres:g}"))
    )
    font = _font(9, k)
    fm = QFontMetricsF(font)
    _panel(painter, box, theme)
    y = box.bottom() - 8 * k
    x0 = box.left() + m
    painter.setPen(QPen(theme.panel_text, 2.0 * k))
    painter.drawLine(QPointF(x0, y), QPointF(x0 + px, y))
    painter.drawLine(QPointF(x0, y - 5 * k), QPointF(x0, y))
    painter.drawLine(QPointF(x0 + px, y - 5 * k), QPointF(x0 + px, y))
    painter.setFont(font)
    painter.setPen(QPen(theme.panel_text))
    painter.drawText(
        QRectF(box.left(), box.top() + 2, box.width(), fm.height()),
        Qt.AlignmentFlag.AlignCenter,
        label,
    )


def legend_rect(
    rect: QRectF,
    overlays: MapOverlays,
    metres_per_pixel: float,
    transform: QTransform | None = None,
) -> QRectF | None:
    """Where the legend is drawn in the map rect (device pixels); None when it is hidden."""
    if not overlays.show_legend or not overlays.legend:
        return None
    legend = _legend_image(fitted_legend(rect, overlays))
    size = QSizeF(legend.width(), legend.height())
    if overlays.legend_at is not None:
        fx, fy = overlays.legend_at
        x = min(max(rect.left() + fx * rect.width(), rect.left()), rect.right() - size.width())
        y = min(max(rect.top() + fy * rect.height(), rect.top()), rect.bottom() - size.height())
        return QRectF(QPointF(x, y), size)
    corners = legend_corners(rect, overlays, metres_per_pixel, transform, size)
    if overlays.legend_place in corners:
        return corners[overlays.legend_place]
    zone = overlays.avoid
    if zone is None or transform is None:
        return corners["bottom-left"]
    key = (
        tuple(round(v, 2) for v in (rect.x(), rect.y(), rect.width(), rect.height())),
        tuple(
            round(v, 6) for v in (transform.m11(), transform.m22(), transform.dx(), transform.dy())
        ),
        id(zone),
        size.width(),
        size.height(),
        tuple((r.x(), r.y(), r.width(), r.height()) for r in corners.values()),
    )
    cached = _placements.get(key)
    if cached is not None and cached[0] is zone:  # the same zone, not one reusing its id
        return corners[cached[1]]
    best = min(corners, key=lambda name: covered_m2(corners[name], transform, zone))
    if len(_placements) > 32:
        _placements.clear()
    _placements[key] = (zone, best)  # the zone kept alive with it: its id is not reused
    return corners[best]


_placements: dict[tuple, tuple[np.ndarray, str]] = {}


def fitted_legend(rect: QRectF, overlays: MapOverlays) -> MapOverlays:
    """The overlays with the compact legend when the full one would take more than LEGEND_SHARE
    of the picture's height or width (a 960x540 GIF, a small window)."""
    if overlays.compact_legend or overlays.legend_collapsed:
        return overlays
    full = _legend_image(overlays)
    if full.height() > LEGEND_SHARE * rect.height() or full.width() > LEGEND_SHARE * rect.width():
        return replace(overlays, compact_legend=True)
    return overlays


def legend_corners(
    rect: QRectF,
    overlays: MapOverlays,
    metres_per_pixel: float,
    transform: QTransform | None,
    size: QSizeF,
) -> dict[str, QRectF]:
    """The legend's box in each corner, clear of the title, date, caption, north arrow, inset, scale
    bar and source line (a top corner under the date or caption moves below them); in
    LEGEND_PLACES order, so a tie goes to the bottom left."""
    boxes = chrome(rect, overlays, metres_per_pixel, transform)
    m = MARGIN * overlays.type_scale
    w, h = size.width(), size.height()
    left, right = rect.left() + m, rect.right() - m - w
    top = rect.top() + m
    top_left = boxes.title.bottom() + m / 2 if not boxes.title.isEmpty() else top
    top_right = top
    for box in (boxes.north, boxes.inset):
        if not box.isEmpty():
            top_right = box.bottom() + m / 2
    bottom_right = boxes.scale.top() - m / 2 if not boxes.scale.isEmpty() else boxes.bottom
    corners = {
        "bottom-left": QRectF(left, boxes.bottom - h, w, h),
        "bottom-right": QRectF(right, bottom_right - h, w, h),
        "top-left": QRectF(left, top_left, w, h),
        "top-right": QRectF(right, top_right, w, h),
    }
    for name in ("top-left", "top-right"):
        for box in (boxes.banner, boxes.caption):  # top centre: a wide legend may reach under
            corner = corners[name]
            if not box.isEmpty() and corner.adjusted(-m / 2, 0, m / 2, 0).intersects(box):
                corners[name] = corner.translated(0, box.bottom() + m / 2 - corner.top())
    return corners


def covered_m2(box: QRectF, transform: QTransform, zone: np.ndarray) -> float:
    """How much of the `zone` units (map CRS geometries, not overlapping) a device-pixel box
    covers, in m²."""
    inverse, ok = transform.inverted()
    if not ok or not len(zone):
        return 0.0
    r = inverse.mapRect(box)  # scene coordinates: y is minus the northing
    area = shapely.box(r.left(), -r.bottom(), r.right(), -r.top())
    near = zone[shapely.intersects(zone, area)]
    return float(shapely.area(shapely.intersection(near, area)).sum()) if len(near) else 0.0


def _paint_inset(
    painter: QPainter, rect: QRectF, box: QRectF, overlays: MapOverlays, transform: QTransform
) -> None:
    """The city's outline in a small box, with the part the view shows outlined."""
    assert overlays.inset_rect is not None and overlays.inset_path is not None
    theme, city = overlays.theme, overlays.inset_rect
    pad = 4 * overlays.type_scale
    inner = box.adjusted(pad, pad, -pad, -pad)
    scale = min(inner.width() / city.width(), inner.height() / city.height())
    to_inset = QTransform()
    to_inset.translate(inner.center().x(), inner.center().y())
    to_inset.scale(scale, scale)
    to_inset.translate(-city.center().x(), -city.center().y())
    key = (id(overlays.inset_path), theme.name, round(box.width(), 1), round(box.height(), 1))
    cached = _insets.get(key)  # the path kept with its picture: its id is not reused meanwhile
    image = cached[1] if cached is not None and cached[0] is overlays.inset_path else None
    if image is None:  # the outline once per look and size; the view's box per frame
        image = QImage(
            math.ceil(box.width()),
            math.ceil(box.height()),
            QImage.Format.Format_ARGB32_Premultiplied,
        )
        image.fill(Qt.GlobalColor.transparent)
        p = QPainter(image)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        _panel(p, QRectF(0, 0, box.width(), box.height()), theme)
        local = QTransform(to_inset)
        local *= QTransform.fromTranslate(-box.left(), -box.top())
        p.setTransform(local)
        pen = QPen(theme.panel_text, 0.7)
        pen.setCosmetic(True)
        p.setPen(pen)
        p.drawPath(overlays.inset_path)
        p.end()
        if len(_insets) > 8:
            _insets.clear()
        _insets[key] = (overlays.inset_path, image)
    painter.drawImage(box.topLeft(), image)
    inverse, _ = transform.inverted()
    seen = to_inset.mapRect(inverse.mapRect(rect)).intersected(box)
    painter.save()
    painter.setClipRect(box)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(QPen(theme.highlight.darker(130), 2.0 * overlays.type_scale))
    painter.drawRect(seen)
    painter.restore()


_insets: dict[tuple, tuple[QPainterPath | None, QImage]] = {}


def _paint_caption(painter: QPainter, rect: QRectF, box: QRectF, overlays: MapOverlays) -> None:
    """The caption in its box (`chrome`): the event's title, elided, over its date."""
    theme, k, m = overlays.theme, overlays.type_scale, MARGIN * overlays.type_scale
    font = _font(14, k, bold=True)
    small = _font(9.5, k)
    fm, fms = QFontMetricsF(font), QFontMetricsF(small)
    caption = fm.elidedText(overlays.caption, Qt.TextElideMode.ElideRight, rect.width() * 0.6)
    w = box.width()
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
    """The legend drawn once per look (palette, theme, size, rows) and then blitted."""
    key = (
        tuple((e.name_en, e.name_ar, e.colour.rgba()) for e in overlays.legend),
        overlays.theme.name,
        overlays.type_scale,
        overlays.compact_legend,
        overlays.uncertain,
        overlays.legend_collapsed,
        tuple(overlays.layer_keys),
        language(),  # the faction names shown
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


def legend_rows(overlays: MapOverlays) -> list[tuple[str, object]]:
    """The legend's rows (text, what its swatch shows): every faction, the fill styles
    (confirmed / claimed / contested, and uncertain while it is on the map), the front line and a
    row per visible basemap layer; the compact legend is the same in smaller type."""
    rows: list[tuple[str, object]] = [(pick(e.name_en, e.name_ar), e) for e in overlays.legend]
    rows.append(("", "styles"))  # confirmed / claimed / contested side by side
    if overlays.uncertain:
        rows.append((translate("overlays", UNCERTAIN_LEGEND), "uncertain"))
    rows.append((translate("overlays", "front line"), "front"))
    rows.extend(overlays.layer_keys)
    return rows


def _paint_legend(painter: QPainter | None, bottom_left: QPointF, overlays: MapOverlays) -> QSizeF:
    """Draw the legend with its bottom-left corner at `bottom_left`; with no painter only measure."""
    theme, k = overlays.theme, overlays.type_scale
    font = _font(7.5 if overlays.compact_legend else 9, k)
    fm = QFontMetricsF(font)
    row = fm.height() + (2 if overlays.compact_legend else 4) * k
    sw = (16 if overlays.compact_legend else 22) * k
    pad = (5 if overlays.compact_legend else 8) * k
    if overlays.legend_collapsed:
        collapsed = translate("overlays", COLLAPSED_TEXT)
        width, height = fm.horizontalAdvance(collapsed) + 2 * pad, row + pad
        box = QRectF(bottom_left.x(), bottom_left.y() - height, width, height)
        if painter is not None:
            _panel(painter, box, theme)
            painter.setFont(font)
            painter.setPen(QPen(theme.panel_text))
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, collapsed)
        return box.size()
    rows = legend_rows(overlays)
    neutral = QColor("#8a8a8a")
    styles_w = sum(
        sw * 0.7 + pad * 0.6 + fm.horizontalAdvance(phrase(c)) + pad for c in CONFIDENCES
    )
    width = max(
        sw + pad * 3 + max(fm.horizontalAdvance(text) for text, _ in rows), styles_w + pad * 2
    )
    height = row * len(rows) + pad * 2
    box = QRectF(bottom_left.x(), bottom_left.y() - height, width, height)
    if painter is None:
        return box.size()
    _panel(painter, box, theme)
    painter.setFont(font)
    # right to left (Arabic): the legend mirrored, swatches on the right and text ending at them
    rtl = is_rtl()
    align = Qt.AlignmentFlag.AlignVCenter | (
        Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft
    )

    def place(r: QRectF) -> QRectF:
        """A rect laid out left to right, mirrored in the box when the language runs right to left."""
        if not rtl:
            return r
        return QRectF(box.left() + box.right() - r.right(), r.top(), r.width(), r.height())

    y = box.top() + pad
    for text, what in rows:
        swatch = place(QRectF(box.left() + pad, y + 2 * k, sw, row - 5 * k))
        mid = swatch.center().y()
        if what == "styles":
            x = box.left() + pad
            for confidence in CONFIDENCES:
                small = QRectF(x, swatch.top(), sw * 0.7, swatch.height())
                _paint_style_swatch(painter, place(small), confidence, theme, neutral)
                painter.setPen(QPen(theme.panel_text))
                x = small.right() + pad * 0.6
                painter.drawText(place(QRectF(x, y, width, row)), align, phrase(confidence))
                x += fm.horizontalAdvance(phrase(confidence)) + pad
            y += row
            continue
        if isinstance(what, LegendEntry):
            painter.setPen(QPen(theme.outline, 1))
            painter.setBrush(what.colour)
            painter.drawRect(swatch)
        elif what in LEGEND_PATTERNS:
            _paint_style_swatch(painter, swatch, str(what), theme, neutral)
        elif what == "front":
            painter.setPen(QPen(theme.front_casing, theme.front_width + 3))
            painter.drawLine(QPointF(swatch.left(), mid), QPointF(swatch.right(), mid))
            painter.setPen(QPen(theme.front, theme.front_width))
            painter.drawLine(QPointF(swatch.left(), mid), QPointF(swatch.right(), mid))
        elif what == "water":
            painter.setPen(QPen(WATER, 4 * k))
            painter.drawLine(QPointF(swatch.left(), mid), QPointF(swatch.right(), mid))
        elif what == "damage":
            painter.setPen(QPen(DAMAGE_DOT, 3 * k))
            for fx, fy in ((0.2, -0.2), (0.45, 0.25), (0.6, -0.1), (0.85, 0.2)):
                painter.drawPoint(QPointF(swatch.left() + fx * sw, mid + fy * swatch.height()))
        elif what == "points":
            painter.setPen(QPen(QColor("white"), 1.2 * k))
            painter.setBrush(LANDMARK_DOT)
            painter.drawEllipse(QPointF(swatch.left() + 4 * k, mid), 3.5 * k, 3.5 * k)
            paint_cluster(painter, QPointF(swatch.right() - 6 * k, mid), 5, k * 0.8)
        else:  # schematic: dashed line and hollow point
            painter.setPen(QPen(theme.panel_text, 1.6, Qt.PenStyle.DashLine))
            painter.drawLine(QPointF(swatch.left(), mid), QPointF(swatch.right() - 9 * k, mid))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(theme.panel_text, 1.6))
            painter.drawEllipse(QPointF(swatch.right() - 3.5 * k, mid), 3.5 * k, 3.5 * k)
        painter.setPen(QPen(theme.panel_text))
        text_left = box.left() + pad + sw + pad  # left to right; mirrored by `place`
        painter.drawText(place(QRectF(text_left, y, width, row)), align, text)
        y += row
    return box.size()


def _paint_style_swatch(
    painter: QPainter, swatch: QRectF, style_name: str, theme: Theme, neutral: QColor
) -> None:
    """A fill style (confirmed, claimed, contested, uncertain) on a neutral grey."""
    style = LEGEND_PATTERNS[style_name]
    painter.setPen(QPen(theme.outline, 1))
    painter.setBrush(neutral if style == "solid" else lighter(neutral))
    painter.drawRect(swatch)
    if style != "solid":
        painter.setBrush(QBrush(neutral.darker(140), FILL_PATTERNS[style]))
        painter.drawRect(swatch)
