"""How long an edit takes to show on the map, in the bundled scenario (prints figures).

Targets (issue 12): a control edit on the map within 100 ms, a split within 300 ms (and a merge,
reported beside them). Each figure is the wall time from the edit being applied
(`EditController.apply`: the core validates it and the undo command shows it) to the map's viewport
repainted with it, at 1366x768 offscreen, with the process's CPU time for the same span (the
machine is shared: the load average is printed before and after); the median and the worst of
several edits, each on a different unit, after one warm-up edit, once the figures of the opened
scenario are computed. The merges join the parts of the splits again. The parts: the core
(validating the edit and building the edited scenario), the window (panels, clock, frame) and the
map's repaint.

    .venv/bin/python bench/edit_bench.py [--repeat N] [--source TREE]

`--source` measures the aleppo_desktop of another checkout (a git worktree of an older commit), so
before and after run the same benchmark: alternate the two in one session for an A/B comparison.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--source", type=Path, help="the checkout whose aleppo_desktop to measure")
    args = parser.parse_args()
    tree = (args.source or Path(__file__).resolve().parents[1]).resolve()
    sys.path.insert(0, str(tree))
    import shapely
    from PySide6.QtCore import QSettings

    from aleppo_desktop.core.editing import (
        MergeAreas,
        NewArea,
        SetControl,
        SplitArea,
        split_polygon,
    )
    from aleppo_desktop.paths import bundled_scenario_path

    print(f"measuring {tree} (git {_commit(tree)}); load average {_load()}")
    settings_dir = tempfile.mkdtemp()
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, settings_dir)
    from aleppo_desktop.ui.app import make_application

    app = make_application()
    from aleppo_desktop.ui.main_window import MainWindow

    window = MainWindow(QSettings(str(Path(settings_dir) / "s.ini"), QSettings.Format.IniFormat))
    window.settings.setValue("editing/who", "bench")
    window.resize(1366, 768)
    window.show()
    window.open_scenario(bundled_scenario_path())
    for _ in range(20):
        app.processEvents()
    thread = window._figures_thread  # the figures of the opened scenario: measured without it
    if thread is not None:
        thread.join()
    window.clock.seek(window.scenario.start + 60.5)  # 30 Aug, midday
    window.map_view.viewport().repaint()
    editing = window.editing

    timings: dict[str, list[float]] = {}
    cpu: dict[str, list[float]] = {}

    def shown(edit, reason: str) -> float:
        """Seconds from the edit to the map repainted; its parts are kept in `timings`, the CPU
        seconds of the whole in `cpu`."""
        from aleppo_desktop.core.editing import apply_edit

        started = time.perf_counter()
        validated = apply_edit(editing.document, edit, "bench", reason)  # the core's part
        core = time.perf_counter() - started
        started = time.perf_counter()
        cpu_started = time.process_time()
        assert editing.apply(edit, reason), reason
        shown_at = time.perf_counter()
        window.map_view.viewport().repaint()
        done = time.perf_counter()
        cpu.setdefault(type(edit).__name__, []).append(time.process_time() - cpu_started)
        name = type(edit).__name__
        for key, value in (
            ("core", core),
            ("window", shown_at - started - core),
            ("repaint", done - shown_at),
        ):
            timings.setdefault(f"{name} {key}", []).append(value)
        del validated
        return done - started

    # control: units held by the regime on 30 Aug, handed to the rebels from 29 Aug
    document = editing.document
    regime = [
        a.id
        for a in document.scenario.areas
        if document.scenario.control.holding_at(a.id, window.clock.time).faction == "regime"
    ]
    control = []
    for k, area_id in enumerate(regime[: args.repeat + 1]):
        seconds = shown(
            SetControl((area_id,), date(2016, 8, 29), "rebel", "claimed", "brief"), "bench"
        )
        if k:  # the first is a warm-up
            control.append(seconds)

    # split: a north-south line through each unit's centre, for units it cuts in two
    splits = []
    split_units = []
    for area in list(editing.document.areas):
        if len(splits) == args.repeat + 1:
            break
        geometry = area.geometry
        _, ymin, _, ymax = geometry.bounds
        x = geometry.centroid.x
        line = ((x, ymin - 0.001), (x, ymax + 0.001))
        if len(split_polygon(geometry, shapely.LineString(line))) != 2:
            continue
        parts = (NewArea(f"{area.id}-w", "West"), NewArea(f"{area.id}-e", "East"))
        splits.append(shown(SplitArea(area.id, line, parts, "brief"), "bench"))
        split_units.append(area)
    splits = splits[1:]
    # merge: the parts of each split joined again (they share the unit's control history)
    merges = []
    for area in split_units:
        parts = (f"{area.id}-w", f"{area.id}-e")
        merges.append(shown(MergeAreas(parts, NewArea(area.id, area.name_en), "brief"), "bench"))
    merges = merges[1:]

    # for comparison: the repaint of any new frame (another day, no edit)
    base = []
    for k in range(args.repeat):
        window.clock.seek(window.scenario.start + 70.5 + 3 * k)
        started = time.perf_counter()
        window.map_view.viewport().repaint()
        base.append(time.perf_counter() - started)

    print(
        f"bundled scenario: {len(document.scenario.areas)} area units, "
        f"{len(document.scenario.control.changes)} control rows; map 1366x768 offscreen"
    )
    for name, kind, values, target in (
        ("control edit", "SetControl", control, "(target <= 100 ms)"),
        ("split", "SplitArea", splits, "(target <= 300 ms)"),
        ("merge", "MergeAreas", merges, ""),
    ):
        ms = [v * 1000 for v in values]
        cpu_ms = [v * 1000 for v in cpu[kind][1:]]
        print(
            f"{name:13s} edit -> map repainted: median {statistics.median(ms):6.1f} ms, "
            f"worst {max(ms):6.1f} ms over {len(ms)} edits {target}; "
            f"CPU median {statistics.median(cpu_ms):6.1f} ms"
        )
    print(
        "for comparison, a new day's frame repainted (no edit): median "
        f"{statistics.median(base) * 1000:.1f} ms"
    )
    print(
        "parts (median ms): "
        + ", ".join(f"{key} {statistics.median(v) * 1000:.0f}" for key, v in timings.items())
    )
    print(f"load average {_load()}")
    editing.undo_stack.setClean()
    window.close()
    return 0


def _load() -> str:
    return " ".join(f"{v:.2f}" for v in os.getloadavg())


def _commit(tree: Path) -> str:
    try:
        return subprocess.run(
            ["git", "-C", str(tree), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "?"


if __name__ == "__main__":
    sys.exit(main())
