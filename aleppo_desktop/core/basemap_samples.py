"""Small basemaps of every kind with known content, written with the same libraries the readers use.

The installer's self-test opens one of each, and the tests place their known pixels: raster tiles are
solid colours in a checkerboard (`tile_colour`), so a tile corner (a known coordinate) is where the colour
changes on the map.
"""

from __future__ import annotations

import json
import math
import sqlite3
import struct
import zlib
from pathlib import Path

import numpy as np

from aleppo_desktop.core.user_basemap import MERCATOR_HALF

CENTRE = (37.16, 36.20)  # lon, lat: central Aleppo
SAMPLE_ZOOMS = (12, 14)
RADIUS = 2  # tiles each side of the centre's tile


def lonlat_to_tile(lon: float, lat: float, z: int) -> tuple[float, float]:
    """Fractional XYZ tile coordinates of a point (y from the top)."""
    n = 2**z
    x = (lon + 180.0) / 360.0 * n
    y = (1.0 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2.0 * n
    return x, y


def tile_to_lonlat(x: float, y: float, z: int) -> tuple[float, float]:
    n = 2**z
    lon = x / n * 360.0 - 180.0
    lat = math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * y / n))))
    return lon, lat


def tile_colour(z: int, x: int, y: int) -> tuple[int, int, int]:
    """Checkerboard colours, different per zoom: red/blue at the lower sample zoom, green/yellow above."""
    even = (x + y) % 2 == 0
    if z <= SAMPLE_ZOOMS[0]:
        return (220, 30, 30) if even else (30, 30, 220)
    return (30, 180, 30) if even else (230, 210, 20)


def solid_png(rgb: tuple[int, int, int], size: int = 256) -> bytes:
    """A PNG of one colour (written with zlib: the core has no image library)."""
    row = b"\x00" + bytes(rgb) * size
    raw = zlib.compress(row * size, 9)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")


def sample_tiles(zooms=SAMPLE_ZOOMS, radius: int = RADIUS):
    """(z, x, y, png bytes) around the centre."""
    for z in zooms:
        cx, cy = (int(v) for v in lonlat_to_tile(*CENTRE, z))
        for x in range(cx - radius, cx + radius + 1):
            for y in range(cy - radius, cy + radius + 1):
                yield z, x, y, solid_png(tile_colour(z, x, y))


def write_mbtiles(path: Path, tiles=None) -> Path:
    db = sqlite3.connect(path)
    db.executescript(
        "CREATE TABLE metadata (name TEXT, value TEXT);"
        "CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB);"
        "CREATE UNIQUE INDEX tile_index ON tiles (zoom_level, tile_column, tile_row);"
    )
    db.executemany(
        "INSERT INTO metadata VALUES (?, ?)",
        [("name", path.stem), ("format", "png"), ("scheme", "tms")],
    )
    db.executemany(
        "INSERT INTO tiles VALUES (?, ?, ?, ?)",
        [(z, x, (1 << z) - 1 - y, data) for z, x, y, data in (tiles or sample_tiles())],
    )
    db.commit()
    db.close()
    return path


def write_pmtiles(path: Path, tiles=None) -> Path:
    from pmtiles.tile import Compression, TileType, zxy_to_tileid
    from pmtiles.writer import Writer

    items = sorted(tiles or sample_tiles(), key=lambda t: zxy_to_tileid(t[0], t[1], t[2]))
    zooms = [t[0] for t in items]
    with open(path, "wb") as f:
        writer = Writer(f)
        for z, x, y, data in items:
            writer.write_tile(zxy_to_tileid(z, x, y), data)
        writer.finalize(
            {
                "tile_type": TileType.PNG,
                "tile_compression": Compression.NONE,
                "min_zoom": min(zooms),
                "max_zoom": max(zooms),
                "min_lon_e7": int(36.9e7),
                "min_lat_e7": int(36.0e7),
                "max_lon_e7": int(37.4e7),
                "max_lat_e7": int(36.4e7),
                "center_zoom": min(zooms),
                "center_lon_e7": int(CENTRE[0] * 1e7),
                "center_lat_e7": int(CENTRE[1] * 1e7),
            },
            {"name": path.stem},
        )
    return path


def write_xyz_folder(path: Path, tiles=None) -> Path:
    for z, x, y, data in tiles or sample_tiles():
        f = path / str(z) / str(x) / f"{y}.png"
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_bytes(data)
    return path


def write_mvt_folder(
    path: Path,
    polygon: str = "POLYGON ((0 0, 4096 0, 4096 4096, 0 4096, 0 0))",
    tiles: list[tuple[int, int, int]] | None = None,
) -> Path:
    """A folder of Mapbox vector tiles (z/x/y.pbf), each one "water" polygon given in tile units
    (0..4096, y down; by default the whole tile): at `tiles` (z, x, y), or every sample tile."""
    import mapbox_vector_tile

    data = mapbox_vector_tile.encode(
        [{"name": "water", "features": [{"geometry": polygon, "properties": {}}]}],
        default_options={"y_coord_down": True},
    )
    for z, x, y in tiles or [(z, x, y) for z, x, y, _png in sample_tiles()]:
        f = path / str(z) / str(x) / f"{y}.pbf"
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_bytes(data)
    return path


def write_vector(path: Path, driver: str | None = None, crs: str | None = "EPSG:4326") -> Path:
    """A road (line), a square (polygon) and a named point around the centre, in WGS84."""
    import pyogrio.raw
    import shapely

    lon, lat = CENTRE
    geometries = [
        shapely.LineString([(lon - 0.02, lat), (lon + 0.02, lat)]),
        shapely.Polygon(
            [(lon, lat), (lon + 0.01, lat), (lon + 0.01, lat + 0.01), (lon, lat + 0.01)]
        ),
        shapely.Point(lon, lat - 0.01),
    ]
    pyogrio.raw.write(
        str(path),
        shapely.to_wkb(np.array(geometries, dtype=object)),
        [np.array(["Road", "Square", "Citadel"], dtype=object)],
        ["name"],
        layer="features",
        driver=driver,
        geometry_type="Unknown",
        crs=crs,
    )
    return path


def write_gpkg(path: Path) -> Path:
    """A GeoPackage with a vector table and a Web Mercator tile pyramid of the sample tiles."""
    write_vector(path, driver="GPKG")
    db = sqlite3.connect(path)
    db.executescript(
        "CREATE TABLE IF NOT EXISTS gpkg_tile_matrix_set (table_name TEXT PRIMARY KEY, srs_id INTEGER,"
        " min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE);"
        "CREATE TABLE IF NOT EXISTS gpkg_tile_matrix (table_name TEXT, zoom_level INTEGER,"
        " matrix_width INTEGER, matrix_height INTEGER, tile_width INTEGER, tile_height INTEGER,"
        " pixel_x_size DOUBLE, pixel_y_size DOUBLE, PRIMARY KEY (table_name, zoom_level));"
        "CREATE TABLE imagery (id INTEGER PRIMARY KEY AUTOINCREMENT, zoom_level INTEGER,"
        " tile_column INTEGER, tile_row INTEGER, tile_data BLOB, UNIQUE (zoom_level, tile_column, tile_row));"
    )
    if not db.execute("SELECT 1 FROM gpkg_spatial_ref_sys WHERE srs_id=3857").fetchone():
        db.execute(
            "INSERT INTO gpkg_spatial_ref_sys VALUES ('WGS 84 / Pseudo-Mercator', 3857, 'EPSG', 3857, ?, NULL)",
            ('PROJCS["WGS 84 / Pseudo-Mercator"]',),
        )
    h = MERCATOR_HALF
    db.execute(
        "INSERT INTO gpkg_contents (table_name, data_type, identifier, min_x, min_y, max_x, max_y,"
        " srs_id) VALUES ('imagery', 'tiles', 'imagery', ?, ?, ?, ?, 3857)",
        (-h, -h, h, h),
    )
    db.execute(
        "INSERT INTO gpkg_tile_matrix_set VALUES ('imagery', 3857, ?, ?, ?, ?)", (-h, -h, h, h)
    )
    for z in SAMPLE_ZOOMS:
        n, px = 2**z, 2 * h / 2**z / 256
        db.execute(
            "INSERT INTO gpkg_tile_matrix VALUES ('imagery', ?, ?, ?, 256, 256, ?, ?)",
            (z, n, n, px, px),
        )
    db.executemany(
        "INSERT INTO imagery (zoom_level, tile_column, tile_row, tile_data) VALUES (?, ?, ?, ?)",
        [(z, x, y, data) for z, x, y, data in sample_tiles()],
    )
    db.commit()
    db.close()
    return path


def write_geotiff(path: Path, dem: bool = False, crs: str | None = "EPSG:4326") -> Path:
    """A 200 x 200 GeoTIFF over the centre, 0.0001 degrees a pixel: RGB with the left half red and
    the right half blue (the edge is at the centre's longitude), or a DEM (a cone)."""
    import rasterio
    from rasterio.transform import from_origin

    size, step = 200, 0.0001
    lon, lat = CENTRE
    transform = from_origin(lon - size / 2 * step, lat + size / 2 * step, step, step)
    if dem:
        yy, xx = np.mgrid[0:size, 0:size]
        data = (400.0 - np.hypot(xx - size / 2, yy - size / 2)).astype(np.float32)[None]
    else:
        data = np.zeros((3, size, size), np.uint8)
        data[0, :, : size // 2] = 220
        data[2, :, size // 2 :] = 220
    with rasterio.open(
        path,
        "w",
        driver="GTiff",
        width=size,
        height=size,
        count=data.shape[0],
        dtype=data.dtype,
        crs=crs,
        transform=transform,
    ) as ds:
        ds.write(data)
    return path


def write_osm(path: Path) -> Path:
    """A small OSM extract: a primary road named in three languages, a river, a building, a park
    and a pond (a multipolygon relation)."""
    import osmium

    lon, lat = CENTRE
    if path.exists():
        path.unlink()
    writer = osmium.SimpleWriter(str(path))
    nodes = {
        1: (lon - 0.02, lat),
        2: (lon, lat),
        3: (lon + 0.02, lat),
        4: (lon - 0.02, lat - 0.01),
        5: (lon + 0.02, lat - 0.012),
        10: (lon + 0.001, lat + 0.001),
        11: (lon + 0.002, lat + 0.001),
        12: (lon + 0.002, lat + 0.002),
        13: (lon + 0.001, lat + 0.002),
        20: (lon - 0.01, lat + 0.005),
        21: (lon - 0.005, lat + 0.005),
        22: (lon - 0.005, lat + 0.01),
        23: (lon - 0.01, lat + 0.01),
        30: (lon + 0.005, lat - 0.006),
        31: (lon + 0.008, lat - 0.006),
        32: (lon + 0.008, lat - 0.004),
        33: (lon + 0.005, lat - 0.004),
    }
    for node_id, (x, y) in nodes.items():
        writer.add_node(osmium.osm.mutable.Node(id=node_id, location=(x, y), version=1))
    ways = [
        (
            100,
            [1, 2, 3],
            {
                "highway": "primary",
                "name": "شارع بارون",
                "name:en": "Baron Street",
                "name:ar": "شارع بارون",
            },
        ),
        (101, [4, 5], {"waterway": "river", "name": "Queiq"}),
        (102, [10, 11, 12, 13, 10], {"building": "yes"}),
        (103, [20, 21, 22, 23, 20], {"leisure": "park", "name": "Public Park"}),
    ]
    ways.append((104, [30, 31, 32, 33, 30], {}))  # the outer ring of a multipolygon (a pond)
    for way_id, refs, tags in ways:
        writer.add_way(osmium.osm.mutable.Way(id=way_id, nodes=refs, tags=tags, version=1))
    writer.add_relation(
        osmium.osm.mutable.Relation(
            id=200,
            members=[("w", 104, "outer")],
            tags={"type": "multipolygon", "natural": "water"},
            version=1,
        )
    )
    writer.close()
    return path


def write_all(folder: Path) -> dict[str, Path]:
    """One sample of each kind in `folder`: what the self-test opens."""
    folder.mkdir(parents=True, exist_ok=True)
    return {
        "mbtiles": write_mbtiles(folder / "sample.mbtiles"),
        "pmtiles": write_pmtiles(folder / "sample.pmtiles"),
        "xyz": write_xyz_folder(folder / "sample-xyz"),
        "mvt": write_mvt_folder(folder / "sample-mvt"),
        "gpkg": write_gpkg(folder / "sample.gpkg"),
        "geojson": write_vector(folder / "sample.geojson", driver="GeoJSON"),
        "geotiff": write_geotiff(folder / "sample.tif"),
        "dem": write_geotiff(folder / "sample-dem.tif", dem=True),
        "osm": write_osm(folder / "sample.osm.pbf"),
    }


def describe(paths: dict[str, Path]) -> str:
    return json.dumps({k: str(v) for k, v in paths.items()})
