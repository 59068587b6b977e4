"""Help the trainer keeps current: numbers to check again, and the NGO's own local contacts.

* :func:`stale` — every shown helpline whose ``verified_on`` is more than a year old (or missing), with its
  date and source, so the trainer calls or looks it up before a class.
* :class:`Contact` and :func:`save_contact` — a local contact typed on the trainer's screen (name, number,
  what for, languages, hours), written to the NGO's local helplines file in the data folder
  (:func:`safepath.story.helplines.local_path`), the file the game's help cards, the debrief,
  ``safepath play --text`` and the reports all read. The new file is checked with the same loader as
  ``content/helplines.yaml`` *before* it replaces the old one: a contact the loader refuses is never saved,
  and the trainer reads the loader's plain sentence. No pygame.
"""

from __future__ import annotations

import datetime as _dt
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from safepath.story import helplines as hl

#: the first local contact fills the game's empty ``ngo-local`` slot; later ones get ids of their own
SLOT = "ngo-local"
LANGUAGES = ("th", "my", "en")
NAME_MAX, PURPOSE_MAX, HOURS_MAX = 80, 200, 60


def stale(data_dir: str | Path | None, today: _dt.date | None = None) -> list[hl.Helpline]:
    """The helplines shown in the game that were checked more than a year ago (or never)."""
    entries, _diags = hl.load_helplines(paths=hl.default_paths(data_dir), check_age=False)
    day = today or hl.today_for_checks()
    return [h for h in entries if hl.is_stale(h, day)]


@dataclass
class Contact:
    """What the trainer types for one local contact."""

    name: str
    number: str
    purpose: str  # what for
    languages: list[str] = field(default_factory=list)
    hours: str = ""
    id: str = ""  # kept when an existing contact is edited

    def entry(self, today: _dt.date) -> dict:
        """The contact as an entry of a helplines file (kind ``local``: the NGO's own)."""
        purpose = self.purpose.strip()
        if self.hours.strip():
            purpose = f"{purpose} ({self.hours.strip()})"
        return {"id": self.id, "kind": "local", "number": self.number.strip(), "name": self.name.strip(),
                "purpose": purpose, "country": "TH", "languages": list(self.languages), "source": "",
                "confidence": "local", "verified_on": today.isoformat()}


def parse_languages(text: str) -> list[str]:
    """"th, my" or "Thai Burmese" -> ["th", "my"]; unknown words are left for the loader to name."""
    names = {"thai": "th", "ไทย": "th", "burmese": "my", "myanmar": "my", "မြန်မာ": "my", "english": "en"}
    out = []
    for word in re.split(r"[\s,;/]+", text.strip()):
        if not word:
            continue
        code = names.get(word.casefold(), word.casefold())
        if code not in out:
            out.append(code)
    return out


def local_entries(data_dir: str | Path) -> list[dict]:
    """The entries of the local file, as plain data (an empty list when there is none or it is unreadable)."""
    import yaml

    path = hl.local_path(data_dir)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError, UnicodeDecodeError):
        return []
    items = data.get("helplines") if isinstance(data, dict) else None
    return [dict(i) for i in items if isinstance(i, dict)] if isinstance(items, list) else []


def _new_id(entries: list[dict], name: str) -> str:
    taken = {e.get("id") for e in entries}
    if SLOT not in taken:
        return SLOT
    slug = re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-")[:40] or "contact"
    base = f"ngo-{slug}" if re.match(r"[a-z]", slug) else "ngo-contact"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def check_contact(contact: Contact) -> str | None:
    """A plain problem with what was typed before the file is even tried (an interface msgid), or None."""
    from safepath.saves.savefile import N_

    if not contact.name.strip():
        return N_("Please type the organisation's name.")
    if not contact.number.strip():
        return N_("Please type the number to call.")
    if not contact.purpose.strip():
        return N_("Please say in a few words what the contact helps with.")
    if len(contact.name) > NAME_MAX or len(contact.purpose) > PURPOSE_MAX or len(contact.hours) > HOURS_MAX:
        return N_("This is too long: keep the name, what for and hours short.")
    return None


def save_contact(data_dir: str | Path, contact: Contact, today: _dt.date | None = None) -> list:
    """Add or replace ``contact`` in the local helplines file; [] when saved, else the loader's errors.

    The new file is written next to the old one, read back with :func:`safepath.story.helplines.load_helplines`
    together with the bundled file (so a local entry can never change a bundled number, SP097), and only
    then renamed over the old file.
    """
    import yaml

    data_dir = Path(data_dir)
    day = today or hl.today_for_checks()
    entries = local_entries(data_dir)
    if not contact.id:
        contact.id = _new_id(entries, contact.name)
    entry = contact.entry(day)
    entries = [e for e in entries if e.get("id") != contact.id] + [entry]
    text = ("# Local contacts of this NGO, added on the trainer's helplines screen (SafePath class mode).\n"
            "# Same keys as content/helplines.yaml; the game, its help cards and `safepath play --text` read it.\n"
            + yaml.safe_dump({"schema_version": hl.SCHEMA_VERSION, "helplines": entries}, allow_unicode=True,
                             sort_keys=False))
    target = hl.local_path(data_dir)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=".helplines.", suffix=".yaml", dir=target.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        _entries, diags = hl.load_helplines(paths=[hl.bundled_path(), tmp], check_age=False)
        errors = [d for d in diags if d.is_error and os.path.normpath(str(d.file)) == os.path.normpath(str(tmp))]
        if errors:
            return errors
        from safepath.saves.savefile import replace_retrying

        replace_retrying(tmp, target)
        return []
    finally:
        if tmp.exists():
            tmp.unlink()


def delete_contact(data_dir: str | Path, contact_id: str) -> bool:
    """Remove one local contact (the file stays, with the others)."""
    entries = local_entries(data_dir)
    kept = [e for e in entries if e.get("id") != contact_id]
    if len(kept) == len(entries):
        return False
    import yaml

    hl.local_path(data_dir).write_text(yaml.safe_dump({"schema_version": hl.SCHEMA_VERSION, "helplines": kept},
                                                      allow_unicode=True, sort_keys=False), encoding="utf-8")
    return True
