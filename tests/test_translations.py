"""The message catalogue: compiled from its source, every entry translated, and `--lang` in the CLI."""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from aleppo_desktop import translations
from aleppo_desktop.cli import main, split_lang
from aleppo_desktop.cli.common import CliError
from aleppo_desktop.core import language

ROOT = Path(__file__).resolve().parents[1]
ARABIC = re.compile(r"[\u0600-\u06ff]")
FIELDS = re.compile(r"{[^{}]*}|%\d|%n|%\([a-z_]+\)[sr]|%[sr]")  # Qt's, ours and argparse's


@pytest.fixture(autouse=True)
def english_afterwards():
    yield
    translations.use_language("en", eastern_digits=False)


def messages() -> list[tuple[str, str, ET.Element]]:
    tree = ET.parse(translations.catalogue_path("ar", compiled=False))
    return [
        (context.findtext("name") or "", message.findtext("source") or "", message)
        for context in tree.getroot().iter("context")
        for message in context.iter("message")
    ]


def test_the_shipped_catalogue_is_its_source_compiled():
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "update_translations.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


def test_every_message_has_its_arabic_with_the_same_fields():
    found = messages()
    assert len(found) > 10
    for context, source, message in found:
        translation = message.find("translation")
        assert translation is not None
        where = f"{context}: {source!r}"
        assert translation.get("type") not in ("unfinished", "obsolete", "vanished"), where
        text = translation.text or ""
        assert ARABIC.search(text), where
        assert sorted(FIELDS.findall(source)) == sorted(FIELDS.findall(text)), where
        if "&" in source.replace("&&", ""):  # a mnemonic keeps one in Arabic too
            assert "&" in text, where


def test_translate_reads_the_catalogue():
    assert translations.translate("cli", "unexpected error") == "unexpected error"
    translations.use_language("ar")
    assert translations.translate("cli", "unexpected error") == "خطأ غير متوقع"
    assert translations.translate("cli", "not in the catalogue") == "not in the catalogue"
    assert language.language() == "ar"


def test_lang_is_a_global_option_before_any_subcommand():
    assert split_lang(["--lang", "ar", "validate", "x"]) == ("ar", ["validate", "x"])
    assert split_lang(["--lang=en", "info"]) == ("en", ["info"])
    assert split_lang(["validate", "--lang", "ar"]) == (None, ["validate", "--lang", "ar"])
    with pytest.raises(CliError, match="'fr' is not one of en, ar"):
        split_lang(["--lang", "fr"])


def test_the_cli_speaks_arabic_with_lang_ar(grid_path, capsys):
    assert main(["--lang", "ar", "validate", str(grid_path)]) == 0
    out = capsys.readouterr().out
    assert ": صالح (12 وحدة مساحة" in out
    assert main(["--lang", "en", "validate", str(grid_path)]) == 0
    assert ": valid (12 area units" in capsys.readouterr().out


def test_the_cli_refuses_an_unknown_language(capsys):
    assert main(["--lang", "fr", "info"]) == 2
    assert "--lang: 'fr' is not one of en, ar" in capsys.readouterr().err


def test_a_core_error_is_worded_in_arabic(capsys, tmp_path):
    """The reader boundary's message and the system's reason, in the catalogue's Arabic."""
    missing = tmp_path / "nonexistent"
    assert main(["--lang", "ar", "validate", str(missing)]) == 1
    err = capsys.readouterr().err
    assert f"{missing}: تتعذر القراءة: لا يوجد ملف أو مجلد بهذا الاسم" in err
    assert not re.search(r"cannot|No such", err)
    assert main(["--lang", "en", "validate", str(missing)]) == 1
    assert f"{missing}: cannot read: No such file or directory" in capsys.readouterr().err


ARGPARSE_ENGLISH = (
    "usage:",
    "error:",
    "positional arguments",
    "options:",
    "show this help message and exit",
    "show program's version number and exit",
    "the following arguments are required",
    "unrecognized arguments",
)


def help_text(argv: list[str], capsys) -> str:
    with pytest.raises(SystemExit):
        main(argv)
    captured = capsys.readouterr()
    return captured.out + captured.err


def test_argparse_speaks_arabic_with_lang_ar(capsys):
    for argv in (
        ["--lang", "ar", "--help"],
        ["--lang", "ar", "state"],  # --at is required
        ["--lang", "ar", "validate", "--bogus"],
        ["--lang", "ar", "new", "--help"],
        ["--lang", "ar", "export", "video", "--help"],
        ["--lang", "ar", "export", "pdf", "--help"],
    ):
        text = help_text(argv, capsys)
        assert ARABIC.search(text), argv
        for words in ARGPARSE_ENGLISH:
            assert words not in text, (argv, words)
    top = help_text(["--lang", "ar", "--help"], capsys)
    assert "الاستخدام:" in top and "الخيارات:" in top and "عرض رسالة المساعدة هذه والخروج" in top
    # every help line is Arabic past its option (the names, metavars and commands stay as typed)
    for line in top.splitlines()[3:]:
        described = re.sub(
            r"^\s*(-\S+|\{[^}]*\}|[a-z]+)(,? -\S+)*( \{[^}]*\}| [A-Z_.-]+)*", "", line
        )
        assert not re.search(r"[A-Za-z]{3,}", described.replace("PDF", "").replace("GIS", "")), line
    state = help_text(["--lang", "ar", "state"], capsys)
    assert "خطأ: الوسائط التالية مطلوبة: --at" in state
    english = help_text(["--lang", "en", "state"], capsys)
    assert "error: the following arguments are required: --at" in english


def test_the_check_finds_a_marked_string_the_catalogue_misses(tmp_path, monkeypatch, capsys):
    """A string marked in the sources (a new tr() by anyone) but not in the .ts fails --check."""
    import importlib.util
    import shutil

    spec = importlib.util.spec_from_file_location(
        "update_translations", ROOT / "tools" / "update_translations.py"
    )
    assert spec is not None and spec.loader is not None
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    ts = tmp_path / "aleppo_desktop_ar.ts"
    shutil.copyfile(translations.catalogue_path("ar", compiled=False), ts)
    text = ts.read_text(encoding="utf-8")
    dropped = "<source>unexpected error</source>"
    start = text.rindex("<message>", 0, text.index(dropped))
    end = text.index("</message>", start) + len("</message>")
    ts.write_text(text[:start] + text[end:], encoding="utf-8")
    tool.lrelease(ts, ts.with_suffix(".qm"))
    monkeypatch.setattr(tool, "TRANSLATIONS", tmp_path)
    monkeypatch.setattr(sys, "argv", ["update_translations.py", "--check"])
    assert tool.main() == 1
    err = capsys.readouterr().err
    assert "misses cli: 'unexpected error'" in err
    assert "not its .ts compiled" not in err


def test_the_cli_words_its_own_errors_in_arabic(capsys):
    assert main(["--lang", "ar", "state", "--at", "2015-01-01"]) == 1
    assert "--at: 2015-01-01 خارج الفترة 2016-07-01..2016-12-22" in capsys.readouterr().err


def test_the_cli_shows_the_scenario_s_arabic_texts(capsys):
    assert main(["--lang", "ar", "info"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("حلب 2016 — من الحصار")
    assert "الأعداد     164 وحدة مساحة" in out and "خط الجبهة" in out
    assert "area units" not in out and "front line" not in out
    assert main(["--lang", "en", "info"]) == 0
    assert capsys.readouterr().out.startswith("Aleppo 2016 — From the siege")


def test_the_claims_and_state_tables_are_headed_in_arabic(capsys):
    assert main(["--lang", "ar", "claims"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("الادعاء") and "يصح" in out.splitlines()[0]
    assert " held " not in out and "سيطر rebel على" in out
    assert main(["--lang", "ar", "state", "--at", "2016-11-28", "--format", "table"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("الطرف") and "خط الجبهة" in out and "front line" not in out


def test_a_scenario_s_own_problems_are_worded_in_arabic(make_scenario, capsys):
    """The commonest problems of one's own scenario (an unknown area in the control table) too."""
    from tests.conftest import CONTROL_ROWS

    path = make_scenario(control=[*CONTROL_ROWS, "a-99,2016-07-06,regime,confirmed,test#x,"])
    assert main(["--lang", "ar", "validate", str(path)]) == 1
    err = capsys.readouterr().err
    assert "control.csv:السطر 20: منطقة غير معروفة 'a-99'" in err


def test_the_new_command_speaks_arabic(tmp_path, capsys):
    """`new`: the gaps and overlaps it refuses, the dates it cannot read, the units it read and
    the scenario it wrote, in Arabic (the problems kept in English underneath)."""
    from tests.core.test_editing import polygons_with_gap_and_overlap

    areas = str(polygons_with_gap_and_overlap(tmp_path / "mine.geojson"))
    out = str(tmp_path / "x")
    assert main(["--lang", "ar", "new", "--areas", areas, "--out", out]) == 1
    err = capsys.readouterr().err
    assert "تداخل: تتداخل u00 و" in err and "فجوة: " in err and "شغّل الأمر مع" in err
    assert "overlap" not in err and "gap:" not in err and "run with" not in err
    assert main(["--lang", "ar", "new", "--areas", areas, "--out", out, "--start", "2016-13-01"])
    assert "ليس تاريخاً (YYYY-MM-DD): '2016-13-01'" in capsys.readouterr().err
    assert main(["--lang", "ar", "new", "--areas", areas, "--out", out, "--snap"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "قُرئت 8 من وحدات المساحة"
    assert lines[-2].startswith("ضُبطت: ")
    assert lines[-1].startswith(f"{out}/scenario.json: كُتب؛") and "written" not in lines[-1]
    assert main(["--lang", "ar", "new", "--areas", areas, "--out", out, "--snap"]) == 1
    assert "فيه سيناريو من قبل" in capsys.readouterr().err


def test_rarer_problems_are_worded_in_arabic(make_scenario, capsys):
    """Overlapping units, a control row without a date or with an impossible one, a window that
    does not end after it starts: in Arabic, not in English."""
    from tests.conftest import CONTROL_ROWS, grid_areas

    areas = grid_areas()
    ring = areas["features"][0]["geometry"]["coordinates"][0]  # a-00 grown over a-01
    areas["features"][0]["geometry"]["coordinates"][0] = [
        [x + 0.005 if x > 37.11 else x, y] for x, y in ring
    ]
    path = make_scenario(areas=areas)
    assert main(["--lang", "ar", "validate", str(path)]) == 1
    err = capsys.readouterr().err
    assert "المنطقة a-00 تتداخل مع a-01 بمساحة" in err and "overlaps" not in err
    rows = ["a-01,,regime,confirmed,test#x,", "a-02,2016-07-32,regime,confirmed,test#x,"]
    path = make_scenario(control=[*CONTROL_ROWS, *rows])
    assert main(["--lang", "ar", "validate", str(path)]) == 1
    err = capsys.readouterr().err
    assert "date مفقود" in err and "missing" not in err
    assert "التاريخ (date): ليس تاريخاً (YYYY-MM-DD): '2016-07-32'" in err
    header = "area_id,date,faction,confidence,source,note,until"
    window = "a-02,2016-07-06,regime,confirmed,test#x,,2016-07-06"
    path = make_scenario(control="\n".join([header, *(r + "," for r in CONTROL_ROWS), window]))
    assert main(["--lang", "ar", "validate", str(path)]) == 1
    err = capsys.readouterr().err
    assert "ليس بعد date 2016-07-06" in err and "is not after" not in err
