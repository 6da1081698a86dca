"""The user's own basemaps in the Layers dock: add (File > Add basemap…, drag and drop), remove,
reorder, opacity, visibility, the zones' opacity over them and the language of OSM names.

The list is kept in the user's settings (absolute paths) and beside the scenario in
`user-basemaps.json` (paths relative to the scenario's folder) when that folder is writable. A file
that cannot be shown is skipped with a message naming it; the map keeps working.
"""

from __future__ import annotations

import contextlib
import json
import threading
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QObject,
    QSettings,
    QSignalBlocker,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QProgressDialog,
    QPushButton,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from aleppo_desktop.core.user_basemap import (
    LANGUAGES,
    BasemapError,
    BasemapSpec,
    ImportCancelledError,
    basemap_kind,
)
from aleppo_desktop.paths import bundled_scenario_path
from aleppo_desktop.render.scene import MapScene
from aleppo_desktop.render.user_layers import UserLayer, UserLayers
from aleppo_desktop.translations import QT_TRANSLATE_NOOP

SETTINGS_KEY = "user_basemaps"
ZONE_OPACITY_KEY = "zone_opacity"
SIDECAR = "user-basemaps.json"
FILE_FILTER = QT_TRANSLATE_NOOP(
    "BasemapsPanel",
    "Basemaps (*.mbtiles *.pmtiles *.gpkg *.tif *.tiff *.geojson *.json *.shp *.kml *.fgb *.osm.pbf *.pbf);;All files (*)",
)
LANGUAGE_NAMES = {
    "name": QT_TRANSLATE_NOOP("BasemapsPanel", "Local names"),
    "name:en": QT_TRANSLATE_NOOP("BasemapsPanel", "English names"),
    "name:ar": QT_TRANSLATE_NOOP("BasemapsPanel", "Arabic names"),
}


class BasemapsPanel(QGroupBox):
    """Your basemaps, top of the list drawn on top; works on the scene's shared `UserLayers`."""

    layers_changed = Signal()
    problems = Signal(list)  # messages of the files skipped

    def __init__(self, settings: QSettings, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTitle(self.tr("Your basemaps"))
        self.settings = settings
        self.user_layers = UserLayers()
        self.scene: MapScene | None = None
        self.scenario_dir: Path | None = None
        self.setAcceptDrops(True)
        layout = QVBoxLayout(self)
        self.list = QListWidget(self)
        self.list.setObjectName("user_basemaps")
        self.list.setToolTip(
            self.tr("Drop MBTiles, PMTiles, GeoPackage, GeoTIFF, vector or .osm.pbf files here")
        )
        self.list.itemChanged.connect(self._item_changed)
        self.list.currentRowChanged.connect(self._show_selected)
        layout.addWidget(self.list)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Add…"), self)
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.up_button = QPushButton(self.tr("Up"), self)
        self.down_button = QPushButton(self.tr("Down"), self)
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        self.add_button.clicked.connect(self.add_dialog)
        self.remove_button.clicked.connect(lambda: self.remove_row(self.list.currentRow()))
        self.up_button.clicked.connect(lambda: self.move_row(self.list.currentRow(), -1))
        self.down_button.clicked.connect(lambda: self.move_row(self.list.currentRow(), 1))
        layout.addLayout(buttons)
        self.opacity = self._slider(self.tr("Opacity of the selected basemap"), layout)
        self.opacity.valueChanged.connect(self._opacity_changed)
        self.zone_opacity = self._slider(self.tr("Zones over your basemaps"), layout)
        self.zone_opacity.valueChanged.connect(self._zone_opacity_changed)
        self.language = QComboBox(self)
        for key in LANGUAGES:
            self.language.addItem(self.tr(LANGUAGE_NAMES[key]), key)
        self.language.setToolTip(self.tr("Street names of OSM extracts added from now on"))
        layout.addWidget(self.language)
        self.message = QLabel(self)
        self.message.setObjectName("basemap_problems")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #a01010;")
        self.message.hide()
        layout.addWidget(self.message)
        zone = self.settings.value(ZONE_OPACITY_KEY)
        with contextlib.suppress(TypeError, ValueError):
            if zone is not None:
                self.user_layers.zone_opacity = min(max(float(str(zone)), 0.0), 1.0)
        with QSignalBlocker(self.zone_opacity):
            self.zone_opacity.setValue(round(self.user_layers.zone_opacity * 100))
        self.user_layers.loader.signals.done.connect(self._tiles_landed)
        self._show_selected(-1)

    def _slider(self, text: str, layout: QVBoxLayout) -> QSlider:
        layout.addWidget(QLabel(text, self))
        slider = QSlider(Qt.Orientation.Horizontal, self)
        slider.setAccessibleName(text)  # what a screen reader says for it
        slider.setRange(0, 100)
        layout.addWidget(slider)
        return slider

    # --- the scene and the stored list ----------------------------------------------------------------

    def set_scene(self, scene: MapScene, scenario_path: Path | None = None) -> None:
        """Draw the basemaps on this scene; the scenario's own list (beside it) when it has one,
        else the user's last list from the settings."""
        self.scene = scene
        scene.user_layers = self.user_layers
        folder = None
        if scenario_path is not None:
            folder = scenario_path if scenario_path.is_dir() else scenario_path.parent
            bundled = bundled_scenario_path()
            if folder.resolve() == (bundled if bundled.is_dir() else bundled.parent).resolve():
                folder = None  # the shipped scenario stays as shipped: the settings keep the list
        self.scenario_dir = folder
        specs = self._stored_specs(folder)
        if [s.path for s in specs] != [layer.spec.path for layer in self.user_layers.layers]:
            while self.user_layers.layers:
                self.user_layers.remove(0)
            self._open(specs)
        self._refresh()
        scene.user_layers_changed()

    def _stored_specs(self, folder: Path | None) -> list[BasemapSpec]:
        sidecar = folder / SIDECAR if folder is not None else None
        try:
            if sidecar is not None and sidecar.is_file():
                data = json.loads(sidecar.read_text(encoding="utf-8"))
                return [BasemapSpec.from_dict(d, relative_to=folder) for d in data["basemaps"]]
            raw = self.settings.value(SETTINGS_KEY)
            if raw:
                return [BasemapSpec.from_dict(d) for d in json.loads(str(raw))]
        except (OSError, ValueError, KeyError, TypeError) as exc:
            self._show_problems([f"the saved basemap list could not be read ({exc})"])
        return []

    def save(self) -> None:
        """The list into the settings and beside the scenario (when its folder is writable)."""
        specs = self.user_layers.specs()
        self.settings.setValue(SETTINGS_KEY, json.dumps([s.to_dict() for s in specs]))
        self.settings.setValue(ZONE_OPACITY_KEY, self.user_layers.zone_opacity)
        folder = self.scenario_dir
        if folder is None:
            return
        sidecar = folder / SIDECAR
        if not specs and not sidecar.exists():
            return
        data = {
            "about": "The user's own basemaps for this scenario (aleppo-desktop), bottom first",
            "basemaps": [s.to_dict(relative_to=folder) for s in specs],
        }
        with contextlib.suppress(OSError):  # a read-only (installed) scenario: the settings keep it
            tmp = sidecar.with_suffix(".json.tmp")
            tmp.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
            tmp.replace(sidecar)

    # --- adding and removing ------------------------------------------------------------------------

    def add_dialog(self) -> None:
        paths, _filter = QFileDialog.getOpenFileNames(
            self, self.tr("Add basemap"), "", self.tr(FILE_FILTER)
        )
        if paths:
            self.add_paths([Path(p) for p in paths])

    def add_paths(self, paths: list[Path]) -> list[str]:
        """Open and add basemaps (on top); the messages of those skipped."""
        language = str(self.language.currentData())
        errors = self._open([BasemapSpec(str(Path(p).resolve()), language=language) for p in paths])
        self._refresh()
        self.list.setCurrentRow(0)
        self._changed()
        return errors

    def _open(self, specs: list[BasemapSpec]) -> list[str]:
        errors = []
        for spec in specs:
            try:
                if basemap_kind(spec.path) == "osm":
                    self._import_osm(spec)
                else:
                    self.user_layers.add(spec)
            except ImportCancelledError:
                errors.append(f"{Path(spec.path).name}: import cancelled")
            except BasemapError as exc:
                errors.append(str(exc))
        self._show_problems(errors)
        return errors

    def _import_osm(self, spec: BasemapSpec) -> UserLayer:
        """An OSM extract is read on a thread, with a progress bar and Cancel."""
        dialog = QProgressDialog(
            self.tr("Importing {name}…").format(name=Path(spec.path).name),
            self.tr("Cancel"),
            0,
            1000,
            self,
        )
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(400)
        cancel = threading.Event()
        fraction = [0.0]
        outcome: dict[str, object] = {}

        def work() -> None:
            try:
                outcome["layer"] = self.user_layers.add(
                    spec, progress=lambda f: fraction.__setitem__(0, f), cancelled=cancel.is_set
                )
            except Exception as exc:
                outcome["error"] = exc

        thread = threading.Thread(target=work, name="osm-import", daemon=True)
        thread.start()
        while thread.is_alive():
            thread.join(0.05)
            dialog.setValue(round(fraction[0] * 1000))
            if dialog.wasCanceled():
                cancel.set()
            QApplication.processEvents()
        dialog.close()
        dialog.deleteLater()
        error = outcome.get("error")
        if isinstance(error, Exception):
            raise error
        layer = outcome["layer"]
        assert isinstance(layer, UserLayer)
        return layer

    def remove_row(self, row: int) -> None:
        index = self._layer_index(row)
        if index is None:
            return
        self.user_layers.remove(index)
        self._refresh()
        self.list.setCurrentRow(min(row, self.list.count() - 1))
        self._changed()

    def move_row(self, row: int, step: int) -> None:
        """Move a basemap up (-1: drawn higher) or down (+1) the list."""
        index = self._layer_index(row)
        target = row + step
        if index is None or not 0 <= target < self.list.count():
            return
        self.user_layers.move(index, index - step)
        self._refresh()
        self.list.setCurrentRow(target)
        self._changed()

    # --- the list -------------------------------------------------------------------------------------

    def _layer_index(self, row: int) -> int | None:
        n = len(self.user_layers.layers)
        return n - 1 - row if 0 <= row < n else None

    def layer_at(self, row: int) -> UserLayer | None:
        index = self._layer_index(row)
        return self.user_layers.layers[index] if index is not None else None

    def _refresh(self) -> None:
        with QSignalBlocker(self.list):
            self.list.clear()
            for layer in reversed(self.user_layers.layers):
                item = QListWidgetItem(f"{layer.name}  ({layer.kind})")
                item.setToolTip(layer.spec.path)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(
                    Qt.CheckState.Checked if layer.spec.visible else Qt.CheckState.Unchecked
                )
                self.list.addItem(item)
        self._show_selected(self.list.currentRow())

    def _item_changed(self, item: QListWidgetItem) -> None:
        layer = self.layer_at(self.list.row(item))
        if layer is not None:
            layer.spec.visible = item.checkState() == Qt.CheckState.Checked
            self._changed()

    def _show_selected(self, row: int) -> None:
        layer = self.layer_at(row)
        for widget in (self.remove_button, self.up_button, self.down_button, self.opacity):
            widget.setEnabled(layer is not None)
        with QSignalBlocker(self.opacity):
            self.opacity.setValue(round(layer.spec.opacity * 100) if layer else 100)

    def _opacity_changed(self, value: int) -> None:
        layer = self.layer_at(self.list.currentRow())
        if layer is not None:
            layer.spec.opacity = value / 100
            self._changed()

    def _zone_opacity_changed(self, value: int) -> None:
        self.user_layers.zone_opacity = value / 100
        self._changed()

    def _changed(self) -> None:
        self.save()
        if self.scene is not None:
            self.scene.user_layers_changed()
        self.layers_changed.emit()

    def _tiles_landed(self) -> None:
        if self.scene is not None:
            self.scene.user_layers_changed()

    def _show_problems(self, errors: list[str]) -> None:
        if errors:
            self.message.setText(self.tr("Skipped: ") + "\n".join(errors))
            self.message.show()
            self.problems.emit(errors)
        else:
            self.message.hide()

    # --- drag and drop ----------------------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.add_paths(paths)

    def accept_drops_on(self, widget: QWidget) -> None:
        """Files dropped on another widget (the map) are added here too."""
        widget.setAcceptDrops(True)
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            if event.mimeData().hasUrls():  # type: ignore[attr-defined]
                event.acceptProposedAction()  # type: ignore[attr-defined]
                return True
        elif event.type() == QEvent.Type.Drop:
            self.dropEvent(event)  # type: ignore[arg-type]
            return True
        return super().eventFilter(watched, event)


def add_basemap_menu(panel: BasemapsPanel, menu: QMenu) -> QAction:
    """File > Add basemap…"""
    action = menu.addAction(QCoreApplication.translate("BasemapsPanel", "Add basemap…"))
    action.setObjectName("add_basemap")
    action.triggered.connect(panel.add_dialog)
    return action
