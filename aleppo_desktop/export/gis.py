"""GIS exports of the whole period: control zones and events for QGIS and Google Earth, CSV tables.

Qt-free. Each zone is one feature per area per holding interval, `start`..`end` with `end` exclusive
(the rows of `core.control_io.control_features`, the layout QGIS's temporal controller reads as
"separate fields for start and end"). A change dated by a window (taken between `window_start` and
`window_end`, the control table's `date`..`until`) gives two features: the window itself, drawn in
the `uncertain` style (`style`), then the rest of the holding in its confidence's style; both say
`uncertainty` ("taken between 10 and 14 Sep 2016"). Disputes go out as their own table. Every writer
writes through `atomic_path`.
"""

from __future__ import annotations

import csv
import json
import re
import sqlite3
import struct
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import numpy as np
import shapely

from aleppo_desktop.core.control_io import control_features
from aleppo_desktop.core.disputes import dispute_days, dispute_summary, disputes_touching
from aleppo_desktop.core.geometry import to_wgs84
from aleppo_desktop.core.language import phrase, pick
from aleppo_desktop.core.model import Event
from aleppo_desktop.core.scenario import Scenario
from aleppo_desktop.core.story import citation, cite, window_text
from aleppo_desktop.export.atomic import Progress, Reporter, atomic_path
from aleppo_desktop.export.qgis_project import add_qgis_project, default_layers
from aleppo_desktop.export.qgis_style import add_layer_styles

ZONE_FIELDS = (
    "area_id",
    "area_name",
    "faction",
    "faction_name",
    "confidence",
    "style",
    "uncertainty",
    "source",
    "note",
)
ZONE_DATES = ("start", "end", "window_start", "window_end")
"""The zones' date fields: the feature's interval [start, end), and the window [window_start,
window_end) in which the holder took the area when that change was dated by one (else empty)."""
EVENT_FIELDS = (
    "event_id",
    "start",
    "end",
    "precision",
    "kind",
    "importance",
    "chapter",
    "title",
    "summary",
    "source",
    "source_title",
    "citation",
    "from_brief",
    "after_brief",
    "disputes",
)
EVENT_FIELD_TYPES = {
    "start": "DATE",
    "end": "DATE",
    "from_brief": "BOOLEAN",
    "after_brief": "BOOLEAN",
}
"""GeoPackage column types of the event fields that are not TEXT."""
DISPUTE_FIELDS = (
    "dispute_id",
    "title",
    "about",
    "start",
    "end",
    "follows",
    "follows_source",
    "why",
    "versions",
    "events",
    "summary",
)
DISPUTE_VERSION_FIELDS = (
    "dispute_id",
    "version_id",
    "followed",
    "says",
    "start",
    "end",
    "source",
    "citation",
)
DATE_FIELDS = {"start", "end", "window_start", "window_end"}
PALETTES = ("default", "cb")


@dataclass(frozen=True)
class GroundOverlay:
    """A picture of a basemap for KML: the PNG, its file name (`href`, beside the KML or inside the
    KMZ), and the longitude/latitude box it covers (the image is on a lon/lat grid)."""

    name: str
    href: str
    png: bytes
    north: float
    south: float
    east: float
    west: float


# --- rows shared by every format ------------------------------------------------------------------


def zone_rows(scenario: Scenario) -> list[dict[str, Any]]:
    """The holding intervals of `control_features` with readable names added (no geometry); a
    holding taken in a window is split into the window (style `uncertain`) and the rest."""
    features = control_features(
        scenario.control.changes, scenario.geometries_wgs84, scenario.meta.period.end
    )
    areas = {a.id: a for a in scenario.areas}
    factions = {f.id: f for f in scenario.factions}
    rows = []
    for feature in features:
        props = dict(feature["properties"])
        until = props.pop("until", None)
        # names in the language spoken (`--lang`), each falling back to its English
        area, faction = areas[props["area_id"]], factions[props["faction"]]
        props["area_name"] = pick(area.name_en, area.name_ar)
        props["faction_name"] = pick(faction.name_en, faction.name_ar)
        props["style"] = props["confidence"]
        props["uncertainty"] = ""
        props["window_start"] = props["window_end"] = None
        if until is None:
            rows.append(props)
            continue
        first, last = date.fromisoformat(props["start"]), date.fromisoformat(until)
        props["uncertainty"] = f"taken {window_text(first, last)}"
        props["window_start"], props["window_end"] = props["start"], until
        rows.append({**props, "end": until, "style": "uncertain"})
        rows.append({**props, "start": until})
    return rows


def zone_feature_collection(scenario: Scenario) -> dict[str, Any]:
    geometries = {
        area_id: json.loads(shapely.to_geojson(geometry))
        for area_id, geometry in scenario.geometries_wgs84.items()
    }
    features = [
        {
            "type": "Feature",
            "properties": {k: row[k] for k in (*ZONE_FIELDS, *ZONE_DATES)},
            "geometry": geometries[row["area_id"]],
        }
        for row in zone_rows(scenario)
    ]
    return {"type": "FeatureCollection", "name": "control_zones", "features": features}


def event_point(scenario: Scenario, event: Event) -> shapely.Point | None:
    """Where an event is drawn, in WGS84: its point, or the centre of its areas; None if unplaced."""
    if event.location is None:
        return None
    if event.location.point is not None:
        return shapely.Point(*event.location.point)
    geometries = [
        scenario.areas[scenario.area_index[a]].geometry for a in event.location.areas or []
    ]
    centre = shapely.union_all(np.array(geometries, dtype=object)).representative_point()
    return to_wgs84(centre)


def event_rows(scenario: Scenario) -> list[dict[str, Any]]:
    rows = []
    for e in scenario.events:
        cited = citation(scenario, e.source)
        point = event_point(scenario, e)
        rows.append(
            {
                "event_id": e.id,
                "start": e.date.start.isoformat(),
                "end": (e.date.end or e.date.start).isoformat(),
                "precision": e.date.precision,
                "kind": e.kind,
                "importance": e.importance,
                "chapter": pick(e.chapter or "", e.chapter_ar),
                "title": pick(e.title, e.title_ar),
                "summary": pick(e.summary, e.summary_ar),
                "source": e.source,
                "source_title": cited.title,
                "citation": cited.text,
                "from_brief": int(scenario.from_brief(e.source)),
                "after_brief": int(scenario.after_brief(e)),
                "disputes": ", ".join(d.id for d in disputes_touching(scenario, e.id)),
                "lon": round(point.x, 7) if point is not None else None,
                "lat": round(point.y, 7) if point is not None else None,
                "_point": point,
            }
        )
    return rows


def dispute_rows(scenario: Scenario) -> list[dict[str, Any]]:
    """One row per dispute: where it sits on the timeline ([start, end], its days), each version
    in one line, the version the map follows and why (`core.disputes`' wording)."""
    rows = []
    for d in scenario.disputes:
        first, last = dispute_days(scenario, d)
        followed = next((v for v in d.versions if v.id == d.follows), None)
        rows.append(
            {
                "dispute_id": d.id,
                "title": pick(d.title, d.title_ar),
                "about": d.about,
                "start": first.isoformat(),
                "end": last.isoformat(),
                "follows": d.follows or "",
                "follows_source": cite(scenario, followed.source) if followed else "",
                "why": pick(d.why, d.why_ar),
                "versions": " | ".join(f"{v.id}: {pick(v.says, v.says_ar)}" for v in d.versions),
                "events": ", ".join(d.events),
                "summary": dispute_summary(scenario, d),
            }
        )
    return rows


def dispute_version_rows(scenario: Scenario) -> list[dict[str, Any]]:
    """One row per version of every dispute: what the source says, the dates it gives, its citation."""
    return [
        {
            "dispute_id": d.id,
            "version_id": v.id,
            "followed": int(v.id == d.follows),
            "says": pick(v.says, v.says_ar),
            "start": v.date.start.isoformat() if v.date else None,
            "end": (v.date.end or v.date.start).isoformat() if v.date else None,
            "source": v.source,
            "citation": cite(scenario, v.source),
        }
        for d in scenario.disputes
        for v in d.versions
    ]


# --- GeoJSON --------------------------------------------------------------------------------------


def write_geojson(scenario: Scenario, path: Path | str, progress: Progress | None = None) -> Path:
    """Control zones over the period as one GeoJSON FeatureCollection (RFC 7946, WGS84)."""
    report = Reporter(progress, 2)
    report(0)
    collection = zone_feature_collection(scenario)
    report(1)
    with atomic_path(path) as temporary:
        temporary.write_text(json.dumps(collection, ensure_ascii=False), encoding="utf-8")
        report(2)  # the last chance to cancel: inside the block, before the rename
    return Path(path)


# --- GeoPackage -----------------------------------------------------------------------------------

GPKG_APPLICATION_ID = 0x47504B47  # "GPKG"
GPKG_USER_VERSION = 10300  # GeoPackage 1.3.0
SRS_ID = 4326
WGS84_WKT = (
    'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,'
    'AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,'
    'AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],'
    'AXIS["Latitude",NORTH],AXIS["Longitude",EAST],AUTHORITY["EPSG","4326"]]'
)


def gpkg_geometry(geometry: shapely.Geometry | None) -> bytes | None:
    """A GeoPackage binary geometry: the 'GP' header with an XY envelope, then little-endian WKB."""
    return gpkg_geometries(np.array([geometry], dtype=object))[0]


def gpkg_geometries(geometries: np.ndarray) -> list[bytes | None]:
    """`gpkg_geometry` of many geometries at once (WKB, bounds and emptiness computed by shapely for
    the whole array: a hundred thousand OSM ways in a fraction of a second)."""
    missing = shapely.is_missing(geometries)
    wkb = shapely.to_wkb(geometries, byte_order=1, output_dimension=2, include_srid=False)
    empty = shapely.is_empty(geometries)
    bounds = shapely.bounds(geometries)
    blobs: list[bytes | None] = []
    for n in range(len(geometries)):
        if missing[n]:
            blobs.append(None)
            continue
        if empty[n]:  # flags: little endian, no envelope, empty
            blobs.append(b"GP" + struct.pack("<BBi", 0, 0b1 | (1 << 4), SRS_ID) + wkb[n])
            continue
        minx, miny, maxx, maxy = bounds[n]
        header = b"GP" + struct.pack("<BBi4d", 0, 0b11, SRS_ID, minx, maxx, miny, maxy)
        blobs.append(header + wkb[n])
    return blobs


def _bounds(geometries: Iterable[shapely.Geometry]) -> tuple[float, float, float, float]:
    """(min x, min y, max x, max y) of all the geometries."""
    minx, miny, maxx, maxy = shapely.total_bounds(np.array(list(geometries), dtype=object))
    return float(minx), float(miny), float(maxx), float(maxy)


def _multipolygon(geometry: shapely.Geometry) -> shapely.Geometry:
    return shapely.MultiPolygon([geometry]) if geometry.geom_type == "Polygon" else geometry


def _create_gpkg_tables(db: sqlite3.Connection) -> None:
    db.execute(f"PRAGMA application_id = {GPKG_APPLICATION_ID}")
    db.execute(f"PRAGMA user_version = {GPKG_USER_VERSION}")
    db.executescript(
        """
        CREATE TABLE gpkg_spatial_ref_sys (
          srs_name TEXT NOT NULL, srs_id INTEGER NOT NULL PRIMARY KEY,
          organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL,
          definition TEXT NOT NULL, description TEXT);
        CREATE TABLE gpkg_contents (
          table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL,
          identifier TEXT UNIQUE, description TEXT DEFAULT '',
          last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
          min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,
          CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
        CREATE TABLE gpkg_geometry_columns (
          table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL,
          srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,
          CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
          CONSTRAINT uk_gc_table_name UNIQUE (table_name),
          CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
          CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));
        """
    )
    db.executemany(
        "INSERT INTO gpkg_spatial_ref_sys VALUES (?, ?, ?, ?, ?, ?)",
        [
            ("Undefined cartesian SRS", -1, "NONE", -1, "undefined", "undefined cartesian"),
            ("Undefined geographic SRS", 0, "NONE", 0, "undefined", "undefined geographic"),
            ("WGS 84 geodetic", SRS_ID, "EPSG", 4326, WGS84_WKT, "longitude/latitude, WGS 84"),
        ],
    )


def add_gpkg_layer(
    db: sqlite3.Connection,
    table: str,
    geometry_type: str,
    description: str,
    columns: Sequence[tuple[str, str]],
    rows: Iterable[tuple[bytes | None, Sequence[Any]]],
    bounds: tuple[float, float, float, float],
) -> None:
    """A feature table `fid, geom, columns...` registered in gpkg_contents/gpkg_geometry_columns."""
    column_sql = ", ".join(f'"{name}" {kind}' for name, kind in columns)
    db.execute(
        f'CREATE TABLE "{table}" (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, '
        f"geom {geometry_type}, {column_sql})"
    )
    db.execute(
        "INSERT INTO gpkg_contents (table_name, data_type, identifier, description, "
        "min_x, min_y, max_x, max_y, srs_id) VALUES (?, 'features', ?, ?, ?, ?, ?, ?, ?)",
        (table, table, description, *bounds, SRS_ID),
    )
    db.execute(
        "INSERT INTO gpkg_geometry_columns VALUES (?, 'geom', ?, ?, 0, 0)",
        (table, geometry_type, SRS_ID),
    )
    names = ", ".join(["geom", *(f'"{name}"' for name, _ in columns)])
    marks = ", ".join("?" * (len(columns) + 1))
    db.executemany(
        f'INSERT INTO "{table}" ({names}) VALUES ({marks})',
        ((geom, *values) for geom, values in rows),
    )


def _column_type(name: str) -> str:
    return "DATE" if name in DATE_FIELDS else "INTEGER" if name == "followed" else "TEXT"


def _add_gpkg_table(
    db: sqlite3.Connection,
    table: str,
    description: str,
    fields: Sequence[str],
    rows: Sequence[dict[str, Any]],
) -> None:
    """A table without geometry (`attributes` in gpkg_contents): GDAL and QGIS list it."""
    column_sql = ", ".join(f'"{name}" {_column_type(name)}' for name in fields)
    db.execute(
        f'CREATE TABLE "{table}" (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, {column_sql})'
    )
    db.execute(
        "INSERT INTO gpkg_contents (table_name, data_type, identifier, description) "
        "VALUES (?, 'attributes', ?, ?)",
        (table, table, description),
    )
    names = ", ".join(f'"{name}"' for name in fields)
    marks = ", ".join("?" * len(fields))
    db.executemany(
        f'INSERT INTO "{table}" ({names}) VALUES ({marks})',
        ([row[name] for name in fields] for row in rows),
    )


def _add_dispute_tables(db: sqlite3.Connection, scenario: Scenario) -> None:
    """`disputes` (one row each) and `dispute_versions` (one row per source's version)."""
    _add_gpkg_table(
        db,
        "disputes",
        f"{scenario.title}: where sources disagree, and which one the map follows",
        DISPUTE_FIELDS,
        dispute_rows(scenario),
    )
    _add_gpkg_table(
        db,
        "dispute_versions",
        f"{scenario.title}: what each source says in each dispute",
        DISPUTE_VERSION_FIELDS,
        dispute_version_rows(scenario),
    )


def write_gpkg(
    scenario: Scenario,
    path: Path | str,
    progress: Progress | None = None,
    basemaps: Callable[[sqlite3.Connection, Progress], object] | None = None,
) -> Path:
    """Control zones (MULTIPOLYGON) and events (POINT) as an OGC GeoPackage 1.3 in EPSG:4326, with
    the disputes and their versions (when the scenario has any) as tables without geometry.

    `start` and `end` are DATE columns (ISO `YYYY-MM-DD` text, the GeoPackage encoding), which
    QGIS's temporal controller accepts as "separate fields for start and end"; the `layer_styles`
    table gives QGIS both layers' default style, and the `qgis_projects` table a project with both
    layers time-enabled and the temporal controller set to the period, a frame a day.

    `basemaps(db, progress)` adds the user's basemaps' tables (`export.basemap_package`) before the
    file is renamed into place.
    """
    zones = zone_rows(scenario)
    events = event_rows(scenario)
    share = 0.2 if basemaps is not None else 1.0  # of the bar for the zones and events
    report = Reporter(progress, len(zones) + len(events) + 1, 0.0, share)
    geometries = scenario.geometries_wgs84
    blobs = {area_id: gpkg_geometry(_multipolygon(g)) for area_id, g in geometries.items()}
    zone_bounds = _bounds(geometries.values())

    def zone_records() -> Iterable[tuple[bytes | None, Sequence[Any]]]:
        for n, row in enumerate(zones):
            if n % 64 == 0:
                report(n)
            yield blobs[row["area_id"]], [row[k] for k in (*ZONE_FIELDS, *ZONE_DATES)]

    def event_records() -> Iterable[tuple[bytes | None, Sequence[Any]]]:
        for n, row in enumerate(events):
            report(len(zones) + n)
            yield gpkg_geometry(row["_point"]), [row[k] for k in EVENT_FIELDS]

    points = [row["_point"] for row in events if row["_point"] is not None]
    event_bounds = _bounds(points) if points else zone_bounds
    with atomic_path(path) as temporary:
        temporary.unlink()  # sqlite3 must create the file itself (an empty file is not a database)
        db = sqlite3.connect(temporary)
        try:
            with db:
                _create_gpkg_tables(db)
                add_gpkg_layer(
                    db,
                    "control_zones",
                    "MULTIPOLYGON",
                    f"{scenario.title}: who held each area, [start, end) with end exclusive",
                    [(name, "TEXT") for name in ZONE_FIELDS] + [(n, "DATE") for n in ZONE_DATES],
                    zone_records(),
                    zone_bounds,
                )
                add_gpkg_layer(
                    db,
                    "events",
                    "POINT",
                    f"{scenario.title}: events (areas placed at their centre)",
                    [(name, EVENT_FIELD_TYPES.get(name, "TEXT")) for name in EVENT_FIELDS],
                    event_records(),
                    event_bounds,
                )
                if scenario.disputes:  # a scenario without any gets no empty tables
                    _add_dispute_tables(db, scenario)
                if basemaps is not None:
                    basemaps(db, Reporter(progress, 1, share, 0.99).progress_range())
                add_layer_styles(db, scenario)  # QGIS opens both layers styled
                layers = default_layers(scenario, zone_bounds, event_bounds)
                add_qgis_project(db, scenario, Path(path).name, layers)  # and plays the project
        finally:
            db.close()
        Reporter(progress, 1)(1)
    return Path(path)


# --- KML / KMZ ------------------------------------------------------------------------------------

_KML_EVENT_OMITS = ("title", "summary", "start", "end")
CONFIDENCE_FILL_ALPHA = {"confirmed": 0xB4, "claimed": 0x5A, "contested": 0x00, "uncertain": 0x2D}
CONFIDENCE_LINE_WIDTH = {"confirmed": 1.0, "claimed": 2.0, "contested": 3.0, "uncertain": 3.0}
"""KML fill opacity and outline width per `style`: the confidences, then `uncertain` (a window)."""


def _kml_colour(hex_rgb: str, alpha: int) -> str:
    """KML colours are aabbggrr."""
    r, g, b = hex_rgb[1:3], hex_rgb[3:5], hex_rgb[5:7]
    return f"{alpha:02x}{b}{g}{r}".lower()


def _kml_coordinates(ring: np.ndarray) -> str:
    return " ".join(f"{x:.7f},{y:.7f}" for x, y in ring)


def _kml_polygon(polygon: shapely.Polygon) -> str:
    parts = [
        "<Polygon><outerBoundaryIs><LinearRing><coordinates>"
        f"{_kml_coordinates(shapely.get_coordinates(polygon.exterior))}"
        "</coordinates></LinearRing></outerBoundaryIs>"
    ]
    for hole in polygon.interiors:
        parts.append(
            "<innerBoundaryIs><LinearRing><coordinates>"
            f"{_kml_coordinates(shapely.get_coordinates(hole))}"
            "</coordinates></LinearRing></innerBoundaryIs>"
        )
    parts.append("</Polygon>")
    return "".join(parts)


def _kml_geometry(geometry: shapely.Geometry) -> str:
    polygons = [p for p in shapely.get_parts(geometry) if p.geom_type == "Polygon"]
    if len(polygons) == 1:
        return _kml_polygon(polygons[0])
    return "<MultiGeometry>" + "".join(_kml_polygon(p) for p in polygons) + "</MultiGeometry>"


_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml(value: Any) -> str:
    """`value` as XML text or attribute: escaped, without the characters XML 1.0 cannot hold
    (control characters, lone surrogates), so the KML is well-formed whatever the text."""
    return escape(_NOT_XML.sub("", str(value)), {'"': "&quot;"})


def _extended_data(values: dict[str, Any]) -> str:
    return (
        "<ExtendedData>"
        + "".join(
            f'<Data name="{_xml(k)}"><value>{_xml(v)}</value></Data>' for k, v in values.items()
        )
        + "</ExtendedData>"
    )


def kml_document(
    scenario: Scenario,
    palette: str = "default",
    progress: Progress | None = None,
    overlays: Sequence[GroundOverlay] = (),
    href_prefix: str = "",
) -> str:
    """A KML document: a folder of zone placemarks with `TimeSpan`s, a folder of events with
    `TimeStamp`s, styled by faction colour; confidence shows as fill opacity and outline width
    (confirmed solid, claimed pale with a thicker outline, contested outline only, uncertain
    faint with a thick outline), and a folder of disputes over their days (no geometry). The
    user's basemaps (`overlays`) come first, as GroundOverlays under everything else, their
    images at `href_prefix` + each overlay's `href` (a relative path: nothing is fetched)."""
    if palette not in PALETTES:
        raise ValueError(f"palette must be one of {', '.join(PALETTES)}")
    zones = zone_rows(scenario)
    events = event_rows(scenario)
    report = Reporter(progress, len(zones) + len(events))
    geometries = {area_id: _kml_geometry(g) for area_id, g in scenario.geometries_wgs84.items()}
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<kml xmlns="http://www.opengis.net/kml/2.2"><Document>'
        f"<name>{_xml(pick(scenario.meta.title, scenario.meta.title_ar))}</name>"
        f"<description>{_xml(_sources_text(scenario))}</description>"
    ]
    for faction in scenario.factions:
        colour = faction.colour if palette == "default" else faction.colour_cb
        for confidence, alpha in CONFIDENCE_FILL_ALPHA.items():
            out.append(
                f'<Style id="{faction.id}-{confidence}">'
                f"<LineStyle><color>{_kml_colour(colour, 0xFF)}</color>"
                f"<width>{CONFIDENCE_LINE_WIDTH[confidence]:g}</width></LineStyle>"
                f"<PolyStyle><color>{_kml_colour(colour, alpha)}</color>"
                f"<fill>{int(alpha > 0)}</fill><outline>1</outline></PolyStyle></Style>"
            )
    # the viewer's own placemark icon: an <Icon><href> would be fetched from the web when shown
    out.append('<Style id="event"><IconStyle><scale>0.9</scale></IconStyle></Style>')
    if overlays:
        out.append("<Folder><name>basemaps</name>")
        for order, overlay in enumerate(overlays):
            out.append(
                f"<GroundOverlay><name>{_xml(overlay.name)}</name><drawOrder>{order}</drawOrder>"
                f"<Icon><href>{_xml(href_prefix + overlay.href)}</href></Icon><LatLonBox>"
                f"<north>{overlay.north:.8f}</north><south>{overlay.south:.8f}</south>"
                f"<east>{overlay.east:.8f}</east><west>{overlay.west:.8f}</west>"
                "</LatLonBox></GroundOverlay>"
            )
        out.append("</Folder>")
    out.append("<Folder><name>control_zones</name>")
    for n, row in enumerate(zones):
        if n % 64 == 0:
            report(n)
        name = f"{row['area_name']}: {row['faction_name']} ({phrase(row['style'])})"
        out.append(
            f"<Placemark><name>{_xml(name)}</name>"
            f"<TimeSpan><begin>{row['start']}</begin><end>{row['end']}</end></TimeSpan>"
            f"<styleUrl>#{row['faction']}-{row['style']}</styleUrl>"
            + _extended_data(  # start and end are in the TimeSpan
                {
                    **{k: row[k] for k in ZONE_FIELDS},
                    "window_start": row["window_start"] or "",
                    "window_end": row["window_end"] or "",
                }
            )
            + geometries[row["area_id"]]
            + "</Placemark>"
        )
    out.append("</Folder><Folder><name>events</name>")
    for n, row in enumerate(events):
        report(len(zones) + n)
        point = row["_point"]
        geometry = (
            f"<Point><coordinates>{point.x:.7f},{point.y:.7f}</coordinates></Point>"
            if point is not None
            else ""
        )
        out.append(
            f"<Placemark><name>{_xml(row['title'])}</name>"
            f"<description>{_xml(row['summary'] + ' — ' + row['citation'])}</description>"
            f"<TimeStamp><when>{row['start']}</when></TimeStamp><styleUrl>#event</styleUrl>"
            + _extended_data(
                {
                    **{k: row[k] for k in EVENT_FIELDS if k not in _KML_EVENT_OMITS},
                    "end_date": row["end"],  # a range's last day ("end" is the TimeSpan's name)
                }
            )
            + geometry
            + "</Placemark>"
        )
    out.append("</Folder>")
    if scenario.disputes:
        out.append("<Folder><name>disputes</name>")
    for row in dispute_rows(scenario):
        end = date.fromisoformat(row["end"]) + timedelta(days=1)  # the last day, whole
        out.append(
            f"<Placemark><name>{_xml(phrase('Sources disagree') + ': ' + row['title'])}</name>"
            f"<description>{_xml(row['summary'])}</description>"
            f"<TimeSpan><begin>{row['start']}</begin><end>{end.isoformat()}</end></TimeSpan>"
            + _extended_data(
                {k: row[k] for k in DISPUTE_FIELDS if k not in ("start", "end", "title")}
            )
            + "</Placemark>"
        )
    out.append("</Folder></Document></kml>\n" if scenario.disputes else "</Document></kml>\n")
    return "".join(out)


def _sources_text(scenario: Scenario) -> str:
    return "Sources: " + "; ".join(
        s.title + (f" ({s.publisher})" if s.publisher else "") for s in scenario.meta.sources
    )


def write_kml(
    scenario: Scenario,
    path: Path | str,
    progress: Progress | None = None,
    palette: str = "default",
    overlays: Sequence[GroundOverlay] = (),
) -> Path:
    """Zones with `TimeSpan` and events with `TimeStamp`, for Google Earth's time slider; the
    basemaps' images (`overlays`) are written beside it as `NAME-basemap-N.png`."""
    target = Path(path)
    prefix = f"{target.stem}-"
    for overlay in overlays:
        with atomic_path(target.with_name(prefix + overlay.href)) as temporary:
            temporary.write_bytes(overlay.png)
    return _write_kml_file(
        scenario,
        path,
        progress,
        palette,
        lambda file, text: file.write_text(text, "utf-8"),
        overlays,
        prefix,
    )


def write_kmz(
    scenario: Scenario,
    path: Path | str,
    progress: Progress | None = None,
    palette: str = "default",
    overlays: Sequence[GroundOverlay] = (),
) -> Path:
    """The KML zipped as `doc.kml` (the first entry, as Google Earth expects), the basemaps'
    images (`overlays`) inside it under `files/`."""

    def store(file: Path, text: str) -> None:
        with zipfile.ZipFile(file, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("doc.kml", text)
            for overlay in overlays:
                z.writestr(f"files/{overlay.href}", overlay.png, zipfile.ZIP_STORED)

    return _write_kml_file(scenario, path, progress, palette, store, overlays, "files/")


def _write_kml_file(
    scenario: Scenario,
    path: Path | str,
    progress: Progress | None,
    palette: str,
    store: Callable[[Path, str], object],
    overlays: Sequence[GroundOverlay] = (),
    href_prefix: str = "",
) -> Path:
    """The KML document (90% of the progress), then `store(file, text)` through `atomic_path`."""
    report = Reporter(progress, 10)
    text = kml_document(
        scenario,
        palette,
        Reporter(progress, 1, 0.0, 0.9).progress_range(),
        overlays,
        href_prefix,
    )
    with atomic_path(path) as temporary:
        store(temporary, text)
        report(10)
    return Path(path)


# --- CSV ------------------------------------------------------------------------------------------


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""A text cell starting with one of these is run as a formula by spreadsheets (CSV injection)."""
_PLAIN_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")


def csv_cell(value: Any) -> Any:
    """A value as a CSV cell: None is empty; text a spreadsheet would run as a formula gets a
    leading apostrophe (OWASP's advice), numbers (also `-1.5` written as text) stay as they are."""
    if value is None:
        return ""
    if (
        isinstance(value, str)
        and value.startswith(FORMULA_STARTS)
        and not _PLAIN_NUMBER.fullmatch(value)  # not float(): it takes "\t1", "-inf", "1_0"
    ):
        return "'" + value
    return value


def write_csv(
    path: Path | str,
    progress: Progress | None,
    header: Sequence[str],
    rows: Callable[[], Iterable[Sequence[Any]]],
) -> Path:
    """The one CSV routine: `rows()` computed, then written under `header` through `atomic_path`."""
    report = Reporter(progress, 2)
    report(0)
    body = list(rows())
    report(1)
    with atomic_path(path) as temporary, temporary.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(header)
        writer.writerows([csv_cell(value) for value in row] for row in body)
        report(2)
    return Path(path)


def write_events_csv(
    scenario: Scenario, path: Path | str, progress: Progress | None = None
) -> Path:
    """One row per event: dates, kind, text, the source and its citation, and where it is drawn."""
    columns = (*EVENT_FIELDS, "lon", "lat")
    return write_csv(
        path,
        progress,
        columns,
        lambda: ([row[k] for k in columns] for row in event_rows(scenario)),
    )
