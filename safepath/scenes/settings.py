"""Settings, reachable from the title and the pause menu, applied the moment they change.

Each row shows a setting and its current value; Enter, a click or the row's
number key moves to the next value (Left/Right would fight the menu's arrows,
and one key that "turns the dial" is easiest to explain in class). The
language row shows each language in its own script, so a player who switched
to a language they cannot read can always find their way back. The second
language (off by default) is shown smaller under the first on the story screens,
cards and menus; F2 swaps the two.
"""

from __future__ import annotations

from safepath.i18n import LANGUAGE_NAMES, N_
from safepath.scenes.base import register_scene
from safepath.scenes.menu_scene import MenuScene
from safepath.saves.players import LANGUAGES, TYPEWRITER_SPEEDS
from safepath.ui.widgets import Button

# marked for the catalogs; translated through _() when a row is built
_TEXT_SIZES = (N_("Normal"), N_("Large"), N_("Very large"))
_SPEEDS = {"slow": N_("Slow"), "normal": N_("Normal"), "fast": N_("Fast"), "instant": N_("Instant (no typing)")}
#: "Language" in all three languages, so the row can be found in any of them
_LANGUAGE_WORDS = ("Language", "ภาษา", "ဘာသာစကား")


def _next(values, current):
    values = list(values)
    try:
        return values[(values.index(current) + 1) % len(values)]
    except ValueError:
        return values[0]


@register_scene("settings")
class SettingsScene(MenuScene):
    is_overlay = True
    column_width = 900

    #: whether the "Second language" row is shown (see `relayout`)
    _second_row = True

    def heading(self) -> str:
        return self._("Settings")

    def relayout(self) -> None:
        """Lay out with the "Second language" row; when it would make the rows scroll and it is off, without it.

        So a screen that had room for every setting still shows every one of them at once (Burmese
        at a large text size in a small window); the row is always there while a second language
        is on, so it can be turned off where it was turned on.
        """
        self._second_row = True
        super().relayout()
        if self.app is not None and self.menu is not None and self.menu.max_scroll and self.app.second_lang is None:
            self._second_row = False
            super().relayout()

    def buttons(self) -> list[Button]:
        s = self.app.settings
        on, off = self._("On"), self._("Off")
        lang = s.language or "en"
        rows = [
            Button(self._("Text size"), self.next_text_size, detail=self._(_TEXT_SIZES[s.text_size])),
            Button(self._("High contrast"), self.toggle_contrast, detail=on if s.high_contrast else off),
            Button(self._("Sound"), self.toggle_sound, detail=on if s.sound else off),
            Button(self._("Screen"), self.toggle_fullscreen,
                   detail=self._("Full screen") if s.fullscreen else self._("Window")),
            Button(self._("Message speed"), self.next_speed, detail=self._(_SPEEDS[s.typewriter])),
            *([Button(self._("Second language"), self.next_second_language,
                      detail=LANGUAGE_NAMES[self.app.second_lang] if self.app.second_lang else off)]
              if self._second_row else []),
            Button(self._("Report for trainers"), self.open_report),
            Button(self._("Done"), self.cancel, style="primary"),
        ]
        # two settings side by side when the panel is wide, so everything fits a 720 px tall window
        two_columns = self.app.theme.content_width(self.column_width) >= self.app.theme.px(820)
        for b in rows:
            b.align, b.inline_detail, b.half, b.group = "left", True, two_columns, "rows"
        rows[-1].align, rows[-1].half = "center", False
        language = Button(" · ".join(dict.fromkeys((self._("Language"),) + _LANGUAGE_WORDS)), self.next_language,
                          detail=LANGUAGE_NAMES.get(lang, lang), align="left", inline_detail=True)
        return [language] + rows

    def _changed(self) -> None:
        self.app.settings_changed()  # applies, saves, and re-lays out every scene (this one too)

    def next_language(self) -> None:
        self.app.settings.language = _next(LANGUAGES, self.app.settings.language or "en")
        self._changed()

    def next_second_language(self) -> None:
        """Off, then each language other than the game's, then off again (a language never under itself)."""
        choices = [None] + [code for code in LANGUAGES if code != (self.app.settings.language or "en")]
        self.app.settings.second_language = _next(choices, self.app.second_lang)
        self._changed()

    def next_text_size(self) -> None:
        self.app.settings.text_size = (self.app.settings.text_size + 1) % 3
        self._changed()

    def toggle_contrast(self) -> None:
        self.app.settings.high_contrast = not self.app.settings.high_contrast
        self._changed()

    def toggle_sound(self) -> None:
        self.app.settings.sound = not self.app.settings.sound
        self._changed()
        self.app.play_sound("tap")

    def toggle_fullscreen(self) -> None:
        self.app.settings.fullscreen = not self.app.settings.fullscreen
        self._changed()

    def open_report(self) -> None:
        self.app.stack.push(self.app.show("report"))

    def next_speed(self) -> None:
        self.app.settings.typewriter = _next(TYPEWRITER_SPEEDS, self.app.settings.typewriter)
        self._changed()


def screenshot_states(app) -> list[tuple[str, list]]:
    from safepath.scenes.story_parts import first_states_by_kind
    shots = [("settings", [app.show("title"), SettingsScene()])]
    scenarios = getattr(app, "scenarios", {}) or {}
    scenario = scenarios.get("dream-job") or next(iter(scenarios.values()), None)
    if scenario is not None:
        state = first_states_by_kind(scenario).get("chat")
        shots.append(("settings-from-pause", [app.show("story", scenario, state=state, preview="ready"), app.show("pause"), SettingsScene()]))
    return shots
