"""Area units read from arrays (core.loading.geojson_polygon, _rings) equal what shapely's
vertex-by-vertex reader and `polygon_rings` give, and anything else falls back to that reader."""

from __future__ import annotations

import numpy as np
import pytest
import shapely
import shapely.geometry

from aleppo_desktop.core.geometry import polygon_rings
from aleppo_desktop.core.loading import _rings, geojson_polygon

SQUARE = [[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]]
HOLE = [[1, 1], [1, 2], [2, 2], [2, 1], [1, 1]]
FAR = [[10.5, 10], [12, 10], [12, 12], [10.5, 12], [10.5, 10]]

READ = [
    {"type": "Polygon", "coordinates": [SQUARE]},
    {"type": "Polygon", "coordinates": [SQUARE, HOLE]},
    {"type": "MultiPolygon", "coordinates": [[SQUARE, HOLE], [FAR]]},
]


@pytest.mark.parametrize("data", READ)
def test_arrays_give_the_same_geometry(data):
    fast = geojson_polygon(data)
    assert fast is not None
    assert fast.geom_type == data["type"]
    assert shapely.equals_exact(fast, shapely.geometry.shape(data), 0)


@pytest.mark.parametrize(
    "data",
    [
        {"type": "Polygon", "coordinates": [SQUARE[:-1]]},  # not closed: shape() closes it
        {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [0, 0]]]},  # too few points
        {"type": "Polygon", "coordinates": [[[0, 0, 1], [1, 0, 1], [1, 1, 1], [0, 0, 1]]]},
        {"type": "Polygon", "coordinates": [[["0", 0], [1, 0], [1, 1], [0, 0]]]},
        {"type": "Polygon", "coordinates": [[[0, 0], [1], [1, 1], [0, 0]]]},  # ragged
        {"type": "Polygon", "coordinates": []},
        {"type": "Point", "coordinates": [0, 0]},
        {"type": "Polygon"},
        ["not", "a", "geometry"],
    ],
)
def test_anything_else_is_left_to_the_reader(data):
    assert geojson_polygon(data) is None


def test_rings_of_many_at_once_match_polygon_rings():
    geometries = np.array([geojson_polygon(d) for d in READ] + [shapely.Polygon()], dtype=object)
    for one, rings in zip(geometries, _rings(geometries), strict=True):
        expected = polygon_rings(one)
        assert len(rings) == len(expected)
        for a, b in zip(rings, expected, strict=True):
            np.testing.assert_array_equal(a, b)


def test_a_basemap_text_property_with_a_control_character_is_named(tmp_path):
    """The texts of a layer are checked all together; a bad one is still named by its feature."""
    import json

    from aleppo_desktop.core.errors import ScenarioError
    from aleppo_desktop.core.loading import load_basemap, load_scenario
    from aleppo_desktop.paths import bundled_scenario_path

    layer = load_scenario(bundled_scenario_path()).meta.basemap[0]
    features = [
        {
            "type": "Feature",
            "properties": {"name": name, "rank": 1},
            "geometry": {"type": "Point", "coordinates": [37.15, 36.2]},
        }
        for name in ("Citadel", "Bab\x07 al-Faraj", "x" * 20_001)
    ]
    path = tmp_path / "layer.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    with pytest.raises(ScenarioError) as caught:
        load_basemap(layer, path)
    found = [(p.place, p.message) for p in caught.value.problems]
    assert found == [
        ("$.features[1].properties.name", "contains the control character U+0007 at position 3"),
        ("$.features[2].properties.name", "is longer than 20,000 characters"),
    ]
    features[1:] = []
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    assert load_basemap(layer, path).properties == ({"name": "Citadel", "rank": 1},)


def _read_areas(monkeypatch, data, beside: bool):
    from aleppo_desktop.core import loading

    monkeypatch.setattr(loading, "BESIDE_MIN_UNITS", 1 if beside else 10**9)
    problems: list = []
    areas, exact = loading.areas_from_geojson(data, "areas.geojson", problems)
    return areas, exact, [str(p) for p in problems]


def test_units_projected_beside_their_check_are_those_projected_after(monkeypatch):
    import json

    from aleppo_desktop.paths import bundled_scenario_path

    data = json.loads((bundled_scenario_path().parent / "areas.geojson").read_text("utf-8"))
    after, exact_after, problems_after = _read_areas(monkeypatch, data, beside=False)
    beside, exact_beside, problems_beside = _read_areas(monkeypatch, data, beside=True)
    assert problems_after == problems_beside == [] and exact_after == exact_beside
    assert len(beside) == len(after) > 100
    for a, b in zip(after, beside, strict=True):
        assert (a.id, a.name_en, a.source, a.area_km2) == (b.id, b.name_en, b.source, b.area_km2)
        assert shapely.equals_exact(a.geometry, b.geometry, 0)
        for ra, rb in zip(a.rings, b.rings, strict=True):
            np.testing.assert_array_equal(ra, rb)
    # a refused polygon among them: named the same, nothing projected is kept
    bow = {"type": "Polygon", "coordinates": [[[37.1, 36.1], [37.2, 36.2], [37.2, 36.1],
                                               [37.1, 36.2], [37.1, 36.1]]]}  # fmt: skip
    data["features"][3] = dict(data["features"][3], geometry=bow)
    refused = [_read_areas(monkeypatch, data, beside=b) for b in (False, True)]
    assert refused[0] == refused[1]
    assert refused[0][0] == () and "invalid polygon" in refused[0][2][0]


def test_a_failed_projection_beside_the_check_is_raised(monkeypatch):
    import threading

    from aleppo_desktop.core import loading

    threads = []

    def broken(_geometries):
        threads.append(threading.current_thread().name)
        raise RuntimeError("projection failed")

    monkeypatch.setattr(loading, "to_map", broken)
    data = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": {"type": "Polygon", "coordinates": [
            [[37.1 + k / 100, 36.1], [37.11 + k / 100, 36.1], [37.11 + k / 100, 36.11],
             [37.1 + k / 100, 36.1]]]},
         "properties": {"id": f"u{k}", "name_en": f"U{k}", "name_ar": "", "kind": "district",
                        "source": "s"}} for k in range(3)]}  # fmt: skip
    with pytest.raises(RuntimeError, match="projection failed"):
        _read_areas(monkeypatch, data, beside=True)
    assert threads == ["projection"]  # on the worker thread, raised where its result is asked
