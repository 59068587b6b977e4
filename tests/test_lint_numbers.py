"""Lint warns about phone numbers in story text that are not in the helplines file."""

import shutil
from pathlib import Path

from safepath.commands.lint import lint_paths

ROOT = Path(__file__).resolve().parent.parent


def test_unlisted_number_in_story_text_is_reported_where_it_stands(tmp_path):
    target = tmp_path / "scenarios" / "dream-job.yaml"
    target.parent.mkdir()
    text = (ROOT / "content/scenarios/dream-job.yaml").read_text(encoding="utf-8")
    assert "Ploy reads it twice" in text
    target.write_text(text.replace("Ploy reads it twice", "Call 0812345678. Ploy reads it twice", 1), encoding="utf-8")
    line = next(n for n, l in enumerate(target.read_text(encoding="utf-8").splitlines(), 1) if "0812345678" in l)

    _, diagnostics = lint_paths([target])

    found = [d for d in diagnostics if d.code == "SP099"]
    assert [(d.file, d.line) for d in found] == [(str(target), line)]
    assert "0812345678" in found[0].message and found[0].is_error
    source_line = target.read_text(encoding="utf-8").splitlines()[line - 1]
    assert source_line[found[0].column - 1:].startswith("0812345678")  # the caret is on the number


def test_listed_helpline_numbers_are_fine():
    _, diagnostics = lint_paths([ROOT / "content"])
    assert not [d for d in diagnostics if d.code == "SP099"]
