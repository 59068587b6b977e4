"""The scoring properties every story must have, checked exactly over all paths, and the figures behind them.

Issue 10 (learning design) asks that a story reward *discernment*, not suspicion:

1. the best careful-and-fair path (no false alarm) gets 3 stars;
2. a path that refuses every offer (refuses at least one, accepts none) gets at most 1 star;
3. a path that accepts every offer (accepts at least one, refuses none) gets 0 stars;
4. 3 stars can be reached without entering the recruiter's private chat (scenes marked ``private_chat: true``);
5. no badge can be earned by a path that made a false alarm, unless the badge says ``allows_false_alarm: true``
   (it is about something else entirely, such as telling the family).

:func:`check` works them out from the discernment programme (:mod:`.discernment`), whose path marks
select the paths each property speaks of, and from the badge programme (:mod:`.badges`) run on each badge
split by "made a false alarm". It also gives the figures a trainer or reviewer asks for: in uniform random
play (every shown choice equally likely), the share of the offers met that are real and the chance of each
number of stars. :func:`problems` turns failures into the lint warnings SP062-SP066.
"""

from __future__ import annotations

import copy
import dataclasses
from collections import Counter
from dataclasses import dataclass, field

from safepath.play.scoring import stars_for_tally
from safepath.story import conditions, model
from safepath.authoring.analysis.badges import badge_paths
from safepath.authoring.analysis.discernment import ACCEPTED_ANY, PRIVATE, REFUSED_ANY, both_tallies, tallies
from safepath.authoring.analysis.paths import STUCK, PathReport


@dataclass
class Properties:
    scenario: model.Scenario
    paths: int
    #: stars -> paths, for every path, for the paths without a false alarm, for the always-refuse and the
    #: always-accept paths, and for the paths that never enter a private-chat scene
    stars_all: Counter = field(default_factory=Counter)
    stars_fair: Counter = field(default_factory=Counter)
    stars_refuse_all: Counter = field(default_factory=Counter)
    stars_accept_all: Counter = field(default_factory=Counter)
    stars_without_private: Counter = field(default_factory=Counter)
    private_scenes: tuple[str, ...] = ()
    #: badge id -> (paths that earn it with a false alarm, paths that earn it without); None: unknown
    badge_split: dict[str, tuple[int | None, int | None]] = field(default_factory=dict)
    random_stars: dict[int, float] = field(default_factory=dict)  # stars -> probability in random play
    random_offers_met: float | None = None  # expected number of offers met per random play
    random_real_offers_met: float | None = None
    #: ending -> paths into it that refused a real offer and accepted none (they are shown its refusal_cost)
    refused_everything: Counter = field(default_factory=Counter)

    @staticmethod
    def best(stars: Counter) -> int | None:
        return max((s for s, k in stars.items() if k), default=None)

    @property
    def best_fair(self) -> int | None:
        return self.best(self.stars_fair)

    @property
    def refuse_all_best(self) -> int | None:
        return self.best(self.stars_refuse_all)

    @property
    def accept_all_best(self) -> int | None:
        return self.best(self.stars_accept_all)

    @property
    def best_without_private(self) -> int | None:
        return self.best(self.stars_without_private)

    @property
    def real_offer_share(self) -> float | None:
        """Of the offers a random player meets, the share that are real (expected counts, per play)."""
        if not self.random_offers_met:
            return None
        return self.random_real_offers_met / self.random_offers_met

    @property
    def p_three_stars(self) -> float:
        return self.random_stars.get(3, 0.0)

    def badges_with_false_alarm(self) -> list[model.Badge]:
        """Badges a path with a false alarm earns, though they do not say ``allows_false_alarm``."""
        return [b for b in self.scenario.badges
                if not b.allows_false_alarm and (self.badge_split.get(b.id, (0, 0))[0] or 0) > 0]


def check(report: PathReport, max_states: int | None = None, figures: bool = True) -> Properties | None:
    """Every property and figure above; None with loops or an unfinished exploration (nothing is exact then).

    ``figures=False`` leaves out the random-play figures (``random_stars``, the offers met), which only
    reports show: the properties themselves need the path counts alone, and the chances are a second
    table at every state of the programme (``safepath lint`` asks for the properties only).
    """
    graph = report.graph
    scenario = graph.scenario
    if report.loops or not graph.complete or not report.order:
        return None
    table, chances = both_tallies(report) if figures else (tallies(report), {})
    scenes = scenario.scenes
    props = Properties(scenario, report.total_paths or 0,
                       private_scenes=tuple(sid for sid, sc in scenes.items() if sc.private_chat))
    for ending, dist in table.items():
        if ending == STUCK:
            continue
        kind = scenes[ending].ending
        for (tally, marks), k in dist.items():
            stars = stars_for_tally(tally, kind)
            props.stars_all[stars] += k
            if tally.trust_bad == 0:
                props.stars_fair[stars] += k
            if marks & REFUSED_ANY and not marks & ACCEPTED_ANY:
                props.stars_refuse_all[stars] += k
            if marks & ACCEPTED_ANY and not marks & REFUSED_ANY:
                props.stars_accept_all[stars] += k
            if not marks & PRIVATE:
                props.stars_without_private[stars] += k
            if tally.refused_real and not marks & ACCEPTED_ANY:
                props.refused_everything[ending] += k
    for ending, dist in chances.items():
        if ending == STUCK:
            continue
        kind = scenes[ending].ending
        for (tally, _marks), p in dist.items():
            stars = stars_for_tally(tally, kind)
            props.random_stars[stars] = props.random_stars.get(stars, 0.0) + p
    if scenario.offers and figures:
        props.random_offers_met, props.random_real_offers_met = _offers_met(report)
    props.badge_split = _badge_split(report, max_states)
    return props


def _offers_met(report: PathReport) -> tuple[float, float]:
    """Expected number of distinct offers (and of real ones) a uniformly random player meets."""
    graph = report.graph
    scenario = graph.scenario
    scenes = scenario.scenes
    n = len(graph.states)
    total, real = 0.0, 0.0
    for offer in scenario.offers.values():
        def shows(scene_id: str) -> bool:
            scene = scenes[scene_id]
            return scene.offer is not None and scene.offer.id == offer.id

        met = 0.0
        unmet = [0.0] * n  # probability of being here without having met the offer yet
        if shows(graph.states[0][0]):
            met = 1.0
        else:
            unmet[0] = 1.0
        for v in report.order:
            p = unmet[v]
            if not p or not graph.moves[v]:
                continue
            share = p / len(graph.moves[v])
            for _number, t in graph.moves[v]:
                if shows(graph.states[t][0]):
                    met += share
                else:
                    unmet[t] += share
        total += met
        if offer.legit:
            real += met
    return total, real


#: a story flag the split run sets on every choice that makes a false alarm no later choice can take back
#: (authors' flags start with a letter, so it can never be one of theirs)
_FALSE_ALARM_MADE = "_false_alarm_made"


def _badge_split(report: PathReport, max_states: int | None) -> dict[str, tuple[int | None, int | None]]:
    """Per badge: paths that earn it with a false alarm and without, in one run of the badge programme.

    Asking each badge ``... and false_alarms > 0`` directly would make the programme keep every judged item
    apart (``false_alarms`` counts items, and trust wins), multiplying its tables. Most false alarms can never
    be taken back (nothing in the story trusts that sign or accepts that offer): those steps set one story flag
    instead, and only the items that can be taken back are asked one by one
    (``has(_false_alarm_made) or doubted(x) or refused(o) ...``). Paths without a false alarm = all the paths
    that earn the badge minus those with one.
    """
    scenario = report.graph.scenario
    if not scenario.badges:
        return {}
    from safepath.authoring.analysis.states import choice_items

    trusted_somewhere: set[str] = set()
    accepted_somewhere: set[str] = set()
    for scene in scenario.scenes.values():
        for c in scene.choices:
            trusted_somewhere.update(choice_items(scene, c)[0])
            if c.effects.accepts:
                accepted_somewhere.add(c.effects.accepts)
    legit = {o.id for o in scenario.offers.values() if o.legit}
    takeback: list[str] = []
    scenes = {}
    for sid, scene in scenario.scenes.items():
        choices = []
        for c in scene.choices:
            doubted = choice_items(scene, c)[1]
            refused = (c.effects.refuses,) if c.effects.refuses in legit else ()
            fixed = [x for x in doubted if x not in trusted_somewhere] + [o for o in refused if o not in accepted_somewhere]
            takeback += [f"doubted({x})" for x in doubted if x in trusted_somewhere]
            takeback += [f"refused({o})" for o in refused if o in accepted_somewhere]
            if fixed:
                c = dataclasses.replace(c, effects=dataclasses.replace(c.effects, set=c.effects.set + (_FALSE_ALARM_MADE,)))
            choices.append(c)
        scenes[sid] = dataclasses.replace(scene, choices=tuple(choices))
    made = conditions.parse(" or ".join([f"has({_FALSE_ALARM_MADE})"] + sorted(set(takeback))))
    split = list(scenario.badges)
    for badge in scenario.badges:
        split.append(dataclasses.replace(badge, id=badge.id + "#with", condition=conditions.BoolOp(
            "and", (badge.condition, made)), condition_source=f"({badge.condition_source}) and a false alarm"))
    graph = copy.copy(report.graph)
    graph.scenario = dataclasses.replace(scenario, scenes=scenes, badges=tuple(split))
    twin = copy.copy(report)
    twin.graph = graph
    counts = badge_paths(twin, max_states)
    if counts is None:
        return {b.id: (None, None) for b in scenario.badges}
    out = {}
    for b in scenario.badges:
        total, with_fa = counts[b.id], counts[b.id + "#with"]
        out[b.id] = (with_fa, None if total is None or with_fa is None else total - with_fa)
    return out


def _stars(counter: Counter) -> str:
    if not counter:
        return "no such path"
    best = max(s for s, k in counter.items() if k)
    spread = ", ".join(f"{s}★ {k:,}" for s, k in sorted(counter.items()) if k)
    return f"best {best}★ ({spread})"


def _percent(x: float | None) -> str:
    return "n/a" if x is None else f"{float(x):.1%}"


def format_properties(props: Properties | None) -> list[str]:
    """The lines ``playtest --exhaustive`` prints: each property with PASS / FAIL, then the figures."""
    if props is None:
        return ["Scoring properties: not checked (a loop, or the search stopped before the end)."]
    sc = props.scenario
    lines = ["Scoring properties (docs/scoring.md):"]

    def verdict(ok: bool | None) -> str:
        return "n/a " if ok is None else "PASS" if ok else "FAIL"

    best_fair = props.best_fair
    lines.append(f"  {verdict(best_fair == 3 if best_fair is not None else False)} best careful-and-fair path "
                 f"(no false alarm) gets 3★: {_stars(props.stars_fair)}")
    refuse = props.refuse_all_best
    lines.append(f"  {verdict(None if refuse is None else refuse <= 1)} refuse-every-offer paths get at most 1★: "
                 + (_stars(props.stars_refuse_all) if refuse is not None else
                    "no path refuses an offer and accepts none (no choice has `refuses:`)"))
    accept = props.accept_all_best
    lines.append(f"  {verdict(None if accept is None else accept == 0)} accept-every-offer paths get 0★: "
                 + (_stars(props.stars_accept_all) if accept is not None else
                    "no path accepts an offer and refuses none (no choice has `accepts:`)"))
    if props.private_scenes:
        free = props.best_without_private
        lines.append(f"  {verdict(free == 3)} 3★ without entering the private chat "
                     f"({', '.join(props.private_scenes)}): {_stars(props.stars_without_private)}")
    else:
        lines.append("  n/a  3★ without entering the private chat: no scene is marked `private_chat: true`")
    bad = props.badges_with_false_alarm()
    lines.append(f"  {verdict(not bad)} no badge is earned with a false alarm (unless allows_false_alarm): "
                 + (", ".join(b.id for b in bad) if bad else "none is"))
    for ending, k in props.refused_everything.items():
        if sc.scenes[ending].refusal_cost is None:
            lines.append(f"  note: {k:,} path{'s' if k != 1 else ''} into {ending} refused every real offer they met; "
                         "the ending has no `refusal_cost:` to say, kindly, what saying no cost")
    lines.append("Figures (exact, over every path):")
    lines.append(f"  stars of the best path: {props.best(props.stars_all)}★; of the always-refuse paths: "
                 f"{'-' if refuse is None else f'{refuse}★ at best'}; of the always-accept paths: "
                 f"{'-' if accept is None else f'{accept}★ at best'}")
    lines.append(f"  random play (every shown choice equally likely): P(3★) = {_percent(props.p_three_stars)}; "
                 + ", ".join(f"P({s}★) = {_percent(props.random_stars.get(s, 0.0))}" for s in (0, 1, 2)))
    if sc.offers:
        lines.append(f"  random play: offers met per play {float(props.random_offers_met or 0):.2f}, of which real "
                     f"{float(props.random_real_offers_met or 0):.2f}: share of real offers "
                     f"{_percent(props.real_offer_share)}")
    else:
        lines.append("  random play: the story declares no offers (`offer: {id, legit}` on a scene)")
    if props.badge_split:
        lines.append("  badges (paths that earn each: with a false alarm / without):")
        for badge in sc.badges:
            with_fa, without = props.badge_split[badge.id]
            note = " (allows_false_alarm)" if badge.allows_false_alarm else ""
            lines.append(f"    {badge.id}: {'?' if with_fa is None else f'{with_fa:,}'} / "
                         f"{'?' if without is None else f'{without:,}'}{note}")
    return lines
