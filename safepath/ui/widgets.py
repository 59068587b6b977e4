"""Buttons, text blocks and drawing helpers, sized from the real fonts (menus: :mod:`safepath.ui.menu`,
the text box: :mod:`safepath.ui.text_input`).

Every widget measures its text with the text pipeline (:mod:`safepath.ui.textrender`)
before choosing its size, so a Burmese label at the largest text size makes its
button taller instead of spilling out of it. Widgets do not translate: the scene
gives them translated strings and rebuilds them in ``relayout()`` when the
language changes.

Input: arrow keys / Tab move the focus, Enter or Space activates, number keys
1–9 pick an item directly, the mouse (and touch, which SDL turns into mouse
events) hovers and clicks, the wheel scrolls a menu taller than its viewport.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

import pygame

from safepath.ui import boxes
from safepath.ui.memory import SurfaceCache
from safepath.ui.theme import Theme

Color = tuple[int, int, int]

NUMBER_KEYS = {getattr(pygame, f"K_{n}"): n for n in range(1, 10)}
NUMBER_KEYS.update({getattr(pygame, f"K_KP{n}"): n for n in range(1, 10)})
ACTIVATE_KEYS = (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE)


# -- text through the shared pipeline ---------------------------------------------------------------
def text_size(text: str, width: int, size: int, bold: bool = False, lang: str | None = None) -> tuple[int, int]:
    """Width and height of ``text`` wrapped into ``width`` px at ``size`` px, measured with the real fonts."""
    from safepath.ui import textrender

    w, h = textrender.measure_paragraph(text, width, size, bold=bold, lang=lang)
    return int(w), int(h)


def text_surface(text: str, width: int, size: int, color: Color, bold: bool = False, lang: str | None = None,
                 align: str = "left") -> pygame.Surface:
    """``text`` wrapped into ``width`` px and rendered (transparent background; shared, read-only)."""
    from safepath.ui import textrender

    return textrender.render_paragraph(text, width, size, color, bold=bold, lang=lang, align=align)


class TextBlock:
    """A wrapped paragraph with a cached surface; re-rendered only when its inputs change."""

    def __init__(self, text: str, role: str = "body", color_name: str = "text", bold: bool = False, align: str = "left") -> None:
        self.text = text
        self.role = role
        self.color_name = color_name
        self.bold = bold
        self.align = align
        self._key: tuple | None = None
        self._surface: pygame.Surface | None = None

    def surface(self, theme: Theme, width: int, lang: str | None = None) -> pygame.Surface:
        color = getattr(theme.palette, self.color_name)
        key = (self.text, width, theme.text_px(self.role), color, self.bold, lang)
        if key != self._key or self._surface is None:
            self._surface = text_surface(self.text, width, theme.text_px(self.role), color, self.bold, lang, self.align)
            self._key = key
        return self._surface

    def height(self, theme: Theme, width: int, lang: str | None = None) -> int:
        """The height :meth:`draw` will use, measured without drawing.

        A menu tries its layout at several text sizes before one fits (:mod:`safepath.scenes.menu_scene`);
        rendering the sizes it drops cost the title screen ~2 ms of its first frame in Burmese.
        """
        return text_size(self.text, width, theme.text_px(self.role), self.bold, lang)[1]

    def draw(self, surface: pygame.Surface, theme: Theme, x: int, y: int, width: int, lang: str | None = None) -> int:
        """Draw at (x, y) within ``width``; returns the height used."""
        surf = self.surface(theme, width, lang)
        if self.align == "center":
            x += (width - surf.get_width()) // 2
        elif self.align == "right":
            x += width - surf.get_width()
        surface.blit(surf, (x, y))
        return surf.get_height()


# -- buttons ----------------------------------------------------------------------------------------
@dataclass
class Button:
    """A large, rounded button with one label and an optional second line (detail).

    ``style``: "normal", "primary" (accent colour) or "danger" (delete).
    ``selected`` shows a check-style highlight (the current language, the current text size).
    """

    label: str
    action: Callable[[], Any] | None = None
    detail: str = ""
    style: str = "normal"
    selected: bool = False
    enabled: bool = True
    align: str = "center"
    number: int | None = None  # shown as a small "1" badge so players learn the number keys
    half: bool = False  # two consecutive "half" buttons of the same group share a row in a Menu
    per_row: int = 2  # how many "half" buttons of one group share a row (three story cards: 3)
    group: str = ""
    inline_detail: bool = False  # settings rows: "Text size ........ Large" on one line when it fits
    icon: Callable[[pygame.Surface, pygame.Rect], None] | None = None  # draws a picture left of the label
    lang: str | None = None  # the label's own language (the language picker shows each in its script)
    role: str = "button"  # text role of the label; a compact list of long choices uses "body"
    compact: bool = False  # less padding above and below the text (still at least a finger tall)
    #: the label in the second language, smaller under a thin rule (:mod:`safepath.ui.bilingual`); "" for none
    second: str = ""
    second_lang: str | None = None
    rect: pygame.Rect | None = None

    def __post_init__(self) -> None:
        self._cache: dict[tuple, pygame.Surface] = {}

    # layout --------------------------------------------------------------------------------------
    def _icon_size(self, theme: Theme) -> int:
        return theme.px(48) if self.icon is not None else 0

    def _badge_room(self, theme: Theme) -> int:
        """Width the number badge and the space after it take (0 without a number)."""
        return badge_size(theme) + theme.px(10) if self.number is not None else 0

    def _pad_y(self, theme: Theme) -> int:
        return theme.px(7) if self.compact else theme.px(12)

    def _inner_width(self, theme: Theme, width: int) -> int:
        return boxes.button_text_width(theme, width, self.number is not None, self.icon is not None)

    def _lang(self, lang: str | None) -> str | None:
        return self.lang or lang

    def _detail_role(self) -> str:
        return self.role if self.inline_detail else "small"

    def _arrange(self, theme: Theme, inner: int, lang: str | None) -> tuple[int, int, bool]:
        """(text height, widest line, detail on the label's line?) measured with the real fonts."""
        lw, lh = self._label_size(theme, inner, lang)
        if not self.detail:
            return lh, lw, False
        if self.inline_detail and not self.second:
            dw1 = text_size(self.detail, inner, theme.text_px(self.role), False, lang)[0]
            if lw + theme.px(24) + dw1 <= inner and lh <= theme.text_px(self.role) * 3:
                single_label = text_size(self.label, inner - dw1 - theme.px(24), theme.text_px(self.role), True, lang)
                if single_label[1] == lh:
                    dh = text_size(self.detail, inner, theme.text_px(self.role), False, lang)[1]
                    return max(lh, dh), lw + theme.px(24) + dw1, True
        dw, dh = text_size(self.detail, inner, theme.text_px(self._detail_role()), False, lang)
        return lh + theme.px(4) + dh, max(lw, dw), False

    def _label_size(self, theme: Theme, inner: int, lang: str | None) -> tuple[int, int]:
        """The label's block: the label, and under it the second language's when there is one."""
        if not self.second:  # one language (the first frame's case): no need for the bilingual module
            return text_size(self.label, inner, theme.text_px(self.role), True, lang)
        from safepath.ui import bilingual

        return bilingual.measure_pair(self.label, self.second or None, inner, theme.text_px(self.role), True, lang,
                                      self.second_lang)

    def measure(self, theme: Theme, width: int, lang: str | None = None) -> int:
        """Height this button needs at ``width`` px for its label and detail."""
        inner = self._inner_width(theme, width)
        h = self._arrange(theme, inner, self._lang(lang))[0]
        return max(theme.min_touch, h + 2 * self._pad_y(theme), self._icon_size(theme) + 2 * theme.px(8),
                   badge_size(theme) + 2 * theme.px(8) if self.number is not None else 0)

    def layout(self, theme: Theme, x: int, y: int, width: int, lang: str | None = None) -> int:
        self.rect = pygame.Rect(x, y, width, self.measure(theme, width, lang))
        return self.rect.height

    def content_fits(self, theme: Theme, lang: str | None = None) -> bool:
        """True when every pixel of ink of the label and detail, as drawn, lies inside the button.

        Checks the rendered surfaces (their bounding box of non-transparent pixels) where
        :meth:`draw` puts them, so glyphs that reach above or below the line box (Burmese
        stacked consonants, Thai tone marks) are caught too, not only the measured size.
        """
        if self.rect is None:
            return False
        inside = self.rect.inflate(-2 * theme.border_width, -2 * theme.border_width)
        for surf, (x, y) in self._placements(theme, self.rect, theme.palette.text, lang):
            ink = surf.get_bounding_rect()
            if ink.width and not inside.contains(ink.move(x, y)):
                return False
        return True

    # drawing -------------------------------------------------------------------------------------
    def _colors(self, theme: Theme, focused: bool) -> tuple[Color, Color, Color]:
        p = theme.palette
        if not self.enabled:
            return p.background, p.text_muted, p.border
        if self.style == "primary":
            return p.accent, p.accent_text, p.accent
        if self.style == "danger":
            return p.danger, p.danger_text, p.danger
        if self.selected:
            return p.surface_alt, p.text, p.accent
        return (p.button_hover if focused else p.button), p.text, p.border

    def _text(self, text: str, theme: Theme, width: int, role: str, color: Color, bold: bool, lang: str | None,
              align: str = "left") -> pygame.Surface:
        key = (text, width, theme.text_px(role), color, bold, lang, align)
        surf = self._cache.get(key)
        if surf is None:
            if len(self._cache) > 8:
                self._cache.clear()
            surf = self._cache[key] = text_surface(text, width, theme.text_px(role), color, bold, lang, align)
        return surf

    def draw(self, surface: pygame.Surface, theme: Theme, focused: bool = False, lang: str | None = None, offset_y: int = 0) -> None:
        if self.rect is None:
            return
        rect = self.rect.move(0, -offset_y)
        bg, fg, border = self._colors(theme, focused)
        pygame.draw.rect(surface, bg, rect, border_radius=theme.radius)
        pygame.draw.rect(surface, border, rect, width=theme.border_width, border_radius=theme.radius)
        if focused:
            ring = rect.inflate(theme.focus_width * 2 + theme.px(2), theme.focus_width * 2 + theme.px(2))
            pygame.draw.rect(surface, theme.palette.focus, ring, width=theme.focus_width, border_radius=theme.radius + theme.px(4))
        left = rect.x + theme.pad
        if self.number is not None:
            badge_border = fg if self.style in ("primary", "danger") and self.enabled else border  # visible on the accent
            draw_badge(surface, theme, self.number, (rect.x + theme.pad, rect.centery), badge_border, fg, self._text)
            left += self._badge_room(theme)
        if self.icon is not None:
            size = self._icon_size(theme)
            icon_rect = pygame.Rect(0, 0, size, size)
            icon_rect.midleft = (left, rect.centery)
            self.icon(surface, icon_rect)
        for surf, pos in self._placements(theme, rect, fg, lang):
            surface.blit(surf, pos)

    def _placements(self, theme: Theme, rect: pygame.Rect, fg: Color, lang: str | None) -> list[tuple[pygame.Surface, tuple[int, int]]]:
        """The text surfaces of this button and where :meth:`draw` puts them inside ``rect``."""
        inner = self._inner_width(theme, rect.width)
        left = rect.x + theme.pad + self._badge_room(theme)
        if self.icon is not None:
            left += self._icon_size(theme) + theme.px(12)
        lang = self._lang(lang)
        centered = "center" if self.align == "center" else "left"
        muted = fg if self.style in ("primary", "danger") else theme.palette.text_muted
        if self.second:
            from safepath.ui import bilingual

            label = bilingual.render_pair(self.label, self.second, inner, theme.text_px(self.role), fg, muted, True, lang,
                                          self.second_lang, centered)
        else:
            label = self._text(self.label, theme, inner, self.role, fg, True, lang, centered)
        inline = self.detail and self._arrange(theme, inner, lang)[2]
        if inline:
            value_color = fg if self.style in ("primary", "danger") else theme.palette.accent
            value = self._text(self.detail, theme, inner, self.role, value_color, False, lang)
            return [(label, (left, rect.centery - label.get_height() // 2)),
                    (value, (left + inner - value.get_width(), rect.centery - value.get_height() // 2))]
        blocks = [label]
        if self.detail:
            blocks.append(self._text(self.detail, theme, inner, self._detail_role(), muted, False, lang, centered))
        total = sum(b.get_height() for b in blocks) + theme.px(4) * (len(blocks) - 1)
        y = rect.centery - total // 2
        out = []
        for b in blocks:
            x = left + (inner - b.get_width()) // 2 if self.align == "center" else left
            out.append((b, (x, y)))
            y += b.get_height() + theme.px(4)
        return out


def badge_size(theme: Theme) -> int:
    """Side of the small number badge ("1", "2" ...): :func:`safepath.ui.boxes.number_badge_size`."""
    return boxes.number_badge_size(theme)


def draw_badge(surface: pygame.Surface, theme: Theme, number: int, midleft: tuple[int, int], border: Color, fg: Color,
               text: Callable[..., pygame.Surface]) -> pygame.Rect:
    """The rounded square with a choice's number, its left edge centred on ``midleft``; ``text`` renders the digit."""
    side = badge_size(theme)
    badge = pygame.Rect(0, 0, side, side)
    badge.midleft = midleft
    pygame.draw.rect(surface, border, badge, width=theme.px(2), border_radius=theme.px(8))
    num = text(str(number), theme, side, "small", fg, True, None)
    surface.blit(num, num.get_rect(center=badge.center))
    return badge


def draw_panel(surface: pygame.Surface, theme: Theme, rect: pygame.Rect, color_name: str = "surface") -> None:
    """A rounded card with a hairline border (scenario cards, dialog boxes)."""
    pygame.draw.rect(surface, getattr(theme.palette, color_name), rect, border_radius=theme.radius)
    pygame.draw.rect(surface, theme.palette.border, rect, width=theme.border_width, border_radius=theme.radius)


#: the overlay's shade, one window big (a new size or colour replaces it)
_SHADES = SurfaceCache("shades", screens=1, floor=0)


def dim(surface: pygame.Surface, theme: Theme) -> None:
    """Darken the whole surface under an overlay (the shade is made once per size and colour)."""
    key = (surface.get_size(), theme.palette.overlay_dim)
    shade = _SHADES.get(key)
    if shade is None:
        _SHADES.clear()
        shade = _SHADES.put(key, pygame.Surface(surface.get_size(), pygame.SRCALPHA))
        shade.fill(theme.palette.overlay_dim)
    surface.blit(shade, (0, 0))


#: gradients at the edges of scroll areas (strips a window wide and a few lines tall)
_FADES = SurfaceCache("fades", screens=0.25, floor=2**20)


def fade_edge(surface: pygame.Surface, rect: pygame.Rect, color: Color, at_top: bool) -> None:
    """A soft fade into ``color`` over ``rect``: text cut by a scroll area dissolves instead of being sliced.

    ``at_top``: opaque at the top edge, clear at the bottom (the upper edge of a scroll area);
    otherwise the other way round. Gradients are made once per size and colour.
    """
    if rect.width <= 0 or rect.height <= 0:
        return
    key = (rect.size, tuple(color), at_top)
    fade = _FADES.get(key)
    if fade is None:
        fade = pygame.Surface(rect.size, pygame.SRCALPHA)
        h = rect.height
        for y in range(h):
            t = (h - 1 - y) / max(1, h - 1) if at_top else y / max(1, h - 1)
            fade.fill((*color[:3], int(255 * t ** 0.8)), pygame.Rect(0, y, rect.width, 1))
        _FADES.put(key, fade)
    surface.blit(fade, rect.topleft)


def clamp_lines(text: str, width: int, size: int, max_lines: int, bold: bool = False, lang: str | None = None) -> str:
    """``text`` cut to at most ``max_lines`` lines at ``width`` px, ending in "…" when something was left out.

    Cuts between whole grapheme clusters (whole syllables in Burmese), so no half cluster shows.
    A preview only: the full text must be shown somewhere else (the content note has its own screen).
    """
    from safepath.ui import textrender

    if max_lines <= 0 or not text:
        return ""
    lines = textrender.laid_out(text, width, size, bold, lang)
    if len(lines) <= max_lines:
        return text
    kept = "".join(line.text + line.trailing for line in lines[:max_lines - 1])
    last = lines[max_lines - 1].text
    try:
        from safepath.text.breaks import reveal_units

        units = list(reveal_units(last))
    except ImportError:  # pragma: no cover - the text pipeline is part of the game
        units = list(last)
    while units:
        candidate = kept + "".join(units).rstrip() + "…"
        if len(textrender.laid_out(candidate, width, size, bold, lang)) <= max_lines:
            return candidate
        units.pop()
    return (kept.rstrip() + "…") if kept else "…"
