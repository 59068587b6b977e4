"""Walking a story's states breadth-first, for the screens' previews, the presenter and the self-test.

The engine gives the states one step on (:func:`~safepath.play.engine.next_states`); this module walks
them from the start, shortest paths first, so the first state it meets in a scene is the one a player
reaches soonest. What counts as "already seen" is the caller's choice: by scene (one state a scene), by
scene and flags (one state per way of having got there), or the whole state (every distinct state).
The exhaustive path analysis (``safepath.authoring.analysis``) counts paths instead; this only visits.
No pygame.
"""

from __future__ import annotations

from collections import deque
from typing import Callable, Hashable, Iterator

from safepath.play import engine
from safepath.story import model


def by_scene(state: engine.State) -> Hashable:
    return state.scene


def by_scene_and_flags(state: engine.State) -> Hashable:
    return (state.scene, state.flags)


def by_state(state: engine.State) -> Hashable:
    return state


def breadth_first(scenario: model.Scenario, start: engine.State | None = None,
                  seen_as: Callable[[engine.State], Hashable] = by_scene,
                  follow: Callable[[engine.State], bool] | None = None,
                  limit: int | None = None) -> Iterator[engine.State]:
    """Every state once per ``seen_as`` key, nearest first, from ``start`` (the story's start by default).

    An ended state is yielded but not followed. ``follow`` may refuse a next state (it is then neither
    yielded nor followed); ``limit`` stops the walk after that many keys, for stories too large to walk.
    """
    state = engine.start(scenario) if start is None else start
    seen = {seen_as(state)}
    queue = deque([state])
    while queue:
        state = queue.popleft()
        yield state
        if engine.is_ended(scenario, state):
            continue
        for following in engine.next_states(scenario, state):
            if limit is not None and len(seen) >= limit:
                return
            key = seen_as(following)
            if key not in seen and (follow is None or follow(following)):
                seen.add(key)
                queue.append(following)


def state_per_scene(scenario: model.Scenario) -> dict[str, engine.State]:
    """For every scene a player can reach, the state of a shortest way there."""
    return {state.scene: state for state in breadth_first(scenario)}


def ending_states(scenario: model.Scenario, start: engine.State | None = None,
                  seen_as: Callable[[engine.State], Hashable] = by_scene_and_flags,
                  follow: Callable[[engine.State], bool] | None = None,
                  limit: int | None = None) -> dict[str, engine.State]:
    """For every ending scene reachable from ``start``, the state a shortest path reaches it in."""
    found: dict[str, engine.State] = {}
    for state in breadth_first(scenario, start, seen_as=seen_as, follow=follow, limit=limit):
        if engine.is_ended(scenario, state):
            found.setdefault(state.scene, state)
    return found
