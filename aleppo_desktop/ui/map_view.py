"""The on-screen map: pan, zoom, fit-to-city, hover information; drawn by `render/` like every export.

The view follows the clock through `show_time`: it asks the core for the frame once and paints it
from two cached pixmaps (the time-dependent content, the static layers) plus the overlays.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from PySide6.QtCore import QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QPainter, QPainterPath, QPixmap, QWheelEvent
from PySide6.QtWidgets import QFrame, QGraphicsScene, QGraphicsView, QToolTip, QWidget

from aleppo_desktop.core.frames import Frame
from aleppo_desktop.core.language import phrase, pick
from aleppo_desktop.core.model import Event
from aleppo_desktop.core.story import cite, held_since_text, uncertain_text, window_text
from aleppo_desktop.core.timeline import day_number, format_date
from aleppo_desktop.core.what_changed import ChangeOutline
from aleppo_desktop.render.overlays import (
    MapOverlays,
    legend_rect,
    overlay_boxes,
    paint_overlays,
)
from aleppo_desktop.render.scene import FillLayer, MapScene, StaticPainted

ZOOM_STEP = 1.25
PLAYBACK_KEYS = {
    Qt.Key.Key_Left,
    Qt.Key.Key_Right,
    Qt.Key.Key_Up,
    Qt.Key.Key_Down,
    Qt.Key.Key_PageUp,
    Qt.Key.Key_PageDown,
    Qt.Key.Key_Home,
    Qt.Key.Key_End,
    Qt.Key.Key_Space,
}
MIN_SCALE, MAX_SCALE = 0.005, 2.0  # px per metre


class MapView(QGraphicsView):
    """Shows a MapScene; follows the clock through `show_time`, reports paints to the clock."""

    area_hovered = Signal(str)  # status text, "" when leaving
    painted = Signal()
    legend_changed = Signal()  # shown, collapsed, place or dragged position changed

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.FullViewportUpdate)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(self.tr("Map"))
        self._hovered = ""  # what the pointer is over, for the accessible description
        self.overlays = MapOverlays()
        self.map_scene: MapScene | None = None
        self.time = 0.0
        self.frame: Frame | None = None
        self.fast = False  # time is moving: the front is drawn without antialiasing
        self.highlight = QPainterPath()
        self.changes: tuple[ChangeOutline, ...] = ()  # what changed, outlined (set_changes)
        self._highlight_version = 0
        self._fitted = False
        self._static = QPixmap()
        self._static_key: tuple = ()
        self._static_painted: StaticPainted | None = None  # what the static pixmap shows
        self._content = QPixmap()
        self._content_key: tuple = ()
        self._fills = (
            FillLayer()
        )  # background and whole-area fills: redrawn when a sweep starts/ends
        self._canvas = QGraphicsScene(self)
        # the legend folded to its tab (a click toggles); where it is, and whether it and the inset
        # show, is the scene's `legend_style` (part of the look that exports copy)
        self.legend_collapsed = False
        self._legend_grab: tuple[QPointF, QPointF] | None = None  # press point, legend's corner
        self._legend_dragged = False

    # --- scene and time ---------------------------------------------------------------------------

    def set_map_scene(self, scene: MapScene) -> None:
        """Show a MapScene. The view's own QGraphicsScene is an empty canvas in the same coordinates,
        kept for QGraphicsView's pan and zoom; the map itself is painted by `render/`."""
        if self.map_scene is not None:
            self.map_scene.changed.disconnect(self.viewport().update)
        self.map_scene = scene
        scene.changed.connect(self.viewport().update)
        self.frame = None
        self.set_highlight(None)
        self._canvas.setSceneRect(scene.scene_rect)
        if self.scene() is not self._canvas:
            self.setScene(self._canvas)
        self._fitted = False
        self.fit_city()

    def show_time(self, t: float, overlays: MapOverlays, frame: Frame | None = None) -> None:
        """Show instant t with these overlays: `frame` is the core's frame at t, asked of the core
        here when the caller has not already."""
        if self.map_scene is None:
            return
        self.time = t
        frames = self.map_scene.scenario.frames
        frames.follow(t)  # the background prefetch computes the sweeps around here next
        self.frame = frame if frame is not None else self.map_scene.scenario.frame_at(t)
        self.overlays = overlays
        self.viewport().update()
        self._describe()

    def _describe(self) -> None:
        """The map's current state for screen readers: the date, the current event, and the area
        under the pointer with its holder (the hover text)."""
        overlays = self.overlays
        parts = [overlays.date_text]
        if overlays.caption:
            parts.append(overlays.caption)
        if self._hovered:
            parts.append(self._hovered.replace("\n", "; "))
        text = " — ".join(p for p in parts if p)
        if text != self.accessibleDescription():
            self.setAccessibleDescription(text)

    def set_fast(self, fast: bool) -> None:
        """Cheaper drawing while time moves; full quality for still frames."""
        if fast != self.fast:
            self.fast = fast
            self.viewport().update()

    def set_highlight(self, event: Event | None) -> None:
        """Outline the areas, or ring the point, that an event names (None: nothing)."""
        scene = self.map_scene
        self.highlight = scene.highlight_path(event) if scene is not None else QPainterPath()
        self._highlight_version += 1
        self.viewport().update()

    def outline_units(self, indices) -> None:
        """Outline these area units (the ground a claim counts) in the highlight colour."""
        scene = self.map_scene
        path = QPainterPath()
        if scene is not None:
            for i in indices:
                path.addPath(scene.area_paths[int(i)])
        self.highlight = path
        self._highlight_version += 1
        self.viewport().update()

    def metres_per_pixel(self) -> float:
        scale = abs(self.transform().m11())
        return 1.0 / scale if scale else 0.0

    def visible_scene_rect(self) -> QRectF:
        return self.mapToScene(self.viewport().rect()).boundingRect()

    # --- zoom and pan -----------------------------------------------------------------------------

    def fit_city(self) -> None:
        if self.map_scene is None:
            return
        rect = self.map_scene.city_rect
        pad = max(rect.width(), rect.height()) * 0.04
        self.fitInView(rect.adjusted(-pad, -pad, pad, pad), Qt.AspectRatioMode.KeepAspectRatio)
        self._fitted = True

    def zoom_by(self, factor: float, anchor: QPointF | None = None) -> None:
        self._fitted = False  # the user's zoom survives resizes
        scale = abs(self.transform().m11())
        factor = min(max(scale * factor, MIN_SCALE), MAX_SCALE) / scale if scale else factor
        if anchor is None:
            old = self.transformationAnchor()
            self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
            self.scale(factor, factor)
            self.setTransformationAnchor(old)
        else:
            self.scale(factor, factor)

    def zoom_in(self) -> None:
        self.zoom_by(ZOOM_STEP)

    def zoom_out(self) -> None:
        self.zoom_by(1 / ZOOM_STEP)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Leave playback keys to the window (QGraphicsView would scroll on arrows and pages)."""
        if event.key() in PLAYBACK_KEYS:
            event.ignore()
            return
        super().keyPressEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120.0
        if steps:
            self.zoom_by(ZOOM_STEP**steps, event.position())
        event.accept()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self._fitted:
            self.fit_city()

    # --- hover ---------------------------------------------------------------------------------------

    def legend_box(self) -> QRectF | None:
        """Where the legend is drawn in the viewport (None when hidden)."""
        return legend_rect(
            QRectF(self.viewport().rect()),
            self.drawn_overlays(),
            self.metres_per_pixel(),
            self.viewportTransform(),
        )

    def drawn_overlays(self) -> MapOverlays:
        """The overlays as drawn: the caller's, with the legend as the reader has it now (dragged
        or set since the overlays were made)."""
        if self.map_scene is None:
            return self.overlays
        style = self.map_scene.legend_style
        return replace(
            self.overlays,
            show_legend=style.shown,
            legend_collapsed=self.legend_collapsed,
            legend_place=style.place,
            legend_at=style.at,
            show_inset=style.inset,
        )

    def set_legend(
        self,
        shown: bool | None = None,
        collapsed: bool | None = None,
        place: str | None = None,
        inset: bool | None = None,
    ) -> None:
        """Show/hide or fold the legend, put it in a corner ("auto": off the changing ground; a
        new corner forgets where it was dragged), show/hide the inset."""
        if self.map_scene is None:
            return
        style = self.map_scene.legend_style
        if shown is not None:
            style.shown = shown
        if collapsed is not None:
            self.legend_collapsed = collapsed
        if place is not None and place != style.place:
            style.place = place
            style.at = None
        if inset is not None:
            style.inset = inset
        self.viewport().update()
        self.legend_changed.emit()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        box = self.legend_box() if event.button() == Qt.MouseButton.LeftButton else None
        if box is not None and box.contains(event.position()):
            self._legend_grab = (event.position(), box.topLeft())
            self._legend_dragged = False
            event.accept()
            return
        self._fitted = False  # a drag pans away from the fitted view
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._legend_grab is not None:
            self._legend_grab = None
            if not self._legend_dragged:  # a click opens or folds it
                self.set_legend(collapsed=not self.legend_collapsed)
            else:
                self.legend_changed.emit()
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._legend_grab is not None:
            pressed, corner = self._legend_grab
            delta = event.position() - pressed
            if self._legend_dragged or delta.manhattanLength() > 4:
                self._legend_dragged = True
                size = self.viewport().size()
                top_left = corner + delta
                if self.map_scene is not None:
                    self.map_scene.legend_style.at = (
                        top_left.x() / max(size.width(), 1),
                        top_left.y() / max(size.height(), 1),
                    )
                self.viewport().update()
            event.accept()
            return
        super().mouseMoveEvent(event)
        if self.map_scene is None or event.buttons():
            return
        text = self.hover_text(self.mapToScene(event.position().toPoint()))
        self._hovered = text
        self._describe()
        if text:
            QToolTip.showText(event.globalPosition().toPoint(), text, self)
        else:
            QToolTip.hideText()
        self.area_hovered.emit(text.replace("\n", "  ·  ") if text else "")

    def hover_text(self, scene_pos: QPointF) -> str:
        """Name (en/ar), holder at the shown time, since when, confidence, source."""
        scene = self.map_scene
        if scene is None:
            return ""
        index = scene.area_at(scene_pos)
        if index is None:
            return ""
        s = scene.scenario
        area = s.areas[index]
        holding = s.control.holding_at(area.id, self.time)
        faction = s.factions[s.faction_index[holding.faction]]
        area_first, area_other = both_names(area.name_en, area.name_ar)
        faction_first, faction_other = both_names(faction.name_en, faction.name_ar)
        holder = f"{faction_first} ({faction_other})" if faction_other else faction_first
        lines = [
            f"{area_first}  {area_other}".strip(),
            f"{holder} — {phrase(holding.confidence)}",
            held_since_text(s, area.id, self.time),
            self.tr("source: {source}").format(source=cite(s, holding.source)),
        ]
        if holding.note:
            lines.append(holding.note)
        uncertain = uncertain_text(s, area.id, self.time)
        change = s.control.next_change(area.id, self.time)
        if uncertain is not None:  # drawn in the uncertain style: say why, and what is known
            lines.append(uncertain)
            if change is not None and change.note and change.note != holding.note:
                lines.append(change.note)
            if change is not None:
                lines.append(self.tr("source: {source}").format(source=cite(s, change.source)))
        elif change is not None and change.faction != holding.faction:
            when = (
                window_text(change.date, change.until)
                if change.until is not None
                else format_date(day_number(change.date))
            )
            lines.append(self.tr("until {date}").format(date=when))
        return "\n".join(lines)

    def leaveEvent(self, event) -> None:
        super().leaveEvent(event)
        self.area_hovered.emit("")

    # --- painting ------------------------------------------------------------------------------------

    def _view_key(self) -> tuple[float, ...]:
        """What a cached pixmap of the view depends on besides the scene: zoom, pan, size, DPR."""
        t = self.viewportTransform()
        size = self.viewport().size()
        return (
            t.m11(),
            t.m22(),
            t.dx(),
            t.dy(),
            size.width(),
            size.height(),
            self.devicePixelRatioF(),
        )

    def _static_pixmap(self) -> QPixmap:
        """Outlines, basemap and labels for the current zoom/pan, redrawn only when they change."""
        scene = self.map_scene
        ratio = self.devicePixelRatioF()
        size = self.viewport().size()
        target = QRectF(0, 0, size.width(), size.height())
        transform = self.viewportTransform()
        boxes: tuple[QRectF, ...] = ()  # the labels keep out of the boxes over the map
        if scene is not None:
            overlays = self.drawn_overlays()
            boxes = overlay_boxes(target, overlays, self.metres_per_pixel(), transform)
        key = (
            *self._view_key(),
            scene.version if scene else -1,
            id(scene),
            scene.areas_version if scene else -1,
            scene.labels_shown(transform, target, boxes) if scene else (),
        )
        if key != self._static_key:
            # the same view and look: only where units were edited or labels moved is redrawn
            since = self._static_painted if key[:-2] == self._static_key[:-2] else None
            pixmap = _reuse(self._static, size, ratio)
            if since is None or pixmap is not self._static:
                pixmap.fill(Qt.GlobalColor.transparent)
                since = None
            self._static_painted = None
            if scene is not None:
                painter = QPainter(pixmap)
                self._static_painted = scene.refresh_static(
                    painter, transform, target, boxes, since
                )
                painter.end()
            self._static = pixmap
            self._static_key = key
        return self._static

    def _content_pixmap(self) -> QPixmap:
        """The frame's fills, front and highlight with the static picture over them; frames with
        the same key are one blit (most frames while playing)."""
        scene, frame = self.map_scene, self.frame
        ratio = self.devicePixelRatioF()
        size = self.viewport().size()
        key = (
            *self._view_key(),
            frame.key if frame is not None else None,
            self.fast,
            self._highlight_version,
            scene.version if scene else -1,
            scene.scenario_version if scene else -1,
            id(scene),
        )
        if key != self._content_key:
            pixmap = _reuse(self._content, size, ratio)
            if scene is None or frame is None:
                pixmap.fill(Qt.GlobalColor.transparent)
            else:
                painter = QPainter(pixmap)
                target = QRectF(0, 0, size.width(), size.height())
                scene.paint_content(
                    painter,
                    self.viewportTransform(),
                    target,
                    frame,
                    fast=self.fast,
                    highlight=self.highlight,
                    fills=self._fills,
                )
                painter.drawPixmap(0, 0, self._static_pixmap())  # one blit per frame, not two
                painter.end()
            self._content = pixmap
            self._content_key = key
        return self._content

    def drawBackground(self, painter: QPainter, rect: QRectF | QRect) -> None:
        painter.save()
        painter.resetTransform()
        painter.drawPixmap(0, 0, self._content_pixmap())
        if self.map_scene is not None:  # what changed: a few fading outlines, drawn each paint
            self.map_scene.paint_changes(painter, self.viewportTransform(), self.changes)
        painter.restore()

    def set_changes(self, outlines: Sequence[ChangeOutline]) -> None:
        """Outline the ground just gained (`core.what_changed`); () clears it."""
        outlines = tuple(outlines)
        if outlines != self.changes:
            self.changes = outlines
            self.viewport().update()

    def drawForeground(self, painter: QPainter, rect: QRectF | QRect) -> None:
        painter.save()
        painter.resetTransform()
        paint_overlays(
            painter,
            QRectF(self.viewport().rect()),
            self.drawn_overlays(),
            self.metres_per_pixel(),
            self.viewportTransform(),
        )
        painter.restore()

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        self.painted.emit()  # the clock's frame pacing listens


def _reuse(pixmap: QPixmap, size, ratio: float) -> QPixmap:
    """The same pixmap when its size fits (allocating 8 MB a frame costs more than drawing)."""
    width, height = round(size.width() * ratio), round(size.height() * ratio)
    if pixmap.width() != width or pixmap.height() != height:
        pixmap = QPixmap(width, height)
    pixmap.setDevicePixelRatio(ratio)
    return pixmap


def both_names(english: str, arabic: str) -> tuple[str, str]:
    """A name in the language spoken first, then in the other (the hover text gives both: the
    English matches the sources, the Arabic the place); either may be empty."""
    first = pick(english, arabic)
    return first, (arabic if first == english else english)
