"""Every control that shows playback state agrees with the clock's state machine, whatever drove it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QMenu, QStyle

from aleppo_desktop.core.playback import LoopMode, PlayState
from aleppo_desktop.core.timeline import format_date
from tests.conftest import jul

MENU_TEXT = {
    LoopMode.ONCE: "Stop",
    LoopMode.LOOP: "Loop",
    LoopMode.BACK_AND_FORTH: "Back and forth",
}


def submenu(menu: QMenu, text: str) -> QMenu:
    found = [a.menu() for a in menu.actions() if a.text() == text]
    assert len(found) == 1, text
    return found[0]


def loop_menu_actions(window) -> dict[str, QAction]:
    bar = window.menuBar()
    playback = next(a.menu() for a in bar.actions() if a.text() == "&Playback")
    return {a.text(): a for a in submenu(playback, "At the end").actions()}


def same_icon(a: QIcon, b: QIcon) -> bool:
    return a.pixmap(16, 16).toImage() == b.pixmap(16, 16).toImage()


def assert_controls_agree(window) -> None:
    """Play button (text and icon), reverse button, loop combo, menu checks, speed combo, date
    label and scrubber all show what the state machine holds."""
    pb = window.clock.playback
    controls = window.controls
    style = controls.style()
    playing = pb.state is not PlayState.IDLE
    play = window.commands["play"]
    assert play.text() == ("Pause" if playing else "Play"), pb.state
    pixmap = QStyle.StandardPixmap.SP_MediaPause if playing else QStyle.StandardPixmap.SP_MediaPlay
    assert same_icon(controls.buttons["play"].icon(), style.standardIcon(pixmap)), pb.state
    reversing = pb.state is PlayState.REVERSE
    assert controls.buttons["reverse"].text() == ("■" if reversing else "◀"), pb.state
    assert window.commands["reverse"].text() == (
        "Stop playing backwards" if reversing else "Play backwards"
    )
    assert controls.loop.currentData() is pb.loop_mode
    checked = [text for text, a in loop_menu_actions(window).items() if a.isChecked()]
    assert checked == [MENU_TEXT[pb.loop_mode]]
    assert controls.speed.currentData() == pb.speed
    assert controls.speed.currentText() == f"{pb.speed:g} days/s"
    assert controls.date_label.text() == format_date(pb.current_time)
    assert window.scrubber.time == pb.current_time


def test_every_control_follows_the_state_machine(main_window, grid_path: Path) -> None:
    window, clock = main_window, main_window.clock
    pb = clock.playback
    assert_controls_agree(window)
    window.commands["play"].trigger()
    assert pb.state is PlayState.FORWARD
    assert_controls_agree(window)
    window.commands["reverse"].trigger()
    assert pb.state is PlayState.REVERSE
    assert_controls_agree(window)
    loop_menu_actions(window)["Loop"].trigger()
    assert pb.loop_mode is LoopMode.LOOP
    assert_controls_agree(window)
    window.controls.loop.setCurrentIndex(window.controls.loop.findData(LoopMode.BACK_AND_FORTH))
    assert pb.loop_mode is LoopMode.BACK_AND_FORTH
    assert_controls_agree(window)
    window.commands["faster"].trigger()  # 1 -> 2 days/s
    assert pb.speed == 2.0
    assert_controls_agree(window)
    window.commands["slower"].trigger()
    window.commands["slower"].trigger()
    assert pb.speed == 0.5
    assert_controls_agree(window)
    window.controls.speed.setCurrentIndex(window.controls.speed.findData(5.0))
    assert pb.speed == 5.0
    assert_controls_agree(window)
    clock.set_speed(4.0)  # not one of the listed speeds (e.g. from the settings)
    assert_controls_agree(window)
    window.commands["faster"].trigger()  # the next listed speed above 4
    assert pb.speed == 5.0
    assert_controls_agree(window)
    clock.play()
    assert pb.state is PlayState.FORWARD
    assert window.open_scenario(grid_path)  # opening a scenario while playing stops it
    assert pb.state is PlayState.IDLE
    assert pb.current_time == jul(1)
    assert_controls_agree(window)
    loop_menu_actions(window)["Stop"].trigger()
    clock.seek(jul(20) - 1.0)
    clock.play()
    pb.advance(1.0)  # 5 days/s: past the end, so it stops there
    assert (pb.state, pb.current_time) == (PlayState.IDLE, jul(20))
    assert_controls_agree(window)
    window.commands["play"].trigger()  # at the end: rewinds and plays
    assert (pb.state, pb.current_time) == (PlayState.FORWARD, jul(1))
    assert_controls_agree(window)


def test_opening_a_scenario_while_playing_shows_play_again(main_window, grid_path: Path) -> None:
    clock = main_window.clock
    clock.seek(jul(9))
    clock.play()
    assert main_window.commands["play"].text() == "Pause"
    states, ranges, times = [], [], []
    clock.state_changed.connect(states.append)
    clock.range_changed.connect(lambda a, b: ranges.append((a, b)))
    clock.time_changed.connect(times.append)
    assert main_window.open_scenario(grid_path)
    assert states == [PlayState.IDLE]
    assert ranges == [(jul(1), jul(20))]  # announced even though the period is the same
    assert times == [jul(1)]
    assert main_window.commands["play"].text() == "Play"


def test_loop_mode_chosen_in_the_controls_bar_checks_the_menu(main_window) -> None:
    combo = main_window.controls.loop
    menu = loop_menu_actions(main_window)
    assert [t for t, a in menu.items() if a.isChecked()] == ["Stop"]
    combo.setCurrentIndex(combo.findData(LoopMode.LOOP))
    assert main_window.clock.playback.loop_mode is LoopMode.LOOP
    assert [t for t, a in menu.items() if a.isChecked()] == ["Loop"]
    main_window.clock.set_loop_mode(LoopMode.BACK_AND_FORTH)
    assert [t for t, a in menu.items() if a.isChecked()] == ["Back and forth"]
    assert combo.currentData() is LoopMode.BACK_AND_FORTH
