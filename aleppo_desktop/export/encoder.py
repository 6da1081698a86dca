"""Raw frames piped to the ffmpeg that imageio-ffmpeg bundles (never a system ffmpeg), Qt-free.

ffmpeg runs in its own process, so it converts and encodes on the other core while the caller renders
the next frame; a small writer thread keeps the pipe full without blocking the renderer. Frames are
passed as buffers (memoryviews of the rendered images), not copied.
"""

from __future__ import annotations

import contextlib
import queue
import subprocess
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from aleppo_desktop.export.atomic import ExportError

PRESETS = ("ultrafast", "superfast", "veryfast", "faster", "fast", "medium")
QUEUE_BYTES = 160 * 2**20
"""Frames waiting for the pipe (about 20 at 1080p, 4 at 4K): the queue evens out stretches where
rendering is the bottleneck (sweeps) and where encoding is (unchanged frames sent again)."""
_STOP = object()


def ffmpeg_exe() -> str:
    """The bundled ffmpeg executable."""
    try:
        import imageio_ffmpeg
    except ImportError:
        raise ExportError("video export needs the imageio-ffmpeg package") from None
    try:
        return imageio_ffmpeg.get_ffmpeg_exe()
    except RuntimeError as exc:
        raise ExportError(f"no ffmpeg available: {exc}") from None


def video_args(
    path: Path, width: int, height: int, fps: float, crf: int = 20, preset: str = "superfast"
) -> list[str]:
    """H.264 High profile, yuv420p, BT.709 tagged, moov atom first: plays in PowerPoint and VLC."""
    if preset not in PRESETS:
        raise ExportError(f"preset must be one of {', '.join(PRESETS)}")
    if not 0 <= crf <= 51:
        raise ExportError("crf must be between 0 and 51")
    return [
        "-an",
        "-vf",
        "scale=out_color_matrix=bt709:out_range=tv,format=yuv420p",
        "-c:v",
        "libx264",
        "-preset",
        preset,
        "-crf",
        str(crf),
        "-profile:v",
        "high",
        "-pix_fmt",
        "yuv420p",
        "-colorspace",
        "bt709",
        "-color_primaries",
        "bt709",
        "-color_trc",
        "bt709",
        "-color_range",
        "tv",
        "-movflags",
        "+faststart",
        "-f",
        "mp4",
        str(path),
    ]


def palette_args(palette: Path) -> list[str]:
    """Pass 1 of a GIF: a 256-colour palette (PNG) from the frames piped in."""
    return ["-vf", "palettegen=stats_mode=full:max_colors=256", "-update", "1", str(palette)]


def gif_args(path: Path, palette: Path) -> list[str]:
    """Pass 2 of a GIF: frames dithered to the palette, streamed (nothing buffered); loops."""
    return [
        "-i",
        str(palette),
        "-lavfi",
        "[0:v][1:v]paletteuse=dither=bayer:bayer_scale=4",
        "-loop",
        "0",
        "-f",
        "gif",
        str(path),
    ]


class FfmpegPipe:
    """An ffmpeg process reading raw `pixel_format` frames of width x height from stdin."""

    def __init__(
        self,
        output_args: list[str],
        width: int,
        height: int,
        fps: float,
        pixel_format: str = "bgra",
    ):
        if width % 2 or height % 2:
            raise ExportError(f"video size must be even, not {width}x{height}")
        self._stderr = tempfile.TemporaryFile()  # noqa: SIM115 (closed in close/abort)
        command = [
            ffmpeg_exe(),
            "-hide_banner",
            "-loglevel",
            "error",
            "-nostdin",
            "-y",
            "-f",
            "rawvideo",
            "-pix_fmt",
            pixel_format,
            "-s",
            f"{width}x{height}",
            "-framerate",
            f"{fps:g}",
            "-i",
            "pipe:0",
            *output_args,
        ]
        self.frame_bytes = width * height * (3 if pixel_format in ("rgb24", "bgr24") else 4)
        self.process = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=self._stderr
        )
        depth = max(2, min(32, QUEUE_BYTES // self.frame_bytes))
        self._queue: queue.Queue[Any] = queue.Queue(maxsize=depth)
        self._error: BaseException | None = None
        self.frames = 0
        # seconds each side waited for the other (bench/export_bench.py --parts): the producer
        # for room in the queue (the encoder behind), the writer for a frame (drawing behind),
        # and the writer in the pipe (copying, or blocked while ffmpeg has not read the last)
        self.waited_for_room = 0.0
        self.waited_for_frames = 0.0
        self.writing = 0.0
        self._thread = threading.Thread(target=self._pump, name="ffmpeg-writer", daemon=True)
        self._thread.start()

    def _pump(self) -> None:
        stdin = self.process.stdin
        assert stdin is not None
        while True:
            began = time.perf_counter()
            item = self._queue.get()
            self.waited_for_frames += time.perf_counter() - began
            if item is _STOP:
                return
            if self._error is not None:
                continue  # drain so the producer never blocks on a dead pipe
            buffer, _owner = item
            began = time.perf_counter()
            try:
                stdin.write(buffer)
            except (BrokenPipeError, OSError) as exc:
                self._error = exc
            self.writing += time.perf_counter() - began

    def write(self, buffer: Any, owner: Any = None) -> None:
        """Queue one frame; `owner` (e.g. the QImage behind a memoryview) is kept alive until written."""
        if self._error is not None:
            self._fail()
        if len(buffer) != self.frame_bytes:
            raise ExportError(f"frame has {len(buffer)} bytes, expected {self.frame_bytes}")
        began = time.perf_counter()
        self._queue.put((buffer, owner))
        self.waited_for_room += time.perf_counter() - began
        self.frames += 1

    def close(self) -> None:
        """Finish the file; raise ExportError with ffmpeg's message if it failed."""
        self._queue.put(_STOP)
        self._thread.join()
        assert self.process.stdin is not None
        with contextlib.suppress(BrokenPipeError, OSError):
            self.process.stdin.close()
        code = self.process.wait()
        if code != 0 or self._error is not None:
            self._fail()
        self._stderr.close()

    def abort(self) -> None:
        """Stop ffmpeg now (cancel or error); the caller deletes the partial file."""
        with contextlib.suppress(OSError):
            self.process.kill()
        self._error = self._error or ExportError("aborted")
        with contextlib.suppress(queue.Full):  # the pump drains fast once the pipe is broken
            self._queue.put(_STOP, timeout=5)
        self._thread.join(timeout=5)
        with contextlib.suppress(OSError):
            self.process.wait(timeout=5)
        with contextlib.suppress(BrokenPipeError, OSError):
            assert self.process.stdin is not None
            self.process.stdin.close()
        self._stderr.close()

    def _fail(self) -> None:
        with contextlib.suppress(OSError):
            self.process.wait(timeout=10)
        self._stderr.seek(0)
        message = self._stderr.read().decode("utf-8", "replace").strip().splitlines()
        detail = message[-1] if message else repr(self._error)
        raise ExportError(f"ffmpeg failed: {detail}")
