"""render_map_image draws what the view draws: same scene, same overlays."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QSize
from PySide6.QtGui import QColor

from aleppo_desktop.core.timeline import day_number
from aleppo_desktop.ui.map_render import nice_length, overlays_for, render_map_image


def test_nice_length() -> None:
    assert nice_length(1234) == 1000
    assert nice_length(2600) == 2000
    assert nice_length(7.5) == 5


def test_render_map_image_shows_the_state_at_t_and_restores_the_scene(main_window) -> None:
    scene = main_window.map_scene
    main_window.clock.seek(day_number(date(2016, 7, 2)))
    t = day_number(date(2016, 7, 8))
    image = render_map_image(scene, t, QSize(640, 480), None, overlays_for(scene, t))
    assert image.size() == QSize(640, 480)
    # a-02 (rebel until 5 July) is regime red on 8 July in the image ...
    rect = scene.area_paths[scene.scenario.area_index["a-02"]].boundingRect()
    source = scene.city_rect.adjusted(-300, -300, 300, 300)
    from aleppo_desktop.ui.map_render import fit_rect

    source = fit_rect(source, QSize(640, 480))
    k = 640 / source.width()
    x = (rect.left() + rect.width() * 0.3 - source.left()) * k
    y = (rect.top() + rect.height() * 0.3 - source.top()) * k
    c = image.pixelColor(round(x), round(y))
    assert abs(c.red() - QColor("#c0392b").red()) < 15 and abs(c.green() - 0x39) < 15
    # ... while the scene itself is back on 2 July
    assert scene.time == day_number(date(2016, 7, 2))
