"""From a character of a parsed text back to its line and column in the file.

:mod:`safepath.story.yamlsource` reads the file into nodes; a diagnostic about a place *inside* a value (a
word of a condition, an invisible character in a text) comes back here to find where that place is written.
"""

from __future__ import annotations

import bisect

from safepath.story.yaml_errors import LINE_BREAK as _LINE_BREAK
from safepath.story.yamlsource import Node


class SourceMap:
    """Turns a character offset inside a scalar's value back into a line and column of the file.

    A condition written over two lines (``if: >-``), in quotes or with escapes is
    one string once parsed, so "column of the node + offset" points at the wrong
    place. Walking the source from the node's start and matching the value's
    characters in order finds the real place: folded line breaks and indentation
    are whitespace on both sides, and an escape such as ``\\u0068`` simply keeps
    the caret on the backslash.
    """

    _WINDOW = 12  # from one character to the next (the longest escape is \\U0001F600)

    def __init__(self, text: str | None):
        self.text = text
        self._starts: list[int] | None = None

    def _line_starts(self) -> list[int]:
        if self._starts is None:
            self._starts = [0] + [m.end() for m in _LINE_BREAK.finditer(self.text or "")]
        return self._starts

    def locate(self, node: Node, offset: int) -> tuple[int, int]:
        """(line, column), 1-based, of character ``offset`` of ``node``'s string value."""
        fallback = (node.line, node.column + offset + (1 if node.quoted else 0))
        value = node.value
        if self.text is None or not isinstance(value, str) or node.line < 1 or offset < 0:
            return fallback
        starts = self._line_starts()
        if node.line > len(starts):
            return fallback
        text = self.text
        pos = starts[node.line - 1] + max(0, node.column - 1)
        if node.quoted:
            pos += 1  # the opening quote
        elif node.style in ("|", ">"):
            end = text.find("\n", pos)  # the value starts on the line after the indicator
            pos = len(text) if end < 0 else end + 1
        if not (value[:1].isspace()):
            while pos < len(text) and text[pos] in " \t\r\n":
                pos += 1
        for ch in value[:offset]:
            if ch.isspace():  # a space may be a folded line break and indentation in the source
                while pos < len(text) and text[pos].isspace():
                    pos += 1
                continue
            found = text.find(ch, pos, pos + self._WINDOW)
            if found >= 0:
                pos = found + 1
        target = value[offset] if offset < len(value) else ""
        if target and not target.isspace():
            found = text.find(target, pos, pos + self._WINDOW)
            if found >= 0:
                pos = found
        line = bisect.bisect_right(starts, pos)
        return line, pos - starts[line - 1] + 1
