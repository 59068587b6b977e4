"""The result of a play-through: red flags spotted or missed, discernment, stars, badges.

Scoring follows the research on prevention games (shared research,
design-guidance §2): a game that rewards suspicion teaches players to refuse
everything, including the real job that would help their family. So *hits*
(a red flag spotted) and *false alarms* (a safe offer refused) are counted
apart and the stars reward telling the two apart, not saying no. The rules
are written for authors and trainers in ``docs/scoring.md``; keep the two in
step.

A :class:`Result` is plain data for the debrief screen, the terminal player
and the class report. It holds model values (``RedFlag``, ``Badge``) so
screens can translate their texts; :meth:`Result.to_json` keeps only ids,
numbers and the English titles for reports.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from safepath.story import conditions, model
from safepath.play import engine

SPOTTED = "spotted"
MISSED = "missed"
NOT_MET = "not-met"

# what happened with a safe sign, and with an offer
TRUSTED = "trusted"  # a choice trusted the sign (correct trust)
DOUBTED = "doubted"  # a choice doubted it and none trusted it (false alarm)
SEEN = "seen"  # shown in a scene the player visited, never judged (counts neither way)
ACCEPTED = "accepted"
REFUSED = "refused"
MET = "met"  # an offer the player saw and neither accepted nor refused

#: the share needed on *both* sides (warning signs and trust) for 3, 2 and 1 stars.
STAR_THRESHOLDS = ((3, 0.9), (2, 0.6), (1, 0.3))

#: Most stars an ending that is not safe can give: a warning sign spotted early
#: and then gone past is still a story that ended in harm, and three stars there
#: would tell the player the outcome did not matter.
UNSAFE_ENDING_MAX_STARS = 2

#: Most stars when the player said no to a real offer and never said yes to it: refusing every job is not
#: safe (the family still needs the income, and the next offer may be a better lie), so it cannot look like
#: good judgement.
REFUSED_REAL_MAX_STARS = 1

#: Stars when the player said yes to a fake offer and never took it back: the lure worked, whatever else
#: the player noticed on the way.
FELL_FOR_FAKE_STARS = 0


@dataclass(frozen=True, slots=True)
class Tally:
    """The two sides of discernment, counted per item (each red flag, safe sign and offer once).

    *Warning side*: red flags spotted and fake offers refused (good), red flags met or passed and never
    spotted and fake offers accepted and never refused (bad). *Trust side*: safe signs trusted and real
    offers accepted (good), safe signs doubted and never trusted and real offers refused and never accepted
    (bad: false alarms). The right answer wins on both sides: an item judged wrongly first and rightly later
    counts as judged rightly.
    """

    warn_good: int = 0
    warn_bad: int = 0
    trust_good: int = 0
    trust_bad: int = 0
    fell_for_fake: bool = False  # a fake offer accepted and never refused
    refused_real: bool = False  # a real offer refused and never accepted

    @property
    def warning_rate(self) -> float:
        """Share of the warning side judged rightly (1 when the path met none)."""
        total = self.warn_good + self.warn_bad
        return self.warn_good / total if total else 1.0

    @property
    def trust_rate(self) -> float:
        """Share of the trust side judged rightly (1 when the path judged none)."""
        total = self.trust_good + self.trust_bad
        return self.trust_good / total if total else 1.0

    @property
    def false_alarm_rate(self) -> float:
        total = self.trust_good + self.trust_bad
        return self.trust_bad / total if total else 0.0

    @property
    def discernment(self) -> float:
        """Hit rate minus false-alarm rate (H − F), between −1 and 1: 1 is telling every item apart."""
        return self.warning_rate - self.false_alarm_rate


def stars_for(share: float, ending: model.EndingKind | None) -> int:
    """Stars from the share judged rightly on the weaker side, and the ending (no offer judged wrongly)."""
    stars = next((n for n, needed in STAR_THRESHOLDS if share >= needed), 0)
    if ending is model.EndingKind.SAFE:
        stars = max(stars, 1)
    elif ending is not None:
        stars = min(stars, UNSAFE_ENDING_MAX_STARS)
    return stars


def stars_for_tally(tally: Tally, ending: model.EndingKind | None) -> int:
    """The stars rule (``docs/scoring.md``): both sides decide, then the offers, then the ending."""
    stars = stars_for(min(tally.warning_rate, tally.trust_rate), ending)
    if tally.refused_real:
        stars = min(stars, REFUSED_REAL_MAX_STARS)
    if tally.fell_for_fake:
        stars = FELL_FOR_FAKE_STARS
    return stars


@dataclass(frozen=True, slots=True)
class RedFlagOutcome:
    """What happened with one red flag: ``spotted``, ``missed`` or ``not-met``."""

    id: str
    status: str
    red_flag: model.RedFlag  # title, why it matters, what to do (for the debrief)

    @property
    def met(self) -> bool:
        return self.status != NOT_MET


@dataclass(frozen=True, slots=True)
class SignOutcome:
    """What happened with one safe sign: ``trusted``, ``doubted``, ``seen`` or ``not-met``.

    ``safe_sign`` is None for the item of a deprecated ``trusts_safe`` / ``false_alarm`` choice (``@scene/n``).
    """

    id: str
    status: str
    safe_sign: model.SafeSign | None

    @property
    def judged(self) -> bool:
        return self.status in (TRUSTED, DOUBTED)


@dataclass(frozen=True, slots=True)
class OfferOutcome:
    """What the player did with one offer: ``accepted``, ``refused``, ``met`` (seen, not judged) or ``not-met``."""

    id: str
    legit: bool
    status: str

    @property
    def right(self) -> bool | None:
        """True: judged rightly; False: wrongly; None: not judged."""
        if self.status == ACCEPTED:
            return self.legit
        if self.status == REFUSED:
            return not self.legit
        return None


@dataclass(frozen=True, slots=True)
class Result:
    scenario_id: str
    ending: model.EndingKind | None  # None while the story has not ended
    ending_scene: str | None
    scores: tuple[tuple[str, int], ...]
    red_flags: tuple[RedFlagOutcome, ...]
    hits: int  # red flags spotted
    misses: int  # red flags met or passed but never spotted
    false_alarms: int  # safe signs doubted and real offers refused (never trusted / accepted)
    trusted_safe: int  # safe signs trusted and real offers accepted
    choices_made: int
    faced: int  # red flags the player met, spotted or went past
    discernment: float  # warning rate minus false-alarm rate (H − F), between −1 and 1
    stars: int  # 0 to 3
    badges: tuple[model.Badge, ...]
    #: the parts of the ending's debrief whose ``if:`` holds on this path, in order (empty before the end)
    debrief: tuple[model.Text, ...] = ()
    tally: Tally = Tally()
    signs: tuple[SignOutcome, ...] = ()  # every safe sign the story uses or the player judged
    offers: tuple[OfferOutcome, ...] = ()  # every offer of the story, in file order
    #: the dangerous red flags the story teaches that this path never met ("Other warning signs to know")
    to_know: tuple[model.RedFlag, ...] = ()
    #: the ending's ``refusal_cost:`` when this path refused a real offer and accepted none ("What saying no cost")
    refusal_cost: model.Text | None = None

    @property
    def ended(self) -> bool:
        return self.ending is not None

    @property
    def score_map(self) -> dict[str, int]:
        return dict(self.scores)

    def outcomes(self, status: str) -> tuple[RedFlagOutcome, ...]:
        return tuple(o for o in self.red_flags if o.status == status)

    @property
    def real_offers_refused(self) -> tuple[OfferOutcome, ...]:
        return tuple(o for o in self.offers if o.legit and o.status == REFUSED)

    @property
    def fake_offers_accepted(self) -> tuple[OfferOutcome, ...]:
        return tuple(o for o in self.offers if not o.legit and o.status == ACCEPTED)

    def to_json(self) -> dict[str, Any]:
        """Ids, numbers and English titles only: safe to store in anonymous reports."""
        return {
            "scenario_id": self.scenario_id,
            "ending": self.ending.value if self.ending else None,
            "ending_scene": self.ending_scene,
            "scores": dict(self.scores),
            "red_flags": [
                {"id": o.id, "status": o.status, "title": o.red_flag.title.text} for o in self.red_flags
            ],
            "safe_signs": [{"id": o.id, "status": o.status} for o in self.signs if o.safe_sign is not None],
            "offers": [{"id": o.id, "legit": o.legit, "status": o.status} for o in self.offers],
            "hits": self.hits,
            "misses": self.misses,
            "false_alarms": self.false_alarms,
            "trusted_safe": self.trusted_safe,
            "choices_made": self.choices_made,
            "faced": self.faced,
            "warning_rate": round(self.tally.warning_rate, 3),
            "trust_rate": round(self.tally.trust_rate, 3),
            "discernment": round(self.discernment, 3),
            "stars": self.stars,
            "badges": [b.id for b in self.badges],
        }


def red_flag_status(state: engine.State, red_flag_id: str) -> str:
    """Spotted at any point wins; otherwise met or passed by means missed.

    A player who went past a warning sign and noticed it later still
    recognised it, and the debrief says so rather than scolding.
    """
    if red_flag_id in state.spotted:
        return SPOTTED
    if red_flag_id in state.missed or red_flag_id in state.met:
        return MISSED
    return NOT_MET


def sign_status(state: engine.State, item: str) -> str:
    """Trust wins (a player who doubted first and trusted after checking learned the lesson)."""
    if item in state.trusted:
        return TRUSTED
    if item in state.doubted:
        return DOUBTED
    if item in state.signs_met:
        return SEEN
    return NOT_MET


def offer_status(state: engine.State, offer: model.Offer) -> str:
    """The right answer wins: a real offer accepted at any point is accepted, a fake one refused is refused."""
    accepted, refused = offer.id in state.accepted, offer.id in state.refused
    if accepted and refused:
        return ACCEPTED if offer.legit else REFUSED
    if accepted:
        return ACCEPTED
    if refused:
        return REFUSED
    return MET if offer.id in state.offers_met else NOT_MET


def result(scenario: model.Scenario, state: engine.State) -> Result:
    """Score ``state`` (usually at an ending) against ``scenario``."""
    scene = engine.current_scene(scenario, state)
    ending = scene.ending if scene.is_ending else None

    order: list[str] = list(scenario.teaches)
    for red_flag_id in state.met + state.spotted + state.missed:
        if red_flag_id not in order:
            order.append(red_flag_id)
    outcomes = tuple(
        RedFlagOutcome(rid, red_flag_status(state, rid), _catalogue_entry(scenario, rid)) for rid in order
    )
    hits = sum(1 for o in outcomes if o.status == SPOTTED)
    misses = sum(1 for o in outcomes if o.status == MISSED)
    faced = hits + misses

    sign_order = list(scenario.safe_signs)
    for item in state.signs_met + state.trusted + state.doubted:
        if item not in sign_order:
            sign_order.append(item)
    signs = tuple(SignOutcome(x, sign_status(state, x), scenario.safe_signs.get(x)) for x in sign_order)
    offers = tuple(OfferOutcome(o.id, o.legit, offer_status(state, o)) for o in scenario.offers.values())
    tally = tally_of(outcomes, signs, offers)

    badges: tuple[model.Badge, ...] = ()
    debrief: tuple[model.Text, ...] = ()
    to_know: tuple[model.RedFlag, ...] = ()
    refusal_cost: model.Text | None = None
    if ending is not None:
        final = _FinalFacts(state, hits, misses, {o.id: o.status for o in outcomes})
        badges = tuple(b for b in scenario.badges if conditions.evaluate(b.condition, final))
        debrief = tuple(part.text for part in scene.debrief
                        if part.condition is None or conditions.evaluate(part.condition, final))
        to_know = other_signs_to_know(scenario, outcomes)
        if scene.refusal_cost is not None and refused_everything(offers):
            refusal_cost = scene.refusal_cost

    return Result(
        scenario_id=scenario.id,
        ending=ending,
        ending_scene=scene.id if ending else None,
        scores=state.scores,
        red_flags=outcomes,
        hits=hits,
        misses=misses,
        false_alarms=state.false_alarms,
        trusted_safe=state.trusted_safe,
        choices_made=state.choices_made,
        faced=faced,
        discernment=tally.discernment,
        stars=stars_for_tally(tally, ending),
        badges=badges,
        debrief=debrief,
        tally=tally,
        signs=signs,
        offers=offers,
        to_know=to_know,
        refusal_cost=refusal_cost,
    )


def tally_of(flags, signs, offers) -> Tally:
    """Both sides of discernment from the per-item outcomes (the rule :class:`Tally` describes)."""
    warn_good = sum(1 for o in flags if o.status == SPOTTED) + sum(1 for o in offers if not o.legit and o.status == REFUSED)
    warn_bad = sum(1 for o in flags if o.status == MISSED) + sum(1 for o in offers if not o.legit and o.status == ACCEPTED)
    trust_good = sum(1 for o in signs if o.status == TRUSTED) + sum(1 for o in offers if o.legit and o.status == ACCEPTED)
    trust_bad = sum(1 for o in signs if o.status == DOUBTED) + sum(1 for o in offers if o.legit and o.status == REFUSED)
    return Tally(warn_good, warn_bad, trust_good, trust_bad,
                 fell_for_fake=any(not o.legit and o.status == ACCEPTED for o in offers),
                 refused_real=any(o.legit and o.status == REFUSED for o in offers))


def false_alarm_choice(scenario: model.Scenario, choice: model.Choice) -> bool:
    """The choice doubts something safe: a real offer refused, a safe sign distrusted (or ``false_alarm: true``)."""
    e = choice.effects
    offer = scenario.offers.get(e.refuses) if e.refuses else None
    return bool(e.false_alarm or e.distrusts or (offer is not None and offer.legit))


def trusting_choice(scenario: model.Scenario, choice: model.Choice) -> bool:
    """The choice rightly trusts something safe: a real offer accepted, a safe sign trusted (or ``trusts_safe``)."""
    e = choice.effects
    offer = scenario.offers.get(e.accepts) if e.accepts else None
    return bool(e.trusts_safe or e.trusts or (offer is not None and offer.legit))


def refused_everything(offers) -> bool:
    """The path refused a real offer and accepted none (the cost of refusing everything is worth showing)."""
    return any(o.legit and o.status == REFUSED for o in offers) and not any(o.status == ACCEPTED for o in offers)


def other_signs_to_know(scenario: model.Scenario, outcomes) -> tuple[model.RedFlag, ...]:
    """The dangerous red flags the story teaches that this path never met, in ``teaches`` order."""
    met = {o.id for o in outcomes if o.met}
    out = []
    for rid in scenario.teaches:
        entry = scenario.red_flags.get(rid)
        if entry is not None and entry.dangerous and rid not in met:
            out.append(entry)
    return tuple(out)


class _FinalFacts:
    """What a badge condition sees: the story's facts, with the debrief's own counts.

    During the story ``misses`` and ``missed(id)`` know only the red flags a choice
    explicitly went past; a red flag met and never spotted is known to be missed
    only at the end. Badges are judged at the end, so they see the same numbers
    the debrief shows: a badge can never say "you missed none" next to a debrief
    that lists a missed red flag.
    """

    def __init__(self, state: engine.State, hits: int, misses: int, statuses: dict[str, str]):
        self._state = state
        self._counts = {"hits": hits, "misses": misses}
        self._statuses = statuses

    def number(self, name: str) -> int:
        if name in self._counts:
            return self._counts[name]
        return self._state.number(name)

    def ask(self, function: str, argument: str) -> bool:
        if function == "spotted":
            return self._statuses.get(argument) == SPOTTED
        if function == "missed":
            return self._statuses.get(argument) == MISSED
        return self._state.ask(function, argument)


def _catalogue_entry(scenario: model.Scenario, red_flag_id: str) -> model.RedFlag:
    """The loader puts every used red flag in ``scenario.red_flags``; be kind if one slipped through."""
    entry = scenario.red_flags.get(red_flag_id)
    if entry is not None:
        return entry
    blank = model.Text(red_flag_id, f"red-flag/{red_flag_id}/title", scenario.pos)
    return model.RedFlag(red_flag_id, blank, blank, blank, scenario.pos)
