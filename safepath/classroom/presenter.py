"""What the trainer's own view shows, and "the road not taken": pure functions over the model and engine.

The presenter view (a second window on the laptop, or an overlay with one mirrored display) shows for the
current scene: the facilitator notes, the discussion prompt, each choice with the red flags it spots or goes
past, the safe signs it trusts or doubts and where it leads (its next scene and the endings still reachable
from there), the time spent against the story's minutes, and what the next key press does. The screens
translate the texts; this module only chooses them. No pygame.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from safepath.play import engine, walk
from safepath.story import model

#: how many states a "where can this lead" search visits at most (the bundled stories need a few hundred)
REACH_LIMIT = 20_000


@dataclass(frozen=True)
class ChoiceInfo:
    key: str  # the choice key votes use (safepath.classroom.session.choice_key)
    number: int  # 1-based, as the class sees it
    text: model.Text
    spots: tuple[model.RedFlag, ...]
    misses: tuple[model.RedFlag, ...]
    trusts: tuple[model.SafeSign, ...]
    doubts: tuple[model.SafeSign, ...]
    goto: model.Scene
    endings: tuple[model.Scene, ...]  # ending scenes reachable after this choice, in file order


#: (id of the scenario object, state) -> ending scene ids: the presenter view asks again at every redraw
_REACHED: dict[tuple[int, engine.State], tuple[str, ...]] = {}
_REACHED_LIMIT = 4096


def reachable_endings(scenario: model.Scenario, state: engine.State) -> tuple[model.Scene, ...]:
    """Every ending scene some way forward from ``state`` reaches (breadth-first, bounded; remembered)."""
    key = (id(scenario), state)
    known = _REACHED.get(key)
    if known is None:
        known = _search_endings(scenario, state)
        if len(_REACHED) >= _REACHED_LIMIT:
            _REACHED.clear()
        _REACHED[key] = known
    return tuple(scenario.scenes[sid] for sid in known)


def _search_endings(scenario: model.Scenario, state: engine.State) -> tuple[str, ...]:
    found = walk.ending_states(scenario, state, seen_as=walk.by_state, limit=REACH_LIMIT)
    return tuple(s.id for s in scenario.scenes.values() if s.id in found)


def choice_infos(scenario: model.Scenario, state: engine.State) -> list[ChoiceInfo]:
    """The choices the class can take now, with what each means and leads to."""
    from safepath.classroom.session import choice_key

    out = []
    for number, choice in enumerate(engine.available_choices(scenario, state), 1):
        after = engine.choose(scenario, state, choice.index)
        fx = choice.effects
        out.append(ChoiceInfo(
            choice_key(choice), number, choice.text,
            tuple(scenario.red_flags[f] for f in fx.spots if f in scenario.red_flags),
            tuple(scenario.red_flags[f] for f in fx.misses if f in scenario.red_flags),
            tuple(scenario.safe_signs[s] for s in fx.trusts if s in scenario.safe_signs),
            tuple(scenario.safe_signs[s] for s in fx.distrusts if s in scenario.safe_signs),
            scenario.scenes[after.scene], reachable_endings(scenario, after)))
    return out


@dataclass(frozen=True)
class RoadPoint:
    """One decision on the class's path: what the class chose and what the other choices led to."""

    scene: model.Scene
    state: engine.State  # the state at the decision (a replay of the branch starts here)
    chosen: ChoiceInfo | None
    others: tuple[ChoiceInfo, ...]
    vote: dict | None  # the class's vote there, if it voted


def road_not_taken(scenario: model.Scenario, steps: tuple[int, ...], votes: list[dict]) -> list[RoadPoint]:
    """The decisions of a finished path (its engine ``steps``), each with the choices the class left."""
    from safepath.classroom.session import choice_key

    state = engine.start(scenario)
    votes_left = list(votes)
    out = []
    for step in steps:
        scene = engine.current_scene(scenario, state)
        if step == engine.CONTINUE:
            state = engine.advance(scenario, state)
            continue
        infos = choice_infos(scenario, state)
        taken = next((c for c in scene.choices if c.index == step), None)
        key = choice_key(taken) if taken is not None else None
        vote = next((v for v in votes_left if v.get("scene") == scene.id), None)
        if vote is not None:
            votes_left.remove(vote)
        out.append(RoadPoint(scene, state, next((i for i in infos if i.key == key), None),
                             tuple(i for i in infos if i.key != key), vote))
        state = engine.choose(scenario, state, step)
    return out


def notes_for(scenario: model.Scenario, scene: model.Scene) -> list[model.Text]:
    """The facilitator notes to show at ``scene``: the scene's own, or the story's at its start and ending."""
    out = []
    if scene.notes:
        out.append(scene.notes)
    if scenario.notes and (scene.id == scenario.start or scene.is_ending or not out):
        out.append(scenario.notes)
    return out


def an_ending(scenario: model.Scenario, prefer: str | None = None) -> engine.State | None:
    """The state at the end of a path with the most decisions (for pictures and examples); None if none ends."""
    best = None
    seen = {engine.start(scenario)}
    queue = deque(seen)
    while queue and len(seen) < REACH_LIMIT:
        state = queue.popleft()
        if engine.is_ended(scenario, state):
            if prefer is not None and state.scene == prefer:
                return state
            if best is None or state.choices_made > best.choices_made:
                best = state
            continue
        for following in engine.next_states(scenario, state):
            if following not in seen:
                seen.add(following)
                queue.append(following)
    return best


@dataclass(frozen=True)
class StoryMap:
    """Where each scene sits on a small map of the story: columns by distance from the start."""

    places: dict  # scene id -> (column, row)
    columns: int
    rows: int
    edges: tuple[tuple[str, str], ...]  # (from, to): every choice and every `next`


def story_map(scenario: model.Scenario) -> StoryMap:
    """Columns by the shortest number of steps from the start (scenes no path reaches go last), rows in
    file order within a column: the same map for every class, so the path is easy to compare."""
    depth = {scenario.start: 0}
    queue = deque([scenario.start])
    edges = []
    while queue:
        sid = queue.popleft()
        scene = scenario.scenes[sid]
        for target in [c.goto for c in scene.choices] + ([scene.next] if scene.next else []):
            if target not in scenario.scenes:
                continue
            edges.append((sid, target))
            if target not in depth:
                depth[target] = depth[sid] + 1
                queue.append(target)
    last = max(depth.values(), default=0) + 1
    for sid in scenario.scenes:
        depth.setdefault(sid, last)
    columns: dict[int, list[str]] = {}
    for sid in scenario.scenes:
        columns.setdefault(depth[sid], []).append(sid)
    places = {sid: (col, row) for col, ids in columns.items() for row, sid in enumerate(ids)}
    return StoryMap(places, max(columns) + 1, max(len(v) for v in columns.values()), tuple(dict.fromkeys(edges)))
