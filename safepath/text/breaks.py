"""Where a line may break, where a cluster ends, and how far a typewriter may reveal.

Thai and Burmese put no spaces between words, so line-break opportunities come
from ICU's dictionary-based line breaker (``icu4py``). ICU's Burmese dictionary
sometimes breaks inside a syllable (``ဂိ|မ်း``), so in Burmese text we keep only
ICU breaks that are also syllable boundaries.

All offsets here are Python string indices (code points). ``icu4py``'s
``segments()`` returns UTF-16 offsets, which go wrong after an emoji, so we only
iterate its substrings and add up their lengths.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import accumulate

from safepath.text.scripts import is_mark, is_myanmar, is_thai

VIRAMA = "\u1039"
ASAT = "\u103a"
DOT_BELOW = "\u1037"
#: May stand between a final consonant and its asat: medials ျ ြ ွ ှ (loanwords such as မက်ဆေ့ချ်) and ့.
_MEDIALS_AND_DOT = frozenset("\u103b\u103c\u103d\u103e\u1037")
#: A line never starts with one of these (space, Burmese comma and full stop, Thai repetition mark).
NO_LINE_START = frozenset(" \u00a0\u104a\u104b\u0e46\u3000\t")
#: the characters :func:`safepath.text.scripts.is_myanmar` accepts
_ANY_MYANMAR = re.compile("[\u1000-\u109f\ua9e0-\ua9ff\uaa60-\uaa7f]")
NEWLINES = ("\r\n", "\n", "\r", "\u2028", "\u2029")


def _line_breaker(text: str, lang: str):
    """ICU's line breaker over ``text``; icu4py is imported on first use.

    A start whose first frame was laid out before (:mod:`safepath.ui.layout_cache`) needs no
    ICU at all before that frame: importing icu4py and loading its dictionaries costs ~3 ms.
    """
    from icu4py.breakers import LineBreaker

    return LineBreaker(text, lang)


def _character_breaker(text: str):
    from icu4py.breakers import CharacterBreaker

    return CharacterBreaker(text, "en")


def _lengths_to_offsets(pieces) -> list[int]:
    """The end offset of each piece (running sum of their lengths)."""
    return list(accumulate(map(len, pieces)))


@lru_cache(maxsize=2048)
def grapheme_boundaries(text: str) -> tuple[int, ...]:
    """Ends of the extended grapheme clusters of ``text`` (ICU character breaks); the last is ``len(text)``."""
    if not text:
        return ()
    if text.isascii():  # every ASCII character is a cluster of its own, but CR LF (UAX #29, GB3)
        if "\r" not in text:
            return tuple(range(1, len(text) + 1))
        return tuple(i for i in range(1, len(text) + 1) if i == len(text) or text[i - 1:i + 1] != "\r\n")
    return tuple(_lengths_to_offsets(_character_breaker(text)))


def graphemes(text: str) -> list[str]:
    """``text`` as a list of grapheme clusters."""
    out, start = [], 0
    for end in grapheme_boundaries(text):
        out.append(text[start:end])
        start = end
    return out


def _is_burmese_syllable_start(text: str, i: int) -> bool:
    """Whether a Burmese syllable may start at ``text[i]`` (``text[i]`` must be a Myanmar base letter).

    A syllable starts at a consonant or independent vowel that is not stacked under
    a virama (``္``) and is not itself killed by an asat (``်``) or virama, which may
    come after a dot below (``့``), as in သင့်, or after medials, as in ချ် (မက်ဆေ့ချ်).
    """
    if i > 0 and text[i - 1] == VIRAMA:
        return False
    j = i + 1
    while j < len(text) and text[j] in _MEDIALS_AND_DOT:
        j += 1
    if j < len(text) and text[j] in (ASAT, VIRAMA):
        return False
    return True


def syllable_boundaries(text: str) -> set[int]:
    """Offsets (0 < i < len) where a break is allowed as far as Burmese syllables go.

    Where text is not Burmese on either side the answer is every grapheme
    boundary; inside Burmese only syllable starts count.
    """
    out = set()
    for end in grapheme_boundaries(text)[:-1]:
        before, after = text[end - 1], text[end]
        if is_myanmar(after) and not is_mark(after):
            if _is_burmese_syllable_start(text, end):
                out.add(end)
        elif not (is_myanmar(before) and is_mark(after)):
            out.add(end)
    return out


def syllables(text: str) -> list[str]:
    """``text`` cut at syllable boundaries (grapheme clusters outside Burmese)."""
    cuts = sorted(syllable_boundaries(text)) + [len(text)]
    out, start = [], 0
    for end in cuts:
        if end > start:
            out.append(text[start:end])
        start = end
    return out


def _allowed_line_start(text: str, i: int) -> bool:
    return text[i] not in NO_LINE_START and not is_mark(text[i])


@lru_cache(maxsize=1024)
def line_break_opportunities(text: str, lang: str = "en") -> tuple[int, ...]:
    """Offsets (0 < i < len) where a new line may begin, for one paragraph with no newline in it.

    ICU's opportunities, minus those inside a Burmese syllable and those that would
    start a line with a space, ၊ ။ or ๆ.
    """
    if not text:
        return ()
    burmese = _ANY_MYANMAR.search(text) is not None  # what is_myanmar says of some character, in one pass
    syll = syllable_boundaries(text) if burmese else set()  # syllables only matter around Burmese
    graph = set(grapheme_boundaries(text))
    out = []
    for i in _lengths_to_offsets(_line_breaker(text, lang or "en"))[:-1]:
        if i not in graph or not _allowed_line_start(text, i):
            continue
        if burmese and (is_myanmar(text[i - 1]) or is_myanmar(text[i])) and i not in syll:
            continue
        out.append(i)
    return tuple(out)


_THAI_LEADING_VOWELS = frozenset("\u0e40\u0e41\u0e42\u0e43\u0e44")
_THAI_NEVER_FIRST = frozenset("\u0e30\u0e32\u0e33\u0e45\u0e46\u0e2f")  # ะ า ำ ๅ ๆ ฯ
_THAI_KARAN = "\u0e4c"


def _thai_cut_ok(text: str, i: int) -> bool:
    """Whether a Thai word may be cut before ``text[i]`` without separating letters that are read together.

    A cheap stand-in for Thai character clusters: never after a leading vowel
    (เ แ โ ใ ไ), never before a following vowel (ะ า ำ) or ๆ ฯ, and never before a
    consonant silenced by the karan (์), which belongs to the letters before it.
    """
    if text[i - 1] in _THAI_LEADING_VOWELS or text[i] in _THAI_NEVER_FIRST:
        return False
    j = i + 1
    while j < len(text) and is_mark(text[j]) and text[j] != _THAI_KARAN:
        j += 1
    return not (j < len(text) and text[j] == _THAI_KARAN)


def fallback_break_opportunities(text: str) -> tuple[int, ...]:
    """Offsets for cutting a word too long for its line.

    Syllables in Burmese; in Thai, grapheme clusters that do not separate a vowel
    from its consonant; grapheme clusters elsewhere.
    """
    out = []
    for i in sorted(syllable_boundaries(text)):
        if not _allowed_line_start(text, i):
            continue
        if is_thai(text[i - 1]) and is_thai(text[i]) and not _thai_cut_ok(text, i):
            continue
        out.append(i)
    return tuple(out)


NO_BREAK_SPACES = "\u00a0\u202f"


def preferred_fallback_breaks(text: str, lang: str = "th") -> tuple[int, ...]:
    """Better places to cut a word too long for its line: after a no-break space, between the words of a
    Thai compound.

    ICU keeps หนังสือเดินทาง ("passport") whole. Breaking the word with its last
    letter removed, and again with its first letter removed, makes ICU show the
    dictionary words inside it; offsets found both ways (หนังสือ|เดิน|ทาง) are
    word boundaries, while offsets only one way (ประสบกา|รณ์) are artefacts of
    the missing letter.
    """
    # After a no-break space ("45,000 Thai baht" keeps the number with its word) is a better cut than inside
    # the number, when even that pair is wider than the line.
    after_nbsp = {i for i in range(1, len(text)) if text[i - 1] in NO_BREAK_SPACES and not text[i].isspace()}
    if len(text) < 3 or not any(is_thai(ch) for ch in text):
        return tuple(sorted(after_nbsp))
    without_last = set(_lengths_to_offsets(_line_breaker(text[:-1], lang))[:-1])
    without_first = {i + 1 for i in _lengths_to_offsets(_line_breaker(text[1:], lang))[:-1]}
    allowed = set(fallback_break_opportunities(text))
    thai = {i for i in without_last & without_first if i in allowed and is_thai(text[i])}
    return tuple(sorted(thai | after_nbsp))


def split_paragraphs(text: str) -> list[str]:
    """``text`` split at explicit line breaks (``\\n``, ``\\r\\n``, ``\\r``, U+2028, U+2029)."""
    return normalize_newlines(text).split("\n")


def normalize_newlines(text: str) -> str:
    """Every kind of explicit line break turned into ``\\n``."""
    for nl in NEWLINES:
        if nl != "\n":
            text = text.replace(nl, "\n")
    return text


def reveal_units(text: str) -> list[str]:
    """Pieces for a typewriter effect; ``"".join(reveal_units(t)) == t``.

    Each prefix made of whole units renders without dotted circles: units are
    grapheme clusters, and in Burmese whole syllables (a half syllable such as
    ``ဂိမ`` before its ``်း`` arrives would show the wrong letter for a moment).
    Explicit newlines are units of their own.
    """
    units: list[str] = []
    for k, paragraph in enumerate(text.replace("\r\n", "\n").split("\n")):
        if k:
            units.append("\n")
        units.extend(syllables(paragraph))
    return units if "".join(units) == text else _fallback_units(text)


def _fallback_units(text: str) -> list[str]:
    """Grapheme clusters over the raw text (used when newline normalisation changed the text)."""
    return graphemes(text)
