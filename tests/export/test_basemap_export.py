"""`--basemap FILE` on a picture export: the user's tiles are under the zones of the still, a file
that cannot be shown is skipped with a warning naming it, and the export still succeeds."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from aleppo_desktop.cli import main
from aleppo_desktop.core import basemap_samples as samples


def test_png_with_a_basemap_and_a_missing_one(
    qapp, tmp_path: Path, grid_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # qapp: the in-process export then uses pytest-qt's QApplication (a bare QGuiApplication made
    # here would abort the widget tests that follow in this process)
    tiles = samples.write_mbtiles(tmp_path / "city.mbtiles")
    plain, over = tmp_path / "plain.png", tmp_path / "over.png"
    base = ["export", "png", str(grid_path), "--size", "320x240", "-q"]
    assert main([*base, "-o", str(plain)]) == 0
    code = main(
        [
            *base,
            "-o",
            str(over),
            "--basemap",
            str(tiles),
            "--basemap",
            str(tmp_path / "gone.pmtiles"),
        ]
    )
    assert code == 0
    assert "basemap skipped: gone.pmtiles: file not found" in capsys.readouterr().err
    a, b = QImage(str(plain)), QImage(str(over))
    pixels = [(x, y) for x in range(40, 280, 8) for y in range(40, 200, 8)]
    changed = sum(a.pixelColor(x, y) != b.pixelColor(x, y) for x, y in pixels)
    assert changed > len(pixels) * 0.5  # the tiles show through the translucent zones
