"""Invisible format characters: what the game draws for them, and what the checkers say.

Unicode's *default ignorable* characters (soft hyphen, zero width space and joiners,
the direction marks and controls, the byte order mark, ...) have no picture. HarfBuzz
(inside SDL_ttf) draws them as nothing in every font, whether the font lists them or
not, so the text layout lets them stay in the script run around them
(:func:`safepath.text.scripts.font_has`) and the renderer skips a run made only of
them (SDL_ttf refuses to draw a run with no width: "Text has zero width").

What they mean to a writer differs, so the checkers (:mod:`safepath.i18n.checks`, run by
``safepath lint`` and ``safepath i18n status``) judge them one by one:

* **allowed** (never reported): U+200B zero width space (a word break in Thai and
  Burmese, which put no spaces between words), U+200C zero width non-joiner and U+200D
  zero width joiner (Burmese and Thai typing uses them; emoji sequences too), U+2060 word
  joiner (keeps two words on one line: the line breaker honours it), U+034F combining
  grapheme joiner, the variation selectors;
* **direction** (SP080, error): U+200E/U+200F, U+061C and the embeddings, overrides
  and isolates U+202A–U+202E, U+2066–U+2069. The game writes only left-to-right
  scripts and ignores them, but an editor or Poedit does not: an override makes a
  translator read the text in another order than the players will;
* **bom** (SP081, error): U+FEFF inside a text is a byte order mark left by a file
  that was copied in, never a character anyone typed;
* **unused** (SP082, warning): the soft hyphen U+00AD (the game may break the line
  there but never draws a hyphen; Thai and Burmese write none anyway) and the other
  format characters that mean nothing in this game (invisible operators U+2061–U+2064,
  the deprecated U+206A–U+206F, U+180E, the annotation marks U+FFF9–U+FFFB).

A text (or a translation) made of nothing but these characters and spaces shows nothing
at all: SP083.
"""

from __future__ import annotations

import re
from functools import lru_cache


ALLOWED = "allowed"
DIRECTION = "direction"
BOM = "bom"
UNUSED = "unused"

_ALLOWED = frozenset({0x200B, 0x200C, 0x200D, 0x2060, 0x034F} | set(range(0xFE00, 0xFE10)) | set(range(0xE0100, 0xE01F0)))
_DIRECTION = frozenset({0x200E, 0x200F, 0x061C} | set(range(0x202A, 0x202F)) | set(range(0x2066, 0x206A)))
_BOM = frozenset({0xFEFF})
_UNUSED = frozenset({0x00AD, 0x180E} | set(range(0x2061, 0x2065)) | set(range(0x206A, 0x2070))
                    | set(range(0xFFF9, 0xFFFC)) | set(range(0xFFF0, 0xFFF9)) | {0x17B4, 0x17B5}
                    | set(range(0x180B, 0x180E)) | {0x180F} | set(range(0x1BCA0, 0x1BCA4))
                    | set(range(0x1D173, 0x1D17B)))
#: the default-ignorable code points (Unicode's DerivedCoreProperties) but the Hangul fillers, which are
#: letters some fonts draw; tags U+E0000–U+E0FFF aside
INVISIBLE = _ALLOWED | _DIRECTION | _BOM | _UNUSED


def is_invisible(ch: str) -> bool:
    """Whether ``ch`` is a default-ignorable character: drawn as nothing, with no width."""
    cp = ord(ch)
    return cp in INVISIBLE or 0xE0000 <= cp <= 0xE0FFF


def kind(ch: str) -> str | None:
    """``ALLOWED``, ``DIRECTION``, ``BOM`` or ``UNUSED`` for an invisible character, else None."""
    cp = ord(ch)
    if cp in _ALLOWED:
        return ALLOWED
    if cp in _DIRECTION:
        return DIRECTION
    if cp in _BOM:
        return BOM
    if cp in _UNUSED or 0xE0000 <= cp <= 0xE0FFF:
        return UNUSED
    return None


def has_visible(text: str) -> bool:
    """Whether ``text`` has anything to see: a character that is neither invisible nor white space."""
    return any(not ch.isspace() and not is_invisible(ch) for ch in text)


@lru_cache(maxsize=1)
def _reported() -> tuple[frozenset, re.Pattern, re.Pattern]:
    """Every character a checker reports (tags included); the same in the BMP as one regex class of single
    characters (sre makes it a table: one look-up per character); and any character beyond the BMP. Lint
    scans every text with the two patterns, in C. Built on first use: the game's first frame needs none of
    it (4,000 tag characters and a regex compile at import were a few milliseconds of every start)."""
    reported = frozenset(chr(cp) for cp in (_DIRECTION | _BOM | _UNUSED | set(range(0xE0000, 0xE1000))))
    bmp = re.compile("[" + re.escape("".join(sorted(ch for ch in reported if ch <= "\uffff"))) + "]")
    return reported, bmp, re.compile("[\U00010000-\U0010ffff]")


def found(text: str) -> list[tuple[int, str, str]]:
    """(index, character, kind) for each invisible character of ``text`` that a checker reports."""
    reported, bmp, astral = _reported()
    if bmp.search(text) is None and astral.search(text) is None:  # nearly every text
        return []
    return [(i, ch, kind(ch)) for i, ch in enumerate(text) if ch in reported]


def name(ch: str) -> str:
    """A short name people can search for: "U+00AD SOFT HYPHEN"."""
    import unicodedata

    return f"U+{ord(ch):04X} {unicodedata.name(ch, 'FORMAT CHARACTER')}"


__all__ = ["ALLOWED", "BOM", "DIRECTION", "INVISIBLE", "UNUSED", "found", "has_visible", "is_invisible", "kind", "name"]
