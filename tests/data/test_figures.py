"""The bundled scenario's figures against what the sources say: East Aleppo's extent on the dated
days the brief and the reports give, and the brief's territorial claims.

Ranges are read from the sources (see data/PROVENANCE.md, "Figures"), not from the map:
- brief#4: about 10 km² retaken 22 Sep-30 Oct and about 15 km² more in November, together half
  of rebel-held Aleppo, so about 50 km² when the siege closed (21 Sep) and about 25 km² on 29 Nov;
- ibtimes-2016-11-28 (the Syrian army's media arm): 20 of the 45 km² of east Aleppo taken, so about
  45 km² before the November offensive and about 25 km² left on 28 Nov;
- wp-nov-dec-2016#13 December: about 3.5 km² left west of the Queiq on 13 Dec (2.5 km² on 14 Dec);
  wp-battle-aleppo: 5 percent of the original rebel territory left by 13 Dec.
"""

from __future__ import annotations

from datetime import date

import pytest

from aleppo_desktop.core import metrics
from aleppo_desktop.core.scenario import Scenario
from aleppo_desktop.core.timeline import day_number

# (day, low km², high km², where the sources say so)
EAST_ALEPPO_SERIES = [
    (
        "2016-07-01",
        45.0,
        65.0,
        "at least its 21 Sep extent: the city districts lost in July lie outside",
    ),
    ("2016-09-21", 40.0, 60.0, "brief#4: 10 + 15 km² lost by 30 Nov were half of it"),
    (
        "2016-10-30",
        35.0,
        50.0,
        "brief#4: about 10 km² less; ibtimes-2016-11-28: 45 km² before November",
    ),
    ("2016-11-29", 20.0, 30.0, "brief#4: half lost; ibtimes-2016-11-28: 20 of 45 km² taken"),
    (
        "2016-12-13",
        2.0,
        5.0,
        "wp-nov-dec-2016#13 December: about 3.5 km²; wp-battle-aleppo: 5 percent",
    ),
]
TERRITORIAL = ("area_gained", "share_lost", "front_length")
# Claims the map does not bear out, each with the dispute that gives the other sources' figures.
EXPLAINED_BY_DISPUTE = {"four-days-forty-percent": "four-day-campaign"}


def _rebel_km2(aleppo: Scenario, region: str, day: str) -> float:
    figures = metrics.region_figures(aleppo, region, day_number(date.fromisoformat(day)))
    return figures.held_km2(aleppo, "rebel")


@pytest.mark.parametrize(("day", "low", "high", "where"), EAST_ALEPPO_SERIES)
def test_rebel_held_east_aleppo(aleppo, day, low, high, where):
    km2 = _rebel_km2(aleppo, "east-aleppo", day)
    assert low <= km2 <= high, f"rebel-held East Aleppo on {day}: {km2:.1f} km² ({where})"


def test_east_aleppo_only_shrinks_after_the_siege(aleppo):
    days = ["2016-09-21", "2016-10-30", "2016-11-15", "2016-11-29", "2016-12-13", "2016-12-22"]
    series = [_rebel_km2(aleppo, "east-aleppo", d) for d in days]
    assert series == sorted(series, reverse=True)
    assert series[-1] == 0.0


def test_regions_are_defined_by_their_units(aleppo):
    east = set(aleppo.region("east-aleppo").area_ids)
    city = set(aleppo.region("aleppo-city").area_ids)
    assert city == {u.id for u in aleppo.areas if u.id.startswith("nb-")}
    named_rim = {
        "out-handarat-camp",
        "out-shqeif",
        "out-kindi-hospital",
        "out-oweija",
        "out-oweija-hills",
        "out-zouhor-factories",
        "out-hill-400",
    }
    assert named_rim <= east
    for outside in ("nb-39", "nb-52", "nb-124", "out-ramouseh-corridor", "out-handarat", "nb-16"):
        assert outside not in east, outside
    for inside in ("nb-25", "nb-65", "nb-112", "nb-105", "nb-10", "nb-43"):
        assert inside in east, inside


def test_territorial_claims_are_scoped_and_near_the_map(aleppo):
    checks = [c for c in metrics.check_claims(aleppo) if c.claim.kind in TERRITORIAL]
    assert len(checks) == 5
    disputes = {d.id: d for d in aleppo.disputes}
    for check in checks:
        assert check.claim.region == "east-aleppo", check.claim.id
        assert abs(check.difference) <= metrics.ABOUT_TOLERANCE, (check.claim.id, check.computed)
        if not check.holds:
            dispute = disputes[EXPLAINED_BY_DISPUTE[check.claim.id]]
            assert len(dispute.versions) >= 2


def test_required_disputes_are_recorded(aleppo):
    ids = {d.id for d in aleppo.disputes}
    assert {
        "siege-reimposed",
        "november-offensive-start",
        "four-day-campaign",
        "rebel-numbers",
        "hill-400-or-420",
        "ramouseh-south-eastern",
    } <= ids
    for dispute in aleppo.disputes:
        sources = {v.source.partition("#")[0] for v in dispute.versions}
        assert len(sources) >= 2 or dispute.id == "rebel-numbers", dispute.id
        assert dispute.follows is None or dispute.follows in {v.id for v in dispute.versions}
        assert dispute.why


def test_windows_bound_dates_the_sources_only_bound(aleppo):
    windows = {
        (c.area_id, c.date.isoformat(), c.until.isoformat())
        for c in aleppo.control.changes
        if c.until is not None
    }
    assert ("out-kindi-hospital", "2016-09-29", "2016-10-03") in windows
    assert ("out-handarat-camp", "2016-09-29", "2016-10-03") in windows
    assert ("out-ramouseh-corridor", "2016-09-04", "2016-09-08") in windows
