"""Starting a class session: the class's name, the stories, how the class votes, the knowledge check.

The name names the class, never a student ("Grade 10 B, Mae Sot"); it is checked for length and phone
numbers (:func:`safepath.classroom.session.check_label`). The stories are the ones that load; the
language is the game's (the Language button changes it); a second language, shown smaller under it on the
class screens for a class that mixes Thai and Burmese speakers, is off unless the game has one ("Second
language" turns through off and the other languages) and is kept with the session. "Class numbers" opens the optional class-level
counts (how many girls and boys, how many in each age band), never per student.
"""

from __future__ import annotations

import pygame

from safepath.i18n import LANGUAGE_NAMES, _
from safepath.scenes.base import register_scene
from safepath.scenes.class_parts import session_store
from safepath.scenes.form_scene import FormScene
from safepath.saves.players import LANGUAGES
from safepath.ui.widgets import Button, TextBlock
from safepath.ui.text_input import TextInput


@register_scene("class_setup")
class ClassSetup(FormScene):
    column_width = 820

    def __init__(self) -> None:
        super().__init__()
        self.input = TextInput("", max_chars=80, on_submit=lambda _text: self._to_buttons())
        self.part = 0  # 0: the name box, 1: the buttons
        self.error = ""
        self.chosen: list[str] | None = None  # story ids, in the picker's order
        self.vote = "every"
        self.checks = True
        self.group: tuple[dict, dict] = ({}, {})
        #: the session's second language (None: one language); starts as the game's, see `enter`
        self.second: str | None = None
        self._second_chosen = False
        self._labels: dict[str, TextBlock] = {}
        self._pos: dict[str, tuple[int, int]] = {}

    def heading(self) -> str:
        return self._("New class session")

    def buttons(self) -> list[Button]:
        if self.chosen is None:
            self.chosen = list(self.app.scenarios)
        out = []
        for sid, scenario in self.app.scenarios.items():
            from safepath import i18n

            on = sid in self.chosen
            out.append(Button(i18n.current().text(scenario.title), self._toggle(sid), selected=on,
                              detail=_("{minutes} minutes", minutes=i18n.format_number(scenario.minutes, self.app.lang))
                              + " · " + (self._("in this session") if on else self._("not in this session"))))
        out.append(Button(self._("The class votes"), self.toggle_vote, inline_detail=True,
                          detail=self._("at every decision") if self.vote == "every" else self._("only at marked choices")))
        out.append(Button(self._("Knowledge check before and after"), self.toggle_checks, inline_detail=True,
                          detail=self._("yes") if self.checks else self._("no")))
        counted = sum(self.group[0].values())
        out.append(Button(self._("The class in numbers (optional)"), self.open_group, inline_detail=True,
                          detail=_("{n} students", n=counted) if counted else self._("not given")))
        out.append(Button(self._("Language"), self.choose_language, inline_detail=True,
                          detail=LANGUAGE_NAMES.get(self.app.lang, self.app.lang)))
        second = self.second_language()
        out.append(Button(self._("Second language"), self.next_second_language, inline_detail=True,
                          detail=LANGUAGE_NAMES[second] if second else self._("Off")))
        out.append(Button(self._("Start the session"), self.start, style="primary", half=True))
        out.append(Button(self._("Back"), self.cancel, half=True))
        return out

    def _toggle(self, sid: str):
        def toggle() -> None:
            if sid in self.chosen:
                self.chosen.remove(sid)
            else:
                self.chosen = [s for s in self.app.scenarios if s in self.chosen or s == sid]
            self.relayout()

        return toggle

    def toggle_vote(self) -> None:
        self.vote = "marked" if self.vote == "every" else "every"
        self.relayout()

    def toggle_checks(self) -> None:
        self.checks = not self.checks
        self.relayout()

    def open_group(self) -> None:
        def keep(gender: dict, ages: dict) -> None:
            self.group = (gender, ages)
            self.relayout()

        self.app.stack.push(self.app.show("class_group", gender=self.group[0], age_bands=self.group[1], on_done=keep))

    def second_language(self) -> str | None:
        """The second language the session will have: the game's until the trainer turns the row, never the first."""
        second = self.second if self._second_chosen else self.app.second_lang
        return second if second != self.app.lang else None

    def next_second_language(self) -> None:
        """Off, then each language other than the session's, then off again (as in Settings)."""
        choices = [None] + [code for code in LANGUAGES if code != self.app.lang]
        current = self.second_language()
        self.second = choices[(choices.index(current) + 1) % len(choices)] if current in choices else None
        self._second_chosen = True
        self.relayout()

    def choose_language(self) -> None:
        self.app.stack.push(self.app.show("language", then="back"))

    def cancel(self) -> None:
        self.app.stack.pop()

    def start(self) -> None:
        from safepath.classroom.session import ClassSession

        try:
            session = ClassSession.new(self.input.text, [s for s in self.chosen or [] if s in self.app.scenarios],
                                       self.app.lang, vote=self.vote, checks=self.checks,
                                       second_lang=self.second_language())
        except ValueError as exc:
            self.error = self._(str(exc))
            self.part = 0
            self.relayout()
            return
        session.set_group(*self.group)
        session_store(self.app).save(session)
        from safepath.scenes.class_trainer import resume_session

        resume_session(self.app, session)

    def _to_buttons(self) -> None:
        self.part = 1
        self.needs_redraw = True

    # -- layout -----------------------------------------------------------------------------------------
    def _layout_once(self) -> None:
        theme, lang = self.app.theme, self.app.lang
        w, h = theme.screen_size
        col = theme.content_width(self.column_width)
        x = (w - col) // 2
        y = theme.margin
        self._heading_pos = (x, y, col)
        y += self._heading.height(theme, col, lang) + theme.gap
        self._labels = {"name": TextBlock(self._("Name of the class (no student names), for example “Grade 10 B, Mae Sot”"),
                                          "body", "text", bold=True)}
        if self.error:
            self._labels["error"] = TextBlock(self.error, "body", "danger")
        self._pos = {"name": (x, y)}
        y += self._labels["name"].height(theme, col, lang) + theme.px(6)
        y += self.input.layout(theme, x, y, col, lang) + theme.px(6)
        if self.error:
            self._pos["error"] = (x, y)
            y += self._labels["error"].height(theme, col, lang)
        y += theme.gap
        viewport = pygame.Rect(x, y, col, max(theme.min_touch, h - theme.margin - y))
        self.menu.layout(theme, viewport, lang)
        self.needs_redraw = True

    # -- events -----------------------------------------------------------------------------------------
    def handle_event(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN:
            if event.key == pygame.K_ESCAPE:
                self.cancel()
                return True
            if event.key == pygame.K_TAB or (event.key == pygame.K_DOWN and self.part == 0) or \
                    (event.key == pygame.K_UP and self.part == 1 and self.menu.focus == 0):
                self.part = 1 - self.part
                self.input.focused = self.part == 0
                self.needs_redraw = True
                return True
        if event.type in (pygame.TEXTINPUT, pygame.TEXTEDITING):
            if self.part != 0:
                return False
            used = self.input.handle_event(event)
            if used and self.error:
                self.error = ""
                self.relayout()
            self.needs_redraw = True
            return used
        if self.part == 0 and event.type == pygame.KEYDOWN:
            used = self.input.handle_event(event)
            self.needs_redraw = True
            return used
        if event.type == pygame.MOUSEBUTTONDOWN and self.input.rect is not None and self.input.rect.collidepoint(event.pos):
            self.part = 0
            self.input.focused = True
            self.needs_redraw = True
            return True
        used = super().handle_event(event)
        if used and event.type in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP, pygame.KEYDOWN):
            self.part = 1
            self.input.focused = False
        return used

    def draw(self, surface: pygame.Surface) -> None:
        theme, lang = self.app.theme, self.app.lang
        self.draw_heading(surface)
        col = self._heading_pos[2]
        for key, block in self._labels.items():
            bx, by = self._pos[key]
            block.draw(surface, theme, bx, by, col, lang)
        self.input.focused = self.part == 0
        self.input.draw(surface, theme, lang)
        self.draw_buttons(surface, focused=self.part == 1)


def screenshot_states(app) -> list[tuple[str, list]]:
    setup = ClassSetup()
    setup.input.text = "Grade 10 B, Mae Sot"
    bad = ClassSetup()
    bad.error = _("Please type a name for the class, for example “Grade 10 B, Mae Sot”.")
    return [("class-setup", [setup]), ("class-setup-error", [bad])]
