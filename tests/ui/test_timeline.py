"""The timeline scrubber: drawn with or without a scenario, events with their precision, disputes
and uncertainty windows."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from aleppo_desktop.core.loading import load_scenario
from aleppo_desktop.core.scenario import Scenario
from aleppo_desktop.core.timeline import day_number
from aleppo_desktop.ui.timeline import MAJOR_COLOUR, TimelineScrubber


def test_scrubber_paints_and_hovers_with_no_scenario_loaded(qtbot) -> None:
    """A fresh scrubber (start 0: no scenario yet) draws its background and axis and has no date to
    show under the mouse (day 0 is no calendar day: this raised `ordinal must be >= 1`)."""
    scrubber = TimelineScrubber()
    qtbot.addWidget(scrubber)
    scrubber.resize(400, 64)
    image = scrubber.grab().toImage()
    background = scrubber.palette().window().color()
    assert image.pixelColor(2, 2) == background
    axis_y = round(scrubber.height() * 0.55)
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


def jul(day: float) -> float:
    return day_number(date(2016, 7, 1)) + day - 1


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
    widget.resize(788, 64)
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
