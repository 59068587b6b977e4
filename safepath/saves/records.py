"""The anonymous records a laptop keeps for trainers' reports, and their shape.

Every finished play-through, knowledge check and class session appends one record to ``results.json``
(through :class:`safepath.saves.storage.Storage`, so atomically, checksummed, with a backup). A record names
nobody: no nickname, no profile id, no free text typed by a player. Pre- and post-checks of one player are
paired through ``player``, a random code kept in that player's profile that says nothing about them; a class
session is named by the label the trainer gives it (``"Grade 10 B, Mae Sot"``), never by its students.

Each record has a random ``id`` so exports from several laptops can be merged with every record counted once,
and a ``kind``::

    play         {"id", "kind": "play", "date", "player", "session", "lang", "scenario", "ending",
                  "ending_kind", "hits", "misses", "false_alarms", "trusted_safe", "stars",
                  "flags": {red-flag id: "spotted" | "missed" | "not-met"}}
    check        {"id", "kind": "check", "date", "player", "session", "lang", "form": "A"|"B"|"C",
                  "phase": "pre"|"post"|"booster", "answers": [answer, ...]}
                 answer: {"item", "type": "offer"|"sign"|"action", "correct": bool, ...}
                   offer:  "truth": "scam"|"real", "answer": "scam"|"real", "sure": 1..4, "flags": [...], "signs": [...]
                   sign:   "chosen": [option ids], "right": [option ids]
                   action: "chosen": option id
    class-check  {"id", "kind": "class-check", "date", "session", "lang", "form", "phase",
                  "items": [{"item", "type", "counts": {answer: number of hands}}]}
    class        {"id", "kind": "class", "date", "session", "label", "lang", "stories": [story, ...],
                  "gender": {"female", "male", "other", "unknown": n}, "age_bands": {"13-15", "16-18", "19-25": n}}
                 story: {"scenario": id, "ending": ending scene id | null, "ending_kind": "safe" | "recovered" |
                         "trapped-with-help" | null, "path": [scene ids entered, in order, repeats kept],
                         "votes": [vote, ...]}        (ending null: the class stopped before the end)
                 vote:  {"scene": scene id, "counts": {choice key: hands}, "chosen": choice key, "tie": bool}
                        choice key: the choice's `id:` in the story, else its 1-based position as text ("1");
                        "chosen" is what the class went on with (the trainer's pick when "tie" is true, or
                        when the trainer chose without counting: then every count may be 0)
                 gender / age_bands: class-level counts the trainer may enter, never per student; {} when not given
                 written once, when the trainer ends the session (safepath.classroom.session.class_record)

Fields beyond these may be added by later versions; readers ignore what they do not know. ``validate``
checks the fields every reader relies on and refuses anything else, so a hand-edited or damaged record is
reported instead of being counted wrongly.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import secrets
from typing import Any

KINDS = ("play", "check", "class-check", "class")
PHASES = ("pre", "post", "booster")
FORMS = ("A", "B", "C")
FLAG_STATUSES = ("spotted", "missed", "not-met")
GENDERS = ("female", "male", "other", "unknown")
AGE_BANDS = ("13-15", "16-18", "19-25")

_COUNTS = ("hits", "misses", "false_alarms", "trusted_safe")


def new_id() -> str:
    """A random record id (128 bits: two laptops never draw the same one)."""
    return secrets.token_hex(16)


def new_player_code() -> str:
    """A random code that pairs one player's checks without naming them."""
    return "p-" + secrets.token_hex(5)


def today(when: _dt.date | None = None) -> str:
    return (when or _dt.date.today()).isoformat()


def play_record(scenario: str, ending: str, ending_kind: str, *, hits: int, misses: int, false_alarms: int,
                stars: int, trusted_safe: int = 0, flags: dict[str, str] | None = None, player: str | None = None,
                session: str | None = None, lang: str | None = None, when: _dt.date | None = None,
                **extra: Any) -> dict:
    """The record of one finished play-through (see the module docstring)."""
    record = {
        "id": new_id(), "kind": "play", "date": today(when), "player": player, "session": session, "lang": lang,
        "scenario": scenario, "ending": ending, "ending_kind": ending_kind,
        "hits": int(hits), "misses": int(misses), "false_alarms": int(false_alarms),
        "trusted_safe": int(trusted_safe), "stars": max(0, min(3, int(stars))), "flags": dict(flags or {}),
    }
    record.update(extra)
    return validate(record)


def check_record(form: str, phase: str, answers: list[dict], *, player: str | None, lang: str | None,
                 session: str | None = None, when: _dt.date | None = None, **extra: Any) -> dict:
    """The record of one player's knowledge check (answers built by :mod:`safepath.checks.answers`)."""
    record = {"id": new_id(), "kind": "check", "date": today(when), "player": player, "session": session,
              "form": form, "phase": phase, "lang": lang, "answers": [dict(a) for a in answers]}
    record.update(extra)
    return validate(record)


def class_check_record(form: str, phase: str, items: list[dict], *, session: str, lang: str | None,
                       when: _dt.date | None = None, **extra: Any) -> dict:
    """A whole class's check: per item the number of hands (or printed cards) for each answer."""
    record = {"id": new_id(), "kind": "class-check", "date": today(when), "session": session, "form": form,
              "phase": phase, "lang": lang,
              "items": [{"item": i["item"], "type": i["type"], "counts": dict(i["counts"])} for i in items]}
    record.update(extra)
    return validate(record)


def class_record(session: str, label: str, stories: list[dict], *, lang: str | None = None,
                 gender: dict[str, int] | None = None, age_bands: dict[str, int] | None = None,
                 when: _dt.date | None = None, **extra: Any) -> dict:
    """A whole class session: its label, each story's path, ending and votes (see the module docstring)."""
    record = {"id": new_id(), "kind": "class", "date": today(when), "session": session, "label": label, "lang": lang,
              "stories": [dict(s) for s in stories], "gender": dict(gender or {}), "age_bands": dict(age_bands or {})}
    record.update(extra)
    if not all(_story_ok(st) for st in record["stories"]):  # what this game writes is exact
        raise ValueError("class record: 'stories' should be a list of stories with scenario, ending, path and votes")
    return validate(record)


def _story_ok(story: Any) -> bool:
    """The fields the reports read from each story of a class record."""
    # a path or votes left out (an older or partial record) is read as none; present, they must be well formed
    path, votes = story.get("path", []) if isinstance(story, dict) else None, \
        story.get("votes", []) if isinstance(story, dict) else None
    return (isinstance(story, dict) and isinstance(story.get("scenario"), str)
            and _optional_str(story.get("ending")) and _optional_str(story.get("ending_kind"))
            and isinstance(path, list) and all(isinstance(s, str) for s in path)
            and isinstance(votes, list) and all(
                isinstance(v, dict) and isinstance(v.get("scene"), str) and _counts_of(v.get("counts"))
                and isinstance(v.get("chosen"), str) and isinstance(v.get("tie", False), bool) for v in votes))


def _is_count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _need(record: dict, key: str, ok, what: str) -> None:
    if key not in record or not ok(record[key]):
        raise ValueError(f"{record.get('kind', 'record')} record: {key!r} should be {what}")


def _optional_str(value: Any) -> bool:
    return value is None or isinstance(value, str)


def _date(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    try:
        _dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _counts_of(value: Any, keys: tuple[str, ...] | None = None) -> bool:
    return isinstance(value, dict) and all(
        isinstance(k, str) and _is_count(v) and (keys is None or k in keys) for k, v in value.items())


def _answer_ok(answer: dict) -> bool:
    """The fields scoring reads from each kind of answer (see the module docstring)."""
    kind = answer["type"]
    if kind == "offer":
        sure = answer.get("sure")
        return (answer.get("truth") in ("scam", "real") and answer.get("answer") in ("scam", "real")
                and isinstance(sure, int) and not isinstance(sure, bool) and 1 <= sure <= 4
                and all(isinstance(answer.get(k, []), list) for k in ("flags", "signs")))
    if kind == "sign":
        return all(isinstance(answer.get(k), list) and all(isinstance(x, str) for x in answer[k])
                   for k in ("chosen", "right"))
    return isinstance(answer.get("chosen"), str)


def validate(record: Any) -> dict:
    """``record`` itself when it has the shape its kind promises; ``ValueError`` in plain words otherwise."""
    if not isinstance(record, dict):
        raise ValueError("a record should be an object")
    _need(record, "kind", lambda k: k in KINDS, "one of " + ", ".join(KINDS))
    _need(record, "id", lambda v: isinstance(v, str) and 8 <= len(v) <= 64 and v.isalnum(), "a short code")
    _need(record, "date", _date, "a date written YYYY-MM-DD")
    kind = record["kind"]
    if kind == "play":
        for key in ("scenario", "ending", "ending_kind"):
            _need(record, key, lambda v: isinstance(v, str), "text")
        for key in ("hits", "misses", "false_alarms", "stars"):
            _need(record, key, _is_count, "a whole number, 0 or more")
        record.setdefault("trusted_safe", 0)
        _need(record, "trusted_safe", _is_count, "a whole number, 0 or more")
        _need(record, "stars", lambda v: v <= 3, "0 to 3")
        record.setdefault("flags", {})
        _need(record, "flags", lambda v: isinstance(v, dict) and all(s in FLAG_STATUSES for s in v.values()),
              "red flags with spotted / missed / not-met")
    elif kind == "check":
        _need(record, "form", lambda v: v in FORMS, "A, B or C")
        _need(record, "phase", lambda v: v in PHASES, "pre, post or booster")
        _need(record, "answers", lambda v: isinstance(v, list) and all(
            isinstance(a, dict) and isinstance(a.get("item"), str) and a.get("type") in ("offer", "sign", "action")
            and isinstance(a.get("correct"), bool) and _answer_ok(a) for a in v), "a list of answers")
    elif kind == "class-check":
        _need(record, "form", lambda v: v in FORMS, "A, B or C")
        _need(record, "phase", lambda v: v in PHASES, "pre, post or booster")
        _need(record, "session", lambda v: isinstance(v, str), "the session's code")
        _need(record, "items", lambda v: isinstance(v, list) and all(
            isinstance(i, dict) and isinstance(i.get("item"), str) and _counts_of(i.get("counts")) for i in v),
            "a list of items with counts")
    elif kind == "class":
        _need(record, "session", lambda v: isinstance(v, str), "the session's code")
        _need(record, "label", lambda v: isinstance(v, str) and len(v) <= 80, "the class label (80 characters at most)")
        record.setdefault("gender", {})
        record.setdefault("age_bands", {})
        record.setdefault("stories", [])
        # readers take each story defensively (the reports say "not available" for what is missing or odd)
        _need(record, "stories", lambda v: isinstance(v, list), "a list of stories")
        _need(record, "gender", lambda v: _counts_of(v, GENDERS), "counts for " + ", ".join(GENDERS))
        _need(record, "age_bands", lambda v: _counts_of(v, AGE_BANDS), "counts for " + ", ".join(AGE_BANDS))
    for key in ("player", "session", "lang"):
        if key in record:
            _need(record, key, _optional_str, "text or empty")
    return record


def migrate_v1(data: dict) -> dict:
    """Results files of version 1 held bare play entries: give each a kind and a stable id.

    The id is derived from the entry and its position, not drawn at random, so the same old file migrated on
    two laptops (or twice) yields the same ids and a merge still counts each play once.
    """
    migrated = []
    for position, entry in enumerate(data.get("results", [])):
        if not isinstance(entry, dict):
            continue
        entry = dict(entry)
        digest = hashlib.sha256(json.dumps([position, entry], sort_keys=True).encode("utf-8")).hexdigest()
        entry.setdefault("id", digest[:32])
        entry.setdefault("kind", "play")
        entry.setdefault("player", None)
        entry.setdefault("session", None)
        entry.setdefault("trusted_safe", 0)
        entry.setdefault("flags", {})
        migrated.append(entry)
    return {"results": migrated}
