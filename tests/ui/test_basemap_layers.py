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
    assert not any(kind == "damage" for _title, kind in view.overlays.layer_keys)
    window.layers_panel.checks["damage"].setChecked(True)
    shown = view.viewport().grab().toImage()
    assert any(kind == "damage" for _title, kind in view.overlays.layer_keys)  # the legend too
    damage = scene.layer("damage")
    assert damage.damage and len(damage.surveyed_points) == 50
    assert not any(label.layer == "damage" for label in scene.labels.labels)  # no names
    assert shown != before
    window.layers_panel.checks["damage"].setChecked(False)
    assert not any(kind == "damage" for _title, kind in view.overlays.layer_keys)
    assert view.viewport().grab().toImage() == before


def test_a_broken_hidden_layer_is_named_when_shown_and_stays_hidden(
    make_window, basemap_path, qtbot
) -> None:
    """A hidden layer is read when first shown: a broken file opens the scenario, and ticking
    the layer names its problems and leaves the map as it was."""
    from PySide6.QtWidgets import QMessageBox

    damage = basemap_path.parent / "damage.geojson"
    broken = json.loads(damage.read_text(encoding="utf-8"))
    broken["features"][3]["geometry"]["coordinates"] = [200, 36.19]
    damage.write_text(json.dumps(broken), encoding="utf-8")
    window = make_window(basemap_path)
    view = window.map_view
    before = view.viewport().grab().toImage()
    box = window.layers_panel.checks["damage"]
    box.setChecked(True)
    message = window.layers_panel.findChild(QMessageBox, "layer_problems")
    assert message is not None and message.isVisible()
    place = f"{damage.resolve()}:$.features[3].geometry.coordinates: "
    assert message.informativeText() == f"{place}point is not a WGS84 [lon, lat]: [200, 36.19]"
    assert "Damage" in message.text()
    assert not box.isChecked() and not window.map_scene.layer_visible["damage"]
    assert "damage" not in window.map_scene._layers
    assert view.viewport().grab().toImage() == before
    message.close()
    damage.write_text(json.dumps(DAMAGE), encoding="utf-8")  # mended: read again when ticked
    box.setChecked(True)
    assert window.map_scene.layer_visible["damage"] and box.isChecked()
    assert len(window.map_scene.layer("damage").surveyed_points) == 50


def test_the_overlays_follow_the_look_not_the_users_basemaps(make_window, basemap_path) -> None:
    """A change of the user's basemaps (a tile landed) repaints the map but leaves its overlays
    (not in them); a change of the look (a layer ticked) makes them again."""
    window = make_window(basemap_path)
    view = window.map_view
    overlays = view.overlays
    window.map_scene.user_layers_changed()
    assert view.overlays is overlays
    window.layers_panel.checks["damage"].setChecked(True)
    assert view.overlays is not overlays


def test_the_self_test_reads_the_hidden_layers_too(basemap_path: Path, tmp_path: Path) -> None:
    """The window reads a hidden layer when it is first shown; the installer's self-test reads
    every layer of its scenario, so a broken hidden file fails it."""
    from aleppo_desktop.core.errors import ScenarioError
    from aleppo_desktop.ui.selftest import Context, check_scenario

    assert " areas, " in check_scenario(Context(basemap_path, tmp_path))  # it reads as it is
    damage = basemap_path.parent / "damage.geojson"
    broken = json.loads(damage.read_text(encoding="utf-8"))
    broken["features"][3]["geometry"]["coordinates"] = [200, 36.19]
    damage.write_text(json.dumps(broken), encoding="utf-8")
    with pytest.raises(ScenarioError, match=r"damage\.geojson"):
        check_scenario(Context(basemap_path, tmp_path))
