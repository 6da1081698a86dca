"""The control map as a QGraphicsScene in projected metres (UTM 37N), y flipped so north is up.

Paths are built once per scenario from the core's rings and cached; a frame only swaps brushes,
shows/hides the sweeping pieces and, when the frame key changes, rebuilds the one front-line path.
Scene coordinates are (x, -y) of the map CRS, so one scene unit is one metre.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import shapely
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPen,
    QPolygonF,
    QTransform,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsScene,
    QStyleOptionGraphicsItem,
    QWidget,
)

from aleppo_desktop.core.frames import Frame, Piece
from aleppo_desktop.core.geometry import to_map
from aleppo_desktop.core.model import CONFIDENCES, Event
from aleppo_desktop.core.scenario import Scenario
from aleppo_desktop.render.fonts import FAMILY
from aleppo_desktop.render.theme import FILL_PATTERNS, STANDARD, Theme, faction_colour, lighter

Z_AREA, Z_PATTERN, Z_PIECE, Z_PIECE_PATTERN, Z_OUTLINE = 0, 1, 2, 3, 4
Z_BASEMAP_POLY, Z_BASEMAP_LINE, Z_FRONT_CASING, Z_FRONT = 5, 6, 8, 9
Z_HIGHLIGHT, Z_POINTS, Z_LABELS = 10, 11, 12
PIECE_CACHE_LIMIT = 4000
LABEL_MIN_PX = 55  # an area's name shows once the area is about this wide on screen
DAMAGE_WORDS = ("damage", "unosat")


def _polygon(xy: np.ndarray) -> QPolygonF:
    return QPolygonF([QPointF(x, -y) for x, y in xy.tolist()])


def rings_path(rings: Sequence[np.ndarray]) -> QPainterPath:
    """One odd-even filled path from polygon rings (map CRS), y flipped. Built once per area (and
    per sweep step), so plain QPolygonF is fast enough and spares importing pyqtgraph at start-up."""
    path = QPainterPath()
    path.setFillRule(Qt.FillRule.OddEvenFill)
    for ring in rings:
        if len(ring) >= 3:
            path.addPolygon(_polygon(ring))
            path.closeSubpath()
    return path


def lines_path(lines: Sequence[np.ndarray]) -> QPainterPath:
    """One path of separate polylines (map CRS), y flipped."""
    path = QPainterPath()
    for line in lines:
        if len(line) >= 2:
            path.addPolygon(_polygon(line))
    return path


def cosmetic_pen(colour: QColor, width: float, style: Qt.PenStyle = Qt.PenStyle.SolidLine) -> QPen:
    pen = QPen(colour, width, style)
    pen.setCosmetic(True)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    return pen


class FillItem(QGraphicsPathItem):
    """A filled area without outline, drawn without antialiasing: fills are most of the pixels, and the
    one outline path drawn over them (antialiased) hides the aliased edges. Halves the frame time."""

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.fillPath(self.path(), self.brush())


@dataclass
class Label:
    """A bilingual name at a map point; the scene decides per zoom which ones are shown."""

    item: LabelItem
    anchor: QPointF  # scene
    priority: float  # larger first
    min_scale: (
        float  # px per metre from which the label may show (its area is big enough on screen)
    )


class LabelItem(QGraphicsItem):
    """English over Arabic, centred on its anchor, with a halo; drawn at a fixed pixel size."""

    def __init__(self, en: str, ar: str, font: QFont, small: bool = False):
        super().__init__()
        self.en, self.ar = en, ar
        self._font = QFont(font)
        self.small = small
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.setZValue(Z_LABELS)
        self.setAcceptHoverEvents(False)
        self.text_colour = QColor("#111")
        self.halo_colour = QColor("white")
        self._build()

    def set_style(self, font: QFont, text: QColor, halo: QColor) -> None:
        self.prepareGeometryChange()
        self._font = QFont(font)
        self.text_colour, self.halo_colour = text, halo
        self._build()
        self.update()

    def _build(self) -> None:
        """Measure now (the layout needs the size); make the glyph paths on first paint."""
        fm = QFontMetricsF(self._font)
        lines = [t for t in (self.en, self.ar) if t]
        width = max((fm.horizontalAdvance(t) for t in lines), default=0.0)
        height = len(lines) * fm.height()
        self._rect = QRectF(-width / 2 - 3, -height / 2 - 3, width + 6, height + 6)
        self._path: QPainterPath | None = None
        self._halo = QPainterPath()

    def _make_paths(self) -> None:
        fm = QFontMetricsF(self._font)
        path = QPainterPath()
        lines = [t for t in (self.en, self.ar) if t]
        y = -(len(lines) * fm.height()) / 2 + fm.ascent()
        for text in lines:
            path.addText(-fm.horizontalAdvance(text) / 2, y, self._font, text)
            y += fm.height()
        stroker = QPainterPathStroker()
        stroker.setWidth(3.2)
        stroker.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        self._halo = stroker.createStroke(path)
        self._path = path

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        if self._path is None:
            self._make_paths()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillPath(self._halo, self.halo_colour)
        painter.fillPath(self._path, self.text_colour)


class PointsItem(QGraphicsItem):
    """All points of a basemap layer in one item: filled dots for surveyed, rings for schematic."""

    def __init__(
        self,
        points: np.ndarray,
        schematic: np.ndarray,
        colour: QColor,
        size: float,
        halo: bool = True,
    ):
        super().__init__()
        self.halo = halo
        schematic = np.asarray(schematic, dtype=bool)
        self._polygons = (_polygon(points[~schematic]), _polygon(points[schematic]))
        self.colour = colour
        self.size = size
        if len(points):
            xmin, ymin = points.min(axis=0)
            xmax, ymax = points.max(axis=0)
            self._rect = QRectF(xmin, -ymax, xmax - xmin, ymax - ymin).adjusted(-50, -50, 50, 50)
        else:
            self._rect = QRectF()
        self.setZValue(Z_POINTS)

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        # round cosmetic points: one call per style, the mapping is done in C++
        surveyed, schematic = self._polygons
        if len(surveyed):
            if self.halo:
                painter.setPen(cosmetic_pen(QColor("white"), self.size + 2.5))
                painter.drawPoints(surveyed)
            painter.setPen(cosmetic_pen(self.colour, self.size))
            painter.drawPoints(surveyed)
        if len(schematic):
            painter.setPen(cosmetic_pen(self.colour, self.size + 1))
            painter.drawPoints(schematic)
            painter.setPen(cosmetic_pen(QColor("white"), self.size - 3.5))
            painter.drawPoints(schematic)


class LinesItem(QGraphicsItem):
    """Polylines drawn one by one with a casing and a line pen: the front.

    One path of all the lines would be rasterised as one screen-sized polygon (3x slower)."""

    def __init__(self) -> None:
        super().__init__()
        self._cache: dict[int, tuple[np.ndarray, QPolygonF]] = {}
        self.polygons: list[QPolygonF] = []
        self._rect = QRectF()
        self.pens: list[QPen] = []
        # While time moves (playing, dragging the scrubber) the front is drawn without antialiasing:
        # thick antialiased lines are the costliest thing on the map; a still frame gets them.
        self.fast = False
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def _polygon(self, line: np.ndarray) -> QPolygonF:
        cached = self._cache.get(id(line))
        if cached is not None and cached[0] is line:
            return cached[1]
        if len(self._cache) > PIECE_CACHE_LIMIT:
            self._cache.clear()
        polygon = _polygon(line)
        self._cache[id(line)] = (line, polygon)
        return polygon

    def set_lines(self, lines: Sequence[np.ndarray]) -> None:
        self.prepareGeometryChange()
        self.polygons = [self._polygon(line) for line in lines if len(line) >= 2]
        rect = QRectF()
        for polygon in self.polygons:
            rect = rect.united(polygon.boundingRect())
        self._rect = rect.adjusted(-100, -100, 100, 100) if not rect.isNull() else QRectF()
        self.update()

    def set_pens(self, pens: list[QPen]) -> None:
        self.pens = pens
        self.update()

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        if self.fast:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        for pen in self.pens:
            painter.setPen(pen)
            for polygon in self.polygons:
                painter.drawPolyline(polygon)


class MapScene(QGraphicsScene):
    """Everything drawn on the map for one scenario; `set_time(t)` brings it to instant t."""

    labels_invalidated = Signal()  # views lay the labels out again for their zoom

    # Outlines, basemap layers and labels do not change with time: they live in `static_scene`, which
    # views draw once per zoom/pan/look into a cached pixmap over the control fills and the front.
    # `static_version` changes whenever that picture would.

    def __init__(self, scenario: Scenario, parent=None):
        super().__init__(parent)
        self.scenario = scenario
        self.theme: Theme = STANDARD
        self.palette_name = "standard"
        self.time = scenario.start
        self.frame: Frame | None = None
        self._frame_key: object = None
        self._area_state: list[tuple[int, int] | None] = []
        self._piece_paths: dict[int, tuple[Piece, QPainterPath]] = {}
        self._piece_items: list[tuple[FillItem, FillItem]] = []
        self.label_font = QFont(FAMILY)
        self.label_font.setPointSizeF(8.5)
        self.labels: list[Label] = []
        self.labels_enabled = True
        self.layer_items: dict[str, list[QGraphicsItem] | None] = {}  # None: not built yet
        self.layer_visible: dict[str, bool] = {}
        self._label_scale = 0.0
        self._build()
        self.set_time(scenario.start)

    # --- building (once per scenario) ------------------------------------------------------------

    def _build(self) -> None:
        s = self.scenario
        self.static_scene = QGraphicsScene(self)
        self.static_version = 0
        # changes whenever the time-dependent picture (fills, front, highlight) would: views cache
        # it per version, so frames between two changes are blits (85% of frames at 1 day/s)
        self.content_version = 0
        self.area_paths = [rings_path(a.rings) for a in s.areas]
        self.area_items: list[QGraphicsPathItem] = []
        self.pattern_items: list[QGraphicsPathItem] = []
        for i, path in enumerate(self.area_paths):
            item = FillItem(path)
            item.setZValue(Z_AREA)
            item.setData(0, i)
            self.addItem(item)
            pattern = FillItem(path)
            pattern.setZValue(Z_PATTERN)
            pattern.setPen(Qt.PenStyle.NoPen)
            pattern.setVisible(False)
            pattern.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
            self.addItem(pattern)
            self.area_items.append(item)
            self.pattern_items.append(pattern)
        self._area_state = [None] * len(self.area_items)
        outlines = QPainterPath()
        for path in self.area_paths:
            outlines.addPath(path)
        self.outline_item = QGraphicsPathItem(outlines)
        self.outline_item.setZValue(Z_OUTLINE)
        self.outline_item.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.static_scene.addItem(self.outline_item)
        bounds = QRectF()
        for path in self.area_paths:
            bounds = bounds.united(path.boundingRect())
        city = QRectF()
        for area, path in zip(self.scenario.areas, self.area_paths, strict=True):
            if area.kind == "neighbourhood":
                city = city.united(path.boundingRect())
        self.extent_rect = bounds
        self.city_rect = city if not city.isEmpty() else bounds  # fit-to-city: the neighbourhoods
        self.front_item = LinesItem()
        self.front_item.setZValue(Z_FRONT)
        self.addItem(self.front_item)
        self.highlight_item = QGraphicsPathItem()
        self.highlight_item.setZValue(Z_HIGHLIGHT)
        self.highlight_item.setVisible(False)
        self.addItem(self.highlight_item)
        self._build_basemap()
        self._build_labels()
        margin = max(bounds.width(), bounds.height()) * 0.5
        self.setSceneRect(bounds.adjusted(-margin, -margin, margin, margin))
        self.apply_theme(self.theme)

    def _build_basemap(self) -> None:
        """Layers shown at start are built now; hidden ones (damage points) when first shown."""
        for layer in self.scenario.meta.basemap:
            visible = layer.visible and not is_damage_layer(layer.id)
            self.layer_visible[layer.id] = visible
            self.layer_items[layer.id] = None
            if visible:
                self._build_layer(layer.id)

    def _build_layer(self, layer_id: str) -> list[QGraphicsItem]:
        basemap = self.scenario.basemap(layer_id)
        layer = basemap.layer
        is_damage = is_damage_layer(layer.id)
        items: list[QGraphicsItem] = []
        points, point_schematic = [], []
        polys, poly_schematic = [], []
        lines, line_schematic = [], []
        geometries = np.array([f.geometry for f in basemap.features], dtype=object)
        types = shapely.get_type_id(geometries) if len(geometries) else np.zeros(0, int)
        single = np.flatnonzero(types == 0)  # Points: all coordinates in one call
        if len(single):
            points.extend(shapely.get_coordinates(geometries[single]))
            point_schematic.extend(basemap.features[i].schematic for i in single)
        for i in np.flatnonzero(types != 0):
            feature = basemap.features[i]
            g = feature.geometry
            kind = g.geom_type
            if kind == "MultiPoint":
                for xy in shapely.get_coordinates(g):
                    points.append(xy)
                    point_schematic.append(feature.schematic)
            elif kind in ("LineString", "MultiLineString"):
                for part in shapely.get_parts(g):
                    lines.append(shapely.get_coordinates(part))
                    line_schematic.append(feature.schematic)
            elif kind in ("Polygon", "MultiPolygon"):
                polys.append(g)
                poly_schematic.append(feature.schematic)
        if not is_damage:
            for feature, kind in zip(basemap.features, types, strict=True):
                if kind in (0, 4) and (feature.name_en or feature.name_ar):
                    x, y = shapely.get_coordinates(feature.geometry)[0]
                    self._add_label(
                        feature.name_en, feature.name_ar, x, y, 0.5, 0.0, True, layer.id
                    )
        for schematic in (False, True):
            chosen = [ln for ln, sch in zip(lines, line_schematic, strict=True) if sch == schematic]
            if chosen:
                item = QGraphicsPathItem(lines_path(chosen))
                item.setZValue(Z_BASEMAP_LINE)
                item.setData(1, "schematic" if schematic else "surveyed")
                item.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
                items.append(item)
            chosen_p = [p for p, sch in zip(polys, poly_schematic, strict=True) if sch == schematic]
            if chosen_p:
                rings = [r for p in chosen_p for r in _rings(p)]
                item = QGraphicsPathItem(lines_path(rings))
                item.setZValue(Z_BASEMAP_POLY)
                item.setData(1, "schematic" if schematic else "surveyed")
                item.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
                items.append(item)
        if points:
            colour = QColor(70, 10, 10, 170) if is_damage else QColor("#222222")
            item = PointsItem(
                np.array(points),
                np.array(point_schematic),
                colour,
                3.0 if is_damage else 7.0,
                halo=not is_damage,
            )
            item.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
            items.append(item)
        self._style_layer(items)
        for item in items:
            item.setVisible(self.layer_visible.get(layer.id, False))
            self.static_scene.addItem(item)
        self.layer_items[layer.id] = items
        return items

    def _build_labels(self) -> None:
        s = self.scenario
        for area in s.areas:
            point = area.geometry.representative_point()
            # the label may show once the area is ~LABEL_MIN_PX across on screen
            size_m = max(np.sqrt(area.area_km2) * 1000.0, 1.0)
            self._add_label(
                area.name_en,
                area.name_ar,
                point.x,
                point.y,
                area.area_km2,
                LABEL_MIN_PX / size_m,
                False,
                "areas",
            )

    def _add_label(
        self,
        en: str,
        ar: str,
        x: float,
        y: float,
        priority: float,
        min_scale: float,
        small: bool,
        layer: str,
    ) -> None:
        font = QFont(self.label_font)
        if small:
            font.setPointSizeF(
                font.pointSizeF() * 0.9
            )  # no italic: DejaVu Sans Oblique is not bundled
        item = LabelItem(en, ar, font, small)
        styled = QFont(font)
        styled.setPointSizeF(font.pointSizeF() * self.theme.type_scale)
        colour = self.theme.landmark_label if small else self.theme.label
        item.set_style(styled, colour, self.theme.label_halo)
        item.setPos(x, -y)
        item.setVisible(False)
        item.setData(1, layer)
        self.static_scene.addItem(item)
        self.labels.append(Label(item, QPointF(x, -y), priority, min_scale))

    # --- per frame ---------------------------------------------------------------------------------

    def set_time(self, t: float) -> Frame:
        """Show the map at instant t: O(changed areas) brush swaps, front rebuilt on a new key."""
        self.time = t
        frame = self.scenario.frame_at(t)
        self.frame = frame
        factions, confidences = frame.factions, frame.confidences
        state = self._area_state
        for i, item in enumerate(self.area_items):
            f = int(factions[i])
            new = (f, int(confidences[i])) if f >= 0 else None
            if new != state[i] or state[i] is None:
                state[i] = new
                if new is None:
                    item.setBrush(Qt.BrushStyle.NoBrush)
                    self.pattern_items[i].setVisible(False)
                else:
                    self._style_pair(item, self.pattern_items[i], *new)
        if frame.key != self._frame_key:
            self._frame_key = frame.key
            self.content_version += 1
            self._show_pieces(frame.pieces)
            self.front_item.set_lines(frame.front_polylines())
        return frame

    def _style_pair(
        self, base: QGraphicsPathItem, pattern: QGraphicsPathItem, f: int, c: int
    ) -> None:
        base_brush, pattern_brush = self.brushes[(f, c)]
        base.setBrush(base_brush)
        if pattern_brush is None:
            pattern.setVisible(False)
        else:
            pattern.setBrush(pattern_brush)
            pattern.setVisible(True)

    def _piece_path(self, piece: Piece) -> QPainterPath:
        cached = self._piece_paths.get(id(piece))
        if cached is not None and cached[0] is piece:
            return cached[1]
        if len(self._piece_paths) > PIECE_CACHE_LIMIT:
            self._piece_paths.clear()
        path = rings_path(piece.rings)
        self._piece_paths[id(piece)] = (piece, path)
        return path

    def _show_pieces(self, pieces: Sequence[Piece]) -> None:
        while len(self._piece_items) < len(pieces):
            base, pattern = FillItem(), FillItem()
            base.setZValue(Z_PIECE)
            pattern.setZValue(Z_PIECE_PATTERN)
            base.setPen(Qt.PenStyle.NoPen)
            pattern.setPen(Qt.PenStyle.NoPen)
            for item in (base, pattern):
                item.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
                self.addItem(item)
            self._piece_items.append((base, pattern))
        for n, (base, pattern) in enumerate(self._piece_items):
            if n < len(pieces):
                piece = pieces[n]
                path = self._piece_path(piece)
                base.setPath(path)
                pattern.setPath(path)
                base.setVisible(True)
                self._style_pair(base, pattern, piece.faction, piece.confidence)
            else:
                base.setVisible(False)
                pattern.setVisible(False)

    # --- styling -------------------------------------------------------------------------------------

    def colour_of(self, faction_index: int) -> QColor:
        return faction_colour(self.scenario.factions[faction_index], self.palette_name)

    def _make_brushes(self) -> None:
        self.brushes: dict[tuple[int, int], tuple[QBrush, QBrush | None]] = {}
        for f, faction in enumerate(self.scenario.factions):
            colour = self.colour_of(f)
            for c, confidence in enumerate(CONFIDENCES):
                style = getattr(faction.fill, confidence)
                if style == "solid":
                    self.brushes[(f, c)] = (QBrush(colour), None)
                else:
                    pattern = QBrush(colour.darker(115), FILL_PATTERNS[style])
                    self.brushes[(f, c)] = (QBrush(lighter(colour)), pattern)

    def set_fast(self, fast: bool) -> None:
        """Cheaper drawing while time moves; full quality for still frames."""
        if fast != self.front_item.fast:
            self.front_item.fast = fast
            self.front_item.update()
            self.content_version += 1

    def set_palette(self, name: str) -> None:
        self.palette_name = name
        self._restyle()

    def apply_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.setBackgroundBrush(theme.background)
        self.outline_item.setPen(cosmetic_pen(theme.outline, theme.outline_width))
        pens = [
            cosmetic_pen(theme.front_casing, theme.front_width + 2.6),
            cosmetic_pen(theme.front, theme.front_width),
        ]
        for pen in pens:  # flat caps and bevel joins stroke ~30% faster than round ones
            pen.setCapStyle(Qt.PenCapStyle.FlatCap)
            pen.setJoinStyle(Qt.PenJoinStyle.BevelJoin)
        self.front_item.set_pens(pens)
        self.highlight_item.setPen(cosmetic_pen(theme.highlight, 4.0))
        for items in self.layer_items.values():
            self._style_layer(items or [])
        font = QFont(self.label_font)
        font.setPointSizeF(self.label_font.pointSizeF() * theme.type_scale)
        for label in self.labels:
            f = QFont(font)
            if label.item.small:
                f.setPointSizeF(font.pointSizeF() * 0.9)
            colour = theme.landmark_label if label.item.small else theme.label
            label.item.set_style(f, colour, theme.label_halo)
        self._restyle()
        self.invalidate_labels()

    def _restyle(self) -> None:
        self._make_brushes()
        self._area_state = [None] * len(self.area_items)
        self._frame_key = None
        self.set_time(self.time)

    # --- layers, labels, highlight --------------------------------------------------------------

    def _style_layer(self, items: list[QGraphicsItem]) -> None:
        theme = self.theme
        for item in items:
            if isinstance(item, QGraphicsPathItem):
                schematic = item.data(1) == "schematic"
                style = Qt.PenStyle.DashLine if schematic else Qt.PenStyle.SolidLine
                item.setPen(cosmetic_pen(theme.basemap, 1.6 if schematic else 1.2, style))

    def set_layer_visible(self, layer_id: str, visible: bool) -> None:
        self.layer_visible[layer_id] = visible
        items = self.layer_items.get(layer_id)
        if items is None and visible:
            items = self._build_layer(layer_id)
        for item in items or []:
            item.setVisible(visible)
        self.invalidate_labels()

    def damage_layers(self) -> list[str]:
        return [lid for lid in self.layer_items if is_damage_layer(lid)]

    def set_labels_enabled(self, enabled: bool) -> None:
        self.labels_enabled = enabled
        self.invalidate_labels()

    def layout_labels(self, transform: QTransform, viewport: QRectF | None = None) -> None:
        """Show the labels that fit at this zoom without overlapping, biggest areas first."""
        scale = abs(transform.m11())
        self._label_scale = scale
        placed: list[QRectF] = []
        order = sorted(self.labels, key=lambda lb: -lb.priority)
        for label in order:
            layer = label.item.data(1)
            visible = self.labels_enabled and (
                layer == "areas" or self.layer_visible.get(layer, False)
            )
            if visible and scale < label.min_scale:
                visible = False
            if visible:
                centre = transform.map(label.anchor)
                rect = label.item.boundingRect().translated(centre).adjusted(-4, -2, 4, 2)
                if (viewport is not None and not viewport.intersects(rect)) or any(
                    rect.intersects(other) for other in placed
                ):
                    visible = False
                else:
                    placed.append(rect)
            label.item.setVisible(visible)
        self.static_version += 1

    def invalidate_labels(self) -> None:
        self._label_scale = 0.0
        self.static_version += 1
        self.labels_invalidated.emit()

    def render_content(self, painter: QPainter, target: QRectF, source: QRectF) -> None:
        """Draw the background and the time-dependent items for the scene rect `source`."""
        painter.fillRect(target, self.theme.background)
        self.render(painter, target, source, Qt.AspectRatioMode.IgnoreAspectRatio)

    def render_static(self, painter: QPainter, target: QRectF, source: QRectF) -> None:
        """Draw outlines, basemap and labels for the scene rect `source` into `target`."""
        self.static_scene.render(painter, target, source, Qt.AspectRatioMode.IgnoreAspectRatio)

    def highlight_event(self, event: Event | None) -> None:
        """Outline the areas or mark the point an event names."""
        path = QPainterPath()
        if event is not None and event.location is not None:
            if event.location.areas:
                for area_id in event.location.areas:
                    i = self.scenario.area_index.get(area_id)
                    if i is not None:
                        path.addPath(self.area_paths[i])
            elif event.location.point:
                point = to_map(shapely.Point(*event.location.point))
                path.addEllipse(QPointF(point.x, -point.y), 250, 250)
        self.highlight_item.setPath(path)
        self.highlight_item.setVisible(not path.isEmpty())
        self.content_version += 1

    def area_at(self, scene_pos: QPointF) -> int | None:
        for item in self.items(scene_pos):
            index = item.data(0)
            if isinstance(item, QGraphicsPathItem) and index is not None:
                return int(index)
        return None


def is_damage_layer(layer_id: str) -> bool:
    return any(word in layer_id.lower() for word in DAMAGE_WORDS)


def _rings(geometry: shapely.Geometry) -> list[np.ndarray]:
    from aleppo_desktop.core.geometry import polygon_rings

    return polygon_rings(geometry)
