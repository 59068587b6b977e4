"""Checks of what an NGO drops next to the game, in ``local/`` (see :mod:`safepath.paths`).

Its own stories (``local/content/scenarios/*.yaml``) are read with the bundled ones
by the app, and a broken one is listed on the scenario picker like any story that
failed to load. This module checks the other two kinds of file, which the game
reads quietly when they are fine:

* ``local/content/helplines.yaml`` (and ``helplines.yaml`` in the data folder):
  errors leave the bad entries out (:func:`safepath.story.helplines.load_helplines`);
* ``local/locales/LANG/LC_MESSAGES/DOMAIN.po``: a broken file, or a broken entry, is
  left out (:mod:`safepath.i18n.local`).

Each problem is one plain line naming the file and line, shown on the picker under
"This added file could not be used", printed by ``safepath --selftest``, and never
a reason to stop the game.
"""

from __future__ import annotations

from pathlib import Path

from safepath import paths


def helpline_problems(data_dir: str | Path | None = None) -> list[str]:
    """Errors in the local helpline files (the bundled file is checked by the tests, not here)."""
    from safepath.story import helplines as hl

    files = hl.default_paths(data_dir)
    if len(files) == 1 or not any(f.is_file() for f in files[1:]):
        return []
    bundled = str(files[0])
    _entries, diags = hl.load_helplines(paths=files, check_age=False)
    return [f"{paths.shown(d.file)}:{max(1, d.line)}: {d.message}" for d in diags
            if d.is_error and str(d.file) != bundled]


def translation_problems(folder: Path | None = None) -> list[str]:
    """Problems of every local ``.po`` file."""
    from safepath.i18n.local import local_files, local_table

    root = folder or paths.local_locales_dir()
    out: list[str] = []
    for po in local_files(root):
        lang, domain = po.parent.parent.name, po.stem
        out.extend(local_table(lang, domain, root)[1])
    return out


def file_problems(data_dir: str | Path | None = None) -> list[str]:
    """Every problem of the local helpline and translation files, one plain line each."""
    return helpline_problems(data_dir) + translation_problems()


def story_files() -> list[Path]:
    """The NGO's own story files beside the program."""
    folder = paths.local_scenarios_dir()
    try:
        return sorted(p for p in folder.glob("*.y*ml") if p.suffix in (".yaml", ".yml"))
    except OSError:
        return []
