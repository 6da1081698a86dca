"""Video, GIF and PNG exports checked with ffprobe/ffmpeg, and a video frame against the screen."""

from __future__ import annotations

import itertools
import json
import subprocess
from pathlib import Path

import numpy as np
import pytest

from aleppo_desktop.core.scenario import Scenario
from aleppo_desktop.export.atomic import ExportCancelled, ExportError
from aleppo_desktop.export.schedule import Schedule
from aleppo_desktop.export.video import VideoOptions, write_gif, write_png, write_video
from tests.conftest import jul, shown_map_view

from .conftest import require_tool, run_tool

pytestmark = pytest.mark.usefixtures("qt_fonts")


def probe(path: Path) -> dict:
    text = run_tool(
        require_tool("ffprobe"),
        "-v", "error", "-select_streams", "v:0", "-count_frames",
        "-show_entries", "stream=codec_name,width,height,nb_read_frames,pix_fmt,profile,avg_frame_rate",
        "-show_entries", "format=duration",
        "-of", "json", path,
    )  # fmt: skip
    data = json.loads(text)
    return {**data["streams"][0], "duration": float(data["format"].get("duration", 0))}


def decode_frame(path: Path, index: int, width: int, height: int) -> np.ndarray:
    """Frame `index` as RGB, decoded by the system ffmpeg (not the bundled encoder)."""
    result = subprocess.run(
        [
            require_tool("ffmpeg"), "-v", "error", "-i", str(path),
            "-vf", f"select=eq(n\\,{index})", "-frames:v", "1",
            "-f", "rawvideo", "-pix_fmt", "rgb24", "-",
        ],
        capture_output=True, check=True, timeout=60,
    )  # fmt: skip
    return np.frombuffer(result.stdout, np.uint8).reshape(height, width, 3)


def qimage_rgb(image) -> np.ndarray:
    from PySide6.QtGui import QImage

    image = image.convertToFormat(QImage.Format.Format_RGB888)
    w, h, stride = image.width(), image.height(), image.bytesPerLine()
    rows = np.frombuffer(image.constBits(), np.uint8).reshape(h, stride)
    return rows[:, : w * 3].reshape(h, w, 3).copy()  # copy: the converted image dies here


def test_mp4_is_h264_with_the_scheduled_frames(grid: Scenario, tmp_path: Path) -> None:
    options = VideoOptions(size=(640, 360), fps=10, speed=4.0, hold_seconds=0.5)
    out = write_video(grid, tmp_path / "grid.mp4", options)
    info = probe(out)
    frames = len(options.schedule(grid))
    assert frames == 49 + 3 * 5  # 19 days at 4 days/s, 10 fps: 48 steps; 0.5 s at 3 events
    assert info["codec_name"] == "h264" and info["pix_fmt"] == "yuv420p"
    assert (info["width"], info["height"]) == (640, 360)
    assert int(info["nb_read_frames"]) == frames
    assert info["avg_frame_rate"] == "10/1"
    assert info["duration"] == pytest.approx(frames / 10, abs=0.11)


def test_video_frame_matches_the_on_screen_map(grid: Scenario, tmp_path: Path, qtbot) -> None:
    from aleppo_desktop.export.render import ExportRenderer

    t = jul(5) + 0.5  # the day cell 02 fell; the caption shows that event
    view = shown_map_view(qtbot, 1280, 720, grid)
    renderer = ExportRenderer.like(view.map_scene, view.visible_scene_rect())
    view.show_time(t, renderer.overlays(t, 0, 720))
    qtbot.wait(50)
    pixmap = view.grab()  # keep the pixmap alive while its image is read
    screen = qimage_rgb(pixmap.toImage())
    assert screen.shape == (720, 1280, 3)

    options = VideoOptions(size=(1280, 720), fps=4, speed=1.0, start=jul(4), end=jul(6))
    schedule = options.schedule(grid)
    index = schedule.times.index(t)
    assert schedule.events[index] == 0
    out = write_video(grid, tmp_path / "match.mp4", options, renderer=renderer)
    frame = decode_frame(out, index, 1280, 720)
    diff = np.abs(frame.astype(int) - screen.astype(int))
    # H.264 at crf 20 and 4:2:0 chroma blur edges a little; the picture itself must be the same.
    assert diff.mean() < 2.5, diff.mean()
    assert (diff.max(axis=2) > 64).mean() < 0.01
    # The test can tell instants apart: the frame before cell 02 fell differs clearly.
    before = decode_frame(out, 0, 1280, 720)
    assert (np.abs(before.astype(int) - screen.astype(int)).max(axis=2) > 64).mean() > 0.03


def test_gif_has_the_frames(grid: Scenario, tmp_path: Path) -> None:
    options = VideoOptions(size=(320, 180), fps=5, speed=4.0)
    out = write_gif(grid, tmp_path / "grid.gif", options)
    info = probe(out)
    assert info["codec_name"] == "gif"
    assert (info["width"], info["height"]) == (320, 180)
    assert int(info["nb_read_frames"]) == len(options.schedule(grid))


def test_png_still_shows_the_holder_at_a_known_point(grid: Scenario, tmp_path: Path) -> None:
    from PySide6.QtCore import QRectF

    from aleppo_desktop.export.render import ExportRenderer

    # A view of exactly cell 03 (scene y is minus northing): the picture is that cell's holder.
    cell = grid.areas[grid.area_index["a-03"]].geometry
    x0, y0, x1, y1 = cell.bounds
    inner = QRectF(x0 + 200, -(y1 - 200), (x1 - x0) - 400, (y1 - y0) - 400)
    renderer = ExportRenderer(grid, view_rect=inner, labels=False)
    out = write_png(
        grid, tmp_path / "still.png", jul(20), (1200, 900), renderer=renderer, caption=False
    )
    info = probe(out)
    assert info["codec_name"] == "png" and (info["width"], info["height"]) == (1200, 900)
    result = subprocess.run(
        [require_tool("ffmpeg"), "-v", "error", "-i", str(out), "-f", "rawvideo", "-pix_fmt", "rgb24", "-"],
        capture_output=True, check=True,
    )  # fmt: skip
    pixels = np.frombuffer(result.stdout, np.uint8).reshape(900, 1200, 3)
    # a-03 went to the regime as contested on 07-15: the pale regime ground of a pattern fill.
    r, g, b = (int(v) for v in pixels[450, 600])
    assert r > g + 40 and r > b + 40, (r, g, b)


def test_cancelled_video_leaves_no_file_and_no_ffmpeg(grid: Scenario, tmp_path: Path) -> None:
    options = VideoOptions(size=(320, 180), fps=10, speed=2.0)
    with pytest.raises(ExportCancelled):
        write_video(grid, tmp_path / "cancel.mp4", options, progress=lambda f: f < 0.5)
    assert list(tmp_path.iterdir()) == []


def test_bad_video_options_are_export_errors(grid: Scenario, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="even"):
        write_video(grid, tmp_path / "odd.mp4", VideoOptions(size=(641, 360)))
    with pytest.raises(ExportError, match="speed"):
        write_video(grid, tmp_path / "fast.mp4", VideoOptions(size=(640, 360), speed=1000))
    assert list(tmp_path.iterdir()) == []


def test_an_encoder_failure_is_one_error_and_leaves_no_file(
    grid: Scenario, tmp_path: Path, monkeypatch
) -> None:
    from aleppo_desktop.export import video

    monkeypatch.setattr(
        video, "video_args", lambda path, *a: ["-c:v", "no-such-codec", "-f", "mp4", str(path)]
    )
    options = VideoOptions(size=(320, 180), fps=10, speed=4.0)
    with pytest.raises(ExportError, match="ffmpeg failed"):
        write_video(grid, tmp_path / "broken.mp4", options)
    assert list(tmp_path.iterdir()) == []


class DayColourRenderer:
    """A stand-in for `ExportRenderer` (no map): each day a flat red of its own, renders counted.
    It tests the frame loop alone: frame reuse, the frames ffmpeg gets and their order."""

    def __init__(self) -> None:
        self.rendered: list[float] = []

    def frame_key(self, t: float, event_index: int | None) -> tuple[int, int | None]:
        return (int(t), event_index)

    def render(self, t: float, size, event_index: int | None = None, type_scale=None, changes=()):  # type: ignore[no-untyped-def]
        from PySide6.QtGui import QColor, QImage

        self.rendered.append(t)
        image = QImage(size, QImage.Format.Format_ARGB32)
        image.fill(QColor(40 * (int(t) - int(jul(1))), 0, 0))
        return image


def key_runs(schedule: Schedule) -> int:
    """Runs of consecutive frames with equal `DayColourRenderer` keys: the renders needed."""
    keys = [(int(t), e) for t, e in zip(schedule.times, schedule.events, strict=True)]
    return 1 + sum(a != b for a, b in itertools.pairwise(keys))


def test_the_frame_loop_renders_once_per_key_and_sends_every_frame(
    grid: Scenario, tmp_path: Path
) -> None:
    options = VideoOptions(
        size=(64, 32), fps=4, speed=1.0, start=jul(1), end=jul(5), hold_seconds=1.0
    )
    schedule = options.schedule(grid)
    runs = key_runs(schedule)
    renderer = DayColourRenderer()
    out = write_video(grid, tmp_path / "days.mp4", options, renderer=renderer)  # type: ignore[arg-type]
    assert len(renderer.rendered) == runs < len(schedule)  # the hold on 07-05 is rendered once
    assert int(probe(out)["nb_read_frames"]) == len(schedule)
    last = decode_frame(out, len(schedule) - 1, 64, 32)
    assert abs(int(last[16, 32, 0]) - 160) <= 8  # 07-05: the fifth day's red, in order


def test_the_gif_palette_pass_samples_the_animation(grid: Scenario, tmp_path: Path) -> None:
    options = VideoOptions(size=(64, 32), fps=4, speed=1.0, start=jul(1), end=jul(5))
    renderer = DayColourRenderer()
    out = write_gif(grid, tmp_path / "days.gif", options, renderer=renderer)  # type: ignore[arg-type]
    schedule = options.schedule(grid)
    assert int(probe(out)["nb_read_frames"]) == len(schedule) == 17
    runs = key_runs(schedule)
    # 17 frames are fewer than PALETTE_SAMPLES: the palette pass sees them all, like the second.
    assert renderer.rendered == 2 * renderer.rendered[:runs] and runs >= 5


def export_threads() -> list[str]:
    import threading

    names = ("export-frames", "export-sweeps", "ffmpeg-writer")
    return [t.name for t in threading.enumerate() if t.name in names]


def test_frames_are_drawn_off_the_calling_thread_which_reports_progress(
    grid: Scenario, tmp_path: Path
) -> None:
    import threading

    drawn_on: set[str] = set()
    reported_on: set[str] = set()

    class ThreadNoting(DayColourRenderer):
        def render(self, *args, **kwargs):  # type: ignore[no-untyped-def]
            drawn_on.add(threading.current_thread().name)
            return super().render(*args, **kwargs)

    def progress(fraction: float) -> bool:
        reported_on.add(threading.current_thread().name)
        return True

    options = VideoOptions(size=(64, 32), fps=4, speed=1.0, start=jul(1), end=jul(5))
    renderer = ThreadNoting()
    write_video(grid, tmp_path / "days.mp4", options, progress, renderer)  # type: ignore[arg-type]
    assert drawn_on == {"export-frames"}
    assert reported_on == {threading.current_thread().name}
    assert export_threads() == []


def test_a_drawing_failure_is_raised_by_the_export_and_leaves_no_file(
    grid: Scenario, tmp_path: Path
) -> None:
    class FailsOnTheThirdDay(DayColourRenderer):
        def render(self, t, *args, **kwargs):  # type: ignore[no-untyped-def]
            if int(t) == int(jul(3)):
                raise RuntimeError("no map for day 3")
            return super().render(t, *args, **kwargs)

    options = VideoOptions(size=(64, 32), fps=4, speed=1.0, start=jul(1), end=jul(5))
    renderer = FailsOnTheThirdDay()
    with pytest.raises(RuntimeError, match="no map for day 3"):
        write_video(grid, tmp_path / "days.mp4", options, renderer=renderer)  # type: ignore[arg-type]
    assert list(tmp_path.iterdir()) == []
    assert {int(t) for t in renderer.rendered} == {int(jul(1)), int(jul(2))}
    assert export_threads() == []


def test_a_cancel_while_a_frame_is_drawn_stops_the_drawing(grid: Scenario, tmp_path: Path) -> None:
    import threading

    cancelled = threading.Event()

    class WaitsOnTheThirdDay(DayColourRenderer):
        def render(self, t, *args, **kwargs):  # type: ignore[no-untyped-def]
            if int(t) == int(jul(3)):
                assert cancelled.wait(30)  # drawn until the user cancels
            return super().render(t, *args, **kwargs)

    def progress(fraction: float) -> bool:
        if fraction >= 0.25:  # the first days are queued: the user cancels
            cancelled.set()
            return False
        return True

    options = VideoOptions(size=(64, 32), fps=4, speed=1.0, start=jul(1), end=jul(5))
    renderer = WaitsOnTheThirdDay()
    with pytest.raises(ExportCancelled):
        write_video(grid, tmp_path / "days.mp4", options, progress, renderer)  # type: ignore[arg-type]
    assert list(tmp_path.iterdir()) == []
    assert max(int(t) for t in renderer.rendered) <= int(jul(3))  # nothing drawn after the cancel
    assert export_threads() == []
