"""Export pictures drawn by the screen's own code: `ui.map_render.render_map_image` on a `MapScene`.

Exports use their own MapScene (same palette and theme as the window's), so rendering frames never
moves the on-screen map. Needs a QApplication; headless callers get an offscreen one.
"""

from __future__ import annotations

import os
import sys
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from aleppo_desktop.core.scenario import Scenario
from aleppo_desktop.core.story import cite
from aleppo_desktop.core.story import event_date_text as caption_date

if TYPE_CHECKING:
    from PySide6.QtCore import QRectF, QSize
    from PySide6.QtGui import QImage

    from aleppo_desktop.ui.map_render import MapOverlays
    from aleppo_desktop.ui.map_scene import MapScene

REFERENCE_HEIGHT = 720
"""Overlay text is sized for a 720-pixel-high picture and scaled up with it (1080p: x1.5)."""


def ensure_qt_app() -> Any:
    """The running QApplication, or a new offscreen one with the bundled fonts registered."""
    if "PySide6.QtGui" not in sys.modules and not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(["aleppo-desktop-export"])
    if not isinstance(app, QApplication):
        raise RuntimeError("exports draw with QtWidgets' scene: they need a QApplication")
    from aleppo_desktop.render.fonts import register_fonts

    register_fonts()
    return app


def type_scale_for(base: float, height: int) -> float:
    return base * max(1.0, height / REFERENCE_HEIGHT)


class ExportRenderer:
    """Renders the map at an instant, with the overlays of the screen and the event caption."""

    def __init__(
        self,
        scenario: Scenario,
        palette: str = "standard",
        theme: Any = None,
        view_rect: QRectF | None = None,
        labels: bool = True,
        layers: dict[str, bool] | None = None,
    ):
        ensure_qt_app()
        from aleppo_desktop.ui.map_scene import MapScene

        self.scenario = scenario
        self.scene: MapScene = MapScene(scenario)
        if theme is not None:
            self.scene.apply_theme(theme)
        if palette != self.scene.palette_name:
            self.scene.set_palette(palette)
        self.scene.set_labels_enabled(labels)
        for layer_id, visible in (layers or {}).items():
            self.scene.set_layer_visible(layer_id, visible)
        self.view_rect = view_rect

    @classmethod
    def like(cls, scene: MapScene, view_rect: QRectF | None = None) -> ExportRenderer:
        """A renderer styled like an on-screen scene (palette, theme, labels, layers)."""
        return cls(
            scene.scenario,
            palette=scene.palette_name,
            theme=scene.theme,
            view_rect=view_rect,
            labels=scene.labels_enabled,
            layers=dict(scene.layer_visible),
        )

    def overlays(
        self, t: float, event_index: int | None, height: int, type_scale: float | None = None
    ) -> MapOverlays:
        from aleppo_desktop.ui.map_render import overlays_for

        caption, when, source_line = "", "", None
        if event_index is not None:
            event = self.scenario.events[event_index]
            caption, when = event.title, caption_date(event)
            source_line = f"Source: {cite(self.scenario, event.source)}"
        overlays = overlays_for(self.scene, t, caption, when)
        if source_line:
            overlays = replace(overlays, source_line=f"{source_line} · {overlays.source_line}")
        scale = type_scale_for(overlays.type_scale, height) if type_scale is None else type_scale
        return replace(overlays, type_scale=scale)

    def render(
        self,
        t: float,
        size: QSize,
        event_index: int | None = None,
        type_scale: float | None = None,
    ) -> QImage:
        """The picture at t; overlay text scales with the height unless `type_scale` is given."""
        from aleppo_desktop.ui.map_render import render_map_image

        overlays = self.overlays(t, event_index, size.height(), type_scale)
        # render_map_image sets the scene to t and back to the scene's previous time; moving this
        # scene (ours alone) to t first makes both no-ops, so paths are rebuilt once per new frame.
        if self.scene.time != t:
            self.scene.set_time(t)
        return render_map_image(self.scene, t, size, self.view_rect, overlays)

    def frame_key(self, t: float, event_index: int | None) -> tuple:
        """Frames with equal keys look the same: the map state, the date shown and the caption."""
        from aleppo_desktop.core.timeline import format_date

        frame = self.scene.set_time(t)  # the scene is ours: leave it at t for `render`
        return (frame.key, format_date(t), event_index)
