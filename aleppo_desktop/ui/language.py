"""The app's language on screen: the catalogues on the QApplication, the layout direction, Qt's locale,
and View > Language (remembered in the settings; it applies from the next start).

The language is chosen once per run: `--lang ar|en` first, then the one chosen in View > Language,
then the system locale. Arabic mirrors the whole layout (Qt lays every widget out right to left,
docks, toolbars and dialogs included) and Qt's own dialogs speak Arabic through `qtbase_ar.qm`.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale, QSettings, Qt, QTranslator
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox, QWidget

from aleppo_desktop import translations
from aleppo_desktop.core.language import LANGUAGES, is_rtl, system_language

LANGUAGE_KEY = "language"
DIGITS_KEY = "eastern_digits"
LANGUAGE_NAMES = {"en": "English", "ar": "العربية"}
"""Each language named in itself, as every language menu does (a reader finds their own)."""

_installed: list[QTranslator] = []


def chosen_language(settings: QSettings, override: str | None = None) -> str:
    """`--lang` if given, else the remembered choice, else the system locale's language."""
    if override:
        return override
    remembered = settings.value(LANGUAGE_KEY, "")
    if isinstance(remembered, str) and remembered in LANGUAGES:
        return remembered
    return system_language()


def eastern_digits_chosen(settings: QSettings) -> bool:
    return str(settings.value(DIGITS_KEY, "false")).lower() == "true"


def qt_locale(code: str, eastern_digits: bool) -> QLocale:
    """Qt's locale for spin boxes and Qt's own dialogs: Syrian Arabic (Eastern digits) or an Arabic
    locale with Western digits, else British English (day-month-year, as the app's dates)."""
    if code == "ar":
        return QLocale("ar_SY" if eastern_digits else "ar_EH")
    return QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)


def install_language(app: QApplication, code: str, eastern_digits: bool = False) -> None:
    """Speak `code` from now on: the core wording, the app's and Qt's catalogues on `app`, the
    layout direction and the default locale."""
    translations.use_language(code, eastern_digits)
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    catalogues = [translations.current_catalogue()]
    qt_path = translations.qt_catalogue_path(code) if code != "en" else None
    if qt_path is not None:
        qt_catalogue = QTranslator(app)
        if qt_catalogue.load(str(qt_path)):
            catalogues.append(qt_catalogue)
    for catalogue in catalogues:
        if catalogue is not None:
            app.installTranslator(catalogue)
            _installed.append(catalogue)
    app.setLayoutDirection(
        Qt.LayoutDirection.RightToLeft if is_rtl(code) else Qt.LayoutDirection.LeftToRight
    )
    QLocale.setDefault(qt_locale(code, eastern_digits))


class LanguageMenu(QMenu):
    """View > Language: English / العربية, and Eastern Arabic digits; remembered, applied next start."""

    def __init__(self, settings: QSettings, current: str, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("&Language"), parent)
        self.settings = settings
        self.current = current
        group = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        for code in LANGUAGES:
            action = QAction(LANGUAGE_NAMES[code], self)
            action.setCheckable(True)
            action.setChecked(code == current)
            action.setData(code)
            group.addAction(action)
            self.addAction(action)
            self.language_actions[code] = action
        group.triggered.connect(self._choose)
        self.addSeparator()
        self.digits_action = QAction(self.tr("Eastern Arabic &digits (١٢٣)"), self)
        self.digits_action.setCheckable(True)
        self.digits_action.setChecked(eastern_digits_chosen(settings))
        self.digits_action.setToolTip(self.tr("Write numbers and dates with ٠١٢٣٤٥٦٧٨٩ in Arabic"))
        self.digits_action.toggled.connect(self._digits)
        self.addAction(self.digits_action)

    def _choose(self, action: QAction) -> None:
        code = str(action.data())
        self.settings.setValue(LANGUAGE_KEY, code)
        if code != self.current:
            self._tell_restart()

    def _digits(self, on: bool) -> None:
        self.settings.setValue(DIGITS_KEY, "true" if on else "false")
        self._tell_restart()

    def _tell_restart(self) -> None:
        QMessageBox.information(
            self.parentWidget(),
            self.tr("Language"),
            self.tr("The app will use this choice the next time it starts."),
        )


def mirrored_area(area: Qt.DockWidgetArea) -> Qt.DockWidgetArea:
    """A dock's side as the reader sees it: Qt mirrors widgets in a right-to-left layout but not
    the main window's dock areas, so a right-hand dock goes to the left in Arabic (and back)."""
    if QApplication.layoutDirection() != Qt.LayoutDirection.RightToLeft:
        return area
    swap = {
        Qt.DockWidgetArea.LeftDockWidgetArea: Qt.DockWidgetArea.RightDockWidgetArea,
        Qt.DockWidgetArea.RightDockWidgetArea: Qt.DockWidgetArea.LeftDockWidgetArea,
    }
    return swap.get(area, area)


def time_arrows() -> tuple[str, str]:
    """The arrow keys that step time back and forward, as the timeline runs: Left/Right, and
    Right/Left in a right-to-left layout (there time runs from right to left, so Left moves
    forward, as it moves the cursor on in Arabic text). Home/End (start/end) and a presenter
    remote's PgUp/PgDn are logical, not visual: they stay."""
    if QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft:
        return "Right", "Left"
    return "Left", "Right"


def emphasis(html_text: str) -> str:
    """Rich text in italics, except in a right-to-left language: Arabic has no italics, and the
    oblique face of the app's font has no Arabic glyphs (it would show empty boxes)."""
    if QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft:
        return f"<span style='color:#444'>{html_text}</span>"
    return f"<i>{html_text}</i>"
