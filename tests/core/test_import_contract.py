"""The core is Qt-free: import-linter's contract holds, and importing the core loads no Qt."""

from __future__ import annotations

import ast
import pkgutil
import shutil
import subprocess
import sys
from pathlib import Path

import aleppo_desktop.core
from tests.conftest import ROOT, run_python


def lint_imports() -> str:
    beside = Path(sys.executable).parent / "lint-imports"
    found = str(beside) if beside.exists() else shutil.which("lint-imports")
    assert found, "lint-imports (import-linter, a dev dependency) is not installed"
    return found


def test_import_linter_contract_is_kept() -> None:
    result = subprocess.run(
        [lint_imports()], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "The core is Qt-free KEPT" in result.stdout
    assert "0 broken" in result.stdout


def test_importing_every_core_module_loads_no_qt() -> None:
    modules = [
        f"aleppo_desktop.core.{m.name}" for m in pkgutil.iter_modules(aleppo_desktop.core.__path__)
    ]
    assert {
        "aleppo_desktop.core.frames",
        "aleppo_desktop.core.scenario",
        "aleppo_desktop.core.loading",
    } <= set(modules)
    script = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'pyqtgraph', 'shiboken6')"
        " or m.startswith(('aleppo_desktop.ui', 'aleppo_desktop.export')))\n"
        "print(len(sys.modules)); print(bad)\n"
    )
    count, bad = run_python("-c", script).stdout.splitlines()
    assert bad == "[]"
    assert int(count) > 50  # the modules really were imported


def test_cli_headless_commands_load_no_qt(grid_path: Path) -> None:
    script = (
        "import sys\nfrom aleppo_desktop.cli import main\n"
        f"code = main(['info', {str(grid_path)!r}])\n"
        "assert code == 0, code\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'pyqtgraph')))\n"
    )
    assert run_python("-c", script).stdout.splitlines()[-1] == "[]"


def imported_modules(path: Path) -> set[str]:
    """Every module a source file imports, at any depth (inside functions and TYPE_CHECKING too)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def test_loading_builds_the_model_and_the_model_never_imports_loading() -> None:
    core = ROOT / "aleppo_desktop" / "core"
    assert "aleppo_desktop.core.scenario" in imported_modules(core / "loading.py")
    assert "aleppo_desktop.core.loading" not in imported_modules(core / "scenario.py")
