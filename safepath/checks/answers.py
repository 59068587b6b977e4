"""The answers a check screen collects, in the shape the anonymous records keep (see ``safepath.saves.records``).

The screens never decide what is right: they hand the player's choice to these functions, which compare it
with the item and return the answer as plain data (item id, type, whether it was correct and what was
chosen), ready for :func:`safepath.saves.records.check_record` and :func:`safepath.checks.scoring.score_answers`.
"""

from __future__ import annotations

from typing import Iterable

from safepath.checks.model import REAL, SCAM, SURE_STEPS, ActionItem, OfferItem, SignItem


def offer_answer(item: OfferItem, answer: str, sure: int) -> dict:
    if answer not in (SCAM, REAL):
        raise ValueError(f"an offer is answered 'scam' or 'real', not {answer!r}")
    if sure not in SURE_STEPS:
        raise ValueError(f"'how sure' is 1 to 4, not {sure!r}")
    return {"item": item.id, "type": "offer", "correct": answer == item.truth, "truth": item.truth,
            "answer": answer, "sure": sure, "flags": list(item.flags), "signs": list(item.signs)}


def sign_answer(item: SignItem, chosen: Iterable[str]) -> dict:
    known = [o.id for o in item.options]
    picked = [o for o in known if o in set(chosen)]
    right = [o.id for o in item.options if o.right]
    return {"item": item.id, "type": "sign", "correct": set(picked) == set(right), "chosen": picked,
            "right": right, "flags": [o.flag for o in item.options if o.right]}


def action_answer(item: ActionItem, chosen: str) -> dict:
    if chosen not in {o.id for o in item.options}:
        raise ValueError(f"{chosen!r} is not an option of {item.id!r}")
    return {"item": item.id, "type": "action", "correct": chosen == item.best, "chosen": chosen}


def class_template(form) -> list[dict]:
    """The items of a class check with every answer at 0 hands, in the order they are asked.

    What a classroom screen fills in (the trainer counts hands or printed cards for each answer) before
    :func:`safepath.saves.records.class_check_record` keeps it: offers count "scam" and "real", sign
    items each option ticked as a warning sign, action items each option chosen.
    """
    from safepath.checks.schedule import item_order

    out = []
    for item in item_order(form):
        if isinstance(item, OfferItem):
            counts = {SCAM: 0, REAL: 0}
        else:
            counts = {o.id: 0 for o in item.options}
        out.append({"item": item.id, "type": item.type, "counts": counts})
    return out
