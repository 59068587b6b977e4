"""Safe signs and offers: the catalogue, the scene and choice keys, what the engine records, the loader's checks."""

from __future__ import annotations

import textwrap

import pytest

from safepath.play import engine
from safepath.story import loader
from safepath.story.loader import load_catalogue, load_safe_signs, load_scenario

STORY = """\
schema_version: 1
id: hotel
title: Two offers
summary: Mai gets two job offers.
minutes: 5
content_note: A story about a fake job offer and a real one.
sources: [{title: UNODC report, url: "https://www.unodc.org/"}]
characters:
  mai: {name: Mai, role: player}
  nok: {name: Khun Nok, role: recruiter}
teaches: [pay-too-good]
scenes:
  scam:
    red_flags: [pay-too-good]
    offer: {id: casino, legit: false}
    lines: [{nok: "The pay is 45,000 baht a month!"}]
    choices:
      - {text: Go with Nok, goto: hotel, accepts: casino}
      - {text: Ask why the pay is so high, goto: hotel, spots: [pay-too-good], refuses: casino}
  hotel:
    safe_signs: [contract-you-read, office-you-can-visit]
    offer: {id: hotel-job, legit: true}
    lines:
      - "The hotel sends its contract in Thai."
      - {text: "Mai trusted the contract.", if: trusted(contract-you-read)}
    choices:
      - {text: Read it and say yes, goto: home, trusts: [contract-you-read], accepts: hotel-job}
      - {text: Say no to every job, goto: home, distrusts: [office-you-can-visit], refuses: hotel-job}
      - {text: Doubt it then check, goto: check, distrusts: [contract-you-read]}
  check:
    lines: ["Mai reads it again with her mother."]
    choices:
      - {text: Now say yes, goto: home, trusts: [contract-you-read], accepts: hotel-job}
      - {text: Still no, goto: home, refuses: hotel-job}
  home:
    kind: ending
    ending: safe
    debrief: Mai made her choice. It is never your fault when someone lies to you.
"""


def load(tmp_path, text=STORY):
    path = tmp_path / "hotel.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    result = load_scenario(path, catalogue="tests/data/valid/red_flags.yaml")
    assert result.scenario is not None, [d.headline() for d in result.diagnostics]
    return result.scenario


def test_bundled_catalogue_is_complete_grounded_and_apart_from_the_red_flags():
    signs, problems = load_safe_signs()
    assert not problems
    assert {"licence-checked", "contract-you-read", "normal-pay", "office-you-can-visit", "legal-channel",
            "costs-in-writing"} <= set(signs)
    flags, _ = load_catalogue()
    assert not set(signs) & set(flags), "a safe sign and a red flag may not share an id (met() asks either)"
    for sign in signs.values():
        assert sign.title.context == f"safe-sign/{sign.id}/title"
        assert sign.why.text and sign.action.text
    assert "1506" in signs["licence-checked"].action.text
    assert "MOU" in signs["legal-channel"].why.text


def test_dangerous_red_flags_are_marked_in_the_catalogue():
    flags, _ = load_catalogue()
    assert {f for f, flag in flags.items() if flag.dangerous} == {
        "passport-handover", "upfront-fees-debt", "irregular-crossing"}


def test_scene_and_choice_keys_load(tmp_path):
    sc = load(tmp_path)
    assert sc.offers["casino"].legit is False and sc.offers["hotel-job"].legit is True
    assert sc.scenes["hotel"].safe_signs == ("contract-you-read", "office-you-can-visit")
    assert set(sc.safe_signs) == {"contract-you-read", "office-you-can-visit"}
    yes = sc.scenes["hotel"].choices[0].effects
    assert yes.trusts == ("contract-you-read",) and yes.accepts == "hotel-job"
    assert sc.scenes["hotel"].choices[1].effects.refuses == "hotel-job"


def test_engine_records_judgements_and_counts_them_by_the_scoring_rule(tmp_path):
    sc = load(tmp_path)
    careful = engine.replay(sc, [1, 0])
    assert careful.offers_met == ("casino", "hotel-job")
    assert careful.signs_met == ("contract-you-read", "office-you-can-visit")
    assert careful.refused == ("casino",) and careful.accepted == ("hotel-job",)
    # refusing the fake offer is neither: trusting the contract and taking the real job are two correct trusts
    assert (careful.false_alarms, careful.trusted_safe) == (0, 2)
    refuser = engine.replay(sc, [1, 1])
    assert (refuser.false_alarms, refuser.trusted_safe) == (2, 0)  # a sign doubted, the real job refused
    learner = engine.replay(sc, [1, 2, 0])  # doubted the contract, checked it, said yes: trust wins
    assert (learner.false_alarms, learner.trusted_safe) == (0, 2)
    assert learner.ask("doubted", "contract-you-read") is False and learner.ask("trusted", "contract-you-read")
    stubborn = engine.replay(sc, [1, 2, 1])
    assert stubborn.ask("doubted", "contract-you-read") and stubborn.ask("refused", "hotel-job")
    assert stubborn.ask("met", "office-you-can-visit") and stubborn.ask("met", "pay-too-good")
    assert (stubborn.false_alarms, stubborn.trusted_safe) == (2, 0)


def test_lines_can_ask_about_safe_signs(tmp_path):
    sc = load(tmp_path)
    state = engine.replay(sc, [1, 2])
    assert [line.text.text for line in engine.shown_lines(sc, state)] == ["Mai reads it again with her mother."]


def test_state_json_keeps_judgements_and_old_saves_still_load(tmp_path):
    sc = load(tmp_path)
    state = engine.replay(sc, [1, 2, 0])
    assert engine.State.from_json(state.to_json()) == state
    old = state.to_json()
    for key in ("signs_met", "trusted", "doubted", "offers_met", "accepted", "refused"):
        del old[key]
    old["false_alarms"] = old["trusted_safe"] = 0  # counted the old way: this story had no old keys
    restored = engine.State.from_json(old)
    assert restored.legacy
    assert engine.check(sc, restored) == state  # replayed: judgements filled in


def test_deprecated_keys_still_count_once_per_choice():
    from safepath.authoring.analysis.generate import to_model

    spec = {"schema_version": 1, "id": "old", "title": "T", "summary": "S", "minutes": 1, "content_note": "N",
            "sources": [{"title": "T", "url": "https://example.org"}],
            "characters": {"me": {"name": "Me", "role": "player"}}, "teaches": ["rush"],
            "scenes": {"a": {"choices": [{"text": "No", "goto": "end", "false_alarm": True},
                                         {"text": "Yes", "goto": "end", "trusts_safe": True}]},
                       "end": {"kind": "ending", "ending": "safe", "debrief": "D"}}}
    sc = to_model(spec)
    assert engine.replay(sc, [0]).false_alarms == 1 and engine.replay(sc, [1]).trusted_safe == 1
    assert engine.replay(sc, [0]).doubted == (engine.item_id("a", 0),)


@pytest.mark.parametrize("change, code, hint", [
    (("trusts: [contract-you-read]", "trusts: [contract-you-reed]"), "SP015", "did you mean 'contract-you-read'"),
    (("distrusts: [office-you-can-visit]", "distrusts: [pay-too-good]"), "SP015", "is a red flag"),
    (("if: trusted(contract-you-read)", "if: trusted(contract)"), "SP015", ""),
    (("accepts: hotel-job}\n      - {text: Say no", "accepts: hotel-jbo}\n      - {text: Say no"), "SP016",
     "did you mean 'hotel-job'"),
    (("if: trusted(contract-you-read)", "if: accepted(hotel)"), "SP016", ""),
    (("  check:\n    lines:", "  check:\n    offer: {id: hotel-job, legit: false}\n    lines:"), "SP017", ""),
])
def test_loader_checks_ids(tmp_path, change, code, hint):
    path = tmp_path / "hotel.yaml"
    assert change[0] in STORY
    path.write_text(STORY.replace(change[0], change[1], 1), encoding="utf-8")
    result = load_scenario(path, catalogue="tests/data/valid/red_flags.yaml")
    errors = [d for d in result.diagnostics if d.is_error]
    assert result.scenario is None and [d.code for d in errors] == [code], [d.headline() for d in errors]
    assert hint in errors[0].hint


def test_a_broken_safe_sign_catalogue_beside_the_story_is_reported(tmp_path, capsys):
    from safepath.cli import main

    folder = tmp_path / "my-content"
    (folder / "scenarios").mkdir(parents=True)
    (folder / "scenarios" / "hotel.yaml").write_text(STORY, encoding="utf-8")
    (folder / "safe_signs.yaml").write_text("schema_version: 1\nsafe_signs: {}\n", encoding="utf-8")
    (folder / "red_flags.yaml").write_text(open("tests/data/valid/red_flags.yaml", encoding="utf-8").read(),
                                           encoding="utf-8")
    assert main(["lint", str(folder / "scenarios")]) == 1
    out = capsys.readouterr().out
    assert "SP018" in out and "could not be loaded" in out
    loader._catalogue_cache.clear()
