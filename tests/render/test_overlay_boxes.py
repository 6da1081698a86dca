"""The boxes over the map (title, date, caption, north arrow, scale bar, source line) drawn from
kept pictures look like boxes drawn in place, and a picture is drawn again when what its box shows
changes (the date, the caption, the scale)."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter, QTransform

from aleppo_desktop.render import overlays
from aleppo_desktop.render.overlays import MapOverlays, chrome, paint_overlays

RECT = QRectF(0, 0, 961, 541)  # odd sizes: the centred boxes sit at fractions of a pixel
TOLERANCE = 3  # levels of 255: text over a translucent panel rounds a little differently


def shown(date: str = "14 August 2016", caption: str = "Ramouseh wholly rebel-held") -> MapOverlays:
    return MapOverlays(
        title="Aleppo 2016",
        date_text=date,
        caption=caption,
        caption_date="6 August 2016",
        source_line="Source: a brief · Data: test scenario",
        show_legend=False,
    )


def drawn(shows: MapOverlays, cached: bool, monkeypatch, scale: float = 1.0) -> np.ndarray:
    monkeypatch.setattr(overlays, "CACHE_BOXES", cached)
    image = QImage(961, 541, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor("#7a9a5a"))  # a fill under the translucent panels
    painter = QPainter(image)
    if scale != 1.0:
        painter.setTransform(QTransform.fromScale(scale, scale))
    paint_overlays(painter, RECT, shows, 25.0)
    painter.end()
    data = np.frombuffer(image.constBits(), np.uint8, image.sizeInBytes())
    return data.reshape(image.height(), image.bytesPerLine()).astype(int).copy()


def box_pixels(box: QRectF) -> tuple[slice, slice]:
    r = box.toAlignedRect()
    return slice(r.top(), r.bottom() + 1), slice(4 * r.left(), 4 * (r.right() + 1))


def test_boxes_drawn_from_their_pictures_look_like_boxes_drawn_in_place(monkeypatch) -> None:
    overlays._box_images.clear()
    shows = shown()
    boxes = chrome(RECT, shows, 25.0, None)
    assert boxes.banner.left() % 1 and boxes.caption.left() % 1  # fractions of a pixel
    in_place = drawn(shows, False, monkeypatch)
    kept = drawn(shows, True, monkeypatch)
    assert len(overlays._box_images) == 6  # title, date, caption, north arrow, source, scale
    again = drawn(shows, True, monkeypatch)  # from the kept pictures
    assert np.array_equal(kept, again)
    difference = np.abs(kept - in_place)
    assert difference.max() <= TOLERANCE
    assert (difference > 0).sum() < 0.01 * difference.size
    bare = drawn(
        MapOverlays(show_legend=False, show_scale_bar=False, show_north_arrow=False),
        False,
        monkeypatch,
    )
    for box in boxes.boxes():  # each box is drawn (the panel over the fill), none left out
        rows, columns = box_pixels(box)
        assert np.abs(kept[rows, columns] - bare[rows, columns]).mean() > 20


@pytest.mark.parametrize(
    "change", [{"date": "15 August 2016"}, {"caption": "Government forces retake Ramouseh"}]
)
def test_a_box_is_drawn_again_when_what_it_shows_changes(monkeypatch, change) -> None:
    overlays._box_images.clear()
    drawn(shown(), True, monkeypatch)
    changed = shown(**change)
    kept = drawn(changed, True, monkeypatch)
    in_place = drawn(changed, False, monkeypatch)
    assert np.abs(kept - in_place).max() <= TOLERANCE
    before = drawn(shown(), False, monkeypatch)
    box = chrome(RECT, changed, 25.0, None)
    rows, columns = box_pixels(box.banner if "date" in change else box.caption)
    assert np.abs(kept[rows, columns] - before[rows, columns]).max() > 100  # new text shows


def test_a_scaled_painter_draws_the_boxes_in_place(monkeypatch) -> None:
    overlays._box_images.clear()
    kept = drawn(shown(), True, monkeypatch, scale=0.5)
    assert not overlays._box_images
    assert np.array_equal(kept, drawn(shown(), False, monkeypatch, scale=0.5))


def test_a_pdf_keeps_the_boxes_as_text(monkeypatch, tmp_path) -> None:
    """A vector device draws the boxes in place (its text stays text), not from pictures."""
    from PySide6.QtGui import QPdfWriter

    overlays._box_images.clear()
    monkeypatch.setattr(overlays, "CACHE_BOXES", True)
    writer = QPdfWriter(str(tmp_path / "boxes.pdf"))
    painter = QPainter(writer)
    paint_overlays(painter, RECT, shown(), 25.0)
    painter.end()
    assert not overlays._box_images


def test_panels_copied_into_their_pictures_give_the_pixels_of_blending_them(monkeypatch) -> None:
    """A box's picture is transparent when its panel is drawn: the panel is copied in (Qt's
    raster engine blends a translucent fill of many spans on its thread pool), the same pixels."""
    overlays._box_images.clear()
    copied = drawn(shown(), True, monkeypatch)

    def blended(painter: QPainter, rect: QRectF, theme) -> None:
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceOver)
        painter.fillRect(rect, theme.panel)

    monkeypatch.setattr(overlays, "_panel", blended)
    overlays._box_images.clear()
    assert np.array_equal(drawn(shown(), True, monkeypatch), copied)
    overlays._box_images.clear()
