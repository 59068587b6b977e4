"""The keys of hand counting, shared by the class screens that take a vote (story decisions, check items).

:mod:`safepath.classroom.hands` says what each step does to a count; this mixin turns the trainer's keys
into those steps on the answer in focus and tells its screen when to keep the counts (``_counts_changed``:
the check saves them, the story keeps a draft) and when the focus moved (``_focus_moved``).
"""

from __future__ import annotations

import pygame

from safepath.classroom import hands

DIGIT_KEYS = {getattr(pygame, f"K_{n}"): n for n in range(10)}
DIGIT_KEYS.update({getattr(pygame, f"K_KP{n}"): n for n in range(10)})
_UP = (pygame.K_UP, pygame.K_PLUS, pygame.K_KP_PLUS, pygame.K_EQUALS)
_DOWN = (pygame.K_DOWN, pygame.K_MINUS, pygame.K_KP_MINUS)
_ACROSS = (pygame.K_LEFT, pygame.K_RIGHT, pygame.K_TAB)


class HandCounting:
    """Counts per answer key with one answer in focus. A screen gives ``_count_table`` (the dict it keeps),
    ``_keys`` (the answers in order) and ``changed``; it may override the two hooks."""

    focus: int = 0
    _typed: bool = False  # a digit was typed since the focus moved: the next one adds to it

    def _count_table(self) -> dict[str, int]:
        raise NotImplementedError

    def _keys(self) -> list[str]:
        raise NotImplementedError

    def _counts_changed(self) -> None:
        """The counts changed: keep them (saved or drafted)."""

    def _focus_moved(self) -> None:
        """The answer in focus changed."""

    def _focused_key(self) -> str | None:
        keys = self._keys()
        return keys[self.focus % len(keys)] if keys else None

    def add(self, key: str, delta: int) -> None:
        counts = self._count_table()
        counts[key] = hands.stepped(counts.get(key, 0), delta)
        self._counts_changed()
        self.changed()

    def type_digit(self, digit: int) -> None:
        key = self._focused_key()
        if key is None:
            return
        counts = self._count_table()
        counts[key] = hands.typed(counts.get(key, 0), digit, self._typed)
        self._typed = True
        self._counts_changed()
        self.changed()

    def erase_digit(self) -> None:
        key = self._focused_key()
        if key is None:
            return
        counts = self._count_table()
        counts[key] = hands.erased(counts.get(key, 0))
        self._counts_changed()
        self.changed()

    def set_focus(self, index: int) -> None:
        keys = self._keys()
        if keys:
            self.focus = index % len(keys)
        self._typed = False
        self._focus_moved()
        self.changed()

    def handle_count_key(self, event: pygame.event.Event) -> bool:
        """Digits, Backspace, up/down (+/-) and left/right/Tab on the counts; False for any other key."""
        key = event.key
        if key in DIGIT_KEYS:
            self.type_digit(DIGIT_KEYS[key])
        elif key == pygame.K_BACKSPACE or key in _UP or key in _DOWN:
            focused = self._focused_key()
            if focused is None:
                return False
            if key == pygame.K_BACKSPACE:
                self.erase_digit()
            else:
                self.add(focused, 1 if key in _UP else -1)
        elif key in _ACROSS:
            back = key == pygame.K_LEFT or (key == pygame.K_TAB and event.mod & pygame.KMOD_SHIFT)
            self.set_focus(self.focus + (-1 if back else 1))
        else:
            return False
        return True
