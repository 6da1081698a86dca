"""The grid scenario (tests/conftest.py) in format 2: regions, disputes and a change dated by a window.

Regions: `east` is columns 2-3 (the rebel side on 1 Jul, with the YPG's a-23), `col3` column 3, `all`
every cell. The control table is the grid's, except that a-03 is taken by the regime between 11 and
15 Jul (a window) instead of on 15 Jul.
"""

from __future__ import annotations

from typing import Any

from tests.conftest import CONTROL_ROWS, grid_scenario

HEADER = "area_id,date,faction,confidence,source,note,until"

WINDOW_ROW = "a-03,2016-07-11,regime,contested,test#p4,taken in a window,2016-07-15"

EAST = ("a-02", "a-03", "a-12", "a-13", "a-22", "a-23")
COL3 = ("a-03", "a-13", "a-23")
ALL = tuple(f"a-{r}{c}" for r in range(3) for c in range(4))


def window_rows() -> str:
    """The grid's control table with a-03's 15 Jul change dated by the window 11..15 Jul."""
    rows = [
        f"{row}," if not row.startswith("a-03,2016-07-15") else WINDOW_ROW for row in CONTROL_ROWS
    ]
    return "\n".join([HEADER, *rows]) + "\n"


def region(region_id: str, areas: tuple[str, ...], **extra: Any) -> dict[str, Any]:
    return {
        "id": region_id,
        "name_en": region_id.title(),
        "name_ar": "منطقة",
        "areas": list(areas),
        "source": "test",
        "note": f"made up for tests: {len(areas)} cells",
        **extra,
    }


def dispute(dispute_id: str, **extra: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": dispute_id,
        "title": "When column 2 fell",
        "about": "date",
        "versions": [
            {
                "id": "brief",
                "source": "brief#4",
                "says": "by 12 July",
                "date": {"start": "2016-07-12"},
            },
            {
                "id": "test",
                "source": "test#p2",
                "says": "10 to 12 July",
                "date": {"start": "2016-07-10", "end": "2016-07-12", "precision": "range"},
            },
        ],
        "follows": "test",
        "why": "the dated report is closer to the events",
        "events": ["e2"],
    }
    base.update(extra)
    return base


def format2_scenario() -> dict[str, Any]:
    """The grid's scenario.json as format 2, with regions, claims scoped by region and disputes."""
    data = grid_scenario()
    data["format_version"] = 2
    data["regions"] = [region("east", EAST), region("col3", COL3), region("all", ALL)]
    data["claims"][1]["region"] = "east"  # c2: share_lost of the rebels
    data["claims"].append(
        {
            "id": "c5",
            "statement": "Regime took column 3's rebel ground",
            "source": "brief#4",
            "kind": "area_gained",
            "faction": "regime",
            "from_faction": "rebel",
            "start": "2016-07-01",
            "end": "2016-07-16",
            "region": "col3",
            "comparator": "about",
            "value": 5.0,
            "unit": "km2",
        }
    )
    data["disputes"] = [
        dispute("column-two"),
        dispute(
            "numbers",
            title="How many fighters",
            about="number",
            versions=[
                {"id": "brief", "source": "brief#6", "says": "about 8,000"},
                {"id": "others", "source": "test", "says": "4,000 to 5,000"},
            ],
            follows=None,
            why="the map draws no head counts",
            events=[],
            date={"start": "2016-07-16", "end": "2016-07-18", "precision": "range"},
        ),
    ]
    return data
