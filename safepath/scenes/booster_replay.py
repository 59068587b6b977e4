"""The booster's last part: a few decisions from the player's own stories, replayed with their feedback.

Weeks after the stories, the booster check ends by putting the player back at some of the decisions they
met (:func:`safepath.checks.flow.key_moments` picks them: the ones that mark a red flag or a safe sign).
Each moment is replayed through the engine, so the chat and the choices are the story's own; after a choice
a card says what it showed, with the red flag's advice, as the check's feedback cards do.
"""

from __future__ import annotations

from typing import Any, Callable

import pygame

from safepath.checks import flow
from safepath.i18n import _, get_translator
from safepath.scenes.base import Scene, register_scene
from safepath.scenes.chat_view import NOTE, THEM, ChatItem, ChatView
from safepath.scenes.story_parts import Pointer, StageLayout, TopBar, draw_phone_frame, top_bar_pointer
from safepath.ui.check_fit import FEEDBACK_ROWS
from safepath.ui.menu import Menu
from safepath.ui.widgets import Button, draw_panel, text_surface


@register_scene("booster_replay")
class ReplayScene(Scene):
    """A few decisions from the player's own stories, replayed through the engine, each with its feedback."""

    def __init__(self, moments: list, then: Callable[[], Any] | None = None) -> None:
        super().__init__()
        self.moments = list(moments)
        self.then = then
        self.index = 0
        self.chosen = None  # the choice made in the current moment
        self.view: ChatView | None = None
        self.layout: StageLayout | None = None
        self.menu: Menu | None = None
        self.prompt: pygame.Surface | None = None
        self.rows: list = []
        self.topbar = TopBar()
        self.pointer = Pointer()
        self._size = None

    @property
    def lang(self) -> str:
        return getattr(self.app, "lang", "en")

    def tr_text(self, text) -> str:
        return get_translator(self.lang).text(text) if text is not None else ""

    @property
    def moment(self):
        return self.moments[self.index]

    def choices(self):
        from safepath.play import engine

        scenario, state = self.moment
        return engine.available_choices(scenario, state)

    def _view(self) -> ChatView:
        from safepath.play import engine

        scenario, state = self.moment
        scene = engine.current_scene(scenario, state)
        view = ChatView("phone" if scene.kind.value == "chat" else "story")
        for line in scene.lines:
            character = scenario.characters.get(line.speaker or "")
            if character is None:
                view.items.append(ChatItem(NOTE, self.tr_text(line.text)))
            else:
                kind = "me" if character.role.value == "player" else THEM
                view.items.append(ChatItem(kind, self.tr_text(line.text), speaker_id=character.id,
                                           speaker_name=self.tr_text(character.name), avatar=character.avatar,
                                           role=character.role.value, image=line.image))
        return view

    def choose(self, choice) -> None:
        self.chosen = choice
        self.menu = None
        self.needs_redraw = True

    def next_moment(self) -> None:
        if self.index + 1 >= len(self.moments):
            self.app.stack.pop()
            if self.then is not None:
                self.then()
            return
        self.index += 1
        self.chosen = None
        self.view = self.layout = self.menu = None
        self.needs_redraw = True

    def enter(self, app) -> None:
        super().enter(app)
        self.relayout()

    def relayout(self) -> None:
        super().relayout()
        self.view = self.layout = self.menu = None

    def _contact(self):
        """The character the player is writing with in this moment (None: no one but the player speaks)."""
        scenario, state = self.moment
        from safepath.play import engine

        scene = engine.current_scene(scenario, state)
        return next((scenario.characters[line.speaker] for line in scene.lines
                     if line.speaker in scenario.characters
                     and scenario.characters[line.speaker].role.value != "player"), None)

    def _header_lines(self) -> list[tuple[str, bool]]:
        """The phone header's lines: the contact's name (bold), then the app."""
        from safepath.play import engine

        scene = engine.current_scene(*self.moment)
        contact = self._contact()
        header = [(self.tr_text(contact.name), True)] if contact else []
        return header + [(scene.app or self._("Messages"), False)]

    def _header_height(self, theme, size) -> int:
        """The header's height from its lines in the real fonts (a Burmese name and app take two tall lines)."""
        from safepath.ui import boxes
        from safepath.ui.widgets import text_size

        stage, _panel = boxes.stage_and_panel(theme, size, True, self.topbar.skip.rect.bottom)
        width = boxes.header_text_width(theme, stage[2])
        return sum(text_size(t, width, theme.text_px("small"), b, self.lang)[1]
                   for t, b in self._header_lines()) + theme.px(16)

    def _ensure_layout(self, size) -> None:
        theme = self.app.theme
        scenario, _state = self.moment
        if self.view is None:
            self.view = self._view()
        if self.layout is None or self._size != size:
            self._size = size
            title = _("A moment from “{story}”", story=self.tr_text(scenario.title))
            self.topbar.layout(theme, size, title, self._("Skip"), self._("Stop"), self.lang)
            self.layout = StageLayout.compute(theme, size, phone=self.view.mode == "phone",
                                              top_bar_bottom=self.topbar.skip.rect.bottom,
                                              header_h=self._header_height(theme, size))
            self.menu = None
        if self.menu is None:
            self._build_panel(theme)

    def _build_panel(self, theme) -> None:
        panel, lang, p = self.layout.panel, self.lang, theme.palette
        if self.chosen is None:
            question = self._("What do you do?")
            buttons = [Button(self.tr_text(c.text), lambda c=c: self.choose(c)) for c in self.choices()]
        else:
            question = feedback_title(self.chosen, self._)
            buttons = [Button(self._("Next"), self.next_moment, style="primary")]
        for role, compact in (("heading", False), ("body", True), ("small", True)):
            for b in buttons:
                b.role, b.compact = ("body", True) if compact else ("button", False)
            menu = Menu(buttons, gap=8 if compact else None, on_cancel=self.stop)
            prompt = text_surface(question, panel.width, theme.text_px(role), p.text, True, lang)
            y = panel.y + prompt.get_height() + theme.gap
            rows = []
            if self.chosen is not None:
                for text in feedback_texts(self.moment[0], self.chosen, self.tr_text, self._):
                    surf = text_surface(text, panel.width, theme.text_px("small" if compact else "body"), p.text_muted,
                                        False, lang)
                    rows.append((surf, (panel.x, y)))
                    y += surf.get_height() + theme.px(8)
            viewport = pygame.Rect(panel.x, y, panel.width, max(theme.min_touch, panel.bottom - y))
            menu.layout(theme, viewport, lang)
            if menu.content_height <= viewport.height:
                break
        self.menu, self.prompt, self.rows = menu, prompt, rows

    def stop(self) -> None:
        self.app.stack.pop()
        if self.then is not None:
            self.then()

    def handle_event(self, event: pygame.event.Event) -> bool:
        if self.app is None:
            return False
        event = self.pointer.translate(event, self.app)
        if event is None:
            return True
        self._ensure_layout(self.app.theme.screen_size)
        if top_bar_pointer(self, event, self.next_moment):
            return True
        menu = self.menu
        menu.activated = None
        used = menu.handle_event(event)
        if menu.changed:
            self.needs_redraw = True
        return used

    def draw(self, surface: pygame.Surface) -> None:
        if self.app is None:
            return
        from safepath.play import engine

        theme = self.app.theme
        self._ensure_layout(surface.get_size())
        lay = self.layout
        surface.fill(theme.palette.background)
        self.topbar.draw(surface, theme, self.lang)
        scenario, state = self.moment
        scene = engine.current_scene(scenario, state)
        if self.view.mode == "phone":
            contact = self._contact()
            draw_phone_frame(surface, theme, lay, scene.app or "SMS",
                             (contact.avatar, contact.role.value) if contact else None, self._header_lines(), self.lang)
        else:
            draw_panel(surface, theme, lay.stage)
        self.view.draw(surface, theme, lay.stage_inner, self.lang)
        surface.blit(self.prompt, lay.panel.topleft)
        for surf, pos in self.rows:
            surface.blit(surf, pos)
        self.menu.draw(surface, theme, self.lang)

    def fit_problems(self, size) -> list[str]:
        self._ensure_layout(size)
        theme = self.app.theme
        problems = [f"replay: {p}" for p in self.view.fit_problems(theme, self.layout.stage_inner.width, self.lang)]
        for b in self.menu.buttons:
            if not b.content_fits(theme, self.lang):
                problems.append(f"replay: button {b.label[:30]!r} is too small for its text")
        if self.view.mode == "phone":
            needed = self._header_height(theme, size) - theme.px(16)
            if needed > self.layout.header.height:
                problems.append(f"replay: phone header text ({needed} px) is taller than the header "
                                f"({self.layout.header.height} px)")
        return problems


def feedback_title(choice, tr) -> str:
    e = choice.effects
    if e.misses:
        return tr("Something to notice")
    if e.false_alarm:
        return tr("This offer was safe")
    if e.spots or e.trusts_safe:
        return tr("Well spotted!")
    return tr("Good to know")


def feedback_texts(scenario, choice, tr_text, tr) -> list[str]:
    """The red flags of a replayed choice with their advice, then the author's feedback."""
    out = []
    for flag in (*choice.effects.spots, *choice.effects.misses)[:FEEDBACK_ROWS]:
        entry = scenario.red_flags.get(flag)
        if entry is not None:
            out.append(f"{tr_text(entry.title)}: {tr_text(entry.action)}")
    if choice.feedback is not None:
        out.append(tr_text(choice.feedback))
    return out


def screenshot_states(app) -> list[tuple[str, list]]:
    scenarios = getattr(app, "scenarios", {}) or {}
    moments = flow.key_moments(scenarios, list(scenarios))
    if not moments:
        return []
    chosen = ReplayScene(moments)
    chosen.chosen = next(c for c in chosen.choices() if c.effects.spots or c.effects.misses)
    return [("booster-replay", [ReplayScene(moments)]), ("booster-replay-feedback", [chosen])]
