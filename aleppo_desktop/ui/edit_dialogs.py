"""Dialogs of the editor: set control, an event, the names of new area units, who is editing.

Each dialog only gathers values and returns a `core.editing` edit (or None when cancelled) plus the
reason the change log records; applying and refusing is the controller's job (ui/edit_controller.py).
"""

from __future__ import annotations

from datetime import date
from typing import Any, get_args

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from aleppo_desktop.core.editing import NewArea, SetControl
from aleppo_desktop.core.language import phrase, pick
from aleppo_desktop.core.model import CONFIDENCES, EventKind
from aleppo_desktop.core.scenario import Scenario
from aleppo_desktop.translations import translate
from aleppo_desktop.ui.events_panel import KIND_NAMES, PRECISION_NAMES

EVENT_KINDS: tuple[EventKind, ...] = get_args(EventKind)  # in the scenario format's order


def _date_edit(day: date, scenario: Scenario, name: str) -> QDateEdit:
    edit = QDateEdit(QDate(day.year, day.month, day.day))
    edit.setObjectName(name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    start, end = scenario.meta.period.start, scenario.meta.period.end
    edit.setDateRange(
        QDate(start.year, start.month, start.day), QDate(end.year, end.month, end.day)
    )
    return edit


def _day(edit: QDateEdit) -> date:
    value = edit.date()
    return date(value.year(), value.month(), value.day())


def _source_box(scenario: Scenario, name: str, value: str = "") -> QComboBox:
    """Editable: a source id, or `ID#LOCATOR` typed in."""
    box = QComboBox()
    box.setObjectName(name)
    box.setEditable(True)
    box.addItems(sorted(scenario.sources))
    box.setEditText(value)
    return box


class _EditDialog(QDialog):
    """A form with the reason every edit records, and OK only once a reason is given."""

    def __init__(self, title: str, parent: QWidget | None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.reason = QLineEdit()
        self.reason.setObjectName("reason")
        self.reason.setPlaceholderText(
            translate("EditDialogs", "why (kept in the scenario's change log)")
        )
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.reason.textChanged.connect(self._enable)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        self.tail = QFormLayout()
        self.tail.addRow(translate("EditDialogs", "Reason"), self.reason)
        layout.addLayout(self.tail)
        layout.addWidget(self.buttons)
        self._enable()

    def _enable(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.reason.text().strip()))


class ControlDialog(_EditDialog):
    """Holder, confidence, source and note of the selected units from a date (or over a window)."""

    def __init__(self, scenario: Scenario, area_ids: tuple[str, ...], day: date, parent=None):
        super().__init__(
            translate("EditDialogs", "Set control of {count} area unit(s)").format(
                count=len(area_ids)
            ),
            parent,
        )
        self.setObjectName("control_dialog")
        self.area_ids = area_ids
        units = [scenario.areas[scenario.area_index[a]] for a in area_ids]
        names = [pick(u.name_en, u.name_ar) for u in units]
        more = translate("EditDialogs", " and {count} more").format(count=len(names) - 6)
        shown = ", ".join(names[:6]) + (more if len(names) > 6 else "")
        self.form.addRow(translate("EditDialogs", "Units"), QLabel(shown))
        self.faction = QComboBox()
        self.faction.setObjectName("faction")
        for f in scenario.factions:
            self.faction.addItem(pick(f.name_en, f.name_ar), f.id)
        self.confidence = QComboBox()
        self.confidence.setObjectName("confidence")
        self.confidence.addItems([phrase(c) for c in CONFIDENCES])  # read back by index
        self.day = _date_edit(day, scenario, "day")
        self.window_box = QCheckBox(translate("EditDialogs", "taken at some time before"))
        self.window_box.setObjectName("window")
        self.until = _date_edit(day, scenario, "until")
        self.until.setEnabled(False)
        self.window_box.toggled.connect(self.until.setEnabled)
        when = QHBoxLayout()
        when.addWidget(self.day)
        when.addWidget(self.window_box)
        when.addWidget(self.until)
        self.source = _source_box(scenario, "source")
        self.note = QLineEdit()
        self.note.setObjectName("note")
        self.form.addRow(translate("EditDialogs", "Holder"), self.faction)
        self.form.addRow(translate("EditDialogs", "Confidence"), self.confidence)
        self.form.addRow(translate("EditDialogs", "From"), when)
        self.form.addRow(translate("EditDialogs", "Source"), self.source)
        self.form.addRow(translate("EditDialogs", "Note"), self.note)

    def edit(self) -> SetControl:
        return SetControl(
            self.area_ids,
            _day(self.day),
            str(self.faction.currentData()),
            CONFIDENCES[self.confidence.currentIndex()],
            self.source.currentText().strip(),
            self.note.text().strip(),
            _day(self.until) if self.window_box.isChecked() else None,
        )


class EventDialog(_EditDialog):
    """An event's fields; its location is a point (typed or picked on the map) or area units."""

    def __init__(
        self,
        scenario: Scenario,
        event: dict[str, Any] | None,
        day: date,
        selected: tuple[str, ...],
        parent=None,
    ):
        super().__init__(
            translate("EditDialogs", "Edit event")
            if event
            else translate("EditDialogs", "Add event"),
            parent,
        )
        self.setObjectName("event_dialog")
        event = event or {}
        when = event.get("date", {})
        start = date.fromisoformat(when["start"]) if "start" in when else day
        self.id = QLineEdit(event.get("id", ""))
        self.id.setObjectName("event_id")
        self.start = _date_edit(start, scenario, "start")
        self.precision = QComboBox()
        self.precision.setObjectName("precision")
        for key, label in PRECISION_NAMES.items():  # shown in the language, read back by key
            self.precision.addItem(translate("EventsPanel", label), key)
        self.precision.setCurrentIndex(self.precision.findData(when.get("precision", "day")))
        end = date.fromisoformat(when["end"]) if when.get("end") else start
        self.end = _date_edit(end, scenario, "end")
        self.end.setEnabled(self.precision.currentData() == "range")
        self.precision.currentIndexChanged.connect(
            lambda _i: self.end.setEnabled(self.precision.currentData() == "range")
        )
        self.kind = QComboBox()
        self.kind.setObjectName("kind")
        for kind in EVENT_KINDS:
            self.kind.addItem(translate("EventsPanel", KIND_NAMES.get(kind, kind)), kind)
        self.kind.setCurrentIndex(self.kind.findData(event.get("kind", "ground_advance")))
        self.title_edit = QLineEdit(event.get("title", ""))
        self.title_edit.setObjectName("title")
        self.summary = QPlainTextEdit(event.get("summary", ""))
        self.summary.setObjectName("summary")
        self.summary.setFixedHeight(80)
        self.source = _source_box(scenario, "source", event.get("source", ""))
        self.chapter = QLineEdit(event.get("chapter") or "")
        self.chapter.setObjectName("chapter")
        self.chapter.setPlaceholderText(
            translate("EditDialogs", "a chapter starts at this event (optional)")
        )
        self.importance = QComboBox()
        self.importance.setObjectName("importance")
        self.importance.addItem(translate("EditDialogs", "minor"), "minor")
        self.importance.addItem(translate("EditDialogs", "major"), "major")
        self.importance.setCurrentIndex(self.importance.findData(event.get("importance", "minor")))
        location = event.get("location") or {}
        self.location = QComboBox()
        self.location.setObjectName("location")
        self.location.addItems(  # read back by index
            (
                translate("EditDialogs", "none"),
                translate("EditDialogs", "the selected area units"),
                translate("EditDialogs", "a point"),
            )
        )
        self.areas = tuple(location.get("areas") or selected)
        self.lon, self.lat = QDoubleSpinBox(), QDoubleSpinBox()
        for spin, name, limit in ((self.lon, "lon", 180), (self.lat, "lat", 90)):
            spin.setObjectName(name)
            spin.setDecimals(5)
            spin.setRange(-limit, limit)
        self.pick = QPushButton(translate("EditDialogs", "Pick on the map"))
        self.pick.setObjectName("pick")
        if location.get("point"):
            self.lon.setValue(location["point"][0])
            self.lat.setValue(location["point"][1])
            self.location.setCurrentIndex(2)
        elif self.areas and (location.get("areas") or not event):
            self.location.setCurrentIndex(1)
        point = QHBoxLayout()
        for widget in (self.lon, self.lat, self.pick):
            point.addWidget(widget)
        dates = QHBoxLayout()
        for field in (self.start, self.precision, self.end):
            dates.addWidget(field)
        self.form.addRow(translate("EditDialogs", "Id"), self.id)
        self.form.addRow(translate("EditDialogs", "Date"), dates)
        self.form.addRow(translate("EditDialogs", "Kind"), self.kind)
        self.form.addRow(translate("EditDialogs", "Title"), self.title_edit)
        self.form.addRow(translate("EditDialogs", "Summary (your words)"), self.summary)
        self.form.addRow(translate("EditDialogs", "Source"), self.source)
        self.form.addRow(translate("EditDialogs", "Chapter"), self.chapter)
        self.form.addRow(translate("EditDialogs", "Importance"), self.importance)
        self.form.addRow(translate("EditDialogs", "Location"), self.location)
        areas = ", ".join(self.areas) or translate("EditDialogs", "none selected")
        self.form.addRow(translate("EditDialogs", "Areas: {areas}").format(areas=areas), point)
        self.extra = {k: v for k, v in event.items() if k == "outcome"}

    def set_point(self, lon: float, lat: float) -> None:
        self.lon.setValue(lon)
        self.lat.setValue(lat)
        self.location.setCurrentIndex(2)

    def event_data(self) -> dict[str, Any]:
        when: dict[str, Any] = {
            "start": _day(self.start).isoformat(),
            "precision": str(self.precision.currentData()),
        }
        if when["precision"] == "range":
            when["end"] = _day(self.end).isoformat()
        out: dict[str, Any] = {
            "id": self.id.text().strip(),
            "date": when,
            "kind": str(self.kind.currentData()),
            "title": self.title_edit.text().strip(),
            "summary": self.summary.toPlainText().strip(),
            "source": self.source.currentText().strip(),
            "importance": str(self.importance.currentData()),
            **self.extra,
        }
        if self.chapter.text().strip():
            out["chapter"] = self.chapter.text().strip()
        if self.location.currentIndex() == 1 and self.areas:
            out["location"] = {"areas": list(self.areas)}
        elif self.location.currentIndex() == 2:
            out["location"] = {"point": [self.lon.value(), self.lat.value()]}
        return out


class NamesDialog(_EditDialog):
    """Ids and names of the area units a split or merge makes."""

    def __init__(self, title: str, defaults: list[NewArea], source: str, scenario, parent=None):
        super().__init__(title, parent)
        self.setObjectName("names_dialog")
        self.rows: list[tuple[QLineEdit, QLineEdit, QLineEdit]] = []
        for k, d in enumerate(defaults):
            fields = (QLineEdit(d.id), QLineEdit(d.name_en), QLineEdit(d.name_ar))
            for field, name in zip(fields, ("id", "name_en", "name_ar"), strict=True):
                field.setObjectName(f"{name}_{k}")
            row = QHBoxLayout()
            for field in fields:
                row.addWidget(field)
            self.form.addRow(
                translate("EditDialogs", "Unit {n} (id, English, Arabic)").format(n=k + 1), row
            )
            self.rows.append(fields)
        self.source = _source_box(scenario, "source", source)
        self.form.addRow(translate("EditDialogs", "Source of the new boundary"), self.source)

    def names(self) -> tuple[NewArea, ...]:
        return tuple(
            NewArea(i.text().strip(), e.text().strip(), a.text().strip()) for i, e, a in self.rows
        )
