"""Which characters the game's fonts can draw, read from the fonts' own tables.

The checks need to know, without pygame, whether a character in a story or a
translation will show as an empty box. A TrueType font lists the characters it
has in its ``cmap`` table; reading the two subtable formats Noto fonts use
(4 for the Basic Multilingual Plane, 12 for everything) takes a few
milliseconds per font and needs no font library. The result is cached per
process.
"""

from __future__ import annotations

import struct
import unicodedata
from functools import lru_cache
from pathlib import Path

from safepath import paths

#: The regular faces the game draws text with (bold faces cover the same characters).
SHIPPED_FONTS = ("NotoSans-Regular.ttf", "NotoSansThai-Regular.ttf", "NotoSansMyanmar-Regular.ttf")


def _cmap_codepoints(data: bytes) -> set[int]:
    """Every code point mapped to a glyph by the font's best Unicode cmap subtable."""
    num_tables = struct.unpack_from(">H", data, 4)[0]
    cmap_offset = None
    for i in range(num_tables):
        tag, _checksum, offset, _length = struct.unpack_from(">4sIII", data, 12 + 16 * i)
        if tag == b"cmap":
            cmap_offset = offset
    if cmap_offset is None:
        return set()
    count = struct.unpack_from(">H", data, cmap_offset + 2)[0]
    subtables = {}
    for i in range(count):
        platform, encoding, offset = struct.unpack_from(">HHI", data, cmap_offset + 4 + 8 * i)
        fmt = struct.unpack_from(">H", data, cmap_offset + offset)[0]
        subtables[(platform, encoding, fmt)] = cmap_offset + offset
    for key in ((3, 10, 12), (0, 4, 12), (0, 6, 12), (3, 1, 4), (0, 3, 4), (0, 4, 4)):
        if key in subtables:
            start = subtables[key]
            return _format12(data, start) if key[2] == 12 else _format4(data, start)
    return set()


def _format4(data: bytes, start: int) -> set[int]:
    seg_count = struct.unpack_from(">H", data, start + 6)[0] // 2
    ends = struct.unpack_from(f">{seg_count}H", data, start + 14)
    starts = struct.unpack_from(f">{seg_count}H", data, start + 16 + 2 * seg_count)
    deltas = struct.unpack_from(f">{seg_count}h", data, start + 16 + 4 * seg_count)
    range_base = start + 16 + 6 * seg_count
    offsets = struct.unpack_from(f">{seg_count}H", data, range_base)
    out = set()
    for i in range(seg_count):
        for code in range(starts[i], ends[i] + 1):
            if code == 0xFFFF:
                continue
            if offsets[i] == 0:
                glyph = (code + deltas[i]) & 0xFFFF
            else:
                where = range_base + 2 * i + offsets[i] + 2 * (code - starts[i])
                glyph = struct.unpack_from(">H", data, where)[0]
                if glyph:
                    glyph = (glyph + deltas[i]) & 0xFFFF
            if glyph:
                out.add(code)
    return out


def _format12(data: bytes, start: int) -> set[int]:
    groups = struct.unpack_from(">I", data, start + 12)[0]
    out = set()
    for i in range(groups):
        first, last, _glyph = struct.unpack_from(">III", data, start + 16 + 12 * i)
        out.update(range(first, last + 1))
    return out


@lru_cache(maxsize=4)
def covered_codepoints(fonts_dir: str | None = None) -> frozenset[int]:
    """The union of what the shipped fonts can draw; empty when no font could be read."""
    folder = Path(fonts_dir) if fonts_dir else paths.fonts_dir()
    covered: set[int] = set()
    for name in SHIPPED_FONTS:
        try:
            covered |= _cmap_codepoints((folder / name).read_bytes())
        except (OSError, struct.error):
            continue
    return frozenset(covered)


def uncovered_characters(text: str, fonts_dir: str | None = None) -> list[str]:
    """Characters of ``text`` that would show as a box (spaces and invisible controls aside)."""
    covered = covered_codepoints(fonts_dir)
    if not covered:
        return []  # no fonts to judge by: the font loader reports that problem itself
    out = []
    for ch in text:
        if ord(ch) in covered or ch in "\n\t" or unicodedata.category(ch) in ("Cc", "Cf", "Zs"):
            continue
        out.append(ch)
    return out
