"""The PDF handout in Arabic: the Arabic captions come out of `pdftotext` whole and in logical order,
page after page; headings, dates and figures are Arabic; the English fills in per field."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata

import pytest

from aleppo_desktop import translations
from aleppo_desktop.core.loading import load_scenario
from aleppo_desktop.export.pdf import handout_pages, write_pdf

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="needs poppler's pdftotext"
)

TITLES_AR = {"e1": "سقوط الخلية 02", "e2": "سقوط العمود الثاني", "e3": "توقع تحرك وحدات الحماية"}
BIDI_MARKS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def extracted(path) -> list[str]:
    """The text of each page as pdftotext gives it, with Arabic presentation forms folded back to
    letters (NFKC) and bidi embedding marks dropped: what a reader copying it gets."""
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [BIDI_MARKS.sub("", unicodedata.normalize("NFKC", page)) for page in text.split("\f")]


@pytest.fixture
def arabic():
    translations.use_language("ar")
    yield
    translations.use_language("en")


def test_the_arabic_handout_reads_in_logical_order(
    qapp, make_scenario, grid_dict, tmp_path, arabic
):
    grid_dict["title_ar"] = "شبكة الاختبار"
    for event in grid_dict["events"]:
        event["title_ar"] = TITLES_AR[event["id"]]
    grid_dict["events"][0]["chapter_ar"] = "التقدم"
    scenario = load_scenario(make_scenario(scenario=grid_dict))
    out = write_pdf(scenario, tmp_path / "handout.pdf", handout_pages(scenario, "events"))
    pages = extracted(out)
    assert "المصادر" in pages[0]  # the title page's headings
    assert "شبكة الاختبار" in pages[0]
    event_pages = pages[1:4]
    for page, event_id in zip(event_pages, ("e1", "e2", "e3"), strict=True):
        assert TITLES_AR[event_id] in page, page
        assert "الطرف" in page and "التغيير" in page  # the area table's headings
    # the event's date in Arabic, in order (pdftotext places a space at a change of direction
    # by its own heuristics, so spaces are not compared)
    assert "5تموز2016" in re.sub(r"\s", "", event_pages[0])
    assert "التقدم" in event_pages[0]  # the chapter heading
    # a field without Arabic falls back to its English, whole and in order
    assert "The regime takes cell 02." in event_pages[0]


def test_the_english_handout_is_unchanged(qapp, grid_path, tmp_path):
    scenario = load_scenario(grid_path)
    out = write_pdf(scenario, tmp_path / "handout.pdf", handout_pages(scenario, "events"))
    pages = extracted(out)
    assert "Cell 02 falls" in pages[1]
    assert not re.search("[\u0600-\u06ff]", pages[1].split("Faction")[0])


def test_kml_names_in_arabic(make_scenario, grid_dict, tmp_path, arabic):
    from aleppo_desktop.export.gis import write_kml

    for event in grid_dict["events"]:
        event["title_ar"] = TITLES_AR[event["id"]]
    scenario = load_scenario(make_scenario(scenario=grid_dict))
    text = write_kml(scenario, tmp_path / "map.kml").read_text(encoding="utf-8")
    assert f"<name>{TITLES_AR['e1']}</name>" in text
    # zones named by the areas' and factions' Arabic names, the style worded in Arabic
    assert re.search(r"<name>خلية \d\d: [^<(]+ \(مؤكد\)</name>", text)
