"""Where sources disagree: which disputes touch an event or an instant, and the one wording of them.

The timeline, the event details and the PDF handout ask the same questions here, so a dispute reads
the same on screen and on paper, in the language spoken (each text per field: `core.language.pick`).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from aleppo_desktop.core.language import phrase, pick
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
    return f"{pick(version.says, version.says_ar)}{when} — {cite(scenario, version.source)}"


def dispute_lines(scenario: Scenario, dispute: Dispute) -> list[str]:
    """The dispute as lines of text: a heading, one line per version (the followed one marked), and
    what the map follows and why. The event details and the handout print these."""
    lines = [f"{phrase(SOURCES_DISAGREE)}: {pick(dispute.title, dispute.title_ar)}"]
    for version in dispute.versions:
        mark = " " + phrase("[the map follows this]") if version.id == dispute.follows else ""
        lines.append(f"• {version_text(scenario, version)}{mark}")
    followed = followed_version(dispute)
    why = pick(dispute.why, dispute.why_ar)
    lines.append(
        phrase("Map follows {source}: {why}", source=cite(scenario, followed.source), why=why)
        if followed is not None
        else phrase("The map takes no side: {why}", why=why)
    )
    return lines


def dispute_summary(scenario: Scenario, dispute: Dispute) -> str:
    """One line: `Sources disagree: TITLE — brief: ...; wikipedia: ... (map follows wikipedia)`."""
    versions = "; ".join(f"{v.id}: {pick(v.says, v.says_ar)}" for v in dispute.versions)
    side = (
        phrase("map follows {version}", version=dispute.follows)
        if dispute.follows
        else phrase("map takes no side")
    )
    title = pick(dispute.title, dispute.title_ar)
    return f"{phrase(SOURCES_DISAGREE)}: {title} — {versions} ({side})"
