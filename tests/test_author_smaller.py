"""The smaller findings of issue 16, point 8 (the near-miss number and the random transcript are tested
in test_author_traps.py and test_golden_stable.py)."""

from __future__ import annotations

import io
import re
from contextlib import redirect_stdout
from pathlib import Path

from safepath.cli import main
from safepath.story.model import Pos, Text

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = ROOT / "tests" / "data" / "valid" / "red_flags.yaml"
STORY = """\
schema_version: 1
id: dup
title: A job offer
summary: Mai gets a job offer.
minutes: 5
content_note: A story about a fake job offer.
sources: [{title: UNODC report, url: "https://www.unodc.org/"}]
characters:
  mai: {name: Mai, role: player}
  nok: {name: Khun Nok, role: recruiter}
teaches: [pay-too-good]
scenes:
  check:
    lines: [Early.]
    next: nowhere
  ad:
    kind: chat
    red_flags: [pay-too-good]
    lines:
      - nok: The pay is good.
    choices:
      - {text: Ask which company this is, goto: safe, spots: [pay-too-good]}
  safe:
    kind: ending
    ending: safe
    debrief: Mai asked questions and stayed safe. A hidden trap is never your fault.
  check:
    lines: [Mai checks.]
    next: safe
  lost:
    lines: [Nobody comes here.]
    next: safe
"""


def lint(*args) -> tuple[int, str]:
    out = io.StringIO()
    with redirect_stdout(out):
        code = main(["lint", *map(str, args)])
    return code, out.getvalue()


def test_a_duplicate_scene_id_is_listed_before_the_problems_it_causes(tmp_path):
    path = tmp_path / "dup.yaml"
    path.write_text(STORY, encoding="utf-8")
    _code, out = lint(path, "--catalogue", CATALOGUE)
    headlines = [line for line in out.splitlines() if re.match(r"^\S+:\d+:\d+: ", line)]
    assert "SP006" in headlines[0] and "SP030" in headlines[1], headlines


def test_strict_fails_on_an_unreachable_scene(tmp_path):
    path = tmp_path / "dup.yaml"
    path.write_text(STORY.replace("  check:\n    lines: [Early.]\n    next: nowhere\n", ""), encoding="utf-8")
    code, out = lint(path, "--catalogue", CATALOGUE)
    assert code == 0 and "warning SP050" in out
    code, out = lint("--strict", path, "--catalogue", CATALOGUE)
    assert code == 1 and "warning SP050" in out


def test_an_untranslated_line_in_thai_play_writes_its_amount_in_english():
    from safepath.i18n.runtime import Translator

    line = Text("Pay: {baht:45000} a month.", "no-such-story/ad/line/0", Pos("x.yaml", 1, 1))
    shown = Translator("th").text(line).replace("\u00a0", " ")
    assert shown == "Pay: 45,000 Thai baht a month."
    assert "บาท" not in shown


def test_a_story_set_in_mae_sot_lists_the_mae_sot_centre_before_other_countries():
    from safepath.story.helplines import for_language, load_helplines, mentioned_in

    helplines, _ = load_helplines()
    story = [Text("Zaw has worked in a garage in Mae Sot for two years.", "x", Pos("x.yaml", 1, 1))]
    for lang in ("en", "th", "my"):
        order = [h.id for h in for_language(helplines, lang, mentioned=mentioned_in(helplines, story))]
        # first: what is there and answers in the player's language (the centre has Burmese speakers)
        assert order[0] == {"my": "th-mwrc-mae-sot", "en": "th-1694", "th": "th-1300"}[lang], (lang, order)
        assert order.index("th-mwrc-mae-sot") < order.index("mm-mwrc-yangon")
        assert order.index("kh-117") > order.index("th-1300") and order.index("ph-1343") > order.index("th-1300")


def test_the_terminal_help_card_follows_the_story(tmp_path, monkeypatch):
    from safepath.commands.new import skeleton

    path = tmp_path / "content" / "scenarios" / "mae-sot.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(skeleton("mae-sot", path).replace("Mai reads the message twice.",
                                                      "Mai reads the message twice in her room in Mae Sot."),
                    encoding="utf-8")
    out = io.StringIO()
    with redirect_stdout(out):
        main(["play", "--text", str(path), "--choices", "1,2"])
    card = [line.strip() for line in out.getvalue().split("Help is there:")[1].strip().splitlines()]
    names = [line for line in card if not line.startswith(("Information", "Questions", "Help", "Check", "Report", "The same"))]
    # English play: 1694 answers in English in Thailand; the centre of the town the story is set in is listed,
    # and nothing of a country the story does not go to
    assert names[0] == "1694: Department of Employment, hotline 1694", card
    assert "Migrant Worker Resource Centre, Mae Sot" in names, card
    assert not any("Cambodia" in line or "Philippines" in line for line in names), card


def test_the_map_marks_trusted_safe_and_false_alarm_choices():
    from safepath.authoring.mapview import edges, to_mermaid
    from safepath.story.loader import load_scenario

    text = (ROOT / "docs" / "authoring.md").read_text(encoding="utf-8")
    example = re.search(r"<!-- example: night-market\.yaml[^>]*-->\n```yaml\n(.*?)^```$", text, re.S | re.M).group(1)
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "night-market.yaml"
        path.write_text(example, encoding="utf-8")
        scenario = load_scenario(path).scenario
    marked = {e.label: e.full_label() for e in edges(scenario)}
    assert "✓ trusts a safe offer" in marked["Ask Dad and the other sellers abo…"]
    assert "✗ false alarm: refuses a safe offer" in marked["Say no. After Khun Nok, every off…"]
    mermaid = to_mermaid(scenario)
    assert "trusts a safe offer" in mermaid and "false alarm" in mermaid


def test_new_in_an_authors_scenario_folder_writes_there(tmp_path, monkeypatch):
    folder = tmp_path / "ngo" / "content" / "scenarios"
    folder.mkdir(parents=True)
    monkeypatch.chdir(folder)
    with redirect_stdout(io.StringIO()):
        assert main(["new", "scenario", "second"]) == 0
    assert (folder / "second.yaml").is_file() and not (folder / "content").exists()
