"""Who answers which form, and when: the pre-check, the post-check and the booster.

* **Counterbalancing.** Half the players get form A before play and B after, the other half B then A, so a
  difference between the forms cannot pass for learning. The half is drawn from the player's random
  anonymous code (or a class session's code), so it is stable on every start and says nothing about them.
* **Pre-check** before a player's first story; it can be skipped, with no penalty, like everything else.
* **Post-check** after the trainer's setting: after the first finished story (``after-first``) or after
  every chosen story (``after-all``).
* **Booster** (form C and a short replay of key moments) offered from :data:`BOOSTER_FROM` to
  :data:`BOOSTER_UNTIL` days after the post-check.

Dates come from the computer's clock, or ``SAFEPATH_TODAY`` (YYYY-MM-DD) as for the helplines, so a
trainer (and the tests) can see what a later day brings. Pure Python; the state is a small dict kept per
player by :class:`safepath.saves.storage.Storage`.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any, Iterable


BOOSTER_FORM = "C"
BOOSTER_FROM, BOOSTER_UNTIL = 7, 14
AFTER_FIRST, AFTER_ALL = "after-first", "after-all"
POST_SETTINGS = (AFTER_FIRST, AFTER_ALL)
DONE, SKIPPED = "done", "skipped"
PHASES = ("pre", "post", "booster")


def today() -> _dt.date:
    """The computer's date, or ``SAFEPATH_TODAY`` (the same override the helplines use)."""
    from safepath.story.helplines import today_for_checks

    return today_for_checks()


def forms_for(code: str | None) -> tuple[str, str]:
    """(pre form, post form) for a player's (or a session's) code: A then B for half of the codes, B then A
    for the others. No code (no profile): A then B."""
    if not code:
        return ("A", "B")
    first_byte = hashlib.sha256(code.encode("utf-8")).digest()[0]
    return ("A", "B") if first_byte % 2 == 0 else ("B", "A")


@dataclass
class CheckProgress:
    """One player's checks: for each phase "done", "skipped" or None, and the day it happened."""

    pre: str | None = None
    pre_date: str | None = None
    post: str | None = None
    post_date: str | None = None
    booster: str | None = None
    booster_date: str | None = None

    @classmethod
    def from_dict(cls, data: Any) -> "CheckProgress":
        """From saved data, dropping what is not understood (never raises)."""
        out = cls()
        if not isinstance(data, dict):
            return out
        for phase in PHASES:
            status, date = data.get(phase), data.get(f"{phase}_date")
            if status in (DONE, SKIPPED):
                setattr(out, phase, status)
                if _is_date(date):
                    setattr(out, f"{phase}_date", date)
        return out

    def to_dict(self) -> dict:
        return asdict(self)

    def mark(self, phase: str, status: str, when: _dt.date | None = None) -> None:
        if phase not in PHASES or status not in (DONE, SKIPPED):
            raise ValueError(f"cannot mark {phase!r} as {status!r}")
        setattr(self, phase, status)
        setattr(self, f"{phase}_date", (when or today()).isoformat())


def _is_date(value: Any) -> bool:
    try:
        _dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        return False
    return True


@dataclass
class CheckSettings:
    """The trainer's choices for a laptop: are the checks on, and when does the post-check come."""

    enabled: bool = True
    post_after: str = AFTER_FIRST
    #: the stories "after-all" waits for; empty: every story on the laptop
    stories: list[str] = field(default_factory=list)

    @classmethod
    def from_dict(cls, data: Any) -> "CheckSettings":
        out = cls()
        if isinstance(data, dict):
            if isinstance(data.get("enabled"), bool):
                out.enabled = data["enabled"]
            if data.get("post_after") in POST_SETTINGS:
                out.post_after = data["post_after"]
            if isinstance(data.get("stories"), list):
                out.stories = [s for s in data["stories"] if isinstance(s, str)]
        return out

    def to_dict(self) -> dict:
        return asdict(self)


def pre_due(progress: CheckProgress, settings: CheckSettings) -> bool:
    """Before the first story: the pre-check, unless it was answered or skipped already."""
    return settings.enabled and progress.pre is None


def post_due(progress: CheckProgress, settings: CheckSettings, finished: Iterable[str],
             available: Iterable[str]) -> bool:
    """The post-check is due once the stories the trainer set are finished (and it was not taken yet)."""
    if not settings.enabled or progress.post is not None:
        return False
    finished = set(finished)
    if settings.post_after == AFTER_FIRST:
        return bool(finished)
    wanted = set(settings.stories or available)
    return bool(wanted) and wanted <= finished


def booster_window(progress: CheckProgress) -> tuple[_dt.date, _dt.date] | None:
    """The first and last day the booster is offered, or None before the post-check."""
    if progress.post != DONE or not _is_date(progress.post_date):
        return None
    post = _dt.date.fromisoformat(progress.post_date)
    return post + _dt.timedelta(days=BOOSTER_FROM), post + _dt.timedelta(days=BOOSTER_UNTIL)


def booster_due(progress: CheckProgress, settings: CheckSettings, on: _dt.date | None = None) -> bool:
    """True from 7 to 14 days after the post-check, until the booster is taken or skipped."""
    window = booster_window(progress)
    if not settings.enabled or window is None or progress.booster is not None:
        return False
    day = on or today()
    return window[0] <= day <= window[1]


def form_for(phase: str, code: str | None) -> str:
    """The form a player answers in ``phase``."""
    if phase == "booster":
        return BOOSTER_FORM
    pre, post = forms_for(code)
    form = pre if phase == "pre" else post
    from safepath.checks.model import FORMS  # here: the title asks this module whether a booster is due

    assert form in FORMS
    return form


def item_order(form) -> list:
    """The order a form's items are asked in: mixed, so scams and real offers do not come in runs.

    The same for every player (seeded by the form's letter), so a class answering together and the
    players on laptops see the items in one order, and the results compare item by item.
    """
    import random

    items = list(form.items)
    random.Random(f"safepath-form-{form.letter}").shuffle(items)
    return items
