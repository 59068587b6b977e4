"""Folders a player can move the saves to when the usual one cannot be written (issue 18, item 4).

A classroom laptop's player has no file manager open and may not know where "Documents" is; the game
shows the places that usually work (the home folder, Documents and Desktop, other USB sticks and disks,
the folder beside the program) and lets them open folders from there. The saves go into a folder named
``SafePath`` inside the one chosen (:func:`target_for`), so a chosen "Documents" is not littered with
``profiles.json`` and the like; a folder that already holds SafePath saves is used as it is.

No pygame: the screen is :mod:`safepath.scenes.save_folder`.
"""

from __future__ import annotations

import os
import string
from pathlib import Path

#: the folder made inside the chosen one
FOLDER_NAME = "SafePath"
#: files that say "this folder holds SafePath saves already"
SAVE_FILES = ("profiles.json", "settings.json", "results.json")
#: at most this many folders are listed in one folder (a folder of thousands would make a menu no one reads)
MAX_LISTED = 300


def shown(path: Path) -> str:
    """A path as text a screen can draw (names that are not valid Unicode get a replacement mark)."""
    return str(path).encode("utf-8", "replace").decode("utf-8")


def places(home: Path | None = None) -> list[Path]:
    """Folders to start from, each listed once: home, Documents, Desktop, USB sticks and disks, the program's."""
    home = Path(home) if home is not None else Path.home()
    found: list[Path] = [home / "Documents", home / "Desktop", home]
    if os.name == "nt":
        found += [Path(f"{letter}:\\") for letter in string.ascii_uppercase if letter not in "AB"]
    else:
        user = home.name
        for base in (Path("/media") / user, Path("/run/media") / user, Path("/media"), Path("/mnt"), Path("/Volumes")):
            found += children(base)
    try:
        from safepath import paths

        found.append(paths.app_dir())
    except (ImportError, OSError):
        pass
    out: list[Path] = []
    for place in found:
        try:
            if place.is_dir() and place not in out:
                out.append(place)
        except OSError:
            continue
    return out


def children(folder: Path) -> list[Path]:
    """The folders inside ``folder`` a player would open, by name (hidden ones left out); [] when unreadable."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name.casefold())
    except OSError:
        return []
    out = []
    for entry in entries:
        if entry.name.startswith((".", "$")):
            continue
        try:
            if entry.is_dir():
                out.append(Path(entry.path))
        except OSError:
            continue
        if len(out) >= MAX_LISTED:
            break
    return out


def holds_saves(folder: Path) -> bool:
    try:
        return any((folder / name).is_file() for name in SAVE_FILES)
    except OSError:
        return False


def target_for(chosen: Path) -> Path:
    """Where the saves go when ``chosen`` is picked: it, if it holds saves or is a SafePath folder; else a
    ``SafePath`` folder inside it."""
    chosen = Path(chosen)
    if chosen.name.casefold() in (FOLDER_NAME.casefold(), "userdata") or holds_saves(chosen):
        return chosen
    return chosen / FOLDER_NAME
