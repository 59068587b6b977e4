"""The fictional licence register (``content/register.yaml``) the register drill searches.

Thailand's Department of Employment keeps a list of licensed recruitment agencies and answers on hotline 1506
whether an agency has a licence. The game cannot show that real list (it changes, and the game is offline),
so the drill searches an invented one: every name in the file is made up, some are near-miss look-alikes of
each other on purpose ("a licensed name and an unlicensed copy one letter or one space away"), which is the
trick the drill teaches.

``load_register(path) -> (agencies, diagnostics)`` never raises; ``lookup(agencies, name)`` answers what the
register says about one name: ``licensed``, ``expired`` or ``not-found``; ``search(agencies, query)`` gives the
entries a search screen lists while the player types. Matching ignores upper and lower case and repeated
spaces, nothing else: "North Star" and "Northstar" are different names, as they are in a real register.
"""

from __future__ import annotations

import difflib
from pathlib import Path

from safepath import paths
from safepath.story.diagnostics import Diagnostic, error
from safepath.story.model import Agency, Pos
from safepath.story.schema import REGISTER_FILE
from safepath.story.schema_check import Checker, is_invalid
from safepath.story.yamlsource import read_yaml

LICENSED, EXPIRED, NOT_FOUND = "licensed", "expired", "not-found"


def default_path() -> Path:
    return paths.content_dir() / "register.yaml"


def normalise(name: str) -> str:
    """The form names are compared in: case folded, runs of spaces made one, no spaces at the ends."""
    return " ".join(str(name).split()).casefold()


def load_register(path: str | Path | None = None) -> tuple[tuple[Agency, ...], list[Diagnostic]]:
    """The valid entries of the register file and the problems found (SP101 for two entries of one name)."""
    path = default_path() if path is None else Path(path)
    file = str(path)
    doc = read_yaml(path)
    diags = list(doc.diagnostics)
    if doc.root is None:
        if not diags:
            diags.append(error("SP101", file, 0, 0, "the licence register could not be read",
                               "restore content/register.yaml from the game's files"))
        return (), diags
    Checker(file, diags).check(doc.root, REGISTER_FILE, "the licence register")
    root = doc.root.value if isinstance(doc.root.value, dict) else {}
    version = root.get("schema_version")
    if version is not None and not is_invalid(version) and version.value != 1:
        diags.append(error("SP101", file, version.line, version.column,
                           f"the licence register says schema_version {version.value}, but this SafePath reads version 1",
                           "write 'schema_version: 1'"))
        return (), diags
    entries = root.get("agencies")
    out: list[Agency] = []
    if entries is None or is_invalid(entries):
        return (), diags
    ids: dict[str, int] = {}
    names: dict[str, tuple[int, str]] = {}
    for item in entries.value:
        if is_invalid(item) or not all(k in item.value and not is_invalid(item.value[k]) for k in ("id", "name", "status")):
            continue
        id_node, name_node = item.value["id"], item.value["name"]
        if id_node.value in ids:
            diags.append(error("SP101", file, id_node.line, id_node.column,
                               f"two entries of the licence register have the id {id_node.value!r} "
                               f"(the first at line {ids[id_node.value]})", "give each entry its own id"))
            continue
        key = normalise(name_node.value)
        if key in names:
            line, first = names[key]
            diags.append(error("SP101", file, name_node.line, name_node.column,
                               f"the register lists the name {name_node.value!r} twice (the first, {first!r}, at line {line}); "
                               "a search could not say which one is meant",
                               "names are compared without upper/lower case and repeated spaces: make look-alikes differ in a letter or a space"))
            continue
        ids[id_node.value] = id_node.line
        names[key] = (name_node.line, name_node.value)
        out.append(Agency(id_node.value, " ".join(name_node.value.split()), item.value["status"].value,
                          Pos(file, item.line, item.column)))
    return tuple(out), diags


def find(agencies, name: str) -> Agency | None:
    key = normalise(name)
    return next((a for a in agencies if normalise(a.name) == key), None)


def lookup(agencies, name: str) -> str:
    """What the register says about ``name``: licensed, expired or not-found."""
    agency = find(agencies, name)
    return NOT_FOUND if agency is None else agency.status


def search(agencies, query: str, limit: int = 6) -> list[Agency]:
    """Entries to list for a query: exact match first, then names containing it, then names that look alike."""
    key = normalise(query)
    if not key:
        return []
    exact = [a for a in agencies if normalise(a.name) == key]
    containing = [a for a in agencies if key in normalise(a.name) and a not in exact]
    words = set(key.split())
    sharing = [a for a in agencies if a not in exact and a not in containing
               and words & set(normalise(a.name).split()) and len(key) >= 3]
    close_names = difflib.get_close_matches(key, [normalise(a.name) for a in agencies], n=limit, cutoff=0.6)
    close = [a for n in close_names for a in agencies if normalise(a.name) == n
             and a not in exact and a not in containing and a not in sharing]
    return (exact + containing + close + sharing)[:limit]


def look_alikes(agencies, name: str) -> list[Agency]:
    """Registered names that are not ``name`` but look like it (one letter or space away, or nearly)."""
    key = normalise(name)
    squeezed = key.replace(" ", "")
    out = []
    for a in agencies:
        other = normalise(a.name)
        if other == key:
            continue
        if other.replace(" ", "") == squeezed or difflib.SequenceMatcher(None, key, other).ratio() >= 0.8:
            out.append(a)
    return out
