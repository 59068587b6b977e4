"""The first frame's text layouts, kept on disk so the next start need not lay them out again.

Laying out the title screen's text (ICU's line breaks, HarfBuzz-shaped widths of every
candidate line, in Burmese twice because the menu is squeezed once) is about a tenth of the
game's start on this project's machine, and the same every start: the same strings in the same
window with the same fonts. After the first frame the game writes the layouts that frame used
(:func:`store`, from a background thread); the next start reads them back (:func:`preload`)
and :func:`safepath.ui.textrender.laid_out` takes them instead of laying out again. The text
is still drawn with the real fonts: only the line breaks and run widths are remembered.

Every input of a layout is in its key (text, width, size, bold, language, font folder) or in
the file's stamp: the font files and the code that lays out (size and modification time), the
pygame and SDL_ttf versions. Anything else, an old stamp, a damaged or hostile file (JSON, never
pickle: the cache folder is writable by anyone using the account), a read-only disk, means laying
out as before. Nothing in the cache is ever needed (see :mod:`safepath.ui.cache`).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pygame

from safepath.text.layout import LaidLine, LaidRun
from safepath.ui import textrender
from safepath.ui.cache import cache_dir, write_quietly
from safepath.ui.fonts import FONT_FILES, default_book

#: bump when the file's layout changes
FORMAT = 1
#: layouts kept at most (a title screen uses about 25: two languages or window sizes fit; reading 64 takes ~1 ms)
LIMIT = 64
FILE_NAME = "first-frame-layouts.json"

#: the modules whose code decides a layout: editing one (a developer) makes the stored layouts old
_LAYOUT_MODULES = ("safepath.text.layout", "safepath.text.breaks", "safepath.text.scripts",
                   "safepath.text.invisible", "safepath.ui.fonts", "safepath.ui.textrender")

Key = tuple[str, str, int, int, bool, "str | None"]


def cache_file() -> Path | None:
    folder = cache_dir("layouts")
    return folder / FILE_NAME if folder is not None else None


def _file_stamp(path: Path | str | None) -> list:
    try:
        st = Path(path).stat()
        return [Path(path).name, st.st_size, st.st_mtime_ns]
    except (OSError, TypeError):  # a frozen bundle's modules have no file: its version stands for them
        return [str(path), None, None]


def stamp(font_folder: Path) -> list:
    """What every stored layout depends on besides its key: fonts, layout code, shaping library."""
    import importlib.util
    import sys

    import safepath

    parts: list[Any] = [FORMAT, getattr(safepath, "__version__", ""), pygame.version.ver,
                        list(pygame.font.get_sdl_ttf_version()) if pygame.font.get_init() else None]
    for name in sorted(set(FONT_FILES.values())):
        parts.append(_file_stamp(Path(font_folder) / name))
    for module in _LAYOUT_MODULES:
        parts.append(_file_stamp(getattr(sys.modules.get(module), "__file__", None)))
    icu = importlib.util.find_spec("icu4py")  # ICU's version decides the line breaks (found, not imported)
    parts.append(_file_stamp(icu.origin if icu is not None else None))
    return parts


def _line_to_json(line: LaidLine) -> list:
    return [line.text, line.trailing, [[r.text, r.script, r.x, r.width] for r in line.runs],
            line.width, line.y, line.height, line.baseline]


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _line_from_json(raw: Any) -> LaidLine:
    """One line as stored; ValueError for anything that is not exactly what :func:`_line_to_json` writes."""
    if not isinstance(raw, list) or len(raw) != 7:
        raise ValueError("not a line")
    text, trailing, runs, width, y, height, baseline = raw
    if not (isinstance(text, str) and isinstance(trailing, str) and isinstance(runs, list)
            and all(_is_int(v) for v in (width, y, height, baseline))):
        raise ValueError("not a line")
    laid_runs = []
    for run in runs:
        if not (isinstance(run, list) and len(run) == 4 and isinstance(run[0], str) and isinstance(run[1], str)
                and _is_int(run[2]) and _is_int(run[3])):
            raise ValueError("not a run")
        laid_runs.append(LaidRun(run[0], run[1], run[2], run[3]))
    return LaidLine(text, trailing, tuple(laid_runs), width, y, height, baseline)


def _entry_from_json(raw: Any) -> tuple[Key, list[LaidLine]]:
    if not isinstance(raw, list) or len(raw) != 7:
        raise ValueError("not an entry")
    folder, text, width, size, bold, lang, lines = raw
    if not (isinstance(folder, str) and isinstance(text, str) and _is_int(width) and _is_int(size)
            and isinstance(bold, bool) and (lang is None or isinstance(lang, str)) and isinstance(lines, list)):
        raise ValueError("not an entry")
    return (folder, text, width, size, bold, lang), [_line_from_json(line) for line in lines]


def read(path: Path | None, font_folder: Path) -> dict[Key, list[LaidLine]]:
    """The layouts stored in ``path`` for these fonts and this code; empty when there are none to trust."""
    if path is None:
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or data.get("stamp") != stamp(font_folder) or not isinstance(data.get("layouts"), list):
            return {}
        return dict(_entry_from_json(raw) for raw in data["layouts"])
    except (OSError, ValueError, TypeError, RecursionError):
        return {}


def preload() -> dict[Key, list[LaidLine]]:
    """Hand the stored layouts of the game's own fonts to the text renderer and record what is laid out next.

    Returns the stored layouts (for :func:`store`, with ``textrender.recorded_layouts()`` after the first frame).
    """
    found = read(cache_file(), default_book().folder)
    textrender.use_stored_layouts(found)
    textrender.record_layouts()
    return found


def store(layouts: dict[Key, list[LaidLine]], known: dict[Key, list[LaidLine]] | None = None,
          path: Path | None = None, font_folder: Path | None = None) -> bool:
    """Keep ``layouts`` (the first frame's) on disk, with those of ``known`` still room for; False if unchanged.

    Nothing is written when every layout of ``layouts`` was read from the file already
    (a start like the last one writes nothing). The newest come first and stay.
    """
    known = known or {}
    if all(key in known for key in layouts):
        return False
    path = path if path is not None else cache_file()
    if path is None:
        return False
    merged = dict(layouts)
    for key, lines in known.items():
        if len(merged) >= LIMIT:
            break
        merged.setdefault(key, lines)
    folder = Path(font_folder) if font_folder is not None else default_book().folder
    entries = [[*key, [_line_to_json(line) for line in lines]] for key, lines in list(merged.items())[:LIMIT]]
    data = {"stamp": stamp(folder), "layouts": entries}
    return write_quietly(path, json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
