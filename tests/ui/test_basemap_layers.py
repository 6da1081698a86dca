"""Basemap layers: surveyed vs schematic drawing, damage points built only when first shown."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGraphicsPathItem

from aleppo_desktop.ui.map_scene import PointsItem

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
    items = scene.layer_items["landmarks"]
    lines = [i for i in items if isinstance(i, QGraphicsPathItem)]
    assert [i.pen().style() for i in lines] == [Qt.PenStyle.DashLine]
    assert any(isinstance(i, PointsItem) for i in items)
    assert any(label.item.en == "Tower" for label in scene.labels)
    assert scene.layer_items["damage"] is None  # hidden at start: not even read
    window.layers_panel.checks["damage"].setChecked(True)
    damage = scene.layer_items["damage"]
    assert damage and all(item.isVisible() for item in damage)
    window.layers_panel.checks["damage"].setChecked(False)
    assert not any(item.isVisible() for item in damage)
