"""The bundled scenario's story: sources, brief coverage, chapters, assessments, and the map at dated places.

The spot checks are read from the sources (the brief and the Wikipedia texts in ../shared), not from
control.csv: each says who held a place on a day and where that is written.
"""

from __future__ import annotations

import csv
import itertools
import json
import re
from datetime import date
from pathlib import Path

import pytest

from aleppo_desktop.core.brief import read_brief
from aleppo_desktop.core.loading import load_scenario
from aleppo_desktop.core.scenario import Scenario
from aleppo_desktop.core.timeline import day_number
from aleppo_desktop.paths import bundled_scenario_path

SCENARIO_JSON = bundled_scenario_path()
FOLDER = SCENARIO_JSON.parent
BRIEF = (
    Path(__file__).resolve().parents[2].parent
    / "shared"
    / "brief"
    / ("beginning-of-the-end-for-east-aleppo.txt")
)

CHAPTERS = [
    "Siege",
    "Breach",
    "Re-siege",
    "Northern push",
    "November offensive",
    "The brief's date",
    "The end",
]

# A paragraph "contains a date or a figure" when it has a digit, a month, or a number word.
DATE_OR_FIGURE = re.compile(
    r"\d|\b(January|February|March|April|May|June|July|August|September|October|November|December"
    r"|ten|fifteen|twenty|thirty|forty|fifty|hundred|thousand|half|percent)\b",
    re.IGNORECASE,
)

# (area id, date, expected holder, where the sources say so)
SPOT_CHECKS = [
    # Siege (July)
    ("out-mallah-farms", "2016-07-08", "regime", "wp-summer-2016#7 July"),
    ("out-castello-road", "2016-07-10", "rebel", "wp-summer-2016#7 July (under fire, not yet cut)"),
    ("out-castello-road", "2016-07-18", "regime", "wp-summer-2016#17 July"),
    ("nb-86", "2016-07-14", "regime", "wp-summer-2016#13 July (al-Khalidiyah)"),
    ("nb-52", "2016-07-05", "rebel", "wp-summer-2016#13 July (al-Layramoun before the advance)"),
    ("nb-52", "2016-07-27", "regime", "wp-summer-2016#26 July (al-Layramoun)"),
    ("out-bani-zeid", "2016-07-27", "rebel", "wp-summer-2016#28 July"),
    ("out-bani-zeid", "2016-07-29", "regime", "wp-summer-2016#28 July"),
    ("nb-124", "2016-07-28", "ypg", "wp-summer-2016#27 July (Bani Zeid youth housing)"),
    ("nb-37", "2016-08-01", "regime", "wp-summer-2016#28 July (al-Ashrafiyah)"),
    # Breach (August)
    ("out-ramouseh-academies", "2016-07-20", "regime", "wp-summer-2016#5 August"),
    ("out-1070-project", "2016-08-03", "rebel", "wp-summer-2016#31 July"),
    ("out-ramouseh-academies", "2016-08-06", "rebel", "wp-summer-2016#5 August"),
    ("nb-33-east", "2016-08-09", "rebel", "wp-summer-2016#8 August (Ramouseh)"),
    # Re-siege (September)
    ("out-ramouseh-academies", "2016-09-05", "regime", "wp-summer-2016#4 September"),
    ("nb-33-east", "2016-09-10", "regime", "wp-summer-2016#6-8 September"),
    ("out-ramouseh-corridor", "2016-09-21", "regime", "brief#4 (gap closed by 21 September)"),
    # Northern push (22 Sep - 30 Oct) and the rebel offensive in the west
    ("out-shqeif", "2016-09-20", "rebel", "brief#4"),
    ("out-shqeif", "2016-10-31", "regime", "brief#4; xinhua-2016-10-02"),
    ("out-handarat-camp", "2016-09-21", "rebel", "brief#4; newarab-2016-09-24"),
    ("out-handarat", "2016-09-21", "regime", "brief#4 (the army attacks from Handarat)"),
    ("out-kindi-hospital", "2016-10-05", "regime", "alalam-2016-10-04"),
    ("out-oweija", "2016-10-09", "regime", "oweija-2016-10-08"),
    ("nb-18", "2016-09-01", "rebel", "ap-2016-09-27 (Farafra)"),
    ("nb-18", "2016-09-28", "regime", "ap-2016-09-27 (Farafra)"),
    ("out-handarat-camp", "2016-10-05", "regime", "brief#4; alalam-2016-10-04"),
    ("out-dahiyet-al-assad", "2016-10-30", "rebel", "wp-oct-nov-2016#28 October"),
    ("out-new-aleppo-west", "2016-11-01", "rebel", "wp-oct-nov-2016#28 October (Minyan)"),
    # November offensive
    ("out-dahiyet-al-assad", "2016-11-13", "regime", "sohr-2016-11-12"),
    ("out-new-aleppo-west", "2016-11-13", "regime", "reuters-2016-11-11"),
    ("nb-65", "2016-07-01", "rebel", "wp-nov-dec-2016#26 November (rebel-held since 2012)"),
    ("nb-65", "2016-11-15", "rebel", "wp-nov-dec-2016#20 November"),
    ("nb-65", "2016-11-27", "regime", "wp-nov-dec-2016#26 November; brief#4"),
    ("nb-72", "2016-11-28", "regime", "wp-nov-dec-2016#27 November (Jabal Badro)"),
    ("nb-29-east", "2016-11-29", "regime", "wp-nov-dec-2016#28 November (Sakhour)"),
    ("nb-67", "2016-11-29", "regime", "wp-nov-dec-2016#28 November (Haydariyah)"),
    ("nb-111", "2016-11-29", "regime", "wp-nov-dec-2016#28 November (Sheikh Khodr)"),
    ("nb-110", "2016-11-29", "ypg", "wp-nov-dec-2016#28 November (Sheikh Fares)"),
    ("nb-122", "2016-11-29", "ypg", "wp-nov-dec-2016#28 November (Hellok)"),
    ("nb-53", "2016-12-01", "ypg", "wp-nov-dec-2016#28 November (Bustan al-Basha)"),
    ("nb-81", "2016-11-30", "regime", "wp-nov-dec-2016#29 November (al-Jazmati)"),
    ("out-zouhor-factories", "2016-11-18", "rebel", "wp-nov-dec-2016#19 November"),
    ("out-zouhor-factories", "2016-11-22", "regime", "wp-nov-dec-2016#19-21 November"),
    ("out-hill-400", "2016-11-24", "rebel", "wp-nov-dec-2016#25 November (Hill 420)"),
    # The brief's date (30 Nov)
    ("out-hill-400", "2016-11-30", "regime", "brief#8 (Hill 400 taken)"),
    ("nb-112", "2016-11-30", "regime", "wp-nov-dec-2016#30 November (most of Sheikh Saeed)"),
    ("nb-84", "2016-11-30", "rebel", "brief#8 (Myassar not yet isolated)"),
    ("nb-105", "2016-11-30", "rebel", "brief#8 (Salah al-Din)"),
    ("nb-25", "2016-11-30", "rebel", "brief#9 (Old City south of the Citadel)"),
    ("nb-108", "2016-11-30", "rebel", "wp-nov-dec-2016#4 December (Sha'ar)"),
    # The end (December)
    ("nb-112", "2016-12-05", "rebel", "wp-nov-dec-2016#1 December (rebels regain Sheikh Saeed)"),
    ("nb-68", "2016-12-03", "regime", "wp-nov-dec-2016#2 December (Tariq al-Bab)"),
    ("nb-84", "2016-12-05", "regime", "wp-nov-dec-2016#4 December (Mayssar)"),
    ("nb-25", "2016-12-07", "regime", "wp-nov-dec-2016#6 December (Umayyad Mosque)"),
    ("nb-108", "2016-12-07", "regime", "wp-nov-dec-2016#6 December (Sha'ar)"),
    ("nb-89", "2016-12-08", "regime", "wp-nov-dec-2016#7 December (Marjah)"),
    ("nb-58", "2016-12-11", "rebel", "wp-nov-dec-2016#12 December (al-Fardous)"),
    ("nb-58", "2016-12-13", "regime", "wp-nov-dec-2016#12 December (al-Fardous)"),
    ("nb-54", "2016-12-13", "regime", "wp-battle-aleppo (Bustan al-Qasr held by 12-13 Dec)"),
    ("nb-10", "2016-12-20", "rebel", "wp-nov-dec-2016#Ceasefires and evacuation"),
    ("nb-10", "2016-12-22", "regime", "wp-nov-dec-2016#Ceasefires and evacuation"),
    ("nb-43", "2016-12-22", "regime", "wp-nov-dec-2016#Ceasefires and evacuation (Sukkari)"),
    # The rest of the city and the countryside, at dates no chapter names
    ("nb-16", "2016-08-01", "regime", "wp-battle-aleppo (the Citadel garrison)"),
    ("nb-16", "2016-12-01", "regime", "wp-nov-dec-2016#4 December (government-held Citadel)"),
    ("nb-94", "2016-08-06", "regime", "wp-battle-aleppo#Timeline (government-held west)"),
    ("nb-123", "2016-10-01", "regime", "wp-battle-aleppo#Timeline (University, west)"),
    ("nb-51", "2016-09-01", "regime", "wp-battle-aleppo#2015 (al-Jdayde, government-held)"),
    ("nb-92", "2016-11-28", "regime", "wp-battle-aleppo#Timeline (al-Midan, west)"),
    ("nb-17", "2016-11-01", "regime", "wp-nov-dec-2016#29 November (the airport)"),
    ("nb-70", "2016-11-20", "regime", "wp-battle-aleppo#2014 (Sheikh Najjar)"),
    ("nb-39", "2016-10-01", "ypg", "wp-battle-aleppo#Combatants (Sheikh Maqsoud)"),
    ("nb-39", "2016-12-22", "ypg", "wp-battle-aleppo#Aftermath"),
    (
        "out-kafr-hamra-hraytan",
        "2016-12-22",
        "rebel",
        "wp-battle-aleppo#Aftermath (suburbs until 2020)",
    ),
    ("out-khan-tuman-southwest", "2016-12-22", "rebel", "wp-southern-2016#Second offensive"),
]


@pytest.fixture(scope="module")
def scenario() -> Scenario:
    return load_scenario(SCENARIO_JSON)


@pytest.fixture(scope="module")
def meta() -> dict:
    return json.loads(SCENARIO_JSON.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def control_rows() -> list[dict[str, str]]:
    with (FOLDER / "control.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def paragraphs() -> list[str]:
    if not BRIEF.is_file():
        pytest.skip(
            "the brief is not vendored (© The Washington Institute): it is read from "
            "../shared/brief/, which is not beside this clone"
        )
    return read_brief(BRIEF)


def _source_id(reference: str) -> str:
    return reference.partition("#")[0].strip()


def test_every_control_row_cites_a_known_source(meta, control_rows):
    known = {s["id"] for s in meta["sources"]}
    assert control_rows
    for row in control_rows:
        assert row["source"], row
        assert _source_id(row["source"]) in known, row


def test_every_event_cites_a_known_source(meta):
    known = {s["id"] for s in meta["sources"]}
    for event in meta["events"]:
        assert _source_id(event["source"]) in known, event["id"]


def test_brief_references_point_at_real_paragraphs(meta, control_rows, paragraphs):
    references = [e["source"] for e in meta["events"]] + [c["source"] for c in meta["claims"]]
    references += [s["source"] for s in meta["strength"]] + [r["source"] for r in control_rows]
    for reference in references:
        source_id, _, locator = reference.partition("#")
        if source_id == "brief" and locator:
            assert 1 <= int(locator) <= len(paragraphs), reference


def test_every_dated_or_quantified_brief_paragraph_is_referenced(meta, paragraphs):
    cited = {
        int(ref.partition("#")[2])
        for ref in [e["source"] for e in meta["events"]] + [c["source"] for c in meta["claims"]]
        if ref.startswith("brief#")
    }
    needing = {n for n, text in enumerate(paragraphs, 1) if DATE_OR_FIGURE.search(text)}
    assert needing, "the regex found no dated paragraph: the brief's numbering changed?"
    assert needing - cited == set()


def test_chapters_present_once_and_in_order(scenario):
    opening = [(e.date.start, e.chapter) for e in scenario.events if e.chapter]
    assert [chapter for _, chapter in opening] == CHAPTERS
    assert [day for day, _ in opening] == sorted(day for day, _ in opening)
    assert opening[CHAPTERS.index("The brief's date")][0] == date(2016, 11, 30)


def test_assessments_have_outcomes_after_the_brief(scenario):
    events = {e.id: e for e in scenario.events}
    assessments = [e for e in scenario.events if e.kind == "assessment"]
    assert len(assessments) >= 6
    for a in assessments:
        assert scenario.from_brief(a.source), a.id
        assert a.outcome in events, a.id
        outcome = events[a.outcome]
        assert outcome.kind != "assessment"
        assert not scenario.from_brief(outcome.source), a.id
        assert outcome.date.start > a.date.start, a.id


def test_strength_components_add_up_to_the_brief_total(scenario):
    by_id = {s.id: s for s in scenario.strength}
    parts = ("jfs", "ahrar-al-sham", "fatah-halab")
    total = sum((by_id[p].low + by_id[p].high) / 2 for p in parts)
    assert total == pytest.approx(by_id["rebels-aleppo"].low, rel=0.05)


@pytest.mark.parametrize(("area_id", "day", "expected", "where"), SPOT_CHECKS)
def test_spot_check(scenario, area_id, day, expected, where):
    holding = scenario.control.holding_at(area_id, day_number(date.fromisoformat(day)))
    assert holding.faction == expected, f"{area_id} on {day}: {holding} (sources: {where})"


def test_spot_checks_cover_every_chapter_and_the_whole_city(scenario):
    assert len(SPOT_CHECKS) >= 40
    days = sorted({date.fromisoformat(day) for _, day, _, _ in SPOT_CHECKS})
    opening = [e.date.start for e in scenario.events if e.chapter]
    bounds = [*opening, date(2016, 12, 23)]
    for start, end in itertools.pairwise(bounds):
        assert any(start <= d < end for d in days), f"no spot check between {start} and {end}"
    areas = {area for area, _, _, _ in SPOT_CHECKS}
    assert len({a for a in areas if a.startswith("nb-")}) >= 25
    assert len({a for a in areas if a.startswith("out-")}) >= 10


def test_after_the_evacuation_no_neighbourhood_is_rebel_held(scenario):
    t = day_number(date(2016, 12, 22))
    rebel = [
        u.id
        for u in scenario.areas
        if u.id.startswith("nb-") and scenario.control.holding_at(u.id, t).faction == "rebel"
    ]
    assert rebel == []
