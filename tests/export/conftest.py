"""Export tests run offscreen, on one grid scenario loaded once, and check outputs with outside tools."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import importlib.util
import shutil
import subprocess
from pathlib import Path

import pytest

from aleppo_desktop.core.loading import load_scenario
from aleppo_desktop.core.scenario import Scenario

_ROOT_CONFTEST = Path(__file__).resolve().parents[1] / "conftest.py"


def _write_grid(folder: Path) -> Path:
    spec = importlib.util.spec_from_file_location("_grid_fixtures", _ROOT_CONFTEST)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.write_scenario(folder)


@pytest.fixture(scope="session")
def grid_scenario_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _write_grid(tmp_path_factory.mktemp("export-grid") / "grid")


@pytest.fixture(scope="session")
def grid(grid_scenario_path: Path) -> Scenario:
    """The grid scenario of tests/conftest.py, loaded once (exports never modify it)."""
    return load_scenario(grid_scenario_path)


def require_tool(name: str) -> str:
    """The path of an outside checker, or skip: `.ci/run` and dev.sh install them."""
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed (apt-get install ffmpeg gdal-bin poppler-utils)")
    return path


def run_tool(*args: str | Path) -> str:
    result = subprocess.run(
        [str(a) for a in args], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, f"{args[0]} failed: {result.stderr}"
    return result.stdout


@pytest.fixture(scope="session")
def qt_fonts(qapp) -> None:
    """pytest-qt's QApplication with the bundled fonts registered (as the app does)."""
    from aleppo_desktop.render.fonts import register_fonts

    assert register_fonts()
