"""Editing operations (core/editing.py), saving (core/saving.py), recovery and new scenarios."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import textwrap
from datetime import UTC, date, datetime
from pathlib import Path

import numpy as np
import pytest
import shapely
import shapely.geometry

from aleppo_desktop.core.authoring import UNASSESSED, new_scenario
from aleppo_desktop.core.editing import (
    AddEvent,
    DeleteEvent,
    Document,
    EditRefused,
    MergeAreas,
    NewArea,
    RemoveControl,
    SetControl,
    SplitArea,
    UpdateEvent,
    apply_edit,
    open_document,
    split_polygon,
)
from aleppo_desktop.core.loading import load_scenario
from aleppo_desktop.core.recovery import find_recoveries, read_recovery, write_recovery
from aleppo_desktop.core.saving import save_document
from aleppo_desktop.core.timeline import day_number
from tests.conftest import kill_when_ready

WHEN = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)


@pytest.fixture
def grid_path(tmp_path: Path) -> Path:
    """The shared grid scenario with its corners rounded to 1e-6°, so neighbours share their
    vertices exactly (an exact coverage, as the bundled areas are)."""
    from tests.conftest import grid_areas, write_scenario

    areas = grid_areas()
    for feature in areas["features"]:
        ring = feature["geometry"]["coordinates"][0]
        feature["geometry"]["coordinates"][0] = [[round(x, 6), round(y, 6)] for x, y in ring]
    return write_scenario(tmp_path / "grid", areas=areas)


BUNDLED = Path(__file__).resolve().parents[2] / "data" / "aleppo-2016"


def edit(document: Document, change, reason: str = "test") -> Document:
    return apply_edit(document, change, "Analyst A", reason, WHEN)


def check_partition(document: Document, instants: int = 200, seed: int = 1) -> None:
    """At random instants every area unit is held, once: the faction km² add up to the whole map
    and the pieces of a swept unit tile it; the WGS84 units are an exact coverage."""
    scenario = document.scenario
    geometries = np.array([a.geometry for a in document.areas], dtype=object)
    assert shapely.coverage_is_valid(geometries)
    union = shapely.coverage_union_all(geometries)
    assert all(len(p.interiors) == 0 for p in shapely.get_parts(union))
    total = sum(a.area_km2 for a in scenario.areas)
    rng = np.random.default_rng(seed)
    for t in rng.uniform(scenario.start, scenario.end, instants):
        frame = scenario.frame_at(float(t))
        assert frame.area_km2.sum() == pytest.approx(total, rel=1e-9)
        for piece in frame.pieces:
            assert scenario.areas[piece.area_index].area_km2 >= piece.area_km2


# --- control -------------------------------------------------------------------------------------


def test_set_control_from_a_date_changes_the_map_from_that_day(grid_path: Path) -> None:
    document = open_document(grid_path)
    edited = edit(
        document,
        SetControl(("a-00", "a-10"), date(2016, 7, 8), "rebel", "claimed", "test#x", "note"),
        "the sources say so",
    )
    control = edited.scenario.control
    before, after = day_number(date(2016, 7, 7)), day_number(date(2016, 7, 8))
    for area in ("a-00", "a-10"):
        assert control.holding_at(area, before).faction == "regime"
        assert control.holding_at(area, after).faction == "rebel"
        assert control.holding_at(area, after).note == "note"
    assert document.scenario.control.holding_at("a-00", after).faction == "regime"  # unchanged
    (entry,) = edited.log
    assert (entry.who, entry.reason, entry.when) == (
        "Analyst A",
        "the sources say so",
        "2026-12-03T09:00:00+00:00",
    )
    assert "a-00, a-10" in entry.summary
    frame = edited.scenario.frame_at(after + 0.5)
    rebel = edited.scenario.faction_index["rebel"]
    assert frame.factions[edited.scenario.area_index["a-00"]] == rebel


def test_set_control_over_a_window_and_remove_it(grid_path: Path) -> None:
    document = open_document(grid_path)
    windowed = edit(
        document,
        SetControl(("a-01",), date(2016, 7, 3), "rebel", "claimed", "test", until=date(2016, 7, 6)),
    )
    control = windowed.scenario.control
    assert control.window_at("a-01", day_number(date(2016, 7, 4))) is not None
    assert control.holding_at("a-01", day_number(date(2016, 7, 5))).faction == "regime"
    assert control.holding_at("a-01", day_number(date(2016, 7, 6))).faction == "rebel"
    removed = edit(windowed, RemoveControl(("a-01",), date(2016, 7, 3)))
    assert removed.scenario.control.history("a-01") == document.scenario.control.history("a-01")


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (SetControl(("a-00",), date(2016, 7, 8), "nobody", "claimed", "test"), "unknown faction"),
        (
            SetControl(("a-00",), date(2016, 7, 8), "regime", "claimed", "nosuch#1"),
            "unknown source",
        ),
        (SetControl(("zz",), date(2016, 7, 8), "regime", "claimed", "test"), "unknown area 'zz'"),
        (
            SetControl(("a-00",), date(2016, 8, 8), "regime", "claimed", "test"),
            "outside the period",
        ),
        (SetControl(("a-00",), date(2016, 7, 8), "regime", "confirmed", "test"), "already holds"),
        (RemoveControl(("a-00",), date(2016, 7, 1)), "period start"),
        (DeleteEvent("e2"), "referred to by e3"),
        (AddEvent({"id": "e1", "date": {"start": "2016-07-02"}}), "already exists"),
    ],
)
def test_an_invalid_edit_is_refused_with_its_reason(grid_path: Path, change, reason) -> None:
    document = open_document(grid_path)
    with pytest.raises(EditRefused) as refused:
        edit(document, change)
    assert reason in refused.value.reason
    assert document.log == ()


def test_an_edit_needs_a_reason(grid_path: Path) -> None:
    document = open_document(grid_path)
    change = SetControl(("a-00",), date(2016, 7, 8), "regime", "claimed", "test")
    with pytest.raises(EditRefused, match="say why"):
        apply_edit(document, change, "Analyst A", "  ")


# --- events --------------------------------------------------------------------------------------


def test_add_edit_and_delete_an_event(grid_path: Path) -> None:
    document = open_document(grid_path)
    event = {
        "id": "e4",
        "date": {"start": "2016-07-09", "precision": "approximate"},
        "kind": "bombardment",
        "title": "Shelling",
        "summary": "Cells shelled.",
        "source": "test#p9",
        "chapter": "Shelling",
        "location": {"areas": ["a-11"]},
    }
    added = edit(document, AddEvent(event))
    assert [e.id for e in added.scenario.events] == ["e1", "e4", "e2", "e3"]
    assert added.scenario.events[1].chapter == "Shelling"
    renamed = edit(added, UpdateEvent("e2", {**added.data["events"][1], "id": "e2b"}))
    assert renamed.data["events"][2]["outcome"] == "e2b"  # e3's outcome follows the rename
    with pytest.raises(EditRefused, match="unknown area"):
        edit(added, UpdateEvent("e4", {**event, "location": {"areas": ["nowhere"]}}))
    deleted = edit(added, DeleteEvent("e4"))
    assert deleted.data == document.data


# --- area units ----------------------------------------------------------------------------------


def split_line(document: Document, area_id: str) -> tuple[tuple[float, float], ...]:
    """A north-south line through the unit's centre, reaching past it on both sides."""
    geometry = document.area(area_id).geometry
    x = geometry.centroid.x + 0.0013  # off-centre: the parts differ in size
    _, ymin, _, ymax = geometry.bounds
    return ((x, ymin - 0.001), (x, ymax + 0.001))


def test_split_keeps_the_partition_and_the_history(grid_path: Path) -> None:
    document = open_document(grid_path)
    parts = (NewArea("a-12w", "Cell 12 west"), NewArea("a-12e", "Cell 12 east"))
    split = edit(document, SplitArea("a-12", split_line(document, "a-12"), parts, "test#cut"))
    ids = [a.id for a in split.areas]
    assert "a-12" not in ids and ids.index("a-12w") + 1 == ids.index("a-12e")
    history = [(c.date, c.faction, c.confidence) for c in document.scenario.control.history("a-12")]
    for part in ("a-12w", "a-12e"):
        inherited = split.scenario.control.history(part)
        assert [(c.date, c.faction, c.confidence) for c in inherited] == history
    whole = document.scenario.areas[document.scenario.area_index["a-12"]].area_km2
    halves = [
        split.scenario.areas[split.scenario.area_index[p]].area_km2 for p in ("a-12w", "a-12e")
    ]
    assert sum(halves) == pytest.approx(whole, rel=1e-9)
    assert halves[0] > halves[1]  # the line is east of the centre
    assert document.scenario.exact_coverage and split.scenario.exact_coverage
    check_partition(split)


def test_merge_keeps_the_partition_and_refuses_different_histories(grid_path: Path) -> None:
    document = open_document(grid_path)
    # a-00 and a-01 differ (a-01's history is its own): refused with the reason
    with pytest.raises(EditRefused, match="different control histories"):
        edit(document, MergeAreas(("a-00", "a-02"), NewArea("a-0x", "Row 0"), "test"))
    with pytest.raises(EditRefused, match="one piece"):
        edit(document, MergeAreas(("a-00", "a-20"), NewArea("a-0x", "X"), "test"))
    merged = edit(document, MergeAreas(("a-00", "a-10"), NewArea("a-0010", "Cells 00+10"), "test"))
    scenario = merged.scenario
    assert "a-00" not in scenario.area_index and "a-10" not in scenario.area_index
    area = scenario.areas[scenario.area_index["a-0010"]].area_km2
    before = document.scenario
    assert area == pytest.approx(
        before.areas[before.area_index["a-00"]].area_km2
        + before.areas[before.area_index["a-10"]].area_km2
    )
    assert shapely.get_num_interior_rings(merged.area("a-0010").geometry) == 0
    check_partition(merged)


def test_split_refuses_a_line_that_does_not_cross(grid_path: Path) -> None:
    document = open_document(grid_path)
    geometry = document.area("a-12").geometry
    c = geometry.centroid
    inside = ((c.x, c.y), (c.x + 0.001, c.y))
    parts = (NewArea("p", "P"), NewArea("q", "Q"))
    with pytest.raises(EditRefused, match="edge to edge"):
        edit(document, SplitArea("a-12", inside, parts, "test"))
    with pytest.raises(EditRefused, match="already used"):
        edit(
            document,
            SplitArea(
                "a-12", split_line(document, "a-12"), (NewArea("a-11", "x"), parts[1]), "test"
            ),
        )


@pytest.mark.slow
def test_split_and_merge_in_the_bundled_scenario_keep_its_partition(tmp_path: Path) -> None:
    document = open_document(BUNDLED)
    unit = next(  # the first unit the line cuts in two
        a.id
        for a in document.areas
        if len(split_polygon(a.geometry, shapely.LineString(split_line(document, a.id)))) == 2
    )
    parts = (NewArea("nb-30-w", "West"), NewArea("nb-30-e", "East"))
    split = edit(document, SplitArea(unit, split_line(document, unit), parts, "brief"))
    assert split.scenario.exact_coverage
    check_partition(split, instants=200)
    merged = edit(split, MergeAreas(("nb-30-w", "nb-30-e"), NewArea(unit, "Merged"), "brief"))
    back = shapely.symmetric_difference(merged.area(unit).geometry, document.area(unit).geometry)
    assert back.area < 1e-14  # the unit again (plus the cut's two vertices on its edges)
    check_partition(merged, instants=50, seed=2)


# --- saving --------------------------------------------------------------------------------------


def test_save_reload_gives_the_same_scenario(grid_path: Path, tmp_path: Path) -> None:
    document = open_document(grid_path)
    document = edit(document, SetControl(("a-00",), date(2016, 7, 8), "rebel", "claimed", "test"))
    parts = (NewArea("a-12w", "W"), NewArea("a-12e", "E"))
    document = edit(document, SplitArea("a-12", split_line(document, "a-12"), parts, "test"))
    saved = save_document(document, tmp_path / "copy")
    back = open_document(tmp_path / "copy")
    assert back.equivalent(saved)
    assert back.log == saved.log and len(back.log) == 2
    assert back.data["format_version"] == 2  # saved as format 2
    csv_lines = (tmp_path / "copy" / "control.csv").read_text().splitlines()
    assert csv_lines[1:] == sorted(csv_lines[1:])  # one row per line, area then date
    text = (tmp_path / "copy" / "scenario.json").read_text()
    assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    again = save_document(back, tmp_path / "copy")  # a second save changes nothing
    assert again.equivalent(back)
    assert (tmp_path / "copy" / "scenario.json").read_text() == text


def test_the_bundled_scenario_round_trips_format_2(tmp_path: Path) -> None:
    document = open_document(BUNDLED)
    save_document(document, tmp_path / "aleppo")
    back = open_document(tmp_path / "aleppo")
    assert back.equivalent(document)
    assert back.scenario.regions and back.scenario.disputes
    assert any(c.until for c in back.scenario.control.changes)


def test_a_kill_during_save_leaves_the_previous_files(grid_path: Path, tmp_path: Path) -> None:
    folder = grid_path.parent
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    script = textwrap.dedent(
        f"""
        import os, signal
        from datetime import date
        from pathlib import Path
        from aleppo_desktop.core import saving
        from aleppo_desktop.core.editing import SetControl, apply_edit, open_document
        doc = open_document({str(grid_path)!r})
        doc = apply_edit(doc, SetControl(("a-00",), date(2016, 7, 8), "rebel", "claimed",
                         "test"), "A", "test")
        files = saving.document_files(doc, Path({str(folder)!r}))
        last = list(files)[-1]
        def die(path):
            os.kill(os.getpid(), signal.SIGKILL)
        files[last] = die  # killed while writing the last temporary
        saving.write_files_atomically(files)
        """
    )
    process = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=60)
    assert process.returncode == -signal.SIGKILL, process.stderr.decode()
    after = {p.name: p.read_bytes() for p in folder.iterdir() if not p.name.endswith(".saving")}
    assert after == before
    load_scenario(folder)


# --- recovery ------------------------------------------------------------------------------------


def test_work_killed_with_sigkill_is_recovered(grid_path: Path, tmp_path: Path) -> None:
    root = tmp_path / "recovery"
    saved = grid_path.read_bytes()
    script = textwrap.dedent(
        f"""
        import time
        from datetime import date
        from pathlib import Path
        from aleppo_desktop.core.editing import SetControl, apply_edit, open_document
        from aleppo_desktop.core.recovery import recovery_folder, write_recovery
        doc = open_document({str(grid_path)!r})
        doc = apply_edit(doc, SetControl(("a-00",), date(2016, 7, 8), "rebel", "claimed",
                         "test"), "A", "unsaved work")
        write_recovery(doc, recovery_folder(Path({str(root)!r}), doc.scenario.path))
        print("ready", flush=True)
        time.sleep(60)
        """
    )
    kill_when_ready(script)
    (found,) = find_recoveries(root)
    recovered = read_recovery(found)
    assert recovered.document.scenario.path == grid_path.resolve()
    assert (
        recovered.document.scenario.control.holding_at("a-00", day_number(date(2016, 7, 9))).faction
        == "rebel"
    )
    assert recovered.document.log[-1].reason == "unsaved work"
    assert grid_path.read_bytes() == saved  # the saved scenario was not touched
    assert (
        open_document(grid_path)
        .scenario.control.holding_at("a-00", day_number(date(2016, 7, 9)))
        .faction
        == "regime"
    )


def test_recovery_of_the_bundled_scenario_keeps_its_basemap(tmp_path: Path) -> None:
    document = open_document(BUNDLED)
    write_recovery(document, tmp_path / "r")
    copied = (tmp_path / "r" / "basemap").stat().st_mtime_ns
    write_recovery(document, tmp_path / "r")  # the layers are copied once, not every autosave
    assert (tmp_path / "r" / "basemap").stat().st_mtime_ns == copied
    recovered = read_recovery(tmp_path / "r").document
    assert recovered.equivalent(document)
    assert set(recovered.scenario.basemaps_by_id) == set(document.scenario.basemaps_by_id)


# --- new scenario --------------------------------------------------------------------------------


def polygons_with_gap_and_overlap(path: Path) -> Path:
    """A 3 x 3 grid of squares (WGS84) without its centre (a gap); the first square is widened
    over its eastern neighbour (an overlap)."""
    d = 0.01
    features = []
    for i in range(3):
        for j in range(3):
            if (i, j) == (1, 1):
                continue
            x0, y0 = round(37.1 + i * d, 6), round(36.2 + j * d, 6)
            x1, y1 = round(x0 + d + (0.003 if (i, j) == (0, 0) else 0), 6), round(y0 + d, 6)
            ring = [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]
            features.append(
                {
                    "type": "Feature",
                    "properties": {"id": f"u{i}{j}", "name": f"Unit {i}{j}"},
                    "geometry": {"type": "Polygon", "coordinates": [ring]},
                }
            )
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    return path


def test_new_scenario_from_polygons_with_gaps_and_overlaps(tmp_path: Path) -> None:
    areas = polygons_with_gap_and_overlap(tmp_path / "mine.geojson")
    from aleppo_desktop.core.errors import ScenarioError

    with pytest.raises(ScenarioError) as refused:
        new_scenario(areas, tmp_path / "plain", template=BUNDLED)
    text = "\n".join(str(p) for p in refused.value.problems)
    assert "u00 and u10 overlap" in text and "gap:" in text and "--snap" in text
    assert not (tmp_path / "plain" / "scenario.json").exists()
    report = new_scenario(
        areas,
        tmp_path / "new",
        snap=True,
        template=BUNDLED,
        start=date(2020, 1, 1),
        end=date(2020, 3, 1),
    )
    assert report.units == 8 and report.overlaps and report.gaps
    document = open_document(tmp_path / "new")
    scenario = document.scenario
    assert len(scenario.areas) == 8 and scenario.exact_coverage
    assert {c.faction for c in scenario.control.changes} == {UNASSESSED}
    assert "regime" in scenario.faction_index  # factions from the template
    check_partition(document, instants=20)
    # the same editing builds the campaign
    edited = edit(document, SetControl(("u00",), date(2020, 2, 1), "regime", "claimed", "areas"))
    assert (
        edited.scenario.control.holding_at("u00", day_number(date(2020, 2, 2))).faction == "regime"
    )


def test_cli_new(tmp_path: Path, capsys) -> None:
    from aleppo_desktop.cli import main

    areas = polygons_with_gap_and_overlap(tmp_path / "mine.geojson")
    assert main(["new", "--areas", str(areas), "--out", str(tmp_path / "x")]) == 1
    assert "--snap" in capsys.readouterr().err
    assert main(["new", "--areas", str(areas), "--out", str(tmp_path / "x"), "--snap"]) == 0
    assert "8 area units" in capsys.readouterr().out
    assert main(["validate", str(tmp_path / "x")]) == 0


def test_new_scenario_from_a_geopackage_in_another_crs(tmp_path: Path) -> None:
    """GeoPackage (pyogrio), in UTM: read, projected to WGS84, snapped like GeoJSON."""
    import pyogrio.raw

    from aleppo_desktop.core.geometry import to_map

    geojson = polygons_with_gap_and_overlap(tmp_path / "mine.geojson")
    features = json.loads(geojson.read_text())["features"]
    geometries = to_map(
        np.array([shapely.geometry.shape(f["geometry"]) for f in features], dtype=object)
    )
    gpkg = tmp_path / "mine.gpkg"
    pyogrio.raw.write(
        str(gpkg),
        shapely.to_wkb(geometries),
        [np.array([f["properties"]["id"] for f in features], dtype=object)],
        ["id"],
        layer="districts",
        driver="GPKG",
        geometry_type="Polygon",
        crs="EPSG:32637",
    )
    report = new_scenario(gpkg, tmp_path / "from-gpkg", snap=True, template=BUNDLED)
    assert report.units == 8 and report.overlaps and report.gaps
    scenario = open_document(tmp_path / "from-gpkg").scenario
    assert sorted(scenario.area_index) == sorted(f["properties"]["id"] for f in features)
    assert scenario.exact_coverage


def test_a_control_edit_recomputes_only_the_sweeps_it_touched(grid_path: Path) -> None:
    """The edited scenario's frames keep the sweeps the edit left alone and equal the frames of a
    builder made from scratch at every sweep."""
    from aleppo_desktop.core.frames import FrameBuilder

    document = open_document(grid_path)
    document.scenario.frames.precompute()
    before = len(document.scenario.frames.transitions)
    # a-20 (far from the other changes) changes hands on 07-08: one new sweep, others kept
    edited = edit(document, SetControl(("a-20",), date(2016, 7, 8), "rebel", "confirmed", "test"))
    frames = edited.scenario.frames
    assert len(frames.transitions) == before + 1
    kept = [n for n in range(len(frames.transitions)) if frames.is_cached(n)]
    assert 0 < len(kept) < len(frames.transitions)
    fresh = FrameBuilder(edited.scenario)
    for tr in frames.transitions:
        t = (tr.window_start + tr.day) / 2
        a, b = frames.frame_at(t), fresh.frame_at(t)
        assert np.array_equal(a.factions, b.factions)
        assert a.area_km2 == pytest.approx(b.area_km2) and a.front_km == pytest.approx(b.front_km)
        assert [p.area_km2 for p in a.pieces] == pytest.approx([p.area_km2 for p in b.pieces])


def test_a_control_edit_recomputes_only_the_transitions_it_touched(grid_path: Path) -> None:
    """Counted: after a control edit, the sweeps computed again are the new transition's and
    those whose direction the edit changed (every one of them), all in the edited unit or its
    neighbours; the other sweeps are taken over."""
    from aleppo_desktop.core.frames import FrameBuilder

    document = open_document(grid_path)
    old = document.scenario.frames
    assert old.precompute() is True
    edited = edit(document, SetControl(("a-20",), date(2016, 7, 8), "rebel", "confirmed", "test"))
    frames = edited.scenario.frames
    computed: list[int] = []
    sweeps_of = frames._sweeps_of

    def counting(jobs):
        computed.extend(n for n, _ in jobs)
        return sweeps_of(jobs)

    frames._sweeps_of = counting  # type: ignore[method-assign]
    assert frames.precompute() is True
    old_index = {tr: n for n, tr in enumerate(old.transitions)}
    fresh = FrameBuilder(edited.scenario)
    new = {n for n, tr in enumerate(frames.transitions) if tr not in old_index}
    turned = {
        n
        for n, tr in enumerate(frames.transitions)
        if tr in old_index and fresh._direction(n) != old._direction(old_index[tr])
    }
    a20 = edited.scenario.area_index["a-20"]
    near = {a20} | {
        int(frames.edge_b[e] if frames.edge_a[e] == a20 else frames.edge_a[e])
        for e in frames.area_edges[a20]
    }
    assert len(new) == 1  # a-20 changes hands on 07-08
    assert sorted(computed) == sorted(new | turned)  # one sweep computed, once
    assert all(frames.transitions[n].area in near for n in computed)
    assert len(frames.transitions) == 6  # the five others were taken over
