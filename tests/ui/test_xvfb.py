"""The real app in a subprocess on an Xvfb display (xcb), screenshotting itself after the first frame."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import shapely
from PySide6.QtGui import QColor, QImage

from aleppo_desktop.core.geometry import to_map
from tests.conftest import COLS, LAT0, LON0, ROWS, STEP, run_app_screenshot

REBEL = QColor("#2e8b57")
REGIME = QColor("#c0392b")
YPG = QColor("#e1b12c")


def _screen_point(placement: dict, lon: float, lat: float) -> tuple[int, int]:
    """Where a map point is on the screenshot, from the placement the app wrote beside it."""
    p = to_map(shapely.Point(lon, lat))
    (ox, oy), (sx, sy), (dx, dy) = placement["origin"], placement["scale"], placement["offset"]
    return round(ox + p.x * sx + dx), round(oy - p.y * sy + dy)


def _close(got: QColor, want: QColor, tolerance: int = 3) -> bool:
    return all(
        abs(a - b) <= tolerance for a, b in zip(got.getRgb()[:3], want.getRgb()[:3], strict=True)
    )


@pytest.mark.xvfb
def test_real_app_under_xvfb_draws_the_map(
    xvfb_display: str, grid_path: Path, tmp_path: Path
) -> None:
    shot = tmp_path / "screen.png"
    result = run_app_screenshot(xvfb_display, grid_path, shot, tmp_path)
    assert shot.is_file(), result.stderr[-3000:]
    image = QImage(str(shot))
    assert image.width() == 1600 and image.height() == 1000
    placement = json.loads(shot.with_suffix(".json").read_text(encoding="utf-8"))
    # at the period start columns 0-1 are regime, 2-3 rebel, and cell 23 (top right) YPG; sample
    # each cell a quarter of the way in from its corner (clear of the name labels in the middle)
    for r in range(ROWS):
        for c in range(COLS):
            want = YPG if (r, c) == (2, 3) else REGIME if c < 2 else REBEL
            for fx, fy in ((0.25, 0.25), (0.75, 0.25), (0.25, 0.75), (0.75, 0.75)):
                x, y = _screen_point(placement, LON0 + (c + fx) * STEP, LAT0 + (r + fy) * STEP)
                got = image.pixelColor(x, y)
                assert _close(got, want), (r, c, fx, fy, got.name(), want.name())
