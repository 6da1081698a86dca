"""Projection between WGS84 and the map's projected CRS (UTM 37N), and polygon helpers.

Geometry is projected once, at load; everything downstream works in metres.
"""

from __future__ import annotations

from functools import cache

import numpy as np
import pyproj.network
import shapely
from pyproj import Transformer

pyproj.network.set_network_enabled(False)  # offline: no grid downloads, even with PROJ_NETWORK=ON

MAP_CRS = "EPSG:32637"  # WGS 84 / UTM zone 37N: metres, little distortion over Aleppo
WGS84 = "EPSG:4326"


@cache
def _transformer(source: str, target: str) -> Transformer:
    return Transformer.from_crs(source, target, always_xy=True)


def _apply(geometry, source: str, target: str):
    transformer = _transformer(source, target)

    def project(xy: np.ndarray) -> np.ndarray:
        x, y = transformer.transform(xy[:, 0], xy[:, 1])
        return np.column_stack([x, y])

    return shapely.transform(geometry, project)


def to_map(geometry):
    """Project WGS84 lon/lat geometry (one or an array) to the map CRS."""
    return _apply(geometry, WGS84, MAP_CRS)


def to_wgs84(geometry):
    """Project map-CRS geometry (one or an array) back to WGS84 lon/lat."""
    return _apply(geometry, MAP_CRS, WGS84)


def polygon_rings(geometry: shapely.Geometry) -> list[np.ndarray]:
    """Every ring (exteriors and holes) of a (multi)polygon as an (n, 2) array, for odd-even filling."""
    rings: list[np.ndarray] = []
    for part in shapely.get_parts(geometry):
        if part.geom_type != "Polygon" or part.is_empty:
            continue
        rings.append(shapely.get_coordinates(part.exterior))
        rings.extend(shapely.get_coordinates(hole) for hole in part.interiors)
    return rings


def line_parts(geometry: shapely.Geometry) -> list[np.ndarray]:
    """Every linear part of a geometry as an (n, 2) array (points and polygons are skipped)."""
    lines: list[np.ndarray] = []
    for part in shapely.get_parts(geometry):
        if part.geom_type in ("LineString", "LinearRing") and not part.is_empty:
            lines.append(shapely.get_coordinates(part))
        elif part.geom_type in ("MultiLineString", "GeometryCollection"):
            lines.extend(line_parts(part))
    return lines


def polygonal(geometry: shapely.Geometry) -> shapely.Geometry:
    """Keep only the polygonal parts of an overlay result (drop slivers that became lines/points)."""
    parts = [p for p in shapely.get_parts(geometry) if p.geom_type == "Polygon" and not p.is_empty]
    if not parts:
        return shapely.Polygon()
    return parts[0] if len(parts) == 1 else shapely.MultiPolygon(parts)


def line_parts_packed(geometries: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """`line_parts` of every geometry in an array, in a few vectorised calls, packed: all their
    vertices end to end (geometry after geometry; in each, its own lines, then those of its
    multi-part members), the vertex count of each line, and the line count of each geometry."""
    parts, owner = shapely.get_parts(geometries, return_index=True)
    nested = (
        shapely.get_type_id(parts) >= 5
    )  # multi-part members of a collection: flatten once more
    if nested.any():
        inner, inner_owner = shapely.get_parts(parts[nested], return_index=True)
        parts = np.concatenate([parts[~nested], inner])
        owner = np.concatenate([owner[~nested], owner[nested][inner_owner]])
        order = np.argsort(owner, kind="stable")
        parts, owner = parts[order], owner[order]
    lines = np.isin(shapely.get_type_id(parts), (1, 2)) & ~shapely.is_empty(parts)
    parts, owner = parts[lines], owner[lines]
    coordinates, index = shapely.get_coordinates(parts, return_index=True)
    return (
        coordinates,
        np.bincount(index, minlength=len(parts)),
        np.bincount(owner, minlength=len(geometries)),
    )
