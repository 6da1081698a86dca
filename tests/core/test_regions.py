"""Regions (format 2): loaded as masks, measured per frame with the whole map, scoped claims, and
every way a region or a format 2 rule can be wrong refused with its place."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from aleppo_desktop.core.errors import ScenarioError
from aleppo_desktop.core.loading import load_scenario
from aleppo_desktop.core.metrics import (
    area_gained,
    check_claims,
    daily_series,
    front_length,
    region_figures,
    share_lost,
)
from aleppo_desktop.core.scenario import Scenario
from aleppo_desktop.core.timeline import day_number
from tests.conftest import edges_km, km2, write_scenario
from tests.core.format2 import ALL, COL3, EAST, format2_scenario, region

REGIME, REBEL, YPG = 0, 1, 2
EAST_R, COL3_R, ALL_R = 0, 1, 2


def july(d: int) -> date:
    return date(2016, 7, d)


@pytest.fixture(scope="module")
def grid2(tmp_path_factory: pytest.TempPathFactory) -> Scenario:
    """The grid in format 2 with its regions (single-day changes only, as tests/conftest.py)."""
    return load_scenario(
        write_scenario(tmp_path_factory.mktemp("regions") / "grid", format2_scenario())
    )


def test_regions_are_loaded_in_file_order_with_their_units_and_extent(grid2: Scenario) -> None:
    assert [r.id for r in grid2.regions] == ["east", "col3", "all"]
    east = grid2.region("east")
    assert east is grid2.regions[grid2.region_index["east"]]
    assert east.area_ids == EAST
    assert east.name_en == "East" and east.name_ar == "منطقة" and east.source == "test"
    assert east.mask.tolist() == [a.id in EAST for a in grid2.areas]
    assert east.area_km2 == pytest.approx(km2(grid2, *EAST), rel=1e-12)
    with pytest.raises(KeyError):
        grid2.region("west")


def test_a_format_1_scenario_has_no_regions(grid_path: Path) -> None:
    s = load_scenario(grid_path)
    assert s.regions == () and s.disputes == ()
    frame = s.frame_at(s.start)
    assert frame.region_km2.shape == (0, 3) and frame.region_front_km.shape == (0,)
    series = daily_series(s)
    assert series.region_km2.shape == (20, 0, 3) and series.region_front_km.shape == (20, 0)


def test_region_km2_at_change_days(grid2: Scenario) -> None:
    rebel_east = {1: EAST[:5], 5: ("a-03", "a-12", "a-13", "a-22"), 10: ("a-03", "a-13")}
    for d, cells in rebel_east.items():
        frame = grid2.frame_at(day_number(july(d)))
        assert frame.region_km2[EAST_R, REBEL] == pytest.approx(km2(grid2, *cells), rel=1e-12)
        assert frame.region_km2[EAST_R, YPG] == pytest.approx(km2(grid2, "a-23"), rel=1e-12)
    end = grid2.frame_at(grid2.end)
    assert end.region_km2[COL3_R].tolist() == pytest.approx(
        [km2(grid2, "a-03"), 0.0, km2(grid2, "a-13", "a-23")], rel=1e-12
    )


def test_region_front_counts_the_edges_on_or_inside_the_region(grid2: Scenario) -> None:
    frame = grid2.frame_at(grid2.start)
    # column 3: a-03, a-13 rebel, a-23 ypg; the hostile edges touching it are a-13|a-23, a-22|a-23
    assert frame.region_front_km[COL3_R] == pytest.approx(
        edges_km(grid2, ("a-13", "a-23"), ("a-22", "a-23")), rel=1e-12
    )
    # east holds every front edge of the grid on 1 Jul (the regime-rebel line is its west edge)
    assert frame.region_front_km[EAST_R] == pytest.approx(frame.front_km, rel=1e-12)


def test_a_region_of_every_unit_is_the_whole_map_at_every_quarter_day(grid2: Scenario) -> None:
    """One piece of code for both: the same figures, sweeps included, at every instant."""
    total = km2(grid2, *ALL)
    for t in np.arange(grid2.start, grid2.end + 0.01, 0.25):
        frame = grid2.frame_at(float(t))
        assert frame.region_km2[ALL_R] == pytest.approx(frame.area_km2, rel=1e-9, abs=1e-9), t
        assert frame.region_front_km[ALL_R] == pytest.approx(frame.front_km, rel=1e-9), t
        for r, cells in ((EAST_R, EAST), (COL3_R, COL3)):  # a region is never shown part-empty
            assert frame.region_km2[r].sum() == pytest.approx(km2(grid2, *cells), rel=1e-6), t
        assert frame.region_km2[ALL_R].sum() == pytest.approx(total, rel=1e-6), t


def test_region_counts_the_sweeping_parts_of_its_units(grid2: Scenario) -> None:
    # 4 Jul noon: a-02 (in east, not in col3) is being swept from rebel to regime
    frame = grid2.frame_at(day_number(july(4)) + 0.5)
    assert len(frame.pieces) == 2
    captured = next(p for p in frame.pieces if p.faction == REGIME)
    assert 0 < captured.area_km2 < km2(grid2, "a-02")
    assert frame.region_km2[EAST_R, REGIME] == pytest.approx(captured.area_km2, rel=1e-9)
    assert frame.region_km2[COL3_R, REGIME] == 0.0
    # the cut line inside a-02 is a front of east, not of column 3
    before = grid2.frame_at(day_number(july(4)) - 0.01)
    assert frame.region_front_km[COL3_R] == pytest.approx(before.region_front_km[COL3_R])
    assert frame.region_front_km[EAST_R] > before.region_front_km[EAST_R]


def test_daily_series_carries_the_regions_from_the_same_frames(grid2: Scenario) -> None:
    series = daily_series(grid2)
    assert series.region_km2.shape == (20, 3, 3)
    assert series.region_front_km.shape == (20, 3)
    for row, t in enumerate(series.times):
        frame = grid2.frame_at(float(t))
        assert np.array_equal(series.region_km2[row], frame.region_km2)
        assert np.array_equal(series.region_front_km[row], frame.region_front_km)
        assert np.array_equal(series.area_km2[row], frame.area_km2)
    share = series.region_share(EAST_R, REBEL)
    assert share[0] == 100.0
    assert (
        share[9]
        == pytest.approx(  # 10 Jul: a-03 and a-13 left of five cells
            100 * km2(grid2, "a-03", "a-13") / km2(grid2, *EAST[:5]), rel=1e-12
        )
    )
    assert share[-1] == 0.0
    # the regime held nothing in column 3 on 1 Jul: no share to give
    assert np.isnan(series.region_share(COL3_R, REGIME)).all()


def test_region_figures_at_an_instant(grid2: Scenario) -> None:
    figures = region_figures(grid2, "east", day_number(july(10)))
    assert figures.region.id == "east"
    assert figures.t == day_number(july(10))
    assert figures.total_km2 == pytest.approx(km2(grid2, *EAST), rel=1e-12)
    assert figures.held_km2(grid2, "rebel") == pytest.approx(km2(grid2, "a-03", "a-13"), rel=1e-12)
    assert figures.share(grid2, "rebel") == pytest.approx(
        100 * km2(grid2, "a-03", "a-13") / km2(grid2, *EAST[:5]), rel=1e-12
    )
    assert figures.share(grid2, "ypg") == 100.0
    frame = grid2.frame_at(day_number(july(10)))
    assert figures.front_km == frame.region_front_km[EAST_R]
    # clamped to the period like frame_at
    assert region_figures(grid2, "east", grid2.end + 5).t == grid2.end


def test_claims_scoped_by_region(grid2: Scenario) -> None:
    # column 3: only a-03 passes from the rebels to the regime (a-13 goes to the YPG)
    assert area_gained(grid2, "regime", "rebel", july(1), july(20), region="col3") == pytest.approx(
        km2(grid2, "a-03"), rel=1e-12
    )
    assert share_lost(grid2, "rebel", july(1), july(16), region="col3") == pytest.approx(
        100 * km2(grid2, "a-03") / km2(grid2, "a-03", "a-13"), rel=1e-12
    )
    assert front_length(grid2, "rebel", july(1), region="col3") == pytest.approx(
        edges_km(grid2, ("a-13", "a-23")), rel=1e-12
    )
    # the region counts units, not connectivity: the whole-map figure for the west is nothing
    assert area_gained(grid2, "regime", "rebel", july(1), july(20), region="east") == (
        pytest.approx(km2(grid2, "a-02", "a-12", "a-22", "a-03"), rel=1e-12)
    )


def test_check_claims_use_the_region_and_give_the_figures_behind_them(grid2: Scenario) -> None:
    checks = {c.claim.id: c for c in check_claims(grid2)}
    c2 = checks["c2"]  # share_lost of the rebels in east, 1 -> 20 Jul
    assert c2.scope_text == "region east"
    assert c2.basis_faction == "rebel"
    assert c2.start_km2 == pytest.approx(km2(grid2, *EAST[:5]), rel=1e-12)
    assert c2.end_km2 == 0.0
    assert c2.change_km2 == pytest.approx(-km2(grid2, *EAST[:5]), rel=1e-12)
    assert c2.computed == 100.0
    c5 = checks["c5"]  # area_gained in col3, 1 -> 16 Jul: the rebels' ground is the basis
    assert c5.basis_faction == "rebel"
    assert c5.computed == pytest.approx(km2(grid2, "a-03"), rel=1e-12)
    assert c5.start_km2 == pytest.approx(km2(grid2, "a-03", "a-13"), rel=1e-12)
    assert c5.end_km2 == pytest.approx(km2(grid2, "a-13"), rel=1e-12)
    assert c5.holds  # 5.0 claimed, about 4.9 computed
    c3 = checks["c3"]  # front_length, no region: whole map, no start
    assert c3.scope_text == "whole map"
    assert c3.start_km2 is None and c3.change_km2 is None
    assert c3.end_km2 == pytest.approx(km2(grid2, *EAST[:5]), rel=1e-12)
    c4 = checks["c4"]
    assert (c4.basis_faction, c4.start_km2, c4.end_km2) == (None, None, None)


# --- refused -----------------------------------------------------------------------------------


Make = Callable[..., Path]


def problems_of(path: Path) -> list[str]:
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    return [str(p) for p in info.value.problems]


def only_problem(path: Path, place: str, message: str) -> None:
    lines = problems_of(path)
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"{path}:{place}: "), lines
    assert message in lines[0], lines


def variant(change: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    data = format2_scenario()
    change(data)
    return data


def test_unknown_area_in_a_region(make_scenario: Make) -> None:
    data = variant(lambda d: d["regions"][1]["areas"].append("a-99"))
    only_problem(make_scenario(scenario=data), "$.regions[1].areas[3]", "unknown area 'a-99'")


def test_area_listed_twice_in_a_region(make_scenario: Make) -> None:
    data = variant(lambda d: d["regions"][0]["areas"].append("a-02"))
    only_problem(
        make_scenario(scenario=data), "$.regions[0].areas", "area 'a-02' is listed more than once"
    )


def test_empty_region(make_scenario: Make) -> None:
    data = variant(lambda d: d["regions"][0].update(areas=[]))
    only_problem(make_scenario(scenario=data), "$.regions[0]", "region east lists no area units")


def test_duplicate_region_id(make_scenario: Make) -> None:
    data = variant(lambda d: d["regions"].append(region("east", ("a-00",))))
    only_problem(make_scenario(scenario=data), "$.regions", "id 'east' is used more than once")


def test_region_with_an_unknown_source(make_scenario: Make) -> None:
    data = variant(lambda d: d["regions"][2].update(source="nowhere#1"))
    only_problem(make_scenario(scenario=data), "$.regions[2].source", "unknown source 'nowhere'")


def test_claim_naming_an_unknown_region(make_scenario: Make) -> None:
    data = variant(lambda d: d["claims"][0].update(region="west"))
    only_problem(make_scenario(scenario=data), "$.claims[0].region", "unknown region 'west'")


def test_head_count_claim_with_a_region(make_scenario: Make) -> None:
    data = variant(lambda d: d["claims"][3].update(region="east"))
    only_problem(make_scenario(scenario=data), "$.claims[3]", "has no region")


def test_format_2_refuses_enclave_of_and_says_how_to_migrate(make_scenario: Make) -> None:
    data = variant(lambda d: d["claims"][0].update(enclave_of="a-13"))
    only_problem(
        make_scenario(scenario=data),
        "$.claims[0].enclave_of",
        "format 2 scopes a claim by `region`: list the enclave's area units as a region and "
        "name it here instead of the anchor 'a-13'",
    )


def test_format_1_reads_enclave_of_and_refuses_regions(
    make_scenario: Make, grid_dict: dict[str, Any]
) -> None:
    grid_dict["claims"][1]["enclave_of"] = "a-13"
    s = load_scenario(make_scenario(scenario=grid_dict))
    check = check_claims(s)[1]
    assert check.scope_text == "enclave of a-13"
    assert check.start_km2 == pytest.approx(km2(s, *EAST[:5]), rel=1e-12)
    grid_dict["regions"] = [region("east", EAST)]
    grid_dict["claims"][0]["region"] = "east"
    lines = problems_of(make_scenario(scenario=grid_dict))
    assert [line.split(": ", 1)[0].rsplit(":", 1)[1] for line in lines] == [
        "$.regions",
        "$.claims[0].region",
    ]
    assert "regions need format_version 2 (this file says 1)" in lines[0]
    assert "a claim's region needs format_version 2" in lines[1]


def test_unknown_enclave_anchor_is_refused(make_scenario: Make, grid_dict: dict[str, Any]) -> None:
    grid_dict["claims"][0]["enclave_of"] = "a-77"
    only_problem(make_scenario(scenario=grid_dict), "$.claims[0].enclave_of", "unknown area 'a-77'")


def test_format_3_is_refused(make_scenario: Make) -> None:
    data = variant(lambda d: d.update(format_version=3))
    only_problem(make_scenario(scenario=data), "$.format_version", "1 or 2")
