"""How the story screen lays itself out and draws: the phone or the narration card, the choices, the top bar.

A part of :class:`safepath.scenes.story.StoryScene`, kept apart from the story's flow (lines typing in,
choices, saving): this is the screen's geometry. Long choices get room step by step (:data:`FITS`) until all
of them fit without scrolling, and while messages type only the phone's thread is redrawn
(:meth:`StoryScreen.changed_area`). The scene provides ``app``, ``story``, ``scenario``, ``view``, ``topbar``,
``waiting``, ``phase``, ``lang``, ``second_lang``, the translations (``_``, ``_pair``, ``tr_text``,
``tr_second``), ``skip_label``, ``can_skip``, ``_buttons`` and ``_item_for``.
"""

from __future__ import annotations

import pygame

from safepath.i18n import N_
from safepath.scenes.chat_view import ChatView
from safepath.scenes.story_parts import StageLayout, draw_phone_frame
from safepath.story import model
from safepath.ui import art, bilingual, boxes
from safepath.ui.menu import Menu
from safepath.ui.widgets import draw_panel, text_size, text_surface

FADE_TIME = 0.25
#: ways to give long choices room, tried in order until every choice fits without scrolling:
#: (how much narrower the phone or card gets: StageLayout level, compact choice buttons, prompt text role or None)
FITS = ((0, False, "heading"), (0, True, "heading"), (0, True, "small"), (1, True, "body"), (1, True, "small"),
        (2, True, "small"), (2, True, None))


class StoryScreen:
    # -- layout and drawing -------------------------------------------------------------------------------------
    def _ensure_layout(self, size: tuple[int, int]) -> StageLayout:
        """Place the stage and the choices; give long choices more room until all of them fit.

        The fit is chosen once per scene (from the choices it will show), so the phone or the
        card does not change width when the choices appear.
        """
        theme = self.app.theme
        if self.layout is None or self._size != size:
            self._size = size
            phone = self.view.mode == "phone"
            self.topbar.layout(theme, size, self.tr_text(self.scenario.title), self.skip_label(), self._("Menu"), self.lang,
                               skip_labels=(self._("Skip"), self._("Choose to go on")))
            chosen = None
            for fit in FITS:
                lay = StageLayout.compute(theme, size, phone=phone, level=fit[0], top_bar_bottom=self.topbar.skip.rect.bottom,
                                          header_h=self._header_text_height(theme, size, fit[0]) if phone else 0)
                menu, _prompt = self._build_menu(theme, lay, fit)
                if menu.content_height > menu.viewport.height:
                    continue
                if phone or self._card_fits(theme, lay, fit):
                    chosen = (lay, fit)
                    break
                chosen = chosen or (lay, fit)  # the choices fit, the story card will scroll: keep looking
            self.layout, self._fit = chosen or (lay, fit)
            self.menu = None
            self._prompt = None
        if self.phase == "ready" and self.menu is None:
            self.menu, self._prompt = self._build_menu(theme, self.layout, self._fit)
        return self.layout

    def _build_menu(self, theme, lay: StageLayout, fit) -> tuple[Menu, pygame.Surface | None]:
        """The prompt and the buttons of this scene laid out in ``lay.panel`` the way ``fit`` says."""
        _level, compact, prompt_role = fit
        buttons = self._buttons()
        if compact:
            for b in buttons:
                b.role, b.compact = "body", True
        menu = Menu(buttons, gap=8 if compact else None)
        text = self._prompt_text() if prompt_role else ""
        prompt = None
        y = lay.panel.y
        if text:
            under = self._prompt_second() if not compact else None  # compact: the choices get the room
            prompt = bilingual.render_pair(text, under, lay.panel.width, theme.text_px(prompt_role), theme.palette.text,
                                           theme.palette.text_muted, True, self.lang, self.second_lang)
            y += prompt.get_height() + (theme.gap if not compact else theme.px(8))
        viewport = pygame.Rect(lay.panel.x, y, lay.panel.width, lay.panel.bottom - y)
        menu.layout(theme, viewport, self.lang)
        return menu, prompt

    def _prompt_text(self) -> str:
        story = self.story
        if story.ended:
            return self._("The story ends here.")
        if story.choices:
            if story.scene.kind is model.SceneKind.CHAT:
                return self._("How do you reply?")
            return self._("What do you do?")
        return ""

    def _prompt_second(self) -> str | None:
        """The prompt over the choices in the second language (None: one language)."""
        story = self.story
        if story.ended:
            return self._pair(N_("The story ends here."))[1]
        if story.choices:
            return self._pair(N_("How do you reply?") if story.scene.kind is model.SceneKind.CHAT
                              else N_("What do you do?"))[1]
        return None

    def draw(self, surface: pygame.Surface) -> None:
        if self.story is None:
            return
        theme = self.app.theme
        size = surface.get_size()
        lay = self._ensure_layout(size)
        scene = self.story.scene
        p = theme.palette
        if self.view.mode == "phone":
            surface.fill(p.background)
        else:
            surface.blit(art.background(art.background_for(scene), size), (0, 0))
            if theme.high_contrast:
                surface.fill(p.background)
        # only the phone's thread is being redrawn (see `changed_area`): the top bar and the waiting card lie
        # outside it and are left as they are (they set clips of their own, which would draw past the area)
        thread_only = surface.get_clip() != surface.get_rect()
        if self.view.mode != "phone" and self.topbar.title_surface is not None:
            box = self.topbar.title_box
            title_w = min(box.width, self.topbar.title_surface.get_width())
            self._veil(surface, pygame.Rect(box.x, box.y, title_w, box.height).inflate(theme.px(24), 0))
        if not thread_only:
            self.topbar.draw(surface, theme, self.lang, skip_enabled=self.can_skip())
        if self.preview == "image" and self.view.items:
            self.view.layout(theme, lay.stage_inner.width, self.lang)
            self.view.scroll_to_first_image(theme, lay.stage_inner.height)
            self.preview = "ready"  # once: afterwards the player scrolls
        if self.view.mode == "phone":
            self._draw_phone(surface, lay)
        else:
            self._draw_story_card(surface, lay, scene)
        if self.phase == "ready" and self.menu is not None:
            if self.view.mode != "phone":  # keep the prompt and buttons readable over the picture
                top = lay.panel.y - theme.pad
                bottom = self.menu.viewport.y + min(self.menu.content_height, self.menu.viewport.height) + theme.pad
                self._veil(surface, pygame.Rect(lay.panel.x - theme.pad, top, lay.panel.width + 2 * theme.pad, bottom - top))
            if self._prompt is not None:
                surface.blit(self._prompt, lay.panel.topleft)
            self.menu.draw(surface, theme, self.lang)
        elif self._shows_waiting_card() and not thread_only:
            self.waiting.layout(theme, lay.panel, self._waiting_texts(), self.lang)
            self.waiting.draw(surface, theme)
        if self._fade_from is not None and self.fade > 0:
            self._fade_from.set_alpha(int(255 * self.fade / FADE_TIME))
            surface.blit(self._fade_from, (0, 0))
        if not thread_only:
            self._drawn_whole = self._still_parts()

    def _still_parts(self) -> tuple:
        """Everything the screen around the phone's thread depends on (see :meth:`changed_area`)."""
        theme = self.app.theme
        return (id(self.layout), self._size, self.view.mode, self.phase == "ready", self.menu is not None,
                self._shows_waiting_card(), self.can_skip(), self.fade > 0, self.preview, self.lang,
                theme.palette, theme.text_step, theme.screen_size, self.story.state.scene)

    def changed_area(self) -> pygame.Rect | None:
        """While messages type in the phone, only its thread moves: redraw that rect (the chat's frame time).

        Everything else on the screen (top bar, phone frame and header, the waiting card) depends only
        on what :meth:`_still_parts` lists; when it is what the last whole drawing saw, the pixels
        outside the thread are already right. The thread draws only inside ``stage_inner``
        (bubbles, typing dots, fades and the "more" arrows are clipped to it).
        """
        if self.story is None or self.view.mode != "phone" or self.layout is None or self.phase == "ready":
            return None
        if getattr(self, "_drawn_whole", None) != self._still_parts():
            return None
        return self.layout.stage_inner.copy()

    def _shows_waiting_card(self) -> bool:
        """The chat's empty choices area, while messages arrive, says what will come there."""
        return self.view.mode == "phone" and self.phase in ("typing", "reveal", "pause") and not self.story.ended

    def _waiting_texts(self) -> list[tuple[str, str, bool]]:
        """The waiting card's texts, made once per layout (drawn every frame while messages arrive)."""
        if self._waiting_for != (self.layout, self.story.state.scene):
            self._waiting_for = (self.layout, self.story.state.scene)
            self._waiting = self._make_waiting_texts()
        return self._waiting

    def _make_waiting_texts(self) -> list[tuple[str, str, bool]]:
        if self.story.choices:
            prompt, role = self._prompt_text(), self._fit[2] or "body"
            line = self._("Read the messages first. Your choices will appear here.")
        else:
            prompt, role = "", "body"
            line = self._("Read the messages. Then you can go on.")
        return [(prompt, role, True), (line, "body", False),
                (self._("Tip: press Space or click to show a message at once."), "small", False)]

    def _veil(self, surface: pygame.Surface, rect: pygame.Rect) -> None:
        self._veils.draw(surface, self.app.theme, rect)

    def _draw_phone(self, surface: pygame.Surface, lay: StageLayout) -> None:
        contact = (self._contact.avatar, self._contact.role.value) if self._contact is not None else None
        draw_phone_frame(surface, self.app.theme, lay, self._app_name, contact, self._header_lines(), self.lang)
        self.view.draw(surface, self.app.theme, lay.stage_inner, self.lang)

    def _header_lines(self) -> list[tuple[str, bool]]:
        """The phone header's text: the contact's name (bold) over the app's name."""
        app_label = self._app_name or self._("Messages")
        name = self.tr_text(self._contact.name) if self._contact is not None else ""
        return [(name, True), (app_label, False)] if name else [(app_label, True)]

    def _header_text_width(self, theme, size, level: int = 0) -> int:
        stage_w = StageLayout.compute(theme, size, phone=True, level=level).stage.width
        return boxes.header_text_width(theme, stage_w)

    def _header_text_height(self, theme, size, level: int = 0) -> int:
        width = self._header_text_width(theme, size, level)
        return sum(text_size(t, width, theme.text_px("small"), b, self.lang)[1] for t, b in self._header_lines()) + theme.px(16)

    def _card_title_role(self, fit) -> str:
        return "heading" if fit[0] < 2 else "body"  # the narrowest card keeps its room for the story

    def _card_fits(self, theme, lay: StageLayout, fit) -> bool:
        """Whether the whole scene (title and every line) fits the narration card of ``lay`` without scrolling."""
        scene = self.story.scene
        view = ChatView("story")
        view.second_lang = self.second_lang
        view.items = [self._item_for(line) for line in self.story.lines]
        view.layout(theme, lay.stage_inner.width, self.lang)
        title_h = 0
        if scene.title is not None:
            title_h = text_size(self.tr_text(scene.title), lay.stage_inner.width, theme.text_px(self._card_title_role(fit)),
                                True, self.lang)[1] + theme.gap
        return title_h + view.content_height + theme.px(12) <= lay.stage_inner.height

    def _draw_story_card(self, surface: pygame.Surface, lay: StageLayout, scene: model.Scene) -> None:
        """The narration on a card over the picture; the card grows with the story told so far."""
        theme = self.app.theme
        title = None
        if scene.title is not None:
            title = text_surface(self.tr_text(scene.title), lay.stage_inner.width, theme.text_px(self._card_title_role(self._fit)),
                                 theme.palette.accent if not theme.high_contrast else theme.palette.text, True, self.lang)
        self.view.layout(theme, lay.stage_inner.width, self.lang)
        title_h = title.get_height() + theme.gap if title is not None else 0
        wanted = title_h + self.view.content_height + self.view.typing_height(theme) + theme.px(12)
        pad_y = lay.stage_inner.y - lay.stage.y
        card = lay.stage.copy()
        card.height = max(theme.px(160), min(lay.stage.height, wanted + 2 * pad_y))
        draw_panel(surface, theme, card)
        y = lay.stage_inner.y
        if title is not None:
            surface.blit(title, (lay.stage_inner.x, y))
            y += title_h
        inner = pygame.Rect(lay.stage_inner.x, y, lay.stage_inner.width, card.bottom - pad_y - y)
        self.view.draw(surface, theme, inner, self.lang)

    # -- checks -------------------------------------------------------------------------------------------------
    def fit_problems(self, size: tuple[int, int]) -> list[str]:
        """Every text box on this screen whose content does not fit (for the screen tests)."""
        lay = self._ensure_layout(size)
        theme = self.app.theme
        problems = self.view.fit_problems(theme, lay.stage_inner.width, self.lang)
        problems += self.topbar.fit_problems(theme, self.lang)
        if self.view.mode == "phone":
            needed = self._header_text_height(theme, size, self._fit[0]) - theme.px(16)
            if needed > lay.header.height:
                problems.append(f"phone header text ({needed} px) is taller than the header ({lay.header.height} px)")
        if self._shows_waiting_card():
            self.waiting.layout(theme, lay.panel, self._waiting_texts(), self.lang)
            problems += self.waiting.fit_problems()
        if self.menu is not None:
            for b in self.menu.buttons:
                if not b.content_fits(theme, self.lang):
                    problems.append(f"choice button {b.label[:30]!r} is too small for its text")
                if b.rect is not None and (b.rect.right > size[0] or b.rect.x < 0):
                    problems.append(f"choice button {b.label[:30]!r} sticks out of the window")
        return problems
