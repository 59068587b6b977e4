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

#: discernment ratio needed for 3, 2 and 1 stars.
STAR_THRESHOLDS = ((3, 0.9), (2, 0.6), (1, 0.3))


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
class Result:
    scenario_id: str
    ending: model.EndingKind | None  # None while the story has not ended
    ending_scene: str | None
    scores: tuple[tuple[str, int], ...]
    red_flags: tuple[RedFlagOutcome, ...]
    hits: int  # red flags spotted
    misses: int  # red flags met or passed but never spotted
    false_alarms: int  # safe offers refused or distrusted
    trusted_safe: int  # safe offers rightly accepted
    choices_made: int
    faced: int  # red flags the player met, spotted or went past
    discernment: float  # (hits - false alarms) / faced, between 0 and 1
    stars: int  # 0 to 3
    badges: tuple[model.Badge, ...]
    #: the parts of the ending's debrief whose ``if:`` holds on this path, in order (empty before the end)
    debrief: tuple[model.Text, ...] = ()

    @property
    def ended(self) -> bool:
        return self.ending is not None

    @property
    def score_map(self) -> dict[str, int]:
        return dict(self.scores)

    def outcomes(self, status: str) -> tuple[RedFlagOutcome, ...]:
        return tuple(o for o in self.red_flags if o.status == status)

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
            "hits": self.hits,
            "misses": self.misses,
            "false_alarms": self.false_alarms,
            "trusted_safe": self.trusted_safe,
            "choices_made": self.choices_made,
            "faced": self.faced,
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


#: Most stars an ending that is not safe can give: a warning sign spotted early
#: and then gone past is still a story that ended in harm, and three stars there
#: would tell the player the outcome did not matter.
UNSAFE_ENDING_MAX_STARS = 2


def stars_for(discernment: float, ending: model.EndingKind | None) -> int:
    stars = next((n for n, needed in STAR_THRESHOLDS if discernment >= needed), 0)
    if ending is model.EndingKind.SAFE:
        stars = max(stars, 1)
    elif ending is not None:
        stars = min(stars, UNSAFE_ENDING_MAX_STARS)
    return stars


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
    ratio = (hits - state.false_alarms) / max(1, faced)
    discernment = min(1.0, max(0.0, ratio))

    badges: tuple[model.Badge, ...] = ()
    debrief: tuple[model.Text, ...] = ()
    if ending is not None:
        final = _FinalFacts(state, hits, misses, {o.id: o.status for o in outcomes})
        badges = tuple(b for b in scenario.badges if conditions.evaluate(b.condition, final))
        debrief = tuple(part.text for part in scene.debrief
                        if part.condition is None or conditions.evaluate(part.condition, final))

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
        discernment=discernment,
        stars=stars_for(discernment, ending),
        badges=badges,
        debrief=debrief,
    )


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
