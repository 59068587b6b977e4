"""The pseudo-locale ``xx``: English made visibly foreign, longer and bracketed.

Playing in ``xx`` (``safepath --lang xx``) shows three kinds of bug at a glance:
text that never went through the catalog (no brackets, plain letters), boxes
that overflow when a translation is longer than English (pseudo text is ~40 %
longer, like many Thai and Burmese translations), and glyphs a font misses
(accented letters). Every character used here is in Noto Sans, so a missing
glyph box is a real bug, not the pseudo-locale's. Placeholders such as
``{name}``, ``%s`` and ``%(count)d`` are kept intact so formatting still works.
"""

from __future__ import annotations

import re

PSEUDO_LANGUAGE = "xx"
#: Other spellings accepted for the pseudo-locale.
PSEUDO_ALIASES = ("xx", "en-XA", "en_XA", "pseudo")

START, END = "«", "»"
#: How much longer pseudo text is than its English source.
EXPANSION = 0.4

_ACCENTED = str.maketrans(
    "AaCcEeGgIiKkLlNnOoRrSsUuYyZz",
    "ÅåÇçÉéĞğÎîĶķĻļÑñÖöŘřŠšÛûÝýŽž",
)
# {name} / {0} / {name!r:>10}, %s / %d / %(name)s, and markup-like <b> are left alone.
_PROTECTED = re.compile(r"\{[^{}]*\}|%(?:\([A-Za-z_][A-Za-z0-9_]*\))?[-#0 +]*\d*(?:\.\d+)?[sdifgeExXoc%]|<[^<>]*>")
_PADDING = " ·~"


def pseudo_translate(text: str) -> str:
    """Accent letters, lengthen by about 40 %, wrap in markers; placeholders untouched."""
    if not text:
        return text
    pieces = []
    last = 0
    for match in _PROTECTED.finditer(text):
        pieces.append(text[last : match.start()].translate(_ACCENTED))
        pieces.append(match.group(0))
        last = match.end()
    pieces.append(text[last:].translate(_ACCENTED))
    body = "".join(pieces)
    letters = sum(1 for ch in text if ch.isalpha())
    extra = max(1, round(letters * EXPANSION))
    padding = "".join(_PADDING[i % len(_PADDING)] for i in range(extra))
    return f"{START}{body}{padding.rstrip()}{END}"


def is_pseudo(lang: str | None) -> bool:
    return lang in PSEUDO_ALIASES
