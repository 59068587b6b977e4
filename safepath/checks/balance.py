"""The balance lint of a bank of check forms: can the forms measure what they promise?

A knowledge check that shows more scams than real offers rewards saying "scam" to everything; a form that
never shows a red flag cannot tell whether a player learned it; forms that share an item, or differ in
their mix of items, make a pre/post difference that comes from the forms, not from the game. So for every
form of a bank:

* SP113: at least :data:`MIN_OFFERS` scam and :data:`MIN_OFFERS` real offers, and at least one sign and one
  action item;
* SP114: every red flag of the catalogue is shown by one of its scams, every safe sign by one of its real
  offers;
* SP115: no item (same id, or the same English message) is in two forms;
* SP116: the bank has exactly one form A, one B and one C;
* SP117 (warning): A, B and C have the same number of scam, real, sign and action items, so that they can
  be used in either order (half the players get A first: :mod:`safepath.checks.schedule`).
"""

from __future__ import annotations

from collections import Counter
from typing import Iterable, Mapping

from safepath.checks.model import FORMS, ActionItem, Form, OfferItem, SignItem
from safepath.story.diagnostics import Diagnostic, error, warning

MIN_OFFERS = 8


def make_up(form: Form) -> dict[str, int]:
    """How many items of each kind a form has: the shape two parallel forms must share."""
    counts = Counter()
    for item in form.items:
        key = item.truth if isinstance(item, OfferItem) else item.type
        counts[key] += 1
    return {key: counts.get(key, 0) for key in ("scam", "real", "sign", "action")}


def _words(item) -> str:
    """The English a player reads, to find an item copied into another form under a new id."""
    if isinstance(item, (OfferItem, SignItem)):
        return " ".join(" ".join(line.text.split()) for line in item.message.lines).casefold()
    if isinstance(item, ActionItem):
        return " ".join(item.situation.text.split()).casefold()
    return ""


def check_form(form: Form, red_flags: Mapping[str, object], safe_signs: Mapping[str, object]) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    file, line, col = form.path, form.pos.line, form.pos.column
    shape = make_up(form)
    for truth in ("scam", "real"):
        if shape[truth] < MIN_OFFERS:
            out.append(error("SP113", file, line, col,
                             f"form {form.letter} has {shape[truth]} {truth} offers; it needs at least {MIN_OFFERS}",
                             f"add {truth} offers: with fewer, one lucky guess moves the score too much, and "
                             "equal numbers of scams and real offers keep 'scam to everything' from scoring well"))
    for kind, what in (("sign", "sign item (which are warning signs?)"), ("action", "action item (what do you do first?)")):
        if shape[kind] < 1:
            out.append(error("SP113", file, line, col, f"form {form.letter} has no {what}",
                             f"add at least one item with 'type: {kind}'"))
    shown_flags = {f for item in form.offers() if item.is_scam for f in item.flags}
    shown_signs = {s for item in form.offers() if not item.is_scam for s in item.signs}
    for flag in red_flags:
        if flag not in shown_flags:
            out.append(error("SP114", file, line, col, f"no scam offer of form {form.letter} shows the red flag {flag!r}",
                             "add it to the 'flags:' of a scam that shows it (or write one): every form must "
                             "test every red flag"))
    for sign in safe_signs:
        if sign not in shown_signs:
            out.append(error("SP114", file, line, col, f"no real offer of form {form.letter} shows the safe sign {sign!r}",
                             "add it to the 'signs:' of a real offer that shows it (or write one): every form "
                             "must test every safe sign"))
    return out


def check_bank(forms: Iterable[Form], red_flags: Mapping[str, object], safe_signs: Mapping[str, object],
               complete: bool = True) -> list[Diagnostic]:
    """Every balance diagnostic of a bank; ``complete=False`` (a form linted alone) checks nothing."""
    forms = list(forms)
    if not complete:
        return []
    out: list[Diagnostic] = []
    by_letter: dict[str, Form] = {}
    for form in forms:
        if form.letter in by_letter:
            out.append(error("SP116", form.path, form.pos.line, form.pos.column,
                             f"form {form.letter} is also {by_letter[form.letter].path}",
                             "give each file its own letter: A, B and C"))
            continue
        by_letter[form.letter] = form
        out.extend(check_form(form, red_flags, safe_signs))
    if forms:
        anchor = forms[0]
        for letter in FORMS:
            if letter not in by_letter:
                out.append(error("SP116", anchor.path, 0, 0, f"the bank has no form {letter} (or it did not load)",
                                 "forms A and B are the pre- and post-check, C is the booster: all three are needed"))
    ids: dict[str, Form] = {}
    words: dict[str, tuple[Form, object]] = {}
    for form in by_letter.values():
        for item in form.items:
            if item.id in ids and ids[item.id] is not form:
                out.append(error("SP115", form.path, item.pos.line, item.pos.column,
                                 f"the item id {item.id!r} is also in form {ids[item.id].letter} ({ids[item.id].path})",
                                 "each item belongs to one form; give it a new id (and new words)"))
            ids.setdefault(item.id, form)
            said = _words(item)
            if said and said in words and words[said][0] is not form:
                other_form, other = words[said]
                out.append(error("SP115", form.path, item.pos.line, item.pos.column,
                                 f"the item {item.id!r} has the same words as {other.id!r} of form {other_form.letter}",
                                 "a player who saw it in the pre-check would remember the answer; write a new one"))
            words.setdefault(said, (form, item))
    shapes = {letter: make_up(form) for letter, form in by_letter.items()}
    if len(shapes) > 1 and len({tuple(s.values()) for s in shapes.values()}) > 1:
        described = "; ".join(f"{letter}: " + ", ".join(f"{n} {k}" for k, n in shape.items())
                              for letter, shape in sorted(shapes.items()))
        for letter, form in sorted(by_letter.items()):
            if shapes[letter] != shapes[min(shapes)]:
                out.append(warning("SP117", form.path, form.pos.line, form.pos.column,
                                   f"form {letter} has another mix of items than form {min(shapes)} ({described})",
                                   "parallel forms need the same number of scam, real, sign and action items, so "
                                   "either can be the pre-check"))
    return out
