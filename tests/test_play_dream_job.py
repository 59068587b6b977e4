"""The bundled dream-job story can be played to each of its endings from the command line.

The choice numbers are found here by exploring the story with the engine, so
the test keeps working when the author rewrites scenes, and fails when an
ending can no longer be reached.
"""

from collections import deque
from dataclasses import replace

import pytest

from safepath import cli, i18n, paths
from safepath.play import engine
from safepath.story.loader import load_scenario
from safepath.story.model import EndingKind

DREAM_JOB = paths.scenarios_dir() / "dream-job.yaml"


@pytest.fixture(scope="module")
def scenario():
    loaded = load_scenario(DREAM_JOB)
    assert loaded.scenario is not None, loaded.diagnostics
    return loaded.scenario


def shortest_paths_to_endings(scenario):
    """Ending scene id -> (positions among shown choices, final state), breadth first."""
    found = {}
    queue = deque([(engine.start(scenario), ())])
    seen = set()
    while queue:
        state, positions = queue.popleft()
        while engine.can_continue(scenario, state):
            state = engine.advance(scenario, state)
        key = replace(state, steps=())  # the same situation reached by another route
        if key in seen or len(positions) > 40:
            continue
        seen.add(key)
        if engine.is_ended(scenario, state):
            found.setdefault(state.scene, (positions, state))
            continue
        for number, choice in enumerate(engine.available_choices(scenario, state), 1):
            queue.append((engine.choose(scenario, state, choice.index), positions + (number,)))
    return found


@pytest.fixture(scope="module")
def endings(scenario):
    return shortest_paths_to_endings(scenario)


def test_every_ending_scene_is_reachable(scenario, endings):
    ending_scenes = {sid for sid, scene in scenario.scenes.items() if scene.is_ending}
    assert set(endings) == ending_scenes
    kinds = {scenario.scenes[sid].ending for sid in endings}
    assert kinds == set(EndingKind)  # safe, recovered and trapped-with-help


@pytest.mark.parametrize("kind", list(EndingKind))
def test_play_reaches_each_kind_of_ending_with_debrief_and_helpline(scenario, endings, kind, capsys):
    scene_id, (positions, state) = next(
        (sid, found) for sid, found in endings.items() if scenario.scenes[sid].ending is kind
    )
    try:
        code = cli.main(["play", "--text", str(DREAM_JOB), "--choices", ",".join(map(str, positions))])
    finally:
        i18n.reset()
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "Traceback" not in out + err
    ending = scenario.scenes[scene_id]
    assert all(part.text.text in out for part in ending.debrief if part.condition is None)
    assert "The red flags in this story:" in out
    assert "Red flags you spotted:" in out and "Safe offers you refused (false alarms):" in out
    assert "Stars:" in out
    assert "never your fault" in out
    assert "1300: Social Assistance Center" in out
    for red_flag_id in state.met:
        assert scenario.red_flags[red_flag_id].title.text in out
