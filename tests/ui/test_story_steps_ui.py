"""Driving a briefing: the clicker steps every event of a busy day, the map rings the current event's
place at once, "." blacks out, and Left/Right step events while presenting."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt

from aleppo_desktop.core.timeline import day_number

JUL_5 = day_number(date(2016, 7, 5))


def _busy_day(grid: dict[str, Any]) -> dict[str, Any]:
    """Three more events on 5 July (the grid's e1 day), listed after e1, pointing at other places."""
    for k, (lon, lat) in enumerate(((37.11, 36.19), (37.13, 36.20), (37.15, 36.21)), start=1):
        grid["events"].append(
            {
                "id": f"same-{k}",
                "date": {"start": "2016-07-05"},
                "kind": "bombardment",
                "title": f"Same day {k}",
                "summary": "Another event of the busy day.",
                "source": "brief#4",
                "importance": "minor",
                "location": {"point": [lon, lat]},
            }
        )
    return grid


def _press(qtbot, window, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(window.map_view, key, modifier)


def test_same_day_events_are_stepped_one_by_one(make_window, make_scenario, grid_dict, qtbot):
    window = make_window(make_scenario(scenario=_busy_day(grid_dict)))
    titles = []
    rings = []
    for _ in range(4):
        _press(qtbot, window, Qt.Key.Key_PageDown)
        assert window.clock.time == JUL_5
        titles.append(window.map_view.overlays.caption)
        # the ring moves with the key press, not after the panels' debounce
        index = window.clock.current_event()
        assert index is not None
        expected = window.map_scene.highlight_path(window.scenario.events[index])
        assert window.map_view.highlight == expected
        rings.append(expected.boundingRect().center())
    assert titles == ["Cell 02 falls", "Same day 1", "Same day 2", "Same day 3"]
    assert len({(p.x(), p.y()) for p in rings}) == 4  # four different places ringed
    qtbot.waitUntil(lambda: window.events_panel.current == window.clock.current_event())
    assert "Same day 3" in window.events_panel.details.toPlainText()
    _press(qtbot, window, Qt.Key.Key_PageDown)  # on to e2, 10 July
    assert window.map_view.overlays.caption == "Column 2 falls"
    for want in ("Same day 3", "Same day 2"):
        _press(qtbot, window, Qt.Key.Key_PageUp)
        assert window.map_view.overlays.caption == want
        assert window.clock.time == JUL_5
    # chapters: Ctrl+PgDown to the next chapter's opening (e3, "Kurds"), Ctrl+PgUp back
    _press(qtbot, window, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert window.map_view.overlays.caption == "YPG expected to move"
    _press(qtbot, window, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert window.map_view.overlays.caption == "Cell 02 falls"


def test_clicking_an_event_in_the_list_steps_to_it(make_window, make_scenario, grid_dict):
    window = make_window(make_scenario(scenario=_busy_day(grid_dict)))
    index = next(i for i, e in enumerate(window.scenario.events) if e.id == "same-2")
    window.jump_to_event(index)
    assert window.clock.stepped_event == index
    assert window.map_view.overlays.caption == "Same day 2"


def test_dot_blacks_out_and_arrows_step_events_while_presenting(main_window, qtbot) -> None:
    _press(qtbot, main_window, Qt.Key.Key_F5)
    assert main_window.presenting
    _press(qtbot, main_window, Qt.Key.Key_Period)
    assert main_window.blackout.isVisible()
    _press(qtbot, main_window, Qt.Key.Key_Period)
    assert not main_window.blackout.isVisible()
    _press(qtbot, main_window, Qt.Key.Key_Right)  # a remote's "next": the next event, not a day
    assert main_window.clock.time == JUL_5
    _press(qtbot, main_window, Qt.Key.Key_Right)
    assert main_window.map_view.overlays.caption == "Column 2 falls"
    _press(qtbot, main_window, Qt.Key.Key_Left)
    assert main_window.map_view.overlays.caption == "Cell 02 falls"
    _press(qtbot, main_window, Qt.Key.Key_Escape)
    assert not main_window.presenting
    _press(qtbot, main_window, Qt.Key.Key_Right)  # in the window, a day again
    assert main_window.clock.time == JUL_5 + 1
