"""Choosing the language, each shown in its own script (ไทย, မြန်မာ, English).

A player who cannot read the current language must still find their own, so
the labels never go through translation: each language is written in itself,
with the English name underneath for trainers.

On the very first run this is the game's first screen (see ``App.start``): a
Burmese-only reader must not meet an English title first. Then the title
follows in the chosen language, and notices about saves (which could not be
translated before the language was known) wait until it is chosen.
"""

from __future__ import annotations

from safepath.i18n import LANGUAGE_NAMES
from safepath.scenes.base import register_scene
from safepath.scenes.menu_scene import MenuScene
from safepath.saves.players import LANGUAGES
from safepath.ui.widgets import Button

#: the question, asked in every language at once
QUESTION = "เลือกภาษา · ဘာသာစကား ရွေးပါ · Choose your language"
_ENGLISH_NAMES = {"th": "Thai", "my": "Burmese (Myanmar)", "en": "English"}
#: where a pick leads: back to the screen below, on to choosing a player, or (first run) to the title
THEN = ("back", "profiles", "title")


@register_scene("language")
class LanguagePicker(MenuScene):
    column_width = 620
    text_width = 1000
    heading_role = "heading"  # three languages in one line: keep it modest
    uniform_buttons = True  # three equal choices look equal, whatever each script's line height

    def __init__(self, then: str = "back") -> None:
        super().__init__()
        if then not in THEN:
            raise ValueError(f"then must be one of {THEN}, not {then!r}")
        self.then = then

    @property
    def first_question(self) -> bool:
        """The first screen of a first run: nothing is below it, and notices wait for the language."""
        return self.then == "title"

    @property
    def defers_notices(self) -> bool:
        return self.first_question

    def heading(self) -> str:
        return QUESTION

    def buttons(self) -> list[Button]:
        current = self.app.lang
        out = []
        for code in LANGUAGES:
            out.append(Button(LANGUAGE_NAMES[code], self._pick(code), detail=_ENGLISH_NAMES[code] if code != "en" else "",
                              selected=(code == current and not self.app.first_run), lang=code))
        return out

    def enter(self, app) -> None:
        super().enter(app)
        if self.menu is not None and not app.first_run:
            self.menu.focus = LANGUAGES.index(app.lang) if app.lang in LANGUAGES else 0

    def _pick(self, code: str):
        def pick() -> None:
            self.app.set_language(code)
            if self.then == "profiles":
                self.app.stack.replace(self.app.show("profiles"))
            elif self.then == "title":
                self.app.stack.replace(self.app.show("title"))
            else:
                self.app.stack.pop()

        return pick

    def cancel(self) -> None:
        if self.first_question:
            return  # the game's first question: there is nothing behind it to go back to
        self.app.stack.pop()


def screenshot_states(app) -> list[tuple[str, list]]:
    return [("language", [LanguagePicker(then="title")])]
