"""Editing through the window (ui/edit_controller.py): select on the map, dialogs, undo and redo,
save and reload, refusals, and recovery after a SIGKILL."""

from __future__ import annotations

import os
import textwrap
from datetime import date
from pathlib import Path

import pytest
import shapely
from PySide6.QtCore import QEvent, QPoint, QPointF, QSettings, Qt
from PySide6.QtGui import QColor, QMouseEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from aleppo_desktop.core.editing import DeleteEvent, open_document
from aleppo_desktop.core.geometry import to_map
from aleppo_desktop.core.timeline import day_number
from tests.conftest import grid_areas, kill_when_ready, write_scenario


@pytest.fixture
def grid(tmp_path: Path) -> Path:
    """The grid scenario with corners rounded to 1e-6° (an exact coverage, as the bundled one)."""
    areas = grid_areas()
    for feature in areas["features"]:
        ring = feature["geometry"]["coordinates"][0]
        feature["geometry"]["coordinates"][0] = [[round(x, 6), round(y, 6)] for x, y in ring]
    return write_scenario(tmp_path / "grid", areas=areas)


@pytest.fixture
def window(make_window, grid: Path, ui_settings):
    ui_settings.setValue("editing/who", "Analyst A")
    w = make_window(grid)
    yield w
    w.editing.undo_stack.setClean()  # closing must not ask (the tests save what they check)


def viewport_point(window, lon: float, lat: float) -> QPoint:
    x, y = shapely.get_coordinates(to_map(shapely.Point(lon, lat)))[0]
    return window.map_view.mapFromScene(QPointF(x, -y))


def unit_point(window, area_id: str) -> QPoint:
    """A point inside the unit, in viewport pixels."""
    document = window.editing.document
    p = document.area(area_id).geometry.representative_point()
    return viewport_point(window, p.x, p.y)


def send(window, kind: QEvent.Type, at: QPoint, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    buttons = (
        Qt.MouseButton.NoButton
        if kind == QEvent.Type.MouseButtonRelease
        else Qt.MouseButton.LeftButton
    )
    event = QMouseEvent(
        kind,
        QPointF(at),
        QPointF(window.map_view.viewport().mapToGlobal(at)),
        Qt.MouseButton.LeftButton if kind != QEvent.Type.MouseMove else Qt.MouseButton.NoButton,
        buttons,
        modifiers,
    )
    QApplication.sendEvent(window.map_view.viewport(), event)


def click(window, at: QPoint, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    send(window, QEvent.Type.MouseButtonPress, at, modifiers)
    send(window, QEvent.Type.MouseButtonRelease, at, modifiers)


def accept(dialog, reason: str = "the sources say so") -> None:
    dialog.reason.setText(reason)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def pixel(window, area_id: str) -> QColor:
    """The fill of a unit: below its inside point, where its name label is drawn."""
    image = window.map_view.viewport().grab().toImage()
    return image.pixelColor(unit_point(window, area_id) + QPoint(0, 30))


def holder(window, area_id: str, day: date) -> str:
    return window.scenario.control.holding_at(area_id, day_number(day)).faction


def test_control_edit_on_the_map_with_undo_redo_save_and_reload(window, grid: Path, qtbot) -> None:
    editing = window.editing
    window.clock.seek(day_number(date(2016, 7, 9)) + 0.5)
    qtbot.wait(50)
    regime_pixel = pixel(window, "a-00")
    click(window, unit_point(window, "a-00"), Qt.KeyboardModifier.ControlModifier)
    click(window, unit_point(window, "a-10"), Qt.KeyboardModifier.ShiftModifier)
    assert editing.selected == ["a-00", "a-10"]
    dialog = editing.set_control_dialog()
    assert dialog is not None
    dialog.faction.setCurrentIndex(dialog.faction.findData("rebel"))
    dialog.confidence.setCurrentText("confirmed")
    dialog.source.setEditText("test#p9")
    dialog.note.setText("retaken")
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()  # no reason yet
    accept(dialog)
    assert holder(window, "a-00", date(2016, 7, 9)) == "rebel"
    assert holder(window, "a-10", date(2016, 7, 8)) == "regime"  # from the clock's day on
    assert window.isWindowModified() and "[*]" in window.windowTitle()
    assert abs(window.clock.time - (day_number(date(2016, 7, 9)) + 0.5)) < 1e-9  # time kept
    qtbot.wait(50)
    selected_pixel = pixel(window, "a-00")
    editing.clear_selection()
    qtbot.wait(50)
    rebel_pixel = pixel(window, "a-00")
    assert selected_pixel != rebel_pixel  # the selection is drawn over the map
    assert rebel_pixel != regime_pixel
    assert rebel_pixel == pixel(window, "a-03")  # drawn as the rebel unit beside it
    editing.undo_stack.undo()
    assert holder(window, "a-00", date(2016, 7, 9)) == "regime"
    assert not window.isWindowModified()
    qtbot.wait(50)
    assert pixel(window, "a-00") == regime_pixel
    editing.undo_stack.redo()
    assert holder(window, "a-00", date(2016, 7, 9)) == "rebel"
    assert editing.save()
    assert not window.isWindowModified()
    reloaded = open_document(grid)
    assert reloaded.equivalent(editing.document)
    (entry,) = reloaded.log
    assert (entry.who, entry.reason) == ("Analyst A", "the sources say so")


def test_an_invalid_edit_is_refused_with_its_reason(window, qtbot) -> None:
    editing = window.editing
    editing.select(["a-00"])
    reasons: list[str] = []
    editing.refused.connect(reasons.append)
    dialog = editing.set_control_dialog()
    dialog.faction.setCurrentIndex(dialog.faction.findData("rebel"))
    dialog.source.setEditText("nosuch#1")
    accept(dialog)
    assert reasons and "unknown source 'nosuch'" in reasons[0]
    box = window.findChild(QMessageBox, "edit_refused")
    assert box is not None and "unknown source" in box.text()
    box.close()
    assert editing.undo_stack.count() == 0 and not window.isWindowModified()
    assert holder(window, "a-00", date(2016, 7, 20)) == "regime"


def test_events_are_added_edited_and_deleted_with_undo(window, grid: Path, qtbot) -> None:
    editing = window.editing
    window.clock.seek(day_number(date(2016, 7, 8)))
    editing.select(["a-11"])
    dialog = editing.add_event_dialog()
    dialog.id.setText("e9")
    dialog.kind.setCurrentText("bombardment")
    dialog.title_edit.setText("Shelling of cell 11")
    dialog.summary.setPlainText("Cell 11 shelled.")
    dialog.source.setEditText("test#p9")
    dialog.chapter.setText("Shelling")
    assert dialog.location.currentIndex() == 1  # the selected units
    accept(dialog)
    titles = [e.title for e in window.scenario.events]
    assert "Shelling of cell 11" in titles
    assert window.events_panel.list.count() == 4
    added = next(e for e in window.scenario.events if e.id == "e9")
    assert added.location.areas == ["a-11"] and added.chapter == "Shelling"
    editing.undo_stack.undo()
    assert window.events_panel.list.count() == 3
    editing.undo_stack.redo()
    assert window.events_panel.list.count() == 4
    # edit it: a point picked on the map
    window.clock.seek(day_number(date(2016, 7, 19)))  # e3 is the last event before the clock...
    window.events_panel.list.setCurrentRow([e.id for e in window.scenario.events].index("e9"))
    dialog = editing.edit_event_dialog()  # ...but e9 is the one selected in the list
    assert dialog.title_edit.text() == "Shelling of cell 11"
    dialog.pick.click()
    lon, lat = 37.15, 36.21
    click(window, viewport_point(window, lon, lat))
    assert dialog.location.currentIndex() == 2
    assert dialog.lon.value() == pytest.approx(lon, abs=2e-4)
    assert dialog.lat.value() == pytest.approx(lat, abs=2e-4)
    accept(dialog)
    edited = next(e for e in window.scenario.events if e.id == "e9")
    assert edited.location.point == pytest.approx((lon, lat), abs=2e-4)
    assert editing.apply(DeleteEvent("e9"), "duplicate")
    assert "e9" not in [e.id for e in window.scenario.events]
    editing.undo_stack.undo()
    assert "e9" in [e.id for e in window.scenario.events]
    assert editing.save()
    assert open_document(grid).equivalent(editing.document)


def test_split_by_a_drawn_line_and_merge_with_undo(window, grid: Path, qtbot) -> None:
    editing = window.editing
    scene = window.map_scene
    window.map_view.scale(1.25, 1.25)  # the analyst's zoom, kept through the edits
    view = window.map_view.transform()
    geometry = editing.document.area("a-11").geometry
    x = geometry.centroid.x
    _, ymin, _, ymax = geometry.bounds
    editing.actions["split_tool"].trigger()
    click(window, viewport_point(window, x, ymin - 0.004))
    click(window, viewport_point(window, x, ymax + 0.004))
    dialog = editing.finish_split()
    assert dialog is not None
    assert [row[0].text() for row in dialog.rows] == ["a-11-1", "a-11-2"]
    dialog.rows[0][1].setText("Cell 11 west")
    dialog.source.setEditText("test#cut")
    accept(dialog, "two quarters in the sources")
    ids = [a.id for a in window.scenario.areas]
    assert "a-11" not in ids and {"a-11-1", "a-11-2"} <= set(ids)
    assert window.scenario.exact_coverage
    assert len(window.map_scene.area_paths) == len(ids)
    assert window.map_scene is scene and window.map_view.transform() == view  # same map, view
    history = [(c.date, c.faction) for c in open_document(grid).scenario.control.history("a-11")]
    assert [(c.date, c.faction) for c in window.scenario.control.history("a-11-2")] == history
    editing.undo_stack.undo()
    assert "a-11" in [a.id for a in window.scenario.areas]
    editing.undo_stack.redo()
    # merge them back through the selection
    editing.select(["a-11-1", "a-11-2"])
    merge = editing.merge_dialog()
    merge.rows[0][0].setText("a-11")
    accept(merge, "one quarter after all")
    assert "a-11" in [a.id for a in window.scenario.areas]
    assert len(window.scenario.areas) == 12
    editing.undo_stack.undo()
    assert len(window.scenario.areas) == 13
    assert editing.save()
    back = open_document(grid)
    assert back.equivalent(editing.document) and len(back.log) == 1


def test_lasso_selects_the_units_inside(window) -> None:
    editing = window.editing
    editing.actions["select_tool"].trigger()
    # around the two left columns of the bottom row (cells 00 and 01)
    corners = [(37.099, 36.179), (37.141, 36.179), (37.141, 36.199), (37.099, 36.199)]
    points = [viewport_point(window, lon, lat) for lon, lat in corners]
    send(window, QEvent.Type.MouseButtonPress, points[0])
    for p in [*points[1:], points[0]]:
        send(window, QEvent.Type.MouseMove, p)
    send(window, QEvent.Type.MouseButtonRelease, points[0])
    assert sorted(editing.selected) == ["a-00", "a-01"]
    editing.actions["select_tool"].trigger()  # off: clicks pan the map again


@pytest.mark.slow
def test_work_killed_with_sigkill_is_offered_back(
    make_window, grid: Path, tmp_path: Path, qtbot
) -> None:
    settings_file = tmp_path / "settings.ini"
    saved = (grid.parent / "control.csv").read_bytes()
    script = textwrap.dedent(
        f"""
        import os, time
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        from datetime import date
        from PySide6.QtCore import QSettings
        from aleppo_desktop.ui.app import make_application
        app = make_application()
        from aleppo_desktop.ui.main_window import MainWindow
        from aleppo_desktop.core.editing import SetControl
        settings = QSettings({str(settings_file)!r}, QSettings.Format.IniFormat)
        settings.setValue("editing/who", "Analyst B")
        window = MainWindow(settings)
        window.show()
        window.open_scenario({str(grid)!r})
        assert window.editing.apply(
            SetControl(("a-00",), date(2016, 7, 8), "rebel", "claimed", "test"), "unsaved"
        )
        window.editing._burst.setInterval(10)
        deadline = time.monotonic() + 20
        folder = window.editing.recovery_folder()
        while not (folder / "origin.json").exists() and time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.01)
        print("ready", flush=True)
        time.sleep(60)
        """
    )
    kill_when_ready(script, {**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert (grid.parent / "control.csv").read_bytes() == saved  # nothing saved was touched
    window = make_window(grid, QSettings(str(settings_file), QSettings.Format.IniFormat))
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "restore_work") is not None)
    box = window.findChild(QMessageBox, "restore_work")
    box.button(QMessageBox.StandardButton.Yes).click()
    assert holder(window, "a-00", date(2016, 7, 9)) == "rebel"
    assert window.isWindowModified()
    assert window.editing.document.log[-1].reason == "unsaved"
    assert (grid.parent / "control.csv").read_bytes() == saved  # still: restoring is not saving
    window.editing.undo_stack.undo()  # back to the saved scenario
    assert holder(window, "a-00", date(2016, 7, 9)) == "regime"
    window.editing.undo_stack.setClean()
