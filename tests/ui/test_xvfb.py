"""The real app in a subprocess on an Xvfb display (xcb), screenshotting itself after the first frame."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage

REBEL = QColor("#2e8b57")
REGIME = QColor("#c0392b")


def _count_close(image: QImage, colour: QColor, tolerance: int = 14) -> int:
    count = 0
    for y in range(0, image.height(), 8):
        for x in range(0, image.width(), 8):
            c = image.pixelColor(x, y)
            if (
                abs(c.red() - colour.red()) <= tolerance
                and abs(c.green() - colour.green()) <= tolerance
                and abs(c.blue() - colour.blue()) <= tolerance
            ):
                count += 1
    return count


@pytest.mark.xvfb
def test_real_app_under_xvfb_draws_the_map(
    xvfb_display: str, grid_path: Path, tmp_path: Path
) -> None:
    shot = tmp_path / "screen.png"
    env = dict(os.environ)
    env.update(
        DISPLAY=xvfb_display,
        QT_QPA_PLATFORM="xcb",
        ALEPPO_DESKTOP_SCREENSHOT=str(shot),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        HOME=str(tmp_path),
    )
    env.pop("WAYLAND_DISPLAY", None)
    result = subprocess.run(
        [sys.executable, "-m", "aleppo_desktop", str(grid_path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert shot.is_file(), result.stderr[-3000:]
    image = QImage(str(shot))
    assert image.width() == 1600 and image.height() == 1000
    # at the period start the grid is half regime (columns 0-1), half rebel (columns 2-3)
    regime, rebel = _count_close(image, REGIME), _count_close(image, REBEL)
    assert regime > 500 and rebel > 500, (regime, rebel)
    assert 0.5 < regime / rebel < 2.0
