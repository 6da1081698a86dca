"""The story: which event is current at t, and how event dates and source references read.

The bundled scenario gives the real cases (same-day events, ranges, the brief's paragraphs); small
variants of the grid scenario give the tie-break and the wording cases on their own.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from aleppo_desktop.core.loading import load_scenario
from aleppo_desktop.core.scenario import Scenario
from aleppo_desktop.core.story import (
    CAPTION_LINGER_DAYS,
    Caption,
    Citation,
    caption_at,
    citation,
    cite,
    current_event,
    event_date_text,
)
from aleppo_desktop.core.timeline import day_number

Make = Callable[..., Path]


def at(month: int, day: int, hours: float = 0.0) -> float:
    """The clock at a local time of a day of 2016."""
    return day_number(date(2016, month, day)) + hours / 24


def ids(scenario: Scenario, index: int | None) -> str | None:
    return None if index is None else scenario.events[index].id


# --- current_event on the bundled scenario ---------------------------------------------------------


def test_nothing_is_current_before_the_first_event(aleppo: Scenario) -> None:
    assert aleppo.events[0].date.start == date(2016, 7, 1)
    assert current_event(aleppo, at(7, 1) - 1e-6) is None
    assert current_event(aleppo, at(6, 1)) is None
    assert ids(aleppo, current_event(aleppo, at(7, 1))) == "start-divided-city"


def test_an_event_lingers_two_days_after_its_day_then_nothing(aleppo: Scenario) -> None:
    # castello-fire-control (7 Jul) is followed by the next event on 13 Jul
    assert CAPTION_LINGER_DAYS == 2.0
    assert ids(aleppo, current_event(aleppo, at(7, 7))) == "castello-fire-control"
    assert ids(aleppo, current_event(aleppo, at(7, 9, 23.9))) == "castello-fire-control"
    assert current_event(aleppo, at(7, 10)) is None
    assert current_event(aleppo, at(7, 12, 18)) is None
    assert ids(aleppo, current_event(aleppo, at(7, 13))) == "khalidiyah-layramoun"


def test_a_range_lingers_two_days_after_its_last_day(aleppo: Scenario) -> None:
    # ramouseh-retaken runs 6-8 Sep; the next event starts on 12 Sep
    assert ids(aleppo, current_event(aleppo, at(9, 8, 12))) == "ramouseh-retaken"
    assert ids(aleppo, current_event(aleppo, at(9, 10, 23.9))) == "ramouseh-retaken"
    assert current_event(aleppo, at(9, 11)) is None
    assert ids(aleppo, current_event(aleppo, at(9, 12))) == "september-ceasefire"


def test_a_newer_event_replaces_one_still_running(aleppo: Scenario) -> None:
    # 26 Nov's first major event in story order (the file's) stays until the next day's event
    assert ids(aleppo, current_event(aleppo, at(11, 26, 18))) == "hanano-taken"
    assert ids(aleppo, current_event(aleppo, at(11, 27))) == "northeast-collapse"
    assert ids(aleppo, current_event(aleppo, at(11, 28))) == "northeast-fallen"


def test_on_a_crowded_day_a_major_event_wins_then_the_first_listed(aleppo: Scenario) -> None:
    # 30 Nov: eleven events, three of them major; the chapter's opening comes first in story order
    same_day = [e.id for e in aleppo.events if e.date.start == date(2016, 11, 30)]
    assert len(same_day) == 11
    assert same_day[:2] == ["brief-next-offensive", "brief-hill-400"]
    assert ids(aleppo, current_event(aleppo, at(11, 30, 12))) == "brief-next-offensive"
    # 17 Jul: two major events; the first listed wins
    assert ids(aleppo, current_event(aleppo, at(7, 17))) == "castello-cut"


# --- current_event on small variants of the grid ---------------------------------------------------


def event(event_id: str, day: int, importance: str = "minor", **fields: Any) -> dict[str, Any]:
    return {
        "id": event_id,
        "date": {"start": f"2016-07-{day:02d}"},
        "kind": "other",
        "title": event_id.upper(),
        "summary": "A test event.",
        "source": "test",
        "importance": importance,
        **fields,
    }


def with_events(
    make_scenario: Make, grid_dict: dict[str, Any], *events: dict[str, Any]
) -> Scenario:
    grid_dict["events"] = list(events)
    grid_dict["claims"] = []
    return load_scenario(make_scenario(scenario=grid_dict))


def test_same_day_minor_events_the_first_listed_wins(
    make_scenario: Make, grid_dict: dict[str, Any]
) -> None:
    scenario = with_events(make_scenario, grid_dict, event("a1", 5), event("a2", 5))
    assert ids(scenario, current_event(scenario, at(7, 5, 6))) == "a1"


def test_same_day_major_event_wins_over_one_listed_before_it(
    make_scenario: Make, grid_dict: dict[str, Any]
) -> None:
    scenario = with_events(
        make_scenario, grid_dict, event("a1", 5), event("a2", 5, "major"), event("a3", 5, "major")
    )
    assert ids(scenario, current_event(scenario, at(7, 5, 6))) == "a2"


def test_a_later_minor_event_replaces_an_earlier_major_one(
    make_scenario: Make, grid_dict: dict[str, Any]
) -> None:
    scenario = with_events(make_scenario, grid_dict, event("big", 5, "major"), event("small", 6))
    assert ids(scenario, current_event(scenario, at(7, 5, 23))) == "big"
    assert ids(scenario, current_event(scenario, at(7, 6))) == "small"
    assert ids(scenario, current_event(scenario, at(7, 8, 23.9))) == "small"
    assert current_event(scenario, at(7, 9)) is None


def test_linger_days_is_a_parameter(make_scenario: Make, grid_dict: dict[str, Any]) -> None:
    scenario = with_events(make_scenario, grid_dict, event("only", 5))
    assert ids(scenario, current_event(scenario, at(7, 5, 23.9), linger_days=0)) == "only"
    assert current_event(scenario, at(7, 6), linger_days=0) is None
    assert ids(scenario, current_event(scenario, at(7, 10, 23.9), linger_days=5)) == "only"
    assert current_event(scenario, at(7, 11), linger_days=5) is None


# --- date wording ----------------------------------------------------------------------------------


def test_event_date_text_for_each_precision(aleppo: Scenario) -> None:
    by_id = {e.id: e for e in aleppo.events}
    assert event_date_text(by_id["castello-cut"]) == "17 Jul 2016"
    assert event_date_text(by_id["brief-castello-cut"]) == "about 17 Jul 2016"
    assert event_date_text(by_id["ramouseh-retaken"]) == "6 Sep 2016 – 8 Sep 2016"
    assert event_date_text(by_id["november-bombardment"]) == "1 Nov 2016 – 21 Nov 2016"


def test_event_date_text_on_the_grid(make_scenario: Make, grid_dict: dict[str, Any]) -> None:
    grid_dict["events"][0]["date"]["precision"] = "approximate"
    scenario = load_scenario(make_scenario(scenario=grid_dict))
    texts = {e.id: event_date_text(e) for e in scenario.events}
    assert texts == {
        "e1": "about 5 Jul 2016",
        "e2": "10 Jul 2016 – 12 Jul 2016",
        "e3": "18 Jul 2016",
    }


# --- citations -------------------------------------------------------------------------------------


def test_a_brief_paragraph_reads_as_a_paragraph(aleppo: Scenario) -> None:
    assert citation(aleppo, "brief#10") == Citation(
        "Beginning of the End for East Aleppo",
        "10",
        True,
        "https://www.washingtoninstitute.org/policy-analysis/beginning-end-east-aleppo",
    )
    assert cite(aleppo, "brief#10") == "Beginning of the End for East Aleppo, ¶10"


def test_another_locator_reads_as_written(aleppo: Scenario) -> None:
    assert citation(aleppo, "wp-summer-2016#7 July") == Citation(
        "2016 Aleppo summer campaign",
        "7 July",
        False,
        "https://en.wikipedia.org/wiki/2016_Aleppo_summer_campaign",
    )
    assert cite(aleppo, "wp-summer-2016#7 July") == "2016 Aleppo summer campaign, 7 July"


def test_no_locator_is_the_title_alone(aleppo: Scenario) -> None:
    assert cite(aleppo, "newarab-2016-09-24") == "Syrian regime forces capture Aleppo refugee camp"
    assert citation(aleppo, "brief") == Citation(
        "Beginning of the End for East Aleppo",
        "",
        False,
        "https://www.washingtoninstitute.org/policy-analysis/beginning-end-east-aleppo",
    )
    assert cite(aleppo, "brief") == "Beginning of the End for East Aleppo"


def test_an_unknown_source_is_a_key_error(aleppo: Scenario) -> None:
    with pytest.raises(KeyError, match="nowhere"):
        cite(aleppo, "nowhere#3")


# --- the caption -----------------------------------------------------------------------------------


def test_caption_at(aleppo: Scenario) -> None:
    assert caption_at(aleppo, at(7, 1) - 1e-6) is None
    assert caption_at(aleppo, at(7, 17, 12)) == Caption(
        3,
        "The Castello Road is cut",
        "17 Jul 2016",
        "2016 Aleppo summer campaign, 17 July",
    )
    assert caption_at(aleppo, at(9, 7)) == Caption(
        16,
        "Ramouseh retaken",
        "6 Sep 2016 – 8 Sep 2016",
        "2016 Aleppo summer campaign, Fighting continues, Army retakes territory",
    )
    assert caption_at(aleppo, at(9, 11)) is None


def reference_event(scenario: Scenario, t: float) -> int | None:
    """The rule of `current_event` by brute force over all events (no bisection), for comparison."""
    started = [k for k, e in enumerate(scenario.events) if day_number(e.date.start) <= t]
    if not started:
        return None
    latest = max(scenario.events[k].date.start for k in started)
    same_day = [k for k in started if scenario.events[k].date.start == latest]
    majors = [k for k in same_day if scenario.events[k].importance == "major"]
    best = (majors or same_day)[0]
    event = scenario.events[best]
    last_day = (event.date.end or event.date.start).toordinal()
    return best if t < last_day + 1 + CAPTION_LINGER_DAYS else None


def test_caption_follows_the_rule_at_every_quarter_day(aleppo: Scenario) -> None:
    steps = round((aleppo.end - aleppo.start) * 4)
    for k in range(steps + 1):
        t = aleppo.start + k / 4
        index = current_event(aleppo, t)
        assert index == reference_event(aleppo, t), t
        caption = caption_at(aleppo, t)
        if index is None:
            assert caption is None, t
        else:
            e = aleppo.events[index]
            assert caption == Caption(index, e.title, event_date_text(e), cite(aleppo, e.source))
