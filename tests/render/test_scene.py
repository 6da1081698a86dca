"""The render layer draws the frame it is given: fills per style at known pixels, patterns for claimed
and contested ground, highlights, labels without overlaps, and no shared state between pictures."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
import shapely
from PySide6.QtCore import QPointF, QRectF, QSize
from PySide6.QtGui import QColor, QImage

from aleppo_desktop.core.geometry import to_map
from aleppo_desktop.core.loading import load_scenario
from aleppo_desktop.render.offscreen import default_view, render_map_image
from aleppo_desktop.render.scene import MapScene
from aleppo_desktop.render.shapes import fit_rect, view_transform
from aleppo_desktop.render.theme import lighter
from tests.conftest import LAT0, LON0, STEP, jul
from tests.render.conftest import NO_OVERLAYS

SIZE = QSize(640, 480)


@pytest.fixture
def scene(grid_path: Path) -> MapScene:
    scene = MapScene(load_scenario(grid_path))
    scene.set_labels_enabled(False)
    return scene


def cell_centre(r: int, c: int) -> tuple[float, float]:

    return LON0 + (c + 0.5) * STEP, LAT0 + (r + 0.5) * STEP


def picture(scene: MapScene, t: float, **kw) -> tuple[QImage, object]:
    image = render_map_image(scene, scene.scenario.frame_at(t), SIZE, None, NO_OVERLAYS, **kw)
    transform = view_transform(fit_rect(default_view(scene), SIZE), SIZE)
    return image, transform


def pixels_around(image: QImage, transform, lonlat: tuple[float, float], half: int = 6) -> set[int]:
    p = to_map(shapely.Point(*lonlat))
    centre = transform.map(QPointF(p.x, -p.y))
    x0, y0 = round(centre.x()), round(centre.y())
    return {
        image.pixelColor(x, y).rgb() & 0xFFFFFF
        for x in range(x0 - half, x0 + half + 1)
        for y in range(y0 - half, y0 + half + 1)
    }


def rgb(colour: QColor) -> int:
    return colour.rgb() & 0xFFFFFF


def test_confirmed_ground_is_the_faction_colour(scene: MapScene) -> None:
    image, transform = picture(scene, jul(3))
    regime, rebel, ypg = (rgb(scene.colour_of(i)) for i in range(3))
    assert pixels_around(image, transform, cell_centre(0, 0)) == {regime}
    assert pixels_around(image, transform, cell_centre(1, 3)) == {rebel}
    assert pixels_around(image, transform, cell_centre(2, 3)) == {ypg}


def test_claimed_and_contested_ground_is_lighter_with_a_pattern(scene: MapScene) -> None:
    image, transform = picture(scene, jul(16))  # a-22 claimed regime, a-03 contested regime
    regime = scene.colour_of(0)
    for cell in ((2, 2), (0, 3)):
        seen = pixels_around(image, transform, cell_centre(*cell))
        assert seen == {rgb(lighter(regime)), rgb(regime.darker(115))}
    assert pixels_around(image, transform, cell_centre(0, 0)) == {rgb(regime)}


def test_the_palette_changes_the_fills(scene: MapScene) -> None:
    scene.set_palette("cb")
    image, transform = picture(scene, jul(3))
    assert pixels_around(image, transform, cell_centre(0, 0)) == {rgb(QColor("#D55E00"))}


def test_a_picture_depends_only_on_its_frame(scene: MapScene) -> None:
    first, _ = picture(scene, jul(3))
    picture(scene, jul(19))
    again, _ = picture(scene, jul(3))
    assert first == again
    later, _ = picture(scene, jul(19))
    assert later != first


def test_pictures_drawn_on_another_thread_are_the_same(scene: MapScene, grid_path: Path) -> None:
    """An export renders on its own thread with its own scene while the window keeps drawing."""
    other = MapScene(scene.scenario)
    other.copy_look(scene)
    results: dict[str, QImage] = {}
    worker = threading.Thread(target=lambda: results.update(image=picture(other, jul(11))[0]))
    worker.start()
    here, _ = picture(scene, jul(11))
    worker.join(30)
    assert results["image"] == here


def test_the_highlight_rings_the_event_area(scene: MapScene) -> None:
    event = next(e for e in scene.scenario.events if e.location and e.location.areas)
    path = scene.highlight_path(event)
    assert not path.isEmpty()
    image, transform = picture(scene, jul(3), highlight=path)
    corner = path.boundingRect().topLeft()
    mapped = transform.map(corner)
    near = {
        image.pixelColor(round(mapped.x()) + dx, round(mapped.y()) + dy).rgb() & 0xFFFFFF
        for dx in range(-2, 3)
        for dy in range(-2, 3)
    }
    assert rgb(scene.theme.highlight) in near
    assert scene.highlight_path(None).isEmpty()


def test_area_at_finds_the_cell_under_a_point(scene: MapScene) -> None:
    p = to_map(shapely.Point(*cell_centre(1, 2)))
    index = scene.area_at(QPointF(p.x, -p.y))
    assert index is not None and scene.scenario.areas[index].id == "a-12"
    assert scene.area_at(QPointF(p.x + 1e6, -p.y)) is None


def test_labels_fit_without_overlapping_and_follow_the_switch(scene: MapScene) -> None:
    scene.set_labels_enabled(True)
    size = QSize(1200, 900)
    transform = view_transform(fit_rect(default_view(scene), size), size)
    viewport = QRectF(0, 0, size.width(), size.height())
    layout = scene.label_layout(transform, viewport)
    assert len(layout) == len(scene.scenario.areas)  # 12 big cells, room for every name
    rects = [scene.labels.glyphs(i, scene.theme).rect.translated(c) for i, c in layout]
    for i, a in enumerate(rects):
        for b in rects[i + 1 :]:
            assert not a.intersects(b)
    small = QSize(160, 120)
    crowded = view_transform(fit_rect(default_view(scene), small), small)
    assert len(scene.label_layout(crowded, QRectF(0, 0, 160, 120))) < len(layout)
    scene.set_labels_enabled(False)
    assert scene.label_layout(transform, viewport) == ()


def test_the_look_announces_changes(scene: MapScene) -> None:
    seen: list[int] = []
    scene.changed.connect(lambda: seen.append(scene.version))
    scene.set_palette("cb")
    scene.set_palette("cb")  # unchanged: no signal
    scene.set_labels_enabled(True)
    assert seen == [seen[0], seen[0] + 1]
