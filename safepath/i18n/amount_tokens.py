"""What a well-formed money or number placeholder looks like (``{baht:45,000}``).

The part of :mod:`safepath.i18n.amounts` that the placeholder check
(:mod:`safepath.i18n.placeholders`) asks of every translation it judges, the title
screen's too. It stands apart so that judging those does not build the amounts module's
classes and patterns, about 1 ms of the game's start (benchmarks/bench_game.py) for a
screen that writes out no amount.
"""

from __future__ import annotations

import re

#: ``{kind:amount}`` written the one way the loader accepts (see :func:`safepath.i18n.amounts.scan`)
WELL_FORMED = re.compile(r"\{(baht|kyat|number):((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)\}")


def has_placeholders(text: str) -> bool:
    return bool(WELL_FORMED.search(text or ""))


def well_formed_tokens(text: str) -> list[str]:
    """The placeholders exactly as written (``{baht:45,000}`` stays with its comma), for SP071."""
    return [m.group(0) for m in WELL_FORMED.finditer(text or "")]
