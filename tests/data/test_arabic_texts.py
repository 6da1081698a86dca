"""The bundled scenario speaks Arabic throughout: every text a reader sees has its Arabic beside the
English (marked as translations in data/PROVENANCE.md), and the app shows it in Arabic."""

from __future__ import annotations

import re
from collections.abc import Iterator

from aleppo_desktop.core import language
from aleppo_desktop.core.disputes import dispute_lines
from aleppo_desktop.core.scenario import Scenario

ARABIC = re.compile(r"[\u0600-\u06ff]")
LATIN_WORD = re.compile(r"[A-Za-z]{4,}")


def texts(scenario: Scenario) -> Iterator[tuple[str, str, str]]:
    """(where, English, Arabic) for every authored text a reader sees."""
    meta = scenario.meta
    yield "title", meta.title, meta.title_ar
    yield "subtitle", meta.subtitle, meta.subtitle_ar
    for event in scenario.events:
        yield f"event {event.id} title", event.title, event.title_ar
        yield f"event {event.id} summary", event.summary, event.summary_ar
        if event.chapter:
            yield f"event {event.id} chapter", event.chapter, event.chapter_ar
    for claim in scenario.claims:
        yield f"claim {claim.id}", claim.statement, claim.statement_ar
    for dispute in scenario.disputes:
        yield f"dispute {dispute.id} title", dispute.title, dispute.title_ar
        yield f"dispute {dispute.id} why", dispute.why, dispute.why_ar
        for version in dispute.versions:
            yield f"dispute {dispute.id} version {version.id}", version.says, version.says_ar
    for estimate in scenario.strength:
        yield f"strength {estimate.id}", estimate.who_name, estimate.who_name_ar
    for faction in scenario.factions:
        yield f"faction {faction.id}", faction.name_en, faction.name_ar
    for region in scenario.regions:
        yield f"region {region.id} name", region.name_en, region.name_ar
        yield f"region {region.id} note", region.note, region.note_ar
    for basemap in scenario.basemaps:
        yield f"layer {basemap.layer.id}", basemap.layer.title_en, basemap.layer.title_ar


def test_every_text_has_its_arabic(aleppo: Scenario) -> None:
    found = list(texts(aleppo))
    assert len(found) > 150  # 70 events, their chapters, 7 claims, 7 disputes, …
    missing = [where for where, english, arabic in found if english and not ARABIC.search(arabic)]
    assert not missing, missing
    # a translation, not the English copied: mostly Arabic letters (ids and foreign titles aside)
    for where, english, arabic in found:
        if english:
            assert len(ARABIC.findall(arabic)) > len(re.findall(r"[A-Za-z]", arabic)), where


def test_the_english_stays_the_authored_text(aleppo: Scenario) -> None:
    for where, english, _ in texts(aleppo):
        if where.endswith(("summary", "why")) or " version " in where:
            assert english and not ARABIC.search(english), where


def test_the_disputes_read_in_arabic(aleppo: Scenario) -> None:
    language.set_language("ar")
    try:
        for dispute in aleppo.disputes:
            lines = dispute_lines(aleppo, dispute)
            assert lines[0].startswith("المصادر مختلفة: ")
            assert dispute.title_ar in lines[0]
            for version, line in zip(dispute.versions, lines[1:-1], strict=True):
                assert version.says_ar in line
            assert dispute.why_ar in lines[-1]
            # only citations (source titles) and ids may be Latin
            text = " ".join(lines)
            for version in dispute.versions:
                assert version.says not in text
    finally:
        language.set_language("en")


def test_the_landmarks_labelled_at_city_scale_have_arabic_names(aleppo: Scenario) -> None:
    """The Citadel and the gates are labelled at city scale: in Arabic, by their Arabic names."""
    landmarks = aleppo.basemap("landmarks").features
    key = [f for f in landmarks if f.kind in ("citadel", "gate")]
    assert len(key) == 8
    assert all(ARABIC.search(f.name_ar) for f in key), [f.name_en for f in key if not f.name_ar]


def test_the_gis_tables_carry_the_arabic_in_arabic(aleppo: Scenario) -> None:
    """The GeoPackage/CSV dispute tables word each field in the language (the English per field)."""
    from aleppo_desktop.export.gis import dispute_rows, dispute_version_rows

    language.set_language("ar")
    try:
        rows = dispute_rows(aleppo)
        versions = dispute_version_rows(aleppo)
    finally:
        language.set_language("en")
    for row, dispute in zip(rows, aleppo.disputes, strict=True):
        assert row["why"] == dispute.why_ar and row["title"] == dispute.title_ar
    says = {(v.id, v.says_ar) for d in aleppo.disputes for v in d.versions}
    assert {(row["version_id"], row["says"]) for row in versions} == says
