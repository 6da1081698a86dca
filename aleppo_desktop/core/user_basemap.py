"""The user's own basemaps, read without Qt: tile pyramids, vector files, GeoTIFFs and OSM extracts.

Every reader turns a local file into arrays in the map CRS (UTM 37N) or into tile bytes with an exact
grid, so `render/user_layers.py` only decodes and draws. Libraries, not hand-written parsers: SQLite for
MBTiles and GeoPackage tiles, `pmtiles` for PMTiles, pyogrio (GDAL) for vector files, rasterio (GDAL)
for GeoTIFF, `osmium` for `.osm.pbf`, `mapbox-vector-tile` for MVT. Nothing here opens a network
connection: only existing local paths are accepted (no `/vsicurl/`, no URLs) and GDAL's network drivers
are skipped.
"""

from __future__ import annotations

import gzip
import math
import os
import sqlite3
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from pyproj import CRS, Transformer

from aleppo_desktop.core.geometry import MAP_CRS, WGS84

# The GDAL drivers a basemap may be read with: file formats only, so no service driver (WMS, WFS, OAPIF,
# ...) and no /vsicurl/ source is ever opened; paths must exist locally (check_local).
VECTOR_DRIVERS = ("GPKG", "ESRI Shapefile", "GeoJSON", "KML", "LIBKML", "FlatGeobuf")
RASTER_DRIVER = "GTiff"  # Cloud-optimised GeoTIFFs are GeoTIFFs

WEB_MERCATOR = "EPSG:3857"
MERCATOR_HALF = 20037508.342789244
TILE_KINDS = ("mbtiles", "pmtiles", "xyz", "gpkg-tiles")
KINDS = (*TILE_KINDS, "vector", "geotiff", "osm")
VECTOR_SUFFIXES = (".gpkg", ".shp", ".geojson", ".json", ".kml", ".fgb")
RASTER_SUFFIXES = (".tif", ".tiff", ".gtiff")
OSM_SUFFIXES = (".osm.pbf", ".pbf", ".osm")
RASTER_MAX_SIDE = 4096  # a GeoTIFF is warped into at most this many pixels a side
RASTER_MAX_SOURCE_PIXELS = 400_000_000  # larger images need overviews (gdaladdo)
LANGUAGES = ("name", "name:en", "name:ar")


class BasemapError(Exception):
    """A basemap that cannot be shown: the message names the file and says what is wrong."""

    def __init__(self, path: str | Path, message: str):
        self.path = str(path)
        self.reason = message
        super().__init__(f"{Path(path).name}: {message}")


@dataclass
class BasemapSpec:
    """One user basemap as the Layers dock, the settings and the scenario keep it."""

    path: str
    opacity: float = 1.0
    visible: bool = True
    language: str = "name"  # which OSM name tag labels use

    def to_dict(self, relative_to: Path | None = None) -> dict:
        path = self.path
        if relative_to is not None:
            try:
                path = os.path.relpath(self.path, relative_to)
            except ValueError:  # another drive (Windows): keep it absolute
                path = self.path
        return {
            "path": path.replace(os.sep, "/"),
            "opacity": self.opacity,
            "visible": self.visible,
            "language": self.language,
        }

    @classmethod
    def from_dict(cls, data: dict, relative_to: Path | None = None) -> BasemapSpec:
        path = Path(str(data["path"]))
        if not path.is_absolute() and relative_to is not None:
            path = (relative_to / path).resolve()
        language = str(data.get("language", "name"))
        return cls(
            str(path),
            float(min(max(float(data.get("opacity", 1.0)), 0.0), 1.0)),
            bool(data.get("visible", True)),
            language if language in LANGUAGES else "name",
        )


def check_local(path: str | Path) -> Path:
    """The path as a local file or folder that exists; URLs and GDAL virtual paths are refused."""
    text = str(path)
    if "://" in text or text.startswith("/vsi"):
        raise BasemapError(path, "only local files can be basemaps (no URLs or /vsi paths)")
    p = Path(text)
    if not p.exists():
        raise BasemapError(path, "file not found")
    return p


def basemap_kind(path: str | Path) -> str:
    """What kind of basemap a path holds, from its name (folders are XYZ/TMS tile folders)."""
    p = check_local(path)
    name = p.name.lower()
    if p.is_dir():
        return "xyz"
    if name.endswith(".mbtiles"):
        return "mbtiles"
    if name.endswith(".pmtiles"):
        return "pmtiles"
    if name.endswith(OSM_SUFFIXES):
        return "osm"
    if name.endswith(RASTER_SUFFIXES):
        return "geotiff"
    if name.endswith(".gpkg"):
        return "gpkg-tiles" if gpkg_tile_tables(p) else "vector"
    if name.endswith(VECTOR_SUFFIXES):
        return "vector"
    raise BasemapError(path, f"unknown basemap type '{p.suffix}' (see docs/basemaps.md)")


_local = threading.local()


def _transformer(source: str, target: str) -> Transformer:
    """A transformer for this thread: pyproj's are not safe to share between threads (tiles are
    placed on the decoding threads while the UI thread asks which tiles a view needs)."""
    cached = getattr(_local, "transformers", None)
    if cached is None:
        cached = _local.transformers = {}
    transformer = cached.get((source, target))
    if transformer is None:
        transformer = cached[(source, target)] = Transformer.from_crs(
            source, target, always_xy=True
        )
    return transformer


def to_map_xy(x: np.ndarray, y: np.ndarray, crs: str) -> tuple[np.ndarray, np.ndarray]:
    """Coordinates in `crs` projected to the map CRS (metres)."""
    if crs == MAP_CRS:
        return np.asarray(x, float), np.asarray(y, float)
    mx, my = _transformer(crs, MAP_CRS).transform(np.asarray(x, float), np.asarray(y, float))
    return np.asarray(mx), np.asarray(my)


def from_map_xy(x: np.ndarray, y: np.ndarray, crs: str) -> tuple[np.ndarray, np.ndarray]:
    sx, sy = _transformer(MAP_CRS, crs).transform(np.asarray(x, float), np.asarray(y, float))
    return np.asarray(sx), np.asarray(sy)


# --- tile pyramids -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ZoomLevel:
    zoom: int
    span_x: float  # one tile's width in the grid CRS
    span_y: float
    columns: int
    rows: int
    tile_px: int


@dataclass
class TileGrid:
    """Where tiles lie: the grid's CRS, its top-left corner and each zoom level's tile size."""

    crs: str
    left: float
    top: float
    levels: dict[int, ZoomLevel]

    @classmethod
    def web_mercator(cls, zooms, tile_px: int = 256) -> TileGrid:
        levels = {}
        for z in zooms:
            span = 2 * MERCATOR_HALF / 2**z
            levels[z] = ZoomLevel(z, span, span, 2**z, 2**z, tile_px)
        return cls(WEB_MERCATOR, -MERCATOR_HALF, MERCATOR_HALF, levels)

    def tile_corners(self, z: int, x: int, y: int) -> np.ndarray:
        """The tile's corners (top-left, top-right, bottom-right, bottom-left) in the map CRS."""
        level = self.levels[z]
        x0 = self.left + x * level.span_x
        y0 = self.top - y * level.span_y
        xs = np.array([x0, x0 + level.span_x, x0 + level.span_x, x0])
        ys = np.array([y0, y0, y0 - level.span_y, y0 - level.span_y])
        mx, my = to_map_xy(xs, ys, self.crs)
        return np.column_stack([mx, my])

    def tile_point(self, z: int, x: int, y: int, u: np.ndarray, v: np.ndarray) -> np.ndarray:
        """Exact map-CRS position of tile pixel coordinates (u, v in 0..tile_px)."""
        level = self.levels[z]
        gx = self.left + (x + np.asarray(u) / level.tile_px) * level.span_x
        gy = self.top - (y + np.asarray(v) / level.tile_px) * level.span_y
        mx, my = to_map_xy(gx, gy, self.crs)
        return np.column_stack([mx, my])

    def ground_resolution(self, z: int, at_map: tuple[float, float]) -> float:
        """Metres (map CRS) per tile pixel at zoom z near a map point."""
        level = self.levels[z]
        gx, gy = from_map_xy(np.array([at_map[0]]), np.array([at_map[1]]), self.crs)
        step = level.span_x / level.tile_px
        mx, my = to_map_xy(np.array([gx[0], gx[0] + step]), np.array([gy[0], gy[0]]), self.crs)
        return float(math.hypot(mx[1] - mx[0], my[1] - my[0]))

    def zoom_for(self, metres_per_px: float, at_map: tuple[float, float]) -> int:
        """The coarsest zoom whose pixels are at least as fine as the screen's (clamped)."""
        zooms = sorted(self.levels)
        for z in zooms:
            if self.ground_resolution(z, at_map) <= metres_per_px * 1.01:
                return z
        return zooms[-1]

    def tiles_in(
        self, z: int, map_rect: tuple[float, float, float, float]
    ) -> list[tuple[int, int]]:
        """The (x, y) tiles of zoom z covering a map-CRS rectangle (xmin, ymin, xmax, ymax)."""
        level = self.levels[z]
        xmin, ymin, xmax, ymax = map_rect
        t = np.linspace(0.0, 1.0, 5)
        bx = np.concatenate(
            [xmin + (xmax - xmin) * t, np.full(5, xmax), xmin + (xmax - xmin) * t, np.full(5, xmin)]
        )
        by = np.concatenate(
            [np.full(5, ymin), ymin + (ymax - ymin) * t, np.full(5, ymax), ymin + (ymax - ymin) * t]
        )
        gx, gy = from_map_xy(bx, by, self.crs)
        if not (np.isfinite(gx).all() and np.isfinite(gy).all()):
            return []
        c0 = max(math.floor((gx.min() - self.left) / level.span_x), 0)
        c1 = min(math.floor((gx.max() - self.left) / level.span_x), level.columns - 1)
        r0 = max(math.floor((self.top - gy.max()) / level.span_y), 0)
        r1 = min(math.floor((self.top - gy.min()) / level.span_y), level.rows - 1)
        return [(c, r) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)]


def homography(src: np.ndarray, dst: np.ndarray) -> np.ndarray:
    """The 3x3 projective map taking four source points to four destination points."""
    rows, rhs = [], []
    for (u, v), (x, y) in zip(src, dst, strict=True):
        rows.append([u, v, 1, 0, 0, 0, -u * x, -v * x])
        rows.append([0, 0, 0, u, v, 1, -u * y, -v * y])
        rhs.extend([x, y])
    h = np.linalg.solve(np.array(rows, float), np.array(rhs, float))
    return np.append(h, 1.0).reshape(3, 3)


def apply_homography(h: np.ndarray, u: np.ndarray, v: np.ndarray) -> np.ndarray:
    w = h[2, 0] * u + h[2, 1] * v + h[2, 2]
    return np.column_stack(
        [(h[0, 0] * u + h[0, 1] * v + h[0, 2]) / w, (h[1, 0] * u + h[1, 1] * v + h[1, 2]) / w]
    )


@dataclass(frozen=True)
class TilePiece:
    """Part of a tile (pixels u0..u1, v0..v1) placed by one projective map into the map CRS."""

    u0: float
    v0: float
    u1: float
    v1: float
    h: np.ndarray  # tile pixel (u, v) -> map CRS (x, y)
    error_m: float  # the largest distance between the map and the exact projection, sampled


def tile_pieces(
    grid: TileGrid, z: int, x: int, y: int, max_error_m: float, depth: int = 4
) -> list[TilePiece]:
    """Placements of a tile in the map CRS whose error stays below `max_error_m`: the whole tile by
    its four corners, split in four while the sampled error (a 5x5 grid) is larger."""
    px = grid.levels[z].tile_px

    def place(u0: float, v0: float, u1: float, v1: float, level: int) -> list[TilePiece]:
        s = np.linspace(0.0, 1.0, 5)
        uu, vv = (a.ravel() for a in np.meshgrid(u0 + (u1 - u0) * s, v0 + (v1 - v0) * s))
        exact = grid.tile_point(z, x, y, uu, vv)
        # an affine map (least squares over the samples) draws fastest; projective if it is not
        # exact enough; split the tile if neither is
        coeffs, *_ = np.linalg.lstsq(np.column_stack([uu, vv, np.ones_like(uu)]), exact, rcond=None)
        affine = np.vstack([coeffs.T, [0.0, 0.0, 1.0]])
        error = float(np.max(np.hypot(*(apply_homography(affine, uu, vv) - exact).T)))
        if error <= max_error_m:
            return [TilePiece(u0, v0, u1, v1, affine, error)]
        src = np.array([[u0, v0], [u1, v0], [u1, v1], [u0, v1]], float)
        h = homography(src, grid.tile_point(z, x, y, src[:, 0], src[:, 1]))
        error = float(np.max(np.hypot(*(apply_homography(h, uu, vv) - exact).T)))
        if error <= max_error_m or level >= depth:
            return [TilePiece(u0, v0, u1, v1, h, error)]
        um, vm = (u0 + u1) / 2, (v0 + v1) / 2
        return [
            *place(u0, v0, um, vm, level + 1),
            *place(um, v0, u1, vm, level + 1),
            *place(u0, vm, um, v1, level + 1),
            *place(um, vm, u1, v1, level + 1),
        ]

    return place(0.0, 0.0, float(px), float(px), 0)


def place_tiles(
    grid: TileGrid, z: int, tiles: list[tuple[int, int]], max_error_m: float
) -> list[list[TilePiece]]:
    """`tile_pieces` for many tiles of one zoom at once: the affine fit of every whole tile from one
    projection call and one matrix product (the tiles a frame newly shows, placed in a millisecond
    or two rather than one each); a tile the affine map does not place well enough is split by
    `tile_pieces` as before."""
    if not tiles:
        return []
    px = grid.levels[z].tile_px
    s = np.linspace(0.0, float(px), 5)
    uu, vv = (a.ravel() for a in np.meshgrid(s, s))
    level = grid.levels[z]
    xs = np.array([t[0] for t in tiles], float)[:, None]
    ys = np.array([t[1] for t in tiles], float)[:, None]
    gx = grid.left + (xs + uu / px) * level.span_x
    gy = grid.top - (ys + vv / px) * level.span_y
    mx, my = to_map_xy(gx.ravel(), gy.ravel(), grid.crs)
    exact = np.stack([mx.reshape(gx.shape), my.reshape(gy.shape)], axis=-1)  # (tiles, 25, 2)
    design = np.column_stack([uu, vv, np.ones_like(uu)])
    coeffs = np.linalg.pinv(design) @ exact  # (tiles, 3, 2): least squares, as tile_pieces
    errors = np.hypot(*np.moveaxis(design @ coeffs - exact, -1, 0)).max(axis=1)
    placed = []
    for (x, y), c, error in zip(tiles, coeffs, errors, strict=True):
        if error <= max_error_m:
            affine = np.vstack([c.T, [0.0, 0.0, 1.0]])
            placed.append([TilePiece(0.0, 0.0, float(px), float(px), affine, float(error))])
        else:
            placed.append(tile_pieces(grid, z, x, y, max_error_m))
    return placed


class TileSource:
    """A tile pyramid: `tile(z, x, y)` gives a tile's bytes (x, y from the top-left) or None.

    Safe to call from the decoding threads (one lock around the file)."""

    kind = ""
    path: Path
    grid: TileGrid
    tile_format = "png"  # png, jpg, webp or pbf (vector tiles)
    name = ""

    def __init__(self) -> None:
        self._lock = threading.Lock()

    @property
    def min_zoom(self) -> int:
        return min(self.grid.levels)

    @property
    def max_zoom(self) -> int:
        return max(self.grid.levels)

    def tile(self, z: int, x: int, y: int) -> bytes | None:
        raise NotImplementedError

    def close(self) -> None:
        pass


def _connect(path: Path) -> sqlite3.Connection:
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        connection.execute("SELECT name FROM sqlite_master LIMIT 1").fetchall()
    except sqlite3.Error as exc:
        raise BasemapError(path, f"not a readable SQLite tile database ({exc})") from None
    return connection


def _format_of(data: bytes | None, declared: str = "") -> str:
    if declared in ("png", "jpg", "jpeg", "webp", "pbf", "mvt"):
        return {"jpeg": "jpg", "mvt": "pbf"}.get(declared, declared)
    if data:
        if data.startswith(b"\x89PNG"):
            return "png"
        if data.startswith(b"\xff\xd8"):
            return "jpg"
        if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
            return "webp"
        return "pbf"
    return "png"


class _SqliteTileSource(TileSource):
    """Tiles in a SQLite table (`_table()`: zoom_level, tile_column, tile_row, tile_data)."""

    db: sqlite3.Connection

    def _table(self) -> str:
        return "tiles"

    def _row(self, z: int, y: int) -> int:
        """The table's tile_row of the tile y rows from the top at zoom z."""
        return y

    def tile(self, z: int, x: int, y: int) -> bytes | None:
        with self._lock:
            try:
                row = self.db.execute(
                    f'SELECT tile_data FROM "{self._table()}" WHERE zoom_level=? AND tile_column=? AND tile_row=?',
                    (z, x, self._row(z, y)),
                ).fetchone()
            except sqlite3.Error as exc:
                raise BasemapError(self.path, f"tile {z}/{x}/{y} cannot be read ({exc})") from None
        return bytes(row[0]) if row and row[0] is not None else None

    def close(self) -> None:
        self.db.close()


class MBTilesSource(_SqliteTileSource):
    """MBTiles 1.3: a SQLite `tiles` table in TMS rows (row 0 at the bottom), Web Mercator."""

    kind = "mbtiles"

    def __init__(self, path: Path):
        super().__init__()
        self.path = path
        self.db = _connect(path)
        try:
            meta = dict(self.db.execute("SELECT name, value FROM metadata").fetchall())
            low, high = self.db.execute(
                "SELECT MIN(zoom_level), MAX(zoom_level) FROM tiles"
            ).fetchone()
            sample = self.db.execute("SELECT tile_data FROM tiles LIMIT 1").fetchone()
            zooms = [
                z
                for z in range(int(low or 0), int(high or -1) + 1)
                if self.db.execute(
                    "SELECT 1 FROM tiles WHERE zoom_level=? LIMIT 1", (z,)
                ).fetchone()
            ]
        except sqlite3.Error as exc:
            self.db.close()
            raise BasemapError(path, f"not a valid MBTiles file ({exc})") from None
        if not zooms:
            self.db.close()
            raise BasemapError(path, "the MBTiles file holds no tiles")
        self.name = str(meta.get("name") or path.stem)
        self.tile_format = _format_of(
            sample[0] if sample else None, str(meta.get("format", "")).lower()
        )
        self.grid = TileGrid.web_mercator(zooms)

    def _row(self, z: int, y: int) -> int:
        return (1 << z) - 1 - y  # TMS: row 0 at the bottom


def gpkg_tile_tables(path: Path) -> list[str]:
    """The tile pyramid tables a GeoPackage declares (empty for a vector-only GeoPackage)."""
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            rows = db.execute(
                "SELECT table_name FROM gpkg_contents WHERE data_type='tiles'"
            ).fetchall()
        finally:
            db.close()
    except sqlite3.Error as exc:
        raise BasemapError(path, f"not a readable GeoPackage ({exc})") from None
    return [r[0] for r in rows]


class GpkgTileSource(_SqliteTileSource):
    """A GeoPackage tile pyramid (row 0 at the top) in the CRS of its tile matrix set."""

    kind = "gpkg-tiles"

    def __init__(self, path: Path, table: str | None = None):
        super().__init__()
        self.path = path
        tables = gpkg_tile_tables(path)
        if not tables:
            raise BasemapError(path, "the GeoPackage has no tile tables")
        self.table = table if table in tables else tables[0]
        self.name = f"{path.stem} ({self.table})"
        self.db = _connect(path)
        try:
            srs_id, left, _bottom, _right, top = self.db.execute(
                "SELECT srs_id, min_x, min_y, max_x, max_y FROM gpkg_tile_matrix_set WHERE table_name=?",
                (self.table,),
            ).fetchone()
            org, code, definition = self.db.execute(
                "SELECT organization, organization_coordsys_id, definition FROM gpkg_spatial_ref_sys WHERE srs_id=?",
                (srs_id,),
            ).fetchone()
            matrices = self.db.execute(
                "SELECT zoom_level, matrix_width, matrix_height, tile_width, pixel_x_size, pixel_y_size FROM gpkg_tile_matrix WHERE table_name=?",
                (self.table,),
            ).fetchall()
            sample = self.db.execute(f'SELECT tile_data FROM "{self.table}" LIMIT 1').fetchone()
        except (sqlite3.Error, TypeError) as exc:
            self.db.close()
            raise BasemapError(path, f"the GeoPackage tile table is incomplete ({exc})") from None
        crs = _gpkg_crs(path, org, code, definition)
        levels = {
            int(z): ZoomLevel(int(z), w_px * px, w_px * py, int(cols), int(rows), int(w_px))
            for z, cols, rows, w_px, px, py in matrices
        }
        if not levels:
            self.db.close()
            raise BasemapError(path, "the GeoPackage tile table has no zoom levels")
        self.grid = TileGrid(crs, float(left), float(top), levels)
        self.tile_format = _format_of(sample[0] if sample else None)

    def _table(self) -> str:
        return self.table


def _gpkg_crs(path: Path, org: str, code: int, definition: str) -> str:
    try:
        if org and org.upper() == "EPSG":
            return f"EPSG:{int(code)}"
        return CRS.from_user_input(definition).to_string()
    except Exception:
        raise BasemapError(path, f"unknown CRS ({org}:{code})") from None


class PMTilesSource(TileSource):
    """PMTiles v3 through the `pmtiles` package (memory-mapped, Web Mercator)."""

    kind = "pmtiles"

    def __init__(self, path: Path):
        super().__init__()
        from pmtiles.reader import MmapSource, Reader

        self.path = path
        self._file = open(path, "rb")  # noqa: SIM115 - kept open for the memory map
        try:
            self.reader = Reader(MmapSource(self._file))
            header = self.reader.header()
        except Exception as exc:
            self._file.close()
            raise BasemapError(
                path, f"not a valid PMTiles v3 file ({exc or type(exc).__name__})"
            ) from None
        self.name = path.stem
        types = {1: "pbf", 2: "png", 3: "jpg", 4: "webp"}
        self.tile_format = types.get(
            int(
                header["tile_type"].value
                if hasattr(header["tile_type"], "value")
                else header["tile_type"]
            ),
            "png",
        )
        self.grid = TileGrid.web_mercator(
            range(int(header["min_zoom"]), int(header["max_zoom"]) + 1)
        )

    def tile(self, z: int, x: int, y: int) -> bytes | None:
        with self._lock:
            try:
                data = self.reader.get(z, x, y)
            except Exception as exc:
                raise BasemapError(self.path, f"tile {z}/{x}/{y} cannot be read ({exc})") from None
        return data

    def close(self) -> None:
        self._file.close()


class FolderTileSource(TileSource):
    """An XYZ tile folder `z/x/y.ext` (a `tms` marker file or `tms` in the folder name: TMS rows)."""

    kind = "xyz"

    def __init__(self, path: Path):
        super().__init__()
        self.path = path
        zooms = sorted(int(p.name) for p in path.iterdir() if p.is_dir() and p.name.isdigit())
        if not zooms:
            raise BasemapError(path, "no zoom folders (z/x/y.png) in this folder")
        self.ext = ""
        for ext in ("png", "jpg", "jpeg", "webp", "pbf", "mvt"):
            if next(path.glob(f"{zooms[0]}/*/*.{ext}"), None) is not None:
                self.ext = ext
                break
        if not self.ext:
            raise BasemapError(path, "no tiles (png, jpg, webp or pbf) in the zoom folders")
        self.tms = (path / "tms").exists() or "tms" in path.name.lower()
        self.tile_format = _format_of(None, self.ext)
        self.name = path.name
        self.grid = TileGrid.web_mercator(zooms)

    def tile(self, z: int, x: int, y: int) -> bytes | None:
        row = (1 << z) - 1 - y if self.tms else y
        f = self.path / str(z) / str(x) / f"{row}.{self.ext}"
        return f.read_bytes() if f.is_file() else None


def open_tile_source(path: str | Path, kind: str | None = None) -> TileSource:
    p = check_local(path)
    kind = kind or basemap_kind(p)
    if kind == "mbtiles":
        return MBTilesSource(p)
    if kind == "pmtiles":
        return PMTilesSource(p)
    if kind == "xyz":
        return FolderTileSource(p)
    if kind == "gpkg-tiles":
        return GpkgTileSource(p)
    raise BasemapError(path, f"not a tile pyramid ({kind})")


# --- vector tiles --------------------------------------------------------------------------------------

MVT_EXTENT = 4096


def decode_mvt(data: bytes) -> dict[str, list[tuple[str, list[np.ndarray], dict]]]:
    """A vector tile's layers as (kind, parts in tile units with y down, properties) per feature.

    kind is 'polygon' (parts are rings), 'line' or 'point'."""
    import mapbox_vector_tile

    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    tile = mapbox_vector_tile.decode(data, default_options={"y_coord_down": True})
    out: dict[str, list[tuple[str, list[np.ndarray], dict]]] = {}
    for layer_name, layer in tile.items():
        extent = float(layer.get("extent", MVT_EXTENT))
        features = []
        for feature in layer.get("features", []):
            geometry = feature.get("geometry") or {}
            gtype, coords = geometry.get("type", ""), geometry.get("coordinates", [])
            scale = MVT_EXTENT / extent
            if gtype in ("Polygon", "MultiPolygon"):
                polys = [coords] if gtype == "Polygon" else coords
                rings = [
                    np.asarray(r, float) * scale for poly in polys for r in poly if len(r) >= 3
                ]
                features.append(("polygon", rings, feature.get("properties", {})))
            elif gtype in ("LineString", "MultiLineString"):
                lines = [coords] if gtype == "LineString" else coords
                parts = [np.asarray(line, float) * scale for line in lines if len(line) >= 2]
                features.append(("line", parts, feature.get("properties", {})))
            elif gtype in ("Point", "MultiPoint"):
                pts = [coords] if gtype == "Point" else coords
                parts = [np.asarray(pts, float).reshape(-1, 2) * scale]
                features.append(("point", parts, feature.get("properties", {})))
        out[layer_name] = features
    return out


# --- vector files and OSM ------------------------------------------------------------------------------


@dataclass
class FeatureGroup:
    """Geometry of one style in the map CRS: polygon rings, lines or points, with optional labels."""

    style: str  # 'polygon', 'line', 'point' or an OSM class (road_major, water, building, ...)
    kind: str  # 'polygon', 'line' or 'point'
    parts: list[np.ndarray] = field(default_factory=list)
    labels: list[tuple[str, float, float]] = field(default_factory=list)
    # or, for millions of parts (OSM), every vertex in one (n, 2) array and each part's vertex count
    coords: np.ndarray | None = None
    counts: np.ndarray | None = None
    # how many leading parts stand alone (an OSM way each), so they may be drawn apart in cells;
    # the rest (a multipolygon's outer and inner rings) are drawn together
    standalone: int = 0

    def flat(self) -> tuple[np.ndarray, np.ndarray]:
        """Every vertex in one (n, 2) array and each part's vertex count."""
        if self.coords is not None and self.counts is not None:
            return self.coords, self.counts
        parts = [p for p in self.parts if len(p)]
        if not parts:
            return np.empty((0, 2)), np.empty(0, np.int64)
        return np.concatenate(parts), np.array([len(p) for p in parts])

    def part(self, index: int) -> np.ndarray:
        coords, counts = self.flat()
        start = int(counts[:index].sum())
        return coords[start : start + int(counts[index])]

    def part_count(self) -> int:
        """How many parts (rings, lines or point sets)."""
        return len(self.counts) if self.counts is not None else len(self.parts)


@dataclass
class VectorData:
    name: str
    groups: dict[str, FeatureGroup]

    def group(self, style: str, kind: str) -> FeatureGroup:
        g = self.groups.get(style)
        if g is None:
            g = self.groups[style] = FeatureGroup(style, kind)
        return g

    def bounds(self) -> tuple[float, float, float, float] | None:
        arrays = [coords for coords, _counts in (g.flat() for g in self.groups.values())]
        allxy = np.concatenate(arrays) if arrays else np.empty((0, 2))
        if not len(allxy):
            return None
        (xmin, ymin), (xmax, ymax) = allxy.min(axis=0), allxy.max(axis=0)
        return float(xmin), float(ymin), float(xmax), float(ymax)


def _add_geometry(data: VectorData, geometry: shapely.Geometry, label: str = "") -> None:
    for part in shapely.get_parts(geometry):
        kind = part.geom_type
        if part.is_empty:
            continue
        if kind == "Polygon":
            g = data.group("polygon", "polygon")
            g.parts.append(shapely.get_coordinates(part.exterior))
            g.parts.extend(shapely.get_coordinates(h) for h in part.interiors)
        elif kind in ("LineString", "LinearRing"):
            data.group("line", "line").parts.append(shapely.get_coordinates(part))
        elif kind == "Point":
            g = data.group("point", "point")
            g.parts.append(shapely.get_coordinates(part))
            if label:
                g.labels.append((label, part.x, part.y))
        elif kind == "GeometryCollection":
            _add_geometry(data, part, label)


def vector_layers(path: str | Path) -> Iterator[tuple[str, dict, np.ndarray, list, str]]:
    """Each layer with geometry of a GeoPackage, Shapefile, GeoJSON, KML or FlatGeobuf as read by
    pyogrio: (name, meta, WKB geometries, field arrays, CRS). A file or layer that cannot be read,
    or a layer without a CRS, raises BasemapError naming it."""
    import pyogrio
    import pyogrio.raw

    p = check_local(path)
    if p.stat().st_size == 0:
        raise BasemapError(path, "the file is empty (0 bytes)")
    try:
        layers = pyogrio.list_layers(p)
        driver = pyogrio.read_info(p, layer=0).get("driver")
    except Exception as exc:
        raise BasemapError(path, f"not a readable vector file ({first_line(exc)})") from None
    if driver not in VECTOR_DRIVERS:
        raise BasemapError(path, f"{driver} files are not read as basemaps (see docs/basemaps.md)")
    for layer_name, geometry_type in layers:
        if geometry_type is None:
            continue  # an attribute table
        try:
            meta, _fids, wkb, fields = pyogrio.raw.read(p, layer=str(layer_name), force_2d=True)
        except Exception as exc:
            raise BasemapError(
                path, f"layer '{layer_name}' cannot be read ({first_line(exc)})"
            ) from None
        crs = meta.get("crs")
        if not crs:
            raise BasemapError(path, f"layer '{layer_name}' has an unknown CRS (no .prj / SRS)")
        yield str(layer_name), meta, wkb, fields, str(crs)


def layer_transformer(path: str | Path, layer_name: str, crs: str, target: str) -> Transformer:
    """The transformer from a vector layer's CRS (as `vector_layers` gives it) to `target`; one
    PROJ does not know raises BasemapError naming the file and layer."""
    try:
        return _transformer(crs, target)
    except Exception:
        raise BasemapError(path, f"layer '{layer_name}' has an unknown CRS ({crs})") from None


def read_vector(path: str | Path) -> VectorData:
    """Every vector layer of a GeoPackage, Shapefile, GeoJSON, KML or FlatGeobuf, in the map CRS."""
    data = VectorData(check_local(path).stem, {})
    for layer_name, meta, wkb, fields, crs in vector_layers(path):
        transformer = layer_transformer(path, layer_name, crs, MAP_CRS)
        geometries = shapely.from_wkb(wkb[np.array([g is not None for g in wkb], bool)])
        projected = shapely.transform(
            geometries, lambda xy, t=transformer: np.column_stack(t.transform(xy[:, 0], xy[:, 1]))
        )
        names = list(meta.get("fields", []))
        name_col = next(
            (fields[names.index(n)] for n in ("name", "Name", "NAME") if n in names), None
        )
        keep = [i for i, g in enumerate(wkb) if g is not None]
        for j, geometry in enumerate(projected):
            label = str(name_col[keep[j]]) if name_col is not None and name_col[keep[j]] else ""
            _add_geometry(data, geometry, label)
    if not data.groups:
        raise BasemapError(path, "no features with geometry")
    return data


def first_line(exc: Exception) -> str:
    """An exception's first line (at most 200 characters) for a message naming the file."""
    text = str(exc).strip()
    return (text.splitlines()[0] if text else type(exc).__name__)[:200]


# OSM tags -> basemap classes, drawn bottom to top in this order by render/user_layers.py
OSM_ROAD_MAJOR = {"motorway", "trunk", "primary", "motorway_link", "trunk_link", "primary_link"}
OSM_ROAD_MID = {"secondary", "tertiary", "secondary_link", "tertiary_link"}
OSM_ROAD_MINOR = {
    "residential",
    "unclassified",
    "living_street",
    "service",
    "road",
    "pedestrian",
    "track",
}
OSM_GREEN = {
    "park",
    "grass",
    "forest",
    "meadow",
    "orchard",
    "farmland",
    "cemetery",
    "recreation_ground",
}
OSM_KEYS = ("highway", "railway", "waterway", "natural", "landuse", "leisure", "building")
OSM_STYLES = (
    "landuse",
    "green",
    "water",
    "building",
    "waterway",
    "road_minor",
    "road_mid",
    "road_major",
    "rail",
)


class ImportCancelledError(Exception):
    """The user cancelled an OSM import."""


def osm_class(tags: dict[str, str]) -> tuple[str, str] | None:
    """(style, kind) of an OSM way or area from its tags, or None when the street basemap skips it."""
    highway = tags.get("highway")
    if highway in OSM_ROAD_MAJOR:
        return "road_major", "line"
    if highway in OSM_ROAD_MID:
        return "road_mid", "line"
    if highway in OSM_ROAD_MINOR:
        return "road_minor", "line"
    if tags.get("railway") in ("rail", "light_rail", "tram", "narrow_gauge"):
        return "rail", "line"
    if tags.get("waterway") in ("river", "stream", "canal", "drain"):
        return "waterway", "line"
    if (
        tags.get("natural") == "water"
        or tags.get("waterway") == "riverbank"
        or tags.get("landuse") == "reservoir"
    ):
        return "water", "polygon"
    if "building" in tags:
        return "building", "polygon"
    if (
        tags.get("landuse") in OSM_GREEN
        or tags.get("leisure") in OSM_GREEN
        or tags.get("natural") in ("wood", "scrub")
    ):
        return "green", "polygon"
    if "landuse" in tags:
        return "landuse", "polygon"
    return None


# a PBF is read a megabyte of blocks at a time: progress and the cancel poll come between
OSM_CHUNK_BYTES = 1 << 20
OSM_BATCH = 100_000  # ways read from WKB (and 5 times as many vertices projected) between polls


def _varint(data: bytes, pos: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        byte = data[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        if byte < 0x80:
            return value, pos
        shift += 7


def pbf_chunks(
    data: bytes, chunk_bytes: int = OSM_CHUNK_BYTES
) -> tuple[bytes, list[tuple[int, int]]]:
    """An OSM PBF's header block and the (start, end) byte ranges of runs of its data blocks.

    A PBF is a sequence of self-contained blocks (a 4-byte length, a BlobHeader naming the type and
    the blob's size, the blob), so a run of them after the header block is a valid PBF that
    libosmium reads on its own. Only this framing is read here; osmium decodes the blocks."""
    header = b""
    chunks: list[tuple[int, int]] = []
    pos = start = 0
    while pos < len(data):
        if pos + 4 > len(data):
            raise ValueError(f"truncated block at byte {pos}")
        size = int.from_bytes(data[pos : pos + 4], "big")
        field_pos, end_of_header = pos + 4, pos + 4 + size
        kind, blob_size = b"", -1
        while field_pos < end_of_header:  # BlobHeader: 1 type (string), 2 index data, 3 datasize
            key, field_pos = _varint(data, field_pos)
            if key & 7 == 0:
                value, field_pos = _varint(data, field_pos)
                if key >> 3 == 3:
                    blob_size = value
            elif key & 7 == 2:
                length, field_pos = _varint(data, field_pos)
                if key >> 3 == 1:
                    kind = data[field_pos : field_pos + length]
                field_pos += length
            else:
                raise ValueError(f"unexpected block header at byte {pos}")
        end = end_of_header + blob_size
        if blob_size < 0 or end > len(data):
            raise ValueError(f"truncated block at byte {pos}")
        if kind == b"OSMHeader":
            header = data[pos:end]
            start = end
        elif end - start >= chunk_bytes:
            chunks.append((start, end))
            start = end
        pos = end
    if start < len(data):
        chunks.append((start, len(data)))
    return header, chunks


def read_osm(
    path: str | Path,
    language: str = "name",
    progress: Callable[[float], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> VectorData:
    """An `.osm.pbf` (or .osm) extract as a street basemap in the map CRS: roads by class, railways,
    waterways and water, land use and buildings, named in `language` (falling back to `name`).

    Read with libosmium (pyosmium), chosen over GDAL's OSM driver (measured on the bench's 50 MB
    city extract and a 10 MB one: GDAL's multipolygons layer alone took 5.3 s for 10 MB and failed
    on the 50 MB file; see docs/basemaps.md). The node locations, the tag filter (only ways and
    relations with a drawn key reach Python) and each way's geometry (WKB) are C++; Python only
    classifies the drawn ways by their tags; all coordinates are projected in one call per class.
    A PBF is read a megabyte of blocks at a time into one location index, so `progress` gets the
    fraction of the file read (0..1) and `cancelled` is asked between those runs and every 2000
    drawn objects (ImportCancelledError when it says so). Multipolygon relations are drawn as the
    rings their member ways make (filled even-odd, so inner rings are holes)."""
    import osmium

    p = check_local(path)
    size = p.stat().st_size
    if size == 0:
        raise BasemapError(path, "the file is empty (0 bytes)")
    seen = 0

    def check_cancel() -> None:
        if cancelled is not None and cancelled():
            raise ImportCancelledError(str(p))

    def report(fraction: float) -> None:
        if progress is not None:
            progress(min(max(fraction, 0.0), 0.99))

    wkb = osmium.geom.WKBFactory()
    collected: dict[str, list[bytes]] = {style: [] for style in OSM_STYLES}
    named: dict[str, list[tuple[int, str]]] = {style: [] for style in OSM_STYLES}
    relations: list[tuple[str, list[int]]] = []  # (style, member way ids) of drawn multipolygons
    store = osmium.index.create_map("flex_mem")
    pool = osmium.io.ThreadPool()
    drawn_filters = (
        osmium.filter.EntityFilter(osmium.osm.WAY | osmium.osm.RELATION),
        osmium.filter.KeyFilter(*OSM_KEYS),
    )

    def sources() -> list[tuple[Any, float]]:
        """The file as runs of blocks (a PBF) or whole (XML), with the fraction read after each."""
        if not p.name.lower().endswith(".pbf"):
            return [(str(p), 1.0)]
        data = p.read_bytes()
        header, chunks = pbf_chunks(data, OSM_CHUNK_BYTES)
        return [(osmium.io.FileBuffer(header + data[a:b], "pbf"), b / size) for a, b in chunks]

    def objects(source: Any, *filters: Any, entities: Any = osmium.osm.ALL) -> Any:
        processor = osmium.FileProcessor(source, entities, thread_pool=pool)
        if entities & osmium.osm.NODE:
            # a LocationTable is documented (and handled) though the annotation says str
            processor = processor.with_locations(store)  # type: ignore[arg-type]
        for f in filters:
            processor = processor.with_filter(f)
        return processor

    try:
        parts = sources()
        for source, done in parts:
            check_cancel()
            obj: Any
            for obj in objects(source, *drawn_filters):
                seen += 1
                if seen % 2000 == 0:
                    check_cancel()
                tags = obj.tags
                kind = osm_class(tags)
                if obj.is_relation():
                    if (
                        kind is not None
                        and kind[1] == "polygon"
                        and tags.get("type")
                        in (
                            "multipolygon",
                            "boundary",
                        )
                    ):
                        relations.append((kind[0], [m.ref for m in obj.members if m.type == "w"]))
                    continue
                if kind is None or (kind[1] == "polygon" and not obj.is_closed()):
                    continue
                try:
                    collected[kind[0]].append(bytes.fromhex(wkb.create_linestring(obj)))
                except (osmium.InvalidLocationError, RuntimeError):
                    continue  # a way with a node outside the extract, or fewer than two nodes
                if kind[0].startswith("road"):
                    label = tags.get(language) or tags.get("name")
                    if label:
                        named[kind[0]].append((len(collected[kind[0]]) - 1, label))
            report(0.9 * done)
        members = {ref for _style, refs in relations for ref in refs}
        rings: dict[int, np.ndarray] = {}
        if members:  # the member ways (most untagged, so filtered out above), located by the index
            for source, _done in parts:
                check_cancel()
                for obj in objects(
                    source, osmium.filter.IdFilter(members), entities=osmium.osm.WAY
                ):
                    try:
                        located = [store.get(n.ref) for n in obj.nodes]
                    except (KeyError, osmium.InvalidLocationError):
                        continue
                    rings[obj.id] = np.array([(loc.lon, loc.lat) for loc in located], float)
        report(0.95)
    except ImportCancelledError:
        raise
    except Exception as exc:
        raise BasemapError(path, f"not a readable OSM extract ({first_line(exc)})") from None
    return _osm_groups(p, collected, named, relations, rings, progress, check_cancel)


def _osm_groups(
    p: Path,
    collected: dict[str, list[bytes]],
    named: dict[str, list[tuple[int, str]]],
    relations: list[tuple[str, list[int]]],
    rings: dict[int, np.ndarray],
    progress: Callable[[float], None] | None,
    check_cancel: Callable[[], None],
) -> VectorData:
    """The street basemap's groups from the ways' WKB and the multipolygons' member lines: each
    class's vertices projected in one call, kept as one array and each part's vertex count
    (`check_cancel` between batches, each a small part of a second)."""
    data = VectorData(p.stem, {})
    transformer = _transformer(WGS84, MAP_CRS)
    extra: dict[str, list[shapely.Geometry]] = {}
    for style, refs in relations:  # member lines joined into rings (even-odd fill makes holes)
        lines = [rings[r] for r in refs if r in rings and len(rings[r]) >= 2]
        if not lines:
            continue
        merged = shapely.line_merge(shapely.multilinestrings(lines))
        closed = [g for g in shapely.get_parts(merged) if shapely.is_closed(g)]
        extra.setdefault(style, []).extend(closed)
    done, total = 0, max(sum(len(ways) for ways in collected.values()), 1)
    for style in OSM_STYLES:
        if not collected[style] and style not in extra:
            continue
        # bytes, not osmium's hex strings: GEOS reads them four times faster; in batches with the
        # cancel asked between (a city's buildings take a second or two)
        wkb = np.array(collected[style], dtype=object)
        batches = []
        for start in range(0, len(wkb), OSM_BATCH):
            check_cancel()
            batches.append(shapely.from_wkb(wkb[start : start + OSM_BATCH]))
            done += len(batches[-1])
            if progress is not None:  # 0.95 .. 0.99 while the ways are read and projected
                progress(0.95 + 0.04 * done / total)
        geometries = np.concatenate(batches) if batches else np.empty(0, dtype=object)
        if style in extra:
            geometries = np.concatenate([geometries, np.array(extra[style], dtype=object)])
        if len(geometries) == 0:
            continue
        check_cancel()
        coords, index = shapely.get_coordinates(geometries, return_index=True)
        projected = np.empty_like(coords)
        for start in range(0, len(coords), OSM_BATCH * 5):
            check_cancel()
            part = coords[start : start + OSM_BATCH * 5]
            projected[start : start + len(part), 0], projected[start : start + len(part), 1] = (
                transformer.transform(part[:, 0], part[:, 1])
            )
        kind = "polygon" if style in ("landuse", "green", "water", "building") else "line"
        group = data.groups[style] = FeatureGroup(style, kind)
        group.coords = projected
        group.counts = np.bincount(index, minlength=len(geometries))
        group.standalone = len(collected[style])  # one linestring a way, the relations' rings after
        if named[style]:
            rows = np.array([row for row, _ in named[style]])
            middles = shapely.line_interpolate_point(geometries[rows], 0.5, normalized=True)
            mx, my = transformer.transform(*shapely.get_coordinates(middles).T)
            group.labels = [
                (label, float(lx), float(ly))
                for (_, label), lx, ly in zip(named[style], mx, my, strict=True)
            ]
    if not data.groups:
        raise BasemapError(p, "no roads, railways, water, land use or buildings in this extract")
    if progress is not None:
        progress(1.0)
    return data


# --- GeoTIFF -------------------------------------------------------------------------------------------


@dataclass
class RasterData:
    """An image warped onto a north-up grid in the map CRS: RGBA pixels and their map bounds."""

    name: str
    rgba: np.ndarray  # (rows, cols, 4) uint8
    bounds: tuple[float, float, float, float]  # xmin, ymin, xmax, ymax in the map CRS
    hillshade: bool = False


def hillshade(
    dem: np.ndarray, cell: float, azimuth: float = 315.0, altitude: float = 45.0
) -> np.ndarray:
    """Grey 0..255 shading of an elevation grid (rows north to south, square cells of `cell` metres)."""
    dzdy, dzdx = np.gradient(dem, cell)
    slope = np.arctan(np.hypot(dzdx, dzdy))
    aspect = np.arctan2(-dzdx, dzdy)
    az, alt = math.radians(360.0 - azimuth + 90.0), math.radians(altitude)
    shade = np.sin(alt) * np.cos(slope) + np.cos(alt) * np.sin(slope) * np.cos(az - aspect)
    return np.clip(shade * 255.0, 0, 255).astype(np.uint8)


def read_geotiff(path: str | Path, max_side: int = RASTER_MAX_SIDE) -> RasterData:
    """A GeoTIFF warped exactly (GDAL warp, bilinear) to the map CRS: RGB(A) imagery as is, one
    8-bit band as grey, one band of elevations as a hillshade. No-data pixels are transparent."""
    import rasterio
    from affine import Affine
    from rasterio.warp import Resampling, calculate_default_transform, reproject

    p = check_local(path)
    if p.stat().st_size == 0:
        raise BasemapError(path, "the file is empty (0 bytes)")
    try:
        ds = rasterio.open(p, driver=RASTER_DRIVER)
    except Exception as exc:
        raise BasemapError(path, f"not a readable GeoTIFF ({first_line(exc)})") from None
    with ds:
        if ds.crs is None:
            raise BasemapError(path, "unknown CRS: the GeoTIFF has no georeference")
        if ds.width * ds.height > RASTER_MAX_SOURCE_PIXELS and not ds.overviews(1):
            raise BasemapError(
                path,
                f"the image is {ds.width} x {ds.height} pixels without overviews: add overviews "
                "(gdaladdo) or cut it to the area (gdal_translate -projwin) first",
            )
        try:
            transform, width, height = calculate_default_transform(
                ds.crs, MAP_CRS, ds.width, ds.height, *ds.bounds
            )
        except Exception as exc:
            raise BasemapError(path, f"cannot be placed in UTM 37N ({first_line(exc)})") from None
        scale = max(width / max_side, height / max_side, 1.0)
        width, height = max(int(width / scale), 1), max(int(height / scale), 1)
        transform = transform @ Affine.scale(scale, scale)
        bands = list(range(1, min(ds.count, 4) + 1)) if ds.count >= 3 else [1]
        nodata = ds.nodata
        is_dem = ds.count == 1 and ds.dtypes[0] not in ("uint8",)
        out = np.full((len(bands), height, width), np.nan, np.float32)
        try:
            for i, b in enumerate(bands):
                reproject(
                    rasterio.band(ds, b),
                    out[i],
                    dst_transform=transform,
                    dst_crs=MAP_CRS,
                    resampling=Resampling.bilinear,
                    src_nodata=nodata,
                    dst_nodata=np.nan,
                )
        except Exception as exc:
            raise BasemapError(path, f"cannot be read ({first_line(exc)})") from None
    alpha = np.isfinite(out).all(axis=0)  # outside the image and no-data: transparent
    pixels = np.nan_to_num(out, nan=0.0)
    if is_dem:
        dem = np.where(alpha, out[0], float(np.nanmin(out[0])) if alpha.any() else 0.0)
        grey = hillshade(dem, abs(transform.a))
        rgb = np.stack([grey, grey, grey])
    elif len(bands) == 1:
        grey = np.clip(pixels[0], 0, 255).astype(np.uint8)
        rgb = np.stack([grey, grey, grey])
    else:
        rgb = np.clip(pixels[:3], 0, 255).astype(np.uint8)
        if len(bands) == 4:
            alpha &= pixels[3] > 0
    rgba = np.empty((height, width, 4), np.uint8)
    rgba[..., :3] = np.moveaxis(rgb, 0, -1)
    rgba[..., 3] = np.where(alpha, 255, 0)
    xmin, ymax = transform.c, transform.f
    xmax, ymin = xmin + transform.a * width, ymax + transform.e * height
    return RasterData(p.stem, rgba, (xmin, ymin, xmax, ymax), is_dem)
