"""How often the map paints: once per change of time, and not at all while nothing changes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QImage

from aleppo_desktop.render.overlays import overlays_for
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


def frame_without_translucent_fills(scenario) -> float:
    """A time whose frame has no sweep or cross-fade: those fills are translucent or hatched,
    and Qt hands any such fill of many spans to its pool."""
    return next(
        scenario.start + day + 0.5
        for day in range(int(scenario.end - scenario.start))
        if not (frame := scenario.frame_at(scenario.start + day + 0.5)).pieces
        and (frame.status_to < 0).all()
    )


@pytest.mark.skipif(NO_PROC, reason="counts threads in /proc")
def test_a_frame_drawn_again_hands_nothing_to_qts_thread_pool(main_window, qtbot) -> None:
    """The frame's pictures are copied and blended in one pass on the UI thread: the fill
    picture onto a picture of its own format, the static picture blended whole (clipped to a
    region, the raster engine splits the blend over its thread pool), the content blended onto
    the screen. A scrub frame waited for the pool's threads, which wait for a core."""
    view, scenario = main_window.map_view, main_window.scenario
    t = frame_without_translucent_fills(scenario)
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
    # and drawn onto the viewport as a scrub frame: the fills blended onto the screen (copied,
    # they would be converted to its format on the pool), the static picture blended whole
    view._content.key, view._shown_key, view._moving = (), None, True
    before = pool_switches()
    view.viewport().repaint()
    assert view._direct is not None
    assert pool_work(before) == {}


@pytest.fixture
def view(qtbot, aleppo):
    """The bundled map at the start (sweeps, cross-fades, hatches)."""
    view = shown_map_view(qtbot, 900, 600, aleppo)
    view.show_time(aleppo.start, overlays_for(view.map_scene, aleppo.start))
    return view


def scrub_to(view, days) -> None:
    """Frames at these days of the campaign, each painted as a scrub shows them, the last not
    yet."""
    scene = view.map_scene
    for day in days:
        if day is not days[0]:
            view.viewport().repaint()
        t = scene.scenario.start + day
        view.show_time(t, overlays_for(scene, t))


def test_a_scrub_frame_is_drawn_onto_the_viewport_as_its_picture_would_show_it(view) -> None:
    """A new frame after a new frame is drawn straight onto the viewport, without the content
    picture: the same pixels as the picture gives (drawn at the frame's next paint), for frames
    with sweeps, cross-fades and hatches, antialiased or not, with a highlight."""
    scenario = view.map_scene.scenario
    view.outline_units(range(0, len(scenario.areas), 7))  # the highlight colour over them
    days = (3.3, 5.35, 11.6, 17.6, 25.85, 34.1, 44.1, 64.6, 71.15)
    frames = [scenario.frame_at(scenario.start + day) for day in days]
    assert any(f.pieces for f in frames) and any((f.status_to >= 0).any() for f in frames)
    for fast in (True, False):
        view.set_fast(fast)
        for i in range(2, len(days)):
            scrub_to(view, days[i - 2 : i + 1])
            direct = view.viewport().grab().toImage()  # a paint, as repaint() makes one
            assert view._direct is not None  # drawn onto the viewport, not onto the picture
            picture = view.viewport().grab().toImage()  # the frame's next paint: the picture
            assert view._direct is None and view._content.key == view._content_key()
            assert direct == picture, (fast, days[i])
            assert view.viewport().grab().toImage() == picture  # and a blit of it after


def test_a_repeated_frame_keeps_its_picture(view) -> None:
    """Playing through days that change little shows one frame many times: the first new frame
    after a repeat is drawn as a picture (blitted at the repeats), not onto the viewport."""
    view.set_fast(True)
    scrub_to(view, (3.3, 11.6))
    view.viewport().repaint()
    assert view._direct is not None
    view.viewport().repaint()  # a repeat: its picture drawn
    content = view._content
    assert view._direct is None and content.key == view._content_key()
    view.viewport().repaint()
    assert view._content is content  # blitted
    scrub_to(view, (17.6,))
    view.viewport().repaint()
    assert view._direct is None and view._content is not content  # after a repeat: a picture


def test_at_rest_and_at_the_wheel_a_frame_drawn_onto_the_viewport_gets_its_picture(
    view, qtbot
) -> None:
    """At rest, the margin picture is drawn for a frame shown without a picture (the first pan
    is a blit); the wheel at once draws its picture, which it shows scaled."""
    view.set_fast(True)
    scrub_to(view, (3.3, 11.6, 17.6))
    view.viewport().repaint()
    assert view._direct is not None
    counter = PaintCounter()
    view.viewport().installEventFilter(counter)
    qtbot.waitUntil(lambda: view._content.key == view._content_key(), timeout=3000)
    assert view._direct is None and view._content.margin > 0
    assert counter.paints == 0  # drawn at rest, not at a paint
    scrub_to(view, (25.85, 34.1, 44.1))
    view.viewport().grab()
    assert view._direct is not None
    view.wheel_zoom(1.1, None)
    zoom = len(view._zoom_key())
    assert view._content.key[zoom:] == view._content_key()[zoom:]  # the frame's picture, scaled
    content = view._content
    view.viewport().grab()
    assert view._zooming and view._content is content  # a preview of it
    qtbot.waitUntil(lambda: not view._zooming, timeout=2000)


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
