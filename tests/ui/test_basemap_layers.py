"""Basemap layers: surveyed vs schematic drawing, damage points built only when first shown."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

LANDMARKS = {
    "type": "FeatureCollection",
    "features": [
        {
            "type": "Feature",
            "properties": {"name_en": "Tower", "name_ar": "برج"},
            "geometry": {"type": "Point", "coordinates": [37.13, 36.21]},
        },
        {
            "type": "Feature",
            "properties": {"name_en": "Ring road", "name_ar": "", "schematic": True},
            "geometry": {"type": "LineString", "coordinates": [[37.10, 36.19], [37.18, 36.23]]},
        },
    ],
}
DAMAGE = {
    "type": "FeatureCollection",
    "features": [
        {
            "type": "Feature",
            "properties": {},
            "geometry": {"type": "Point", "coordinates": [37.11 + i * 0.001, 36.19]},
        }
        for i in range(50)
    ],
}


@pytest.fixture
def basemap_path(make_scenario, grid_dict) -> Path:
    grid_dict["basemap"] = [
        {"id": "landmarks", "title_en": "Landmarks", "path": "landmarks.geojson", "source": "test"},
        {
            "id": "damage",
            "title_en": "Damage",
            "path": "damage.geojson",
            "visible": False,
            "role": "damage",
            "source": "test",
        },
    ]
    path = make_scenario(scenario=grid_dict)
    (path.parent / "landmarks.geojson").write_text(json.dumps(LANDMARKS), encoding="utf-8")
    (path.parent / "damage.geojson").write_text(json.dumps(DAMAGE), encoding="utf-8")
    return path


def test_schematic_lines_are_dashed_and_damage_is_built_on_demand(
    make_window, basemap_path
) -> None:
    window = make_window(basemap_path)
    scene = window.map_scene
    view = window.map_view
    before = view.viewport().grab().toImage()
    landmarks = scene.layer("landmarks")
    assert landmarks.surveyed_lines.isEmpty() and not landmarks.schematic_lines.isEmpty()
    assert len(landmarks.surveyed_points) == 1 and not landmarks.damage
    assert any(label.en == "Tower" for label in scene.labels.labels)
    assert "damage" not in scene._layers  # hidden at start: not drawn, not built
    window.layers_panel.checks["damage"].setChecked(True)
    shown = view.viewport().grab().toImage()
    damage = scene.layer("damage")
    assert damage.damage and len(damage.surveyed_points) == 50
    assert not any(label.layer == "damage" for label in scene.labels.labels)  # no names
    assert shown != before
    window.layers_panel.checks["damage"].setChecked(False)
    assert view.viewport().grab().toImage() == before
