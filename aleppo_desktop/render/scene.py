"""The map of one scenario as cached drawings, and its look (palette, theme, layers, labels).

The scene has no current time: `paint_content` draws whatever `Frame` it is given, so the window and an
export (on its own thread, with its own scene) never move each other's map. Paths are built once per
scenario; a frame groups the areas by fill style (one `fillPath` per style, not one call per area) and
caches that grouping per fill state (which areas are held by whom, in which style).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
import shapely
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QImage,
    QPainter,
    QPainterPath,
    QPen,
    QPixmap,
    QPolygonF,
    QTransform,
)

from aleppo_desktop.core.frames import Frame, Piece
from aleppo_desktop.core.geometry import to_map
from aleppo_desktop.core.lru import LruCache
from aleppo_desktop.core.model import STYLES, Event
from aleppo_desktop.core.scenario import Scenario
from aleppo_desktop.core.signal import Signal
from aleppo_desktop.core.what_changed import ChangeOutline
from aleppo_desktop.render.basemap import LayerDrawing, build_layer
from aleppo_desktop.render.labels import AREAS, LabelSet, MapLabel
from aleppo_desktop.render.shapes import cosmetic_pen, polygon, rings_path
from aleppo_desktop.render.theme import FILL_PATTERNS, STANDARD, Theme, faction_colour, lighter
from aleppo_desktop.render.user_layers import UserLayers

LABEL_MIN_PX = 55  # an area's name shows once the area is about this wide on screen
BOX_GRID_PX = 32  # labels keep off the boxes over the map grown to this grid (`on_grid`)
PIECE_CACHE_LIMIT = 4000
FILL_CACHE_SIZE = 16
# a fill picture repaints the areas that changed while they are at most this share of them: an
# update fills each once (twice when swept or its ground is not opaque), a redraw every area once
# (measured: the jump from the first day to the last, 36% of the 10x campaign's areas, updates in
# ~6.6 ms CPU against a ~14 ms redraw; the bundled one's, 55% of them, ~1.6 against ~3.2)
INCREMENTAL_SHARE = 0.9
HIGHLIGHT_RADIUS_M = 250
CHANGE_WIDTH = 3.5  # px: the outline of ground just gained (`paint_changes`)

Style = tuple[int, int]  # (faction index, index into core.model.STYLES)
Fade = tuple[Style, float, QPainterPath, list[QPainterPath]]  # `MapScene._fade_paths`


@dataclass
class LegendStyle:
    """How the legend and the inset show over the map (render.overlays draws them): shown, the
    corner (render.overlays.LEGEND_PLACES; "auto" keeps off the chapter's changing ground) or where
    it was dragged (its top-left as fractions of the picture), and the inset of a zoomed-in view.
    Part of the look, so an export made from the window shows the window's legend."""

    shown: bool = True
    place: str = "auto"
    at: tuple[float, float] | None = None
    inset: bool = True


class MapScene:
    """Cached drawings of a scenario's map and the look they are drawn in.

    `changed` is emitted when the look changes (palette, theme, layers, labels); `version` counts
    those changes, so views can cache pictures per version."""

    def __init__(self, scenario: Scenario):
        self.scenario = scenario
        self.theme: Theme = STANDARD
        self.palette_name = "standard"
        self.labels_enabled = True
        self.legend_style = LegendStyle()
        self.version = 0
        self.scenario_version = 0  # counts `show_scenario` (edits): the fills change, not the look
        self.areas_version = 0  # counts edits of the area units (`show_scenario`, `areas_edited`)
        self.user_version = 0  # counts changes of the user's basemaps (`user_layers_changed`)
        self._areas_edited: list[QRectF] = []  # scene rect of each such edit's units, in order
        self.changed: Signal[()] = Signal()
        self.area_paths: list[QPainterPath] = []
        self.area_labels: list[MapLabel] = []
        self.labels = LabelSet()
        self._set_areas(scenario)
        bounds = self.extent_rect
        self._static_image: tuple[tuple, QImage] | None = None
        margin = max(bounds.width(), bounds.height()) * 0.5
        self.scene_rect = bounds.adjusted(-margin, -margin, margin, margin)
        self.layer_visible = {layer.id: layer.visible for layer in scenario.meta.basemap}
        self._layers: dict[str, LayerDrawing] = {}  # built when first shown
        self._markers: tuple[tuple, tuple[QRectF, ...]] = ((), ())  # `label_layout`'s, per zoom
        self._fills: LruCache[bytes, list[tuple[Style, QPainterPath]]] = LruCache(FILL_CACHE_SIZE)
        self._fades: LruCache[bytes, list[Fade]] = LruCache(FILL_CACHE_SIZE)
        self._pieces: dict[int, tuple[Piece, QPainterPath]] = {}
        self._lines: dict[int, tuple[np.ndarray, QPolygonF]] = {}
        self._highlights: dict[tuple, QPainterPath] = {}  # `highlight_path` per place
        self._make_brushes()
        self.user_layers = UserLayers()  # the user's own basemaps, under the zones
        self.wait_for_tiles = False  # exports draw every tile; the screen draws tiles as they land

    # --- the look --------------------------------------------------------------------------------

    def _set_areas(self, scenario: Scenario) -> QRectF:
        """Paths, outlines, extent and name labels of the scenario's area units. Units already
        shown (the same objects: an edit kept them) keep their path and label; returns the scene
        rect of the units that came or went (empty when none)."""
        shown = self.scenario.areas if self.area_paths else ()  # () while the scene is made
        old = {
            id(unit): (unit, path, label)
            for unit, path, label in zip(shown, self.area_paths, self.area_labels, strict=True)
        }
        changed = QRectF()
        paths, labels = [], []
        for area in scenario.areas:
            unit, path, label = old.pop(id(area), (None, None, None))
            if unit is not area or path is None or label is None:
                path = rings_path(area.rings)
                point = area.geometry.representative_point()
                size_m = max(np.sqrt(area.area_km2) * 1000.0, 1.0)
                label = MapLabel(
                    area.name_en,
                    area.name_ar,
                    QPointF(point.x, -point.y),
                    area.area_km2,
                    LABEL_MIN_PX / size_m,
                    AREAS,
                    False,
                )
                changed = changed.united(path.boundingRect())
            paths.append(path)
            labels.append(label)
        for _, path, _ in old.values():  # gone (merged or split)
            changed = changed.united(path.boundingRect())
        self.labels.replace(self.area_labels, labels)
        self.area_paths, self.area_labels = paths, labels
        self._area_bounds = [p.boundingRect() for p in paths]
        self.outline_path = QPainterPath()
        for path in paths:
            self.outline_path.addPath(path)
        bounds, city = QRectF(), QRectF()
        for area, rect in zip(scenario.areas, self._area_bounds, strict=True):
            bounds = bounds.united(rect)
            if area.kind == "neighbourhood":
                city = city.united(rect)
        self.extent_rect = bounds
        self.city_rect = city if not city.isEmpty() else bounds  # fit-to-city: the neighbourhoods
        return changed

    def areas_edited(self, since: int) -> QRectF | None:
        """The scene rect of the area units edited after `areas_version` was `since` (where the
        static picture of that version differs), or None when unknown (a version from the future
        or another scene)."""
        if not 0 <= since <= self.areas_version:
            return None
        rect = QRectF()
        for edited in self._areas_edited[since:]:
            rect = rect.united(edited)
        return rect

    def show_scenario(self, scenario: Scenario) -> None:
        """Draw an edited version of the scenario: the fills cached for the old control go; the
        look, and the paths and labels of the area units the edit kept, stay. When the area units
        changed (a split, a merge), `areas_version` counts it and `areas_edited` says where, so a
        static picture is redrawn there only (`refresh_static`)."""
        if scenario.areas is not self.scenario.areas:
            self._areas_edited.append(self._set_areas(scenario))
            self.areas_version += 1
        self.scenario = scenario
        self._fills.clear()
        self._fades.clear()
        self._pieces.clear()
        self._lines.clear()
        self._highlights.clear()  # the area units may have changed
        self.scenario_version += 1
        self.changed.emit()

    def _changed(self) -> None:
        self.version += 1
        self.changed.emit()

    def colour_of(self, faction_index: int) -> QColor:
        return faction_colour(self.scenario.factions[faction_index], self.palette_name)

    def _make_brushes(self) -> None:
        self.brushes: dict[Style, tuple[QBrush, QBrush | None]] = {}
        for f, faction in enumerate(self.scenario.factions):
            colour = self.colour_of(f)
            for c, name in enumerate(STYLES):  # confirmed, claimed, contested, uncertain
                style = getattr(faction.fill, name)
                if style == "solid":
                    self.brushes[(f, c)] = (QBrush(colour), None)
                else:
                    pattern = QBrush(colour.darker(115), FILL_PATTERNS[style])
                    self.brushes[(f, c)] = (QBrush(lighter(colour)), pattern)

    def set_palette(self, name: str) -> None:
        if name != self.palette_name:
            self.palette_name = name
            self._make_brushes()
            self._changed()

    def apply_theme(self, theme: Theme) -> None:
        if theme is not self.theme:
            self.theme = theme
            self._changed()

    def set_labels_enabled(self, enabled: bool) -> None:
        if enabled != self.labels_enabled:
            self.labels_enabled = enabled
            self._changed()

    def set_layer_visible(self, layer_id: str, visible: bool) -> None:
        if self.layer_visible.get(layer_id) != visible:
            self.layer_visible[layer_id] = visible
            self._changed()

    def copy_look(self, other: MapScene) -> None:
        """Take another scene's palette, theme, labels, layers and legend (an export drawn like
        the screen)."""
        self.palette_name = other.palette_name
        self._make_brushes()
        self.theme = other.theme
        self.labels_enabled = other.labels_enabled
        self.layer_visible = dict(other.layer_visible)
        self.user_layers = other.user_layers
        self.legend_style = replace(other.legend_style)
        self._changed()

    def user_layers_changed(self) -> None:
        """A user basemap came, went, moved, changed or a tile landed: views redraw the content
        (the user's layers are drawn under the zones), not the static picture over it."""
        self.user_version += 1
        self.changed.emit()

    # --- per frame -------------------------------------------------------------------------------

    @staticmethod
    def _fill_codes(frame: Frame) -> np.ndarray:
        """Per area: faction * len(STYLES) + style, or -1 while it is swept (drawn as pieces)."""
        codes = frame.factions.astype(np.int64) * len(STYLES) + frame.confidences
        codes[frame.factions < 0] = -1
        return codes

    def fill_state(self, frame: Frame) -> bytes:
        """Equal for frames whose whole-area fills look the same: it changes when a sweep starts or
        ends, not at each of its steps."""
        return self._fill_codes(frame).tobytes()

    def _fill_paths(self, frame: Frame) -> list[tuple[Style, QPainterPath]]:
        """One path per fill style for the whole areas of a frame, cached per fill state."""
        n = len(STYLES)
        codes = self._fill_codes(frame)
        key = codes.tobytes()
        cached = self._fills.get(key)
        if cached is not None:
            return cached
        result = []
        # sorted(set()), not np.unique (here and below): np.unique without indices imports
        # numpy.ma (~15 ms CPU) when first called, which was in the first frame
        for code in sorted(set(codes[codes >= 0].tolist())):
            path = QPainterPath()
            path.setFillRule(Qt.FillRule.OddEvenFill)
            for i in np.flatnonzero(codes == code).tolist():
                path.addPath(self.area_paths[i])
            result.append(((code // n, code % n), path))
        return self._fills.put(key, result)

    def _fade_paths(self, frame: Frame) -> list[Fade]:
        """The status cross-fades of a frame (`Frame.status_to`): per style and level, one path of
        the areas (or swept pieces) fading into it, and their own paths (`_fill`'s parts), drawn
        over their present style at the level's opacity. Cached per fade state, like the
        whole-area fills."""
        fading = np.flatnonzero(frame.status_to >= 0)
        if not len(fading):
            return []
        # a swept area's pieces change every step: only whole areas are cached
        swept = bool((frame.factions[fading] < 0).any())
        key = fading.tobytes() + frame.status_blend[fading].tobytes()
        key += frame.status_to[fading].tobytes() + frame.factions[fading].tobytes()
        cached = None if swept else self._fades.get(key)
        if cached is not None:
            return cached
        groups: dict[tuple[Style, float], tuple[QPainterPath, list[QPainterPath]]] = {}

        def add(style: Style, blend: float, path: QPainterPath) -> None:
            group = groups.get((style, blend))
            if group is None:
                group = groups[style, blend] = (QPainterPath(), [])
                group[0].setFillRule(Qt.FillRule.OddEvenFill)
            group[0].addPath(path)
            group[1].append(path)

        to, blends = frame.status_to, frame.status_blend
        for i in fading.tolist():
            if frame.factions[i] >= 0 and blends[i] > 0:
                add((int(frame.factions[i]), int(to[i])), float(blends[i]), self.area_paths[i])
        for piece in frame.pieces:
            i = piece.area_index
            if to[i] >= 0 and blends[i] > 0:
                add((piece.faction, int(to[i])), float(blends[i]), self._piece_path(piece))
        result = [(style, blend, *group) for (style, blend), group in groups.items()]
        return result if swept else self._fades.put(key, result)

    def _piece_path(self, piece: Piece) -> QPainterPath:
        cached = self._pieces.get(id(piece))
        if cached is not None and cached[0] is piece:
            return cached[1]
        if len(self._pieces) > PIECE_CACHE_LIMIT:
            self._pieces.clear()
        path = rings_path(piece.rings)
        self._pieces[id(piece)] = (piece, path)
        return path

    def _line(self, line: np.ndarray) -> QPolygonF:
        cached = self._lines.get(id(line))
        if cached is not None and cached[0] is line:
            return cached[1]
        if len(self._lines) > PIECE_CACHE_LIMIT:
            self._lines.clear()
        result = polygon(line)
        self._lines[id(line)] = (line, result)
        return result

    def _fill(
        self,
        painter: QPainter,
        style: Style,
        path: QPainterPath,
        parts: Sequence[QPainterPath] = (),
    ) -> None:
        """Fill `path` in a style: its ground, then its hatch, if any. Given the `parts` the path
        joins (areas), the hatch, and a ground that is not opaque (or drawn at an opacity), are
        filled part by part: Qt's raster engine hands a fill of a hundred scanlines or more to its
        thread pool unless it is an opaque solid one, and the thread waits for it (~0.4 ms of pool
        CPU a 10x scrub frame, and a wait for a busy core); an area's alone mostly is not."""
        base, pattern = self.brushes[style]
        opaque = base.isOpaque() and painter.opacity() == 1.0
        for part in (path,) if opaque or not parts else parts:
            painter.fillPath(part, base)
        if pattern is not None:
            # the hatch anchored to the map, not to the device: a picture drawn round the view
            # and moved by a pan shows the hatch where a fresh picture does (the pattern's device
            # phase is the translation plus the origin scaled by 1/zoom - 1, measured in Qt 6)
            t = painter.worldTransform()
            if t.m11() and t.m22():
                painter.setBrushOrigin(
                    QPointF(t.dx() * (1 - 1 / t.m11()), t.dy() * (1 - 1 / t.m22()))
                )
            for part in parts or (path,):
                painter.fillPath(part, pattern)

    def paint_content(
        self,
        painter: QPainter,
        transform: QTransform,
        target: QRectF,
        frame: Frame,
        *,
        fast: bool = False,
        highlight: QPainterPath | None = None,
        fills: FillLayer | None = None,
    ) -> None:
        """Background, control fills, sweeping pieces, the front and the highlight of `frame`.

        Fills are drawn without antialiasing (most of the pixels; the antialiased outlines drawn over
        them hide the edges); the front is antialiased unless `fast` (time is moving). With `fills`
        the background and whole-area fills come from (and are kept in) that picture, unless the
        user's own basemaps show under the zones."""
        theme = self.theme
        painter.save()
        cached = fills is not None and not self.user_layers.layers and target.topLeft().isNull()
        if fills is not None and cached:
            device = painter.device()
            ratio = device.devicePixelRatioF()
            # an opaque picture is copied onto a picture of its format (premultiplied ARGB); onto
            # the screen (the view's scrub frames) it is blended: a copy onto the screen's opaque
            # format is a conversion on Qt's thread pool, a blend one pass here (the same pixels)
            onto_picture = isinstance(device, (QImage, QPixmap)) and device.hasAlphaChannel()
            if theme.background.alpha() == 255 and onto_picture:
                painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Source)
            painter.drawImage(QPointF(0, 0), fills.image(self, frame, transform, target, ratio))
            painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceOver)
        else:
            painter.fillRect(target, theme.background)
        painter.setClipRect(target)
        user = self.user_layers
        if user.layers:
            user.paint(painter, transform, target, wait=self.wait_for_tiles)
        painter.setTransform(transform, True)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        if user.any_visible():  # zones translucent so the user's streets or imagery show through
            painter.setOpacity(user.zone_opacity)
        if not cached:
            for style, path in self._fill_paths(frame):
                self._fill(painter, style, path)
        for piece in frame.pieces:
            self._fill(painter, (piece.faction, piece.confidence), self._piece_path(piece))
        opacity = painter.opacity()
        for style, blend, path, parts in self._fade_paths(frame):
            painter.setOpacity(opacity * blend)
            self._fill(painter, style, path, parts)
        painter.setOpacity(1.0)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, not fast)
        pens = self._front_pens()
        lines = self._front_in(frame, transform, target, max(p.widthF() for p in pens))
        for pen in pens:
            painter.setPen(pen)
            for line in lines:
                painter.drawPolyline(line)
        if highlight is not None and not highlight.isEmpty():
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(cosmetic_pen(theme.highlight, 4.0))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(highlight)
        painter.restore()

    def _front_in(
        self, frame: Frame, transform: QTransform, target: QRectF, pen_width: float
    ) -> list[QPolygonF]:
        """The front's polylines that can paint in `target` (device pixels): those with a segment
        within a pen width and two pixels of it (more than the pen's half width, a bevel join's
        reach, and a pixel of antialiasing). The others are not stroked at all: a strip of the
        picture (a pan) or a view zoomed in strokes only the fronts near it. Each kept polyline is
        stroked whole, as before: cutting one to its run near the target would stroke a smaller
        outline, which Qt's rasteriser covers a level or two differently here and there (measured:
        11 of 72 pan strips of the bundled map differed), so the pixels stay those of a full
        stroke. Every line is tested at once (a few numpy calls over all their vertices, not a few
        per line: ~0.4 -> ~0.1 ms a 10x frame)."""
        lines = [line for line in frame.front_polylines() if len(line) >= 2]
        inverse, invertible = transform.inverted()
        if not invertible or not lines:
            return [self._line(line) for line in lines]
        margin = pen_width + 2.0
        near = inverse.mapRect(target.adjusted(-margin, -margin, margin, margin))
        left, right = near.left(), near.right()
        top, bottom = -near.bottom(), -near.top()  # map y is the scene's negated
        xy = np.concatenate(lines)
        x, y = xy[:, 0], xy[:, 1]
        lengths = np.array([len(line) for line in lines])
        ends = np.cumsum(lengths)
        starts = ends - lengths
        x_min, x_max = np.minimum.reduceat(x, starts), np.maximum.reduceat(x, starts)
        y_min, y_max = np.minimum.reduceat(y, starts), np.maximum.reduceat(y, starts)
        apart = (x_max < left) | (x_min > right) | (y_max < top) | (y_min > bottom)
        # wholly near (a whole-view frame): kept without the segment test
        keep = (x_min >= left) & (x_max <= right) & (y_min >= top) & (y_max <= bottom)
        crossing = ~apart & ~keep
        if crossing.any():  # kept when a segment's box meets the rect
            x0, x1 = np.minimum(x[:-1], x[1:]), np.maximum(x[:-1], x[1:])
            y0, y1 = np.minimum(y[:-1], y[1:]), np.maximum(y[:-1], y[1:])
            hit = np.zeros(len(xy), dtype=bool)  # per segment, from its first vertex
            hit[:-1] = (x1 >= left) & (x0 <= right) & (y1 >= top) & (y0 <= bottom)
            hit[ends - 1] = False  # a line's last vertex to the next line's first: no segment
            keep |= crossing & np.logical_or.reduceat(hit, starts)
        return [self._line(line) for line, kept in zip(lines, keep.tolist(), strict=True) if kept]

    def _front_pens(self) -> list[QPen]:
        theme = self.theme
        pens = [
            cosmetic_pen(theme.front_casing, theme.front_width + 2.6),
            cosmetic_pen(theme.front, theme.front_width),
        ]
        for pen in pens:  # flat caps and bevel joins stroke ~30% faster than round ones
            pen.setCapStyle(Qt.PenCapStyle.FlatCap)
            pen.setJoinStyle(Qt.PenJoinStyle.BevelJoin)
        return pens

    # --- the static picture --------------------------------------------------------------------------

    def layer(self, layer_id: str) -> LayerDrawing:
        drawing = self._layers.get(layer_id)
        if drawing is None:
            drawing = build_layer(self.scenario.basemap(layer_id))
            for label in drawing.labels:
                self.labels.add(label)
            self._layers[layer_id] = drawing
        return drawing

    def shown_layers(self) -> list[str]:
        return [lid for lid, visible in self.layer_visible.items() if visible]

    def label_layout(
        self, transform: QTransform, viewport: QRectF, obstacles: Sequence[QRectF] = ()
    ):
        """Which labels show in this view, clear of the `obstacles` (the boxes drawn over the map,
        `render.overlays.overlay_boxes`); cached per view and look."""
        layers = [self.layer(lid) for lid in self.shown_layers()]
        if not self.labels_enabled:
            return ()
        # the discs and dots where the zoom's layout is made (the view without its pan): one
        # tuple per zoom and layers, which the layouts key by identity
        t = transform
        shown = [AREAS, *(layer.layer_id for layer in layers)]
        key = (t.m11(), t.m12(), t.m21(), t.m22(), tuple(shown))
        if key != self._markers[0]:
            zoom = QTransform(t.m11(), t.m12(), t.m21(), t.m22(), 0, 0)
            self._markers = (key, tuple(r for layer in layers for r in layer.marker_rects(zoom)))
        discs = self._markers[1]
        boxes = [on_grid(box) for box in obstacles]
        return self.labels.layout(transform, viewport, shown, self.theme, boxes, discs)

    def labels_shown(
        self, transform: QTransform, viewport: QRectF, obstacles: Sequence[QRectF] = ()
    ) -> tuple[int, ...]:
        """The labels `label_layout` shows: for the keys of cached static pictures, which change
        when boxes over the map move a label, not whenever a box changes size (the date's width
        changes daily)."""
        return tuple(i for i, _ in self.label_layout(transform, viewport, obstacles))

    def paint_static(
        self,
        painter: QPainter,
        transform: QTransform,
        target: QRectF,
        obstacles: Sequence[QRectF] = (),
        clip: QRectF | None = None,
        labels: bool = True,
    ) -> None:
        """Outlines, visible basemap layers and the labels that fit around the `obstacles` (device
        rects), for the view `transform`; with `clip` (a device rect), only there (the labels
        elsewhere are not drawn at all). Without `labels`, the picture under them (the window
        draws the labels of each pan over it, `paint_labels`)."""
        layout = self.label_layout(transform, target, obstacles) if labels else ()
        area = target if clip is None else target.intersected(clip)
        if clip is not None:
            layout = tuple(
                (i, centre)
                for i, centre in layout
                if self.labels.box(i, centre, self.theme).intersects(area)
            )
        painter.save()
        painter.setClipRect(area)
        painter.setTransform(transform, True)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(cosmetic_pen(self.theme.outline, self.theme.outline_width))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(self.outline_path)
        for layer_id in self.shown_layers():
            self.layer(layer_id).paint(painter, self.theme)
        self.labels.paint(painter, layout, self.theme)
        painter.restore()

    def paint_labels(
        self,
        painter: QPainter,
        transform: QTransform,
        target: QRectF,
        obstacles: Sequence[QRectF] = (),
    ) -> tuple[tuple[int, QPointF], ...]:
        """The labels `paint_static` draws, alone (over a picture painted without them); returns
        the layout drawn."""
        layout = self.label_layout(transform, target, obstacles)
        if layout:
            painter.save()
            painter.setClipRect(target)
            self.labels.paint(painter, layout, self.theme)
            painter.restore()
        return layout

    def refresh_static(
        self,
        painter: QPainter,
        transform: QTransform,
        target: QRectF,
        obstacles: Sequence[QRectF] = (),
        since: StaticPainted | None = None,
        labels: bool = True,
    ) -> StaticPainted:
        """`paint_static` on a transparent device, or, given what an earlier call painted on
        this device for the same view and look (`since`), only where that picture is out of date:
        around the area units edited since and the labels that came or went. The rest of the
        device is kept as it is, and equals a full repaint. Returns what the device now shows."""
        label_set = self.labels
        layout = self.label_layout(transform, target, obstacles) if labels else ()
        painted = StaticPainted(
            self,
            self.areas_version,
            {
                (id(label_set.labels[i]), centre.x(), centre.y()): (
                    label_set.labels[i],
                    label_set.box(i, centre, self.theme),
                )
                for i, centre in layout
            },
        )
        edited = None
        if since is not None and since.scene is self:
            edited = self.areas_edited(since.areas_version)
        if since is None or edited is None:
            self.paint_static(painter, transform, target, obstacles, labels=labels)
            return painted
        dirty = QRectF()
        if not edited.isEmpty():  # the outlines there, and their antialiased pixels around
            margin = self.theme.outline_width + 2
            dirty = transform.mapRect(edited).adjusted(-margin, -margin, margin, margin)
        for key in since.labels.keys() ^ painted.labels.keys():
            dirty = dirty.united((since.labels.get(key) or painted.labels[key])[1])
        dirty = dirty.intersected(target)
        if dirty.isEmpty():
            return painted
        pixels = QRectF(dirty.toAlignedRect())  # whole pixels: the same as a full repaint
        painter.save()
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Source)
        painter.fillRect(pixels, Qt.GlobalColor.transparent)
        painter.restore()
        self.paint_static(painter, transform, target, obstacles, clip=pixels, labels=labels)
        return painted

    def static_image(
        self, transform: QTransform, target: QRectF, obstacles: Sequence[QRectF] = ()
    ) -> QImage:
        """`paint_static` on a transparent image of the target's size, kept while the view and the
        look stay the same: the frames of an export draw it with one blit, as the screen does."""
        key = (
            transform.m11(),
            transform.m22(),
            transform.dx(),
            transform.dy(),
            target.x(),
            target.y(),
            target.width(),
            target.height(),
            self.version,
            self.areas_version,
            self.labels_shown(transform, target, obstacles),
        )
        if self._static_image is None or self._static_image[0] != key:
            image = QImage(
                round(target.width()),
                round(target.height()),
                QImage.Format.Format_ARGB32_Premultiplied,
            )
            image.fill(Qt.GlobalColor.transparent)
            painter = QPainter(image)
            to_image = transform * QTransform.fromTranslate(-target.x(), -target.y())
            moved = [r.translated(-target.x(), -target.y()) for r in obstacles]
            self.paint_static(
                painter, to_image, QRectF(0, 0, target.width(), target.height()), moved
            )
            painter.end()
            self._static_image = (key, image)
        return self._static_image[1]

    # --- questions about places ------------------------------------------------------------------

    def paint_changes(
        self, painter: QPainter, transform: QTransform, outlines: Sequence[ChangeOutline]
    ) -> None:
        """What changed (`core.what_changed`): each gained area outlined in the gainer's colour over a
        dark casing, as strong as the outline's strength (fading). Screen and exports alike."""
        if not outlines:
            return
        painter.save()
        painter.setTransform(transform, True)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for outline in outlines:
            path = self.area_paths[outline.area_index]
            casing = QColor(self.theme.front_casing)
            casing.setAlphaF(0.8 * outline.strength)
            painter.setPen(cosmetic_pen(casing, CHANGE_WIDTH + 2.5))
            painter.drawPath(path)
            colour = QColor(self.colour_of(outline.faction)).lighter(115)
            colour.setAlphaF(outline.strength)
            painter.setPen(cosmetic_pen(colour, CHANGE_WIDTH))
            painter.drawPath(path)
        painter.restore()

    def highlight_path(self, event: Event | None) -> QPainterPath:
        """The outline of the areas an event names, or a ring around its point (kept per place:
        a scrub rings another event nearly every frame; projecting its point cost ~0.5 ms).
        Shared: not to be changed."""
        location = event.location if event is not None else None
        key = None
        if location is not None:
            key = (tuple(location.areas or ()), tuple(location.point or ()))
            cached = self._highlights.get(key)
            if cached is not None:
                return cached
        path = QPainterPath()
        if event is not None and event.location is not None:
            if event.location.areas:
                for area_id in event.location.areas:
                    i = self.scenario.area_index.get(area_id)
                    if i is not None:
                        path.addPath(self.area_paths[i])
            elif event.location.point:
                point = to_map(shapely.Point(*event.location.point))
                path.addEllipse(QPointF(point.x, -point.y), HIGHLIGHT_RADIUS_M, HIGHLIGHT_RADIUS_M)
        if key is not None:
            if len(self._highlights) > PIECE_CACHE_LIMIT:
                self._highlights.clear()
            self._highlights[key] = path
        return path

    def area_at(self, scene_pos: QPointF) -> int | None:
        """The area unit under a scene point (the topmost, last in the scenario's order)."""
        for i in range(len(self.area_paths) - 1, -1, -1):
            if self._area_bounds[i].contains(scene_pos) and self.area_paths[i].contains(scene_pos):
                return i
        return None


@dataclass(frozen=True, eq=False)
class StaticPainted:
    """What `MapScene.refresh_static` left on a device: the scene, its `areas_version`, and each
    label drawn (keyed by label and device centre) with the device rect it covers."""

    scene: MapScene
    areas_version: int
    labels: dict[tuple[int, float, float], tuple[MapLabel, QRectF]]


def on_grid(box: QRectF) -> QRectF:
    """A box over the map grown to the BOX_GRID_PX grid: the labels are laid out around boxes
    that change size only now and then (the date's width changes daily: a layout per frame
    while scrubbing, ~19 ms of a bundled frame)."""
    g = BOX_GRID_PX
    left, top = math.floor(box.left() / g) * g, math.floor(box.top() / g) * g
    right, bottom = math.ceil(box.right() / g) * g, math.ceil(box.bottom() / g) * g
    return QRectF(left, top, right - left, bottom - top)


class FillLayer:
    """The background and whole-area fills of one view as a picture, redrawn when the look or the
    view change, and only the areas whose fill changed when the fill state (`MapScene.fill_state`)
    does. While time moves, most frames change only the sweeping pieces and the front, which are
    drawn over it: at ten times the campaign a full redraw is ~16 ms, a random jump's update (a
    seventh of the areas) a few. Drawn by the same calls as without it, so the pixels are the
    same."""

    def __init__(self) -> None:
        self._key: tuple = ()
        self._codes = np.zeros(0, dtype=np.int64)  # `MapScene._fill_codes` of the picture
        self._image = QImage()
        self.redraws = 0

    def image(
        self, scene: MapScene, frame: Frame, transform: QTransform, target: QRectF, ratio: float
    ) -> QImage:
        key = (
            id(scene),
            scene.version,
            scene.areas_version,  # the same units: an edit of control repaints the areas it changed
            transform.m11(),
            transform.m22(),
            transform.dx(),
            transform.dy(),
            target.width(),
            target.height(),
            ratio,
        )
        codes = MapScene._fill_codes(frame)
        if key == self._key and len(codes) == len(self._codes):
            changed = np.flatnonzero(codes != self._codes)
            if len(changed) <= len(codes) * INCREMENTAL_SHARE:
                if len(changed):
                    self._update(scene, codes, changed, transform, target)
                return self._image
        width, height = round(target.width() * ratio), round(target.height() * ratio)
        image = self._image  # reused when the size holds (8 MB a frame at 1080p otherwise)
        if image.width() != width or image.height() != height:
            image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
        image.setDevicePixelRatio(ratio)
        painter = QPainter(image)
        painter.fillRect(target, scene.theme.background)
        painter.setClipRect(target)
        painter.setTransform(transform, True)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        for style, path in scene._fill_paths(frame):
            scene._fill(painter, style, path)
        painter.end()
        self._image, self._key, self._codes = image, key, codes
        self.redraws += 1
        return self._image

    def _update(
        self,
        scene: MapScene,
        codes: np.ndarray,
        changed: np.ndarray,
        transform: QTransform,
        target: QRectF,
    ) -> None:
        """Repaint only the areas whose fill changed: each filled in its new style, one path per
        style as a full redraw (the areas tile the map, so their pixels are exactly those a full
        redraw gives them); those now swept, or whose new style's ground is not opaque, back to
        the background first (an opaque ground covers the old style without it: a second fill
        of every changed area saved, ~a third of the update)."""
        painter = QPainter(self._image)
        painter.setClipRect(target)
        painter.setTransform(transform, True)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        n = len(STYLES)
        new = codes[changed]
        covers = {
            code: scene.brushes[code // n, code % n][0].isOpaque()
            for code in sorted(set(new[new >= 0].tolist()))
        }
        cleared = QPainterPath()
        cleared.setFillRule(Qt.FillRule.OddEvenFill)
        for i, code in zip(changed.tolist(), new.tolist(), strict=True):
            if code < 0 or not covers[code]:
                cleared.addPath(scene.area_paths[i])
        if not cleared.isEmpty():
            painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Source)
            painter.fillPath(cleared, scene.theme.background)
            painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceOver)
        for code in covers:  # the new styles, in order
            path = QPainterPath()
            path.setFillRule(Qt.FillRule.OddEvenFill)
            parts = [scene.area_paths[i] for i in changed[new == code].tolist()]
            for part in parts:
                path.addPath(part)
            scene._fill(painter, (code // n, code % n), path, parts)
        painter.end()
        self._codes = codes
        self.redraws += 1


def paint_map(
    painter: QPainter,
    scene: MapScene,
    frame: Frame,
    transform: QTransform,
    target: QRectF,
    *,
    fast: bool = False,
    highlight: QPainterPath | None = None,
) -> None:
    """The whole map (content, then the static picture over it) in one go: what stills and exports
    draw. The static picture is cached by the scene, so successive frames of one view reuse it."""
    scene.paint_content(painter, transform, target, frame, fast=fast, highlight=highlight)
    painter.drawImage(target.topLeft(), scene.static_image(transform, target))
