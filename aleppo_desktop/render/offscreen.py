"""Pictures of the map without a window: stills, video frames and PDF pages draw through here.

`render_map_image` takes a `Frame` and paints it with a scene's cached drawings; it changes nothing
shared, so an export may render on its own thread with its own scene while the window stays responsive.
A `StaticLayer` keeps the static picture (outlines, basemap, labels) of one view between frames, drawn
over the content as the window draws its cached static pixmap.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter, QPainterPath, QTransform

from aleppo_desktop.core.frames import Frame
from aleppo_desktop.core.what_changed import ChangeOutline
from aleppo_desktop.render.fonts import register_fonts
from aleppo_desktop.render.overlays import MapOverlays, overlay_boxes, paint_overlays
from aleppo_desktop.render.scene import FillLayer, MapScene
from aleppo_desktop.render.shapes import fit_rect, view_transform

REFERENCE_HEIGHT = 720
"""Overlay text is sized for a 720-pixel-high picture and scaled up with it (1080p: x1.5)."""
CITY_MARGIN_M = 300


def ensure_gui_app() -> QGuiApplication:
    """The running Qt application (the GUI's, or a new offscreen one) with the bundled fonts."""
    if "PySide6.QtWidgets" not in sys.modules and not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    app = QGuiApplication.instance() or QGuiApplication(["aleppo-desktop-export"])
    assert isinstance(app, QGuiApplication)
    register_fonts()
    return app


def type_scale_for(base: float, height: int) -> float:
    return base * max(1.0, height / REFERENCE_HEIGHT)


def default_view(scene: MapScene) -> QRectF:
    """The city with a margin: what a picture shows unless told otherwise."""
    m = CITY_MARGIN_M
    return scene.city_rect.adjusted(-m, -m, m, m)


class StaticLayer:
    """The static picture of one view (outlines, basemap layers, the labels that fit) on a
    transparent image, redrawn only when the scene's look, the size or the view change: an export's
    frames then draw it with one blit (at 10x the campaign the outlines alone are 130k vertices)."""

    def __init__(self) -> None:
        self._key: tuple = ()
        self._image = QImage()

    def image(
        self,
        scene: MapScene,
        transform: QTransform,
        size: QSize,
        obstacles: Sequence[QRectF] = (),
    ) -> QImage:
        """The picture; its labels keep out of the `obstacles` (the boxes over the map)."""
        key = (
            id(scene),
            scene.version,
            size.width(),
            size.height(),
            transform.m11(),
            transform.m22(),
            transform.dx(),
            transform.dy(),
            scene.labels_shown(transform, QRectF(0, 0, size.width(), size.height()), obstacles),
        )
        if key != self._key:
            image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
            image.fill(Qt.GlobalColor.transparent)
            painter = QPainter(image)
            target = QRectF(0, 0, size.width(), size.height())
            scene.paint_static(painter, transform, target, obstacles)
            painter.end()
            self._image, self._key = image, key
        return self._image


def render_map_image(
    scene: MapScene,
    frame: Frame,
    size: QSize,
    view_rect: QRectF | None,
    overlays: MapOverlays,
    highlight: QPainterPath | None = None,
    static: StaticLayer | None = None,
    fills: FillLayer | None = None,
    changes: Sequence[ChangeOutline] = (),
) -> QImage:
    """The map of `frame` as an image of `size`, showing `view_rect` (scene metres; default: the
    city) grown to the image's aspect, with the overlays, exactly as the on-screen view draws them.
    With `static` and `fills`, the static picture and the whole-area fills come from (and are kept
    in) those caches, as on screen."""
    source = fit_rect(view_rect if view_rect is not None else default_view(scene), size)
    transform = view_transform(source, size)
    target = QRectF(0, 0, size.width(), size.height())
    image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
    painter = QPainter(image)
    scene.paint_content(painter, transform, target, frame, highlight=highlight, fills=fills)
    metres_per_pixel = 1.0 / transform.m11()
    boxes = overlay_boxes(target, overlays, metres_per_pixel, transform)  # labels keep out
    if static is None:
        scene.paint_static(painter, transform, target, boxes)
    else:
        painter.drawImage(0, 0, static.image(scene, transform, size, boxes))
    scene.paint_changes(painter, transform, changes)  # what changed, over the labels as on screen
    paint_overlays(painter, target, overlays, metres_per_pixel, transform)
    painter.end()
    return image
