"""The editor's machinery (core.editing, core.authoring, core.saving, ui.edit_dialogs) is imported
when first used, not while the window builds its Edit menu and opens a scenario before its first
frame; the Edit menu is there all the same.

Run in a fresh interpreter: this test session has imported them already."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import run_fresh_window

EDITOR = (
    "aleppo_desktop.core.editing",
    "aleppo_desktop.core.authoring",
    "aleppo_desktop.core.saving",
    "aleppo_desktop.ui.edit_dialogs",
)

OPEN_AND_EDIT = """
assert window.open_scenario(bundled_scenario_path())
before = [m for m in watched if m in sys.modules]
menu = window.findChild(QMenu, "edit_menu")
actions = [a.text() for a in menu.actions() if a.text()]
readable = window.editing.document is not None  # first use: the document is read
after = [m for m in watched if m in sys.modules]
print(json.dumps({"before": before, "actions": actions, "readable": readable, "after": after}))
"""


def test_the_editor_is_imported_when_first_used(tmp_path: Path) -> None:
    result = run_fresh_window(tmp_path, OPEN_AND_EDIT, EDITOR)
    assert result["before"] == []
    assert len(result["actions"]) >= 5  # undo, redo, the tools and the edits
    assert result["readable"]
    assert "aleppo_desktop.core.editing" in result["after"]
