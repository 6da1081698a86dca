"""UI test fixtures: offscreen Qt, a temporary settings file, and a main window that must not leak."""

from __future__ import annotations

import gc
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QSettings
from PySide6.QtWidgets import QApplication

from aleppo_desktop.render.fonts import install_app_font

# The offscreen platform says this about every dock; it is not our warning.
OFFSCREEN_NOISE = "This plugin does not support"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/ui" in str(item.path).replace(os.sep, "/"):
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))


@pytest.fixture
def ui_settings(tmp_path: Path) -> QSettings:
    """A settings file in tmp, so tests never read or write the user's settings."""
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "cfg"))
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def _top_levels() -> set[int]:
    return {
        id(w)
        for w in QApplication.topLevelWidgets()
        if w.metaObject().className() not in ("QTipLabel", "QMenu")
    }


@pytest.fixture
def make_window(qtbot, ui_settings):
    """Build main windows (on a scenario path); fail if top-level widgets outlive them."""
    install_app_font(QApplication.instance())
    from aleppo_desktop.ui.main_window import MainWindow

    before = _top_levels()
    windows = []

    def make(path: Path | None = None, settings: QSettings | None = None) -> MainWindow:
        window = MainWindow(settings if settings is not None else ui_settings)
        window.resize(1280, 800)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        if path is not None:
            assert window.open_scenario(path)
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.close()
        window.deleteLater()
    windows.clear()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()
    gc.collect()  # parentless widgets owned by Python objects (pyqtgraph menus) go with them
    leaked = [
        w for w in QApplication.topLevelWidgets() if id(w) not in before and id(w) in _top_levels()
    ]
    assert not leaked, f"top-level widgets leaked: {leaked}"


@pytest.fixture
def main_window(make_window, grid_path: Path) -> Iterator:
    """The main window on the grid test scenario, shown and settled at the period start."""
    window = make_window(grid_path)
    window._compute_figures()
    yield window
