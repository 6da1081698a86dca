"""Panels: the brief's paragraph in the event details, layer and label toggles, claims table."""

from __future__ import annotations

import linecache
import math
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor


def test_event_details_show_the_citation_then_the_brief_paragraph(
    main_window, tmp_path: Path
) -> None:
    panel = main_window.events_panel
    panel.show_details(0)  # e1, source brief#4
    text = panel.details.toPlainText()
    assert "Source: A brief, ¶4" in text
    assert "Open brief" in text
    brief = tmp_path / "brief.md"
    brief.write_text(
        "\n\n".join(f"Paragraph number {n} of the **brief**." for n in range(1, 8)),
        encoding="utf-8",
    )
    assert main_window.open_brief(brief)
    panel.show_details(0)
    assert "§4: Paragraph number 4 of the brief." in panel.details.toPlainText()


def test_labels_toggle_hides_every_label(main_window) -> None:
    view, scene = main_window.map_view, main_window.map_scene
    viewport = QRectF(view.viewport().rect())
    with_labels = view.viewport().grab().toImage()
    assert scene.label_layout(view.viewportTransform(), viewport)
    main_window.layers_panel.labels.setChecked(False)
    assert scene.label_layout(view.viewportTransform(), viewport) == ()
    without = view.viewport().grab().toImage()
    assert without != with_labels
    main_window.layers_panel.labels.setChecked(True)
    assert view.viewport().grab().toImage() == with_labels


def test_claims_table_shows_each_claim_against_the_map(main_window) -> None:
    """The grid's four claims, computed by hand on a sphere (R = 6371 km; cells 0.02° square from
    36.18° N): a cell is R² · Δλ · (sin φ1 - sin φ0) ≈ 3.99 km², a meridian side R · Δφ ≈ 2.224 km,
    the top side of row 1 (36.22° N) R · cos φ · Δλ ≈ 1.794 km."""
    r, d = 6371.0, math.radians(0.02)
    cell = r * r * d * (math.sin(math.radians(36.20)) - math.sin(math.radians(36.18)))
    side, top = r * d, r * math.cos(math.radians(36.22)) * d
    # 1 July: rebels (a-02, a-03, a-12, a-13, a-22) face the regime across 3 meridian sides and
    # the YPG (a-23) across one meridian side and one parallel side (only YPG-regime is not hostile)
    front = 4 * side + top
    assert f"{cell:.1f}" == "4.0" and f"{front:.1f}" == "10.7"
    expected = [
        # claim, source, claimed, computed, difference, holds
        ["Regime took a cell", "A brief, ¶4", "≈ 4 km²", "4.0 km²", "-0%", "yes"],
        # every rebel cell is lost by 20 July (a-13 to the YPG, the rest to the regime)
        ["Rebels lost half", "A brief, ¶4", "> 50 %", "100.0 %", "+100%", "yes"],
        ["Long front", "A brief, ¶7", "> 5 km", "10.7 km", "+113%", "yes"],
        # s1 1,500-2,000 (midpoint 1,750) + s2 6,000
        ["Fighters", "A brief, ¶6", "≈ 8000 people", "7750.0 people", "-3%", "yes"],
    ]
    table = main_window.claims_panel.table
    rows = [[table.item(row, col).text() for col in range(6)] for row in range(table.rowCount())]
    assert rows == expected
    green, red = QColor("#c8ecc8"), QColor("#f5c6c0")
    assert [table.item(row, 5).background().color() for row in range(4)] == [green] * 4
    assert green != red


def test_a_claim_that_fails_reads_no_in_red(main_window, make_scenario, grid_dict) -> None:
    grid_dict["claims"][3]["value"] = 20000  # 7,750 is not "about" 20,000 (within 25 %)
    assert main_window.open_scenario(make_scenario(scenario=grid_dict))
    main_window._compute_figures()
    table = main_window.claims_panel.table
    assert [table.item(row, 5).text() for row in range(4)] == ["yes", "yes", "yes", "no"]
    assert table.item(3, 4).text() == "-61%"
    assert table.item(3, 5).background().color() == QColor("#f5c6c0")


def test_docks_close_and_come_back_from_the_view_menu(main_window) -> None:
    dock = main_window.docks["strength"]
    dock.close()
    assert not dock.isVisible()
    dock.toggleViewAction().trigger()
    assert dock.isVisible()
    assert dock.features() & dock.DockWidgetFeature.DockWidgetMovable
    assert main_window.docks["events"].widget() is main_window.events_panel
    assert Qt.DockWidgetArea.RightDockWidgetArea == main_window.dockWidgetArea(
        main_window.docks["events"]
    )


def test_figures_arrive_from_the_background_thread(make_window, grid_path: Path, qtbot) -> None:
    window = make_window(grid_path)  # no synchronous _compute_figures here
    qtbot.waitUntil(lambda: window._series is not None, timeout=20000)
    assert window.claims_panel.table.rowCount() == 4
    assert window.strength_panel.series is window._series
    assert len(window._series.times) == 20  # 1..20 July, daily


def test_module_sources_are_let_go_once_the_figures_arrive(main_window, grid_path: Path) -> None:
    """PySide6's import hook leaves every imported module's source in linecache (~16 MB of peak
    memory at start-up): the window drops it after the first frame's work and after the figures
    (whose panel imports pyqtgraph)."""
    source = str(Path(__file__))
    assert linecache.getlines(source)  # as the hook leaves it
    main_window._run_after_frame()
    assert source not in linecache.cache
    assert linecache.getlines(source)
    main_window._compute_figures()
    assert source not in linecache.cache
    assert linecache.getline(source, 1)  # a traceback still reads its lines
