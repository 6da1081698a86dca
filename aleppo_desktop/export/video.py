"""MP4 and GIF animations and PNG stills, rendered frame by frame by the screen's drawing code.

The frame loop renders on a worker thread and hands each image's pixels, without copying, to ffmpeg
in its own process (which converts and encodes on the other core); the calling (GUI or CLI) thread
only reports progress and hears a cancel. Consecutive frames that look the same (same map state,
date and caption, e.g. during a hold) are rendered once and sent again. Another worker computes the
sweeps of the frames ahead (`FrameBuilder.compute_ahead`), so drawing only looks them up.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from aleppo_desktop.core.scenario import Scenario
from aleppo_desktop.core.story import current_event
from aleppo_desktop.core.what_changed import ChangeOutline, outlines_at
from aleppo_desktop.export.atomic import (
    ExportError,
    Progress,
    Reporter,
    atomic_path,
    temporary_folder,
)
from aleppo_desktop.export.encoder import FfmpegPipe, gif_args, palette_args, video_args
from aleppo_desktop.export.schedule import Schedule, build_schedule

if TYPE_CHECKING:
    from PySide6.QtCore import QSize

    from aleppo_desktop.export.render import ExportRenderer

SIZES = {"720p": (1280, 720), "1080p": (1920, 1080), "2160p": (3840, 2160)}
MAX_SIDE = 8192
PALETTE_SAMPLES = 24  # frames a GIF's palette is computed from
WAIT_S = 0.25  # the reporting thread's longest wait for the drawing thread
VideoFrame = tuple[float, int | None, tuple[ChangeOutline, ...]]
"""A video frame: its instant, the event in the caption, what changed (outlined)."""


def parse_size(text: str) -> tuple[int, int]:
    """`1080p`, `4k` or `WIDTHxHEIGHT`."""
    text = text.strip().lower()
    if text in ("4k", "uhd"):
        text = "2160p"
    if text in SIZES:
        return SIZES[text]
    try:
        width, height = (int(v) for v in text.split("x"))
    except ValueError:
        raise ValueError(
            f"size {text!r} is not WIDTHxHEIGHT or one of {', '.join(SIZES)}"
        ) from None
    if not (16 <= width <= MAX_SIDE and 16 <= height <= MAX_SIDE):
        raise ValueError(f"size must be between 16 and {MAX_SIDE} pixels a side")
    return width, height


@dataclass(frozen=True)
class VideoOptions:
    size: tuple[int, int] = SIZES["1080p"]
    fps: float = 30.0
    speed: float = 2.0  # days per second of video
    start: float | None = None  # day numbers; default the scenario's period
    end: float | None = None
    hold_seconds: float = 0.0
    hold_at: str = "events"
    crf: int = 20
    preset: str = "superfast"  # x264: CABAC and deblocking kept; ~2x veryfast on 2 cores
    what_changed: bool = False  # outline the ground gained, as the screen does (core.what_changed)

    def schedule(self, scenario: Scenario) -> Schedule:
        return build_schedule(
            scenario,
            self.fps,
            self.speed,
            self.start,
            self.end,
            self.hold_seconds,
            self.hold_at,
            self.what_changed,
        )


def _qsize(size: tuple[int, int]) -> QSize:
    from PySide6.QtCore import QSize

    return QSize(*size)


def _prepare(
    scenario: Scenario, options: VideoOptions, renderer: ExportRenderer | None
) -> tuple[Schedule, ExportRenderer]:
    """The frame schedule and a renderer, every option checked before ffmpeg starts."""
    from aleppo_desktop.export.render import ExportRenderer

    try:
        schedule = options.schedule(scenario)
    except ValueError as exc:
        raise ExportError(str(exc)) from None
    width, height = options.size
    if width % 2 or height % 2:
        raise ExportError(f"video size must be even, not {width}x{height}")
    return schedule, renderer or ExportRenderer(scenario)


def _pipe_frames(
    output_args: list[str],
    options: VideoOptions,
    frames: Sequence[VideoFrame],
    renderer: ExportRenderer,
    report: Reporter,
    scenario: Scenario,
) -> None:
    """The one ffmpeg loop: a worker thread renders each `(t, event, outlines)` frame, once per run
    of equal frame keys, and queues it for ffmpeg, while this thread reports progress (and hears a
    cancel); ffmpeg is stopped (and its output left unfinished) if anything fails or cancels."""
    size = _qsize(options.size)
    report(0)
    pipe = FfmpegPipe(output_args, *options.size, options.fps, "bgra")
    queued = _QueuedFrames()
    stop = threading.Event()

    def render_all() -> None:
        last_key, image = None, None
        for k, (t, event, outlines) in enumerate(frames):
            if stop.is_set():
                return
            key = (renderer.frame_key(t, event), outlines)
            if key != last_key or image is None:
                image = renderer.render(t, size, event, changes=outlines)
                last_key = key
                if stop.is_set():
                    return
            pipe.write(image.constBits(), image)
            queued.advance(k + 1)

    drawing = threading.Thread(
        target=queued.run, args=(render_all,), name="export-frames", daemon=True
    )
    # the sweeps of the frames ahead are computed on another worker, so drawing only looks them up
    sweeps = threading.Thread(
        target=scenario.frames.compute_ahead,
        args=([t for t, _, _ in frames], queued.value, stop.is_set),
        name="export-sweeps",
        daemon=True,
    )
    sweeps.start()
    drawing.start()
    try:
        done = 0
        while done < len(frames):
            done = queued.wait_past(done)
            report(done)
        pipe.close()
    except BaseException:
        stop.set()
        pipe.abort()  # a drawing thread waiting for room in the pipe's queue goes on, sees `stop`
        raise
    finally:
        stop.set()
        drawing.join()
        sweeps.join()


class _QueuedFrames:
    """Frames queued by the drawing thread, waited on by the reporting one; a failure on the
    drawing thread is raised on the reporting one (`wait_past`)."""

    def __init__(self) -> None:
        self._done = 0
        self._failure: BaseException | None = None
        self._finished = False
        self._changed = threading.Condition()

    def value(self) -> int:
        return self._done

    def advance(self, done: int) -> None:
        with self._changed:
            self._done = done
            self._changed.notify_all()

    def run(self, work: Callable[[], None]) -> None:
        """`work()` on this (worker) thread, its exception kept for `wait_past`."""
        try:
            work()
        except BaseException as exc:  # re-raised on the reporting thread
            self._failure = exc
        finally:
            with self._changed:
                self._finished = True
                self._changed.notify_all()

    def wait_past(self, done: int) -> int:
        """The frames queued, once more than `done` are; raises the work's exception if it failed
        (an ExportError if it ended without queueing more)."""
        with self._changed:
            while not self._changed.wait_for(lambda: self._done > done or self._finished, WAIT_S):
                pass  # a timed wait: Ctrl+C reaches a CLI export's main thread between waits
            if self._failure is not None:
                raise self._failure
            if self._done <= done:
                raise ExportError("the frames stopped before the end")
            return self._done


def _scheduled_frames(scenario: Scenario, schedule: Schedule) -> list[VideoFrame]:
    if not schedule.changes:
        return [(t, e, ()) for t, e in zip(schedule.times, schedule.events, strict=True)]
    return [
        (t, e, outlines_at(scenario, t, since, strength))
        for t, e, (since, strength) in zip(
            schedule.times, schedule.events, schedule.changes, strict=True
        )
    ]


def write_video(
    scenario: Scenario,
    path: Path | str,
    options: VideoOptions | None = None,
    progress: Progress | None = None,
    renderer: ExportRenderer | None = None,
) -> Path:
    """An H.264 MP4 of the schedule (see `VideoOptions`), with date, legend, title, source line
    and the current event's caption burned in."""
    options = options or VideoOptions()
    schedule, renderer = _prepare(scenario, options, renderer)
    frames = _scheduled_frames(scenario, schedule)
    with atomic_path(path) as temporary:
        output = video_args(temporary, *options.size, options.fps, options.crf, options.preset)
        _pipe_frames(output, options, frames, renderer, Reporter(progress, len(frames)), scenario)
    return Path(path)


def write_gif(
    scenario: Scenario,
    path: Path | str,
    options: VideoOptions | None = None,
    progress: Progress | None = None,
    renderer: ExportRenderer | None = None,
) -> Path:
    """An animated GIF via the bundled ffmpeg, in two passes so no frame is held in memory: a
    palette from up to `PALETTE_SAMPLES` frames spread over the animation, then every frame
    dithered to it. Best at small sizes."""
    options = options or VideoOptions(size=(960, 540), fps=10)
    if options.fps > 50:
        raise ExportError("GIF frame rate must be at most 50 fps")
    schedule, renderer = _prepare(scenario, options, renderer)
    frames = _scheduled_frames(scenario, schedule)
    n = len(frames)
    samples = sorted(
        {round(i * (n - 1) / max(PALETTE_SAMPLES - 1, 1)) for i in range(PALETTE_SAMPLES)}
    )
    with temporary_folder("aleppo-gif-") as folder:
        palette = folder / "palette.png"
        _pipe_frames(
            palette_args(palette),
            options,
            [frames[k] for k in samples],
            renderer,
            Reporter(progress, len(samples), 0.0, 0.1),
            scenario,
        )
        with atomic_path(path) as temporary:
            _pipe_frames(
                gif_args(temporary, palette),
                options,
                frames,
                renderer,
                Reporter(progress, n, 0.1, 1.0),
                scenario,
            )
    return Path(path)


def write_png(
    scenario: Scenario,
    path: Path | str,
    t: float,
    size: tuple[int, int] = SIZES["1080p"],
    progress: Progress | None = None,
    renderer: ExportRenderer | None = None,
    caption: bool = True,
    stepped: int | None = None,
) -> Path:
    """A still of instant t at any size, with the overlays (and the caption of the event then:
    `stepped`, the event the user stepped to, as on screen — `core.story.current_event`)."""
    from aleppo_desktop.export.render import ExportRenderer

    if not scenario.start <= t <= scenario.end:
        raise ExportError("the date is outside the scenario's period")
    report = Reporter(progress, 2)
    report(0)
    renderer = renderer or ExportRenderer(scenario)
    image = renderer.render(
        t, _qsize(size), current_event(scenario, t, stepped) if caption else None
    )
    report(1)
    with atomic_path(path) as temporary:
        if not image.save(str(temporary)):  # PNG by the suffix, which atomic_path keeps
            raise ExportError(f"could not write {path}")
        report(2)
    return Path(path)
