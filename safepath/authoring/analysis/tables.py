"""The forward tables the programmes over the state graph keep per state (see :mod:`.discernment`, :mod:`.badges`).

Each state has a table (key -> weight) built from the tables of the states leading to it. A move that changes
nothing hands its table on as it is, shared, until a second move adds to the target; only then is the target
copied, so that adding never changes a table another state still reads.
"""

from __future__ import annotations


def hand_on(tables: list, owned: list, t: int, source: dict, same: bool, memo: dict, make) -> None:
    """Add the table ``source`` into the table of state ``t``, each key as the move changes it.

    ``same`` (the move changes no key and no weight) hands ``source`` on whole to a state with no table yet,
    or adds it in key by key. Otherwise ``make(key)`` gives (the new key, how many bits the weight shifts;
    negative: to the right), worked out once per key (``memo``). One call per move: the programmes make
    one for every move of every state, and there are tens of thousands.
    """
    target = tables[t]
    if target is None:
        if same:
            tables[t], owned[t] = source, False
            return
        target = tables[t] = {}
    elif not owned[t]:
        target = tables[t] = dict(target)
        owned[t] = True
    get = target.get
    if same:
        for key, weight in source.items():
            target[key] = get(key, 0) + weight
        return
    for key, weight in source.items():
        found = memo.get(key)
        if found is None:
            found = memo[key] = make(key)
        new, shift = found
        if shift:
            weight = weight << shift if shift > 0 else weight >> -shift
        target[new] = get(new, 0) + weight
