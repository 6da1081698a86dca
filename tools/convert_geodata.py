"""Convert the csr-aleppo geodata and the authored geometry into the bundled scenario's geometry.

    .venv/bin/python tools/convert_geodata.py [--src data/sources/csr-aleppo] [--out data]

Reads the csr-aleppo files vendored under data/sources/csr-aleppo/ (gzip-compressed, byte-identical
to the published files once decompressed; data/sources/README.md lists their SHA-256), or plain
`*.geojson` files in another --src folder (e.g. ../shared/geodata/csr-aleppo).

Writes, under OUT (default: the repository's data/):
    aleppo-2016/areas.geojson               area units partitioning the mapped extent
    aleppo-2016/basemap/landmarks.geojson   csr-aleppo Cultural points
    aleppo-2016/basemap/schematic.geojson   authored schematic roads, river and places
    aleppo-2016/basemap/damage.geojson      UNITAR-UNOSAT damage points (class + date only)
    LICENSE-csr-aleppo.txt                  the source's MIT licence

Deterministic: the same inputs give byte-identical files (tests/data/test_geodata.py checks it).
What it changes in the source data is listed in data/PROVENANCE.md (## Geodata).

How the partition is built (all in UTM 37N, EPSG:32637, metres):
 1. neighbourhoods: overlaps removed (a polygon loses what an earlier one in the file covers);
 2. the fabric: the neighbourhoods' union, closed by FABRIC_CLOSE_M (fills streets) and with its
    holes filled; gaps inside the fabric go to the nearest neighbourhood (Voronoi of densified
    boundary points), so neighbouring districts share a boundary;
 3. the extent outside the fabric goes to the authored units: their seeds (tools/
    authored_geometry.py) in priority order, the rest to the nearest authored unit;
 4. all boundaries are noded together and polygonised, so shared edges have identical vertices,
    then simplified as a coverage (shared edges simplified once);
 5. converted to WGS84 and rounded to AREA_DECIMALS; vertices on the extent's border are moved
    along it to a position that still lies on it after rounding.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import shutil
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np
import shapely
from pyproj import Transformer
from shapely.geometry import LineString, MultiPolygon, Point, Polygon, box, mapping, shape

sys.path.insert(0, str(Path(__file__).resolve().parent))
import authored_geometry as authored

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SRC = ROOT / "data" / "sources" / "csr-aleppo"

UTM = "EPSG:32637"
EXTENT = (321000.0, 3994000.0, 355000.0, 4025000.0)  # x0, y0, x1, y1 in UTM 37N
FABRIC_CLOSE_M = 150.0  # closes gaps up to ~300 m wide between neighbourhoods
GAP_SAMPLE_M = 10.0  # boundary sampling for the nearest-unit assignment
SIMPLIFY_M = 5.0  # coverage simplification tolerance
MIN_PART_M2 = 2000.0  # smaller detached parts of a unit are given to a neighbour
AREA_DECIMALS = 7  # ~1 cm: keeps the partition valid after the WGS84 round trip
POINT_DECIMALS = 6

TO_UTM = Transformer.from_crs("EPSG:4326", UTM, always_xy=True)
TO_WGS = Transformer.from_crs(UTM, "EPSG:4326", always_xy=True)

# Duplicated source Ids/names: qualifier by position, decided from the centroids (checked below).
# key: source Id -> qualifiers ordered as the features sort by (northing desc) or (easting asc).
DUPLICATES = {
    121: ("y", [("north", "شمال"), ("central", "وسط"), ("south", "جنوب")]),
    93: ("y", [("north", "شمال"), ("south", "جنوب")]),
    106: ("y", [("north", "شمال"), ("south", "جنوب")]),
    55: ("y", [("north", "شمال"), ("south", "جنوب")]),
    91: ("y", [("north", "شمال"), ("south", "جنوب")]),
    41: ("y", [("north", "شمال"), ("south", "جنوب")]),
    120: ("y", [("north", None), ("south", None)]),  # ash-Sheikh Taha / The Public Park
    33: ("x", [("west", None), ("east", None)]),  # Ramouseh industrial district I / II
    29: ("x", [("west", None), ("east", None)]),  # as-Sakhour I / as-Sakhour
}
# Arabic names that repeat for differently named districts: made unique after the English name.
ARABIC_FIXES = {
    "al-Besel": ("", "الباسل", "had no Arabic name"),
    "Ayn at-Tal": ("عين التينة", "عين التل", "carried the Arabic of Ayn at-Tina"),
    "Ad-Ramouseh Industrial District I": ("الراموسة", "الراموسة الصناعية ١", "shared Arabic"),
    "Ad-Ramouseh Industrial District II": ("الراموسة", "الراموسة الصناعية ٢", "shared Arabic"),
    "Ad-Ramouseh Industrial District III": ("الراموسة", "الراموسة الصناعية ٣", "shared Arabic"),
    "Ad-Ramouseh Industrial District IV": ("الراموسة", "الراموسة الصناعية ٤", "shared Arabic"),
    "al-Hamdaniyeh I": ("الحمدانية", "الحمدانية ١", "shared Arabic"),
    "al-Hamdaniyeh II": ("الحمدانية", "الحمدانية ٢", "shared Arabic"),
    "al-Hamdaniyeh III": ("الحمدانية", "الحمدانية ٣", "shared Arabic"),
    "al-Hamdaniyeh IV": ("الحمدانية", "الحمدانية ٤", "shared Arabic"),
    "al-Hamdaniyeh V": ("الحمدانية", "الحمدانية ٥", "shared Arabic"),
    "as-Sakhour I": ("الصاخور", "الصاخور ١", "shared Arabic"),
    "Industrial Area Jibreen": ("جبرين", "المنطقة الصناعية في جبرين", "shared Arabic"),
}
DAMAGE_CLASSES = {"1": "destroyed", "2": "severe", "3": "moderate", "6": "class-6"}


# ------------------------------------------------------------------------------------------------
# helpers
# ------------------------------------------------------------------------------------------------
def to_utm(geom):
    return shapely.transform(geom, lambda c: np.column_stack(TO_UTM.transform(c[:, 0], c[:, 1])))


def to_wgs(geom):
    return shapely.transform(geom, lambda c: np.column_stack(TO_WGS.transform(c[:, 0], c[:, 1])))


def polygons_of(geom) -> list[Polygon]:
    if geom is None or geom.is_empty:
        return []
    if isinstance(geom, Polygon):
        return [geom]
    if isinstance(geom, MultiPolygon):
        return list(geom.geoms)
    return [g for part in getattr(geom, "geoms", []) for g in polygons_of(part)]


def as_multi(polys: list[Polygon]):
    polys = [p for p in polys if not p.is_empty]
    return polys[0] if len(polys) == 1 else MultiPolygon(polys)


def read_source(src: Path, name: str) -> list[dict]:
    """Features of the source file `name` in `src`, plain or (as vendored) gzip-compressed."""
    plain = src / name
    if plain.exists():
        text = plain.read_text(encoding="utf-8")
    else:
        text = gzip.decompress((src / f"{name}.gz").read_bytes()).decode("utf-8")
    return json.loads(text)["features"]


def dump(path: Path, collection: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(collection, ensure_ascii=False, separators=(",", ":"))
    # one feature per line keeps diffs readable
    text = text.replace(',{"type":"Feature"', ',\n{"type":"Feature"')
    path.write_text(text + "\n", encoding="utf-8")


def feature_collection(name: str, features: list[dict]) -> dict:
    return {"type": "FeatureCollection", "name": name, "features": features}


# ------------------------------------------------------------------------------------------------
# neighbourhoods
# ------------------------------------------------------------------------------------------------
def load_neighbourhoods(src: Path, changes: list[str]) -> list[dict]:
    raw = read_source(src, "Neighborhoods.geojson")
    units = []
    for feature in raw:
        p = feature["properties"]
        geom = shapely.make_valid(to_utm(shape(feature["geometry"])))
        units.append(
            {
                "src_id": p["Id"],
                "id": f"nb-{p['Id']}",
                "name_en": p["NAME"].strip(),
                "name_ar": (p["NAME_A"] or "").strip(),
                "kind": "neighbourhood",
                "source": "csr-aleppo",
                "geom": geom,
            }
        )
    by_id = defaultdict(list)
    for unit in units:
        by_id[unit["src_id"]].append(unit)
    for src_id, group in sorted(by_id.items()):
        if len(group) == 1:
            continue
        axis, quals = DUPLICATES[src_id]
        assert len(quals) == len(group), src_id
        if axis == "y":
            group.sort(key=lambda u: -u["geom"].centroid.y)
        else:
            group.sort(key=lambda u: u["geom"].centroid.x)
        same_name = len({u["name_en"] for u in group}) == 1
        for unit, (q_en, q_ar) in zip(group, quals, strict=True):
            old = unit["name_en"]
            unit["id"] = f"nb-{src_id}-{q_en}"
            if same_name:
                unit["name_en"] = f"{old} ({q_en})"
                unit["name_ar"] = f"{unit['name_ar']} ({q_ar})"
                changes.append(
                    f"Duplicate name `{old}` (source Id {src_id}): the {q_en}ern polygon "
                    f"(centroid {unit['geom'].centroid.y:.0f} N / {unit['geom'].centroid.x:.0f} "
                    f"E in UTM 37N) renamed `{unit['name_en']}` / `{unit['name_ar']}`, id "
                    f"`{unit['id']}`."
                    if q_en in ("north", "south", "east", "west")
                    else f"Duplicate name `{old}` (source Id {src_id}): the central polygon "
                    f"renamed `{unit['name_en']}` / `{unit['name_ar']}`, id `{unit['id']}`."
                )
            else:
                changes.append(
                    f"Source Id {src_id} is shared by `{group[0]['name_en']}` and "
                    f"`{group[1]['name_en']}`: `{old}` (the {q_en}ern one) gets id `{unit['id']}`."
                )
    for unit in units:
        fix = ARABIC_FIXES.get(unit["name_en"])
        if fix:
            old_ar, new_ar, why = fix
            assert unit["name_ar"] == old_ar, (unit["name_en"], unit["name_ar"])
            unit["name_ar"] = new_ar
            changes.append(
                f"Arabic name of `{unit['name_en']}` (`{unit['id']}`): "
                f"{'`' + old_ar + '`' if old_ar else '(none)'} -> `{new_ar}` ({why})."
            )
    return units


def remove_overlaps(units: list[dict], changes: list[str]) -> None:
    covered = None
    for unit in units:
        geom = unit["geom"]
        if covered is not None and geom.intersects(covered):
            overlap = geom.intersection(covered).area
            if overlap > 0:
                geom = shapely.make_valid(geom.difference(covered))
                geom = as_multi(polygons_of(geom))
                changes.append(
                    f"Overlap removed: `{unit['id']}` lost {overlap:.1f} m² that an earlier "
                    f"feature of the source file covers."
                )
        unit["geom"] = geom
        covered = geom if covered is None else covered.union(geom)


# ------------------------------------------------------------------------------------------------
# partition
# ------------------------------------------------------------------------------------------------
def nearest_assign(gap, units: list[dict], spacing: float) -> dict[int, list[Polygon]]:
    """Split `gap` among `units` by nearest unit boundary (Voronoi of densified boundary points)."""
    if gap.is_empty:
        return {}
    window = gap.envelope.buffer(spacing * 50)
    pts, labels = [], []
    for i, unit in enumerate(units):
        boundary = unit["geom"].boundary.intersection(window)
        if boundary.is_empty:
            continue
        dense = shapely.segmentize(boundary, spacing)
        coords = shapely.get_coordinates(dense)
        pts.append(coords)
        labels.append(np.full(len(coords), i))
    coords = np.concatenate(pts)
    label = np.concatenate(labels)
    coords, first = np.unique(np.round(coords, 3), axis=0, return_index=True)
    label = label[first]
    cells = shapely.voronoi_polygons(
        shapely.multipoints(coords), extend_to=window.buffer(spacing * 10)
    )
    cells = np.array(cells.geoms)
    # map each cell back to its generating point
    tree = shapely.STRtree(shapely.points(coords))
    cell_idx, pt_idx = tree.query(cells, predicate="contains")
    owner = np.full(len(cells), -1)
    owner[cell_idx] = label[pt_idx]
    out: dict[int, list[Polygon]] = defaultdict(list)
    for i in sorted(set(owner.tolist()) - {-1}):
        region = shapely.union_all(cells[owner == i])
        piece = gap.intersection(region)
        out[i].extend(polygons_of(piece))
    return out


def build_partition(units: list[dict], changes: list[str]) -> list[dict]:
    extent = box(*EXTENT)
    nb_union = shapely.union_all([u["geom"] for u in units])
    closed = nb_union.buffer(FABRIC_CLOSE_M, quad_segs=4).buffer(-FABRIC_CLOSE_M, quad_segs=4)
    fabric = shapely.union_all([closed, nb_union])
    fabric = as_multi([Polygon(p.exterior) for p in polygons_of(fabric)])
    fabric = fabric.intersection(extent)

    # 2. gaps inside the fabric -> nearest neighbourhood
    gaps = fabric.difference(nb_union)
    pieces = nearest_assign(gaps, units, GAP_SAMPLE_M)
    gap_area = sum(p.area for ps in pieces.values() for p in ps)
    for i, unit in enumerate(units):
        unit["geom"] = shapely.union_all([unit["geom"], *pieces.get(i, [])])
    changes.append(
        f"Gaps closed: the neighbourhoods' union was {len(polygons_of(nb_union))} separate "
        f"parts; streets and other gaps up to ~{2 * FABRIC_CLOSE_M:.0f} m wide between them and "
        f"every hole inside them ({gap_area / 1e6:.2f} km² in all) were given to the nearest "
        f"neighbourhood (Voronoi of boundary points every {GAP_SAMPLE_M:.0f} m), so adjacent "
        f"districts now share a boundary."
    )

    # 3. outside the fabric -> authored units
    outside = extent.difference(fabric)
    authored_units = []
    taken = None
    for spec in authored.AREA_UNITS:
        if "seed_line" in spec:
            seed = to_utm(LineString(spec["seed_line"])).buffer(spec["seed_width_m"] / 2)
        else:
            seed = to_utm(Polygon(spec["seed"]))
        geom = outside.intersection(seed)
        if taken is not None:
            geom = geom.difference(taken)
        taken = seed if taken is None else taken.union(seed)
        authored_units.append(
            {
                "id": spec["id"],
                "name_en": spec["name_en"],
                "name_ar": spec["name_ar"],
                "kind": "authored",
                "source": spec["source"],
                "geom": as_multi(polygons_of(geom)),
            }
        )
    rest = outside.difference(shapely.union_all([u["geom"] for u in authored_units]))
    rest = as_multi([p for p in polygons_of(rest) if p.area > 1e-6])
    if not rest.is_empty:
        pieces = nearest_assign(rest, authored_units, 100.0)
        for i, unit in enumerate(authored_units):
            unit["geom"] = shapely.union_all([unit["geom"], *pieces.get(i, [])])
    return units + authored_units


def merge_small_parts(units: list[dict]) -> None:
    """Give detached slivers of a unit (under MIN_PART_M2) to the neighbour sharing most edge."""
    for _ in range(3):
        moved = False
        for unit in units:
            parts = polygons_of(unit["geom"])
            if len(parts) < 2:
                continue
            largest = max(parts, key=lambda p: p.area)
            keep = [p for p in parts if p is largest or p.area >= MIN_PART_M2]
            for part in parts:
                if part is largest or part.area >= MIN_PART_M2:
                    continue
                best, best_len = None, 0.0
                for other in units:
                    if other is unit:
                        continue
                    shared = part.boundary.intersection(other["geom"].buffer(0.05)).length
                    if shared > best_len:
                        best, best_len = other, shared
                if best is None:
                    keep.append(part)
                    continue
                best["geom"] = shapely.union_all([best["geom"], part.buffer(0.001)])
                moved = True
            unit["geom"] = as_multi(keep)
        if not moved:
            break


def node_coverage(units: list[dict]) -> None:
    """Rebuild every unit from one noded set of faces, so shared edges are identical."""
    extent = box(*EXTENT)
    lines = shapely.union_all(
        [shapely.boundary(extent)] + [u["geom"].boundary for u in units], grid_size=0.01
    )
    faces = list(shapely.polygonize([lines]).geoms)
    geoms = [u["geom"] for u in units]
    tree = shapely.STRtree(geoms)
    owned: dict[int, list[Polygon]] = defaultdict(list)
    for face in faces:
        candidates = tree.query(face, predicate="intersects")
        best = max(candidates, key=lambda i: (face.intersection(geoms[i]).area, -i))
        owned[int(best)].append(face)
    for i, unit in enumerate(units):
        unit["geom"] = shapely.coverage_union_all(owned[i])


def simplify(units: list[dict]) -> None:
    geoms = shapely.coverage_simplify(
        [u["geom"] for u in units], SIMPLIFY_M, simplify_boundary=False
    )
    for unit, geom in zip(units, geoms, strict=True):
        unit["geom"] = geom


def _rounded(x: float, y: float) -> tuple[float, float]:
    lon, lat = TO_WGS.transform(x, y)
    return round(lon, AREA_DECIMALS), round(lat, AREA_DECIMALS)


def _border_edges() -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Each border edge as the line between its two corners *after* rounding (UTM)."""
    x0, y0, x1, y1 = EXTENT
    c = {
        k: np.array(TO_UTM.transform(*_rounded(*xy)))
        for k, xy in {"sw": (x0, y0), "se": (x1, y0), "ne": (x1, y1), "nw": (x0, y1)}.items()
    }
    return {
        "w": (c["sw"], c["nw"]),
        "e": (c["se"], c["ne"]),
        "s": (c["sw"], c["se"]),
        "n": (c["nw"], c["ne"]),
    }


def _round_border_vertex(x: float, y: float, edge: str, edges: dict) -> tuple[float, float]:
    """lon/lat of a point near (x, y) that lies on the rounded border edge once rounded itself.

    Rounding moves a vertex up to ~1 cm; on the 34 km border that would add or lose tens of m²,
    so the vertex slides along the edge (by at most a few metres) to a place where it does not.
    """
    a, b = edges[edge]
    direction = (b - a) / np.linalg.norm(b - a)
    normal = np.array([-direction[1], direction[0]])
    start = a + direction * float(np.dot(np.array([x, y]) - a, direction))
    best, best_err = None, None
    for step in range(4000):
        for sign in (1, -1):
            px, py = start + direction * (sign * step * 0.002)
            lon, lat = _rounded(px, py)
            back = np.array(TO_UTM.transform(lon, lat))
            err = abs(float(np.dot(back - a, normal)))
            if best_err is None or err < best_err:
                best, best_err = (lon, lat), err
            if err < 2e-5:
                return best
    return best  # pragma: no cover


def to_wgs_rounded(units: list[dict]) -> None:
    x0, y0, x1, y1 = EXTENT
    border_cache: dict[tuple[float, float], tuple[float, float]] = {}
    edges = _border_edges()

    def convert(coords: np.ndarray) -> np.ndarray:
        lon, lat = TO_WGS.transform(coords[:, 0], coords[:, 1])
        out = np.column_stack([np.round(lon, AREA_DECIMALS), np.round(lat, AREA_DECIMALS)])
        for k, (x, y) in enumerate(coords):
            sides = [
                side
                for side, near in (
                    ("w", abs(x - x0) < 0.05),
                    ("e", abs(x - x1) < 0.05),
                    ("s", abs(y - y0) < 0.05),
                    ("n", abs(y - y1) < 0.05),
                )
                if near
            ]
            if len(sides) == 1:  # on the border, not a corner
                key = (round(x, 2), round(y, 2))
                if key not in border_cache:
                    border_cache[key] = _round_border_vertex(x, y, sides[0], edges)
                out[k] = border_cache[key]
        return out

    for unit in units:
        unit["wgs"] = shapely.transform(unit["geom"], convert)


# ------------------------------------------------------------------------------------------------
# outputs
# ------------------------------------------------------------------------------------------------
def area_features(units: list[dict]) -> list[dict]:
    features = []
    for unit in units:
        geom = unit["wgs"]
        geom = shapely.normalize(geom) if False else geom
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "id": unit["id"],
                    "name_en": unit["name_en"],
                    "name_ar": unit["name_ar"],
                    "kind": unit["kind"],
                    "source": unit["source"],
                },
                "geometry": mapping(geom),
            }
        )
    return features


def _round_coords(obj, decimals: int):
    if isinstance(obj, (list, tuple)):
        if obj and isinstance(obj[0], float | int) and not isinstance(obj[0], bool):
            return [round(float(v), decimals) for v in obj]
        return [_round_coords(o, decimals) for o in obj]
    return obj


def geometry_json(geom, decimals: int) -> dict:
    g = mapping(geom)
    return {"type": g["type"], "coordinates": _round_coords(g["coordinates"], decimals)}


# Arabic names for the best-known landmarks (the source has none): written for this project as
# translations of the source's names (issue 13); the others show their English name in Arabic too.
LANDMARK_NAMES_AR = {
    "Citadel": "قلعة حلب",
    "Bab Antaki, City Gate": "باب أنطاكية",
    "Bab Faraj, City Gate": "باب الفرج",
    "Bab Hadid, City Gate": "باب الحديد",
    "Bab Jinan, City Gate": "باب الجنان",
    "Bab Maqam, city gate": "باب المقام",
    "Bab Nasr, City Gate": "باب النصر",
    "Bab Qinnesrin, City Gate": "باب قنسرين",
    "Bab Faraj Clock Tower, Historic Building": "ساعة باب الفرج",
    "City Wall": "سور المدينة",
    "Walled City Area": "المدينة القديمة داخل السور",
    "Jdeide Quarter Area": "حي الجديدة",
    "Suqs and Khans Area": "منطقة الأسواق والخانات",
    "Mosque, Umayyad Mosque": "الجامع الأموي",
    "National Museum": "المتحف الوطني",
    "Museum of Popular Traditions": "متحف التقاليد الشعبية",
    "Hotel Baron": "فندق بارون",
    "Khan Wazir, Warehouse": "خان الوزير",
    "Khan Sabun, Warehouse": "خان الصابون",
    "Khan Jumruk, Warehouse": "خان الجمرك",
    "Khan Harir, Warehouse": "خان الحرير",
    "Khan Qadi, Warehouse": "خان القاضي",
    "Maristan al-Nuri, Hospital": "البيمارستان النوري",
    "Maristan Arghun al-Kamili, Hospital": "بيمارستان أرغون الكاملي",
    "Madrassa Halawiye, School": "المدرسة الحلوية",
    "Madrassa Khusruwiye, School": "المدرسة الخسروية",
    "Madrassa Sultaniye, School": "المدرسة السلطانية",
    "Madrassa Firdos, School": "مدرسة الفردوس",
    "Madrassa Othmaniye, School": "المدرسة العثمانية",
    "Hammam Yalbugha al-Nasiri, Public Bath": "حمام يلبغا الناصري",
    "Beit Junblatt, House": "بيت جنبلاط",
    "Beit Ghazale, house": "بيت غزالة",
    "Beit Wakil, House": "بيت وكيل",
    "Beit Ashiqbash, House": "بيت أجقباش",
    "Beit Rajab Pasha, House": "بيت رجب باشا",
    "Beit Dallal, House": "بيت الدلال",
    "Matbakh al-Ajami, Palace": "مطبخ العجمي",
    "Takiya Mawlawiye, Dervish Monastery": "التكية المولوية",
    "Mosque Altunbugha": "جامع ألطنبغا",
    "Mosque Bahramiya": "الجامع البهرامي",
    "Mosque Adliyeh": "جامع العادلية",
    "Mosque Omari": "الجامع العمري",
    "Mosque Tawashi": "جامع الطواشي",
    "Mosque Nour Eddin": "جامع نور الدين",
    "Suq Attarin, Market": "سوق العطارين",
    "Suq Sabun, Market": "سوق الصابون",
    "Suq Khan al-Wazir, Market": "سوق خان الوزير",
    "Suq Khan al-Harir, Market": "سوق خان الحرير",
    "Armenian Church of the 40 Martyrs": "كنيسة الأربعين شهيداً للأرمن",
    "Maronite Church": "الكنيسة المارونية",
    "Greek Orthodox Church": "كنيسة الروم الأرثوذكس",
    "Greek Catholic Church": "كنيسة الروم الكاثوليك",
    "Syrian Catholic Church": "كنيسة السريان الكاثوليك",
    "Latin Cathedral": "الكاتدرائية اللاتينية",
    "Town Hall, Historic Building": "دار البلدية",
    "Qalaat Halab Museum": "متحف قلعة حلب",
}


def landmark_features(src: Path) -> list[dict]:
    raw = read_source(src, "Cultural.geojson")
    out = []
    for feature in raw:
        p = feature["properties"]
        name = (p.get("FACILITY_N") or "").strip()
        properties = {
            "name_en": name,
            "name_ar": LANDMARK_NAMES_AR.get(name, ""),
            "typology": "Educational" if p["Typology"] == "Eductional" else p["Typology"],
        }
        kind = landmark_kind(name)
        if kind:
            properties["kind"] = kind
        properties.update({"schematic": False, "source": "csr-aleppo"})
        out.append(
            {
                "type": "Feature",
                "properties": properties,
                "geometry": geometry_json(shape(feature["geometry"]), POINT_DECIMALS),
            }
        )
    return out


def landmark_kind(name: str) -> str:
    """'gate' for the features the source names "<Bab …>, City Gate", 'citadel' for "Citadel":
    the map labels these at city scale (render/basemap.py KEY_KINDS); others have no kind."""
    if re.fullmatch(r"Bab \w+, city gate", name, flags=re.IGNORECASE):
        return "gate"
    return "citadel" if name == "Citadel" else ""


def damage_features(src: Path) -> list[dict]:
    raw = read_source(src, "un.geojson")
    out = []
    for feature in raw:
        p = feature["properties"]
        lon, lat = feature["geometry"]["coordinates"][:2]
        out.append(
            {
                "type": "Feature",
                "properties": {
                    "damage": DAMAGE_CLASSES[p["Main_Dam_2"]],
                    "date": p["SensorDa_2"].replace("/", "-"),
                },
                "geometry": {
                    "type": "Point",
                    "coordinates": [round(lon, POINT_DECIMALS), round(lat, POINT_DECIMALS)],
                },
            }
        )
    return out


def _ref(source: str) -> str:
    return source if source.startswith(("authored#", "csr-aleppo")) else f"authored#{source}"


def schematic_features(neighbourhoods: list[dict]) -> list[dict]:
    centroids = {}
    for unit in neighbourhoods:
        centroids.setdefault(unit["src_id"], to_wgs(unit["geom"].centroid))
    out = []
    for line in authored.SCHEMATIC_LINES:
        out.append(
            {
                "type": "Feature",
                "properties": {
                    "id": line["id"],
                    "name_en": line["name_en"],
                    "name_ar": line["name_ar"],
                    "kind": line["kind"],
                    "schematic": True,
                    "source": _ref(line["source"]),
                },
                "geometry": geometry_json(LineString(line["coords"]), POINT_DECIMALS),
            }
        )
    for point in authored.SCHEMATIC_POINTS:
        geom = centroids[point["centroid_of"]] if "centroid_of" in point else Point(point["at"])
        out.append(
            {
                "type": "Feature",
                "properties": {
                    "id": point["id"],
                    "name_en": point["name_en"],
                    "name_ar": point["name_ar"],
                    "kind": point["kind"],
                    "schematic": True,
                    "source": _ref(point["source"]),
                },
                "geometry": geometry_json(geom, POINT_DECIMALS),
            }
        )
    return out


PROVENANCE_HEAD = """## Geodata

Files: `aleppo-2016/areas.geojson`, `aleppo-2016/basemap/landmarks.geojson`,
`aleppo-2016/basemap/schematic.geojson`, `aleppo-2016/basemap/damage.geojson`,
`LICENSE-csr-aleppo.txt`. All are written by `tools/convert_geodata.py` (deterministic; re-run it
rather than editing them) from the source below and from `tools/authored_geometry.py`. This section
is rewritten by that script too: edit the script, not this text.

### Source

- **Conflict Urbanism: Aleppo** — Columbia Center for Spatial Research (2019): `Neighborhoods.geojson`
  (133 neighbourhood polygons; neighbourhood list after UN-Habitat 2013), `Cultural.geojson`
  (210 heritage/civic points), `un.geojson` (UNITAR-UNOSAT damage points).
- Licence: MIT, © 2019 Columbia Center for Spatial Research; the licence text is copied to
  `LICENSE-csr-aleppo.txt`.
- Attribution: "Neighbourhoods and landmarks: Columbia Center for Spatial Research, Conflict
  Urbanism: Aleppo (MIT). Damage: UNITAR-UNOSAT damage assessment, imagery of 26 April and
  1 May 2015, as re-published by the Columbia Center for Spatial Research."
- Authored geometry (schematic roads, river, places; the area units outside the neighbourhood
  fabric) is this project's own, drawn from the sources each feature names in its `source`.

### What the conversion changes
"""

PROVENANCE_NOTES = """
- Ids: `nb-<source Id>`; where the source gives one Id to several polygons (see above), every one of
  them gets a suffix by position (`-north`/`-central`/`-south`, `-west`/`-east`), so an id written
  without the suffix is an error, not a silent pick of one polygon.
- Partition: the area units partition the rectangle x 321000–355000 m, y 3994000–4025000 m in
  UTM 37N (EPSG:32637), about 34 × 31 km. Outside the closed neighbourhood fabric the extent is
  divided among the authored units below: each unit's rough seed shape is clipped to the extent
  minus the fabric (seeds earlier in `tools/authored_geometry.py` win), the rest goes to the nearest
  authored unit.
- Detached slivers under {min_part:.0f} m² of a unit were given to the neighbouring unit sharing the
  longest edge.
- All unit boundaries were noded together and rebuilt by polygonising, so neighbours share exactly
  the same vertices; the coverage was then simplified once with a {simplify:.0f} m tolerance (shared
  edges simplified once, no gaps or overlaps introduced). Total: {n_vertices} vertices.
- Coordinates: WGS84 lon/lat, rounded to {area_dec} decimals (~1 cm) for the areas, so that the
  partition is still valid (no overlap or hole over 1 m²) after the round trip to UTM; vertices on the
  extent's border were slid along it (by at most a few metres) to a place where rounding keeps them
  on it. Points (landmarks, schematic features, damage) are rounded to {point_dec} decimals (~0.1 m).
- Landmarks (`Cultural.geojson`): properties reduced to `name_en` (`FACILITY_N`), `name_ar` (the
  source has no Arabic: {n_landmarks_ar} of the best-known — the Citadel, the gates, the Umayyad
  Mosque, … — carry an Arabic name written for this project as a translation, `LANDMARK_NAMES_AR`
  in `tools/convert_geodata.py`; the others are empty and show in English), `typology`
  (`Typology`, with the source's misspelling `Eductional` corrected to `Educational`),
  `schematic: false`, `source: csr-aleppo`. Added (authored, from the source's own names):
  `kind: gate` on the seven features the source names "City Gate" (Bab Antaki,
  Bab Faraj, Bab Hadid, Bab Jinan, Bab Maqam, Bab Nasr, Bab Qinnesrin) and `kind: citadel` on
  "Citadel", so the map labels the Old City's gates and the Citadel at city scale while the other
  landmarks are grouped into numbered discs until zoomed in (`typology` is kept).
- Damage (`un.geojson`, 14,058 points): reduced to the point, `damage` (the UNOSAT main damage class
  `Main_Dam_2`: 1 = `destroyed`, 2 = `severe`, 3 = `moderate`; the 24 points of class 6 are kept as
  `class-6`, a code the source does not explain) and `date` (`SensorDa_2`, the imagery date, as
  YYYY-MM-DD). Credit: UNITAR-UNOSAT.

### Authored area units

| id | name | what it is | source |
|---|---|---|---|
"""


def provenance_section(units: list[dict], changes: list[str]) -> str:
    n_vertices = sum(int(shapely.get_num_coordinates(u["wgs"])) for u in units)
    lines = [PROVENANCE_HEAD]
    lines += [f"- {c}" for c in changes]
    lines.append(
        PROVENANCE_NOTES.format(
            min_part=MIN_PART_M2,
            simplify=SIMPLIFY_M,
            n_vertices=n_vertices,
            area_dec=AREA_DECIMALS,
            point_dec=POINT_DECIMALS,
            n_landmarks_ar=len(LANDMARK_NAMES_AR),
        ).rstrip("\n")
    )
    specs = {s["id"]: s for s in authored.AREA_UNITS}
    for unit in units:
        if unit["kind"] != "authored":
            continue
        area = unit["geom"].area / 1e6
        lines.append(
            f"| `{unit['id']}` | {unit['name_en']} / {unit['name_ar']} | "
            f"{specs[unit['id']]['what']} ({area:.1f} km²) | {unit['source']} |"
        )
    lines.append("")
    lines.append("### Schematic basemap features (`basemap/schematic.geojson`)")
    lines.append("")
    lines.append(
        "Flagged `schematic: true`: drawn so a viewer can tell them from surveyed data; not "
        "surveyed. Each feature's `source` says where its position comes from."
    )
    lines.append("")
    for feature in authored.SCHEMATIC_LINES + authored.SCHEMATIC_POINTS:
        lines.append(f"- `{feature['id']}` {feature['name_en']}: {feature['source']}")
    return "\n".join(lines) + "\n"


def write_provenance(path: Path, section: str) -> None:
    """Replace the `## Geodata` section of PROVENANCE.md, keeping every other section."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Data provenance\n\n"
    start = text.find("## Geodata")
    if start < 0:
        text = text.rstrip("\n") + "\n\n" + section
    else:
        end = text.find("\n## ", start + 1)
        rest = "" if end < 0 else "\n" + text[end + 1 :]
        text = text[:start] + section + rest
    path.write_text(text, encoding="utf-8")


def convert(src: Path, out: Path, verbose: bool = True) -> list[str]:
    changes: list[str] = []
    neighbourhoods = load_neighbourhoods(src, changes)
    remove_overlaps(neighbourhoods, changes)
    units = build_partition(neighbourhoods, changes)
    merge_small_parts(units)
    node_coverage(units)
    simplify(units)
    to_wgs_rounded(units)

    scenario = out / "aleppo-2016"
    dump(scenario / "areas.geojson", feature_collection("areas", area_features(units)))
    dump(
        scenario / "basemap" / "landmarks.geojson",
        feature_collection("landmarks", landmark_features(src)),
    )
    dump(
        scenario / "basemap" / "schematic.geojson",
        feature_collection("schematic", schematic_features(neighbourhoods)),
    )
    dump(
        scenario / "basemap" / "damage.geojson",
        feature_collection("damage", damage_features(src)),
    )
    shutil.copyfile(src / "LICENSE", out / "LICENSE-csr-aleppo.txt")
    write_provenance(out / "PROVENANCE.md", provenance_section(units, changes))
    if verbose:
        n_vertices = sum(int(shapely.get_num_coordinates(u["wgs"])) for u in units)
        print(f"{len(units)} area units, {n_vertices} vertices")
        for line in changes:
            print(" -", line)
    return changes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--src", type=Path, default=DEFAULT_SRC)
    parser.add_argument("--out", type=Path, default=ROOT / "data")
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args()
    convert(args.src, args.out, verbose=not args.quiet)


if __name__ == "__main__":
    main()
