"""The Layers dock's own basemaps: add (with a bad file skipped), reorder, opacity, visibility,
remove; the list survives a restart (settings) and is kept beside the scenario with relative paths."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QRectF, QSettings, QSize, Qt

from aleppo_desktop.core import basemap_samples as samples
from aleppo_desktop.core.loading import load_scenario
from aleppo_desktop.render.offscreen import render_map_image
from aleppo_desktop.render.overlays import MapOverlays
from aleppo_desktop.render.scene import MapScene
from aleppo_desktop.ui.basemaps_panel import SIDECAR, BasemapsPanel


def picture(scene: MapScene):
    scene.wait_for_tiles = True
    return render_map_image(
        scene,
        scene.scenario.frame_at(0.0),
        QSize(120, 120),
        QRectF(scene.extent_rect),
        MapOverlays(),
    )


def test_add_reorder_remove_and_restart(qtbot, tmp_path: Path, grid_path: Path) -> None:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    maps = tmp_path / "maps"
    maps.mkdir()
    tiles = samples.write_mbtiles(maps / "city.mbtiles")
    roads = samples.write_vector(maps / "roads.geojson", driver="GeoJSON")
    broken = maps / "broken.mbtiles"
    broken.write_bytes(b"not a database")
    scenario = load_scenario(grid_path)
    panel = BasemapsPanel(settings)
    qtbot.addWidget(panel)
    scene = MapScene(scenario)
    panel.set_scene(scene, scenario.path)
    before = picture(scene)
    errors = panel.add_paths([tiles, broken, roads])
    assert errors == [
        "broken.mbtiles: not a readable SQLite tile database (file is not a database)"
    ]
    assert "broken.mbtiles" in panel.message.text()
    assert [panel.list.item(r).text() for r in range(panel.list.count())] == [
        "roads  (vector)",
        "city  (mbtiles)",
    ]  # the last added is on top
    assert [layer.name for layer in scene.user_layers.layers] == ["city", "roads"]
    assert picture(scene) != before  # the map keeps working and shows them
    panel.move_row(0, 1)  # roads down, under the tiles
    assert [layer.name for layer in scene.user_layers.layers] == ["roads", "city"]
    panel.list.setCurrentRow(0)
    panel.opacity.setValue(40)
    assert scene.user_layers.layers[1].spec.opacity == 0.4
    panel.list.item(1).setCheckState(Qt.CheckState.Unchecked)
    assert scene.user_layers.layers[0].spec.visible is False
    sidecar = json.loads((scenario.path.parent / SIDECAR).read_text(encoding="utf-8"))
    assert [b["path"] for b in sidecar["basemaps"]] == [
        "../maps/roads.geojson",
        "../maps/city.mbtiles",
    ]

    # a restart: a new panel on the same settings and scenario shows the same list
    settings.sync()
    again = BasemapsPanel(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(again)
    scene2 = MapScene(scenario)
    again.set_scene(scene2, scenario.path)
    assert [(u.name, u.spec.opacity, u.spec.visible) for u in scene2.user_layers.layers] == [
        ("roads", 1.0, False),
        ("city", 0.4, True),
    ]
    # without the scenario's list (another scenario): the settings' list
    (scenario.path.parent / SIDECAR).unlink()
    third = BasemapsPanel(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(third)
    third.set_scene(MapScene(scenario), None)
    assert third.list.count() == 2

    again.remove_row(0)
    again.remove_row(0)
    assert again.list.count() == 0 and scene2.user_layers.layers == []
    assert picture(scene2) == picture(MapScene(scenario))


def test_main_window_layers_dock_and_restart(
    make_window, ui_settings, tmp_path: Path, grid_path: Path
) -> None:
    tiles = samples.write_mbtiles(tmp_path / "city.mbtiles")
    window = make_window(grid_path)
    panel = window.basemaps_panel
    assert panel.parent() is not None and window.layers_panel.isAncestorOf(panel)
    assert any(
        a.objectName() == "add_basemap" for a in window.menuBar().actions()[0].menu().actions()
    )
    panel.add_paths([tiles])
    assert window.map_scene is not None and window.map_scene.user_layers.layers[0].name == "city"
    window.close()
    again = make_window(grid_path)  # the same settings: a restart
    assert [u.name for u in again.map_scene.user_layers.layers] == ["city"]
    again.basemaps_panel.remove_row(0)
    again.close()
    third = make_window(grid_path)
    assert third.map_scene.user_layers.layers == []
