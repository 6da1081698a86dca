"""Basemap layers as drawings: one path per line style, points in one polygon per style, landmark labels.

A layer's `role` (scenario data) decides its look: "damage" layers are small translucent dots without
labels; other layers are dark lines and dots, schematic features dashed and hollow.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import shapely
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPolygonF

from aleppo_desktop.core.geometry import polygon_rings
from aleppo_desktop.core.scenario import Basemap
from aleppo_desktop.render.labels import MapLabel
from aleppo_desktop.render.shapes import cosmetic_pen, lines_path, polygon
from aleppo_desktop.render.theme import Theme

POINT, MULTIPOINT = 0, 4  # shapely type ids
DAMAGE_DOT = QColor(70, 10, 10, 170)
LANDMARK_DOT = QColor("#222222")


def layer_role(basemap: Basemap) -> str:
    return basemap.layer.role


@dataclass
class LayerDrawing:
    """What one basemap layer draws: line work by style, points by style, and its labels."""

    layer_id: str
    surveyed_lines: QPainterPath
    schematic_lines: QPainterPath
    surveyed_points: QPolygonF
    schematic_points: QPolygonF
    damage: bool
    labels: list[MapLabel]

    def paint(self, painter: QPainter, theme: Theme) -> None:
        """Draw in scene coordinates (the painter carries the scene -> device transform)."""
        if not self.surveyed_lines.isEmpty():
            painter.setPen(cosmetic_pen(theme.basemap, 1.2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(self.surveyed_lines)
        if not self.schematic_lines.isEmpty():
            painter.setPen(cosmetic_pen(theme.basemap, 1.6, Qt.PenStyle.DashLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(self.schematic_lines)
        # round cosmetic points: one call per style, the mapping is done in C++
        colour, size = (DAMAGE_DOT, 3.0) if self.damage else (LANDMARK_DOT, 7.0)
        if not self.surveyed_points.isEmpty():
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


def build_layer(basemap: Basemap) -> LayerDrawing:
    layer = basemap.layer
    damage = layer_role(basemap) == "damage"
    features = basemap.features
    geometries = np.array([f.geometry for f in features], dtype=object)
    types = shapely.get_type_id(geometries) if len(geometries) else np.zeros(0, int)
    points: list[np.ndarray] = []
    point_schematic: list[bool] = []
    lines: dict[bool, list[np.ndarray]] = {False: [], True: []}
    single = np.flatnonzero(types == POINT)  # Points: all coordinates in one call
    if len(single):
        points.extend(shapely.get_coordinates(geometries[single]))
        point_schematic.extend(features[i].schematic for i in single)
    for i in np.flatnonzero(types != POINT):
        feature = features[i]
        g = feature.geometry
        kind = g.geom_type
        if kind == "MultiPoint":
            for xy in shapely.get_coordinates(g):
                points.append(xy)
                point_schematic.append(feature.schematic)
        elif kind in ("LineString", "MultiLineString"):
            lines[feature.schematic].extend(
                shapely.get_coordinates(part) for part in shapely.get_parts(g)
            )
        elif kind in ("Polygon", "MultiPolygon"):
            lines[feature.schematic].extend(polygon_rings(g))
    labels: list[MapLabel] = []
    if not damage:
        for feature, kind in zip(features, types, strict=True):
            if kind in (POINT, MULTIPOINT) and (feature.name_en or feature.name_ar):
                x, y = shapely.get_coordinates(feature.geometry)[0]
                labels.append(
                    MapLabel(
                        feature.name_en, feature.name_ar, QPointF(x, -y), 0.5, 0.0, layer.id, True
                    )
                )
    xy = np.array(points).reshape(-1, 2)
    schematic = np.array(point_schematic, dtype=bool)
    return LayerDrawing(
        layer.id,
        lines_path(lines[False]),
        lines_path(lines[True]),
        polygon(xy[~schematic]),
        polygon(xy[schematic]),
        damage,
        labels,
    )
