"""Choosing the language, each shown in its own script (ไทย, မြန်မာ, English).

A player who cannot read the current language must still find their own, so
the labels never go through translation: each language is written in itself,
with the English name underneath for trainers.

On the very first run this is the game's first screen (see ``App.start``): a
Burmese-only reader must not meet an English title first. Then the title
follows in the chosen language, and notices about saves (which could not be
translated before the language was known) wait until it is chosen.

A first run asks a second question right after the first: a second language, shown smaller under
the first on the story screens, cards and menus (issue 14), or none. "No second language" comes
first and has the focus, so Enter (or 1) keeps one language, the default; the other two languages
are again written in their own script. Like the first question it cannot be skipped into an English
screen, and notices still wait for it. The answer is saved like the Settings row's.
"""

from __future__ import annotations

from safepath.i18n import LANGUAGE_NAMES, N_
from safepath.scenes.base import register_scene
from safepath.scenes.menu_scene import MenuScene
from safepath.saves.players import LANGUAGES
from safepath.ui.widgets import Button

#: the question, asked in every language at once
QUESTION = "เลือกภาษา · ဘာသာစကား ရွေးပါ · Choose your language"
_ENGLISH_NAMES = {"th": "Thai", "my": "Burmese (Myanmar)", "en": "English"}
#: where a pick leads: back to the screen below, on to choosing a player, or (first run) to the title
THEN = ("back", "profiles", "title")
#: the first question (the language) and, on a first run, the second (a second language under it, or none)
STEPS = ("first", "second")
SECOND_QUESTION = N_("Show a second language too?")
SECOND_INTRO = N_("It is shown smaller, under the first. Settings can change it.")
NO_SECOND = N_("Only one language")


@register_scene("language")
class LanguagePicker(MenuScene):
    column_width = 620
    text_width = 1000
    heading_role = "heading"  # three languages in one line: keep it modest
    uniform_buttons = True  # three equal choices look equal, whatever each script's line height

    def __init__(self, then: str = "back", step: str = "first") -> None:
        super().__init__()
        if then not in THEN:
            raise ValueError(f"then must be one of {THEN}, not {then!r}")
        if step not in STEPS:
            raise ValueError(f"step must be one of {STEPS}, not {step!r}")
        self.then = then
        self.step = step

    @property
    def first_question(self) -> bool:
        """The first screen of a first run: nothing is below it, and notices wait for the language."""
        return self.then == "title"

    @property
    def defers_notices(self) -> bool:
        return self.first_question

    def heading(self) -> str:
        return self._(SECOND_QUESTION) if self.step == "second" else QUESTION

    def intro(self) -> str:
        return self._(SECOND_INTRO) if self.step == "second" else ""

    def buttons(self) -> list[Button]:
        if self.step == "second":
            return self._second_buttons()
        current = self.app.lang
        out = []
        for code in LANGUAGES:
            out.append(Button(LANGUAGE_NAMES[code], self._pick(code), detail=_ENGLISH_NAMES[code] if code != "en" else "",
                              selected=(code == current and not self.app.first_run), lang=code))
        return out

    def _second_buttons(self) -> list[Button]:
        """"Only one language" first (the default, focused), then each language other than the first, in its own script."""
        out = [Button(self._(NO_SECOND), self._pick_second(None), selected=self.app.second_lang is None)]
        for code in LANGUAGES:
            if code != self.app.lang:
                out.append(Button(LANGUAGE_NAMES[code], self._pick_second(code),
                                  detail=_ENGLISH_NAMES[code] if code != "en" else "",
                                  selected=code == self.app.second_lang, lang=code))
        return out

    def enter(self, app) -> None:
        super().enter(app)
        if self.menu is not None and not app.first_run and self.step == "first":
            self.menu.focus = LANGUAGES.index(app.lang) if app.lang in LANGUAGES else 0

    def _pick(self, code: str):
        def pick() -> None:
            # set_language ends the first run; --second-lang already answered the second question
            asks_second = self.app.first_run and self.then != "back" and not getattr(self.app, "second_lang_forced", False)
            self.app.set_language(code)
            if asks_second:
                self.app.stack.replace(self.app.show("language", then=self.then, step="second"))
            else:
                self._go_on()

        return pick

    def _pick_second(self, code: str | None):
        def pick() -> None:
            self.app.settings.second_language = code
            self.app.settings_changed()  # saved like the Settings row: for the player, and for the next ones
            self._go_on()

        return pick

    def _go_on(self) -> None:
        if self.then == "profiles":
            self.app.stack.replace(self.app.show("profiles"))
        elif self.then == "title":
            self.app.stack.replace(self.app.show("title"))
        else:
            self.app.stack.pop()

    def cancel(self) -> None:
        if self.step == "second":
            self._pick_second(None)()  # Esc keeps the default, one language
            return
        if self.first_question:
            return  # the game's first question: there is nothing behind it to go back to
        self.app.stack.pop()


def screenshot_states(app) -> list[tuple[str, list]]:
    return [("language", [LanguagePicker(then="title")]),
            ("language-second", [LanguagePicker(then="title", step="second")])]
