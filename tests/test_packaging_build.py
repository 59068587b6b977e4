"""The bundle's build steps that need no PyInstaller run: what goes in, what is cut, the zip (issue 15).

The whole build runs in ``.ci/run`` (``python3 -m safepath.packaging build``) and the
built bundle is tested by ``tests/test_bundle_built.py``.
"""

from __future__ import annotations

import os
import stat
import zipfile

import pytest

from safepath.i18n.formatting import CLDR_LOCALES
from safepath.packaging import build, check


def test_the_build_environment_gets_the_runtime_dependencies_and_pyinstaller_only():
    wanted = [r.split(">")[0].split("=")[0].split("<")[0].strip().lower() for r in build.requirements()]
    assert "pyinstaller" in wanted and "pygame-ce" in wanted and "icu4py" in wanted and "babel" in wanted
    assert not {"numpy", "pytest", "hypothesis", "uharfbuzz", "jsonschema", "pygame"} & set(wanted)


def test_every_module_of_the_package_is_named_for_pyinstaller():
    modules = build.package_modules()
    for name in ("safepath", "safepath.cli", "safepath.scenes.picker", "safepath.scenes.title",
                 "safepath.commands.lint", "safepath.packaging.selftest", "safepath.story.loader"):
        assert name in modules
    assert not [m for m in modules if "__init__" in m or "__pycache__" in m]


def test_the_cldr_data_kept_covers_every_language_of_the_game():
    for locale in CLDR_LOCALES.values():
        assert locale in build.KEPT_LOCALES
        assert locale.split("_")[0] in build.KEPT_LOCALES  # the parent it inherits from
    assert "root" in build.KEPT_LOCALES


def test_prune_removes_other_languages_only(tmp_path):
    data = tmp_path / "_internal" / "babel" / "locale-data"
    data.mkdir(parents=True)
    for name in ("root", "th", "th_TH", "my", "my_MM", "en", "de", "fr_CA"):
        (data / f"{name}.dat").write_bytes(b"x" * 10)
    assert build.prune(tmp_path) == 20
    assert sorted(p.stem for p in data.glob("*.dat")) == sorted(build.KEPT_LOCALES)


@pytest.mark.skipif(not hasattr(os, "symlink") or os.name == "nt", reason="links and executable bits are POSIX")
def test_the_zip_keeps_links_and_executable_bits_and_unpacks_to_the_same_folder(tmp_path):
    folder = tmp_path / "dist" / build.NAME
    (folder / "_internal" / "lib").mkdir(parents=True)
    (folder / "_internal" / "lib" / "libfoo.so.1").write_bytes(b"\x7fELF" + b"0" * 1000)
    os.symlink("lib/libfoo.so.1", folder / "_internal" / "libfoo.so.1")
    program = folder / build.NAME
    program.write_bytes(b"#!/bin/sh\necho hi\n")
    program.chmod(0o755)
    (folder / "README.txt").write_text("hello", encoding="utf-8")
    archive = build.zip_folder(folder, tmp_path / "bundle.zip")
    with zipfile.ZipFile(archive) as zf:
        names = zf.namelist()
        link = zf.getinfo(f"{build.NAME}/_internal/libfoo.so.1")
    assert f"{build.NAME}/README.txt" in names and stat.S_ISLNK(link.external_attr >> 16)
    assert build.folder_size(folder) < 1100, "a link counts as its target's name, not a second copy"
    out = check.unzip(archive, tmp_path / "unpacked")
    assert os.readlink(out / "_internal" / "libfoo.so.1") == "lib/libfoo.so.1"
    assert (out / "_internal" / "libfoo.so.1").read_bytes() == (folder / "_internal" / "lib" / "libfoo.so.1").read_bytes()
    assert os.access(out / build.NAME, os.X_OK) and not os.access(out / "README.txt", os.X_OK)


def test_no_package_index_means_a_loud_failure(tmp_path, monkeypatch, capsys):
    """The real first step with pip cut off from every index: the build stops and says why (CI must not skip it)."""
    monkeypatch.setenv("PIP_CONFIG_FILE", os.devnull)
    monkeypatch.setenv("PIP_NO_INDEX", "1")
    monkeypatch.setenv("PIP_FIND_LINKS", str(tmp_path / "no-wheels"))
    args = type("Args", (), {"out": str(tmp_path / "dist"), "work": str(tmp_path / "work"), "max_zip_mb": 40.0,
                             "no_zip": False})()
    assert build.run(args) == 1
    err = capsys.readouterr().err
    assert "BUILD FAILED: pip could not install the bundle's dependencies" in err and "package index" in err
    assert not (tmp_path / "dist").exists()


def test_empty_environment_for_the_check():
    env = check.empty_environment()
    assert env["SDL_VIDEODRIVER"] == "dummy" and env["SDL_AUDIODRIVER"] == "dummy"
    if os.name != "nt":
        assert set(env) == {"SDL_VIDEODRIVER", "SDL_AUDIODRIVER"}
