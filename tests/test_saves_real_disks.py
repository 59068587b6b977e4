"""Saves on real read-only and full file systems (issue 18, item 4), not simulated ones.

Each test runs a child process in its own mount namespace (``unshare -m``, as root: CI's container and this
machine) with the saves folder bind-mounted read-only, or on a 64 KB tmpfs filled to the last byte. Skipped
where such mounts are not allowed; ``tests/test_saves_hardening.py`` covers the same with simulated errors.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from safepath.saves.storage import Storage

ROOT = Path(__file__).resolve().parent.parent


def mounts_allowed(tmp_path: Path) -> bool:
    if shutil.which("unshare") is None or not hasattr(sys, "executable"):
        return False
    probe = tmp_path / "probe"
    probe.mkdir()
    try:
        out = subprocess.run(["unshare", "-m", "sh", "-c", f"mount --bind {probe} {probe} && "
                              f"mount -o remount,bind,ro {probe} && ! touch {probe}/x"],
                             capture_output=True, timeout=20)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return out.returncode == 0


PLAY = """
import os, sys
os.environ["SDL_VIDEODRIVER"] = os.environ["SDL_AUDIODRIVER"] = "dummy"
sys.path.insert(0, {root!r})
from safepath.app import make_app
from safepath.scenes.pause import Dialog
app = make_app(data_dir={saves!r})
app.start()
dialogs = 0
profile = app.storage.profiles()[0]
app.select_profile(profile)
for i in range(18):
    app.storage.save_state(profile.id, "dream-job", {{"version": 1, "steps": list(range(i + 1))}})
    app.step(0.0, [])
    while isinstance(app.stack.top, Dialog):
        dialogs += 1
        app.stack.pop()
print("dialogs", dialogs)
print("marker", app.saving_problem())
print("reason", app.storage.failure_reason(profile.id))
print("moved", app.storage.use_folder({elsewhere!r}))
app.storage.save_state(profile.id, "dream-job", {{"version": 1, "steps": [7, 7]}})
print("after", app.saving_problem())
"""


def run_in_namespace(tmp_path: Path, setup: str, saves: Path, elsewhere: Path) -> dict[str, str]:
    script = tmp_path / "play.py"
    script.write_text(PLAY.format(root=str(ROOT), saves=str(saves), elsewhere=str(elsewhere)), encoding="utf-8")
    out = subprocess.run(["unshare", "-m", "sh", "-c", f"{setup} && {sys.executable} {script}"],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    return dict(line.split(" ", 1) for line in out.stdout.splitlines() if " " in line)


@pytest.fixture
def saves(tmp_path):
    if not mounts_allowed(tmp_path):
        pytest.skip("mount namespaces are not allowed here")
    folder = tmp_path / "stick"
    s = Storage(folder)
    pid = s.create_profile("Mya", "cat").id
    s.save_state(pid, "dream-job", {"version": 1, "steps": [0]})
    s.close()
    return folder, pid


def test_a_read_only_stick(tmp_path, saves):
    folder, pid = saves
    before = {p.name: p.read_bytes() for p in folder.rglob("*.json")}
    got = run_in_namespace(tmp_path, f"mount --bind {folder} {folder} && mount -o remount,bind,ro {folder}",
                           folder, tmp_path / "documents" / "SafePath")
    assert got["dialogs"] == "1", got
    assert got["marker"] == "Progress is not being saved"
    assert got["reason"].startswith("the save folder cannot be written to")
    assert got["moved"] == "None" and got["after"] == "None"
    moved = Storage(tmp_path / "documents" / "SafePath")
    assert [p.nickname for p in moved.profiles()] == ["Mya"]
    assert moved.scenario_progress(pid, "dream-job").state == {"version": 1, "steps": [7, 7]}
    assert {p.name: p.read_bytes() for p in folder.rglob("*.json")} == before, "nothing on the stick changed"


def test_a_full_disk(tmp_path, saves):
    folder, pid = saves
    disk = tmp_path / "disk"
    disk.mkdir()
    # a 64 KB file system holding a copy of the saves, then filled up to the last byte
    setup = (f"mount -t tmpfs -o size=64k tmpfs {disk} && cp -r {folder}/. {disk}/ && "
             f"(dd if=/dev/zero of={disk}/filler bs=1k count=64 2>/dev/null; true)")
    got = run_in_namespace(tmp_path, setup, disk, tmp_path / "elsewhere")
    assert got["dialogs"] == "1", got
    assert got["marker"] == "Progress is not being saved" and got["reason"] == "the disk is full"
    assert got["moved"] == "None" and got["after"] == "None"
    assert Storage(tmp_path / "elsewhere" / "").scenario_progress(pid, "dream-job").state["steps"] == [7, 7]
