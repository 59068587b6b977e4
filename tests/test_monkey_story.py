"""Monkey test for the story screens: at least 10,000 random events per screen kind, no exception.

Keys (numbers, arrows, Enter, Esc, S, Page Up/Down), text input in three
scripts, mouse moves / clicks / wheel, finger taps, window resizes, language
and text-size switches mid-scene, and random frame times, sent in batches to
the chat, narration, decision and ending scenes, the feedback card, the
debrief and the content note. The story's typewriter runs at "fast" so the
typing indicator and the reveal are hit by events too. Seeded: a failure
replays exactly.
"""

from __future__ import annotations

import importlib
import math
import random

import pygame

from safepath import i18n, savefile
from safepath.app import make_app

KEYS = [pygame.K_UP, pygame.K_DOWN, pygame.K_LEFT, pygame.K_RIGHT, pygame.K_TAB, pygame.K_RETURN, pygame.K_SPACE,
        pygame.K_ESCAPE, pygame.K_BACKSPACE, pygame.K_HOME, pygame.K_END, pygame.K_PAGEUP, pygame.K_PAGEDOWN,
        pygame.K_s, pygame.K_p, pygame.K_a, pygame.K_KP_ENTER] + [getattr(pygame, f"K_{n}") for n in range(10)]
TEXTS = ["a", "ก", "เริ่ม", "မ", "ြ", "ဂိမ်း", "1", " ", "😀", "\u200b"]
SIZES = [(1280, 720), (1366, 768), (1920, 1080), (800, 500), (1024, 768)]
EVENTS_PER_KIND = 10_000
BATCH = 16
MODULES = ("story", "feedback", "ending", "content_note")


def random_event(rng: random.Random, size) -> pygame.event.Event:
    kind = rng.random()
    pos = (rng.randrange(-20, size[0] + 20), rng.randrange(-20, size[1] + 20))
    if kind < 0.40:
        return pygame.event.Event(pygame.KEYDOWN, key=rng.choice(KEYS), mod=rng.choice([0, pygame.KMOD_SHIFT]), unicode="", scancode=0)
    if kind < 0.48:
        return pygame.event.Event(pygame.TEXTINPUT, text=rng.choice(TEXTS))
    if kind < 0.60:
        return pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(1, 1), buttons=(0, 0, 0))
    if kind < 0.82:
        return pygame.event.Event(rng.choice([pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP]), pos=pos, button=rng.choice([1, 1, 2, 3, 4]))
    if kind < 0.90:
        fields = dict(x=rng.uniform(-0.1, 1.1), y=rng.uniform(-0.1, 1.1), dx=0.0, dy=0.0, touch_id=1, finger_id=rng.randrange(3), pressure=1.0)
        return pygame.event.Event(rng.choice([pygame.FINGERDOWN, pygame.FINGERUP, pygame.FINGERMOTION]), **fields)
    return pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=rng.choice([-3, -1, 1, 3]), flipped=False)


def shake_settings(app, rng: random.Random) -> None:
    """Now and then: resize the window, switch language or text size, as a player might mid-scene."""
    roll = rng.random()
    if roll < 0.3:
        size = rng.choice(SIZES)
        app.surface = pygame.display.set_mode(size)
        app.resized(size)
    elif roll < 0.65:
        app.settings.language = rng.choice(["th", "my", "en"])
        app.apply_settings(app.settings)
    else:
        app.settings.text_size = rng.randrange(3)
        app.apply_settings(app.settings)


def test_random_events_never_crash_story_screens(tmp_path, monkeypatch):
    app = make_app(data_dir=tmp_path, lang="en")
    profile = app.storage.create_profile("Monkey", "player")
    app.select_profile(profile)
    app.settings.typewriter = "fast"
    app.settings.sound = False
    monkeypatch.setattr(savefile, "write_json", lambda *args, **kwargs: None)  # saving is tested elsewhere
    rng = random.Random(20261122)
    sent = {}
    for module_name in MODULES:
        module = importlib.import_module(f"safepath.scenes.{module_name}")
        states = module.screenshot_states(app)
        assert states, f"{module_name} offers no screen to test"
        batches = math.ceil(EVENTS_PER_KIND / len(states) / BATCH)
        for index, (name, scenes) in enumerate(states):
            app.running = True
            app.render_stack(scenes)
            for n in range(batches):
                if not app.running or not len(app.stack):
                    app.running = True
                    app.render_stack(module.screenshot_states(app)[index][1])
                if n % 97 == 96:
                    shake_settings(app, rng)
                events = [random_event(rng, app.theme.screen_size) for _ in range(BATCH)]
                app.step(rng.choice([0.0, 1 / 60, 1 / 30, 0.2]), events)
                sent[module_name] = sent.get(module_name, 0) + BATCH
    assert all(count >= EVENTS_PER_KIND for count in sent.values()), sent
    i18n.set_language("en")
