"""SP073: does each text fit the box it is shown in, at the largest text size, with the real fonts?

``safepath lint`` asks this for the English of every scenario and of the red-flag
catalogue, ``safepath i18n status`` for every translation. A text is laid out
exactly as the screens lay it out (:func:`safepath.text.layout.layout` with the
shaped widths of :class:`~safepath.ui.fonts.FontBook`) into the width its box
has at the smallest supported window and the largest text size
(:mod:`safepath.ui.boxes`, which the screens read too), and it does not fit when

* it needs more lines than the box allows: a name or a title that wraps, a choice
  so long that the choices no longer fit the panel together, a message taller
  than the phone's screen, a feedback card taller than the window at its widest; or
* a word is wider than the whole box, so the layout has to cut it in the middle
  (a long web address, a compound word in a narrow button).

Which texts go in which box is decided by :func:`scenario_boxes` from the story
itself (a line in a chat is a bubble, the same line in a narration scene a
paragraph of the story card). With two languages at once, :func:`scenario_pair_problems`
measures each text with its second language under it (:mod:`safepath.ui.bilingual`).
Results are cached per (text, box, language), and
a text that fits on one line is measured once, not laid out, so linting a
thousand scenes stays fast. A longer text that fits with room to spare is not laid out either
(:meth:`FitChecker.fits`): an upper bound on its lines, from the widths of its unbreakable pieces,
settles it.
"""

from __future__ import annotations

import ast
import os
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

from safepath import paths
from safepath.story import model
from safepath.story.diagnostics import Diagnostic, warning
from safepath.ui import boxes

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")  # lint output must stay clean (and valid JSON)

from safepath.text.scripts import LATIN  # noqa: E402
from safepath.text.wrap_bound import PLAIN_ASCII, PRINTABLE_ASCII, surely_fits, surely_fits_counted  # noqa: E402
from safepath.ui.fonts import FontBook, default_book  # noqa: E402  (imports pygame)
from safepath.ui.theme import Theme  # noqa: E402


#: most lines a choice button's label may need (more is not something to pick at a glance)
CHOICE_LINES = 3


@dataclass(frozen=True)
class Box:
    """Where a text is shown: the words for messages, the text role, and how much room there is."""

    name: str  # "choice button", "name in the chat header" ...
    role: str  # theme text role: small, body, button, heading, title
    bold: bool
    width: int  # px at the design window and the largest text size
    max_lines: int | None = None  # a fixed number of lines (names, titles, labels)
    max_height: int | None = None  # or the height available (lines follow from each script's line height)

    def __post_init__(self) -> None:
        # a box is part of the key of every text measured in it: hashed once, not once per text
        object.__setattr__(self, "_hash", hash((self.name, self.role, self.bold, self.width, self.max_lines,
                                                self.max_height)))

    def __hash__(self) -> int:
        return self._hash


@dataclass(frozen=True)
class Fit:
    lines: int
    allowed: int | None
    cut_word: str  # a word cut in the middle because it is wider than the box ("" if none)

    @property
    def fits(self) -> bool:
        return not self.cut_word and (self.allowed is None or self.lines <= self.allowed)


class FitChecker:
    """Lays texts out into boxes with the real fonts and says whether they fit (results cached)."""

    def __init__(self, theme: Theme | None = None, book: FontBook | None = None) -> None:
        self.theme = theme or boxes.design_theme()
        self.book = book or default_book()
        self.book.check_files()  # FontMissingError now, not half-way through a lint run
        self._fits: dict[tuple, Fit] = {}
        self._sure: set[tuple] = set()  # (text, box, lang) that surely fit (see fits), not laid out
        self._steps: dict[tuple[str, bool], int] = {}  # (role, bold) -> see _ascii_step
        self._screens: dict[tuple, dict[str, Box]] = {}

    # -- measuring ------------------------------------------------------------------------------
    def line_height(self, text: str, role: str, bold: bool) -> int:
        from safepath.text.scripts import scripts_used

        scripts = scripts_used(text) or ("Latn",)
        return self._line_height(scripts, self.theme.text_px(role), bold)

    @lru_cache(maxsize=64)
    def _line_height(self, scripts: tuple[str, ...], size: int, bold: bool) -> int:
        return self.book.line_metrics(scripts, size, bold)[0]

    def text_height(self, text: str, width: int, role: str, bold: bool = False, lang: str | None = None) -> int:
        """Height of ``text`` wrapped into ``width`` px (what the screens' ``text_size`` gives)."""
        if not text:
            return 0
        return self.fit(text, Box("", role, bold, width), lang).lines * self.line_height(text, role, bold)

    def fit(self, text: str, box: Box, lang: str | None) -> Fit:
        """How ``text`` lays out in ``box``: its lines, the lines allowed, a word cut in the middle."""
        key = (text, box, lang)
        found = self._fits.get(key)
        if found is None:
            found = self._fits[key] = self._measure(text, box, lang)
        return found

    def fits(self, text: str, box: Box, lang: str | None) -> bool:
        """``fit(text, box, lang).fits``, without the layout when :func:`~safepath.text.wrap_bound.surely_fits`
        settles it."""
        key = (text, box, lang)
        found = self._fits.get(key)
        if found is not None:
            return found.fits
        if key in self._sure:
            return True
        allowed = self._allowed(text, box)
        if allowed is None or allowed >= 1:
            if PLAIN_ASCII.fullmatch(text):  # first without measuring: each character as wide as the widest
                if surely_fits_counted(text, box.width, allowed, self._ascii_step(box.role, box.bold)):
                    self._sure.add(key)
                    return True
            if surely_fits(text, box.width, allowed, self.book.measurer(self.theme.text_px(box.role)), box.bold, lang):
                self._sure.add(key)
                return True
        return self.fit(text, box, lang).fits

    def misfit(self, text: str, box: Box, lang: str | None) -> Fit | None:
        """How ``text`` lays out in ``box`` when it does not fit (for the message), else None."""
        return None if self.fits(text, box, lang) else self.fit(text, box, lang)

    def _ascii_step(self, role: str, bold: bool) -> int:
        """The widest printable ASCII character of the role's Latin font, and a pixel for rounding: no run of
        printable ASCII is wider than its length times this."""
        key = (role, bold)
        found = self._steps.get(key)
        if found is None:
            font = self.book.get(LATIN, self.theme.text_px(role), bold)
            found = self._steps[key] = max(m[4] for m in font.metrics(PRINTABLE_ASCII) if m) + 1
        return found

    def _allowed(self, text: str, box: Box) -> int | None:
        allowed = box.max_lines
        if box.max_height is not None:
            by_height = max(0, box.max_height // max(1, self.line_height(text, box.role, box.bold)))
            allowed = by_height if allowed is None else min(allowed, by_height)
        return allowed

    def _measure(self, text: str, box: Box, lang: str | None) -> Fit:
        from safepath.text.breaks import line_break_opportunities, normalize_newlines
        from safepath.text.layout import _lang_locale, layout
        from safepath.text.scripts import split_runs

        size = self.theme.text_px(box.role)
        allowed = self._allowed(text, box)
        text = normalize_newlines(text)
        measure = self.book.measurer(size)
        if "\n" not in text:  # the common case: one line, one measurement per script run
            width = sum(measure(run.text, run.script, box.bold) for run in split_runs(text.rstrip()))
            if width <= box.width:
                return Fit(1, allowed, "")
        lines = layout(text, box.width, measure, 1, 0, box.bold, lang)
        locale = _lang_locale(lang)
        allowed_breaks: set[int] = set()
        start = 0
        for paragraph in text.split("\n"):
            allowed_breaks.update(start + b for b in line_break_opportunities(paragraph, locale))
            start += len(paragraph) + 1
            allowed_breaks.add(start - 1)  # the end of the paragraph
        cut = ""
        offset = 0
        for line in lines[:-1]:
            offset += len(line.text) + len(line.trailing)
            if offset not in allowed_breaks and not line.trailing.endswith("\n"):
                before, after = re.split(r"[ \t\n]+", text[:offset]), re.split(r"[ \t\n]+", text[offset:])
                cut = (before[-1] if before else "") + (after[0] if after else "")
                break
        return Fit(len(lines), allowed, cut)

    # -- two languages at once -------------------------------------------------------------------
    def pair_height(self, primary: str, secondary: str | None, box: Box, lang: str | None,
                    second_lang: str | None) -> int:
        """Height of ``primary`` with ``secondary`` under it in ``box``: :func:`safepath.ui.bilingual.measure_pair`."""
        from safepath.ui import bilingual

        return bilingual.measure_pair(primary, secondary, box.width, self.theme.text_px(box.role), box.bold, lang,
                                      second_lang, self.book)[1]

    def pair_fits(self, primary: str, secondary: str | None, box: Box, lang: str | None,
                  second_lang: str | None) -> bool:
        """Whether the two-language block fits ``box``: the primary within its lines, both within its height.

        The line limit is the primary's (a choice of three lines is still one glance in the player's
        first language); the height is the whole block's, each script with its own line height.
        """
        if not secondary:
            return self.fits(primary, box, lang)
        if not self.fits(primary, replace(box, max_height=None), lang):
            return False
        return box.max_height is None or self.pair_height(primary, secondary, box, lang, second_lang) <= box.max_height

    # -- boxes of the screens ---------------------------------------------------------------------
    def button_height(self, label: str, width: int, lang: str | None, numbered: bool = True) -> int:
        """What :meth:`safepath.ui.widgets.Button.measure` gives for a one-label button."""
        theme = self.theme
        inner = boxes.button_text_width(theme, width, numbered)
        return max(theme.min_touch, self.text_height(label, inner, "button", True, lang) + 2 * theme.px(12))

    def story_boxes(self, phone: bool, lang: str, header: tuple[str, str] = ("", ""),
                    scene_title: str = "", prompt: str = "", choices: int = 0) -> dict[str, Box]:
        """The boxes of one story screen: its stage (phone or card) and choices panel at the design size."""
        key = ("story", phone, lang, header, scene_title, prompt, choices)
        found = self._screens.get(key)
        if found is None:
            found = self._screens[key] = self._story_boxes(phone, lang, header, scene_title, prompt, choices)
        return found

    def _story_boxes(self, phone: bool, lang: str, header: tuple[str, str], scene_title: str, prompt: str,
                     choices: int) -> dict[str, Box]:
        from safepath.i18n import get_translator

        theme, size = self.theme, boxes.DESIGN_SIZE
        tr = get_translator(lang)
        # the top bar's buttons are as wide as their one-line label (TopBar.layout), as tall as it needs
        label_w = size[0] // 4 + 2 * theme.pad + theme.px(8)
        top_bar = theme.px(12) + max(self.button_height(tr.gettext(label), label_w, lang, False)
                                     for label in ("Skip", "Menu"))
        # Measured as the story screen first lays itself out (level 0). When choices do not fit there, the
        # screen narrows the stage to give them room; a text reported here is long enough to force that.
        (_sx, _sy, stage_w, stage_h), (_px, _py, panel_w, panel_h) = boxes.stage_and_panel(theme, size, phone, top_bar)
        thread_w = boxes.thread_width(theme, stage_w, phone)
        pad12 = theme.px(12)
        small_line = self.line_height(header[0] or "A", "small", True)
        out: dict[str, Box] = {}
        if phone:
            header_w = boxes.header_text_width(theme, stage_w)
            header_h = max(theme.px(64), sum(self.text_height(t, header_w, "small", b, lang)
                                             for t, b in ((header[0], True), (header[1], False))) + theme.px(16))
            thread_h = stage_h - header_h - theme.px(20) - theme.px(10)
            out["header"] = Box("name in the chat header", "small", True, header_w, max_lines=1)
            out["note"] = Box("note between chat messages", "small", False, boxes.note_text_width(theme, thread_w),
                              max_height=thread_h - 2 * theme.px(6))
        else:
            thread_h = stage_h - 2 * theme.pad - theme.px(8)
            title_h = self.text_height(scene_title, thread_w, "heading", True, lang) + theme.gap if scene_title else 0
            out["heading"] = Box("scene heading", "heading", True, thread_w, max_lines=2)
            out["note"] = Box("story card", "body", False, thread_w, max_height=thread_h - title_h - theme.px(12))
        bubble_w = boxes.bubble_text_width(theme, thread_w)
        time_line = self.line_height("19:42", "small", False)
        out["bubble"] = Box("message bubble", "body", False, bubble_w,
                            max_height=thread_h - 2 * pad12 - small_line - time_line - theme.px(4))
        out["speaker"] = Box("name above a message", "small", True, bubble_w, max_lines=1)
        if choices:
            # the choices scroll when together they are taller than the panel; one choice must still be
            # readable whole, and a label of more than three lines is no longer something to pick at a glance
            prompt_h = self.text_height(prompt, panel_w, "heading", True, lang) + theme.gap if prompt else 0
            out["choice"] = Box("choice button", "button", True, boxes.button_text_width(theme, panel_w, numbered=True),
                                max_lines=CHOICE_LINES, max_height=panel_h - prompt_h - 2 * pad12)
        return out

    def fixed_boxes(self) -> dict[str, Box]:
        """Boxes that do not depend on the scene: cards, titles, buttons."""
        theme = self.theme
        col = boxes.debrief_column(theme)
        return {
            "picker-title": Box("story title on its card in the story list", "button", True,
                                min(boxes.picker_title_width(theme, n) for n in (2, 3)), max_lines=2),
            "red-flag-title": Box("red flag title on the debrief", "body", True, col - boxes.debrief_indent(theme),
                                  max_lines=2),
            "interface-button": Box("button", "button", True,
                                    boxes.button_text_width(theme, boxes.half_width(theme, col), numbered=True),
                                    max_lines=2),
        }

    def feedback_fits(self, scenario: model.Scenario, choice: model.Choice, lang: str) -> bool:
        """The feedback card of ``choice`` fits the window at one of the widths it tries (as the screen does)."""
        from safepath.i18n import current_language, set_language
        from safepath.scenes.feedback import FeedbackOverlay

        key = ("feedback", scenario.id, choice.text.context, choice.feedback.text if choice.feedback else "", lang)
        found = self._fits.get(key)
        if found is not None:
            return found.fits
        theme, size = self.theme, boxes.DESIGN_SIZE
        overlay = FeedbackOverlay(scenario, choice)
        overlay.app = _CheckApp(theme, lang)
        before = current_language()
        set_language(lang)  # the card's own words ("Red flag spotted: ...") come from the current language
        try:
            ok = any(overlay._layout_card(size, card_w, role) <= size[1] - 2 * theme.px(16)
                     for card_w, role in boxes.feedback_card_tries(theme, size))
        finally:
            set_language(before)
        self._fits[key] = Fit(1, 1 if ok else 0, "")
        return ok


class _CheckApp:
    """What the feedback card needs from the app to lay itself out: the theme and the language."""

    def __init__(self, theme: Theme, lang: str) -> None:
        from safepath.i18n import get_translator

        self.theme, self.lang = theme, lang
        self.tr = get_translator(lang).gettext


# -- which text goes in which box ------------------------------------------------------------------------
def scenario_boxes(scenario: model.Scenario, checker: FitChecker, lang: str = "en",
                   translate=None) -> Iterator[tuple[model.Text, Box]]:
    """Every text of ``scenario`` shown in a box of fixed width, with that box (a text may be in several).

    ``translate(text)`` gives the text as shown (default: the English source with amounts written out);
    it is used only to size the screen around the text checked (headers, prompts).
    """
    from safepath.i18n import get_translator

    tr = get_translator(lang)
    shown = translate or (lambda t: tr.text(t))
    fixed = checker.fixed_boxes()
    yield scenario.title, fixed["picker-title"]
    names = {cid: shown(c.name) for cid, c in scenario.characters.items()}  # each asked once, not per scene
    messages, reply, act = tr.gettext("Messages"), tr.gettext("How do you reply?"), tr.gettext("What do you do?")
    for scene in scenario.scenes.values():
        phone = scene.kind is model.SceneKind.CHAT
        speaker = next((line.speaker for line in scene.lines
                        if line.speaker in scenario.characters
                        and scenario.characters[line.speaker].role is not model.Role.PLAYER), None)
        contact = scenario.characters[speaker] if speaker else None
        header = (names[speaker] if speaker else "", scene.app or messages)
        prompt = ""
        if scene.choices:
            prompt = reply if phone else act
        screen = checker.story_boxes(phone, lang, header, shown(scene.title) if scene.title and not phone else "",
                                     prompt, len(scene.choices))
        if scene.title is not None and not phone:
            yield scene.title, replace(screen["heading"], name="ending title" if scene.is_ending else "scene heading")
        if phone and contact is not None:
            yield contact.name, screen["header"]
        for line in scene.lines:
            character = scenario.characters.get(line.speaker or "")
            if character is None:
                yield line.text, screen["note"]
            else:
                yield line.text, screen["bubble"]
                if character.role is not model.Role.PLAYER:
                    yield character.name, screen["speaker"]
        for choice in scene.choices:
            yield choice.text, screen["choice"]
            if phone:  # the player's reply appears as their own bubble
                yield choice.text, screen["bubble"]


def scenario_pair_problems(scenario: model.Scenario, lang: str, second_lang: str,
                           checker: FitChecker | None = None) -> list[str]:
    """SP073 for a pair of languages: each text of ``scenario`` whose two-language block does not fit its box.

    At the design window and the largest text size, as for one language; a text one of the two
    languages lacks is shown once (:func:`safepath.i18n.text_pair_in`) and measured so. The screens
    fall back for these (compact choices, a narrower phone, a scrolling card), so this tells a
    trainer or translator where a pair is tight; it is not an error of the story.
    """
    from safepath.i18n import get_translator, text_pair_in

    checker = checker or FitChecker()
    first = get_translator(lang)
    out, seen = [], set()
    for text, box in scenario_boxes(scenario, checker, lang):
        if text is None or (text.context, box.name) in seen:
            continue
        seen.add((text.context, box.name))
        primary, secondary = text_pair_in(first, second_lang, text)
        if not checker.pair_fits(primary, secondary, box, lang, second_lang):
            out.append(f"{text.pos.file}:{text.pos.line}: in {_LANG_NAMES.get(lang, lang)} with "
                       f"{_LANG_NAMES.get(second_lang, second_lang)} under it, this text does not fit the {box.name} "
                       f"({box.width} px wide at the largest text size); in the catalogs: "
                       f'msgctxt "{text.context}"')  # what a translator searches for in Poedit or a .po file
    return out


def problem_message(subject: str, fit: Fit, box: Box, lang: str | None) -> str:
    """One sentence: what does not fit where, for an author or a translator."""
    where = f"the {box.name} ({box.width} px wide at the largest text size"
    where += f", {_LANG_NAMES.get(lang, lang)})" if lang and lang != "en" else ")"
    if fit.cut_word:
        word = fit.cut_word if len(fit.cut_word) <= 40 else fit.cut_word[:37] + "..."
        return f"{subject} has a word wider than {where}, so “{word}” is cut in the middle"
    room = f"room for {fit.allowed} line{'' if fit.allowed == 1 else 's'}"
    return f"{subject} needs {fit.lines} lines in {where}, which has {room}"


_LANG_NAMES = {"th": "Thai", "my": "Burmese", "en": "English", "xx": "pseudo-locale"}
HINT_SOURCE = ("shorten the text or split it (two lines, or a line and a choice); "
               "see it with `safepath screenshots shots --text-size 2`")
HINT_TRANSLATION = ("write a shorter translation (translators may say it differently); "
                    "see it with `safepath screenshots shots --lang LANG --text-size 2`")


def check_scenario(scenario: model.Scenario, checker: FitChecker | None = None) -> list[Diagnostic]:
    """SP073 for the English of one scenario (``safepath lint``)."""
    from safepath.i18n.amounts import expand

    checker = checker or FitChecker()
    out: list[Diagnostic] = []
    seen: set[tuple[str, str]] = set()
    # a story repeats its replies and choices word for word, in the same box object (one per screen shape):
    # each is laid out once, and a misfit is still reported at every place it is written (the box is kept
    # with its verdict, so that its id is never another box's)
    verdicts: dict[tuple[str, int], tuple[Box, Fit | None]] = {}
    for text, box in scenario_boxes(scenario, checker, "en"):
        place = (text.context, box.name)
        if place in seen:
            continue
        seen.add(place)
        key = (text.text, id(box))
        found = verdicts.get(key)
        if found is None:
            found = verdicts[key] = (box, checker.misfit(expand(text.text, "en"), box, "en"))
        fit = found[1]
        if fit is not None:
            out.append(warning("SP073", text.pos.file, text.pos.line, text.pos.column,
                               problem_message("This text", fit, box, None), HINT_SOURCE))
    for scene in scenario.scenes.values():
        for choice in scene.choices:
            if choice.feedback is not None and not checker.feedback_fits(scenario, choice, "en"):
                pos = choice.feedback.pos
                out.append(warning("SP073", pos.file, pos.line, pos.column,
                                   "This feedback does not fit its card at the largest text size, even at the "
                                   "card's widest with the smaller text; the end is cut off", HINT_SOURCE))
    return out


def check_red_flags(red_flags: Iterable[model.RedFlag], checker: FitChecker | None = None) -> list[Diagnostic]:
    """SP073 for the red flags' titles as the debrief shows them."""
    checker = checker or FitChecker()
    box = checker.fixed_boxes()["red-flag-title"]
    out = []
    for flag in red_flags:
        fit = checker.misfit(flag.title.text, box, "en")
        if fit is not None:
            pos = flag.title.pos
            out.append(warning("SP073", pos.file, pos.line, pos.column, problem_message("This title", fit, box, None),
                               HINT_SOURCE))
    return out


# -- the interface: which strings are button labels ------------------------------------------------------
@lru_cache(maxsize=2)
def button_labels(folder: str | None = None) -> frozenset[str]:
    """Interface strings used as button labels: ``Button(_("..."))`` or ``self._button(N_("..."))`` in the screens' code.

    Read from the code itself, so a new button is checked as soon as it exists.
    """
    root = Path(folder) if folder else paths.package_dir()  # in the bundle: no sources, so no labels to check
    found: set[str] = set()
    for path in sorted((root / "scenes").glob("*.py")) + sorted((root / "ui").glob("*.py")):
        try:
            tree = ast.parse(path.read_text(encoding="utf-8"))
        except (OSError, SyntaxError):
            continue
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
            if name not in ("Button", "_button"):  # Scene._button: a Button in one or two languages
                continue
            label = node.args[0] if node.args else next((k.value for k in node.keywords if k.arg == "label"), None)
            msgid = _gettext_literal(label)
            if msgid:
                found.add(msgid)
    return frozenset(found)


def _gettext_literal(node) -> str | None:
    """"Play" from ``_("Play")``, ``self._("Play")`` or ``N_("Play")``."""
    if not isinstance(node, ast.Call) or not node.args:
        return None
    func = node.func
    name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
    arg = node.args[0]
    if name in ("_", "N_", "gettext") and isinstance(arg, ast.Constant) and isinstance(arg.value, str):
        return arg.value
    return None


# -- translations (``safepath i18n status``) ---------------------------------------------------------------
def check_catalog(catalog, lang: str, shown_path: str, domain: str, scenarios: Iterable[model.Scenario] = (),
                  red_flags: Iterable[model.RedFlag] = (), checker: FitChecker | None = None,
                  extra_boxes=None) -> list[Diagnostic]:
    """SP073 for each translated entry of one catalog (Babel ``Catalog``), at the entry's line in the ``.po``.

    Content entries are found in their boxes by their msgctxt (the same boxes as the English in
    ``safepath lint``); interface entries are checked when the screens use them as button labels.
    """
    from safepath.i18n import get_translator
    from safepath.i18n.amounts import expand

    checker = checker or FitChecker()
    where: dict[str, list[Box]] = {}
    feedback: dict[str, tuple[model.Scenario, model.Choice]] = {}
    if domain == "content":
        translator = get_translator(lang)
        translator.reload()  # read the catalogs as they are on disk now (the feedback card asks them)
        try:
            for scenario in scenarios:
                for text, box in scenario_boxes(scenario, checker, lang):
                    where.setdefault(text.context, []).append(box)
                for scene in scenario.scenes.values():
                    for choice in scene.choices:
                        if choice.feedback is not None:
                            feedback[choice.feedback.context] = (scenario, choice)
            title_box = checker.fixed_boxes()["red-flag-title"]
            for flag in red_flags:
                where.setdefault(flag.title.context, []).append(title_box)
            if extra_boxes is not None:  # other screens' texts by msgctxt, e.g. the check cards (ui/check_fit.py)
                for context, found in extra_boxes(checker, lang).items():
                    where.setdefault(context, []).extend(found)
            out = _check_entries(catalog, lang, shown_path, checker, where, expand)
            for message in catalog:
                if message.context in feedback and message.string and not message.fuzzy:
                    scenario, choice = feedback[message.context]
                    if not checker.feedback_fits(scenario, choice, lang):
                        out.append(warning("SP073", shown_path, message.lineno or 0, 1,
                                           f"This feedback, with the card's own words, does not fit its card at the "
                                           f"largest text size ({_LANG_NAMES.get(lang, lang)}), even at its widest "
                                           "with the smaller text; the end is cut off", HINT_TRANSLATION))
        finally:
            translator.reload()  # and forget them again: nothing else should see this check's catalogs
        return out
    button = checker.fixed_boxes()["interface-button"]
    labels = button_labels()
    where = {msgid: [button] for msgid in labels}
    return _check_entries(catalog, lang, shown_path, checker, where, lambda text, _lang: text, by_msgid=True)


def _check_entries(catalog, lang, shown_path, checker, where, expand, by_msgid: bool = False) -> list[Diagnostic]:
    out = []
    for message in catalog:
        if not message.id or message.fuzzy or not isinstance(message.string, str) or not message.string:
            continue
        found = where.get(message.id if by_msgid else message.context or "")
        for box in dict.fromkeys(found or ()):
            fit = checker.misfit(expand(message.string, lang), box, lang)
            if fit is not None:
                out.append(warning("SP073", shown_path, message.lineno or 0, 1,
                                   problem_message("This translation", fit, box, lang), HINT_TRANSLATION))
                break
    return out
