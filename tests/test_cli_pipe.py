"""`safepath ... | head`: a reader that stops early ends the command quietly, with the SIGPIPE status."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from safepath.cli import BROKEN_PIPE
from safepath.paths import scenarios_dir

ROOT = Path(__file__).resolve().parent.parent


# more than a pipe's buffer (64 KiB on Linux), written piece by piece, so the command is still writing when the
# reader leaves (one huge write may be taken whole by some systems' pipes, so these commands print in pieces)
TRANSCRIPTS = [arg for k in range(1, 101) for arg in ("--transcript", str(k))]


@pytest.mark.parametrize("kind", ["random", "check"])
def test_closed_pipe_ends_quietly(kind, tmp_path):
    golden = tmp_path / "many"
    golden.mkdir()
    for k in range(300):  # each failing golden file is printed on its own, with its transcript
        (golden / f"g{k}.yaml").write_text(f"scenario: {scenarios_dir() / 'dream-job.yaml'}\nchoices: [1, 1]\n"
                                           "expect: {ending: safe}\n", encoding="utf-8")
    args = {"random": ["playtest", str(scenarios_dir() / "dream-job.yaml"), "--random", "100", *TRANSCRIPTS],
            "check": ["playtest", "--check", str(golden)]}[kind]
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, "-m", "safepath", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=env, cwd=ROOT)
    first = proc.stdout.readline()  # like `head -1`: read a little, then go away
    proc.stdout.close()
    err = proc.stderr.read().decode("utf-8", "replace")
    proc.wait(timeout=120)
    assert first
    assert "Traceback" not in err and "BrokenPipeError" not in err, err
    assert proc.returncode == BROKEN_PIPE
