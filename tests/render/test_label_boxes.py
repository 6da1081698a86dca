"""Labels are laid out around the boxes over the map grown to a grid (render.scene.on_grid), so a
box that changes size by a few pixels (the date, day after day) lays nothing out again."""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QTransform

from aleppo_desktop.core.loading import load_scenario
from aleppo_desktop.paths import bundled_scenario_path
from aleppo_desktop.render.scene import BOX_GRID_PX, MapScene, on_grid


def test_a_box_grows_to_the_grid_and_holds_while_it_changes_a_little() -> None:
    box = QRectF(1650.5, 40.2, 199.5, 48.0)
    grown = on_grid(box)
    assert grown.contains(box)
    for edge in (grown.left(), grown.top(), grown.right(), grown.bottom()):
        assert edge % BOX_GRID_PX == 0
    assert grown.width() < box.width() + 2 * BOX_GRID_PX
    assert on_grid(QRectF(1650.5, 40.2, 195.0, 48.0)) == grown  # a narrower date, same box


def test_a_slightly_wider_date_box_reuses_the_layout(qapp) -> None:
    scene = MapScene(load_scenario(bundled_scenario_path()))
    viewport = QRectF(0, 0, 1920, 1080)
    rect = scene.city_rect
    k = min(1920 / rect.width(), 1080 / rect.height())
    transform = QTransform(k, 0, 0, k, 960 - k * rect.center().x(), 540 - k * rect.center().y())
    date_box = QRectF(1650.5, 40.2, 199.5, 48.0)
    first = scene.label_layout(transform, viewport, [date_box])
    wider = scene.label_layout(transform, viewport, [date_box.adjusted(0, 0, 5, 0)])
    assert wider is first
    for i, centre in first:
        assert not scene.labels.glyphs(i, scene.theme).rect.translated(centre).intersects(date_box)
