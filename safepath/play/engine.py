"""The story engine: a pure state machine over a loaded :class:`model.Scenario`.

Like ink's ``Story`` the engine tells the screens which scene to show, which
choices are open and what happens after a choice; unlike ink it holds no
hidden mutable state. Every function takes a :class:`State` and returns a new
one, so a play-through can be saved as JSON, rebuilt from its list of steps,
checked by property tests and replayed in a classroom report. Nothing here
knows about screens, fonts or languages: the presentation asks
:mod:`safepath.i18n` for the words of the :class:`model.Text` values it shows.

A *step* is either the stable :attr:`model.Choice.index` of the choice taken
(stable because hidden choices keep their place in the scene's list) or
:data:`CONTINUE` for following a scene's ``next``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Callable, Iterable

from safepath.story import conditions, model

STATE_VERSION = 1

#: The step recorded when the player follows a scene's ``next`` ("Continue").
CONTINUE = -1

_COUNTERS = conditions.COUNTERS  # hits, misses, false_alarms, trusted_safe, choices_made


class EngineError(ValueError):
    """A move the story does not allow (a hidden choice, a choice after the end)."""


class StateError(ValueError):
    """Saved state that is damaged, of an unknown version, or for another story."""


@dataclass(frozen=True, slots=True)
class State:
    """Where a player is in a scenario and everything they did to get there.

    Plain, hashable data: tuples instead of lists, ``frozenset`` for flags,
    scores as ``(name, value)`` pairs in the scenario's declared order. Red
    flags are kept in the order the player first met, spotted or missed them,
    which is the order the debrief tells them in. The object answers the
    condition language's questions itself (:class:`conditions.Facts`).
    """

    scenario_id: str
    scene: str
    steps: tuple[int, ...] = ()
    flags: frozenset[str] = frozenset()
    scores: tuple[tuple[str, int], ...] = ()
    visited: tuple[str, ...] = ()
    met: tuple[str, ...] = ()
    spotted: tuple[str, ...] = ()
    missed: tuple[str, ...] = ()
    hits: int = 0  # distinct red flags spotted
    misses: int = 0  # distinct red flags the player explicitly went past
    false_alarms: int = 0  # safe signs doubted (and never trusted) + real offers refused (and never accepted)
    trusted_safe: int = 0  # safe signs trusted + real offers accepted
    choices_made: int = 0
    ending: str | None = None  # the EndingKind value once an ending scene is reached
    version: int = STATE_VERSION
    signs_met: tuple[str, ...] = ()  # safe signs of the scenes visited, in first-met order
    trusted: tuple[str, ...] = ()  # safe signs a choice trusted (and `trusts_safe` choices, as ITEM ids)
    doubted: tuple[str, ...] = ()  # safe signs a choice distrusted (and `false_alarm` choices)
    offers_met: tuple[str, ...] = ()  # offers of the scenes visited
    accepted: tuple[str, ...] = ()  # offers a choice accepted
    refused: tuple[str, ...] = ()  # offers a choice refused
    #: from a save written before safe signs existed: check() compares only what such a save holds
    legacy: bool = field(default=False, compare=False)

    # -- conditions.Facts -------------------------------------------------
    def number(self, name: str) -> int:
        if name in _COUNTERS:
            return getattr(self, name)
        return self.score(name)

    def ask(self, function: str, argument: str) -> bool:
        if function == "has":
            return argument in self.flags
        if function == "spotted":
            return argument in self.spotted
        if function == "missed":
            return argument in self.missed
        if function == "met":
            return argument in self.met or argument in self.signs_met
        if function == "visited":
            return argument in self.visited
        if function == "ending":
            return self.ending == argument
        if function == "trusted":
            return argument in self.trusted
        if function == "doubted":
            return argument in self.doubted and argument not in self.trusted
        if function == "accepted":
            return argument in self.accepted
        if function == "refused":
            return argument in self.refused and argument not in self.accepted
        return False  # unknown functions are rejected when the scenario loads

    # -- convenience ------------------------------------------------------
    def score(self, name: str) -> int:
        for key, value in self.scores:
            if key == name:
                return value
        return 0

    @property
    def score_map(self) -> dict[str, int]:
        return dict(self.scores)

    # -- JSON -------------------------------------------------------------
    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict; :meth:`from_json` gives back an equal State."""
        return {
            "version": self.version,
            "scenario_id": self.scenario_id,
            "scene": self.scene,
            "steps": list(self.steps),
            "flags": sorted(self.flags),
            "scores": {name: value for name, value in self.scores},
            "visited": list(self.visited),
            "met": list(self.met),
            "spotted": list(self.spotted),
            "missed": list(self.missed),
            "hits": self.hits,
            "misses": self.misses,
            "false_alarms": self.false_alarms,
            "trusted_safe": self.trusted_safe,
            "choices_made": self.choices_made,
            "ending": self.ending,
            **{name: list(getattr(self, name)) for name in _JUDGEMENTS},
        }

    @classmethod
    def from_json(cls, data: Any) -> "State":
        """Rebuild a State from :meth:`to_json` output, checking every field.

        Saves come from disk, so anything may be in them: a truncated file, a
        hand edit, a save from a newer game. Every problem becomes a
        :class:`StateError` with a sentence a trainer could read aloud.
        """
        if not isinstance(data, dict):
            raise StateError(f"saved game is not a JSON object (found {type(data).__name__})")
        data = migrate(data)
        _str(data, "scenario_id")
        _str(data, "scene")
        scores = data.get("scores")
        if not isinstance(scores, dict) or not all(
            isinstance(k, str) and _is_int(v) for k, v in scores.items()
        ):
            raise StateError("saved game field 'scores' should map score names to whole numbers")
        ending = data.get("ending")
        if ending is not None and not isinstance(ending, str):
            raise StateError("saved game field 'ending' should be text or null")
        steps = data.get("steps")
        if not isinstance(steps, list) or not all(_is_int(s) and s >= CONTINUE for s in steps):
            raise StateError("saved game field 'steps' should be a list of choice numbers")
        counts = {}
        for name in _COUNTERS:
            value = data.get(name)
            if not _is_int(value) or value < 0:
                raise StateError(f"saved game field {name!r} should be a whole number of 0 or more")
            counts[name] = value
        legacy = not any(name in data for name in _JUDGEMENTS)
        judgements = {name: tuple(_str_list(data, name)) for name in _JUDGEMENTS if not legacy or name in data}
        return cls(
            scenario_id=data["scenario_id"],
            scene=data["scene"],
            steps=tuple(steps),
            flags=frozenset(_str_list(data, "flags")),
            scores=tuple(scores.items()),
            visited=tuple(_str_list(data, "visited")),
            met=tuple(_str_list(data, "met")),
            spotted=tuple(_str_list(data, "spotted")),
            missed=tuple(_str_list(data, "missed")),
            ending=ending,
            legacy=legacy,
            **judgements,
            **counts,
        )


#: State fields added with safe signs and offers (issue 10); a save from before has none of them
_JUDGEMENTS = ("signs_met", "trusted", "doubted", "offers_met", "accepted", "refused")

#: how a deprecated ``false_alarm: true`` / ``trusts_safe: true`` choice is recorded: as doubting or trusting a
#: safe sign of its own, "@scene/index", which no catalogue id can be (ids start with a letter)
def item_id(scene_id: str, choice_index: int) -> str:
    return f"@{scene_id}/{choice_index}"


# -- save migration ---------------------------------------------------------

#: version n -> function turning a version-n dict into a version n+1 dict.
#: Empty while only version 1 exists; a future change to State adds an entry
#: here so old saves keep loading.
MIGRATIONS: dict[int, Callable[[dict], dict]] = {}


def migrate(data: dict) -> dict:
    """Bring saved data up to :data:`STATE_VERSION`, or explain why not."""
    version = data.get("version")
    if not _is_int(version):
        raise StateError("saved game has no version number; it may be damaged")
    if version > STATE_VERSION:
        raise StateError(
            f"saved game is from a newer version of SafePath (save version {version}, "
            f"this game reads up to {STATE_VERSION})"
        )
    while version < STATE_VERSION:
        step = MIGRATIONS.get(version)
        if step is None:
            raise StateError(f"saved game version {version} is not supported any more")
        try:
            data = step(dict(data))
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise StateError(f"saved game version {version} could not be upgraded ({exc})") from None
        previous, version = version, data.get("version") if isinstance(data, dict) else None
        if not _is_int(version) or version <= previous:
            raise StateError(f"saved game version {previous} could not be upgraded")
    return data


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _str(data: dict, key: str) -> None:
    if not isinstance(data.get(key), str) or not data[key]:
        raise StateError(f"saved game field {key!r} should be non-empty text")


def _str_list(data: dict, key: str) -> list[str]:
    value = data.get(key)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise StateError(f"saved game field {key!r} should be a list of names")
    return value


# -- moving through the story ---------------------------------------------


def start(scenario: model.Scenario) -> State:
    """The state before the player has done anything: in the start scene."""
    return _Walk.begin(scenario).freeze()


def current_scene(scenario: model.Scenario, state: State) -> model.Scene:
    return _scene(scenario, state.scene)


def available_choices(scenario: model.Scenario, state: State) -> tuple[model.Choice, ...]:
    """The choices whose ``if:`` holds now, in the scene's order."""
    return _available(current_scene(scenario, state), state)


def outcome_choice(scenario: model.Scenario, state: State, outcome: str) -> model.Choice | None:
    """A drill scene's choice for ``outcome`` among the choices available now (the first when several)."""
    return next((c for c in available_choices(scenario, state) if c.outcome == outcome), None)


def shown_lines(scenario: model.Scenario, state: State) -> tuple[model.Line, ...]:
    """The lines of the current scene whose ``if:`` holds now (judged on entering the scene)."""
    return tuple(line for line in current_scene(scenario, state).lines
                 if line.condition is None or conditions.evaluate(line.condition, state))


def can_continue(scenario: model.Scenario, state: State) -> bool:
    """True when the scene has no choices and goes on with ``next``."""
    return _continues(current_scene(scenario, state))


def is_ended(scenario: model.Scenario, state: State) -> bool:
    return current_scene(scenario, state).is_ending


def is_stuck(scenario: model.Scenario, state: State) -> bool:
    """Not an ending, yet no way on: every choice is hidden by its condition.

    ``safepath lint`` reports scenes that can get here; the players' screens
    use this to offer a way out instead of freezing.
    """
    return (
        not is_ended(scenario, state)
        and not can_continue(scenario, state)
        and not available_choices(scenario, state)
    )


def choose(scenario: model.Scenario, state: State, choice_index: int) -> State:
    """Take the choice with stable index ``choice_index``; it must be available now."""
    walk = _Walk(scenario, state)
    walk.choose(choice_index)
    return walk.freeze()


def advance(scenario: model.Scenario, state: State) -> State:
    """Follow the scene's ``next`` (the player pressed Continue)."""
    walk = _Walk(scenario, state)
    walk.advance()
    return walk.freeze()


def next_states(scenario: model.Scenario, state: State) -> list[State]:
    """Every state one step away: each choice shown now, and Continue when the scene has ``next``."""
    out = [choose(scenario, state, c.index) for c in available_choices(scenario, state)]
    if can_continue(scenario, state):
        out.append(advance(scenario, state))
    return out


def step(scenario: model.Scenario, state: State, step_value: int) -> State:
    """Apply one recorded step: a choice index or :data:`CONTINUE`."""
    walk = _Walk(scenario, state)
    walk.step(step_value)
    return walk.freeze()


def replay(scenario: model.Scenario, steps: Iterable[int]) -> State:
    """Rebuild a state from the start by taking ``steps`` again.

    Raises :class:`EngineError` when a step does not fit the story, which is
    how a save made for an older version of a scenario is noticed. Runs in
    time proportional to the number of steps.
    """
    walk = _Walk.begin(scenario)
    for number, value in enumerate(steps, 1):
        if not isinstance(value, int) or isinstance(value, bool):
            raise EngineError(f"step {number} is {value!r}, not a choice number")
        try:
            walk.step(value)
        except EngineError as exc:
            raise EngineError(f"step {number}: {exc}") from None
    return walk.freeze()


def check(scenario: model.Scenario, state: State) -> State:
    """Confirm a loaded state belongs to this scenario and could really happen.

    Replays its steps and compares, so a save edited by hand or written for a
    changed scenario is refused with a :class:`StateError` instead of showing
    an impossible story. Returns the replayed state.
    """
    if state.scenario_id != scenario.id:
        raise StateError(f"saved game is for scenario {state.scenario_id!r}, not {scenario.id!r}")
    try:
        replayed = replay(scenario, state.steps)
    except EngineError as exc:
        raise StateError(f"saved game does not fit this version of the scenario: {exc}") from None
    same = replayed
    if state.legacy:  # written before safe signs: it holds none of their fields, and counted false alarms itself
        same = replace(replayed, false_alarms=state.false_alarms, trusted_safe=state.trusted_safe,
                       **{name: getattr(state, name) for name in _JUDGEMENTS})
    if same != state:
        raise StateError("saved game does not match its own list of steps; it may have been edited")
    return replayed


def _scene(scenario: model.Scenario, scene_id: str) -> model.Scene:
    try:
        return scenario.scenes[scene_id]
    except KeyError:
        raise EngineError(f"scene {scene_id!r} is not in scenario {scenario.id!r}") from None


def _available(scene: model.Scene, facts: conditions.Facts) -> tuple[model.Choice, ...]:
    return tuple(c for c in scene.choices if c.condition is None or conditions.evaluate(c.condition, facts))


def _continues(scene: model.Scene) -> bool:
    return not scene.choices and scene.next is not None and not scene.is_ending


class _Walk:
    """The one place where the rules of moving through a story live.

    A mutable working copy of a :class:`State` with sets beside the ordered
    lists, so a long replay costs time in proportion to its length (a frozen
    State rebuilt at every step would cost the square). :meth:`freeze` hands
    back an immutable State; nothing outside this module sees a walk.
    """

    def __init__(self, scenario: model.Scenario, state: State):
        self.scenario = scenario
        self.scenario_id = state.scenario_id
        self.scene = state.scene
        self.steps = list(state.steps)
        self.flags = set(state.flags)
        self.scores = dict(state.scores)
        self.visited, self.visited_set = list(state.visited), set(state.visited)
        self.met, self.met_set = list(state.met), set(state.met)
        self.spotted, self.spotted_set = list(state.spotted), set(state.spotted)
        self.missed, self.missed_set = list(state.missed), set(state.missed)
        self.judged = {name: (list(getattr(state, name)), set(getattr(state, name))) for name in _JUDGEMENTS}
        self.counts = {name: getattr(state, name) for name in _COUNTERS}
        self.ending = state.ending

    @classmethod
    def begin(cls, scenario: model.Scenario) -> "_Walk":
        scores = dict(scenario.scores)
        scores.setdefault(model.SAFETY, 0)
        walk = cls(scenario, State(scenario_id=scenario.id, scene=scenario.start, scores=tuple(scores.items())))
        walk.enter(scenario.start)
        return walk

    def freeze(self) -> State:
        return State(
            scenario_id=self.scenario_id,
            scene=self.scene,
            steps=tuple(self.steps),
            flags=frozenset(self.flags),
            scores=tuple(self.scores.items()),
            visited=tuple(self.visited),
            met=tuple(self.met),
            spotted=tuple(self.spotted),
            missed=tuple(self.missed),
            ending=self.ending,
            **{name: tuple(ordered) for name, (ordered, _) in self.judged.items()},
            **self.counts,
        )

    # conditions.Facts, answering exactly as State does
    def number(self, name: str) -> int:
        return self.counts[name] if name in self.counts else self.scores.get(name, 0)

    def ask(self, function: str, argument: str) -> bool:
        if function == "ending":
            return self.ending == argument
        j = self.judged
        if function == "met":
            return argument in self.met_set or argument in j["signs_met"][1]
        if function == "trusted":
            return argument in j["trusted"][1]
        if function == "doubted":
            return argument in j["doubted"][1] and argument not in j["trusted"][1]
        if function == "accepted":
            return argument in j["accepted"][1]
        if function == "refused":
            return argument in j["refused"][1] and argument not in j["accepted"][1]
        found = {"has": self.flags, "spotted": self.spotted_set, "missed": self.missed_set,
                 "visited": self.visited_set}.get(function)
        return found is not None and argument in found

    def step(self, value: int) -> None:
        if value == CONTINUE:
            self.advance()
        else:
            self.choose(value)

    def choose(self, choice_index: int) -> None:
        scene = _scene(self.scenario, self.scene)
        if scene.is_ending:
            raise EngineError("the story has ended; there are no more choices")
        available = _available(scene, self)
        choice = next((c for c in available if c.index == choice_index), None)
        if choice is None:
            if not available:
                raise EngineError(f"scene {scene.id!r} has no choices to take here")
            numbers = ", ".join(str(c.index) for c in available)
            raise EngineError(
                f"choice {choice_index!r} is not available in scene {scene.id!r} (available: {numbers})"
            )
        effects = choice.effects
        for name, delta in effects.scores.items():
            self.scores[name] = self.scores.get(name, 0) + delta
        self.flags.difference_update(effects.unset)
        self.flags.update(effects.set)
        self.counts["hits"] += _add_new(self.spotted, self.spotted_set, effects.spots)
        self.counts["misses"] += _add_new(self.missed, self.missed_set, effects.misses)
        own = (item_id(scene.id, choice.index),)
        j = self.judged
        _add_new(*j["trusted"], effects.trusts + (own if effects.trusts_safe else ()))
        _add_new(*j["doubted"], effects.distrusts + (own if effects.false_alarm else ()))
        if effects.accepts is not None:
            _add_new(*j["accepted"], (effects.accepts,))
        if effects.refuses is not None:
            _add_new(*j["refused"], (effects.refuses,))
        self.recount()
        self.counts["choices_made"] += 1
        self.steps.append(choice.index)
        self.enter(choice.goto)

    def recount(self) -> None:
        """false_alarms and trusted_safe follow from the judgements (see :func:`judgement_counts`)."""
        self.counts["false_alarms"], self.counts["trusted_safe"] = judgement_counts(
            self.scenario, self.judged["trusted"][1], self.judged["doubted"][1],
            self.judged["accepted"][1], self.judged["refused"][1])

    def advance(self) -> None:
        scene = _scene(self.scenario, self.scene)
        if not _continues(scene):
            if scene.is_ending:
                raise EngineError("the story has ended; there is nothing to continue to")
            raise EngineError(f"scene {scene.id!r} asks for a choice; it cannot simply continue")
        self.steps.append(CONTINUE)
        self.enter(scene.next)

    def enter(self, scene_id: str) -> None:
        """Move into a scene: remember the visit, meet its red flags, note an ending."""
        scene = _scene(self.scenario, scene_id)
        self.scene = scene_id
        _add_new(self.visited, self.visited_set, (scene_id,))
        _add_new(self.met, self.met_set, scene.red_flags)
        _add_new(*self.judged["signs_met"], scene.safe_signs)
        if scene.offer is not None:
            _add_new(*self.judged["offers_met"], (scene.offer.id,))
        if scene.ending is not None:
            self.ending = scene.ending.value


def judgement_counts(scenario: model.Scenario, trusted, doubted, accepted, refused) -> tuple[int, int]:
    """(false alarms, correct trusts): the scoring rule both the engine and the analysis follow.

    A safe sign trusted counts as a correct trust, one doubted and never trusted as a false alarm (trust
    wins: a player who doubted first and trusted after checking learned what the story teaches). A real
    offer accepted is a correct trust, one refused and never accepted a false alarm. Fake offers are
    neither: saying no to a fake offer is right, but not a sign of discernment by itself.
    """
    offers = scenario.offers
    alarms = sum(1 for x in doubted if x not in trusted)
    alarms += sum(1 for o in refused if o not in accepted and o in offers and offers[o].legit)
    trusts = len(trusted) + sum(1 for o in accepted if o in offers and offers[o].legit)
    return alarms, trusts


def _add_new(ordered: list[str], seen: set[str], ids: Iterable[str]) -> int:
    """Append the ids not seen before, keeping first-seen order; returns how many were new."""
    added = 0
    for item in ids:
        if item not in seen:
            seen.add(item)
            ordered.append(item)
            added += 1
    return added
