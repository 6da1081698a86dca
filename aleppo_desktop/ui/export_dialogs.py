"""File > Export…: option dialogs and a cancellable progress dialog around `aleppo_desktop.export`.

Exports render with their own MapScene styled like the window's (palette, theme, layers), from the
current view or the whole city, so the on-screen map does not move while a video is written. A
cancelled or failed export leaves no file behind (the writers write to a temporary file).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QProgressDialog,
    QSpinBox,
    QWidget,
)

from aleppo_desktop.core.timeline import date_of, day_number
from aleppo_desktop.translations import QT_TRANSLATE_NOOP, translate

if TYPE_CHECKING:
    from aleppo_desktop.core.scenario import Scenario
    from aleppo_desktop.ui.main_window import MainWindow

VIDEO_SIZES = {"1280 x 720 (720p)": (1280, 720), "1920 x 1080 (1080p)": (1920, 1080),
               "3840 x 2160 (4K)": (3840, 2160)}  # fmt: skip
HOLD_CHOICES = {
    QT_TRANSLATE_NOOP("export_dialogs", "each event"): "events",
    QT_TRANSLATE_NOOP("export_dialogs", "each chapter"): "chapters",
    QT_TRANSLATE_NOOP("export_dialogs", "no pause"): "none",
}
AS_ON_THE_MAP = QT_TRANSLATE_NOOP("export_dialogs", "as on the map")
LEGEND_CHOICES = {
    AS_ON_THE_MAP: AS_ON_THE_MAP,
    QT_TRANSLATE_NOOP("export_dialogs", "off the chapter's changes"): "auto",
    QT_TRANSLATE_NOOP("export_dialogs", "bottom left"): "bottom-left",
    QT_TRANSLATE_NOOP("export_dialogs", "bottom right"): "bottom-right",
    QT_TRANSLATE_NOOP("export_dialogs", "top left"): "top-left",
    QT_TRANSLATE_NOOP("export_dialogs", "top right"): "top-right",
    QT_TRANSLATE_NOOP("export_dialogs", "none"): "none",
}
PAPER_CHOICES = {"A4": "a4", QT_TRANSLATE_NOOP("export_dialogs", "US Letter"): "letter"}
PAGE_CHOICES = {
    QT_TRANSLATE_NOOP("export_dialogs", "each chapter, opening and end"): "chapters",
    QT_TRANSLATE_NOOP("export_dialogs", "one per event"): "events",
    QT_TRANSLATE_NOOP("export_dialogs", "major events"): "major",
}


def add_export_menu(main_window: MainWindow, menu: QMenu) -> QMenu:
    """Add an "Export" submenu to `menu` (the File menu); its actions act on the open scenario."""
    exporter = Exporter(main_window)
    submenu = menu.addMenu(translate("export_dialogs", "&Export"))
    submenu.setObjectName("export_menu")
    entries: list[tuple[str, Callable[[], Any], str]] = [
        (
            QT_TRANSLATE_NOOP("export_dialogs", "&Video (MP4)…"),
            exporter.export_video,
            "Ctrl+Shift+E",
        ),
        (QT_TRANSLATE_NOOP("export_dialogs", "Animated &GIF…"), exporter.export_gif, ""),
        (QT_TRANSLATE_NOOP("export_dialogs", "Current view as &PNG…"), exporter.export_png, ""),
        (QT_TRANSLATE_NOOP("export_dialogs", "PDF &handout…"), exporter.export_pdf, ""),
        ("", lambda: None, ""),
        (
            QT_TRANSLATE_NOOP("export_dialogs", "Geo&Package (QGIS)…"),
            lambda: exporter.export_gis("gpkg"),
            "",
        ),
        (
            QT_TRANSLATE_NOOP("export_dialogs", "Geo&JSON…"),
            lambda: exporter.export_gis("geojson"),
            "",
        ),
        (
            QT_TRANSLATE_NOOP("export_dialogs", "&KML (Google Earth)…"),
            lambda: exporter.export_gis("kml"),
            "",
        ),
        (
            QT_TRANSLATE_NOOP("export_dialogs", "KM&Z (Google Earth)…"),
            lambda: exporter.export_gis("kmz"),
            "",
        ),
        ("", lambda: None, ""),
        (
            QT_TRANSLATE_NOOP("export_dialogs", "&Events table (CSV)…"),
            lambda: exporter.export_gis("events_csv"),
            "",
        ),
        (
            QT_TRANSLATE_NOOP("export_dialogs", "&Daily km² series (CSV)…"),
            lambda: exporter.export_gis("series_csv"),
            "",
        ),
    ]
    actions: list[QAction] = []
    for text, slot, shortcut in entries:
        if not text:
            submenu.addSeparator()
            continue
        action = submenu.addAction(translate("export_dialogs", text))
        action.triggered.connect(lambda _=False, s=slot: s())
        if shortcut:
            action.setShortcut(shortcut)
            main_window.addAction(action)  # works with the menu bar hidden (presentation mode)
        actions.append(action)

    def enable() -> None:
        for action in actions:
            action.setEnabled(main_window.scenario is not None)

    submenu.aboutToShow.connect(enable)
    main_window._exporter = exporter  # kept alive with the window
    return submenu


class Exporter:
    """Runs exports for a main window (its `scenario`, `map_scene`, `map_view`, `clock`)."""

    def __init__(self, window: MainWindow):
        self.window = window
        self.last_folder = Path.home()

    # --- helpers ----------------------------------------------------------------------------------

    @property
    def scenario(self) -> Scenario | None:
        return self.window.scenario

    def _ready(self) -> Scenario | None:
        """The open scenario, with playback paused (exporting renders in this thread; playback
        would compete for it); None, after saying so, when no scenario is open."""
        scenario = self.scenario
        if scenario is None:
            QMessageBox.information(
                self.window,
                translate("export_dialogs", "Export"),
                translate("export_dialogs", "Open a scenario first."),
            )
            return None
        self.window.clock.pause()
        return scenario

    def _accepted(self, dialog: QDialog) -> bool:
        return dialog.exec() == QDialog.DialogCode.Accepted

    def _write(
        self,
        title: str,
        name: str,
        filter_text: str,
        write: Callable[[Path, Callable[[float], bool]], Any],
    ) -> bool:
        """Ask where to save `name`, then run `write(path, progress)` under the progress dialog."""
        path = self._save_path(translate("export_dialogs", title), name, filter_text)
        if path is None:
            return False
        writing = translate("export_dialogs", "Writing {name}…").format(name=path.name)
        return self.run(writing, lambda progress: write(path, progress), path)

    def _save_path(self, title: str, name: str, filter_text: str) -> Path | None:
        suggested = str(self.last_folder / name)
        path, _ = QFileDialog.getSaveFileName(self.window, title, suggested, filter_text)
        if not path:
            return None
        result = Path(path)
        suffix = Path(name).suffix
        if result.suffix.lower() != suffix:
            result = result.with_name(result.name + suffix)
        self.last_folder = result.parent
        return result

    def _stem(self) -> str:
        title = self.scenario.title if self.scenario is not None else "export"
        return "".join(c if c.isalnum() else "-" for c in title.lower()).strip("-") or "export"

    def renderer(self, current_view: bool, legend: str = AS_ON_THE_MAP) -> Any:
        """An export renderer in the window's look, its legend as on the map (shown or not, its
        corner or where it was dragged, the inset) unless `legend` names a place or "none"."""
        from aleppo_desktop.export.render import ExportRenderer

        scene = self.window.map_scene
        if scene is None:
            raise RuntimeError("no scenario is open")
        view = getattr(self.window, "map_view", None)
        rect = view.visible_scene_rect() if current_view and view is not None else None
        renderer = ExportRenderer.like(scene, rect)
        style = replace(scene.legend_style)
        if legend != AS_ON_THE_MAP:
            style.shown, style.at = legend != "none", None
            style.place = legend if legend != "none" else "auto"
        renderer.scene.legend_style = style
        return renderer

    def run(self, label: str, work: Callable[[Callable[[float], bool]], Any], path: Path) -> bool:
        """Run `work(progress)` under a modal, cancellable progress dialog; report the outcome."""
        from aleppo_desktop.export.atomic import ExportCancelled, ExportError

        dialog = QProgressDialog(label, translate("export_dialogs", "Cancel"), 0, 1000, self.window)
        dialog.setWindowTitle(translate("export_dialogs", "Export"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setValue(0)
        QApplication.processEvents()

        def progress(fraction: float) -> bool:
            dialog.setValue(round(fraction * 1000))
            QApplication.processEvents()
            return not dialog.wasCanceled()

        try:
            work(progress)
        except ExportCancelled:
            self._status(
                translate("export_dialogs", "Export cancelled; {name} was not written.").format(
                    name=path.name
                )
            )
            return False
        except (ExportError, ValueError, OSError) as exc:
            QMessageBox.warning(
                self.window, translate("export_dialogs", "Export failed"), f"{path.name}: {exc}"
            )
            return False
        finally:
            dialog.close()
            dialog.deleteLater()
        self._status(translate("export_dialogs", "Exported {path}").format(path=path))
        return True

    def _status(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 8000)

    # --- the exports ------------------------------------------------------------------------------

    def export_video(self, gif: bool = False) -> bool:
        scenario = self._ready()
        if scenario is None:
            return False
        dialog = VideoDialog(
            scenario,
            self.window,
            gif=gif,
            speed=self.window.clock.speed,
            what_changed=self.window.commands["what_changed"].isChecked(),
        )
        if not self._accepted(dialog):
            return False
        options, current_view = dialog.options()
        legend = dialog.legend_choice()
        suffix, kind = (
            (".gif", "GIF") if gif else (".mp4", translate("export_dialogs", "MP4 video"))
        )
        from aleppo_desktop.export.video import write_gif, write_video

        write = write_gif if gif else write_video
        return self._write(
            translate("export_dialogs", "Export {kind}").format(kind=kind),
            self._stem() + suffix,
            f"{kind} (*{suffix})",
            lambda path, progress: write(
                scenario, path, options, progress, self.renderer(current_view, legend)
            ),
        )

    def export_gif(self) -> bool:
        return self.export_video(gif=True)

    def export_png(self) -> bool:
        scenario = self._ready()
        if scenario is None:
            return False
        view = self.window.map_view
        sizes = {
            translate("export_dialogs", "as on screen ({width} x {height})").format(
                width=view.viewport().width(), height=view.viewport().height()
            ): (
                view.viewport().width() // 2 * 2,
                view.viewport().height() // 2 * 2,
            ),
            **VIDEO_SIZES,
        }
        dialog = OptionsDialog(QT_TRANSLATE_NOOP("export_dialogs", "Export PNG"), self.window)
        size_box = dialog.combo(QT_TRANSLATE_NOOP("export_dialogs", "Size"), list(sizes), 0)
        dialog.legend_choice()
        if not self._accepted(dialog):
            return False
        size = sizes[size_box.currentData()]
        legend = dialog.legend_choice()
        t = self.window.clock.time
        stepped = self.window.clock.stepped_event  # the caption on screen, several events a day
        day = date_of(t).isoformat()
        from aleppo_desktop.export.video import write_png

        return self._write(
            "Export PNG",
            f"{self._stem()}-{day}.png",
            translate("export_dialogs", "PNG image (*.png)"),
            lambda path, progress: write_png(
                scenario, path, t, size, progress, self.renderer(True, legend), stepped=stepped
            ),
        )

    def export_pdf(self) -> bool:
        scenario = self._ready()
        if scenario is None:
            return False
        dialog = OptionsDialog(
            QT_TRANSLATE_NOOP("export_dialogs", "Export PDF handout"), self.window
        )
        pages_box = dialog.combo(
            QT_TRANSLATE_NOOP("export_dialogs", "Pages"), list(PAGE_CHOICES), 0
        )
        paper_box = dialog.combo(
            QT_TRANSLATE_NOOP("export_dialogs", "Paper"), list(PAPER_CHOICES), 0
        )
        dialog.legend_choice()
        if not self._accepted(dialog):
            return False
        legend = dialog.legend_choice()
        from aleppo_desktop.export.pdf import handout_pages, write_pdf

        try:
            pages = handout_pages(scenario, PAGE_CHOICES[pages_box.currentData()])
        except ValueError as exc:
            QMessageBox.warning(
                self.window, translate("export_dialogs", "Export PDF handout"), str(exc)
            )
            return False
        return self._write(
            "Export PDF handout",
            f"{self._stem()}-handout.pdf",
            "PDF (*.pdf)",
            lambda path, progress: write_pdf(
                scenario,
                path,
                pages,
                progress,
                self.renderer(False, legend),
                PAPER_CHOICES[paper_box.currentData()],
            ),
        )

    def export_gis(self, kind: str) -> bool:
        scenario = self._ready()
        if scenario is None:
            return False
        from aleppo_desktop.export import gis, series

        palette = "cb" if self.window.palette_name == "cb" else "default"
        table: dict[str, tuple[str, str, Callable[..., Any]]] = {
            "gpkg": (".gpkg", "GeoPackage (*.gpkg)", gis.write_gpkg),
            "geojson": (".geojson", "GeoJSON (*.geojson *.json)", gis.write_geojson),
            "kml": (
                ".kml",
                "KML (*.kml)",
                lambda s, p, progress: gis.write_kml(s, p, progress, palette=palette),
            ),
            "kmz": (
                ".kmz",
                "KMZ (*.kmz)",
                lambda s, p, progress: gis.write_kmz(s, p, progress, palette=palette),
            ),
            "events_csv": (".csv", "CSV (*.csv)", gis.write_events_csv),
            "series_csv": (".csv", "CSV (*.csv)", series.write_series_csv),
        }
        suffix, filter_text, write = table[kind]
        name = self._stem() + {"events_csv": "-events", "series_csv": "-km2-daily"}.get(kind, "")
        return self._write(
            "Export",
            name + suffix,
            filter_text,
            lambda path, progress: write(scenario, path, progress),
        )


class OptionsDialog(QDialog):
    """A small form with OK/Cancel."""

    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(translate("export_dialogs", title))
        self.form = QFormLayout(self)
        self._buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self._buttons.accepted.connect(self.accept)
        self._buttons.rejected.connect(self.reject)
        self.form.addRow(self._buttons)

    def _add(self, label: str, widget: QWidget) -> None:
        self.form.insertRow(self.form.rowCount() - 1, translate("export_dialogs", label), widget)

    def combo(self, label: str, items: list[str], current: int) -> QComboBox:
        box = QComboBox(self)
        for item in items:  # shown in the language, looked up by the English key (the item's data)
            box.addItem(translate("export_dialogs", item), item)
        box.setCurrentIndex(current)
        self._add(label, box)
        return box

    def legend_choice(self) -> str:
        """The legend's place chosen in the dialog's Legend row (added on first call)."""
        if not hasattr(self, "_legend_box"):
            self._legend_box = self.combo(
                QT_TRANSLATE_NOOP("export_dialogs", "Legend"), list(LEGEND_CHOICES), 0
            )
        return LEGEND_CHOICES[self._legend_box.currentData()]


class VideoDialog(OptionsDialog):
    """Range, size, frame rate, speed and holds of a video; shows the resulting length."""

    def __init__(self, scenario: Any, parent: QWidget | None = None, gif: bool = False,
                 speed: float = 2.0, what_changed: bool = False):  # fmt: skip
        super().__init__(
            QT_TRANSLATE_NOOP("export_dialogs", "Export animated GIF")
            if gif
            else QT_TRANSLATE_NOOP("export_dialogs", "Export video"),
            parent,
        )
        self.scenario = scenario
        self.gif = gif
        sizes = (
            {"640 x 360": (640, 360), "960 x 540": (960, 540), **VIDEO_SIZES}
            if gif
            else VIDEO_SIZES
        )
        self.sizes = sizes
        self.size_box = self.combo(QT_TRANSLATE_NOOP("export_dialogs", "Size"), list(sizes), 1)
        self.fps = QSpinBox(self)
        self.fps.setRange(1, 50 if gif else 60)
        self.fps.setValue(10 if gif else 30)
        self._add(QT_TRANSLATE_NOOP("export_dialogs", "Frames per second"), self.fps)
        self.speed = QDoubleSpinBox(self)
        self.speed.setRange(0.25, 30.0)
        self.speed.setSingleStep(0.5)
        self.speed.setSuffix(translate("export_dialogs", " days/s"))
        self.speed.setValue(speed)
        self._add(QT_TRANSLATE_NOOP("export_dialogs", "Speed"), self.speed)
        period = scenario.meta.period
        self.start = self._date_edit(period.start, period.start, period.end)
        self.end = self._date_edit(period.end, period.start, period.end)
        self._add(QT_TRANSLATE_NOOP("export_dialogs", "From"), self.start)
        self._add(QT_TRANSLATE_NOOP("export_dialogs", "To"), self.end)
        self.hold = QDoubleSpinBox(self)
        self.hold.setRange(0.0, 30.0)
        self.hold.setSingleStep(0.5)
        self.hold.setSuffix(" s")
        self.hold.setValue(0.0 if gif else 2.0)
        self._add(QT_TRANSLATE_NOOP("export_dialogs", "Pause"), self.hold)
        self.hold_at = self.combo(
            QT_TRANSLATE_NOOP("export_dialogs", "Pause at"), list(HOLD_CHOICES), 0
        )
        self.current_view = QCheckBox(
            translate("export_dialogs", "the current view (otherwise the whole city)"), self
        )
        self._add(QT_TRANSLATE_NOOP("export_dialogs", "Show"), self.current_view)
        # what changed, outlined as on screen (core.what_changed); the window's choice by default
        self.what_changed = QCheckBox(
            translate("export_dialogs", "outline the ground gained at each step"), self
        )
        self.what_changed.setChecked(what_changed)
        self._add(QT_TRANSLATE_NOOP("export_dialogs", "What changed"), self.what_changed)
        self.legend_choice()
        self.summary = QLabel(self)
        self._add(QT_TRANSLATE_NOOP("export_dialogs", "Length"), self.summary)
        for signal in (
            self.fps.valueChanged, self.speed.valueChanged, self.start.dateChanged,
            self.end.dateChanged, self.hold.valueChanged, self.hold_at.currentIndexChanged,
        ):  # fmt: skip
            signal.connect(self._update_summary)
        self._update_summary()

    def _date_edit(self, value: date, low: date, high: date) -> QDateEdit:
        edit = QDateEdit(QDate(value.year, value.month, value.day), self)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("d MMM yyyy")
        edit.setDateRange(
            QDate(low.year, low.month, low.day), QDate(high.year, high.month, high.day)
        )
        return edit

    def options(self) -> tuple[Any, bool]:
        from aleppo_desktop.export.video import VideoOptions

        def day(edit: QDateEdit) -> float:
            d = edit.date()
            return day_number(date(d.year(), d.month(), d.day()))

        return (
            VideoOptions(
                size=self.sizes[self.size_box.currentData()],
                fps=float(self.fps.value()),
                speed=float(self.speed.value()),
                start=day(self.start),
                end=day(self.end),
                hold_seconds=float(self.hold.value()),
                hold_at=HOLD_CHOICES[self.hold_at.currentData()],
                what_changed=self.what_changed.isChecked(),
            ),
            self.current_view.isChecked(),
        )

    def _update_summary(self) -> None:
        ok = self._buttons.button(QDialogButtonBox.StandardButton.Ok)
        try:
            options, _ = self.options()
            schedule = options.schedule(self.scenario)
        except ValueError as exc:
            self.summary.setText(str(exc))
            ok.setEnabled(False)
            return
        ok.setEnabled(True)
        self.summary.setText(
            translate("export_dialogs", "{seconds} s, {frames} frames").format(
                seconds=f"{schedule.duration_s:.1f}", frames=len(schedule)
            )
        )
