"""The headless CLI on the grid scenario: validate, info, state (GeoJSON and table), claims."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import shapely

from aleppo_desktop.cli import main
from aleppo_desktop.core.errors import ScenarioError
from aleppo_desktop.core.loading import load_scenario
from aleppo_desktop.paths import bundled_scenario_path
from tests.conftest import run_python
from tests.core.format2 import format2_scenario

Capsys = pytest.CaptureFixture[str]
CELL_KM2 = 3.99  # a 0.02 degree cell, to 2 decimals


def run(capsys: Capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def total_km2(path: Path) -> float:
    return sum(a.area_km2 for a in load_scenario(path).areas)


def test_validate(grid_path: Path, capsys: Capsys) -> None:
    code, out, err = run(capsys, "validate", str(grid_path))
    assert (code, err) == (0, "")
    assert out == f"{grid_path}: valid (12 area units, 18 control rows, 3 events, 4 claims)\n"


def test_validate_accepts_the_folder(grid_path: Path, capsys: Capsys) -> None:
    code, out, _ = run(capsys, "validate", str(grid_path.parent))
    assert code == 0 and out.startswith(f"{grid_path}: valid")


def test_info(grid_path: Path, capsys: Capsys) -> None:
    code, out, err = run(capsys, "info", str(grid_path))
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "Grid test"
    assert lines[1] == "period      2016-07-01 .. 2016-07-20 (Asia/Damascus)"
    assert lines[2] == (
        "counts      12 area units, 18 control rows, 3 events (2 chapters), "
        "2 strength estimates, 4 claims"
    )
    assert lines[3] == "sources     brief, test"
    rows = {line.split()[0]: line.split()[-2:] for line in lines[5:]}
    assert rows == {
        "regime": ["23.95", "39.91"],  # 6 cells, then 10
        "rebel": ["19.95", "0.00"],  # 5 cells, then none
        "ypg": ["3.99", "7.98"],  # 1 cell, then 2
    }


def test_state_geojson(grid_path: Path, capsys: Capsys) -> None:
    code, out, err = run(capsys, "state", "--at", "2016-07-10", str(grid_path))
    assert (code, err) == (0, "")
    collection = json.loads(out)
    assert collection["type"] == "FeatureCollection"
    keys = [
        (f["properties"]["faction"], f["properties"]["confidence"]) for f in collection["features"]
    ]
    assert keys == [
        ("regime", "confirmed"),
        ("regime", "claimed"),
        ("rebel", "confirmed"),
        ("ypg", "confirmed"),
    ]
    km2 = [f["properties"]["area_km2"] for f in collection["features"]]
    assert km2 == pytest.approx([7 * CELL_KM2, 2 * CELL_KM2, 2 * CELL_KM2, CELL_KM2], abs=0.01)
    assert sum(km2) == pytest.approx(total_km2(grid_path), abs=5e-4)
    for feature in collection["features"]:
        geometry = shapely.from_geojson(json.dumps(feature["geometry"]))
        assert geometry.geom_type in ("Polygon", "MultiPolygon") and geometry.is_valid
        minx, miny, maxx, maxy = geometry.bounds  # WGS84 lon/lat inside the grid
        assert 37.10 - 1e-6 <= minx < maxx <= 37.18 + 1e-6
        assert 36.18 - 1e-6 <= miny < maxy <= 36.24 + 1e-6
    regime_claimed = shapely.from_geojson(json.dumps(collection["features"][1]["geometry"]))
    assert regime_claimed.geom_type == "Polygon"  # a-12 and a-22 share an edge: dissolved
    assert regime_claimed.bounds == pytest.approx((37.14, 36.20, 37.16, 36.24), abs=1e-6)


def test_state_geojson_during_a_sweep_sums_to_the_total(grid_path: Path, capsys: Capsys) -> None:
    code, out, _ = run(capsys, "state", "--at", "2016-07-04", str(grid_path))  # a-02 step 0
    assert code == 0
    features = json.loads(out)["features"]
    assert sum(f["properties"]["area_km2"] for f in features) == pytest.approx(
        total_km2(grid_path), abs=5e-4
    )


def test_state_table(grid_path: Path, capsys: Capsys) -> None:
    code, out, err = run(capsys, "state", "--at", "2016-07-18", "--format", "table", str(grid_path))
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].split() == ["faction", "confidence", "km²"]
    assert [line.split() for line in lines[1:-1]] == [
        ["regime", "confirmed", "31.93"],  # 8 cells
        ["regime", "claimed", "3.99"],  # a-22
        ["regime", "contested", "3.99"],  # a-03
        ["ypg", "confirmed", "7.98"],
    ]
    assert lines[-1] == "front line 0.0 km"  # regime and YPG are not hostile


@pytest.mark.parametrize(
    ("at", "message"),
    [
        ("yesterday", "--at: not a date (YYYY-MM-DD): 'yesterday'"),
        ("2016-13-01", "--at: not a date (YYYY-MM-DD): '2016-13-01'"),
        ("2016-06-30", "--at: 2016-06-30 is outside the period 2016-07-01..2016-07-20"),
        ("2016-07-21", "--at: 2016-07-21 is outside the period 2016-07-01..2016-07-20"),
    ],
)
def test_state_bad_date(grid_path: Path, capsys: Capsys, at: str, message: str) -> None:
    code, out, err = run(capsys, "state", "--at", at, str(grid_path))
    assert code == 1
    assert out == ""
    assert err == f"aleppo-desktop state: {message}\n"


def test_claims(grid_path: Path, capsys: Capsys) -> None:
    code, out, err = run(capsys, "claims", str(grid_path))
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].split() == [
        "claim",
        "source",
        "scope",
        "claimed",
        "computed",
        "diff",
        "holds",
    ]
    rows = [line.split() for line in lines[1::3]]
    assert rows == [
        ["c1", "brief#4", "whole", "map", "≈", "4", "km2", "4.0", "-0%", "yes"],
        ["c2", "brief#4", "whole", "map", ">", "50", "percent", "100.0", "+100%", "yes"],
        ["c3", "brief#7", "whole", "map", ">", "5", "km", "10.7", "+113%", "yes"],
        ["c4", "brief#6", "people", "≈", "8000", "people", "7750.0", "-3%", "yes"],
    ]
    # the figures behind each value: the basis faction's km² at the start and end (5 cells of
    # 3.99 km² for the rebels on 1 Jul), or what a head count adds up
    assert [line.strip() for line in lines[2::3]] == [
        "rebel held 20.0 km² on 2016-07-01, 16.0 km² on 2016-07-06: -4.0 km²",
        "rebel held 20.0 km² on 2016-07-01, 0.0 km² on 2016-07-20: -20.0 km²",
        "rebel held 20.0 km² on 2016-07-01",
        "sum of the midpoints of s1, s2",
    ]
    assert [line.strip() for line in lines[3::3]] == [
        "Regime took a cell",
        "Rebels lost half",
        "Long front",
        "Fighters",
    ]


def test_claims_name_their_region(make_scenario, capsys: Capsys) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run(capsys, "claims", str(make_scenario(scenario=format2_scenario())))
    assert (code, err) == (0, "")
    lines = out.splitlines()
    by_id = {
        line.split()[0]: (line, lines[k + 1].strip()) for k, line in enumerate(lines) if k % 3 == 1
    }
    c2, c2_basis = by_id["c2"]
    assert c2.split()[2:4] == ["region", "east"]
    assert c2_basis == "rebel held 20.0 km² on 2016-07-01, 0.0 km² on 2016-07-20: -20.0 km²"
    c5, c5_basis = by_id["c5"]  # a-03 passes to the regime; a-13 stays rebel until 18 Jul
    assert c5.split()[2:] == ["region", "col3", "≈", "5", "km2", "4.0", "-20%", "yes"]
    assert c5_basis == "rebel held 8.0 km² on 2016-07-01, 4.0 km² on 2016-07-16: -4.0 km²"


def test_info_prints_the_region_figures(make_scenario, capsys: Capsys) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run(capsys, "info", str(make_scenario(scenario=format2_scenario())))
    assert (code, err) == (0, "")
    text = out.split("\n\nregion ")
    assert len(text) == 4  # the faction table, then east, col3, all
    east = text[1].splitlines()
    assert east[0] == "east — East (منطقة): 23.94 km², 6 area units"
    assert east[1].split() == ["faction", "km²", "start", "km²", "end", "%", "of", "start"]
    assert [line.split() for line in east[2:5]] == [
        ["regime", "0.00", "15.96", "—"],  # held nothing there on 1 Jul: no share
        ["rebel", "19.95", "0.00", "0.0%"],
        ["ypg", "3.99", "7.98", "200.0%"],
    ]
    assert east[5].startswith("  front line 10.7 km at the start, 0.0 km at the end")
    col3 = text[2].splitlines()
    assert [line.split() for line in col3[2:5]] == [
        ["regime", "0.00", "3.99", "—"],
        ["rebel", "7.98", "0.00", "0.0%"],
        ["ypg", "3.99", "7.98", "200.0%"],
    ]


def test_a_bad_scenario_exits_1_on_every_command(make_scenario, capsys: Capsys) -> None:  # type: ignore[no-untyped-def]
    path = make_scenario(control="area_id,date\n")
    for argv in (["validate"], ["info"], ["state", "--at", "2016-07-02"], ["claims"]):
        code, out, err = run(capsys, *argv, str(path))
        assert code == 1 and out == ""
        assert err.splitlines() == [
            f"{path.parent.resolve() / 'control.csv'}:line 1: header lacks column(s) faction, confidence, source"
        ]


def bundled_valid() -> bool:
    try:
        load_scenario(bundled_scenario_path())
    except ScenarioError:
        return False
    return True


@pytest.mark.skipif(
    not bundled_valid(), reason="the bundled scenario data/aleppo-2016 does not validate yet"
)
@pytest.mark.parametrize(
    "argv",
    [["validate"], ["info"], ["claims"], ["state", "--at", "2016-11-28", "--format", "table"]],
)
def test_no_path_uses_the_bundled_scenario(capsys: Capsys, argv: list[str]) -> None:
    code, out, err = run(capsys, *argv)
    assert (code, err) == (0, "")
    if argv == ["validate"]:
        assert out.startswith(f"{bundled_scenario_path()}: valid (")
    else:
        assert out


def test_no_path_with_a_missing_bundle_is_one_line(
    capsys: Capsys, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import aleppo_desktop.cli.common as cli

    monkeypatch.setattr(cli, "bundled_scenario_path", lambda: tmp_path / "none" / "scenario.json")
    code, out, err = run(capsys, "validate")
    assert code == 1 and out == ""
    assert err == f"{tmp_path / 'none' / 'scenario.json'}: cannot read: No such file or directory\n"


def test_python_dash_m_runs_the_cli(grid_path: Path) -> None:
    """`python -m aleppo_desktop` is the same entry point as the `aleppo-desktop` script."""
    result = run_python("-m", "aleppo_desktop", "validate", str(grid_path))
    assert result.stderr == ""
    assert result.stdout.startswith(f"{grid_path}: valid (12 area units")
