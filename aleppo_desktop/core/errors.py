"""Problems found while loading a scenario, each naming its file and the place in it."""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_MESSAGE_CHARS = 300
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]+")


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
        where = f"{self.file}:{self.place}" if self.place else self.file
        return one_line(f"{where}: {self.message}", 2 * MAX_MESSAGE_CHARS)


class ScenarioError(Exception):
    """A scenario could not be loaded; `problems` lists every problem found.

    The only error a reader raises for bad input, whatever the library underneath raised
    (`loading.reading` converts the rest at the reader boundary)."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        super().__init__(f"{problems[0]}{more}" if problems else "invalid scenario")


def json_path(loc: tuple[int | str, ...]) -> str:
    """Render a pydantic/JSON location tuple as a JSON path: ('events', 3, 'date') -> $.events[3].date."""
    out = "$"
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out
