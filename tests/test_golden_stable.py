"""Golden files survive a reworded button and say which ending (issue 16, point 6; and 8: the random transcript)."""

from __future__ import annotations

import io
from contextlib import redirect_stderr, redirect_stdout

import yaml

from safepath.cli import main
from safepath.commands.new import skeleton


def run(args):
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(args)
    return code, out.getvalue() + err.getvalue()


def story(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "content" / "scenarios" / "ngo-story.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(skeleton("ngo-story", path), encoding="utf-8")
    return path


def record(tmp_path, numbers: str, name: str = "safe") -> str:
    out = f"tests/playthroughs/{name}.yaml"
    code, said = run(["playtest", "content/scenarios/ngo-story.yaml", "--record", numbers, "-o", out])
    assert code == 0, said
    return out


def test_recorded_choices_are_stable_keys_and_the_ending_is_its_id(tmp_path, monkeypatch):
    story(tmp_path, monkeypatch)
    data = yaml.safe_load((tmp_path / record(tmp_path, "1,2")).read_text(encoding="utf-8"))
    assert data["choices"] == [{"ad": 1}, {"check": 2}]
    assert data["expect"]["ending"] == "safe-end"
    text = (tmp_path / "tests/playthroughs/safe.yaml").read_text(encoding="utf-8")
    assert "- ad: 1  # Ask which company this is and check it" in text  # the button, as a reminder


def test_a_choice_id_is_recorded_when_the_author_gave_one(tmp_path, monkeypatch):
    path = story(tmp_path, monkeypatch)
    path.write_text(path.read_text(encoding="utf-8").replace(
        "      - text: Say yes straight away\n", "      - text: Say yes straight away\n        id: say-yes\n"),
        encoding="utf-8")
    data = yaml.safe_load((tmp_path / record(tmp_path, "2", "trapped")).read_text(encoding="utf-8"))
    assert data["choices"] == [{"ad": "say-yes"}] and data["expect"]["ending"] == "trapped"


def test_rewording_the_buttons_breaks_no_golden_file(tmp_path, monkeypatch):
    path = story(tmp_path, monkeypatch)
    for numbers, name in (("1,1", "a"), ("1,2", "b"), ("2", "c"), ("3,1", "d")):
        record(tmp_path, numbers, name)
    text = path.read_text(encoding="utf-8")
    for old, new in (("Ask which company this is and check it", "Ask for the company's name"),
                     ("Say yes straight away", "Say yes at once"),
                     ("Block Khun Nok and tell a friend about the ad", "Block her and tell a friend")):
        text = text.replace(f"text: {old}", f"text: {new}")
    path.write_text(text, encoding="utf-8")
    code, said = run(["playtest", "--check", "tests/playthroughs/"])
    assert code == 0, said
    assert "4 passed, 0 failed" in said


def test_update_records_again_after_a_deliberate_change_and_shows_it(tmp_path, monkeypatch):
    path = story(tmp_path, monkeypatch)
    golden = tmp_path / record(tmp_path, "1,1")
    path.write_text(path.read_text(encoding="utf-8").replace(
        "        safety: 1                 # change the safety score", "        safety: 2"), encoding="utf-8")
    code, said = run(["playtest", "--check", "tests/playthroughs/"])
    assert code == 1 and "score safety: expected 2, found 3" in said
    code, said = run(["playtest", "--check", "tests/playthroughs/", "--update"])
    assert code == 0
    assert "UPDATED tests/playthroughs/safe.yaml" in said
    assert "-    safety: 2" in said and "+    safety: 3" in said
    assert "1 updated, 0 unchanged, 0 could not be updated" in said
    assert run(["playtest", "--check", str(golden)])[0] == 0


def test_update_keeps_what_the_author_deleted_deleted(tmp_path, monkeypatch):
    story(tmp_path, monkeypatch)
    golden = tmp_path / "tests" / "playthroughs" / "short.yaml"
    golden.parent.mkdir(parents=True)
    golden.write_text("scenario: ../../content/scenarios/ngo-story.yaml\nchoices: [{ad: 1}, {check: 1}]\n"
                      "expect:\n  ending: safe\n  stars: 3\n", encoding="utf-8")
    code, said = run(["playtest", "--check", str(golden), "--update"])
    assert code == 0, said
    data = yaml.safe_load(golden.read_text(encoding="utf-8"))
    assert set(data["expect"]) == {"ending", "stars"} and data["expect"]["ending"] == "safe-end"


def test_old_golden_files_with_choice_texts_still_pass_and_migrate(tmp_path, monkeypatch):
    story(tmp_path, monkeypatch)
    golden = tmp_path / "tests" / "playthroughs" / "old.yaml"
    golden.parent.mkdir(parents=True)
    golden.write_text("scenario: ../../content/scenarios/ngo-story.yaml\nname: old style\nchoices:\n"
                      "  - Ask which company this is and check it\n  - 2\nexpect:\n  ending: safe\n",
                      encoding="utf-8")
    assert run(["playtest", "--check", str(golden)])[0] == 0
    code, said = run(["playtest", "--check", str(golden), "--update"])
    assert code == 0 and "+- ad: 1  # Ask which company this is and check it" in said
    data = yaml.safe_load(golden.read_text(encoding="utf-8"))
    assert data["choices"] == [{"ad": 1}, {"check": 2}] and data["expect"] == {"ending": "safe-end"}
    assert run(["playtest", "--check", str(golden)])[0] == 0


def test_a_stable_choice_in_the_wrong_scene_is_explained(tmp_path, monkeypatch):
    story(tmp_path, monkeypatch)
    golden = tmp_path / "g.yaml"
    golden.write_text("scenario: content/scenarios/ngo-story.yaml\nchoices: [{check: 1}]\nexpect: {ending: safe}\n",
                      encoding="utf-8")
    code, said = run(["playtest", "--check", str(golden)])
    assert code == 1
    assert "choice 1 is for scene 'check', but the story is in scene 'ad' there" in said


def test_a_random_runs_transcript_gives_the_choices_that_replay_it(tmp_path, monkeypatch):
    story(tmp_path, monkeypatch)
    code, said = run(["playtest", "content/scenarios/ngo-story.yaml", "--random", "20", "--seed", "3",
                      "--transcript", "4"])
    header = next(line for line in said.splitlines() if line.startswith("--- run 4"))
    assert "-1" not in header
    numbers = header.split("--choices ")[1]
    replay_code, _played = run(["play", "--text", "content/scenarios/ngo-story.yaml", "--choices", numbers])
    assert replay_code == 0  # the numbers reach an ending
    ending = next(line for line in said.splitlines()[said.splitlines().index(header):] if line.startswith("ENDING"))
    _code, recorded = run(["playtest", "content/scenarios/ngo-story.yaml", "--record", numbers])
    assert yaml.safe_load(recorded)["expect"]["ending"] == ending.split(": ")[1]  # the same run


def test_update_says_why_a_file_cannot_be_recorded_again(tmp_path, monkeypatch):
    path = story(tmp_path, monkeypatch)
    golden = tmp_path / record(tmp_path, "1,2")  # check: 2, the second choice of scene `check`
    before = golden.read_text(encoding="utf-8")
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("      - text: Tell Khun Nok you know the agency is not licensed\n"
                                 "        goto: safe-end\n        if: has(asked_company)    # shown only when the condition holds\n"
                                 "        spots: [unverifiable-company]\n"
                                 "        safety: 1\n", ""), encoding="utf-8")
    code, said = run(["playtest", "--check", str(golden), "--update"])
    assert code == 1
    assert "NOT UPDATED" in said and "record it again with --record" in said
    assert golden.read_text(encoding="utf-8") == before  # left as it was
