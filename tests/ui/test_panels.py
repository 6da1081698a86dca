"""Panels: the brief's paragraph in the event details, layer and label toggles, claims table."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, Qt


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


def test_claims_table_lists_every_claim(main_window) -> None:
    table = main_window.claims_panel.table
    assert table.rowCount() == 4
    holds = [table.item(row, 5).text() for row in range(4)]
    assert set(holds) <= {"yes", "no"}
    assert table.item(0, 0).text() == "Regime took a cell"


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
