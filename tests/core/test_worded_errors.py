"""The reader boundary's problems are worded in the language spoken when shown (core.errors): the
English is kept, the catalogue's translation shown, fields translated too when they are reasons."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from aleppo_desktop.core import errors, language
from aleppo_desktop.core.errors import MESSAGES, Problem, ScenarioError, worded
from aleppo_desktop.core.loading import load_scenario

CATALOGUE = {
    "cannot read: {reason}": "READ-AR: {reason}",
    "No such file or directory": "NOFILE-AR",
    "line {line}": "LINE-AR {line}",
    "line {line} column {column}": "LINE-AR {line} COL-AR {column}",
    "malformed JSON: {reason}": "JSON-AR: {reason}",
    "nested too deeply": "DEEP-AR",
    "{problem} (and {count} more)": "{problem} (AND-AR {count})",
}


@pytest.fixture
def fake_catalogue() -> Iterator[None]:
    language.set_catalogue(
        lambda context, text: CATALOGUE.get(text) if context == "errors" else None
    )
    yield
    language.set_catalogue(None)


def test_english_is_unchanged_without_a_catalogue() -> None:
    assert worded("cannot read: No such file or directory") == (
        "cannot read: No such file or directory"
    )


def test_messages_places_and_reasons_are_worded(fake_catalogue) -> None:
    assert worded("cannot read: No such file or directory") == "READ-AR: NOFILE-AR"
    assert worded("cannot read: Disk quota exceeded") == "READ-AR: Disk quota exceeded"
    assert worded("line 3 column 7") == "LINE-AR 3 COL-AR 7"
    assert worded("line 12") == "LINE-AR 12"
    assert worded("malformed JSON: nested too deeply") == "JSON-AR: DEEP-AR"
    assert worded("an area unit overlaps another") == "an area unit overlaps another"
    problem = Problem("control.csv", "line 4", "cannot read: No such file or directory")
    assert problem.message == "cannot read: No such file or directory"  # kept in English
    assert str(problem) == "control.csv:LINE-AR 4: READ-AR: NOFILE-AR"
    error = ScenarioError([problem, Problem("x", "", "y")])
    assert str(error) == "control.csv:LINE-AR 4: READ-AR: NOFILE-AR (AND-AR 1)"


def test_a_missing_scenario_is_worded(fake_catalogue, tmp_path: Path) -> None:
    with pytest.raises(ScenarioError) as caught:
        load_scenario(tmp_path / "nowhere" / "scenario.json")
    assert "READ-AR: NOFILE-AR" in str(caught.value)


def test_every_template_is_the_wording_of_the_readers() -> None:
    """A template reworded in the readers and not here would no longer be translated."""
    core = Path(errors.__file__).parent
    readers = "".join(
        (core / name).read_text()
        for name in ("loading.py", "limits.py", "control_io.py", "authoring.py", "timeline.py")
    )
    readers = re.sub(r'"\s*\n\s*f?"', "", readers)  # a message written over two lines, joined
    for template in MESSAGES:
        if template in ("{problem} (and {count} more)", "invalid scenario"):
            continue  # core.errors' own
        literal = max(re.split(r"\{\w+\}", template), key=len).strip()
        assert literal in readers, template
