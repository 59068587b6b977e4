"""Where the game keeps players' profiles, progress, settings and the anonymous results log.

Files in the data folder (all written through :mod:`safepath.saves.savefile`, so
atomic, checksummed, versioned, with a ``.bak``)::

    settings.json            global settings (last language, fullscreen, ...)
    profiles.json            players on this laptop: nickname + avatar only, and each
                             player's own settings (language, text size, ...)
    progress/<profile>.json  per scenario: resumable engine state, endings reached, best stars
    checks/<profile>.json    the player's knowledge checks: pre, post, booster done or skipped, and when
    check_settings.json      the trainer's check settings for the laptop (safepath.checks.schedule)
    classes/<session>.json   a trainer's class session: stories, votes, check counts (safepath.classroom)
    results.json             anonymous records for trainer reports (no nickname, no profile id;
                             see :mod:`safepath.saves.records`)

The data folder is the platform's user data folder
(``platformdirs.user_data_dir("SafePath")``), or ``userdata/`` next to the game
with ``--portable`` or the ``portable.txt`` marker file there (a USB stick that moves
between laptops; see :mod:`safepath.paths`), or ``--data-dir``.

Nothing here ever raises at the player: read problems become :class:`Notice`
values the screens show; write problems (read-only stick, full disk) become a
notice too and the game goes on. No pygame.
"""

from __future__ import annotations

import unicodedata
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover - typing only
    import datetime as _dt

from safepath.saves import savefile
from safepath.saves.savefile import N_, Notice, SaveTooNewError

SETTINGS_VERSION = 1
PROFILES_VERSION = 1
PROGRESS_VERSION = 1
CHECKS_VERSION = 1
CLASS_VERSION = 1
RESULTS_VERSION = 2  # 2: records with id and kind (safepath.saves.records)

#: kind -> {old version: function turning that version's data into the next version's}.
#: When a save format changes: bump its *_VERSION and add the step here (tested in test_storage.py).
def _results_v1_to_v2(data: Any) -> Any:
    from safepath.saves import records  # not on every start: only when an old results file is read

    return records.migrate_v1(data)


MIGRATIONS: dict[str, dict[int, Any]] = {"settings": {}, "profiles": {}, "progress": {}, "results": {1: _results_v1_to_v2},
                                         "checks": {}, "check-settings": {}, "class-session": {}}

#: avatar keys a player can choose (drawn by the profile screen; no photos, nothing personal)
AVATARS = ("bird", "cat", "fish", "flower", "star", "tree", "moon", "boat")
NICKNAME_MAX = 20
MAX_PROFILES = 40
TYPEWRITER_SPEEDS = ("slow", "normal", "fast", "instant")
LANGUAGES = ("th", "my", "en")


def resolve_data_dir(portable: bool = False, data_dir: str | Path | None = None) -> Path:
    """The folder for saves: ``--data-dir`` wins, then ``--portable``, then the platform's user data folder."""
    if data_dir:
        return Path(data_dir).expanduser()
    from safepath import paths

    if portable or paths.is_portable():  # --portable, or the marker file next to the program
        return paths.portable_data_dir()
    import platformdirs

    return Path(platformdirs.user_data_dir("SafePath", appauthor=False))


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

    def to_dict(self) -> dict:
        return {f.name: getattr(self, f.name) for f in fields(self)}


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
        if not isinstance(data, dict):
            raise ValueError("progress entry is not an object")
        state = data.get("state")
        endings = [e for e in data.get("endings", []) if isinstance(e, str)]
        stars = data.get("best_stars", 0)
        plays = data.get("plays", 0)
        return cls(
            state=state if isinstance(state, dict) else None,
            endings=endings,
            best_stars=stars if isinstance(stars, int) and 0 <= stars <= 3 else 0,
            plays=plays if isinstance(plays, int) and plays >= 0 else 0,
        )


def _validate_profiles(data: Any) -> dict:
    if not isinstance(data, dict) or not isinstance(data.get("profiles"), list):
        raise ValueError("profiles file has no profile list")
    return data


def _validate_object(data: Any) -> dict:
    if not isinstance(data, dict):
        raise ValueError("expected an object")
    return data


def _validate_results(data: Any) -> dict:
    if not isinstance(data, dict) or not isinstance(data.get("results"), list):
        raise ValueError("results file has no result list")
    return data


class Storage:
    """All saving and loading for one data folder. Collects :attr:`notices` for the player."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)
        self.notices: list[Notice] = []
        #: files a newer SafePath wrote: read-only for us, never overwritten
        self._locked: set[Path] = set()
        self._profiles: list[Profile] | None = None
        self._last_profile: str | None = None
        self._progress_cache: dict[str, dict[str, ScenarioProgress]] = {}
        self._profile_settings: dict[str, dict] = {}

    # -- low level ----------------------------------------------------------------------------------
    def _read(self, name: str, kind: str, version: int, validate) -> Any:
        path = self.root / name
        try:
            result = savefile.read_json(path, kind, version, migrations=MIGRATIONS.get(kind), validate=validate)
        except SaveTooNewError as exc:
            self._locked.add(path)
            self._add_notice(exc.notice)
            return None
        except OSError as exc:
            self._add_notice(Notice(savefile.NOT_SAVED, {"reason": exc.strerror or str(exc)}, serious=True))
            return None
        for n in result.notices:
            self._add_notice(n)
        return result.data

    def _write(self, name: str, kind: str, version: int, data: Any) -> bool:
        path = self.root / name
        if path in self._locked:
            return False
        try:
            savefile.write_json(path, kind, version, data)
            return True
        except OSError as exc:
            self._add_notice(Notice(savefile.NOT_SAVED, {"reason": exc.strerror or str(exc)}, serious=True))
            return False

    def _add_notice(self, notice: Notice) -> None:
        if notice not in self.notices:
            self.notices.append(notice)

    def take_notices(self) -> list[Notice]:
        """Notices not yet shown; the caller shows them once."""
        out, self.notices = self.notices, []
        return out

    # -- global settings ----------------------------------------------------------------------------
    def load_global_settings(self) -> Settings:
        return Settings.from_dict(self._read("settings.json", "settings", SETTINGS_VERSION, _validate_object))

    def save_global_settings(self, settings: Settings) -> bool:
        return self._write("settings.json", "settings", SETTINGS_VERSION, settings.to_dict())

    # -- profiles ------------------------------------------------------------------------------------
    def _load_profiles(self) -> list[Profile]:
        if self._profiles is None:
            data = self._read("profiles.json", "profiles", PROFILES_VERSION, _validate_profiles) or {"profiles": []}
            profiles = []
            for entry in data.get("profiles", []):
                if not isinstance(entry, dict):
                    continue
                pid, nick, avatar = entry.get("id"), entry.get("nickname"), entry.get("avatar")
                if isinstance(pid, str) and isinstance(nick, str) and pid.isalnum():
                    code = entry.get("code")
                    profiles.append(Profile(pid, nick, avatar if avatar in AVATARS else AVATARS[0], str(entry.get("created", "")),
                                            code if isinstance(code, str) and code.startswith("p-") else ""))
                    if isinstance(entry.get("settings"), dict):
                        self._profile_settings[pid] = entry["settings"]
            self._profiles = profiles
            last = data.get("last_profile")
            self._last_profile = last if any(p.id == last for p in profiles) else None
        return self._profiles

    def _save_profiles(self) -> bool:
        profiles = self._load_profiles()
        data = {
            "profiles": [dict(asdict(p), settings=self._profile_settings.get(p.id, {})) for p in profiles],
            "last_profile": self._last_profile,
        }
        return self._write("profiles.json", "profiles", PROFILES_VERSION, data)

    def profiles(self) -> list[Profile]:
        return list(self._load_profiles())

    def get_profile(self, profile_id: str) -> Profile | None:
        return next((p for p in self._load_profiles() if p.id == profile_id), None)

    @property
    def last_profile_id(self) -> str | None:
        self._load_profiles()
        return self._last_profile

    def create_profile(self, nickname: str, avatar: str) -> Profile:
        """Add a player. Raises ValueError with an interface msgid when the nickname is not acceptable."""
        profiles = self._load_profiles()
        problem = check_nickname(nickname, [p.nickname for p in profiles])
        if problem:
            raise ValueError(problem)
        if len(profiles) >= MAX_PROFILES:
            raise ValueError(N_("This computer already has 40 players. Please delete one you no longer need."))
        if avatar not in AVATARS:
            avatar = AVATARS[0]
        import secrets  # only when a player is added: not on every start

        pid = secrets.token_hex(4)
        while any(p.id == pid for p in profiles):
            pid = secrets.token_hex(4)
        import datetime as _dt

        from safepath.saves.records import new_player_code

        profile = Profile(pid, nickname.strip(), avatar, _dt.date.today().isoformat(), new_player_code())
        profiles.append(profile)
        self._last_profile = pid
        self._save_profiles()
        return profile

    def delete_profile(self, profile_id: str) -> bool:
        """Remove a player and their progress. The anonymous results log keeps its lines (it names nobody)."""
        profiles = self._load_profiles()
        before = len(profiles)
        profiles[:] = [p for p in profiles if p.id != profile_id]
        if len(profiles) == before:
            return False
        self._profile_settings.pop(profile_id, None)
        if self._last_profile == profile_id:
            self._last_profile = None
        self._progress_cache.pop(profile_id, None)
        self._save_profiles()
        for folder in ("progress", "checks"):
            for suffix in ("", ".bak"):
                path = self.root / folder / f"{profile_id}.json{suffix}"
                try:
                    path.unlink()
                except OSError:
                    pass
        return True

    def select_profile(self, profile_id: str) -> None:
        self._load_profiles()
        if any(p.id == profile_id for p in self._profiles or []):
            self._last_profile = profile_id
            self._save_profiles()

    # -- per-profile settings -------------------------------------------------------------------------
    def settings_for(self, profile_id: str | None) -> Settings:
        """The global settings overlaid with the player's own choices."""
        settings = self.load_global_settings()
        if profile_id:
            self._load_profiles()
            own = {k: v for k, v in self._profile_settings.get(profile_id, {}).items() if k not in Settings.GLOBAL_ONLY}
            settings.update(own)
        return settings

    def save_settings(self, profile_id: str | None, settings: Settings) -> bool:
        """Save to the player's profile (personal choices) and the global file (last used, screen mode)."""
        ok = self.save_global_settings(settings)
        if profile_id and self.get_profile(profile_id) is not None:
            self._profile_settings[profile_id] = {k: v for k, v in settings.to_dict().items() if k not in Settings.GLOBAL_ONLY}
            ok = self._save_profiles() and ok
        return ok

    # -- progress ------------------------------------------------------------------------------------
    def _progress_name(self, profile_id: str) -> str:
        if not profile_id.isalnum():
            raise ValueError("bad profile id")
        return f"progress/{profile_id}.json"

    def progress(self, profile_id: str) -> dict[str, ScenarioProgress]:
        if profile_id not in self._progress_cache:
            data = self._read(self._progress_name(profile_id), "progress", PROGRESS_VERSION, _validate_object) or {}
            scenarios = data.get("scenarios", {}) if isinstance(data, dict) else {}
            table: dict[str, ScenarioProgress] = {}
            for sid, entry in (scenarios.items() if isinstance(scenarios, dict) else []):
                try:
                    table[str(sid)] = ScenarioProgress.from_dict(entry)
                except ValueError:
                    continue
            self._progress_cache[profile_id] = table
        return self._progress_cache[profile_id]

    def scenario_progress(self, profile_id: str, scenario_id: str) -> ScenarioProgress:
        return self.progress(profile_id).get(scenario_id, ScenarioProgress())

    def _save_progress(self, profile_id: str) -> bool:
        table = self.progress(profile_id)
        data = {"scenarios": {sid: asdict(p) for sid, p in table.items()}}
        return self._write(self._progress_name(profile_id), "progress", PROGRESS_VERSION, data)

    def save_state(self, profile_id: str, scenario_id: str, state_json: dict | None) -> bool:
        """Remember where the player is (engine ``State.to_json()``), or forget it with None."""
        table = self.progress(profile_id)
        entry = table.setdefault(scenario_id, ScenarioProgress())
        entry.state = state_json
        return self._save_progress(profile_id)

    def record_ending(self, profile_id: str, scenario_id: str, ending_id: str, stars: int) -> bool:
        """A play-through finished: keep the ending and the best stars, clear the resume point."""
        table = self.progress(profile_id)
        entry = table.setdefault(scenario_id, ScenarioProgress())
        entry.state = None
        entry.plays += 1
        if ending_id not in entry.endings:
            entry.endings.append(ending_id)
        entry.best_stars = max(entry.best_stars, max(0, min(3, int(stars))))
        return self._save_progress(profile_id)

    # -- knowledge checks (the state is plain data: safepath.checks.schedule reads and writes it) -----------
    def check_progress(self, profile_id: str) -> dict:
        """The player's checks (pre, post, booster: done or skipped, and the day); {} when none yet."""
        if not profile_id.isalnum():
            raise ValueError("bad profile id")
        return self._read(f"checks/{profile_id}.json", "checks", CHECKS_VERSION, _validate_object) or {}

    def save_check_progress(self, profile_id: str, data: dict) -> bool:
        if not profile_id.isalnum():
            raise ValueError("bad profile id")
        return self._write(f"checks/{profile_id}.json", "checks", CHECKS_VERSION, dict(data))

    def check_settings(self) -> dict:
        """The trainer's check settings for this laptop; {} for the defaults."""
        return self._read("check_settings.json", "check-settings", CHECKS_VERSION, _validate_object) or {}

    def save_check_settings(self, data: dict) -> bool:
        return self._write("check_settings.json", "check-settings", CHECKS_VERSION, dict(data))

    # -- class sessions (the data is plain: safepath.classroom.session reads and writes it) -------------------
    def _class_name(self, session_id: str) -> str:
        if not (session_id.isalnum() and session_id.isascii()):
            raise ValueError("bad class session id")
        return f"classes/{session_id}.json"

    def class_session_ids(self) -> list[str]:
        """The ids of the class sessions kept on this laptop (from their file names)."""
        folder = self.root / "classes"
        try:
            names = sorted(p.name for p in folder.iterdir())
        except OSError:
            return []
        ids = {n[: -len(".json")] for n in names if n.endswith(".json")}
        ids |= {n[: -len(".json.bak")] for n in names if n.endswith(".json.bak")}  # a lost main file comes back
        return sorted(i for i in ids if i.isalnum() and i.isascii())

    def class_session(self, session_id: str) -> dict | None:
        """One saved class session (None when missing or unreadable: a notice says so)."""
        return self._read(self._class_name(session_id), "class-session", CLASS_VERSION, _validate_object)

    def save_class_session(self, session_id: str, data: dict) -> bool:
        return self._write(self._class_name(session_id), "class-session", CLASS_VERSION, dict(data))

    def delete_class_session(self, session_id: str) -> bool:
        """Forget a class session (its anonymous records stay in the results log)."""
        gone = False
        for suffix in ("", ".bak"):
            try:
                (self.root / (self._class_name(session_id) + suffix)).unlink()
                gone = True
            except OSError:
                pass
        return gone

    # -- anonymous records ---------------------------------------------------------------------------
    def anonymous_code(self, profile_id: str | None) -> str | None:
        """The random code that pairs this player's records; made (and saved) for profiles older than codes."""
        profile = self.get_profile(profile_id) if profile_id else None
        if profile is None:
            return None
        if not profile.code:
            from safepath.saves.records import new_player_code

            profile.code = new_player_code()
            self._save_profiles()
        return profile.code

    def log_record(self, record: dict) -> bool:
        """Append one anonymous record (see :mod:`safepath.saves.records`); ``ValueError`` if it is malformed."""
        from safepath.saves import records

        records.validate(record)
        data = self._read("results.json", "results", RESULTS_VERSION, _validate_results) or {"results": []}
        data["results"].append(record)
        return self._write("results.json", "results", RESULTS_VERSION, data)

    def log_result(self, scenario_id: str, ending_id: str, ending_kind: str, hits: int, misses: int,
                   false_alarms: int, stars: int, when: _dt.date | None = None, **fields: Any) -> bool:
        """Append one finished play-through. No nickname or profile id, by design (``player`` is the random code)."""
        from safepath.saves import records

        return self.log_record(records.play_record(scenario_id, ending_id, ending_kind, hits=hits, misses=misses,
                                                   false_alarms=false_alarms, stars=stars, when=when, **fields))

    def results(self) -> list[dict]:
        """Every logged record (for ``safepath report``)."""
        data = self._read("results.json", "results", RESULTS_VERSION, _validate_results) or {"results": []}
        return [r for r in data["results"] if isinstance(r, dict)]
