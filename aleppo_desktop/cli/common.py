"""What every subcommand shares: the one-line user error, the scenario argument and date options.

Kept apart from `cli/__init__.py` so that `cli/export.py` can use it without importing its parent
(no import cycle).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from aleppo_desktop.core.loading import load_scenario
from aleppo_desktop.core.scenario import Scenario
from aleppo_desktop.core.timeline import day_number, parse_date
from aleppo_desktop.paths import bundled_scenario_path
from aleppo_desktop.translations import translate

if TYPE_CHECKING:
    from aleppo_desktop.render.user_layers import UserLayers


class CliError(Exception):
    """A user error on the command line: printed as one line, exit code 1."""


def add_path_argument(parser: argparse.ArgumentParser) -> None:
    """The optional scenario PATH every subcommand takes."""
    parser.add_argument(
        "path",
        nargs="?",
        help=translate("cli", "scenario.json or its folder (default: the bundled Aleppo 2016)"),
    )


def add_basemap_option(parser: argparse.ArgumentParser, help_text: str | None = None) -> None:
    """--basemap FILE (repeatable): the user's own basemap under the zones (docs/basemaps.md);
    `help_text` says what a format does with it (argparse.SUPPRESS: the format refuses it)."""
    parser.add_argument(
        "--basemap",
        action="append",
        default=[],
        metavar="FILE",
        help=help_text
        or translate(
            "cli",
            "a basemap to draw under the zones (MBTiles, PMTiles, tile folder, GeoPackage, GeoTIFF, "
            "GeoJSON/Shapefile/KML/FlatGeobuf, .osm.pbf); repeat for more, the last on top",
        ),
    )


def open_basemaps(paths: list[str], warn: Callable[[str], None]) -> UserLayers | None:
    """The --basemap files opened for drawing; each one that cannot be shown is skipped with a
    warning naming it (the export goes on without it). None when no basemap was given."""
    if not paths:
        return None
    from aleppo_desktop.core.user_basemap import BasemapSpec
    from aleppo_desktop.render.user_layers import UserLayers

    layers = UserLayers()
    for message in layers.add_all([BasemapSpec(str(Path(p).resolve())) for p in paths]):
        warn(basemap_skipped(message))
    return layers


def basemap_skipped(message: str) -> str:
    """The warning for a --basemap file that cannot be used (`message` names the file)."""
    return translate("cli", "basemap skipped: {message}").format(message=message)


def load_scenario_argument(path: str | None, every_layer: bool = False) -> Scenario:
    """The scenario at PATH, or the bundled one (`every_layer`: hidden basemap layers read and
    checked now, not when first shown)."""
    return load_scenario(Path(path) if path else bundled_scenario_path(), every_layer)


def day_option(scenario: Scenario, option: str, text: str | None, default: float) -> float:
    """The day number of a `YYYY-MM-DD` option inside the scenario's period (`default` if unset)."""
    if text is None:
        return default
    try:
        day = parse_date(text)
    except ValueError as exc:
        raise CliError(f"{option}: {exc}") from None
    period = scenario.meta.period
    if not period.start <= day <= period.end:
        outside = translate("cli", "{option}: {day} is outside the period {start}..{end}")
        raise CliError(outside.format(option=option, day=day, start=period.start, end=period.end))
    return day_number(day)


def choice_option(option: str, value: str, choices: tuple[str, ...] | list[str]) -> str:
    """`value` if it is one of `choices`, else a CliError naming the option and the choices."""
    if value not in choices:
        not_one = translate("cli", "{option}: {value} is not one of {choices}")
        raise CliError(not_one.format(option=option, value=repr(value), choices=", ".join(choices)))
    return value
