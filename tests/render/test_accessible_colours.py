"""The map's colours for every reader: text contrast against its halo, and factions that stay apart
with protanopia, deuteranopia and tritanopia (core.colour_vision; thresholds stated below)."""

from __future__ import annotations

import itertools

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPainter

from aleppo_desktop.core.colour_vision import (
    DEFICIENCIES,
    colour_difference,
    contrast_ratio,
    delta_e_2000,
    over,
    simulate,
)
from aleppo_desktop.core.model import STYLES
from aleppo_desktop.render.scene import MapScene
from aleppo_desktop.render.theme import HIGH_CONTRAST, STANDARD, Theme

TEXT_CONTRAST = 4.5
"""WCAG 2 AA for body text: map labels against their halo."""
FACTION_DELTA_E = 10.0
"""CIEDE2000 between two factions' fills of the same texture (both solid, both hatched...) as seen
with each deficiency, colour-blind palette: 10 is far past a just-noticeable difference (~1-2) and
reads as another colour at a glance, as categorical map palettes are usually judged."""
FACTION_DELTA_E_ACROSS_TEXTURES = 8.0
"""The same where the two fills differ in texture as well (solid beside hatched), which tells them
apart on its own."""


def _rgb(colour: QColor) -> tuple[int, int, int]:
    return (colour.red(), colour.green(), colour.blue())


def _darkest_under_a_label(aleppo, theme: Theme) -> list[tuple[int, int, int]]:
    """Everything a label's halo may sit on: the background, the basemap and outlines, the front
    line and every faction's fill in either palette."""
    under = [_rgb(c) for c in (theme.background, theme.basemap, theme.front, theme.outline)]
    for faction in aleppo.factions:
        under += [_rgb(QColor(faction.colour)), _rgb(QColor(faction.colour_cb))]
    return under


@pytest.mark.parametrize("theme", [STANDARD, HIGH_CONTRAST], ids=lambda t: t.name)
def test_map_text_meets_4_5_to_1_against_its_halo_on_anything(aleppo, theme):
    halo = theme.label_halo
    for text in (theme.label, theme.landmark_label):
        for ground in _darkest_under_a_label(aleppo, theme):
            behind = over(_rgb(halo), halo.alphaF(), ground)
            ratio = contrast_ratio(_rgb(text), behind)
            assert ratio >= TEXT_CONTRAST, (theme.name, text.name(), ground, round(ratio, 2))


@pytest.mark.parametrize("theme", [STANDARD, HIGH_CONTRAST], ids=lambda t: t.name)
def test_overlay_panel_text_meets_4_5_to_1(aleppo, theme):
    for ground in [*_darkest_under_a_label(aleppo, theme), (255, 255, 255), (0, 0, 0)]:
        behind = over(_rgb(theme.panel), theme.panel.alphaF(), ground)
        assert contrast_ratio(_rgb(theme.panel_text), behind) >= TEXT_CONTRAST, (theme.name, ground)


def _seen_fill(scene: MapScene, faction: int, style: int) -> tuple[float, float, float]:
    """The colour a fill reads as from a projector's distance: its ground with its hatch drawn on,
    averaged over a tile (in sRGB values, as the eye integrates a fine pattern)."""
    ground, pattern = scene.brushes[(faction, style)]
    image = QImage(64, 64, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    painter.fillRect(image.rect(), ground)
    if pattern is not None:
        painter.fillRect(image.rect(), pattern)
    painter.end()
    total = [0.0, 0.0, 0.0]
    for y in range(64):
        for x in range(64):
            c = image.pixelColor(x, y)
            total[0] += c.red()
            total[1] += c.green()
            total[2] += c.blue()
    n = 64 * 64
    return (total[0] / n, total[1] / n, total[2] / n)


def _fills(aleppo, palette: str) -> dict[tuple[int, str], tuple[float, float, float]]:
    scene = MapScene(aleppo)
    scene.set_palette(palette)
    return {
        (f, style): _seen_fill(scene, f, s)
        for f in range(len(aleppo.factions))
        for s, style in enumerate(STYLES)
    }


def _worst(fills, deficiency, same_texture: bool) -> tuple[float, tuple, tuple]:
    return min(
        (colour_difference(fills[a], fills[b], deficiency), a, b)
        for a, b in itertools.combinations(fills, 2)
        if a[0] != b[0] and (a[1] == b[1]) == same_texture  # one faction's styles differ by design
    )


@pytest.mark.parametrize("deficiency", DEFICIENCIES)
def test_colour_blind_palette_keeps_factions_apart(aleppo, deficiency):
    fills = _fills(aleppo, "cb")
    difference, a, b = _worst(fills, deficiency, same_texture=True)
    assert difference >= FACTION_DELTA_E, (a, b, round(difference, 1))
    difference, a, b = _worst(fills, deficiency, same_texture=False)
    assert difference >= FACTION_DELTA_E_ACROSS_TEXTURES, (a, b, round(difference, 1))


def test_the_standard_palette_is_why_there_is_a_colour_blind_one(aleppo):
    """The check can fail: the standard red and green fall below the threshold for protanopes."""
    difference, _, _ = _worst(_fills(aleppo, "standard"), "protanopia", same_texture=True)
    assert difference < FACTION_DELTA_E


def test_colour_science_matches_published_values():
    # Sharma, Wu & Dalal (2005), test data pairs 1, 8 and 17
    assert delta_e_2000((50, 2.6772, -79.7751), (50, 0, -82.7485)) == pytest.approx(
        2.0425, abs=1e-4
    )
    assert delta_e_2000((50, 0, 0), (50, -1, 2)) == pytest.approx(2.3669, abs=1e-4)
    assert delta_e_2000((50, 2.5, 0), (73, 25, -18)) == pytest.approx(27.1492, abs=1e-4)
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21)
    assert contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    # protanopes and deuteranopes lose red-green: pure red and green come out close; blue is kept
    red, green = simulate("#ff0000", "protanopia"), simulate("#00ff00", "protanopia")
    assert colour_difference(red, green) < colour_difference("#ff0000", "#00ff00") / 2
    assert simulate("#0000ff", "deuteranopia")[2] > 240
