"""Run a built bundle's self-test with an empty environment: ``python3 -m safepath.packaging check``.

The same as ``env -i SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy dist/SafePath/SafePath --selftest``
on Linux (what ``.ci/run`` does), written in Python so the Windows recipe runs it too.
An empty environment proves the bundle brings everything itself: no ``PYTHONPATH``,
no ``PATH`` to a Python, no ``LANG``. Windows cannot start a program without
``SYSTEMROOT``, and Python needs a temporary folder, so those few are kept there.

With ``--zip`` the zip is unpacked first (links kept, as desktop archive tools keep
them) and the unpacked copy is tested: that is what an NGO gets.
"""

from __future__ import annotations

import argparse
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from safepath.packaging.build import NAME, executable_name

#: what Windows itself needs to start a program and give it a temporary folder
WINDOWS_KEPT = ("SYSTEMROOT", "SYSTEMDRIVE", "TEMP", "TMP", "USERPROFILE", "LOCALAPPDATA", "APPDATA")


def empty_environment() -> dict[str, str]:
    env = {"SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}
    if os.name == "nt":
        env.update({k: os.environ[k] for k in WINDOWS_KEPT if k in os.environ})
    return env


def unzip(archive: Path, into: Path) -> Path:
    """Unpack ``archive`` into ``into``, restoring executable bits and symbolic links; the bundle folder."""
    with zipfile.ZipFile(archive) as zf:
        for info in zf.infolist():
            target = into / info.filename
            mode = info.external_attr >> 16
            if info.is_dir():
                target.mkdir(parents=True, exist_ok=True)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            if stat.S_ISLNK(mode) and hasattr(os, "symlink"):
                os.symlink(zf.read(info).decode("utf-8"), target)
                continue
            with zf.open(info) as src, open(target, "wb") as dst:
                shutil.copyfileobj(src, dst)
            if mode & 0o111:
                target.chmod(target.stat().st_mode | 0o755)
    return into / NAME


def run_selftest(folder: Path, log: Path | None = None, timeout: float = 300) -> int:
    program = folder / executable_name()
    command = [str(program), "--selftest"] + (["--selftest-log", str(log)] if log else [])
    print(f"$ (empty environment) {' '.join(command)}", flush=True)
    done = subprocess.run(command, env=empty_environment(), cwd=folder, timeout=timeout, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, encoding="utf-8", errors="replace")
    print(done.stdout, end="", flush=True)
    if "selftest:" not in done.stdout and log is not None and log.is_file():
        print(log.read_text(encoding="utf-8"), end="", flush=True)  # a windowed program may have no stdout
    return done.returncode


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--bundle", default=str(Path("dist") / NAME), help="the bundle folder (default: dist/SafePath)")
    parser.add_argument("--zip", help="unpack this zip and test the unpacked copy instead")


def run(args: argparse.Namespace) -> int:
    with tempfile.TemporaryDirectory(prefix="safepath-check-") as tmp:
        folder = unzip(Path(args.zip), Path(tmp)) if args.zip else Path(args.bundle)
        if not (folder / executable_name()).is_file():
            print(f"no bundle at {folder} (build it: python3 -m safepath.packaging build)", file=sys.stderr)
            return 1
        log = Path(tmp) / "selftest.txt" if os.name == "nt" else None
        return run_selftest(folder.resolve(), log)
