"""The exported GeoPackage as QGIS itself opens it: the stored project plays, one frame a day.

QGIS's Python API (Debian's python3-qgis, 3.22) lives in the system Python, not in the venv, so
`qgis_probe.py` runs under /usr/bin/python3 in a subprocess and answers in JSON. Skipped where QGIS
is not installed (dev.sh and CI install `qgis python3-qgis`).
"""

from __future__ import annotations

import io
import json
import os
import sqlite3
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest

from aleppo_desktop.core.scenario import Scenario
from aleppo_desktop.export import gis
from aleppo_desktop.export.qgis_project import PROJECT_NAME
from aleppo_desktop.export.qgis_style import LIGHTER

SYSTEM_PYTHON = Path("/usr/bin/python3")
PROBE = Path(__file__).with_name("qgis_probe.py")
EXTENT = (37.10, 36.18, 37.18, 36.24)  # the grid scenario's 4 x 3 cells
CELL_02 = (37.15, 36.19)  # rebel until the regime takes it on 2016-07-05
CELL_00 = (37.11, 36.19)  # regime throughout


def blend(hex_rgb: str, alpha: float = 0.85) -> tuple[int, int, int]:
    """A faction's fill as QGIS draws it over white (symbol opacity 0.85)."""
    rgb = (int(hex_rgb[1:3], 16), int(hex_rgb[3:5], 16), int(hex_rgb[5:7], 16))
    return tuple(round(alpha * c + (1 - alpha) * 255) for c in rgb)  # type: ignore[return-value]


def near(colour: str, expected: tuple[int, int, int], tolerance: int = 3) -> bool:
    rgb = (int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16))
    return all(abs(a - b) <= tolerance for a, b in zip(rgb, expected, strict=True))


def qgis_python() -> Path:
    """Debian's Python with QGIS importable, or skip."""
    if not SYSTEM_PYTHON.exists():
        pytest.skip("no /usr/bin/python3 (QGIS's Python API comes with Debian's python3-qgis)")
    check = subprocess.run(
        [str(SYSTEM_PYTHON), "-c", "import qgis.core"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    if check.returncode != 0:
        pytest.skip("QGIS is not installed (apt-get install qgis python3-qgis; dev.sh does)")
    return SYSTEM_PYTHON


def probe(path: Path, frames: list[int]) -> dict[str, Any]:
    request = {"extent": EXTENT, "points": [CELL_02, CELL_00], "frames": frames}
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(path.parent)}
    env.pop("PYTHONPATH", None)  # the venv's packages are not QGIS's Python's
    result = subprocess.run(
        [str(qgis_python()), str(PROBE), str(path), PROJECT_NAME, json.dumps(request)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env=env,
        cwd=path.parent,
    )
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    assert lines, f"QGIS probe failed ({result.returncode}): {result.stderr[-2000:]}"
    return json.loads(lines[-1])


@pytest.fixture(scope="module")
def opened(grid: Scenario, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The grid's GeoPackage as QGIS opens it; frames 2..4 are 07-03..07-05, 19 is 07-20."""
    qgis_python()
    out = gis.write_gpkg(grid, tmp_path_factory.mktemp("qgis") / "grid export.gpkg")
    return probe(out, [2, 3, 4, 19])


def test_qgis_lists_and_reads_the_project_stored_in_the_geopackage(opened: dict) -> None:
    assert opened["projects"] == [PROJECT_NAME]
    assert opened["read"] is True
    assert opened["crs"] == "EPSG:4326"
    assert opened["title"] == "Grid test"
    assert opened["tree"] == ["events_layer", "control_zones_layer"]  # events drawn on top


def test_project_layers_are_valid_and_time_enabled_from_start_and_end(opened: dict) -> None:
    layers = opened["layers"]
    assert set(layers) == {"control_zones_layer", "events_layer"}
    zones, events = layers["control_zones_layer"], layers["events_layer"]
    assert (zones["valid"], zones["features"]) == (True, 18)
    assert (events["valid"], events["features"]) == (True, 3)
    # The data source is the same file, found relative to it (a space in the name is fine).
    assert zones["source"].endswith("grid export.gpkg|layername=control_zones")
    for layer in (zones, events):
        assert layer["active"] is True
        # start and end from expressions over the `start`/`end` fields (qgis_style says why not 2)
        assert layer["mode"] == 4
        assert (layer["start_expression"], layer["end_expression"]) == (
            'to_datetime("start")',
            'to_datetime("end")',
        )
        assert (layer["start_field"], layer["end_field"]) == ("start", "end")
    assert zones["limit_mode"] == 0  # [start, end): the day of the next change is not included
    assert events["limit_mode"] == 1  # an event's end is its last day
    assert zones["renderer"] == "categorizedSymbol"


def test_temporal_controller_plays_the_period_a_frame_a_day(opened: dict) -> None:
    time = opened["time"]
    assert (time["start"], time["end"]) == ("2016-07-01T00:00:00Z", "2016-07-21T00:00:00Z")
    assert (time["step"], time["unit"]) == (1.0, 4)  # QgsUnitTypes::TemporalDays
    assert time["navigation"] == 1  # animated: the play button is live when the project opens
    assert opened["frames"] == 20  # 2016-07-01 .. 2016-07-20


def test_rendered_frames_change_holder_on_the_handover_day_and_never_stack(opened: dict) -> None:
    """Cell 02 passes from the rebels to the regime on 07-05: QGIS draws it rebel-green through
    07-04 (only the old holder, not both stacked) and regime-red from 07-05; cell 00 stays red."""
    colours = opened["colours"]
    assert set(colours) == {"2016-07-03", "2016-07-04", "2016-07-05", "2016-07-20"}
    rebel, regime = blend("#2e8b57"), blend("#c0392b")
    for day in ("2016-07-03", "2016-07-04"):
        assert near(colours[day][0], rebel), (day, colours[day])
    for day in ("2016-07-05", "2016-07-20"):
        assert near(colours[day][0], regime), (day, colours[day])
    assert all(near(cell_00, regime) for _, cell_00 in colours.values())


def test_default_styles_carry_the_same_temporal_settings(opened: dict) -> None:
    """Opened on its own, QGIS 3.22 resets a table's temporal settings after applying the default
    style (the symbology stays); applying the default style again gives the project's settings."""
    for table, styles in opened["default_styles"].items():
        assert styles["opened"]["renderer"] == opened["layers"][f"{table}_layer"]["renderer"]
        applied = styles["applied"]
        assert (applied["active"], applied["mode"]) == (True, 4)
        assert applied["limit_mode"] == (0 if table == "control_zones" else 1)


def test_project_is_deterministic_and_points_into_its_own_file(
    grid: Scenario, tmp_path: Path
) -> None:
    """Same scenario and file name, same project bytes; the layers are `./<file>|layername=`."""

    def project(path: Path) -> bytes:
        db = sqlite3.connect(path)
        try:
            ((content,),) = db.execute("SELECT content FROM qgis_projects").fetchall()
        finally:
            db.close()
        return bytes.fromhex(content)

    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = project(gis.write_gpkg(grid, tmp_path / "a" / "zones.gpkg"))
    second = project(gis.write_gpkg(grid, tmp_path / "b" / "zones.gpkg"))
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        (name,) = archive.namelist()
        text = archive.read(name).decode()
    assert name == f"{PROJECT_NAME}.qgs"
    assert "<datasource>./zones.gpkg|layername=control_zones</datasource>" in text
    assert "/tmp" not in text  # nothing absolute


@pytest.fixture(scope="module")
def opened_with_window(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The format 2 grid of test_gis (a-02 taken between 07-03 and 07-05, one dispute)."""
    import copy

    from tests.conftest import grid_scenario, write_scenario
    from tests.export.test_gis import _window_scenario

    qgis_python()
    folder = tmp_path_factory.mktemp("qgis-window")
    scenario = _window_scenario(
        lambda **parts: write_scenario(folder / "scenario", **parts),
        copy.deepcopy(grid_scenario()),
    )
    return probe(gis.write_gpkg(scenario, folder / "window.gpkg"), [1, 2, 3, 4])


def test_a_window_plays_uncertain_then_certain_and_disputes_are_a_table(
    opened_with_window: dict,
) -> None:
    opened = opened_with_window
    disputes = opened["layers"]["disputes_layer"]
    assert (disputes["valid"], disputes["features"]) == (True, 1)
    colours = {day: cells[0] for day, cells in opened["colours"].items()}
    rebel, regime = blend("#2e8b57"), blend("#c0392b")
    assert near(colours["2016-07-02"], rebel)
    # The window: the taker's uncertain style, dots on its pale ground (qgis_style.LIGHTER), as
    # the app draws it; at the cell's centre QGIS shows the ground.
    pale_regime = "#" + "".join(f"{round(c + (255 - c) * LIGHTER):02x}" for c in (192, 57, 43))
    for day in ("2016-07-03", "2016-07-04"):
        assert near(colours[day], blend(pale_regime)), (day, colours)
    assert near(colours["2016-07-05"], regime)
