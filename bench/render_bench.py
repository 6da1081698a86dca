"""Start-up time, frame time while scrubbing and while playing, and peak memory of the app's map.

    .venv/bin/python bench/render_bench.py [SCENARIO] [--frames N]

A frame is the clock's update plus a synchronous paint of the map (1920x1080 viewport) and the
timeline, as during playback. Frames are timed while the window's background thread computes sweeps
(as a user scrubs right after opening), wall and CPU time of the UI thread. For issue 14's scale
figures give it `bench/make_scenario.py --scale 10`'s output; run another checkout with
PYTHONPATH=that/checkout. Prints figures; it is not a pass/fail test.
"""

from __future__ import annotations

import time

STARTED = time.perf_counter()
STARTED_CPU = time.process_time()

import argparse  # noqa: E402
import os  # noqa: E402
import random  # noqa: E402
import resource  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import threading  # noqa: E402
from pathlib import Path  # noqa: E402

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QSettings  # noqa: E402

from aleppo_desktop.paths import bundled_scenario_path  # noqa: E402
from aleppo_desktop.ui.app import make_application  # noqa: E402

WIDTH, HEIGHT = 1920, 1080


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


RESULTS_CPU: dict[int, list[float]] = {}


def frame_ms(window, times: list[float]) -> list[float]:
    """Wall-clock ms per frame; the CPU ms of the same frames go to RESULTS_CPU (a busy machine
    inflates wall-clock times, not CPU times)."""
    view, scrubber = window.map_view, window.scrubber
    result, cpu_ms = [], []
    for t in times:
        began, cpu = time.perf_counter(), time.thread_time()
        window.clock.seek(t)
        view.viewport().repaint()
        scrubber.repaint()
        result.append((time.perf_counter() - began) * 1000)
        cpu_ms.append((time.thread_time() - cpu) * 1000)
    RESULTS_CPU[id(result)] = cpu_ms
    return result


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("scenario", nargs="?", default=str(bundled_scenario_path()))
    parser.add_argument("--frames", type=int, default=600)
    args = parser.parse_args()

    app = make_application([sys.argv[0]])
    from aleppo_desktop.ui.main_window import MainWindow

    settings = QSettings(str(Path(tempfile.mkdtemp()) / "bench.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings)
    painted = []
    window.map_view.painted.connect(
        lambda: painted.append((time.perf_counter(), time.process_time()))
    )
    window.show()
    if not window.open_scenario(Path(args.scenario)):
        print(f"cannot load {args.scenario}")
        return 1
    for dock in window.docks.values():
        dock.hide()
    extra = window.height() - window.map_view.height()
    window.resize(WIDTH, HEIGHT + extra)
    while not painted:
        QCoreApplication.processEvents()
    startup = painted[0][0] - STARTED
    startup_cpu = painted[0][1] - STARTED_CPU
    window.map_view.resize(WIDTH, HEIGHT)
    scenario = window.scenario
    print(
        f"scenario          {scenario.path} ({len(scenario.areas)} areas, "
        f"{len(scenario.frames.transitions)} transitions)"
    )
    print(
        f"map viewport      {window.map_view.viewport().width()}x{window.map_view.viewport().height()}"
    )
    print(
        f"start-up          {startup:.2f} s to the first drawn frame "
        f"({startup_cpu:.2f} s CPU; imports included, interpreter start not)"
    )
    began = time.perf_counter()
    while window.strength_panel.series is None:
        QCoreApplication.processEvents()
        time.sleep(0.005)
    print(
        f"figures thread    {time.perf_counter() - began:.2f} s after the first frame (series, claims)"
    )
    sweeping = any(thread.name == "figures" for thread in threading.enumerate())
    print(f"sweeps thread     {'running' if sweeping else 'finished'} while the frames are timed")
    print(f"load average      {Path('/proc/loadavg').read_text().strip()}")
    start, end = scenario.start, scenario.end
    rng = random.Random(4)
    scrub_times = [rng.uniform(start, end) for _ in range(args.frames)]
    still = frame_ms(window, scrub_times[: args.frames // 3])
    window.map_view.set_fast(True)  # as while dragging the scrubber or playing
    cold = frame_ms(window, scrub_times)
    warm = frame_ms(window, scrub_times)
    speed = 1.0  # days per second at 60 fps
    play_times = [start + i * speed / 60 for i in range(int((end - start) * 60 / speed))][
        : args.frames * 4
    ]
    play = frame_ms(window, play_times)
    for name, values in (
        ("still (full AA)", still),
        ("scrub (cold)", cold),
        ("scrub (warm)", warm),
        (f"play {speed:g} d/s", play),
    ):
        cpu = RESULTS_CPU[id(values)]
        print(
            f"{name:<17} median {statistics.median(values):6.2f} ms   "
            f"p95 {percentile(values, 95):6.2f} ms   max {max(values):7.2f} ms   "
            f"(CPU median {statistics.median(cpu):5.2f} ms; {len(values)} frames)"
        )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory       {peak:.0f} MB (max RSS)")
    frames = scenario.frames
    if hasattr(frames, "cache_bytes"):
        print(
            f"sweep cache       {frames.cache_bytes / 2**20:.1f} MB "
            f"(ceiling {frames.cache_ceiling / 2**20:.0f} MB)"
        )
    print(f"process CPU       {time.process_time() - STARTED_CPU:.1f} s in all (every thread)")
    window.close()
    app.processEvents()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
