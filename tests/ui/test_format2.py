"""The main window on the grid in format 2 (tests/core/format2.py): a region-scoped strength chart,
disputes in the event details and on the timeline, and ground taken within a window of days shown as
uncertain on the map, in its hover text and legend."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLabel

from tests.conftest import jul, km2, write_scenario
from tests.core.format2 import format2_scenario, window_rows


@pytest.fixture
def grid2_path(tmp_path: Path) -> Path:
    """Regions east (columns 2-3), col3 and all; disputes column-two (on e2, 10-12 Jul) and numbers
    (16-18 Jul, no event); a-03 taken by the regime between 11 and 15 Jul."""
    return write_scenario(tmp_path / "grid2", format2_scenario(), control=window_rows())


@pytest.fixture
def window2(make_window, grid2_path: Path):
    window = make_window(grid2_path)
    window._compute_figures()
    return window


def hover(window, area_id: str) -> str:
    scene = window.map_scene
    rect = scene.area_paths[scene.scenario.area_index[area_id]].boundingRect()
    return window.map_view.hover_text(rect.center())


def test_hover_says_when_ground_was_taken_within_a_window(window2) -> None:
    window2.clock.seek(jul(9))  # before the window: the next change is dated by it
    assert "until between 11 and 15 Jul 2016" in hover(window2, "a-03")
    window2.clock.seek(jul(13))  # during it: still the rebels', drawn uncertain
    text = hover(window2, "a-03").splitlines()
    assert text[1] == "Rebels (المعارضة) — confirmed"
    assert "uncertain: taken by Regime between 11 and 15 Jul 2016" in text
    assert "taken in a window" in text  # the windowed row's note
    window2.clock.seek(jul(16))  # after it: the regime's, and when it was taken
    text = hover(window2, "a-03").splitlines()
    assert text[1] == "Regime (النظام) — contested"
    assert text[2] == "since 15 Jul 2016 (taken between 11 and 15 Jul 2016)"
    assert not any(line.startswith("uncertain") for line in text)


def test_the_window_legend_names_uncertain_ground_while_it_is_on_the_map(window2) -> None:
    window2.clock.seek(jul(13))
    assert window2.map_view.overlays.uncertain
    assert window2.map_view.frame is not None and window2.map_view.frame.uncertain.any()
    window2.clock.seek(jul(16))
    assert not window2.map_view.overlays.uncertain


def test_the_layers_panel_explains_the_dotted_style(window2) -> None:
    notes = [label.text() for label in window2.layers_panel.legend_box.findChildren(QLabel)]
    assert any("dotted: uncertain" in text for text in notes)


def test_the_first_chart_is_the_first_regions_ground_and_share(window2) -> None:
    """Region `east` (a-02, a-03, a-12, a-13, a-22, a-23): the rebels held five cells of it on
    1 July (the YPG one), so its chart follows the rebels; the right axis reads % of 1 July."""
    panel = window2.strength_panel
    scenario = window2.scenario
    series = panel.series
    assert panel.region is scenario.regions[0] and panel.region.id == "east"
    assert scenario.factions[panel.region_faction].id == "rebel"
    # first in the panel: above the whole-map chart
    splitter = panel.region_box.parentWidget()
    assert splitter.indexOf(panel.region_box) == 0
    assert splitter.indexOf(panel.area_plot.parentWidget()) == 1
    assert panel.region_box.isVisibleTo(panel)
    times, curve = panel.region_curve.getData()
    assert list(times) == list(series.times)
    assert list(curve) == list(series.region_km2[:, 0, 1])
    start = curve[0]
    rebel_cells = ("a-02", "a-03", "a-12", "a-13", "a-22")
    assert start == pytest.approx(km2(scenario, *rebel_cells))
    # the share axis: ticks at round percentages of the 1 July extent
    assert panel.share_axis.base_km2 == start
    levels = panel.share_axis.tickValues(0, start, 200)
    ticks = [v for _, values in levels for v in values]
    assert ticks and all(round(v * 100 / start, 6) % 1 == 0 for v in ticks)
    assert panel.share_axis.tickStrings([start / 2, start], 1, 1) == ["50%", "100%"]
    # the figures at the cursor, from the core's region_figures
    window2.clock.seek(jul(16))
    panel.update_values(jul(16))
    a13 = km2(scenario, "a-13")
    # 16 July: of the rebels' five cells only a-13 is left (a-02 fell on the 5th, a-12/a-22 on
    # the 10th, a-03 on the 15th)
    text = panel.region_values.text()
    assert f"Rebels hold <b>{a13:.1f} km²</b>" in text
    assert f"<b>{100 * a13 / start:.0f}% of its 1 Jul extent</b>" in text
    assert text.startswith("<b>East</b>, 16 Jul 2016")


def test_without_regions_the_whole_map_comes_first(main_window) -> None:
    panel = main_window.strength_panel
    assert panel.region is None
    assert not panel.region_box.isVisibleTo(panel)
    assert panel.region_values.text() == ""
    assert "whole map" in panel.values.text()


def test_event_details_say_where_sources_disagree(window2) -> None:
    """e2 (column 2 falls) is the event of dispute column-two: both versions, the followed one in
    bold, and why the map follows it. e1 has no dispute."""
    panel = window2.events_panel
    index = [e.id for e in window2.scenario.events].index("e2")
    panel.show_details(index)
    text = panel.details.toPlainText()
    assert "Sources disagree: When column 2 fell" in text
    assert "by 12 July (12 Jul 2016) — A brief, ¶4" in text
    assert "10 to 12 July (10 Jul 2016 – 12 Jul 2016) — Made up for tests, p2" in text
    assert "Map follows Made up for tests, p2: the dated report is closer to the events" in text
    bold = panel.details.toHtml().split("10 to 12 July")[0].rsplit("<span", 1)[-1]
    assert "font-weight:700" in bold  # the version the map follows
    assert "How many fighters" not in text  # a dispute with no events is only on the timeline
    assert "sources disagree" in panel.list.item(index).text()
    first = [e.id for e in window2.scenario.events].index("e1")
    panel.show_details(first)
    assert "Sources disagree" not in panel.details.toPlainText()
    assert "sources disagree" not in panel.list.item(first).text()


def test_clicking_a_dispute_goes_to_its_first_day_and_its_event(window2, qtbot) -> None:
    scrubber = window2.scrubber
    x, y = round(scrubber.x_of(jul(11.5))), round(scrubber._dispute_y())
    qtbot.mouseClick(scrubber, Qt.MouseButton.LeftButton, pos=QPoint(x, y))
    assert window2.clock.time == jul(10)
    assert "Sources disagree: When column 2 fell" in window2.events_panel.details.toPlainText()
    # a dispute without events only moves the clock
    qtbot.mouseClick(
        scrubber, Qt.MouseButton.LeftButton, pos=QPoint(round(scrubber.x_of(jul(16.5))), y)
    )
    assert window2.clock.time == jul(16)


def test_the_region_chart_spans_the_period_whatever_its_width(window2) -> None:
    """Its right-hand axis makes it narrower than the whole-map charts: it is not linked to them in
    pixels, it shows the whole period (the cursor stays on it at the end)."""
    panel = window2.strength_panel
    scenario = window2.scenario
    (x0, x1), _ = panel.region_plot.viewRange()
    assert x0 <= scenario.start and x1 >= scenario.end
    (a0, a1), _ = panel.area_plot.viewRange()
    assert a0 <= scenario.start and a1 >= scenario.end


def test_claims_name_their_region_and_the_km2_behind_them(window2) -> None:
    scenario = window2.scenario
    table = window2.claims_panel.table
    statements = [table.item(row, 0).text() for row in range(table.rowCount())]
    c2 = statements.index("Rebels lost half")  # share_lost, region east
    c5 = statements.index("Regime took column 3's rebel ground")  # area_gained, region col3
    c3 = statements.index("Long front")  # whole map
    assert table.horizontalHeaderItem(6).text() == "scope"
    assert [table.item(row, 6).text() for row in (c2, c5, c3)] == ["East", "Col3", "whole map"]
    rebel_east = km2(scenario, "a-02", "a-03", "a-12", "a-13", "a-22")
    # by 20 July the rebels hold nothing in the east (a-13 went to the YPG on the 18th)
    assert table.item(c2, 3).toolTip().splitlines()[1] == (
        f"Rebels: {rebel_east:.1f} km² on 1 Jul 2016 → 0.0 km² on 20 Jul 2016 "
        f"({-rebel_east:+.1f} km²)"
    )
    col3 = km2(scenario, "a-03") + km2(scenario, "a-13")  # the rebels' cells of column 3
    assert table.item(c5, 3).toolTip().splitlines()[1] == (
        f"Rebels: {col3:.1f} km² on 1 Jul 2016 → {km2(scenario, 'a-13'):.1f} km² on "
        f"16 Jul 2016 ({-km2(scenario, 'a-03'):+.1f} km²)"
    )
