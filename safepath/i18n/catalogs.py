"""Reading translation catalogs (``.po``) through Babel, with a small cache.

Translators edit ``locales/LANG/LC_MESSAGES/DOMAIN.po`` with Poedit or a text
editor; the game reads those files directly so that editing a ``.po`` and
restarting shows the change with no compile step. Parsing a ``.po`` with
Babel costs tens of milliseconds per file on an old laptop, so the parsed
messages are kept as JSON in the user cache folder, keyed by the file's path,
size and modification time. JSON (not pickle) because the cache folder is
writable by anyone using the account: a damaged or hostile cache file can only
fail to parse, never run code. Any problem with the cache is ignored and the
``.po`` is parsed again: the cache is an optimisation, never a source of truth.

The one-folder bundle (:mod:`safepath.packaging`) ships compiled catalogs instead:
``DOMAIN.mo`` beside where the ``.po`` would be, made by :func:`compile_mo` with the
same rules (no fuzzy entries, no half-translated plurals). :func:`load_table` reads a
``.mo`` when it is at least as new as the ``.po`` (or there is no ``.po``), with the
standard library alone: no Babel, no cache. An older ``.mo`` is ignored, so a
translator's edit to the ``.po`` always shows.
"""

from __future__ import annotations

import gettext
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from struct import error as struct_error
from typing import Callable

from safepath import paths
from safepath.fingerprint import fingerprint

#: The two gettext domains: interface strings and story content.
UI_DOMAIN = "safepath"
CONTENT_DOMAIN = "content"
DOMAINS = (UI_DOMAIN, CONTENT_DOMAIN)

#: Languages the game ships and checks: a release needs all of them complete.
SHIPPED_LANGUAGES = ("th", "my", "en")

#: Bump when the cached JSON layout changes.
_CACHE_FORMAT = 2  # 2: entries on lines the strict reader refuses are left out

#: key: (msgctxt or "", msgid); value: str, or a list of plural forms.
Messages = dict[tuple[str, str], "str | list[str]"]


@dataclass
class MessageTable:
    """The usable translations of one catalog: fuzzy and empty entries are left out."""

    messages: Messages = field(default_factory=dict)
    plural_forms: str = "nplurals=2; plural=(n != 1);"
    _plural: Callable[[int], int] | None = field(default=None, repr=False)

    def lookup(self, context: str | None, msgid: str) -> str | list[str] | None:
        return self.messages.get((context or "", msgid))

    def plural_index(self, n: int) -> int:
        if self._plural is None:
            self._plural = _compile_plural(self.plural_forms)
        try:
            return int(self._plural(n))
        except (ArithmeticError, TypeError, ValueError):
            return 0 if n == 1 else 1


def _compile_plural(header: str) -> Callable[[int], int]:
    """The ``Plural-Forms`` expression as a function.

    ``gettext.c2py`` is the standard library's own checked translator of the
    C-like plural expression (it rejects anything but the gettext grammar).
    """
    expr = "(n != 1)"
    for part in header.split(";"):
        name, _, value = part.strip().partition("=")
        if name.strip() == "plural" and value.strip():
            expr = value.strip()
    try:
        return gettext.c2py(expr)
    except (ValueError, RecursionError):
        return gettext.c2py("(n != 1)")


def po_path(lang: str, domain: str, locales_dir: Path | None = None) -> Path:
    return Path(locales_dir or paths.locales_dir()) / lang / "LC_MESSAGES" / f"{domain}.po"


def cache_dir() -> Path | None:
    """Where parsed catalogs are cached; ``SAFEPATH_CACHE_DIR`` overrides, empty disables."""
    override = os.environ.get("SAFEPATH_CACHE_DIR")
    if override is not None:
        return Path(override) if override else None
    try:
        return paths.user_cache_root() / "catalogs"
    except Exception:  # no home folder, odd platform: run without a cache
        return None


def load_table(path: Path) -> MessageTable:
    """The usable messages of a ``.po`` file (or its compiled ``.mo``); an absent or broken file gives an empty table."""
    path = Path(path)
    try:
        stat = path.stat()
    except OSError:
        stat = None
    compiled = _fresh_mo(path, stat)
    if compiled is not None:
        return compiled
    if stat is None:
        return MessageTable()
    stamp = {"format": _CACHE_FORMAT, "path": str(path.resolve()), "size": stat.st_size, "mtime": stat.st_mtime_ns}
    cache_file = _cache_file(stamp["path"])
    cached = _read_cache(cache_file, stamp)
    if cached is not None:
        return cached
    table = parse_po(path)
    if table is not None:
        _write_cache(cache_file, stamp, table)
        return table
    return MessageTable()


def mo_path(po: Path) -> Path:
    return Path(po).with_suffix(".mo")


def _fresh_mo(po: Path, po_stat) -> MessageTable | None:
    """The ``.mo`` beside ``po`` when it is at least as new as ``po`` and reads cleanly, else None."""
    mo = mo_path(po)
    try:
        mo_stat = mo.stat()
    except OSError:
        return None
    if po_stat is not None and mo_stat.st_mtime_ns < po_stat.st_mtime_ns:
        return None
    return read_mo(mo)


def read_mo(path: Path) -> MessageTable | None:
    """A compiled catalog through the standard library's ``gettext``; None when it is unreadable."""
    try:
        with open(path, "rb") as fh:
            compiled = gettext.GNUTranslations(fh)
    except (OSError, ValueError, UnicodeDecodeError, struct_error):
        return None
    messages: Messages = {}
    plurals: dict[tuple[str, str], dict[int, str]] = {}
    # `_catalog` is GNUTranslations' parsed table (stable since Python 2): "ctx\x04msgid" -> str, or
    # ("ctx\x04singular", form) -> str for plural entries; "" is the header.
    for key, value in compiled._catalog.items():
        if isinstance(key, tuple):
            raw, form = key
            plurals.setdefault(_split_context(raw), {})[form] = value
        elif key and value:
            messages[_split_context(key)] = value
    for key, forms in plurals.items():
        if forms and all(forms.get(i) for i in range(len(forms))):
            messages[key] = [forms[i] for i in range(len(forms))]
    plural_forms = compiled.info().get("plural-forms") or MessageTable().plural_forms
    return MessageTable(messages, plural_forms)


def _split_context(raw: str) -> tuple[str, str]:
    context, sep, msgid = raw.partition("\x04")
    return (context, msgid) if sep else ("", raw)


def compile_mo(po: Path, mo: Path | None = None) -> Path:
    """Write ``po`` as a ``.mo`` (beside it unless ``mo`` is given), keeping what :func:`parse_po` keeps.

    Fuzzy entries and plurals with an empty form are left out, so the game shows exactly the
    same strings from either file. Raises ``OSError``, ``ValueError`` or Babel's ``PoFileError`` on a broken ``po``:
    a build must stop on it, not ship a silently emptier catalog.
    """
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    from safepath.i18n.pocheck import check_po_text

    mo = Path(mo) if mo is not None else mo_path(po)
    broken = [p for p in check_po_text(Path(po).read_text(encoding="utf-8")) if p.syntax]
    if broken:  # Babel would read it forgivingly (an unterminated string loses its last letter)
        raise ValueError(f"{po}:{broken[0].line}: {broken[0].message}")
    with open(po, "rb") as fh:
        catalog = read_po(fh, abort_invalid=True)
    for message in list(catalog):
        if message.id and message.pluralizable and not all(message.string or ()):
            catalog.delete(message.id, message.context)
    mo.parent.mkdir(parents=True, exist_ok=True)
    tmp = mo.with_name(mo.name + f".{os.getpid()}.tmp")
    with open(tmp, "wb") as fh:
        write_mo(fh, catalog, use_fuzzy=False)
    os.replace(tmp, mo)
    return mo


def parse_po(path: Path) -> MessageTable | None:
    """Parse with Babel; ``None`` when the file cannot be read or parsed."""
    import io

    from babel.messages.pofile import PoFileError, read_po

    try:
        data = Path(path).read_bytes()
        catalog = read_po(io.BytesIO(data), abort_invalid=False)
        guessed = _guessed_lines(data.decode("utf-8"))
    except (OSError, PoFileError, UnicodeDecodeError, ValueError):
        return None
    messages: Messages = {}
    starts = sorted(m.lineno for m in catalog if m.id and m.lineno)
    broken = _entries_at(starts, guessed)
    for message in catalog:
        if not message.id or message.fuzzy or message.lineno in broken:
            continue
        context = message.context or ""
        if isinstance(message.id, (list, tuple)):
            forms = [s for s in (message.string or ())]
            if forms and all(forms):
                messages[(context, message.id[0])] = list(forms)
        elif message.string:
            messages[(context, message.id)] = message.string
    return MessageTable(messages, catalog.plural_forms)


def _guessed_lines(text: str) -> dict[int, str]:
    """Lines Babel's forgiving reader would guess at (an unterminated string loses its last letter), with their text."""
    from safepath.i18n.pocheck import check_po_text

    if '"' not in text:
        return {}
    problems = [p.line for p in check_po_text(text) if p.syntax]
    if not problems:
        return {}
    lines = text.splitlines()
    return {n: (lines[n - 1].strip() if 0 < n <= len(lines) else "") for n in problems}


def _entries_at(starts: list[int], guessed: dict[int, str]) -> set[int]:
    """Start lines of the entries that hold a guessed line: their translation is left out (the English shows)."""
    import bisect

    out = set()
    for line, text in guessed.items():
        k = bisect.bisect_right(starts, line) - 1
        if k >= 0:
            out.add(starts[k])
        if text.startswith("msgctxt") and k + 1 < len(starts):  # Babel counts an entry from its msgid
            out.add(starts[k + 1])
    return out


def _cache_file(resolved_path: str) -> Path | None:
    folder = cache_dir()
    if folder is None:
        return None
    return folder / f"{fingerprint(resolved_path)}.json"


def _read_cache(cache_file: Path | None, stamp: dict) -> MessageTable | None:
    if cache_file is None:
        return None
    try:
        data = json.loads(cache_file.read_text(encoding="utf-8"))
        if data.get("stamp") != stamp:
            return None
        messages: Messages = {}
        for context, msgid, value in data["messages"]:
            if not isinstance(context, str) or not isinstance(msgid, str):
                return None
            if not (isinstance(value, str) or (isinstance(value, list) and all(isinstance(v, str) for v in value))):
                return None
            messages[(context, msgid)] = value
        return MessageTable(messages, str(data["plural_forms"]))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def _write_cache(cache_file: Path | None, stamp: dict, table: MessageTable) -> None:
    if cache_file is None:
        return
    data = {
        "stamp": stamp,
        "plural_forms": table.plural_forms,
        "messages": [[c, m, v] for (c, m), v in table.messages.items()],
    }
    try:
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache_file.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, cache_file)
    except OSError:
        pass  # read-only home, full disk: the game still runs, just parses again next time
