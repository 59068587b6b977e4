"""A story on the projector, for a whole class: read a scene, discuss, vote, see the split, go on.

Phases at each scene (all saved in the class session after every step, so a stop loses nothing)::

    read  ->  (discuss)  ->  vote  ->  reveal  ->  (tie)  ->  feedback  ->  read the next scene
                             pick  (no vote here, or the trainer chose without counting)

* **read**: the scene's lines in large type; Enter / Space / → goes on (or, at a decision, to the vote).
* **discuss**: the author's ``discuss:`` question, when the scene has one, before the vote.
* **vote**: the options, numbered; the trainer types the count of hands (or printed cards) for the marked
  option (digits, Backspace), moves between options with ←/→/Tab or a click, adds or removes one with
  ↑/↓, +/- or the on-screen buttons; Enter shows the result. C chooses without counting.
* **reveal**: the split as a bar chart; one winner: Enter goes on with it; a tie goes to the trainer
  (**tie**: a number key or a click on one of the tied options).
* **feedback**: the choice's kind words, when it has them. Nothing else is scored on the projector: no
  notes, no red flags, no stars until the debrief.

**N** shows the trainer's presenter overlay (notes, prompts, choices and where they lead, time); with two
displays it is a second window on the laptop's screen instead. **P** is the safe pause, **Esc** stops
(saved; the trainer's menu comes back).
"""

from __future__ import annotations

import time

import pygame

from safepath import i18n
from safepath.i18n import _
from safepath.play import engine
from safepath.scenes.base import register_scene
from safepath.scenes.class_hands import DIGIT_KEYS, HandCounting
from safepath.scenes.class_parts import NOTES_KEY, PALETTE, Canvas, ProjectorScene, sample_session, session_store
from safepath.story import model

_GO = (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE, pygame.K_RIGHT)


@register_scene("class_story")
class ClassStory(HandCounting, ProjectorScene):
    """The projector's story screen. ``session``: a ClassSession at stage "stories"; ``replay``: a state to
    explore a branch from (the road not taken), then nothing is saved or counted."""

    def __init__(self, session, scenario: model.Scenario | None = None, replay: engine.State | None = None,
                 phase: str | None = None, presenter: bool = False, preview: bool = False) -> None:
        super().__init__()
        self.session = session
        self._scenario = scenario
        self.replay = replay
        self.state: engine.State | None = None
        self.phase = "read"
        self.counts: dict[str, int] = {}
        self.focus = 0
        self._typed = False
        self.chosen: model.Choice | None = None
        self.presenter = presenter
        self._wanted_phase = phase
        self._since = time.monotonic()
        self._window = None  # the second window (two displays)
        self.preview = preview  # drawn for the screenshots: nothing is saved

    # -- the story ---------------------------------------------------------------------------------------
    @property
    def scenario(self) -> model.Scenario:
        return self._scenario

    @property
    def run(self):
        return self.session.run

    def tr(self, text: model.Text | None) -> str:
        return i18n.current().text(text) if text is not None else ""

    def tr2(self, text: model.Text | None) -> str | None:
        """The story text in the session's second language, for under :meth:`tr`'s (None: shown once)."""
        if text is None or self.second_lang is None:
            return None
        return i18n.text_pair_in(i18n.current(), self.second_lang, text)[1]

    def enter(self, app) -> None:
        super().enter(app)
        if self._scenario is None:
            self._scenario = app.scenarios.get(self.run.scenario)
        if self.state is None and self._scenario is not None:
            self.state = self._load_state()
            if self.replay is None and not self.run.path:
                self.run.enter_scene(self.state.scene)
                self._save()
            draft = self.run.draft if self.replay is None else None
            if draft and draft.get("scene") == self.state.scene and self.voted:
                self.phase, self.counts = "vote", {k: v for k, v in draft["counts"].items() if k in self._keys()}
        if self._wanted_phase:
            self.phase, self._wanted_phase = self._wanted_phase, None
        self._since = time.monotonic()
        self._open_presenter_window()
        self.changed()

    def leave(self) -> None:
        self._save()
        if self._window is not None:
            try:
                self._window.destroy()
            except (pygame.error, AttributeError):
                pass
            self._window = None

    def _load_state(self) -> engine.State:
        if self.replay is not None:
            return self.replay
        if self.run.state:
            try:
                return engine.check(self._scenario, engine.State.from_json(self.run.state))
            except (ValueError, KeyError, TypeError):
                pass  # the story changed since the last period: start it again rather than crash
            self.run.path, self.run.votes = [], []
        return engine.start(self._scenario)

    def _save(self) -> None:
        if self.replay is not None or self.state is None or self.preview:
            return
        now = time.monotonic()
        self.run.elapsed += now - self._since
        self._since = now
        if not self.run.done:
            self.run.state = self.state.to_json()
        session_store(self.app).save(self.session)

    @property
    def scene(self) -> model.Scene:
        return engine.current_scene(self._scenario, self.state)

    @property
    def choices(self) -> tuple[model.Choice, ...]:
        return engine.available_choices(self._scenario, self.state)

    @property
    def voted(self) -> bool:
        from safepath.classroom.session import is_voted

        return self.replay is None and is_voted(self.scene, self.session.vote)

    def _keys(self) -> list[str]:
        from safepath.classroom.session import choice_key

        return [choice_key(c) for c in self.choices]

    # -- steps ----------------------------------------------------------------------------------------------------
    def go_on(self) -> None:
        """Enter / Space / →: the next step of the current phase."""
        if self.phase == "read":
            if self.choices:
                self.phase = "discuss" if self.scene.discuss is not None else self._decide_phase()
            elif engine.can_continue(self._scenario, self.state):
                self._move(engine.advance(self._scenario, self.state))
            elif engine.is_ended(self._scenario, self.state):  # stopped during the last feedback: the ending now
                self._after_step(entered=True)
        elif self.phase == "discuss":
            self.phase = self._decide_phase()
        elif self.phase == "vote":
            self.reveal()
        elif self.phase == "reveal":
            from safepath.classroom.session import winners

            top = winners(self.counts)
            if len(top) == 1:
                self.take(top[0], tie=False)
            elif not top:
                self.phase = "pick"
            else:
                self.phase = "tie"
        elif self.phase == "feedback":
            self.phase = "read"
            self._after_step(entered=True)
        self.changed()

    def _decide_phase(self) -> str:
        if self.voted:
            self.counts = {k: self.counts.get(k, 0) for k in self._keys()}
            self._draft()
            return "vote"
        return "pick"

    def _draft(self) -> None:
        if self.replay is None:
            self.run.draft = {"scene": self.scene.id, "counts": dict(self.counts)}
            self._save()

    def reveal(self) -> None:
        from safepath.classroom.session import winners

        self.phase = "reveal" if winners(self.counts) else "pick"
        self.changed()

    def _count_table(self) -> dict[str, int]:
        return self.counts

    def _counts_changed(self) -> None:
        self._draft()

    def take(self, key: str, tie: bool) -> None:
        """Go on with the choice ``key`` (the class's, or the trainer's at a tie or without a vote)."""
        from safepath.classroom.session import choice_key

        choice = next((c for c in self.choices if choice_key(c) == key), None)
        if choice is None:
            return
        if self.replay is None and self.phase in ("reveal", "tie"):
            self.run.record_vote(self.scene.id, {k: self.counts.get(k, 0) for k in self._keys()}, key, tie)
        elif self.replay is None and self.voted:  # chosen without counting: the vote says so (every count 0)
            self.run.record_vote(self.scene.id, {k: self.counts.get(k, 0) for k in self._keys()}, key,
                                 False)
        self.chosen = choice
        self.counts, self.focus, self._typed = {}, 0, False
        self.state = engine.choose(self._scenario, self.state, choice.index)
        if self.replay is None:
            self.run.enter_scene(self.state.scene)  # now, so a stop during the feedback keeps the path whole
        if choice.feedback is not None:
            self.phase = "feedback"
            self._save()
        else:
            self.phase = "read"
            self._after_step(entered=True)
        self.changed()

    def _move(self, state: engine.State) -> None:
        self.state = state
        self.chosen = None
        self._after_step()

    def _after_step(self, entered: bool = False) -> None:
        if self.replay is None and not entered:
            self.run.enter_scene(self.state.scene)
        if engine.is_ended(self._scenario, self.state):
            if self.replay is None:
                self.run.finish(self.state.scene, self.state.ending)
                self._save()
                self.app.stack.replace(self.app.show("class_ending", session=self.session, scenario=self._scenario,
                                                     state=self.state))
            else:
                self.app.stack.replace(self.app.show("class_ending", session=self.session, scenario=self._scenario,
                                                     state=self.state, replay=True))
            return
        self._save()

    def skip_story(self) -> None:
        """Leave out a story that cannot be shown: kept in the record with no ending; the session goes on."""
        from safepath.scenes.class_trainer import resume_session

        self.run.done, self.run.state, self.run.draft = True, None, None
        self.session.next_stage()
        store = session_store(self.app)
        if self.session.stage == "done":
            store.finish(self.session)
        else:
            store.save(self.session)
        resume_session(self.app, self.session)

    def stop(self) -> None:
        """Esc: saved where the class is; back to the trainer's menu (or, in a replay, to the road not taken)."""
        self._save()
        if self.replay is not None:
            self.app.stack.pop()
        else:
            self.app.stack.clear_to(self.app.show("trainer"))

    # -- events ---------------------------------------------------------------------------------------------------
    def handle_event(self, event: pygame.event.Event) -> bool:
        if self.state is None:  # the story is missing or does not load: the class can go on without it
            if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
                self.app.stack.clear_to(self.app.show("trainer"))
                return True
            if event.type == pygame.KEYDOWN and event.key == pygame.K_s and not self.preview:
                self.skip_story()
                return True
            return False
        if event.type == pygame.KEYDOWN:
            key = event.key
            if key == NOTES_KEY:
                self.presenter = not self.presenter if self._window is None else self.presenter
                self.changed()
                return True
            if key == pygame.K_ESCAPE:
                if self.presenter and self._window is None:
                    self.presenter = False
                    self.changed()
                else:
                    self.stop()
                return True
            if super().handle_event(event):
                return True
            if self.phase == "vote":
                if self.handle_count_key(event):
                    return True
                if key == pygame.K_c:
                    self.phase = "pick"
                    self.changed()
                    return True
                if key in (pygame.K_RETURN, pygame.K_KP_ENTER):
                    self.reveal()
                    return True
                return False
            if self.phase in ("pick", "tie") and key in DIGIT_KEYS:
                self._pick_number(DIGIT_KEYS[key])
                return True
            if key in _GO and self.phase not in ("pick", "tie"):
                self.go_on()
                return True
            return False
        if event.type in (pygame.MOUSEBUTTONUP, pygame.FINGERUP):
            return super().handle_event(event)
        return False

    def _pick_number(self, number: int) -> None:
        keys = self._keys()
        if not 1 <= number <= len(keys):
            return
        key = keys[number - 1]
        if self.phase == "tie":
            from safepath.classroom.session import winners

            if key not in winners(self.counts):
                return
            self.take(key, tie=True)
        else:
            self.take(key, tie=False)

    # -- drawing ---------------------------------------------------------------------------------------------------
    def shrink_steps(self) -> tuple[float, ...]:
        from safepath.scenes.class_parts import SHRINKS

        # the presenter overlay is read up close by the trainer: it may get smaller than the class's text
        return SHRINKS + (0.47, 0.42) if self.presenter and self._window is None else SHRINKS

    def hints(self) -> str:
        if self.state is None:
            return _("S: go on without this story · Esc: back")
        if self.presenter and self._window is None:
            return _("N or Esc: hide the notes")
        if self.phase == "vote":
            return _("Type the number of hands · Left/Right next option · Up/Down one more or less · Enter: show the result · "
                     "C: choose without counting · P: pause · N: notes · Esc: stop")
        if self.phase in ("pick", "tie"):
            return _("Press the number of the choice · P: pause · N: notes · Esc: stop")
        return _("Enter: go on · P: pause · N: notes · Esc: stop (saved)")

    def build(self, c: Canvas) -> None:
        if self.state is None:
            c.text(_("This story cannot be shown: it is missing or does not load."), "heading", bold=True)
            return
        if self.presenter and self._window is None:
            build_presenter(self, c)
            return
        scene = self.scene
        head = self.tr(self._scenario.title)
        if scene.title is not None:
            head = f"{head} · {self.tr(scene.title)}"
        c.text(head, "small", PALETTE.text_muted, after=c.px(6))
        if self.phase == "read":
            self._build_lines(c, scene)
        elif self.phase == "discuss":
            c.text(_("Talk about it together"), "heading", PALETTE.accent, bold=True)
            c.text(self.tr(scene.discuss), "title", bold=True, second=self.tr2(scene.discuss))
        elif self.phase == "feedback" and self.chosen is not None:
            c.text(_("You chose:"), "body", PALETTE.text_muted, after=c.px(4))
            c.text(self.tr(self.chosen.text), "heading", bold=True, second=self.tr2(self.chosen.text))
            c.text(self.tr(self.chosen.feedback), "title", PALETTE.accent, bold=True, second=self.tr2(self.chosen.feedback))
        else:
            self._build_options(c)

    def _build_lines(self, c: Canvas, scene: model.Scene) -> None:
        from safepath.scenes.class_parts import Placed
        from safepath.ui import art

        lines = engine.shown_lines(self._scenario, self.state)
        # the picture gives way first when the scene's words need the whole width (long Burmese, large text)
        pictures = [line.image for line in lines if line.image and art.has_image(line.image)] if c.shrink > 0.7 else []
        column = c.width
        if pictures:  # the job ad or the contract beside the text, as large as the room allows
            pic_w = max(c.px(120), round(c.width * 0.3 * c.shrink))
            surf = art.picture(pictures[0], pic_w)
            c.items.append(Placed("image", pygame.Rect(c.x + c.width - pic_w, c.y, pic_w, surf.get_height()), surf))
            column = c.width - pic_w - c.gap
            picture_bottom = c.y + surf.get_height()
        full = c.width
        c.width = column
        last = None
        for line in lines:
            speaker = self._scenario.characters.get(line.speaker) if line.speaker else None
            if speaker is not None:
                if line.speaker != last:  # the name once for lines one after another from the same person
                    c.text(self.tr(speaker.name), "body", PALETTE.accent, bold=True, after=c.px(2))
                c.text(self.tr(line.text), "heading", indent=c.px(24), second=self.tr2(line.text))
            else:
                c.text(self.tr(line.text), "heading", PALETTE.text, second=self.tr2(line.text))
            last = line.speaker
        c.width = full
        if pictures:
            c.y = max(c.y, picture_bottom + c.gap)
        if self.choices:
            c.text(_("What should we do? Press Enter to decide together."), "body", PALETTE.warning, bold=True)

    def _build_options(self, c: Canvas) -> None:
        from safepath.classroom.session import winners

        question = {"vote": _("Hands up! Count the hands for each choice."),
                    "pick": _("Which choice does the class take? The trainer presses its number."),
                    "reveal": _("This is what the class said."),
                    "tie": _("It is a tie. The trainer decides between the choices with the most hands.")}[self.phase]
        c.text(question, "heading", PALETTE.accent, bold=True)
        keys = self._keys()
        total = sum(self.counts.get(k, 0) for k in keys) or 1
        top = winners(self.counts)
        pad = c.px(14)
        count_w = c.px(150) if self.phase in ("vote", "reveal", "tie") else 0
        for i, (choice, key) in enumerate(zip(self.choices, keys)):
            number = str(i + 1)
            top_y = c.y
            inner_x = c.x + pad + c.px(64)
            buttons_w = 2 * c.px(44 * max(0.7, c.shrink)) + c.px(32) if self.phase == "vote" else 0
            inner_w = c.width - 2 * pad - c.px(64) - count_w - buttons_w
            label = c.render(self.tr(choice.text), inner_w, "heading", bold=True, second=self.tr2(choice.text))
            tallest = max(label.get_height(), c.render(number, c.px(56), "title", bold=True).get_height(),
                          c.render(str(self.counts.get(key, 0)), max(40, count_w), "title", bold=True).get_height()
                          if count_w else 0)
            height = tallest + 2 * pad
            if self.phase in ("reveal", "tie"):
                height += c.px(30) + pad
            card = pygame.Rect(c.x, top_y, c.width, max(c.px(70), height))
            focused = self.phase == "vote" and i == self.focus % len(keys)
            lead = self.phase in ("reveal", "tie") and key in top
            c.panel(card, PALETTE.surface_alt if (focused or lead) else PALETTE.surface)
            c.panel(card, PALETTE.focus if focused else (PALETTE.accent if lead else PALETTE.border),
                    width=c.px(5) if (focused or lead) else c.px(2))
            c.text_at(number, c.x + pad, top_y + pad, c.px(56), "title", PALETTE.accent, True, container=card,
                      what=f"number {number}")
            c.text_at(self.tr(choice.text), inner_x, top_y + pad, inner_w, "heading", bold=True, container=card,
                      what=f"choice {number}", second=self.tr2(choice.text))
            if count_w:
                c.text_at(str(self.counts.get(key, 0)), card.right - pad - count_w, top_y + pad, count_w, "title",
                          PALETTE.text, True, "right", container=card, what=f"count {number}")
            if self.phase in ("reveal", "tie"):
                share = self.counts.get(key, 0) / total
                bar_w = card.width - 2 * pad - c.px(64)
                bar = pygame.Rect(inner_x, card.bottom - pad - c.px(30), max(2, round(bar_w * share)), c.px(30))
                c.items.append(_bar(pygame.Rect(inner_x, bar.y, bar_w, bar.height), PALETTE.button_hover))
                c.items.append(_bar(bar, PALETTE.safe if key in top else PALETTE.text_muted))
            if self.phase == "vote":
                c.hit(card, lambda i=i: self.set_focus(i))
                size = c.px(44 * max(0.7, c.shrink))
                minus = pygame.Rect(card.right - pad - count_w - 2 * size - c.px(16), card.centery - size // 2, size, size)
                plus = pygame.Rect(minus.right + c.px(8), minus.y, size, size)
                c.button("-", minus.x, minus.y, size, lambda k=key: self.add(k, -1), role="body", height=size)
                c.button("+", plus.x, plus.y, size, lambda k=key: self.add(k, 1), role="body", height=size)
            elif self.phase == "pick" or (self.phase == "tie" and key in top):
                c.hit(card, lambda k=key: self.take(k, tie=self.phase == "tie"))
            c.y = card.bottom + c.gap
        if self.phase == "vote":
            c.button(_("Show the result"), c.x + c.width - c.px(360), c.y, c.px(360), self.reveal, primary=True)
            c.y += c.px(70)
        elif self.phase == "reveal" and len(top) == 1:
            c.button(_("Go on with the class's choice"), c.x + c.width - c.px(460), c.y, c.px(460), self.go_on,
                     primary=True)
            c.y += c.px(70)

    # -- the trainer's second window (two displays) ------------------------------------------------------------
    def _open_presenter_window(self) -> None:
        if self._window is not None or self.replay is not None or self.preview or not wants_presenter_window(self.app):
            return
        try:
            sizes = pygame.display.get_desktop_sizes()
            main_x = pygame.Window.from_display_module().position[0] if not getattr(self.app, "headless", True) else 0
            # the laptop's own screen: the display the story window is not on (displays side by side)
            laptop = 1 if len(sizes) > 1 and main_x < sizes[0][0] else 0
            x = sum(w for w, _h in sizes[:laptop])
            w, h = sizes[laptop] if sizes else (1280, 720)
            self._window = pygame.Window(_("SafePath: trainer's view"), (min(1280, w), min(720, h)), position=(x, 0))
        except (pygame.error, AttributeError, TypeError, IndexError, ValueError):
            self._window = None

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        if self._window is not None:
            try:
                target = self._window.get_surface()
                draw_presenter_on(self, target)
                self._window.flip()
            except (pygame.error, AttributeError):
                self._window = None


def wants_presenter_window(app) -> bool:
    """A second window for the presenter view: with two displays (or ``SAFEPATH_PRESENTER=window``).

    ``SAFEPATH_PRESENTER=overlay`` keeps the overlay even with two displays (a mirrored pair the system
    reports as two); ``window`` opens the window even where SDL sees one display (one wide desktop).
    """
    import os

    wanted = os.environ.get("SAFEPATH_PRESENTER", "")
    if wanted in ("window", "overlay"):
        return wanted == "window"
    if getattr(app, "headless", True):
        return False
    try:
        return pygame.display.get_num_displays() >= 2
    except pygame.error:
        return False


def _bar(rect: pygame.Rect, color):
    from safepath.scenes.class_parts import Placed

    return Placed("bar", rect, color=color)


def draw_presenter_on(scene: ClassStory, target: pygame.Surface) -> None:
    """The presenter view on its own surface (the second window)."""
    from safepath.scenes.class_parts import SHRINKS

    size = target.get_size()
    scale = max(0.5, min(size[0] / 1280, size[1] / 720, 2.0))
    for shrink in SHRINKS:
        c = Canvas(size, scale, 0, shrink * 0.7, scene.app.lang)
        c.width, c.x, c.y = size[0] - 2 * c.margin, c.margin, c.margin
        build_presenter(scene, c, in_window=True)
        if c.y <= size[1]:
            break
    target.fill(PALETTE.background)
    for item in c.items:
        if item.kind == "panel":
            pygame.draw.rect(target, item.color, item.rect)
        elif item.surface is not None:
            target.blit(item.surface, item.rect.topleft)


def build_presenter(scene: ClassStory, c: Canvas, in_window: bool = False) -> None:
    """The trainer's view: notes, the discussion prompt, the choices and where they lead, time, the next step."""
    from safepath.classroom.presenter import choice_infos, notes_for

    tr = scene.tr
    scenario, here = scene.scenario, scene.scene
    minutes = scenario.minutes
    spent = int((scene.run.elapsed + time.monotonic() - scene._since) // 60) if scene.replay is None else 0
    c.text(_("Trainer's view: on your screen only") if in_window else
           _("Trainer's notes (the class sees this too with one mirrored display)"), "small", PALETTE.warning,
           bold=True, after=c.px(4))
    c.text(f"{tr(scenario.title)} · {tr(here.title) if here.title else here.id}", "body", bold=True, after=c.px(4))
    c.text(_("{spent} of {minutes} minutes", spent=i18n.format_number(spent, scene.app.lang),
             minutes=i18n.format_number(minutes, scene.app.lang)), "small", PALETTE.text_muted)
    for note in notes_for(scenario, here):
        c.text(tr(note), "small")
    if here.discuss is not None:
        c.text(_("Ask the class:") + " " + tr(here.discuss), "small", PALETTE.accent, bold=True)
    infos = choice_infos(scenario, scene.state) if scene.choices else []
    for info in infos:
        c.text(f"{info.number}. {tr(info.text)}", "small", bold=True, after=c.px(2))
        parts = []
        if info.spots:
            parts.append(_("spots:") + " " + ", ".join(tr(f.title) for f in info.spots))
        if info.misses:
            parts.append(_("goes past:") + " " + ", ".join(tr(f.title) for f in info.misses))
        if info.trusts:
            parts.append(_("rightly trusts:") + " " + ", ".join(tr(s.title) for s in info.trusts))
        if info.doubts:
            parts.append(_("doubts a real sign:") + " " + ", ".join(tr(s.title) for s in info.doubts))
        where = tr(info.goto.title) if info.goto.title else info.goto.id
        parts.append(_("leads to:") + " " + where)
        if info.endings:
            parts.append(_("possible endings:") + " " + endings_text(info.endings, scene.tr))
        c.text(" · ".join(parts), "small", PALETTE.text_muted, indent=c.px(24))
    c.text(_("Next step:") + " " + next_step(scene), "small", PALETTE.safe, bold=True)


def endings_text(endings, tr) -> str:
    """"A real job (a safe ending), ..." once each, in file order."""
    names = [f"{tr(e.title)} ({ending_name(e)})" if e.title else ending_name(e) for e in endings]
    return ", ".join(dict.fromkeys(names))


def ending_name(scene: model.Scene) -> str:
    kind = scene.ending.value if scene.ending else ""
    return {"safe": _("a safe ending"), "recovered": _("got out with help"),
            "trapped-with-help": _("trapped, then help comes")}.get(kind, scene.id)


def next_step(scene: ClassStory) -> str:
    phase = scene.phase
    if phase == "read":
        if scene.choices:
            return _("the class discusses the question") if scene.scene.discuss is not None else (
                _("the class votes") if scene.voted else _("the class decides; you press the number"))
        return _("Enter shows the next scene")
    return {"discuss": _("Enter starts the vote") if scene.voted else _("the class decides; you press the number"),
            "vote": _("count the hands, then Enter shows the result"),
            "reveal": _("Enter goes on with the class's choice"),
            "tie": _("you decide between the tied choices"),
            "pick": _("press the number of the class's choice"),
            "feedback": _("Enter shows the next scene")}.get(phase, "")


def screenshot_states(app) -> list[tuple[str, list]]:
    scenario = app.scenarios.get("dream-job") or next(iter(app.scenarios.values()), None)
    if scenario is None:
        return []
    out = []
    for phase, name in (("read", "class-story"), ("vote", "class-vote"), ("reveal", "class-vote-result"),
                        ("tie", "class-vote-tie")):
        session = sample_session(app)
        session.stage = "stories"
        scene = ClassStory(session, scenario, phase=phase, preview=True)
        state = engine.start(scenario)
        state = engine.advance(scenario, state)  # the job ad: a decision with three choices
        scene.state = state
        from safepath.classroom.session import choice_key

        keys = [choice_key(c) for c in engine.available_choices(scenario, state)]
        if phase == "vote":
            scene.counts = {k: n for k, n in zip(keys, (12, 7, 0))}
            scene.focus = 1
        elif phase == "reveal":
            scene.counts = {k: n for k, n in zip(keys, (4, 17, 9))}
        elif phase == "tie":
            scene.counts = {k: n for k, n in zip(keys, (11, 11, 6))}
        scene.replay = None
        out.append((name, [scene]))
    presenter = ClassStory(sample_session(app), scenario, presenter=True, preview=True)
    presenter.state = engine.advance(scenario, engine.start(scenario))
    out.append(("class-presenter", [presenter]))
    return out
