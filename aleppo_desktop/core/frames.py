"""What the map looks like at an instant: holders per area, sweeping transitions, front lines, metrics.

The work is split so that a frame only looks things up:
- once per scenario: the adjacency of area units (shared boundaries, their lengths);
- once per transition step, on demand: the captured and remaining parts of a changing area and the
  front inside it, kept as coordinate arrays in a cache bounded by `SWEEP_CACHE_BYTES` (least recently
  used first out). A frame that needs a step nobody computed computes that one step (1/`STEPS` of the
  sweep); `prefetch_loop` computes whole sweeps around the playhead (`follow`) on a background thread;
- per frame: a bisection for the state, array masks for the front lines and a bincount for areas.

While an area changes hands (the `tween_days` before its change date, or the whole window `date`..`until`
of a change dated by a window), a straight front sweeps across it from the side that faces the
attacker's territory, in `STEPS` steps. During a window both parts are drawn in the `uncertain` style.

A change of style without a sweep (claimed -> confirmed, and an uncertain window opening or closing)
cross-fades over the same `tween_days` before it (never reaching back past the area's previous
change): the frame gives, per area, the style it is fading into and how far (`status_to`,
`status_blend`, in `STATUS_LEVELS` steps), so no style flips in one frame.

Every frame also carries the figures of each region (`Scenario.regions`): km² per faction and km of
front, computed with the whole-map figures in the same pass.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import math
import threading
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import shapely

from aleppo_desktop.core.cutting import (
    cut_polygons,
    line_lengths,
    ranges,
    ring_areas,
    side_parts,
    starts,
)
from aleppo_desktop.core.geometry import (
    line_parts,
    line_parts_packed,
)
from aleppo_desktop.core.lru import LruCache
from aleppo_desktop.core.model import CONFIDENCES, STYLES, UNCERTAIN
from aleppo_desktop.core.timeline import day_number

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from aleppo_desktop.core.scenario import AreaUnit, Scenario

STEPS = 48  # steps of a sweep; at 1 day per second and 60 fps a step lasts under a frame
EDGE_SNAP_M = 0.05  # boundaries closer than this are shared (absorbs projection rounding)
ZONE_CACHE_SIZE = 64
SWEEP_CACHE_BYTES = 64 * 2**20
"""Ceiling of the sweep cache (coordinate arrays and their objects, estimated): at the 10x benchmark
scenario (~215 kB a sweep, ~140 kB of it arrays) about 300 sweeps, one to two weeks of its campaign
around the playhead."""
PREFETCH_BEHIND_DAYS = (
    1.0  # the prefetch computes the sweeps of [playhead - this, playhead + AHEAD]
)
PREFETCH_AHEAD_DAYS = 6.0
STATUS_LEVELS = 24  # steps of a status cross-fade (each level is one look of the fills)
NEAR_STEPS = 4  # a step this close to a computed one of the same sweep: time is moving through it
SCRUB_JUMP_DAYS = 0.5  # a playhead move longer than this is a scrub (playing moves by ~1/60 day)
SCRUB_PAUSE_S = 0.25
AHEAD_FRAMES = 90  # `compute_ahead` keeps this many frames of an export ahead of its drawing
AHEAD_BATCH = 8  # frames whose sweep steps `compute_ahead` computes in one go
# transitions whose turned area and edges are kept (~3.7 kB each: ten times the campaign, 3,103
# transitions, ~11.5 MB; turning ~0.1 ms each, ~13 a random scrub frame there)
TURNED_CACHE_SIZE = 4096
_OBJECT_BYTES = 120  # per array or small object, for the cache's size estimate


@dataclass(frozen=True)
class Piece:
    """Part of an area held by one faction while the area is being swept, stored compactly: its
    rings' vertices end to end, where each ring ends, and how many rings each polygon has (shell
    first)."""

    area_index: int
    faction: int
    confidence: int
    coords: np.ndarray  # (n, 2)
    ring_ends: np.ndarray  # end offset of each ring in coords
    polygon_rings: np.ndarray  # rings per polygon
    area_km2: float

    @property
    def rings(self) -> tuple[np.ndarray, ...]:
        """Every ring (shells and holes) as an (n, 2) array, for odd-even filling."""
        bounds = [0, *self.ring_ends.tolist()]
        return tuple(self.coords[a:b] for a, b in itertools.pairwise(bounds))  # views, as np.split

    @property
    def geometry(self) -> shapely.Geometry:
        """The piece as a (multi)polygon, rebuilt from its arrays (for zones and tests)."""
        rings = self.rings
        polygons, first = [], 0
        for count in self.polygon_rings.tolist():
            polygons.append(shapely.Polygon(rings[first], rings[first + 1 : first + count]))
            first += count
        if not polygons:
            return shapely.Polygon()
        return polygons[0] if len(polygons) == 1 else shapely.MultiPolygon(polygons)

    @property
    def nbytes(self) -> int:
        return (
            self.coords.nbytes
            + self.ring_ends.nbytes
            + self.polygon_rings.nbytes
            + 4 * _OBJECT_BYTES
        )


def _polygon_rings(
    geometries: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The rings of each geometry's polygonal parts (overlay results: slivers that became lines or
    points are dropped), in a few vectorised calls: their vertices end to end (rings closed), each
    ring's vertex count, owner (geometry index), polygon (numbered across all) and shell flag;
    polygon after polygon, shell first, owner after owner."""
    parts, owner = shapely.get_parts(geometries, return_index=True)
    nested = shapely.get_type_id(parts) >= 4  # a multi-part member of a collection
    if nested.any():
        inner, inner_owner = shapely.get_parts(parts[nested], return_index=True)
        parts = np.concatenate([parts[~nested], inner])
        owner = np.concatenate([owner[~nested], owner[nested][inner_owner]])
        order = np.argsort(owner, kind="stable")
        parts, owner = parts[order], owner[order]
    keep = (shapely.get_type_id(parts) == 3) & ~shapely.is_empty(parts)
    parts, owner = parts[keep], owner[keep]
    if not len(parts):
        empty = np.zeros(0, np.intp)
        return np.zeros((0, 2)), empty, empty, empty, np.zeros(0, bool)
    _, coords, (ring_offsets, polygon_offsets) = shapely.to_ragged_array(parts)
    polygon = np.repeat(np.arange(len(parts)), np.diff(polygon_offsets))
    shell = np.zeros(len(polygon), dtype=bool)
    shell[polygon_offsets[:-1]] = True
    return coords, np.diff(ring_offsets), owner[polygon], polygon, shell


def _packed_pieces(
    area: Sequence[int],
    holders: Sequence[tuple[int, int]],
    ring_piece: np.ndarray,
    ring_polygon: np.ndarray,
    ring_lengths: np.ndarray,
    coords: np.ndarray,
    areas_m2: np.ndarray,
) -> list[Piece]:
    """Pieces 0..len(holders)-1 from their rings (`ring_piece` ascending; polygon after polygon,
    shell first; vertices end to end in `coords`, map CRS) and their areas in m²."""
    count = len(holders)
    ring_ends = np.cumsum(ring_lengths)
    piece_rings = np.searchsorted(ring_piece, np.arange(count + 1))
    piece_coords = np.concatenate([[0], ring_ends])[piece_rings]
    # rings per polygon, each piece's polygons in turn
    new_polygon = np.ones(len(ring_piece), dtype=bool)
    new_polygon[1:] = (ring_polygon[1:] != ring_polygon[:-1]) | (ring_piece[1:] != ring_piece[:-1])
    polygon_first = np.flatnonzero(new_polygon)
    polygon_rings = np.diff(np.append(polygon_first, len(ring_piece))).astype(np.int32)
    piece_polygons = np.searchsorted(polygon_first, piece_rings)
    relative_ends = ring_ends - np.repeat(piece_coords[:-1], np.diff(piece_rings))
    r, c, p = piece_rings.tolist(), piece_coords.tolist(), piece_polygons.tolist()
    return [
        Piece(
            area[i],
            *holders[i],
            coords[c[i] : c[i + 1]],
            relative_ends[r[i] : r[i + 1]],
            polygon_rings[p[i] : p[i + 1]],
            float(areas_m2[i]) / 1e6,
        )
        for i in range(count)
    ]


def _split(xy: np.ndarray, counts: np.ndarray) -> tuple[np.ndarray, ...]:
    """Packed lines (vertices end to end, the vertex count of each) as views of `xy`."""
    bounds = [0, *np.cumsum(counts).tolist()]
    return tuple(xy[a:b] for a, b in itertools.pairwise(bounds))


def _signed_areas(
    ring_piece: np.ndarray,
    ring_shell: np.ndarray,
    lengths: np.ndarray,
    coords: np.ndarray,
    count: int,
) -> np.ndarray:
    """m² of each of `count` pieces: its shells' areas less its holes'."""
    signed = ring_areas(coords, lengths) * np.where(ring_shell, 1.0, -1.0)
    return np.bincount(ring_piece, weights=signed, minlength=count)


def _turn_xy(xy: np.ndarray, turn: np.ndarray, back: bool) -> np.ndarray:
    """Coordinates turned by their rows of `turn` (ux, uy, cx, cy: the unit vector of a sweep and
    the centre it turns about), into the sweep's axes (the sweep along +x) or back."""
    ux, uy, cx, cy = turn.T
    x, y = xy[:, 0], xy[:, 1]
    if back:
        return np.column_stack([x * ux - y * uy + cx, x * uy + y * ux + cy])
    x, y = x - cx, y - cy
    return np.column_stack([x * ux + y * uy, -x * uy + y * ux])


def _turn(geometries: np.ndarray, turn: np.ndarray, back: bool) -> np.ndarray:
    """Each geometry turned by its row of `turn` (`_turn_xy`)."""
    rows = np.repeat(turn, shapely.get_num_coordinates(geometries), axis=0)
    return shapely.transform(geometries, lambda xy: _turn_xy(xy, rows, back))


def _in_order(parts: Sequence[tuple[np.ndarray, ...]]) -> tuple[np.ndarray, ...]:
    """Rings or lines from several sources, each `(key, *per item, lengths, coords)`, merged into
    one in key order (stable), laid out alike."""
    if len(parts) == 1:
        return parts[0]
    columns = [np.concatenate(column) for column in zip(*parts, strict=True)]
    order = np.argsort(columns[0], kind="stable")
    lengths = columns[-2]
    coords = columns[-1][ranges(starts(lengths)[order], lengths[order])]
    return (*(column[order] for column in columns[:-1]), coords)


def _clip_rects(geometries, xmin, ymin, xmax, ymax) -> np.ndarray:
    """Geometries clipped by axis-aligned rectangles, broadcast over all arguments: GEOS's
    rectangle clipping, ~7x faster than intersecting with box polygons (shapely's public
    `clip_by_rect` takes one rectangle; its ufunc takes arrays)."""
    return np.asarray(shapely.lib.clip_by_rect(geometries, xmin, ymin, xmax, ymax))


def _piece(area: int, holder: tuple[int, int], geometry: shapely.Geometry) -> Piece:
    """One geometry's polygonal parts as a piece."""
    coords, lengths, owner, polygon, shell = _polygon_rings(np.array([geometry], dtype=object))
    areas = _signed_areas(owner, shell, lengths, coords, 1)
    return _packed_pieces([area], [holder], owner, polygon, lengths, coords, areas)[0]


@dataclass
class Frame:
    """The control map at instant t, in the map CRS, ready to draw."""

    t: float
    factions: np.ndarray  # faction index per area unit; -1 while it is being swept (see pieces)
    # index into STYLES per area unit (and per piece): CONFIDENCES, or UNCERTAIN while a change
    # dated by a window is under way in the area
    confidences: np.ndarray
    pieces: tuple[Piece, ...]
    # the polylines between hostile factions, packed: their vertices end to end (n, 2) and the
    # vertex count of each (see `front_lines`)
    front_xy: np.ndarray
    front_counts: np.ndarray
    area_km2: np.ndarray  # per faction
    front_km: float
    # equal keys draw identically: (state, sweeps as (transition, step), cross-fades as
    # (area, style, level))
    key: tuple[int, tuple[tuple[int, int], ...], tuple[tuple[int, int, int], ...]]
    region_km2: np.ndarray  # [region, faction], regions in `Scenario.regions` order
    region_front_km: np.ndarray  # [region]: front lines on or inside the region's boundary
    _builder: FrameBuilder = field(repr=False)
    # per area unit: the style (index into STYLES) its fill is cross-fading into, -1 when none,
    # and how far (0..1, in steps of 1/STATUS_LEVELS); `confidences` keeps the style in force
    status_to: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int8))
    status_blend: np.ndarray = field(default_factory=lambda: np.zeros(0))

    @property
    def holders_key(self) -> tuple:
        """Equal for frames with the same holders and sweeps (zones and fronts), whatever their
        status cross-fades."""
        return self.key[:2]

    @property
    def front_lines(self) -> tuple[np.ndarray, ...]:
        """The (n, 2) polylines between hostile factions, as views of `front_xy`."""
        return _split(self.front_xy, self.front_counts)

    @property
    def uncertain(self) -> np.ndarray:
        """Per area unit: a change dated by a window is under way (drawn in the uncertain style)."""
        return self.confidences == UNCERTAIN

    def zones(self) -> dict[tuple[str, str], shapely.Geometry]:
        """Dissolved territory per (faction id, style): slower, for export and the CLI. The style is
        a confidence, or `uncertain` for the parts of an area whose windowed change is under way."""
        return self._builder.zones(self)

    def front_polylines(self) -> tuple[np.ndarray, ...]:
        """The front lines joined into as few polylines as possible (cached per frame key): the
        same lines as `front_lines`, cheaper to stroke."""
        return self._builder.front_polylines(self)


_ADJACENCY = ("edge_a", "edge_b", "edge_geometries", "edge_km", "edge_lines", "area_edges")
"""What `_build_adjacency` computes from the area units alone (never changed afterwards)."""


@dataclass(frozen=True)
class _Transition:
    area: int
    day: float  # the change date: the new holder holds the whole area from here
    window_start: float
    old: tuple[int, int]  # (faction, style) of the remaining part while the sweep runs
    new: tuple[int, int]  # (faction, style) of the captured part while the sweep runs
    uncertain: bool = False  # a change dated by a window: both parts in the uncertain style


@dataclass(frozen=True)
class _Fade:
    """A change of an area's style with no sweep of its own, cross-faded over [start, end)."""

    area: int
    start: float
    end: float  # the instant the style changes (in `Frame.confidences`)
    style: int  # index into STYLES after `end`


@dataclass(frozen=True)
class _Step:
    """One step of a sweep. Its lines are stored compactly (a few arrays a step, not an array and
    tuples a line: ~8 MB less for the bundled campaign's sweeps): every line's vertices end to end
    in `coords`, where each ends in `line_ends`; the cut's `cut_count` lines first, then for each
    neighbour edge its captured side's lines and its remaining side's. `edge_lines[k]` is (edge
    index, captured-side line count, remaining-side count), `edge_km[k]` the two sides' km."""

    captured: Piece
    remaining: Piece
    cut_km: float
    coords: np.ndarray  # (n, 2)
    line_ends: np.ndarray  # end offset of each line in coords
    cut_count: int
    edge_lines: np.ndarray  # (k, 3) int
    edge_km: np.ndarray  # (k, 2)

    def lines(self) -> list[np.ndarray]:
        """Every line, as views of `coords`."""
        bounds = [0, *self.line_ends.tolist()]
        return [self.coords[a:b] for a, b in itertools.pairwise(bounds)]

    @property
    def nbytes(self) -> int:
        return (
            self.captured.nbytes
            + self.remaining.nbytes
            + self.coords.nbytes
            + self.line_ends.nbytes
            + self.edge_lines.nbytes
            + self.edge_km.nbytes
            + 5 * _OBJECT_BYTES
        )


@dataclass(frozen=True)
class _Turned:
    """A transition's area and neighbour edges turned into its sweep's axes (the sweep runs along
    +x), as arrays: what every step of the sweep cuts."""

    bounds: tuple[float, ...]  # xmin, ymin, xmax, ymax of the turned area
    ring_xy: np.ndarray  # every ring's vertices (no closing vertex), polygon after polygon
    ring_lengths: np.ndarray
    ring_polygon: np.ndarray  # per ring: its polygon (0 ...)
    ring_shell: np.ndarray  # per ring: a shell (the first of its polygon), else a hole
    edges: np.ndarray  # the area's neighbour edges (`area_edges` order)
    edge_xy: np.ndarray  # their lines' vertices end to end
    line_lengths: np.ndarray  # vertex count of each line
    line_counts: np.ndarray  # lines of each edge


class FrameBuilder:
    """Builds frames for one scenario; create via `Scenario.frames`.

    The GUI runs `prefetch_loop()` on a background thread while the UI thread builds frames: the sweep
    cache (a thread-safe `LruCache`) takes finished values only, so both threads may fill it (at
    worst computing one entry twice)."""

    def __init__(self, scenario: Scenario, previous: FrameBuilder | None = None):
        """`previous`: the builder of the scenario this one was edited from. When both have the
        same area units (an edit of control or events), its adjacency and the sweeps the edit did
        not change are taken over instead of recomputed, so the edited map shows at once; after a
        split or a merge, the boundaries of the units the edit left alone are."""
        self.scenario = scenario
        self.control = scenario.control
        self.hostile = scenario.hostile
        self.n_factions = len(scenario.factions)
        geometries = np.array([a.geometry for a in scenario.areas], dtype=object)
        self.geometries = geometries
        self.unit_km2 = np.array([a.area_km2 for a in scenario.areas])
        self.centroids = shapely.get_coordinates(shapely.centroid(geometries))
        if previous is not None and previous.scenario.areas is scenario.areas:
            for name in _ADJACENCY:
                setattr(self, name, getattr(previous, name))
        elif previous is not None and previous.scenario.exact_coverage == scenario.exact_coverage:
            self._build_adjacency(geometries, previous)  # found alike: the kept ones hold
        else:
            self._build_adjacency(geometries, None)
        # region_masks[r, i]: unit i is in region r; region_edges[r, e]: edge e touches region r
        self.region_masks = np.array([r.mask for r in scenario.regions], dtype=bool).reshape(
            len(scenario.regions), len(geometries)
        )
        self.region_edges = self.region_masks[:, self.edge_a] | self.region_masks[:, self.edge_b]
        self._build_transitions(scenario.meta.tween_days)
        # the sweep cache: a whole sweep under its transition index n, one step under (n, s)
        self._sweeps: LruCache[int | tuple[int, int], tuple[_Step, ...]] = LruCache(
            max_bytes=SWEEP_CACHE_BYTES
        )
        self._playhead = scenario.start
        self._moved = threading.Event()
        self._scrubbed_at = -math.inf
        self._directions: dict[int, tuple[float, float, float, float]] = {}
        self._turned_cache: dict[int, _Turned] = {}
        self._asked = threading.local()  # `steps`: the (n, s) each thread asked for last
        self._zones: LruCache[tuple, dict[tuple[str, str], shapely.Geometry]] = LruCache(
            ZONE_CACHE_SIZE
        )
        self._fronts: LruCache[tuple, tuple[np.ndarray, ...]] = LruCache(ZONE_CACHE_SIZE)
        if previous is not None and previous.scenario.areas is scenario.areas:
            self._take_sweeps(previous)

    @property
    def cache_bytes(self) -> int:
        """Estimated size of the sweep cache, at most `cache_ceiling` (unless one sweep is bigger)."""
        return self._sweeps.nbytes

    @property
    def cache_ceiling(self) -> int:
        """Ceiling of the sweep cache in estimated bytes (SWEEP_CACHE_BYTES unless changed)."""
        ceiling = self._sweeps.max_bytes
        assert ceiling is not None
        return ceiling

    @cache_ceiling.setter
    def cache_ceiling(self, ceiling: int) -> None:
        self._sweeps.max_bytes = ceiling

    def _take_sweeps(self, previous: FrameBuilder) -> None:
        """Keep the whole sweeps `previous` computed whose transition and direction this edit left
        unchanged (same area units, so their pieces and edges still apply): an edit
        recomputes only the sweeps it touched."""
        whole = {
            previous.transitions[n]: (steps, size)
            for n, steps, size in previous._sweeps.items()
            if isinstance(n, int)
        }
        for n, transition in enumerate(self.transitions):
            kept = whole.get(transition)
            if kept is not None and self._same_direction(previous, transition):
                self._store(n, *kept)

    def _same_direction(self, previous: FrameBuilder, transition: _Transition) -> bool:
        """Whether `_direction` gives the same sweep here as in `previous` (same area units) without
        computing it: it reads the holders just before the sweep starts — of the area's neighbours
        when the attacker holds one of them, else every area the attacker holds."""
        t = transition.window_start - 1e-6
        before_old = previous.control.holders_at(t)[0]
        before_new = self.control.holders_at(t)[0]
        changed = np.flatnonzero(before_old != before_new)
        if not len(changed):
            return True
        area, attacker = transition.area, transition.new[0]
        neighbours = [
            self.edge_b[e] if self.edge_a[e] == area else self.edge_a[e]
            for e in self.area_edges[area]
        ]
        if np.isin(changed, neighbours).any():
            return False
        if any(before_new[i] == attacker for i in neighbours):
            return True  # the direction comes from those edges alone
        return not (
            (before_old[changed] == attacker).any() or (before_new[changed] == attacker).any()
        )

    # --- precomputation ----------------------------------------------------------------------------

    def _build_adjacency(self, geometries: np.ndarray, previous: FrameBuilder | None) -> None:
        """Shared boundaries of neighbouring units (the candidates for front lines). With
        `previous` (an edit of other area units), the boundaries between units it left alone (the
        same objects) are taken over and only those of the new units are found, among their
        neighbours: the same edges as from scratch. Edges are in the order of their unit pairs."""
        areas = self.scenario.areas
        kept = np.zeros(len(areas), dtype=bool)
        if previous is None:
            near = np.arange(len(areas))
        else:
            index = {id(unit): j for j, unit in enumerate(areas)}
            was = np.array([index.get(id(unit), -1) for unit in previous.scenario.areas], np.intp)
            kept[was[was >= 0]] = True
            new = np.flatnonzero(~kept)
            _, touching = shapely.STRtree(geometries).query(
                geometries[new], predicate="dwithin", distance=EDGE_SNAP_M
            )
            near = np.union1d(new, touching)
        if self.scenario.exact_coverage:
            left, right, shared = _shared_edges_exact([areas[k] for k in near])
        else:
            left, right, shared = _shared_edges_snapped(geometries[near])
        left, right = near[left], near[right]
        lengths = shapely.length(shared) if len(shared) else np.zeros(0)
        real = (lengths > 1.0) & ~(kept[left] & kept[right])  # a corner is no shared boundary
        a, b, found = left[real], right[real], shared[real]
        km = lengths[real] / 1000.0
        lines = [tuple(line_parts(g)) for g in found]
        if previous is not None:  # the boundaries between units the edit kept
            old_a, old_b = was[previous.edge_a], was[previous.edge_b]
            same = np.flatnonzero((old_a >= 0) & (old_b >= 0))
            a = np.concatenate([np.minimum(old_a, old_b)[same], a])
            b = np.concatenate([np.maximum(old_a, old_b)[same], b])
            found = np.concatenate([previous.edge_geometries[same], found])
            km = np.concatenate([previous.edge_km[same], km])
            lines = [previous.edge_lines[e] for e in same.tolist()] + lines
        order = np.lexsort((b, a))
        a, b, found, km = a[order], b[order], found[order], km[order]
        lines = [lines[e] for e in order.tolist()]
        self.edge_a: np.ndarray = a
        self.edge_b: np.ndarray = b
        self.edge_geometries: np.ndarray = found
        self.edge_km: np.ndarray = km
        self.edge_lines: list[tuple[np.ndarray, ...]] = lines
        self.area_edges: list[list[int]] = [[] for _ in range(len(geometries))]
        for e, (i, j) in enumerate(zip(self.edge_a.tolist(), self.edge_b.tolist(), strict=True)):
            self.area_edges[i].append(e)
            self.area_edges[j].append(e)

    def _build_transitions(self, tween_days: float) -> None:
        """Every change of holder, with its sweep window: the change's own window (`date`..`until`)
        or the `tween_days` before its date, never reaching back past the area's previous change,
        so an area has one transition at a time."""
        control = self.control
        transitions: list[_Transition] = []
        for i, area_id in enumerate(control.area_ids):
            history = control.history(area_id)
            for previous, change in itertools.pairwise(history):
                if previous.faction == change.faction:
                    continue  # only the confidence changed: a change of style, no sweep
                day = day_number(change.held_from)
                if change.until is not None:
                    start = day_number(change.date)  # loading checks it is after `previous`
                else:
                    start = max(day - tween_days, day_number(previous.held_from))
                uncertain = change.until is not None
                transitions.append(
                    _Transition(
                        i,
                        day,
                        start,
                        (
                            control.faction_ids.index(previous.faction),
                            UNCERTAIN if uncertain else CONFIDENCES.index(previous.confidence),
                        ),
                        (
                            control.faction_ids.index(change.faction),
                            UNCERTAIN if uncertain else CONFIDENCES.index(change.confidence),
                        ),
                        uncertain,
                    )
                )
        transitions.sort(key=lambda tr: (tr.day, tr.area))
        self.transitions = tuple(transitions)
        self._transition_days = [tr.day for tr in transitions]
        self._max_tween = max((tr.day - tr.window_start for tr in transitions), default=0.0)
        self._build_fades(tween_days)

    def _build_fades(self, tween_days: float) -> None:
        """Every change of style that no sweep shows: a confidence change (same holder), and the
        opening (`date`) and closing (`until`) of a window, where the style turns uncertain and
        back. Each fades over the `tween_days` before it, never reaching back past the area's
        previous change (or, for a closing, the window's opening)."""
        control = self.control
        fades: list[_Fade] = []
        for i, area_id in enumerate(control.area_ids):
            for previous, change in itertools.pairwise(control.history(area_id)):
                before = day_number(previous.held_from)
                style = CONFIDENCES.index(change.confidence)
                if previous.faction == change.faction:
                    if change.confidence != previous.confidence:
                        day = day_number(change.held_from)
                        fades.append(_Fade(i, max(day - tween_days, before), day, style))
                elif change.until is not None:
                    opens, closes = day_number(change.date), day_number(change.until)
                    if opens > before:
                        fades.append(_Fade(i, max(opens - tween_days, before), opens, UNCERTAIN))
                    fades.append(_Fade(i, max(closes - tween_days, opens), closes, style))
        fades.sort(key=lambda fade: (fade.end, fade.area))
        self.fades = tuple(fade for fade in fades if fade.end > fade.start)
        self._fade_ends = [fade.end for fade in self.fades]
        self._max_fade = max((fade.end - fade.start for fade in self.fades), default=0.0)

    def active_fades(self, t: float) -> list[tuple[_Fade, int]]:
        """(fade, level 0..STATUS_LEVELS-1) of every status cross-fade under way at t."""
        lo = bisect.bisect_right(self._fade_ends, t + 1e-9)
        hi = bisect.bisect_right(self._fade_ends, t + self._max_fade + 1e-9)
        active = []
        for fade in self.fades[lo:hi]:
            if fade.start <= t < fade.end:
                fraction = (t - fade.start) / (fade.end - fade.start)
                active.append((fade, min(int(fraction * STATUS_LEVELS), STATUS_LEVELS - 1)))
        return active

    # --- per frame ---------------------------------------------------------------------------------

    def active_transitions(self, t: float) -> list[tuple[int, int]]:
        """(transition index, step) of every sweep under way at t."""
        lo = bisect.bisect_right(self._transition_days, t + 1e-9)
        hi = bisect.bisect_right(self._transition_days, t + self._max_tween + 1e-9)
        active = []
        for n in range(lo, hi):
            tr = self.transitions[n]
            if tr.window_start <= t < tr.day:
                fraction = (t - tr.window_start) / (tr.day - tr.window_start)
                active.append((n, min(int(fraction * STEPS), STEPS - 1)))
        return active

    def frame_at(self, t: float) -> Frame:
        k = self.control.state_index_at(t)
        base_factions, base_confidences = self.control.state(k)
        active = self.active_transitions(t)
        if not active:
            factions, confidences = base_factions, base_confidences
        else:
            factions, confidences = base_factions.copy(), base_confidences.copy()
        steps = list(zip((self.transitions[n] for n, _ in active), self.steps(active), strict=True))
        for tr, _ in steps:
            factions[tr.area] = -1
            if tr.uncertain:
                confidences[tr.area] = UNCERTAIN

        held = factions >= 0
        area_km2 = np.bincount(
            factions[held], weights=self.unit_km2[held], minlength=self.n_factions
        ).astype(float)
        masks = self.region_masks
        by_unit = np.zeros((len(factions), self.n_factions))  # km² of each whole unit per holder
        by_unit[np.flatnonzero(held), factions[held]] = self.unit_km2[held]
        region_km2 = masks.astype(float) @ by_unit

        a, b = self.edge_a, self.edge_b
        fa, fb = factions[a], factions[b]
        hostile_edge = (fa >= 0) & (fb >= 0) & self.hostile[fa, fb]
        edge_ids = np.flatnonzero(hostile_edge)
        # the front's lines packed (vertices end to end, a vertex count a line), chunk by chunk:
        # the hostile edges' lines, then each step's kept lines (no array a line)
        edge_xy, edge_counts, edge_of_line, edge_starts = self._edge_lines_packed
        kept = hostile_edge[edge_of_line]
        kept_counts = edge_counts[kept]
        # the kept lines' vertices gathered (an index a kept vertex, not a mask over all of them)
        front_xy = [edge_xy[ranges(edge_starts[kept], kept_counts)]]
        step_counts: list[int] = []
        front_km = float(self.edge_km[edge_ids].sum())
        region_front = self.region_edges[:, edge_ids].astype(float) @ self.edge_km[edge_ids]

        pieces: list[Piece] = []
        sweeping = {tr.area for tr, _ in steps}
        for tr, step in steps:
            bounds = [0, *step.line_ends.tolist()]
            counts = [b - a for a, b in itertools.pairwise(bounds)]
            pieces.extend((step.captured, step.remaining))
            area_km2[tr.new[0]] += step.captured.area_km2
            area_km2[tr.old[0]] += step.remaining.area_km2
            inside = masks[:, tr.area]
            region_km2[inside, tr.new[0]] += step.captured.area_km2
            region_km2[inside, tr.old[0]] += step.remaining.area_km2
            first = step.cut_count
            if self.hostile[tr.new[0], tr.old[0]]:  # a handover between allies is no front
                front_xy.append(step.coords[: bounds[first]])
                step_counts.extend(counts[:first])
                front_km += step.cut_km
                region_front[inside] += step.cut_km
            # per neighbour edge: its captured side's lines and km, then its remaining side's
            for (e, near, far), (captured_km, remaining_km) in zip(
                step.edge_lines.tolist(), step.edge_km.tolist(), strict=True
            ):
                start, middle = first, first + near
                first = middle + far
                other = self.edge_b[e] if self.edge_a[e] == tr.area else self.edge_a[e]
                if other in sweeping and other < tr.area:
                    continue  # the lower-numbered sweeping area draws a shared edge
                neighbour = int(base_factions[other])
                if neighbour < 0:
                    continue
                touching = self.region_edges[:, e]
                if self.hostile[tr.new[0], neighbour]:
                    front_xy.append(step.coords[bounds[start] : bounds[middle]])
                    step_counts.extend(counts[start:middle])
                    front_km += captured_km
                    region_front[touching] += captured_km
                if self.hostile[tr.old[0], neighbour]:
                    front_xy.append(step.coords[bounds[middle] : bounds[first]])
                    step_counts.extend(counts[middle:first])
                    front_km += remaining_km
                    region_front[touching] += remaining_km
        status_to = np.full(len(factions), -1, dtype=np.int8)
        status_blend = np.zeros(len(factions))
        fading = self.active_fades(t)
        for fade, level in fading:
            status_to[fade.area] = fade.style
            status_blend[fade.area] = level / STATUS_LEVELS
        key = (
            k,
            tuple(active),
            tuple((fade.area, fade.style, level) for fade, level in fading),
        )
        return Frame(
            t,
            factions,
            confidences,
            tuple(pieces),
            np.concatenate(front_xy),
            np.concatenate([kept_counts, np.array(step_counts, dtype=np.intp)]),
            area_km2,
            front_km,
            key,
            region_km2,
            region_front,
            self,
            status_to,
            status_blend,
        )

    # --- transitions -------------------------------------------------------------------------------

    def _direction(self, n: int) -> tuple[float, float, float, float]:
        """Unit vector of the sweep and the rotation origin, for transition n (cached)."""
        cached = self._directions.get(n)
        if cached is not None:
            return cached
        tr = self.transitions[n]
        before, _ = self.control.holders_at(tr.window_start - 1e-6)
        centre = self.centroids[tr.area]
        attacker = tr.new[0]
        weights, points = [], []
        for e in self.area_edges[tr.area]:
            other = self.edge_b[e] if self.edge_a[e] == tr.area else self.edge_a[e]
            if before[other] == attacker:
                weights.append(self.edge_km[e])
                points.append(shapely.get_coordinates(shapely.centroid(self.edge_geometries[e]))[0])
        if points:
            origin = np.average(np.array(points), axis=0, weights=np.array(weights))
        else:
            held = np.flatnonzero(before == attacker)
            if len(held):
                distances = np.hypot(*(self.centroids[held] - centre).T)
                origin = self.centroids[held[np.argmin(distances)]]
            else:
                origin = centre - np.array([1.0, 0.0])  # no territory yet: sweep west to east
        dx, dy = centre - origin
        norm = math.hypot(dx, dy) or 1.0
        result = (dx / norm, dy / norm, float(centre[0]), float(centre[1]))
        self._directions[n] = result
        return result

    def step(self, n: int, s: int) -> _Step:
        """Step s (0..STEPS-1) of transition n: captured and remaining parts, fronts. From the
        cache; else that step alone is computed and cached (a scrub), or the whole sweep when the
        same thread's previous call asked for a step of it within NEAR_STEPS (time moves through
        it: playing at 1 day/s moves ~1 step a frame, a 2 days/s export ~3); the prefetch
        computes whole sweeps. Only the previous call counts: a scrub that comes back near a
        step it showed long ago computes one step, not 48 (~3 ms a sweep at ten times the
        campaign, on the UI thread)."""
        return self.steps([(n, s)])[0]

    def steps(self, wanted: Sequence[tuple[int, int]]) -> list[_Step]:
        """`step` of each (n, s), the missing ones computed together (`_sweeps_of`: one pass for
        all of a frame's sweeps)."""
        found: dict[tuple[int, int], _Step] = {}
        singles, wholes = [], []
        previous: dict[int, int] = getattr(self._asked, "steps", {})
        self._asked.steps = dict(wanted)
        for n, s in wanted:
            whole = self._sweeps.get(n)
            if whole is not None:
                found[n, s] = whole[s]
                continue
            single = self._sweeps.get((n, s))
            if single is not None:
                found[n, s] = single[0]
            elif abs(previous.get(n, -STEPS) - s) <= NEAR_STEPS:
                wholes.append((n, s))  # time moves through it (playing, exporting)
            else:
                singles.append((n, s))
        jobs = [(n, np.arange(STEPS)) for n, _ in wholes] + [(n, np.array([s])) for n, s in singles]
        if jobs:
            computed = self._sweeps_of(jobs)
            for (n, s), result in zip(wholes, computed, strict=False):
                self._store_sweep(n, result)
                found[n, s] = result[s]
            for (n, s), result in zip(singles, computed[len(wholes) :], strict=True):
                self._store((n, s), result)
                found[n, s] = result[0]
        return [found[pair] for pair in wanted]

    def is_cached(self, n: int) -> bool:
        """Whether every step of transition n is in the cache."""
        return n in self._sweeps

    def _store(
        self, key: int | tuple[int, int], steps: tuple[_Step, ...], size: int | None = None
    ) -> None:
        """Cache a sweep (or a step) of `size` estimated bytes (counted when not given)."""
        if size is None:
            size = sum(step.nbytes for step in steps) + _OBJECT_BYTES
        self._sweeps.put(key, steps, size)

    def _sweep(self, n: int, which: Sequence[int] | None = None) -> tuple[_Step, ...]:
        """Steps `which` (default all) of transition n."""
        return self._sweeps_of([(n, np.arange(STEPS) if which is None else np.asarray(which))])[0]

    def _turned(self, ns: Sequence[int]) -> list[_Turned]:
        """Per transition: its area and neighbour edges turned into the sweep's axes (the sweep
        runs along +x), as arrays. Cached (at most TURNED_CACHE_SIZE transitions): every step of a
        sweep cuts the same."""
        cache = self._turned_cache
        if len(cache) + len(ns) > TURNED_CACHE_SIZE:
            cache.clear()
        # one lookup each: another thread may clear the cache between a test and a read
        found = {n: turned for n in ns if (turned := cache.get(n)) is not None}
        missing = list(dict.fromkeys(n for n in ns if n not in found))
        if missing:
            k = len(missing)
            areas = [self.transitions[n].area for n in missing]
            turn = np.array([self._direction(n) for n in missing]).reshape(k, 4)
            # the areas' rings (valid polygons: no overlay's leftovers to drop)
            parts, part_owner = shapely.get_parts(self.geometries[areas], return_index=True)
            rings, polygon = shapely.get_rings(parts, return_index=True)
            coords, ring_of = shapely.get_coordinates(rings, return_index=True)
            lengths = np.bincount(ring_of, minlength=len(rings))
            owner = part_owner[polygon]
            shell = np.zeros(len(rings), dtype=bool)
            shell[starts(shapely.get_num_interior_rings(parts) + 1)] = True
            open_lengths = lengths - 1  # the rings without their closing vertex
            kept = np.ones(len(coords), dtype=bool)
            kept[np.cumsum(lengths) - 1] = False
            ring_xy = _turn_xy(coords[kept], turn[np.repeat(owner, open_lengths)], back=False)
            ring_bounds = np.searchsorted(owner, np.arange(k + 1)).tolist()
            vertex_bounds = np.concatenate([[0], np.cumsum(open_lengths)])[ring_bounds].tolist()
            edges = [np.array(self.area_edges[a], dtype=np.intp) for a in areas]
            edge_lines = [self.edge_lines[e] for ids in edges for e in ids.tolist()]
            lines = [line for parts in edge_lines for line in parts]
            line_counts = np.array([len(parts) for parts in edge_lines], dtype=np.intp)
            line_lengths = np.array([len(line) for line in lines], dtype=np.intp)
            line_job = np.repeat(np.repeat(np.arange(k), [len(ids) for ids in edges]), line_counts)
            edge_xy = _turn_xy(
                np.concatenate(lines) if lines else np.zeros((0, 2)),
                turn[np.repeat(line_job, line_lengths)],
                back=False,
            )
            edge_bounds = np.cumsum([0, *(len(ids) for ids in edges)]).tolist()
            line_bounds = np.concatenate([[0], np.cumsum(line_counts)])[edge_bounds].tolist()
            edge_vertex_bounds = np.concatenate([[0], np.cumsum(line_lengths)])[line_bounds]
            for j, n in enumerate(missing):
                r0, r1 = ring_bounds[j], ring_bounds[j + 1]
                v0, v1 = vertex_bounds[j], vertex_bounds[j + 1]
                l0, l1 = line_bounds[j], line_bounds[j + 1]
                xy = ring_xy[v0:v1]
                found[n] = cache[n] = _Turned(
                    (*xy.min(axis=0).tolist(), *xy.max(axis=0).tolist()),
                    xy,
                    open_lengths[r0:r1],
                    polygon[r0:r1] - polygon[r0],
                    shell[r0:r1],
                    edges[j],
                    edge_xy[edge_vertex_bounds[j] : edge_vertex_bounds[j + 1]],
                    line_lengths[l0:l1],
                    line_counts[edge_bounds[j] : edge_bounds[j + 1]],
                )
        return [found[n] for n in ns]

    def _sweeps_of(self, jobs: Sequence[tuple[int, np.ndarray]]) -> list[tuple[_Step, ...]]:
        """The chosen steps of several transitions, `[(n, steps), ...]`, together: each area is
        turned so that its sweep runs along +x, cut at every chosen step in a few numpy passes
        (core/cutting.py; the steps it leaves, by GEOS's rectangle clipping) and turned back."""
        k = len(jobs)
        ns = [n for n, _ in jobs]
        turned = self._turned(ns)
        turn = np.array([self._direction(n) for n in ns]).reshape(k, 4)  # ux, uy, cx, cy
        counts = np.array([len(steps) for _, steps in jobs], dtype=np.intp)
        job = np.repeat(np.arange(k), counts)  # the job of each row (a transition's step)
        m = len(job)
        chosen = np.concatenate([steps for _, steps in jobs]).astype(float)
        xmin, ymin, xmax, ymax = np.array([t.bounds for t in turned]).reshape(k, 4).T
        cuts = xmin[job] + (xmax[job] - xmin[job]) * (chosen + 1) / (STEPS + 1)

        # the captured (x < cut) and remaining parts, and the cut inside the area
        job_vertices = np.array([len(t.ring_xy) for t in turned], dtype=np.intp)
        job_rings = np.array([len(t.ring_lengths) for t in turned], dtype=np.intp)
        vertices = ranges(starts(job_vertices)[job], job_vertices[job])
        rings = ranges(starts(job_rings)[job], job_rings[job])
        cut = cut_polygons(
            np.concatenate([t.ring_xy for t in turned])[vertices],
            np.concatenate([t.ring_lengths for t in turned])[rings],
            np.repeat(np.arange(m), job_rings[job]),
            np.concatenate([t.ring_polygon for t in turned])[rings],
            np.concatenate([t.ring_shell for t in turned])[rings],
            cuts,
        )
        ring_parts = [
            (cut.ring_piece, cut.ring_polygon, cut.ring_shell, cut.ring_lengths, cut.ring_coords)
        ]
        cut_parts = [(cut.cut_row, np.full(len(cut.cut_row), 2), cut.cut_coords)]
        hard = np.flatnonzero(~cut.simple)
        if len(hard):  # what numpy leaves: overlays as before
            hard_job = job[hard]
            shape = _turn(
                self.geometries[[self.transitions[ns[j]].area for j in hard_job.tolist()]],
                turn[hard_job],
                back=False,
            )
            c, low, high = cuts[hard], ymin[hard_job] - 1.0, ymax[hard_job] + 1.0
            clipped = np.concatenate(
                [
                    _clip_rects(shape, xmin[hard_job] - 1.0, low, c, high),
                    _clip_rects(shape, c, low, xmax[hard_job] + 1.0, high),
                ]
            )
            coords, lengths, owner, polygon, shell = _polygon_rings(clipped)
            piece = np.concatenate([hard, m + hard])[owner]
            ring_parts.append((piece, polygon, shell, lengths, coords))
            across = shapely.linestrings(
                np.stack([np.column_stack([c, low]), np.column_stack([c, high])], axis=1)
            )
            xy, lengths, per_row = line_parts_packed(shapely.intersection(across, shape))
            cut_parts.append((np.repeat(hard, per_row), lengths, xy))
        ring_piece, ring_polygon, ring_shell, ring_lengths, ring_coords = _in_order(ring_parts)
        areas_m2 = _signed_areas(ring_piece, ring_shell, ring_lengths, ring_coords, 2 * m)
        ring_coords = _turn_xy(
            ring_coords, turn[job[np.repeat(ring_piece % m, ring_lengths)]], back=True
        )
        area_of = [self.transitions[ns[j]].area for j in job.tolist()]
        holders = [self.transitions[ns[j]].new for j in job.tolist()]
        holders += [self.transitions[ns[j]].old for j in job.tolist()]
        pieces = _packed_pieces(
            area_of + area_of,
            holders,
            ring_piece,
            ring_polygon,
            ring_lengths,
            ring_coords,
            areas_m2,
        )
        cut_row, cut_len, cut_xy = _in_order(cut_parts)
        cut_n = np.bincount(cut_row, minlength=m)
        cut_km = (np.bincount(cut_row, line_lengths(cut_xy, cut_len), m) / 1000).tolist()
        cut_xy = _turn_xy(cut_xy, turn[job[np.repeat(cut_row, cut_len)]], back=True)

        # every neighbour edge of each job's area, once per chosen step of that job: (edge, step)
        # rows, edge-major within a job; each row's lines on either side of its step's cut
        edge_count = np.array([len(t.edges) for t in turned], dtype=np.intp)
        edge_job = np.repeat(np.arange(k), edge_count)
        flat_edges = np.concatenate([np.zeros(0, np.intp), *(t.edges for t in turned)])
        first_step = starts(counts)
        edge_rows = np.repeat(np.arange(len(flat_edges)), counts[edge_job])
        step_rows = ranges(first_step[edge_job], counts[edge_job])
        e = len(edge_rows)
        line_counts = np.concatenate([np.zeros(0, np.intp), *(t.line_counts for t in turned)])
        all_lengths = np.concatenate([np.zeros(0, np.intp), *(t.line_lengths for t in turned)])
        lines = ranges(starts(line_counts)[edge_rows], line_counts[edge_rows])
        line_row = np.repeat(np.arange(e), line_counts[edge_rows])  # the edge row of each line
        edge_xy = np.concatenate([np.zeros((0, 2)), *(t.edge_xy for t in turned)])[
            ranges(starts(all_lengths)[lines], all_lengths[lines])
        ]
        sides = []
        for part in side_parts(
            edge_xy, all_lengths[lines], cuts[step_rows[line_row]], closed=False
        ):
            row = line_row[part.unit]
            km = np.bincount(row, line_lengths(part.coords, part.lengths), e) / 1000
            xy = _turn_xy(part.coords, turn[job[step_rows[np.repeat(row, part.lengths)]]], True)
            sides.append((xy, part.lengths, np.bincount(row, minlength=e), km))
        (near_xy, near_len, near_n, near_km), (far_xy, far_len, far_n, far_km) = sides

        # every step's lines packed end to end: its cut's, then per edge the captured side's and
        # the remaining side's
        line_len = np.concatenate([cut_len, near_len, far_len])
        group_first = np.concatenate(
            [
                starts(cut_n),
                len(cut_len) + starts(near_n),
                len(cut_len) + len(near_len) + starts(far_n),
            ]
        )
        group_count = np.concatenate([cut_n, near_n, far_n])
        group_step = np.concatenate([np.arange(m), step_rows, step_rows])
        group_place = np.concatenate([np.full(m, -1), 2 * np.arange(e), 2 * np.arange(e) + 1])
        order = np.lexsort((group_place, group_step))
        line_index = ranges(group_first[order], group_count[order])
        step_len = line_len[line_index]
        coords = np.concatenate([cut_xy, near_xy, far_xy])[
            ranges(starts(line_len)[line_index], step_len)
        ]
        line_ends = np.concatenate([[0], np.cumsum(step_len)])
        line_bounds = np.concatenate(
            [[0], np.cumsum(np.bincount(group_step, weights=group_count, minlength=m))]
        ).astype(np.intp)
        by_step = np.argsort(step_rows, kind="stable")  # a step's edges in `area_edges` order
        edge_lines = np.column_stack([flat_edges[edge_rows], near_n, far_n])[by_step]
        edge_km = np.column_stack([near_km, far_km])[by_step]
        edge_bounds = np.concatenate([[0], np.cumsum(np.bincount(step_rows, minlength=m))])
        line_bounds_list, edge_bounds_list = line_bounds.tolist(), edge_bounds.tolist()
        cut_counts = cut_n.tolist()
        result: list[tuple[_Step, ...]] = []
        for j in range(k):
            steps = []
            for row in range(first_step[j], first_step[j] + counts[j]):
                l0, l1 = line_bounds_list[row], line_bounds_list[row + 1]
                c0, c1 = int(line_ends[l0]), int(line_ends[l1])
                e0, e1 = edge_bounds_list[row], edge_bounds_list[row + 1]
                steps.append(
                    _Step(
                        pieces[row],
                        pieces[m + row],
                        cut_km[row],
                        coords[c0:c1],
                        line_ends[l0 + 1 : l1 + 1] - c0,
                        cut_counts[row],
                        edge_lines[e0:e1],
                        edge_km[e0:e1],
                    )
                )
            result.append(tuple(steps))
        return result

    def compute_ahead(
        self,
        times: Sequence[float],
        reached: Callable[[], int],
        cancelled: Callable[[], bool],
        ahead: int = AHEAD_FRAMES,
    ) -> None:
        """The sweep steps shown at each of `times` in turn, at most `ahead` of them past
        `reached()` (the index of the time being drawn), until done or `cancelled()`: an export's
        worker thread, so its drawing thread only looks them up (numpy and GEOS release the
        interpreter; the encoder has its own process). Only the steps shown are computed (an
        export at 2 days a second shows ~15 of a 1-day sweep's 48), those of up to AHEAD_BATCH
        frames together."""
        first = 0
        while first < len(times):
            while first > reached() + ahead:
                if cancelled():
                    return
                time.sleep(0.005)
            if cancelled():
                return
            last = min(len(times), first + AHEAD_BATCH, reached() + ahead + 1)
            pairs = list(
                dict.fromkeys(
                    pair
                    for t in times[first:last]
                    for pair in self.active_transitions(t)
                    if not self.has_step(*pair)
                )
            )
            if pairs:
                computed = self._sweeps_of([(n, np.array([s])) for n, s in pairs])
                for pair, steps in zip(pairs, computed, strict=True):
                    self._store(pair, steps)
            first = last

    def has_step(self, n: int, s: int) -> bool:
        """Whether step s of transition n is in the cache (alone or with its whole sweep)."""
        return n in self._sweeps or (n, s) in self._sweeps

    def compute_sweep(self, n: int) -> None:
        """Every step of transition n into the cache (its single steps are then dropped)."""
        if n not in self._sweeps:
            self._store_sweep(n, self._sweep(n))

    def _store_sweep(self, n: int, steps: tuple[_Step, ...]) -> None:
        self._store(n, steps)
        for s in range(STEPS):
            self._sweeps.pop((n, s))

    def precompute(self, cancelled: Callable[[], bool] = lambda: False) -> bool:
        """Sweeps ahead of need, on a background thread (the window's figures thread runs this).
        Every sweep while they would all fit in three quarters of the cache (the bundled campaign:
        ~22 MB of 64), after which frames only look up; past that, as at ten times the campaign,
        the sweeps around the playhead instead (`prefetch_loop`) until `cancelled()` — so with the
        default, never-cancelled, a large scenario does not return. Stops once `cancelled()` is
        true; returns whether every sweep was computed."""
        total = len(self.transitions)
        spent = 0
        for n in range(total):
            while (quiet := self._scrub_quiet()) > 0 and not cancelled():
                time.sleep(min(quiet, 0.1))  # a scrub has the interpreter (see `follow`)
            if cancelled():
                return False
            self.compute_sweep(n)
            spent += self._sweeps.size(n)
            if spent / (n + 1) * total > 0.75 * self.cache_ceiling:
                self.prefetch_loop(cancelled)
                return False
        return True

    def _scrub_quiet(self) -> float:
        """Seconds the background sweeps still wait after the last scrub (0 or less: none)."""
        return SCRUB_PAUSE_S - (time.monotonic() - self._scrubbed_at)

    def follow(self, t: float) -> None:
        """The playhead moved to t: the prefetch computes the sweeps around it next. A jump (a
        scrub, not a played frame) pauses the background sweeps (`precompute`, `prefetch_loop`)
        for `SCRUB_PAUSE_S`: while the user drags, the UI thread computes the few steps it shows
        and has the interpreter to itself."""
        if t != self._playhead:
            if abs(t - self._playhead) > SCRUB_JUMP_DAYS:
                self._scrubbed_at = time.monotonic()
            self._playhead = t
            self._moved.set()

    def sweeps_near(self, t: float) -> list[int]:
        """Transitions whose sweep overlaps [t - PREFETCH_BEHIND_DAYS, t + PREFETCH_AHEAD_DAYS],
        the nearest to t first."""
        lo = bisect.bisect_left(self._transition_days, t - PREFETCH_BEHIND_DAYS)
        hi = bisect.bisect_right(
            self._transition_days, t + PREFETCH_AHEAD_DAYS + self._max_tween + 1e-9
        )
        near = [
            n for n in range(lo, hi) if self.transitions[n].window_start <= t + PREFETCH_AHEAD_DAYS
        ]
        return sorted(
            near,
            key=lambda n: max(
                self.transitions[n].window_start - t, t - self.transitions[n].day, 0.0
            ),
        )

    def prefetch_loop(self, cancelled: Callable[[], bool]) -> None:
        """Until `cancelled()`: compute the whole sweeps near the playhead (`follow`), nearest
        first, then wait for it to move. Run on a background thread; checks `cancelled` between
        sweeps (one sweep takes milliseconds) and at least every 0.1 s while idle."""
        while not cancelled():
            self._moved.clear()
            quiet = self._scrub_quiet()
            if quiet > 0:
                self._moved.wait(min(quiet, 0.1))
                continue
            t = self._playhead
            budget = self.cache_ceiling // 2  # never evict, within a pass, what this pass computed
            for n in self.sweeps_near(t):
                if cancelled() or self._moved.is_set():
                    break
                self.compute_sweep(n)
                budget -= self._sweeps.size(n)
                if budget < 0:
                    self._moved.wait(0.1)
                    break
            else:
                self._moved.wait(0.1)

    @functools.cached_property
    def _edge_lines_packed(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """`edge_lines` packed: every line's vertices end to end, the vertex count of each line,
        the edge each line belongs to and where each line starts."""
        lines = [line for parts in self.edge_lines for line in parts]
        counts = np.array([len(line) for line in lines], dtype=np.intp)
        edge_of_line = np.repeat(
            np.arange(len(self.edge_lines)), [len(parts) for parts in self.edge_lines]
        )
        xy = np.concatenate(lines) if lines else np.zeros((0, 2))
        return xy, counts, edge_of_line, starts(counts)

    # --- per frame key (LRU caches) -----------------------------------------------------------------

    def front_polylines(self, frame: Frame) -> tuple[np.ndarray, ...]:
        cached = self._fronts.get(frame.holders_key)
        if cached is not None:
            return cached
        xy, counts = frame.front_xy, frame.front_counts
        if not (counts >= 2).all():
            xy, counts = xy[np.repeat(counts >= 2, counts)], counts[counts >= 2]
        if len(counts):
            # every line made in one call from the packed front, the merged lines read in one pass
            parts = shapely.linestrings(xy, indices=np.repeat(np.arange(len(counts)), counts))
            merged = shapely.line_merge(shapely.multilinestrings(parts))
            coords, lengths, _ = line_parts_packed(np.array([merged], dtype=object))
            result = _split(coords, lengths)
        else:
            result = ()
        return self._fronts.put(frame.holders_key, result)

    def zones(self, frame: Frame) -> dict[tuple[str, str], shapely.Geometry]:
        cached = self._zones.get(frame.holders_key)
        if cached is not None:
            return cached
        groups: dict[tuple[int, int], list[shapely.Geometry]] = {}
        for i, (f, c) in enumerate(zip(frame.factions, frame.confidences, strict=True)):
            if f >= 0:
                groups.setdefault((int(f), int(c)), []).append(self.geometries[i])
        for piece in frame.pieces:
            if not piece.geometry.is_empty:
                groups.setdefault((piece.faction, piece.confidence), []).append(piece.geometry)
        faction_ids = self.control.faction_ids
        result: dict[tuple[str, str], shapely.Geometry] = {
            (faction_ids[f], STYLES[c]): shapely.union_all(parts) if len(parts) > 1 else parts[0]
            for (f, c), parts in sorted(groups.items())
        }
        return self._zones.put(frame.holders_key, result)


def _shared_edges_exact(areas: Sequence[AreaUnit]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Shared boundaries of an exact coverage, found by matching identical ring segments.

    The segments a pair of units shares are joined into runs along the lower unit's rings (one
    line a run, not one a segment: ~3x faster at 10x), merged, and oriented as merging the single
    segments would orient them (`_merged_segments`); a pair whose boundary is not one open chain
    (a ring, a branching or a broken boundary) is merged from its single segments."""
    starts: list[np.ndarray] = []
    ends: list[np.ndarray] = []
    owners: list[np.ndarray] = []
    rings: list[np.ndarray] = []
    for i, area in enumerate(areas):
        for ring in area.rings:
            starts.append(ring[:-1])
            ends.append(ring[1:])
            owners.append(np.full(len(ring) - 1, i))
            rings.append(np.full(len(ring) - 1, len(rings)))
    p, q = np.concatenate(starts), np.concatenate(ends)
    owner, ring_of = np.concatenate(owners), np.concatenate(rings)
    flip = (p[:, 0] > q[:, 0]) | ((p[:, 0] == q[:, 0]) & (p[:, 1] > q[:, 1]))
    a, b = np.where(flip[:, None], q, p), np.where(flip[:, None], p, q)
    order = np.lexsort((b[:, 1], b[:, 0], a[:, 1], a[:, 0]))
    keys = np.column_stack([a, b])[order]
    sorted_owner = owner[order]
    twin = np.flatnonzero(
        np.all(keys[1:] == keys[:-1], axis=1) & (sorted_owner[1:] != sorted_owner[:-1])
    )
    first, second = order[twin], order[twin + 1]
    pair_a = np.minimum(owner[first], owner[second])
    pair_b = np.maximum(owner[first], owner[second])
    n = len(areas)
    pair_key = pair_a * n + pair_b
    # each shared segment where it lies in the lower unit's ring, in ring order: runs of one pair
    pos = np.where(owner[first] == pair_a, first, second)
    by_pos = np.argsort(pos)
    pos, run_key = pos[by_pos], pair_key[by_pos]
    breaks = np.ones(len(pos), dtype=bool)
    breaks[1:] = (
        (pos[1:] != pos[:-1] + 1)
        | (run_key[1:] != run_key[:-1])
        | (ring_of[pos[1:]] != ring_of[pos[:-1]])
    )
    run_start = np.flatnonzero(breaks)
    run_len = np.diff(np.append(run_start, len(pos)))
    run_points = run_len + 1
    offsets = np.cumsum(run_points) - run_points
    run_of = np.repeat(np.arange(len(run_start)), run_len)
    coords = np.empty((int(run_points.sum()), 2))
    coords[offsets[run_of] + np.arange(len(pos)) - run_start[run_of]] = p[pos]
    coords[offsets + run_len] = q[pos[run_start + run_len - 1]]
    runs = shapely.linestrings(coords, indices=np.repeat(np.arange(len(run_start)), run_points))
    unique_keys, pair_of_run = np.unique(run_key[run_start], return_inverse=True)
    by_pair = np.argsort(pair_of_run, kind="stable")
    lines = shapely.line_merge(
        shapely.multilinestrings(runs[by_pair], indices=pair_of_run[by_pair])
    )
    segments = np.bincount(pair_of_run, weights=run_len, minlength=len(unique_keys)).astype(np.intp)
    chain = (
        (shapely.get_type_id(lines) == 1)
        & (shapely.get_num_points(lines) == segments + 1)
        & ~shapely.is_closed(lines)
    )
    # a chain of single segments is merged from its lower end (GEOS walks its nodes in (x, y)
    # order) and reversed when more of its segments run the other way than along it
    one = np.flatnonzero(chain)
    xy, line_of = shapely.get_coordinates(lines[one], return_index=True)
    last = np.cumsum(segments[one] + 1) - 1
    begin = last - segments[one]
    down = (xy[begin, 0] > xy[last, 0]) | (
        (xy[begin, 0] == xy[last, 0]) & (xy[begin, 1] > xy[last, 1])
    )
    rising = (xy[1:, 0] > xy[:-1, 0]) | ((xy[1:, 0] == xy[:-1, 0]) & (xy[1:, 1] > xy[:-1, 1]))
    inside = line_of[1:] == line_of[:-1]
    up = np.bincount(line_of[1:][inside], weights=rising[inside], minlength=len(one))
    along = np.where(down, segments[one] - up, up)  # segments running from the lower end
    turn = one[down ^ (segments[one] - along > along)]
    lines[turn] = shapely.reverse(lines[turn])
    other = np.flatnonzero(~chain)
    if len(other):
        pick = np.flatnonzero(np.isin(pair_key, unique_keys[other]))
        other_keys, other_lines = _merged_segments(keys[twin[pick]], pair_key[pick])
        lines[np.searchsorted(unique_keys, other_keys)] = other_lines
    left, right = (unique_keys // n).astype(np.intp), (unique_keys % n).astype(np.intp)
    return left, right, lines


def _merged_segments(keys: np.ndarray, pair_key: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The shared boundary of each pair (its sorted `pair_key`s) merged from its single segments
    (`keys`: x0, y0, x1, y1 rows, lower end first)."""
    by_pair = np.argsort(pair_key, kind="stable")
    pair_key, segment_keys = pair_key[by_pair], keys[by_pair]
    unique_keys, pair_of_segment = np.unique(pair_key, return_inverse=True)
    segments = shapely.linestrings(
        segment_keys.reshape(-1, 2), indices=np.repeat(np.arange(len(segment_keys)), 2)
    )
    return unique_keys, shapely.line_merge(
        shapely.multilinestrings(segments, indices=pair_of_segment)
    )


def _shared_edges_snapped(geometries: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Shared boundaries of units whose edges match only approximately: one boundary's vertices are
    snapped onto the other's (within EDGE_SNAP_M), then the common segments are taken."""
    tree = shapely.STRtree(geometries)
    left, right = tree.query(geometries, predicate="dwithin", distance=EDGE_SNAP_M)
    keep = left < right
    left, right = left[keep], right[keep]
    boundaries = shapely.boundary(geometries)
    snapped = shapely.snap(boundaries[left], boundaries[right], EDGE_SNAP_M)
    shared = shapely.intersection(snapped, boundaries[right])
    return left, right, shapely.line_merge(shared) if len(shared) else shared
