"""The built one-folder bundle itself (issue 15); run by ``.ci/run`` after the build, with ``SAFEPATH_BUNDLE``.

``SAFEPATH_BUNDLE=dist/SafePath python3 -m pytest tests/test_bundle_built.py`` once
``python3 -m safepath.packaging build`` has made it; without a bundle these tests skip
and say so. Each runs the bundle's own program with an empty environment (only SDL's
dummy drivers), as on a laptop that has never seen Python.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from safepath.packaging.build import DEFAULT_MAX_ZIP_MB, KEPT_LOCALES, executable_name, platform_tag, sha256
from safepath.packaging.check import empty_environment, unzip
from test_local_content import EXTRA_ID, add_good_local_files, add_local_stories

BUNDLE = Path(os.environ["SAFEPATH_BUNDLE"]).resolve() if os.environ.get("SAFEPATH_BUNDLE") else None
pytestmark = pytest.mark.skipif(BUNDLE is None or not (BUNDLE / executable_name()).is_file(),
                                reason="no built bundle: build it (python3 -m safepath.packaging build) "
                                       "and set SAFEPATH_BUNDLE=dist/SafePath")


def run(folder: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(folder / executable_name()), *args], capture_output=True, text=True, timeout=300,
                          env={**empty_environment(), **env}, cwd=folder)


def the_zip() -> Path:
    found = sorted(BUNDLE.parent.glob(f"SafePath-*-{platform_tag()}.zip"))
    assert found, f"no zip beside {BUNDLE}"
    return found[-1]


@pytest.fixture(scope="module")
def copy_with_local_files(tmp_path_factory) -> Path:
    """The zip as an NGO gets it, unpacked, with an extra story, a broken story and the portable marker beside it."""
    folder = unzip(the_zip(), tmp_path_factory.mktemp("unzipped"))
    add_local_stories(folder)
    (folder / "portable.txt").write_text("", encoding="utf-8")
    return folder


def test_the_bundle_holds_compiled_catalogs_and_nothing_it_does_not_need():
    data = BUNDLE / "_internal"
    assert len(list(data.glob("locales/*/LC_MESSAGES/*.mo"))) == 6 and not list(data.glob("locales/**/*.po"))
    assert (data / "assets" / "fonts" / "NotoSansMyanmar-Regular.ttf").is_file()
    assert not (data / "numpy").exists() and not list(data.glob("numpy*"))
    assert sorted(p.stem for p in data.glob("babel/locale-data/*.dat")) == sorted(KEPT_LOCALES)
    assert (BUNDLE / "README.txt").is_file() and (BUNDLE / "local" / "README.txt").is_file()


def test_the_zip_is_within_budget_and_matches_its_checksum():
    archive = the_zip()
    assert archive.stat().st_size < DEFAULT_MAX_ZIP_MB * 1e6
    listed = (archive.parent / "SHA256SUMS").read_text(encoding="utf-8").split()
    assert listed == [sha256(archive), archive.name]


def test_an_extra_story_next_to_the_bundle_is_played_and_a_broken_one_does_not_stop_it(copy_with_local_files):
    log = copy_with_local_files.parent / "selftest.txt"  # a windowed Windows program may have no stdout
    done = run(copy_with_local_files, "--selftest", "--selftest-log", str(log))
    lines = log.read_text(encoding="utf-8").splitlines()
    assert done.returncode == 1, done.stdout + done.stderr  # the broken story is a problem the self-test reports
    local = next(line for line in lines if " local content:" in line)
    assert local.startswith("FAIL") and "broken-story.yaml:4" in local
    played = next(line for line in lines if " play to an ending:" in line)
    assert played.startswith("ok") and f"{EXTRA_ID} -> " in played and "dream-job -> " in played
    assert all(line.startswith("ok") for line in lines[:-1] if " local content:" not in line), done.stdout
    where = next(line for line in lines if " where:" in line)
    assert f"saves go to {copy_with_local_files / 'userdata'} (portable)" in where


def test_an_ngos_story_translation_and_helpline_next_to_the_bundle_pass_the_selftest(tmp_path):
    folder = unzip(the_zip(), tmp_path)
    add_local_stories(folder)
    (folder / "local" / "content" / "scenarios" / "broken-story.yaml").unlink()
    add_good_local_files(folder)
    log = tmp_path / "selftest.txt"
    done = run(folder, "--selftest", "--selftest-log", str(log))
    lines = log.read_text(encoding="utf-8").splitlines()
    assert done.returncode == 0, "\n".join(lines)
    local = next(line for line in lines if " local content:" in line)
    assert "1 local story loaded" in local and "1 local translation file used" in local
    assert f"{EXTRA_ID} -> " in next(line for line in lines if " play to an ending:" in line)


def test_the_game_itself_starts_with_the_broken_story_beside_it(copy_with_local_files):
    done = run(copy_with_local_files, "--lang", "my", "--windowed", SAFEPATH_STARTUP_PROBE="1")
    assert done.returncode == 0 and done.stdout.strip() == "ready", done.stdout + done.stderr
