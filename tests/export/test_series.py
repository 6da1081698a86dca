"""The daily series CSV: whole-map columns, then per region km² per faction, % of the period start
and front, computed by hand on the grid in format 2; written through the CLI and cancellable."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from aleppo_desktop.cli import main
from aleppo_desktop.core.loading import load_scenario
from aleppo_desktop.export.series import series_header, write_series_csv
from tests.conftest import km2, write_scenario
from tests.core.format2 import EAST, format2_scenario


@pytest.fixture(scope="module")
def grid2_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_scenario(tmp_path_factory.mktemp("series") / "grid", format2_scenario())


def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_header_whole_map_then_each_region(grid2_path: Path) -> None:
    s = load_scenario(grid2_path)
    header = series_header(s)
    assert header[:5] == ["date", "regime_km2", "rebel_km2", "ypg_km2", "front_km"]
    assert header[5:12] == [
        "east_regime_km2",
        "east_rebel_km2",
        "east_ypg_km2",
        "east_regime_pct_of_start",
        "east_rebel_pct_of_start",
        "east_ypg_pct_of_start",
        "east_front_km",
    ]
    assert len(header) == 5 + 3 * 7


def test_region_columns_by_hand(grid2_path: Path, tmp_path: Path) -> None:
    s = load_scenario(grid2_path)
    rows = read(write_series_csv(s, tmp_path / "series.csv"))
    assert len(rows) == 20
    by_date = {r["date"]: r for r in rows}
    first, tenth, last = by_date["2016-07-01"], by_date["2016-07-10"], by_date["2016-07-20"]
    assert float(first["east_rebel_km2"]) == pytest.approx(km2(s, *EAST[:5]), abs=1e-4)
    assert first["east_rebel_pct_of_start"] == "100.00"
    assert first["east_regime_pct_of_start"] == ""  # held nothing in east on 1 Jul
    assert float(tenth["east_rebel_km2"]) == pytest.approx(km2(s, "a-03", "a-13"), abs=1e-4)
    assert float(tenth["east_rebel_pct_of_start"]) == pytest.approx(
        100 * km2(s, "a-03", "a-13") / km2(s, *EAST[:5]), abs=0.005
    )
    assert last["east_rebel_pct_of_start"] == "0.00"
    assert float(last["col3_ypg_pct_of_start"]) == pytest.approx(200.0, rel=0.01)
    for row in rows:  # the region of every cell is the whole map, day by day
        for f in ("regime", "rebel", "ypg"):
            assert row[f"all_{f}_km2"] == row[f"{f}_km2"], row["date"]
        assert row["all_front_km"] == row["front_km"]
    assert float(first["east_front_km"]) == float(first["front_km"])


def test_format_1_series_has_no_region_columns(grid_path: Path, tmp_path: Path) -> None:
    rows = read(write_series_csv(load_scenario(grid_path), tmp_path / "series.csv"))
    assert list(rows[0]) == ["date", "regime_km2", "rebel_km2", "ypg_km2", "front_km"]


def test_cli_writes_the_region_columns(grid2_path: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "s.csv"
    code = main(["export", "csv", str(grid2_path), "--table", "series", "-o", str(out), "-q"])
    assert code == 0, capsys.readouterr().err
    assert read(out)[9]["east_rebel_km2"] == f"{km2(load_scenario(grid2_path), 'a-03', 'a-13'):.4f}"


def test_cancelled_series_leaves_no_file(grid2_path: Path, tmp_path: Path) -> None:
    from aleppo_desktop.export.atomic import ExportCancelled

    target = tmp_path / "out.csv"
    with pytest.raises(ExportCancelled):
        write_series_csv(load_scenario(grid2_path), target, lambda fraction: fraction == 0)
    assert list(tmp_path.iterdir()) == []
