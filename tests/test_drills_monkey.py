"""Monkey test for the drill screens: random events to every stage of every drill, no exception.

The drills of the fixture story (``tests/data/scenarios/drills.yaml``: phone, register, code word, travel plan)
at each of their stages (the offers of ``safepath.scenes.drill.screenshot_states``) get keys (digits, * and #
on the keypad, arrows, Tab, Enter, Space, Backspace, Esc), text in three scripts, mouse moves and clicks,
finger taps, window resizes and language and text-size switches, the story's own helpers from
``test_monkey_story``. When a drill closes (it reached an outcome) or the events wander off (Esc opens the
pause menu), the same stage is put back, fresh. A drill's state must stay one its rules allow. Seeded.
"""

from __future__ import annotations

import random
from pathlib import Path

import pygame

from safepath import i18n
from safepath.app import make_app
from safepath.play import drills
from safepath.saves import savefile
from safepath.scenes import drill as drill_module
from test_monkey_story import random_event, shake_settings

MODULES = ("drill",)  # the screen modules this monkey covers (tests/test_monkey_story.py counts them)
STORIES = Path(__file__).resolve().parent / "data" / "scenarios"
EVENTS_PER_SCREEN = 2_000
BATCHES = (1, 4, 16, 48)
EXTRA_KEYS = [pygame.K_KP0, pygame.K_KP2, pygame.K_KP5, pygame.K_ASTERISK, pygame.K_HASH, pygame.K_DELETE]


def drill_event(rng: random.Random, size) -> pygame.event.Event:
    if rng.random() < 0.15:
        k = rng.choice(EXTRA_KEYS)
        return pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode={pygame.K_HASH: "#"}.get(k, ""), scancode=0)
    return random_event(rng, size)


def test_random_events_never_crash_the_drill_screens(tmp_path, monkeypatch):
    app = make_app(data_dir=tmp_path, lang="en", size=(1280, 720), content_dir=STORIES)
    profile = app.storage.create_profile("Monkey", "player")
    app.select_profile(profile)
    app.settings.sound = False
    monkeypatch.setattr(savefile, "write_json", lambda *args, **kwargs: None)
    rng = random.Random(20261203)
    states = drill_module.screenshot_states(app)
    assert len(states) >= 14
    sent: dict[str, int] = {}
    outcomes: set[str] = set()
    for index, (name, scenes) in enumerate(states):
        scene = scenes[-1]
        app.running, n, away = True, 0, 0
        app.render_stack(scenes)
        while sent.get(name, 0) < EVENTS_PER_SCREEN:
            if not app.running or not len(app.stack) or away > 4:
                if scene.drill.outcome:
                    outcomes.add(f"{scene.drill.kind.value}:{scene.drill.outcome}")
                scenes = drill_module.screenshot_states(app)[index][1]
                scene, away = scenes[-1], 0
                app.running = True
                app.render_stack(scenes)
            n += 1
            if n % 53 == 0:
                shake_settings(app, rng)
            events = [drill_event(rng, app.theme.screen_size) for _ in range(rng.choice(BATCHES))]
            app.step(rng.choice([0.0, 1 / 60, 0.2]), events)
            sent[name] = sent.get(name, 0) + len(events)
            d = scene.drill
            if isinstance(d, drills.PhoneDrill):
                assert len(d.dialled) <= drills.MAX_DIGITS and d.stage in ("dial", "menu", "answer")
            if d.outcome is not None:
                assert d.outcome in d.outcomes
            away = 0 if any(s is scene for s in app.stack) else away + 1
        app.draw()
    assert min(sent.values()) >= EVENTS_PER_SCREEN
    assert len(outcomes) >= 4, outcomes  # random presses do finish drills, by several outcomes
    i18n.set_language("en")
