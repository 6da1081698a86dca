"""Start-up without user basemaps loads none of their readers (GDAL, libosmium, PMTiles, MVT).

Run in a fresh interpreter: this test session has imported them already."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import run_fresh_window

READERS = ("rasterio", "pyogrio", "osmium", "pmtiles", "mapbox_vector_tile")

OPEN_THEN_ADD = """
window.resize(1280, 800)
window.show()
assert window.open_scenario(bundled_scenario_path())
app.processEvents()
window.grab()  # a frame of the map drawn
before = [m for m in watched if m in sys.modules]
roads = folder / "roads.geojson"  # written as text: no GDAL in this process before the panel
roads.write_text(json.dumps({"type": "FeatureCollection", "features": [{"type": "Feature",
    "properties": {"name": "Baron Street"},
    "geometry": {"type": "LineString", "coordinates": [[37.15, 36.2], [37.17, 36.21]]}}]}))
errors = window.basemaps_panel.add_paths([roads])
after = [m for m in watched if m in sys.modules]
print(json.dumps({"before": before, "after": after, "errors": errors}))
"""


def test_readers_are_imported_only_when_a_user_basemap_opens(tmp_path: Path) -> None:
    result = run_fresh_window(tmp_path, OPEN_THEN_ADD, READERS)
    assert result["before"] == []  # the main window and a frame of the map: no reader
    assert result["errors"] == []
    assert "pyogrio" in result["after"]  # opening a vector basemap brings GDAL in
