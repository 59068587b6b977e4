"""The debrief after an ending: what happened, the red flags, the player's discernment, help.

Design guidance (``docs/research.md``, section 9): every ending leads to
a debrief; name each tactic the player met; report hits and false alarms apart
(discernment, not suspicion); point to help; never blame. So this screen shows,
top to bottom: the ending's heading and stars, the scenario's own debrief text
(which for bad endings says that it is never the victim's fault), each red
flag met with whether it was spotted and what to do about it in real life, the
hits and false alarms in plain words, the badges, and a helpline card from
``content/helplines.yaml`` (always shown; for a non-safe ending it also says
plainly that what happened is not the player's fault).

The screen computes nothing itself: :func:`safepath.play.scoring.result` does.
"""

from __future__ import annotations

import pygame

from safepath.play import engine, scoring
from safepath.story import model
from safepath.i18n import N_, _, get_translator, ngettext
from safepath.scenes.base import Scene, register_scene
from safepath.scenes.feedback import draw_icon, first_line_height, icon_size
from safepath.scenes.story_parts import Pointer
from safepath.ui import bilingual, boxes
from safepath.ui.widgets import draw_panel, fade_edge
from safepath.ui.menu import Menu

#: marked with N_ so extraction finds them; translated with _() when shown
HEADINGS = {
    model.EndingKind.SAFE: N_("You stayed safe"),
    model.EndingKind.RECOVERED: N_("You got out"),
    model.EndingKind.TRAPPED_WITH_HELP: N_("Help came"),
}
NO_ENDING = N_("The story ends here")


def helplines_for(app, lang: str, scenario: model.Scenario | None = None) -> list:
    """The helplines to show, best first (the NGO's own numbers, those the story names, the player's language)."""
    from safepath.story import helplines as hl

    root = getattr(getattr(app, "storage", None), "root", None)
    entries, _diags = hl.load_helplines(paths=hl.default_paths(root))
    named = hl.mentioned_in(entries, scenario.texts()) if scenario is not None else ()
    goes_to = hl.countries_in(scenario.texts()) if scenario is not None else None
    ranked = hl.for_language(entries, lang, mentioned=named, goes_to=goes_to)
    shown = ranked[:3]
    if not any(h.number for h in shown):  # centres are listed first for Burmese; a number to call must be there too
        shown += [h for h in ranked if h.number][:1]
    return shown


@register_scene("debrief")
class DebriefScene(Scene):
    """A scrolling page with two buttons fixed at the bottom: play again, back to the stories."""

    pausable = True

    def __init__(self, scenario: model.Scenario, state: engine.State, scrolled_to_end: bool = False) -> None:
        super().__init__()
        self._to_end = scrolled_to_end  # screenshots: show the helpline card at the bottom
        self.scenario = scenario
        self.state = state
        self.result = scoring.result(scenario, state)
        self.scroll = 0
        self.items: list[tuple] = []  # ("text", surface, x, y) / ("panel", rect, color) / ("icon", kind, (x, y), r) / ("stars", n, x, y, size)
        self.content_height = 0
        self.viewport = pygame.Rect(0, 0, 0, 0)
        self.menu: Menu | None = None
        self.pointer = Pointer()
        self._size: tuple[int, int] | None = None
        self.text_boxes: list[tuple[str, pygame.Rect, pygame.Rect]] = []  # (what, box, container)

    # -- actions ---------------------------------------------------------------------------------------------
    def play_again(self) -> None:
        self.app.stack.replace(self.app.show("story", scenario=self.scenario, state=None))

    def back(self) -> None:
        self.app.back_to_scenarios()

    # -- layout ----------------------------------------------------------------------------------------------
    def enter(self, app) -> None:
        super().enter(app)
        self._size = None

    def relayout(self) -> None:
        super().relayout()
        self._size = None

    def _text(self, text: str, width: int, role: str, color, bold: bool = False, second: str | None = None) -> pygame.Surface:
        """``text`` (and under it ``second``, the same in the second language, smaller and muted)."""
        theme = self.app.theme
        return bilingual.render_pair(text, second, width, theme.text_px(role), color, theme.palette.text_muted, bold,
                                     self.app.lang, self.second_lang)

    def _layout(self, size: tuple[int, int]) -> None:
        if self._size == size and self.menu is not None:
            return
        self._size = size
        theme, lang = self.app.theme, self.app.lang
        tr = get_translator(lang)
        p = theme.palette
        w, h = size
        col = boxes.debrief_column(theme)
        x0 = (w - col) // 2
        self.items, self.text_boxes = [], []
        y = 0
        page = pygame.Rect(0, 0, col, 10**6)

        def add_text(text: str, x: int, width: int, role: str, color, bold=False, container=None, what="text",
                     second: str | None = None) -> int:
            surf = self._text(text, width, role, color, bold, second)
            self.items.append(("text", surf, x, y_ref[0]))
            self.text_boxes.append((what, pygame.Rect(x, y_ref[0], surf.get_width(), surf.get_height()), container or page))
            return surf.get_height()

        y_ref = [0]
        ending = self.result.ending
        heading, heading_under = self._pair(HEADINGS.get(ending, NO_ENDING))
        y_ref[0] += add_text(heading, 0, col, "title", p.accent if not theme.high_contrast else p.text, True, what="heading",
                             second=heading_under)
        y_ref[0] += theme.gap
        star = max(theme.px(34), theme.text_px("heading"))  # grows with the text beside it
        self.items.append(("stars", self.result.stars, 0, y_ref[0], star))
        label = ngettext("{count} of 3 stars", "{count} of 3 stars", self.result.stars, count=self.result.stars)
        sy = y_ref[0]
        y_ref[0] += (star - theme.text_px("body")) // 2
        saved_y = y_ref[0]
        add_text(label, 3 * (star + theme.px(6)) + theme.px(10), col - 3 * (star + theme.px(6)) - theme.px(10), "body", p.text_muted)
        y_ref[0] = max(saved_y + self.items[-1][1].get_height(), sy + star) + 2 * theme.gap

        # what happened (the scenario's own debrief, written with care for bad endings)
        scene = self.scenario.scenes.get(self.state.scene)
        pad = theme.pad + theme.px(6)
        card_top = y_ref[0]
        y_ref[0] += pad
        inner = col - 2 * pad
        card = pygame.Rect(0, card_top, col, 0)
        self.items.append(("panel", card, "surface"))  # drawn under its text; height set below
        said, under = self._pair(N_("What happened"))
        y_ref[0] += add_text(said, pad, inner, "heading", p.text, True, card, second=under) + theme.px(8)
        for number, part in enumerate(self.result.debrief):
            if number:
                y_ref[0] += theme.gap
            said, under = self._text_pair(part)
            y_ref[0] += add_text(said, pad, inner, "body", p.text, container=card, second=under)
        card.height = y_ref[0] + pad - card_top
        y_ref[0] = card.bottom + 2 * theme.gap

        # red flags met
        met = [o for o in self.result.red_flags if o.met]
        if met:
            said, under = self._pair(N_("Red flags in this story"))
            y_ref[0] += add_text(said, 0, col, "heading", p.text, True, second=under) + theme.gap
            icon_r = boxes.debrief_icon_radius(theme)
            indent = boxes.debrief_indent(theme)
            for outcome in met:
                spotted = outcome.status == scoring.SPOTTED
                title, title_under = self._text_pair(outcome.red_flag.title)
                line_mid = first_line_height(title, col - indent, theme.text_px("body"), True, lang) // 2
                self.items.append(("icon", "spotted" if spotted else "missed", (icon_r, y_ref[0] + line_mid), icon_r))
                y_ref[0] += add_text(title, indent, col - indent, "body", p.text, True, second=title_under)
                status = _("You spotted it.") if spotted else _("It went past this time.")
                y_ref[0] += add_text(status, indent, col - indent, "small", p.safe if spotted else p.warning, True)
                said, under = self._text_pair(outcome.red_flag.action)
                y_ref[0] += add_text(said, indent, col - indent, "small", p.text_muted, second=under)
                y_ref[0] += theme.gap
            y_ref[0] += theme.gap

        # the dangerous red flags the story teaches that this path never met: taught to careful players too
        if self.result.to_know:
            y_ref[0] += add_text(_("Other warning signs to know"), 0, col, "heading", p.text, True) + theme.gap
            icon_r = boxes.debrief_icon_radius(theme)
            indent = boxes.debrief_indent(theme)
            for entry in self.result.to_know:
                title, title_under = self._text_pair(entry.title)
                line_mid = first_line_height(title, col - indent, theme.text_px("body"), True, lang) // 2
                self.items.append(("icon", "know", (icon_r, y_ref[0] + line_mid), icon_r))
                y_ref[0] += add_text(title, indent, col - indent, "body", p.text, True, second=title_under)
                said, under = self._text_pair(entry.why)
                y_ref[0] += add_text(said, indent, col - indent, "small", p.text, second=under)
                said, under = self._text_pair(entry.action)
                y_ref[0] += add_text(said, indent, col - indent, "small", p.text_muted, second=under)
                y_ref[0] += theme.gap
            y_ref[0] += theme.gap

        # refusing every real offer has a cost too: said kindly, in the ending's own words
        if self.result.refusal_cost is not None:
            top = y_ref[0]
            cost_card = pygame.Rect(0, top, col, 0)
            self.items.append(("panel", cost_card, "surface"))
            y_ref[0] += pad
            y_ref[0] += add_text(_("What saying no cost"), pad, inner, "heading", p.text, True, cost_card) + theme.px(8)
            said, under = self._text_pair(self.result.refusal_cost)
            y_ref[0] += add_text(said, pad, inner, "body", p.text, container=cost_card, second=under)
            cost_card.height = y_ref[0] + pad - top
            y_ref[0] = cost_card.bottom + 2 * theme.gap

        # hits and false alarms, apart, in plain words
        r = self.result
        words = [ngettext("You spotted {count} red flag.", "You spotted {count} red flags.", r.hits, count=r.hits)]
        if r.false_alarms:
            words.append(ngettext("You said no to {count} offer that was in fact safe: checking an offer is better than refusing every one.",
                                  "You said no to {count} offers that were in fact safe: checking an offer is better than refusing every one.",
                                  r.false_alarms, count=r.false_alarms))
        else:
            words.append(_("You did not turn down any safe offer."))
        if r.trusted_safe:
            words.append(ngettext("You checked and trusted {count} real offer.", "You checked and trusted {count} real offers.",
                                  r.trusted_safe, count=r.trusted_safe))
        y_ref[0] += add_text(" ".join(words), 0, col, "body", p.text) + 2 * theme.gap

        # badges
        if r.badges:
            y_ref[0] += add_text(_("Badges"), 0, col, "heading", p.text, True) + theme.gap
            medal = max(theme.px(15), icon_size(theme, "body") // 2 + theme.px(2))
            indent = 2 * medal + theme.px(14)
            for badge in r.badges:
                title = tr.text(badge.title)
                line_mid = first_line_height(title, col - indent, theme.text_px("body"), True, lang) // 2
                self.items.append(("medal", None, (medal, y_ref[0] + max(medal, line_mid)), medal))
                y_ref[0] += add_text(title, indent, col - indent, "body", p.text, True)
                y_ref[0] += add_text(tr.text(badge.description), indent, col - indent, "small", p.text_muted) + theme.gap
            y_ref[0] += theme.gap

        # help
        y_ref[0] = self._helpline_card(y_ref, add_text, col, pad, tr, ending)
        self.content_height = y_ref[0]

        # buttons fixed at the bottom
        bar_h = theme.min_touch + theme.px(24)
        self.viewport = pygame.Rect(x0, theme.px(24), col, h - theme.px(24) - bar_h - theme.px(12))
        self.x0 = x0
        self.menu = Menu([self._button(N_("Back to the stories"), self.back, style="primary"),
                          self._button(N_("Play again"), self.play_again)], numbered=True)
        half = (col - theme.gap) // 2
        bar = pygame.Rect(x0, h - bar_h, col, theme.min_touch)
        self.menu.layout(theme, pygame.Rect(x0, bar.y, half, h), lang)
        height = max(b.rect.height for b in self.menu.buttons)
        for i, b in enumerate(self.menu.buttons):
            b.rect = pygame.Rect(x0 + i * (half + theme.gap), h - theme.px(12) - height, half, height)
        self.menu.viewport = pygame.Rect(x0, h - theme.px(12) - height, col, height)
        self.menu.content_height = height  # side by side: nothing to scroll in the button row
        self.viewport.height = self.menu.viewport.y - theme.px(12) - self.viewport.y
        if self._to_end:
            self.scroll, self._to_end = self.max_scroll, False
        self.scroll = max(0, min(self.scroll, self.max_scroll))

    def _helpline_card(self, y_ref, add_text, col: int, pad: int, tr, ending) -> int:
        theme = self.app.theme
        p = theme.palette
        top = y_ref[0]
        card = pygame.Rect(0, top, col, 0)
        self.items.append(("panel", card, "surface_alt"))
        inner = col - 2 * pad
        y_ref[0] += pad
        said, under = self._pair(N_("Help is always there"))
        y_ref[0] += add_text(said, pad, inner, "heading", p.text, True, card, second=under) + theme.px(6)
        if ending is not model.EndingKind.SAFE:
            said, under = self._pair(N_("What happened in this story is never the fault of the person who was tricked. "
                                        "If this is happening to you or someone you know, you can call for help."))
        else:
            said, under = self._pair(N_("If you or someone you know gets an offer like this, you can check it or ask for help."))
        y_ref[0] += add_text(said, pad, inner, "body", p.text, container=card, second=under) + theme.gap
        for line in helplines_for(self.app, self.app.lang, self.scenario):
            if line.number:
                dial = _("{number}, then press {key}", number=line.number, key=line.menu) if line.menu else line.number
            else:
                dial = tr.text(line.place) if line.place is not None else tr.text(line.name)
            y_ref[0] += add_text(dial, pad, inner, "heading", p.accent if not theme.high_contrast else p.text, True, card)
            said, under = self._text_pair(line.name)
            y_ref[0] += add_text(said, pad, inner, "body", p.text, True, card, second=under)
            said, under = self._text_pair(line.purpose)
            y_ref[0] += add_text(said, pad, inner, "small", p.text_muted, container=card, second=under) + theme.gap
        card.height = y_ref[0] - top + pad - theme.gap
        return card.bottom + theme.gap

    @property
    def max_scroll(self) -> int:
        return max(0, self.content_height - self.viewport.height)

    # -- events ------------------------------------------------------------------------------------------------
    def handle_event(self, event: pygame.event.Event) -> bool:
        if self.menu is None:
            return False
        event = self.pointer.translate(event, self.app)
        if event is None:
            return True
        step = self.app.theme.px(60)
        if event.type == pygame.KEYDOWN:
            moves = {pygame.K_UP: -step, pygame.K_DOWN: step, pygame.K_PAGEUP: -self.viewport.height * 3 // 4,
                     pygame.K_PAGEDOWN: self.viewport.height * 3 // 4, pygame.K_HOME: -10**6, pygame.K_END: 10**6}
            if event.key in moves:
                self._scroll_by(moves[event.key])
                return True
            if event.key == pygame.K_ESCAPE:
                return False  # the app opens the pause menu
        if event.type == pygame.MOUSEWHEEL:
            self._scroll_by(-event.y * step)
            return True
        used = self.menu.handle_event(event)
        if self.menu is not None and self.menu.changed:
            self.needs_redraw = True
        return used

    def _scroll_by(self, pixels: int) -> None:
        self.scroll = max(0, min(self.max_scroll, self.scroll + pixels))
        self.needs_redraw = True

    # -- drawing ------------------------------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        if self.app is None:
            return
        self._layout(surface.get_size())
        theme = self.app.theme
        p = theme.palette
        surface.fill(p.background)
        ox, oy = self.viewport.x, self.viewport.y - self.scroll
        clip = surface.get_clip()
        surface.set_clip(self.viewport.inflate(theme.px(8), 0))
        for item in self.items:
            kind = item[0]
            if kind == "panel":
                draw_panel(surface, theme, item[1].move(ox, oy), item[2])
            elif kind == "text":
                _k, surf, x, y = item
                if oy + y < self.viewport.bottom and oy + y + surf.get_height() > self.viewport.y:
                    surface.blit(surf, (ox + x, oy + y))
            elif kind == "icon":
                _k, status, (cx, cy), r = item
                draw_icon(surface, theme, status, (ox + cx, oy + cy), r)
            elif kind == "medal":
                _k, _none, (cx, cy), r = item
                pygame.draw.circle(surface, p.star, (ox + cx, oy + cy), r)
                pygame.draw.circle(surface, p.text if theme.high_contrast else (255, 255, 255), (ox + cx, oy + cy), r // 2, max(2, r // 5))
            elif kind == "stars":
                _k, n, x, y, size = item
                for i in range(3):
                    draw_star(surface, (ox + x + i * (size + theme.px(6)) + size // 2, oy + y + size // 2), size // 2,
                              p.star if i < n else p.text_muted, filled=i < n, width=max(2, theme.px(2)))
        surface.set_clip(clip)
        # text cut by the scroll area's edges dissolves into the page instead of showing half a line
        edge = min(theme.px(40), self.viewport.height // 5)
        band = self.viewport.inflate(theme.px(8), 0)
        if self.scroll > 0:
            fade_edge(surface, pygame.Rect(band.x, band.y, band.width, edge), p.background, at_top=True)
        if self.scroll < self.max_scroll:
            fade_edge(surface, pygame.Rect(band.x, band.bottom - edge, band.width, edge), p.background, at_top=False)
        if self.max_scroll:
            track = pygame.Rect(self.viewport.right + theme.px(14), self.viewport.y, theme.px(6), self.viewport.height)
            pygame.draw.rect(surface, p.border, track, border_radius=theme.px(3))
            thumb_h = max(theme.px(30), int(track.height * self.viewport.height / (self.content_height or 1)))
            thumb_y = track.y + int((track.height - thumb_h) * self.scroll / self.max_scroll)
            pygame.draw.rect(surface, p.accent, (track.x, thumb_y, track.width, thumb_h), border_radius=theme.px(3))
        self.menu.draw(surface, theme, self.app.lang)

    def fit_problems(self, size: tuple[int, int]) -> list[str]:
        self._layout(size)
        theme = self.app.theme
        problems = []
        for what, box, container in self.text_boxes:
            if box.width > container.width or box.x < container.x or box.right > container.right or \
                    (container.height and container.height < 10**6 and box.bottom > container.bottom):
                problems.append(f"debrief {what} text ({box}) does not fit in {container}")
        for b in self.menu.buttons:
            if not b.content_fits(theme, self.app.lang):
                problems.append(f"debrief button {b.label!r} is too small for its text")
        return problems


def draw_star(surface: pygame.Surface, center: tuple[int, int], radius: int, color, filled: bool = True, width: int = 2) -> None:
    """A five-pointed star: filled when earned, an outline when not (clear in high contrast too)."""
    import math

    cx, cy = center
    points = []
    for i in range(10):
        r = radius if i % 2 == 0 else radius * 0.45
        a = -math.pi / 2 + i * math.pi / 5
        points.append((cx + r * math.cos(a), cy + r * math.sin(a)))
    pygame.draw.polygon(surface, color, points, 0 if filled else width)


def screenshot_states(app) -> list[tuple[str, list[Scene]]]:
    """The debrief of every ending of the first scenario, reached by the shortest path."""
    from safepath.scenes.story_parts import ending_states

    shots = []
    scenarios = getattr(app, "scenarios", {}) or {}
    scenario = scenarios.get("dream-job") or next(iter(scenarios.values()), None)
    if scenario is None:
        return []
    for scene_id, state in ending_states(scenario).items():
        shots.append((f"debrief-{scene_id}", [DebriefScene(scenario, state)]))
        shots.append((f"debrief-{scene_id}-help", [DebriefScene(scenario, state, scrolled_to_end=True)]))
    return shots
