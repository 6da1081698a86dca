"""What changed on screen: after a step the ground gained is outlined in the gainer's colour and
fades; while playing a trail; the strength charts shade the step; on by default when presenting."""

from __future__ import annotations

from PySide6.QtCore import Qt

from aleppo_desktop.core.what_changed import FADE_SECONDS, gained_between
from tests.conftest import jul


def test_a_step_outlines_the_ground_gained_and_it_fades(main_window, qtbot) -> None:
    window = main_window
    assert not window.commands["what_changed"].isChecked()  # off in the window by default
    window.enter_presentation()
    assert window.commands["what_changed"].isChecked()  # on when presenting
    qtbot.keyClick(window.map_view, Qt.Key.Key_PageDown)  # to e1, 5 July
    gained = gained_between(window.scenario, jul(1), jul(5))
    assert gained
    outlines = window.map_view.changes
    assert {(o.area_index, o.faction) for o in outlines} == set(gained)
    assert all(0.9 < o.strength <= 1.0 for o in outlines)
    marks = window.strength_panel.step_marks
    window._mark_step(jul(1))
    assert all(m.isVisible() and m.getRegion() == (jul(1), jul(5)) for m in marks)
    # the fade: strength falls with the wall clock, then the outline is gone
    since, started = window._step_from
    window._step_from = (since, started - FADE_SECONDS / 2)
    window._fade_step()
    assert all(abs(o.strength - 0.5) < 0.05 for o in window.map_view.changes)
    window._step_from = (since, started - FADE_SECONDS)
    window._fade_step()
    assert window.map_view.changes == () and not window._changes_timer.isActive()
    # the toggle (W) turns it off; leaving presentation restores the window's choice
    qtbot.keyClick(window.map_view, Qt.Key.Key_W)
    qtbot.keyClick(window.map_view, Qt.Key.Key_PageDown)
    assert window.map_view.changes == ()
    window.leave_presentation()
    assert not window.commands["what_changed"].isChecked()


def test_playing_leaves_a_trail_of_recent_gains(main_window) -> None:
    window = main_window
    window.commands["what_changed"].setChecked(True)
    window.clock.seek(jul(4))
    window.clock.play()
    window.clock.seek(jul(5) + 0.5)  # as a tick would
    outlines = window.map_view.changes
    window.clock.pause()
    assert outlines and {(o.area_index, o.faction) for o in outlines} <= set(
        gained_between(window.scenario, jul(5) + 0.5 - 3, jul(5) + 0.5)
    )
    assert all(0 < o.strength < 1 for o in outlines)  # half a day old and more
