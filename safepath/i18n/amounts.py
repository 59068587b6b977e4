"""Money and number placeholders in story text: ``{baht:45000}``, ``{kyat:1300000}``, ``{number:330000}``.

Authors write an amount once, in the English YAML, as a placeholder; the game
writes it out at display time in the player's language with CLDR's data
(through Babel), so translators never retype digits or currency names and a
Thai, Burmese and English player each read the amount the way their language
writes it. Translators keep the placeholder exactly as it is in the English
(``safepath i18n status`` reports a changed one as SP071).

The syntax, chosen to be easy to type and to read for NGO staff:

* ``{baht:45000}`` or ``{baht:45,000}``: Thai baht; ``{baht:12.50}`` for satang;
* ``{kyat:1300000}``: Myanmar kyat (whole kyat only);
* ``{number:330000}``: a plain number with the language's digit grouping;
* ``{{`` and ``}}``: a literal brace. Any other ``{...}`` is a mistake the loader
  reports (SP077) with its file, line and column, so a typo such as
  ``{bhat:45000}`` never reaches a player as raw braces.

**Why "45,000 Thai baht" and not "฿45,000".** CLDR offers two ways to write
money. The *symbol* format gives "฿45,000" in Thai, "45,000 ฿" in Burmese and
"THB45,000" in English; the *name* format gives "45,000 บาทไทย",
"ထိုင်း ဘတ် 45,000" and "45,000 Thai baht" (``format_type="name"``, with each
language's own word order and, in English, plural: "1 Myanmar kyat", "45,000
Myanmar kyats"). The players are 13 to 25, often weak readers, many reading a
second language: a word is read where a symbol or an ISO code ("THB", "MMK")
is skipped or misread, and the country in the name ("Thai baht", "Myanmar
kyat") is exactly what someone weighing a job across the border must not
confuse; recruiters quote baht to people who think in kyat. So the game uses
the name format. Whole amounts are written without ".00" (job ads quote round
salaries, and fewer characters are easier to read); the space between the
number and the currency's name is a no-break space, so "45,000" never ends a
line whose next one starts with "Thai baht" (the name itself may wrap: a whole
"1,300,000 Myanmar kyats" is wider than a chat bubble at the largest text size).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

# the well-formed placeholder lives apart, for the placeholder check (start-up time)
from safepath.i18n.amount_tokens import has_placeholders, well_formed_tokens  # noqa: F401  (re-exported)

if TYPE_CHECKING:  # imported where an amount is parsed: the title screen (the first frame) has none
    from decimal import Decimal

#: placeholder kind -> ISO 4217 currency (None: a plain number)
KINDS = {"baht": "THB", "kyat": "MMK", "number": None}
#: fraction digits allowed in the amount, per kind
_DECIMALS = {"baht": 2, "kyat": 0, "number": 3}

NBSP = "\u00a0"

# One token: an escaped brace, or a {...} group (a stray "}" or an unclosed "{" is matched too).
_TOKEN = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")
_AMOUNT = re.compile(r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?")
EXAMPLE = "{baht:45000}"


@lru_cache(maxsize=1)
def _number_edge() -> re.Pattern:
    """A space between a number and a word; compiled on first use.

    This one pattern takes 4–8 ms to compile (sre's optimiser on the two look-arounds), more than
    any module the title screen imports: the first frame has no amount to write out.
    """
    return re.compile(r"(?<=\d)[ \u00a0](?=\D)|(?<=\D)[ \u00a0](?=\d)")


@dataclass(frozen=True)
class Amount:
    """One well-formed placeholder found in a text."""

    start: int  # offset of "{" in the text
    end: int
    kind: str  # baht, kyat, number
    value: Decimal


@dataclass(frozen=True)
class Problem:
    """A ``{...}`` that is not a placeholder: where it is and what to say."""

    start: int
    text: str  # the token as written
    message: str
    hint: str


def _parse(inner: str) -> tuple[str, Decimal] | str:
    """(kind, amount) of the inside of ``{...}``, or a sentence saying what is wrong."""
    kind, colon, amount = inner.partition(":")
    if not colon:
        words = inner.split()
        if len(words) == 2 and words[1].lower() in KINDS and _AMOUNT.fullmatch(words[0]):
            return f"write the amount after the word: {{{words[1].lower()}:{words[0]}}}"
        return (f"story text can only hold money and number placeholders ({{baht:…}}, {{kyat:…}}, {{number:…}}); "
                "to show a brace, write {{ or }}")
    if kind != kind.strip() or amount != amount.strip():
        return f"write it without spaces: {{{kind.strip()}:{amount.strip()}}}"
    if kind not in KINDS:
        import difflib  # only for an author's typo: not on the game's way to its first frame

        close = difflib.get_close_matches(kind.lower(), list(KINDS), n=1, cutoff=0.5)
        if close:
            return f"{kind!r} is not a kind of placeholder; did you mean {{{close[0]}:{amount}}}?"
        return f"{kind!r} is not a kind of placeholder; use baht, kyat or number, e.g. {EXAMPLE}"
    match = _AMOUNT.fullmatch(amount)
    if not match:
        return (f"the amount {amount!r} must be written with digits only, like {{{kind}:45000}} or "
                f"{{{kind}:45,000}} (no words, units or spaces)")
    decimals = match.group(1)
    if decimals is not None and len(decimals) > _DECIMALS[kind]:
        if _DECIMALS[kind] == 0:
            return f"{kind} amounts are whole numbers: write {{{kind}:{amount.split('.')[0]}}}"
        return f"{kind} amounts have at most {_DECIMALS[kind]} digits after the point"
    from decimal import Decimal

    return kind, Decimal(amount.replace(",", ""))


def scan(text: str) -> tuple[list[Amount], list[Problem]]:
    """The placeholders of ``text`` and the malformed ``{...}`` (for the loader's SP077)."""
    amounts: list[Amount] = []
    problems: list[Problem] = []
    if "{" not in text and "}" not in text:
        return amounts, problems
    for m in _TOKEN.finditer(text):
        token = m.group(0)
        if token in ("{{", "}}"):
            continue
        if token == "{":
            problems.append(Problem(m.start(), text[m.start():m.start() + 20], "a “{” is never closed",
                                    f"a money placeholder is written {EXAMPLE}; to show a brace, write {{{{"))
            continue
        if token == "}":
            problems.append(Problem(m.start(), token, "a “}” closes nothing",
                                    "to show a brace, write }}"))
            continue
        parsed = _parse(m.group(1))
        if isinstance(parsed, str):
            problems.append(Problem(m.start(), token, f"{token} is not a money or number placeholder", parsed))
        else:
            amounts.append(Amount(m.start(), m.end(), parsed[0], parsed[1]))
    return amounts, problems


@lru_cache(maxsize=1024)
def format_amount(kind: str, value: Decimal, lang: str, keep_together: bool = True) -> str:
    """One amount written out for ``lang`` (CLDR name format for money; see the module docstring)."""
    import safepath.i18n.formatting as formatting

    if KINDS[kind] is None:
        text = formatting.format_number(value, lang)
    else:
        text = formatting.format_money_name(value, KINDS[kind], lang)
    if not keep_together:
        return text.replace(NBSP, " ")
    return _number_edge().sub(NBSP, text)  # "45,000 Thai baht": the number stays with the word next to it


def expand(text: str, lang: str, keep_together: bool = True) -> str:
    """``text`` with every placeholder written out for ``lang`` and ``{{``/``}}`` unescaped.

    ``keep_together=False`` writes plain spaces instead of no-break spaces (transcripts that
    people compare with what they typed). A malformed ``{...}`` (which the loader refuses in
    story files, but which could come from a hand-edited catalog) is left as written.
    """
    if not text or ("{" not in text and "}" not in text):
        return text

    def replace(m: re.Match) -> str:
        token = m.group(0)
        if token == "{{":
            return "{"
        if token == "}}":
            return "}"
        if m.group(1) is None:
            return token
        parsed = _parse(m.group(1))
        if isinstance(parsed, str):
            return token
        return format_amount(parsed[0], parsed[1], lang, keep_together)

    return _TOKEN.sub(replace, text)


TRANSLATOR_NOTE = ("{baht:…}, {kyat:…} and {number:…} are amounts the game writes out in the player's language "
                   "(“{baht:45000}” shows as “45,000 บาทไทย” in Thai): keep each one exactly as it is; you may move it.")
