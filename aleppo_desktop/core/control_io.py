"""Read and write the control table as CSV (for spreadsheets) and as temporal GeoJSON (for QGIS).

Readers check the syntax of each row and report problems with their place (`line 12`,
`$.features[3].properties.start`); the scenario loader checks what the rows refer to.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import shapely

from aleppo_desktop.core.control import ControlChange
from aleppo_desktop.core.errors import Problem
from aleppo_desktop.core.limits import (
    CONTROL_CHARACTERS,
    MAX_CONTROL_ROWS,
    MAX_TEXT_CHARS,
    text_checker,
    text_problem,
)
from aleppo_desktop.core.model import CONFIDENCES
from aleppo_desktop.core.timeline import parse_date

CSV_COLUMNS = ("area_id", "date", "faction", "confidence", "source", "note", "until")
"""`note` and `until` are optional; `until` (format 2) dates a change by a window `date`..`until`."""
_REQUIRED = CSV_COLUMNS[:5]

Placed = tuple[str, ControlChange]  # (place in the file, row)


def _change(
    fields: dict[str, Any],
    place: str,
    file: str,
    problems: list[Problem],
    date_key: str = "date",
    text_problem: Callable[[str], str | None] = text_problem,
) -> ControlChange | None:
    before = len(problems)
    values: dict[str, str] = {}
    for key in _REQUIRED:
        name = date_key if key == "date" else key
        value = fields.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            problems.append(Problem(file, place, f"missing {name}"))
        elif not isinstance(value, str):
            problems.append(Problem(file, place, f"{name} must be text, not {value!r}"))
        elif text_problem(value):
            problems.append(Problem(file, place, f"{name} {text_problem(value)}"))
        else:
            values[key] = value.strip()
    note = fields.get("note") or ""
    if not isinstance(note, str):
        problems.append(Problem(file, place, f"note must be text, not {note!r}"))
    elif text_problem(note):
        problems.append(Problem(file, place, f"note {text_problem(note)}"))
    day: date | None = None
    if "date" in values:
        try:
            day = parse_date(values["date"])
        except ValueError as exc:
            problems.append(Problem(file, place, f"{date_key}: {exc}"))
    confidence = values.get("confidence")
    if confidence is not None and confidence not in CONFIDENCES:
        problems.append(
            Problem(
                file, place, f"confidence {confidence!r} is not one of {', '.join(CONFIDENCES)}"
            )
        )
    until: date | None = None
    raw_until = fields.get("until")
    if raw_until is not None and not isinstance(raw_until, str):
        problems.append(Problem(file, place, f"until must be a date or empty, not {raw_until!r}"))
    elif raw_until is not None and raw_until.strip():
        try:
            until = parse_date(raw_until)
        except ValueError as exc:
            problems.append(Problem(file, place, f"until: {exc}"))
        else:
            if day is not None and until <= day:
                problems.append(
                    Problem(
                        file,
                        place,
                        f"until {until} is not after {date_key} {day}: a window "
                        f"({date_key}..until) spans at least one day",
                    )
                )
    if len(problems) > before or day is None:
        return None
    return ControlChange(
        values["area_id"],
        day,
        values["faction"],
        confidence,  # type: ignore[arg-type]
        values["source"],
        str(note).strip(),  # a str: checked above
        until,
    )


def _too_many_rows() -> str:
    return f"more than {MAX_CONTROL_ROWS:,} control rows (the limit)"


def parse_control_csv(text: str, file: str) -> tuple[list[Placed], list[Problem]]:
    """Rows of a control CSV with their line numbers, and the syntax problems found."""
    problems: list[Problem] = []
    reader = csv.DictReader(io.StringIO(text))
    header = reader.fieldnames or []
    missing = [c for c in _REQUIRED if c not in header]
    if missing:
        return [], [Problem(file, "line 1", f"header lacks column(s) {', '.join(missing)}")]
    unknown = [c for c in header if c not in CSV_COLUMNS]
    if unknown:
        problems.append(Problem(file, "line 1", f"unknown column(s) {', '.join(unknown)}"))
    rows = None if problems else _plain_rows(text, list(header))
    if rows is None:
        rows = _rows_one_by_one(reader, text, file, problems)
    if rows is None:
        return [], problems  # too many rows: nothing more is checked
    if not rows and not problems:
        problems.append(Problem(file, "", "no control rows"))
    return rows, problems


def _rows_one_by_one(
    reader: csv.DictReader, text: str, file: str, problems: list[Problem]
) -> list[Placed] | None:
    """`parse_control_csv`'s rows read record by record, each problem named where it is; None
    (and `problems` only that) when there are more rows than the limit."""
    rows: list[Placed] = []
    check = text_checker(text)  # the fields' control characters looked for in the whole text
    end_line = 1
    try:
        for fields in reader:
            # A record starts on the line after the previous one ended (a quoted note may span lines).
            start_line, end_line = end_line + 1, reader.line_num
            place = f"line {start_line}"
            if len(rows) + len(problems) >= MAX_CONTROL_ROWS:
                problems[:] = [Problem(file, place, _too_many_rows())]
                return None
            if None in fields:
                problems.append(Problem(file, place, "more fields than the header has"))
                continue
            spans = end_line > start_line
            if spans and any(v is None or "\n" in v for k, v in fields.items() if k != "note"):
                problems.append(
                    Problem(
                        file,
                        place,
                        f"malformed CSV: a quote opened here is not closed before line {end_line}",
                    )
                )
                continue
            change = _change(fields, place, file, problems, text_problem=check)
            if change is not None:
                rows.append((place, change))
    except csv.Error as exc:
        problems.append(Problem(file, f"line {reader.line_num}", f"malformed CSV: {exc}"))
    return rows


def _plain_rows(text: str, header: list[str]) -> list[Placed] | None:
    """`parse_control_csv`'s rows read by column, in a few passes, when the file is plain: no
    quote, carriage return or control character, `header` its first line (no name twice), one
    record a line with a field for each column, every required field filled, every date,
    confidence and window valid. None for any other file, which is read row by row (and its
    problems named). The same rows, ~4x faster (ten times the bundled campaign: 4,743 rows)."""
    if '"' in text or "\r" in text or CONTROL_CHARACTERS.search(text) is not None:
        return None
    lines = text.split("\n")
    if lines[0].split(",") != header or len(set(header)) != len(header):
        return None
    if max(map(len, lines)) > MAX_TEXT_CHARS:  # so no field is either
        return None
    numbered = [(k, line) for k, line in enumerate(lines[1:], 2) if line]  # no record on a blank
    if len(numbered) >= MAX_CONTROL_ROWS:
        return None
    cells = [line.split(",") for _, line in numbered]
    if any(len(fields) != len(header) for fields in cells):
        return None
    columns = list(zip(*cells, strict=True)) or [()] * len(header)

    def stripped(name: str) -> list[str]:
        return [value.strip() for value in columns[header.index(name)]] if name in header else []

    areas, days, factions, confidences, sources = (stripped(name) for name in _REQUIRED)
    if not all(map(all, (areas, days, factions, confidences, sources))):
        return None  # a field empty or blank
    if not set(confidences) <= set(CONFIDENCES):
        return None
    notes = stripped("note") or [""] * len(cells)
    untils: list[date | None] = [None] * len(cells)
    try:
        dates = list(map(date.fromisoformat, days))  # `parse_date`'s reading
        for k, until in enumerate(stripped("until")):
            if until:
                untils[k] = date.fromisoformat(until)
                if untils[k] <= dates[k]:  # type: ignore[operator]
                    return None
    except ValueError:
        return None
    return [
        (f"line {k}", ControlChange(*change))
        for (k, _), *change in zip(
            numbered, areas, dates, factions, confidences, sources, notes, untils, strict=True
        )
    ]


def parse_control_geojson(data: Any, file: str) -> tuple[list[Placed], list[Problem]]:
    """Rows of a temporal GeoJSON (one feature per holding interval; `start` is the change date)."""
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        return [], [Problem(file, "$", "not a GeoJSON FeatureCollection")]
    features = data.get("features")
    if not isinstance(features, list) or not features:
        return [], [Problem(file, "$.features", "no features")]
    if len(features) > MAX_CONTROL_ROWS:
        return [], [Problem(file, "$.features", _too_many_rows())]
    problems: list[Problem] = []
    rows: list[Placed] = []
    for i, feature in enumerate(features):
        place = f"$.features[{i}].properties"
        props = feature.get("properties") if isinstance(feature, dict) else None
        if not isinstance(props, dict):
            problems.append(Problem(file, place, "missing properties"))
            continue
        change = _change(props, place, file, problems, date_key="start")
        if change is not None:
            rows.append((place, change))
    return rows, problems


def write_control_csv(changes: Iterable[ControlChange], path: Path) -> None:
    """Write the table sorted by area then date, the layout an analyst edits. The `until` column is
    written only when a change is dated by a window, so a format 1 table stays format 1."""
    rows = sorted(changes, key=lambda c: (c.area_id, c.date))
    windows = any(c.until is not None for c in rows)
    columns = CSV_COLUMNS if windows else CSV_COLUMNS[:-1]
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(columns)
        for c in rows:
            row = [c.area_id, c.date.isoformat(), c.faction, c.confidence, c.source, c.note]
            if windows:
                row.append(c.until.isoformat() if c.until else "")
            writer.writerow(row)


def control_features(
    changes: Sequence[ControlChange],
    geometries_wgs84: dict[str, shapely.Geometry],
    period_end: date,
) -> list[dict[str, Any]]:
    """One GeoJSON feature per holding interval, `end` exclusive (QGIS temporal controller layout).

    A change dated by a window starts its feature on the window's first day (`start`) and carries
    `until`, the day from which it is certain (null for a single-day change)."""
    by_area: dict[str, list[ControlChange]] = {}
    for c in sorted(changes, key=lambda c: (c.area_id, c.date)):
        by_area.setdefault(c.area_id, []).append(c)
    features = []
    for area_id, rows in by_area.items():
        geometry = json.loads(shapely.to_geojson(geometries_wgs84[area_id], indent=None))
        for k, c in enumerate(rows):
            end = rows[k + 1].date if k + 1 < len(rows) else period_end + timedelta(days=1)
            features.append(
                {
                    "type": "Feature",
                    "properties": {
                        "area_id": area_id,
                        "faction": c.faction,
                        "confidence": c.confidence,
                        "source": c.source,
                        "note": c.note,
                        "start": c.date.isoformat(),
                        "until": c.until.isoformat() if c.until else None,
                        "end": end.isoformat(),
                    },
                    "geometry": geometry,
                }
            )
    return features


def write_control_geojson(
    changes: Sequence[ControlChange],
    geometries_wgs84: dict[str, shapely.Geometry],
    period_end: date,
    path: Path,
) -> None:
    collection = {
        "type": "FeatureCollection",
        "features": control_features(changes, geometries_wgs84, period_end),
    }
    path.write_text(json.dumps(collection, ensure_ascii=False), encoding="utf-8")
