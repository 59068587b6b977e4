"""Writing a whole file so that a reader finds the old one or the new one, never half of either.

Reports, exports and the trainer's class sheets go onto USB sticks that are pulled out early and onto disks
that fill up: each file is written to a temporary name in the same folder, flushed to the disk, then renamed
over the real name (the rename is atomic on every file system the game runs on). Save files have their own,
stricter writer with backups (:mod:`safepath.saves.savefile`).
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path


def write_atomic(path: str | Path, payload: bytes) -> Path:
    """Write ``payload`` to ``path`` through a temporary file in the same folder; OSError when the disk refuses."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    try:
        with open(temp, "wb") as handle:
            handle.write(payload)
            handle.flush()
            try:
                os.fsync(handle.fileno())
            except OSError:
                pass  # some USB file systems cannot fsync; the rename below still never leaves half a file
        os.replace(temp, path)
    except BaseException:
        try:
            temp.unlink()
        except OSError:
            pass
        raise
    return path
