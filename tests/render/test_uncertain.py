"""Ground taken within a window of days (format 2 `until`) is drawn in the uncertain style while the
window runs: the faction's colour lightened under a dot pattern, distinct from claimed and contested,
for both parts of the sweep; the legend names the style while it is on the map."""

from __future__ import annotations

from pathlib import Path

import pytest
import shapely
from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter

from aleppo_desktop.core.geometry import to_map
from aleppo_desktop.core.loading import load_scenario
from aleppo_desktop.core.model import CONFIDENCES, UNCERTAIN
from aleppo_desktop.render.offscreen import default_view, render_map_image
from aleppo_desktop.render.overlays import MapOverlays, overlays_for, paint_overlays
from aleppo_desktop.render.scene import MapScene
from aleppo_desktop.render.shapes import fit_rect, view_transform
from aleppo_desktop.render.theme import lighter
from tests.conftest import LAT0, LON0, STEP, jul, write_scenario
from tests.core.format2 import format2_scenario, window_rows
from tests.render.conftest import NO_OVERLAYS

SIZE = QSize(640, 480)
REGIME, REBEL = 0, 1


@pytest.fixture
def scene(tmp_path: Path) -> MapScene:
    """The format 2 grid: a-03 (top right but one, rebel) is taken by the regime, from a-02 on its
    west, at some time between 11 and 15 July (held from the 15th, contested)."""
    path = write_scenario(tmp_path / "grid2", format2_scenario(), control=window_rows())
    scene = MapScene(load_scenario(path))
    scene.set_labels_enabled(False)
    return scene


def patch(image: QImage, transform, lon: float, lat: float, half: int = 5) -> dict:
    """Colour per pixel of a small square around a lon/lat point."""
    p = to_map(shapely.Point(lon, lat))
    centre = transform.map(QPointF(p.x, -p.y))
    x0, y0 = round(centre.x()), round(centre.y())
    return {
        (x, y): image.pixelColor(x, y).rgb() & 0xFFFFFF
        for x in range(x0 - half, x0 + half + 1)
        for y in range(y0 - half, y0 + half + 1)
    }


def picture(scene: MapScene, t: float) -> tuple[QImage, object]:
    image = render_map_image(scene, scene.scenario.frame_at(t), SIZE, None, NO_OVERLAYS)
    return image, view_transform(fit_rect(default_view(scene), SIZE), SIZE)


def rgb(colour: QColor) -> int:
    return colour.rgb() & 0xFFFFFF


# a-03 spans LON0 + 3 STEP .. LON0 + 4 STEP; row 0 from LAT0
WEST, EAST, MID_LAT = LON0 + 3.15 * STEP, LON0 + 3.85 * STEP, LAT0 + 0.5 * STEP


def test_both_parts_of_a_window_sweep_are_uncertain(scene: MapScene) -> None:
    regime, rebel = scene.colour_of(REGIME), scene.colour_of(REBEL)
    image, transform = picture(scene, jul(13))  # half-way through the window
    # the regime's captured part, from the west, and the rebels' remaining part, both dotted
    west = patch(image, transform, WEST, MID_LAT)
    east = patch(image, transform, EAST, MID_LAT)
    assert set(west.values()) == {rgb(lighter(regime)), rgb(regime.darker(115))}
    assert set(east.values()) == {rgb(lighter(rebel)), rgb(rebel.darker(115))}
    # before the window (and its day of cross-fade into the uncertain style) the cell is confirmed
    # rebel ground, from its end contested regime ground
    before, transform = picture(scene, jul(9.5))
    assert set(patch(before, transform, EAST, MID_LAT).values()) == {rgb(rebel)}
    after, transform = picture(scene, jul(15.5))
    contested = patch(after, transform, WEST, MID_LAT)
    assert set(contested.values()) == {rgb(lighter(regime)), rgb(regime.darker(115))}
    # same colours as contested (and claimed), but another pattern: the dots fall elsewhere
    dark = rgb(regime.darker(115))
    dots = {xy for xy, c in west.items() if c == dark}
    crosses = {xy for xy, c in contested.items() if c == dark}
    assert dots and crosses and dots != crosses
    assert len(dots) < len(crosses)  # sparse dots, not lines


def test_the_uncertain_brush_is_its_own_style_per_faction(scene: MapScene) -> None:
    for faction in range(len(scene.scenario.factions)):
        patterns = [scene.brushes[(faction, c)][1] for c in range(len(CONFIDENCES))]
        uncertain = scene.brushes[(faction, UNCERTAIN)][1]
        assert uncertain is not None and uncertain.style() == Qt.BrushStyle.Dense6Pattern
        assert all(p is None or p.style() != uncertain.style() for p in patterns)


def legend_top(overlays: MapOverlays) -> int:
    """The first image row the legend (alone, bottom left) paints on."""
    overlays.show_title = overlays.show_date = overlays.show_scale_bar = False
    overlays.show_north_arrow = False
    overlays.source_line = ""
    image = QImage(SIZE, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    paint_overlays(painter, QRectF(0, 0, SIZE.width(), SIZE.height()), overlays, 10.0)
    painter.end()
    return next(y for y in range(SIZE.height()) if image.pixelColor(20, y).alpha() > 0)


def test_the_legend_names_the_uncertain_style_while_it_is_on_the_map(scene: MapScene) -> None:
    during, before = overlays_for(scene, jul(13)), overlays_for(scene, jul(10.5))
    assert during.uncertain and not before.uncertain
    assert not overlays_for(scene, jul(15)).uncertain  # held from the window's end
    # the same for the frame a caller already has
    assert overlays_for(scene, jul(13), frame=scene.scenario.frame_at(jul(13))).uncertain
    # one more legend row, in the full and in the compact (presentation) legend
    for compact in (False, True):
        during, before = overlays_for(scene, jul(13)), overlays_for(scene, jul(10.5))
        during.compact_legend = before.compact_legend = compact
        assert legend_top(during) < legend_top(before)
