"""Exports keep the static picture (outlines, basemap, labels) between frames and draw the same."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QSize

from aleppo_desktop.core.scenario import Scenario
from aleppo_desktop.export.render import ExportRenderer
from aleppo_desktop.render.offscreen import StaticLayer, render_map_image
from aleppo_desktop.render.theme import HIGH_CONTRAST

SIZE = QSize(480, 270)


def pixels(image) -> np.ndarray:
    bits = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.bytesPerLine())
    return bits[:, : image.width() * 4].copy()


def test_cached_static_layer_draws_what_drawing_it_each_frame_draws(
    grid: Scenario, qt_fonts
) -> None:
    renderer = ExportRenderer(grid)
    for t in (grid.start + 0.5, grid.start + 6.5, grid.end - 1):
        overlays = renderer.overlays(t, None, SIZE.height())
        direct = render_map_image(renderer.scene, renderer.frame(t), SIZE, None, overlays)
        assert np.array_equal(pixels(renderer.render(t, SIZE)), pixels(direct))


def test_static_layer_is_kept_across_frames_and_redrawn_when_the_look_changes(
    grid: Scenario, qt_fonts
) -> None:
    renderer = ExportRenderer(grid)
    static = StaticLayer()
    scene = renderer.scene
    for t in (grid.start + 1.5, grid.start + 7.5):
        render_map_image(
            scene, renderer.frame(t), SIZE, None, renderer.overlays(t, None, 270), static=static
        )
    first = static._image
    render_map_image(
        scene,
        renderer.frame(grid.end),
        SIZE,
        None,
        renderer.overlays(grid.end, None, 270),
        static=static,
    )
    assert static._image is first  # a new frame, the same view: no redraw
    scene.apply_theme(HIGH_CONTRAST)
    after = render_map_image(
        scene,
        renderer.frame(grid.end),
        SIZE,
        None,
        renderer.overlays(grid.end, None, 270),
        static=static,
    )
    assert static._image is not first
    assert np.array_equal(
        pixels(after),
        pixels(
            render_map_image(
                scene, renderer.frame(grid.end), SIZE, None, renderer.overlays(grid.end, None, 270)
            )
        ),
    )
    render_map_image(
        scene,
        renderer.frame(grid.end),
        QSize(320, 180),
        None,
        renderer.overlays(grid.end, None, 180),
        static=static,
    )
    assert static._image.size() == QSize(320, 180)  # another size: redrawn at that size
