"""Loading basemap layers: every layer is read at load, hidden ones too, and looked up afterwards."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import shapely
from pyproj import Transformer

from aleppo_desktop.core.loading import load_scenario
from aleppo_desktop.core.scenario import BasemapLayers
from aleppo_desktop.paths import bundled_scenario_path

Make = Callable[..., Path]

POINTS = [[37.11, 36.19], [37.13, 36.21, 410.0], [37.15, 36.2]]  # lon, lat (, height)


def layer_entry(layer_id: str, **fields: Any) -> dict[str, Any]:
    return {
        "id": layer_id,
        "title_en": layer_id.title(),
        "path": f"basemap/{layer_id}.geojson",
        "source": "test",
        **fields,
    }


def write_layer(folder: Path, layer_id: str, coordinates: list[list[float]]) -> None:
    features = [
        {
            "type": "Feature",
            "properties": {"name_en": f"P{k}"},
            "geometry": {"type": "Point", "coordinates": xy},
        }
        for k, xy in enumerate(coordinates)
    ]
    (folder / "basemap").mkdir(exist_ok=True)
    (folder / "basemap" / f"{layer_id}.geojson").write_text(
        json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8"
    )


@pytest.fixture
def layered(make_scenario: Make, grid_dict: dict[str, Any]) -> Path:
    """The grid scenario with a shown reference layer and a hidden damage layer."""
    grid_dict["basemap"] = [
        layer_entry("places"),
        layer_entry("damage", visible=False, role="damage"),
    ]
    path = make_scenario(scenario=grid_dict)
    write_layer(path.parent, "places", POINTS[:1])
    write_layer(path.parent, "damage", POINTS)
    return path


def test_hidden_layer_is_read_when_first_asked_for_and_projected(layered: Path) -> None:
    scenario = load_scenario(layered)
    layers = scenario.basemaps_by_id
    assert isinstance(layers, BasemapLayers) and not layers.is_read("damage")
    damage = scenario.basemap("damage")
    (layered.parent / "basemap" / "damage.geojson").unlink()  # lookups never touch the file again
    assert scenario.basemap("damage") is damage
    to_utm = Transformer.from_crs("EPSG:4326", "EPSG:32637", always_xy=True)
    expected = [to_utm.transform(lon, lat) for lon, lat, *_ in POINTS]
    got = shapely.get_coordinates(damage.geometries).ravel().tolist()
    assert got == pytest.approx([v for xy in expected for v in xy], abs=1e-6)
    assert [f.name_en for f in damage.features] == ["P0", "P1", "P2"]


def test_basemaps_in_scenario_order_with_roles(layered: Path) -> None:
    scenario = load_scenario(layered)
    assert [(b.layer.id, b.layer.role, b.layer.visible) for b in scenario.basemaps] == [
        ("places", "reference", True),
        ("damage", "damage", False),
    ]
    assert [len(b.properties) for b in scenario.basemaps] == [1, 3]


def test_unknown_layer_id_is_a_key_error(layered: Path) -> None:
    scenario = load_scenario(layered)
    with pytest.raises(KeyError, match="roads"):
        scenario.basemap("roads")


def test_bundled_damage_layer_is_data_not_a_name() -> None:
    scenario = load_scenario(bundled_scenario_path())
    assert [(b.layer.id, b.layer.role, b.layer.visible) for b in scenario.basemaps] == [
        ("landmarks", "reference", True),
        ("schematic", "reference", True),
        ("damage", "damage", False),
    ]
    assert len(scenario.basemap("damage").properties) == 14058
