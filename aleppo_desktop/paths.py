"""The one place that locates the shipped `data/` and `resources/` folders.

From a source checkout (editable install) they sit beside the package; in a PyInstaller bundle they sit
in the bundle's root (`sys._MEIPASS`), where the spec copies them to the same relative layout.
"""

from __future__ import annotations

import sys
from pathlib import Path


def _root() -> Path:
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root is not None:
        return Path(frozen_root)
    return Path(__file__).resolve().parent.parent


ROOT = _root()
DATA_DIR = ROOT / "data"
RESOURCES_DIR = ROOT / "resources"
FONTS_DIR = RESOURCES_DIR / "fonts"


def bundled_scenario_path() -> Path:
    """The Aleppo 2016 scenario shipped with the app."""
    return DATA_DIR / "aleppo-2016" / "scenario.json"


def is_frozen() -> bool:
    return getattr(sys, "_MEIPASS", None) is not None
