"""The brief's quantitative claims beside the values computed from the map, with the scope each figure
counts (its region) and the km² behind it."""

from __future__ import annotations

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QHeaderView, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from aleppo_desktop.core.metrics import ClaimCheck
from aleppo_desktop.core.scenario import Scenario
from aleppo_desktop.core.story import cite
from aleppo_desktop.core.timeline import day_number, format_date

SYMBOLS = {"about": "≈", "more_than": ">", "less_than": "<"}
UNITS = {"km2": "km²", "percent": "%", "km": "km", "people": "people"}


class ClaimsPanel(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        self.table = QTableWidget(0, 7, self)
        self.table.setHorizontalHeaderLabels(
            ["claim", "source", "claimed", "computed", "difference", "holds", "scope"]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table)

    def set_checks(self, scenario: Scenario, checks: list[ClaimCheck]) -> None:
        self.table.setRowCount(len(checks))
        for row, check in enumerate(checks):
            claim = check.claim
            unit = UNITS[claim.unit]
            cells = [
                claim.statement,
                cite(scenario, claim.source),
                f"{SYMBOLS[claim.comparator]} {claim.value:g} {unit}",
                f"{check.computed:.1f} {unit}",
                f"{check.difference:+.0%}",
                "yes" if check.holds else "no",
                scope_name(scenario, check),
            ]
            basis = basis_text(scenario, check)
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(f"{text}\n{basis}" if basis and col == 3 else text)
                if col == 5:
                    item.setBackground(QBrush(QColor("#c8ecc8" if check.holds else "#f5c6c0")))
                self.table.setItem(row, col, item)
        self.table.resizeRowsToContents()


def scope_name(scenario: Scenario, check: ClaimCheck) -> str:
    """What the figure counts: the claim's region by name, else the core's scope wording."""
    region = check.claim.region
    if region is not None and region in scenario.region_index:
        return scenario.region(region).name_en
    return check.scope_text


def basis_text(scenario: Scenario, check: ClaimCheck) -> str:
    """The km² behind the figure: `Rebels: 20.0 km² on 1 Jul 2016 -> 4.0 km² on 20 Jul 2016
    (-16.0 km²)`, or the end figure alone (a front length), or "" (a head count)."""
    claim, faction_id = check.claim, check.basis_faction
    if faction_id is None or check.end_km2 is None or claim.end is None:
        return ""
    name = scenario.factions[scenario.faction_index[faction_id]].name_en
    end = f"{check.end_km2:.1f} km² on {format_date(day_number(claim.end))}"
    if check.start_km2 is None or claim.start is None or check.change_km2 is None:
        return f"{name}: {end}"
    start = f"{check.start_km2:.1f} km² on {format_date(day_number(claim.start))}"
    return f"{name}: {start} → {end} ({check.change_km2:+.1f} km²)"
