"""Versioned JSON save files that survive power cuts, full disks and pulled USB sticks.

Why so careful: SafePath runs on shared school laptops and USB sticks that get
unplugged mid-write. A player must never lose progress to a half-written file,
and a damaged file must never crash the game or be deleted.

On disk every file is an envelope::

    {"format": "safepath-save", "kind": "profiles", "version": 1, "seq": 42,
     "checksum": "sha256:<hex of the canonical JSON of version, seq and data>", "data": {...}}

``version`` is the version of the data's shape (see the migrations below);
``seq`` counts the writes of this file, so of two good copies the newer one is known.

Writing (:func:`write_json`): the same envelope is written twice, each time to a
temporary file in the same folder that is flushed, fsync'ed and atomically renamed
into place, and the folder fsync'ed so the rename is durable: first ``NAME.bak``,
then ``NAME``. So the backup is never older than the main file. A crash while one
copy is being written leaves the other one whole; a crash between the two renames
leaves the backup one write newer than the main file, and reading picks it.

Reading (:func:`read_json`): a missing file is a fresh start. A file whose JSON
does not parse, whose checksum does not match, or whose envelope is wrong is
*damaged*. Of the good copies the one with the highest ``seq`` is used (the main
file on a tie) and put back as ``NAME`` when it was the backup. When the main file
was damaged, it is kept as ``NAME.corrupt-<time>`` and a :class:`Notice` tells the
player in plain words that the backup, which holds the same last save, was used.
When both copies are damaged, the game starts fresh with both bad files kept.
A file written by a *newer* SafePath raises :class:`SaveTooNewError` and is left
untouched. Older versions pass through the migration functions given by the
caller, one version step at a time.

Files written before ``seq`` existed (``seq`` missing: their checksum covers the
data only) still read; they count as ``seq`` 0.

Size: saves are kilobytes. A file larger than :data:`MAX_BYTES` (the results log:
``MAX_BYTES_BY_KIND``) is damaged and set aside without being read into memory, and
a save that would be larger is refused (``errno.EFBIG``) rather than written and then
unreadable. Temporary files of killed writes are removed: those older than an hour
on every read, and all of them at the start of a session when no other copy of the
game uses the folder (:class:`SessionMark`, :func:`others_running`).

No pygame here: the storage layer is tested without a display.
"""

from __future__ import annotations

import json
import os
import re
import time
from pathlib import Path
from typing import Any, Callable, NamedTuple

FORMAT = "safepath-save"


def N_(message: str) -> str:
    """Mark a message for translation; it is translated when shown (the language may not be known yet)."""
    return message


class Notice(NamedTuple):
    """Something the player should be told about their saves, in plain words.

    ``message`` is an English interface string (a catalog msgid) with
    ``{placeholders}``; :meth:`text` translates it at display time. (A NamedTuple:
    immutable like a frozen dataclass, and quicker to import on every start.)
    """

    message: str
    args: dict[str, Any] = {}  # never changed, so one shared empty dict is safe
    serious: bool = False  # True when something could not be recovered or saved

    def text(self, translate: Callable[[str], str] | None = None) -> str:
        if translate is None:
            from safepath.i18n import _ as translate
        args = {k: translate(v) if isinstance(v, Msgid) else v for k, v in self.args.items()}
        return translate(self.message).format(**args)


RESTORED = N_("Your saved progress was damaged; we restored the last good copy. Nothing was lost.")
STARTED_FRESH = N_(
    "Your saved progress could not be read, so SafePath started fresh. "
    "The damaged file was kept as {name} so a trainer can look at it."
)
TOO_NEW = N_(
    "These saves were made by a newer version of SafePath (save version {found}; this version reads up to "
    "{supported}). They were not changed. Please play with the newer SafePath to keep your progress."
)
NOT_SAVED = N_(
    "SafePath could not save your progress: {reason}. You can keep playing, but what you do now is not kept "
    "until saving works again. You can choose another folder for the saves."
)
#: the same when only the trainer's files (the anonymous results log, the check settings) could not be written
NOT_SAVED_RESULTS = N_(
    "SafePath could not save the results for the trainer: {reason}. Your own progress is saved. "
    "Please tell your trainer."
)
#: what stopped a save, in plain words (the ``reason`` of NOT_SAVED; see :func:`reason_for`)
REASON_READ_ONLY = N_("the save folder cannot be written to (a locked USB stick or a read-only folder)")
REASON_FULL = N_("the disk is full")
REASON_TOO_LARGE = N_("a save file became larger than this computer allows")
REASON_NEWER = N_("the saves were made by a newer version of SafePath")
REASON_OTHER = N_("the computer refused to write the file")


class Msgid(str):
    """A notice argument that is itself an interface message: translated with the notice (a reason, say)."""

    __slots__ = ()


def reason_for(exc: OSError) -> Msgid:
    """Why a write failed, as a message a player understands (the details stay in the exception)."""
    import errno

    code = getattr(exc, "errno", None)
    if code in (errno.EROFS, errno.EACCES, errno.EPERM) or isinstance(exc, PermissionError):
        return Msgid(REASON_READ_ONLY)
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return Msgid(REASON_FULL)
    if code == errno.EFBIG:
        return Msgid(REASON_TOO_LARGE)
    return Msgid(REASON_OTHER)


class SaveError(Exception):
    """A save file problem the player must be told about (never shown as a traceback)."""


class SaveTooNewError(SaveError):
    def __init__(self, path: Path, found: int, supported: int) -> None:
        self.path, self.found, self.supported = path, found, supported
        self.notice = Notice(TOO_NEW, {"found": found, "supported": supported}, serious=True)
        super().__init__(f"{path}: save version {found} is newer than this SafePath understands (up to {supported})")


class DamagedFile(Exception):
    """Internal: the file exists but cannot be trusted."""


def canonical(data: Any) -> bytes:
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def checksum(data: Any, version: int | None = None, seq: int | None = None) -> str:
    """The envelope's checksum: over version, seq and data; over the data alone for files without ``seq``."""
    import hashlib  # OpenSSL, ~2.5 ms: loaded when a save is first read or written, not before the first frame

    covered = data if seq is None else {"data": data, "seq": seq, "version": version}
    return "sha256:" + hashlib.sha256(canonical(covered)).hexdigest()


def _fsync_dir(folder: Path) -> None:
    """Make a rename durable. Windows cannot open folders; there the rename is already durable enough."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


#: temporary files older than this are left-overs of a killed write (see `_remove_stale_temps`)
STALE_TEMP_SECONDS = 3600


def write_json(path: Path, kind: str, version: int, data: Any) -> None:
    """Write ``data`` as a checksummed envelope to ``NAME.bak`` and then to ``NAME``, each atomically.

    Raises OSError when the disk refuses (full, read-only, a file-size limit) or the save would be larger than
    a save file may be (``errno.EFBIG``, see :data:`MAX_BYTES`); the previous files are then untouched (or,
    when the refusal comes after the backup was written, the backup holds the new save).
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    seq = _latest_seq(path, kind) + 1
    envelope = {"format": FORMAT, "kind": kind, "version": version, "seq": seq,
                "checksum": checksum(data, version, seq), "data": data}
    payload = json.dumps(envelope, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
    if len(payload) > max_bytes(kind):  # it could never be read back (see MAX_BYTES): keep the last good save
        import errno

        raise OSError(errno.EFBIG, f"the save would be {len(payload):,} bytes, more than {max_bytes(kind):,}")
    _replace_durably(backup_path(path), payload)  # the backup first: it is never older than the main file
    _replace_durably(path, payload)


def _replace_durably(path: Path, payload: bytes) -> None:
    """Temporary file in the same folder, fsync, rename over ``path``, fsync the folder."""
    import tempfile  # here, not at the top: reading saves (all a start does) never needs it

    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        replace_retrying(tmp, path)
        _fsync_dir(path.parent)
    except BaseException:
        try:
            tmp.unlink()
        except OSError:
            pass
        raise


#: pauses (seconds) between tries when the rename over a save is refused (see `replace_retrying`)
REPLACE_RETRY_DELAYS = (0.01, 0.03, 0.1, 0.3)


def replace_retrying(src: Path, dst: Path) -> None:
    """``os.replace``, tried again for a moment when the target is held open by another program.

    Windows refuses to rename over a file that any process has open without sharing
    delete access: an antivirus scan of the fresh save, a backup or sync tool, a second
    copy of the game reading its settings. Such holds last milliseconds, so a few short
    retries (under half a second in all) save the player's progress where one try would
    have raised ``PermissionError``. Elsewhere the error is real and comes back the same.
    """
    for delay in REPLACE_RETRY_DELAYS:
        try:
            os.replace(src, dst)
            return
        except PermissionError:
            time.sleep(delay)
    os.replace(src, dst)


def _latest_seq(path: Path, kind: str) -> int:
    """The highest ``seq`` among the good copies of ``path`` (0 when there is none)."""
    best = 0
    for candidate in (path, backup_path(path)):
        try:
            best = max(best, _parse(candidate, kind).seq)
        except (DamagedFile, OSError):
            continue
    return best


class _Copy(NamedTuple):  # a NamedTuple, not a dataclass: a quarter of the import time (every start reads saves)
    """One trustworthy copy of a save file: where it is, its data version, its write count and data."""

    path: Path
    version: int
    seq: int
    data: Any


#: the most bytes of a save file that are read: saves are kilobytes (40 players, a few stories each); a larger
#: file is damaged (a disk error, a runaway editor, a hostile stick) and is kept aside unread, so a start never
#: waits seconds and hundreds of megabytes for it. The anonymous results log grows with every play: its cap,
#: ``MAX_BYTES_BY_KIND["results"]``, holds some 25,000 records.
MAX_BYTES = 1024 * 1024
MAX_BYTES_BY_KIND = {"results": 8 * 1024 * 1024}


def max_bytes(kind: str) -> int:
    return MAX_BYTES_BY_KIND.get(kind, MAX_BYTES)


def _read_capped(path: Path, limit: int) -> bytes:
    """The file's bytes; DamagedFile, without reading it into memory, when it is larger than ``limit``."""
    with open(path, "rb") as handle:
        try:
            size = os.fstat(handle.fileno()).st_size
        except OSError:
            size = 0
        if size > limit:
            raise DamagedFile(f"{size:,} bytes, more than a save file can be ({limit:,})")
        raw = handle.read(limit + 1)  # the size may have changed since: never more than the cap
    if len(raw) > limit:
        raise DamagedFile(f"more than a save file can be ({limit:,} bytes)")
    return raw


def _parse(path: Path, kind: str) -> _Copy:
    """A trustworthy copy; DamagedFile otherwise (OSError when it cannot be read at all)."""
    raw = _read_capped(path, max_bytes(kind))
    try:
        envelope = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise DamagedFile(f"not readable JSON: {exc}") from None
    if not isinstance(envelope, dict) or envelope.get("format") != FORMAT or envelope.get("kind") != kind:
        raise DamagedFile("not a SafePath save of this kind")
    version = envelope.get("version")
    if not _positive_int(version):
        raise DamagedFile("no valid version")
    seq = envelope.get("seq")
    if seq is not None and not _positive_int(seq):
        raise DamagedFile("no valid write count")
    if "data" not in envelope or envelope.get("checksum") != checksum(envelope["data"], version, seq):
        raise DamagedFile("checksum does not match (file truncated or edited)")
    return _Copy(path, version, seq or 0, envelope["data"])


def _positive_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 1


class ReadResult(NamedTuple):
    """What :func:`read_json` found: the data (None when starting fresh), what to tell the player, its version."""

    data: Any
    notices: list[Notice]
    version: int = 0


def read_json(
    path: Path,
    kind: str,
    version: int,
    migrations: dict[int, Callable[[Any], Any]] | None = None,
    validate: Callable[[Any], Any] | None = None,
) -> ReadResult:
    """Load the newest good copy of ``path`` (it or ``NAME.bak``). See the module docstring.

    ``migrations[n]`` turns version-``n`` data into version ``n+1``. ``validate`` may
    raise ValueError/TypeError/KeyError for data that parses but makes no sense;
    such a copy counts as damaged.
    """
    path = Path(path)
    bak = backup_path(path)
    _remove_stale_temps(path)
    notices: list[Notice] = []
    copies: list[_Copy] = []
    damaged: list[Path] = []
    for candidate in (path, bak):
        try:
            copies.append(_parse(candidate, kind))
        except FileNotFoundError:
            continue
        except (DamagedFile, OSError):
            damaged.append(candidate)
    if not copies and not damaged:
        return ReadResult(None, notices)
    for copy in copies:
        if copy.version > version:
            raise SaveTooNewError(copy.path, copy.version, version)
    # newest first; on a tie the main file (sorted() keeps the main file first among equals)
    chosen, data = None, None
    for copy in sorted(copies, key=lambda c: c.seq, reverse=True):
        try:
            data = _migrate(copy.data, copy.version, version, migrations or {})
            if validate is not None:
                data = validate(data)
        except (DamagedFile, ValueError, TypeError, KeyError, AttributeError):
            damaged.append(copy.path)
            continue
        chosen = copy
        break
    if chosen is None:
        kept = [_keep_corrupt(p) for p in damaged if p.exists()]
        name = kept[0].name if kept else path.name
        notices.append(Notice(STARTED_FRESH, {"name": name}, serious=True))
        return ReadResult(None, notices)
    if path in damaged:
        _keep_corrupt(path)
        notices.append(Notice(RESTORED))  # true: the backup is written first, so it holds the last save
    if chosen.path == bak:
        try:
            _copy_durably(bak, path)  # main damaged, missing, or one write behind after a crash
        except OSError:
            pass
    elif bak in damaged or not bak.exists():
        if bak.exists():
            _keep_corrupt(bak)
        try:
            _copy_durably(path, bak)  # so the next damage to the main file can be recovered too
        except OSError:
            pass
    return ReadResult(data, notices, chosen.version)


def _copy_durably(src: Path, dst: Path) -> None:
    _replace_durably(dst, src.read_bytes())


def copy_save(src: Path, dst: Path) -> None:
    """Copy one save file as it is (its envelope is valid anywhere), atomically; larger ones than any save
    may be are not copied (they would be read as damaged). FileNotFoundError when there is none."""
    raw = _read_capped(src, max(MAX_BYTES, *MAX_BYTES_BY_KIND.values()))
    Path(dst).parent.mkdir(parents=True, exist_ok=True)
    _replace_durably(Path(dst), raw)


def _remove_stale_temps(path: Path) -> None:
    """Delete temporary files a killed write left behind (old ones only: another copy of the game may be saving).

    :class:`safepath.saves.storage.Storage` does better at the start of a session: when no other copy of the
    game uses the folder (:func:`others_running`), every left-over is removed at once (:func:`remove_temps`).
    """
    now = time.time()
    try:
        leftovers = list(path.parent.glob(f".{path.name}.*.tmp"))  # also matches those of NAME.bak
    except OSError:
        return
    for tmp in leftovers:
        try:
            if now - tmp.stat().st_mtime > STALE_TEMP_SECONDS:
                tmp.unlink()
        except OSError:
            continue


#: the temporary files `_replace_durably` makes: ``.NAME.json.<random>.tmp`` and ``.NAME.json.bak.<random>.tmp``
_TEMP_NAME = re.compile(r"\..+\.json(?:\.bak)?\.[A-Za-z0-9_]+\.tmp")


def remove_temps(folder: Path, *, all_of_them: bool) -> int:
    """Delete the temporary files of killed writes in ``folder``: all of them, or those older than an hour.

    ``all_of_them`` only when no other copy of the game can be saving there (see :func:`others_running`).
    Returns how many were removed.
    """
    now, removed = time.time(), 0
    try:
        leftovers = [p for p in Path(folder).glob(".*.tmp") if _TEMP_NAME.fullmatch(p.name)]
    except OSError:
        return 0
    for tmp in leftovers:
        try:
            if all_of_them or now - tmp.stat().st_mtime > STALE_TEMP_SECONDS:
                tmp.unlink()
                removed += 1
        except OSError:
            continue
    return removed


# -- which copies of the game use a folder -----------------------------------------------------------------
# Each running game holds a lock on its own small file in the data folder, ``.safepath-running-<random>.lock``.
# The operating system lets go of a lock when its process ends, however it ends (a kill, a power cut ends
# everything anyway), so a file whose lock can be taken belongs to a game that is gone. Exclusive locks on
# one file per game work alike on Windows (msvcrt) and elsewhere (flock).
RUNNING_PREFIX = ".safepath-running-"


def _try_lock(handle) -> bool:
    """Take an exclusive lock on ``handle`` without waiting; False when another process holds it."""
    try:
        if os.name == "nt":
            import msvcrt

            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except (OSError, ImportError, AttributeError):
        return False


class SessionMark:
    """This game's sign in a data folder that it is running (see above); :meth:`close` takes it away."""

    def __init__(self, folder: Path) -> None:
        self.path: Path | None = None
        self._handle = None
        path = Path(folder) / f"{RUNNING_PREFIX}{os.urandom(4).hex()}.lock"  # os.urandom: no import on every start
        try:
            handle = open(path, "a+b")
        except OSError:
            return  # a read-only folder: nothing can be saved there, nor left half-saved
        if not _try_lock(handle):  # a file system without locks: no mark (others then keep to the hour rule)
            handle.close()
            try:
                path.unlink()
            except OSError:
                pass
            return
        self.path, self._handle = path, handle

    def close(self) -> None:
        handle, self._handle = self._handle, None
        if handle is None:
            return
        try:
            handle.close()  # closing lets go of the lock
            if self.path is not None:
                self.path.unlink()
        except OSError:
            pass


def others_running(folder: Path, own: Path | None = None) -> bool:
    """True when another copy of the game uses ``folder`` now; marks of games that are gone are removed."""
    try:
        marks = [p for p in Path(folder).glob(f"{RUNNING_PREFIX}*.lock") if p != own]
    except OSError:
        return True  # cannot tell: be careful
    running = False
    for mark in marks:
        try:
            handle = open(mark, "r+b")
        except FileNotFoundError:
            continue  # its game just closed
        except OSError:
            running = True
            continue
        gone = _try_lock(handle)
        handle.close()
        if not gone:
            running = True
            continue
        try:
            mark.unlink()
        except OSError:
            pass
    return running


def _migrate(data: Any, found: int, target: int, migrations: dict[int, Callable[[Any], Any]]) -> Any:
    for step in range(found, target):
        if step not in migrations:
            raise DamagedFile(f"no migration from save version {step}")
        data = migrations[step](data)
    return data


def _corrupt_name(path: Path) -> Path:
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
    return target


def keep_corrupt_copy(path: Path) -> Path | None:
    """Copy a good file part of which could not be used to ``NAME.corrupt-<time>`` (the file stays); None if
    the copy could not be made (a read-only folder: the file is then left as it is)."""
    try:
        raw = Path(path).read_bytes()  # it was just read whole: within the size cap
        target = _corrupt_name(Path(path))
        _replace_durably(target, raw)
    except OSError:
        return None
    return target


def _keep_corrupt(path: Path) -> Path:
    """Rename a bad file out of the way without ever deleting it."""
    target = _corrupt_name(path)
    try:
        os.replace(path, target)
    except OSError:
        return path
    return target
