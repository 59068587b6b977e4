"""safepath new scenario: a commented skeleton that loads, lints clean and plays to both endings."""

from __future__ import annotations

import json

import jsonschema
import yaml

from safepath.analysis import lint_graph
from safepath.analysis.coverage import exhaustive
from safepath.cli import main
from safepath.loader import load_scenario
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
        assert "#" in line or key in ("goto", "misses", "ending", "debrief", "if", "spots", "title"), line
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
    assert "created content/scenarios/night-market.yaml" in capsys.readouterr().out
