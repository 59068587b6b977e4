"""glibc's allocator, told to give memory back (issue 18, item 10).

On glibc Linux a long session's heap fragments: every thread may get its own malloc
arena, and freed pixel buffers below the (self-raising) mmap threshold stay in the
heap, so the resident size keeps its peak long after the surfaces are gone. At
start-up :func:`tune` caps the arenas at two, has buffers of 128 KiB and more
(a text line, a picture, a background) mmapped, so freeing one returns it to the
system, and trims the heap's top once 256 KiB are free; :func:`trim` (called when
the stack is cleared, e.g. back to the story list) hands free pages back.

Elsewhere (macOS, Windows, musl) both are no-ops and return False.
"""

from __future__ import annotations

import ctypes
import os
import sys

M_TRIM_THRESHOLD = -1
M_MMAP_THRESHOLD = -3
M_ARENA_MAX = -8

MMAP_THRESHOLD = 128 * 1024
TRIM_THRESHOLD = 256 * 1024
ARENA_MAX = 2

_libc: list = []


def _libc_name() -> str:
    """The C library's name and version ("glibc 2.36") on glibc, "" elsewhere.

    os.confstr answers at once; platform.libc_ver reads the interpreter's binary, and importing
    platform costs more than a millisecond of start-up."""
    try:
        return os.confstr("CS_GNU_LIBC_VERSION") or ""
    except (ValueError, OSError, AttributeError):
        return ""


def _glibc():
    """glibc's ``libc`` through ctypes, or None when this is not glibc Linux."""
    if _libc:
        return _libc[0]
    lib = None
    if sys.platform.startswith("linux") and _libc_name().startswith("glibc"):
        try:
            lib = ctypes.CDLL("libc.so.6")
            lib.mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
            lib.mallopt.restype = ctypes.c_int
            lib.malloc_trim.argtypes = [ctypes.c_size_t]
            lib.malloc_trim.restype = ctypes.c_int
        except (OSError, AttributeError):
            lib = None
    _libc.append(lib)
    return lib


def tune() -> bool:
    """Set the arena cap and the mmap and trim thresholds; True if glibc took all three."""
    lib = _glibc()
    if lib is None:
        return False
    ok = lib.mallopt(M_ARENA_MAX, ARENA_MAX) == 1
    ok = lib.mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD) == 1 and ok
    ok = lib.mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD) == 1 and ok
    return ok


def trim() -> bool:
    """Give the heap's free pages back to the system (glibc only); True if any went."""
    lib = _glibc()
    if lib is None:
        return False
    return bool(lib.malloc_trim(0))


__all__ = ["tune", "trim"]
