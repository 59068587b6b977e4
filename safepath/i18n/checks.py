"""Checks on translatable text: Zawgyi, placeholders, font coverage, overflow.

The same checks run on scenario content (``safepath lint`` calls
:func:`content_diagnostics`) and on translation catalogs (``safepath i18n
status`` calls :func:`message_diagnostics` for each entry), so a mistake is
caught whether it was typed into the YAML or into Poedit.

* **Zawgyi** (SP070). Many Burmese phones still use the Zawgyi font hack, which
  stores Burmese in the wrong code points. Zawgyi text looks right on a Zawgyi
  phone and like garbage everywhere else, including in this game. Google's
  detector (myanmartools) scores Unicode text near 0 and Zawgyi near 1; it
  returns ``-inf`` for text with no Burmese at all, which means "not Zawgyi".
* **Placeholders** (SP071). ``{name}``, ``%s`` or ``%(count)d`` dropped, renamed
  or added in a translation would either show raw braces or fall back to English.
  A money placeholder (``{baht:45000}``) counts with its amount: a translation that
  turned it into ``{baht:4500}`` or typed "45,000 บาท" instead is reported too.
* **Font coverage** (SP072). Each run of a script is drawn with its own Noto
  font; a character none of the shipped fonts has shows as an empty box.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from typing import Iterable

from safepath.story.diagnostics import Diagnostic, error, warning
from safepath.i18n.placeholders import altered_fields, placeholder_problem, placeholders, usable_translation  # noqa: F401

ZAWGYI_THRESHOLD = 0.95

_MYANMAR = re.compile("[\u1000-\u109f\uaa60-\uaa7f\ua9e0-\ua9ff]")


# -- Zawgyi ---------------------------------------------------------------
@lru_cache(maxsize=1)
def _detector():
    import warnings

    from myanmartools import ZawgyiDetector

    with warnings.catch_warnings():  # myanmartools uses a deprecated importlib.resources call
        warnings.simplefilter("ignore", DeprecationWarning)
        return ZawgyiDetector()


def zawgyi_probability(text: str) -> float:
    """0.0 for Unicode Burmese or text without Burmese, near 1.0 for Zawgyi."""
    if not text or not _MYANMAR.search(text):
        return 0.0
    probability = _detector().get_zawgyi_probability(text)
    if probability is None or math.isnan(probability) or math.isinf(probability):
        return 0.0
    return float(probability)


#: Below this many Burmese characters the detector alone is unreliable (short Unicode words can score 0.99).
SHORT_TEXT = 20
_CONSONANT = "\u1000-\u102a\u103f\u104e"
# Spellings that well-formed Unicode Burmese never has but Zawgyi typing produces:
# the vowel sign E (U+1031) or medial U+103B before its consonant, the virama U+1039 used as asat (not before a
# consonant), and code points Zawgyi reuses for glyph variants (U+1033-U+1034, U+105A-U+109F).
_ZAWGYI_MARKS = re.compile(
    f"(?:^|[^{_CONSONANT}\u1039\u103b-\u103e])[\u1031\u103b]|\u1039(?![{_CONSONANT}])|[\u1033\u1034\u105a-\u109f]"
)


def has_zawgyi_marks(text: str) -> bool:
    return bool(_ZAWGYI_MARKS.search(text or ""))


# Short Zawgyi words that are also well-formed Unicode: "အေမ" is Zawgyi for အမေ (mother), but as Unicode it
# reads အေ + မ. Each reading below turns such a text into what it would be if it were Zawgyi.
_VOWEL_E_BETWEEN = re.compile(f"(?<=[{_CONSONANT}])\u1031([{_CONSONANT}][\u103b-\u103e]*)")
_ZAWGYI_MEDIALS = str.maketrans({"\u103c": "\u103d", "\u103d": "\u103e"})  # Zawgyi's wa and ha code points
#: (reading, how sure the detector must be of the text, how sure it must be that the reading is Unicode)
_ZAWGYI_READINGS = (
    # "C ေ C'" typed in visual order: the vowel belongs to the consonant after it
    (lambda t: _VOWEL_E_BETWEEN.sub(lambda m: m.group(1) + "\u1031", t), 0.90, 0.05),
    # ွ / ှ typed with Zawgyi's code points (one lower than Unicode's): ရွိ for ရှိ, သြား for သွား
    (lambda t: t.translate(_ZAWGYI_MEDIALS), 0.95, 0.05),
)


def _reads_as_zawgyi(text: str, probability: float) -> str | None:
    """The Unicode the short ``text`` becomes when read as Zawgyi, if that reading is clearly better.

    The detector alone cannot judge a word or two (it scores some short Unicode words
    above 0.98 and the Zawgyi "အေမ" at 0.92). So a short text counts as Zawgyi when the
    detector leans that way *and* reading it as Zawgyi gives text the detector finds
    plainly Unicode. A Unicode word read that way becomes garbage, not better Unicode.
    The word the reading changes must lean to Zawgyi by itself as well: in a pair of Unicode
    words the detector's doubt about one word must not convict the other (ရွက် read as ရှက်).
    Thresholds checked against every Burmese word and word pair of the shipped catalogs: no hits.
    """
    for reading, text_at_least, reading_at_most in _ZAWGYI_READINGS:
        if probability < text_at_least:
            continue
        read = reading(text)
        if read == text or zawgyi_probability(read) > reading_at_most:
            continue
        changed = [word for word in text.split() if reading(word) != word]
        if any(zawgyi_probability(word) >= text_at_least for word in changed):
            return read
    return None


def is_zawgyi(text: str, threshold: float = ZAWGYI_THRESHOLD) -> bool:
    """Zawgyi by the detector; for short text, only when a Zawgyi-only spelling or reading confirms it."""
    probability = zawgyi_probability(text)
    if len(_MYANMAR.findall(text)) >= SHORT_TEXT:
        return probability >= threshold
    if probability >= threshold and has_zawgyi_marks(text):
        return True
    return _reads_as_zawgyi(text, probability) is not None


# -- Placeholders (safepath.i18n.placeholders) ------------------------------


# -- Font coverage --------------------------------------------------------
def uncovered_characters(text: str) -> list[str]:
    """Characters the font chosen for their script run cannot draw (they would show as boxes).

    Uses the text layout's own run splitting (:func:`safepath.text.scripts.uncovered`), so the
    check judges exactly what the screen will draw; without it, any shipped font will do.
    """
    try:
        from safepath.text.scripts import uncovered
    except ImportError:
        from safepath.i18n.coverage import uncovered_characters as from_fonts

        return from_fonts(text)
    return [ch for _index, ch in uncovered(text)]


# -- Diagnostics ----------------------------------------------------------
def text_diagnostics(text: str, file: str, line: int, column: int, what: str) -> list[Diagnostic]:
    """Checks that need only the text itself (content and msgstr alike)."""
    out = []
    if text.isascii():  # no Burmese, so no Zawgyi (most source texts are plain English)
        probability = 0.0
    else:
        probability = zawgyi_probability(text)
    if probability and is_zawgyi(text):
        read = _reads_as_zawgyi(text, probability) if len(_MYANMAR.findall(text)) < SHORT_TEXT else None
        out.append(
            error(
                "SP070",
                file,
                line,
                column,
                f"{what} looks like Zawgyi-encoded Burmese (Zawgyi probability {probability:.2f}"
                + (f"; in Unicode it would be “{read}”" if read else "") + "); SafePath expects Unicode Burmese.",
                "Convert the text to Unicode (for example with the Rabbit converter) and type Burmese "
                "with a Unicode keyboard.",
            )
        )
    out += invisible_diagnostics(text, file, line, column, what)
    missing = uncovered_characters(text)
    if missing:
        shown = ", ".join(f"“{c}” (U+{ord(c):04X})" for c in dict.fromkeys(missing))
        out.append(
            warning(
                "SP072",
                file,
                line,
                column,
                f"{what} contains characters the game's fonts cannot draw: {shown}; they would show as empty boxes.",
                "Remove the character or replace it with a plain one (emoji and rare symbols are not in the fonts).",
            )
        )
    return out


# -- Invisible characters --------------------------------------------------
_INVISIBLE_WHAT = {
    # kind: (code, what it is, why it matters, hint)
    "direction": ("SP080", "a text direction control",
                  "the game writes only left-to-right and ignores it, but an editor or Poedit may show the text "
                  "in another order than players see it",
                  "Delete it (it often comes with text copied from a web page or a chat app)."),
    "bom": ("SP081", "a byte order mark",
            "it was left by a file that was copied in, and means nothing inside a text",
            "Delete it; if the text came from a file, copy it again from a plain-text editor."),
    "unused": ("SP082", "an invisible character the game draws as nothing",
               "a soft hyphen is never shown as a hyphen here (Thai and Burmese write none at a line break); "
               "the game finds line breaks by itself",
               "Delete it. To mark a word break in Thai or Burmese, use a zero width space (U+200B)."),
}


def invisible_diagnostics(text: str, file: str, line: int, column: int, what: str) -> list[Diagnostic]:
    """SP080–SP083: invisible format characters, judged one by one (see :mod:`safepath.text.invisible`).

    Zero width spaces, joiners and the word joiner are never reported: Thai and Burmese use them.
    """
    out: list[Diagnostic] = []
    if not text or text.isascii():  # ASCII has no format character, and is visible unless blank (SP026's business)
        return out
    from safepath.text import invisible

    by_kind: dict[str, list[tuple[int, str]]] = {}
    for index, ch, kind in invisible.found(text):
        by_kind.setdefault(kind, []).append((index, ch))
    for kind in ("direction", "bom", "unused"):
        if kind not in by_kind:
            continue
        code, label, why, hint = _INVISIBLE_WHAT[kind]
        index, ch = by_kind[kind][0]
        before = "".join(c for c in text[max(0, index - 12):index] if not invisible.is_invisible(c)).lstrip()
        where = f"after “{before}”" if before else "at its start"
        more = len(by_kind[kind]) - 1
        extra = f" (and {more} more)" if more else ""
        message = (f"{what} holds {label}, {invisible.name(ch)}, {where}{extra}; {why}.")
        make = warning if code == "SP082" else error
        out.append(make(code, file, line, column, message, hint))
    if not invisible.has_visible(text) and not text.isspace():
        out.append(error("SP083", file, line, column,
                         f"{what} is made only of invisible characters ({', '.join(invisible.name(c) for c in dict.fromkeys(text) if not c.isspace())[:200]}): "
                         "players would see nothing there.",
                         "Write the text, or leave a translation empty so that the English is shown."))
    return out


def message_diagnostics(
    msgid: str, msgstr: str, file: str, line: int, msgid_plural: str | None = None, what: str = "The translation"
) -> list[Diagnostic]:
    """Checks on one catalog translation (one plural form at a time)."""
    out = text_diagnostics(msgstr, file, line, 1, what)
    problem = placeholder_problem(msgid, msgstr, msgid_plural)
    if problem:
        out.append(
            error(
                "SP071",
                file,
                line,
                1,
                f"{what} does not have the same placeholders as the English ({problem}).",
                "Copy placeholders such as {name} or %s exactly as they are in the English text; "
                "only move them within the sentence.",
            )
        )
    return out


def content_diagnostics(scenario) -> list[Diagnostic]:
    """Text checks on every translatable text of a loaded scenario (used by ``safepath lint``)."""
    return texts_diagnostics(scenario.texts())


def texts_diagnostics(texts: Iterable) -> list[Diagnostic]:
    """The same checks on any ``model.Text`` values (red-flag catalogue, helplines).

    A text found clean is not checked again where it comes back (a story repeats its replies and choices);
    one with a problem is reported at every place it is written.
    """
    out: list[Diagnostic] = []
    clean: set[str] = set()
    for text in texts:
        if text.text in clean:
            continue
        found = text_diagnostics(text.text, text.pos.file, text.pos.line, text.pos.column, "This text")
        if found:
            out += found
        else:
            clean.add(text.text)
    return out


def fit_checker():
    """The SP073 checker from the presentation layer (it measures with pygame and the real fonts).

    Returns ``(checker, None)``, or ``(None, reason)`` when pygame or the fonts are missing: lint and
    ``i18n status`` then skip SP073 with a note, and every other check still runs.
    """
    try:
        from safepath.ui.fit import FitChecker
        from safepath.ui.fonts import FontMissingError
    except ImportError as exc:
        return None, f"pygame is not available ({exc})"
    try:
        return FitChecker(), None
    except FontMissingError as exc:
        return None, str(exc)
