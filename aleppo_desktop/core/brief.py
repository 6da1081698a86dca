"""Paragraph numbering of the analytic brief, shared by the scenario's references and the events panel.

The brief is captured from a web page with navigation debris around its body. Paragraph 1 is the lead
("The Assad regime and Russia seem eager…"); the body ends before the author's closing bio (the line
ending in "❖") or the "RECOMMENDED" block. A paragraph that the capture broke in two (its second half
starting in lower case) is joined back.
"""

from __future__ import annotations

import re
from pathlib import Path

from aleppo_desktop.core.limits import MAX_BRIEF_BYTES, read_bounded

_BODY_START = re.compile(r"^The Assad regime and Russia seem eager")
_BODY_END = re.compile(r"(❖\s*$)|(^RECOMMENDED\s*$)")
_DEBRIS = re.compile(r"^(Note:|<https?://|\(<https?://|\(/|\[)")


def split_paragraphs(text: str) -> list[str]:
    """Return the brief's body paragraphs in order (index 0 is paragraph 1), in time linear in the
    text (a paragraph broken into many lines is joined once, not line by line)."""
    # Markdown emphasis is dropped first, so a copy whose lead opens in **bold** still finds its start.
    lines = [
        re.sub(r"\*\*|\*", "", line).strip() for line in text.replace("\r\n", "\n").split("\n")
    ]
    try:
        start = next(i for i, line in enumerate(lines) if _BODY_START.match(line))
    except StopIteration:
        # A copy without the web debris (Markdown or plain text): every blank-line separated block.
        start = 0
    parts: list[list[str]] = []  # each paragraph's lines, joined at the end
    for line in lines[start:]:
        if _BODY_END.search(line):
            break
        if not line or _DEBRIS.match(line):
            continue
        if parts and line[0].islower():
            parts[-1].append(line)
        else:
            parts.append([line])
    return [" ".join(lines) for lines in parts]


def read_brief(path: Path) -> list[str]:
    """Read a copy of the brief (plain text or Markdown) and split it into numbered paragraphs.

    OSError for a file that is not a regular file or is larger than MAX_BRIEF_BYTES (a device or a
    FIFO would block or never end); UnicodeDecodeError for one that is not UTF-8."""
    return split_paragraphs(read_bounded(path, MAX_BRIEF_BYTES).decode("utf-8"))
