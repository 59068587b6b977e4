"""Traps an NGO author fell into while following docs/authoring.md (issue 16, points 1 to 3).

1. a whole line in quotes becomes narration without a word: now SP087;
2. a text that starts with ``{`` gets a message about indentation: now it says to quote the text;
3. money: one rule everywhere (placeholders), and typed amounts are SP088 with the placeholder in the hint.
"""

from __future__ import annotations

import io
import re
from contextlib import redirect_stdout
from pathlib import Path

from safepath import paths
from safepath.cli import main
from safepath.story.text_traps import find_typed_amounts
from safepath.story.yamlsource import parse_text

ROOT = paths.project_root()
CATALOGUE = ROOT / "tests" / "data" / "valid" / "red_flags.yaml"

STORY = """\
schema_version: 1
id: trap
title: A job offer
summary: Mai gets a job offer.
minutes: 5
content_note: A story about a fake job offer.
sources: [{title: UNODC report, url: "https://www.unodc.org/"}]
characters:
  mai: {name: Mai, role: player}
  aunt: {name: Aunt Ratana, role: family}
teaches: [pay-too-good]
scenes:
  ad:
    kind: chat
    red_flags: [pay-too-good]
    lines:
      - LINE
    choices:
      - text: Ask which company this is
        goto: safe
        spots: [pay-too-good]
  safe:
    kind: ending
    ending: safe
    debrief: Mai asked questions and stayed safe. A hidden trap is never your fault.
"""


def lint(tmp_path: Path, line: str) -> tuple[int, str]:
    path = tmp_path / "trap.yaml"
    path.write_text(STORY.replace("- LINE", line), encoding="utf-8")
    out = io.StringIO()
    with redirect_stdout(out):
        code = main(["lint", str(path), "--catalogue", str(CATALOGUE)])
    return code, out.getvalue()


def test_a_whole_line_in_quotes_is_reported_with_the_way_to_quote_it(tmp_path):
    code, out = lint(tmp_path, '- "aunt: Near the border?"')
    assert code == 0  # a warning: the story still plays
    assert "trap.yaml:17:9: warning SP087" in out
    assert 'hint: to let aunt speak, put only the text in quotes: - aunt: "Near the border?"' in out


def test_the_character_name_counts_as_well_as_the_id(tmp_path):
    _code, out = lint(tmp_path, '- "Aunt Ratana: Near the border?"')
    assert "SP087" in out and "- aunt: " in out


def test_narration_with_a_colon_that_names_nobody_is_fine(tmp_path):
    _code, out = lint(tmp_path, '- "Pay: good. Mai is not sure."')
    assert "SP087" not in out and out.strip().endswith("0 warnings")


def test_a_speaker_line_is_not_narration(tmp_path):
    _code, out = lint(tmp_path, '- aunt: "Near the border: is it far?"')
    assert "SP087" not in out


def test_a_text_starting_with_a_brace_is_told_to_be_quoted(tmp_path):
    code, out = lint(tmp_path, "- aunt: {baht:12000} a month")
    assert code == 1
    assert "trap.yaml:17:15: error SP004" in out
    assert "check the indentation" not in out
    assert """hint: a text that starts with '{' must be put in quotes: - aunt: "{baht:12000} a month\"""" in out


def test_a_lone_placeholder_without_quotes_is_told_to_be_quoted(tmp_path):
    _code, out = lint(tmp_path, "- aunt: {baht:12000}")
    assert "SP020" in out and """must be put in quotes: "{baht:12000}\"""" in out


def test_flow_mappings_are_still_read_as_mappings():
    text = "a:\n  - {nok: x, image: y}   # a comment\n  - mai: {name: Mai, role: player}\n"
    assert parse_text(text, "f.yaml").diagnostics == []


def test_typed_amounts_get_the_placeholder_in_the_hint(tmp_path):
    code, out = lint(tmp_path, "- aunt: The pay is 45,000 baht a month, or ฿1,500 a day.")
    assert code == 0
    assert "trap.yaml:17:26: warning SP088 the amount '45,000 baht'" in out
    assert "write {baht:45000} instead" in out and "45,000 Thai baht" in out
    assert "write {baht:1500} instead" in out


def test_what_counts_as_a_typed_amount():
    assert [p for _o, _w, p in find_typed_amounts("1,300,000 kyats or 500 THB, 12.50 baht")] == [
        "{kyat:1300000}", "{baht:500}", "{baht:12.50}"]
    assert find_typed_amounts("Pay {baht:45000} a month; call 1300; 3 places left") == []


def test_one_rule_for_money_everywhere_an_author_reads():
    """format.md, authoring.md, translating.md, the skeleton of `safepath new` and the SP099 hint."""
    from safepath.commands.new import SKELETON
    from safepath.story.phone_numbers import check_texts
    from safepath.story.helplines import load_helplines
    from safepath.story.model import Pos, Text

    places = {name: (ROOT / "docs" / name).read_text(encoding="utf-8")
              for name in ("format.md", "authoring.md", "translating.md")}
    places["safepath new skeleton"] = SKELETON
    helplines, _ = load_helplines()
    (sp099,) = check_texts([Text("Call 0812345678.", "x", Pos("x.yaml", 1, 1))], helplines)
    places["SP099 hint"] = sp099.hint
    for where, text in places.items():
        assert find_typed_amounts(text) == [], f"{where} writes money as digits and a currency word"
    assert "{baht:500}" in sp099.hint


def test_near_miss_of_a_listed_number_suggests_it_and_does_not_talk_about_money():
    from safepath.story.helplines import load_helplines
    from safepath.story.model import Pos, Text
    from safepath.story.phone_numbers import check_texts

    helplines, _ = load_helplines()
    (d,) = check_texts([Text("Call 1330 now.", "x", Pos("x.yaml", 1, 1))], helplines)
    assert d.code == "SP099" and d.hint.startswith("did you mean 1300")
    assert "baht" not in d.hint and "amount" not in d.hint
    (far,) = check_texts([Text("Call 98765 now.", "x", Pos("x.yaml", 1, 1))], helplines)
    assert "did you mean" not in far.hint


def test_a_repeated_text_is_reported_at_every_place_it_is_written():
    """The checks skip a clean text the story repeats, never a bad one."""
    from safepath.story.helplines import load_helplines
    from safepath.story.model import Pos, Text
    from safepath.story.phone_numbers import check_texts
    from safepath.story.text_traps import typed_amounts

    helplines, _ = load_helplines()
    places = [Pos("x.yaml", line, 1) for line in (3, 9, 27)]
    texts = [Text(t, "x", pos) for pos in places for t in ("Call 98765 now.", "Pay 500 baht.", "Fine.")]
    assert [d.line for d in check_texts(texts, helplines)] == [3, 9, 27]
    assert [(d.code, d.line) for d in typed_amounts(texts)] == [("SP088", 3), ("SP088", 9), ("SP088", 27)]
