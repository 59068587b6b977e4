"""Reading nodes the schema has already checked: a child by key, the items that passed, a suggestion.

:class:`safepath.story.schema_check.Checker` marks every value of the wrong type as invalid; the
loader's builders read around those marks with these helpers, so a wrong value is reported once
(by the schema) and never again as a missing one.
"""

from __future__ import annotations

import difflib

from safepath.story.schema_check import INVALID
from safepath.story.yamlsource import Node

#: what an unknown or missing reference is built as, so building carries on
PLACEHOLDER = "?"


def did_you_mean(word: str, candidates) -> str:
    match = difflib.get_close_matches(str(word), list(candidates), n=1, cutoff=0.6)
    return f"did you mean {match[0]!r}?" if match else ""


def child(mapping: Node, key: str) -> Node | None:
    """``mapping[key]`` when the mapping has it and it passed the schema's check.

    The builders ask this for every key a scene, line or choice may have (tens of thousands of times in a
    long story, most keys absent), so it is written out rather than built from :func:`is_invalid`.
    """
    value = mapping.value
    if not isinstance(value, dict):
        return None
    node = value.get(key)
    if node is None or node.value is INVALID:
        return None
    return node


def children(record: Node) -> dict[str, Node]:
    """Every child of a checked record (a scene, a choice), by key: :func:`child` for many keys at once
    (a builder that asks twenty keys of each scene or choice looks them up in this dict instead). Read it,
    never change it: it is the record's own mapping, since the schema's check deletes a record's keys that
    fail it (only list items and the values of a map are left in place as INVALID)."""
    value = record.value
    return value if isinstance(value, dict) else {}


def checked_items(node: Node | None) -> list[tuple[int, Node]]:
    """(index, item) of a checked list, skipping items that failed their check."""
    if node is None:
        return []
    items = node.value
    if len(items) == 1:  # the usual list of a scene or choice (red_flags: [x], set: [y])
        return [] if items[0].value is INVALID else [(0, items[0])]
    return [(i, item) for i, item in enumerate(items) if item.value is not INVALID]


def line_col(node: Node) -> tuple[int, int]:
    return node.line, node.column
