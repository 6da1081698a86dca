"""User basemap benchmark: prints figures (not pass/fail) against the targets of issue 11.

    .venv/bin/python bench/basemap_bench.py [--mbtiles-gb 1.0] [--osm-mb 50] [--keep DIR] [--skip-osm]

1. A generated MBTiles of about 1 GB (noise PNG tiles, incompressible, zooms 11-16 over Aleppo):
   pan and zoom frames of the whole map (user tiles, zones, front, static picture) at 1920x1080 once
   the tiles are cached (target: median <= 16 ms), and while they load on the decoding threads
   (target: no frame over 50 ms: the UI thread never waits for a tile).
2. A generated `.osm.pbf` of about 50 MB shaped like a real city extract (mostly nodes, about nine
   per way, and buildings; see make_osm): import time with progress, up to the drawable layer
   (target <= 30 s), and how soon a cancel takes effect at four points of the import.
   Then the map window's own frames (ui.map_view): pans, wheel zooms and the settled pictures.
3. Start-up without user basemaps: the GDAL/osmium readers are not imported, and what the
   basemap modules add to importing the main window.
"""

from __future__ import annotations

import argparse
import datetime
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import zlib
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np

FRAME_SIZE = (1920, 1080)
TARGETS = {"cached median ms": 16.0, "loading max ms": 50.0, "osm import s": 30.0}
CENTRE = (37.16, 36.20)


def noise_png(rng: np.random.Generator, size: int = 256) -> bytes:
    """An RGB PNG of random pixels (about 197 kB: what a photo tile costs to store and decode)."""
    import struct

    rows = rng.integers(0, 256, (size, size * 3), dtype=np.uint8)
    raw = b"".join(b"\x00" + row.tobytes() for row in rows)

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        return struct.pack(">I", len(data)) + kind + data + crc

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw, 1))
        + chunk(b"IEND", b"")
    )


def make_mbtiles(path: Path, gigabytes: float) -> tuple[int, float]:
    """Zooms 11..16 over a box around Aleppo, grown until the file holds `gigabytes` of tiles."""
    from aleppo_desktop.core.basemap_samples import lonlat_to_tile, write_mbtiles

    rng = np.random.default_rng(11)
    variants = [noise_png(rng) for _ in range(48)]
    per_tile = len(variants[0])
    budget = int(gigabytes * 2**30 / per_tile)
    tiles: list[tuple[int, int, int]] = []
    for z in range(11, 17):
        half = 0.16  # degrees each side of the centre
        x0, y0 = (int(v) for v in lonlat_to_tile(CENTRE[0] - half, CENTRE[1] + half, z))
        x1, y1 = (int(v) for v in lonlat_to_tile(CENTRE[0] + half, CENTRE[1] - half, z))
        tiles.extend((z, x, y) for x in range(x0, x1 + 1) for y in range(y0, y1 + 1))
    z = 16
    while len(tiles) < budget:  # widen zoom 16 until the budget is reached
        ring = len(tiles)
        half = 0.16 + 0.01 * (ring // 500)
        x0, y0 = (int(v) for v in lonlat_to_tile(CENTRE[0] - half, CENTRE[1] + half, z))
        x1, y1 = (int(v) for v in lonlat_to_tile(CENTRE[0] + half, CENTRE[1] - half, z))
        have = set(tiles)
        extra = [
            (z, x, y) for x in range(x0, x1 + 1) for y in range(y0, y1 + 1) if (z, x, y) not in have
        ]
        tiles.extend(extra[: budget - len(tiles)])
    started = time.perf_counter()
    write_mbtiles(
        path, ((z, x, y, variants[i % len(variants)]) for i, (z, x, y) in enumerate(tiles))
    )
    return len(tiles), time.perf_counter() - started


def _summary(figures: tuple[list, list]) -> str:
    wall, cpu = figures
    over = sum(t > TARGETS["loading max ms"] for t in wall)
    return (
        f"wall median {statistics.median(wall):.1f} ms, p95 {np.percentile(wall, 95):.1f}, "
        f"max {max(wall):.1f} ({over} over 50 ms); UI-thread CPU median "
        f"{statistics.median(cpu):.1f} ms, p95 {np.percentile(cpu, 95):.1f}, max {max(cpu):.1f}"
    )


def frame_figures(mbtiles: Path) -> None:
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QImage, QPainter, QTransform
    from PySide6.QtWidgets import QApplication

    from aleppo_desktop.core.loading import load_scenario
    from aleppo_desktop.core.user_basemap import BasemapSpec
    from aleppo_desktop.paths import bundled_scenario_path
    from aleppo_desktop.render.scene import MapScene, paint_map

    app = QApplication.instance() or QApplication([])
    scenario = load_scenario(bundled_scenario_path())
    frame = scenario.frame_at((scenario.start + scenario.end) / 2)
    width, height = FRAME_SIZE
    target = QRectF(0, 0, width, height)
    centre = MapScene(scenario).city_rect.center()

    def view(scale: float, dx: float) -> QTransform:  # scale: px per metre
        return (
            QTransform.fromTranslate(width / 2, height / 2)
            .scale(scale, scale)
            .translate(-(centre.x() + dx), -centre.y())
        )

    # a pan of 120 frames at 4 m/px, then a zoom from 16 m/px to 0.6 m/px and back
    pan = [view(1 / 4.0, 12.0 * i) for i in range(120)]
    zoom = [view(1 / (16.0 * 0.96**i), 0.0) for i in range(80)]
    views = pan + zoom + zoom[::-1]

    def run(scene: MapScene, pump: bool, tiles_only: bool = False) -> tuple[list, list]:
        """Wall time and the UI thread's CPU time (ms) of each frame."""
        image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
        times, cpu = [], []
        for transform in views:
            if pump:
                app.processEvents()  # tiles that landed meanwhile
            t0, c0 = time.perf_counter(), time.thread_time()
            painter = QPainter(image)
            if tiles_only:  # what the user basemap adds to a frame
                scene.user_layers.paint(painter, transform, target, wait=scene.wait_for_tiles)
            else:
                paint_map(painter, scene, frame, transform, target, fast=True)
            painter.end()
            times.append((time.perf_counter() - t0) * 1000)
            cpu.append((time.thread_time() - c0) * 1000)
            if pump:
                time.sleep(max(0.0, 1 / 60 - times[-1] / 1000))  # frames at up to 60 Hz
        return times, cpu

    print(f"  load average before the frames: {os.getloadavg()}")
    loading = MapScene(scenario)
    loading.user_layers.add(BasemapSpec(str(mbtiles)))
    loading_tiles = run(loading, pump=True, tiles_only=True)
    tiles_loaded = len(loading.user_layers.cache)
    loading2 = MapScene(scenario)
    loading2.user_layers.add(BasemapSpec(str(mbtiles)))
    loading_times = run(loading2, pump=True)
    cached = MapScene(scenario)
    cached.user_layers.add(BasemapSpec(str(mbtiles)))
    cached.wait_for_tiles = True
    run(cached, pump=False, tiles_only=True)  # decode every tile of every view once
    cached.wait_for_tiles = False
    cached_tiles = run(cached, pump=False, tiles_only=True)
    cached_times = run(cached, pump=False)
    plain = MapScene(scenario)
    plain_times = run(plain, pump=False)
    print(f"frames at {width}x{height}, {len(views)} views (pan 120, zoom 80 in and out):")
    print(
        f"  the user tiles alone, once cached (target median <= "
        f"{TARGETS['cached median ms']:.0f} ms): {_summary(cached_tiles)}"
    )
    print(
        f"  the user tiles alone, while loading (target max <= "
        f"{TARGETS['loading max ms']:.0f} ms; {tiles_loaded} tiles landed): {_summary(loading_tiles)}"
    )
    print(
        f"  whole map (tiles, zones, front, outlines, labels) once cached "
        f"({len(cached.user_layers.cache)} tiles, {cached.user_layers.cache.bytes / 2**20:.0f} MB "
        f"in the cache): {_summary(cached_times)}"
    )
    print(f"  whole map while loading: {_summary(loading_times)}")
    print(f"  whole map without a user basemap: {_summary(plain_times)}")
    print(f"  load average after the frames: {os.getloadavg()}")
    window_figures(scenario, mbtiles)


def window_figures(scenario, mbtiles: Path) -> None:
    """The map window's own frames at 1920x1080 (ui.map_view: cached pictures, labels over each
    paint, overlays): a drag pan of 12 px a frame at 4 m/px, and wheel zooms (80 steps of 4 % in,
    then out) with the full picture drawn at each rest (every 10 steps): the wheel's frames and
    the settled ones are reported apart; then + and - (bursts of four steps of 1.25x, the
    settled picture after each). Once the tiles are cached, while they load, and without
    a user basemap."""
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication, QGraphicsView

    from aleppo_desktop.core.user_basemap import BasemapSpec
    from aleppo_desktop.render.overlays import overlays_for
    from aleppo_desktop.render.scene import MapScene
    from aleppo_desktop.ui.map_view import MapView

    app = QApplication.instance() or QApplication([])
    width, height = FRAME_SIZE
    t = (scenario.start + scenario.end) / 2

    def frames(scene: MapScene, pump: bool) -> dict[str, tuple[list, list]]:
        view = MapView()
        view.resize(width, height)
        view.show()
        view.set_map_scene(scene)
        view.show_time(t, overlays_for(scene, t))
        view.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        view.zoom_by(0.25 / view.transform().m11())  # 4 m/px
        view.centerOn(scene.city_rect.center())
        app.processEvents()
        wheel = getattr(view, "wheel_zoom", None)  # older trees: every step drawn in full
        settle = getattr(view, "_settle_zoom", None)
        out: dict[str, tuple[list, list]] = {
            k: ([], []) for k in ("pan", "wheel", "settled", "keys", "keys settled")
        }
        kind, started = ["settled"], [0.0, 0.0]

        class PaintClock(QObject):
            """Times every paint of the map, also those of tiles landing while events run."""

            def eventFilter(self, watched, event) -> bool:
                if event.type() == QEvent.Type.Paint:
                    started[:] = [time.perf_counter(), time.thread_time()]
                return False

        def painted() -> None:
            out[kind[0]][0].append((time.perf_counter() - started[0]) * 1000)
            out[kind[0]][1].append((time.thread_time() - started[1]) * 1000)

        clock = PaintClock()
        view.viewport().installEventFilter(clock)
        view.painted.connect(painted)

        def frame(name: str, change) -> None:
            if pump:
                app.processEvents()  # tiles that landed meanwhile (their paints count)
            change()
            kind[0] = name
            t0 = time.perf_counter()
            view.viewport().repaint()
            if pump:
                time.sleep(max(0.0, 1 / 60 - (time.perf_counter() - t0)))  # up to 60 Hz

        frame("settled", lambda: None)
        rest = time.perf_counter() + 0.6  # the view at rest before the drag, events running
        while time.perf_counter() < rest:  # (the window draws the margin round it then)
            app.processEvents()
            time.sleep(0.01)
        bar = view.horizontalScrollBar()
        for _ in range(120):
            frame("pan", lambda: bar.setValue(bar.value() + 12))
        centre = view.viewport().rect().center().toPointF()
        # from 16 m/px to 0.6 and back
        frame("settled", lambda: view.zoom_by((1 / 16.0) / view.transform().m11()))
        for step, factor in enumerate([1 / 0.96] * 80 + [0.96] * 80, start=1):
            if wheel is not None:
                frame("wheel", lambda factor=factor: wheel(factor, centre))
            else:
                frame("wheel", lambda factor=factor: view.zoom_by(factor))
            if step % 10 == 0 and settle is not None:
                frame("settled", settle)  # the wheel rests: the full picture
        # + and - (keys, toolbar): bursts of four steps, then the rest (older trees: each step
        # drawn in full, nothing to settle)
        for step, key in enumerate(([view.zoom_in] * 4 + [view.zoom_out] * 4) * 3, start=1):
            frame("keys", key)
            if step % 4 == 0 and settle is not None and getattr(view, "_zooming", False):
                frame("keys settled", settle)
        view.viewport().removeEventFilter(clock)
        view.close()
        view.deleteLater()
        app.processEvents()
        return out

    print(f"  load average before the window frames: {os.getloadavg()}")
    cached = MapScene(scenario)
    cached.user_layers.add(BasemapSpec(str(mbtiles)))
    cached.wait_for_tiles = True
    frames(cached, pump=False)  # every tile of every view decoded once
    cached.wait_for_tiles = False
    runs = {"once cached": frames(cached, pump=False)}
    loading = MapScene(scenario)
    loading.user_layers.add(BasemapSpec(str(mbtiles)))
    runs["while loading"] = frames(loading, pump=True)
    runs["without a user basemap"] = frames(MapScene(scenario), pump=False)
    print(f"window frames at {width}x{height} (ui.map_view, overlays included):")
    for name, out in runs.items():
        for kind in ("pan", "wheel", "settled", "keys", "keys settled"):
            if out[kind][0]:
                print(f"  {name}, {kind} ({len(out[kind][0])} frames): {_summary(out[kind])}")
    print(f"  load average after the window frames: {os.getloadavg()}")


def make_osm(path: Path, megabytes: float) -> float:
    """A city-like extract around Aleppo of about `megabytes`, shaped like real ones: mostly nodes
    (five to six per way; a planet file has about nine) and buildings (most of the ways), ids
    ascending with gaps, full coordinate precision, version/timestamp/changeset on every object (as
    public extracts carry; a feature's nodes share one edit's), tagged nodes (shops), footpaths,
    walls and other ways the street basemap skips, streets split into ways and named in three
    languages, parks, and multipolygon relations of untagged ways (land use with a hole). About
    9 bytes a node, as a planet file (so 50 MB: 5.5 million nodes, 960,000 ways)."""
    import osmium

    started = time.perf_counter()
    if path.exists():
        path.unlink()
    writer = osmium.SimpleWriter(str(path))
    rng = np.random.default_rng(50)
    blocks = int(70_000 * megabytes / 50.0) + 4  # calibrated: ~50 MB at 70,000 blocks
    side = int(np.ceil(np.sqrt(blocks)))
    step = 0.0012  # a block of about 110 x 130 m
    lon0, lat0 = CENTRE[0] - side * step / 2, CENTRE[1] - side * step / 2
    node, way, rel = osmium.osm.mutable.Node, osmium.osm.mutable.Way, osmium.osm.mutable.Relation
    epoch = datetime.datetime(2008, 1, 1, tzinfo=datetime.UTC)
    next_node = [1000]

    def meta() -> dict:
        return {
            "version": int(rng.integers(1, 8)),
            "changeset": int(rng.integers(1_000_000, 150_000_000)),
            "timestamp": epoch + datetime.timedelta(seconds=int(rng.integers(0, 16 * 365 * 86400))),
        }

    def add_nodes(xy: np.ndarray, first_tags: dict | None = None) -> list[int]:
        """Nodes of one feature: consecutive ids after a gap, one edit's metadata."""
        ids = []
        shared = meta()
        for k, (x, y) in enumerate(xy):
            next_node[0] += int(rng.integers(1, 40)) if k == 0 else 1
            ids.append(next_node[0])
            tags = (first_tags or {}) if k == 0 else {}
            writer.add_node(
                node(id=next_node[0], location=(float(x), float(y)), tags=tags, **shared)
            )
        return ids

    ways: list[tuple[list[int], dict]] = []
    relations: list[tuple[list[tuple[str, int, str]], dict]] = []
    # street intersections
    grid = np.empty((side + 1, side + 1), np.int64)
    for i in range(side + 1):
        xy = np.column_stack(
            [lon0 + np.arange(side + 1) * step, np.full(side + 1, lat0 + i * step)]
        )
        xy += rng.normal(0, step * 0.03, xy.shape)
        grid[i] = add_nodes(xy)
    classes = ("residential",) * 5 + ("tertiary", "secondary", "primary", "service", "footway")
    for i in range(side + 1):  # streets split into ways of four blocks, as mapped
        cls = classes[i % len(classes)]
        for line in (grid[i], grid[:, i]):
            for s in range(0, side, 4):
                tags = {"highway": cls}
                if cls not in ("service", "footway"):
                    tags |= {"name": f"شارع {i}", "name:en": f"Street {i}", "name:ar": f"شارع {i}"}
                ways.append(([int(n) for n in line[s : s + 5]], tags))
    building_kinds = ("yes", "yes", "yes", "house", "apartments", "residential")
    for b in range(side * side):
        bi, bj = divmod(b, side)
        x0, y0 = lon0 + bj * step, lat0 + bi * step
        # 12 buildings of 4-8 corners along the block's edge, a tagged shop now and then
        for k in range(12):
            cx = x0 + step * (0.15 + 0.7 * (k % 4) / 3)
            cy = y0 + step * (0.15 + 0.7 * (k // 4) / 2)
            corners = int(rng.integers(4, 9))
            angles = np.sort(rng.uniform(0, 2 * np.pi, corners))
            radius = step * rng.uniform(0.04, 0.08)
            xy = np.column_stack([cx + radius * np.cos(angles), cy + radius * np.sin(angles)])
            shop = {"shop": "convenience", "name": f"Shop {b}"} if rng.random() < 0.3 else {}
            ids = add_nodes(xy, shop)
            tags = {"building": building_kinds[k % len(building_kinds)]}
            if rng.random() < 0.3:
                tags |= {"addr:housenumber": str(k + 1), "addr:street": f"Street {bi}"}
            ways.append((ids + ids[:1], tags))
        # a wall or fence along part of the block (not drawn), a garden every few blocks
        ids = add_nodes(
            np.column_stack([x0 + step * np.linspace(0.05, 0.95, 4), np.full(4, y0 + step * 0.05)])
        )
        ways.append((ids, {"barrier": "wall"}))
        if b % 7 == 0:
            ring = np.array([[0.05, 0.9], [0.3, 0.9], [0.3, 0.97], [0.05, 0.97]]) * step + (x0, y0)
            ids = add_nodes(ring)
            ways.append((ids + ids[:1], {"leisure": "park", "name": f"Garden {b}"}))
        if b % 50 == 0:  # a multipolygon: land use with a courtyard hole, from untagged ways
            outer = np.array([[0.02, 0.02], [0.98, 0.02], [0.98, 0.98], [0.02, 0.98]]) * step + (
                x0,
                y0,
            )
            inner = np.array([[0.45, 0.45], [0.55, 0.45], [0.55, 0.55], [0.45, 0.55]]) * step + (
                x0,
                y0,
            )
            oid, iid = add_nodes(outer), add_nodes(inner)
            ways.append((oid + oid[:1], {}))
            ways.append((iid + iid[:1], {}))
            relations.append(
                (
                    [("w", len(ways) - 2, "outer"), ("w", len(ways) - 1, "inner")],
                    {"type": "multipolygon", "landuse": "residential" if b % 100 else "cemetery"},
                )
            )
    first_way = 1000
    for k, (nodes, tags) in enumerate(ways):
        writer.add_way(way(id=first_way + k, nodes=nodes, tags=tags, **meta()))
    for k, (members, tags) in enumerate(relations):
        members = [(t, first_way + i, role) for t, i, role in members]
        writer.add_relation(rel(id=500 + k, members=members, tags=tags, **meta()))
    writer.close()
    return time.perf_counter() - started


def osm_figures(path: Path) -> None:
    from aleppo_desktop.core.user_basemap import BasemapSpec, ImportCancelledError
    from aleppo_desktop.render.user_layers import TileCache, TileLoader, UserLayers, open_user_layer

    counts = {"nodes": 0, "ways": 0, "relations": 0, "buildings": 0}
    import osmium

    for obj in osmium.FileProcessor(str(path), osmium.osm.WAY | osmium.osm.RELATION):
        way = isinstance(obj, osmium.osm.Way)
        counts["ways" if way else "relations"] += 1
        counts["buildings"] += way and "building" in obj.tags
    counts["nodes"] = sum(1 for _ in osmium.FileProcessor(str(path), osmium.osm.NODE))
    spec = BasemapSpec(str(path), language="name:en")
    progress: list[tuple[float, float]] = []
    cache, loader = TileCache(), TileLoader()
    started, cpu = time.perf_counter(), time.process_time()
    layers = UserLayers()  # as the Layers dock opens it
    layer = layers.add(spec, progress=lambda f: progress.append((time.perf_counter(), f)))
    took, took_cpu = time.perf_counter() - started, time.process_time() - cpu
    read = progress[-1][0] - started
    gaps = np.diff([started] + [t for t, _f in progress])
    print(
        f"OSM import of {path.stat().st_size / 2**20:.0f} MiB ({counts}): {took:.1f} s wall, "
        f"{took_cpu:.1f} s CPU (target <= {TARGETS['osm import s']:.0f} s; reading {read:.1f} s, "
        f"drawing paths {took - read:.1f} s); {len(progress)} progress reports, longest gap "
        f"{gaps.max():.2f} s; {len(getattr(getattr(layer, 'vector', layer), 'paths', []))} styles"
    )
    osm_frames(layers)
    latencies = []
    for at in (0.5, 0.25 * took, 0.5 * took, 0.8 * took):
        cancel = threading.Event()
        outcome: list[float] = []

        def work(cancel=cancel, outcome=outcome) -> None:
            try:
                open_user_layer(
                    spec, cache, loader, progress=lambda f: None, cancelled=cancel.is_set
                )
            except ImportCancelledError:
                outcome.append(time.perf_counter())

        thread = threading.Thread(target=work)
        thread.start()
        time.sleep(at)
        asked = time.perf_counter()
        cancel.set()
        thread.join()
        if outcome:
            latencies.append(outcome[0] - asked)
            print(f"  cancel asked {at:.1f} s in took effect {1000 * latencies[-1]:.0f} ms later")
        else:
            print(f"  cancel asked {at:.1f} s in: the import had finished")
    if latencies:
        print(f"  cancel latency: max {1000 * max(latencies):.0f} ms (target <= 1000 ms)")


def osm_frames(layers) -> None:
    """Frames of the imported street basemap alone at 1920x1080, from the whole city to streets:
    while its tiles are drawn on the decoding threads, and once they are cached."""
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QImage, QPainter, QTransform
    from PySide6.QtWidgets import QApplication

    from aleppo_desktop.core.user_basemap import to_map_xy

    app = QApplication.instance() or QApplication([])
    width, height = FRAME_SIZE
    image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    xy = to_map_xy(np.array([CENTRE[0]]), np.array([CENTRE[1]]), "EPSG:4326")
    cx, cy = float(xy[0][0]), float(xy[1][0])
    scales = (16.0, 7.0, 4.0, 2.0, 0.6)
    views = [
        (
            mpp,
            QTransform.fromTranslate(width / 2, height / 2)
            .scale(1 / mpp, 1 / mpp)
            .translate(-(cx + i * 15 * mpp), cy),
        )
        for mpp in scales
        for i in range(10)  # a short pan at each scale
    ]

    def run(pump: bool) -> str:
        wall: dict[float, list[float]] = {m: [] for m in scales}
        cpu: dict[float, list[float]] = {m: [] for m in scales}
        for mpp, view in views:
            if pump:
                app.processEvents()
            t0, c0 = time.perf_counter(), time.thread_time()
            painter = QPainter(image)
            layers.paint(painter, view, QRectF(0, 0, width, height))
            painter.end()
            wall[mpp].append((time.perf_counter() - t0) * 1000)
            cpu[mpp].append((time.thread_time() - c0) * 1000)
            if pump:
                time.sleep(max(0.0, 1 / 60 - wall[mpp][-1] / 1000))
        every = [t for ts in wall.values() for t in ts]
        return (
            "; ".join(
                f"{m:g} m/px {statistics.median(wall[m]):.0f} ms ({statistics.median(cpu[m]):.0f} CPU)"
                for m in scales
            )
            + f"; max {max(every):.0f} ms wall, {max(c for cs in cpu.values() for c in cs):.0f} ms CPU"
        )

    print(
        f"  street basemap frames while its tiles are drawn (median wall, UI-thread CPU): {run(True)}"
    )
    layers.loader.wait()
    for _mpp, view in views:  # every tile of every view drawn
        painter = QPainter(image)
        layers.paint(painter, view, QRectF(0, 0, width, height), wait=True)
        painter.end()
    print(f"  street basemap frames once its tiles are cached: {run(False)}")


def startup_figures() -> None:
    code = (
        "import sys, time; t = time.perf_counter();"
        "from aleppo_desktop.ui.main_window import MainWindow;"
        "print(round((time.perf_counter() - t) * 1000),"
        " [m for m in ('pyogrio', 'rasterio', 'osmium', 'pmtiles', 'mapbox_vector_tile') if m in sys.modules])"
    )
    times, loaded = [], ""
    for _ in range(3):
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout.split(" ", 1)
        times.append(int(out[0]))
        loaded = out[1].strip()
    base = (
        "import time; t = time.perf_counter();"
        "import aleppo_desktop.core.user_basemap, aleppo_desktop.render.user_layers;"
        "print(round((time.perf_counter() - t) * 1000))"
    )
    extra = subprocess.run(
        [sys.executable, "-c", "import PySide6.QtGui, pyproj, shapely, numpy;" + base],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    print(
        f"start-up without user basemaps: importing the main window {min(times)} ms (best of 3); "
        f"readers imported: {loaded}; the basemap modules add {extra} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mbtiles-gb", type=float, default=1.0)
    parser.add_argument("--osm-mb", type=float, default=50.0)
    parser.add_argument("--keep", type=Path, help="write the generated files here and keep them")
    parser.add_argument("--skip-osm", action="store_true")
    parser.add_argument(
        "--window-only", action="store_true", help="only the map window's frames (no OSM)"
    )
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="basemap-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    startup_figures()
    mbtiles = folder / "bench.mbtiles"
    if not mbtiles.exists():
        count, took = make_mbtiles(mbtiles, args.mbtiles_gb)
        print(
            f"generated {mbtiles.stat().st_size / 2**30:.2f} GB MBTiles: {count} tiles in {took:.0f} s"
        )
    if args.window_only:
        from aleppo_desktop.core.loading import load_scenario
        from aleppo_desktop.paths import bundled_scenario_path

        window_figures(load_scenario(bundled_scenario_path()), mbtiles)
        return
    frame_figures(mbtiles)
    if not args.skip_osm:
        osm = folder / "bench.osm.pbf"
        if not osm.exists():
            took = make_osm(osm, args.osm_mb)
            print(f"generated {osm.stat().st_size / 2**20:.0f} MB .osm.pbf in {took:.0f} s")
        osm_figures(osm)
    if not args.keep:
        import shutil

        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
