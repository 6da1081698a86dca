"""The real app in a subprocess on an Xvfb display (xcb), screenshotting itself after the first frame."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage

REBEL = QColor("#2e8b57")
REGIME = QColor("#c0392b")


def _free_display() -> int:
    for n in range(91, 140):
        if not Path(f"/tmp/.X{n}-lock").exists() and not Path(f"/tmp/.X11-unix/X{n}").exists():
            return n
    pytest.skip("no free X display number")


@pytest.fixture
def xvfb_display():
    binary = shutil.which("Xvfb")
    if binary is None:
        pytest.skip("Xvfb is not installed (dev.sh / CI install it with apt)")
    n = _free_display()
    process = subprocess.Popen(
        [binary, f":{n}", "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 20
    while not Path(f"/tmp/.X11-unix/X{n}").exists():
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.skip("Xvfb did not start")
        time.sleep(0.1)
    yield f":{n}"
    process.terminate()
    try:
        process.wait(10)
    except subprocess.TimeoutExpired:
        process.kill()


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
