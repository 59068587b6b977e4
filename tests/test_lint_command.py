"""`safepath lint` as a command: folders, the catalogue and helplines, other checks, output formats."""

from __future__ import annotations

import importlib
import io
import json
import shutil
from contextlib import redirect_stdout
from pathlib import Path

import pytest

from safepath.cli import main
from safepath.commands import lint
from safepath.story.diagnostics import warning

ROOT = Path(__file__).resolve().parent.parent
VALID = ROOT / "tests" / "data" / "valid"
CATALOGUE = VALID / "red_flags.yaml"


def run(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    with redirect_stdout(out):
        status = main(["lint", *map(str, args)])
    return status, out.getvalue()


@pytest.fixture
def content(tmp_path):
    """A content folder like the bundled one: catalogue, helplines, scenarios/."""
    folder = tmp_path / "content"
    (folder / "scenarios").mkdir(parents=True)
    shutil.copy(CATALOGUE, folder / "red_flags.yaml")
    shutil.copy(VALID / "tiny-job.yaml", folder / "scenarios" / "tiny-job.yaml")
    bundled_helplines = ROOT / "content" / "helplines.yaml"
    if bundled_helplines.exists():
        shutil.copy(bundled_helplines, folder / "helplines.yaml")
    return folder


def test_clean_folder_exits_0_with_a_summary(content):
    status, output = run(content)
    files = 3 if (content / "helplines.yaml").exists() else 2
    assert status == 0
    assert output.strip() == f"{files} files, 0 errors, 0 warnings"


def test_catalogue_in_the_folder_is_used_and_checked(content):
    text = (content / "red_flags.yaml").read_text(encoding="utf-8")
    (content / "red_flags.yaml").write_text(text.replace("  free-travel:", "  free-trip:"), encoding="utf-8")
    status, output = run(content)
    assert status == 1
    assert "tiny-job.yaml" in output and "'free-travel', which is not in the red-flag catalogue" in output


def test_broken_catalogue_is_reported_with_its_own_position(content):
    (content / "red_flags.yaml").write_text("schema_version: 1\nred_flags:\n  pay-too-good:\n    title: x\n",
                                            encoding="utf-8")
    status, output = run(content)
    assert status == 1
    assert f"{content / 'red_flags.yaml'}:4:5: error SP022" in output


def test_helplines_are_checked_when_linting_content(content):
    if not (content / "helplines.yaml").exists():
        pytest.skip("no bundled helplines yet")
    (content / "helplines.yaml").write_text("schema_version: 1\nhelplines: [\n", encoding="utf-8")
    status, output = run(content)
    assert status == 1
    assert f"{content / 'helplines.yaml'}:" in output and "SP004" in output


def test_text_output_shows_source_line_caret_and_hint(tmp_path):
    text = (VALID / "tiny-job.yaml").read_text(encoding="utf-8").replace("goto: ask\n", "goto: asq\n")
    path = tmp_path / "tiny-job.yaml"
    path.write_text(text, encoding="utf-8")
    status, output = run(path, "--catalogue", CATALOGUE)
    lines = output.splitlines()
    assert status == 1
    assert lines[0].startswith(f"{path}:") and " error SP030 " in lines[0]
    assert lines[1].strip() == "goto: asq"
    assert lines[2].index("^") == lines[1].index("asq")
    assert lines[3].strip() == "hint: did you mean 'ask'?"
    assert lines[-1] == "1 file, 1 error, 0 warnings"


def test_missing_path_and_empty_folder(tmp_path):
    status, output = run(tmp_path / "nope.yaml")
    assert status == 1 and "SP001" in output and "file not found" in output
    status, output = run(tmp_path)
    assert status == 1 and "no YAML files found" in output


def test_other_checks_are_run_and_their_failures_contained(monkeypatch, tmp_path):
    analysis = importlib.import_module("safepath.authoring.analysis")
    calls = []

    def fake_graph(scenario):
        calls.append(scenario.id)
        return [warning("SP050", scenario.path, 1, 1, "a pretend graph warning")]

    monkeypatch.setattr(analysis, "lint_graph", fake_graph, raising=False)
    status, output = run(VALID / "tiny-job.yaml", "--catalogue", CATALOGUE)
    assert calls == ["tiny-job"] and status == 0 and "warning SP050 a pretend graph warning" in output
    assert output.splitlines()[-1] == "1 file, 0 errors, 1 warning"

    def broken_graph(scenario):
        raise KeyError("oops")

    monkeypatch.setattr(analysis, "lint_graph", broken_graph, raising=False)
    status, output = run(VALID / "tiny-job.yaml", "--catalogue", CATALOGUE)
    assert status == 1 and "SP048" in output and "tiny-job.yaml" in output and "Traceback" not in output


def test_json_format(tmp_path):
    status, output = run(VALID, "--format", "json")
    assert status == 0 and json.loads(output) == {"files": 2, "errors": 0, "warnings": 0, "diagnostics": []}


def test_default_is_the_bundled_content():
    if not (ROOT / "content" / "scenarios").is_dir():
        pytest.skip("no bundled content")
    status, output = run()
    assert "Traceback" not in output
    assert output.splitlines()[-1].endswith(("0 errors, 0 warnings", "warning", "warnings"))
    assert status == 0, output


def test_summary_wording():
    assert lint.summary(1, []) == "1 file, 0 errors, 0 warnings"
    assert lint.summary(2, [warning("SP047", "f", 1, 1, "m")]) == "2 files, 0 errors, 1 warning"


def test_scenario_uses_the_catalogue_of_its_own_content_folder(content):
    text = (content / "red_flags.yaml").read_text(encoding="utf-8")
    (content / "red_flags.yaml").write_text(text.replace("  free-travel:", "  free-trip:"), encoding="utf-8")
    status, output = run(content / "scenarios" / "tiny-job.yaml")  # the scenario alone, no --catalogue
    assert status == 1 and "'free-travel', which is not in the red-flag catalogue" in output
