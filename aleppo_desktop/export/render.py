"""Export pictures drawn by the screen's own code: `render.offscreen.render_map_image`.

An export draws with its own `MapScene` in the look of the window's (palette, theme, labels, layers),
so rendering frames never touches the on-screen map, and may run on another thread. Headless callers
get an offscreen Qt application.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QImage

from aleppo_desktop.core.frames import Frame
from aleppo_desktop.core.scenario import Scenario
from aleppo_desktop.core.story import Caption, caption_of
from aleppo_desktop.core.timeline import format_date
from aleppo_desktop.core.what_changed import ChangeOutline
from aleppo_desktop.render.offscreen import (
    StaticLayer,
    ensure_gui_app,
    render_map_image,
    type_scale_for,
)
from aleppo_desktop.render.overlays import MapOverlays, overlays_for
from aleppo_desktop.render.scene import FillLayer, MapScene
from aleppo_desktop.render.theme import Theme
from aleppo_desktop.render.user_layers import UserLayers


class ExportRenderer:
    """Renders the map at an instant, with the overlays of the screen and the event caption."""

    def __init__(
        self,
        scenario: Scenario,
        palette: str = "standard",
        theme: Theme | None = None,
        view_rect: QRectF | None = None,
        labels: bool = True,
        layers: dict[str, bool] | None = None,
        user_layers: UserLayers | None = None,
    ):
        ensure_gui_app()
        self.scenario = scenario
        self.scene = MapScene(scenario)
        if theme is not None:
            self.scene.apply_theme(theme)
        self.scene.set_palette(palette)
        self.scene.set_labels_enabled(labels)
        for layer_id, visible in (layers or {}).items():
            self.scene.set_layer_visible(layer_id, visible)
        if user_layers is not None:  # the screen's own basemaps (shared: tiles decoded once)
            self.scene.user_layers = user_layers
        self.scene.wait_for_tiles = True  # every tile of every frame, however long it takes
        self.view_rect = view_rect
        self._frame: Frame | None = None  # the last frame asked of the core
        self._static = StaticLayer()  # outlines, basemap and labels, kept while the view holds
        self._fills = FillLayer()  # background and whole-area fills, kept while they hold

    @classmethod
    def like(cls, scene: MapScene, view_rect: QRectF | None = None) -> ExportRenderer:
        """A renderer in the look of an on-screen scene (palette, theme, labels, layers)."""
        return cls(
            scene.scenario,
            palette=scene.palette_name,
            theme=scene.theme,
            view_rect=view_rect,
            labels=scene.labels_enabled,
            layers=dict(scene.layer_visible),
            user_layers=scene.user_layers,
        )

    def frame(self, t: float) -> Frame:
        """The core's frame at t, asked once per instant (the key check and the drawing share it)."""
        if self._frame is None or self._frame.t != t:
            self._frame = self.scenario.frame_at(t)
        return self._frame

    def caption(self, event_index: int | None) -> Caption | None:
        """The caption of an event, worded by the core's story (as on screen)."""
        return None if event_index is None else caption_of(self.scenario, event_index)

    def overlays(
        self, t: float, event_index: int | None, height: int, type_scale: float | None = None
    ) -> MapOverlays:
        overlays = overlays_for(self.scene, t, self.caption(event_index), self.frame(t))
        scale = type_scale_for(overlays.type_scale, height) if type_scale is None else type_scale
        return replace(overlays, type_scale=scale)

    def render(
        self,
        t: float,
        size: QSize,
        event_index: int | None = None,
        type_scale: float | None = None,
        changes: Sequence[ChangeOutline] = (),
    ) -> QImage:
        """The picture at t; overlay text scales with the height unless `type_scale` is given;
        `changes` outlines what changed (`core.what_changed`), as the screen does."""
        overlays = self.overlays(t, event_index, size.height(), type_scale)
        return render_map_image(
            self.scene,
            self.frame(t),
            size,
            self.view_rect,
            overlays,
            static=self._static,
            fills=self._fills,
            changes=changes,
        )

    def frame_key(self, t: float, event_index: int | None) -> tuple:
        """Frames with equal keys look the same: the map state, the date shown and the caption."""
        return (self.frame(t).key, format_date(t), event_index)
