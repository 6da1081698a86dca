"""The basemap readers: every kind opens from its sample, bad inputs fail with the file's name, and no
reader opens a socket (the approach of tests/packaging/test_offline.py, copied: that suite is the lead's)."""

from __future__ import annotations

import itertools
import socket
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from aleppo_desktop.core import basemap_samples as samples
from aleppo_desktop.core import user_basemap
from aleppo_desktop.core.user_basemap import (
    BasemapError,
    BasemapSpec,
    ImportCancelledError,
    basemap_kind,
    decode_mvt,
    open_tile_source,
    osm_class,
    read_geotiff,
    read_osm,
    read_vector,
)


class NetworkAttemptError(OSError):
    pass


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    attempts: list[str] = []

    def refuse(name: str):  # type: ignore[no-untyped-def]
        def blocked(*args, **kwargs):  # type: ignore[no-untyped-def]
            attempts.append(name)
            raise NetworkAttemptError(f"network access attempted: {name}")

        return blocked

    class BlockedSocket(socket.socket):
        def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
            attempts.append("socket.socket")
            raise NetworkAttemptError("network access attempted: socket.socket")

    monkeypatch.setattr(socket, "socket", BlockedSocket)
    monkeypatch.setattr(socket, "create_connection", refuse("create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", refuse("getaddrinfo"))
    yield attempts
    assert attempts == [], f"a reader reached for the network: {attempts}"


@pytest.fixture(scope="module")
def sample_dir(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return samples.write_all(tmp_path_factory.mktemp("samples"))


def test_every_kind_opens_without_the_network(
    sample_dir: dict[str, Path], no_network: list[str]
) -> None:
    kinds = {name: basemap_kind(path) for name, path in sample_dir.items()}
    assert kinds == {
        "mbtiles": "mbtiles",
        "pmtiles": "pmtiles",
        "xyz": "xyz",
        "mvt": "xyz",
        "gpkg": "gpkg-tiles",
        "geojson": "vector",
        "geotiff": "geotiff",
        "dem": "geotiff",
        "osm": "osm",
    }
    z = samples.SAMPLE_ZOOMS[1]
    cx, cy = (int(v) for v in samples.lonlat_to_tile(*samples.CENTRE, z))
    png = samples.solid_png(samples.tile_colour(z, cx, cy))
    for name in ("mbtiles", "pmtiles", "xyz", "gpkg"):
        source = open_tile_source(sample_dir[name])
        assert source.tile(z, cx, cy) == png, name  # the known tile at its known place
        assert source.tile(z, cx + 40, cy) is None
        assert set(samples.SAMPLE_ZOOMS) <= set(source.grid.levels)
        source.close()
    vector = read_vector(sample_dir["gpkg"])  # the GeoPackage's vector table too
    assert {k: g.part_count() for k, g in vector.groups.items()} == {
        "line": 1,
        "polygon": 1,
        "point": 1,
    }
    assert vector.groups["point"].labels[0][0] == "Citadel"
    read_vector(sample_dir["geojson"])
    rgb = read_geotiff(sample_dir["geotiff"])
    assert not rgb.hillshade and rgb.rgba[..., 3].any()
    dem = read_geotiff(sample_dir["dem"])
    assert dem.hillshade
    opaque = dem.rgba[..., 3] > 0
    assert dem.rgba[..., 0][opaque].std() > 5  # shaded, not flat
    read_osm(sample_dir["osm"])


def test_osm_street_basemap_names_in_the_chosen_language(sample_dir: dict[str, Path]) -> None:
    english = read_osm(sample_dir["osm"], "name:en")
    arabic = read_osm(sample_dir["osm"], "name:ar")
    assert set(english.groups) == {"road_major", "waterway", "building", "green", "water"}
    assert len(english.groups["water"].part(0)) == 5  # the relation's ring, closed
    assert english.groups["road_major"].labels[0][0] == "Baron Street"
    assert arabic.groups["road_major"].labels[0][0] == "شارع بارون"
    assert osm_class({"highway": "residential"}) == ("road_minor", "line")
    assert osm_class({"amenity": "bench"}) is None


def test_osm_import_reports_progress_and_can_be_cancelled(
    sample_dir: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[float] = []
    read_osm(sample_dir["osm"], progress=seen.append)
    assert seen[-1] == 1.0
    # a bigger extract so the cancel poll (every 2000 ways) comes round
    import osmium

    big = sample_dir["osm"].parent / "big.osm.pbf"
    writer = osmium.SimpleWriter(str(big))
    for i in range(1, 10001):
        writer.add_node(osmium.osm.mutable.Node(id=i, location=(37.1 + i * 1e-5, 36.2)))
    for i in range(1, 5000):
        writer.add_way(osmium.osm.mutable.Way(id=i, nodes=[i, i + 1], tags={"highway": "primary"}))
    writer.close()
    polls: list[int] = []
    read_osm(big, cancelled=lambda: bool(polls.append(1)))
    # before the file's one run of blocks, after 2000 and 4000 ways, three times while the one
    # class (road_major) is projected
    assert len(polls) == 6
    with pytest.raises(ImportCancelledError):
        read_osm(big, cancelled=lambda: True)
    # read a block at a time: progress is the fraction of the file read, cancel asked between
    data = big.read_bytes()
    header, chunks = user_basemap.pbf_chunks(data, 1)
    assert header and len(chunks) == 3  # two blocks of nodes (8000 a block), one of ways
    assert chunks[0][0] == len(header) and chunks[-1][1] == len(data)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(chunks))
    monkeypatch.setattr(user_basemap, "OSM_CHUNK_BYTES", 1)
    fractions: list[float] = []
    whole = read_osm(big, progress=fractions.append)
    assert whole.groups["road_major"].part_count() == 4999  # the location index spans the runs
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    assert [round(f, 2) for f in fractions[:3]] == [
        round(0.9 * end / len(data), 2) for _start, end in chunks
    ]
    asked: list[int] = []
    with pytest.raises(ImportCancelledError):  # cancelled while the nodes are read
        read_osm(big, cancelled=lambda: len(asked) >= 2 or bool(asked.append(1)))
    assert len(asked) == 2
    with pytest.raises(BasemapError, match="not a readable OSM extract"):
        truncated = big.parent / "truncated.osm.pbf"
        truncated.write_bytes(data[: len(data) - 100])
        read_osm(truncated)


def test_mvt_decodes_in_tile_units() -> None:
    import mapbox_vector_tile

    data = mapbox_vector_tile.encode(
        [
            {
                "name": "water",
                "features": [
                    {
                        "geometry": "POLYGON ((0 0, 2048 0, 2048 2048, 0 2048, 0 0))",
                        "properties": {},
                    }
                ],
            }
        ]
    )
    layers = decode_mvt(data)
    kind, rings, _props = layers["water"][0]
    assert kind == "polygon"
    # encoded y-up in the lower half; decoded y-down (as the tile is drawn): rows 2048..4096
    assert rings[0][:, 0].max() == 2048
    assert (rings[0][:, 1].min(), rings[0][:, 1].max()) == (2048, 4096)


def test_spec_keeps_relative_paths(tmp_path: Path) -> None:
    spec = BasemapSpec(str(tmp_path / "maps" / "city.mbtiles"), 0.4, False, "name:ar")
    stored = spec.to_dict(relative_to=tmp_path / "scenario")
    assert stored["path"] == "../maps/city.mbtiles"
    back = BasemapSpec.from_dict(stored, relative_to=tmp_path / "scenario")
    assert back == BasemapSpec(
        str((tmp_path / "maps" / "city.mbtiles").resolve()), 0.4, False, "name:ar"
    )


# --- bad input: a clear message naming the file ------------------------------------------------------


def test_missing_file_and_urls(tmp_path: Path) -> None:
    with pytest.raises(BasemapError, match=r"gone\.mbtiles: file not found"):
        basemap_kind(tmp_path / "gone.mbtiles")
    with pytest.raises(BasemapError, match="only local files"):
        basemap_kind("/vsicurl/https://example.org/tiles.mbtiles")
    with pytest.raises(BasemapError, match="only local files"):
        basemap_kind("https://example.org/a.pmtiles")


def test_unknown_type(tmp_path: Path) -> None:
    f = tmp_path / "notes.docx"
    f.write_bytes(b"PK\x03\x04")
    with pytest.raises(BasemapError, match=r"notes\.docx: unknown basemap type"):
        basemap_kind(f)


def test_corrupt_tile_database(tmp_path: Path) -> None:
    f = tmp_path / "corrupt.mbtiles"
    f.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(BasemapError, match=r"corrupt\.mbtiles: not a readable SQLite"):
        open_tile_source(f)
    g = tmp_path / "notiles.mbtiles"
    sqlite3.connect(g).execute("CREATE TABLE other (a)").connection.commit()
    with pytest.raises(BasemapError, match=r"notiles\.mbtiles: not a valid MBTiles"):
        open_tile_source(g)


def test_truncated_tile_database(tmp_path: Path) -> None:
    tiles = [
        (14, x, y, np.random.default_rng(x * 100 + y).bytes(3000))
        for x in range(9800, 9830)
        for y in range(6400, 6430)
    ]
    f = samples.write_mbtiles(tmp_path / "cut.mbtiles", tiles)
    data = f.read_bytes()
    f.write_bytes(data[: len(data) // 3])
    try:
        source = open_tile_source(f)
    except BasemapError as exc:
        assert "cut.mbtiles" in str(exc)
        return
    # the header survived: the lost pages fail per tile, with the file's name
    with pytest.raises(BasemapError, match=r"cut\.mbtiles: tile 14/"):
        for _z, x, y, _ in tiles:
            source.tile(14, x, y)


def test_corrupt_pmtiles(tmp_path: Path) -> None:
    f = tmp_path / "bad.pmtiles"
    f.write_bytes(b"\x00" * 200)
    with pytest.raises(BasemapError, match=r"bad\.pmtiles: not a valid PMTiles"):
        open_tile_source(f)


def test_empty_tile_folder(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    with pytest.raises(BasemapError, match=r"empty: no zoom folders"):
        open_tile_source(tmp_path / "empty")


def test_unknown_crs(tmp_path: Path) -> None:
    tif = samples.write_geotiff(tmp_path / "nocrs.tif", crs=None)
    with pytest.raises(BasemapError, match=r"nocrs\.tif: unknown CRS"):
        read_geotiff(tif)
    with pytest.warns(UserWarning, match="crs"):  # pyogrio says so too
        fgb = samples.write_vector(tmp_path / "roads.fgb", driver="FlatGeobuf", crs=None)
    with pytest.raises(BasemapError, match=r"roads\.fgb: .*unknown CRS"):
        read_vector(fgb)


def test_zero_byte_files(tmp_path: Path) -> None:
    for name in ("empty.geojson", "empty.tif", "empty.osm.pbf", "empty.mbtiles"):
        f = tmp_path / name
        f.write_bytes(b"")
        with pytest.raises(BasemapError, match=name.replace(".", r"\.")):
            kind = basemap_kind(f)
            if kind in ("mbtiles",):
                open_tile_source(f)
            elif kind == "vector":
                read_vector(f)
            elif kind == "geotiff":
                read_geotiff(f)
            else:
                read_osm(f)


def test_garbage_files(tmp_path: Path) -> None:
    for name, reader in (
        ("bad.geojson", read_vector),
        ("bad.tif", read_geotiff),
        ("bad.osm.pbf", read_osm),
    ):
        f = tmp_path / name
        f.write_bytes(b"\x01\x02garbage" * 50)
        with pytest.raises(BasemapError, match=name.replace(".", r"\.")):
            reader(f)


def test_huge_image_without_overviews(tmp_path: Path) -> None:
    import rasterio
    from rasterio.transform import from_origin

    f = tmp_path / "huge.tif"
    with rasterio.open(
        f,
        "w",
        driver="GTiff",
        width=30000,
        height=20000,
        count=1,
        dtype="uint8",
        crs="EPSG:4326",
        transform=from_origin(37.0, 36.3, 1e-5, 1e-5),
        tiled=True,
        compress="deflate",
        sparse_ok=True,
    ):
        pass  # nothing written: a sparse file of a few kB claiming 600 million pixels
    assert f.stat().st_size < 1_000_000
    with pytest.raises(BasemapError, match=r"huge\.tif: the image is 30000 x 20000 pixels"):
        read_geotiff(f)
