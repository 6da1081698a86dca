"""The right docks at the width a 1280 px screen gives them (~300 px): the claims table keeps its
claim column readable, the charts drop axis titles they would clip, the estimates keep who, when and
how many; wider, every column and title is back."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from aleppo_desktop.core.metrics import check_claims, daily_series
from aleppo_desktop.ui.main_window import default_dock_widths

NARROW = default_dock_widths(1280)[1]


def test_the_claims_table_keeps_the_claim_readable_in_a_narrow_dock(aleppo, qtbot) -> None:
    from aleppo_desktop.ui.claims_panel import ClaimsPanel

    panel = ClaimsPanel()
    qtbot.addWidget(panel)
    panel.set_checks(aleppo, check_claims(aleppo))
    panel.resize(NARROW, 420)
    panel.show()
    qtbot.waitExposed(panel)
    table = panel.table
    shown = [c for c in range(table.columnCount()) if not table.isColumnHidden(c)]
    assert shown == [0, 3, 5]  # the claim, the computed value, holds
    assert table.columnWidth(0) >= 0.45 * table.viewport().width()
    assert table.horizontalScrollBar().maximum() == 0  # nothing off to the right
    line = table.fontMetrics().lineSpacing()
    for row in range(table.rowCount()):
        words = len(table.item(row, 0).text().split())
        assert table.rowHeight(row) < max(3, words / 2.5) * line + 12, row  # > 2.5 words a line
    # chosen, the details give what the table left out, and a long note scrolls, not squeezes
    panel.choose(0)
    assert "Claimed" in panel.details.text()
    assert table.height() > 0.4 * panel.height()
    panel.resize(900, 420)
    QApplication.processEvents()
    assert not any(table.isColumnHidden(c) for c in range(table.columnCount()))


def test_the_strength_charts_fit_a_narrow_dock(aleppo, qtbot) -> None:
    from aleppo_desktop.ui.strength_panel import StrengthPanel

    panel = StrengthPanel()
    qtbot.addWidget(panel)
    panel.set_scenario(aleppo)
    panel.set_time(aleppo.start + 150)
    panel.set_series(daily_series(aleppo))
    panel.resize(NARROW, 380)
    panel.show()
    qtbot.waitExposed(panel)
    QApplication.processEvents()
    plots = (panel.region_plot, panel.area_plot, panel.front_plot)
    for plot in plots:
        axis = plot.getAxis("left")
        height = plot.plotItem.vb.boundingRect().height()
        # a title longer than its chart is tall would be clipped: it is left out
        assert axis.label.isVisible() == (axis.label.boundingRect().width() <= height)
    assert not panel.region_plot.getAxis("left").label.isVisible()
    for label in (panel.region_values, panel.values):  # every wrapped line of figures shows
        assert label.text() and label.height() >= label.heightForWidth(label.width())
    estimates = panel.estimates
    assert [c for c in range(5) if not estimates.isColumnHidden(c)] == [0, 1, 2]
    assert estimates.horizontalScrollBar().maximum() == 0
    assert "\n" in estimates.item(0, 0).toolTip()  # the whole row, scope and source included
    panel.resize(700, 1400)  # a tall, wide dock: every title and column
    QApplication.processEvents()
    assert all(p.getAxis("left").label.isVisible() for p in plots)
    assert panel.region_plot.getAxis("right").label.isVisible()
    assert not any(estimates.isColumnHidden(c) for c in range(5))
