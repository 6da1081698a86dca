"""Application set-up: bundled fonts, the exception hook, the self-test placeholder."""

from __future__ import annotations

import logging
import sys

from PySide6.QtGui import QFontDatabase, QFontInfo
from PySide6.QtWidgets import QApplication, QMessageBox

from aleppo_desktop.render.fonts import FAMILY, register_fonts
from aleppo_desktop.ui import app as app_module


def test_bundled_fonts_are_the_app_font(qapp) -> None:
    app_module.make_application()
    assert FAMILY in register_fonts()
    assert FAMILY in QFontDatabase.families()
    assert QFontInfo(QApplication.font()).family() == FAMILY


def test_unexpected_exceptions_are_logged_and_shown(qapp, monkeypatch, caplog) -> None:
    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: shown.append(self.text()) or 0)
    previous = sys.excepthook
    try:
        app_module.install_exception_hook()
        with caplog.at_level(logging.ERROR, logger="aleppo_desktop"):
            try:
                raise ValueError("boom")
            except ValueError:
                sys.excepthook(*sys.exc_info())
    finally:
        sys.excepthook = previous
    assert "boom" in caplog.text
    assert shown and "boom" in shown[0]
