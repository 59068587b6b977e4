"""Where SafePath finds its bundled data.

The game is installed editable (``pip install -e .``) or run from a checkout,
so the bundled folders sit beside the package. ``SAFEPATH_ROOT`` overrides that
for unusual layouts (for example a frozen build).
"""

from __future__ import annotations

import os
from pathlib import Path


def project_root() -> Path:
    override = os.environ.get("SAFEPATH_ROOT")
    if override:
        return Path(override)
    return Path(__file__).resolve().parent.parent


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
