"""Regression tests for issue 15's probe: one per class of its table, each refused cleanly (or, for
exports, leaving no debris, no formula and well-formed XML).

Refusals go through tests/core/test_bad_input.py's `refused`: load_scenario raises ScenarioError
and `aleppo-desktop validate` exits 1 printing exactly those problems, one line each.
"""

from __future__ import annotations

import copy
import json
import os
import signal
import subprocess
import sys
import textwrap
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from aleppo_desktop.core import limits
from aleppo_desktop.core.brief import split_paragraphs
from aleppo_desktop.core.errors import ScenarioError
from aleppo_desktop.core.loading import load_scenario
from aleppo_desktop.export import atomic, gis
from tests.conftest import grid_areas
from tests.core.test_bad_input import Make, collection, files, one_problem, refused, with_layers

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _watchdog() -> Any:
    """A file that blocks the reader (a FIFO) must fail this test, not hang the suite."""
    previous = signal.signal(signal.SIGALRM, lambda *_: pytest.fail("blocked for 60 s"))
    signal.alarm(60)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def areas_with(change: Any) -> dict[str, Any]:
    areas = grid_areas()
    change(areas)
    return areas


# --- uncaught, by type -----------------------------------------------------------------------------


def test_unknown_geometry_type_in_a_layer(
    make_scenario: Make, grid_dict: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    pint = {
        "type": "Feature",
        "properties": {},
        "geometry": {"type": "Pint", "coordinates": [1, 2]},
    }
    path, layer = with_layers(make_scenario, grid_dict, landmarks=collection(pint))
    place = "$.features[0].geometry"  # a hidden layer: refused when it is first asked for
    line = one_problem(path, capsys, layer["landmarks"], place, "unreadable", layer="landmarks")
    assert "pint" in line.lower()


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (int("9" * 400), "unreadable geometry"),  # OverflowError in shapely
        (1e308, "not WGS84"),  # GEOSException
        (-200.0, "not WGS84"),
        (10.0, "outside 24..54°E"),  # far from the map's projection
    ],
    ids=["400-digit", "1e308", "lon-200", "far-away"],
)
def test_coordinates_out_of_range(
    make_scenario: Make, capsys: pytest.CaptureFixture[str], value: Any, message: str
) -> None:
    def change(areas: dict[str, Any]) -> None:
        areas["features"][3]["geometry"]["coordinates"][0][1][0] = value

    path = make_scenario(areas=areas_with(change))
    _, areas, _ = files(path)
    one_problem(path, capsys, areas, "$.features[3].geometry", message)


def test_control_csv_a_symlink_to_itself(
    make_scenario: Make, capsys: pytest.CaptureFixture[str]
) -> None:
    path = make_scenario()
    control = path.parent / "control.csv"
    control.unlink()
    control.symlink_to("control.csv")
    one_problem(path, capsys, path, "$.control", "cannot be resolved")


@pytest.mark.parametrize("which", [0, 1], ids=["scenario.json", "areas.geojson"])
def test_a_file_that_is_null(
    make_scenario: Make, capsys: pytest.CaptureFixture[str], which: int
) -> None:
    path = make_scenario()
    target = files(path)[which]
    target.write_text("null\n", encoding="utf-8")
    one_problem(path, capsys, target, "$", "only `null`")


def test_nul_byte_in_a_referenced_path(
    make_scenario: Make, grid_dict: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    grid_dict["control"] = "control\x00.csv"
    path = make_scenario(scenario=grid_dict)
    one_problem(path, capsys, path, "$.control", "control character U+0000")


def test_memory_error_while_reading_is_a_problem(
    make_scenario: Make, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = make_scenario()

    def no_memory(*_args: Any, **_kwargs: Any) -> Any:
        raise MemoryError()

    monkeypatch.setattr("aleppo_desktop.core.loading.areas_from_geojson", no_memory)
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    assert [str(p) for p in info.value.problems] == [
        f"{files(path)[1]}: not enough memory to read this file"
    ]


def test_any_library_error_names_the_file(
    make_scenario: Make, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = make_scenario()

    def broken(*_args: Any, **_kwargs: Any) -> Any:
        raise KeyError("deep inside a library\nsecond line")

    monkeypatch.setattr("aleppo_desktop.core.loading.parse_control_csv", broken)
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    (problem,) = info.value.problems
    assert str(problem).startswith(f"{files(path)[2]}: cannot be read: KeyError: ")
    assert "\n" not in str(problem)


def test_too_many_factions(
    make_scenario: Make, grid_dict: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    base = grid_dict["factions"][0]
    grid_dict["factions"] += [{**base, "id": f"f{k}"} for k in range(32_768)]
    path = make_scenario(scenario=grid_dict)
    one_problem(path, capsys, path, "$.factions", f"at most {limits.MAX_FACTIONS} items")


# --- the overlap check -----------------------------------------------------------------------------


def _added(areas: dict[str, Any], geometry: dict[str, Any], area_id: str = "added") -> None:
    feature = copy.deepcopy(areas["features"][0])
    feature["properties"]["id"] = area_id
    feature["geometry"] = geometry
    areas["features"].append(feature)


def test_exact_duplicate_area(make_scenario: Make, capsys: pytest.CaptureFixture[str]) -> None:
    areas = grid_areas()
    _added(areas, copy.deepcopy(areas["features"][5]["geometry"]))
    path = make_scenario(areas=areas)
    lines = refused(path, capsys)
    assert any("area a-11 and added are the same polygon" in line for line in lines), lines


def test_area_inside_another(make_scenario: Make, capsys: pytest.CaptureFixture[str]) -> None:
    areas = grid_areas()
    x, y, d = 37.13, 36.19, 0.002  # inside a-01
    ring = [[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]
    _added(areas, {"type": "Polygon", "coordinates": [ring]})
    path = make_scenario(areas=areas)
    lines = refused(path, capsys)
    assert any("area added lies inside a-01" in line or "area a-01" in line for line in lines)


def test_a_square_over_the_whole_map(
    make_scenario: Make, capsys: pytest.CaptureFixture[str]
) -> None:
    areas = grid_areas()
    ring = [[37.0, 36.1], [37.3, 36.1], [37.3, 36.3], [37.0, 36.3], [37.0, 36.1]]
    _added(areas, {"type": "Polygon", "coordinates": [ring]})
    path = make_scenario(areas=areas)
    lines = refused(path, capsys)
    assert sum("lies inside added" in line for line in lines) == 12, lines


@pytest.mark.slow
def test_two_thousand_shifted_copies_are_refused(make_scenario: Make) -> None:
    areas = grid_areas()
    for k in range(2000):
        geometry = copy.deepcopy(areas["features"][0]["geometry"])
        for point in geometry["coordinates"][0]:
            point[0] += (k + 1) * 1e-6
        _added(areas, geometry, f"copy-{k}")
    path = make_scenario(areas=areas)
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    overlaps = [p for p in info.value.problems if " overlaps copy-" in p.message]
    assert len(overlaps) == 20  # named up to MAX_OVERLAP_PROBLEMS, then the check stops
    assert any("possibly more overlaps" in p.message for p in info.value.problems)


# --- cost ------------------------------------------------------------------------------------------


def test_many_json_arrays_are_refused_before_parsing(
    make_scenario: Make, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = make_scenario()
    _, areas, _ = files(path)
    areas.write_text("[" + "[]," * limits.MAX_JSON_CONTAINERS + "[]]", encoding="utf-8")
    parsed = []
    loads = json.loads
    monkeypatch.setattr(json, "loads", lambda text, **kw: parsed.append(len(text)) or loads(text))
    one_problem(path, capsys, areas, "", "too many JSON arrays and objects")
    assert all(size < 1_000_000 for size in parsed)  # scenario.json only


@pytest.mark.parametrize("kind", ["fifo", "devzero", "passwd", "folder"])
def test_referenced_file_that_is_not_a_regular_file_inside_the_folder(
    make_scenario: Make, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    path = make_scenario()
    control = path.parent / "control.csv"
    control.unlink()
    if kind == "fifo":
        os.mkfifo(control)
        one_problem(path, capsys, control.resolve(), "", "not a regular file (a FIFO)")
    elif kind == "folder":
        control.mkdir()
        one_problem(path, capsys, control.resolve(), "", "not a regular file (a folder)")
    else:
        control.symlink_to("/dev/zero" if kind == "devzero" else "/etc/passwd")
        one_problem(path, capsys, path, "$.control", "leads outside the scenario folder")


def test_a_scenario_json_that_is_a_device(capsys: pytest.CaptureFixture[str]) -> None:
    lines = refused(Path("/dev/zero"), capsys)
    assert lines == ["/dev/zero: not a regular file (a character device)"]


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        ("0001-01-01", "9999-12-31", "not between the years 1900 and 2100"),
        ("2016-07-01", "9999-12-31", "not between the years 1900 and 2100"),
        ("1990-01-01", "2016-07-20", "at most 3660 are allowed"),
    ],
)
def test_period_out_of_range(
    make_scenario: Make,
    grid_dict: dict[str, Any],
    capsys: pytest.CaptureFixture[str],
    start: str,
    end: str,
    message: str,
) -> None:
    grid_dict["period"] = {"start": start, "end": end}
    path = make_scenario(scenario=grid_dict)
    lines = refused(path, capsys)
    assert any(f"{path}:$.period: " in line and message in line for line in lines), lines


@pytest.mark.slow
def test_too_many_control_rows(make_scenario: Make, capsys: pytest.CaptureFixture[str]) -> None:
    rows = [
        f"a-00,2016-07-01,regime,confirmed,brief#1,{k}" for k in range(limits.MAX_CONTROL_ROWS + 1)
    ]
    path = make_scenario(control=rows)
    _, _, control = files(path)
    one_problem(path, capsys, control, f"line {limits.MAX_CONTROL_ROWS + 2}", "(the limit)")


def test_brief_split_joins_a_paragraph_of_many_lines() -> None:
    text = (
        "The Assad regime and Russia seem eager\n" + "and a line more\n" * 50_000 + "\nNext one.\n"
    )
    paragraphs = split_paragraphs(text)
    assert len(paragraphs) == 2
    assert paragraphs[0].count("and a line more") == 50_000
    assert paragraphs[1] == "Next one."


# --- accepted, then broken -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "place", "message"),
    [
        (
            lambda d: d["events"][0].update(source=" brief#3"),
            "$.events[0].source",
            "unknown source",
        ),
        (lambda d: d.update(title="Grid\x07"), "$.title", "control character U+0007"),
        (lambda d: d.update(title="Grid \ud800"), "$.title", "valid string"),
        (lambda d: d["claims"][0].update(value=float("nan")), "$.claims[0].value", "finite"),
        (lambda d: d["strength"][0].update(high=10**12), "$.strength[0].high", "less than"),
    ],
    ids=["leading-space-source", "control-character", "lone-surrogate", "nan", "huge-number"],
)
def test_what_broke_exports_later_is_refused_at_load(
    make_scenario: Make,
    grid_dict: dict[str, Any],
    capsys: pytest.CaptureFixture[str],
    change: Any,
    place: str,
    message: str,
) -> None:
    change(grid_dict)
    path = make_scenario()
    path.write_text(json.dumps(grid_dict), encoding="utf-8")  # a lone surrogate as a JSON escape
    lines = refused(path, capsys)
    assert any(f"{path}:{place}: " in line and message in line for line in lines), lines


def test_control_characters_in_a_control_row(
    make_scenario: Make, capsys: pytest.CaptureFixture[str]
) -> None:
    path = make_scenario(control=["a-00,2016-07-01,regime,confirmed,brief#1,note\x1b[31m"])
    lines = refused(path, capsys)
    assert any("note contains the control character U+001B" in line for line in lines), lines


def test_area_id_must_be_an_id(make_scenario: Make, capsys: pytest.CaptureFixture[str]) -> None:
    areas = grid_areas()
    areas["features"][0]["properties"]["id"] = "A 00"
    path = make_scenario(areas=areas)
    lines = refused(path, capsys)
    assert any("'A 00' is not an id" in line for line in lines), lines


# --- files -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("/etc/passwd", "must be relative to the scenario folder"),
        ("../outside.geojson", "leads outside the scenario folder"),
    ],
)
def test_referenced_paths_stay_in_the_folder(
    make_scenario: Make,
    grid_dict: dict[str, Any],
    capsys: pytest.CaptureFixture[str],
    value: str,
    message: str,
) -> None:
    grid_dict["area_units"] = value
    path = make_scenario(scenario=grid_dict)
    (path.parent.parent / "outside.geojson").write_text(json.dumps(grid_areas()), encoding="utf-8")
    one_problem(path, capsys, path, "$.area_units", message)


def test_a_symlink_inside_the_folder_is_followed(make_scenario: Make) -> None:
    path = make_scenario()
    (path.parent / "data").mkdir()
    (path.parent / "areas.geojson").rename(path.parent / "data" / "areas.geojson")
    (path.parent / "areas.geojson").symlink_to("data/areas.geojson")
    assert len(load_scenario(path).areas) == 12


# --- exports ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "cell"),
    [
        ("\t1", "'\t1"),
        ("-inf", "'-inf"),
        ("+1_0", "'+1_0"),
        ("-2.5e3", "-2.5e3"),
        ("\r=1", "'\r=1"),
    ],
)
def test_csv_cells_that_float_accepts_are_still_neutralised(text: str, cell: str) -> None:
    assert gis.csv_cell(text) == cell


def test_kml_text_is_escaped_and_stripped(grid_path: Path) -> None:
    scenario = load_scenario(grid_path)
    assert gis._xml('a "<b>" & \x07\ud800 c') == "a &quot;&lt;b&gt;&quot; &amp;  c"
    document = gis.kml_document(scenario)
    ET.fromstring(document.encode("utf-8"))
    assert "http://maps.google" not in document and "<href>" not in document


def test_a_target_name_of_250_characters(tmp_path: Path) -> None:
    target = tmp_path / ("n" * 246 + ".csv")
    gis.write_csv(target, None, ["a"], lambda: [["1"]])
    assert target.read_text(encoding="utf-8") == "a\n1\n"
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


def test_stale_temporaries_are_removed_but_never_a_users_file(tmp_path: Path) -> None:
    target = tmp_path / "zones.csv"
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    pid = int(dead.stdout)
    key = atomic._target_key(target)
    stale = tmp_path / f".aleppo-{key}-{pid}-abcd1234.part.csv"
    legacy = tmp_path / ".zones.k2j4h5g6.part.csv"  # the names earlier versions gave
    alive = tmp_path / f".aleppo-{key}-1-abcd1234.part.csv"  # pid 1 is running
    other = (
        tmp_path / f".aleppo-{atomic._target_key(tmp_path / 'other.csv')}-{pid}-abcd1234.part.csv"
    )
    users = [
        tmp_path / ".aleppo-notes.part.csv",
        tmp_path / "zones.part.csv",
        tmp_path / "zones.csv.bak",
    ]
    for path in (stale, legacy, alive, other, *users):
        path.write_text("x", encoding="utf-8")
    gis.write_csv(target, None, ["a"], lambda: [["1"]])
    left = {p.name for p in tmp_path.iterdir()}
    assert stale.name not in left and legacy.name not in left
    assert {alive.name, other.name, target.name, *(u.name for u in users)} == left


SIGNAL_SCRIPT = textwrap.dedent(
    """
    import os, signal, sys, time
    from pathlib import Path
    from aleppo_desktop.export.atomic import atomic_path
    folder = Path(sys.argv[1])
    with atomic_path(folder / "video.mp4") as temporary:
        temporary.write_bytes(b"x" * 1000)
        print(temporary.name, flush=True)
        time.sleep(60)
    """
)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["TERM", "INT"])
def test_no_part_file_survives_a_signal(tmp_path: Path, signum: int) -> None:
    process = subprocess.Popen(
        [sys.executable, "-c", SIGNAL_SCRIPT, str(tmp_path)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    name = process.stdout.readline().strip()
    assert (tmp_path / name).exists()
    process.send_signal(signum)
    process.wait(timeout=30)
    assert process.returncode != 0
    assert list(tmp_path.iterdir()) == []
