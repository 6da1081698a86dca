"""`aleppo-desktop export …`: outputs, one-line errors with exit code 1, headless operation."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from aleppo_desktop.cli import main
from tests.conftest import run_python

from .conftest import require_tool, run_tool


def run_main(args: list[str]) -> int:
    """The CLI's exit code, whether it returns it or argparse exits with it."""
    try:
        return main(args)
    except SystemExit as exc:
        return int(exc.code or 0)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["video", "--size", "721p"], "--size"),
        (["video", "--size", "641x360"], "even"),
        (["video", "--fps", "fast"], "--fps"),
        (["video", "--speed", "500"], "speed"),
        (["video", "--from", "2016-08-01"], "outside the period"),
        (["video", "--from", "2016-07-10", "--to", "2016-07-05"], "after --from"),
        (["video", "--hold-at", "sometimes"], "--hold-at"),
        (["video", "--preset", "placebo"], "--preset"),
        (["png", "--at", "yesterday"], "--at"),
        (["pdf", "--events", "e1,nope"], "unknown event"),
        (["pdf", "--pages", "all"], "--pages"),
        (["kml", "--palette", "pink"], "--palette"),
        (["csv", "--table", "claims"], "--table"),
        (["mov"], "invalid choice"),
    ],
)
def test_bad_options_are_one_line_and_exit_1(
    grid_scenario_path: Path, tmp_path: Path, capsys, args: list[str], message: str
) -> None:
    fmt, rest = args[0], args[1:]
    out = tmp_path / "out.bin"
    code = run_main(["export", fmt, str(grid_scenario_path), "-o", str(out), "-q", *rest])
    err = capsys.readouterr().err.strip()
    assert code == 1
    assert len(err.splitlines()) == 1 and message in err, err
    assert err.startswith("aleppo-desktop export")
    assert not out.exists() and list(tmp_path.iterdir()) == []


def test_missing_output_folder_is_one_line(
    grid_scenario_path: Path, tmp_path: Path, capsys
) -> None:
    code = main(["export", "gpkg", str(grid_scenario_path), "-o", str(tmp_path / "no" / "a.gpkg")])
    err = capsys.readouterr().err.strip()
    assert code == 1 and "does not exist" in err and len(err.splitlines()) == 1


def test_usage_errors_exit_1(capsys) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["export", "video"])  # no -o
    assert exc.value.code == 1
    assert "-o/--output" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("fmt", "extra", "layer_count"),
    [("gpkg", [], 3), ("geojson", [], 1), ("kml", ["--palette", "cb"], 2), ("kmz", [], 2)],
)
def test_gis_formats_from_the_cli(
    grid_scenario_path: Path, tmp_path: Path, capsys, fmt: str, extra: list[str], layer_count: int
) -> None:
    out = tmp_path / f"zones.{fmt}"
    assert main(["export", fmt, str(grid_scenario_path), "-o", str(out), *extra]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith(f"wrote {out}")
    assert f"{fmt} zones.{fmt}: 100%" in captured.err  # the progress (plain lines off a terminal)
    source = f"/vsizip/{out}/doc.kml" if fmt == "kmz" else str(out)
    listing = run_tool(require_tool("ogrinfo"), "-ro", "-q", source)
    assert (
        len([line for line in listing.splitlines() if line.strip()[:2].rstrip(":").isdigit()])
        == layer_count
    )


def test_headless_video_without_a_display(grid_scenario_path: Path, tmp_path: Path) -> None:
    """A fresh process with no DISPLAY and no QT_QPA_PLATFORM: the CLI goes offscreen by itself."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    out = tmp_path / "short.mp4"
    result = run_python(
        "-m", "aleppo_desktop", "export", "video", str(grid_scenario_path),
        "-o", str(out), "--size", "320x180", "--fps", "5", "--speed", "4",
        "--from", "2016-07-04", "--to", "2016-07-08", "--hold", "1",
        env=env,
    )  # fmt: skip
    assert "video short.mp4: 100%" in result.stderr
    assert "6 frames" not in result.stdout and "frames" in result.stdout
    frames = run_tool(
        require_tool("ffprobe"), "-v", "error", "-count_frames", "-select_streams", "v:0",
        "-show_entries", "stream=nb_read_frames,codec_name", "-of", "csv=p=0", out,
    )  # fmt: skip
    assert frames.strip() == "h264,11"  # 4 days at 4 days/s and 5 fps: 6 frames, + 5 held on 07-05


def test_progress_bar_on_a_terminal() -> None:
    import io

    from aleppo_desktop.cli.export import ProgressBar

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    stream = Terminal()
    bar = ProgressBar("video out.mp4", stream)
    for fraction in (0.0, 0.5, 1.0):
        assert bar(fraction) is True
    text = stream.getvalue()
    assert text.startswith("\rvideo out.mp4 [")
    assert "100%" in text and text.endswith("\n") and text.count("\n") == 1


@pytest.mark.parametrize(
    ("flag", "expected"), [([], False), (["--what-changed"], True), (["--no-what-changed"], False)]
)
@pytest.mark.parametrize("fmt", ["video", "gif"])
def test_what_changed_flag_reaches_the_writer(
    grid_scenario_path: Path,
    tmp_path: Path,
    monkeypatch,
    qt_fonts,
    fmt: str,
    flag: list[str],
    expected: bool,
) -> None:
    """`--what-changed/--no-what-changed`: the dialog's "What changed" box, off by default."""
    from aleppo_desktop.export import video

    seen = []

    def record(scenario, out, options, progress, renderer) -> None:  # type: ignore[no-untyped-def]
        seen.append(options)
        out.write_bytes(b"x")

    monkeypatch.setattr(video, "write_gif" if fmt == "gif" else "write_video", record)
    out = tmp_path / f"out.{fmt}"
    assert run_main(["export", fmt, str(grid_scenario_path), "-o", str(out), "-q", *flag]) == 0
    assert [options.what_changed for options in seen] == [expected]
    assert options_schedule_has_changes(seen[0], grid_scenario_path) is expected


def options_schedule_has_changes(options, path: Path) -> bool:  # type: ignore[no-untyped-def]
    from aleppo_desktop.core.loading import load_scenario

    return bool(options.schedule(load_scenario(path)).changes)


def test_a_gif_with_what_changed_outlines_the_ground_gained(
    grid_scenario_path: Path, tmp_path: Path, qt_fonts
) -> None:
    """The flag changes the pictures: the frames after 5 July's change carry the outline."""
    from PySide6.QtGui import QImageReader

    frames: dict[str, list] = {}
    for flag in ("--what-changed", "--no-what-changed"):
        out = tmp_path / f"{flag}.gif"
        code = run_main(
            ["export", "gif", str(grid_scenario_path), "-o", str(out), "-q", flag,
             "--size", "320x180", "--fps", "4", "--speed", "2",
             "--from", "2016-07-04", "--to", "2016-07-06", "--hold", "1"]
        )  # fmt: skip
        assert code == 0
        reader = QImageReader(str(out))
        frames[flag] = []
        for _ in range(reader.imageCount()):
            frames[flag].append(reader.read())
            reader.jumpToNextImage()
    assert len(frames["--what-changed"]) == len(frames["--no-what-changed"]) > 4
    differ = [a != b for a, b in zip(*frames.values(), strict=True)]
    assert any(differ)
