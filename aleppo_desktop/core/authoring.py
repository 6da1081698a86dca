"""A new scenario from the analyst's own polygons (no Qt).

`new_scenario(areas_file, out_folder, snap=...)` reads polygons (GeoJSON, or GeoPackage and
Shapefile through pyogrio in any CRS they declare), reports the gaps and overlaps between them and,
with `snap`, makes them a partition: an overlap goes to the unit listed first, a gap inside their
union to the neighbour sharing most of its boundary. Factions come from a template scenario (the CLI
and the app pass the bundled one). Every unit starts held by `unassessed`, the one row per unit the
format needs, so the control table is ready to edit. The folder is written by `core.saving` and then
loaded back by the loader: a new scenario is valid or is not written.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import shapely
import shapely.geometry

from aleppo_desktop.core.editing import AreaFeature, node_coverage, open_document
from aleppo_desktop.core.errors import Problem, ScenarioError, worded
from aleppo_desktop.core.geometry import to_map, to_wgs84
from aleppo_desktop.core.loading import PARTITION_TOLERANCE_M2, load_scenario
from aleppo_desktop.core.saving import (
    areas_geojson_features,
    change_log,
    scenario_json,
    write_files_atomically,
)

UNASSESSED = "unassessed"
SNAP_GRID_DEGREES = 1e-9
AREAS_SOURCE = "areas"
BRIEF_SOURCE = "brief"


@dataclass
class AreasReport:
    """What was found in the analyst's polygons, in words the CLI and the dialog print (in
    English: `shown_lines` in the language spoken)."""

    units: int = 0
    overlaps: list[str] = field(default_factory=list)
    gaps: list[str] = field(default_factory=list)
    snapped: bool = False

    def lines(self) -> list[str]:
        out = [f"{self.units} area units read"]
        out += [f"overlap: {o}" for o in self.overlaps]
        out += [f"gap: {g}" for g in self.gaps]
        if (self.overlaps or self.gaps) and self.snapped:
            out.append("snapped: overlaps given to the first unit, gaps to the longest neighbour")
        return out

    def shown_lines(self) -> list[str]:
        """The lines in the language spoken (their templates are in `core.errors.MESSAGES`)."""
        return [worded(line) for line in self.lines()]


def read_polygons(path: Path) -> list[tuple[dict[str, Any], shapely.Geometry]]:
    """(properties, WGS84 polygon) per feature of a GeoJSON file, or of the first polygon layer of
    a GeoPackage or Shapefile (any CRS it declares); ScenarioError naming the place."""
    label = str(path)
    if path.suffix.lower() in (".gpkg", ".shp"):
        return _read_ogr_polygons(path)
    if path.suffix.lower() not in (".geojson", ".json"):
        raise ScenarioError(
            [Problem(label, "", "polygons are read from GeoJSON, GeoPackage or Shapefile files")]
        )
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, ValueError) as exc:
        raise ScenarioError([Problem(label, "", f"cannot read GeoJSON: {exc}")]) from None
    features = data.get("features") if isinstance(data, dict) else None
    if not isinstance(features, list) or not features:
        raise ScenarioError([Problem(label, "$", "not a GeoJSON FeatureCollection of polygons")])
    out, problems = [], []
    for i, feature in enumerate(features):
        try:
            geometry = shapely.geometry.shape(feature["geometry"])
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            problems.append(Problem(label, f"$.features[{i}].geometry", f"unreadable: {exc}"))
            continue
        if geometry.geom_type not in ("Polygon", "MultiPolygon") or geometry.is_empty:
            problems.append(
                Problem(label, f"$.features[{i}].geometry", f"not a polygon: {geometry.geom_type}")
            )
            continue
        if not geometry.is_valid:
            geometry = shapely.make_valid(geometry)
        props = feature.get("properties") or {}
        out.append((props if isinstance(props, dict) else {}, geometry))
    if problems:
        raise ScenarioError(problems)
    return out


def _read_ogr_polygons(path: Path) -> list[tuple[dict[str, Any], shapely.Geometry]]:
    """The first polygon layer of a GeoPackage or Shapefile (pyogrio), projected to WGS84."""
    import pyogrio.raw
    from pyproj import Transformer

    label = str(path)
    try:
        layers = [name for name, kind in pyogrio.list_layers(path) if kind and "Polygon" in kind]
        if not layers:
            raise ScenarioError([Problem(label, "", "no polygon layer")])
        meta, _fids, wkb, fields = pyogrio.raw.read(path, layer=str(layers[0]), force_2d=True)
    except ScenarioError:
        raise
    except Exception as exc:  # GDAL's errors vary by driver: one line naming the file
        message = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ScenarioError([Problem(label, "", f"cannot read: {message[:200]}")]) from None
    crs = meta.get("crs")
    if not crs:
        raise ScenarioError([Problem(label, "", "the layer declares no CRS (.prj / SRS)")])
    transformer = Transformer.from_crs(str(crs), "EPSG:4326", always_xy=True)
    names = list(meta.get("fields", []))
    out, problems = [], []
    for i, raw in enumerate(wkb):
        geometry = None if raw is None else shapely.from_wkb(raw)
        if geometry is None or geometry.geom_type not in ("Polygon", "MultiPolygon"):
            kind = "nothing" if geometry is None else geometry.geom_type
            problems.append(Problem(label, f"feature {i + 1}", f"not a polygon: {kind}"))
            continue
        geometry = shapely.transform(
            geometry, lambda xy: np.column_stack(transformer.transform(xy[:, 0], xy[:, 1]))
        )
        if not geometry.is_valid:
            geometry = shapely.make_valid(geometry)
        out.append(({n: fields[k][i] for k, n in enumerate(names)}, geometry))
    if problems:
        raise ScenarioError(problems)
    return out


def _unit_ids(properties: list[dict[str, Any]]) -> list[tuple[str, str, str]]:
    """(id, name_en, name_ar) per feature: its own `id` when usable and unique, else `area-N`."""
    seen: set[str] = set()
    out = []
    for n, props in enumerate(properties, start=1):
        raw = str(props.get("id", "")).strip().lower()
        unit_id = raw if re.fullmatch(r"[a-z0-9][a-z0-9_.-]*", raw or "-") else f"area-{n}"
        if unit_id in seen:
            unit_id = f"area-{n}"
        seen.add(unit_id)
        name = str(props.get("name_en") or props.get("name") or unit_id)
        out.append((unit_id, name, str(props.get("name_ar") or "")))
    return out


def check_and_snap(
    geometries: list[shapely.Geometry], names: list[str], snap: bool
) -> tuple[list[shapely.Geometry], AreasReport]:
    """Report overlaps and gaps (beyond the loader's tolerance) and, with `snap`, remove them."""
    report = AreasReport(units=len(geometries), snapped=snap)
    projected = list(to_map(np.array(geometries, dtype=object)))
    tree = shapely.STRtree(projected)
    for i, j in zip(*tree.query(projected, predicate="overlaps"), strict=True):
        if i < j:
            area = shapely.intersection(projected[i], projected[j]).area
            if area > PARTITION_TOLERANCE_M2:
                report.overlaps.append(f"{names[i]} and {names[j]} overlap by {area:.0f} m²")
    union = shapely.union_all(projected)
    holes = [
        shapely.Polygon(ring)
        for part in shapely.get_parts(union)
        for ring in part.interiors
        if shapely.Polygon(ring).area > PARTITION_TOLERANCE_M2
    ]
    for hole in holes:
        point = to_wgs84(hole.representative_point())
        report.gaps.append(f"{hole.area:.0f} m² near lon {point.x:.5f}, lat {point.y:.5f}")
    if not snap or not (report.overlaps or report.gaps):
        return geometries, report
    # in WGS84, so units that were not touched keep their vertices as given (to a 1e-9° grid,
    # ~0.1 mm, which also merges vertices that differ only by rounding)
    taken = shapely.Polygon()
    fixed: list[shapely.Geometry] = []
    for g in shapely.set_precision(np.array(geometries, dtype=object), SNAP_GRID_DEGREES):
        part = shapely.difference(g, taken) if not taken.is_empty else g
        fixed.append(_polygonal(part))
        taken = shapely.union(taken, g)
    union_wgs = shapely.union_all(fixed)
    for part in shapely.get_parts(union_wgs):
        for ring in part.interiors:
            gap = shapely.Polygon(ring)
            if to_map(gap).area <= PARTITION_TOLERANCE_M2:
                continue
            shared = [shapely.intersection(gap.boundary, f.boundary).length for f in fixed]
            k = int(np.argmax(shared))
            fixed[k] = _polygonal(shapely.union(fixed[k], gap))
    return node_coverage(fixed), report


def _polygonal(geometry: shapely.Geometry) -> shapely.Geometry:
    parts = [p for p in shapely.get_parts(geometry) if p.geom_type == "Polygon" and not p.is_empty]
    return parts[0] if len(parts) == 1 else shapely.MultiPolygon(parts)


def new_scenario(
    areas_file: Path,
    out: Path,
    *,
    snap: bool = False,
    title: str | None = None,
    start: date | None = None,
    end: date | None = None,
    template: Path,
) -> AreasReport:
    """Write a new scenario folder `out` from the polygons of `areas_file`; ScenarioError when the
    polygons leave gaps or overlaps (without `snap`) or the result does not load."""
    areas_file, out = Path(areas_file), Path(out)
    if (out / "scenario.json").exists():
        raise ScenarioError(
            [Problem(str(out), "", "already holds a scenario: choose a new folder")]
        )
    polygons = read_polygons(areas_file)
    ids = _unit_ids([p for p, _ in polygons])
    geometries, report = check_and_snap([g for _, g in polygons], [i for i, _, _ in ids], snap)
    if (report.overlaps or report.gaps) and not snap:
        problems = [Problem(str(areas_file), "", line) for line in report.lines()[1:]]
        problems.append(Problem(str(areas_file), "", "run with --snap to make them a partition"))
        raise ScenarioError(problems)
    factions, relations = _template_factions(template)
    today = date.today()
    start = start or date(today.year, 1, 1)
    end = end or date(today.year, 12, 31)
    data: dict[str, Any] = {
        "format_version": 2,
        "title": title or areas_file.stem,
        "period": {"start": start.isoformat(), "end": end.isoformat()},
        "time_zone": "UTC",
        "sources": [
            {
                "id": BRIEF_SOURCE,
                "kind": "brief",
                "title": f"{title or areas_file.stem}: the analyst's brief",
                "paragraphs": True,
                "note": "name the brief this scenario follows (title, author, date)",
            },
            {
                "id": AREAS_SOURCE,
                "kind": "dataset",
                "title": areas_file.name,
                "note": f"area units read from {areas_file.name}"
                + (
                    " and snapped into a partition"
                    if report.snapped and (report.overlaps or report.gaps)
                    else ""
                ),
            },
        ],
        "factions": factions,
        "relations": relations,
        "area_units": "areas.geojson",
        "control": "control.csv",
    }
    units = [
        AreaFeature(unit_id, name_en, name_ar, "authored", AREAS_SOURCE, g)
        for (unit_id, name_en, name_ar), g in zip(ids, geometries, strict=True)
    ]
    header = "area_id,date,faction,confidence,source,note\n"
    rows = "".join(
        f"{u.id},{start.isoformat()},{UNASSESSED},claimed,{AREAS_SOURCE},not assessed yet\n"
        for u in sorted(units, key=lambda u: u.id)
    )
    write_files_atomically(
        {
            out / "scenario.json": scenario_json(data),
            out / "areas.geojson": areas_geojson_features(units),
            out / "control.csv": (header + rows).encode(),
            out / "changes.jsonl": change_log(()),
        }
    )
    try:
        load_scenario(out)
    except ScenarioError:
        for name in ("scenario.json", "areas.geojson", "control.csv", "changes.jsonl"):
            (out / name).unlink(missing_ok=True)
        raise
    return report


def _template_factions(template: Path) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The template scenario's factions (not its relations, whose sources are the template's) and
    the `unassessed` faction every unit starts with."""
    document = open_document(template)
    factions = [f for f in document.data["factions"] if f["id"] != UNASSESSED]
    factions.append(
        {
            "id": UNASSESSED,
            "name_en": "Not assessed",
            "name_ar": "غير مقيّم",
            "colour": "#bdbdbd",
            "colour_cb": "#bbbbbb",
        }
    )
    relations = [
        {"factions": [f["id"], UNASSESSED], "hostile": False, "source": AREAS_SOURCE}
        for f in factions[:-1]
    ]
    return factions, relations
