"""Cutting by straight lines, vectorised: the parts of many rings and lines on either side of a
vertical line x = c (one c per ring or line), in a few numpy passes over their vertices, with no
geometry objects.

A sweep (core/frames.py) turns its area so that its front runs along x and then needs, for each
step, the area's parts before and after that step's cut, the cut inside the area, and its neighbour
edges' parts on either side. Done as one GEOS overlay a step, turning the results back into arrays
cost more than the overlays; here every step of a sweep is one pass over the area's vertices
repeated per step.

Exact: a part's vertices are the input's plus the points where its segments cross the cut, each
computed from its segment taken in ring (or line) order, so the parts on either side of a cut share
their crossing points bit for bit. A polygon part is closed along the cut only where that is
certain: a polygon whose shell the cut crosses twice and none of whose holes it crosses. Steps
that need more (a shell crossed four times or more, a hole crossed, a vertex on the cut) are
reported, not guessed, for the caller to cut another way (GEOS).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


def starts(counts: np.ndarray) -> np.ndarray:
    """Where each of consecutive runs of these lengths starts."""
    return (np.cumsum(counts) - counts).astype(np.intp)


def ranges(first: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """The indices first..first+count of each run, end to end."""
    return np.repeat(first - starts(counts), counts) + np.arange(int(counts.sum()))


@dataclass(frozen=True)
class SideParts:
    """The parts of some lines or rings on one side of their cuts, end to end."""

    unit: np.ndarray  # per part: the line or ring it comes from (ascending)
    coords: np.ndarray  # (n, 2): every part's vertices, part after part (rings closed)
    lengths: np.ndarray  # vertex count of each part
    crossed: np.ndarray  # per part: it begins and ends on the cut (else a whole ring or line end)
    entry_y: np.ndarray  # per part: y where it comes in across the cut, where it does
    exit_y: np.ndarray  # and where it leaves


def side_parts(
    xy: np.ndarray, lengths: np.ndarray, cut: np.ndarray, *, closed: bool
) -> tuple[SideParts, SideParts]:
    """The parts of consecutive lines (or rings, `closed`, given without their closing vertex) of
    these vertex counts on either side of x = `cut[unit]`: x < cut, then x > cut. A part is a run
    of vertices on that side with the points where the unit crosses the cut at either end; a ring
    wholly on the side is itself (closed), a ring's run is closed along the cut. Vertices on a cut
    belong to neither side. Both sides in one pass (the units twice, the second time for x > c)."""
    units = len(lengths)
    lengths = np.tile(np.asarray(lengths, dtype=np.intp), 2)
    unit_of = np.repeat(np.arange(2 * units), lengths)
    first = starts(lengths)
    xy = np.concatenate([xy, xy])
    index = np.arange(len(xy))
    pos = index - first[unit_of]
    length = lengths[unit_of]
    x = xy[:, 0]
    cut = np.tile(cut, 2)
    c = cut[unit_of]
    half = len(xy) // 2
    inside = np.concatenate([x[:half] < c[:half], x[half:] > c[half:]])
    at_start, at_end = pos == 0, pos == length - 1
    following = np.where(at_end, index - pos, index + 1)  # a ring's last vertex: its first
    preceding = np.where(at_start, index + length - 1, index - 1)
    before, after = inside[preceding], inside[following]
    whole_unit = np.zeros(2 * units, dtype=bool)
    if closed:
        whole_unit = np.bincount(unit_of, weights=inside, minlength=2 * units) == lengths
    else:
        before, after = before & ~at_start, after & ~at_end
    whole = whole_unit[unit_of]
    begins = np.flatnonzero(inside & (~before | (whole & at_start)))
    ends = np.flatnonzero(inside & (~after | (whole & at_end)))
    part_unit = unit_of[begins]
    # each run's end: the next end in its unit (a ring's run through its first vertex wraps round)
    j = np.searchsorted(ends, begins)
    last_end = len(ends) - 1
    wraps = (j > last_end) | (unit_of[ends[np.minimum(j, last_end)]] != part_unit)
    j = np.where(wraps, np.searchsorted(ends, first[part_unit]), j)
    ends = ends[j]
    ring_length = lengths[part_unit]
    count = (pos[ends] - pos[begins]) % ring_length + 1
    entry = ~whole_unit[part_unit] & (closed | (pos[begins] > 0))
    exit_ = ~whole_unit[part_unit] & (closed | (pos[ends] < ring_length - 1))

    def crossing(a: np.ndarray, b: np.ndarray, at: np.ndarray) -> np.ndarray:
        """y where each segment a -> b (in unit order) crosses x = at."""
        xa, ya, xb, yb = x[a], xy[a, 1], x[b], xy[b, 1]
        return ya + (at - xa) * (yb - ya) / (xb - xa)

    entry_y = np.full(len(begins), np.nan)
    exit_y = np.full(len(begins), np.nan)
    part_cut = cut[part_unit]
    entry_y[entry] = crossing(preceding[begins[entry]], begins[entry], part_cut[entry])
    exit_y[exit_] = crossing(ends[exit_], following[ends[exit_]], part_cut[exit_])
    out_lengths = count + entry + exit_ + int(closed)
    out_first = starts(out_lengths)
    coords = np.empty((int(out_lengths.sum()), 2))
    local = ranges(pos[begins], count) % np.repeat(ring_length, count)
    coords[ranges(out_first + entry, count)] = xy[local + np.repeat(first[part_unit], count)]
    at = out_first[entry]
    coords[at, 0], coords[at, 1] = part_cut[entry], entry_y[entry]
    at = (out_first + entry + count)[exit_]
    coords[at, 0], coords[at, 1] = part_cut[exit_], exit_y[exit_]
    if closed:
        coords[out_first + out_lengths - 1] = coords[out_first]
    k = int(np.searchsorted(part_unit, units))  # the left side's parts come first
    v = int(out_first[k]) if k < len(out_first) else len(coords)
    crossed = entry & exit_
    return (
        SideParts(part_unit[:k], coords[:v], out_lengths[:k], crossed[:k], entry_y[:k], exit_y[:k]),
        SideParts(
            part_unit[k:] - units, coords[v:], out_lengths[k:], crossed[k:], entry_y[k:], exit_y[k:]
        ),
    )


@dataclass(frozen=True)
class PolygonCuts:
    """Polygons cut at many steps (rows): for each row, the parts before its cut (side 0) and
    after it (side 1) as rings, and the cut's segments inside the polygons; for the rows in
    `simple` only (the others are left to the caller)."""

    simple: np.ndarray  # per row
    ring_piece: np.ndarray  # per ring: side * rows + row (ascending)
    ring_polygon: np.ndarray  # per ring: the polygon of the input it is part of
    ring_shell: np.ndarray  # per ring: a shell (else a hole)
    ring_lengths: np.ndarray  # vertex count of each ring (closed)
    ring_coords: np.ndarray  # (n, 2): every ring's vertices end to end
    cut_row: np.ndarray  # per cut segment: its row (ascending; segments upward along the cut)
    cut_coords: np.ndarray  # (2 * segments, 2): each segment's two ends


def cut_polygons(
    xy: np.ndarray,
    ring_lengths: np.ndarray,
    ring_row: np.ndarray,
    ring_polygon: np.ndarray,
    ring_shell: np.ndarray,
    cuts: np.ndarray,
) -> PolygonCuts:
    """Cut the rings (without closing vertices; `ring_row` ascending, a row's rings polygon after
    polygon, shell first) of each row at x = `cuts[row]`. A row is simple when no vertex lies on
    its cut, the cut crosses every shell at most twice and no hole: then each polygon's part on a
    side is its shell's one run closed along the cut (or the whole shell) with its holes on that
    side, and the cut's segments are those closing runs."""
    rows = len(cuts)
    ring_cut = cuts[ring_row]
    left, right = side_parts(xy, ring_lengths, ring_cut, closed=True)
    runs = np.bincount(left.unit[left.crossed], minlength=len(ring_lengths))
    on_cut = xy[:, 0] == np.repeat(ring_cut, ring_lengths)
    vertex_row = np.repeat(ring_row, ring_lengths)
    bad = np.zeros(rows, dtype=bool)
    bad[vertex_row[on_cut]] = True
    bad[ring_row[runs > ring_shell]] = True
    simple = ~bad
    pieces, coords, lengths, polygons, shells = [], [], [], [], []
    for side, parts in enumerate((left, right)):
        row = ring_row[parts.unit]
        keep = simple[row]
        pieces.append(side * rows + row[keep])
        coords.append(parts.coords[np.repeat(keep, parts.lengths)])
        lengths.append(parts.lengths[keep])
        polygons.append(ring_polygon[parts.unit[keep]])
        shells.append(ring_shell[parts.unit[keep]])
    chain = left.crossed & simple[ring_row[left.unit]]
    low = np.minimum(left.entry_y[chain], left.exit_y[chain])
    high = np.maximum(left.entry_y[chain], left.exit_y[chain])
    cut_row = ring_row[left.unit[chain]]
    order = np.lexsort((low, cut_row))
    x = cuts[cut_row][order]
    segments = np.stack(
        [np.column_stack([x, low[order]]), np.column_stack([x, high[order]])], axis=1
    ).reshape(-1, 2)
    return PolygonCuts(
        simple,
        np.concatenate(pieces),
        np.concatenate(polygons),
        np.concatenate(shells).astype(bool),
        np.concatenate(lengths),
        np.concatenate(coords),
        cut_row[order],
        segments,
    )


def ring_areas(coords: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """The area enclosed by each closed ring (shoelace; unsigned), rings end to end in `coords`."""
    if not len(lengths):
        return np.zeros(0)
    x, y = coords[:, 0], coords[:, 1]
    cross = np.append(x[:-1] * y[1:] - x[1:] * y[:-1], 0.0)
    first = starts(lengths)
    cross[first[1:] - 1] = 0.0  # from one ring's last vertex to the next ring's first
    return np.abs(np.add.reduceat(cross, first)) / 2


def line_lengths(coords: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """The length of each polyline, polylines end to end in `coords`."""
    if not len(lengths):
        return np.zeros(0)
    d = np.append(np.hypot(*np.diff(coords, axis=0).T), 0.0)
    first = starts(lengths)
    d[first[1:] - 1] = 0.0  # from one line's last vertex to the next line's first
    return np.add.reduceat(d, first)
