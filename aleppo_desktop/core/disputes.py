"""Where sources disagree: which disputes touch an event or an instant, and the one wording of them.

The timeline, the event details and the PDF handout ask the same questions here, so a dispute reads
the same on screen and on paper.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from aleppo_desktop.core.model import Dispute, DisputeVersion
from aleppo_desktop.core.story import cite, date_text
from aleppo_desktop.core.timeline import day_number

if TYPE_CHECKING:
    from aleppo_desktop.core.scenario import Scenario

SOURCES_DISAGREE = "Sources disagree"


def dispute_days(scenario: Scenario, dispute: Dispute) -> tuple[date, date]:
    """The first and last day the dispute sits on the timeline: its `date` (a day, or a range), else
    the span of its events from the first one's start to the last one's (last) day."""
    if dispute.date is not None:
        return dispute.date.start, dispute.date.end or dispute.date.start
    by_id = {e.id: e for e in scenario.events}
    dates = [by_id[e].date for e in dispute.events]
    return min(d.start for d in dates), max(d.end or d.start for d in dates)


def dispute_span(scenario: Scenario, dispute: Dispute) -> tuple[float, float]:
    """The half-open clock interval [first day 00:00, day after the last 00:00) of the dispute."""
    first, last = dispute_days(scenario, dispute)
    return day_number(first), day_number(last) + 1.0


def disputes_touching(scenario: Scenario, event_id: str) -> tuple[Dispute, ...]:
    """The disputes that name this event among their events (file order)."""
    return tuple(d for d in scenario.disputes if event_id in d.events)


def disputes_active_at(scenario: Scenario, t: float) -> tuple[Dispute, ...]:
    """The disputes whose span contains the instant t (half-open, like every interval here)."""
    result = []
    for d in scenario.disputes:
        start, end = dispute_span(scenario, d)
        if start <= t < end:
            result.append(d)
    return tuple(result)


def followed_version(dispute: Dispute) -> DisputeVersion | None:
    """The version the map follows, or None when it takes no side."""
    return next((v for v in dispute.versions if v.id == dispute.follows), None)


def version_text(scenario: Scenario, version: DisputeVersion) -> str:
    """`What it says (10 Sep 2016 – 14 Sep 2016) — Citation`."""
    when = f" ({date_text(version.date)})" if version.date is not None else ""
    return f"{version.says}{when} — {cite(scenario, version.source)}"


def dispute_lines(scenario: Scenario, dispute: Dispute) -> list[str]:
    """The dispute as lines of text: a heading, one line per version (the followed one marked), and
    what the map follows and why. The event details and the handout print these."""
    lines = [f"{SOURCES_DISAGREE}: {dispute.title}"]
    for version in dispute.versions:
        mark = " [the map follows this]" if version.id == dispute.follows else ""
        lines.append(f"• {version_text(scenario, version)}{mark}")
    followed = followed_version(dispute)
    lines.append(
        f"Map follows {cite(scenario, followed.source)}: {dispute.why}"
        if followed is not None
        else f"The map takes no side: {dispute.why}"
    )
    return lines


def dispute_summary(scenario: Scenario, dispute: Dispute) -> str:
    """One line: `Sources disagree: TITLE — brief: ...; wikipedia: ... (map follows wikipedia)`."""
    versions = "; ".join(f"{v.id}: {v.says}" for v in dispute.versions)
    side = f"map follows {dispute.follows}" if dispute.follows else "map takes no side"
    return f"{SOURCES_DISAGREE}: {dispute.title} — {versions} ({side})"
