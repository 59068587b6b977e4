"""Diagnostics: every problem an author can make, as a small frozen value.

Like Yarn Spinner, a diagnostic is data (code, severity, place, message,
hint) rather than an exception, so a loader can collect all of them before
giving up and tools can print them as text or JSON. The list of codes with
their documentation lives in ``docs/diagnostics.md``; :data:`CODES` is the
single source of truth the docs test checks against.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import asdict, dataclass
from enum import Enum
from pathlib import Path
from typing import Iterable


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    code: str
    severity: Severity
    file: str
    line: int  # 1-based; 0 when the problem concerns the whole file (shown as line 1)
    column: int  # 1-based; 0 when unknown (shown as column 1)
    message: str
    hint: str = ""

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    @property
    def place(self) -> tuple[int, int]:
        """Line and column as editors and problem matchers want them: 1-based, never 0."""
        return max(1, self.line), max(1, self.column)

    def headline(self) -> str:
        line, column = self.place
        return f"{self.file}:{line}:{column}: {self.severity.value} {self.code} {self.message}"

    def format(self, source_text: str | None = None, *, source_line: str | None = None) -> str:
        """The headline, then the offending source line with a caret, then the hint.

        Give the file's whole text (``source_text``) or just the offending line (``source_line``, as
        :func:`source_lines` reads it): printing an excerpt never needs the whole file in memory.
        """
        out = [self.headline()]
        if source_line is None and source_text is not None and self.line > 0:
            lines = source_text.splitlines()
            if self.line <= len(lines):
                source_line = lines[self.line - 1]
        if source_line is not None and self.line > 0:
            src = source_line.replace("\t", " ")
            if len(src) > EXCERPT_CHARS:
                src = src[: EXCERPT_CHARS - 3] + "..."
            out.append(f"    {src}")
            col = max(1, self.column)
            out.append("    " + " " * display_width(src[: col - 1]) + "^")
        if self.hint:
            out.append(f"    hint: {self.hint}")
        return "\n".join(out)

    def to_json(self) -> dict:
        data = asdict(self)
        data["severity"] = self.severity.value
        data["line"], data["column"] = self.place
        return data


def display_width(text: str) -> int:
    """Terminal columns ``text`` takes: Thai and Burmese marks sit on their letter, CJK takes two."""
    width = 0
    for ch in text:
        if unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def error(code: str, file: str, line: int, column: int, message: str, hint: str = "") -> Diagnostic:
    return Diagnostic(code, Severity.ERROR, str(file), line, column, message, hint)


def warning(code: str, file: str, line: int, column: int, message: str, hint: str = "") -> Diagnostic:
    return Diagnostic(code, Severity.WARNING, str(file), line, column, message, hint)


#: problems that cause others in the same file, so they are listed first there: a duplicate key (two scenes
#: with one id) makes YAML keep one of them, and the other's lines then look wrong for reasons it does not say
ROOT_CAUSES = frozenset({"SP006"})


def sort_key(d: Diagnostic) -> tuple:
    """File by file; within a file the causes of other problems first, then by place."""
    return (d.file, d.code not in ROOT_CAUSES, d.line, d.column, d.code)


def format_all(diagnostics: Iterable[Diagnostic]) -> str:
    """Human-readable report with the caret lines; of each file only the lines shown are read."""
    ordered = sorted(diagnostics, key=sort_key)
    wanted: dict[str, set[int]] = {}
    for d in ordered:
        wanted.setdefault(d.file, set())
        if d.line > 0:
            wanted[d.file].add(d.line)
    lines = {file: source_lines(file, numbers) for file, numbers in wanted.items()}
    return "\n".join(d.format(source_line=(lines[d.file] or {}).get(d.line)) for d in ordered)


#: an excerpt shows this many characters of its line at most (longer lines are cut, with "...")
EXCERPT_CHARS = 160
#: characters of a wanted line that :func:`source_lines` keeps: enough for any excerpt, never a whole huge line
LINE_KEEP = 4 * EXCERPT_CHARS
_CHUNK = 1 << 16
#: what ``str.splitlines`` ends a line at, so line numbers here are the loader's
_LINE_ENDS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"


def source_lines(path: str | Path, wanted: Iterable[int]) -> dict[int, str] | None:
    """The lines numbered ``wanted`` (1-based) of the file at ``path``, for excerpts; None if it cannot be read.

    The file is read in small pieces only as far as the last wanted line, and each line is kept only up to
    :data:`LINE_KEEP` characters, so a 1 GB file (which lint refuses, SP008) costs nothing to report on and an
    error on line 3 of a huge file reads a few kilobytes. Lines are counted as ``str.splitlines`` counts them
    in the text decoded as UTF-8 (bad bytes shown as U+FFFD) with NUL bytes dropped (a UTF-16 file would make
    the terminal output binary), as the whole-file reading did before.
    """
    numbers = {n for n in wanted if n > 0}
    if not numbers:
        return {}
    import codecs

    last = max(numbers)
    out: dict[int, str] = {}
    decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
    line, head, kept, carry = 1, [], 0, ""
    try:
        with open(path, "rb") as handle:
            while line <= last:
                chunk = handle.read(_CHUNK)
                final = not chunk
                text = carry + decoder.decode(chunk, final).replace("\x00", "")
                carry = ""
                if not final and text.endswith("\r"):  # a CR LF split between two pieces is one line end
                    text, carry = text[:-1], "\r"
                for part in text.splitlines(keepends=True):
                    body = part.rstrip(_LINE_ENDS)
                    if line in numbers and kept < LINE_KEEP:
                        piece = body[: LINE_KEEP - kept]
                        head.append(piece)
                        kept += len(piece)
                    if len(body) == len(part):  # the line goes on in the next piece
                        if line == last and kept >= LINE_KEEP:
                            break  # all of the last wanted line an excerpt can show: read no further
                        continue
                    if line in numbers:
                        out[line] = "".join(head)
                    line, head, kept = line + 1, [], 0
                    if line > last:
                        break
                else:
                    if final:
                        break
                    continue
                break
    except OSError:
        return None
    if head and line in numbers:
        out[line] = "".join(head)  # the last line of the file (no line end), or the kept head of a huge line
    return out


def to_json(diagnostics: Iterable[Diagnostic]) -> str:
    return json.dumps([d.to_json() for d in sorted(diagnostics, key=sort_key)], ensure_ascii=False, indent=2)
