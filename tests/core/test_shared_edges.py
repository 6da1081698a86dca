"""`_shared_edges_exact` (runs of shared segments merged per pair) finds the very boundaries the
per-segment merge found before it: the same pairs, the same lines, vertex for vertex and in the
same direction, on the bundled scenario, a generated one and hand-made coverages with a
boundary that is a ring or in pieces (the pairs merged from single segments)."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Sequence
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest
import shapely

from aleppo_desktop.core.frames import _shared_edges_exact
from aleppo_desktop.core.loading import load_scenario
from aleppo_desktop.paths import bundled_scenario_path

ROOT = Path(__file__).resolve().parents[2]


def per_segment(areas: Sequence) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The implementation before runs (a line a shared segment, merged per pair), kept as the
    reference."""
    starts, ends, owners = [], [], []
    for i, area in enumerate(areas):
        for ring in area.rings:
            starts.append(ring[:-1])
            ends.append(ring[1:])
            owners.append(np.full(len(ring) - 1, i))
    p, q, owner = np.concatenate(starts), np.concatenate(ends), np.concatenate(owners)
    flip = (p[:, 0] > q[:, 0]) | ((p[:, 0] == q[:, 0]) & (p[:, 1] > q[:, 1]))
    a, b = np.where(flip[:, None], q, p), np.where(flip[:, None], p, q)
    order = np.lexsort((b[:, 1], b[:, 0], a[:, 1], a[:, 0]))
    keys = np.column_stack([a, b])[order]
    owner = owner[order]
    twin = np.flatnonzero(np.all(keys[1:] == keys[:-1], axis=1) & (owner[1:] != owner[:-1]))
    pair_a = np.minimum(owner[twin], owner[twin + 1])
    pair_b = np.maximum(owner[twin], owner[twin + 1])
    n = len(areas)
    pair_key = pair_a * n + pair_b
    by_pair = np.argsort(pair_key, kind="stable")
    pair_key, segment_keys = pair_key[by_pair], keys[twin[by_pair]]
    unique_keys, pair_of_segment = np.unique(pair_key, return_inverse=True)
    segments = shapely.linestrings(
        segment_keys.reshape(-1, 2), indices=np.repeat(np.arange(len(segment_keys)), 2)
    )
    lines = shapely.line_merge(shapely.multilinestrings(segments, indices=pair_of_segment))
    return (unique_keys // n).astype(np.intp), (unique_keys % n).astype(np.intp), lines


def assert_same(areas: Sequence) -> np.ndarray:
    left, right, lines = _shared_edges_exact(areas)
    want_left, want_right, want_lines = per_segment(areas)
    np.testing.assert_array_equal(left, want_left)
    np.testing.assert_array_equal(right, want_right)
    assert len(lines) == len(want_lines)
    for got, want in zip(lines, want_lines, strict=True):
        assert got.geom_type == want.geom_type
        np.testing.assert_array_equal(shapely.get_coordinates(got), shapely.get_coordinates(want))
    return lines


def test_the_bundled_scenario() -> None:
    lines = assert_same(load_scenario(bundled_scenario_path()).areas)
    assert len(lines) > 400


def test_a_generated_scenario(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("make_scenario", ROOT / "bench/make_scenario.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_scenario"] = module
    try:
        spec.loader.exec_module(module)
        path = module.make_scenario(tmp_path, scale=2.0, seed=7)
    finally:
        del sys.modules["make_scenario"]
    assert_same(load_scenario(path).areas)


def unit(*polygons: shapely.Polygon) -> SimpleNamespace:
    rings = []
    for polygon in polygons:
        polygon = shapely.orient_polygons(polygon)
        rings.append(shapely.get_coordinates(polygon.exterior))
        rings.extend(shapely.get_coordinates(hole) for hole in polygon.interiors)
    return SimpleNamespace(rings=tuple(rings))


def square(x: float, y: float, size: float = 1.0, step: float = 0.25) -> list[tuple[float, float]]:
    """A square's ring with a vertex every `step` (so shared sides are runs of segments)."""
    n = round(size / step)
    side = [i * step for i in range(n)]
    return (
        [(x + d, y) for d in side]
        + [(x + size, y + d) for d in side]
        + [(x + size - d, y + size) for d in side]
        + [(x, y + size - d) for d in side]
    )


@pytest.mark.parametrize("start", range(4))
def test_rings_pieces_and_chains(start: int) -> None:
    """An island unit inside a holed one (the boundary is a ring), a unit the same neighbour
    touches on two separate sides (two pieces), and plain chains starting anywhere in a ring."""
    outer = square(0, 0, 4)
    hole = square(1, 1, 2)
    hole = hole[start:] + hole[:start]
    island = shapely.Polygon(hole)
    holed = shapely.Polygon(outer, [hole])
    # a U around a bar: the bar shares its left, bottom and right sides with the U, not its top
    bar = shapely.Polygon(square(5, 1, 1))
    u_shape = shapely.Polygon(
        [(4, 0), (7, 0), (7, 3), (6, 3), (6, 1), (5, 1), (5, 3), (4, 3)]
    ).segmentize(0.25)
    ring = shapely.get_coordinates(u_shape.exterior)[:-1].tolist()
    u_shape = shapely.Polygon(ring[start:] + ring[:start])
    lid = shapely.Polygon([(4, 3), (7, 3), (7, 4), (4, 4)]).segmentize(0.25)
    areas = [unit(holed), unit(island), unit(u_shape), unit(bar), unit(lid)]
    lines = assert_same(areas)
    kinds = {(line.geom_type, line.geom_type == "LineString" and line.is_closed) for line in lines}
    assert ("LineString", True) in kinds  # the island's ring
    assert ("LineString", False) in kinds
    assert ("MultiLineString", False) in kinds  # the lid's two pieces along the U
