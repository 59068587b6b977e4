"""safepath playtest: exhaustive, random and golden checks, on dream-job and generated scenarios."""

from __future__ import annotations

from pathlib import Path

import yaml

from safepath.analysis.generate import layered_spec, to_yaml
from safepath.cli import main
from safepath.commands.playtest import random_runs
from safepath.loader import load_scenario
from safepath.paths import project_root, scenarios_dir

DREAM = str(scenarios_dir() / "dream-job.yaml")
GOLDEN = project_root() / "tests" / "playthroughs"


def test_exhaustive_on_dream_job(capsys):
    assert main(["playtest", DREAM, "--exhaustive"]) == 0
    out = capsys.readouterr().out
    assert "scenes reached: 31 of 31" in out or "scenes reached:" in out
    assert "Paths from start to end:" in out and "stars:" in out and "safety: min" in out
    for scene in load_scenario(DREAM).scenario.scenes.values():
        if scene.is_ending:
            assert f"ending {scene.id} ({scene.ending.value})" in out


def test_exhaustive_on_a_generated_trillion_path_story(tmp_path, capsys):
    path = tmp_path / "gen-40x3x2.yaml"
    spec = layered_spec(40, width=3, choices=2, seed=1)
    path.write_text(to_yaml(spec), encoding="utf-8")
    code = main(["playtest", str(path), "--exhaustive"])
    out = capsys.readouterr().out
    assert f"Paths from start to end: {2**40:,}" in out
    assert code == 0


def test_unreached_scene_reported_with_file_and_line(tmp_path, capsys):
    spec = layered_spec(2, width=1, choices=1, seed=0)
    spec["scenes"]["s1-0"]["choices"] = [{"text": "On", "goto": e} for e in ("end-safe", "end-recovered", "end-trapped")]
    spec["scenes"]["orphan"] = {"lines": ["Nobody."], "next": "end-safe"}
    path = tmp_path / "gen-2x1x1.yaml"
    path.write_text(to_yaml(spec), encoding="utf-8")
    code = main(["playtest", str(path), "--exhaustive"])
    out = capsys.readouterr().out
    line = next(n for n, text in enumerate(path.read_text().splitlines(), 1) if text.startswith("  orphan:"))
    assert f"never reached: scene 'orphan' at {path}:{line}:" in out or f"at {path}:{line + 1}:" in out
    assert code == 1


def test_random_runs_are_reproducible_and_cover_more_when_preferring_unused():
    scenario = load_scenario(DREAM).scenario
    assert random_runs(scenario, 20, seed=5) == random_runs(scenario, 20, seed=5)
    assert random_runs(scenario, 20, seed=5) != random_runs(scenario, 20, seed=6)

    def taken(runs):
        return {(i, s) for run in runs for i, s in enumerate(run)}

    assert len(taken(random_runs(scenario, 15, 1, prefer_unused=True))) >= len(taken(random_runs(scenario, 15, 1)))


def test_random_command_histogram_and_transcript(capsys):
    assert main(["playtest", DREAM, "--random", "50", "--seed", "2", "--transcript", "3"]) == 0
    out = capsys.readouterr().out
    assert "50 random play-throughs of dream-job, seed 2" in out and "Endings:" in out
    assert "--- run 3" in out and "ENDING" in out and "Debrief:" in out
    assert main(["playtest", DREAM, "--random", "50", "--seed", "2"]) == 0
    again = capsys.readouterr().out
    assert again.strip() == out.split("--- run")[0].strip()


def test_shipped_golden_playthroughs_pass_and_cover_every_ending(capsys):
    assert main(["playtest", "--check", str(GOLDEN)]) == 0
    out = capsys.readouterr().out
    kinds = set()
    for f in GOLDEN.glob("dream-job-*.yaml"):
        kinds.add(yaml.safe_load(f.read_text())["expect"]["ending"])
    assert kinds == {"safe", "recovered", "trapped-with-help"}
    assert "0 failed" in out


def test_golden_mismatch_shows_a_readable_diff(tmp_path, capsys):
    data = yaml.safe_load((GOLDEN / "dream-job-safe.yaml").read_text())
    data["scenario"] = DREAM
    data["expect"]["ending"] = "recovered"
    data["expect"]["scores"] = {"safety": 99}
    data["expect"]["lines"].append("A line nobody wrote")
    (tmp_path / "bad.yaml").write_text(yaml.safe_dump(data))
    assert main(["playtest", "--check", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "FAIL" in out and "ending: expected recovered, found safe (end-safe)" in out
    assert "score safety: expected 99, found" in out and "line not found (in order): 'A line nobody wrote'" in out


def test_golden_choice_numbers_and_bad_choices(tmp_path, capsys):
    (tmp_path / "nums.yaml").write_text(yaml.safe_dump(
        {"scenario": DREAM, "choices": [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 99]}))
    assert main(["playtest", "--check", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "is not shown in scene" in out or "left over" in out
    assert "Traceback" not in out


def test_record_writes_a_golden_file_that_passes(tmp_path, capsys):
    out_file = tmp_path / "rec.yaml"
    assert main(["playtest", DREAM, "--record", "2,1,1", "-o", str(out_file)]) == 0
    recorded = yaml.safe_load(out_file.read_text())
    assert len(recorded["choices"]) == 3 and "scene" in recorded["expect"]
    assert main(["playtest", "--check", str(out_file)]) == 0
    capsys.readouterr()
    assert main(["playtest", DREAM, "--record", "9,9"]) == 1
    assert "is not shown in scene" in capsys.readouterr().err


def test_playtest_of_a_broken_file_reports_diagnostics(tmp_path, capsys):
    bad = tmp_path / "broken.yaml"
    bad.write_text("id: [\n")
    assert main(["playtest", str(bad)]) == 1
    assert "cannot playtest" in capsys.readouterr().err
    assert Path(bad).exists()


def test_golden_example_in_the_authoring_guide_passes(tmp_path, capsys):
    import re

    guide = (project_root() / "docs" / "authoring.md").read_text(encoding="utf-8")
    story = re.search(r"<!-- example: night-market\.yaml[^>]*-->\n```yaml\n(.*?)^```$", guide, re.S | re.M).group(1)
    golden = re.search(r"```yaml\n(scenario: content/scenarios/night-market\.yaml\n.*?)^```$", guide, re.S | re.M).group(1)
    (tmp_path / "night-market.yaml").write_text(story, encoding="utf-8")
    (tmp_path / "golden.yaml").write_text(golden.replace("content/scenarios/night-market.yaml", "night-market.yaml"),
                                          encoding="utf-8")
    assert main(["playtest", "--check", str(tmp_path / "golden.yaml")]) == 0, capsys.readouterr().out


def test_stuck_players_are_reported_by_both_modes(tmp_path, capsys):
    spec = layered_spec(2, width=1, choices=1, seed=0)
    spec["scenes"]["s0-0"]["choices"].append({"text": "Mark", "goto": "s1-0", "set": ["marked"]})
    spec["scenes"]["s1-0"]["choices"][0]["if"] = "has(marked)"
    path = tmp_path / "gen-2x1x1.yaml"
    path.write_text(to_yaml(spec), encoding="utf-8")
    assert main(["playtest", str(path), "--exhaustive"]) == 1
    assert "STUCK (no choice available): 1 path, shortest" in capsys.readouterr().out
    assert main(["playtest", str(path), "--random", "30", "--seed", "1"]) == 1
    assert "stuck in s1-0" in capsys.readouterr().out
