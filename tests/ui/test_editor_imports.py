"""The editor's machinery (core.editing, core.authoring, core.saving, ui.edit_dialogs) is imported
when first used, not while the window builds its Edit menu and opens a scenario before its first
frame; the Edit menu is there all the same.

Run in a fresh interpreter: this test session has imported them already."""

from __future__ import annotations

import json
import os
from pathlib import Path

from tests.conftest import run_python

EDITOR = (
    "aleppo_desktop.core.editing",
    "aleppo_desktop.core.authoring",
    "aleppo_desktop.core.saving",
    "aleppo_desktop.ui.edit_dialogs",
)

SCRIPT = """
import json, sys
from pathlib import Path
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMenu

app = QApplication([])
folder = Path(sys.argv[1])
QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder / "cfg"))
from aleppo_desktop.paths import bundled_scenario_path
from aleppo_desktop.ui.main_window import MainWindow

editor = sys.argv[2].split(",")
window = MainWindow(QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat))
assert window.open_scenario(bundled_scenario_path())
before = [m for m in editor if m in sys.modules]
menu = window.findChild(QMenu, "edit_menu")
actions = [a.text() for a in menu.actions() if a.text()]
readable = window.editing.document is not None  # first use: the document is read
after = [m for m in editor if m in sys.modules]
print(json.dumps({"before": before, "actions": actions, "readable": readable, "after": after}))
window.close()
"""


def test_the_editor_is_imported_when_first_used(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = run_python("-c", SCRIPT, str(tmp_path), ",".join(EDITOR), env=env).stdout
    result = json.loads(out.strip().splitlines()[-1])
    assert result["before"] == []
    assert len(result["actions"]) >= 5  # undo, redo, the tools and the edits
    assert result["readable"]
    assert "aleppo_desktop.core.editing" in result["after"]
