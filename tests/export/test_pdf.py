"""The PDF handout read back by poppler (pdfinfo, pdftotext, pdftoppm)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import numpy as np
import pytest

from aleppo_desktop.core.scenario import Scenario
from aleppo_desktop.export.atomic import ExportCancelled
from aleppo_desktop.export.pdf import area_table, handout_pages, write_pdf

from .conftest import require_tool, run_tool

pytestmark = pytest.mark.usefixtures("qt_fonts")


def page_rgb(path: Path, page: int, dpi: int = 40) -> np.ndarray:
    out = path.with_suffix(f".p{page}")
    run_tool(
        require_tool("pdftoppm"), "-r", str(dpi), "-f", str(page), "-l", str(page),
        "-singlefile", "-png", path, out,
    )  # fmt: skip
    result = subprocess.run(
        [require_tool("ffmpeg"), "-v", "error", "-i", f"{out}.png", "-f", "rawvideo",
         "-pix_fmt", "rgb24", "-"],
        capture_output=True, check=True,
    )  # fmt: skip
    width = round(297 / 25.4 * dpi)
    return np.frombuffer(result.stdout, np.uint8).reshape(-1, width, 3)


def test_handout_has_a_title_page_and_a_page_per_chapter(grid: Scenario, tmp_path: Path) -> None:
    out = write_pdf(grid, tmp_path / "handout.pdf")
    info = run_tool(require_tool("pdfinfo"), out)
    assert re.search(r"^Pages:\s+3$", info, re.M)  # title + chapters "Advance" and "Kurds"
    assert re.search(r"^Page size:\s+841\.\d+ x 595\.\d+ pts \(A4\)", info, re.M) or re.search(
        r"^Page size:\s+842 x 595 pts", info, re.M
    )
    text = run_tool(require_tool("pdftotext"), "-layout", out, "-")
    pages = text.split("\f")
    assert "Grid test" in pages[0] and "Made up for tests" in pages[0]  # the sources
    assert "Advance" in pages[1] and "The regime takes cell 02." in pages[1]
    assert "Source: A brief, ¶4" in pages[1]
    assert "Kurds" in pages[2] and "km²" in pages[2]


def test_area_table_changes_add_up(grid: Scenario) -> None:
    pages = handout_pages(grid, "events")
    rows = area_table(grid, pages)
    start = grid.frame_at(grid.start).area_km2
    total_change = sum(change for _, change, _ in rows)
    np.testing.assert_allclose(start + total_change, rows[-1][0])
    assert rows[0][1][0] > 3.9  # cell 02 (about 4 km²) went to the regime by the first event


def test_map_page_renders_with_faction_colours(grid: Scenario, tmp_path: Path) -> None:
    out = write_pdf(grid, tmp_path / "events.pdf", handout_pages(grid, "events"))
    assert re.search(r"^Pages:\s+4$", run_tool(require_tool("pdfinfo"), out), re.M)
    pixels = page_rgb(out, 2).astype(int)
    assert tuple(pixels[2, 2]) == (255, 255, 255)  # the page margin is paper
    regime = np.abs(pixels - [0xC0, 0x39, 0x2B]).max(axis=2) < 24
    rebel = np.abs(pixels - [0x2E, 0x8B, 0x57]).max(axis=2) < 24
    # On 2016-07-05 the regime holds 7 of the 12 cells and the rebels 4: the map shows both.
    assert regime.mean() > 0.05 and rebel.mean() > 0.03
    assert regime.sum() > rebel.sum()
    _, xs = np.nonzero(regime)
    assert xs.mean() < pixels.shape[1] * 0.6  # the map is on the left, the text on the right


def test_selected_events_and_unknown_ids(grid: Scenario) -> None:
    assert [p.event_index for p in handout_pages(grid, event_ids=["e3", "e1"])] == [0, 2]
    with pytest.raises(ValueError, match="unknown event"):
        handout_pages(grid, event_ids=["nope"])


def test_cancelled_pdf_leaves_no_file(grid: Scenario, tmp_path: Path) -> None:
    with pytest.raises(ExportCancelled):
        write_pdf(grid, tmp_path / "x.pdf", progress=lambda f: f < 0.5)
    assert list(tmp_path.iterdir()) == []


def test_long_source_lists_continue_on_more_pages(make_scenario, grid_dict, tmp_path: Path) -> None:
    from aleppo_desktop.core.loading import load_scenario

    grid_dict["sources"] += [
        {"id": f"s{i}", "kind": "article", "title": f"Report number {i} on the fighting",
         "publisher": "A newspaper", "url": f"https://example.org/{i}"}
        for i in range(60)
    ]  # fmt: skip
    scenario = load_scenario(make_scenario(scenario=grid_dict))
    out = write_pdf(scenario, tmp_path / "many.pdf")
    pages = int(re.search(r"^Pages:\s+(\d+)$", run_tool(require_tool("pdfinfo"), out), re.M)[1])
    assert pages >= 4  # title, at least one page of sources continued, two chapters
    text = run_tool(require_tool("pdftotext"), out, "-")
    assert "Sources (continued)" in text and "Report number 59" in text
    last = text.split("\f")[pages - 1]
    assert "Kurds" in last and f"page {pages}" in last


@pytest.fixture(scope="module")
def grid2(tmp_path_factory: pytest.TempPathFactory) -> Scenario:
    """The grid in format 2 (tests/core/format2.py): regions east, col3, all; two disputes."""
    from aleppo_desktop.core.loading import load_scenario
    from tests.conftest import write_scenario
    from tests.core.format2 import format2_scenario

    return load_scenario(
        write_scenario(tmp_path_factory.mktemp("pdf2") / "grid", format2_scenario())
    )


def test_region_lines_at_a_page(grid2: Scenario) -> None:
    from aleppo_desktop.export.pdf import region_lines

    page = handout_pages(grid2, "events")[0]  # e1, 5 Jul: a-02 has gone to the regime
    regions = dict(region_lines(grid2, page.t))
    assert list(regions) == ["East (23.9 km²)", "Col3 (12.0 km²)", "All (47.9 km²)"]
    assert regions["East (23.9 km²)"] == [
        "Regime: 4.0 km², none on 1 Jul 2016",
        "Rebels: 16.0 km², 80% of 1 Jul 2016",
        "YPG: 4.0 km², 100% of 1 Jul 2016",
    ]
    assert regions["Col3 (12.0 km²)"] == [  # the regime neither held nor holds any: not listed
        "Rebels: 8.0 km², 100% of 1 Jul 2016",
        "YPG: 4.0 km², 100% of 1 Jul 2016",
    ]


def test_a_gain_reads_as_one(grid2: Scenario) -> None:
    """A faction holding more than at the period start is worded as a gain ("up from … (+17%)"),
    not as "117% of 1 Jul 2016"; in Arabic too."""
    from aleppo_desktop import translations
    from aleppo_desktop.export.pdf import region_lines

    page = handout_pages(grid2, "events")[0]  # 5 Jul: the regime took a-02 (4 of its 24 km²)
    everything = dict(region_lines(grid2, page.t))["All (47.9 km²)"]
    assert everything[0] == "Regime: 27.9 km², up from 23.9 km² on 1 Jul 2016 (+17%)"
    assert everything[1] == "Rebels: 16.0 km², 80% of 1 Jul 2016"  # a loss keeps its share
    translations.use_language("ar")
    try:
        arabic = dict(region_lines(grid2, page.t))
    finally:
        translations.use_language("en")
    assert (
        arabic["منطقة (47.9 كم²)"][0]
        == "النظام: 27.9 كم²، ارتفاعاً من 23.9 كم² في 1 تموز 2016 (+17%)"
    )


def test_handout_carries_regions_and_sources_disagree(grid2: Scenario, tmp_path: Path) -> None:
    out = write_pdf(grid2, tmp_path / "events.pdf", handout_pages(grid2, "events"))
    text = run_tool(require_tool("pdftotext"), out, "-")
    pages = text.split("\f")
    assert "Regions" in pages[0] and "made up for tests: 6 cells" in pages[0]
    e1, e2, e3 = pages[1], pages[2], pages[3]
    assert "Rebels: 16.0 km², 80% of 1 Jul 2016" in e1
    assert "Rebels: 8.0 km², 40% of 1 Jul 2016" in e2  # 12 Jul: a-03 and a-13 left of five
    assert "Sources disagree: When column 2 fell" in " ".join(e2.split())
    assert "the map follows this" in e2
    # e1 and e3 are not among the dispute's events; the numbers dispute names no event
    assert "Sources disagree" not in e1 and "Sources disagree" not in e3


@pytest.mark.parametrize("mode", ["chapters", "events", "major"])
def test_pages_are_in_time_order_and_reach_the_end(aleppo: Scenario, mode: str) -> None:
    pages = handout_pages(aleppo, mode)
    times = [p.t for p in pages]
    assert times == sorted(times)  # 'major' listed 30 Oct (a range's end) before 28 Oct
    assert times[-1] == aleppo.end  # 22 Dec: the army's full control
    # each page's change is against the page before it: the km² add up in page order
    rows = area_table(aleppo, pages)
    start = aleppo.frame_at(aleppo.start).area_km2
    np.testing.assert_allclose(start + sum(change for _, change, _ in rows), rows[-1][0])


def test_chapter_pages_open_and_close_every_chapter(aleppo: Scenario) -> None:
    from aleppo_desktop.core.timeline import format_date
    from aleppo_desktop.export.pdf import chapter_of

    pages = handout_pages(aleppo, "chapters")
    chapters = [e.chapter for e in aleppo.events if e.chapter]
    # The end: its opening (1 Dec), where the fighting ended (13 Dec: the ceasefire and the last
    # pocket) and its end (22 Dec: the evacuation done, full control)
    the_end = [p for p in pages if chapter_of(aleppo, p.event_index) == "The end"]
    assert [format_date(p.t) for p in the_end] == ["1 Dec 2016", "13 Dec 2016", "22 Dec 2016"]
    assert aleppo.events[pages[-2].event_index].id == "ceasefire-dec-13"
    times = [p.t for p in pages]
    assert times == sorted(times) and len(set(times)) == len(times)  # time order, a day a page
    # chapters in story order, each page in its own chapter's run, the last chapter last
    runs = [chapter_of(aleppo, p.event_index) for p in pages]
    assert [c for k, c in enumerate(runs) if k == 0 or runs[k - 1] != c] == chapters
    assert {chapter_of(aleppo, p.event_index) for p in pages} == set(chapters)
    openings = [p for p in pages if aleppo.events[p.event_index].chapter]
    assert len(openings) == len(chapters)
    last = pages[-1]
    assert aleppo.events[last.event_index].id == "full-control"
    assert format_date(last.t) == "22 Dec 2016"


def test_handout_on_letter_paper(grid: Scenario, tmp_path: Path) -> None:
    out = write_pdf(grid, tmp_path / "letter.pdf", page_size="letter")
    info = run_tool(require_tool("pdfinfo"), out)
    assert re.search(r"^Page size:\s+792 x 612 pts \(letter\)", info, re.M)
    with pytest.raises(ValueError, match="page size"):
        write_pdf(grid, tmp_path / "x.pdf", page_size="a3")


def test_map_type_prints_at_7_points_or_more(grid: Scenario) -> None:
    """The smallest map text (a landmark label, the source line) measured in the handout's map
    picture, converted to points on paper."""
    from PySide6.QtGui import QFontMetricsF, QImage

    from aleppo_desktop.export.pdf import MAP_PIXELS_PER_MM, MAP_TYPE_SCALE
    from aleppo_desktop.render.labels import LABEL_POINT_SIZE, LANDMARK_FACTOR
    from aleppo_desktop.render.overlays import _font

    image = QImage(100, 100, QImage.Format.Format_ARGB32_Premultiplied)  # the map's device
    smallest = min(LABEL_POINT_SIZE * LANDMARK_FACTOR, 7.5)
    font = _font(smallest, MAP_TYPE_SCALE)
    px = font.pointSizeF() * image.logicalDpiY() / 72
    printed_pt = px / MAP_PIXELS_PER_MM / 25.4 * 72
    assert printed_pt >= 7.0
    assert QFontMetricsF(font, image).height() / MAP_PIXELS_PER_MM / 25.4 * 72 >= 7.0


@pytest.mark.slow
def test_aleppo_handout_ends_on_the_fall(aleppo: Scenario, tmp_path: Path) -> None:
    out = write_pdf(aleppo, tmp_path / "chapters.pdf")
    pages = run_tool(require_tool("pdftotext"), "-layout", out, "-").split("\f")
    dates = [re.search(r"map at (\d+ \w+ 2016)", p) for p in pages]
    shown = [m[1] for m in dates if m]
    assert shown[-1] == "22 Dec 2016" and "The end" in pages[len(shown)]
    from datetime import datetime

    days = [datetime.strptime(d, "%d %b %Y") for d in shown]
    assert days == sorted(days)
