"""Phone numbers typed into story text: only the numbers of the helplines file may reach players (SP099).

A number an author types into a chat line ("call me on 0812345678") would reach a
young person as if the game vouched for it. ``safepath lint`` runs :func:`check_texts`
over every text of every scenario; amounts (45,000; 500 baht; ``{baht:45000}``),
years, dates and short numbers ("press 2") are told apart from phone numbers. A number one typo away
from a listed helpline ("1330") is answered with that helpline ("did you mean 1300?").
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable

from safepath.story.diagnostics import Diagnostic, error
from safepath.story.helplines import FILE_NAME, Helpline
from safepath.story.model import Pos, Text

_NUMBER_RUN = re.compile(r"(?<![\w@/.])\+?\d+(?:[ ,.\-]\d+)*")
_MONEY_AFTER = re.compile(r"\s*(baht|kyat|dollars?|usd|thb|mmk|%|percent)\b", re.I)
_MONEY_BEFORE = re.compile(r"(usd|thb|mmk|\$|฿|\{(?:baht|kyat|number):)\s*$", re.I)  # {baht:45000}: an amount
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def numbers_in_text(text: str) -> list[tuple[int, str]]:
    """Phone-like numbers in a text, as (offset, number).

    Left out as not phone numbers: fewer than three digits (ages, "press 2"),
    amounts with a thousands comma or a decimal point (45,000; 4.5), numbers
    followed by a currency word (500 baht), dates (2026-11-22) and years
    (1950-2099).
    """
    out = []
    for m in _NUMBER_RUN.finditer(text):
        token = m.group(0)
        digits = re.sub(r"\D", "", token)
        if len(digits) < 3 or "," in token or "." in token or _ISO_DATE.match(token):
            continue
        if _MONEY_AFTER.match(text, m.end()) or _MONEY_BEFORE.search(text[: m.start()]):
            continue
        if re.fullmatch(r"(19[5-9]\d|20\d\d)", token):
            continue
        out.append((m.start(), token))
    return out


def unlisted_numbers(text: str, helplines: Iterable[Helpline]) -> list[tuple[int, str]]:
    """Phone-like numbers in ``text`` that are not the number of a listed helpline."""
    found = numbers_in_text(text)
    if not found:  # nearly every text: the helplines' digits are not worked out for it
        return []
    allowed = {h.digits() for h in helplines if h.number}
    allowed.discard("")
    return [(o, t) for o, t in found if re.sub(r"\D", "", t) not in allowed]


def check_texts(texts: Iterable[Text], helplines: Iterable[Helpline]) -> list[Diagnostic]:
    """SP099 errors for phone numbers in story texts that are not in the helplines file.

    An error, not a warning: the research behind the game allows only checked numbers, because a wrong
    number given to a young person in danger can cost them the one call they dare to make.
    """
    helplines = list(helplines)
    out = []
    sources = SourceLines()
    clean: set[str] = set()  # texts with no unlisted number: a story repeats its replies and choices
    for t in texts:
        if t.text in clean:
            continue
        found = unlisted_numbers(t.text, helplines)
        if not found:
            clean.add(t.text)
        for _, token in found:
            line, column = sources.find(t.pos, token)
            near = near_miss(token, helplines)
            if near is not None:
                hint = (f"did you mean {near.number} ({near.name.text})? Only numbers from the helplines file may "
                        "appear (an NGO adds its own in a local helplines file)")
            else:
                hint = ("only numbers from the helplines file may appear (an NGO adds its own in a local helplines "
                        "file); write an amount of money as a placeholder, {baht:500}, and a plain number as "
                        "{number:330000}")
            out.append(error("SP099", t.pos.file, line, column,
                             f"the number {token!r} looks like a phone number but is not in {FILE_NAME}", hint))
    return out


def near_miss(token: str, helplines: Iterable[Helpline]) -> Helpline | None:
    """The listed helpline whose number is one typo away from ``token`` (a digit changed, added, dropped
    or two neighbours swapped): "1330" is almost surely 1300, and saying so is the helpful answer."""
    digits = re.sub(r"\D", "", token)
    for helpline in helplines:
        listed = helpline.digits() if helpline.number else ""
        if listed and listed != digits and _one_typo(digits, listed):
            return helpline
    return None


def _one_typo(a: str, b: str) -> bool:
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]]
                                  and a[diff[1]] == b[diff[0]])
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    if len(long_) - len(short) != 1:
        return False
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


class SourceLines:
    """Finds a word in the file at or after a text's position, so the caret lands on the number itself."""

    def __init__(self):
        self._files: dict[str, list[str] | None] = {}

    def find(self, pos: Pos, token: str) -> tuple[int, int]:
        if pos.file not in self._files:
            try:
                self._files[pos.file] = Path(pos.file).read_text(encoding="utf-8").split("\n")
            except (OSError, UnicodeDecodeError):
                self._files[pos.file] = None
        lines = self._files[pos.file]
        if lines and pos.line >= 1:
            for n in range(pos.line - 1, min(len(lines), pos.line + 40)):
                start = pos.column - 1 if n == pos.line - 1 else 0
                found = lines[n].find(token, max(0, start))
                if found >= 0:
                    return n + 1, found + 1
        return pos.line, pos.column

