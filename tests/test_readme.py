"""The README is the front door for three users: player, trainer, author (issue 16, point 9)."""

from __future__ import annotations

import re
import tomllib

import yaml

from safepath import paths

ROOT = paths.project_root()
README = (ROOT / "README.md").read_text(encoding="utf-8")
INSTALL = "    python3 -m pip install -e . && safepath"
TESTS = "    python3 -m pip install -e '.[test]' && SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy python3 -m pytest"


def test_the_two_commands_come_first_verbatim_and_the_venv_advice_before_them():
    lines = README.splitlines()
    assert INSTALL in lines and TESTS in lines
    first_command = next(i for i, line in enumerate(lines) if line.startswith("    "))
    assert lines[first_command] == INSTALL and lines.index(TESTS) > first_command
    venv = next(i for i, line in enumerate(lines) if "venv" in line)
    assert venv < first_command


def test_windows_forms_of_the_commands():
    assert "    py -m pip install -e .\n    safepath\n" in README  # no `&&`: Windows PowerShell 5 has none
    assert "py -m venv .venv" in README and r".venv\Scripts\activate" in README
    assert '$env:SDL_VIDEODRIVER="dummy"' in README


def test_a_section_for_each_user_and_what_ships_and_what_is_kept():
    headings = re.findall(r"^## (.+)$", README, re.M)
    for wanted in ("What ships", "For players", "For trainers", "For authors", "What data is kept"):
        assert wanted in headings, wanted
    assert "drafts" in README and "native speakers" in README
    assert "No nickname" in README and "results.json" in README


def test_what_ships_is_what_ships():
    for story in sorted((ROOT / "content" / "scenarios").glob("*.yaml")):
        data = yaml.safe_load(story.read_text(encoding="utf-8"))
        assert f"*{data['title']}* (about {data['minutes']} minutes" in README, story.name
    flags = yaml.safe_load((ROOT / "content" / "red_flags.yaml").read_text(encoding="utf-8"))["red_flags"]
    words = {13: "Thirteen", 14: "Fourteen", 15: "Fifteen", 16: "Sixteen", 12: "Twelve"}
    assert f"**{words.get(len(flags), len(flags))} red flags**" in README


def test_the_authors_commands_are_in_the_table():
    for command in ("safepath new scenario", "safepath playtest", "--exhaustive", "--record", "--update",
                    "safepath graph", "safepath export-script", "safepath screenshots", "--content",
                    "safepath --author", "safepath i18n update", "safepath lint"):
        assert command in README, command


def test_the_readme_points_into_docs_and_stays_short():
    for link in re.findall(r"`((?:docs/)?[\w./-]+\.md)`", README):
        assert (ROOT / link).is_file(), link
    assert len(README.splitlines()) < 130


def test_licence_gitignore_and_screenshots():
    licence = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert licence.startswith("MIT License") and "Copyright (c) 2026 SafePath contributors" in licence
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["license"] == {"text": "MIT"}
    assert ".venv/" in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
    images = re.findall(r"!\[[^\]]+\]\(([^)]+\.png)\)", README)
    assert len(images) >= 2
    for image in images:
        data = (ROOT / image).read_bytes()
        assert data.startswith(b"\x89PNG") and len(data) < 150_000, image
