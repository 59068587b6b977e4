"""``safepath --selftest`` from the installed package: every check passes here, and a broken copy fails loudly."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from safepath import paths
from safepath.packaging import selftest

ROOT = paths.project_root()


def _run(env_extra: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SAFEPATH_")}
    env.update(SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", **env_extra)
    return subprocess.run([sys.executable, "-m", "safepath", "--selftest", *args], capture_output=True, text=True,
                          env=env, cwd=ROOT, timeout=300)


def test_every_check_passes_one_line_each_and_exit_0(tmp_path):
    done = _run({"SAFEPATH_APP_DIR": str(tmp_path)}, "--selftest-log", str(tmp_path / "log.txt"),
                "--selftest-shots", str(tmp_path / "shots"))
    lines = done.stdout.splitlines()
    assert done.returncode == 0, done.stdout + done.stderr
    assert [line.split(":")[0] for line in lines[:-1]] == [f"ok   {name}" for name, _ in selftest.CHECKS]
    assert lines[-1] == f"selftest: {len(selftest.CHECKS)} passed, 0 failed"
    assert (tmp_path / "log.txt").read_text(encoding="utf-8").splitlines() == lines
    shots = sorted(p.name for p in (tmp_path / "shots").glob("*.png"))
    assert "my-title.png" in shots and any(name.endswith("-debrief.png") and "played" in name for name in shots)
    assert not (tmp_path / "local").exists(), "the self-test writes nothing next to the game"


def test_a_copy_with_a_missing_font_and_catalog_fails_and_says_which(tmp_path):
    root = tmp_path / "copy"
    for folder in ("content", "assets", "locales"):
        shutil.copytree(ROOT / folder, root / folder)
    (root / "assets" / "fonts" / "NotoSansMyanmar-Regular.ttf").unlink()
    (root / "locales" / "my" / "LC_MESSAGES" / "content.po").unlink()
    done = _run({"SAFEPATH_ROOT": str(root), "SAFEPATH_APP_DIR": str(tmp_path)})
    assert done.returncode == 1
    failed = [line for line in done.stdout.splitlines() if line.startswith("FAIL")]
    assert any(line.startswith("FAIL catalogs:") and "my/LC_MESSAGES/content.po" in line for line in failed)
    assert any(line.startswith("FAIL fonts and shaping:") and "NotoSansMyanmar-Regular.ttf" in line for line in failed)
    assert done.stdout.splitlines()[-1].endswith(f"{len(selftest.CHECKS) - len(failed)} passed, {len(failed)} failed")
    assert "Traceback" not in done.stdout + done.stderr


def test_the_shaping_check_fails_when_fonts_are_not_shaped(monkeypatch):
    """A font made without set_script draws Burmese like an unshaped one: the check must notice."""
    import pygame
    import pytest

    from safepath.scenes import selftest as drawing
    from safepath.ui import fonts

    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    pygame.font.init()
    book = fonts.FontBook()
    monkeypatch.setattr(fonts, "default_book", lambda: book)
    monkeypatch.setattr(book, "get", lambda script, size, bold=False: pygame.font.Font(str(book.path(script, bold)), size))
    with pytest.raises(drawing.SelfTestFailure, match="without shaping"):
        drawing.fonts_and_shaping()
