"""Short, kind feedback after a choice: a card over the story naming the red flag.

Shown when a choice spots a red flag (a *hit*), goes past one (a *miss*), or
refuses an offer that was in fact safe (a *false alarm*), and whenever the
author wrote ``feedback:`` for the choice. The wording is warm on purpose: a
miss is "something to notice", never "wrong"; a false alarm praises the care
and explains that this offer was real (design guidance: score discernment,
never blame). Red flags are named by their catalogue title, so the words the
player learns here are the same ones the debrief uses.
"""

from __future__ import annotations

from typing import Any, Callable

import pygame

from safepath.story import model
from safepath.play.scoring import false_alarm_choice
from safepath.i18n import N_
from safepath.scenes.base import Scene, register_scene
from safepath.scenes.story_parts import Pointer
from safepath.ui import bilingual, boxes
from safepath.ui.widgets import dim, draw_panel, fade_edge
from safepath.ui.menu import Menu

SLIDE_TIME = 0.2


@register_scene("feedback")
class FeedbackOverlay(Scene):
    """A card over the story; Enter, Space, Esc, a click or a tap on "Continue" closes it."""

    is_overlay = True

    def __init__(self, scenario: model.Scenario, choice: model.Choice, on_close: Callable[[], Any] | None = None) -> None:
        super().__init__()
        self.scenario = scenario
        self.choice = choice
        self.on_close = on_close
        self.age = 0.0
        self.menu: Menu | None = None
        self.blocks: list[tuple[str, pygame.Surface, tuple[int, int]]] = []
        self.card = pygame.Rect(0, 0, 0, 0)
        self.pointer = Pointer()
        self._size: tuple[int, int] | None = None
        #: the text above the button scrolls only when nothing else makes it fit (see `_layout`)
        self.scroll = self.max_scroll = 0
        self.text_area = pygame.Rect(0, 0, 0, 0)
        self.text_height = 0

    # -- content ------------------------------------------------------------------------------------------
    def tone(self) -> str:
        """"spotted", "missed", "false-alarm" or "note": decides the heading and the colour."""
        e = self.choice.effects
        if e.misses:
            return "missed"
        if false_alarm_choice(self.scenario, self.choice):
            return "false-alarm"
        if e.spots:
            return "spotted"
        return "note"

    def heading(self) -> str:
        return self.heading_pair()[0]

    def heading_pair(self) -> tuple[str, str | None]:
        """The heading, and the same in the second language (None: one language)."""
        return self._pair({
            "spotted": N_("Well spotted!"),
            "missed": N_("Something to notice"),
            "false-alarm": N_("This offer was safe"),
            "note": N_("Good to know"),
        }[self.tone()])

    def rows(self) -> list[tuple[str, str]]:
        """(kind, text) rows under the heading: the red flags by name, then the author's words."""
        return [(kind, text) for kind, text, _second in self.row_pairs()]

    def row_pairs(self) -> list[tuple[str, str, str | None]]:
        """(kind, text, the text in the second language or None) rows under the heading."""
        rows = []
        for rf in self.choice.effects.spots:
            if rf in self.scenario.red_flags:
                rows.append(("spotted", *self._pair(N_("Red flag spotted: {title}"),
                                                    title=self.scenario.red_flags[rf].title)))
        for rf in self.choice.effects.misses:
            if rf in self.scenario.red_flags:
                rows.append(("missed", *self._pair(N_("Red flag to watch for: {title}"),
                                                   title=self.scenario.red_flags[rf].title)))
        if false_alarm_choice(self.scenario, self.choice):
            rows.append(("false-alarm", *self._pair(N_("Being careful is good. This offer was real, so checking it "
                                                       "is better than refusing every offer."))))
        if self.choice.feedback is not None:
            rows.append(("text", *self._text_pair(self.choice.feedback)))
        return rows

    # -- layout -----------------------------------------------------------------------------------------------
    def enter(self, app) -> None:
        super().enter(app)
        self.app.play_sound("feedback")
        self.relayout()

    def relayout(self) -> None:
        super().relayout()
        self._size = None

    def _layout(self, size: tuple[int, int]) -> None:
        """Size the card from the measured text; when it would be taller than the window, widen it,
        then use the smaller text role, so large Burmese text at 1366×768 still fits without scrolling."""
        if self._size == size and self.menu is not None:
            return
        self._size = size
        theme = self.app.theme
        w, h = size
        tries = [(card_w, role, "heading", False) for card_w, role in boxes.feedback_card_tries(theme, size)]
        if self.second_lang is not None:
            # two languages take more room: a smaller heading, then a compact one-language Continue (a button
            # anyone finds) before any text would be cut
            widest, role = tries[-1][:2]
            tries += [(widest, role, "body", False), (widest, role, "body", True)]
        self.scroll = self.max_scroll = 0
        for card_w, role, heading_role, compact in tries:
            if self._layout_card(size, card_w, role, heading_role, compact) <= h - 2 * theme.px(16):
                return
        # nothing fits (two languages, the largest text, a small window): the text scrolls above the button,
        # it is never cut
        self.max_scroll = max(0, self.text_height - self.text_area.height)

    def _layout_card(self, size: tuple[int, int], card_w: int, role: str, heading_role: str = "heading",
                     compact: bool = False) -> int:
        """Lay the card out ``card_w`` wide; returns the height it needs (it is clamped to the window)."""
        theme, lang = self.app.theme, self.app.lang
        p = theme.palette
        w, h = size
        inner = boxes.feedback_text_width(theme, card_w)
        icon = icon_size(theme, role)
        self.icon = icon
        self.blocks = []
        self.icon_y: dict[int, int] = {}
        y = 0
        second = self.second_lang
        tone_color = self._tone_color(self.tone())
        head = bilingual.render_pair(*self.heading_pair(), inner, theme.text_px(heading_role), tone_color, p.text_muted,
                                     True, lang, second)
        self.blocks.append(("heading", head, (0, y)))
        y += head.get_height() + theme.gap
        for kind, text, under in self.row_pairs():
            indent = icon + theme.px(10) if kind != "text" else 0
            color = p.text if kind != "text" else p.text_muted
            surf = bilingual.render_pair(text, under, inner - indent, theme.text_px(role), color, p.text_muted,
                                         kind != "text", lang, second)
            self.blocks.append((kind, surf, (indent, y)))
            self.icon_y[len(self.blocks) - 1] = y + first_line_height(text, inner - indent, theme.text_px(role), True, lang) // 2
            y += surf.get_height() + theme.gap
        button = self._button(N_("Continue"), self.close, style="primary", compact=compact)
        if compact:
            button.second = ""  # the last resort: a one-language Continue leaves the room to the text
        self.menu = Menu([button], numbered=False, on_cancel=self.close)
        button_h = self.menu.buttons[0].measure(theme, inner, lang)
        needed = y + button_h + 2 * theme.pad + theme.px(16)
        card_h = min(needed, h - 2 * theme.px(16))
        self.card = pygame.Rect((w - card_w) // 2, max(theme.px(16), (h - card_h) // 2), card_w, card_h)
        self.content_origin = (self.card.x + theme.pad + theme.px(8), self.card.y + theme.pad + theme.px(8))
        viewport = pygame.Rect(self.content_origin[0], self.card.bottom - theme.pad - theme.px(8) - button_h, inner, button_h)
        self.menu.layout(theme, viewport, lang)
        self.inner_width = inner
        self.text_height = y - theme.gap
        self.text_area = pygame.Rect(self.content_origin[0], self.content_origin[1], inner,
                                     viewport.y - theme.px(8) - self.content_origin[1])
        return needed

    def _tone_color(self, tone: str):
        p = self.app.theme.palette
        return {"spotted": p.safe, "missed": p.warning, "false-alarm": p.accent}.get(tone, p.accent)

    # -- events --------------------------------------------------------------------------------------------------
    def close(self) -> None:
        if self.app is not None and self.app.stack.top is self:
            self.app.stack.pop()
            if self.on_close is not None:
                self.on_close()

    def drawing_failed(self, problem: str) -> bool:
        """The card could not be drawn (the app caught it): close it as Continue does, so the story goes on.

        Returns False: the app then tells the player, kindly, that this screen could not be shown.
        """
        self.close()
        return False

    def handle_event(self, event: pygame.event.Event) -> bool:
        event = self.pointer.translate(event, self.app)
        if event is None:
            return True
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE, pygame.K_ESCAPE):
            self.close()
            return True
        if self.max_scroll and self._scrolled(event):
            self.needs_redraw = True
            return True
        if self.menu is not None:
            used = self.menu.handle_event(event)
            if self.menu is not None and self.menu.changed:
                self.needs_redraw = True
            if used:
                return True
        # a click outside the card changes nothing: the card must be read or closed on purpose
        return event.type in (pygame.KEYDOWN, pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP, pygame.TEXTINPUT)

    def _scrolled(self, event: pygame.event.Event) -> bool:
        """Arrow keys, Page Up/Down and the wheel move a card's text that is taller than its room."""
        step = self.app.theme.px(60)
        moves = {pygame.K_UP: -step, pygame.K_DOWN: step, pygame.K_PAGEUP: -self.text_area.height * 3 // 4,
                 pygame.K_PAGEDOWN: self.text_area.height * 3 // 4}
        if event.type == pygame.KEYDOWN and event.key in moves:
            move = moves[event.key]
        elif event.type == pygame.MOUSEWHEEL:
            move = -event.y * step
        else:
            return False
        self.scroll = max(0, min(self.max_scroll, self.scroll + move))
        return True

    def update(self, dt: float) -> bool:
        if self.age < SLIDE_TIME:
            self.age += max(0.0, min(dt, 0.1))
            self.needs_redraw = True
            return True
        return False

    # -- drawing --------------------------------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        if self.app is None:
            return
        self._layout(surface.get_size())
        theme = self.app.theme
        dim(surface, theme)
        t = min(1.0, self.age / SLIDE_TIME)
        lift = int((1 - t) ** 2 * theme.px(30))
        card = self.card.move(0, lift)
        draw_panel(surface, theme, card)
        stripe = pygame.Rect(card.x, card.y, theme.px(8), card.height)
        pygame.draw.rect(surface, self._tone_color(self.tone()), stripe,
                         border_top_left_radius=theme.radius, border_bottom_left_radius=theme.radius)
        ox, oy = self.content_origin[0], self.content_origin[1] + lift - self.scroll
        clip = surface.get_clip()
        surface.set_clip(self.text_area.move(0, lift).clip(card) if self.max_scroll else card)
        for n, (kind, surf, (dx, dy)) in enumerate(self.blocks):
            if kind in ("spotted", "missed", "false-alarm"):
                draw_icon(surface, theme, kind, (ox + self.icon // 2, oy + self.icon_y[n]), self.icon // 2)
            surface.blit(surf, (ox + dx, oy + dy))
        surface.set_clip(clip)
        if self.max_scroll:  # more text above or below: it dissolves into the card instead of being sliced
            area, edge = self.text_area.move(0, lift), theme.px(28)
            if self.scroll:
                fade_edge(surface, pygame.Rect(area.x, area.y, area.width, edge), theme.palette.surface, at_top=True)
            if self.scroll < self.max_scroll:
                fade_edge(surface, pygame.Rect(area.x, area.bottom - edge, area.width, edge), theme.palette.surface,
                          at_top=False)
        if lift:
            self.menu.viewport.y += lift
            for b in self.menu.buttons:
                b.rect.y += lift
        self.menu.draw(surface, theme, self.app.lang)
        if lift:
            self.menu.viewport.y -= lift
            for b in self.menu.buttons:
                b.rect.y -= lift

    def fit_problems(self, size: tuple[int, int]) -> list[str]:
        self._layout(size)
        theme = self.app.theme
        problems = []
        for kind, surf, (dx, dy) in self.blocks:
            box = pygame.Rect(self.content_origin[0] + dx, self.content_origin[1] + dy, surf.get_width(), surf.get_height())
            if self.max_scroll:  # the text scrolls above the button: it must fit the card's width, and the scroll reach it
                if box.right > self.card.right or dy + surf.get_height() > self.max_scroll + self.text_area.height:
                    problems.append(f"feedback {kind} text does not fit inside the card")
            elif not self.card.contains(box) or box.bottom > self.menu.viewport.y:
                problems.append(f"feedback {kind} text does not fit inside the card")
        for b in self.menu.buttons:
            if not b.content_fits(theme, self.app.lang):
                problems.append(f"feedback button {b.label!r} is too small for its text")
        return problems


def icon_size(theme, role: str = "body") -> int:
    """Diameter of a status sign beside text of ``role`` (:func:`safepath.ui.boxes.status_icon_size`)."""
    return boxes.status_icon_size(theme, role)


def first_line_height(text: str, width: int, size: int, bold: bool, lang) -> int:
    """Height of the first line of ``text`` laid out at ``width`` (a sign beside a paragraph sits on it)."""
    from safepath.ui import textrender

    lines = textrender.laid_out(text, width, size, bold, lang)
    return lines[0].height if lines else size


def draw_icon(surface: pygame.Surface, theme, kind: str, center: tuple[int, int], radius: int) -> None:
    """A small round status sign drawn with shapes (no font has the same check mark in all three scripts)."""
    p = theme.palette
    color = {"spotted": p.safe, "missed": p.warning, "false-alarm": p.accent, "not-met": p.border}.get(kind, p.accent)
    pygame.draw.circle(surface, color, center, radius)
    cx, cy = center
    r = radius
    white = p.accent_text if theme.high_contrast else (255, 255, 255)
    width = max(2, r // 4)
    if kind == "spotted":
        pygame.draw.lines(surface, white, False, [(cx - r * 0.5, cy), (cx - r * 0.1, cy + r * 0.4), (cx + r * 0.5, cy - r * 0.4)], width)
    elif kind == "missed":
        pygame.draw.line(surface, white, (cx, cy - r * 0.5), (cx, cy + r * 0.15), width)
        pygame.draw.circle(surface, white, (cx, int(cy + r * 0.5)), max(1, width // 2 + 1))
    else:
        pygame.draw.circle(surface, white, center, max(2, r // 3), max(1, width // 2))


def screenshot_states(app) -> list[tuple[str, list[Scene]]]:
    """Feedback over the story for a spotted red flag, a missed one and a false alarm (when the story has them)."""
    from safepath.scenes.story import StoryScene
    from safepath.scenes.story_parts import first_states_by_kind

    scenarios = getattr(app, "scenarios", {}) or {}
    scenario = scenarios.get("dream-job") or next(iter(scenarios.values()), None)
    if scenario is None:
        return []
    wanted = {"spotted": None, "missed": None, "false-alarm": None}
    for scene in scenario.scenes.values():
        for choice in scene.choices:
            e = choice.effects
            tone = "missed" if e.misses else "false-alarm" if false_alarm_choice(scenario, choice) else "spotted" if e.spots else None
            if tone and wanted[tone] is None:
                wanted[tone] = choice
    base_state = first_states_by_kind(scenario).get("chat")
    shots = []
    for tone, choice in wanted.items():
        if choice is not None:
            story = StoryScene(scenario, state=base_state, preview="ready")
            shots.append((f"feedback-{tone}", [story, FeedbackOverlay(scenario, choice)]))
    return shots
