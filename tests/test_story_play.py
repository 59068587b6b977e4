"""Play dream-job to each of its endings through the real screens, with synthetic key, mouse and touch events.

The path to each ending is found with the engine (breadth-first); the test
then plays it as a player would: the content note's "Continue", waiting for
the messages (typewriter at "fast", so the typing indicator and the reveal
really run), clicking to hurry a message, picking choices by number key,
arrow keys + Enter, mouse click and finger tap in turn, closing the feedback
cards, and finally opening the debrief. It checks the debrief shows the
ending the engine predicted and that the ending was saved for the profile.
"""

from __future__ import annotations

import pygame
import pytest

from safepath.play import engine
from safepath.app import make_app
from safepath.scenes.ending import DebriefScene
from safepath.scenes.feedback import FeedbackOverlay
from safepath.scenes.story import StoryScene
from safepath.scenes.story_parts import ending_states

SIZE = (1280, 720)


@pytest.fixture(scope="module")
def dream_job_endings():
    app = make_app(SIZE, "en")
    scenario = app.scenarios["dream-job"]
    endings = ending_states(scenario)
    assert len(endings) >= 3, "dream-job should reach at least three endings"
    return endings


def key(k: int) -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode="", scancode=0)


def click(app, pos) -> None:
    app.step(0.0, [pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1),
                   pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1)])


def tap(app, pos) -> None:
    w, h = app.surface.get_size()
    fields = dict(x=pos[0] / (w - 1), y=pos[1] / (h - 1), dx=0.0, dy=0.0, touch_id=1, finger_id=1, pressure=1.0)
    app.step(0.0, [pygame.event.Event(pygame.FINGERDOWN, **fields), pygame.event.Event(pygame.FINGERUP, **fields)])


def wait_until_ready(app, scene: StoryScene, hurry: bool) -> None:
    """Let the messages arrive; with ``hurry``, click on the phone to complete each one."""
    for _ in range(4000):
        if app.stack.top is scene and scene.phase == "ready":
            return
        if hurry and app.stack.top is scene and scene.phase in ("typing", "reveal") and scene.layout is not None:
            click(app, scene.layout.stage.center)
        else:
            app.step(1 / 30, [])
    raise AssertionError(f"the story never became ready (phase {scene.phase})")


def pick(app, scene: StoryScene, position: int, method: int) -> None:
    """Take the choice at ``position`` (0-based) of the visible buttons, by one of four input methods."""
    button = scene.menu.buttons[position]
    if method == 0:
        app.step(0.0, [key(getattr(pygame, f"K_{position + 1}"))])
    elif method == 1:
        app.step(0.0, [key(pygame.K_DOWN)] * position + [key(pygame.K_RETURN)])
    elif method == 2:
        click(app, button.rect.center)
    else:
        tap(app, button.rect.center)


@pytest.mark.parametrize("ending_index", [0, 1, 2, 3])
def test_play_to_each_ending(tmp_path, dream_job_endings, ending_index):
    endings = sorted(dream_job_endings.items())
    if ending_index >= len(endings):
        pytest.skip("dream-job has fewer endings")
    ending_id, target = endings[ending_index]
    app = make_app(SIZE, "en", data_dir=tmp_path)
    profile = app.storage.create_profile("Tester", "player")
    app.select_profile(profile)
    app.settings.typewriter = "fast"
    scenario = app.scenarios["dream-job"]

    app.start_scenario("dream-job", resume=False, checks=False)  # the checks: test_checks_flow.py
    app.step(0.0, [key(pygame.K_RETURN)])  # the content note's "Continue"
    scene = app.stack.top
    assert isinstance(scene, StoryScene)

    for n, step in enumerate(target.steps):
        wait_until_ready(app, scene, hurry=n % 2 == 1)
        current = scenario.scenes[scene.story.state.scene]
        if current.drill is not None:  # the drill screen (tested on its own): open it, end it with this outcome
            pick(app, scene, 0, n % 4)
            drill = app.stack.top
            assert type(drill).__name__ == "DrillScene", f"step {n}: the drill screen opens"
            drill.drill.outcome = current.choices[step].outcome
            drill.close()
        elif step == engine.CONTINUE:
            assert scene.story.can_continue
            pick(app, scene, 0, n % 4)
        else:
            positions = [c.index for c in scene.story.choices]
            pick(app, scene, positions.index(step), n % 4)
        if isinstance(app.stack.top, FeedbackOverlay):
            overlay = app.stack.top
            app.draw()
            click(app, overlay.menu.buttons[0].rect.center)
        assert app.stack.top is scene, f"step {n}: the story should be on top again"
        saved = app.storage.scenario_progress(profile.id, "dream-job")
        assert saved.state is not None or scene.story.ended, "progress is saved after every step"

    wait_until_ready(app, scene, hurry=False)
    assert scene.story.ended and scene.story.state.scene == ending_id
    app.step(0.0, [key(pygame.K_RETURN)])  # "What happened? Read the debrief"
    debrief = app.stack.top
    assert isinstance(debrief, DebriefScene)
    assert debrief.result.ending_scene == ending_id
    app.draw()
    assert debrief.fit_problems(app.surface.get_size()) == []
    progress = app.storage.scenario_progress(profile.id, "dream-job")
    assert ending_id in progress.endings and progress.state is None


def test_resume_mid_story_from_saved_progress(tmp_path, dream_job_endings):
    """Leaving mid-story and coming back offers to continue at the same scene."""
    app = make_app(SIZE, "en", data_dir=tmp_path)
    profile = app.storage.create_profile("Tester", "player")
    app.select_profile(profile)
    app.settings.typewriter = "instant"
    _ending, target = sorted(dream_job_endings.items())[0]
    app.start_scenario("dream-job", resume=False, checks=False)  # the checks: test_checks_flow.py
    app.step(0.0, [key(pygame.K_RETURN)])
    scene = app.stack.top
    for step in target.steps[:3]:
        wait_until_ready(app, scene, hurry=False)
        positions = [c.index for c in scene.story.choices]
        pick(app, scene, 0 if step == engine.CONTINUE else positions.index(step), 0)
        if isinstance(app.stack.top, FeedbackOverlay):
            app.step(0.0, [key(pygame.K_RETURN)])
    where = scene.story.state.scene
    app.back_to_scenarios()
    app.start_scenario("dream-job", resume=True)
    app.step(0.0, [key(pygame.K_RETURN)])  # "Continue where you stopped"
    resumed = app.stack.top
    assert isinstance(resumed, StoryScene) and resumed.story.state.scene == where


def _scene_at(app, scenario, scene_id):
    """A state at ``scene_id``, reached by a shortest path (breadth-first)."""
    from collections import deque

    start = engine.start(scenario)
    queue, seen = deque([start]), {start.scene}
    while queue:
        state = queue.popleft()
        if state.scene == scene_id:
            return state
        for n in engine.next_states(scenario, state):
            if n.scene not in seen:
                seen.add(n.scene)
                queue.append(n)
    raise AssertionError(f"scene {scene_id} is not reachable")


def test_skip_on_a_scene_with_choices_reveals_it_and_keeps_the_choices(tmp_path):
    app = make_app(SIZE, "en", data_dir=tmp_path)
    app.settings.typewriter = "slow"
    scenario = app.scenarios["dream-job"]
    app.stack.push(StoryScene(scenario, state=_scene_at(app, scenario, "ad")))
    scene = app.stack.top
    app.step(0.05, [])
    assert scene.phase != "ready" and scene.can_skip() and scene.topbar.skip.label == "Skip"
    app.step(0.0, [key(pygame.K_s)])
    assert scene.phase == "ready" and scene.story.state.scene == "ad"
    assert len(scene.view.items) == len(engine.shown_lines(scenario, scene.story.state))  # lines whose `if:` holds
    app.draw()
    assert scene.menu.buttons
    # the choice cannot be skipped: the button says so and does nothing
    assert not scene.can_skip() and not scene.topbar.skip.enabled
    assert scene.topbar.skip.label == "Choose to go on"
    before = scene.story.state
    app.step(0.0, [key(pygame.K_s)])
    click(app, scene.topbar.skip.rect.center)
    assert scene.story.state == before and scene.phase == "ready"


def test_skip_moves_past_a_scene_that_goes_on_without_penalty(tmp_path):
    """Skip on a narration with `next` leaves it, while typing or when it is all shown; same state as Continue."""
    app = make_app(SIZE, "en", data_dir=tmp_path)
    app.settings.typewriter = "slow"
    scenario = app.scenarios["dream-job"]
    start = engine.start(scenario)
    assert engine.can_continue(scenario, start)
    app.stack.push(StoryScene(scenario, state=start))
    scene = app.stack.top
    app.step(0.05, [])
    assert scene.phase != "ready" and scene.can_skip()
    app.step(0.0, [key(pygame.K_s)])  # while the first lines are still coming
    assert scene.story.state == engine.advance(scenario, start)
    assert scene.story.state.scene != start.scene

    app.settings.typewriter = "instant"
    state = _scene_at(app, scenario, "walk-away")  # a narration with `next`, shown whole
    app.render_stack([StoryScene(scenario, state=state)])
    scene = app.stack.top
    for _ in range(50):
        app.step(1 / 30, [])
    assert scene.phase == "ready" and scene.topbar.skip.enabled and scene.topbar.skip.label == "Skip"
    click(app, scene.topbar.skip.rect.center)
    assert scene.story.state == engine.advance(scenario, state), "skipping changes no score and no red flag"


def test_skip_on_an_ending_opens_the_debrief(tmp_path):
    app = make_app(SIZE, "en", data_dir=tmp_path)
    app.settings.typewriter = "slow"
    scenario = app.scenarios["dream-job"]
    ending_id, state = sorted(ending_states(scenario).items())[0]
    app.render_stack([StoryScene(scenario, state=state)])
    app.step(0.0, [key(pygame.K_s)])
    assert isinstance(app.stack.top, DebriefScene) and app.stack.top.result.ending_scene == ending_id


def test_key_completes_message_before_anything_else(tmp_path):
    app = make_app(SIZE, "en", data_dir=tmp_path)
    app.settings.typewriter = "slow"
    scenario = app.scenarios["dream-job"]
    app.stack.push(StoryScene(scenario, state=engine.start(scenario)))
    scene = app.stack.top
    for _ in range(200):
        app.step(1 / 60, [])
        if scene.phase == "reveal":
            break
    if scene.phase != "reveal":
        pytest.skip("the first scene has no revealed line")
    current = scene.current
    app.step(0.0, [key(pygame.K_SPACE)])
    assert current.shown is None and current in scene.view.items
    assert scene.phase == "pause"  # the next message waits its turn; nothing was skipped


def test_idle_story_stops_animating(tmp_path):
    """A still screen asks for no frames: update() is False once everything is shown."""
    app = make_app(SIZE, "my", data_dir=tmp_path)
    app.settings.typewriter = "instant"
    app.stack.push(StoryScene(app.scenarios["dream-job"]))
    for _ in range(120):
        if not app.step(1 / 60, []):
            break
    assert app.stack.top.phase == "ready"
    assert app.step(1 / 60, []) is False


def test_language_switch_mid_scene_relays_out_at_once(tmp_path):
    """Switching to Burmese while a message is typing shows every line in Burmese on the next frame."""
    from safepath.i18n import get_translator, set_language

    app = make_app(SIZE, "en", data_dir=tmp_path)
    app.settings.typewriter = "slow"
    scenario = app.scenarios["dream-job"]
    from safepath.scenes.story_parts import first_states_by_kind

    first_chat = first_states_by_kind(scenario)["chat"]
    app.stack.push(StoryScene(scenario, state=first_chat))
    scene = app.stack.top
    for _ in range(400):
        app.step(1 / 60, [])
        if len(scene.view.items) >= 2:
            break
    app.settings.language = "my"
    app.apply_settings(app.settings)
    app.draw()
    burmese = get_translator("my")
    for item in scene.view.items:
        assert item.text == burmese.text(item.source)
        assert item.shown is None or item is scene.current
    assert scene.fit_problems(app.surface.get_size()) == []
    set_language("en")


def test_pause_menu_stops_the_messages(tmp_path):
    """While the pause menu is open nothing moves on underneath, and nothing asks for frames."""
    app = make_app(SIZE, "en", data_dir=tmp_path)
    app.settings.typewriter = "slow"
    from safepath.scenes.story_parts import first_states_by_kind

    scenario = app.scenarios["dream-job"]
    app.stack.push(StoryScene(scenario, state=first_states_by_kind(scenario)["chat"]))
    scene = app.stack.top
    for _ in range(30):
        app.step(1 / 60, [])
    app.step(0.0, [key(pygame.K_ESCAPE)])
    assert app.stack.top is not scene
    shown = len(scene.view.items)
    phase = scene.phase
    for _ in range(300):
        app.step(1 / 30, [])
    assert len(scene.view.items) == shown and scene.phase == phase
    assert scene.update(1 / 60) is False
