"""Counting paths and their outcomes without enumerating them.

A *path* is one play-through from the start to a scene with no way on: its list
of steps (choices, or "Continue"), exactly ``State.steps`` of the engine. Every
step from an abstract state (:mod:`.states`) leads to exactly one abstract
state, so paths of the story are exactly the paths of the state graph from the
start state, and every quantity below is a sum over that graph, computed once
per state and step in topological order (Kahn's algorithm):

* the number of paths from the start to each state (a sum over the incoming
  steps), hence per ending; the longest path to it (1 + the longest to a
  predecessor) with the step that achieves it, so the example can be walked back;
* the shortest path, which the breadth-first exploration already found (its
  parent links form a shortest-path tree);
* the distribution of each score at the end: a table "value -> number of paths"
  per state, kept as one big integer polynomial (the coefficient of X**value is
  the number of paths arriving with that value, each coefficient in its own
  fixed-width slice of bits), so a step that adds ``d`` is one shift and merging
  two steps one addition, however many values there are;
* the distribution of stars: stars depend on each red flag, offer and safe sign
  judged rightly or wrongly (:func:`safepath.play.scoring.stars_for_tally`); the
  forward table of :mod:`.discernment` is keyed by exactly that, with items no
  later step can touch folded into counts, so paths that differ only in settled
  items merge;
* per badge, the number of paths that earn it: a badge is a condition on the
  final state, so after ``explore(..., badges=True)`` each ending state knows
  which badges it earns (:meth:`StateGraph.earned`).

States that a loop (a cycle in the state graph) can reach are left out of the
topological order: infinitely many paths pass through them, their longest path
has no bound, and no table is made up for them ("simple paths" are not counted:
counting them is intractable in general and means little to an author). The
report says so. Shortest paths stay exact with or without loops.

Path counts are Python integers, exact at any size: a 40-layer story with two
choices per scene (2**40 paths) is counted in milliseconds.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from safepath.story import model
from safepath.authoring.analysis.states import CONTINUE, STUCK, StateGraph, all_red_flags


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
    loops: bool  # some reachable loop can be taken (then no score or stars tables)
    order: list[int] = field(default_factory=list, repr=False)  # topological; states after a loop left out
    counts: list[int] = field(default_factory=list, repr=False)  # paths from the start to each ordered state

    @property
    def total_paths(self) -> int | None:
        if any(e.paths is None for e in self.endings.values()):
            return None
        return sum(e.paths for e in self.endings.values())

    def score_tables(self, names: tuple[str, ...] | None = None) -> dict[str, dict[str, Counter]] | None:
        """Per ending (and STUCK): score -> value at the end -> number of paths; None with loops."""
        if self.loops:
            return None
        scenario = self.graph.scenario
        out: dict[str, dict[str, Counter]] = {}
        for name in scenario.scores if names is None else names:
            for ending, dist in _score_table(self, name).items():
                out.setdefault(ending, {})[name] = dist
        return out

    def score_distribution(self, score: str, ending: str | None = None) -> Counter | None:
        """One score over all paths (or the paths to one ending); None with loops."""
        if self.loops:
            return None
        out: Counter = Counter()
        for e, dist in _score_table(self, score).items():
            if e != STUCK and (ending is None or e == ending):
                out.update(dist)
        return out

    def stars_table(self) -> dict[str, Counter] | None:
        """Per ending: stars (0-3) -> number of paths, with the real scoring rules; None with loops."""
        if self.loops:
            return None
        return _stars_table(self)

    def badge_paths(self) -> dict[str, int | None]:
        """Per badge id: the number of paths that earn it (None: infinitely many, a loop leads there).

        Needs a graph explored with ``badges=True``; a badge no path earns has 0.
        """
        if not self.graph.badges:
            raise ValueError("badge counts need explore(scenario, badges=True)")
        graph = self.graph
        out: dict[str, int | None] = {b.id: 0 for b in graph.scenario.badges}
        ordered = _ordered(self)
        for v, out_moves in enumerate(graph.moves):
            if out_moves:
                continue
            for badge in graph.earned(v):
                if not ordered[v] or out[badge.id] is None:
                    out[badge.id] = None
                else:
                    out[badge.id] += self.counts[v]
        return out


def _ordered(report: PathReport) -> list[bool]:
    flags = [False] * len(report.graph.states)
    for v in report.order:
        flags[v] = True
    return flags


def _topological(graph: StateGraph, examples: bool = True
                 ) -> tuple[list[int], list[int], list[int], list[tuple[int, int] | None]]:
    """Kahn's algorithm from the start, counting paths and longest paths on the way.

    Returns (order, paths from the start, longest path from the start, the step into each state on a
    longest path, as (state, step number); all None without ``examples``, which need it to walk back).
    States in a loop or after one never reach in-degree 0, so they are left out.
    """
    n = len(graph.states)
    moves = graph.moves
    indegree = list(graph.indegree)  # explore counted them as it added the moves; this walk uses them up
    counts = [0] * n
    longest = [-1] * n
    via: list[tuple[int, int] | None] = [None] * n
    order: list[int] = []
    if not n or indegree[0]:
        return order, counts, longest, via
    counts[0], longest[0] = 1, 0
    # ``order`` is its own queue: a state joins it when its last way in is counted, and the loop reads on
    # to the end as it grows (first in, first out: among equally long paths the example takes the first
    # choices)
    order.append(0)
    for v in order:
        c, far = counts[v], longest[v] + 1
        for number, t in moves[v]:
            counts[t] += c
            if far > longest[t]:
                longest[t] = far
                if examples:
                    via[t] = (v, number)
            left = indegree[t] - 1
            indegree[t] = left
            if not left:
                order.append(t)
    return order, counts, longest, via


def count_paths(graph: StateGraph, examples: bool = True) -> PathReport:
    """Path counts, shortest and longest paths per ending (see the module docstring).

    ``examples=False`` leaves the example paths (``shortest_path``, ``longest_path``) empty: lint reports
    no example of a whole path, and walking one back per ending costs as much as the counting."""
    scenario = graph.scenario
    n = len(graph.states)
    order, counts, longest, via = _topological(graph, examples)
    report = PathReport(graph, {}, len(order) < n, order, counts)
    if not n:
        return report
    ordered = _ordered(report) if report.loops else None  # without a loop every state is in the order
    sinks: dict[str, list[int]] = {}
    states, scenes = graph.states, scenario.scenes
    for v in [v for v, out in enumerate(graph.moves) if not out]:
        scene = scenes[states[v][0]]
        sinks.setdefault(scene.id if scene.is_ending else STUCK, []).append(v)
    depths: dict[int, int] = {}
    for e in sorted(sinks):
        vs = sinks[e]
        kind = scenario.scenes[e].ending if e != STUCK else None
        near = vs[0]  # states are numbered breadth-first, so the first one found is one of the nearest
        stats = EndingStats(e, kind, None, _depth(graph, near, depths), None,
                            shortest_path=graph.example_path(near) if examples else [])
        if ordered is None or all(ordered[v] for v in vs):
            stats.paths = sum(counts[v] for v in vs)
            far = max(vs, key=longest.__getitem__)
            stats.longest = longest[far]
            stats.longest_path = _walk_back(graph, via, far) if examples else None
        report.endings[e] = stats
    return report


def _depth(graph: StateGraph, v: int, known: dict[int, int] | None = None) -> int:
    """Steps from the start to state ``v`` along the breadth-first tree (a shortest way).

    ``known`` keeps the depths found on the way, so the walks back from many endings, which share the
    tree's trunk, take each of its steps once."""
    known = {} if known is None else known
    parents, way = graph.parent, []
    while v not in known and parents[v] is not None:
        way.append(v)
        v = parents[v][0]
    depth = known.get(v, 0)
    for u in reversed(way):
        depth += 1
        known[u] = depth
    return depth


def _walk_back(graph: StateGraph, via: list[tuple[int, int] | None], v: int) -> list[tuple[str, int]]:
    path = []
    keys = graph.step_keys
    while via[v] is not None:
        prev, number = via[v]
        path.append(keys[number])
        v = prev
    return path[::-1]


def _all_paths(report: PathReport) -> int:
    """Every (finite) path from the start: no count in any table, however merged, is larger."""
    moves = report.graph.moves
    return sum(report.counts[v] for v in report.order if not moves[v])


def _sink_name(graph: StateGraph, v: int) -> str:
    scene = graph.scene_of(v)
    return scene.id if scene.is_ending else STUCK


def _step_changes(graph: StateGraph, change) -> list:
    """``change(scene, step)`` for every step number of the graph (see ``StateGraph.step_keys``)."""
    scenes = graph.scenario.scenes
    return [change(scenes[sid], step) for sid, step in graph.step_keys]


def _score_table(report: PathReport, name: str) -> dict[str, Counter]:
    """Forward DP of one score, each state's distribution one big integer (see the module docstring)."""
    graph = report.graph
    scenario = graph.scenario
    n = len(graph.states)
    if not n or not report.order:
        return {}

    def delta(scene: model.Scene, step: int) -> int:
        if step == CONTINUE:
            return 0
        return next(c for c in scene.choices if c.index == step).effects.scores.get(name, 0)

    changes = _step_changes(graph, delta)
    all_deltas = changes or [0]
    longest = max((s.longest for s in report.endings.values() if s.longest is not None), default=0)
    fall, rise = max(0, -min(all_deltas)), max(0, max(all_deltas))
    start = scenario.scores.get(name, 0)
    base = start - fall * longest  # no path can end lower, so every exponent stays >= 0
    width = (_all_paths(report).bit_length() + 8) // 8  # bytes per coefficient: no sum can overflow it
    bits = 8 * width
    polys = [0] * n
    polys[0] = 1 << (bits * (start - base))
    at_end: dict[str, int] = {}
    moves = graph.moves
    shifts = [bits * d for d in changes]
    for v in report.order:
        p = polys[v]
        polys[v] = 0
        if not moves[v]:
            e = _sink_name(graph, v)
            at_end[e] = at_end.get(e, 0) + p
            continue
        for number, t in moves[v]:
            shift = shifts[number]
            polys[t] += p << shift if shift >= 0 else p >> -shift
    top = (fall + rise) * longest + 1
    out = {}
    for e, p in at_end.items():
        raw = p.to_bytes(width * (top + 1), "little")
        dist = Counter()
        for i in range(top + 1):
            k = int.from_bytes(raw[i * width:(i + 1) * width], "little")
            if k:
                dist[base + i] = k
        out[e] = dist
    return out


def red_flag_bits(scenario: model.Scenario) -> dict[str, int]:
    return {f: 1 << i for i, f in enumerate(all_red_flags(scenario))}


def _stars_table(report: PathReport) -> dict[str, Counter]:
    """The stars of every path, per ending: the discernment programme (:mod:`.discernment`) read as stars."""
    from safepath.authoring.analysis.discernment import stars_of

    return stars_of(report)


def components(graph: StateGraph) -> list[list[int]]:
    """Tarjan's strongly connected components, iteratively; sinks come first (lint's loop check)."""
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
            steps = graph.moves[v]
            recurse = False
            while i < len(steps):
                w = steps[i][1]
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


def cyclic(graph: StateGraph, comp: list[int]) -> bool:
    """Whether a component is a loop: more than one state, or one state with a step to itself."""
    return len(comp) > 1 or any(t == comp[0] for _, t in graph.moves[comp[0]])
