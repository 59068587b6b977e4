"""What drill scenes read besides the scenario: the helplines file and the licence register.

A phone drill dials a number of ``content/helplines.yaml`` (never one typed into the story: SP100), a register
drill searches ``content/register.yaml`` (SP101 when it cannot be read). Both files are shared by every
scenario, so each is read once per change of the file, like the red-flag catalogue.
"""

from __future__ import annotations

import re
from pathlib import Path

from safepath.story import register as reg

#: what a drill block looks like, for the hint of SP103
EXAMPLES = {
    "phone": "add 'phone: {helpline: th-1506, answer: [What the person on the line says.]}'",
    "register": "add 'register: {names: [The agency name from the chat]}'",
    "codeword": "add 'codeword: {with: <family character id>, words: [Mango, River, Blue kite]}'",
    "travelplan": "add 'travelplan:' with 'with: <character id>' and lists of answers for who, where, address and call",
}

_DIALABLE = ("phone", "phone-sms")
_cache: dict[str, tuple] = {}


def _stamp(path: Path):
    try:
        st = path.stat()
        return (str(path), st.st_mtime, st.st_size)
    except OSError:
        return (str(path), None, None)


def helplines():
    """The bundled helplines (an NGO's local file adds numbers for the help card, not for drills)."""
    from safepath.story import helplines as hl

    path = hl.bundled_path()
    stamp = _stamp(path)
    cached = _cache.get("helplines")
    if cached is None or cached[0] != stamp:
        cached = (stamp, hl.load_helplines(path)[0])
        _cache["helplines"] = cached
    return cached[1]


def register(path: str | Path | None = None):
    """(the register's agencies, a sentence when it could not be used, else "")."""
    path = reg.default_path() if path is None else Path(path)
    stamp = _stamp(path)
    key = f"register:{path}"
    cached = _cache.get(key)
    if cached is None or cached[0] != stamp:
        agencies, diags = reg.load_register(path)
        errors = [d for d in diags if d.is_error]
        problem = ""
        if not agencies:
            problem = f"the register drill needs the licence register {path}, but it could not be loaded"
        elif errors:
            problem = f"the licence register {path} has {len(errors)} error(s), so the register drill cannot use it"
        cached = (stamp, agencies, problem)
        _cache[key] = cached
    return cached[1], cached[2]


def digits(number: str) -> str:
    return "".join(ch for ch in number or "" if ch.isdigit())


def dialable(value: str):
    """(the helpline a drill names by id or number, or None; the sentence saying why not)."""
    lines = helplines()
    found = next((h for h in lines if h.id == value), None)
    if found is None and re.fullmatch(r"\+?[\d][\d -]*", value.strip()):  # a number as written, not an id
        found = next((h for h in lines if h.number and digits(h.number) == digits(value)), None)
    if found is None:
        return None, (f"the phone drill dials {value!r}, which is not in content/helplines.yaml; a drill may only "
                      "dial a helpline listed there (with its source)")
    if found.kind not in _DIALABLE or not digits(found.number):
        return None, (f"the helpline {found.id!r} is a {found.kind} entry without a number to dial, so a phone "
                      "drill cannot call it")
    return found, ""


def helpline_hint(value: str) -> str:
    import difflib

    ids = [h.id for h in helplines() if h.kind in _DIALABLE and digits(h.number)]
    match = difflib.get_close_matches(value, ids, n=1, cutoff=0.6)
    if match:
        return f"did you mean {match[0]!r}?"
    return "the numbers a drill can dial: " + ", ".join(ids)
