"""Bad input: every case is refused whole, with one line per problem naming the file and the place.

Each test writes a variant of the grid scenario (tests/conftest.py), then checks both ways in:
`load_scenario` raises ScenarioError (it never returns a half-loaded scenario) and
`aleppo-desktop validate PATH` exits 1 printing exactly those problems, one line each, no traceback.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import shapely
from pyproj import Transformer

from aleppo_desktop.cli import main
from aleppo_desktop.core import limits
from aleppo_desktop.core.errors import ScenarioError
from aleppo_desktop.core.loading import load_scenario
from aleppo_desktop.core.scenario import BasemapLayers
from tests.conftest import CONTROL_ROWS, grid_areas

Make = Callable[..., Path]

# Line numbers of control.csv as the fixture writes it: the header is line 1, the 12 initial rows are
# lines 2-13, the 6 changes lines 14-19, so a row appended to CONTROL_ROWS is line 20.
APPENDED_LINE = len(CONTROL_ROWS) + 2


def refused(path: Path, capsys: pytest.CaptureFixture[str], layer: str | None = None) -> list[str]:
    """Load (must raise) and validate (must exit 1) a scenario; return the lines printed. With
    `layer`, a hidden basemap layer, read when first asked for: the scenario loads without
    reading it, asking for it raises (again when asked again), and `validate` reads it."""
    if layer is None:
        with pytest.raises(ScenarioError) as info:
            load_scenario(path)
    else:
        scenario = load_scenario(path)
        layers = scenario.basemaps_by_id
        assert isinstance(layers, BasemapLayers) and not layers.is_read(layer)
        with pytest.raises(ScenarioError) as info:
            scenario.basemap(layer)
        with pytest.raises(ScenarioError) as again:
            scenario.basemap(layer)
        assert again.value.problems == info.value.problems
    capsys.readouterr()
    code = main(["validate", str(path)])
    out, err = capsys.readouterr()
    assert code == 1
    assert out == ""
    assert "Traceback" not in err
    lines = err.splitlines()
    assert lines == [str(problem) for problem in info.value.problems]
    assert len(lines) == len(info.value.problems) >= 1
    return lines


def one_problem(
    path: Path,
    capsys: pytest.CaptureFixture[str],
    file: Path,
    place: str,
    message: str,
    layer: str | None = None,
) -> str:
    """The scenario is refused with exactly one problem: `FILE:PLACE: ...message...` (with
    `layer`, when that hidden layer is asked for: `refused`)."""
    lines = refused(path, capsys, layer)
    assert len(lines) == 1, lines
    prefix = f"{file}:{place}: " if place else f"{file}: "
    assert lines[0].startswith(prefix), (lines[0], prefix)
    assert message in lines[0][len(prefix) :], (lines[0], message)
    return lines[0]


def one_control_problem(
    make_scenario: Make,
    capsys: pytest.CaptureFixture[str],
    rows: list[str] | str,
    place: str,
    message: str,
) -> None:
    """The grid scenario with these control rows (or CSV text) is refused with exactly one
    problem, at `place` of its control file (`one_problem`)."""
    path = make_scenario(control=rows)
    one_problem(path, capsys, files(path)[2], place, message)


def one_appended_row_problem(
    make_scenario: Make, capsys: pytest.CaptureFixture[str], row: str, message: str
) -> None:
    """`one_control_problem` of the grid's control rows and one more, on line APPENDED_LINE."""
    one_control_problem(
        make_scenario, capsys, [*CONTROL_ROWS, row], f"line {APPENDED_LINE}", message
    )


def files(path: Path) -> tuple[Path, Path, Path]:
    """scenario.json, areas.geojson and control.csv of a written scenario, as the loader names them."""
    folder = path.parent.resolve()
    return path, folder / "areas.geojson", folder / "control.csv"


# --- malformed files -------------------------------------------------------------------------------


def test_malformed_scenario_json(make_scenario: Make, capsys: pytest.CaptureFixture[str]) -> None:
    path = make_scenario()
    path.write_text('{\n  "format_version": 1,\n  "title": "Grid",\n}\n', encoding="utf-8")
    one_problem(path, capsys, path, "line 4 column 1", "malformed JSON")


def test_malformed_areas_geojson(make_scenario: Make, capsys: pytest.CaptureFixture[str]) -> None:
    path = make_scenario()
    _, areas, _ = files(path)
    text = json.dumps(grid_areas(), indent=1)
    areas.write_text(text[: len(text) // 2], encoding="utf-8")  # cut off mid-file
    lines = refused(path, capsys)
    assert len(lines) == 1
    assert re.fullmatch(
        rf"{re.escape(str(areas))}:line \d+ column \d+: malformed JSON: .+", lines[0]
    )


def test_csv_unbalanced_quote(make_scenario: Make, capsys: pytest.CaptureFixture[str]) -> None:
    rows = list(CONTROL_ROWS)
    rows[3] = (
        'a-03,2016-07-01,"rebel,confirmed,test#initial,'  # line 5 opens a quote it never closes
    )
    one_control_problem(make_scenario, capsys, rows, "line 5", "quote")


def test_csv_too_many_fields(make_scenario: Make, capsys: pytest.CaptureFixture[str]) -> None:
    rows = list(CONTROL_ROWS)
    rows[1] += ",surplus"  # line 3
    one_control_problem(make_scenario, capsys, rows, "line 3", "more fields than the header has")


def test_csv_header_without_required_column(
    make_scenario: Make, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "\n".join(["area_id,date,faction,source", "a-00,2016-07-01,regime,test"]) + "\n"
    one_control_problem(make_scenario, capsys, text, "line 1", "header lacks column(s) confidence")


# --- types and required fields ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("where", "value", "place"),
    [
        (("strength", 0, "low"), "many", "$.strength[0].low"),
        (("factions", 0, "colour"), "red", "$.factions[0].colour"),
        (("tween_days",), "one", "$.tween_days"),
        (("period", "start"), "yesterday", "$.period.start"),
        (("events", 0, "kind"), "skirmish", "$.events[0].kind"),
        (("claims", 0, "value"), [4], "$.claims[0].value"),
    ],
    ids=["low-many", "colour-red", "tween-one", "period-start", "event-kind", "claim-value-list"],
)
def test_wrong_type(
    make_scenario: Make,
    grid_dict: dict[str, Any],
    capsys: pytest.CaptureFixture[str],
    where: tuple[str | int, ...],
    value: Any,
    place: str,
) -> None:
    target: Any = grid_dict
    for key in where[:-1]:
        target = target[key]
    target[where[-1]] = value
    path = make_scenario(scenario=grid_dict)
    one_problem(path, capsys, path, place, "")


def test_missing_required_field(
    make_scenario: Make, grid_dict: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    del grid_dict["factions"][1]["name_ar"]
    path = make_scenario(scenario=grid_dict)
    one_problem(path, capsys, path, "$.factions[1].name_ar", "Field required")


def test_unknown_extra_field(
    make_scenario: Make, grid_dict: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    grid_dict["factions"][2]["motto"] = "extra"
    path = make_scenario(scenario=grid_dict)
    one_problem(path, capsys, path, "$.factions[2].motto", "Extra inputs are not permitted")


def test_range_event_without_end(
    make_scenario: Make, grid_dict: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    del grid_dict["events"][1]["date"]["end"]
    path = make_scenario(scenario=grid_dict)
    one_problem(path, capsys, path, "$.events[1].date", "a range needs an end date")


def test_strength_high_below_low(
    make_scenario: Make, grid_dict: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    grid_dict["strength"][0]["high"] = 1000  # low is 1500
    path = make_scenario(scenario=grid_dict)
    one_problem(path, capsys, path, "$.strength[0]", "high is below low")


# --- unknown references ----------------------------------------------------------------------------


def test_unknown_faction_in_control(
    make_scenario: Make, capsys: pytest.CaptureFixture[str]
) -> None:
    one_appended_row_problem(
        make_scenario, capsys, "a-00,2016-07-03,isis,confirmed,test,", "unknown faction 'isis'"
    )


def test_unknown_faction_in_claim(
    make_scenario: Make, grid_dict: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    grid_dict["claims"][0]["from_faction"] = "isis"
    path = make_scenario(scenario=grid_dict)
    one_problem(path, capsys, path, "$.claims[0].from_faction", "unknown faction 'isis'")


def test_unknown_area_in_control(make_scenario: Make, capsys: pytest.CaptureFixture[str]) -> None:
    one_appended_row_problem(
        make_scenario, capsys, "a-99,2016-07-01,rebel,confirmed,test,", "unknown area 'a-99'"
    )


def test_unknown_area_in_event_location(
    make_scenario: Make, grid_dict: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    grid_dict["events"][0]["location"] = {"areas": ["a-02", "a-99"]}
    path = make_scenario(scenario=grid_dict)
    one_problem(path, capsys, path, "$.events[0].location.areas[1]", "unknown area 'a-99'")


def test_unknown_source_reference_in_scenario(
    make_scenario: Make, grid_dict: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    grid_dict["events"][1]["source"] = "nowhere#3"
    path = make_scenario(scenario=grid_dict)
    one_problem(path, capsys, path, "$.events[1].source", "unknown source 'nowhere'")


def test_unknown_source_reference_in_control(
    make_scenario: Make, capsys: pytest.CaptureFixture[str]
) -> None:
    one_appended_row_problem(
        make_scenario,
        capsys,
        "a-00,2016-07-03,rebel,confirmed,nowhere,",
        "unknown source 'nowhere'",
    )


@pytest.mark.parametrize("locator", ["x", "0", "-1", "2.5"])
def test_bad_brief_paragraph_locator(
    make_scenario: Make,
    grid_dict: dict[str, Any],
    capsys: pytest.CaptureFixture[str],
    locator: str,
) -> None:
    grid_dict["claims"][2]["source"] = f"brief#{locator}"
    path = make_scenario(scenario=grid_dict)
    one_problem(path, capsys, path, "$.claims[2].source", "is not a positive number")


def test_unknown_strength_in_head_count(
    make_scenario: Make, grid_dict: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    grid_dict["claims"][3]["components"] = ["s1", "s9"]
    path = make_scenario(scenario=grid_dict)
    one_problem(path, capsys, path, "$.claims[3].components[1]", "unknown strength estimate 's9'")


# --- dates -----------------------------------------------------------------------------------------


def test_control_date_outside_period(
    make_scenario: Make, capsys: pytest.CaptureFixture[str]
) -> None:
    path = make_scenario(control=[*CONTROL_ROWS, "a-00,2016-07-21,rebel,confirmed,test,"])
    _, _, control = files(path)
    one_problem(
        path,
        capsys,
        control,
        f"line {APPENDED_LINE}",
        "2016-07-21 is outside the period 2016-07-01..2016-07-20",
    )


def test_event_date_outside_period(
    make_scenario: Make, grid_dict: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    grid_dict["events"][2]["date"]["start"] = "2016-06-30"
    path = make_scenario(scenario=grid_dict)
    one_problem(path, capsys, path, "$.events[2].date.start", "2016-06-30 is outside the period")


def test_claim_date_outside_period(
    make_scenario: Make, grid_dict: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    grid_dict["claims"][1]["end"] = "2016-07-21"
    path = make_scenario(scenario=grid_dict)
    one_problem(path, capsys, path, "$.claims[1].end", "2016-07-21 is outside the period")


def test_control_date_not_a_date(make_scenario: Make, capsys: pytest.CaptureFixture[str]) -> None:
    one_appended_row_problem(
        make_scenario, capsys, "a-00,07/03/2016,rebel,confirmed,test,", "not a date (YYYY-MM-DD)"
    )


def test_control_rows_out_of_date_order(
    make_scenario: Make, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [
        *CONTROL_ROWS,
        "a-00,2016-07-08,rebel,confirmed,test,",
        "a-00,2016-07-07,regime,confirmed,test,",
    ]
    one_control_problem(
        make_scenario, capsys, rows, f"line {APPENDED_LINE + 1}", "not after its previous row"
    )


def test_control_rows_on_the_same_day(
    make_scenario: Make, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [*CONTROL_ROWS, "a-00,2016-07-01,rebel,confirmed,test,"]  # a-00 already has 07-01
    one_control_problem(
        make_scenario, capsys, rows, f"line {APPENDED_LINE}", "not after its previous row"
    )


def test_area_without_row_on_period_start(
    make_scenario: Make, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = list(CONTROL_ROWS)
    rows[0] = rows[0].replace("2016-07-01", "2016-07-02")  # a-00, line 2
    one_control_problem(
        make_scenario, capsys, rows, "line 2", "area a-00 has no holder on the period start"
    )


def test_area_with_no_rows(make_scenario: Make, capsys: pytest.CaptureFixture[str]) -> None:
    rows = [row for row in CONTROL_ROWS if not row.startswith("a-11,")]
    one_control_problem(make_scenario, capsys, rows, "", "area a-11 has no control rows")


# --- ids -------------------------------------------------------------------------------------------


def test_duplicate_faction_id(
    make_scenario: Make, grid_dict: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    grid_dict["factions"].append({**grid_dict["factions"][1], "name_en": "Rebels again"})
    path = make_scenario(scenario=grid_dict)
    one_problem(path, capsys, path, "$.factions", "id 'rebel' is used more than once")


def test_duplicate_event_id(
    make_scenario: Make, grid_dict: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    grid_dict["events"][2]["id"] = "e1"
    path = make_scenario(scenario=grid_dict)
    one_problem(path, capsys, path, "$.events", "id 'e1' is used more than once")


def test_duplicate_area_id(make_scenario: Make, capsys: pytest.CaptureFixture[str]) -> None:
    areas = grid_areas()
    areas["features"][1]["properties"]["id"] = "a-00"
    path = make_scenario(areas=areas)
    _, area_file, _ = files(path)
    one_problem(path, capsys, area_file, "$.features", "area id 'a-00' is used more than once")


# --- geometry --------------------------------------------------------------------------------------


def test_overlapping_polygons(make_scenario: Make, capsys: pytest.CaptureFixture[str]) -> None:
    areas = grid_areas()
    # a-00's east side (lon 37.12) bulges into a-01 as a triangle with its apex at lon 37.125.
    bulge = [[37.10, 36.18], [37.12, 36.18], [37.125, 36.19], [37.12, 36.20], [37.10, 36.20]]
    areas["features"][0]["geometry"]["coordinates"] = [[*bulge, bulge[0]]]
    path = make_scenario(areas=areas)
    _, area_file, _ = files(path)
    line = one_problem(path, capsys, area_file, "$.features[0]", "area a-00 overlaps a-01 by ")
    overlap_m2 = float(re.search(r"by (\d+) m²", line).group(1))  # type: ignore[union-attr]
    to_utm = Transformer.from_crs("EPSG:4326", "EPSG:32637", always_xy=True)
    triangle = shapely.Polygon([to_utm.transform(*p) for p in bulge[1:4]])
    assert overlap_m2 == round(triangle.area)


def test_gap_between_polygons(make_scenario: Make, capsys: pytest.CaptureFixture[str]) -> None:
    areas = grid_areas()
    del areas["features"][5]  # a-11, an inner cell: its square becomes a hole in the union
    rows = [row for row in CONTROL_ROWS if not row.startswith("a-11,")]
    path = make_scenario(areas=areas, control=rows)
    _, area_file, _ = files(path)
    line = one_problem(path, capsys, area_file, "$.features", "gap of ")
    hole_m2 = float(re.search(r"gap of (\d+) m²", line).group(1))  # type: ignore[union-attr]
    assert hole_m2 == pytest.approx(3_990_879, abs=1)  # the area of a-11
    lon, lat = (float(v) for v in re.search(r"lon ([\d.]+), lat ([\d.]+)", line).groups())  # type: ignore[union-attr]
    assert 37.12 < lon < 37.14 and 36.20 < lat < 36.22


def test_bowtie_polygon(make_scenario: Make, capsys: pytest.CaptureFixture[str]) -> None:
    areas = grid_areas()
    bowtie = [[37.10, 36.18], [37.12, 36.20], [37.12, 36.18], [37.10, 36.20], [37.10, 36.18]]
    areas["features"][0]["geometry"]["coordinates"] = [bowtie]
    path = make_scenario(areas=areas)
    _, area_file, _ = files(path)
    one_problem(
        path, capsys, area_file, "$.features[0].geometry", "invalid polygon: Self-intersection"
    )


@pytest.mark.parametrize(
    "geometry",
    [
        {"type": "Point", "coordinates": [37.11, 36.19]},
        {"type": "LineString", "coordinates": [[37.10, 36.18], [37.12, 36.20]]},
        None,
    ],
    ids=["point", "linestring", "null"],
)
def test_non_polygon_geometry(
    make_scenario: Make, capsys: pytest.CaptureFixture[str], geometry: dict[str, Any] | None
) -> None:
    areas = grid_areas()
    areas["features"][4]["geometry"] = geometry
    path = make_scenario(areas=areas)
    _, area_file, _ = files(path)
    one_problem(
        path, capsys, area_file, "$.features[4].geometry", "must be a Polygon or MultiPolygon"
    )


# --- files -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("which", [0, 1, 2], ids=["scenario.json", "areas.geojson", "control.csv"])
def test_missing_file(make_scenario: Make, capsys: pytest.CaptureFixture[str], which: int) -> None:
    path = make_scenario()
    target = files(path)[which]
    target.unlink()
    one_problem(path, capsys, target, "", "cannot read: No such file or directory")


@pytest.mark.parametrize("content", [b"", b"  \n\t\r\n  \n"], ids=["zero-bytes", "whitespace"])
@pytest.mark.parametrize("which", [0, 1, 2], ids=["scenario.json", "areas.geojson", "control.csv"])
def test_empty_file(
    make_scenario: Make, capsys: pytest.CaptureFixture[str], which: int, content: bytes
) -> None:
    path = make_scenario()
    target = files(path)[which]
    target.write_bytes(content)
    one_problem(path, capsys, target, "", "file is empty")


@pytest.mark.parametrize("which", [0, 1, 2], ids=["scenario.json", "areas.geojson", "control.csv"])
def test_huge_file_refused_by_size_unread(
    make_scenario: Make,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    which: int,
) -> None:
    path = make_scenario()
    target = files(path)[which]
    limit = (limits.MAX_SCENARIO_BYTES, limits.MAX_AREAS_BYTES, limits.MAX_CONTROL_BYTES)[which]
    with target.open("r+b") as fh:
        fh.truncate(limit + 50 * 2**20)  # sparse: 50 MB over on paper, nothing on disk
    inode = target.stat().st_ino
    read = os.read

    def guarded(fd: int, n: int) -> bytes:
        assert os.fstat(fd).st_ino != inode, f"{target} was read"
        return read(fd, n)

    monkeypatch.setattr(os, "read", guarded)
    size = (limit + 50 * 2**20) / 2**20
    one_problem(
        path,
        capsys,
        target,
        "",
        f"file is too large ({size:.1f} MB; the limit is {limit // 2**20} MB)",
    )


LATIN1 = (  # an "é" in Latin-1 on line 2 of each file
    b'{\n  "title": "Caf\xe9"\n}\n',
    b'{\n  "type": "FeatureCollection", "name": "Caf\xe9"\n}\n',
    b"area_id,date,faction,confidence,source,note\na-00,2016-07-01,regime,confirmed,test,caf\xe9\n",
)


@pytest.mark.parametrize("which", [0, 1, 2], ids=["scenario.json", "areas.geojson", "control.csv"])
def test_non_utf8_file(make_scenario: Make, capsys: pytest.CaptureFixture[str], which: int) -> None:
    path = make_scenario()
    target = files(path)[which]
    target.write_bytes(LATIN1[which])
    one_problem(path, capsys, target, "line 2", "not UTF-8")


# --- basemap layers: shown ones read when the scenario opens, hidden ones when first asked for -----
# (only that their file is there is checked at load); `validate` reads them all


def point(*coordinates: Any) -> dict[str, Any]:
    """A GeoJSON point feature with these coordinates (normally lon, lat)."""
    return {
        "type": "Feature",
        "properties": {},
        "geometry": {"type": "Point", "coordinates": list(coordinates)},
    }


def with_layers(
    make_scenario: Make, grid_dict: dict[str, Any], **layers: str | dict[str, Any] | None
) -> tuple[Path, dict[str, Path]]:
    """The grid scenario with hidden basemap layers `id=content` (text or GeoJSON; None: no file)."""
    grid_dict["basemap"] = [
        {
            "id": name,
            "title_en": name,
            "path": f"basemap/{name}.geojson",
            "visible": False,
            "source": "test",
        }
        for name in layers
    ]
    path = make_scenario(scenario=grid_dict)
    (path.parent / "basemap").mkdir()
    written = {}
    for name, content in layers.items():
        written[name] = (path.parent / "basemap" / f"{name}.geojson").resolve()
        if content is not None:
            text = content if isinstance(content, str) else json.dumps(content)
            written[name].write_text(text, encoding="utf-8")
    return path, written


def collection(*features: dict[str, Any]) -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": list(features)}


def test_malformed_hidden_layer(
    make_scenario: Make, grid_dict: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    text = '{"type": "FeatureCollection",\n "features": [,]}'
    path, layer = with_layers(make_scenario, grid_dict, hidden=text)
    one_problem(
        path,
        capsys,
        layer["hidden"],
        "line 2 column 15",
        "malformed JSON: Expecting value",
        layer="hidden",
    )


def test_missing_hidden_layer(
    make_scenario: Make, grid_dict: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    path, layer = with_layers(make_scenario, grid_dict, hidden=None)
    one_problem(path, capsys, layer["hidden"], "", "cannot read: No such file or directory")


def test_hidden_layer_not_a_feature_collection(
    make_scenario: Make, grid_dict: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    path, layer = with_layers(make_scenario, grid_dict, hidden={"type": "Feature"})
    one_problem(
        path,
        capsys,
        layer["hidden"],
        "$",
        "basemap layer hidden is not a GeoJSON FeatureCollection",
        layer="hidden",
    )


def test_hidden_layer_unreadable_line(
    make_scenario: Make, grid_dict: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    line = {
        "type": "Feature",
        "properties": {},
        "geometry": {"type": "LineString", "coordinates": [[37.1]]},
    }
    path, layer = with_layers(make_scenario, grid_dict, hidden=collection(point(37.1, 36.2), line))
    one_problem(
        path, capsys, layer["hidden"], "$.features[1].geometry", "unreadable geometry", "hidden"
    )


@pytest.mark.parametrize(
    ("coordinates", "message"),
    [
        ((200, 36.2), "point is not a WGS84 [lon, lat]: [200, 36.2]"),
        ((37.1, -91), "point is not a WGS84 [lon, lat]: [37.1, -91]"),
        (("37.1", 36.2), "point coordinates must be [lon, lat] numbers: ['37.1', 36.2]"),
        (
            (37.1, 36.2, 400, 1),
            "point coordinates must be [lon, lat] numbers: [37.1, 36.2, 400, 1]",
        ),
        ((None, None), "point coordinates must be [lon, lat] numbers: [None, None]"),
    ],
    ids=["lon-200", "lat-minus-91", "text", "four-numbers", "null"],
)
def test_hidden_layer_bad_point(
    make_scenario: Make,
    grid_dict: dict[str, Any],
    capsys: pytest.CaptureFixture[str],
    coordinates: tuple[Any, Any],
    message: str,
) -> None:
    layer_json = collection(point(37.1, 36.2), point(37.12, 36.21), point(*coordinates))
    path, layer = with_layers(make_scenario, grid_dict, hidden=layer_json)
    place = "$.features[2].geometry.coordinates"
    line = one_problem(path, capsys, layer["hidden"], place, message, layer="hidden")
    assert line.endswith(message)


def test_many_bad_points_are_counted_after_ten(
    make_scenario: Make, grid_dict: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    layer_json = collection(point(37.1, 36.2), *(point(181 + k, 36.2) for k in range(12)))
    path, layer = with_layers(make_scenario, grid_dict, hidden=layer_json)
    lines = refused(path, capsys, layer="hidden")
    assert [line.split(": ")[0] for line in lines] == [
        *(f"{layer['hidden']}:$.features[{k}].geometry.coordinates" for k in range(1, 11)),
        f"{layer['hidden']}:$.features",
    ]
    assert lines[-1] == f"{layer['hidden']}:$.features: and 2 more bad points"


def test_two_broken_hidden_layers_and_a_control_error_are_listed_together(
    make_scenario: Make, grid_dict: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    grid_dict["events"][0]["source"] = "nowhere"
    path, layer = with_layers(
        make_scenario, grid_dict, first=None, second=collection(point(37.1, 95))
    )
    with pytest.raises(ScenarioError) as info:  # the hidden layer's missing file, not its points
        load_scenario(path)
    assert [str(p).split(": ")[0] for p in info.value.problems] == [
        f"{path}:$.events[0].source",
        str(layer["first"]),
    ]
    capsys.readouterr()
    assert main(["validate", str(path)]) == 1  # validate reads the hidden layers: all three
    assert [line.split(": ")[0] for line in capsys.readouterr().err.splitlines()] == [
        f"{path}:$.events[0].source",
        str(layer["first"]),
        f"{layer['second']}:$.features[0].geometry.coordinates",
    ]


@pytest.mark.parametrize("kind", ["folder", "too-large"])
def test_hidden_layer_that_is_no_file_is_refused_at_load(
    make_scenario: Make, grid_dict: dict[str, Any], capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    """Deferring a hidden layer's reading keeps the checks that need no reading at load."""
    path, layer = with_layers(make_scenario, grid_dict, hidden=None)
    if kind == "folder":
        layer["hidden"].mkdir()
        message = "not a regular file (a folder)"
    else:
        with layer["hidden"].open("wb") as f:
            f.truncate(limits.MAX_BASEMAP_BYTES + 1)  # sparse: nothing written
        message = "file is too large"
    one_problem(path, capsys, layer["hidden"], "", message)


def test_hidden_layer_is_read_once_when_first_asked_for(
    make_scenario: Make, grid_dict: dict[str, Any]
) -> None:
    path, _ = with_layers(make_scenario, grid_dict, hidden=collection(point(37.1, 36.2)))
    scenario = load_scenario(path)
    layers = scenario.basemaps_by_id
    assert isinstance(layers, BasemapLayers) and not layers.is_read("hidden")
    first = scenario.basemap("hidden")
    assert layers.is_read("hidden") and scenario.basemap("hidden") is first
    assert len(first.geometries) == 1
    every = load_scenario(path, every_layer=True).basemaps_by_id
    assert isinstance(every, BasemapLayers) and every.is_read("hidden")


def test_visible_damage_layer_is_refused(
    make_scenario: Make, grid_dict: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    path, _ = with_layers(make_scenario, grid_dict, damage=collection(point(37.1, 36.2)))
    scenario = json.loads(path.read_text(encoding="utf-8"))
    scenario["basemap"][0].update(role="damage", visible=True)
    path.write_text(json.dumps(scenario), encoding="utf-8")
    one_problem(
        path, capsys, path, "$.basemap[0]", "a damage layer is hidden until the user shows it"
    )


def test_unknown_layer_role_is_refused(
    make_scenario: Make, grid_dict: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    path, _ = with_layers(make_scenario, grid_dict, hidden=collection(point(37.1, 36.2)))
    scenario = json.loads(path.read_text(encoding="utf-8"))
    scenario["basemap"][0]["role"] = "unosat"
    path.write_text(json.dumps(scenario), encoding="utf-8")
    one_problem(path, capsys, path, "$.basemap[0].role", "Input should be 'reference' or 'damage'")


# --- every problem is listed -----------------------------------------------------------------------


def test_three_type_errors_give_three_lines(
    make_scenario: Make, grid_dict: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    grid_dict["factions"][0]["colour"] = "red"
    grid_dict["strength"][1]["low"] = "many"
    del grid_dict["title"]
    path = make_scenario(scenario=grid_dict)
    lines = refused(path, capsys)
    assert sorted(line.split(": ")[0] for line in lines) == sorted(
        [f"{path}:$.factions[0].colour", f"{path}:$.strength[1].low", f"{path}:$.title"]
    )


def test_three_reference_errors_across_files_give_three_lines(
    make_scenario: Make, grid_dict: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    grid_dict["claims"][0]["faction"] = "isis"
    grid_dict["events"][0]["source"] = "nowhere"
    rows = [*CONTROL_ROWS, "a-00,2016-07-21,rebel,confirmed,test,"]
    path = make_scenario(scenario=grid_dict, control=rows)
    _, _, control = files(path)
    lines = refused(path, capsys)
    assert [line.split(": ")[0] for line in lines] == [
        f"{path}:$.events[0].source",
        f"{path}:$.claims[0].faction",
        f"{control}:line {APPENDED_LINE}",
    ]


def test_the_grid_scenario_itself_is_valid(
    grid_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", str(grid_path)]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert out == (
        f"{grid_path}: valid (12 area units, {len(CONTROL_ROWS)} control rows, 3 events, 4 claims)\n"
    )


def test_an_edit_leaves_a_hidden_layer_unread(
    make_scenario: Make, grid_dict: dict[str, Any]
) -> None:
    """Whether a layer is listed is asked without reading it: a scenario opened for editing and
    rebuilt by an edit keeps its hidden layer unread, and a broken one refuses neither."""
    from aleppo_desktop.core.editing import open_document, rebuild

    path, _ = with_layers(make_scenario, grid_dict, hidden="[")
    document = rebuild(open_document(path))
    layers = document.scenario.basemaps_by_id
    assert "hidden" in layers and "other" not in layers
    assert isinstance(layers, BasemapLayers) and not layers.is_read("hidden")
    with pytest.raises(ScenarioError):
        document.scenario.basemap("hidden")


def test_a_recovery_reads_its_hidden_layers_before_its_folder_goes(
    make_scenario: Make, grid_dict: dict[str, Any], tmp_path: Path
) -> None:
    """The recovered work's hidden layers are read from the recovery folder's copies while it is
    there (it is removed once the work is saved or discarded); a broken one refuses the recovery,
    as it did when every layer was read at load."""
    from aleppo_desktop.core.editing import open_document
    from aleppo_desktop.core.recovery import discard_recovery, read_recovery, write_recovery

    path, _ = with_layers(make_scenario, grid_dict, hidden=collection(point(37.1, 36.2)))
    folder = tmp_path / "recovery"
    write_recovery(open_document(path), folder)
    recovered = read_recovery(folder).document
    discard_recovery(folder)
    assert len(recovered.scenario.basemap("hidden").geometries) == 1
    write_recovery(open_document(path), folder)
    (folder / "basemap" / "hidden.geojson").write_text("[", encoding="utf-8")
    with pytest.raises(ScenarioError):
        read_recovery(folder)
