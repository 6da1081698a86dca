"""The map's pan and zoom: a pan within the picture drawn round the view is a blit of the same
pixels as a fresh render; the wheel shows the last picture scaled, then the full one at rest; the
cached pictures go when the look, the layers, the labels switch or an edit change them."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPointF
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QGraphicsView

from aleppo_desktop.core.scenario import Scenario
from aleppo_desktop.render.overlays import overlays_for
from aleppo_desktop.render.theme import HIGH_CONTRAST
from aleppo_desktop.ui.map_view import PAN_MARGIN_PX, ZOOM_STEP, MapView
from tests.conftest import NO_PROC, pool_switches, pool_work, shown_map_view, write_scenario


@pytest.fixture
def view(qtbot, aleppo: Scenario) -> MapView:
    view = shown_map_view(qtbot, 900, 600, aleppo)
    scene = view.map_scene
    t = (aleppo.start + aleppo.end) / 2
    view.show_time(t, overlays_for(scene, t))
    view.zoom_by(1.5)
    view.centerOn(scene.city_rect.center())
    assert (shot(view)[..., :3] != shot(view)[0, 0, :3]).any(axis=-1).mean() > 0.5  # the city
    return view


def shot(view: MapView) -> np.ndarray:
    image = view.viewport().grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    data = np.frombuffer(image.constBits(), np.uint8, image.sizeInBytes())
    rows = data.reshape(image.height(), image.bytesPerLine())[:, : image.width() * 4]
    return rows.reshape(image.height(), image.width(), 4).copy()


def same(a: np.ndarray, b: np.ndarray) -> bool:
    """The same picture: long antialiased lines clipped to pictures of other sizes may differ by a
    few levels in a few pixels (Qt's fixed-point clipping), nothing visible."""
    difference = np.abs(a.astype(int) - b.astype(int)).max(axis=-1)
    return int(difference.max()) <= 4 and np.count_nonzero(difference) < 0.005 * difference.size


def nearly(a: np.ndarray, b: np.ndarray) -> bool:
    """`same`, but for a handful of pixels of the thick antialiased front where it crosses the
    edge of a strip drawn on its own (Qt cuts a stroke to the clip first: ~20 px at 900x600)."""
    difference = np.abs(a.astype(int) - b.astype(int)).max(axis=-1)
    return np.count_nonzero(difference > 4) < 1e-4 * difference.size and same(
        np.where(difference[..., None] > 4, b, a), b
    )


def fresh(view: MapView) -> np.ndarray:
    """The same view drawn without the cached pictures."""
    view._content = view._static = None
    return shot(view)


def pan(view: MapView, dx: int, dy: int) -> None:
    view.horizontalScrollBar().setValue(view.horizontalScrollBar().value() + dx)
    view.verticalScrollBar().setValue(view.verticalScrollBar().value() + dy)


def test_a_pan_within_the_margin_is_the_same_pixels_as_a_fresh_render(view: MapView) -> None:
    before = shot(view)
    pan(view, 37, -21)
    first = shot(view)  # the first pan draws the picture with a margin round the view
    content = view._content
    assert content is not None and content.margin == PAN_MARGIN_PX
    pan(view, 60, 45)
    panned = shot(view)
    assert view._content is content  # a blit of the same picture
    assert not np.array_equal(panned, first) and not np.array_equal(first, before)
    assert same(panned, fresh(view))  # labels and hatches included


@pytest.mark.parametrize(
    "dx, dy",
    [(PAN_MARGIN_PX + 40, 0), (-PAN_MARGIN_PX - 17, PAN_MARGIN_PX + 3), (1000, 0)],
    ids=["off the right: one strip drawn", "off a corner: two strips", "far: drawn whole"],
)
def test_a_pan_out_of_the_margin_draws_what_it_exposes(view: MapView, dx: int, dy: int) -> None:
    pan(view, 10, 0)
    shot(view)
    content = view._content
    pan(view, dx, dy)
    panned = shot(view)
    assert view._content is not content
    assert nearly(panned, fresh(view))
    pan(view, -dx // 3, -dy // 3)  # and back a little: a blit of the new picture
    assert nearly(shot(view), fresh(view))


def test_the_wheel_shows_the_last_picture_scaled_then_the_full_one(view: MapView, qtbot) -> None:
    shot(view)
    content = view._content
    centre = QPointF(view.viewport().rect().center())
    # the wheel zooms about the pointer: here the view's centre, not where the test's cursor is
    view.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
    for _ in range(3):
        view.wheel_zoom(1.1, centre)
        preview = shot(view)
        assert view._content is content  # nothing drawn afresh while the wheel turns
    qtbot.waitUntil(lambda: not view._zooming, timeout=2000)
    settled = shot(view)
    assert view._content is not content
    assert not np.array_equal(settled, preview)  # the labels laid out and the lines drawn anew
    assert np.array_equal(settled, fresh(view))


@pytest.mark.skipif(NO_PROC, reason="counts threads in /proc")
def test_the_wheel_preview_hands_nothing_to_qts_thread_pool(view: MapView, qtbot) -> None:
    """The last picture is scaled unsmoothed while the wheel turns: Qt scales a picture
    smoothly on its thread pool and waits for it (for a transient of ZOOM_SETTLE_MS)."""
    shot(view)
    view.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
    view.wheel_zoom(1.1, QPointF(view.viewport().rect().center()))
    shot(view)  # the first preview (anything else the first paint after a zoom does)
    view.wheel_zoom(1.1, QPointF(view.viewport().rect().center()))
    before = pool_switches()
    view.viewport().repaint()
    assert view._zooming  # a preview, not the full picture
    assert pool_work(before) == {}
    qtbot.waitUntil(lambda: not view._zooming, timeout=2000)


def test_keyboard_and_toolbar_zoom_show_a_preview_then_the_full_picture(
    view: MapView, qtbot
) -> None:
    """+ and - (and the toolbar's buttons) take the wheel's path: the last picture scaled about
    the view's centre while the steps come, the full picture at rest."""
    shot(view)
    content = view._content
    centre = view.mapToScene(view.viewport().rect().center())
    scale = view.transform().m11()
    view.zoom_in()
    view.zoom_in()
    preview = shot(view)
    assert view._zooming and view._content is content  # nothing drawn afresh yet
    assert view.transform().m11() == pytest.approx(scale * ZOOM_STEP**2)
    now = view.mapToScene(view.viewport().rect().center())  # about the view's centre
    assert abs(now.x() - centre.x()) < 2 / scale and abs(now.y() - centre.y()) < 2 / scale
    qtbot.waitUntil(lambda: not view._zooming, timeout=2000)
    settled = shot(view)
    assert view._content is not content
    assert not np.array_equal(settled, preview)
    assert np.array_equal(settled, fresh(view))
    view.zoom_out()
    assert view._zooming
    qtbot.waitUntil(lambda: not view._zooming, timeout=2000)
    assert np.array_equal(shot(view), fresh(view))


@pytest.mark.parametrize(
    "change",
    [
        lambda scene: scene.apply_theme(HIGH_CONTRAST),
        lambda scene: scene.set_labels_enabled(False),
        lambda scene: scene.set_layer_visible("landmarks", False),
        lambda scene: scene.set_palette("cb"),
    ],
    ids=["theme", "labels off", "layer hidden", "palette"],
)
def test_a_change_of_the_look_after_a_pan_is_drawn(view: MapView, change) -> None:
    pan(view, 30, 30)
    shot(view)
    pan(view, 20, 0)
    before = shot(view)  # a blit
    change(view.map_scene)
    after = shot(view)
    assert not np.array_equal(after, before)
    assert same(after, fresh(view))


def test_the_language_switched_after_a_pan_names_places_in_arabic(view: MapView) -> None:
    from aleppo_desktop import translations

    pan(view, 30, 30)
    shot(view)
    pan(view, 20, 0)
    english = shot(view)
    translations.use_language("ar")
    try:
        view.viewport().update()
        arabic = shot(view)
        assert not np.array_equal(arabic, english)
        assert same(arabic, fresh(view))
    finally:
        translations.use_language("en")


def test_a_tile_landing_redraws_the_content_not_the_static_picture(view: MapView) -> None:
    shot(view)
    static, content = view._static, view._content
    view.map_scene.user_layers_changed()  # what a decoded tile does
    shot(view)
    assert view._static is static and view._content is not content
    view.map_scene.apply_theme(HIGH_CONTRAST)  # the look: both
    shot(view)
    assert view._static is not static


def test_an_edit_of_the_units_after_a_pan_is_drawn(qtbot, tmp_path) -> None:
    """A split after a pan: the static picture is repainted where the units changed, the content
    afresh; the map equals a fresh render of the edited scenario."""
    from aleppo_desktop.core.editing import NewArea, SplitArea, apply_edit, open_document

    document = open_document(write_scenario(tmp_path / "grid"))
    view = shown_map_view(qtbot, 700, 500, document.scenario)
    scene = view.map_scene
    view.show_time(scene.scenario.start, overlays_for(scene, scene.scenario.start))
    pan(view, 15, 10)
    shot(view)
    pan(view, 10, 0)
    before = shot(view)  # a blit
    static = view._static
    unit = document.areas[5]
    xmin, ymin, xmax, ymax = unit.geometry.bounds
    x = (xmin + xmax) / 2
    parts = (NewArea(f"{unit.id}-w", "West part"), NewArea(f"{unit.id}-e", "East part"))
    edit = SplitArea(unit.id, ((x, ymin - 0.001), (x, ymax + 0.001)), parts, "test")
    edited = apply_edit(document, edit, "A", "test")
    scene.show_scenario(edited.scenario)
    view.show_time(scene.scenario.start, overlays_for(scene, scene.scenario.start))
    after = shot(view)
    assert not np.array_equal(after, before)  # the cut's outline and the parts' names
    assert view._static is static  # repainted where the units changed, not redrawn
    assert same(after, fresh(view))


def test_at_rest_the_margin_is_drawn_so_the_first_pan_is_a_blit(view: MapView, qtbot) -> None:
    view.map_scene.apply_theme(HIGH_CONTRAST)  # a new picture of the view alone
    still = shot(view)
    assert view._content is not None and view._content.margin == 0
    qtbot.waitUntil(lambda: view._content.margin == PAN_MARGIN_PX, timeout=3000)
    assert same(shot(view), still)
    content = view._content
    pan(view, -40, 25)
    panned = shot(view)
    assert view._content is content
    assert nearly(panned, fresh(view))


def test_the_margin_drawn_at_rest_keeps_the_fill_picture_of_the_view(view: MapView, qtbot) -> None:
    """The margin picture draws its fills directly: the fill picture stays the view's size (no
    third margin-sized picture at the peak), so the next frame updates it, not redraws it."""
    view.map_scene.apply_theme(HIGH_CONTRAST)
    shot(view)
    qtbot.waitUntil(lambda: view._content.margin == PAN_MARGIN_PX, timeout=3000)
    size = view.viewport().size()
    image = view._fills._image
    assert (image.width(), image.height()) == (size.width(), size.height())
    content, static = view._content.pixmap, view._static.pixmap
    grown = (size.width() + 2 * PAN_MARGIN_PX, size.height() + 2 * PAN_MARGIN_PX)
    assert (content.width(), content.height()) == (static.width(), static.height()) == grown
    redraws = view._fills.redraws
    scene = view.map_scene
    t = view.time + 0.37
    view.show_time(t, overlays_for(scene, t))
    after = shot(view)
    assert view._fills.redraws == redraws  # updated where the fills changed
    assert same(after, fresh(view))
