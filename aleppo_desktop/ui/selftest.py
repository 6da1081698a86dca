"""`aleppo-desktop --self-test`: check that this installation works, offline, and exit 0 or 1.

Meant for the frozen app on a machine without Python (CI runs it with the network cut and an empty
environment), so a missing hidden import, data file, font, PROJ database or encoder fails here and not in
front of a user. Each check prints one line, `ok` or `FAIL`, with what it measured.

Checks: the bundled scenario loads; the bundled fonts have Latin and Arabic glyphs; WGS84 -> UTM 37N
gives known coordinates from PROJ's bundled database; planar km² agree with geodesic km²; the map at a
fixed date renders to a PNG whose pixels inside areas the scenario says a faction held that day have
that faction's colour; and, when the encoder is bundled, a one-second H.264 video is written and has
the frames it should.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

# Known answers. (39°E, 0°N) is UTM 37N's origin by definition (false easting 500 km); the citadel's
# coordinates are PROJ's answer on the development machine, to the centimetre.
ORIGIN_LONLAT, ORIGIN_UTM = (39.0, 0.0), (500_000.0, 0.0)
CITADEL_LONLAT, CITADEL_UTM = (37.1625, 36.1993), (334_799.55, 4_007_618.92)
PROJECTION_TOLERANCE_M = 0.05
GEODESIC_TOLERANCE = 0.005  # UTM scale error near Aleppo is about 0.04%; 0.5% catches a wrong CRS
CHECK_DATE = date(2016, 11, 30)  # the brief's date; another date is chosen if outside the period
IMAGE_SIZE = (960, 720)
COLOUR_TOLERANCE = 12  # per channel, for antialiasing and PNG round trips
EDGE_CLEARANCE_PX = 3.0
MIN_PIXELS_PER_AREA = 30
# Pixels checked lie in this part of the image (fractions of width and height), clear of the title,
# date, legend and source-line panels drawn over the map.
SAMPLE_BOX = (0.15, 0.12, 0.85, 0.72)
MIN_MATCHING_SHARE = 0.6  # labels, roads and front lines may cover a few samples
AREAS_PER_FACTION = 3
VIDEO_SIZE, VIDEO_FPS = (320, 240), 10
ARABIC_SAMPLE, LATIN_SAMPLE = "حلب", "Aleppo"
KEEP_DIR_ENV = "ALEPPO_SELFTEST_DIR"  # write the PNG and video here and keep them


class CheckFailedError(Exception):
    """A check ran and its result was wrong."""


@dataclass
class Context:
    scenario_path: Path | None
    out_dir: Path
    scenario: Any = None
    png_path: Path | None = None


def run_self_test(scenario_path: Path | None = None) -> int:
    """Run every check, print one line each, return 0 when all passed and 1 otherwise."""
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    keep = os.environ.get(KEEP_DIR_ENV)
    out_dir = Path(keep) if keep else Path(tempfile.mkdtemp(prefix="aleppo-selftest-"))
    out_dir.mkdir(parents=True, exist_ok=True)
    context = Context(scenario_path, out_dir)
    checks: list[tuple[str, Callable[[Context], str]]] = [
        ("installation", check_installation),
        ("scenario", check_scenario),
        ("fonts", check_fonts),
        ("translations", check_translations),
        ("projection", check_projection),
        ("area", check_area),
        ("render", check_render),
        ("video", check_video),
        ("basemaps", check_basemaps),
    ]
    failed: list[str] = []
    for name, check in checks:
        started = time.perf_counter()
        try:
            detail = check(context)
        except CheckFailedError as exc:
            failed.append(name)
            print(f"FAIL {name}: {exc}", flush=True)
            continue
        except Exception as exc:
            failed.append(name)
            print(f"FAIL {name}: unexpected {exc!r}", flush=True)
            traceback.print_exc(file=sys.stdout)
            continue
        print(f"ok   {name}: {detail} ({time.perf_counter() - started:.2f} s)", flush=True)
    if not keep and not failed:
        shutil.rmtree(out_dir, ignore_errors=True)
    if failed:
        print(f"self-test FAILED: {', '.join(failed)} (files in {out_dir})", flush=True)
        return 1
    print(f"self-test passed: {len(checks)} checks", flush=True)
    return 0


# --- the checks ------------------------------------------------------------------------------------


def check_installation(context: Context) -> str:
    from PySide6 import __version__ as pyside_version

    from aleppo_desktop import __version__
    from aleppo_desktop.paths import DATA_DIR, FONTS_DIR, RESOURCES_DIR, is_frozen

    for folder in (DATA_DIR, RESOURCES_DIR, FONTS_DIR):
        if not folder.is_dir():
            raise CheckFailedError(f"missing folder {folder}")
    mode = "frozen" if is_frozen() else "source"
    return (
        f"aleppo-desktop {__version__} ({mode}), Python {sys.version.split()[0]}, "
        f"PySide6 {pyside_version}, Qt platform {os.environ.get('QT_QPA_PLATFORM', 'default')}"
    )


def check_scenario(context: Context) -> str:
    from aleppo_desktop.core.loading import load_scenario
    from aleppo_desktop.paths import bundled_scenario_path

    path = context.scenario_path or bundled_scenario_path()
    scenario = load_scenario(path, every_layer=True)  # the hidden layers' files checked too
    context.scenario = scenario
    if not scenario.areas or not scenario.control.changes:
        raise CheckFailedError(f"{path} has no areas or no control rows")
    return (
        f"{path.parent.name}: {len(scenario.areas)} areas, {len(scenario.control.changes)} control "
        f"rows, {len(scenario.events)} events"
    )


def check_fonts(context: Context) -> str:
    from PySide6.QtGui import QFont, QRawFont

    from aleppo_desktop.render.fonts import FAMILY, register_fonts

    _qt_app()
    families = register_fonts()
    if FAMILY not in families:
        raise CheckFailedError(f"bundled font {FAMILY!r} not registered (found {families})")
    raw = QRawFont.fromFont(QFont(FAMILY))
    if raw.familyName() != FAMILY:
        raise CheckFailedError(f"Qt resolved {FAMILY!r} to {raw.familyName()!r}")
    # the int overload: PySide's str -> QChar conversion misreports non-Latin characters
    missing = [c for c in ARABIC_SAMPLE + LATIN_SAMPLE if not raw.supportsCharacter(ord(c))]
    if missing:
        raise CheckFailedError(f"{FAMILY} lacks glyphs for {''.join(missing)!r}")
    return f"{', '.join(sorted(set(families)))}; Latin and Arabic glyphs present"


def check_translations(context: Context) -> str:
    """The Arabic catalogues ship (`--lang ar`): the app's, and Qt's own for its dialogs."""
    from aleppo_desktop.translations import catalogue_path, load_catalogue, qt_catalogue_path

    catalogue = load_catalogue("ar")
    if catalogue is None or catalogue.translate("MainWindow", "&File") in ("", "&File"):
        raise CheckFailedError(f"{catalogue_path('ar')} does not translate the File menu")
    qt = qt_catalogue_path("ar")
    if qt is None:
        raise CheckFailedError("Qt's qtbase_ar.qm is missing: Qt's dialogs would stay English")
    return f"{catalogue_path('ar').name} and {qt.name}"


def check_projection(context: Context) -> str:
    import pyproj

    from aleppo_desktop.core.geometry import MAP_CRS, WGS84
    from aleppo_desktop.paths import ROOT, is_frozen

    data_dir = Path(pyproj.datadir.get_data_dir())
    if not (data_dir / "proj.db").is_file():
        raise CheckFailedError(f"no proj.db in PROJ data dir {data_dir}")
    if is_frozen() and ROOT not in data_dir.resolve().parents:
        raise CheckFailedError(f"PROJ data dir {data_dir} is outside the bundle {ROOT}")
    forward = pyproj.Transformer.from_crs(WGS84, MAP_CRS, always_xy=True)
    for lonlat, expected in ((ORIGIN_LONLAT, ORIGIN_UTM), (CITADEL_LONLAT, CITADEL_UTM)):
        x, y = forward.transform(*lonlat)
        error = max(abs(x - expected[0]), abs(y - expected[1]))
        if error > PROJECTION_TOLERANCE_M:
            raise CheckFailedError(f"{lonlat} -> ({x:.2f}, {y:.2f}), expected {expected}")
    lon, lat = forward.transform(*CITADEL_UTM, direction="INVERSE")
    if max(abs(lon - CITADEL_LONLAT[0]), abs(lat - CITADEL_LONLAT[1])) > 1e-6:
        raise CheckFailedError(f"inverse gives ({lon}, {lat}), expected {CITADEL_LONLAT}")
    x, y = forward.transform(*CITADEL_LONLAT)
    return f"citadel {CITADEL_LONLAT} -> ({x:.2f}, {y:.2f}) in {MAP_CRS}; PROJ data {data_dir}"


def check_area(context: Context) -> str:
    import numpy as np
    from pyproj import Geod

    scenario = _need_scenario(context)
    units = np.array([a.area_km2 for a in scenario.areas])
    frame = scenario.frame_at(scenario.end)
    total, held = float(units.sum()), float(frame.area_km2.sum())
    if abs(total - held) > 1e-6 * max(total, 1.0):
        raise CheckFailedError(
            f"factions hold {held:.3f} km² at the end, the area units {total:.3f} km²"
        )
    largest = max(scenario.areas, key=lambda a: a.area_km2)
    geodesic = (
        abs(Geod(ellps="WGS84").geometry_area_perimeter(scenario.geometries_wgs84[largest.id])[0])
        / 1e6
    )
    difference = largest.area_km2 / geodesic - 1
    if abs(difference) > GEODESIC_TOLERANCE:
        raise CheckFailedError(
            f"{largest.id}: {largest.area_km2:.3f} km² planar vs {geodesic:.3f} km² geodesic"
        )
    return (
        f"{len(units)} areas {total:.1f} km²; {largest.id} {largest.area_km2:.3f} km² planar vs "
        f"{geodesic:.3f} km² geodesic ({difference:+.3%})"
    )


def check_render(context: Context) -> str:
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QColor, QImage

    scenario = _need_scenario(context)
    _qt_app()
    t = _check_time(scenario)
    image, mapping = _render(scenario, t)
    samples = _expected_samples(scenario, t, mapping)
    path = context.out_dir / "selftest-map.png"
    if not image.save(str(path), "PNG"):
        raise CheckFailedError(f"could not write {path}")
    context.png_path = path
    image = QImage(str(path))  # check what was written, not what was in memory
    if image.isNull() or image.size() != QSize(*IMAGE_SIZE):
        raise CheckFailedError(f"{path} does not read back as a {IMAGE_SIZE} image")
    problems, results = [], []
    for faction_id, colour, areas in samples:
        want = QColor(colour)
        for area_id, pixels in areas:
            hits = sum(_close(image.pixelColor(px, py), want) for px, py in pixels)
            results.append(f"{area_id} {hits}/{len(pixels)}")
            if hits < MIN_MATCHING_SHARE * len(pixels):
                problems.append(
                    f"{area_id} ({faction_id}): {hits}/{len(pixels)} pixels are {colour}"
                )
    if problems:
        raise CheckFailedError("; ".join(problems) + f" (see {path})")
    return (
        f"{IMAGE_SIZE[0]}x{IMAGE_SIZE[1]} PNG at {_date(t)}: pixels in the holder's colour: "
        + ", ".join(results)
    )


def check_video(context: Context) -> str:
    try:
        import imageio_ffmpeg
    except ImportError as exc:
        raise CheckFailedError(f"imageio-ffmpeg missing: {exc}") from None
    try:
        exe = imageio_ffmpeg.get_ffmpeg_exe()
    except RuntimeError:
        from aleppo_desktop.paths import is_frozen

        if is_frozen():  # built with ALEPPO_WITH_FFMPEG=0: say so, do not fail
            return "skipped: no encoder bundled"
        raise
    scenario = _need_scenario(context)
    _qt_app()
    path = context.out_dir / "selftest-video.mp4"
    t = _check_time(scenario)
    expected = _write_video(scenario, path, t)
    frames, seconds = imageio_ffmpeg.count_frames_and_secs(str(path))
    if frames != expected or abs(seconds - expected / VIDEO_FPS) > 1.5 / VIDEO_FPS:
        raise CheckFailedError(
            f"{path}: {frames} frames, {seconds:.2f} s; expected {expected} at {VIDEO_FPS} fps"
        )
    return (
        f"{seconds:.1f} s H.264 {VIDEO_SIZE[0]}x{VIDEO_SIZE[1]}, {frames} frames, "
        f"{path.stat().st_size} bytes, encoder {exe}"
    )


# --- helpers ---------------------------------------------------------------------------------------


def check_basemaps(context: Context) -> str:
    """One basemap of each kind, written here from known content, opened by the bundled readers
    (SQLite, pmtiles, mapbox-vector-tile, GDAL via pyogrio and rasterio, libosmium) and drawn: a
    tile's known colour at its centre, vector tiles' water there, the GeoTIFF opaque over its place,
    the vector and OSM roads drawn."""
    import numpy as np
    from PySide6.QtCore import QPointF, QRectF
    from PySide6.QtGui import QColor, QImage, QPainter, QTransform

    from aleppo_desktop.core import basemap_samples as samples
    from aleppo_desktop.core.user_basemap import BasemapSpec, TileGrid, to_map_xy
    from aleppo_desktop.render.user_layers import UserLayers

    _qt_app()
    paths = samples.write_all(context.out_dir / "basemaps")
    z = samples.SAMPLE_ZOOMS[1]
    cx, cy = (int(v) for v in samples.lonlat_to_tile(*samples.CENTRE, z))
    grid = TileGrid.web_mercator([z])
    middle = grid.tile_point(z, cx, cy, np.array([128.0]), np.array([128.0]))[0]
    lon, lat = samples.CENTRE
    road = to_map_xy(np.array([lon - 0.005]), np.array([lat]), "EPSG:4326")
    size, drawn = 64, []
    for name, path in paths.items():
        tiles = name in ("mbtiles", "pmtiles", "xyz", "mvt", "gpkg")
        x, y = (middle[0], middle[1]) if tiles else (float(road[0][0]), float(road[1][0]))
        mpp = grid.ground_resolution(z, (x, y)) if tiles else 2.0
        view = QTransform.fromTranslate(size / 2, size / 2).scale(1 / mpp, 1 / mpp).translate(-x, y)
        layers = UserLayers()
        layers.add(BasemapSpec(str(path)))
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(QColor("white"))
        painter = QPainter(image)
        layers.paint(painter, view, QRectF(0, 0, size, size), wait=True)
        painter.end()
        layers.remove(0)  # its file closed now, not whenever the collector gets to it
        centre = image.pixelColor(view.map(QPointF(x, -y)).toPoint())
        if name == "mvt":  # the water polygon covering its tiles, in the default style
            if centre == QColor("white"):
                raise CheckFailedError(f"{name}: nothing drawn at its tile's centre")
        elif tiles:
            want = QColor(*samples.tile_colour(z, cx, cy))
            if not _close(centre, want):
                raise CheckFailedError(
                    f"{name}: {centre.name()} at the tile's centre, not {want.name()}"
                )
        elif centre == QColor("white"):
            raise CheckFailedError(f"{name}: nothing drawn at its known place")
        drawn.append(name)
    return f"{len(drawn)} drawn at their places ({', '.join(drawn)})"


def _qt_app() -> Any:
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication([sys.argv[0]])


def _need_scenario(context: Context) -> Any:
    if context.scenario is None:
        raise CheckFailedError("needs the scenario, which did not load")
    return context.scenario


def _date(t: float) -> date:
    from aleppo_desktop.core.timeline import date_of

    return date_of(t)


def _check_time(scenario: Any) -> float:
    """Noon of CHECK_DATE, or the middle of the period when the scenario does not cover it."""
    from aleppo_desktop.core.timeline import day_number

    period = scenario.meta.period
    if period.start <= CHECK_DATE <= period.end:
        return day_number(CHECK_DATE) + 0.5
    return (scenario.start + scenario.end) / 2


@dataclass(frozen=True)
class PixelMapping:
    """Map CRS <-> image pixels for a render of `view` (scene rectangle: x, -y of the map CRS)."""

    left: float
    top: float
    scale: float  # pixels per metre

    def to_pixel(self, x: float, y: float) -> tuple[float, float]:
        return (x - self.left) * self.scale, (-y - self.top) * self.scale

    def to_map(self, px: float, py: float) -> tuple[float, float]:
        return self.left + px / self.scale, -(self.top + py / self.scale)


def _expected_samples(
    scenario: Any, t: float, mapping: PixelMapping
) -> list[tuple[str, str, list[tuple[str, list[tuple[int, int]]]]]]:
    """For each faction with a solid fill: its colour and the areas the control table says it holds,
    confirmed and not changing hands, at t, each with every pixel well inside the area and inside
    SAMPLE_BOX. City neighbourhoods with the most pixels are taken first."""
    from aleppo_desktop.core.model import CONFIDENCES

    frame = scenario.frame_at(t)
    confirmed = CONFIDENCES.index("confirmed")
    result = []
    for f, faction in enumerate(scenario.factions):
        if faction.fill.confirmed != "solid":
            continue
        candidates = []
        for i, area in enumerate(scenario.areas):
            holding = scenario.control.holding_at(area.id, t)
            if holding.faction != faction.id or holding.confidence != "confirmed":
                continue
            if frame.factions[i] != f or frame.confidences[i] != confirmed:
                continue  # being swept: its pixels are split between two holders
            pixels = _inner_pixels(area.geometry, mapping)
            if len(pixels) >= MIN_PIXELS_PER_AREA:
                candidates.append((area.kind == "neighbourhood", len(pixels), area.id, pixels))
        candidates.sort(reverse=True)
        chosen = [(area_id, pixels) for *_, area_id, pixels in candidates[:AREAS_PER_FACTION]]
        if chosen:
            result.append((faction.id, faction.colour, chosen))
    if len(result) < 2:
        raise CheckFailedError(
            f"fewer than two factions hold a solid, confirmed area at {_date(t)}"
        )
    return result


def _inner_pixels(geometry: Any, mapping: PixelMapping) -> list[tuple[int, int]]:
    """Pixels of SAMPLE_BOX whose centres lie inside the area at least EDGE_CLEARANCE_PX from its
    edge (clear of outlines, front lines and antialiasing)."""
    import numpy as np
    import shapely

    inner = geometry.buffer(-EDGE_CLEARANCE_PX / mapping.scale)
    if inner.is_empty:
        return []
    width, height = IMAGE_SIZE
    bx0, by0, bx1, by1 = SAMPLE_BOX
    x0, y0, x1, y1 = inner.bounds
    left, bottom = mapping.to_pixel(x0, y0)
    right, top = mapping.to_pixel(x1, y1)
    cols = np.arange(max(int(left), int(bx0 * width)), min(int(right) + 1, int(bx1 * width)))
    rows = np.arange(max(int(top), int(by0 * height)), min(int(bottom) + 1, int(by1 * height)))
    if not len(cols) or not len(rows):
        return []
    grid_x, grid_y = np.meshgrid(cols, rows)
    px, py = grid_x.ravel(), grid_y.ravel()
    x = mapping.left + (px + 0.5) / mapping.scale
    y = -(mapping.top + (py + 0.5) / mapping.scale)
    inside = shapely.contains_xy(inner, x, y)
    return [(int(a), int(b)) for a, b in zip(px[inside], py[inside], strict=True)]


def _render(scenario: Any, t: float) -> tuple[Any, PixelMapping]:
    """The map at t as the app draws it (the GUI's render_map_image), and its pixel mapping."""
    from PySide6.QtCore import QRectF, QSize

    from aleppo_desktop.render.offscreen import default_view, render_map_image
    from aleppo_desktop.render.overlays import overlays_for
    from aleppo_desktop.render.scene import MapScene
    from aleppo_desktop.render.shapes import fit_rect

    scene = MapScene(scenario)
    # Area labels sit on the areas' centres and cover most of a small neighbourhood: leave them out.
    # The overlays (title, date, legend in English and Arabic) still exercise the bundled fonts.
    scene.set_labels_enabled(False)
    size = QSize(*IMAGE_SIZE)
    # A view rectangle with the image's aspect ratio, so render_map_image uses it as it is.
    view = fit_rect(default_view(scene), size)
    image = render_map_image(
        scene, scenario.frame_at(t), size, QRectF(view), overlays_for(scene, t)
    )
    return image, PixelMapping(view.left(), view.top(), size.width() / view.width())


def _close(got: Any, want: Any) -> bool:
    return (
        abs(got.red() - want.red()) <= COLOUR_TOLERANCE
        and abs(got.green() - want.green()) <= COLOUR_TOLERANCE
        and abs(got.blue() - want.blue()) <= COLOUR_TOLERANCE
    )


def _write_video(scenario: Any, path: Path, t: float) -> int:
    """One second of video from t with the app's exporter (the same path as File > Export video);
    returns the number of frames the exporter scheduled."""
    from aleppo_desktop.export.video import VideoOptions, write_video

    days_per_second = 1.0
    options = VideoOptions(
        size=VIDEO_SIZE,
        fps=VIDEO_FPS,
        speed=days_per_second,
        start=t,
        end=t + days_per_second,
        preset="ultrafast",
    )
    write_video(scenario, path, options)
    return len(options.schedule(scenario).times)
