"""Paragraph numbering of the brief: the shared capture and a Markdown copy give the same numbers."""

from __future__ import annotations

from pathlib import Path

import pytest

from aleppo_desktop.core.brief import read_brief, split_paragraphs

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
BRIEF = SHARED / "brief" / "beginning-of-the-end-for-east-aleppo.txt"

STARTS = [
    "The Assad regime and Russia seem eager to establish full control",
    "Over the past week, the Syrian army and its allies conducted a four-da",
    "The opposition-held portion of East Aleppo has been surrounded since J",
    "The regime closed the gap by September 21, at which point the army and",
    "Regime forces fought their way into East Aleppo with support from the",
    "For their part, the number of rebels in Aleppo is estimated at only 10",
    "Jabhat Fatah al-Sham reinforced its presence",
    "The next regime offensive in Aleppo, which reportedly began today, wil",
    "In response, the rebels are retreating to neighborhoods in the old cit",
    "After the current offensive, the regime's next steps are uncertain.",
]

pytestmark = pytest.mark.skipif(not BRIEF.exists(), reason=f"{BRIEF} is not present")


def test_the_capture_has_ten_paragraphs_with_known_starts() -> None:
    paragraphs = read_brief(BRIEF)
    assert len(paragraphs) == 10
    for number, (paragraph, start) in enumerate(zip(paragraphs, STARTS, strict=True), 1):
        assert paragraph.startswith(start), number
    assert not any("❖" in p or "RECOMMENDED" in p for p in paragraphs)


def markdown_copy(paragraphs: list[str], title: bool) -> str:
    """The brief as an analyst might paste it: blank-line paragraphs, each opening in **bold**."""
    blocks = ["# The Beginning of the End for East Aleppo"] if title else []
    for paragraph in paragraphs:
        first, _, rest = paragraph.partition(" ")
        blocks.append(f"**{first}** {rest}")
    return "\n\n".join(blocks) + "\n"


@pytest.mark.parametrize("title", [False, True], ids=["bare", "with-title"])
def test_a_markdown_copy_gives_the_same_numbering(tmp_path: Path, title: bool) -> None:
    paragraphs = read_brief(BRIEF)
    copy = tmp_path / "brief.md"
    copy.write_text(markdown_copy(paragraphs, title), encoding="utf-8")
    assert "**The** Assad regime" in copy.read_text(encoding="utf-8")
    assert read_brief(copy) == paragraphs


def test_split_paragraphs_joins_a_broken_paragraph() -> None:
    text = (
        "The Assad regime and Russia seem eager to win.\n\nSecond *one* starts\n\nhere and ends.\n"
    )
    assert split_paragraphs(text) == [
        "The Assad regime and Russia seem eager to win.",
        "Second one starts here and ends.",
    ]
