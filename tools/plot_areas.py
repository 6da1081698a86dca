"""Render the scenario's area units and basemap to a PNG, to eyeball the geometry.

    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/plot_areas.py [--out areas.png]
        [--bbox lon0,lat0,lon1,lat1] [--size 2000] [--areas PATH] [--no-labels]

Draws with PySide6's QPainter on a QImage (no window, no matplotlib): area units filled by kind
(neighbourhoods grey, authored units tinted), unit ids as labels, schematic lines and points in red,
and a 0.02° lon/lat graticule so authored coordinates can be checked by eye.
"""

from __future__ import annotations

import argparse
import json
import math
import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QImage, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QApplication

ROOT = Path(__file__).resolve().parent.parent
SCENARIO = ROOT / "data" / "aleppo-2016"


def _rings(geometry: dict) -> list[list[list[list[float]]]]:
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["coordinates"]
    return []


def _authored_colour(unit_id: str) -> QColor:
    hue = (sum(ord(c) * (i + 1) for i, c in enumerate(unit_id)) * 37) % 360
    return QColor.fromHsv(hue, 90, 235)


def render(args: argparse.Namespace) -> None:
    _app = QApplication.instance() or QApplication([])
    areas = json.loads(Path(args.areas).read_text(encoding="utf-8"))["features"]
    lon0, lat0, lon1, lat1 = (float(v) for v in args.bbox.split(","))
    kx = math.cos(math.radians((lat0 + lat1) / 2))  # equirectangular, good enough at 36°N
    width = args.size
    height = round(width * (lat1 - lat0) / ((lon1 - lon0) * kx))
    image = QImage(width, height, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)

    def to_px(lon: float, lat: float) -> QPointF:
        return QPointF((lon - lon0) / (lon1 - lon0) * width, (lat1 - lat) / (lat1 - lat0) * height)

    labels: list[tuple[QPointF, str]] = []
    for feature in areas:
        props = feature["properties"]
        path = QPainterPath()
        path.setFillRule(Qt.FillRule.OddEvenFill)
        sx = sy = n = 0.0
        for polygon in _rings(feature["geometry"]):
            for ring in polygon:
                path.moveTo(to_px(*ring[0]))
                for lon, lat in ring[1:]:
                    path.lineTo(to_px(lon, lat))
                path.closeSubpath()
            for lon, lat in polygon[0]:
                sx, sy, n = sx + lon, sy + lat, n + 1
        neighbourhood = props.get("kind") == "neighbourhood"
        fill = QColor(215, 215, 215) if neighbourhood else _authored_colour(props["id"])
        painter.setBrush(QBrush(fill))
        painter.setPen(QPen(QColor(90, 90, 90), 0.6))
        painter.drawPath(path)
        if n and not args.no_labels:
            labels.append((path.boundingRect().center(), props["id"]))

    painter.setPen(QPen(QColor(0, 0, 0, 60), 0.5))
    step = 0.02
    lon = math.ceil(lon0 / step) * step
    font = QFont()
    font.setPixelSize(max(9, width // 220))
    painter.setFont(font)
    while lon < lon1:
        a, b = to_px(lon, lat0), to_px(lon, lat1)
        painter.drawLine(a, b)
        painter.drawText(QPointF(b.x() + 2, 12), f"{lon:.2f}")
        lon += step
    lat = math.ceil(lat0 / step) * step
    while lat < lat1:
        a, b = to_px(lon0, lat), to_px(lon1, lat)
        painter.drawLine(a, b)
        painter.drawText(QPointF(2, a.y() - 2), f"{lat:.2f}")
        lat += step

    schematic = SCENARIO / "basemap" / "schematic.geojson"
    if schematic.exists() and not args.no_basemap:
        for feature in json.loads(schematic.read_text(encoding="utf-8"))["features"]:
            geometry = feature["geometry"]
            if geometry["type"] == "LineString":
                colour = QColor(30, 90, 220) if feature["properties"]["kind"] == "river" else "red"
                painter.setPen(QPen(QColor(colour), 2.0, Qt.PenStyle.DashLine))
                path = QPainterPath(to_px(*geometry["coordinates"][0]))
                for lon, lat in geometry["coordinates"][1:]:
                    path.lineTo(to_px(lon, lat))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawPath(path)
            elif geometry["type"] == "Point":
                p = to_px(*geometry["coordinates"])
                painter.setPen(QPen(QColor("darkred"), 1))
                painter.setBrush(QColor("red"))
                painter.drawEllipse(p, 4, 4)
                painter.drawText(p + QPointF(5, 12), feature["properties"]["name_en"])

    painter.setPen(QColor(0, 0, 0))
    for centre, text in labels:
        painter.drawText(
            QRectF(centre.x() - 60, centre.y() - 8, 120, 16), Qt.AlignmentFlag.AlignCenter, text
        )
    painter.end()
    image.save(str(args.out))
    print(f"wrote {args.out} ({width}x{height})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--areas", default=str(SCENARIO / "areas.geojson"))
    parser.add_argument("--out", default="/tmp/aleppo-areas.png")
    parser.add_argument("--bbox", default="37.005,36.074,37.390,36.360")
    parser.add_argument("--size", type=int, default=2000)
    parser.add_argument("--no-labels", action="store_true")
    parser.add_argument("--no-basemap", action="store_true")
    render(parser.parse_args())


if __name__ == "__main__":
    main()
