"""An edit of area units validates only the units it made and their neighbours
(`core.loading.EditedAreas`), and finds only their shared boundaries (`FrameBuilder` built on the
previous one): on random edits, the answers equal those of a full validation and a new builder."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
import shapely
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aleppo_desktop.core.editing import (
    AreaFeature,
    Document,
    EditRefused,
    NewArea,
    SplitArea,
    apply_edit,
    edited_areas,
    open_document,
)
from aleppo_desktop.core.errors import Problem
from aleppo_desktop.core.frames import FrameBuilder
from aleppo_desktop.core.loading import areas_from_geojson

LABEL = "areas.geojson"


@pytest.fixture(scope="module")
def grid(tmp_path_factory: pytest.TempPathFactory) -> Document:
    """The grid scenario, corners rounded so neighbours share vertices (an exact coverage)."""
    from tests.conftest import grid_areas, write_scenario

    areas = grid_areas()
    for feature in areas["features"]:
        ring = feature["geometry"]["coordinates"][0]
        feature["geometry"]["coordinates"][0] = [[round(x, 6), round(y, 6)] for x, y in ring]
    return open_document(write_scenario(tmp_path_factory.mktemp("grid") / "grid", areas=areas))


def validations(document: Document, areas: tuple[AreaFeature, ...]) -> list[Problem]:
    """Validate `areas` (an edit of the document's) incrementally and in full; both must give the
    same problems, or the same units and exact-coverage flag. Returns the problems."""
    incremental: list[Problem] = []
    full: list[Problem] = []
    edited = edited_areas(document, areas)
    assert sum(isinstance(item, dict) for item in edited.items) < len(areas)  # some units reused
    units, exact = areas_from_geojson(edited, LABEL, incremental)
    collection = {"type": "FeatureCollection", "features": [a.to_feature() for a in areas]}
    fresh, fresh_exact = areas_from_geojson(collection, LABEL, full)
    assert sorted(map(str, incremental)) == sorted(map(str, full))
    if not full:
        assert exact == fresh_exact
        assert [u.id for u in units] == [u.id for u in fresh]
        for a, b in zip(units, fresh, strict=True):
            assert shapely.equals_exact(a.geometry, b.geometry, 0.0)
            assert (a.name_en, a.kind, a.source, a.area_km2) == (
                b.name_en,
                b.kind,
                b.source,
                b.area_km2,
            )
    return full


def same_frames(builder: FrameBuilder, fresh: FrameBuilder) -> None:
    """The same shared boundaries (pairs, lengths, lines), hence the same frames."""
    assert builder.edge_a.tolist() == fresh.edge_a.tolist()
    assert builder.edge_b.tolist() == fresh.edge_b.tolist()
    assert builder.edge_km.tolist() == pytest.approx(fresh.edge_km.tolist())
    assert builder.area_edges == fresh.area_edges
    for a, b in zip(builder.edge_geometries, fresh.edge_geometries, strict=True):
        assert shapely.equals(a, b)
    scenario = fresh.scenario
    for t in np.linspace(scenario.start, scenario.end, 13):
        x, y = builder.frame_at(float(t)), fresh.frame_at(float(t))
        assert x.factions.tolist() == y.factions.tolist()
        assert x.front_km == pytest.approx(y.front_km)
        assert x.area_km2 == pytest.approx(y.area_km2)


def spoiled(document: Document, kind: str, k: int, dx: float, dy: float) -> tuple[AreaFeature, ...]:
    """The document's units with unit k spoiled: a vertex moved (an overlap, a gap or a bow
    tie), the unit shifted, removed, or merged with a neighbour."""
    areas = list(document.areas)
    unit = areas[k]
    if kind == "vertex":
        shell = shapely.get_coordinates(unit.geometry.exterior)
        j = 1 + int(abs(dx) * 1e6) % (len(shell) - 2)
        shell[j] += (dx, dy)
        areas[k] = dataclasses.replace(unit, geometry=shapely.Polygon(shell))
    elif kind == "shift":
        areas[k] = dataclasses.replace(
            unit, geometry=shapely.affinity.translate(unit.geometry, dx, dy)
        )
    elif kind == "remove":
        del areas[k]
    else:  # merge with the first neighbour
        tree = shapely.STRtree(np.array([a.geometry for a in areas], dtype=object))
        neighbours = [j for j in tree.query(unit.geometry, predicate="touches") if j != k]
        j = int(neighbours[0])
        merged = shapely.union(unit.geometry, areas[j].geometry)
        areas[k] = dataclasses.replace(unit, geometry=merged)
        del areas[j]
    return tuple(areas)


@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    st.lists(
        st.tuples(
            st.floats(0, 1),  # which unit
            st.floats(0.05, 0.95),  # where the cut crosses the unit
            st.floats(-1.2, 1.2),  # its slope
            st.sampled_from(["vertex", "shift", "remove", "merge"]),
            st.floats(-0.004, 0.004),
            st.floats(-0.004, 0.004),
        ),
        min_size=1,
        max_size=3,
    )
)
def test_incremental_validation_equals_a_full_one(grid: Document, edits) -> None:
    """A chain of random splits (each through `apply_edit`, validated incrementally on top of the
    last) gives the units a full validation gives; a random spoiled unit after each is refused
    with the same problems as by a full validation, or accepted alike."""
    document = grid
    for n, (which, at, slope, kind, dx, dy) in enumerate(edits):
        k = min(int(which * len(document.areas)), len(document.areas) - 1)
        unit = document.areas[k]
        xmin, ymin, xmax, ymax = unit.geometry.bounds
        x = xmin + at * (xmax - xmin)
        y = (ymin + ymax) / 2
        half = ymax - ymin
        line = ((x - slope * half, y - half), (x + slope * half, y + half))
        parts = (NewArea(f"s{n}-a", "A"), NewArea(f"s{n}-b", "B"))
        document.scenario.frames  # noqa: B018 (the builder the edited one takes over from)
        try:
            document = apply_edit(document, SplitArea(unit.id, line, parts, "test"), "A", "test")
        except EditRefused:
            pass  # the line cut the unit into other than two parts
        else:  # validated on top of the last edit; from the grid, incrementally and in full
            assert validations(grid, document.areas) == []
            same_frames(document.scenario.frames, FrameBuilder(document.scenario))
        validations(document, spoiled(document, kind, k % len(document.areas), dx, dy))


def test_spoiled_units_are_refused_alike(grid: Document) -> None:
    """The refusals the random search should meet, checked once each: an overlap, a gap, an
    invalid polygon; a merge of neighbours is accepted."""
    assert any(
        "overlaps" in p.message for p in validations(grid, spoiled(grid, "shift", 5, 0.003, 0))
    )
    assert any("gap" in p.message for p in validations(grid, spoiled(grid, "remove", 5, 0, 0)))
    assert validations(grid, spoiled(grid, "vertex", 5, 0.03, 0.0))  # a bow tie or an overlap
    assert validations(grid, spoiled(grid, "merge", 5, 0, 0)) == []


def test_a_split_relates_only_the_units_it_touched(grid: Document, monkeypatch) -> None:
    """The overlap check of a split asks the spatial index about the new units only."""
    import aleppo_desktop.core.loading as loading

    asked: list[int] = []
    original = loading._report_overlaps

    def spy(areas, geometries, places, label, problems, rows=None):
        asked.append(len(geometries) if rows is None else len(rows))
        return original(areas, geometries, places, label, problems, rows=rows)

    monkeypatch.setattr(loading, "_report_overlaps", spy)
    unit = grid.areas[5]
    xmin, ymin, xmax, ymax = unit.geometry.bounds
    x = (xmin + xmax) / 2
    split = SplitArea(
        unit.id, ((x, ymin - 0.001), (x, ymax + 0.001)), (NewArea("w", "W"), NewArea("e", "E")), "t"
    )
    edited = apply_edit(grid, split, "A", "test")
    assert len(edited.areas) == len(grid.areas) + 1
    # the two parts, and the neighbours above and below that gained the cut's end vertices
    assert asked == [4]


def test_a_builder_after_a_split_finds_only_the_new_boundaries(grid: Document, monkeypatch) -> None:
    """The edited scenario's builder looks for shared boundaries among the new units and their
    neighbours only, and has the boundaries of a builder made from scratch."""
    import aleppo_desktop.core.frames as frames

    grid.scenario.frames  # noqa: B018
    seen: list[int] = []
    original = frames._shared_edges_exact

    def spy(areas):
        seen.append(len(areas))
        return original(areas)

    monkeypatch.setattr(frames, "_shared_edges_exact", spy)
    unit = grid.areas[5]  # a-11, inside the grid: four neighbours
    xmin, ymin, xmax, ymax = unit.geometry.bounds
    x = (xmin + xmax) / 2
    split = SplitArea(
        unit.id, ((x, ymin - 0.001), (x, ymax + 0.001)), (NewArea("w", "W"), NewArea("e", "E")), "t"
    )
    edited = apply_edit(grid, split, "A", "test")
    builder = edited.scenario.frames
    assert seen == [2 + 8]  # the parts and the 8 units around (corners touch)
    monkeypatch.undo()
    same_frames(builder, FrameBuilder(edited.scenario))
