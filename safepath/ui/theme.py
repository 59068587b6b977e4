"""Colours, spacing and text sizes shared by every screen.

One place decides how the game looks so that the menus (H5) and the story
screens (H6) match, and so that the player's settings (text size, high
contrast) change every screen at once.

Sizes are given for a 1280×720 window and scaled with the window's height
(clamped), so a 1920×1080 projector shows the same layout, just larger, and
a 1366×768 laptop is not cramped. Text sizes come in three steps, the player's
"text size" setting; the largest step is what overflow checks test against.
"""

from __future__ import annotations

from dataclasses import dataclass, field

Color = tuple[int, int, int]


@dataclass(frozen=True)
class Palette:
    background: Color
    surface: Color  # cards, panels, message bubbles from others
    surface_alt: Color  # the player's own bubbles, selected cards
    text: Color
    text_muted: Color
    accent: Color  # primary buttons, focus ring
    accent_text: Color  # text on accent
    button: Color
    button_hover: Color
    border: Color
    focus: Color
    danger: Color  # delete, red flag missed (never alarming red; a warm brick)
    danger_text: Color
    safe: Color  # spotted, safe ending
    warning: Color  # content notes, false alarms
    star: Color
    overlay_dim: tuple[int, int, int, int]  # RGBA drawn over the scene under an overlay


#: Calm: soft sand background, deep teal accent, warm but quiet signal colours.
CALM = Palette(
    background=(244, 240, 232),
    surface=(255, 255, 255),
    surface_alt=(222, 238, 234),
    text=(33, 41, 48),
    text_muted=(92, 102, 112),
    accent=(23, 110, 108),
    accent_text=(255, 255, 255),
    button=(255, 255, 255),
    button_hover=(230, 242, 239),
    border=(196, 203, 206),
    focus=(224, 138, 40),
    danger=(170, 72, 56),
    danger_text=(255, 255, 255),
    safe=(46, 125, 80),
    warning=(176, 120, 20),
    star=(226, 164, 32),
    overlay_dim=(20, 28, 34, 150),
)

#: High contrast: black on white, heavy borders, yellow focus (WCAG AAA for body text).
HIGH_CONTRAST = Palette(
    background=(0, 0, 0),
    surface=(0, 0, 0),
    surface_alt=(20, 20, 60),
    text=(255, 255, 255),
    text_muted=(235, 235, 235),
    accent=(255, 230, 0),
    accent_text=(0, 0, 0),
    button=(0, 0, 0),
    button_hover=(40, 40, 40),
    border=(255, 255, 255),
    focus=(0, 220, 255),
    danger=(255, 120, 110),
    danger_text=(0, 0, 0),
    safe=(120, 255, 140),
    warning=(255, 210, 80),
    star=(255, 230, 0),
    overlay_dim=(0, 0, 0, 200),
)

#: text roles -> px at text-size step 0 in a 720 px tall window
BASE_TEXT = {"small": 18, "body": 22, "button": 24, "heading": 30, "title": 46}
#: multipliers of the three text-size steps (setting 0, 1, 2)
TEXT_STEPS = (1.0, 1.2, 1.4)
TEXT_STEP_NAMES = ("Normal", "Large", "Very large")


@dataclass
class Theme:
    """The look for the current settings and window size. Mutable: the app updates it in place."""

    high_contrast: bool = False
    text_step: int = 0
    screen_size: tuple[int, int] = (1280, 720)
    palette: Palette = field(init=False)

    def __post_init__(self) -> None:
        self.apply(self.high_contrast, self.text_step, self.screen_size)

    def apply(self, high_contrast: bool, text_step: int, screen_size: tuple[int, int] | None = None) -> None:
        self.high_contrast = bool(high_contrast)
        self.text_step = max(0, min(2, int(text_step)))
        if screen_size is not None:
            self.screen_size = (max(1, screen_size[0]), max(1, screen_size[1]))
        self.palette = HIGH_CONTRAST if self.high_contrast else CALM

    # -- scale ---------------------------------------------------------------------------------
    @property
    def scale(self) -> float:
        """Layout scale against the 1280×720 design size (height-led, clamped for odd windows)."""
        w, h = self.screen_size
        return max(0.75, min(w / 1280, h / 720, 2.0))

    def px(self, value: float) -> int:
        """A design-size length in pixels for the current window."""
        return max(1, round(value * self.scale))

    def text_px(self, role: str = "body") -> int:
        """Text size in pixels for a role ("small", "body", "button", "heading", "title")."""
        return max(10, round(BASE_TEXT[role] * TEXT_STEPS[self.text_step] * self.scale))

    # -- spacing ---------------------------------------------------------------------------------
    @property
    def gap(self) -> int:
        """Space between items in a list."""
        return self.px(14)

    @property
    def pad(self) -> int:
        """Padding inside buttons and cards."""
        return self.px(16)

    @property
    def margin(self) -> int:
        """Space between the window edge and content."""
        return self.px(40)

    @property
    def radius(self) -> int:
        return self.px(14)

    @property
    def border_width(self) -> int:
        return self.px(3) if self.high_contrast else self.px(2)

    @property
    def focus_width(self) -> int:
        return self.px(4)

    @property
    def min_touch(self) -> int:
        """Smallest height of anything clickable (fingers on touch screens, shaky hands)."""
        return self.px(56)

    def content_width(self, max_design_width: int = 900) -> int:
        """Width of a centred column: the window minus margins, at most ``max_design_width`` (scaled)."""
        w, _ = self.screen_size
        return max(200, min(w - 2 * self.margin, self.px(max_design_width)))
