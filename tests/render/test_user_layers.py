"""User basemaps on the map: known coordinates land within 1 px at two zoom levels, for every kind.

Fixtures are written by `core.basemap_samples` (raster tiles are solid checkerboard colours, so a
tile's edge, a known coordinate, is where the colour changes on the picture).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QPointF, QRectF, QSize
from PySide6.QtGui import QColor, QImage, QPainter, QTransform

from aleppo_desktop.core import basemap_samples as samples
from aleppo_desktop.core.geometry import MAP_CRS, WGS84
from aleppo_desktop.core.user_basemap import BasemapSpec, to_map_xy
from aleppo_desktop.render.user_layers import TileLayer, UserLayers, visible_map_rect

SIZE = 400


def view_at(x: float, y: float, mpp: float) -> QTransform:
    """Scene -> pixel transform with map point (x, y) at the picture's centre, `mpp` metres a pixel."""
    scale = 1.0 / mpp
    return QTransform.fromTranslate(SIZE / 2, SIZE / 2).scale(scale, scale).translate(-x, y)


def draw(layers: UserLayers, view: QTransform) -> QImage:
    image = QImage(SIZE, SIZE, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor("white"))
    painter = QPainter(image)
    layers.paint(painter, view, QRectF(0, 0, SIZE, SIZE), wait=True)
    painter.end()
    return image


def nearest(colour: QColor, z: int) -> tuple[int, int, int]:
    """Which of the zoom's two checkerboard colours a pixel is."""
    options = [samples.tile_colour(z, 0, 0), samples.tile_colour(z, 0, 1)]
    rgb = np.array([colour.red(), colour.green(), colour.blue()])
    return min(options, key=lambda c: float(np.abs(rgb - np.array(c)).sum()))


def pixel(image: QImage, p: QPointF) -> QColor:
    return image.pixelColor(int(np.floor(p.x())), int(np.floor(p.y())))


TILE_WRITERS = {
    "mbtiles": lambda d: samples.write_mbtiles(d / "t.mbtiles"),
    "pmtiles": lambda d: samples.write_pmtiles(d / "t.pmtiles"),
    "xyz": lambda d: samples.write_xyz_folder(d / "xyz"),
    "gpkg-tiles": lambda d: samples.write_gpkg(d / "t.gpkg"),
}


@pytest.mark.parametrize("kind", list(TILE_WRITERS))
@pytest.mark.parametrize("z", samples.SAMPLE_ZOOMS)
def test_tile_edges_land_within_a_pixel(tmp_path: Path, kind: str, z: int) -> None:
    path = TILE_WRITERS[kind](tmp_path)
    layers = UserLayers()
    layer = layers.add(BasemapSpec(str(path)))
    assert isinstance(layer, TileLayer) and layer.kind == kind
    cx, cy = (int(v) for v in samples.lonlat_to_tile(*samples.CENTRE, z))
    grid = layer.source.grid
    corner = grid.tile_point(z, cx, cy, np.array([0.0]), np.array([0.0]))[0]
    mpp = grid.ground_resolution(z, tuple(corner))
    view = view_at(corner[0], corner[1], mpp)
    assert layer.zoom_for(view, QRectF(0, 0, SIZE, SIZE)) == z
    image = draw(layers, view)
    centre = view.map(QPointF(corner[0], -corner[1]))
    assert abs(centre.x() - SIZE / 2) < 1e-6  # the corner is where the view was centred
    for v in (24.0, 120.0):  # the tile's left edge, where it meets its western neighbour
        edge = grid.tile_point(z, cx, cy, np.array([0.0]), np.array([v]))[0]
        p = view.map(QPointF(edge[0], -edge[1]))
        assert nearest(pixel(image, p + QPointF(-1, 0)), z) == samples.tile_colour(z, cx - 1, cy)
        assert nearest(pixel(image, p + QPointF(1, 0)), z) == samples.tile_colour(z, cx, cy)
    for u in (24.0, 120.0):  # its top edge, where it meets its northern neighbour
        edge = grid.tile_point(z, cx, cy, np.array([u]), np.array([0.0]))[0]
        p = view.map(QPointF(edge[0], -edge[1]))
        assert nearest(pixel(image, p + QPointF(0, -1)), z) == samples.tile_colour(z, cx, cy - 1)
        assert nearest(pixel(image, p + QPointF(0, 1)), z) == samples.tile_colour(z, cx, cy)


def test_tile_placement_error_is_under_half_a_pixel(tmp_path: Path) -> None:
    from aleppo_desktop.core.user_basemap import TileGrid, tile_pieces

    grid = TileGrid.web_mercator(range(4, 15))
    for z in (4, 8, 12, 14):
        cx, cy = (int(v) for v in samples.lonlat_to_tile(*samples.CENTRE, z))
        mpp = grid.ground_resolution(z, (334000.0, 4007000.0))
        pieces = tile_pieces(grid, z, cx, cy, 0.5 * mpp)
        assert all(p.error_m <= 0.5 * mpp for p in pieces)
        if z >= 12:
            assert len(pieces) == 1  # a city-scale tile needs no split
            assert list(pieces[0].h[2]) == [0.0, 0.0, 1.0]  # and an affine map is exact enough
    assert (
        len(tile_pieces(grid, 4, 9, 6, 0.5 * grid.ground_resolution(4, (334000.0, 4007000.0)))) > 1
    )
    # many tiles placed in one batch (the tiles a frame newly shows) as one by one
    from aleppo_desktop.core.user_basemap import place_tiles

    for z in (4, 13):
        cx, cy = (int(v) for v in samples.lonlat_to_tile(*samples.CENTRE, z))
        tiles = [(cx + dx, cy + dy) for dx in (-1, 0, 2) for dy in (0, 1)]
        max_error = 0.5 * grid.ground_resolution(z, (334000.0, 4007000.0))
        batch = place_tiles(grid, z, tiles, max_error)
        for (x, y), pieces in zip(tiles, batch, strict=True):
            single = tile_pieces(grid, z, x, y, max_error)
            assert len(pieces) == len(single)
            for a, b in zip(pieces, single, strict=True):
                assert (a.u0, a.v0, a.u1, a.v1) == (b.u0, b.v0, b.u1, b.v1)
                assert np.allclose(a.h, b.h, rtol=1e-9, atol=1e-6)
                assert a.error_m <= max_error


def test_geotiff_edge_lands_within_a_pixel(tmp_path: Path) -> None:
    path = samples.write_geotiff(tmp_path / "rgb.tif")
    layers = UserLayers()
    layers.add(BasemapSpec(str(path)))
    lon, lat = samples.CENTRE
    x, y = to_map_xy(np.array([lon]), np.array([lat]), WGS84)
    assert MAP_CRS == "EPSG:32637"
    for mpp in (2.0, 6.0):
        view = view_at(float(x[0]), float(y[0]), mpp)
        image = draw(layers, view)
        row = SIZE // 2
        diff = [
            image.pixelColor(c, row).red() - image.pixelColor(c, row).blue() for c in range(SIZE)
        ]
        crossings = [c for c in range(1, SIZE) if diff[c - 1] > 0 >= diff[c]]
        assert len(crossings) == 1
        c = crossings[0]  # where red turns blue, to a fraction of a pixel; pixel centres at c + 0.5
        at = c - 1 + 0.5 + diff[c - 1] / (diff[c - 1] - diff[c])
        assert abs(at - SIZE / 2) <= 1.0


@pytest.mark.parametrize("kind", ["geojson", "osm"])
def test_vector_line_lands_within_a_pixel(tmp_path: Path, kind: str) -> None:
    if kind == "osm":
        path = samples.write_osm(tmp_path / "s.osm.pbf")
    else:
        path = samples.write_vector(tmp_path / "s.geojson", driver="GeoJSON")
    layers = UserLayers()
    layers.add(BasemapSpec(str(path)))
    lon, lat = samples.CENTRE  # both samples have a road along the centre's parallel
    x, y = to_map_xy(np.array([lon - 0.005]), np.array([lat]), WGS84)
    for mpp in (1.0, 4.0):
        image = draw(layers, view_at(float(x[0]), float(y[0]), mpp))
        drawn = [r for r in range(SIZE) if image.pixelColor(SIZE // 2, r) != QColor("white")]
        band = [r for r in drawn if abs(r - SIZE / 2) < 12]  # the line's stroke (and casing)
        assert band and band == list(range(band[0], band[-1] + 1))
        assert abs((band[0] + band[-1] + 1) / 2 - SIZE / 2) <= 1.0


def test_zones_are_translucent_over_a_user_basemap(tmp_path: Path, grid_path: Path) -> None:
    from aleppo_desktop.core.loading import load_scenario
    from aleppo_desktop.render.offscreen import render_map_image
    from aleppo_desktop.render.overlays import MapOverlays
    from aleppo_desktop.render.scene import MapScene

    scenario = load_scenario(grid_path)
    scene = MapScene(scenario)
    scene.wait_for_tiles = True
    frame = scenario.frame_at(0.0)
    size = QSize(200, 200)
    plain = render_map_image(scene, frame, size, scene.extent_rect, MapOverlays())
    scene.user_layers.add(BasemapSpec(str(samples.write_mbtiles(tmp_path / "t.mbtiles"))))
    scene.user_layers_changed()
    over = render_map_image(scene, frame, size, scene.extent_rect, MapOverlays())

    def changed(a: QImage, b: QImage) -> float:
        pixels = [(x, y) for x in range(0, 200, 5) for y in range(0, 200, 5)]
        return sum(a.pixelColor(x, y) != b.pixelColor(x, y) for x, y in pixels) / len(pixels)

    assert changed(plain, over) > 0.8  # the tiles show through the zones everywhere
    scene.user_layers.layers[0].spec.visible = False
    scene.user_layers_changed()
    hidden = render_map_image(scene, frame, size, scene.extent_rect, MapOverlays())
    assert changed(plain, hidden) == 0


def test_tiles_load_off_the_ui_thread_then_draw(qtbot, tmp_path: Path) -> None:
    layers = UserLayers()
    layer = layers.add(BasemapSpec(str(samples.write_mbtiles(tmp_path / "t.mbtiles"))))
    assert isinstance(layer, TileLayer)
    z = samples.SAMPLE_ZOOMS[1]
    cx, cy = (int(v) for v in samples.lonlat_to_tile(*samples.CENTRE, z))
    middle = layer.source.grid.tile_point(z, cx, cy, np.array([128.0]), np.array([128.0]))[0]
    view = view_at(middle[0], middle[1], layer.source.grid.ground_resolution(z, tuple(middle)))
    landed: list[int] = []
    layers.loader.signals.done.connect(lambda: landed.append(1))
    image = QImage(SIZE, SIZE, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor("white"))
    painter = QPainter(image)
    layers.paint(painter, view, QRectF(0, 0, SIZE, SIZE), wait=False)  # asks, draws nothing yet
    painter.end()
    assert image.pixelColor(SIZE // 2, SIZE // 2) == QColor("white")
    qtbot.waitUntil(lambda: not layers.loader.busy() and len(landed) >= 1, timeout=10000)
    painter = QPainter(image)
    layers.paint(painter, view, QRectF(0, 0, SIZE, SIZE), wait=False)
    painter.end()
    assert nearest(image.pixelColor(SIZE // 2, SIZE // 2), z) == samples.tile_colour(z, cx, cy)
    # a zoom out: the zoom-12 tiles are asked for; until they land nothing stands in (no parent cached)
    # and a zoom back in draws the cached zoom-14 tile at once
    assert len(layers.cache) >= 1


@pytest.mark.parametrize("magnify", [1.0, 2.0])
def test_vector_tile_features_land_within_a_pixel(tmp_path: Path, magnify: float) -> None:
    """An MVT tile layer (a folder of .pbf tiles) drawn on the map: a water polygon's west and north
    edges, known in tile units, land within 1 px at the tile's own scale and magnified twice."""
    from aleppo_desktop.render.user_layers import VECTOR_STYLES

    z = 14
    cx, cy = (int(v) for v in samples.lonlat_to_tile(*samples.CENTRE, z))
    # a rectangle in the tile's upper half (tile units 0..4096, y down: flipped, it would not match)
    square = "POLYGON ((1024 1024, 3072 1024, 3072 2048, 1024 2048, 1024 1024))"
    folder = samples.write_mvt_folder(tmp_path / "mvt", square, [(z, cx, cy)])
    layers = UserLayers()
    layer = layers.add(BasemapSpec(str(folder)))
    assert isinstance(layer, TileLayer) and layer.source.tile_format == "pbf"
    grid = layer.source.grid
    water = QColor(VECTOR_STYLES["water"][2] or "")
    # tile pixels (256 a side): the rectangle's west edge is u = 64, its north edge v = 64
    for u, v, along_x in ((64.0, 96.0, True), (128.0, 64.0, False)):
        edge = grid.tile_point(z, cx, cy, np.array([u]), np.array([v]))[0]
        mpp = grid.ground_resolution(z, tuple(edge)) / magnify
        view = view_at(edge[0], edge[1], mpp)
        image = draw(layers, view)
        line = [
            image.pixelColor(c, SIZE // 2) if along_x else image.pixelColor(SIZE // 2, c)
            for c in range(SIZE)
        ]
        red = [colour.red() for colour in line]
        # white outside, water inside (the rectangle is 128 x 64 tile pixels)
        assert red[0] == 255 and abs(red[SIZE // 2 + 20] - water.red()) <= 2
        middle = (255 + water.red()) / 2
        crossings = [c for c in range(1, SIZE) if red[c - 1] > middle >= red[c]]
        assert len(crossings) == 1
        c = crossings[0]  # to a fraction of a pixel, pixel centres at c + 0.5
        at = c - 1 + 0.5 + (red[c - 1] - middle) / (red[c - 1] - red[c])
        assert abs(at - SIZE / 2) <= 1.0, (u, v, at)


def test_osm_ways_are_drawn_by_cells_and_multipolygon_rings_together() -> None:
    """A view draws only the cells it shows: ways (standalone parts) go to 1 km cells whole; the
    rings of multipolygons stay in one path, so an inner ring is still a hole."""
    from aleppo_desktop.render.user_layers import cell_paths

    square = np.array([[0.0, 0.0], [100.0, 0.0], [100.0, 100.0], [0.0, 100.0], [0.0, 0.0]])
    ways = [
        square + np.array([50.0, 50.0]),
        square + np.array([5000.0, 50.0]),
        np.array([[900.0, 10.0], [1500.0, 10.0]]),
    ]
    outer = square * 30 + (2000.0, 2000.0)  # 3 km a side, across cells
    inner = square * 5 + (2500.0, 2500.0)
    parts = [*ways, outer, inner]
    coords = np.concatenate(parts)
    counts = np.array([len(p) for p in parts])
    cells = cell_paths(coords, counts, standalone=len(ways))
    assert len(cells) == 3  # the first and third way share a cell (by first vertex), then two
    assert sum(path.elementCount() for _rect, path in cells) == len(coords)  # every vertex, once
    _rect, rings = cells[-1]
    assert rings.elementCount() == len(outer) + len(inner)
    assert rings.contains(QPointF(2100.0, -2100.0))  # inside the outer ring (scene y is -y)
    assert not rings.contains(QPointF(2750.0, -2750.0))  # in the hole
    first_rect = cells[0][0]
    assert first_rect.contains(QPointF(1500.0, -10.0))  # a way is whole even past its cell
    from aleppo_desktop.core.user_basemap import ImportCancelledError

    with pytest.raises(ImportCancelledError):  # building the paths is part of a cancellable import
        cell_paths(coords, counts, standalone=len(ways), cancelled=lambda: True)


def test_osm_street_basemap_is_drawn_into_tiles_off_the_ui_thread(tmp_path: Path) -> None:
    from aleppo_desktop.render.user_layers import TiledVectorLayer

    layers = UserLayers()
    layer = layers.add(BasemapSpec(str(samples.write_osm(tmp_path / "s.osm.pbf"))))
    assert isinstance(layer, TiledVectorLayer) and layer.kind == "osm"
    lon, lat = samples.CENTRE
    x, y = to_map_xy(np.array([lon - 0.005]), np.array([lat]), WGS84)
    view = view_at(float(x[0]), float(y[0]), 2.0)

    def road_rows() -> list[int]:
        image = QImage(SIZE, SIZE, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(QColor("white"))
        painter = QPainter(image)
        layers.paint(painter, view, QRectF(0, 0, SIZE, SIZE), wait=False)
        painter.end()
        return [r for r in range(SIZE) if image.pixelColor(SIZE // 2, r) != QColor("white")]

    assert road_rows() == []  # asked for its tiles: they are drawn on the decoding threads
    layers.loader.wait()
    rows = road_rows()  # from the cache
    assert rows and abs((rows[0] + rows[-1] + 1) / 2 - SIZE / 2) <= 1.0
    z = layer.zoom_for(view, QRectF(0, 0, SIZE, SIZE))
    assert layer.source.grid.ground_resolution(z, (float(x[0]), float(y[0]))) == 2.0
    far = layer.source.grid.levels[z].columns - 1  # a tile with nothing in it is kept as None
    assert layer.vector.draw_tile(layer.source.grid, z, far, 0) is None


def _write_large_area(path: Path, half_deg: float) -> Path:
    """An OSM extract of one residential area, a square `half_deg` degrees each side of the centre."""
    import osmium

    lon, lat = samples.CENTRE
    writer = osmium.SimpleWriter(str(path))
    corners = [(-1, -1), (1, -1), (1, 1), (-1, 1)]
    for n, (dx, dy) in enumerate(corners, 1):
        location = (lon + dx * half_deg, lat + dy * half_deg)
        writer.add_node(osmium.osm.mutable.Node(id=n, location=location, version=1))
    writer.add_way(
        osmium.osm.mutable.Way(
            id=10, nodes=[1, 2, 3, 4, 1], tags={"landuse": "residential"}, version=1
        )
    )
    writer.close()
    return path


@pytest.mark.parametrize("opacity", [1.0, 0.5])
@pytest.mark.parametrize("mpp", [10.0, 9.37, 5.3])
def test_osm_street_tiles_join_without_a_seam(tmp_path: Path, opacity: float, mpp: float) -> None:
    """An area filled across several street tiles is one colour on screen, tile edges included: a
    tile's edge pixels are not left part-covered (antialiased image edges) nor drawn twice (an
    overlap, darker where the layer is translucent). Drawn as the map view draws: antialiasing on,
    the tiles from the decoding threads' cache, at a fractional pixel offset."""
    layers = UserLayers()
    layer = layers.add(
        BasemapSpec(str(_write_large_area(tmp_path / "area.osm.pbf", 0.08)), opacity=opacity)
    )
    lon, lat = samples.CENTRE
    x, y = to_map_xy(np.array([lon]), np.array([lat]), WGS84)
    view = QTransform.fromTranslate(SIZE / 2 + 0.37, SIZE / 2 + 0.61)
    view.scale(1.0 / mpp, 1.0 / mpp).translate(-float(x[0]), float(y[0]))
    target = QRectF(0, 0, SIZE, SIZE)
    grid = layer.source.grid
    tiles = grid.tiles_in(layer.zoom_for(view, target), visible_map_rect(view, target))
    assert len({tx for tx, _ in tiles}) > 1 and len({ty for _, ty in tiles}) > 1  # edges shown

    def screen() -> np.ndarray:
        image = QImage(SIZE, SIZE, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(QColor("white"))
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)  # as MapView's painter
        layers.paint(painter, view, target, wait=False)
        painter.end()
        return np.frombuffer(image.constBits(), np.uint8).reshape(SIZE, SIZE, 4).copy()

    screen()  # asks for the tiles
    layers.loader.wait()
    pixels = screen()
    assert layers.loader.busy() is False
    inside = pixels[20:-20, 20:-20].reshape(-1, 4)  # all within the area
    colours, counts = np.unique(inside, axis=0, return_counts=True)
    assert len(colours) == 1, f"seams: {len(colours)} colours {colours.tolist()} {counts.tolist()}"
    assert tuple(colours[0][:3]) != (255, 255, 255)  # the area is drawn


def test_an_export_draws_every_street_label_and_leaves_the_window_s_budget(tmp_path: Path) -> None:
    """On screen a frame draws only so many new street-name pictures and asks for another frame;
    an export (maybe on its drawing thread while the window paints) draws them all in one frame and
    never changes what the window's frames ask for."""
    from aleppo_desktop.render.user_layers import MAX_NEW_LABELS_PER_FRAME

    layers = UserLayers()
    vector = layers.add(BasemapSpec(str(samples.write_osm(tmp_path / "s.osm.pbf")))).vector
    lon, lat = samples.CENTRE
    x, y = to_map_xy(np.array([lon]), np.array([lat]), WGS84)
    view = view_at(float(x[0]), float(y[0]), 2.0)
    scene = view.inverted()[0]
    names = [  # 4 columns x 15 rows of distinct names, none overlapping another
        (f"Street {n}", scene.map(QPointF(50 + 100 * (n % 4), 10 + 25 * (n // 4))))
        for n in range(4 * 15)
    ]
    asked: list[int] = []

    def paint(every: bool) -> int:
        vector.labels = list(names)
        vector._label_xy = np.array([(at.x(), at.y()) for _text, at in names])
        vector._label_pictures.clear()
        image = QImage(SIZE, SIZE, QImage.Format.Format_ARGB32_Premultiplied)
        painter = QPainter(image)
        vector.paint_marks(painter, view, QRectF(0, 0, SIZE, SIZE), every=every)
        painter.end()
        return len(vector._label_pictures)

    ask = lambda: asked.append(1)  # noqa: E731
    vector.more_labels = ask
    assert paint(every=False) == MAX_NEW_LABELS_PER_FRAME < len(names) and asked == [1]
    assert paint(every=True) == len(names) and asked == [1]  # all of them, nothing asked
    assert vector.more_labels is ask  # the window's frames still ask for more
