"""A class session: one class, its stories, its votes, its knowledge-check counts. Plain data, no pygame.

A trainer starts a session from the title screen (``Class mode``) for one class, gives it a label that
names no student ("Grade 10 B, Mae Sot"), chooses the stories, the language (and, for a class that mixes Thai
and Burmese speakers, a second language shown smaller under it: ``second_lang``, None by default), whether the class votes at
every decision or only at choices the author marked ``vote: true``, and whether the class answers the
knowledge check before and after. The session moves through stages::

    pre-check  ->  stories  ->  post-check  ->  done          (the check stages only when chosen)

and is saved after every step (:mod:`safepath.classroom.store`), so a session resumes in the next period
exactly where it stopped. Each story keeps the engine state (replayed and checked on resume like a
player's save), the class's path (every scene entered, in order) and the votes::

    {"scene": scene id, "counts": {choice key: hands}, "chosen": choice key, "tie": bool}

A *choice key* is the choice's ``id:`` when the author gave one, else its 1-based position in the scene as
text ("1", "2", ...): stable when the story is translated, readable on a facilitator sheet.

When the session is done, :func:`class_record` turns it into the anonymous ``class`` record the reports
read (:func:`safepath.saves.records.class_record`): label, stories with path, ending and votes, and the
class-level gender and age-band counts a trainer may enter (never per student).
"""

from __future__ import annotations

import datetime as _dt
import secrets
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Iterable

from safepath.saves.players import LANGUAGES
from safepath.saves.records import AGE_BANDS, GENDERS
from safepath.saves.savefile import N_

VOTE_EVERY, VOTE_MARKED = "every", "marked"
VOTE_MODES = (VOTE_EVERY, VOTE_MARKED)
PRE, STORIES, POST, DONE = "pre-check", "stories", "post-check", "done"
STAGES = (PRE, STORIES, POST, DONE)
LABEL_MAX = 40
#: most hands one option can get: a class of 15-40, with room for a large hall
MAX_HANDS = 999


def new_session_id() -> str:
    """A random code for the session (file name, ``session`` of its records); says nothing about the class."""
    return "c" + secrets.token_hex(6)


def label_length(text: str) -> int:
    """Visible characters: Thai and Burmese combining marks do not count (as for nicknames)."""
    return sum(1 for ch in text if not unicodedata.category(ch).startswith("M") and ch not in "\u200b\u200c\u200d")


def check_label(label: str) -> str | None:
    """None when the class label is fine, else an interface msgid saying what to change.

    The label is free text the trainer types, kept in the anonymous records, so it must not carry a
    phone number (the same test as SP099: only checked helplines are shown by the game) and stays short.
    """
    from safepath.story.phone_numbers import numbers_in_text

    text = label.strip()
    if not text:
        return N_("Please type a name for the class, for example “Grade 10 B, Mae Sot”.")
    if label_length(text) > LABEL_MAX or len(text) > 80:  # the records keep 80 code points at most
        return N_("A class name can be at most 40 letters long.")
    if any(unicodedata.category(ch) in ("Cc", "Cs", "Co", "Zl", "Zp") for ch in text):
        return N_("Please use only letters, numbers and spaces.")
    if numbers_in_text(text):
        return N_("A class name cannot hold a phone number. Please name the class, not a person.")
    return None


def choice_key(choice) -> str:
    """How a vote names a choice: its ``id:``, or its 1-based position in the scene."""
    return choice.id if choice.id else str(choice.index + 1)


def is_voted(scene, mode: str) -> bool:
    """Whether the class votes at ``scene``: every decision, or only where a choice is marked ``vote: true``."""
    if not scene.choices:
        return False
    return mode == VOTE_EVERY or any(getattr(c, "vote", False) for c in scene.choices)


def winners(counts: dict[str, int]) -> list[str]:
    """The choice keys with the most hands (several: a tie, which the trainer decides). Empty with no hands."""
    top = max(counts.values(), default=0)
    if top <= 0:
        return []
    return [k for k, v in counts.items() if v == top]


def _count(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= MAX_HANDS else 0


@dataclass
class StoryRun:
    """One story as the class plays it."""

    scenario: str
    state: dict | None = None  # engine State.to_json(), while the story is under way
    path: list[str] = field(default_factory=list)  # scene ids entered, in order
    votes: list[dict] = field(default_factory=list)
    ending: str | None = None  # ending scene id
    ending_kind: str | None = None
    elapsed: float = 0.0  # seconds on the story screens (the trainer compares it with the story's minutes)
    done: bool = False
    #: the vote being counted at the current scene, so a stop in the middle of counting loses nothing
    draft: dict | None = None

    def to_dict(self) -> dict:
        return {"scenario": self.scenario, "state": self.state, "path": list(self.path), "votes": list(self.votes),
                "ending": self.ending, "ending_kind": self.ending_kind, "elapsed": round(self.elapsed, 1),
                "done": self.done, "draft": self.draft}

    @classmethod
    def from_dict(cls, data: Any) -> "StoryRun":
        if not isinstance(data, dict) or not isinstance(data.get("scenario"), str):
            raise ValueError("a story of the session has no scenario id")
        votes = [v for v in data.get("votes", []) if _vote_ok(v)]
        path = [s for s in data.get("path", []) if isinstance(s, str)]
        elapsed = data.get("elapsed", 0.0)
        draft = data.get("draft")
        return cls(data["scenario"], data.get("state") if isinstance(data.get("state"), dict) else None, path, votes,
                   data.get("ending") if isinstance(data.get("ending"), str) else None,
                   data.get("ending_kind") if isinstance(data.get("ending_kind"), str) else None,
                   float(elapsed) if isinstance(elapsed, (int, float)) and elapsed >= 0 else 0.0,
                   data.get("done") is True,
                   draft if isinstance(draft, dict) and isinstance(draft.get("scene"), str)
                   and _counts_ok(draft.get("counts")) else None)

    def enter_scene(self, scene_id: str) -> None:
        """The class is now at ``scene_id`` (called once per scene entered, also for a scene met again)."""
        self.path.append(scene_id)
        self.draft = None

    def record_vote(self, scene_id: str, counts: dict[str, int], chosen: str, tie: bool) -> dict:
        vote = {"scene": scene_id, "counts": {k: _count(v) for k, v in counts.items()}, "chosen": chosen,
                "tie": bool(tie)}
        if not _vote_ok(vote) or chosen not in vote["counts"]:
            raise ValueError(f"a vote at {scene_id!r} must choose one of {sorted(counts)}")
        self.votes.append(vote)
        self.draft = None
        return vote

    def finish(self, ending_scene: str, ending_kind: str | None) -> None:
        self.ending, self.ending_kind, self.done, self.state, self.draft = ending_scene, ending_kind, True, None, None

    def summary(self) -> dict:
        """The story's part of the anonymous ``class`` record (no engine state, no timings)."""
        return {"scenario": self.scenario, "ending": self.ending, "ending_kind": self.ending_kind,
                "path": list(self.path), "votes": [dict(v, counts=dict(v["counts"])) for v in self.votes]}


def _counts_ok(value: Any) -> bool:
    return isinstance(value, dict) and all(isinstance(k, str) and _count(v) == v for k, v in value.items())


def _vote_ok(vote: Any) -> bool:
    return (isinstance(vote, dict) and isinstance(vote.get("scene"), str) and _counts_ok(vote.get("counts"))
            and isinstance(vote.get("chosen"), str) and isinstance(vote.get("tie"), bool))


@dataclass
class ClassSession:
    """Everything a class session keeps between periods. Nothing about any student."""

    id: str
    label: str
    lang: str
    stories: list[StoryRun]
    vote: str = VOTE_EVERY
    checks: bool = False
    created: str = ""
    updated: str = ""
    stage: str = STORIES
    current: int = 0  # index of the story under way in ``stories``
    #: "pre" / "post": the counts of the check being entered, per item (see checks.answers.class_template)
    check_counts: dict[str, list[dict]] = field(default_factory=dict)
    checks_done: dict[str, str] = field(default_factory=dict)  # phase -> "done" | "skipped"
    #: "pre" / "post": where the trainer stopped in that check, {"item": item id, "focus": answer index}; by
    #: the item's id, not its position, and apart from the counts (an item may rightly have no hands at all)
    check_at: dict[str, dict] = field(default_factory=dict)
    gender: dict[str, int] = field(default_factory=dict)
    age_bands: dict[str, int] = field(default_factory=dict)
    recorded: bool = False  # the anonymous class record was logged (once)
    #: the language shown smaller under ``lang`` on the class screens, or None (one language; sessions saved
    #: before there was a second language read as None)
    second_lang: str | None = None

    # -- building ------------------------------------------------------------------------------------------
    @classmethod
    def new(cls, label: str, stories: Iterable[str], lang: str, *, vote: str = VOTE_EVERY, checks: bool = False,
            when: _dt.datetime | None = None, second_lang: str | None = None) -> "ClassSession":
        """A fresh session; ``ValueError`` (an interface msgid) for a bad label, no story or a bad vote mode.

        ``second_lang`` the same as ``lang`` means one language (a language is never shown under itself)."""
        problem = check_label(label)
        if problem:
            raise ValueError(problem)
        chosen = [s for s in stories]
        if not chosen:
            raise ValueError(N_("Please choose at least one story for the class."))
        if vote not in VOTE_MODES:
            raise ValueError(f"vote mode {vote!r} is not one of {VOTE_MODES}")
        now = (when or _dt.datetime.now()).replace(microsecond=0).isoformat()
        session = cls(new_session_id(), label.strip(), lang, [StoryRun(s) for s in chosen], vote, bool(checks),
                      now, now, PRE if checks else STORIES)
        session.second_lang = _second(second_lang, lang)
        return session

    def to_dict(self) -> dict:
        return {"id": self.id, "label": self.label, "lang": self.lang, "stories": [r.to_dict() for r in self.stories],
                "vote": self.vote, "checks": self.checks, "created": self.created, "updated": self.updated,
                "stage": self.stage, "current": self.current, "check_counts": self.check_counts,
                "checks_done": dict(self.checks_done), "check_at": {k: dict(v) for k, v in self.check_at.items()},
                "gender": dict(self.gender), "age_bands": dict(self.age_bands), "recorded": self.recorded,
                "second_lang": self.second_lang}

    @classmethod
    def from_dict(cls, data: Any) -> "ClassSession":
        """From saved data; ``ValueError`` for data that is not a session (unknown extra fields are dropped)."""
        if not isinstance(data, dict):
            raise ValueError("a class session should be an object")
        sid, label = data.get("id"), data.get("label")
        if not (isinstance(sid, str) and sid.isalnum() and 4 <= len(sid) <= 40):
            raise ValueError("a class session has no valid id")
        if not isinstance(label, str) or check_label(label):
            raise ValueError("a class session has no valid label")
        runs = [StoryRun.from_dict(r) for r in data.get("stories", [])] if isinstance(data.get("stories"), list) else []
        if not runs:
            raise ValueError("a class session has no story")
        stage = data.get("stage") if data.get("stage") in STAGES else STORIES
        current = data.get("current", 0)
        current = current if isinstance(current, int) and 0 <= current < len(runs) else 0
        counts = data.get("check_counts") if isinstance(data.get("check_counts"), dict) else {}
        counts = {phase: [dict(i) for i in items if isinstance(i, dict) and isinstance(i.get("item"), str)
                          and _counts_ok(i.get("counts"))]
                  for phase, items in counts.items() if phase in ("pre", "post") and isinstance(items, list)}
        done = {k: v for k, v in (data.get("checks_done") or {}).items() if k in ("pre", "post") and v in ("done", "skipped")} \
            if isinstance(data.get("checks_done"), dict) else {}
        at = data.get("check_at") if isinstance(data.get("check_at"), dict) else {}
        at = {phase: {"item": pos["item"], "focus": pos.get("focus") if _count(pos.get("focus")) else 0}
              for phase, pos in at.items() if phase in ("pre", "post") and isinstance(pos, dict)
              and isinstance(pos.get("item"), str)}
        lang = data.get("lang") if data.get("lang") in LANGUAGES else "en"
        return cls(sid, label, lang, runs,
                   data.get("vote") if data.get("vote") in VOTE_MODES else VOTE_EVERY, data.get("checks") is True,
                   str(data.get("created", "")), str(data.get("updated", "")), stage, current, counts, done, at,
                   _group(data.get("gender"), GENDERS), _group(data.get("age_bands"), AGE_BANDS),
                   data.get("recorded") is True, _second(data.get("second_lang"), lang))

    # -- where the class is ---------------------------------------------------------------------------------
    @property
    def run(self) -> StoryRun:
        return self.stories[self.current]

    def touch(self, when: _dt.datetime | None = None) -> None:
        self.updated = (when or _dt.datetime.now()).replace(microsecond=0).isoformat()

    def next_stage(self) -> str:
        """Move on after the current stage (a check finished, or a story ended); returns the new stage."""
        if self.stage == PRE:
            self.stage = STORIES
        elif self.stage == STORIES:
            later = [i for i, r in enumerate(self.stories) if not r.done and i > self.current] or \
                    [i for i, r in enumerate(self.stories) if not r.done]
            if later:
                self.current = later[0]
            else:
                self.stage = POST if self.checks and "post" not in self.checks_done else DONE
        elif self.stage == POST:
            self.stage = DONE
        return self.stage

    def enter_check(self, phase: str, items: list[dict], item: str, focus: int = 0) -> None:
        """The trainer is counting ``item`` (its answer number ``focus`` + 1) of the ``phase`` check, with the
        counts ``items`` so far (see :func:`safepath.checks.answers.class_template`); saved with the session."""
        self.check_counts[phase] = [dict(i, counts=dict(i["counts"])) for i in items]
        self.check_at[phase] = {"item": item, "focus": max(0, int(focus))}

    def check_position(self, phase: str, items: list[dict]) -> tuple[int, int]:
        """Where to go on with the ``phase`` check over ``items`` (the form's items in asking order): the index
        of the item the trainer was counting and the answer in focus; ``(0, 0)`` for a check not begun.

        A session saved before positions were kept resumes after the last item with any hands."""
        at = self.check_at.get(phase)
        ids = [i["item"] for i in items]
        if at and at["item"] in ids:
            index = ids.index(at["item"])
            return index, min(at["focus"], max(0, len(items[index]["counts"]) - 1))
        saved = {i["item"]: i for i in self.check_counts.get(phase, [])}
        counted = [n for n, i in enumerate(ids) if i in saved and any(saved[i]["counts"].values())]
        return (min(len(items) - 1, counted[-1] + 1) if counted else 0), 0

    def end_check(self, phase: str, how: str) -> None:
        """The ``phase`` check is ``"done"`` (its record logged) or ``"skipped"``: nothing of it is kept here."""
        self.checks_done[phase] = how
        self.check_counts.pop(phase, None)
        self.check_at.pop(phase, None)

    def stories_done(self) -> int:
        return sum(1 for r in self.stories if r.done)

    def set_group(self, gender: dict[str, int] | None = None, age_bands: dict[str, int] | None = None) -> None:
        """The class-level counts the trainer may enter (how many girls, boys ...; how many aged 13-15 ...)."""
        if gender is not None:
            self.gender = _group(gender, GENDERS)
        if age_bands is not None:
            self.age_bands = _group(age_bands, AGE_BANDS)


def _second(value: Any, lang: str) -> str | None:
    """A second language that can be shown under ``lang``: one of the languages and not ``lang`` itself, else None."""
    return value if value in LANGUAGES and value != lang else None


def _group(value: Any, keys: tuple[str, ...]) -> dict[str, int]:
    if not isinstance(value, dict):
        return {}
    return {k: _count(value[k]) for k in keys if k in value and _count(value[k])}


def class_record(session: ClassSession, when: _dt.date | None = None) -> dict:
    """The anonymous ``class`` record of a session (see :mod:`safepath.saves.records`)."""
    from safepath.saves import records

    return records.class_record(session.id, session.label, [r.summary() for r in session.stories],
                                lang=session.lang, gender=session.gender, age_bands=session.age_bands, when=when)
