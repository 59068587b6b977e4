"""When the game offers a check, and what it keeps afterwards: the bridge between the schedule and the saves.

The screens ask these functions (never the other way round): "is a check due before this story?", "after
this debrief?", "on the title today?"; they hand back the answers, and this module writes the anonymous
record (:func:`safepath.saves.records.check_record`, with the player's random code, never the nickname)
and the player's check progress (done or skipped, and the day, from the clock or ``SAFEPATH_TODAY``).
No pygame.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any, Iterable, Mapping

from safepath.checks import schedule
from safepath.checks.schedule import DONE, SKIPPED, CheckProgress, CheckSettings

#: moments the booster replays: enough for about three minutes
REPLAY_MOMENTS = 3


def progress_of(storage, profile_id: str) -> CheckProgress:
    return CheckProgress.from_dict(storage.check_progress(profile_id))


def settings_of(storage) -> CheckSettings:
    return CheckSettings.from_dict(storage.check_settings())


def finished_stories(storage, profile_id: str) -> list[str]:
    """Stories the player has brought to an ending at least once."""
    return [sid for sid, p in storage.progress(profile_id).items() if p.endings or p.plays]


def started_stories(storage, profile_id: str) -> list[str]:
    """Stories the player has begun (finished, or saved midway)."""
    return [sid for sid, p in storage.progress(profile_id).items() if p.endings or p.plays or p.state]


def pre_due(storage, profile) -> bool:
    """Before a player's first story: no story begun yet and no pre-check answered or skipped."""
    if profile is None:
        return False
    if started_stories(storage, profile.id):
        return False
    return schedule.pre_due(progress_of(storage, profile.id), settings_of(storage))


def post_due(storage, profile, available: Iterable[str]) -> bool:
    if profile is None:
        return False
    return schedule.post_due(progress_of(storage, profile.id), settings_of(storage),
                             finished_stories(storage, profile.id), available)


def booster_due(storage, profile, on: _dt.date | None = None) -> bool:
    if profile is None:
        return False
    return schedule.booster_due(progress_of(storage, profile.id), settings_of(storage), on)


def form_for(storage, profile, phase: str) -> str:
    code = storage.anonymous_code(profile.id) if profile is not None else None
    return schedule.form_for(phase, code)


def finish(storage, profile, phase: str, form: str, answers: list[dict], lang: str | None,
           when: _dt.date | None = None) -> dict | None:
    """Keep a finished check: one anonymous record, and the phase marked done today.

    A check whose every card was skipped keeps no record (it would count as a player who knows nothing)
    and counts as skipped; None is returned.
    """
    from safepath.saves.records import check_record

    day = when or schedule.today()
    if not answers:
        skip(storage, profile, phase, day)
        return None
    code = storage.anonymous_code(profile.id) if profile is not None else None
    record = check_record(form, phase, answers, player=code, lang=lang, when=day)
    storage.log_record(record)
    if profile is not None:
        _mark(storage, profile.id, phase, DONE, day)
    return record


def skip(storage, profile, phase: str, when: _dt.date | None = None) -> None:
    """Skipped, with no penalty: the game simply does not ask again for this phase."""
    if profile is not None:
        _mark(storage, profile.id, phase, SKIPPED, when or schedule.today())


def _mark(storage, profile_id: str, phase: str, status: str, day: _dt.date) -> None:
    progress = progress_of(storage, profile_id)
    progress.mark(phase, status, day)
    storage.save_check_progress(profile_id, progress.to_dict())


def key_moments(scenarios: Mapping[str, Any], played: Iterable[str], limit: int = REPLAY_MOMENTS) -> list[tuple[Any, Any]]:
    """A few decisions from the stories the player played, as (scenario, engine state at the decision).

    A key moment is a scene whose choices tell a red flag apart from a safe sign: one choice spots a red
    flag or trusts a safe offer, another misses a red flag or refuses a safe offer. Found by walking the
    story with the engine from its start (breadth first, so the earliest such scenes come first), one or
    two per story, taking turns between the stories.
    """
    from safepath.play import engine

    per_story: list[list[tuple[Any, Any]]] = []
    for sid in played:
        scenario = scenarios.get(sid)
        if scenario is None:
            continue
        found: list[tuple[Any, Any]] = []
        seen: set[str] = set()
        frontier = [engine.start(scenario)]
        while frontier and len(found) < 2:
            state = frontier.pop(0)
            if state.scene in seen:
                continue
            seen.add(state.scene)
            if _is_key_decision(scenario, state):
                found.append((scenario, state))
            frontier.extend(engine.next_states(scenario, state))
        if found:
            per_story.append(found)
    out: list[tuple[Any, Any]] = []
    while per_story and len(out) < limit:
        for moments in list(per_story):
            if moments and len(out) < limit:
                out.append(moments.pop(0))
            if not moments:
                per_story.remove(moments)
    return out


def _is_key_decision(scenario, state) -> bool:
    from safepath.play import engine

    if engine.is_ended(scenario, state):
        return False
    choices = engine.available_choices(scenario, state)
    good = any(c.effects.spots or c.effects.trusts_safe for c in choices)
    bad = any(c.effects.misses or c.effects.false_alarm for c in choices)
    return len(choices) > 1 and good and bad
