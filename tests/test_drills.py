"""Drill scenes (issue 10, item 6): the format, the register, the drills' rules, the engine, play --text.

The fixture ``tests/data/scenarios/drills.yaml`` has one drill of each kind: a phone check (1506, then 2), the
licence register with a licensed agency and its unlicensed look-alike, a family code word and a travel plan,
and a later scene that tests the code word with ``has()``. The drill screen has its own tests
(``test_drill_screen.py``).
"""

from __future__ import annotations

import io
import textwrap
from contextlib import redirect_stdout
from pathlib import Path

import pytest

from safepath.authoring.analysis import states as analysis_states
from safepath.play import drills, engine
from safepath.story import model, register as reg
from safepath.story.loader import load_scenario

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "data" / "scenarios" / "drills.yaml"


@pytest.fixture(scope="module")
def scenario():
    result = load_scenario(FIXTURE)
    assert result.ok, [str(d) for d in result.diagnostics]
    assert not result.diagnostics
    return result.scenario


def state_in(scenario, scene_id):
    """The first state (breadth-first) standing in ``scene_id``."""
    queue = [engine.start(scenario)]
    while queue:
        state = queue.pop(0)
        if state.scene == scene_id:
            return state
        queue += engine.next_states(scenario, state)
    raise AssertionError(scene_id)


# -- the format ---------------------------------------------------------------------------------------------


def test_drill_scenes_load_with_their_blocks_and_outcomes(scenario):
    kinds = {sid: s.kind for sid, s in scenario.scenes.items() if s.is_drill}
    assert kinds == {"call": model.SceneKind.PHONE, "register": model.SceneKind.REGISTER,
                     "codeword": model.SceneKind.CODEWORD, "plan": model.SceneKind.TRAVELPLAN}
    phone = scenario.scenes["call"].drill
    assert (phone.helpline, phone.number, phone.menu) == ("th-1506", "1506", "2")  # from content/helplines.yaml
    assert [c.outcome for c in scenario.scenes["plan"].choices] == ["complete", "incomplete", "not-now"]
    assert scenario.scenes["register"].drill.names == ("Pellowind Staffing", "Pellowind Staff")
    texts = {t.context for t in scenario.texts()}
    assert {"drills/call/phone/answer/0", "drills/codeword/codeword/word/2", "drills/plan/travelplan/address/0"} <= texts


STORY = """\
schema_version: 1
id: example
title: Check
summary: Mai checks a job.
minutes: 3
content_note: A story about checking a job offer.
sources: [{title: T, url: "https://example.org"}]
characters:
  mai: {name: Mai, role: player}
  mum: {name: Mum, role: family}
teaches: [unverifiable-company]
scenes:
%s
  safe:
    kind: ending
    ending: safe
    debrief: Mai checked first. A trap is never your fault.
"""


def load_text(tmp_path, scenes: str):
    path = tmp_path / "example.yaml"
    path.write_text(STORY % textwrap.indent(textwrap.dedent(scenes).strip("\n"), "  "), encoding="utf-8")
    return load_scenario(path)


def codes(result):
    return sorted({d.code for d in result.diagnostics})


@pytest.mark.parametrize("helpline", ['"1566"', "th-1300-abroad-x", "mm-mwrc-yangon", "th-ess-help-me"])
def test_a_phone_drill_dials_only_a_listed_phone_number(tmp_path, helpline):
    result = load_text(tmp_path, f"""
        call:
          kind: phone
          phone: {{helpline: {helpline}, answer: [Hello.]}}
          choices: [{{outcome: called, text: Thanks, goto: safe, spots: [unverifiable-company]}}]
    """)
    assert codes(result) == ["SP100"] and not result.ok
    d = result.diagnostics[0]
    assert (d.line, d.file) == (15, str(tmp_path / "example.yaml"))


@pytest.mark.parametrize("helpline", ["th-1506", '"1506"', "th-1300"])
def test_a_phone_drill_names_its_helpline_by_id_or_number(tmp_path, helpline):
    result = load_text(tmp_path, f"""
        call:
          kind: phone
          phone: {{helpline: {helpline}, answer: [Hello.]}}
          choices: [{{outcome: called, text: Thanks, goto: safe, spots: [unverifiable-company]}}]
    """)
    assert result.ok, [str(d) for d in result.diagnostics]


def test_drill_outcomes_are_checked(tmp_path):
    missing = load_text(tmp_path, """
        plan:
          kind: travelplan
          travelplan: {with: mum, who: [Mum], where: [Hotel], address: [In the contract], call: [Sundays]}
          choices: [{outcome: complete, text: Give it, goto: safe, spots: [unverifiable-company]}]
    """)
    assert codes(missing) == ["SP102"] and "incomplete" in missing.diagnostics[0].message
    wrong = load_text(tmp_path, """
        word:
          kind: codeword
          codeword: {with: mum, words: [Mango, Kite]}
          choices:
            - {outcome: agreed, text: Go on, goto: safe, spots: [unverifiable-company]}
            - {outcome: licensed, text: Odd, goto: safe}
            - {text: No outcome, goto: safe}
    """)
    assert codes(wrong) == ["SP102"] and len(wrong.diagnostics) == 2
    stray = load_text(tmp_path, """
        ad:
          kind: chat
          choices: [{outcome: called, text: Hm, goto: safe, spots: [unverifiable-company]}]
    """)
    assert codes(stray) == ["SP102"]


def test_drill_block_must_match_the_kind(tmp_path):
    result = load_text(tmp_path, """
        call:
          kind: phone
          codeword: {with: mum, words: [Mango, Kite]}
          choices: [{outcome: called, text: Thanks, goto: safe, spots: [unverifiable-company]}]
    """)
    assert codes(result) == ["SP103"] and len(result.diagnostics) == 2  # codeword: here, and no phone:


def test_register_outcomes_follow_what_the_register_says(tmp_path):
    result = load_text(tmp_path, """
        check:
          kind: register
          register: {names: [Pellowind Staffing, Marlentine Job Placement]}
          choices:
            - {outcome: licensed, text: Say yes, goto: safe, spots: [unverifiable-company]}
            - {outcome: not-found, text: Say no, goto: safe}
    """)
    found = {d.code: d for d in result.diagnostics}
    assert sorted(found) == ["SP102", "SP104"]
    assert "'expired'" in found["SP102"].message and "Marlentine" in found["SP102"].message
    assert found["SP104"].is_error is False


def test_codeword_partner_must_be_a_character(tmp_path):
    result = load_text(tmp_path, """
        word:
          kind: codeword
          codeword: {with: grandma, words: [Mango, Kite]}
          choices: [{outcome: agreed, text: Go on, goto: safe, spots: [unverifiable-company]}]
    """)
    assert codes(result) == ["SP031"]


# -- the register ---------------------------------------------------------------------------------------------


def test_the_bundled_register_is_fictional_valid_and_has_look_alikes():
    agencies, diags = reg.load_register()
    assert not diags and len(agencies) >= 6
    assert {a.status for a in agencies} == {"licensed", "expired"}
    text = (ROOT / "content" / "register.yaml").read_text(encoding="utf-8")
    assert "FICTIONAL" in text
    assert reg.lookup(agencies, "pellowind   STAFFING") == "licensed"  # case and repeated spaces do not matter
    assert reg.lookup(agencies, "Pellowind Staff") == "not-found"  # the look-alike is simply not listed
    assert reg.lookup(agencies, "Pellowind Staffing Co") == "not-found"
    assert [a.name for a in reg.look_alikes(agencies, "Pellowind Staff")] == ["Pellowind Staffing"]
    assert reg.search(agencies, "pello")[0].name.startswith("Pellow")


def test_a_register_with_one_name_twice_is_reported(tmp_path):
    path = tmp_path / "register.yaml"
    path.write_text("schema_version: 1\nagencies:\n  - {id: a, name: Kite Jobs, status: licensed}\n"
                    "  - {id: b, name: kite  JOBS, status: expired}\n", encoding="utf-8")
    agencies, diags = reg.load_register(path)
    assert [d.code for d in diags] == ["SP101"] and (diags[0].line, diags[0].column) == (4, 19)
    assert [a.id for a in agencies] == ["a"]


# -- the drills' rules --------------------------------------------------------------------------------------


def test_phone_wrong_number_is_corrected_kindly_then_the_call_connects(scenario):
    d = drills.start(scenario, state_in(scenario, "call"))
    assert isinstance(d, drills.PhoneDrill) and d.outcomes == {"called", "hung-up"}
    d.call()
    assert d.note.tone == "correction" and "1506" in d.note.text(_en())
    for k in "1560":
        d.press(k)
    d.call()
    assert d.stage == "dial" and d.dialled == "" and d.note.tone == "correction"
    assert "1560" in d.note.text(_en()) and "1506" in d.note.text(_en())
    for k in "15066":
        d.press(k)
    d.delete()
    d.call()
    assert d.stage == "menu"
    d.press("3")
    assert d.stage == "menu" and d.note.tone == "correction" and "2" in d.note.text(_en())
    d.press("2")
    assert d.stage == "answer" and not d.done
    d.hang_up()
    assert d.outcome == "called"


def test_phone_hanging_up_before_the_answer_is_its_own_outcome(scenario):
    d = drills.start(scenario, state_in(scenario, "call"))
    d.press("1")
    d.hang_up()
    assert d.outcome == "hung-up"


def test_register_look_alike_and_results(scenario):
    state = state_in(scenario, "register")
    d = drills.start(scenario, state)
    d.look_up("Pellowynd Global Staff")  # registered, but not the name the chat gave
    assert d.stage == "search" and d.note.tone == "correction" and d.result is None
    assert d.query == "Pellowynd Global Staff"  # what was looked up stays in the box, to be corrected
    d.set_query("")
    d.type("Pellowind Staf")
    d.type("f")
    assert [a.name for a in d.matches()][:1] == ["Pellowind Staffing"]
    d.look_up()
    assert (d.stage, d.result, d.checked) == ("result", "not-found", "Pellowind Staff")
    assert "Pellowind Staffing" in d.note.text(_en())  # names the licensed look-alike
    d.back()
    d.set_query("pellowind staffing")
    d.look_up()
    assert d.result == "licensed" and d.checked == "Pellowind Staffing"
    d.finish()
    assert d.outcome == "licensed"
    after = drills.finish(scenario, state, d)
    assert after.scene == "codeword" and "agency_licensed" in after.flags


def test_codeword_is_said_back_from_another_order(scenario):
    d = drills.start(scenario, state_in(scenario, "codeword"))
    d.pick(1)
    assert d.stage == "repeat" and sorted(d.order) == [0, 1, 2]
    assert all(d.order[i] != i for i in range(3)), "no word stays in its place"
    d.repeat(d.order.index(0))
    assert d.stage == "repeat" and d.note.tone == "correction"
    d.repeat(d.order.index(1))
    assert d.stage == "agreed"
    d.finish()
    assert d.outcome == "agreed"


def test_travel_plan_complete_and_with_gaps(scenario):
    state = state_in(scenario, "plan")
    d = drills.start(scenario, state)
    for _ in model.PLAN_FIELDS:
        d.answer(0)
    assert d.stage == "review" and d.complete
    d.back()
    d.answer(drills.DONT_KNOW)
    assert d.stage == "review" and not d.complete
    d.finish()
    assert d.outcome == "incomplete"
    g = drills.start(scenario, state)
    g.answer(0)
    g.answer(0)
    g.answer(drills.DONT_KNOW)
    assert "address" in g.note.text(_en())
    assert g.leave() and g.outcome == "not-now"


# -- the engine and the tools --------------------------------------------------------------------------------


def test_a_drill_outcome_is_a_step_saved_and_replayed_like_any_other(scenario):
    state = state_in(scenario, "codeword")
    d = drills.start(scenario, state)
    d.pick(0)
    d.repeat(d.order.index(0))
    d.finish()
    after = drills.finish(scenario, state, d)
    assert after.steps[-1] == scenario.scenes["codeword"].outcome_choice("agreed").index
    again = engine.State.from_json(after.to_json())
    assert engine.check(scenario, again) == after == engine.replay(scenario, after.steps)
    assert "code_word" in after.flags


def test_a_later_scene_tests_the_code_word_with_has(scenario):
    at = state_in(scenario, "codeword")
    agreed = engine.choose(scenario, at, scenario.scenes["codeword"].outcome_choice("agreed").index)
    skipped = engine.choose(scenario, at, scenario.scenes["codeword"].outcome_choice("not-now").index)
    for state in (agreed, skipped):
        state = engine.choose(scenario, state, scenario.scenes["plan"].outcome_choice("complete").index)
        assert state.scene == "stranger"
        asked = "Ask for the family code word" in [c.text.text for c in engine.available_choices(scenario, state)]
        assert asked == ("code_word" in state.flags)
    assert "code_word" in agreed.flags and "code_word" not in skipped.flags


def test_each_outcome_is_a_branch_of_the_exhaustive_analysis(scenario):
    from safepath.authoring.analysis.paths import count_paths

    graph = analysis_states.explore(scenario)
    assert graph.complete
    taken = {graph.step_keys[n] for moves in graph.moves for n, _target in moves}
    outcomes = {(s.id, c.index) for s in scenario.scenes.values() for c in s.choices if c.outcome}
    assert len(outcomes) == 9 and outcomes <= taken
    # offers (2) x [via the call: called / hung-up (2)] ... every outcome multiplies the paths behind it
    report = count_paths(graph)
    assert report.total_paths == (2 + 1) * 2 * 2 * 3 * 5 // 2 == 90


def test_engine_refuses_a_hidden_or_foreign_outcome(scenario):
    state = state_in(scenario, "register")
    assert engine.outcome_choice(scenario, state, "expired") is None
    with pytest.raises(engine.EngineError):
        drills.start(scenario, engine.start(scenario))  # the first scene is a chat, not a drill


def test_play_text_plays_the_drills_by_hand(tmp_path):
    from safepath.commands.play import TerminalPlayer

    typed = iter(["1", "1560", "1506", "3", "2", "Pellowind Staff", "", "1", "3", "1", "1", "0", "1", "", "1"])
    out: list[str] = []
    player = TerminalPlayer(load_scenario(FIXTURE).scenario, write=out.append, ask=lambda prompt: next(typed))
    assert player.play() == 0
    text = "\n".join(out)
    assert "1560 is not the number to call" in text
    assert "Connected." in text and "Department of Employment. You want to check" in text
    assert "'Pellowind Staff' is not in the register" in text
    assert "That is your code word" in text
    assert "Your plan has gaps" in text
    assert "The code word showed at once" in text  # the later scene tested has(code_word)


def test_play_text_scripted_takes_outcomes_as_choices():
    from safepath.cli import main

    out = io.StringIO()
    with redirect_stdout(out):
        code = main(["play", str(FIXTURE), "--choices", "1,2,2,2,3,2"])
    text = out.getvalue()
    assert code == 0
    assert "[Phone check: dial 1506, then press 2" in text and "You chose 2: Hang up and check the register yourself" in text
    assert "[Licence register: look up the name from the chat: Pellowind Staffing, Pellowind Staff]" in text


def test_export_script_shows_what_each_drill_asks():
    from safepath.commands.export_script import render

    page = render(load_scenario(FIXTURE).scenario, "th")
    assert "<b>1506</b>" in page and "Pellowind Staff — " in page and "<code>not-found</code>" in page
    assert "Grandma&#x27;s garden" in page and "<code>called</code>" in page


def _en():
    from safepath.i18n import get_translator

    return get_translator("en")
