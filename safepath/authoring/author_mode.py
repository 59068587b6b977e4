"""What ``safepath --author`` says in the terminal: what it watches, and each reload's errors as lint prints them.

The game's own overlay shows the errors on screen; an author often looks at the terminal
beside the editor instead, and before this printed nothing at all: not which folder was
watched, not why a saved story did not come back. The messages here are for the author, in
English like the rest of the command line, and the errors are exactly ``safepath lint``'s
(file:line:col, the source line with a caret, the hint).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable, Iterable

from safepath.story.diagnostics import Diagnostic, format_all


def story_files(content_dir: Path) -> list[Path]:
    return sorted(p for p in Path(content_dir).glob("*.y*ml") if p.suffix in (".yaml", ".yml"))


def watching(content_dir: Path, catalog_folders: Iterable[Path]) -> str:
    """The start-up line: the folder and stories watched, the catalogs too, and how a reload happens."""
    stories = story_files(content_dir)
    names = ", ".join(p.name for p in stories[:6]) + (", ..." if len(stories) > 6 else "")
    folders = [_near(Path(f)) for f in catalog_folders]
    out = [f"author mode: watching {len(stories)} stor{'y' if len(stories) == 1 else 'ies'} in {content_dir}"
           + (f" ({names})" if names else "")]
    out.append("  and the catalogs in " + " and ".join(folders))
    out.append("  save a file and the game reloads it within a second; F5 reloads at once")
    return "\n".join(out)


def _near(path: Path) -> str:
    """A folder as the author would type it: relative to where they stand when it is below that."""
    try:
        return Path(path).resolve().relative_to(Path.cwd().resolve()).as_posix() or "."
    except ValueError:
        return str(path)


def loaded(scenarios: dict, errors: dict[str, list[Diagnostic]]) -> str:
    """After a load or reload: what loads, then every error of each file that does not, as lint prints it."""
    if not errors:
        return f"author mode: {len(scenarios)} stor{'y' if len(scenarios) == 1 else 'ies'} loaded, no errors"
    diagnostics = [d for found in errors.values() for d in found]
    count = sum(d.is_error for d in diagnostics)
    out = [format_all(diagnostics),
           f"author mode: {len(errors)} file{'' if len(errors) == 1 else 's'} did not load "
           f"({count} error{'' if count == 1 else 's'}); the game keeps the last good version. "
           "Fix and save, and it reloads."]
    return "\n".join(out)


def missing_folder(content: str) -> str | None:
    """Why ``--content`` cannot be used, or None when it is a folder."""
    if os.path.isdir(content):
        return None
    if os.path.exists(content):
        return f"--content {content} is a file; give the folder that holds your stories (for example content/scenarios)"
    return (f"the story folder {content} does not exist (looked in {Path(content).resolve()}); "
            "give the folder that holds your stories, for example --content content/scenarios")


def say(text: str, write: Callable[[str], None] = print) -> None:
    write(text)
