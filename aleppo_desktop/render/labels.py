"""Map labels: place names at map points, laid out per zoom without overlaps, drawn with a halo.

Each label shows its name in the language spoken (`core.language.pick`: the Arabic name with the app
in Arabic, the English one where a place has no Arabic name, and the English in English).

Labels are laid out once per zoom over the whole map (`LabelSet.zoom_layout`), so a pan only moves
them: a view shows those wholly inside it (none cut at its edges) and clear of the boxes over the map.
A layout places one label per place name (the highest-priority one: "Sheikh Said" the district, not
also the schematic point). Raster pictures draw each label as a cached sprite (halo and text painted
once); vector ones (PDF) as its glyph paths.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPaintEngine,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QTransform,
)

from aleppo_desktop.core.language import language, pick
from aleppo_desktop.core.lru import LruCache
from aleppo_desktop.render.fonts import FAMILY
from aleppo_desktop.render.theme import Theme

LABEL_POINT_SIZE = 8.5
LANDMARK_FACTOR = (
    0.9  # landmark names are a little smaller (no italic: DejaVu Sans Oblique is not bundled)
)
HALO_PX = 3.2
LAYOUT_CACHE_SIZE = 8
AREAS = "areas"  # the layer name of the area units' own labels
LABEL_SHIFT_PX = 36.0  # how far a label may move off its place to clear an obstacle (a disc)


def obstacles_key(obstacles: Sequence[QRectF]) -> tuple:
    """Boxes over the map rounded to pixels, for the keys of cached layouts and pictures."""
    return tuple(
        (round(r.x()), round(r.y()), round(r.width()), round(r.height())) for r in obstacles
    )


@dataclass(frozen=True)
class MapLabel:
    """A place's names (English, Arabic) at a scene point, shown in the language spoken; `min_scale` (px per metre) is the zoom from
    which its area is big enough on screen for it; larger `priority` is placed first."""

    en: str
    ar: str
    anchor: QPointF
    priority: float
    min_scale: float
    layer: str
    landmark: bool

    @property
    def text(self) -> str:
        """The name shown: the Arabic one in Arabic (the English where there is none), else the
        English (the Arabic where there is none)."""
        return pick(self.en, self.ar) or self.ar


def place_key(name: str) -> str:
    """What makes two labels the same place: the name without case, a leading "Aleppo" and what
    follows a comma ("Citadel" and "Aleppo Citadel"; "Bab Nasr, City Gate" and "Bab Nasr")."""
    key = " ".join(name.split(",")[0].casefold().split())
    return key.removeprefix("aleppo ").strip()


def place_head(key: str) -> str:
    """The place a `place_key` is mainly about: before " and " or " (", without a leading "al-"
    ("al-Oweija and the Jandoul approaches", "Hill 400 (Police Hill)"; "al-Kindi hospital"). A
    landmark and an area unit of one head are one place ("Dahiyet al-Assad" and "Dahiyet al-Assad
    and the 3000 apartments project"); two area units are not ("Tishreen (north)", "(south)")."""
    return key.split(" and ")[0].split(" (")[0].removeprefix("al-")


class _Glyphs:
    """A label's text and halo as paths centred on (0, 0), for one font. The box comes from the
    font metrics alone; the paths are built when the label is first drawn (the layout measures
    every label, but only the placed ones are drawn)."""

    def __init__(self, label: MapLabel, font: QFont):
        self._font = font
        self._fm = fm = QFontMetricsF(font)
        self.lines = [label.text] if label.text else []
        width = max((fm.horizontalAdvance(t) for t in self.lines), default=0.0)
        self._height = len(self.lines) * fm.height()
        self.rect = QRectF(-width / 2 - 3, -self._height / 2 - 3, width + 6, self._height + 6)
        self._sprites: dict[tuple[float, int, int], tuple[QImage, QPointF]] = {}

    @cached_property
    def text(self) -> QPainterPath:
        fm, path = self._fm, QPainterPath()
        y = -self._height / 2 + fm.ascent()
        for line in self.lines:
            path.addText(-fm.horizontalAdvance(line) / 2, y, self._font, line)
            y += fm.height()
        return path

    @cached_property
    def halo(self) -> QPainterPath:
        stroker = QPainterPathStroker()
        stroker.setWidth(HALO_PX)
        stroker.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        return stroker.createStroke(self.text)

    @cached_property
    def inked(self) -> QRectF:
        """Where the label paints, halo and antialiased edges included, around (0, 0)."""
        return self.rect.united(self.halo.boundingRect().adjusted(-1, -1, 1, 1))

    def sprite(self, ratio: float, colour: QColor, halo: QColor) -> tuple[QImage, QPointF]:
        """The halo and text painted once on a transparent image (at this device pixel ratio) and
        where its corner goes from the label's centre: drawn at a whole-pixel centre it covers the
        same pixels as the paths painted there (over is associative; the phase is kept)."""
        key = (ratio, colour.rgba(), halo.rgba())
        cached = self._sprites.get(key)
        if cached is None:
            box = self.inked
            corner = QPointF(
                math.floor(box.left() * ratio) / ratio, math.floor(box.top() * ratio) / ratio
            )
            width = math.ceil((box.right() - corner.x()) * ratio) + 1
            height = math.ceil((box.bottom() - corner.y()) * ratio) + 1
            image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
            image.setDevicePixelRatio(ratio)
            image.fill(Qt.GlobalColor.transparent)
            painter = QPainter(image)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.translate(-corner)
            painter.fillPath(self.halo, halo)
            painter.fillPath(self.text, colour)
            painter.end()
            cached = self._sprites[key] = (image, corner)
        return cached


class LabelSet:
    """The labels of one map and their per-view layouts."""

    def __init__(self) -> None:
        self.labels: list[MapLabel] = []
        self._glyphs: dict[tuple[int, float, str], _Glyphs] = {}
        self._layouts: LruCache[tuple, tuple[tuple[int, QPointF], ...]] = LruCache(
            LAYOUT_CACHE_SIZE
        )
        self._zoom_layouts: LruCache[tuple, tuple[tuple[int, float, float], ...]] = LruCache(
            LAYOUT_CACHE_SIZE
        )
        self._order: list[int] | None = None
        self._places: list[tuple[str, str]] = []  # per label: (place_key, place_head)
        # per (type scale, language): each label's glyph rect as (x, y, width, height), measured
        # when first needed
        self._rects: dict[tuple[float, str], list[tuple[float, float, float, float] | None]] = {}
        self._soft: tuple[Sequence[QRectF], tuple] = ((), ())  # the last soft rects and their key

    def _soft_key(self, soft: Sequence[QRectF]) -> tuple:
        """`obstacles_key(soft)`, kept for the last tuple given (the scene passes one per zoom:
        a view's hundreds of landmark dots are not rounded again at every paint)."""
        if soft is self._soft[0]:
            return self._soft[1]
        key = obstacles_key(soft)
        if isinstance(soft, tuple):
            self._soft = (soft, key)
        return key

    def add(self, label: MapLabel) -> None:
        self.labels.append(label)
        self._order = None
        self._rects.clear()
        self._layouts.clear()
        self._zoom_layouts.clear()

    def replace(self, old: Sequence[MapLabel], new: Sequence[MapLabel]) -> None:
        """Put `new` in place of `old`, the first labels of the set (a map's area units after an
        edit); the glyphs measured for labels in both (the same objects) are kept."""
        if any(a is not b for a, b in zip(old, self.labels, strict=False)):
            raise ValueError("old must be the first labels of the set")
        before = self.labels
        self.labels = [*new, *before[len(old) :]]
        index = {id(label): i for i, label in enumerate(self.labels)}
        kept: dict[tuple[int, float, str], _Glyphs] = {}
        for (i, scale, lang), glyphs in self._glyphs.items():
            j = index.get(id(before[i]))
            if j is not None:
                kept[j, scale, lang] = glyphs
        self._glyphs = kept
        self._order = None
        self._rects.clear()
        self._layouts.clear()
        self._zoom_layouts.clear()

    def box(self, index: int, centre: QPointF, theme: Theme) -> QRectF:
        """The device rect a laid-out label (`layout`) paints in, its halo included."""
        return self.glyphs(index, theme).inked.translated(centre)

    @staticmethod
    def font(label: MapLabel, theme: Theme) -> QFont:
        font = QFont(FAMILY)
        size = LABEL_POINT_SIZE * theme.type_scale * (LANDMARK_FACTOR if label.landmark else 1.0)
        font.setPointSizeF(size)
        return font

    def glyphs(self, index: int, theme: Theme) -> _Glyphs:
        label = self.labels[index]
        key = (index, theme.type_scale, language())
        glyphs = self._glyphs.get(key)
        if glyphs is None:
            glyphs = _Glyphs(label, self.font(label, theme))
            self._glyphs[key] = glyphs
        return glyphs

    def _rect(self, index: int, theme: Theme) -> tuple[float, float, float, float]:
        """`glyphs(index, theme).rect` as (x, y, width, height): the layouts test overlaps on
        plain floats (QRectF's arithmetic repeated in the same order, so the same results) at a
        fraction of the cost of a QRectF per test."""
        rects = self._rects.get((theme.type_scale, language()))
        if rects is None:
            rects = self._rects[theme.type_scale, language()] = [None] * len(self.labels)
        rect = rects[index]
        if rect is None:
            r = self.glyphs(index, theme).rect
            rect = rects[index] = (r.x(), r.y(), r.width(), r.height())
        return rect

    def layout(
        self,
        transform: QTransform,
        viewport: QRectF,
        shown_layers: Iterable[str],
        theme: Theme,
        obstacles: Sequence[QRectF] = (),
        soft: Sequence[QRectF] = (),
    ) -> tuple[tuple[int, QPointF], ...]:
        """(label index, device centre) of the labels shown in this view: those of the zoom's
        layout (`zoom_layout`, which keeps them off each other and off the `soft` rects, the
        landmark discs and dots) that lie wholly in the viewport and clear of the `obstacles` (device rects:
        the legend, caption and the other boxes over the map; a label under one is hidden, the rest
        stay where they are). Centres are whole device pixels, so a label drawn as a sprite covers
        the pixels its paths would. Cached per view; give `soft` as a tuple (its key is kept)."""
        layers = frozenset(shown_layers)
        blocked = tuple(QRectF(r) for r in obstacles)
        key = (
            transform.m11(),
            transform.m12(),
            transform.m21(),
            transform.m22(),
            transform.dx(),
            transform.dy(),
            viewport.x(),
            viewport.y(),
            viewport.width(),
            viewport.height(),
            layers,
            theme.type_scale,
            language(),  # the names shown, so their sizes
            obstacles_key(blocked),
            self._soft_key(soft),
        )
        cached = self._layouts.get(key)
        if cached is not None:
            return cached
        dx, dy = transform.dx(), transform.dy()
        result: list[tuple[int, QPointF]] = []
        # QRectF.contains and .intersects on floats (`_rect`): a null rect holds and meets nothing
        shown = _edges([viewport])
        if not shown:  # an empty viewport holds no label
            return ()
        v_left, v_top, v_right, v_bottom = shown[0]
        boxes = _edges(blocked)
        for i, x, y in self.zoom_layout(transform, layers, theme, soft):
            cx, cy = round(x + dx), round(y + dy)
            ox, oy, ow, oh = self._rect(i, theme)
            left, top = ox + cx, oy + cy
            if left < v_left or left + ow > v_right or top < v_top or top + oh > v_bottom:
                continue
            pl, pt = left + -4, top + -2  # padded: .adjusted(-4, -2, 4, 2)
            pr, pb = pl + (ow + 4 - -4), pt + (oh + 2 - -2)
            if not any(pl < r and x < pr and pt < b and y < pb for x, y, r, b in boxes):
                result.append((i, QPointF(cx, cy)))
        return self._layouts.put(key, tuple(result))

    def zoom_layout(
        self,
        transform: QTransform,
        layers: frozenset[str],
        theme: Theme,
        soft: Sequence[QRectF] = (),
    ) -> tuple[tuple[int, float, float], ...]:
        """(label index, centre x, y) of every label placed at this zoom over the whole map, in the
        device coordinates of `transform` without its translation (the pan moves them all alike):
        biggest areas first, none overlapping another, one per place name (and one of a landmark
        and an area unit naming one place, `place_head`); a label that a `soft` rect (a landmark
        disc or dot, same coordinates) keeps off its place moves just below it, else above, right
        or left of it, within LABEL_SHIFT_PX of its place (a landmark's name beside its own dot;
        the Citadel's name beside the Old City's disc, not over its number); one that another
        label keeps off is left out. A landmark's name with no such place takes its own over the
        discs and dots (its point may be in a disc). Laid out once per zoom: panning only moves and filters it (`layout`)."""
        zoom = QTransform(transform.m11(), transform.m12(), transform.m21(), transform.m22(), 0, 0)
        key = (
            zoom.m11(),
            zoom.m12(),
            zoom.m21(),
            zoom.m22(),
            layers,
            theme.type_scale,
            language(),
            self._soft_key(soft),
        )
        cached = self._zoom_layouts.get(key)
        if cached is not None:
            return cached
        discs = tuple(QRectF(r) for r in soft)
        if self._order is None:
            self._order = sorted(range(len(self.labels)), key=lambda i: -self.labels[i].priority)
            self._places = []
            for label in self.labels:
                name = place_key(label.en or label.ar)
                self._places.append((name, place_head(name)))
        scale = abs(transform.m11())
        m11, m12, m21, m22 = zoom.m11(), zoom.m12(), zoom.m21(), zoom.m22()
        # the discs as QRectF.intersects sees them (normalised, null ones meet nothing), and
        # their own edges for the shifts
        disc_grid = _RectGrid()
        for o in discs:
            for edges in _edges([o]):
                disc_grid.add(*edges, (o.left(), o.top(), o.right(), o.bottom()))
        placed = _RectGrid()
        names: set[str] = set()
        heads: dict[str, set[bool]] = {}  # place_head -> landmark flags of the labels placed
        result: list[tuple[int, float, float]] = []
        for i in self._order:
            label = self.labels[i]
            if label.layer not in layers or scale < label.min_scale:
                continue
            name, head = self._places[i]
            if name in names or (not label.landmark) in heads.get(head, ()):
                continue
            point = label.anchor  # zoom.map(point): QTransform's sums in its order
            px, py = point.x(), point.y()
            if m12 == 0 and m21 == 0:
                ax, ay = m11 * px + 0.0, m22 * py + 0.0
            else:
                ax, ay = m11 * px + m21 * py + 0.0, m12 * px + m22 * py + 0.0
            ox, oy, ow, oh = self._rect(i, theme)
            pw, ph = ow + 4 - -4, oh + 2 - -2  # the padded size: .adjusted(-4, -2, 4, 2)
            centres = [(ax, ay)]
            tl, tt = ox + ax + -4, oy + ay + -2
            tr, tb = tl + pw, tt + ph
            hit = [rect[4] for rect in disc_grid.overlapping(tl, tt, tr, tb)]
            if hit:
                half = oh / 2 + 2
                for y in (max(e[3] for e in hit) + half, min(e[1] for e in hit) - half):
                    if abs(y - ay) <= LABEL_SHIFT_PX:
                        centres.append((ax, y))
                half = ow / 2 + 5  # then beside it, right or left (clear of the padding)
                for x in (max(e[2] for e in hit) + half, min(e[0] for e in hit) - half):
                    if abs(x - ax) <= LABEL_SHIFT_PX + half:
                        centres.append((x, ay))
            if label.landmark:
                centres.append((ax, ay))  # last: over the discs, still clear of the other labels
            for k, (cx, cy) in enumerate(centres):
                rl, rt = ox + cx + -4, oy + cy + -2
                rr, rb = rl + pw, rt + ph
                over_discs = label.landmark and k == len(centres) - 1
                if placed.hits(rl, rt, rr, rb):
                    continue
                if not over_discs and disc_grid.hits(rl, rt, rr, rb):
                    continue
                placed.add(rl, rt, rr, rb)
                names.add(name)
                heads.setdefault(head, set()).add(label.landmark)
                result.append((i, cx, cy))
                break
        return self._zoom_layouts.put(key, tuple(result))

    def paint(
        self, painter: QPainter, layout: tuple[tuple[int, QPointF], ...], theme: Theme
    ) -> None:
        """Draw laid-out labels in device pixels (the painter's transform is reset): on raster
        devices (the screen, images) as cached sprites, ~40x cheaper than filling the glyph paths
        each time (~44 ms for the ~50 names of a 1080p city view); as paths elsewhere (PDF)."""
        painter.save()
        painter.resetTransform()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        engine = painter.paintEngine()
        sprites = engine is not None and engine.type() == QPaintEngine.Type.Raster
        ratio = painter.device().devicePixelRatioF()
        for i, centre in layout:
            glyphs = self.glyphs(i, theme)
            colour = theme.landmark_label if self.labels[i].landmark else theme.label
            if sprites:
                image, corner = glyphs.sprite(ratio, colour, theme.label_halo)
                painter.drawImage(centre + corner, image)
                continue
            painter.translate(centre)
            painter.fillPath(glyphs.halo, theme.label_halo)
            painter.fillPath(glyphs.text, colour)
            painter.translate(-centre)
        painter.restore()


class _RectGrid:
    """Rects (placed labels, the discs and dots) bucketed on a coarse grid: an overlap test looks
    at the few rects near a label, not at every one (a whole map's layout at 10x the campaign has
    ~2,000 labels; a zoomed-in view hundreds of landmark dots)."""

    CELL = 128.0

    def __init__(self) -> None:
        self._cells: dict[tuple[int, int], list[tuple]] = {}

    def hits(self, left: float, top: float, right: float, bottom: float) -> bool:
        """Whether the rect overlaps a placed one (touching edges do not, as QRectF.intersects)."""
        c, cells = self.CELL, self._cells
        for gx in range(math.floor(left / c), math.floor(right / c) + 1):
            for gy in range(math.floor(top / c), math.floor(bottom / c) + 1):
                for o in cells.get((gx, gy), ()):
                    if left < o[2] and o[0] < right and top < o[3] and o[1] < bottom:
                        return True
        return False

    def overlapping(self, left: float, top: float, right: float, bottom: float) -> list[tuple]:
        """The rects (as added, with their extra fields) that overlap this one."""
        c, cells = self.CELL, self._cells
        found: dict[int, tuple] = {}  # by id: a rect in several cells counts once
        for gx in range(math.floor(left / c), math.floor(right / c) + 1):
            for gy in range(math.floor(top / c), math.floor(bottom / c) + 1):
                for o in cells.get((gx, gy), ()):
                    if left < o[2] and o[0] < right and top < o[3] and o[1] < bottom:
                        found[id(o)] = o
        return list(found.values())

    def add(self, left: float, top: float, right: float, bottom: float, *extra: object) -> None:
        c, rect = self.CELL, (left, top, right, bottom, *extra)
        for gx in range(math.floor(left / c), math.floor(right / c) + 1):
            for gy in range(math.floor(top / c), math.floor(bottom / c) + 1):
                self._cells.setdefault((gx, gy), []).append(rect)


def _edges(rects: Sequence[QRectF]) -> list[tuple[float, float, float, float]]:
    """(left, top, right, bottom) of each rect as QRectF.intersects takes them (a negative size
    counts from the other side; a null rect, which meets nothing, left out)."""
    out = []
    for r in rects:
        x0, y0 = r.x(), r.y()
        x1, y1 = x0 + r.width(), y0 + r.height()
        if x0 != x1 and y0 != y1:
            out.append((min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)))
    return out
