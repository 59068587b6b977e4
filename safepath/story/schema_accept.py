"""Which values pass the schema's table without a word, told quickly.

Nearly every value of a file is fine, and a long story has tens of thousands of them. So
:class:`safepath.story.schema_check.Checker` first asks the predicate :func:`accepts` builds for a
spec: True only when the full check would report nothing, drop nothing and say the value is usable.
When it says False, the full check runs on that value and reports and prunes as it always did,
asking here again for each of the value's children, so a wrong value costs the full check along its
own branch only. A predicate may say False where the full check finds nothing to say (it is strict,
never lenient); then the full check simply runs.
"""

from __future__ import annotations

import re
from typing import Callable

from safepath.story.schema import (_PATTERNS, CONDITION, IMAGE, KEY, LINE_EXTRA_KEYS, TEXT, Either, LineSpec, ListOf,
                                   MapOf, Record, Scalar)
from safepath.story.yamlsource import TOO_LONG, Node

Accept = Callable[[Node], bool]

_FULLMATCH = {kind: re.compile(pattern).fullmatch for kind, pattern in _PATTERNS.items()}
#: id(spec) -> (spec, its predicate); the spec is kept so that an id is never taken for another spec's
_BUILT: dict[int, tuple[object, Accept]] = {}


def accepts(spec) -> Accept:
    """The predicate of ``spec``, built once per spec."""
    entry = _BUILT.get(id(spec))
    if entry is not None and entry[0] is spec:
        return entry[1]
    built: list[Accept] = []
    _BUILT[id(spec)] = (spec, lambda node: built[0](node))  # a spec inside itself asks through this
    predicate = _build(spec)
    built.append(predicate)
    _BUILT[id(spec)] = (spec, predicate)
    return predicate


def _never(node: Node) -> bool:
    return False


def _build(spec) -> Accept:
    builder = _BUILDERS.get(type(spec))
    return _never if builder is None else builder(spec)  # the full check says what is wrong with the spec


def _scalar(spec: Scalar) -> Accept:
    minimum, maximum = spec.minimum, spec.maximum
    if spec.kind == "int":
        return lambda node: type(node.value) is int and (minimum is None or minimum <= node.value <= maximum)
    if spec.kind == "bool":
        return lambda node: type(node.value) is bool
    text, limit, enum = spec.kind == "text", spec.max_length, spec.enum
    match = _FULLMATCH.get(spec.kind)

    def accept(node: Node) -> bool:
        value = node.value
        return (type(value) is str and node.tag != TOO_LONG
                and (not text or (value != "" and not value.isspace()))  # what `value.strip()` tells
                and (limit is None or len(value) <= limit)
                and (enum is None or value in enum)
                and (match is None or match(value) is not None))
    return accept


def _record(spec: Record) -> Accept:
    fields = {f.key: accepts(f.spec) for f in spec.fields}
    required = tuple(f.key for f in spec._required)

    def accept(node: Node) -> bool:
        value = node.value
        if type(value) is not dict:
            return False
        for key, child in value.items():
            field = fields.get(key)
            if field is None or not field(child):
                return False
        for key in required:
            if key not in value:
                return False
        return True
    return accept


def _list(spec: ListOf) -> Accept:
    item, least = accepts(spec.item), spec.min_items

    def accept(node: Node) -> bool:
        value = node.value
        if type(value) is not list or len(value) < least:
            return False
        for child in value:
            if not item(child):
                return False
        return True
    return accept


def _map(spec: MapOf) -> Accept:
    entry, least, match = accepts(spec.value), spec.min_items, _FULLMATCH[spec.key_kind]

    def accept(node: Node) -> bool:
        value = node.value
        if type(value) is not dict or len(value) < least:
            return False
        for key, child in value.items():
            if match(key) is None or not entry(child):
                return False
        return True
    return accept


def _line(spec: LineSpec) -> Accept:
    text, image, key, condition = accepts(TEXT), accepts(IMAGE), accepts(KEY), accepts(CONDITION)
    long_form = accepts(spec.long_form)

    def accept(node: Node) -> bool:
        value = node.value
        if type(value) is str:
            return text(node)
        if type(value) is not dict:
            return False
        if "text" in value or "speaker" in value:
            return "text" in value and long_form(node)
        speaker = None
        for name in value:
            if name not in LINE_EXTRA_KEYS:
                if speaker is not None:
                    return False  # two speakers
                speaker = name
        return (speaker is not None and text(value[speaker])
                and ("image" not in value or image(value["image"]))
                and ("id" not in value or key(value["id"]))
                and ("if" not in value or condition(value["if"])))
    return accept


def _either(spec: Either) -> Accept:
    by_shape: dict[type, Accept] = {}
    for option in spec.options:  # the full check takes the first option of the value's shape
        if isinstance(option, Scalar):
            by_shape.setdefault(str, accepts(option))
        elif isinstance(option, ListOf):
            by_shape.setdefault(list, accepts(option))
        elif isinstance(option, (Record, LineSpec)):
            by_shape.setdefault(dict, accepts(option))

    def accept(node: Node) -> bool:
        found = by_shape.get(type(node.value))
        return found is not None and found(node)
    return accept


#: how the predicate of each kind of spec is built
_BUILDERS: dict[type, Callable] = {Scalar: _scalar, Record: _record, ListOf: _list, MapOf: _map, LineSpec: _line,
                                   Either: _either}
