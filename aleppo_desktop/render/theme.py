"""Colours and sizes of the map: the standard look and the high-contrast projector look, and the palettes."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from aleppo_desktop.core.model import Faction
from aleppo_desktop.translations import QT_TRANSLATE_NOOP

PALETTES = {
    "standard": QT_TRANSLATE_NOOP("theme", "Standard"),
    "cb": QT_TRANSLATE_NOOP("theme", "Colour-blind safe (Okabe–Ito)"),
}
"""Palette names, marked for the catalogue: show them with `QCoreApplication.translate("theme", ...)`."""

FILL_PATTERNS = {
    "solid": Qt.BrushStyle.SolidPattern,
    "hatch": Qt.BrushStyle.BDiagPattern,
    "cross": Qt.BrushStyle.DiagCrossPattern,
    "dots": Qt.BrushStyle.Dense6Pattern,
}


@dataclass(frozen=True)
class Theme:
    name: str
    background: QColor
    outline: QColor
    outline_width: float  # px, cosmetic
    front: QColor
    front_casing: QColor
    front_width: float  # px
    label: QColor
    label_halo: QColor
    landmark_label: QColor
    basemap: QColor
    panel: QColor  # overlay panels (legend, banner)
    panel_text: QColor
    highlight: QColor
    type_scale: float  # overlay and label type size factor


STANDARD = Theme(
    name="standard",
    background=QColor("#e9e6df"),
    outline=QColor(70, 70, 70, 150),
    outline_width=0.7,
    front=QColor("#111111"),
    front_casing=QColor(255, 255, 255),
    front_width=2.6,
    label=QColor("#1b1b1b"),
    label_halo=QColor(255, 255, 255, 210),
    landmark_label=QColor("#1d3d6b"),
    basemap=QColor("#3d3d3d"),
    panel=QColor(255, 255, 255, 225),
    panel_text=QColor("#111111"),
    highlight=QColor("#ffd400"),
    type_scale=1.0,
)

HIGH_CONTRAST = Theme(
    name="high_contrast",
    background=QColor("#000000"),
    outline=QColor(0, 0, 0, 255),
    outline_width=1.4,
    front=QColor("#ffffff"),
    front_casing=QColor("#000000"),
    front_width=4.0,
    label=QColor("#000000"),
    label_halo=QColor("#ffffff"),
    landmark_label=QColor("#002a80"),
    basemap=QColor("#000000"),
    panel=QColor(0, 0, 0, 235),
    panel_text=QColor("#ffffff"),
    highlight=QColor("#00e5ff"),
    type_scale=1.35,
)


def faction_colour(faction: Faction, palette: str) -> QColor:
    return QColor(faction.colour_cb if palette == "cb" else faction.colour)


def lighter(colour: QColor, amount: float = 0.55) -> QColor:
    """The colour mixed with white: the ground under a claimed/contested pattern."""
    r, g, b = colour.red(), colour.green(), colour.blue()
    return QColor(
        round(r + (255 - r) * amount), round(g + (255 - g) * amount), round(b + (255 - b) * amount)
    )
