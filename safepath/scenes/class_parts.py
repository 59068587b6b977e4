"""The projector layout the class screens share: large type, high contrast, laid out to fit any projector.

A class reads the screen from the back of a room, often on an old 1024×768 projector, so the class
screens use their own, larger text sizes (:data:`PROJECTOR_TEXT`, design px at 1280×720, scaled with the
window and the text-size setting) in the high-contrast colours, whatever the player settings say. Each
screen describes its picture on a :class:`Canvas` (texts, panels, bars, clickable areas); when it is taller
than the window the whole picture is laid out again a step smaller (:data:`SHRINKS`), so a long Burmese
scene fits at 1024×768 without scrolling. :meth:`ProjectorScene.fit_problems` measures every text box again
for the screenshots command and the tests.

With a second language (the session's, see :func:`safepath.scenes.class_trainer.resume_session`) a text
given its ``second`` is drawn as one bilingual block (:mod:`safepath.ui.bilingual`): the class's story
words in both languages, so a class that mixes Thai and Burmese speakers reads the same screen; the
trainer's hints and counts stay in one language. A picture that fits no layout step in two languages (a long
debrief at the largest text size) is laid out in one language, never cut.

Keys every projector screen shares: **P** (or Pause) covers the screen with the safe pause, **N** shows and
hides the trainer's notes (the presenter overlay, for one mirrored display), **Esc** stops: the session is
saved and the trainer's menu comes back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

import pygame

from safepath.scenes.base import Scene
from safepath.ui.theme import HIGH_CONTRAST, TEXT_STEPS
from safepath.ui.widgets import text_surface

#: text roles -> px at 1280×720 (the game's own sizes are 18-46: these are for the back of a classroom)
PROJECTOR_TEXT = {"small": 22, "body": 30, "button": 30, "heading": 38, "title": 54, "huge": 72}
#: each layout step when a picture is too tall for the window
SHRINKS = (1.0, 0.88, 0.77, 0.68, 0.6, 0.53)
PAUSE_KEYS = (pygame.K_p, pygame.K_PAUSE)
NOTES_KEY = pygame.K_n

PALETTE = HIGH_CONTRAST


@dataclass
class Placed:
    kind: str  # "text", "panel", "bar", "frame", "line", "dot"
    rect: pygame.Rect
    surface: pygame.Surface | None = None
    color: tuple[int, int, int] = (0, 0, 0)
    container: pygame.Rect | None = None
    width: int = 0  # frames: line width
    what: str = ""
    text: str = ""  # the words drawn (for the tests and the fit check's messages)
    align: str = "left"  # where a text narrower than its box sits in it


@dataclass
class Canvas:
    """Where a projector screen puts its picture; ``y`` runs down as texts are added."""

    size: tuple[int, int]
    scale: float
    step: int
    shrink: float
    lang: str
    x: int = 0
    y: int = 0
    width: int = 0
    bottom: int = 0  # where the picture must end (above the key hints)
    items: list[Placed] = field(default_factory=list)
    hits: list[tuple[pygame.Rect, Callable[[], Any]]] = field(default_factory=list)
    #: shown smaller under ``lang`` for texts given a ``second`` (None: one language)
    second_lang: str | None = None

    def px(self, value: float) -> int:
        return max(1, round(value * self.scale))

    def text_px(self, role: str) -> int:
        return max(12, round(PROJECTOR_TEXT[role] * TEXT_STEPS[self.step] * self.scale * self.shrink))

    @property
    def gap(self) -> int:
        return max(4, round(18 * self.scale * self.shrink))

    @property
    def margin(self) -> int:
        return self.px(36)

    def render(self, text: str, width: int, role: str, color=None, bold: bool = False, align: str = "left",
               lang: str | None = None, second: str | None = None) -> pygame.Surface:
        """``text`` in ``width`` px; with ``second`` (and a second language) the two-language block."""
        if second and self.second_lang and lang is None:
            from safepath.ui import bilingual

            return bilingual.render_pair(text, second, max(40, width), self.text_px(role), color or PALETTE.text,
                                         PALETTE.text_muted, bold, self.lang, self.second_lang, align)
        return text_surface(text, max(40, width), self.text_px(role), color or PALETTE.text, bold, lang or self.lang, align)

    def text_at(self, text: str, x: int, y: int, width: int, role: str = "body", color=None, bold: bool = False,
                align: str = "left", container: pygame.Rect | None = None, what: str = "text",
                lang: str | None = None, second: str | None = None) -> pygame.Rect:
        """Place a paragraph (or, with ``second``, a two-language block) at (x, y) in ``width``; returns its box."""
        surf = self.render(text, width, role, color, bold, align, lang, second)
        box = pygame.Rect(x, y, width, surf.get_height())
        self.items.append(Placed("text", box, surf, container=container, what=what, text=text, align=align))
        return box

    def text(self, text: str, role: str = "body", color=None, bold: bool = False, align: str = "left",
             indent: int = 0, what: str = "text", after: int | None = None, second: str | None = None) -> pygame.Rect:
        """A paragraph in the column at the cursor; the cursor moves below it."""
        box = self.text_at(text, self.x + indent, self.y, self.width - indent, role, color, bold, align, what=what,
                           second=second)
        self.y = box.bottom + (self.gap if after is None else after)
        return box

    def panel(self, rect: pygame.Rect, color=None, width: int = 0) -> Placed:
        placed = Placed("frame" if width else "panel", pygame.Rect(rect), color=color or PALETTE.surface_alt, width=width)
        self.items.append(placed)
        return placed

    def hit(self, rect: pygame.Rect, action: Callable[[], Any]) -> None:
        self.hits.append((pygame.Rect(rect), action))

    def button(self, label: str, x: int, y: int, width: int, action: Callable[[], Any], primary: bool = False,
               role: str = "button", height: int | None = None) -> pygame.Rect:
        """A clickable, labelled box (also reachable by a key the screen names in its hints)."""
        pad = self.px(12) if height is None else self.px(2)
        surf = self.render(label, width - 2 * pad, role, PALETTE.accent_text if primary else PALETTE.text, True, "center")
        rect = pygame.Rect(x, y, width, max(height or self.px(52), surf.get_height() + 2 * pad))
        self.panel(rect, PALETTE.accent if primary else PALETTE.button)
        self.panel(rect, PALETTE.border, width=max(2, self.px(3)))
        self.items.append(Placed("text", pygame.Rect(x + pad, rect.centery - surf.get_height() // 2, width - 2 * pad,
                                                      surf.get_height()), surf, container=rect, what=f"button {label!r}",
                                 text=label, align="center"))
        self.hit(rect, action)
        return rect


class ProjectorScene(Scene):
    """A class screen: describe the picture in :meth:`build`; fitting, drawing and the checks are here."""

    #: P opens the safe pause over this screen
    safe_pause = True
    background = PALETTE.background

    def __init__(self) -> None:
        super().__init__()
        self.canvas: Canvas | None = None
        self._canvas_key: tuple | None = None

    # -- what to show (override) -------------------------------------------------------------------------
    def build(self, c: Canvas) -> None:
        pass

    def hints(self) -> str:
        """One line of key hints at the foot of the screen (for the trainer)."""
        return ""

    def shrink_steps(self) -> tuple[float, ...]:
        """The layout steps tried, largest first, until the picture fits the window."""
        return SHRINKS

    # -- layout ---------------------------------------------------------------------------------------------
    def relayout(self) -> None:
        super().relayout()
        self._canvas_key = None

    def languages_swapped(self) -> None:
        """F2 swapped the two languages: the session on screen takes the new pair, so a stop and a resume
        show the class what it saw (:func:`safepath.scenes.class_trainer.resume_session`)."""
        session = getattr(self, "session", None)
        if session is None or getattr(self, "preview", False):
            return
        if (session.lang, session.second_lang) != (self.app.lang, self.app.second_lang):
            session.lang, session.second_lang = self.app.lang, self.app.second_lang
            session_store(self.app).save(session)

    def changed(self) -> None:
        """The picture changed: lay out again before the next draw."""
        self._canvas_key = None
        self.needs_redraw = True

    def ensure_canvas(self, size: tuple[int, int]) -> Canvas:
        theme = self.app.theme
        key = (size, theme.text_step, self.app.lang, self.second_lang)
        if self.canvas is not None and self._canvas_key == key:
            return self.canvas
        scale = max(0.5, min(size[0] / 1280, size[1] / 720, 2.0))
        canvas = None
        # with a second language first; when no step fits, in one language (as the menus do): never cut
        for second in dict.fromkeys((self.second_lang, None)):
            for shrink in self.shrink_steps():
                canvas = self._build_canvas(size, scale, theme.text_step, shrink, second)
                if canvas.y <= size[1]:
                    break
            if canvas.y <= size[1]:
                break
        self.canvas, self._canvas_key = canvas, key
        return canvas

    def _build_canvas(self, size, scale, step, shrink, second_lang: str | None = None) -> Canvas:
        c = Canvas(size, scale, step, shrink, self.app.lang, second_lang=second_lang)
        c.width = min(size[0] - 2 * c.margin, c.px(1160))
        c.x = (size[0] - c.width) // 2
        c.y = c.margin
        hint = self.hints()
        c.bottom = size[1]
        if hint:  # the foot first: the picture is laid out above it
            surf = c.render(hint, c.width, "small", PALETTE.text_muted, align="center")
            foot = pygame.Rect(c.x, size[1] - c.px(12) - surf.get_height(), c.width, surf.get_height())
            c.items.append(Placed("text", foot, surf, what="key hints", text=hint, align="center"))
            c.bottom = foot.y - c.px(12)
        self.build(c)
        if hint:
            c.y += surf.get_height() + c.px(12)
        return c

    # -- drawing ---------------------------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        canvas = self.ensure_canvas(surface.get_size())
        surface.fill(self.background)
        for item in canvas.items:
            if item.kind == "panel":
                pygame.draw.rect(surface, item.color, item.rect, border_radius=canvas.px(12))
            elif item.kind == "frame":
                pygame.draw.rect(surface, item.color, item.rect, width=item.width, border_radius=canvas.px(12))
            elif item.kind == "bar":
                pygame.draw.rect(surface, item.color, item.rect)
            elif item.kind == "line":  # from the rect's top-left to its bottom-right corner (may be negative)
                pygame.draw.line(surface, item.color, item.rect.topleft,
                                 (item.rect.x + item.rect.w, item.rect.y + item.rect.h), max(1, item.width))
            elif item.kind == "dot":
                pygame.draw.circle(surface, item.color, item.rect.center, item.rect.w // 2, item.width)
            elif item.surface is not None:
                x = item.rect.x
                if item.align == "center":
                    x += (item.rect.width - item.surface.get_width()) // 2
                elif item.align == "right":
                    x += item.rect.width - item.surface.get_width()
                surface.blit(item.surface, (x, item.rect.y))

    def fit_problems(self, size: tuple[int, int] | None = None) -> list[str]:
        """Texts wider than their box, outside their card or outside the window; a picture taller than it."""
        if self.app is None:
            return []
        size = size or self.app.theme.screen_size
        canvas = self.ensure_canvas(size)
        name = type(self).__name__
        screen = pygame.Rect(0, 0, *size)
        problems = []
        if canvas.y > size[1]:
            problems.append(f"{name}: the picture is {canvas.y - size[1]} px taller than the window")
        for item in canvas.items:
            if item.kind != "text" or item.surface is None:
                continue
            if item.surface.get_width() > item.rect.width:
                problems.append(f"{name}: {item.what} is wider than its box")
            if not screen.contains(item.rect):
                problems.append(f"{name}: {item.what} is outside the window")
            if item.container is not None and not item.container.contains(item.rect):
                problems.append(f"{name}: {item.what} does not fit in its card")
        return problems

    # -- events ------------------------------------------------------------------------------------------------
    def handle_event(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN and event.key in PAUSE_KEYS and self.safe_pause:
            self.app.stack.push(self.app.show("class_pause"))
            return True
        if event.type == pygame.MOUSEBUTTONUP and getattr(event, "button", 1) == 1 and self.canvas is not None:
            for rect, action in reversed(self.canvas.hits):
                if rect.collidepoint(event.pos):
                    action()
                    self.changed()
                    return True
        if event.type == pygame.FINGERUP and self.canvas is not None:
            w, h = self.canvas.size
            pos = (int(event.x * w), int(event.y * h))
            for rect, action in reversed(self.canvas.hits):
                if rect.collidepoint(pos):
                    action()
                    self.changed()
                    return True
        return False


def session_store(app):
    from safepath.classroom.store import SessionStore

    return SessionStore(app.storage)


def sample_session(app, stage: str | None = None):
    """A session for the screenshots: the first two stories, saved in the screenshots' own data folder."""
    from safepath.classroom.session import ClassSession

    stories = list(app.scenarios)[:2] or ["dream-job"]
    session = ClassSession.new("Grade 10 B, Mae Sot", stories, app.lang, checks=True,
                               second_lang=getattr(app, "second_lang", None))
    if stage:
        session.stage = stage
    session.set_group({"female": 14, "male": 12, "unknown": 2}, {"13-15": 9, "16-18": 19})
    return session
