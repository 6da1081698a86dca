"""The control table as CSV and as temporal GeoJSON: round trips, exclusive ends, same frames."""

from __future__ import annotations

import itertools
import json
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pytest

from aleppo_desktop.core.control_io import (
    control_features,
    parse_control_csv,
    parse_control_geojson,
    write_control_csv,
    write_control_geojson,
)
from aleppo_desktop.core.loading import load_scenario
from aleppo_desktop.core.scenario import Scenario
from tests.conftest import CONTROL_ROWS, grid_scenario, write_scenario


def by_area_and_date(changes):  # type: ignore[no-untyped-def]
    return sorted(changes, key=lambda c: (c.area_id, c.date))


@pytest.fixture(scope="module")
def grid(tmp_path_factory: pytest.TempPathFactory) -> Scenario:
    return load_scenario(write_scenario(tmp_path_factory.mktemp("io") / "grid"))


def test_csv_round_trip(grid: Scenario, tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    write_control_csv(grid.control.changes, path)
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0] == "area_id,date,faction,confidence,source,note"
    assert lines[1] == "a-00,2016-07-01,regime,confirmed,test#initial,"
    assert len(lines) == 1 + len(CONTROL_ROWS)
    rows, problems = parse_control_csv(text, str(path))
    assert problems == []
    assert [c for _, c in rows] == by_area_and_date(grid.control.changes)
    assert [place for place, _ in rows] == [f"line {n}" for n in range(2, len(lines) + 1)]


def test_csv_round_trip_keeps_awkward_notes(tmp_path: Path) -> None:
    from aleppo_desktop.core.control import ControlChange

    changes = [
        ControlChange(
            "a-00", date(2016, 7, 1), "regime", "confirmed", "test", 'says "held", maybe'
        ),
        ControlChange(
            "a-00", date(2016, 7, 3), "rebel", "claimed", "brief#2", "line one\nline two"
        ),
        ControlChange("a-01", date(2016, 7, 1), "rebel", "contested", "test", "قلعة حلب, comma"),
    ]
    path = tmp_path / "notes.csv"
    write_control_csv(changes, path)
    rows, problems = parse_control_csv(path.read_text(encoding="utf-8"), "notes.csv")
    assert problems == []
    assert [c for _, c in rows] == changes
    assert [place for place, _ in rows] == ["line 2", "line 3", "line 5"]  # the note spans 3-4


def test_geojson_round_trip_with_exclusive_ends(grid: Scenario) -> None:
    period_end = grid.meta.period.end
    features = control_features(grid.control.changes, grid.geometries_wgs84, period_end)
    assert len(features) == len(CONTROL_ROWS)
    by_area: dict[str, list[dict]] = {}
    for feature in features:
        by_area.setdefault(feature["properties"]["area_id"], []).append(feature["properties"])
    for area_id, intervals in by_area.items():
        for this, following in itertools.pairwise(intervals):
            assert this["end"] == following["start"], area_id  # `end` is exclusive
        assert intervals[-1]["end"] == (period_end + timedelta(days=1)).isoformat()
    assert [(p["start"], p["end"], p["faction"], p["confidence"]) for p in by_area["a-12"]] == [
        ("2016-07-01", "2016-07-10", "rebel", "confirmed"),
        ("2016-07-10", "2016-07-12", "regime", "claimed"),
        ("2016-07-12", "2016-07-21", "regime", "confirmed"),
    ]
    a00 = features[0]["geometry"]
    assert a00["type"] == "Polygon"
    lons, lats = zip(*a00["coordinates"][0], strict=True)
    assert min(lons) == pytest.approx(37.10, abs=1e-9) and max(lats) == pytest.approx(
        36.20, abs=1e-9
    )
    collection = json.loads(json.dumps({"type": "FeatureCollection", "features": features}))
    rows, problems = parse_control_geojson(collection, "control.geojson")
    assert problems == []
    assert [c for _, c in rows] == by_area_and_date(grid.control.changes)
    assert rows[0][0] == "$.features[0].properties"


def test_geojson_problems_are_placed() -> None:
    collection = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {
                    "area_id": "a-00",
                    "start": "2016-07-01",
                    "faction": "regime",
                    "confidence": "sure",
                    "source": "test",
                },
                "geometry": None,
            },
            {"type": "Feature", "properties": None, "geometry": None},
            {
                "type": "Feature",
                "properties": {
                    "area_id": "a-00",
                    "start": "July",
                    "faction": "regime",
                    "confidence": "claimed",
                    "source": "test",
                },
                "geometry": None,
            },
        ],
    }
    rows, problems = parse_control_geojson(collection, "c.geojson")
    assert rows == []
    assert [str(p) for p in problems] == [
        "c.geojson:$.features[0].properties: confidence 'sure' is not one of confirmed, claimed, contested",
        "c.geojson:$.features[1].properties: missing properties",
        "c.geojson:$.features[2].properties: start: not a date (YYYY-MM-DD): 'July'",
    ]


def test_scenario_with_geojson_control_gives_the_same_frames(
    grid: Scenario, tmp_path: Path
) -> None:
    folder = tmp_path / "temporal"
    scenario = grid_scenario()
    scenario["control"] = "control.geojson"
    path = write_scenario(folder, scenario=scenario)
    (folder / "control.csv").unlink()
    write_control_geojson(
        grid.control.changes,
        grid.geometries_wgs84,
        grid.meta.period.end,
        folder / "control.geojson",
    )
    temporal = load_scenario(path)
    assert by_area_and_date(temporal.control.changes) == by_area_and_date(grid.control.changes)
    for t in np.linspace(grid.start, grid.end, 97):
        a, b = grid.frame_at(float(t)), temporal.frame_at(float(t))
        assert np.array_equal(a.factions, b.factions)
        assert np.array_equal(a.confidences, b.confidences)
        assert np.array_equal(a.area_km2, b.area_km2)
        assert a.front_km == b.front_km
        assert [p.area_km2 for p in a.pieces] == [p.area_km2 for p in b.pieces]


def test_geojson_control_problems_name_the_feature(tmp_path: Path, grid: Scenario) -> None:
    folder = tmp_path / "bad"
    scenario = grid_scenario()
    scenario["control"] = "control.geojson"
    path = write_scenario(folder, scenario=scenario)
    features = control_features(grid.control.changes, grid.geometries_wgs84, grid.meta.period.end)
    features[7]["properties"]["faction"] = "isis"
    (folder / "control.geojson").write_text(
        json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8"
    )
    from aleppo_desktop.core.errors import ScenarioError

    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    assert [str(p) for p in info.value.problems] == [
        f"{(folder / 'control.geojson').resolve()}:$.features[7].properties: unknown faction 'isis'"
    ]


HEADER = "area_id,date,faction,confidence,source,note"
PLAIN_ROWS = "a-00,2016-07-01,regime,confirmed,s#1,\na-01,2016-07-02,rebel,claimed,s#2,a note\n"


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        (f"{HEADER}\n{PLAIN_ROWS}", True),
        (f"{HEADER}\n{PLAIN_ROWS}\n\n", True),  # blank lines hold no record
        (f"{HEADER}\n{PLAIN_ROWS}".replace(",a note", ", a note "), True),  # stripped
        (
            f"{HEADER},until\na-00,2016-07-01,regime,confirmed,s,,\na-00,2016-07-03,rebel,"
            "claimed,s,,2016-07-05\n",
            True,
        ),
        ("area_id,date,faction,confidence,source\na-00,2016-07-01,regime,confirmed,s\n", True),
        ("source,faction,area_id,date,confidence\ns,regime,a-00,2016-07-01,contested\n", True),
        (f"{HEADER}\n", True),  # no rows
        (f"{HEADER}\n{PLAIN_ROWS}".replace("\n", "\r\n"), False),
        (f'{HEADER}\na-00,2016-07-01,regime,confirmed,s,"a, b"\n', False),
        (f'{HEADER}\na-00,2016-07-01,regime,confirmed,s,"two\nlines"\n', False),
        (f"{HEADER}\na-00,2016-07-01,regime,confirmed,s,\x07\n", False),
        (f"{HEADER}\na-00,2016-07-01,regime,confirmed,s\n", False),  # a field short
        (f"{HEADER}\na-00,2016-07-01,regime,confirmed,s,,x\n", False),  # a field more
        (f"{HEADER}\na-00,2016-07-01, ,confirmed,s,\n", False),  # blank faction
        (f"{HEADER}\na-00,2016-7-01,regime,confirmed,s,\n", False),
        (f"{HEADER}\na-00,2016-07-01,regime,sure,s,\n", False),
        (f"{HEADER},until\na-00,2016-07-03,rebel,claimed,s,,2016-07-03\n", False),
        (f"{HEADER},until\na-00,2016-07-03,rebel,claimed,s,,soon\n", False),
        # an unknown column: plain, but the file has a problem, so it is read row by row
        (f"{HEADER},extra\na-00,2016-07-01,regime,confirmed,s,,x\n", True),
        (f"{HEADER},note\na-00,2016-07-01,regime,confirmed,s,,x\n", False),  # a name twice
        (f"\n{HEADER}\na-00,2016-07-01,regime,confirmed,s,\n", False),  # header on line 2
        (f"{HEADER}\na-00,2016-07-01,regime,confirmed,s,{'x' * 20_001}\n", False),
    ],
)
def test_plain_files_are_read_by_column_with_the_same_rows(
    text: str, plain: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A plain control CSV is read in a few passes over its columns (`_plain_rows`); anything
    else record by record. Both give the same rows and problems."""
    from aleppo_desktop.core import control_io

    header = text.splitlines()[0].split(",") if text.strip() else []
    assert (control_io._plain_rows(text, header) is not None) == plain
    fast = parse_control_csv(text, "c.csv")
    monkeypatch.setattr(control_io, "_plain_rows", lambda _text, _header: None)
    assert parse_control_csv(text, "c.csv") == fast


def test_the_bundled_and_generated_shapes_of_table_read_the_same_by_column(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from aleppo_desktop.core import control_io

    rows = [
        f"u-{k % 37:02d},{date(2016, 7, 1) + timedelta(days=k // 37)},"
        f"{('regime', 'rebel', 'ypg')[k % 3]},{('confirmed', 'claimed', 'contested')[k % 5 % 3]},"
        f"s#{k},{'note ' * (k % 2)}"
        for k in range(37 * 40)
    ]
    text = HEADER + "\n" + "\n".join(rows) + "\n"
    fast = parse_control_csv(text, "c.csv")
    assert len(fast[0]) == 37 * 40 and not fast[1]
    assert fast[0][5][0] == "line 7"
    monkeypatch.setattr(control_io, "_plain_rows", lambda _text, _header: None)
    assert parse_control_csv(text, "c.csv") == fast
