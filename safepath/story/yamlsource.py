"""Read a YAML file into small position-carrying nodes, safely and within limits.

Why not ``yaml.safe_load``? It forgets where every value came from, silently
keeps the last of two duplicate keys, reports a tab as "found character '\\t'
that cannot start any token", and would happily expand a "billion laughs" file
of aliases until the machine runs out of memory. Authors are NGO staff, not
programmers: they need ``file:line:col`` and a plain sentence.

So we read the bytes ourselves (strict UTF-8, a BOM is fine), then walk
PyYAML's *event* stream (the C parser when available, otherwise the pure-Python
one; both are safe and non-recursive) and build :class:`Node` values directly.
Building from events lets us stop the moment a limit is crossed: depth, value
count (aliases counted at their expanded size), alias count, string length.
Only plain core tags are accepted; anything like ``!!python/object`` is
reported and never constructed.
"""

from __future__ import annotations

import gc
import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)
from yaml.nodes import ScalarNode

from safepath.story.diagnostics import Diagnostic, error
from safepath.story.yaml_errors import LINE_BREAK as _LINE_BREAK, syntax_error, tab_indented_lines

_Loader = getattr(yaml, "CSafeLoader", None) or yaml.SafeLoader


@dataclass(frozen=True, slots=True)
class Limits:
    """Generous for any real scenario, small enough that a hostile file cannot hang the tools."""

    max_bytes: int = 8 * 1024 * 1024
    max_depth: int = 40
    max_values: int = 1_000_000  # counting every alias at its expanded size
    max_aliases: int = 100
    max_string: int = 10_000


DEFAULT_LIMITS = Limits()


class Node:
    """One YAML value with its place in the file (1-based line and column).

    ``value`` is a plain Python scalar (str, int, float, bool, None), a
    ``list[Node]`` for a sequence or a ``dict[str, Node]`` for a mapping.
    For mappings, ``keys`` says where each key is written, so a diagnostic about a key can point at the
    key rather than at its value: ask :meth:`key_node` (the entries are the keys' own nodes, or for a key
    written as plain text, the parser's mark of its start).
    """

    __slots__ = ("value", "line", "column", "style", "keys", "size", "tag", "raw")

    def __init__(self, value: Any, line: int, column: int, style: str | None = None, tag: str = ""):
        self.value = value
        self.line = line
        self.column = column
        self.style = style  # None for plain scalars and collections; "'", '"', "|", ">" otherwise
        self.keys: dict[str, Node] | None = None
        self.size = 1  # values under this node, aliases expanded
        self.tag = tag
        self.raw = value if isinstance(value, str) else None  # scalars: the text as written

    @property
    def is_map(self) -> bool:
        return isinstance(self.value, dict)

    @property
    def is_list(self) -> bool:
        return isinstance(self.value, list)

    @property
    def quoted(self) -> bool:
        return self.style in ("'", '"')

    def key_node(self, key: str) -> "Node":
        """The node of a mapping key (for its position); the mapping itself if unknown.

        A key written as plain text is kept as the parser's mark of where it starts (most keys are, and
        nothing but a diagnostic ever asks where one is), so its node is made here, when asked for."""
        found = self.keys.get(key) if self.keys else None
        if found is None:
            return self
        if type(found) is Node:
            return found
        return Node(key, found.line + 1, found.column + 1, None, _STR_TAG)

    def plain(self) -> Any:
        """The value as plain Python data (dicts, lists, scalars), positions dropped."""
        if isinstance(self.value, dict):
            return {k: v.plain() for k, v in self.value.items()}
        if isinstance(self.value, list):
            return [v.plain() for v in self.value]
        return self.value

    def __repr__(self) -> str:
        return f"Node({self.value!r} @{self.line}:{self.column})"


@dataclass(slots=True)
class Document:
    """The outcome of reading one file: a root node (or None) and what went wrong."""

    file: str
    text: str | None
    root: Node | None
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.root is not None and not any(d.is_error for d in self.diagnostics)


_CORE = "tag:yaml.org,2002:"
#: tag given to a string cut at ``max_string``: already reported, so later checks skip it
TOO_LONG = "safepath:too-long"
_AS_STRING = {_CORE + "str", _CORE + "timestamp", _CORE + "value"}  # a date stays the text the author wrote
_RESOLVER = yaml.resolver.Resolver()
_CONSTRUCTOR = SafeConstructor()
_STR_TAG, _INT_TAG, _FLOAT_TAG = _CORE + "str", _CORE + "int", _CORE + "float"
_MAP_TAG, _SEQ_TAG = _CORE + "map", _CORE + "seq"


@contextmanager
def bulk_allocation():
    """Pause the cyclic garbage collector while building many small objects.

    Reading a big file creates hundreds of thousands of nodes and events, none of
    them in reference cycles; each automatic collection pass walks all of them, so
    with the collector on, load time grows faster than the file (10,000 scenes took
    ten times longer per scene than 1,000). Plain reference counting still frees
    everything, and the collector's previous state is restored afterwards.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class _Stop(Exception):
    """A limit was crossed or the stream broke: stop reading, the diagnostic is already recorded."""


def read_yaml(path: str | Path, limits: Limits = DEFAULT_LIMITS, label: str | None = None) -> Document:
    """Read and parse one YAML file. Never raises on bad input."""
    file = label or str(path)
    try:
        p = Path(path)
        if p.is_dir():
            return Document(file, None, None, [error("SP001", file, 0, 0, "this is a folder, not a YAML file")])
        size = p.stat().st_size
        if size > limits.max_bytes:
            return Document(file, None, None, [_too_large(file, size, limits)])
        data = p.read_bytes()
    except FileNotFoundError:
        return Document(file, None, None, [error("SP001", file, 0, 0, "file not found")])
    except OSError as exc:
        return Document(file, None, None, [error("SP001", file, 0, 0, f"cannot read the file: {exc.strerror or exc}")])
    return parse_bytes(data, file, limits)


def _too_large(file: str, size: int, limits: Limits) -> Diagnostic:
    return error(
        "SP008", file, 0, 0,
        f"file is {size:,} bytes; the limit is {limits.max_bytes:,} bytes",
        "split the story into several scenarios",
    )


def parse_bytes(data: bytes, file: str, limits: Limits = DEFAULT_LIMITS) -> Document:
    if len(data) > limits.max_bytes:
        return Document(file, None, None, [_too_large(file, len(data), limits)])
    text, diag = decode(data, file)
    if diag:
        return Document(file, None, None, [diag])
    return parse_text(text, file, limits)


def decode(data: bytes, file: str) -> tuple[str, Diagnostic | None]:
    """Strict UTF-8 (a UTF-8 BOM is dropped). Points at the first bad byte."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "", error("SP002", file, 1, 1, "the file is saved as UTF-16, not UTF-8",
                         "save the file again choosing the encoding 'UTF-8'")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        column = len(data[line_start:exc.start].decode("utf-8", errors="replace")) + 1
        return "", error(
            "SP002", file, line, column, f"byte 0x{data[exc.start]:02x} is not UTF-8 text", _encoding_hint(data))


def _encoding_hint(data: bytes) -> str:
    """Thai offices often save as Windows-874 (TIS-620); say so when the bytes read as Thai that way."""
    advice = "in your editor choose 'Save with encoding' and 'UTF-8'"
    try:
        as_thai = data.decode("cp874")
    except UnicodeDecodeError:
        return advice
    words = re.findall("[\u0e01-\u0e2e][\u0e00-\u0e7f]+", as_thai)  # a consonant and more: real Thai
    if sum(map(len, words)) >= max(3, sum(b >= 0x80 for b in data) // 2):
        return f"the file looks like Thai saved as Windows-874 (TIS-620); {advice}"
    return advice + "; Burmese must be Unicode, not Zawgyi"


def parse_text(text: str, file: str, limits: Limits = DEFAULT_LIMITS) -> Document:
    diags: list[Diagnostic] = []
    if len(text) > limits.max_bytes:
        return Document(file, text, None, [_too_large(file, len(text), limits)])
    # Windows (CR LF) and old Mac (CR) line ends are line ends to YAML too; one kind keeps positions simple.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    builder = _Builder(file, limits, diags)
    try:
        with bulk_allocation():
            loader = _Loader(text)  # what yaml.parse does, without a generator step per event
            try:
                builder.read(loader.get_event)
            finally:
                loader.dispose()
    except _Stop:
        return Document(file, text, None, diags)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        column = mark.column + 1 if mark else 0
        lines = _LINE_BREAK.split(text)
        if line > len(lines):  # the end of the file: point just past its last character
            line, column = len(lines), len(lines[-1]) + 1
        if "maximum nesting depth" in (exc.problem or ""):  # libyaml >= 0.2.6 stops at 1000 levels itself
            diags.append(_too_deep(file, line, column or 1, limits))
        else:
            # YAML accepts tabs inside a block text (`|`), so a tab is reported only when parsing failed,
            # and only outside the block texts read so far; it beats "cannot start any token".
            tab_lines = tab_indented_lines(text, file, diags, skip=builder.block_lines)
            if line not in tab_lines:
                diags.append(syntax_error(exc, file, line, column, text))
        return Document(file, text, None, diags)
    except yaml.reader.ReaderError as exc:
        code = ord(exc.character) if isinstance(exc.character, str) else int(exc.character)
        # libyaml counts bytes, the pure-Python reader characters; the first such character is the one
        position = text.find(chr(code)) if 0 <= code <= 0x10FFFF else -1
        position = exc.position if position < 0 else position
        breaks = [m.end() for m in _LINE_BREAK.finditer(text, 0, max(0, position))]
        line = len(breaks) + 1
        column = position - (breaks[-1] if breaks else 0) + 1
        diags.append(error("SP004", file, line, column, f"the control character U+{code:04X} is not allowed in YAML",
                           "delete the invisible character (it often comes from copying text out of a PDF)"))
        return Document(file, text, None, diags)
    except yaml.YAMLError as exc:
        diags.append(error("SP004", file, 0, 0, f"YAML syntax error: {exc}"))
        return Document(file, text, None, diags)
    root = builder.root
    if root is None or (root.value is None and not root.quoted and not isinstance(root.value, (list, dict))):
        diags.append(error("SP003", file, 0, 0, "the file is empty",
                           "start from `safepath new` or copy an existing scenario"))
        return Document(file, text, None, diags)
    return Document(file, text, root, diags)


def _too_deep(file: str, line: int, column: int, limits: Limits) -> Diagnostic:
    return error("SP009", file, line, column, f"lists and mappings are nested more than {limits.max_depth} levels deep",
                 "a scenario needs only a few levels; check the indentation")


class _Builder:
    """Turns parser events into :class:`Node` values, enforcing the limits as it goes.

    It runs once per event (tens of thousands for a long story), so the common events take the shortest
    way: one type test each, and a plain scalar's tag (which depends on its text alone) is resolved once
    per distinct text and file, since keys such as ``kind`` or ``goto`` repeat in every scene.
    """

    def __init__(self, file: str, limits: Limits, diags: list[Diagnostic]):
        self.file = file
        self.limits = limits
        self.diags = diags
        self.stack: list[tuple[Node, list]] = []  # (collection node, [pending key's node or mark, anchor, key])
        self.anchors: dict[str, Node] = {}
        self.open_anchors: set[str] = set()
        self.root: Node | None = None
        self.documents = 0
        self.values = 0
        self.aliases = 0
        self.block_lines: set[int] = set()  # lines inside block texts (`|`, `>`), where a tab is text
        self._plain_tags: dict[str, str] = {}  # a plain scalar's text -> its resolved tag
        self._constructed: dict[tuple[str, str], Any] = {}  # (int or float tag, text) -> its value

    def fail(self, code: str, line: int, column: int, message: str, hint: str = "") -> None:
        self.diags.append(error(code, self.file, line, column, message, hint))
        raise _Stop

    def read(self, next_event) -> None:
        """Feed every event of the stream (``next_event`` gives None after the last).

        Scalars, lists and mappings without an anchor or a tag are most of the events: this loop opens and
        adds them itself, as :meth:`feed`, :meth:`scalar` and :meth:`add` would (a key's value, a duplicate
        key or a key that is not a scalar go through :meth:`add`; a text not seen before through
        :meth:`scalar`); every other event, and any that reaches a limit, goes through :meth:`feed`.
        """
        feed, add, scalar, stack = self.feed, self.add, self.scalar, self.stack
        plain_tags, max_string, max_values = self._plain_tags, self.limits.max_string, self.limits.max_values
        max_depth = self.limits.max_depth
        event = next_event()
        while event is not None:
            kind = type(event)
            if kind is ScalarEvent and event.anchor is None and stack:
                mark = event.start_mark
                value = event.value
                parent, pending = stack[-1]
                parent.size += 1
                held = parent.value
                plain = (plain_tags.get(value) == _STR_TAG and not event.style and event.tag is None
                         and event.implicit[0] and len(value) <= max_string and self.values < max_values)
                if plain and pending[0] is None and type(held) is dict:  # a key written as plain text
                    self.values += 1
                    pending[0], pending[2] = mark, value  # where it is, for key_node; no node of its own
                    event = next_event()
                    continue
                if plain:
                    self.values += 1  # a plain text already seen: what scalar() makes of it, the short way
                    node = Node(value, mark.line + 1, mark.column + 1, None, _STR_TAG)
                else:
                    node = scalar(event, mark.line + 1, mark.column + 1)
                if type(held) is list:
                    held.append(node)
                elif pending[0] is None:  # a key: a scalar always can be one
                    pending[0], pending[2] = node, node.raw
                else:  # a key's value: what add() does when the key is new
                    key = pending[2]
                    if key is None or key in held:
                        add(node, None, counted=True)  # a key that is not text, or a duplicate
                    else:
                        parent.keys[key] = pending[0]
                        pending[0] = None
                        held[key] = node
            elif ((kind is MappingStartEvent or kind is SequenceStartEvent) and event.tag is None
                  and event.anchor is None and len(stack) < max_depth and self.values < max_values):
                mark = event.start_mark
                self.values += 1
                if kind is MappingStartEvent:
                    node = Node({}, mark.line + 1, mark.column + 1)
                    node.keys = {}
                else:
                    node = Node([], mark.line + 1, mark.column + 1)
                stack.append((node, [None, None, None]))
            elif (kind is MappingEndEvent or kind is SequenceEndEvent) and len(stack) > 1 and stack[-1][1][1] is None:
                node = stack.pop()[0]
                parent, pending = stack[-1]
                parent.size += node.size
                held = parent.value
                if type(held) is list:
                    held.append(node)
                else:
                    key = pending[2] if pending[0] is not None else None
                    if key is None or key in held:
                        add(node, None, counted=True)  # a mapping as a key, a key not text, a duplicate
                    else:  # the value of a new key, as add() would put it
                        parent.keys[key] = pending[0]
                        pending[0] = None
                        held[key] = node
            else:
                feed(event)
            event = next_event()

    def feed(self, event) -> None:
        kind = type(event)
        if kind is ScalarEvent:
            mark = event.start_mark
            self.add(self.scalar(event, mark.line + 1, mark.column + 1), event.anchor)
        elif kind is MappingStartEvent or kind is SequenceStartEvent:
            mark = event.start_mark
            line, column = mark.line + 1, mark.column + 1
            is_map = kind is MappingStartEvent
            tag = event.tag
            if tag is not None and tag != "!" and tag != (_MAP_TAG if is_map else _SEQ_TAG):
                self.reject_tag(tag, line, column)
            if len(self.stack) >= self.limits.max_depth:
                self.diags.append(_too_deep(self.file, line, column, self.limits))
                raise _Stop
            node = Node({} if is_map else [], line, column)
            if is_map:
                node.keys = {}
            self.count(1, line, column)
            anchor = event.anchor
            if anchor:
                self.open_anchors.add(anchor)
            self.stack.append((node, [None, anchor, None]))
        elif kind is MappingEndEvent or kind is SequenceEndEvent:
            node, (_, anchor, _) = self.stack.pop()
            if anchor:
                self.open_anchors.discard(anchor)
            self.add(node, anchor)
        elif kind is AliasEvent:
            mark = event.start_mark
            self.alias(event, mark.line + 1, mark.column + 1)
        elif kind is DocumentStartEvent:
            self.documents += 1
            if self.documents > 1:
                mark = event.start_mark
                self.fail("SP004", mark.line + 1, mark.column + 1, "YAML syntax error: a second document starts here",
                          "remove the second '---': one file holds one scenario")

    def count(self, n: int, line: int, column: int) -> None:
        self.values += n
        if self.values > self.limits.max_values:
            self.fail("SP010", line, column,
                      f"the file holds more than {self.limits.max_values:,} values (aliases counted in full)",
                      "a file with many aliases of aliases can explode in size; write the values out")

    def reject_tag(self, tag: str, line: int, column: int) -> None:
        shown = tag.replace(_CORE, "!!")
        self.fail("SP007", line, column, f"the tag {shown} is not allowed",
                  "SafePath files hold plain text, numbers, lists and mappings only; remove the tag")

    def scalar(self, event: ScalarEvent, line: int, column: int) -> Node:
        raw = value = event.value
        style = event.style or None
        tag = event.tag
        if style is None:
            if tag is None or tag == "!":
                if event.implicit[0]:  # the resolver reads the text alone (SafePath adds no path resolvers)
                    tag = self._plain_tags.get(value)
                    if tag is None:
                        tag = self._plain_tags[value] = _RESOLVER.resolve(ScalarNode, value, event.implicit)
                else:
                    tag = _RESOLVER.DEFAULT_SCALAR_TAG
        else:
            if style == "|" or style == ">":
                self.block_lines.update(range(line + 1, event.end_mark.line + 2))
            if tag is None or tag == "!":
                tag = _STR_TAG
        if len(value) > self.limits.max_string:
            self.diags.append(error("SP012", self.file, line, column,
                                    f"this string is {len(value):,} characters long; the limit is {self.limits.max_string:,}",
                                    "split the text into several lines or scenes"))
            value = value[: self.limits.max_string]
            tag = TOO_LONG
        if tag in _AS_STRING or tag == TOO_LONG:
            pass
        elif tag == _INT_TAG or tag == _FLOAT_TAG:
            key = (tag, value)
            if key in self._constructed:
                value = self._constructed[key]
            else:
                construct = _CONSTRUCTOR.construct_yaml_int if tag == _INT_TAG else _CONSTRUCTOR.construct_yaml_float
                value = self._constructed[key] = construct(ScalarNode(tag, value))
        elif tag == _CORE + "bool":
            value = value.lower() in ("yes", "true", "on", "y")
        elif tag == _CORE + "null":
            value = None
        elif tag == _CORE + "merge":
            self.fail("SP013", line, column, "merge keys '<<' are not supported",
                      "write the keys out in full")
        else:
            self.reject_tag(tag, line, column)
        self.values += 1
        if self.values > self.limits.max_values:
            self.count(0, line, column)  # says so and stops
        node = Node(value, line, column, style, tag)
        node.raw = raw
        return node

    def alias(self, event: AliasEvent, line: int, column: int) -> None:
        self.aliases += 1
        if self.aliases > self.limits.max_aliases:
            self.fail("SP011", line, column, f"the file uses more than {self.limits.max_aliases:,} aliases",
                      "write the values out instead of using *aliases")
        if event.anchor in self.open_anchors:
            self.fail("SP013", line, column, f"the alias *{event.anchor} refers to a value that contains it",
                      "an alias cannot point at its own parent")
        target = self.anchors.get(event.anchor)
        if target is None:  # the parser normally reports this itself
            self.fail("SP004", line, column, f"YAML syntax error: unknown alias *{event.anchor}")
        self.count(target.size, line, column)
        self.add(target, None, fresh=False)

    def add(self, node: Node, anchor: str | None, fresh: bool = True, counted: bool = False) -> None:
        """Put ``node`` where it belongs: the root, an item of the open list, a key or a key's value
        (``counted``: its size is already added to the open collection's)."""
        if anchor and fresh:
            self.anchors[anchor] = node
        if not self.stack:
            self.root = node
            return
        parent, pending = self.stack[-1]
        if not counted:
            parent.size += node.size
        if isinstance(parent.value, list):
            parent.value.append(node)
            return
        if pending[0] is None:  # this node is a key
            if isinstance(node.value, (dict, list)):
                self.fail("SP013", node.line, node.column, "a key must be a simple word, not a list or mapping")
            pending[0], pending[2] = node, node.raw
            return
        where, key = pending[0], pending[2]  # the key's node, or the mark of a plain one (see read)
        pending[0] = None
        if key is None:
            key = str(where.value)  # a number or yes/no as a key
        if key in parent.value:
            first = parent.key_node(key)
            line, column = (where.line, where.column) if type(where) is Node else (where.line + 1, where.column + 1)
            self.diags.append(error(
                "SP006", self.file, line, column,
                f"duplicate key {key!r}: it is already used at line {first.line}",
                "YAML would silently keep only the last one; rename or merge them",
            ))
            return
        parent.value[key] = node
        parent.keys[key] = where

