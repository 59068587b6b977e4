"""Counting paths and their outcomes without enumerating them.

A *path* is one play-through from the start to a scene with no way on: its list
of steps (choices, or "Continue"), exactly ``State.steps`` of the engine. Two
paths that pass through the same abstract state (:mod:`.states`) continue in
exactly the same ways, so the number of paths from a state, the lengths of those
paths and what they add up to are functions of the state alone. The analysis
therefore works backwards over the abstract state graph:

* Strongly connected components (Tarjan, iterative) come out sinks first, a
  reverse topological order of the graph of components.
* For a state that is in no loop, for each ending: ``paths(s) = sum paths(t)``
  over its steps ``s -> t``; the longest path is ``1 + max``; and the
  *outcome distribution* is a table ``outcome -> number of paths``, built by
  adding the step's effects to every outcome of ``t``. Outcomes are what scoring
  needs at the end: every score, the red flags spotted, missed and met, the
  false alarms and trusted-safe choices. Stars need scoring's discernment:
  hits are the red flags spotted, misses those met or passed but never spotted,
  so the stars table is over (spotted set, met-or-missed set, false alarms),
  from which :func:`safepath.scoring.stars_for` gives the exact stars of each
  path. Each table covers only the fields asked for. Scores and counts add up along a path;
  red-flag sets are unions. Both are packed into two integers so that combining
  a step with an outcome is one addition and one bitwise or.
* A state inside a loop (a component with a cycle) can go round it any number of
  times: the number of paths through it to any ending it reaches is infinite,
  its longest path has no bound, and its outcomes are not tabulated. The
  report says so instead of inventing a figure ("simple paths" are not counted:
  counting them is intractable in general and means little to an author).
* Shortest paths use breadth-first search backwards from each ending, so they are
  exact with or without loops.

Path counts are Python integers, exact at any size: a 40-layer story with two
choices per scene (2**40 paths) has a few hundred abstract states and a few
thousand distinct outcomes, and is counted in well under a second.
"""

from __future__ import annotations

from collections import Counter, deque
from dataclasses import dataclass, field

from safepath import model
from safepath.analysis.states import CONTINUE, StateGraph

STUCK = ""  # pseudo-ending: a non-ending state where no choice is available
_FIELD = 32  # bits per packed additive field
_HALF = 1 << (_FIELD - 1)
_MASK = (1 << _FIELD) - 1


#: numbers an outcome can add up: every score plus these counters
COUNTS = ("false_alarms", "trusted_safe", "choices_made")  # hits/misses: sizes of the sets
#: red-flag sets an outcome can collect
SETS = ("spotted", "missed", "met", "passed")  # passed: met or missed (what scoring counts as faced)


@dataclass
class EndingStats:
    scene: str  # ending scene id, or STUCK
    kind: model.EndingKind | None
    paths: int | None  # None: infinitely many (a loop leads here)
    shortest: int  # steps
    longest: int | None  # None: no bound (a loop leads here)
    shortest_path: list[tuple[str, int]] = field(default_factory=list)  # [(scene, step)]
    longest_path: list[tuple[str, int]] | None = None


@dataclass
class PathReport:
    graph: StateGraph
    endings: dict[str, EndingStats]  # by ending scene id (plus STUCK when paths get stuck)
    loops: bool  # some reachable loop can be taken on the way to an ending or a dead end
    components: list[list[int]] = field(default_factory=list, repr=False)

    @property
    def total_paths(self) -> int | None:
        if any(e.paths is None for e in self.endings.values()):
            return None
        return sum(e.paths for e in self.endings.values())

    def distribution(self, fields: tuple[str, ...]) -> dict[str, Counter] | None:
        """Per ending: (values of ``fields`` at the end of a path) -> number of paths; None with loops.

        ``fields`` names scores, counters from :data:`COUNTS` and red-flag sets from :data:`SETS`; a
        set comes back as a frozenset. Only the fields asked for are tabulated, so the table stays as
        small as the question (one score: one number per path).
        """
        if self.loops:
            return None
        return _distribution(self, fields)

    def score_distribution(self, score: str, ending: str | None = None) -> Counter | None:
        dist = self.distribution((score,))
        if dist is None:
            return None
        out: Counter = Counter()
        for e, table in dist.items():
            if e != STUCK and (ending is None or e == ending):
                for (value,), n in table.items():
                    out[value] += n
        return out


class _Packer:
    """Packs the chosen fields of an outcome into (additive int, red-flag bit mask) and back."""

    def __init__(self, scenario: model.Scenario, fields: tuple[str, ...]):
        self.fields = fields
        self.adds = [f for f in fields if f not in SETS]
        self.sets = [f for f in fields if f in SETS]
        flags = set(scenario.red_flags) | set(scenario.teaches)
        for scene in scenario.scenes.values():
            flags.update(scene.red_flags)
            for c in scene.choices:
                flags.update(c.effects.spots)
                flags.update(c.effects.misses)
        self.flags = sorted(flags)
        self.flag_bit = {f: 1 << i for i, f in enumerate(self.flags)}
        self.nflags = len(self.flags)
        self.starts = [scenario.scores.get(f, 0) if f not in COUNTS else 0 for f in self.adds]

    def mask(self, flags, name: str) -> int:
        if name not in self.sets:
            return 0
        m = 0
        for f in flags:
            m |= self.flag_bit.get(f, 0)
        return m << (self.sets.index(name) * self.nflags)

    def step_delta(self, scenario: model.Scenario, scene: model.Scene, step: int) -> tuple[int, int]:
        if step == CONTINUE:
            flags = scenario.scenes[scene.next].red_flags
            return 0, self.mask(flags, "met") | self.mask(flags, "passed")
        choice = next(c for c in scene.choices if c.index == step)
        e = choice.effects
        counts = {"false_alarms": int(e.false_alarm), "trusted_safe": int(e.trusts_safe), "choices_made": 1}
        add = sum((counts[f] if f in counts else e.scores.get(f, 0)) << (_FIELD * i) for i, f in enumerate(self.adds))
        target = scenario.scenes[choice.goto]
        return add, (self.mask(e.spots, "spotted") | self.mask(e.misses, "missed") | self.mask(e.misses, "passed")
                     | self.mask(target.red_flags, "met") | self.mask(target.red_flags, "passed"))

    def decode(self, key: tuple[int, int]) -> tuple:
        packed, bits = key
        values = {}
        for name, start in zip(self.adds, self.starts):
            v = ((packed + _HALF) & _MASK) - _HALF
            values[name] = start + v
            packed = (packed - v) >> _FIELD
        for i, name in enumerate(self.sets):
            part = bits >> (i * self.nflags)
            values[name] = frozenset(f for j, f in enumerate(self.flags) if part >> j & 1)
        return tuple(values[f] for f in self.fields)


def _components(graph: StateGraph) -> list[list[int]]:
    """Tarjan's strongly connected components, iteratively; sinks come first."""
    n = len(graph.states)
    index = [-1] * n
    low = [0] * n
    on_stack = [False] * n
    stack: list[int] = []
    out: list[list[int]] = []
    counter = 0
    for root in range(n):
        if index[root] != -1:
            continue
        work = [(root, 0)]
        while work:
            v, i = work.pop()
            if i == 0:
                index[v] = low[v] = counter
                counter += 1
                stack.append(v)
                on_stack[v] = True
            edges = graph.edges[v]
            recurse = False
            while i < len(edges):
                w = edges[i][1]
                i += 1
                if index[w] == -1:
                    work.append((v, i))
                    work.append((w, 0))
                    recurse = True
                    break
                if on_stack[w]:
                    low[v] = min(low[v], index[w])
            if recurse:
                continue
            if low[v] == index[v]:
                comp = []
                while True:
                    w = stack.pop()
                    on_stack[w] = False
                    comp.append(w)
                    if w == v:
                        break
                out.append(comp)
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[v])
    return out


def count_paths(graph: StateGraph) -> PathReport:
    """Path counts and lengths per ending (see the module docstring)."""
    scenario = graph.scenario
    n = len(graph.states)
    components = _components(graph)
    # per state: ending -> [paths or None, longest or None]
    ends: list[dict[str, list] | None] = [None] * n
    loops = False
    for comp in components:
        if _cyclic(graph, comp):
            loops = True
            members = set(comp)
            reach: set[str] = set()
            for v in comp:
                for _, t in graph.edges[v]:
                    if t not in members:
                        reach.update(ends[t])
            for v in comp:
                ends[v] = {e: [None, None] for e in reach}
            continue
        v = comp[0]
        edges = graph.edges[v]
        if not edges:
            scene = graph.scene_of(v)
            ends[v] = {scene.id if scene.is_ending else STUCK: [1, 0]}
            continue
        acc: dict[str, list] = {}
        for _, t in edges:
            for e, (paths, longest) in ends[t].items():
                slot = acc.setdefault(e, [0, -1])
                if paths is None or slot[0] is None:
                    slot[0] = slot[1] = None
                else:
                    slot[0] += paths
                    slot[1] = max(slot[1], longest + 1)
        ends[v] = acc
    report = PathReport(graph, {}, loops, components)
    if not n:
        return report
    shortest = _shortest(graph)
    for e, (paths, longest) in sorted(ends[0].items()):
        kind = scenario.scenes[e].ending if e != STUCK else None
        stats = EndingStats(e, kind, paths, shortest[e][0], longest)
        stats.shortest_path = _walk_shortest(graph, shortest[e][1])
        if longest is not None:
            stats.longest_path = _walk_longest(graph, ends, e)
        report.endings[e] = stats
    return report


def _cyclic(graph: StateGraph, comp: list[int]) -> bool:
    return len(comp) > 1 or any(t == comp[0] for _, t in graph.edges[comp[0]])


def _distribution(report: PathReport, fields: tuple[str, ...]) -> dict[str, Counter]:
    graph = report.graph
    scenario = graph.scenario
    packer = _Packer(scenario, fields)
    deltas: dict[tuple[str, int], tuple[int, int]] = {}
    tables: list[dict[str, dict] | None] = [None] * len(graph.states)
    for (v,) in report.components:  # no loops: every component is one state
        scene_id = graph.states[v][0]
        scene = scenario.scenes[scene_id]
        if not graph.edges[v]:
            tables[v] = {scene_id if scene.is_ending else STUCK: {(0, 0): 1}}
            continue
        acc: dict[str, dict] = {}
        for step, t in graph.edges[v]:
            dkey = (scene_id, step)
            if dkey not in deltas:
                deltas[dkey] = packer.step_delta(scenario, scene, step)
            dadd, dbits = deltas[dkey]
            for e, table in tables[t].items():
                target = acc.setdefault(e, {})
                get = target.get
                for (a, b), k in table.items():
                    key = (a + dadd, b | dbits)
                    target[key] = get(key, 0) + k
        tables[v] = acc
    first = scenario.scenes[scenario.start].red_flags
    start_bits = packer.mask(first, "met") | packer.mask(first, "passed")
    out = {}
    for e, table in tables[0].items():
        counter: Counter = Counter()
        for (a, b), k in table.items():
            counter[packer.decode((a, b | start_bits))] += k
        out[e] = counter
    return out


def _shortest(graph: StateGraph) -> dict[str, tuple[int, list[int]]]:
    """For each ending (and STUCK): distance from the start and per-state distances, by reverse BFS."""
    n = len(graph.states)
    reverse: list[list[int]] = [[] for _ in range(n)]
    targets: dict[str, list[int]] = {}
    for v in range(n):
        for _, t in graph.edges[v]:
            reverse[t].append(v)
        if not graph.edges[v]:
            scene = graph.scene_of(v)
            targets.setdefault(scene.id if scene.is_ending else STUCK, []).append(v)
    out = {}
    for e, sinks in targets.items():
        dist = [-1] * n
        queue = deque(sinks)
        for s in sinks:
            dist[s] = 0
        while queue:
            v = queue.popleft()
            for u in reverse[v]:
                if dist[u] == -1:
                    dist[u] = dist[v] + 1
                    queue.append(u)
        out[e] = (dist[0], dist)
    return out


def _walk_shortest(graph: StateGraph, dist: list[int]) -> list[tuple[str, int]]:
    path, v = [], 0
    while dist[v] > 0:
        step, t = next((s, t) for s, t in graph.edges[v] if dist[t] == dist[v] - 1)
        path.append((graph.states[v][0], step))
        v = t
    return path


def _walk_longest(graph: StateGraph, ends: list, ending: str) -> list[tuple[str, int]]:
    path, v = [], 0
    while ends[v][ending][1] > 0:
        want = ends[v][ending][1] - 1
        step, t = next((s, t) for s, t in graph.edges[v]
                       if ending in ends[t] and ends[t][ending][1] == want)
        path.append((graph.states[v][0], step))
        v = t
    return path
