"""Cartography: heritage points grouped at city scale and single when zoomed in; the Citadel, the
gates and the Queiq labelled, the river drawn as water; one label per place, none cut at the edge."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QColor, QImage, QPainter, Qt

from aleppo_desktop.render.basemap import DETAIL_SCALE, WATER, cluster_points
from aleppo_desktop.render.labels import LABEL_SHIFT_PX, place_key
from aleppo_desktop.render.offscreen import default_view
from aleppo_desktop.render.scene import MapScene
from aleppo_desktop.render.shapes import fit_rect, view_transform

SIZE = QSize(1280, 720)


def city_view(scene: MapScene):
    return view_transform(fit_rect(default_view(scene), SIZE), SIZE)


def old_city_view(scene: MapScene, half_width_m: float = 1400):
    citadel = next(
        f.geometry for f in scene.scenario.basemap("landmarks").features if f.kind == "citadel"
    )
    rect = QRectF(citadel.x - half_width_m, -citadel.y - half_width_m * 0.6, 2 * half_width_m,
                  1.2 * half_width_m)  # fmt: skip
    return view_transform(fit_rect(rect, SIZE), SIZE)


def test_cluster_points_groups_near_points_and_counts_them() -> None:
    import numpy as np

    xy = np.array([[0, 0], [5, 5], [10, 0], [200, 200], [205, 198], [500, 0]], dtype=float)
    groups = sorted(cluster_points(xy, 40), key=lambda g: g[0])
    assert [g[2] for g in groups] == [3, 2, 1]
    assert groups[0][:2] == pytest.approx((5.0, 5 / 3))


def test_heritage_grouped_at_city_scale_single_when_zoomed(scene: MapScene) -> None:
    landmarks = scene.layer("landmarks")
    n = len(landmarks.groupable)
    assert n > 150  # the heritage points; the Citadel and the seven gates are kept apart
    assert len(landmarks.key_points) == 8
    city = landmarks.groups(city_view(scene))
    assert sum(g[2] for g in city) == n and len(city) < n / 4
    assert max(g[2] for g in city) > 20  # the Old City is a disc with a number, not 100 dots
    zoomed = old_city_view(scene)
    assert abs(zoomed.m11()) >= DETAIL_SCALE
    assert all(g[2] == 1 for g in landmarks.groups(zoomed))


def placed_names(scene: MapScene, transform) -> list[tuple[str, QRectF]]:
    layout = scene.label_layout(transform, QRectF(0, 0, SIZE.width(), SIZE.height()))
    result = []
    for i, centre in layout:
        label = scene.labels.labels[i]
        rect = scene.labels.glyphs(i, scene.theme).rect.translated(centre)
        result.append((label.en, rect))
    return result


@pytest.mark.parametrize("view", ["city", "old city"])
def test_one_label_per_place_and_none_cut_at_the_edge(scene: MapScene, view: str) -> None:
    transform = city_view(scene) if view == "city" else old_city_view(scene)
    placed = placed_names(scene, transform)
    frame = QRectF(0, 0, SIZE.width(), SIZE.height())
    assert all(frame.contains(rect) for _, rect in placed)
    keys = [place_key(name) for name, _ in placed]
    assert len(keys) == len(set(keys))
    names = [name for name, _ in placed]
    if view == "city":
        assert "Queiq river" in names and sum("Citadel" in n for n in names) == 1
    else:  # "Bab Nasr", not "Bab Nasr, City Gate"
        full = {f.name_en for f in scene.scenario.basemap("landmarks").features if f.kind == "gate"}
        assert len({name.split(",")[0] for name in full} & set(names)) >= 5
        assert not full & set(names)


def test_place_key_matches_the_same_place() -> None:
    assert place_key("Citadel") == place_key("Aleppo Citadel") == "citadel"
    assert place_key("Bab Nasr, City Gate") == place_key("bab  nasr")
    assert place_key("Sheikh Said") != place_key("Sheikh Saeed")


def test_the_river_is_drawn_as_water(scene: MapScene) -> None:
    """Blue, several pixels wide, where the schematic river runs (not a dashed dark road)."""
    import shapely

    image = QImage(SIZE, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    transform = city_view(scene)
    painter.setTransform(transform)
    scene.layer("schematic").paint(painter, scene.theme)
    painter.end()
    river = next(f for f in scene.scenario.basemap("schematic").features if f.kind == "river")
    point = shapely.line_interpolate_point(river.geometry, 0.5, normalized=True)
    centre = transform.map(QRectF(point.x, -point.y, 0, 0).topLeft())
    blue = [
        x
        for x in range(round(centre.x()) - 10, round(centre.x()) + 11)
        if _near(image.pixelColor(x, round(centre.y())), WATER)
    ]
    assert len(blue) >= 3  # wider than a road's line


def _near(colour: QColor, water: QColor) -> bool:
    # WATER is drawn with alpha over white: compare with the blend
    a = water.alphaF()
    target = [round(c * a + 255 * (1 - a)) for c in (water.red(), water.green(), water.blue())]
    got = (colour.red(), colour.green(), colour.blue())
    return max(abs(g - t) for g, t in zip(got, target, strict=True)) < 30


def test_labels_keep_off_the_landmark_discs(scene: MapScene) -> None:
    """At city scale no name is printed over a disc's number: the Citadel's name moves just off
    the Old City's disc (beside its point) instead of covering it."""
    transform = city_view(scene)
    discs = scene.layer("landmarks").marker_rects(transform)
    assert len(discs) >= 3
    placed = placed_names(scene, transform)
    for name, rect in placed:
        assert not any(rect.intersects(disc) for disc in discs), name
    citadel = next(rect for name, rect in placed if "Citadel" in name)
    point = scene.layer("landmarks").key_points
    anchors = [transform.map(point.at(k)) for k in range(point.size())]
    assert any(
        abs(citadel.center().x() - a.x()) <= LABEL_SHIFT_PX + citadel.width() / 2
        and abs(citadel.center().y() - a.y()) <= LABEL_SHIFT_PX
        for a in anchors
    )


@pytest.mark.parametrize("size", [(1030, 610), (900, 630), (1280, 720), (720, 480), (1920, 1080)])
def test_the_citadel_is_always_named(scene: MapScene, size: tuple[int, int]) -> None:
    """Off the discs where there is room, else on its own point over them (its point is in the
    Old City's disc): never left out at city scale, whatever the window's map size."""
    w, h = size
    transform = view_transform(fit_rect(default_view(scene), QSize(w, h)), QSize(w, h))
    layout = scene.label_layout(transform, QRectF(0, 0, w, h))
    assert any("Citadel" in scene.labels.labels[i].en for i, _ in layout)


def _dots(scene: MapScene, transform) -> list[tuple[float, float, float]]:
    """(x, y, radius) in device pixels of every landmark dot the shown layers draw in this view
    (lone heritage points, the Citadel and gates, schematic points), rims included."""
    dots = []
    for layer_id in scene.shown_layers():
        layer = scene.layer(layer_id)
        if layer.damage:
            continue
        polygons = [(layer.schematic_points, 4.0)]
        if len(layer.groupable) and abs(transform.m11()) < DETAIL_SCALE:
            dots += [(x, y, 4.75) for x, y, n in layer.groups(transform) if n == 1]
            polygons.append((layer.key_points, 3.5))
        else:
            polygons.append((layer.surveyed_points, 4.75))
        for polygon, radius in polygons:
            for k in range(polygon.size()):
                p = transform.map(polygon.at(k))
                dots.append((p.x(), p.y(), radius))
    return dots


@pytest.mark.parametrize("size", [(1280, 720), (1366, 768), (1920, 1080)])
def test_labels_keep_off_the_landmark_dots(scene: MapScene, size: tuple[int, int]) -> None:
    """No name is printed across a landmark's dot ("Sheikh Najjar" sat across one in the 15 Dec
    video): a label moves beside the dot, as it does off a disc; only a landmark's own name may
    sit on its point (over the markers there) when there is no room round it."""
    w, h = size
    transform = view_transform(fit_rect(default_view(scene), QSize(w, h)), QSize(w, h))
    dots = _dots(scene, transform)
    assert len(dots) > 20
    placed = scene.label_layout(transform, QRectF(0, 0, w, h))
    names = []
    for i, centre in placed:
        label = scene.labels.labels[i]
        rect = scene.labels.glyphs(i, scene.theme).rect.translated(centre)
        names.append(label.en)
        if label.landmark and any(
            abs(centre.x() - x) < 1 and abs(centre.y() - y) < 1 for x, y, _ in dots
        ):
            continue  # on its own point: no room round it
        for x, y, r in dots:
            assert not rect.intersects(QRectF(x - r, y - r, 2 * r, 2 * r)), (label.en, (x, y))
    assert "Sheikh Najjar" in names


def test_a_landmark_name_sits_beside_its_dot(scene: MapScene) -> None:
    """Zoomed in on the Old City every heritage point is a dot: the gates' names stand beside
    their dots, not over them."""
    transform = old_city_view(scene)
    dots = _dots(scene, transform)
    placed = scene.label_layout(transform, QRectF(0, 0, SIZE.width(), SIZE.height()))
    gates = 0
    for i, centre in placed:
        if not scene.labels.labels[i].en.startswith("Bab "):
            continue
        rect = scene.labels.glyphs(i, scene.theme).rect.translated(centre)
        gates += not any(rect.intersects(QRectF(x - r, y - r, 2 * r, 2 * r)) for x, y, r in dots)
    assert gates >= 5
