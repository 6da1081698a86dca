"""In Arabic, the whole interface speaks Arabic: every menu, action, button, label, tab, dock title and
tooltip of the main window and its dialogs comes from the catalogue (a string not marked with tr(), or
marked but not translated, is still in Latin letters and fails here); the layout runs right to left."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QDockWidget,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QTabBar,
    QWidget,
)

from aleppo_desktop.ui.language import install_language

LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
ALLOWED = re.compile(
    r"""
    ^[\w.-]+(/[\w.-]+)*\.(txt|md)$|^[\w.-]+/LICENSE$   # a shipped file's name (the licences' tabs)
    | (Ctrl|Shift|Alt|Meta|Esc|F\d+|PgUp|PgDown|PgDn|Space|Home|End|Left|Right|Up|Down|Del|Tab)
        (?=[+\s,)/:]|$)                         # key names in shortcuts
    | \b(km|GIF|PNG|PDF|KML|KMZ|CSV|GeoJSON|GeoPackage|GPKG|MP4|WebM|MBTiles|PMTiles|GeoTIFF|OSM
        |QGIS|XYZ|DEM|PROVENANCE|LICENSE|Okabe|Ito|UTM|WGS84|pbf|gpkg|geojson|mbtiles|pmtiles
        |tif|tiff|kml|kmz|osm|shp|fgb|json|csv|png|gif|pdf|mp4|webm|aleppo|desktop|English
        |Google|Earth|Markdown|MIT|Letter|Esc|PgDn|PgUp)\b
    """,
    re.VERBOSE,
)


def latin_left(text: str) -> list[str]:
    """The Latin words a text still has once allowed names, units and key names are taken out."""
    text = text.replace("&", "")
    return LATIN_WORD.findall(ALLOWED.sub(" ", text))


def visible_texts(root: QWidget) -> list[tuple[str, str]]:
    """(where, text) for every user-visible string under `root`."""
    found: list[tuple[str, str]] = []

    def add(where: str, text: str | None) -> None:
        if text:
            found.append((where, text))

    add(f"{type(root).__name__} title", root.windowTitle())
    for action in root.findChildren(QAction):
        if action.isSeparator():
            continue
        add(f"action {action.objectName() or action.text()!r}", action.text())
        if action.toolTip() != action.text().replace("&", "").rstrip("…."):  # not Qt's default
            add(f"tooltip of {action.text()!r}", action.toolTip())
        add(f"status tip of {action.text()!r}", action.statusTip())
    for menu in root.findChildren(QMenu):
        add("menu", menu.title())
    for widget in root.findChildren(QWidget):
        add(f"tooltip of {type(widget).__name__}", widget.toolTip())
        add(f"accessible name of {type(widget).__name__}", widget.accessibleName())
    for button in root.findChildren(QAbstractButton):
        add(f"button {type(button).__name__}", button.text())
    for label in root.findChildren(QLabel):
        if label.textFormat() != Qt.TextFormat.RichText or not label.text().startswith("<"):
            add("label", label.text())
    for dock in root.findChildren(QDockWidget):
        add("dock", dock.windowTitle())
    for group in root.findChildren(QGroupBox):
        add("group", group.title())
    for tabs in root.findChildren(QTabBar):
        for i in range(tabs.count()):
            add("tab", tabs.tabText(i))
    for combo in root.findChildren(QComboBox):
        if combo.isEditable():  # identifiers typed or picked (source ids), not wording
            continue
        for i in range(combo.count()):
            add("choice", combo.itemText(i))
    for line in root.findChildren(QLineEdit):
        add("placeholder", line.placeholderText())
    return found


@pytest.fixture
def arabic(qapp):
    install_language(qapp, "ar")
    yield
    install_language(qapp, "en")


def test_the_allow_list_lets_names_through_and_catches_english():
    assert latin_left("&Export PNG… (Ctrl+E)") == ["Export"]
    assert latin_left("تصدير PNG… (Ctrl+E)") == []
    assert latin_left("English") == []
    assert latin_left("fonts/DejaVu-LICENSE.txt") == []
    assert latin_left("csr-aleppo/LICENSE") == []
    assert latin_left("the fonts") == ["the", "fonts"]


def untranslated(root: QWidget) -> list[str]:
    return sorted({f"{where}: {text!r}" for where, text in visible_texts(root) if latin_left(text)})


def test_the_panels_speak_arabic(arabic, qtbot, ui_settings, grid_path):
    from aleppo_desktop.core.loading import load_scenario
    from aleppo_desktop.core.metrics import check_claims
    from aleppo_desktop.render.scene import MapScene
    from aleppo_desktop.ui.basemaps_panel import BasemapsPanel
    from aleppo_desktop.ui.claims_panel import ClaimsPanel
    from aleppo_desktop.ui.layers_panel import LayersPanel

    scenario = load_scenario(grid_path)
    layers = LayersPanel()
    layers.set_scene(MapScene(scenario))
    claims = ClaimsPanel()
    claims.set_checks(scenario, check_claims(scenario))
    claims.choose(0)
    for panel in (layers, BasemapsPanel(ui_settings), claims):
        qtbot.addWidget(panel)
        assert panel.layoutDirection() == Qt.LayoutDirection.RightToLeft
        assert not untranslated(panel), "\n".join(untranslated(panel))
    # the claim's computation reads in Arabic (the claim itself is data: English in the grid)
    assert "المحسوب" in claims.details.text()


def test_the_main_window_speaks_arabic_right_to_left(arabic, make_window):
    window = make_window()
    assert QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert window.layoutDirection() == Qt.LayoutDirection.RightToLeft
    left = untranslated(window)
    assert not left, "\n".join(left)


def test_the_timeline_runs_right_to_left_in_arabic(arabic, qtbot, grid_path):
    from PySide6.QtCore import QPointF

    from aleppo_desktop.core.loading import load_scenario
    from aleppo_desktop.ui.timeline import TimelineScrubber

    scrubber = TimelineScrubber()
    qtbot.addWidget(scrubber)
    scrubber.resize(800, 120)
    scenario = load_scenario(grid_path)
    scrubber.set_scenario(scenario)
    assert scrubber.rtl
    start, end = scenario.start, scenario.end
    assert scrubber.x_of(start) > scrubber.x_of(end)  # the first day on the right
    middle = (start + end) / 2
    assert scrubber.t_of(scrubber.x_of(middle)) == pytest.approx(middle)
    with qtbot.waitSignal(scrubber.scrubbed) as blocker:
        qtbot.mouseClick(scrubber, Qt.MouseButton.LeftButton, pos=QPointF(790, 110).toPoint())
    assert blocker.args[0] == pytest.approx(start, abs=1.0)  # a click at the right edge: the start
    scrubber.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
    assert scrubber.x_of(start) < scrubber.x_of(end)


def test_view_language_is_remembered_and_lang_overrides_it(qtbot, ui_settings, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from aleppo_desktop.ui.language import LanguageMenu, chosen_language

    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda *args: told.append(args[2]))
    monkeypatch.setenv("LANGUAGE", "")
    monkeypatch.setenv("LC_ALL", "")
    monkeypatch.setenv("LC_MESSAGES", "")
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    assert chosen_language(ui_settings) == "en"  # the system's
    menu = LanguageMenu(ui_settings, "en")
    qtbot.addWidget(menu)
    menu.language_actions["ar"].trigger()
    assert told  # the choice applies from the next start, and the user is told so
    assert chosen_language(ui_settings) == "ar"  # remembered
    assert chosen_language(ui_settings, "en") == "en"  # --lang wins
    menu.digits_action.trigger()
    from aleppo_desktop.ui.language import eastern_digits_chosen

    assert eastern_digits_chosen(ui_settings)


def test_the_dialogs_speak_arabic(arabic, main_window, qtbot):
    """Go to date, the export dialogs, the edit dialogs (control, event, split/merge names), the
    keyboard sheet, the sources, About and the presenter view, each walked."""
    from datetime import date

    from aleppo_desktop.ui.edit_dialogs import ControlDialog, EventDialog
    from aleppo_desktop.ui.export_dialogs import OptionsDialog, VideoDialog
    from aleppo_desktop.ui.goto_dialog import GoToDateDialog
    from aleppo_desktop.ui.help import show_keyboard_sheet

    scenario = main_window.scenario
    clock = main_window.clock
    dialogs = [
        GoToDateDialog(main_window, clock.start, clock.end, clock.time),
        VideoDialog(scenario, main_window),
        VideoDialog(scenario, main_window, gif=True),
        ControlDialog(scenario, (scenario.areas[0].id,), date(2016, 7, 5), main_window),
        EventDialog(scenario, None, date(2016, 7, 5), (), main_window),
        show_keyboard_sheet(main_window),
    ]
    from aleppo_desktop.ui.help import show_about, show_sources
    from aleppo_desktop.ui.presenter_view import PresenterView

    dialogs += [show_sources(main_window), show_about(main_window), PresenterView(main_window)]
    areas = [a.id for a in scenario.areas[:2]]
    main_window.editing.select(areas)
    names = main_window.editing.merge_dialog()  # the split/merge names dialog
    assert names is not None
    dialogs.append(names)
    pdf = OptionsDialog("Export PDF handout", main_window)
    pdf.combo("Pages", ["each chapter, opening and end", "one per event", "major events"], 0)
    pdf.combo("Paper", ["A4", "US Letter"], 0)
    pdf.legend_choice()
    dialogs.append(pdf)
    authored = [e.title for e in scenario.events]  # the grid's events have no Arabic: English
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        left = [t for t in untranslated(dialog) if not any(title in t for title in authored)]
        assert not left, f"{type(dialog).__name__}:\n" + "\n".join(left)


def test_the_arrows_follow_the_timeline_right_to_left(arabic, make_window, grid_path, qtbot):
    """In Arabic the timeline runs right to left, so Left steps forward in time and Right back, in
    the window and presenting (where the arrows step events); Home is still the start, End the
    end, and a presenter remote's PgDn/PgUp still step events forward/back."""
    from tests.conftest import jul

    window = make_window(grid_path)
    clock = window.clock

    def key(k: Qt.Key) -> None:
        qtbot.keyClick(window.map_view, k)

    clock.seek(jul(10) + 0.5)
    key(Qt.Key.Key_Left)
    assert clock.time == jul(11)
    key(Qt.Key.Key_Left)
    assert clock.time == jul(12)
    key(Qt.Key.Key_Right)
    assert clock.time == jul(11)
    key(Qt.Key.Key_Home)
    assert clock.time == jul(1)
    key(Qt.Key.Key_End)
    assert clock.time == jul(20)
    key(Qt.Key.Key_Home)
    window.enter_presentation()
    key(Qt.Key.Key_PageDown)
    assert clock.time == jul(5)  # the first event
    key(Qt.Key.Key_Left)
    assert clock.time == jul(10)  # the next event
    key(Qt.Key.Key_Right)
    assert clock.time == jul(5)
    key(Qt.Key.Key_PageDown)
    assert clock.time == jul(10)
    key(Qt.Key.Key_PageUp)
    assert clock.time == jul(5)
    window.leave_presentation()
    # the keyboard sheet, built from the commands, shows the mirrored keys
    assert window.commands["step_forward"].shortcuts()[0].toString() == "Left"
    # and the buttons point the way time goes: back (reverse, start) to the right
    from PySide6.QtGui import QTransform
    from PySide6.QtWidgets import QStyle

    buttons, style = window.controls.buttons, window.controls.style()
    assert buttons["reverse"].text() == "▶"
    start_icon = style.standardIcon(QStyle.StandardPixmap.SP_MediaSkipForward).pixmap(16)
    assert buttons["home"].icon().pixmap(16).toImage() == start_icon.toImage()
    play = style.standardIcon(QStyle.StandardPixmap.SP_MediaPlay).pixmap(64).toImage()
    mirrored = play.transformed(QTransform().scale(-1, 1))
    assert window.commands["play"].icon().pixmap(64).toImage() == mirrored


def test_the_charts_run_right_to_left_in_arabic(arabic, qtbot):
    """The strength charts' time runs as the timeline's: from the right in Arabic; their date
    ticks are worded in Arabic."""
    from aleppo_desktop.core.timeline import day_number
    from aleppo_desktop.ui.strength_panel import DateAxis, time_plot

    plot = time_plot("held", "km²")
    qtbot.addWidget(plot)
    assert plot.plotItem.vb.xInverted()
    from datetime import date

    assert DateAxis("bottom").tickStrings([day_number(date(2016, 8, 24))], 1, 1) == ["24 آب"]
    install_language(QApplication.instance(), "en")
    english = time_plot("held", "km²")
    qtbot.addWidget(english)
    assert not english.plotItem.vb.xInverted()


def test_the_hover_text_names_the_place_in_arabic_first(arabic, main_window):
    from tests.conftest import jul

    main_window.clock.seek(jul(13))
    scene = main_window.map_scene
    rect = scene.area_paths[scene.scenario.area_index["a-12"]].boundingRect()
    lines = main_window.map_view.hover_text(rect.center()).splitlines()
    assert lines[0] == "خلية 12  Cell 12"
    regime = scene.scenario.factions[0]
    assert lines[1] == f"{regime.name_ar} ({regime.name_en}) — مؤكد"


def test_the_chart_date_ticks_are_drawn_as_right_to_left_text(arabic, qtbot):
    """pyqtgraph draws tick labels left to right through a QPicture, which put `24 آب` as
    `24آب`: in Arabic the date axis draws them itself, as right-to-left text on one line."""
    from datetime import date

    from PySide6.QtGui import QImage, QPainter, QTextOption

    from aleppo_desktop.core.timeline import day_number
    from aleppo_desktop.ui.strength_panel import time_plot

    plot = time_plot("held", "km²")
    qtbot.addWidget(plot)
    plot.resize(600, 200)
    plot.setXRange(day_number(date(2016, 7, 1)), day_number(date(2016, 12, 22)))
    plot.show()
    qtbot.waitExposed(plot)
    drawn: list[tuple[str, QTextOption]] = []

    class Recorder(QPainter):
        def drawText(self, *args):
            if len(args) == 3 and isinstance(args[2], QTextOption):
                drawn.append((args[1], args[2]))
            return super().drawText(*args)

    image = QImage(600, 200, QImage.Format.Format_ARGB32)
    painter = Recorder(image)
    plot.getAxis("bottom").paint(painter, None, None)
    painter.end()
    assert drawn and all(re.search("[\u0600-\u06ff]", text) for text, _ in drawn)
    for _, option in drawn:
        assert option.textDirection() == Qt.LayoutDirection.RightToLeft
        assert option.wrapMode() == QTextOption.WrapMode.NoWrap
