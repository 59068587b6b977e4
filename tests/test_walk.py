"""Breadth-first walks over a story's states (safepath.play.walk): nearest first, each key once."""

from __future__ import annotations

from pathlib import Path

import pytest

from safepath.play import engine, walk
from safepath.story.loader import load_scenario

CONTENT = Path(__file__).resolve().parents[1] / "content" / "scenarios"


@pytest.fixture(scope="module")
def story():
    result = load_scenario(CONTENT / "village-broker.yaml")
    assert result.scenario is not None
    return result.scenario


def _depths(scenario) -> dict[str, int]:
    """Fewest steps to each scene, by a plain search over scenes (the reference the walk must agree with)."""
    depth, frontier = {scenario.start: 0}, [engine.start(scenario)]
    while frontier:
        nxt = []
        for state in frontier:
            if engine.is_ended(scenario, state):
                continue
            for following in engine.next_states(scenario, state):
                if following.scene not in depth:
                    depth[following.scene] = depth[state.scene] + 1
                    nxt.append(following)
        frontier = nxt
    return depth


def test_state_per_scene_reaches_each_scene_by_a_shortest_path(story):
    found = walk.state_per_scene(story)
    depths = _depths(story)
    assert found.keys() == depths.keys()
    for sid, state in found.items():
        assert state.scene == sid
        assert len(state.visited) - 1 == depths[sid], sid


def test_ending_states_find_every_ending_the_story_can_reach(story):
    endings = walk.ending_states(story)
    reachable = {sid for sid in walk.state_per_scene(story) if story.scenes[sid].is_ending}
    assert endings.keys() == reachable and len(reachable) >= 3
    assert all(engine.is_ended(story, s) for s in endings.values())


def test_follow_refuses_states_and_limit_stops_the_walk(story):
    start = engine.start(story)
    first = engine.next_states(story, start)[0].scene
    kept = list(walk.breadth_first(story, follow=lambda s: s.scene != first))
    assert first not in {s.scene for s in kept}
    assert [s.scene for s in walk.breadth_first(story, limit=1)] == [story.start]
    every = list(walk.breadth_first(story, seen_as=walk.by_state, limit=5))
    assert 1 <= len(every) <= 5 and len(set(every)) == len(every)


def test_a_walk_from_an_ended_state_yields_only_it(story):
    ending = next(iter(walk.ending_states(story).values()))
    assert list(walk.breadth_first(story, ending)) == [ending]
