"""Texts that load without an error yet show players something the author did not mean.

Two traps an NGO author walked into while writing a story from ``docs/authoring.md``:

* **SP087, a speaker inside a narration line.** ``- "aunt: Near the border?"`` is one
  quoted string, so YAML hands SafePath a narration line and the narrator says
  "aunt: Near the border?". Only the text after ``aunt:`` should be in quotes.
* **SP088, an amount typed as digits and a currency word.** "45,000 baht" reaches a
  Thai or Burmese player however a translator retyped it (or did not), while
  ``{baht:45000}`` is written out by the game in each language's own way
  (:mod:`safepath.i18n.amounts`). One rule for amounts, everywhere: placeholders.

Both are warnings: the story still plays, but the author should look. ``safepath lint``
runs :func:`trap_diagnostics` on every scenario that loaded.
"""

from __future__ import annotations

import re
from typing import Iterable

from safepath.i18n.amounts import expand
from safepath.story.diagnostics import Diagnostic, warning
from safepath.story.model import Scenario, Text
from safepath.story.phone_numbers import SourceLines

#: "aunt: ..." or "Aunt Ratana: ..." at the start of a narration line
_SPEAKER_PREFIX = re.compile(r"^\s*([^\s:][^:\n]{0,40}?)\s*:\s")

_DIGITS = r"(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?"
#: currency word -> placeholder kind (story text is English; a translation that retypes an amount is SP071)
_CURRENCY_WORDS = {"baht": "baht", "thb": "baht", "฿": "baht",
                   "kyat": "kyat", "kyats": "kyat", "mmk": "kyat"}
_AMOUNT_AFTER = re.compile(rf"(?<![\w{{:.,]){_DIGITS}[ \u00a0]?(baht|thb|kyats?|mmk)(?![A-Za-z])", re.I)
_AMOUNT_BEFORE = re.compile(rf"(฿|\b(?:thb|mmk)\b)[ \u00a0]?{_DIGITS}(?![\d,])", re.I)
#: one cheap look first: most texts name no currency at all (lint runs this on every text; plain substring
#: tests are several times faster than a case-insensitive regex search here)
_CURRENCY_NAMES = ("baht", "thb", "kyat", "mmk", "฿")


def trap_diagnostics(scenario: Scenario) -> list[Diagnostic]:
    """SP087 and SP088 for one loaded scenario."""
    return speaker_in_narration(scenario) + typed_amounts(scenario.texts())


def speaker_in_narration(scenario: Scenario) -> list[Diagnostic]:
    """SP087: a narration line that starts with a character's id or name and ``: ``."""
    names: dict[str, str] = {}
    for char_id, character in scenario.characters.items():
        names[char_id.lower()] = char_id
        names[character.name.text.strip().lower()] = char_id
    out = []
    for scene in scenario.scenes.values():
        for line in scene.lines:
            if line.speaker is not None or ":" not in line.text.text:  # the pattern needs a colon
                continue
            m = _SPEAKER_PREFIX.match(line.text.text)
            if not m or m.group(1).lower() not in names:
                continue
            char_id = names[m.group(1).lower()]
            rest = line.text.text[m.end():].strip()
            pos = line.text.pos
            out.append(warning(
                "SP087", pos.file, pos.line, pos.column,
                f"this narration line starts with '{m.group(1)}: ', so the narrator says "
                f"“{_short(line.text.text)}” instead of {scenario.characters[char_id].name.text} saying it",
                f"to let {char_id} speak, put only the text in quotes: - {char_id}: \"{_short(rest, 40)}\" "
                "(quotes around the whole line make it narration)"))
    return out


def find_typed_amounts(text: str) -> list[tuple[int, str, str]]:
    """Amounts written as digits and a currency word: (offset, as written, the placeholder to write)."""
    found = []
    lowered = text.lower()
    if not any(name in lowered for name in _CURRENCY_NAMES):
        return found
    for m in _AMOUNT_AFTER.finditer(text):
        found.append((m.start(), m.group(0), _placeholder(_CURRENCY_WORDS[m.group(3).lower()], m.group(1), m.group(2))))
    for m in _AMOUNT_BEFORE.finditer(text):
        found.append((m.start(), m.group(0), _placeholder(_CURRENCY_WORDS[m.group(1).lower()], m.group(2), m.group(3))))
    return sorted(found)


def typed_amounts(texts: Iterable[Text]) -> list[Diagnostic]:
    """SP088: each typed amount, with the caret on its first digit and the placeholder in the hint."""
    out = []
    sources = SourceLines()
    clean: set[str] = set()  # texts with no typed amount: a story repeats its replies and choices
    for t in texts:
        if t.text in clean:
            continue
        found = find_typed_amounts(t.text)
        if not found:
            clean.add(t.text)
        for _offset, written, placeholder in found:
            line, column = sources.find(t.pos, written)
            out.append(warning(
                "SP088", t.pos.file, line, column,
                f"the amount '{written}' is typed as digits and a currency word, so Thai and Burmese players "
                "see it however a translator retyped it",
                f"write {placeholder} instead: the game writes it out in each player's language "
                f"(“{expand(placeholder, 'en', keep_together=False)}”, “{expand(placeholder, 'th', keep_together=False)}”); "
                "a text that starts with '{' must be put in quotes"))
    return out


def _placeholder(kind: str, digits: str, fraction: str | None) -> str:
    amount = digits.replace(",", "")
    if fraction and kind == "baht":
        amount += "." + fraction
    return "{" + kind + ":" + amount + "}"


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."
