"""Helplines as dated data: load, check, merge an NGO's local file, order for a player.

Why data and not text in the stories? A wrong number in a game about
trafficking can cost a life. So every number lives in one file,
``content/helplines.yaml``, with the page it was checked on and the day it was
checked; only numbers from the project's research may be listed there, the
trainer tools warn when a check is more than a year old (:func:`is_stale`),
and :mod:`safepath.story.phone_numbers` lets tests and ``lint`` catch a phone number
typed straight into a story.

An NGO adds its own local numbers without touching the bundled file: a second
file, ``helplines.yaml`` in the user data folder (:func:`local_path`), is read
after the bundled one (``load_helplines(paths=[bundled, local])``). It may fill
the empty ``ngo-local`` slot or add new entries, never change a bundled number,
so an update of the game cannot wipe the NGO's numbers and a local file cannot
silently replace a checked one.

Diagnostic codes (registered in :mod:`safepath.story.diagnostics_codes`):

=====  =======  =====================================================
SP090  error    the file's shape is wrong (top level, ``helplines`` list, schema version)
SP091  error    a required key of an entry is missing
SP092  error    a value has the wrong type or is not allowed
SP093  error    an unknown key (with "did you mean")
SP094  error    two entries share an id
SP095  error    ``verified_on`` is not a real date written YYYY-MM-DD
SP096  error    ``source`` is not a web address
SP097  error    a local file tries to change a bundled helpline
SP098  warning  the number was checked more than a year ago (:func:`stale_warnings`)
SP099  error    a story's text shows a phone number that is not in the helplines
                (:mod:`safepath.story.phone_numbers`)
=====  =======  =====================================================

No pygame here: the screens, the terminal player and the trainer tools all
read the same values.
"""

from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Iterable, Sequence

from safepath import paths
from safepath.story.diagnostics import Diagnostic, error, warning
from safepath.story.model import Pos, Text
from safepath.story.yamlsource import Node, read_yaml

FILE_NAME = "helplines.yaml"
SCHEMA_VERSION = 1

#: How a player reaches the service.
KINDS = {
    "phone": "call the number",
    "phone-sms": "call or send an SMS",
    "line": "add the LINE account",
    "centre": "visit the centre (no confirmed number)",
    "local": "a slot the NGO fills in; hidden while its number is empty",
}
CONFIDENCES = ("high", "medium", "low", "local")

_ID = re.compile(r"^[a-z][a-z0-9-]{0,63}$")
_COUNTRY = re.compile(r"^[A-Z]{2}$")
_LANGUAGE = re.compile(r"^[a-z]{2,3}$")
_PHONE = re.compile(r"^\+?[0-9](?:[0-9 -]*[0-9])?$")
_LINE_ID = re.compile(r"^@[A-Za-z0-9._-]{1,40}$")
_MENU = re.compile(r"^[0-9*#]{1,4}$")
_URL = re.compile(r"^https?://[^\s/]+\.[^\s/]+(/\S*)?$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

_TEXT_LIMIT = 300

#: key -> (required for these kinds, meaning). "all" = every kind.
_FIELDS: dict[str, tuple[frozenset[str], str]] = {
    "id": (frozenset(KINDS), "short name"),
    "kind": (frozenset(KINDS), "how to reach it"),
    "number": (frozenset({"phone", "phone-sms", "line", "local"}), "what to dial or add"),
    "menu": (frozenset(), "key to press after the call connects"),
    "name": (frozenset(KINDS), "name of the service"),
    "purpose": (frozenset(KINDS), "what it is for"),
    "country": (frozenset(KINDS), "two-letter country code"),
    "place": (frozenset({"centre"}), "town of a centre"),
    "languages": (frozenset(), "languages it answers in"),
    "source": (frozenset({"phone", "phone-sms", "line", "centre"}), "web page it was checked on"),
    "confidence": (frozenset({"phone", "phone-sms", "line", "centre"}), "high, medium, low or local"),
    "verified_on": (frozenset({"phone", "phone-sms", "line", "centre"}), "day it was checked"),
}


@dataclass(frozen=True, slots=True)
class Helpline:
    """One way to get help. ``name``, ``purpose`` and ``place`` are translated like story text."""

    id: str
    kind: str
    number: str  # "" for a centre, or for the NGO slot until it is filled
    name: Text
    purpose: Text
    country: str  # ISO 3166 alpha-2: TH, MM, KH, PH
    languages: tuple[str, ...]
    source: str
    confidence: str
    verified_on: date | None
    menu: str = ""  # e.g. "2" for 1506: call, then press 2
    place: Text | None = None  # centres: the town, translated (msgctxt helpline/<id>/place)
    origin: str = ""  # the file the entry came from (bundled or the NGO's local file)
    pos: Pos | None = None

    @property
    def is_shown(self) -> bool:
        """A centre is shown by name; anything else only once it has a number."""
        return self.kind == "centre" or bool(self.number)

    @property
    def is_local(self) -> bool:
        return self.kind == "local"

    def dial(self) -> str:
        """The number as a player types it, English wording: ``1506, then press 2``."""
        if self.menu:
            return f"{self.number}, then press {self.menu}"
        return self.number

    def digits(self) -> str:
        return re.sub(r"\D", "", self.number)


def bundled_path() -> Path:
    return paths.content_dir() / FILE_NAME


def local_path(data_dir: str | Path) -> Path:
    """Where an NGO keeps its own numbers: ``helplines.yaml`` in the user data folder."""
    return Path(data_dir) / FILE_NAME


def default_paths(data_dir: str | Path | None = None) -> list[Path]:
    """The bundled file, then ``local/content/helplines.yaml`` next to the program, then the data folder's."""
    out = [bundled_path()]
    beside = paths.local_helplines_file()  # an NGO's numbers shipped beside the bundle (safepath.paths)
    if beside.is_file():
        out.append(beside)
    if data_dir is not None:
        out.append(local_path(data_dir))
    return out


def load_helplines(path: str | Path | None = None, *, paths: Sequence[str | Path] | None = None,
                   today: date | None = None, check_age: bool = True
                   ) -> tuple[list[Helpline], list[Diagnostic]]:
    """Read the helplines. Never raises on bad input; bad entries are left out and reported.

    ``path`` reads one file (default: the bundled one). ``paths`` merges several
    in order: the first is the base; a later file may fill the ``local`` slot or
    add entries. A later file that does not exist is skipped silently: an NGO's
    local file is optional.

    Numbers checked more than a year before ``today`` (default: the computer's
    date) come with SP098 warnings, so ``safepath lint`` and the trainer tools
    tell trainers to check them again; ``check_age=False`` leaves them out.
    """
    files = [Path(p) for p in paths] if paths else [Path(path) if path is not None else bundled_path()]
    merged: list[Helpline] = []
    diags: list[Diagnostic] = []
    for i, file in enumerate(files):
        if i > 0 and not file.exists():
            continue
        entries, found = _read_file(file)
        diags.extend(found)
        if i == 0:
            merged = entries
        else:
            diags.extend(_merge(merged, entries))
    if check_age:
        diags.extend(stale_warnings(merged, today or today_for_checks()))
    return merged, diags


def _read_file(file: Path) -> tuple[list[Helpline], list[Diagnostic]]:
    doc = read_yaml(file)
    diags = list(doc.diagnostics)
    root = doc.root
    name = doc.file
    if root is None:
        return [], diags
    if not root.is_map:
        diags.append(error("SP090", name, root.line, root.column,
                           f"a helplines file must be a mapping with `helplines:`, but found {_kind(root)}",
                           "start the file with `schema_version: 1` and `helplines:`"))
        return [], diags
    for key in root.keys or {}:
        if key not in ("schema_version", "helplines"):
            diags.append(_unknown(name, root.key_node(key), key, ("schema_version", "helplines")))
    version = root.value.get("schema_version")
    if version is None:
        diags.append(error("SP090", name, root.line, root.column, "`schema_version` is missing",
                           "add `schema_version: 1` at the top"))
    elif version.value != SCHEMA_VERSION or isinstance(version.value, bool):
        diags.append(error("SP090", name, version.line, version.column,
                           f"`schema_version` must be {SCHEMA_VERSION}, but found {version.raw or version.value!r}"))
    items = root.value.get("helplines")
    if items is None:
        diags.append(error("SP090", name, root.line, root.column, "the list `helplines:` is missing"))
        return [], diags
    if not items.is_list:
        diags.append(error("SP090", name, items.line, items.column,
                           f"`helplines` must be a list of entries (each starting with '-'), but found {_kind(items)}"))
        return [], diags
    out: list[Helpline] = []
    seen: dict[str, Node] = {}
    for item in items.value:
        helpline = _entry(name, item, diags)
        if helpline is None:
            continue
        if helpline.id in seen:
            first = seen[helpline.id]
            idn = item.value["id"]
            diags.append(error("SP094", name, idn.line, idn.column,
                               f"the id {helpline.id!r} is already used at line {first.line}",
                               "give every helpline its own id"))
            continue
        seen[helpline.id] = item.value["id"]
        out.append(helpline)
    return out, diags


def _entry(file: str, item: Node, diags: list[Diagnostic]) -> Helpline | None:
    if not item.is_map:
        diags.append(error("SP090", file, item.line, item.column,
                           f"each helpline must be a mapping of keys (id, number, name, ...), but found {_kind(item)}"))
        return None
    before = len(diags)
    fields = item.value
    for key in item.keys or {}:
        if key not in _FIELDS:
            diags.append(_unknown(file, item.key_node(key), key, _FIELDS))

    def text(key: str) -> tuple[str, Node | None]:
        node = fields.get(key)
        if node is None or node.value is None:
            return "", node
        if not isinstance(node.value, (str, int)) or isinstance(node.value, bool):
            diags.append(error("SP092", file, node.line, node.column,
                               f"`{key}` must be text, but found {_kind(node)}",
                               "put the value in quotes" if key == "number" else ""))
            return "", node
        value = node.raw if node.raw is not None else str(node.value)
        if len(value) > _TEXT_LIMIT:
            diags.append(error("SP092", file, node.line, node.column,
                               f"`{key}` is {len(value)} characters long; the limit is {_TEXT_LIMIT}"))
        return value.strip(), node

    hid, hid_node = text("id")
    kind, kind_node = text("kind")
    if kind and kind not in KINDS:
        diags.append(_not_allowed(file, kind_node, "kind", kind, KINDS))
        kind = ""
    if hid and not _ID.match(hid):
        diags.append(error("SP092", file, hid_node.line, hid_node.column,
                           f"the id {hid!r} must use lower-case letters, digits and '-' only",
                           "for example: ngo-mae-sot"))
    for key, (required_for, meaning) in _FIELDS.items():
        node = fields.get(key)
        missing = node is None or node.value is None or (isinstance(node.value, str) and not node.value.strip())
        needed = key in ("id", "kind") or (kind in required_for and not (key == "number" and kind == "local"))
        if missing and needed:
            at = node or item
            diags.append(error("SP091", file, at.line, at.column,
                               f"the helpline {hid or '(no id)'} needs `{key}` ({meaning})"))
    if not hid or not kind:
        return None

    number, number_node = text("number")
    if kind == "centre" and number:
        diags.append(error("SP092", file, number_node.line, number_node.column,
                           "a centre has no number; use the kind `phone` for a number to call"))
    elif kind == "line" and number and not _LINE_ID.match(number):
        diags.append(error("SP092", file, number_node.line, number_node.column,
                           f"a LINE account looks like @name, but found {number!r}"))
    elif kind in ("phone", "phone-sms", "local") and number and not _PHONE.match(number):
        diags.append(error("SP092", file, number_node.line, number_node.column,
                           f"a phone number may hold only digits, spaces, '-' and a leading '+', but found {number!r}",
                           "write what the player dials, for example \"1300\" or \"+66 99 130 1300\""))
    menu, menu_node = text("menu")
    if menu and not _MENU.match(menu):
        diags.append(error("SP092", file, menu_node.line, menu_node.column,
                           f"`menu` is the key to press after the call connects, like \"2\"; found {menu!r}"))
    country, country_node = text("country")
    if country and not _COUNTRY.match(country):
        diags.append(error("SP092", file, country_node.line, country_node.column,
                           f"`country` must be a two-letter code in capitals (TH, MM, KH, PH), but found {country!r}"))
    confidence, conf_node = text("confidence")
    if confidence and confidence not in CONFIDENCES:
        diags.append(_not_allowed(file, conf_node, "confidence", confidence, CONFIDENCES))
    languages = _languages(file, fields.get("languages"), diags)
    source, source_node = text("source")
    if source and not _URL.match(source):
        diags.append(error("SP096", file, source_node.line, source_node.column,
                           f"`source` must be the web address the number was checked on, but found {source!r}",
                           "copy the address from the browser, starting with https://"))
    verified_on = _date(file, fields.get("verified_on"), diags)
    date_node = fields.get("verified_on")
    if kind == "local" and number and (date_node is None or date_node.value in (None, "")):
        at = date_node or item
        diags.append(error("SP091", file, at.line, at.column,
                           f"the helpline {hid} has a number, so it needs `verified_on` (the day you checked it)"))
    name, name_node = text("name")
    purpose, purpose_node = text("purpose")
    place, place_node = text("place")
    if len(diags) > before and any(d.is_error for d in diags[before:]):
        return None
    where = Pos(file, item.line, item.column)
    return Helpline(
        id=hid, kind=kind, number=number,
        name=Text(name, f"helpline/{hid}/name", _pos(file, name_node, item), f"Helpline “{hid}”: its name"),
        purpose=Text(purpose, f"helpline/{hid}/purpose", _pos(file, purpose_node, item),
                     f"Helpline “{hid}”: what it is for"),
        country=country, languages=languages, source=source, confidence=confidence or "local",
        verified_on=verified_on, menu=menu, origin=file, pos=where,
        place=Text(place, f"helpline/{hid}/place", _pos(file, place_node, item), f"Helpline “{hid}”: the town it is in")
        if place else None,
    )


def _languages(file: str, node: Node | None, diags: list[Diagnostic]) -> tuple[str, ...]:
    if node is None or node.value is None:
        return ()
    if not node.is_list:
        diags.append(error("SP092", file, node.line, node.column,
                           f"`languages` must be a list like [th, my], but found {_kind(node)}"))
        return ()
    out = []
    for item in node.value:
        if not isinstance(item.value, str) or not _LANGUAGE.match(item.value):
            diags.append(error("SP092", file, item.line, item.column,
                               f"a language is a short code like th, my or en, but found {item.raw or item.value!r}"))
            continue
        out.append(item.value)
    return tuple(out)


def _date(file: str, node: Node | None, diags: list[Diagnostic]) -> date | None:
    if node is None or node.value is None or node.value == "":
        return None
    raw = node.raw if node.raw is not None else str(node.value)
    try:
        if not _DATE.match(raw):
            raise ValueError
        return date.fromisoformat(raw)
    except ValueError:
        diags.append(error("SP095", file, node.line, node.column,
                           f"`verified_on` must be a real date written YYYY-MM-DD, but found {raw!r}",
                           "for example: 2026-11-22"))
        return None


def _merge(base: list[Helpline], extra: list[Helpline]) -> list[Diagnostic]:
    """Apply a later (local) file onto ``base`` in place; return the problems."""
    diags = []
    index = {h.id: i for i, h in enumerate(base)}
    for h in extra:
        i = index.get(h.id)
        if i is None:
            index[h.id] = len(base)
            base.append(h)
        elif base[i].kind == "local":
            base[i] = h
        else:
            p = h.pos or Pos(h.origin, 0, 0)
            diags.append(error("SP097", p.file, p.line, p.column,
                               f"the helpline {h.id!r} comes with the game ({base[i].origin}) and cannot be changed here",
                               "add your number as a new entry with its own id, for example ngo-my-town"))
    return diags


def today_for_checks() -> date:
    """The date numbers are judged against: the computer's date, or ``SAFEPATH_TODAY`` (YYYY-MM-DD).

    The variable lets the test suite stay true after the bundled numbers grow a year old, and lets a
    trainer see today which numbers will need checking before a session next month.
    """
    value = os.environ.get("SAFEPATH_TODAY", "")
    try:
        return date.fromisoformat(value) if value else date.today()
    except ValueError:
        return date.today()


def is_stale(helpline: Helpline, today: date) -> bool:
    """True when a shown number was checked more than a year before ``today`` (or never)."""
    if not helpline.is_shown:
        return False
    if helpline.verified_on is None:
        return True
    return helpline.verified_on + timedelta(days=365) < today


def stale_warnings(helplines: Iterable[Helpline], today: date) -> list[Diagnostic]:
    """SP098 warnings for trainers: numbers to check again before a class."""
    out = []
    for h in helplines:
        if is_stale(h, today):
            p = h.pos or Pos(h.origin, 0, 0)
            when = f"on {h.verified_on.isoformat()}" if h.verified_on else "never"
            out.append(warning("SP098", p.file, p.line, p.column,
                               f"the helpline {h.id} ({h.number or h.name.text}) was checked {when}, more than a year ago",
                               "call or look it up again, then write today's date in `verified_on`"))
    return out


#: The country a player of each language is most likely in: the game is made for
#: the Thai side of the Thailand–Myanmar border.
_HOME_COUNTRY = {"th": "TH", "my": "TH", "en": "TH"}

#: Countries whose services a player of a language may need wherever the story goes: Burmese-speaking
#: players may be on the Myanmar side of the border, or about to leave it.
_ORIGIN_COUNTRIES = {"my": frozenset({"MM"})}

#: English names by which a story's text says it goes to a country (``countries_in``).
COUNTRY_NAMES = {
    "TH": ("Thailand", "Bangkok", "Mae Sot"),
    "MM": ("Myanmar", "Burma", "Myawaddy", "Yangon", "Tachileik"),
    "KH": ("Cambodia", "Phnom Penh", "Sihanoukville", "Poipet"),
    "PH": ("Philippines", "Manila"),
    "LA": ("Laos",),
}


def countries_in(texts: Iterable[Text]) -> set[str]:
    """Country codes of the places a story's (English) texts name: where the story goes."""
    words = " ".join(t.text for t in texts).lower()
    return {code for code, names in COUNTRY_NAMES.items() if any(n.lower() in words for n in names)}


def for_language(helplines: Iterable[Helpline], lang: str, country: str | None = None,
                 mentioned: Iterable[str] = (), goes_to: Iterable[str] | None = None) -> list[Helpline]:
    """The helplines to show a player, best first.

    Only shown entries (a filled NGO slot, centres, numbers). With ``country``
    only that country's entries (and the NGO's) are kept. With ``goes_to`` (the
    countries a story goes to, from :func:`countries_in`) a service of another
    country is kept only when the story goes there (or it serves the player's
    country of origin): a Thai player reading a story set in Mae Sot is not shown
    Cambodia's police line.

    Order: the NGO's own numbers (they know the area); then what applies where the
    story is set and answers in the player's language (for Burmese in a story set in
    Mae Sot: the Mae Sot centre, then 1694, office hours); then other services of
    the player's country known to answer in the player's language; then centres in
    the towns the story names (``mentioned``, ids from :func:`mentioned_in`), numbers it gives, then
    those of the player's country, then file order, which puts emergency help (1300,
    open day and night, its languages unconfirmed) before checks (1506). A service
    is never ranked as answering in a language its entry does not list.
    """
    home = country or _HOME_COUNTRY.get(lang, "TH")
    named = set(mentioned)
    allowed = None if goes_to is None else {home, *goes_to, *_ORIGIN_COUNTRIES.get(lang, ())}
    shown = [h for h in helplines if h.is_shown and (country is None or h.country == country or h.is_local)
             and (allowed is None or h.is_local or h.country in allowed or h.id in named)]

    def rank(pair):
        position, h = pair
        speaks = lang in h.languages
        in_town = h.id in named and h.place is not None  # a centre in a town the story is set in
        return (
            0 if h.is_local else 1,
            0 if in_town and speaks and h.country == home else 1,  # there, in the player's language
            0 if speaks and h.country == home else 1,  # answers the player, where the player is
            0 if in_town and speaks else 1,
            0 if h.id in named else 1,  # a number or a town the story itself gives
            0 if h.country == home else 1,
            0 if speaks else 1,
            position,
        )

    return [h for _, h in sorted(enumerate(shown), key=rank)]


def mentioned_in(helplines: Iterable[Helpline], texts: Iterable[Text]) -> set[str]:
    """Ids of the helplines a story's texts name: by their place ("Mae Sot") or their number ("1300")."""
    words = " ".join(t.text for t in texts)
    lowered = words.lower()
    digit_runs = {re.sub(r"\D", "", m) for m in re.findall(r"\+?\d[\d \-]*\d", words)}
    out = set()
    for h in helplines:
        if h.place is not None and h.place.text and h.place.text.lower() in lowered:
            out.add(h.id)
        elif h.number and h.digits() and h.digits() in digit_runs:
            out.add(h.id)
    return out


def find(helplines: Iterable[Helpline], helpline_id: str) -> Helpline | None:
    return next((h for h in helplines if h.id == helpline_id), None)


# --- small helpers -----------------------------------------------------------------------

def _kind(node: Node) -> str:
    if node.is_map:
        return "a mapping"
    if node.is_list:
        return "a list"
    if node.value is None:
        return "nothing"
    if isinstance(node.value, bool):
        return f"yes/no ({node.raw})"
    if isinstance(node.value, (int, float)):
        return f"a number ({node.raw})"
    return f"the text {node.value!r}"


def _unknown(file: str, knode: Node, key: str, known) -> Diagnostic:
    close = difflib.get_close_matches(key, list(known), n=1)
    hint = f"did you mean `{close[0]}`?" if close else "known keys: " + ", ".join(known)
    return error("SP093", file, knode.line, knode.column, f"unknown key `{key}`", hint)


def _not_allowed(file: str, node: Node, key: str, value: str, allowed) -> Diagnostic:
    close = difflib.get_close_matches(value, list(allowed), n=1)
    hint = f"did you mean {close[0]!r}?" if close else ""
    return error("SP092", file, node.line, node.column,
                 f"`{key}` must be one of {', '.join(allowed)}, but found {value!r}", hint)


def _pos(file: str, node: Node | None, fallback: Node) -> Pos:
    n = node or fallback
    return Pos(file, n.line, n.column)


__all__ = [
    "Helpline", "KINDS", "CONFIDENCES", "load_helplines", "bundled_path", "local_path", "default_paths",
    "is_stale", "stale_warnings", "for_language", "countries_in", "mentioned_in", "find", "today_for_checks",
]
