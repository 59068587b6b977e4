"""A simulated cohort: does the scoring tell learning apart from suspicion and from guessing?

Three kinds of player answer a pre-check and a post-check, through the same answer and record builders
the screens use:

* **discerning** players learn: they judge more scams *and* more real offers correctly after play;
* **suspicious** players learn only to say "scam": after play they call nearly every offer a scam;
* **random** players guess, before and after.

A scoring that counted only scams spotted would call the suspicious group the best learners. With d′ and
c it must show the discerning group gaining in d′, the suspicious group moving its criterion c towards
"scam" with no gain in d′, and the random group at d′ ≈ 0 with no gain (``tests/test_checks_scoring.py``).
Seeded, so a run repeats exactly.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from safepath.checks import answers as build
from safepath.checks.model import REAL, SCAM, ActionItem, Form, OfferItem, SignItem
from safepath.checks.schedule import forms_for

#: kind -> ((P correct on a scam, P correct on a real offer) before, the same after)
PROFILES = {
    "discerning": ((0.62, 0.62), (0.88, 0.86)),
    "suspicious": ((0.62, 0.62), (0.96, 0.05)),
    "random": ((0.5, 0.5), (0.5, 0.5)),
}


@dataclass(frozen=True)
class SimulatedPlayer:
    code: str
    kind: str
    pre: dict
    post: dict


def _answer_form(form: Form, p_scam: float, p_real: float, rng: random.Random) -> list[dict]:
    out = []
    for item in form.items:
        if isinstance(item, OfferItem):
            right = rng.random() < (p_scam if item.is_scam else p_real)
            answer = item.truth if right else (REAL if item.is_scam else SCAM)
            out.append(build.offer_answer(item, answer, rng.choice((1, 2, 3, 4))))
        elif isinstance(item, SignItem):
            p = (p_scam + p_real) / 2
            chosen = [o.id for o in item.options if (rng.random() < p) == o.right]
            out.append(build.sign_answer(item, chosen))
        elif isinstance(item, ActionItem):
            p = (p_scam + p_real) / 2
            wrong = [o.id for o in item.options if not o.right]
            out.append(build.action_answer(item, item.best if rng.random() < p else rng.choice(wrong)))
    return out


def cohort(forms: dict[str, Form], players: int = 200, seed: int = 12) -> list[SimulatedPlayer]:
    """``players`` simulated players, a third of each kind, each on their counterbalanced pair of forms."""
    from safepath.saves.records import check_record

    rng = random.Random(seed)
    kinds = list(PROFILES)
    out = []
    for n in range(players):
        kind = kinds[n % len(kinds)]
        code = f"p-{rng.getrandbits(40):010x}"
        (pre_s, pre_r), (post_s, post_r) = PROFILES[kind]
        first, then = forms_for(code)
        pre = check_record(first, "pre", _answer_form(forms[first], pre_s, pre_r, rng), player=code, lang="en")
        post = check_record(then, "post", _answer_form(forms[then], post_s, post_r, rng), player=code, lang="en")
        out.append(SimulatedPlayer(code, kind, pre, post))
    return out
