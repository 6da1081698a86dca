"""The events dock: the list (current event highlighted and kept in view) and the selected event's details,
with "Sources disagree" for the disputes that bear on the event (worded by core.disputes, as the
handout)."""

from __future__ import annotations

import html

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from aleppo_desktop.core.disputes import dispute_lines, disputes_touching
from aleppo_desktop.core.language import is_rtl, pick
from aleppo_desktop.core.model import Dispute
from aleppo_desktop.core.scenario import Scenario
from aleppo_desktop.core.story import citation, current_event, event_date_text
from aleppo_desktop.translations import QT_TRANSLATE_NOOP
from aleppo_desktop.ui.clock import Clock, Debounced
from aleppo_desktop.ui.language import emphasis

DISPUTE_COLOUR = "#8e44ad"  # the timeline's dispute markers
PRECISION_NAMES = {
    "day": QT_TRANSLATE_NOOP("EventsPanel", "day"),
    "approximate": QT_TRANSLATE_NOOP("EventsPanel", "approximate"),
    "range": QT_TRANSLATE_NOOP("EventsPanel", "range"),
}
KIND_NAMES = {
    "ground_advance": QT_TRANSLATE_NOOP("EventsPanel", "ground advance"),
    "bombardment": QT_TRANSLATE_NOOP("EventsPanel", "bombardment"),
    "siege": QT_TRANSLATE_NOOP("EventsPanel", "siege"),
    "breach": QT_TRANSLATE_NOOP("EventsPanel", "breach"),
    "negotiation": QT_TRANSLATE_NOOP("EventsPanel", "negotiation"),
    "evacuation": QT_TRANSLATE_NOOP("EventsPanel", "evacuation"),
    "assessment": QT_TRANSLATE_NOOP("EventsPanel", "assessment (the brief's expectation)"),
    "political": QT_TRANSLATE_NOOP("EventsPanel", "political"),
    "other": QT_TRANSLATE_NOOP("EventsPanel", "other"),
}


class EventsPanel(QWidget):
    """Clicking an event asks to jump (`event_activated`); after `follow(clock)` the current event
    (`core.story.current_event`, as the captions) is highlighted and shown, on a debounce."""

    event_activated = Signal(int)
    event_selected = Signal(object)  # Event | None: for the map highlight

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.scenario: Scenario | None = None
        self.brief_paragraphs: list[str] | None = None
        self.current: int | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.list = QListWidget(splitter)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setWordWrap(True)
        self.list.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.list.itemClicked.connect(self._clicked)
        self.list.itemActivated.connect(self._clicked)  # Enter on a focused list jumps too
        self.details = QTextBrowser(splitter)
        self.details.setOpenExternalLinks(False)
        self.details.setOpenLinks(False)
        splitter.setSizes([300, 200])
        layout.addWidget(splitter)
        self.debounced: Debounced | None = None
        self.clock: Clock | None = None

    def follow(self, clock: Clock) -> None:
        """Show the clock's current event: its time, and the event stepped to (several on a day)."""
        self.clock = clock
        self.debounced = Debounced(clock, self.set_time, self)
        clock.event_changed.connect(self._event_stepped)

    def _event_stepped(self, _index: object) -> None:
        """Another event at the same instant: show it now (no time change to debounce)."""
        if self.debounced is not None:
            self.debounced.fire()

    def set_scenario(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self.current = None
        with QSignalBlocker(self.list):
            self.list.clear()
            for event in scenario.events:
                disputed = (
                    " · " + self.tr("sources disagree")
                    if disputes_touching(scenario, event.id)
                    else ""
                )
                title = pick(event.title, event.title_ar)
                item = QListWidgetItem(f"{event_date_text(event)}{disputed}\n{title}")
                if event.importance == "major":
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                if event.chapter:
                    chapter = pick(event.chapter, event.chapter_ar)
                    item.setToolTip(self.tr("Chapter: {chapter}").format(chapter=chapter))
                self.list.addItem(item)
        self.details.clear()

    def set_brief(self, paragraphs: list[str] | None) -> None:
        self.brief_paragraphs = paragraphs
        if self.current is not None:
            self.show_details(self.current)

    def set_time(self, t: float) -> None:
        if self.scenario is None:
            return
        stepped = self.clock.stepped_event if self.clock is not None else None
        index = current_event(self.scenario, t, stepped)
        if index == self.current:
            return
        self.current = index
        with QSignalBlocker(self.list):
            for row in range(self.list.count()):
                item = self.list.item(row)
                item.setBackground(QBrush(QColor("#ffe9a8")) if row == index else QBrush())
            if index is not None:
                self.list.setCurrentRow(index)
                self.list.scrollToItem(
                    self.list.item(index), QAbstractItemView.ScrollHint.PositionAtCenter
                )
            else:
                self.list.clearSelection()
        if index is not None:
            self.show_details(index)
        else:
            self.details.clear()
            self.event_selected.emit(None)

    def _clicked(self, item: QListWidgetItem) -> None:
        row = self.list.row(item)
        self.event_activated.emit(row)

    def show_details(self, index: int) -> None:
        s = self.scenario
        if s is None:
            return
        event = s.events[index]
        source, locator = s.source_of(event.source)
        cited = citation(s, event.source)
        from_brief, after_brief = self.tr("from the brief"), self.tr("after the brief")
        parts = [
            f"<h3>{html.escape(pick(event.title, event.title_ar))}</h3>",
            f"<p><b>{html.escape(event_date_text(event))}</b> "
            f"({html.escape(self.tr(PRECISION_NAMES[event.date.precision]))}) · "
            f"{html.escape(self.tr(KIND_NAMES.get(event.kind, event.kind)))}"
            + (f" · {emphasis(from_brief)}" if s.from_brief(event.source) else "")
            + (f" · {emphasis(after_brief)}" if s.after_brief(event) else "")
            + "</p>",
            f"<p>{html.escape(pick(event.summary, event.summary_ar))}</p>",
        ]
        if event.location and event.location.areas:
            names = [
                pick(s.areas[s.area_index[a]].name_en, s.areas[s.area_index[a]].name_ar)
                for a in event.location.areas
                if a in s.area_index
            ]
            comma = "، " if is_rtl() else ", "
            where = self.tr("Where: {places} (outlined on the map)").format(
                places=html.escape(comma.join(names))
            )
            parts.append(f"<p>{where}</p>")
        elif event.location and event.location.point:
            lon, lat = event.location.point
            where = self.tr("Where: {lat}° N, {lon}° E (ringed on the map)").format(
                lat=f"{lat:.4f}", lon=f"{lon:.4f}"
            )
            parts.append(f"<p>{where}</p>")
        source_label = self.tr("Source:")
        parts.append(f"<p><b>{source_label}</b> {html.escape(cited.text)}</p>")
        if source.kind == "brief" and locator.isdigit():
            paragraphs = self.brief_paragraphs
            n = int(locator)
            if paragraphs is not None and 1 <= n <= len(paragraphs):
                parts.append(f"<blockquote>§{n}: {html.escape(paragraphs[n - 1])}</blockquote>")
            elif paragraphs is not None:
                missing = self.tr("The loaded brief has no paragraph {n}.").format(n=n)
                parts.append(f"<p>{emphasis(missing)}</p>")
            else:
                hint = self.tr("File › Open brief… shows the paragraph itself.")
                parts.append(f"<p>{emphasis(hint)}</p>")
        if cited.url:
            parts.append(f"<p>{html.escape(cited.url)}</p>")
        for dispute in disputes_touching(s, event.id):
            parts.append(dispute_html(s, dispute))
        self.details.setHtml("".join(parts))
        self.event_selected.emit(event)


def dispute_html(scenario: Scenario, dispute: Dispute) -> str:
    """A dispute in the details: core.disputes' lines (the handout's words) as a heading, the
    versions, the one the map follows in bold, and why."""
    heading, *versions, follows = dispute_lines(scenario, dispute)
    items = "".join(
        f"<li>{'<b>' if v.id == dispute.follows else ''}{html.escape(line.removeprefix('• '))}"
        f"{'</b>' if v.id == dispute.follows else ''}</li>"
        for v, line in zip(dispute.versions, versions, strict=True)
    )
    return (
        f"<h4 style='color:{DISPUTE_COLOUR}'>{html.escape(heading)}</h4>"
        f"<ul>{items}</ul><p>{emphasis(html.escape(follows))}</p>"
    )
