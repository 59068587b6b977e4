"""Helplines the trainer keeps current: numbers to check again, and the NGO's own local contacts.

The list shows every helpline the game shows whose check (``verified_on``) is more than a year old, with
its date and source, to call or look up before a class; then the NGO's own contacts (edit or add). The
form asks for the name, the number, what it helps with, the languages and the hours; the entry is checked
by the same loader as ``content/helplines.yaml`` before it is saved to the local helplines file, which the
game's help cards, the debrief and ``safepath play --text`` read. A refused entry keeps what was typed and
says why in the loader's words.
"""

from __future__ import annotations

import pygame

from safepath import i18n
from safepath.i18n import _
from safepath.scenes.base import register_scene
from safepath.scenes.form_scene import FormScene
from safepath.scenes.menu_scene import MenuScene
from safepath.ui.widgets import Button, TextBlock
from safepath.ui.text_input import TextInput


@register_scene("trainer_helplines")
class TrainerHelplines(MenuScene):
    column_width = 900
    text_width = 1000
    intro_align = "left"

    def heading(self) -> str:
        return self._("Helplines: check and add local ones")

    def intro(self) -> str:
        from safepath.classroom.local_helplines import stale

        from safepath.classroom.local_helplines import local_entries

        tr = i18n.current()
        old = stale(self.app.storage.root)
        lines = []
        if not local_entries(self.app.storage.root):
            # the empty ngo-local slot is hidden from players: say so where the trainer can fill it
            lines.append(self._("Your organisation's own contact is still empty, so players' help cards show no "
                                "local number. Add it with \"Add a local contact\"."))
        if not old:
            lines.append(self._("Every number was checked less than a year ago."))
            return "\n".join(lines)
        lines.append(self._("Checked more than a year ago: please call or look these up again before a class."))
        for h in old:
            when = i18n.format_date(h.verified_on, self.app.lang, "medium") if h.verified_on else self._("never")
            lines.append(_("{number} {name}: checked {when}, source {source}", number=h.number or "",
                           name=tr.text(h.name), when=when, source=h.source or "–"))
        return "\n".join(lines)

    def buttons(self) -> list[Button]:
        from safepath.classroom.local_helplines import local_entries

        out = [Button(self._("Add a local contact"), self._edit(None), style="primary")]
        for entry in local_entries(self.app.storage.root):
            out.append(Button(_("Edit: {name}", name=str(entry.get("name", ""))), self._edit(entry),
                              detail=str(entry.get("number", ""))))
        out.append(Button(self._("Back"), self.cancel))
        return out

    def _edit(self, entry):
        def edit() -> None:
            self.app.stack.push(self.app.show("trainer_helpline_form", entry=entry))

        return edit

    def cancel(self) -> None:
        self.app.stack.pop()

    def enter(self, app) -> None:
        super().enter(app)
        self.relayout()


@register_scene("trainer_helpline_form")
class HelplineForm(FormScene):
    """Five boxes and Save; Tab or Up/Down moves between them, Enter in the last box saves."""

    column_width = 820

    def __init__(self, entry: dict | None = None) -> None:
        super().__init__()
        entry = entry or {}
        purpose, hours = str(entry.get("purpose", "")), ""
        if purpose.endswith(")") and " (" in purpose:  # what for (hours), as save_contact writes it
            purpose, hours = purpose[:-1].rsplit(" (", 1)
        self.entry_id = str(entry.get("id", ""))
        self.inputs = [TextInput(str(entry.get("name", "")), 80), TextInput(str(entry.get("number", "")), 30),
                       TextInput(purpose, 200), TextInput(", ".join(entry.get("languages", []) or []), 30),
                       TextInput(hours, 60)]
        self.part = 0  # 0-4: a box; 5: the buttons
        self.error = ""
        self._labels: list[TextBlock] = []
        self._pos: list[tuple[int, int]] = []

    def heading(self) -> str:
        return self._("A local contact")

    def buttons(self) -> list[Button]:
        return [Button(self._("Save"), self.save, style="primary", half=True), Button(self._("Back"), self.cancel, half=True)]

    def labels(self) -> list[str]:
        return [self._("Name of the organisation"), self._("Number to call"), self._("What it helps with"),
                self._("Languages (th, my, en)"), self._("Hours (optional)")]

    def cancel(self) -> None:
        self.app.stack.pop()

    def save(self) -> None:
        from safepath.classroom.local_helplines import Contact, check_contact, parse_languages, save_contact

        name, number, purpose, langs, hours = (i.text for i in self.inputs)
        contact = Contact(name, number, purpose, parse_languages(langs), hours, self.entry_id)
        problem = check_contact(contact)
        if problem:
            self.error = self._(problem)
        else:
            try:
                errors = save_contact(self.app.storage.root, contact)
            except OSError as exc:
                errors, self.error = [], _("The contact could not be saved ({reason}).", reason=exc.strerror or str(exc))
            if errors:
                self.error = _("Not saved: {problem}", problem=errors[0].message)
            elif not self.error:
                self.app.stack.pop()
                if self.app.stack.top is not None:
                    self.app.stack.top.relayout()  # the list below shows the new contact
                return
        self.relayout()

    # -- layout -------------------------------------------------------------------------------------------
    def _layout_once(self) -> None:
        theme, lang = self.app.theme, self.app.lang
        w, h = theme.screen_size
        col = theme.content_width(self.column_width)
        x = (w - col) // 2
        y = theme.margin // 2
        self._heading_pos = (x, y, col)
        y += self._heading.height(theme, col, lang) + theme.px(6)
        self._labels, self._pos = [], []
        for label, box in zip(self.labels(), self.inputs):
            block = TextBlock(label, "small", "text", bold=True)
            self._labels.append(block)
            self._pos.append((x, y))
            y += block.height(theme, col, lang) + theme.px(2)
            y += box.layout(theme, x, y, col, lang) + theme.px(6)
        self._error = TextBlock(self.error, "small", "danger") if self.error else None
        self._error_pos = (x, y)
        if self._error is not None:
            y += self._error.height(theme, col, lang) + theme.px(4)
        viewport = pygame.Rect(x, y, col, max(theme.min_touch, h - theme.margin // 2 - y))
        self.menu.layout(theme, viewport, lang)
        self.needs_redraw = True

    # -- events -------------------------------------------------------------------------------------------
    def handle_event(self, event: pygame.event.Event) -> bool:
        boxes = len(self.inputs)
        if event.type == pygame.KEYDOWN:
            if event.key == pygame.K_ESCAPE:
                self.cancel()
                return True
            back = event.key == pygame.K_UP or (event.key == pygame.K_TAB and event.mod & pygame.KMOD_SHIFT)
            if event.key == pygame.K_TAB or (event.key in (pygame.K_UP, pygame.K_DOWN) and self.part < boxes) or \
                    (event.key == pygame.K_UP and self.part == boxes and self.menu.focus == 0):
                self.part = (self.part + (-1 if back else 1)) % (boxes + 1)
                self.needs_redraw = True
                return True
            if self.part < boxes and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
                self.part += 1
                self.needs_redraw = True
                return True
        if event.type == pygame.MOUSEBUTTONDOWN:
            for i, box in enumerate(self.inputs):
                if box.rect is not None and box.rect.collidepoint(event.pos):
                    self.part = i
                    self.needs_redraw = True
                    return True
        if self.part < boxes and (event.type in (pygame.TEXTINPUT, pygame.TEXTEDITING) or event.type == pygame.KEYDOWN):
            used = self.inputs[self.part].handle_event(event)
            self.needs_redraw = self.needs_redraw or used
            return used
        if event.type in (pygame.TEXTINPUT, pygame.TEXTEDITING):
            return False
        used = super().handle_event(event)
        if used and event.type != pygame.MOUSEMOTION:
            self.part = boxes
        return used

    def draw(self, surface: pygame.Surface) -> None:
        theme, lang = self.app.theme, self.app.lang
        self.draw_heading(surface)
        col = self._heading_pos[2]
        for i, (block, pos, box) in enumerate(zip(self._labels, self._pos, self.inputs)):
            block.draw(surface, theme, pos[0], pos[1], col, lang)
            box.focused = i == self.part
            box.draw(surface, theme, lang)
        if self._error is not None:
            self._error.draw(surface, theme, self._error_pos[0], self._error_pos[1], col, lang)
        self.draw_buttons(surface, focused=self.part == len(self.inputs))


def screenshot_states(app) -> list[tuple[str, list]]:
    form = HelplineForm({"name": "Youth centre, Mae Sot", "purpose": "Talk about a job offer before you go (Mon-Fri 9-17)",
                         "languages": ["th", "my"]})
    return [("class-trainer-helplines", [TrainerHelplines()]), ("class-trainer-helplines-form", [form])]
