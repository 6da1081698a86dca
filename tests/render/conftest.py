"""Render tests draw into QImages: they need a Qt application (pytest-qt's) and the bundled fonts."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

from aleppo_desktop.core.scenario import Scenario
from aleppo_desktop.render.overlays import MapOverlays
from aleppo_desktop.render.scene import MapScene

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


@pytest.fixture
def scene(aleppo: Scenario) -> MapScene:
    """The bundled scenario's map scene, new for each test (tests change its look)."""
    return MapScene(aleppo)
