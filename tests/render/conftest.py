"""Render tests draw into QImages: they need a Qt application (pytest-qt's) and the bundled fonts."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

from aleppo_desktop.render.overlays import MapOverlays

# The map alone: no title, legend, scale bar, north arrow or date banner over it.
NO_OVERLAYS = MapOverlays(
    show_title=False,
    show_legend=False,
    show_scale_bar=False,
    show_north_arrow=False,
    show_date=False,
)


@pytest.fixture(autouse=True)
def _qt_app(qapp) -> None:
    from aleppo_desktop.render.fonts import register_fonts

    register_fonts()
