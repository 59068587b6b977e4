"""The story itself: chat threads on a phone, narration between them, decisions, endings.

:class:`StoryScene` drives the engine (:class:`safepath.play.story.Story`): it shows
the current scene's lines one at a time (a typing indicator, then a typewriter
reveal by whole grapheme clusters / Burmese syllables), then the choices.
After a choice it shows short, kind feedback (:mod:`safepath.scenes.feedback`),
saves the new state, and moves on. At an ending it records the result and
opens the debrief (:mod:`safepath.scenes.ending`).

Trauma-informed rules built in here: "Skip" (the button or the S key) leaves a
scene that goes on by itself at once, exactly as "Continue" would, and an
ending goes straight to its debrief; a scene with choices shows its remaining
lines at once and then waits, because only a choice moves the story on there
(the button then says so). The pause menu leaves the story at any time without
losing anything, and progress is saved after every step so the player can come
back later. A choice is a decision, not a message: in a chat only its ``say:``
words, when the author wrote them, become the player's own bubble.

Input: number keys, arrows + Enter, mouse and touch pick a choice; any key or
click first completes the message being typed. The loop is event-driven:
:meth:`update` returns True only while something moves.
"""

from __future__ import annotations

import datetime as _dt

import pygame

from safepath.play import engine, scoring
from safepath.play.story import Story
from safepath.story import model
from safepath.i18n import N_, get_translator, text_pair_in
from safepath.scenes.base import Scene, register_scene
from safepath.scenes.story_screen import FADE_TIME, FITS, StoryScreen
from safepath.scenes.chat_view import ME, NOTE, THEM, ChatItem, ChatView
from safepath.scenes.story_parts import (Pointer, StageLayout, TopBar, Veils, WaitingCard, reveal_plan, setting,
                                         top_bar_pointer)
from safepath.ui.widgets import Button
from safepath.ui.menu import Menu

#: seconds; multiplied by the typewriter speed factor (instant: no waiting at all)
TYPING_BASE, TYPING_PER_CHAR, TYPING_MAX = 0.45, 0.012, 1.4
PAUSE_AFTER_MESSAGE = 0.35
#: seconds the player's sent message stays in view before the story moves on
SENT_PAUSE = 0.6
#: typewriter speed setting -> (delay factor, revealed units per second); None: instant
SPEEDS = {"slow": (1.5, 16.0), "normal": (1.0, 32.0), "fast": (0.5, 80.0), "instant": None}
#: minutes of story time between the end of one chat thread and the start of the next
THREAD_GAP = 5
#: the story clock starts here (evening: when young people are on their phones)
CLOCK_START = _dt.datetime(2026, 1, 1, 19, 42)


@register_scene("story")
class StoryScene(StoryScreen, Scene):
    """One play-through of one scenario."""

    #: the app opens the pause menu on an unused Esc
    pausable = True

    def __init__(self, scenario: model.Scenario | None = None, state: engine.State | dict | None = None,
                 scenario_id: str | None = None, resume: bool = False, preview: str | None = None) -> None:
        super().__init__()
        self._scenario = scenario
        #: screenshots only: "ready" shows the scene whole with its choices, "typing" stops at the typing dots
        self.preview = preview
        self.scenario_id = scenario_id or (scenario.id if scenario is not None else None)
        self._initial_state = state
        self.resume = resume
        self.story: Story | None = None
        self.view = ChatView("phone")
        self.queue: list[ChatItem] = []  # lines of the current scene still to show
        self.current: ChatItem | None = None  # the line being typed or revealed
        self.phase = "idle"  # typing / reveal / pause / ready / done
        self.timer = 0.0
        self.units: list[str] = []
        self.units_shown = 0
        self.fade = 0.0
        self._fade_from: pygame.Surface | None = None
        self.menu: Menu | None = None
        self.layout: StageLayout | None = None
        self.topbar = TopBar()
        self.pointer = Pointer()
        self._app_name = ""
        self._contact: model.Character | None = None
        self._thread_app: str | None = None
        self._clock = 0
        self._size: tuple[int, int] | None = None
        self._prompt: pygame.Surface | None = None
        self._fit = FITS[0]
        self._veils = Veils()
        self.waiting = WaitingCard()
        self._waiting: list[tuple[str, str, bool]] = []
        self._waiting_for: tuple | None = None

    # -- set-up --------------------------------------------------------------------------------------
    @property
    def scenario(self) -> model.Scenario:
        return self.story.scenario

    @property
    def lang(self) -> str:
        return getattr(self.app, "lang", "en")

    def tr_text(self, text: model.Text | None) -> str:
        return get_translator(self.lang).text(text) if text is not None else ""

    def tr_second(self, text: model.Text | None) -> str | None:
        """``text`` in the second language, or None (no second language, the same words, or not translated)."""
        if text is None or self.second_lang is None:
            return None
        return text_pair_in(get_translator(self.lang), self.second_lang, text)[1]

    def enter(self, app) -> None:
        first = self.app is None
        super().enter(app)
        if not first:
            return  # uncovered again after the feedback or pause overlay
        scenario = self._scenario or app.scenarios[self.scenario_id]
        self.story = Story(scenario, self._load_state(scenario))
        self._begin_scene(fresh_thread=True)
        if self.preview in ("ready", "image"):
            self.skip_scene()
        elif self.preview == "typing":
            self._preview_typing()

    def content_reloaded(self, scenarios: dict[str, model.Scenario]) -> None:
        """Hot reload (F5, ``--author``): play on in the edited file, on the same scene if it is still there.

        The app calls this only when the file loaded without errors; otherwise the version in play
        keeps running and the app shows the errors.
        """
        from safepath.authoring.reload import remap_state

        new = scenarios.get(self.scenario_id) if self.story is not None else None
        if new is None:
            return
        remapped = remap_state(self.story.state, new)
        self._scenario = new
        self.story = Story(new, remapped.state)
        self._begin_scene(fresh_thread=True)
        self.skip_scene()  # the author has just read this scene: show it whole, with its choices

    def _preview_typing(self) -> None:
        """Show the scene up to its last message from the other person, which is still being typed."""
        last = max((i for i, item in enumerate(self.queue) if item.kind == THEM), default=None)
        if last is None:
            self.skip_scene()
            return
        waiting = self.queue[last]
        self.queue = self.queue[:last]
        self.skip_scene()
        self.phase = "typing"
        self.current = waiting
        self.view.typing = waiting
        self.view.typing_time = 0.3
        self.timer = 1e9  # a still picture for the screenshot

    def _load_state(self, scenario: model.Scenario) -> engine.State | None:
        data = self._initial_state
        if data is None and self.resume and getattr(self.app, "profile", None) is not None:
            data = self.app.storage.scenario_progress(self.app.profile.id, scenario.id).state
        if data is None or isinstance(data, engine.State):
            return data
        try:
            state = engine.State.from_json(data)
            return engine.check(scenario, state)
        except (engine.StateError, engine.EngineError, ValueError, TypeError, KeyError):
            return None  # a save from an older version of the story: start again, silently and safely

    def _save(self) -> None:
        profile = getattr(self.app, "profile", None)
        if profile is None or self.story is None:
            return
        if self.story.ended:
            self._record_ending()
        else:
            self.app.storage.save_state(profile.id, self.scenario.id, self.story.state.to_json())

    def _record_ending(self) -> None:
        from safepath.play import scoring

        result = scoring.result(self.scenario, self.story.state)
        profile = getattr(self.app, "profile", None)
        if profile is not None:
            self.app.storage.record_ending(profile.id, self.scenario.id, self.story.state.scene, result.stars)
        storage = self.app.storage
        storage.log_result(self.scenario.id, self.story.state.scene, self.story.state.ending or "",
                           result.hits, result.misses, result.false_alarms, result.stars,
                           trusted_safe=result.trusted_safe, lang=getattr(self.app, "lang", None),
                           player=storage.anonymous_code(profile.id) if profile is not None else None,
                           flags={o.id: o.status for o in result.red_flags})

    # -- scenes and lines ----------------------------------------------------------------------------
    def _begin_scene(self, fresh_thread: bool = False) -> None:
        scene = self.story.scene
        is_chat = scene.kind is model.SceneKind.CHAT
        same_thread = is_chat and not fresh_thread and self.view.mode == "phone" and self._thread_app == (scene.app or "")
        if not same_thread:
            self.view = ChatView("phone" if is_chat else "story")
            self.view.second_lang = self.second_lang
            if is_chat and self._clock:
                self._clock += THREAD_GAP  # one story clock: a thread opened later starts later
            if not fresh_thread:  # fade from the last frame shown (still on the display surface)
                shown = pygame.display.get_surface()
                self._fade_from = shown.copy() if shown is not None else None
                self.fade = FADE_TIME if shown is not None else 0.0
        self._thread_app = (scene.app or "") if is_chat else None
        self._app_name = scene.app or ""
        self._contact = self._pick_contact(scene)
        self.queue = [self._item_for(line) for line in self.story.lines]
        self.menu = None
        self._prompt = None
        self.layout = None
        self.phase = "pause"
        self.timer = 0.0
        self.needs_redraw = True
        if scene.is_ending:
            self.app.play_sound("ending")

    def _pick_contact(self, scene: model.Scene) -> model.Character | None:
        for line in self.story.lines:
            ch = self.scenario.characters.get(line.speaker or "")
            if ch is not None and ch.role is not model.Role.PLAYER:
                return ch
        return self._contact if scene.kind is model.SceneKind.CHAT else None

    def _item_for(self, line: model.Line) -> ChatItem:
        ch = self.scenario.characters.get(line.speaker or "")
        if ch is None:
            kind = NOTE
        else:
            kind = ME if ch.role is model.Role.PLAYER else THEM
        item = ChatItem(kind=kind, text=self.tr_text(line.text), speaker_id=line.speaker, image=line.image, source=line.text,
                        second=self.tr_second(line.text))
        if ch is not None:
            item.speaker_name = self.tr_text(ch.name)
            item.avatar, item.role = ch.avatar, ch.role.value
        return item

    def _player_id(self) -> str | None:
        return next((cid for cid, ch in self.scenario.characters.items() if ch.role is model.Role.PLAYER), None)

    def _time_label(self, minute: int) -> str:
        return get_translator(self.lang).format_time(CLOCK_START + _dt.timedelta(minutes=minute))

    def _speed(self):
        return SPEEDS.get(setting(self.app, "typewriter", "normal"), SPEEDS["normal"])

    def _start_next_line(self) -> None:
        if not self.queue:
            self._become_ready()
            return
        item = self.queue.pop(0)
        if self.view.mode == "phone" and item.kind != NOTE:
            item.minute = self._clock
            item.time = self._time_label(item.minute)
            self._clock += 1 if item.kind == ME else 2
        self.current = item
        speed = self._speed()
        if speed is None:
            self._show_now(item)
            return
        factor, _rate = speed
        if item.kind == THEM and self.view.mode == "phone":
            self.view.typing = item
            self.view.typing_time = 0.0
            self.phase = "typing"
            self.timer = min(TYPING_MAX, TYPING_BASE + TYPING_PER_CHAR * len(item.text)) * factor
        else:
            self._start_reveal(item)

    def _start_reveal(self, item: ChatItem) -> None:
        self.view.typing = None
        speed = self._speed()
        self.units = reveal_plan(item.text) if speed is not None and item.kind != ME else []
        if len(self.units) <= 1:
            self._show_now(item)
            return
        self.units_shown = 0
        item.shown = ""
        self.view.add(item)
        self.app.play_sound("message" if item.kind == THEM else "tap")
        self.phase = "reveal"
        self.timer = 0.0

    def _show_now(self, item: ChatItem) -> None:
        self.view.typing = None
        item.shown = None
        if item not in self.view.items:
            self.view.add(item)
            self.app.play_sound("send" if item.kind == ME else "message")
        self.current = None
        self.phase = "pause"
        speed = self._speed()
        self.timer = 0.0 if speed is None else PAUSE_AFTER_MESSAGE * speed[0]
        self.needs_redraw = True

    def complete_current(self) -> None:
        """A key or click while a message is being typed: show it whole at once."""
        if self.phase == "sent":
            self._after_step()
        elif self.phase in ("typing", "reveal") and self.current is not None:
            self._show_now(self.current)
        elif self.phase == "pause":
            self.timer = 0.0
            self._start_next_line()

    def can_skip(self) -> bool:
        """Whether "Skip" does something now: not while the choices wait (a decision cannot be skipped)."""
        story = self.story
        if story is None or self.phase == "done":
            return False
        if self.phase == "sent" or story.ended or story.can_continue:
            return True
        return self.phase != "ready"  # a scene with choices: reveal the rest, then the player chooses

    def skip_label(self) -> str:
        """The top bar's Skip button says plainly when skipping is not possible."""
        story = self.story
        if story is not None and self.phase == "ready" and story.choices and not story.ended:
            return self._("Choose to go on")
        return self._("Skip")

    def _skip_if_allowed(self) -> None:
        """The top bar's Skip: only where skipping is allowed (the press is taken either way)."""
        if self.can_skip():
            self.skip()

    def skip(self) -> None:
        """The trauma-informed "Skip": leave this scene now, without any penalty.

        A scene that goes on with ``next`` is left at once (through ``engine.advance``,
        exactly as "Continue" does, so scores and red flags are the same); an ending
        opens its debrief. A scene with choices shows its remaining lines at once and
        waits for the choice: the story cannot go on without one.
        """
        if not self.can_skip():
            return
        if self.phase == "sent":
            self._after_step()
            return
        if self.phase != "ready":
            self.skip_scene()
        story = self.story
        if story.ended:
            self.open_debrief()
        elif story.can_continue:
            self.advance()

    def skip_scene(self) -> None:
        """Reveal everything in this scene now (Skip on a scene with choices, previews, hot reload)."""
        if self.current is not None:
            self._show_now(self.current)
        while self.queue:
            item = self.queue.pop(0)
            if self.view.mode == "phone" and item.kind != NOTE:
                item.minute, item.time = self._clock, self._time_label(self._clock)
                self._clock += 2
            item.shown = None
            self.view.items.append(item)
        self.view.scroll = 0
        self.view.invalidate()
        self._become_ready()

    def _become_ready(self) -> None:
        self.phase = "ready"
        self.current = None
        self.view.typing = None
        self.menu = None  # built in layout with the current language
        self.layout = None
        self.needs_redraw = True

    # -- actions -----------------------------------------------------------------------------------------
    def _buttons(self) -> list[Button]:
        story = self.story
        if story.ended:
            return [self._button(N_("What happened? Read the debrief"), self.open_debrief, style="primary")]
        choices = story.choices
        if story.scene.is_drill and story.scene.drill is not None and any(c.outcome for c in choices):
            return [Button(self._drill_label(story.scene.kind), self.open_drill, style="primary")]
        if choices:
            return [Button(self.tr_text(c.text), (lambda c=c: self.choose(c.index)), align="left",
                           second=self.tr_second(c.text) or "", second_lang=self.second_lang) for c in choices]
        if story.can_continue:
            return [self._button(N_("Continue"), self.advance, style="primary")]
        # a scene with no way on (the linter reports these); never trap the player in it
        return [Button(self._("Back to the stories"), self.leave_story)]

    def _drill_label(self, kind: model.SceneKind) -> str:
        return {model.SceneKind.PHONE: self._("Open the phone and call"),
                model.SceneKind.REGISTER: self._("Open the licence register"),
                model.SceneKind.CODEWORD: self._("Choose a code word together"),
                model.SceneKind.TRAVELPLAN: self._("Make the travel plan together")}.get(kind, self._("Continue"))

    def open_drill(self) -> None:
        """A drill scene: the drill has its own screen, which hands back its outcome (each outcome a choice)."""
        if self.phase != "ready" or self.story.ended:
            return
        self.app.stack.push(self.app.show("drill", scenario=self.scenario, state=self.story.state,
                                          on_done=self._drill_done))

    def _drill_done(self, outcome: str) -> None:
        choice = engine.outcome_choice(self.scenario, self.story.state, outcome)
        if choice is not None:
            self.choose(choice.index)

    def choose(self, index: int) -> None:
        if self.phase != "ready" or self.story.ended:
            return
        scene = self.story.scene
        choice = self.story.choose(index)
        if scene.kind is model.SceneKind.CHAT and choice.say is not None:
            # the choice is a decision; only its `say:` words are a message the player's character sends
            reply = self._item_for(model.Line(self._player_id(), choice.say, None, choice.pos))
            reply.kind = ME
            reply.minute, reply.time = self._clock, self._time_label(self._clock)
            self._clock += 1
            self.view.add(reply)
            self.app.play_sound("send")
        else:
            reply = None
        self._save()
        self.phase = "done"
        self.menu = None
        self.needs_redraw = True
        effects = choice.effects
        if (choice.feedback is not None or effects.spots or effects.misses
                or scoring.false_alarm_choice(self.scenario, choice)):
            self.app.stack.push(self.app.show("feedback", scenario=self.scenario, choice=choice,
                                              on_close=self._after_step))
        elif reply is not None and self._speed() is not None:
            # let the sent message be seen before the story moves on (perhaps to another thread)
            self.phase = "sent"
            self.timer = SENT_PAUSE * self._speed()[0]
        else:
            self._after_step()

    def advance(self) -> None:
        if self.phase != "ready" or not self.story.can_continue:
            return
        self.story.advance()
        self._save()
        self._after_step()

    def _after_step(self) -> None:
        self._begin_scene()

    def drawing_failed(self, problem: str) -> bool:
        """This scene could not be drawn (the app caught the error): save, and offer the way on after it.

        The player's place is saved as it is (an ending reached is recorded already), then this scene,
        and whatever lay over it, gives way to the ``story_problem`` screen: it says kindly what happened
        and offers to go on after this scene (its choices, when it has some) or back to the stories,
        so the same crash is never replayed. A resume at this scene gets the same offer.
        """
        if self.story is None or self.app is None or self not in list(self.app.stack):
            return False
        profile = getattr(self.app, "profile", None)
        if profile is not None and not self.story.ended:
            self.app.storage.save_state(profile.id, self.scenario.id, self.story.state.to_json())
        stack = self.app.stack
        while stack.top is not self:
            stack.pop()
        stack.replace(self.app.show("story_problem", scenario=self.scenario, state=self.story.state, problem=problem))
        return True

    def open_debrief(self) -> None:
        self.app.stack.replace(self.app.show("debrief", scenario=self.scenario, state=self.story.state))

    def leave_story(self) -> None:
        """Back to the scenario list; progress is already saved, nothing is lost."""
        self.app.back_to_scenarios()

    def open_pause(self) -> None:
        try:
            self.app.stack.push(self.app.show("pause"))
        except LookupError:
            self.leave_story()

    # -- events --------------------------------------------------------------------------------------------
    def handle_event(self, event: pygame.event.Event) -> bool:
        if self.story is None:
            return False
        event = self.pointer.translate(event, self.app)
        if event is None:
            return True
        etype = event.type
        if etype == pygame.KEYDOWN:
            if event.key in (pygame.K_ESCAPE, pygame.K_p):
                self.open_pause()
                return True
            if event.key == pygame.K_s:
                if self.can_skip():
                    self.skip()
                return True
            if event.key in (pygame.K_PAGEUP, pygame.K_PAGEDOWN) and self.layout is not None:
                step = self.layout.stage_inner.height * 3 // 4
                self.view.scroll_by(step if event.key == pygame.K_PAGEUP else -step, self.layout.stage_inner.height, self.app.theme)
                self.needs_redraw = True
                return True
        if etype == pygame.MOUSEWHEEL and self.layout is not None:
            mouse = pygame.mouse.get_pos()
            if self.layout.stage.collidepoint(mouse) or self.menu is None:
                self.view.scroll_by(int(event.y * self.app.theme.px(40)), self.layout.stage_inner.height, self.app.theme)
                self.needs_redraw = True
                return True
        if self.layout is not None and top_bar_pointer(self, event, self._skip_if_allowed, self.open_pause,
                                                       hover_is_used=True):
            return True
        if self.phase in ("typing", "reveal", "pause", "sent"):
            if (etype == pygame.KEYDOWN and event.key not in (pygame.K_LSHIFT, pygame.K_RSHIFT, pygame.K_LCTRL, pygame.K_RCTRL,
                                                             pygame.K_LALT, pygame.K_RALT, pygame.K_TAB)) or \
                    (etype == pygame.MOUSEBUTTONDOWN and event.button == 1):
                self.complete_current()
                return True
            return False
        if self.phase == "ready" and self.menu is not None:
            used = self.menu.handle_event(event)
            if self.menu is not None and self.menu.changed:
                self.needs_redraw = True
            return used
        return False

    # -- time ------------------------------------------------------------------------------------------------
    def update(self, dt: float) -> bool:
        if self.story is None:
            return False
        dt = max(0.0, min(dt, 0.1))
        moving = False
        if self.fade > 0:
            self.fade = max(0.0, self.fade - dt)
            if self.fade == 0:
                self._fade_from = None
            moving = True
        if self.view.animating():
            self.view.update(dt)
            moving = True
        if self.app.stack.top is not self:  # paused (pause menu, feedback card): the story waits
            if moving:
                self.needs_redraw = True
            return moving
        if self.phase == "typing":
            self.timer -= dt
            if self.timer <= 0:
                self._start_reveal(self.current)
            moving = True
        elif self.phase == "reveal":
            rate = (self._speed() or (0, 1e9))[1]
            self.timer += dt
            shown = min(len(self.units), int(self.timer * rate) + 1)
            if shown != self.units_shown:
                self.units_shown = shown
                self.current.shown = "".join(self.units[:shown])
            if shown >= len(self.units):
                self._show_now(self.current)
            moving = True
        elif self.phase == "pause":
            self.timer -= dt
            if self.timer <= 0:
                self._start_next_line()
            moving = True
        elif self.phase == "sent":
            self.timer -= dt
            if self.timer <= 0:
                self._after_step()
            moving = True
        if moving:
            self.needs_redraw = True
        return moving or self.phase in ("typing", "reveal")

    # -- layout and drawing -------------------------------------------------------------------------------------
    def relayout(self) -> None:
        """Language, text size, contrast or window size changed: translate and measure everything again."""
        super().relayout()
        if self.story is None:
            return
        tr = get_translator(self.lang)
        self.view.second_lang = self.second_lang
        for item in self.view.items + self.queue + ([self.current] if self.current else []):
            if item.source is not None:
                item.text = tr.text(item.source)
                item.second = self.tr_second(item.source)
            if item.speaker_id and item.speaker_id in self.scenario.characters:
                item.speaker_name = tr.text(self.scenario.characters[item.speaker_id].name)
            if item.time:
                item.time = self._time_label(item.minute)
        if self.phase in ("typing", "reveal") and self.current is not None:
            self._show_now(self.current)
        self.view.invalidate()
        self.layout = None
        self.menu = None
        self.topbar.invalidate()


def screenshot_states(app) -> list[tuple[str, list[Scene]]]:
    """Named stacks for ``safepath screenshots``: a chat mid-thread, a narration and a decision."""
    from safepath.scenes.story_parts import story_screenshot_states

    return story_screenshot_states(app, StoryScene)
