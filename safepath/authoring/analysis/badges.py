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
tables stay small. With a loop in the state graph there is no order to run the
programme in; then the refined exploration is used instead (loops are rare and
small).
"""

from __future__ import annotations

from safepath.story import model
from safepath.authoring.analysis.paths import PathReport, _all_paths, count_paths
from safepath.authoring.analysis.states import (
    CONTINUE,
    _EndingFacts,
    compared_with,
    _longest_remaining,
    _mask,
    _reads,
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
    slot = _all_paths(report).bit_length() + 1  # bits per coefficient: no sum of path counts overflows it
    low = (start_number(scenario, wide) - reach(wide)[0]) if wide else 0  # no path goes lower

    def clamp(nums, window):
        return tuple(min(hi, max(lo, x)) for x, (lo, hi) in zip(nums, window))

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
        # a step that changes none of the badge facts (and keeps the clamping window) passes tables on as they are
        same = (not set_bits and keep == -1 and not enter[target] and not shift and not any(deltas)
                and windows[target] == windows[scene_id])
        return set_bits, keep, enter[target], deltas, windows[target], shift, same, {}

    changes = [step_change(sid, step) for sid, step in graph.step_keys]
    n = len(graph.states)
    tables: list[dict | None] = [None] * n
    start = scenario.start
    first = (enter[start], clamp(tuple(start_number(scenario, x) for x in keyed), windows[start]))
    tables[0] = {first: 1 << (slot * (start_number(scenario, wide) - low)) if wide else 1}
    owned = [True] * n  # False: the table is shared with the state it came from; copy before adding to it
    out_counts = {b.id: 0 for b in scenario.badges}
    verdicts: dict[tuple, list[str]] = {}
    where = names.index(wide) if wide else 0
    edges, moves = graph.edges, graph.moves
    for v in report.order:
        table = tables[v]
        tables[v] = None
        if not edges[v]:
            scene = graph.scene_of(v)
            if scene.is_ending:  # a player who is stuck has not ended the story: no badges
                _tally(scenario, tracked, scene, table, wide, where, low, slot, verdicts, out_counts)
            continue
        for number, t in moves[v]:
            set_bits, keep, entered, deltas, window, shift, same, memo = changes[number]
            target = tables[t]
            if target is None:
                if same:
                    tables[t], owned[t] = table, False
                    continue
                target = tables[t] = {}
            elif not owned[t]:
                target = tables[t] = dict(target)
                owned[t] = True
            get = target.get
            if same:
                for key, poly in table.items():
                    target[key] = get(key, 0) + poly
                continue
            for key, poly in table.items():
                new = memo.get(key)
                if new is None:
                    bits, nums = key
                    moved = clamp(tuple(x + d for x, d in zip(nums, deltas)), window) if nums else nums
                    new = memo[key] = (((bits & keep) | set_bits | entered), moved)
                if shift:
                    poly = poly << shift if shift > 0 else poly >> -shift
                target[new] = get(new, 0) + poly
    return out_counts


def _tally(scenario, tracked, scene, table, wide, where, low, slot, verdicts, out_counts) -> None:
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
    for (bits, nums), poly in table.items():
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
                memo = (i, scene.ending, bits & bits_read, tuple(full[j] for j in index))
                holds = verdicts.get(memo)
                if holds is None:
                    holds = verdicts[memo] = bool(evaluate(badge.condition,
                                                           _EndingFacts(tracked, bits, full, scene.ending.value)))
                if holds:
                    out_counts[badge.id] += k
