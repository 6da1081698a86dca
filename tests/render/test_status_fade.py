"""A status change (claimed -> confirmed, an uncertain window opening or closing) is drawn as a
cross-fade: half-way through its tween the picture differs from both ends, and the pixels lie
between them."""

from __future__ import annotations

import pytest
import shapely
from PySide6.QtCore import QPointF, QSize

from aleppo_desktop.core.geometry import to_map
from aleppo_desktop.core.loading import load_scenario
from aleppo_desktop.render.offscreen import default_view, render_map_image
from aleppo_desktop.render.scene import FillLayer, MapScene
from aleppo_desktop.render.shapes import fit_rect, view_transform
from tests.conftest import LAT0, LON0, STEP, jul, write_scenario
from tests.core.format2 import format2_scenario, window_rows
from tests.render.conftest import NO_OVERLAYS

SIZE = QSize(640, 480)


@pytest.fixture(scope="module")
def scene(tmp_path_factory: pytest.TempPathFactory) -> MapScene:
    path = write_scenario(
        tmp_path_factory.mktemp("fade") / "grid2", format2_scenario(), control=window_rows()
    )
    scene = MapScene(load_scenario(path))
    scene.set_labels_enabled(False)
    return scene


def cell_pixels(scene: MapScene, t: float, row: int, col: int, fills: FillLayer | None = None):
    """The colours of a 21 x 21 px square in the middle of cell (row, col) at t."""
    image = render_map_image(
        scene, scene.scenario.frame_at(t), SIZE, None, NO_OVERLAYS, fills=fills
    )
    transform = view_transform(fit_rect(default_view(scene), SIZE), SIZE)
    p = to_map(shapely.Point(LON0 + (col + 0.5) * STEP, LAT0 + (row + 0.5) * STEP))
    centre = transform.map(QPointF(p.x, -p.y))
    x0, y0 = round(centre.x()), round(centre.y())
    return [
        image.pixelColor(x, y).rgb() & 0xFFFFFF
        for y in range(y0 - 10, y0 + 11)
        for x in range(x0 - 10, x0 + 11)
    ]


def mean(pixels: list[int]) -> tuple[float, float, float]:
    n = len(pixels)
    return tuple(sum((p >> shift) & 0xFF for p in pixels) / n for shift in (16, 8, 0))


def between(mid: tuple, a: tuple, b: tuple) -> bool:
    return all(min(x, y) - 2 <= m <= max(x, y) + 2 for m, x, y in zip(mid, a, b, strict=True))


@pytest.mark.parametrize(
    ("start", "what", "row", "col"),
    [
        (11, "a-12: claimed -> confirmed on 12 Jul", 1, 2),
        (10, "a-03: the window opens on 11 Jul (confirmed -> uncertain)", 0, 3),
    ],
)
def test_mid_tween_differs_from_both_ends(
    scene: MapScene, start: int, what: str, row: int, col: int
) -> None:
    before = cell_pixels(scene, jul(start), row, col)
    middle = cell_pixels(scene, jul(start + 0.5), row, col)
    after = cell_pixels(scene, jul(start + 1), row, col)
    assert before != after, what
    assert middle != before and middle != after, what
    assert between(mean(middle), mean(before), mean(after)), what
    # the cached fills (the screen and exports) draw the same cross-fade
    assert cell_pixels(scene, jul(start + 0.5), row, col, FillLayer()) == middle


def test_the_fade_moves_in_steps_towards_the_new_style(scene: MapScene) -> None:
    before, after = mean(cell_pixels(scene, jul(11), 1, 2)), mean(cell_pixels(scene, jul(12), 1, 2))
    distances = []
    for t in (11.2, 11.4, 11.6, 11.8):
        m = mean(cell_pixels(scene, jul(t), 1, 2))
        distances.append(sum((x - y) ** 2 for x, y in zip(m, after, strict=True)))
    assert distances == sorted(distances, reverse=True) and len(set(distances)) == 4
    assert before != after


def test_a_window_closing_fades_the_swept_pieces(scene: MapScene) -> None:
    # a-03's captured part (from the west) is uncertain until 15 Jul, then contested
    middle = cell_pixels(scene, jul(14.5), 0, 3)
    end = cell_pixels(scene, jul(15), 0, 3)
    early = cell_pixels(scene, jul(14), 0, 3)
    assert middle != end and middle != early
    assert between(mean(middle), mean(early), mean(end))
