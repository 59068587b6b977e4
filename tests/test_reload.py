"""Hot reload: polling by modification time, diagnostics instead of crashes, the player kept in place."""

from __future__ import annotations

import os
import sys

from safepath.play import engine
from safepath.story.loader import load_scenario
from safepath.paths import scenarios_dir
from safepath.authoring.reload import ScenarioWatcher, remap_state

DREAM = scenarios_dir() / "dream-job.yaml"


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def copy_dream(tmp_path):
    path = tmp_path / "dream-job.yaml"
    path.write_text(DREAM.read_text(encoding="utf-8"), encoding="utf-8")
    return path


def touch(path, text):
    path.write_text(text, encoding="utf-8")
    st = os.stat(path)
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))


def test_poll_only_reloads_after_a_change_and_the_interval(tmp_path):
    path = copy_dream(tmp_path)
    clock = Clock()
    watcher = ScenarioWatcher(path, interval=0.5, clock=clock)
    assert watcher.poll() is None
    clock.now = 1.0
    assert watcher.poll() is None  # nothing changed
    touch(path, path.read_text(encoding="utf-8").replace("This is Ploy.", "This is Ploy, hello."))
    assert watcher.poll() is None  # not time to look yet
    clock.now = 1.6
    change = watcher.poll()
    assert change is not None and change.ok
    assert any("hello" in line.text.text for line in change.scenario.scenes["start"].lines)
    clock.now = 2.2
    assert watcher.poll() is None


def test_broken_edit_gives_diagnostics_not_an_exception(tmp_path):
    path = copy_dream(tmp_path)
    clock = Clock()
    watcher = ScenarioWatcher(path, clock=clock)
    touch(path, path.read_text(encoding="utf-8").replace("goto: fon-chat", "goto: fon-chatt", 1))
    clock.now = 5
    change = watcher.poll()
    assert change is not None and not change.ok
    text = change.overlay_text()
    assert "SP030" in text and str(path) in text and "^" in text
    touch(path, "id: [\n")
    assert not watcher.reload().ok
    path.unlink()
    assert not watcher.reload().ok  # a file vanishing mid-save is just another diagnostic


def test_remap_exact_when_the_story_still_fits():
    scenario = load_scenario(DREAM).scenario
    state = engine.start(scenario)
    for _ in range(4):
        state = engine.advance(scenario, state) if engine.can_continue(scenario, state) else engine.choose(
            scenario, state, engine.available_choices(scenario, state)[0].index)
    moved = remap_state(state, scenario)
    assert moved.exact and moved.state == state


def test_remap_keeps_the_scene_when_earlier_choices_changed(tmp_path):
    scenario = load_scenario(DREAM).scenario
    state = engine.replay(scenario, [engine.CONTINUE, 0, 0])  # start -> two messages -> ad -> first choice
    edited = copy_dream(tmp_path)
    text = edited.read_text(encoding="utf-8")
    # remove the ad scene's first choice: the old step no longer fits
    ad_choice = text.index("    choices:", text.index("\n  ad:"))
    first = text.index("      - text:", ad_choice)
    second = text.index("      - text:", first + 5)
    edited.write_text(text[:first] + text[second:], encoding="utf-8")
    new = load_scenario(edited).scenario
    assert new is not None
    moved = remap_state(state, new)
    assert moved.state.scene == state.scene and not moved.exact and "moved to" in moved.note


def test_remap_to_start_when_the_scene_is_gone():
    scenario = load_scenario(DREAM).scenario
    state = engine.replay(scenario, [engine.CONTINUE])
    fake = engine.State(scenario_id=scenario.id, scene="no-such-scene", steps=state.steps)
    moved = remap_state(fake, scenario)
    assert moved.state.scene == scenario.start and "gone" in moved.note


def test_reload_module_never_imports_pygame():
    import subprocess

    code = "import sys, safepath.authoring.reload, safepath.authoring.analysis, safepath.authoring.playthrough; print('pygame' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "False", out.stderr
