"""Monkey test for the class-mode screens: thousands of random events to every class screen; no exception.

Keys (digits, arrows, Enter, Esc, P for the safe pause, N for the presenter notes, C, R, S), typing in three
scripts, mouse, touch, wheel and window resizes, as in tests/test_menus_monkey.py. When the events leave the
screen (a vote is taken, Esc goes to the trainer's menu, the session ends), the same screen is put back,
fresh, every few batches, so each one gets its share. Saving is stubbed (tested in test_class_session.py).
Seeded: a failure replays exactly.
"""

from __future__ import annotations

import importlib
import random

import pygame

from safepath import i18n
from safepath.app import make_app
from safepath.saves import savefile
from test_menus_monkey import SIZES, random_event, resize_window

EVENTS_PER_SCREEN = 1_000
#: the screen modules this monkey covers (tests/test_monkey_story.py checks every module is covered)
MODULES = ("class_check", "class_done", "class_ending", "class_group", "class_pause", "class_setup", "class_sheets",
           "class_story", "class_trainer", "trainer_helplines")
CLASS_KEYS = [pygame.K_p, pygame.K_n, pygame.K_c, pygame.K_r, pygame.K_s, pygame.K_PLUS, pygame.K_MINUS,
              pygame.K_BACKSPACE, pygame.K_RETURN, pygame.K_LEFT, pygame.K_RIGHT, pygame.K_UP, pygame.K_DOWN] + \
             [getattr(pygame, f"K_{n}") for n in range(10)]


def class_event(rng, size):
    if rng.random() < 0.35:
        return pygame.event.Event(pygame.KEYDOWN, key=rng.choice(CLASS_KEYS), mod=0, unicode="", scancode=0)
    return random_event(rng, size)


def test_random_events_never_crash_the_class_screens(tmp_path, monkeypatch):
    app = make_app(data_dir=tmp_path, lang="th", size=(1024, 768))
    monkeypatch.setattr(app, "reload_content", lambda: None)
    monkeypatch.setattr(savefile, "write_json", lambda *args, **kwargs: None)
    from safepath.classroom import sheets

    monkeypatch.setattr(sheets, "write_all", lambda *args, **kwargs: [])  # the sheets: tests/test_class_sheets.py
    rng = random.Random(1717)
    sent: dict[str, int] = {}
    for module_name in MODULES:
        module = importlib.import_module(f"safepath.scenes.{module_name}")
        for index, (name, scenes) in enumerate(module.screenshot_states(app)):
            app.running = True
            app.render_stack(scenes)
            batches = 0
            while sent.get(name, 0) < EVENTS_PER_SCREEN:
                batches += 1
                if not app.running or not len(app.stack) or batches % 25 == 0:
                    app.running = True
                    app.render_stack(module.screenshot_states(app)[index][1])
                if batches % 41 == 0:
                    resize_window(app, rng.choice(SIZES + [(1920, 1080)]), rng)
                events = [class_event(rng, app.theme.screen_size) for _ in range(rng.choice((1, 4, 16)))]
                app.step(rng.choice((0.0, 1 / 60)), events)
                sent[name] = sent.get(name, 0) + len(events)
    assert len(sent) >= 16 and min(sent.values()) >= EVENTS_PER_SCREEN, sent
    i18n.set_language("en")
