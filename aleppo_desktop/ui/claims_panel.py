"""The brief's quantitative claims beside the values computed from the map, with the scope each figure
counts (its region) and the km² behind it. Choosing a claim shows how its figure was computed and where
it comes from, and asks the window (`claim_chosen`) to go to its end date and outline the units it
counts (`core.changes.claim_units`)."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QFrame,
    QHeaderView,
    QLabel,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from aleppo_desktop.core.changes import claim_units
from aleppo_desktop.core.language import digits, pick
from aleppo_desktop.core.metrics import ABOUT_TOLERANCE, ClaimCheck
from aleppo_desktop.core.scenario import Scenario
from aleppo_desktop.core.story import cite
from aleppo_desktop.core.timeline import day_number, format_date
from aleppo_desktop.translations import QT_TRANSLATE_NOOP, translate

SYMBOLS = {"about": "≈", "more_than": ">", "less_than": "<"}
UNITS = {
    "km2": QT_TRANSLATE_NOOP("ClaimsPanel", "km²"),
    "percent": "%",
    "km": QT_TRANSLATE_NOOP("ClaimsPanel", "km"),
    "people": QT_TRANSLATE_NOOP("ClaimsPanel", "people"),
}
NARROW_PX = 560  # below this width the table keeps the claim, the computed value and the verdict
NARROW_HIDDEN = (1, 2, 4, 6)  # source, claimed (the claim's own words say it), difference, scope


class ClaimsPanel(QWidget):
    claim_chosen = Signal(int)  # the index of the claim (and its check) the reader clicked

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.scenario: Scenario | None = None
        self.checks: list[ClaimCheck] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        self.table = QTableWidget(0, 7, self)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("claim"),
                self.tr("source"),
                self.tr("claimed"),
                self.tr("computed"),
                self.tr("difference"),
                self.tr("holds"),
                self.tr("scope"),
            ]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(32)
        # the claim column's width follows the dock: its rows then take the height they need
        header.sectionResized.connect(
            lambda column, _old, _new: self.table.resizeRowsToContents() if column == 0 else None
        )
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setToolTip(
            self.tr("Click a claim: the map goes to its end date and outlines what it counts")
        )
        self.table.cellClicked.connect(lambda row, _col: self.choose(row))
        layout.addWidget(self.table, 3)
        self.details = QLabel(self.tr("Click a claim to see how its figure is computed."), self)
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # scrolled, so a long provenance note never squeezes the table to a row in a small dock
        scroll = QScrollArea(self)
        scroll.setWidget(self.details)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout.addWidget(scroll, 2)

    def resizeEvent(self, event) -> None:
        """In a narrow dock (a 1280 px screen) the claim column keeps its room: the source, claimed
        value, difference and scope step aside (the details below give them all)."""
        super().resizeEvent(event)
        narrow = self.width() < NARROW_PX
        for column in NARROW_HIDDEN:
            self.table.setColumnHidden(column, narrow)

    def choose(self, row: int) -> None:
        """Show claim `row`'s computation and provenance and tell the window (`claim_chosen`)."""
        if self.scenario is None or not 0 <= row < len(self.checks):
            return
        self.table.selectRow(row)
        item = self.table.item(row, 0)
        if item is not None:
            self.table.scrollToItem(item)
        self.details.setText(details_html(self.scenario, self.checks[row]))
        self.claim_chosen.emit(row)

    def set_checks(self, scenario: Scenario, checks: list[ClaimCheck]) -> None:
        self.scenario, self.checks = scenario, list(checks)
        self.table.setRowCount(len(checks))
        for row, check in enumerate(checks):
            claim = check.claim
            unit = translate("ClaimsPanel", UNITS[claim.unit])
            cells = [
                pick(claim.statement, claim.statement_ar),
                cite(scenario, claim.source),
                digits(f"{SYMBOLS[claim.comparator]} {claim.value:g} {unit}"),
                digits(f"{check.computed:.1f} {unit}"),
                digits(f"{check.difference:+.0%}"),
                self.tr("yes") if check.holds else self.tr("no"),
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
        r = scenario.region(region)
        return pick(r.name_en, r.name_ar)
    return check.scope_text


def basis_text(scenario: Scenario, check: ClaimCheck) -> str:
    """The km² behind the figure: `Rebels: 20.0 km² on 1 Jul 2016 -> 4.0 km² on 20 Jul 2016
    (-16.0 km²)`, or the end figure alone (a front length), or "" (a head count)."""
    claim, faction_id = check.claim, check.basis_faction
    if faction_id is None or check.end_km2 is None or claim.end is None:
        return ""
    holder = scenario.factions[scenario.faction_index[faction_id]]
    name = pick(holder.name_en, holder.name_ar)
    on = translate("ClaimsPanel", "{km2} km² on {date}")
    end = on.format(km2=digits(f"{check.end_km2:.1f}"), date=format_date(day_number(claim.end)))
    if check.start_km2 is None or claim.start is None or check.change_km2 is None:
        return f"{name}: {end}"
    start = on.format(
        km2=digits(f"{check.start_km2:.1f}"), date=format_date(day_number(claim.start))
    )
    change = translate("ClaimsPanel", "{start} → {end} ({change} km²)")  # Arabic: ← (right to left)
    return f"{name}: " + change.format(
        start=start, end=end, change=digits(f"{check.change_km2:+.1f}")
    )


def details_html(scenario: Scenario, check: ClaimCheck) -> str:
    """The computation behind a claim's figure (the km² at its start and end, the difference, the
    result, the scope) and its provenance (the claim's source, the region's definition and source,
    how the map figures are made), as rich text."""
    claim = check.claim
    unit = translate("ClaimsPanel", UNITS[claim.unit])
    lines = [f"<b>{escape(pick(claim.statement, claim.statement_ar))}</b>"]
    claimed = digits(f"{SYMBOLS[claim.comparator]} {claim.value:g} {unit}")
    lines.append(
        translate("ClaimsPanel", "Claimed: {value} — {source}").format(
            value=claimed, source=f"<i>{escape(cite(scenario, claim.source))}</i>"
        )
    )
    basis = basis_text(scenario, check)
    scope = scope_name(scenario, check)
    if claim.kind == "share_lost" and check.start_km2 and check.change_km2 is not None:
        how = translate("ClaimsPanel", "lost {lost} of {start} km² = {share}%").format(
            lost=digits(f"{-check.change_km2:.1f}"),
            start=digits(f"{check.start_km2:.1f}"),
            share=digits(f"{check.computed:.1f}"),
        )
    elif claim.kind == "area_gained" and check.change_km2 is not None:
        gainer = scenario.factions[scenario.faction_index[claim.faction or ""]]
        how = translate("ClaimsPanel", "gained by {faction}: {km2} km²").format(
            faction=pick(gainer.name_en, gainer.name_ar), km2=digits(f"{-check.change_km2:.1f}")
        )
    elif claim.kind == "front_length":
        how = (
            translate("ClaimsPanel", "front line on {date}: {km} km").format(
                date=format_date(day_number(claim.end)), km=digits(f"{check.computed:.1f}")
            )
            if claim.end
            else ""
        )
    else:
        how = translate("ClaimsPanel", "computed: {value}").format(
            value=digits(f"{check.computed:g} {unit}")
        )
    if basis:
        lines.append(
            translate("ClaimsPanel", "In {scope}: {basis}").format(
                scope=escape(scope), basis=escape(basis)
            )
        )
    lines.append(translate("ClaimsPanel", "Computed: {how}").format(how=escape(how)))
    verdict = (
        translate("ClaimsPanel", "the claim holds")
        if check.holds
        else translate("ClaimsPanel", "the claim does not hold")
    )
    tolerance = (
        translate("ClaimsPanel", " (within ±{tolerance})").format(
            tolerance=digits(f"{ABOUT_TOLERANCE:.0%}")
        )
        if claim.comparator == "about"
        else ""
    )
    lines.append(
        translate("ClaimsPanel", "Difference: {difference} — {verdict}{tolerance}").format(
            difference=digits(f"{check.difference:+.0%}"), verdict=verdict, tolerance=tolerance
        )
    )
    mask = claim_units(scenario, claim)
    if mask.any():
        km2 = float(scenario.frames.unit_km2[mask].sum())
        lines.append(
            translate(
                "ClaimsPanel", "Outlined on the map: the {count} area units counted ({km2} km²)"
            ).format(count=digits(str(int(mask.sum()))), km2=digits(f"{km2:.1f}"))
        )
    notes = []
    region = claim.region
    if region is not None and region in scenario.region_index:
        r = scenario.region(region)
        notes.append(
            f"{escape(pick(r.name_en, r.name_ar))}: {escape(pick(r.note, r.note_ar))} "
            + translate("ClaimsPanel", "Source: {source}").format(
                source=escape(cite(scenario, r.source))
            )
        )
    notes.append(
        translate(
            "ClaimsPanel",
            "Figures from the map geometry (UTM 37N): whole area units as held at 00:00 of each day.",
        )
    )
    provenance = translate("ClaimsPanel", "Provenance: {notes}").format(notes=" ".join(notes))
    lines.append(f"<span style='color:#555'>{provenance}</span>")
    return "<br>".join(lines)
