"""The presenter view (on a second screen, here stood in by the one offscreen screen), Go to date
(Ctrl+G) and the Help menu."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from aleppo_desktop.ui import main_window as main_window_module
from aleppo_desktop.ui.help import keyboard_sheet_html, licence_files
from tests.conftest import jul


@pytest.fixture
def two_screens(monkeypatch):
    """Presenting as with a projector: the map and the presenter view each get a screen (the
    offscreen platform has one, so both are it; tests/ui/test_screens_xvfb.py uses two)."""
    screen = QApplication.primaryScreen()
    monkeypatch.setattr(main_window_module, "presentation_screens", lambda _s: (screen, screen))


def test_presenter_view_shows_now_next_notes_and_takes_the_keys(
    main_window, qtbot, two_screens
) -> None:
    main_window.enter_presentation()
    view = main_window.presenter_view
    assert view is not None and view.isVisible()
    qtbot.keyClick(view, Qt.Key.Key_PageDown)  # the keys work from the presenter view
    assert main_window.clock.time == jul(5)
    assert "Cell 02 falls" in view.current.text()
    assert "Column 2 falls" in view.next.text()
    assert "The regime takes cell 02." in view.notes.toPlainText()
    assert view.scrubber.time == jul(5)
    qtbot.keyClick(view, Qt.Key.Key_Right)  # a remote's "next"
    assert "Column 2 falls" in view.current.text()
    assert "YPG expected to move" in view.next.text()
    qtbot.keyClick(view, Qt.Key.Key_Period)
    assert main_window.blackout.isVisible()
    qtbot.keyClick(view, Qt.Key.Key_Period)
    view.now = lambda: view.started + 125
    assert view.elapsed_text() == "2:05"
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert not main_window.presenting and not view.isVisible()


def test_presenter_notes_quote_the_brief_paragraph(main_window, two_screens, tmp_path) -> None:
    brief = tmp_path / "brief.txt"
    brief.write_text("\n\n".join(f"Paragraph {n} of the brief." for n in range(1, 7)), "utf-8")
    assert main_window.open_brief(brief)
    main_window.enter_presentation()
    main_window.clock.next_event()  # e1 cites brief#4
    assert "§4 Paragraph 4 of the brief." in main_window.presenter_view.notes.toPlainText()
    main_window.leave_presentation()


def test_one_screen_has_no_presenter_view(main_window) -> None:
    main_window.enter_presentation()
    assert main_window.presenter_view is None
    main_window.leave_presentation()


def test_go_to_date_accepts_the_typed_forms(main_window, qtbot) -> None:
    for text, day in (("13 Jul", 13), ("2016-07-04", 4), ("18/7", 18)):
        qtbot.keyClick(main_window.map_view, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
        dialog = main_window.findChild(main_window_module.GoToDateDialog)
        assert dialog is not None and dialog.isVisible()
        dialog.line.setText(text)
        dialog.accept()
        assert main_window.clock.time == jul(day)
        qtbot.waitUntil(lambda: main_window.findChild(main_window_module.GoToDateDialog) is None)
    dialog = main_window.ask_date()
    assert dialog is not None
    dialog.line.setText("31 Dec")
    dialog.accept()  # outside the period: the dialog stays and says why
    assert dialog.isVisible() and "outside the period" in dialog.error.text()
    assert main_window.clock.time == jul(18)
    dialog.reject()


def test_help_menu_keyboard_sheet_and_licences(main_window, qtbot) -> None:
    menus = [a.text() for a in main_window.menuBar().actions()]
    assert "&Help" in menus
    sheet = keyboard_sheet_html(main_window.commands)
    for words in ("Next event", "PgDown", "Black out the screen", "Go to date", "Ctrl+G", "F1"):
        assert words in sheet
    assert "B, ." in sheet  # both blackout keys
    qtbot.keyClick(main_window.map_view, Qt.Key.Key_F1)
    shown = [w for w in QApplication.topLevelWidgets() if w.objectName() == "keyboard_sheet"]
    assert shown and shown[0].isVisible()
    shown[0].close()
    names = [p.name for p in licence_files()]
    assert names[0] == "PROVENANCE.md"
    assert "DejaVu-LICENSE.txt" in names and "LICENSE" in names
