"""A split or merge keeps the map scene: the units the edit kept keep their paths and labels, and a
static picture is repainted only around the edited units and the labels that came or went, to the
same pixels as a full repaint."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QImage, QPainter

from aleppo_desktop.core.editing import (
    Document,
    MergeAreas,
    NewArea,
    SplitArea,
    apply_edit,
    open_document,
)
from aleppo_desktop.render.scene import MapScene, StaticPainted
from aleppo_desktop.render.shapes import fit_rect, view_transform

SIZE = QSize(800, 600)


@pytest.fixture
def document(tmp_path: Path) -> Document:
    from tests.conftest import grid_areas, write_scenario

    areas = grid_areas()
    for feature in areas["features"]:
        ring = feature["geometry"]["coordinates"][0]
        feature["geometry"]["coordinates"][0] = [[round(x, 6), round(y, 6)] for x, y in ring]
    return open_document(write_scenario(tmp_path / "grid", areas=areas))


def split(document: Document, k: int) -> Document:
    unit = document.areas[k]
    xmin, ymin, xmax, ymax = unit.geometry.bounds
    x = (xmin + xmax) / 2
    line = ((x, ymin - 0.001), (x, ymax + 0.001))
    parts = (NewArea(f"{unit.id}-w", "West part"), NewArea(f"{unit.id}-e", "East part"))
    return apply_edit(document, SplitArea(unit.id, line, parts, "test"), "A", "test")


def static(
    scene: MapScene, image: QImage | None = None, since: StaticPainted | None = None
) -> tuple[QImage, StaticPainted]:
    """The scene's static picture of the whole map: painted in full on a new image, or refreshed
    on `image` (which shows `since`)."""
    target = QRectF(0, 0, SIZE.width(), SIZE.height())
    transform = view_transform(fit_rect(scene.extent_rect, SIZE), SIZE)
    if image is None:
        image = QImage(SIZE, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painted = scene.refresh_static(painter, transform, target, (), since)
    painter.end()
    return image, painted


def test_a_split_and_a_merge_repaint_only_where_the_units_changed(
    document: Document, monkeypatch
) -> None:
    scene = MapScene(document.scenario)
    kept_path = scene.area_paths[0]
    image, painted = static(scene)
    before = image.copy()
    clips: list[QRectF | None] = []
    paint_static = scene.paint_static

    def spy(painter, transform, target, obstacles=(), clip=None, labels=True):
        clips.append(clip)
        paint_static(painter, transform, target, obstacles, clip, labels)

    monkeypatch.setattr(scene, "paint_static", spy)
    edited = split(document, 5)  # a-11, inside the grid
    scene.show_scenario(edited.scenario)
    assert scene.areas_version == 1
    assert scene.area_paths[0] is kept_path  # a kept unit keeps its path
    assert len(scene.area_paths) == len(edited.scenario.areas)
    image, painted = static(scene, image, painted)
    (clip,) = clips
    assert clip is not None and clip.width() * clip.height() < 0.25 * SIZE.width() * SIZE.height()
    assert image != before  # the cut's outline and the parts' labels
    fresh, _ = static(MapScene(edited.scenario))
    assert image == fresh  # the same pixels as a full repaint

    merged = apply_edit(
        edited,
        MergeAreas(("a-11-w", "a-11-e"), NewArea("a-11", "Cell 11"), "test"),
        "A",
        "test",
    )
    scene.show_scenario(merged.scenario)
    image, painted = static(scene, image, painted)
    assert clips[-1] is not None
    assert image == static(MapScene(merged.scenario))[0]


def test_a_picture_of_another_scene_or_version_is_repainted_in_full(document: Document) -> None:
    scene = MapScene(document.scenario)
    _, painted = static(scene)
    other = MapScene(document.scenario)
    assert other.areas_edited(painted.areas_version) == QRectF()  # nothing edited since
    image, _ = static(other, None, painted)  # another scene's picture: painted in full
    assert image == static(scene)[0]
    assert scene.areas_edited(5) is None  # a version this scene never had
