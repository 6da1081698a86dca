"""Save a scenario folder all at once, in a stable, diff-friendly form (no Qt).

`write_files_atomically` writes every file to a temporary beside its target, flushes it to disk,
and only when all of them are complete renames each over its target: a failure (or a kill) before
that leaves every previous file as it was and no temporaries behind a clean failure.

The form is chosen for version control: scenario.json with sorted keys and two-space indents,
areas.geojson with one feature per line, control.csv sorted by area then date with one row per line
(`core.control_io.write_control_csv`), and the change log as one JSON object per line.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from aleppo_desktop.core.control_io import control_features, write_control_csv
from aleppo_desktop.core.editing import CHANGE_LOG, AreaFeature, Document, LogEntry


def _file_mode() -> int:
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


Content = bytes | Callable[[Path], None]
"""A file's bytes, or a writer that writes it to the path it is given."""


def write_files_atomically(files: dict[Path, Content]) -> None:
    """Write every file or none: temporaries first (fsynced), then one rename per file."""
    temporaries: dict[Path, Path] = {}
    try:
        for target, content in files.items():
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, name = tempfile.mkstemp(
                prefix=f".{target.name}.", suffix=".saving", dir=target.parent
            )
            temporaries[target] = Path(name)
            if isinstance(content, bytes):
                with os.fdopen(fd, "wb") as fh:
                    fh.write(content)
            else:
                os.close(fd)
                content(Path(name))
            with open(name, "rb+") as fh:
                os.fsync(fh.fileno())
            os.chmod(name, _file_mode())
    except BaseException:
        for temporary in temporaries.values():
            with contextlib.suppress(OSError):
                temporary.unlink()
        raise
    for target, temporary in temporaries.items():
        os.replace(temporary, target)
    for folder in {target.parent for target in files}:
        _fsync_folder(folder)


def _fsync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):  # not every platform opens folders (Windows)
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def scenario_json(data: dict[str, Any]) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()


def areas_geojson(document: Document) -> bytes:
    return areas_geojson_features(document.areas)


def areas_geojson_features(areas: Iterable[AreaFeature]) -> bytes:
    """One feature per line, properties sorted, coordinates as read (shortest exact repr)."""
    lines = [json.dumps(a.to_feature(), ensure_ascii=False, sort_keys=True) for a in areas]
    body = ",\n".join(lines)
    return f'{{"type": "FeatureCollection", "features": [\n{body}\n]}}\n'.encode()


def control_geojson(document: Document) -> bytes:
    scenario = document.scenario
    geometries = {a.id: a.geometry for a in document.areas}
    features = control_features(scenario.control.changes, geometries, scenario.meta.period.end)
    body = ",\n".join(json.dumps(f, ensure_ascii=False, sort_keys=True) for f in features)
    return f'{{"type": "FeatureCollection", "features": [\n{body}\n]}}\n'.encode()


def change_log(entries: Iterable[LogEntry]) -> bytes:
    return "".join(entry.to_json() + "\n" for entry in entries).encode()


def document_files(
    document: Document, folder: Path, data: dict[str, Any] | None = None, basemaps: bool = True
) -> dict[Path, Content]:
    """Every file of the scenario as it would be saved in `folder` (basemap layers copied as they
    are when the folder is not the one they were read from, unless `basemaps` is False); `data`
    replaces the scenario.json object written."""
    scenario = document.scenario
    meta = scenario.meta
    files: dict[Path, Content] = {
        folder / "scenario.json": scenario_json(document.data if data is None else data),
        (folder / meta.area_units): areas_geojson(document),
        folder / CHANGE_LOG: change_log(document.log),
    }
    if Path(meta.control).suffix.lower() in (".geojson", ".json"):
        files[folder / meta.control] = control_geojson(document)
    else:
        changes = scenario.control.changes
        files[folder / meta.control] = lambda path: write_control_csv(changes, path)
    source_folder = scenario.path.parent.resolve()
    if basemaps and folder.resolve() != source_folder:
        for layer in meta.basemap:
            files[folder / layer.path] = (source_folder / layer.path).read_bytes()
    return files


def save_document(document: Document, folder: Path | str) -> Document:
    """Write the scenario into `folder` (Save, or Save As to another folder); every file or none.
    Returns the document now pointing at the saved `scenario.json`."""
    folder = Path(folder)
    write_files_atomically(document_files(document, folder))
    path = (folder / "scenario.json").resolve()
    if path == document.scenario.path.resolve():
        return document
    scenario = dataclasses.replace(document.scenario, path=path)
    return dataclasses.replace(document, scenario=scenario)
