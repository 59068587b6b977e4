"""An upper bound on the lines a text needs in a width, cheaper than laying it out.

``safepath lint`` and ``safepath i18n status`` ask of thousands of texts whether each fits its box
(:mod:`safepath.ui.fit`, SP073). Most fit with room to spare, and for those :func:`surely_fits` settles it
from the widths of the text's unbreakable pieces, without the layout; only the others are laid out. Like
:mod:`safepath.text.layout`, it takes the ``measure`` to use and knows nothing of fonts or pygame.
"""

from __future__ import annotations

import re

from safepath.text.breaks import line_break_opportunities, normalize_newlines
from safepath.text.layout import _TRAILING, _Paragraph, _lang_locale
from safepath.text.scripts import assign_scripts

#: printable ASCII (a caller bounds a run of it by its length times the widest of these), and text made only of
#: it and line breaks
PRINTABLE_ASCII = "".join(map(chr, range(32, 127)))
PLAIN_ASCII = re.compile("[\x20-\x7e\n]*")

#: what the bound of :func:`surely_fits` adds to every measured piece: a pixel or two where a line measured
#: whole is wider than its pieces measured apart (kerning across them, a rounding), then a twentieth
_PIECE_SLACK_PX = 2
_PIECE_SLACK = 1.05


#: spaces after a letter, digit or sentence punctuation and before a letter or digit: in ASCII text, every
#: line breaker of UAX #14 (ICU's too) allows a break after them (LB18; LB13-LB17 do not apply there). Cutting
#: only there gives pieces that each hold whole pieces of the real breaks, so the bound still holds.
_SURE_ASCII_BREAK = re.compile(r"(?<=[A-Za-z0-9.,;:!?]) +(?=[A-Za-z0-9])")


def surely_fits(text: str, width: int, allowed: int | None, measure, bold: bool, lang: str | None) -> bool:
    """True when ``text`` certainly lays out in ``width`` px within ``allowed`` lines and no word is cut.

    A sufficient condition, not the layout: False means only "lay it out to know". The text is cut into
    pieces at line-break opportunities the layout may break at too, and each piece is given an upper bound
    on its width (``measure`` with its trailing spaces, and some slack). The same greedy filling is then run
    on those bounds. It needs at least as many lines as the layout: every line it makes, the layout can make
    at least as long, because the real widths are no larger (so the layout, ending a line only at the first
    break where the line no longer fits, gets at least as far each time). A piece wider than the box, which
    the layout might cut, is left to the layout. ASCII text is cut more coarsely, without ICU (see
    ``_SURE_ASCII_BREAK``): its breaks are some of the layout's, which leaves the argument as it is.
    """
    locale = _lang_locale(lang)
    lines = 0
    for paragraph in normalize_newlines(text).split("\n"):
        lines += 1
        if not paragraph:
            continue
        if paragraph.isascii():  # no ICU needed: a coarser cut, at breaks it surely allows, bounds the same way
            breaks = [m.end() for m in _SURE_ASCII_BREAK.finditer(paragraph)]
        else:
            breaks = line_break_opportunities(paragraph, locale)
        cuts = (0, *breaks, len(paragraph))
        scripts = assign_scripts(paragraph)
        one_script = scripts[0] if scripts.count(scripts[0]) == len(scripts) else None
        par = _Paragraph(paragraph, measure, bold) if one_script is None else None
        gaps: dict[str, int] = {}  # the spaces after a piece, measured once (nearly always one space)

        def bounds():
            for start, end in zip(cuts, cuts[1:]):
                if one_script is not None:  # the layout measures such a line in one run: so does this
                    piece = paragraph[start:end]
                    shown = piece.rstrip(_TRAILING)
                    width_here = measure(shown, one_script, bold) if shown else 0
                    if len(shown) < len(piece):
                        gap = piece[len(shown):]
                        gap_width = gaps.get(gap)
                        if gap_width is None:
                            gap_width = gaps[gap] = measure(gap, one_script, bold)
                        width_here += gap_width
                else:
                    visible = par.visible_end(start, end)
                    width_here = par.width(start, end)
                    if visible < end:
                        width_here += measure(paragraph[visible:end], par.scripts[visible], bold)
                yield (width_here + _PIECE_SLACK_PX) * _PIECE_SLACK

        lines = _filled(bounds(), width, lines, allowed)
        if lines is None:
            return False
    return allowed is None or lines <= allowed


def _filled(bounds, width: int, lines: int, allowed: int | None) -> int | None:
    """The greedy filling of one paragraph whose pieces are at most ``bounds`` wide, after ``lines`` lines
    (its own first line counted): the lines so far, or None when a piece is wider than the box or the lines
    go past ``allowed`` (the text does not surely fit)."""
    line = 0.0
    for bound in bounds:
        if bound > width:
            return None
        if line and line + bound > width:
            lines += 1
            if allowed is not None and lines > allowed:
                return None
            line = bound
        else:
            line += bound
    return lines


def surely_fits_counted(text: str, width: int, allowed: int | None, step: int) -> bool:
    """:func:`surely_fits` for a text of :data:`PLAIN_ASCII` measured as ``step`` px a character.

    The same cuts, bounds and greedy filling, done on lengths alone: a piece and its trailing spaces are then
    ``step`` times its length wide, however the scripts of its characters run, so nothing needs slicing or
    measuring (``safepath lint`` asks this of nearly every English text first).
    """
    lines = 0
    slack, slack_px = _PIECE_SLACK, _PIECE_SLACK_PX
    for paragraph in text.split("\n"):
        lines += 1
        if not paragraph:
            continue
        cuts = (0, *[m.end() for m in _SURE_ASCII_BREAK.finditer(paragraph)], len(paragraph))
        lines = _filled((((end - start) * step + slack_px) * slack for start, end in zip(cuts, cuts[1:])),
                        width, lines, allowed)
        if lines is None:
            return False
    return allowed is None or lines <= allowed
