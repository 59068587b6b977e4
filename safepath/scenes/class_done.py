"""The end of a class session: what was kept (anonymously) and what the trainer can do next."""

from __future__ import annotations

from safepath.i18n import _
from safepath.scenes.base import register_scene
from safepath.scenes.class_parts import sample_session
from safepath.scenes.menu_scene import MenuScene
from safepath.ui.widgets import Button


@register_scene("class_done")
class ClassDone(MenuScene):
    column_width = 760
    text_width = 1000

    def __init__(self, session) -> None:
        super().__init__()
        self.session = session

    def heading(self) -> str:
        return self._("The class session is finished")

    def intro(self) -> str:
        from safepath.i18n import format_number

        return _("{label}: {done} of {total} stories played. The class's votes, paths and check answers are saved "
                 "on this laptop without any names, for the NGO's reports. Thank you!",
                 label=self.session.label, done=format_number(self.session.stories_done(), self.app.lang),
                 total=format_number(len(self.session.stories), self.app.lang))

    def buttons(self) -> list[Button]:
        return [Button(self._("Back to the trainer's menu"), self.cancel, style="primary")]

    def cancel(self) -> None:
        self.app.stack.clear_to(self.app.show("trainer"))


def screenshot_states(app) -> list[tuple[str, list]]:
    return [("class-done", [ClassDone(sample_session(app, "done"))])]
