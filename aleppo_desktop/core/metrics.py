"""Figures computed from the map: territory and front length over time, for the whole map and per
region, and the brief's claims checked.

Territory is always computed from the geometry; nothing here is typed in. Two ways to look:
- instants on the clock (`daily_series`, `region_figures`) read frames, so an area being swept counts
  in part for each side, exactly as drawn;
- claims (`area_gained`, `share_lost`, `front_length`, `check_claim`) compare whole area units held at
  00:00 of the claim's dates, the state the control table records.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np

from aleppo_desktop.core.model import Claim
from aleppo_desktop.core.scenario import Region, Scenario
from aleppo_desktop.core.timeline import day_number

ABOUT_TOLERANCE = 0.25  # "about" a figure: within 25%


@dataclass(frozen=True)
class Series:
    """Daily figures over the period, at 00:00 of every day: `times` (day numbers),
    `area_km2[day, faction]`, `front_km[day]`, and per region (in `Scenario.regions` order)
    `region_km2[day, region, faction]` and `region_front_km[day, region]`."""

    times: np.ndarray
    area_km2: np.ndarray
    front_km: np.ndarray
    region_km2: np.ndarray
    region_front_km: np.ndarray

    def region_share(self, region: int, faction: int) -> np.ndarray:
        """Per day: the faction's km² in the region as a percentage of what it held there on the
        first day of the series (the period start); NaN where it held nothing then."""
        return share_of(self.region_km2[:, region, faction], self.region_km2[0, region, faction])


def share_of(km2: np.ndarray | float, start_km2: float) -> np.ndarray:
    """km² as a percentage of a starting extent (NaN when the start is empty: no share to give)."""
    values = np.asarray(km2, dtype=float)
    if start_km2 <= 0:
        return np.full(values.shape, np.nan)
    return 100.0 * values / start_km2


def daily_series(scenario: Scenario) -> Series:
    """Territory per faction and front length at 00:00 of every day, for the whole map and for
    each region: one pass over the frames, so the two can never disagree."""
    times = np.arange(scenario.start, scenario.end + 0.5, 1.0)
    frames = scenario.frames
    n_regions, n_factions = len(scenario.regions), len(scenario.factions)
    area = np.empty((len(times), n_factions))
    front = np.empty(len(times))
    region_area = np.empty((len(times), n_regions, n_factions))
    region_front = np.empty((len(times), n_regions))
    for row, t in enumerate(times):
        frame = frames.frame_at(float(t))
        area[row] = frame.area_km2
        front[row] = frame.front_km
        region_area[row] = frame.region_km2
        region_front[row] = frame.region_front_km
    return Series(times, area, front, region_area, region_front)


@dataclass(frozen=True)
class RegionFigures:
    """One region at one instant: km² per faction, the same as a share of what each faction held
    there at the period start (NaN where it held nothing), the region's front and its extent."""

    region: Region
    t: float
    km2: np.ndarray  # per faction
    share_of_start: np.ndarray  # per faction, percent
    front_km: float
    total_km2: float

    def held_km2(self, scenario: Scenario, faction: str) -> float:
        return float(self.km2[scenario.faction_index[faction]])

    def share(self, scenario: Scenario, faction: str) -> float:
        return float(self.share_of_start[scenario.faction_index[faction]])


def region_figures(scenario: Scenario, region_id: str, t: float) -> RegionFigures:
    """The figures of one region at instant t (clamped to the period), read from the frames like the
    map: the panel, the handout and the CLI ask this one question."""
    r = scenario.region_index[region_id]
    frame = scenario.frame_at(t)
    start = scenario.frame_at(scenario.start).region_km2[r]
    km2 = frame.region_km2[r].copy()
    share = np.array([float(share_of(k, s)) for k, s in zip(km2, start, strict=True)])
    return RegionFigures(
        scenario.regions[r],
        frame.t,
        km2,
        share,
        float(frame.region_front_km[r]),
        scenario.regions[r].area_km2,
    )


def _holders(scenario: Scenario, day: date) -> np.ndarray:
    return scenario.control.holders_at(day_number(day))[0]


def enclave(scenario: Scenario, holders: np.ndarray, anchor: str | None) -> np.ndarray:
    """Mask of the area units a figure counts: all of them without an anchor, else the units held
    by the anchor's holder that are connected to the anchor through shared boundaries (format 1's
    `enclave_of`)."""
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


def scope(
    scenario: Scenario,
    holders: np.ndarray,
    region: str | None = None,
    enclave_of: str | None = None,
) -> np.ndarray:
    """Mask of the area units a claim counts: its region's units (format 2), the enclave around its
    anchor as held in `holders` (format 1), or every unit."""
    if region is not None:
        return scenario.region(region).mask
    return enclave(scenario, holders, enclave_of)


def held_km2(
    scenario: Scenario, faction: str, day: date, counted: np.ndarray | None = None
) -> float:
    """km² of the whole area units `faction` holds at 00:00 of `day` (among `counted`, if given)."""
    mask = _holders(scenario, day) == scenario.faction_index[faction]
    if counted is not None:
        mask &= counted
    return float(scenario.frames.unit_km2[mask].sum())


def area_gained(
    scenario: Scenario,
    faction: str,
    from_faction: str,
    start: date,
    end: date,
    enclave_of: str | None = None,
    region: str | None = None,
) -> float:
    """km² held by `from_faction` at `start` and by `faction` at `end`, within `region` or the
    enclave of `enclave_of` (as held at `start`), if given."""
    f, g = scenario.faction_index[faction], scenario.faction_index[from_faction]
    before = _holders(scenario, start)
    counted = scope(scenario, before, region, enclave_of)
    moved = (before == g) & (_holders(scenario, end) == f) & counted
    return float(scenario.frames.unit_km2[moved].sum())


def share_lost(
    scenario: Scenario,
    faction: str,
    start: date,
    end: date,
    enclave_of: str | None = None,
    region: str | None = None,
) -> float:
    """Percentage of `faction`'s territory at `start` (within `region`, or its enclave around
    `enclave_of`, if given) that it no longer holds at `end`."""
    f = scenario.faction_index[faction]
    holders = _holders(scenario, start)
    before = (holders == f) & scope(scenario, holders, region, enclave_of)
    lost = before & (_holders(scenario, end) != f)
    km2 = scenario.frames.unit_km2
    total = km2[before].sum()
    return float(100.0 * km2[lost].sum() / total) if total else 0.0


def front_length(
    scenario: Scenario,
    faction: str,
    day: date,
    enclave_of: str | None = None,
    region: str | None = None,
) -> float:
    """km of boundary between `faction`'s territory (within `region`, or its enclave around
    `enclave_of`, if given) and hostile territory on `day`."""
    frames = scenario.frames
    holders = _holders(scenario, day)
    counted = scope(scenario, holders, region, enclave_of)
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
    """A claim beside the value computed from the map, and the figures behind that value.

    `basis_faction` is whose ground the figures are (the loser for `area_gained`, the claim's faction
    otherwise); `start_km2`/`end_km2` are its km² within the claim's scope at 00:00 of the claim's
    start and end (None for claims without them: `front_length` has no start, `head_count` no ground).
    """

    claim: Claim
    computed: float
    basis_faction: str | None = None
    start_km2: float | None = None
    end_km2: float | None = None

    @property
    def change_km2(self) -> float | None:
        """end_km2 - start_km2 (negative: ground lost), when both are known."""
        if self.start_km2 is None or self.end_km2 is None:
            return None
        return self.end_km2 - self.start_km2

    @property
    def scope_text(self) -> str:
        """What the figure counts: `region east-aleppo`, `enclave of nb-25`, or `whole map`."""
        if self.claim.region:
            return f"region {self.claim.region}"
        if self.claim.enclave_of:
            return f"enclave of {self.claim.enclave_of}"
        return "whole map" if self.claim.kind != "head_count" else "people"

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
    """The claim's value computed within its scope (its region, or format 1's enclave), with the
    km² behind it."""
    region, anchor = claim.region, claim.enclave_of
    if claim.kind == "head_count":
        return ClaimCheck(claim, head_count(scenario, claim.components))
    if claim.kind == "front_length":
        assert claim.faction and claim.end
        value = front_length(scenario, claim.faction, claim.end, anchor, region)
        counted = scope(scenario, _holders(scenario, claim.end), region, anchor)
        end_km2 = held_km2(scenario, claim.faction, claim.end, counted)
        return ClaimCheck(claim, value, claim.faction, None, end_km2)
    assert claim.faction and claim.start and claim.end
    if claim.kind == "area_gained":
        assert claim.from_faction
        basis = claim.from_faction
        value = area_gained(scenario, claim.faction, basis, claim.start, claim.end, anchor, region)
    else:
        basis = claim.faction
        value = share_lost(scenario, basis, claim.start, claim.end, anchor, region)
    counted = scope(scenario, _holders(scenario, claim.start), region, anchor)
    return ClaimCheck(
        claim,
        value,
        basis,
        held_km2(scenario, basis, claim.start, counted),
        held_km2(scenario, basis, claim.end, counted),
    )


def check_claims(scenario: Scenario) -> list[ClaimCheck]:
    return [check_claim(scenario, claim) for claim in scenario.claims]
