"""The pause menu (Esc during a story) and small dialogs (messages, "are you sure?").

Leaving is always allowed and never punished: "Back to scenarios" and "Quit"
keep the player's place, because the story saves after every step; the
scenario picker offers "Continue" next time.
"""

from __future__ import annotations

from typing import Any, Callable

from safepath.i18n import N_
from safepath.scenes.base import register_scene
from safepath.scenes.menu_scene import MenuScene
from safepath.ui.widgets import Button


@register_scene("dialog")
class Dialog(MenuScene):
    """A message with one or more answers, drawn over the current screen.

    ``choices`` are (label, action) pairs, already translated; the default is a
    single "OK" that closes the dialog. An action runs after the dialog closed.
    """

    is_overlay = True
    column_width = 640

    def __init__(self, message: str, choices: list[tuple[str, Callable[[], Any] | None]] | None = None,
                 serious: bool = False, title: str = "", danger_first: bool = False, align: str = "center") -> None:
        super().__init__()
        self.intro_align = align
        self.message = message
        self.choices = choices
        self.serious = serious
        self.title = title
        self.danger_first = danger_first

    def heading(self) -> str:
        return self.title

    def intro(self) -> str:
        return self.message

    def numbered(self) -> bool:
        return len(self.choices or ()) > 1

    def buttons(self) -> list[Button]:
        choices = self.choices or [(self._("OK"), None)]
        out = []
        for i, (label, action) in enumerate(choices):
            style = "danger" if (self.danger_first and i == 0) else ("primary" if i == 0 else "normal")
            out.append(Button(label, self._closing(action), style=style))
        return out

    def _closing(self, action: Callable[[], Any] | None) -> Callable[[], None]:
        def run() -> None:
            if self.app is not None and self.app.stack.top is self:
                self.app.stack.pop()
            if action is not None:
                action()

        return run


@register_scene("pause")
class PauseMenu(MenuScene):
    """Esc during a story: resume, settings, back to the scenario list, or quit."""

    is_overlay = True
    column_width = 560

    def heading(self) -> str:
        return self._("Paused")

    def _not_saving(self) -> bool:
        problem = getattr(self.app, "saving_problem", None)
        return problem is not None and problem() is not None

    def intro(self) -> str:
        if self._not_saving():  # never "saved" when it is not
            return self._("Your progress is not being saved right now. You can keep playing, or choose another "
                          "folder for the saves.")
        return self._("Your place in the story is saved.")

    def buttons(self) -> list[Button]:
        out = [
            self._button(N_("Resume"), self.resume, style="primary"),
            self._button(N_("Settings"), self.open_settings),
            self._button(N_("Back to the stories"), self.back_to_scenarios),
            self._button(N_("Quit the game"), self.quit_game),
        ]
        if self._not_saving():
            out.insert(1, Button(self._("Choose another folder"), self.choose_folder))
        return out

    def choose_folder(self) -> None:
        self.app.stack.push(self.app.show("save_folder"))

    def resume(self) -> None:
        self.app.stack.pop()

    def cancel(self) -> None:
        self.resume()

    def open_settings(self) -> None:
        self.app.stack.push(self.app.show("settings"))

    def back_to_scenarios(self) -> None:
        self.app.back_to_scenarios()

    def quit_game(self) -> None:
        self.app.quit()


def screenshot_states(app) -> list[tuple[str, list]]:
    from safepath.scenes.story import screenshot_states as story_states

    # the pause menu opens over a story: show it over the chat, as a player sees it
    chat = next((scenes for name, scenes in story_states(app) if name == "story-chat"), [app.show("picker")])
    return [
        ("pause", [*chat, PauseMenu()]),
        ("dialog-restored", [app.show("picker"), Dialog(app.tr(
            "Your saved progress was damaged; we restored the last good copy. Nothing was lost."))]),
    ]
