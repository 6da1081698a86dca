"""Bundled fonts: target machines have no system fonts, so every glyph (Latin and Arabic) comes from here."""

from __future__ import annotations

import logging

from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication

from aleppo_desktop.paths import FONTS_DIR

log = logging.getLogger(__name__)

FAMILY = "DejaVu Sans"
_registered: list[str] = []


def register_fonts() -> list[str]:
    """Register resources/fonts/*.ttf once; return the families found."""
    if _registered:
        return _registered
    for path in sorted(FONTS_DIR.glob("*.ttf")):
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id < 0:
            log.warning("could not load font %s", path)
            continue
        _registered.extend(QFontDatabase.applicationFontFamilies(font_id))
    return _registered


def app_font(point_size: float = 10.0, bold: bool = False) -> QFont:
    font = QFont(FAMILY)
    font.setPointSizeF(point_size)
    font.setBold(bold)
    return font


def install_app_font(app: QGuiApplication) -> None:
    """Register the bundled fonts and make DejaVu Sans the application font."""
    register_fonts()
    app.setFont(app_font(app.font().pointSizeF() if app.font().pointSizeF() > 0 else 10.0))
