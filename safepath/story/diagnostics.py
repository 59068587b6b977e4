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

    def format(self, source_text: str | None = None) -> str:
        """The headline, then the offending source line with a caret, then the hint."""
        out = [self.headline()]
        if source_text is not None and self.line > 0:
            lines = source_text.splitlines()
            if self.line <= len(lines):
                src = lines[self.line - 1].replace("\t", " ")
                if len(src) > 160:
                    src = src[:157] + "..."
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
    """Human-readable report, reading each file's text once for the caret lines."""
    texts: dict[str, str | None] = {}
    blocks = []
    for d in sorted(diagnostics, key=sort_key):
        if d.file not in texts:
            try:
                # NUL bytes (a UTF-16 file) would make the terminal output binary; drop them for display
                texts[d.file] = Path(d.file).read_bytes().decode("utf-8", errors="replace").replace("\x00", "")
            except OSError:
                texts[d.file] = None
        blocks.append(d.format(texts[d.file]))
    return "\n".join(blocks)


def to_json(diagnostics: Iterable[Diagnostic]) -> str:
    return json.dumps([d.to_json() for d in sorted(diagnostics, key=sort_key)], ensure_ascii=False, indent=2)
