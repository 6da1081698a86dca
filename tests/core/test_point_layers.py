"""A basemap layer of points only is read in a few passes over all its features (`_point_layer`);
it gives the same layer, and the same problems in the same order, as the loop a feature that reads
every other layer."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import shapely

import aleppo_desktop.core.loading as loading
from aleppo_desktop.core.errors import ScenarioError
from aleppo_desktop.core.loading import load_basemap, load_scenario
from aleppo_desktop.core.model import BasemapLayer
from aleppo_desktop.paths import bundled_scenario_path

LAYER = BasemapLayer(id="damage", title_en="Damage", path="d.geojson", source="s", visible=False)


def points(n: int = 30) -> dict[str, Any]:
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"damage": "severe" if i % 3 else "destroyed", "n": i},
                "geometry": {"type": "Point", "coordinates": [37.1 + i / 1000, 36.2]},
            }
            for i in range(n)
        ],
    }


def broken(change: str) -> dict[str, Any]:
    data = points()
    features = data["features"]
    if change == "bad coordinates":
        features[4]["geometry"]["coordinates"] = [37.1, 95.0]
        features[9]["geometry"]["coordinates"] = [200.0, 36.2]
    elif change == "control character":
        features[5]["properties"]["damage"] = "sev\x07ere"
    elif change == "text too long":
        features[5]["properties"]["damage"] = "x" * 100_000
    elif change == "properties null":
        features[3]["properties"] = None
    elif change == "properties missing":
        del features[3]["properties"]
    elif change == "list in properties":
        features[3]["properties"]["tags"] = ["a", "b"]
    elif change == "a line":
        features[2]["geometry"] = {
            "type": "LineString",
            "coordinates": [[37.1, 36.2], [37.2, 36.3]],
        }
    elif change == "geometry missing":
        del features[6]["geometry"]
    elif change == "geometry null":
        features[6]["geometry"] = None
    elif change == "text coordinates":
        features[9]["geometry"]["coordinates"] = ["37.1", 36.2]
    elif change == "no coordinates":
        del features[6]["geometry"]["coordinates"]
    elif change == "feature not an object":
        features[7] = [1, 2]
    return data


def read(path: Path) -> tuple[Any, Any]:
    """The layer read, or the problems named."""
    try:
        basemap = load_basemap(LAYER, path)
    except ScenarioError as exc:
        return None, [(p.file, p.place, p.message) for p in exc.problems]
    return basemap, None


def read_both(tmp_path: Path, data: dict[str, Any], monkeypatch: pytest.MonkeyPatch):
    path = tmp_path / "d.geojson"
    path.write_text(json.dumps(copy.deepcopy(data)), encoding="utf-8")
    taken: list[bool] = []
    fast = loading._point_layer

    def spy(features):  # type: ignore[no-untyped-def]
        result = fast(features)
        taken.append(result is not None)
        return result

    monkeypatch.setattr(loading, "_point_layer", spy)
    with_passes = read(path)
    monkeypatch.setattr(loading, "_point_layer", lambda features: None)
    by_feature = read(path)
    monkeypatch.undo()
    return with_passes, by_feature, taken == [True]


def assert_same(a: Any, b: Any) -> None:
    (layer_a, problems_a), (layer_b, problems_b) = a, b
    assert problems_a == problems_b
    if layer_a is not None:
        assert layer_a.properties == layer_b.properties
        assert shapely.equals_exact(layer_a.geometries, layer_b.geometries, 0).all()


def test_a_layer_of_points_is_read_in_passes(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    with_passes, by_feature, fast = read_both(tmp_path, points(), monkeypatch)
    assert fast
    assert_same(with_passes, by_feature)
    layer = with_passes[0]
    assert len(layer.geometries) == 30 and layer.properties[4] == {"damage": "severe", "n": 4}
    assert np.ptp(shapely.get_x(layer.geometries)) > 1000  # metres: the map CRS


@pytest.mark.parametrize(
    "change",
    [
        "bad coordinates",
        "control character",
        "text too long",
        "properties null",
        "properties missing",
        "list in properties",
        "a line",
        "geometry missing",
        "geometry null",
        "text coordinates",
        "no coordinates",
        "feature not an object",
    ],
)
def test_anything_else_reads_and_fails_as_by_feature(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: str
) -> None:
    with_passes, by_feature, fast = read_both(tmp_path, broken(change), monkeypatch)
    # bad points are named by the same check
    assert fast == (change in ("bad coordinates", "text coordinates"))
    assert_same(with_passes, by_feature)
    if change not in ("properties null", "properties missing", "list in properties", "a line"):
        assert with_passes[1]  # named
    if change == "bad coordinates":
        assert [where for _, where, _ in with_passes[1]] == [
            "$.features[4].geometry.coordinates",
            "$.features[9].geometry.coordinates",
        ]


def test_the_bundled_layers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    scenario = load_scenario(bundled_scenario_path())
    for basemap in scenario.basemaps:
        data = json.loads((scenario.path.parent / basemap.layer.path).read_text(encoding="utf-8"))
        with_passes, by_feature, fast = read_both(tmp_path, data, monkeypatch)
        assert_same(with_passes, by_feature)
        assert fast or basemap.layer.id != "damage"  # the 14,000 points in passes
