"""The game's own cache folder: things it can always make again, kept so the next start is quicker.

``SAFEPATH_CACHE_DIR`` overrides the place (an empty value turns caching off), as for
the translation catalogs (:func:`safepath.i18n.catalogs.cache_dir`). Nothing in the
cache is ever needed: a read-only disk or a damaged file only means doing the work again.
"""

from __future__ import annotations

import os
from pathlib import Path


def cache_dir(name: str) -> Path | None:
    """The folder ``name`` inside the cache (not created here), or None when caching is off or impossible."""
    override = os.environ.get("SAFEPATH_CACHE_DIR")
    if override is not None:
        return Path(override) / name if override else None
    try:
        from safepath.paths import user_cache_root

        return user_cache_root() / name
    except Exception:  # no home folder, odd platform: run without a cache
        return None


def write_quietly(path: Path, data: bytes) -> bool:
    """Write ``path`` whole or not at all (temporary file, rename); False when the disk refuses."""
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, path)  # never a half file under the real name (another copy of the game may read it)
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise
        return True
    except OSError:
        return False
