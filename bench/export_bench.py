"""Export throughput: 1080p30 video frames per second, its parts, and the PDF handout's time.

    .venv/bin/python bench/export_bench.py [SCENARIO] [--days N] [--speed D] [--preset P] [--repeat R]

Uses the bundled scenario (or SCENARIO; falls back to the test grid if it does not load). Prints
figures, not pass/fail; the target (issue 5) is >= 30 frames/s for a 1080p30 video on 2 cores.
  video      the whole export: render (main thread) + pipe + ffmpeg/x264 (its own process)
  render     render_map_image alone, every frame distinct (no reuse of unchanged frames)
  encode     the pipe + ffmpeg alone, fed one rendered frame over and over
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import argparse
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]  # for the test grid; the package is the installed one

from aleppo_desktop.core.errors import ScenarioError  # noqa: E402
from aleppo_desktop.core.loading import load_scenario  # noqa: E402
from aleppo_desktop.core.scenario import Scenario  # noqa: E402
from aleppo_desktop.paths import bundled_scenario_path  # noqa: E402


def _scenario(path: str | None, folder: Path) -> Scenario:
    try:
        return load_scenario(Path(path) if path else bundled_scenario_path())
    except ScenarioError as exc:
        print(f"(scenario does not load: {exc.problems[0]}; using the test grid)")
        import importlib.util

        spec = importlib.util.spec_from_file_location("_grid", ROOT / "tests" / "conftest.py")
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return load_scenario(module.write_scenario(folder / "grid"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenario", nargs="?")
    parser.add_argument("--days", type=float, default=30.0, help="days of the period to export")
    parser.add_argument("--speed", type=float, default=2.0, help="days per second")
    parser.add_argument("--preset", default=None, help="x264 preset (default: the export's)")
    parser.add_argument("--repeat", type=int, default=2, help="best of N runs")
    args = parser.parse_args()

    from PySide6.QtCore import QSize

    from aleppo_desktop.export.encoder import FfmpegPipe, video_args
    from aleppo_desktop.export.pdf import handout_pages, write_pdf
    from aleppo_desktop.export.render import ExportRenderer
    from aleppo_desktop.export.video import VideoOptions, write_video

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        scenario = _scenario(args.scenario, folder)
        print(
            f"scenario   {scenario.title}: {len(scenario.areas)} areas, "
            f"{len(scenario.control.changes)} control rows, {len(scenario.events)} events; "
            f"{os.cpu_count()} CPUs; load average {Path('/proc/loadavg').read_text().strip()}"
        )
        started = time.perf_counter()
        renderer = ExportRenderer(scenario)
        print(
            f"setup      {1000 * (time.perf_counter() - started):.0f} ms (QApplication + MapScene)"
        )
        # the busiest stretch: the range with the most control changes
        start = _busiest_start(scenario, args.days)
        end = min(start + args.days, scenario.end)
        extra = {"preset": args.preset} if args.preset else {}
        options = VideoOptions(
            size=(1920, 1080), fps=30, speed=args.speed, start=start, end=end, **extra
        )
        frames = len(options.schedule(scenario))
        best, cpu = 0.0, 0.0
        for _ in range(args.repeat):
            started, cpu_started = time.perf_counter(), _cpu_seconds()
            out = write_video(scenario, folder / "bench.mp4", options, renderer=renderer)
            elapsed = time.perf_counter() - started
            if frames / elapsed > best:
                best, cpu = frames / elapsed, (_cpu_seconds() - cpu_started) / frames
        size_mb = out.stat().st_size / 2**20
        print(
            f"video      {best:.1f} frames/s at 1920x1080, {frames} frames ({frames / 30:.1f} s "
            f"of video, {end - start:g} days at {args.speed:g} days/s), {size_mb:.1f} MB, "
            f"preset {options.preset}, crf {options.crf}"
        )
        print(
            f"cpu        {1000 * cpu:.0f} ms of CPU per frame (this process + ffmpeg): at most "
            f"{(os.cpu_count() or 1) / cpu:.0f} frames/s on {os.cpu_count()} idle cores"
        )

        size = QSize(1920, 1080)
        times = options.schedule(scenario).times
        n = min(len(times), 120)
        started, cpu_started = time.perf_counter(), time.process_time()
        for t in times[:n]:
            renderer.render(t, size, None)
        print(
            f"render     {n / (time.perf_counter() - started):.1f} frames/s (every frame drawn), "
            f"{1000 * (time.process_time() - cpu_started) / n:.0f} ms CPU a frame"
        )

        image = renderer.render(times[n // 2], size, None)
        pipe = FfmpegPipe(
            video_args(folder / "enc.mp4", 1920, 1080, 30, options.crf, options.preset),
            1920,
            1080,
            30,
        )
        started, cpu_started = time.perf_counter(), _cpu_seconds()
        for _ in range(n):
            pipe.write(image.constBits(), image)
        pipe.close()
        print(
            f"encode     {n / (time.perf_counter() - started):.1f} frames/s (pipe + ffmpeg only), "
            f"{1000 * (_cpu_seconds() - cpu_started) / n:.0f} ms CPU a frame"
        )

        try:
            pages = handout_pages(scenario, "chapters")
        except ValueError:
            pages = handout_pages(scenario, "events")
        started = time.perf_counter()
        pdf = write_pdf(scenario, folder / "handout.pdf", pages, renderer=renderer)
        print(
            f"pdf        {time.perf_counter() - started:.2f} s: title and sources, {len(pages)} map pages "
            f"({pdf.stat().st_size / 2**20:.1f} MB)"
        )


def _cpu_seconds() -> float:
    """User + system CPU time of this process and its finished children (ffmpeg)."""
    import resource

    me = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + children.ru_utime + children.ru_stime


def _busiest_start(scenario: Scenario, days: float) -> float:
    from aleppo_desktop.core.timeline import day_number

    changes = sorted(day_number(c.date) for c in scenario.control.changes)
    best, best_start = -1, scenario.start
    t = scenario.start
    while t + days <= scenario.end:
        count = sum(1 for d in changes if t < d <= t + days)
        if count > best:
            best, best_start = count, t
        t += 1
    return best_start


if __name__ == "__main__":
    main()
