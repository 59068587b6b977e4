"""Optional class-level numbers: how many girls, boys ... and how many in each age band, for the whole class.

Never per student: seven numbers for the class, which the reports use to describe who took part. The trainer
types each number (digits, Backspace), moves with Up/Down, Tab or a click, and adds or removes one with +/-
or the on-screen buttons; Enter keeps them, Esc leaves them as they were.
"""

from __future__ import annotations

from typing import Any, Callable

import pygame

from safepath.i18n import N_, _
from safepath.saves.records import AGE_BANDS, GENDERS
from safepath.scenes.base import register_scene
from safepath.scenes.class_parts import PALETTE, Canvas, ProjectorScene

_DIGITS = {getattr(pygame, f"K_{n}"): n for n in range(10)}
_DIGITS.update({getattr(pygame, f"K_KP{n}"): n for n in range(10)})
GENDER_LABELS = {"female": N_("girls and young women"), "male": N_("boys and young men"), "other": N_("another gender"),
                 "unknown": N_("not said")}


@register_scene("class_group")
class ClassGroup(ProjectorScene):
    safe_pause = False

    def __init__(self, gender: dict | None = None, age_bands: dict | None = None,
                 on_done: Callable[[dict, dict], Any] | None = None) -> None:
        super().__init__()
        self.rows = [("gender", k) for k in GENDERS] + [("age", k) for k in AGE_BANDS]
        given = {"gender": gender or {}, "age": age_bands or {}}
        self.values = {row: int(given[row[0]].get(row[1], 0) or 0) for row in self.rows}
        self.on_done = on_done
        self.focus = 0
        self._typed = False

    def hints(self) -> str:
        return _("Type a number · Up/Down: next line · +/-: one more or less · Enter: keep · Esc: back")

    def set(self, row, value: int) -> None:
        self.values[row] = max(0, min(999, value))
        self.changed()

    def done(self) -> None:
        gender = {k: v for (kind, k), v in self.values.items() if kind == "gender" and v}
        ages = {k: v for (kind, k), v in self.values.items() if kind == "age" and v}
        self.app.stack.pop()
        if self.on_done is not None:
            self.on_done(gender, ages)

    def handle_event(self, event: pygame.event.Event) -> bool:
        if super().handle_event(event):
            return True
        if event.type != pygame.KEYDOWN:
            return False
        row = self.rows[self.focus]
        if event.key in _DIGITS:
            self.set(row, self.values[row] * 10 + _DIGITS[event.key] if self._typed else _DIGITS[event.key])
            self._typed = True
        elif event.key == pygame.K_BACKSPACE:
            self.set(row, self.values[row] // 10)
        elif event.key in (pygame.K_PLUS, pygame.K_KP_PLUS, pygame.K_EQUALS, pygame.K_RIGHT):
            self.set(row, self.values[row] + 1)
        elif event.key in (pygame.K_MINUS, pygame.K_KP_MINUS, pygame.K_LEFT):
            self.set(row, self.values[row] - 1)
        elif event.key in (pygame.K_DOWN, pygame.K_UP, pygame.K_TAB):  # down the gender list, then the ages
            back = event.key == pygame.K_UP or (event.key == pygame.K_TAB and event.mod & pygame.KMOD_SHIFT)
            self.focus = (self.focus + (-1 if back else 1)) % len(self.rows)
            self._typed = False
            self.changed()
        elif event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self.done()
        elif event.key == pygame.K_ESCAPE:
            self.app.stack.pop()
        else:
            return False
        return True

    def _focus(self, index: int) -> None:
        self.focus, self._typed = index, False

    def build(self, c: Canvas) -> None:
        c.text(_("The class in numbers (optional)"), "heading", bold=True, after=c.px(4))
        c.text(_("For the whole class, never per student. Leave a line at 0 when you do not know."), "small",
               PALETTE.text_muted)
        pad, size = c.px(6), c.px(38 * max(0.7, c.shrink))
        # gender on the left, ages on the right: the whole class on one screen, even in Burmese
        half = (c.width - c.gap) // 2
        top_of_lists, bottoms = c.y, []
        for column, (kind, heading) in enumerate((("gender", _("Gender")), ("age", _("Ages")))):
            x0, y = c.x + column * (half + c.gap), top_of_lists
            y = c.text_at(heading, x0, y, half, "body", PALETTE.accent, True).bottom + c.px(4)
            for i, row in enumerate(self.rows):
                if row[0] != kind:
                    continue
                label = _(GENDER_LABELS[row[1]]) if kind == "gender" else _("aged {band}", band=row[1])
                count_w = c.px(70)
                text_w = half - 2 * pad - count_w - 2 * size - c.px(24)
                surf = c.render(label, text_w, "body")
                count = c.render(str(self.values[row]), count_w, "body", bold=True)
                card = pygame.Rect(x0, y, half, max(size, surf.get_height(), count.get_height()) + 2 * pad)
                focused = i == self.focus
                c.panel(card, PALETTE.surface_alt if focused else PALETTE.surface)
                c.panel(card, PALETTE.focus if focused else PALETTE.border, width=c.px(4) if focused else c.px(1))
                c.hit(card, lambda i=i: self._focus(i))
                c.text_at(label, x0 + pad + c.px(6), y + pad, text_w, "body", container=card, what=f"line {i + 1}")
                c.text_at(str(self.values[row]), card.right - pad - count_w, y + pad, count_w, "body", bold=True,
                          align="right", container=card, what=f"number {i + 1}")
                bx = card.right - pad - count_w - 2 * size - c.px(14)
                c.button("-", bx, card.centery - size // 2, size, lambda r=row: self.set(r, self.values[r] - 1),
                         role="small", height=size)
                c.button("+", bx + size + c.px(6), card.centery - size // 2, size,
                         lambda r=row: self.set(r, self.values[r] + 1), role="small", height=size)
                y = card.bottom + c.px(4)
            bottoms.append(y)
        c.y = max(bottoms)
        c.y += c.px(6)
        c.button(_("Keep these numbers"), c.x + c.width - c.px(380), c.y, c.px(380), self.done, primary=True)
        c.y += c.px(60)


def screenshot_states(app) -> list[tuple[str, list]]:
    return [("class-group", [ClassGroup({"female": 14, "male": 12, "unknown": 2}, {"13-15": 9, "16-18": 19})])]
