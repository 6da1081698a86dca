"""Labels are laid out once per zoom and only moved by a pan; on raster pictures they are drawn as
cached sprites that cover the pixels their glyph paths would."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QImage, QPainter, QTransform

from aleppo_desktop.render.offscreen import default_view
from aleppo_desktop.render.scene import MapScene
from aleppo_desktop.render.shapes import fit_rect, view_transform
from aleppo_desktop.render.theme import HIGH_CONTRAST, STANDARD

SIZE = QSize(1280, 720)
TARGET = QRectF(0, 0, SIZE.width(), SIZE.height())


def city_view(scene: MapScene) -> QTransform:
    return view_transform(fit_rect(default_view(scene), SIZE), SIZE)


def panned(transform: QTransform, dx: float, dy: float) -> QTransform:
    return transform * QTransform.fromTranslate(dx, dy)


def pixels(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format.Format_ARGB32)
    data = np.frombuffer(image.constBits(), np.uint8, image.sizeInBytes())
    rows = data.reshape(image.height(), image.bytesPerLine())[:, : image.width() * 4]
    return rows.reshape(image.height(), image.width(), 4).copy()  # the image goes with the call


def labels_image(scene: MapScene, layout, sprites: bool) -> QImage:
    """The labels over a white picture, as sprites or (forced) as glyph paths."""
    image = QImage(SIZE, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    if sprites:
        scene.labels.paint(painter, layout, scene.theme)
    else:
        theme = scene.theme
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for i, centre in layout:
            glyphs = scene.labels.glyphs(i, theme)
            colour = theme.landmark_label if scene.labels.labels[i].landmark else theme.label
            painter.translate(centre)
            painter.fillPath(glyphs.halo, theme.label_halo)
            painter.fillPath(glyphs.text, colour)
            painter.translate(-centre)
    painter.end()
    return image


@pytest.mark.parametrize("theme", [STANDARD, HIGH_CONTRAST])
def test_sprites_cover_the_pixels_of_the_paths(scene: MapScene, theme) -> None:
    scene.apply_theme(theme)
    layout = scene.label_layout(city_view(scene), TARGET)
    assert len(layout) > 20
    assert all(c.x() == round(c.x()) and c.y() == round(c.y()) for _, c in layout)
    sprites, paths = (
        pixels(labels_image(scene, layout, True)),
        pixels(labels_image(scene, layout, False)),
    )
    difference = np.abs(sprites.astype(int) - paths.astype(int))
    inked = (paths[..., :3] < 250).any(axis=-1)
    assert inked.sum() > 5000  # the names are there
    assert difference.max() <= 2  # 8-bit rounding of the halo under the text, nothing else


def test_a_pan_moves_the_labels_with_the_map(scene: MapScene) -> None:
    """The zoom's layout is the same wherever the view is: a label shown before and after a pan
    moves by the pan, and a fresh scene lays the panned view out the same."""
    view = city_view(scene)
    before = dict(scene.label_layout(view, TARGET))
    moved = panned(view, -237.0, 64.0)
    after = dict(scene.label_layout(moved, TARGET))
    both = before.keys() & after.keys()
    assert len(both) > 10 and after.keys() != before.keys()
    for i in both:
        assert after[i] - before[i] == QPointF(-237.0, 64.0)
    fresh = MapScene(scene.scenario)
    assert fresh.label_layout(moved, TARGET) == tuple(after.items())
    for i, centre in after.items():  # none cut at the edges
        assert TARGET.contains(scene.labels.glyphs(i, scene.theme).rect.translated(centre))


def test_a_box_over_the_map_hides_only_the_labels_under_it(scene: MapScene) -> None:
    view = city_view(scene)
    free = scene.label_layout(view, TARGET)
    i, centre = free[len(free) // 2]
    box = scene.labels.glyphs(i, scene.theme).rect.translated(centre)
    around = scene.label_layout(view, TARGET, [box])
    assert i not in dict(around)
    kept = [(j, (c.x(), c.y())) for j, c in around]
    assert set(kept) < {(j, (c.x(), c.y())) for j, c in free}  # the others stay where they were
    for j, c in around:
        assert not scene.labels.glyphs(j, scene.theme).rect.translated(c).intersects(box)


def test_an_empty_viewport_shows_no_label(scene: MapScene) -> None:
    view = city_view(scene)
    assert scene.label_layout(view, TARGET)
    assert scene.label_layout(view, QRectF()) == ()
    assert scene.label_layout(view, QRectF(100, 100, 0, 50)) == ()


def test_a_zoom_lays_out_afresh(scene: MapScene) -> None:
    view = city_view(scene)
    zoomed = view * QTransform.fromScale(1.6, 1.6) * QTransform.fromTranslate(-400, -200)
    scene.label_layout(view, TARGET)
    layout = scene.label_layout(zoomed, TARGET)
    assert layout == MapScene(scene.scenario).label_layout(zoomed, TARGET)
    assert layout != scene.label_layout(view, TARGET)


def test_the_landmark_groups_move_with_a_pan(scene: MapScene) -> None:
    """Grouped once per zoom: a pan moves the discs (and the labels kept off them) by the pan."""
    landmarks = scene.layer("landmarks")
    view = city_view(scene)
    groups = landmarks.groups(view)
    assert any(n > 1 for _, _, n in groups)
    moved = landmarks.groups(panned(view, 123.0, -45.0))
    assert moved == [(x + 123.0, y - 45.0, n) for x, y, n in groups]
    fresh = MapScene(scene.scenario).layer("landmarks").groups(panned(view, 123.0, -45.0))
    assert fresh == moved
