"""Write a synthetic scenario N times the bundled one, for the scale benchmarks (issue 14).

    .venv/bin/python bench/make_scenario.py OUT_FOLDER [--scale N] [--seed S]

The bundled campaign has 164 area units (~12,800 vertices, ~1,050 km²), ~310 control rows, 70
events and 7 strength estimates over 1 Jul - 22 Dec 2016. `--scale N` writes about N times each:
area units of the bundled mean size (~6.4 km²) tiling an extent N times as large (a jittered grid
whose shared boundaries are wiggly polylines of ~19 vertices a side, written once and used by both
neighbours, so the units form an exact coverage), a front that advances west to east with
counter-attacks that push it back, raids that take a unit near the front for a few days, some
changes dated by a window, an allied third faction in a northern pocket, events on the front,
strength estimates and one region (the eastern half). Deterministic: the same scale and seed give
the same bytes. Every row cites the generator as its source. Check it with
`aleppo-desktop validate OUT_FOLDER/scenario.json`.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import random
from datetime import date, timedelta
from pathlib import Path

START, END = date(2016, 7, 1), date(2016, 12, 22)
DAYS = (END - START).days
BUNDLED_AREAS = 164
BUNDLED_EVENTS = 70
BUNDLED_STRENGTH = 7
CELL_M = 2530.0  # side of a unit: the bundled mean area (6.4 km²)
EDGE_VERTICES = 19  # interior vertices per side: ~78 per unit, as the bundled neighbourhoods
ORIGIN = (37.0, 36.1)  # lon, lat of the south-west corner (Aleppo's UTM zone)
M_PER_DEG_LAT = 111_320.0
SOURCE = "gen"


def to_lonlat(x: float, y: float) -> list[float]:
    lat = ORIGIN[1] + y / M_PER_DEG_LAT
    lon = ORIGIN[0] + x / (M_PER_DEG_LAT * math.cos(math.radians(ORIGIN[1])))
    return [round(lon, 7), round(lat, 7)]


def grid_shape(n: int) -> tuple[int, int]:
    cols = max(1, math.ceil(math.sqrt(n * 1.1)))
    return cols, math.ceil(n / cols)


def make_areas(n: int, rng: random.Random) -> tuple[list[dict], list[tuple[float, float]]]:
    """n units on a jittered grid (row by row, the last row partly filled), with wiggly shared
    sides; returns the features and each unit's centre in metres."""
    cols, rows = grid_shape(n)
    corners: dict[tuple[int, int], tuple[float, float]] = {}

    def corner(i: int, j: int) -> tuple[float, float]:
        if (i, j) not in corners:
            jitter = 0.0 if i in (0, cols) or j in (0, rows) else 0.25 * CELL_M
            corners[i, j] = (
                i * CELL_M + rng.uniform(-jitter, jitter),
                j * CELL_M + rng.uniform(-jitter, jitter),
            )
        return corners[i, j]

    sides: dict[tuple[tuple[int, int], tuple[int, int]], list[list[float]]] = {}

    def side(a: tuple[int, int], b: tuple[int, int]) -> list[list[float]]:
        """The polyline from corner a to corner b, the same points for both units that share it."""
        key = (a, b) if a < b else (b, a)
        if key not in sides:
            (x0, y0), (x1, y1) = corner(*key[0]), corner(*key[1])
            outer = key[0][0] == key[1][0] in (0, cols) or key[0][1] == key[1][1] in (0, rows)
            amplitude = 0.0 if outer else 0.04 * CELL_M
            nx, ny = -(y1 - y0) / CELL_M, (x1 - x0) / CELL_M
            phase, waves = rng.uniform(0, math.tau), rng.choice((1, 2, 3))
            points = []
            for k in range(EDGE_VERTICES + 2):
                s = k / (EDGE_VERTICES + 1)
                wiggle = (
                    amplitude
                    * math.sin(math.pi * s)
                    * (math.sin(waves * math.pi * s + phase) + 0.3 * rng.uniform(-1, 1))
                )
                points.append(
                    to_lonlat(x0 + s * (x1 - x0) + wiggle * nx, y0 + s * (y1 - y0) + wiggle * ny)
                )
            sides[key] = points
        points = sides[key]
        return points if key[0] == a else points[::-1]

    features, centres = [], []
    for k in range(n):
        j, i = divmod(k, cols)
        ring_corners = [(i, j), (i + 1, j), (i + 1, j + 1), (i, j + 1), (i, j)]
        ring: list[list[float]] = []
        for a, b in itertools.pairwise(ring_corners):
            ring.extend(side(a, b)[:-1])
        ring.append(ring[0])
        xs = [corner(*c)[0] for c in ring_corners[:4]]
        ys = [corner(*c)[1] for c in ring_corners[:4]]
        centres.append((sum(xs) / 4, sum(ys) / 4))
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "id": f"gen-{k:05d}",
                    "name_en": f"Quarter {k + 1}",
                    "name_ar": f"حي {k + 1}",
                    "kind": "neighbourhood",
                    "source": f"{SOURCE}#areas",
                },
                "geometry": {"type": "Polygon", "coordinates": [ring]},
            }
        )
    return features, centres


def holders_by_day(
    centres: list[tuple[float, float]], width: float, height: float, rng: random.Random
) -> list[list[str]]:
    """The holder of every unit on every day: regime west of a front that advances east with
    counter-attacks (the front falls back for a while), an allied pocket in the north."""
    counter_attacks = [
        (rng.uniform(15, DAYS - 20), rng.uniform(6, 14), rng.uniform(0.04, 0.09)) for _ in range(6)
    ]
    waves = [
        (rng.uniform(1, 4), rng.uniform(0, math.tau), rng.uniform(0.02, 0.05)) for _ in range(3)
    ]

    def front_x(day: float, y: float) -> float:
        progress = 0.3 + 0.4 * day / DAYS
        for at, length, depth in counter_attacks:
            if at <= day < at + length:
                progress -= depth * math.sin(math.pi * (day - at) / length)
        bulge = sum(a * math.sin(k * math.tau * y / height + p + day / 30) for k, p, a in waves)
        return (progress + bulge) * width

    pocket = (0.45 * width, 0.9 * height, 0.12 * min(width, height))
    result = []
    for day in range(DAYS + 1):
        row = []
        for x, y in centres:
            if math.hypot(x - pocket[0], y - pocket[1]) < pocket[2]:
                row.append("ypg")
            else:
                row.append("regime" if x < front_x(day, y) else "rebel")
        result.append(row)
    return result


def control_rows(
    holders: list[list[str]], centres: list[tuple[float, float]], rng: random.Random
) -> list[list[str]]:
    """Rows of control.csv: the first day, each change of holder (some dated by a window, some
    claimed or contested), and raids: a unit near the front taken for 2-6 days, then retaken."""
    n = len(centres)
    rows = []
    for k in range(n):
        history = [(0, holders[0][k])]
        for day in range(1, DAYS + 1):
            if holders[day][k] != history[-1][1]:
                history.append((day, holders[day][k]))
        # raids: where the front is close (a change within 20 days), some units change hands
        # briefly in between
        for _ in range(2):
            if len(history) > 1 and rng.random() < 0.7:
                day = history[1][0] - rng.randint(8, 20)
                length = rng.randint(2, 6)
                if day > 3 and day + length < history[1][0] - 2:
                    before = history[0][1]
                    raider = "rebel" if before != "rebel" else "regime"
                    history[1:1] = [(day, raider), (day + length, before)]
        previous_day = None
        for index, (day, holder) in enumerate(history):
            until = ""
            start = day
            confidence = "confirmed"
            if index:
                confidence = rng.choices(["confirmed", "claimed", "contested"], [6, 2, 1])[0]
                following = history[index + 1][0] if index + 1 < len(history) else DAYS + 1
                if rng.random() < 0.05 and day - 2 > previous_day and day < following - 1:
                    start, until = day - 2, str(START + timedelta(days=day))
                    confidence = "claimed"
            note = (
                "raid"
                if index and 0 < index < len(history) - 1 and holder != history[-1][1]
                else ""
            )
            rows.append(
                [
                    f"gen-{k:05d}",
                    str(START + timedelta(days=start)),
                    holder,
                    confidence,
                    f"{SOURCE}#control",
                    note,
                    until,
                ]
            )
            previous_day = day
    return rows


def make_events(
    count: int, holders: list[list[str]], centres: list[tuple[float, float]], rng: random.Random
) -> list[dict]:
    """Events on days the front moved, each at a unit that changed hands that day."""
    moves = [
        (day, k)
        for day in range(1, DAYS + 1)
        for k in range(len(centres))
        if holders[day][k] != holders[day - 1][k]
    ]
    picked = sorted(rng.sample(moves, min(count, len(moves))))
    kinds = ["ground_advance", "bombardment", "siege", "breach", "assessment", "other"]
    events = []
    for n, (day, k) in enumerate(picked):
        events.append(
            {
                "id": f"ev-{n:05d}",
                "date": {"start": str(START + timedelta(days=day)), "precision": "day"},
                "kind": rng.choice(kinds),
                "title": f"Fighting at Quarter {k + 1}",
                "summary": f"Quarter {k + 1} passes to the {holders[day][k]} side (generated).",
                "source": f"{SOURCE}#events",
                "importance": "major" if n % 5 == 0 else "minor",
                "location": {"areas": [f"gen-{k:05d}"]}
                if n % 2
                else {"point": to_lonlat(*centres[k])},
                "chapter": f"Month {day // 30 + 1}"
                if n and day // 30 != picked[n - 1][0] // 30
                else None,
            }
        )
    return events


def make_scenario(folder: Path, scale: float = 1.0, seed: int = 2016) -> Path:
    """Write the scenario into `folder`; returns the path of its scenario.json."""
    rng = random.Random(f"{seed}:{scale}")
    n = max(4, round(BUNDLED_AREAS * scale))
    features, centres = make_areas(n, rng)
    cols, rows = grid_shape(n)
    holders = holders_by_day(centres, cols * CELL_M, rows * CELL_M, rng)
    table = control_rows(holders, centres, rng)
    events = make_events(max(1, round(BUNDLED_EVENTS * scale)), holders, centres, rng)
    strength = [
        {
            "id": f"st-{k:04d}",
            "who": f"unit-{k}",
            "who_name": f"Formation {k + 1}",
            "faction": ("regime", "rebel", "ypg")[k % 3],
            "date": str(START + timedelta(days=rng.randrange(DAYS))),
            "low": (low := rng.randrange(200, 5000, 50)),
            "high": low + rng.randrange(0, 3000, 50),
            "unit": "fighters",
            "scope": "aleppo-city",
            "source": f"{SOURCE}#strength",
            "reported_by": "generator",
        }
        for k in range(max(1, round(BUNDLED_STRENGTH * scale)))
    ]
    east = [
        f["properties"]["id"]
        for f, (x, _) in zip(features, centres, strict=True)
        if x > cols * CELL_M / 2
    ]
    scenario = {
        "format_version": 2,
        "title": f"Generated campaign x{scale:g}",
        "subtitle": f"{n} units, seed {seed} (bench/make_scenario.py)",
        "period": {"start": str(START), "end": str(END)},
        "time_zone": "Asia/Damascus",
        "tween_days": 1.0,
        "sources": [
            {"id": "brief", "kind": "brief", "title": "No brief (generated)", "paragraphs": True},
            {"id": SOURCE, "kind": "other", "title": f"bench/make_scenario.py --scale {scale:g} --seed {seed}"},
        ],
        "factions": [
            {"id": "regime", "name_en": "Government", "name_ar": "الحكومة", "colour": "#c0392b", "colour_cb": "#D55E00"},
            {"id": "rebel", "name_en": "Opposition", "name_ar": "المعارضة", "colour": "#2e8b57", "colour_cb": "#009E73"},
            {"id": "ypg", "name_en": "YPG", "name_ar": "وحدات حماية الشعب", "colour": "#d4a017", "colour_cb": "#F0E442"},
        ],
        "relations": [
            {"factions": ["ypg", "regime"], "hostile": False, "source": f"{SOURCE}#relations"},
            {"factions": ["ypg", "rebel"], "hostile": True, "source": f"{SOURCE}#relations"},
        ],
        "area_units": "areas.geojson",
        "control": "control.csv",
        "events": events,
        "strength": strength,
        "regions": [
            {
                "id": "east",
                "name_en": "The east",
                "name_ar": "الشرق",
                "areas": east or [features[-1]["properties"]["id"]],
                "source": f"{SOURCE}#regions",
                "note": "units whose centre lies east of the extent's middle",
            }
        ],
    }  # fmt: skip
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "areas.geojson").write_text(
        json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False),
        encoding="utf-8",
    )
    lines = ["area_id,date,faction,confidence,source,note,until"]
    lines += [",".join(row) for row in table]
    (folder / "control.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    path = folder / "scenario.json"
    path.write_text(json.dumps(scenario, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--scale", type=float, default=1.0, help="times the bundled campaign")
    parser.add_argument("--seed", type=int, default=2016)
    args = parser.parse_args()
    path = make_scenario(args.folder, args.scale, args.seed)
    print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
