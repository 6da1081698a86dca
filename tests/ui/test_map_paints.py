"""How often the map paints: once per change of time, and not at all while nothing changes."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt

from tests.conftest import shown_map_view


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


def test_the_static_picture_blended_where_drawn_gives_the_same_map(
    main_window, qtbot, monkeypatch
) -> None:
    """The static picture (outlines, basemap) is blended over the content only within the tiles
    where it has anything drawn: the map's pixels are those of blending it all."""
    from PySide6.QtGui import QRegion

    from aleppo_desktop.ui import map_view

    view = main_window.map_view
    main_window.clock.seek(main_window.scenario.start + 5.5)
    settle(qtbot)
    clipped = view.viewport().grab().toImage()
    region = view._static_region
    assert region is not None
    size = view.viewport().width() * view.viewport().height()
    assert sum(r.width() * r.height() for r in region[1]) < size  # some tiles left out
    monkeypatch.setattr(map_view, "drawn_region", lambda image: QRegion(image.rect()))
    view._static_region = None
    view._content = None  # drawn again
    whole = view.viewport().grab().toImage()
    assert whole == clipped


def test_the_picture_copied_over_the_viewport_gives_the_same_map(
    main_window, qtbot, monkeypatch
) -> None:
    """The opaque content picture is copied onto the viewport, which is not filled first
    (WA_OpaquePaintEvent): the same pixels as filling it and blending the picture over it,
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
