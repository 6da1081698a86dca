"""Problems found while loading a scenario, each naming its file and the place in it.

A problem is kept in English (`message`, `place`) and worded in the language spoken when shown
(`str(problem)`): the messages of the reader boundary (`loading.reading` and the file readers,
`limits`) are templates in `MESSAGES`, marked for the catalogue; a shown message that fills one of
them is given in its translation, its fields (a reason from the system, say) translated too when
they are one of `REASONS`. Other messages show in English.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from aleppo_desktop.core.language import QT_TRANSLATE_NOOP, translate

MAX_MESSAGE_CHARS = 300
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]+")


CONTEXT = "errors"
MESSAGES = (
    QT_TRANSLATE_NOOP("errors", "cannot read: {reason}"),
    QT_TRANSLATE_NOOP("errors", "cannot be read: {reason}"),
    QT_TRANSLATE_NOOP("errors", "not enough memory to read this file"),
    QT_TRANSLATE_NOOP("errors", "nested too deeply"),
    QT_TRANSLATE_NOOP("errors", "not UTF-8 text"),
    QT_TRANSLATE_NOOP("errors", "file is empty"),
    QT_TRANSLATE_NOOP("errors", "malformed JSON: {reason}"),
    QT_TRANSLATE_NOOP("errors", "the file holds only `null`, not a JSON object"),
    QT_TRANSLATE_NOOP("errors", "too many JSON arrays and objects ({count}; the limit is {limit})"),
    QT_TRANSLATE_NOOP("errors", "not a regular file ({kind})"),
    QT_TRANSLATE_NOOP("errors", "file is too large ({size} MB; the limit is {limit} MB)"),
    QT_TRANSLATE_NOOP("errors", "line {line} column {column}"),  # before "line {line}"
    QT_TRANSLATE_NOOP("errors", "line {line}"),
    QT_TRANSLATE_NOOP("errors", "{problem} (and {count} more)"),
    QT_TRANSLATE_NOOP("errors", "invalid scenario"),
    # what a scenario of one's own most often gets wrong (loading, control_io)
    QT_TRANSLATE_NOOP("errors", "unknown area {area}"),
    QT_TRANSLATE_NOOP("errors", "area {area} has no control rows"),
    QT_TRANSLATE_NOOP(
        "errors", "area {area} has no holder on the period start {start} (first row {day})"
    ),
    QT_TRANSLATE_NOOP("errors", "area id {area} is used more than once"),
    QT_TRANSLATE_NOOP("errors", "gap of {m2} m² between area units near {place}"),
    QT_TRANSLATE_NOOP("errors", "must be a Polygon or MultiPolygon, not {kind}"),
    QT_TRANSLATE_NOOP("errors", "missing geometry"),
    QT_TRANSLATE_NOOP("errors", "missing properties"),
    QT_TRANSLATE_NOOP("errors", "bad coordinates"),
    QT_TRANSLATE_NOOP("errors", "no area units"),
    QT_TRANSLATE_NOOP("errors", "not a GeoJSON FeatureCollection"),
    QT_TRANSLATE_NOOP("errors", "area units cannot be projected to the map"),
    QT_TRANSLATE_NOOP("errors", "{path} must be relative to the scenario folder"),
    QT_TRANSLATE_NOOP("errors", "{path} leads outside the scenario folder ({target})"),
    QT_TRANSLATE_NOOP("errors", "unreadable geometry: {reason}"),
    QT_TRANSLATE_NOOP("errors", "header lacks column(s) {columns}"),
    QT_TRANSLATE_NOOP("errors", "unknown column(s) {columns}"),
    QT_TRANSLATE_NOOP("errors", "no control rows"),
    QT_TRANSLATE_NOOP("errors", "more fields than the header has"),
    QT_TRANSLATE_NOOP("errors", "confidence {value} is not one of {choices}"),
    QT_TRANSLATE_NOOP("errors", "malformed CSV: {reason}"),
    # a new scenario from one's own polygons (authoring: the `new` command, File > New)
    QT_TRANSLATE_NOOP("errors", "polygons are read from GeoJSON, GeoPackage or Shapefile files"),
    QT_TRANSLATE_NOOP("errors", "cannot read GeoJSON: {reason}"),
    QT_TRANSLATE_NOOP("errors", "not a GeoJSON FeatureCollection of polygons"),
    QT_TRANSLATE_NOOP("errors", "unreadable: {reason}"),
    QT_TRANSLATE_NOOP("errors", "not a polygon: {kind}"),
    QT_TRANSLATE_NOOP("errors", "no polygon layer"),
    QT_TRANSLATE_NOOP("errors", "the layer declares no CRS (.prj / SRS)"),
    QT_TRANSLATE_NOOP("errors", "feature {number}"),
    QT_TRANSLATE_NOOP("errors", "already holds a scenario: choose a new folder"),
    QT_TRANSLATE_NOOP("errors", "overlap: {first} and {second} overlap by {m2} m²"),
    QT_TRANSLATE_NOOP("errors", "gap: {m2} m² near lon {lon}, lat {lat}"),
    QT_TRANSLATE_NOOP("errors", "run with --snap to make them a partition"),
    QT_TRANSLATE_NOOP("errors", "{count} area units read"),
    QT_TRANSLATE_NOOP(
        "errors", "snapped: overlaps given to the first unit, gaps to the longest neighbour"
    ),
    QT_TRANSLATE_NOOP("errors", "not a date (YYYY-MM-DD): {text}"),
    # rarer problems of a scenario (loading, control_io, limits)
    QT_TRANSLATE_NOOP("errors", "area {first} overlaps {second} by {m2} m²"),
    QT_TRANSLATE_NOOP("errors", "area {first} and {second} are the same polygon"),
    QT_TRANSLATE_NOOP("errors", "area {inner} lies inside {outer}"),
    QT_TRANSLATE_NOOP("errors", "and possibly more overlaps (the check stops here)"),
    QT_TRANSLATE_NOOP(
        "errors",
        "area units touch or overlap {count} others; they do not tile the map (area units must not overlap)",
    ),
    QT_TRANSLATE_NOOP("errors", "{count} area units; the limit is {limit}"),
    QT_TRANSLATE_NOOP("errors", "the area units have more than {limit} vertices (the limit)"),
    QT_TRANSLATE_NOOP("errors", "{value} is not an id (lower-case letters, digits, '_', '.', '-')"),
    QT_TRANSLATE_NOOP("errors", "coordinates must be finite numbers"),
    QT_TRANSLATE_NOOP("errors", "coordinates are not WGS84 [lon, lat]"),
    QT_TRANSLATE_NOOP("errors", "missing text"),
    QT_TRANSLATE_NOOP("errors", "the path contains a NUL byte"),
    QT_TRANSLATE_NOOP("errors", "{path} cannot be resolved: {reason}"),
    QT_TRANSLATE_NOOP("errors", "basemap layer {layer} is not a GeoJSON FeatureCollection"),
    QT_TRANSLATE_NOOP("errors", "basemap layer {layer} is not loaded"),
    QT_TRANSLATE_NOOP("errors", "and {count} more bad geometries"),
    QT_TRANSLATE_NOOP("errors", "and {count} more bad points"),
    QT_TRANSLATE_NOOP("errors", "could not be loaded"),
    QT_TRANSLATE_NOOP("errors", "no features"),
    QT_TRANSLATE_NOOP("errors", "missing {name}"),
    QT_TRANSLATE_NOOP("errors", "{name} must be text, not {value}"),
    QT_TRANSLATE_NOOP("errors", "until must be a date or empty, not {value}"),
    QT_TRANSLATE_NOOP("errors", "date: {reason}"),
    QT_TRANSLATE_NOOP("errors", "start: {reason}"),
    QT_TRANSLATE_NOOP("errors", "until: {reason}"),
    QT_TRANSLATE_NOOP(
        "errors",
        "until {until} is not after {key} {day}: a window ({window}..until) spans at least one day",
    ),
    QT_TRANSLATE_NOOP("errors", "{name} is longer than {limit} characters"),
    QT_TRANSLATE_NOOP(
        "errors",
        "{name} contains the control character {char} at position {position}",
    ),
)
"""The reader boundary's messages and places, the commonest problems of a scenario and those of a
new one, as `loading`, `control_io`, `limits`, `authoring` and `timeline` word them
(tests/core/test_worded_errors.py keeps them so)."""
REASONS = (
    QT_TRANSLATE_NOOP("errors", "No such file or directory"),
    QT_TRANSLATE_NOOP("errors", "Permission denied"),
    QT_TRANSLATE_NOOP("errors", "Is a directory"),
    QT_TRANSLATE_NOOP("errors", "Not a directory"),
    QT_TRANSLATE_NOOP("errors", "File name too long"),
    QT_TRANSLATE_NOOP("errors", "Expecting value"),
    QT_TRANSLATE_NOOP("errors", "a folder"),
    QT_TRANSLATE_NOOP("errors", "a FIFO"),
    QT_TRANSLATE_NOOP("errors", "a character device"),
    QT_TRANSLATE_NOOP("errors", "a block device"),
    QT_TRANSLATE_NOOP("errors", "a socket"),
)
"""Words a message quotes from the system or a library (`strerror`, the JSON parser), translated
when a field is exactly one of them."""
_FIELD = re.compile(r"\{(\w+)\}")


@cache
def _pattern(template: str) -> re.Pattern[str]:
    parts = _FIELD.split(template)  # literal, name, literal, name, ..., literal
    regex = "".join(
        re.escape(part) if i % 2 == 0 else f"(?P<{part}>.+?)" for i, part in enumerate(parts)
    )
    return re.compile(regex, re.DOTALL)


def worded(text: str) -> str:
    """`text`, an English message or place, in the language spoken: the translation of the
    template in `MESSAGES` it fills (its fields worded too, and translated when they are
    `REASONS`), else `text` unchanged."""
    for template in MESSAGES:
        found = _pattern(template).fullmatch(text)
        if found is None:
            continue
        fields = {
            name: translate(CONTEXT, value) if value in REASONS else worded(value)
            for name, value in found.groupdict().items()
        }
        return translate(CONTEXT, template).format(**fields)
    return text


def one_line(text: str, limit: int = MAX_MESSAGE_CHARS) -> str:
    """`text` as one printable line of at most `limit` characters: a problem quotes what it found,
    and what it found may be anything (a newline, a terminal escape, a megabyte of text)."""
    text = _UNPRINTABLE.sub(" ", text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True)
class Problem:
    file: str
    place: str  # a JSON path ($.events[3].date), a CSV line (line 12) or a feature ($.features[4])
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{worded(self.place)}" if self.place else self.file
        return one_line(f"{where}: {worded(self.message)}", 2 * MAX_MESSAGE_CHARS)


class ScenarioError(Exception):
    """A scenario could not be loaded; `problems` lists every problem found.

    The only error a reader raises for bad input, whatever the library underneath raised
    (`loading.reading` converts the rest at the reader boundary)."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__()

    def __str__(self) -> str:  # worded when shown, in the language spoken then
        if not self.problems:
            return worded("invalid scenario")
        if len(self.problems) == 1:
            return str(self.problems[0])
        return worded(f"{self.problems[0]} (and {len(self.problems) - 1} more)")


def json_path(loc: tuple[int | str, ...]) -> str:
    """Render a pydantic/JSON location tuple as a JSON path: ('events', 3, 'date') -> $.events[3].date."""
    out = "$"
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out
