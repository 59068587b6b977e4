"""Greedy line filling into a pixel width, for text mixing Latin, Thai and Burmese.

No pygame here: the caller passes ``measure(run_text, script, bold) -> px``
(``safepath.ui.fonts.FontBook.measure`` is the real one), so the algorithm is
tested with fake metrics and used with the real, shaped fonts.

A line is cut only where :func:`safepath.text.breaks.line_break_opportunities`
allows it; a word wider than the whole box is cut between the words of a Thai
compound if possible, else at syllables (Burmese) or grapheme clusters. Spaces at the end of a line do not count towards
its width and are not drawn. Each laid line lists its script runs with their x
offsets so the renderer can draw every run with its own font on one baseline.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from safepath.text.breaks import (
    fallback_break_opportunities,
    line_break_opportunities,
    normalize_newlines,
    preferred_fallback_breaks,
)
from safepath.text.scripts import assign_scripts

Measure = Callable[[str, str, bool], int]
_TRAILING = " \t\u00a0\u3000\u200b"


@dataclass(frozen=True)
class LaidRun:
    """Text drawn with one font: its script, where it starts on the line and how wide it is (px)."""

    text: str
    script: str
    x: int
    width: int


@dataclass(frozen=True)
class LaidLine:
    """One line of a laid-out paragraph.

    ``text`` is what is drawn (no trailing spaces); ``trailing`` is what was
    dropped after it (spaces at the break, and ``"\\n"`` after a hard break), so
    ``"".join(l.text + l.trailing for l in lines)`` is the input with its newlines
    normalised to ``\\n``. ``y`` is the top of the line; ``baseline`` is measured from ``y``.
    """

    text: str
    trailing: str
    runs: tuple[LaidRun, ...]
    width: int
    y: int
    height: int
    baseline: int


def _lang_locale(lang: str | None) -> str:
    return {"th": "th", "my": "my"}.get((lang or "en").split("_")[0].split("-")[0], "en")


class _Paragraph:
    """One paragraph with scripts resolved once, so line runs keep the context of the whole paragraph.

    Filling a line measures the line up to each break opportunity in turn, so :meth:`width` runs many
    times per line: it finds each script run's end in a table made once per paragraph (``_run_end``) and
    adds up the same measurements :meth:`runs` makes, without building the runs.
    """

    def __init__(self, text: str, measure: Measure, bold: bool) -> None:
        self.text = text
        self.scripts = scripts = assign_scripts(text)
        self.measure = measure
        self.bold = bold
        #: for each offset, where the run of its script ends (the next offset with another script)
        run_end = [len(text)] * len(text)
        for i in range(len(text) - 2, -1, -1):
            run_end[i] = run_end[i + 1] if scripts[i + 1] == scripts[i] else i + 1
        self._run_end = run_end

    def runs(self, start: int, end: int) -> tuple[LaidRun, ...]:
        out: list[LaidRun] = []
        x = 0
        i = start
        while i < end:
            j = min(end, self._run_end[i])
            piece = self.text[i:j]
            w = int(self.measure(piece, self.scripts[i], self.bold))
            out.append(LaidRun(piece, self.scripts[i], x, w))
            x += w
            i = j
        return tuple(out)

    def visible_end(self, start: int, end: int) -> int:
        while end > start and self.text[end - 1] in _TRAILING:
            end -= 1
        return end

    def width(self, start: int, end: int) -> int:
        """The width of the line from ``start`` to ``end`` (trailing spaces left out): its runs' widths summed."""
        end = self.visible_end(start, end)
        text, scripts, run_end, measure, bold = self.text, self.scripts, self._run_end, self.measure, self.bold
        total = 0
        i = start
        while i < end:
            j = run_end[i]
            if j > end:
                j = end
            total += int(measure(text[i:j], scripts[i], bold))
            i = j
        return total


def _fit(par: _Paragraph, start: int, candidates: list[int], width: int) -> int | None:
    """The furthest candidate end whose line from ``start`` fits, scanning forward until one does not."""
    best = None
    for end in candidates:
        if par.width(start, end) <= width:
            best = end
        else:
            break
    return best


def _layout_paragraph(par: _Paragraph, width: int, lang: str) -> list[tuple[int, int]]:
    """(start, end) spans of the lines of one paragraph (end excludes nothing: trailing spaces included)."""
    text = par.text
    opportunities = list(line_break_opportunities(text, lang)) + [len(text)]
    spans: list[tuple[int, int]] = []
    start = 0
    k = 0  # index of the first opportunity after start
    while start < len(text):
        while opportunities[k] <= start:
            k += 1
        end = _fit(par, start, opportunities[k:], width)
        if end is None:  # the next word alone is wider than the box: cut it inside
            word = text[start:opportunities[k]]
            # first between the words of a Thai compound, then at syllables / clusters
            end = _fit(par, start, [start + c for c in preferred_fallback_breaks(word, lang)], width)
            if end is None:
                cuts = [start + c for c in fallback_break_opportunities(word)] + [opportunities[k]]
                end = _fit(par, start, cuts, width) or cuts[0]  # one cluster wider than the box goes alone
        spans.append((start, end))
        start = end
    return spans or [(0, 0)]


def layout(
    text: str,
    width: int,
    measure: Measure,
    line_height: int = 0,
    baseline: int = 0,
    bold: bool = False,
    lang: str | None = None,
) -> list[LaidLine]:
    """Lay ``text`` out in lines no wider than ``width`` px (unless one cluster alone is wider).

    ``line_height`` and ``baseline`` (distance from a line's top to its
    baseline) come from the fonts used; the renderer takes them from the largest
    font of the scripts in the text so every line of a paragraph has the same
    height. Explicit newlines always break; an empty paragraph gives an empty line.
    """
    width = max(1, int(width))
    locale = _lang_locale(lang)
    lines: list[LaidLine] = []
    paragraphs = normalize_newlines(text).split("\n")
    for p_index, paragraph in enumerate(paragraphs):
        par = _Paragraph(paragraph, measure, bold)
        spans = _layout_paragraph(par, width, locale) if paragraph else [(0, 0)]
        for s_index, (start, end) in enumerate(spans):
            visible = par.visible_end(start, end)
            runs = par.runs(start, visible)
            trailing = paragraph[visible:end]
            if s_index == len(spans) - 1 and p_index < len(paragraphs) - 1:
                trailing += "\n"
            lines.append(LaidLine(
                text=paragraph[start:visible],
                trailing=trailing,
                runs=runs,
                width=sum(r.width for r in runs),
                y=len(lines) * line_height,
                height=line_height,
                baseline=baseline,
            ))
    return lines


def size_of(lines: list[LaidLine]) -> tuple[int, int]:
    """(widest line, total height) of laid-out lines."""
    if not lines:
        return 0, 0
    return max(line.width for line in lines), lines[-1].y + lines[-1].height
