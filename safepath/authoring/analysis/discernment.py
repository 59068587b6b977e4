"""Discernment over every path at once: stars, the two sides of the score, and the offers judged.

The stars of a play-through (:func:`safepath.play.scoring.stars_for_tally`) depend on its *tally*: per
item (each red flag, offer and safe sign) whether it was judged rightly or wrongly, with "the right answer
wins". This module runs one forward dynamic programme over the abstract state graph (:mod:`.states`),
in the topological order of :mod:`.paths`, whose table at each state maps

    (items judged rightly so far, items judged wrongly so far, settled counts, path marks) -> weight

and reads the tallies off at the endings. The weight is the number of paths (exact integers), or with
``random=True`` the probability that a player who picks uniformly among the choices shown comes this way
(floating point: a sum of products of 1/k, exact to far more digits than any report shows). An item no step after a scene can touch any more is *settled* there: its bits are folded
into the counts, so paths that differ only in settled items merge and the tables stay small.

The *path marks* are three bits: the path accepted some offer, refused some offer, entered a scene marked
``private_chat: true`` (the recruiter's private chat). They select the paths the required properties speak
of (:mod:`.properties`): "refuses every offer" is a path that refused one and accepted none, and so on.

Item rules, as the engine and scoring have them:

* a red flag: right when spotted, wrong when met (its scene visited) or gone past (``misses:``);
* a fake offer: right when refused, wrong when accepted;
* a real offer: right when accepted, wrong when refused;
* a safe sign (and the item of a deprecated ``trusts_safe`` / ``false_alarm`` choice): right when trusted,
  wrong when doubted.
"""

from __future__ import annotations

# (the report is a .paths.PathReport; not imported here, because .paths asks this module for its stars table)

from collections import Counter
from dataclasses import dataclass

from safepath.play.scoring import Tally, stars_for_tally
from safepath.story import model
from safepath.authoring.analysis.states import CONTINUE, STUCK, all_red_flags, choice_items, judgement_items

ACCEPTED_ANY = 1  # the path accepted some offer
REFUSED_ANY = 2  # the path refused some offer
PRIVATE = 4  # the path entered a scene marked private_chat: true


@dataclass(frozen=True)
class Items:
    """Every item a path can judge, one bit each, and which side each is on."""

    bit: dict  # (kind, id) -> bit; kind: flag | offer | sign
    warn: int  # red flags and fake offers (the warning side)
    fake: int  # fake offers
    real: int  # real offers
    count: int


def items_of(scenario: model.Scenario) -> Items:
    keys = [("flag", f) for f in all_red_flags(scenario)]
    keys += [("offer", o) for o in scenario.offers]
    keys += [("sign", x) for x in judgement_items(scenario)]
    bit = {k: 1 << i for i, k in enumerate(keys)}
    fake = sum(bit[("offer", o.id)] for o in scenario.offers.values() if not o.legit)
    real = sum(bit[("offer", o.id)] for o in scenario.offers.values() if o.legit)
    warn = fake | sum(bit[k] for k in keys if k[0] == "flag")
    return Items(bit, warn, fake, real, len(keys))


def _mask(items: Items, kind: str, names) -> int:
    m = 0
    for name in names:
        m |= items.bit.get((kind, name), 0)
    return m


def step_effect(scenario: model.Scenario, items: Items, scene: model.Scene, step: int) -> tuple[int, int, int, str]:
    """(right bits, wrong bits, path marks, target scene id) of one step."""
    scenes = scenario.scenes
    if step == CONTINUE:
        target = scenes[scene.next]
        right, wrong, marks = 0, _mask(items, "flag", target.red_flags), 0
    else:
        c = next(c for c in scene.choices if c.index == step)
        target = scenes[c.goto]
        e = c.effects
        trusted, doubted = choice_items(scene, c)
        right = _mask(items, "flag", e.spots) | _mask(items, "sign", trusted)
        wrong = _mask(items, "flag", e.misses) | _mask(items, "sign", doubted) | _mask(items, "flag", target.red_flags)
        marks = 0
        if e.accepts:
            b = items.bit.get(("offer", e.accepts), 0)
            right |= b & items.real
            wrong |= b & items.fake
            marks |= ACCEPTED_ANY
        if e.refuses:
            b = items.bit.get(("offer", e.refuses), 0)
            right |= b & items.fake
            wrong |= b & items.real
            marks |= REFUSED_ANY
    if target.private_chat:
        marks |= PRIVATE
    return right, wrong, marks, target.id


def _ahead(scenario: model.Scenario, items: Items) -> dict[str, int]:
    """Per scene: the items some step from there on can still touch (a fixpoint over the scene graph)."""
    scenes = scenario.scenes
    own: dict[str, int] = {}
    succ: dict[str, list[str]] = {}
    for sid, scene in scenes.items():
        m, targets = 0, []
        for c in scene.choices:
            if c.goto in scenes:
                r, w, _, t = step_effect(scenario, items, scene, c.index)
                m |= r | w
                targets.append(t)
        if not scene.choices and scene.next in scenes:
            r, w, _, t = step_effect(scenario, items, scene, CONTINUE)
            m |= r | w
            targets.append(t)
        own[sid], succ[sid] = m, targets
    ahead = dict(own)
    changed = True
    order = list(reversed(list(scenes)))
    while changed:
        changed = False
        for sid in order:
            m = ahead[sid]
            for t in succ[sid]:
                m |= ahead[t]
            if m != ahead[sid]:
                ahead[sid], changed = m, True
    return ahead


def _fold(items: Items, right: int, wrong: int, settled: tuple, settle: int) -> tuple[int, int, tuple]:
    """Move the items in ``settle`` out of the bits into the counts."""
    if not settle:
        return right, wrong, settled
    r, w = right & settle, wrong & settle
    wg, wb, tg, tb, fell, refused = settled
    warn = items.warn
    settled = (wg + (r & warn).bit_count(), wb + (w & warn).bit_count(),
               tg + (r & ~warn).bit_count(), tb + (w & ~warn).bit_count(),
               fell or bool(w & items.fake), refused or bool(w & items.real))
    return right & ~settle, wrong & ~settle, settled


def tallies(report, random: bool = False) -> dict[str, Counter]:
    """Per ending (and STUCK): (Tally, path marks) -> number of paths (or probability with ``random``).

    Empty with loops (no order to run the programme in) or before an exploration finished. Worked out once per
    report (the stars table, the properties and the lint all ask for it).
    """
    cache = report.__dict__.setdefault("_tallies", {})
    if random not in cache:
        cache[random] = _tallies(report, random)
    return cache[random]


def _tallies(report, random: bool) -> dict[str, Counter]:
    graph = report.graph
    scenario = graph.scenario
    scenes = scenario.scenes
    n = len(graph.states)
    if report.loops or not n or not report.order:
        return {}
    items = items_of(scenario)
    every = (1 << items.count) - 1
    ahead = _ahead(scenario, items)
    effects = []
    for sid, step in graph.step_keys:
        right, wrong, marks, target = step_effect(scenario, items, scenes[sid], step)
        effects.append((right, wrong, marks, every & ~ahead[target], {}))
    first = scenes[scenario.start]
    start_key = (0, _mask(items, "flag", first.red_flags), (0, 0, 0, 0, False, False),
                 PRIVATE if first.private_chat else 0)
    start_key = (*_fold(items, start_key[0], start_key[1], start_key[2], every & ~ahead[first.id]), start_key[3])
    tables: list[dict | None] = [None] * n
    tables[0] = {start_key: 1.0 if random else 1}
    owned = [True] * n  # False: the table is shared with the state it came from; copy before adding to it
    at_end: dict[str, Counter] = {}
    edges, moves = graph.edges, graph.moves
    for v in report.order:
        table = tables[v]
        tables[v] = None
        if table is None:
            continue
        if not edges[v]:
            scene = graph.scene_of(v)
            name = scene.id if scene.is_ending else STUCK
            out = at_end.setdefault(name, Counter())
            for (right, wrong, settled, marks), weight in table.items():
                _r, _w, (wg, wb, tg, tb, fell, refused) = _fold(items, right, wrong, settled, every)
                out[(Tally(wg, wb, tg, tb, fell, refused), marks)] += weight
            continue
        share = 1.0 / len(moves[v]) if random else 1
        for number, t in moves[v]:
            right_bits, wrong_bits, add_marks, settle, memo = effects[number]
            same = not (right_bits or wrong_bits or add_marks or settle)
            target = tables[t]
            if target is None:
                if same and not random:  # nothing changes: share the table until someone adds to it
                    tables[t], owned[t] = table, False
                    continue
                target = tables[t] = {}
            elif not owned[t]:
                target = tables[t] = dict(target)
                owned[t] = True
            if same:
                for key, weight in table.items():
                    target[key] = target.get(key, 0) + (weight * share if random else weight)
                continue
            for key, weight in table.items():
                new = memo.get(key)
                if new is None:
                    right, wrong, settled, marks = key
                    right |= right_bits
                    wrong = (wrong | wrong_bits) & ~right  # the right answer wins
                    right, wrong, settled = _fold(items, right, wrong, settled, settle)
                    new = memo[key] = (right, wrong, settled, marks | add_marks)
                target[new] = target.get(new, 0) + (weight * share if random else weight)
    return at_end


def stars_of(report, table: dict[str, Counter] | None = None) -> dict[str, Counter]:
    """Per ending: stars -> number of paths (the real scoring rule on every path's tally)."""
    table = tallies(report) if table is None else table
    scenes = report.graph.scenario.scenes
    out: dict[str, Counter] = {}
    for ending, dist in table.items():
        kind = scenes[ending].ending if ending != STUCK else None
        stars: Counter = Counter()
        for (tally, _marks), weight in dist.items():
            stars[stars_for_tally(tally, kind)] += weight
        out[ending] = stars
    return out
