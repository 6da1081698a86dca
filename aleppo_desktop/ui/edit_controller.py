"""The editor in the main window: selection on the map, the Edit menu, undo/redo, save, recovery.

`EditController` holds the open `core.editing.Document`. Every edit goes through `apply()`: the core
validates it (a refusal is shown with its reason and changes nothing), and a `QUndoCommand` holding
the documents before and after it is pushed, so undo and redo swap whole documents (nothing is
recomputed on undo: the previous scenario keeps its frames). The window shows an edited scenario
at the clock's current time (`MainWindow.show_edited`).

Selection: Ctrl- or Shift-click adds or removes a unit; with the Select tool a click selects one
unit and a drag draws a lasso (units whose inside point falls in it). The Split tool takes a line:
click its points, double-click (or Enter) to cut. Selected units and the line are drawn by a
transparent layer over the map (`SelectionLayer`).

Unsaved work: the title carries the modified marker, closing or opening another scenario asks
first, and the work is autosaved to a recovery folder every 30 s and 2 s after an edit burst
(`core.recovery`; never over the saved files). The next start offers what a crash left behind.
"""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import shapely
from PySide6.QtCore import QEvent, QObject, QPointF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QKeySequence,
    QPainter,
    QPen,
    QPolygonF,
    QUndoCommand,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QFileDialog,
    QInputDialog,
    QMenu,
    QMessageBox,
    QWidget,
)

from aleppo_desktop.core.errors import ScenarioError
from aleppo_desktop.core.language import digits, pick
from aleppo_desktop.core.recovery import (
    AUTOSAVE_SECONDS,
    discard_recovery,
    find_recoveries,
    read_recovery,
    recovery_folder,
    write_recovery,
)
from aleppo_desktop.core.timeline import date_of

# The editing machinery (core.editing, core.authoring, core.saving, ui.edit_dialogs: ~17 ms of
# imports) is imported by name where first used: the window builds its Edit menu before its first
# frame, and the document is read after it.
if TYPE_CHECKING:
    from aleppo_desktop.core.editing import Document, Edit
    from aleppo_desktop.core.scenario import Scenario
    from aleppo_desktop.ui.edit_dialogs import ControlDialog, EventDialog, NamesDialog
    from aleppo_desktop.ui.main_window import MainWindow

log = logging.getLogger(__name__)
BURST_MS = 2000  # autosave this long after the last edit of a burst
WHO_KEY = "editing/who"


class DocumentCommand(QUndoCommand):
    """One edit: the documents before and after it."""

    def __init__(self, controller: EditController, before: Document, after: Document, text: str):
        super().__init__(text)
        self.controller, self.before, self.after = controller, before, after

    def redo(self) -> None:
        self.controller.show_document(self.after)

    def undo(self) -> None:
        self.controller.show_document(self.before)


class SelectionLayer(QWidget):
    """Draws the selected units, the lasso and the split line over the map (mouse goes through)."""

    def __init__(self, controller: EditController, parent: QWidget):
        super().__init__(parent)
        self.controller = controller
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)

    def paintEvent(self, event) -> None:
        view = self.controller.window.map_view
        scene = self.controller.window.map_scene
        if scene is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setTransform(view.viewportTransform())
        pen = QPen(QColor("#00bcd4"), 3)
        pen.setCosmetic(True)
        painter.setPen(pen)
        painter.setBrush(QColor(0, 188, 212, 60))
        index = scene.scenario.area_index
        for area_id in self.controller.selected:
            if area_id in index:
                painter.drawPath(scene.area_paths[index[area_id]])
        pen = QPen(QColor("#ff00ff"), 2, Qt.PenStyle.DashLine)
        pen.setCosmetic(True)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        points = self.controller.drawn
        if len(points) > 1:
            painter.drawPolyline(QPolygonF(points))
        painter.end()


class EditController(QObject):
    """Editing for one main window (see the module docstring)."""

    selection_changed = Signal()
    refused = Signal(str)  # the reason of the last refused edit

    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window = window
        self._document: Document | None = None
        # a scenario just opened, whose document is read after its first frame or when first asked
        self._pending: Scenario | None = None
        self.selected: list[str] = []
        self.tool = ""  # "", "select", "split", "point"
        self.drawn: list[QPointF] = []  # lasso or split line, scene coordinates
        self._pressed: QPointF | None = None
        self._showing = False  # set while the controller itself puts a scenario in the window
        self._event_dialog: EventDialog | None = None
        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(self._clean_changed)
        self._burst = QTimer(self)
        self._burst.setSingleShot(True)
        self._burst.setInterval(BURST_MS)
        self._burst.timeout.connect(self.autosave)
        self.undo_stack.indexChanged.connect(lambda _i: self._burst.start())
        self._autosave = QTimer(self)
        self._autosave.setInterval(AUTOSAVE_SECONDS * 1000)
        self._autosave.timeout.connect(self.autosave)
        self._autosave.start()
        self._autosaved_index = 0
        self._recovery_written = False
        self.layer = SelectionLayer(self, window.map_view.viewport())
        self.layer.setGeometry(window.map_view.viewport().rect())
        # a child of the map's viewport: painted with it (asking for its paint on each map paint
        # repainted the map under it again, in a loop: the map painted on every pass of the loop)
        window.map_view.viewport().installEventFilter(self)
        window.scenario_loaded.connect(self._scenario_loaded)
        self._make_actions()

    # --- menus ------------------------------------------------------------------------------------

    def _make_actions(self) -> None:
        w = self.window
        undo = self.undo_stack.createUndoAction(self, self.tr("Undo"))
        undo.setShortcut(QKeySequence(QKeySequence.StandardKey.Undo))
        redo = self.undo_stack.createRedoAction(self, self.tr("Redo"))
        redo.setShortcut(QKeySequence(QKeySequence.StandardKey.Redo))
        self.actions: dict[str, QAction] = {"undo": undo, "redo": redo}

        def a(name: str, text: str, slot, shortcut: str | None = None, checkable=False) -> QAction:
            action = QAction(text, self)
            action.setObjectName(f"action_{name}")
            if shortcut:
                action.setShortcut(QKeySequence(shortcut))
            action.setCheckable(checkable)
            action.triggered.connect(slot)
            self.actions[name] = action
            return action

        a(
            "select_tool",
            self.tr("Select tool (click, Shift/Ctrl-click, lasso)"),
            self._select_tool,
            "S",
            True,
        )
        a("split_tool", self.tr("Split a unit along a line…"), self._split_tool, None, True)
        a(
            "set_control",
            self.tr("Set control of the selection…"),
            self.set_control_dialog,
            "Ctrl+E",
        )
        a("merge", self.tr("Merge the selected units…"), self.merge_dialog)
        a("add_event", self.tr("Add event…"), self.add_event_dialog)
        a("edit_event", self.tr("Edit the current event…"), self.edit_event_dialog)
        a("delete_event", self.tr("Delete the current event…"), self.delete_event_dialog)
        a("clear_selection", self.tr("Clear the selection"), self.clear_selection)
        a(
            "save",
            self.tr("Save"),
            self.save,
            QKeySequence(QKeySequence.StandardKey.Save).toString(),
        )
        a("save_as", self.tr("Save as…"), self.save_as_dialog, "Ctrl+Shift+S")
        a("new_from_areas", self.tr("New scenario from areas…"), self.new_from_areas_dialog)
        a("who", self.tr("Your name for the change log…"), self.ask_who)
        for action in self.actions.values():
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            w.addAction(action)

    def fill_edit_menu(self, menu: QMenu) -> None:
        for name in (
            "undo",
            "redo",
            None,
            "select_tool",
            "clear_selection",
            "set_control",
            None,
            "add_event",
            "edit_event",
            "delete_event",
            None,
            "split_tool",
            "merge",
            None,
            "who",
        ):
            if name is None:
                menu.addSeparator()
            else:
                menu.addAction(self.actions[name])

    def file_actions(self) -> list[QAction]:
        return [self.actions[n] for n in ("new_from_areas", "save", "save_as")]

    # --- the document -----------------------------------------------------------------------------

    @property
    def document(self) -> Document | None:
        """The open scenario as a Document (None: it cannot be edited). Read from the scenario just
        opened on first use: after its first frame (`_scenario_loaded`), or sooner when an edit, a
        save or the recovery asks for it."""
        scenario = self._pending
        if scenario is not None:
            self._pending = None
            from aleppo_desktop.core.editing import document_of

            try:
                self._document = document_of(scenario)
            except (ScenarioError, OSError) as exc:
                self._document = None
                log.warning("cannot edit %s: %s", scenario.path, exc)
            self._title()
        return self._document

    @document.setter
    def document(self, document: Document | None) -> None:
        self._pending = None
        self._document = document

    def _scenario_loaded(self, scenario) -> None:
        if self._showing:
            return
        self.document = None
        self._pending = scenario  # the area file's second read waits for the first frame
        self.selected = []
        self.undo_stack.clear()
        self._autosaved_index = 0
        self._title()
        self.window.after_first_frame(lambda: self._read_document(scenario))

    def _read_document(self, scenario: Scenario) -> None:
        if self._pending is scenario:
            self.document  # noqa: B018 (read now, unless something asked for it already)

    def show_document(self, document: Document) -> None:
        """Put a document in the window at the current time (undo, redo, a new edit)."""
        self.document = document
        index = document.scenario.area_index
        self.selected = [a for a in self.selected if a in index]
        self._showing = True
        try:
            self.window.show_edited(document.scenario)
        finally:
            self._showing = False
        self._title()
        self.layer.update()

    def _title(self) -> None:
        document = self._document
        scenario = self._pending or (document.scenario if document is not None else None)
        if scenario is not None:
            self.window.setWindowTitle(f"{scenario.title}[*] — aleppo-desktop")
        self.window.setWindowModified(not self.undo_stack.isClean())

    def _clean_changed(self, clean: bool) -> None:
        self.window.setWindowModified(not clean)

    @property
    def modified(self) -> bool:
        return not self.undo_stack.isClean()

    def who(self) -> str:
        return str(self.window.settings.value(WHO_KEY, "") or "")

    def ask_who(self) -> bool:
        name, ok = QInputDialog.getText(
            self.window,
            self.tr("Your name"),
            self.tr("Who makes these edits (kept in the change log):"),
            text=self.who(),
        )
        if ok and name.strip():
            self.window.settings.setValue(WHO_KEY, name.strip())
        return bool(self.who())

    def apply(self, edit: Edit, reason: str) -> bool:
        """Apply an edit (validated by the core) as one undoable step; a refusal is shown with its
        reason and changes nothing."""
        from aleppo_desktop.core.editing import EditRefused, apply_edit

        if self.document is None:
            return False
        if not self.who() and not self.ask_who():
            return False
        try:
            after = apply_edit(self.document, edit, self.who(), reason)
        except EditRefused as exc:
            self.refused.emit(exc.reason)
            box = QMessageBox(
                QMessageBox.Icon.Warning, self.tr("Edit refused"), exc.reason, parent=self.window
            )
            box.setObjectName("edit_refused")
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()
            return False
        self.undo_stack.push(DocumentCommand(self, self.document, after, edit.summary()))
        return True

    # --- selection and drawing on the map -----------------------------------------------------------

    def clear_selection(self) -> None:
        self.selected = []
        self.selection_changed.emit()
        self.layer.update()

    def select(self, area_ids: list[str], add: bool = False) -> None:
        if add:
            for a in area_ids:
                if a in self.selected:
                    self.selected.remove(a)
                else:
                    self.selected.append(a)
        else:
            self.selected = list(area_ids)
        self.selection_changed.emit()
        self.layer.update()

    def _select_tool(self, on: bool) -> None:
        self.tool = "select" if on else ""
        self.actions["split_tool"].setChecked(False)
        self.drawn = []

    def _split_tool(self, on: bool) -> None:
        self.tool = "split" if on else ""
        self.actions["select_tool"].setChecked(False)
        self.drawn = []
        if on:
            self.window.status.setText(
                self.tr(
                    "Split: click the line's points across one unit, double-click to cut (Esc: cancel)"
                )
            )

    def _scene_point(self, event) -> QPointF:
        return self.window.map_view.mapToScene(event.position().toPoint())

    def area_at(self, point: QPointF) -> str | None:
        scene = self.window.map_scene
        if scene is None:
            return None
        i = scene.area_at(point)
        return None if i is None else scene.scenario.areas[i].id

    def eventFilter(self, watched, event) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Resize:
            self.layer.setGeometry(watched.rect())  # the layer covers the map
            return False
        if kind not in (
            QEvent.Type.MouseButtonPress,
            QEvent.Type.MouseMove,
            QEvent.Type.MouseButtonRelease,
            QEvent.Type.MouseButtonDblClick,
            QEvent.Type.KeyPress,
        ):
            return False
        if kind == QEvent.Type.KeyPress:
            return self._key(event)
        if kind != QEvent.Type.MouseMove and event.button() != Qt.MouseButton.LeftButton:
            return False
        modifiers = event.modifiers()
        adding = bool(
            modifiers & (Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.ControlModifier)
        )
        point = self._scene_point(event)
        if self.tool == "point" and kind == QEvent.Type.MouseButtonRelease:
            self._picked(point)
            return True
        if self.tool == "split":
            if kind == QEvent.Type.MouseButtonRelease:
                self.drawn.append(point)
                self.layer.update()
            elif kind == QEvent.Type.MouseButtonDblClick:
                self.finish_split()
            return True
        if self.tool == "select" or adding:
            if kind == QEvent.Type.MouseButtonPress:
                self._pressed = point
                self.drawn = [point]
            elif kind == QEvent.Type.MouseMove and self._pressed is not None:
                self.drawn.append(point)
                self.layer.update()
            elif kind == QEvent.Type.MouseButtonRelease and self._pressed is not None:
                self._pressed = None
                lasso, self.drawn = self.drawn, []
                if len(lasso) > 3:
                    self.select(self.units_in_lasso(lasso), add=adding)
                else:
                    hit = self.area_at(point)
                    self.select([hit] if hit else [], add=adding)
            return True
        return False

    def _key(self, event) -> bool:
        if self.tool == "split" and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.finish_split()
            return True
        if self.tool and event.key() == Qt.Key.Key_Escape:
            self.drawn = []
            self.actions["split_tool"].setChecked(False)
            self.actions["select_tool"].setChecked(False)
            self.tool = ""
            self.layer.update()
            return True
        return False

    def units_in_lasso(self, lasso: list[QPointF]) -> list[str]:
        """Units whose representative point lies inside the lasso (scene coordinates)."""
        if self.document is None or len(lasso) < 3:
            return []
        polygon = shapely.Polygon([(p.x(), -p.y()) for p in lasso]).buffer(0)
        return [
            a.id
            for a in self.document.scenario.areas
            if polygon.contains(a.geometry.representative_point())
        ]

    # --- the edits ----------------------------------------------------------------------------------

    def _today(self) -> date:
        return date_of(self.window.clock.time)

    def set_control_dialog(self) -> ControlDialog | None:
        from aleppo_desktop.ui.edit_dialogs import ControlDialog

        if self.document is None or not self.selected:
            self.window.status.setText(
                self.tr("Select area units first (Shift/Ctrl-click or the Select tool)")
            )
            return None
        dialog = ControlDialog(
            self.document.scenario, tuple(self.selected), self._today(), self.window
        )
        dialog.accepted.connect(lambda: self.apply(dialog.edit(), dialog.reason.text()))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def current_event(self) -> dict | None:
        """The event selected in the Events list, else the last one on or before the clock's day
        (its scenario.json object)."""
        if self.document is None:
            return None
        events = self.document.scenario.events
        row = self.window.events_panel.list.currentRow()
        if 0 <= row < len(events):
            chosen = events[row].id
        else:
            today = date_of(self.window.clock.time)
            before = [e for e in events if e.date.start <= today]
            if not before:
                return None
            chosen = before[-1].id
        return next(e for e in self.document.data["events"] if e["id"] == chosen)

    def add_event_dialog(self) -> EventDialog | None:
        return self._event_dialog_for(None)

    def edit_event_dialog(self) -> EventDialog | None:
        event = self.current_event()
        if event is None:
            self.window.status.setText(self.tr("No event at or before the current day"))
            return None
        return self._event_dialog_for(event)

    def _event_dialog_for(self, event: dict | None) -> EventDialog | None:
        from aleppo_desktop.core.editing import AddEvent, UpdateEvent
        from aleppo_desktop.ui.edit_dialogs import EventDialog

        if self.document is None:
            return None
        dialog = EventDialog(
            self.document.scenario, event, self._today(), tuple(self.selected), self.window
        )
        old_id = event["id"] if event else None

        def done() -> None:
            data = dialog.event_data()
            edit = AddEvent(data) if old_id is None else UpdateEvent(old_id, data)
            self.apply(edit, dialog.reason.text())

        dialog.accepted.connect(done)
        dialog.pick.clicked.connect(lambda: self._pick_point_for(dialog))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _pick_point_for(self, dialog: EventDialog) -> None:
        self._event_dialog = dialog
        self.tool = "point"
        dialog.hide()
        self.window.status.setText(self.tr("Click the event's place on the map"))

    def _picked(self, point: QPointF) -> None:
        from aleppo_desktop.core.geometry import to_wgs84

        self.tool = ""
        dialog, self._event_dialog = self._event_dialog, None
        if dialog is None:
            return
        lonlat = to_wgs84(shapely.Point(point.x(), -point.y()))
        dialog.set_point(round(lonlat.x, 5), round(lonlat.y, 5))
        dialog.show()

    def delete_event_dialog(self) -> None:
        event = self.current_event()
        if event is None:
            return
        reason, ok = QInputDialog.getText(
            self.window, self.tr("Delete event"), f"Delete {event['id']!r} ({event['title']}): why?"
        )
        if ok and reason.strip():
            from aleppo_desktop.core.editing import DeleteEvent

            self.apply(DeleteEvent(event["id"]), reason)

    def finish_split(self) -> NamesDialog | None:
        """Cut the unit the drawn line crosses: ask the parts' ids and names, then apply."""
        from aleppo_desktop.core.editing import NewArea, SplitArea, map_line_to_wgs84, split_polygon
        from aleppo_desktop.ui.edit_dialogs import NamesDialog

        line, self.drawn = self.drawn, []
        self.actions["split_tool"].setChecked(False)
        self.tool = ""
        self.layer.update()
        if self.document is None or len(line) < 2:
            return None
        xy = [(p.x(), -p.y()) for p in line]
        crossed = [
            a.id for a in self.document.scenario.areas if shapely.LineString(xy).crosses(a.geometry)
        ]
        cut = [
            a
            for a in crossed
            if len(
                split_polygon(
                    self.document.area(a).geometry, shapely.LineString(map_line_to_wgs84(xy))
                )
            )
            >= 2
        ]
        if len(cut) != 1:
            self.refused.emit("draw the line across exactly one unit, from edge to edge")
            self.window.status.setText(
                self.tr("Draw the line across exactly one unit, from edge to edge")
            )
            return None
        unit = self.document.area(cut[0])
        wgs = map_line_to_wgs84(xy)
        n = len(split_polygon(unit.geometry, shapely.LineString(wgs)))
        defaults = [
            NewArea(f"{unit.id}-{k + 1}", f"{unit.name_en} ({k + 1})", unit.name_ar)
            for k in range(n)
        ]
        dialog = NamesDialog(
            self.tr("Split {name} into {count} units (west to east)").format(
                name=pick(unit.name_en, unit.name_ar), count=digits(str(n))
            ),
            defaults,
            unit.source,
            self.document.scenario,
            self.window,
        )
        dialog.accepted.connect(
            lambda: self.apply(
                SplitArea(unit.id, wgs, dialog.names(), dialog.source.currentText().strip()),
                dialog.reason.text(),
            )
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def merge_dialog(self) -> NamesDialog | None:
        from aleppo_desktop.core.editing import MergeAreas, NewArea
        from aleppo_desktop.ui.edit_dialogs import NamesDialog

        if self.document is None or len(self.selected) < 2:
            self.window.status.setText(self.tr("Select two or more neighbouring units to merge"))
            return None
        first = self.document.area(self.selected[0])
        dialog = NamesDialog(
            self.tr("Merge {count} units").format(count=digits(str(len(self.selected)))),
            [NewArea(first.id, first.name_en, first.name_ar)],
            first.source,
            self.document.scenario,
            self.window,
        )
        ids = tuple(self.selected)
        dialog.accepted.connect(
            lambda: self.apply(
                MergeAreas(ids, dialog.names()[0], dialog.source.currentText().strip()),
                dialog.reason.text(),
            )
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    # --- saving, recovery, new --------------------------------------------------------------------

    def save(self) -> bool:
        if self.document is None:
            return False
        return self.save_to(self.document.folder)

    def save_to(self, folder: Path) -> bool:
        if self.document is None:
            return False
        from aleppo_desktop.core.saving import save_document

        old_recovery = self.recovery_folder()
        try:
            saved = save_document(self.document, folder)
        except OSError as exc:
            QMessageBox.warning(
                self.window, self.tr("Cannot save"), f"{folder}: {exc}\nNothing was written."
            )
            return False
        if saved is not self.document:
            self.document = saved
            self._showing = True
            try:
                self.window.show_edited(saved.scenario)
            finally:
                self._showing = False
        self.undo_stack.setClean()
        if old_recovery is not None and self._recovery_written:
            discard_recovery(old_recovery)
            self._recovery_written = False
        self._title()
        self.window.status.setText(self.tr("Saved to {folder}").format(folder=folder))
        return True

    def save_as_dialog(self) -> None:
        if self.document is None:
            return
        folder = QFileDialog.getExistingDirectory(self.window, self.tr("Save scenario into folder"))
        if folder:
            self.save_to(Path(folder))

    def recovery_root(self) -> Path:
        return Path(self.window.settings.fileName()).parent / "recovery"

    def recovery_folder(self) -> Path | None:
        if self.document is None:
            return None
        return recovery_folder(self.recovery_root(), self.document.scenario.path)

    def autosave(self) -> bool:
        """Keep unsaved work in the recovery folder (nothing when all is saved or already kept)."""
        folder = self.recovery_folder()
        if folder is None or self.document is None:
            return False
        if self.undo_stack.isClean():
            if self._recovery_written:  # only our own: another window may be editing it
                discard_recovery(folder)
                self._recovery_written = False
            return False
        if self.undo_stack.index() == self._autosaved_index and (folder / "origin.json").exists():
            return False
        try:
            write_recovery(self.document, folder)
        except OSError as exc:
            log.warning("autosave to %s failed: %s", folder, exc)
            return False
        self._autosaved_index = self.undo_stack.index()
        self._recovery_written = True
        return True

    def offer_recovery(self) -> QMessageBox | None:
        """Offer the work a crash left behind (the newest recovery), if any."""
        found = find_recoveries(self.recovery_root())
        if not found:
            return None
        folder = found[-1]
        try:
            recovered = read_recovery(folder)
        except ScenarioError as exc:
            log.warning("recovery %s cannot be read: %s", folder, exc)
            return None
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Restore unsaved work?"),
            f"{recovered.document.scenario.title} was not saved before the app stopped "
            f"(autosaved {recovered.written}). Restore that work? Your saved files stay as "
            "they are until you save.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Discard,
            self.window,
        )
        box.setObjectName("restore_work")

        def answered(button: int) -> None:
            if button == QMessageBox.StandardButton.Yes:
                self.restore(recovered.document)
            else:
                discard_recovery(folder)

        box.finished.connect(answered)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        return box

    def restore(self, document: Document) -> None:
        """Show recovered work as unsaved changes on top of the saved scenario (undo goes back)."""
        before = self.document
        if before is None or before.scenario.path != document.scenario.path:
            # the saved version underneath; if it no longer loads, the recovered one is the base
            if not self.window.open_scenario(document.scenario.path):
                self.window.set_scenario(document.scenario)
            before = self.document
        assert before is not None
        self.undo_stack.push(DocumentCommand(self, before, document, "restore unsaved work"))

    def may_discard(self) -> bool:
        """Ask before unsaved work is lost; True when it may go (saved, discarded, or none)."""
        if not self.modified:
            return True
        answer = QMessageBox.question(
            self.window,
            self.tr("Unsaved changes"),
            self.tr("The scenario has unsaved changes. Save them?"),
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        if answer == QMessageBox.StandardButton.Discard:
            self.undo_stack.setClean()
            self.closed_cleanly()
            return True
        return False

    def closed_cleanly(self) -> None:
        """The window closes with nothing unsaved: no recovery is left behind."""
        folder = self.recovery_folder()
        if folder is not None and not self.modified and self._recovery_written:
            discard_recovery(folder)
            self._recovery_written = False

    def new_from_areas_dialog(self) -> None:
        from aleppo_desktop.core.authoring import new_scenario
        from aleppo_desktop.paths import bundled_scenario_path

        if not self.may_discard():
            return
        areas, _ = QFileDialog.getOpenFileName(
            self.window,
            self.tr("Area polygons"),
            "",
            self.tr("Polygons (*.geojson *.json *.gpkg *.shp);;All files (*)"),
        )
        if not areas:
            return
        folder = QFileDialog.getExistingDirectory(
            self.window, self.tr("Folder for the new scenario")
        )
        if not folder:
            return
        snap = (
            QMessageBox.question(
                self.window,
                self.tr("Gaps and overlaps"),
                self.tr("Snap gaps and overlaps into a partition if there are any?"),
            )
            == QMessageBox.StandardButton.Yes
        )
        try:
            report = new_scenario(
                Path(areas), Path(folder), snap=snap, template=bundled_scenario_path()
            )
        except ScenarioError as exc:
            self.window.show_problems(Path(areas), [str(p) for p in exc.problems])
            return
        self.window.status.setText("; ".join(report.shown_lines()))
        self.window.open_scenario(Path(folder))
