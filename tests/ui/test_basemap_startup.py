"""Start-up without user basemaps loads none of their readers (GDAL, libosmium, PMTiles, MVT).

Run in a fresh interpreter: this test session has imported them already."""

from __future__ import annotations

import json
import os
from pathlib import Path

from tests.conftest import run_python

READERS = ("rasterio", "pyogrio", "osmium", "pmtiles", "mapbox_vector_tile")

SCRIPT = """
import json, sys
from pathlib import Path
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

app = QApplication([])
folder = Path(sys.argv[1])
QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder / "cfg"))
from aleppo_desktop.paths import bundled_scenario_path
from aleppo_desktop.ui.main_window import MainWindow

readers = sys.argv[2].split(",")
window = MainWindow(QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat))
window.resize(1280, 800)
window.show()
assert window.open_scenario(bundled_scenario_path())
app.processEvents()
window.grab()  # a frame of the map drawn
before = [m for m in readers if m in sys.modules]
roads = folder / "roads.geojson"  # written as text: no GDAL in this process before the panel
roads.write_text(json.dumps({"type": "FeatureCollection", "features": [{"type": "Feature",
    "properties": {"name": "Baron Street"},
    "geometry": {"type": "LineString", "coordinates": [[37.15, 36.2], [37.17, 36.21]]}}]}))
errors = window.basemaps_panel.add_paths([roads])
after = [m for m in readers if m in sys.modules]
print(json.dumps({"before": before, "after": after, "errors": errors}))
window.close()
"""


def test_readers_are_imported_only_when_a_user_basemap_opens(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = run_python("-c", SCRIPT, str(tmp_path), ",".join(READERS), env=env).stdout
    result = json.loads(out.strip().splitlines()[-1])
    assert result["before"] == []  # the main window and a frame of the map: no reader
    assert result["errors"] == []
    assert "pyogrio" in result["after"]  # opening a vector basemap brings GDAL in
