"""The timeline scrubber: drawn with or without a scenario, events with their precision, disputes
and uncertainty windows."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from aleppo_desktop.core.loading import load_scenario
from aleppo_desktop.core.scenario import Scenario
from aleppo_desktop.ui.timeline import DISPUTE_COLOUR, MAJOR_COLOUR, TimelineScrubber
from tests.conftest import jul, write_scenario
from tests.core.format2 import format2_scenario, window_rows


def test_scrubber_paints_and_hovers_with_no_scenario_loaded(qtbot) -> None:
    """A fresh scrubber (start 0: no scenario yet) draws its background and axis and has no date to
    show under the mouse (day 0 is no calendar day: this raised `ordinal must be >= 1`)."""
    scrubber = TimelineScrubber()
    qtbot.addWidget(scrubber)
    scrubber.resize(400, 64)
    image = scrubber.grab().toImage()
    background = scrubber.palette().window().color()
    assert image.pixelColor(2, 2) == background
    axis_y = round(scrubber._axis_y())
    assert any(image.pixelColor(200, y) != background for y in range(axis_y - 1, axis_y + 2))
    move = QMouseEvent(
        QMouseEvent.Type.MouseMove,
        QPointF(200, 5),
        QPointF(scrubber.mapToGlobal(QPoint(200, 5))),
        Qt.MouseButton.NoButton,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(scrubber, move)


@pytest.fixture
def grid(qtbot, make_scenario, grid_dict) -> tuple[TimelineScrubber, Scenario]:
    """The grid scenario's scrubber, 19 days over about 760 px (40 px a day), plus an approximate
    event on 15 July."""
    grid_dict["events"].append(
        {
            "id": "e4",
            "date": {"start": "2016-07-15", "precision": "approximate"},
            "kind": "ground_advance",
            "title": "Cell 03 contested",
            "summary": "Reported around the 15th.",
            "source": "test#p4",
            "importance": "major",
        }
    )
    scenario = load_scenario(make_scenario(scenario=grid_dict))
    widget = TimelineScrubber()
    qtbot.addWidget(widget)
    widget.resize(788, 76)
    widget.set_scenario(scenario)
    return widget, scenario


def test_events_keep_their_precision_on_the_timeline(grid) -> None:
    """e2 (10-12 July, a range) is a bar over its three days; e1 (5 July) a filled diamond; e4
    (about 15 July) a hollow one. The tooltips date them as the events panel does."""
    scrubber, scenario = grid
    image = scrubber.grab().toImage()
    y = round(scrubber._marker_y())
    background = image.pixelColor(round(scrubber.x_of(jul(8))), y)
    titles = [e.title for e in scenario.events]
    e1, e2, e4 = (titles.index(t) for t in ("Cell 02 falls", "Column 2 falls", "Cell 03 contested"))
    # the bar covers 10, 11 and 12 July and stops at the end of the 12th
    for day in (10.5, 11.5, 12.5):
        colour = image.pixelColor(round(scrubber.x_of(jul(day))), y)
        assert colour != background
        assert colour.blue() > colour.red()  # the minor grey-blue, translucent over the window
    assert image.pixelColor(round(scrubber.x_of(jul(13.5))), y) == background
    # a known day is a filled diamond, an approximate one hollow (the background at its centre)
    assert image.pixelColor(round(scrubber.x_of(jul(5))), y) == MAJOR_COLOUR
    assert image.pixelColor(round(scrubber.x_of(jul(15))), y) == background
    assert image.pixelColor(round(scrubber.x_of(jul(15)) + 5), y) != background  # its outline
    # picking: a day inside the range picks the range; the diamonds pick their events
    assert scrubber.event_at(QPointF(scrubber.x_of(jul(11.5)), y)) == e2
    assert scrubber.event_at(QPointF(scrubber.x_of(jul(5)) + 2, y)) == e1
    assert scrubber.event_at(QPointF(scrubber.x_of(jul(15)), y)) == e4
    assert scrubber.event_at(QPointF(scrubber.x_of(jul(8)), y)) is None
    assert scrubber.events[e2].tooltip == "10 Jul 2016 – 12 Jul 2016\nColumn 2 falls"
    assert scrubber.events[e4].tooltip == "about 15 Jul 2016\nCell 03 contested"
    assert scrubber.events[e1].tooltip == "5 Jul 2016\nCell 02 falls"


@pytest.fixture
def grid2(qtbot, tmp_path) -> tuple[TimelineScrubber, Scenario]:
    """The format 2 grid: dispute column-two over e2's days (10-12 Jul), dispute numbers on its own
    dates (16-18 Jul), and a-03 taken by the regime between 11 and 15 Jul."""
    path = write_scenario(tmp_path / "grid2", format2_scenario(), control=window_rows())
    scenario = load_scenario(path)
    widget = TimelineScrubber()
    qtbot.addWidget(widget)
    widget.resize(788, 76)
    widget.set_scenario(scenario)
    return widget, scenario


def test_disputes_are_marked_on_their_days_with_their_versions(grid2, qtbot) -> None:
    scrubber, _ = grid2
    image = scrubber.grab().toImage()
    y = round(scrubber._dispute_y())
    background = image.pixelColor(round(scrubber.x_of(jul(8))), y)
    purple = DISPUTE_COLOUR
    # column-two: a disc on 10 July and a bar to the end of the 12th; numbers from the 16th
    assert image.pixelColor(round(scrubber.x_of(jul(10))), y) == purple
    for day in (11.5, 12.5, 16.5, 18.5):
        colour = image.pixelColor(round(scrubber.x_of(jul(day))), y)
        assert colour != background and colour.blue() > colour.green(), day
    for day in (8, 13.6, 15.5):  # (all in the chapter band of 5-18 July)
        assert image.pixelColor(round(scrubber.x_of(jul(day))), y) == background, day
    assert scrubber.dispute_at(QPointF(scrubber.x_of(jul(11.5)), y)) == 0
    assert scrubber.dispute_at(QPointF(scrubber.x_of(jul(16)), y)) == 1
    assert scrubber.dispute_at(QPointF(scrubber.x_of(jul(14.5)), y)) is None
    assert scrubber.tooltip_at(QPointF(scrubber.x_of(jul(11.5)), y)).splitlines() == [
        "10 Jul 2016 – 12 Jul 2016",
        "Sources disagree: When column 2 fell",
        "• by 12 July (12 Jul 2016) — A brief, ¶4",
        "• 10 to 12 July (10 Jul 2016 – 12 Jul 2016) — Made up for tests, p2"
        " [the map follows this]",
        "Map follows Made up for tests, p2: the dated report is closer to the events",
    ]
    assert scrubber.tooltip_at(QPointF(scrubber.x_of(jul(16)), y)).splitlines()[:2] == [
        "16 Jul 2016 – 18 Jul 2016",
        "Sources disagree: How many fighters",
    ]
    with qtbot.waitSignal(scrubber.dispute_clicked) as clicked:
        qtbot.mouseClick(
            scrubber, Qt.MouseButton.LeftButton, pos=QPoint(round(scrubber.x_of(jul(16.5))), y)
        )
    assert clicked.args == [1]


def test_windows_of_uncertain_dates_are_hatched_on_the_axis(grid2) -> None:
    scrubber, _ = grid2
    image = scrubber.grab().toImage()
    y = scrubber._window_y()

    # a-03's window: 11 July 00:00 to 15 July 00:00; the strip is hatched, so look along a column
    def inked(day: float) -> bool:
        x = round(scrubber.x_of(jul(day)))
        reference = image.pixelColor(x, round(y - 8 * scrubber.scale))  # above the strip
        return any(image.pixelColor(x + dx, round(y)) != reference for dx in range(-3, 4))

    assert [inked(d) for d in (12, 13, 14.5)] == [True, True, True]
    assert [inked(d) for d in (9.5, 15.6)] == [False, False]
    assert scrubber.window_at(QPointF(scrubber.x_of(jul(13)), y)) == 0
    assert scrubber.window_at(QPointF(scrubber.x_of(jul(13)), y - 12)) is None
    assert scrubber.tooltip_at(QPointF(scrubber.x_of(jul(13)), y)) == (
        "Date uncertain: taken between 11 and 15 Jul 2016\nRegime: Cell 03"
    )
    # elsewhere the tooltip is the date under the mouse
    assert scrubber.tooltip_at(QPointF(scrubber.x_of(jul(9.5)), y)) == "9 Jul 2016"
