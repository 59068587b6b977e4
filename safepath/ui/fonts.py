"""The game's fonts, always with their script set, and a measure function for the layout.

SDL_ttf (inside pygame-ce) shapes Thai and Burmese with HarfBuzz only after
``Font.set_script()``: a Font created without it draws Burmese with the wrong
letter order and visible viramas, and Thai tone marks collide with ำ. So no
code outside this module creates a ``pygame.font.Font`` for text: every font
comes from :class:`FontBook`, which sets the script once, right after loading.

Fonts are cached per (script, size, bold); widths per (text, script, size, bold).
A missing or damaged font file raises :class:`FontMissingError` whose message
names the file and the folder, which the app shows to the player as it is.
"""

from __future__ import annotations

import struct
from collections import OrderedDict
from pathlib import Path

import pygame

from safepath import paths
from safepath.text.scripts import LATIN, MYANMAR, SCRIPTS, THAI

FONT_FILES = {
    (LATIN, False): "NotoSans-Regular.ttf",
    (LATIN, True): "NotoSans-Bold.ttf",
    (THAI, False): "NotoSansThai-Regular.ttf",
    (THAI, True): "NotoSansThai-Bold.ttf",
    (MYANMAR, False): "NotoSansMyanmar-Regular.ttf",
    (MYANMAR, True): "NotoSansMyanmar-Bold.ttf",
}


#: system monospace fonts for the author's error overlay, best first (none is shipped: the
#: overlay is for authors, and falls back to the game's Latin font with the caret still placed
#: by measuring, so it points at the right letter either way)
MONO_CANDIDATES = ("dejavusansmono", "notosansmono", "liberationmono", "consolas", "couriernew", "menlo", "monospace")


class FontMissingError(Exception):
    """A font file the game needs is missing or cannot be read (the message is meant for people)."""


_SFNT_MAGIC = (b"\x00\x01\x00\x00", b"true", b"OTTO")
_REQUIRED_TABLES = (b"cmap", b"head", b"hhea", b"hmtx", b"maxp")

#: letters each script's font must have: a few of the script's basic letters, vowels and signs
#: (a font of another script, or a cut-down copy, lacks them and would draw boxes)
REQUIRED_LETTERS = {
    LATIN: "AZaz09",
    THAI: "\u0e01\u0e2e\u0e33\u0e48\u0e49",  # ก ฮ ำ ่ ้
    MYANMAR: "\u1000\u1021\u103a\u103c\u1040",  # က အ ် ြ ၀
}
_SCRIPT_NAMES = {LATIN: "Latin", THAI: "Thai", MYANMAR: "Burmese"}


def font_file_problem(path: Path, script: str | None = None) -> str | None:
    """Why ``path`` is not a usable font file, or ``None`` if it looks sound.

    SDL_ttf (pygame-ce 2.5.8) accepts some damaged files and then crashes the
    whole process on the first ``size()``; checking the header and that every table
    lies inside the file first turns that crash into a message. With ``script``,
    the font's character map must also hold that script's :data:`REQUIRED_LETTERS`.
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        return f"cannot be read ({exc.strerror or exc})"
    try:
        if data[:4] not in _SFNT_MAGIC:
            return "is damaged (it is not a TrueType or OpenType font)"
        count = struct.unpack_from(">H", data, 4)[0]
        tables = {}
        for i in range(count):
            tag, _checksum, offset, length = struct.unpack_from(">4sIII", data, 12 + 16 * i)
            if offset + length > len(data):
                return "is damaged (cut short)"
            tables[tag] = (offset, length)
    except struct.error:
        return "is damaged (cut short)"
    tags = set(tables)
    missing = [t.decode() for t in _REQUIRED_TABLES if t not in tags]
    if missing or not ({b"glyf", b"loca"} <= tags or b"CFF " in tags or b"CFF2" in tags):
        return "is damaged (tables missing)"
    if script is not None:
        try:
            lacking = [ch for ch in REQUIRED_LETTERS[script] if not _has_glyph(data, *tables[b"cmap"], ord(ch))]
        except (struct.error, ValueError):
            return "is damaged (its character map cannot be read)"
        if lacking:
            return f"is damaged or the wrong font (it has no {_SCRIPT_NAMES[script]} letters such as {lacking[0]})"
    return None


def _has_glyph(data: bytes, offset: int, length: int, codepoint: int) -> bool:
    """Whether the font's ``cmap`` table (at ``offset``) maps ``codepoint`` to a real glyph.

    Reads the Unicode subtables of format 4 (BMP) and 12 (full range), which every
    TrueType/OpenType font made this century carries; raises ValueError if it has neither.
    """
    end = offset + length
    _version, count = struct.unpack_from(">HH", data, offset)
    subtables = {}
    for i in range(count):
        platform, encoding, sub = struct.unpack_from(">HHI", data, offset + 4 + 8 * i)
        if (platform == 0 or (platform == 3 and encoding in (1, 10))) and offset + sub < end:
            subtables.setdefault(struct.unpack_from(">H", data, offset + sub)[0], offset + sub)
    if 12 in subtables:
        at = subtables[12]
        groups = struct.unpack_from(">I", data, at + 12)[0]
        for g in range(groups):
            first, last, glyph = struct.unpack_from(">III", data, at + 16 + 12 * g)
            if first <= codepoint <= last:
                return glyph + (codepoint - first) != 0
        return False
    if 4 in subtables and codepoint <= 0xFFFF:
        at = subtables[4]
        segments = struct.unpack_from(">H", data, at + 6)[0] // 2
        ends = at + 14
        starts = ends + 2 * segments + 2
        deltas = starts + 2 * segments
        range_offsets = deltas + 2 * segments
        for i in range(segments):
            if struct.unpack_from(">H", data, ends + 2 * i)[0] < codepoint:
                continue
            start = struct.unpack_from(">H", data, starts + 2 * i)[0]
            if start > codepoint:
                return False
            delta = struct.unpack_from(">h", data, deltas + 2 * i)[0]
            range_offset = struct.unpack_from(">H", data, range_offsets + 2 * i)[0]
            if range_offset == 0:
                return (codepoint + delta) & 0xFFFF != 0
            glyph = struct.unpack_from(">H", data, range_offsets + 2 * i + range_offset + 2 * (codepoint - start))[0]
            return glyph != 0 and (glyph + delta) & 0xFFFF != 0
        return False
    if 4 in subtables:
        return False
    raise ValueError("no Unicode character map")


#: fonts kept open at once (script, size, weight), least recently used closed first. Each open face holds
#: about 140 KB (FreeType's face and glyph cache, HarfBuzz's tables); three text sizes in three scripts
#: open some 75 over a session, 11 MB. One screen uses a dozen or two; reopening one takes half a millisecond.
MAX_FONTS = 32


class FontBook:
    """Loads, caches and measures the game's fonts.

    ``folder`` defaults to :func:`safepath.paths.fonts_dir`. A ``FontBook`` is
    cheap to create; fonts load on first use.
    """

    def __init__(self, folder: Path | str | None = None, max_widths: int = 8192, max_fonts: int = MAX_FONTS) -> None:
        self.folder = Path(folder) if folder is not None else paths.fonts_dir()
        self._fonts: OrderedDict[tuple[str, int, bool], pygame.font.Font] = OrderedDict()
        self._max_fonts = max(1, int(max_fonts))
        self._widths: OrderedDict[tuple[str, str, int, bool], int] = OrderedDict()
        self._max_widths = max_widths
        self._checked: set[Path] = set()
        self._mono_path: Path | None = None

    # -- fonts --------------------------------------------------------------------------------
    def path(self, script: str, bold: bool = False) -> Path:
        return self.folder / FONT_FILES[(script, bool(bold))]

    def check_files(self) -> None:
        """Raise :class:`FontMissingError` now unless every font file is there, sound, and has its letters.

        The app calls this at start, before the window opens: a damaged or wrong Burmese
        font must be named then, not when a player first picks Burmese mid-session.
        Each file is read once (its table directory and character map), and opened by SDL_ttf.
        """
        if not pygame.font.get_init():
            pygame.font.init()
        for (script, bold) in FONT_FILES:
            path = self.path(script, bold)
            if not path.is_file():
                raise self._missing(path)
            problem = font_file_problem(path, script)
            if problem:
                raise self._missing(path, problem)
            self._checked.add(path)
            try:
                pygame.font.Font(str(path), 12)
            except (pygame.error, OSError) as exc:
                raise self._missing(path, f"cannot be read ({exc})") from None

    def _missing(self, path: Path, reason: str = "is missing") -> FontMissingError:
        return FontMissingError(f"the font file {path.name} {reason} (looked in the folder {path.parent})")

    def get(self, script: str, size: int, bold: bool = False) -> pygame.font.Font:
        """The font for ``script`` at ``size`` px, with ``set_script`` already called."""
        if not pygame.font.get_init():
            pygame.font.init()
            self._fonts.clear()  # fonts made before a pygame.font.quit() are no longer usable
        size = max(1, int(size))
        key = (script, size, bool(bold))
        font = self._fonts.get(key)
        if font is not None:
            try:
                font.get_height()
            except pygame.error:  # "font module quit since font created": reload every font
                self._fonts.clear()
                font = None
            else:
                self._fonts.move_to_end(key)
        if font is None:
            path = self.path(script, bold)
            if not path.is_file():
                raise self._missing(path)
            if path not in self._checked:
                problem = font_file_problem(path)
                if problem:
                    raise self._missing(path, problem)
                self._checked.add(path)
            try:
                font = pygame.font.Font(str(path), size)
            except (pygame.error, OSError) as exc:
                raise self._missing(path, f"cannot be read ({exc})") from None
            font.set_script(script)  # SDL_ttf shapes Thai and Burmese only with this (ISO 15924 code)
            self._keep(key, font)
        return font

    def _keep(self, key: tuple[str, int, bool], font: pygame.font.Font) -> None:
        """Keep ``font`` for next time; the least recently used goes once :data:`MAX_FONTS` are open."""
        self._fonts[key] = font
        while len(self._fonts) > self._max_fonts:
            self._fonts.popitem(last=False)

    def mono(self, size: int) -> pygame.font.Font:
        """A monospace font for Latin text (code, file names, carets); the game's Latin font if none is installed."""
        if self._mono_path is None:
            found = None
            try:
                found = pygame.font.match_font(",".join(MONO_CANDIDATES))
            except Exception:  # no font list on this system (fc-list missing, registry unreadable)
                found = None
            self._mono_path = Path(found) if found else self.path(LATIN)
            if found and font_file_problem(self._mono_path, LATIN):
                self._mono_path = self.path(LATIN)
        size = max(1, int(size))
        key = ("mono", size, False)
        font = self._fonts.get(key)
        if font is not None:
            try:
                font.get_height()
            except pygame.error:  # the font module was quit and started again since
                font = None
        if font is None:
            if not pygame.font.get_init():
                pygame.font.init()
            try:
                font = pygame.font.Font(str(self._mono_path), size)
            except (pygame.error, OSError):
                self._mono_path = self.path(LATIN)
                return self.get(LATIN, size)
            font.set_script(LATIN)
            self._keep(key, font)
        return font

    def code_font(self, script: str, size: int) -> pygame.font.Font:
        """The font for a run of code text: monospace for Latin, the game's font for Thai and Burmese."""
        return self.mono(size) if script == LATIN else self.get(script, size)

    def code_measurer(self, size: int):
        """``measure(run_text, script, bold)`` for code text drawn with :meth:`code_font`."""

        def measure(text: str, script: str, bold: bool = False) -> int:
            return self.code_font(script, size).size(text)[0] if text else 0

        return measure

    # -- measuring ----------------------------------------------------------------------------
    def text_width(self, text: str, script: str, size: int, bold: bool = False) -> int:
        """Shaped advance width of ``text`` drawn with the font for ``script`` (cached)."""
        key = (text, script, int(size), bool(bold))
        width = self._widths.get(key)
        if width is None:
            width = self.get(script, size, bold).size(text)[0] if text else 0
            self._widths[key] = width
            if len(self._widths) > self._max_widths:
                self._widths.popitem(last=False)
        else:
            self._widths.move_to_end(key)
        return width

    def measurer(self, size: int):
        """A ``measure(run_text, script, bold) -> px`` for :func:`safepath.text.layout.layout`."""

        def measure(text: str, script: str, bold: bool = False) -> int:
            return self.text_width(text, script, size, bold)

        return measure

    def line_metrics(self, scripts, size: int, bold: bool = False) -> tuple[int, int]:
        """(line height, baseline from the line's top) for text using ``scripts`` at ``size``.

        Taken from the fonts actually used: a Burmese line needs far more room
        than a Latin one (53 against 33 px at 24 px), so a paragraph's lines are
        as tall as its tallest font needs.
        """
        fonts = [self.get(s, size, bold) for s in (scripts or (LATIN,))]
        ascent = max(f.get_ascent() for f in fonts)
        descent = max(-f.get_descent() for f in fonts)
        height = max(max(f.get_linesize() for f in fonts), ascent + descent)
        return height, ascent


_default: FontBook | None = None


def default_book() -> FontBook:
    """The process-wide :class:`FontBook` over the shipped fonts."""
    global _default
    if _default is None:
        _default = FontBook()
    return _default


__all__ = ["FONT_FILES", "FontBook", "FontMissingError", "SCRIPTS", "default_book", "font_file_problem"]
