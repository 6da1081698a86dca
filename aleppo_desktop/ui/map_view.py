"""The on-screen map: pan, zoom, fit-to-city, hover information; drawn by `render/` like every export.

The view follows the clock through `show_time`: it asks the core for the frame once and paints it
from two cached pixmaps (the time-dependent content, the static layers), the labels and the overlays;
while frames follow each other (a scrub), the content is drawn straight onto the viewport instead.
A pan moves the pixmaps (drawn with a margin round the view once it pans) and the labels (laid out
once per zoom); while the wheel zooms, the last picture is shown scaled until the wheel rests.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from PySide6.QtCore import QPointF, QRect, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPixmap,
    QTransform,
    QWheelEvent,
)
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
PAN_MARGIN_PX = 256  # drawn around the view once it pans: the pans after are blits
ZOOM_SETTLE_MS = 150  # the full picture follows the wheel's last step after this rest
PAN_PREPARE_MS = 400  # the margin is drawn round a new picture after this rest


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
        # every paint covers the viewport (`drawBackground`): no fill of it before each
        self.viewport().setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.viewport().setAutoFillBackground(False)
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
        self._static: _Picture | None = None  # outlines and basemap layers
        self._content: _Picture | None = None  # the frame with the static picture over it
        self._shown_key: tuple | None = None  # the content key of the last paint
        self._moving = False  # the last paint showed a frame new to the view
        # the last frame drawn straight onto the viewport, and the view's transform then
        self._direct: tuple[tuple, QTransform] | None = None
        self._labels_drawn: tuple[tuple, QTransform] | None = None  # last paint's, for previews
        self._zooming = False  # the wheel turns: previews until ZOOM_SETTLE_MS of rest
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(ZOOM_SETTLE_MS)
        self._settle.timeout.connect(self._settle_zoom)
        self._spares: dict[str, QPixmap] = {}  # pixmaps of replaced pictures (`_scrolled`)
        self._rest = QTimer(self)
        self._rest.setSingleShot(True)
        self._rest.setInterval(PAN_PREPARE_MS)
        self._rest.timeout.connect(self._prepare_pan)
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
        """A step in about the view's centre (+, the toolbar): previewed like the wheel."""
        self.wheel_zoom(ZOOM_STEP, None)

    def zoom_out(self) -> None:
        self.wheel_zoom(1 / ZOOM_STEP, None)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Leave playback keys to the window (QGraphicsView would scroll on arrows and pages)."""
        if event.key() in PLAYBACK_KEYS:
            event.ignore()
            return
        super().keyPressEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120.0
        if steps:
            self.wheel_zoom(ZOOM_STEP**steps, event.position())
        event.accept()

    def wheel_zoom(self, factor: float, anchor: QPointF | None) -> None:
        """A zoom of the wheel (about `anchor`) or of a key or button (None: about the view's
        centre): while the steps come, the last picture is shown scaled (a wheel sends many
        small steps, a held key repeats; each full picture costs a layout and a redraw); the
        full picture is drawn ZOOM_SETTLE_MS after the last step."""
        if not self._zooming and self._shown_directly():
            self._content_pixmap()  # a frame drawn onto the viewport: its picture, to be scaled
        self._zooming = True
        self._settle.start()
        self.zoom_by(factor, anchor)

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

    def _zoom_key(self) -> tuple[float, ...]:
        """What a cached picture of the view depends on besides the scene and the pan: zoom, size,
        DPR (a pan moves a picture; it does not change it)."""
        t = self.viewportTransform()
        size = self.viewport().size()
        return (
            t.m11(),
            t.m12(),
            t.m21(),
            t.m22(),
            size.width(),
            size.height(),
            self.devicePixelRatioF(),
        )

    def _placed(self, picture: _Picture | None, margin: float = 0.0) -> QPointF | None:
        """Where `picture` goes in the viewport now (its corner), when it covers the viewport
        grown by `margin` at whole device pixels: the pan since it was drawn is a blit, the same
        pixels as drawing it afresh. None when the pan took the view out of it."""
        if picture is None:
            return None
        shift = self._shift(picture)
        if shift is None:
            return None
        dx, dy = shift
        if max(abs(dx), abs(dy)) + margin > picture.margin:
            return None
        return QPointF(dx - picture.margin, dy - picture.margin)

    def _shift(self, picture: _Picture) -> tuple[float, float] | None:
        """The pan since `picture` was drawn, plus its margin (its transform is the view's then,
        moved by the margin); None when that is not whole device pixels."""
        t, ratio = self.viewportTransform(), self.devicePixelRatioF()
        m = picture.margin
        dx, dy = t.dx() - picture.transform.dx() + m, t.dy() - picture.transform.dy() + m
        if any(abs(d * ratio - round(d * ratio)) > 1e-6 for d in (dx, dy)):
            return None
        return dx, dy

    def _fits(self, pixmap: QPixmap, margin: float) -> bool:
        """`pixmap` has the size `_draw` needs for the viewport grown by `margin` (reused)."""
        size, ratio = self.viewport().size(), self.devicePixelRatioF()
        return pixmap.width() == round((size.width() + 2 * margin) * ratio) and pixmap.height() == (
            round((size.height() + 2 * margin) * ratio)
        )

    def _draw(self, margin: float, old: _Picture | None) -> tuple[QPixmap, QTransform, QRectF]:
        """A pixmap (reusing `old`'s when the size fits) for the viewport grown by `margin` each
        side, the transform that draws the map on it, and its rect."""
        size = self.viewport().size()
        width, height = size.width() + 2 * margin, size.height() + 2 * margin
        ratio = self.devicePixelRatioF()
        pixmap = _reuse(old.pixmap if old is not None else QPixmap(), width, height, ratio)
        transform = self.viewportTransform() * QTransform.fromTranslate(margin, margin)
        return pixmap, transform, QRectF(0, 0, width, height)

    def _scrolled(
        self, old: _Picture, margin: float, kind: str
    ) -> tuple[QPixmap, QTransform, QRectF, list[QRectF]] | None:
        """A picture for the view grown by `margin` that a pan took out of `old`: what `old`
        shows copied to its place (whole device pixels), and the strips still to draw (a pan off
        the picture draws the newly exposed ground only, as tiled maps do). None when `old` is not
        whole pixels away, or when most of the picture would be new."""
        shift = self._shift(old)
        if shift is None:
            return None
        dx, dy = shift
        ratio = self.devicePixelRatioF()
        size = self.viewport().size()
        rect = QRectF(0, 0, size.width() + 2 * margin, size.height() + 2 * margin)
        corner = QPointF(dx - old.margin + margin, dy - old.margin + margin)
        kept = QRectF(corner, old.rect.size()).intersected(rect)
        strips = _around(rect, kept)
        if kept.width() * kept.height() < 0.4 * rect.width() * rect.height() or len(strips) > 2:
            return None  # far, or a ring round the view: each strip strokes the whole front
        # the pixmap of the picture replaced before, kept for this (a new one costs a fill that
        # gives it its alpha channel: ~45 ms at 1080p with the margin)
        spare = self._spares.pop(kind, QPixmap())
        pixmap = _reuse(spare, rect.width(), rect.height(), ratio)
        if pixmap is not spare or not pixmap.hasAlphaChannel():
            pixmap.fill(Qt.GlobalColor.transparent)
        self._spares[kind] = old.pixmap
        transform = self.viewportTransform() * QTransform.fromTranslate(margin, margin)
        painter = QPainter(pixmap)
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Source)
        painter.drawPixmap(corner, old.pixmap)
        painter.end()
        return pixmap, transform, rect, strips

    def _static_pixmap(self, margin: float = 0.0) -> tuple[QPixmap, QPointF]:
        """Outlines and basemap layers (the labels are drawn over each paint) for the current
        zoom, covering the viewport grown by `margin`, and where it goes: redrawn when the zoom or
        the look change or a pan leaves it (then with PAN_MARGIN_PX around the view, so the next
        pans are blits); after an edit of the area units, only where they changed."""
        scene = self.map_scene
        key = (*self._zoom_key(), scene.version if scene else -1, id(scene))
        old = self._static
        areas = scene.areas_version if scene is not None else -1
        if old is not None and old.key == key:
            at = self._placed(old, margin)
            if at is not None and old.areas_version == areas:
                return old.pixmap, at
            if at is not None and scene is not None and old.painted is not None:
                # the same picture, units edited: repainted only where they changed
                painter = QPainter(old.pixmap)
                old.painted = scene.refresh_static(
                    painter, old.transform, old.rect, (), old.painted, labels=False
                )
                painter.end()
                old.areas_version = areas
                return old.pixmap, at
        panned = old is not None and old.key == key and old.areas_version == areas
        margin = max(margin, PAN_MARGIN_PX if panned else 0.0)
        scrolled = self._scrolled(old, margin, "static") if old is not None and panned else None
        if old is not None and scene is not None and scrolled is not None:
            pixmap, transform, rect, strips = scrolled
            painter = QPainter(pixmap)
            for strip in strips:
                painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Source)
                painter.fillRect(strip, Qt.GlobalColor.transparent)
                painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceOver)
                scene.paint_static(painter, transform, rect, (), clip=strip, labels=False)
            painter.end()
            self._static = _Picture(pixmap, key, transform, margin, rect, areas, old.painted)
            return pixmap, QPointF(-margin, -margin)
        if old is not None and not self._fits(old.pixmap, margin):
            self._static = old = None  # let go before a picture of another size is allocated
        pixmap, transform, rect = self._draw(margin, old)
        pixmap.fill(Qt.GlobalColor.transparent)
        painted = None
        if scene is not None:
            painter = QPainter(pixmap)
            painted = scene.refresh_static(painter, transform, rect, (), None, labels=False)
            painter.end()
        self._static = _Picture(pixmap, key, transform, margin, rect, areas, painted)
        return pixmap, QPointF(-margin, -margin)

    def _content_key(self) -> tuple:
        scene, frame = self.map_scene, self.frame
        return (
            *self._zoom_key(),
            frame.key if frame is not None else None,
            self.fast,
            self._highlight_version,
            scene.version if scene else -1,
            scene.scenario_version if scene else -1,
            scene.areas_version if scene else -1,
            scene.user_version if scene else -1,  # a tile landed: the static picture holds
            id(scene),
        )

    def _content_pixmap(self, prepare: bool = False) -> tuple[QPixmap, QPointF]:
        """The frame's fills, front and highlight with the static picture over them, and where it
        goes in the viewport: frames with the same key are one blit (most frames while playing),
        and so are pans within the picture. When only the pan changed, it is redrawn with
        PAN_MARGIN_PX around the view; when the frame or the look change, for the view alone (what
        a scrub frame costs is unchanged). With `prepare`, redrawn with the margin in any case."""
        scene, frame = self.map_scene, self.frame
        key = self._content_key()
        old = self._content
        if old is not None and old.key == key and not prepare:
            at = self._placed(old)
            if at is not None:
                return old.pixmap, at
        panned = old is not None and old.key == key
        margin = PAN_MARGIN_PX if panned or prepare else 0.0
        scrolled = self._scroll_content(old, key) if old is not None and panned else None
        if scrolled is not None:
            return scrolled.pixmap, QPointF(-margin, -margin)
        # with the margin: the static picture first, each old picture let go before its new
        # size is allocated, and the fills drawn directly (the fill picture stays the view's, for
        # the next frames): ~30 MB less at the peak at 1080p, the same pixels
        drawn_first = margin and scene is not None and frame is not None
        static, at = self._static_pixmap(margin) if drawn_first else (None, QPointF())
        if old is not None and not self._fits(old.pixmap, margin):
            self._content = old = None  # let go before a picture of another size is allocated
        pixmap, transform, rect = self._draw(margin, old)
        if scene is None or frame is None:
            pixmap.fill(Qt.GlobalColor.transparent)
        else:
            painter = QPainter(pixmap)
            scene.paint_content(
                painter,
                transform,
                rect,
                frame,
                fast=self.fast,
                highlight=self.highlight,
                fills=None if margin else self._fills,
            )
            if static is None:
                static, at = self._static_pixmap(margin)
            # one blend per frame, whole: clipped to a region of tiles, Qt's raster engine
            # splits the blend over its thread pool and waits for it (~3x the CPU in all, and
            # the wait for a busy core); whole, it blends in one SSE2 pass on this thread
            painter.drawPixmap(at + QPointF(margin, margin), static)
            painter.end()
        self._content = _Picture(pixmap, key, transform, margin, rect)
        if not margin:
            self._rest.start()  # the margin follows at rest (`_prepare_pan`)
        return pixmap, QPointF(-margin, -margin)

    def _scroll_content(self, old: _Picture, key: tuple) -> _Picture | None:
        """The content picture with PAN_MARGIN_PX round the view made from `old` (`_scrolled`):
        the exposed strips drawn by the same calls as a whole picture, clipped to each."""
        scene, frame, margin = self.map_scene, self.frame, PAN_MARGIN_PX
        scrolled = self._scrolled(old, margin, "content")
        if scene is None or frame is None or scrolled is None:
            return None
        pixmap, transform, rect, strips = scrolled
        static, at = self._static_pixmap(margin)
        painter = QPainter(pixmap)
        for strip in strips:
            scene.paint_content(
                painter, transform, strip, frame, fast=self.fast, highlight=self.highlight
            )
            painter.save()
            painter.setClipRect(strip)
            painter.drawPixmap(at + QPointF(margin, margin), static)
            painter.restore()
        painter.end()
        self._content = _Picture(pixmap, key, transform, margin, rect)
        return self._content

    def _prepare_pan(self) -> None:
        """At rest (PAN_PREPARE_MS after a picture of the view alone), draw the margin round it,
        so that the first pan is a blit too; nothing when the view moved or the frame changed.
        After a frame drawn straight onto the viewport (`_paint_directly`), its picture."""
        if self._direct is not None:
            if not self._zooming and self._shown_directly():
                self._direct = None
                self._content_pixmap(prepare=True)
            return
        old = self._content
        if old is None or old.margin or self._zooming or old.key != self._content_key():
            return
        if self._placed(old) != QPointF(0, 0):
            return
        self._content_pixmap(prepare=True)  # the same pixels in the view: no repaint needed

    def _zoom_preview(self, painter: QPainter) -> bool:
        """While the wheel zooms: the last picture and its labels scaled to the new zoom (one
        blit), when only the zoom changed since; the full picture follows at rest
        (`_settle_zoom`). False when there is nothing to show so."""
        old, scene = self._content, self.map_scene
        if not self._zooming or old is None or scene is None or self._labels_drawn is None:
            return False
        if old.key[len(self._zoom_key()) :] != self._content_key()[len(self._zoom_key()) :]:
            return False  # the frame or the look changed too: drawn in full
        now = self.viewportTransform()
        inverse, invertible = old.transform.inverted()
        if not invertible:
            return False
        painter.fillRect(QRectF(self.viewport().rect()), scene.theme.background)
        painter.save()
        # not smoothed: Qt's raster engine scales a picture smoothly on its thread pool and waits
        # for it (~3 ms of pool CPU a 1080p step, and the wait for a core); unsmoothed it scales
        # on this thread in one pass (~1.5 ms), for the ZOOM_SETTLE_MS until the full picture
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
        painter.setTransform(inverse * now)
        painter.drawPixmap(0, 0, old.pixmap)
        painter.restore()
        layout, drawn_at = self._labels_drawn
        back, _ = drawn_at.inverted()
        moved = tuple((i, now.map(back.map(centre))) for i, centre in layout)
        scene.labels.paint(painter, moved, scene.theme)
        return True

    def _content_opaque(self) -> bool:
        """The content picture covers the viewport with opaque pixels: a frame drawn over an
        opaque background (`MapScene.paint_content` fills it first). The viewport is then not
        filled before each paint (WA_OpaquePaintEvent); it is when this is False."""
        scene = self.map_scene
        return (
            scene is not None and self.frame is not None and scene.theme.background.alpha() == 255
        )

    def _viewport_background(self):
        viewport = self.viewport()
        return viewport.palette().brush(viewport.backgroundRole())

    def _paint_directly(self, painter: QPainter) -> bool:
        """A new frame after a new frame (scrubbing, playing through sweeps) drawn straight onto
        the viewport by the calls that draw the content picture, but without it: a full pass of
        the picture saved (the fills blended onto the screen, where they were copied onto the
        picture and the picture blended onto the screen), the same pixels. The picture is drawn
        when the frame stays: at its next paint (kept for those after), at rest with the margin
        (`_prepare_pan`), or when the wheel starts (`wheel_zoom`). False, and the picture used,
        for a frame shown before, the first new one after a repeat (a still frame, or playing
        through days that change little, keeps its picture), while the wheel turns, and when
        the content is not opaque."""
        scene, frame = self.map_scene, self.frame
        key = self._content_key()
        new, moving = key != self._shown_key, self._moving
        self._shown_key, self._moving = key, new
        old = self._content
        if (
            not (new and moving)
            or self._zooming
            or scene is None
            or frame is None
            or not self._content_opaque()
            or (old is not None and old.key == key)
        ):
            self._direct = None
            return False
        transform = self.viewportTransform()
        painter.save()
        painter.setRenderHints(painter.renderHints(), False)  # as a picture's new painter
        scene.paint_content(
            painter,
            transform,
            QRectF(self.viewport().rect()),
            frame,
            fast=self.fast,
            highlight=self.highlight,
            fills=self._fills,
        )
        static, at = self._static_pixmap()
        painter.drawPixmap(at, static)  # whole, as onto the picture (`_content_pixmap`)
        painter.restore()
        self._direct = (key, transform)
        self._rest.start()
        return True

    def _shown_directly(self) -> bool:
        """The viewport shows a frame drawn onto it (`_paint_directly`), and the view is as then."""
        return self._direct == (self._content_key(), self.viewportTransform())

    def _settle_zoom(self) -> None:
        self._zooming = False
        self.viewport().update()

    def drawBackground(self, painter: QPainter, rect: QRectF | QRect) -> None:
        painter.save()
        painter.resetTransform()
        if not self._zoom_preview(painter):
            if not self._paint_directly(painter):
                pixmap, at = self._content_pixmap()
                if not self._content_opaque():
                    painter.fillRect(QRectF(self.viewport().rect()), self._viewport_background())
                # blended even when opaque (the same pixels as a copy): a premultiplied picture
                # copied onto the screen's opaque format goes to Qt's thread pool, a blend does not
                painter.drawPixmap(at, pixmap)
            scene = self.map_scene
            if scene is not None:  # the labels, clear of the boxes over the map
                transform = self.viewportTransform()
                target = QRectF(self.viewport().rect())
                boxes = overlay_boxes(
                    target, self.drawn_overlays(), self.metres_per_pixel(), transform
                )
                layout = scene.paint_labels(painter, transform, target, boxes)
                self._labels_drawn = (layout, transform)
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
        if self.scene() is None:  # nothing shown yet: QGraphicsView paints nothing without one
            painter = QPainter(self.viewport())
            painter.fillRect(event.rect(), self._viewport_background())
            painter.end()
        else:
            super().paintEvent(event)
        self.painted.emit()  # the clock's frame pacing listens


def _reuse(pixmap: QPixmap, width: float, height: float, ratio: float) -> QPixmap:
    """The same pixmap when its size fits (allocating 8 MB a frame costs more than drawing); a
    new one is premultiplied ARGB, as the fill picture and the static picture are: the fills are
    then copied onto it line by line, where onto the screen's opaque format Qt's raster engine
    converts them on its thread pool and waits for it."""
    width, height = round(width * ratio), round(height * ratio)
    if pixmap.width() != width or pixmap.height() != height:
        pixmap = QPixmap(width, height)
        pixmap.fill(Qt.GlobalColor.transparent)  # the format: ARGB32_Premultiplied
    pixmap.setDevicePixelRatio(ratio)
    return pixmap


def _around(rect: QRectF, kept: QRectF) -> list[QRectF]:
    """`rect` less `kept` (inside it) as bands: above, below, then left and right of it."""
    bands = [
        QRectF(rect.left(), rect.top(), rect.width(), kept.top() - rect.top()),
        QRectF(rect.left(), kept.bottom(), rect.width(), rect.bottom() - kept.bottom()),
        QRectF(rect.left(), kept.top(), kept.left() - rect.left(), kept.height()),
        QRectF(kept.right(), kept.top(), rect.right() - kept.right(), kept.height()),
    ]
    return [band for band in bands if band.width() > 0 and band.height() > 0]


@dataclass(eq=False)
class _Picture:
    """A cached picture of the map: its pixmap, what it shows (`key`), the transform it was
    drawn with (the view's, moved by `margin`), its rect; for the static picture, the area units'
    version and what `refresh_static` left on it."""

    pixmap: QPixmap
    key: tuple
    transform: QTransform
    margin: float
    rect: QRectF
    areas_version: int = -1
    painted: StaticPainted | None = None


def both_names(english: str, arabic: str) -> tuple[str, str]:
    """A name in the language spoken first, then in the other (the hover text gives both: the
    English matches the sources, the Arabic the place); either may be empty."""
    first = pick(english, arabic)
    return first, (arabic if first == english else english)
