"""GIS exports read back by GDAL's ogrinfo (an independent reader) and by sqlite/zip/csv."""

from __future__ import annotations

import csv
import re
import sqlite3
import struct
import zipfile
from pathlib import Path

import pytest

from aleppo_desktop.core.scenario import Scenario
from aleppo_desktop.core.story import cite
from aleppo_desktop.export import gis
from aleppo_desktop.export.atomic import ExportCancelled, ExportError
from aleppo_desktop.export.series import write_series_csv

from .conftest import require_tool, run_tool

ZONES = 18  # 12 areas + 6 dated changes in the grid's control table
EVENTS = 3


def ogr_layers(path: str | Path) -> dict[str, dict]:
    """Layer name -> {"count": n, "fields": {name: type}} from `ogrinfo -so -al`."""
    text = run_tool(require_tool("ogrinfo"), "-ro", "-so", "-al", path)
    layers: dict[str, dict] = {}
    current: dict | None = None
    for line in text.splitlines():
        if line.startswith("Layer name: "):
            current = layers.setdefault(line.split(": ", 1)[1], {"count": None, "fields": {}})
        elif current is not None and line.startswith("Feature Count: "):
            current["count"] = int(line.split(": ")[1])
        elif current is not None and (m := re.match(r"^(\w+): (\w[\w()]*) \(", line)):
            current["fields"][m.group(1)] = m.group(2)
    return layers


def ogr_sql_count(path: Path, sql: str) -> int:
    text = run_tool(require_tool("ogrinfo"), "-ro", "-q", path, "-dialect", "SQLite", "-sql", sql)
    return int(re.search(r"= (\d+)", text).group(1))


def test_geojson_has_one_feature_per_holding_with_dates(grid: Scenario, tmp_path: Path) -> None:
    out = gis.write_geojson(grid, tmp_path / "zones.geojson")
    layers = ogr_layers(out)
    layer = layers["control_zones"]
    assert layer["count"] == ZONES
    assert layer["fields"]["start"] == "Date" and layer["fields"]["end"] == "Date"
    for name in ("area_id", "faction", "confidence", "source"):
        assert name in layer["fields"]
    # Every instant is covered once per area: 12 zones hold on any day.
    sql = "SELECT COUNT(*) AS n FROM control_zones WHERE start <= '2016-07-11' AND \"end\" > '2016-07-11'"
    assert ogr_sql_count(out, sql) == 12


def test_geopackage_is_read_by_gdal_with_both_layers(grid: Scenario, tmp_path: Path) -> None:
    out = gis.write_gpkg(grid, tmp_path / "aleppo.gpkg")
    layers = ogr_layers(out)
    assert layers["control_zones"]["count"] == ZONES
    assert layers["events"]["count"] == EVENTS
    assert layers["control_zones"]["fields"]["start"] == "Date"
    assert layers["control_zones"]["fields"]["end"] == "Date"
    assert layers["events"]["fields"]["start"] == "Date"
    sql = "SELECT COUNT(*) AS n FROM control_zones WHERE start <= '2016-07-20' AND \"end\" > '2016-07-20'"
    assert ogr_sql_count(out, sql) == 12
    # The a-13 handover to the YPG on 07-18 is one interval starting that day.
    sql = "SELECT COUNT(*) AS n FROM control_zones WHERE area_id = 'a-13' AND faction = 'ypg'"
    assert ogr_sql_count(out, sql) == 1


def test_geopackage_header_and_geometry_blobs_follow_the_spec(
    grid: Scenario, tmp_path: Path
) -> None:
    out = gis.write_gpkg(grid, tmp_path / "aleppo.gpkg")
    assert out.read_bytes()[68:72] == b"GPKG"  # application_id in the SQLite header
    db = sqlite3.connect(out)
    try:
        assert db.execute("PRAGMA user_version").fetchone()[0] == 10300
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        srs = {row[0] for row in db.execute("SELECT srs_id FROM gpkg_spatial_ref_sys")}
        assert {-1, 0, 4326} <= srs
        kinds = dict(db.execute("SELECT table_name, geometry_type_name FROM gpkg_geometry_columns"))
        assert kinds == {"control_zones": "MULTIPOLYGON", "events": "POINT"}
        blob, start, end = db.execute(
            'SELECT geom, start, "end" FROM control_zones WHERE area_id = "a-02" ORDER BY start'
        ).fetchone()
    finally:
        db.close()
    assert blob[:2] == b"GP" and blob[2] == 0
    flags = blob[3]
    assert flags & 1 == 1 and (flags >> 1) & 7 == 1  # little endian, XY envelope
    (srs_id,) = struct.unpack("<i", blob[4:8])
    minx, maxx, miny, maxy = struct.unpack("<4d", blob[8:40])
    assert srs_id == 4326
    assert (minx, miny) == pytest.approx((37.14, 36.18)) and (maxx, maxy) == pytest.approx(
        (37.16, 36.20)
    )
    assert (start, end) == ("2016-07-01", "2016-07-05")


@pytest.mark.parametrize("kind", ["kml", "kmz"])
def test_kml_has_timespans_and_timestamped_events(
    grid: Scenario, tmp_path: Path, kind: str
) -> None:
    writer = gis.write_kml if kind == "kml" else gis.write_kmz
    out = writer(grid, tmp_path / f"aleppo.{kind}")
    if kind == "kmz":
        with zipfile.ZipFile(out) as z:
            assert z.namelist()[0] == "doc.kml"
            text = z.read("doc.kml").decode()
        layers = ogr_layers(f"/vsizip/{out}/doc.kml")
    else:
        text = out.read_text(encoding="utf-8")
        layers = ogr_layers(out)
    assert layers["control_zones"]["count"] == ZONES
    assert layers["events"]["count"] == EVENTS
    assert text.count("<TimeSpan>") == ZONES
    assert text.count("<TimeStamp>") == EVENTS
    fields = layers["control_zones"]["fields"]
    assert {"begin", "end", "area_id", "faction", "confidence"} <= set(fields)
    # Claimed and contested zones look different from confirmed ones of the same faction.
    styles = dict(re.findall(r'<Style id="(regime-\w+)">(.*?)</Style>', text))
    assert (
        len({styles["regime-confirmed"], styles["regime-claimed"], styles["regime-contested"]}) == 3
    )
    assert "<color>ff2b39c0</color>" in styles["regime-confirmed"]  # #c0392b as aabbggrr


def test_events_csv_and_daily_series_csv(grid: Scenario, tmp_path: Path) -> None:
    events = gis.write_events_csv(grid, tmp_path / "events.csv")
    with events.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["event_id"] for r in rows] == ["e1", "e2", "e3"]
    assert rows[1]["end"] == "2016-07-12" and rows[2]["lon"] == ""
    assert [r["citation"] for r in rows] == [
        cite(grid, e.source) for e in grid.events
    ]  # the story's wording, as the PDF and captions print it
    series = write_series_csv(grid, tmp_path / "series.csv")
    with series.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 20  # 2016-07-01 .. 2016-07-20
    assert rows[0]["date"] == "2016-07-01" and rows[-1]["date"] == "2016-07-20"
    totals = {round(sum(float(r[f"{f}_km2"]) for f in ("regime", "rebel", "ypg")), 2) for r in rows}
    assert len(totals) == 1  # the territory always adds up to the whole map
    assert float(rows[-1]["ypg_km2"]) == pytest.approx(2 * float(rows[0]["ypg_km2"]), rel=0.01)


@pytest.mark.parametrize(
    "writer",
    [
        gis.write_geojson,
        gis.write_gpkg,
        gis.write_kml,
        gis.write_kmz,
        gis.write_events_csv,
        write_series_csv,
    ],
)
def test_cancelled_export_leaves_no_file(grid: Scenario, tmp_path: Path, writer) -> None:
    target = tmp_path / "out.dat"
    calls = []

    def stop_after_first(fraction: float) -> bool:
        calls.append(fraction)
        return len(calls) < 2

    with pytest.raises(ExportCancelled):
        writer(grid, target, stop_after_first)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("text", "cell"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1 more", "'+1 more"),
        ("-rebels", "'-rebels"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("-1.25", "-1.25"),
        ("Rebels take =Ramouseh", "Rebels take =Ramouseh"),
        (None, ""),
        (3, 3),
    ],
)
def test_csv_cells_are_never_formulas(text: object, cell: object) -> None:
    assert gis.csv_cell(text) == cell


def test_events_csv_escapes_a_formula_title(make_scenario, grid_dict, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from aleppo_desktop.core.loading import load_scenario

    grid_dict["events"][0]["title"] = "=cmd|' /C calc'!A0"
    scenario = load_scenario(make_scenario(scenario=grid_dict))
    with gis.write_events_csv(scenario, tmp_path / "e.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert rows[0]["title"] == "'=cmd|' /C calc'!A0"
    assert rows[0]["lon"] == "37.15"  # numbers are left alone


def test_cancelled_export_keeps_an_existing_file(grid: Scenario, tmp_path: Path) -> None:
    target = tmp_path / "zones.geojson"
    target.write_text("previous", encoding="utf-8")
    with pytest.raises(ExportCancelled):
        gis.write_geojson(grid, target, lambda f: f < 0.9)
    assert target.read_text(encoding="utf-8") == "previous"
    assert len(list(tmp_path.iterdir())) == 1


def test_missing_folder_is_a_clear_error(grid: Scenario, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="does not exist"):
        gis.write_gpkg(grid, tmp_path / "nowhere" / "out.gpkg")


def test_progress_reaches_one(grid: Scenario, tmp_path: Path) -> None:
    seen: list[float] = []
    gis.write_gpkg(grid, tmp_path / "a.gpkg", lambda f: seen.append(f) is None)
    assert seen[-1] == 1.0 and seen == sorted(seen)


def test_gis_and_schedule_modules_need_no_qt() -> None:
    """The GIS writers and the frame schedule run where Qt is absent (servers, CI without GL)."""
    import subprocess
    import sys

    code = (
        "import sys; import aleppo_desktop.export.gis, aleppo_desktop.export.schedule, "
        "aleppo_desktop.export.encoder; "
        "print(any(m.startswith(('PySide6', 'pyqtgraph')) for m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "False"


def test_geopackage_carries_qgis_default_styles_with_temporal_settings(
    grid: Scenario, tmp_path: Path
) -> None:
    from xml.dom.minidom import parseString

    out = gis.write_gpkg(grid, tmp_path / "styled.gpkg")
    layers = ogr_layers(out)
    assert layers["layer_styles"]["count"] == 2  # GDAL sees QGIS's style table
    assert "qgis_projects" not in layers  # QGIS's project table is not a layer
    db = sqlite3.connect(out)
    try:
        styles = dict(
            db.execute("SELECT f_table_name, styleQML FROM layer_styles WHERE useAsDefault = 1")
        )
    finally:
        db.close()
    zones = parseString(styles["control_zones"])
    temporal = zones.getElementsByTagName("temporal")[0]
    assert (temporal.getAttribute("startField"), temporal.getAttribute("endField")) == (
        "start",
        "end",
    )
    assert temporal.getAttribute("limitMode") == "0"  # [start, end): the end day is not included
    assert temporal.getAttribute("enabled") == "1"
    assert temporal.getAttribute("mode") == "4"  # start and end from `to_datetime` of the fields
    assert (temporal.getAttribute("startExpression"), temporal.getAttribute("endExpression")) == (
        'to_datetime("start")',
        'to_datetime("end")',
    )
    values = {c.getAttribute("value") for c in zones.getElementsByTagName("category")}
    assert {"regime confirmed", "rebel claimed", "ypg contested"} <= values
    events = parseString(styles["events"]).getElementsByTagName("temporal")[0]
    assert events.getAttribute("limitMode") == "1"  # an event's end is its last day


def _window_scenario(make_scenario, grid_dict) -> Scenario:  # type: ignore[no-untyped-def]
    """The grid in format 2: a-02 taken by the regime between 07-03 and 07-05 (a window), and a
    dispute over that date touching event e1."""
    from aleppo_desktop.core.loading import load_scenario
    from tests.conftest import CONTROL_ROWS

    grid_dict["format_version"] = 2
    grid_dict["disputes"] = [
        {
            "id": "d1",
            "title": "When cell 02 fell",
            "about": "date",
            "versions": [
                {
                    "id": "brief",
                    "source": "brief#4",
                    "says": "On 5 July",
                    "date": {"start": "2016-07-05"},
                },
                {"id": "other", "source": "test#p2", "says": "On 3 July"},
            ],
            "follows": "brief",
            "why": "The brief is dated.",
            "events": ["e1"],
        }
    ]
    rows = [r + "," for r in CONTROL_ROWS if not r.startswith("a-02,2016-07-05")]
    rows.append("a-02,2016-07-03,regime,confirmed,brief#4,,2016-07-05")
    control = "\n".join(["area_id,date,faction,confidence,source,note,until", *rows]) + "\n"
    return load_scenario(make_scenario(scenario=grid_dict, control=control))


def test_a_change_dated_by_a_window_is_uncertain_over_the_window(  # type: ignore[no-untyped-def]
    make_scenario, grid_dict, tmp_path: Path
) -> None:
    scenario = _window_scenario(make_scenario, grid_dict)
    rows = [r for r in gis.zone_rows(scenario) if r["area_id"] == "a-02"]
    assert [(r["start"], r["end"], r["faction"], r["style"]) for r in rows] == [
        ("2016-07-01", "2016-07-03", "rebel", "confirmed"),
        ("2016-07-03", "2016-07-05", "regime", "uncertain"),
        ("2016-07-05", "2016-07-21", "regime", "confirmed"),
    ]
    assert [(r["window_start"], r["window_end"]) for r in rows] == [
        (None, None),
        ("2016-07-03", "2016-07-05"),
        ("2016-07-03", "2016-07-05"),
    ]
    assert [r["uncertainty"] for r in rows] == ["", *["taken between 3 and 5 Jul 2016"] * 2]
    assert {r["confidence"] for r in rows[1:]} == {"confirmed"}  # the authored confidence stays
    # Every day, each area is drawn once.
    out = gis.write_gpkg(scenario, tmp_path / "w.gpkg")
    for day in ("2016-07-02", "2016-07-03", "2016-07-04", "2016-07-05"):
        sql = (
            f"SELECT COUNT(*) AS n FROM control_zones WHERE start <= '{day}' AND \"end\" > '{day}'"
        )
        assert ogr_sql_count(out, sql) == 12
    fields = ogr_layers(out)["control_zones"]["fields"]
    assert (fields["window_start"], fields["window_end"]) == ("Date", "Date")
    assert fields["uncertainty"] == "String" and fields["style"] == "String"
    collection = gis.zone_feature_collection(scenario)
    assert len(collection["features"]) == ZONES + 1  # the window is a feature of its own


def test_disputes_go_out_as_tables_in_the_geopackage_and_a_kml_folder(  # type: ignore[no-untyped-def]
    make_scenario, grid_dict, tmp_path: Path
) -> None:
    scenario = _window_scenario(make_scenario, grid_dict)
    out = gis.write_gpkg(scenario, tmp_path / "d.gpkg")
    layers = ogr_layers(out)
    assert layers["disputes"]["count"] == 1 and layers["dispute_versions"]["count"] == 2
    assert layers["disputes"]["fields"]["start"] == "Date"
    db = sqlite3.connect(out)
    try:
        dispute = db.execute(
            'SELECT dispute_id, start, "end", follows, follows_source, events FROM disputes'
        ).fetchone()
        versions = db.execute(
            'SELECT version_id, followed, start, "end" FROM dispute_versions ORDER BY fid'
        ).fetchall()
        touching = dict(db.execute("SELECT event_id, disputes FROM events"))
    finally:
        db.close()
    # The dispute sits on its event's day; the map follows the brief.
    assert dispute == ("d1", "2016-07-05", "2016-07-05", "brief", cite(scenario, "brief#4"), "e1")
    assert versions == [("brief", 1, "2016-07-05", "2016-07-05"), ("other", 0, None, None)]
    assert touching == {"e1": "d1", "e2": "", "e3": ""}
    text = gis.kml_document(scenario)
    folder = text.split("<Folder><name>disputes</name>")[1]
    assert folder.count("<Placemark>") == 1
    assert "<TimeSpan><begin>2016-07-05</begin><end>2016-07-06</end></TimeSpan>" in folder
    assert 'id="regime-uncertain"' in text and "#regime-uncertain" in text
