"""Export files: one laptop's anonymous records, carried on a USB stick to the trainer's computer.

An export is one JSON file::

    {"format": "safepath-records", "version": 1, "created": "2026-12-03", "count": 250,
     "checksum": "sha256:…",
     "records": [
    {…one record per line…},
    …
    ]}

``checksum`` is SHA-256 over the text of the records, exactly as written (:func:`safepath.report.inputs.body_checksum`),
so a file cut short or edited by hand is refused instead of being counted wrongly; ``version`` lets a later
SafePath change the shape (an older one refuses a newer file and says so). Records are those of
:mod:`safepath.saves.records`: no nickname, no profile id, no free text; the random player codes stay in
the export because pairing a player's pre- and post-check needs them, but never reach a report.

Files are written atomically (temporary file, fsync, rename), so a stick pulled out too early leaves the
old file or none, never half of one. No pygame.
"""

from __future__ import annotations

import datetime as _dt
import json
import secrets
from pathlib import Path

from safepath.report.inputs import EXPORT_FORMAT, EXPORT_VERSION, RECORDS_END, RECORDS_START, body_checksum, records_body
from safepath.saves.atomic import write_atomic


def export_bytes(records: list[dict], when: _dt.date | None = None) -> bytes:
    """The export file's content: a header, then one record per line (easy to read and to locate errors in)."""
    records = sorted(records, key=lambda r: (str(r.get("date", "")), str(r.get("id", ""))))
    body = records_body(records)
    head = {"format": EXPORT_FORMAT, "version": EXPORT_VERSION, "created": (when or _dt.date.today()).isoformat(),
            "count": len(records), "checksum": body_checksum(body)}
    parts = [json.dumps(k) + ": " + json.dumps(v, ensure_ascii=False) for k, v in head.items()]
    text = "{" + ", ".join(parts) + ",\n " + RECORDS_START + body + RECORDS_END + "\n"
    return text.encode("utf-8")


def write_export(records: list[dict], path: str | Path, when: _dt.date | None = None) -> Path:
    """Write ``records`` as an export file at ``path`` (atomically)."""
    return write_atomic(path, export_bytes(records, when))


def export_name(when: _dt.date | None = None) -> str:
    """A file name that says what the file is and never collides with another laptop's on the same stick."""
    return f"safepath-records-{(when or _dt.date.today()).isoformat()}-{secrets.token_hex(3)}.json"
