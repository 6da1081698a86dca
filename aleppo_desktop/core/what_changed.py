"""What changed between two steps of the story: the ground each faction gained, to outline on the
map in the gainer's colour and fade (screen and video alike).

Two ways to ask: after a step (next event, go to date, a day), the areas whose holder at t differs
from the holder at the previous step's instant, all at one strength the caller fades over time; while
time runs, a short trail — the areas taken in the last `TRAIL_DAYS`, fainter the older the change.
Qt-free; the map draws the result (`render.scene.MapScene.paint_changes`). (`core.changes` is the
other question: which units change within a chapter, or count in a claim.)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from aleppo_desktop.core.timeline import day_number

if TYPE_CHECKING:
    from aleppo_desktop.core.scenario import Scenario

TRAIL_DAYS = 3.0
"""While playing, ground taken in the last this many days stays outlined, fading with its age."""
FADE_SECONDS = 4.0
"""After a step, the outline fades out over this many seconds (of wall clock, or of video)."""


@dataclass(frozen=True)
class ChangeOutline:
    """One area to outline: who gained it (faction index, the colour), and how strongly (0-1)."""

    area_index: int
    faction: int
    strength: float


def gained_between(scenario: Scenario, before: float, after: float) -> list[tuple[int, int]]:
    """(area index, faction index) of the areas whose holder at `after` is another faction than at
    `before` (either order of the two instants: the holder at `after` is the one outlined)."""
    control = scenario.control
    old, _ = control.holders_at(before)
    new, _ = control.holders_at(after)
    changed = np.flatnonzero((old != new) & (new >= 0))
    return [(int(i), int(new[i])) for i in changed]


def outlines_at(
    scenario: Scenario, t: float, since: float | None = None, strength: float = 1.0
) -> tuple[ChangeOutline, ...]:
    """What to outline at t: after a step from `since`, the ground gained since then at `strength`;
    with `since` None (playing), the trail of the last TRAIL_DAYS."""
    if strength <= 0:
        return ()
    if since is not None:
        return tuple(ChangeOutline(i, f, strength) for i, f in gained_between(scenario, since, t))
    control = scenario.control
    outlines = []
    for i, f in gained_between(scenario, t - TRAIL_DAYS, t):
        taken = day_number(control.held_since(control.area_ids[i], t))
        age = max(t - taken, 0.0)
        if age < TRAIL_DAYS:
            outlines.append(ChangeOutline(i, f, strength * (1.0 - age / TRAIL_DAYS)))
    return tuple(outlines)


def fade(elapsed_seconds: float, seconds: float = FADE_SECONDS) -> float:
    """The strength of a step's outline `elapsed_seconds` after the step: 1 fading to 0."""
    if seconds <= 0:
        return 0.0
    return max(0.0, 1.0 - elapsed_seconds / seconds)
