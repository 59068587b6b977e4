"""The drill screen, played as a player would: synthetic keys, mouse clicks and finger taps.

One test plays the fixture story ``tests/data/scenarios/drills.yaml`` end to end through the real screens
(content note, story, each drill opened from its scene, feedback, debrief); others play every drill with
each input method alone (keyboard only, mouse only, touch only), and check that every stage of every drill
holds its text in Thai, Burmese and English at 1280×720 and 1920×1080, at the smallest and the largest text
size (the same ``fit_problems`` check the screenshots use).
"""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest

from safepath import i18n
from safepath.app import make_app
from safepath.play import drills
from safepath.scenes.drill import DrillScene, drill_states, screenshot_states
from safepath.scenes.ending import DebriefScene
from safepath.scenes.feedback import FeedbackOverlay
from safepath.scenes.story import StoryScene

ROOT = Path(__file__).resolve().parent.parent
STORIES = ROOT / "tests" / "data" / "scenarios"
SIZE = (1280, 720)


def key(k: int, unicode: str = "", mod: int = 0) -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYDOWN, key=k, mod=mod, unicode=unicode, scancode=0)


def text(s: str) -> pygame.event.Event:
    return pygame.event.Event(pygame.TEXTINPUT, text=s)


def click(app, pos) -> None:
    app.step(0.0, [pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)),
                   pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1),
                   pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1)])


def tap(app, pos) -> None:
    w, h = app.surface.get_size()
    fields = dict(x=pos[0] / (w - 1), y=pos[1] / (h - 1), dx=0.0, dy=0.0, touch_id=1, finger_id=1, pressure=1.0)
    app.step(0.0, [pygame.event.Event(pygame.FINGERDOWN, **fields), pygame.event.Event(pygame.FINGERUP, **fields)])


def press(app, scene: DrillScene, label: str, method: str) -> None:
    """Press the drill's button whose label starts with ``label``: by Tab + Enter, a click or a tap."""
    app.draw()
    index = next(i for i, b in enumerate(scene.buttons) if b.label.startswith(label))
    if method == "keys":
        for _ in range(len(scene.buttons)):
            if scene.focus == index:
                break
            app.step(0.0, [key(pygame.K_TAB)])
        assert scene.focus == index, "Tab reaches every control"
        app.step(0.0, [key(pygame.K_RETURN)])
    elif method == "mouse":
        click(app, scene.buttons[index].rect.center)
    else:
        tap(app, scene.buttons[index].rect.center)


@pytest.fixture()
def app(tmp_path):
    app = make_app(SIZE, "en", data_dir=tmp_path, content_dir=STORIES)
    yield app
    i18n.set_language("en")


def open_drill(app, scene_id: str, on_done=None) -> DrillScene:
    scenario = app.scenarios["drills"]
    state = dict(drill_states(scenario))[scene_id]
    scene = app.stack.clear_to(DrillScene(scenario, state, on_done=on_done))
    app.draw()
    return scene


METHODS = ("keys", "mouse", "touch")


@pytest.mark.parametrize("method", METHODS)
def test_phone_drill_wrong_number_then_1506_then_2(app, method):
    done = []
    scene = open_drill(app, "call", done.append)
    d = scene.drill
    for digit in "1560":
        press(app, scene, digit, method)
    press(app, scene, "Call", method)
    assert d.note.tone == "correction" and d.stage == "dial"
    for digit in "1506":
        press(app, scene, digit, method)
    assert d.dialled == "1506"
    press(app, scene, "Call", method)
    assert d.stage == "menu"
    press(app, scene, "2", method)
    assert d.stage == "answer"
    app.draw()
    assert any("Department of Employment. You want" in b for _s, b in [(0, t) for _st, t in scene.info()])
    press(app, scene, "Thank the officer", method)
    assert done == ["called"] and app.stack.top is not scene


def test_phone_drill_typed_on_the_keyboard(app):
    done = []
    scene = open_drill(app, "call", done.append)
    digits = {d: getattr(pygame, f"K_{d}") for d in "0123456789"}
    app.step(0.0, [key(digits[c], c) for c in "1506"] + [key(pygame.K_BACKSPACE), key(pygame.K_6, "6")])
    app.step(0.0, [key(pygame.K_RETURN)])  # typed digits put the focus on Call
    assert scene.drill.stage == "menu"
    app.step(0.0, [key(pygame.K_KP2, "2")])
    app.step(0.0, [key(pygame.K_RETURN)])
    assert done == ["called"]


@pytest.mark.parametrize("method", METHODS)
def test_register_drill_typed_and_picked(app, method):
    done = []
    scene = open_drill(app, "register", done.append)
    d = scene.drill
    app.step(0.0, [text(ch) for ch in "Pellowynd Global Staff"])  # a registered name the chat did not give
    app.step(0.0, [key(pygame.K_RETURN)])
    assert d.stage == "search" and d.note.tone == "correction"
    app.step(0.0, [key(pygame.K_BACKSPACE)] * 40 + [text(ch) for ch in "pellowind staff"])
    press(app, scene, "Look up the name typed above", method)
    assert (d.stage, d.result) == ("result", "not-found")
    press(app, scene, "Check another name", method)
    press(app, scene, "Look up: Pellowind Staffing", method)
    assert d.result == "licensed"
    press(app, scene, "Tell Khun Ploy", method)
    assert done == ["licensed"]


@pytest.mark.parametrize("method", METHODS)
def test_codeword_drill_pick_and_say_back(app, method):
    done = []
    scene = open_drill(app, "codeword", done.append)
    d = scene.drill
    press(app, scene, "Blue kite", method)
    assert d.stage == "repeat"
    press(app, scene, "Mango", method)
    assert d.note.tone == "correction" and d.stage == "repeat"
    press(app, scene, "Blue kite", method)
    assert d.stage == "agreed"
    press(app, scene, "Go on to the travel plan", method)
    assert done == ["agreed"]


def test_codeword_by_number_keys_and_not_now(app):
    done = []
    scene = open_drill(app, "codeword", done.append)
    app.step(0.0, [key(pygame.K_1)])
    assert scene.drill.stage == "repeat" and scene.drill.chosen == 0
    position = scene.drill.order.index(0)
    app.step(0.0, [key(getattr(pygame, f"K_{position + 1}"))])
    assert scene.drill.stage == "agreed"
    scene = open_drill(app, "codeword", done.append)
    press(app, scene, "Not now", "keys")
    assert done == ["not-now"]


@pytest.mark.parametrize("method", METHODS)
def test_travel_plan_with_a_gap(app, method):
    done = []
    scene = open_drill(app, "plan", done.append)
    d = scene.drill
    press(app, scene, "Khun Ploy from the agency", method)
    press(app, scene, "The hotel laundry", method)
    press(app, scene, "I don't know yet", method)
    assert "address" in d.note.text(i18n.get_translator("en"))
    press(app, scene, "Every Sunday", method)
    assert d.stage == "review" and not d.complete
    press(app, scene, "Back", method)
    press(app, scene, "Every evening", method)
    press(app, scene, "Keep the plan that has gaps", method)
    assert done == ["incomplete"]


def test_arrow_keys_move_over_the_keypad_like_a_grid(app):
    scene = open_drill(app, "call")
    labels = lambda: scene.buttons[scene.focus].label  # noqa: E731
    assert labels() == "1"
    app.step(0.0, [key(pygame.K_RIGHT), key(pygame.K_DOWN)])
    assert labels() == "5"
    app.step(0.0, [key(pygame.K_DOWN), key(pygame.K_DOWN), key(pygame.K_SPACE)])
    assert scene.drill.dialled == "0"


def test_the_story_opens_each_drill_and_plays_on_to_the_ending(app, tmp_path):
    profile = app.storage.create_profile("Tester", "player")
    app.select_profile(profile)
    app.settings.typewriter = "instant"
    app.start_scenario("drills", resume=False, checks=False)
    app.step(0.0, [key(pygame.K_RETURN)])  # the content note's "Continue"
    story = app.stack.top
    assert isinstance(story, StoryScene)

    def ready():
        for _ in range(200):
            if app.stack.top is story and story.phase == "ready":
                app.draw()
                return
            app.step(1 / 30, [])
        raise AssertionError(story.phase)

    def close_feedback():
        if isinstance(app.stack.top, FeedbackOverlay):
            app.draw()
            app.step(0.0, [key(pygame.K_RETURN)])

    ready()
    app.step(0.0, [key(pygame.K_1)])  # "Call 1506 ..."
    ready()
    assert story.story.scene.id == "call" and len(story.menu.buttons) == 1
    app.step(0.0, [key(pygame.K_RETURN)])  # "Open the phone and call"
    drill = app.stack.top
    assert isinstance(drill, DrillScene) and isinstance(drill.drill, drills.PhoneDrill)
    app.step(0.0, [key(getattr(pygame, f"K_{c}"), c) for c in "1506"] + [key(pygame.K_RETURN)])
    app.step(0.0, [key(pygame.K_2, "2")])
    app.step(0.0, [key(pygame.K_RETURN)])
    close_feedback()
    ready()
    assert story.story.scene.id == "register" and "called_1506" in story.story.state.flags
    saved = app.storage.scenario_progress(profile.id, "drills").state
    assert saved is not None and saved["scene"] == "register", "the drill's outcome is saved like a choice"
    app.step(0.0, [key(pygame.K_RETURN)])
    app.step(0.0, [text(c) for c in "Pellowind Staff"] + [key(pygame.K_RETURN)])
    app.step(0.0, [key(pygame.K_RETURN)])  # "Say no to the agency that is not in the register"
    close_feedback()
    ready()
    assert story.story.scene.id == "codeword"
    app.step(0.0, [key(pygame.K_RETURN)])
    drill = app.stack.top
    app.step(0.0, [key(pygame.K_3)])
    app.step(0.0, [key(getattr(pygame, f"K_{drill.drill.order.index(2) + 1}"))])
    app.step(0.0, [key(pygame.K_RETURN)])
    ready()
    app.step(0.0, [key(pygame.K_RETURN)])
    app.step(0.0, [key(pygame.K_1)] * 4)
    app.step(0.0, [key(pygame.K_RETURN)])  # "Give Mum the plan"
    ready()
    assert story.story.scene.id == "stranger"
    assert story.menu.buttons[0].label == "Ask for the family code word"
    app.step(0.0, [key(pygame.K_1)])
    close_feedback()
    ready()
    assert story.story.ended and story.story.state.scene == "end-safe"
    app.step(0.0, [key(pygame.K_RETURN)])
    assert isinstance(app.stack.top, DebriefScene)


def test_escape_opens_the_pause_menu_over_a_drill(app):
    scene = open_drill(app, "call")
    app.step(0.0, [key(pygame.K_ESCAPE)])
    assert app.stack.top is not scene and scene in list(app.stack)


CASES = [(size, lang, step) for size in ((1280, 720), (1920, 1080)) for lang in ("th", "my", "en") for step in (0, 2)]


@pytest.mark.parametrize("size,lang,step", CASES, ids=[f"{s[0]}x{s[1]}-{lang}-t{step}" for s, lang, step in CASES])
def test_every_drill_stage_fits(tmp_path, size, lang, step):
    app = make_app(size=size, lang=lang, text_size=step, data_dir=tmp_path, content_dir=STORIES)
    problems = []
    shots = screenshot_states(app)
    assert len(shots) >= 14
    for name, scenes in shots:
        surface = app.render_stack(scenes)
        problems += [f"{name}: {p}" for p in scenes[-1].fit_problems(surface.get_size())]
    i18n.set_language("en")
    assert problems == []


SHIPPED = [(size, lang) for size in ((1280, 720), (1920, 1080)) for lang in ("th", "my", "en")]


@pytest.mark.parametrize("size,lang", SHIPPED, ids=[f"{s[0]}x{s[1]}-{lang}" for s, lang in SHIPPED])
def test_the_shipped_drills_fit_at_the_largest_text(tmp_path, size, lang):
    """The drills of the shipped stories (real-job), translated, at the largest text size."""
    app = make_app(size=size, lang=lang, text_size=2, data_dir=tmp_path)
    shots = screenshot_states(app)
    assert any(name.startswith("drill-real-job-") for name, _ in shots)
    problems = []
    for name, scenes in shots:
        surface = app.render_stack(scenes)
        problems += [f"{name}: {p}" for p in scenes[-1].fit_problems(surface.get_size())]
    i18n.set_language("en")
    assert problems == []


def test_the_fit_check_can_fail(tmp_path):
    """Squeeze the panel the answer is read in: the check must report it."""
    app = make_app(size=(1280, 720), lang="my", text_size=2, data_dir=tmp_path, content_dir=STORIES)
    _name, scenes = next(s for s in screenshot_states(app) if s[0].endswith("call-answer"))
    surface = app.render_stack(scenes)
    scene = scenes[-1]
    assert scene.fit_problems(surface.get_size()) == []
    scene.right.height //= 4
    scene._layout = lambda size: None  # keep the squeezed layout
    assert any("does not fit" in p for p in scene.fit_problems(surface.get_size()))
    i18n.set_language("en")
