"""Reading the anonymous records a report counts: this laptop's log and the export files of others.

A trainer gathers the records of several laptops on one machine: each laptop writes an *export file*
(:mod:`safepath.report.export`) to a USB stick, and ``safepath report FILE ...`` reads them all. The
laptop's own ``results.json`` (copied off its data folder) is read the same way. Every record has a random
``id``: a record met twice (the same laptop exported twice, or a file copied twice) is counted once.

Nothing here raises at the trainer. A file that cannot be read, is not an export, was made by a newer
SafePath or fails its checksum is refused whole, with a :class:`~safepath.story.diagnostics.Diagnostic`
naming the file, the line and the column (SP120–SP122); a record that is damaged is left out alone
(SP123); two different records with one id keep the first and say so (SP124). No pygame.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from safepath.saves import records as _records
from safepath.story.diagnostics import Diagnostic, error, warning

#: ``format`` of an export file, and the newest ``version`` this SafePath reads
EXPORT_FORMAT = "safepath-records"
EXPORT_VERSION = 1
#: the save envelope of a laptop's own results.json (safepath.saves.savefile) and its newest version
SAVE_FORMAT = "safepath-save"
RESULTS_VERSION = 2


#: where an export's records begin: the array's text, one record a line, is what its checksum covers
RECORDS_START = '"records": [\n'
RECORDS_END = "]}"


def records_body(records: list[dict]) -> str:
    """The records as an export writes them: one JSON object a line (sorted keys, UTF-8), comma-separated."""
    lines = [json.dumps(r, ensure_ascii=False, sort_keys=True) for r in records]
    return ",\n".join(lines) + ("\n" if lines else "")


def body_checksum(body: str) -> str:
    """The checksum an export carries: SHA-256 over the exact text of its records (no re-encoding to check)."""
    return "sha256:" + hashlib.sha256(body.encode("utf-8")).hexdigest()


def records_checksum(records: list[dict]) -> str:
    return body_checksum(records_body(records))


def _body_of(text: str) -> str | None:
    start = text.find(RECORDS_START)
    end = text.rfind(RECORDS_END)
    return text[start + len(RECORDS_START):end] if 0 <= start < end else None


@dataclass
class Source:
    """One file (or this laptop's log) that records were read from, for the privacy receipt."""

    name: str
    kind: str  # "laptop" | "export" | "results"
    read: int = 0  # records in the file
    counted: int = 0  # records counted for the first time
    duplicates: int = 0  # records already met in another file (same id, same content)
    rejected: int = 0  # damaged records left out
    checksum: str | None = None
    refused: bool = False  # the whole file was refused (see the diagnostics)


@dataclass
class Collection:
    """Records gathered from several sources, each id once, with what went wrong where."""

    records: list[dict] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    _by_id: dict[str, dict] = field(default_factory=dict, repr=False)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.is_error]

    @property
    def duplicates(self) -> int:
        return sum(s.duplicates for s in self.sources)

    def add(self, record: Any, source: Source, text: str | None = None, position: int = 0) -> None:
        """Validate and count ``record`` once; damaged or conflicting records become diagnostics."""
        source.read += 1
        try:
            # a shallow copy: validate only fills in top-level defaults, and records read from a file are our own
            record = _records.validate(dict(record) if isinstance(record, dict) else record)
        except ValueError as exc:
            source.rejected += 1
            line, column = _locate(text, record, position)
            self.diagnostics.append(warning(
                "SP123", source.name, line, column,
                f"record {position + 1} was left out of the report: {exc}",
                "The record was damaged or edited by hand; the other records of the file are counted."))
            return
        known = self._by_id.get(record["id"])
        if known is None:
            self._by_id[record["id"]] = record
            self.records.append(record)
            source.counted += 1
        elif known == record:
            source.duplicates += 1
        else:
            source.rejected += 1
            line, column = _locate(text, record, position)
            self.diagnostics.append(warning(
                "SP124", source.name, line, column,
                f"record {position + 1} has the id {record['id']} of a different record read before; "
                "only the first one is counted",
                "Two records can only share an id when one was copied and then changed. Check where this "
                "file came from."))


def _locate(text: str | None, record: Any, position: int) -> tuple[int, int]:
    """Line and column of a record in the file's text: where its id is written, else the file's start."""
    rid = record.get("id") if isinstance(record, dict) else None
    if text and isinstance(rid, str) and rid:
        at = text.find(json.dumps(rid))
        if at >= 0:
            start = text.rfind("{", 0, at)
            at = start if start >= 0 else at
            line = text.count("\n", 0, at) + 1
            return line, at - (text.rfind("\n", 0, at) + 1) + 1
    return 1, 1


def read_laptop(storage, collection: Collection, name: str = "this laptop") -> Source:
    """The records of this laptop's own data folder (a :class:`safepath.saves.storage.Storage`)."""
    source = Source(name, "laptop")
    collection.sources.append(source)
    for i, record in enumerate(storage.results()):
        collection.add(record, source, None, i)
    for notice in storage.take_notices():
        collection.diagnostics.append(warning("SP120", name, 1, 1, notice.text(),
                                              "The game kept what it could; the report counts that."))
    return source


def read_file(path: str | Path, collection: Collection) -> Source:
    """An export file (or a laptop's ``results.json``): refused whole when it cannot be trusted."""
    path = Path(path)
    name = str(path)
    source = Source(name, "export")
    collection.sources.append(source)

    def refuse(code: str, message: str, hint: str, line: int = 1, column: int = 1) -> Source:
        source.refused = True
        collection.diagnostics.append(error(code, name, line, column, message, hint))
        return source

    try:
        raw = path.read_bytes()
    except IsADirectoryError:
        return refuse("SP120", "this is a folder, not an export file", "Give the export files inside it.")
    except OSError as exc:
        return refuse("SP120", f"the file cannot be read ({exc.strerror or exc})",
                      "Check that the USB stick is still plugged in and the name is right.")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return refuse("SP120", f"the file is not UTF-8 text (byte {exc.start + 1} cannot be read)",
                      "Export the records again with SafePath; do not open and save the file in another program.")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return refuse("SP120", f"the file is not complete JSON: {exc.msg}",
                      "The file was cut short or edited. Export the records again with SafePath.",
                      exc.lineno, exc.colno)
    if isinstance(data, dict) and data.get("format") == SAVE_FORMAT and data.get("kind") == "results":
        return _read_results_file(data, text, source, collection, refuse)
    if not isinstance(data, dict) or data.get("format") != EXPORT_FORMAT:
        return refuse("SP121", "this is not a SafePath records export",
                      "Give the file SafePath wrote with `safepath report --export` or the report screen "
                      "(its name starts with safepath-records), or a laptop's results.json.")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        return refuse("SP121", "the export has no version number", "Export the records again with SafePath.")
    if version > EXPORT_VERSION:
        return refuse("SP121", f"the export was made by a newer SafePath (version {version}; this one reads "
                      f"version {EXPORT_VERSION})", "Update SafePath on this computer, then make the report again.")
    rows = data.get("records")
    if not isinstance(rows, list):
        return refuse("SP121", "the export has no list of records", "Export the records again with SafePath.")
    source.checksum = data.get("checksum") if isinstance(data.get("checksum"), str) else None
    body = _body_of(text)
    if body is None or source.checksum != body_checksum(body):
        return refuse("SP122", "the records do not match the file's checksum: the file was changed or damaged "
                      "after SafePath wrote it", "Export the records again from the laptop they came from.")
    if isinstance(data.get("count"), int) and data["count"] != len(rows):
        return refuse("SP122", f"the file says it holds {data['count']} records but holds {len(rows)}",
                      "Export the records again from the laptop they came from.")
    for i, record in enumerate(rows):
        collection.add(record, source, text, i)
    return source


def _read_results_file(data: dict, text: str, source: Source, collection: Collection, refuse) -> Source:
    """A laptop's ``results.json`` copied off its data folder: the save envelope, checked like the game does."""
    from safepath.saves import savefile

    source.kind = "results"
    version, payload = data.get("version"), data.get("data")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        return refuse("SP121", "the results file has no version number", "Copy results.json off the laptop again.")
    if version > RESULTS_VERSION:
        return refuse("SP121", f"the results file was written by a newer SafePath (version {version}; this one "
                      f"reads version {RESULTS_VERSION})", "Update SafePath on this computer, then make the report again.")
    seq = data.get("seq")
    expected = savefile.checksum(payload, version, seq if isinstance(seq, int) else None)
    source.checksum = data.get("checksum") if isinstance(data.get("checksum"), str) else None
    if source.checksum != expected:
        return refuse("SP122", "the results do not match the file's checksum: the file was changed or damaged",
                      "Use the results.json.bak beside it, or export the records with SafePath on that laptop.")
    if version == 1 and isinstance(payload, dict):
        payload = _records.migrate_v1(payload)
    rows = payload.get("results") if isinstance(payload, dict) else None
    if not isinstance(rows, list):
        return refuse("SP121", "the results file has no list of results", "Copy results.json off the laptop again.")
    for i, record in enumerate(rows):
        collection.add(record, source, text, i)
    return source


@contextlib.contextmanager
def paused_gc():
    """No cyclic garbage collection while a few hundred thousand records are parsed and counted.

    Records are trees of dicts and lists (no cycles), but the collector still walks every one of them
    each time enough objects were made: with it on, parsing a 100,000-record export takes three times as long.
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def expand(paths: Iterable[str | Path]) -> list[Path]:
    """Files as given; a folder stands for the export files (``*.json``) directly inside it."""
    out: list[Path] = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            found = sorted(f for f in p.glob("*.json") if f.is_file())
            out.extend(found or [p])  # an empty folder is reported, not silently skipped
        else:
            out.append(p)
    return out


def collect(files: Iterable[str | Path] = (), storage=None) -> Collection:
    """This laptop's records (when ``storage`` is given) and every file's, each record once."""
    collection = Collection()
    with paused_gc():
        if storage is not None:
            read_laptop(storage, collection)
        for path in expand(files):
            read_file(path, collection)
    return collection
