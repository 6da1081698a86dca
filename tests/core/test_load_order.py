"""The loader's faster paths (issue 14) name the same problems in the same order: polygons built and
checked for all units at once, the partition checked on a worker thread beside the control table."""

from __future__ import annotations

from pathlib import Path

import pytest

from aleppo_desktop.core.errors import ScenarioError
from aleppo_desktop.core.loading import load_scenario
from tests.conftest import CONTROL_ROWS, grid_areas, write_scenario


def _problems(path: Path) -> list[str]:
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    return [f"{p.place}: {p.message}" for p in info.value.problems]


def test_each_polygon_problem_follows_its_own_feature(tmp_path: Path) -> None:
    areas = grid_areas()
    features = areas["features"]
    bowtie = [[37.10, 36.20], [37.11, 36.21], [37.11, 36.20], [37.10, 36.21], [37.10, 36.20]]
    features[0]["properties"]["name_en"] = ""
    features[0]["geometry"]["coordinates"] = [bowtie]
    features[1]["properties"]["kind"] = " "
    features[2]["geometry"]["coordinates"] = [[[x + 40, y] for x, y in r] for r in [bowtie]]
    features[3]["geometry"] = {"type": "MultiPolygon", "coordinates": [[bowtie]]}
    features[4]["properties"]["source"] = ""
    problems = _problems(write_scenario(tmp_path / "s", areas=areas))
    assert [p.split(":")[0] for p in problems] == [
        "$.features[0].properties.name_en",
        "$.features[0].geometry",
        "$.features[1].properties.kind",
        "$.features[2].geometry",
        "$.features[3].geometry",
        "$.features[4].properties.source",
    ]
    assert problems[1].startswith("$.features[0].geometry: invalid polygon: Self-intersection")
    assert "where the map's projection" in problems[3]
    assert problems[4].startswith("$.features[3].geometry: invalid polygon")


def test_partition_problems_come_before_the_control_tables(tmp_path: Path) -> None:
    """The overlap, found on the worker thread, is named where the synchronous check named it:
    after the units, before the control table's problems."""
    areas = grid_areas()
    ring = areas["features"][1]["geometry"]["coordinates"][0]
    areas["features"][0]["geometry"]["coordinates"] = [ring]  # a duplicate of a-01
    rows = [*CONTROL_ROWS, "a-00,2016-07-20,nobody,confirmed,test#p5,"]
    problems = _problems(write_scenario(tmp_path / "s", areas=areas, control=rows))
    overlap = next(i for i, p in enumerate(problems) if "same polygon" in p)
    nobody = next(i for i, p in enumerate(problems) if "nobody" in p)
    assert overlap < nobody
    assert all("features" in p for p in problems[: overlap + 1])


def test_the_partition_result_reaches_the_scenario(tmp_path: Path) -> None:
    exact = grid_areas()  # corners rounded to 1e-6°: shared edges match vertex for vertex
    for feature in exact["features"]:
        ring = feature["geometry"]["coordinates"][0]
        feature["geometry"]["coordinates"][0] = [[round(x, 6), round(y, 6)] for x, y in ring]
    scenario = load_scenario(write_scenario(tmp_path / "exact", areas=exact))
    assert scenario.exact_coverage
    assert len(scenario.areas) == len(exact["features"])
    assert not load_scenario(write_scenario(tmp_path / "grid")).exact_coverage  # float corners


@pytest.mark.parametrize(
    "text",
    [
        '{"a": 1, "a": [2.5, -0, 1e-400, 1.0000000000000002, "\\u00e9", null, true]}',
        "[NaN, Infinity]",  # orjson refuses these: json reads them, as before
        "[1E400]",
        '"\\ud800"',
        "[" * 2000 + "]" * 2000,  # nested deeper than orjson goes
        '{"a": 1,}',  # malformed: the standard library's error
        "[18446744073709551615, -9223372036854775808]",
    ],
)
def test_parse_json_reads_as_the_standard_library(text: str) -> None:
    import json

    from aleppo_desktop.core.loading import parse_json

    try:
        expected: object = json.loads(text)
    except (ValueError, RecursionError) as exc:
        with pytest.raises(type(exc)) as info:
            parse_json(text)
        assert str(info.value) == str(exc)
    else:
        assert repr(parse_json(text)) == repr(expected)


@pytest.mark.parametrize(
    "text",
    [
        "area_id,date,faction,confidence,source,note\na-00,2016-07-01,regime,confirmed,s,fine\n",
        "area_id,date,faction,confidence,source,note\r\na-00,2016-07-01,regime,confirmed,s,ok\r\n",
        'area_id,date,faction,confidence,source,note\na-00,2016-07-01,regime,confirmed,s,"a\rb"\n',
        "area_id,date,faction,confidence,source,note\na-00,2016-07-01,regime,confirmed,s\x07,n\n",
        "area_id,date,faction,confidence,source,note\r\na-00,2016-07-01,reg\x1fime,confirmed,s,\r\n",
        "area_id,date,faction,confidence,source,note\na-00,2016-07-01,regime,confirmed,s,"
        + "x" * 20_001
        + "\n",
    ],
)
def test_control_texts_checked_once_per_file_find_the_same(text: str, monkeypatch) -> None:
    """The CSV reader looks for control characters in the whole text once (`text_checker`): the
    rows and problems are those of checking every field."""
    from aleppo_desktop.core import control_io, limits

    fast = control_io.parse_control_csv(text, "c.csv")
    monkeypatch.setattr(control_io, "text_checker", lambda _whole: limits.text_problem)
    assert control_io.parse_control_csv(text, "c.csv") == fast
    bad = any(part in text for part in ("\x07", "\x1f", "a\rb", "x" * 20_001))
    assert bool(fast[1]) == bad  # line ends are no problem; the others are named
