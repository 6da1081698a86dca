"""The main window on the grid scenario: clock, scrubbing, events, shortcuts, panels, files."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QMessageBox

from aleppo_desktop.core.playback import PlayState
from aleppo_desktop.render.theme import lighter
from tests.conftest import jul

REGIME, REBEL, YPG = QColor("#c0392b"), QColor("#2e8b57"), QColor("#e1b12c")


def close_to(a: QColor, b: QColor, tolerance: int = 12) -> bool:
    return all(abs(x - y) <= tolerance for x, y in zip(a.getRgb()[:3], b.getRgb()[:3], strict=True))


def area_pixel(window, area_id: str) -> QColor:
    """The colour of a point inside the area (away from its label and outline) on the view."""
    scene, view = window.map_scene, window.map_view
    rect = scene.area_paths[scene.scenario.area_index[area_id]].boundingRect()
    point = QPointF(rect.left() + rect.width() * 0.2, rect.top() + rect.height() * 0.8)
    image = view.grab().toImage()
    pos = view.mapFromScene(point)
    return image.pixelColor(pos.x(), pos.y())


def test_play_advances_by_wall_clock_times_speed_and_the_map_paces_it(main_window) -> None:
    """Ticks by hand at controlled wall-clock times: the window's map holds the clock while its
    draw is pending and releases it when it paints."""
    clock = main_window.clock
    now = [500.0]
    clock.now = lambda: now[0]
    clock.set_speed(2.0)
    seen: list[float] = []
    clock.time_changed.connect(seen.append)
    clock.play()
    now[0] += 0.25
    clock.tick()
    assert seen == [jul(1) + 0.5]
    assert clock.draw_is_pending  # the map was given the time and has not painted it yet
    now[0] += 0.0625
    clock.tick()
    assert clock.dropped_ticks == 1
    main_window.map_view.viewport().repaint()  # paints now, without running the event loop
    assert not clock.draw_is_pending
    now[0] += 0.1875
    clock.tick()  # the whole 0.25 s since the last advance
    clock.pause()
    assert seen == [jul(1) + 0.5, jul(1) + 1.0]
    assert clock.dropped_ticks == 1


def test_play_reaches_the_end_and_stops(main_window, qtbot) -> None:
    clock = main_window.clock
    clock.set_speed(30.0)
    clock.play()
    qtbot.waitUntil(lambda: clock.playback.state is PlayState.IDLE, timeout=5000)
    assert clock.time == clock.end


def test_scrubbing_changes_the_area_colour_as_the_data_says(main_window, qtbot) -> None:
    scrubber = main_window.scrubber
    y = int(scrubber.height() * 0.8)  # below the event markers
    for day, expected in ((2, REBEL), (8, REGIME)):  # a-02: rebel, regime from 5 July
        qtbot.mousePress(
            scrubber, Qt.MouseButton.LeftButton, pos=QPoint(round(scrubber.x_of(jul(day))), y)
        )
        qtbot.mouseRelease(
            scrubber, Qt.MouseButton.LeftButton, pos=QPoint(round(scrubber.x_of(jul(day))), y)
        )
        assert abs(main_window.clock.time - jul(day)) < 0.2
        colour = area_pixel(main_window, "a-02")
        assert close_to(colour, expected), (day, colour.name())


def test_dragging_the_scrubber_scrubs_live(main_window, qtbot) -> None:
    scrubber = main_window.scrubber
    y = int(scrubber.height() * 0.8)
    seen = []
    main_window.clock.time_changed.connect(seen.append)
    qtbot.mousePress(
        scrubber, Qt.MouseButton.LeftButton, pos=QPoint(round(scrubber.x_of(jul(3))), y)
    )
    for day in (6, 9, 12):
        qtbot.mouseMove(scrubber, QPoint(round(scrubber.x_of(jul(day))), y))
    qtbot.mouseRelease(
        scrubber, Qt.MouseButton.LeftButton, pos=QPoint(round(scrubber.x_of(jul(12))), y)
    )
    assert len(seen) >= 3
    assert abs(main_window.clock.time - jul(12)) < 0.2


def test_claimed_and_contested_are_drawn_lighter_with_a_pattern(main_window) -> None:
    """The window shows the clock's instant: on 16 July a-03 (contested) and a-22 (claimed) are
    regime ground drawn pale with a pattern, a-00 plain regime colour."""
    main_window.clock.seek(jul(16))
    view, scene = main_window.map_view, main_window.map_scene
    scene.set_labels_enabled(False)
    image = view.viewport().grab().toImage()
    regime = scene.colour_of(0)
    for area_id, patterned in (("a-03", True), ("a-22", True), ("a-00", False)):
        area = scene.scenario.areas[scene.scenario.area_index[area_id]]
        point = area.geometry.representative_point()
        centre = view.mapFromScene(QPointF(point.x, -point.y))
        seen = {
            image.pixelColor(centre.x() + dx, centre.y() + dy).rgb() & 0xFFFFFF
            for dx in range(-5, 6)
            for dy in range(-5, 6)
        }
        if patterned:
            assert seen == {lighter(regime).rgb() & 0xFFFFFF, regime.darker(115).rgb() & 0xFFFFFF}
        else:
            assert seen == {regime.rgb() & 0xFFFFFF}


def test_clicking_an_event_jumps_the_clock(main_window, qtbot) -> None:
    events = main_window.events_panel.list
    item = events.item(2)  # e3, 18 July
    qtbot.mouseClick(
        events.viewport(), Qt.MouseButton.LeftButton, pos=events.visualItemRect(item).center()
    )
    assert main_window.clock.time == jul(18)
    scrubber = main_window.scrubber
    qtbot.mouseClick(
        scrubber,
        Qt.MouseButton.LeftButton,
        pos=QPoint(round(scrubber.x_of(jul(5))), round(scrubber._marker_y())),
    )
    assert main_window.clock.time == jul(5)
    qtbot.waitUntil(lambda: main_window.events_panel.current == 0, timeout=2000)
    assert main_window.events_panel.list.currentRow() == 0
    assert "Cell 02 falls" in main_window.events_panel.details.toPlainText()
    expected = main_window.map_scene.highlight_path(main_window.scenario.events[0])
    assert main_window.map_view.highlight == expected and not expected.isEmpty()


def _key(qtbot, window, key) -> None:
    qtbot.keyClick(window.map_view, key)


def test_space_toggles_play(main_window, qtbot) -> None:
    _key(qtbot, main_window, Qt.Key.Key_Space)
    assert main_window.clock.is_playing
    _key(qtbot, main_window, Qt.Key.Key_Space)
    assert not main_window.clock.is_playing


def test_left_right_step_one_day(main_window, qtbot) -> None:
    main_window.clock.seek(jul(10) + 0.5)
    _key(qtbot, main_window, Qt.Key.Key_Right)
    assert main_window.clock.time == jul(11)
    _key(qtbot, main_window, Qt.Key.Key_Right)
    assert main_window.clock.time == jul(12)
    _key(qtbot, main_window, Qt.Key.Key_Left)
    assert main_window.clock.time == jul(11)


def test_page_keys_step_events(main_window, qtbot) -> None:
    _key(qtbot, main_window, Qt.Key.Key_PageDown)
    assert main_window.clock.time == jul(5)
    _key(qtbot, main_window, Qt.Key.Key_PageDown)
    assert main_window.clock.time == jul(10)
    _key(qtbot, main_window, Qt.Key.Key_PageUp)
    assert main_window.clock.time == jul(5)


def test_home_end(main_window, qtbot) -> None:
    _key(qtbot, main_window, Qt.Key.Key_End)
    assert main_window.clock.time == jul(20)
    _key(qtbot, main_window, Qt.Key.Key_Home)
    assert main_window.clock.time == jul(1)


def test_f5_presents_esc_leaves_b_blacks_out(main_window, qtbot) -> None:
    _key(qtbot, main_window, Qt.Key.Key_F5)
    assert main_window.presenting
    qtbot.waitUntil(main_window.isFullScreen, timeout=3000)
    assert not any(dock.isVisible() for dock in main_window.docks.values())
    assert not main_window.menuBar().isVisible()
    _key(qtbot, main_window, Qt.Key.Key_PageDown)  # the clicker still steps events
    assert main_window.clock.time == jul(5)
    assert main_window.map_view.overlays.caption == "Cell 02 falls"
    _key(qtbot, main_window, Qt.Key.Key_B)
    assert main_window.blackout.isVisible()
    assert main_window.blackout.geometry() == main_window.rect()
    _key(qtbot, main_window, Qt.Key.Key_B)
    assert not main_window.blackout.isVisible()
    _key(qtbot, main_window, Qt.Key.Key_Escape)
    assert not main_window.presenting
    qtbot.waitUntil(lambda: not main_window.isFullScreen(), timeout=3000)
    assert main_window.docks["events"].isVisible()
    # the caption is on the map in the window too, until it is switched off (C)
    assert main_window.map_view.overlays.caption == "Cell 02 falls"
    _key(qtbot, main_window, Qt.Key.Key_C)
    assert main_window.map_view.overlays.caption == ""


def test_strength_cursor_follows_the_clock(main_window, qtbot) -> None:
    panel = main_window.strength_panel
    for day in (4, 13):
        main_window.clock.seek(jul(day))
        assert panel.area_cursor.value() == jul(day)
        assert panel.front_cursor.value() == jul(day)
    qtbot.waitUntil(lambda: "13 Jul 2016" in panel.values.text(), timeout=2000)
    # 13 July: the regime holds columns 0-2 (9 cells of ~4 km²)
    assert "Regime 3" in panel.values.text()


def test_strength_cursors_catch_up_when_the_hidden_panel_shows(main_window, qtbot) -> None:
    """Hidden (dock closed), the charts' cursors wait; shown, they are at the clock's time."""
    panel = main_window.strength_panel
    dock = main_window.docks["strength"]
    main_window.clock.seek(jul(4))
    dock.hide()
    assert not panel.isVisible()
    main_window.clock.seek(jul(13))
    assert panel.area_cursor.value() == jul(4)  # not moved while hidden
    dock.show()
    dock.raise_()
    qtbot.waitUntil(panel.isVisible, timeout=2000)
    for cursor in (panel.region_cursor, panel.area_cursor, panel.front_cursor):
        assert cursor.value() == jul(13)
    main_window.clock.seek(jul(9))  # and follow every tick again
    assert panel.front_cursor.value() == jul(9)


def test_hover_text_names_holder_since_and_source(main_window) -> None:
    main_window.clock.seek(jul(13))
    scene = main_window.map_scene
    rect = scene.area_paths[scene.scenario.area_index["a-12"]].boundingRect()
    text = main_window.map_view.hover_text(rect.center())
    assert "Cell 12" in text and "خلية 12" in text
    assert "Regime" in text and "confirmed" in text
    assert "since 10 Jul 2016" in text  # the holder since the claim, confirmed on the 12th
    assert "Made up for tests" in text


def test_bad_scenario_shows_every_problem_and_keeps_the_old_one(
    main_window,
    make_scenario,
    grid_dict,
) -> None:
    grid_dict["factions"][0]["colour"] = "red"
    grid_dict["events"][0]["source"] = "nowhere#1"
    bad = make_scenario(scenario=grid_dict)
    old = main_window.scenario
    assert not main_window.open_scenario(bad)
    box = main_window.findChild(QMessageBox, "scenario_problems")
    assert box is not None and box.isVisible()
    text = box.informativeText()
    assert "$.factions[0].colour" in text
    assert main_window.scenario is old
    assert main_window.windowTitle().startswith("Grid test")
    box.close()


def test_palette_switch_recolours_the_map(main_window) -> None:
    main_window.layers_panel.palette_box.setCurrentIndex(
        main_window.layers_panel.palette_box.findData("cb")
    )
    assert close_to(area_pixel(main_window, "a-11"), QColor("#D55E00"))


def test_speed_and_palette_are_remembered(make_window, grid_path: Path, ui_settings) -> None:
    first = make_window(grid_path)
    first.clock.set_speed(5.0)
    first.set_palette("cb")
    first.close()
    second = make_window(grid_path)
    assert second.clock.speed == 5.0
    assert second.palette_name == "cb"
    assert str(grid_path) in [str(p) for p in ui_settings.value("recent_files", [])]


@pytest.mark.parametrize("key", ["+", "-"])
def test_zoom_keys_change_the_scale(main_window, qtbot, key: str) -> None:
    before = main_window.map_view.metres_per_pixel()
    qtbot.keyClicks(main_window.map_view, key)
    after = main_window.map_view.metres_per_pixel()
    assert (after < before) if key == "+" else (after > before)


def test_playback_keys_reach_the_window_without_a_shortcut(main_window) -> None:
    """A key delivered straight to the map (no shortcut map, as on a display without a window
    manager) must step events, not scroll the view."""
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    view = main_window.map_view
    centre = view.mapToScene(view.viewport().rect().center())
    for key in (Qt.Key.Key_PageDown, Qt.Key.Key_Right):
        QApplication.sendEvent(
            view, QKeyEvent(QEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier)
        )
    assert main_window.clock.time == jul(6)
    assert view.mapToScene(view.viewport().rect().center()) == centre


def test_the_date_label_shows_the_period_start_after_loading(main_window) -> None:
    assert main_window.controls.date_label.text() == "1 Jul 2016"
    main_window.clock.seek(jul(9))
    assert main_window.controls.date_label.text() == "9 Jul 2016"


def _on_screen_near(window, lonlat: tuple[float, float], colour: QColor) -> bool:
    """Whether the picture last painted on screen shows `colour` within the ring around a point."""
    import shapely

    from aleppo_desktop.core.geometry import to_map

    view = window.map_view
    p = to_map(shapely.Point(*lonlat))
    centre = view.mapFromScene(QPointF(p.x, -p.y))
    radius = 250 / view.metres_per_pixel()  # the ring's radius in pixels
    picture = view._content  # drawn for this view (not panned since), with its margin
    image = picture.pixmap.toImage()
    want = colour.rgb() & 0xFFFFFF
    for k in range(72):
        import math

        x = round(centre.x() + picture.margin + radius * math.cos(k * math.pi / 36))
        y = round(centre.y() + picture.margin + radius * math.sin(k * math.pi / 36))
        if image.valid(x, y) and image.pixelColor(x, y).rgb() & 0xFFFFFF == want:
            return True
    return False


def test_next_event_rings_its_place_on_screen_at_once(main_window, qtbot) -> None:
    """Bug: after PgDown the map kept ringing the previous event's place until another redraw."""
    _key(qtbot, main_window, Qt.Key.Key_PageDown)  # e1, 5 July: cell a-02 outlined
    _key(qtbot, main_window, Qt.Key.Key_PageDown)  # e2, 10 July: a point ringed
    assert main_window.clock.time == jul(10)
    highlight = main_window.map_scene.theme.highlight
    qtbot.waitUntil(lambda: _on_screen_near(main_window, (37.15, 36.21), highlight), timeout=2000)
    expected = main_window.map_scene.highlight_path(main_window.scenario.events[1])
    assert main_window.map_view.highlight == expected


def test_closing_cancels_the_figures_thread_and_waits_for_it(
    make_window, grid_path, monkeypatch
) -> None:
    """A figures thread left running into interpreter shutdown can crash the app on quit: closing the
    window cancels it (before its next sweep) and joins it. The thread's first step waits for the
    cancel (so it is still running when the window closes, however fast or loaded the machine)."""
    import threading

    from aleppo_desktop.ui import main_window

    real = main_window.daily_series
    released = threading.Event()

    def daily_series_once_cancelled(scenario):
        if window._figures_cancelled.wait(30):  # a close that does not cancel fails the test
            released.set()
        return real(scenario)

    window = make_window(grid_path)
    monkeypatch.setattr(main_window, "daily_series", daily_series_once_cancelled)
    window._start_figures(window.scenario)
    thread = window._figures_thread
    assert thread is not None and thread.is_alive()
    window.close()
    assert released.is_set()  # it was cancelled while it ran
    assert window._figures_thread is None and not thread.is_alive()
    assert window._figures_cancelled.is_set()
