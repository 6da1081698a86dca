"""Control over time on the grid scenario: half-open holdings, sources, precomputed states."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from aleppo_desktop.core.control import ControlChange, ControlTable, Holding
from aleppo_desktop.core.loading import load_scenario
from aleppo_desktop.core.scenario import Scenario
from aleppo_desktop.core.timeline import date_of
from tests.conftest import jul, write_scenario

REGIME, REBEL, YPG = 0, 1, 2
CONFIRMED, CLAIMED, CONTESTED = 0, 1, 2


@pytest.fixture(scope="module")
def grid(tmp_path_factory: pytest.TempPathFactory) -> Scenario:
    return load_scenario(write_scenario(tmp_path_factory.mktemp("control") / "grid"))


def test_holding_changes_at_exactly_midnight_of_the_change_day(grid: Scenario) -> None:
    control = grid.control
    assert control.holding_at("a-02", jul(5)).faction == "regime"
    assert control.holding_at("a-02", jul(5) - 1e-7).faction == "rebel"
    assert control.holding_at("a-02", jul(5) + 0.999999).faction == "regime"
    assert control.holding_at("a-13", jul(18)).faction == "ypg"
    assert control.holding_at("a-13", jul(18) - 1e-7).faction == "rebel"
    i = grid.area_index["a-02"]
    assert control.holders_at(jul(5))[0][i] == REGIME
    assert control.holders_at(jul(5) - 1e-7)[0][i] == REBEL


def test_holding_names_its_source_start_and_confidence(grid: Scenario) -> None:
    control = grid.control
    assert control.holding_at("a-12", jul(1)) == Holding(
        "rebel", "confirmed", "test#initial", date(2016, 7, 1)
    )
    assert control.holding_at("a-12", jul(11) + 0.5) == Holding(
        "regime", "claimed", "test#p2", date(2016, 7, 10)
    )
    assert control.holding_at("a-12", jul(12)) == Holding(
        "regime", "confirmed", "test#p3", date(2016, 7, 12)
    )
    assert control.holding_at("a-02", grid.end) == Holding(
        "regime", "confirmed", "brief#4", date(2016, 7, 5)
    )


def test_before_the_first_row_raises_lookup_error(grid: Scenario) -> None:
    with pytest.raises(LookupError, match="a-00 has no holder before 2016-07-01"):
        grid.control.holding_at("a-00", jul(1) - 1e-7)
    with pytest.raises(KeyError):
        grid.control.holding_at("a-99", jul(3))
    factions, confidences = grid.control.holders_at(jul(1) - 1e-7)
    assert factions.tolist() == [-1] * 12
    assert confidences.tolist() == [0] * 12


def test_change_days_are_the_distinct_row_dates(grid: Scenario) -> None:
    assert grid.control.change_days == tuple(jul(d) for d in (1, 5, 10, 12, 15, 18))
    assert grid.control.state_index_at(jul(1)) == 0
    assert grid.control.state_index_at(jul(5) - 1e-7) == 0
    assert grid.control.state_index_at(jul(5)) == 1
    assert grid.control.state_index_at(jul(20)) == 5


def test_states_at_change_days_agree_with_holding_at(grid: Scenario) -> None:
    control = grid.control
    for k, t in enumerate(control.change_days):
        factions, confidences = control.holders_at(t)
        state_factions, _ = control.state(k)
        assert np.shares_memory(factions, state_factions)  # looked up, not recomputed
        for i, area_id in enumerate(control.area_ids):
            holding = control.holding_at(area_id, t)
            assert control.faction_ids[factions[i]] == holding.faction
            assert ("confirmed", "claimed", "contested")[confidences[i]] == holding.confidence
        # and the instant before each change day still shows the previous state
        if k:
            before = control.holders_at(t - 1e-7)[0]
            assert before.tolist() == control.state(k - 1)[0].tolist()


def test_states_match_the_documented_rows(grid: Scenario) -> None:
    order = ["a-00", "a-01", "a-02", "a-03", "a-10", "a-11", "a-12", "a-13", "a-20", "a-21"]
    assert list(grid.control.area_ids[:10]) == order
    expected = {
        1: ([0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 2], [0] * 12),
        5: ([0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 2], [0] * 12),
        10: ([0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 2], [0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0]),
        12: ([0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 2], [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0]),
        15: ([0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 2], [0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 1, 0]),
        18: ([0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 2], [0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 1, 0]),
    }
    for d, (factions, confidences) in expected.items():
        f, c = grid.control.holders_at(jul(d) + 0.25)
        assert f.tolist() == factions, d
        assert c.tolist() == confidences, d


def test_history_and_next_change(grid: Scenario) -> None:
    assert [c.date.day for c in grid.control.history("a-12")] == [1, 10, 12]
    assert grid.control.next_change("a-12", jul(3)) == ControlChange(
        "a-12", date(2016, 7, 10), "regime", "claimed", "test#p2"
    )
    assert grid.control.next_change("a-12", jul(10)).date == date(2016, 7, 12)  # type: ignore[union-attr]
    assert grid.control.next_change("a-12", jul(12)) is None
    assert grid.control.next_change("a-00", jul(1)) is None


def test_held_since_keeps_the_date_through_a_confidence_change(grid: Scenario) -> None:
    # a-12: rebel from 07-01, regime (claimed) from 07-10, regime (confirmed) from 07-12
    control = grid.control
    assert control.held_since("a-12", jul(9) + 0.5) == date(2016, 7, 1)
    assert control.held_since("a-12", jul(11)) == date(2016, 7, 10)
    assert control.held_since("a-12", jul(12)) == date(2016, 7, 10)
    assert control.held_since("a-12", grid.end) == date(2016, 7, 10)
    assert control.holding_at("a-12", grid.end).start == date(2016, 7, 12)


def test_held_since_on_the_handover_day(grid: Scenario) -> None:
    # a-02 passes rebel -> regime on 07-05: from its midnight the new holder, never nobody
    control = grid.control
    assert control.held_since("a-02", jul(5) - 1e-7) == date(2016, 7, 1)
    assert control.held_since("a-02", jul(5)) == date(2016, 7, 5)
    assert control.held_since("a-02", jul(5) + 0.75) == date(2016, 7, 5)
    assert control.held_since("a-03", jul(15)) == date(2016, 7, 15)  # contested is still held


def test_held_since_resets_on_each_handover() -> None:
    rows = [
        ("x", 1, "rebel", "confirmed"),
        ("x", 3, "regime", "claimed"),
        ("x", 4, "regime", "confirmed"),
        ("x", 6, "rebel", "contested"),
        ("x", 8, "rebel", "confirmed"),
        ("y", 2, "regime", "confirmed"),
    ]
    control = ControlTable(
        [ControlChange(a, date(2016, 7, d), f, c, "test") for a, d, f, c in rows],
        ["x", "y"],
        ["regime", "rebel"],
    )
    since = {d: control.held_since("x", jul(d) + 0.5).day for d in range(1, 10)}
    assert since == {1: 1, 2: 1, 3: 3, 4: 3, 5: 3, 6: 6, 7: 6, 8: 6, 9: 6}
    assert control.held_since("y", jul(9)) == date(2016, 7, 2)
    with pytest.raises(LookupError, match="y has no holder before 2016-07-02"):
        control.held_since("y", jul(1) + 0.5)
    with pytest.raises(KeyError):
        control.held_since("z", jul(5))


def test_clock_conversion_is_calendar_days() -> None:
    assert date_of(jul(5)) == date(2016, 7, 5)
    assert date_of(jul(5) - 1e-7) == date(2016, 7, 4)
    assert date_of(jul(5) + 0.5) == date(2016, 7, 5)


def test_states_match_applying_every_change_in_date_order() -> None:
    """The states are built by column (`ControlTable._states`); applying each change from its day
    on, in date order (of two on one day, the later in the table), gives the same arrays, on
    random tables with windows, several changes of an area on a day, and unsorted input."""
    import random
    from datetime import timedelta

    from aleppo_desktop.core.model import CONFIDENCES
    from aleppo_desktop.core.timeline import day_number

    rng = random.Random(14)
    for _ in range(300):
        areas = [f"a{i}" for i in range(rng.randint(1, 6))]
        factions = ["x", "y", "z"]
        changes = []
        for _ in range(rng.randint(0, 25)):
            day = date(2016, 7, 1) + timedelta(days=rng.randint(0, 12))
            until = day + timedelta(days=rng.randint(1, 4)) if rng.random() < 0.3 else None
            confidence = rng.choice(CONFIDENCES)
            changes.append(
                ControlChange(
                    rng.choice(areas), day, rng.choice(factions), confidence, "s", "", until
                )
            )
        table = ControlTable(changes, areas, factions)
        days = sorted({day_number(c.held_from) for c in changes})
        expected_f = np.full((len(days), len(areas)), -1, dtype=np.int16)
        expected_c = np.zeros((len(days), len(areas)), dtype=np.int8)
        for c in sorted(changes, key=lambda c: c.held_from):
            k, i = days.index(day_number(c.held_from)), areas.index(c.area_id)
            expected_f[k:, i] = factions.index(c.faction)
            expected_c[k:, i] = CONFIDENCES.index(c.confidence)
        assert table.change_days == tuple(days)
        assert np.array_equal(table._factions, expected_f) and table._factions.dtype == np.int16
        assert np.array_equal(table._confidences, expected_c)
        for area in areas:
            mine = sorted((c for c in changes if c.area_id == area), key=lambda c: c.held_from)
            assert table.history(area) == tuple(mine)
