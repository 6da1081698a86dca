"""The fill picture repaints only the areas whose fill changed, and gives the pixels of a full
redraw: random jumps through the bundled campaign, one picture kept against a new one each time."""

from __future__ import annotations

import random

import numpy as np
from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QTransform

from aleppo_desktop.core.loading import load_scenario
from aleppo_desktop.paths import bundled_scenario_path
from aleppo_desktop.render.scene import FillLayer, MapScene
from aleppo_desktop.render.shapes import fit_rect, view_transform


def pixels(image) -> np.ndarray:
    data = np.frombuffer(image.constBits(), np.uint8, image.sizeInBytes())
    return data.reshape(image.height(), image.bytesPerLine()).copy()


def city_view(scene: MapScene) -> tuple[QRectF, QTransform]:
    """A 480x270 picture and the transform fitting the city into it, centred."""
    size = QSize(480, 270)
    return QRectF(0, 0, 480, 270), view_transform(fit_rect(scene.city_rect, size), size)


def test_updated_picture_equals_a_full_redraw(qapp, monkeypatch) -> None:
    scenario = load_scenario(bundled_scenario_path())
    scene = MapScene(scenario)
    target, transform = city_view(scene)
    kept = FillLayer()
    shares = []
    update = FillLayer._update

    def counted(self, scene, codes, changed, *args) -> None:
        shares.append(len(changed) / len(codes))
        update(self, scene, codes, changed, *args)

    monkeypatch.setattr(FillLayer, "_update", counted)
    rng = random.Random(7)
    times = [rng.uniform(scenario.start, scenario.end) for _ in range(12)]
    times += [times[-1] + 0.05 * i for i in range(1, 12)]  # played on: a few areas at a time
    times += [scenario.start + 1, scenario.end - 1, scenario.start + 1]  # over half of them
    for t in times:
        frame = scenario.frame_at(t)
        updated = kept.image(scene, frame, transform, target, 1.0)
        fresh = FillLayer().image(scene, frame, transform, target, 1.0)
        assert np.array_equal(pixels(updated), pixels(fresh)), t
    assert kept.redraws < len(times)  # frames with the same fills repaint nothing
    assert max(shares) > 0.5  # a jump across the campaign is an update too (cheaper: see scene)


def test_updated_picture_equals_a_full_redraw_under_translucent_fills(qapp) -> None:
    """A style whose ground is not opaque does not cover the old fill: its areas are cleared to
    the background first, as in a full redraw."""
    from PySide6.QtGui import QBrush, QColor

    scenario = load_scenario(bundled_scenario_path())
    scene = MapScene(scenario)
    for style, (base, pattern) in list(scene.brushes.items()):
        colour = QColor(base.color())
        colour.setAlpha(150 if style[0] % 2 else 255)
        scene.brushes[style] = (QBrush(colour), pattern)
    target, transform = city_view(scene)
    kept = FillLayer()
    rng = random.Random(8)
    times = [rng.uniform(scenario.start, scenario.end) for _ in range(10)]
    for t in [*times, scenario.start + 1, scenario.end - 1, scenario.start + 1]:
        frame = scenario.frame_at(t)
        updated = kept.image(scene, frame, transform, target, 1.0)
        fresh = FillLayer().image(scene, frame, transform, target, 1.0)
        assert np.array_equal(pixels(updated), pixels(fresh)), t
