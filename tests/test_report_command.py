"""``safepath report``: merge laptops' exports into one report, an export of the merge, k, and errors by file."""

from __future__ import annotations

import json

import pytest

from safepath.cli import main
from safepath.report import export
from safepath.saves import records as R
from safepath.saves.storage import Storage


def plays(n: int, lang: str = "th") -> list[dict]:
    return [R.play_record("dream-job", "safe-end", "safe", hits=1, misses=0, false_alarms=0, stars=2,
                          player=R.new_player_code(), lang=lang) for _ in range(n)]


def test_two_laptops_merged_with_the_local_log(tmp_path, capsys):
    local = Storage(tmp_path / "data")
    mine = plays(5)
    for r in mine:
        local.log_record(r)
    a = export.write_export(plays(20) + mine, tmp_path / "stick" / "laptop-a.json")  # laptop A also holds ours
    b = export.write_export(plays(15, "my"), tmp_path / "stick" / "laptop-b.json")
    out = tmp_path / "out"
    merged = tmp_path / "merged.json"
    code = main(["report", str(a), str(b), "--data-dir", str(tmp_path / "data"), "-o", str(out), "--lang", "my",
                 "-k", "12", "--export", str(merged)])
    assert code == 0
    said = capsys.readouterr().out
    assert "this laptop: 5 records" in said and "laptop-a.json: 25 records (20 counted, 5 already counted" in said
    assert "40 records" in said and "k = 12" in said
    assert json.loads(merged.read_text(encoding="utf-8"))["count"] == 40
    assert (out / "report.html").is_file() and 'lang="my"' in (out / "report.html").read_text(encoding="utf-8")
    rows = (out / "csv" / "plays_by_story.csv").read_text(encoding="utf-8-sig").splitlines()
    assert rows[1].split(",")[-1] == "40"
    # the merged export gives the same report again, without the laptops' files
    capsys.readouterr()
    assert main(["report", str(merged), "--no-local", "-o", str(tmp_path / "again")]) == 0
    assert "40 records" in capsys.readouterr().out


def test_a_bad_file_is_named_left_out_and_the_rest_reported(tmp_path, capsys):
    good = export.write_export(plays(3), tmp_path / "good.json")
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "safepath-records", "version": 1, "records": [', encoding="utf-8")
    code = main(["report", str(good), str(bad), "--no-local", "-o", str(tmp_path / "out")])
    assert code == 1
    captured = capsys.readouterr()
    assert f"{bad}:1:" in captured.err and "SP120" in captured.err
    assert (tmp_path / "out" / "report.html").is_file()
    receipt = (tmp_path / "out" / "privacy-receipt.txt").read_text(encoding="utf-8-sig")
    assert "bad.json" in receipt and "SP120" in receipt


@pytest.mark.parametrize("k", ["4", "0", "ten"])
def test_k_below_5_is_refused(k, tmp_path, capsys):
    with pytest.raises(SystemExit) as stop:
        main(["report", "--no-local", "-k", k, "-o", str(tmp_path / "out")])
    assert stop.value.code == 2
    assert "k must be a whole number" in capsys.readouterr().err
