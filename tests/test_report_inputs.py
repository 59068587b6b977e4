"""Reading records for a report: exports (version, checksum), results.json, dedup by id, errors naming the file."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from safepath.report import export, inputs
from safepath.saves import records as R
from safepath.saves.storage import Storage

ROOT = Path(__file__).resolve().parent.parent


def plays(n: int, start: int = 0) -> list[dict]:
    return [R.play_record("dream-job", "safe-end", "safe", hits=1, misses=0, false_alarms=0, stars=2,
                          player=f"p-{start + i:010x}", lang="th") for i in range(n)]


def codes(collection) -> list[str]:
    return [d.code for d in collection.diagnostics]


def test_export_round_trip_and_merge_counts_each_record_once(tmp_path):
    a, b, shared = plays(3), plays(2, 100), plays(4, 200)
    first = export.write_export(a + shared, tmp_path / "laptop1.json")
    second = export.write_export(b + shared, tmp_path / "laptop2.json")
    again = export.write_export(a, tmp_path / "laptop1-again.json")
    c = inputs.collect([first, second, again])
    assert not c.diagnostics
    assert sorted(r["id"] for r in c.records) == sorted(r["id"] for r in a + b + shared)
    assert [(s.read, s.counted, s.duplicates) for s in c.sources] == [(7, 7, 0), (6, 2, 4), (3, 0, 3)]
    assert c.duplicates == 7
    # merging merged files gives the same set again
    merged = export.write_export(c.records, tmp_path / "merged.json")
    assert len(inputs.collect([merged, first]).records) == 9


def test_export_file_shape(tmp_path):
    path = export.write_export(plays(2), tmp_path / "x.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == "safepath-records" and data["version"] == 1 and data["count"] == 2
    assert data["checksum"] == inputs.records_checksum(data["records"])
    # the checksum covers the records' text as written: re-indenting the file is a change too
    again = path.with_name("reindented.json")
    again.write_text(json.dumps(data, indent=2), encoding="utf-8")
    assert codes(inputs.collect([again])) == ["SP122"]
    assert len(path.read_text(encoding="utf-8").splitlines()) == 2 + 2 + 1  # header, "records": [, one per line, ]}
    assert re.fullmatch(r"safepath-records-\d{4}-\d\d-\d\d-[0-9a-f]{6}\.json", export.export_name())


def test_edited_export_is_refused_whole_with_its_name(tmp_path):
    path = export.write_export(plays(3), tmp_path / "edited.json")
    text = path.read_text(encoding="utf-8").replace('"hits": 1', '"hits": 5', 1)
    path.write_text(text, encoding="utf-8")
    c = inputs.collect([path])
    assert codes(c) == ["SP122"] and not c.records
    d = c.diagnostics[0]
    assert d.file == str(path) and d.is_error and "changed" in d.message
    assert c.sources[0].refused


def test_newer_version_and_other_json_are_refused(tmp_path):
    newer = tmp_path / "newer.json"
    newer.write_text(json.dumps({"format": "safepath-records", "version": 2, "records": []}), encoding="utf-8")
    other = tmp_path / "other.json"
    other.write_text('{"hello": 1}', encoding="utf-8")
    c = inputs.collect([newer, other])
    assert codes(c) == ["SP121", "SP121"]
    assert "newer SafePath" in c.diagnostics[0].message


def test_cut_short_json_names_line_and_column(tmp_path):
    path = export.write_export(plays(3), tmp_path / "cut.json")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    c = inputs.collect([path])
    assert codes(c) == ["SP120"]
    assert c.diagnostics[0].line >= 3 and c.diagnostics[0].column >= 1
    missing = inputs.collect([tmp_path / "nowhere.json"])
    assert codes(missing) == ["SP120"] and "cannot be read" in missing.diagnostics[0].message
    latin = tmp_path / "latin1.json"
    latin.write_bytes("{\"x\": \"caf\xe9\"}".encode("latin-1"))
    assert codes(inputs.collect([latin])) == ["SP120"]


def test_damaged_record_left_out_alone_with_its_line(tmp_path):
    good = plays(3)
    bad = dict(good[1], stars=9)
    rows = [good[0], bad, good[2]]
    body = ",\n".join(json.dumps(r) for r in rows) + "\n"
    head = {"format": "safepath-records", "version": 1, "created": "2026-12-03", "count": 3,
            "checksum": inputs.body_checksum(body)}
    text = json.dumps(head)[:-1] + ',\n "records": [\n' + body + "]}\n"
    path = tmp_path / "one-bad.json"
    path.write_text(text, encoding="utf-8")
    c = inputs.collect([path])
    assert codes(c) == ["SP123"]
    assert c.diagnostics[0].line == 4 and c.diagnostics[0].column == 1  # the second record's line
    assert "stars" in c.diagnostics[0].message
    assert len(c.records) == 2


def test_same_id_different_record_keeps_the_first(tmp_path):
    one = plays(1)
    other = [dict(one[0], stars=0)]
    c = inputs.collect([export.write_export(one, tmp_path / "a.json"), export.write_export(other, tmp_path / "b.json")])
    assert codes(c) == ["SP124"]
    assert len(c.records) == 1 and c.records[0]["stars"] == 2


def test_laptop_log_and_its_results_json(tmp_path):
    storage = Storage(tmp_path / "data")
    for record in plays(4):
        storage.log_record(record)
    c = inputs.collect([], storage)
    assert len(c.records) == 4 and c.sources[0].kind == "laptop"
    # the same laptop's results.json copied off it: every record already counted
    c = inputs.collect([tmp_path / "data" / "results.json"], storage)
    assert len(c.records) == 4 and c.sources[1].kind == "results" and c.sources[1].duplicates == 4
    # a damaged copy of results.json is refused
    damaged = tmp_path / "results-copy.json"
    damaged.write_text((tmp_path / "data" / "results.json").read_text(encoding="utf-8").replace('"stars": 2', '"stars": 1', 1),
                       encoding="utf-8")
    assert codes(inputs.collect([damaged])) == ["SP122"]


def test_folder_stands_for_its_export_files(tmp_path):
    export.write_export(plays(2), tmp_path / "stick" / "a.json")
    export.write_export(plays(3, 50), tmp_path / "stick" / "b.json")
    assert len(inputs.collect([tmp_path / "stick"]).records) == 5
    (tmp_path / "empty").mkdir()
    assert codes(inputs.collect([tmp_path / "empty"])) == ["SP120"]


def test_atomic_write_leaves_no_temporary_file(tmp_path):
    export.write_export(plays(1), tmp_path / "x.json")
    assert [p.name for p in tmp_path.iterdir()] == ["x.json"]


_JSON = re.compile(r"^## (SP12\d) .*?$|^```json (bad|fixed) file=(\S+)\n(.*?)^```$", re.M | re.S)


def test_documented_json_examples_report_their_code(tmp_path):
    text = (ROOT / "docs" / "diagnostics.md").read_text(encoding="utf-8")
    code, seen = None, 0
    for m in _JSON.finditer(text):
        if m.group(1):
            code = m.group(1)
            continue
        path = tmp_path / m.group(3)
        path.write_text(m.group(4), encoding="utf-8")
        found = codes(inputs.collect([path]))
        if m.group(2) == "bad":
            assert found == [code], (code, found)
        else:
            assert found == [], (code, found)
        seen += 1
    assert seen >= 4
