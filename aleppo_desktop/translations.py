"""The app's message catalogue (Qt's translation system), for every layer that may use QtCore.

`resources/translations/aleppo_desktop_LANG.ts` are the sources (extracted with `pyside6-lupdate`,
see `tools/update_translations.py`); the compiled `.qm` beside them ships with the app. Widgets mark
their strings with `self.tr(...)`; the CLI and the exports, which have no widget (and the CLI no
QCoreApplication), call `translate(context, text)` here, which reads the same catalogue. The Qt-free
core words its few phrases itself (`core.language`).

`use_language(code)` is called once at start-up by the CLI (`--lang`) or the app: it sets the core's
language and loads the catalogue; `ui.language` then installs it on the QApplication as well.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from aleppo_desktop.core import language as core_language

# the one lookup, the core's (its error messages are in the catalogue too): re-exported for the rest
from aleppo_desktop.core.language import QT_TRANSLATE_NOOP as QT_TRANSLATE_NOOP
from aleppo_desktop.core.language import translate as translate
from aleppo_desktop.paths import RESOURCES_DIR

if TYPE_CHECKING:
    from PySide6.QtCore import QTranslator

TRANSLATIONS_DIR = RESOURCES_DIR / "translations"
CATALOGUE = "aleppo_desktop"

_catalogue: QTranslator | None = None


def catalogue_path(code: str, compiled: bool = True) -> Path:
    """`resources/translations/aleppo_desktop_ar.qm` (or its `.ts` source)."""
    return TRANSLATIONS_DIR / f"{CATALOGUE}_{code}.{'qm' if compiled else 'ts'}"


def qt_catalogue_path(code: str) -> Path | None:
    """Qt's own catalogue (`qtbase_ar.qm`: the standard buttons and dialogs), where PySide6 ships it."""
    from PySide6.QtCore import QLibraryInfo

    folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    path = folder / f"qtbase_{code}.qm"
    return path if path.is_file() else None


def load_catalogue(code: str) -> QTranslator | None:
    """The app's catalogue for `code` (None for English, the source language). A missing or broken
    catalogue is an installation error, raised, not an app silently in English."""
    if code == "en":
        return None  # and Qt stays unloaded: the headless CLI in English imports no Qt at all
    from PySide6.QtCore import QTranslator

    path = catalogue_path(code)
    translator = QTranslator()
    if not translator.load(str(path)):
        raise FileNotFoundError(f"the {code} catalogue {path} is missing or unreadable")
    return translator


def use_language(code: str, eastern_digits: bool | None = None) -> None:
    """Speak `code` in this process: the core's wording and the catalogue `translate` reads."""
    global _catalogue
    catalogue = load_catalogue(code)
    core_language.set_language(code, eastern_digits)
    core_language.set_catalogue(
        None if catalogue is None else lambda context, text: catalogue.translate(context, text)
    )
    _catalogue = catalogue


def current_catalogue() -> QTranslator | None:
    return _catalogue
