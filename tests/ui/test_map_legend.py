"""The legend on the map view: a click folds and opens it, a drag moves it (and the place survives
a resize), the Layers dock hides it, picks its corner and the inset."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QImage

from aleppo_desktop.ui.map_view import MapView


def legend_centre(view: MapView) -> QPoint:
    box = view.legend_box()
    assert box is not None
    return box.center().toPoint()


def grab(view: MapView) -> QImage:
    return view.viewport().grab().toImage()


def test_click_folds_and_opens_the_legend(main_window, qtbot) -> None:
    view = main_window.map_view
    full = view.legend_box()
    assert full is not None
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=legend_centre(view))
    assert view.legend_collapsed
    tab = view.legend_box()
    assert tab.height() < full.height() / 3 and tab.width() < full.width()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=tab.center().toPoint())
    assert not view.legend_collapsed and view.legend_box() == full


def test_drag_moves_the_legend_and_not_the_map(main_window, qtbot) -> None:
    view = main_window.map_view
    before = view.legend_box()
    transform = view.viewportTransform()
    start = legend_centre(view)
    end = start + QPoint(150, -90)
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=start)
    for k in range(1, 6):
        qtbot.mouseMove(view.viewport(), pos=start + (end - start) * (k / 5))
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=end)
    after = view.legend_box()
    assert after.topLeft() - before.topLeft() == QPointF(150, -90)
    assert not view.legend_collapsed  # a drag is not a click
    assert view.viewportTransform() == transform  # the map did not pan
    at = main_window.map_scene.legend_style.at
    assert at is not None
    # as fractions of the view: after a resize it keeps its relative place
    main_window.resize(main_window.width() - 100, main_window.height())
    qtbot.wait(50)
    size = view.viewport().size()
    moved = view.legend_box()
    assert abs(moved.left() - at[0] * size.width()) < 1.5


def test_the_layers_dock_hides_and_places_the_legend(main_window, qtbot) -> None:
    view, panel = main_window.map_view, main_window.layers_panel
    shown = grab(view)
    panel.legend_check.setChecked(False)
    assert view.legend_box() is None
    hidden = grab(view)
    assert shown != hidden
    panel.legend_check.setChecked(True)
    panel.legend_place.setCurrentIndex(panel.legend_place.findData("top-right"))
    box = view.legend_box()
    assert box.right() > view.viewport().width() * 0.6 and box.top() < view.viewport().height() / 2
    panel.inset_check.setChecked(False)
    assert not main_window.map_scene.legend_style.inset


def test_the_default_place_avoids_the_chapters_changing_ground(make_window, make_scenario) -> None:
    """In the window the legend starts in the corner covering least of the ground that changes
    hands in the chapter under way: here the "Advance" chapter also takes a-00, the bottom-left
    cell, so the legend leaves the bottom left (its place when nothing changes)."""
    from datetime import date

    from aleppo_desktop.core.timeline import day_number
    from aleppo_desktop.render.overlays import covered_m2, legend_corners
    from tests.conftest import CONTROL_ROWS

    path = make_scenario(control=[*CONTROL_ROWS, "a-00,2016-07-07,rebel,claimed,test#p2,"])
    window = make_window(path)
    window.clock.seek(day_number(date(2016, 7, 8)))
    view = window.map_view
    overlays = view.drawn_overlays()
    assert overlays.avoid is not None and overlays.legend_place == "auto"
    box = view.legend_box()
    assert box is not None
    rect = view.viewport().rect().toRectF()
    transform = view.viewportTransform()
    corners = legend_corners(rect, overlays, view.metres_per_pixel(), transform, box.size())
    covered = {name: covered_m2(r, transform, overlays.avoid) for name, r in corners.items()}
    assert covered["bottom-left"] > 0
    assert covered_m2(box, transform, overlays.avoid) == min(covered.values())
    assert box != corners["bottom-left"]
