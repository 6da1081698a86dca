"""What changed: the ground gained between two steps (in the gainer's colour), and the trail."""

from __future__ import annotations

import pytest

from aleppo_desktop.core.loading import load_scenario
from aleppo_desktop.core.scenario import Scenario
from aleppo_desktop.core.what_changed import (
    TRAIL_DAYS,
    ChangeOutline,
    fade,
    gained_between,
    outlines_at,
)
from tests.conftest import jul


@pytest.fixture
def grid(grid_path) -> Scenario:
    return load_scenario(grid_path)


def held(scenario: Scenario, area_id: str, t: float) -> int:
    return scenario.faction_index[scenario.control.holding_at(area_id, t).faction]


def test_the_ground_gained_between_two_steps_is_every_change_of_holder(grid: Scenario) -> None:
    for before, after in (
        (jul(1), jul(5)),
        (jul(4), jul(13)),
        (jul(1), jul(20)),
        (jul(13), jul(4)),
    ):
        gained = dict(gained_between(grid, before, after))
        for i, area_id in enumerate(grid.control.area_ids):
            changed = held(grid, area_id, before) != held(grid, area_id, after)
            assert (i in gained) == changed, (area_id, before, after)
            if changed:
                assert gained[i] == held(grid, area_id, after)  # the gainer's colour
    assert gained_between(grid, jul(5), jul(5)) == []
    assert gained_between(grid, jul(1), jul(5))  # the grid changes hands in early July


def test_after_a_step_every_gain_at_the_strength_given(grid: Scenario) -> None:
    outlines = outlines_at(grid, jul(13), since=jul(1), strength=0.5)
    assert {o.area_index for o in outlines} == {i for i, _ in gained_between(grid, jul(1), jul(13))}
    assert all(o.strength == 0.5 for o in outlines)
    assert outlines_at(grid, jul(13), since=jul(1), strength=0.0) == ()


def test_the_trail_fades_with_the_age_of_each_change(grid: Scenario) -> None:
    day, area = next(
        (jul(d), i) for d in range(2, 20) for i, _ in gained_between(grid, jul(d) - 1e-6, jul(d))
    )
    area_id = grid.control.area_ids[area]
    faction = held(grid, area_id, day)
    strengths = []
    for age in (0.0, 1.0, 2.0, TRAIL_DAYS):
        trail = {o.area_index: o for o in outlines_at(grid, day + age)}
        strengths.append(trail[area].strength if area in trail else 0.0)
        if area in trail:
            assert trail[area] == ChangeOutline(area, faction, pytest.approx(1 - age / TRAIL_DAYS))
    assert strengths[0] == 1.0 and strengths[-1] == 0.0
    assert strengths == sorted(strengths, reverse=True)


def test_fade() -> None:
    assert fade(0) == 1.0 and fade(2, 4) == 0.5 and fade(5, 4) == 0.0 and fade(1, 0) == 0.0
