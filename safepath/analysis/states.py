"""The abstract state graph: every situation a player can be in that matters.

A concrete play-through state holds far more than any choice can look at: the
whole history, every score, every red flag. Two situations in the same scene
that agree on everything some ``if:`` condition reads offer exactly the same
choices from then on, so the analysis merges them. An *abstract state* is

    (scene, the yes/no facts conditions read, the numbers conditions compare)

where the facts are only those named by a condition (``has(x)``, ``spotted(f)``,
``missed(f)``, ``met(f)``, ``visited(s)``) and the numbers only the scores and
counters a condition compares. A scenario without conditions therefore has one
abstract state per scene; each flag read at most doubles that.

``hits`` and ``misses`` count *distinct* red flags (as the engine does), so
when a condition compares them the state keeps the spotted (or missed) set
instead of a number. Other numbers are tracked exactly between bounds derived from the constants the
conditions compare with and the largest change one step can make times the
number of scenes. On a story without loops no path can leave those bounds, so
the analysis is exact; in a loop a number could grow for ever, so it saturates
at the bound (an over-approximation, reported as such by the path statistics).

Exploration is a breadth-first search from the start, so the parent links give
a shortest example path to every abstract state, which diagnostics quote.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

from safepath import model
from safepath.conditions import COUNTERS, BoolOp, Call, Compare, Expr, Not, Number, evaluate, references

CONTINUE = -1  # a step that follows `next` (same value as the engine's CONTINUE)
DEFAULT_MAX_STATES = 200_000

_FUNCTION_KIND = {"has": "flag", "spotted": "spotted", "missed": "missed", "met": "met", "visited": "visited"}


@dataclass(frozen=True)
class Tracked:
    """Which facts and numbers the abstract state keeps, and the bounds of each number."""

    bools: tuple[tuple[str, str], ...]  # (kind, name): kind is flag | spotted | missed | met | visited
    numbers: tuple[str, ...]  # score or counter names
    bounds: tuple[tuple[int, int], ...]

    def bit(self, kind: str, name: str) -> int:
        try:
            return 1 << self.bools.index((kind, name))
        except ValueError:
            return 0


def _constants(expr: Expr):
    if isinstance(expr, Number):
        yield expr.value
    elif isinstance(expr, Not):
        yield from _constants(expr.operand)
    elif isinstance(expr, BoolOp):
        for o in expr.operands:
            yield from _constants(o)
    elif isinstance(expr, Compare):
        yield from _constants(expr.left)
        yield from _constants(expr.right)


def conditions_of(scenario: model.Scenario):
    for scene in scenario.scenes.values():
        for choice in scene.choices:
            if choice.condition is not None:
                yield choice.condition


def number_change(scenario: model.Scenario, name: str, choice: model.Choice) -> int:
    """How much one choice changes a score or counter (the engine's counting rules)."""
    e = choice.effects
    if name == "false_alarms":
        return int(e.false_alarm)
    if name == "trusted_safe":
        return int(e.trusts_safe)
    if name == "choices_made":
        return 1
    return e.scores.get(name, 0)


def start_number(scenario: model.Scenario, name: str) -> int:
    return scenario.scores.get(name, 0) if name not in COUNTERS else 0


def tracked_facts(scenario: model.Scenario) -> Tracked:
    bools: list[tuple[str, str]] = []
    numbers: list[str] = []
    consts: list[int] = []
    for cond in conditions_of(scenario):
        consts.extend(_constants(cond))
        for what, name, _ in references(cond):
            if what == "score" and name in _DERIVED:
                # hits/misses count distinct red flags, so they follow from the tracked sets
                for flag in _all_red_flags(scenario):
                    if (_DERIVED[name], flag) not in bools:
                        bools.append((_DERIVED[name], flag))
            elif what == "score" and name not in numbers:
                numbers.append(name)
        for call in _calls(cond):
            kind = _FUNCTION_KIND.get(call.function)
            if kind and (kind, call.argument) not in bools:
                bools.append((kind, call.argument))
    n_scenes = max(1, len(scenario.scenes))
    choices = [c for s in scenario.scenes.values() for c in s.choices]
    bounds = []
    for name in numbers:
        step = max((abs(number_change(scenario, name, c)) for c in choices), default=0)
        start = start_number(scenario, name)
        reach = step * n_scenes
        bounds.append((min([start, *consts]) - reach - 1, max([start, *consts]) + reach + 1))
    return Tracked(tuple(bools), tuple(numbers), tuple(bounds))


_DERIVED = {"hits": "spotted", "misses": "missed"}


def _all_red_flags(scenario: model.Scenario) -> list[str]:
    flags = set(scenario.teaches)
    for scene in scenario.scenes.values():
        for c in scene.choices:
            flags.update(c.effects.spots)
            flags.update(c.effects.misses)
    return sorted(flags)


def _calls(expr: Expr):
    if isinstance(expr, Call):
        yield expr
    elif isinstance(expr, Not):
        yield from _calls(expr.operand)
    elif isinstance(expr, BoolOp):
        for o in expr.operands:
            yield from _calls(o)
    elif isinstance(expr, Compare):
        yield from _calls(expr.left)
        yield from _calls(expr.right)


class _Facts:
    """Answers a condition's questions from an abstract state (the conditions.Facts protocol)."""

    __slots__ = ("tracked", "bits", "nums")

    def __init__(self, tracked: Tracked, bits: int, nums: tuple[int, ...]):
        self.tracked, self.bits, self.nums = tracked, bits, nums

    def number(self, name: str) -> int:
        if name in _DERIVED:
            kind = _DERIVED[name]
            return sum(1 for i, (k, _) in enumerate(self.tracked.bools) if k == kind and self.bits >> i & 1)
        return self.nums[self.tracked.numbers.index(name)]

    def ask(self, function: str, argument: str) -> bool:
        kind = _FUNCTION_KIND.get(function)
        if kind is None:  # ending(...) is false while the story is still going
            return False
        return bool(self.bits & self.tracked.bit(kind, argument))


@dataclass
class StateGraph:
    """Every abstract state reachable from the start, with its outgoing steps."""

    scenario: model.Scenario
    tracked: Tracked
    states: list[tuple[str, int, tuple[int, ...]]] = field(default_factory=list)  # (scene, bits, numbers)
    edges: list[list[tuple[int, int]]] = field(default_factory=list)  # per state: (step, target state)
    parent: list[tuple[int, int] | None] = field(default_factory=list)  # BFS tree: (state, step)
    condition_true: set[tuple[str, int]] = field(default_factory=set)  # (scene, choice index) seen available
    condition_false: set[tuple[str, int]] = field(default_factory=set)  # seen hidden by its condition
    complete: bool = True  # False when the state limit stopped the search

    def scene_of(self, state: int) -> model.Scene:
        return self.scenario.scenes[self.states[state][0]]

    def example_path(self, state: int) -> list[tuple[str, int]]:
        """The shortest known way here: [(scene id, step taken in it), ...]."""
        steps = []
        while self.parent[state] is not None:
            prev, step = self.parent[state]
            steps.append((self.states[prev][0], step))
            state = prev
        return steps[::-1]

    def describe(self, state: int) -> str:
        """The facts of a state in condition syntax, e.g. ``not has(x), safety = 2``."""
        _, bits, nums = self.states[state]
        words = []
        for i, (kind, name) in enumerate(self.tracked.bools):
            call = {"flag": "has"}.get(kind, kind) + f"({name})"
            words.append(call if bits >> i & 1 else f"not {call}")
        words += [f"{n} = {v}" for n, v in zip(self.tracked.numbers, nums)]
        return ", ".join(words)


def _enter(tracked: Tracked, scene: model.Scene, bits: int) -> int:
    bits |= tracked.bit("visited", scene.id)
    for flag in scene.red_flags:
        bits |= tracked.bit("met", flag)
    return bits


def _choose(scenario: model.Scenario, tracked: Tracked, choice: model.Choice, bits: int,
            nums: tuple[int, ...]) -> tuple[int, tuple[int, ...]]:
    e = choice.effects
    for flag in e.set:
        bits |= tracked.bit("flag", flag)
    for flag in e.unset:
        bits &= ~tracked.bit("flag", flag)
    for flag in e.spots:
        bits |= tracked.bit("spotted", flag)
    for flag in e.misses:
        bits |= tracked.bit("missed", flag)
    if nums:
        nums = tuple(min(hi, max(lo, v + number_change(scenario, name, choice)))
                     for v, name, (lo, hi) in zip(nums, tracked.numbers, tracked.bounds))
    return bits, nums


def explore(scenario: model.Scenario, max_states: int = DEFAULT_MAX_STATES) -> StateGraph:
    """Breadth-first search of every abstract state reachable from the start."""
    tracked = tracked_facts(scenario)
    graph = StateGraph(scenario, tracked)
    index: dict[tuple, int] = {}
    cache: dict[tuple, bool] = {}

    def add(key: tuple, parent: tuple[int, int] | None) -> int:
        found = index.get(key)
        if found is not None:
            return found
        index[key] = len(graph.states)
        graph.states.append(key)
        graph.edges.append([])
        graph.parent.append(parent)
        queue.append(index[key])
        return index[key]

    start = scenario.scenes[scenario.start]
    queue: deque[int] = deque()
    add((start.id, _enter(tracked, start, 0), tuple(start_number(scenario, n) for n in tracked.numbers)), None)
    while queue:
        if len(graph.states) > max_states:
            graph.complete = False
            break
        sid = queue.popleft()
        scene_id, bits, nums = graph.states[sid]
        scene = scenario.scenes[scene_id]
        out = graph.edges[sid]
        if scene.choices:
            for choice in scene.choices:
                if choice.condition is not None:
                    ckey = (scene_id, choice.index, bits, nums)
                    holds = cache.get(ckey)
                    if holds is None:
                        holds = cache[ckey] = bool(evaluate(choice.condition, _Facts(tracked, bits, nums)))
                    if not holds:
                        graph.condition_false.add((scene_id, choice.index))
                        continue
                graph.condition_true.add((scene_id, choice.index))
                target = scenario.scenes.get(choice.goto)
                if target is None:
                    continue
                nbits, nnums = _choose(scenario, tracked, choice, bits, nums)
                out.append((choice.index, add((target.id, _enter(tracked, target, nbits), nnums), (sid, choice.index))))
        elif scene.next and scene.next in scenario.scenes:
            target = scenario.scenes[scene.next]
            out.append((CONTINUE, add((target.id, _enter(tracked, target, bits), nums), (sid, CONTINUE))))
    return graph


def describe_step(scenario: model.Scenario, scene_id: str, step: int) -> str:
    """A step in plain words: the choice text, or "Continue"."""
    if step == CONTINUE:
        return "Continue"
    scene = scenario.scenes[scene_id]
    for choice in scene.choices:
        if choice.index == step:
            return choice.text.text
    return f"choice {step + 1}"

