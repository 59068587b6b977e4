"""The one module that owns the display: window, event-driven loop, scene stack, settings.

Why an event-driven loop: SafePath runs on old laptops on battery. While the
screen is still, the loop blocks in ``pygame.event.wait()`` and costs next to
no CPU; only while a scene's ``update`` reports an animation (typing dots, a
message sliding in, a transition) does it tick at 60 fps. The screen is
redrawn only when a scene says its picture changed.

Start-up problems are told in plain words and end with exit status 1 (no
display, a missing font); a missing sound device just means silence; a
scenario that fails to load is listed on the scenario picker while the others
still play.

``safepath.cli.run_game`` calls :func:`run`; tests and the screenshot command
call :func:`make_app` for a headless :class:`App` and ``app.render_stack``.
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
import time
from pathlib import Path
from typing import Any

# SDL would back the window with an OpenGL renderer (on Linux often Mesa's llvmpipe): ~100 MB more
# memory and an 8 ms flip of a 1280x720 window under X11, against 0.2 ms for plain shared-memory
# blits. A story game needs no GPU, and old laptops' GL drivers are the least reliable part of them.
os.environ.setdefault("SDL_FRAMEBUFFER_ACCELERATION", "0")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")  # players see no library banner

import pygame  # noqa: E402  (after the hint: SDL reads it when the window is made)

from safepath import i18n, paths
from safepath.scenes.base import Scene, SceneStack, scene_factory
from safepath.saves import savefile
from safepath.saves.players import Settings
from safepath.saves.storage import Storage, resolve_data_dir
from safepath.ui import memory
from safepath.ui.theme import Theme

#: a frame whose drawing fails is drawn again after each recovery, this many times at most (then the error stands)
DRAW_RECOVERIES = 4
DEFAULT_SIZE = (1280, 720)
MIN_SIZE = (800, 500)
FPS = 60
#: swaps the first and the second language on every screen (F2: no screen uses it, and a nickname box lets it
#: through, where a letter key would be typed)
SWAP_LANGUAGES_KEY = pygame.K_F2
#: at most one collection of left screens in this many seconds: a burst of screen changes (a fast player, a
#: monkey test) costs one collection, not one each
COLLECT_EVERY = 0.25
#: a collection that took at most this long (seconds) may also run while something moves (a message types):
#: well inside a frame. One that took longer waits until the screen is still, and runs more rarely
COLLECT_WHILE_MOVING = 0.005
#: While nothing moves, look for input this often at the most (seconds); see `wait_for_events`.
IDLE_POLL_FIRST, IDLE_POLL_MAX = 0.004, 0.033
#: timer event of --author mode: check whether scenario files changed
AUTHOR_POLL_EVENT = pygame.event.custom_type()
#: with SAFEPATH_STARTUP_PROBE set, posted right after the first frame; when the loop handles it the game
#: prints "ready" and quits: how benchmarks/bench_bundle.py times a start of the frozen bundle from outside
STARTUP_PROBE_EVENT = pygame.event.custom_type()


def _font_missing_error() -> type[BaseException] | None:
    try:
        from safepath.ui.fonts import FontMissingError
    except ImportError:
        return None
    return FontMissingError


class App:
    """Holds what every scene shares (see :class:`safepath.scenes.base.AppServices`)."""

    def __init__(
        self,
        storage: Storage,
        *,
        size: tuple[int, int] = DEFAULT_SIZE,
        lang: str | None = None,
        content_dir: Path | None = None,
        author: bool = False,
        fullscreen: bool | None = None,
        headless: bool = False,
        class_mode: bool = False,
        second_lang: str | None = None,
    ) -> None:
        from safepath import malloc_tune
        from safepath.i18n.local import install as use_local_translations

        malloc_tune.tune()  # glibc: freed pixel buffers go back to the system (no-op elsewhere)
        use_local_translations()  # an NGO's own .po files next to the program, on top of the bundled ones
        self.storage = storage
        self.headless = headless
        self.author = author
        self.class_mode = class_mode  # --class: the trainer's menu comes first
        self.content_dir = Path(content_dir) if content_dir else paths.scenarios_dir()
        from safepath.i18n.runtime import use_own_catalogs

        use_own_catalogs(paths.own_locales(self.content_dir))  # an author's folder brings its own translations
        #: the bundled stories are joined by an NGO's own, from local/ next to the program (not with --content)
        self.story_dirs = [self.content_dir] + ([] if content_dir else [paths.local_scenarios_dir()])
        self.settings: Settings = storage.load_global_settings()
        #: the language was given on the command line: don't ask on first run
        self.lang_forced = lang is not None
        if lang:
            self.settings.language = lang
        #: ``--second-lang`` was given: every player sees it this session (their saved choice is kept)
        self.second_lang_forced = second_lang is not None
        if second_lang:
            self.settings.second_language = second_lang
        if fullscreen is not None:
            self.settings.fullscreen = fullscreen
        self.first_run = self.settings.language is None
        i18n.set_language(self.settings.language or "en")
        i18n.set_second_language(self.settings.second_language)
        self.theme = Theme(self.settings.high_contrast, self.settings.text_size, size)
        self.stack = SceneStack(self)
        self.profile = None
        self._scenarios: dict[str, Any] | None = None  # loaded on first use: see `scenarios`
        self._loader: tuple[threading.Thread, dict] | None = None  # the background read, while it runs
        self._load_problems: list[str] = []
        self._load_errors: dict[str, list] = {}
        self._local_problems: list[str] = []
        self.running = True
        #: an error while drawing a screen (or updating it, or handing it an event) is caught and the screen
        #: replaced (see `draw`); tests turn it off
        #: (`make_app`) so that a broken screen fails them
        self.catch_drawing_errors = True
        #: one line per screen that could not be drawn this session (name: error)
        self.drawing_failures: list[str] = []
        self.surface: pygame.Surface | None = None
        self._size = size
        self._sound = None  # made on first use: see `sound`
        self._collected_at = 0  # scenes that had left the stack at the last collection (`_free_left_scenes`)
        self._collected_time = float("-inf")  # when that collection ran (time.perf_counter)
        self._collect_cost = 0.0  # how long it took (seconds)
        #: the "progress is not being saved" marker: what it says (a msgid) and where it was drawn
        self._marker_shown: str | None = None
        self._marker_rect: pygame.Rect | None = None
        self._marker_block = None
        #: the text layouts read from the disk cache at start (:meth:`use_layout_cache`; None: no cache, as in
        #: tests): after the first frame, what that frame laid out is written back for the next start
        self._stored_layouts: dict | None = None
        #: the keys of the first frame's paragraphs read back as pixels (:mod:`safepath.ui.text_pixels`), likewise
        self._stored_pixels: set | None = None

    @property
    def sound(self):
        """The interface sounds (:class:`safepath.ui.sound.SoundBank`), set up when first needed."""
        if self._sound is None:
            from safepath.ui.sound import SoundBank

            self._sound = SoundBank(enabled=self.settings.sound and not self.headless)
        return self._sound

    # -- services for scenes ------------------------------------------------------------------------
    @property
    def lang(self) -> str:
        return self.settings.language or "en"

    @property
    def second_lang(self) -> str | None:
        """The language shown smaller under :attr:`lang`, or None (the default; never the same as it)."""
        second = self.settings.second_language
        return second if second and second != self.lang else None

    def swap_languages(self) -> bool:
        """Make the second language the first and the first the second (a key on the story screens).

        Saved like any settings change; screens re-translate in place (the story keeps its place:
        :meth:`safepath.scenes.story.StoryScene.relayout`). False when there is no second language.
        """
        second = self.second_lang
        if second is None:
            return False
        self.settings.language, self.settings.second_language = second, self.lang
        self.settings_changed()
        for scene in self.stack:  # a class session keeps the pair it is shown in (resumed in it, too)
            swapped = getattr(scene, "languages_swapped", None)
            if swapped is not None:
                swapped()
        return True

    def tr(self, message: str, **kwargs: Any) -> str:
        return i18n._(message, **kwargs)

    def show(self, name: str, *args: Any, **kwargs: Any) -> Scene:
        """Build the scene registered as ``name`` (it is not pushed): screens open each other by name."""
        return scene_factory(name)(*args, **kwargs)

    def play_sound(self, name: str) -> None:
        self.sound.play(name)

    def quit(self) -> None:
        self.running = False

    # -- scenarios --------------------------------------------------------------------------------------
    # Scenarios are not loaded before the title screen: the title needs none of them. Right after the
    # first frame is on screen the loop starts reading them in a background thread (`loop`), so the
    # window shows up sooner on an old laptop and answers the first key press while they load; the
    # first screen that needs them (the scenario picker, a player or two later) waits for the thread,
    # which has long finished by then. Reading is pure (YAML -> model), so the thread shares nothing.
    @property
    def scenarios(self) -> dict[str, Any]:
        self._ensure_scenarios()
        return self._scenarios

    @property
    def load_problems(self) -> list[str]:
        """Plain-language lines about scenario files that failed to load."""
        self._ensure_scenarios()
        return self._load_problems

    @property
    def load_errors(self) -> dict[str, list]:
        """Every error of each file that did not load, for the author's overlay."""
        self._ensure_scenarios()
        return self._load_errors

    @property
    def local_problems(self) -> list[str]:
        """Plain lines about an NGO's own helpline or translation files that could not be used."""
        self._ensure_scenarios()
        return self._local_problems

    def _ensure_scenarios(self) -> None:
        if self._scenarios is not None:
            return
        loaded = self._finish_background_load()
        if loaded is None:
            self.load_scenarios()
        else:
            self._scenarios, self._load_errors, self._load_problems, self._local_problems = loaded

    def load_scenarios(self) -> None:
        """Load every scenario file now; keep the good ones, describe the bad ones in plain words."""
        self._finish_background_load()  # a reload wins over an older read still under way
        self._scenarios, self._load_errors, self._load_problems, self._local_problems = self._read_scenarios()

    def load_scenarios_in_background(self) -> None:
        """Start reading the scenario files in a thread, unless they are read (or being read) already."""
        if self._scenarios is not None or self._loader is not None:
            return
        box: dict[str, Any] = {}

        def work() -> None:
            try:
                box["loaded"] = self._read_scenarios()
            except BaseException as exc:  # handed to the main thread, which raises it where it waits
                box["error"] = exc
                return
            try:  # the screens a player opens next, imported while they read the title (see scene_factory)
                from safepath.scenes.base import import_all_scenes

                import_all_scenes()
            except Exception:  # a screen that fails to import says so when it is opened, as before
                pass

        self._loader = (threading.Thread(target=work, name="safepath-scenarios", daemon=True), box)
        self._loader[0].start()

    def _finish_background_load(self):
        """Wait for the background read, if one was started; its (scenarios, errors, problems) or None."""
        if self._loader is None:
            return None
        thread, box = self._loader
        thread.join()
        self._loader = None
        if "error" in box:
            raise box["error"]
        return box.get("loaded")

    def _read_scenarios(self) -> tuple[dict[str, Any], dict[str, list], list[str], list[str]]:
        from safepath.story import loader

        files = [p for folder in self.story_dirs
                 for p in sorted(folder.glob("*.y*ml")) if p.suffix in (".yaml", ".yml")]
        report = loader.load_all(files)
        scenarios = dict(report.scenarios)
        loaded = {os.path.normpath(str(s.path)) for s in scenarios.values()}
        problems: dict[str, str] = {}
        errors: dict[str, list] = {}
        for d in report.diagnostics:
            if not d.is_error or os.path.normpath(str(d.file)) in loaded:
                continue
            errors.setdefault(os.path.normpath(str(d.file)), []).append(d)
            problems.setdefault(d.file, f"{Path(d.file).name}:{d.line}: {d.message}")
        local = []
        if len(self.story_dirs) > 1:  # the game's own content: check what an NGO added next to it too
            from safepath.packaging.local_content import file_problems

            local = file_problems(self.storage.root)
        return scenarios, errors, list(problems.values()), local

    # -- profile and settings ---------------------------------------------------------------------------
    def select_profile(self, profile) -> None:
        """Make ``profile`` the current player and switch to their own settings."""
        self.profile = profile
        self.storage.select_profile(profile.id)
        self.storage.progress(profile.id)  # read now: a damaged file is reported before the picker
        mine = self.storage.settings_for(profile.id)
        if self.lang_forced:
            mine.language = self.settings.language
        if self.second_lang_forced:
            mine.second_language = self.settings.second_language
        mine.fullscreen = self.settings.fullscreen
        self.apply_settings(mine)

    def apply_settings(self, settings: Settings) -> None:
        """Use ``settings`` now: language, text size, contrast, sound, screen mode; re-lay out every scene."""
        old = self.settings
        self.settings = settings
        if settings.language and settings.language != i18n.current_language():
            i18n.set_language(settings.language)
        i18n.set_second_language(settings.second_language)
        self.theme.apply(settings.high_contrast, settings.text_size)
        if self._sound is not None:
            self._sound.enabled = settings.sound and not self.headless
        if settings.fullscreen != old.fullscreen and not self.headless:
            self._set_mode(settings.fullscreen)
        self.stack.relayout()

    def settings_changed(self) -> None:
        """A settings screen edited ``self.settings`` in place: apply and save it."""
        self.apply_settings(self.settings)
        self.storage.save_settings(self.profile.id if self.profile else None, self.settings)

    def set_language(self, lang: str) -> None:
        self.settings.language = lang
        self.first_run = False
        self.settings_changed()

    # -- scenario flow --------------------------------------------------------------------------------
    def start_scenario(self, scenario_id: str, resume: bool, checks: bool = True) -> None:
        """Open a scenario: its content note first, then the story (H6's scenes, registered by name).

        The scene registered as ``"content_note"`` is built with ``scenario`` (model.Scenario),
        ``state`` (engine State to resume, or None for a fresh start) and pushed on the stack.
        """
        from safepath.play import engine

        if checks:  # a player's first story: the knowledge check before it (skippable; safepath.scenes.checks)
            from safepath.scenes.checks import offer_pre_check

            if offer_pre_check(self, scenario_id, resume):
                return
        scenario = self.scenarios[scenario_id]
        state = None
        if resume and self.profile is not None:
            saved = self.storage.scenario_progress(self.profile.id, scenario_id).state
            if saved:
                try:
                    state = engine.check(scenario, engine.State.from_json(saved))
                except (ValueError, KeyError, TypeError):
                    state = None  # the scenario changed since; start again rather than crash
        for name in ("content_note", "story"):
            try:
                factory = scene_factory(name)
            except LookupError:
                continue
            self.stack.push(factory(scenario=scenario, state=state))
            return
        self.stack.push(self.show("dialog", i18n._("This story cannot be shown yet.")))

    def reload_content(self) -> None:
        """F5 (and file changes in ``--author`` mode): read scenarios and catalogs again.

        Scenes that show a scenario may define ``content_reloaded(scenarios)`` to pick up
        the new model (staying on the same scene when it still exists); all scenes re-lay out.
        """
        from safepath import i18n as _i18n

        _i18n.current().reload()
        self.load_scenarios()
        broken: list = []
        for scene in self.stack:
            shown = getattr(scene, "scenario", None)
            path = os.path.normpath(str(getattr(shown, "path", "")))
            if shown is not None and path in self.load_errors:
                broken.extend(d for d in self.load_errors[path] if d not in broken)
                continue  # keep playing the old version until the file loads again
            hook = getattr(scene, "content_reloaded", None)
            if hook is not None:
                hook(self.scenarios)
        self.stack.relayout()
        self._show_author_errors(broken)
        self._content_stamp = self._content_fingerprint()
        if self.author:
            from safepath.authoring import author_mode

            self._tell_author(author_mode.loaded(self._scenarios, self._load_errors))

    def _show_author_errors(self, broken: list) -> None:
        """One error overlay at most: replaced by every reload, gone once the story loads cleanly."""
        from safepath.story.diagnostics import sort_key
        from safepath.scenes.author_errors import AuthorErrors

        overlay = self.stack.find(AuthorErrors)
        if not broken:
            if overlay is not None:
                self.stack.remove(overlay)
            return
        broken = sorted(broken, key=sort_key)
        if overlay is None:
            self.stack.push(AuthorErrors(broken))
        else:
            overlay.show(broken)
            self.stack.changed = True

    def _content_fingerprint(self) -> tuple:
        """Names, sizes and change times of the scenario and catalog files (cheap to compare)."""
        files = [f for folder in self.story_dirs for f in folder.glob("*.y*ml")]
        files += list(paths.locales_dir().glob("*/LC_MESSAGES/*.po")) + list(paths.local_locales_dir().glob("*/LC_MESSAGES/*.po"))
        from safepath.i18n.runtime import own_catalogs

        for folder in own_catalogs():
            files += list(folder.glob("*/LC_MESSAGES/*.po"))
        out = []
        for f in sorted(files):
            try:
                st = f.stat()
            except OSError:
                continue
            out.append((str(f), st.st_size, st.st_mtime_ns))
        return tuple(out)

    def _check_content_changed(self) -> None:
        stamp = self._content_fingerprint()
        if stamp != getattr(self, "_content_stamp", stamp):
            self.reload_content()
        self._content_stamp = stamp

    def _tell_author(self, text: str) -> None:
        """Author mode's terminal messages (what is watched, each reload's errors as lint prints them)."""
        try:
            print(text, flush=True)
        except (OSError, UnicodeEncodeError):  # no terminal, or one that cannot show the text: the overlay still does
            pass

    def back_to_scenarios(self) -> None:
        self.stack.clear_to(self.show("picker"))
        from safepath.scenes.checks import offer_post_check

        offer_post_check(self)  # the stories the trainer set are done: the post-check, over the story list

    # -- display ----------------------------------------------------------------------------------------
    def _set_mode(self, fullscreen: bool) -> None:
        flags = pygame.RESIZABLE
        if fullscreen:
            self.surface = pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
        else:
            self.surface = pygame.display.set_mode(self._size, flags)
            try:
                import warnings

                with warnings.catch_warnings():
                    warnings.simplefilter("ignore", DeprecationWarning)
                    pygame.Window.from_display_module().minimum_size = MIN_SIZE
            except (AttributeError, pygame.error):
                pass
        self.resized(self.surface.get_size())

    def open_window(self) -> None:
        pygame.display.set_caption("SafePath")
        if self.headless:
            self.surface = pygame.display.set_mode(self._size)
            self.resized(self._size)
        else:
            self._set_mode(self.settings.fullscreen)

    def resized(self, size: tuple[int, int]) -> None:
        current = pygame.display.get_surface()
        if current is not None:
            self.surface = current
        if not self.settings.fullscreen:
            self._size = size
        self.theme.apply(self.theme.high_contrast, self.theme.text_step, size)
        memory.set_screen_size(self.theme.screen_size)  # the picture caches' budgets follow the window
        self.stack.relayout()

    def render_stack(self, scenes: list[Scene]) -> pygame.Surface:
        """Push ``scenes`` (bottom first) on an empty stack and draw one frame; for screenshots and tests."""
        while len(self.stack):
            self.stack.pop()
        for scene in scenes:
            self.stack.push(scene)
        self.draw()
        return self.surface

    def draw(self, area: pygame.Rect | None = None) -> None:
        """Draw the visible scenes; with ``area``, only that part of the screen (clipped: the rest stays as it
        was). A scene whose drawing fails is replaced and the frame drawn again.

        Before, any such error ended the game ("The screen stopped working") and, the story being
        saved at that scene, every resume crashed again. Now the failing scene gets the chance to
        recover (:meth:`safepath.scenes.story.StoryScene.drawing_failed` saves and offers the way on
        after the scene); any other screen is closed with a kind message. Only when the screens
        that replace it fail too, :data:`DRAW_RECOVERIES` times in one frame, does the error stand.
        """
        if area is not None:
            self.surface.set_clip(area)
        try:
            for attempt in range(DRAW_RECOVERIES + 1):
                try:
                    self.surface.fill(self.theme.palette.background)
                    self.stack.draw(self.surface)
                    break
                except Exception as exc:
                    if not self.catch_drawing_errors or attempt == DRAW_RECOVERIES:
                        raise
                    scene, self.stack.drawing = self.stack.drawing or self.stack.top, None
                    self._scene_failed(exc, scene)
            self._draw_marker(self.surface)
        finally:
            if area is not None:
                self.surface.set_clip(None)

    def _scene_failed(self, exc: Exception, scene: Scene | None) -> None:
        """``scene`` raised while it was drawn, updated or handed an event: let it recover, else close it kindly."""
        import traceback

        if scene is not None and scene not in list(self.stack):
            scene = None  # it had already left (an action that failed half-way): only the kind word below
        where = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
        place = f" ({Path(where.filename).name}:{where.lineno})" if where else ""
        line = f"{type(scene).__name__}: {type(exc).__name__}: {exc}{place}"
        self.drawing_failures.append(line)
        _say(f"a screen failed and was replaced: {line}")
        if self.author:  # an author (or a developer) wants the whole story of the error
            self._tell_author("".join(traceback.format_exception(exc)).rstrip())
        problem = f"{type(exc).__name__}: {exc}"
        recover = getattr(scene, "drawing_failed", None)
        try:
            if recover is not None and recover(problem):
                self.stack.changed = True
                return
        except Exception as again:  # the recovery itself failed: close the screen as any other
            _say(f"its own recovery failed too: {type(again).__name__}: {again}")
        if scene is not None:
            self.stack.remove(scene)
        if not len(self.stack):
            self.stack.push(self.show("title"))
        top = self.stack.top
        if not getattr(top, "is_drawing_notice", False):
            if self.saving_problem() is None:
                said = i18n._("This screen could not be shown. It is not your fault, and your progress is saved.")
            else:  # never claim "saved" while saving does not work (the marker says so)
                said = i18n._("This screen could not be shown. It is not your fault.")
            notice = self.show("dialog", said, serious=True)
            notice.is_drawing_notice = True
            self.stack.push(notice)
        self.stack.changed = True

    # -- saves that do not work -------------------------------------------------------------------------
    def saving_problem(self) -> str | None:
        """The marker's words (a msgid) while something is not being saved, else None."""
        return self.storage.saving_problem(self.profile.id if self.profile is not None else None)

    def _draw_marker(self, surface: pygame.Surface) -> None:
        """A calm line in the top right corner, over every screen, while progress is not being saved.

        Told once in a message; after that only this, until saving works again. A click on it explains
        and offers another folder. In a window too small for it, nothing is drawn.
        """
        self._marker_rect = None
        problem = self._marker_shown = self.saving_problem()
        if problem is None or surface is None:
            return
        from safepath.ui.widgets import TextBlock, draw_panel

        theme = self.theme
        w, h = surface.get_size()
        pad, edge = theme.px(8), theme.px(6)
        dot = max(4, theme.px(10))
        width = min(theme.px(360), w - 2 * edge - 3 * pad - dot)
        if width < theme.px(120) or h < theme.px(120):
            return
        text = self.tr(problem)
        if self._marker_block is None or self._marker_block.text != text:
            self._marker_block = TextBlock(text, "small", "text")
        label = self._marker_block.surface(theme, width, self.lang)
        rect = pygame.Rect(0, 0, label.get_width() + 3 * pad + dot, label.get_height() + 2 * pad // 2 + pad // 2)
        rect = self._marker_place(rect, (w, h), edge)
        draw_panel(surface, theme, rect)
        pygame.draw.circle(surface, theme.palette.warning, (rect.x + pad + dot // 2, rect.centery), dot // 2)
        surface.blit(label, (rect.x + 2 * pad + dot, rect.y + (rect.height - label.get_height()) // 2))
        self._marker_rect = rect

    def _marker_place(self, rect: pygame.Rect, size: tuple[int, int], edge: int) -> pygame.Rect:
        """The first corner (top right, then the others) where the marker covers none of the top screen's
        buttons: it must never hide, or take the clicks of, the story's menu button or a choice."""
        w, h = size
        busy = [r.inflate(edge, edge) for r in _button_rects(self.stack.top)]
        spots = [(w - edge - rect.width, edge), (w - edge - rect.width, h - edge - rect.height), (edge, h - edge - rect.height),
                 (edge, edge), ((w - rect.width) // 2, edge), ((w - rect.width) // 2, h - edge - rect.height)]
        for x, y in spots:
            place = pygame.Rect(x, y, rect.width, rect.height)
            if place.collidelist(busy) < 0:
                return place
        return pygame.Rect(spots[0], rect.size)

    def explain_saving(self) -> None:
        """What the marker means, with another folder to choose, or a new try in the same one."""
        reason = self.storage.failure_reason(self.profile.id if self.profile is not None else None)
        message = i18n._("Progress is not being saved: {reason}. You can keep playing; what you do now is kept "
                         "only until SafePath closes.", reason=i18n._(reason or savefile.REASON_OTHER))
        self.stack.push(self.show("dialog", message, [(i18n._("Choose another folder"), self.choose_save_folder),
                                                      (i18n._("Try again"), self.retry_saving),
                                                      (i18n._("Keep playing"), None)]))

    def choose_save_folder(self) -> None:
        self.stack.push(self.show("save_folder"))

    def retry_saving(self) -> None:
        problem = self.storage.retry()
        self.stack.relayout()
        if problem is None:
            self.stack.push(self.show("dialog", i18n._("Saving works again. Nothing was lost.")))
        else:
            self.stack.push(self.show("dialog", i18n._("Saving still does not work: {reason}.", reason=i18n._(problem)),
                                      [(i18n._("Choose another folder"), self.choose_save_folder),
                                       (i18n._("Keep playing"), None)]))

    # -- loop --------------------------------------------------------------------------------------------
    def dispatch(self, event: pygame.event.Event) -> None:
        if event.type == pygame.QUIT:
            self.running = False
            return
        if event.type in (pygame.VIDEORESIZE, pygame.WINDOWSIZECHANGED):
            size = pygame.display.get_surface().get_size() if pygame.display.get_surface() else self._size
            if size != self.theme.screen_size:
                self.resized(size)
            return
        if event.type == AUTHOR_POLL_EVENT:
            self._check_content_changed()
            return
        if event.type == STARTUP_PROBE_EVENT:
            print("ready", flush=True)
            self.running = False
            return
        if event.type in (pygame.WINDOWEXPOSED, pygame.WINDOWRESTORED, pygame.WINDOWSHOWN):
            self.stack.changed = True
            return
        if event.type == pygame.KEYDOWN and event.key == pygame.K_F11:
            self.settings.fullscreen = not self.settings.fullscreen
            self.settings_changed()
            return
        if event.type == pygame.KEYDOWN and event.key == SWAP_LANGUAGES_KEY and self.second_lang is not None:
            self.swap_languages()  # over every screen: each translates again in place (the story keeps its line)
            return
        if event.type == pygame.KEYDOWN and event.key == pygame.K_F5:
            self.reload_content()  # over any screen, the error overlay too: that is when an author needs it
            return
        if (event.type in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP) and self._marker_rect is not None
                and getattr(event, "button", 1) == 1 and self._marker_rect.collidepoint(getattr(event, "pos", (-1, -1)))):
            if event.type == pygame.MOUSEBUTTONUP:
                self.explain_saving()
            return  # the marker's, not the screen's under it
        receiver = self.stack.top
        try:
            used = self.stack.handle_event(event)
        except Exception as exc:  # as for drawing (see `draw`): the screen is replaced, the game goes on
            if not self.catch_drawing_errors:
                raise
            self._scene_failed(exc, receiver)
            return
        top = self.stack.top
        if not used and event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE and getattr(top, "pausable", False):
            self.stack.push(self.show("pause"))
        if not len(self.stack):
            self.running = False

    def step(self, dt: float, events: list[pygame.event.Event]) -> bool:
        """Handle ``events``, advance animations by ``dt`` seconds, redraw if needed. True while animating."""
        for event in events:
            self.dispatch(event)
            if not self.running:
                return False
        if self.storage.notices:  # a save was restored or could not be written: say so once
            self.show_notices()
        if self.saving_problem() != self._marker_shown:
            self._marker_shown = self.saving_problem()
            self.stack.relayout()  # the marker comes or goes; screens that say "your place is kept" say it no more
        try:
            animating = self.stack.update(dt)
        except Exception as exc:  # as for drawing (see `draw`): the screen is replaced, the game goes on
            if not self.catch_drawing_errors:
                raise
            scene, self.stack.updating = self.stack.updating or self.stack.top, None
            self._scene_failed(exc, scene)
            animating = True
        if self.stack.needs_redraw():
            area = self.stack.changed_area()
            if area is None:
                self.draw()
            else:
                self.draw(area)
            if not self.headless:
                if area is None:
                    pygame.display.flip()
                else:
                    pygame.display.update(area)
        if self.stack.left != self._collected_at and (not animating or self._collect_cost <= COLLECT_WHILE_MOVING):
            now = time.perf_counter()
            # a burst of screen changes costs one collection; an expensive collection (a big heap) backs off
            if now - self._collected_time >= max(COLLECT_EVERY, 20 * self._collect_cost):
                self._free_left_scenes()
                self._collected_time = time.perf_counter()
                self._collect_cost = self._collected_time - now
        return animating

    def _free_left_scenes(self) -> None:
        """Free the scenes that left the stack, now that the screen is still (the loop waits for input next).

        A scene and its buttons refer to each other (a button's action calls the scene), so a
        scene that left is only freed by Python's cycle collector, which runs when it likes: a
        long session heaps up dozens of old screens with their window-sized pictures (about
        50 MB over 2,000 steps at 1280x720, see benchmarks/bench_memory.py). One collection
        after a screen change costs a millisecond or two once the start-up objects are frozen
        (:func:`freeze_start_up_objects`); only one that quick runs while something moves.
        """
        import gc

        self._collected_at = self.stack.left
        gc.collect()

    def use_layout_cache(self) -> None:
        """Lay out the first frame's text from the layouts an earlier start kept (:mod:`safepath.ui.layout_cache`)."""
        from safepath.ui import layout_cache, text_pixels

        self._stored_layouts = layout_cache.preload()
        self._stored_pixels = text_pixels.preload()  # the text drawn, too: no font need be opened for it

    def _keep_first_frame_layouts(self) -> None:
        """Write what the first frame laid out, for the next start (in a thread: the player is not kept waiting)."""
        if self._stored_layouts is None:
            return
        from safepath.ui import layout_cache, text_pixels, textrender

        used, known, self._stored_layouts = textrender.recorded_layouts(), self._stored_layouts, None
        drawn, known_drawn, self._stored_pixels = textrender.recorded_surfaces(), self._stored_pixels or set(), None
        new_layouts = not all(key in known for key in used)
        new_pixels = not all(key in known_drawn for key in drawn)
        if not (new_layouts or new_pixels):
            return  # a start like the last one: nothing to write, and no thread to take turns with the first key
        paragraphs = text_pixels.snapshot(drawn) if new_pixels else {}

        def keep() -> None:
            if new_layouts:
                layout_cache.store(used, known)
            if new_pixels:
                text_pixels.store(paragraphs, known_drawn)

        threading.Thread(target=keep, name="safepath-layouts", daemon=True).start()

    def loop(self) -> None:
        clock = pygame.time.Clock()
        animating = self.step(0.0, pygame.event.get())  # the first frame at once: no frame-rate wait before it
        if os.environ.get("SAFEPATH_STARTUP_PROBE"):
            pygame.event.post(pygame.event.Event(STARTUP_PROBE_EVENT))
        self._keep_first_frame_layouts()
        self.load_scenarios_in_background()
        clock.tick()
        while self.running:
            if animating:
                dt = clock.tick(FPS) / 1000.0
                events = pygame.event.get()
            else:
                events = wait_for_events()
                clock.tick()  # restart the frame timer: no jump after a long idle
                dt = 0.0
            animating = self.step(min(dt, 0.1), events)
        for _ in range(len(self.stack)):
            self.stack.pop()  # every scene gets leave(): the story saves where the player is

    def start(self) -> None:
        """Open the window (unless open) and show the first screen: the title, or on first run the language."""
        if self.surface is None:
            self.open_window()
        self.storage.profiles()  # read the saves now, so damage is reported on the first screen
        if self.author:
            # authors: look for edited scenario and catalog files once a second, and say so in the terminal
            from safepath.authoring import author_mode
            from safepath.i18n.runtime import own_catalogs

            self._content_stamp = self._content_fingerprint()
            pygame.time.set_timer(AUTHOR_POLL_EVENT, 1000)
            self._tell_author(author_mode.watching(self.content_dir, (*own_catalogs(), paths.locales_dir())))
            self.load_scenarios()  # now, so errors in the stories are in the terminal before the first screen
            self._tell_author(author_mode.loaded(self._scenarios, self._load_errors))
        if self.first_run and not self.lang_forced:
            # the first screen asks the language, each in its own script; the title follows in it
            self.stack.push(self.show("language", then="title"))
        else:
            self.stack.push(self.show("title"))
            if self.class_mode:
                self.stack.push(self.show("trainer"))
        self.show_notices()

    def show_notices(self) -> None:
        """Tell the player, once, about saves that were restored or could not be written.

        Not over the first-run language question: the notice could not be read in the
        player's language yet; it shows once the language is chosen.
        """
        if not self.storage.notices or getattr(self.stack.top, "defers_notices", False):
            return
        for notice in self.storage.take_notices():
            choices = None
            if notice.message in (savefile.NOT_SAVED, savefile.NOT_SAVED_RESULTS):  # told once; then the marker
                choices = [(i18n._("Choose another folder"), self.choose_save_folder), (i18n._("Keep playing"), None)]
            self.stack.push(self.show("dialog", notice.text(self.tr), choices, serious=notice.serious))


def _button_rects(scene) -> list[pygame.Rect]:
    """Where the buttons of ``scene`` are: its menu's, and those it or its parts (a top bar) hold."""
    from safepath.ui.widgets import Button
    from safepath.ui.menu import Menu

    out: list[pygame.Rect] = []

    def add(value, depth: int) -> None:
        if isinstance(value, Button):
            if value.rect is not None:
                out.append(value.rect)
        elif isinstance(value, Menu):
            for button in value.buttons:
                add(button, depth)
        elif isinstance(value, (list, tuple)):
            for item in value[:64]:
                add(item, depth)
        elif depth < 1 and hasattr(value, "__dict__") and not isinstance(value, (Scene, type)):
            for item in list(vars(value).values()):
                add(item, depth + 1)

    if scene is not None:
        for value in list(vars(scene).values()):
            add(value, 0)
    return out


def wait_for_events() -> list[pygame.event.Event]:
    """Sleep until there is input, cheaply.

    pygame-ce's ``event.wait()`` re-implements SDL's wait as a loop that pumps
    events and sleeps 1 ms, about a thousand wake-ups a second: 3.5 % of a core
    on a still screen (measured under X11). Polling with a delay that grows to
    33 ms costs under 0.5 %, and a tap or key press is still answered within
    one 30 fps frame, which no reader notices.
    """
    delay = IDLE_POLL_FIRST
    while True:
        events = pygame.event.get()
        if events:
            return events
        time.sleep(delay)
        delay = min(delay * 1.5, IDLE_POLL_MAX)


def make_app(size: tuple[int, int] = DEFAULT_SIZE, lang: str = "en", text_size: int = 0,
             data_dir: str | Path | None = None, high_contrast: bool = False,
             content_dir: str | Path | None = None, load: bool = True, catch_drawing_errors: bool = False,
             second_lang: str | None = None) -> App:
    """A headless app for tests and screenshots: dummy video, no sound, saves in ``data_dir``.

    With no ``data_dir`` a fresh temporary folder is used, so nothing touches the player's saves.
    A screen that fails to draw raises (a test or a screenshot must see it) unless
    ``catch_drawing_errors``, as in the game, replaces it (see :meth:`App.draw`).
    """
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    pygame.display.init()
    pygame.font.init()
    if data_dir is None:
        import tempfile

        data_dir = tempfile.mkdtemp(prefix="safepath-test-")
    storage = Storage(data_dir)
    app = App(storage, size=size, lang=lang, content_dir=Path(content_dir) if content_dir else None, headless=True,
              second_lang=second_lang)
    app.catch_drawing_errors = catch_drawing_errors
    app.folder_choice_within = Path(data_dir)  # the folder chooser never writes outside the test's own folder
    app.settings.text_size = text_size
    app.settings.high_contrast = high_contrast
    app.theme.apply(high_contrast, text_size, size)
    app.open_window()
    if load:
        app.load_scenarios()
    return app


#: SDL's drivers that draw into memory only: nobody sees a window made with them
INVISIBLE_DRIVERS = ("offscreen", "dummy")


def _say(message: str) -> None:
    """One plain line on the terminal (in any language, even where the terminal cannot show it)."""
    line = f"SafePath: {message}\n"
    try:
        sys.stderr.write(line)
    except UnicodeEncodeError:
        encoding = getattr(sys.stderr, "encoding", None) or "ascii"
        sys.stderr.write(line.encode(encoding, "replace").decode(encoding))
    sys.stderr.flush()


def _fail(message: str, **kwargs: Any) -> int:
    """Tell the player why the game cannot go on: on the terminal, and in a window when there is a screen.

    ``message`` is an interface msgid with ``{placeholders}``. Someone who double-clicked the
    game has no terminal; without the window they would see the game vanish and never learn
    why. The English text follows the translation, for a trainer (and for terminals and
    message boxes whose fonts cannot show Thai or Burmese).
    """
    text = i18n._(message, **kwargs)
    english = message.format(**kwargs)
    for line in (text, english) if english != text else (text,):
        _say(line)
    if pygame.display.get_init() and pygame.display.get_driver() not in INVISIBLE_DRIVERS:
        try:
            pygame.display.message_box("SafePath", text if english == text else f"{text}\n\n{english}",
                                       message_type="error")
        except (pygame.error, TypeError, AttributeError):
            pass
    return 1


def _no_screen(reason: str) -> int:
    return _fail(i18n.N_("No screen was found, so the game cannot start ({reason}). "
                 "Start SafePath from a desktop session, or use `safepath play --text` in a terminal."), reason=reason)


def _font_problem(detail: str) -> int:
    return _fail(i18n.N_("A font file is missing or damaged: {detail}. "
                         "Reinstall SafePath or copy the assets/fonts folder back."), detail=detail)


_start_up_frozen = False


def freeze_start_up_objects() -> None:
    """Leave what start-up made (modules, catalogs, fonts, the saves read) out of every later cycle collection.

    They live as long as the game, and looking through them is most of a collection's time: frozen, the
    collection after a screen change (:meth:`App._free_left_scenes`) takes a millisecond or two instead of
    five to ten. Once a process, before the first screen exists (a frozen screen would never be freed).
    No collection first: it would cost start-up more time than the few cycles the imports left behind.
    """
    global _start_up_frozen
    if _start_up_frozen:
        return
    import gc

    _start_up_frozen = True
    gc.freeze()


def run(args: argparse.Namespace) -> int:
    """Start the game with the command-line options; returns the exit status."""
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    content = getattr(args, "content", None)
    if content is not None:  # the author's messages: imported only for --content (not on a player's start)
        from safepath.authoring import author_mode
    if content is not None and author_mode.missing_folder(content):
        _say(author_mode.missing_folder(content))  # before any window: nothing to show but this sentence
        return 2
    #: the player (or a test, or the screenshot tool) chose SDL's driver: an invisible one is then wanted
    driver_chosen = bool(os.environ.get("SDL_VIDEODRIVER"))
    data_dir = resolve_data_dir(getattr(args, "portable", False), getattr(args, "data_dir", None))
    fullscreen = True if getattr(args, "fullscreen", False) else (False if getattr(args, "windowed", False) else None)
    storage = Storage(data_dir)
    # start-up problems are told in the player's language when it is known already
    i18n.set_language(getattr(args, "lang", None) or storage.load_global_settings().language or i18n.SOURCE_LANGUAGE)
    from safepath.ui.quiet import quiet_stderr

    try:
        with quiet_stderr():  # the drivers SDL tries and drops print their own complaints
            pygame.display.init()
    except pygame.error as exc:
        return _no_screen(str(exc))
    if not driver_chosen and pygame.display.get_driver() in INVISIBLE_DRIVERS:
        # SDL fell back to drawing in memory (no X11 or Wayland session): the game would run unseen
        reason = f"SDL found only its {pygame.display.get_driver()!r} video driver"
        pygame.display.quit()
        return _no_screen(reason)
    pygame.font.init()
    try:
        app = App(storage, lang=getattr(args, "lang", None),
                  content_dir=Path(args.content) if getattr(args, "content", None) else None,
                  author=getattr(args, "author", False), fullscreen=fullscreen,
                  class_mode=getattr(args, "class_mode", False), second_lang=getattr(args, "second_lang", None))
        from safepath.ui import fonts

        fonts.default_book().check_files()  # a missing or damaged font is named now, before any window opens
        try:
            app.open_window()
        except pygame.error as exc:
            return _no_screen(str(exc))
        app.use_layout_cache()
        freeze_start_up_objects()
        app.start()
        app.loop()
    except pygame.error as exc:
        return _fail(i18n.N_("The screen stopped working ({reason}). Your progress was saved."), reason=str(exc))
    except Exception as exc:
        missing = _font_missing_error()
        if missing is not None and isinstance(exc, missing):
            return _font_problem(str(exc))
        raise
    finally:
        # Close the window only: fonts cached by the text renderer stay valid if run() is called
        # again in the same process (tests); the process ends right after in normal use.
        pygame.display.quit()
        storage.close()  # this game no longer uses the save folder
    return 0
