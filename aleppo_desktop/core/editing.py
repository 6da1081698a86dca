"""Editing a scenario: control, events and area units, each edit validated and logged (no Qt).

A `Document` is an open scenario plus what saving needs that the loaded model does not keep: each
area unit's polygon as authored (WGS84, vertex for vertex) and the change log. An edit is a small
value (`SetControl`, `SplitArea`, ...); `apply_edit(document, edit, who, reason)` returns a new
Document, or raises `EditRefused` with the reason and leaves the old one untouched. Documents are
never changed in place, so undo is keeping the previous one.

Every edited scenario is rebuilt through `core.loading.build_scenario`, the loader's own checks:
one validation for files and edits. An edit of control or events reuses the validated area units,
so only the control table and the frames are rebuilt; the frames compute sweeps on demand.
"""

from __future__ import annotations

import dataclasses
import itertools
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import numpy as np
import shapely
import shapely.geometry
import shapely.ops

from aleppo_desktop.core.control import ControlChange
from aleppo_desktop.core.errors import Problem, ScenarioError
from aleppo_desktop.core.geometry import to_wgs84
from aleppo_desktop.core.loading import (
    EditedAreas,
    build_scenario,
    geojson_polygon,
    load_scenario,
    parse_json,
)
from aleppo_desktop.core.model import Confidence
from aleppo_desktop.core.scenario import Scenario

CHANGE_LOG = "changes.jsonl"
"""The change log beside `scenario.json`: one JSON object per line, oldest first."""
AREA_PROPERTIES = ("id", "name_en", "name_ar", "kind", "source")
ON_EDGE_DEGREES = 1e-10
"""A vertex this close to an edge (WGS84 degrees, ~0.01 mm) lies on it: where a cut or a snap meets
a neighbour's boundary, the point is inserted there too."""


class EditRefused(Exception):  # noqa: N818 (a refusal is an answer, not a crash)
    """An edit that would break the scenario; `reason` says why in one or a few lines."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class LogEntry:
    """One edit in the scenario's change log: who made it, when (UTC, ISO), why, and what it did."""

    when: str
    who: str
    reason: str
    summary: str

    def to_json(self) -> str:
        return json.dumps(dataclasses.asdict(self), ensure_ascii=False, sort_keys=True)


@dataclass(frozen=True)
class AreaFeature:
    """An area unit as authored: its properties and its polygon in WGS84 (as in `areas.geojson`)."""

    id: str
    name_en: str
    name_ar: str
    kind: str
    source: str
    geometry: shapely.Geometry  # WGS84 lon/lat

    def to_feature(self) -> dict[str, Any]:
        return {
            "type": "Feature",
            "properties": {key: getattr(self, key) for key in AREA_PROPERTIES},
            "geometry": shapely.geometry.mapping(self.geometry),
        }


@dataclass(frozen=True, eq=False)
class Document:
    """An open scenario as an editor holds it. `scenario.path` is where it was opened from (or is
    to be saved to); `log` is the whole change log, the saved entries then this session's."""

    scenario: Scenario
    areas: tuple[AreaFeature, ...]  # in the scenario's area order
    log: tuple[LogEntry, ...] = ()
    data: dict[str, Any] = field(default_factory=dict)  # scenario.json as an object

    @property
    def folder(self) -> Path:
        return self.scenario.path.parent

    def area(self, area_id: str) -> AreaFeature:
        for a in self.areas:
            if a.id == area_id:
                return a
        raise EditRefused(f"unknown area {area_id!r}")

    def areas_collection(self) -> dict[str, Any]:
        return {"type": "FeatureCollection", "features": [a.to_feature() for a in self.areas]}

    def equivalent(self, other: Document) -> bool:
        """Same scenario content: scenario.json, area units (properties and vertices), control rows."""
        return (
            self.data == other.data
            and [a.to_feature() for a in self.areas] == [a.to_feature() for a in other.areas]
            and sorted(self.scenario.control.changes, key=_row_key)
            == sorted(other.scenario.control.changes, key=_row_key)
        )


def _row_key(c: ControlChange) -> tuple[str, date]:
    return (c.area_id, c.date)


def scenario_data(scenario: Scenario) -> dict[str, Any]:
    """scenario.json as an object: the fields the file set (defaults it left out stay out)."""
    data = scenario.meta.model_dump(mode="json", exclude_unset=True)
    if data.get("format_version") == 1 and not any(c.enclave_of for c in scenario.meta.claims):
        data["format_version"] = 2  # saved as format 2; a file using enclave_of stays 1
    return data


def read_areas(path: Path) -> tuple[AreaFeature, ...]:
    """The area units of a (validated) areas GeoJSON, as authored."""
    collection = parse_json(path.read_text(encoding="utf-8-sig"))
    out = []
    for feature in collection["features"]:
        props = feature["properties"]
        unit_id, name_en, name_ar, kind, source = (
            str(props[key]).strip() for key in AREA_PROPERTIES
        )
        raw = feature["geometry"]
        geometry = geojson_polygon(raw) or shapely.geometry.shape(raw)  # the first: from arrays
        out.append(AreaFeature(unit_id, name_en, name_ar, kind, source, geometry))
    return tuple(out)


def read_log(path: Path) -> tuple[LogEntry, ...]:
    """A change log file (missing: empty); a line that is not an entry is an error naming it."""
    if not path.exists():
        return ()
    entries = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            fields = json.loads(line)
            entries.append(LogEntry(**{k: str(fields[k]) for k in LogEntry.__dataclass_fields__}))
        except (ValueError, KeyError, TypeError) as exc:
            raise ScenarioError(
                [Problem(str(path), f"line {n}", f"not a change log entry: {exc}")]
            ) from None
    return tuple(entries)


def open_document(path: Path | str) -> Document:
    """Load a scenario for editing (ScenarioError as `load_scenario`)."""
    return document_of(load_scenario(path))


def document_of(scenario: Scenario) -> Document:
    """A loaded scenario as a Document: its area units as authored and its change log are read
    beside it (ScenarioError when the log is unreadable)."""
    areas = read_areas((scenario.path.parent / scenario.meta.area_units).resolve())
    log = read_log(scenario.path.parent / CHANGE_LOG)
    data = scenario_data(scenario)
    if data["format_version"] != scenario.meta.format_version:  # edited as format 2
        scenario = build_scenario(
            scenario.path,
            data,
            (scenario.areas, scenario.exact_coverage),
            scenario.control.changes,
            scenario.basemaps_by_id,
        )
    return Document(scenario, areas, log, data)


def rebuild(
    document: Document,
    *,
    data: dict[str, Any] | None = None,
    areas: tuple[AreaFeature, ...] | None = None,
    changes: Sequence[ControlChange] | None = None,
    path: Path | None = None,
) -> Document:
    """A new Document with the given parts replaced, validated by the loader's checks; EditRefused
    with every problem found. Unchanged area units are reused (not re-projected nor re-checked):
    an edit of area units validates the new ones and relates them to their neighbours only."""
    old = document.scenario
    data = document.data if data is None else data
    new_areas = document.areas if areas is None else areas
    if areas is None:
        area_input: Any = (old.areas, old.exact_coverage)
    else:
        area_input = edited_areas(document, areas)
    try:
        scenario = build_scenario(
            path or old.path,
            old.meta if data is document.data else data,
            area_input,
            old.control.changes if changes is None else sorted(changes, key=_row_key),
            old.basemaps_by_id,
        )
    except ScenarioError as exc:
        raise EditRefused(_reasons(exc)) from None
    scenario.build_frames_on(old)  # what the edit left alone is not computed again
    return Document(scenario, new_areas, document.log, data)


def edited_areas(document: Document, areas: Sequence[AreaFeature]) -> EditedAreas:
    """`areas` (the document's, some replaced) for validation: a feature the edit kept (the same
    object) stands as its validated unit, the others as GeoJSON features to check."""
    kept = {id(a): unit for a, unit in zip(document.areas, document.scenario.areas, strict=True)}
    items = tuple(kept.get(id(a)) or a.to_feature() for a in areas)
    return EditedAreas(items, document.scenario.exact_coverage)


def _reasons(exc: ScenarioError) -> str:
    lines = [f"{p.place}: {p.message}" if p.place else p.message for p in exc.problems]
    return "\n".join(lines) or str(exc)


# --- edits ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SetControl:
    """From `day` (or over the window `day`..`until`), `faction` holds `area_ids`, with this
    confidence, source and note. A row already on `day` for an area is replaced; later rows stay."""

    area_ids: tuple[str, ...]
    day: date
    faction: str
    confidence: Confidence
    source: str
    note: str = ""
    until: date | None = None

    def summary(self) -> str:
        when = f"between {self.day} and {self.until}" if self.until else f"from {self.day}"
        return (
            f"set control of {', '.join(self.area_ids)}: {self.faction} ({self.confidence}) {when}"
        )

    def apply(self, document: Document) -> Document:
        if not self.area_ids:
            raise EditRefused("no area units are selected")
        table = document.scenario.control
        changes = list(table.changes)
        unchanged: list[str] = []
        for area_id in self.area_ids:
            if area_id not in document.scenario.area_index:
                raise EditRefused(f"unknown area {area_id!r}")
            before = [c for c in table.history(area_id) if c.date < self.day]
            if before and self.until is None:
                last = before[-1]
                if (last.faction, last.confidence) == (self.faction, self.confidence):
                    unchanged.append(
                        f"{area_id}: {self.faction} already holds it ({self.confidence}) "
                        f"since {last.held_from}"
                    )
                    continue  # a selection may hold units already so: the others change
            changes = [c for c in changes if not (c.area_id == area_id and c.date == self.day)]
            changes.append(
                ControlChange(
                    area_id,
                    self.day,
                    self.faction,
                    self.confidence,
                    self.source.strip(),
                    self.note.strip(),
                    self.until,
                )
            )
        if len(unchanged) == len(self.area_ids):
            raise EditRefused("; ".join(unchanged) + f": nothing would change on {self.day}")
        return rebuild(document, changes=changes)


@dataclass(frozen=True)
class RemoveControl:
    """Delete the control row of each area dated `day` (not an area's first row)."""

    area_ids: tuple[str, ...]
    day: date

    def summary(self) -> str:
        return f"remove the control rows of {', '.join(self.area_ids)} dated {self.day}"

    def apply(self, document: Document) -> Document:
        table = document.scenario.control
        changes = list(table.changes)
        for area_id in self.area_ids:
            if area_id not in document.scenario.area_index:
                raise EditRefused(f"unknown area {area_id!r}")
            history = table.history(area_id)
            if not any(c.date == self.day for c in history):
                raise EditRefused(f"{area_id} has no control row dated {self.day}")
            if history[0].date == self.day:
                raise EditRefused(
                    f"{area_id}: the row of {self.day} gives its holder at the period start; "
                    "set another holder instead of deleting it"
                )
            changes = [c for c in changes if not (c.area_id == area_id and c.date == self.day)]
        return rebuild(document, changes=changes)


@dataclass(frozen=True)
class AddEvent:
    """Add an event (a scenario.json event object: id, date, kind, title, summary, source, ...)."""

    event: dict[str, Any]

    def summary(self) -> str:
        return f"add event {self.event.get('id')!r}"

    def apply(self, document: Document) -> Document:
        data = _copy(document.data)
        if any(e.get("id") == self.event.get("id") for e in data.get("events", [])):
            raise EditRefused(f"an event with id {self.event.get('id')!r} already exists")
        data.setdefault("events", []).append(_copy(self.event))
        return rebuild(document, data=data)


@dataclass(frozen=True)
class UpdateEvent:
    """Replace event `event_id` by `event` (which may change its id: references follow)."""

    event_id: str
    event: dict[str, Any]

    def summary(self) -> str:
        return f"edit event {self.event_id!r}"

    def apply(self, document: Document) -> Document:
        data = _copy(document.data)
        events = data.get("events", [])
        index = next((i for i, e in enumerate(events) if e.get("id") == self.event_id), None)
        if index is None:
            raise EditRefused(f"unknown event {self.event_id!r}")
        new_id = self.event.get("id")
        if new_id != self.event_id and any(e.get("id") == new_id for e in events):
            raise EditRefused(f"an event with id {new_id!r} already exists")
        events[index] = _copy(self.event)
        if new_id != self.event_id:
            _rename_event(data, self.event_id, str(new_id))
        return rebuild(document, data=data)


@dataclass(frozen=True)
class DeleteEvent:
    event_id: str

    def summary(self) -> str:
        return f"delete event {self.event_id!r}"

    def apply(self, document: Document) -> Document:
        data = _copy(document.data)
        events = data.get("events", [])
        kept = [e for e in events if e.get("id") != self.event_id]
        if len(kept) == len(events):
            raise EditRefused(f"unknown event {self.event_id!r}")
        users = [e["id"] for e in kept if e.get("outcome") == self.event_id]
        users += [d["id"] for d in data.get("disputes", []) if self.event_id in d.get("events", [])]
        if users:
            raise EditRefused(
                f"event {self.event_id!r} is referred to by {', '.join(users)}: edit those first"
            )
        data["events"] = kept
        return rebuild(document, data=data)


@dataclass(frozen=True)
class NewArea:
    """Identity of an area unit made by a split or a merge."""

    id: str
    name_en: str
    name_ar: str = ""


@dataclass(frozen=True)
class SplitArea:
    """Cut `area_id` along `line` (WGS84 lon/lat vertices) into parts named by `parts`, in order
    west to east (then south to north) of their representative points. Each part inherits the
    unit's control history, regions and event locations; neighbours gain the cut's end vertices so
    shared edges stay identical."""

    area_id: str
    line: tuple[tuple[float, float], ...]
    parts: tuple[NewArea, ...]
    source: str

    def summary(self) -> str:
        return f"split {self.area_id} into {', '.join(p.id for p in self.parts)}"

    def apply(self, document: Document) -> Document:
        unit = document.area(self.area_id)
        if len(self.line) < 2:
            raise EditRefused("draw a line of at least two points across the unit")
        pieces = split_polygon(unit.geometry, shapely.LineString(self.line))
        if len(pieces) < 2:
            raise EditRefused(
                f"the line does not cut {self.area_id} in two: draw it from edge to edge"
            )
        if len(pieces) != len(self.parts):
            raise EditRefused(
                f"the line cuts {self.area_id} into {len(pieces)} parts but "
                f"{len(self.parts)} names were given"
            )
        _check_new_ids(document, [p.id for p in self.parts], replacing={self.area_id})
        new_vertices = _new_vertices(unit.geometry, pieces)
        touched = set(_near_points(document.areas, new_vertices))  # neighbours the cut ends on
        areas: list[AreaFeature] = []
        for k, a in enumerate(document.areas):
            if a.id == self.area_id:
                areas.extend(
                    AreaFeature(p.id, p.name_en, p.name_ar, "authored", self.source, g)
                    for p, g in zip(self.parts, pieces, strict=True)
                )
            elif k in touched:
                geometry = _with_vertices(a.geometry, new_vertices)
                areas.append(
                    a if geometry is a.geometry else dataclasses.replace(a, geometry=geometry)
                )
            else:
                areas.append(a)  # the same object: `rebuild` reuses its validated unit
        ids = [p.id for p in self.parts]
        changes = [
            dataclasses.replace(c, area_id=part) if c.area_id == self.area_id else c
            for c in document.scenario.control.changes
            for part in (ids if c.area_id == self.area_id else [c.area_id])
        ]
        data = _replace_area_ids(document.data, {self.area_id: ids})
        return rebuild(document, data=data, areas=tuple(areas), changes=changes)


@dataclass(frozen=True)
class MergeAreas:
    """Merge neighbouring units with the same control history into one (the first unit's rows,
    sources and notes are kept)."""

    area_ids: tuple[str, ...]
    new: NewArea
    source: str

    def summary(self) -> str:
        return f"merge {', '.join(self.area_ids)} into {self.new.id}"

    def apply(self, document: Document) -> Document:
        if len(set(self.area_ids)) < 2:
            raise EditRefused("select at least two area units to merge")
        units = [document.area(a) for a in self.area_ids]
        table = document.scenario.control
        first = self.area_ids[0]

        def course(area_id: str) -> list[tuple[date, str, str, date | None]]:
            return [(c.date, c.faction, c.confidence, c.until) for c in table.history(area_id)]

        for other in self.area_ids[1:]:
            if course(other) != course(first):
                diff = next(
                    (a for a, b in zip(course(first), course(other), strict=False) if a != b),
                    None,
                )
                where = f" (first difference: {diff[0]})" if diff else ""
                raise EditRefused(
                    f"{first} and {other} have different control histories{where}: "
                    "give them the same holders first"
                )
        for region in document.data.get("regions", []):
            inside = [a in region["areas"] for a in self.area_ids]
            if any(inside) and not all(inside):
                raise EditRefused(
                    f"region {region['id']!r} holds only some of {', '.join(self.area_ids)}: "
                    "merging would change its extent"
                )
        merged = shapely.coverage_union_all(np.array([u.geometry for u in units], dtype=object))
        if merged.geom_type != "Polygon":
            raise EditRefused(f"{', '.join(self.area_ids)} do not form one piece: merge neighbours")
        _check_new_ids(document, [self.new.id], replacing=set(self.area_ids))
        areas: list[AreaFeature] = []
        for a in document.areas:
            if a.id == first:
                areas.append(
                    AreaFeature(
                        self.new.id,
                        self.new.name_en,
                        self.new.name_ar,
                        "authored",
                        self.source,
                        merged,
                    )
                )
            elif a.id not in self.area_ids:
                areas.append(a)
        changes = [
            dataclasses.replace(c, area_id=self.new.id) if c.area_id == first else c
            for c in table.changes
            if c.area_id == first or c.area_id not in self.area_ids
        ]
        data = _replace_area_ids(document.data, {a: [self.new.id] for a in self.area_ids})
        return rebuild(document, data=data, areas=tuple(areas), changes=changes)


Edit = SetControl | RemoveControl | AddEvent | UpdateEvent | DeleteEvent | SplitArea | MergeAreas


def apply_edit(
    document: Document, edit: Edit, who: str, reason: str, when: datetime | None = None
) -> Document:
    """The document after `edit`, with a change-log entry (who, when, why, what); EditRefused with
    the reason when the edit would break the scenario. A reason is required: it is the log."""
    if not who.strip():
        raise EditRefused("say who makes the edit (Settings: your name)")
    if not reason.strip():
        raise EditRefused("say why: every edit records its reason in the change log")
    edited = edit.apply(document)
    stamp = (when or datetime.now(UTC)).astimezone(UTC).isoformat(timespec="seconds")
    entry = LogEntry(stamp, who.strip(), reason.strip(), edit.summary())
    return dataclasses.replace(edited, log=(*document.log, entry))


# --- geometry ------------------------------------------------------------------------------------


def split_polygon(polygon: shapely.Geometry, line: shapely.LineString) -> list[shapely.Geometry]:
    """The parts of `polygon` on either side of `line`, west to east then south to north."""
    try:
        parts = list(shapely.ops.split(polygon, line).geoms)
    except (ValueError, shapely.errors.GEOSException) as exc:
        raise EditRefused(f"cannot cut along this line: {exc}") from None
    parts = [p for p in parts if p.geom_type == "Polygon" and not p.is_empty and p.area > 0]
    points = [p.representative_point() for p in parts]
    order = sorted(range(len(parts)), key=lambda k: (round(points[k].x, 9), points[k].y))
    return [parts[k] for k in order]


def _new_vertices(original: shapely.Geometry, pieces: list[shapely.Geometry]) -> np.ndarray:
    """Vertices of the pieces that the original's boundary did not have (where the cut meets it)."""
    old = {tuple(xy) for xy in shapely.get_coordinates(original).tolist()}
    boundary = original.boundary
    found = []
    for xy in shapely.get_coordinates(np.array(pieces, dtype=object)).tolist():
        if tuple(xy) not in old and boundary.distance(shapely.Point(xy)) < ON_EDGE_DEGREES:
            found.append(xy)
    return np.unique(np.array(found).reshape(-1, 2), axis=0)


def _near_points(areas: Sequence[AreaFeature], points: np.ndarray) -> np.ndarray:
    """Indices of the areas whose bounding box holds one of `points` (within ON_EDGE_DEGREES):
    the only ones `_with_vertices` can change."""
    if not len(points) or not areas:
        return np.zeros(0, dtype=np.intp)
    bounds = shapely.bounds(np.array([a.geometry for a in areas], dtype=object))
    x, y = points[:, 0][None, :], points[:, 1][None, :]
    inside = (
        (bounds[:, [0]] - ON_EDGE_DEGREES <= x)
        & (x <= bounds[:, [2]] + ON_EDGE_DEGREES)
        & (bounds[:, [1]] - ON_EDGE_DEGREES <= y)
        & (y <= bounds[:, [3]] + ON_EDGE_DEGREES)
    )
    return np.flatnonzero(inside.any(axis=1))


def _with_vertices(geometry: shapely.Geometry, points: np.ndarray) -> shapely.Geometry:
    """`geometry` with each point that lies on one of its edges inserted as a vertex there."""
    if not len(points):
        return geometry
    boundary = geometry.boundary
    near = [p for p in points if boundary.distance(shapely.Point(p)) < ON_EDGE_DEGREES]
    if not near:
        return geometry

    def ring(coords: np.ndarray) -> np.ndarray:
        out = [coords[0]]
        for a, b in itertools.pairwise(coords):
            segment = shapely.LineString([a, b])
            inside = [
                p
                for p in near
                if segment.distance(shapely.Point(p)) < ON_EDGE_DEGREES
                and not np.array_equal(p, a)
                and not np.array_equal(p, b)
            ]
            inside.sort(key=lambda p: float(np.hypot(*(p - a))))
            out.extend(inside)
            out.append(b)
        return np.array(out)

    polygons = []
    for part in shapely.get_parts(geometry):
        shell = ring(shapely.get_coordinates(part.exterior))
        holes = [ring(shapely.get_coordinates(h)) for h in part.interiors]
        polygons.append(shapely.Polygon(shell, holes))
    return polygons[0] if geometry.geom_type == "Polygon" else shapely.MultiPolygon(polygons)


def node_coverage(geometries: Sequence[shapely.Geometry]) -> list[shapely.Geometry]:
    """Each polygon with its neighbours' vertices that lie on its edges inserted, so that shared
    boundaries match vertex for vertex (a T-junction in WGS84 is a sliver once projected)."""
    array = np.array(geometries, dtype=object)
    tree = shapely.STRtree(array)
    out = []
    for k, g in enumerate(array):
        mine = {tuple(xy) for xy in shapely.get_coordinates(g).tolist()}
        near = [j for j in tree.query(g) if j != k]
        points = [
            xy for xy in shapely.get_coordinates(array[near]).tolist() if tuple(xy) not in mine
        ]
        out.append(_with_vertices(g, np.unique(np.array(points).reshape(-1, 2), axis=0)))
    return out


def map_line_to_wgs84(xy: Sequence[tuple[float, float]]) -> tuple[tuple[float, float], ...]:
    """A line drawn on the map (map CRS metres) as WGS84 lon/lat vertices, for `SplitArea`."""
    line = to_wgs84(shapely.LineString(xy))
    return tuple((float(x), float(y)) for x, y in shapely.get_coordinates(line))


# --- references ----------------------------------------------------------------------------------


def _copy(value: Any) -> Any:
    return json.loads(json.dumps(value))


def _check_new_ids(document: Document, ids: list[str], replacing: set[str]) -> None:
    taken = {a.id for a in document.areas} - replacing
    if len(set(ids)) != len(ids):
        raise EditRefused(f"the new area ids must differ: {', '.join(ids)}")
    for new_id in ids:
        if new_id in taken:
            raise EditRefused(f"area id {new_id!r} is already used")


def _replace_area_ids(data: dict[str, Any], replaced: dict[str, list[str]]) -> dict[str, Any]:
    """scenario.json with area ids replaced in regions, event locations and claim anchors."""
    data = _copy(data)

    def swap(ids: list[str]) -> list[str]:
        out: list[str] = []
        for a in ids:
            for b in replaced.get(a, [a]):
                if b not in out:
                    out.append(b)
        return out

    for region in data.get("regions", []):
        region["areas"] = swap(region["areas"])
    for event in data.get("events", []):
        location = event.get("location") or {}
        if location.get("areas"):
            location["areas"] = swap(location["areas"])
    for claim in data.get("claims", []):
        if claim.get("enclave_of") in replaced:
            claim["enclave_of"] = replaced[claim["enclave_of"]][0]
    return data


def _rename_event(data: dict[str, Any], old: str, new: str) -> None:
    for event in data.get("events", []):
        if event.get("outcome") == old:
            event["outcome"] = new
    for dispute in data.get("disputes", []):
        dispute["events"] = [new if e == old else e for e in dispute.get("events", [])]
