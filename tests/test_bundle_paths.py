"""Where the game finds its data and puts saves: from a checkout, and frozen as the one-folder bundle (issue 15)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from safepath import paths
from safepath.saves import savefile
from safepath.saves.storage import Storage, resolve_data_dir


@pytest.fixture
def frozen(tmp_path, monkeypatch):
    """This process dressed as PyInstaller's bundle: ``SafePath/SafePath`` with its data in ``SafePath/_internal``."""
    folder = tmp_path / "SafePath"
    (folder / "_internal").mkdir(parents=True)
    monkeypatch.delenv("SAFEPATH_ROOT", raising=False)
    monkeypatch.delenv("SAFEPATH_APP_DIR", raising=False)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(folder / "_internal"), raising=False)
    monkeypatch.setattr(sys, "executable", str(folder / "SafePath"))
    return folder


def test_checkout_finds_the_folders_beside_the_package():
    assert not paths.is_frozen()
    root = paths.project_root()
    assert (root / "pyproject.toml").is_file() and paths.package_dir() == root / "safepath"
    assert paths.scenarios_dir().is_dir() and paths.fonts_dir().is_dir() and paths.locales_dir().is_dir()
    assert paths.app_dir() == root


def test_frozen_data_comes_from_the_bundle_and_local_files_sit_beside_the_program(frozen):
    assert paths.is_frozen()
    assert paths.project_root() == frozen / "_internal"
    assert paths.scenarios_dir() == frozen / "_internal" / "content" / "scenarios"
    assert paths.fonts_dir() == frozen / "_internal" / "assets" / "fonts"
    assert paths.app_dir() == frozen
    assert paths.local_scenarios_dir() == frozen / "local" / "content" / "scenarios"
    assert paths.local_helplines_file() == frozen / "local" / "content" / "helplines.yaml"
    assert paths.local_locales_dir() == frozen / "local" / "locales"


def test_portable_marker_or_flag_keeps_saves_next_to_the_program(frozen):
    assert resolve_data_dir().name == "SafePath" and resolve_data_dir() != frozen / "userdata"
    assert resolve_data_dir(portable=True) == frozen / "userdata"
    (frozen / paths.PORTABLE_MARKER).write_text("", encoding="utf-8")
    assert paths.is_portable() and resolve_data_dir() == frozen / "userdata"
    assert resolve_data_dir(data_dir=frozen / "elsewhere") == frozen / "elsewhere"  # --data-dir still wins


def test_app_dir_override(tmp_path, monkeypatch):
    monkeypatch.setenv("SAFEPATH_APP_DIR", str(tmp_path))
    assert paths.local_dir() == tmp_path / "local" and paths.portable_data_dir() == tmp_path / "userdata"


def test_a_save_held_open_for_a_moment_is_still_written(tmp_path, monkeypatch):
    """Windows refuses a rename over a file an antivirus scan holds open: the save retries instead of failing."""
    real_replace = savefile.os.replace
    refusals = {"left": 2}

    def busy_then_free(src, dst):
        if refusals["left"]:
            refusals["left"] -= 1
            raise PermissionError(13, "The process cannot access the file because it is being used by another process")
        real_replace(src, dst)

    monkeypatch.setattr(savefile.os, "replace", busy_then_free)
    monkeypatch.setattr(savefile, "REPLACE_RETRY_DELAYS", (0.0, 0.0, 0.0))
    storage = Storage(tmp_path)
    profile = storage.create_profile("Mya", "cat")
    assert not storage.notices
    assert [p.nickname for p in Storage(tmp_path).profiles()] == ["Mya"] and profile.id


def test_a_save_refused_for_good_becomes_a_notice(tmp_path, monkeypatch):
    def always_busy(src, dst):
        raise PermissionError(13, "in use")

    monkeypatch.setattr(savefile.os, "replace", always_busy)
    monkeypatch.setattr(savefile, "REPLACE_RETRY_DELAYS", (0.0, 0.0))
    storage = Storage(tmp_path)
    storage.create_profile("Mya", "cat")
    assert storage.notices and storage.notices[0].message == savefile.NOT_SAVED
    assert not list(Path(tmp_path).glob(".*.tmp")), "no temporary file is left behind"
