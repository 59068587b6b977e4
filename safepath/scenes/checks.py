"""The knowledge check on screen: an introduction, one item at a time, kind feedback, a result in plain words.

:class:`CheckScene` shows one item per card, laid out like the story (the same stage and panel, so the
fit check's boxes are the story's boxes, see :mod:`safepath.ui.check_fit`): an offer or a sign item is a
phone with the message drawn by :class:`~safepath.scenes.chat_view.ChatView`, exactly as the story draws
chats; an action item is a story card. The answers are large buttons beside it: number keys, arrows and
Enter, mouse and touch; everything works from the keyboard alone.

* **Pre-check**: no right or wrong is shown (it would teach before the game does).
* **Post-check and booster**: after each answer a kind card says what the offer really was and gives the
  red flag's advice ("what to do") or the safe sign's way to check it; a miss is "something to notice",
  never "wrong".
* **Result** (:class:`CheckResultScene`): "You spotted 7 of 8 scams and trusted 6 of 8 real offers", never
  a mark or a grade.

The screens never score: :mod:`safepath.checks.answers` builds each answer, :mod:`safepath.checks.flow`
keeps the anonymous record, :mod:`safepath.checks.scoring` counts. Every check can be skipped or stopped
at any time, with no penalty. The booster ends with the replay of a few decisions from stories the player
played (:mod:`safepath.scenes.booster_replay`).
"""

from __future__ import annotations

from typing import Any, Callable

import pygame

from safepath.checks import answers as build
from safepath.checks import flow, schedule, scoring
from safepath.checks.model import REAL, SCAM, SURE_STEPS, ActionItem, Form, OfferItem, SignItem
from safepath.i18n import N_, _, get_translator
from safepath.scenes.base import Scene, register_scene
from safepath.scenes.chat_view import NOTE, THEM, ChatItem, ChatView
from safepath.scenes.menu_scene import MenuScene
from safepath.scenes.story_parts import Pointer, StageLayout, TopBar, draw_phone_frame, top_bar_pointer
from safepath.ui.check_fit import ACTION_QUESTION, FEEDBACK_ROWS, OFFER_QUESTION, SIGN_QUESTION
from safepath.ui.widgets import Button, draw_panel, text_surface
from safepath.ui.menu import Menu

#: the four steps of "how sure are you?"
SURE_LABELS = {1: N_("Just guessing"), 2: N_("A little sure"), 3: N_("Quite sure"), 4: N_("Very sure")}
#: every sender gets the same neutral picture: an avatar must not give the answer away
NEUTRAL_AVATAR = ("other", "other")


def checkbox(ticked: bool, theme):
    """A button's picture for "choose all that apply": an empty box, or a box with a tick."""
    def draw(surface: pygame.Surface, rect: pygame.Rect) -> None:
        p = theme.palette
        side = min(rect.width, rect.height) * 3 // 4
        box = pygame.Rect(0, 0, side, side)
        box.center = rect.center
        width = max(2, theme.border_width)
        if ticked:
            pygame.draw.rect(surface, p.accent, box, border_radius=theme.px(6))
            a, b, c = (box.x + side * 0.22, box.y + side * 0.52), (box.x + side * 0.42, box.y + side * 0.72), \
                (box.x + side * 0.78, box.y + side * 0.3)
            pygame.draw.lines(surface, p.accent_text, False, [a, b, c], max(3, theme.px(4)))
        else:
            pygame.draw.rect(surface, p.text_muted, box, width=width, border_radius=theme.px(6))
    return draw


def load_check_content(app) -> tuple[dict[str, Form], dict, dict]:
    """The bank's forms, red flags and safe signs (read once per app; a broken bank gives no forms)."""
    cached = getattr(app, "_check_content", None)
    if cached is None:
        from safepath.checks.loader import load_bank
        from safepath.story.loader import load_safe_signs
        from safepath.story.loader import load_catalogue

        red_flags = load_catalogue()[0]
        safe_signs = load_safe_signs()[0]
        cached = (dict(load_bank(None, red_flags, safe_signs).forms), red_flags, safe_signs)
        try:
            app._check_content = cached
        except AttributeError:
            pass
    return cached


def intro_text(phase: str) -> str:
    if phase == "pre":
        return _("Before the story, look at a few job offers. For each one, say if you think it is a scam or a "
                 "real offer. It is not a test: there are no marks, and you can skip it.")
    if phase == "post":
        return _("Well done! Now look at some new job offers. After each answer you see what the warning signs "
                 "or the safe signs were.")
    return _("Welcome back! A short refresher: some new job offers, then a few moments from your stories. "
             "About three minutes.")


@register_scene("check_intro")
class CheckIntroScene(MenuScene):
    """"A short check": start it, or skip it with no penalty."""

    column_width = 760
    text_width = 1000

    def __init__(self, phase: str = "pre", then: Callable[[], Any] | None = None) -> None:
        super().__init__()
        self.phase = phase
        self.then = then

    def heading(self) -> str:
        return self._("A short refresher") if self.phase == "booster" else self._("A short check")

    def intro(self) -> str:
        return intro_text(self.phase)

    def buttons(self) -> list[Button]:
        return [Button(self._("Start"), self.start, style="primary"),
                Button(self._("Skip for now"), self.skip_check)]

    def start(self) -> None:
        forms, _flags, _signs = load_check_content(self.app)
        letter = flow.form_for(self.app.storage, self.app.profile, self.phase)
        form = forms.get(letter)
        if form is None:  # the bank did not load: go on without a check, as if skipped
            self.skip_check()
            return
        self.app.stack.replace(self.app.show("check", form=form, phase=self.phase, then=self.then))

    def skip_check(self) -> None:
        flow.skip(self.app.storage, self.app.profile, self.phase)
        self.app.stack.pop()
        if self.then is not None:
            self.then()

    def cancel(self) -> None:
        self.skip_check()


@register_scene("check")
class CheckScene(Scene):
    """One form, one item at a time."""

    def __init__(self, form: Form, phase: str = "pre", then: Callable[[], Any] | None = None) -> None:
        super().__init__()
        self.form = form
        self.phase = phase
        self.then = then
        self.items = schedule.item_order(form)
        self.index = 0
        self.step = "answer"  # answer / sure / feedback
        self.answers: list[dict] = []
        self.chosen: set[str] = set()  # a sign item's ticked options
        self.pending: str | None = None  # an offer's answer while "how sure" is asked
        self.last: dict | None = None  # the answer the feedback card is about
        self.view: ChatView | None = None
        self.layout: StageLayout | None = None
        self.menu: Menu | None = None
        self.prompt: pygame.Surface | None = None
        self.rows: list[tuple[pygame.Surface, tuple[int, int]]] = []
        self.topbar = TopBar()
        self.pointer = Pointer()
        self._size: tuple[int, int] | None = None
        self._focus = 0

    # -- what is shown ----------------------------------------------------------------------------------
    @property
    def lang(self) -> str:
        return getattr(self.app, "lang", "en")

    @property
    def item(self):
        return self.items[self.index]

    @property
    def gives_feedback(self) -> bool:
        return self.phase != "pre"

    def tr_text(self, text) -> str:
        return get_translator(self.lang).text(text)

    def _view_for(self, item) -> ChatView:
        if isinstance(item, ActionItem):
            view = ChatView("story")
            view.second_lang = self.second_lang
            situation, under = self._text_pair(item.situation)
            view.items.append(ChatItem(NOTE, situation, second=under))
            return view
        view = ChatView("phone")
        view.second_lang = self.second_lang
        message = item.message
        if message.shown_as == "ad":
            sponsored, under = self._pair(N_("Sponsored post"))
            view.items.append(ChatItem(NOTE, sponsored, second=under))
        sender = self.tr_text(message.sender)
        for n, line in enumerate(message.lines):
            view.items.append(ChatItem(THEM, self.tr_text(line), second=self._text_pair(line)[1],
                                       speaker_id="sender", speaker_name=sender,
                                       avatar=NEUTRAL_AVATAR[0], role=NEUTRAL_AVATAR[1],
                                       image=message.image if n == 0 else None, time=f"19:{40 + n:02d}"))
        return view

    def question(self) -> str:
        item = self.item
        if self.step == "sure":
            return self._("How sure are you?")
        if self.step == "feedback":
            return self.feedback_heading()
        if isinstance(item, OfferItem):
            return self._(OFFER_QUESTION)
        if isinstance(item, SignItem):
            return self._(SIGN_QUESTION)
        return self._(ACTION_QUESTION)

    def _buttons(self) -> list[Button]:
        item = self.item
        if self.step == "feedback":
            last = self.index == len(self.items) - 1
            return [self._button(N_("See your result") if last else N_("Next"), self.next_item, style="primary")]
        if self.step == "sure":
            return [self._button(SURE_LABELS[n], lambda n=n: self.answer_sure(n)) for n in SURE_STEPS]
        if isinstance(item, OfferItem):
            return [self._button(N_("Scam"), lambda: self.answer_offer(SCAM)),
                    self._button(N_("Real offer"), lambda: self.answer_offer(REAL))]
        second = self.second_lang
        if isinstance(item, SignItem):
            out = [Button(self.tr_text(o.text), lambda o=o.id: self.toggle(o), selected=o.id in self.chosen,
                          icon=checkbox(o.id in self.chosen, self.app.theme), second=self._text_pair(o.text)[1] or "",
                          second_lang=second) for o in item.options]
            out.append(self._button(N_("Done"), self.answer_signs, style="primary"))
            return out
        return [Button(self.tr_text(o.text), lambda o=o.id: self.answer_action(o), second=self._text_pair(o.text)[1] or "",
                       second_lang=second) for o in item.options]

    # -- answering ----------------------------------------------------------------------------------------
    def answer_offer(self, answer: str) -> None:
        self.pending = answer
        self.step = "sure"
        self._rebuild(focus=0)

    def answer_sure(self, sure: int) -> None:
        self._record(build.offer_answer(self.item, self.pending, sure))

    def toggle(self, option: str) -> None:
        self.chosen.symmetric_difference_update({option})
        focus = self.menu.focus if self.menu is not None else 0
        self._rebuild(focus=focus)

    def answer_signs(self) -> None:
        self._record(build.sign_answer(self.item, self.chosen))

    def answer_action(self, option: str) -> None:
        self._record(build.action_answer(self.item, option))

    def _record(self, answer: dict) -> None:
        self.answers.append(answer)
        self.last = answer
        if self.gives_feedback:
            self.step = "feedback"
            self._rebuild(focus=0)
        else:
            self.next_item()

    def skip_item(self) -> None:
        """Skip this question: it is simply not answered (and not counted)."""
        self.next_item()

    def next_item(self) -> None:
        if self.index + 1 >= len(self.items):
            self.finish()
            return
        self.index += 1
        self.step, self.pending, self.last = "answer", None, None
        self.chosen = set()
        self.view = None
        self.layout = None
        self._rebuild(focus=0)

    def finish(self) -> None:
        app = self.app
        record = flow.finish(app.storage, app.profile, self.phase, self.form.letter, self.answers, self.lang)
        then = self.then
        if record is None:  # every card skipped: nothing to show or keep
            app.stack.pop()
            if then is not None:
                then()
            return
        if self.phase == "booster":
            played = flow.finished_stories(app.storage, app.profile.id) if app.profile is not None else []
            moments = flow.key_moments(app.scenarios, played)
            if moments:
                def replay_then() -> None:
                    app.stack.push(app.show("check_result", record=record, phase=self.phase, then=then))
                app.stack.replace(app.show("booster_replay", moments=moments, then=replay_then))
                return
        app.stack.replace(app.show("check_result", record=record, phase=self.phase, then=then))

    def stop(self) -> None:
        """Leave the check: nothing is lost, and the game does not ask for this check again."""
        flow.skip(self.app.storage, self.app.profile, self.phase)
        self.app.stack.pop()
        if self.then is not None:
            self.then()

    # -- feedback (post-check and booster) ---------------------------------------------------------------
    def feedback_heading(self) -> str:
        item, answer = self.item, self.last or {}
        right = bool(answer.get("correct"))
        if isinstance(item, OfferItem):
            if item.is_scam:
                return self._("Well spotted: this was a scam.") if right else self._("Something to notice: this was a scam.")
            return self._("Yes, this was a real offer.") if right else self._("This one was a real offer.")
        if isinstance(item, SignItem):
            return self._("You found every warning sign.") if right else self._("Some warning signs to notice:")
        return self._("Yes, that is the best first step.") if right else self._("The best first step:")

    def feedback_rows(self) -> list[tuple[str, str]]:
        """(title, advice) rows: the red flags' "what to do", or the safe signs' "how to check"."""
        _forms, red_flags, safe_signs = load_check_content(self.app)
        item = self.item
        rows: list[tuple[str, str]] = []
        if isinstance(item, OfferItem) and not item.is_scam:
            for sign in item.signs[:FEEDBACK_ROWS]:
                entry = safe_signs.get(sign)
                if entry is not None:
                    rows.append((self.tr_text(entry.title), self.tr_text(entry.action)))
            if not (self.last or {}).get("correct"):
                rows.append(("", self._("Being careful is good. Checking a real offer is better than refusing "
                                        "every offer.")))
            elif not rows:  # no safe-sign catalogue: still say why trusting it was right
                rows.append(("", self._("Real jobs like this exist. Checking first is always right.")))
            return rows
        if isinstance(item, ActionItem):
            best = next(o for o in item.options if o.right)
            rows.append((self.tr_text(best.text), ""))
        flags = item.flags
        for flag in flags[:FEEDBACK_ROWS]:
            entry = red_flags.get(flag)
            if entry is not None:
                rows.append((self.tr_text(entry.title), self.tr_text(entry.action)))
        return rows

    # -- layout -----------------------------------------------------------------------------------------
    def enter(self, app) -> None:
        super().enter(app)
        self.relayout()

    def relayout(self) -> None:
        super().relayout()
        self.view = None
        self.layout = None
        self._size = None
        if self.app is not None and self.menu is not None:
            self._focus = self.menu.focus

    def _rebuild(self, focus: int = 0) -> None:
        self._focus = focus
        self.menu = None
        self.needs_redraw = True

    def _progress(self) -> str:
        return _("Question {number} of {total}", number=self.index + 1, total=len(self.items))

    def _ensure_layout(self, size: tuple[int, int]) -> None:
        theme = self.app.theme
        fresh = self.view is None
        if fresh:
            self.view = self._view_for(self.item)
        if self.layout is None or self._size != size:
            self._size = size
            self.topbar.layout(theme, size, self._progress(), self._("Skip"), self._("Stop"), self.lang)
            self.menu = None
        if self.menu is None:
            self._build_panel(theme, size)
        if fresh:  # a check card is read from its first line (a phone would show the newest message)
            inner = self.layout.stage_inner
            self.view.layout(theme, inner.width, self.lang)
            self.view.scroll = self.view.max_scroll(inner.height, theme)

    def _header_lines(self) -> list[tuple[str, bool]]:
        item = self.item
        if isinstance(item, ActionItem):
            return []
        return [(self.tr_text(item.message.sender), True), (item.message.app, False)]

    def _header_height(self, theme, size) -> int:
        from safepath.ui import boxes
        from safepath.ui.widgets import text_size

        stage, _panel = boxes.stage_and_panel(theme, size, True, self.topbar.skip.rect.bottom)
        width = boxes.header_text_width(theme, stage[2])
        return sum(text_size(t, width, theme.text_px("small"), b, self.lang)[1] for t, b in self._header_lines()) + theme.px(16)

    #: ways to make the answers fit beside the message, tried in order (as the story does):
    #: (stage level: how much narrower the phone gets, prompt role, compact buttons, feedback rows)
    FITS = ((0, "heading", False, FEEDBACK_ROWS), (0, "body", True, FEEDBACK_ROWS), (1, "body", True, FEEDBACK_ROWS),
            (2, "small", True, FEEDBACK_ROWS), (2, "small", True, 1))

    def _build_panel(self, theme, size) -> None:
        lang = self.lang
        phone = self.view.mode == "phone"
        header_h = self._header_height(theme, size) if phone else 0
        # with a second language the fits are tried with it under the answers, then with the answers in one
        # language (the card's message keeps both): the answers never need scrolling for it
        tries = [(fit, False) for fit in self.FITS] + ([(fit, True) for fit in self.FITS] if self.second_lang else [])
        for (level, role, compact, row_limit), one_language in tries:
            self.layout = StageLayout.compute(theme, size, phone=phone, top_bar_bottom=self.topbar.skip.rect.bottom,
                                              header_h=header_h, level=level)
            panel = self.layout.panel
            buttons = self._buttons()
            for b in buttons:
                if compact:
                    b.role, b.compact = "body", True
                if one_language:
                    b.second = ""
            menu = Menu(buttons, gap=8 if compact else None, on_cancel=self.stop)
            prompt = text_surface(self.question(), panel.width, theme.text_px(role), theme.palette.text, True, lang)
            y = panel.y + prompt.get_height() + theme.gap
            rows = self._feedback_surfaces(theme, panel.width, "small" if compact else "body", panel.x, y, row_limit)
            if rows:
                y = rows[-1][1][1] + rows[-1][0].get_height() + theme.gap
            viewport = pygame.Rect(panel.x, y, panel.width, max(theme.min_touch, panel.bottom - y))
            menu.layout(theme, viewport, lang)
            if menu.content_height <= viewport.height:
                break
        menu.focus = min(self._focus, len(menu.buttons) - 1)
        menu.move(0)
        self.menu, self.prompt, self.rows = menu, prompt, rows

    def _feedback_surfaces(self, theme, width: int, role: str, x: int, y: int, limit: int = FEEDBACK_ROWS):
        if self.step != "feedback":
            return []
        out = []
        p = theme.palette
        for title, advice in self.feedback_rows()[:limit]:
            if title:
                surf = text_surface(title, width, theme.text_px(role), p.text, True, self.lang)
                out.append((surf, (x, y)))
                y += surf.get_height() + theme.px(4)
            if advice:
                surf = text_surface(advice, width, theme.text_px(role), p.text_muted, False, self.lang)
                out.append((surf, (x, y)))
                y += surf.get_height() + theme.px(10)
        return out

    # -- events -----------------------------------------------------------------------------------------
    def handle_event(self, event: pygame.event.Event) -> bool:
        if self.app is None:
            return False
        event = self.pointer.translate(event, self.app)
        if event is None:
            return True
        if self.menu is None:
            self._ensure_layout(self.app.theme.screen_size)
        if top_bar_pointer(self, event, self.skip_item):
            return True
        if event.type == pygame.KEYDOWN and event.key == pygame.K_s and self.step != "feedback":
            self.skip_item()
            return True
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_PAGEUP, pygame.K_PAGEDOWN) and self.layout:
            page = self.layout.stage_inner.height * 2 // 3  # the keyboard's way to read a long message
            self.view.scroll_by(page if event.key == pygame.K_PAGEUP else -page, self.layout.stage_inner.height,
                                self.app.theme)
            self.needs_redraw = True
            return True
        if event.type == pygame.MOUSEWHEEL and self.layout is not None and self.view is not None:
            if self.layout.stage.collidepoint(pygame.mouse.get_pos()):
                self.view.scroll_by(event.y * 40, self.layout.stage_inner.height, self.app.theme)
                self.needs_redraw = True
                return True
        menu = self.menu
        if menu is None:
            return False
        menu.activated = None
        used = menu.handle_event(event)
        if menu.activated is not None:
            self.app.play_sound("tap")
        if menu.changed:
            self.needs_redraw = True
        return used

    def update(self, dt: float) -> bool:
        if self.view is not None and self.view.animating():
            self.view.update(dt)
            self.needs_redraw = True
            return True
        return False

    # -- drawing ----------------------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        if self.app is None:
            return
        theme = self.app.theme
        self._ensure_layout(surface.get_size())
        lay, p = self.layout, theme.palette
        surface.fill(p.background)
        self.topbar.draw(surface, theme, self.lang, skip_enabled=self.step != "feedback")
        if self.view.mode == "phone":
            header = self._header_lines()
            draw_phone_frame(surface, theme, lay, self.item.message.app, NEUTRAL_AVATAR, header, self.lang)
        else:
            draw_panel(surface, theme, lay.stage)
        self.view.draw(surface, theme, lay.stage_inner, self.lang)
        surface.blit(self.prompt, lay.panel.topleft)
        for surf, pos in self.rows:
            surface.blit(surf, pos)
        self.menu.draw(surface, theme, self.lang)

    def fit_problems(self, size: tuple[int, int]) -> list[str]:
        """Bubbles, buttons and feedback that do not fit (for ``safepath screenshots`` and the tests)."""
        self._ensure_layout(size)
        theme = self.app.theme
        problems = [f"check: {p}" for p in self.view.fit_problems(theme, self.layout.stage_inner.width, self.lang)]
        for b in self.menu.buttons:
            if not b.content_fits(theme, self.lang):
                problems.append(f"check: button {b.label[:30]!r} is too small for its text")
        from safepath.ui.boxes import DESIGN_SIZE

        smaller = size[0] < DESIGN_SIZE[0] or size[1] < DESIGN_SIZE[1]  # below the design size the answers may scroll
        if self.menu.content_height > self.menu.viewport.height and not smaller:
            problems.append(f"check: the answers need {self.menu.content_height} px, the panel has {self.menu.viewport.height}")
        problems += [f"check: {p}" for p in self.topbar.fit_problems(theme, self.lang)]
        return problems


@register_scene("check_result")
class CheckResultScene(MenuScene):
    """The result in plain words: what the player spotted and trusted, never a grade."""

    column_width = 760
    text_width = 1000
    intro_align = "center"

    def __init__(self, record: dict, phase: str = "post", then: Callable[[], Any] | None = None) -> None:
        super().__init__()
        self.record = record
        self.phase = phase
        self.then = then

    def heading(self) -> str:
        return self._("Thank you!")

    def intro(self) -> str:
        return " ".join(result_lines(self.record, self.phase))

    def buttons(self) -> list[Button]:
        return [Button(self._("Continue"), self.go_on, style="primary")]

    def go_on(self) -> None:
        app = self.app
        app.stack.pop()
        if self.then is not None:
            self.then()
        app.stack.relayout()  # the screen below may offer a check no more (the title's refresher button)

    def cancel(self) -> None:
        self.go_on()


def result_lines(record: dict, phase: str) -> list[str]:
    """The result card's sentences (plain words, no grade; the pre-check shows no right or wrong)."""
    if phase == "pre":
        return [_("There are no marks. After the stories you will look at some new offers, and see what you "
                  "have learned.")]
    score = scoring.score_answers(record.get("answers", ()))
    tally = score.tally
    lines = [_("You spotted {hits} of {scams} scams and trusted {trusted} of {reals} real offers.",
               hits=int(tally.hits), scams=int(tally.scams), trusted=int(tally.trusted), reals=int(tally.reals))]
    actions = [a for a in record.get("answers", ()) if a.get("type") == "action"]
    if actions:
        lines.append(_("You chose the best first step {count} of {total} times.",
                       count=sum(bool(a.get("correct")) for a in actions), total=len(actions)))
    if tally.reals and tally.false_alarms > tally.reals / 2:
        lines.append(_("Careful is good, and real jobs exist too: check an offer before you say no."))
    elif tally.scams and tally.misses > tally.scams / 2:
        lines.append(_("Scams can look very real. Look for the warning signs before you say yes."))
    else:
        lines.append(_("Keep checking every offer: it protects you and your friends."))
    return lines


def screenshot_states(app) -> list[tuple[str, list]]:
    forms, _flags, _signs = load_check_content(app)
    form = forms.get("A")
    if form is None:
        return []
    shots = [("check-intro-pre", [CheckIntroScene("pre")]), ("check-intro-booster", [CheckIntroScene("booster")])]
    order = schedule.item_order(form)
    for kind, cls in (("offer", OfferItem), ("sign", SignItem), ("action", ActionItem)):
        index = next(i for i, item in enumerate(order) if isinstance(item, cls))
        scene = CheckScene(form, "pre")
        scene.index = index
        shots.append((f"check-{kind}", [scene]))
    ticked = CheckScene(form, "pre")
    ticked.index = next(i for i, item in enumerate(order) if isinstance(item, SignItem))
    ticked.chosen = {order[ticked.index].options[0].id, order[ticked.index].options[2].id}
    ticked._focus = len(order[ticked.index].options)  # on "Done": the ticks are not the focus ring
    shots.append(("check-sign-ticked", [ticked]))
    sure = CheckScene(form, "pre")
    sure.step, sure.pending = "sure", SCAM
    shots.append(("check-offer-sure", [sure]))
    scam = next(i for i, item in enumerate(order) if isinstance(item, OfferItem) and item.is_scam)
    real = next(i for i, item in enumerate(order) if isinstance(item, OfferItem) and not item.is_scam)
    for name, index, answer in (("check-feedback-scam", scam, REAL), ("check-feedback-real", real, REAL)):
        scene = CheckScene(form, "post")
        scene.index = index
        scene.step = "feedback"
        scene.last = build.offer_answer(order[index], answer, 3)
        shots.append((name, [scene]))
    sample = {"answers": [build.offer_answer(i, SCAM if n % 4 else REAL, 3) for n, i in enumerate(form.offers())]
              + [build.action_answer(i, i.best) for i in form.items if isinstance(i, ActionItem)]}
    shots.append(("check-result", [CheckResultScene(sample, "post")]))
    return shots


# -- where the game offers the checks (called by the app and the title) ---------------------------------
def offer_pre_check(app, scenario_id: str, resume: bool) -> bool:
    """Before a player's first story: the pre-check's introduction, then the story. True when shown."""
    if resume or not flow.pre_due(app.storage, getattr(app, "profile", None)):
        return False
    if not load_check_content(app)[0]:
        return False
    app.stack.push(app.show("check_intro", phase="pre",
                            then=lambda: app.start_scenario(scenario_id, resume, checks=False)))
    return True


def offer_post_check(app) -> bool:
    """After a debrief, when the trainer's setting says the stories are done: the post-check. True when shown."""
    profile = getattr(app, "profile", None)
    if not flow.post_due(app.storage, profile, list(getattr(app, "scenarios", {}) or {})):
        return False
    if not load_check_content(app)[0]:
        return False
    app.stack.push(app.show("check_intro", phase="post"))
    return True
