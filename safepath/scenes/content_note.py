"""The content note shown before a story starts (trauma-informed: no surprises).

It names what the story contains (the scenario's ``content_note``), how long
it takes, and promises what the game keeps: a scene can be skipped (a choice
cannot: the story needs it to go on) and the story left at any time without
losing anything. The player then chooses to
go on, or to pick another story. When a play-through was saved midway the
first button resumes it and a second one starts again.
"""

from __future__ import annotations

from safepath.play import engine
from safepath.story import model
from safepath.i18n import _, get_translator, ngettext
from safepath.scenes.base import Scene, register_scene
from safepath.scenes.menu_scene import MenuScene
from safepath.ui.widgets import Button


@register_scene("content_note")
class ContentNoteScene(MenuScene):
    """Built by the app with the scenario and the saved state to resume (or None)."""

    column_width = 900
    #: the note runs wider than the buttons: fewer lines, so the buttons stay on screen at large text sizes
    text_width = 1120
    background_key = "day"

    def __init__(self, scenario: model.Scenario, state: engine.State | None = None) -> None:
        super().__init__()
        self.scenario = scenario
        self.state = state

    def heading(self) -> str:
        return get_translator(self.app.lang).text(self.scenario.title)

    def intro(self) -> str:
        tr = get_translator(self.app.lang)
        return _("Before you start: {note}", note=tr.text(self.scenario.content_note))

    def detail(self) -> str:
        minutes = ngettext("About {count} minute.", "About {count} minutes.", self.scenario.minutes, count=self.scenario.minutes)
        # only what is true: Skip leaves a scene, but a choice has to be made for the story to go on
        return " ".join([minutes, _("You can skip a scene, but not a choice."), _("You can stop at any time. Nothing is lost.")])

    def buttons(self) -> list[Button]:
        if self.state is not None and self.state.steps:
            return [
                Button(_("Continue where you stopped"), self.resume, detail=self.detail(), style="primary"),
                Button(_("Start again from the beginning"), self.start_fresh, half=True, group="other"),
                Button(_("Choose another story"), self.cancel, half=True, group="other"),
            ]
        return [Button(_("Continue"), self.start_fresh, detail=self.detail(), style="primary"), Button(_("Choose another story"), self.cancel)]

    def resume(self) -> None:
        self.app.stack.replace(self.app.show("story", scenario=self.scenario, state=self.state))

    def start_fresh(self) -> None:
        profile = getattr(self.app, "profile", None)
        if profile is not None and self.state is not None:
            self.app.storage.save_state(profile.id, self.scenario.id, None)
        self.app.stack.replace(self.app.show("story", scenario=self.scenario, state=None))

    def cancel(self) -> None:
        self.app.back_to_scenarios()

    def fit_problems(self, size: tuple[int, int]) -> list[str]:
        theme, lang = self.app.theme, self.app.lang
        problems = []
        for b in self.menu.buttons:
            if not b.content_fits(theme, lang):
                problems.append(f"content-note button {b.label[:30]!r} is too small for its text")
            if b.rect is not None and (b.rect.x < 0 or b.rect.right > size[0]):
                problems.append(f"content-note button {b.label[:30]!r} sticks out of the window")
        return problems


def screenshot_states(app) -> list[tuple[str, list[Scene]]]:
    from safepath.scenes.story_parts import first_states_by_kind

    scenarios = getattr(app, "scenarios", {}) or {}
    scenario = scenarios.get("dream-job") or next(iter(scenarios.values()), None)
    if scenario is None:
        return []
    mid = first_states_by_kind(scenario).get("decision")
    return [("content-note", [ContentNoteScene(scenario)]), ("content-note-resume", [ContentNoteScene(scenario, mid)])]
