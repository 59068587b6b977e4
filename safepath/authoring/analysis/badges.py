"""How many paths earn each badge, and which badges no path can earn (lint's SP058).

A badge is a condition on the final state (``when:``), so what decides it is a
handful of facts: the story flags, red flags and scenes it names, and the
numbers it compares. Keeping those facts in the abstract state graph itself
(``explore(..., badges=True)``) would make every scene split by them: a badge
``safety >= 3`` alone keeps the safety score in every situation from the start
to the end. Instead, this module runs a forward dynamic programme over the
ordinary graph, whose table at each state maps "the badge facts so far" to the
number of paths arriving with them, and asks the badges only at the endings.
Numbers are clamped per scene exactly as in :mod:`.states` (beyond the most
they can still change before the end, a comparison's answer is settled), so the
tables stay small. The counters a badge compares (``hits``, ``misses``, ``false_alarms``, ``trusted_safe``)
follow from one unit of facts per red flag, sign or offer; once no later step can change a unit, and no
condition reads its facts directly, its share of the counter is *folded* into a count (clamped just past the
largest constant it is compared with) and its facts are dropped, so paths that differ only in which settled
items they judged merge (as :mod:`.discernment` does for stars). With a loop in the state graph there is no order to run the
programme in; then the refined exploration is used instead (loops are rare and
small).
"""

from __future__ import annotations

from safepath.story import model
from safepath.authoring.analysis.paths import PathReport, _all_paths, count_paths
from safepath.authoring.analysis.states import (
    _CALL_READS,
    _DERIVED,
    CONTINUE,
    _EndingFacts,
    compared_with,
    _longest_remaining,
    masks_ahead,
    _mask,
    _reads,
    _calls,
    _swings,
    choice_mask,
    enter_mask,
    evaluate,
    explore,
    facts_read_by,
    number_change,
    start_number,
    unclampable,
)
from safepath.authoring.analysis.tables import hand_on
from safepath.story.conditions import references


_FAR = 1 << 62


def badge_paths(report: PathReport, max_states: int | None = None) -> dict[str, int | None] | None:
    """Per badge id: paths that earn it (None: infinitely many); None when too large to find out."""
    scenario = report.graph.scenario
    if not scenario.badges:
        return {}
    if report.loops:
        refined = explore(scenario, max_states=max_states or max(1, 4 * len(report.graph.states)), badges=True)
        return count_paths(refined).badge_paths() if refined.complete else None
    return _forward(report)


def never_earned(report: PathReport, max_states: int | None = None) -> list[model.Badge] | None:
    """The badges no path earns; None when the story is too large to find out."""
    counts = badge_paths(report, max_states)
    if counts is None:
        return None
    return [b for b in report.graph.scenario.badges if counts[b.id] == 0]


def _forward(report: PathReport) -> dict[str, int]:
    """The forward programme (see the module docstring).

    The table key is (badge bits, the badge numbers but one); the value is a polynomial in the remaining,
    widest-ranging number (one big integer, each coefficient in its own slice of bits, as for scores in
    :mod:`.paths`), so a badge like ``safety >= 3`` costs one shift per step instead of one entry per value.
    Each key is stored once and the tables hold its number: a tuple's hash is worked out again at every
    lookup, and merging tables is almost all lookups.
    """
    graph = report.graph
    scenario = graph.scenario
    scenes = scenario.scenes
    conds = [b.condition for b in scenario.badges]
    tracked = facts_read_by(scenario, conds)
    names = tracked.numbers
    choices = [c for sc in scenes.values() for c in sc.choices]
    longest = max((e.longest for e in report.endings.values() if e.longest is not None), default=0)

    def reach(name: str) -> tuple[int, int]:
        changes = [number_change(scenario, name, c) for c in choices] or [0]
        return max(0, -min(changes)) * longest, max(0, max(changes)) * longest

    wide = max(names, key=lambda name: sum(reach(name)), default=None)
    keyed = [name for name in names if name != wide]
    endings = [sid for sid, sc in scenes.items() if sc.is_ending]
    reads = {sid: (set(keyed) if sid in endings else set()) for sid in scenes}
    succ = {sid: [t for t in [c.goto for c in sc.choices] + ([sc.next] if sc.next else []) if t in scenes]
            for sid, sc in scenes.items()}
    remaining = _longest_remaining(succ)
    constants = compared_with(conds)
    loose = unclampable(conds)
    swings = {name: _swings(scenario, name, reads, remaining) for name in keyed}
    windows = {}
    for sid in scenes:
        window = []
        for name in keyed:
            swing = swings[name].get(sid)
            if name in loose or name not in constants or swing is None:
                window.append((-_FAR, _FAR))  # exact value kept: the graph has no loop, so it stays finite
            else:
                cmin, cmax = constants[name]
                window.append((cmin - 1 - swing[1], cmax + 1 - swing[0]))
        windows[sid] = tuple(window)
    enter = {sid: enter_mask(tracked, sc) for sid, sc in scenes.items()}
    counters, units = _fold_units(scenario, tracked, conds)
    caps = tuple(constants[name][1] + 1 if name in constants and name not in loose else None for name in counters)
    ahead = _changeable_ahead(tracked, scenes, succ, enter)
    slot = _all_paths(report).bit_length() + 1  # bits per coefficient: no sum of path counts overflows it
    low = (start_number(scenario, wide) - reach(wide)[0]) if wide else 0  # no path goes lower

    def clamp(nums, window):
        return tuple(min(hi, max(lo, x)) for x, (lo, hi) in zip(nums, window))

    def settling(before: int, after: str) -> tuple:
        """The units a step into scene ``after`` settles: changeable before it (``before``: a mask), not after."""
        return tuple(u for u in units if u[1] & before and not u[1] & ahead[after])

    def fold(bits: int, folded: tuple, settle: tuple) -> tuple[int, tuple]:
        if not settle:
            return bits, folded
        counts = list(folded)
        for position, mask, pos, neg in settle:
            if bits & pos and not bits & neg:
                counts[position] += 1
            bits &= ~mask
        return bits, tuple(c if cap is None or c <= cap else cap for c, cap in zip(counts, caps))

    def step_change(scene_id: str, step: int):
        scene = scenes[scene_id]
        if step == CONTINUE:
            set_bits, keep, target, deltas, shift = 0, -1, scene.next, (0,) * len(keyed), 0
        else:
            c = next(c for c in scene.choices if c.index == step)
            e = c.effects
            set_bits = choice_mask(tracked, scene, c)
            keep = ~_mask(tracked, "flag", e.unset)  # the engine unsets first, then sets
            target, deltas = c.goto, tuple(number_change(scenario, n, c) for n in keyed)
            shift = slot * number_change(scenario, wide, c) if wide else 0
        settle = settling(ahead[scene_id], target)
        # a step that changes none of the badge facts (and keeps the clamping window) passes tables on as they are
        same = (not set_bits and keep == -1 and not enter[target] and not shift and not any(deltas)
                and windows[target] == windows[scene_id] and not settle)
        entered, window = enter[target], windows[target]

        def make(key: int) -> tuple[int, int]:
            bits, nums, folded = keys[key]
            moved = clamp(tuple(x + d for x, d in zip(nums, deltas)), window) if nums else nums
            bits, folded = fold((bits & keep) | set_bits | entered, folded, settle)
            return number_of((bits, moved, folded)), shift

        return {}, same, make

    changes = [step_change(sid, step) for sid, step in graph.step_keys]
    n = len(graph.states)
    tables: list[dict | None] = [None] * n
    numbers: dict[tuple, int] = {}  # key -> its number in the tables
    keys: list[tuple] = []  # number -> key

    def number_of(key: tuple) -> int:
        found = numbers.get(key)
        if found is None:
            found = numbers[key] = len(keys)
            keys.append(key)
        return found

    start = scenario.start
    first_bits, first_folded = fold(enter[start], (0,) * len(counters), settling(-1, start))
    first = (first_bits, clamp(tuple(start_number(scenario, x) for x in keyed), windows[start]), first_folded)
    tables[0] = {number_of(first): 1 << (slot * (start_number(scenario, wide) - low)) if wide else 1}
    owned = [True] * n  # False: the table is shared with the state it came from; copy before adding to it
    out_counts = {b.id: 0 for b in scenario.badges}
    verdicts: dict[tuple, list[str]] = {}
    where = names.index(wide) if wide else 0
    moves = graph.moves
    for v in report.order:
        table = tables[v]
        tables[v] = None
        if not moves[v]:
            scene = graph.scene_of(v)
            if scene.is_ending:  # a player who is stuck has not ended the story: no badges
                _tally(scenario, tracked, counters, scene, {keys[k]: poly for k, poly in table.items()}, wide, where,
                       low, slot, verdicts, out_counts)
            continue
        for number, t in moves[v]:
            memo, same, make = changes[number]
            hand_on(tables, owned, t, table, same, memo, make)
    return out_counts


def _fold_units(scenario: model.Scenario, tracked, conds) -> tuple[tuple[str, ...], list[tuple]]:
    """The counters these conditions compare, and the units that may be folded into them.

    A unit is (counter position, its facts' mask, the facts that make it count, the facts that stop it): a red
    flag spotted (``hits``), met or gone past and never spotted (``misses``, as at the end of the story), a sign
    doubted and never trusted or a real offer refused and never accepted (``false_alarms``: trust wins), a
    sign trusted or a real offer accepted (``trusted_safe``). A unit whose facts a condition reads directly
    (``spotted(rush)``) or another counter also counts from stays in the bits.
    """
    counters = tuple(sorted({name for cond in conds for what, name, _ in references(cond)
                             if what == "score" and name in _DERIVED}))
    bit = tracked.bit
    direct = 0
    for cond in conds:
        for call in _calls(cond):
            for kind in _CALL_READS.get(call.function, ()):
                direct |= bit(kind, call.argument)
    legit = sorted(tracked.legit)
    flags = sorted({name for kind, name in tracked.bools if kind in ("spotted", "met", "missed")})
    items = sorted({name for kind, name in tracked.bools if kind in ("doubted", "trusted")} - set(legit))
    found = []
    for position, name in enumerate(counters):
        if name == "hits":
            found += [(position, bit("spotted", f), 0) for f in flags]
        elif name == "misses":
            found += [(position, bit("met", f) | bit("missed", f), bit("spotted", f)) for f in flags]
        elif name == "false_alarms":
            found += [(position, bit("doubted", x), bit("trusted", x)) for x in items]
            found += [(position, bit("refused", o), bit("accepted", o)) for o in legit]
        else:  # trusted_safe
            found += [(position, bit("trusted", x), 0) for x in items]
            found += [(position, bit("accepted", o), 0) for o in legit]
    found = [(position, pos | neg, pos, neg) for position, pos, neg in found if pos]
    used: dict[int, int] = {}
    for _, mask, _, _ in found:
        for i in range(mask.bit_length()):
            if mask >> i & 1:
                used[i] = used.get(i, 0) + 1
    shared = sum(1 << i for i, k in used.items() if k > 1)
    return counters, [u for u in found if not u[1] & (direct | shared)]


def _changeable_ahead(tracked, scenes, succ, enter) -> dict[str, int]:
    """Per scene: the facts some step from there on can still change (a fixpoint over the scene graph)."""
    own = {}
    for sid, scene in scenes.items():
        m = 0
        for c in scene.choices:
            if c.goto in scenes:
                m |= choice_mask(tracked, scene, c) | _mask(tracked, "flag", c.effects.unset) | enter[c.goto]
        if not scene.choices and scene.next in scenes:
            m |= enter[scene.next]
        own[sid] = m
    return masks_ahead(own, succ, list(scenes))


class _FoldedFacts(_EndingFacts):
    """The ending's facts, with the folded share of each counter added to what the remaining facts count."""

    __slots__ = ("offsets",)

    def __init__(self, tracked, bits, nums, ending, offsets: dict[str, int]):
        super().__init__(tracked, bits, nums, ending)
        self.offsets = offsets

    def number(self, name: str) -> int:
        return super().number(name) + self.offsets.get(name, 0)


def _tally(scenario, tracked, counters, scene, table, wide, where, low, slot, verdicts, out_counts) -> None:
    """Add one ending state's paths to the badges they earn.

    Each badge is asked once per combination of the facts *it* reads (its verdict is remembered by those
    alone), and a badge that does not read the wide number is asked once per table entry, for all its paths.
    """
    mask = (1 << slot) - 1
    plans = []
    for i, badge in enumerate(scenario.badges):
        bits_read, numbers_read = _reads(tracked, badge.condition)
        index = tuple(j for j, name in enumerate(tracked.numbers) if name in numbers_read)
        plans.append((i, badge, bits_read, index, wide in numbers_read))
    for (bits, nums, folded), poly in table.items():
        values = []  # (value of the wide number, paths)
        value = low
        while poly:
            k = poly & mask if wide else poly
            if k:
                values.append((value, k))
            if not wide:
                break
            poly >>= slot
            value += 1
        total = sum(k for _, k in values)
        for i, badge, bits_read, index, reads_wide in plans:
            for value, k in (values if reads_wide else [(low, total)]):
                full = nums[:where] + (value,) + nums[where:] if wide else nums
                memo = (i, scene.ending, bits & bits_read, tuple(full[j] for j in index), folded)
                holds = verdicts.get(memo)
                if holds is None:
                    facts = _FoldedFacts(tracked, bits, full, scene.ending.value, dict(zip(counters, folded)))
                    holds = verdicts[memo] = bool(evaluate(badge.condition, facts))
                if holds:
                    out_counts[badge.id] += k
