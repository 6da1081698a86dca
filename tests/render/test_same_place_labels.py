"""A landmark and an area unit naming one place show one label between them ("Dahiyet al-Assad"
and "Dahiyet al-Assad and the 3000 apartments project" were drawn side by side); area units with
one head ("Tishreen (north)", "Tishreen (south)") keep a label each."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QTransform

from aleppo_desktop.render.labels import AREAS, LabelSet, MapLabel, place_head, place_key
from aleppo_desktop.render.scene import MapScene
from aleppo_desktop.render.theme import STANDARD


def head(name: str) -> str:
    return place_head(place_key(name))


def test_the_head_of_a_place_name() -> None:
    assert head("Dahiyet al-Assad and the 3000 apartments project") == head("Dahiyet al-Assad")
    assert head("Hill 400 (Police Hill)") == head("Hill 400")
    assert head("al-Kindi hospital") == head("Kindi hospital")
    assert head("Sheikh Najjar industrial city") != head("Sheikh Najjar")
    assert head("al-Sakhour roundabout") != head("as-Sakhour")


def shown(labels: LabelSet, scale: float) -> list[str]:
    layers = frozenset({AREAS, "schematic"})
    layout = labels.zoom_layout(QTransform(scale, 0, 0, -scale, 0, 0), layers, STANDARD)
    return sorted(labels.labels[i].en for i, _, _ in layout)


def test_a_landmark_inside_an_area_of_its_name_shows_one_label() -> None:
    labels = LabelSet()
    for label in (
        # an area unit (priority km², shown from 0.05 px/m) and the place point inside it
        MapLabel("Dahiyet al-Assad and the 3000 apartments project", "", QPointF(0, 0), 9.0,
                 0.05, AREAS, False),
        MapLabel("Dahiyet al-Assad", "ضاحية الأسد", QPointF(300, -500), 0.5, 0.0, "schematic",
                 True),
        # two area units of one head, side by side, and a landmark elsewhere
        MapLabel("Tishreen (north)", "", QPointF(0, -4000), 3.0, 0.05, AREAS, False),
        MapLabel("Tishreen (south)", "", QPointF(0, 4000), 3.0, 0.05, AREAS, False),
        MapLabel("Hill 400", "", QPointF(8000, 0), 0.5, 0.0, "schematic", True),
    ):  # fmt: skip
        labels.add(label)
    assert shown(labels, 0.1) == [
        "Dahiyet al-Assad and the 3000 apartments project",
        "Hill 400",
        "Tishreen (north)",
        "Tishreen (south)",
    ]
    # zoomed out the area unit's name does not fit: the landmark names the place
    assert shown(labels, 0.02) == ["Dahiyet al-Assad", "Hill 400"]


def test_the_bundled_map_never_names_a_place_twice(aleppo) -> None:
    """At every zoom from the whole map to a street view, no two labels shown (area units against
    landmarks) share a place head."""
    scene = MapScene(aleppo)
    for layer in scene.shown_layers():
        scene.layer(layer)
    layers = frozenset({AREAS, *scene.shown_layers()})
    rect: QRectF = scene.city_rect
    for k in (1920 / rect.width() * f for f in (0.5, 1, 2, 4, 8)):
        layout = scene.labels.zoom_layout(QTransform(k, 0, 0, k, 0, 0), layers, scene.theme)
        kinds: dict[str, set[bool]] = {}
        for i, _, _ in layout:
            label = scene.labels.labels[i]
            kinds.setdefault(head(label.en or label.ar), set()).add(label.landmark)
        assert not [h for h, flags in kinds.items() if len(flags) > 1], k
