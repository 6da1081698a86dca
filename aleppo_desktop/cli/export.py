"""`aleppo-desktop export FORMAT [PATH] -o OUT [options]`: every export, headless (offscreen Qt).

Bad options are one line on stderr and exit code 1; a progress bar goes to stderr (plain percentage
lines when stderr is not a terminal), the written file's name to stdout.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from aleppo_desktop.cli.common import (
    CliError,
    add_basemap_option,
    add_path_argument,
    basemap_skipped,
    choice_option,
    day_option,
    load_scenario_argument,
    open_basemaps,
)
from aleppo_desktop.core.language import digits
from aleppo_desktop.translations import QT_TRANSLATE_NOOP, translate

if TYPE_CHECKING:
    from aleppo_desktop.core.scenario import Scenario
    from aleppo_desktop.export.atomic import Progress
    from aleppo_desktop.export.render import ExportRenderer
    from aleppo_desktop.export.video import VideoOptions

FORMATS = ("video", "gif", "png", "pdf", "gpkg", "geojson", "kml", "kmz", "csv")
SUFFIXES = {
    "video": ".mp4",
    "gif": ".gif",
    "png": ".png",
    "pdf": ".pdf",
    "gpkg": ".gpkg",
    "geojson": ".geojson",
    "kml": ".kml",
    "kmz": ".kmz",
    "csv": ".csv",
}
QT_FORMATS = ("video", "gif", "png", "pdf")
KML_PALETTES = {"standard": "default", "cb": "cb"}
"""`--palette` (the renderer's names) -> the KML writer's palette."""
CSV_TABLES = ("events", "series")
BASEMAP_HELPS = {
    "gpkg": QT_TRANSLATE_NOOP(
        "cli",
        "a basemap to package over the map's extent: vector files and OSM extracts as feature "
        "tables (EPSG:4326), tiles as they are, GeoTIFFs as the map shows them (tile pyramids); "
        "repeat for more",
    ),
    "kml": QT_TRANSLATE_NOOP(
        "cli",
        "a basemap added under the zones as a picture (GroundOverlay), written beside the KML; "
        "repeat for more",
    ),
    "kmz": QT_TRANSLATE_NOOP(
        "cli",
        "a basemap added under the zones as a picture (GroundOverlay) inside the KMZ; repeat "
        "for more",
    ),
}
"""What --basemap does in each GIS format (the picture formats draw it under the zones)."""
BASEMAP_FORMATS = (*QT_FORMATS, *BASEMAP_HELPS)


class _OneLineParser(argparse.ArgumentParser):
    """Errors as one line and exit code 1, like every other user error of the CLI."""

    def error(self, message: str) -> NoReturn:
        print(f"{self.prog}: {message}", file=sys.stderr)
        raise SystemExit(1)


class ProgressBar:
    """`[#########.......]  56%  0:12 left` on a terminal; a line per 10% otherwise."""

    WIDTH = 30

    def __init__(self, label: str, stream: Any = None, enabled: bool = True):
        self.label = label
        self.stream = stream or sys.stderr
        self.enabled = enabled
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self.started = time.monotonic()
        self._last_drawn = -1.0
        self._last_decile = -1

    def __call__(self, fraction: float) -> bool:
        if not self.enabled:
            return True
        now = time.monotonic()
        if self.tty:
            if fraction < 1.0 and now - self._last_drawn < 0.1:
                return True
            self._last_drawn = now
            filled = round(self.WIDTH * fraction)
            elapsed = now - self.started
            left = elapsed / fraction - elapsed if fraction > 0.01 else 0.0
            eta = f"{int(left) // 60}:{int(left) % 60:02d} left" if fraction < 1 else "done     "
            bar = "#" * filled + "." * (self.WIDTH - filled)
            self.stream.write(f"\r{self.label} [{bar}] {fraction:4.0%}  {eta}")
            if fraction >= 1.0:
                self.stream.write("\n")
            self.stream.flush()
        else:
            decile = int(fraction * 10 + 1e-9)
            if decile > self._last_decile:
                self._last_decile = decile
                self.stream.write(f"{self.label}: {decile * 10}%\n")
                self.stream.flush()
        return True

    def finish(self) -> None:
        if self.enabled and self.tty and self._last_drawn >= 0:
            self.stream.write("\n")
            self.stream.flush()


def add_export_parser(sub: Any) -> None:
    """Register `export` and its formats on the main parser's subcommands."""
    export = sub.add_parser(
        "export",
        help=translate("cli", "write a video, still, PDF handout or GIS file (headless)"),
        description=translate(
            "cli", "Export the scenario. Every format takes the scenario PATH (default: bundled)."
        ),
    )
    export.error = _OneLineParser.error.__get__(export)
    formats = export.add_subparsers(dest="format", metavar="FORMAT", parser_class=_OneLineParser)
    formats.required = True
    helps = {
        "video": QT_TRANSLATE_NOOP("cli", "H.264 MP4 animation (PowerPoint, VLC)"),
        "gif": QT_TRANSLATE_NOOP("cli", "animated GIF"),
        "png": QT_TRANSLATE_NOOP("cli", "still image of one instant"),
        "pdf": QT_TRANSLATE_NOOP(
            "cli", "briefing handout: title page, then a page per chapter or event"
        ),
        "gpkg": QT_TRANSLATE_NOOP(
            "cli", "GeoPackage: control zones (start/end) and events, EPSG:4326"
        ),
        "geojson": QT_TRANSLATE_NOOP("cli", "control zones over the period with start/end"),
        "kml": QT_TRANSLATE_NOOP("cli", "Google Earth: zones with TimeSpan, events with TimeStamp"),
        "kmz": QT_TRANSLATE_NOOP("cli", "zipped KML"),
        "csv": QT_TRANSLATE_NOOP("cli", "events table or the daily km² series"),
    }
    for name in FORMATS:
        described = translate("cli", helps[name])
        p = formats.add_parser(name, help=described, description=described)
        add_path_argument(p)
        p.add_argument(
            "-o", "--output", required=True, metavar="OUT", help=translate("cli", "file to write")
        )
        p.add_argument(
            "-q", "--quiet", action="store_true", help=translate("cli", "no progress bar")
        )
        if name in ("video", "gif"):
            default_size, default_fps = ("1080p", 30.0) if name == "video" else ("960x540", 10.0)
            p.add_argument(
                "--size", default=default_size, help=translate("cli", "720p, 1080p, 2160p or WxH")
            )
            p.add_argument(
                "--fps", type=float, default=default_fps, help=translate("cli", "frames per second")
            )
            p.add_argument(
                "--speed",
                type=float,
                default=2.0,
                help=translate("cli", "days per second of video"),
            )
            p.add_argument(
                "--from", dest="start", metavar="YYYY-MM-DD", help=translate("cli", "first day")
            )
            p.add_argument(
                "--to", dest="end", metavar="YYYY-MM-DD", help=translate("cli", "last day")
            )
            p.add_argument(
                "--hold", type=float, default=0.0, metavar="SECONDS", help=translate("cli", "pause")
            )
            p.add_argument(
                "--hold-at", default="events", help=translate("cli", "events, chapters or none")
            )
            p.add_argument(
                "--what-changed",
                action=argparse.BooleanOptionalAction,
                default=False,
                help=translate(
                    "cli",
                    "outline the ground gained, fading on each hold and as a trail while time "
                    "runs (the window's View > Outline what changed; off by default)",
                ),
            )
        if name == "video":
            p.add_argument(
                "--crf",
                type=int,
                default=None,
                help=translate("cli", "quality, 0-51 (lower is better)"),
            )
            p.add_argument(
                "--preset", default=None, help=translate("cli", "x264 preset (ultrafast..medium)")
            )
        if name == "png":
            p.add_argument(
                "--size", default="1080p", help=translate("cli", "720p, 1080p, 2160p or WxH")
            )
            p.add_argument(
                "--at",
                metavar="YYYY-MM-DD",
                help=translate("cli", "the day (default: the period end)"),
            )
            p.add_argument(
                "--no-caption", action="store_true", help=translate("cli", "no event caption")
            )
        if name == "pdf":
            p.add_argument(
                "--pages",
                default="chapters",
                help=translate("cli", "chapters, events or major (events)"),
            )
            p.add_argument(
                "--events",
                metavar="ID,ID",
                help=translate("cli", "exactly these events, in date order"),
            )
            p.add_argument(
                "--page-size", default="a4", help=translate("cli", "a4 or letter (landscape)")
            )
        if name in QT_FORMATS or name in ("kml", "kmz"):
            p.add_argument(
                "--palette",
                default="standard",
                help=translate("cli", "standard or cb (colour-blind)"),
            )
        if name in QT_FORMATS:
            add_basemap_option(p)
        elif name in BASEMAP_HELPS:
            add_basemap_option(p, translate("cli", BASEMAP_HELPS[name]))
        else:  # accepted, to be refused with a message saying which formats take it
            add_basemap_option(p, argparse.SUPPRESS)
        if name in QT_FORMATS:
            p.add_argument(
                "--theme", default="standard", help=translate("cli", "standard or high_contrast")
            )
            p.add_argument(
                "--legend",
                default="auto",
                help=translate(
                    "cli",
                    "auto (the corner covering least of the chapter's changing ground), "
                    "bottom-left, bottom-right, top-left, top-right, or none",
                ),
            )
            p.add_argument(
                "--no-inset",
                action="store_true",
                help=translate("cli", "no inset locating a zoomed-in view"),
            )
        if name == "csv":
            p.add_argument(
                "--table",
                default="events",
                help=translate(
                    "cli", "events or series (daily km² and front, whole map then per region)"
                ),
            )
        p.set_defaults(run=run_export)


def _output(args: argparse.Namespace) -> Path:
    out = Path(args.output)
    if out.is_dir():
        folder = translate("cli", "-o: {out} is a folder; give a file name such as {example}")
        raise CliError(folder.format(out=out, example=f"{out / 'map'}{SUFFIXES[args.format]}"))
    if not out.parent.exists() and str(out.parent):
        raise CliError(
            translate("cli", "-o: folder {folder} does not exist").format(folder=out.parent)
        )
    return out


def run_export(args: argparse.Namespace) -> int:
    """Validate the options, then run the writer with a progress bar; all user errors -> CliError."""
    from aleppo_desktop.export.atomic import ExportCancelled, ExportError

    drawn = args.format in QT_FORMATS or args.basemap
    if drawn and "PySide6.QtGui" not in sys.modules:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # never needs a display
    out = _output(args)
    scenario = load_scenario_argument(args.path)
    try:
        job = export_job(args, scenario)
    except (ValueError, ExportError) as exc:
        raise CliError(str(exc)) from None
    bar = ProgressBar(f"{args.format} {out.name}", enabled=not args.quiet)
    try:
        summary = job(out, bar)
    except (ValueError, ExportError) as exc:
        bar.finish()
        raise CliError(str(exc)) from None
    except (KeyboardInterrupt, ExportCancelled):
        bar.finish()
        raise CliError(translate("cli", "interrupted; nothing was written")) from None
    size = out.stat().st_size
    wrote = translate("cli", "wrote {path} ({size} KiB{summary})").format(
        path=out, size=digits(f"{size / 1024:,.0f}"), summary=", " + summary if summary else ""
    )
    print(wrote)
    return 0


Job = Callable[[Path, "Progress"], str]
"""`job(out, progress) -> summary`: one export with every option already checked."""


def export_job(args: argparse.Namespace, scenario: Scenario) -> Job:
    """Parse the format's options into the writer's typed options now, before any work."""
    from aleppo_desktop.export import gis

    fmt = args.format
    if args.basemap and fmt not in BASEMAP_FORMATS:
        no_map = translate(
            "cli", "--basemap: a {format} file holds no map; basemaps go into {formats}"
        )
        raise CliError(no_map.format(format=fmt, formats=", ".join(BASEMAP_FORMATS)))
    if fmt == "geojson":
        return lambda out, progress: _no_summary(gis.write_geojson(scenario, out, progress))
    if fmt == "gpkg":
        return _gpkg_job(args, scenario)
    if fmt in ("kml", "kmz"):
        kml_palette = KML_PALETTES[choice_option("--palette", args.palette, tuple(KML_PALETTES))]
        write_kml = gis.write_kml if fmt == "kml" else gis.write_kmz

        def write_kml_job(out: Path, progress: Progress) -> str:
            overlays = _ground_overlays(args.basemap, scenario)
            write_kml(scenario, out, progress, palette=kml_palette, overlays=overlays)
            return _basemaps_summary(len(overlays))

        return write_kml_job
    if fmt == "csv":
        table = choice_option("--table", args.table, CSV_TABLES)
        from aleppo_desktop.export.series import write_series_csv

        write_table = gis.write_events_csv if table == "events" else write_series_csv
        return lambda out, progress: _no_summary(write_table(scenario, out, progress))
    style = _style(args)
    if fmt in ("video", "gif"):
        return _animation_job(args, scenario, style)
    if fmt == "png":
        return _still_job(args, scenario, style)
    return _handout_job(args, scenario, style)


def _no_summary(_written: Path) -> str:
    return ""


def _warn(message: str) -> None:
    print(message, file=sys.stderr)


def _warn_skipped(message: str) -> None:
    _warn(basemap_skipped(message))


def _basemaps_summary(count: int) -> str:
    if not count:
        return ""
    return translate("cli", "basemaps: {count}").format(count=digits(str(count)))


def _gpkg_job(args: argparse.Namespace, scenario: Scenario) -> Job:
    from aleppo_desktop.export import gis

    if not args.basemap:
        return lambda out, progress: _no_summary(gis.write_gpkg(scenario, out, progress))

    def write_gpkg(out: Path, progress: Progress) -> str:
        import sqlite3

        from aleppo_desktop.export.basemap_package import package_basemaps

        tables: list[str] = []

        def basemaps(db: sqlite3.Connection, part: Progress) -> None:
            tables.extend(package_basemaps(db, scenario, args.basemap, _warn_skipped, part))

        gis.write_gpkg(scenario, out, progress, basemaps)
        if not tables:
            return ""
        return translate("cli", "basemap tables: {tables}").format(tables=", ".join(tables))

    return write_gpkg


def _ground_overlays(paths: list[str], scenario: Scenario) -> list:
    """The --basemap files as KML GroundOverlays (none given: none); bad files skipped, named."""
    layers = open_basemaps(paths, _warn)
    if layers is None:
        return []
    from aleppo_desktop.export.basemap_package import ground_overlays

    try:
        return ground_overlays(scenario, layers, _warn_skipped)
    finally:
        for layer in layers.layers:
            layer.close()


@dataclass(frozen=True)
class Style:
    """How a rendered export looks: the faction palette, the theme, the legend's place ("none":
    no legend) and the inset (`--palette`, `--theme`, `--legend`, `--no-inset`)."""

    palette: str
    theme: str
    legend: str = "auto"
    inset: bool = True
    basemaps: tuple[str, ...] = ()  # --basemap: the user's own, under the zones

    def renderer(self, scenario: Scenario) -> ExportRenderer:
        from aleppo_desktop.export.render import ExportRenderer
        from aleppo_desktop.render.theme import HIGH_CONTRAST, STANDARD

        theme = HIGH_CONTRAST if self.theme == "high_contrast" else STANDARD
        user_layers = open_basemaps(list(self.basemaps), _warn)
        renderer = ExportRenderer(
            scenario, palette=self.palette, theme=theme, user_layers=user_layers
        )
        style = renderer.scene.legend_style
        style.shown = self.legend != "none"
        style.place = self.legend if self.legend != "none" else "auto"
        style.inset = self.inset
        return renderer


def _style(args: argparse.Namespace) -> Style:
    from aleppo_desktop.render.overlays import LEGEND_PLACES

    return Style(
        choice_option("--palette", args.palette, ("standard", "cb")),
        choice_option("--theme", args.theme, ("standard", "high_contrast")),
        choice_option("--legend", getattr(args, "legend", "auto"), (*LEGEND_PLACES, "none")),
        not getattr(args, "no_inset", False),
        tuple(getattr(args, "basemap", ())),
    )


def _size(text: str) -> tuple[int, int]:
    from aleppo_desktop.export.video import parse_size

    try:
        return parse_size(text)
    except ValueError as exc:
        raise CliError(f"--size: {exc}") from None


def video_options(args: argparse.Namespace, scenario: Scenario) -> VideoOptions:
    """`export video|gif` options as `VideoOptions`; user errors as CliError or ValueError."""
    from aleppo_desktop.export.encoder import PRESETS
    from aleppo_desktop.export.schedule import HOLD_AT
    from aleppo_desktop.export.video import VideoOptions

    size = _size(args.size)
    choice_option("--hold-at", args.hold_at, HOLD_AT)
    start = day_option(scenario, "--from", args.start, scenario.start)
    end = day_option(scenario, "--to", args.end, scenario.end)
    if end <= start:
        raise CliError(translate("cli", "--to must be after --from"))
    if size[0] % 2 or size[1] % 2:
        raise CliError(
            translate("cli", "--size: video needs even sizes, not {size}").format(
                size=f"{size[0]}x{size[1]}"
            )
        )
    encoding: dict[str, Any] = {}
    if args.format == "video":
        if args.preset is not None:
            encoding["preset"] = choice_option("--preset", args.preset, PRESETS)
        if args.crf is not None:
            if not 0 <= args.crf <= 51:
                raise CliError(translate("cli", "--crf must be between 0 and 51"))
            encoding["crf"] = args.crf
    return VideoOptions(
        size=size,
        fps=args.fps,
        speed=args.speed,
        start=start,
        end=end,
        hold_seconds=args.hold,
        hold_at=args.hold_at,
        what_changed=args.what_changed,
        **encoding,
    )


def _animation_job(args: argparse.Namespace, scenario: Scenario, style: Style) -> Job:
    options = video_options(args, scenario)
    schedule = options.schedule(scenario)  # ValueError for a bad fps/speed/hold, before Qt
    gif = args.format == "gif"

    def write_animation(out: Path, progress: Progress) -> str:
        from aleppo_desktop.export.video import write_gif, write_video

        write = write_gif if gif else write_video
        write(scenario, out, options, progress, style.renderer(scenario))
        return translate("cli", "{frames} frames, {seconds} s at {fps} fps").format(
            frames=digits(str(len(schedule))),
            seconds=digits(f"{schedule.duration_s:.1f}"),
            fps=digits(f"{options.fps:g}"),
        )

    return write_animation


def _still_job(args: argparse.Namespace, scenario: Scenario, style: Style) -> Job:
    size = _size(args.size)
    t = day_option(scenario, "--at", args.at, scenario.end)

    def write_still(out: Path, progress: Progress) -> str:
        from aleppo_desktop.export.video import write_png

        renderer = style.renderer(scenario)
        write_png(scenario, out, t, size, progress, renderer, caption=not args.no_caption)
        return f"{size[0]}x{size[1]}"

    return write_still


def _handout_job(args: argparse.Namespace, scenario: Scenario, style: Style) -> Job:
    from aleppo_desktop.export.pdf import PAGE_CHOICES, PAGE_SIZES, handout_pages

    choice_option("--pages", args.pages, PAGE_CHOICES)
    page_size = choice_option("--page-size", args.page_size.lower(), PAGE_SIZES)
    event_ids = [e.strip() for e in args.events.split(",") if e.strip()] if args.events else None
    pages = handout_pages(scenario, args.pages, event_ids)  # ValueError for unknown ids

    def write_handout(out: Path, progress: Progress) -> str:
        from aleppo_desktop.export.pdf import write_pdf

        write_pdf(scenario, out, pages, progress, style.renderer(scenario), page_size)
        return translate("cli", "title page(s) and {count} map pages").format(
            count=digits(str(len(pages)))
        )

    return write_handout
