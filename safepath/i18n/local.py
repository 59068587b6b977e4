"""An NGO's own translations, dropped next to the game: ``local/locales/LANG/LC_MESSAGES/DOMAIN.po``.

An NGO fixes a word in the Thai interface, or translates its own story, without
rebuilding the bundle: a ``.po`` file in the local folder (:func:`safepath.paths.local_locales_dir`)
is read after the bundled catalog and its entries win. A local file is checked
before it is used, because nobody may be there to read a traceback:

* a file that does not parse as ``.po`` (what ``msgfmt --check`` refuses) is not used at all;
* an entry whose placeholders differ from the English, or Burmese typed in Zawgyi, is left out;

and every problem comes back as one plain line naming the file and line, which the
scenario picker shows (:mod:`safepath.packaging.local_content`). The bundled
translation stays in use for everything the local file leaves out.

The translators use local files once :func:`install` has run (the app runs it at start):
:mod:`safepath.i18n.runtime` only holds the hook, so it never imports the checks used here.
"""

from __future__ import annotations

from pathlib import Path

from safepath import paths
from safepath.i18n.catalogs import MessageTable, parse_po, po_path


def local_po(lang: str, domain: str, folder: Path | None = None) -> Path:
    return po_path(lang, domain, folder or paths.local_locales_dir())


def local_table(lang: str, domain: str, folder: Path | None = None) -> tuple[MessageTable | None, list[str]]:
    """The usable entries of the local catalog for ``lang``/``domain`` (None when there is none) and its problems."""
    path = local_po(lang, domain, folder)
    if not path.is_file():
        return None, []
    name = paths.shown(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return None, [f"{name}: this translation file cannot be read ({_reason(exc)}); it was not used"]
    from safepath.i18n.pocheck import check_po_text

    syntax = [p for p in check_po_text(text) if p.syntax]
    if syntax:
        first = syntax[0]
        return None, [f"{name}:{first.line}: {first.message}; this translation file was not used"]
    table = parse_po(path)
    if table is None:
        return None, [f"{name}: this translation file cannot be read; it was not used"]
    problems: list[str] = []
    kept = {}
    for (context, msgid), value in table.messages.items():
        problem = _entry_problem(lang, msgid, value)
        if problem:
            problems.append(f"{name}: {msgid[:40]!r}: {problem}; the bundled translation is shown instead")
        else:
            kept[(context, msgid)] = value
    return MessageTable(kept, table.plural_forms), problems


def _entry_problem(lang: str, msgid: str, value: str | list[str]) -> str | None:
    from safepath.i18n.checks import is_zawgyi, placeholder_problem

    forms = value if isinstance(value, list) else [value]
    for form in forms:
        if lang == "my" and is_zawgyi(form):
            return "the Burmese is typed in Zawgyi, not Unicode"
        if not isinstance(value, list):
            wrong = placeholder_problem(msgid, form)
            if wrong:
                return f"the placeholders differ from the English ({wrong})"
    return None


def _reason(exc: BaseException) -> str:
    return "not UTF-8 text" if isinstance(exc, UnicodeDecodeError) else (exc.strerror or type(exc).__name__)


def overlay(base: MessageTable, local: MessageTable | None) -> MessageTable:
    """``base`` with the local entries on top (the local ones win); ``base`` itself is left as it was."""
    if local is None or not local.messages:
        return base
    merged = dict(base.messages)
    merged.update(local.messages)
    return MessageTable(merged, base.plural_forms)


def local_files(folder: Path | None = None) -> list[Path]:
    """Every local ``.po`` file, for the checks at start-up."""
    root = folder or paths.local_locales_dir()
    try:
        return sorted(root.glob("*/LC_MESSAGES/*.po"))
    except OSError:
        return []


def with_local(table: MessageTable, lang: str, domain: str) -> MessageTable:
    """``table`` with the usable entries of the local ``LANG/DOMAIN.po`` on top, if there is one."""
    if not paths.local_locales_dir().is_dir():  # the usual case: one stat, nothing more
        return table
    return overlay(table, local_table(lang, domain)[0])


def install() -> None:
    """Let every translator of the game's own catalogs read the local files on top (idempotent)."""
    from safepath.i18n import runtime

    if runtime._overlay is not with_local:
        runtime.set_overlay(with_local)
