"""After a class's ending: the debrief on the projector, then "the road not taken".

Page 1, the debrief: the ending scene's lines and the story's debrief for this path (never the victim's
fault). Page 2, what the class noticed: the red flags it spotted and went past (the first scores the class
sees), that it is never the fault of the person tricked, and the help card. Page 3, the road not taken: the
class's path on a small story map and decision by decision, what the class chose (and
its vote) and what each other choice would have led to (the next scene and the endings still possible from
there). The trainer marks a decision (↑/↓ or a click) and presses R to replay that branch; nothing of a
replay is counted. Enter goes on: the next story, the post-check, or the end of the session.
"""

from __future__ import annotations

import pygame

from safepath import i18n
from safepath.i18n import N_, _
from safepath.play import engine, scoring
from safepath.scenes.base import register_scene
from safepath.scenes.class_parts import PALETTE, Canvas, ProjectorScene, sample_session, session_store
from safepath.scenes.class_story import ending_name, endings_text
from safepath.story import model


@register_scene("class_ending")
class ClassEnding(ProjectorScene):
    def __init__(self, session, scenario: model.Scenario, state: engine.State, replay: bool = False,
                 page: int = 0, preview: bool = False) -> None:
        super().__init__()
        self.session, self.scenario, self.state, self.replay = session, scenario, state, replay
        self.page = page
        self.marked = 0
        self.preview = preview
        self._road = None

    def tr(self, text) -> str:
        return i18n.current().text(text) if text is not None else ""

    def tr2(self, text) -> str | None:
        """The story text in the session's second language, for under :meth:`tr`'s (None: shown once)."""
        if text is None or self.second_lang is None:
            return None
        return i18n.text_pair_in(i18n.current(), self.second_lang, text)[1]

    @property
    def road(self):
        if self._road is None:
            from safepath.classroom.presenter import road_not_taken

            votes = [] if self.replay else self.session.run.votes
            self._road = road_not_taken(self.scenario, self.state.steps, votes)
        return self._road

    # -- steps -------------------------------------------------------------------------------------------
    ROAD = 2  # pages: 0 the debrief, 1 what the class noticed and where help is, 2 the road not taken

    def go_on(self) -> None:
        if self.page < self.ROAD:
            self.page += 1
            self.changed()
            return
        if self.replay:  # back to the class's own road not taken
            self.app.stack.pop()
            return
        from safepath.scenes.class_trainer import resume_session

        self.session.next_stage()
        if not self.preview:
            session_store(self.app).save(self.session)
        if self.session.stage == "done" and not self.preview:
            session_store(self.app).finish(self.session)
        resume_session(self.app, self.session)

    def replay_marked(self) -> None:
        if not self.road:
            return
        point = self.road[self.marked % len(self.road)]
        self.app.stack.push(self.app.show("class_story", session=self.session, scenario=self.scenario,
                                          replay=point.state))

    def mark(self, index: int) -> None:
        if self.road:
            self.marked = index % len(self.road)
        self.changed()

    def handle_event(self, event: pygame.event.Event) -> bool:
        if super().handle_event(event):
            return True
        if event.type != pygame.KEYDOWN:
            return False
        if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE, pygame.K_RIGHT):
            self.go_on()
            return True
        if event.key in (pygame.K_LEFT, pygame.K_BACKSPACE) and self.page > 0:
            self.page -= 1
            self.changed()
            return True
        if self.page == self.ROAD and event.key in (pygame.K_UP, pygame.K_DOWN):
            self.mark(self.marked + (1 if event.key == pygame.K_DOWN else -1))
            return True
        if self.page == self.ROAD and event.key == pygame.K_r:
            self.replay_marked()
            return True
        if event.key == pygame.K_ESCAPE:
            if self.replay:
                self.app.stack.pop()
            else:
                self.app.stack.clear_to(self.app.show("trainer"))
            return True
        return False

    # -- drawing -------------------------------------------------------------------------------------------
    def hints(self) -> str:
        if self.page == 0:
            return _("Enter: what the class noticed · P: pause · Esc: trainer's menu (saved)")
        if self.page == 1:
            return _("Enter: the road not taken · Left: the debrief · P: pause · Esc: trainer's menu (saved)")
        if self.replay:
            return _("Up/Down mark a decision · R: replay it · Enter: back to the class's road · P: pause")
        return _("Up/Down mark a decision · R: replay it · Enter: go on · Left: the debrief · P: pause")

    def shrink_steps(self) -> tuple[float, ...]:
        """A long debrief (a long story, Burmese, a larger text step) may take two smaller steps than the
        other projector screens: the whole debrief must be on the page, read aloud by the trainer."""
        from safepath.scenes.class_parts import SHRINKS

        return SHRINKS + (0.47, 0.42)

    def build(self, c: Canvas) -> None:
        if self.page == 0:
            self._build_debrief(c)
        elif self.page == 1:
            self._build_noticed(c)
        else:
            self._build_road(c)

    def _build_debrief(self, c: Canvas) -> None:
        scene = self.scenario.scenes[self.state.scene]
        result = scoring.result(self.scenario, self.state)
        head = self.tr(scene.title) if scene.title else ending_name(scene)
        if self.replay:
            c.text(_("Replay: what could have happened"), "small", PALETTE.warning, bold=True, after=c.px(4))
        c.text(head, "title", bold=True)
        for line in engine.shown_lines(self.scenario, self.state):
            c.text(self.tr(line.text), "body", second=self.tr2(line.text))
        for part in result.debrief:
            c.text(self.tr(part), "body", PALETTE.text, second=self.tr2(part))

    def _build_noticed(self, c: Canvas) -> None:
        """What the class noticed and went past, that it is never the victim's fault, and where help is."""
        from safepath.scenes.class_parts import Placed
        from safepath.scenes.ending import helplines_for

        result = scoring.result(self.scenario, self.state)
        c.text(_("What the class noticed"), "title", bold=True)
        spotted = [o.red_flag for o in result.red_flags if o.status == "spotted"]
        missed = [o.red_flag for o in result.red_flags if o.status == "missed"]
        if spotted:
            c.text(_("Warning signs the class spotted:") + " " + ", ".join(self.tr(f.title) for f in spotted),
                   "body", PALETTE.safe, bold=True)
        if missed:
            c.text(_("Warning signs the class went past:") + " " + ", ".join(self.tr(f.title) for f in missed),
                   "body", PALETTE.warning, bold=True)
        never, never_second = self._pair(N_("What happened in this story is never the fault of the person who was tricked."))
        c.text(never, "body", bold=True, second=never_second)
        tr = i18n.current()
        pad = c.px(16)
        top, placed = c.y, []
        y = top + pad
        placed.append(c.text_at(_("Help is always there"), c.x + pad, y, c.width - 2 * pad, "heading", PALETTE.accent, True))
        y = placed[-1].bottom + c.px(6)
        for line in helplines_for(self.app, self.app.lang, self.scenario):
            if line.number:
                dial = _("{number}, then press {key}", number=line.number, key=line.menu) if line.menu else line.number
            else:
                dial = tr.text(line.place) if line.place is not None else tr.text(line.name)
            placed.append(c.text_at(f"{dial}  ·  {tr.text(line.name)}", c.x + pad, y, c.width - 2 * pad, "body", bold=True))
            y = placed[-1].bottom + c.px(6)
        card = pygame.Rect(c.x, top, c.width, y - top + pad)
        for item in c.items:
            if item.rect in placed:
                item.container = card
        c.items.insert(0, Placed("panel", card, color=PALETTE.surface_alt))
        c.y = card.bottom + c.gap

    def _build_road(self, c: Canvas) -> None:
        c.text(_("The road not taken"), "title", bold=True)
        c.text(_("The class's path, decision by decision, and where the other choices would have led."), "body",
               PALETTE.text_muted)
        self._build_map(c)
        if not self.road:
            c.text(_("There was no decision on this path."), "heading")
            return
        pad = c.px(12)
        cards = [self._road_rows(point, i) for i, point in enumerate(self.road)]
        inner_w = c.width - 2 * pad
        heights = [sum(c.render(t, inner_w, role, color, bold).get_height() + c.px(4) for t, role, color, bold in rows)
                   + 2 * pad + c.px(10) for rows in cards]
        marked = self.marked % len(self.road)
        room = max(1, c.bottom - c.y - c.px(40))
        first = 0
        while first < marked and sum(heights[first:marked + 1]) > room:
            first += 1
        if first:
            c.text(_("{n} earlier decisions above", n=i18n.format_number(first, self.app.lang)), "small",
                   PALETTE.text_muted, after=c.px(4))
        from safepath.scenes.class_parts import Placed

        shown = first
        for i in range(first, len(cards)):
            if i > marked and c.y + heights[i] > c.bottom - c.px(40):
                break
            top, x, y, placed = c.y, c.x + pad, c.y + pad, []
            for text, role, color, bold in cards[i]:
                placed.append(c.text_at(text, x, y, inner_w, role, color, bold))
                y = placed[-1].bottom + c.px(4)
            card = pygame.Rect(c.x, top, c.width, y - top + pad)
            for item in c.items:
                if item.rect in placed:
                    item.container = card
            c.items.insert(0, Placed("panel", card, color=PALETTE.surface_alt if i == marked else PALETTE.surface))
            if i == marked:
                c.panel(card, PALETTE.focus, width=c.px(4))
            c.hit(card, lambda i=i: self.mark(i))
            c.y = card.bottom + c.px(10)
            shown = i + 1
        if shown < len(cards):
            c.text(_("{n} later decisions below", n=i18n.format_number(len(cards) - shown, self.app.lang)), "small",
                   PALETTE.text_muted, after=c.px(4))

    def _build_map(self, c: Canvas) -> None:
        """The story map: every scene a dot, the class's path bright, the marked decision ringed."""
        from safepath.classroom.presenter import story_map
        from safepath.scenes.class_parts import Placed

        smap = story_map(self.scenario)
        height = min(c.px(150), max(c.px(60), (c.bottom - c.y) // 4))
        box = pygame.Rect(c.x, c.y, c.width, height)
        r = max(3, min(c.px(7), height // (2 * smap.rows + 1), c.width // (3 * smap.columns + 1)))
        step_x = (box.width - 2 * r) / max(1, smap.columns - 1)

        def centre(sid):
            col, row = smap.places[sid]
            rows = sum(1 for place in smap.places.values() if place[0] == col)
            return (round(box.x + r + col * step_x), round(box.y + (row + 1) * box.height / (rows + 1)))

        path = [s for s in self.state.visited] if self.replay else list(self.session.run.path) or list(self.state.visited)
        walked = set(zip(path, path[1:]))
        for a, b in smap.edges:
            (x1, y1), (x2, y2) = centre(a), centre(b)
            on = (a, b) in walked
            c.items.append(Placed("line", pygame.Rect(x1, y1, x2 - x1, y2 - y1),
                                  color=PALETTE.accent if on else PALETTE.button_hover, width=c.px(4) if on else 1))
        marked = self.road[self.marked % len(self.road)].scene.id if self.road else None
        kinds = {"safe": PALETTE.safe, "recovered": PALETTE.warning, "trapped-with-help": PALETTE.danger}
        for sid, scene in self.scenario.scenes.items():
            x, y = centre(sid)
            color = kinds.get(scene.ending.value, PALETTE.text) if scene.is_ending and scene.ending else (
                PALETTE.accent if sid in path else PALETTE.text_muted)
            size = r * 2 if (sid in path or scene.is_ending) else r
            c.items.append(Placed("dot", pygame.Rect(x - size // 2, y - size // 2, size, size), color=color))
            if sid == marked:
                ring = size + c.px(8)
                c.items.append(Placed("dot", pygame.Rect(x - ring // 2, y - ring // 2, ring, ring), color=PALETTE.focus,
                                      width=max(2, c.px(3))))
        c.y = box.bottom + c.gap

    def _road_rows(self, point, i: int) -> list[tuple]:
        title = self.tr(point.scene.title) if point.scene.title else point.scene.id
        chosen = self.tr(point.chosen.text) if point.chosen else "?"
        vote = point.vote
        said = ""
        if vote is not None and sum(vote["counts"].values()):
            said = " " + _("({hands} of {total} hands)",
                           hands=i18n.format_number(vote["counts"].get(vote["chosen"], 0), self.app.lang),
                           total=i18n.format_number(sum(vote["counts"].values()), self.app.lang))
        if vote is not None and vote.get("tie"):
            said += " " + _("a tie: the trainer decided")
        rows = [(f"{i + 1}. {title}", "small", PALETTE.text_muted, False),
                (_("The class chose:") + " " + chosen + said, "body", PALETTE.text, True)]
        for other in point.others:
            where = self.tr(other.goto.title) if other.goto.title else other.goto.id
            endings = endings_text(other.endings, self.tr)
            rows.append(("· " + self.tr(other.text) + ": " + _("leads to {place}; possible endings: {endings}",
                                                               place=where, endings=endings or "–"),
                         "small", PALETTE.text, False))
        return rows


def screenshot_states(app) -> list[tuple[str, list]]:
    scenario = app.scenarios.get("dream-job") or next(iter(app.scenarios.values()), None)
    if scenario is None:
        return []
    from safepath.classroom.presenter import an_ending

    ending = an_ending(scenario)
    if ending is None:
        return []
    session = sample_session(app, "stories")
    return [("class-ending", [ClassEnding(session, scenario, ending, preview=True)]),
            ("class-ending-noticed", [ClassEnding(session, scenario, ending, page=1, preview=True)]),
            ("class-road-not-taken", [ClassEnding(session, scenario, ending, page=2, preview=True)])]
