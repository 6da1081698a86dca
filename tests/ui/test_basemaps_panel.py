"""The Layers dock's own basemaps: add (with a bad file skipped), reorder, opacity, visibility,
remove; the list survives a restart (settings) and is kept beside the scenario with relative paths."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path

from PySide6.QtCore import QRectF, QSettings, QSize, Qt, QTimer
from PySide6.QtWidgets import QProgressDialog

from aleppo_desktop.core import basemap_samples as samples
from aleppo_desktop.core.loading import load_scenario
from aleppo_desktop.core.scenario import Scenario
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


def panel_on(qtbot, settings: QSettings, scenario: Scenario, path: Path | None):
    """A Layers panel on its settings, showing a new scene of `scenario` (kept beside `path`)."""
    panel = BasemapsPanel(settings)
    qtbot.addWidget(panel)
    scene = MapScene(scenario)
    panel.set_scene(scene, path)
    return panel, scene


def reopened(settings: QSettings) -> QSettings:
    """The same settings file opened again, as after a restart."""
    settings.sync()
    return QSettings(settings.fileName(), QSettings.Format.IniFormat)


def test_add_reorder_remove_and_restart(
    qtbot, ui_settings: QSettings, tmp_path: Path, grid_path: Path
) -> None:
    maps = tmp_path / "maps"
    maps.mkdir()
    tiles = samples.write_mbtiles(maps / "city.mbtiles")
    roads = samples.write_vector(maps / "roads.geojson", driver="GeoJSON")
    broken = maps / "broken.mbtiles"
    broken.write_bytes(b"not a database")
    scenario = load_scenario(grid_path)
    panel, scene = panel_on(qtbot, ui_settings, scenario, scenario.path)
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
    again, scene2 = panel_on(qtbot, reopened(ui_settings), scenario, scenario.path)
    assert [(u.name, u.spec.opacity, u.spec.visible) for u in scene2.user_layers.layers] == [
        ("roads", 1.0, False),
        ("city", 0.4, True),
    ]
    # without the scenario's list (another scenario): the settings' list
    (scenario.path.parent / SIDECAR).unlink()
    third, _ = panel_on(qtbot, reopened(ui_settings), scenario, None)
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


WAIT_S = 300.0  # the test's own waits: generous, so a loaded machine only makes it slower


def _gated_osm_import(monkeypatch) -> tuple[list[float], threading.Event, threading.Event]:
    """Make the OSM import start once the dialog has been `looked` at, and stop after its first
    progress report until Cancel is pressed (the import sees `cancelled()`) or `proceed` is set,
    so the dialog can be looked at and clicked while the import is under way, without timing.
    The real reader does all the work. A wait that runs out fails the test by name (it once let
    the import run on after 30 s, and the test failed as if Cancel had not stopped it)."""
    from aleppo_desktop.render import user_layers

    real = user_layers.read_osm
    reported: list[float] = []
    proceed, looked = threading.Event(), threading.Event()

    def gated(path, language="name", progress=None, cancelled=None):
        if not (looked.wait(WAIT_S) or proceed.is_set()):
            raise AssertionError(f"the import's dialog was not looked at in {WAIT_S:.0f} s")

        def progress_then_wait(fraction: float) -> None:
            progress(fraction)
            reported.append(fraction)
            deadline = time.monotonic() + WAIT_S
            while not (proceed.is_set() or cancelled()):
                if time.monotonic() > deadline:
                    raise AssertionError(f"Cancel was not pressed in {WAIT_S:.0f} s")
                proceed.wait(0.01)  # the flag the dialog's Cancel sets has no event to wait on

        return real(path, language, progress_then_wait, cancelled)

    monkeypatch.setattr(user_layers, "read_osm", gated)
    return reported, proceed, looked


def test_osm_import_progress_cancel_then_success(
    qtbot, monkeypatch, ui_settings: QSettings, tmp_path: Path, grid_path: Path
) -> None:
    maps = tmp_path / "maps"
    maps.mkdir()
    osm = samples.write_osm(maps / "streets.osm.pbf")
    scenario = load_scenario(grid_path)
    panel, scene = panel_on(qtbot, ui_settings, scenario, scenario.path)
    before = picture(scene)
    files_before = sorted(p.name for p in [*maps.iterdir(), *scenario.path.parent.iterdir()])
    reported, proceed, looked = _gated_osm_import(monkeypatch)
    seen: list[int] = []

    def watch_and_cancel() -> None:
        """Runs inside the dialog's event loop: note its value; once the import has reported
        progress and the bar shows it, press Cancel."""
        dialog = panel.findChild(QProgressDialog)
        if dialog is None:
            return
        seen.append(dialog.value())
        looked.set()  # the import may start
        if reported and dialog.value() > 0:
            timer.stop()
            dialog.cancel()

    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(watch_and_cancel)
    timer.start()
    errors = panel.add_paths([osm])  # returns once the import's thread has stopped
    timer.stop()
    assert errors == ["streets.osm.pbf: import cancelled"]
    assert reported and 0 < reported[0] < 1
    assert max(seen) == round(reported[0] * 1000) and min(seen) < max(seen)  # the bar advanced
    assert not any(t.name == "osm-import" for t in threading.enumerate())
    assert "import cancelled" in panel.message.text()
    assert panel.list.count() == 0 and scene.user_layers.layers == []  # nothing added
    assert json.loads(str(ui_settings.value("user_basemaps", "[]"))) == []
    after = sorted(p.name for p in [*maps.iterdir(), *scenario.path.parent.iterdir()])
    assert after == files_before  # no file written, none left half-written
    assert picture(scene) == before  # the map keeps working, unchanged

    # the same file again, let through: the street basemap is added and drawn
    proceed.set()
    reported.clear()
    assert panel.add_paths([osm]) == []
    assert reported  # it went through the progress reports
    assert [layer.kind for layer in scene.user_layers.layers] == ["osm"]
    assert panel.list.count() == 1 and "(osm)" in panel.list.item(0).text()
    assert picture(scene) != before
