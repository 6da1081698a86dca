"""Sweeps cut in numpy (core/cutting.py) draw as the GEOS overlays they replace: the bundled map at
1920x1080 at the two moments when the most areas are being swept, once with every step cut by
numpy where it can and once with every step left to GEOS's clipping, compared pixel by pixel."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from PySide6.QtCore import QSize

from aleppo_desktop.core import frames
from aleppo_desktop.core.cutting import cut_polygons
from aleppo_desktop.core.frames import FrameBuilder
from aleppo_desktop.core.scenario import Scenario
from aleppo_desktop.render.offscreen import render_map_image
from aleppo_desktop.render.scene import MapScene
from tests.render.conftest import NO_OVERLAYS


def _none_simple(*args):
    """`cut_polygons` leaving every step to the caller (GEOS), as before the numpy cuts."""
    result = cut_polygons(*args)
    none = np.zeros(0, dtype=np.intp)
    return dataclasses.replace(
        result,
        simple=np.zeros_like(result.simple),
        ring_piece=none,
        ring_polygon=none,
        ring_shell=np.zeros(0, dtype=bool),
        ring_lengths=none,
        ring_coords=np.zeros((0, 2)),
        cut_row=none,
        cut_coords=np.zeros((0, 2)),
    )


def _pixels(scene: MapScene, frame) -> np.ndarray:
    image = render_map_image(scene, frame, QSize(1920, 1080), None, NO_OVERLAYS)
    bits = image.constBits()
    return np.frombuffer(bits, np.uint8).reshape(1080, image.bytesPerLine())[:, : 1920 * 4].copy()


def _busiest(aleppo: Scenario, count: int) -> list[float]:
    """Middles of sweeps at which the most areas are being swept."""
    builder = aleppo.frames
    middles = sorted({(tr.window_start + tr.day) / 2 for tr in builder.transitions})
    return sorted(middles, key=lambda t: -len(builder.active_transitions(t)))[:count]


@pytest.mark.slow  # four 1080p pictures and two builders' sweeps: ~3 s, more on a busy machine
def test_swept_areas_draw_as_with_geos_overlays(
    aleppo: Scenario, monkeypatch: pytest.MonkeyPatch
) -> None:
    scene = MapScene(aleppo)
    times = _busiest(aleppo, 2)
    ours = FrameBuilder(aleppo)
    drawn = [_pixels(scene, ours.frame_at(t)) for t in times]
    monkeypatch.setattr(frames, "cut_polygons", _none_simple)
    geos = FrameBuilder(aleppo)
    for t, mine in zip(times, drawn, strict=True):
        frame = geos.frame_at(t)
        assert len(frame.pieces) >= 6  # three areas or more being swept
        theirs = _pixels(scene, frame)
        differ = np.abs(mine.astype(int) - theirs.astype(int))
        # the same shapes (identical when this was written): at most an antialiasing level on a
        # few edge pixels may differ; a wrong side, a lost hole or part changes whole areas
        assert np.count_nonzero(differ) <= 1e-4 * differ.size
        assert differ.max() <= 2
