"""The forward tables the programmes over the state graph keep per state (see :mod:`.discernment`, :mod:`.badges`).

Each state has a table (key -> weight) built from the tables of the states leading to it. A move that changes
nothing hands its table on as it is, shared, until a second move adds to the target; only then is the target
copied, so that adding never changes a table another state still reads.
"""

from __future__ import annotations


def target_table(tables: list, owned: list, t: int, source: dict, same: bool) -> dict | None:
    """The table of state ``t`` that a move carrying ``source`` adds to, or None when ``source`` was handed
    on as the whole table (``same``: the move changes no key and no weight, and ``t`` has no table yet)."""
    target = tables[t]
    if target is None:
        if same:
            tables[t], owned[t] = source, False
            return None
        target = tables[t] = {}
    elif not owned[t]:
        target = tables[t] = dict(target)
        owned[t] = True
    return target


def add_table(target: dict, source: dict) -> None:
    """Add ``source``'s weights into ``target``, key by key."""
    get = target.get
    for key, weight in source.items():
        target[key] = get(key, 0) + weight
