"""Which area units change: those whose holder or status changes during a chapter (the legend keeps
off them), and those a claim's figure counts (the claims panel outlines them).

A chapter runs from the day of the event that opens it to the day the next chapter opens (half-open;
the last one to the period end).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

import numpy as np

from aleppo_desktop.core.metrics import scope
from aleppo_desktop.core.model import Claim
from aleppo_desktop.core.scenario import Scenario
from aleppo_desktop.core.timeline import day_number


@dataclass(frozen=True)
class ChapterSpan:
    title: str
    start: float  # day number of the opening event's day
    end: float  # the next chapter's opening day, or the period end (exclusive)


def chapter_spans(scenario: Scenario) -> tuple[ChapterSpan, ...]:
    """The scenario's chapters in story order, each with its days [start, end)."""
    openings = [(day_number(e.date.start), e.chapter) for e in scenario.events if e.chapter]
    spans = []
    for n, (start, title) in enumerate(openings):
        end = openings[n + 1][0] if n + 1 < len(openings) else scenario.end + 1
        if end > start:
            spans.append(ChapterSpan(title or "", start, end))
    return tuple(spans)


def chapter_at(scenario: Scenario, t: float) -> ChapterSpan | None:
    """The chapter under way at t (None before the first chapter or with no chapters)."""
    spans = chapter_spans(scenario)
    k = bisect.bisect_right([s.start for s in spans], t + 1e-9) - 1
    return spans[k] if k >= 0 else None


def changed_units(scenario: Scenario, start: float, end: float) -> np.ndarray:
    """Mask of the area units whose holder or confidence changes on a day in [start, end), or
    whose change dated by a window is under way then (the period's first state is no change)."""
    control = scenario.control
    changed = np.zeros(len(scenario.areas), dtype=bool)
    days = control.change_days
    for k in range(max(bisect.bisect_left(days, start - 1e-9), 1), len(days)):
        if days[k] >= end - 1e-9:
            break
        factions, confidences = control.state(k)
        before_f, before_c = control.state(k - 1)
        changed |= (factions != before_f) | (confidences != before_c)
    for change in control.changes:
        if change.until is not None:
            first, last = day_number(change.date), day_number(change.until)
            if first < end and last > start:
                changed[scenario.area_index[change.area_id]] = True
    return changed


def changed_zone(scenario: Scenario, t: float) -> np.ndarray | None:
    """The geometries (map CRS, metres) of the units that change in the chapter under way at t,
    as an array: the units do not overlap, so what a box covers of them is the sum of its
    intersections (no union to build). None when nothing changes or t is outside every chapter."""
    span = chapter_at(scenario, t)
    if span is None:
        return None
    mask = changed_units(scenario, span.start, span.end)
    if not mask.any():
        return None
    return np.array([a.geometry for a, m in zip(scenario.areas, mask, strict=True) if m])


def claim_units(scenario: Scenario, claim: Claim) -> np.ndarray:
    """Mask of the area units a claim's figure counts, to outline on the map: for ground gained,
    the units in its scope that go from `from_faction` to its faction between its start and end;
    for a share lost, those its faction holds at the start and not at the end; for a front length,
    its faction's units at the end; none for a head count (`core.metrics.check_claim` computes the
    figures over the same scope)."""
    none = np.zeros(len(scenario.areas), dtype=bool)
    if claim.kind == "head_count" or claim.faction is None or claim.end is None:
        return none
    fi = scenario.faction_index
    end = scenario.control.holders_at(day_number(claim.end))[0]
    if claim.kind == "front_length":
        counted = scope(scenario, end, claim.region, claim.enclave_of)
        return counted & (end == fi[claim.faction])
    if claim.start is None:
        return none
    start = scenario.control.holders_at(day_number(claim.start))[0]
    counted = scope(scenario, start, claim.region, claim.enclave_of)
    if claim.kind == "area_gained":
        if claim.from_faction is None:
            return none
        return counted & (start == fi[claim.from_faction]) & (end == fi[claim.faction])
    return counted & (start == fi[claim.faction]) & (end != fi[claim.faction])
