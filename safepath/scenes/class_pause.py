"""The safe pause: one key (P) covers the projector with a calm screen and the help card.

For the moment a student is upset (a relative may be in a compound): the story disappears at once, the
class sees a quiet screen that says it is fine to take a break and where help is, and any key brings back
exactly the screen that was there. Nothing is lost or counted; the session is saved as it was.
"""

from __future__ import annotations

import pygame

from safepath import i18n
from safepath.i18n import N_, _
from safepath.scenes.base import register_scene
from safepath.scenes.class_parts import PALETTE, SHRINKS, Canvas, ProjectorScene

#: the calm screen's colours: a soft deep blue, not the story's black
CALM_BACKGROUND = (22, 40, 58)


@register_scene("class_pause")
class SafePause(ProjectorScene):
    """Opaque: nothing of the story shows through."""

    safe_pause = False
    background = CALM_BACKGROUND

    def hints(self) -> str:
        return _("Any key: back to where we were")

    def shrink_steps(self) -> tuple[float, ...]:
        """Two steps smaller than the other screens: every helpline of the card must show at once, and Burmese
        at the largest text size on a wide (16:9) window needs them; a calm screen is read from close by too."""
        return SHRINKS + (0.47, 0.42)

    def build(self, c: Canvas) -> None:
        from safepath.scenes.ending import helplines_for

        c.y += c.px(20)
        c.text(_("Let's take a short break."), "title", bold=True, align="center")
        calm, calm_second = self._pair(N_("Breathe slowly. You can step outside or talk to the trainer at any time. "
                                          "If this story is close to your life, or to someone you love, help is there, "
                                          "and it is free."))
        c.text(calm, "heading", align="center", second=calm_second)
        card_top = c.y
        pad = c.px(20)
        inner_x, inner_w = c.x + pad, c.width - 2 * pad
        items = []
        y = card_top + pad
        tr = i18n.current()
        items.append(c.text_at(_("Help is always there"), inner_x, y, inner_w, "heading", PALETTE.accent, True))
        y = items[-1].bottom + c.px(8)
        for line in helplines_for(self.app, self.app.lang):
            if line.number:
                dial = _("{number}, then press {key}", number=line.number, key=line.menu) if line.menu else line.number
            else:
                dial = tr.text(line.place) if line.place is not None else tr.text(line.name)
            items.append(c.text_at(f"{dial}  ·  {tr.text(line.name)}", inner_x, y, inner_w, "body", bold=True))
            y = items[-1].bottom + c.px(4)
            items.append(c.text_at(tr.text(line.purpose), inner_x, y, inner_w, "small", PALETTE.text_muted))
            y = items[-1].bottom + c.px(10)
        card = pygame.Rect(c.x, card_top, c.width, y - card_top + pad - c.px(10))
        for placed in c.items:
            if placed.rect in items:
                placed.container = card
        c.items.insert(0, _panel(card))
        c.y = card.bottom + c.gap

    def handle_event(self, event: pygame.event.Event) -> bool:
        if event.type in (pygame.KEYDOWN, pygame.MOUSEBUTTONUP, pygame.FINGERUP):
            self.app.stack.pop()
            return True
        return False


def _panel(rect: pygame.Rect):
    from safepath.scenes.class_parts import Placed

    return Placed("panel", rect, color=PALETTE.surface_alt)


def screenshot_states(app) -> list[tuple[str, list]]:
    return [("class-pause", [SafePause()])]
