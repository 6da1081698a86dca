"""The Help menu: the keyboard sheet (F1 or ?), the sources and licences shipped with the app, About.

The keyboard sheet is built from the window's own commands (their texts and shortcuts), so it cannot
drift from what the keys do; the sources and licences are the shipped files themselves
(`data/PROVENANCE.md`, the LICENSE files beside the data and fonts), readable offline.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QMessageBox,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from aleppo_desktop import __version__
from aleppo_desktop.paths import DATA_DIR, RESOURCES_DIR
from aleppo_desktop.translations import QT_TRANSLATE_NOOP, translate
from aleppo_desktop.ui.language import emphasis

if TYPE_CHECKING:
    from aleppo_desktop.ui.main_window import MainWindow

SHEET_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        QT_TRANSLATE_NOOP("help", "Telling the story"),
        ("next_event", "previous_event", "next_chapter", "previous_chapter", "go_to_date"),
    ),
    (
        QT_TRANSLATE_NOOP("help", "Time"),
        ("play", "reverse", "step_forward", "step_back", "home", "end", "faster", "slower"),
    ),
    (
        QT_TRANSLATE_NOOP("help", "Presenting"),
        ("presentation", "leave", "blackout", "caption", "what_changed"),
    ),
    (QT_TRANSLATE_NOOP("help", "The map"), ("zoom_in", "zoom_out", "fit")),
    (QT_TRANSLATE_NOOP("help", "Files and help"), ("open", "quit", "keyboard")),
)
PRESENTING_NOTE = QT_TRANSLATE_NOOP(
    "help",
    "While presenting, the arrow keys step events as PgDn/PgUp do (presenter remotes send either), and the keys work from the presenter view too. Esc leaves presentation mode.",
)


def shortcut_text(action: QAction) -> str:
    return ", ".join(
        s.toString(QKeySequence.SequenceFormat.NativeText)
        for s in action.shortcuts()
        if not s.isEmpty()
    )


def keyboard_sheet_html(commands: dict[str, QAction]) -> str:
    """The keyboard sheet as HTML: each group's commands and their keys, from the actions."""
    parts = [f"<h2>{html.escape(translate('help', 'Keyboard'))}</h2>"]
    for title, names in SHEET_GROUPS:
        rows = [
            f"<tr><td style='padding-right:18px'><b>{html.escape(shortcut_text(commands[n]))}</b>"
            f"</td><td>{html.escape(commands[n].text().replace('&', ''))}</td></tr>"
            for n in names
            if n in commands and shortcut_text(commands[n])
        ]
        if rows:
            heading = html.escape(translate("help", title))
            parts.append(f"<h3>{heading}</h3><table>{''.join(rows)}</table>")
    parts.append(f"<p>{emphasis(html.escape(translate('help', PRESENTING_NOTE)))}</p>")
    return "".join(parts)


def licence_files() -> list[Path]:
    """Provenance and licence texts shipped with the app: data first, then the fonts."""
    files = [DATA_DIR / "PROVENANCE.md"]
    for folder in (DATA_DIR, RESOURCES_DIR):
        files += sorted(p for p in folder.rglob("*") if p.is_file() and "licen" in p.name.lower())
    return [p for p in files if p.is_file()]


class TextDialog(QDialog):
    """A non-modal dialog of one or more read-only texts in tabs."""

    def __init__(self, parent: QWidget, title: str, pages: list[tuple[str, str, bool]]):
        """`pages`: (tab title, text, is_html)."""
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget(self)
        for name, text, is_html in pages:
            browser = QTextBrowser(self.tabs)
            browser.setOpenLinks(False)  # offline: nothing is fetched
            if is_html:
                browser.setHtml(text)
            elif name.endswith(".md"):
                browser.setMarkdown(text)
            else:
                browser.setPlainText(text)
            self.tabs.addTab(browser, name)
        layout.addWidget(self.tabs)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)
        screen = parent.screen().availableGeometry() if parent.screen() else None
        width = min(760, screen.width() - 40) if screen else 760
        height = min(620, screen.height() - 60) if screen else 620
        self.resize(width, height)


def show_keyboard_sheet(window: MainWindow) -> TextDialog:
    dialog = TextDialog(
        window,
        translate("help", "Keyboard"),
        [(translate("help", "Keys"), keyboard_sheet_html(window.commands), True)],
    )
    dialog.setObjectName("keyboard_sheet")
    dialog.show()
    return dialog


def show_sources(window: MainWindow) -> TextDialog:
    pages = []
    for path in licence_files():
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            text = f"{path}: {exc}"
        name = (
            path.name
            if path.parent in (DATA_DIR, RESOURCES_DIR)
            else f"{path.parent.name}/{path.name}"
        )
        pages.append((name, text, False))
    dialog = TextDialog(window, translate("help", "Sources and licences"), pages)
    dialog.setObjectName("sources_and_licences")
    dialog.show()
    return dialog


def about_text() -> str:
    return (
        f"<h3>aleppo-desktop {html.escape(__version__)}</h3>"
        + "<p>"
        + translate(
            "help",
            "Plays back the 2016 battle for Aleppo as an animated map: control zones over a basemap, the events of an analytic brief, faction strength and claims checks, and exports.",
        )
        + "</p><p>"
        + translate(
            "help",
            "Offline: nothing is fetched from the network. Every figure is traced to its source (Help › Sources and licences).",
        )
        + "</p><p>"
        + translate("help", "Licence: MIT. Data and fonts: see their licences.")
        + "</p>"
    )


def show_about(window: MainWindow) -> QMessageBox:
    box = QMessageBox(window)
    box.setObjectName("about")
    box.setWindowTitle(translate("help", "About aleppo-desktop"))
    box.setTextFormat(Qt.TextFormat.RichText)
    box.setText(about_text())
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def add_help_menu(window: MainWindow) -> None:
    """Help: the keyboard sheet (F1, ?), sources and licences, About."""
    menu = window.menuBar().addMenu(translate("help", "&Help"))
    keyboard = window._action(
        "keyboard",
        translate("help", "Keyboard shortcuts"),
        lambda: show_keyboard_sheet(window),
        ["F1", "?"],
    )
    menu.addAction(keyboard)
    sources = QAction(translate("help", "Sources and licences"), window)
    sources.setObjectName("action_sources")
    sources.triggered.connect(lambda: show_sources(window))
    menu.addAction(sources)
    about = QAction(translate("help", "About aleppo-desktop"), window)
    about.setObjectName("action_about")
    about.triggered.connect(lambda: show_about(window))
    menu.addAction(about)
