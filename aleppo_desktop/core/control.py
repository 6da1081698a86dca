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
        held = [c.held_from for c in self.changes]
        # Per area, its changes in date order; per change of an area: its day, the date its faction
        # took it, and the window it was taken in (a change of confidence only keeps both).
        self._by_area: dict[str, list[ControlChange]] = {a: [] for a in self.area_ids}
        self._area_days: dict[str, list[float]] = {a: [] for a in self.area_ids}
        self._held_since: dict[str, list[date]] = {a: [] for a in self.area_ids}
        self._taken_between: dict[str, list[tuple[date, date] | None]] = {
            a: [] for a in self.area_ids
        }
        self._windows: dict[str, list[ControlChange]] = {a: [] for a in self.area_ids}
        day_list = [day_number(h) for h in held]
        days = np.array(day_list, dtype=float)
        # by day: an area's changes are in date order, those of one day in the table's order
        for j in np.argsort(days, kind="stable").tolist():
            c = self.changes[j]
            area_changes, since, between = (
                self._by_area[c.area_id],
                self._held_since[c.area_id],
                self._taken_between[c.area_id],
            )
            if area_changes and area_changes[-1].faction == c.faction:
                since.append(since[-1])
                between.append(between[-1])
            else:
                since.append(held[j])
                between.append(c.window)
            area_changes.append(c)
            self._area_days[c.area_id].append(day_list[j])
            if c.until is not None:
                self._windows[c.area_id].append(c)
        # sorted(set()), not np.unique: that imports numpy.ma (~60 ms CPU) when first called
        self.change_days: tuple[float, ...] = tuple(sorted(set(day_list)))
        self._factions, self._confidences = self._states(days, area_ids, faction_ids)

    def _states(
        self, days: np.ndarray, area_ids: Sequence[str], faction_ids: Sequence[str]
    ) -> tuple[np.ndarray, np.ndarray]:
        """Faction and confidence indices per state (change day) and area: each state row holds
        the latest change on or before its day (of two on one day, the later in the table)."""
        n_states, n_areas = len(self.change_days), len(area_ids)
        factions = np.full((n_states, n_areas), -1, dtype=np.int16)
        confidences = np.zeros((n_states, n_areas), dtype=np.int8)
        if not self.changes:
            return factions, confidences
        area_index = {a: i for i, a in enumerate(area_ids)}
        faction_index = {f: i for i, f in enumerate(faction_ids)}
        confidence_index = {c: i for i, c in enumerate(CONFIDENCES)}
        state = np.searchsorted(np.asarray(self.change_days), days)
        area = np.array([area_index[c.area_id] for c in self.changes], dtype=np.int64)
        # the change in force from each (state, area) it starts in: the last of the table's
        # changes that start there (`np.unique` on the reversed table finds each key's last)
        key = state * n_areas + area
        last = len(key) - 1 - np.unique(key[::-1], return_index=True)[1]
        starts = np.full((n_states, n_areas), -1, dtype=np.int32)
        starts[state[last], area[last]] = last
        # carried down the states: the row of the latest state at or before each with a start
        rows = np.where(starts >= 0, np.arange(n_states, dtype=np.int32)[:, None], -1)
        np.maximum.accumulate(rows, axis=0, out=rows)
        held = rows >= 0
        change = starts[np.maximum(rows, 0), np.arange(n_areas)]
        faction_of = np.array([faction_index[c.faction] for c in self.changes], dtype=np.int16)
        confidence_of = np.array(
            [confidence_index[c.confidence] for c in self.changes], dtype=np.int8
        )
        factions[held] = faction_of[change[held]]
        confidences[held] = confidence_of[change[held]]
        return factions, confidences

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
