"""Report tables and small-cell suppression (k-anonymity with complementary suppression).

Every figure of a report lives in a :class:`Table`: named columns, rows of values, and for each value what
it is (a count of people or play-throughs, a rate or percentage of a group, a label). Before anything is
shown or written, :func:`suppress` hides what could point at a few young people:

* **primary suppression**: a count from 1 to k − 1 is hidden (k = 10 by default, never below 5; zeros stay);
* **complementary suppression**: where counts add up to a total that is shown (a row's total, a total row,
  the class size of a vote), a lone hidden count could be worked out by subtraction, so the smallest other
  count of that sum is hidden too (or, when there is none, the total), until no hidden count can be derived;
* **groups**: a rate, percentage, d′ or c computed over fewer than k players (or hands) is hidden, and so
  is any value computed from a hidden count;
* **ranges**: a percentage of a small group (under :data:`SMALL_GROUP`) below 5 % or above 95 % is shown as
  "under 5 %" / "over 95 %", because "97 % of 30" says one person missed it.

Hidden values keep their reason (``"small"``, ``"complement"``, ``"group"``) for the privacy receipt. No
pygame; nothing here knows HTML or CSV.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable

DEFAULT_K = 10
MIN_K = 5
#: groups smaller than this show percentages under 5 % or over 95 % as a range
SMALL_GROUP = 100

#: column kinds
#: ``count``: people or their play-throughs (suppressed when small); ``tally``: things that are not people
#: (class sessions, decisions voted on), written like counts and never hidden
LABEL, COUNT, TALLY, PERCENT, NUMBER, TEXT = "label", "count", "tally", "percent", "number", "text"


def check_k(k: int) -> int:
    """``k`` when it is allowed (a whole number, at least :data:`MIN_K`); ValueError in plain words otherwise."""
    if isinstance(k, bool) or not isinstance(k, int) or k < MIN_K:
        raise ValueError(f"k must be a whole number of at least {MIN_K} (it was {k!r}); 10 is usual")
    return k


@dataclass
class Column:
    key: str  # CSV header, stable across languages
    title: str  # English msgid, translated when shown
    kind: str = COUNT
    #: what the column means, for the CSV README (English msgid)
    help: str = ""


@dataclass
class Table:
    """Rows of values; ``sums`` say which counts add up to which (for complementary suppression)."""

    key: str  # file name of its CSV
    title: str  # English msgid
    columns: list[Column]
    rows: list[dict[str, Any]] = field(default_factory=list)
    #: English msgid: one sentence under the title
    note: str = ""
    #: (cells that add up, the cell holding their total or None when the total is published elsewhere)
    sums: list[tuple[list[tuple[int, str]], tuple[int, str] | None]] = field(default_factory=list)
    #: derived cell -> (size of the group it describes, cells it is computed from)
    derived: dict[tuple[int, str], tuple[float | None, list[tuple[int, str]]]] = field(default_factory=dict)
    #: count cells that are not about people (the number of class sessions): never hidden for being small
    public: set[tuple[int, str]] = field(default_factory=set)
    #: cell -> why it is hidden
    hidden: dict[tuple[int, str], str] = field(default_factory=dict)
    #: index of the totals row, if any (styled apart in HTML)
    total_row: int | None = None

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)

    def add_row(self, **values: Any) -> int:
        self.rows.append(values)
        return len(self.rows) - 1

    def value(self, row: int, key: str) -> Any:
        return self.rows[row].get(key)

    def is_hidden(self, row: int, key: str) -> bool:
        return (row, key) in self.hidden

    def shown(self, row: int, key: str) -> Any:
        """The value, or None when it is hidden."""
        return None if self.is_hidden(row, key) else self.value(row, key)

    def group_size(self, row: int, key: str) -> float | None:
        entry = self.derived.get((row, key))
        return entry[0] if entry else None

    def add_sum(self, parts: Iterable[tuple[int, str]], total: tuple[int, str] | None) -> None:
        self.sums.append((list(parts), total))

    def derive(self, row: int, key: str, size: float | None, sources: Iterable[tuple[int, str]] = ()) -> None:
        self.derived[(row, key)] = (size, list(sources))

    def row_sums(self, keys: list[str], total_key: str | None) -> None:
        """Each row's ``keys`` add up to its ``total_key`` column (None: the total is shown elsewhere)."""
        for r in range(len(self.rows)):
            self.add_sum([(r, k) for k in keys], (r, total_key) if total_key else None)

    def column_sums(self, keys: list[str], rows: list[int], total_row: int | None) -> None:
        """For each of ``keys``, the ``rows`` add up to the total row's cell."""
        for k in keys:
            self.add_sum([(r, k) for r in rows], (total_row, k) if total_row is not None else None)

    @property
    def counts_hidden(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for reason in self.hidden.values():
            out[reason] = out.get(reason, 0) + 1
        return out


def _count(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def suppress(table: Table, k: int = DEFAULT_K) -> Table:
    """Hide the cells that could point at fewer than ``k`` people (see the module docstring); in place."""
    check_k(k)
    table.hidden.clear()
    kinds = {c.key: c.kind for c in table.columns}
    # 1. primary: small counts
    for r, row in enumerate(table.rows):
        for key, value in row.items():
            if kinds.get(key) == COUNT and _count(value) and 0 < value < k and (r, key) not in table.public:
                table.hidden[(r, key)] = "small"
    # 2. complementary: no hidden count of a published sum can be worked out by subtraction
    changed = True
    while changed:
        changed = False
        for parts, total in table.sums:
            present = [c for c in parts if _count(table.value(*c))]
            hidden = [c for c in present if c in table.hidden]
            total_known = total is None or (_count(table.value(*total)) and total not in table.hidden)
            if len(hidden) != 1 or not total_known:
                continue
            candidates = [c for c in present if c not in table.hidden]
            nonzero = [c for c in candidates if table.value(*c) > 0]
            pick = min(nonzero or candidates, key=lambda c: (table.value(*c), c), default=None)
            if pick is None:
                if total is None:
                    continue  # a sum published elsewhere with one part: that part is the total, nothing to add
                pick = total
            table.hidden[pick] = "complement"
            changed = True
    # 3. derived values: from a small group, or from a hidden count
    for cell, (size, sources) in table.derived.items():
        if cell in table.hidden:
            continue
        if size is not None and size < k:
            table.hidden[cell] = "group"
        elif any(s in table.hidden for s in sources):
            table.hidden[cell] = "complement"
    return table


def percent_range(fraction: float | None, size: float | None) -> str | None:
    """"below" or "above" when a small group's percentage must be shown as a range, else None."""
    if fraction is None or size is None or size >= SMALL_GROUP:
        return None
    if fraction < 0.05:
        return "below"
    if fraction > 0.95:
        return "above"
    return None
