"""The game's pictures: avatars, chat images (job ads, a blurry fake contract and a clear real one,
a hotel desk) and calm backgrounds.

Every picture is a hand-written SVG in ``assets/avatars/`` or ``assets/images/``
(made for SafePath, CC0; see ``assets/README.md``), rendered by pygame-ce at the
exact pixel size needed, so a projector at 1920×1080 gets crisp shapes and an
old laptop never scales a bitmap. Rendered surfaces are cached by key and size,
within a budget of bytes (:mod:`safepath.ui.memory`): drawing a chat frame only blits.

Scenario authors name pictures by key (a character's ``avatar``, a line's
``image``). A key with no file of its own still gets a sensible picture: an
avatar falls back to the drawing for the character's role, an image to a
neutral photo. A missing or broken file never stops the game.

Backgrounds are also kept on disk, in the user's cache folder, as raw pixels
(:func:`on_disk`): rasterising and scaling a full-window background costs
~12 ms, reading it back ~2 ms, and it is the first thing the title screen draws
(start-up time on old laptops). The file name carries a digest of the SVG, the
size and the pygame version, so an edited picture is drawn afresh.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

import pygame

from safepath.fingerprint import fingerprint
from safepath.paths import assets_dir
from safepath.ui.memory import SurfaceCache

AVATAR_DIR = "avatars"
IMAGE_DIR = "images"
#: aspect ratio (width / height) of chat images: all images are drawn on a 240×180 canvas
IMAGE_ASPECT = 240 / 180

#: widest a background is rasterised before scaling up (see :func:`background`)
RASTER_LIMIT = 640
#: background keys -> file; narration and ending scenes pick one with :func:`background_for`
BACKGROUNDS = ("day", "night", "town", "home")

#: rendered pictures in memory: a story's ~6 avatars and ~3 images are small; a background is a whole
#: window (8 MB at 1920x1080), and a screen shows one. Two windows' worth keeps a scene's background and
#: every avatar; more is drawn again (a background read back from disk in ~2 ms).
_CACHE = SurfaceCache("pictures", screens=2, floor=6 * 2**20)


def _cached(key: tuple, make) -> pygame.Surface:
    surf = _CACHE.get(key)
    if surf is not None:
        return surf
    return _CACHE.put(key, make())


def clear_cache() -> None:
    _CACHE.clear()


#: bytes of rendered pictures kept on disk at most (a window-sized one is 3.5 MB at 1280x720, 8 MB at
#: 1920x1080: about a dozen of either); the least recently used go first, the newest always stays
DISK_CACHE_BYTES = 48 * 2**20


def disk_cache_dir() -> Path | None:
    """Where rendered pictures are kept (see :mod:`safepath.ui.cache`)."""
    from safepath.ui.cache import cache_dir

    return cache_dir("art")


def on_disk(name: str, size: tuple[int, int], recipe: str, make: Callable[[], pygame.Surface]) -> pygame.Surface:
    """An opaque picture of ``size``, read from the disk cache or made by ``make()`` and stored there.

    ``recipe`` is everything the picture depends on besides ``name`` and ``size``
    (the SVG's bytes, colours...); it goes into the file name as a digest, with the
    pixel format of the surface it is read into. The file holds that surface's raw
    pixels, so reading is one copy from the file into the surface. Any problem with
    the cache (read-only disk, damaged file) just means drawing it.
    """
    w, h = size
    folder = disk_cache_dir()
    target = pygame.Surface((w, h))  # the window's pixel format once a window is open: blits need no conversion
    layout = f"{target.get_bitsize()}|{target.get_masks()}|{target.get_pitch()}"
    digest = fingerprint(f"{recipe}|{layout}|{RASTER_LIMIT}|{pygame.version.ver}")
    path = folder / f"{name}-{w}x{h}-{digest}.px" if folder is not None else None
    if path is not None:
        try:
            with open(path, "rb") as handle:
                view = target.get_view("0")
                if handle.readinto(view) == view.length and not handle.read(1):
                    del view  # the surface is locked while a view of it exists
                    _touch(path)
                    return target
                del view
        except (OSError, ValueError, pygame.error):
            pass
    surf = make()
    if path is not None:
        if surf.get_size() != (w, h) or surf.get_bitsize() != target.get_bitsize():
            surf = surf.convert() if pygame.display.get_surface() is not None else surf
        target.blit(surf, (0, 0))
        _store(path, target.get_view("0").raw)
    return surf


def _touch(path: Path) -> None:
    """Mark a picture read from the disk cache as used now (the least recently used go first)."""
    try:
        os.utime(path)
    except OSError:
        pass


def _store(path: Path, data: bytes) -> None:
    from safepath.ui.cache import write_quietly

    if not write_quietly(path, data):
        return
    trim_disk_cache(path.parent, keep=path)


def trim_disk_cache(folder: Path, budget: int | None = None, keep: Path | None = None) -> None:
    """Delete the least recently used pictures in ``folder`` until they hold at most ``budget`` bytes.

    ``keep`` (the picture just written) always stays. Anything the disk refuses is left as it is.
    """
    budget = DISK_CACHE_BYTES if budget is None else budget
    files = []
    for p in folder.glob("*.px"):
        try:
            st = p.stat()
        except OSError:
            continue
        files.append((st.st_mtime_ns, st.st_size, p))
    files.sort(key=lambda f: f[0], reverse=True)  # newest first
    total = 0
    for _mtime, size, p in files:
        total += size
        if total > budget and p != keep:
            try:
                p.unlink()
                total -= size
            except OSError:
                pass


def _svg(path: Path, size: tuple[int, int]) -> pygame.Surface | None:
    try:
        return pygame.image.load_sized_svg(str(path), size)
    except (pygame.error, FileNotFoundError, OSError):
        return None


def _file_for(folder: str, key: str) -> Path | None:
    if not key or "/" in key or "\\" in key or key.startswith("."):
        return None  # keys are plain names; never let content reach outside assets/
    path = assets_dir() / folder / f"{key}.svg"
    return path if path.is_file() else None


def has_avatar(key: str) -> bool:
    return _file_for(AVATAR_DIR, key) is not None


def has_image(key: str) -> bool:
    return _file_for(IMAGE_DIR, key) is not None


def avatar(key: str, role: str, size: int) -> pygame.Surface:
    """A round avatar ``size`` px wide for a character's avatar key (falls back to its role)."""
    size = max(8, int(size))

    def make() -> pygame.Surface:
        path = _file_for(AVATAR_DIR, key) or _file_for(AVATAR_DIR, role) or _file_for(AVATAR_DIR, "other")
        big = size * 2  # draw the mask at double size and scale down: smooth round edge
        art = _svg(path, (big, big)) if path else None
        if art is None:
            art = pygame.Surface((big, big), pygame.SRCALPHA)
            pygame.draw.circle(art, (200, 210, 208), (big // 2, big // 2), big // 2)
            pygame.draw.circle(art, (150, 165, 162), (big // 2, int(big * 0.42)), int(big * 0.18))
        mask = pygame.Surface((big, big), pygame.SRCALPHA)
        pygame.draw.circle(mask, (255, 255, 255, 255), (big // 2, big // 2), big // 2)
        art = art.copy()
        art.blit(mask, (0, 0), special_flags=pygame.BLEND_RGBA_MIN)
        return pygame.transform.smoothscale(art, (size, size))

    return _cached(("avatar", key, role, size), make)


def picture(key: str, width: int) -> pygame.Surface:
    """A chat image (``job-ad``, ``contract-blurry``, ``contract``, ``hotel`` ...) ``width`` px wide, 4:3."""
    width = max(16, int(width))
    height = max(12, round(width / IMAGE_ASPECT))

    def make() -> pygame.Surface:
        path = _file_for(IMAGE_DIR, key) or _file_for(IMAGE_DIR, "photo")
        art = _svg(path, (width, height)) if path else None
        if art is None:
            art = pygame.Surface((width, height), pygame.SRCALPHA)
            pygame.draw.rect(art, (220, 228, 226), art.get_rect(), border_radius=max(2, width // 24))
        return art

    return _cached(("picture", key, width), make)


def picture_size(width: int) -> tuple[int, int]:
    """The size :func:`picture` returns for ``width``, without rendering (for layout)."""
    width = max(16, int(width))
    return width, max(12, round(width / IMAGE_ASPECT))


def background(key: str, size: tuple[int, int]) -> pygame.Surface:
    """A calm illustrated background covering ``size`` (cropped in the middle, never stretched)."""
    w, h = max(1, int(size[0])), max(1, int(size[1]))
    if key not in BACKGROUNDS:
        key = "day"

    def make() -> pygame.Surface:
        target = pygame.Surface((w, h))
        if pygame.display.get_surface() is not None:
            target = target.convert()
        target.fill((232, 243, 240))
        path = _file_for(IMAGE_DIR, f"bg-{key}")
        if path is None:
            return target
        aspect = 320 / 180
        cover_w, cover_h = (w, round(w / aspect)) if w / h >= aspect else (round(h * aspect), h)
        # SVG rasterising grows much faster than the pixel count (70 ms at 1280×720, 5 ms at 640×360 here);
        # soft, flat backgrounds lose nothing by being drawn at most 640 px wide and scaled up smoothly.
        shrink = min(1.0, RASTER_LIMIT / cover_w)
        art = _svg(path, (max(1, round(cover_w * shrink)), max(1, round(cover_h * shrink))))
        if art is not None:
            if pygame.display.get_surface() is not None:
                art = art.convert()  # the picture is opaque: blending it pixel by pixel costs ~10 ms a screen
            if shrink < 1.0:
                art = pygame.transform.smoothscale(art, (cover_w, cover_h))
            target.blit(art, ((w - cover_w) // 2, (h - cover_h) // 2))
        return target

    def from_disk() -> pygame.Surface:
        return on_disk(f"bg-{key}", (w, h), background_recipe(key), make)

    return _cached(("background", key, w, h), from_disk)


def background_recipe(key: str) -> str:
    """What the background ``key`` looks like, for :func:`on_disk` (its SVG's bytes, as a digest)."""
    path = _file_for(IMAGE_DIR, f"bg-{key}")
    try:
        return fingerprint(path.read_bytes()) if path is not None else "none"
    except OSError:
        return "unreadable"


#: words in a scene's id or title that suggest a setting; first match wins
_SETTING_WORDS = (
    ("home", ("home", "room", "family", "mother", "mum", "mom", "father", "dad", "house", "sister", "brother", "aunt")),
    ("night", ("night", "river", "cross", "border", "boat", "dark", "van", "car")),
    ("town", ("town", "city", "office", "bangkok", "mae-sot", "maesot", "bus", "station", "shop", "market", "1506")),
)


def background_for(scene) -> str:
    """Pick a background key for a narration, decision or ending scene.

    The scenario format has no background field (authors should not have to
    think about art), so the setting is guessed from the scene id: a river
    crossing at night looks like night, talking to mother looks like home.
    Safe endings get the morning village, so they end on light.
    """
    ending = getattr(scene, "ending", None)
    if ending is not None and getattr(ending, "value", ending) == "safe":
        return "day"
    title = getattr(scene, "title", None)
    words = f"{scene.id} {getattr(title, 'text', '')}".lower()
    for key, hints in _SETTING_WORDS:
        if any(h in words for h in hints):
            return key
    return "day"
