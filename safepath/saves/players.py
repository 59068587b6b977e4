"""What the game keeps about a player, and how each part is read back without trusting the file.

A save file can be valid JSON with a good checksum and still hold a field of the
wrong type (edited by hand, written by a newer version). Everything here reads
such data field by field: what cannot be used is left out and *said* (the
``whole`` flag, :meth:`Settings.unreadable`), so :class:`safepath.saves.storage.Storage`
can keep the file as it was and tell the player, instead of dropping entries
without a word. No pygame, no files: :mod:`safepath.saves.storage` does the reading
and writing.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field, fields
from typing import Any

from safepath.saves.savefile import N_

#: avatar keys a player can choose (drawn by the profile screen; no photos, nothing personal)
AVATARS = ("bird", "cat", "fish", "flower", "star", "tree", "moon", "boat")
NICKNAME_MAX = 20
MAX_PROFILES = 40
TYPEWRITER_SPEEDS = ("slow", "normal", "fast", "instant")
LANGUAGES = ("th", "my", "en")


# -- settings -----------------------------------------------------------------------------------------
@dataclass
class Settings:
    """What a player can change in the settings screen."""

    language: str | None = None  # None until chosen on first run
    text_size: int = 0  # 0, 1, 2
    high_contrast: bool = False
    sound: bool = True
    fullscreen: bool = False
    typewriter: str = "normal"  # slow / normal / fast / instant
    #: shown smaller under the language (mixed Thai-Burmese classes, players learning to read); None: one language.
    #: Files written before it existed have no such field: they read as None.
    second_language: str | None = None

    #: kept for the whole laptop, not per player (the screen belongs to the machine)
    GLOBAL_ONLY = ("fullscreen",)

    @classmethod
    def from_dict(cls, data: Any) -> "Settings":
        """Build from saved data, dropping unknown keys and out-of-range values (never raises)."""
        s = cls()
        if isinstance(data, dict):
            s.update(data)
        return s

    def update(self, data: dict) -> None:
        lang = data.get("language")
        if lang in LANGUAGES:
            self.language = lang
        ts = data.get("text_size")
        if isinstance(ts, int) and not isinstance(ts, bool) and 0 <= ts <= 2:
            self.text_size = ts
        for key in ("high_contrast", "sound", "fullscreen"):
            if isinstance(data.get(key), bool):
                setattr(self, key, data[key])
        if data.get("typewriter") in TYPEWRITER_SPEEDS:
            self.typewriter = data["typewriter"]
        if "second_language" in data and (data["second_language"] is None or data["second_language"] in LANGUAGES):
            self.second_language = data["second_language"]

    def to_dict(self) -> dict:
        return {f.name: getattr(self, f.name) for f in fields(self)}

    @staticmethod
    def unreadable(data: dict) -> list[str]:
        """The known settings in ``data`` whose saved value cannot be used (a wrong type, out of range)."""
        def flag(v: Any) -> bool:
            return isinstance(v, bool)

        checks = {"language": lambda v: v is None or v in LANGUAGES,
                  "text_size": lambda v: whole_number(v) and 0 <= v <= 2,
                  "high_contrast": flag, "sound": flag, "fullscreen": flag,
                  "typewriter": lambda v: v in TYPEWRITER_SPEEDS,
                  "second_language": lambda v: v is None or v in LANGUAGES}
        return [key for key, ok in checks.items() if key in data and not ok(data[key])]


# -- nicknames ----------------------------------------------------------------------------------------
def nickname_length(text: str) -> int:
    """Visible characters: combining marks (Thai vowels above/below, Burmese medials and signs) don't count."""
    return sum(1 for ch in text if not unicodedata.category(ch).startswith("M") and ch not in "\u200b\u200c\u200d")


def check_nickname(nickname: str, taken: list[str] | tuple[str, ...] = ()) -> str | None:
    """None when the nickname is fine, else an untranslated message (an interface msgid) saying what to change."""
    name = nickname.strip()
    if not name:
        return N_("Please type a nickname.")
    if nickname_length(name) > NICKNAME_MAX:
        return N_("A nickname can be at most 20 letters long.")
    if any(unicodedata.category(ch) in ("Cc", "Cs", "Co", "Zl", "Zp") for ch in name):
        return N_("Please use only letters, numbers and spaces.")
    if name.casefold() in (t.casefold() for t in taken):
        return N_("Someone on this computer already uses this nickname. Please choose another one.")
    return None


@dataclass
class Profile:
    id: str
    nickname: str
    avatar: str
    created: str = ""
    code: str = ""  # random code pairing this player's anonymous records (safepath.saves.records.new_player_code)


@dataclass
class ScenarioProgress:
    """One player's record for one scenario."""

    state: dict | None = None  # engine State.to_json() while a play-through is unfinished
    endings: list[str] = field(default_factory=list)  # ending scene ids reached, first time order
    best_stars: int = 0
    plays: int = 0

    @classmethod
    def from_dict(cls, data: Any) -> "ScenarioProgress":
        """What can be read of a saved entry (ValueError when it is not an entry at all); see :meth:`read`."""
        return cls.read(data)[0]

    @classmethod
    def read(cls, data: Any) -> tuple["ScenarioProgress", bool]:
        """The entry and whether all of it could be read (False: some field had the wrong type and was left out)."""
        if not isinstance(data, dict):
            raise ValueError("progress entry is not an object")
        state = data.get("state")
        raw_endings = data.get("endings", [])
        endings = [e for e in raw_endings if isinstance(e, str)] if isinstance(raw_endings, list) else []
        stars = data.get("best_stars", 0)
        plays = data.get("plays", 0)
        stars_ok = whole_number(stars) and 0 <= stars <= 3
        plays_ok = whole_number(plays) and plays >= 0
        whole = (state is None or isinstance(state, dict)) and isinstance(raw_endings, list) \
            and len(endings) == len(raw_endings) and stars_ok and plays_ok
        return cls(
            state=state if isinstance(state, dict) else None,
            endings=endings,
            best_stars=stars if stars_ok else 0,
            plays=plays if plays_ok else 0,
        ), whole


#: the phases of a player's knowledge checks and what each may say (safepath.checks.schedule.CheckProgress)
CHECK_PHASES = ("pre", "post", "booster")
CHECK_STATUSES = (None, "done", "skipped")


def check_field_ok(key: str, value: Any) -> bool:
    """A field of a player's check progress that reads as it should (fields of later versions pass)."""
    if key in CHECK_PHASES:
        return value in CHECK_STATUSES
    if key.endswith("_date") and key[: -len("_date")] in CHECK_PHASES:
        if value is None:
            return True
        import datetime as _dt

        try:
            _dt.date.fromisoformat(value)
        except (TypeError, ValueError):
            return False
        return True
    return True


def whole_number(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def read_profile(entry: Any) -> tuple[Profile | None, dict | None, bool]:
    """A saved player, their own settings, and whether every field could be read as it should be."""
    if not isinstance(entry, dict):
        return None, None, False
    pid, nick, avatar = entry.get("id"), entry.get("nickname"), entry.get("avatar")
    if not (isinstance(pid, str) and isinstance(nick, str) and pid.isalnum()):
        return None, None, False
    code, created, own = entry.get("code"), entry.get("created", ""), entry.get("settings")
    code_ok = code in (None, "") or (isinstance(code, str) and code.startswith("p-"))
    whole = avatar in AVATARS and code_ok and isinstance(created, str) and (own is None or isinstance(own, dict))
    profile = Profile(pid, nick, avatar if avatar in AVATARS else AVATARS[0], created if isinstance(created, str) else "",
                      code if isinstance(code, str) and code.startswith("p-") else "")
    return profile, own if isinstance(own, dict) else None, whole
