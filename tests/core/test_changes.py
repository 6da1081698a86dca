"""core.changes: chapters as day spans and the area units that change in them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pytest

from aleppo_desktop.core.changes import changed_units, changed_zone, chapter_at, chapter_spans
from aleppo_desktop.core.loading import load_scenario
from aleppo_desktop.core.timeline import day_number


def d(month: int, day: int) -> float:
    return day_number(date(2016, month, day))


def test_chapters_run_from_their_opening_to_the_next(grid_path: Path) -> None:
    s = load_scenario(grid_path)
    spans = chapter_spans(s)
    assert [(c.title, c.start, c.end) for c in spans] == [
        ("Advance", d(7, 5), d(7, 18)),
        ("Kurds", d(7, 18), s.end + 1),
    ]
    assert chapter_at(s, d(7, 4)) is None  # before the first chapter
    assert chapter_at(s, d(7, 17)).title == "Advance"
    assert chapter_at(s, d(7, 18)).title == "Kurds"  # half-open


def test_changed_units_are_those_whose_holder_or_status_changes(grid_path: Path) -> None:
    s = load_scenario(grid_path)
    mask = changed_units(s, d(7, 5), d(7, 18))
    changed = {s.areas[i].id for i in np.flatnonzero(mask)}
    # tests/conftest.py: a-02 on 5 Jul, a-12 and a-22 on 10 Jul (a-12 confirmed on 12 Jul), a-03
    # on 15 Jul; a-13 goes to the YPG on 18 Jul, in the next chapter
    assert changed == {"a-02", "a-12", "a-22", "a-03"}
    later = changed_units(s, d(7, 18), s.end + 1)
    assert {s.areas[i].id for i in np.flatnonzero(later)} == {"a-13"}
    assert not changed_units(s, s.start, s.start + 1).any()  # the first state is no change
    zone = changed_zone(s, d(7, 6))
    assert zone is not None
    km2 = sum(s.areas[i].area_km2 for i in np.flatnonzero(mask))
    assert len(zone) == mask.sum()
    assert abs(sum(g.area for g in zone) / 1e6 - km2) < 0.01


def test_claim_units_are_the_ground_each_figure_counts() -> None:
    """The outlined units' km² are the figure the claims check computes (the bundled claims)."""
    from aleppo_desktop.core.changes import claim_units
    from aleppo_desktop.core.metrics import check_claim
    from aleppo_desktop.paths import bundled_scenario_path

    s = load_scenario(bundled_scenario_path())
    kinds = set()
    for claim in s.claims:
        check = check_claim(s, claim)
        mask = claim_units(s, claim)
        km2 = float(s.frames.unit_km2[mask].sum())
        kinds.add(claim.kind)
        if claim.kind == "area_gained":
            assert km2 == pytest.approx(check.computed, abs=1e-6) and mask.any()
        elif claim.kind == "share_lost":
            assert km2 == pytest.approx(-check.change_km2, abs=1e-6)
            assert 100 * km2 / check.start_km2 == pytest.approx(check.computed)
        elif claim.kind == "front_length":
            assert km2 == pytest.approx(check.end_km2)
        else:
            assert not mask.any()  # a head count has no ground
        if claim.region:
            assert not (mask & ~s.region(claim.region).mask).any()  # only inside its region
    assert kinds == {"area_gained", "share_lost", "front_length", "head_count"}
