"""A QGIS project stored inside the exported GeoPackage, so the file opens ready to play (Qt-free).

QGIS lists projects kept in a GeoPackage's `qgis_projects` table (name, metadata, content: the
zipped `.qgz` as hex text, as QGIS itself writes it) and opens them from the Browser. The project
written here has the zones and events time-enabled (from their `start`/`end` fields) and the temporal
controller in animation mode over the scenario's period, one frame a day: open, press play.

The XML is written here, not by QGIS (the app never needs QGIS), and is deterministic: the same
scenario and file name give the same bytes. Layers point into the same file by a path relative to
it (`./name.gpkg|layername=...`); moving the file keeps them, renaming it breaks them, as for any
project QGIS stores in a GeoPackage (qgis/QGIS#37440), and QGIS then offers to repoint them.
"""

from __future__ import annotations

import io
import json
import sqlite3
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from xml.etree import ElementTree as ET

from aleppo_desktop.core.scenario import Scenario
from aleppo_desktop.export.qgis_style import (
    QML_VERSION,
    events_renderer_xml,
    temporal_xml,
    zones_renderer_xml,
)

PROJECT_NAME = "aleppo-desktop"
"""The project's name in `qgis_projects` (QGIS shows it under the GeoPackage in the Browser)."""
FRAMES_PER_SECOND = 4  # a day a frame: the half-year siege plays in about 45 s
NAVIGATION_ANIMATED = 1  # QgsTemporalNavigationObject::Animated (0 off, 2 fixed range)
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # fixed, so the archive depends on its content only

WGS84 = {
    "proj4": "+proj=longlat +datum=WGS84 +no_defs",
    "srsid": "3452",  # QGIS's internal id of EPSG:4326, read first with the authid
    "srid": "4326",
    "authid": "EPSG:4326",
    "description": "WGS 84",
    "projectionacronym": "longlat",
    "ellipsoidacronym": "EPSG:7030",
    "geographicflag": "true",
}


@dataclass(frozen=True)
class ProjectLayer:
    """One GeoPackage table as a project layer; `style` is its `<temporal>` + `<renderer-v2>`."""

    table: str
    title: str
    geometry: str  # QGIS's geometry class: "Polygon", "Point" or "No geometry"
    wkb_type: str  # "MultiPolygon", "Point", "NoGeometry"
    bounds: tuple[float, float, float, float] | None
    style: str = ""
    abstract: str = ""

    @property
    def layer_id(self) -> str:
        # deterministic and unique (one layer per table); QGIS 3.22 replaces an id without "_"
        # ("events") by a random one when it reads the project
        return f"{self.table}_layer"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    if text is not None:
        element.text = text
    return element


def _srs(parent: ET.Element, tag: str) -> None:
    srs = _sub(_sub(parent, tag), "spatialrefsys")
    for key, value in WGS84.items():
        _sub(srs, key, value)


def _extent(parent: ET.Element, tag: str, bounds: tuple[float, float, float, float]) -> None:
    extent = _sub(parent, tag)
    for key, value in zip(("xmin", "ymin", "xmax", "ymax"), bounds, strict=True):
        _sub(extent, key, repr(float(value)))


def _maplayer(parent: ET.Element, layer: ProjectLayer, source: str) -> None:
    spatial = layer.bounds is not None
    element = _sub(
        parent,
        "maplayer",
        type="vector",
        geometry=layer.geometry,
        wkbType=layer.wkb_type,
        styleCategories="AllStyleCategories",
        hasScaleBasedVisibilityFlag="0",
        readOnly="0",
        autoRefreshEnabled="0",
        autoRefreshTime="0",
        refreshOnNotifyEnabled="0",
        refreshOnNotifyMessage="",
        labelsEnabled="0",
    )
    if layer.bounds is not None:
        _extent(element, "extent", layer.bounds)
        _extent(element, "wgs84extent", layer.bounds)
    _sub(element, "id", layer.layer_id)
    _sub(element, "datasource", source)
    _sub(element, "layername", layer.table)
    if spatial:
        _srs(element, "srs")
    metadata = _sub(element, "resourceMetadata")
    _sub(metadata, "type", "dataset")
    _sub(metadata, "title", layer.title)
    _sub(metadata, "abstract", layer.abstract)
    _sub(element, "provider", "ogr", encoding="UTF-8")
    flags = _sub(element, "flags")
    for flag, value in (("Identifiable", "1"), ("Removable", "1"), ("Searchable", "1")):
        _sub(flags, flag, value)
    if layer.style:
        for child in ET.fromstring(f"<style>{layer.style}</style>"):
            element.append(child)


def period_range(scenario: Scenario) -> tuple[str, str]:
    """The temporal controller's range: the period's first day 00:00 to the day after its last
    (the period's last day is played whole), in UTC as QGIS writes it. Dates in the tables are
    calendar days; QGIS compares them with the frame's date and time fields, so the zone is the
    same in any desktop time zone."""
    period = scenario.meta.period
    end = period.end + timedelta(days=1)
    return f"{period.start.isoformat()}T00:00:00Z", f"{end.isoformat()}T00:00:00Z"


def project_xml(scenario: Scenario, file_name: str, layers: Sequence[ProjectLayer]) -> bytes:
    """The `.qgs` document: layers from `./file_name`, drawn top first, and the time settings."""
    root = ET.Element("qgis", projectname=scenario.title, version=QML_VERSION)
    _sub(root, "homePath", path="")
    _sub(root, "title", scenario.title)
    _srs(root, "projectCrs")
    tree = _sub(root, "layer-tree-group")
    for layer in layers:
        _sub(
            tree,
            "layer-tree-layer",
            id=layer.layer_id,
            name=layer.title,
            source=f"./{file_name}|layername={layer.table}",
            providerKey="ogr",
            checked="Qt::Checked",
            expanded="1" if layer.bounds is not None else "0",
        )
    spatial = [layer.bounds for layer in layers if layer.bounds is not None]
    if spatial:
        canvas = _sub(root, "mapcanvas", name="theMapCanvas", annotationsVisible="1")
        _sub(canvas, "units", "degrees")
        _extent(canvas, "extent", _padded(spatial))
        _sub(canvas, "rotation", "0")
        _srs(canvas, "destinationsrs")
        _sub(canvas, "rendermaptile", "0")
    project_layers = _sub(root, "projectlayers")
    for layer in layers:
        _maplayer(project_layers, layer, f"./{file_name}|layername={layer.table}")
    order = _sub(root, "layerorder")
    for layer in layers:
        _sub(order, "layer", id=layer.layer_id)
    properties = _sub(root, "properties")
    _sub(_sub(properties, "Paths"), "Absolute", "false", type="bool")
    # without it QGIS 3.22 leaves the project CRS unset
    _sub(_sub(properties, "SpatialRefSys"), "ProjectionsEnabled", "1", type="int")
    start, end = period_range(scenario)
    controller = _sub(properties, "TemporalControllerWidget")
    _sub(controller, "NavigationMode", str(NAVIGATION_ANIMATED), type="int")
    _sub(controller, "StartDateTime", start.replace("Z", ".000Z"), type="QString")
    _sub(controller, "EndDateTime", end.replace("Z", ".000Z"), type="QString")
    time = _sub(
        root,
        "ProjectTimeSettings",
        timeStep="1",
        timeStepUnit="d",
        frameRate=str(FRAMES_PER_SECOND),
        cumulativeTemporalRange="0",
    )
    temporal_range = _sub(time, "TemporalRange")
    _sub(temporal_range, "start", start)
    _sub(temporal_range, "end", end)
    ET.indent(root)
    doctype = b"<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n"
    return doctype + ET.tostring(root, encoding="utf-8", xml_declaration=False) + b"\n"


def _padded(
    bounds: Sequence[tuple[float, float, float, float]],
) -> tuple[float, float, float, float]:
    minx = min(b[0] for b in bounds)
    miny = min(b[1] for b in bounds)
    maxx = max(b[2] for b in bounds)
    maxy = max(b[3] for b in bounds)
    pad = 0.05 * max(maxx - minx, maxy - miny)
    return (minx - pad, miny - pad, maxx + pad, maxy + pad)


def project_archive(qgs: bytes) -> bytes:
    """The `.qgz`: the project as its only entry, with fixed time stamps."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        entry = zipfile.ZipInfo(f"{PROJECT_NAME}.qgs", date_time=_ZIP_TIME)
        entry.compress_type = zipfile.ZIP_DEFLATED
        entry.external_attr = 0o644 << 16
        archive.writestr(entry, qgs)
    return buffer.getvalue()


def default_layers(
    scenario: Scenario,
    zone_bounds: tuple[float, float, float, float],
    event_bounds: tuple[float, float, float, float],
    palette: str = "default",
) -> list[ProjectLayer]:
    """Events over zones, both time-enabled with the styles `layer_styles` holds, then the
    disputes table (no geometry) when the scenario has disputes."""
    disputes = [
        ProjectLayer(
            "disputes",
            "disputes",
            "No geometry",
            "NoGeometry",
            None,
            abstract=f"{scenario.title}: where sources disagree, and which one the map follows",
        )
    ]
    return [
        ProjectLayer(
            "events",
            "events",
            "Point",
            "Point",
            event_bounds,
            temporal_xml(include_end=True) + events_renderer_xml(),
            f"{scenario.title}: events, shown from their first to their last day",
        ),
        ProjectLayer(
            "control_zones",
            "control_zones",
            "Polygon",
            "MultiPolygon",
            zone_bounds,
            temporal_xml(include_end=False) + zones_renderer_xml(scenario, palette),
            f"{scenario.title}: who held each area, [start, end) with end exclusive",
        ),
        *(disputes if scenario.disputes else []),
    ]


def add_qgis_project(
    db: sqlite3.Connection,
    scenario: Scenario,
    file_name: str,
    layers: Sequence[ProjectLayer],
    now: datetime | None = None,
) -> None:
    """Create `qgis_projects` (QGIS's own layout) holding the project for `file_name`'s tables."""
    qgs = project_xml(scenario, file_name, layers)
    stamp = (now or datetime.now(UTC)).strftime("%Y-%m-%dT%H:%M:%S")
    metadata = json.dumps({"last_modified_time": stamp, "last_modified_user": "aleppo-desktop"})
    db.execute("CREATE TABLE qgis_projects(name TEXT PRIMARY KEY, metadata BLOB, content BLOB)")
    db.execute(
        "INSERT INTO qgis_projects (name, metadata, content) VALUES (?, ?, ?)",
        (PROJECT_NAME, metadata, project_archive(qgs).hex()),
    )
