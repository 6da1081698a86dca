"""Start-up order (issue 14): work the first picture does not need (the figures thread, the editor's
document) waits for the map's first frame, and nothing is wrong or refused in between."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from aleppo_desktop.core.editing import DeleteEvent, open_document


def _process_for(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QCoreApplication.processEvents()
        time.sleep(0.01)


def test_the_figures_thread_waits_for_the_first_frame(make_window, grid_path: Path, qtbot) -> None:
    """A first frame slower than any fixed delay (the old 250 ms timer) still comes first: the
    figures thread competes with it for the interpreter."""
    window = make_window()
    frames: list[bool] = []  # at each map frame: had the figures thread started?
    window.map_view.painted.connect(lambda: frames.append(window._figures_thread is not None))
    window.map_view.viewport().setUpdatesEnabled(False)  # the first frame is late
    assert window.open_scenario(grid_path)
    _process_for(0.6)
    assert window._figures_thread is None and window._series is None
    window.map_view.viewport().setUpdatesEnabled(True)
    window.map_view.viewport().update()
    qtbot.waitUntil(lambda: window._series is not None, timeout=20000)
    assert frames and frames[0] is False
    assert window.strength_panel.series is window._series  # the figures appear


def test_a_hidden_window_gets_its_figures_without_a_frame(make_window, grid_path, qtbot) -> None:
    window = make_window()
    window.hide()
    assert window.open_scenario(grid_path)
    qtbot.waitUntil(lambda: window._series is not None, timeout=20000)


def test_the_editor_reads_its_document_after_the_first_frame(make_window, grid_path, qtbot):
    window = make_window(grid_path)
    editing = window.editing
    assert editing._pending is window.scenario  # not read before the first frame
    qtbot.waitUntil(lambda: editing._pending is None, timeout=10000)
    assert editing._document is not None
    assert open_document(grid_path).equivalent(editing._document)
    assert window.windowTitle().startswith(window.scenario.title)


def test_an_edit_right_after_opening_reads_the_document_then(
    make_window, grid_path: Path, ui_settings, qtbot
) -> None:
    """Editing before the first frame works: the document is read on demand, and the deferred read
    that follows does not replace the edited one."""
    ui_settings.setValue("editing/who", "Analyst A")
    window = make_window(grid_path)
    editing = window.editing
    assert editing._pending is not None
    event = window.scenario.events[0].id
    assert editing.apply(DeleteEvent(event), "duplicate")
    assert event not in [e.id for e in window.scenario.events]
    _process_for(0.5)  # the first frame, then the work waiting for it
    assert editing._pending is None
    assert event not in [e.id for e in editing.document.scenario.events]
    assert editing.undo_stack.count() == 1 and editing.modified
    editing.undo_stack.undo()
    assert event in [e.id for e in window.scenario.events]
    assert open_document(grid_path).equivalent(editing.document)
    editing.undo_stack.setClean()


def test_a_second_scenario_opened_before_the_first_frame_gets_the_figures(
    make_window, grid_path: Path, make_scenario, qtbot
) -> None:
    window = make_window()
    window.map_view.viewport().setUpdatesEnabled(False)
    assert window.open_scenario(grid_path)
    other = make_scenario()
    assert window.open_scenario(other)
    window.map_view.viewport().setUpdatesEnabled(True)
    window.map_view.viewport().update()
    qtbot.waitUntil(lambda: window._series is not None, timeout=20000)
    assert window.strength_panel.series is window._series
    assert window.editing.document is not None
    first = window.scenario
    assert window.editing.document.scenario.path == first.path
    assert first.path.parent != grid_path.parent  # the second one


def test_closing_before_the_first_frame_drops_the_work_waiting_for_it(
    make_window, grid_path: Path, monkeypatch
) -> None:
    """A window closed before its first frame starts no figures thread afterwards (one left
    running into interpreter shutdown can crash the app on quit)."""
    from aleppo_desktop.ui import main_window

    monkeypatch.setattr(main_window, "AFTER_FRAME_FALLBACK_MS", 50)
    window = make_window(grid_path)  # opened; no event processed since
    window.close()
    _process_for(0.4)
    assert window._figures_thread is None
