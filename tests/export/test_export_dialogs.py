"""File > Export… in the main window: files written through the dialogs, cancel leaves nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog, QFileDialog, QMenu, QProgressDialog

from .conftest import require_tool, run_tool

pytestmark = [
    pytest.mark.usefixtures("qt_fonts"),
    pytest.mark.qt_log_ignore("This plugin does not support"),  # offscreen docks, not ours
]


@pytest.fixture
def window(qtbot, tmp_path: Path, grid_scenario_path: Path):
    from aleppo_desktop.ui.main_window import MainWindow

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "cfg"))
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    w = MainWindow(settings)
    qtbot.addWidget(w)
    w.resize(1280, 800)
    w.show()
    qtbot.waitExposed(w)
    assert w.open_scenario(grid_scenario_path)
    return w


def save_as(monkeypatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))


def test_the_file_menu_has_the_exports(window) -> None:
    menu = window.findChild(QMenu, "export_menu")
    assert menu is not None
    texts = [a.text().replace("&", "") for a in menu.actions() if a.text()]
    assert texts[:4] == ["Video (MP4)…", "Animated GIF…", "Current view as PNG…", "PDF handout…"]
    assert "GeoPackage (QGIS)…" in texts and "KMZ (Google Earth)…" in texts


def test_geopackage_through_the_dialog(window, monkeypatch, tmp_path: Path) -> None:
    out = tmp_path / "out" / "zones"  # no suffix typed: the dialog adds it
    out.parent.mkdir()
    save_as(monkeypatch, out)
    assert window._exporter.export_gis("gpkg")
    written = out.with_name("zones.gpkg")
    assert written.exists()
    assert "control_zones" in run_tool(require_tool("ogrinfo"), "-ro", "-q", written)


def test_short_video_through_the_dialog(window, monkeypatch, tmp_path: Path) -> None:
    from aleppo_desktop.ui.export_dialogs import VideoDialog

    def accept_short(dialog: VideoDialog) -> int:
        dialog.size_box.setCurrentIndex(0)  # 1280 x 720
        dialog.fps.setValue(4)
        dialog.speed.setValue(4.0)
        dialog.start.setDate(dialog.end.date().addDays(-4))
        dialog.hold.setValue(0.0)
        dialog.current_view.setChecked(True)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(VideoDialog, "exec", accept_short)
    out = tmp_path / "short.mp4"
    save_as(monkeypatch, out)
    assert window._exporter.export_video()
    frames = run_tool(
        require_tool("ffprobe"), "-v", "error", "-count_frames", "-select_streams", "v:0",
        "-show_entries", "stream=nb_read_frames,width", "-of", "csv=p=0", out,
    )  # fmt: skip
    assert frames.strip() == "1280,5"  # 4 days at 4 days/s, 4 fps


def test_cancel_in_the_progress_dialog_leaves_no_file(window, monkeypatch, tmp_path: Path) -> None:
    from aleppo_desktop.ui.export_dialogs import OptionsDialog

    monkeypatch.setattr(OptionsDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    monkeypatch.setattr(QProgressDialog, "wasCanceled", lambda self: True)
    out = tmp_path / "handout.pdf"
    save_as(monkeypatch, out)
    assert not window._exporter.export_pdf()
    assert not any(p.suffix == ".pdf" or ".part" in p.name for p in tmp_path.iterdir())
    assert "cancelled" in window.statusBar().currentMessage()


def test_png_through_the_dialog_takes_the_maps_legend(window, monkeypatch, tmp_path: Path) -> None:
    """The legend as left on the map (dragged to the middle) comes out in the PNG at the same
    place; 'none' in the dialog leaves it out."""
    from PySide6.QtGui import QImage

    from aleppo_desktop.ui.export_dialogs import OptionsDialog

    window.map_view.set_legend(place="top-left")
    window.map_scene.legend_style.at = (0.4, 0.4)  # as a drag leaves it
    choice = {"legend": "as on the map"}

    def accept(dialog: OptionsDialog) -> int:
        dialog._legend_box.setCurrentText(choice["legend"])
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(OptionsDialog, "exec", accept)
    pictures = {}
    for legend in ("as on the map", "none"):
        choice["legend"] = legend
        out = tmp_path / f"{legend.replace(' ', '-')}.png"
        save_as(monkeypatch, out)
        assert window._exporter.export_png()
        pictures[legend] = QImage(str(out))
    with_legend, without = pictures["as on the map"], pictures["none"]
    assert with_legend.size() == without.size()
    w, h = with_legend.width(), with_legend.height()
    x, y = round(0.4 * w) + 4, round(0.4 * h) + 4  # inside the legend's panel
    assert with_legend.pixelColor(x, y) != without.pixelColor(x, y)
    # away from the legend (and the other overlays) the two pictures are the same
    assert with_legend.pixelColor(round(0.25 * w), round(0.7 * h)) == without.pixelColor(
        round(0.25 * w), round(0.7 * h)
    )
    assert window.map_scene.legend_style.shown  # the dialog's choice leaves the map alone


def test_the_video_dialog_outlines_what_changed_as_the_window_does(window, monkeypatch) -> None:
    from aleppo_desktop.ui.export_dialogs import VideoDialog

    seen: list[bool] = []

    def look(dialog: VideoDialog) -> int:
        seen.append(dialog.what_changed.isChecked())
        options, _ = dialog.options()
        seen.append(options.what_changed)
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(VideoDialog, "exec", look)
    for on in (True, False):
        window.commands["what_changed"].setChecked(on)
        assert not window._exporter.export_video()
    assert seen == [True, True, False, False]
