"""Lines and debrief parts with `if:`: loading, what the engine shows, what lint says about them."""

from __future__ import annotations

import textwrap

from safepath.authoring.analysis import lint_graph
from safepath.authoring.playthrough import play
from safepath.play import engine, scoring
from safepath.play.story import Story
from safepath.story.loader import load_scenario

STORY = """\
schema_version: 1
id: talk
title: A job offer
summary: Mai gets a job offer.
minutes: 5
content_note: A story about a fake job offer.
sources: [{title: UNODC report, url: "https://www.unodc.org/"}]
characters:
  mai: {name: Mai, role: player}
  nok: {name: Khun Nok, role: recruiter}
  mum: {name: Mum, role: family}
teaches: [pay-too-good, private-chat]
scenes:
  ad:
    red_flags: [pay-too-good]
    lines: [{nok: "The pay is 45,000 baht a month!"}]
    choices:
      - {text: Move to Telegram, goto: telegram, misses: [private-chat]}
      - {text: Show Mum, goto: mum}
      - {text: Ask why the pay is so high, goto: mum, spots: [pay-too-good]}
  telegram:
    red_flags: [private-chat]
    lines: [{nok: "Good. Do not tell anyone."}]
    next: mum
  mum:
    lines:
      - {mum: "Show me the job.", id: ask}
      - {mum: "And they asked you to move to Telegram?", if: visited(telegram)}
      - {speaker: mum, text: "A big salary for no experience.", if: not spotted(pay-too-good)}
    choices:
      - {text: Say no, goto: home, spots: [pay-too-good]}
  home:
    kind: ending
    ending: safe
    debrief:
      - Mai stayed home. It is never your fault when someone lies to you.
      - text: The talk moved to a private app, where nobody stands behind the words.
        if: met(private-chat)
        id: private
"""


def load(tmp_path, text=STORY, name="talk"):
    path = tmp_path / f"{name}.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    result = load_scenario(path, catalogue="tests/data/valid/red_flags.yaml")
    assert result.scenario is not None, [d.headline() for d in result.diagnostics]
    return result.scenario


def test_conditions_load_on_every_line_form_and_on_debrief_parts(tmp_path):
    sc = load(tmp_path)
    lines = sc.scenes["mum"].lines
    assert [line.condition_source for line in lines] == ["", "visited(telegram)", "not spotted(pay-too-good)"]
    assert lines[1].speaker == "mum" and lines[2].speaker == "mum"
    parts = sc.scenes["home"].debrief
    assert [p.condition_source for p in parts] == ["", "met(private-chat)"]
    assert [p.text.context for p in parts] == ["talk/home/debrief/0", "talk/home/debrief/private"]
    assert "shown only when met(private-chat)" in parts[1].text.comment


def test_lines_are_shown_only_when_their_condition_holds(tmp_path):
    sc = load(tmp_path)
    direct = Story(sc)
    direct.choose(1)  # show Mum straight away
    assert [line.text.text for line in direct.lines] == ["Show me the job.", "A big salary for no experience."]
    via_telegram = Story(sc)
    via_telegram.choose(0)
    via_telegram.advance()
    assert "And they asked you to move to Telegram?" in [line.text.text for line in via_telegram.lines]
    asked = Story(sc)
    asked.choose(2)
    assert [line.text.text for line in asked.lines] == ["Show me the job."]
    # the transcript (golden files, play --text) shows what the screen shows
    _, transcript = play(sc, [1])
    assert not any("Telegram?" in line for line in transcript)


def test_debrief_parts_follow_the_path(tmp_path):
    sc = load(tmp_path)
    short = scoring.result(sc, engine.replay(sc, [1, 0]))
    assert [t.text for t in short.debrief] == ["Mai stayed home. It is never your fault when someone lies to you."]
    long = scoring.result(sc, engine.replay(sc, [0, engine.CONTINUE, 0]))
    assert len(long.debrief) == 2
    assert scoring.result(sc, engine.start(sc)).debrief == ()  # not ended: no debrief


def test_one_text_debrief_keeps_its_translation_context(tmp_path):
    text = STORY.replace("""    debrief:
      - Mai stayed home. It is never your fault when someone lies to you.
      - text: The talk moved to a private app, where nobody stands behind the words.
        if: met(private-chat)
        id: private
""", "    debrief: Mai stayed home. It is never your fault when someone lies to you.\n")
    sc = load(tmp_path, text)
    (part,) = sc.scenes["home"].debrief
    assert part.text.context == "talk/home/debrief" and part.condition is None


def test_lint_warns_about_text_conditions_that_never_or_always_hold(tmp_path):
    text = STORY.replace("if: visited(telegram)", "if: visited(home)").replace(
        "if: not spotted(pay-too-good)", "if: visited(ad)")
    sc = load(tmp_path, text)
    found = {(d.code, d.line) for d in lint_graph(sc)}
    lines = sc.scenes["mum"].lines
    assert ("SP059", lines[1].pos.line) in found  # home comes after: never true here
    assert ("SP060", lines[2].pos.line) in found  # every path starts in ad: always true
    assert not [d for d in lint_graph(load(tmp_path)) if d.code in ("SP059", "SP060")]


def test_debrief_part_conditions_are_judged_at_the_end(tmp_path):
    text = STORY.replace("if: met(private-chat)", "if: missed(pay-too-good)")
    sc = load(tmp_path, text)
    # every path spots pay-too-good at Mum's: the part can never be shown
    found = [d for d in lint_graph(sc) if d.code == "SP059"]
    assert [d.line for d in found] == [sc.scenes["home"].debrief[1].pos.line]


def test_a_malformed_line_condition_is_reported_with_its_column(tmp_path):
    path = tmp_path / "talk.yaml"
    path.write_text(STORY.replace("if: visited(telegram)", "if: visited(telegam)"), encoding="utf-8")
    result = load_scenario(path, catalogue="tests/data/valid/red_flags.yaml")
    assert result.scenario is None
    (d,) = [d for d in result.diagnostics if d.is_error]
    assert d.code == "SP030" and "did you mean 'telegram'" in d.hint
