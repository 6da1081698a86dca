"""The user's own basemaps drawn under the zones: tiles, vector files, GeoTIFFs and OSM extracts.

Readers live in `core.user_basemap` (arrays and tile bytes in UTM 37N); here tiles are decoded to
QImages off the UI thread into one LRU cache, chosen by zoom and placed by per-tile projective maps
whose error stays under half a screen pixel. Vector data becomes cached QPainterPaths, GeoTIFFs one
QImage on their warped grid. An export's scene draws the same layer objects and waits for its tiles.
"""

from __future__ import annotations

import itertools
import math
import struct
import threading
from collections.abc import Callable
from pathlib import Path

import numpy as np
from PySide6.QtCore import (
    QByteArray,
    QDataStream,
    QObject,
    QPointF,
    QRectF,
    QRunnable,
    Qt,
    QThread,
    QThreadPool,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QImage, QPainter, QPainterPath, QPen, QTransform

from aleppo_desktop.core.geometry import MAP_CRS
from aleppo_desktop.core.lru import LruCache
from aleppo_desktop.core.user_basemap import (
    MVT_EXTENT,
    BasemapError,
    BasemapSpec,
    ImportCancelledError,
    RasterData,
    TileGrid,
    TileSource,
    VectorData,
    ZoomLevel,
    basemap_kind,
    decode_mvt,
    open_tile_source,
    place_tiles,
    read_geotiff,
    read_osm,
    read_vector,
)
from aleppo_desktop.render.shapes import cosmetic_pen

CACHE_BYTES = 384 * 1024 * 1024  # decoded tiles kept (a 256 px RGBA tile is 256 KB)
MAX_TILES_PER_VIEW = 400  # a view needing more tiles than this is zoomed far out of the layer
ANCESTOR_LEVELS = 4  # while a tile loads, a cached parent up to this many levels up stands in
MVT_PX = 512
BUILDINGS_MAX_MPP = 3.0  # buildings show when a screen pixel is at most this many metres
ROADS_MINOR_MAX_MPP = 8.0  # and minor roads (residential, service, track) at most this many
MAX_NEW_LABELS_PER_FRAME = 40  # names drawn into pictures in one frame on screen (0.5 ms each)
MAX_LABELS_LOOKED_AT = 250  # in one frame (a street's name is on each of its ways)
CELL_M = 1000.0  # OSM ways are drawn by cells of this many metres: a view draws the cells it shows
LABELS_MAX_MPP = 6.0
ZONE_OPACITY = 0.5  # zones over a visible user basemap: the streets or imagery show through
QUIET_WAIT_S = 0.1  # a decoding thread waits at most this long for a frame's tiles to be drawn

# vector styles: (pen colour, pen width px, brush colour or None)
VECTOR_STYLES: dict[str, tuple[str, float, str | None]] = {
    "polygon": ("#5a5a5a", 1.0, "#d9d4c766"),
    "line": ("#3b3b3b", 1.4, None),
    "point": ("#202020", 6.0, None),
    "landuse": ("#e3ddd0", 0.0, "#ebe6da"),
    "green": ("#cfe3c0", 0.0, "#d8eacb"),
    "water": ("#9cc3e6", 0.0, "#aacfee"),
    "building": ("#b9aea0", 0.6, "#d6cdc1"),
    "waterway": ("#7fb0dc", 2.0, None),
    "road_minor": ("#ffffff", 2.0, None),
    "road_mid": ("#f6e7a8", 3.2, None),
    "road_major": ("#f2b96b", 4.2, None),
    "rail": ("#777777", 1.4, None),
}
CASINGS = {"road_minor": "#c9c2b6", "road_mid": "#b7a36a", "road_major": "#b5803c"}
# MVT layers by name (OpenMapTiles, Protomaps, Shortbread) -> the style they are drawn in
MVT_LAYER_STYLES = (
    ("water", "water"),
    ("ocean", "water"),
    ("waterway", "waterway"),
    ("park", "green"),
    ("landcover", "green"),
    ("landuse", "landuse"),
    ("building", "building"),
    ("transportation", "road_minor"),
    ("road", "road_minor"),
    ("street", "road_minor"),
    ("rail", "rail"),
)


def mvt_style(layer_name: str, kind: str) -> str:
    name = layer_name.lower()
    for key, style in MVT_LAYER_STYLES:
        if key in name:
            if style == "water" and kind == "line":
                return "waterway"
            return style
    return kind


def parts_path(coords: np.ndarray, counts: np.ndarray) -> QPainterPath:
    """One odd-even path of many polylines or rings (map CRS, y flipped; each part `counts[i]`
    vertices of `coords`), built in C++ from the QDataStream form of a path (as pyqtgraph's
    arrayToQPath): millions of OSM vertices in a second."""
    path = QPainterPath()
    keep = counts >= 2
    if not keep.any():
        return path
    if not keep.all():  # parts of one vertex draw nothing
        owner = np.repeat(keep, counts)
        coords, counts = coords[owner], counts[keep]
    elements = np.empty(len(coords), dtype=[("kind", ">i4"), ("x", ">f8"), ("y", ">f8")])
    elements["x"], elements["y"] = coords[:, 0], -coords[:, 1]
    elements["kind"] = 1  # LineTo
    elements["kind"][np.cumsum(counts) - counts] = 0  # MoveTo
    data = (
        struct.pack(">i", len(elements))
        + elements.tobytes()
        + struct.pack(">i", int(Qt.FillRule.OddEvenFill.value))
    )
    stream = QDataStream(QByteArray(data))
    stream >> path
    return path


def cell_paths(
    coords: np.ndarray,
    counts: np.ndarray,
    standalone: int,
    cell_m: float = CELL_M,
    cancelled: Callable[[], bool] | None = None,
) -> list[tuple[QRectF, QPainterPath]]:
    """Paths of the parts by square cells of `cell_m` metres (by each part's first vertex), with
    their scene rectangles, so a view draws only the cells it shows; the first `standalone` parts
    may go to any cell, the others (rings that make holes together) stay in one path."""
    cells: list[tuple[QRectF, QPainterPath]] = []
    split = int(counts[:standalone].sum())
    if standalone:
        head, head_counts = coords[:split], counts[:standalone]
        first = head[np.cumsum(head_counts) - head_counts]
        cell = np.floor(first / cell_m).astype(np.int64)
        key = (cell[:, 0] - cell[:, 0].min()) * (int(np.ptp(cell[:, 1])) + 1) + (
            cell[:, 1] - cell[:, 1].min()
        )
        order = np.argsort(key, kind="stable")
        vertices = np.argsort(np.repeat(key, head_counts), kind="stable")  # parts stay whole
        head, head_counts, key = head[vertices], head_counts[order], key[order]
        breaks = np.flatnonzero(np.diff(key)) + 1
        ends = np.cumsum(head_counts)
        for n, (p0, p1) in enumerate(zip(np.r_[0, breaks], np.r_[breaks, len(key)], strict=True)):
            if cancelled is not None and n % 50 == 0 and cancelled():
                raise ImportCancelledError("drawing paths")
            v0 = int(ends[p0 - 1]) if p0 else 0
            path = parts_path(head[v0 : int(ends[p1 - 1])], head_counts[p0:p1])
            if not path.isEmpty():
                cells.append((path.controlPointRect(), path))
    if standalone < len(counts):
        path = parts_path(coords[split:], counts[standalone:])
        if not path.isEmpty():
            cells.append((path.controlPointRect(), path))
    return cells


def homography_transform(h: np.ndarray) -> QTransform:
    """A QTransform from tile pixels to scene coordinates (x, -y) for a map-CRS homography."""
    g = np.diag([1.0, -1.0, 1.0]) @ h
    return QTransform(
        g[0, 0], g[1, 0], g[2, 0], g[0, 1], g[1, 1], g[2, 1], g[0, 2], g[1, 2], g[2, 2]
    )


def _drawn_pieces(pieces: list) -> list[tuple[QRectF, QTransform]]:
    """A tile's placed pieces as drawn: tile pixel rectangle, pixels -> scene transform."""
    return [
        (QRectF(p.u0, p.v0, p.u1 - p.u0, p.v1 - p.v0), homography_transform(p.h)) for p in pieces
    ]


def _pen(colour: str, width: float) -> QPen:
    pen = cosmetic_pen(QColor(colour), width)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    return pen


# --- tile decoding and cache --------------------------------------------------------------------------


class TileCache:
    """Decoded tiles by (layer token, z, x, y), least recently used dropped past `max_bytes`
    (thread-safe: the decoding threads fill it).

    A tile that is missing or failed to decode is kept as None (not asked again)."""

    def __init__(self, max_bytes: int = CACHE_BYTES):
        self._tiles: LruCache[tuple, tuple[QImage | None]] = LruCache(max_bytes=max_bytes)

    @property
    def bytes(self) -> int:
        return self._tiles.nbytes

    def get(self, key: tuple) -> tuple[bool, QImage | None]:
        """(whether the tile is cached, its image: None for one that is missing)."""
        held = self._tiles.get(key)
        return (False, None) if held is None else (True, held[0])

    def put(self, key: tuple, image: QImage | None) -> None:
        self._tiles.put(key, (image,), image.sizeInBytes() if image is not None else 0)

    def __len__(self) -> int:
        return len(self._tiles)


def decode_tile(source: TileSource, z: int, x: int, y: int) -> QImage | None:
    """A tile's picture: raster bytes decoded by Qt, vector tiles drawn in the default style.
    None for a tile that is absent, empty or undecodable (the layer shows the rest)."""
    data = source.tile(z, x, y)
    if not data:
        return None
    if source.tile_format == "pbf":
        return render_mvt(data)
    image = QImage.fromData(data)
    if image.isNull():
        return None
    # an opaque tile (JPEG, RGB PNG) as RGB32: the raster engine copies it without blending
    opaque = not image.hasAlphaChannel()
    return image.convertToFormat(
        QImage.Format.Format_RGB32 if opaque else QImage.Format.Format_ARGB32_Premultiplied
    )


def render_mvt(data: bytes, size: int = MVT_PX) -> QImage | None:
    try:
        layers = decode_mvt(data)
    except Exception:
        return None
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.scale(size / MVT_EXTENT, size / MVT_EXTENT)
    order = {s: i for i, s in enumerate(VECTOR_STYLES)}
    items = []
    for layer_name, features in layers.items():
        for kind, parts, _props in features:
            items.append(
                (
                    order.get(mvt_style(layer_name, kind), 0),
                    mvt_style(layer_name, kind),
                    kind,
                    parts,
                )
            )
    for _rank, style, kind, parts in sorted(items, key=lambda item: item[0]):
        colour, width, fill = VECTOR_STYLES.get(style, VECTOR_STYLES[kind])
        path = QPainterPath()
        path.setFillRule(Qt.FillRule.OddEvenFill)
        for part in parts:
            if kind == "point":
                for px, py in part:
                    path.addEllipse(QPointF(px, py), 12, 12)
                continue
            path.moveTo(part[0, 0], part[0, 1])
            for px, py in part[1:]:
                path.lineTo(px, py)
            if kind == "polygon":
                path.closeSubpath()
        if fill is not None or kind == "point":
            painter.fillPath(path, QColor(fill or colour))
        if width > 0 and kind != "point":
            painter.strokePath(path, _pen(colour, width))
    painter.end()
    return image


class _Signals(QObject):
    done = Signal()


class _DecodeTask(QRunnable):
    def __init__(
        self,
        loader: TileLoader,
        layer: TileLayer,
        tile: tuple[int, int, int],
        generation: int,
    ):
        super().__init__()
        self.loader, self.layer = loader, layer
        self.z, self.x, self.y = tile
        self.generation = generation

    def run(self) -> None:
        loader = self.loader
        if self.generation != loader.generation:  # the view moved on: stale, dropped
            loader.forget(self.layer, self.z, self.x, self.y)
            return
        # not while the UI thread draws tiles: Qt's decoding and drawing calls keep the GIL, so a
        # decoder and the UI thread take turns (every few ms) and a frame drawn meanwhile waited
        loader.quiet.wait(QUIET_WAIT_S)
        self.layer.load_tile(self.z, self.x, self.y, loader.pause)
        loader.forget(self.layer, self.z, self.x, self.y)
        loader.signals.done.emit()


class TileLoader:
    """Decodes tiles on a thread pool; `signals.done` fires (queued to the UI thread) as tiles land."""

    def __init__(self, threads: int | None = None):
        self.pool = QThreadPool()
        # a core is left to the UI thread: with two, frames waited for the decoders' time slices
        self.pool.setMaxThreadCount(threads or max(1, min(4, QThread.idealThreadCount() - 1)))
        self.signals = _Signals()
        self.generation = 0
        self._pending: set[tuple] = set()
        self._lock = threading.Lock()
        self.quiet = threading.Event()  # cleared while the UI thread draws tiles
        self.quiet.set()

    def pause(self) -> None:
        """On a decoding thread: wait while the UI thread draws tiles (a while at most)."""
        self.quiet.wait(QUIET_WAIT_S)

    def new_view(self) -> None:
        """Requests for an earlier view that have not started are dropped."""
        self.generation += 1
        self.pool.clear()
        with self._lock:
            self._pending.clear()

    def request(self, layer: TileLayer, z: int, x: int, y: int) -> None:
        """Decode a tile on the pool. Only Qt and SQLite work runs there: placing tiles uses pyproj,
        which crashes on threads Qt started, so it stays on the caller's thread."""
        key = layer.key(z, x, y)
        with self._lock:
            if key in self._pending:
                return
            self._pending.add(key)
        self.pool.start(_DecodeTask(self, layer, (z, x, y), self.generation))

    def forget(self, layer: TileLayer, z: int, x: int, y: int) -> None:
        with self._lock:
            self._pending.discard(layer.key(z, x, y))

    def busy(self) -> bool:
        with self._lock:
            return bool(self._pending)

    def wait(self) -> None:
        self.pool.waitForDone()


# --- layers ---------------------------------------------------------------------------------------------


class UserLayer:
    """One user basemap: its spec (path, opacity, visibility) and how to draw it."""

    kind = ""

    def __init__(self, spec: BasemapSpec, name: str):
        self.spec = spec
        self.name = name

    @property
    def path(self) -> Path:
        return Path(self.spec.path)

    def paint(self, painter: QPainter, view: QTransform, target: QRectF, wait: bool) -> None:
        raise NotImplementedError

    def close(self) -> None:
        pass


def visible_map_rect(view: QTransform, target: QRectF) -> tuple[float, float, float, float]:
    """The map-CRS rectangle (xmin, ymin, xmax, ymax) a device target shows under `view`."""
    inverse, _ok = view.inverted()
    rect = inverse.mapRect(target)
    return rect.left(), -rect.bottom(), rect.right(), -rect.top()


def metres_per_px(view: QTransform) -> float:
    scale = math.hypot(view.m11(), view.m12())
    return 1.0 / scale if scale else 1.0


_LAYER_TOKENS = itertools.count()


class TileLayer(UserLayer):
    def __init__(self, spec: BasemapSpec, source: TileSource, cache: TileCache, loader: TileLoader):
        super().__init__(spec, source.name or Path(spec.path).name)
        self.kind = source.kind
        self.source = source
        self.cache = cache
        self.loader = loader
        self.errors: list[str] = []
        # the cache's key, never reused (an id() is, once a removed layer is freed: the next layer
        # added could be handed its tiles)
        self._token = next(_LAYER_TOKENS)
        self._pieces: dict[tuple, list[tuple[QRectF, QTransform]]] = {}
        self._resolution: dict[int, float] = {}

    def key(self, z: int, x: int, y: int) -> tuple:
        return (self._token, z, x, y)

    def load_tile(
        self, z: int, x: int, y: int, pause: Callable[[], object] | None = None
    ) -> QImage | None:
        """Decode one tile into the cache (any thread; `pause` is for tiles drawn in parts)."""
        try:
            image = decode_tile(self.source, z, x, y)
        except BasemapError as exc:
            self.errors.append(str(exc))
            image = None
        except Exception as exc:  # a truncated database, a bad blob: this tile is blank
            self.errors.append(f"{self.path.name}: tile {z}/{x}/{y}: {exc}")
            image = None
        self.cache.put(self.key(z, x, y), image)
        return image

    def zoom_for(self, view: QTransform, target: QRectF) -> int:
        mpp = metres_per_px(view)
        xmin, ymin, xmax, ymax = visible_map_rect(view, target)
        centre = ((xmin + xmax) / 2, (ymin + ymax) / 2)
        grid = self.source.grid
        if not self._resolution:
            self._resolution = {z: grid.ground_resolution(z, centre) for z in grid.levels}
        for z in sorted(self._resolution):
            if self._resolution[z] <= mpp * 1.01:
                return z
        return max(self._resolution)

    def _placement_key(self, z: int, x: int, y: int, mpp: float) -> tuple[tuple, float]:
        """(cache key, largest error allowed in metres) of a tile's placement at a scale.

        Placed once for every scale at which the tile's own zoom is shown (a screen pixel no finer
        than a tile pixel), and again per doubling only when a tile is magnified past that (the
        deepest zoom, or a parent standing in): zooming within a level recomputes nothing."""
        resolution = self._resolution.get(z)
        if resolution is None:  # not yet asked for a view: at the tile itself
            corner = self.source.grid.tile_corners(z, x, y)[0]
            resolution = self.source.grid.ground_resolution(z, (corner[0], corner[1]))
        magnified = max(0, math.ceil(math.log2(max(resolution / max(mpp, 1e-9), 1.0))))
        return (z, x, y, magnified), 0.5 * resolution / 2**magnified  # <= half a screen pixel

    def place(self, z: int, tiles: list[tuple[int, int]], mpp: float) -> None:
        """Place the tiles of zoom z not yet placed at this scale, all in one batch."""
        missing: dict[float, list[tuple[int, int, tuple]]] = {}
        for x, y in tiles:
            key, max_error = self._placement_key(z, x, y, mpp)
            if key not in self._pieces:
                missing.setdefault(max_error, []).append((x, y, key))
        if not missing:
            return
        if len(self._pieces) > 20000:
            self._pieces.clear()
        for max_error, group in missing.items():
            placed = place_tiles(self.source.grid, z, [(x, y) for x, y, _ in group], max_error)
            for (_x, _y, key), pieces in zip(group, placed, strict=True):
                self._pieces[key] = _drawn_pieces(pieces)

    def pieces(self, z: int, x: int, y: int, mpp: float) -> list[tuple[QRectF, QTransform]]:
        """Where a tile's parts go (tile pixel rectangle, pixels -> scene) within half a pixel.
        One look-up: an export's drawing thread and the window share the layer (`place` on either
        may clear the cache)."""
        key, max_error = self._placement_key(z, x, y, mpp)
        pieces = self._pieces.get(key)
        if pieces is None:
            (placed,) = place_tiles(self.source.grid, z, [(x, y)], max_error)
            pieces = self._pieces[key] = _drawn_pieces(placed)
        return pieces

    def _ancestor(self, z: int, x: int, y: int) -> tuple[int, int, int, QImage] | None:
        levels = self.source.grid.levels
        for d in range(1, ANCESTOR_LEVELS + 1):
            pz = z - d
            if pz not in levels or levels[pz].columns * 2**d != levels[z].columns:
                continue
            found, image = self.cache.get(self.key(pz, x >> d, y >> d))
            if found and image is not None:
                return pz, x >> d, y >> d, image
        return None

    def paint(self, painter: QPainter, view: QTransform, target: QRectF, wait: bool) -> None:
        z = self.zoom_for(view, target)
        tiles = self.source.grid.tiles_in(z, visible_map_rect(view, target))
        if not tiles or len(tiles) > MAX_TILES_PER_VIEW:
            return
        mpp = metres_per_px(view)
        ready: list[tuple[int, int, QImage]] = []
        stand_ins: dict[tuple[int, int, int], QImage] = {}
        for x, y in tiles:
            found, image = self.cache.get(self.key(z, x, y))
            if not found:
                if wait:
                    image = self.load_tile(z, x, y)
                else:
                    self.loader.request(self, z, x, y)
                    parent = self._ancestor(z, x, y)
                    if parent is not None:
                        stand_ins[parent[:3]] = parent[3]
                    continue
            if image is not None:
                ready.append((x, y, image))
        self.place(z, [(x, y) for x, y, _image in ready], mpp)  # the new ones in one batch
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, wait)
        # tiles abut: antialiased image edges would leave each edge pixel part-covered by both
        # neighbours, the ground showing through as a faint line along every tile edge
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        base = painter.transform()
        for (pz, px, py), image in stand_ins.items():
            self._draw(painter, base, pz, px, py, image, mpp)
        for x, y, image in ready:
            self._draw(painter, base, z, x, y, image, mpp)
        painter.restore()

    def _draw(
        self, painter: QPainter, base: QTransform, z: int, x: int, y: int, image: QImage, mpp: float
    ) -> None:
        px = self.source.grid.levels[z].tile_px
        ratio = image.width() / px  # MVT tiles are drawn at 512 px
        # a hair of overlap hides the seams between the parts of a reprojected tile, whose edges
        # are fitted separately; tiles of the map's own grid meet exactly, and an overlap would
        # draw a line of pixels twice (darker where the layer or its fills are translucent)
        hair = 0.0 if self.source.grid.crs == MAP_CRS else 0.35
        for rect, transform in self.pieces(z, x, y, mpp):
            painter.setTransform(transform * base)
            source = QRectF(
                rect.x() * ratio, rect.y() * ratio, rect.width() * ratio, rect.height() * ratio
            )
            painter.drawImage(rect.adjusted(0, 0, hair, hair), image, source)

    def close(self) -> None:
        self.source.close()


class VectorLayer(UserLayer):
    """A vector file or an OSM extract: one path per style, labels at low zoom levels hidden."""

    def __init__(
        self,
        spec: BasemapSpec,
        data: VectorData,
        kind: str,
        cancelled: Callable[[], bool] | None = None,
    ):
        super().__init__(spec, data.name)
        self.kind = kind
        self.paths: list[tuple[str, str, list[tuple[QRectF, QPainterPath]]]] = []
        self.points: list[QPointF] = []
        self.labels: list[tuple[str, QPointF]] = []
        self._label_pictures: dict[str, QImage] = {}
        # asks for another frame when labels were left for one (None: draw them all now)
        self.more_labels: Callable[[], object] | None = None
        self.bounds = data.bounds() or (0.0, 0.0, 1.0, 1.0)
        order = list(VECTOR_STYLES)
        for style in sorted(data.groups, key=lambda s: order.index(s) if s in order else 0):
            group = data.groups[style]
            coords, counts = group.flat()
            if group.kind == "point":
                self.points.extend(QPointF(px, -py) for px, py in coords)
            else:
                cells = cell_paths(coords, counts, group.standalone, cancelled=cancelled)
                if cells:
                    self.paths.append((style, group.kind, cells))
            self.labels.extend((text, QPointF(lx, -ly)) for text, lx, ly in group.labels)
        # where the labels are (scene coordinates), to pick those in view without a Python loop
        self._label_xy = np.array([(at.x(), at.y()) for _text, at in self.labels]).reshape(-1, 2)

    def paint(self, painter: QPainter, view: QTransform, target: QRectF, wait: bool) -> None:
        mpp = metres_per_px(view)
        self.paint_geometry(painter, mpp, view.inverted()[0].mapRect(target))
        self.paint_marks(painter, view, target, every=wait)

    def paint_geometry(
        self,
        painter: QPainter,
        mpp: float,
        shown: QRectF,
        pause: Callable[[], object] | None = None,
    ) -> bool:
        """Draw the lines and areas of the cells meeting `shown` (scene coordinates) with the
        painter in scene coordinates; whether anything was drawn. `pause` is called between the
        drawing calls (a decoding thread waits there while the UI thread draws: Qt's drawing
        calls keep the GIL, so each is a cell's worth, and none runs while a frame is drawn)."""
        drew = False
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for style, kind, cells in self.paths:
            if (style == "building" and mpp > BUILDINGS_MAX_MPP) or (
                style == "road_minor" and mpp > ROADS_MINOR_MAX_MPP
            ):
                continue
            colour, width, fill = VECTOR_STYLES.get(style, VECTOR_STYLES[kind])
            paths = [path for rect, path in cells if rect.intersects(shown)]
            drew = drew or bool(paths)
            if fill is not None and kind == "polygon":
                for path in paths:
                    if pause is not None:
                        pause()
                    painter.fillPath(path, QBrush(QColor(fill)))
            if width > 0:
                if style in CASINGS:  # every cell's casing first: a road crossing cells is whole
                    for path in paths:
                        if pause is not None:
                            pause()
                        painter.strokePath(path, _pen(CASINGS[style], width + 1.6))
                for path in paths:
                    if pause is not None:
                        pause()
                    painter.strokePath(path, _pen(colour, width))
        painter.restore()
        return drew

    def paint_marks(
        self, painter: QPainter, view: QTransform, target: QRectF, every: bool = False
    ) -> None:
        """Points and labels (drawn per frame, over tiles too: labels are not cut at tile edges).
        `every`: all labels now (an export), else only so many new ones a frame, asking for more."""
        if self.points:
            painter.save()
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(_pen(VECTOR_STYLES["point"][0], VECTOR_STYLES["point"][1]))
            painter.drawPoints(self.points)
            painter.restore()
        if self.labels and metres_per_px(view) <= LABELS_MAX_MPP:
            self._paint_labels(painter, view, target, every)

    def draw_tile(
        self, grid: TileGrid, z: int, x: int, y: int, pause: Callable[[], object] | None = None
    ) -> QImage | None:
        """One tile of a map-CRS grid (see PlaneTileSource) drawn from the cells it meets; None
        when nothing falls in it. Runs on the decoding threads (QPainter on a QImage)."""
        level = grid.levels[z]
        x0, y0 = grid.left + x * level.span_x, grid.top - y * level.span_y
        scale = level.tile_px / level.span_x  # pixels a metre
        margin = 6.0 / scale  # the widest stroke's half, so roads meet across tile edges
        shown = QRectF(x0, -y0, level.span_x, level.span_y).adjusted(
            -margin, -margin, margin, margin
        )
        image = QImage(level.tile_px, level.tile_px, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setTransform(QTransform.fromScale(scale, scale).translate(-x0, y0))
        drew = self.paint_geometry(painter, 1.0 / scale, shown, pause)
        painter.end()
        return image if drew else None

    def _paint_labels(
        self, painter: QPainter, view: QTransform, target: QRectF, every: bool
    ) -> None:
        """Names where they fit, each drawn once into a picture (halo and all) and reused."""
        painter.save()
        painter.resetTransform()
        font = QFont()
        font.setPixelSize(11)
        painter.setFont(font)
        metrics = painter.fontMetrics()
        placed: list[QRectF] = []
        halo = QPen(QColor(255, 255, 255, 220), 3)
        shown = view.inverted()[0].mapRect(target)
        xy = self._label_xy
        inside = np.flatnonzero(  # only the labels in view are looked at (an OSM city has 30,000)
            (xy[:, 0] >= shown.left())
            & (xy[:, 0] <= shown.right())
            & (xy[:, 1] >= shown.top())
            & (xy[:, 1] <= shown.bottom())
        )
        new_pictures, deferred = 0, False
        more = None if every else self.more_labels
        new_limit = len(inside) if more is None else MAX_NEW_LABELS_PER_FRAME
        for i in inside[:MAX_LABELS_LOOKED_AT]:
            text, at = self.labels[i]
            p = view.map(at)
            if not target.contains(p):
                continue
            box = QRectF(metrics.boundingRect(text)).translated(
                p.x() - metrics.horizontalAdvance(text) / 2, p.y()
            )
            if any(box.intersects(other) for other in placed):
                continue
            placed.append(box.adjusted(-4, -2, 4, 2))
            picture = self._label_pictures.get(text)
            if picture is None and new_pictures >= new_limit:
                deferred = True  # drawn in a coming frame: a frame makes only so many pictures
                continue
            if picture is None:  # drawn once (a street's name repeats on each of its ways)
                new_pictures += 1
                if len(self._label_pictures) > 5000:
                    self._label_pictures.clear()
                picture = QImage(
                    int(box.width()) + 8,
                    int(box.height()) + 8,
                    QImage.Format.Format_ARGB32_Premultiplied,
                )
                picture.fill(Qt.GlobalColor.transparent)
                label = QPainter(picture)
                label.setRenderHint(QPainter.RenderHint.Antialiasing)
                path = QPainterPath()
                path.addText(QPointF(4, 4 - box.top() + p.y()), font, text)
                label.strokePath(path, halo)
                label.fillPath(path, QColor("#333333"))
                label.end()
                self._label_pictures[text] = picture
            painter.drawImage(QPointF(box.left() - 4, box.top() - 4), picture)
        painter.restore()
        if deferred and more is not None:
            more()


class RasterLayer(UserLayer):
    """A GeoTIFF warped onto the map grid: one image on its map rectangle."""

    def __init__(self, spec: BasemapSpec, data: RasterData):
        super().__init__(spec, data.name)
        self.kind = "geotiff"
        rows, cols = data.rgba.shape[:2]
        self._pixels = np.ascontiguousarray(data.rgba)
        self.image = QImage(
            self._pixels.data, cols, rows, cols * 4, QImage.Format.Format_RGBA8888
        ).copy()
        xmin, ymin, xmax, ymax = data.bounds
        self.rect = QRectF(xmin, -ymax, xmax - xmin, ymax - ymin)

    def paint(self, painter: QPainter, view: QTransform, target: QRectF, wait: bool) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.drawImage(self.rect, self.image)
        painter.restore()


OSM_TILE_PX = 256
OSM_TILE_MPP = tuple(0.25 * 2**k for k in range(9))  # 0.25 to 64 m a pixel, a level each


class PlaneTileSource(TileSource):
    """Tiles of the map CRS itself (UTM 37N, no reprojection: placed exactly) over a rectangle,
    at OSM_TILE_MPP metres a pixel: the grid a street basemap is drawn into. Each level has twice
    the columns and rows of the one above, so a coarser tile stands in while one is drawn."""

    kind = "osm"
    tile_format = "vector"

    def __init__(self, bounds: tuple[float, float, float, float], name: str):
        super().__init__()
        xmin, ymin, xmax, ymax = bounds
        coarsest = OSM_TILE_MPP[-1] * OSM_TILE_PX
        columns = max(1, math.ceil((xmax - xmin) / coarsest))
        rows = max(1, math.ceil((ymax - ymin) / coarsest))
        levels = {}
        for z, mpp in enumerate(reversed(OSM_TILE_MPP)):
            span = mpp * OSM_TILE_PX
            levels[z] = ZoomLevel(z, span, span, columns * 2**z, rows * 2**z, OSM_TILE_PX)
        self.grid = TileGrid(MAP_CRS, xmin, ymax, levels)
        self.name = name
        self.path = Path(name)

    def tile(self, z: int, x: int, y: int) -> bytes | None:
        return None  # drawn, not read: see TiledVectorLayer.load_tile


class TiledVectorLayer(TileLayer):
    """An OSM street basemap drawn into tiles of the map grid on the decoding threads and kept in
    the tile cache, so a frame only places tiles (as for an MBTiles); points and labels are drawn
    per frame on top. Drawing a city's ways on every frame took 0.1-0.3 s."""

    def __init__(
        self, spec: BasemapSpec, vector: VectorLayer, cache: TileCache, loader: TileLoader
    ):
        bounds = vector.bounds
        super().__init__(spec, PlaneTileSource(bounds, vector.name), cache, loader)
        self.kind = vector.kind
        self.vector = vector
        vector.more_labels = lambda: QTimer.singleShot(0, loader.signals.done.emit)

    def load_tile(
        self, z: int, x: int, y: int, pause: Callable[[], object] | None = None
    ) -> QImage | None:
        """Draw one tile into the cache; on a decoding thread `pause` lets a frame go first."""
        image = self.vector.draw_tile(self.source.grid, z, x, y, pause)
        self.cache.put(self.key(z, x, y), image)
        return image

    def paint(self, painter: QPainter, view: QTransform, target: QRectF, wait: bool) -> None:
        super().paint(painter, view, target, wait)
        # an export (`wait`, perhaps on its drawing thread while the window paints): every label now
        self.vector.paint_marks(painter, view, target, every=wait)


def open_user_layer(
    spec: BasemapSpec,
    cache: TileCache,
    loader: TileLoader,
    progress: Callable[[float], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> UserLayer:
    """Open a basemap for drawing; BasemapError (naming the file) when it cannot be shown."""
    kind = basemap_kind(spec.path)
    path = Path(spec.path)
    if kind in ("mbtiles", "pmtiles", "xyz", "gpkg-tiles"):
        return TileLayer(spec, open_tile_source(path, kind), cache, loader)
    if kind == "vector":
        return VectorLayer(spec, read_vector(path), kind)
    if kind == "osm":
        data = read_osm(path, spec.language, progress, cancelled)
        vector = VectorLayer(spec, data, kind, cancelled)  # its paths: cancellable too
        return TiledVectorLayer(spec, vector, cache, loader)
    if kind == "geotiff":
        return RasterLayer(spec, read_geotiff(path))
    raise BasemapError(path, f"unknown basemap type ({kind})")


class UserLayers:
    """The user's basemaps in drawing order (first is lowest), shared by the screen and its exports.

    `changed` (a plain callback list) is called when layers come or go or tiles land."""

    def __init__(self) -> None:
        self.cache = TileCache()
        self.loader = TileLoader()
        self.layers: list[UserLayer] = []
        self.zone_opacity = ZONE_OPACITY
        self._view_key: tuple = ()

    def add(self, spec: BasemapSpec, **kwargs) -> UserLayer:
        layer = open_user_layer(spec, self.cache, self.loader, **kwargs)
        self.layers.append(layer)
        return layer

    def add_all(self, specs: list[BasemapSpec]) -> list[str]:
        """Open every spec that can be opened; the messages of those skipped."""
        errors = []
        for spec in specs:
            try:
                self.add(spec)
            except BasemapError as exc:
                errors.append(str(exc))
        return errors

    def remove(self, index: int) -> None:
        self.layers.pop(index).close()

    def move(self, index: int, to: int) -> None:
        layer = self.layers.pop(index)
        self.layers.insert(max(0, min(to, len(self.layers))), layer)

    def specs(self) -> list[BasemapSpec]:
        return [layer.spec for layer in self.layers]

    def any_visible(self) -> bool:
        return any(layer.spec.visible and layer.spec.opacity > 0 for layer in self.layers)

    def paint(
        self, painter: QPainter, view: QTransform, target: QRectF, wait: bool = False
    ) -> None:
        """Draw the visible layers, bottom first, with their opacity (painter in device pixels).
        `wait`: decode missing tiles now (exports); else they are queued and drawn when they land."""
        key = (
            view.m11(),
            view.m12(),
            view.m21(),
            view.m22(),
            view.dx(),
            view.dy(),
            target.width(),
            target.height(),
        )
        if not wait and key != self._view_key:
            self._view_key = key
            self.loader.new_view()
        if wait:  # an export: its tiles are decoded and drawn on this thread
            self._paint_layers(painter, view, target, wait)
            return
        self.loader.quiet.clear()
        try:
            self._paint_layers(painter, view, target, wait)
        finally:
            self.loader.quiet.set()

    def _paint_layers(
        self, painter: QPainter, view: QTransform, target: QRectF, wait: bool
    ) -> None:
        for layer in self.layers:
            if not layer.spec.visible or layer.spec.opacity <= 0:
                continue
            painter.save()
            painter.setOpacity(painter.opacity() * layer.spec.opacity)
            painter.setTransform(view, True)
            try:
                layer.paint(painter, view, target, wait)
            finally:
                painter.restore()
