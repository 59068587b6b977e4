"""`playtest --check --update` keeps a golden file's expected lines whole.

A colleague reworded one line of office-photos and ran `--update`: the golden file lost eight of its fifteen
lines, because the reworded line was matched to a similar line near the end of the play-through and every
expected line in between was dropped. These tests change a copy of a story, update a copy of its golden file
and check that every expected line still in the transcript is kept, that a reworded line is matched to the
line in its place, and that the update says, with file:line, what it replaced or dropped.
"""

from __future__ import annotations

import io
import shutil
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import yaml

from safepath.authoring.golden_lines import align_lines
from safepath.cli import main
from safepath.commands.new import skeleton

ROOT = Path(__file__).resolve().parent.parent
OLD_LINE = "Nok and her mother take the bus to Bangkok. The office is where Khun Pim said."


def run(args):
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(args)
    return code, out.getvalue() + err.getvalue()


def office_photos_copy(tmp_path, monkeypatch, new_line: str) -> Path:
    """A copy of office-photos with one narration line rewritten, and a copy of one of its golden files."""
    monkeypatch.chdir(tmp_path)
    story = tmp_path / "content" / "scenarios" / "office-photos.yaml"
    story.parent.mkdir(parents=True)
    text = (ROOT / "content" / "scenarios" / "office-photos.yaml").read_text(encoding="utf-8")
    assert text.count(OLD_LINE) == 1
    story.write_text(text.replace(OLD_LINE, new_line), encoding="utf-8")
    golden = tmp_path / "tests" / "playthroughs" / "office-photos-bangkok-checked.yaml"
    golden.parent.mkdir(parents=True)
    shutil.copy(ROOT / "tests" / "playthroughs" / golden.name, golden)
    return golden


def expected_lines(golden: Path) -> list[str]:
    return yaml.safe_load(golden.read_text(encoding="utf-8"))["expect"]["lines"]


def test_a_rewritten_line_costs_the_golden_file_no_other_line(tmp_path, monkeypatch):
    golden = office_photos_copy(tmp_path, monkeypatch, "Mum comes too. The agency is on the third floor of a busy street.")
    before = expected_lines(golden)
    gone = next(line for line in before if OLD_LINE.startswith(line))
    assert run(["playtest", "--check", str(golden)])[0] == 1  # the story changed
    code, said = run(["playtest", "--check", str(golden), "--update"])
    assert code == 0, said
    after = expected_lines(golden)
    assert after == [line for line in before if line != gone], said  # the 14 others are all still expected
    assert run(["playtest", "--check", str(golden)])[0] == 0
    number = before.index(gone) + 1
    shipped = (ROOT / "tests" / "playthroughs" / golden.name).read_text(encoding="utf-8").splitlines()
    was_at = shipped.index(f"  - {gone}") + 1
    assert f"tests/playthroughs/office-photos-bangkok-checked.yaml:{was_at}: expected line {number} dropped" in said


def test_a_reworded_line_is_replaced_by_the_line_in_its_place(tmp_path, monkeypatch):
    new_line = "In the city, Nok and her mother find the office at once. It is where Khun Pim said."
    golden = office_photos_copy(tmp_path, monkeypatch, new_line)
    before = expected_lines(golden)
    code, said = run(["playtest", "--check", str(golden), "--update"])
    assert code == 0, said
    after = expected_lines(golden)
    assert len(after) == len(before)
    assert [a for a, b in zip(after, before) if a != b] == [new_line[:len(after[4])]]
    assert new_line.startswith(after[4])
    assert run(["playtest", "--check", str(golden)])[0] == 0
    at = golden.read_text(encoding="utf-8").splitlines().index(f"  - {after[4]}") + 1
    assert f"office-photos-bangkok-checked.yaml:{at}: expected line 5 reworded in the story" in said


def test_a_changed_line_is_not_matched_to_a_like_line_further_on(tmp_path, monkeypatch):
    """The skeleton story with a line at the ending much like the old `check` line: the reworded `check`
    line must still be taken, not the ending's, and the line the author added between them is kept."""
    monkeypatch.chdir(tmp_path)
    story = tmp_path / "content" / "scenarios" / "ngo-story.yaml"
    story.parent.mkdir(parents=True)
    story.write_text(skeleton("ngo-story", story), encoding="utf-8")
    golden = tmp_path / "tests" / "playthroughs" / "safe.yaml"
    code, said = run(["playtest", "content/scenarios/ngo-story.yaml", "--record", "1,2", "-o", str(golden)])
    assert code == 0, said
    data = yaml.safe_load(golden.read_text(encoding="utf-8"))
    old = "Mai calls 1506 and presses 2. The agency is not on the list of"
    assert data["expect"]["lines"][1] == old
    data["expect"]["lines"].insert(2, "> Block Khun Nok and tell a friend")  # the author's own choice of line
    golden.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    text = story.read_text(encoding="utf-8")
    text = text.replace("      - Mai calls 1506 and presses 2. The agency is not on the list of licensed agencies.",
                        "      - Mai phones 1506 and asks about the agency. It has no licence.")
    text = text.replace("    ending: safe                  # safe, recovered or trapped-with-help\n",
                        "    ending: safe\n    lines:\n"
                        "      - Mai calls 1506 and presses 2 again. The agency is not on the list of jobs.\n")
    story.write_text(text, encoding="utf-8")
    code, said = run(["playtest", "--check", str(golden), "--update"])
    assert code == 0, said
    lines = expected_lines(golden)
    assert lines[1] == "Mai phones 1506 and asks about the agency. It has no licence.", said
    assert lines[2] == "> Block Khun Nok and tell a friend"
    assert lines[-1] == "ENDING safe: safe-end"
    assert run(["playtest", "--check", str(golden)])[0] == 0


def test_an_expected_line_out_of_order_is_dropped_and_said_to_be_still_there():
    transcript = ["== a (chat)", "Bee: second", "Bee: first", "ENDING safe: end"]
    aligned = align_lines(["first", "second", "ENDING safe: end"], transcript)
    assert [m.index for m in aligned] == [2, None, 3]
    assert aligned[1].still_in_transcript and not aligned[1].reworded


def test_lines_still_there_count_before_any_near_match():
    """Greedy matching took "the old line" at the end and lost both lines after it; the alignment keeps
    the two lines that are still there, in order, and drops the one that no longer fits."""
    transcript = ["x one", "keep me", "x two", "the old line, reworded"]
    aligned = align_lines(["the old line", "keep me", "the old line"], transcript)
    assert [m.index for m in aligned] == [None, 1, 3]
    assert [m.text for m in aligned[1:]] == ["keep me", "the old line"]
