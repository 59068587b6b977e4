"""What a YAML syntax error means, in plain words and at the place the author made it.

libyaml reports where it got lost, which is often lines after the mistake and in its own terms ("mapping
values are not allowed here"). :func:`syntax_error` looks back for the usual mistakes of people who do not
write YAML every day (a quote never closed, a text starting with ``{``) and points at them, and otherwise
adds a hint to the parser's message; :func:`tab_indented_lines` finds lines indented with tabs, which YAML
refuses. :mod:`safepath.story.yamlsource` calls them when parsing fails.
"""

from __future__ import annotations

import re

import yaml

from safepath.story.diagnostics import Diagnostic, error

_TAB_INDENT = re.compile(r"^ *\t", re.M)
LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")  # what YAML counts as a new line


def tab_indented_lines(text: str, file: str, diags: list[Diagnostic], skip: set[int] = frozenset()) -> set[int]:
    lines: set[int] = set()
    for m in _TAB_INDENT.finditer(text):
        line_start = m.start()
        line_end = text.find("\n", line_start)
        rest = text[m.end():line_end if line_end >= 0 else len(text)]
        if not rest.strip() or rest.lstrip().startswith("#"):
            continue
        line = text.count("\n", 0, line_start) + 1
        if line in skip:
            continue
        lines.add(line)
        if len(lines) <= 20:
            diags.append(error("SP005", file, line, m.end() - line_start,
                               "this line is indented with a tab; YAML needs spaces",
                               "replace the tab with spaces (set your editor to insert spaces)"))
    return lines


_SYNTAX_HINTS = [
    ("mapping values are not allowed", "a text containing ': ' must be put in quotes"),
    ("could not find expected ':'", "a key needs ':' after it; a text containing ':' or '#' must be put in quotes"),
    ("cannot start any token", "a text starting with @, ` or % must be put in quotes"),
    ("end of stream", "a quote or bracket is not closed"),
    ("expected a single document", "remove the second '---': one file holds one scenario"),
    ("did not find expected key", "check the indentation: items of one mapping must line up"),
    ("did not find expected '-'", "check the indentation: items of one list must line up"),
    ("found undefined alias", "an *alias must refer to an &anchor defined earlier"),
]


def syntax_error(exc: yaml.MarkedYAMLError, file: str, line: int, column: int, text: str) -> Diagnostic:
    problem = exc.problem or "the YAML structure is broken"
    opened = _unclosed_quote(text, line)
    if opened is not None:
        # The parser only notices lines later, with a message about keys; the author's mistake is here.
        quote_line, quote_column = opened
        return error("SP004", file, quote_line, quote_column,
                     f"YAML syntax error: this quote (\") is not closed, so the lines after it are misread "
                     f"(the parser got lost at line {line}: {problem})",
                     'add the closing " at the end of the text, or remove the opening one')
    braced = _text_starting_with_brace(text, line)
    if braced is not None:
        # `- thida: {baht:12000} a month`: YAML takes `{...}` for a mapping and stumbles on the words after it
        brace_column, quoted = braced
        return error("SP004", file, line, brace_column,
                     "YAML syntax error: this text starts with '{', so YAML reads the braces as a mapping "
                     f"and cannot go on after them ({problem})",
                     f"a text that starts with '{{' must be put in quotes: {quoted}")
    message = f"YAML syntax error: {problem}"
    if exc.context:
        where = f" started at line {exc.context_mark.line + 1}" if exc.context_mark else ""
        message += f" ({exc.context}{where})"
    hint = next((h for needle, h in _SYNTAX_HINTS if needle in problem), "")
    return error("SP004", file, line, column, message, hint)


_BRACE_VALUE = re.compile(r"^(?P<lead>\s*(?:-\s+)?(?:[\w-]+:\s+)?)(?P<value>\{[^{}\n]*\}[^\S\n]*[^\s#,}\]][^\n]*?)\s*(?:\s#.*)?$")


def _text_starting_with_brace(text: str, error_line: int) -> tuple[int, str] | None:
    """(column of the '{', the line written with the text in quotes) when the line's value is a text that
    starts with a brace, such as ``{baht:12000} a month``; else None."""
    lines = LINE_BREAK.split(text)
    if not 1 <= error_line <= len(lines):
        return None
    m = _BRACE_VALUE.match(lines[error_line - 1])
    if m is None:
        return None
    value = m.group("value").replace("\\", "\\\\").replace('"', '\\"')
    return len(m.group("lead")) + 1, f'{m.group("lead").strip()} "{value}"'.strip()


def _unclosed_quote(text: str, error_line: int) -> tuple[int, int] | None:
    """Line and column of a quote opened on an earlier line and never closed there, if any."""
    for number, line in enumerate(LINE_BREAK.split(text)[:error_line], start=1):
        body = line.split(" #", 1)[0] if '"' not in line.split(" #", 1)[0] else line
        if body.replace('\\"', "").count('"') % 2 == 1:
            if number < error_line:
                unescaped = body.replace('\\"', "  ")
                return number, unescaped.rfind('"') + 1
            return None
    return None
