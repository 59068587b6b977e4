"""``Story``: a small mutable wrapper over the pure engine, like ink's ``Story`` object.

Screens and the terminal player hold one; it keeps only the current state and
calls :mod:`safepath.play.engine` and :mod:`safepath.play.scoring`, so it sits
above both (the engine itself never needs scoring).
"""

from __future__ import annotations

from safepath.play import scoring
from safepath.play.engine import (State, advance, available_choices, can_continue, choose, current_scene, is_ended, is_stuck,
                                  shown_lines, start)
from safepath.story import model


class Story:
    """A small mutable wrapper for screens and the terminal player, like ink's Story.

    It only holds the current :class:`State` and calls the pure functions
    above; saving ``story.state`` and building ``Story(scenario, state)``
    later resumes exactly where the player was.
    """

    def __init__(self, scenario: model.Scenario, state: State | None = None):
        self.scenario = scenario
        self.state = state if state is not None else start(scenario)
        self.last_choice: model.Choice | None = None  # the choice just taken, for feedback

    @property
    def scene(self) -> model.Scene:
        return current_scene(self.scenario, self.state)

    @property
    def lines(self) -> tuple[model.Line, ...]:
        """The lines shown in this scene: those whose ``if:`` holds."""
        return shown_lines(self.scenario, self.state)

    @property
    def choices(self) -> tuple[model.Choice, ...]:
        return available_choices(self.scenario, self.state)

    @property
    def can_continue(self) -> bool:
        return can_continue(self.scenario, self.state)

    @property
    def ended(self) -> bool:
        return is_ended(self.scenario, self.state)

    @property
    def stuck(self) -> bool:
        return is_stuck(self.scenario, self.state)

    def choose(self, choice: int | model.Choice) -> model.Choice:
        """Take a choice by its stable index (or the Choice itself); returns it."""
        index = choice.index if isinstance(choice, model.Choice) else choice
        scene = self.scene
        self.state = choose(self.scenario, self.state, index)
        taken = next(c for c in scene.choices if c.index == index)
        self.last_choice = taken
        return taken

    def advance(self) -> None:
        self.state = advance(self.scenario, self.state)
        self.last_choice = None

    def result(self):
        return scoring.result(self.scenario, self.state)
