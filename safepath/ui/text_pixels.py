"""The first frame's drawn text, kept on disk as pixels so the next start need not draw it again.

With the layouts stored (:mod:`safepath.ui.layout_cache`), drawing the title screen's text is
still about 4 ms of the game's start on this project's machine (benchmarks/bench_game.py): each
font's first use sets up HarfBuzz and FreeType, then every run is rasterised. The result is the
same every start. After the first frame the game writes the paragraphs that frame drew
(:func:`store`, from the same background thread as the layouts); the next start reads them back
(:func:`preload`) and :func:`safepath.ui.textrender.render_paragraph` takes them instead of
drawing again, each once.

The file is a JSON header line, then the raw pixels of each paragraph one after the other.
Every input of a paragraph is in its key (text, width, size, colour, bold, language, alignment,
font folder) or in the header's stamp: that of the layouts (fonts, the layout and drawing code,
pygame and SDL_ttf versions) and the pixel format of a transparent surface. Anything else, an
old stamp, a damaged or hostile file (the header is JSON and every length is checked against the
surface it is read into), a read-only disk, means drawing as before. Nothing here is ever needed.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pygame

from safepath.ui import textrender
from safepath.ui.cache import cache_dir, write_quietly
from safepath.ui.fonts import default_book

#: bump when the file's layout changes
FORMAT = 1
FILE_NAME = "first-frame-text.px"
#: bytes of pixels kept at most: a title screen's text is about 1 MB at 1280x720
BYTE_LIMIT = 8 * 2**20

Key = tuple


def cache_file() -> Path | None:
    folder = cache_dir("layouts")
    return folder / FILE_NAME if folder is not None else None


def _pixel_format() -> list:
    probe = pygame.Surface((1, 1), pygame.SRCALPHA)
    return [probe.get_bitsize(), list(probe.get_masks())]


def stamp(font_folder: Path) -> list:
    """What every stored paragraph depends on besides its key."""
    from safepath.ui.layout_cache import stamp as layout_stamp

    return [FORMAT, layout_stamp(font_folder), _pixel_format()]


def _key_from_json(raw: Any) -> Key:
    """A key as :func:`safepath.ui.textrender.render_paragraph` makes it; ValueError for anything else."""
    if not isinstance(raw, list) or len(raw) != 8:
        raise ValueError("not a key")
    folder, text, width, size, color, bold, lang, align = raw
    if not (isinstance(folder, str) and isinstance(text, str) and _is_int(width) and _is_int(size)
            and isinstance(color, list) and all(_is_int(c) and 0 <= c <= 255 for c in color)
            and isinstance(bold, bool) and (lang is None or isinstance(lang, str)) and isinstance(align, str)):
        raise ValueError("not a key")
    return folder, text, width, size, tuple(color), bold, lang, align


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def read(path: Path | None, font_folder: Path) -> dict[Key, pygame.Surface]:
    """The paragraphs stored in ``path`` for these fonts and this code; empty when there are none to trust."""
    if path is None:
        return {}
    try:
        with open(path, "rb") as handle:
            header = json.loads(handle.readline(2**20).decode("utf-8"))
            if not isinstance(header, dict) or header.get("stamp") != stamp(font_folder):
                return {}
            entries = header.get("entries")
            if not isinstance(entries, list):
                return {}
            out: dict[Key, pygame.Surface] = {}
            total = 0
            for entry in entries:
                if not isinstance(entry, list) or len(entry) != 3 or not (_is_int(entry[1]) and _is_int(entry[2])):
                    return {}
                key, (w, h) = _key_from_json(entry[0]), (entry[1], entry[2])
                total += w * h * 4
                if not (0 < w <= 16384 and 0 < h <= 16384) or total > BYTE_LIMIT:
                    return {}  # never more memory than a real file could ask for
                surface = pygame.Surface((w, h), pygame.SRCALPHA)
                view = surface.get_view("0")
                complete = handle.readinto(view) == view.length
                del view  # the surface is locked while a view of it exists
                if not complete:
                    return {}
                out[key] = surface
            return out if not handle.read(1) else {}
    except (OSError, ValueError, TypeError, RecursionError, pygame.error):
        return {}


def preload() -> set[Key]:
    """Hand the stored paragraphs to the text renderer and record what is drawn next; the keys found."""
    found = read(cache_file(), default_book().folder)
    textrender.use_stored_surfaces(found)
    textrender.record_surfaces()
    return set(found)


Pixels = tuple[int, int, bytes]


def snapshot(surfaces: dict[Key, pygame.Surface]) -> dict[Key, Pixels]:
    """Each paragraph's size and raw pixels, taken now (on the drawing thread: a surface whose pixels
    are being read is locked, and a blit of it from another thread would fail)."""
    out = {}
    for key, surface in surfaces.items():
        w, h = surface.get_size()
        if w > 0 and h > 0 and surface.get_flags() & pygame.SRCALPHA:
            out[key] = (w, h, surface.get_view("0").raw)
    return out


def store(paragraphs: dict[Key, Pixels], known: set[Key] | None = None, path: Path | None = None,
          font_folder: Path | None = None) -> bool:
    """Keep ``paragraphs`` (the first frame's, from :func:`snapshot`) on disk; False when unchanged or not written.

    Nothing is written when every one was read from the file already (a start like the last one).
    """
    known = known or set()
    if all(key in known for key in paragraphs):
        return False
    path = path if path is not None else cache_file()
    if path is None:
        return False
    folder = Path(font_folder) if font_folder is not None else default_book().folder
    entries, chunks, total = [], [], 0
    for key, (w, h, pixels) in paragraphs.items():
        if total + len(pixels) > BYTE_LIMIT:
            break
        entries.append([[*key[:4], list(key[4]), *key[5:]], w, h])
        chunks.append(pixels)
        total += len(pixels)
    header = json.dumps({"stamp": stamp(folder), "entries": entries}, ensure_ascii=False, separators=(",", ":"))
    return write_quietly(path, header.encode("utf-8") + b"\n" + b"".join(chunks))
