"""Pieces of the story screen kept apart from its logic: layout, top bar, touch input, helpers.

:class:`StageLayout` places the "stage" (the phone, or the narration card) and
the choices panel for any window size: side by side on wide windows, stacked
on narrow ones. :class:`TopBar` holds the story title and the always-present
"Skip" and "Menu" buttons. :class:`Pointer` turns touch (FINGERDOWN, normalised
0..1 coordinates) into mouse events, and drops the mouse events SDL makes up
from the same touch, so a tap never counts twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

import pygame

from safepath.play import engine, walk
from safepath.story import model
from safepath.ui import boxes
from safepath.ui.theme import Theme
from safepath.ui.widgets import Button, text_size

#: header colours of the chat apps a scenario may name (muted versions of the real brand colours)
APP_COLORS = {
    "facebook": (66, 103, 178),
    "messenger": (92, 96, 196),
    "line": (38, 150, 80),
    "telegram": (42, 137, 190),
    "whatsapp": (30, 130, 110),
    "tiktok": (50, 50, 60),
    "sms": (90, 104, 118),
}


def setting(app, name: str, default):
    """A player setting (typewriter speed, sound ...) from the app, falling back to ``default``."""
    settings = getattr(app, "settings", None)
    if settings is None:
        profile = getattr(app, "profile", None)
        storage = getattr(app, "storage", None)
        if storage is not None:
            try:
                settings = storage.settings_for(profile.id if profile is not None else None)
            except Exception:  # storage trouble is reported by the app; the story keeps going
                settings = None
    return getattr(settings, name, default) if settings is not None else default


def reveal_plan(text: str) -> list[str]:
    """The typewriter's steps: whole grapheme clusters, and whole syllables in Burmese.

    A half-revealed cluster draws dotted circles, so the units come from the
    text pipeline (:func:`safepath.text.breaks.reveal_units`).
    """
    try:
        from safepath.text.breaks import reveal_units
    except ImportError:  # text pipeline missing in a broken install: show text whole, never half a cluster
        return [text]
    units = list(reveal_units(text))
    return units if "".join(units) == text else [text]


def tr_format(message: str, **kwargs) -> str:
    """``message.format(**kwargs)`` that never raises on a broken translation."""
    try:
        return message.format(**kwargs)
    except (KeyError, IndexError, ValueError):
        return message


@dataclass
class StageLayout:
    stage: pygame.Rect  # the phone (chat) or the narration card
    header: pygame.Rect  # phone header (app, contact); empty for narration
    stage_inner: pygame.Rect  # where the messages / paragraphs go
    panel: pygame.Rect  # the prompt and choices

    @classmethod
    def compute(cls, theme: Theme, size: tuple[int, int], phone: bool, header_h: int = 0,
                top_bar_bottom: int = 0, level: int = 0) -> "StageLayout":
        """``header_h``: height the phone header's text needs, measured by the caller with the real fonts;
        ``top_bar_bottom``: where the top bar's (measured) buttons end; ``level`` 0–2: how much narrower
        (or, stacked, lower) the stage gets so that long choices at large text sizes fit beside it
        (:func:`safepath.ui.boxes.stage_and_panel`, which the fit check uses too)."""
        top_bar_bottom = max(TopBar.height(theme) + theme.px(12), top_bar_bottom)
        stage, panel = (pygame.Rect(r) for r in boxes.stage_and_panel(theme, size, phone, top_bar_bottom, level))
        if phone:
            header = pygame.Rect(stage.x, stage.y, stage.width, max(theme.px(64), header_h))
            inner = pygame.Rect(stage.x + theme.px(12), header.bottom + theme.px(10), boxes.thread_width(theme, stage.width, True),
                                stage.bottom - header.bottom - theme.px(20))
        else:
            header = pygame.Rect(stage.x, stage.y, 0, 0)
            inner = stage.inflate(boxes.thread_width(theme, stage.width, False) - stage.width, -2 * theme.pad - theme.px(8))
        return cls(stage, header, inner, panel)


POINTER_EVENTS = (pygame.MOUSEMOTION, pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP)


def top_bar_pointer(scene, event, skip: Callable[[], Any], stop: Callable[[], Any] | None = None,
                    hover_is_used: bool = False) -> bool:
    """A pointer event on a story, check or replay scene's top bar: Skip runs ``skip``, Stop runs ``stop``
    (the scene's ``stop()`` by default); True when one of them ran. Hovering a button asks for a redraw
    (and is True with ``hover_is_used``: the story takes no other pointer event then)."""
    if event.type not in POINTER_EVENTS:
        return False
    hit = scene.topbar.handle_mouse(event)
    if hit == "skip":
        skip()
        return True
    if hit == "pause":
        (stop or scene.stop)()
        return True
    if hit == "hover":
        scene.needs_redraw = True
        return hover_is_used
    return False


class TopBar:
    """The story title on the left; "Skip" and "Menu" on the right, always reachable."""

    def __init__(self) -> None:
        self.title = ""
        self.title_surface: pygame.Surface | None = None
        self.title_box: pygame.Rect | None = None
        self.skip: Button | None = None
        self.pause: Button | None = None
        self.hover: str | None = None
        self._pressed: str | None = None
        self.lang: str | None = None

    @staticmethod
    def height(theme: Theme) -> int:
        return theme.min_touch

    def invalidate(self) -> None:
        self.skip = self.pause = None

    def layout(self, theme: Theme, size: tuple[int, int], title: str, skip: str, pause: str, lang: str | None,
               skip_labels: tuple[str, ...] = ()) -> None:
        """``skip_labels``: every label the Skip button can show in this scene; the bar is sized for the
        largest, so it (and the stage under it) does not move when the label changes."""
        from safepath.ui.widgets import text_surface

        w, _h = size
        y = theme.px(12)
        self.lang = lang
        button_w = min(theme.px(170), max(theme.px(90), w // 8))
        self.skip = Button(skip)
        self.pause = Button(pause)
        x = w - theme.px(24)
        heights = []
        for b, labels in ((self.pause, (pause,)), (self.skip, (skip, *skip_labels))):
            width = max([button_w] + [text_size(label, w // 4, theme.text_px("button"), True, lang)[0] + 2 * theme.pad + theme.px(8)
                                      for label in labels])
            x -= width
            b.layout(theme, x, y, width, lang)
            heights += [Button(label).measure(theme, width, lang) for label in labels]
            x -= theme.px(12)
        for b in (self.pause, self.skip):
            b.rect.height = max(heights)
        title_w = max(theme.px(60), x - theme.px(24) - theme.px(16))
        self.title = title
        self.title_surface = text_surface(title, title_w, theme.text_px("small"), theme.palette.text_muted, True, lang)
        self.title_box = pygame.Rect(theme.px(24), y, title_w, self.skip.rect.height)

    def handle_mouse(self, event: pygame.event.Event) -> str | None:
        if self.skip is None or self.skip.rect is None:
            return None
        hit = "skip" if self.skip.rect.collidepoint(event.pos) else "pause" if self.pause.rect.collidepoint(event.pos) else None
        if event.type == pygame.MOUSEMOTION:
            if hit != self.hover:
                self.hover = hit
                return "hover"
            return None
        if getattr(event, "button", 1) != 1:
            return None
        if event.type == pygame.MOUSEBUTTONDOWN:
            self._pressed = hit
            return "hover" if hit else None
        pressed, self._pressed = self._pressed, None
        return hit if hit is not None and hit == pressed else None

    def draw(self, surface: pygame.Surface, theme: Theme, lang: str | None, skip_enabled: bool = True) -> None:
        if self.skip is None:
            return
        if self.title_surface is not None:
            box = self.title_box
            clip = surface.get_clip()
            surface.set_clip(box)
            surface.blit(self.title_surface, (box.x, box.centery - self.title_surface.get_height() // 2))
            surface.set_clip(clip)
        self.skip.enabled = skip_enabled
        self.skip.draw(surface, theme, focused=self.hover == "skip" and skip_enabled, lang=lang)
        self.pause.draw(surface, theme, focused=self.hover == "pause", lang=lang)

    def fit_problems(self, theme: Theme, lang: str | None) -> list[str]:
        problems = []
        for b in (self.skip, self.pause):
            if b is not None and not b.content_fits(theme, lang):
                problems.append(f"top-bar button {b.label!r} is too small for its text")
        if self.title_surface is not None and self.title_surface.get_height() > self.title_box.height:
            # a long title wraps; it is clipped to one row on purpose only if it cannot fit two
            problems.append(f"story title {self.title[:30]!r} is taller than the top bar")
        return problems


class Veils:
    """Soft, see-through cards of the background colour, cached by size: drawing one is a single blit."""

    def __init__(self) -> None:
        self._cache: dict[tuple, pygame.Surface] = {}

    def draw(self, surface: pygame.Surface, theme: Theme, rect: pygame.Rect) -> None:
        if rect.width <= 0 or rect.height <= 0:  # a window too small for the card: nothing to veil
            return
        key = (rect.size, theme.palette.background, theme.radius)
        veil = self._cache.get(key)
        if veil is None:
            if len(self._cache) > 8:
                self._cache.clear()
            veil = self._cache[key] = pygame.Surface(rect.size, pygame.SRCALPHA)
            pygame.draw.rect(veil, (*theme.palette.background, 225), veil.get_rect(), border_radius=theme.radius)
        surface.blit(veil, rect.topleft)


class WaitingCard:
    """While the messages arrive, the empty choices area says what comes there (and how to hurry).

    A quiet outlined card in the place of the prompt and the choices: a small chat
    bubble drawn with shapes, the prompt that will come ("How do you reply?"), a line
    saying the choices appear here once the messages are read, and a tip. Nothing
    moves in it, so a still screen stays still.
    """

    def __init__(self) -> None:
        self.rect: pygame.Rect | None = None
        self.blocks: list[tuple[pygame.Surface, tuple[int, int]]] = []
        self._key: tuple | None = None

    def layout(self, theme: Theme, panel: pygame.Rect, texts: list[tuple[str, str, bool]], lang: str | None) -> None:
        """``texts``: (text, role, bold) from top to bottom, most important first; empty texts are left out,
        and so are the last ones when the panel is too short for them (a small window, large text)."""
        from safepath.ui.widgets import text_surface

        key = (tuple(panel), tuple(texts), theme.text_step, theme.scale, theme.high_contrast, lang)
        if key == self._key:
            return
        self._key = key
        p = theme.palette
        pad = theme.pad + theme.px(4)
        icon = self.icon_size(theme)
        inner = max(40, panel.width - 2 * pad - icon - theme.pad)
        x = pad + icon + theme.pad
        y = pad
        self.blocks = []
        for text, role, bold in texts:
            if not text:
                continue
            surf = text_surface(text, inner, theme.text_px(role), p.text_muted, bold, lang)
            if self.blocks and y + surf.get_height() + pad > panel.height:
                break
            self.blocks.append((surf, (x, y)))
            y += surf.get_height() + theme.px(8)
        height = max(y - theme.px(8) + pad, icon + 2 * pad)
        self.rect = pygame.Rect(panel.x, panel.y, panel.width, min(height, panel.height))

    @staticmethod
    def icon_size(theme: Theme) -> int:
        return max(theme.px(48), theme.text_px("heading"))

    def draw(self, surface: pygame.Surface, theme: Theme) -> None:
        if self.rect is None:
            return
        p = theme.palette
        pygame.draw.rect(surface, p.background, self.rect, border_radius=theme.radius)
        pygame.draw.rect(surface, p.border, self.rect, width=max(1, theme.border_width), border_radius=theme.radius)
        pad = theme.pad + theme.px(4)
        size = self.icon_size(theme)
        bubble = pygame.Rect(self.rect.x + pad, self.rect.y + pad, size, int(size * 0.72))
        color = p.border if not theme.high_contrast else p.text_muted
        pygame.draw.rect(surface, color, bubble, border_radius=bubble.height // 3)
        tail = [(bubble.x + size * 0.22, bubble.bottom - 1), (bubble.x + size * 0.18, bubble.bottom + size * 0.2),
                (bubble.x + size * 0.45, bubble.bottom - 1)]
        pygame.draw.polygon(surface, color, tail)
        for i in range(3):
            cx = bubble.x + int(size * (0.28 + 0.22 * i))
            pygame.draw.circle(surface, p.background, (cx, bubble.centery), max(2, size // 14))
        clip = surface.get_clip()
        surface.set_clip(self.rect)
        for surf, (dx, dy) in self.blocks:
            surface.blit(surf, (self.rect.x + dx, self.rect.y + dy))
        surface.set_clip(clip)

    def fit_problems(self) -> list[str]:
        if self.rect is None:
            return []
        return [f"waiting card text {n} does not fit inside the card {self.rect}"
                for n, (surf, (dx, dy)) in enumerate(self.blocks)
                if not self.rect.contains(pygame.Rect(self.rect.x + dx, self.rect.y + dy, surf.get_width(), surf.get_height()))]


def draw_phone_frame(surface: pygame.Surface, theme: Theme, lay: "StageLayout", app_name: str,
                     contact: tuple[str, str] | None, header_lines: list[tuple[str, bool]], lang: str | None) -> None:
    """The phone body and its header: the app's colour, the contact's avatar (key, role) and the header lines."""
    from safepath.ui import art
    from safepath.ui.widgets import text_surface

    p = theme.palette
    pygame.draw.rect(surface, (40, 46, 54) if not theme.high_contrast else p.border, lay.stage.inflate(theme.px(16), theme.px(16)),
                     border_radius=theme.px(34))
    from safepath.scenes.chat_view import PHONE_SCREEN

    pygame.draw.rect(surface, p.background if theme.high_contrast else PHONE_SCREEN, lay.stage, border_radius=theme.px(26))
    header = lay.header
    color = p.surface_alt if theme.high_contrast else APP_COLORS.get(app_name.lower(), APP_COLORS["sms"])
    pygame.draw.rect(surface, color, header, border_top_left_radius=theme.px(26), border_top_right_radius=theme.px(26))
    text_color = p.text if theme.high_contrast else (255, 255, 255)
    x = header.x + theme.pad
    avatar_size = theme.px(48)
    if contact is not None:
        surface.blit(art.avatar(contact[0], contact[1], avatar_size), (x, header.centery - avatar_size // 2))
        x += avatar_size + theme.px(10)
    width = header.right - theme.pad - x
    rendered = [text_surface(t, width, theme.text_px("small"), text_color, b, lang) for t, b in header_lines]
    y = header.centery - sum(r.get_height() for r in rendered) // 2
    for r in rendered:
        surface.blit(r, (x, y))
        y += r.get_height()


class Pointer:
    """Touch and mouse as one pointer: fingers become clicks, SDL's copies of them are dropped."""

    def translate(self, event: pygame.event.Event, app) -> pygame.event.Event | None:
        etype = event.type
        if etype in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP, pygame.MOUSEMOTION) and getattr(event, "touch", False):
            return None  # the FINGER event for this touch is handled instead
        if etype in (pygame.FINGERDOWN, pygame.FINGERUP, pygame.FINGERMOTION):
            w, h = app.theme.screen_size
            surface = pygame.display.get_surface()
            if surface is not None:
                w, h = surface.get_size()
            pos = (int(max(0.0, min(1.0, event.x)) * (w - 1)), int(max(0.0, min(1.0, event.y)) * (h - 1)))
            if etype == pygame.FINGERMOTION:
                return pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(1, 0, 0))
            kind = pygame.MOUSEBUTTONDOWN if etype == pygame.FINGERDOWN else pygame.MOUSEBUTTONUP
            return pygame.event.Event(kind, pos=pos, button=1)
        return event


# -- for screenshots and tests -------------------------------------------------------------------------
def first_states_by_kind(scenario: model.Scenario) -> dict[str, engine.State]:
    """A reachable state for each scene kind (and for a chat line with a picture), found breadth-first."""
    found: dict[str, engine.State] = {}
    wanted = {"chat", "chat-image", "narration", "decision", "ending"}  # drills add kinds of their own
    for state in walk.breadth_first(scenario):
        if wanted <= found.keys():
            break
        scene = engine.current_scene(scenario, state)
        found.setdefault(scene.kind.value, state)
        if scene.kind is model.SceneKind.CHAT and any(line.image for line in scene.lines):
            found.setdefault("chat-image", state)
    return found


def story_screenshot_states(app, scene_cls) -> list[tuple[str, list]]:
    scenarios = getattr(app, "scenarios", {}) or {}
    if not scenarios:
        return []
    scenario = scenarios.get("dream-job") or next(iter(scenarios.values()))
    states = first_states_by_kind(scenario)
    shots = []
    for kind in ("chat", "chat-image", "narration", "decision", "ending"):
        if kind in states:
            preview = "image" if kind == "chat-image" else "ready"
            shots.append((f"story-{kind}", [scene_cls(scenario, state=states[kind], preview=preview)]))
    if "chat" in states:
        shots.append(("story-chat-typing", [scene_cls(scenario, state=states["chat"], preview="typing")]))
    return shots


def ending_states(scenario: model.Scenario) -> dict[str, engine.State]:
    """For every reachable ending scene, the state reached by a shortest path (breadth-first)."""
    return walk.ending_states(scenario)
