"""The timeline scrubber: drawn with or without a scenario, events with their precision, disputes
and uncertainty windows."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from aleppo_desktop.ui.timeline import TimelineScrubber


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
