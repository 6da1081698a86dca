"""`--basemap FILE` on the GIS exports: a GeoPackage packages the basemaps (vector layers and OSM
classes as feature tables in EPSG:4326, tiles copied, GeoTIFFs as the map shows them) and GDAL
opens them where they belong; KML/KMZ get a GroundOverlay per basemap whose picture puts a known
coordinate where it is; GeoJSON and CSV refuse the option with a message naming the formats."""

from __future__ import annotations

import sqlite3
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import numpy as np
import pytest
import shapely
from pyproj import Transformer
from PySide6.QtGui import QImage

from aleppo_desktop.cli import main
from aleppo_desktop.core import basemap_samples as samples

KML = "{http://www.opengis.net/kml/2.2}"


def _vector_in_web_mercator(path: Path) -> Path:
    """The sample road/square/point, stored in EPSG:3857 (so the export must reproject)."""
    import pyogrio.raw

    lon, lat = samples.CENTRE
    to_3857 = Transformer.from_crs("EPSG:4326", "EPSG:3857", always_xy=True)
    line = np.array([(lon - 0.02, lat), (lon + 0.02, lat)])
    x, y = to_3857.transform(line[:, 0], line[:, 1])
    pyogrio.raw.write(
        str(path),
        shapely.to_wkb(np.array([shapely.LineString(np.column_stack([x, y]))], dtype=object)),
        [np.array(["Road"], dtype=object), np.array([7], dtype=np.int64)],
        ["name", "lanes"],
        layer="roads",
        driver="GPKG",
        geometry_type="LineString",
        crs="EPSG:3857",
    )
    return path


def _corner_colours(z: int) -> tuple[tuple[float, float], dict[tuple[int, int], tuple]]:
    """A tile corner near the centre (lon, lat) and the colours of the tiles around it, by the
    side they lie on ((-1 | 1, -1 | 1): west/east, north/south)."""
    cx, cy = (int(v) for v in samples.lonlat_to_tile(*samples.CENTRE, z))
    corner = samples.tile_to_lonlat(cx, cy, z)  # the top-left corner of the centre tile
    colours = {
        (-1, -1): samples.tile_colour(z, cx - 1, cy - 1),
        (1, -1): samples.tile_colour(z, cx, cy - 1),
        (-1, 1): samples.tile_colour(z, cx - 1, cy),
        (1, 1): samples.tile_colour(z, cx, cy),
    }
    return corner, colours


def test_gpkg_packages_every_kind_where_it_belongs(
    qapp, tmp_path: Path, grid_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import pyogrio
    import pyogrio.raw
    import rasterio

    tiles = samples.write_mbtiles(tmp_path / "city.mbtiles")
    tif = samples.write_geotiff(tmp_path / "image.tif")
    vector = _vector_in_web_mercator(tmp_path / "roads.gpkg")
    osm = samples.write_osm(tmp_path / "streets.osm.pbf")
    broken = tmp_path / "broken.mbtiles"
    broken.write_bytes(b"not a database at all" * 100)
    out = tmp_path / "out.gpkg"
    args = ["export", "gpkg", str(grid_path), "-o", str(out), "-q"]
    for basemap in (tiles, tif, vector, osm, broken, tmp_path / "gone.tif"):
        args += ["--basemap", str(basemap)]
    assert main(args) == 0
    err = capsys.readouterr().err
    assert "basemap skipped: broken.mbtiles:" in err
    assert "basemap skipped: gone.tif: file not found" in err
    assert err.count("basemap skipped") == 2, err

    layers = dict(pyogrio.list_layers(out))
    assert layers["control_zones"] == "MultiPolygon"  # the export itself is untouched
    assert layers["basemap_roads_gpkg"] == "LineString"
    assert layers["basemap_streets_road_major"] == "LineString"
    assert layers["basemap_streets_building"] == "MultiPolygon"
    with sqlite3.connect(out) as db:
        tables = {r[0] for r in db.execute("SELECT table_name FROM gpkg_contents")}
    assert not any("broken" in t or "gone" in t for t in tables)  # the bad ones left nothing

    lon, lat = samples.CENTRE
    # vector: reprojected from EPSG:3857 to EPSG:4326 with its attributes
    meta, _fids, wkb, fields = pyogrio.raw.read(out, layer="basemap_roads_gpkg")
    assert meta["crs"] == "EPSG:4326"
    assert list(meta["fields"]) == ["name", "lanes"] and fields[0][0] == "Road"
    assert int(fields[1][0]) == 7
    road = shapely.get_coordinates(shapely.from_wkb(wkb[0]))
    np.testing.assert_allclose(road, [(lon - 0.02, lat), (lon + 0.02, lat)], atol=1e-9)
    # OSM: the primary road's nodes where they are (through UTM 37N and back)
    _meta, _fids, wkb, _fields = pyogrio.raw.read(out, layer="basemap_streets_road_major")
    road = shapely.get_coordinates(shapely.from_wkb(wkb[0]))
    np.testing.assert_allclose(road, [(lon - 0.02, lat), (lon, lat), (lon + 0.02, lat)], atol=1e-9)
    _meta, _fids, _wkb, fields = pyogrio.raw.read(out, layer="basemap_streets_names")
    assert "شارع بارون" in list(fields[0])

    # tiles: copied in their own grid (EPSG:3857, every zoom); a tile corner lands on its pixel
    to_3857 = Transformer.from_crs("EPSG:4326", "EPSG:3857", always_xy=True)
    with rasterio.open(f"GPKG:{out}:basemap_city_mbtiles") as ds:
        assert ds.crs.to_epsg() == 3857
        assert len(ds.overviews(1)) == len(samples.SAMPLE_ZOOMS) - 1  # z12 under z14
        corner, colours = _corner_colours(max(samples.SAMPLE_ZOOMS))
        x, y = to_3857.transform(*corner)
        col_f, row_f = (x - ds.transform.c) / ds.transform.a, (y - ds.transform.f) / ds.transform.e
        row, col = round(row_f), round(col_f)
        assert abs(row_f - row) < 0.01 and abs(col_f - col) < 0.01  # on a pixel boundary
        pixels = ds.read(window=((row - 2, row + 2), (col - 2, col + 2)))
        for (sx, sy), rgb in colours.items():  # the pixels 1 to 2 px from the corner
            px = pixels[:3, 0 if sy < 0 else 3, 0 if sx < 0 else 3]
            assert tuple(int(v) for v in px) == rgb
    # GeoTIFF: the map's own pixels in UTM 37N; its red/blue edge is at the centre's longitude
    to_utm = Transformer.from_crs("EPSG:4326", "EPSG:32637", always_xy=True)
    with rasterio.open(f"GPKG:{out}:basemap_image_tif") as ds:
        assert ds.crs.to_epsg() == 32637
        row, col = ds.index(*to_utm.transform(lon, lat))
        left = ds.read(window=((row, row + 1), (col - 2, col - 1)))[:3, 0, 0]
        right = ds.read(window=((row, row + 1), (col + 1, col + 2)))[:3, 0, 0]
        assert left[0] > 180 and left[2] < 60  # red within 2 px west of the edge
        assert right[2] > 180 and right[0] < 60  # blue within 2 px east


def test_kmz_and_kml_ground_overlays(
    qapp, tmp_path: Path, grid_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tiles = samples.write_mbtiles(tmp_path / "city.mbtiles")
    kmz = tmp_path / "out.kmz"
    base = [str(grid_path), "-q", "--basemap", str(tiles)]
    assert (
        main(["export", "kmz", *base, "-o", str(kmz), "--basemap", str(tmp_path / "gone.pmtiles")])
        == 0
    )
    assert "basemap skipped: gone.pmtiles: file not found" in capsys.readouterr().err
    with zipfile.ZipFile(kmz) as z:
        assert z.namelist()[0] == "doc.kml"
        doc = ElementTree.fromstring(z.read("doc.kml"))
        overlays = doc.findall(f".//{KML}GroundOverlay")
        assert len(overlays) == 1
        href = overlays[0].find(f"{KML}Icon/{KML}href").text
        assert href == "files/basemap-1.png"
        image = QImage.fromData(z.read(href))
    box = {
        k: float(overlays[0].find(f"{KML}LatLonBox/{KML}{k}").text)
        for k in ("north", "south", "east", "west")
    }
    assert not image.isNull()

    def pixel(lon: float, lat: float) -> tuple[float, float]:
        return (
            (lon - box["west"]) / (box["east"] - box["west"]) * image.width(),
            (box["north"] - lat) / (box["north"] - box["south"]) * image.height(),
        )

    # the overlay is drawn at the zoom a pixel of it needs: find which, then check a tile corner
    centre = image.pixelColor(*(int(v) for v in pixel(*samples.CENTRE)))
    z = next(
        z
        for z in samples.SAMPLE_ZOOMS
        if (centre.red(), centre.green(), centre.blue())
        in {samples.tile_colour(z, x, y) for x in range(2) for y in range(2)}
    )
    corner, colours = _corner_colours(z)
    u, v = pixel(*corner)
    for (sx, sy), rgb in colours.items():  # 1.5 px from where the corner should be
        colour = image.pixelColor(int(u + sx * 1.5), int(v + sy * 1.5))
        assert (colour.red(), colour.green(), colour.blue()) == rgb, (sx, sy)

    kml = tmp_path / "out.kml"
    assert main(["export", "kml", *base, "-o", str(kml)]) == 0
    beside = tmp_path / "out-basemap-1.png"
    assert beside.is_file() and not QImage(str(beside)).isNull()
    assert "href>out-basemap-1.png<" in kml.read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", ["geojson", "csv"])
def test_formats_without_a_map_refuse_basemaps(
    tmp_path: Path, grid_path: Path, fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / f"out.{fmt}"
    tiles = samples.write_mbtiles(tmp_path / "city.mbtiles")
    code = main(["export", fmt, str(grid_path), "-o", str(out), "--basemap", str(tiles)])
    assert code == 1
    err = capsys.readouterr().err
    assert f"--basemap: a {fmt} file holds no map" in err
    assert "gpkg, kml, kmz" in err
    assert not out.exists()


def test_gpkg_vector_tiles_as_the_map_draws_them(
    qapp, monkeypatch, tmp_path: Path, grid_path: Path
) -> None:
    """An MVT tile folder goes into the GeoPackage as the map's drawing of it (UTM 37N): the
    corner of a water rectangle known in tile units lands within a pixel of where it should.
    The folder is opened once (its format read, then drawn from the same source)."""
    import rasterio

    from aleppo_desktop.core import user_basemap
    from aleppo_desktop.core.user_basemap import TileGrid

    opened: list[object] = []
    real_init = user_basemap.FolderTileSource.__init__

    def counted_init(self, *args, **kwargs) -> None:
        opened.append(args[0])
        real_init(self, *args, **kwargs)

    monkeypatch.setattr(user_basemap.FolderTileSource, "__init__", counted_init)
    z = 14
    cx, cy = (int(v) for v in samples.lonlat_to_tile(*samples.CENTRE, z))
    square = "POLYGON ((1024 1024, 3072 1024, 3072 2048, 1024 2048, 1024 1024))"
    folder = samples.write_mvt_folder(tmp_path / "mvt", square, [(z, cx, cy)])
    out = tmp_path / "out.gpkg"
    assert (
        main(["export", "gpkg", str(grid_path), "-o", str(out), "-q", "--basemap", str(folder)])
        == 0
    )
    assert len(opened) == 1
    corner = TileGrid.web_mercator([z]).tile_point(z, cx, cy, np.array([64.0]), np.array([64.0]))[0]
    with rasterio.open(f"GPKG:{out}:basemap_mvt") as ds:
        assert ds.crs.to_epsg() == 32637
        col_f = (corner[0] - ds.transform.c) / ds.transform.a
        row_f = (corner[1] - ds.transform.f) / ds.transform.e
        inside = ds.read(
            window=(
                (int(row_f + 1.5), int(row_f + 1.5) + 1),
                (int(col_f + 1.5), int(col_f + 1.5) + 1),
            )
        )[:, 0, 0]
        outside = ds.read(
            window=(
                (int(row_f - 1.5), int(row_f - 1.5) + 1),
                (int(col_f - 1.5), int(col_f - 1.5) + 1),
            )
        )[:, 0, 0]
    assert inside[3] == 255 and inside[2] > inside[0]  # water (blue) just inside the corner
    assert outside[3] == 0  # nothing just outside


def test_osm_parts_too_short_to_draw_are_left_out_between_others() -> None:
    """A degenerate closed way (3 vertices) between two buildings, and a relation's two rings (an
    outer and a hole): the buildings stay polygons of their own, the relation one polygon with a
    hole, the degenerate way is left out (shapely's indices must run without gaps)."""
    from aleppo_desktop.export.basemap_package import _osm_polygons

    def square(x: float, y: float, side: float) -> list[tuple[float, float]]:
        return [(x, y), (x + side, y), (x + side, y + side), (x, y + side), (x, y)]

    rings = [square(0, 0, 1), [(5, 5), (6, 5), (5, 5)], square(2, 0, 1), square(10, 10, 4)]
    rings.append(square(11, 11, 1))  # the relation's inner ring
    coords = np.array([p for ring in rings for p in ring], float)
    counts = np.array([len(r) for r in rings])
    geometries = _osm_polygons(coords, counts, standalone=3)
    assert [round(g.area, 6) for g in geometries] == [1.0, 1.0, 15.0]
    assert len(geometries[2].geoms[0].interiors) == 1


def test_gpkg_packaging_cancelled_while_an_osm_extract_is_read(
    tmp_path: Path, grid_path: Path
) -> None:
    """A cancel asked while the OSM extract is read stops the export: nothing written, no
    temporary left (the bar's share of the basemaps is reported as the extract is read)."""
    from aleppo_desktop.core.loading import load_scenario
    from aleppo_desktop.export import gis
    from aleppo_desktop.export.atomic import ExportCancelled
    from aleppo_desktop.export.basemap_package import package_basemaps

    osm = samples.write_osm(tmp_path / "streets.osm.pbf")
    scenario = load_scenario(grid_path)
    out = tmp_path / "out" / "zones.gpkg"
    out.parent.mkdir()
    fractions: list[float] = []

    def progress(fraction: float) -> bool:
        fractions.append(fraction)
        return fraction <= 0.5  # the zones and events are 0..0.2; the extract's reading after

    def basemaps(db: sqlite3.Connection, part) -> None:
        package_basemaps(db, scenario, [str(osm)], lambda m: None, part)

    with pytest.raises(ExportCancelled):
        gis.write_gpkg(scenario, out, progress, basemaps)
    assert any(0.2 < f < 0.99 for f in fractions)  # reported while the extract was read
    assert list(out.parent.iterdir()) == []
