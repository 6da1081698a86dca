"""The main window on the grid in format 2 (tests/core/format2.py): a region-scoped strength chart,
disputes in the event details and on the timeline, and ground taken within a window of days shown as
uncertain on the map, in its hover text and legend."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel

from aleppo_desktop.core.timeline import day_number
from tests.conftest import write_scenario
from tests.core.format2 import format2_scenario, window_rows


def jul(day: float) -> float:
    return day_number(date(2016, 7, 1)) + day - 1


@pytest.fixture
def grid2_path(tmp_path: Path) -> Path:
    """Regions east (columns 2-3), col3 and all; disputes column-two (on e2, 10-12 Jul) and numbers
    (16-18 Jul, no event); a-03 taken by the regime between 11 and 15 Jul."""
    return write_scenario(tmp_path / "grid2", format2_scenario(), control=window_rows())


@pytest.fixture
def window2(make_window, grid2_path: Path):
    window = make_window(grid2_path)
    window._compute_figures()
    return window


def hover(window, area_id: str) -> str:
    scene = window.map_scene
    rect = scene.area_paths[scene.scenario.area_index[area_id]].boundingRect()
    return window.map_view.hover_text(rect.center())


def test_hover_says_when_ground_was_taken_within_a_window(window2) -> None:
    window2.clock.seek(jul(9))  # before the window: the next change is dated by it
    assert "until between 11 and 15 Jul 2016" in hover(window2, "a-03")
    window2.clock.seek(jul(13))  # during it: still the rebels', drawn uncertain
    text = hover(window2, "a-03").splitlines()
    assert text[1] == "Rebels (المعارضة) — confirmed"
    assert "uncertain: taken by Regime between 11 and 15 Jul 2016" in text
    assert "taken in a window" in text  # the windowed row's note
    window2.clock.seek(jul(16))  # after it: the regime's, and when it was taken
    text = hover(window2, "a-03").splitlines()
    assert text[1] == "Regime (النظام) — contested"
    assert text[2] == "since 15 Jul 2016 (taken between 11 and 15 Jul 2016)"
    assert not any(line.startswith("uncertain") for line in text)


def test_the_window_legend_names_uncertain_ground_while_it_is_on_the_map(window2) -> None:
    window2.clock.seek(jul(13))
    assert window2.map_view.overlays.uncertain
    assert window2.map_view.frame is not None and window2.map_view.frame.uncertain.any()
    window2.clock.seek(jul(16))
    assert not window2.map_view.overlays.uncertain


def test_the_layers_panel_explains_the_dotted_style(window2) -> None:
    notes = [label.text() for label in window2.layers_panel.legend_box.findChildren(QLabel)]
    assert any("dotted: uncertain" in text for text in notes)
