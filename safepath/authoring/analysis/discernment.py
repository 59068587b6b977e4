"""Discernment over every path at once: stars, the two sides of the score, and the offers judged.

The stars of a play-through (:func:`safepath.play.scoring.stars_for_tally`) depend on its *tally*: per
item (each red flag, offer and safe sign) whether it was judged rightly or wrongly, with "the right answer
wins". This module runs one forward dynamic programme over the abstract state graph (:mod:`.states`),
in the topological order of :mod:`.paths`, whose table at each state maps

    (items judged rightly so far, items judged wrongly so far, settled counts, path marks) -> weight

and reads the tallies off at the endings. (It runs on one state of each class of states with the same
future, :func:`.tables.same_futures`: a tally depends on the steps a path takes alone.) The weight is the
number of paths, or with ``random=True`` the probability that a player who picks uniformly among the
choices shown comes this way; both are exact integers (the chances in units of 1/L, see :func:`_tallies`),
turned into floating point only at the end.
An item no step after a scene can touch any more is *settled* there: its bits are folded into the counts,
so paths that differ only in settled items merge and the tables stay small. The trust side's settled
counts live in the weight rather than the key (a polynomial in one big integer, see :class:`_Keys`), and
the key is one packed integer.

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

import math
from collections import Counter
from dataclasses import dataclass

from safepath.play.scoring import Tally, stars_for_tally
from safepath.story import model
from safepath.authoring.analysis.tables import hand_on, same_futures
from safepath.authoring.analysis.states import (CONTINUE, STUCK, all_red_flags, choice_items, judgement_items,
                                                 masks_ahead)

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
    if step == CONTINUE:
        return _effect(items, scene, None, scenario.scenes[scene.next])
    c = next(c for c in scene.choices if c.index == step)
    return _effect(items, scene, c, scenario.scenes[c.goto])


def _effect(items: Items, scene: model.Scene, c: model.Choice | None, target: model.Scene) -> tuple[int, int, int, str]:
    """:func:`step_effect` of the choice ``c`` (None: Continue) into ``target``."""
    wrong = _mask(items, "flag", target.red_flags) if target.red_flags else 0
    right = marks = 0
    if c is not None:
        e = c.effects
        if e.spots:
            right = _mask(items, "flag", e.spots)
        if e.misses:
            wrong |= _mask(items, "flag", e.misses)
        trusted, doubted = choice_items(scene, c)
        if trusted:
            right |= _mask(items, "sign", trusted)
        if doubted:
            wrong |= _mask(items, "sign", doubted)
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


def _ahead(scenario: model.Scenario, items: Items,
           effects: dict[tuple[str, int], tuple] | None = None) -> dict[str, int]:
    """Per scene: the items some step from there on can still touch (a fixpoint over the scene graph).

    ``effects``, when given, is filled with every step's :func:`step_effect` by (scene id, step)."""
    scenes = scenario.scenes
    effects = {} if effects is None else effects
    own: dict[str, int] = {}
    succ: dict[str, list[str]] = {}
    for sid, scene in scenes.items():
        m, targets = 0, []
        if scene.choices:
            steps = [(c.index, c, scenes[c.goto]) for c in scene.choices if c.goto in scenes]
        else:
            steps = [(CONTINUE, None, scenes[scene.next])] if scene.next in scenes else []
        for step, choice, target in steps:  # what step_effect gives, without finding the choice again
            r, w, _, t = effects[sid, step] = _effect(items, scene, choice, target)
            m |= r | w
            targets.append(t)
        own[sid], succ[sid] = m, targets
    return masks_ahead(own, succ, list(scenes))


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
    report (the stars table, the properties and the lint all ask for it); :func:`both_tallies` works out the
    two in one run of the programme.
    """
    cache = report.__dict__.setdefault("_tallies", {})
    if random not in cache:
        cache[random] = _tallies(report, counts=not random, chances=random)[random]
    return cache[random]


def both_tallies(report) -> tuple[dict[str, Counter], dict[str, Counter]]:
    """(:func:`tallies`, ``tallies(random=True)``) from one run (the two share every key and every step)."""
    cache = report.__dict__.setdefault("_tallies", {})
    missing = [mode for mode in (False, True) if mode not in cache]
    if len(missing) == 2:
        found = _tallies(report, counts=True, chances=True)
        cache[False], cache[True] = found[False], found[True]
    elif missing:
        cache[missing[0]] = _tallies(report, counts=not missing[0], chances=missing[0])[missing[0]]
    return cache[False], cache[True]


class _Keys:
    """A table key packed into one integer (hashing a nested tuple on every step costs far more), and the
    trust side's settled counts kept out of the key, in the weight.

    Key bits ``0..n-1``: the items judged rightly so far, ``n..2n-1`` wrongly, then the three path marks,
    then the warning side's settled counts (good, bad; each in a field wide enough for every item), then "fell
    for a fake" and "refused a real offer". The weight is a polynomial in the trust side's settled counts
    (good, bad), one big integer with each coefficient in its own slice of ``slot`` bits, at position
    ``good * base + bad``, as :mod:`.paths` keeps scores: a step that settles signs shifts the weight, and
    paths that differ only in how many signs they judged rightly or wrongly share one key. (Signs are most
    of the items in a story and settle soon, so this keeps the tables about ten times smaller.)
    """

    def __init__(self, items: Items):
        n = self.n = items.count
        self.items = items
        self.every = (1 << n) - 1
        self.width = max(1, n.bit_length())
        self.low = 2 * n + 3  # where the warning side's counts start
        self.base = (self.every & ~items.warn).bit_count() + 1  # trust-side counts run 0 .. base - 1

    def pack(self, right: int, wrong: int, marks: int) -> int:
        return right | wrong << self.n | marks << 2 * self.n

    def fold(self, key: int, settle: int) -> tuple[int, int]:
        """Move the items in ``settle`` out of the bits into the counts (see :func:`_fold`):
        (new key, how far the trust-side polynomial moves)."""
        if not settle:
            return key, 0
        n, items, width = self.n, self.items, self.width
        r, w = key & settle, key >> n & settle
        warn = items.warn
        add = (r & warn).bit_count() | (w & warn).bit_count() << width
        flags = bool(w & items.fake) << 2 * width | bool(w & items.real) << (2 * width + 1)
        moved = (r & ~warn).bit_count() * self.base + (w & ~warn).bit_count()
        return ((key & ~(settle | settle << n)) + (add << self.low)) | flags << self.low, moved

    def step(self, key: int, right_bits: int, wrong_bits: int, marks: int, settle: int) -> tuple[int, int]:
        n, every = self.n, self.every
        right = (key & every) | right_bits
        wrong = ((key >> n & every) | wrong_bits) & ~right  # the right answer wins
        key = (key & ~(every | every << n)) | right | wrong << n | marks << 2 * n
        return self.fold(key, settle)

    def tallies(self, key: int, poly: int, slot: int, low: int):
        """((Tally, marks), path count, chance) for every nonzero coefficient of one ending entry: each
        coefficient is ``slot`` bits, the path count in its ``low`` bits and the chance above them."""
        key, moved = self.fold(key, self.every)
        width, mask = self.width, (1 << self.width) - 1
        counts = key >> self.low
        warn_good, warn_bad = counts & mask, counts >> width & mask
        fell, refused = bool(counts >> 2 * width & 1), bool(counts >> (2 * width + 1) & 1)
        marks = key >> 2 * self.n & 7
        size, low_mask = slot // 8, (1 << low) - 1
        raw = poly.to_bytes((poly.bit_length() + 7) // 8 or 1, "little")
        for i in range(0, len(raw), size):
            k = int.from_bytes(raw[i:i + size], "little")
            if k:
                trust_good, trust_bad = divmod(i // size + moved, self.base)
                yield (Tally(warn_good, warn_bad, trust_good, trust_bad, fell, refused), marks), k & low_mask, k >> low


def _tallies(report, counts: bool = True, chances: bool = False) -> dict[bool, dict[str, Counter]]:
    """The programme, for the path counts, the random-play chances or both at once: {random: tallies}.

    The chances are worked out exactly too, as whole numbers of 1/L, where L = M**D for the least common
    multiple M of the numbers of choices shown and the longest path D (so every share divides exactly), and
    only the result is turned into floating point.

    Both weights travel in one table: each coefficient of the weight polynomial (see :class:`_Keys`) holds
    the path count in its low bits and the chance above them, so one pass over the graph adds both (the
    merging is most of the work). Where a player picks among ``s`` choices, the chance fields alone are
    divided by ``s``: the count fields are masked off, and the rest divides exactly, field by field, because
    every chance there is a whole multiple of M.
    """
    graph = report.graph
    scenario = graph.scenario
    scenes = scenario.scenes
    n = len(graph.states)
    if report.loops or not n or not report.order:
        return {False: {}, True: {}}
    items = items_of(scenario)
    keys = _Keys(items)
    each: dict[tuple[str, int], tuple] = {}
    ahead = _ahead(scenario, items, each)
    moves = graph.moves
    classes, members = same_futures(moves, graph.states, report.order)  # the programme runs on one state of each
    shown = 1
    for v in members if chances else ():
        if moves[v]:
            shown = math.lcm(shown, len(moves[v]))
    longest = max((e.longest for e in report.endings.values() if e.longest is not None), default=0)
    whole = shown ** longest  # L: a probability of 1
    total = report.total_paths or 1
    count_bits = -(-(total.bit_length() + 1) // 8) * 8 if counts else 0  # whole bytes, so the ending can slice
    chance_bits = -(-(whole.bit_length() + 1) // 8) * 8 if chances else 0
    slot = count_bits + chance_bits
    one = (1 if counts else 0) | ((whole << count_bits) if chances else 0)  # one path, with probability 1
    count_fields = int.from_bytes((b"\xff" * (count_bits // 8) + b"\0" * (chance_bits // 8)) * keys.base ** 2,
                                  "little") if chances else 0
    first = scenes[scenario.start]
    start_key, moved = keys.fold(keys.pack(0, _mask(items, "flag", first.red_flags),
                                           PRIVATE if first.private_chat else 0), keys.every & ~ahead[first.id])
    top = len(members) - 1  # the start's class; counting down from it is a topological order
    tables: list[dict | None] = [None] * len(members)  # per class of states: key -> weight polynomial
    tables[top] = {start_key: one << (slot * moved)}
    owned = [True] * len(members)  # False: the table is shared with the class it came from; copy before adding
    found: dict[str, Counter] = {}
    chance_found: dict[str, Counter] = {}

    def mover(sid: str, step: int) -> tuple[dict, bool, object]:
        """(memo, changes nothing, how a key moves) for one step; it settles only the items no later step
        can touch (those settled before were folded then, so their bits are 0)."""
        right, wrong, marks, target = each[sid, step]
        settle = ahead[sid] & ~ahead[target]

        def make(key: int) -> tuple[int, int]:
            new, moved = keys.step(key, right, wrong, marks, settle)
            return new, slot * moved
        return {}, not (right or wrong or marks or settle), make

    movers = [mover(sid, step) for sid, step in graph.step_keys]
    for c in range(top, -1, -1):
        table = tables[c]
        tables[c] = None
        if table is None:
            continue
        v = members[c]
        if not moves[v]:
            scene = graph.scene_of(v)
            name = scene.id if scene.is_ending else STUCK
            paths_out = found.setdefault(name, Counter())
            chance_out = chance_found.setdefault(name, Counter())
            for key, poly in table.items():
                for tally, k, p in keys.tallies(key, poly, slot, count_bits):
                    if counts:
                        paths_out[tally] += k
                    if chances:
                        chance_out[tally] += p
            continue
        share = len(moves[v])
        if chances and share > 1:  # each way on gets its share: divided once, for every move alike
            if counts:
                table = {key: (c := poly & count_fields) + (poly - c) // share for key, poly in table.items()}
            else:
                table = {key: poly // share for key, poly in table.items()}
        for number, t in moves[v]:
            memo, same, make = movers[number]
            hand_on(tables, owned, classes[t], table, same, memo, make)
    chance_at_end = {name: Counter({tally: k / whole for tally, k in dist.items()})
                     for name, dist in chance_found.items()} if chances else {}
    return {False: found if counts else {}, True: chance_at_end}


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
