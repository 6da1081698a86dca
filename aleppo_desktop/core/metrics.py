"""Figures computed from the map: territory and front length over time, and the brief's claims checked.

Territory is always computed from the geometry; nothing here is typed in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np

from aleppo_desktop.core.model import Claim
from aleppo_desktop.core.scenario import Scenario
from aleppo_desktop.core.timeline import day_number

ABOUT_TOLERANCE = 0.25  # "about" a figure: within 25%


@dataclass(frozen=True)
class Series:
    """Daily figures over the period: `times` (day numbers), `area_km2[day, faction]`, `front_km[day]`."""

    times: np.ndarray
    area_km2: np.ndarray
    front_km: np.ndarray


def daily_series(scenario: Scenario) -> Series:
    """Territory per faction and front length at 00:00 of every day of the period."""
    times = np.arange(scenario.start, scenario.end + 0.5, 1.0)
    frames = scenario.frames
    area = np.empty((len(times), len(scenario.factions)))
    front = np.empty(len(times))
    for row, t in enumerate(times):
        frame = frames.frame_at(float(t))
        area[row] = frame.area_km2
        front[row] = frame.front_km
    return Series(times, area, front)


def _holders(scenario: Scenario, day: date) -> np.ndarray:
    return scenario.control.holders_at(day_number(day))[0]


def enclave(scenario: Scenario, holders: np.ndarray, anchor: str | None) -> np.ndarray:
    """Mask of the area units a figure counts: all of them without an anchor, else the units held
    by the anchor's holder that are connected to the anchor through shared boundaries."""
    if anchor is None:
        return np.ones(len(scenario.areas), dtype=bool)
    frames = scenario.frames
    start = scenario.area_index[anchor]
    faction = holders[start]
    same = (holders[frames.edge_a] == faction) & (holders[frames.edge_b] == faction)
    neighbours: dict[int, list[int]] = {}
    for a, b in zip(frames.edge_a[same], frames.edge_b[same], strict=True):
        neighbours.setdefault(int(a), []).append(int(b))
        neighbours.setdefault(int(b), []).append(int(a))
    inside = np.zeros(len(scenario.areas), dtype=bool)
    inside[start] = True
    stack = [start]
    while stack:
        for other in neighbours.get(stack.pop(), []):
            if not inside[other]:
                inside[other] = True
                stack.append(other)
    return inside


def area_gained(
    scenario: Scenario,
    faction: str,
    from_faction: str,
    start: date,
    end: date,
    enclave_of: str | None = None,
) -> float:
    """km² held by `from_faction` at `start` (within the enclave of `enclave_of`, if given) and by
    `faction` at `end`."""
    f, g = scenario.faction_index[faction], scenario.faction_index[from_faction]
    before = _holders(scenario, start)
    moved = (before == g) & (_holders(scenario, end) == f) & enclave(scenario, before, enclave_of)
    return float(scenario.frames.unit_km2[moved].sum())


def share_lost(
    scenario: Scenario, faction: str, start: date, end: date, enclave_of: str | None = None
) -> float:
    """Percentage of `faction`'s territory at `start` (its enclave around `enclave_of`, if given)
    that it no longer holds at `end`."""
    f = scenario.faction_index[faction]
    holders = _holders(scenario, start)
    before = (holders == f) & enclave(scenario, holders, enclave_of)
    lost = before & (_holders(scenario, end) != f)
    km2 = scenario.frames.unit_km2
    total = km2[before].sum()
    return float(100.0 * km2[lost].sum() / total) if total else 0.0


def front_length(
    scenario: Scenario, faction: str, day: date, enclave_of: str | None = None
) -> float:
    """km of boundary between `faction`'s territory (its enclave around `enclave_of`, if given) and
    hostile territory on `day`."""
    frames = scenario.frames
    holders = _holders(scenario, day)
    counted = enclave(scenario, holders, enclave_of)
    f = scenario.faction_index[faction]
    a, b = holders[frames.edge_a], holders[frames.edge_b]
    side_a = (a == f) & counted[frames.edge_a]
    side_b = (b == f) & counted[frames.edge_b]
    hostile = (side_a | side_b) & (a >= 0) & (b >= 0) & scenario.hostile[a, b]
    return float(frames.edge_km[hostile].sum())


def head_count(scenario: Scenario, components: list[str]) -> float:
    """Sum of the midpoints of the named strength estimates."""
    by_id = {s.id: s for s in scenario.strength}
    return float(sum((by_id[c].low + by_id[c].high) / 2 for c in components))


@dataclass(frozen=True)
class ClaimCheck:
    claim: Claim
    computed: float

    @property
    def difference(self) -> float:
        """Relative difference of computed to claimed (0.1 = computed is 10% above the claim)."""
        return (self.computed - self.claim.value) / self.claim.value if self.claim.value else 0.0

    @property
    def holds(self) -> bool:
        comparator, value = self.claim.comparator, self.claim.value
        if comparator == "more_than":
            return self.computed > value
        if comparator == "less_than":
            return self.computed < value
        return abs(self.difference) <= ABOUT_TOLERANCE


def check_claim(scenario: Scenario, claim: Claim) -> ClaimCheck:
    if claim.kind == "area_gained":
        assert claim.faction and claim.from_faction and claim.start and claim.end
        value = area_gained(
            scenario, claim.faction, claim.from_faction, claim.start, claim.end, claim.enclave_of
        )
    elif claim.kind == "share_lost":
        assert claim.faction and claim.start and claim.end
        value = share_lost(scenario, claim.faction, claim.start, claim.end, claim.enclave_of)
    elif claim.kind == "front_length":
        assert claim.faction and claim.end
        value = front_length(scenario, claim.faction, claim.end, claim.enclave_of)
    else:
        value = head_count(scenario, claim.components)
    return ClaimCheck(claim, value)


def check_claims(scenario: Scenario) -> list[ClaimCheck]:
    return [check_claim(scenario, claim) for claim in scenario.claims]
