"""`aleppo-desktop`: the GUI by default; headless subcommands on the same core.

aleppo-desktop [PATH]                 open the app (on the bundled scenario without PATH)
aleppo-desktop validate [PATH]        check a scenario, list every problem
aleppo-desktop info [PATH]            period, factions, counts, km² at start and end, per region too
aleppo-desktop state --at DATE        the control map at that instant (GeoJSON or table)
aleppo-desktop claims [PATH]          the brief's claims beside the values computed from the map,
                                      with each claim's scope and the km² behind the value
aleppo-desktop export FORMAT [PATH]   video, GIF, PNG, PDF handout or GIS file (see `cli/export.py`)
aleppo-desktop new --areas FILE --out DIR [--snap]
                                      a new scenario from your own polygons (docs/editing.md)
aleppo-desktop --lang ar|en ...       the language of the GUI, the messages and every export (a global
                                      option, before any subcommand; default: the system locale)

The only place that parses argv: the writers in `export/` and the app in `ui/` take typed values.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aleppo_desktop import __version__
from aleppo_desktop.cli.argparse_words import speak_argparse, version_help
from aleppo_desktop.cli.common import (
    CliError,
    add_basemap_option,
    add_path_argument,
    day_option,
    load_scenario_argument,
)
from aleppo_desktop.cli.export import add_export_parser
from aleppo_desktop.core.errors import ScenarioError, one_line, worded
from aleppo_desktop.core.language import LANGUAGES, digits, pick, system_language
from aleppo_desktop.core.scenario import Scenario
from aleppo_desktop.translations import QT_TRANSLATE_NOOP, translate, use_language

if TYPE_CHECKING:
    import shapely

    from aleppo_desktop.core.metrics import ClaimCheck

SUBCOMMANDS = ("validate", "info", "state", "claims", "export", "new")
CLAIM_HEADINGS = (
    QT_TRANSLATE_NOOP("cli", "claim"),
    QT_TRANSLATE_NOOP("cli", "source"),
    QT_TRANSLATE_NOOP("cli", "scope"),
    QT_TRANSLATE_NOOP("cli", "claimed"),
    QT_TRANSLATE_NOOP("cli", "computed"),
    QT_TRANSLATE_NOOP("cli", "diff"),
    QT_TRANSLATE_NOOP("cli", "holds"),
)


def cmd_validate(args: argparse.Namespace) -> int:
    scenario = load_scenario_argument(args.path, every_layer=True)
    template = translate(
        "cli",
        "{path}: valid ({areas} area units, {rows} control rows, {events} events, {claims} claims)",
    )
    print(
        digits(
            template.format(
                path=scenario.path,
                areas=len(scenario.areas),
                rows=len(scenario.control.changes),
                events=len(scenario.events),
                claims=len(scenario.claims),
            )
        )
    )
    return 0


def cmd_info(args: argparse.Namespace) -> int:
    scenario = load_scenario_argument(args.path)
    meta = scenario.meta
    chapters = [e.chapter for e in scenario.events if e.chapter]
    title, subtitle = pick(meta.title, meta.title_ar), pick(meta.subtitle, meta.subtitle_ar)
    print(title + (f" — {subtitle}" if subtitle else ""))
    period = translate("cli", "period      {start} .. {end} ({zone})")
    print(period.format(start=meta.period.start, end=meta.period.end, zone=meta.time_zone))
    counts = translate(
        "cli",
        "counts      {areas} area units, {rows} control rows, {events} events ({chapters} "
        "chapters), {strength} strength estimates, {claims} claims",
    )
    print(
        digits(
            counts.format(
                areas=len(scenario.areas),
                rows=len(scenario.control.changes),
                events=len(scenario.events),
                chapters=len(chapters),
                strength=len(scenario.strength),
                claims=len(scenario.claims),
            )
        )
    )
    sources = translate("cli", "sources     {ids}")
    print(sources.format(ids=", ".join(s.id for s in meta.sources)))
    start, end = scenario.frame_at(scenario.start), scenario.frame_at(scenario.end)
    faction_h, name_h = translate("cli", "faction"), translate("cli", "name")
    start_h, end_h = translate("cli", "km² start"), translate("cli", "km² end")
    print(f"{faction_h:<10} {name_h:<40} {start_h:>10} {end_h:>10}")
    for i, faction in enumerate(scenario.factions):
        name = pick(faction.name_en, faction.name_ar)
        print(
            f"{faction.id:<10} {name[:40]:<40} "
            + digits(f"{start.area_km2[i]:>10.2f} {end.area_km2[i]:>10.2f}")
        )
    for line in region_lines(scenario):
        print(line)
    return 0


def region_lines(scenario: Scenario) -> list[str]:
    """Per region: its extent, then km² per faction at the period start and end and the end as a
    share of the start (`metrics.region_figures`, the figures the panel and the handout show)."""
    from aleppo_desktop.core.metrics import region_figures

    lines: list[str] = []
    for region in scenario.regions:
        first = region_figures(scenario, region.id, scenario.start)
        last = region_figures(scenario, region.id, scenario.end)
        name = f"{region.name_en} ({region.name_ar})" if region.name_ar else region.name_en
        lines.append("")
        heading = translate("cli", "region {id} — {name}: {km2} km², {count} area units")
        lines.append(
            heading.format(
                id=region.id,
                name=name,
                km2=digits(f"{region.area_km2:.2f}"),
                count=digits(str(len(region.area_ids))),
            )
        )
        faction_h, share_h = translate("cli", "faction"), translate("cli", "% of start")
        start_h, end_h = translate("cli", "km² start"), translate("cli", "km² end")
        lines.append(f"  {faction_h:<10} {start_h:>10} {end_h:>10} {share_h:>11}")
        for i, faction in enumerate(scenario.factions):
            share = last.share_of_start[i]
            share_text = "—" if share != share else f"{share:.1f}%"  # NaN: held nothing at start
            lines.append(
                f"  {faction.id:<10} "
                + digits(f"{first.km2[i]:>10.2f} {last.km2[i]:>10.2f} {share_text:>11}")
            )
        front = translate("cli", "  front line {start} km at the start, {end} km at the end")
        lines.append(
            front.format(start=digits(f"{first.front_km:.1f}"), end=digits(f"{last.front_km:.1f}"))
        )
    return lines


def state_geojson(scenario: Scenario, t: float) -> dict[str, Any]:
    """The control map at t as a GeoJSON FeatureCollection in WGS84, one feature per zone."""
    from aleppo_desktop.core.geometry import to_wgs84

    frame = scenario.frame_at(t)
    features = []
    for (faction, confidence), geometry in frame.zones().items():
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "faction": faction,
                    "confidence": confidence,
                    "area_km2": round(geometry.area / 1e6, 4),
                },
                "geometry": json.loads(_geojson(to_wgs84(geometry))),
            }
        )
    return {"type": "FeatureCollection", "features": features}


def _geojson(geometry: shapely.Geometry) -> str:
    import shapely

    return str(shapely.to_geojson(shapely.set_precision(geometry, 1e-7)))


def cmd_state(args: argparse.Namespace) -> int:
    scenario = load_scenario_argument(args.path)
    t = day_option(scenario, "--at", args.at, scenario.end)
    if args.format == "geojson":
        json.dump(state_geojson(scenario, t), sys.stdout, ensure_ascii=False)
        print()
        return 0
    frame = scenario.frame_at(t)
    faction_h, confidence_h = translate("cli", "faction"), translate("cli", "confidence")
    km2_h = translate("cli", "km²")
    print(f"{faction_h:<10} {confidence_h:<10} {km2_h:>10}")
    for (faction, confidence), geometry in frame.zones().items():
        print(f"{faction:<10} {confidence:<10} " + digits(f"{geometry.area / 1e6:>10.2f}"))
    front = translate("cli", "front line {km} km")
    print(front.format(km=digits(f"{frame.front_km:.1f}")))
    return 0


def cmd_claims(args: argparse.Namespace) -> int:
    from aleppo_desktop.core.metrics import check_claims

    scenario = load_scenario_argument(args.path)
    symbols = {"about": "≈", "more_than": ">", "less_than": "<"}
    heads = [translate("cli", word) for word in CLAIM_HEADINGS]
    print(
        f"{heads[0]:<24} {heads[1]:<10} {heads[2]:<24} {heads[3]:>14} {heads[4]:>10} "
        f"{heads[5]:>7}  {heads[6]}"
    )
    yes, no = translate("cli", "yes"), translate("cli", "NO")
    for check in check_claims(scenario):
        claim = check.claim
        claimed = f"{symbols[claim.comparator]} {claim.value:g} {claim.unit}"
        print(
            f"{claim.id:<24} {claim.source:<10} {check.scope_text:<24} {claimed:>14} "
            + digits(f"{check.computed:>10.1f} {check.difference:>+7.0%}")
            + f"  {yes if check.holds else no}"
        )
        print(f"    {claim_basis_text(check)}")
        print(f"    {pick(claim.statement, claim.statement_ar)}")
    return 0


def claim_basis_text(check: ClaimCheck) -> str:
    """The figures behind a computed claim, in one line: whose km² at the start and end and the
    difference, or what a head count adds up."""
    claim = check.claim
    if claim.kind == "head_count":
        summed = translate("cli", "sum of the midpoints of {components}")
        return summed.format(components=", ".join(claim.components))
    on = translate("cli", "{km2} km² on {date}")
    end = on.format(km2=digits(f"{check.end_km2:.1f}"), date=claim.end)
    if check.start_km2 is None or check.change_km2 is None:
        return translate("cli", "{faction} held {end}").format(faction=check.basis_faction, end=end)
    start = on.format(km2=digits(f"{check.start_km2:.1f}"), date=claim.start)
    return translate("cli", "{faction} held {start}, {end}: {change} km²").format(
        faction=check.basis_faction, start=start, end=end, change=digits(f"{check.change_km2:+.1f}")
    )


def add_lang_option(parser: argparse.ArgumentParser) -> None:
    """--lang ar|en: shown in the help; `main` takes it out of argv before parsing (`split_lang`)."""
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        help=translate(
            "cli",
            "the language of the interface, the messages and every export (before any subcommand; "
            "default: the system's)",
        ),
    )


def split_lang(argv: list[str]) -> tuple[str | None, list[str]]:
    """The global `--lang X` (or `--lang=X`) given before any subcommand, and argv without it."""
    rest: list[str] = []
    code: str | None = None
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg in SUBCOMMANDS:
            rest.extend(argv[i:])
            break
        if arg == "--lang" or arg.startswith("--lang="):
            value = arg.partition("=")[2] if "=" in arg else None
            if value is None:
                if i + 1 >= len(argv):
                    raise CliError("--lang: give ar or en")
                value = argv[i + 1]
                i += 1
            if value not in LANGUAGES:
                raise CliError(f"--lang: {value!r} is not one of {', '.join(LANGUAGES)}")
            code = value
        else:
            rest.append(arg)
        i += 1
    return code, rest


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="aleppo-desktop",
        description=translate("cli", "Play back the 2016 battle for Aleppo."),
    )
    parser.add_argument(
        "--version", action="version", version=f"aleppo-desktop {__version__}", help=version_help()
    )
    parser.add_argument("--debug", action="store_true", help=translate("cli", "show tracebacks"))
    add_lang_option(parser)
    sub = parser.add_subparsers(dest="command")
    commands = (
        ("validate", translate("cli", "check a scenario and list every problem"), cmd_validate),
        ("info", translate("cli", "summary of a scenario"), cmd_info),
        ("state", translate("cli", "the control map at a date"), cmd_state),
        ("claims", translate("cli", "the brief's claims checked against the map"), cmd_claims),
    )
    for name, help_text, run in commands:
        p = sub.add_parser(name, help=help_text)
        if name == "state":
            p.add_argument("--at", required=True, metavar="YYYY-MM-DD")
            p.add_argument("--format", choices=("geojson", "table"), default="geojson")
        add_path_argument(p)
        p.set_defaults(run=run)
    add_export_parser(sub)
    add_new_parser(sub)
    return parser


def add_new_parser(sub: Any) -> None:
    p = sub.add_parser("new", help=translate("cli", "a new scenario from your own area polygons"))
    p.add_argument(
        "--areas",
        required=True,
        metavar="FILE",
        help=translate("cli", "polygons: GeoJSON (WGS84), GeoPackage or Shapefile"),
    )
    p.add_argument(
        "--out", required=True, metavar="DIR", help=translate("cli", "the new scenario's folder")
    )
    p.add_argument(
        "--snap",
        action="store_true",
        help=translate(
            "cli",
            "make gaps and overlaps a partition (overlaps to the first unit, gaps to a neighbour)",
        ),
    )
    p.add_argument(
        "--title", help=translate("cli", "the scenario's title (default: the file's name)")
    )
    p.add_argument(
        "--start",
        metavar="YYYY-MM-DD",
        help=translate("cli", "period start (default: 1 Jan this year)"),
    )
    p.add_argument(
        "--end",
        metavar="YYYY-MM-DD",
        help=translate("cli", "period end (default: 31 Dec this year)"),
    )
    p.add_argument(
        "--template",
        metavar="PATH",
        help=translate("cli", "take the factions of this scenario (default: bundled)"),
    )
    p.set_defaults(run=cmd_new)


def cmd_new(args: argparse.Namespace) -> int:
    from aleppo_desktop.core.authoring import new_scenario
    from aleppo_desktop.core.timeline import parse_date
    from aleppo_desktop.paths import bundled_scenario_path

    days = {}
    for option in ("start", "end"):
        text = getattr(args, option)
        try:
            days[option] = parse_date(text) if text else None
        except ValueError as exc:
            raise CliError(f"--{option}: {worded(str(exc))}") from None
    report = new_scenario(
        Path(args.areas),
        Path(args.out),
        snap=args.snap,
        title=args.title,
        start=days["start"],
        end=days["end"],
        template=Path(args.template) if args.template else bundled_scenario_path(),
    )
    for line in report.shown_lines():
        print(line)
    written = translate("cli", "{path}: written; every unit starts 'unassessed'")
    print(written.format(path=Path(args.out) / "scenario.json"))
    return 0


def build_gui_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="aleppo-desktop", description=translate("cli", "Open the app.")
    )
    parser.add_argument(
        "--version", action="version", version=f"aleppo-desktop {__version__}", help=version_help()
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help=translate("cli", "check the installation and exit"),
    )
    add_lang_option(parser)
    add_basemap_option(parser)
    add_path_argument(parser)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        lang, argv = split_lang(argv)
    except CliError as exc:
        print(f"aleppo-desktop: {exc}", file=sys.stderr)
        return 2
    use_language(lang or system_language())
    speak_argparse()
    debug = "--debug" in argv
    if not any(a in SUBCOMMANDS for a in argv if not a.startswith("-")) and not any(
        a in ("-h", "--help") for a in argv
    ):
        gui_args = build_gui_parser().parse_args([a for a in argv if a != "--debug"])
        gui_args.lang = lang  # None: the remembered choice, else the system's
        return _run_gui(gui_args)
    args = build_parser().parse_args(argv)
    if args.command is None:
        build_parser().print_help()
        return 1
    try:
        return int(args.run(args))
    except ScenarioError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return 1
    except CliError as exc:
        print(f"aleppo-desktop {args.command}: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0
    except Exception as exc:  # an unexpected failure is one line, not a traceback
        if debug:
            raise
        what = one_line(f"{type(exc).__name__}: {exc}")
        unexpected = translate("cli", "unexpected error")
        print(f"aleppo-desktop {args.command}: {unexpected}: {what}", file=sys.stderr)
        return 1


def _run_gui(args: argparse.Namespace) -> int:
    from aleppo_desktop.ui.app import run_app

    return run_app(
        Path(args.path) if args.path else None,
        self_test=args.self_test,
        basemaps=[Path(p) for p in args.basemap],
        lang=getattr(args, "lang", None),
    )
