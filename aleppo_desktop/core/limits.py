"""What a scenario may hold: sizes and counts checked before the work they bound.

Each limit leaves headroom over a scenario ten times the bundled one (1,530-1,640 area units,
129-133k vertices, 4,700-6,500 control rows): about three times for the costly geometry, more for the
rest, so any file within them loads or is refused within 10 s and well under 1 GB on a 2-core machine
(bench/make_scenario.py --scale 30 is just inside). docs/scenario-format.md ("Limits") lists them.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable
from pathlib import Path

MB = 1024 * 1024

MAX_SCENARIO_BYTES = 8 * MB  # scenario.json
MAX_AREAS_BYTES = 32 * MB  # the area units (GeoJSON)
MAX_CONTROL_BYTES = 16 * MB  # the control table (CSV or GeoJSON)
MAX_BASEMAP_BYTES = 16 * MB  # each basemap layer (GeoJSON)
MAX_BRIEF_BYTES = 4 * MB  # a copy of the brief (text or Markdown)
MAX_JSON_CONTAINERS = 3_000_000  # `[` and `{` in one JSON file: what its parsing costs in memory

MAX_AREAS = 5_000  # area units
MAX_AREA_VERTICES = 400_000  # vertices of all area units together
MAX_CONTROL_ROWS = 50_000
MAX_FACTIONS = 256
MAX_EVENTS = 20_000
MAX_ITEMS = 20_000  # any other list in scenario.json (sources, claims, regions, ...)
MAX_BASEMAP_FEATURES = 100_000  # per layer
MAX_BASEMAP_VERTICES = 1_000_000  # per layer

MIN_YEAR, MAX_YEAR = 1900, 2100  # dates of the period
MAX_PERIOD_DAYS = 3_660  # about ten years: the daily series, frames and exports step through it
MAX_NUMBER = 1e9  # strength figures and claim values
MAX_TEXT_CHARS = 20_000  # any text (titles, names and summaries: 4,000, core.model.Text)

# C0 and C1 controls except tab and newline, and lone surrogates (JSON lets "\ud800" through; no
# UTF-8 writer, KML or GeoPackage, can write one)
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_CONTROL_BUT_CR = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def text_problem(text: str) -> str | None:
    """Why `text` cannot be shown or exported (too long, a control character or a lone surrogate),
    or None."""
    if len(text) > MAX_TEXT_CHARS:
        return f"is longer than {MAX_TEXT_CHARS:,} characters"
    found = CONTROL_CHARACTERS.search(text)
    if found is None:
        return None
    return f"contains the control character U+{ord(found.group()):04X} at position {found.start()}"


def text_checker(whole: str) -> Callable[[str], str | None]:
    """`text_problem` for substrings of `whole` (the fields of a CSV file's text): when `whole` holds
    no control character but carriage returns (line ends), searched once here, a check that only
    measures each one and looks for a carriage return (the same answers, ~10x cheaper)."""
    if _CONTROL_BUT_CR.search(whole) is not None:
        return text_problem

    def measured(text: str) -> str | None:
        if len(text) <= MAX_TEXT_CHARS and "\r" not in text:
            return None
        return text_problem(text)

    return measured


class RefusedFileError(OSError):
    """A file that is not read: not a regular file, or larger than its limit."""


def read_bounded(path: Path, max_bytes: int) -> bytes:
    """The bytes of a regular file of at most `max_bytes`; RefusedFileError otherwise, without blocking
    or reading on (a FIFO is opened non-blocking, a device or a FIFO is refused by its type, and
    the size is checked on the open file, so a file swapped after a check is caught too)."""
    fd = _open_bounded(path, max_bytes)
    try:
        chunks, size = [], 0
        while size <= max_bytes:
            chunk = os.read(fd, min(max_bytes + 1 - size, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > max_bytes:  # it grew while being read
            raise RefusedFileError(_too_large(size, max_bytes))
        return b"".join(chunks)
    finally:
        os.close(fd)


def check_bounded(path: Path, max_bytes: int) -> None:
    """What `read_bounded` checks before it reads, without reading: OSError or RefusedFileError
    when the file is not a regular file of at most `max_bytes` that can be opened."""
    os.close(_open_bounded(path, max_bytes))


def _open_bounded(path: Path, max_bytes: int) -> int:
    """The open descriptor of a regular file of at most `max_bytes` (see `read_bounded`)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise RefusedFileError(f"not a regular file ({_kind(info.st_mode)})")
        if info.st_size > max_bytes:
            raise RefusedFileError(_too_large(info.st_size, max_bytes))
    except BaseException:
        os.close(fd)
        raise
    return fd


def _too_large(size: int, max_bytes: int) -> str:
    return f"file is too large ({size / MB:.1f} MB; the limit is {max_bytes // MB} MB)"


def _kind(mode: int) -> str:
    for test, name in (
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    ):
        if test(mode):
            return name
    return "not a file"
