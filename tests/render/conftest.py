"""Render tests draw into QImages: they need a Qt application (pytest-qt's) and the bundled fonts."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest


@pytest.fixture(autouse=True)
def _qt_app(qapp) -> None:
    from aleppo_desktop.render.fonts import register_fonts

    register_fonts()
