"""A vertical list of buttons with one focused item, scrolled when taller than its viewport.

Input: arrow keys / Tab move the focus, Enter or Space activates, number keys 1–9 pick an item
directly, the mouse (and touch, which SDL turns into mouse events) hovers and clicks, the wheel
scrolls. Rows of half-width buttons (cards side by side, "Settings" + "Change player") share a line.
"""

from __future__ import annotations

from typing import Any, Callable

import pygame

from safepath.ui import boxes
from safepath.ui.theme import Theme
from safepath.ui.widgets import ACTIVATE_KEYS, NUMBER_KEYS, Button


class Menu:
    """A vertical list of buttons with one focused item, scrolled when taller than its viewport.

    ``handle_event`` runs the activated button's action and returns True when
    the event was used, so a scene can simply ``return self.menu.handle_event(ev)``.
    """

    def __init__(self, buttons: list[Button], numbered: bool = True, on_cancel: Callable[[], Any] | None = None,
                 gap: int | None = None, uniform: bool = False) -> None:
        self.buttons = buttons
        #: design px between buttons (None: the theme's gap)
        self.gap = gap
        #: every full-width button as tall as the tallest (a short list of equals: the languages)
        self.uniform = uniform
        self.focus = 0
        self.scroll = 0
        self.viewport = pygame.Rect(0, 0, 0, 0)
        self.on_cancel = on_cancel
        self._pressed: int | None = None
        self.changed = True
        #: index of the last button activated (scenes play a click sound), reset by the scene
        self.activated: int | None = None
        if numbered:
            for i, b in enumerate(buttons[:9]):
                b.number = i + 1
        self._skip_disabled(1)

    # layout --------------------------------------------------------------------------------------
    def layout(self, theme: Theme, viewport: pygame.Rect, lang: str | None = None) -> int:
        """Lay the buttons out top-down inside ``viewport``; returns the total content height.

        When they are taller than the viewport, they are laid out again a little narrower so the
        scroll bar sits inside the viewport, never against the window's edge.
        """
        self.viewport = pygame.Rect(viewport)
        self.content_height = self._stack(theme, viewport.x, viewport.y, viewport.width, lang)
        if self.content_height > viewport.height:
            self.content_height = self._stack(theme, viewport.x, viewport.y, viewport.width - self.scrollbar_room(theme), lang)
        self._clamp_scroll()
        self._reveal_focus(theme)
        return self.content_height

    @staticmethod
    def scrollbar_room(theme: Theme) -> int:
        return theme.px(22)

    def spacing(self, theme: Theme) -> int:
        return theme.gap if self.gap is None else theme.px(self.gap)

    def _stack(self, theme: Theme, x: int, top: int, width: int, lang: str | None) -> int:
        gap = self.spacing(theme)
        tallest = 0
        if self.uniform:
            tallest = max((b.measure(theme, width, lang) for b in self.buttons if not b.half), default=0)
        y = top
        i = 0
        while i < len(self.buttons):
            b = self.buttons[i]
            nxt = self.buttons[i + 1] if i + 1 < len(self.buttons) else None
            if b.half:
                # buttons of one group share a row (cards side by side, "Settings" + "Change player")
                per_row = max(2, b.per_row)
                # three or more in a row keep the theme's gap between them when the menu squeezes its rows,
                # so each is as wide as the text checks expect (boxes.picker_title_width)
                w = boxes.column_width(theme, width, per_row, gap if per_row == 2 else None)
                hgap = gap if per_row == 2 else theme.gap
                row = [b]
                while len(row) < per_row and i + len(row) < len(self.buttons):
                    nxt = self.buttons[i + len(row)]
                    if not (nxt.half and nxt.group == b.group):
                        break
                    row.append(nxt)
                h = max(r.measure(theme, w, lang) for r in row)
                for k, r in enumerate(row):
                    # the last of a full row ends at the right edge (the rounding goes into the gaps)
                    left = x + width - w if k == per_row - 1 else x + k * (w + hgap)
                    r.rect = pygame.Rect(left, y, w, h)
                y += h + gap
                i += len(row)
                continue
            b.layout(theme, x, y, width, lang)
            if tallest:
                b.rect.height = tallest
            y += b.rect.height + gap
            i += 1
        return max(0, y - top - gap)

    @property
    def max_scroll(self) -> int:
        return max(0, getattr(self, "content_height", 0) - self.viewport.height)

    def _clamp_scroll(self) -> None:
        self.scroll = max(0, min(self.scroll, self.max_scroll))

    def _reveal_focus(self, theme: Theme | None = None) -> None:
        if not self.buttons or self.buttons[self.focus].rect is None:
            return
        r = self.buttons[self.focus].rect
        margin = theme.focus_width * 2 if theme else 8
        if r.top - margin - self.scroll < self.viewport.top:
            self.scroll = r.top - margin - self.viewport.top
        elif r.bottom + margin - self.scroll > self.viewport.bottom:
            self.scroll = r.bottom + margin - self.viewport.bottom
        self._clamp_scroll()

    # input ----------------------------------------------------------------------------------------
    def _skip_disabled(self, step: int) -> None:
        n = len(self.buttons)
        for _ in range(n):
            if self.buttons[self.focus].enabled:
                return
            self.focus = (self.focus + step) % n

    def move(self, step: int) -> None:
        if not self.buttons:
            return
        self.focus = (self.focus + step) % len(self.buttons)
        self._skip_disabled(step)
        self._reveal_focus()
        self.changed = True

    def activate(self, index: int) -> bool:
        if not (0 <= index < len(self.buttons)) or not self.buttons[index].enabled:
            return False
        self.focus = index
        self.changed = True
        self.activated = index
        action = self.buttons[index].action
        if action is not None:
            action()
        return True

    def button_at(self, pos: tuple[int, int]) -> int | None:
        if not self.viewport.collidepoint(pos):
            return None
        x, y = pos
        for i, b in enumerate(self.buttons):
            if b.rect is not None and b.rect.collidepoint(x, y + self.scroll):
                return i
        return None

    def handle_event(self, event: pygame.event.Event) -> bool:
        if not self.buttons:
            return False
        if event.type == pygame.KEYDOWN:
            if event.key in (pygame.K_DOWN, pygame.K_RIGHT) or (event.key == pygame.K_TAB and not event.mod & pygame.KMOD_SHIFT):
                self.move(1)
                return True
            if event.key in (pygame.K_UP, pygame.K_LEFT) or event.key == pygame.K_TAB:
                self.move(-1)
                return True
            if event.key in (pygame.K_HOME, pygame.K_END):
                self.focus = 0 if event.key == pygame.K_HOME else len(self.buttons) - 1
                self.move(0)
                return True
            if event.key in ACTIVATE_KEYS:
                return self.activate(self.focus)
            if event.key in NUMBER_KEYS:
                index = NUMBER_KEYS[event.key] - 1
                if index < len(self.buttons) and self.buttons[index].number is not None:
                    return self.activate(index)
                return False
            if event.key in (pygame.K_ESCAPE, pygame.K_BACKSPACE) and self.on_cancel is not None:
                self.on_cancel()
                return True
            return False
        if event.type == pygame.MOUSEMOTION:
            i = self.button_at(event.pos)
            if i is not None and i != self.focus and self.buttons[i].enabled:
                self.focus = i
                self.changed = True
            return i is not None
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            self._pressed = self.button_at(event.pos)
            return self._pressed is not None
        if event.type == pygame.MOUSEBUTTONUP and event.button == 1:
            i = self.button_at(event.pos)
            pressed, self._pressed = self._pressed, None
            if i is not None and i == pressed:
                return self.activate(i)
            return i is not None
        if event.type == pygame.MOUSEWHEEL and self.max_scroll:
            self.scroll -= event.y * 60
            self._clamp_scroll()
            self.changed = True
            return True
        return False

    # drawing -------------------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface, theme: Theme, lang: str | None = None) -> None:
        clip = surface.get_clip()
        # leave room for the focus ring, which is drawn outside the buttons
        ring = theme.focus_width * 2 + theme.px(2)
        surface.set_clip(self.viewport.inflate(ring * 2, ring * 2).clip(surface.get_rect()))
        for i, b in enumerate(self.buttons):
            if b.rect is None:
                continue
            r = b.rect.move(0, -self.scroll)
            if r.bottom < self.viewport.top - ring or r.top > self.viewport.bottom + ring:
                continue
            b.draw(surface, theme, focused=(i == self.focus), lang=lang, offset_y=self.scroll)
        surface.set_clip(clip)
        if self.max_scroll:
            self._draw_scrollbar(surface, theme)
        self.changed = False

    def _draw_scrollbar(self, surface: pygame.Surface, theme: Theme) -> None:
        v = self.viewport
        track = pygame.Rect(v.right - theme.px(6), v.top, theme.px(6), v.height)  # in the room left by layout()
        pygame.draw.rect(surface, theme.palette.border, track, border_radius=theme.px(3))
        frac = v.height / (v.height + self.max_scroll)
        thumb_h = max(theme.px(30), int(v.height * frac))
        thumb_y = v.top + int((v.height - thumb_h) * (self.scroll / self.max_scroll))
        pygame.draw.rect(surface, theme.palette.accent, (track.x, thumb_y, track.width, thumb_h), border_radius=theme.px(3))
