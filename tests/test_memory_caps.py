"""Caches capped by bytes, a bounded disk cache, and screens freed once they leave (issue 18, item 10).

The figures (peak RSS over 10,000 random steps) are in benchmarks/bench_memory.py; these check the
mechanisms: whatever is drawn, a cache never holds more bytes than its budget.
"""

from __future__ import annotations

import gc
import weakref

import pygame
import pytest

from safepath.ui import art, memory, textrender


@pytest.fixture
def window(monkeypatch, tmp_path):
    monkeypatch.setenv("SAFEPATH_CACHE_DIR", str(tmp_path))
    pygame.display.init()
    pygame.display.set_mode((320, 200))
    memory.set_screen_size((1280, 720))
    yield
    memory.set_screen_size((1280, 720))


def test_a_surface_cache_keeps_its_bytes_under_budget_and_the_newest_entry(window):
    cache = memory.SurfaceCache("test", screens=0, floor=100_000)
    for n in range(50):
        cache.put(n, pygame.Surface((100, 50), pygame.SRCALPHA))  # 20,000 bytes each
        assert cache.bytes <= 100_000
    assert len(cache) == 5 and 49 in cache and 0 not in cache
    assert cache.get(45) is not None  # used now: the next to go is 46
    cache.put("big", pygame.Surface((400, 400), pygame.SRCALPHA))  # alone over budget: still kept
    assert "big" in cache and len(cache) == 1
    memory.caches().remove(cache)


def test_budgets_follow_the_window_and_a_smaller_window_shrinks_the_caches(window):
    cache = memory.SurfaceCache("test", screens=2, floor=0)
    memory.set_screen_size((400, 300))
    assert cache.budget == 2 * 400 * 300 * 4
    for n in range(10):
        cache.put(n, pygame.Surface((400, 100)))
    before = cache.bytes
    memory.set_screen_size((200, 150))
    assert cache.bytes <= cache.budget < before
    memory.caches().remove(cache)


def test_rendered_text_never_holds_more_than_its_budget(window):
    textrender.clear_caches()
    budget = textrender._surfaces.budget
    line = "ဘေးကင်းသော အလုပ်ကို ရှာပါ။ A long line of text to fill a wide surface. "
    for n in range(400):
        textrender.render_paragraph(f"{n} {line * 6}", 1200, 40, (0, 0, 0), lang="my")
        assert textrender._surfaces.bytes <= budget
    assert textrender._surfaces.evicted > 0
    textrender.clear_caches()


def test_pictures_in_memory_never_hold_more_than_their_budget(window):
    art.clear_cache()
    for w in range(200, 1400, 40):
        art.background("day", (w, w * 9 // 16))
        assert art._CACHE.bytes <= art._CACHE.budget
    art.clear_cache()


def test_the_disk_cache_of_pictures_is_bounded_by_bytes(window, tmp_path, monkeypatch):
    monkeypatch.setattr(art, "DISK_CACHE_BYTES", 3 * 200 * 100 * 4)  # room for three of the pictures below
    art.clear_cache()
    for n in range(8):
        art.on_disk(f"demo{n}", (200, 100), "r", lambda: pygame.Surface((200, 100)))
        total = sum(f.stat().st_size for f in (tmp_path / "art").glob("*.px"))
        assert total <= art.DISK_CACHE_BYTES
    assert list((tmp_path / "art").glob("demo7-*.px")), "the newest picture stays"


def _left_settings_screen(app):
    """Settings opened over the title and closed again; a weak reference to it."""
    app.render_stack([app.show("title")])
    settings = app.stack.push(app.show("settings"))
    app.step(0.0, [])
    gone = weakref.ref(settings)
    app.stack.pop()
    return gone


def test_a_screen_that_left_the_stack_is_freed_once_the_screen_is_still(tmp_path):
    from safepath.app import make_app

    app = make_app(data_dir=tmp_path, lang="en", load=False)
    gc.disable()  # as if the cycle collector had not run yet: the app must not wait for it
    try:
        gone = _left_settings_screen(app)
        app.step(0.0, [])
        assert gone() is None, "the settings screen (a cycle with its buttons) is still in memory"
    finally:
        gc.enable()


@pytest.mark.parametrize("quick", [True, False], ids=["quick collection", "slow collection"])
def test_a_left_screen_is_freed_while_something_moves_only_if_a_collection_is_quick(tmp_path, monkeypatch, quick):
    """A message typing no longer keeps old screens and their pictures in memory; but on a slow laptop (a
    collection that took long) nothing is collected in the middle of an animation, only once it stops."""
    from safepath import app as app_module
    from safepath.app import make_app

    app = make_app(data_dir=tmp_path, lang="en", load=False)
    gc.disable()
    try:
        gone = _left_settings_screen(app)
        moving = {"now": True}
        monkeypatch.setattr(app.stack, "update", lambda dt: moving["now"])  # something on the screen moves
        cost = app_module.COLLECT_WHILE_MOVING * (0.5 if quick else 4)
        app._collected_time, app._collect_cost = float("-inf"), cost
        app.step(1 / 60, [])
        assert (gone() is None) == quick
        moving["now"] = False
        app.step(1 / 60, [])
        assert gone() is None
    finally:
        gc.enable()


def test_start_up_objects_are_frozen_once_before_the_first_screen(monkeypatch):
    from safepath import app as app_module

    frozen = []
    monkeypatch.setattr(app_module, "_start_up_frozen", False)
    monkeypatch.setattr(gc, "freeze", lambda: frozen.append(True))
    app_module.freeze_start_up_objects()
    app_module.freeze_start_up_objects()
    assert frozen == [True]
