"""Basemap layers as drawings: one path per line style, points in one polygon per style, landmark labels.

A layer's `role` (scenario data) decides its look: "damage" layers are small translucent dots without
labels; other layers are dark lines and dots, schematic features dashed and hollow. A line of kind
"river" is drawn as water (wide and blue) and labelled along its course. A reference layer's surveyed
points (the heritage landmarks) are grouped at city scale into discs that give their number, and
drawn one by one from `DETAIL_SCALE`; points of a `KEY_KINDS` kind (the Citadel, the Old City's gates)
are always drawn and labelled on their own.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import shapely
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPen, QPolygonF, QTransform

from aleppo_desktop.core.geometry import polygon_rings
from aleppo_desktop.core.scenario import Basemap
from aleppo_desktop.render.fonts import FAMILY
from aleppo_desktop.render.labels import MapLabel
from aleppo_desktop.render.shapes import cosmetic_pen, lines_path, polygon
from aleppo_desktop.render.theme import Theme

POINT, MULTIPOINT = 0, 4  # shapely type ids
DAMAGE_DOT = QColor(70, 10, 10, 170)
LANDMARK_DOT = QColor("#222222")
WATER = QColor(70, 140, 205, 220)
WATER_PX = 4.5
DETAIL_SCALE = 0.2  # px per metre from which landmarks are drawn one by one (the Old City ~300 px)
CLUSTER_PX = 40.0  # landmarks closer than this on screen are one disc below DETAIL_SCALE
LANDMARK_PX = 7.0  # a landmark dot's width; surveyed: + a 2.5 px white rim, schematic: + 1 px dark
# (label priority, zoom in px/m from which it shows) for points of these kinds: before the areas'
# own names (priority = km²) for the Citadel, the gates once the Old City is big enough for them
KEY_KINDS: dict[str, tuple[float, float]] = {"citadel": (100.0, 0.0), "gate": (20.0, 0.12)}
RIVER_LABEL = (30.0, 0.0)
RIVER_LABEL_AT = (0.5, 0.42, 0.58, 0.34, 0.66)  # fractions along the river, tried in this order


def layer_role(basemap: Basemap) -> str:
    return basemap.layer.role


@dataclass
class LayerDrawing:
    """What one basemap layer draws: line work by style, water, points by style, and its labels."""

    layer_id: str
    surveyed_lines: QPainterPath
    schematic_lines: QPainterPath
    surveyed_points: QPolygonF
    schematic_points: QPolygonF
    damage: bool
    labels: list[MapLabel]
    water_lines: QPainterPath = field(default_factory=QPainterPath)
    # surveyed points of a reference layer, scene coordinates, and which are of a KEY_KINDS kind
    groupable: np.ndarray = field(default_factory=lambda: np.zeros((0, 2)))
    key_points: QPolygonF = field(default_factory=QPolygonF)
    _groups: dict[tuple, list[tuple[float, float, int]]] = field(default_factory=dict, repr=False)

    def paint(self, painter: QPainter, theme: Theme) -> None:
        """Draw in scene coordinates (the painter carries the scene -> device transform)."""
        if not self.water_lines.isEmpty():
            painter.setPen(cosmetic_pen(WATER, WATER_PX))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(self.water_lines)
        if not self.surveyed_lines.isEmpty():
            painter.setPen(cosmetic_pen(theme.basemap, 1.2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(self.surveyed_lines)
        if not self.schematic_lines.isEmpty():
            painter.setPen(cosmetic_pen(theme.basemap, 1.6, Qt.PenStyle.DashLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(self.schematic_lines)
        # round cosmetic points: one call per style, the mapping is done in C++
        colour, size = (DAMAGE_DOT, 3.0) if self.damage else (LANDMARK_DOT, LANDMARK_PX)
        scale = abs(painter.worldTransform().m11())
        if len(self.groupable) and scale < DETAIL_SCALE:
            self._paint_grouped(painter, size)
        elif not self.surveyed_points.isEmpty():
            if not self.damage:
                painter.setPen(cosmetic_pen(QColor("white"), size + 2.5))
                painter.drawPoints(self.surveyed_points)
            painter.setPen(cosmetic_pen(colour, size))
            painter.drawPoints(self.surveyed_points)
        if not self.schematic_points.isEmpty():
            painter.setPen(cosmetic_pen(colour, size + 1))
            painter.drawPoints(self.schematic_points)
            painter.setPen(cosmetic_pen(QColor("white"), size - 3.5))
            painter.drawPoints(self.schematic_points)

    def groups(self, transform: QTransform) -> list[tuple[float, float, int]]:
        """The groupable points as drawn in this view (device pixels, how many each): grouped
        below DETAIL_SCALE, one by one from it."""
        xy = self.groupable
        t = transform
        if abs(t.m11()) >= DETAIL_SCALE:
            device = np.column_stack((xy[:, 0] * t.m11() + t.dx(), xy[:, 1] * t.m22() + t.dy()))
            return [(x, y, 1) for x, y in device.tolist()]
        # grouped once per zoom (a pan moves the groups, it does not change them): the picture
        # drawn round a panned view and a fresh one group alike, and the labels' discs with them
        key = (t.m11(), t.m22())
        zoomed = self._groups.get(key)
        if zoomed is None:
            zoomed = cluster_points(
                np.column_stack((xy[:, 0] * t.m11(), xy[:, 1] * t.m22())), CLUSTER_PX
            )
            self._groups = {key: zoomed}
        dx, dy = t.dx(), t.dy()
        return [(x + dx, y + dy, n) for x, y, n in zoomed]

    def marker_rects(self, t: QTransform) -> list[QRectF]:
        """The discs and landmark dots `paint` draws in this view (device rects, rims included):
        the labels keep off them. None for a damage layer (a texture of small dots, hidden by
        default), whose dots the labels may cover. (`MapScene.label_layout` keeps them per
        zoom.)"""
        if self.damage:
            return []
        rim = LANDMARK_PX + 2.5  # as `paint` draws them
        rects = []
        dots = [(self.schematic_points, LANDMARK_PX + 1)]
        if len(self.groupable) and abs(t.m11()) < DETAIL_SCALE:
            for x, y, n in self.groups(t):
                r = cluster_radius(n) if n > 1 else rim / 2
                rects.append(QRectF(x - r, y - r, 2 * r, 2 * r))
            dots.append((self.key_points, LANDMARK_PX))
        else:
            dots.append((self.surveyed_points, rim))
        for points, width in dots:
            r = width / 2
            for p in t.map(points).toList():
                rects.append(QRectF(p.x() - r, p.y() - r, width, width))
        return rects

    def _paint_grouped(self, painter: QPainter, size: float) -> None:
        """Key points on their own, the others grouped per screen cell: a lone point as a dot,
        several as a disc with their number."""
        singles: list[QPointF] = []
        groups = self.groups(painter.worldTransform())
        painter.save()
        painter.resetTransform()
        for x, y, n in groups:
            if n == 1:
                singles.append(QPointF(x, y))
            else:
                paint_cluster(painter, QPointF(x, y), n)
        points = QPolygonF(singles)
        painter.restore()
        painter.save()
        painter.resetTransform()
        painter.setPen(cosmetic_pen(QColor("white"), size + 2.5))
        painter.drawPoints(points)
        painter.setPen(cosmetic_pen(LANDMARK_DOT, size))
        painter.drawPoints(points)
        painter.restore()
        if not self.key_points.isEmpty():  # the Citadel and gates over the discs, smaller
            painter.setPen(cosmetic_pen(QColor("white"), size))
            painter.drawPoints(self.key_points)
            painter.setPen(cosmetic_pen(LANDMARK_DOT, size - 2.5))
            painter.drawPoints(self.key_points)


def cluster_points(device_xy: np.ndarray, distance: float) -> list[tuple[float, float, int]]:
    """Points grouped on screen: each joins the first group whose centre is within `distance` px,
    then groups closer than 0.6 x `distance` (their discs would overlap) merge: (centre x,
    centre y, how many) per group."""
    groups: list[list[float]] = []  # sum x, sum y, n
    limit = distance * distance
    for x, y in device_xy.tolist():
        for g in groups:
            dx, dy = g[0] / g[2] - x, g[1] / g[2] - y
            if dx * dx + dy * dy < limit:
                g[0] += x
                g[1] += y
                g[2] += 1
                break
        else:
            groups.append([x, y, 1])
    limit = (0.6 * distance) ** 2  # then only groups whose discs would overlap merge
    merged = True
    while merged:
        merged = False
        for i in range(len(groups)):
            for j in range(i + 1, len(groups)):
                a, b = groups[i], groups[j]
                dx, dy = a[0] / a[2] - b[0] / b[2], a[1] / a[2] - b[1] / b[2]
                if dx * dx + dy * dy < limit:
                    a[0], a[1], a[2] = a[0] + b[0], a[1] + b[1], a[2] + b[2]
                    del groups[j]
                    merged = True
                    break
            if merged:
                break
    return [(g[0] / g[2], g[1] / g[2], int(g[2])) for g in groups]


def cluster_radius(count: int) -> float:
    """A disc's radius in px for `count` landmarks: small, so the ground shows round it."""
    return float(min(7.0 + 1.2 * np.log2(max(count, 2)), 13.0))


def paint_cluster(painter: QPainter, centre: QPointF, count: int, scale: float = 1.0) -> None:
    """A disc giving how many landmarks it stands for (device pixels)."""
    radius = cluster_radius(count) * scale
    painter.save()
    painter.setPen(QPen(QColor(255, 255, 255, 200), 1.2 * scale))
    painter.setBrush(QColor(34, 34, 34, 170))
    painter.drawEllipse(centre, radius, radius)
    font = QFont(FAMILY)
    font.setPixelSize(max(7, round(radius * 1.05)))
    font.setBold(True)
    painter.setFont(font)
    painter.setPen(QColor("white"))
    painter.drawText(
        QRectF(centre.x() - radius, centre.y() - radius, 2 * radius, 2 * radius),
        Qt.AlignmentFlag.AlignCenter,
        str(count),
    )
    painter.restore()


def build_layer(basemap: Basemap) -> LayerDrawing:
    layer = basemap.layer
    damage = layer_role(basemap) == "damage"
    features = basemap.features
    geometries = np.array([f.geometry for f in features], dtype=object)
    types = shapely.get_type_id(geometries) if len(geometries) else np.zeros(0, int)
    points: list[np.ndarray] = []
    point_schematic: list[bool] = []
    point_key: list[bool] = []
    lines: dict[bool, list[np.ndarray]] = {False: [], True: []}
    water: list[np.ndarray] = []
    labels: list[MapLabel] = []
    single = np.flatnonzero(types == POINT)  # Points: all coordinates in one call
    if len(single):
        points.extend(shapely.get_coordinates(geometries[single]))
        point_schematic.extend(features[i].schematic for i in single)
        point_key.extend(features[i].kind in KEY_KINDS for i in single)
    for i in np.flatnonzero(types != POINT):
        feature = features[i]
        g = feature.geometry
        kind = g.geom_type
        if kind == "MultiPoint":
            for xy in shapely.get_coordinates(g):
                points.append(xy)
                point_schematic.append(feature.schematic)
                point_key.append(feature.kind in KEY_KINDS)
        elif kind in ("LineString", "MultiLineString"):
            parts = [shapely.get_coordinates(part) for part in shapely.get_parts(g)]
            if feature.kind == "river":
                water.extend(parts)
                labels.extend(_river_labels(feature, layer.id))
            else:
                lines[feature.schematic].extend(parts)
        elif kind in ("Polygon", "MultiPolygon"):
            lines[feature.schematic].extend(polygon_rings(g))
    if not damage:
        for feature, kind in zip(features, types, strict=True):
            if kind in (POINT, MULTIPOINT) and (feature.name_en or feature.name_ar):
                x, y = shapely.get_coordinates(feature.geometry)[0]
                priority, min_scale = KEY_KINDS.get(
                    feature.kind, (0.5, 0.0 if feature.schematic else DETAIL_SCALE)
                )
                name = feature.name_en.split(",")[0] if feature.kind == "gate" else feature.name_en
                labels.append(
                    MapLabel(
                        name, feature.name_ar, QPointF(x, -y), priority, min_scale, layer.id, True
                    )
                )
    xy = np.array(points).reshape(-1, 2)
    schematic = np.array(point_schematic, dtype=bool)
    key = np.array(point_key, dtype=bool)
    surveyed = xy[~schematic]
    groupable = np.zeros((0, 2))
    if not damage:
        groupable = surveyed[~key[~schematic]] * [1.0, -1.0]  # scene coordinates
    return LayerDrawing(
        layer.id,
        lines_path(lines[False]),
        lines_path(lines[True]),
        polygon(surveyed),
        polygon(xy[schematic]),
        damage,
        labels,
        lines_path(water),
        groupable,
        polygon(surveyed[key[~schematic]]),
    )


def _river_labels(feature, layer_id: str) -> list[MapLabel]:
    """The river's name at a few places along it; the first that fits the view is placed (one
    label per name)."""
    line = shapely.line_merge(feature.geometry)
    result = []
    for n, fraction in enumerate(RIVER_LABEL_AT):
        point = shapely.line_interpolate_point(line, fraction, normalized=True)
        priority, min_scale = RIVER_LABEL
        result.append(
            MapLabel(
                feature.name_en,
                feature.name_ar,
                QPointF(point.x, -point.y),
                priority - n * 0.01,
                min_scale,
                layer_id,
                True,
            )
        )
    return result
