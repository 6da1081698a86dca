"""How often the map paints: once per change of time, and not at all while nothing changes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QImage

from tests.conftest import NO_PROC, pool_switches, pool_work, shown_map_view


class PaintCounter(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.paints = 0

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.paints += 1
        return False


def settle(qtbot) -> None:
    qtbot.wait(100)
    for _ in range(5):
        QCoreApplication.processEvents()


def test_the_map_paints_once_per_time_change_and_not_while_idle(main_window, qtbot) -> None:
    view = main_window.map_view
    counter, layer = PaintCounter(), PaintCounter()
    view.viewport().installEventFilter(counter)
    main_window.editing.layer.installEventFilter(layer)  # the selection drawn over the map
    settle(qtbot)
    counter.paints = layer.paints = 0
    for _ in range(10):
        QCoreApplication.processEvents()
    # the selection layer over the map asked for a paint after every map paint, which painted
    # the map under it again: the map repainted on every pass of the event loop
    assert counter.paints == 0
    start = main_window.scenario.start
    for i in range(3):
        main_window.clock.seek(start + 3.5 + i)
        settle(qtbot)
    assert counter.paints == 3
    assert layer.paints == 3  # painted with the map under it, without asking
    view.zoom_by(1.5)
    settle(qtbot)
    assert counter.paints == layer.paints == 4


@pytest.mark.skipif(NO_PROC, reason="counts threads in /proc")
def test_a_frame_drawn_again_hands_nothing_to_qts_thread_pool(main_window, qtbot) -> None:
    """The frame's pictures are copied and blended in one pass on the UI thread: the fill
    picture onto a picture of its own format, the static picture blended whole (clipped to a
    region, the raster engine splits the blend over its thread pool), the content blended onto
    the screen. A scrub frame waited for the pool's threads, which wait for a core."""
    view, scenario = main_window.map_view, main_window.scenario
    # a frame with no sweep or cross-fade: those fills are translucent or hatched, and Qt
    # hands any such fill of many spans to the pool
    t = next(
        scenario.start + day + 0.5
        for day in range(int(scenario.end - scenario.start))
        if not (frame := scenario.frame_at(scenario.start + day + 0.5)).pieces
        and (frame.status_to < 0).all()
    )
    main_window.clock.seek(t)
    view.set_fast(True)
    settle(qtbot)
    first = view.viewport().grab().toImage()
    view.viewport().repaint()  # (the first paint after a grab keeps the pool busy elsewhere)
    assert view._content is not None
    assert view._content.pixmap.toImage().format() == QImage.Format.Format_ARGB32_Premultiplied
    view._content.key = ()  # drawn again as a new frame: the fills copied, the static picture
    before = pool_switches()  # blended over them, the picture blended onto the screen
    view.viewport().repaint()
    assert pool_work(before) == {}
    assert view.viewport().grab().toImage() == first


def test_the_picture_copied_over_the_viewport_gives_the_same_map(
    main_window, qtbot, monkeypatch
) -> None:
    """The opaque content picture is blended straight onto the viewport, which is not filled
    first (WA_OpaquePaintEvent): the same pixels as filling it and blending the picture over it,
    still frames and scrub frames alike."""
    from aleppo_desktop.ui.map_view import MapView

    view = main_window.map_view
    assert view.viewport().testAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
    for t, fast in ((5.5, False), (9.25, True)):
        main_window.clock.seek(main_window.scenario.start + t)
        view.set_fast(fast)
        settle(qtbot)
        assert view._content_opaque()
        copied = view.viewport().grab().toImage()
        monkeypatch.setattr(MapView, "_content_opaque", lambda self: False)
        blended = view.viewport().grab().toImage()
        monkeypatch.undo()
        assert blended == copied


def test_an_empty_map_view_shows_its_background(qtbot) -> None:
    """No scenario yet: the viewport, not filled by Qt, is filled by the view."""
    view = shown_map_view(qtbot, 200, 120)
    assert not view._content_opaque()
    image = view.viewport().grab().toImage()
    expected = view.viewport().palette().color(view.viewport().backgroundRole())
    for x, y in ((0, 0), (100, 60), (199, 119)):
        assert image.pixelColor(x, y) == expected
