"""Split text into script runs, each of which one font can draw.

Noto Sans Thai and Noto Sans Myanmar contain almost no ASCII (no digits, no
comma), and Noto Sans has no Thai or Burmese. So a line such as
"เงินเดือน 45,000 บาท" must be drawn as three runs with three fonts on one
baseline. This module decides which font ("script") each character goes to:

* Thai block -> ``THAI``; Myanmar, Myanmar Extended-A and Extended-B -> ``MYANMAR``;
  any other letter -> ``LATIN`` (Noto Sans also has Greek, Cyrillic, Vietnamese...).
* Combining marks (and joiners, variation selectors) stay with their base, so a
  cluster is never split between two fonts.
* Common characters (digits, punctuation, spaces, symbols) take the script of the
  run before them, or at the start of the text the run after them, *if that
  run's font has the character*; otherwise the first font that has it. That is
  why "45,000" inside Thai text goes to Noto Sans while a space stays Thai.

What each font has is read from the fonts' own ``cmap`` tables (no pygame); if
the fonts cannot be read, Unicode block ranges stand in for them.
"""

from __future__ import annotations

import re
import struct
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

from safepath.text.invisible import is_invisible

LATIN = "Latn"
THAI = "Thai"
MYANMAR = "Mymr"
SCRIPTS = (LATIN, THAI, MYANMAR)

#: The regular face that draws each script (bold faces cover the same characters).
FONT_FILES = {LATIN: "NotoSans-Regular.ttf", THAI: "NotoSansThai-Regular.ttf", MYANMAR: "NotoSansMyanmar-Regular.ttf"}

_THAI_RANGES = ((0x0E00, 0x0E7F),)
_MYANMAR_RANGES = ((0x1000, 0x109F), (0xA9E0, 0xA9FF), (0xAA60, 0xAA7F))
_JOINERS = {0x200C, 0x200D, 0x034F}  # ZWNJ, ZWJ, combining grapheme joiner: belong to their neighbours


# These run for every character the linter and the layout look at: plain comparisons, no loops.
def is_thai(ch: str) -> bool:
    return "\u0e00" <= ch <= "\u0e7f"


def is_myanmar(ch: str) -> bool:
    return "\u1000" <= ch <= "\u109f" or "\ua9e0" <= ch <= "\ua9ff" or "\uaa60" <= ch <= "\uaa7f"



@lru_cache(maxsize=4096)
def is_mark(ch: str) -> bool:
    """True for characters that attach to the character before them (never start a cluster)."""
    if ch < "\u0300":  # ASCII and Latin-1: never a mark
        return False
    cp = ord(ch)
    return (unicodedata.category(ch).startswith("M") or cp in _JOINERS
            or 0xFE00 <= cp <= 0xFE0F or 0xE0100 <= cp <= 0xE01EF)


@lru_cache(maxsize=4096)
def intrinsic_script(ch: str) -> str | None:
    """The script a character belongs to, or ``None`` for common characters (digits, punctuation, spaces)."""
    if is_thai(ch):
        return THAI
    if is_myanmar(ch):
        return MYANMAR
    if unicodedata.category(ch).startswith("L"):
        return LATIN
    return None


@lru_cache(maxsize=1)
def _font_coverage() -> dict[str, frozenset[int]] | None:
    """Code points per script, read from the shipped fonts; ``None`` when any cannot be read."""
    from safepath import paths

    try:
        from safepath.i18n.coverage import _cmap_codepoints
    except ImportError:
        return None
    out = {}
    for script, name in FONT_FILES.items():
        try:
            out[script] = frozenset(_cmap_codepoints((paths.fonts_dir() / name).read_bytes()))
        except (OSError, ValueError, IndexError, struct.error):  # damaged: the font loader reports it
            return None
    return out


def font_has(script: str, ch: str) -> bool:
    """Whether the font for ``script`` can draw ``ch`` (block ranges when the fonts cannot be read)."""
    coverage = _font_coverage()
    cp = ord(ch)
    if cp >= 0xAD and is_invisible(ch):  # HarfBuzz draws format characters as nothing in every font
        return True
    if coverage is not None:
        return cp in coverage[script] or (cp in _JOINERS and script != LATIN)
    if script == THAI:
        return is_thai(ch) or ch in " \u00a0-"
    if script == MYANMAR:
        return is_myanmar(ch) or ch in " \u00a0"
    return not is_thai(ch) and not is_myanmar(ch)


@dataclass(frozen=True)
class Run:
    """A piece of text drawn with one font. ``start``/``end`` index into the original string."""

    text: str
    script: str
    start: int
    end: int


def _clusters(text: str) -> list[tuple[int, int]]:
    """Base character plus its following marks, as (start, end) spans."""
    spans: list[tuple[int, int]] = []
    for i, ch in enumerate(text):
        if spans and is_mark(ch) and spans[-1][1] == i:
            spans[-1] = (spans[-1][0], i + 1)
        else:
            spans.append((i, i + 1))
    return spans


def scripts_used(text: str) -> tuple[str, ...]:
    """The scripts :func:`assign_scripts` gives ``text`` with the shipped fonts, each once, sorted."""
    if _is_plain_english(text):
        return (LATIN,)
    return tuple(sorted(set(_assign_with_shipped_fonts(text))))


def assign_scripts(text: str, has: Callable[[str, str], bool] = font_has) -> list[str]:
    """The script chosen for each character of ``text`` (same length as ``text``)."""
    if has is font_has:
        return list(_assign_with_shipped_fonts(text))
    return _assign(text, has)


@lru_cache(maxsize=1024)
def _assign_with_shipped_fonts(text: str) -> tuple[str, ...]:
    if _is_plain_english(text):
        return (LATIN,) * len(text)  # what the test below finds, told at C speed
    kinds = set(map(_latin_kind, set(text)))
    if 2 in kinds and 0 not in kinds:
        # Latin letters and common characters the Latin font draws, no marks: every common character
        # follows or precedes a Latin letter, so `_assign` picks Latin for each (the lint's English)
        return (LATIN,) * len(text)
    return tuple(_assign(text, font_has))


@lru_cache(maxsize=1)
def _plain_english() -> Callable[[str], object] | None:
    """A test for printable ASCII with at least one letter, when the Latin font draws every printable ASCII
    character and counts each ASCII letter as Latin (the shipped one does): for such a text the kinds of
    :func:`_latin_kind` are 2 and perhaps 1, never 0, so it is all Latin and all drawn. None otherwise."""
    printable = [chr(c) for c in range(0x20, 0x7F)]
    if not all(_latin_kind(c) for c in printable) or not all(_latin_kind(c) == 2 for c in printable if c.isalpha()):
        return None
    return re.compile("[\x20-\x7e]*[A-Za-z][\x20-\x7e]*").fullmatch


def _is_plain_english(text: str) -> bool:
    """All Latin and all drawn by the shipped Latin font, told by one match (see :func:`_plain_english`)."""
    english = _plain_english()
    return english is not None and english(text) is not None


@lru_cache(maxsize=8192)
def _latin_kind(ch: str) -> int:
    """2: a Latin letter the Latin font draws; 1: a common character it draws (not a mark); 0: anything else."""
    if is_mark(ch) or not font_has(LATIN, ch):
        return 0
    script = intrinsic_script(ch)
    return 2 if script == LATIN else 1 if script is None else 0


@lru_cache(maxsize=8192)
def _surely_drawn(ch: str) -> bool:
    """True when ``ch`` is drawn whatever text it is in (for :func:`uncovered` with the shipped fonts).

    Skipped characters (line breaks, invisible format characters); a letter of a script whose font
    has it (a letter that is not a mark starts its own cluster and takes its own script); or a
    character every font has.
    """
    if ch in "\n\r\t" or unicodedata.category(ch) in ("Cc", "Cf"):
        return True
    script = intrinsic_script(ch)
    if script is not None and not is_mark(ch) and font_has(script, ch):
        return True
    return all(font_has(s, ch) for s in SCRIPTS)


def _assign(text: str, has: Callable[[str, str], bool]) -> list[str]:
    spans = _clusters(text)
    own: list[str | None] = []
    for s, _e in spans:
        base = text[s]
        script = intrinsic_script(base)
        if script is None and is_mark(base):  # a mark with no base: judge by the mark itself
            script = MYANMAR if is_myanmar(base) else THAI if is_thai(base) else None
        own.append(script)
    chosen: list[str] = [LATIN] * len(spans)
    previous: str | None = None
    for k, (s, e) in enumerate(spans):
        script = own[k]
        if script is None:
            cluster = text[s:e]
            following = next((x for x in own[k + 1:] if x is not None), None)
            candidates = [c for c in (previous, following) if c is not None] + list(SCRIPTS)
            script = next((c for c in candidates if all(has(c, ch) for ch in cluster)), previous or following or LATIN)
        chosen[k] = script
        previous = script
    out: list[str] = []
    for k, (s, e) in enumerate(spans):
        out.extend([chosen[k]] * (e - s))
    return out


def split_runs(text: str, has: Callable[[str, str], bool] = font_has) -> list[Run]:
    """``text`` cut into maximal runs of one script; concatenating the runs' text gives ``text`` back."""
    runs: list[Run] = []
    scripts = assign_scripts(text, has)
    start = 0
    for i in range(1, len(text) + 1):
        if i == len(text) or scripts[i] != scripts[start]:
            runs.append(Run(text[start:i], scripts[start], start, i))
            start = i
    return runs


def uncovered(text: str, has: Callable[[str, str], bool] = font_has) -> list[tuple[int, str]]:
    """(index, character) for characters the font chosen for them cannot draw: they would show as boxes.

    Line breaks, tabs and invisible format characters are not reported.
    """
    if has is font_has:
        if _is_plain_english(text):
            return []  # the first case below, told at C speed
        chars = set(text)
        kinds = set(map(_latin_kind, chars))
        if (2 in kinds and 0 not in kinds) or all(map(_surely_drawn, chars)):
            return []  # all of it drawn with the Latin font, which has each character; or each is drawn anyway
    out = []
    scripts = assign_scripts(text, has)
    for i, ch in enumerate(text):
        if ch in "\n\r\t" or unicodedata.category(ch) in ("Cc", "Cf"):
            continue
        if not has(scripts[i], ch):
            out.append((i, ch))
    return out


def dominant_script(text: str) -> str:
    """The script with the most letters in ``text`` (``LATIN`` when there are none)."""
    counts = {s: 0 for s in SCRIPTS}
    for ch in text:
        s = intrinsic_script(ch)
        if s is not None:
            counts[s] += 1
    best = max(SCRIPTS, key=lambda s: counts[s])
    return best if counts[best] else LATIN
