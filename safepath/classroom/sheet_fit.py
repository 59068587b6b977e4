"""How much of a facilitator sheet fits one printed A4 page, decided before any browser sees it.

The sheets are made on the laptop without a browser, so the game cannot ask one how tall a page came out.
Instead it sets the text the way the print stylesheet will: the bundled Noto fonts' advance widths
(fontTools, the same faces the page embeds), the line breaks the game itself uses for Thai and Burmese
(``safepath.text.breaks``), the print type size and line height, and two balanced columns. The estimate
errs on the tall side (every block rounds up to whole lines, the columns are assumed to waste half the
tallest block when they balance), so a sheet the estimate lets through prints on one page; the Chromium test
in ``tests/test_class_sheets.py`` checks every bundled story in every language. No pygame.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from safepath.text.scripts import is_myanmar, is_thai

MM = 72 / 25.4  # points per millimetre
#: the print stylesheet's geometry (sheets._PAGE): A4, 10 mm margins, two columns 5 mm apart
PAGE_W_MM, PAGE_H_MM, MARGIN_MM, GAP_MM = 210, 297, 10, 5
CONTENT_W = (PAGE_W_MM - 2 * MARGIN_MM) * MM
CONTENT_H = (PAGE_H_MM - 2 * MARGIN_MM) * MM
COLUMN_W = (CONTENT_W - GAP_MM * MM) / 2
#: the part of the page the estimate may fill: a browser's rounding; measured against Chromium the estimate came
#: out 0.01-0.10 of a page taller than the printed sheet for all 21 bundled sheets (seven stories, three languages)
FILL = 0.97

#: line height of the print type per language (Thai and Burmese marks stack above and below the line)
LINE_HEIGHT = {"en": 1.3, "th": 1.45, "my": 1.5}

_FACES = {("latin", False): "NotoSans-Regular.ttf", ("latin", True): "NotoSans-Bold.ttf",
          ("thai", False): "NotoSansThai-Regular.ttf", ("thai", True): "NotoSansThai-Bold.ttf",
          ("myanmar", False): "NotoSansMyanmar-Regular.ttf", ("myanmar", True): "NotoSansMyanmar-Bold.ttf"}


@lru_cache(maxsize=8)
def _advances(script: str, bold: bool) -> tuple[dict[int, int], float]:
    """Code point -> advance width in font units, and the units per em, of one bundled face."""
    from fontTools.ttLib import TTFont

    from safepath.paths import fonts_dir

    font = TTFont(fonts_dir() / _FACES[(script, bold)], lazy=True)
    cmap = font.getBestCmap()
    hmtx = font["hmtx"]
    widths = {cp: hmtx[glyph][0] for cp, glyph in cmap.items()}
    return widths, float(font["head"].unitsPerEm)


def text_width(text: str, size: float, bold: bool = False) -> float:
    """The width of ``text`` set on one line in points at ``size`` pt (unshaped advances: a little wide)."""
    total = 0.0
    for ch in text:
        script = "thai" if is_thai(ch) else "myanmar" if is_myanmar(ch) else "latin"
        widths, upem = _advances(script, bold)
        advance = widths.get(ord(ch))
        if advance is None:
            widths, upem = _advances("latin", bold)
            advance = widths.get(ord(ch), upem * 0.6)
        total += advance / upem * size
    return total


def line_count(text: str, width: float, size: float, lang: str, bold: bool = False) -> int:
    """How many lines ``text`` takes in a box ``width`` points wide: greedy breaking at the game's breaks."""
    from safepath.text.breaks import line_break_opportunities

    count = 0
    for paragraph in text.split("\n"):
        if not paragraph.strip():
            continue
        cuts = [0, *line_break_opportunities(paragraph, lang), len(paragraph)]
        lines, used = 1, 0.0
        for start, end in zip(cuts, cuts[1:]):
            piece = text_width(paragraph[start:end], size, bold)
            if used and used + piece > width:
                lines, used = lines + 1, 0.0
            used += piece
            while used > width:  # a piece wider than the box (a long link): the browser cuts it anywhere
                lines, used = lines + 1, used - width
        count += lines
    return count


def cut_to_width(text: str, width: float, size: float, lang: str) -> str:
    """``text`` if it takes at most ``width`` points set on one line, else its longest start that does (cut at a
    line break) with an ellipsis; twice a column's width is about two lines of it."""
    from safepath.text.breaks import line_break_opportunities

    text = " ".join(text.split())
    if text_width(text, size) <= width:
        return text
    room = width - text_width("…", size)
    best = 0
    for i in line_break_opportunities(text, lang):
        if text_width(text[:i].rstrip(), size) > room:
            break
        best = i
    return text[:best].rstrip(" ,;:\u104a") + "…" if best else text[:max(1, int(len(text) * room / width / 2))] + "…"


@dataclass(frozen=True)
class Block:
    """A piece of the sheet the columns will not split: its runs of text and the room around them."""

    runs: tuple[tuple[str, bool, float, float], ...]  # (text, bold, size factor, indent in em)
    space_em: float = 0.4  # margins above and below, in em of the body type


def block_height(block: Block, size: float, lang: str, width: float = COLUMN_W) -> float:
    """The block's height in points in a box ``width`` points wide (one column unless told) at body type ``size``."""
    lead = LINE_HEIGHT.get(lang, 1.5)
    height = block.space_em * size
    for text, bold, factor, indent in block.runs:
        s = size * factor
        height += line_count(text, width - indent * size, s, lang, bold) * s * lead
    return height


def sheet_height(header: list[Block], columns: list[Block], footer: list[Block], size: float, lang: str) -> float:
    """The height of the whole sheet: full-width header and footer, and two balanced columns between."""
    full = sum(block_height(b, size, lang, CONTENT_W) for b in header + footer)
    heights = [block_height(b, size, lang) for b in columns]
    balanced = sum(heights) / 2 + (max(heights) / 2 if heights else 0)
    return full + balanced


def fits(header: list[Block], columns: list[Block], footer: list[Block], size: float, lang: str) -> bool:
    """Whether the sheet prints on one A4 page at body type ``size`` (with the estimate's margin)."""
    return sheet_height(header, columns, footer, size, lang) <= CONTENT_H * FILL
