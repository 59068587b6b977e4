"""Issue 18: an independent random-event test of the whole game, through SDL's own event queue.

Unlike the screen-by-screen monkeys (``test_monkey_story.py``, ``test_menus_monkey.py``,
``test_checks_monkey.py``), which hand made-up events to ``app.step`` for one screen at a time,
this test plays the game as a whole from its first screen: 50,000 events are *posted* with
``pygame.event.post`` (key presses and releases, typed text and input-method composition text in
three scripts with invisible format characters among them, mouse moves, clicks and wheel, finger
taps, window events, now and then a request to quit) and read back with ``pygame.event.get()``, as
the game's loop reads them, in bursts of 1 to 120. Between bursts the window is resized, now and then,
to sizes from 1×1 to 3840×2160 (the new size, then the resize event, through the queue), and the
language and the text size are switched as the settings screen does. When the game quits, it is
started again, as a player would.

Any exception fails the test: the app is built with ``make_app``, which lets drawing errors through
(the game itself would replace the screen, see ``test_drawing_crash.py``). Seeded: a failure replays
exactly. It also checks that the events went somewhere: the players reached the stories and the
story screens, so the test cannot pass by sitting on the title. Runs in about a minute on the
project's slow machine (see the printed summary with ``-s``).
"""

from __future__ import annotations

import random
import time

import pygame

from safepath import i18n
from safepath.app import make_app
from safepath.saves import savefile

SEED = 20261203
EVENTS = 50_000
BURSTS = (1, 1, 2, 4, 8, 16, 40, 120)
TINY = [(1, 1), (2, 2), (5, 3), (31, 17), (64, 48), (100, 100), (1, 720), (1280, 1), (160, 90)]
USUAL = [(800, 500), (1024, 768), (1280, 720), (1366, 768), (1920, 1080)]
HUGE = [(2560, 1440), (3840, 2160)]
KEYS = [pygame.K_UP, pygame.K_DOWN, pygame.K_LEFT, pygame.K_RIGHT, pygame.K_TAB, pygame.K_RETURN, pygame.K_KP_ENTER,
        pygame.K_SPACE, pygame.K_ESCAPE, pygame.K_BACKSPACE, pygame.K_HOME, pygame.K_END, pygame.K_PAGEUP,
        pygame.K_PAGEDOWN, pygame.K_s, pygame.K_p, pygame.K_a, pygame.K_y, pygame.K_n, pygame.K_F5, pygame.K_DELETE,
        ] + [getattr(pygame, f"K_{n}") for n in range(10)]
TEXTS = ["a", "Mya", "ก", "เริ่ม", "ไม่ต้องมี\u00adประสบการณ์", "မ", "ြ", "ဂိမ်း", "မြန်\u200cမာ", "1", " ", "😀",
         "\u200b", "\u200d", "\ufeff", "\u202e", "\u2066", "\u00ad", "x" * 20]
WINDOW_EVENTS = [pygame.WINDOWEXPOSED, pygame.WINDOWFOCUSLOST, pygame.WINDOWFOCUSGAINED, pygame.WINDOWSHOWN,
                 pygame.WINDOWRESTORED, pygame.WINDOWENTER, pygame.WINDOWLEAVE]
#: screens that show the stories: reaching them means the events played the game, not only its menus
STORY_SCREENS = {"StoryScene", "ContentNoteScene", "FeedbackOverlay", "DebriefScene"}


def random_event(rng: random.Random, size: tuple[int, int]) -> pygame.event.Event:
    w, h = size
    pos = (rng.randrange(-10, w + 10), rng.randrange(-10, h + 10))
    roll = rng.random()
    if roll < 0.30:
        key = rng.choice(KEYS)
        unicode = chr(key) if 32 <= key < 127 else ("\r" if key in (pygame.K_RETURN, pygame.K_KP_ENTER) else "")
        return pygame.event.Event(rng.choice([pygame.KEYDOWN, pygame.KEYDOWN, pygame.KEYUP]), key=key,
                                  mod=rng.choice([0, 0, pygame.KMOD_SHIFT]), unicode=unicode, scancode=0)
    if roll < 0.36:
        return pygame.event.Event(pygame.TEXTINPUT, text=rng.choice(TEXTS))
    if roll < 0.39:
        text = rng.choice(TEXTS + [""])
        return pygame.event.Event(pygame.TEXTEDITING, text=text, start=0, length=len(text))
    if roll < 0.52:
        return pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(rng.randint(-5, 5), rng.randint(-5, 5)),
                                  buttons=rng.choice([(0, 0, 0), (1, 0, 0)]), touch=False)
    if roll < 0.80:
        return pygame.event.Event(rng.choice([pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP]), pos=pos,
                                  button=rng.choice([1, 1, 1, 2, 3]), touch=False)
    if roll < 0.88:
        return pygame.event.Event(rng.choice([pygame.FINGERDOWN, pygame.FINGERUP, pygame.FINGERMOTION]),
                                  x=rng.uniform(-0.05, 1.05), y=rng.uniform(-0.05, 1.05), dx=0.0, dy=0.0,
                                  touch_id=1, finger_id=rng.randrange(3), pressure=1.0)
    if roll < 0.95:
        return pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=rng.choice([-5, -1, 1, 5]), flipped=False,
                                  precise_x=0.0, precise_y=0.0, touch=False)
    if roll < 0.9995:
        return pygame.event.Event(rng.choice(WINDOW_EVENTS))
    return pygame.event.Event(pygame.QUIT)


def pick_size(rng: random.Random) -> tuple[int, int]:
    roll = rng.random()
    if roll < 0.45:
        return rng.choice(TINY)
    if roll < 0.92:
        return rng.choice(USUAL)
    return rng.choice(HUGE)


def restart(app) -> None:
    """What quitting and starting the game again does: every screen leaves, the title comes back."""
    for _ in range(len(app.stack)):
        app.stack.pop()
    app.running = True
    app.start()


def test_fifty_thousand_real_sdl_events_through_the_whole_game(tmp_path, monkeypatch):
    monkeypatch.setenv("SAFEPATH_CACHE_DIR", str(tmp_path / "cache"))
    app = make_app(data_dir=tmp_path / "data", lang="en", size=(1280, 720))
    app.settings.typewriter = "fast"
    app.settings.sound = False
    real_write = savefile.write_json
    writes = {"n": 0}

    def counted_write(*args, **kwargs):  # saves are real (files on disk); counted to see the story was played
        writes["n"] += 1
        return real_write(*args, **kwargs)

    monkeypatch.setattr(savefile, "write_json", counted_write)
    rng = random.Random(SEED)
    pygame.event.clear()
    app.start()
    posted = steps = resizes = switches = restarts = 0
    seen: dict[str, int] = {}
    sizes_seen: set[tuple[int, int]] = set()
    started = time.perf_counter()
    while posted < EVENTS:
        roll = rng.random()
        if roll < 0.03:
            size = pick_size(rng)
            pygame.display.set_mode(size)
            pygame.event.post(pygame.event.Event(pygame.WINDOWSIZECHANGED, x=size[0], y=size[1]))
            pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, size=size, w=size[0], h=size[1]))
            resizes += 1
            sizes_seen.add(size)
        elif roll < 0.04:
            if rng.random() < 0.5:
                app.settings.language = rng.choice(["th", "my", "en"])
            else:
                app.settings.text_size = rng.randrange(3)
            app.apply_settings(app.settings)  # what the settings screen does
            switches += 1
        burst = min(rng.choice(BURSTS), EVENTS - posted)
        size = app.surface.get_size()
        for _ in range(burst):
            pygame.event.post(random_event(rng, size))
        posted += burst
        events = pygame.event.get()
        app.step(rng.choice([0.0, 1 / 60, 1 / 30, 0.25]), events)
        steps += 1
        top = type(app.stack.top).__name__ if len(app.stack) else "-"
        seen[top] = seen.get(top, 0) + 1
        if not app.running or not len(app.stack):
            restart(app)
            restarts += 1
    took = time.perf_counter() - started
    i18n.set_language("en")
    print(f"\n{posted} events in {steps} frames, {took:.1f} s; {resizes} resizes ({len(sizes_seen)} sizes), "
          f"{switches} language/text-size switches, {restarts} restarts, {writes['n']} saves; top screens: "
          + ", ".join(f"{k} {v}" for k, v in sorted(seen.items(), key=lambda kv: -kv[1])))
    assert posted == EVENTS
    assert sizes_seen & set(TINY) and sizes_seen & set(HUGE)
    assert {"TitleScene", "ScenarioPicker", "ProfilePicker"} <= set(seen), seen
    assert STORY_SCREENS & set(seen), seen
    assert writes["n"] > 0
