"""Checking a file's nodes against the one table of :mod:`safepath.story.schema`.

:class:`Checker` walks the nodes with the spec of each key, reports every value of the wrong kind in plain
words (what was found, what is expected, a likely fix) and marks it :data:`INVALID`, so the loader's
builders read around it and one wrong value is reported once, never again as a missing one.
"""

from __future__ import annotations

import difflib
import re
from typing import Any

from safepath.story.diagnostics import Diagnostic, error
from safepath.story.schema import (_PATTERNS, CONDITION, IMAGE, KEY, LINE_EXTRA_KEYS, TEXT, Either, LineSpec, ListOf,
                                   MapOf, Record, Scalar)
from safepath.story.schema_accept import accepts
from safepath.story.yamlsource import TOO_LONG, Node


_RULES = {
    "id": "lower-case letters, digits, '-' and '_', starting with a letter",
    "name": "lower-case letters, digits and '_', starting with a letter",
}


def describe(value: Any) -> str:
    """How a person would call what they wrote: 'a number (42)', 'a list', 'yes/no (true)'."""
    if isinstance(value, Node):
        value = value.value
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"yes/no ({str(value).lower()})"
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    if isinstance(value, str):
        return f"text ({value[:40]!r})" if value else "empty text"
    if isinstance(value, list):
        return "a list"
    return "a mapping"


_EXPECTED = {"text": "text", "string": "text", "id": "a name", "name": "a name", "int": "a whole number",
             "bool": "true or false"}


def did_you_mean(word: str, candidates) -> str:
    match = difflib.get_close_matches(str(word), list(candidates), n=1, cutoff=0.6)
    return f"did you mean {match[0]!r}?" if match else ""


class Checker:
    """Checks nodes against the table, reports problems, and drops the invalid parts.

    Dropping is what lets the loader carry on: after :meth:`check`, every value
    left in a record has the right type, so building the model needs no more
    type tests, and one wrong value produces one diagnostic, not a cascade.
    :meth:`check` returns False only when the node itself is unusable (wrong
    type, bad value); problems inside a list or mapping are pruned there.

    Each value is first put to :func:`safepath.story.schema_accept.accepts`, which tells quickly that
    it is fine (nearly every value is); only a value it cannot vouch for is checked here in full.
    """

    def __init__(self, file: str, diagnostics: list[Diagnostic]):
        self.file = file
        self.diagnostics = diagnostics

    def report(self, code: str, node: Node, message: str, hint: str = "") -> None:
        self.diagnostics.append(error(code, self.file, node.line, node.column, message, hint))

    def check(self, node: Node, spec, where) -> bool:
        """``where``: the place in words ("the scenario"), or a place to put into words later (see _words)."""
        method = _CHECKS.get(type(spec))
        if method is None:
            raise TypeError(spec)
        return accepts(spec)(node) or method(self, node, spec, where)

    def either(self, node: Node, spec: Either, where) -> bool:
        value = node.value
        for option in spec.options:
            if isinstance(option, Scalar) and isinstance(value, str):
                return self.scalar(node, option, where)
            if isinstance(option, ListOf) and isinstance(value, list):
                return self.list(node, option, where)
            if isinstance(option, (Record, LineSpec)) and isinstance(value, dict):
                return self.check(node, option, where)
        self.report("SP020", node, f"{_words(where)} must be {_shapes(spec)}, but found {describe(node)}",
                    "a text containing ': ' must be put in quotes" if isinstance(value, dict) else "")
        return False

    def scalar(self, node: Node, spec: Scalar, where) -> bool:
        if node.tag == TOO_LONG:
            return False  # reported while reading
        value = node.value
        kind = spec.kind
        if kind == "int":
            if not isinstance(value, int) or isinstance(value, bool):
                hint = "write digits only, without quotes" if isinstance(value, str) else ""
                self.report("SP020", node, f"{_words(where)} must be a whole number, but found {describe(value)}", hint)
                return False
            if spec.minimum is not None and not spec.minimum <= value <= spec.maximum:
                self.report("SP027", node, f"{_words(where)} is {value}; it must be between {spec.minimum} and {spec.maximum}")
                return False
            return True
        if kind == "bool":
            if not isinstance(value, bool):
                self.report("SP020", node, f"{_words(where)} must be true or false, but found {describe(value)}")
                return False
            return True
        if not isinstance(value, str):
            hint = ""
            if isinstance(value, (bool, int, float)) or value is None:
                hint = f"put the text in quotes: \"{node.raw if node.raw is not None else value}\""
            elif isinstance(value, dict) and kind == "text":
                braced = _braced_text(value)
                hint = (f"a text that starts with '{{' must be put in quotes: \"{braced}\"" if braced
                        else "a text containing ': ' must be put in quotes")
            self.report("SP020", node, f"{_words(where)} must be {_EXPECTED[kind]}, but found {describe(value)}", hint)
            return False
        if kind == "text" and not value.strip():
            self.report("SP026", node, f"{_words(where)} is empty", "write the text, or remove the key")
            return False
        if spec.max_length is not None and len(value) > spec.max_length:
            self.report("SP025", node, f"{_words(where)} is {len(value):,} characters long; the limit is {spec.max_length:,}",
                        "shorten it or split it into several lines")
            return False
        if spec.enum is not None and value not in spec.enum:
            hint = did_you_mean(value, spec.enum) or "allowed: " + ", ".join(spec.enum)
            self.report("SP023", node, f"{_words(where)} is {value!r}, which is not one of: {', '.join(spec.enum)}", hint)
            return False
        if kind in _PATTERNS and not _match(kind, value):
            what = spec.what or _words(where)
            self.report("SP024", node, f"{value!r} is not a valid {what}: use {_RULES[kind]}",
                        _suggest_name(value, kind))
            return False
        return True

    def record(self, node: Node, spec: Record, where) -> bool:
        if not isinstance(node.value, dict):
            self.report("SP020", node, f"{_words(where)} must be a mapping of keys, but found {describe(node)}",
                        f"{spec.name} is written as 'key: value' lines")
            return False
        misspelt = set()  # known keys an unknown key probably meant: not also reported as missing
        by_key = spec._by_key
        for key in list(node.value):
            f = by_key.get(key)
            if f is None:
                close = difflib.get_close_matches(key, list(spec._by_key), n=1, cutoff=0.6)
                misspelt.update(close)
                hint = did_you_mean(key, spec._by_key) or "allowed keys: " + ", ".join(spec._by_key)
                self.report("SP021", node.key_node(key), f"unknown key {key!r} in {spec.name}", hint)
                del node.value[key]
            elif not self.check(node.value[key], f.spec, ("key", key, where)):
                del node.value[key]  # deleted, never left INVALID: loader_nodes.children relies on it
        for f in spec._required:
            # a required key that is present but wrong was reported already; do not also call it missing
            if f.key not in node.value and f.key not in (node.keys or {}) and f.key not in misspelt:
                self.report("SP022", node, f"{_words(where)} has no '{f.key}'", f"add '{f.key}:' ({f.description})")
        return True

    def list(self, node: Node, spec: ListOf, where) -> bool:
        if not isinstance(node.value, list):
            example = f"[{node.raw}]" if isinstance(node.value, str) else "[a, b]"
            self.report("SP020", node, f"{_words(where)} must be a list, but found {describe(node)}",
                        f"write a list as {example} or as lines starting with '- '")
            return False
        if len(node.value) < spec.min_items:
            self.report("SP026", node, f"{_words(where)} must not be empty")
        item_spec = spec.item
        for i, item in enumerate(node.value):
            if not self.check(item, item_spec, ("item", item_spec, i, where)):
                node.value[i] = Node(_INVALID, item.line, item.column)
        return True

    def map(self, node: Node, spec: MapOf, where) -> bool:
        if not isinstance(node.value, dict):
            self.report("SP020", node, f"{_words(where)} must be a mapping, but found {describe(node)}",
                        "write one 'name: value' per line")
            return False
        if len(node.value) < spec.min_items:
            self.report("SP026", node, f"{_words(where)} must not be empty")
        for key in list(node.value):
            if not _match(spec.key_kind, key):
                self.report("SP024", node.key_node(key), f"{key!r} is not a valid {spec.key_what}: "
                            f"use {_RULES[spec.key_kind]}", _suggest_name(key, spec.key_kind))
            if not self.check(node.value[key], spec.value, ("entry", spec, key)):
                node.value[key] = Node(_INVALID, node.value[key].line, node.value[key].column)
        return True

    def line(self, node: Node, spec: LineSpec, where) -> bool:
        value = node.value
        if isinstance(value, str):
            return self.scalar(node, TEXT, where)
        if not isinstance(value, dict):
            self.report("SP043", node, f"{_words(where)} must be text or 'speaker: text', but found {describe(node)}")
            return False
        if "text" in value or "speaker" in value:
            self.record(node, spec.long_form, where)
            return "text" in value  # without its text the line is unusable
        speakers = [k for k in value if k not in LINE_EXTRA_KEYS]
        if len(speakers) != 1:
            shown = ", ".join(speakers) or "no speaker"
            self.report("SP043", node, f"{_words(where)} must have exactly one speaker, but has {shown}",
                        "write one line per speaker, e.g. '- nok: Hello'; "
                        "a text containing ': ' must be put in quotes")
            return False
        ok = self.scalar(value[speakers[0]], TEXT, where)
        if "image" in value and not self.scalar(value["image"], IMAGE, f"image of {_words(where)}"):
            del value["image"]
            ok = False
        if "id" in value and not self.scalar(value["id"], KEY, f"id of {_words(where)}"):
            del value["id"]
        if "if" in value and not self.scalar(value["if"], CONDITION, ("key", "if", where)):
            del value["if"]
        return ok


#: which check each kind of spec gets (looked up by type: the checker asks this for every value of a file)
_CHECKS = {Scalar: Checker.scalar, Record: Checker.record, ListOf: Checker.list, MapOf: Checker.map,
           LineSpec: Checker.line, Either: Checker.either}


def _shapes(spec: Either) -> str:
    words = {Scalar: "text", ListOf: "a list", Record: "a mapping", LineSpec: "a mapping"}
    return " or ".join(dict.fromkeys(words[type(o)] for o in spec.options))


def _words(where) -> str:
    """A place in the file in words ("choice 2 of scene 'ad'"), from what the checks hand down: the words
    themselves, or ("key", key, place) for a record's key, ("item", item spec, index, place) for a list's
    item, ("entry", map spec, key) for a mapping's entry. Nearly every value of a file is fine, so the words
    are made only when a problem is reported, not for each of the file's tens of thousands of values."""
    if type(where) is str:
        return where
    if where[0] == "key":
        return f"'{where[1]}' of {_words(where[2])}"
    if where[0] == "item":
        name, tail = _item_naming(where[1], _words(where[3]))
        return f"{name} {where[2] + 1} of {tail}"
    return f"{where[1].key_what.split()[0]} '{where[2]}'"


def _item_naming(item_spec, where: str) -> tuple[str, str]:
    """How the items of a list are called: item ``i`` is ``f"{name} {i + 1} of {tail}"``, so 'choice 2 of
    scene 'ad'' rather than 'item 2 of 'choices' of scene 'ad''."""
    name = None
    if isinstance(item_spec, Record):
        name = item_spec.name.split(" ", 1)[-1]
    elif isinstance(item_spec, LineSpec):
        name = "line"
    elif isinstance(item_spec, Either):
        name = next((o.name.split(" ", 1)[-1] for o in item_spec.options if isinstance(o, Record)), None)
    if name and where.startswith("'") and "' of " in where:
        return name, where.split(chr(39) + " of ", 1)[1]
    return "item", where


class _Invalid:
    """Marks a list item or map value that failed its check, so positions stay but values are skipped."""

    def __repr__(self) -> str:
        return "<invalid>"


_INVALID = _Invalid()
#: the value of a node that failed its check (what :func:`is_invalid` tests for; the builders test it inline)
INVALID = _INVALID


def is_invalid(node: Node | None) -> bool:
    return node is None or node.value is _INVALID


_COMPILED = {kind: re.compile(pattern) for kind, pattern in _PATTERNS.items()}


def _match(kind: str, value: str) -> bool:
    return _COMPILED[kind].fullmatch(value) is not None


def _suggest_name(value: str, kind: str) -> str:
    cleaned = re.sub(r"[^a-z0-9_-]+" if kind == "id" else r"[^a-z0-9_]+", "-" if kind == "id" else "_",
                     str(value).strip().lower()).strip("-_")
    if cleaned and cleaned[0].isalpha() and _match(kind, cleaned):
        return f"for example {cleaned!r}"
    return ""


def _braced_text(value: dict) -> str | None:
    """``{baht:45000}`` written unquoted is read by YAML as a mapping whose keys have no values; the text
    the author meant, when the mapping is of that kind (else None)."""
    if not value or any(getattr(v, "value", v) is not None for v in value.values()):
        return None
    return "{" + ", ".join(value) + "}"
