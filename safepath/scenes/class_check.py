"""The knowledge check for a whole class: one item at a time on the projector, the trainer enters the hands.

The class sees each job offer (or situation) large, with its answers numbered; students answer with hands
or the printed answer cards (``class_sheets``); the trainer types the count for each answer (digits,
Backspace; ←/→ or a click moves between answers; ↑/↓ or the on-screen buttons add or remove one). Enter
goes to the next item; after the last, the counts become one anonymous ``class-check`` record and the
session moves on. S skips the check (no penalty). The counts, the item being counted and the answer in
focus are saved after every change, so a stop in the middle of the check (Esc, or the laptop closed) resumes
at that item with every count entered before it. Pre and post use the two parallel forms, chosen from the session's
code as for a player (:func:`safepath.checks.schedule.forms_for`), so the post-check is not the same items.
"""

from __future__ import annotations

import pygame

from safepath import i18n
from safepath.i18n import N_, _
from safepath.scenes.base import register_scene
from safepath.scenes.class_hands import HandCounting
from safepath.scenes.class_parts import PALETTE, Canvas, ProjectorScene, sample_session, session_store



@register_scene("class_check")
class ClassCheck(HandCounting, ProjectorScene):
    def __init__(self, session, phase: str = "pre", preview: bool = False) -> None:
        super().__init__()
        self.session, self.phase, self.preview = session, phase, preview
        self.form = None
        self.items: list[dict] = []
        self.index = 0
        self.focus = 0
        self._typed = False
        self.preview_counts = None  # screenshots: fill in example counts once the form is read

    def enter(self, app) -> None:
        super().enter(app)
        if self.form is None:
            from safepath.checks.answers import class_template
            from safepath.checks.schedule import forms_for
            from safepath.scenes.checks import load_check_content

            forms, _flags, _signs = load_check_content(app)
            letter = forms_for(self.session.id)[0 if self.phase == "pre" else 1]
            self.form = forms.get(letter)
            if self.form is not None:
                template = class_template(self.form)
                saved = {i["item"]: i for i in self.session.check_counts.get(self.phase, [])}
                for entry in template:  # the counts entered before a stop come back
                    old = saved.get(entry["item"])
                    if old is not None:
                        entry["counts"] = {k: old["counts"].get(k, 0) for k in entry["counts"]}
                self.items = template
                if template:  # the item (and the answer) the trainer was counting when the class stopped
                    self.index, self.focus = self.session.check_position(self.phase, template)
                if self.preview_counts is not None:
                    self.preview_counts()
        self.changed()

    @property
    def letter(self) -> str:
        return self.form.letter if self.form is not None else ""

    def _save(self) -> None:
        if self.preview:
            return
        if self.items:
            self.session.enter_check(self.phase, self.items, self.items[self.index]["item"], self.focus)
        session_store(self.app).save(self.session)

    def _keys(self) -> list[str]:
        return list(self.items[self.index]["counts"]) if self.items else []

    def _count_table(self) -> dict[str, int]:
        return self.items[self.index]["counts"]

    def _counts_changed(self) -> None:
        self._save()

    def _focus_moved(self) -> None:
        self._save()  # the answer in focus too: a stop now resumes on it

    def next_item(self) -> None:
        if self.form is None:
            self.skip()
            return
        if self.index + 1 < len(self.items):
            self.index += 1
            self.focus, self._typed = 0, False
            self._save()
            self.changed()
            return
        if not self.preview:
            session_store(self.app).log_check(self.session, self.phase, self.letter, self.items)
        self._move_on()

    def skip(self) -> None:
        self.session.end_check(self.phase, "skipped")
        self._move_on()

    def _move_on(self) -> None:
        from safepath.scenes.class_trainer import resume_session

        self.session.next_stage()
        if self.session.stage == "done" and not self.preview:
            session_store(self.app).finish(self.session)
        elif not self.preview:
            session_store(self.app).save(self.session)
        resume_session(self.app, self.session)

    def handle_event(self, event: pygame.event.Event) -> bool:
        if super().handle_event(event):
            return True
        if event.type != pygame.KEYDOWN:
            return False
        key = event.key
        if key == pygame.K_ESCAPE:
            self._save()
            self.app.stack.clear_to(self.app.show("trainer"))
        elif key == pygame.K_s:
            self.skip()
        elif key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self.next_item()
        else:
            return self.handle_count_key(event)
        return True

    # -- drawing --------------------------------------------------------------------------------------------
    def hints(self) -> str:
        return _("Type the number of hands · Left/Right next answer · Up/Down one more or less · Enter: next · S: skip the "
                 "check · P: pause · Esc: stop (saved)")

    def build(self, c: Canvas) -> None:
        tr = i18n.current()
        if self.form is None:
            c.text(_("The knowledge check cannot be shown: its files do not load. Press S to go on without it."),
                   "heading", bold=True)
            return
        title = _("Before the story: what do you think?") if self.phase == "pre" else _("After the story: what do you think now?")
        c.text(title + "  " + _("{n} of {total}", n=i18n.format_number(self.index + 1, self.app.lang),
                                total=i18n.format_number(len(self.items), self.app.lang)), "small", PALETTE.text_muted,
               after=c.px(4))
        item = self.form.item(self.items[self.index]["item"])
        from safepath.checks.model import ActionItem, OfferItem

        if isinstance(item, ActionItem):
            c.text(tr.text(item.situation), "heading", bold=True, second=self._text_pair(item.situation)[1])
            question = N_("What do you do first?")
        else:
            c.text(f"{item.message.app} · {tr.text(item.message.sender)}", "body", PALETTE.accent, bold=True,
                   after=c.px(4))
            for line in item.message.lines:
                c.text(tr.text(line), "heading", indent=c.px(20), after=c.px(6), second=self._text_pair(line)[1])
            question = N_("Is this offer a scam or real?") if isinstance(item, OfferItem) else \
                N_("Which of these are warning signs? Hands up for each one you think is a warning sign.")
        question, question_under = self._pair(question)
        c.text(question, "body", PALETTE.warning, bold=True, second=question_under)
        counts = self.items[self.index]["counts"]
        # each answer with the same in the session's second language under it (None: shown once)
        labels = {"scam": self._pair(N_("A scam")), "real": self._pair(N_("A real offer"))} \
            if isinstance(item, OfferItem) else {o.id: self._text_pair(o.text) for o in item.options}
        pad = c.px(10)
        count_w = c.px(110)
        size = c.px(40 * max(0.7, c.shrink))
        for i, (key, (label, under)) in enumerate(labels.items()):
            top = c.y
            text_w = c.width - 2 * pad - c.px(50) - count_w - 2 * size - c.px(30)
            surf = c.render(label, text_w, "body", bold=True, second=under)
            tallest = max(surf.get_height(), c.render(str(i + 1), c.px(44), "heading", bold=True).get_height(),
                          c.render(str(counts.get(key, 0)), count_w, "heading", bold=True).get_height())
            card = pygame.Rect(c.x, top, c.width, max(size + 2 * pad, tallest + 2 * pad))
            focused = i == self.focus % len(labels)
            c.panel(card, PALETTE.surface_alt if focused else PALETTE.surface)
            c.panel(card, PALETTE.focus if focused else PALETTE.border, width=c.px(4) if focused else c.px(2))
            c.text_at(str(i + 1), c.x + pad, top + pad, c.px(44), "heading", PALETTE.accent, True, container=card,
                      what=f"answer number {i + 1}")
            c.text_at(label, c.x + pad + c.px(50), top + pad, text_w, "body", bold=True, container=card,
                      what=f"answer {i + 1}", second=under)
            c.text_at(str(counts.get(key, 0)), card.right - pad - count_w, top + pad, count_w, "heading", bold=True,
                      align="right", container=card, what=f"count {i + 1}")
            minus_x = card.right - pad - count_w - 2 * size - c.px(20)
            c.button("-", minus_x, card.centery - size // 2, size, lambda k=key: self.add(k, -1), role="small", height=size)
            c.button("+", minus_x + size + c.px(8), card.centery - size // 2, size, lambda k=key: self.add(k, 1),
                     role="small", height=size)
            c.hit(card, lambda i=i: self.set_focus(i))
            c.hits.insert(0, c.hits.pop())  # the card under its buttons: a click on "+" is the button's
            c.y = card.bottom + c.px(8)
        c.y += c.px(6)
        label = _("Next") if self.index + 1 < len(self.items) else _("Save the class's answers")
        c.button(label, c.x + c.width - c.px(380), c.y, c.px(380), self.next_item, primary=True)
        c.y += c.px(64)


def screenshot_states(app) -> list[tuple[str, list]]:
    out = []
    for phase, index in (("pre", 0), ("post", 3)):
        session = sample_session(app, "pre-check" if phase == "pre" else "post-check")
        scene = ClassCheck(session, phase, preview=True)
        scene.index = index

        def prepare(scene=scene, index=index):
            scene.index = min(index, len(scene.items) - 1)
            for n, key in enumerate(scene._keys()):
                scene.items[scene.index]["counts"][key] = (17, 9, 3, 0)[n % 4]

        scene.preview_counts = prepare
        out.append((f"class-check-{phase}", [scene]))
    return out
