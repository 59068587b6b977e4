"""Where the report screen offers to save a report: USB sticks first, then the computer's own folders.

Trainers carry reports off a shared laptop on a USB stick, so plugged-in removable drives come first:
``/media/USER/*`` and ``/run/media/USER/*`` on Linux, ``/Volumes/*`` on macOS, removable drive letters on
Windows. Then the user's Documents folder and, for a portable copy of the game, the folder next to it.
Only folders that exist and can be written are offered.

``SAFEPATH_REPORT_PLACES`` (folders separated by the system's path separator, ``:`` or ``;``) replaces the
search: an NGO's IT person can point the screen at one share, and the tests set it empty so that no test
ever writes a report into a real Documents folder or stick. No pygame.
"""

from __future__ import annotations

import getpass
import os
import sys
from dataclasses import dataclass
from pathlib import Path

USB, DOCUMENTS, GAME = "usb", "documents", "game"


@dataclass(frozen=True)
class Place:
    path: Path
    kind: str  # USB, DOCUMENTS or GAME
    name: str  # what the trainer recognises: the stick's label, "Documents", ...


def _writable(path: Path) -> bool:
    return path.is_dir() and os.access(path, os.W_OK | os.X_OK)


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no user name on some stripped-down systems
        return ""


def removable() -> list[Place]:
    """Plugged-in USB sticks and other removable drives that can be written."""
    found: list[Path] = []
    if sys.platform.startswith("win"):
        found = _windows_removable()
    elif sys.platform == "darwin":
        volumes = Path("/Volumes")
        if volumes.is_dir():
            root = os.stat("/").st_dev
            found = [v for v in sorted(volumes.iterdir()) if v.is_dir() and os.stat(v).st_dev != root]
    else:
        user = _user()
        roots = [Path("/media") / user, Path("/run/media") / user, Path("/media")] if user else [Path("/media")]
        for root in roots:
            if root.is_dir():
                for entry in sorted(root.iterdir()):
                    if entry.is_dir() and os.path.ismount(entry) and entry not in found:
                        found.append(entry)
    return [Place(p, USB, p.name or str(p)) for p in found if _writable(p)]


def _windows_removable() -> list[Path]:
    try:
        import ctypes
        import string

        kernel = ctypes.windll.kernel32  # type: ignore[attr-defined]
        mask = kernel.GetLogicalDrives()
        out = []
        for i, letter in enumerate(string.ascii_uppercase):
            if mask >> i & 1:
                root = f"{letter}:\\"
                if kernel.GetDriveTypeW(ctypes.c_wchar_p(root)) == 2:  # DRIVE_REMOVABLE
                    out.append(Path(root))
        return out
    except Exception:  # not Windows after all, or no access: offer the other places
        return []


def documents() -> Path | None:
    try:
        import platformdirs

        path = Path(platformdirs.user_documents_dir())
    except Exception:
        path = Path.home() / "Documents"
    return path if _writable(path) else None


def places() -> list[Place]:
    """Every place the screen offers, USB sticks first."""
    chosen = os.environ.get("SAFEPATH_REPORT_PLACES")
    if chosen is not None:
        folders = [Path(p) for p in chosen.split(os.pathsep) if p.strip()]
        return [Place(p, USB if os.path.ismount(p) else DOCUMENTS, p.name or str(p)) for p in folders if _writable(p)]
    out = removable()
    docs = documents()
    if docs is not None:
        out.append(Place(docs, DOCUMENTS, docs.name))
    from safepath import paths

    if paths.is_portable() and _writable(paths.app_dir()):
        out.append(Place(paths.app_dir(), GAME, paths.app_dir().name))
    return out
