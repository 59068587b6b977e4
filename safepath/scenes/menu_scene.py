"""A screen made of a heading, an optional line of text and a menu: the shape of most menus.

Title, language picker, profile picker, settings, pause and dialogs all share
this layout so they look and behave alike: the same keys, the same focus ring,
the same scrolling when large text makes the menu taller than the window.
Subclasses say *what* to show (:meth:`heading`, :meth:`intro`, :meth:`buttons`);
this class decides *where*, from the current window size and text size.
"""

from __future__ import annotations

import pygame

from safepath.scenes.base import Scene
from safepath.ui.memory import SurfaceCache
from safepath.ui.widgets import Button, TextBlock, dim, draw_panel
from safepath.ui.menu import Menu

#: veiled menu backgrounds, each a whole window: the one on screen and the one a menu goes back to
_BACKGROUNDS = SurfaceCache("menu backgrounds", screens=2, floor=8 * 2**20)


def _veiled_background(key: str | None, size: tuple[int, int], color: tuple[int, int, int], plain: bool) -> pygame.Surface:
    """The menu background picture under a light veil so text stays readable; cached per size and colour."""
    cache_key = (key, size, color, plain)
    surf = _BACKGROUNDS.get(cache_key)
    if surf is not None:
        return surf
    surf = None
    if key and not plain:
        try:
            from safepath.ui import art

            def veiled() -> pygame.Surface:
                out = art.background(key, size).copy()
                veil = pygame.Surface(size, pygame.SRCALPHA)
                veil.fill((*color, 205))
                out.blit(veil, (0, 0))
                return out

            # kept on disk: the title's background is the first thing a start draws
            surf = art.on_disk(f"menu-{key}", size, f"{art.background_recipe(key)}|{color}|205", veiled)
        except (ImportError, pygame.error, AttributeError):
            surf = None
    if surf is None:
        surf = pygame.Surface(size)
        surf.fill(color)
    return _BACKGROUNDS.put(cache_key, surf)


class MenuScene(Scene):
    """Full screen (``is_overlay = False``) or a centred panel over a dimmed screen (overlays)."""

    #: widest the column of buttons gets, at design size (1280×720)
    column_width = 760
    #: the picture behind a full-screen menu (a key of :func:`safepath.ui.art.background`), or None
    background_key: str | None = "day"
    #: the heading and intro may run wider than the buttons (fewer lines of long text); design px
    text_width: int | None = None
    #: how the intro paragraph is aligned ("center" for short messages, "left" for lists)
    intro_align: str = "center"
    #: text role of the heading; overlays default to the smaller "heading"
    heading_role: str | None = None
    #: every full-width button as tall as the tallest (a short list of equal options, like the languages)
    uniform_buttons: bool = False
    #: the first squeeze step :meth:`_layout` tries (1: start with the smaller heading)
    first_squeeze: int = 0

    def __init__(self) -> None:
        super().__init__()
        self.menu: Menu | None = None
        self._heading: TextBlock | None = None
        self._intro: TextBlock | None = None
        self._panel = pygame.Rect(0, 0, 0, 0)
        self._focus = 0

    # -- what to show (override) ------------------------------------------------------------------
    def heading(self) -> str:
        return ""

    def intro(self) -> str:
        return ""

    def buttons(self) -> list[Button]:
        return []

    def cancel(self) -> None:
        """Esc / Backspace: by default close an overlay, do nothing on a full screen."""
        if self.is_overlay and self.app is not None:
            self.app.stack.pop()

    def numbered(self) -> bool:
        return True

    # -- layout -------------------------------------------------------------------------------------
    def enter(self, app) -> None:
        super().enter(app)
        self.relayout()

    def relayout(self) -> None:
        super().relayout()
        if self.app is None:
            return
        if self.menu is not None:
            self._focus = self.menu.focus
            scroll = self.menu.scroll
        else:
            scroll = 0
        self.menu = Menu(self.buttons(), numbered=self.numbered(), on_cancel=self.cancel, uniform=self.uniform_buttons)
        if self.menu.buttons:
            self.menu.focus = min(self._focus, len(self.menu.buttons) - 1)
            self.menu.move(0)
        self.menu.scroll = scroll
        self._heading = TextBlock(self.heading(), self._heading_role(), "text", bold=True, align="center")
        intro = self.intro()
        self._intro = TextBlock(intro, "body", "text_muted", align=self.intro_align) if intro else None
        self._layout()

    def _heading_role(self) -> str:
        return self.heading_role or ("heading" if self.is_overlay else "title")

    #: smaller heading roles, for a window too short for the menu at a large text size
    SMALLER = {"title": "heading", "heading": "body", "body": "small", "small": "small"}

    def _layout(self) -> None:
        """Lay out; when the buttons would need scrolling, squeeze in steps until they fit.

        Step 1 uses a smaller heading and intro; step 2 also makes the buttons compact
        (body-size labels, less padding). With a second language under the labels, the steps are
        tried with it first, then again with the labels in one language (a menu's short words are
        the easiest to learn, and a button stays one tap). Scrolling stays the last resort, for
        tiny windows.
        """
        self._squeeze()
        if self.menu.max_scroll and any(b.second for b in self.menu.buttons):
            for b in self.menu.buttons:
                b.second = ""
            self._squeeze()

    def _squeeze(self) -> None:
        for squeeze in range(self.first_squeeze, 3):
            self._heading.role = self._heading_role() if squeeze == 0 else self.SMALLER[self._heading_role()]
            if self._intro is not None:
                self._intro.role = "body" if squeeze == 0 else "small"
            for b in self.menu.buttons:
                b.role, b.compact = ("button", False) if squeeze < 2 else ("body", True)
            self.menu.gap = None if squeeze < 2 else 8
            self._layout_once()
            if not self.menu.max_scroll:
                return

    def _layout_once(self) -> None:
        theme = self.app.theme
        w, h = theme.screen_size
        col = theme.content_width(self.column_width)
        lang = self.app.lang
        top = theme.margin
        edge = theme.px(16)  # overlays may come closer to the window edge: they need the height
        if self.is_overlay:
            col = min(col, w - 4 * theme.margin) if w > 6 * theme.margin else col
            top = edge + theme.pad * 2
        x = (w - col) // 2
        y = top
        tcol = max(col, theme.content_width(self.text_width)) if self.text_width and not self.is_overlay else col
        tx = (w - tcol) // 2
        self._heading_pos = (tx, y, tcol)
        if self._heading.text:
            y += self._heading.height(theme, tcol, lang) + theme.gap
        if self._intro is not None:
            self._intro_pos = (tx, y, tcol)
            y += self._intro.height(theme, tcol, lang) + theme.gap
        y += theme.gap
        bottom = h - (edge + theme.pad * 2 if self.is_overlay else theme.margin)
        # a few pixels of room so the focus ring of the first button is not clipped
        ring = theme.focus_width + theme.px(2)
        viewport = pygame.Rect(x, y + ring, col, max(theme.min_touch, bottom - y - 2 * ring))
        content = self.menu.layout(theme, viewport, lang)
        if self.is_overlay:
            # shrink the panel around its content and centre it vertically
            used = (y + ring - top) + min(content, viewport.height)
            panel_h = used + 2 * theme.pad + ring
            shift = max(0, (h - panel_h) // 2 - (top - theme.pad * 2))
            if shift:
                self._shift(shift)
                top += shift
            self._panel = pygame.Rect(x - theme.pad * 2, top - theme.pad * 2, col + theme.pad * 4, panel_h + theme.pad * 2)
        self.needs_redraw = True

    def _shift(self, dy: int) -> None:
        x, y, col = self._heading_pos
        self._heading_pos = (x, y + dy, col)
        if self._intro is not None:
            ix, iy, icol = self._intro_pos
            self._intro_pos = (ix, iy + dy, icol)
        vp = self.menu.viewport.move(0, dy)
        self.menu.layout(self.app.theme, vp, self.app.lang)

    def fit_problems(self, size: tuple[int, int] | None = None) -> list[str]:
        """Text boxes whose text, measured with the real fonts, does not fit (for ``safepath screenshots``)."""
        if self.app is None or self.menu is None:
            return []
        theme, lang = self.app.theme, self.app.lang
        width = (size or theme.screen_size)[0]
        problems = []
        for b in self.menu.buttons:
            if not b.content_fits(theme, lang):
                problems.append(f"{type(self).__name__}: button {b.label!r} is too small for its text")
            if b.rect is None or b.rect.left < 0 or b.rect.right > width:
                problems.append(f"{type(self).__name__}: button {b.label!r} is outside the window")
        x, _y, col = self._heading_pos
        if self._heading.text and self._heading.surface(theme, col, lang).get_width() > col:
            problems.append(f"{type(self).__name__}: heading is wider than its column")
        return problems

    # -- events and drawing ---------------------------------------------------------------------------
    def handle_event(self, event: pygame.event.Event) -> bool:
        if self.menu is None:
            return False
        menu = self.menu
        menu.activated = None
        used = menu.handle_event(event)
        if menu.activated is not None and self.app is not None:
            self.app.play_sound("tap")
        if self.menu is not None and self.menu.changed:
            self.needs_redraw = True
        return used

    def draw_background(self, surface: pygame.Surface) -> None:
        theme = self.app.theme
        if self.is_overlay:
            dim(surface, theme)
            draw_panel(surface, theme, self._panel)
            return
        surface.blit(_veiled_background(self.background_key, surface.get_size(), theme.palette.background,
                                        theme.high_contrast), (0, 0))

    def covered(self) -> bool:
        """True for an overlay with another menu overlay above it (Settings opened from Pause).

        The lower panel is then not drawn at all, so its edges never show around the upper one.
        """
        stack = getattr(self.app, "stack", None)
        if not self.is_overlay or stack is None:
            return False
        scenes = list(stack)
        if self not in scenes:
            return False
        return any(isinstance(s, MenuScene) and s.is_overlay for s in scenes[scenes.index(self) + 1:])

    def draw(self, surface: pygame.Surface) -> None:
        if self.app is None or self.menu is None or self.covered():
            return
        theme, lang = self.app.theme, self.app.lang
        self.draw_background(surface)
        if self._heading.text:
            x, y, col = self._heading_pos
            self._heading.draw(surface, theme, x, y, col, lang)
        if self._intro is not None:
            x, y, col = self._intro_pos
            self._intro.draw(surface, theme, x, y, col, lang)
        self.menu.draw(surface, theme, lang)
