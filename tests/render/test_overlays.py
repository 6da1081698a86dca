"""Overlays: scale-bar lengths, and the caption worded by the core's story on screen and in exports."""

from __future__ import annotations

from pathlib import Path

from aleppo_desktop.core.loading import load_scenario
from aleppo_desktop.core.story import caption_at
from aleppo_desktop.render.overlays import nice_length, overlays_for
from aleppo_desktop.render.scene import MapScene


def test_nice_length() -> None:
    assert nice_length(1234) == 1000
    assert nice_length(2600) == 2000
    assert nice_length(7.5) == 5
    assert nice_length(0) == 0


def test_a_caption_brings_its_title_date_and_source(grid_path: Path) -> None:
    scene = MapScene(load_scenario(grid_path))
    t = scene.scenario.start + 9.5  # 10 July, the range event e2 (10-12 July)
    overlays = overlays_for(scene, t, caption_at(scene.scenario, t))
    assert overlays.caption == "Column 2 falls"
    assert overlays.caption_date == "10 Jul 2016 – 12 Jul 2016"
    assert overlays.source_line.startswith("Source: Made up for tests, p2 · Data: Grid test")
    plain = overlays_for(scene, t)
    assert plain.caption == "" and plain.source_line.startswith("Data: Grid test")
    assert [e.name_en for e in overlays.legend] == ["Regime", "Rebels", "YPG"]
