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

from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover - typing only
    import datetime as _dt

from safepath.saves import players, savefile
from safepath.saves.players import Profile, ScenarioProgress, Settings
from safepath.saves.savefile import N_, Msgid, Notice, SaveTooNewError

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


#: files that hold the players' own things (a failure to write one of them means progress is not kept);
#: the others (``results.json``, ``check_settings.json``) are the trainer's
PLAYER_FILES = ("settings.json", "profiles.json", "progress/", "checks/")

#: the calm line shown on every screen while saving does not work (see :meth:`Storage.saving_problem`)
NOT_SAVING = N_("Progress is not being saved")
NOT_SAVING_RESULTS = N_("Results for the trainer are not being saved")
#: a player who was made while ``profiles.json`` cannot be written: they are not kept
NOT_KEPT = N_("This player is not kept: {reason}. You can play, but when SafePath closes this player and their "
              "progress are gone. To keep them, choose another folder for the saves first.")
NOT_KEPT_SHORT = N_("This player is not kept when SafePath closes.")
#: what the player is told once when part of a good file could not be read (issue 18, item 6)
UNREADABLE_PLAYERS = N_(
    "Some saved players could not be read, so they are not shown. Everyone else was loaded. "
    "The file as it was is kept as {name} so a trainer can look at it."
)
UNREADABLE_PROGRESS = N_(
    "Some saved progress could not be read, so it is not shown. Everything else was loaded. "
    "The file as it was is kept as {name} so a trainer can look at it."
)
UNREADABLE_SETTINGS = N_(
    "Some saved settings could not be read, so they are back to how SafePath starts. "
    "The file as it was is kept as {name} so a trainer can look at it."
)
PART_UNREADABLE = (UNREADABLE_PLAYERS, UNREADABLE_PROGRESS, UNREADABLE_SETTINGS)
MOVED = N_("Your saves are now kept in {folder}. SafePath uses this folder until it closes.")


def resolve_data_dir(portable: bool = False, data_dir: str | Path | None = None) -> Path:
    """The folder for saves: ``--data-dir`` wins, then ``--portable``, then the platform's user data folder."""
    if data_dir:
        return Path(data_dir).expanduser()
    from safepath import paths

    if portable or paths.is_portable():  # --portable, or the marker file next to the program
        return paths.portable_data_dir()
    import platformdirs

    return Path(platformdirs.user_data_dir("SafePath", appauthor=False))




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


def _merge_progress(mine: dict[str, ScenarioProgress], theirs: dict[str, ScenarioProgress],
                    played: set[str]) -> dict[str, ScenarioProgress]:
    """One player's progress from two folders: per story the side played in this session (``played``) wins
    the resume point; endings, stars and plays add up (they only ever grow)."""
    out = dict(theirs)
    for sid, entry in mine.items():
        other = theirs.get(sid)
        if other is None:
            out[sid] = entry
            continue
        newer, older = (entry, other) if sid in played else (other, entry)
        out[sid] = ScenarioProgress(newer.state, newer.endings + [e for e in older.endings if e not in newer.endings],
                                    max(newer.best_stars, older.best_stars), max(newer.plays, older.plays))
    return out


def _merge_results(mine: Any, theirs: Any) -> dict:
    """Two results logs as one: each record once (records carry a random id; see safepath.saves.records)."""
    out = [r for r in (theirs or {}).get("results", [])]
    seen = {r.get("id") for r in out if isinstance(r, dict)}
    out += [r for r in (mine or {}).get("results", []) if not (isinstance(r, dict) and r.get("id") in seen)]
    return {**(mine or {}), "results": out}


class Storage:
    """All saving and loading for one data folder. Collects :attr:`notices` for the player.

    When saving stops working (a locked USB stick, a full disk, a file-size limit, or files a newer SafePath
    wrote), the player is told once (a notice), and :meth:`saving_problem` says so until saving works again,
    for the calm marker every screen shows. :meth:`use_folder` moves the saves to another folder for the rest
    of the session, with everything the game holds in memory.
    """

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)
        self.notices: list[Notice] = []
        #: files a newer SafePath wrote: read-only for us, never overwritten
        self._locked: set[Path] = set()
        #: files whose last write failed, and why (a reason msgid); empty while saving works
        self._failing: dict[Path, Msgid] = {}
        #: players made while profiles.json could not be written: they live in memory only
        self._not_kept: set[str] = set()
        self._profiles: list[Profile] | None = None
        self._last_profile: str | None = None
        self._progress_cache: dict[str, dict[str, ScenarioProgress]] = {}
        self._profile_settings: dict[str, dict] = {}
        #: what could not be written, by file name: (kind, version, data); reads see it, moves and retries write it
        self._unsaved: dict[str, tuple[str, int, Any]] = {}
        #: per player, the stories played in this session (their progress wins when folders are merged)
        self._dirty: dict[str, set[str]] = {}
        self._mark: savefile.SessionMark | None = None
        self._begun = False
        #: files part of which could not be read, told this session (see `_keep_unreadable`)
        self._told_unreadable: set[str] = set()

    # -- the session in this folder -------------------------------------------------------------------
    def _begin(self) -> None:
        """Once per folder, before its first read or write: clean up after killed writes, say we are here.

        Temporary files of a write that was killed are all removed when no other copy of the game uses the
        folder (:func:`safepath.saves.savefile.others_running`); otherwise only those older than an hour.
        """
        if self._begun:
            return
        self._begun = True
        folders = [self.root, self.root / "progress", self.root / "checks"]
        leftovers = False
        for folder in folders:
            try:
                leftovers = leftovers or any(True for _ in folder.glob(".*.tmp"))
            except OSError:
                continue
        self._put_mark()
        if leftovers:
            # alone only when this game could put its own mark (locks work here) and no other game has one
            own = self._mark.path if self._mark is not None else None
            alone = own is not None and not savefile.others_running(self.root, own)
            for folder in folders:
                savefile.remove_temps(folder, all_of_them=alone)

    def _put_mark(self) -> None:
        """Say "a game uses this folder" (once it exists: a first start makes it with its first save)."""
        if self._mark is None and self.root.is_dir():
            self._mark = savefile.SessionMark(self.root)
            import weakref

            weakref.finalize(self, self._mark.close)  # a Storage dropped without close() lets go of its mark

    def close(self) -> None:
        """The game is closing: take away this session's mark in the folder."""
        if self._mark is not None:
            self._mark.close()

    # -- low level ----------------------------------------------------------------------------------
    def _read(self, name: str, kind: str, version: int, validate) -> Any:
        if name in self._unsaved:  # newer than the file: it could not be written
            return self._unsaved[name][2]
        self._begin()
        path = self.root / name
        try:
            result = savefile.read_json(path, kind, version, migrations=MIGRATIONS.get(kind), validate=validate)
        except SaveTooNewError as exc:
            self._locked.add(path)
            self._add_notice(exc.notice)
            return None
        except OSError as exc:
            self._add_notice(Notice(savefile.NOT_SAVED, {"reason": savefile.reason_for(exc)}, serious=True))
            return None
        for n in result.notices:
            self._add_notice(n)
        return result.data

    def _write(self, name: str, kind: str, version: int, data: Any, hold: bool = False) -> bool:
        """Save one file; False when it could not be (then it is held in memory: see :attr:`_unsaved`).

        ``hold``: do not even try (the file belongs to a player who is not kept).
        """
        self._begin()
        path = self.root / name
        if hold:
            self._unsaved[name] = (kind, version, data)
            return False
        if path in self._locked:
            self._fail(path, Msgid(savefile.REASON_NEWER), tell=False)  # the player was told when it was read
            self._unsaved[name] = (kind, version, data)
            return False
        try:
            savefile.write_json(path, kind, version, data)
        except OSError as exc:
            self._fail(path, savefile.reason_for(exc))
            self._unsaved[name] = (kind, version, data)
            return False
        self._failing.pop(path, None)
        self._unsaved.pop(name, None)
        self._put_mark()
        return True

    def _fail(self, path: Path, reason: Msgid, tell: bool = True) -> None:
        """A write failed: tell the player the first time only; the marker says it until saving works again."""
        if tell and not self._failing:
            message = savefile.NOT_SAVED if self._player_file(path) else savefile.NOT_SAVED_RESULTS
            self._add_notice(Notice(message, {"reason": reason}, serious=True))
        elif tell and self._player_file(path) and not any(map(self._player_file, self._failing)):
            self._add_notice(Notice(savefile.NOT_SAVED, {"reason": reason}, serious=True))  # now progress too
        self._failing[path] = reason

    def _add_notice(self, notice: Notice) -> None:
        if notice not in self.notices:
            self.notices.append(notice)

    def take_notices(self) -> list[Notice]:
        """Notices not yet shown; the caller shows them once."""
        out, self.notices = self.notices, []
        return out

    # -- is saving working? -----------------------------------------------------------------------------
    def _player_file(self, path: Path) -> bool:
        try:
            rel = path.relative_to(self.root).as_posix()
        except ValueError:
            return True
        return any(rel == f or (f.endswith("/") and rel.startswith(f)) for f in PLAYER_FILES)

    def saving_problem(self, profile_id: str | None = None) -> str | None:
        """The marker's words while something is not being saved (an interface msgid), else None.

        :data:`NOT_SAVING` when a player's file could not be written, or ``profile_id`` is a player who is not
        kept; :data:`NOT_SAVING_RESULTS` when only the trainer's files could not.
        """
        if (profile_id is not None and profile_id in self._not_kept) or any(map(self._player_file, self._failing)):
            return NOT_SAVING
        if self._failing:
            return NOT_SAVING_RESULTS
        return None

    def failure_reason(self, profile_id: str | None = None) -> Msgid | None:
        """Why saving does not work now (a reason msgid such as :data:`safepath.saves.savefile.REASON_FULL`)."""
        for path, reason in self._failing.items():
            if self._player_file(path):
                return reason
        if profile_id is not None and profile_id in self._not_kept:
            return self.keeps_new_players() or Msgid(savefile.REASON_OTHER)
        return next(iter(self._failing.values()), None)

    def keeps_new_players(self) -> Msgid | None:
        """None when a new player would be kept; else why not (a reason msgid), to say so before one is made."""
        self._load_profiles()  # a players' file from a newer SafePath is known once it was read
        path = self.root / "profiles.json"
        if path in self._locked:
            return Msgid(savefile.REASON_NEWER)
        if path in self._failing:
            return self._failing[path]
        return self._probe()

    def _probe(self) -> Msgid | None:
        """Can a file be saved in the folder now? A few bytes, saved the way saves are and removed again."""
        import secrets

        probe = self.root / f".probe-{secrets.token_hex(4)}"
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            savefile._replace_durably(probe, b"SafePath")
        except OSError as exc:
            return savefile.reason_for(exc)
        try:
            probe.unlink()
        except OSError:
            pass
        return None

    def is_kept(self, profile_id: str) -> bool:
        """False for a player made while the players' file could not be written (gone when the game closes)."""
        return profile_id not in self._not_kept

    # -- moving to another folder -----------------------------------------------------------------------
    def use_folder(self, folder: str | Path) -> Msgid | None:
        """Keep the saves in ``folder`` from now on (for this session): None when done, else why not.

        Everything the game holds is written there: the players, their settings and progress, and whatever
        could not be saved so far; the files of the old folder that are not there yet are copied, so nothing
        is lost by moving. A folder used before keeps what it has: its players are added to these, and of a
        story both folders know, the one played in this session wins (endings and stars add up). Files a
        newer SafePath wrote are never changed, here or there. When ``folder`` cannot be written, or its
        players' file is from a newer SafePath, nothing changes.
        """
        new = Path(folder).expanduser()
        try:
            if new.resolve() == self.root.resolve():
                return self.retry()
        except OSError:
            pass
        other = Storage(new)
        problem = other._probe()
        if problem:
            return problem
        theirs = other._load_profiles()  # what the folder holds already (one used before)
        if new / "profiles.json" in other._locked:
            other.close()
            return Msgid(savefile.REASON_NEWER)
        mine = self._load_profiles()
        for profile in mine:
            self.progress(profile.id)  # everything from the old folder in memory, to be written in the new one
        self._copy_missing(new)
        known = {p.id for p in mine}
        for profile in theirs:
            if profile.id not in known:
                mine.append(profile)
                if profile.id in other._profile_settings:
                    self._profile_settings[profile.id] = other._profile_settings[profile.id]
        for pid, table in list(self._progress_cache.items()):
            self._progress_cache[pid] = _merge_progress(table, other.progress(pid), self._dirty.get(pid, set()))
        unsaved = dict(self._unsaved)
        if "results.json" in unsaved:
            kind, version, data = unsaved["results.json"]
            unsaved["results.json"] = (kind, version, _merge_results(data, other._read(
                "results.json", "results", RESULTS_VERSION, _validate_results)))
        self.notices.extend(n for n in other.take_notices() if n not in self.notices)
        locked = set(other._locked)
        other.close()
        before = (self.root, self._locked, self._failing, dict(self._unsaved), self._mark, set(self._not_kept))
        told = len(self.notices)
        self.root, self._begun, self._mark = new, False, None
        self._locked, self._failing, self._unsaved = locked, {}, {}
        problem = self._write_everything(unsaved)
        if problem is None:
            if before[4] is not None:
                before[4].close()  # this game no longer uses the old folder
            return None
        # the folder took a few bytes but not the saves (nearly full, a file-size limit): stay where we were,
        # with everything still in memory (and the players of that folder, so they are not lost either)
        if self._mark is not None:
            self._mark.close()
        self.root, self._locked, self._failing, self._unsaved, self._mark, self._not_kept = before
        self._begun = True
        del self.notices[told:]  # the folder screen says why this folder cannot be used
        for name, held in unsaved.items():
            self._unsaved.setdefault(name, held)
        return problem

    def retry(self) -> Msgid | None:
        """Try saving again in the same folder (the stick was unlocked, room was made): None when it works."""
        unsaved, self._unsaved = dict(self._unsaved), {}
        self._failing.clear()
        told = len(self.notices)
        problem = self._write_everything(unsaved)
        if problem is not None:
            del self.notices[told:]  # the caller says it still does not work: no second message
        return problem

    def _write_everything(self, unsaved: dict[str, tuple[str, int, Any]]) -> Msgid | None:
        ok = self._save_profiles() if self._profiles is not None else True
        for pid in list(self._progress_cache):
            ok = self._save_progress(pid) and ok
        for name, (kind, version, data) in unsaved.items():
            if name != "profiles.json" and not name.startswith("progress/"):
                ok = self._write(name, kind, version, data) and ok
        return None if ok else (self.failure_reason() or Msgid(savefile.REASON_OTHER))

    def _copy_missing(self, new: Path) -> None:
        """Copy the save files (and backups) of this folder that ``new`` does not have, as they are."""
        for folder in (self.root, self.root / "progress", self.root / "checks"):
            try:
                names = sorted(folder.glob("*.json"))
            except OSError:
                continue
            for src in names:
                dst = new / src.relative_to(self.root)
                if src in self._locked or dst.exists() or savefile.backup_path(dst).exists():
                    continue
                for a, b in ((src, dst), (savefile.backup_path(src), savefile.backup_path(dst))):
                    try:
                        savefile.copy_save(a, b)
                    except OSError:
                        continue

    # -- global settings ----------------------------------------------------------------------------
    def load_global_settings(self) -> Settings:
        data = self._read("settings.json", "settings", SETTINGS_VERSION, _validate_object)
        settings = Settings.from_dict(data)
        if isinstance(data, dict) and Settings.unreadable(data) and "settings.json" not in self._unsaved:
            if self._keep_unreadable("settings.json", UNREADABLE_SETTINGS):
                self.save_global_settings(settings)  # what could be read; the copy holds the rest
        return settings

    def save_global_settings(self, settings: Settings) -> bool:
        return self._write("settings.json", "settings", SETTINGS_VERSION, settings.to_dict())

    # -- profiles ------------------------------------------------------------------------------------
    def _load_profiles(self) -> list[Profile]:
        if self._profiles is None:
            data = self._read("profiles.json", "profiles", PROFILES_VERSION, _validate_profiles) or {"profiles": []}
            profiles = []
            unreadable = 0
            for entry in data.get("profiles", []):
                profile, own, whole = players.read_profile(entry)
                unreadable += not whole
                if profile is None:
                    continue
                profiles.append(profile)
                if own is not None:
                    self._profile_settings[profile.id] = own
            self._profiles = profiles
            last = data.get("last_profile")
            self._last_profile = last if any(p.id == last for p in profiles) else None
            if unreadable and self._keep_unreadable("profiles.json", UNREADABLE_PLAYERS):
                self._save_profiles()  # the file now holds what could be read; the copy holds it all
        return self._profiles

    def _keep_unreadable(self, name: str, message: str) -> bool:
        """Part of a good file could not be read: keep the file as it is beside it, and tell the player.

        The copy is named like a damaged file's (``NAME.corrupt-<time>``) so a trainer finds both the same way.
        True when the copy was made: the caller then saves what could be read, so the player is told once.
        (Without a copy, on a read-only stick, the file stays as it is and nothing is lost either.)
        """
        if name in self._told_unreadable:  # once a session (a read-only stick keeps the file as it is)
            return False
        self._told_unreadable.add(name)
        path = self.root / name
        kept = savefile.keep_corrupt_copy(path)
        self._add_notice(Notice(message, {"name": (kept or path).name}, serious=True))
        return kept is not None

    def _save_profiles(self) -> bool:
        profiles = self._load_profiles()
        data = {
            "profiles": [dict(asdict(p), settings=self._profile_settings.get(p.id, {})) for p in profiles],
            "last_profile": self._last_profile,
        }
        ok = self._write("profiles.json", "profiles", PROFILES_VERSION, data)
        if ok:
            self._not_kept.clear()  # every player in memory is in the file now
        return ok

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
        problem = players.check_nickname(nickname, [p.nickname for p in profiles])
        if problem:
            raise ValueError(problem)
        if len(profiles) >= players.MAX_PROFILES:
            raise ValueError(N_("This computer already has 40 players. Please delete one you no longer need."))
        if avatar not in players.AVATARS:
            avatar = players.AVATARS[0]
        import secrets  # only when a player is added: not on every start

        pid = secrets.token_hex(4)
        while any(p.id == pid for p in profiles):
            pid = secrets.token_hex(4)
        import datetime as _dt

        from safepath.saves.records import new_player_code

        profile = Profile(pid, nickname.strip(), avatar, _dt.date.today().isoformat(), new_player_code())
        profiles.append(profile)
        self._last_profile = pid
        if not self._save_profiles():
            self._not_kept.add(pid)  # playable now, gone at the end: is_kept() and saving_problem() say so
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
        self._dirty.pop(profile_id, None)
        for name in (self._progress_name(profile_id), f"checks/{profile_id}.json"):
            self._unsaved.pop(name, None)
        self._save_profiles()
        self._not_kept.discard(profile_id)
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
            name = self._progress_name(profile_id)
            data = self._read(name, "progress", PROGRESS_VERSION, _validate_object) or {}
            scenarios = data.get("scenarios", {}) if isinstance(data, dict) else {}
            table: dict[str, ScenarioProgress] = {}
            unreadable = not isinstance(scenarios, dict)
            for sid, entry in (scenarios.items() if isinstance(scenarios, dict) else []):
                try:
                    table[str(sid)], whole = ScenarioProgress.read(entry)
                except ValueError:
                    unreadable = True
                    continue
                unreadable = unreadable or not whole
            self._progress_cache[profile_id] = table
            if unreadable and self._keep_unreadable(name, UNREADABLE_PROGRESS):
                self._save_progress(profile_id)
        return self._progress_cache[profile_id]

    def scenario_progress(self, profile_id: str, scenario_id: str) -> ScenarioProgress:
        return self.progress(profile_id).get(scenario_id, ScenarioProgress())

    def _save_progress(self, profile_id: str) -> bool:
        table = self.progress(profile_id)
        data = {"scenarios": {sid: asdict(p) for sid, p in table.items()}}
        return self._write(self._progress_name(profile_id), "progress", PROGRESS_VERSION, data,
                           hold=profile_id in self._not_kept)  # no file for a player the players' file lacks

    def save_state(self, profile_id: str, scenario_id: str, state_json: dict | None) -> bool:
        """Remember where the player is (engine ``State.to_json()``), or forget it with None."""
        table = self.progress(profile_id)
        entry = table.setdefault(scenario_id, ScenarioProgress())
        entry.state = state_json
        self._dirty.setdefault(profile_id, set()).add(scenario_id)
        return self._save_progress(profile_id)

    def record_ending(self, profile_id: str, scenario_id: str, ending_id: str, stars: int) -> bool:
        """A play-through finished: keep the ending and the best stars, clear the resume point."""
        table = self.progress(profile_id)
        entry = table.setdefault(scenario_id, ScenarioProgress())
        self._dirty.setdefault(profile_id, set()).add(scenario_id)
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
        name = f"checks/{profile_id}.json"
        data = self._read(name, "checks", CHECKS_VERSION, _validate_object) or {}
        bad = [key for key, value in data.items() if not players.check_field_ok(key, value)]
        if bad and name not in self._unsaved and self._keep_unreadable(name, UNREADABLE_PROGRESS):
            data = {k: v for k, v in data.items() if k not in bad}
            self._write(name, "checks", CHECKS_VERSION, data, hold=profile_id in self._not_kept)
        return {k: v for k, v in data.items() if k not in bad}

    def save_check_progress(self, profile_id: str, data: dict) -> bool:
        if not profile_id.isalnum():
            raise ValueError("bad profile id")
        return self._write(f"checks/{profile_id}.json", "checks", CHECKS_VERSION, dict(data),
                           hold=profile_id in self._not_kept)

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
