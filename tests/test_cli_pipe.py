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


# more than a pipe's buffer (64 KiB on Linux), written line by line, so the command is still writing when the
# reader leaves (one huge write may be taken whole by some kernels' pipes, so the tests print many lines)
TRANSCRIPTS = [arg for k in range(1, 101) for arg in ("--transcript", str(k))]


@pytest.mark.parametrize("kind", ["playtest", "lint"])
def test_closed_pipe_ends_quietly(kind, tmp_path):
    bad = tmp_path / "many"
    bad.mkdir()
    for k in range(300):
        (bad / f"s{k}.yaml").write_text("id: [\n", encoding="utf-8")
    args = {"playtest": ["playtest", str(scenarios_dir() / "dream-job.yaml"), "--random", "100", *TRANSCRIPTS],
            "lint": ["lint", str(bad)]}[kind]
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
