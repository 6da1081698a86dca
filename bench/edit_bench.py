"""How long an edit takes to show on the map, in the bundled scenario (prints figures).

Targets (issue 12): a control edit on the map within 100 ms, a split within 300 ms. Each figure is
the wall time from the edit being applied (`EditController.apply`: the core validates it and the
undo command shows it) to the map's viewport repainted with it, at 1366x768 offscreen; the median
and the worst of several edits, each on a different unit, after one warm-up edit, once the
figures of the opened scenario are computed. The parts: the core (validating the edit and building
the edited scenario), the window (panels, clock, frame) and the map's repaint.

    .venv/bin/python bench/edit_bench.py [--repeat N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import shapely
from PySide6.QtCore import QSettings

from aleppo_desktop.core.editing import NewArea, SetControl, SplitArea, split_polygon
from aleppo_desktop.paths import bundled_scenario_path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
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

    def shown(edit, reason: str) -> float:
        """Seconds from the edit to the map repainted; its parts are kept in `timings`."""
        from aleppo_desktop.core.editing import apply_edit

        started = time.perf_counter()
        validated = apply_edit(editing.document, edit, "bench", reason)  # the core's part
        core = time.perf_counter() - started
        started = time.perf_counter()
        assert editing.apply(edit, reason), reason
        shown_at = time.perf_counter()
        window.map_view.viewport().repaint()
        done = time.perf_counter()
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
    splits = splits[1:]

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
    for name, values, target in (("control edit", control, 100), ("split", splits, 300)):
        ms = [v * 1000 for v in values]
        print(
            f"{name:13s} edit -> map repainted: median {statistics.median(ms):6.1f} ms, "
            f"worst {max(ms):6.1f} ms over {len(ms)} edits (target <= {target} ms)"
        )
    print(
        "for comparison, a new day's frame repainted (no edit): median "
        f"{statistics.median(base) * 1000:.1f} ms"
    )
    print(
        "parts (median ms): "
        + ", ".join(f"{key} {statistics.median(v) * 1000:.0f}" for key, v in timings.items())
    )
    editing.undo_stack.setClean()
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
