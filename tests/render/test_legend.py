"""The legend: complete, compact, placed off the ground that changes in the chapter, in any corner
or where it is dragged, the same in an export as on screen."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QRectF, QSize, QSizeF
from PySide6.QtGui import QImage, QPainter, Qt

from aleppo_desktop.core.timeline import day_number
from aleppo_desktop.render.offscreen import default_view
from aleppo_desktop.render.overlays import (
    LEGEND_PLACES,
    MapOverlays,
    covered_m2,
    fitted_legend,
    legend_corners,
    legend_rect,
    legend_rows,
    overlays_for,
    paint_overlays,
)
from aleppo_desktop.render.scene import MapScene
from aleppo_desktop.render.shapes import fit_rect, view_transform

SIZE = QSize(960, 540)
RECT = QRectF(0, 0, SIZE.width(), SIZE.height())


def at(day: str) -> float:
    return day_number(date.fromisoformat(day))


def view(scene: MapScene):
    return view_transform(fit_rect(default_view(scene), SIZE), SIZE)


def corners_of(overlays: MapOverlays, transform) -> dict[str, QRectF]:
    image_rect = legend_rect(RECT, replace(overlays, legend_place="bottom-left"), 1.0, transform)
    assert image_rect is not None
    return legend_corners(RECT, overlays, 1 / transform.m11(), transform, image_rect.size())


@pytest.mark.parametrize("day", ["2016-08-09", "2016-12-06", "2016-12-13"])
def test_the_default_place_covers_least_of_the_chapters_changes(scene: MapScene, day: str) -> None:
    transform = view(scene)
    overlays = overlays_for(scene, at(day))
    assert overlays.avoid is not None and overlays.legend_place == "auto"
    chosen = legend_rect(RECT, overlays, 1 / transform.m11(), transform)
    covered = {
        k: covered_m2(r, transform, overlays.avoid)
        for k, r in corners_of(overlays, transform).items()
    }
    assert covered_m2(chosen, transform, overlays.avoid) == min(covered.values())
    if day == "2016-08-09":
        # the August story (Ramouseh, the academies, the 1070 project) is in the south-west: the
        # old bottom-left legend sat on it
        assert covered["bottom-left"] > 5e6 and covered_m2(chosen, transform, overlays.avoid) < 1e5


def test_a_chosen_corner_or_a_dragged_place_is_kept(scene: MapScene) -> None:
    transform = view(scene)
    overlays = overlays_for(scene, at("2016-08-09"))
    corners = corners_of(overlays, transform)
    for place in LEGEND_PLACES[1:]:
        box = legend_rect(RECT, replace(overlays, legend_place=place), 1.0, transform)
        assert box == corners[place]
        assert RECT.contains(box)
    dragged = legend_rect(RECT, replace(overlays, legend_at=(0.5, 0.25)), 1.0, transform)
    assert (dragged.left(), dragged.top()) == (480, 135)
    # dragged past the edge it stays whole on the picture
    edge = legend_rect(RECT, replace(overlays, legend_at=(0.99, 0.99)), 1.0, transform)
    assert RECT.contains(edge)
    assert legend_rect(RECT, replace(overlays, show_legend=False), 1.0, transform) is None


def test_the_legend_is_complete(scene: MapScene) -> None:
    overlays = overlays_for(scene, at("2016-08-09"))
    kinds = [what if isinstance(what, str) else "faction" for _, what in legend_rows(overlays)]
    assert kinds.count("faction") == 3
    assert "styles" in kinds and "front" in kinds  # confirmed / claimed / contested; front line
    texts = [text for text, _ in legend_rows(overlays)]
    assert "damage" not in kinds and "river" in texts and "schematic (not surveyed)" in texts
    scene.set_layer_visible("damage", True)
    with_damage = overlays_for(scene, at("2016-08-09"))
    assert ("Damage, spring 2015 (UNOSAT)", "damage") in legend_rows(with_damage)
    # the compact legend (presentation) has the same rows
    compact = replace(with_damage, compact_legend=True)
    assert legend_rows(compact) == legend_rows(with_damage)


def test_the_legend_stays_small_in_a_small_picture(scene: MapScene) -> None:
    overlays = overlays_for(scene, at("2016-08-09"))
    transform = view(scene)
    box = legend_rect(RECT, overlays, 1 / transform.m11(), transform)
    assert box.width() * box.height() < 0.12 * RECT.width() * RECT.height()
    small = QRectF(0, 0, 640, 360)  # a small GIF
    assert fitted_legend(small, overlays).compact_legend  # the full one would take over 40%
    big = QRectF(0, 0, 1920, 1080)
    assert not fitted_legend(big, overlays).compact_legend


def test_a_collapsed_legend_is_a_small_tab(scene: MapScene) -> None:
    overlays = overlays_for(scene, at("2016-08-09"))
    transform = view(scene)
    full = legend_rect(RECT, replace(overlays, legend_place="top-left"), 1.0, transform)
    tab = legend_rect(
        RECT, replace(overlays, legend_place="top-left", legend_collapsed=True), 1.0, transform
    )
    assert tab.topLeft() == full.topLeft() and tab.height() < full.height() / 4


def painted(overlays: MapOverlays, transform) -> QImage:
    image = QImage(SIZE, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    paint_overlays(painter, RECT, overlays, 1 / transform.m11(), transform)
    painter.end()
    return image


def test_the_export_draws_the_windows_legend(scene: MapScene, tmp_path: Path) -> None:
    """An export made like the window's scene puts the same legend in the same place."""
    from aleppo_desktop.export.render import ExportRenderer

    scene.legend_style.place = "top-right"
    scene.legend_style.at = (0.3, 0.4)  # dragged
    renderer = ExportRenderer(scene.scenario)
    renderer.scene.copy_look(scene)
    t = at("2016-12-06")
    mine = overlays_for(scene, t)
    theirs = renderer.overlays(t, None, SIZE.height())
    transform = view(scene)
    a = legend_rect(RECT, mine, 1 / transform.m11(), transform)
    b = legend_rect(RECT, theirs, 1 / transform.m11(), transform)
    assert a == b and (a.left(), a.top()) == (288, 216)
    ia = painted(mine, transform).copy(a.toRect())
    ib = painted(theirs, transform).copy(b.toRect())
    assert ia == ib
    scene.legend_style.shown = False
    renderer.scene.copy_look(scene)
    assert legend_rect(RECT, renderer.overlays(t, None, SIZE.height()), 1.0, transform) is None


def test_the_inset_shows_only_when_zoomed_in(scene: MapScene) -> None:
    from aleppo_desktop.render.overlays import chrome

    overlays = overlays_for(scene, at("2016-12-06"))
    city = view(scene)
    assert chrome(RECT, overlays, 1 / city.m11(), city).inset.isEmpty()
    centre = scene.city_rect.center()
    zoomed = view_transform(
        fit_rect(QRectF(centre.x() - 1500, centre.y() - 1000, 3000, 2000), SIZE), SIZE
    )
    inset = chrome(RECT, overlays, 1 / zoomed.m11(), zoomed).inset
    assert not inset.isEmpty() and RECT.contains(inset)
    assert chrome(RECT, replace(overlays, show_inset=False), 1.0, zoomed).inset.isEmpty()
    # the legend's top-right place moves below the inset
    size = QSizeF(100, 50)
    corners = legend_corners(RECT, overlays, 1 / zoomed.m11(), zoomed, size)
    assert corners["top-right"].top() > inset.bottom()


PRESENTING = QSize(1280, 720)


@pytest.mark.parametrize(
    ("size", "compact"),
    [
        (PRESENTING, True),  # presentation mode on a 1280x720 projector
        (QSize(720, 480), True),  # the window's map at 1280x720, the Layers dock shown
        (QSize(720, 480), False),
        (QSize(960, 540), False),  # a GIF
    ],
)
def test_the_legend_never_lands_on_the_caption_or_the_date(
    scene: MapScene, size: QSize, compact: bool
) -> None:
    """For every event's caption, in the default place and in each corner, the legend keeps off
    the caption box and the date banner (a top corner moves below them)."""
    from aleppo_desktop.core.story import caption_of
    from aleppo_desktop.render.overlays import chrome

    rect = QRectF(0, 0, size.width(), size.height())
    transform = view_transform(fit_rect(default_view(scene), size), size)
    scenario = scene.scenario
    for index, event in enumerate(scenario.events):
        t = day_number(event.date.start)
        overlays = overlays_for(scene, t, caption_of(scenario, index))
        overlays.compact_legend = compact
        boxes = chrome(rect, overlays, 1 / transform.m11(), transform)
        assert not boxes.caption.isEmpty() and not boxes.banner.isEmpty()
        for place in LEGEND_PLACES:
            legend = legend_rect(rect, replace(overlays, legend_place=place), 1.0, transform)
            assert legend is not None
            assert not legend.intersects(boxes.caption), (event.id, place)
            assert not legend.intersects(boxes.banner), (event.id, place)
            assert rect.contains(legend), (event.id, place)


def test_labels_keep_out_of_the_boxes_over_the_map(scene: MapScene) -> None:
    """The map's labels are laid out around the legend, caption, date, title, inset, scale bar
    and north arrow (`overlay_boxes`), in the window and in exports alike."""
    from aleppo_desktop.core.story import caption_of
    from aleppo_desktop.render.overlays import overlay_boxes

    scenario = scene.scenario
    rect = QRectF(0, 0, PRESENTING.width(), PRESENTING.height())
    transform = view_transform(fit_rect(default_view(scene), PRESENTING), PRESENTING)
    index = next(i for i, e in enumerate(scenario.events) if e.date.start == date(2016, 12, 13))
    overlays = overlays_for(scene, at("2016-12-13"), caption_of(scenario, index))
    boxes = overlay_boxes(rect, overlays, 1 / transform.m11(), transform)
    assert len(boxes) >= 5
    free = scene.label_layout(transform, rect)
    around = scene.label_layout(transform, rect, boxes)
    assert len(around) < len(free)
    for i, centre in around:
        label = scene.labels.glyphs(i, scene.theme).rect.translated(centre)
        assert not any(label.intersects(box) for box in boxes), scene.labels.labels[i].en
