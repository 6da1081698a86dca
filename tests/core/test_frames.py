"""Frames on the grid scenario: the partition property, tweening continuity, front lines, zones.

The grid is 4 x 3 cells of 0.02 degrees (about 3.99 km2 each); its control rows are documented in
tests/conftest.py. Sweeps last one day (tween_days = 1) and run in STEPS steps.
"""

from __future__ import annotations

import math
import random

import numpy as np
import pytest
import shapely
from pyproj import Transformer

from aleppo_desktop.core.cutting import cut_polygons
from aleppo_desktop.core.frames import STEPS, Frame, FrameBuilder
from aleppo_desktop.core.geometry import line_parts_packed
from aleppo_desktop.core.loading import load_scenario
from aleppo_desktop.core.scenario import Scenario
from tests.conftest import COLS, CONTROL_ROWS, LAT0, LON0, ROWS, STEP, jul, write_scenario

REGIME, REBEL, YPG = 0, 1, 2
M2_TOLERANCE = 1.0  # overlaps and gaps under 1 m2 are rounding


@pytest.fixture(scope="module")
def grid(tmp_path_factory: pytest.TempPathFactory) -> Scenario:
    return load_scenario(write_scenario(tmp_path_factory.mktemp("frames") / "grid"))


def cell(grid: Scenario, area_id: str) -> shapely.Geometry:
    return grid.areas[grid.area_index[area_id]].geometry


def total_km2(grid: Scenario) -> float:
    return sum(a.area_km2 for a in grid.areas)


def parts_by_faction(grid: Scenario, frame: Frame) -> list[tuple[int, shapely.Geometry]]:
    """Every held part of the map at this frame: static areas plus the pieces of swept areas."""
    parts = [(int(f), grid.areas[i].geometry) for i, f in enumerate(frame.factions) if f >= 0]
    parts += [(p.faction, p.geometry) for p in frame.pieces]
    return parts


# --- partition ---------------------------------------------------------------------------------------


def test_partition_at_500_random_instants(grid: Scenario) -> None:
    rng = random.Random(20161222)
    union = shapely.union_all([a.geometry for a in grid.areas])
    total = total_km2(grid)
    assert union.area / 1e6 == pytest.approx(total, rel=1e-9)
    swept_frames = 0
    for _ in range(500):
        t = rng.uniform(grid.start, grid.end)
        frame = grid.frame_at(t)
        swept = sorted({p.area_index for p in frame.pieces})
        # no area is ever unheld: -1 marks exactly the areas being swept, which have two pieces
        assert np.flatnonzero(frame.factions < 0).tolist() == swept
        assert len(frame.pieces) == 2 * len(swept)
        swept_frames += bool(swept)
        for i in swept:
            captured, remaining = (p for p in frame.pieces if p.area_index == i)
            area = grid.areas[i].geometry
            both = shapely.union(captured.geometry, remaining.geometry)
            assert shapely.symmetric_difference(both, area).area < M2_TOLERANCE
            assert shapely.intersection(captured.geometry, remaining.geometry).area < M2_TOLERANCE
            assert captured.area_km2 > 0 and remaining.area_km2 > 0
        # the held parts cover the union with no overlap (their areas add up) and no gap (same union)
        parts = parts_by_faction(grid, frame)
        geometries = [g for _, g in parts]
        assert sum(g.area for g in geometries) / 1e6 == pytest.approx(total, rel=1e-6)
        assert shapely.union_all(geometries).area / 1e6 == pytest.approx(total, rel=1e-6)
        assert frame.area_km2.sum() == pytest.approx(total, rel=1e-6)
        # and the per-faction figures are those parts, faction by faction
        for f in range(3):
            km2 = sum(g.area for g2, g in parts if g2 == f) / 1e6
            assert frame.area_km2[f] == pytest.approx(km2, rel=1e-9, abs=1e-9)
    assert swept_frames > 100  # about a quarter of the period is under a sweep


def test_no_pieces_and_exact_holders_outside_sweeps(grid: Scenario) -> None:
    frame = grid.frame_at(jul(7) + 0.5)
    assert frame.pieces == ()
    assert frame.factions.tolist() == [0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 2]
    km2 = [a.area_km2 for a in grid.areas]
    assert frame.area_km2[REBEL] == sum(km2[i] for i in (3, 6, 7, 10))
    assert frame.area_km2[YPG] == km2[11]


# --- tweening ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("area_id", "change_day", "attacker", "diagonal"),
    [
        ("a-02", 5, REGIME, False),
        ("a-12", 10, REGIME, True),  # regime on two sides (west, south): a diagonal sweep
        ("a-22", 10, REGIME, False),
        ("a-03", 15, REGIME, False),
        ("a-13", 18, YPG, False),
    ],
)
def test_sweep_grows_in_small_monotone_steps(
    grid: Scenario, area_id: str, change_day: int, attacker: int, diagonal: bool
) -> None:
    i = grid.area_index[area_id]
    unit = grid.areas[i].area_km2
    end = jul(change_day)
    times = [end - 1 - 1e-7, *np.linspace(end - 1, end, 200, endpoint=False), end]
    captured = []
    for t in times:
        frame = grid.frame_at(float(t))
        pieces = [p for p in frame.pieces if p.area_index == i]
        if not pieces:
            captured.append(unit if frame.factions[i] == attacker else 0.0)
            continue
        assert frame.factions[i] == -1
        (piece,) = (p for p in pieces if p.faction == attacker)
        captured.append(piece.area_km2)
    steps = np.diff(captured)
    assert captured[0] == 0.0 and captured[-1] == unit
    assert 0 < captured[1] <= unit / STEPS  # the sweep starts at once, with one small step
    assert steps.min() >= -1e-9  # the attacker's part only grows
    # never a pop: a step is a strip 1/(STEPS + 1) of the way across the cell; across a diagonal the
    # middle strips are up to twice the average
    assert steps.max() <= (2 if diagonal else 1) * unit / STEPS + 1e-9
    assert np.count_nonzero(steps > 1e-9) == STEPS + 1  # every step is shown, then the whole area


def test_attacker_total_changes_by_small_steps(grid: Scenario) -> None:
    times = np.linspace(jul(4) - 0.01, jul(5) + 0.01, 400)
    regime = np.array([grid.frame_at(float(t)).area_km2[REGIME] for t in times])
    unit = grid.areas[grid.area_index["a-02"]].area_km2
    assert np.diff(regime).min() >= -1e-9
    assert np.diff(regime).max() <= unit / STEPS + 1e-9
    assert regime[-1] - regime[0] == pytest.approx(unit, rel=1e-9)


@pytest.mark.parametrize(
    ("area_id", "change_day", "attacker_cells", "far_cells"),
    [
        ("a-02", 5, ["a-01"], ["a-03"]),  # regime comes from the west
        ("a-22", 10, ["a-21"], ["a-23"]),
        ("a-03", 15, ["a-02"], []),
        ("a-13", 18, ["a-23"], ["a-03"]),  # the YPG comes from the north
    ],
)
def test_sweep_starts_on_the_side_touching_the_attacker(
    grid: Scenario, area_id: str, change_day: int, attacker_cells: list[str], far_cells: list[str]
) -> None:
    i = grid.area_index[area_id]
    frame = grid.frame_at(jul(change_day) - 1)  # the first step of the sweep
    captured, remaining = (p for p in frame.pieces if p.area_index == i)
    for neighbour in attacker_cells:
        assert captured.geometry.distance(cell(grid, neighbour)) < 1e-6
        assert remaining.geometry.distance(cell(grid, neighbour)) > 30  # one step (~37 m) away
    for neighbour in far_cells:
        assert captured.geometry.distance(cell(grid, neighbour)) > 1000
        assert remaining.geometry.distance(cell(grid, neighbour)) < 1e-6


def test_confidence_only_change_has_no_sweep(grid: Scenario) -> None:
    a12 = grid.area_index["a-12"]
    assert [tr.day for tr in grid.frames.transitions if tr.area == a12] == [jul(10)]
    for t in np.linspace(jul(11), jul(12), 100, endpoint=False):
        frame = grid.frame_at(float(t))
        assert frame.pieces == ()
        assert (frame.factions[a12], frame.confidences[a12]) == (REGIME, 1)  # claimed
    assert grid.frame_at(jul(12)).confidences[a12] == 0  # confirmed from 00:00


# --- front lines ---------------------------------------------------------------------------------------

TO_UTM = Transformer.from_crs("EPSG:4326", "EPSG:32637", always_xy=True)


def edge_km(a: str, b: str) -> float:
    """Length of the shared edge of two grid cells (ids a-RC), from the projected cell corners."""
    (r1, c1), (r2, c2) = sorted((int(x[2]), int(x[3])) for x in (a, b))
    if r1 == r2:  # side by side: a north-south edge on the line between columns c1 and c2
        lon = LON0 + c2 * STEP
        ends = [(lon, LAT0 + r1 * STEP), (lon, LAT0 + (r1 + 1) * STEP)]
    else:  # one above the other: an east-west edge
        lat = LAT0 + r2 * STEP
        ends = [(LON0 + c1 * STEP, lat), (LON0 + (c1 + 1) * STEP, lat)]
    (x1, y1), (x2, y2) = (TO_UTM.transform(*p) for p in ends)
    return math.hypot(x2 - x1, y2 - y1) / 1000


# Hostile edges by hand: regime holds columns 0-1, the rebels columns 2-3, the YPG cell a-23.
FRONT_0701 = [
    ("a-01", "a-02"),
    ("a-11", "a-12"),
    ("a-21", "a-22"),
    ("a-13", "a-23"),
    ("a-22", "a-23"),
]
# 07-10: regime also holds a-02, a-12, a-22; a-22/a-23 is regime-YPG, not a front.
FRONT_0710 = [("a-02", "a-03"), ("a-12", "a-13"), ("a-13", "a-23")]


def test_grid_edges_are_0_02_degrees() -> None:
    assert len(FRONT_0701) == 5 and ROWS * COLS == 12
    assert edge_km("a-01", "a-02") == pytest.approx(2.2191, abs=1e-4)  # 0.02 degrees of latitude
    assert edge_km("a-02", "a-12") == pytest.approx(1.7986, abs=1e-4)  # 0.02 degrees of longitude
    assert edge_km("a-13", "a-23") == pytest.approx(1.7981, abs=1e-4)  # ... a little further north


def test_front_km_is_exact_at_static_dates(grid: Scenario) -> None:
    assert grid.frame_at(jul(1)).front_km == pytest.approx(
        sum(edge_km(a, b) for a, b in FRONT_0701), rel=1e-9
    )


@pytest.mark.parametrize(
    ("d", "edges"),
    [
        (1, FRONT_0701),
        (
            7,
            [e for e in FRONT_0701 if e != ("a-01", "a-02")] + [("a-02", "a-03"), ("a-02", "a-12")],
        ),
        (10, FRONT_0710),
        (12, FRONT_0710),
        (18, []),
        (20, []),
    ],
)
def test_front_km_counts_hostile_edges_only(
    grid: Scenario, d: int, edges: list[tuple[str, str]]
) -> None:
    frame = grid.frame_at(jul(d))
    assert frame.pieces == ()
    assert frame.front_km == pytest.approx(
        sum(edge_km(a, b) for a, b in edges), rel=1e-9, abs=1e-12
    )
    drawn = sum(shapely.LineString(line).length for line in frame.front_lines) / 1000
    assert drawn == pytest.approx(frame.front_km, rel=1e-9, abs=1e-12)


def test_regime_ypg_edges_are_not_fronts(grid: Scenario) -> None:
    assert not grid.hostile[REGIME, YPG] and not grid.hostile[YPG, REGIME]
    assert grid.hostile[REGIME, REBEL] and grid.hostile[REBEL, YPG]
    frame = grid.frame_at(jul(19))  # regime everywhere but a-13 and a-23 (YPG): no front at all
    assert frame.front_km == 0.0
    assert frame.front_lines == ()


def test_front_during_a_sweep_includes_the_moving_cut(grid: Scenario) -> None:
    frame = grid.frame_at(jul(4) + 0.5)  # a-02 swept from the west: step 24, cut at 25/49 of it
    assert [p.faction for p in frame.pieces] == [REGIME, REBEL]
    static = [("a-11", "a-12"), ("a-21", "a-22"), ("a-13", "a-23"), ("a-22", "a-23")]
    expected = (
        sum(edge_km(a, b) for a, b in static)
        + edge_km("a-01", "a-02")  # the cut: a north-south line across a-02, as long as its side
        + edge_km("a-02", "a-12") * 25 / 49  # the captured part's south side faces rebel a-12
    )  # a-01/a-02 is regime-regime now, and the remaining part faces rebel a-03: no front
    assert frame.front_km == pytest.approx(expected, abs=0.005)


def test_a_handover_between_allies_draws_no_front(make_scenario) -> None:  # type: ignore[no-untyped-def]
    # a-22 passes from the regime (since 07-10) to the YPG (its ally) on 07-19.
    path = make_scenario(control=[*CONTROL_ROWS, "a-22,2016-07-19,ypg,confirmed,test,"])
    scenario = load_scenario(path)
    during = scenario.frame_at(jul(18) + 0.5)
    assert len(during.pieces) == 2
    assert during.front_km == 0.0
    assert during.front_lines == ()


# --- zones ---------------------------------------------------------------------------------------------


def test_zones_at_a_static_date(grid: Scenario) -> None:
    zones = grid.frame_at(jul(10)).zones()
    km2 = {a.id: a.area_km2 for a in grid.areas}
    expected = {
        ("regime", "confirmed"): ["a-00", "a-01", "a-02", "a-10", "a-11", "a-20", "a-21"],
        ("regime", "claimed"): ["a-12", "a-22"],
        ("rebel", "confirmed"): ["a-03", "a-13"],
        ("ypg", "confirmed"): ["a-23"],
    }
    assert sorted(zones) == sorted(expected)
    for key, cells in expected.items():
        assert zones[key].area / 1e6 == pytest.approx(sum(km2[c] for c in cells), rel=1e-9)
    assert sum(z.area for z in zones.values()) / 1e6 == pytest.approx(total_km2(grid), rel=1e-9)


@pytest.mark.parametrize("t_offset", [3.5, 4.25, 9.5, 14.9, 17.01, 19.0])
def test_zones_sum_to_the_total(grid: Scenario, t_offset: float) -> None:
    frame = grid.frame_at(grid.start + t_offset)
    zones = frame.zones()
    assert sum(z.area for z in zones.values()) / 1e6 == pytest.approx(total_km2(grid), rel=1e-6)
    for (faction, _), geometry in zones.items():
        assert geometry.is_valid and not geometry.is_empty
        assert faction in ("regime", "rebel", "ypg")
    by_faction = [
        sum(z.area for (f, _), z in zones.items() if f == name) / 1e6
        for name in ("regime", "rebel", "ypg")
    ]
    assert by_faction == pytest.approx(frame.area_km2.tolist(), rel=1e-6, abs=1e-9)


def test_frame_at_clamps_to_the_period(grid: Scenario) -> None:
    assert (
        grid.frame_at(grid.start - 10).factions.tolist()
        == grid.frame_at(grid.start).factions.tolist()
    )
    assert grid.frame_at(grid.end + 10).t == grid.end


def test_precompute_makes_every_step_a_lookup(grid: Scenario) -> None:
    builder = grid.frames
    assert builder.precompute() is True
    assert len(builder.transitions) == 5
    assert all(builder.is_cached(n) for n in range(5))
    assert 0 < builder.cache_bytes <= builder.cache_ceiling
    n = 0
    step = builder.step(n, 10)
    assert builder.step(n, 10) is step


def test_a_step_alone_equals_the_same_step_of_the_whole_sweep(grid: Scenario) -> None:
    """A frame that needs an uncomputed step computes that step only, and draws the same."""
    whole = FrameBuilder(grid)
    whole.compute_sweep(2)
    for s in (0, 17, STEPS - 1):
        alone = FrameBuilder(grid)
        a, b = alone.step(2, s), whole.step(2, s)
        assert not alone.is_cached(2)
        for p, q in ((a.captured, b.captured), (a.remaining, b.remaining)):
            assert (p.faction, p.confidence) == (q.faction, q.confidence)
            assert p.area_km2 == pytest.approx(q.area_km2, rel=1e-12)
            assert np.array_equal(p.coords, q.coords)
            assert shapely.equals_exact(p.geometry, q.geometry, 1e-9)
        assert a.cut_km == pytest.approx(b.cut_km)
    alone.step(2, 20)  # far from the step asked before: a scrub, one more step
    assert not alone.is_cached(2) and len(alone._sweeps) == 2
    alone.step(2, 22)  # near the step asked just before: time moves through it, compute it all
    assert alone.is_cached(2) and list(alone._sweeps) == [2]  # replacing the single steps


def test_a_scrub_back_near_a_step_shown_earlier_computes_one_step(grid: Scenario) -> None:
    """Only the step asked just before counts as time moving through a sweep: a scrub that
    comes back near a step it showed a while ago (another sweep shown in between) computes
    that step alone, on the UI thread, not the whole sweep."""
    builder = FrameBuilder(grid)
    builder.step(2, 10)
    builder.step(3, 30)
    builder.step(2, 12)
    assert not builder.is_cached(2) and len(builder._sweeps) == 3


def test_sweep_cache_stays_under_its_ceiling(grid: Scenario) -> None:
    builder = FrameBuilder(grid)
    builder.compute_sweep(0)
    one = builder.cache_bytes
    builder.cache_ceiling = int(one * 2.5)  # room for two sweeps of this size
    for n in range(5):
        builder.compute_sweep(n)
        assert builder.cache_bytes <= builder.cache_ceiling
    assert [n for n in range(5) if builder.is_cached(n)] == [3, 4]  # least recently used out
    builder.step(0, 5)  # evicted sweeps are computed again on demand
    assert builder.cache_bytes <= builder.cache_ceiling


def test_piece_geometry_round_trips_holes_and_parts() -> None:
    from aleppo_desktop.core.frames import _piece

    ring = shapely.Polygon([(0, 0), (10, 0), (10, 10), (0, 10)], [[(2, 2), (4, 2), (4, 4), (2, 4)]])
    shape = shapely.MultiPolygon([ring, shapely.box(20, 0, 30, 5)])
    piece = _piece(3, (1, 0), shape)
    assert len(piece.rings) == 3 and piece.polygon_rings.tolist() == [2, 1]
    assert piece.geometry.equals(shape)
    assert piece.area_km2 == pytest.approx(shape.area / 1e6)
    assert _piece(0, (0, 0), shapely.Polygon()).geometry.is_empty


def test_precompute_of_a_large_scenario_follows_the_playhead(grid: Scenario) -> None:
    """Sweeps that would not fit in the cache are computed around the playhead until cancelled."""
    import threading

    builder = FrameBuilder(grid)
    builder.compute_sweep(0)
    builder.cache_ceiling = int(builder.cache_bytes * 2)  # all 5 would not fit
    done = threading.Event()
    worker = threading.Thread(target=builder.precompute, args=(done.is_set,))
    worker.start()
    try:
        builder.follow(builder.transitions[-1].day - 0.5)
        near = builder.sweeps_near(builder.transitions[-1].day - 0.5)
        for _ in range(200):
            if all(builder.is_cached(n) for n in near):
                break
            threading.Event().wait(0.02)
        assert all(builder.is_cached(n) for n in near)
        assert worker.is_alive()  # still following
    finally:
        done.set()
        worker.join(5)
    assert not worker.is_alive()


def test_prefetch_follows_the_playhead_and_stops_when_cancelled(grid: Scenario) -> None:
    import threading

    builder = FrameBuilder(grid)
    done = threading.Event()
    first = builder.transitions[0]
    builder.follow(first.window_start)
    worker = threading.Thread(target=builder.prefetch_loop, args=(done.is_set,))
    worker.start()
    try:
        for _ in range(200):
            near = builder.sweeps_near(first.window_start)
            if near and all(builder.is_cached(n) for n in near):
                break
            threading.Event().wait(0.02)
        assert 0 in near and all(builder.is_cached(n) for n in near)
        far = [n for n in range(5) if n not in near]
        assert not any(builder.is_cached(n) for n in far)  # only around the playhead
    finally:
        done.set()
        worker.join(5)
    assert not worker.is_alive()


def test_precompute_stops_when_cancelled(grid: Scenario) -> None:
    """The app cancels the background precompute when it quits (a daemon thread left running
    into interpreter shutdown can crash the process)."""
    builder = FrameBuilder(grid)
    asked: list[int] = []

    def cancelled() -> bool:
        asked.append(1)
        return len(asked) > 2

    assert builder.precompute(cancelled) is False
    assert len(asked) == 3 < len(builder.transitions)  # asked before each sweep, stopped at once
    assert builder.precompute() is True


@pytest.mark.parametrize("d", [1.0, 4.5, 7.0, 9.25, 14.9])
def test_front_polylines_join_the_same_lines(grid: Scenario, d: float) -> None:
    frame = grid.frame_at(jul(1) + d - 1)
    joined = frame.front_polylines()
    raw_km = sum(shapely.LineString(line).length for line in frame.front_lines) / 1000
    joined_km = sum(shapely.LineString(line).length for line in joined) / 1000
    assert joined_km == pytest.approx(raw_km, rel=1e-9, abs=1e-12)
    assert len(joined) <= len(frame.front_lines)
    assert frame.front_polylines() is joined  # cached per frame key


@pytest.mark.parametrize("d", [1.0, 4.5, 7.0, 9.25, 14.9])
def test_front_polylines_as_merged_line_by_line(grid: Scenario, d: float) -> None:
    """The lines made in one call join into the very vertices of a line made at a time."""
    from aleppo_desktop.core.geometry import line_parts

    frame = grid.frame_at(jul(1) + d - 1)
    lines = [shapely.linestrings(line) for line in frame.front_lines if len(line) >= 2]
    expected = line_parts(shapely.line_merge(shapely.multilinestrings(lines)))
    joined = frame.front_polylines()
    assert lines and len(joined) == len(expected)
    for got, want in zip(joined, expected, strict=True):
        assert got.dtype == want.dtype and got.tobytes() == want.tobytes()


@pytest.mark.parametrize("loop", ["prefetch_loop", "precompute"])
def test_background_sweeps_wait_while_the_playhead_jumps(
    grid: Scenario, monkeypatch, loop: str
) -> None:
    """A scrub pauses the background sweeps, the prefetch around the playhead as the precompute of
    every sweep right after opening (the UI thread computes what it shows, without contention)."""
    import threading

    from aleppo_desktop.core import frames

    monkeypatch.setattr(frames, "SCRUB_PAUSE_S", 1e9)
    builder = FrameBuilder(grid)
    builder.follow(builder.transitions[0].window_start + 5)  # a jump from the period start
    done = threading.Event()
    worker = threading.Thread(target=getattr(builder, loop), args=(done.is_set,))
    worker.start()
    try:
        threading.Event().wait(0.3)
        assert not any(builder.is_cached(n) for n in range(len(builder.transitions)))
    finally:
        done.set()
        worker.join(5)
    assert not worker.is_alive()


def _same_lines(a, b) -> None:
    """Two steps with the same lines, in the same order and grouping (cut, then each edge)."""
    assert a.cut_count == b.cut_count and a.cut_km == b.cut_km
    assert np.array_equal(a.coords, b.coords) and np.array_equal(a.line_ends, b.line_ends)
    assert np.array_equal(a.edge_lines, b.edge_lines) and np.array_equal(a.edge_km, b.edge_km)


def test_a_steps_packed_lines_do_not_depend_on_what_was_computed_with_it(grid: Scenario) -> None:
    """Steps are computed in batches (several sweeps, some of their steps) and their lines packed
    from the batch's overlays: a step computed alone has the same lines, cut first then each
    neighbour edge's captured and remaining sides, as in a batch of two sweeps."""
    builder = FrameBuilder(grid)
    chosen = np.array([0, 17, STEPS - 1])
    batch = builder._sweeps_of([(0, chosen), (2, np.arange(STEPS))])
    for n, steps in ((0, chosen), (2, np.array([0, 9, STEPS - 1]))):
        for s in steps.tolist():
            (alone,) = FrameBuilder(grid)._sweeps_of([(n, np.array([s]))])[0]
            in_batch = batch[0][chosen.tolist().index(s)] if n == 0 else batch[1][s]
            _same_lines(alone, in_batch)
            lines = alone.lines()
            assert len(lines) == alone.cut_count + int(alone.edge_lines[:, 1:].sum())
            assert all(len(line) >= 2 for line in lines)
            edge_km = alone.edge_km.sum(axis=0) if len(alone.edge_km) else np.zeros(2)
            assert sum(shapely.length(shapely.linestrings(x)) for x in lines) / 1000 == (
                pytest.approx(alone.cut_km + edge_km.sum())
            )


def test_line_parts_packed_keeps_each_geometrys_lines_in_order() -> None:
    """Lines of each geometry end to end: its own lines, then its multi-part members' (points
    and polygons dropped); empty geometries have none."""
    a, b, c, d = (shapely.LineString([(i, 0), (i, 1 + i)]) for i in range(4))
    ring = shapely.LinearRing([(0, 0), (1, 0), (1, 1)])
    geometries = np.array(
        [
            shapely.GeometryCollection(
                [a, shapely.MultiLineString([b, c]), shapely.Point(5, 5), d]
            ),
            shapely.LineString(),
            ring,
            shapely.MultiLineString([c, a]),
        ],
        dtype=object,
    )
    coords, lengths, counts = line_parts_packed(geometries)
    expected = [a, d, b, c, ring, c, a]
    assert counts.tolist() == [4, 0, 1, 2]
    assert lengths.tolist() == [len(shapely.get_coordinates(g)) for g in expected]
    assert np.array_equal(coords, np.concatenate([shapely.get_coordinates(g) for g in expected]))


def _half_plane_reference(builder: FrameBuilder, n: int, s: int) -> tuple:
    """Step s of sweep n worked out independently in the map CRS: the area intersected with the
    half-planes before and after the cut (a line across the sweep's direction at (s + 1) /
    (STEPS + 1) of the area's extent along it), and the cut inside the area."""
    ux, uy, cx, cy = builder._direction(n)
    area = builder.geometries[builder.transitions[n].area]
    along = (shapely.get_coordinates(area) - (cx, cy)) @ np.array([ux, uy])
    lo, hi = along.min(), along.max()
    at = lo + (hi - lo) * (s + 1) / (STEPS + 1)
    big = 10 * (hi - lo) + 1e4
    u, v, c = np.array([ux, uy]), np.array([-uy, ux]), np.array([cx, cy])

    def band(a: float, b: float) -> shapely.Geometry:
        return shapely.Polygon(
            [c + u * a - v * big, c + u * b - v * big, c + u * b + v * big, c + u * a + v * big]
        )

    cut = shapely.LineString([c + u * at - v * big, c + u * at + v * big])
    return (
        area.intersection(band(lo - big, at)),
        area.intersection(band(at, hi + big)),
        cut.intersection(area),
    )


def _assert_like_reference(builder: FrameBuilder, n: int, s: int) -> None:
    step = builder.step(n, s)
    captured, remaining, cut = _half_plane_reference(builder, n, s)
    whole = builder.geometries[builder.transitions[n].area].area
    for piece, want in ((step.captured, captured), (step.remaining, remaining)):
        assert piece.area_km2 * 1e6 == pytest.approx(want.area, rel=1e-6, abs=1e-6 * whole)
        got = piece.geometry
        assert got.is_valid
        assert shapely.symmetric_difference(got, want).area <= 1e-6 * whole
    assert step.cut_km * 1000 == pytest.approx(cut.length, rel=1e-6, abs=1e-6)
    cut_lines = step.lines()[: step.cut_count]
    if cut_lines:
        drawn = shapely.multilinestrings(cut_lines)
        assert shapely.hausdorff_distance(drawn, cut) < 1e-6  # the same line, on the same place


@pytest.mark.parametrize("steps", [(0, 17, STEPS - 1)])
def test_sweep_steps_match_half_planes_worked_out_in_the_map_crs(grid: Scenario, steps) -> None:
    """Captured and remaining parts and the cut of each step as an independent intersection of
    the area with the half-planes either side of the cut: areas within 1e-6 relative, shapes the
    same (a wrong side, a lost hole or part would differ by a whole piece)."""
    builder = FrameBuilder(grid)
    for n in range(len(builder.transitions)):
        for s in steps:
            _assert_like_reference(builder, n, s)


def test_bundled_sweeps_match_half_planes_also_where_overlays_are_kept(
    aleppo: Scenario, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The bundled campaign's areas (several parts, ragged shells) every 7th step of every 4th
    sweep: both the numpy cuts and the steps left to GEOS (both are met)."""
    from aleppo_desktop.core import frames

    kinds: list[bool] = []

    def counted(*args):
        result = cut_polygons(*args)
        kinds.extend(result.simple.tolist())
        return result

    monkeypatch.setattr(frames, "cut_polygons", counted)
    builder = FrameBuilder(aleppo)
    for n in range(0, len(builder.transitions), 4):
        for s in range(0, STEPS, 7):
            builder._sweeps.clear()
            _assert_like_reference(builder, n, s)
    assert True in kinds and False in kinds


def test_steps_left_to_geos_are_the_numpy_steps(aleppo: Scenario, monkeypatch) -> None:
    """Every step cut by GEOS's overlays instead (as if numpy left them all): the same pieces
    (areas within 1e-9, shapes within 1e-6 m²), cut and edge lines of the same lengths."""
    import dataclasses

    from aleppo_desktop.core import frames

    ours = FrameBuilder(aleppo)
    chosen = [(n, np.arange(0, STEPS, 5)) for n in range(0, len(ours.transitions), 9)]
    expected = ours._sweeps_of(chosen)

    def none_simple(*args):
        result = cut_polygons(*args)
        keep = np.zeros(len(result.ring_piece), dtype=bool)
        return dataclasses.replace(
            result,
            simple=np.zeros_like(result.simple),
            ring_piece=result.ring_piece[keep],
            ring_polygon=result.ring_polygon[keep],
            ring_shell=result.ring_shell[keep],
            ring_lengths=result.ring_lengths[keep],
            ring_coords=np.zeros((0, 2)),
            cut_row=result.cut_row[:0],
            cut_coords=np.zeros((0, 2)),
        )

    monkeypatch.setattr(frames, "cut_polygons", none_simple)
    got = FrameBuilder(aleppo)._sweeps_of(chosen)
    for a_steps, b_steps in zip(expected, got, strict=True):
        for a, b in zip(a_steps, b_steps, strict=True):
            for p, q in ((a.captured, b.captured), (a.remaining, b.remaining)):
                assert (p.area_index, p.faction, p.confidence) == (
                    q.area_index,
                    q.faction,
                    q.confidence,
                )
                assert p.area_km2 == pytest.approx(q.area_km2, rel=1e-9, abs=1e-12)
                assert shapely.symmetric_difference(p.geometry, q.geometry).area < 1e-6
            assert a.cut_km == pytest.approx(b.cut_km, rel=1e-9, abs=1e-12)
            assert a.cut_count == b.cut_count
            assert np.array_equal(a.edge_lines, b.edge_lines)
            assert np.array_equal(a.edge_km, b.edge_km)


def _front_lines_line_by_line(builder: FrameBuilder, t: float) -> list[np.ndarray]:
    """The front's lines picked one at a time, as `frame_at` did before it packed them: the
    hostile edges' lines, then per sweep step its cut (between hostile holders) and, per neighbour
    edge, the captured and remaining sides facing a hostile neighbour."""
    k = builder.control.state_index_at(t)
    base, _ = builder.control.state(k)
    active = builder.active_transitions(t)
    factions = base.copy()
    for n, _ in active:
        factions[builder.transitions[n].area] = -1
    lines = [
        line
        for e, (i, j) in enumerate(zip(builder.edge_a, builder.edge_b, strict=True))
        if factions[i] >= 0 and factions[j] >= 0 and builder.hostile[factions[i], factions[j]]
        for line in builder.edge_lines[e]
    ]
    sweeping = {builder.transitions[n].area for n, _ in active}
    for (n, _), step in zip(active, builder.steps(active), strict=True):
        tr, step_lines, first = builder.transitions[n], step.lines(), step.cut_count
        if builder.hostile[tr.new[0], tr.old[0]]:
            lines.extend(step_lines[:first])
        for e, near, far in step.edge_lines.tolist():
            start, middle, first = first, first + near, first + near + far
            other = builder.edge_b[e] if builder.edge_a[e] == tr.area else builder.edge_a[e]
            if (other in sweeping and other < tr.area) or base[other] < 0:
                continue
            if builder.hostile[tr.new[0], base[other]]:
                lines.extend(step_lines[start:middle])
            if builder.hostile[tr.old[0], base[other]]:
                lines.extend(step_lines[middle:first])
    return lines


@pytest.mark.parametrize("which", ["grid", "aleppo"])
def test_packed_front_lines_are_the_lines_picked_one_by_one(which: str, request) -> None:
    """At random times (sweeps under way at many), the packed front holds the very lines, in the
    same order, as picking them line by line; its polylines merge those lines."""
    from aleppo_desktop.core.geometry import line_parts

    scenario = request.getfixturevalue(which)
    builder = FrameBuilder(scenario)
    rng = random.Random(14)
    swept = 0
    for t in [rng.uniform(scenario.start, scenario.end) for _ in range(60)]:
        frame = builder.frame_at(t)
        swept += bool(frame.pieces)
        expected = _front_lines_line_by_line(builder, t)
        assert len(frame.front_lines) == len(expected) == len(frame.front_counts)
        for got, want in zip(frame.front_lines, expected, strict=True):
            assert got.tobytes() == want.tobytes()
        long = [shapely.linestrings(line) for line in expected if len(line) >= 2]
        merged = line_parts(shapely.line_merge(shapely.multilinestrings(long))) if long else []
        joined = frame.front_polylines()
        assert len(joined) == len(merged)
        for got, want in zip(joined, merged, strict=True):
            assert got.tobytes() == want.tobytes()
    assert swept >= 5
