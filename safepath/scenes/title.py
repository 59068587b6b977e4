"""The title screen: the game's name, one big "Play" button, settings and quit.

On the very first run the language picker comes before it (``App.start``), so
the title already speaks the player's language; "Play" leads to choosing a player.
Should the title ever show while no language was chosen, "Play" asks first.
"""

from __future__ import annotations

from safepath.i18n import LANGUAGE_NAMES, N_, _
from safepath.scenes.base import register_scene
from safepath.scenes.menu_scene import MenuScene
from safepath.ui.widgets import Button


@register_scene("title")
class TitleScene(MenuScene):
    column_width = 640
    text_width = 1000

    def heading(self) -> str:
        return "SafePath"

    def intro(self) -> str:
        return self._("A story game about job offers online: spot the warning signs, stay safe, help your friends.")

    def buttons(self) -> list[Button]:
        lang = self.app.lang
        refresher = booster_button(self)  # 7–14 days after a player's post-check
        return [
            self._button(N_("Play"), self.play, style="primary"),
            *([refresher] if refresher is not None else []),
            self._button(N_("Class mode"), self.class_mode, detail=self._("for a trainer with a projector")),
            Button(self._("Language"), self.choose_language, detail=LANGUAGE_NAMES.get(lang, lang)),
            self._button(N_("Settings"), self.open_settings, half=True),
            self._button(N_("Quit"), self.quit_game, half=True),
        ]

    def play(self) -> None:
        if self.app.first_run and not self.app.lang_forced:
            self.app.stack.push(self.app.show("language", then="profiles"))
        else:
            self.app.stack.push(self.app.show("profiles"))

    def class_mode(self) -> None:
        self.app.stack.push(self.app.show("trainer"))

    def choose_language(self) -> None:
        self.app.stack.push(self.app.show("language", then="back"))

    def open_settings(self) -> None:
        self.app.stack.push(self.app.show("settings"))

    def quit_game(self) -> None:
        self.app.quit()

    def cancel(self) -> None:
        pass  # Esc on the title does nothing: quitting by accident loses the class's time


def screenshot_states(app) -> list[tuple[str, list]]:
    return [("title", [TitleScene()])]


def booster_button(scene) -> Button | None:
    """The title's "Refresher for <nickname>" button, 7–14 days after that player's post-check.

    Here, not with the check screens: the title is the first frame, and without a player (the first start)
    it needs nothing of the checks at all.
    """
    app = scene.app
    storage = app.storage
    profile = storage.get_profile(storage.last_profile_id) if storage.last_profile_id else None
    if profile is None:
        return None
    from safepath.checks import flow

    if not flow.booster_due(storage, profile):
        return None

    def start() -> None:
        app.select_profile(profile)
        app.stack.push(app.show("check_intro", phase="booster"))

    return Button(scene._("A short refresher"), start, detail=_("For {name}: about 3 minutes", name=profile.nickname))
