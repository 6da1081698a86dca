"""Place labels and the legend in the language spoken: Arabic names with the app in Arabic (the
English where a place has none), English names in English; the exports draw the same."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QRectF, QSize

from aleppo_desktop import translations
from aleppo_desktop.core.loading import load_scenario
from aleppo_desktop.export.render import ExportRenderer
from aleppo_desktop.render.offscreen import default_view
from aleppo_desktop.render.overlays import legend_rows, overlays_for
from aleppo_desktop.render.scene import MapScene
from aleppo_desktop.render.shapes import fit_rect, view_transform
from tests.conftest import grid_areas

ARABIC = re.compile(r"[\u0600-\u06ff]")
SIZE = QSize(1200, 900)


@pytest.fixture
def arabic() -> Iterator[None]:
    translations.use_language("ar")
    yield
    translations.use_language("en")


@pytest.fixture
def scene(make_scenario) -> MapScene:
    """The grid with one area unit left without an Arabic name."""
    areas = grid_areas()
    areas["features"][0]["properties"]["name_ar"] = ""
    return MapScene(load_scenario(make_scenario(areas=areas)))


def shown_names(scene: MapScene) -> dict[str, list[str]]:
    """The lines each placed area label draws, by the label's English name."""
    transform = view_transform(fit_rect(default_view(scene), SIZE), SIZE)
    layout = scene.label_layout(transform, QRectF(0, 0, SIZE.width(), SIZE.height()))
    assert layout
    return {scene.labels.labels[i].en: scene.labels.glyphs(i, scene.theme).lines for i, _ in layout}


def test_place_labels_are_arabic_in_arabic_falling_back_per_name(scene, arabic) -> None:
    areas = scene.scenario.areas
    shown = shown_names(scene)
    assert shown[areas[0].name_en] == [areas[0].name_en]  # no Arabic name: the English
    for area in areas[1:]:
        if area.name_en in shown:
            assert shown[area.name_en] == [area.name_ar]
            assert ARABIC.search(area.name_ar)


def test_place_labels_are_english_in_english(scene) -> None:
    for english, lines in shown_names(scene).items():
        assert lines == [english]


def test_the_legend_names_factions_in_the_language(scene, arabic) -> None:
    factions = scene.scenario.factions
    rows = [text for text, _ in legend_rows(overlays_for(scene, scene.scenario.start))]
    assert rows[: len(factions)] == [f.name_ar for f in factions]
    # the other rows through the catalogue, as every export words them
    assert translations.translate("overlays", "front line") in rows
    assert all(ARABIC.search(text) for text in rows if text)


def test_the_english_legend_has_no_arabic(scene) -> None:
    rows = [text for text, _ in legend_rows(overlays_for(scene, scene.scenario.start))]
    assert rows[0] == scene.scenario.factions[0].name_en
    assert not any(ARABIC.search(text) for text in rows)


def test_an_export_draws_the_arabic_names(scene, arabic) -> None:
    """The export renderer's own scene (video frames, PNG, the handout's maps) lays out the same
    Arabic labels, and its picture differs from the English one only by the words."""
    renderer = ExportRenderer(scene.scenario)
    shown = shown_names(renderer.scene)
    assert any(lines and ARABIC.search(lines[0]) for lines in shown.values())
    arabic_picture = renderer.render(scene.scenario.start, QSize(640, 480))
    translations.use_language("en")
    english_picture = ExportRenderer(scene.scenario).render(scene.scenario.start, QSize(640, 480))
    assert arabic_picture.size() == english_picture.size()
    assert arabic_picture != english_picture


def test_the_legend_is_mirrored_right_to_left(scene, arabic) -> None:
    """In Arabic each row's swatch is on the right and its text ends at it; in English the left."""
    from aleppo_desktop.render.overlays import _legend_image

    def swatch_side(image) -> str:
        colour = scene.colour_of(0).rgb()
        row = [
            x
            for y in range(image.height())
            for x in range(image.width())
            if image.pixelColor(x, y).rgb() == colour
        ]
        assert row, "the first faction's swatch is drawn"
        return "right" if min(row) > image.width() / 2 else "left"

    overlays = overlays_for(scene, scene.scenario.start)
    assert swatch_side(_legend_image(overlays)) == "right"
    translations.use_language("en")
    assert swatch_side(_legend_image(overlays_for(scene, scene.scenario.start))) == "left"
