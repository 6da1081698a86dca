"""Changes dated by a window (`until`, format 2): uncertain while under way, swept across the whole
window, certain from `until`; read, written and refused like every other control row."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from aleppo_desktop.core.control_io import (
    control_features,
    parse_control_csv,
    parse_control_geojson,
    write_control_csv,
)
from aleppo_desktop.core.errors import ScenarioError
from aleppo_desktop.core.frames import STEPS
from aleppo_desktop.core.loading import load_scenario
from aleppo_desktop.core.model import STYLES, UNCERTAIN
from aleppo_desktop.core.scenario import Scenario
from aleppo_desktop.core.story import held_since_text, uncertain_text, window_text
from tests.conftest import CONTROL_ROWS, grid_scenario, jul, write_scenario
from tests.core.format2 import HEADER, format2_scenario, window_rows

REGIME, REBEL, YPG = 0, 1, 2
Make = Callable[..., Path]


@pytest.fixture(scope="module")
def win(tmp_path_factory: pytest.TempPathFactory) -> Scenario:
    folder = tmp_path_factory.mktemp("windows") / "grid"
    return load_scenario(write_scenario(folder, format2_scenario(), control=window_rows()))


def test_window_row_is_read_with_its_until(win: Scenario) -> None:
    change = win.control.history("a-03")[1]
    assert (change.date, change.until) == (date(2016, 7, 11), date(2016, 7, 15))
    assert change.held_from == date(2016, 7, 15)
    assert change.window == (date(2016, 7, 11), date(2016, 7, 15))
    assert change.note == "taken in a window"
    single = win.control.history("a-02")[1]
    assert single.until is None and single.window is None and single.held_from == single.date


def test_the_previous_holder_is_in_force_until_the_window_ends(win: Scenario) -> None:
    a03 = win.area_index["a-03"]
    for t, faction in ((jul(11), REBEL), (jul(14) + 0.99, REBEL), (jul(15), REGIME)):
        assert win.control.holders_at(t)[0][a03] == faction, t
    assert win.control.holding_at("a-03", jul(15) - 1e-7).faction == "rebel"
    holding = win.control.holding_at("a-03", jul(15))
    assert (holding.faction, holding.confidence, holding.start) == (
        "regime",
        "contested",
        date(2016, 7, 15),
    )
    assert holding.taken_between == (date(2016, 7, 11), date(2016, 7, 15))
    assert win.control.held_since("a-03", jul(16)) == date(2016, 7, 15)
    assert jul(15) in win.control.change_days and jul(11) not in win.control.change_days


def test_window_at_is_half_open(win: Scenario) -> None:
    control = win.control
    assert control.window_at("a-03", jul(11) - 1e-6) is None
    assert control.window_at("a-03", jul(11)) is control.history("a-03")[1]
    assert control.window_at("a-03", jul(15) - 1e-6) is control.history("a-03")[1]
    assert control.window_at("a-03", jul(15)) is None
    assert control.window_at("a-02", jul(4) + 0.5) is None  # a single-day sweep is not uncertain


def test_the_sweep_spans_the_window_in_the_uncertain_style(win: Scenario) -> None:
    a03 = win.area_index["a-03"]
    cell = win.areas[a03].area_km2
    assert win.frame_at(jul(11) - 0.01).factions[a03] == REBEL  # no tween_days sweep before it
    captured = []
    for t in np.arange(jul(11), jul(15), 0.25):
        frame = win.frame_at(float(t))
        assert frame.factions[a03] == -1, t
        assert frame.confidences[a03] == UNCERTAIN and frame.uncertain[a03], t
        assert frame.uncertain.sum() == 1, t
        pieces = [p for p in frame.pieces if p.area_index == a03]
        assert sorted(p.faction for p in pieces) == [REGIME, REBEL]
        assert {p.confidence for p in pieces} == {UNCERTAIN}
        assert sum(p.area_km2 for p in pieces) == pytest.approx(cell, rel=1e-9)  # never empty
        captured.append(next(p.area_km2 for p in pieces if p.faction == REGIME))
    assert all(b >= a for a, b in itertools.pairwise(captured))
    # the sweep is spread over the 4 days: at 13 Jul 00:00 it is half way across
    middle = win.frame_at(jul(13))
    step = int(0.5 * STEPS)
    taken = next(p for p in middle.pieces if p.faction == REGIME)
    assert taken.area_km2 == pytest.approx(cell * (step + 1) / (STEPS + 1), rel=0.01)
    after = win.frame_at(jul(15))
    assert (after.factions[a03], STYLES[after.confidences[a03]]) == (REGIME, "contested")
    assert not after.uncertain.any()


def test_uncertain_zones_in_the_dissolved_map(win: Scenario) -> None:
    zones = win.frame_at(jul(12)).zones()
    assert ("regime", "uncertain") in zones and ("rebel", "uncertain") in zones
    assert zones[("regime", "uncertain")].area + zones[("rebel", "uncertain")].area == (
        pytest.approx(win.areas[win.area_index["a-03"]].geometry.area, rel=1e-9)
    )


def test_the_map_is_covered_at_every_quarter_day(win: Scenario) -> None:
    total = sum(a.area_km2 for a in win.areas)
    for t in np.arange(win.start, win.end + 0.01, 0.25):
        assert win.frame_at(float(t)).area_km2.sum() == pytest.approx(total, rel=1e-9), t


def test_hover_wording(win: Scenario) -> None:
    assert window_text(date(2016, 9, 10), date(2016, 9, 14)) == "between 10 and 14 Sep 2016"
    assert window_text(date(2016, 9, 28), date(2016, 10, 2)) == "between 28 Sep and 2 Oct 2016"
    assert window_text(date(2016, 12, 30), date(2017, 1, 2)) == "between 30 Dec 2016 and 2 Jan 2017"
    assert held_since_text(win, "a-03", jul(16)) == (
        "since 15 Jul 2016 (taken between 11 and 15 Jul 2016)"
    )
    assert held_since_text(win, "a-03", jul(12)) == "since 1 Jul 2016"
    assert (
        held_since_text(win, "a-12", jul(13)) == "since 10 Jul 2016 (confirmed since 12 Jul 2016)"
    )
    assert uncertain_text(win, "a-03", jul(12)) == (
        "uncertain: taken by Regime between 11 and 15 Jul 2016"
    )
    assert uncertain_text(win, "a-03", jul(15)) is None
    assert uncertain_text(win, "a-02", jul(4) + 0.5) is None


def test_csv_round_trip_keeps_windows(win: Scenario, tmp_path: Path) -> None:
    path = tmp_path / "control.csv"
    write_control_csv(win.control.changes, path)
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == HEADER
    assert "a-03,2016-07-11,regime,contested,test#p4,taken in a window,2016-07-15" in text
    assert "a-02,2016-07-05,regime,confirmed,brief#4,," in text
    rows, problems = parse_control_csv(text, "x.csv")
    assert problems == []
    assert sorted((c for _, c in rows), key=repr) == sorted(win.control.changes, key=repr)


def test_a_table_without_windows_is_written_without_until(tmp_path: Path, grid_path: Path) -> None:
    s = load_scenario(grid_path)
    path = tmp_path / "control.csv"
    write_control_csv(s.control.changes, path)
    assert path.read_text(encoding="utf-8").splitlines()[0] == (
        "area_id,date,faction,confidence,source,note"
    )


def test_geojson_features_carry_until_and_read_back(win: Scenario) -> None:
    features = control_features(win.control.changes, win.geometries_wgs84, win.meta.period.end)
    a03 = [f["properties"] for f in features if f["properties"]["area_id"] == "a-03"]
    assert [(p["start"], p["until"], p["end"]) for p in a03] == [
        ("2016-07-01", None, "2016-07-11"),
        ("2016-07-11", "2016-07-15", "2016-07-21"),
    ]
    rows, problems = parse_control_geojson(
        {"type": "FeatureCollection", "features": features}, "x.geojson"
    )
    assert problems == []
    assert sorted((c for _, c in rows), key=repr) == sorted(win.control.changes, key=repr)


# --- refused -----------------------------------------------------------------------------------


def table(*replacements: tuple[str, str]) -> str:
    text = window_rows()
    for old, new in replacements:
        assert old in text
        text = text.replace(old, new)
    return text


def only_problem(path: Path, place: str, message: str) -> None:
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    lines = [str(p) for p in info.value.problems]
    control = path.parent / "control.csv"
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"{control}:{place}: "), lines
    assert message in lines[0], lines


# the window row is line 18 of window_rows() (header, 12 initial rows, then a-02, a-12, a-22, a-12)
WINDOW_LINE = "line 18"


def test_window_in_a_format_1_scenario(make_scenario: Make) -> None:
    only_problem(
        make_scenario(scenario=grid_scenario(), control=window_rows()),
        WINDOW_LINE,
        "a-03: a change dated by a window (until 2016-07-15) needs format_version 2",
    )


def test_until_not_after_date(make_scenario: Make) -> None:
    path = make_scenario(
        scenario=format2_scenario(), control=table((",2016-07-15\n", ",2016-07-11\n"))
    )
    only_problem(path, WINDOW_LINE, "until 2016-07-11 is not after date 2016-07-11")


def test_until_not_a_date(make_scenario: Make) -> None:
    path = make_scenario(
        scenario=format2_scenario(), control=table((",2016-07-15\n", ",15 July\n"))
    )
    only_problem(path, WINDOW_LINE, "until: not a date (YYYY-MM-DD): '15 July'")


def test_until_outside_the_period(make_scenario: Make) -> None:
    path = make_scenario(
        scenario=format2_scenario(), control=table((",2016-07-15\n", ",2016-07-25\n"))
    )
    only_problem(path, WINDOW_LINE, "until 2016-07-25 is outside the period")


def test_window_on_the_first_row_of_an_area(make_scenario: Make) -> None:
    path = make_scenario(
        scenario=format2_scenario(),
        control=table(
            (
                "a-00,2016-07-01,regime,confirmed,test#initial,,",
                "a-00,2016-07-01,regime,confirmed,test#initial,,2016-07-03",
            )
        ),
    )
    only_problem(path, "line 2", "a-00: the first row of an area cannot have a window (until)")


def test_window_without_a_change_of_holder(make_scenario: Make) -> None:
    path = make_scenario(
        scenario=format2_scenario(),
        control=table(("a-03,2016-07-11,regime,", "a-03,2016-07-11,rebel,")),
    )
    only_problem(path, WINDOW_LINE, "a window (until) dates a change of holder, but rebel already")


def test_row_inside_the_previous_window(make_scenario: Make) -> None:
    text = window_rows() + "a-03,2016-07-14,rebel,claimed,test#p4,,\n"
    path = make_scenario(scenario=format2_scenario(), control=text)
    only_problem(
        path,
        "line 20",
        "a-03: 2016-07-14 is not after the end of its window (2016-07-15); rows of an area must "
        "be in date order",
    )


def test_window_starting_on_the_previous_change_day(make_scenario: Make) -> None:
    path = make_scenario(
        scenario=format2_scenario(),
        control=table(("a-03,2016-07-11,regime", "a-03,2016-07-01,regime")),
    )
    only_problem(path, WINDOW_LINE, "a-03: 2016-07-01 is not after its previous row (2016-07-01)")


def test_old_tables_without_until_still_load(make_scenario: Make) -> None:
    rows = "\n".join(["area_id,date,faction,confidence,source,note", *CONTROL_ROWS]) + "\n"
    s = load_scenario(make_scenario(scenario=format2_scenario(), control=rows))
    assert all(c.until is None for c in s.control.changes)
