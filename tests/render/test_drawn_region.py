"""`drawn_region`: a mostly transparent picture blended only where anything is drawn gives the
pixels of blending it all."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRect, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPen

from aleppo_desktop.render.scene import drawn_region


def pixels(image: QImage) -> np.ndarray:
    data = np.frombuffer(image.constBits(), np.uint8, image.sizeInBytes())
    return data.reshape(image.height(), image.bytesPerLine()).copy()


def test_blending_within_the_drawn_region_gives_the_same_pixels() -> None:
    picture = QImage(641, 359, QImage.Format.Format_ARGB32_Premultiplied)  # not whole tiles
    picture.fill(Qt.GlobalColor.transparent)
    painter = QPainter(picture)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor(70, 70, 70, 150), 1.3))
    painter.drawLine(QPointF(3.5, 10.2), QPointF(630.7, 340.1))
    painter.drawEllipse(QPointF(200, 120), 90, 40)
    painter.setPen(QPen(QColor(0, 0, 255, 1), 1))  # barely visible: still drawn
    painter.drawPoint(640, 358)
    painter.end()
    region = drawn_region(picture)
    area = sum(r.width() * r.height() for r in region)
    assert area < 0.3 * picture.width() * picture.height()
    assert region.contains(QRect(640, 358, 1, 1)) and not region.contains(QRect(600, 20, 1, 1))
    ground = np.random.default_rng(3).integers(0, 2**24, (400, 700), dtype=np.uint32)
    results = []
    for clipped in (False, True):
        under = QImage(700, 400, QImage.Format.Format_RGB32)
        view = np.frombuffer(under.bits(), np.uint32, under.sizeInBytes() // 4)
        view.reshape(400, under.bytesPerLine() // 4)[:, :700] = ground | 0xFF000000
        painter = QPainter(under)
        if clipped:
            painter.setClipRegion(region.translated(20, 30))
        painter.drawImage(20, 30, picture)
        painter.end()
        results.append(pixels(under))
    assert np.array_equal(results[0], results[1])


def test_the_region_is_every_tile_with_a_pixel_of_any_alpha() -> None:
    """Against a pixel-by-pixel reference: single pixels of alpha 1 at tile edges, in the last
    partial band and column, and colour without alpha (cannot be premultiplied, not drawn)."""
    width, height, tile = 83, 45, 16
    picture = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    view = np.frombuffer(picture.bits(), np.uint32, picture.sizeInBytes() // 4)
    argb = view.reshape(height, picture.bytesPerLine() // 4)[:, :width]
    argb[:] = 0x00FFFFFF  # no alpha: nothing drawn
    rng = np.random.default_rng(5)
    spots = [(0, 0), (15, 16), (16, 15), (44, 82), (33, 80), (40, 3)]
    spots += [tuple(int(v) for v in rng.integers(0, (height, width))) for _ in range(4)]
    for y, x in spots:
        argb[y, x] = 0x01000000
    region = drawn_region(picture, tile)
    for ty in range(0, height, tile):
        for tx in range(0, width, tile):
            drawn = bool((argb[ty : ty + tile, tx : tx + tile] >> 24).any())
            assert region.contains(QRect(tx, ty, 1, 1)) == drawn, (tx, ty)
