"""Disputes (format 2): which touch an event or an instant, their one wording, and bad ones refused."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from aleppo_desktop.core.disputes import (
    dispute_days,
    dispute_lines,
    dispute_span,
    dispute_summary,
    disputes_active_at,
    disputes_touching,
    followed_version,
)
from aleppo_desktop.core.errors import ScenarioError
from aleppo_desktop.core.loading import load_scenario
from aleppo_desktop.core.scenario import Scenario
from tests.conftest import grid_scenario, jul, write_scenario
from tests.core.format2 import dispute, format2_scenario

Make = Callable[..., Path]


@pytest.fixture(scope="module")
def grid2(tmp_path_factory: pytest.TempPathFactory) -> Scenario:
    return load_scenario(
        write_scenario(tmp_path_factory.mktemp("disputes") / "grid", format2_scenario())
    )


def ids(disputes: tuple[Any, ...]) -> list[str]:
    return [d.id for d in disputes]


def test_disputes_are_loaded_in_file_order(grid2: Scenario) -> None:
    assert ids(grid2.disputes) == ["column-two", "numbers"]
    first = grid2.disputes[0]
    assert [v.id for v in first.versions] == ["brief", "test"]
    assert followed_version(first) is first.versions[1]
    assert followed_version(grid2.disputes[1]) is None


def test_disputes_touching_an_event(grid2: Scenario) -> None:
    assert ids(disputes_touching(grid2, "e2")) == ["column-two"]
    assert disputes_touching(grid2, "e1") == ()
    assert disputes_touching(grid2, "no-such-event") == ()


def test_a_dispute_sits_on_its_date_or_on_its_events_span(grid2: Scenario) -> None:
    column_two, numbers = grid2.disputes
    # no date of its own: event e2's range, 10..12 Jul
    assert [d.day for d in dispute_days(grid2, column_two)] == [10, 12]
    assert dispute_span(grid2, column_two) == (jul(10), jul(13))
    assert dispute_span(grid2, numbers) == (jul(16), jul(19))


def test_disputes_active_at_is_half_open(grid2: Scenario) -> None:
    assert disputes_active_at(grid2, jul(10) - 1e-6) == ()
    assert ids(disputes_active_at(grid2, jul(10))) == ["column-two"]
    assert ids(disputes_active_at(grid2, jul(12) + 0.99)) == ["column-two"]
    assert disputes_active_at(grid2, jul(13)) == ()
    assert ids(disputes_active_at(grid2, jul(18) + 0.5)) == ["numbers"]
    assert disputes_active_at(grid2, jul(19)) == ()


def test_two_disputes_at_once(make_scenario: Make) -> None:
    data = format2_scenario()
    data["disputes"].append(dispute("again", date={"start": "2016-07-11"}, events=[]))
    s = load_scenario(make_scenario(scenario=data))
    assert ids(disputes_active_at(s, jul(11) + 0.5)) == ["column-two", "again"]


def test_the_wording(grid2: Scenario) -> None:
    column_two, numbers = grid2.disputes
    assert dispute_lines(grid2, column_two) == [
        "Sources disagree: When column 2 fell",
        "• by 12 July (12 Jul 2016) — A brief, ¶4",
        "• 10 to 12 July (10 Jul 2016 – 12 Jul 2016) — Made up for tests, p2 "
        "[the map follows this]",
        "Map follows Made up for tests, p2: the dated report is closer to the events",
    ]
    assert dispute_lines(grid2, numbers)[-1] == (
        "The map takes no side: the map draws no head counts"
    )
    assert dispute_summary(grid2, numbers) == (
        "Sources disagree: How many fighters — brief: about 8,000; others: 4,000 to 5,000 "
        "(map takes no side)"
    )


# --- refused -----------------------------------------------------------------------------------


def only_problem(path: Path, place: str, message: str) -> None:
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    lines = [str(p) for p in info.value.problems]
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"{path}:{place}: "), lines
    assert message in lines[0], lines


def with_dispute(**extra: Any) -> dict[str, Any]:
    data = format2_scenario()
    data["disputes"] = [dispute("d", **extra)]
    return data


@pytest.mark.parametrize(
    ("extra", "place", "message"),
    [
        (
            {"versions": [{"id": "a", "source": "brief#4", "says": "x"}]},
            "$.disputes[0]",
            "a dispute needs at least two versions",
        ),
        (
            {
                "versions": [
                    {"id": "a", "source": "brief#4", "says": "x"},
                    {"id": "a", "source": "test", "says": "y"},
                ],
                "follows": "a",
            },
            "$.disputes[0]",
            "the versions of a dispute need distinct ids",
        ),
        ({"follows": "wikipedia"}, "$.disputes[0]", "follows 'wikipedia' is not one of"),
        ({"events": []}, "$.disputes[0]", "a dispute needs a date or related events"),
        ({"events": ["e9"]}, "$.disputes[0].events[0]", "unknown event 'e9'"),
        (
            {"date": {"start": "2016-06-01"}},
            "$.disputes[0].date.start",
            "2016-06-01 is outside the period",
        ),
        ({"why": ""}, "$.disputes[0].why", "at least 1 character"),
    ],
)
def test_bad_dispute(make_scenario: Make, extra: dict[str, Any], place: str, message: str) -> None:
    only_problem(make_scenario(scenario=with_dispute(**extra)), place, message)


def test_version_with_an_unknown_source(make_scenario: Make) -> None:
    data = with_dispute()
    data["disputes"][0]["versions"][1]["source"] = "wp#3"
    only_problem(
        make_scenario(scenario=data), "$.disputes[0].versions[1].source", "unknown source 'wp'"
    )


def test_follows_must_be_stated(make_scenario: Make) -> None:
    data = with_dispute()
    del data["disputes"][0]["follows"]
    only_problem(make_scenario(scenario=data), "$.disputes[0].follows", "Field required")


def test_duplicate_dispute_id(make_scenario: Make) -> None:
    data = format2_scenario()
    data["disputes"].append(dispute("column-two"))
    only_problem(
        make_scenario(scenario=data), "$.disputes", "id 'column-two' is used more than once"
    )


def test_disputes_in_a_format_1_file(make_scenario: Make) -> None:
    data = grid_scenario()
    data["disputes"] = [dispute("d")]
    only_problem(make_scenario(scenario=data), "$.disputes", "disputes need format_version 2")
