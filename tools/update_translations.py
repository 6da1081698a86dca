"""Extract the marked strings into resources/translations/*.ts and compile the .qm catalogues.

    .venv/bin/python tools/update_translations.py          # lupdate + lrelease
    .venv/bin/python tools/update_translations.py --check  # exit 1 if a .ts misses a marked string
                                                           # or a .qm is not its .ts compiled

Marked strings: `self.tr("...")` in widgets, `translate("context", "...")` (aleppo_desktop.translations)
in the CLI and the exports, `QT_TRANSLATE_NOOP("context", "...")` in tables (argparse's words, the
core's error messages). Translate new entries in the .ts (Qt Linguist: `pyside6-linguist`), then run
this again; tests/ui/test_translations.py fails on any user-visible string left untranslated.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "aleppo_desktop"
TRANSLATIONS = ROOT / "resources" / "translations"
LANGUAGES = ("ar",)
SOURCES = ("ui", "cli", "export", "render")
# the core is Qt-free: core.language words its phrases; its error messages are marked in core.errors
CORE_SOURCES = ("core/errors.py",)
BIN = Path(sys.executable).parent


def sources() -> list[str]:
    found = [p for folder in SOURCES for p in (PACKAGE / folder).rglob("*.py")]
    return sorted(str(p) for p in [*found, *(PACKAGE / f for f in CORE_SOURCES)])


def entries(ts: Path) -> set[tuple[str, str]]:
    """(context, source) of every message in a .ts."""
    return {
        (context.findtext("name") or "", message.findtext("source") or "")
        for context in ET.parse(ts).getroot().iter("context")
        for message in context.iter("message")
    }


def lupdate(ts: Path) -> None:
    subprocess.run(
        [
            str(BIN / "pyside6-lupdate"),
            *sources(),
            "-locations",
            "none",
            "-no-obsolete",
            "-target-language",
            "ar",
            "-ts",
            str(ts),
        ],
        check=True,
        capture_output=True,  # its summary ("Found N source texts") is noise here
    )


def lrelease(ts: Path, qm: Path) -> None:
    subprocess.run(
        [str(BIN / "pyside6-lrelease"), "-silent", "-nounfinished", str(ts), "-qm", str(qm)],
        check=True,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check the .qm are up to date")
    args = parser.parse_args()
    stale: list[str] = []
    for code in LANGUAGES:
        ts = TRANSLATIONS / f"aleppo_desktop_{code}.ts"
        qm = ts.with_suffix(".qm")
        if args.check:
            with tempfile.TemporaryDirectory() as tmp:
                fresh = Path(tmp) / qm.name
                lrelease(ts, fresh)
                if not qm.is_file() or fresh.read_bytes() != qm.read_bytes():
                    stale.append(f"{qm} is not its .ts compiled")
                extracted = Path(tmp) / ts.name
                shutil.copyfile(ts, extracted)
                lupdate(extracted)
                for context, source in sorted(entries(extracted) - entries(ts)):
                    stale.append(f"{ts} misses {context}: {source!r}")
            continue
        lupdate(ts)
        lrelease(ts, qm)
    for problem in stale:
        print(f"{problem}: run tools/update_translations.py", file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
