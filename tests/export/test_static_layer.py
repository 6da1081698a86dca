"""Exports keep the static picture (outlines, basemap, labels) and the whole-area fills between
frames, and draw the same as without those caches."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QSize

from aleppo_desktop.core.scenario import Scenario
from aleppo_desktop.export.render import ExportRenderer
from aleppo_desktop.render.offscreen import StaticLayer, render_map_image
from aleppo_desktop.render.scene import FillLayer
from aleppo_desktop.render.theme import HIGH_CONTRAST

SIZE = QSize(480, 270)


def pixels(image) -> np.ndarray:
    bits = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.bytesPerLine())
    return bits[:, : image.width() * 4].astype(int)


def assert_same_picture(a, b) -> None:
    """Equal but for rounding: translucent static strokes (halos, water) composited on a
    transparent layer first, as the window does, differ from drawing them in place by <= 3 of 255."""
    assert np.abs(pixels(a) - pixels(b)).max() <= 3


def draw(renderer: ExportRenderer, t: float, size: QSize = SIZE, **caches):
    """The renderer's map at t, its overlays sized for the picture, through `render_map_image`
    (with the `static` and `fills` caches given)."""
    overlays = renderer.overlays(t, None, size.height())
    return render_map_image(renderer.scene, renderer.frame(t), size, None, overlays, **caches)


def test_cached_static_layer_draws_what_drawing_it_each_frame_draws(
    grid: Scenario, qt_fonts
) -> None:
    renderer = ExportRenderer(grid)
    for t in (grid.start + 0.5, grid.start + 6.5, grid.end - 1):
        assert_same_picture(renderer.render(t, SIZE), draw(renderer, t))


def test_static_layer_is_kept_across_frames_and_redrawn_when_the_look_changes(
    grid: Scenario, qt_fonts
) -> None:
    renderer = ExportRenderer(grid)
    static = StaticLayer()
    scene = renderer.scene
    for t in (grid.start + 1.5, grid.start + 7.5):
        draw(renderer, t, static=static)
    first = static._image
    draw(renderer, grid.end, static=static)
    assert static._image is first  # a new frame, the same view: no redraw
    scene.apply_theme(HIGH_CONTRAST)
    after = draw(renderer, grid.end, static=static)
    assert static._image is not first
    assert_same_picture(after, draw(renderer, grid.end))
    draw(renderer, grid.end, QSize(320, 180), static=static)
    assert static._image.size() == QSize(320, 180)  # another size: redrawn at that size


def test_fill_layer_is_redrawn_when_a_sweep_starts_not_at_its_steps(
    grid: Scenario, qt_fonts
) -> None:
    renderer = ExportRenderer(grid)
    fills = FillLayer()
    sweep = grid.frames.transitions[0]
    inside = [sweep.window_start + f * (sweep.day - sweep.window_start) for f in (0.1, 0.5, 0.9)]
    before = sweep.window_start - 0.25
    images = []
    for t in (before, *inside):
        cached, direct = draw(renderer, t, fills=fills), draw(renderer, t)
        assert np.array_equal(pixels(cached), pixels(direct))  # the same calls: exactly equal
        images.append(fills.redraws)
    assert images[1] == images[0] + 1  # the swept area left the whole-area fills
    assert images[1] == images[2] == images[3]  # its steps draw over the same fills
