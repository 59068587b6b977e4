"""SP073 for knowledge-check cards: does each item's text fit its box at the largest text size?

A check card is laid out like a story screen (``safepath.scenes.checks`` uses the same stage and panel,
:func:`safepath.ui.boxes.stage_and_panel`): an offer or a sign item is a phone with the message's bubbles
and the sender in its header, an action item a story card with the situation, and the answers are
buttons in the panel beside it. So the boxes are the story screen's boxes
(:meth:`safepath.ui.fit.FitChecker.story_boxes`), asked with the card's own header, question and
number of buttons; ``safepath lint`` checks the English, ``safepath i18n status`` every translation.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Iterator

from safepath.checks.model import ActionItem, Form, OfferItem, SignItem
from safepath.i18n import N_
from safepath.story.diagnostics import Diagnostic, warning
from safepath.story.model import Text
from safepath.ui.fit import HINT_SOURCE, Box, FitChecker, problem_message

#: the questions the screen asks (interface strings; the screen translates the same msgids)
OFFER_QUESTION = N_("Is this job offer a scam or a real offer?")
SIGN_QUESTION = N_("Which of these are warning signs? Choose all that you see.")
ACTION_QUESTION = N_("What do you do first?")
#: buttons under a sign item's options ("Done") and an offer's two answers
SIGN_EXTRA_BUTTONS = 1
OFFER_BUTTONS = 2
#: advice rows shown on a feedback card at most (the rest are in the debriefs)
FEEDBACK_ROWS = 2


def item_boxes(form: Form, checker: FitChecker, lang: str = "en", translate=None) -> Iterator[tuple[Text, Box]]:
    """Every text of ``form`` with the box it is shown in (``translate`` gives the shown text of a Text)."""
    from safepath.i18n import get_translator

    tr = get_translator(lang)
    shown = translate or (lambda t: tr.text(t))
    for item in form.items:
        if isinstance(item, (OfferItem, SignItem)):
            question = OFFER_QUESTION if isinstance(item, OfferItem) else SIGN_QUESTION
            buttons = OFFER_BUTTONS if isinstance(item, OfferItem) else len(item.options) + SIGN_EXTRA_BUTTONS
            screen = checker.story_boxes(True, lang, (shown(item.message.sender), item.message.app),
                                         "", tr.gettext(question), buttons)
            yield item.message.sender, screen["header"]
            for line in item.message.lines:
                yield line, screen["bubble"]
            if isinstance(item, SignItem):  # each answer has a tick box left of its label
                theme = checker.theme
                box = replace(screen["choice"], name="answer with a tick box",
                              width=screen["choice"].width - theme.px(48) - theme.px(12))
                for option in item.options:
                    yield option.text, box
        elif isinstance(item, ActionItem):
            screen = checker.story_boxes(False, lang, ("", ""), "", tr.gettext(ACTION_QUESTION), len(item.options))
            yield item.situation, screen["note"]
            for option in item.options:
                yield option.text, screen["choice"]


def check_form(form: Form, checker: FitChecker | None = None) -> list[Diagnostic]:
    """SP073 for the English of one form (``safepath lint``)."""
    from safepath.i18n.amounts import expand

    checker = checker or FitChecker()
    out = []
    for text, box in item_boxes(form, checker, "en"):
        fit = checker.misfit(expand(text.text, "en"), box, "en")
        if fit is not None:
            out.append(warning("SP073", text.pos.file, text.pos.line, text.pos.column,
                               problem_message("This text", fit, box, None), HINT_SOURCE))
    return out


def boxes_by_context(forms, checker: FitChecker, lang: str) -> dict[str, list[Box]]:
    """msgctxt -> boxes, for checking a catalog's translations of the check items (``i18n status``)."""
    where: dict[str, list[Box]] = {}
    for form in forms:
        for text, box in item_boxes(form, checker, lang):
            where.setdefault(text.context, []).append(box)
    return where
