"""Map labels: place names at map points, laid out per zoom without overlaps, drawn with a halo.

Each label shows its name in the language spoken (`core.language.pick`: the Arabic name with the app
in Arabic, the English one where a place has no Arabic name, and the English in English).

A layout depends only on the view (transform, viewport) and on which layers show, so it is computed
once per view and cached; drawing then only blits cached glyph paths. A layout places one label per
place name (the highest-priority one: "Sheikh Said" the district, not also the schematic point) and
only labels wholly inside the view (none cut at its edges).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QTransform,
)

from aleppo_desktop.core.language import language, pick
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


class LabelSet:
    """The labels of one map and their per-view layouts."""

    def __init__(self) -> None:
        self.labels: list[MapLabel] = []
        self._glyphs: dict[tuple[int, float, str], _Glyphs] = {}
        self._layouts: OrderedDict[tuple, tuple[tuple[int, QPointF], ...]] = OrderedDict()
        self._order: list[int] | None = None

    def add(self, label: MapLabel) -> None:
        self.labels.append(label)
        self._order = None
        self._layouts.clear()

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
        self._layouts.clear()

    def box(self, index: int, centre: QPointF, theme: Theme) -> QRectF:
        """The device rect a laid-out label (`layout`) paints in, its halo included."""
        glyphs = self.glyphs(index, theme)
        inked = glyphs.halo.boundingRect().adjusted(-1, -1, 1, 1)  # antialiased edges
        return glyphs.rect.united(inked).translated(centre)

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

    def layout(
        self,
        transform: QTransform,
        viewport: QRectF,
        shown_layers: Iterable[str],
        theme: Theme,
        obstacles: Sequence[QRectF] = (),
        soft: Sequence[QRectF] = (),
    ) -> tuple[tuple[int, QPointF], ...]:
        """(label index, device centre) of the labels that fit at this zoom without overlapping
        each other, the `obstacles` (device rects: the legend, caption and the other boxes over
        the map) or the `soft` ones (the landmark discs), biggest areas first; cached per view. A
        label that an obstacle keeps off its place moves just below the obstacle, else above,
        right or left of it, within LABEL_SHIFT_PX of its place (the Citadel's name beside the
        Old City's disc, not over its number); one that another label keeps off is left out. A
        landmark's name with no such place takes its own over the discs (its point is in one)."""
        layers = frozenset(shown_layers)
        blocked = tuple(QRectF(r) for r in obstacles)
        discs = tuple(QRectF(r) for r in soft)
        key = (
            transform.m11(),
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
            obstacles_key(discs),
        )
        cached = self._layouts.get(key)
        if cached is not None:
            self._layouts.move_to_end(key)
            return cached
        if self._order is None:
            self._order = sorted(range(len(self.labels)), key=lambda i: -self.labels[i].priority)
        scale = abs(transform.m11())
        placed: list[QRectF] = list(blocked)
        names: set[str] = set()
        result: list[tuple[int, QPointF]] = []
        for i in self._order:
            label = self.labels[i]
            if label.layer not in layers or scale < label.min_scale:
                continue
            name = place_key(label.en or label.ar)
            if name in names:
                continue
            anchor = transform.map(label.anchor)
            own = self.glyphs(i, theme).rect
            centres = [anchor]
            there = own.translated(anchor).adjusted(-4, -2, 4, 2)
            hit = [o for o in (*blocked, *discs) if there.intersects(o)]
            if hit:
                half = own.height() / 2 + 2
                for y in (max(o.bottom() for o in hit) + half, min(o.top() for o in hit) - half):
                    if abs(y - anchor.y()) <= LABEL_SHIFT_PX:
                        centres.append(QPointF(anchor.x(), y))
                half = own.width() / 2 + 5  # then beside it, right or left (clear of the padding)
                for x in (max(o.right() for o in hit) + half, min(o.left() for o in hit) - half):
                    if abs(x - anchor.x()) <= LABEL_SHIFT_PX + half:
                        centres.append(QPointF(x, anchor.y()))
            if label.landmark:
                centres.append(anchor)  # last: over the discs, still clear of boxes and labels
            for k, centre in enumerate(centres):
                glyph_rect = own.translated(centre)
                rect = glyph_rect.adjusted(-4, -2, 4, 2)
                in_the_way = (
                    placed if label.landmark and k == len(centres) - 1 else [*placed, *discs]
                )
                if viewport.contains(glyph_rect) and not any(
                    rect.intersects(o) for o in in_the_way
                ):
                    placed.append(rect)
                    names.add(name)
                    result.append((i, centre))
                    break
        layout = tuple(result)
        self._layouts[key] = layout
        if len(self._layouts) > LAYOUT_CACHE_SIZE:
            self._layouts.popitem(last=False)
        return layout

    def paint(
        self, painter: QPainter, layout: tuple[tuple[int, QPointF], ...], theme: Theme
    ) -> None:
        """Draw laid-out labels in device pixels (the painter's transform is reset)."""
        painter.save()
        painter.resetTransform()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        for i, centre in layout:
            glyphs = self.glyphs(i, theme)
            colour = theme.landmark_label if self.labels[i].landmark else theme.label
            painter.translate(centre)
            painter.fillPath(glyphs.halo, theme.label_halo)
            painter.fillPath(glyphs.text, colour)
            painter.translate(-centre)
        painter.restore()
