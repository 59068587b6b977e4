"""Issue 18, item 3: a crash while drawing a scene never repeats on resume.

Before, any error while drawing ended the game with "The screen stopped working", and since the story
had saved the player at that scene, every resume drew it again and crashed again: the story could
never be finished. Now the game saves, says kindly that this part could not be shown (not the
player's fault, nothing lost), and offers to go on after it (the scene's own choices when it has
some) or to go back to the stories. Any other screen that fails is closed with a kind message.

The crash is injected where a real one happened (a scene's drawing raising ``pygame.error``).
"""

from __future__ import annotations

import pygame
import pytest

from safepath import i18n
from safepath.app import make_app
from safepath.play import walk
from safepath.scenes.story import StoryScene

BROKEN = {"scenes": set()}


@pytest.fixture
def app(tmp_path, monkeypatch):
    real_draw = StoryScene.draw

    def draw(self, surface):
        if self.story is not None and self.story.state.scene in BROKEN["scenes"]:
            raise pygame.error("Text has zero width")
        real_draw(self, surface)

    monkeypatch.setattr(StoryScene, "draw", draw)
    app = make_app(data_dir=tmp_path, lang="en", catch_drawing_errors=True)
    app.settings.typewriter = "instant"
    profile = app.storage.create_profile("Mya", "player")
    app.select_profile(profile)
    BROKEN["scenes"] = set()
    yield app
    BROKEN["scenes"] = set()
    i18n.set_language("en")


def frame(app, *events):
    app.step(1 / 30, list(events))


def start_story(app, scenario_id="dream-job", resume=False):
    app.stack.clear_to(app.show("picker"))
    app.stack.push(StoryScene(app.scenarios[scenario_id], resume=resume))
    frame(app)


def saved_scene(app, scenario_id="dream-job"):
    state = app.storage.scenario_progress(app.profile.id, scenario_id).state
    return state["scene"] if state else None


def labels(scene):
    return [b.label for b in scene.menu.buttons]


def press(app, label_part):
    top = app.stack.top
    for i, b in enumerate(top.menu.buttons):
        if label_part in b.label:
            top.menu.focus = i
            frame(app, pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0, unicode="\r", scancode=0))
            return
    raise AssertionError(f"no button with {label_part!r}: {labels(top)}")


def test_a_scene_that_cannot_be_drawn_is_saved_and_the_player_goes_on_after_it(app):
    BROKEN["scenes"] = {"start"}
    start_story(app)  # no exception: the game goes on
    top = app.stack.top
    assert type(top).__name__ == "StoryProblem"
    assert "not your fault" in top.intro() and "saved" in top.intro()
    assert saved_scene(app) == "start"
    assert any("Go on" in label for label in labels(top)) and any("Back to the stories" in label for label in labels(top))
    assert app.drawing_failures and "Text has zero width" in app.drawing_failures[-1]
    press(app, "Go on")
    story = app.stack.top
    assert isinstance(story, StoryScene) and story.story.state.scene == "two-messages"
    assert saved_scene(app) == "two-messages"
    frame(app)
    assert app.stack.top is story  # the next scene draws


def test_resuming_at_the_broken_scene_offers_the_way_on_again_instead_of_crashing(app):
    BROKEN["scenes"] = {"start"}
    start_story(app)
    press(app, "Back to the stories")
    assert type(app.stack.top).__name__ == "ScenarioPicker"
    assert saved_scene(app) == "start"
    for _ in range(3):  # every resume: the kind offer, never the crash
        start_story(app, resume=True)
        assert type(app.stack.top).__name__ == "StoryProblem"
    press(app, "Go on")
    assert app.stack.top.story.state.scene == "two-messages"


def test_a_broken_scene_with_choices_offers_its_choices(app):
    BROKEN["scenes"] = {"two-messages"}
    start_story(app)
    story = app.stack.top
    story.skip()  # the narration scene, whole, then on to "two-messages" (the two offers)
    frame(app)
    problem = app.stack.top
    assert type(problem).__name__ == "StoryProblem"
    assert saved_scene(app) == "two-messages"
    choices = app.scenarios["dream-job"].scenes["two-messages"].choices
    shown = labels(problem)
    assert len(shown) == len(choices) + 1  # each choice, then back to the stories
    first = app.scenarios["dream-job"].scenes["two-messages"].choices[0]
    press(app, shown[0])
    while not isinstance(app.stack.top, StoryScene):  # the feedback card of that choice, if it has one
        frame(app, pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0, unicode="\r", scancode=0))
    assert app.stack.top.story.state.scene == first.goto
    assert saved_scene(app) == first.goto


def test_an_ending_that_cannot_be_drawn_opens_its_debrief(app):
    from safepath.play import engine

    scenario = app.scenarios["dream-job"]
    ending = "end-new-job"  # a safe ending of the dream job
    BROKEN["scenes"] = {ending}
    state = next(s for s in walk.breadth_first(scenario, seen_as=walk.by_scene_and_flags) if s.scene == ending)
    app.stack.clear_to(app.show("picker"))
    app.stack.push(StoryScene(scenario, state=state))
    frame(app)
    problem = app.stack.top
    assert type(problem).__name__ == "StoryProblem"
    press(app, labels(problem)[0])
    assert type(app.stack.top).__name__ == "DebriefScene"
    assert engine.is_ended(scenario, app.stack.top.state)


def test_any_other_screen_that_fails_is_closed_kindly(app, monkeypatch):
    from safepath.scenes.settings import SettingsScene

    monkeypatch.setattr(SettingsScene, "draw", lambda self, surface: 1 / 0)
    app.stack.clear_to(app.show("picker"))
    app.stack.push(app.show("settings"))
    frame(app)
    top = app.stack.top
    assert not isinstance(top, SettingsScene)
    assert "could not be shown" in top.intro() and "not your fault" in top.intro()
    frame(app, pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0, unicode="\r", scancode=0))
    assert type(app.stack.top).__name__ == "ScenarioPicker"


def test_a_screen_failing_again_and_again_still_ends_the_game_with_the_message(app, monkeypatch):
    from safepath.scenes.picker import ScenarioPicker
    from safepath.scenes.title import TitleScene

    monkeypatch.setattr(ScenarioPicker, "draw", lambda self, surface: 1 / 0)
    monkeypatch.setattr(TitleScene, "draw", lambda self, surface: 1 / 0)
    from safepath.scenes.pause import Dialog

    monkeypatch.setattr(Dialog, "draw", lambda self, surface: 1 / 0)
    app.stack.clear_to(app.show("picker"))
    with pytest.raises(ZeroDivisionError):
        for _ in range(20):
            frame(app)


def test_a_feedback_card_that_cannot_be_drawn_lets_the_story_go_on(app, monkeypatch):
    from safepath.scenes.feedback import FeedbackOverlay

    monkeypatch.setattr(FeedbackOverlay, "draw", lambda self, surface: 1 / 0)
    start_story(app)
    app.stack.top.skip()
    frame(app)
    story = app.stack.top
    assert story.story.state.scene == "two-messages"
    story.skip_scene()
    frame(app)
    story.choose(0)  # open the job ad: its choices have feedback cards
    frame(app)
    assert story.story.state.scene == "ad"
    story.skip_scene()
    frame(app)
    choice = next(c for c in story.story.choices if c.feedback is not None or c.effects.spots)
    story.choose(choice.index)
    frame(app)  # the card fails: closed, the story moves on, a kind word on top
    assert "could not be shown" in app.stack.top.intro()
    frame(app, pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0, unicode="\r", scancode=0))
    assert app.stack.top is story and story.story.state.scene == choice.goto
    for _ in range(5):
        frame(app)
    assert story.phase != "done"


def test_a_scene_failing_while_it_updates_or_takes_a_key_is_replaced_too(app, monkeypatch):
    real_update, real_event = StoryScene.update, StoryScene.handle_event

    def update(self, dt):
        if self.story is not None and self.story.state.scene == "two-messages":
            raise ValueError("broken reveal")
        return real_update(self, dt)

    monkeypatch.setattr(StoryScene, "update", update)
    start_story(app)
    app.stack.top.skip()
    frame(app)
    assert type(app.stack.top).__name__ == "StoryProblem" and saved_scene(app) == "two-messages"
    monkeypatch.setattr(StoryScene, "update", real_update)

    def handle_event(self, event):
        raise KeyError("broken key")

    monkeypatch.setattr(StoryScene, "handle_event", handle_event)
    start_story(app, resume=True)
    frame(app, pygame.event.Event(pygame.KEYDOWN, key=pygame.K_SPACE, mod=0, unicode=" ", scancode=0))
    assert type(app.stack.top).__name__ == "StoryProblem"
    assert "KeyError" in app.drawing_failures[-1]
