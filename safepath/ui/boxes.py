"""Where text goes on the screens and how wide it may be: one definition for the screens and the fit check.

Every screen sizes its text boxes from the real fonts at the player's window
size and text size, and most boxes grow taller with their text. What cannot
grow is the width (and, for a few boxes, the number of lines that still looks
like what it is: a name, a title, a button). The screens read those widths
from the functions below, and :mod:`safepath.ui.fit` (SP073 in ``safepath
lint`` and ``safepath i18n status``) uses the same functions at the smallest
supported window (:data:`DESIGN_SIZE`) and the largest text size
(:data:`LARGEST_STEP`), so "fits in the check" means "fits on screen".

The functions only do arithmetic on a :class:`~safepath.ui.theme.Theme`; rectangles are plain
``(x, y, w, h)`` tuples, so this module needs no display.
"""

from __future__ import annotations

from safepath.ui.theme import Theme

#: the smallest window SafePath is designed for; the fit check measures there
DESIGN_SIZE = (1280, 720)
#: the largest of the player's text sizes (Theme.text_step 0..2); the fit check measures there
LARGEST_STEP = 2

Rect = tuple[int, int, int, int]


# -- the story screen: the stage (phone or narration card) and the choices panel -------------------------
#: how much room the story stage gives up to the choices, by level (the story screen raises the level until
#: the choices fit): (phone width, card width, share of the row, widest choices panel) in design px
STAGE_LEVELS = ((520, 620, 0.5, 640), (440, 500, 0.42, 760), (380, 420, 0.36, 820))
#: stacked layout (tall windows): the stage's share of the height, by level
STACKED_SHARE = (0.58, 0.45, 0.34)
#: the level with the narrowest stage and the widest choices panel
LAST_LEVEL = len(STAGE_LEVELS) - 1


def stage_and_panel(theme: Theme, size: tuple[int, int], phone: bool, top_bar_bottom: int = 0,
                    level: int = 0) -> tuple[Rect, Rect]:
    """The stage (the phone, or the narration card) and the choices panel, side by side on wide windows.

    ``top_bar_bottom``: where the top bar's (measured) buttons end; ``level`` 0–2: how much narrower (or,
    stacked, lower) the stage gets so that long choices at large text sizes fit beside it.
    """
    w, h = size
    level = max(0, min(LAST_LEVEL, level))
    phone_w, card_w, share, panel_max = STAGE_LEVELS[level]
    margin = theme.px(32)
    top = max(theme.min_touch + theme.px(12), top_bar_bottom) + theme.px(20)  # under the top bar
    bottom = h - theme.px(28)
    avail_h = max(theme.px(200), bottom - top)
    gap = theme.px(48 if level < 2 else 36)
    if w >= h * 1.2:
        stage_w = min(theme.px(phone_w if phone else card_w), int((w - 2 * margin - gap) * share))
        panel_w = min(theme.px(panel_max), w - 2 * margin - gap - stage_w)
        left = max(margin, (w - stage_w - gap - panel_w) // 2)
        stage = (left, top, stage_w, avail_h)
        panel = (left + stage_w + gap, top + theme.px(24), panel_w, avail_h - theme.px(24))
    else:
        stage_w = min(w - 2 * margin, theme.px(640))
        stage_h = int(avail_h * STACKED_SHARE[level])
        stage = ((w - stage_w) // 2, top, stage_w, stage_h)
        panel_w = min(w - 2 * margin, theme.px(760))
        panel_top = top + stage_h + theme.px(24)
        panel = ((w - panel_w) // 2, panel_top, panel_w, bottom - panel_top)
    return stage, panel


def thread_width(theme: Theme, stage_w: int, phone: bool) -> int:
    """Width of the message thread: inside the phone, or inside the narration card."""
    return stage_w - theme.px(24) if phone else stage_w - 2 * theme.pad - theme.px(8)


def bubble_max_width(theme: Theme, thread_w: int) -> int:
    """Widest a message bubble may be (the rest of the row is the avatar and a margin)."""
    return max(theme.px(120), int((thread_w - theme.px(40) - theme.px(8)) * 0.86))


def bubble_text_width(theme: Theme, thread_w: int) -> int:
    """Width of the text inside the widest bubble (also a speaker's name above it)."""
    return bubble_max_width(theme, thread_w) - 2 * theme.px(12)


def note_text_width(theme: Theme, thread_w: int) -> int:
    """Width of a narrator's small centred note inside a chat."""
    return max(40, int(thread_w * 0.8) - 2 * theme.px(12))


def header_text_width(theme: Theme, stage_w: int) -> int:
    """Width of the phone header's text (the contact's name, the app) right of the avatar."""
    return max(20, stage_w - 2 * theme.pad - theme.px(58))


# -- buttons and cards ----------------------------------------------------------------------------------
def number_badge_size(theme: Theme) -> int:
    """Side of the small number badge ("1", "2" ...) on a button: grows with the text size like its number."""
    return max(theme.px(30), theme.text_px("small") + theme.px(12))


def button_text_width(theme: Theme, width: int, numbered: bool = False, icon: bool = False) -> int:
    """Width of a button's label inside a button ``width`` px wide (a number badge and an icon take room)."""
    badge = number_badge_size(theme) + theme.px(10) if numbered else 0
    picture = theme.px(48) + theme.px(12) if icon else 0
    return max(20, width - 2 * theme.pad - badge - picture)


def half_width(theme: Theme, width: int, gap: int | None = None) -> int:
    """Width of each of two buttons sharing a row of ``width`` px (``gap``: the menu's own spacing)."""
    return (width - (theme.gap if gap is None else gap)) // 2


def card_star_size(theme: Theme) -> int:
    """Size of one star on a scenario card: it grows with the text size, like the text."""
    return max(theme.px(26), round(theme.text_px("small") * 1.1))


def card_stars_width(theme: Theme) -> int:
    """Room the stars take right of a scenario card's title."""
    return 3 * card_star_size(theme) + theme.px(30)


PICKER_COLUMN = 980  # design width of the story list
PICKER_COLUMN_WIDE = 1200  # three story cards in one row: a wider list, stars under each title


def column_width(theme: Theme, width: int, columns: int, gap: int | None = None) -> int:
    """Width of each of ``columns`` buttons sharing a row of ``width`` px (two: :func:`half_width`)."""
    return (width - (theme.gap if gap is None else gap) * (columns - 1)) // max(1, columns)


def picker_columns(theme: Theme, count: int) -> int:
    """Story cards side by side when the window has room: three stories in one row of three, else rows of two."""
    if count < 2 or theme.content_width(PICKER_COLUMN) < theme.px(940):
        return 1
    return 3 if count == 3 else 2


def picker_two_columns(theme: Theme, count: int) -> bool:
    """Story cards go side by side when the window has room for two readable columns (or three)."""
    return picker_columns(theme, count) > 1


def picker_column(theme: Theme, count: int) -> int:
    """Width of the story list: wider when three cards share a row."""
    return theme.content_width(PICKER_COLUMN_WIDE if picker_columns(theme, count) == 3 else PICKER_COLUMN)


def picker_title_width(theme: Theme, count: int = 3) -> int:
    """Width of a scenario's title on its card in the story list (numbered cards; stars on the right of the
    title, or under it when three cards share a row)."""
    columns = picker_columns(theme, count)
    card = column_width(theme, picker_column(theme, count), columns)
    stars = 0 if columns == 3 else card_stars_width(theme)
    return button_text_width(theme, card, numbered=True) - stars


# -- overlays and the debrief ---------------------------------------------------------------------------
def feedback_card_tries(theme: Theme, size: tuple[int, int]) -> list[tuple[int, str]]:
    """(card width, text role) the feedback card tries in turn until its text fits the window's height."""
    widest = size[0] - 2 * theme.px(24)
    return [(min(theme.px(640), widest), "body"), (min(theme.px(900), widest), "body"), (widest, "body"),
            (widest, "small")]


def feedback_text_width(theme: Theme, card_w: int) -> int:
    return card_w - 2 * theme.pad - theme.px(16)


DEBRIEF_COLUMN = 900


def debrief_column(theme: Theme) -> int:
    return theme.content_width(DEBRIEF_COLUMN)


def status_icon_size(theme: Theme, role: str = "body") -> int:
    """Diameter of a status sign beside text of ``role``: it grows with the text size, like the text."""
    return max(theme.px(22), round(theme.text_px(role) * 0.95))


def debrief_icon_radius(theme: Theme) -> int:
    return max(theme.px(13), status_icon_size(theme, "body") // 2)


def debrief_indent(theme: Theme) -> int:
    """Room left of a red flag's (or badge's) title on the debrief for its icon."""
    return 2 * debrief_icon_radius(theme) + theme.px(14)


def design_theme(text_step: int = LARGEST_STEP, size: tuple[int, int] = DESIGN_SIZE) -> Theme:
    """The theme the fit check measures with: the smallest window, the largest text."""
    return Theme(text_step=text_step, screen_size=size)
