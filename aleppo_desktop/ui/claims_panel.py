"""The brief's quantitative claims beside the values computed from the map."""

from __future__ import annotations

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QHeaderView, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from aleppo_desktop.core.metrics import ClaimCheck
from aleppo_desktop.core.scenario import Scenario
from aleppo_desktop.core.story import cite

SYMBOLS = {"about": "≈", "more_than": ">", "less_than": "<"}
UNITS = {"km2": "km²", "percent": "%", "km": "km", "people": "people"}


class ClaimsPanel(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        self.table = QTableWidget(0, 6, self)
        self.table.setHorizontalHeaderLabels(
            ["claim", "source", "claimed", "computed", "difference", "holds"]
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
            ]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if col == 5:
                    item.setBackground(QBrush(QColor("#c8ecc8" if check.holds else "#f5c6c0")))
                self.table.setItem(row, col, item)
        self.table.resizeRowsToContents()
