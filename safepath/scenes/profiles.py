"""Choosing who is playing: several players per laptop, each a nickname and a picture.

Nothing personal is asked: no real name, no age, no photo. A player can be
deleted (with a confirmation), which removes their progress too; the
anonymous class log keeps its lines because it names nobody.
"""

from __future__ import annotations

import math

import pygame

from safepath.scenes.base import register_scene
from safepath.scenes.form_scene import FormScene
from safepath.scenes.menu_scene import MenuScene
from safepath.saves.players import AVATARS, NICKNAME_MAX, check_nickname, nickname_length
from safepath.ui.widgets import Button, TextBlock

# -- avatars: simple flat drawings, no files needed ----------------------------------------------------
_AVATAR_COLORS = {
    "bird": (86, 160, 211), "cat": (230, 160, 80), "fish": (64, 170, 170), "flower": (214, 110, 150),
    "star": (222, 180, 50), "tree": (90, 160, 90), "moon": (120, 120, 200), "boat": (200, 100, 80),
}


def draw_avatar(surface: pygame.Surface, key: str, rect: pygame.Rect, selected: bool = False) -> None:
    """A round badge with a simple white shape for ``key``; readable even at 32 px."""
    r = rect.width // 2
    c = rect.center
    pygame.draw.circle(surface, _AVATAR_COLORS.get(key, (150, 150, 150)), c, r)
    white = (255, 255, 255)
    s = r * 0.55
    cx, cy = c
    if key == "bird":
        pygame.draw.polygon(surface, white, [(cx - s, cy), (cx, cy - s * 0.6), (cx + s, cy - s * 0.2), (cx + s * 0.2, cy + s * 0.6)])
        pygame.draw.polygon(surface, white, [(cx + s, cy - s * 0.3), (cx + s * 1.3, cy - s * 0.1), (cx + s, cy + s * 0.05)])
    elif key == "cat":
        pygame.draw.circle(surface, white, (cx, cy + s * 0.15), s * 0.75)
        pygame.draw.polygon(surface, white, [(cx - s * 0.75, cy - s * 0.1), (cx - s * 0.6, cy - s), (cx - s * 0.1, cy - s * 0.5)])
        pygame.draw.polygon(surface, white, [(cx + s * 0.75, cy - s * 0.1), (cx + s * 0.6, cy - s), (cx + s * 0.1, cy - s * 0.5)])
    elif key == "fish":
        pygame.draw.ellipse(surface, white, pygame.Rect(cx - s, cy - s * 0.5, s * 1.5, s))
        pygame.draw.polygon(surface, white, [(cx + s * 0.4, cy), (cx + s, cy - s * 0.5), (cx + s, cy + s * 0.5)])
    elif key == "flower":
        for i in range(5):
            a = i * 2 * math.pi / 5
            pygame.draw.circle(surface, white, (cx + math.cos(a) * s * 0.55, cy + math.sin(a) * s * 0.55), s * 0.4)
        pygame.draw.circle(surface, _AVATAR_COLORS["star"], c, s * 0.3)
    elif key == "star":
        pts = []
        for i in range(10):
            a = -math.pi / 2 + i * math.pi / 5
            rad = s if i % 2 == 0 else s * 0.45
            pts.append((cx + math.cos(a) * rad, cy + math.sin(a) * rad))
        pygame.draw.polygon(surface, white, pts)
    elif key == "tree":
        pygame.draw.rect(surface, white, pygame.Rect(cx - s * 0.15, cy, s * 0.3, s))
        pygame.draw.circle(surface, white, (cx, cy - s * 0.2), s * 0.7)
    elif key == "moon":
        pygame.draw.circle(surface, white, c, s * 0.8)
        pygame.draw.circle(surface, _AVATAR_COLORS["moon"], (cx + s * 0.4, cy - s * 0.25), s * 0.7)
    elif key == "boat":
        pygame.draw.polygon(surface, white, [(cx - s, cy + s * 0.2), (cx + s, cy + s * 0.2), (cx + s * 0.6, cy + s * 0.7), (cx - s * 0.6, cy + s * 0.7)])
        pygame.draw.polygon(surface, white, [(cx, cy - s), (cx, cy + s * 0.1), (cx + s * 0.7, cy + s * 0.1)])
    if selected:
        pygame.draw.circle(surface, (255, 255, 255), c, r, max(2, r // 10))


def _icon(key: str):
    return lambda surface, rect: draw_avatar(surface, key, rect)


@register_scene("profiles")
class ProfilePicker(MenuScene):
    """Who is playing? One button per player, then "New player" and "Delete a player"."""

    column_width = 640
    text_width = 1000

    def heading(self) -> str:
        return self._("Who is playing?")

    def intro(self) -> str:
        if not self.app.storage.profiles():
            return self._("Make a player with a nickname. Please don't use your real name.")
        return ""

    def buttons(self) -> list[Button]:
        from safepath.saves.storage import NOT_KEPT_SHORT

        storage = self.app.storage
        out = [Button(p.nickname, self._choose(p), icon=_icon(p.avatar), align="left",
                      detail="" if storage.is_kept(p.id) else self._(NOT_KEPT_SHORT))  # never listed as if kept
               for p in storage.profiles()]
        out.append(Button(self._("New player"), self.new_profile, style="primary" if not out else "normal"))
        if len(out) > 1:
            out.append(Button(self._("Delete a player"), self.delete_profile, half=True))
        out.append(Button(self._("Back"), self.cancel, half=len(out) > 1))
        return out

    def enter(self, app) -> None:
        super().enter(app)
        last = app.storage.last_profile_id
        ids = [p.id for p in app.storage.profiles()]
        if last in ids and self.menu is not None:
            self.menu.focus = ids.index(last)

    def _choose(self, profile):
        def choose() -> None:
            self.app.select_profile(profile)
            self.app.play_sound("tap")
            self.app.stack.push(self.app.show("picker"))

        return choose

    def new_profile(self) -> None:
        self.app.stack.push(NewProfileScene())

    def delete_profile(self) -> None:
        self.app.stack.push(DeleteProfileScene())

    def cancel(self) -> None:
        self.app.stack.pop()


class DeleteProfileScene(MenuScene):
    """Pick the player to delete; a dialog asks once more before anything is removed."""

    is_overlay = True
    column_width = 600

    def heading(self) -> str:
        return self._("Delete a player")

    def intro(self) -> str:
        return self._("Their progress on this computer is deleted too.")

    def buttons(self) -> list[Button]:
        out = [Button(p.nickname, self._ask(p), icon=_icon(p.avatar), align="left") for p in self.app.storage.profiles()]
        out.append(Button(self._("Cancel"), self.cancel, style="primary"))
        return out

    def _ask(self, profile):
        def ask() -> None:
            message = self._("Delete {name} and all of their progress? This cannot be undone.").format(name=profile.nickname)
            self.app.stack.push(self.app.show("dialog", message, [(self._("Delete"), lambda: self._delete(profile)),
                                                 (self._("Keep"), None)], danger_first=True))

        return ask

    def _delete(self, profile) -> None:
        self.app.storage.delete_profile(profile.id)
        if self.app.profile is not None and self.app.profile.id == profile.id:
            self.app.profile = None
        self.app.stack.pop()  # this list
        picker = self.app.stack.top
        if picker is not None:
            picker.relayout()


class NewProfileScene(FormScene):
    """Type a nickname, pick a picture, press "Create".

    Focus moves between three parts with Up/Down or Tab: the nickname box, the
    row of pictures (Left/Right to choose) and the buttons.
    """

    column_width = 700

    def __init__(self) -> None:
        super().__init__()
        from safepath.ui.text_input import TextInput

        self.input = TextInput("", max_chars=NICKNAME_MAX * 3, on_submit=lambda _text: self.create())
        self.avatar = 0
        self.part = 0  # 0 nickname, 1 pictures, 2 buttons
        self.error = ""
        #: why a player made now would not be kept (a reason msgid; see Storage.keeps_new_players), or None
        self.not_kept: str | None = None
        self._checked_at = -1e9
        self._avatar_rects: list[pygame.Rect] = []
        self._labels: dict[str, TextBlock] = {}

    def heading(self) -> str:
        return self._("New player")

    def buttons(self) -> list[Button]:
        if self.not_kept:  # said where the player is made: nothing is offered as if it will last
            return [Button(self._("Play without saving"), self.create, style="primary", half=True),
                    Button(self._("Back"), self.cancel, half=True),
                    Button(self._("Choose another folder"), self.choose_folder)]
        return [Button(self._("Create"), self.create, style="primary", half=True), Button(self._("Back"), self.cancel, half=True)]

    def relayout(self) -> None:
        if self.app is not None:
            import time

            now = time.monotonic()
            if now - self._checked_at > 1.0:  # a few bytes written and removed: not at every step of a window drag
                self._checked_at = now
                self.not_kept = self.app.storage.keeps_new_players()
        super().relayout()

    def choose_folder(self) -> None:
        self._checked_at = -1e9  # look again when the folder screen closes
        self.app.stack.push(self.app.show("save_folder"))

    def cancel(self) -> None:
        self.app.stack.pop()

    def create(self) -> None:
        nickname = self.input.text
        problem = check_nickname(nickname, [p.nickname for p in self.app.storage.profiles()])
        if problem:
            self.error = self._(problem)
            self.part = 0
            self.relayout()
            return
        profile = self.app.storage.create_profile(nickname, AVATARS[self.avatar])
        self.app.stack.pop()
        self.app.select_profile(profile)
        self.app.stack.push(self.app.show("picker"))

    # layout ------------------------------------------------------------------------------------
    def _layout(self) -> None:
        """Lay out; a player who would not be kept is told so above the nickname, in as many words as fit
        (the whole reason, else one short sentence; the "Play without saving" button says it in any case)."""
        notes = [None]
        if self.not_kept:
            from safepath.saves.storage import NOT_KEPT, NOT_KEPT_SHORT

            notes = [self._(NOT_KEPT).format(reason=self._(self.not_kept)), self._(NOT_KEPT_SHORT), None]
        for note in notes:
            self._layout_with(note)
            if not self.menu.max_scroll:
                return

    def _layout_with(self, note: str | None) -> None:
        theme, lang = self.app.theme, self.app.lang
        w, h = theme.screen_size
        col = theme.content_width(self.column_width)
        x = (w - col) // 2
        y = theme.margin
        self._heading_pos = (x, y, col)
        y += self._heading.height(theme, col, lang) + theme.gap
        self._labels = {
            "nick": TextBlock(self._("Nickname (up to {n} letters)").format(n=NICKNAME_MAX), "body", "text", bold=True),
            "pic": TextBlock(self._("Picture"), "body", "text", bold=True),
        }
        if self.error:
            self._labels["error"] = TextBlock(self.error, "body", "danger")
        self._pos = {}
        if note:
            self._labels["not_kept"] = TextBlock(note, "small", "text")
            self._pos["not_kept"] = (x, y)
            y += self._labels["not_kept"].height(theme, col, lang) + theme.gap
        self._pos["nick"] = (x, y)
        y += self._labels["nick"].height(theme, col, lang) + theme.px(6)
        y += self.input.layout(theme, x, y, col, lang) + theme.px(6)
        if self.error:
            self._pos["error"] = (x, y)
            y += self._labels["error"].height(theme, col, lang)
        y += theme.gap
        self._pos["pic"] = (x, y)
        y += self._labels["pic"].height(theme, col, lang) + theme.px(6)
        size = min(theme.px(72), (col - 7 * theme.gap) // 8)
        self._avatar_rects = [pygame.Rect(x + i * (size + theme.gap), y, size, size) for i in range(len(AVATARS))]
        y += size + theme.gap * 2
        viewport = pygame.Rect(x, y, col, max(theme.min_touch, h - theme.margin - y))
        self.menu.layout(theme, viewport, lang)
        self.needs_redraw = True

    def enter(self, app) -> None:
        self._checked_at = -1e9
        super().enter(app)

    # events ------------------------------------------------------------------------------------
    def handle_event(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN:
            if event.key == pygame.K_ESCAPE:
                self.cancel()
                return True
            if event.key == pygame.K_TAB or (event.key in (pygame.K_DOWN, pygame.K_UP) and self.part != 2):
                back = event.key == pygame.K_UP or (event.key == pygame.K_TAB and event.mod & pygame.KMOD_SHIFT)
                self.part = (self.part + (-1 if back else 1)) % 3
                self.input.focused = self.part == 0
                self.needs_redraw = True
                return True
            if event.key == pygame.K_UP and self.part == 2 and self.menu.focus == 0:
                self.part = 1
                self.needs_redraw = True
                return True
            if self.part == 1:
                if event.key in (pygame.K_LEFT, pygame.K_RIGHT):
                    self.avatar = (self.avatar + (1 if event.key == pygame.K_RIGHT else -1)) % len(AVATARS)
                    self.needs_redraw = True
                    return True
                if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
                    self.part = 2
                    self.needs_redraw = True
                    return True
        if event.type == pygame.MOUSEBUTTONUP and event.button == 1:
            for i, r in enumerate(self._avatar_rects):
                if r.collidepoint(event.pos):
                    self.avatar, self.part = i, 1
                    self.input.focused = False
                    self.needs_redraw = True
                    return True
        if event.type in (pygame.TEXTINPUT, pygame.TEXTEDITING) and self.part != 0:
            return False  # a Space that picked a picture must not also type into the nickname
        if event.type in (pygame.TEXTINPUT, pygame.TEXTEDITING) or (self.part == 0 and event.type == pygame.KEYDOWN):
            used = self.input.handle_event(event)
            if used and event.type in (pygame.TEXTINPUT, pygame.TEXTEDITING):
                self._clip_nickname()
            if used:
                if self.error and event.type == pygame.TEXTINPUT:
                    self.error = ""
                    self._layout()
                self.needs_redraw = True
                return True
        if event.type == pygame.MOUSEBUTTONDOWN and self.input.rect is not None and self.input.rect.collidepoint(event.pos):
            self.part = 0
            self.input.focused = True
            self.needs_redraw = True
            return True
        if self.part == 2 or event.type in (pygame.MOUSEMOTION, pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP):
            used = self.menu.handle_event(event)
            if used and event.type != pygame.MOUSEMOTION:
                self.part = 2
                self.input.focused = False
            if self.menu.changed:
                self.needs_redraw = True
            return used
        return False

    def _clip_nickname(self) -> None:
        while nickname_length(self.input.text) > NICKNAME_MAX:
            self.input.text = self.input.text[:-1]

    # drawing -----------------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        theme, lang = self.app.theme, self.app.lang
        self.draw_heading(surface)
        col = self._heading_pos[2]
        for key, block in self._labels.items():
            bx, by = self._pos[key]
            block.draw(surface, theme, bx, by, col, lang)
        self.input.focused = self.part == 0
        self.input.draw(surface, theme, lang)
        for i, r in enumerate(self._avatar_rects):
            draw_avatar(surface, AVATARS[i], r, selected=(i == self.avatar))
            if i == self.avatar:
                ring = theme.palette.focus if self.part == 1 else theme.palette.accent
                pygame.draw.circle(surface, ring, r.center, r.width // 2 + theme.px(6), theme.focus_width)
        self.draw_buttons(surface, focused=self.part == 2)


def screenshot_states(app) -> list[tuple[str, list]]:
    storage = app.storage
    if not storage.profiles():
        for nick, avatar in (("Mya", "flower"), ("น้องฟ้า", "bird"), ("ကိုကို", "boat")):
            try:
                storage.create_profile(nick, avatar)
            except ValueError:
                pass
    new = NewProfileScene()
    new.input.text = "Nilar"
    new.avatar = 3
    return [
        ("profiles", [ProfilePicker()]),
        ("profile-new", [new]),
        ("profile-delete", [ProfilePicker(), DeleteProfileScene()]),
    ]
