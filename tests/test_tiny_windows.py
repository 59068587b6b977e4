"""Issue 18, item 2: every screen survives any window size down to 1×1, drawing what fits.

A window manager may ignore the game's minimum size (800×500), and a player can drag a corner until
almost nothing is left; the narration, decision and ending screens used to raise "Invalid resolution
for Surface" there (the veils behind the story card and the choices). Each screen the screenshot
command knows is drawn at tiny sizes in two languages at the largest text size, then resized there
with the real resize event and handed a few keys and clicks. The monkey tests resize to these sizes too.
"""

from __future__ import annotations

import random

import pygame
import pytest

from safepath import i18n
from safepath.app import make_app
from safepath.scenes.screenshots import collect_states

TINY = [(1, 1), (2, 3), (37, 23), (100, 80), (1, 720), (1280, 1), (160, 120), (60, 700)]


@pytest.mark.parametrize("lang", ["en", "my"])
def test_every_screen_draws_at_tiny_sizes(lang, tmp_path):
    failures = []
    for size in TINY:
        app = make_app(size=size, lang=lang, text_size=2, data_dir=tmp_path)
        for name, scenes in collect_states(app):
            try:
                app.render_stack(scenes)
            except Exception as exc:  # collected: one report lists every screen that fails
                failures.append(f"{name} at {size[0]}x{size[1]}: {type(exc).__name__}: {exc}")
    i18n.set_language("en")
    assert not failures, "\n".join(failures)


def test_screens_shrunk_to_tiny_sizes_while_shown_take_input(tmp_path):
    app = make_app(size=(1280, 720), lang="th", text_size=1, data_dir=tmp_path)
    rng = random.Random(18)
    keys = [pygame.K_RETURN, pygame.K_SPACE, pygame.K_DOWN, pygame.K_TAB, pygame.K_s, pygame.K_1]
    for size in TINY[:3]:
        for name, scenes in collect_states(app):  # fresh scenes for each size
            pygame.display.set_mode((1280, 720))
            app.step(0.0, [pygame.event.Event(pygame.WINDOWSIZECHANGED, x=1280, y=720)])
            app.running = True
            app.render_stack(scenes)
            pygame.display.set_mode(size)
            events = [pygame.event.Event(pygame.WINDOWSIZECHANGED, x=size[0], y=size[1])]
            for _ in range(3):
                events.append(pygame.event.Event(pygame.KEYDOWN, key=rng.choice(keys), mod=0, unicode="", scancode=0))
                pos = (rng.randrange(size[0]), rng.randrange(size[1]))
                events.append(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
                events.append(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))
            for event in events:
                app.step(1 / 30, [event])
                if not app.running:
                    break
            app.step(0.2, [])
    i18n.set_language("en")
