"""When a scene of a story cannot be drawn: say so kindly, keep the player's place, offer the way on.

The app catches an error while drawing a scene (:meth:`safepath.app.App.draw`) and the story
(:meth:`safepath.scenes.story.StoryScene.drawing_failed`) saves the player where they are and puts
this screen in its place. It says that something went wrong on the game's side, that it is not
the player's fault and that nothing is lost, and offers what the scene itself would have offered,
without drawing the scene again:

* a scene that goes on by itself: "Go on after this part" (``engine.advance``, as Skip does);
* a scene with choices: each of its choices (the feedback card of a choice still follows);
* an ending: its debrief;
* always: "Back to the stories" (the place stays saved; a later resume brings this offer back
  rather than the crash).

A short line for the trainer names the error, so it can be reported.
"""

from __future__ import annotations

from safepath.i18n import _, get_translator
from safepath.play import engine
from safepath.play.story import Story
from safepath.scenes.base import register_scene
from safepath.scenes.menu_scene import MenuScene
from safepath.ui.widgets import Button


@register_scene("story_problem")
class StoryProblem(MenuScene):
    """Full screen: this part could not be shown; the ways on from it."""

    background_key = "home"
    column_width = 760
    text_width = 900

    def __init__(self, scenario, state: engine.State, problem: str = "") -> None:
        super().__init__()
        self.scenario = scenario
        self.state = state
        self.problem = problem
        self._story = Story(scenario, state)

    def heading(self) -> str:
        return self._("This part of the story could not be shown")

    def intro(self) -> str:
        saving = getattr(self.app, "saving_problem", None)
        if saving is not None and saving() is not None:  # never claim "saved" while saving does not work
            parts = [self._("Something went wrong on our side while showing this part. It is not your fault.")]
        else:
            parts = [self._("Something went wrong on our side while showing this part. It is not your fault, "
                            "and nothing is lost: your progress is saved.")]
        story = self._story
        if story.ended:
            parts.append(self._("The story ends here. You can read what happened."))
        elif story.choices:
            parts.append(self._("You can still choose what to do:"))
        elif story.can_continue:
            parts.append(self._("You can go on with the story after this part."))
        if self.problem:
            # TRANSLATORS: {problem} is the error in English, for the trainer to report
            parts.append(_("For your trainer: {problem}", problem=self.problem[:200]))
        return "\n\n".join(parts)

    def buttons(self) -> list[Button]:
        story = self._story
        out: list[Button] = []
        if story.ended:
            out.append(Button(self._("See how the story ends"), self.open_debrief, style="primary"))
        elif story.choices:
            tr = get_translator(self.app.lang if self.app is not None else "en")
            out += [Button(tr.text(c.text), (lambda c=c: self.choose(c.index)), align="left") for c in story.choices]
        elif story.can_continue:
            out.append(Button(self._("Go on after this part"), self.go_on, style="primary"))
        out.append(Button(self._("Back to the stories"), self.back))
        return out

    def cancel(self) -> None:
        self.back()

    # -- the ways on ----------------------------------------------------------------------------------
    def back(self) -> None:
        self.app.back_to_scenarios()

    def open_debrief(self) -> None:
        self.app.stack.replace(self.app.show("debrief", scenario=self.scenario, state=self.state))

    def go_on(self) -> None:
        self._play_on(engine.advance(self.scenario, self.state))

    def choose(self, index: int) -> None:
        choice = next(c for c in self._story.choices if c.index == index)
        self._play_on(engine.choose(self.scenario, self.state, index))
        effects = choice.effects
        if choice.feedback is not None or effects.spots or effects.misses or effects.false_alarm:
            self.app.stack.push(self.app.show("feedback", scenario=self.scenario, choice=choice))

    def _play_on(self, state: engine.State) -> None:
        story = self.app.stack.replace(self.app.show("story", scenario=self.scenario, state=state))
        story._save()  # the new place (or the ending reached), as a step in the story saves it


def screenshot_states(app) -> list[tuple[str, list]]:
    """The offer after a narration scene and after a scene with choices could not be drawn."""
    scenario = next(iter(app.scenarios.values()), None)
    if scenario is None:
        return []
    start = engine.start(scenario)
    shots = [("story-problem", [StoryProblem(scenario, start, "error: Text has zero width")])]
    for following in engine.next_states(scenario, start):
        if Story(scenario, following).choices:
            shots.append(("story-problem-choices", [StoryProblem(scenario, following, "error: Text has zero width")]))
            break
    return shots
