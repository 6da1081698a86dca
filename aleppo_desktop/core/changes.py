"""Where a chapter's story happens: the area units whose holder or status changes during a chapter.

A chapter runs from the day of the event that opens it to the day the next chapter opens (half-open;
the last one to the period end). The legend is placed where it covers least of these units.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

import numpy as np
import shapely

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


def changed_zone(scenario: Scenario, t: float) -> shapely.Geometry | None:
    """The union of the units that change in the chapter under way at t (map CRS, metres); None
    when nothing changes in it or t is outside every chapter."""
    span = chapter_at(scenario, t)
    if span is None:
        return None
    mask = changed_units(scenario, span.start, span.end)
    if not mask.any():
        return None
    return shapely.union_all([a.geometry for a, m in zip(scenario.areas, mask, strict=True) if m])
