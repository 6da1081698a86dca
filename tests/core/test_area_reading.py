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
