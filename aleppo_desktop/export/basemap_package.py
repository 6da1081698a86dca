"""The user's basemaps packaged into the GIS exports: `export gpkg|kml|kmz --basemap FILE`.

GeoPackage, as QGIS's "Package layers" does it, over the map's extent (the scenario's areas with a
margin, `map_extent`):

- vector files: every layer as a feature table in EPSG:4326 with its attributes, each vertex
  reprojected by PROJ from the file's own CRS;
- OSM extracts: the street basemap's classes (roads, railways, water, buildings, ...) as feature
  tables in EPSG:4326, and the names the map writes as a point table;
- raster tile pyramids (MBTiles, PMTiles, tile folders, GeoPackage tiles): the tiles themselves,
  copied byte for byte at every zoom the file holds, in the file's own tile grid (no resampling);
- GeoTIFFs: the pixels the screen shows (the file warped by GDAL to UTM 37N), and vector tiles: the
  screen's drawing of them, each as a tile pyramid in UTM 37N with its overviews.

KML/KMZ: each basemap as a GroundOverlay, the screen's drawing of it warped onto a
longitude/latitude grid (the LatLonBox's own projection), so it lands where it does on the map.
"""

from __future__ import annotations

import math
import re
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from functools import reduce
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from pyproj import CRS
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF
from PySide6.QtGui import QImage, QPainter, QTransform

from aleppo_desktop.core.geometry import MAP_CRS, WGS84
from aleppo_desktop.core.scenario import Scenario
from aleppo_desktop.core.user_basemap import (
    TILE_KINDS,
    BasemapError,
    BasemapSpec,
    ImportCancelledError,
    RasterData,
    TileSource,
    VectorData,
    basemap_kind,
    first_line,
    from_map_xy,
    layer_transformer,
    open_tile_source,
    read_geotiff,
    read_osm,
    to_map_xy,
    vector_layers,
)
from aleppo_desktop.export.atomic import ExportCancelled, Progress, Reporter
from aleppo_desktop.export.gis import GroundOverlay, add_gpkg_layer, gpkg_geometries
from aleppo_desktop.render.offscreen import ensure_gui_app
from aleppo_desktop.render.user_layers import (
    RasterLayer,
    TileCache,
    TileLayer,
    TileLoader,
    UserLayer,
    UserLayers,
)

EXTENT_MARGIN = 0.1  # of the areas' larger side, on each side
MAX_SIDE = 4096  # a drawn basemap (KML overlay, vector tiles) is at most this many pixels a side
TILE_PX = 256
BATCH = 50_000  # features encoded at a time
RASTER_TILE_FORMATS = ("png", "jpg", "webp")
OSM_NOTE = "© OpenStreetMap contributors, ODbL"
Warn = Callable[[str], None]


def map_extent(scenario: Scenario) -> tuple[float, float, float, float]:
    """The map's extent in the map CRS: the areas' bounds with a margin (what gets packaged)."""
    bounds = shapely.total_bounds(np.array([a.geometry for a in scenario.areas], dtype=object))
    xmin, ymin, xmax, ymax = (float(v) for v in bounds)
    pad = max(xmax - xmin, ymax - ymin, 1000.0) * EXTENT_MARGIN
    return xmin - pad, ymin - pad, xmax + pad, ymax + pad


def _skipped(path: str, exc: Exception) -> str:
    """What is wrong with a basemap that cannot be packaged, naming the file."""
    if isinstance(exc, BasemapError):
        return str(exc)
    return f"{Path(path).name}: {first_line(exc)}"


# --- GeoPackage -----------------------------------------------------------------------------------


def package_basemaps(
    db: sqlite3.Connection,
    scenario: Scenario,
    paths: Sequence[str],
    warn: Warn,
    progress: Progress | None = None,
) -> list[str]:
    """Write each basemap into the GeoPackage being written (`db`, inside its transaction); one
    that cannot be read is skipped (`warn` gets a message naming it) and leaves nothing behind.
    The tables written."""
    extent = map_extent(scenario)
    writer = _GpkgWriter(db)
    written: list[str] = []
    report = Reporter(progress, len(paths))
    for n, path in enumerate(paths):
        report(n)  # ExportCancelled when told to stop
        part = Reporter(
            progress,
            1,
            *(report.start + (report.stop - report.start) * k / len(paths) for k in (n, n + 1)),
        ).progress_range()
        db.execute("SAVEPOINT basemap")
        try:
            tables = _package_one(writer, str(Path(path).resolve()), extent, part)
        except ImportCancelledError:  # an OSM extract's reading, stopped by the progress
            raise ExportCancelled() from None
        except (BasemapError, ValueError, OSError, RuntimeError, sqlite3.Error) as exc:
            db.execute("ROLLBACK TO basemap")
            db.execute("RELEASE basemap")
            warn(_skipped(path, exc))
            continue
        db.execute("RELEASE basemap")
        written.extend(tables)
    report(len(paths))
    return written


def _package_one(
    writer: _GpkgWriter, path: str, extent: tuple, progress: Progress | None = None
) -> list[str]:
    """The tables of one basemap; `progress` (0..1) while an OSM extract is read, which stops
    (ImportCancelledError) when the progress says so."""
    kind = basemap_kind(path)
    name = Path(path).name
    if kind in TILE_KINDS:
        source = open_tile_source(path, kind)
        try:
            if source.tile_format in RASTER_TILE_FORMATS:
                return [writer.copy_tiles(source, extent)]
            # vector tiles: drawn as the screen draws them, from the source already open
            layer = TileLayer(BasemapSpec(path), source, TileCache(), TileLoader())
            rgba, bounds = render_layer(layer, extent)
        finally:
            source.close()
        description = f"Basemap {name}: its vector tiles as the map draws them, in UTM 37N"
        return [writer.image_pyramid(name, description, rgba, bounds)]
    if kind == "geotiff":
        data = _crop(read_geotiff(path), extent)
        description = f"Basemap {name}: warped to UTM 37N by GDAL (bilinear), as the map shows it"
        return [writer.image_pyramid(name, description, data.rgba, data.bounds)]
    if kind == "vector":
        return writer.vector_file(Path(path))
    if kind == "osm":
        stop = [False]

        def reading(fraction: float) -> None:
            if progress is not None and progress(fraction) is False:
                stop[0] = True

        return writer.osm(Path(path), read_osm(path, progress=reading, cancelled=lambda: stop[0]))
    raise BasemapError(path, f"unknown basemap type ({kind})")


def _crop(data: RasterData, extent: tuple) -> RasterData:
    """The part of a warped GeoTIFF over the extent, on whole pixels (nothing resampled)."""
    rows, cols = data.rgba.shape[:2]
    xmin, ymin, xmax, ymax = data.bounds
    sx, sy = (xmax - xmin) / cols, (ymax - ymin) / rows
    c0 = max(0, math.floor((extent[0] - xmin) / sx))
    c1 = min(cols, math.ceil((extent[2] - xmin) / sx))
    r0 = max(0, math.floor((ymax - extent[3]) / sy))
    r1 = min(rows, math.ceil((ymax - extent[1]) / sy))
    if c1 <= c0 or r1 <= r0:
        raise BasemapError(data.name, "the image lies outside the map's extent")
    bounds = (xmin + c0 * sx, ymax - r1 * sy, xmin + c1 * sx, ymax - r0 * sy)
    return RasterData(data.name, data.rgba[r0:r1, c0:c1], bounds, data.hillshade)


def _table_name(taken: set[str], *parts: str) -> str:
    base = "basemap_" + "_".join(re.sub(r"\W+", "_", p.lower()).strip("_") for p in parts if p)
    base = base[:60]
    name, n = base, 2
    while name.lower() in taken:
        name, n = f"{base}_{n}", n + 1
    taken.add(name.lower())
    return name


TILE_TABLES_SQL = """
CREATE TABLE IF NOT EXISTS gpkg_tile_matrix_set (
  table_name TEXT NOT NULL PRIMARY KEY, srs_id INTEGER NOT NULL,
  min_x DOUBLE NOT NULL, min_y DOUBLE NOT NULL, max_x DOUBLE NOT NULL, max_y DOUBLE NOT NULL,
  CONSTRAINT fk_gtms_table_name FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
  CONSTRAINT fk_gtms_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));
CREATE TABLE IF NOT EXISTS gpkg_tile_matrix (
  table_name TEXT NOT NULL, zoom_level INTEGER NOT NULL, matrix_width INTEGER NOT NULL,
  matrix_height INTEGER NOT NULL, tile_width INTEGER NOT NULL, tile_height INTEGER NOT NULL,
  pixel_x_size DOUBLE NOT NULL, pixel_y_size DOUBLE NOT NULL,
  CONSTRAINT pk_ttm PRIMARY KEY (table_name, zoom_level),
  CONSTRAINT fk_tmm_table_name FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name));
CREATE TABLE IF NOT EXISTS gpkg_extensions (
  table_name TEXT, column_name TEXT, extension_name TEXT NOT NULL, definition TEXT NOT NULL,
  scope TEXT NOT NULL, CONSTRAINT ge_tce UNIQUE (table_name, column_name, extension_name));
"""


class _GpkgWriter:
    """Tables added to a GeoPackage being written: spatial reference systems as they are needed,
    tile pyramids and feature tables under names not yet taken."""

    def __init__(self, db: sqlite3.Connection):
        self.db = db
        self.taken = {
            str(r[0]).lower() for r in db.execute("SELECT name FROM sqlite_master").fetchall()
        }

    def srs_id(self, crs_text: str) -> int:
        """The srs_id of a CRS in gpkg_spatial_ref_sys, added when missing (EPSG codes as ids)."""
        crs = CRS.from_user_input(crs_text)
        authority = crs.to_authority()
        if authority and authority[0] == "EPSG":
            srs_id, org, code = int(authority[1]), "EPSG", int(authority[1])
        else:
            wkt = crs.to_wkt()
            row = self.db.execute(
                "SELECT srs_id FROM gpkg_spatial_ref_sys WHERE definition=?", (wkt,)
            ).fetchone()
            if row:
                return int(row[0])
            top = self.db.execute("SELECT MAX(srs_id) FROM gpkg_spatial_ref_sys").fetchone()[0]
            srs_id = max(int(top or 0) + 1, 100000)
            org, code = "NONE", srs_id
        if not self.db.execute(
            "SELECT 1 FROM gpkg_spatial_ref_sys WHERE srs_id=?", (srs_id,)
        ).fetchone():
            self.db.execute(
                "INSERT INTO gpkg_spatial_ref_sys VALUES (?, ?, ?, ?, ?, ?)",
                (crs.name, srs_id, org, code, crs.to_wkt("WKT1_GDAL"), crs.name),
            )
        return srs_id

    def _tile_table(
        self,
        table: str,
        description: str,
        srs_id: int,
        matrix_set: tuple[float, float, float, float],
        contents: tuple[float, float, float, float],
    ) -> None:
        if "gpkg_tile_matrix" not in self.taken:  # one statement at a time: executescript
            for statement in TILE_TABLES_SQL.split(";"):  # would commit the savepoint
                if statement.strip():
                    self.db.execute(statement)
            self.taken.update({"gpkg_tile_matrix", "gpkg_tile_matrix_set", "gpkg_extensions"})
        self.db.execute(
            f'CREATE TABLE "{table}" (id INTEGER PRIMARY KEY AUTOINCREMENT, '
            "zoom_level INTEGER NOT NULL, tile_column INTEGER NOT NULL, tile_row INTEGER NOT NULL, "
            "tile_data BLOB NOT NULL, UNIQUE (zoom_level, tile_column, tile_row))"
        )
        self.db.execute(
            "INSERT INTO gpkg_contents (table_name, data_type, identifier, description, "
            "min_x, min_y, max_x, max_y, srs_id) VALUES (?, 'tiles', ?, ?, ?, ?, ?, ?, ?)",
            (table, table, description, *contents, srs_id),
        )
        self.db.execute(
            "INSERT INTO gpkg_tile_matrix_set VALUES (?, ?, ?, ?, ?, ?)",
            (table, srs_id, *matrix_set),
        )

    def _add_level(
        self, table: str, z: int, columns: int, rows: int, tile_px: int, mpp_x: float, mpp_y: float
    ) -> None:
        """A zoom level of a tile pyramid: its matrix of square tiles and their pixels' size."""
        self.db.execute(
            "INSERT INTO gpkg_tile_matrix VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (table, z, columns, rows, tile_px, tile_px, mpp_x, mpp_y),
        )

    def _add_tile(self, table: str, z: int, column: int, row: int, data: bytes) -> None:
        self.db.execute(
            f'INSERT INTO "{table}" (zoom_level, tile_column, tile_row, tile_data) '
            "VALUES (?, ?, ?, ?)",
            (z, column, row, data),
        )

    def copy_tiles(self, source: TileSource, extent: tuple) -> str:
        """The source's tiles over the extent, every zoom it holds, copied as they are (a
        GeoPackage tile pyramid in the source's own grid: rows from the top, as GeoPackage's)."""
        grid = source.grid
        table_of = getattr(source, "table", "")  # a GeoPackage's tile table
        table = _table_name(self.taken, source.path.name, table_of)
        srs_id = self.srs_id(grid.crs)
        coarse = grid.levels[min(grid.levels)]
        right = grid.left + coarse.columns * coarse.span_x
        bottom = grid.top - coarse.rows * coarse.span_y
        tiles = {z: grid.tiles_in(z, extent) for z in grid.levels}
        finest = max(grid.levels)
        level = grid.levels[finest]
        if not tiles[finest]:
            raise BasemapError(source.path, "no tiles over the map's extent")
        cols = [x for x, _y in tiles[finest]]
        rows = [y for _x, y in tiles[finest]]
        contents = (
            grid.left + min(cols) * level.span_x,
            grid.top - (max(rows) + 1) * level.span_y,
            grid.left + (max(cols) + 1) * level.span_x,
            grid.top - min(rows) * level.span_y,
        )
        self._tile_table(
            table,
            f"Basemap {source.path.name}: its tiles over the map's extent, copied as they are",
            srs_id,
            (grid.left, bottom, right, grid.top),
            contents,
        )
        written = 0
        for z, level in sorted(grid.levels.items()):
            self._add_level(
                table,
                z,
                level.columns,
                level.rows,
                level.tile_px,
                level.span_x / level.tile_px,
                level.span_y / level.tile_px,
            )
            for x, y in tiles[z]:
                data = source.tile(z, x, y)
                if data:
                    self._add_tile(table, z, x, y, data)
                    written += 1
        if not written:
            raise BasemapError(source.path, "no tiles over the map's extent")
        if source.tile_format == "webp":
            self.db.execute(
                "INSERT INTO gpkg_extensions VALUES (?, 'tile_data', 'gpkg_webp', "
                "'http://www.geopackage.org/spec/#extension_tiles_webp', 'read-write')",
                (table,),
            )
        return table

    def image_pyramid(
        self,
        name: str,
        description: str,
        rgba: np.ndarray,
        bounds: tuple[float, float, float, float],
    ) -> str:
        """An RGBA image on a north-up grid of the map CRS as a tile pyramid: the image itself at
        the finest level, then halvings (2x2 averages) until the whole fits one tile; fully
        transparent tiles are left out."""
        rows, cols = rgba.shape[:2]
        xmin, ymin, xmax, ymax = bounds
        mpp_x, mpp_y = (xmax - xmin) / cols, (ymax - ymin) / rows
        tiles_x, tiles_y = math.ceil(cols / TILE_PX), math.ceil(rows / TILE_PX)
        top_zoom = max(0, math.ceil(math.log2(max(tiles_x, tiles_y))))
        n0 = math.ceil(tiles_x / 2**top_zoom)
        m0 = math.ceil(tiles_y / 2**top_zoom)
        table = _table_name(self.taken, name)
        span_x = n0 * 2**top_zoom * TILE_PX * mpp_x
        span_y = m0 * 2**top_zoom * TILE_PX * mpp_y
        self._tile_table(
            table,
            description,
            self.srs_id(MAP_CRS),
            (xmin, ymax - span_y, xmin + span_x, ymax),
            bounds,
        )
        image = rgba
        for z in range(top_zoom, -1, -1):
            scale = 2 ** (top_zoom - z)
            self._add_level(table, z, n0 * 2**z, m0 * 2**z, TILE_PX, mpp_x * scale, mpp_y * scale)
            h, w = image.shape[:2]
            for ty in range(math.ceil(h / TILE_PX)):
                for tx in range(math.ceil(w / TILE_PX)):
                    part = image[
                        ty * TILE_PX : (ty + 1) * TILE_PX, tx * TILE_PX : (tx + 1) * TILE_PX
                    ]
                    if not part[..., 3].any():
                        continue
                    tile = np.zeros((TILE_PX, TILE_PX, 4), np.uint8)
                    tile[: part.shape[0], : part.shape[1]] = part
                    self._add_tile(table, z, tx, ty, png_bytes(tile))
            image = _half(image)
        return table

    def features(
        self,
        table: str,
        geometry_type: str,
        description: str,
        geometries: np.ndarray,
        columns: Sequence[tuple[str, str]],
        values: Sequence[Sequence[Any]],
    ) -> str | None:
        """A feature table in EPSG:4326 (None when no feature has a geometry)."""
        geometries = np.asarray(geometries, dtype=object)
        present = ~(shapely.is_missing(geometries) | shapely.is_empty(geometries))
        if not present.any():
            return None
        xmin, ymin, xmax, ymax = (float(v) for v in shapely.total_bounds(geometries[present]))

        def rows() -> Iterator[tuple[bytes | None, Sequence[Any]]]:
            for start in range(0, len(geometries), BATCH):  # blobs a batch at a time (memory)
                blobs = gpkg_geometries(geometries[start : start + BATCH])
                yield from zip(blobs, values[start : start + BATCH], strict=True)

        add_gpkg_layer(
            self.db, table, geometry_type, description, columns, rows(), (xmin, ymin, xmax, ymax)
        )
        return table

    def vector_file(self, path: Path) -> list[str]:
        """Every layer of a vector file with its attributes, reprojected to EPSG:4326."""
        written = []
        for layer_name, meta, wkb, fields, crs in vector_layers(path):
            geometries = _to_wgs84(shapely.from_wkb(wkb), str(crs), path, str(layer_name))
            names = [str(n) for n in meta.get("fields", [])]
            kinds = [_sql_type(str(d)) for d in meta.get("dtypes", [])]
            columns = [
                (f"{n}_" if n.lower() in ("fid", "geom") else n, k)
                for n, k in zip(names, kinds, strict=True)
            ]
            cells = [_cells(np.asarray(f), k) for f, k in zip(fields, kinds, strict=True)]
            values = [list(row) for row in zip(*cells, strict=True)] if cells else [[]] * len(wkb)
            gtype = str(meta.get("geometry_type") or "").upper().replace(" ", "")
            simple = ("POINT", "LINESTRING", "POLYGON", "MULTIPOINT", "MULTILINESTRING")
            gtype = gtype if gtype in (*simple, "MULTIPOLYGON") else "GEOMETRY"
            parts = (path.name,) if str(layer_name) == path.stem else (path.name, str(layer_name))
            table = self.features(
                _table_name(self.taken, *parts),
                gtype,
                f"Basemap {path.name}, layer {layer_name}: reprojected from {crs} to EPSG:4326",
                geometries,
                columns,
                values,
            )
            if table:
                written.append(table)
        if not written:
            raise BasemapError(path, "no features with geometry")
        return written

    def osm(self, path: Path, data: VectorData) -> list[str]:
        """The street basemap's classes as feature tables in EPSG:4326, its names as points."""
        written = []
        names: list[tuple[str, str, float, float]] = []
        stem = path.name.split(".")[0]
        for style, group in data.groups.items():
            coords, counts = group.flat()
            names.extend((text, style, x, y) for text, x, y in group.labels)
            if not len(counts):
                continue
            lon, lat = from_map_xy(coords[:, 0], coords[:, 1], WGS84)
            lonlat = np.column_stack([lon, lat])
            if group.kind == "line":
                line_coords, line_index = _parts(lonlat, counts, counts >= 2)
                geometries = shapely.linestrings(line_coords, indices=line_index)
                gtype = "LINESTRING"
            elif group.kind == "polygon":
                geometries = _osm_polygons(lonlat, counts, group.standalone)
                gtype = "MULTIPOLYGON"
            else:
                geometries = shapely.points(lonlat)
                gtype = "POINT"
            table = self.features(
                _table_name(self.taken, stem, style),
                gtype,
                f"Basemap {path.name}: OpenStreetMap {style} ({OSM_NOTE})",
                geometries,
                [("class", "TEXT")],
                [[style]] * len(geometries),
            )
            if table:
                written.append(table)
        if names:
            lon, lat = from_map_xy(
                np.array([n[2] for n in names]), np.array([n[3] for n in names]), WGS84
            )
            table = self.features(
                _table_name(self.taken, stem, "names"),
                "POINT",
                f"Basemap {path.name}: the names the map writes ({OSM_NOTE})",
                shapely.points(np.column_stack([lon, lat])),
                [("name", "TEXT"), ("class", "TEXT")],
                [[text, style] for text, style, _x, _y in names],
            )
            if table:
                written.append(table)
        if not written:
            raise BasemapError(path, "nothing the street basemap draws")
        return written


def _parts(
    lonlat: np.ndarray, counts: np.ndarray, keep: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """The vertices of the parts kept and, for each, its part's number among those kept (shapely's
    `indices`, which must run without gaps)."""
    owner = np.repeat(np.arange(len(counts)), counts)
    return lonlat[keep[owner]], np.repeat(np.arange(int(keep.sum())), counts[keep])


def _osm_polygons(lonlat: np.ndarray, counts: np.ndarray, standalone: int) -> np.ndarray:
    """Each closed way as a polygon; the multipolygon relations' rings as one geometry filled
    even-odd (inner rings are holes), as the map fills them."""
    rings_ok = counts >= 4
    ring_coords, ring_index = _parts(lonlat, counts, rings_ok)
    polygons = shapely.polygons(shapely.linearrings(ring_coords, indices=ring_index))
    alone_mask = np.flatnonzero(rings_ok) < standalone
    alone = polygons[alone_mask]
    geometries = list(shapely.multipolygons(alone, indices=np.arange(len(alone))))
    related = [shapely.make_valid(p) for p in polygons[~alone_mask]]
    if related:
        even_odd = reduce(shapely.symmetric_difference, related)
        parts = [g for g in shapely.get_parts(even_odd) if g.geom_type == "Polygon"]
        if parts:
            geometries.append(shapely.MultiPolygon(parts))
    return np.array(geometries, dtype=object)


def _to_wgs84(geometries: np.ndarray, crs: str, path: Path, layer: str) -> np.ndarray:
    """Every vertex reprojected by PROJ from `crs` to EPSG:4326 (missing geometries stay None)."""
    transformer = layer_transformer(path, layer, crs, WGS84)
    projected = shapely.transform(
        geometries,
        lambda xy: np.column_stack(transformer.transform(xy[:, 0], xy[:, 1])),
    )
    return np.asarray(projected, dtype=object)


def _sql_type(dtype: str) -> str:
    if dtype.startswith(("int", "uint")):
        return "INTEGER"
    if dtype.startswith("float"):
        return "REAL"
    if dtype == "bool":
        return "BOOLEAN"
    return "TEXT"


def _cells(values: np.ndarray, kind: str) -> list[Any]:
    if kind == "REAL":
        return [None if not math.isfinite(v) else v for v in values.astype(float).tolist()]
    if kind in ("INTEGER", "BOOLEAN"):
        return [int(v) for v in values.tolist()]
    if values.dtype.kind == "M":
        return [None if np.isnat(v) else str(v) for v in values]
    return [None if v is None else str(v) for v in values.tolist()]


def _half(rgba: np.ndarray) -> np.ndarray:
    """Half the size: each 2x2 block averaged with its alpha as weight (no dark fringes)."""
    h, w = rgba.shape[:2]
    padded = np.zeros((h + h % 2, w + w % 2, 4), np.float64)
    padded[:h, :w] = rgba
    alpha = padded[..., 3:4] / 255.0
    weighted = np.concatenate([padded[..., :3] * alpha, alpha], axis=-1)
    blocks = weighted.reshape(padded.shape[0] // 2, 2, padded.shape[1] // 2, 2, 4).sum(axis=(1, 3))
    out = np.zeros(blocks.shape, np.uint8)
    a = blocks[..., 3:4]
    with np.errstate(invalid="ignore", divide="ignore"):
        out[..., :3] = np.where(a > 0, np.round(blocks[..., :3] / np.maximum(a, 1e-9)), 0)
    out[..., 3] = np.round(a[..., 0] / 4.0 * 255.0)
    return out


def png_bytes(rgba: np.ndarray) -> bytes:
    """An RGBA array as PNG (Qt's encoder)."""
    rgba = np.ascontiguousarray(rgba)
    h, w = rgba.shape[:2]
    image = QImage(rgba.data, w, h, w * 4, QImage.Format.Format_RGBA8888)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stubs say bytes; Qt wants str
    buffer.close()
    return bytes(data.data())


# --- drawing a basemap as the screen does ---------------------------------------------------------


def native_mpp(layer: UserLayer, extent: tuple) -> float:
    """Metres a pixel of the layer's own finest detail near the extent's centre (0 for vectors)."""
    centre = ((extent[0] + extent[2]) / 2, (extent[1] + extent[3]) / 2)
    if isinstance(layer, TileLayer) and layer.source.grid.crs != MAP_CRS:
        grid = layer.source.grid
        return grid.ground_resolution(max(grid.levels), centre)
    if isinstance(layer, RasterLayer):
        return layer.rect.width() / max(layer.image.width(), 1)
    return 0.0


def layer_extent(layer: UserLayer, extent: tuple) -> tuple[float, float, float, float] | None:
    """The part of the extent the layer can cover (its own bounds when known); None: nothing."""
    inner = getattr(layer, "vector", layer)  # an OSM street basemap's vector layer
    own: tuple[float, float, float, float] | None = getattr(inner, "bounds", None)
    if isinstance(inner, RasterLayer):
        rect = inner.rect
        own = (rect.left(), -rect.bottom(), rect.right(), -rect.top())
    if own is None:
        return (extent[0], extent[1], extent[2], extent[3])
    pad = 0.02 * max(own[2] - own[0], own[3] - own[1], 100.0)  # line widths and names
    box = (
        max(extent[0], own[0] - pad),
        max(extent[1], own[1] - pad),
        min(extent[2], own[2] + pad),
        min(extent[3], own[3] + pad),
    )
    return box if box[0] < box[2] and box[1] < box[3] else None


def render_layer(
    layer: UserLayer, extent: tuple, max_side: int = MAX_SIDE
) -> tuple[np.ndarray, tuple[float, float, float, float]]:
    """The layer drawn by the screen's code over the extent (north-up, map CRS; cut to the
    layer's own bounds when known), at its own resolution or `max_side` pixels on the longer side
    if that is coarser: RGBA pixels and their bounds."""
    ensure_gui_app()
    box = layer_extent(layer, extent)
    if box is None:
        raise BasemapError(layer.path, "it lies outside the map's extent")
    xmin, ymin, xmax, ymax = box
    mpp = max(native_mpp(layer, extent), max(xmax - xmin, ymax - ymin) / max_side)
    w, h = max(1, math.ceil((xmax - xmin) / mpp)), max(1, math.ceil((ymax - ymin) / mpp))
    # an OSM street basemap's own vector drawing (the screen draws it into tiles, whose seams
    # would show as faint lines across areas at an export's scale)
    drawing: UserLayer = getattr(layer, "vector", layer)
    # tiles in blocks (a view of too many tiles draws none); anything else whole (names uncut);
    # drawn as an export (`wait`): every tile and every name now
    block = BLOCK_PX if isinstance(drawing, TileLayer) else max(w, h)
    rgba = _draw_blocks(
        drawing, w, h, block, QTransform(1 / mpp, 0, 0, 1 / mpp, -xmin / mpp, ymax / mpp)
    )
    return rgba, (xmin, ymax - h * mpp, xmin + w * mpp, ymax)


def _draw_blocks(drawing: UserLayer, w: int, h: int, block: int, view: QTransform) -> np.ndarray:
    """A w x h RGBA picture of a layer under `view` (scene -> picture pixels), in blocks."""
    rgba = np.zeros((h, w, 4), np.uint8)
    for top in range(0, h, block):
        for left in range(0, w, block):
            bw, bh = min(block, w - left), min(block, h - top)
            image = QImage(bw, bh, QImage.Format.Format_RGBA8888_Premultiplied)
            image.fill(0)
            shifted = view * QTransform.fromTranslate(-left, -top)  # this block's pixels
            painter = QPainter(image)
            try:
                painter.setRenderHint(QPainter.RenderHint.Antialiasing)
                painter.setTransform(shifted, True)
                drawing.paint(painter, shifted, QRectF(0, 0, bw, bh), True)
            finally:
                painter.end()
            straight = image.convertToFormat(QImage.Format.Format_RGBA8888)
            pixels = np.frombuffer(straight.constBits(), np.uint8, straight.sizeInBytes())
            part = pixels.reshape(bh, straight.bytesPerLine())[:, : bw * 4].reshape(bh, bw, 4)
            rgba[top : top + bh, left : left + bw] = part
    return rgba


# --- KML ------------------------------------------------------------------------------------------

CELL_PX = 128  # the lon/lat image is drawn by an affine map per cell of this many pixels a side
BLOCK_PX = 1024  # a basemap is drawn in blocks of at most this many pixels a side (tile limits)


def ground_overlays(
    scenario: Scenario, layers: UserLayers, warn: Warn, max_side: int = MAX_SIDE
) -> list[GroundOverlay]:
    """Each visible basemap drawn as the screen draws it over the map's extent, then warped onto
    a longitude/latitude grid (what a KML LatLonBox means), cut to where it has pixels; one that
    draws nothing there is left out (`warn` names it)."""
    extent = map_extent(scenario)
    overlays = []
    for n, layer in enumerate(layers.layers, start=1):
        if not layer.spec.visible:
            continue
        try:
            rgba, bounds = render_layer(layer, extent, max_side)
        except BasemapError as exc:
            warn(str(exc))
            continue
        warped, box = _to_lonlat(rgba, bounds)
        if warped is None:
            warn(f"{layer.path.name}: nothing of it is drawn over the map's extent")
            continue
        href = f"basemap-{n}.png"
        overlays.append(GroundOverlay(layer.path.name, href, png_bytes(warped), *box))
    return overlays


def _to_lonlat(
    rgba: np.ndarray, bounds: tuple[float, float, float, float]
) -> tuple[np.ndarray | None, tuple[float, float, float, float]]:
    """The image resampled (bilinear) onto a longitude/latitude grid over its bounds, cut to its
    non-transparent pixels; (image, (north, south, east, west)). Drawn by Qt in cells of
    CELL_PX pixels, each by the affine map fitted to the exact projection of its corners and
    centre (the curvature across a cell is a few hundredths of a pixel)."""
    rows, cols = rgba.shape[:2]
    xmin, ymin, xmax, ymax = bounds
    mpp = (xmax - xmin) / cols
    t = np.linspace(0.0, 1.0, 65)
    ex = np.concatenate(
        [xmin + (xmax - xmin) * t, np.full(65, xmax), xmin + (xmax - xmin) * t, np.full(65, xmin)]
    )
    ey = np.concatenate(
        [np.full(65, ymin), ymin + (ymax - ymin) * t, np.full(65, ymax), ymin + (ymax - ymin) * t]
    )
    lon, lat = from_map_xy(ex, ey, WGS84)
    west, east, south, north = lon.min(), lon.max(), lat.min(), lat.max()
    mid = math.radians((north + south) / 2)
    metres_lat = 111_320.0
    width = max(1, round((east - west) * metres_lat * math.cos(mid) / mpp))
    height = max(1, round((north - south) * metres_lat / mpp))
    dlon, dlat = (east - west) / width, (north - south) / height
    pixels_in = np.ascontiguousarray(rgba)  # kept alive while Qt reads it
    source = QImage(pixels_in.data, cols, rows, cols * 4, QImage.Format.Format_RGBA8888)
    source = source.convertToFormat(QImage.Format.Format_RGBA8888_Premultiplied)
    target = QImage(width, height, QImage.Format.Format_RGBA8888_Premultiplied)
    target.fill(0)
    corners = np.array([[0, 0], [1, 0], [1, 1], [0, 1], [0.5, 0.5]])
    painter = QPainter(target)
    try:
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        for v0 in range(0, height, CELL_PX):
            for u0 in range(0, width, CELL_PX):
                cw, ch = min(CELL_PX, width - u0), min(CELL_PX, height - v0)
                u = u0 + corners[:, 0] * cw  # output pixels (continuous: pixel i is [i, i+1))
                v = v0 + corners[:, 1] * ch
                mx, my = to_map_xy(west + u * dlon, north - v * dlat, WGS84)
                s_, t_ = (mx - xmin) / mpp, (ymax - my) / mpp  # source pixels
                design = np.column_stack([s_, t_, np.ones_like(s_)])
                coeffs = np.linalg.lstsq(design, np.column_stack([u, v]), rcond=None)[0]
                painter.resetTransform()  # the clip in output pixels, not in the last cell's map
                painter.setClipRect(u0, v0, cw, ch)
                painter.setTransform(
                    QTransform(
                        coeffs[0, 0],
                        coeffs[0, 1],
                        coeffs[1, 0],
                        coeffs[1, 1],
                        coeffs[2, 0],
                        coeffs[2, 1],
                    )
                )
                painter.drawImage(0, 0, source)
    finally:
        painter.end()
    straight = target.convertToFormat(QImage.Format.Format_RGBA8888)
    pixels = np.frombuffer(straight.constBits(), np.uint8, straight.sizeInBytes())
    out = pixels.reshape(height, straight.bytesPerLine())[:, : width * 4].reshape(height, width, 4)
    opaque = out[..., 3] > 0
    if not opaque.any():
        return None, (north, south, east, west)
    r = np.flatnonzero(opaque.any(axis=1))
    c = np.flatnonzero(opaque.any(axis=0))
    r0, r1, c0, c1 = int(r[0]), int(r[-1]) + 1, int(c[0]), int(c[-1]) + 1
    box = (north - r0 * dlat, north - r1 * dlat, west + c1 * dlon, west + c0 * dlon)
    return out[r0:r1, c0:c1].copy(), tuple(float(v) for v in box)  # type: ignore[return-value]
