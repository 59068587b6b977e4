"""Where SafePath finds its data, and where a person's own additions go.

This is the one module that knows how the game was started; everything else asks it.

* **From a checkout or an editable install** (``pip install -e .``): the bundled folders
  (``content/``, ``locales/``, ``assets/``) sit beside the package.
* **Frozen** (the one-folder bundle of :mod:`safepath.packaging`, made by PyInstaller):
  they sit in the bundle's data folder, ``sys._MEIPASS`` (``SafePath/_internal/``).
* ``SAFEPATH_ROOT`` overrides both, for unusual layouts.

Beside the program (:func:`app_dir`: the folder holding the ``SafePath`` executable, or
the checkout) live the things a person adds without rebuilding anything:

* ``local/content/scenarios/*.yaml``, ``local/content/helplines.yaml`` and
  ``local/locales/LANG/LC_MESSAGES/*.po``: an NGO's own stories, helplines and
  translations (:func:`local_dir`);
* ``portable.txt``: a marker saying "keep the saves next to me" (a USB stick that moves
  between laptops), as ``--portable`` does; the saves then go to ``userdata/`` there.

``SAFEPATH_APP_DIR`` overrides :func:`app_dir` (tests, and a bundle tried out from
another folder).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

#: the file whose presence next to the program makes it keep saves next to itself
PORTABLE_MARKER = "portable.txt"


def is_frozen() -> bool:
    """Whether this is the one-folder bundle (PyInstaller sets ``sys.frozen``)."""
    return bool(getattr(sys, "frozen", False))


def package_dir() -> Path:
    """The ``safepath`` package folder (in a bundle it holds no source files)."""
    return Path(__file__).resolve().parent


def project_root() -> Path:
    """The folder that holds ``content/``, ``locales/`` and ``assets/``."""
    override = os.environ.get("SAFEPATH_ROOT")
    if override:
        return Path(override)
    if is_frozen():
        return Path(getattr(sys, "_MEIPASS", Path(sys.executable).resolve().parent))
    return package_dir().parent


def app_dir() -> Path:
    """The folder a person sees: beside the ``SafePath`` program of a bundle, or the checkout."""
    override = os.environ.get("SAFEPATH_APP_DIR")
    if override:
        return Path(override)
    if is_frozen():
        return Path(sys.executable).resolve().parent
    return project_root()


def content_dir() -> Path:
    return project_root() / "content"


def scenarios_dir() -> Path:
    return content_dir() / "scenarios"


def locales_dir() -> Path:
    return project_root() / "locales"


def assets_dir() -> Path:
    return project_root() / "assets"


def fonts_dir() -> Path:
    return assets_dir() / "fonts"


def own_folder(content: str | Path) -> Path | None:
    """The author's own folder for a story file or content folder outside the game, or ``None``.

    An NGO keeps its stories in ``FOLDER/content/scenarios/`` and their translations in
    ``FOLDER/locales/``, beside ``content/``, just as the game keeps its own. The folder is
    found from the stories the same way every command finds them: the nearest folder named
    ``content`` at or above the path, and the folder holding it. The game's own content
    gives ``None``: its catalogs are the bundled ones.
    """
    path = Path(content).resolve()
    bundled = content_dir().resolve()
    if path == bundled or bundled in path.parents:
        return None
    for folder in (path, *path.parents):
        if folder.name == "content":
            return folder.parent
    return None


def own_locales(content: str | Path) -> Path | None:
    """``locales/`` of the author's own folder (see :func:`own_folder`), if it has one."""
    folder = own_folder(content)
    if folder is None or not (folder / "locales").is_dir():
        return None
    return folder / "locales"
# -- what a person adds next to the program ------------------------------------------------------------
def local_dir() -> Path:
    """``local/`` beside the program: an NGO's own content, read on every start, no rebuild needed."""
    return app_dir() / "local"


def local_content_dir() -> Path:
    return local_dir() / "content"


def local_scenarios_dir() -> Path:
    return local_content_dir() / "scenarios"


def local_helplines_file() -> Path:
    return local_content_dir() / "helplines.yaml"


def local_locales_dir() -> Path:
    return local_dir() / "locales"


def portable_marker() -> Path:
    return app_dir() / PORTABLE_MARKER


def is_portable() -> bool:
    """Whether the portable marker file is there (then saves stay next to the program)."""
    return portable_marker().is_file()


def portable_data_dir() -> Path:
    return app_dir() / "userdata"


def shown(path: str | Path) -> str:
    """``path`` as a person finds it: relative to :func:`app_dir` when it is inside (``local/content/...``)."""
    try:
        return Path(path).resolve().relative_to(app_dir().resolve()).as_posix()
    except (ValueError, OSError):
        return str(path)


def user_cache_root() -> Path:
    """The game's folder in the user's cache (``~/.cache/safepath`` on Linux), as platformdirs says.

    On Linux the common case, ``$XDG_CACHE_HOME`` or ``$HOME/.cache`` given as absolute paths, is
    worked out here: ``import platformdirs`` (its Unix module pulls in tempfile and more) is about
    1.5 ms of a start that reads two caches before its first frame (benchmarks/bench_game.py).
    Everything else (Windows, macOS, Android, a relative or missing ``$HOME``) asks platformdirs,
    which raises when there is no home folder at all.
    """
    if sys.platform == "linux" and not (os.environ.get("ANDROID_DATA") or os.environ.get("ANDROID_ROOT")):
        xdg = os.environ.get("XDG_CACHE_HOME", "")
        if os.path.isabs(xdg):
            return Path(xdg) / "safepath"
        home = os.environ.get("HOME", "")
        if os.path.isabs(home):
            return Path(home) / ".cache" / "safepath"
    import platformdirs

    return Path(platformdirs.user_cache_dir("safepath", appauthor=False))
