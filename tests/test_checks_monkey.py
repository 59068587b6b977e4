"""Monkey test for the check screens: thousands of random events to every check screen state; no exception.

Keys (number keys, arrows, Enter, Esc, S), typing in three scripts, mouse, touch, wheel and window
resizes, as in tests/test_menus_monkey.py. When the events finish or leave a screen, the same screen
is put back, fresh. Saving is stubbed (tested in test_checks_flow.py). Seeded: a failure replays exactly.
"""

from __future__ import annotations

import random

from safepath.app import make_app
from safepath.saves import savefile
from safepath.scenes import booster_replay, checks
from test_menus_monkey import SIZES, random_event, resize_window

EVENTS_PER_SCREEN = 2_000
MODULES = ("checks", "booster_replay")  # the screen modules this monkey covers (tests/test_monkey_story.py counts them)


def test_random_events_never_crash_the_check_screens(tmp_path, monkeypatch):
    app = make_app(data_dir=tmp_path, lang="my", size=(800, 500))
    profile = app.storage.create_profile("Monkey", "bird")
    app.select_profile(profile)
    monkeypatch.setattr(app, "start_scenario", lambda *args, **kwargs: None)
    monkeypatch.setattr(app, "reload_content", lambda: None)
    monkeypatch.setattr(savefile, "write_json", lambda *args, **kwargs: None)
    rng = random.Random(4321)
    def screenshot_states(app):
        return checks.screenshot_states(app) + booster_replay.screenshot_states(app)

    states = screenshot_states(app)
    assert {name for name, _ in states} >= {"check-offer", "check-sign", "check-action", "check-result",
                                            "booster-replay", "check-intro-pre"}
    for index, (name, scenes) in enumerate(states):
        app.running = True
        app.render_stack(scenes)
        sent = 0
        while sent < EVENTS_PER_SCREEN:
            if not app.running or not len(app.stack):
                app.running = True
                app.render_stack(screenshot_states(app)[index][1])
            if sent % 97 == 0:
                resize_window(app, rng.choice(SIZES), rng)
            batch = [random_event(rng, app.theme.screen_size) for _ in range(rng.choice((1, 4, 16)))]
            app.step(rng.choice((0.0, 1 / 60)), batch)
            sent += len(batch)
