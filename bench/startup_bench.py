"""Start-up benchmark (issue 14): load, first frame and memory of the app, each run a fresh process.

    .venv/bin/python bench/startup_bench.py [SCENARIO ...] [--runs N] [--against CHECKOUT]

For each scenario (default: the bundled one; give `bench/make_scenario.py --scale 10`'s output for
the 10x figures), N fresh processes open the main window offscreen at 1920x1080 and report: the
scenario's load (median of 5 in the process: wall, CPU of the process and of the calling
thread alone), the first frame after start (imports included, interpreter start not; wall and
CPU of the process), the resident memory then, and the
peak (max RSS) once the figures thread has delivered the series and run for 3 s more. With
`--against CHECKOUT` (repeatable; e.g. a `git worktree` of an older commit) runs alternate between
the checkouts (PYTHONPATH; the child checks which code it imported), so all see the same machine
load. Medians are printed with the load average. Targets on the 2-core machine: load <= 100 ms (10x: 300), first frame <= 1.0 s (10x: 1.5),
peak memory <= 250 MB (10x: 500). Prints figures; it is not a pass/fail test.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

STARTED = time.perf_counter()
STARTED_CPU = time.process_time()
TARGETS = {  # (bundled, 10x)
    "load ms": (100, 300),
    "first frame s": (1.0, 1.5),
    "peak MB": (250, 500),
}


def child(path: Path) -> None:
    """One start-up, as the app does it; prints a JSON line of figures."""
    import resource

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QCoreApplication, QSettings

    from aleppo_desktop.ui.app import make_application

    app = make_application([sys.argv[0]])
    from aleppo_desktop.ui.main_window import MainWindow

    settings = QSettings(str(Path(tempfile.mkdtemp()) / "b.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings)
    painted: list[tuple[float, float]] = []
    window.map_view.painted.connect(
        lambda: painted.append((time.perf_counter(), time.process_time()))
    )
    window.resize(1920, 1080 + window.height() - window.map_view.height())
    window.show()
    if not window.open_scenario(path):
        raise SystemExit(f"cannot load {path}")
    while not painted:
        QCoreApplication.processEvents()
    first, first_cpu = painted[0][0] - STARTED, painted[0][1] - STARTED_CPU
    with open("/proc/self/statm") as f:
        first_mb = int(f.read().split()[1]) * resource.getpagesize() / 2**20
    began = time.perf_counter()
    while window._series is None and time.perf_counter() - began < 120:
        QCoreApplication.processEvents()
        time.sleep(0.005)
    series_s = time.perf_counter() - began
    settle = time.perf_counter() + 3.0
    while time.perf_counter() < settle:
        QCoreApplication.processEvents()
        time.sleep(0.01)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    window.close()
    app.processEvents()
    import aleppo_desktop
    from aleppo_desktop.core.loading import load_scenario

    walls, cpus, mains = [], [], []
    for _ in range(5):
        t0, c0, m0 = time.perf_counter(), time.process_time(), time.thread_time()
        load_scenario(path)
        walls.append((time.perf_counter() - t0) * 1000)
        cpus.append((time.process_time() - c0) * 1000)
        mains.append((time.thread_time() - m0) * 1000)
    print(
        json.dumps(
            {
                "first frame s": first,
                "first frame CPU s": first_cpu,
                "MB at first frame": first_mb,
                "series s after": series_s,
                "peak MB": peak,
                "load ms": statistics.median(walls),
                "load CPU ms": statistics.median(cpus),
                # the UI thread's share (the partition check runs on a worker thread beside it)
                "load main CPU ms": statistics.median(mains),
                "code": aleppo_desktop.__file__,
            }
        )
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenarios", nargs="*", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--against", type=Path, action="append", default=[], help="another checkout (repeatable)"
    )
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        child(args.child)
        return 0
    from aleppo_desktop.paths import bundled_scenario_path

    scenarios = args.scenarios or [bundled_scenario_path()]
    here = Path(__file__).resolve().parents[1]
    checkouts = [here] + [path.resolve() for path in args.against]
    results: dict[tuple[Path, Path], list[dict[str, float]]] = {}
    loads = []
    for _ in range(args.runs):
        for scenario in scenarios:
            for checkout in checkouts:
                env = dict(os.environ, PYTHONPATH=str(checkout))
                out = subprocess.run(
                    [sys.executable, __file__, "--child", str(scenario)],
                    env=env,
                    cwd=tempfile.gettempdir(),  # not a checkout: its folder would come first
                    capture_output=True,
                    text=True,
                    check=True,
                )
                line = [s for s in out.stdout.splitlines() if s.startswith("{")][-1]
                figures = json.loads(line)
                code = Path(figures.pop("code"))
                if not code.is_relative_to(checkout):
                    raise SystemExit(f"{checkout}: the child imported {code}")
                results.setdefault((scenario, checkout), []).append(figures)
                loads.append(float(Path("/proc/loadavg").read_text().split()[0]))
    print(
        f"load average during the runs: median {statistics.median(loads):.2f} "
        f"(min {min(loads):.2f}, max {max(loads):.2f}); {args.runs} runs each, medians"
    )
    for scenario in scenarios:
        print(f"\n{scenario}")
        for checkout in checkouts:
            runs = results[(scenario, checkout)]
            print(f"  {checkout}")
            for name in runs[0]:
                values = [r[name] for r in runs]
                target = TARGETS.get(name)
                note = ""
                if target is not None:
                    note = f"   (targets <= {target[0]:g} bundled, <= {target[1]:g} at 10x)"
                print(
                    f"    {name:<20} {statistics.median(values):9.2f}"
                    f"   (min {min(values):.2f}, max {max(values):.2f}){note}"
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
