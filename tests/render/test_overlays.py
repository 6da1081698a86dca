"""Overlays: scale-bar lengths, and the caption worded by the core's story on screen and in exports."""

from __future__ import annotations

from pathlib import Path

from aleppo_desktop.core.loading import load_scenario
from aleppo_desktop.core.story import caption_at
from aleppo_desktop.render.overlays import nice_length, overlays_for
from aleppo_desktop.render.scene import MapScene


def test_nice_length() -> None:
    assert nice_length(1234) == 1000
    assert nice_length(2600) == 2000
    assert nice_length(7.5) == 5
    assert nice_length(0) == 0


def test_a_caption_brings_its_title_date_and_source(grid_path: Path) -> None:
    scene = MapScene(load_scenario(grid_path))
    t = scene.scenario.start + 9.5  # 10 July, the range event e2 (10-12 July)
    overlays = overlays_for(scene, t, caption_at(scene.scenario, t))
    assert overlays.caption == "Column 2 falls"
    assert overlays.caption_date == "10 Jul 2016 – 12 Jul 2016"
    assert overlays.source_line.startswith("Source: Made up for tests, p2 · Data: Grid test")
    plain = overlays_for(scene, t)
    assert plain.caption == "" and plain.source_line.startswith("Data: Grid test")
    assert [e.name_en for e in overlays.legend] == ["Regime", "Rebels", "YPG"]


def test_the_chapters_changing_ground_is_kept_per_control_table(make_scenario) -> None:
    """The legend's ground to avoid is cached per control table, weakly: a scenario dropped takes
    its zones with it, so a later scenario (whose table may reuse the dropped one's id()) gets its
    own, here one more unit (a-00) changing in the same chapter."""
    import gc
    import weakref
    from datetime import date

    from aleppo_desktop.core.changes import chapter_at
    from aleppo_desktop.core.timeline import day_number
    from aleppo_desktop.render import overlays
    from tests.conftest import CONTROL_ROWS

    t = day_number(date(2016, 7, 8))
    first = load_scenario(make_scenario())
    span = chapter_at(first, t)
    assert span is not None and len(overlays.chapter_zone(first, t)) == 4
    table = weakref.ref(first.control)
    del first
    gc.collect()
    assert table() is None  # the cache does not keep a dropped scenario's table alive
    extra = "a-00,2016-07-07,rebel,claimed,test#p2,"
    second = load_scenario(make_scenario(control=[*CONTROL_ROWS, extra]))
    assert chapter_at(second, t) == span  # the same chapter: an id()-keyed cache could mix them
    assert len(overlays.chapter_zone(second, t)) == 5
    assert second.control in overlays._zones


def test_the_inset_is_drawn_from_the_outline_it_is_given() -> None:
    """The inset's picture is cached per outline; a new outline (as another scenario's, even where
    its path reuses a dropped one's id()) is drawn afresh, not the old picture."""
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QImage, QPainter, QPainterPath, QTransform

    from aleppo_desktop.render.overlays import MapOverlays, _paint_inset

    city, box = QRectF(0, 0, 1000, 1000), QRectF(0, 0, 80, 80)

    def inset(path: QPainterPath) -> QImage:
        image = QImage(80, 80, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(0)
        painter = QPainter(image)
        overlays = MapOverlays(inset_path=path, inset_rect=city)
        _paint_inset(painter, QRectF(0, 0, 80, 80), box, overlays, QTransform())
        painter.end()
        return image

    square = QPainterPath()
    square.addRect(QRectF(100, 100, 800, 800))
    first = inset(square)
    del square  # dropped with its scenario: the next path made may take its id
    dot = QPainterPath()
    dot.addEllipse(QRectF(450, 450, 100, 100))
    assert inset(dot) != first
