"""Monkey test: thousands of random keys, clicks, wheel turns and typing on every menu screen; no exception."""

from __future__ import annotations

import importlib
import random

import pygame

from safepath import i18n
from safepath import savefile
from safepath.app import make_app

KEYS = [pygame.K_UP, pygame.K_DOWN, pygame.K_LEFT, pygame.K_RIGHT, pygame.K_TAB, pygame.K_RETURN, pygame.K_SPACE,
        pygame.K_ESCAPE, pygame.K_BACKSPACE, pygame.K_HOME, pygame.K_END, pygame.K_a] + \
       [getattr(pygame, f"K_{n}") for n in range(10)]
TEXTS = ["a", "ก", "မ", "ြ", "1", " ", "😀", "\u200b"]
EVENTS_PER_SCREEN = 10_000
BATCH = 16  # the loop hands over every pending event at once; a frame is drawn per batch


def random_event(rng: random.Random, size) -> pygame.event.Event:
    kind = rng.random()
    pos = (rng.randrange(-20, size[0] + 20), rng.randrange(-20, size[1] + 20))
    if kind < 0.45:
        k = rng.choice(KEYS)
        return pygame.event.Event(pygame.KEYDOWN, key=k, mod=rng.choice([0, pygame.KMOD_SHIFT]), unicode="", scancode=0)
    if kind < 0.6:
        return pygame.event.Event(pygame.TEXTINPUT, text=rng.choice(TEXTS))
    if kind < 0.75:
        return pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(1, 1), buttons=(0, 0, 0))
    if kind < 0.95:
        return pygame.event.Event(rng.choice([pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP]), pos=pos, button=rng.choice([1, 1, 3]))
    return pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=rng.choice([-3, -1, 1, 3]), flipped=False)


def test_random_events_never_crash_menus(tmp_path, monkeypatch):
    app = make_app(data_dir=tmp_path, lang="en")
    monkeypatch.setattr(app, "start_scenario", lambda sid, resume: None)  # stay in the menus
    # saving is tested in test_storage.py; here it would only spend the time on disk writes
    monkeypatch.setattr(savefile, "write_json", lambda *args, **kwargs: None)
    rng = random.Random(1234)
    for module_name in ("title", "language", "profiles", "picker", "settings", "pause"):
        module = importlib.import_module(f"safepath.scenes.{module_name}")
        for name, scenes in module.screenshot_states(app):
            app.running = True
            app.render_stack(scenes)
            for _ in range(EVENTS_PER_SCREEN // BATCH):
                if not app.running or not len(app.stack):
                    app.running = True
                    app.render_stack(module.screenshot_states(app)[0][1])
                app.step(1 / 60, [random_event(rng, app.theme.screen_size) for _ in range(BATCH)])
    i18n.set_language("en")
