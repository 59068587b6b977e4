"""safepath new scenario: a commented skeleton that loads, lints clean and plays to both endings."""

from __future__ import annotations

import json

import jsonschema
import yaml

from safepath.authoring.analysis import lint_graph
from safepath.authoring.analysis.coverage import exhaustive
from safepath.cli import main
from safepath.story.loader import load_scenario
from safepath.paths import project_root


def test_skeleton_is_lint_clean_and_fully_covered(tmp_path, capsys):
    assert main(["new", "scenario", "my-story", "--dir", str(tmp_path)]) == 0
    path = tmp_path / "my-story.yaml"
    assert "created" in capsys.readouterr().out
    loaded = load_scenario(path)
    assert loaded.diagnostics == [] and loaded.scenario is not None
    assert lint_graph(loaded.scenario) == []
    report = exhaustive(loaded.scenario)
    assert not report.unreached_scenes and not report.unreached_choices and not report.always_shown
    assert {s.kind.value for s in report.paths.endings.values()} == {"safe", "recovered"}
    assert main(["lint", str(path)]) == 0


def test_skeleton_explains_its_keys_and_matches_the_schema(tmp_path):
    assert main(["new", "scenario", "explained", "--dir", str(tmp_path)]) == 0
    text = (tmp_path / "explained.yaml").read_text(encoding="utf-8")
    for key in ("schema_version", "id", "title", "characters", "teaches", "scenes", "choices", "goto", "spots",
                "misses", "if", "ending", "debrief"):
        line = next(li for li in text.splitlines() if li.strip().startswith(f"{key}:") or f" {key}:" in li)
        assert "#" in line or key == "goto", line  # goto is explained on its choice line
    assert text.splitlines()[0].startswith("# yaml-language-server: $schema=")
    schema = json.loads((project_root() / "docs" / "scenario.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(yaml.safe_load(text), schema)


def test_new_refuses_bad_names_and_existing_files(tmp_path, capsys):
    assert main(["new", "scenario", "My Story", "--dir", str(tmp_path)]) == 2
    assert "cannot be a scenario id" in capsys.readouterr().err
    assert main(["new", "scenario", "twice", "--dir", str(tmp_path)]) == 0
    (tmp_path / "twice.yaml").write_text("# my work\n", encoding="utf-8")
    assert main(["new", "scenario", "twice", "--dir", str(tmp_path)]) == 1
    assert "already exists" in capsys.readouterr().err
    assert (tmp_path / "twice.yaml").read_text(encoding="utf-8") == "# my work\n"
    assert main(["new", "scenario", "twice", "--dir", str(tmp_path), "--force"]) == 0


def test_new_writes_into_the_authors_own_content_folder(tmp_path, monkeypatch, capsys):
    (tmp_path / "content" / "scenarios").mkdir(parents=True)
    monkeypatch.chdir(tmp_path)
    assert main(["new", "scenario", "night-market"]) == 0
    assert (tmp_path / "content" / "scenarios" / "night-market.yaml").is_file()
    assert not (project_root() / "content" / "scenarios" / "night-market.yaml").exists()
    out = capsys.readouterr().out
    assert out.startswith("created content/scenarios/night-market.yaml\n")
    assert str((tmp_path / "content" / "scenarios" / "night-market.yaml").resolve()) in out and "is new" not in out


def test_new_in_an_empty_folder_creates_content_scenarios_there_not_in_the_game(tmp_path, monkeypatch, capsys):
    """Run from a folder without content/: the story goes into ./content/scenarios, never into the installed game."""
    before = sorted(p.name for p in (project_root() / "content" / "scenarios").iterdir())
    monkeypatch.chdir(tmp_path)
    assert main(["new", "scenario", "ngo-story"]) == 0
    made = tmp_path / "content" / "scenarios" / "ngo-story.yaml"
    assert made.is_file()
    assert sorted(p.name for p in (project_root() / "content" / "scenarios").iterdir()) == before
    out = capsys.readouterr().out
    assert "created content/scenarios/ngo-story.yaml" in out and "the folder content/scenarios is new" in out
    assert str(made.resolve()) in out
    assert main(["lint", str(made)]) == 0  # lint finds the game's red-flag catalogue from anywhere


def test_new_inside_a_scenarios_folder_writes_there(tmp_path, monkeypatch):
    folder = tmp_path / "content" / "scenarios"
    folder.mkdir(parents=True)
    (tmp_path / "content" / "red_flags.yaml").write_text("schema_version: 1\n", encoding="utf-8")
    monkeypatch.chdir(folder)
    assert main(["new", "scenario", "here"]) == 0
    assert (folder / "here.yaml").is_file() and not (folder / "content").exists()
