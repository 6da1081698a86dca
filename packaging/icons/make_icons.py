"""Render packaging/icons/aleppo-desktop.svg to the PNG, ICO and ICNS files the installers use.

Run after editing the SVG: `.venv/bin/python packaging/icons/make_icons.py` (uses Qt's SVG renderer, so it
needs nothing beyond the project's own dependencies). The outputs are committed.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SVG = HERE / "aleppo-desktop.svg"


def render(size: int):  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QImage, QPainter, QPainterPath
    from PySide6.QtSvg import QSvgRenderer

    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    # QtSvg implements SVG Tiny, which has no clipPath: clip to the tile's rounded square here.
    scale = size / 256
    tile = QPainterPath()
    tile.addRoundedRect(
        QRectF(5 * scale, 5 * scale, 246 * scale, 246 * scale), 46 * scale, 46 * scale
    )
    painter.setClipPath(tile)
    QSvgRenderer(str(SVG)).render(painter)
    painter.end()
    return image


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication(sys.argv[:1])
    written = []
    for size in (32, 64, 128, 256, 512):
        path = HERE / f"aleppo-desktop-{size}.png"
        render(size).save(str(path))
        written.append(path)
    shutil.copyfile(HERE / "aleppo-desktop-256.png", HERE / "aleppo-desktop.png")
    for fmt in ("ico", "icns"):
        path = HERE / f"aleppo-desktop.{fmt}"
        if not render(256).save(str(path), fmt.upper()):
            print(f"Qt could not write {path.name} (imageformats plugin missing)", file=sys.stderr)
            return 1
        written.append(path)
    # The GUI sets its window icon from resources/icons/ (paths.RESOURCES_DIR).
    (ROOT / "resources" / "icons").mkdir(parents=True, exist_ok=True)
    shutil.copyfile(
        HERE / "aleppo-desktop-256.png", ROOT / "resources" / "icons" / "aleppo-desktop.png"
    )
    for path in written:
        print(path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
