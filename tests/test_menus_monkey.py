"""Monkey test: at least 10,000 random events to every menu screen; no exception.

Keys, number keys, typing in three scripts (and emoji, zero-width space), mouse
moves, clicks and wheel turns, finger taps and drags, and window resizes (a new
surface, then SDL's size event, as when a player drags the window's corner),
sent in batches of different sizes to every screen the menu modules offer.
When the events lead to a screen with nothing under it that then closes, or
quit the game, the *same* screen is put back, fresh, and the events go on to
it. Seeded: a failure replays exactly.
"""

from __future__ import annotations

import importlib
import random

import pygame

from safepath import i18n
from safepath.saves import savefile
from safepath.app import make_app

KEYS = [pygame.K_UP, pygame.K_DOWN, pygame.K_LEFT, pygame.K_RIGHT, pygame.K_TAB, pygame.K_RETURN, pygame.K_SPACE,
        pygame.K_ESCAPE, pygame.K_BACKSPACE, pygame.K_HOME, pygame.K_END, pygame.K_a, pygame.K_F5] + \
       [getattr(pygame, f"K_{n}") for n in range(10)]
TEXTS = ["a", "ก", "မ", "ြ", "1", " ", "😀", "\u200b"]
SIZES = [(1280, 720), (1366, 768), (1920, 1080), (800, 500), (1024, 768), (1, 1), (37, 23), (1, 720), (1280, 1)]
#: the last four: windows a player shrank to almost nothing (issue 18); every screen must survive them
EVENTS_PER_SCREEN = 10_000
BATCHES = (1, 4, 16, 32, 64)  # events the loop hands over at once: one key, or a burst of finger motion
MODULES = ("title", "language", "profiles", "picker", "settings", "pause", "save_folder", "report")


def random_event(rng: random.Random, size) -> pygame.event.Event:
    kind = rng.random()
    pos = (rng.randrange(-20, size[0] + 20), rng.randrange(-20, size[1] + 20))
    if kind < 0.40:
        k = rng.choice(KEYS)
        return pygame.event.Event(pygame.KEYDOWN, key=k, mod=rng.choice([0, pygame.KMOD_SHIFT]), unicode="", scancode=0)
    if kind < 0.52:
        return pygame.event.Event(pygame.TEXTINPUT, text=rng.choice(TEXTS))
    if kind < 0.64:
        return pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(1, 1), buttons=(0, 0, 0))
    if kind < 0.80:
        return pygame.event.Event(rng.choice([pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP]), pos=pos, button=rng.choice([1, 1, 3]))
    if kind < 0.92:
        fields = dict(x=rng.uniform(-0.1, 1.1), y=rng.uniform(-0.1, 1.1), dx=rng.uniform(-0.05, 0.05),
                      dy=rng.uniform(-0.05, 0.05), touch_id=1, finger_id=rng.randrange(3), pressure=1.0)
        return pygame.event.Event(rng.choice([pygame.FINGERDOWN, pygame.FINGERUP, pygame.FINGERMOTION]), **fields)
    return pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=rng.choice([-3, -1, 1, 3]), flipped=False)


def resize_window(app, size, rng: random.Random) -> None:
    """What SDL does when the player drags the window's corner: a new surface, then the size event."""
    pygame.display.set_mode(size)
    kind = rng.choice([pygame.WINDOWSIZECHANGED, pygame.VIDEORESIZE])
    fields = dict(x=size[0], y=size[1]) if kind == pygame.WINDOWSIZECHANGED else dict(size=size, w=size[0], h=size[1])
    app.step(0.0, [pygame.event.Event(kind, **fields)])


def test_random_events_never_crash_menus(tmp_path, monkeypatch):
    app = make_app(data_dir=tmp_path, lang="en", size=(800, 500))
    monkeypatch.setattr(app, "start_scenario", lambda sid, resume: None)  # stay in the menus
    monkeypatch.setattr(app, "reload_content", lambda: None)  # F5 reads the files: tested in test_app.py
    # saving is tested in test_storage.py; here it would only spend the time on disk writes
    monkeypatch.setattr(savefile, "write_json", lambda *args, **kwargs: None)
    # the trainer's sheets (reached through the title's trainer menu, ~150 times): tests/test_class_sheets.py;
    # here each would start a child process that writes them for three seconds
    from safepath.classroom import sheets

    monkeypatch.setattr(sheets, "write_all", lambda *args, **kwargs: [])
    rng = random.Random(1234)
    sent: dict[str, int] = {}
    for module_name in MODULES:
        module = importlib.import_module(f"safepath.scenes.{module_name}")
        for index, (name, scenes) in enumerate(module.screenshot_states(app)):
            app.running, n = True, 0
            app.render_stack(scenes)
            while sent.get(name, 0) < EVENTS_PER_SCREEN:
                if not app.running or not len(app.stack):
                    app.running = True
                    app.render_stack(module.screenshot_states(app)[index][1])  # the screen it was on, fresh
                n += 1
                if n % 53 == 0:
                    resize_window(app, rng.choice(SIZES), rng)
                events = [random_event(rng, app.theme.screen_size) for _ in range(rng.choice(BATCHES))]
                app.step(rng.choice([0.0, 1 / 60, 0.2]), events)
                sent[name] = sent.get(name, 0) + len(events)
    assert len(sent) >= 9 and min(sent.values()) >= EVENTS_PER_SCREEN, sent
    i18n.set_language("en")

