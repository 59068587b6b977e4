"""Scoring the knowledge checks: discernment (d′) apart from suspicion (c), and change from pre to post.

The formulas are those of ``docs/research.md`` (section 10) (and ``docs/checks.md`` in plain words):

* offer items are a detection task whose signal is a scam: a *hit* is a scam judged "scam", a *false
  alarm* a real offer judged "scam";
* hit rate H and false-alarm rate F with the log-linear correction, ``(k + 0.5) / (n + 1)``, so that 0 %
  and 100 % give finite z values;
* sensitivity ``d′ = z(H) − z(F)`` and criterion ``c = −(z(H) + z(F)) / 2`` (c < 0: leaning to "scam",
  suspicion; c > 0: leaning to "real", naivety). A player who says "scam" to everything has d′ = 0 and a
  strongly negative c: a bias, not learning;
* simple discernment ``H − F`` with the uncorrected rates, easy to explain to a class;
* per player the Marx–Cummings normalised change of the percentage correct, and its mean over players;
  per group Hake's normalised gain of the mean percentages and the paired effect size ``d_z``.

Everything works on per-player answers (``check`` records) and on a whole class's counts of hands
(``class-check`` records) alike: both become a :class:`Tally`. Pure Python; no pygame.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from statistics import NormalDist, mean, stdev
from typing import Iterable, Mapping, Sequence

from safepath.checks.model import ACTION, OFFER, REAL, SCAM, SIGN, ActionItem, Form, OfferItem, SignItem

_Z = NormalDist().inv_cdf


def z(p: float) -> float:
    """The inverse of the standard normal distribution (``NormalDist().inv_cdf``)."""
    return _Z(p)


def corrected_rate(k: float, n: float) -> float:
    """The log-linear correction: ``(k + 0.5) / (n + 1)``; never 0 or 1, so z stays finite."""
    return (k + 0.5) / (n + 1)


def raw_rate(k: float, n: float) -> float | None:
    return k / n if n else None


@dataclass(frozen=True)
class Tally:
    """Offer answers counted four ways; a class's hands add up the same way as one player's answers."""

    hits: float = 0  # scams judged "scam"
    misses: float = 0  # scams judged "real"
    false_alarms: float = 0  # real offers judged "scam"
    trusted: float = 0  # real offers judged "real" (correct rejections)

    def __add__(self, other: "Tally") -> "Tally":
        return Tally(self.hits + other.hits, self.misses + other.misses, self.false_alarms + other.false_alarms,
                     self.trusted + other.trusted)

    @property
    def scams(self) -> float:
        return self.hits + self.misses

    @property
    def reals(self) -> float:
        return self.false_alarms + self.trusted

    @property
    def hit_rate(self) -> float:
        """H, corrected."""
        return corrected_rate(self.hits, self.scams)

    @property
    def false_alarm_rate(self) -> float:
        """F, corrected."""
        return corrected_rate(self.false_alarms, self.reals)

    @property
    def d_prime(self) -> float:
        return z(self.hit_rate) - z(self.false_alarm_rate)

    @property
    def criterion(self) -> float:
        return -(z(self.hit_rate) + z(self.false_alarm_rate)) / 2

    @property
    def discernment(self) -> float | None:
        """H − F with the uncorrected rates (None without both scams and real offers)."""
        h, f = raw_rate(self.hits, self.scams), raw_rate(self.false_alarms, self.reals)
        return None if h is None or f is None else h - f

    @property
    def bias_word(self) -> str:
        """What the criterion means, for people: "suspicion", "naivety" or "balanced"."""
        c = self.criterion
        return "suspicion" if c < -0.25 else "naivety" if c > 0.25 else "balanced"


def tally_offer(truth: str, answer: str, weight: float = 1) -> Tally:
    if truth == SCAM:
        return Tally(hits=weight) if answer == SCAM else Tally(misses=weight)
    return Tally(false_alarms=weight) if answer == SCAM else Tally(trusted=weight)


# -- one player's answers (a "check" record) -----------------------------------------------------------
@dataclass(frozen=True)
class Score:
    """What a check says about one player (or one class): counts, rates, d′, c and the per-sign picture."""

    items: float  # answers counted (a class: the mean class size times the items)
    correct: float
    tally: Tally
    #: red flag -> (times spotted, times shown) over scam offers and sign items
    flags: Mapping[str, tuple[float, float]] = field(default_factory=dict)
    #: safe sign -> (times trusted, times shown) over real offers
    signs: Mapping[str, tuple[float, float]] = field(default_factory=dict)
    #: offer answers by how sure the player was: sure (1-4) -> (correct, answered)
    by_sure: Mapping[int, tuple[int, int]] = field(default_factory=dict)

    @property
    def percent(self) -> float:
        """Percentage of answers correct (all item types), the measure of pre → post change."""
        return 100.0 * self.correct / self.items if self.items else 0.0

    @property
    def spotted(self) -> float:
        return self.tally.hits

    @property
    def trusted(self) -> float:
        return self.tally.trusted


def _add(table: dict[str, list[float]], key: str, good: float, seen: float) -> None:
    entry = table.setdefault(key, [0.0, 0.0])
    entry[0] += good
    entry[1] += seen


def score_answers(answers: Iterable[Mapping]) -> Score:
    """Score the ``answers`` of one check record (see :mod:`safepath.saves.records`)."""
    # counted as plain numbers and made a Tally once at the end: reports score tens of thousands of checks
    hits = misses = false_alarms = trusted = 0
    items = correct = 0
    flags: dict[str, list[float]] = {}
    signs: dict[str, list[float]] = {}
    by_sure: dict[int, list[int]] = {}
    for a in answers:
        items += 1
        correct += bool(a.get("correct"))
        if a.get("type") == OFFER:
            truth, answer = a.get("truth"), a.get("answer")
            if truth == SCAM:  # as tally_offer: a scam judged "scam" is a hit, anything else a miss
                if answer == SCAM:
                    hits += 1
                else:
                    misses += 1
            elif answer == SCAM:
                false_alarms += 1
            else:
                trusted += 1
            for flag in a.get("flags", ()) if truth == SCAM else ():
                _add(flags, flag, answer == SCAM, 1)
            for sign in a.get("signs", ()) if truth == REAL else ():
                _add(signs, sign, answer == REAL, 1)
            sure = a.get("sure")
            if isinstance(sure, int):
                entry = by_sure.setdefault(sure, [0, 0])
                entry[0] += truth == answer
                entry[1] += 1
        elif a.get("type") == SIGN:
            # "flags" runs beside "right": the red flag each right option is
            chosen = set(a.get("chosen", ()))
            for option, flag in zip(a.get("right", ()), a.get("flags", ())):
                _add(flags, flag, option in chosen, 1)
    tally = Tally(hits, misses, false_alarms, trusted)
    return Score(items, correct, tally, {k: tuple(v) for k, v in flags.items()},
                 {k: tuple(v) for k, v in signs.items()}, {k: tuple(v) for k, v in sorted(by_sure.items())})


# -- a class's hands (a "class-check" record) ---------------------------------------------------------
def score_counts(items: Iterable[Mapping], form: Form) -> Score:
    """Score a class's counts: ``items`` of a class-check record, read against ``form`` (truths, right answers).

    Offer items: counts ``{"scam": n, "real": m}``. Action items: counts per option id. Sign items: for each
    option the number of hands saying "a warning sign"; the class size is the largest number of answers
    given to any offer or action item, and each option counts as one judgement (right when a warning sign
    is chosen, or a safe detail is not).
    """
    items = [i for i in items if isinstance(i, Mapping) and form.item(str(i.get("item"))) is not None]
    totals = [sum(i["counts"].values()) for i in items if form.item(i["item"]).type in (OFFER, ACTION)]
    size = max(totals, default=0)
    tally = Tally()
    judged = correct = 0.0
    flags: dict[str, list[float]] = {}
    signs: dict[str, list[float]] = {}
    for entry in items:
        item, counts = form.item(entry["item"]), entry["counts"]
        if isinstance(item, OfferItem):
            scam, real = counts.get(SCAM, 0), counts.get(REAL, 0)
            tally += tally_offer(item.truth, SCAM, scam) + tally_offer(item.truth, REAL, real)
            n = scam + real
            good = scam if item.is_scam else real
            judged, correct = judged + n, correct + good
            for flag in item.flags:
                _add(flags, flag, scam, n)
            for sign in item.signs:
                _add(signs, sign, real, n)
        elif isinstance(item, ActionItem):
            n = sum(counts.values())
            judged, correct = judged + n, correct + counts.get(item.best, 0)
        elif isinstance(item, SignItem) and size:
            share = 0.0
            for option in item.options:
                hands = min(size, counts.get(option.id, 0))
                share += hands if option.right else size - hands
            judged, correct = judged + size, correct + share / len(item.options)
            for flag in item.flags:
                option = next(o for o in item.options if o.right)
                _add(flags, flag, min(size, counts.get(option.id, 0)), size)
    return Score(judged, correct, tally, {k: tuple(v) for k, v in flags.items()},
                 {k: tuple(v) for k, v in signs.items()})


# -- change from pre to post -----------------------------------------------------------------------------
def normalised_change(pre: float, post: float) -> float | None:
    """Marx–Cummings normalised change of one player (percentages); None for a player at 0 or 100 on both."""
    if pre == post and pre in (0, 100):
        return None
    if post > pre:
        return (post - pre) / (100 - pre)
    if post < pre:
        return (post - pre) / pre
    return 0.0


def mean_normalised_change(pairs: Iterable[tuple[float, float]]) -> float | None:
    """The mean of the players' normalised changes (not the change of the means); None with no player left."""
    values = [c for c in (normalised_change(pre, post) for pre, post in pairs) if c is not None]
    return mean(values) if values else None


def hake_gain(pre_mean: float, post_mean: float) -> float | None:
    """Hake's normalised gain of a group: ``(post% − pre%) / (100 − pre%)``; None when the pre-check was 100 %."""
    if pre_mean >= 100:
        return None
    return (post_mean - pre_mean) / (100 - pre_mean)


def gain_band(g: float | None) -> str:
    """Hake's bands: low (< 0.3), medium (0.3–0.7), high (> 0.7)."""
    if g is None:
        return "unknown"
    return "low" if g < 0.3 else "high" if g > 0.7 else "medium"


def paired_dz(pairs: Sequence[tuple[float, float]]) -> float | None:
    """Paired effect size ``mean(post − pre) / sd(post − pre)``; None with under two pairs or no spread."""
    diffs = [post - pre for pre, post in pairs]
    if len(diffs) < 2:
        return None
    sd = stdev(diffs)
    if sd == 0 or math.isnan(sd):
        return None
    return mean(diffs) / sd


@dataclass(frozen=True)
class GroupChange:
    """Pre → post for the players who took both (paired by their anonymous code)."""

    players: int
    pre_percent: float
    post_percent: float
    hake_g: float | None
    band: str
    mean_change: float | None  # mean Marx–Cummings normalised change
    d_z: float | None
    pre_d_prime: float
    post_d_prime: float
    pre_criterion: float
    post_criterion: float

    @property
    def d_prime_change(self) -> float:
        return self.post_d_prime - self.pre_d_prime

    @property
    def criterion_change(self) -> float:
        return self.post_criterion - self.pre_criterion


def group_change(pairs: Sequence[tuple[Score, Score]]) -> GroupChange | None:
    """Hake's g, the mean normalised change, d_z, and the mean d′ and c before and after."""
    if not pairs:
        return None
    percents = [(pre.percent, post.percent) for pre, post in pairs]
    pre_mean = mean(p for p, _ in percents)
    post_mean = mean(q for _, q in percents)
    g = hake_gain(pre_mean, post_mean)
    return GroupChange(len(pairs), pre_mean, post_mean, g, gain_band(g), mean_normalised_change(percents),
                       paired_dz(percents), mean(p.tally.d_prime for p, _ in pairs),
                       mean(q.tally.d_prime for _, q in pairs), mean(p.tally.criterion for p, _ in pairs),
                       mean(q.tally.criterion for _, q in pairs))


def pair_records(records: Iterable[Mapping], first: str = "pre", then: str = "post") -> list[tuple[Mapping, Mapping]]:
    """(pre, post) check records of the same player code; each player's latest record of each phase."""
    latest: dict[tuple[str, str], Mapping] = {}
    for record in records:
        if record.get("kind") != "check" or not record.get("player"):
            continue
        key = (record["player"], record.get("phase"))
        if key not in latest or str(record.get("date", "")) >= str(latest[key].get("date", "")):
            latest[key] = record
    out = []
    for (player, phase), record in sorted(latest.items()):
        if phase == first and (player, then) in latest:
            out.append((record, latest[(player, then)]))
    return out


def group_change_of_records(records: Iterable[Mapping], first: str = "pre", then: str = "post") -> GroupChange | None:
    return group_change([(score_answers(a["answers"]), score_answers(b["answers"]))
                         for a, b in pair_records(records, first, then)])
