"""The ring or outline of an event's place is kept per place, and made again for an edited map."""

from __future__ import annotations

from pathlib import Path

from aleppo_desktop.core.loading import load_scenario
from aleppo_desktop.render.scene import MapScene


def test_the_highlight_is_kept_per_place_and_made_again_after_an_edit(grid_path: Path) -> None:
    scenario = load_scenario(grid_path)
    scene = MapScene(scenario)
    named = next(e for e in scenario.events if e.location and e.location.areas)
    pointed = next(e for e in scenario.events if e.location and e.location.point)
    for event in (pointed, named):
        first = scene.highlight_path(event)
        assert not first.isEmpty()
        assert scene.highlight_path(event) is first  # kept: not projected again
    area = named.location.areas[0]
    ring = scene.highlight_path(named).boundingRect()
    assert ring == scene.area_paths[scenario.area_index[area]].boundingRect()
    scene.show_scenario(scenario)  # an edit (the area units may have changed): made again
    after = scene.highlight_path(named)
    assert after is not first and after.boundingRect() == ring
