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

from safepath.play.engine import item_id
from safepath.story import model
from safepath.story.conditions import COUNTERS, BoolOp, Call, Compare, Expr, Not, Number, evaluate, references

CONTINUE = -1  # a step that follows `next` (same value as the engine's CONTINUE)
STUCK = ""  # pseudo-ending: a non-ending state where no choice is available
DEFAULT_MAX_STATES = 200_000

_FUNCTION_KIND = {"has": "flag", "spotted": "spotted", "missed": "missed", "met": "met", "visited": "visited",
                  "trusted": "trusted", "doubted": "doubted", "accepted": "accepted", "refused": "refused"}


@dataclass(frozen=True)
class Tracked:
    """Which facts and numbers the abstract state keeps, and the bounds of each number."""

    bools: tuple[tuple[str, str], ...]  # (kind, name): flag | spotted | missed | met | visited | trusted | ...
    numbers: tuple[str, ...]  # score or counter names
    bounds: tuple[tuple[int, int], ...]
    legit: frozenset = frozenset()  # the real offers: only they count in false_alarms and trusted_safe

    def __post_init__(self) -> None:
        object.__setattr__(self, "_bits", {fact: 1 << i for i, fact in enumerate(self.bools)})
        object.__setattr__(self, "kinds", frozenset(kind for kind, _ in self.bools))  # kinds with a tracked fact

    def bit(self, kind: str, name: str) -> int:
        return self._bits.get((kind, name), 0)


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


def condition_sites(scenario: model.Scenario, badges: bool = False,
                    texts: list | None = None) -> list[tuple[str, Expr]]:
    """(scene id, condition) for every condition and the scene where it is read.

    A choice's ``if:`` is read in its own scene. With ``badges``, every badge's ``when:`` is read in every
    ending scene, so the facts it needs survive to the end and an ending state can say which badges it earns.
    ``texts``: :func:`text_conditions` of the scenario, when the caller has it already.
    """
    sites = [(scene.id, choice.condition) for scene in scenario.scenes.values() for choice in scene.choices
             if choice.condition is not None]
    sites += [(sid, cond) for sid, _, _, cond in (text_conditions(scenario) if texts is None else texts)]
    if badges:
        endings = [scene.id for scene in scenario.scenes.values() if scene.is_ending]
        sites += [(sid, badge.condition) for badge in scenario.badges for sid in endings]
    return sites


def text_conditions(scenario: model.Scenario):
    """(scene id, "line" or "debrief", index, condition) for every line and debrief part with an ``if:``.

    A line's condition is read in its scene when the scene starts; a debrief part's at its ending, with the
    end-of-story meaning badges have (a red flag met and never spotted is missed).
    """
    for scene in scenario.scenes.values():
        for i, line in enumerate(scene.lines):
            if line.condition is not None:
                yield scene.id, "line", i, line.condition
        for i, part in enumerate(scene.debrief):
            if part.condition is not None:
                yield scene.id, "debrief", i, part.condition


def conditions_of(scenario: model.Scenario, badges: bool = False, sites: list | None = None):
    """Each condition of :func:`condition_sites` once (``sites``: those sites, when the caller has them)."""
    seen = set()
    for _, cond in (condition_sites(scenario, badges) if sites is None else sites):
        if id(cond) not in seen:
            seen.add(id(cond))
            yield cond


def number_change(scenario: model.Scenario, name: str, choice: model.Choice) -> int:
    """How much one choice changes a score or counter (the engine's counting rules)."""
    e = choice.effects
    if name in _DERIVED:  # counted from the tracked facts, never as a number
        return 0
    if name == "choices_made":
        return 1
    return e.scores.get(name, 0)


def start_number(scenario: model.Scenario, name: str) -> int:
    return scenario.scores.get(name, 0) if name not in COUNTERS else 0


def facts_read_by(scenario: model.Scenario, conds: list[Expr]) -> Tracked:
    """The yes/no facts and numbers these conditions read, with global bounds for each number."""
    bools: list[tuple[str, str]] = []
    numbers: list[str] = []
    consts: list[int] = []
    for cond in conds:
        consts.extend(_constants(cond))
        for what, name, _ in references(cond):
            if what == "score" and name in _DERIVED:
                # the counters count distinct red flags, signs and offers, so they follow from the tracked sets
                for fact in derived_facts(scenario, name):
                    if fact not in bools:
                        bools.append(fact)
            elif what == "score" and name not in numbers:
                numbers.append(name)
        for call in _calls(cond):
            for kind in _CALL_READS.get(call.function, ()):
                if (kind, call.argument) not in bools:
                    bools.append((kind, call.argument))
    n_scenes = max(1, len(scenario.scenes))
    choices = [c for s in scenario.scenes.values() for c in s.choices]
    bounds = []
    for name in numbers:
        step = max((abs(number_change(scenario, name, c)) for c in choices), default=0)
        start = start_number(scenario, name)
        reach = step * n_scenes
        bounds.append((min([start, *consts]) - reach - 1, max([start, *consts]) + reach + 1))
    legit = frozenset(o.id for o in scenario.offers.values() if o.legit)
    return Tracked(tuple(bools), tuple(numbers), tuple(bounds), legit)


def judgement_items(scenario: model.Scenario) -> list[str]:
    """Every safe sign a scene shows or a choice judges, and the item of each deprecated
    ``false_alarm`` / ``trusts_safe`` choice (see :func:`safepath.play.engine.item_id`)."""
    from safepath.play.engine import item_id

    items: dict[str, None] = {}
    for scene in scenario.scenes.values():
        items.update(dict.fromkeys(scene.safe_signs))
        for c in scene.choices:
            items.update(dict.fromkeys(c.effects.trusts + c.effects.distrusts))
            if c.effects.false_alarm or c.effects.trusts_safe:
                items[item_id(scene.id, c.index)] = None
    return sorted(items)


def choice_items(scene: model.Scene, choice: model.Choice) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(trusted, doubted) items of one choice, with its own item for the deprecated keys."""
    e = choice.effects
    if not (e.trusts_safe or e.false_alarm):
        return e.trusts, e.distrusts
    own = (item_id(scene.id, choice.index),)
    return (e.trusts + (own if e.trusts_safe else ()), e.distrusts + (own if e.false_alarm else ()))


def derived_facts(scenario: model.Scenario, name: str) -> list[tuple[str, str]]:
    """The yes/no facts a counter follows from (hits, misses, false_alarms, trusted_safe)."""
    if name in ("hits", "misses"):
        return [(kind, flag) for flag in all_red_flags(scenario) for kind in _DERIVED_FROM[name]]
    legit = sorted(o.id for o in scenario.offers.values() if o.legit)
    items = judgement_items(scenario)
    if name == "false_alarms":
        return [(k, x) for x in items for k in ("doubted", "trusted")] + [(k, o) for o in legit for k in ("refused", "accepted")]
    return [("trusted", x) for x in items] + [("accepted", o) for o in legit]


_DERIVED = {"hits": "spotted", "misses": "missed", "false_alarms": "doubted", "trusted_safe": "trusted"}
# What a condition's facts rest on. A badge is judged at the end with the debrief's counts
# (scoring._FinalFacts): there a red flag met or gone past and never spotted is missed, so `misses` and
# `missed(x)` also need the met and spotted facts.
_DERIVED_FROM = {"hits": ("spotted",), "misses": ("missed", "met", "spotted"),
                 "false_alarms": ("doubted", "trusted", "refused", "accepted"), "trusted_safe": ("trusted", "accepted")}
_CALL_READS = {function: (kind,) for function, kind in _FUNCTION_KIND.items()}
_CALL_READS["missed"] = ("missed", "met", "spotted")
_CALL_READS["doubted"] = ("doubted", "trusted")  # trust wins: doubted(x) is false once x is trusted
_CALL_READS["refused"] = ("refused", "accepted")


def all_red_flags(scenario: model.Scenario) -> list[str]:
    """Every red flag the story names anywhere: taught, shown in a scene, spotted or missed by a choice."""
    flags = set(scenario.teaches)
    for scene in scenario.scenes.values():
        flags.update(scene.red_flags)
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
        if name in ("hits", "misses"):
            kind = _DERIVED[name]
            return sum(1 for i, (k, _) in enumerate(self.tracked.bools) if k == kind and self.bits >> i & 1)
        if name in ("false_alarms", "trusted_safe"):
            return self._judgements(name)
        return self.nums[self.tracked.numbers.index(name)]

    def _judgements(self, name: str) -> int:
        """The engine's rule (engine.judgement_counts) on the tracked facts."""
        bit, bits, legit = self.tracked.bit, self.bits, self.tracked.legit
        total = 0
        for kind, x in self.tracked.bools:
            if not bits & bit(kind, x):
                continue
            if name == "trusted_safe":
                total += kind == "trusted" or (kind == "accepted" and x in legit)
            elif kind == "doubted":
                total += not bits & bit("trusted", x)
            elif kind == "refused" and x in legit:
                total += not bits & bit("accepted", x)
        return total

    def ask(self, function: str, argument: str) -> bool:
        kind = _FUNCTION_KIND.get(function)
        if kind is None:  # ending(...) is false while the story is still going
            return False
        found = bool(self.bits & self.tracked.bit(kind, argument))
        if function == "doubted":
            return found and not self.bits & self.tracked.bit("trusted", argument)
        if function == "refused":
            return found and not self.bits & self.tracked.bit("accepted", argument)
        return found


class _EndingFacts(_Facts):
    """At an ending, ``ending(kind)`` is true for the ending's kind (as the engine answers for badges)."""

    __slots__ = ("ending",)

    def __init__(self, tracked: Tracked, bits: int, nums: tuple[int, ...], ending: str):
        super().__init__(tracked, bits, nums)
        self.ending = ending

    def ask(self, function: str, argument: str) -> bool:
        if function == "ending":
            return argument == self.ending
        if function == "missed":
            return self._finally_missed(argument)
        return super().ask(function, argument)

    def number(self, name: str) -> int:
        if name == "misses":
            flags = {flag for kind, flag in self.tracked.bools if kind in ("met", "missed")}
            return sum(1 for flag in flags if self._finally_missed(flag))
        return super().number(name)

    def _finally_missed(self, flag: str) -> bool:
        bit = self.tracked.bit
        return bool(self.bits & (bit("met", flag) | bit("missed", flag))) and not self.bits & bit("spotted", flag)


class _InEndingFacts(_Facts):
    """A line of an ending scene: the facts of the story so far, and ``ending(kind)`` true for this ending."""

    __slots__ = ("ending",)

    def __init__(self, tracked: Tracked, bits: int, nums: tuple[int, ...], ending: str):
        super().__init__(tracked, bits, nums)
        self.ending = ending

    def ask(self, function: str, argument: str) -> bool:
        if function == "ending":
            return argument == self.ending
        return super().ask(function, argument)


@dataclass
class StateGraph:
    """Every abstract state reachable from the start, with its outgoing steps."""

    scenario: model.Scenario
    tracked: Tracked
    states: list[tuple[str, int, tuple[int, ...]]] = field(default_factory=list)  # (scene, bits, numbers)
    moves: list[list[tuple[int, int]]] = field(default_factory=list)  # per state: (step number, target state)
    step_keys: list[tuple[str, int]] = field(default_factory=list)  # step number -> (scene id, step)
    parent: list[tuple[int, int] | None] = field(default_factory=list)  # BFS tree: (state, step)
    indegree: list[int] = field(default_factory=list)  # per state: how many moves lead into it
    condition_true: set[tuple[str, int]] = field(default_factory=set)  # (scene, choice index) seen available
    condition_false: set[tuple[str, int]] = field(default_factory=set)  # seen hidden by its condition
    #: lines and debrief parts with ``if:``: (scene, "line" | "debrief", index) seen shown / seen hidden
    text_true: set[tuple[str, str, int]] = field(default_factory=set)
    text_false: set[tuple[str, str, int]] = field(default_factory=set)
    complete: bool = True  # False when the state limit stopped the search
    badges: bool = False  # badge facts are kept up to the endings (see explore)
    text_sites: list = field(default_factory=list)  # text_conditions(scenario), as explore found them

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

    def earned(self, state: int) -> list[model.Badge]:
        """The badges a player in this ending state earns; only meaningful after ``explore(badges=True)``."""
        scene_id, bits, nums = self.states[state]
        scene = self.scenario.scenes[scene_id]
        if not scene.is_ending or scene.ending is None:
            return []
        facts = _EndingFacts(self.tracked, bits, nums, scene.ending.value)
        return [badge for badge in self.scenario.badges if evaluate(badge.condition, facts)]

    def describe(self, state: int) -> str:
        """The facts this state's scene asks about, in condition syntax, e.g. ``not has(x), safety = 2``."""
        scene_id, bits, nums = self.states[state]
        asked_bits, asked_numbers = 0, set()
        for choice in self.scenario.scenes[scene_id].choices:
            if choice.condition is not None:
                b, n = _reads(self.tracked, choice.condition)
                asked_bits |= b
                asked_numbers |= n
        words = []
        for i, (kind, name) in enumerate(self.tracked.bools):
            if asked_bits >> i & 1:
                call = {"flag": "has"}.get(kind, kind) + f"({name})"
                words.append(call if bits >> i & 1 else f"not {call}")
        words += [f"{n} = {v}" for n, v in zip(self.tracked.numbers, nums) if n in asked_numbers]
        return ", ".join(words)


def _reads(tracked: Tracked, expr) -> tuple[int, set[str]]:
    """The state bits and numbers one condition looks at."""
    bits, numbers = 0, set()
    for what, name, _ in references(expr):
        if what == "score" and name in _DERIVED:
            for i, (kind, _) in enumerate(tracked.bools):
                if kind in _DERIVED_FROM[name]:
                    bits |= 1 << i
        elif what == "score":
            numbers.add(name)
    for call in _calls(expr):
        for kind in _CALL_READS.get(call.function, ()):
            bits |= tracked.bit(kind, call.argument)
    return bits, numbers


def compared_with(conds: list[Expr]) -> dict[str, tuple[int, int]]:
    """Per number compared with constants: the smallest and largest constant it is compared with.

    Clamping a number only needs its own constants: ``safety >= 2`` and ``trust > 40`` in one story must not
    keep every safety value up to 40 apart.
    """
    seen: dict[str, list[int]] = {}
    for compare in _comparisons(conds):
        for side, other in ((compare.left, compare.right), (compare.right, compare.left)):
            if isinstance(other, Number):
                for what, name, _ in references(side):
                    if what == "score":
                        seen.setdefault(name, []).append(other.value)
    return {name: (min(values), max(values)) for name, values in seen.items()}


def unclampable(conds: list[Expr]) -> set[str]:
    """Numbers compared with another number (not a constant): their exact value matters."""
    out: set[str] = set()
    for compare in _comparisons(conds):
        if not isinstance(compare.left, Number) and not isinstance(compare.right, Number):
            out.update(name for what, name, _ in references(compare) if what == "score")
    return out


def _comparisons(conds: list[Expr]):
    """Every comparison inside these conditions (under `not`, `and`, `or`)."""
    stack = list(conds)
    while stack:
        expr = stack.pop()
        if isinstance(expr, Not):
            stack.append(expr.operand)
        elif isinstance(expr, BoolOp):
            stack.extend(expr.operands)
        elif isinstance(expr, Compare):
            yield expr
            stack.extend((expr.left, expr.right))


class _Plan:
    """Everything :func:`explore` needs per scene and per step, worked out once.

    *Liveness*: a fact only matters in a scene if some condition in that scene
    or after it reads it; elsewhere it is forgotten (set to 0), so two
    situations that differ only in facts nobody will read again merge.

    *Clamping*: a number compared only with constants is clamped, per scene, to
    ``[min constant - 1 - most it can still rise, max constant + 1 + most it can
    still fall]``, where "still" means along any way on from that scene to a
    scene that reads it (a longest-path sum over the scene graph, choices'
    conditions ignored, so it can only over-estimate). Beyond those bounds no
    future comparison can change its answer, so the clamp is exact; it keeps
    long stories with a score condition from growing one state per score value.
    Scenes from which a loop can be reached fall back to the global bounds.
    """

    def __init__(self, scenario: model.Scenario, tracked: Tracked, sites: list[tuple[str, Expr]],
                 conds: list[Expr]):
        """``sites`` and ``conds``: the story's :func:`condition_sites` and :func:`conditions_of` (with or
        without the badges' conditions), as :func:`explore` works them out once."""
        self.scenario, self.tracked = scenario, tracked
        scenes = scenario.scenes
        succ = {sid: [t for t in [c.goto for c in sc.choices] + ([sc.next] if sc.next else []) if t in scenes]
                for sid, sc in scenes.items()}
        names = tracked.numbers
        reads_bits = {sid: 0 for sid in scenes}
        reads_nums: dict[str, set[str]] = {sid: set() for sid in scenes}
        self._reads: dict[int, tuple[int, set[str]]] = {}  # id(condition) -> what it reads (see reads)
        for sid, cond in sites:
            b, n = self.reads(cond)
            reads_bits[sid] |= b
            reads_nums[sid] |= n
        # liveness: a backwards fixpoint over the scene graph
        preds: dict[str, list[str]] = {sid: [] for sid in scenes}
        for sid, ts in succ.items():
            for t in ts:
                preds[t].append(sid)
        live_bits, live_nums = dict(reads_bits), {k: set(v) for k, v in reads_nums.items()}
        # stories mostly flow down the file, so starting from the end usually settles in one pass
        work = deque(reversed(list(scenes)))
        queued = set(scenes)
        while work:
            sid = work.popleft()
            queued.discard(sid)
            for p in preds[sid]:
                nb = live_bits[p] | live_bits[sid]
                if nb != live_bits[p] or not live_nums[sid] <= live_nums[p]:
                    live_bits[p] = nb
                    live_nums[p] = live_nums[p] | live_nums[sid]
                    if p not in queued:
                        queued.add(p)
                        work.append(p)
        self.live_bits = live_bits
        # clamping windows per scene
        remaining = _longest_remaining(succ)
        constants = compared_with(conds)
        unclamp = unclampable(conds)
        swings = {name: _swings(scenario, name, reads_nums, remaining) for name in names}
        self.windows: dict[str, tuple[tuple[int, int], ...]] = {}
        for sid in scenes:
            window = []
            for name, (lo, hi) in zip(names, tracked.bounds):
                if name not in live_nums[sid]:
                    window.append((0, 0))  # forgotten: nobody reads it from here on
                    continue
                swing = swings[name].get(sid)
                if name in unclamp or name not in constants or sid not in remaining or swing is None:
                    window.append((lo, hi))
                    continue
                fall, rise = swing  # most negative and most positive change before a later read
                cmin, cmax = constants[name]
                window.append((max(lo, cmin - 1 - rise), min(hi, cmax + 1 - fall)))
            self.windows[sid] = tuple(window)
        self.enter_bits = {sid: enter_mask(tracked, sc) for sid, sc in scenes.items()}
        self.steps: dict[str, list] = {}
        for sid, sc in scenes.items():
            plan = []
            for c in sc.choices:
                if c.goto not in scenes:
                    continue
                e = c.effects
                set_bits = choice_mask(tracked, sc, c)
                keep = ~_mask(tracked, "flag", e.unset)  # the engine unsets first, then sets
                deltas = tuple([number_change(scenario, n, c) for n in names])
                plan.append((c, c.index, c.goto, set_bits, keep, deltas))
            if not sc.choices and sc.next in scenes:
                plan.append((None, CONTINUE, sc.next, 0, -1, (0,) * len(names)))
            self.steps[sid] = plan

    def reads(self, condition) -> tuple[int, set[str]]:
        """:func:`_reads` of one of the story's conditions, worked out once (the story keeps them alive)."""
        found = self._reads.get(id(condition))
        if found is None:
            found = self._reads[id(condition)] = _reads(self.tracked, condition)
        return found

    def arrive(self, scene_id: str, bits: int, nums: tuple[int, ...]) -> tuple:
        bits = (bits | self.enter_bits[scene_id]) & self.live_bits[scene_id]
        if nums:
            nums = tuple(min(hi, max(lo, v)) for v, (lo, hi) in zip(nums, self.windows[scene_id]))
        return (scene_id, bits, nums)


def _swings(scenario: model.Scenario, name: str, reads: dict[str, set[str]],
            remaining: dict[str, int]) -> dict[str, tuple[int, int]]:
    """Per scene without a loop ahead: the least and the most a number can change, from arriving there to
    arriving at a scene that reads it (0 included when the scene reads it itself); scenes with no read ahead
    are left out."""
    out: dict[str, tuple[int, int]] = {}
    for sid in sorted(remaining, key=remaining.__getitem__):  # successors first
        scene = scenario.scenes[sid]
        lows, highs = ([0], [0]) if name in reads[sid] else ([], [])
        steps = [(c.goto, number_change(scenario, name, c)) for c in scene.choices]
        if not scene.choices and scene.next:
            steps.append((scene.next, 0))
        for target, delta in steps:
            found = out.get(target)
            if found is not None:
                lows.append(delta + found[0])
                highs.append(delta + found[1])
        if lows:
            out[sid] = (min(lows), max(highs))
    return out


def enter_mask(tracked: Tracked, scene: model.Scene) -> int:
    """The facts that become true on entering a scene: visited, and meeting its red flags, signs and offer."""
    return (tracked.bit("visited", scene.id) | _mask(tracked, "met", scene.red_flags)
            | _mask(tracked, "met", scene.safe_signs))


def choice_mask(tracked: Tracked, scene: model.Scene, choice: model.Choice) -> int:
    """The facts a choice makes true (before entering its target)."""
    e = choice.effects
    kinds = tracked.kinds  # most stories' conditions read a few kinds of fact: the others add no bit
    m = _mask(tracked, "flag", e.set) if "flag" in kinds else 0
    if "spotted" in kinds:
        m |= _mask(tracked, "spotted", e.spots)
    if "missed" in kinds:
        m |= _mask(tracked, "missed", e.misses)
    if "trusted" in kinds or "doubted" in kinds:
        trusted, doubted = choice_items(scene, choice)
        m |= _mask(tracked, "trusted", trusted) | _mask(tracked, "doubted", doubted)
    if e.accepts and "accepted" in kinds:
        m |= tracked.bit("accepted", e.accepts)
    if e.refuses and "refused" in kinds:
        m |= tracked.bit("refused", e.refuses)
    return m


def _mask(tracked: Tracked, kind: str, names) -> int:
    if not names or kind not in tracked.kinds:
        return 0
    bits = tracked._bits
    m = 0
    for name in names:
        m |= bits.get((kind, name), 0)
    return m


def masks_ahead(own: dict[str, int], succ: dict[str, list[str]], order: list[str]) -> dict[str, int]:
    """Per scene, its own bit mask or'ed with those of every scene reachable from it (a fixpoint; the graph
    may have cycles). ``order`` is the scenes in file order: walking it backwards settles most stories in
    one pass, as scenes mostly lead to later ones."""
    ahead = dict(own)
    changed = True
    backwards = list(reversed(order))
    while changed:
        changed = False
        for sid in backwards:
            m = ahead[sid]
            for t in succ[sid]:
                m |= ahead[t]
            if m != ahead[sid]:
                ahead[sid], changed = m, True
    return ahead


def _longest_remaining(succ: dict[str, list[str]]) -> dict[str, int]:
    """Longest number of steps left from each scene; scenes that can reach a loop are left out."""
    state: dict[str, int] = {}  # 1 = on the stack, 2 = done
    out: dict[str, int] = {}
    cyclic: set[str] = set()
    for root in succ:
        if root in state:
            continue
        stack = [(root, iter(succ[root]))]
        state[root] = 1
        while stack:
            node, it = stack[-1]
            child = next(it, None)
            if child is None:
                stack.pop()
                state[node] = 2
                kids = succ[node]
                if node in cyclic or any(k in cyclic for k in kids):
                    cyclic.add(node)
                else:
                    out[node] = 1 + max((out[k] for k in kids), default=-1)
                continue
            if state.get(child) == 1:
                cyclic.add(child)
                cyclic.add(node)
            elif child not in state:
                state[child] = 1
                stack.append((child, iter(succ[child])))
    return {k: v for k, v in out.items() if k not in cyclic}


def explore(scenario: model.Scenario, max_states: int = DEFAULT_MAX_STATES, badges: bool = False) -> StateGraph:
    """Breadth-first search of every abstract state reachable from the start.

    With ``badges``, the facts badge conditions read are kept up to the endings, so
    :meth:`StateGraph.earned` can tell at each ending state which badges it earns.
    """
    texts = list(text_conditions(scenario))
    sites = condition_sites(scenario, badges, texts)
    conds = list(conditions_of(scenario, badges, sites))
    tracked = facts_read_by(scenario, conds)
    graph = StateGraph(scenario, tracked, badges=badges, text_sites=texts)
    plan = _Plan(scenario, tracked, sites, conds)
    states, moves, parents, indegree = graph.states, graph.moves, graph.parent, graph.indegree
    # every (scene, step) gets a small number: the DP in .paths looks its effects up by it
    step_ids: dict[tuple[str, int], int] = {}
    steps: dict[str, list[tuple]] = {}
    single = len(tracked.numbers) == 1
    for scene_id, plan_steps in plan.steps.items():
        row = []
        for choice, step, target, set_bits, keep, deltas in plan_steps:
            number = step_ids.setdefault((scene_id, step), len(step_ids))
            condition = choice.condition if choice is not None else None
            asks = plan.reads(condition) if condition is not None else (0, set())
            live, window = plan.live_bits[target], plan.windows[target]
            # the facts arriving: ((bits & keep) | set_bits | entering) & live, with the masks combined here once
            row.append((number, step, condition, asks[0], bool(asks[1]), target, keep & live,
                        (set_bits | plan.enter_bits[target]) & live,
                        deltas[0] if single else deltas, window[0] if single else window))
        steps[scene_id] = row
    graph.step_keys = list(step_ids)
    shown = bytearray(len(step_ids))
    hidden = bytearray(len(step_ids))
    index: dict[tuple, int] = {}
    cache: dict[tuple, bool] = {}
    first = plan.arrive(scenario.start, 0, tuple(start_number(scenario, n) for n in tracked.numbers))
    index[first] = 0
    states.append(first)
    parents.append(None)
    indegree.append(0)
    # the list methods the loop calls for every move, looked up once (a few ns each, 27,000 moves a story
    # of 1,000 scenes)
    find, add_state, add_parent, add_indegree, add_moves = (index.get, states.append, parents.append,
                                                            indegree.append, moves.append)
    for v, (scene_id, bits, nums) in enumerate(states):  # the list grows as the search goes: breadth first
        if len(states) > max_states:
            graph.complete = False
            break
        ids = []
        add_moves(ids)
        for number, step, condition, asks, counts, target, kept, added, deltas, window in steps[scene_id]:
            if condition is not None:
                ckey = (number, bits & asks, nums if counts else ())  # only what the condition reads
                holds = cache.get(ckey)
                if holds is None:
                    holds = cache[ckey] = bool(evaluate(condition, _Facts(tracked, bits, nums)))
                if not holds:
                    hidden[number] = 1
                    continue
            shown[number] = 1
            if single:  # one number: the common case, without a generator per step (deltas, window: its own)
                x = nums[0] + deltas
                lo, hi = window
                moved = ((lo if x < lo else hi if x > hi else x),)
            elif nums:
                moved = tuple(min(hi, max(lo, x + d)) for x, d, (lo, hi) in zip(nums, deltas, window))
            else:
                moved = nums
            key = (target, (bits & kept) | added, moved)
            found = find(key)
            if found is None:
                found = index[key] = len(states)
                add_state(key)
                add_parent((v, step))
                add_indegree(1)
            else:
                indegree[found] += 1
            ids.append((number, found))
    while len(moves) < len(states):  # states the limit left unexplored have no known steps
        moves.append([])
    for (scene_id, step), number in step_ids.items():
        if step != CONTINUE:
            if shown[number]:
                graph.condition_true.add((scene_id, step))
            if hidden[number]:
                graph.condition_false.add((scene_id, step))
    _judge_texts(graph)
    return graph


def _judge_texts(graph: StateGraph) -> None:
    """Which conditional lines and debrief parts are shown, and which hidden, in some explored situation."""
    by_scene: dict[str, list] = {}
    for sid, what, index, cond in graph.text_sites:
        by_scene.setdefault(sid, []).append((what, index, cond))
    if not by_scene:
        return
    tracked, scenes = graph.tracked, graph.scenario.scenes
    for scene_id, bits, nums in graph.states:
        for what, index, cond in by_scene.get(scene_id, ()):
            ending = scenes[scene_id].ending
            if what == "debrief":
                facts = _EndingFacts(tracked, bits, nums, ending.value)
            elif ending is not None:
                facts = _InEndingFacts(tracked, bits, nums, ending.value)
            else:
                facts = _Facts(tracked, bits, nums)
            key = (scene_id, what, index)
            (graph.text_true if evaluate(cond, facts) else graph.text_false).add(key)


def describe_step(scenario: model.Scenario, scene_id: str, step: int) -> str:
    """A step in plain words: the choice text, or "Continue"."""
    if step == CONTINUE:
        return "Continue"
    scene = scenario.scenes[scene_id]
    for choice in scene.choices:
        if choice.index == step:
            return choice.text.text
    return f"choice {step + 1}"

