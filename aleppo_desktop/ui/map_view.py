"""The on-screen map: pan, zoom, fit-to-city, hover information, and the shared overlays."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QPainter, QPixmap, QWheelEvent
from PySide6.QtWidgets import QFrame, QGraphicsScene, QGraphicsView, QToolTip, QWidget

from aleppo_desktop.core.timeline import format_date
from aleppo_desktop.ui.map_render import MapOverlays, paint_overlays
from aleppo_desktop.ui.map_scene import MapScene

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
        self.overlays = MapOverlays()
        self.map_scene: MapScene | None = None
        self._fitted = False
        self._label_timer = QTimer(self)
        self._label_timer.setSingleShot(True)
        self._label_timer.setInterval(0)
        self._label_timer.timeout.connect(self.layout_labels)
        self.on_painted = None  # the clock's frame_drawn
        self._static = QPixmap()
        self._static_key: tuple = ()
        self._content = QPixmap()
        self._content_key: tuple = ()
        self._canvas = QGraphicsScene(self)

    # --- scene and time ---------------------------------------------------------------------------

    def set_map_scene(self, scene: MapScene) -> None:
        """Show a MapScene. The view's own scene is an empty canvas in the same coordinates: the
        map is drawn from two cached pixmaps (time-dependent content, static layers) plus overlays."""
        if self.map_scene is not None:
            self.map_scene.labels_invalidated.disconnect(self._label_timer.start)
        self.map_scene = scene
        self._canvas.setSceneRect(scene.sceneRect())
        if self.scene() is not self._canvas:
            self.setScene(self._canvas)
        scene.labels_invalidated.connect(self._label_timer.start)
        self._fitted = False
        self.fit_city()

    def show_time(self, t: float, overlays: MapOverlays) -> None:
        if self.map_scene is None:
            return
        self.map_scene.set_time(t)
        self.overlays = overlays
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
        self._label_timer.start()

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
        self._label_timer.start()

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

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        super().scrollContentsBy(dx, dy)
        self._label_timer.start()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self._fitted:
            self.fit_city()
        self._label_timer.start()

    def layout_labels(self) -> None:
        if self.map_scene is not None:
            self.map_scene.layout_labels(self.viewportTransform(), QRectF(self.viewport().rect()))
            self.viewport().update()

    # --- hover ---------------------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._fitted = False  # a drag pans away from the fitted view
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        super().mouseMoveEvent(event)
        if self.map_scene is None or event.buttons():
            return
        text = self.hover_text(self.mapToScene(event.position().toPoint()))
        if text:
            QToolTip.showText(event.globalPosition().toPoint(), text, self)
        else:
            QToolTip.hideText()
        self.area_hovered.emit(text.replace("\n", "  ·  ") if text else "")

    def hover_text(self, scene_pos: QPointF) -> str:
        """Name (en/ar), holder at the current time, since when, confidence, source."""
        scene = self.map_scene
        if scene is None:
            return ""
        index = scene.area_at(scene_pos)
        if index is None:
            return ""
        s = scene.scenario
        area = s.areas[index]
        holding = s.control.holding_at(area.id, scene.time)
        faction = s.factions[s.faction_index[holding.faction]]
        source, locator = s.source_of(holding.source)
        where = (
            f" §{locator}" if locator and source.paragraphs else (f", {locator}" if locator else "")
        )
        lines = [
            f"{area.name_en}  {area.name_ar}".strip(),
            f"{faction.name_en} ({faction.name_ar}) — {holding.confidence}",
            f"since {format_date(_day(held_since(s, area.id, scene.time)))}"
            + (
                f" ({holding.confidence} since {format_date(_day(holding.start))})"
                if held_since(s, area.id, scene.time) != holding.start
                else ""
            ),
            f"source: {source.title}{where}",
        ]
        if holding.note:
            lines.append(holding.note)
        change = s.control.next_change(area.id, scene.time)
        if change is not None and change.faction != holding.faction:
            lines.append(f"until {format_date(_day(change.date))}")
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
        key = (*self._view_key(), scene.static_version if scene else -1, id(scene))
        if key != self._static_key:
            pixmap = _reuse(self._static, size, ratio)
            pixmap.fill(Qt.GlobalColor.transparent)
            if scene is not None:
                painter = QPainter(pixmap)
                painter.setRenderHints(self.renderHints())
                target = QRectF(0, 0, size.width(), size.height())
                scene.render_static(painter, target, self._visible_source(target))
                painter.end()
            self._static = pixmap
            self._static_key = key
        return self._static

    def _content_pixmap(self) -> QPixmap:
        scene = self.map_scene
        ratio = self.devicePixelRatioF()
        size = self.viewport().size()
        key = (
            *self._view_key(),
            scene.content_version if scene else -1,
            scene.static_version if scene else -1,
            id(scene),
        )
        if key != self._content_key:
            pixmap = _reuse(self._content, size, ratio)
            if scene is None:
                pixmap.fill(Qt.GlobalColor.transparent)
            else:
                painter = QPainter(pixmap)
                painter.setRenderHints(self.renderHints())
                target = QRectF(0, 0, size.width(), size.height())
                scene.render_content(painter, target, self._visible_source(target))
                painter.drawPixmap(0, 0, self._static_pixmap())  # one blit per frame, not two
                painter.end()
            self._content = pixmap
            self._content_key = key
        return self._content

    def drawBackground(self, painter: QPainter, rect: QRectF) -> None:
        painter.save()
        painter.resetTransform()
        painter.drawPixmap(0, 0, self._content_pixmap())
        painter.restore()

    def _visible_source(self, target: QRectF) -> QRectF:
        inverse, _ = self.viewportTransform().inverted()
        return inverse.mapRect(target)

    def drawForeground(self, painter: QPainter, rect: QRectF) -> None:
        painter.save()
        painter.resetTransform()
        paint_overlays(
            painter, QRectF(self.viewport().rect()), self.overlays, self.metres_per_pixel()
        )
        painter.restore()

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if self.on_painted is not None:
            self.on_painted()
        self.painted.emit()


def _reuse(pixmap: QPixmap, size, ratio: float) -> QPixmap:
    """The same pixmap when its size fits (allocating 8 MB a frame costs more than drawing)."""
    width, height = round(size.width() * ratio), round(size.height() * ratio)
    if pixmap.width() != width or pixmap.height() != height:
        pixmap = QPixmap(width, height)
    pixmap.setDevicePixelRatio(ratio)
    return pixmap


def held_since(scenario, area_id: str, t: float):
    """The date the current holder took the area (confidence changes do not reset it)."""
    holding = scenario.control.holding_at(area_id, t)
    since = holding.start
    for change in reversed(scenario.control.history(area_id)):
        if change.date > holding.start:
            continue
        if change.faction != holding.faction:
            break
        since = change.date
    return since


def _day(d) -> float:
    from aleppo_desktop.core.timeline import day_number

    return day_number(d)
