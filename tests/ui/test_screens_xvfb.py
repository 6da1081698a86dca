"""The real app on Xvfb screens of a laptop and a projector: the first window fits the screen (frame
inside it), presentation fills exactly the screen, and with two screens the map goes full-screen
on the projector while the presenter view is on the laptop."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

pytestmark = [pytest.mark.xvfb, pytest.mark.slow]


@contextmanager
def xvfb(*screens: str) -> Iterator[str]:
    """An Xvfb display with one X screen per size ("1366x768"); Qt sees each as a QScreen."""
    binary = shutil.which("Xvfb")
    if binary is None:
        pytest.skip("Xvfb is not installed (dev.sh / CI install it with apt)")
    n = next(
        (
            n
            for n in range(300, 400)
            if not Path(f"/tmp/.X{n}-lock").exists() and not Path(f"/tmp/.X11-unix/X{n}").exists()
        ),
        None,
    )
    if n is None:
        pytest.skip("no free X display number")
    args = [binary, f":{n}", "-nolisten", "tcp"]
    for k, size in enumerate(screens):
        args += ["-screen", str(k), f"{size}x24"]
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 20
    try:
        while not Path(f"/tmp/.X11-unix/X{n}").exists():
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail("Xvfb did not start")
            time.sleep(0.1)
        yield f":{n}"
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()


def run_app(display: str, scenario: Path, folder: Path, present: bool) -> dict:
    """Start the app, let it screenshot itself and quit; the placement it wrote beside the PNG."""
    shot = folder / ("present.png" if present else "window.png")
    env = dict(os.environ)
    env.update(
        DISPLAY=display,
        QT_QPA_PLATFORM="xcb",
        ALEPPO_DESKTOP_SCREENSHOT=str(shot),
        ALEPPO_DESKTOP_SCREENSHOT_AT="10 Jul",
        ALEPPO_DESKTOP_SCREENSHOT_PRESENT="1" if present else "",
        XDG_CONFIG_HOME=str(folder / "config"),
        HOME=str(folder),
    )
    env.pop("WAYLAND_DISPLAY", None)
    result = subprocess.run(
        [sys.executable, "-m", "aleppo_desktop", str(scenario)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(shot.with_suffix(".json").read_text(encoding="utf-8"))


def inside(inner: list[int], outer: list[int]) -> bool:
    x, y, w, h = inner
    ox, oy, ow, oh = outer
    return ox <= x and oy <= y and x + w <= ox + ow and y + h <= oy + oh


@pytest.mark.parametrize("size", ["1280x720", "1366x768"])
def test_the_window_fits_and_presentation_fills_the_screen(
    size: str, grid_path: Path, tmp_path: Path
) -> None:
    width, height = (int(v) for v in size.split("x"))
    with xvfb(size) as display:
        window = run_app(display, grid_path, tmp_path, present=False)
        assert window["screen"] == [0, 0, width, height]
        assert inside(window["window"], window["available"]), window
        presenting = run_app(display, grid_path, tmp_path, present=True)
    assert presenting["window"] == [0, 0, width, height]
    assert presenting["presenter"] is None  # one screen: no presenter view


def test_two_screens_map_on_the_projector_presenter_view_on_the_laptop(
    grid_path: Path, tmp_path: Path
) -> None:
    with xvfb("1366x768", "1280x720") as display:
        placement = run_app(display, grid_path, tmp_path, present=True)
    assert placement["screens"] == [[0, 0, 1366, 768], [0, 0, 1280, 720]]
    assert placement["screen"] == [0, 0, 1280, 720]  # the map: on the projector, all of it
    assert placement["window"] == [0, 0, 1280, 720]
    presenter = placement["presenter"]
    assert presenter is not None and presenter["screen"] == [0, 0, 1366, 768]
    assert inside(presenter["window"], presenter["screen"])
    assert (tmp_path / "present-presenter.png").is_file()
