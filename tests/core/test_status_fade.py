"""Status changes cross-fade instead of flipping in one frame: claimed -> confirmed, and an uncertain
window opening and closing, over the `tween_days` before the change (the grid's tween is one day)."""

from __future__ import annotations

import numpy as np
import pytest

from aleppo_desktop.core.frames import STATUS_LEVELS
from aleppo_desktop.core.loading import load_scenario
from aleppo_desktop.core.model import CONFIDENCES, UNCERTAIN
from aleppo_desktop.core.scenario import Scenario
from tests.conftest import jul, write_scenario
from tests.core.format2 import format2_scenario, window_rows

CONFIRMED, CLAIMED, CONTESTED = (
    CONFIDENCES.index(c) for c in ("confirmed", "claimed", "contested")
)


@pytest.fixture(scope="module")
def grid(tmp_path_factory: pytest.TempPathFactory) -> Scenario:
    return load_scenario(write_scenario(tmp_path_factory.mktemp("fade") / "grid"))


@pytest.fixture(scope="module")
def win(tmp_path_factory: pytest.TempPathFactory) -> Scenario:
    folder = tmp_path_factory.mktemp("fade-window") / "grid"
    return load_scenario(write_scenario(folder, format2_scenario(), control=window_rows()))


def blends(scenario: Scenario, area: int, start: float, end: float, n: int = 97):
    times = np.linspace(start, end, n, endpoint=False)
    frames = [scenario.frame_at(float(t)) for t in times]
    return frames, np.array([f.status_blend[area] for f in frames])


def test_claimed_to_confirmed_blends_0_to_1_over_the_day_before(grid: Scenario) -> None:
    a12 = grid.area_index["a-12"]  # regime, claimed from 10 Jul, confirmed from 12 Jul
    frames, blend = blends(grid, a12, jul(11), jul(12))
    assert all(f.status_to[a12] == CONFIRMED for f in frames)
    assert all(f.confidences[a12] == CLAIMED for f in frames)  # the style in force is unchanged
    assert blend[0] == 0.0 and blend[-1] >= 1 - 1.5 / STATUS_LEVELS
    assert (np.diff(blend) >= 0).all() and len(set(blend.tolist())) == STATUS_LEVELS
    assert blend[len(blend) // 2] == pytest.approx(0.5, abs=1.5 / STATUS_LEVELS)
    # outside the window: nothing fading, and from 12 Jul the new style is in force
    for t in (jul(10.5), jul(11) - 1e-6, jul(12), jul(12.5)):
        frame = grid.frame_at(t)
        assert frame.status_to[a12] == -1 and frame.status_blend[a12] == 0.0, t
    assert grid.frame_at(jul(12)).confidences[a12] == CONFIRMED


def test_only_the_changing_area_fades(grid: Scenario) -> None:
    frame = grid.frame_at(jul(11.5))
    assert np.flatnonzero(frame.status_to >= 0).tolist() == [grid.area_index["a-12"]]


def test_a_change_of_holder_sweeps_and_does_not_fade(grid: Scenario) -> None:
    a02 = grid.area_index["a-02"]  # rebel -> regime on 5 Jul: the sweep shows it
    for t in np.linspace(jul(4), jul(5), 20, endpoint=False):
        frame = grid.frame_at(float(t))
        assert frame.status_to[a02] == -1 and frame.pieces


def test_an_uncertain_window_fades_in_and_out(win: Scenario) -> None:
    a03 = win.area_index["a-03"]  # rebel; taken by the regime between 11 and 15 Jul (contested)
    opening, blend = blends(win, a03, jul(10), jul(11))
    assert all(f.status_to[a03] == UNCERTAIN for f in opening)
    assert all(f.factions[a03] >= 0 and f.confidences[a03] == CONFIRMED for f in opening)
    assert blend[0] == 0.0 and blend[-1] >= 1 - 1.5 / STATUS_LEVELS
    assert (np.diff(blend) > 0).any() and (np.diff(blend) >= 0).all()
    # the window itself: uncertain, swept, no fade until its last day
    middle = win.frame_at(jul(12.5))
    assert middle.confidences[a03] == UNCERTAIN and middle.status_to[a03] == -1
    closing, blend = blends(win, a03, jul(14), jul(15))
    assert all(f.status_to[a03] == CONTESTED for f in closing)
    assert all(f.factions[a03] == -1 for f in closing)  # the pieces of the sweep fade
    assert blend[0] == 0.0 and blend[-1] >= 1 - 1.5 / STATUS_LEVELS
    assert (np.diff(blend) >= 0).all()
    after = win.frame_at(jul(15))
    assert after.confidences[a03] == CONTESTED and after.status_to[a03] == -1


def test_fade_levels_are_in_the_key_but_not_in_the_holders_key(grid: Scenario) -> None:
    early, late = grid.frame_at(jul(11.1)), grid.frame_at(jul(11.9))
    assert early.key != late.key
    assert early.holders_key == late.holders_key
    assert early.zones() is late.zones()  # the zones are cached per holders
