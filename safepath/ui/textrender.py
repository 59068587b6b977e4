"""Draw laid-out text: each run with its own font, all runs of a line on one baseline.

The screens use two calls:

* ``render_paragraph(text, width, size, color, bold=False, lang=None, align="left")``
  returns a transparent ``Surface`` exactly as big as the text (widest line ×
  all lines); lines are wrapped to ``width`` px.
* ``measure_paragraph(text, width, size, bold=False, lang=None)`` returns that
  size ``(w, h)`` without drawing, for sizing boxes before drawing them.

Both go through :func:`safepath.text.layout.layout` with the shaped widths from
:class:`safepath.ui.fonts.FontBook`, so what is measured is what is drawn.
Layouts and rendered surfaces are kept in LRU caches (the surfaces within a
budget of bytes, see :mod:`safepath.ui.memory`): a screen can call these every
frame for unchanged text at almost no cost (a dictionary lookup).
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

import pygame

from safepath.text.invisible import has_visible
from safepath.text.layout import LaidLine, layout, size_of
from safepath.text.scripts import assign_scripts
from safepath.ui import fonts as _fonts
from safepath.ui.fonts import FontBook
from safepath.ui.memory import SurfaceCache

Color = tuple[int, ...]


class _LRU(OrderedDict):
    def __init__(self, limit: int) -> None:
        super().__init__()
        self.limit = limit

    def fetch(self, key: Any) -> Any:
        value = self.get(key)
        if value is not None:
            self.move_to_end(key)
        return value

    def keep(self, key: Any, value: Any) -> Any:
        self[key] = value
        if len(self) > self.limit:
            self.popitem(last=False)
        return value


_layouts: _LRU = _LRU(1024)
#: layouts of an earlier start's first frame, read from disk (:mod:`safepath.ui.layout_cache`): taken
#: instead of laying out again, each once (then it lives in ``_layouts`` like any other)
_stored: dict[tuple, list[LaidLine]] = {}
#: every layout asked for since `record_layouts` (the app records its first frame's), or None
_recorded: dict[tuple, list[LaidLine]] | None = None
#: paragraphs an earlier start's first frame drew, read from disk (:mod:`safepath.ui.text_pixels`): taken
#: instead of drawing again, each once (then it lives in ``_surfaces`` like any other)
_stored_surfaces: dict[tuple, pygame.Surface] = {}
#: every paragraph asked for since `record_surfaces` (the app records its first frame's), or None
_recorded_surfaces: dict[tuple, pygame.Surface] | None = None
#: rendered paragraphs: a full screen of text is at most one window's bytes (most hold far less); three
#: windows' worth keeps the screen shown, the one under an overlay, and the one a player goes back to
_surfaces = SurfaceCache("text", screens=3, floor=8 * 2**20)


def _book(book: FontBook | None) -> FontBook:
    return book if book is not None else _fonts.default_book()  # looked up each call: tests may swap it


def laid_out(text: str, width: int, size: int, bold: bool = False, lang: str | None = None,
             book: FontBook | None = None) -> list[LaidLine]:
    """``text`` laid out at ``size`` px in ``width`` px with the real fonts (cached)."""
    fb = _book(book)
    key = (str(fb.folder), text, int(width), int(size), bool(bold), lang)
    lines = _layouts.fetch(key)
    if lines is None and _stored:
        lines = _stored.pop(key, None)
        if lines is not None:
            _layouts.keep(key, lines)
    if lines is None:
        scripts = sorted(set(assign_scripts(text)))
        line_height, baseline = fb.line_metrics(scripts, size, bold)
        lines = _layouts.keep(key, layout(text, width, fb.measurer(size), line_height, baseline, bold, lang))
    if _recorded is not None:
        _recorded[key] = lines
    return lines


def measure_paragraph(text: str, width: int, size: int, bold: bool = False, lang: str | None = None,
                      book: FontBook | None = None) -> tuple[int, int]:
    """(width, height) in px of ``text`` wrapped into ``width`` px; ``(0, 0)`` for empty text."""
    if not text:
        return 0, 0
    return size_of(laid_out(text, width, size, bold, lang, book))


def draw_lines(target: pygame.Surface, lines: list[LaidLine], pos: tuple[int, int], size: int, color: Color,
               bold: bool = False, align: str = "left", box_width: int | None = None,
               book: FontBook | None = None) -> None:
    """Blit laid-out ``lines`` onto ``target`` with their top-left at ``pos``.

    ``align`` ("left", "center", "right") places each line within ``box_width``
    (default: the widest line).
    """
    fb = _book(book)
    x0, y0 = pos
    span = box_width if box_width is not None else size_of(lines)[0]
    for line in lines:
        shift = 0
        if align == "center":
            shift = (span - line.width) // 2
        elif align == "right":
            shift = span - line.width
        for run in line.runs:
            font = fb.get(run.script, size, bold)
            glyphs = render_run(font, run.text, color)
            if glyphs is None:
                continue
            # A run's surface has the font's ascent above its baseline; line.baseline is the shared one.
            target.blit(glyphs, (x0 + shift + run.x, y0 + line.y + line.baseline - font.get_ascent()))


def render_run(font, text: str, color: Color) -> pygame.Surface | None:
    """The run's glyphs, or None when it has nothing to draw.

    A run made only of format characters (a soft hyphen, a zero width joiner, a bidi control:
    :mod:`safepath.text.invisible`) has no width, and SDL_ttf refuses it ("Text has zero width").
    """
    if not has_visible(text):
        return None
    try:
        return font.render(text, True, color)
    except pygame.error:
        if font.size(text)[0] <= 0:  # nothing to see (a lone combining mark some font has no glyph for)
            return None
        raise


def render_paragraph(text: str, width: int, size: int, color: Color, bold: bool = False,
                     lang: str | None = None, align: str = "left", book: FontBook | None = None) -> pygame.Surface:
    """``text`` wrapped into ``width`` px, drawn on a transparent surface as big as the text (cached).

    Treat the returned surface as read-only: it is shared through the cache.
    """
    fb = _book(book)
    color = tuple(color)
    key = (str(fb.folder), text, int(width), int(size), color, bool(bold), lang, align)
    surface = _surfaces.get(key)
    if surface is None and _stored_surfaces:
        surface = _stored_surfaces.pop(key, None)
        if surface is not None:
            _surfaces.put(key, surface)
    if surface is None:
        lines = laid_out(text, width, size, bold, lang, fb) if text else []
        w, h = size_of(lines)
        surface = pygame.Surface((w, h), pygame.SRCALPHA)
        draw_lines(surface, lines, (0, 0), size, color, bold, align, w, fb)
        _surfaces.put(key, surface)
    if _recorded_surfaces is not None:
        _recorded_surfaces[key] = surface
    return surface


def use_stored_layouts(layouts: dict[tuple, list[LaidLine]]) -> None:
    """Take these layouts (keys as :func:`laid_out` makes them) instead of laying their text out again."""
    _stored.clear()
    _stored.update(layouts)


def record_layouts() -> None:
    """Remember every layout asked for from now on, made or cached (the app records its first frame's)."""
    global _recorded
    _recorded = {}


def recorded_layouts() -> dict[tuple, list[LaidLine]]:
    """The layouts asked for since :func:`record_layouts` (what :mod:`safepath.ui.layout_cache` keeps); stops recording."""
    global _recorded
    out, _recorded = _recorded or {}, None
    return out


def use_stored_surfaces(surfaces: dict[tuple, pygame.Surface]) -> None:
    """Take these paragraphs (keys as :func:`render_paragraph` makes them) instead of drawing them again."""
    _stored_surfaces.clear()
    _stored_surfaces.update(surfaces)


def record_surfaces() -> None:
    """Remember every paragraph asked for from now on, drawn or cached (the app records its first frame's)."""
    global _recorded_surfaces
    _recorded_surfaces = {}


def recorded_surfaces() -> dict[tuple, pygame.Surface]:
    """The paragraphs asked for since :func:`record_surfaces` (what :mod:`safepath.ui.text_pixels` keeps); stops recording.

    Stored paragraphs the first frame did not take are let go too: they would only hold memory.
    """
    global _recorded_surfaces
    out, _recorded_surfaces = _recorded_surfaces or {}, None
    _stored_surfaces.clear()
    return out


def clear_caches() -> None:
    """Forget cached layouts and surfaces (after the fonts change)."""
    _layouts.clear()
    _surfaces.clear()
    _stored.clear()
    _stored_surfaces.clear()


__all__ = ["clear_caches", "draw_lines", "laid_out", "record_layouts", "record_surfaces", "recorded_layouts",
           "recorded_surfaces", "measure_paragraph", "render_paragraph", "render_run", "use_stored_layouts",
           "use_stored_surfaces"]
