"""The key-terms glossary, and the check that a translation uses it.

A wrong word for a key term spreads: once "คนหางาน" (a *job seeker*) stands for "recruiter" in one place,
the next translator copies it. Each language keeps a glossary beside its catalogs,
``locales/<lang>/glossary.csv``, in the CSV shape Weblate imports as a glossary (and Poedit users can open in
any spreadsheet): a header ``source,target,explanation`` and one row per accepted translation of an English
term. A term with several accepted forms has several rows; English spellings of the same term (``licence``,
``license``, ``licensed``) are rows of their own.

:func:`term_diagnostics` reports, at the entry's line in the ``.po`` file, every translated entry whose English
uses a key term (as a whole word, plural included) and whose translation uses none of that term's forms
(SP125). A longer term wins over a shorter one inside it (``scam compound`` before ``compound``).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog

from safepath.story.diagnostics import Diagnostic, error

GLOSSARY_NAME = "glossary.csv"
COLUMNS = ("source", "target", "explanation")


@dataclass(frozen=True)
class Term:
    source: str  # the English term, lower case
    targets: tuple[str, ...]  # every accepted translation
    explanation: str
    pattern: re.Pattern


def glossary_path(locales_dir: Path, lang: str) -> Path:
    return Path(locales_dir) / lang / GLOSSARY_NAME


def _pattern(source: str) -> re.Pattern:
    words = [re.escape(w) for w in source.split()]
    last = source.split()[-1]
    if len(last) > 2 and last.endswith("y") and last[-2] not in "aeiou":
        words[-1] = re.escape(last[:-1]) + "(?:y|ies)"  # agency, agencies
    else:
        words[-1] += "(?:s|es)?"
    return re.compile(r"(?<![\w-])" + r"\s+".join(words) + r"(?![\w-])", re.IGNORECASE)


def read_glossary(path: Path) -> tuple[list[Term], list[Diagnostic]]:
    """The terms of one glossary file, and what is wrong with the file (SP126), never an exception."""
    shown = str(path)
    try:
        text = Path(path).read_bytes().decode("utf-8-sig")
    except OSError as exc:
        return [], [error("SP126", shown, 1, 1, f"the glossary cannot be read ({exc.strerror or exc})",
                          "Check that the file exists and is readable.")]
    except UnicodeDecodeError as exc:
        return [], [error("SP126", shown, 1, 1, f"the glossary is not UTF-8 text (byte {exc.start})",
                          "Save it as CSV UTF-8 in your spreadsheet program.")]
    rows = list(csv.reader(io.StringIO(text)))
    if not rows or [c.strip().lower() for c in rows[0][:2]] != ["source", "target"]:
        return [], [error("SP126", shown, 1, 1, "the glossary's first row must be the header `source,target,explanation`",
                          "Put the column names in the first row, as Weblate's glossary export writes them.")]
    by_source: dict[str, list[str]] = {}
    explanations: dict[str, str] = {}
    problems: list[Diagnostic] = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) < 2 or not row[0].strip() or not row[1].strip():
            problems.append(error("SP126", shown, number, 1, "this row needs an English term and its translation",
                                  "Write `term,translation,explanation` (the explanation may be empty)."))
            continue
        source = " ".join(row[0].split()).lower()
        by_source.setdefault(source, []).append(row[1].strip())
        if len(row) > 2 and row[2].strip():
            explanations.setdefault(source, row[2].strip())
    terms = [Term(s, tuple(t), explanations.get(s, ""), _pattern(s)) for s, t in by_source.items()]
    terms.sort(key=lambda t: -len(t.source))  # longer terms first: "scam compound" before "compound"
    return terms, problems


def terms_in(english: str, terms: list[Term]) -> list[Term]:
    """The key terms an English text uses, a longer term hiding the shorter ones inside it."""
    found: list[Term] = []
    taken: list[tuple[int, int]] = []
    for term in terms:
        for match in term.pattern.finditer(english):
            span = match.span()
            if any(a < span[1] and span[0] < b for a, b in taken):
                continue
            taken.append(span)
            if term not in found:
                found.append(term)
    return found


def _or(words: tuple[str, ...]) -> str:
    quoted = [f"“{w}”" for w in words]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]


def term_diagnostics(catalog: Catalog, terms: list[Term], shown: str) -> list[Diagnostic]:
    """SP125 for each translated entry that leaves out the glossary's word for a key term of its English."""
    out: list[Diagnostic] = []
    if not terms:
        return out
    for message in catalog:
        if not message.id or message.fuzzy:
            continue
        english = message.id if isinstance(message.id, str) else message.id[0]
        strings = message.string if isinstance(message.string, (list, tuple)) else (message.string,)
        translation = " ".join(s for s in strings if s)
        if not translation or translation == english:
            continue
        for term in terms_in(english, terms):
            if not any(target in translation for target in term.targets):
                out.append(error(
                    "SP125", shown, message.lineno or 1, 1,
                    f"the English says “{term.source}”, and this translation uses none of the glossary's words for "
                    f"it ({_or(term.targets)})",
                    "Use one of the glossary's words (see its explanation column), or, if a new word is better, "
                    "add it to the glossary first so that every translator uses it."))
    return out
