"""Read and validate a scenario folder into a `Scenario`: all of it, or nothing (ScenarioError).

Readers, validation, the partition check of the area units, and every basemap layer are here; the
loaded types live in `core/scenario.py`. Every problem names its file and the place in it, and all
problems found are reported together, so a broken file is reported when the scenario opens.
"""

from __future__ import annotations

import contextlib
import gc
import json
import operator
import re
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
import orjson
import pydantic
import shapely
import shapely.geometry

from aleppo_desktop.core import limits
from aleppo_desktop.core.control import ControlChange, ControlTable
from aleppo_desktop.core.control_io import Placed, parse_control_csv, parse_control_geojson
from aleppo_desktop.core.errors import Problem, ScenarioError, json_path, one_line
from aleppo_desktop.core.geometry import to_map, to_wgs84
from aleppo_desktop.core.model import BasemapLayer, ScenarioFile, Source
from aleppo_desktop.core.scenario import (
    AreaUnit,
    Basemap,
    BasemapLayers,
    DeferredBasemap,
    Scenario,
)

PARTITION_TOLERANCE_M2 = 1.0  # overlaps and holes smaller than this are rounding, not errors
MAX_POINT_PROBLEMS = 10  # bad points named one by one in a basemap layer; the rest are counted
MAX_OVERLAP_PROBLEMS = 20  # overlapping pairs named; the check stops there (the file is refused)
MAX_NEIGHBOURS = 64  # mean units a unit touches or overlaps, beyond which it is no partition
AREA_ID = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")  # the same ids as scenario.json's (core.model.Id)
# the map is drawn in UTM zone 37N: area units and basemap features must be near it to be measured
MAP_LONGITUDES = (24.0, 54.0)
MAP_LATITUDES = (-80.0, 84.0)


# --- the reader boundary ---------------------------------------------------------------------------


@contextlib.contextmanager
def reading(label: str, problems: list[Problem]) -> Iterator[None]:
    """Turn whatever a library raises while reading `label` into a Problem naming that file.

    The one conversion layer between readers and callers: a ScenarioError adds its problems, any
    other exception (a GEOS, pyproj, numpy or memory error) becomes one line. Callers check
    `problems` afterwards and never see a half-built result.
    """
    try:
        yield
    except ScenarioError as exc:
        problems.extend(exc.problems)
    except MemoryError:
        problems.append(Problem(label, "", "not enough memory to read this file"))
    except RecursionError:
        problems.append(Problem(label, "", "nested too deeply"))
    except Exception as exc:  # the point: no library error escapes a reader
        problems.append(Problem(label, "", f"cannot be read: {_describe(exc)}"))


def _describe(exc: BaseException) -> str:
    text = one_line(str(exc), 200)
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


# --- reading files ---------------------------------------------------------------------------------


def _read_text(path: Path, problems: list[Problem], max_bytes: int) -> str | None:
    """The file's text (UTF-8), or None after naming the problem: missing, not a regular file
    (a device, a FIFO, a folder), larger than `max_bytes`, not UTF-8, or empty."""
    label = str(path)
    try:
        data = limits.read_bounded(path, max_bytes)
    except (OSError, ValueError) as exc:  # ValueError: a NUL byte in the path
        problems.append(_file_problem(label, exc))
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        problems.append(Problem(label, f"line {line}", "not UTF-8 text"))
        return None
    if not text.strip():
        problems.append(Problem(label, "", "file is empty"))
        return None
    return text


def _check_file(path: Path, problems: list[Problem], max_bytes: int) -> bool:
    """Whether `_read_text` would find a regular file of at most `max_bytes` (without reading
    it); False after naming the problem as it would."""
    try:
        limits.check_bounded(path, max_bytes)
    except (OSError, ValueError) as exc:
        problems.append(_file_problem(str(path), exc))
        return False
    return True


def _file_problem(label: str, exc: OSError | ValueError) -> Problem:
    if isinstance(exc, limits.RefusedFileError):
        return Problem(label, "", str(exc))
    reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
    return Problem(label, "", f"cannot read: {reason}")


def parse_json(text: str) -> Any:
    """`json.loads(text)`, by orjson when it reads the text (3-5x faster on coordinate arrays: the
    scenario and area files; basemap layers keep json, see `load_basemap`). What orjson refuses (NaN and Infinity, numbers beyond a double, lone surrogates, nesting deeper
    than 1,024) goes to `json.loads`, so such files read and fail exactly as before. The one
    difference: an integer literal between 2**64 and 1e308 is read as the nearest float."""
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:
        return json.loads(text)


def _read_json(
    path: Path, problems: list[Problem], max_bytes: int, parse: Callable[[str], Any] = parse_json
) -> Any:
    """The parsed JSON (by `parse`, default `parse_json`), or None after naming the problem
    (including a file that is just `null`)."""
    text = _read_text(path, problems, max_bytes)
    if text is None:
        return None
    label = str(path)
    containers = text.count("[") + text.count("{")  # an upper bound, counted before parsing
    if containers > limits.MAX_JSON_CONTAINERS:
        problems.append(
            Problem(
                label,
                "",
                f"too many JSON arrays and objects ({containers:,}; the limit is "
                f"{limits.MAX_JSON_CONTAINERS:,})",
            )
        )
        return None
    try:
        data = parse(text)
    except json.JSONDecodeError as exc:
        problems.append(
            Problem(label, f"line {exc.lineno} column {exc.colno}", f"malformed JSON: {exc.msg}")
        )
        return None
    except RecursionError:
        problems.append(Problem(label, "", "malformed JSON: nested too deeply"))
        return None
    except ValueError as exc:  # e.g. an integer of more than 4,300 digits
        problems.append(Problem(label, "", f"malformed JSON: {_describe(exc)}"))
        return None
    if data is None:
        problems.append(Problem(label, "$", "the file holds only `null`, not a JSON object"))
    return data


def _geometry(data: Any) -> shapely.Geometry:
    """A shapely geometry from a GeoJSON geometry object (ValueError when it is not one)."""
    try:
        with np.errstate(invalid="ignore"):  # NaN coordinates: refused by the caller, by name
            return shapely.geometry.shape(data)
    except (
        AttributeError,
        KeyError,
        IndexError,
        TypeError,
        ValueError,
        OverflowError,  # an integer coordinate too large for a float
        shapely.errors.ShapelyError,  # GEOS errors, an unknown geometry type ("Pint")
    ) as exc:
        raise ValueError(one_line(str(exc), 200) or type(exc).__name__) from None


def _coordinates_problem(geometry: shapely.Geometry) -> str | None:
    """Why a WGS84 geometry cannot be drawn on the map (not finite, not lon/lat, too far from the
    map's projection), or None."""
    xy = shapely.get_coordinates(geometry)
    if not len(xy):
        return None
    (w, e), (s, n) = MAP_LONGITUDES, MAP_LATITUDES
    (x0, y0), (x1, y1) = xy.min(axis=0), xy.max(axis=0)  # NaN stays NaN: fails the test below
    if w <= x0 and x1 <= e and s <= y0 and y1 <= n:  # the common case, in two reductions
        return None
    if not np.isfinite(xy).all():
        return "coordinates must be finite numbers"
    lon, lat = xy[:, 0], xy[:, 1]
    if (np.abs(lon) > 180).any() or (np.abs(lat) > 90).any():
        return "coordinates are not WGS84 [lon, lat]"
    if lon.min() < w or lon.max() > e or lat.min() < s or lat.max() > n:
        return (
            f"lies outside {w:g}..{e:g}°E, {s:g}..{n:g}°N, where the map's projection "
            "(UTM zone 37N) can measure it"
        )
    return None


def _resolve(base: Path, relative: str) -> Path:
    """Where a path in scenario.json points, for naming it (`_referenced_file` checks it)."""
    try:
        return (base.parent / relative).resolve()
    except (OSError, RuntimeError, ValueError):
        return base.parent / relative


def _referenced_file(
    scenario: Path, relative: str, place: str, problems: list[Problem]
) -> Path | None:
    """The file a path in scenario.json names, or None after naming the problem: it must be
    relative, inside the scenario folder once symlinks are followed, and free of NUL bytes (that
    it is a regular file is checked when it is opened)."""
    label = str(scenario)
    if "\0" in relative:
        problems.append(Problem(label, place, "the path contains a NUL byte"))
        return None
    if Path(relative).is_absolute() or Path(relative).drive or relative.startswith(("/", "\\")):
        problems.append(
            Problem(label, place, f"{relative!r} must be relative to the scenario folder")
        )
        return None
    try:
        folder = scenario.parent.resolve()
        target = (scenario.parent / relative).resolve()
    except (OSError, RuntimeError) as exc:  # RuntimeError: a symlink loop
        problems.append(Problem(label, place, f"{relative!r} cannot be resolved: {_describe(exc)}"))
        return None
    if not target.is_relative_to(folder):
        problems.append(
            Problem(label, place, f"{relative!r} leads outside the scenario folder ({target})")
        )
        return None
    return target


# --- validation ------------------------------------------------------------------------------------


def _validate_model(data: Any, label: str, problems: list[Problem]) -> ScenarioFile | None:
    try:
        return ScenarioFile.model_validate(data)
    except pydantic.ValidationError as exc:
        for error in exc.errors():
            message = error["msg"].removeprefix("Value error, ")
            problems.append(Problem(label, json_path(tuple(error["loc"])), message))
    return None


def _duplicates(items: Iterable[str]) -> list[str]:
    return [item for item, count in Counter(items).items() if count > 1]


def _check_references(meta: ScenarioFile, label: str, problems: list[Problem]) -> None:
    """Ids unique; every source reference, faction, event and strength id known; dates in the period."""

    def bad(place: str, message: str) -> None:
        problems.append(Problem(label, place, message))

    for name in ("sources", "factions", "events", "strength", "claims", "basemap", "regions"):
        for dup in _duplicates(item.id for item in getattr(meta, name)):
            bad(f"$.{name}", f"id {dup!r} is used more than once")
    sources = {s.id: s for s in meta.sources}
    briefs = [s.id for s in meta.sources if s.kind == "brief"]
    if len(briefs) != 1:
        bad("$.sources", f"exactly one source must be of kind 'brief' (found {len(briefs)})")
    factions = {f.id for f in meta.factions}
    events = {e.id for e in meta.events}
    strength = {s.id for s in meta.strength}
    period = meta.period

    def check_source(place: str, reference: str) -> None:
        message = source_reference_problem(reference, sources)
        if message:
            bad(place, message)

    def check_faction(place: str, faction: str | None) -> None:
        if faction is not None and faction not in factions:
            bad(place, f"unknown faction {faction!r}")

    def check_date(place: str, day: date | None) -> None:
        if day is not None and not period.start <= day <= period.end:
            bad(place, f"{day} is outside the period {period.start}..{period.end}")

    for i, r in enumerate(meta.relations):
        for j, f in enumerate(r.factions):
            check_faction(f"$.relations[{i}].factions[{j}]", f)
        check_source(f"$.relations[{i}].source", r.source)
    for i, layer in enumerate(meta.basemap):
        check_source(f"$.basemap[{i}].source", layer.source)
    for i, e in enumerate(meta.events):
        check_source(f"$.events[{i}].source", e.source)
        check_date(f"$.events[{i}].date.start", e.date.start)
        check_date(f"$.events[{i}].date.end", e.date.end)
        if e.outcome is not None and e.outcome not in events:
            bad(f"$.events[{i}].outcome", f"unknown event {e.outcome!r}")
    for i, s in enumerate(meta.strength):
        check_source(f"$.strength[{i}].source", s.source)
        check_faction(f"$.strength[{i}].faction", s.faction)
    for i, c in enumerate(meta.claims):
        check_source(f"$.claims[{i}].source", c.source)
        check_faction(f"$.claims[{i}].faction", c.faction)
        check_faction(f"$.claims[{i}].from_faction", c.from_faction)
        check_date(f"$.claims[{i}].start", c.start)
        check_date(f"$.claims[{i}].end", c.end)
        for j, component in enumerate(c.components):
            if component not in strength:
                bad(f"$.claims[{i}].components[{j}]", f"unknown strength estimate {component!r}")
        if c.region is not None and c.region not in {r.id for r in meta.regions}:
            bad(f"$.claims[{i}].region", f"unknown region {c.region!r}")
    _check_version(meta, bad)
    for i, region in enumerate(meta.regions):
        check_source(f"$.regions[{i}].source", region.source)
        for dup in _duplicates(region.areas):
            bad(f"$.regions[{i}].areas", f"area {dup!r} is listed more than once")
    for dup in _duplicates(d.id for d in meta.disputes):
        bad("$.disputes", f"id {dup!r} is used more than once")
    for i, d in enumerate(meta.disputes):
        check_date(f"$.disputes[{i}].date.start", d.date.start if d.date else None)
        check_date(f"$.disputes[{i}].date.end", d.date.end if d.date else None)
        for j, v in enumerate(d.versions):
            check_source(f"$.disputes[{i}].versions[{j}].source", v.source)
        for j, event_id in enumerate(d.events):
            if event_id not in events:
                bad(f"$.disputes[{i}].events[{j}]", f"unknown event {event_id!r}")


def _check_version(meta: ScenarioFile, bad: Callable[[str, str], None]) -> None:
    """Format 1 has no regions, disputes or claim regions; format 2 scopes claims by region, so a
    format 2 claim naming an `enclave_of` anchor is refused with the way to migrate it."""
    if meta.format_version == 1:
        for name in ("regions", "disputes"):
            if getattr(meta, name):
                bad(f"$.{name}", f"{name} need format_version 2 (this file says 1)")
        for i, c in enumerate(meta.claims):
            if c.region is not None:
                bad(f"$.claims[{i}].region", "a claim's region needs format_version 2")
        return
    for i, c in enumerate(meta.claims):
        if c.enclave_of is not None:
            bad(
                f"$.claims[{i}].enclave_of",
                "format 2 scopes a claim by `region`: list the enclave's area units as a region "
                f"and name it here instead of the anchor {c.enclave_of!r}",
            )


def source_reference_problem(reference: str, sources: dict[str, Source]) -> str | None:
    """Why a reference string `ID#LOCATOR` is wrong, or None."""
    source_id, _, locator = reference.partition("#")
    source = sources.get(source_id)
    if source is None:
        return f"unknown source {source_id!r}"
    if source.paragraphs and locator and not (locator.isdigit() and int(locator) > 0):
        return f"paragraph {locator!r} of {source_id!r} is not a positive number"
    return None


def _load_areas(path: Path, problems: list[Problem]) -> tuple[AreaUnit, ...]:
    """The area units in the map CRS, their partition not yet checked (`_partition_beside`)."""
    data = _read_json(path, problems, limits.MAX_AREAS_BYTES)
    if data is None:
        return ()
    return areas_from_geojson(data, str(path), problems, partition=False)[0]


def _partition_beside(
    areas: tuple[AreaUnit, ...], label: str
) -> Callable[[], tuple[bool, list[Problem]]]:
    """`_check_partition` of freshly read units on a worker thread (`_beside`): its GEOS calls
    release the interpreter, so it runs beside the control table's reading and checks (~100 ms
    each at ten times the bundled campaign). The function returned waits for it: whether the units
    form an exact coverage, and the problems found, in the order a synchronous check would have
    named them."""

    def work(areas: tuple[AreaUnit, ...]) -> tuple[bool, list[Problem]]:
        problems: list[Problem] = []
        exact = False
        places = [f"$.features[{i}]" for i in range(len(areas))]  # every unit was kept
        with reading(label, problems):
            exact = _check_partition(areas, places, label, problems)
        return exact, problems

    return _beside(work, areas, "partition check")


@dataclass(frozen=True)
class EditedAreas:
    """The area units of an edited scenario, in order: each item either a unit of the scenario
    edited, unchanged (validated then, so reused as it is), or a GeoJSON feature (WGS84) to
    validate. `exact`: the edited scenario's units formed an exact coverage. `areas_from_geojson`
    checks them as it would the whole file, but validates only the features, and relates only the
    pairs of units they touch (a split or a merge re-checks a few units, not the map)."""

    items: tuple[AreaUnit | dict[str, Any], ...]
    exact: bool


def areas_from_geojson(
    data: Any, label: str, problems: list[Problem], partition: bool = True
) -> tuple[tuple[AreaUnit, ...], bool]:
    """Validate a GeoJSON FeatureCollection of area units (WGS84), or `EditedAreas`, into units in
    the map CRS, and whether they form an exact coverage; problems are appended with `label` as
    their file. `partition=False` (a FeatureCollection): the partition is left to the caller
    (`_partition_beside`), and the flag is False."""
    was_exact: bool | None = None  # known for edited units: their partition was checked
    if isinstance(data, EditedAreas):
        features: Any = list(data.items)
        was_exact = data.exact
    elif not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        problems.append(Problem(label, "$", "not a GeoJSON FeatureCollection"))
        return (), False
    else:
        features = data.get("features")
    if not isinstance(features, list) or not features:
        problems.append(Problem(label, "$.features", "no area units"))
        return (), False
    if len(features) > limits.MAX_AREAS:
        problems.append(
            Problem(
                label,
                "$.features",
                f"{len(features):,} area units; the limit is {limits.MAX_AREAS:,}",
            )
        )
        return (), False
    before = len(problems)
    kept: list[tuple[str, AreaUnit | tuple[dict[str, str], Any], int]] = []  # place, record, at
    vertices = 0

    projecting: Callable[[], np.ndarray] | None = None  # the fresh polygons in the map CRS

    def checked(
        project: bool = False,
    ) -> tuple[list[str], list[AreaUnit | tuple[dict[str, str], shapely.Geometry]]]:
        """The records kept so far with their polygons built and checked: a polygon's problem is
        named after its feature's other problems, as if asked feature by feature. `project`: the
        polygons are also projected to the map CRS (`projecting`), on a worker thread beside the
        validity check (both release the interpreter), to be used if none of them is refused."""
        nonlocal projecting
        fresh = [k for k, (_, r, _) in enumerate(kept) if not isinstance(r, AreaUnit)]
        given = [kept[k][1][1] for k in fresh]  # type: ignore[index]
        parts = [g for g in given if isinstance(g, tuple)]
        built = iter(_build_polygons(parts))
        geometries = np.array([next(built) if isinstance(g, tuple) else g for g in given], object)
        if project and len(geometries) >= BESIDE_MIN_UNITS:
            projecting = _beside(to_map, geometries, "projection")
        reasons = _polygon_problems(geometries)
        records: list[Any] = [r for _, r, _ in kept]
        for k, geometry, reason in reversed(list(zip(fresh, geometries, reasons, strict=True))):
            place, record, at = kept[k]
            if reason:
                problems.insert(at, Problem(label, f"{place}.geometry", reason))
                records[k] = None
            else:
                records[k] = (record[0], geometry)
        places = [p for (p, _, _), r in zip(kept, records, strict=True) if r is not None]
        return places, [r for r in records if r is not None]

    for i, feature in enumerate(features):
        place = f"$.features[{i}]"
        if isinstance(feature, AreaUnit):  # unchanged by an edit: checked when it was read
            record: AreaUnit | tuple[dict[str, str], Any] | None = feature
            vertices += shapely.get_num_coordinates(feature.geometry)
        else:
            record = _area_record(feature, place, label, problems)
            if record is not None:
                vertices += _vertex_count(record[1])
        if vertices > limits.MAX_AREA_VERTICES:
            checked()  # the polygons before this one are named as they were read
            problems.append(
                Problem(
                    label,
                    place,
                    f"the area units have more than {limits.MAX_AREA_VERTICES:,} vertices "
                    "(the limit)",
                )
            )
            return (), False
        if record is not None:
            kept.append((place, record, len(problems)))
    places, records = checked(project=True)
    ids = (r.id if isinstance(r, AreaUnit) else r[0].get("id", "") for r in records)
    for dup in _duplicates(ids):
        problems.append(Problem(label, "$.features", f"area id {dup!r} is used more than once"))
    if len(problems) > before:
        return (), False
    new = [k for k, r in enumerate(records) if not isinstance(r, AreaUnit)]
    if projecting is not None:  # no problem named: every fresh polygon was kept, in order
        projected = projecting()
    else:
        projected = to_map(np.array([records[k][1] for k in new], dtype=object))  # type: ignore[index]
    if not np.isfinite(shapely.get_coordinates(projected)).all():
        problems.append(Problem(label, "$.features", "area units cannot be projected to the map"))
        return (), False
    units: list[AreaUnit | tuple[dict[str, str], shapely.Geometry]] = list(records)
    sizes, rings = shapely.area(projected).tolist(), _rings(projected)
    for k, geometry, area_m2, its_rings in zip(new, projected, sizes, rings, strict=True):
        values = records[k][0]  # type: ignore[index]
        units[k] = AreaUnit(
            values["id"],
            values["name_en"],
            values["name_ar"],
            values["kind"],
            values["source"],
            geometry,
            area_m2 / 1e6,
            its_rings,
        )
    areas = tuple(u for u in units if isinstance(u, AreaUnit))
    if was_exact is None and not partition:
        return areas, False
    if was_exact is None:
        exact = _check_partition(areas, places, label, problems)
    else:
        exact = _check_partition_near(
            areas, np.array(new, dtype=np.intp), was_exact, label, problems, places
        )
    return areas, exact


A = TypeVar("A")
R = TypeVar("R")
BESIDE_MIN_UNITS = 64  # fewer fresh units (an edit, a small file) are projected after their check


def _beside(work: Callable[[A], R], arg: A, name: str) -> Callable[[], R]:
    """Start `work(arg)` on a worker thread called `name`; the function returned waits for its
    result (or raises its exception)."""
    done: list[Any] = []

    def run() -> None:
        try:
            done.append((work(arg), None))
        except BaseException as exc:  # raised again where the result is asked
            done.append((None, exc))

    thread = threading.Thread(target=run, name=name, daemon=True)
    thread.start()

    def result() -> R:
        thread.join()
        value, exc = done[0]
        if exc is not None:
            raise exc
        return value

    return result


def _rings(polygons: np.ndarray) -> list[tuple[np.ndarray, ...]]:
    """`polygon_rings` of each of an array of (multi)polygons, in a few calls for all: every ring
    (exteriors and holes) as an (n, 2) array, for odd-even filling."""
    parts, owner = shapely.get_parts(polygons, return_index=True)
    rings, part = shapely.get_rings(parts, return_index=True)
    xy, ring = shapely.get_coordinates(rings, return_index=True)
    result: list[list[np.ndarray]] = [[] for _ in range(len(polygons))]
    if len(xy):
        bounds = np.flatnonzero(np.diff(ring)) + 1
        owners = owner[part[ring[np.r_[0, bounds]]]].tolist()  # the unit of each ring
        for coordinates, k in zip(np.split(xy, bounds), owners, strict=True):
            result[k].append(coordinates)
    return [tuple(r) for r in result]


Parts = tuple[str, list[list[np.ndarray]]]  # "Polygon"/"MultiPolygon", each part's rings (n, 2)


def geojson_polygon(data: Any) -> shapely.Geometry | None:
    """A GeoJSON Polygon or MultiPolygon of closed rings of [x, y] numbers, built from arrays
    (`shapely.geometry.shape` goes vertex by vertex: ~3x slower); None for anything else, which
    `_geometry` reads (and names what is wrong with it)."""
    parts = _polygon_parts(data)
    return None if parts is None else _build_polygons([parts])[0]


def _polygon_parts(data: Any) -> Parts | None:
    """`geojson_polygon`'s rings as arrays, the polygons not yet built (`_build_polygons` builds
    many at once); None for anything else."""
    if not isinstance(data, dict):
        return None
    kind, coordinates = data.get("type"), data.get("coordinates")
    if kind not in ("Polygon", "MultiPolygon") or not isinstance(coordinates, list):
        return None
    parts = []
    for rings in [coordinates] if kind == "Polygon" else coordinates:
        if not isinstance(rings, list) or not rings:
            return None
        arrays = []
        for ring in rings:
            try:
                xy = np.asarray(ring)
            except ValueError:  # ragged
                return None
            if xy.ndim != 2 or xy.shape[0] < 4 or xy.shape[1] != 2 or xy.dtype.kind not in "if":
                return None
            first, last = xy[0].tolist(), xy[-1].tolist()
            if first[0] != last[0] or first[1] != last[1]:  # not closed (or NaN): shape() reads it
                return None
            arrays.append(xy.astype(float, copy=False))
        parts.append(arrays)
    if not parts:
        return None
    return kind, parts


def _build_polygons(items: list[Parts]) -> list[shapely.Geometry]:
    """The (multi)polygons of `_polygon_parts` results, every part built in one call."""
    if not items:
        return []
    rings = [ring for _, parts in items for part in parts for ring in part]
    ring_ends = np.cumsum([len(ring) for ring in rings])
    part_ends = np.cumsum([len(part) for _, parts in items for part in parts])
    polygons = shapely.from_ragged_array(
        shapely.GeometryType.POLYGON,
        np.concatenate(rings),
        (np.r_[0, ring_ends], np.r_[0, part_ends]),
    )
    out, k = [], 0
    for kind, parts in items:
        n = len(parts)
        out.append(polygons[k] if kind == "Polygon" else shapely.multipolygons(polygons[k : k + n]))
        k += n
    return out


def _area_record(
    feature: Any, place: str, label: str, problems: list[Problem]
) -> tuple[dict[str, str], shapely.Geometry | Parts] | None:
    """One area feature's properties and its (multi)polygon, or its rings still to be built
    (`_polygon_parts`), or None after naming its problems (whether the polygon is valid is asked
    once the vertices are counted: `_polygon_problems`)."""
    props = feature.get("properties") if isinstance(feature, dict) else None
    if not isinstance(props, dict):
        problems.append(Problem(label, f"{place}.properties", "missing properties"))
        return None
    values = {}
    for key in ("id", "name_en", "name_ar", "kind", "source"):
        value = props.get(key)
        if not isinstance(value, str) or (key != "name_ar" and not value.strip()):
            problems.append(Problem(label, f"{place}.properties.{key}", "missing text"))
        elif limits.text_problem(value) or len(value) > 4000:
            reason = limits.text_problem(value) or "is longer than 4,000 characters"
            problems.append(Problem(label, f"{place}.properties.{key}", reason))
        elif key == "id" and not AREA_ID.match(value.strip()):
            problems.append(
                Problem(
                    label,
                    f"{place}.properties.id",
                    f"{value!r} is not an id (lower-case letters, digits, '_', '.', '-')",
                )
            )
        else:
            values[key] = value.strip()
    raw = feature.get("geometry")
    parts = None if raw is None else _polygon_parts(raw)
    if parts is not None:
        return values, parts  # built with the others (`_build_polygons`)
    try:
        geometry = None if raw is None else _geometry(raw)
    except ValueError as exc:
        problems.append(Problem(label, f"{place}.geometry", f"unreadable geometry: {exc}"))
        return None
    if (
        geometry is None
        or geometry.geom_type not in ("Polygon", "MultiPolygon")
        or geometry.is_empty
    ):
        kind = "nothing" if geometry is None else geometry.geom_type
        problems.append(
            Problem(label, f"{place}.geometry", f"must be a Polygon or MultiPolygon, not {kind}")
        )
        return None
    return values, geometry


def _vertex_count(geometry: shapely.Geometry | Parts) -> int:
    if isinstance(geometry, tuple):
        return sum(len(ring) for part in geometry[1] for ring in part)
    return int(shapely.get_num_coordinates(geometry))


def _polygon_problems(geometries: np.ndarray) -> list[str | None]:
    """`_polygon_problem` of each of an array of WGS84 (multi)polygons, in a few calls for all:
    the extents in one pass, validity in one call; a unit failing either is asked again alone,
    for the reason."""
    n = len(geometries)
    if not n:
        return []
    xy, owner = shapely.get_coordinates(geometries, return_index=True)
    counts = np.bincount(owner, minlength=n)
    ok = counts > 0
    if len(xy):
        starts = np.minimum(np.searchsorted(owner, np.arange(n)), len(xy) - 1)
        low, high = np.minimum.reduceat(xy, starts), np.maximum.reduceat(xy, starts)
        (w, e), (s, north) = MAP_LONGITUDES, MAP_LATITUDES
        ok &= (w <= low[:, 0]) & (high[:, 0] <= e) & (s <= low[:, 1]) & (high[:, 1] <= north)
    valid = np.zeros(n, dtype=bool)
    valid[ok] = shapely.is_valid(geometries[ok])
    return [None if valid[k] else _polygon_problem(geometries[k]) for k in range(n)]


def _polygon_problem(geometry: shapely.Geometry) -> str | None:
    """Why an area unit's WGS84 polygon cannot be used (off the map, invalid), or None."""
    where = _coordinates_problem(geometry)
    if where:
        return where
    if not geometry.is_valid:
        return f"invalid polygon: {shapely.is_valid_reason(geometry)}"
    return None


def _check_partition_near(
    areas: tuple[AreaUnit, ...],
    changed: np.ndarray,
    was_exact: bool,
    label: str,
    problems: list[Problem],
    places: list[str],
) -> bool:
    """`_check_partition` of units edited from a checked partition, where `changed` (indices) are
    new or changed: only pairs with one of them can overlap or mismatch, the rest were checked
    before. Holes are looked for in the whole union (a coverage union is cheap)."""
    geometries = np.array([a.geometry for a in areas], dtype=object)
    if not len(changed):
        exact = was_exact
    else:
        if _report_overlaps(areas, geometries, places, label, problems, rows=changed):
            return False
        if was_exact:  # pairs of unchanged units matched: check those with a changed one
            _, touching = shapely.STRtree(geometries).query(
                geometries[changed], predicate="intersects"
            )
            near = np.union1d(changed, touching)
            exact = bool(shapely.coverage_is_valid(geometries[near]))
        else:
            exact = bool(shapely.coverage_is_valid(geometries))
    if exact:
        _report_holes(shapely.coverage_union_all(geometries), label, problems)
    else:
        _report_holes(shapely.union_all(geometries), label, problems)
    return exact


def _check_partition(
    areas: tuple[AreaUnit, ...], places: list[str], label: str, problems: list[Problem]
) -> bool:
    """The units must tile their union: no overlaps and no holes (beyond rounding).

    Returns whether they form an exact coverage (shared edges match vertex for vertex), which lets
    the frame builder find shared boundaries by matching segments instead of by overlay.
    """
    geometries = np.array([a.geometry for a in areas], dtype=object)
    # a valid coverage has no overlaps: when the units touch few enough others (the coverage check
    # is quadratic on stacked copies), it settles them at once, without relating every pair
    if _few_touching_pairs(geometries, MAX_NEIGHBOURS * len(areas) + 10_000) and (
        shapely.coverage_is_valid(geometries)
    ):
        _report_holes(shapely.coverage_union_all(geometries), label, problems)
        return True
    # overlaps first, on the spatial index, named pair by pair
    if _report_overlaps(areas, geometries, places, label, problems):
        return False
    if shapely.coverage_is_valid(geometries):  # edges match: the fast union then shows any holes
        _report_holes(shapely.coverage_union_all(geometries), label, problems)
        return True
    _report_holes(shapely.union_all(geometries), label, problems)
    return False


def _few_touching_pairs(geometries: np.ndarray, budget: int) -> bool:
    """Whether at most `budget` pairs of units have overlapping bounds (so at most that many
    intersect), counted on a spatial index a few units at a time (stopping once over: stacked
    copies make pairs quadratic)."""
    tree = shapely.STRtree(geometries)
    pairs = 0
    for first in range(0, len(geometries), 256):
        left, right = tree.query(geometries[first : first + 256])
        pairs += int((left + first < right).sum())
        if pairs > budget:
            return False
    return True


def _report_overlaps(
    areas: tuple[AreaUnit, ...],
    geometries: np.ndarray,
    places: list[str],
    label: str,
    problems: list[Problem],
    rows: np.ndarray | None = None,
) -> bool:
    """Name pairs of units whose interiors share more than PARTITION_TOLERANCE_M2 (an overlap, a
    unit inside another, an exact duplicate); returns whether any was found. With `rows` (unit
    indices), only the pairs with one of those units (the others were checked before an edit).

    Candidates come from a spatial index, a few units at a time, so the cost follows the pairs that
    touch (a handful per unit in a partition); the check stops after MAX_OVERLAP_PROBLEMS pairs, or
    when units touch far more others than any partition does (thousands of stacked copies).
    """
    tree = shapely.STRtree(geometries)
    found = 0
    pairs = 0
    budget = MAX_NEIGHBOURS * len(areas) + 10_000
    chunk = 64
    every = rows is None
    rows = np.arange(len(geometries)) if rows is None else np.asarray(rows, dtype=np.intp)
    asked = np.zeros(len(geometries), dtype=bool)
    asked[rows] = True
    for first in range(0, len(rows), chunk):
        batch = rows[first : first + chunk]
        left, right = tree.query(geometries[batch], predicate="intersects")
        left = batch[left]
        # each pair once: from its lower unit, or from the asked one when the other is not asked
        keep = (left < right) if every else (left != right) & ((left < right) | ~asked[right])
        left, right = np.minimum(left, right)[keep], np.maximum(left, right)[keep]
        pairs += len(left)
        if pairs > budget:
            problems.append(
                Problem(
                    label,
                    places[int(batch[0])],
                    f"area units touch or overlap {pairs:,} others; they do not tile the map "
                    "(area units must not overlap)",
                )
            )
            return True
        if not len(left):
            continue
        inside = shapely.relate_pattern(geometries[left], geometries[right], "T********")
        left, right = left[inside], right[inside]
        if not len(left):
            continue
        overlap = shapely.area(shapely.intersection(geometries[left], geometries[right]))
        for i, j, a in zip(left, right, overlap, strict=True):
            if a <= PARTITION_TOLERANCE_M2:
                continue
            problems.append(Problem(label, places[i], _overlap_message(areas[i], areas[j], a)))
            found += 1
            if found >= MAX_OVERLAP_PROBLEMS:
                problems.append(
                    Problem(
                        label, "$.features", "and possibly more overlaps (the check stops here)"
                    )
                )
                return True
    return found > 0


def _overlap_message(a: AreaUnit, b: AreaUnit, overlap_m2: float) -> str:
    if abs(a.area_km2 - b.area_km2) * 1e6 <= PARTITION_TOLERANCE_M2 and (
        abs(overlap_m2 - a.area_km2 * 1e6) <= PARTITION_TOLERANCE_M2
    ):
        return f"area {a.id} and {b.id} are the same polygon"
    for inner, outer in ((a, b), (b, a)):
        if abs(overlap_m2 - inner.area_km2 * 1e6) <= PARTITION_TOLERANCE_M2:
            return f"area {inner.id} lies inside {outer.id}"
    return f"area {a.id} overlaps {b.id} by {overlap_m2:.0f} m²"


def _report_holes(union: shapely.Geometry, label: str, problems: list[Problem]) -> None:
    for part in shapely.get_parts(union):
        for ring in part.interiors:
            hole = shapely.Polygon(ring)
            if hole.area > PARTITION_TOLERANCE_M2:
                x, y = hole.representative_point().coords[0]
                problems.append(
                    Problem(
                        label,
                        "$.features",
                        f"gap of {hole.area:.0f} m² between area units near {_lonlat(x, y)}",
                    )
                )


def _lonlat(x: float, y: float) -> str:
    point = to_wgs84(shapely.Point(x, y))
    return f"lon {point.x:.5f}, lat {point.y:.5f}"


def _load_control(path: Path, problems: list[Problem]) -> list[Placed]:
    label = str(path)
    if path.suffix.lower() in (".geojson", ".json"):
        data = _read_json(path, problems, limits.MAX_CONTROL_BYTES)
        if data is None:
            return []
        rows, found = parse_control_geojson(data, label)
    else:
        text = _read_text(path, problems, limits.MAX_CONTROL_BYTES)
        if text is None:
            return []
        rows, found = parse_control_csv(text, label)
    problems.extend(found)
    return rows


def _check_control(
    rows: list[Placed],
    meta: ScenarioFile,
    area_ids: list[str],
    label: str,
    problems: list[Problem],
    coverage: bool = True,
) -> None:
    """Check what the rows refer to; with `coverage`, also that every area has a row on the start."""
    sources = {s.id: s for s in meta.sources}
    factions = {f.id for f in meta.factions}
    known_areas = set(area_ids)
    start, end = meta.period.start, meta.period.end
    last: dict[str, ControlChange] = {}
    first: dict[str, tuple[str, date]] = {}
    for place, c in rows:

        def bad(message: str, place: str = place) -> None:
            problems.append(Problem(label, place, message))

        if c.area_id not in known_areas:
            bad(f"unknown area {c.area_id!r}")
        if c.faction not in factions:
            bad(f"unknown faction {c.faction!r}")
        message = source_reference_problem(c.source, sources)
        if message:
            bad(message)
        if not start <= c.date <= end:
            bad(f"{c.date} is outside the period {start}..{end}")
        previous = last.get(c.area_id)
        if c.until is not None:
            if meta.format_version < 2:
                bad(
                    f"{c.area_id}: a change dated by a window (until {c.until}) needs "
                    "format_version 2"
                )
            if not start <= c.until <= end:
                bad(f"until {c.until} is outside the period {start}..{end}")
            if previous is None:
                bad(f"{c.area_id}: the first row of an area cannot have a window (until)")
            elif previous.faction == c.faction:
                bad(
                    f"{c.area_id}: a window (until) dates a change of holder, but "
                    f"{c.faction} already holds it"
                )
        if previous is not None and c.date <= previous.held_from:
            what = "its previous row" if previous.until is None else "the end of its window"
            bad(
                f"{c.area_id}: {c.date} is not after {what} ({previous.held_from}); rows of an "
                "area must be in date order"
            )
        last[c.area_id] = c
        first.setdefault(c.area_id, (place, c.date))
    if not coverage:
        return  # the file's own problems lost rows: "no rows" for their areas would only be noise
    for area_id in area_ids:
        if area_id not in first:
            problems.append(Problem(label, "", f"area {area_id} has no control rows"))
        elif first[area_id][1] != start:
            place, day = first[area_id]
            problems.append(
                Problem(
                    label,
                    place,
                    f"area {area_id} has no holder on the period start {start} (first row {day})",
                )
            )


def load_basemap(layer: BasemapLayer, path: Path) -> Basemap:
    """Read one basemap layer (GeoJSON, WGS84) into the map CRS; ScenarioError when unreadable."""
    problems: list[Problem] = []
    label = str(path)
    # json, not orjson: the bundled damage layer (14,000 points) read by orjson left the app's
    # peak memory ~20 MB higher (bench/startup_bench.py), for ~25 ms of load
    data = _read_json(path, problems, limits.MAX_BASEMAP_BYTES, json.loads)
    features = data.get("features") if isinstance(data, dict) else None
    if data is not None and not isinstance(features, list):
        problems.append(
            Problem(label, "$", f"basemap layer {layer.id} is not a GeoJSON FeatureCollection")
        )
    if problems or not isinstance(features, list):
        raise ScenarioError(problems)
    if len(features) > limits.MAX_BASEMAP_FEATURES:
        message = f"{len(features):,} features; the limit is {limits.MAX_BASEMAP_FEATURES:,}"
        raise ScenarioError([Problem(label, "$.features", message)])
    points = _point_layer(features)
    if points is not None:  # the common case, without a Python step a feature
        xy = _point_lonlats(points[1], range(len(features)), label, problems)
        if xy is None:
            raise ScenarioError(problems)
        return Basemap(layer, to_map(shapely.points(xy)), tuple(points[0]))
    properties: list[dict[str, Any]] = []
    shape_rows: list[int] = []  # index in `geometries` of each geometry that is not a point
    shape_features: list[int] = []  # index in the file's features of each of them
    geometries: list[shapely.Geometry | None] = []
    point_rows: list[int] = []  # index in `geometries` of each point
    point_features: list[int] = []  # index in the file's features of each point
    point_xy: list[Any] = []
    texts_ok = _texts_ok(features)  # one check of all the texts; one by one only when one is bad
    for i, feature in enumerate(features):
        geometry = feature.get("geometry") if isinstance(feature, dict) else None
        if not isinstance(geometry, dict):
            problems.append(Problem(label, f"$.features[{i}].geometry", "missing geometry"))
            continue
        props = feature.get("properties")
        props = props if isinstance(props, dict) else {}
        for key, value in () if texts_ok else props.items():
            reason = limits.text_problem(value) if isinstance(value, str) else None
            if reason:
                problems.append(Problem(label, f"$.features[{i}].properties.{key}", reason))
        properties.append(props)
        if geometry.get("type") == "Point":  # the common case, built in one call below
            point_rows.append(len(geometries))
            point_features.append(i)
            point_xy.append(geometry.get("coordinates"))
            geometries.append(None)
            continue
        try:
            shape = _geometry(geometry)
        except ValueError as exc:
            problems.append(
                Problem(label, f"$.features[{i}].geometry", f"unreadable geometry: {exc}")
            )
            continue
        shape_rows.append(len(geometries))
        shape_features.append(i)
        geometries.append(shape)
    if shape_rows:
        _check_shapes([geometries[k] for k in shape_rows], shape_features, label, problems)
    if point_rows:
        xy = _point_lonlats(point_xy, point_features, label, problems)
        if xy is not None:
            for row, point in zip(point_rows, shapely.points(xy), strict=True):
                geometries[row] = point
    if problems:
        raise ScenarioError(problems)
    return Basemap(layer, to_map(np.array(geometries, dtype=object)), tuple(properties))


def _point_layer(features: list[Any]) -> tuple[list[dict[str, Any]], list[Any]] | None:
    """(properties, coordinates) of a layer whose features are all points with dict properties
    and no bad text, gathered in a few passes over all of them (~3x faster than `load_basemap`'s
    loop a feature on the bundled damage layer's 14,000 points); None for any other layer, which
    that loop reads and names the problems of."""
    try:  # each pass a C loop (a dict.values of anything but a dict is a TypeError)
        geometries = list(map(operator.itemgetter("geometry"), features))
        if set(map(operator.itemgetter("type"), geometries)) != {"Point"}:
            return None
        properties = list(map(operator.itemgetter("properties"), features))
        values = set().union(*map(dict.values, properties))
        coordinates = list(map(operator.itemgetter("coordinates"), geometries))
    except (KeyError, TypeError):  # not dicts, or unhashable values
        return None
    if not _texts_clean([value for value in values if isinstance(value, str)]):
        return None
    return properties, coordinates


def _texts_ok(features: list[Any]) -> bool:
    """Whether no text property of any feature has a `limits.text_problem`, checked on all of them
    together (a newline, which joins them, is allowed text)."""
    texts = [
        value
        for feature in features
        if isinstance(feature, dict) and isinstance(props := feature.get("properties"), dict)
        for value in props.values()
        if isinstance(value, str)
    ]
    return _texts_clean(texts)


def _texts_clean(texts: list[str]) -> bool:
    """Whether none of these texts has a `limits.text_problem`, asked of all of them together (a
    newline, which joins them, is allowed text)."""
    return not texts or (
        max(map(len, texts)) <= limits.MAX_TEXT_CHARS
        and limits.CONTROL_CHARACTERS.search("\n".join(texts)) is None
    )


def _check_shapes(
    shapes: list[shapely.Geometry], features: list[int], label: str, problems: list[Problem]
) -> None:
    """Vertex count and coordinates of a layer's non-point geometries, all at once: finite WGS84
    lon/lat near the map's projection; the first bad features are named, the rest counted."""
    array = np.array(shapes, dtype=object)
    vertices = int(shapely.get_num_coordinates(array).sum())
    if vertices > limits.MAX_BASEMAP_VERTICES:
        message = f"{vertices:,} vertices; the limit is {limits.MAX_BASEMAP_VERTICES:,}"
        problems.append(Problem(label, "$.features", message))
        return
    xy, index = shapely.get_coordinates(array, return_index=True)
    if not len(xy):
        return
    (w, e), (s, n) = MAP_LONGITUDES, MAP_LATITUDES
    with np.errstate(invalid="ignore"):
        ok = np.isfinite(xy).all(axis=1)
        ok &= (xy[:, 0] >= w) & (xy[:, 0] <= e) & (xy[:, 1] >= s) & (xy[:, 1] <= n)
    # not np.unique: without indices it imports numpy.ma (~60 ms CPU) on its first call, which
    # was the start-up's (its first frame's) when the shown layers have lines
    bad = sorted(set(index[~ok].tolist()))
    for k in bad[:MAX_POINT_PROBLEMS]:
        place = f"$.features[{features[k]}].geometry"
        problems.append(Problem(label, place, _coordinates_problem(shapes[k]) or "bad coordinates"))
    if len(bad) > MAX_POINT_PROBLEMS:
        more = len(bad) - MAX_POINT_PROBLEMS
        problems.append(Problem(label, "$.features", f"and {more} more bad geometries"))


def _point_lonlats(
    coordinates: list[Any], features: Sequence[int], label: str, problems: list[Problem]
) -> np.ndarray | None:
    """The (n, 2) lon/lat of GeoJSON point coordinates, or None after naming each bad feature."""
    try:  # no dtype: text or null must not be converted to numbers silently
        xy = np.asarray(coordinates)
    except ValueError:  # ragged
        xy = np.empty((0, 0))
    bad: list[int] = []
    message = ""
    if xy.ndim != 2 or xy.shape[1] not in (2, 3) or xy.dtype.kind not in "iuf":
        # ragged, or not all numbers: check one by one
        bad = [k for k, c in enumerate(coordinates) if not _is_position(c)]
        if not bad:  # positions of 2 and 3 numbers mixed
            xy = np.array([c[:2] for c in coordinates], dtype=float)
        message = "point coordinates must be [lon, lat] numbers"
    if not bad:
        lon, lat = xy[:, 0], xy[:, 1]
        ok = np.isfinite(lon) & np.isfinite(lat) & (np.abs(lon) <= 180) & (np.abs(lat) <= 90)
        bad = np.flatnonzero(~ok).tolist()
        message = "point is not a WGS84 [lon, lat]"
    for k in bad[:MAX_POINT_PROBLEMS]:
        place = f"$.features[{features[k]}].geometry.coordinates"
        problems.append(Problem(label, place, f"{message}: {coordinates[k]!r}"))
    if len(bad) > MAX_POINT_PROBLEMS:
        more = len(bad) - MAX_POINT_PROBLEMS
        problems.append(Problem(label, "$.features", f"and {more} more bad points"))
    return None if bad else xy[:, :2]


def _is_position(value: Any) -> bool:
    """A GeoJSON position: a list of 2 or 3 numbers (not booleans)."""
    return (
        isinstance(value, list)
        and len(value) in (2, 3)
        and all(isinstance(v, int | float) and not isinstance(v, bool) for v in value)
    )


def load_scenario(path: Path | str, every_layer: bool = False) -> Scenario:
    """Load and validate a scenario (its `scenario.json` or the folder holding it): the Scenario,
    or ScenarioError naming every problem found, whatever the file holds.

    Hidden basemap layers are only checked to be there (a regular file within its size limit)
    and read when first asked for (`BasemapLayers`), unless `every_layer` (the `validate`
    command): then they are read and checked with the rest."""
    path = Path(path)
    problems: list[Problem] = []
    scenario: Scenario | None = None
    with reading(str(path), problems), _no_cycle_collection():
        if path.is_dir():
            path = path / "scenario.json"
        scenario = _load(path, problems, every_layer)
    if problems or scenario is None:
        raise ScenarioError(problems or [Problem(str(path), "", "could not be loaded")])
    return scenario


@contextlib.contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """The cycle collector paused: parsed JSON is hundreds of thousands of containers without
    cycles, and each of its generation-2 passes walks every object of the process (in the app,
    Qt's too): ~40 ms of the bundled scenario's ~170 ms load."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _load(path: Path, problems: list[Problem], every_layer: bool) -> Scenario | None:
    label = str(path)
    data = _read_json(path, problems, limits.MAX_SCENARIO_BYTES)
    if data is None:
        return None
    # The area units are read first, so that their partition (the longest check: ~125 ms at ten
    # times the bundled campaign) is checked on a worker thread beside scenario.json's validation
    # and the control table. Their problems are named after scenario.json's, and not at all when
    # scenario.json is refused, as if they were read after it.
    named = data.get("area_units") if isinstance(data, dict) else None
    area_problems: list[Problem] = []
    areas: tuple[AreaUnit, ...] = ()
    areas_path = None
    if isinstance(named, str):  # else refused by the validation
        areas_path = _referenced_file(path, named, "$.area_units", area_problems)
        if areas_path is not None:
            with reading(str(areas_path), area_problems):
                areas = _load_areas(areas_path, area_problems)
    partition = _partition_beside(areas, str(areas_path)) if areas else None
    try:
        meta = None
        with reading(label, problems):
            meta = _validate_model(data, label, problems)
            if meta is not None:
                _check_references(meta, label, problems)
        if meta is None:
            return None
        problems.extend(area_problems)
        partition_at = len(problems)  # where its problems go
        rest = _load_rest(path, meta, areas, problems, every_layer)
    finally:
        exact_coverage, partition_problems = partition() if partition else (False, [])
    problems[partition_at:partition_at] = partition_problems
    if problems or rest is None:
        return None
    return Scenario(path, meta, areas, rest[0], exact_coverage, rest[1])


def _load_rest(
    path: Path,
    meta: ScenarioFile,
    areas: tuple[AreaUnit, ...],
    problems: list[Problem],
    every_layer: bool,
) -> tuple[ControlTable, BasemapLayers] | None:
    """`_load` after the area units (while their partition is checked): the control table, the
    references to units, the basemaps (hidden ones deferred unless `every_layer`)."""
    label = str(path)
    control_path = _referenced_file(path, meta.control, "$.control", problems)
    rows: list[Placed] = []
    if control_path is not None:
        before = len(problems)
        with reading(str(control_path), problems):
            rows = _load_control(control_path, problems)
        control_read = len(problems) == before
        if areas:
            _check_control(
                rows,
                meta,
                [a.id for a in areas],
                str(control_path),
                problems,
                coverage=control_read,
            )
    if areas:
        _check_area_references(meta, areas, label, problems)
    basemaps: dict[str, Basemap | DeferredBasemap] = {}
    for i, layer in enumerate(meta.basemap):
        layer_path = _referenced_file(path, layer.path, f"$.basemap[{i}].path", problems)
        if layer_path is None:
            continue
        if layer.visible or every_layer:
            with reading(str(layer_path), problems):
                basemaps[layer.id] = load_basemap(layer, layer_path)
        elif _check_file(layer_path, problems, limits.MAX_BASEMAP_BYTES):
            basemaps[layer.id] = DeferredBasemap(_deferred_reader(layer, layer_path))
    if problems:
        return None
    changes: list[ControlChange] = [c for _, c in rows]
    control = ControlTable(changes, [a.id for a in areas], [f.id for f in meta.factions])
    return control, BasemapLayers(basemaps)


def _deferred_reader(layer: BasemapLayer, path: Path) -> Callable[[], Basemap]:
    """`load_basemap` of a hidden layer, for when it is first asked for: whatever goes wrong is a
    ScenarioError naming the file, as it would have been at load."""

    def read() -> Basemap:
        problems: list[Problem] = []
        basemap = None
        with reading(str(path), problems), _no_cycle_collection():
            basemap = load_basemap(layer, path)
        if problems or basemap is None:
            raise ScenarioError(problems or [Problem(str(path), "", "could not be loaded")])
        return basemap

    return read


def _check_area_references(
    meta: ScenarioFile, areas: tuple[AreaUnit, ...], label: str, problems: list[Problem]
) -> None:
    """Regions, claims and event locations name known area units."""
    known = {a.id for a in areas}
    for i, region in enumerate(meta.regions):
        for j, area_id in enumerate(region.areas):
            if area_id not in known:
                problems.append(
                    Problem(label, f"$.regions[{i}].areas[{j}]", f"unknown area {area_id!r}")
                )
    for i, c in enumerate(meta.claims):
        if c.enclave_of is not None and c.enclave_of not in known:
            problems.append(
                Problem(label, f"$.claims[{i}].enclave_of", f"unknown area {c.enclave_of!r}")
            )
    for i, e in enumerate(meta.events):
        for j, area_id in enumerate((e.location.areas or []) if e.location else []):
            if area_id not in known:
                problems.append(
                    Problem(
                        label, f"$.events[{i}].location.areas[{j}]", f"unknown area {area_id!r}"
                    )
                )


def build_scenario(
    path: Path,
    data: Any,
    areas: tuple[tuple[AreaUnit, ...], bool] | dict[str, Any] | EditedAreas,
    changes: Sequence[ControlChange],
    basemaps: Mapping[str, Basemap],
) -> Scenario:
    """Validate a scenario held in memory (an edited one) exactly as `load_scenario` validates its
    files: `data` is the scenario.json object (or the unchanged `ScenarioFile` of the scenario
    edited, already checked), `areas` either a GeoJSON FeatureCollection (WGS84) to
    validate, `EditedAreas` (a few of them new), or already validated units with their
    exact-coverage flag, `changes` the control rows
    (checked as `control.csv` rows, named `row N` in file order), `basemaps` the loaded layers.
    ScenarioError lists every problem; nothing is half-built."""
    path = Path(path)
    label = str(path)
    problems: list[Problem] = []
    if isinstance(data, ScenarioFile):  # validated and checked when it was built: unchanged
        meta: ScenarioFile | None = data
    else:
        meta = _validate_model(data, label, problems)
        if meta is None:
            raise ScenarioError(problems)
        _check_references(meta, label, problems)
    assert meta is not None
    if isinstance(areas, dict | EditedAreas):
        units, exact_coverage = areas_from_geojson(
            areas, str(_resolve(path, meta.area_units)), problems
        )
    else:
        units, exact_coverage = areas
    if units:
        rows = [(f"row {k + 1}", c) for k, c in enumerate(changes)]
        control_label = str(_resolve(path, meta.control))
        _check_control(rows, meta, [a.id for a in units], control_label, problems)
        _check_area_references(meta, units, label, problems)
    missing = [layer.id for layer in meta.basemap if layer.id not in basemaps]
    for layer_id in missing:
        problems.append(Problem(label, "$.basemap", f"basemap layer {layer_id!r} is not loaded"))
    if problems:
        raise ScenarioError(problems)
    control = ControlTable(list(changes), [a.id for a in units], [f.id for f in meta.factions])
    layers = BasemapLayers.select(basemaps, [layer.id for layer in meta.basemap])
    return Scenario(path, meta, units, control, exact_coverage, layers)
