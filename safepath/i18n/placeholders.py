"""Placeholders in translations: which a text has, and whether a translation keeps them as they are.

``{name}``, ``%s`` or ``%(count)d`` dropped, renamed or added in a translation would either show raw
braces or fall back to English; an attribute, index, conversion or format added to one
(``{reason.__class__}``, ``{reason:>100000000}``) would make ``str.format`` show Python's internals
or build a huge string. :func:`placeholder_problem` says what is wrong (SP071, reported by
:mod:`safepath.i18n.checks`); :func:`usable_translation` is the runtime's verdict
(:class:`safepath.i18n.runtime.Translator` shows the English instead of a translation that fails it).
Kept apart from the checks so the runtime imports no more than it needs.
"""

from __future__ import annotations

import re
from functools import cache


# The patterns are compiled on first use: most strings have no brace or percent sign
# (:func:`_may_hold_placeholders`), the title screen's none, and compiling costs start-up time.
@cache
def _brace() -> re.Pattern:
    return re.compile(r"\{\{|\}\}|\{([^{}]*)\}")


@cache
def _percent() -> re.Pattern:
    return re.compile(r"%%|%(\([A-Za-z_][A-Za-z0-9_]*\))?[-#0+]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[sdifgeExXoucr]")


@cache
def _field_extras() -> re.Pattern:
    return re.compile(r"[.\[!:]")


def well_formed_tokens(text: str) -> list[str]:
    """The money and number placeholders of ``text`` as written (see :mod:`safepath.i18n.amount_tokens`)."""
    from safepath.i18n.amount_tokens import well_formed_tokens as tokens

    return tokens(text)


def placeholders(text: str) -> set[str]:
    """The placeholders of a string: ``{name}``, ``%s``, ``%(name)s`` (``{{`` escapes ignored)."""
    found: set[str] = set(well_formed_tokens(text))
    for match in _brace().finditer(text or ""):
        inner = match.group(1)
        if inner is None or "{" + inner + "}" in found:
            continue  # an escape, or a money placeholder: kept whole, since its amount matters too
        # {name!r:>10} and {name.attr} are the same placeholder as {name}
        name = re.split(r"[!:.\[]", inner, maxsplit=1)[0].strip()
        found.add("{" + name + "}")
    for match in _percent().finditer(text or ""):
        token = match.group(0)
        if token == "%%":
            continue
        found.add(f"%({match.group(1)[1:-1]})" if match.group(1) else "%" + token[-1])
    return found


def _may_hold_placeholders(*texts: str | None) -> bool:
    """Whether any of ``texts`` has a brace or a percent sign: without one there is no placeholder to judge.

    Every pattern here starts with ``{``, ``}`` or ``%``; a text without them has no placeholder
    (:func:`placeholders` finds none) and no field to alter (:func:`altered_fields`).
    """
    return any(text and ("{" in text or "}" in text or "%" in text) for text in texts)


def placeholder_problem(msgid: str, msgstr: str, msgid_plural: str | None = None) -> str | None:
    """A sentence saying what is wrong with the translation's placeholders, or ``None``.

    For plural messages a form may leave out placeholders that only one of the
    English forms has (English "one star" has no ``{n}``), but it may never add
    one the English does not have.
    """
    if not msgstr:
        return None
    if not _may_hold_placeholders(msgid, msgstr, msgid_plural):
        return None  # most strings (the whole title screen): nothing to compare, no pattern to run
    source = placeholders(msgid)
    found = placeholders(msgstr)
    if msgid_plural is not None:
        allowed = source | placeholders(msgid_plural)
        required = source & placeholders(msgid_plural)
    else:
        allowed = required = source
    extra = sorted(found - allowed)
    lost = sorted(required - found)
    parts = []
    if lost:
        parts.append("lost " + ", ".join(lost))
    if extra:
        parts.append("added " + ", ".join(extra))
    altered = altered_fields(msgstr, (msgid,) if msgid_plural is None else (msgid, msgid_plural))
    if altered:
        parts.append("changed how a placeholder is written: " + ", ".join(altered)
                     + " (a translation may not add an attribute, an index, a conversion or a format to it)")
    return "; ".join(parts) if parts else None


def altered_fields(msgstr: str, english: tuple[str, ...]) -> list[str]:
    """``{...}`` fields of ``msgstr`` with an attribute, index, conversion or format the English does not have.

    ``str.format`` obeys them: ``{reason.__class__.__mro__}`` shows Python's internals to a player and
    ``{reason:>100000000}`` builds a 100-million-character string. A field written exactly as in the
    English (``{n:,}`` for ``{n:,}``) and a money placeholder (``{baht:45000}``) are fine.
    """
    written = set()
    for text in english:
        written.update(m.group(0) for m in _brace().finditer(text or "") if m.group(1) is not None)
    money = set(well_formed_tokens(msgstr))
    out = []
    for match in _brace().finditer(msgstr or ""):
        inner = match.group(1)
        token = match.group(0)
        if inner is None or token in written or token in money or token in out:
            continue
        if _field_extras().search(inner):
            out.append(token)
    return out


def usable_translation(msgid: str, msgstr: str, msgid_plural: str | None = None) -> bool:
    """Whether the game may show ``msgstr`` for ``msgid``: same placeholders, written the same way, and
    something to see when the English has something (SP071, SP083). The runtime falls back to English otherwise."""
    if placeholder_problem(msgid, msgstr, msgid_plural) is not None:
        return False
    if any(ch.isalnum() for ch in msgstr):  # nearly always: no need to load the text pipeline for this
        return True
    from safepath.text.invisible import has_visible

    return has_visible(msgstr) or not (has_visible(msgid) or (msgid_plural is not None and has_visible(msgid_plural)))


__all__ = ["altered_fields", "placeholder_problem", "placeholders", "usable_translation"]
