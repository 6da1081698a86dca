"""Start-up time, frame time while scrubbing and while playing, and peak memory of the app's map.

    .venv/bin/python bench/render_bench.py [SCENARIO] [--frames N] [--parts] [--profile N]
                                           [--checkout PATH]

A frame is the clock's update plus a synchronous paint of the map (1920x1080 viewport) and the
timeline, as during playback. Frames are timed while the window's background thread computes sweeps
(as a user scrubs right after opening), wall and CPU time of the UI thread. For issue 14's scale
figures give it `bench/make_scenario.py --scale 10`'s output; measure another commit with
`--checkout` and a worktree of it (`git worktree add /tmp/wt-old COMMIT`; PYTHONPATH alone does
not do: the editable install's import finder comes before it). Prints figures; it is not a
pass/fail test.
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


def _import_from_checkout() -> None:
    """`--checkout PATH`: aleppo_desktop imported from that checkout, the editable install's
    import finder set aside (read before argparse: the imports below come first)."""
    if "--checkout" not in sys.argv:
        return
    at = sys.argv.index("--checkout")
    path = sys.argv[at + 1]
    del sys.argv[at : at + 2]
    sys.meta_path[:] = [
        finder
        for finder in sys.meta_path
        if "editable" not in f"{type(finder).__name__} {getattr(finder, '__module__', '')}"
    ]
    sys.path.insert(0, path)


_import_from_checkout()

from PySide6.QtCore import QCoreApplication, QSettings  # noqa: E402

from aleppo_desktop.paths import bundled_scenario_path  # noqa: E402
from aleppo_desktop.ui.app import make_application  # noqa: E402

WIDTH, HEIGHT = 1920, 1080


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


RESULTS_CPU: dict[int, list[float]] = {}
# CPU ms a frame of Qt's GUI thread pool, per run of `frame_ms`: the raster engine hands large
# fills and blends it cannot do as plain copies to it and waits for them (not in the UI thread's
# CPU time, but in its wall time while the pool's threads wait for a core)
POOL_CPU: dict[int, float] = {}
# CPU ms of the UI thread per part of a frame, per run of `frame_ms` (see `time_parts`)
PARTS: dict[int, dict[str, list[float]]] = {}
_spent: dict[str, float] = {}


def pool_cpu_s() -> float:
    """CPU seconds of Qt's thread pool threads so far (Linux; 0 elsewhere)."""
    total = 0
    tasks = Path("/proc/self/task")
    if not tasks.exists():
        return 0.0
    for task in tasks.iterdir():
        try:
            if (task / "comm").read_text().strip() != "Thread (pooled)":
                continue
            fields = (task / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:  # a thread that ended
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime in clock ticks
    return total / os.sysconf("SC_CLK_TCK")


def _timed(name: str, function):
    """`function`, adding the UI thread's CPU time spent in it to `_spent[name]`."""

    def timed(*args, **kwargs):
        began = time.thread_time()
        try:
            return function(*args, **kwargs)
        finally:
            _spent[name] = _spent.get(name, 0.0) + time.thread_time() - began

    return timed


def time_parts(window) -> None:
    """Count the CPU time of the parts of a frame: the core's frame (sweep steps computed on
    the UI thread included), the content picture (fills, pieces, front), the static picture
    (outlines, basemap), the labels and the overlays; the rest of the map's paint and the other
    listeners of the clock are what is left of the seek and the paint."""
    from aleppo_desktop.ui import map_view

    frames = window.scenario.frames
    frames.frame_at = _timed("frame_at", frames.frame_at)
    scene = window.map_scene
    scene.paint_content = _timed("content", scene.paint_content)
    view = window.map_view
    view._static_pixmap = _timed("static", view._static_pixmap)
    map_view.paint_overlays = _timed("overlays", map_view.paint_overlays)
    if hasattr(scene, "paint_labels"):  # drawn over each paint since 4e9f28b
        scene.paint_labels = _timed("labels", scene.paint_labels)


def frame_ms(window, times: list[float]) -> list[float]:
    """Wall-clock ms per frame; the CPU ms of the same frames go to RESULTS_CPU (a busy machine
    inflates wall-clock times, not CPU times), those of its parts to PARTS."""
    view, scrubber = window.map_view, window.scrubber
    result, cpu_ms = [], []
    parts: dict[str, list[float]] = {}
    pool = pool_cpu_s()
    for t in times:
        _spent.clear()
        began, cpu = time.perf_counter(), time.thread_time()
        window.clock.seek(t)
        seeked = time.thread_time()
        view.viewport().repaint()
        painted = time.thread_time()
        scrubber.repaint()
        result.append((time.perf_counter() - began) * 1000)
        cpu_ms.append((time.thread_time() - cpu) * 1000)
        _spent["seek, other"] = seeked - cpu - _spent.get("frame_at", 0.0)
        _spent["paint, other"] = (
            painted
            - seeked
            - sum(_spent.get(k, 0.0) for k in ("content", "static", "overlays", "labels"))
        )
        _spent["scrubber"] = time.thread_time() - painted
        for name, spent in _spent.items():
            parts.setdefault(name, []).append(spent * 1000)
    RESULTS_CPU[id(result)] = cpu_ms
    POOL_CPU[id(result)] = (pool_cpu_s() - pool) * 1000 / max(len(times), 1)
    PARTS[id(result)] = parts
    return result


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("scenario", nargs="?", default=str(bundled_scenario_path()))
    parser.add_argument("--frames", type=int, default=600)
    parser.add_argument(
        "--parts", action="store_true", help="also print the CPU time of each part of a frame"
    )
    parser.add_argument(
        "--profile",
        type=int,
        metavar="N",
        default=0,
        help="print the N costliest calls of the warm scrub",
    )
    parser.add_argument("--checkout", metavar="PATH", help="import aleppo_desktop from PATH")
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
    import aleppo_desktop

    print(f"code              {Path(aleppo_desktop.__file__).parent.parent}")
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
    if args.parts:
        time_parts(window)
    start, end = scenario.start, scenario.end
    rng = random.Random(4)
    scrub_times = [rng.uniform(start, end) for _ in range(args.frames)]
    still = frame_ms(window, scrub_times[: args.frames // 3])
    window.map_view.set_fast(True)  # as while dragging the scrubber or playing
    cold = frame_ms(window, scrub_times)
    if args.profile:
        import cProfile
        import pstats

        profile = cProfile.Profile()
        profile.enable()
    warm = frame_ms(window, scrub_times)
    if args.profile:
        profile.disable()
        stats = pstats.Stats(profile)
        stats.sort_stats("tottime").print_stats(args.profile)
        stats.sort_stats("cumulative").print_stats(args.profile)
        stats.sort_stats("tottime").print_callers(8)
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
            f"(CPU median {statistics.median(cpu):5.2f} p95 {percentile(cpu, 95):5.2f} ms, "
            f"Qt pool {POOL_CPU[id(values)]:4.2f} ms a frame; {len(values)} frames)"
        )
        if args.parts:
            parts = PARTS[id(values)]
            print(
                "    CPU mean/p95 ms: "
                + ", ".join(
                    f"{name} {statistics.fmean(ms):.2f}/{percentile(ms, 95):.2f}"
                    for name, ms in parts.items()
                )
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
