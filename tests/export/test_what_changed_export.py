"""What changed in exports: the picture outlines the ground gained in the gainer's colour, exactly
where the screen's drawing code puts it (`MapScene.paint_changes` through `render_map_image`)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QSize
from PySide6.QtGui import QColor

from aleppo_desktop.core.scenario import Scenario
from aleppo_desktop.core.timeline import day_number
from aleppo_desktop.core.what_changed import gained_between, outlines_at
from aleppo_desktop.export.render import ExportRenderer

JUL_1, JUL_5 = day_number(date(2016, 7, 1)), day_number(date(2016, 7, 5))


def _count(image, colour: QColor, tolerance: int = 10) -> int:
    want = colour.getRgb()[:3]
    return sum(
        all(
            abs(a - b) <= tolerance
            for a, b in zip(image.pixelColor(x, y).getRgb()[:3], want, strict=True)
        )
        for x in range(0, image.width(), 2)
        for y in range(0, image.height(), 2)
    )


def test_an_export_outlines_the_ground_gained(grid: Scenario, qt_fonts) -> None:
    renderer = ExportRenderer(grid)
    size = QSize(480, 360)
    outlines = outlines_at(grid, JUL_5, since=JUL_1)
    assert outlines
    faction = gained_between(grid, JUL_1, JUL_5)[0][1]
    gainer = QColor(renderer.scene.colour_of(faction)).lighter(115)
    plain = renderer.render(JUL_5, size, None)
    marked = renderer.render(JUL_5, size, None, changes=outlines)
    assert _count(marked, gainer) > _count(plain, gainer) + 20
    faded = renderer.render(JUL_5, size, None, changes=outlines_at(grid, JUL_5, JUL_1, 0.0))
    assert faded == plain  # faded out: nothing drawn


def test_a_still_captions_the_event_stepped_to(make_scenario, grid_dict, tmp_path) -> None:
    """A PNG of the instant on screen captions the event the user stepped to (the screen's rule),
    here the second of two events on 5 July."""
    from aleppo_desktop.core.loading import load_scenario
    from aleppo_desktop.export.video import write_png

    grid_dict["events"].append({**grid_dict["events"][0], "id": "e1b", "chapter": None})
    scenario = load_scenario(make_scenario(scenario=grid_dict))
    second = next(i for i, e in enumerate(scenario.events) if e.id == "e1b")
    captions: list[int | None] = []

    class Recording(ExportRenderer):
        def render(self, t, size, event_index=None, type_scale=None, changes=()):  # type: ignore[no-untyped-def]
            captions.append(event_index)
            return super().render(t, size, event_index, type_scale, changes)

    renderer = Recording(scenario)
    write_png(scenario, tmp_path / "a.png", JUL_5, (320, 180), renderer=renderer)
    write_png(scenario, tmp_path / "b.png", JUL_5, (320, 180), renderer=renderer, stepped=second)
    write_png(
        scenario, tmp_path / "c.png", JUL_5 + 0.5, (320, 180), renderer=renderer, stepped=second
    )
    assert captions == [0, second, 0]  # stepped to only while at its instant
