"""The phone-style message thread: bubbles, avatars, names, timestamps, pictures, typing dots.

This module lays out and draws a chat; it knows nothing of the engine. The
story scene (:mod:`safepath.scenes.story`) feeds it :class:`ChatItem`\\ s one at
a time and tells it how much of the newest message is revealed.

Every bubble is sized from the text measured with the fonts actually used
(:func:`safepath.ui.widgets.text_size`), at the current text size and
language, so a long Burmese line makes a taller bubble instead of spilling
out. :meth:`ChatView.fit_problems` re-measures each bubble's content against its
box; the screen tests call it in every language and text size.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pygame

from safepath.ui import art, bilingual, boxes
from safepath.ui.theme import Theme
from safepath.ui.widgets import fade_edge, text_size, text_surface

#: the phone screen behind the bubbles (calm colours; high contrast uses the palette's background)
PHONE_SCREEN = (236, 241, 240)

#: how a chat item is drawn
THEM, ME, NOTE = "them", "me", "note"


@dataclass
class ChatItem:
    """One message (or a narrator's note) in the thread.

    ``text`` is already translated; the story scene replaces it when the
    language changes. ``shown`` is the revealed prefix while the typewriter
    runs (None: all of it).
    """

    kind: str
    text: str
    speaker_id: str | None = None
    speaker_name: str = ""
    avatar: str = ""
    role: str = "other"
    image: str | None = None
    time: str = ""
    shown: str | None = None
    #: seconds since the item appeared, for its slide-in
    age: float = 10.0
    #: where the text comes from, to translate it again when the language changes
    source: object = None
    #: the same text in the second language, shown smaller under it (None: one language, or not translated)
    second: str | None = None
    minute: int = 0  # story clock, minutes after the thread's first message
    # layout results (relative to the thread's top)
    rect: pygame.Rect | None = field(default=None, repr=False)
    bubble: pygame.Rect | None = field(default=None, repr=False)
    text_box: pygame.Rect | None = field(default=None, repr=False)
    first_of_run: bool = True


class ChatView:
    """Lays out a list of :class:`ChatItem` in a column and draws the visible part, scrolled to the end."""

    SLIDE_TIME = 0.22

    def __init__(self, mode: str = "phone") -> None:
        #: "phone": narrator lines are small centred notes; "story": they are full-width paragraphs
        self.mode = mode
        self.items: list[ChatItem] = []
        self.typing: ChatItem | None = None  # who is typing (speaker data only), or None
        self.typing_time = 0.0
        self.scroll = 0  # pixels scrolled up from the bottom (0 = newest visible)
        self.width = 0
        self.content_height = 0
        self._layout_key: tuple | None = None
        self.lang: str | None = None
        #: the language of the items' ``second`` texts (the scene sets it with the items)
        self.second_lang: str | None = None
        self._muted = (92, 102, 112)  # the palette's muted text, set again on each draw

    # -- content ---------------------------------------------------------------------------------
    def add(self, item: ChatItem) -> None:
        item.age = 0.0
        self.items.append(item)
        self.scroll = 0  # a new message brings the thread back to the bottom, like a phone does
        self.invalidate()

    def clear(self) -> None:
        self.items.clear()
        self.typing = None
        self.scroll = 0
        self.invalidate()

    def invalidate(self) -> None:
        self._layout_key = None

    def animating(self) -> bool:
        return self.typing is not None or any(i.age < self.SLIDE_TIME for i in self.items[-2:])

    def update(self, dt: float) -> None:
        for item in self.items[-2:]:
            item.age += dt
        if self.typing is not None:
            self.typing_time += dt

    # -- measures ---------------------------------------------------------------------------------
    def _metrics(self, theme: Theme, width: int) -> dict[str, int]:
        avatar = theme.px(40)
        return {
            "avatar": avatar,
            "gap": theme.px(8),
            "pad": theme.px(12),
            "run_gap": theme.px(14),
            "bubble_max": boxes.bubble_max_width(theme, width),
            "name": theme.text_px("small"),
            "body": theme.text_px("body"),
            "time": max(10, theme.text_px("small") - theme.px(3)),
        }

    def layout(self, theme: Theme, width: int, lang: str | None) -> None:
        key = (width, theme.text_step, theme.scale, lang, self.second_lang, len(self.items),
               tuple((i.text, i.second) for i in self.items))
        if key == self._layout_key:
            return
        self.lang = lang
        self.width = width
        m = self._metrics(theme, width)
        y = 0
        prev: ChatItem | None = None
        for item in self.items:
            item.first_of_run = prev is None or prev.kind != item.kind or prev.speaker_id != item.speaker_id
            if prev is not None:
                y += m["run_gap"] if item.first_of_run else m["gap"]
            h = self._layout_item(item, theme, m, y, width, lang)
            y += h
            prev = item
        self.content_height = y
        self._layout_key = key

    def _layout_item(self, item: ChatItem, theme: Theme, m: dict[str, int], y: int, width: int, lang) -> int:
        pad = m["pad"]
        if item.kind == NOTE and self.mode == "story":
            tw, th = self._measure(item, width, m["body"], lang)
            item.bubble = pygame.Rect(0, y, width, th)
            item.text_box = pygame.Rect(0, y, tw, th)
            item.rect = item.bubble.copy()
            return th
        if item.kind == NOTE:
            inner = boxes.note_text_width(theme, width)
            tw, th = self._measure(item, inner, m["name"], lang)
            bw = tw + 2 * pad
            item.bubble = pygame.Rect((width - bw) // 2, y, bw, th + 2 * theme.px(6))
            item.text_box = pygame.Rect(item.bubble.x + pad, y + theme.px(6), tw, th)
            item.rect = item.bubble.copy()
            return item.bubble.height
        inner = m["bubble_max"] - 2 * pad
        top = y
        name_h = 0
        if item.kind == THEM and item.first_of_run and item.speaker_name:
            name_h = text_size(item.speaker_name, inner, m["name"], True, lang)[1]
            top += name_h + theme.px(2)
        tw, th = self._measure(item, inner, m["body"], lang) if item.text else (0, 0)
        time_w, time_h = text_size(item.time, inner, m["time"], False, lang) if item.time else (0, 0)
        img_w, img_h = (0, 0)
        if item.image:
            img_w, img_h = art.picture_size(inner)
        content_w = max(tw, time_w, img_w)
        content_h = th + (time_h + theme.px(2) if item.time else 0) + (img_h + (pad if item.text else 0) if item.image else 0)
        bw, bh = content_w + 2 * pad, content_h + 2 * pad
        if item.kind == THEM:
            x = m["avatar"] + m["gap"]
        else:
            x = width - bw
        item.bubble = pygame.Rect(x, top, bw, bh)
        text_y = top + pad + (img_h + pad if item.image and item.text else img_h if item.image else 0)
        item.text_box = pygame.Rect(x + pad, text_y, tw, th)
        item.rect = pygame.Rect(0, y, width, (top - y) + bh)
        return item.rect.height

    def _measure(self, item: ChatItem, width: int, size: int, lang) -> tuple[int, int]:
        """The item's text block: its text, and the second language under it when there is one."""
        return bilingual.measure_pair(item.text, item.second, width, size, False, lang, self.second_lang)

    def typing_height(self, theme: Theme) -> int:
        return theme.px(44) if self.typing is not None else 0

    # -- drawing -----------------------------------------------------------------------------------
    def _text(self, text: str, width: int, size: int, color, bold: bool, lang) -> pygame.Surface:
        # the shared text cache keeps it (capped by bytes: safepath.ui.memory); a second cache here would
        # hold every message of a long thread beyond that cap
        return text_surface(text, width, size, color, bold, lang)

    def max_scroll(self, viewport_h: int, theme: Theme) -> int:
        return max(0, self.content_height + self.typing_height(theme) + theme.px(12) - viewport_h)

    def scroll_by(self, pixels: int, viewport_h: int, theme: Theme) -> None:
        self.scroll = max(0, min(self.max_scroll(viewport_h, theme), self.scroll + pixels))

    def draw(self, surface: pygame.Surface, theme: Theme, viewport: pygame.Rect, lang: str | None) -> None:
        self.layout(theme, viewport.width, lang)
        p = theme.palette
        self._muted = p.text_muted  # the second language's colour (see `_blit_revealed`)
        m = self._metrics(theme, viewport.width)
        total = self.content_height + self.typing_height(theme) + theme.px(12)
        # the thread sits at the bottom of the viewport, like a phone; scroll lifts older messages into view
        origin_y = viewport.bottom - total + self.scroll if total > viewport.height else viewport.y
        if self.mode == "story" and origin_y < viewport.y:
            origin_y = viewport.y - self._snapped(viewport.y - origin_y, theme, lang)
        clip = surface.get_clip()
        surface.set_clip(viewport.clip(clip) if clip else viewport)
        for item in self.items:
            if item.rect is None:
                continue
            slide = 0
            if item.age < self.SLIDE_TIME:
                t = item.age / self.SLIDE_TIME
                slide = int((1 - (1 - (1 - t) ** 3)) * theme.px(16))
            top = origin_y + item.rect.y + slide
            if top > viewport.bottom or top + item.rect.height < viewport.y:
                continue
            self._draw_item(surface, theme, m, item, viewport.x, origin_y + slide, lang)
        if self.typing is not None:
            self._draw_typing(surface, theme, m, viewport.x, origin_y + self.content_height + theme.px(10))
        surface.set_clip(clip)
        if self.mode == "phone":  # bubbles cut by the top or bottom edge dissolve into the phone's background
            screen = p.background if theme.high_contrast else PHONE_SCREEN
            edge = min(theme.px(28), viewport.height // 4)
            if origin_y < viewport.y - 1:
                fade_edge(surface, pygame.Rect(viewport.x, viewport.y, viewport.width, edge), screen, at_top=True)
            if self.scroll > 0:
                fade_edge(surface, pygame.Rect(viewport.x, viewport.bottom - edge, viewport.width, edge), screen, at_top=False)
            hint_x, radius = viewport.right - theme.px(14), theme.px(12)
        else:  # narration: the hint sits in the card's margin, beside the text, never on it
            radius = theme.px(10)
            hint_x = viewport.right + radius
        if origin_y < viewport.y - 1:
            self._draw_more_hint(surface, theme, (hint_x, viewport.y + radius + theme.px(2)), up=True, r=radius)
        if self.scroll > 0:
            self._draw_more_hint(surface, theme, (hint_x, viewport.bottom - radius - theme.px(2)), up=False, r=radius)

    def _snapped(self, hidden: int, theme: Theme, lang: str | None) -> int:
        """How far to lift the story when ``hidden`` px are above the viewport: up to the next line's top.

        A narration card then never shows a line cut through its top; the newest text is still
        whole (at most one line of space is left below it).
        """
        from safepath.ui import textrender

        size = theme.text_px("body")
        bubble_text = self._metrics(theme, self.width)["bubble_max"] - 2 * self._metrics(theme, self.width)["pad"]
        for item in self.items:
            if item.rect is None:
                continue
            if item.kind == NOTE and item.text:
                lines = textrender.laid_out(item.text, self.width, size, False, lang)
                tops = [(item.rect.y + line.y, line.height) for line in lines]
                tops += self._second_tops(item, self.width, size, item.rect.y)
            else:  # a bubble: its top, then each line of its text
                lines = textrender.laid_out(item.text, bubble_text, size, False, lang) if item.text else []
                tops = [(item.rect.y, lines[0].height if lines else size)]
                tops += [(item.text_box.y + line.y, line.height) for line in lines]
                if item.text:
                    tops += self._second_tops(item, bubble_text, size, item.text_box.y)
            for top, line_h in tops:
                if top >= hidden:
                    # never leave more than a line of space under the newest text
                    return top if top - hidden <= line_h else hidden
        return hidden

    def _second_tops(self, item: ChatItem, width: int, size: int, top: int) -> list[tuple[int, int]]:
        """(top, height) of each line of the item's second-language text, for :meth:`_snapped`."""
        from safepath.ui import textrender

        if not item.second:
            return []
        box = bilingual.pair_box(item.text, item.second, width, size, False, self.lang, self.second_lang)
        lines = textrender.laid_out(item.second, width, box.second_px, False, self.second_lang)
        return [(top + box.second_y + line.y, line.height) for line in lines]

    def scroll_to_first_image(self, theme: Theme, viewport_h: int) -> None:
        """Bring the first picture in the thread into view (screenshots of job ads and contracts)."""
        for item in self.items:
            if item.image and item.rect is not None:
                self.scroll = max(0, min(self.max_scroll(viewport_h, theme), self.max_scroll(viewport_h, theme) - item.rect.y))
                return

    @staticmethod
    def _draw_more_hint(surface, theme: Theme, center: tuple[int, int], up: bool, r: int | None = None) -> None:
        """A small round arrow: there is more to read above (scroll up) or below."""
        p = theme.palette
        r = r or theme.px(12)
        pygame.draw.circle(surface, p.surface, center, r)
        pygame.draw.circle(surface, p.border, center, r, max(1, theme.border_width // 2))
        cx, cy = center
        d = r * 0.45 * (-1 if up else 1)
        pygame.draw.lines(surface, p.text_muted, False, [(cx - r * 0.45, cy - d * 0.5), (cx, cy + d * 0.5), (cx + r * 0.45, cy - d * 0.5)],
                          max(2, theme.px(2)))

    def _draw_item(self, surface, theme: Theme, m, item: ChatItem, ox: int, oy: int, lang) -> None:
        p = theme.palette
        pad = m["pad"]
        bubble = item.bubble.move(ox, oy)
        if item.kind == NOTE and self.mode == "story":
            self._blit_revealed(surface, item, bubble.topleft, self.width, m["body"], p.text, lang)
            return
        if item.kind == NOTE:
            radius = min(bubble.height // 2, theme.px(14))  # a pill when short, a soft card when it wraps
            pygame.draw.rect(surface, p.background, bubble, border_radius=radius)
            pygame.draw.rect(surface, p.border, bubble, width=max(1, theme.border_width // 2), border_radius=radius)
            bilingual.draw_pair(surface, item.text_box.move(ox, oy).topleft, item.text, item.second,
                                boxes.note_text_width(theme, self.width), m["name"], p.text_muted, p.text_muted, False,
                                lang, self.second_lang)
            return
        if item.kind == THEM:
            if item.first_of_run:
                av = art.avatar(item.avatar, item.role, m["avatar"])
                surface.blit(av, (ox, bubble.bottom - m["avatar"]))
                if item.speaker_name:
                    name = self._text(item.speaker_name, m["bubble_max"] - 2 * pad, m["name"], p.text_muted, True, lang)
                    surface.blit(name, (bubble.x + theme.px(4), bubble.y - name.get_height() - theme.px(2)))
            color = p.surface
        else:
            color = p.surface_alt if not theme.high_contrast else p.surface_alt
        radius = theme.px(16)
        pygame.draw.rect(surface, color, bubble, border_radius=radius)
        if theme.high_contrast or item.kind == THEM:
            pygame.draw.rect(surface, p.border, bubble, width=max(1, theme.border_width // 2), border_radius=radius)
        inner = m["bubble_max"] - 2 * pad
        y = bubble.y + pad
        if item.image:
            pic = art.picture(item.image, inner)
            surface.blit(pic, (bubble.x + pad, y))
            y += pic.get_height() + (pad if item.text else 0)
        if item.text:
            self._blit_revealed(surface, item, (bubble.x + pad, y), inner, m["body"], p.text, lang)
        if item.time and item.shown is None:
            t = self._text(item.time, inner, m["time"], p.text_muted, False, lang)
            surface.blit(t, (bubble.right - pad - t.get_width(), bubble.bottom - pad - t.get_height() + theme.px(2)))

    def _blit_revealed(self, surface, item: ChatItem, pos: tuple[int, int], width: int, size: int, color, lang) -> None:
        """Draw the revealed part of ``item``'s text, and its second language once it is all shown.

        The whole paragraph is laid out and rendered once; the typewriter only
        uncovers it line by line, up to the width of the revealed prefix of the
        current line. So words never jump from one line to the next while they
        appear, and each frame is a few blits (the prefix width is measured once
        per revealed unit, and cached). The second language's room is in the
        bubble from the start (:mod:`safepath.ui.bilingual`).
        """
        if not item.text:
            return
        bilingual.draw_pair(surface, pos, item.text, item.second, width, size, color, self._muted, False, lang,
                            self.second_lang, shown=item.shown)

    def _draw_typing(self, surface, theme: Theme, m, ox: int, y: int) -> None:
        p = theme.palette
        typing = self.typing
        av = art.avatar(typing.avatar, typing.role, m["avatar"])
        h = theme.px(36)
        bubble = pygame.Rect(ox + m["avatar"] + m["gap"], y, theme.px(70), h)
        surface.blit(av, (ox, bubble.bottom - m["avatar"]))
        pygame.draw.rect(surface, p.surface, bubble, border_radius=theme.px(16))
        pygame.draw.rect(surface, p.border, bubble, width=max(1, theme.border_width // 2), border_radius=theme.px(16))
        for i in range(3):
            phase = self.typing_time * 6.0 - i * 0.9
            lift = max(0.0, math.sin(phase)) * theme.px(4)
            cx = bubble.x + theme.px(20) + i * theme.px(15)
            pygame.draw.circle(surface, p.text_muted, (cx, int(bubble.centery - lift)), theme.px(4))

    # -- checks --------------------------------------------------------------------------------------
    def fit_problems(self, theme: Theme, width: int, lang: str | None) -> list[str]:
        """Bubbles whose text, measured again with the real fonts, does not fit inside them."""
        self.layout(theme, width, lang)
        m = self._metrics(theme, width)
        problems = []
        for n, item in enumerate(self.items):
            if item.bubble is None:
                continue
            if item.bubble.x < 0 or item.bubble.right > width:
                problems.append(f"chat item {n} sticks out of the phone column ({item.bubble} in width {width})")
            if not item.text:
                continue
            size, inner = m["body"], m["bubble_max"] - 2 * m["pad"]
            if item.kind == NOTE:
                story = self.mode == "story"
                size = m["body"] if story else m["name"]
                inner = width if story else boxes.note_text_width(theme, width)
            # measured again text by text (not through the block that sized the bubble): the primary, then the
            # rule and the second language at its own size and line height
            tw, th = text_size(item.text, inner, size, False, lang)
            if item.second:
                sw, sh = text_size(item.second, inner, bilingual.secondary_px(size), False, self.second_lang)
                tw, th = max(tw, sw), th + 2 * bilingual.rule_gap(size) + bilingual.rule_thickness(size) + sh
            box = item.text_box
            if tw > inner or not item.bubble.contains(pygame.Rect(box.x, box.y, tw, th)):
                problems.append(f"chat item {n} text {item.text[:30]!r} ({tw}x{th}) overflows its bubble {item.bubble}")
        return problems
