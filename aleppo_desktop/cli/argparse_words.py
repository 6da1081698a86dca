"""argparse's own words ("usage:", "error:", "show this help message and exit", …) in the language
spoken.

argparse words its help and errors through `gettext` (`argparse._`, `argparse.ngettext`, looked up
when a message is made); `speak_argparse` points those two names at the app's catalogue, where the
words below are marked (context "argparse"), so `--lang ar` gives Arabic help and errors without a
`.mo` file or a second translation system. The English strings are argparse's own (Python 3.11),
kept verbatim: a word argparse changes in a later Python shows in English until marked here again
(tests/test_translations.py checks the help and an error have no English words left).
"""

from __future__ import annotations

import argparse

from aleppo_desktop.core.language import QT_TRANSLATE_NOOP, language, translate

CONTEXT = "argparse"
WORDS = (
    QT_TRANSLATE_NOOP("argparse", "usage: "),
    QT_TRANSLATE_NOOP("argparse", "positional arguments"),
    QT_TRANSLATE_NOOP("argparse", "options"),
    QT_TRANSLATE_NOOP("argparse", "show this help message and exit"),
    QT_TRANSLATE_NOOP("argparse", "show program's version number and exit"),
    QT_TRANSLATE_NOOP("argparse", "%(prog)s: error: %(message)s\n"),
    QT_TRANSLATE_NOOP("argparse", "the following arguments are required: %s"),
    QT_TRANSLATE_NOOP("argparse", "unrecognized arguments: %s"),
    QT_TRANSLATE_NOOP("argparse", "argument %(argument_name)s: %(message)s"),
    QT_TRANSLATE_NOOP("argparse", "invalid choice: %(value)r (choose from %(choices)s)"),
    QT_TRANSLATE_NOOP("argparse", "invalid %(type)s value: %(value)r"),
    QT_TRANSLATE_NOOP("argparse", "expected one argument"),
    QT_TRANSLATE_NOOP("argparse", "expected at most one argument"),
    QT_TRANSLATE_NOOP("argparse", "expected at least one argument"),
    QT_TRANSLATE_NOOP("argparse", "expected %s argument"),
    QT_TRANSLATE_NOOP("argparse", "expected %s arguments"),
    QT_TRANSLATE_NOOP("argparse", "ambiguous option: %(option)s could match %(matches)s"),
    QT_TRANSLATE_NOOP("argparse", "one of the arguments %s is required"),
    QT_TRANSLATE_NOOP("argparse", "not allowed with argument %s"),
    QT_TRANSLATE_NOOP("argparse", "ignored explicit argument %r"),
    QT_TRANSLATE_NOOP("argparse", "unexpected option string: %s"),
)


def _gettext(message: str) -> str:
    return translate(CONTEXT, message)


def _ngettext(singular: str, plural: str, count: int) -> str:
    return translate(CONTEXT, singular if count == 1 else plural)


def speak_argparse() -> None:
    """argparse's words in the language spoken from now on (its English in English)."""
    if language() == "en":
        import gettext

        argparse._ = gettext.gettext  # type: ignore[attr-defined]
        argparse.ngettext = gettext.ngettext  # type: ignore[attr-defined]
        return
    argparse._ = _gettext  # type: ignore[attr-defined]
    argparse.ngettext = _ngettext  # type: ignore[attr-defined]


def version_help() -> str:
    """The --version option's help (argparse words it without gettext)."""
    return translate(CONTEXT, "show program's version number and exit")
