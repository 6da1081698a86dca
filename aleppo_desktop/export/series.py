"""The daily series as a table: km² per faction and km of front for the whole map, then the same for
every region with each faction's share of what it held there at the period start.

One table for the CSV export and anything else that tabulates the series; the figures are
`core.metrics.daily_series`, the ones the Faction strength panel charts.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from aleppo_desktop.core.metrics import Series, daily_series
from aleppo_desktop.core.scenario import Scenario
from aleppo_desktop.core.timeline import date_of
from aleppo_desktop.export.atomic import Progress
from aleppo_desktop.export.gis import write_csv  # the one CSV routine (formula-safe cells)


def series_header(scenario: Scenario) -> list[str]:
    """`date`, `<faction>_km2`…, `front_km`, then per region `<region>_<faction>_km2`…,
    `<region>_<faction>_pct_of_start`…, `<region>_front_km`."""
    factions = [f.id for f in scenario.factions]
    header = ["date", *(f"{f}_km2" for f in factions), "front_km"]
    for region in scenario.regions:
        header += [f"{region.id}_{f}_km2" for f in factions]
        header += [f"{region.id}_{f}_pct_of_start" for f in factions]
        header.append(f"{region.id}_front_km")
    return header


def series_rows(scenario: Scenario, series: Series | None = None) -> Iterable[list[str]]:
    """One row per day under `series_header`; a share is empty where the faction held nothing in
    the region at the period start."""
    series = series if series is not None else daily_series(scenario)
    n_factions, n_regions = len(scenario.factions), len(scenario.regions)
    # shares[r][f][day]
    shares = [[series.region_share(r, f) for f in range(n_factions)] for r in range(n_regions)]
    for row, t in enumerate(series.times):
        cells = [date_of(float(t)).isoformat()]
        cells += [f"{a:.4f}" for a in series.area_km2[row]]
        cells.append(f"{series.front_km[row]:.3f}")
        for r in range(n_regions):
            cells += [f"{a:.4f}" for a in series.region_km2[row, r]]
            cells += ["" if np.isnan(p[row]) else f"{p[row]:.2f}" for p in shares[r]]
            cells.append(f"{series.region_front_km[row, r]:.3f}")
        yield cells


def write_series_csv(
    scenario: Scenario, path: Path | str, progress: Progress | None = None
) -> Path:
    """The daily series at 00:00 of every day, whole map then regions, as CSV."""

    def rows() -> Iterable[Sequence[Any]]:
        return series_rows(scenario)

    return write_csv(path, progress, series_header(scenario), rows)
