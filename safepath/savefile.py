"""Versioned JSON save files that survive power cuts, full disks and pulled USB sticks.

Why so careful: SafePath runs on shared school laptops and USB sticks that get
unplugged mid-write. A player must never lose progress to a half-written file,
and a damaged file must never crash the game or be deleted.

On disk every file is an envelope::

    {"format": "safepath-save", "kind": "profiles", "version": 1,
     "checksum": "sha256:<hex of the canonical JSON of data>", "data": {...}}

Writing (:func:`write_json`): the new content goes to a temporary file in the
same folder, is flushed and fsync'ed; the current good file is copied to
``NAME.bak`` (fsync'ed too); then the temporary file atomically replaces
``NAME`` and the folder itself is fsync'ed so the rename is durable. If
anything fails midway the previous file is still in place.

Reading (:func:`read_json`): a missing file is a fresh start. A file whose JSON
does not parse, whose checksum does not match, or whose envelope is wrong is
*damaged*: the ``.bak`` copy is used instead, the damaged file is kept as
``NAME.corrupt-<time>`` and a :class:`Notice` tells the player in plain words.
When the backup is damaged too, the game starts fresh with both bad files kept.
A file written by a *newer* SafePath raises :class:`SaveTooNewError` and is
left untouched. Older versions pass through the migration functions given by
the caller, one version step at a time.

No pygame here: the storage layer is tested without a display.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

FORMAT = "safepath-save"


def N_(message: str) -> str:
    """Mark a message for translation; it is translated when shown (the language may not be known yet)."""
    return message


@dataclass(frozen=True)
class Notice:
    """Something the player should be told about their saves, in plain words.

    ``message`` is an English interface string (a catalog msgid) with
    ``{placeholders}``; :meth:`text` translates it at display time.
    """

    message: str
    args: dict[str, Any] = field(default_factory=dict)
    serious: bool = False  # True when something could not be recovered or saved

    def text(self, translate: Callable[[str], str] | None = None) -> str:
        if translate is None:
            from safepath.i18n import _ as translate
        return translate(self.message).format(**self.args)


RESTORED = N_("Your saved progress was damaged; we restored the last good copy. Nothing was lost.")
STARTED_FRESH = N_(
    "Your saved progress could not be read, so SafePath started fresh. "
    "The damaged file was kept as {name} so a trainer can look at it."
)
TOO_NEW = N_(
    "These saves were made by a newer version of SafePath (save version {found}; this version reads up to "
    "{supported}). They were not changed. Please play with the newer SafePath to keep your progress."
)
NOT_SAVED = N_("SafePath could not save your progress ({reason}). You can keep playing; try another folder with --data-dir.")


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


def checksum(data: Any) -> str:
    return "sha256:" + hashlib.sha256(canonical(data)).hexdigest()


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


def write_json(path: Path, kind: str, version: int, data: Any) -> None:
    """Atomically replace ``path`` with a checksummed envelope around ``data``; keep the old file as ``.bak``.

    Raises OSError when the disk refuses (full, read-only); the previous file is then untouched.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    envelope = {"format": FORMAT, "kind": kind, "version": version, "checksum": checksum(data), "data": data}
    payload = json.dumps(envelope, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists() and _is_good(path, kind):
            _copy_durably(path, backup_path(path))
        os.replace(tmp, path)
        _fsync_dir(path.parent)
    except BaseException:
        try:
            tmp.unlink()
        except OSError:
            pass
        raise


def _copy_durably(src: Path, dst: Path) -> None:
    fd, tmp_name = tempfile.mkstemp(prefix=f".{dst.name}.", suffix=".tmp", dir=dst.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        shutil.copyfile(src, tmp)
        with open(tmp, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, dst)
    except BaseException:
        try:
            tmp.unlink()
        except OSError:
            pass
        raise


def _is_good(path: Path, kind: str) -> bool:
    try:
        _parse(path, kind)
        return True
    except (DamagedFile, SaveTooNewError, OSError):
        return False


def _parse(path: Path, kind: str) -> tuple[int, Any]:
    """(version, data) of a trustworthy file; DamagedFile otherwise."""
    raw = path.read_bytes()
    try:
        envelope = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise DamagedFile(f"not readable JSON: {exc}") from None
    if not isinstance(envelope, dict) or envelope.get("format") != FORMAT or envelope.get("kind") != kind:
        raise DamagedFile("not a SafePath save of this kind")
    version = envelope.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise DamagedFile("no valid version")
    if "data" not in envelope or envelope.get("checksum") != checksum(envelope["data"]):
        raise DamagedFile("checksum does not match (file truncated or edited)")
    return version, envelope["data"]


@dataclass
class ReadResult:
    data: Any  # None when starting fresh
    notices: list[Notice]
    version: int = 0


def read_json(
    path: Path,
    kind: str,
    version: int,
    migrations: dict[int, Callable[[Any], Any]] | None = None,
    validate: Callable[[Any], Any] | None = None,
) -> ReadResult:
    """Load ``path``, recovering from ``.bak`` when damaged. See the module docstring.

    ``migrations[n]`` turns version-``n`` data into version ``n+1``. ``validate`` may
    raise ValueError/TypeError/KeyError for data that parses but makes no sense;
    such a file counts as damaged.
    """
    path = Path(path)
    bak = backup_path(path)
    notices: list[Notice] = []
    if not path.exists() and not bak.exists():
        return ReadResult(None, notices)
    problems: list[Path] = []
    for candidate in (path, bak):
        if not candidate.exists():
            continue
        try:
            found, data = _parse(candidate, kind)
            if found > version:
                raise SaveTooNewError(candidate, found, version)
            data = _migrate(data, found, version, migrations or {})
            if validate is not None:
                data = validate(data)
        except SaveTooNewError:
            raise
        except (DamagedFile, ValueError, TypeError, KeyError, AttributeError, OSError):
            problems.append(candidate)
            continue
        if candidate == bak:
            # The main file is damaged or missing; keep the bad one and put the good copy back.
            if path.exists():
                _keep_corrupt(path)
                notices.append(Notice(RESTORED))
            try:
                _copy_durably(bak, path)
            except OSError:
                pass
        return ReadResult(data, notices, found)
    kept = [_keep_corrupt(p) for p in problems if p.exists()]
    name = kept[0].name if kept else path.name
    notices.append(Notice(STARTED_FRESH, {"name": name}, serious=True))
    return ReadResult(None, notices)


def _migrate(data: Any, found: int, target: int, migrations: dict[int, Callable[[Any], Any]]) -> Any:
    for step in range(found, target):
        if step not in migrations:
            raise DamagedFile(f"no migration from save version {step}")
        data = migrations[step](data)
    return data


def _keep_corrupt(path: Path) -> Path:
    """Rename a bad file out of the way without ever deleting it."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
    try:
        os.replace(path, target)
    except OSError:
        return path
    return target
