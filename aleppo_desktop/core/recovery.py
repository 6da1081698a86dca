"""Crash recovery: the open, unsaved work kept apart from everything the analyst saved (no Qt).

The editor writes a recovery folder (in the user's data folder, never in the scenario folder) every
`AUTOSAVE_SECONDS` and after each burst of edits, and removes it after a save or a clean close. On
the next start, a recovery folder left behind means the app did not close cleanly: the user is
offered the work back. A restored document is unsaved work in memory: the scenario's own files are
written only when the user saves, so the recovery never overwrites anything saved.

The recovery is the scenario as `core.saving` would save it (the same files, written all at once;
the basemap layers, which editing does not change, copied on the first autosave only), plus
`origin.json`: where the work belongs and when it was written. Restoring reads it with the loader:
one validation.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from aleppo_desktop.core.errors import Problem, ScenarioError

if TYPE_CHECKING:
    from aleppo_desktop.core.editing import Document

# core.editing and core.saving are imported where first used: the window imports this module when it
# builds its Edit menu, before the first frame, and only looks for recoveries then

AUTOSAVE_SECONDS = 30
ORIGIN = "origin.json"


def recovery_folder(root: Path, scenario_path: Path) -> Path:
    """The recovery folder of one scenario under `root`: one per scenario, named by its path."""
    digest = hashlib.sha1(str(scenario_path.resolve()).encode()).hexdigest()[:16]
    return root / f"recovery-{digest}"


def write_recovery(document: Document, folder: Path, now: datetime | None = None) -> None:
    """Keep the document's whole content in `folder` (all of it or, on failure, the previous)."""
    from aleppo_desktop.core.saving import document_files, write_files_atomically

    origin = {
        "scenario_path": str(document.scenario.path.resolve()),
        "written": (now or datetime.now(UTC)).astimezone(UTC).isoformat(timespec="seconds"),
    }
    files = document_files(document, folder, basemaps=False)
    source = document.folder.resolve()
    for layer in document.scenario.meta.basemap:  # they do not change while editing: copied once
        if not (folder / layer.path).is_file():
            files[folder / layer.path] = (source / layer.path).read_bytes()
    files[folder / ORIGIN] = json.dumps(origin, ensure_ascii=False, indent=1).encode()
    write_files_atomically(files)


@dataclass(frozen=True)
class Recovered:
    document: Document  # the work, its path the scenario it belongs to
    written: str  # when it was autosaved (UTC, ISO)


def find_recoveries(root: Path) -> list[Path]:
    """Recovery folders left under `root` (by a crash), oldest first."""
    if not root.is_dir():
        return []
    found = [p for p in root.glob("recovery-*") if (p / ORIGIN).is_file()]
    return sorted(found, key=lambda p: (p / ORIGIN).stat().st_mtime)


def read_recovery(folder: Path) -> Recovered:
    """The work kept in a recovery folder, validated by the loader (ScenarioError otherwise)."""
    try:
        origin = json.loads((folder / ORIGIN).read_text(encoding="utf-8"))
        scenario_path = Path(origin["scenario_path"])
        written = str(origin["written"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        label = str(folder / ORIGIN)
        raise ScenarioError([Problem(label, "", f"not a recovery: {exc}")]) from None
    from aleppo_desktop.core.editing import EditRefused, document_of, rebuild
    from aleppo_desktop.core.loading import load_scenario

    # hidden layers read now too, from this folder's copies (ScenarioError when broken): the
    # recovered work keeps them, and the folder goes once the work is saved or discarded
    kept = document_of(load_scenario(folder, every_layer=True))
    try:
        document = rebuild(kept, path=scenario_path)
    except EditRefused as exc:
        raise ScenarioError([Problem(str(folder), "", exc.reason)]) from None
    return Recovered(document, written)


def discard_recovery(folder: Path) -> None:
    """Remove a recovery folder (after a save, a clean close, or when the user declines it)."""
    if (folder / ORIGIN).is_file():
        shutil.rmtree(folder, ignore_errors=True)
