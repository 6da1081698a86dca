"""The bundled scenario's geometry: neighbourhoods, authored units, the partition, the basemap."""

from __future__ import annotations

import gzip
import hashlib
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import numpy as np
import pytest
import shapely
from pyproj import Transformer
from shapely.geometry import box, shape

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
SCENARIO = DATA / "aleppo-2016"
VENDORED = DATA / "sources" / "csr-aleppo"
SHARED_SRC = ROOT.parent / "shared" / "geodata" / "csr-aleppo"
# SHA-256 of the published files (data/sources/README.md), checked on the vendored copies.
VENDORED_SHA256 = {
    "Neighborhoods.geojson": "33d687e7b333851c115ea2c4edbd9d4b1a0b8a593137a365bb9cc085195bb28a",
    "Cultural.geojson": "63fea51557fb89b28461a627b3e3871d6a8dfd9091bcb5adcb7cd9bbc8ff1a55",
    "un.geojson": "433f5916c0e9e50ffc8f281fdbab06c29d1971d26ed8c41c55de6de48e6ebeac",
    "LICENSE": "2b198743a8c232ad2e61a21bb01d125e6392e7930554ce2a705b05ae2485ab52",
}

EXTENT = (321000.0, 3994000.0, 355000.0, 4025000.0)
REQUIRED_AUTHORED = {
    "out-castello-road",
    "out-mallah-farms",
    "out-handarat",
    "out-handarat-camp",
    "out-shqeif",
    "out-kindi-hospital",
    "out-oweija",
    "out-oweija-hills",
    "out-zouhor-factories",
    "out-sheikh-najjar-approaches",
    "out-castello-road-north",
    "out-airport-west",
    "out-cement-plant",
    "out-air-technical-college",
    "out-hikma-hill",
    "out-bani-zeid",
    "out-layramoun-north",
    "out-kafr-hamra-hraytan",
    "out-north-east",
    "out-airport-east",
    "out-hill-400",
    "out-sheikh-said-south",
    "out-hadher-south",
    "out-ramouseh-academies",
    "out-ramouseh-corridor",
    "out-1070-project",
    "out-dahiyet-al-assad",
    "out-khan-tuman-southwest",
    "out-west-countryside",
    "out-new-aleppo-west",
}
OUTPUTS = [
    "aleppo-2016/areas.geojson",
    "aleppo-2016/basemap/landmarks.geojson",
    "aleppo-2016/basemap/schematic.geojson",
    "aleppo-2016/basemap/damage.geojson",
    "LICENSE-csr-aleppo.txt",
]
TO_UTM = Transformer.from_crs("EPSG:4326", "EPSG:32637", always_xy=True)


def _load(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["features"]


def _vendored_bytes(name: str) -> bytes:
    plain = VENDORED / name
    return (
        plain.read_bytes()
        if plain.exists()
        else gzip.decompress((VENDORED / f"{name}.gz").read_bytes())
    )


def _utm(geom):
    return shapely.transform(geom, lambda c: np.column_stack(TO_UTM.transform(c[:, 0], c[:, 1])))


@pytest.fixture(scope="module")
def areas() -> list[dict]:
    return _load(SCENARIO / "areas.geojson")


@pytest.fixture(scope="module")
def units_utm(areas) -> dict[str, object]:
    return {f["properties"]["id"]: _utm(shape(f["geometry"])) for f in areas}


def test_133_neighbourhoods_with_unique_ids_and_names(areas):
    nbs = [f["properties"] for f in areas if f["properties"]["kind"] == "neighbourhood"]
    assert len(nbs) == 133
    assert all(p["id"].startswith("nb-") for p in nbs)
    for key in ("id", "name_en", "name_ar"):
        values = [f["properties"][key] for f in areas]
        assert not [v for v, n in Counter(values).items() if n > 1], key
    assert all(f["properties"]["name_en"] and f["properties"]["name_ar"] for f in areas)


def test_known_flaws_fixed(areas):
    by_en = {f["properties"]["name_en"]: f["properties"] for f in areas}
    assert by_en["al-Besel"]["name_ar"] == "الباسل"
    assert by_en["Ayn at-Tal"]["name_ar"] == "عين التل"
    assert "Tishreen" not in by_en
    assert {"Tishreen (north)", "Tishreen (central)", "Tishreen (south)"} <= set(by_en)
    assert by_en["Aleppo Citadel"]["id"] == "nb-16"


def test_required_authored_units_exist(areas):
    authored = {f["properties"]["id"] for f in areas if f["properties"]["kind"] == "authored"}
    assert authored >= REQUIRED_AUTHORED
    assert all(i.startswith("out-") for i in authored)


def test_every_feature_has_a_source():
    for name in OUTPUTS[:3]:
        for feature in _load(DATA / name):
            assert feature["properties"]["source"], (name, feature["properties"])
    for feature in _load(SCENARIO / "areas.geojson"):
        p = feature["properties"]
        expected = "csr-aleppo" if p["kind"] == "neighbourhood" else "authored#"
        assert p["source"].startswith(expected), p["id"]


def test_schematic_features_are_flagged():
    schematic = _load(SCENARIO / "basemap" / "schematic.geojson")
    assert schematic and all(f["properties"]["schematic"] is True for f in schematic)
    assert all(f["properties"]["source"].startswith("authored#") for f in schematic)
    ids = {f["properties"]["id"] for f in schematic}
    assert {"road-castello", "river-queiq", "pt-handarat-camp", "pt-hill-400"} <= ids
    landmarks = _load(SCENARIO / "basemap" / "landmarks.geojson")
    assert len(landmarks) == 210
    assert all(f["properties"]["schematic"] is False for f in landmarks)


def test_damage_points_reduced():
    damage = _load(SCENARIO / "basemap" / "damage.geojson")
    assert len(damage) == 14058
    assert all(set(f["properties"]) == {"damage", "date"} for f in damage)


def test_units_partition_the_extent(units_utm):
    geoms = list(units_utm.values())
    assert all(g.is_valid for g in geoms)
    assert shapely.coverage_is_valid(np.array(geoms, dtype=object))
    union = shapely.coverage_union_all(geoms)
    total = sum(g.area for g in geoms)
    assert total - union.area < 1.0, "overlaps over 1 m²"
    holes = [shapely.Polygon(r).area for p in getattr(union, "geoms", [union]) for r in p.interiors]
    assert sum(holes) < 1.0, "holes over 1 m²"
    # The extent's corners are stored rounded; the rest of its border lies on the straight
    # lines between them (tools/convert_geodata.py keeps border vertices on them).
    assert union.geom_type == "Polygon"
    x0, y0, x1, y1 = EXTENT
    targets = [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]
    corners = [
        min(union.exterior.coords, key=lambda c, t=t: (c[0] - t[0]) ** 2 + (c[1] - t[1]) ** 2)
        for t in targets
    ]
    for corner, target in zip(corners, targets, strict=True):
        assert np.hypot(corner[0] - target[0], corner[1] - target[1]) < 0.1
    extent = shapely.Polygon(corners)
    assert abs(union.area - extent.area) < 1.0
    assert abs(union.area - box(*EXTENT).area) < 100.0


@pytest.mark.parametrize("name", sorted(VENDORED_SHA256))
def test_vendored_sources_are_the_published_files(name):
    data = _vendored_bytes(name)
    assert hashlib.sha256(data).hexdigest() == VENDORED_SHA256[name], name
    if not SHARED_SRC.is_dir():
        pytest.skip("../shared/geodata/csr-aleppo not beside the repository: checked by hash only")
    assert data == (SHARED_SRC / name).read_bytes(), name


def test_neighbourhoods_keep_their_area(units_utm):
    src = {}
    for f in json.loads(_vendored_bytes("Neighborhoods.geojson"))["features"]:
        src.setdefault(f["properties"]["Id"], []).append(_utm(shape(f["geometry"])).area)
    citadel = units_utm["nb-16"].area
    assert src[16][0] <= citadel < src[16][0] * 1.5


def test_vertex_budget(areas):
    assert sum(shapely.get_num_coordinates(shape(f["geometry"])) for f in areas) < 40_000


@pytest.mark.slow
def test_conversion_is_reproducible(tmp_path):
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "tools" / "convert_geodata.py"),
            "--out",
            str(tmp_path),
            "--quiet",
        ],
        check=True,
    )
    for name in OUTPUTS:
        assert (tmp_path / name).read_bytes() == (DATA / name).read_bytes(), name
    fresh = (tmp_path / "PROVENANCE.md").read_text(encoding="utf-8")
    assert _geodata_section(fresh) == _geodata_section(
        (DATA / "PROVENANCE.md").read_text(encoding="utf-8")
    )


def _geodata_section(text: str) -> str:
    start = text.index("## Geodata")
    end = text.find("\n## ", start)
    return (text[start:] if end < 0 else text[start : end + 1]).rstrip("\n")


@pytest.mark.parametrize(
    ("unit", "reference", "direction"),
    [
        ("out-handarat", "nb-39", "north"),
        ("out-mallah-farms", "nb-52", "north"),
        ("out-castello-road", "nb-39", "north"),
        ("out-kafr-hamra-hraytan", "nb-52", "west"),
        ("out-ramouseh-academies", "nb-16", "south"),
        ("out-ramouseh-academies", "nb-16", "west"),
        ("out-airport-east", "nb-17", "east"),
        ("out-hill-400", "nb-17", "west"),
        ("out-hill-400", "nb-88", "east"),
        ("out-handarat-camp", "nb-44", "north"),
        ("out-shqeif", "nb-47", "north"),
        ("out-kindi-hospital", "nb-67", "north"),
        ("out-kindi-hospital", "nb-67", "east"),
        ("out-oweija", "nb-39", "east"),
        ("out-zouhor-factories", "nb-65", "east"),
        ("out-cement-plant", "nb-112", "south"),
        ("out-hikma-hill", "nb-121-south", "south"),
        ("out-sheikh-said-south", "nb-112", "south"),
        ("out-hadher-south", "nb-36", "south"),
        ("out-west-countryside", "nb-94", "west"),
        ("out-dahiyet-al-assad", "nb-94", "west"),
        ("out-north-east", "nb-65", "east"),
    ],
)
def test_authored_units_lie_where_they_should(units_utm, unit, reference, direction):
    a = units_utm[unit].representative_point()
    b = units_utm[reference].centroid
    offset = {"north": a.y - b.y, "south": b.y - a.y, "east": a.x - b.x, "west": b.x - a.x}
    assert offset[direction] > 0, (unit, direction, reference)


def test_neighbours_share_boundaries(units_utm):
    """Districts that face each other across a street now touch (front lines have no hole)."""
    for a, b in [("nb-39", "nb-37"), ("nb-44", "nb-39"), ("nb-112", "nb-79"), ("nb-17", "nb-28")]:
        shared = units_utm[a].boundary.intersection(units_utm[b].boundary).length
        assert shared > 100.0, (a, b, shared)
