"""Caches of drawn pictures, capped by the bytes they hold (not by how many there are).

Old shared laptops have little memory. A cache capped by a count of entries holds
anything from a few kilobytes (a button label) to eight megabytes per entry (a
full-window background at 1920×1080), so its size depends on the window and the
text, not on what the laptop has. Every cache of surfaces in :mod:`safepath.ui`
is a :class:`SurfaceCache` instead: least recently used first out, once the bytes
of its surfaces pass its budget.

A budget is a number of *screens*: the bytes of one window-sized 32-bit surface,
at the current window size (:func:`set_screen_size`, which :class:`safepath.ui.theme.Theme`
calls), with a floor so that a small window still keeps a whole screen's worth. What
one frame draws always fits in its cache, so a still or typing screen only blits;
what is thrown away is drawn again if it is needed again (text ~1 ms, a picture a
few ms). The newest entry is always kept, even when it alone passes the budget.

:func:`describe` says what every cache holds (the memory benchmark prints it).
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any, Hashable

#: bytes of one 32-bit window-sized surface; the design size until a window is opened
_screen = [1280 * 720 * 4]
_caches: list["SurfaceCache"] = []


def surface_bytes(surface: Any) -> int:
    """Bytes of pixels ``surface`` holds (rows × pitch); 0 for anything that is not a surface."""
    try:
        return int(surface.get_pitch()) * int(surface.get_height())
    except (AttributeError, TypeError, ValueError, Exception):  # a surface whose display went away
        return 0


def screen_bytes() -> int:
    """Bytes of one window-sized 32-bit surface at the current window size."""
    return _screen[0]


def set_screen_size(size: tuple[int, int]) -> None:
    """The window is now ``size``: budgets follow it; a smaller window lets the caches shrink at once."""
    w, h = max(1, int(size[0])), max(1, int(size[1]))
    new = w * h * 4
    if new == _screen[0]:
        return
    _screen[0] = new
    for cache in _caches:
        cache.trim()


class SurfaceCache:
    """A least-recently-used cache of surfaces (or anything with ``get_pitch``/``get_height``), capped by bytes.

    ``screens``: the budget in window-sized surfaces (see the module's docstring);
    ``floor``: the least budget in bytes, whatever the window.
    """

    def __init__(self, name: str, screens: float, floor: int = 4 * 2**20) -> None:
        self.name = name
        self.screens = float(screens)
        self.floor = int(floor)
        self._items: OrderedDict[Hashable, tuple[Any, int]] = OrderedDict()
        self.bytes = 0
        self.evicted = 0
        _caches.append(self)

    @property
    def budget(self) -> int:
        return max(self.floor, int(self.screens * screen_bytes()))

    def get(self, key: Hashable) -> Any:
        """The surface kept under ``key`` (now the most recently used), or None."""
        entry = self._items.get(key)
        if entry is None:
            return None
        self._items.move_to_end(key)
        return entry[0]

    def put(self, key: Hashable, surface: Any) -> Any:
        """Keep ``surface`` under ``key`` and return it; the least recently used go while over budget."""
        old = self._items.pop(key, None)
        if old is not None:
            self.bytes -= old[1]
        size = surface_bytes(surface)
        self._items[key] = (surface, size)
        self.bytes += size
        self.trim()
        return surface

    def trim(self) -> None:
        budget = self.budget
        items = self._items
        while self.bytes > budget and len(items) > 1:
            _key, (_surface, size) = items.popitem(last=False)
            self.bytes -= size
            self.evicted += 1

    def clear(self) -> None:
        self._items.clear()
        self.bytes = 0

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, key: Hashable) -> bool:
        return key in self._items

    def values(self):
        return [surface for surface, _size in self._items.values()]


def caches() -> list[SurfaceCache]:
    return list(_caches)


def total_bytes() -> int:
    return sum(c.bytes for c in _caches)


def describe() -> str:
    """One line: each cache's bytes against its budget, entries and evictions so far."""
    mb = 2**20
    parts = [f"{c.name} {c.bytes / mb:.1f}/{c.budget / mb:.1f} MB ({len(c)} kept, {c.evicted} let go)" for c in _caches]
    return "; ".join(parts) + f"; total {total_bytes() / mb:.1f} MB"


__all__ = ["SurfaceCache", "caches", "describe", "screen_bytes", "set_screen_size", "surface_bytes", "total_bytes"]
