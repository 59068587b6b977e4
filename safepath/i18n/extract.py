"""Babel extractor for SafePath content files (scenarios, red flags, helplines, knowledge-check forms).

Registered as the ``safepath_scenario`` entry point of ``babel.extractors`` and
mapped to ``content/**.yaml`` in ``babel.cfg``, so plain

    pybabel extract -F babel.cfg -o locales/content.pot content/

writes the content template. The extractor does not read YAML itself: it asks
the game's loader for the scenario model and yields exactly the ``Text`` values
the game will look up, so extraction and play can never disagree. Every message
is returned as a ``pgettext`` call ``(context, English)``, which gives Babel a
stable ``msgctxt`` (``dream-job/ad/line/2``), the ``#:`` reference with the
real line number, and a translator comment saying who speaks in which scene
(plus, for a text with ``{baht:45000}``-style amounts, one saying to keep them).

A file the loader cannot read yields nothing and its problems are printed to
standard error (``safepath lint`` explains them in full); the other files are
extracted as usual.
"""

from __future__ import annotations

import dataclasses
import os
import sys
import tempfile
from pathlib import Path
from typing import Any, Iterable, Iterator

from safepath.story.model import Text

#: What Babel expects from an extractor: (line, funcname, messages, comments).
Extracted = tuple[int, str, tuple[str, str], list[str]]

RED_FLAGS_FILE = "red_flags.yaml"
SAFE_SIGNS_FILE = "safe_signs.yaml"
HELPLINES_FILE = "helplines.yaml"


def extract_scenario(fileobj, keywords, comment_tags, options) -> Iterator[Extracted]:
    """The Babel extractor entry point (signature fixed by Babel)."""
    path = getattr(fileobj, "name", None)
    if isinstance(path, str) and os.path.isfile(path):
        yield from _extract_path(Path(path))
        return
    # A file object without a real path (tests, other tools): copy it out under a stable name.
    data = fileobj.read()
    if isinstance(data, str):
        data = data.encode("utf-8")
    name = Path(str(options.get("filename") or path or "scenario.yaml")).name
    with tempfile.TemporaryDirectory(prefix="safepath-extract-") as folder:
        tmp = Path(folder) / name
        tmp.write_bytes(data)
        yield from _extract_path(tmp)


def _extract_path(path: Path) -> Iterator[Extracted]:
    from safepath.i18n.amounts import TRANSLATOR_NOTE, has_placeholders

    for text, comment in texts_of_file(path):
        comments = [comment] if comment else []
        if has_placeholders(text.text):  # the msgid keeps {baht:45000}; say what it is and that it stays
            comments.append(TRANSLATOR_NOTE)
        yield (text.pos.line, "pgettext", (text.context, text.text), comments)


def texts_of_file(path: Path) -> list[tuple[Text, str]]:
    """Every translatable text of a content file with its translator comment, in file order."""
    from safepath.story import loader

    name = path.name
    if name == RED_FLAGS_FILE:
        catalogue, diagnostics = loader.load_catalogue(path)
        _report(path, diagnostics)
        found: list[tuple[Text, str]] = []
        for flag_id, flag in (catalogue or {}).items():
            found += [(t, _comment(t, f"Red flag “{flag_id}”, {role}")) for role, t in _texts_in(flag)]
        return found
    if name == SAFE_SIGNS_FILE:
        signs, diagnostics = loader.load_safe_signs(path)
        _report(path, diagnostics)
        return [(t, _comment(t, f"Safe sign “{sign_id}”, {role}"))
                for sign_id, sign in signs.items() for role, t in _texts_in(sign)]
    if name == HELPLINES_FILE:
        load_helplines = _helplines_loader(loader)
        if load_helplines is None:
            print(f"safepath extractor: {path}: this version cannot read helplines yet; skipped", file=sys.stderr)
            return []
        helplines, diagnostics = load_helplines(path)
        _report(path, diagnostics)
        found = []
        for helpline in helplines or ():
            label = getattr(helpline, "id", "") or "helpline"
            found += [(t, _comment(t, f"Helpline “{label}”, {role}")) for role, t in _texts_in(helpline)]
        return found
    from safepath.checks.loader import is_check_file

    if is_check_file(path):  # a knowledge-check form (content/checks/form-a.yaml)
        from safepath.checks.loader import load_form

        form_result = load_form(path)
        _report(path, form_result.diagnostics)
        return [(t, t.comment) for t in form_result.form.texts()] if form_result.form is not None else []
    result = loader.load_scenario(path)
    _report(path, result.diagnostics)
    if result.scenario is None:
        return []
    return [(t, _comment(t, "")) for t in result.scenario.texts()]


def _helplines_loader(loader):
    """``safepath.story.helplines.load_helplines`` (or the loader's, per ARCHITECTURE.md), if built yet."""
    try:
        from safepath.story import helplines as module
    except ImportError:
        module = None
    return getattr(module, "load_helplines", None) or getattr(loader, "load_helplines", None)


def _texts_in(value: Any) -> Iterable[tuple[str, Text]]:
    """The ``Text`` fields of a model value (red flag, helpline), with their field names."""
    if not dataclasses.is_dataclass(value):
        return []
    out = []
    for f in dataclasses.fields(value):
        item = getattr(value, f.name, None)
        if isinstance(item, Text):
            out.append((f.name.replace("_", " "), item))
    return out


def _comment(text: Text, fallback: str) -> str:
    """The model's own comment (speaker and scene); otherwise one built from the context."""
    if text.comment:
        return text.comment
    if fallback:
        return fallback
    return f"Scenario text “{text.context}”"


def _report(path: Path, diagnostics) -> None:
    errors = [d for d in diagnostics or () if getattr(d, "is_error", False)]
    if errors:
        print(f"safepath extractor: {path}: {len(errors)} problem(s); run `safepath lint {path}`", file=sys.stderr)
        for d in errors[:5]:
            print(f"  {d.headline()}", file=sys.stderr)


def extract_texts(paths: Iterable[Path]) -> list[tuple[Path, Text, str]]:
    """Texts of many content files (for ``i18n status`` per scenario and the checks)."""
    out = []
    for path in paths:
        for text, comment in texts_of_file(Path(path)):
            out.append((Path(path), text, comment))
    return out
