"""Layers and legend: basemap layers, labels, damage points, the palette, and the faction colours."""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QColor, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGroupBox,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from aleppo_desktop.core.errors import ScenarioError
from aleppo_desktop.core.language import pick
from aleppo_desktop.render.scene import MapScene
from aleppo_desktop.render.theme import PALETTES
from aleppo_desktop.translations import QT_TRANSLATE_NOOP


def swatch(colour: QColor, size: int = 14) -> QPixmap:
    pixmap = QPixmap(size, size)
    pixmap.fill(colour)
    return pixmap


LEGEND_PLACE_NAMES = {
    "auto": QT_TRANSLATE_NOOP("LayersPanel", "Auto (off the chapter's changes)"),
    "bottom-left": QT_TRANSLATE_NOOP("LayersPanel", "Bottom left"),
    "bottom-right": QT_TRANSLATE_NOOP("LayersPanel", "Bottom right"),
    "top-left": QT_TRANSLATE_NOOP("LayersPanel", "Top left"),
    "top-right": QT_TRANSLATE_NOOP("LayersPanel", "Top right"),
}


class LayersPanel(QWidget):
    palette_chosen = Signal(str)
    # the map's legend: shown, its place (render.overlays.LEGEND_PLACES), the inset shown
    legend_options = Signal(bool, str, bool)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.scene: MapScene | None = None
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(4, 4, 4, 4)
        self.layers_box = QGroupBox(self.tr("Layers"), self)
        self.layers_layout = QVBoxLayout(self.layers_box)
        self.layout_.addWidget(self.layers_box)
        self.labels = QCheckBox(self.tr("Neighbourhood names (English / Arabic)"), self)
        self.labels.setChecked(True)
        self.labels.toggled.connect(self._labels_toggled)
        self.layout_.addWidget(self.labels)
        self.layout_.addWidget(QLabel(self.tr("Palette"), self))
        self.palette_box = QComboBox(self)
        self.palette_box.setAccessibleName(self.tr("Palette"))
        for key, text in PALETTES.items():
            self.palette_box.addItem(QCoreApplication.translate("theme", text), key)
        self.palette_box.currentIndexChanged.connect(
            lambda i: self.palette_chosen.emit(self.palette_box.itemData(i))
        )
        self.layout_.addWidget(self.palette_box)
        self.map_legend_box = QGroupBox(self.tr("On the map"), self)
        on_map = QVBoxLayout(self.map_legend_box)
        self.legend_check = QCheckBox(self.tr("Legend (click it to fold, drag it to move)"), self)
        self.legend_check.setChecked(True)
        self.legend_place = QComboBox(self)
        self.legend_place.setAccessibleName(self.tr("Where the legend goes"))
        for key, text in LEGEND_PLACE_NAMES.items():
            self.legend_place.addItem(self.tr(text), key)
        self.inset_check = QCheckBox(self.tr("Inset locating the view when zoomed in"), self)
        self.inset_check.setChecked(True)
        for widget in (self.legend_check, self.legend_place, self.inset_check):
            on_map.addWidget(widget)
        self.legend_check.toggled.connect(self._legend_options)
        self.legend_place.currentIndexChanged.connect(self._legend_options)
        self.inset_check.toggled.connect(self._legend_options)
        self.layout_.addWidget(self.map_legend_box)
        self.legend_box = QGroupBox(self.tr("Factions"), self)
        self.legend_layout = QVBoxLayout(self.legend_box)
        self.layout_.addWidget(self.legend_box)
        self.layout_.addStretch(1)
        self.checks: dict[str, QCheckBox] = {}

    def _legend_options(self, *_args: object) -> None:
        self.legend_place.setEnabled(self.legend_check.isChecked())
        self.legend_options.emit(
            self.legend_check.isChecked(),
            str(self.legend_place.currentData()),
            self.inset_check.isChecked(),
        )

    def set_scene(self, scene: MapScene) -> None:
        self.scene = scene
        for box in self.checks.values():
            box.deleteLater()
        self.checks = {}
        for layer in scene.scenario.meta.basemap:
            marked = layer.schematic and "schematic" not in layer.title_en.lower()
            text = pick(layer.title_en, layer.title_ar) + (
                self.tr(" (schematic)") if marked else ""
            )
            box = QCheckBox(text, self.layers_box)
            box.setChecked(scene.layer_visible.get(layer.id, False))
            box.toggled.connect(lambda on, lid=layer.id: self._layer_toggled(lid, on))
            self.layers_layout.addWidget(box)
            self.checks[layer.id] = box
        if not self.checks:
            label = QLabel(self.tr("(this scenario has no basemap layers)"), self.layers_box)
            self.layers_layout.addWidget(label)
        with QSignalBlocker(self.labels):
            self.labels.setChecked(scene.labels_enabled)
        self.set_palette(scene.palette_name)

    def set_palette(self, name: str) -> None:
        with QSignalBlocker(self.palette_box):
            self.palette_box.setCurrentIndex(max(self.palette_box.findData(name), 0))
        self._rebuild_legend()

    def _rebuild_legend(self) -> None:
        while self.legend_layout.count():
            item = self.legend_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        if self.scene is None:
            return
        for i, faction in enumerate(self.scene.scenario.factions):
            label = QLabel(self.legend_box)
            colour = self.scene.colour_of(i).name()
            label.setText(
                f"<span style='color:{colour}; font-size:16px'>■</span> "
                f"{html.escape(pick(faction.name_en, faction.name_ar))}"
            )
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setWordWrap(True)  # long names must not hold the dock wide
            self.legend_layout.addWidget(label)
        styles = self.tr("Solid: confirmed · hatched: claimed · cross-hatched: contested")
        if any(c.until is not None for c in self.scene.scenario.control.changes):
            styles += self.tr(" · dotted: uncertain (taken on an unknown day within a window)")
        schematic = self.tr("Dashed lines and hollow markers are schematic (not surveyed).")
        note = QLabel(f"{styles}. {schematic}", self.legend_box)
        note.setWordWrap(True)
        self.legend_layout.addWidget(note)

    def _layer_toggled(self, layer_id: str, on: bool) -> None:
        if self.scene is None:
            return
        if on:  # a hidden layer's file is read now (core.scenario.BasemapLayers)
            try:
                self.scene.scenario.basemap(layer_id)
            except ScenarioError as exc:
                with QSignalBlocker(self.checks[layer_id]):
                    self.checks[layer_id].setChecked(False)
                self._show_unreadable(self.checks[layer_id].text(), [str(p) for p in exc.problems])
                return
        self.scene.set_layer_visible(layer_id, on)

    def _show_unreadable(self, title: str, problems: list[str]) -> QMessageBox:
        """Every problem of a layer that cannot be shown; the map stays as it was."""
        box = QMessageBox(self)
        box.setObjectName("layer_problems")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Cannot show layer"))
        box.setText(
            self.tr("The layer {title} could not be read ({count} problem(s)).").format(
                title=title, count=len(problems)
            )
        )
        box.setInformativeText("\n".join(problems[:30]))
        box.setDetailedText("\n".join(problems))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        return box

    def _labels_toggled(self, on: bool) -> None:
        if self.scene is not None:
            self.scene.set_labels_enabled(on)
