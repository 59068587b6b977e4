"""Every broken file under tests/data/broken makes `safepath lint` point at the right place.

Each file's first line says what to expect: ``# expect: SP012 line 7 col 5`` (line 0: the whole file, printed as 1:1),
optionally followed by ``catalogue=PATH`` (relative to the file's folder). A UTF-16 file says it
in UTF-16. For each file, lint exits 1 (0 when the code is only a warning), names the file, the
line and the code, prints no traceback, and is fast.
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import time
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from safepath.cli import main
from safepath.story.diagnostics_codes import CODES

ROOT = Path(__file__).resolve().parent.parent
BROKEN = ROOT / "tests" / "data" / "broken"
CATALOGUE = ROOT / "tests" / "data" / "valid" / "red_flags.yaml"
FILES = sorted(p for p in BROKEN.rglob("*") if p.suffix == ".yaml")
_EXPECT = re.compile(r"# expect: (SP\d{3}) line (\d+)(?: col (\d+))?(?: catalogue=(\S+))?")


def expectation(path: Path) -> tuple[str, int, int | None, list[str]]:
    data = path.read_bytes()
    first = data.decode("utf-16") if data.startswith((b"\xff\xfe", b"\xfe\xff")) else data.decode("latin-1")
    m = _EXPECT.match(first.splitlines()[0])
    assert m, f"{path.name}: the first line must be '# expect: SPnnn line N [col C]'"
    catalogue = str(path.parent / m.group(4)) if m.group(4) else str(CATALOGUE)
    column = int(m.group(3)) if m.group(3) else None
    assert column is not None or int(m.group(2)) == 0, f"{path.name}: say the column too ('col C')"
    return m.group(1), int(m.group(2)), column, ["--catalogue", catalogue]


def run_in_process(args: list[str]) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(["lint", *args])
    return code, out.getvalue() + err.getvalue()


def test_corpus_is_big_enough_and_covers_the_loader_codes():
    assert len(FILES) >= 30
    covered = {expectation(p)[0] for p in FILES}
    # SP001 (unreadable), SP008 (megabytes), SP046 (two files), SP048 (a bug) are tested in test_loader.py;
    # SP018 (no safe-sign catalogue) in test_safe_signs.py
    wanted = {c for c in CODES if c < "SP050"} - {"SP001", "SP008", "SP018", "SP046", "SP048"}
    assert wanted <= covered, sorted(wanted - covered)


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(BROKEN)))
def test_lint_points_at_the_problem(path):
    code, line, column, options = expectation(path)
    start = time.perf_counter()
    status, output = run_in_process([str(path), *options])
    elapsed = time.perf_counter() - start
    assert "Traceback" not in output
    expected_status = 1 if CODES[code].severity.value == "error" else 0
    assert status == expected_status, output
    shown = f"{line}:{column}" if line else "1:1"
    assert re.search(rf"^{re.escape(str(path))}:{shown}: (error|warning) {code} ", output, re.M), output
    assert elapsed < 1.0, f"lint took {elapsed:.2f}s"


@pytest.mark.parametrize("name", ["sp007-tag-not-allowed.yaml", "pitfall-billion-laughs.yaml",
                                  "sp002-not-utf-8.yaml", "pitfall-utf16.yaml"])
def test_lint_as_a_separate_process(name):
    path = BROKEN / name
    code, line, _column, options = expectation(path)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "safepath", "lint", str(path), *options],
                          capture_output=True, text=True, env=env, cwd=ROOT, timeout=30)
    elapsed = time.perf_counter() - start
    assert proc.returncode == 1
    assert "Traceback" not in proc.stdout + proc.stderr
    assert f"{path}:{line}:" in proc.stdout and code in proc.stdout
    assert "\x00" not in proc.stdout
    assert elapsed < 5.0  # a fresh interpreter; generous for a shared machine


def test_json_output_lists_the_same_diagnostics(tmp_path):
    path = BROKEN / "sp030-unknown-scene.yaml"
    status, output = run_in_process([str(path), "--format", "json", "--catalogue", str(CATALOGUE)])
    import json

    report = json.loads(output)
    assert status == 1
    assert report["files"] == 1 and report["errors"] == 1 and report["warnings"] == 0
    (d,) = report["diagnostics"]
    assert d["code"] == "SP030" and d["line"] == 21 and d["severity"] == "error"
    assert d["file"] == str(path) and "saef" in d["message"] and "safe" in d["hint"]


def test_whole_corpus_in_one_run_reports_every_file():
    status, output = run_in_process([str(BROKEN), "--catalogue", str(CATALOGUE)])
    assert status == 1
    for path in FILES:
        if expectation(path)[3][1] == str(CATALOGUE):  # the others need their own catalogue to fail
            assert str(path) in output, path.name
    summary = output.strip().splitlines()[-1]
    assert re.fullmatch(rf"{len(FILES)} files, \d+ errors, \d+ warnings?", summary), summary
