"""Metrics on the grid scenario: the daily series and each kind of claim, computed exactly."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from aleppo_desktop.core.frames import STEPS
from aleppo_desktop.core.loading import load_scenario
from aleppo_desktop.core.metrics import (
    ClaimCheck,
    area_gained,
    check_claims,
    daily_series,
    front_length,
    head_count,
    share_lost,
)
from aleppo_desktop.core.scenario import Scenario
from aleppo_desktop.core.timeline import day_number
from tests.conftest import edges_km, km2, write_scenario

REGIME, REBEL, YPG = 0, 1, 2
# the rebels' edges with the regime (west) and the YPG (east) on 1 July
REBEL_FRONT_1_JUL = (
    ("a-01", "a-02"),
    ("a-11", "a-12"),
    ("a-21", "a-22"),
    ("a-13", "a-23"),
    ("a-22", "a-23"),
)


def july(d: int) -> date:
    return date(2016, 7, d)


@pytest.fixture(scope="module")
def grid(tmp_path_factory: pytest.TempPathFactory) -> Scenario:
    return load_scenario(write_scenario(tmp_path_factory.mktemp("metrics") / "grid"))


def test_daily_series_shape_and_change_days(grid: Scenario) -> None:
    series = daily_series(grid)
    assert series.times.tolist() == [day_number(july(d)) for d in range(1, 21)]
    assert series.area_km2.shape == (20, 3)
    assert series.front_km.shape == (20,)
    total = km2(grid, *(a.id for a in grid.areas))
    assert series.area_km2.sum(axis=1) == pytest.approx([total] * 20, rel=1e-9)
    by_day = {
        1: ("a-02 a-03 a-12 a-13 a-22", "a-23"),
        5: ("a-03 a-12 a-13 a-22", "a-23"),
        10: ("a-03 a-13", "a-23"),
        12: ("a-03 a-13", "a-23"),
        15: ("a-13", "a-23"),
        18: ("", "a-13 a-23"),
        20: ("", "a-13 a-23"),
    }
    for d, (rebel, ypg) in by_day.items():
        row = series.area_km2[d - 1]
        assert row[REBEL] == pytest.approx(km2(grid, *rebel.split()), abs=1e-12), d
        assert row[YPG] == pytest.approx(km2(grid, *ypg.split()), abs=1e-12), d
        assert row[REGIME] == pytest.approx(total - row[REBEL] - row[YPG], rel=1e-12), d
    assert series.front_km[0] == pytest.approx(edges_km(grid, *REBEL_FRONT_1_JUL), rel=1e-12)
    assert series.front_km[9] == pytest.approx(
        edges_km(grid, ("a-02", "a-03"), ("a-12", "a-13"), ("a-13", "a-23")), rel=1e-12
    )
    assert series.front_km[17] == series.front_km[19] == 0.0


def test_daily_series_on_the_first_day_of_a_sweep(grid: Scenario) -> None:
    series = daily_series(grid)
    # 07-04 00:00 is the first step of a-02's sweep: 1/(STEPS + 1) of the cell across
    a02 = km2(grid, "a-02")
    assert series.area_km2[3][REGIME] - series.area_km2[2][REGIME] == pytest.approx(
        a02 / (STEPS + 1), rel=0.02
    )


def test_area_gained(grid: Scenario) -> None:
    assert area_gained(grid, "regime", "rebel", july(1), july(6)) == km2(grid, "a-02")
    assert area_gained(grid, "regime", "rebel", july(1), july(20)) == pytest.approx(
        km2(grid, "a-02", "a-12", "a-22", "a-03"), rel=1e-12
    )
    assert area_gained(grid, "ypg", "rebel", july(1), july(20)) == km2(grid, "a-13")
    assert area_gained(grid, "ypg", "rebel", july(1), july(17)) == 0.0
    assert area_gained(grid, "rebel", "regime", july(1), july(20)) == 0.0
    # half-open: the change dated 07-05 counts at 07-05 but not at 07-04
    assert area_gained(grid, "regime", "rebel", july(1), july(4)) == 0.0
    assert area_gained(grid, "regime", "rebel", july(1), july(5)) == km2(grid, "a-02")


def test_share_lost(grid: Scenario) -> None:
    rebel_start = km2(grid, "a-02", "a-03", "a-12", "a-13", "a-22")
    assert share_lost(grid, "rebel", july(1), july(10)) == pytest.approx(
        100 * km2(grid, "a-02", "a-12", "a-22") / rebel_start, rel=1e-12
    )
    assert share_lost(grid, "rebel", july(1), july(20)) == 100.0
    assert share_lost(grid, "rebel", july(10), july(15)) == pytest.approx(
        100 * km2(grid, "a-03") / km2(grid, "a-03", "a-13"), rel=1e-12
    )
    assert share_lost(grid, "regime", july(1), july(20)) == 0.0
    assert share_lost(grid, "rebel", july(18), july(20)) == 0.0  # nothing held: nothing lost


def test_front_length(grid: Scenario) -> None:
    assert front_length(grid, "rebel", july(1)) == pytest.approx(
        edges_km(grid, *REBEL_FRONT_1_JUL), rel=1e-12
    )
    # the regime's front is only with the rebels; the YPG's only with the rebels
    assert front_length(grid, "regime", july(1)) == pytest.approx(
        edges_km(grid, ("a-01", "a-02"), ("a-11", "a-12"), ("a-21", "a-22")), rel=1e-12
    )
    assert front_length(grid, "ypg", july(1)) == pytest.approx(
        edges_km(grid, ("a-13", "a-23"), ("a-22", "a-23")), rel=1e-12
    )
    assert front_length(grid, "rebel", july(15)) == pytest.approx(
        edges_km(grid, ("a-03", "a-13"), ("a-12", "a-13"), ("a-13", "a-23")), rel=1e-12
    )
    assert front_length(grid, "ypg", july(18)) == 0.0
    # 0.02 degrees of latitude is 2.2191 km projected: three such edges
    assert front_length(grid, "regime", july(1)) == pytest.approx(3 * 2.21914, abs=1e-4)


def test_head_count(grid: Scenario) -> None:
    assert head_count(grid, ["s1", "s2"]) == (1500 + 2000) / 2 + 6000
    assert head_count(grid, ["s2"]) == 6000.0
    assert head_count(grid, []) == 0.0


def test_check_claims_on_the_grid(grid: Scenario) -> None:
    checks = {c.claim.id: c for c in check_claims(grid)}
    assert list(checks) == ["c1", "c2", "c3", "c4"]
    assert checks["c1"].computed == km2(grid, "a-02")
    assert checks["c2"].computed == 100.0
    assert checks["c3"].computed == front_length(grid, "rebel", july(1))
    assert checks["c4"].computed == 7750.0
    assert checks["c4"].difference == pytest.approx((7750 - 8000) / 8000)
    assert [c.holds for c in checks.values()] == [True, True, True, True]


@pytest.mark.parametrize(
    ("comparator", "value", "computed", "holds"),
    [
        ("about", 8000, 7750, True),
        ("about", 8000, 6000, True),  # exactly 25% below
        ("about", 8000, 10000, True),  # exactly 25% above
        ("about", 8000, 5999, False),
        ("about", 8000, 10001, False),
        ("more_than", 50, 100, True),
        ("more_than", 50, 50, False),  # strictly more
        ("more_than", 50, 49.9, False),
        ("less_than", 5, 4.99, True),
        ("less_than", 5, 5, False),
        ("less_than", 5, 6, False),
    ],
)
def test_holds_for_each_comparator(
    grid: Scenario, comparator: str, value: float, computed: float, holds: bool
) -> None:
    claim = grid.claims[3].model_copy(update={"comparator": comparator, "value": value})
    check = ClaimCheck(claim, computed)
    assert check.holds is holds
    assert check.difference == pytest.approx((computed - value) / value)


def test_a_zero_claim_has_no_relative_difference(grid: Scenario) -> None:
    claim = grid.claims[0].model_copy(update={"value": 0.0, "comparator": "more_than"})
    assert ClaimCheck(claim, 3.0).difference == 0.0
    assert ClaimCheck(claim, 3.0).holds


def test_series_front_matches_frames(grid: Scenario) -> None:
    series = daily_series(grid)
    for row, t in enumerate(series.times):
        frame = grid.frame_at(float(t))
        assert series.front_km[row] == frame.front_km
        assert np.array_equal(series.area_km2[row], frame.area_km2)


def test_enclave_is_the_holders_territory_connected_to_the_anchor(grid: Scenario) -> None:
    from aleppo_desktop.core.metrics import enclave

    holders = np.full(len(grid.areas), REGIME, dtype=np.int16)
    for cell in ("a-00", "a-03", "a-13", "a-12"):  # a-00 is rebel too, but cut off from the rest
        holders[grid.area_index[cell]] = REBEL
    inside = {grid.areas[i].id for i in np.flatnonzero(enclave(grid, holders, "a-03"))}
    assert inside == {"a-03", "a-13", "a-12"}
    assert enclave(grid, holders, None).all()


def test_claims_can_be_limited_to_an_enclave(grid: Scenario) -> None:
    # On 1 Jul the rebels hold columns 2-3 but a-23; a-02 (one of those five cells) falls on 5 Jul.
    everything = share_lost(grid, "rebel", july(1), july(6))
    enclave_only = share_lost(grid, "rebel", july(1), july(6), enclave_of="a-13")
    assert everything == pytest.approx(enclave_only)  # one connected rebel zone: the same figure
    assert enclave_only == pytest.approx(
        100 * km2(grid, "a-02") / km2(grid, "a-02", "a-03", "a-12", "a-13", "a-22")
    )
    assert area_gained(
        grid, "regime", "rebel", july(1), july(6), enclave_of="a-13"
    ) == pytest.approx(km2(grid, "a-02"))
    # Anchored on a regime cell, the rebel enclave of that cell's holder is the regime's: nothing moves.
    assert area_gained(grid, "regime", "rebel", july(1), july(6), enclave_of="a-00") == 0.0
