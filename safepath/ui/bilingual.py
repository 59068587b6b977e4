"""A text block in two languages: the primary text, a thin rule, the secondary smaller and muted under it.

This is the convention of dual subtitles: both languages in one block, the second right under
the first, never at the other end of the screen (a reader's eyes would travel back and forth
between the two). A mixed Thai–Burmese class reads its own language in every bubble; a player who
reads their first language poorly has the school language right there.

Sizing. The block is measured from both texts, each laid out by the text pipeline with its own
fonts (:func:`safepath.ui.textrender.laid_out`), so each script keeps its own line height:
Burmese under Thai is taller than Thai under Burmese at the same size, and the box says so.
:func:`measure_pair` is what :func:`render_pair` draws, pixel for pixel.

The typewriter (chat bubbles, narration) reveals the primary text; the secondary appears whole,
with the rule, once the primary is fully shown (:func:`draw_pair`'s ``shown``). Its room is
part of the box from the start, so nothing moves when it appears, and a reader is never asked
to follow two half-typed sentences at once.

With no secondary (one language, or a string one of the two languages lacks: see
:func:`safepath.i18n.text_pair`) every function here is exactly the single paragraph of
:mod:`safepath.ui.textrender`.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from safepath.text.layout import size_of
from safepath.ui import textrender
from safepath.ui.fonts import FontBook
from safepath.ui.memory import SurfaceCache

Color = tuple[int, ...]

#: the secondary text's size against the primary's: smaller, still readable at the smallest text size
SECONDARY_SCALE = 0.8
#: the smallest secondary text in px (the smallest primary at text size 0 in a small window is ~14)
SECONDARY_MIN_PX = 12


def secondary_px(size: int) -> int:
    """The secondary text's size in px beside a primary of ``size`` px."""
    return max(min(size, SECONDARY_MIN_PX), round(size * SECONDARY_SCALE))


def rule_gap(size: int) -> int:
    """Space above and below the rule between the two texts (px) for a primary of ``size`` px."""
    return max(3, round(size * 0.22))


def rule_thickness(size: int) -> int:
    """The rule is thin: a hairline at normal sizes, two pixels on a projector-sized text."""
    return max(1, round(size / 28))


@dataclass(frozen=True)
class PairBox:
    """Where the parts of a bilingual block lie, relative to its top-left corner.

    ``rule_y`` and ``second_y`` are None when there is no secondary text.
    """

    width: int
    height: int
    primary_size: tuple[int, int]
    rule_y: int | None = None
    second_y: int | None = None
    second_size: tuple[int, int] = (0, 0)
    second_px: int = 0


def pair_box(primary: str, secondary: str | None, width: int, size: int, bold: bool = False,
             lang: str | None = None, second_lang: str | None = None, book: FontBook | None = None) -> PairBox:
    """The layout of the block: each text wrapped into ``width`` px with its own fonts and line heights."""
    pw, ph = textrender.measure_paragraph(primary, width, size, bold, lang, book)
    if not secondary:
        return PairBox(pw, ph, (pw, ph))
    small = secondary_px(size)
    sw, sh = size_of(textrender.laid_out(secondary, width, small, False, second_lang, book))
    gap, rule = rule_gap(size), rule_thickness(size)
    rule_y = ph + gap
    second_y = rule_y + rule + gap
    return PairBox(max(pw, sw), second_y + sh, (pw, ph), rule_y, second_y, (sw, sh), small)


def measure_pair(primary: str, secondary: str | None, width: int, size: int, bold: bool = False,
                 lang: str | None = None, second_lang: str | None = None, book: FontBook | None = None) -> tuple[int, int]:
    """(width, height) of the block in ``width`` px; the single paragraph's size when there is no secondary."""
    box = pair_box(primary, secondary, width, size, bold, lang, second_lang, book)
    return box.width, box.height


def draw_pair(target: pygame.Surface, pos: tuple[int, int], primary: str, secondary: str | None, width: int, size: int,
              color: Color, muted: Color, bold: bool = False, lang: str | None = None, second_lang: str | None = None,
              align: str = "left", shown: str | None = None, book: FontBook | None = None) -> PairBox:
    """Draw the block at ``pos``; ``shown`` is the typewriter's revealed prefix of the primary (None: all).

    ``align`` places each text and the rule within the block's width. While the primary is being
    revealed only its revealed part is drawn, and no rule or secondary yet (see the module's note).
    """
    box = pair_box(primary, secondary, width, size, bold, lang, second_lang, book)
    x, y = pos
    span = box.width

    def offset(w: int) -> int:
        return (span - w) // 2 if align == "center" else (span - w if align == "right" else 0)

    first = textrender.render_paragraph(primary, width, size, color, bold, lang, align, book) if primary else None
    if first is not None:
        if shown is None or shown == primary:
            target.blit(first, (x + offset(first.get_width()), y))
        else:
            _blit_prefix(target, first, (x + offset(first.get_width()), y), primary, shown, width, size, bold, lang, book)
    if box.second_y is None or not (shown is None or shown == primary):
        return box
    rule = pygame.Rect(x, y + box.rule_y, span, rule_thickness(size))
    if align != "left":  # a centred block has a shorter rule under its centre, like a subtitle's
        rule.width = max(1, span // 3)
        rule.x = x + (span - rule.width) // 2
    target.fill(muted, rule)
    second = textrender.render_paragraph(secondary, width, box.second_px, muted, False, second_lang, align, book)
    target.blit(second, (x + offset(second.get_width()), y + box.second_y))
    return box


def _blit_prefix(target: pygame.Surface, full: pygame.Surface, pos: tuple[int, int], text: str, shown: str, width: int,
                 size: int, bold: bool, lang: str | None, book: FontBook | None) -> None:
    """Uncover ``full`` (``text`` laid out whole) up to the end of ``shown``: words never jump between lines."""
    remaining = len(shown)
    x, y = pos
    for line in textrender.laid_out(text, width, size, bold, lang, book):
        if remaining <= 0:
            break
        if remaining >= len(line.text):
            visible = line.width
        else:
            visible = textrender.measure_paragraph(line.text[:remaining], 10**6, size, bold, lang, book)[0]
        target.blit(full, (x, y + line.y), pygame.Rect(0, line.y, visible, line.height))
        remaining -= len(line.text) + len(line.trailing)


#: rendered blocks (buttons and cards draw them every frame): a window's worth of text
_blocks = SurfaceCache("bilingual", screens=2, floor=8 * 2**20)


def render_pair(primary: str, secondary: str | None, width: int, size: int, color: Color, muted: Color,
                bold: bool = False, lang: str | None = None, second_lang: str | None = None, align: str = "left",
                book: FontBook | None = None) -> pygame.Surface:
    """The whole block on a transparent surface exactly as big as :func:`measure_pair` says (cached, read-only).

    With no secondary it is :func:`safepath.ui.textrender.render_paragraph` itself.
    """
    if not secondary:
        return textrender.render_paragraph(primary, width, size, color, bold, lang, align, book)
    key = (str(textrender._book(book).folder), primary, secondary, int(width), int(size), tuple(color),
           tuple(muted), bool(bold), lang, second_lang, align)
    surface = _blocks.get(key)
    if surface is None:
        box = pair_box(primary, secondary, width, size, bold, lang, second_lang, book)
        surface = pygame.Surface((box.width, box.height), pygame.SRCALPHA)
        draw_pair(surface, (0, 0), primary, secondary, width, size, color, muted, bold, lang, second_lang, align,
                  book=book)
        _blocks.put(key, surface)
    return surface


def clear_cache() -> None:
    """Forget rendered blocks (after the fonts change)."""
    _blocks.clear()


__all__ = ["PairBox", "SECONDARY_SCALE", "clear_cache", "draw_pair", "measure_pair", "pair_box", "render_pair",
           "rule_gap", "rule_thickness", "secondary_px"]
