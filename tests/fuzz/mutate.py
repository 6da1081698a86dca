"""Mutations of a scenario folder, one class per row of issue 15's probe table.

`mutate(folder, rng)` applies one mutation drawn from MUTATIONS to a copy of a valid scenario and
returns its name and what it did. Each mutation is a plain function of (folder, rng), so the
hypothesis suite, the plain-Python runner and the regression tests share them.
"""

from __future__ import annotations

import copy
import json
import os
import random
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from aleppo_desktop.core import limits

Mutation = Callable[[Path, random.Random], str]

WEIRD_VALUES: list[Any] = [
    None,
    0,
    -1,
    True,
    1e308,
    -1e308,
    float("nan"),
    float("inf"),
    int("9" * 400),
    "",
    " ",
    "x",
    " brief",
    "brief ",
    '=HYPERLINK("http://x")',
    "+1",
    "-x",
    "@SUM(A1)",
    "\tx",
    "\rx",
    "bell\x07",
    "nul\x00",
    "esc\x1b[31m",
    "lone \ud800 surrogate",
    "<b>bold</b> & <i>",
    "]]>",
    "a" * 5000,
    [],
    {},
    [1, 2],
    {"type": "Pint", "coordinates": [37.1, 36.2]},
    "2016-02-30",
    "0001-01-01",
    "9999-12-31",
    "2016-13-01",
    "/etc/passwd",
    "../outside.geojson",
    "a\x00b",
]


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def _json_files(folder: Path) -> list[Path]:
    return [p for p in _files(folder) if p.suffix in (".json", ".geojson")]


def _pick_file(folder: Path, rng: random.Random) -> Path:
    return rng.choice(_files(folder))


def _load(path: Path) -> Any:
    if path.is_symlink() or not path.is_file():  # an earlier mutation made it a FIFO, a link...
        raise ValueError(f"{path.name} is not a regular file")
    return json.loads(path.read_text(encoding="utf-8"))


def _inside(folder: Path, relative: Any) -> Path:
    """A file the scenario names, only if it is a regular file inside `folder` (a mutated path
    may name /etc/passwd: the mutator must never write there)."""
    if not isinstance(relative, str) or "\0" in relative:
        raise ValueError("not a path")
    path = (folder / relative).resolve()
    if not path.is_relative_to(folder.resolve()) or path.is_symlink() or not path.is_file():
        raise ValueError(f"{relative!r} is not a file in the scenario")
    return path


def _dump(path: Path, data: Any) -> None:
    path.write_text(json.dumps(data, ensure_ascii=rng_ascii(data)), encoding="utf-8")


def rng_ascii(data: Any) -> bool:
    """Lone surrogates cannot be encoded as UTF-8: write them as JSON escapes."""
    try:
        json.dumps(data, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _nodes(data: Any, path: tuple = ()) -> list[tuple]:
    """Every (container, key) in a JSON value."""
    out: list[tuple] = []
    if isinstance(data, dict):
        for k, v in data.items():
            out.append((data, k))
            out.extend(_nodes(v))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            out.append((data, i))
            out.extend(_nodes(v))
    return out


def _sample_nodes(data: Any, rng: random.Random, limit: int = 20000) -> list[tuple]:
    nodes = _nodes(data)
    return nodes if len(nodes) <= limit else rng.sample(nodes, limit)


# --- byte level -----------------------------------------------------------------------------------


def flip_bytes(folder: Path, rng: random.Random) -> str:
    path = _pick_file(folder, rng)
    data = bytearray(path.read_bytes())
    if not data:
        return "flip: empty file"
    for _ in range(rng.randint(1, 8)):
        i = rng.randrange(len(data))
        data[i] = rng.randrange(256)
    path.write_bytes(bytes(data))
    return f"flip bytes of {path.name}"


def truncate(folder: Path, rng: random.Random) -> str:
    path = _pick_file(folder, rng)
    data = path.read_bytes()
    path.write_bytes(data[: rng.randrange(len(data) + 1)])
    return f"truncate {path.name}"


def replace_whole(folder: Path, rng: random.Random) -> str:
    path = _pick_file(folder, rng)
    content = rng.choice(
        [b"", b"null", b"  \n", b"[]", b"{}", b"0", b'"x"', b"\xef\xbb\xbf", b"\xff\xfe\x00"]
    )
    path.write_bytes(content)
    return f"{path.name} := {content!r}"


def latin1(folder: Path, rng: random.Random) -> str:
    path = _pick_file(folder, rng)
    text = path.read_bytes()
    cut = rng.randrange(len(text) + 1)
    path.write_bytes(text[:cut] + "é".encode("latin-1") + text[cut:])
    return f"latin-1 byte in {path.name}"


def deep_nesting(folder: Path, rng: random.Random) -> str:
    path = rng.choice(_json_files(folder))
    depth = rng.choice([100, 1000, 100_000])
    path.write_text("[" * depth + "]" * depth, encoding="utf-8")
    return f"{path.name}: nesting {depth}"


def many_containers(folder: Path, rng: random.Random) -> str:
    path = rng.choice(_json_files(folder))
    n = rng.choice([100_000, limits.MAX_JSON_CONTAINERS + 1])
    path.write_text("[" + ",".join(["[]"] * n) + "]", encoding="utf-8")
    return f"{path.name}: {n} empty arrays"


def huge_sparse(folder: Path, rng: random.Random) -> str:
    path = _pick_file(folder, rng)
    with path.open("r+b") as fh:
        fh.truncate(limits.MAX_BASEMAP_BYTES + 1)
    return f"{path.name}: sparse {limits.MAX_BASEMAP_BYTES + 1} bytes"


def special_file(folder: Path, rng: random.Random) -> str:
    path = _pick_file(folder, rng)
    path.unlink()
    kind = rng.choice(["fifo", "devzero", "loop", "passwd", "folder", "missing", "dangling"])
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "devzero":
        path.symlink_to("/dev/zero")
    elif kind == "loop":
        path.symlink_to(path.name)
    elif kind == "passwd":
        path.symlink_to("/etc/passwd")
    elif kind == "folder":
        path.mkdir()
    elif kind == "dangling":
        path.symlink_to(folder / "nowhere")
    return f"{path.name} is {kind}"


# --- JSON structure -------------------------------------------------------------------------------


def weird_value(folder: Path, rng: random.Random) -> str:
    path = rng.choice(_json_files(folder))
    data = _load(path)
    nodes = _sample_nodes(data, rng)
    for _ in range(rng.randint(1, 3)):
        container, key = rng.choice(nodes)
        container[key] = copy.deepcopy(rng.choice(WEIRD_VALUES))
    _dump(path, data)
    return f"weird value in {path.name}"


def drop_key(folder: Path, rng: random.Random) -> str:
    path = rng.choice(_json_files(folder))
    data = _load(path)
    dicts = [(c, k) for c, k in _sample_nodes(data, rng) if isinstance(c, dict)]
    container, key = rng.choice(dicts)
    del container[key]
    _dump(path, data)
    return f"drop {key!r} in {path.name}"


def duplicate_item(folder: Path, rng: random.Random) -> str:
    path = rng.choice(_json_files(folder))
    data = _load(path)
    lists = [(c, k) for c, k in _sample_nodes(data, rng) if isinstance(c, list)]
    if not lists:
        return "no list"
    container, key = rng.choice(lists)
    container.insert(key, copy.deepcopy(container[key]))
    _dump(path, data)
    return f"duplicate an item in {path.name}"


def mutate_text(folder: Path, rng: random.Random) -> str:
    """Insert a control character, a surrogate, a formula start or spaces into a text."""
    path = rng.choice(_json_files(folder))
    data = _load(path)
    texts = [(c, k) for c, k in _sample_nodes(data, rng) if isinstance(c[k], str)]
    if not texts:
        return "no text"
    container, key = rng.choice(texts)
    text = container[key]
    piece = rng.choice(
        ["\x00", "\x07", "\x1b", "\ud800", "=", "+", "-", "@", "\t", "\r", " ", "\n"]
    )
    where = rng.choice([0, len(text), rng.randrange(len(text) + 1)])
    container[key] = text[:where] + piece + text[where:]
    _dump(path, data)
    return f"text {piece!r} in {path.name}"


def unknown_reference(folder: Path, rng: random.Random) -> str:
    scenario = folder / "scenario.json"
    data = _load(scenario)
    choices = []
    for kind in ("events", "claims", "strength", "regions", "disputes", "relations", "basemap"):
        for item in data.get(kind, []):
            for key in ("source", "faction", "from_faction", "outcome", "region", "enclave_of"):
                if key in item:
                    choices.append((item, key))
            for key in ("areas", "components", "events", "factions"):
                if isinstance(item.get(key), list) and item[key]:
                    choices.append((item[key], rng.randrange(len(item[key]))))
    container, key = rng.choice(choices)
    container[key] = rng.choice(["nope", "brief#0", "brief#x", " brief", "unknown-area"])
    _dump(scenario, data)
    return "unknown reference"


def bad_dates(folder: Path, rng: random.Random) -> str:
    scenario = folder / "scenario.json"
    data = _load(scenario)
    day = rng.choice(["0001-01-01", "9999-12-31", "2016-02-30", "1899-12-31", "2101-01-01", "2016"])
    target = rng.choice(["start", "end"])
    data["period"][target] = day
    _dump(scenario, data)
    return f"period {target} {day}"


def bad_paths(folder: Path, rng: random.Random) -> str:
    scenario = folder / "scenario.json"
    data = _load(scenario)
    value = rng.choice(
        ["/etc/passwd", "../areas.geojson", "a\x00b", "/dev/zero", "basemap/../../x", ".", ""]
    )
    key = rng.choice(["area_units", "control"])
    if data.get("basemap") and rng.random() < 0.4:
        rng.choice(data["basemap"])["path"] = value
    else:
        data[key] = value
    _dump(scenario, data)
    return f"path {value!r}"


def many_factions(folder: Path, rng: random.Random) -> str:
    scenario = folder / "scenario.json"
    data = _load(scenario)
    n = rng.choice([40, limits.MAX_FACTIONS + 1, 32_769])
    base = data["factions"][0]
    data["factions"] += [{**base, "id": f"f{k}"} for k in range(n)]
    _dump(scenario, data)
    return f"{n} more factions"


def subtle_text(folder: Path, rng: random.Random) -> str:
    """Text an export must carry safely: XML specials, quotes, formula starts, right-to-left."""
    path = rng.choice(_json_files(folder))
    data = _load(path)
    texts = [
        (c, k)
        for c, k in _sample_nodes(data, rng)
        if isinstance(c[k], str) and k not in ("id", "source", "path", "area_units", "control")
    ]
    if not texts:
        return "no text"
    container, key = rng.choice(texts)
    piece = rng.choice(
        ["=1+1", "+cmd", "-x", "@SUM(A1)", "<b>&amp;</b>", '"quoted"', "]]>", "حلب", "a\nb", "'"]
    )
    container[key] = piece + container[key] if rng.random() < 0.7 else container[key] + piece
    _dump(path, data)
    return f"subtle text {piece!r} in {path.name}.{key}"


def tweak_number(folder: Path, rng: random.Random) -> str:
    path = rng.choice(_json_files(folder))
    data = _load(path)
    numbers = [
        (c, k)
        for c, k in _sample_nodes(data, rng)
        if isinstance(c[k], int | float) and not isinstance(c[k], bool)
    ]
    if not numbers:
        return "no number"
    container, key = rng.choice(numbers)
    container[key] = container[key] * rng.choice([0, 1.0000001, 0.999, 2, -1, 10])
    _dump(path, data)
    return f"number in {path.name}"


def shuffle_list(folder: Path, rng: random.Random) -> str:
    path = rng.choice(_json_files(folder))
    data = _load(path)
    lists = [(c, k) for c, k in _sample_nodes(data, rng) if isinstance(c[k], list) and c[k]]
    if not lists:
        return "no list"
    container, key = rng.choice(lists)
    rng.shuffle(container[key])
    _dump(path, data)
    return f"shuffle a list in {path.name}"


# --- geometry -------------------------------------------------------------------------------------


def _areas(folder: Path) -> tuple[Path, Any]:
    data = _load(folder / "scenario.json")
    path = _inside(folder, data["area_units"])
    return path, _load(path)


def bad_coordinate(folder: Path, rng: random.Random) -> str:
    path, data = _areas(folder)
    feature = rng.choice(data["features"])
    ring = feature["geometry"]["coordinates"]
    while isinstance(ring[0][0], list):
        ring = ring[0]
    point = rng.choice(ring)
    point[rng.randrange(2)] = rng.choice(
        [1e308, -200.0, 1e30, float("nan"), int("9" * 400), "x", None, 95.0, 10.0]
    )
    _dump(path, data)
    return "bad coordinate"


def bad_polygon(folder: Path, rng: random.Random) -> str:
    path, data = _areas(folder)
    feature = rng.choice(data["features"])
    kind = rng.choice(["pint", "point", "bowtie", "unclosed", "empty", "null", "line"])
    geometry = {
        "pint": {"type": "Pint", "coordinates": [37.1, 36.2]},
        "point": {"type": "Point", "coordinates": [37.1, 36.2]},
        "bowtie": {
            "type": "Polygon",
            "coordinates": [[[37.1, 36.2], [37.2, 36.3], [37.2, 36.2], [37.1, 36.3], [37.1, 36.2]]],
        },
        "unclosed": {
            "type": "Polygon",
            "coordinates": [[[37.1, 36.2], [37.2, 36.3], [37.2, 36.2]]],
        },
        "empty": {"type": "Polygon", "coordinates": []},
        "null": None,
        "line": {"type": "LineString", "coordinates": [[37.1, 36.2], [37.2, 36.3]]},
    }[kind]
    feature["geometry"] = geometry
    _dump(path, data)
    return f"polygon {kind}"


def overlapping_area(folder: Path, rng: random.Random) -> str:
    """An exact duplicate, a square over the city, or shifted copies, each with a control row."""
    path, data = _areas(folder)
    scenario = _load(folder / "scenario.json")
    source = rng.choice(data["features"])
    kind = rng.choice(["duplicate", "square", "shifted", "inside"])
    count = rng.choice([1, 3, 50]) if kind == "shifted" else 1
    new = []
    for k in range(count):
        feature = copy.deepcopy(source)
        feature["properties"]["id"] = f"added-{k}"
        if kind == "square":
            xs = [c[0] for c in _ring(feature)]
            ys = [c[1] for c in _ring(feature)]
            x0, x1, y0, y1 = min(xs) - 0.2, max(xs) + 0.2, min(ys) - 0.2, max(ys) + 0.2
            feature["geometry"] = {
                "type": "Polygon",
                "coordinates": [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]],
            }
        elif kind == "inside":
            xs = [c[0] for c in _ring(feature)]
            ys = [c[1] for c in _ring(feature)]
            cx, cy = sum(xs) / len(xs), sum(ys) / len(ys)
            d = 1e-4
            feature["geometry"] = {
                "type": "Polygon",
                "coordinates": [
                    [
                        [cx - d, cy - d],
                        [cx + d, cy - d],
                        [cx + d, cy + d],
                        [cx - d, cy + d],
                        [cx - d, cy - d],
                    ]
                ],
            }
        elif kind == "shifted":
            _shift(feature["geometry"]["coordinates"], (k + 1) * 2e-4)
        new.append(feature)
    data["features"] += new
    _dump(path, data)
    control = _inside(folder, scenario["control"])
    if control.suffix == ".csv":
        first = scenario["factions"][0]["id"]
        brief = next(s["id"] for s in scenario["sources"] if s["kind"] == "brief")
        start = scenario["period"]["start"]
        with control.open("a", encoding="utf-8") as fh:
            for feature in new:
                fh.write(f"{feature['properties']['id']},{start},{first},confirmed,{brief},\n")
    return f"{count} {kind} area(s)"


def _ring(feature: dict[str, Any]) -> list[list[float]]:
    ring = feature["geometry"]["coordinates"]
    while isinstance(ring[0][0], list):
        ring = ring[0]
    return ring


def _shift(coordinates: Any, dx: float) -> None:
    for item in coordinates:
        if isinstance(item[0], list):
            _shift(item, dx)
        else:
            item[0] += dx


# --- the control table ----------------------------------------------------------------------------


def control_rows(folder: Path, rng: random.Random) -> str:
    scenario = _load(folder / "scenario.json")
    path = _inside(folder, scenario["control"])
    if path.suffix != ".csv":
        return "control is not CSV"
    lines = path.read_text(encoding="utf-8").splitlines()
    if len(lines) < 2:
        return "no rows"
    kind = rng.choice(
        ["shuffle", "delete", "formula", "column", "quote", "date", "field", "window"]
    )
    k = rng.randrange(1, len(lines))
    if kind == "shuffle":
        body = lines[1:]
        rng.shuffle(body)
        lines = [lines[0], *body]
    elif kind == "delete":
        del lines[k]
    elif kind == "formula":
        lines[k] = lines[k] + rng.choice(['=cmd|" /C calc"!A0', "+1", "@x", "-2-3"])
    elif kind == "column":
        lines[0] += ",extra"
    elif kind == "quote":
        lines[k] = '"' + lines[k]
    elif kind == "date":
        cells = lines[k].split(",")
        cells[1] = rng.choice(["2016-02-30", "9999-12-31", "", "x", "2016-07-01T00:00"])
        lines[k] = ",".join(cells)
    elif kind == "field":
        cells = lines[k].split(",")
        i = rng.randrange(len(cells))
        cells[i] = rng.choice(["", " ", "nope", "=1+1", "\x07", "a" * 5000, " brief#1"])
        lines[k] = ",".join(cells)
    elif kind == "window":
        lines[k] = lines[k].rstrip(",") + ",2016-07-03"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return f"control {kind}"


MUTATIONS: dict[str, Mutation] = {
    f.__name__: f
    for f in (
        flip_bytes,
        truncate,
        replace_whole,
        latin1,
        deep_nesting,
        many_containers,
        huge_sparse,
        special_file,
        weird_value,
        drop_key,
        duplicate_item,
        mutate_text,
        unknown_reference,
        bad_dates,
        bad_paths,
        many_factions,
        bad_coordinate,
        bad_polygon,
        overlapping_area,
        control_rows,
        subtle_text,
        tweak_number,
        shuffle_list,
    )
}
BENIGN = (
    "subtle_text",
    "tweak_number",
    "shuffle_list",
)  # mostly accepted: they exercise the exports
RARE = {"huge_sparse", "many_containers", "deep_nesting"}  # costly to write: drawn less often


def copy_scenario(source: Path, folder: Path) -> Path:
    """A copy of the scenario folder `source` (its referenced files) in `folder`."""
    shutil.copytree(source, folder, symlinks=True)
    return folder


def mutate(folder: Path, rng: random.Random, count: int | None = None) -> list[str]:
    """Apply 1..3 mutations (or `count`) to the scenario in `folder`; returns what each did."""
    names = [n for n in MUTATIONS if n not in RARE]
    done = []
    for _ in range(count or rng.choice([1, 1, 1, 2, 3])):
        draw = rng.random()
        if draw < 0.03:
            name = rng.choice(sorted(RARE))
        elif draw < 0.35:
            name = rng.choice(BENIGN)
        else:
            name = rng.choice(names)
        try:
            done.append(f"{name}: {MUTATIONS[name](folder, rng)}")
        except Exception as exc:
            # an earlier mutation broke what this one edits (a file already made a FIFO, not JSON)
            done.append(f"{name}: skipped ({type(exc).__name__})")
    return done
