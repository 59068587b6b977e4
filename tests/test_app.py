"""The app: start-up, the event-driven loop, resizing, start-up failures, broken scenarios, save notices."""

from __future__ import annotations

import argparse
import shutil

import pygame
import pytest

from safepath import app as app_module
from safepath import i18n, paths
from safepath.app import make_app
from safepath.saves.savefile import RESTORED
from safepath.scenes.base import Scene
from safepath.scenes.pause import Dialog
from safepath.scenes.picker import ScenarioPicker
from safepath.scenes.profiles import NewProfileScene, ProfilePicker
from safepath.scenes.title import TitleScene


def key(k: int, unicode: str = "") -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode=unicode, scancode=0)


@pytest.fixture(autouse=True)
def english():
    yield
    i18n.set_language("en")


def test_loop_reaches_scenario_picker_from_posted_events(tmp_path):
    app = make_app(data_dir=tmp_path, lang="en")
    app.stack.push(TitleScene())
    pygame.event.clear()
    for ev in (key(pygame.K_RETURN), key(pygame.K_RETURN), pygame.event.Event(pygame.TEXTINPUT, text="Mya"),
               key(pygame.K_RETURN)):
        pygame.event.post(ev)
    seen = []
    real_step = app.step

    def step(dt, events):
        animating = real_step(dt, events)
        seen.append(type(app.stack.top).__name__)
        if isinstance(app.stack.top, ScenarioPicker):
            app.quit()
        return animating

    app.step = step
    pygame.event.post(pygame.event.Event(pygame.USEREVENT))  # wakes the wait once more
    app.loop()
    assert "ScenarioPicker" in seen
    assert [p.nickname for p in app.storage.profiles()] == ["Mya"]


def test_still_screen_is_not_redrawn(tmp_path, monkeypatch):
    app = make_app(data_dir=tmp_path, lang="en")
    app.stack.push(TitleScene())
    draws = []
    real_draw = app.draw
    monkeypatch.setattr(app, "draw", lambda: (draws.append(1), real_draw()))
    assert app.step(0.0, []) is False, "the title does not animate"
    assert draws == [1]
    for _ in range(5):
        app.step(0.0, [pygame.event.Event(pygame.USEREVENT)])
    assert draws == [1], "nothing changed, nothing drawn"
    app.step(0.0, [key(pygame.K_DOWN)])
    assert draws == [1, 1], "moving the focus redraws once"


def test_animating_scene_keeps_the_loop_ticking(tmp_path):
    app = make_app(data_dir=tmp_path, lang="en")

    class Blink(Scene):
        def __init__(self):
            super().__init__()
            self.left = 0.05

        def update(self, dt):
            self.left -= dt
            self.needs_redraw = True
            return self.left > 0

    app.stack.push(Blink())
    assert app.step(1 / 60, []) is True
    assert app.step(1 / 60, []) is True
    assert app.step(1 / 20, []) is False


@pytest.mark.parametrize("size", [(1280, 720), (1366, 768), (1920, 1080), (800, 500)])
def test_screens_lay_out_from_window_size(tmp_path, size):
    app = make_app(data_dir=tmp_path, lang="en")
    app.storage.create_profile("Mya", "cat")
    title = app.stack.push(TitleScene())
    app.surface = pygame.display.set_mode(size)
    app.dispatch(pygame.event.Event(pygame.WINDOWSIZECHANGED, x=size[0], y=size[1]))
    assert app.theme.screen_size == size
    for b in title.menu.buttons:
        assert b.rect.right <= size[0] and b.rect.left >= 0
    assert title.menu.viewport.bottom <= size[1]
    app.draw()


def test_missing_display_says_so_and_exits_1(monkeypatch, capsys):
    def no_display():
        raise pygame.error("No available video device")

    monkeypatch.setattr(app_module.pygame.display, "init", no_display)
    args = argparse.Namespace(lang="en", fullscreen=False, windowed=True, portable=False, data_dir=None, author=False, content=None)
    assert app_module.run(args) == 1
    err = capsys.readouterr().err
    assert "No screen was found" in err and "Traceback" not in err


def test_broken_scenario_is_listed_others_still_play(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    good = paths.scenarios_dir() / "dream-job.yaml"
    if not good.exists():
        pytest.skip("dream-job scenario not present")
    shutil.copy(good, content / "dream-job.yaml")
    (content / "broken.yaml").write_text("id: broken\ntitle: [unclosed\n", "utf-8")
    app = make_app(data_dir=tmp_path / "data", lang="en", content_dir=content)
    assert "dream-job" in app.scenarios
    assert len(app.load_problems) == 1 and app.load_problems[0].startswith("broken.yaml:")
    app.profile = app.storage.create_profile("Mya", "cat")
    picker = app.stack.push(ScenarioPicker())
    disabled = [b for b in picker.menu.buttons if not b.enabled]
    assert len(disabled) == 1 and "broken.yaml" in disabled[0].detail


def test_damaged_save_is_restored_and_player_told(tmp_path):
    app = make_app(data_dir=tmp_path, lang="en")
    app.storage.create_profile("Aye", "cat")
    app.storage.create_profile("Bo", "moon")
    path = tmp_path / "profiles.json"
    path.write_bytes(path.read_bytes()[:30])
    app2 = make_app(data_dir=tmp_path, lang="en", load=False)
    app2.start()
    assert isinstance(app2.stack.top, Dialog)
    assert app2.stack.top.message == i18n._(RESTORED)
    app2.dispatch(key(pygame.K_RETURN))
    assert isinstance(app2.stack.top, TitleScene)
    app2.dispatch(key(pygame.K_RETURN))
    assert isinstance(app2.stack.top, ProfilePicker)
    assert [b.label for b in app2.stack.top.menu.buttons][:1] == ["Aye"]


def test_start_scenario_opens_content_note_or_story(tmp_path):
    app = make_app(data_dir=tmp_path, lang="en")
    if not app.scenarios:
        pytest.skip("no scenario loaded")
    app.profile = app.storage.create_profile("Mya", "cat")
    app.stack.push(ScenarioPicker())
    sid = sorted(app.scenarios)[0]
    app.start_scenario(sid, resume=False)
    assert app.stack.top is not None and not isinstance(app.stack.top, ScenarioPicker)


def test_new_profile_screen_fits_at_smallest_window_with_large_text(tmp_path):
    app = make_app(data_dir=tmp_path, lang="my", text_size=2, size=(800, 500))
    scene = app.stack.push(NewProfileScene())
    for r in scene._avatar_rects:
        assert r.right <= 800
    for b in scene.menu.buttons:
        assert b.content_fits(app.theme, "my")


def _args(**kw):
    base = dict(lang="en", fullscreen=False, windowed=True, portable=False, data_dir=None, author=False, content=None)
    base.update(kw)
    return argparse.Namespace(**base)


def test_window_that_cannot_open_says_so(monkeypatch, capsys, tmp_path):
    def refuse(*a, **k):
        raise pygame.error("could not create window")

    monkeypatch.setattr(app_module.pygame.display, "set_mode", refuse)
    assert app_module.run(_args(data_dir=str(tmp_path))) == 1
    err = capsys.readouterr().err
    assert "No screen was found" in err and "Traceback" not in err


def test_run_starts_and_quits_cleanly_with_data_dir(tmp_path, monkeypatch):
    real_start = app_module.App.start

    def start_then_quit(self):
        real_start(self)
        pygame.event.post(pygame.event.Event(pygame.QUIT))

    monkeypatch.setattr(app_module.App, "start", start_then_quit)
    assert app_module.run(_args(data_dir=str(tmp_path / "saves"), lang="my")) == 0
    assert i18n.current_language() == "my"


def test_portable_keeps_saves_next_to_the_game(tmp_path, monkeypatch):
    monkeypatch.setenv("SAFEPATH_ROOT", str(tmp_path))
    (tmp_path / "content" / "scenarios").mkdir(parents=True)
    seen = {}
    real_start = app_module.App.start

    def start_then_quit(self):
        real_start(self)
        seen["root"] = self.storage.root
        self.storage.create_profile("Mya", "cat")
        pygame.event.post(pygame.event.Event(pygame.QUIT))

    monkeypatch.setattr(app_module.App, "start", start_then_quit)
    assert app_module.run(_args(portable=True)) == 0
    assert seen["root"] == tmp_path / "userdata"
    assert (tmp_path / "userdata" / "profiles.json").exists()


def test_missing_font_is_named_and_exits_1(tmp_path, monkeypatch, capsys):
    from safepath.ui import fonts

    empty = tmp_path / "fonts"
    empty.mkdir()
    monkeypatch.setattr(fonts, "default_book", lambda: fonts.FontBook(empty))
    assert app_module.run(_args(data_dir=str(tmp_path / "saves"))) == 1
    err = capsys.readouterr().err
    assert "NotoSans" in err and ".ttf" in err and "Traceback" not in err


def test_author_mode_reloads_edited_scenarios(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    good = paths.scenarios_dir() / "dream-job.yaml"
    if not good.exists():
        pytest.skip("dream-job scenario not present")
    shutil.copy(good, content / "dream-job.yaml")
    app = make_app(data_dir=tmp_path / "data", lang="en", content_dir=content, load=False)
    app.author = True
    app.start()
    called = []

    class Watcher(Scene):
        def content_reloaded(self, scenarios):
            called.append(sorted(scenarios))

    app.stack.push(Watcher())
    app.dispatch(pygame.event.Event(app_module.AUTHOR_POLL_EVENT))
    assert called == [], "nothing changed yet"
    (content / "broken.yaml").write_text("id: [\n", "utf-8")
    app.dispatch(pygame.event.Event(app_module.AUTHOR_POLL_EVENT))
    assert called == [["dream-job"]]
    assert app.load_problems and app.load_problems[0].startswith("broken.yaml")
    pygame.time.set_timer(app_module.AUTHOR_POLL_EVENT, 0)


def _author_app(tmp_path):
    """The real app in author mode, playing a copy of dream-job through the real story scene."""
    from safepath.scenes.story import StoryScene

    content = tmp_path / "content"
    content.mkdir()
    good = paths.scenarios_dir() / "dream-job.yaml"
    if not good.exists():
        pytest.skip("dream-job scenario not present")
    story_file = content / "dream-job.yaml"
    shutil.copy(good, story_file)
    app = make_app(data_dir=tmp_path / "data", lang="en", content_dir=content, load=False)
    app.author = True
    app.start()
    app.profile = app.storage.create_profile("Author", "cat")
    story = app.stack.push(StoryScene(app.scenarios["dream-job"]))
    app.step(0.0, [])
    return app, story, story_file, good.read_text("utf-8")


def _save(path, text):
    """Write ``text`` and make sure the change is seen even within one file-system time tick."""
    import os

    before = path.stat().st_mtime_ns if path.exists() else 0
    path.write_text(text, "utf-8")
    os.utime(path, ns=(before + 10**9, before + 10**9))


def test_author_error_overlay_is_one_replaced_then_gone(tmp_path):
    """Two broken saves then a good one: one overlay, showing the latest errors, closed by the good save."""
    from safepath.scenes.author_errors import AuthorErrors

    app, story, story_file, good = _author_app(tmp_path)
    poll = pygame.event.Event(app_module.AUTHOR_POLL_EVENT)
    _save(story_file, good.replace("scenes:", "scenes:\n  bad: [", 1))
    app.step(0.0, [poll])
    first = app.stack.top
    assert isinstance(first, AuthorErrors) and len(app.stack) == 3
    assert any("dream-job.yaml:" in line and "error SP" in line for line in first.text_lines)
    _save(story_file, good.replace("ask-company", "ask-compnay", 1))
    app.step(0.0, [poll])
    assert app.stack.top is first and len(app.stack) == 3, "replaced, not piled up"
    assert all("SP004" not in line for line in first.text_lines), "the first save's error is gone"
    assert any("ask-compnay" in line for line in first.text_lines)
    assert story.scenario is not None and story.story is not None, "the old version keeps running"
    _save(story_file, good)
    app.step(0.0, [poll])
    assert app.stack.top is story and len(app.stack) == 2, "a clean load closes the overlay"
    assert not [s for s in app.stack if isinstance(s, AuthorErrors)]
    pygame.time.set_timer(app_module.AUTHOR_POLL_EVENT, 0)


def test_author_error_overlay_shows_source_line_and_caret_like_lint(tmp_path):
    from safepath.story import loader
    from safepath.scenes.author_errors import AuthorErrors

    app, story, story_file, good = _author_app(tmp_path)
    broken = good.replace("next:", "nxet:")
    story_file.write_text(broken, "utf-8")
    app.reload_content()
    overlay = app.stack.top
    assert isinstance(overlay, AuthorErrors)
    expected = [d for d in loader.load_scenario(story_file).diagnostics if d.is_error]
    assert len(expected) > 8
    lint_text = "\n".join(d.format(broken) for d in sorted(expected, key=lambda d: (d.file, d.line, d.column, d.code)))
    assert "\n".join(overlay.text_lines) == lint_text, "every error, each as `safepath lint` prints it"
    assert sum(line.strip() == "^" for line in overlay.text_lines) == len(expected)
    app.draw()
    assert overlay.max_scroll > 0, "this many errors do not fit: the list scrolls"
    app.dispatch(key(pygame.K_END))
    assert overlay.scroll == overlay.max_scroll
    app.dispatch(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=2, flipped=False))
    assert 0 < overlay.scroll < overlay.max_scroll
    app.dispatch(key(pygame.K_HOME))
    assert overlay.scroll == 0
    app.dispatch(key(pygame.K_1))
    assert app.stack.top is overlay, "keys meant for the story do not reach it under the errors"


@pytest.mark.parametrize("source, column", [
    ("        kind: narration", 9),  # after spaces only
    ("      goto: ask-compnay", 13),  # right after a space
    ("    text: สวัสดี {name}", 17),  # after Thai letters, drawn with the Thai font
])
def test_caret_is_drawn_under_the_column(tmp_path, source, column):
    """The caret's x is where the column's letter is drawn in the source line, in the fonts actually used."""
    from safepath.story.diagnostics import error
    from safepath.scenes.author_errors import AuthorErrors, _code_text
    from safepath.ui import fonts

    app = make_app(data_dir=tmp_path, lang="en", load=False)
    overlay = app.stack.push(AuthorErrors([error("SP041", "x.yaml", 1, column, "problem")], {"x.yaml": source + "\n"}))
    (_, _, _), (line_x, _, _), (caret_x, _, _) = overlay._pieces[:3]
    book, size = fonts.default_book(), app.theme.text_px("small")
    measure = book.code_measurer(size)
    # drawn independently: the text up to the column followed by a marker, minus the marker
    marked = _code_text(book, source[: column - 1] + "|", 10**6, size, (0, 0, 0), measure).get_width()
    assert caret_x - line_x == marked - book.mono(size).size("|")[0] > 0
    if source.isascii():
        assert caret_x - line_x == (column - 1) * book.mono(size).size(" ")[0], "monospace: one width per letter"


def test_f5_over_the_error_overlay_reloads(tmp_path):
    from safepath.scenes.author_errors import AuthorErrors

    app, story, story_file, good = _author_app(tmp_path)
    story_file.write_text(good.replace("scenes:", "scenes:\n  bad: [", 1), "utf-8")
    app.dispatch(key(pygame.K_F5))
    assert isinstance(app.stack.top, AuthorErrors)
    story_file.write_text(good, "utf-8")
    app.dispatch(key(pygame.K_F5))
    assert app.stack.top is story, "F5 over the overlay read the fixed file and closed it"
    story_file.write_text(good.replace("scenes:", "scenes:\n  bad: [", 1), "utf-8")
    app.dispatch(key(pygame.K_F5))
    app.dispatch(key(pygame.K_ESCAPE))
    assert app.stack.top is story, "Esc hides the overlay"
    app.dispatch(key(pygame.K_F5))
    assert isinstance(app.stack.top, AuthorErrors), "and the next reload with errors shows it again"


def test_no_sound_device_means_silence_not_a_crash(tmp_path, monkeypatch):
    def no_audio(*args, **kwargs):
        raise pygame.error("No available audio device")

    monkeypatch.setattr(pygame.mixer, "get_init", lambda: None)
    monkeypatch.setattr(pygame.mixer, "init", no_audio)
    app = make_app(data_dir=tmp_path, lang="en")
    app.sound.enabled = True  # as in a real (not headless) start with sound on
    app.stack.push(TitleScene())
    app.dispatch(key(pygame.K_DOWN))
    app.play_sound("tap")
    app.dispatch(key(pygame.K_RETURN))  # activating a button plays "tap" too
    assert app.running


# -- start-up: no screen, damaged fonts, first run -----------------------------------------------------
def _clean_env(**extra) -> dict:
    """The environment of someone starting the game with no desktop session: no display variables at all."""
    import os
    import sys
    from pathlib import Path

    keep = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG", "LC_ALL", "SYSTEMROOT")}
    root = str(Path(app_module.__file__).resolve().parent.parent)
    keep["PYTHONPATH"] = root + (os.pathsep + os.environ["PYTHONPATH"] if os.environ.get("PYTHONPATH") else "")
    keep["PYTHONIOENCODING"] = "utf-8"
    keep.update(extra)
    assert sys.executable
    return keep


def _start_game(env: dict, *args: str):
    import subprocess
    import sys

    return subprocess.run([sys.executable, "-m", "safepath", *args], env=env, capture_output=True, text=True,
                          timeout=60, encoding="utf-8")


def test_no_display_at_all_says_so_instead_of_running_unseen(tmp_path):
    """With DISPLAY unset SDL falls back to drawing in memory; the game used to run invisibly until killed."""
    done = _start_game(_clean_env(), "--data-dir", str(tmp_path / "saves"), "--lang", "en")
    assert done.returncode == 1, done.stderr
    assert "No screen was found" in done.stderr and "offscreen" in done.stderr
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, "one plain sentence, not the complaints of the drivers SDL tried"


def test_no_display_message_is_in_the_players_language(tmp_path):
    done = _start_game(_clean_env(), "--data-dir", str(tmp_path / "saves"), "--lang", "th")
    assert done.returncode == 1
    i18n.set_language("th")
    first = done.stderr.strip().splitlines()[-2]
    assert first.startswith("SafePath: ") and any("\u0e00" <= ch <= "\u0e7f" for ch in first), done.stderr
    assert "No screen was found" in done.stderr.strip().splitlines()[-1], "English follows, for a trainer"


def test_dummy_driver_asked_for_is_respected(tmp_path, monkeypatch):
    """Tests and the screenshot tool choose SDL's dummy driver on purpose: that is not 'no screen'."""
    real_start = app_module.App.start

    def start_then_quit(self):
        real_start(self)
        pygame.event.post(pygame.event.Event(pygame.QUIT))

    monkeypatch.setenv("SDL_VIDEODRIVER", "dummy")
    monkeypatch.setattr(app_module.App, "start", start_then_quit)
    assert app_module.run(_args(data_dir=str(tmp_path))) == 0


def _assets_with(tmp_path, font_name: str, data: bytes):
    """A copy of the game's folders with one font file replaced; SAFEPATH_ROOT points the game at it."""
    import os

    root = tmp_path / "game"
    (root / "assets").mkdir(parents=True)
    for name in ("content", "locales"):
        os.symlink(paths.project_root() / name, root / name)
    for name in ("images", "avatars", "sounds"):
        os.symlink(paths.assets_dir() / name, root / "assets" / name)
    shutil.copytree(paths.fonts_dir(), root / "assets" / "fonts")
    (root / "assets" / "fonts" / font_name).write_bytes(data)
    return root


@pytest.mark.parametrize("garbage", ["noise", "latin-font"])
def test_damaged_burmese_font_stops_the_start_not_the_session(tmp_path, garbage):
    """The audit's case: a bad NotoSansMyanmar-Regular.ttf let the game start, then it vanished when Burmese was picked."""
    data = b"\x00\x01\x00\x00" + bytes(range(256)) * 40 if garbage == "noise" else \
        (paths.fonts_dir() / "NotoSans-Regular.ttf").read_bytes()
    root = _assets_with(tmp_path, "NotoSansMyanmar-Regular.ttf", data)
    done = _start_game(_clean_env(SAFEPATH_ROOT=str(root), SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy"),
                       "--data-dir", str(tmp_path / "saves"), "--lang", "en")
    assert done.returncode == 1, done.stderr
    assert "NotoSansMyanmar-Regular.ttf" in done.stderr and str(root / "assets" / "fonts") in done.stderr
    assert ("Burmese letters" in done.stderr) == (garbage == "latin-font")
    assert "Traceback" not in done.stderr


def test_font_problem_is_shown_in_a_window_when_there_is_a_screen(tmp_path, monkeypatch, capsys):
    """Someone who double-clicked the game has no terminal: the message also comes in a message box."""
    from safepath.ui import fonts

    bad = tmp_path / "fonts"
    shutil.copytree(paths.fonts_dir(), bad)
    (bad / "NotoSansThai-Bold.ttf").write_bytes(b"garbage")
    monkeypatch.setattr(fonts, "default_book", lambda: fonts.FontBook(bad))
    boxes = []
    monkeypatch.setattr(app_module.pygame.display, "get_driver", lambda: "x11")
    monkeypatch.setattr(app_module.pygame.display, "message_box",
                        lambda title, message, message_type="info", **kw: boxes.append((title, message, message_type)))
    opened = []
    monkeypatch.setattr(app_module.App, "open_window", lambda self: opened.append(1))
    assert app_module.run(_args(data_dir=str(tmp_path / "saves"))) == 1
    assert len(boxes) == 1 and boxes[0][0] == "SafePath" and boxes[0][2] == "error"
    assert "NotoSansThai-Bold.ttf" in boxes[0][1] and "NotoSansThai-Bold.ttf" in capsys.readouterr().err
    assert opened == [], "the problem is found before the window opens"


def test_no_message_box_without_a_screen(tmp_path, monkeypatch, capsys):
    from safepath.ui import fonts

    empty = tmp_path / "fonts"
    empty.mkdir()
    monkeypatch.setattr(fonts, "default_book", lambda: fonts.FontBook(empty))
    monkeypatch.setattr(app_module.pygame.display, "message_box", lambda *a, **k: pytest.fail("no screen, no box"))
    assert app_module.run(_args(data_dir=str(tmp_path / "saves"))) == 1
    assert "NotoSans" in capsys.readouterr().err


def test_first_run_asks_the_language_before_anything_else(tmp_path):
    app = make_app(data_dir=tmp_path, lang="en", load=False)
    app.lang_forced, app.first_run, app.settings.language = False, True, None  # as `safepath` with no --lang
    i18n.set_language("en")
    app.start()
    from safepath.scenes.language import LanguagePicker

    picker = app.stack.top
    assert isinstance(picker, LanguagePicker) and len(app.stack) == 1, "no English title behind it"
    assert [b.label for b in picker.menu.buttons] == ["ภาษาไทย", "မြန်မာဘာသာ", "English"]
    app.dispatch(key(pygame.K_ESCAPE))
    assert app.stack.top is picker, "Esc on the first question does not drop into an English screen"
    app.dispatch(key(pygame.K_2))
    second = app.stack.top
    assert isinstance(second, LanguagePicker) and second.step == "second" and len(app.stack) == 1
    assert i18n.current_language() == "my"
    app.dispatch(key(pygame.K_ESCAPE))  # Esc on the second question keeps one language, the default
    title = app.stack.top
    assert isinstance(title, TitleScene) and len(app.stack) == 1
    assert app.settings.second_language is None
    assert title.menu.buttons[0].label == i18n._("Play") != "Play", "the title speaks Burmese"
    app.dispatch(key(pygame.K_RETURN))
    assert isinstance(app.stack.top, ProfilePicker), "Play goes on to the players, not to the language again"


def test_first_run_notices_wait_for_the_language(tmp_path):
    """Settings lost with no backup: the language is asked again (not silently English), then the notice comes in it."""
    from safepath.saves.savefile import STARTED_FRESH, backup_path
    from safepath.scenes.language import LanguagePicker
    from safepath.saves.players import Settings
    from safepath.saves.storage import Storage

    Storage(tmp_path).save_global_settings(Settings(language="th"))
    for path in (tmp_path / "settings.json", backup_path(tmp_path / "settings.json")):
        path.write_bytes(b"\x00\x01")
    app = app_module.App(Storage(tmp_path), headless=True)
    app.open_window()
    assert app.first_run and app.settings.language is None
    app.start()
    app.step(0.0, [])
    assert isinstance(app.stack.top, LanguagePicker), "the notice waits: it could not be read in English"
    app.step(0.0, [key(pygame.K_1)])
    assert isinstance(app.stack.top, LanguagePicker), "the second-language question is part of the first: still no notice"
    app.step(0.0, [key(pygame.K_RETURN)])  # "Only one language" has the focus
    assert isinstance(app.stack.top, Dialog)
    kept = [p.name for p in tmp_path.glob("settings.json*.corrupt-*")]
    assert i18n.current_language() == "th"
    assert any(app.stack.top.message == i18n._(STARTED_FRESH, name=name) for name in kept)
    assert any("\u0e00" <= ch <= "\u0e7f" for ch in app.stack.top.message), "told in Thai, as chosen"
    app.step(0.0, [key(pygame.K_RETURN)])
    assert isinstance(app.stack.top, TitleScene)


def test_no_sound_device_prints_one_plain_sentence_only(tmp_path):
    """ALSA prints a dozen lines about missing cards; the player gets at most one sentence."""
    code = ("from safepath.ui.sound import SoundBank\n"
            "bank = SoundBank()\n"
            "print(bank.play('tap'), bank.play('message'))\n")
    import subprocess
    import sys

    env = _clean_env(SDL_AUDIODRIVER="alsa", AUDIODEV="/nonexistent", ALSA_CONFIG_PATH=str(tmp_path / "none.conf"),
                     PYGAME_HIDE_SUPPORT_PROMPT="1")
    (tmp_path / "none.conf").write_text("pcm.!default { type hw card 97 }\n")
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    if done.stdout.split() == ["True", "True"]:
        pytest.skip("this machine has a working sound device")
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert lines == ["SafePath: No sound device was found, so the game plays without sound."], done.stderr


# -- start-up work after the first frame -----------------------------------------------------------------
def test_first_frame_comes_before_the_scenarios_are_read(tmp_path, monkeypatch):
    """The loop draws the title at once and reads the scenarios in a thread; the first key is handled meanwhile."""
    import threading

    app = make_app(data_dir=tmp_path, lang="en", load=False)
    app.stack.push(TitleScene())
    gate = threading.Event()
    real_read = app._read_scenarios
    seen = {}

    def slow_read():
        gate.wait(10)  # the read takes as long as the test wants
        return real_read()

    monkeypatch.setattr(app, "_read_scenarios", slow_read)
    real_step = app.step

    def step(dt, events):
        animating = real_step(dt, events)
        if "first" not in seen:
            seen["first"] = app._scenarios is None
            pygame.event.post(key(pygame.K_DOWN))
        elif any(e.type == pygame.KEYDOWN for e in events):
            seen["key while reading"] = app._loader is not None and app._loader[0].is_alive()
            gate.set()
            seen["picker has scenarios"] = "dream-job" in app.scenarios  # waits for the thread
            app.quit()
        return animating

    monkeypatch.setattr(app, "step", step)
    pygame.event.clear()
    app.loop()
    assert seen == {"first": True, "key while reading": True, "picker has scenarios": True}


def test_a_failing_background_read_is_raised_where_the_scenarios_are_needed(tmp_path, monkeypatch):
    app = make_app(data_dir=tmp_path, lang="en", load=False)

    def broken():
        raise MemoryError("no room")

    monkeypatch.setattr(app, "_read_scenarios", broken)
    app.load_scenarios_in_background()
    with pytest.raises(MemoryError):
        app.scenarios
