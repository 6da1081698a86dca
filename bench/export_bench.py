"""Export throughput: 1080p30 video frames per second, its parts, and the PDF handout's time.

    .venv/bin/python bench/export_bench.py [SCENARIO] [--days N] [--speed D] [--preset P] [--repeat R]
        [--parts]

Uses the bundled scenario (or SCENARIO; falls back to the test grid if it does not load). Prints
figures, not pass/fail; the target (issue 5) is >= 30 frames/s for a 1080p30 video on 2 cores.
  video      the whole export: render (export-frames thread) + pipe + ffmpeg/x264 (own process)
  render     render_map_image alone, every frame distinct (no reuse of unchanged frames)
  encode     the pipe + ffmpeg alone, fed one rendered frame over and over
  parts      (--parts) one more export, timed: the CPU of each thread and of ffmpeg a frame, the
             drawing's parts, and how long each side of the pipe waited for the other
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
    parser.add_argument("--parts", action="store_true", help="also time the export's parts")
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

        if args.parts:
            export_parts(scenario, renderer, options, folder / "parts.mp4", frames)

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


def export_parts(scenario: Scenario, renderer, options, path: Path, frames: int) -> None:
    """One more export: its CPU split by thread, Qt's pool (what the process spent outside its
    Python threads: the raster engine splits some fills and blends over its own threads) and
    ffmpeg, the drawing thread's by part, and the waits on each side of the pipe: does drawing
    wait for the encoder or the other way round? (The drawing thread is `export-frames`; before
    it, the calling thread drew.)"""
    import threading

    from aleppo_desktop.export import video
    from aleppo_desktop.render import offscreen

    spent: dict[str, float] = {}

    def timed(name: str, function):
        def wrapper(*args, **kwargs):
            began = time.thread_time()
            try:
                return function(*args, **kwargs)
            finally:
                spent[name] = spent.get(name, 0.0) + time.thread_time() - began

        return wrapper

    threads: dict[str, float] = {}
    run = threading.Thread.run

    def counted_run(thread: threading.Thread) -> None:
        try:
            run(thread)
        finally:
            threads[thread.name] = threads.get(thread.name, 0.0) + time.thread_time()

    pipes = []

    class CountedPipe(video.FfmpegPipe):  # type: ignore[misc,valid-type]
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            pipes.append(self)

    patches = [
        (threading.Thread, "run", counted_run),
        (video, "FfmpegPipe", CountedPipe),
        (scenario.frames, "frame_at", timed("core frame", scenario.frames.frame_at)),
        (renderer.scene, "paint_content", timed("content", renderer.scene.paint_content)),
        (offscreen.StaticLayer, "image", timed("static", offscreen.StaticLayer.image)),
        (offscreen, "paint_overlays", timed("overlays", offscreen.paint_overlays)),
        (offscreen, "overlay_boxes", timed("overlays", offscreen.overlay_boxes)),
        (renderer, "overlays", timed("overlays", renderer.overlays)),
        (renderer, "render", timed("render", renderer.render)),
    ]
    saved = [(owner, name, owner.__dict__.get(name)) for owner, name, _ in patches]
    for owner, name, value in patches:
        setattr(owner, name, value)
    try:
        main_cpu, process = time.thread_time(), time.process_time()
        started, children = time.perf_counter(), _children_seconds()
        video.write_video(scenario, path, options, renderer=renderer)
        wall = time.perf_counter() - started
        ffmpeg = _children_seconds() - children
        main_cpu, process = time.thread_time() - main_cpu, time.process_time() - process
    finally:
        for owner, name, value in saved:
            if value is None:
                delattr(owner, name)
            else:
                setattr(owner, name, value)
    per = 1000 / frames
    drawing = threads.get("export-frames", main_cpu)
    drawn = sum(v for k, v in spent.items() if k != "render")
    parts = {k: v for k, v in spent.items() if k != "render"}
    parts["render, other"] = spent.get("render", 0.0) - drawn + spent.get("core frame", 0.0)
    parts["loop, other"] = drawing - spent.get("render", 0.0) - spent.get("core frame", 0.0)
    print(
        f"parts      {frames} frames at {frames / wall:.1f} frames/s, load average "
        f"{Path('/proc/loadavg').read_text().split()[0]}; CPU ms a frame: drawing thread "
        f"{drawing * per:.1f} ("
        + ", ".join(f"{k} {v * per:.1f}" for k, v in parts.items())
        + f"), sweeps thread {threads.get('export-sweeps', 0.0) * per:.1f}, pipe writer "
        f"{threads.get('ffmpeg-writer', 0.0) * per:.1f}, calling thread "
        f"{(main_cpu if 'export-frames' in threads else 0.0) * per:.1f}, Qt's thread pool (and "
        f"other threads) {(process - main_cpu - sum(threads.values())) * per:.1f}, ffmpeg "
        f"{ffmpeg * per:.1f}"
    )
    if pipes and hasattr(pipes[-1], "waited_for_room"):
        pipe = pipes[-1]
        print(
            f"overlap    wall {wall * per:.1f} ms a frame; drawing waited for room in the queue "
            f"(encoder behind) {pipe.waited_for_room * per:.1f} ms a frame; the writer waited for "
            f"frames (drawing behind) {pipe.waited_for_frames * per:.1f}, in the pipe (copying, "
            f"or ffmpeg not reading) {pipe.writing * per:.1f}"
        )


def _children_seconds() -> float:
    import resource

    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return children.ru_utime + children.ru_stime


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
