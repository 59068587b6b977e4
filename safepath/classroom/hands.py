"""Counting raised hands on the trainer's laptop: one number per answer, stepped or typed.

Both class screens that take a vote (a decision in a story, an item of a knowledge check) count alike, so a
trainer learns it once: the arrows or +/- step the answer in focus, digits type its number, Backspace takes
the last digit off. Digits build a number until the focus moves. A number over :data:`MAX_HANDS` starts
again at the digit just typed, so a slip of the finger never leaves an impossible count. No pygame: the
screens turn keys into these steps (:class:`safepath.scenes.class_hands.HandCounting`).
"""

from __future__ import annotations

from safepath.classroom.session import MAX_HANDS


def stepped(count: int, delta: int) -> int:
    """The count one step up or down, never below 0 or above :data:`MAX_HANDS`."""
    return max(0, min(MAX_HANDS, count + delta))


def typed(count: int, digit: int, continuing: bool) -> int:
    """The count after a digit: appended while ``continuing`` (digits typed since the focus moved), else new."""
    value = count * 10 + digit if continuing else digit
    return value if value <= MAX_HANDS else digit


def erased(count: int) -> int:
    """The count with its last digit taken off (Backspace)."""
    return count // 10
