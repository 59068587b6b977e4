"""A one-line text box (a nickname, a class's name, a local contact), for typing and input methods."""

from __future__ import annotations

from typing import Any, Callable

import pygame

from safepath.ui.theme import Theme
from safepath.ui.widgets import text_size, text_surface


class TextInput:
    """A one-line text box for a nickname: typing (including Thai and Burmese input methods),
    Backspace, Enter to submit. Counts characters, not bytes, against ``max_chars``.
    """

    def __init__(self, text: str = "", max_chars: int = 20, on_submit: Callable[[str], Any] | None = None) -> None:
        self.text = text
        self.max_chars = max_chars
        self.on_submit = on_submit
        self.composing = ""  # text the input method is still building (not yet committed)
        self.rect: pygame.Rect | None = None
        self.focused = True
        self.changed = True

    def layout(self, theme: Theme, x: int, y: int, width: int, lang: str | None = None) -> int:
        sample = (self.text + self.composing) or "Ag"
        h = text_size(sample, width - 2 * theme.pad, theme.text_px("button"), False, lang)[1]
        h = max(h, text_size("မြန်มาAg", width, theme.text_px("button"), False, lang)[1])
        self.rect = pygame.Rect(x, y, width, max(theme.min_touch, h + 2 * theme.px(10)))
        return self.rect.height

    def handle_event(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.TEXTINPUT:
            room = self.max_chars - len(self.text)
            if room > 0:
                self.text += "".join(ch for ch in event.text if ch.isprintable())[:room]
            self.composing = ""
            self.changed = True
            return True
        if event.type == pygame.TEXTEDITING:
            # shown as what TEXTINPUT will keep of it: no line breaks or controls (format characters such as a
            # lone ZWJ or a bidi control are dropped there too; drawn, they would be nothing anyway)
            self.composing = "".join(ch for ch in getattr(event, "text", "") if ch.isprintable())
            self.changed = True
            return True
        if event.type == pygame.KEYDOWN:
            if event.key == pygame.K_BACKSPACE:
                self.text = self.text[:-1]
                self.changed = True
                return True
            if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
                if self.on_submit is not None:
                    self.on_submit(self.text)
                return True
            # printable keys arrive as TEXTINPUT; swallow them here so number keys don't trigger menus
            return bool(event.unicode and event.unicode.isprintable() and event.key not in (pygame.K_ESCAPE, pygame.K_TAB))
        if event.type == pygame.MOUSEBUTTONDOWN and self.rect is not None:
            self.focused = self.rect.collidepoint(event.pos)
            self.changed = True
            return self.focused
        return False

    def draw(self, surface: pygame.Surface, theme: Theme, lang: str | None = None, caret_on: bool = True) -> None:
        if self.rect is None:
            return
        p = theme.palette
        pygame.draw.rect(surface, p.surface, self.rect, border_radius=theme.radius)
        pygame.draw.rect(surface, p.focus if self.focused else p.border, self.rect,
                         width=theme.focus_width if self.focused else theme.border_width, border_radius=theme.radius)
        inner = self.rect.width - 2 * theme.pad
        x = self.rect.x + theme.pad
        shown = self.text + self.composing
        if shown:
            surf = text_surface(shown, inner, theme.text_px("button"), p.text, False, lang)
            # keep the end of a long entry visible
            y = self.rect.centery - surf.get_height() // 2
            surface.blit(surf, (x, y))
            x += min(surf.get_width(), inner)
        if self.focused and caret_on:
            caret_h = theme.text_px("button") + theme.px(6)
            pygame.draw.rect(surface, p.text, (x + 2, self.rect.centery - caret_h // 2, max(2, theme.px(2)), caret_h))
        self.changed = False
