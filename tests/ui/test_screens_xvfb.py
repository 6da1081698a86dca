"""The real app on Xvfb screens of a laptop and a projector: the first window fits the screen (frame
inside it), presentation fills exactly the screen, and with two screens the map goes full-screen
on the projector while the presenter view is on the laptop."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import run_app_screenshot, xvfb

pytestmark = [pytest.mark.xvfb, pytest.mark.slow]


def run_app(display: str, scenario: Path, folder: Path, present: bool) -> dict:
    """Start the app, let it screenshot itself and quit; the placement it wrote beside the PNG."""
    shot = folder / ("present.png" if present else "window.png")
    run_app_screenshot(
        display,
        scenario,
        shot,
        folder,
        SCREENSHOT_AT="10 Jul",
        SCREENSHOT_PRESENT="1" if present else "",
    )
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
    with xvfb(size, numbers=range(300, 400)) as display:
        window = run_app(display, grid_path, tmp_path, present=False)
        assert window["screen"] == [0, 0, width, height]
        assert inside(window["window"], window["available"]), window
        presenting = run_app(display, grid_path, tmp_path, present=True)
    assert presenting["window"] == [0, 0, width, height]
    assert presenting["presenter"] is None  # one screen: no presenter view


def test_two_screens_map_on_the_projector_presenter_view_on_the_laptop(
    grid_path: Path, tmp_path: Path
) -> None:
    with xvfb("1366x768", "1280x720", numbers=range(300, 400)) as display:
        placement = run_app(display, grid_path, tmp_path, present=True)
    assert placement["screens"] == [[0, 0, 1366, 768], [0, 0, 1280, 720]]
    assert placement["screen"] == [0, 0, 1280, 720]  # the map: on the projector, all of it
    assert placement["window"] == [0, 0, 1280, 720]
    presenter = placement["presenter"]
    assert presenter is not None and presenter["screen"] == [0, 0, 1366, 768]
    assert inside(presenter["window"], presenter["screen"])
    assert (tmp_path / "present-presenter.png").is_file()
