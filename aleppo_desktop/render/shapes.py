"""Geometry to Qt: QPainterPaths and polygons from numpy rings in the map CRS, y flipped.

Scene coordinates are (x, -y) of the map CRS (UTM 37N), so one scene unit is one metre and north is up.
Paths are built once (per area, per sweep step, per basemap layer) and cached by their owners.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

import numpy as np
import shiboken6
from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainterPath, QPen, QPolygonF, QTransform


def polygon(xy: np.ndarray) -> QPolygonF:
    """The points (x, -y) as a QPolygonF, written through a numpy view of its memory (one copy,
    not a QPointF per vertex: ~10x faster on the rings and fronts built while scrubbing)."""
    xy = np.asarray(xy, dtype=float).reshape(-1, 2)
    result = QPolygonF()
    if len(xy):
        result.resize(len(xy))
        # the stubs type data() as a QPointF and VoidPtr as one argument: it is the address
        memory: Any = cast(Any, shiboken6.VoidPtr)(result.data(), 16 * len(xy), True)  # 2 doubles
        points = np.frombuffer(memory, np.float64).reshape(-1, 2)
        points[:, 0] = xy[:, 0]
        np.negative(xy[:, 1], out=points[:, 1])
    return result


def rings_path(rings: Sequence[np.ndarray]) -> QPainterPath:
    """One odd-even filled path from polygon rings (map CRS), y flipped."""
    path = QPainterPath()
    path.setFillRule(Qt.FillRule.OddEvenFill)
    for ring in rings:
        if len(ring) >= 3:
            path.addPolygon(polygon(ring))
            path.closeSubpath()
    return path


def lines_path(lines: Sequence[np.ndarray]) -> QPainterPath:
    """One path of separate polylines (map CRS), y flipped."""
    path = QPainterPath()
    for line in lines:
        if len(line) >= 2:
            path.addPolygon(polygon(line))
    return path


def cosmetic_pen(colour: QColor, width: float, style: Qt.PenStyle = Qt.PenStyle.SolidLine) -> QPen:
    """A pen whose width is in device pixels whatever the zoom."""
    pen = QPen(colour, width, style)
    pen.setCosmetic(True)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    return pen


def fit_rect(source: QRectF, size: QSize) -> QRectF:
    """`source` grown to the aspect ratio of `size`, centred (so metres per pixel is the same both ways)."""
    aspect = size.width() / max(size.height(), 1)
    w, h = source.width(), source.height()
    if w / max(h, 1e-9) < aspect:
        w = h * aspect
    else:
        h = w / aspect
    c = source.center()
    return QRectF(c.x() - w / 2, c.y() - h / 2, w, h)


def view_transform(source: QRectF, size: QSize) -> QTransform:
    """Scene -> pixel transform that shows `source` (already of the size's aspect) in `size`."""
    scale = size.width() / source.width()
    return QTransform.fromScale(scale, scale).translate(-source.left(), -source.top())
