"""Problems found while loading a scenario, each naming its file and the place in it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    file: str
    place: str  # a JSON path ($.events[3].date), a CSV line (line 12) or a feature ($.features[4])
    message: str

    def __str__(self) -> str:
        return (
            f"{self.file}:{self.place}: {self.message}"
            if self.place
            else f"{self.file}: {self.message}"
        )


class ScenarioError(Exception):
    """A scenario could not be loaded; `problems` lists every problem found."""

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
