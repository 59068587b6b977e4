"""Monkey test for the story screens: at least 10,000 random events to every screen, no exception.

Keys (numbers, arrows, Enter, Esc, S, Page Up/Down), text input in three
scripts, mouse moves / clicks / wheel, finger taps, window resizes, language
and text-size switches mid-scene, and random frame times, sent in batches to
every screen the story modules offer (chat, narration, decision, ending, each
feedback card, each debrief, the content note, the author's error overlay).
The story's typewriter runs at "fast" so the typing indicator and the reveal
are hit by events too.

Each screen gets its own 10,000 events. They start on it and may lead the
player on (a choice opens the feedback card, Esc the pause menu, the debrief
"Play again"); while the screen is still on the stack the events go on there.
When it has left the stack for a few batches, or the game quit, the same
screen is put back, fresh, and the events go on to it. At least one in fifty of
each screen's events reach it directly, on top of the stack (checked).
Seeded: a failure replays exactly.
"""

from __future__ import annotations

import importlib
import random

import pygame
import pytest

from safepath import i18n
from safepath.saves import savefile
from safepath.app import make_app

KEYS = [pygame.K_UP, pygame.K_DOWN, pygame.K_LEFT, pygame.K_RIGHT, pygame.K_TAB, pygame.K_RETURN, pygame.K_SPACE,
        pygame.K_ESCAPE, pygame.K_BACKSPACE, pygame.K_HOME, pygame.K_END, pygame.K_PAGEUP, pygame.K_PAGEDOWN,
        pygame.K_s, pygame.K_p, pygame.K_a, pygame.K_KP_ENTER] + [getattr(pygame, f"K_{n}") for n in range(10)]
TEXTS = ["a", "ก", "เริ่ม", "မ", "ြ", "ဂိမ်း", "1", " ", "😀", "\u200b"]
SIZES = [(1280, 720), (1366, 768), (1920, 1080), (800, 500), (1024, 768), (1, 1), (3, 2), (37, 23), (100, 80), (1, 720), (1280, 1), (160, 120)]
EVENTS_PER_SCREEN = 10_000
#: events the loop hands over at once: one key press, or a burst of finger motion
BATCHES = (1, 8, 32, 96, 160)
#: batches that may follow the player off the screen's stack before the screen is put back
WANDER = 5
MODULES = ("story", "feedback", "ending", "content_note", "author_errors", "story_problem")


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


def resize_window(app, size) -> None:
    """What SDL does when the player drags the window's corner: a new surface, then the event."""
    pygame.display.set_mode(size)
    app.step(0.0, [pygame.event.Event(pygame.WINDOWSIZECHANGED, x=size[0], y=size[1])])


def shake_settings(app, rng: random.Random, second: str | None = None) -> None:
    """Now and then: resize the window, switch language or text size, as a player might mid-scene.

    With a second language, it is swapped with the first now and then too (the F2 key).
    """
    roll = rng.random()
    if roll < 0.3:
        resize_window(app, rng.choice(SIZES))
    elif roll < 0.65:
        app.settings.language = rng.choice(["th", "my", "en"])
        app.apply_settings(app.settings)
    elif second is not None and roll < 0.8:
        from safepath.app import SWAP_LANGUAGES_KEY

        app.step(0.0, [pygame.event.Event(pygame.KEYDOWN, key=SWAP_LANGUAGES_KEY, mod=0, unicode="", scancode=0)])
    else:
        app.settings.text_size = rng.randrange(3)
        app.apply_settings(app.settings)


@pytest.mark.parametrize("second", [None, "my"], ids=["one-language", "second-language-my"])
def test_random_events_never_crash_story_screens(tmp_path, monkeypatch, second):
    app = make_app(data_dir=tmp_path, lang="en", size=(800, 500), second_lang=second)
    profile = app.storage.create_profile("Monkey", "player")
    app.select_profile(profile)
    app.settings.typewriter = "fast"
    app.settings.sound = False
    monkeypatch.setattr(savefile, "write_json", lambda *args, **kwargs: None)  # saving is tested elsewhere
    rng = random.Random(20261122)
    sent: dict[str, int] = {}
    direct: dict[str, int] = {}  # of those, received by the screen itself (on top of the stack)
    target = {"name": "", "scene": None}
    real_dispatch = app.dispatch

    def dispatch(event):
        if app.stack.top is target["scene"]:
            direct[target["name"]] = direct.get(target["name"], 0) + 1
        real_dispatch(event)

    monkeypatch.setattr(app, "dispatch", dispatch)
    for module_name in MODULES:
        module = importlib.import_module(f"safepath.scenes.{module_name}")
        states = module.screenshot_states(app)
        assert states, f"{module_name} offers no screen to test"
        for index, (name, scenes) in enumerate(states):
            target.update(name=name, scene=scenes[-1])
            app.running, away, n = True, 0, 0
            app.render_stack(scenes)
            while sent.get(name, 0) < EVENTS_PER_SCREEN:
                if not app.running or not len(app.stack) or away > WANDER:
                    scenes = module.screenshot_states(app)[index][1]  # this screen again, fresh
                    target["scene"], away = scenes[-1], 0
                    app.running = True
                    app.render_stack(scenes)
                n += 1
                if n % 61 == 0:
                    shake_settings(app, rng, second)
                events = [random_event(rng, app.theme.screen_size) for _ in range(rng.choice(BATCHES))]
                app.step(rng.choice([0.0, 1 / 60, 1 / 30, 0.2]), events)
                sent[name] = sent.get(name, 0) + len(events)
                away = 0 if any(s is target["scene"] for s in app.stack) else away + 1
    assert len(sent) >= 15 and min(sent.values()) >= EVENTS_PER_SCREEN, sent
    assert all(direct.get(name, 0) >= EVENTS_PER_SCREEN // 50 for name in sent), direct
    i18n.set_language("en")
    i18n.set_second_language(None)


def test_every_screen_module_is_shaken_by_a_monkey():
    """The story, menu and check monkeys together cover every module that offers screens."""
    import pkgutil

    import safepath.scenes as pkg
    from test_checks_monkey import MODULES as CHECK_MODULES
    from test_class_monkey import MODULES as CLASS_MODULES
    from test_menus_monkey import MODULES as MENU_MODULES

    offering = {info.name for info in pkgutil.iter_modules(pkg.__path__)
                if hasattr(importlib.import_module(f"safepath.scenes.{info.name}"), "screenshot_states")}
    from test_drills_monkey import MODULES as DRILL_MODULES

    assert offering == set(MODULES) | set(MENU_MODULES) | set(CHECK_MODULES) | set(CLASS_MODULES) | set(DRILL_MODULES)
