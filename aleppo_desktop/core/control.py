"""Who holds each area unit when: dated changes, looked up as half-open intervals [date, next change)."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from datetime import date as Date  # noqa: N812 (ControlChange has a field named `date`)

import numpy as np

from aleppo_desktop.core.model import CONFIDENCES, Confidence
from aleppo_desktop.core.timeline import day_number


@dataclass(frozen=True)
class ControlChange:
    """One row of the control table: `faction` takes `area_id`.

    A single-day row holds the whole area from `date` 00:00. A row with a window (`until`) says the
    area was taken at some time between `date` and `until`: it is uncertain from `date` 00:00 and the
    new holder holds the whole area from `until` 00:00 (`held_from`)."""

    area_id: str
    date: date
    faction: str
    confidence: Confidence
    source: str
    note: str = ""
    until: Date | None = None

    @property
    def held_from(self) -> Date:
        """The day from which the new holder holds the whole area: `until` for a window, else `date`."""
        return self.until if self.until is not None else self.date

    @property
    def window(self) -> tuple[Date, Date] | None:
        """(date, until) for a change dated by a window, else None."""
        return None if self.until is None else (self.date, self.until)


@dataclass(frozen=True)
class Holding:
    """The holding in force for one area at one instant."""

    faction: str
    confidence: Confidence
    source: str
    start: date  # the day this row's holding began (`held_from` of the row)
    note: str = ""
    # the window in which the holder took the area, when that change was dated by one; kept
    # through later changes of confidence, like `ControlTable.held_since`
    taken_between: tuple[date, date] | None = None


class ControlTable:
    """Control over time for every area unit.

    States are precomputed per change day, so `state_index_at(t)` is one bisection and `holders_at(t)`
    returns arrays without per-area work. A change dated by a window enters the states on its
    `held_from` day (`until`); before that the previous holder is in force, and `window_at` tells that
    the change is under way.
    """

    def __init__(
        self,
        changes: Sequence[ControlChange],
        area_ids: Sequence[str],
        faction_ids: Sequence[str],
    ):
        self.changes: tuple[ControlChange, ...] = tuple(changes)
        self.area_ids = tuple(area_ids)
        self.faction_ids = tuple(faction_ids)
        area_index = {a: i for i, a in enumerate(self.area_ids)}
        faction_index = {f: i for i, f in enumerate(self.faction_ids)}
        self._by_area: dict[str, list[ControlChange]] = {a: [] for a in self.area_ids}
        for change in sorted(self.changes, key=lambda c: (c.held_from, c.area_id)):
            self._by_area[change.area_id].append(change)
        self._area_days = {
            a: [day_number(c.held_from) for c in cs] for a, cs in self._by_area.items()
        }
        # Per change of an area: the date its faction took it, and the window it was taken in (a
        # change of confidence only keeps both).
        self._held_since: dict[str, list[date]] = {}
        self._taken_between: dict[str, list[tuple[date, date] | None]] = {}
        for area_id, area_changes in self._by_area.items():
            since: list[date] = []
            between: list[tuple[date, date] | None] = []
            for k, c in enumerate(area_changes):
                same_holder = k > 0 and area_changes[k - 1].faction == c.faction
                since.append(since[-1] if same_holder else c.held_from)
                between.append(between[-1] if same_holder else c.window)
            self._held_since[area_id] = since
            self._taken_between[area_id] = between
        self._windows: dict[str, list[ControlChange]] = {
            a: [c for c in cs if c.until is not None] for a, cs in self._by_area.items()
        }

        self.change_days: tuple[float, ...] = tuple(
            sorted({day_number(c.held_from) for c in self.changes})
        )
        n_states, n_areas = len(self.change_days), len(self.area_ids)
        self._factions = np.full((n_states, n_areas), -1, dtype=np.int16)
        self._confidences = np.zeros((n_states, n_areas), dtype=np.int8)
        day_index = {d: k for k, d in enumerate(self.change_days)}
        # Applied in date order, so each state row ends up with the latest change on or before its day.
        for change in sorted(self.changes, key=lambda c: c.held_from):
            k = day_index[day_number(change.held_from)]
            i = area_index[change.area_id]
            self._factions[k:, i] = faction_index[change.faction]
            self._confidences[k:, i] = CONFIDENCES.index(change.confidence)

    def state_index_at(self, t: float) -> int:
        """Index of the state in force at t (-1 before the first change)."""
        return bisect.bisect_right(self.change_days, t + 1e-9) - 1

    def holders_at(self, t: float) -> tuple[np.ndarray, np.ndarray]:
        """Faction index and confidence index per area at t (read-only views; -1 = no holder yet)."""
        k = self.state_index_at(t)
        if k < 0:
            return (
                np.full(len(self.area_ids), -1, dtype=np.int16),
                np.zeros(len(self.area_ids), dtype=np.int8),
            )
        return self._factions[k], self._confidences[k]

    def state(self, k: int) -> tuple[np.ndarray, np.ndarray]:
        """Faction and confidence indices of state k (the state from change_days[k] on)."""
        return self._factions[k], self._confidences[k]

    def holding_at(self, area_id: str, t: float) -> Holding:
        """The holding of one area at t; KeyError for an unknown area, LookupError before its first row."""
        days = self._area_days[area_id]
        k = bisect.bisect_right(days, t + 1e-9) - 1
        if k < 0:
            raise LookupError(f"{area_id} has no holder before {self._by_area[area_id][0].date}")
        c = self._by_area[area_id][k]
        return Holding(
            c.faction, c.confidence, c.source, c.held_from, c.note, self._taken_between[area_id][k]
        )

    def held_since(self, area_id: str, t: float) -> date:
        """The day the holder at t took the area: confidence changes (claimed -> confirmed) keep it,
        a change of faction resets it. KeyError for an unknown area, LookupError before its first row."""
        k = bisect.bisect_right(self._area_days[area_id], t + 1e-9) - 1
        if k < 0:
            raise LookupError(f"{area_id} has no holder before {self._by_area[area_id][0].date}")
        return self._held_since[area_id][k]

    def window_at(self, area_id: str, t: float) -> ControlChange | None:
        """The change dated by a window that is under way at t (`date` <= t < `until`, half-open),
        or None: while it is, the area is uncertain. KeyError for an unknown area."""
        for change in self._windows[area_id]:
            assert change.until is not None
            if day_number(change.date) <= t + 1e-9 < day_number(change.until):
                return change
        return None

    def history(self, area_id: str) -> tuple[ControlChange, ...]:
        """Every change of one area, in date order."""
        return tuple(self._by_area[area_id])

    def next_change(self, area_id: str, t: float) -> ControlChange | None:
        """The first change of this area whose holding starts (`held_from`) strictly after t."""
        days = self._area_days[area_id]
        k = bisect.bisect_right(days, t + 1e-9)
        return self._by_area[area_id][k] if k < len(days) else None
