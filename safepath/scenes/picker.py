"""The list of stories: one card per scenario with its length, content note, progress and stars.

The content note is on the card so a player (or trainer) knows what a story
touches before opening it. A story that failed to load is still listed, greyed
out, with the file and line that broke it, so an author sees it at once and
the other stories still play.

A library of six or more stories does not fit one screen at a large text size. The cards then shorten
(summary, then the content note's preview), and when even the shortest cards do not fit, the list is shown
in pages of as many cards as fit, with "Previous stories" / "More stories" (and Page Up / Page Down): a page
never scrolls, so a trainer at the projector sees every card of the page at once. The stories are in a fixed
order (shortest first, then by title), so a story is always on the same page for the same window.
"""

from __future__ import annotations

import math

import pygame

from safepath import i18n
from safepath.scenes.base import register_scene
from safepath.scenes.menu_scene import MenuScene
from safepath.ui import boxes
from safepath.ui.theme import Theme
from safepath.ui.widgets import Button, TextBlock, badge_size, clamp_lines, draw_badge, text_size
from safepath.ui.menu import Menu


def draw_stars(surface: pygame.Surface, theme: Theme, x: int, cy: int, size: int, filled: int, total: int = 3) -> int:
    """Draw ``total`` stars left to right from ``x``, ``filled`` of them solid; returns the width used."""
    gap = size // 4
    for i in range(total):
        cx = x + i * (size + gap) + size // 2
        pts = []
        for k in range(10):
            a = -math.pi / 2 + k * math.pi / 5
            r = size / 2 if k % 2 == 0 else size / 4.6
            pts.append((cx + math.cos(a) * r, cy + math.sin(a) * r))
        if i < filled:
            pygame.draw.polygon(surface, theme.palette.star, pts)
        pygame.draw.polygon(surface, theme.palette.star if i < filled else theme.palette.border, pts, max(1, size // 14))
    return total * size + (total - 1) * gap


class ScenarioCard(Button):
    """A wide button: title, summary, a line of facts, the content note, stars on the right.

    When the window is short for the text size, the picker shortens the content note
    to a preview of ``note_lines`` lines (the content-note screen before the story
    always shows it whole) and the summary to ``summary_lines``, so every card fits.
    """

    def __init__(self, title: str, summary: str, facts: str, note: str, stars: int, action) -> None:
        super().__init__(title, action, align="left")
        self.summary, self.facts, self.note, self.stars = summary, facts, note, stars
        self.summary_lines: int | None = None  # None: the whole summary
        self.note_lines: int | None = None  # None: the whole note
        #: three cards in a row are narrow: the stars go on a line of their own under the title
        self.stars_below = False

    def _blocks(self, theme: Theme, width: int | None = None, lang: str | None = None) -> list[tuple[str, str, str, bool]]:
        out = [(self.label, "button", "text", True)]
        full = super()._inner_width(theme, width) if width is not None else None
        summary, note = self.summary, self.note
        if full is not None:
            if self.summary_lines is not None:
                summary = clamp_lines(summary, full, theme.text_px("small"), self.summary_lines, False, lang)
            if self.note_lines is not None:
                note = clamp_lines(note, full, theme.text_px("small"), self.note_lines, False, lang)
        if summary:
            out.append((summary, "small", "text", False))
        out.append((self.facts, "small", "accent", True))
        if note:
            out.append((note, "small", "text_muted", False))
        return out

    def _star_size(self, theme: Theme) -> int:
        return boxes.card_star_size(theme)

    def _widths(self, theme: Theme, width: int, lang: str | None = None) -> list[int]:
        """Width of each text block: the title leaves room for the stars, the rest runs under them."""
        full = super()._inner_width(theme, width)
        title = full if self.stars_below else full - boxes.card_stars_width(theme)
        return [title] + [full] * (len(self._blocks(theme, width, lang)) - 1)

    def _stars_room(self, theme: Theme) -> int:
        """Height of the stars' own line under the title (0 when they sit beside it)."""
        return self._star_size(theme) + theme.px(6) if self.stars_below else 0

    def _sizes(self, theme: Theme, width: int, lang: str | None) -> list[tuple[int, int]]:
        return [text_size(t, w, theme.text_px(role), bold, lang)
                for (t, role, _c, bold), w in zip(self._blocks(theme, width, lang), self._widths(theme, width, lang))]

    def measure(self, theme: Theme, width: int, lang: str | None = None) -> int:
        sizes = self._sizes(theme, width, lang)
        h = sum(s[1] for s in sizes) + theme.px(6) * (len(sizes) - 1) + self._stars_room(theme)
        return max(theme.min_touch, h + 2 * theme.pad)

    def _placements(self, theme: Theme, rect: pygame.Rect, fg, lang: str | None):
        p = theme.palette
        x = rect.x + theme.pad + self._badge_room(theme)
        y = rect.y + theme.pad
        out = []
        self._stars_at = None
        for n, ((text, role, color_name, bold), width) in enumerate(
                zip(self._blocks(theme, rect.width, lang), self._widths(theme, rect.width, lang))):
            color = getattr(p, color_name) if self.enabled else p.text_muted
            surf = self._text(text, theme, width, role, color, bold, lang)
            out.append((surf, (x, y)))
            y += surf.get_height() + theme.px(6)
            if n == 0 and self.stars_below:
                self._stars_at = (x, y + self._star_size(theme) // 2)
                y += self._stars_room(theme)
        return out

    def draw(self, surface, theme, focused=False, lang=None, offset_y=0) -> None:
        if self.rect is None:
            return
        rect = self.rect.move(0, -offset_y)
        p = theme.palette
        bg = p.button_hover if focused else p.surface
        if not self.enabled:
            bg = p.background
        pygame.draw.rect(surface, bg, rect, border_radius=theme.radius)
        pygame.draw.rect(surface, p.border, rect, width=theme.border_width, border_radius=theme.radius)
        if focused:
            ring = rect.inflate(theme.focus_width * 2 + theme.px(2), theme.focus_width * 2 + theme.px(2))
            pygame.draw.rect(surface, p.focus, ring, width=theme.focus_width, border_radius=theme.radius + theme.px(4))
        if self.number is not None:
            draw_badge(surface, theme, self.number, (rect.x + theme.pad, rect.y + theme.pad + badge_size(theme) // 2),
                       p.border, p.text, self._text)
        for surf, pos in self._placements(theme, rect, p.text, lang):
            surface.blit(surf, pos)
        if self.enabled:
            size = self._star_size(theme)
            width = 3 * size + 2 * (size // 4)
            if self.stars_below and getattr(self, "_stars_at", None) is not None:
                draw_stars(surface, theme, self._stars_at[0], self._stars_at[1], size, self.stars)
            else:
                draw_stars(surface, theme, rect.right - theme.pad - width, rect.y + theme.pad + size // 2, size,
                           self.stars)

    def _text(self, text, theme, width, role, color, bold, lang, align="left"):  # a card has 4 texts: bigger cache
        key = (text, width, theme.text_px(role), color, bold, lang)
        surf = self._cache.get(key)
        if surf is None:
            if len(self._cache) > 16:
                self._cache.clear()
            from safepath.ui.widgets import text_surface

            surf = self._cache[key] = text_surface(text, width, theme.text_px(role), color, bold, lang)
        return surf


@register_scene("picker")
class ScenarioPicker(MenuScene):
    """Choose a story. Cards first, then Settings and "Change player"."""

    background_key = "town"

    #: shorter and shorter cards, tried until every card and the buttons under them fit without scrolling:
    #: (summary lines, content-note preview lines; None: all of it)
    FITS = ((None, None), (None, 3), (3, 2), (2, 2), (2, 1), (1, 1), (0, 1), (0, 0))

    def __init__(self) -> None:
        super().__init__()
        self.first = 0  # index (in :meth:`stories` order) of the first card on the page shown
        self.per_page: int | None = None  # None: every card on one page

    def heading(self) -> str:
        return self._("Choose a story")

    @property
    def column_width(self) -> int:  # three cards in a row get a wider list
        app = self.app
        if app is not None and boxes.picker_columns(app.theme, len(app.scenarios)) == 3:
            return boxes.PICKER_COLUMN_WIDE
        return boxes.PICKER_COLUMN

    def stories(self) -> list[tuple[str, object]]:
        """Every story in the order of the cards: shortest first, then by title, then by id."""
        return sorted(self.app.scenarios.items(),
                      key=lambda kv: (kv[1].minutes, i18n.text(kv[1].title).casefold(), kv[0]))

    def _layout(self) -> None:
        """Like every menu, but cards shorten (summary, then the note preview) until nothing needs scrolling;
        when even the shortest cards do not fit, fewer cards per page. When not even one card a page fits (a
        tiny window), the whole list scrolls, the menus' last resort.

        The page size is found with the shortest cards first (one layout each, a binary search), then only
        that page size tries the longer cards: a library of stories relayouts in a few layouts, not dozens."""
        total = len(self.app.scenarios)
        if self._fits_compact(None):
            self._fits_with(None)
            return
        lo, hi, best = 1, total - 1, None
        while lo <= hi:
            mid = (lo + hi) // 2
            if self._fits_compact(mid):
                best, lo = mid, mid + 1
            else:
                hi = mid - 1
        if best is None or not self._fits_with(best):
            self._fits_with(None)

    def _set_page_size(self, per_page: int | None) -> None:
        if per_page != self.per_page:
            self.per_page = per_page
            self._rebuild()
        # in pages, the heading is smaller first: room for one more card beats a large heading
        self.first_squeeze = 0 if per_page is None else 1

    def _fits_compact(self, per_page: int | None) -> bool:
        """Whether ``per_page`` cards fit at all, at their shortest."""
        self._set_page_size(per_page)
        summary_lines, note_lines = self.FITS[-1]
        for b in self.menu.buttons:
            if isinstance(b, ScenarioCard):
                b.summary_lines, b.note_lines = summary_lines, note_lines
        super()._layout()
        return not self.menu.max_scroll

    def _fits_with(self, per_page: int | None) -> bool:
        self._set_page_size(per_page)
        for summary_lines, note_lines in self.FITS:
            for b in self.menu.buttons:
                if isinstance(b, ScenarioCard):
                    b.summary_lines, b.note_lines = summary_lines, note_lines
            super()._layout()  # which first tries a smaller heading and compact buttons
            if not self.menu.max_scroll:
                return True
        return False

    def _rebuild(self) -> None:
        """New buttons and intro for another page size (the page keeps its first card)."""
        focus = self.menu.focus if self.menu is not None else 0
        self.menu = Menu(self.buttons(), numbered=self.numbered(), on_cancel=self.cancel, uniform=self.uniform_buttons)
        if self.menu.buttons:
            self.menu.focus = min(focus, len(self.menu.buttons) - 1)
            self.menu.move(0)
        intro = self.intro()
        self._intro = TextBlock(intro, "body", "text_muted", align=self.intro_align) if intro else None

    def relayout(self) -> None:
        self.per_page = None  # the window or the text size changed: see how many cards fit now
        super().relayout()

    def _page(self) -> tuple[int, int]:
        """(first, end) indices of the cards on the page shown."""
        total = len(self.app.scenarios)
        if self.per_page is None or self.per_page >= total:
            return 0, total
        first = max(0, min(self.first, total - 1))
        return first, min(total, first + self.per_page)

    def intro(self) -> str:
        parts = []
        first, end = self._page()
        paged = end - first < len(self.app.scenarios)
        if self.app.profile is not None and not paged:  # in pages the room goes to the cards
            problem = getattr(self.app, "saving_problem", None)
            if problem is not None and problem() is not None:  # never "kept" when it is not
                parts.append(self._("Playing as {name}. Your progress is not being saved right now.").format(
                    name=self.app.profile.nickname))
            else:
                parts.append(self._("Playing as {name}. You can stop at any time; your place is kept.").format(
                    name=self.app.profile.nickname))
        total = len(self.app.scenarios)
        if paged:
            parts.append(self._("Stories {first}–{last} of {total}").format(
                first=i18n.format_number(first + 1, self.app.lang), last=i18n.format_number(end, self.app.lang),
                total=i18n.format_number(total, self.app.lang)))
        return " ".join(parts)

    def buttons(self) -> list[Button]:
        out: list[Button] = []
        # side by side when the window is wide enough for readable columns (three stories: one row of three)
        columns = boxes.picker_columns(self.app.theme, len(self.app.scenarios))
        first, end = self._page()
        if end - first == 1:
            columns = 1  # one card a page: the whole width, so the card needs fewer lines
        for sid, scenario in self.stories()[first:end]:
            card = self._card(sid, scenario)
            card.half, card.group, card.per_row = columns > 1, "cards", columns
            card.stars_below = columns == 3
            out.append(card)
        if end - first < len(self.app.scenarios):
            out.append(Button(self._("Previous stories"), self.previous_page, half=True, group="pages",
                              enabled=first > 0))
            out.append(Button(self._("More stories"), self.next_page, half=True, group="pages",
                              enabled=end < len(self.app.scenarios)))
        for problem in self.app.load_problems:
            out.append(Button(self._("This story could not be opened"), None, detail=problem, enabled=False, align="left"))
        for problem in getattr(self.app, "local_problems", ()):  # an NGO's own helplines or translations
            out.append(Button(self._("This added file could not be used"), None, detail=problem, enabled=False, align="left"))
        if not self.app.scenarios and not self.app.load_problems:
            out.append(Button(self._("No stories were found."), None, enabled=False))
        out.append(Button(self._("Settings"), self.open_settings, half=True, group="footer"))
        out.append(Button(self._("Change player"), self.cancel, half=True, group="footer"))
        return out

    def turn_page(self, step: int) -> bool:
        """Show the previous (-1) or next (+1) page of cards; False when there is none."""
        first, end = self._page()
        if self.per_page is None or (step < 0 and first == 0) or (step > 0 and end >= len(self.app.scenarios)):
            return False
        self.first = end if step > 0 else max(0, first - self.per_page)
        self._rebuild()
        cards = [i for i, b in enumerate(self.menu.buttons) if isinstance(b, ScenarioCard)]
        if cards:
            self.menu.focus = cards[0]
            self.menu.move(0)
        self._layout()
        self.app.play_sound("tap")
        return True

    def previous_page(self) -> None:
        self.turn_page(-1)

    def next_page(self) -> None:
        self.turn_page(1)

    def handle_event(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_PAGEUP, pygame.K_PAGEDOWN):
            return self.turn_page(-1 if event.key == pygame.K_PAGEUP else 1) or True
        return super().handle_event(event)

    def _card(self, sid: str, scenario) -> ScenarioCard:
        endings = [s for s in scenario.scenes.values() if getattr(s, "is_ending", False)]
        progress = self.app.storage.scenario_progress(self.app.profile.id, sid) if self.app.profile else None
        facts = [i18n.ngettext("{count} minute", "{count} minutes", scenario.minutes, count=i18n.format_number(scenario.minutes, self.app.lang))]
        if progress is not None and progress.endings:
            found = len(set(progress.endings) & {e.id for e in endings})
            facts.append(self._("Endings found: {found} of {total}").format(
                found=i18n.format_number(found, self.app.lang), total=i18n.format_number(len(endings), self.app.lang)))
        if progress is not None and progress.state:
            facts.append(self._("Started: you can continue"))
        note = i18n.text(scenario.content_note) if scenario.content_note and scenario.content_note.text else ""
        if note:
            note = self._("Content note: {note}").format(note=note)
        return ScenarioCard(
            title=i18n.text(scenario.title),
            summary=i18n.text(scenario.summary) if scenario.summary else "",
            facts=" · ".join(facts),
            note=note,
            stars=progress.best_stars if progress else 0,
            action=lambda: self.open_scenario(sid),
        )

    def open_scenario(self, sid: str) -> None:
        """Open the story; the content note that comes first offers "continue" when there is a saved place."""
        self.app.play_sound("tap")
        self.app.start_scenario(sid, resume=True)

    def open_settings(self) -> None:
        self.app.stack.push(self.app.show("settings"))

    def cancel(self) -> None:
        """Back to choosing a player."""
        self.app.profile = None
        self.app.stack.clear_to(self.app.show("title"))
        self.app.stack.push(self.app.show("profiles"))


def screenshot_states(app) -> list[tuple[str, list]]:
    storage = app.storage
    profiles = storage.profiles()
    profile = profiles[0] if profiles else storage.create_profile("Mya", "flower")
    app.profile = profile
    for sid, scenario in app.scenarios.items():
        endings = [s.id for s in scenario.scenes.values() if getattr(s, "is_ending", False)]
        if endings and not storage.scenario_progress(profile.id, sid).endings:
            storage.record_ending(profile.id, sid, endings[0], 2)
    return [("picker", [ScenarioPicker()])]
