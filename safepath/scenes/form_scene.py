"""A menu screen with text boxes above its buttons: a new player, a class session, a local contact.

What such forms share: the platform's text input is on while the screen is (so an input method's
composition reaches the boxes), number keys type digits instead of choosing buttons, and the buttons
show no focus ring while the player is typing in a box.
"""

from __future__ import annotations

import pygame

from safepath.scenes.menu_scene import MenuScene


class FormScene(MenuScene):
    def numbered(self) -> bool:
        return False  # digits are typed into the boxes

    def enter(self, app) -> None:
        super().enter(app)
        pygame.key.start_text_input()

    def leave(self) -> None:
        pygame.key.stop_text_input()

    def draw_heading(self, surface: pygame.Surface) -> None:
        """The background and the form's heading, where the layout placed it."""
        self.draw_background(surface)
        x, y, col = self._heading_pos
        self._heading.draw(surface, self.app.theme, x, y, col, self.app.lang)

    def draw_buttons(self, surface: pygame.Surface, focused: bool) -> None:
        """The buttons; without their focus ring unless they have the keyboard's focus (not a box)."""
        focus = self.menu.focus
        if not focused:
            self.menu.focus = -1
        self.menu.draw(surface, self.app.theme, self.app.lang)
        self.menu.focus = focus
