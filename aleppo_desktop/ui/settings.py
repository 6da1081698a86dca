"""Persistent user state (window layout, speed, palette, recent files) in one QSettings location.

An INI file in the user scope; tests redirect it with `QSettings.setPath(IniFormat, UserScope, tmp)`.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings

ORGANISATION = "AleppoDesktop"
APPLICATION = "aleppo-desktop"
MAX_RECENT = 8


def app_settings() -> QSettings:
    return QSettings(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANISATION, APPLICATION
    )


def recent_files(settings: QSettings) -> list[str]:
    value = settings.value("recent_files", [])
    if isinstance(value, str):  # an INI file holding one entry reads back as a plain string
        return [value]
    if isinstance(value, list | tuple):
        return [str(v) for v in value]
    return []


def add_recent_file(settings: QSettings, path: str) -> list[str]:
    files = [path, *(f for f in recent_files(settings) if f != path)][:MAX_RECENT]
    settings.setValue("recent_files", files)
    return files
