"""The front is stroked only where it can paint (`MapScene._front_in`): strips of a picture and
views zoomed in give the pixels of stroking every front line, and leave lines out."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPainter, QTransform

from aleppo_desktop.core.loading import load_scenario
from aleppo_desktop.paths import bundled_scenario_path
from aleppo_desktop.render.scene import MapScene


def test_culled_fronts_paint_the_pixels_of_the_whole_front(qapp, monkeypatch) -> None:
    scenario = load_scenario(bundled_scenario_path())
    scene = MapScene(scenario)
    width, height = 640, 400
    centre = scene.city_rect.center()
    culled = MapScene._front_in

    def every_line(self, frame, transform, target, pen_width):
        return [self._line(line) for line in frame.front_polylines() if len(line) >= 2]

    rng = np.random.default_rng(4)
    left_out = 0
    for t in np.linspace(scenario.start, scenario.end, 5)[1:]:
        frame = scenario.frame_at(float(t))
        for scale in (1 / 8, 1 / 2, 1.5):
            dx, dy = rng.normal(0, 600, 2)
            transform = (
                QTransform.fromTranslate(width / 2, height / 2)
                .scale(scale, scale)
                .translate(-centre.x() - dx, -centre.y() - dy)
            )
            d = float(rng.integers(3, 120))  # the bands a pan exposes, and the whole picture
            for target in (
                QRectF(0, 0, width, height),
                QRectF(0, 0, d, height),
                QRectF(0, height - d, width, d),
            ):
                drawn = []
                for front_in in (every_line, culled):
                    monkeypatch.setattr(MapScene, "_front_in", front_in)
                    image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
                    image.fill(0)
                    painter = QPainter(image)
                    scene.paint_content(painter, transform, target, frame)
                    painter.end()
                    drawn.append(np.frombuffer(image.constBits(), np.uint32).copy())
                assert np.array_equal(drawn[0], drawn[1]), (t, scale, target)
                monkeypatch.setattr(MapScene, "_front_in", culled)
                kept = scene._front_in(frame, transform, target, 5.2)
                left_out += len(every_line(scene, frame, transform, target, 5.2)) - len(kept)
    assert left_out > 0  # the test saw lines culled


def kept_one_by_one(lines, transform, target, pen_width) -> list[int]:
    """The lines `_front_in` keeps, tested one at a time: those with a segment whose box meets
    the target grown by the pen's reach."""
    inverse, _ = transform.inverted()
    margin = pen_width + 2.0
    near = inverse.mapRect(target.adjusted(-margin, -margin, margin, margin))
    left, right, top, bottom = near.left(), near.right(), -near.bottom(), -near.top()
    kept = []
    for i, line in enumerate(lines):
        x0, x1 = np.minimum(line[:-1, 0], line[1:, 0]), np.maximum(line[:-1, 0], line[1:, 0])
        y0, y1 = np.minimum(line[:-1, 1], line[1:, 1]), np.maximum(line[:-1, 1], line[1:, 1])
        if ((x1 >= left) & (x0 <= right) & (y1 >= top) & (y0 <= bottom)).any():
            kept.append(i)
    return kept


def test_culling_tests_every_line_at_once_as_one_by_one(qapp) -> None:
    """All lines are tested in a few array calls: the same lines kept, in order, as testing
    each segment of each line (views, strips and lines wholly in, wholly out and across)."""
    scenario = load_scenario(bundled_scenario_path())
    scene = MapScene(scenario)
    centre = scene.city_rect.center()
    rng = np.random.default_rng(9)
    seen = set()
    for t in np.linspace(scenario.start, scenario.end, 9)[1:]:
        frame = scenario.frame_at(float(t))
        lines = [line for line in frame.front_polylines() if len(line) >= 2]
        for _ in range(12):
            scale = float(rng.choice([1 / 16, 1 / 4, 1.0, 4.0]))
            dx, dy = rng.normal(0, 1500, 2)
            transform = (
                QTransform.fromTranslate(320, 200)
                .scale(scale, scale)
                .translate(-centre.x() - dx, -centre.y() - dy)
            )
            d = float(rng.integers(2, 200))
            for target in (
                QRectF(0, 0, 640, 400),
                QRectF(0, 0, d, 400),
                QRectF(0, 400 - d, 640, d),
            ):
                kept = scene._front_in(frame, transform, target, 5.2)
                expected = kept_one_by_one(lines, transform, target, 5.2)
                assert [id(line) for line in kept] == [id(scene._line(lines[i])) for i in expected]
                seen.add((len(expected) == 0, len(expected) == len(lines)))
    assert seen == {(True, False), (False, True), (False, False)}  # none, all and some kept
