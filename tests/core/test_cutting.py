"""core/cutting.py: polygons and lines cut at x = c in numpy, against GEOS's clipping of the same
shapes (random polygons with holes and several parts, and the cases a wrong clip gets wrong)."""

from __future__ import annotations

import numpy as np
import pytest
import shapely

from aleppo_desktop.core.cutting import (
    cut_polygons,
    line_lengths,
    ring_areas,
    side_parts,
    starts,
)


def rings_of(geometry: shapely.Geometry) -> tuple[np.ndarray, list[int], list[int], list[bool]]:
    """The input layout: rings without closing vertex, polygon after polygon, shell first."""
    xy, lengths, polygons, shells = [], [], [], []
    for p, polygon in enumerate(shapely.get_parts(geometry)):
        for r, ring in enumerate([polygon.exterior, *polygon.interiors]):
            coords = shapely.get_coordinates(ring)[:-1]
            xy.append(coords)
            lengths.append(len(coords))
            polygons.append(p)
            shells.append(r == 0)
    return np.concatenate(xy), lengths, polygons, shells


def cut(geometry: shapely.Geometry, cuts: list[float]):
    xy, lengths, polygons, shells = rings_of(geometry)
    rows = len(cuts)
    return cut_polygons(
        np.concatenate([xy] * rows),
        np.tile(lengths, rows),
        np.repeat(np.arange(rows), len(lengths)),
        np.tile(polygons, rows),
        np.tile(shells, rows),
        np.array(cuts, dtype=float),
    )


def side(result, row: int, side: int) -> tuple[shapely.Geometry, float]:
    """The part of a row on a side as a geometry, and its area from `ring_areas`."""
    rows = len(result.simple)
    chosen = result.ring_piece == side * rows + row
    first = starts(result.ring_lengths)[chosen]
    rings = [
        result.ring_coords[f : f + n]
        for f, n in zip(first, result.ring_lengths[chosen], strict=True)
    ]
    polygons: dict[int, list[np.ndarray]] = {}
    for ring, polygon in zip(rings, result.ring_polygon[chosen], strict=True):
        polygons.setdefault(int(polygon), []).append(ring)
    geometry = shapely.MultiPolygon([shapely.Polygon(r[0], r[1:]) for r in polygons.values()])
    areas = ring_areas(
        result.ring_coords[np.repeat(chosen, result.ring_lengths)], result.ring_lengths[chosen]
    )
    return geometry, float((areas * np.where(result.ring_shell[chosen], 1, -1)).sum())


def geos_side(geometry: shapely.Geometry, c: float, side: int) -> shapely.Geometry:
    x0, y0, x1, y1 = geometry.bounds
    if side == 0:
        return shapely.clip_by_rect(geometry, x0 - 1, y0 - 1, c, y1 + 1)
    return shapely.clip_by_rect(geometry, c, y0 - 1, x1 + 1, y1 + 1)


def assert_as_geos(geometry: shapely.Geometry, result, cuts: list[float]) -> int:
    """Every simple row's parts and cut as GEOS's; returns how many rows were simple."""
    _, y0, _, y1 = geometry.bounds
    for row in np.flatnonzero(result.simple).tolist():
        for s in (0, 1):
            got, area = side(result, row, s)
            want = geos_side(geometry, cuts[row], s)
            assert got.is_valid
            assert area == pytest.approx(want.area, rel=1e-9, abs=1e-9)
            assert shapely.symmetric_difference(got, want).area <= 1e-9 * geometry.area
        across = shapely.LineString([(cuts[row], y0 - 1), (cuts[row], y1 + 1)])
        segments = result.cut_coords.reshape(-1, 2, 2)[result.cut_row == row]
        assert (segments[:, 1, 1] > segments[:, 0, 1]).all()  # upward, in order along the cut
        assert (np.diff(segments[:, 0, 1]) > 0).all()
        assert (segments[:, :, 0] == cuts[row]).all()
        got_cut = shapely.MultiLineString(list(segments))
        assert got_cut.length == pytest.approx(across.intersection(geometry).length, rel=1e-12)
        assert got_cut.difference(geometry.buffer(1e-9)).length == 0
    return int(result.simple.sum())


def star(rng: np.random.Generator, cx: float, cy: float, r: float, n: int, jag: float):
    a = np.sort(rng.uniform(0, 2 * np.pi, n))
    radius = r * (1 + jag * rng.uniform(-1, 1, n))
    return np.column_stack([cx + radius * np.cos(a), cy + radius * np.sin(a)])


def test_random_polygons_with_holes_and_parts_as_geos() -> None:
    rng = np.random.default_rng(2016)
    simple = total = 0
    for i in range(30):
        if i % 3 == 0:
            geometry = shapely.Polygon(star(rng, 0, 0, 10, int(rng.integers(5, 60)), 0.4))
        elif i % 3 == 1:
            geometry = shapely.Polygon(
                star(rng, 0, 0, 10, 40, 0.1),
                [star(rng, 2, 1, 2, 8, 0.2)[::-1], star(rng, -4, -3, 1.5, 6, 0.2)],
            )
        else:
            geometry = shapely.MultiPolygon(
                [
                    shapely.Polygon(star(rng, 0, 0, 5, 20, 0.3)),
                    shapely.Polygon(star(rng, 14, 3, 4, 20, 0.6)),
                ]
            )
        if not geometry.is_valid:
            continue
        x0, _, x1, _ = geometry.bounds
        cuts = (x0 + (x1 - x0) * (np.arange(30) + 1) / 31).tolist()
        simple += assert_as_geos(geometry, cut(geometry, cuts), cuts)
        total += len(cuts)
    assert 0.3 * total < simple < total  # both kinds of row were met


def test_each_side_of_a_rectangle() -> None:
    rectangle = shapely.box(0, 0, 10, 4)
    result = cut(rectangle, [3.0])
    left, left_area = side(result, 0, 0)
    right, right_area = side(result, 0, 1)
    assert result.simple.tolist() == [True]
    assert (left_area, right_area) == (12.0, 28.0)
    assert left.equals(shapely.box(0, 0, 3, 4)) and right.equals(shapely.box(3, 0, 10, 4))
    assert result.cut_coords.tolist() == [[3.0, 0.0], [3.0, 4.0]]


def test_a_hole_goes_with_the_side_it_is_on() -> None:
    holed = shapely.Polygon(
        [(0, 0), (10, 0), (10, 10), (0, 10)], [[(6, 4), (8, 4), (8, 6), (6, 6)]]
    )
    result = cut(holed, [3.0, 9.0])
    assert result.simple.tolist() == [True, True]
    assert side(result, 0, 0)[1] == 30.0 and side(result, 0, 1)[1] == 70.0 - 4.0
    assert side(result, 1, 0)[1] == 90.0 - 4.0 and side(result, 1, 1)[1] == 10.0
    assert side(result, 0, 1)[0].equals(
        shapely.Polygon([(3, 0), (10, 0), (10, 10), (3, 10)], [[(6, 4), (8, 4), (8, 6), (6, 6)]])
    )
    # a cut through the hole is left to the caller: the parts are not one run closed along it
    assert cut(holed, [7.0]).simple.tolist() == [False]


def test_parts_of_a_multipolygon_and_a_cut_crossing_a_shell_four_times() -> None:
    two = shapely.MultiPolygon([shapely.box(0, 0, 4, 2), shapely.box(0, 5, 4, 9)])
    result = cut(two, [1.0])
    left, area = side(result, 0, 0)
    assert result.simple.tolist() == [True]
    assert len(left.geoms) == 2 and area == 2.0 + 4.0
    assert result.cut_coords.tolist() == [[1, 0], [1, 2], [1, 5], [1, 9]]
    u_shape = shapely.Polygon([(0, 0), (6, 0), (6, 6), (4, 6), (4, 2), (2, 2), (2, 6), (0, 6)])
    assert_as_geos(u_shape, cut(u_shape, [1.0, 3.0, 5.0]), [1.0, 3.0, 5.0])
    sideways = shapely.affinity.rotate(u_shape, 90, origin=(3, 3))
    assert cut(sideways, [3.5]).simple.tolist() == [False]  # four crossings


def test_a_vertex_on_the_cut_is_left_to_the_caller() -> None:
    diamond = shapely.Polygon([(0, 0), (2, -2), (4, 0), (2, 2)])
    assert cut(diamond, [2.0, 1.0]).simple.tolist() == [False, True]


def test_lines_on_either_side_as_geos() -> None:
    """Forty random lines, each with its own cut, in one pass: each line's parts on either side
    as GEOS clips them (same vertices, same order)."""
    rng = np.random.default_rng(7)
    lines = [np.cumsum(rng.normal(size=(int(rng.integers(2, 30)), 2)), axis=0) for _ in range(40)]
    cuts = np.array([rng.uniform(line[:, 0].min(), line[:, 0].max()) for line in lines])
    lengths = np.array([len(line) for line in lines])
    sides = side_parts(np.concatenate(lines), lengths, cuts, closed=False)
    for right, parts in enumerate(sides):
        first = starts(parts.lengths)
        km = np.bincount(parts.unit, line_lengths(parts.coords, parts.lengths), len(lines))
        for i, (line, c) in enumerate(zip(lines, cuts.tolist(), strict=True)):
            got = [parts.coords[f : f + n] for f, n in zip(first, parts.lengths, strict=True)]
            got = [g for g, unit in zip(got, parts.unit, strict=True) if unit == i]
            y0, y1 = line[:, 1].min() - 1, line[:, 1].max() + 1
            box = (c, y0, line[:, 0].max() + 1, y1) if right else (line[:, 0].min() - 1, y0, c, y1)
            want = [
                g
                for g in shapely.get_parts(shapely.clip_by_rect(shapely.LineString(line), *box))
                if g.geom_type == "LineString"
            ]
            assert len(got) == len(want)
            for a, b in zip(got, want, strict=True):
                np.testing.assert_allclose(a, shapely.get_coordinates(b), rtol=0, atol=1e-12)
            assert km[i] == pytest.approx(sum(g.length for g in want), rel=1e-12, abs=1e-12)


def test_both_sides_share_their_crossing_points_bit_for_bit() -> None:
    ring = np.array([[0.1, 0.3], [7.7, 1.1], [9.3, 8.9], [0.7, 6.1]])
    left, right = side_parts(ring, np.array([4]), np.array([3.3]), closed=True)
    assert sorted([left.entry_y[0], left.exit_y[0]]) == sorted([right.entry_y[0], right.exit_y[0]])
    assert left.coords[:, 0].max() == 3.3 == right.coords[:, 0].min()
