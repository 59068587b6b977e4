"""A strict reading of ``.po`` syntax, like ``msgfmt --check``, without GNU gettext.

Babel's reader is forgiving on purpose: it drops the last character of an
unterminated string and pads missing plural forms with empty strings, so a
broken catalog loads "fine" and the damage only shows on screen. CI machines
and NGO laptops often have no ``msgfmt``, so ``safepath i18n status`` runs
this check to name the exact line of the problems ``msgfmt --check`` would
refuse: a badly quoted string, an unknown keyword, a ``msgstr`` without its
``msgid``, the wrong number of plural forms, the same message defined twice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_KEYWORD = re.compile(r"^(msgctxt|msgid|msgid_plural|msgstr|msgstr\[(\d+)\])\s+(.*)$")
_STRING = re.compile(r'^"((?:[^"\\]|\\.)*)"\s*$')
_ESCAPES = set('\\"ntrabfv01234567x')
_NPLURALS = re.compile(r"nplurals\s*=\s*(\d+)")


@dataclass(frozen=True)
class PoProblem:
    line: int
    message: str
    syntax: bool  # True: the file cannot be read as written; False: it reads but is wrong


@dataclass
class _Entry:
    line: int = 0
    context: str | None = None
    msgid: str | None = None
    plural: bool = False
    forms: int = 0
    singular_str: bool = False
    obsolete: bool = False


def _unquote(raw: str) -> str | None:
    match = _STRING.match(raw.strip())
    if not match:
        return None
    body = match.group(1)
    i = 0
    while i < len(body):
        if body[i] == "\\":
            if i + 1 >= len(body) or body[i + 1] not in _ESCAPES:
                return None
            i += 2
        else:
            i += 1
    return body


def check_po_text(text: str) -> list[PoProblem]:
    """Every syntax or structure problem of a ``.po`` file, with its 1-based line."""
    problems: list[PoProblem] = []
    entries: list[_Entry] = []
    entry = _Entry()
    last: str | None = None  # the keyword a continuation line belongs to
    header_text: list[str] = []

    def finish():
        nonlocal entry, last
        if entry.msgid is not None or entry.forms or entry.singular_str:
            entries.append(entry)
        entry = _Entry()
        last = None

    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        obsolete = line.startswith("#~")
        if obsolete:
            line = line[2:].strip()
            if not line or line.startswith("#"):
                continue
        elif not line:
            finish()
            continue
        elif line.startswith("#"):
            if last is not None and last != "comment":
                finish()
            last = "comment"
            continue
        match = _KEYWORD.match(line)
        if match:
            keyword, value = match.group(1), match.group(3)
            if keyword in ("msgctxt", "msgid") and (entry.msgid is not None and (keyword == "msgctxt" or last != "msgctxt")):
                finish()
            entry.obsolete = entry.obsolete or obsolete
            if keyword == "msgctxt":
                entry.line = entry.line or number
                entry.context = ""
            elif keyword == "msgid":
                entry.line = entry.line or number
                entry.msgid = ""
            elif entry.msgid is None:
                problems.append(PoProblem(number, f"`{keyword}` comes before any `msgid`", True))
            if keyword == "msgid_plural":
                entry.plural = True
            elif keyword.startswith("msgstr["):
                if int(match.group(2)) != entry.forms:
                    problems.append(PoProblem(number, f"plural form {match.group(2)} is out of order", True))
                entry.forms += 1
            elif keyword == "msgstr":
                entry.singular_str = True
            last = keyword
        elif line.startswith('"'):
            if last in (None, "comment"):
                problems.append(PoProblem(number, "a quoted string that belongs to no keyword", True))
                continue
            value = line
        else:
            problems.append(PoProblem(number, f"cannot read this line: {line[:40]!r}", True))
            continue
        body = _unquote(value)
        if body is None:
            problems.append(PoProblem(number, "the string is not correctly quoted (a missing \" or a bad \\ escape)", True))
            continue
        if last == "msgid":
            entry.msgid = (entry.msgid or "") + body
        elif last == "msgctxt":
            entry.context = (entry.context or "") + body
        elif last == "msgstr" and entry.msgid == "":
            header_text.append(body)
    finish()
    problems += _structure_problems(entries, "".join(header_text))
    return sorted(problems, key=lambda p: p.line)


def _structure_problems(entries: list[_Entry], header: str) -> list[PoProblem]:
    out = []
    found = _NPLURALS.search(header.replace("\\n", "\n"))
    nplurals = int(found.group(1)) if found else None
    seen: dict[tuple, int] = {}
    for e in entries:
        if e.msgid is None:
            continue
        if e.plural:
            if e.singular_str:
                out.append(PoProblem(e.line, "a plural message needs msgstr[0], msgstr[1], ... not msgstr", False))
            elif nplurals is not None and e.forms != nplurals:
                out.append(
                    PoProblem(e.line, f"{e.forms} plural form(s) where the Plural-Forms header says {nplurals}", False)
                )
        elif e.forms:
            out.append(PoProblem(e.line, "msgstr[N] on a message without msgid_plural", False))
        elif not e.singular_str:
            out.append(PoProblem(e.line, "the message has no msgstr", True))
        if e.obsolete:
            continue
        key = (e.context, e.msgid)
        if key in seen:
            out.append(PoProblem(e.line, f"the same message is defined twice (first at line {seen[key]})", False))
        else:
            seen[key] = e.line
    return out
