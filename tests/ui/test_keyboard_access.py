"""Without a mouse, and for screen readers: every command is reachable from the keyboard (a shortcut,
or a menu the menu bar opens by its mnemonic), every control has an accessible name, and the map
tells a screen reader the date, the current event and the area under the pointer."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSlider,
    QComboBox,
    QLineEdit,
    QMenu,
    QScrollBar,
    QWidget,
)


def _menu_actions(menu: QMenu) -> set[int]:
    found: set[int] = set()
    for action in menu.actions():
        found.add(id(action))
        if action.menu() is not None:
            found |= _menu_actions(action.menu())
    return found


def test_every_command_is_reachable_from_the_keyboard(main_window):
    bar = main_window.menuBar()
    titles = [a.text() for a in bar.actions()]
    mnemonics = [t[t.index("&") + 1].lower() for t in titles if "&" in t]
    assert len(mnemonics) == len(titles), titles  # each menu opens with Alt+its letter
    assert len(set(mnemonics)) == len(mnemonics), titles
    in_menus: set[int] = set()
    for action in bar.actions():
        in_menus |= _menu_actions(action.menu())
    unreachable = [
        action.text() or action.objectName()
        for action in main_window.findChildren(QAction)
        if not action.isSeparator()
        and action.menu() is None
        and action.isVisible()
        and action.text()
        and not action.shortcuts()
        and id(action) not in in_menus
        and not isinstance(action.parent(), QMenu)  # a menu's own entries are in the menu
        # pyqtgraph's own plot context menu (its Export... dialog), not one of the app's commands
        and not type(action.parent()).__module__.startswith("pyqtgraph")
    ]
    assert not unreachable, unreachable


def test_every_control_has_an_accessible_name(main_window):
    nameless = []
    for widget in main_window.findChildren(QWidget):
        if not isinstance(widget, (QAbstractButton, QComboBox, QAbstractSlider, QLineEdit)):
            continue
        if widget.window() is not main_window or not widget.isVisibleTo(main_window):
            continue
        if isinstance(widget, QScrollBar):  # part of a scrolled view, named by it
            continue
        text = widget.text() if isinstance(widget, QAbstractButton) else ""
        if not (text or widget.accessibleName() or widget.toolTip()):
            nameless.append(
                f"{type(widget).__name__} {widget.objectName()!r} in {type(widget.parent()).__name__}"
            )
    assert not nameless, "\n".join(nameless)


def test_the_map_describes_its_state(main_window, qtbot):
    view = main_window.map_view
    assert view.accessibleName() == "Map"
    assert view.focusPolicy() & Qt.FocusPolicy.TabFocus  # reachable with Tab
    main_window.clock.seek(main_window.scenario.event_times[0])
    qtbot.waitUntil(lambda: "Cell 02 falls" in view.accessibleDescription(), timeout=3000)
    assert "5 Jul 2016" in view.accessibleDescription()
