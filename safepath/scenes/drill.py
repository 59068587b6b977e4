"""The drill screen: rehearse a real protective action — call 1506, check the register, agree a code word,
make a travel plan.

The story screen opens it (``app.show("drill", scenario=..., state=..., on_done=...)``) when the player is in a
drill scene and presses its button. Everything the drill decides lives in :mod:`safepath.play.drills` (pure,
no pygame); this screen only lays it out, turns keys, clicks and taps into calls on the drill, and, once the
drill has an outcome, closes and hands the outcome back (``on_done(outcome)``): the story screen takes that
outcome's choice, so feedback, saving and the next scene work as for any choice.

Layout: a heading across the top; on the left the controls (the keypad, the search box and the names to
look up, the words, the answers), on the right what the player reads (what to do, the kind correction or
the good news, the answer on the line, the plan so far). Every control is a :class:`Button`, so the
keyboard reaches all of them: arrows move between them (up and down by rows, left and right within a row),
Tab walks them in order, Enter or Space presses the focused one; on the keypad digits, * and # press their
keys, Backspace deletes and Enter calls; in the register typing goes into the search box and Enter looks
the name up; number keys pick a listed word or answer. Mouse and touch press buttons (a touch is a click,
through :class:`Pointer`). Esc opens the pause menu, as in the story. When text does not fit, the layout is
tried again with compact buttons and the smaller text role, like the story screen does.
"""

from __future__ import annotations

from typing import Any, Callable

import pygame

from safepath.i18n import _, get_translator
from safepath.play import drills, engine, walk
from safepath.story import model, register as reg
from safepath.scenes.base import Scene, register_scene
from safepath.scenes.story_parts import Pointer
from safepath.ui.widgets import NUMBER_KEYS, Button, draw_panel, text_surface
from safepath.ui.text_input import TextInput

#: tries in order until everything fits: (button role, compact buttons, text role of the info column, share of the
#: width the controls take)
FITS = (("button", False, "body", 0.46), ("button", True, "body", 0.46), ("body", True, "body", 0.46),
        ("body", True, "body", 0.4), ("body", True, "small", 0.4), ("small", True, "small", 0.36),
        ("small", True, "small", 0.3))
_DIGIT_KEYS = {getattr(pygame, f"K_{d}"): d for d in "0123456789"}
_DIGIT_KEYS.update({getattr(pygame, f"K_KP{d}"): d for d in "0123456789"})
_DIGIT_KEYS.update({pygame.K_ASTERISK: "*", pygame.K_KP_MULTIPLY: "*", pygame.K_HASH: "#"})
_ENTER = (pygame.K_RETURN, pygame.K_KP_ENTER)


@register_scene("drill")
class DrillScene(Scene):
    """One drill of one story scene; closes itself with the outcome."""

    pausable = True

    def __init__(self, scenario: model.Scenario, state: engine.State,
                 on_done: Callable[[str], Any] | None = None, drill: drills.Drill | None = None) -> None:
        super().__init__()
        self.scenario = scenario
        self.state = state
        self.on_done = on_done
        self.drill = drill or drills.start(scenario, state)
        self.pointer = Pointer()
        self.rows: list[list[Button]] = []
        self.buttons: list[Button] = []
        self.focus = 0
        self._pressed: int | None = None
        self.blocks: list[tuple[str, pygame.Surface, tuple[int, int]]] = []
        self.input: TextInput | None = None
        if isinstance(self.drill, drills.RegisterDrill):
            self.input = TextInput(self.drill.query, max_chars=80, on_submit=lambda _text: self._act(self.drill.look_up))
        self._size: tuple[int, int] | None = None
        self._key: tuple | None = None
        self._stage = getattr(self.drill, "stage", "")
        self.fit = FITS[0]
        self.closed = False
        #: register: the last key typed text (Enter looks it up) rather than moving the focus (Enter presses it)
        self.typed_last = True

    # -- words ---------------------------------------------------------------------------------------------------
    @property
    def lang(self) -> str:
        return getattr(self.app, "lang", "en")

    def tr(self, text: model.Text | None) -> str:
        return get_translator(self.lang).text(text) if text is not None else ""

    def note_text(self) -> tuple[str, str] | None:
        n = self.drill.note
        return (n.tone, n.text(get_translator(self.lang))) if n is not None else None

    def partner_name(self) -> str:
        partner = getattr(self.drill.drill, "partner", None)
        ch = self.scenario.characters.get(partner or "")
        return self.tr(ch.name) if ch is not None else ""

    def heading(self) -> str:
        if self.drill.scene.title is not None:
            return self.tr(self.drill.scene.title)
        return {model.SceneKind.PHONE: self._("Phone check"), model.SceneKind.REGISTER: self._("Licence register"),
                model.SceneKind.CODEWORD: self._("Family code word"),
                model.SceneKind.TRAVELPLAN: self._("Travel plan")}[self.drill.kind]

    def outcome_label(self, outcome: str, fallback: str) -> str:
        choice = engine.outcome_choice(self.scenario, self.state, outcome)
        return self.tr(choice.text) if choice is not None else fallback

    # -- what each stage shows --------------------------------------------------------------------------------
    def info(self) -> list[tuple[str, str]]:
        """(style, text) paragraphs of the right column: heading, text, muted, good, correction, line, label."""
        d = self.drill
        out: list[tuple[str, str]] = []
        if isinstance(d, drills.PhoneDrill) and d.stage == "answer":  # what to do is done: room for the answer
            if self.drill.scene.title is None:  # else the screen's heading names the line already
                out.append(("heading", self.tr(d.drill.name)))
            out.append(("muted", self._("On the line:")))
            out.extend(("line", self.tr(line)) for line in d.drill.answer)
            return out
        if isinstance(d, drills.PhoneDrill):
            out.append(("heading", self.tr(d.drill.name)))
            out.append(("text", self.tr(d.drill.purpose)))
            out.append(("muted", _("Dial {number}, then press {menu}.", number=d.number, menu=d.menu) if d.menu else
                        _("Dial {number} and press Call.", number=d.number)))
        elif isinstance(d, drills.RegisterDrill):
            out.append(("text", _("Look up the exact name the chat gave. Names in the chat: {names}", names=", ".join(d.names))))
            if d.stage == "result":
                status = {reg.LICENSED: self._("Licensed"), reg.EXPIRED: self._("Licence expired"),
                          reg.NOT_FOUND: self._("Not found in the register")}[d.result]
                out.append(("heading", d.checked))
                out.append(("good" if d.result == reg.LICENSED else "correction", status))
        elif isinstance(d, drills.CodewordDrill):
            out.append(("text", _("Choose a code word with {name}. If you are ever in danger, send this word: "
                                       "your family will know that you need help.", name=self.partner_name())))
            if d.stage == "repeat":
                out.append(("heading", self._("Which word did you choose? Say it back.")))
            elif d.stage == "agreed" and d.chosen is not None:
                out.append(("heading", _("Your code word: {word}", word=self.tr(d.words[d.chosen]))))
        elif isinstance(d, drills.TravelPlanDrill):
            if d.stage == "review":
                out.append(("heading", self._("Your travel plan:")))
            else:
                out.append(("text", _("Make the plan with {name}. If something goes wrong, your family knows where "
                                       "to look and who to ask.", name=self.partner_name())))
            if d.stage == "ask":
                out.append(("muted", _("Question {n} of {total}", n=d.position + 1, total=len(model.PLAN_FIELDS))))
                out.append(("heading", self._(drills.QUESTIONS[d.field])))
            for key in model.PLAN_FIELDS:
                if key in d.answers and (d.stage == "review" or key != d.field):
                    index = d.answers[key]
                    answer = self._("I don't know yet") if index == drills.DONT_KNOW else self.tr(d.options(key)[index])
                    out.append(("label", _("{label}: {answer}", label=self._(drills.LABELS[key]), answer=answer)))
        shown = self.note_text()
        if shown is not None:
            out.append(("good" if shown[0] == "good" else "correction" if shown[0] == "correction" else "text", shown[1]))
        return out

    def control_rows(self) -> list[list[Button]]:
        d = self.drill
        act = self._act
        rows: list[list[Button]] = []
        if isinstance(d, drills.PhoneDrill):
            if d.stage != "answer":
                for r in range(4):
                    rows.append([Button(k, (lambda k=k: act(d.press, k)), group="key")
                                 for k in drills.KEYPAD[r * 3:r * 3 + 3]])
            if d.stage == "dial":
                rows.append([Button(self._("Delete"), lambda: act(d.delete)),
                             Button(self._("Call"), lambda: act(d.call), style="primary", group="call")])
                rows.append([Button(self._("Hang up"), lambda: act(d.hang_up), style="danger")])
            elif d.stage == "menu":
                rows.append([Button(self._("Hang up"), lambda: act(d.hang_up), style="danger")])
            else:
                rows.append([Button(self.outcome_label("called", self._("End the call")), lambda: act(d.finish),
                                    style="primary", align="left")])
        elif isinstance(d, drills.RegisterDrill):
            if d.stage == "search":
                for name in d.names:
                    rows.append([Button(_("Look up: {name}", name=name),
                                        (lambda n=name: act(d.look_up, n)), align="left")])
                for agency in d.matches()[:3]:
                    rows.append([Button(agency.name, (lambda n=agency.name: act(d.look_up, n)), align="left",
                                        detail=self._("In the register"), group="match")])
                rows.append([Button(self._("Look up the name typed above"), lambda: act(d.look_up), style="primary")])
            else:
                rows.append([Button(self.outcome_label(d.result, self._("Continue")), lambda: act(d.finish),
                                    style="primary", align="left")])
                if len(d.names) > 1:
                    rows.append([Button(self._("Check another name"), lambda: act(d.back))])
        elif isinstance(d, drills.CodewordDrill):
            if d.stage == "pick":
                rows += [[Button(self.tr(w), (lambda i=i: act(d.pick, i)), align="left", number=i + 1)]
                         for i, w in enumerate(d.words[:9])]
            elif d.stage == "repeat":
                rows += [[Button(self.tr(d.words[w]), (lambda p=p: act(d.repeat, p)), align="left", number=p + 1)]
                         for p, w in enumerate(d.order[:9])]
                rows.append([Button(self._("Choose another word"), lambda: act(d.change))])
            else:
                rows.append([Button(self.outcome_label("agreed", self._("Continue")), lambda: act(d.finish),
                                    style="primary", align="left")])
        elif isinstance(d, drills.TravelPlanDrill):
            if d.stage == "ask":
                options = d.options()
                rows += [[Button(self.tr(o), (lambda i=i: act(d.answer, i)), align="left", number=i + 1)]
                         for i, o in enumerate(options[:8])]
                rows.append([Button(self._("I don't know yet"), lambda: act(d.answer, drills.DONT_KNOW), align="left",
                                    number=min(len(options), 8) + 1)])
                if d.position > 0:
                    rows.append([Button(self._("Back"), lambda: act(d.back))])
            else:
                final = "complete" if d.complete else "incomplete"
                rows.append([Button(self.outcome_label(final, self._("Give the plan")), lambda: act(d.finish),
                                    style="primary", align="left")])
                rows.append([Button(self._("Back"), lambda: act(d.back))])
        if d.leave_outcome is not None and not isinstance(d, drills.PhoneDrill):  # the phone leaves by hanging up
            rows.append([Button(self.outcome_label(d.leave_outcome, self._("Not now")), lambda: act(d.leave),
                                align="left")])
        return rows

    # -- acting --------------------------------------------------------------------------------------------------
    def _act(self, method, *args) -> None:
        method(*args)
        if self.input is not None and isinstance(self.drill, drills.RegisterDrill):
            self.input.text = self.drill.query
        if self.app is not None:
            self.app.play_sound("tap")
        self._key = None  # lay out again: the stage or the note changed
        self.needs_redraw = True
        if self.drill.done:
            self.close()

    def close(self) -> None:
        if self.closed:
            return
        self.closed = True
        if self.app is not None and self.app.stack.top is self:
            self.app.stack.pop()
        if self.on_done is not None and self.drill.outcome is not None:
            self.on_done(self.drill.outcome)

    # -- layout ---------------------------------------------------------------------------------------------------
    def relayout(self) -> None:
        super().relayout()
        self._key = None

    def _layout(self, size: tuple[int, int]) -> None:
        d = self.drill
        key = (size, self.lang, getattr(d, "stage", ""), d.note, getattr(d, "query", ""), getattr(d, "dialled", ""))
        if key == self._key:
            return
        self._key = key
        stage = getattr(d, "stage", "")
        old_focus = self.focus if stage == self._stage else 0  # a new stage starts at its first control
        self._stage = stage
        for fit in FITS:
            self.fit = fit
            if self._layout_with(size, fit):
                break
        self.focus = min(old_focus, max(0, len(self.buttons) - 1))
        if self.focus < len(self.buttons) and not self.buttons[self.focus].enabled:
            self.focus = 0

    def _frame(self, size: tuple[int, int], share: float = 0.46):
        theme = self.app.theme
        w, h = size
        margin = theme.margin
        head = text_surface(self.heading(), w - 2 * margin, theme.text_px("heading"), theme.palette.text, True, self.lang)
        top = margin + head.get_height() + theme.gap
        gap = theme.gap * 2
        left_w = int((w - 2 * margin - gap) * share)
        left = pygame.Rect(margin, top, left_w, h - top - margin)
        right = pygame.Rect(left.right + gap, top, w - 2 * margin - gap - left_w, h - top - margin)
        return head, left, right

    def _layout_with(self, size, fit) -> bool:
        theme, lang = self.app.theme, self.lang
        p = theme.palette
        role, compact, info_role, share = fit
        self.head, self.left, self.right = self._frame(size, share)
        pad = theme.pad
        # the right column: what the player reads
        inner = self.right.width - 2 * pad
        self.blocks = []
        y = 0
        colors = {"heading": p.text, "text": p.text, "muted": p.text_muted, "good": p.safe, "correction": p.warning,
                  "line": p.text, "label": p.text}
        for style, text in self.info():
            bold = style in ("heading", "good", "correction", "label")
            text_role = "heading" if style == "heading" and info_role == "body" else info_role
            indent = theme.px(16) if style == "line" else 0
            surf = text_surface(text, inner - indent, theme.text_px(text_role), colors[style], bold, lang)
            self.blocks.append((style, surf, (indent, y)))
            y += surf.get_height() + (theme.gap // 2 if style == "line" else theme.gap)
        info_fits = y + 2 * pad <= self.right.height
        # the left column: the display or search box, then the rows of buttons
        x0, width = self.left.x + pad, self.left.width - 2 * pad
        top = self.left.y + pad
        self.display: pygame.Rect | None = None
        self.display_surf: pygame.Surface | None = None
        if isinstance(self.drill, drills.PhoneDrill):
            shown = self.drill.dialled if self.drill.stage == "dial" else self.drill.number
            label = shown or " "
            self.display_surf = text_surface(label, width - 2 * pad, theme.text_px("heading"), p.text, True, lang)
            dh = max(theme.min_touch, self.display_surf.get_height() + theme.px(16))
            self.display = pygame.Rect(x0, top, width, dh)
            top += dh + theme.gap
        elif self.input is not None and self.drill.stage == "search":
            top += self.input.layout(theme, x0, top, width, lang) + theme.gap
        rows = self.control_rows()
        gap = theme.px(8) if compact else theme.gap
        while True:
            bottom = self._place(rows, x0, top, width, gap, role, compact)
            controls_fit = bottom - gap + pad <= self.left.bottom
            # the register's look-alike suggestions are a help, not a need: fewer of them before smaller text
            optional = [i for i, row in enumerate(rows) if row[0].group == "match"]
            if controls_fit or not optional:
                break
            del rows[optional[-1]]
        self.rows = rows
        self.buttons = [b for row in rows for b in row]
        return info_fits and controls_fit

    def _place(self, rows, x0: int, top: int, width: int, gap: int, role: str, compact: bool) -> int:
        """Lay the rows of buttons out from ``top``; returns the y below the last row (and its gap)."""
        theme, lang = self.app.theme, self.lang
        for row in rows:
            n = len(row)
            bw = (width - gap * (n - 1)) // n
            for b in row:
                b.role, b.compact = role, compact
            hgt = max(b.measure(theme, bw, lang) for b in row)
            for i, b in enumerate(row):
                b.rect = pygame.Rect(x0 + i * (bw + gap), top, bw, hgt)
            top += hgt + gap
        return top

    # -- events ----------------------------------------------------------------------------------------------------
    def _move(self, drow: int, dcol: int) -> None:
        if not self.buttons:
            return
        where = [(r, c) for r, row in enumerate(self.rows) for c in range(len(row))]
        r, c = where[self.focus]
        if dcol:
            c = max(0, min(len(self.rows[r]) - 1, c + dcol))
        if drow:
            r = (r + drow) % len(self.rows)
            current = self.buttons[self.focus].rect.centerx
            row = self.rows[r]
            c = min(range(len(row)), key=lambda i: abs(row[i].rect.centerx - current))
        self.focus = where.index((r, c))
        self.typed_last = False
        self.needs_redraw = True

    def _press(self, index: int) -> bool:
        if 0 <= index < len(self.buttons) and self.buttons[index].enabled and self.buttons[index].action:
            self.focus = index
            self.buttons[index].action()
            return True
        return False

    def button_at(self, pos) -> int | None:
        for i, b in enumerate(self.buttons):
            if b.rect is not None and b.rect.collidepoint(pos):
                return i
        return None

    def handle_event(self, event: pygame.event.Event) -> bool:
        if self.app is None or self.closed:
            return False
        event = self.pointer.translate(event, self.app)
        if event is None:
            return True
        size = pygame.display.get_surface().get_size() if pygame.display.get_surface() else self.app.theme.screen_size
        self._layout(size)
        d = self.drill
        etype = event.type
        if etype == pygame.KEYDOWN:
            key = event.key
            if key in (pygame.K_ESCAPE, pygame.K_F1):
                return False  # the app opens the pause menu
            if self.input is not None and d.stage == "search":
                if key in _ENTER and self.typed_last:
                    self._act(d.look_up)  # Enter after typing looks the typed name up
                    return True
                if key == pygame.K_BACKSPACE:
                    self.typed_last = True
                    self._act(d.delete)
                    return True
            if isinstance(d, drills.PhoneDrill):
                if event.unicode in ("*", "#") or key in _DIGIT_KEYS:
                    self._act(d.press, event.unicode if event.unicode in ("*", "#") else _DIGIT_KEYS[key])
                    # typed digits move the focus to Call, so Enter then calls
                    self.focus = next((i for i, b in enumerate(self.buttons) if b.group == "call"), self.focus)
                    return True
                if key in (pygame.K_BACKSPACE, pygame.K_DELETE):
                    self._act(d.delete)
                    return True
            elif key in NUMBER_KEYS and isinstance(d, (drills.CodewordDrill, drills.TravelPlanDrill)):
                number = NUMBER_KEYS[key]
                index = next((i for i, b in enumerate(self.buttons) if b.number == number), None)
                return index is not None and self._press(index)
            if key in (pygame.K_UP, pygame.K_DOWN):
                self._move(-1 if key == pygame.K_UP else 1, 0)
                return True
            if key in (pygame.K_LEFT, pygame.K_RIGHT) and not (self.input is not None and d.stage == "search"):
                self._move(0, -1 if key == pygame.K_LEFT else 1)
                return True
            if key == pygame.K_TAB and self.buttons:
                step = -1 if event.mod & pygame.KMOD_SHIFT else 1
                self.focus = (self.focus + step) % len(self.buttons)
                self.typed_last = False
                self.needs_redraw = True
                return True
            if key in (*_ENTER, pygame.K_SPACE):
                if key == pygame.K_SPACE and self.input is not None and d.stage == "search":
                    return False  # a space is part of the name: it arrives as TEXTINPUT
                return self._press(self.focus)
            return self.input is not None and d.stage == "search" and bool(event.unicode)
        if etype == pygame.TEXTEDITING and self.input is not None and d.stage == "search":
            self.input.composing = event.text  # a Thai or Burmese input method still building a syllable
            self.needs_redraw = True
            return True
        if etype == pygame.TEXTINPUT:
            if self.input is not None and d.stage == "search":
                self.input.composing = ""
                self.typed_last = True
                self._act(d.type, event.text)
                return True
            return False
        if etype == pygame.MOUSEMOTION:
            i = self.button_at(event.pos)
            if i is not None and i != self.focus:
                self.focus = i
                self.typed_last = False
                self.needs_redraw = True
            return i is not None
        if etype == pygame.MOUSEBUTTONDOWN and event.button == 1:
            self._pressed = self.button_at(event.pos)
            return self._pressed is not None
        if etype == pygame.MOUSEBUTTONUP and event.button == 1:
            i = self.button_at(event.pos)
            pressed, self._pressed = self._pressed, None
            if i is not None and i == pressed:
                return self._press(i)
            return i is not None
        return False

    # -- drawing -------------------------------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        if self.app is None:
            return
        self._layout(surface.get_size())
        theme, lang = self.app.theme, self.lang
        p = theme.palette
        surface.fill(p.background)
        surface.blit(self.head, (theme.margin, theme.margin))
        draw_panel(surface, theme, self.left, "surface_alt")
        draw_panel(surface, theme, self.right)
        ox, oy = self.right.x + theme.pad, self.right.y + theme.pad
        clip = surface.get_clip()
        surface.set_clip(self.right)
        for style, surf, (dx, dy) in self.blocks:
            if style == "line":
                pygame.draw.rect(surface, p.accent, (ox, oy + dy, theme.px(5), surf.get_height()))
            surface.blit(surf, (ox + dx, oy + dy))
        surface.set_clip(clip)
        if self.display is not None:
            pygame.draw.rect(surface, p.surface, self.display, border_radius=theme.radius)
            pygame.draw.rect(surface, p.border, self.display, width=theme.border_width, border_radius=theme.radius)
            surf = self.display_surf
            surface.blit(surf, (self.display.centerx - surf.get_width() // 2, self.display.centery - surf.get_height() // 2))
        if self.input is not None and self.drill.stage == "search":
            self.input.focused = True
            self.input.draw(surface, theme, lang)
        for i, b in enumerate(self.buttons):
            b.draw(surface, theme, focused=(i == self.focus), lang=lang)

    def fit_problems(self, size: tuple[int, int]) -> list[str]:
        """Text boxes that do not hold their text, and boxes outside their panel (the screenshot checks)."""
        self._layout(size)
        theme, lang = self.app.theme, self.lang
        problems = []
        inner_bottom = self.right.bottom - theme.pad
        for style, surf, (dx, dy) in self.blocks:
            box = pygame.Rect(self.right.x + theme.pad + dx, self.right.y + theme.pad + dy, surf.get_width(), surf.get_height())
            if not self.right.contains(box) or box.bottom > inner_bottom:
                problems.append(f"drill {style} text does not fit in its panel")
        for b in self.buttons:
            if not b.content_fits(theme, lang):
                problems.append(f"drill button {b.label[:30]!r} is too small for its text")
            if b.rect is None or not self.left.contains(b.rect):
                problems.append(f"drill button {b.label[:30]!r} sticks out of its panel")
        if self.head.get_width() > size[0] - 2 * theme.margin:
            problems.append("drill heading is wider than the window")
        return problems


def drill_stages(scenario: model.Scenario, state: engine.State) -> list[tuple[str, drills.Drill]]:
    """The drill of ``state``'s scene at each of its stages, played there by the drill's own rules (screenshots)."""
    def fresh():
        return drills.start(scenario, state)

    out = [("start", fresh())]
    d = fresh()
    if isinstance(d, drills.PhoneDrill):
        for k in "1560":
            d.press(k)
        d.call()
        out.append(("wrong-number", d))
        d = fresh()
        for k in d.number:
            d.press(k)
        d.call()
        out.append(("menu", d))
        d2 = fresh()
        for k in d2.number:
            d2.press(k)
        d2.call()
        d2.press(d2.menu or "1")
        out.append(("answer", d2))
    elif isinstance(d, drills.RegisterDrill):
        first = d.names[0]
        d.type(first[: max(3, len(first) // 2)])
        out.append(("typing", d))
        other = next((a.name for n in d.names for a in reg.search(d.agencies, n) if a.name not in d.names), None)
        if other:
            o = fresh()
            o.type(other)
            o.look_up()
            out.append(("other-name", o))
        for name in d.names:
            r = fresh()
            r.type(name)
            r.look_up()
            out.append((f"result-{r.result}", r))
    elif isinstance(d, drills.CodewordDrill):
        d.pick(0)
        out.append(("repeat", d))
        w = fresh()
        w.pick(0)
        w.repeat(0)
        out.append(("wrong-word", w))
        a = fresh()
        a.pick(0)
        a.repeat(a.order.index(0))
        out.append(("agreed", a))
    elif isinstance(d, drills.TravelPlanDrill):
        d.answer(0)
        d.answer(0)
        out.append(("question-3", d))
        g = fresh()
        for _ in model.PLAN_FIELDS[:-1]:
            g.answer(0)
        g.answer(drills.DONT_KNOW)
        out.append(("review-gaps", g))
        full = fresh()
        for _ in model.PLAN_FIELDS:
            full.answer(0)
        out.append(("review", full))
    return out


def drill_states(scenario: model.Scenario) -> list[tuple[str, engine.State]]:
    """(scene id, a state in it) for every drill scene a player can reach, in file order."""
    found = walk.state_per_scene(scenario)
    return [(sid, found[sid]) for sid, scene in scenario.scenes.items() if scene.is_drill and sid in found]


def screenshot_states(app) -> list[tuple[str, list[Scene]]]:
    """Each drill of the loaded stories at each of its stages: ``drill-<story>-<scene>-<stage>``."""
    shots = []
    for scenario in (getattr(app, "scenarios", {}) or {}).values():
        for sid, state in drill_states(scenario):
            for stage, d in drill_stages(scenario, state):
                shots.append((f"drill-{scenario.id}-{sid}-{stage}", [DrillScene(scenario, state, drill=d)]))
    return shots
