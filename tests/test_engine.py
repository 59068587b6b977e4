import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from safepath.play import engine
from safepath.play.engine import CONTINUE, EngineError, State, StateError
from safepath.play.story import Story
from test_engine_helpers import build, scenarios

STORY = {
    "ad": {
        "red_flags": ["pay-too-good"],
        "choices": [
            {"goto": "check", "spots": ["pay-too-good"], "safety": 1, "set": ["asked"]},
            {"goto": "yes", "misses": ["pay-too-good"], "safety": -1},
            {"goto": "refuse-real", "if": "has(asked)", "false_alarm": True},
        ],
    },
    "check": {"next": "ad", "red_flags": ["rush"]},
    "yes": {"next": "trapped"},
    "refuse-real": {"ending": "safe"},
    "trapped": {"ending": "trapped-with-help", "red_flags": ["passport"]},
}


@pytest.fixture
def story():
    return build(STORY, teaches=("pay-too-good", "rush"), scores={"trust": 2})


def test_start_enters_the_first_scene_and_meets_its_red_flags(story):
    state = engine.start(story)
    assert state.scene == "ad" and state.visited == ("ad",) and state.met == ("pay-too-good",)
    assert state.score_map == {"safety": 0, "trust": 2}
    assert state.steps == () and not engine.is_ended(story, state)


def test_hidden_choice_appears_once_its_condition_holds(story):
    state = engine.start(story)
    assert [c.index for c in engine.available_choices(story, state)] == [0, 1]
    with pytest.raises(EngineError, match="not available"):
        engine.choose(story, state, 2)
    state = engine.choose(story, state, 0)
    assert state.scene == "check" and engine.can_continue(story, state)
    assert state.spotted == ("pay-too-good",) and state.hits == 1 and "asked" in state.flags
    state = engine.advance(story, state)
    assert [c.index for c in engine.available_choices(story, state)] == [0, 1, 2]
    state = engine.choose(story, state, 2)
    assert engine.is_ended(story, state) and state.ending == "safe"
    assert state.steps == (0, CONTINUE, 2)
    assert state.false_alarms == 1 and state.choices_made == 2
    assert state.visited == ("ad", "check", "refuse-real")
    assert state.met == ("pay-too-good", "rush")


def test_spotting_twice_counts_one_hit(story):
    state = engine.replay(story, [0, CONTINUE, 0])
    assert state.hits == 1 and state.spotted == ("pay-too-good",) and state.score("safety") == 2


def test_after_the_end_nothing_moves(story):
    state = engine.replay(story, [1, CONTINUE])
    assert state.ending == "trapped-with-help" and state.misses == 1
    with pytest.raises(EngineError, match="ended"):
        engine.choose(story, state, 0)
    with pytest.raises(EngineError, match="ended"):
        engine.advance(story, state)


def test_advance_on_a_choice_scene_and_choose_on_a_next_scene_are_refused(story):
    state = engine.start(story)
    with pytest.raises(EngineError, match="asks for a choice"):
        engine.advance(story, state)
    state = engine.choose(story, state, 1)
    with pytest.raises(EngineError, match="no choices"):
        engine.choose(story, state, 0)


def test_replay_names_the_bad_step(story):
    with pytest.raises(EngineError, match="step 2"):
        engine.replay(story, [0, 5])
    with pytest.raises(EngineError, match="not a choice number"):
        engine.replay(story, ["0"])


def test_state_json_round_trip_and_check(story):
    state = engine.replay(story, [0, CONTINUE, 1, CONTINUE])
    data = json.loads(json.dumps(state.to_json()))
    again = State.from_json(data)
    assert again == state
    assert engine.check(story, again) == state


@pytest.mark.parametrize(
    "change, words",
    [
        (lambda d: d.update(version=99), "newer version"),
        (lambda d: d.pop("version"), "no version"),
        (lambda d: d.update(version=0), "not supported"),
        (lambda d: d.update(steps="0,1"), "'steps'"),
        (lambda d: d.update(steps=[0, -7]), "'steps'"),
        (lambda d: d.update(scores={"safety": "high"}), "'scores'"),
        (lambda d: d.update(hits=-1), "'hits'"),
        (lambda d: d.update(hits=True), "'hits'"),
        (lambda d: d.update(flags=[1]), "'flags'"),
        (lambda d: d.pop("scene"), "'scene'"),
        (lambda d: d.update(ending=3), "'ending'"),
    ],
)
def test_corrupt_state_is_refused_with_a_sentence(story, change, words):
    data = engine.start(story).to_json()
    change(data)
    with pytest.raises(StateError, match=words):
        State.from_json(data)


def test_state_that_is_not_an_object_is_refused():
    with pytest.raises(StateError, match="not a JSON object"):
        State.from_json([1, 2])


def test_migration_hook_upgrades_old_saves(story, monkeypatch):
    old = engine.start(story).to_json()
    old["version"] = 0
    old["safety_score"] = old.pop("scores")["safety"]

    def upgrade(data):
        data["scores"] = {"safety": data.pop("safety_score"), "trust": 2}
        data["version"] = 1
        return data

    monkeypatch.setitem(engine.MIGRATIONS, 0, upgrade)
    assert State.from_json(old) == engine.start(story)


def test_a_failing_migration_is_a_state_error(story, monkeypatch):
    old = {**engine.start(story).to_json(), "version": 0}
    monkeypatch.setitem(engine.MIGRATIONS, 0, lambda data: data["missing"])
    with pytest.raises(StateError, match="version 0 could not be upgraded"):
        State.from_json(old)
    monkeypatch.setitem(engine.MIGRATIONS, 0, lambda data: data)  # forgets to raise the version
    with pytest.raises(StateError, match="could not be upgraded"):
        State.from_json(old)


def test_check_refuses_edited_or_foreign_saves(story):
    state = engine.replay(story, [0])
    with pytest.raises(StateError, match="edited"):
        engine.check(story, State.from_json({**state.to_json(), "hits": 5}))
    with pytest.raises(StateError, match="not 'toy'"):
        engine.check(story, State.from_json({**state.to_json(), "scenario_id": "other"}))
    with pytest.raises(StateError, match="does not fit"):
        engine.check(story, State.from_json({**state.to_json(), "steps": [4]}))


def test_story_wrapper_follows_the_functions(story):
    s = Story(story)
    assert s.scene.id == "ad" and [c.index for c in s.choices] == [0, 1]
    taken = s.choose(s.choices[0])
    assert taken.index == 0 and s.last_choice is taken
    assert s.can_continue and not s.ended
    s.advance()
    assert s.last_choice is None
    s.choose(2)
    assert s.ended and s.result().ending.value == "safe"
    resumed = Story(story, State.from_json(s.state.to_json()))
    assert resumed.scene.id == "refuse-real" and resumed.lines == s.lines


def test_stuck_scene_is_reported():
    toy = build({"a": {"choices": [{"goto": "e", "if": "has(never)"}]}, "e": {"ending": "safe"}})
    state = engine.start(toy)
    assert engine.is_stuck(toy, state) and not engine.is_ended(toy, state)


def test_engine_imports_no_pygame():
    import subprocess
    import sys

    code = "import sys, safepath.play.engine, safepath.play.scoring; print('pygame' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# -- properties on random stories ----------------------------------------

walk_settings = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def random_walk(scenario, picks):
    """Take available moves by the drawn positions; returns every state passed through."""
    state = engine.start(scenario)
    states = [state]
    for pick in picks:
        if engine.is_ended(scenario, state):
            break
        if engine.can_continue(scenario, state):
            state = engine.advance(scenario, state)
        else:
            available = engine.available_choices(scenario, state)
            if not available:
                break
            state = engine.choose(scenario, state, available[pick % len(available)].index)
        states.append(state)
    return states


@walk_settings
@given(scenarios(), st.lists(st.integers(0, 10), max_size=25))
def test_random_walks_replay_and_round_trip(scenario, picks):
    for state in random_walk(scenario, picks):
        assert engine.replay(scenario, state.steps) == state
        assert State.from_json(json.loads(json.dumps(state.to_json()))) == state
        assert state.hits == len(state.spotted) and state.misses == len(state.missed)
        assert state.choices_made == sum(1 for s in state.steps if s != CONTINUE)
        assert set(state.visited) <= set(scenario.scenes)
        assert len(set(state.visited)) == len(state.visited)
        walk = engine._Walk(scenario, state)  # the replay's fast copy must answer conditions like State
        for name in ("safety", "hits", "misses", "false_alarms", "trusted_safe", "choices_made", "nothing"):
            assert walk.number(name) == state.number(name)
        for question in [("has", "a"), ("has", "b"), ("ending", "safe"), ("visited", "s1")] + [
            (f, r) for f in ("spotted", "missed", "met") for r in ("rush", "pay-too-good", "passport")
        ]:
            assert walk.ask(*question) == state.ask(*question)


@walk_settings
@given(scenarios(), st.lists(st.integers(0, 10), max_size=25), st.integers(-3, 6))
def test_unavailable_choice_raises_engine_error_only(scenario, picks, wrong):
    state = random_walk(scenario, picks)[-1]
    available = {c.index for c in engine.available_choices(scenario, state)}
    if engine.is_ended(scenario, state) or wrong not in available:
        with pytest.raises(EngineError):
            engine.choose(scenario, state, wrong)
    else:
        assert engine.choose(scenario, state, wrong).choices_made == state.choices_made + 1


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 5) | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=8,
)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(sorted(State.__dataclass_fields__)), json_values)
def test_any_damaged_field_gives_state_error_or_a_valid_state(field, value):
    toy = build(STORY)
    data = engine.replay(toy, [0]).to_json()
    data[field] = value
    try:
        state = State.from_json(data)
    except StateError:
        return
    assert State.from_json(state.to_json()) == state


@settings(max_examples=100, deadline=None)
@given(json_values)
def test_arbitrary_json_gives_state_error(value):
    with pytest.raises(StateError):
        State.from_json(value)


# -- hand-written fixtures, through the real loader ------------------------

FIXTURES = Path(__file__).parent / "data" / "scenarios"


def load_fixture(name):
    from safepath.story.loader import load_scenario

    loaded = load_scenario(FIXTURES / f"{name}.yaml")
    assert loaded.diagnostics == [] and loaded.scenario is not None
    return loaded.scenario


def shown(scenario, state):
    return [c.index for c in engine.available_choices(scenario, state)]


def test_conditions_on_flags_scores_and_unset_flags_in_a_loaded_story():
    story = load_fixture("second-chance")
    state = engine.replay(story, [0, CONTINUE])
    assert state.scene == "office" and state.flags == {"code_word", "worried"}
    assert state.met == ("secrecy", "irregular-crossing", "passport-handover")
    state = engine.choose(story, state, 0)
    assert state.flags == {"code_word"} and state.score("courage") == 2
    assert shown(story, state) == [0, 1, 2]
    assert shown(story, engine.replay(story, [0, CONTINUE, 1])) == [0, 2]
    assert shown(story, engine.replay(story, [1, CONTINUE, 0])) == [1, 2]
    assert shown(story, engine.replay(story, [1, CONTINUE, 1])) == [2]
    with pytest.raises(EngineError, match="not available in scene 'compound'"):
        engine.replay(story, [1, CONTINUE, 1, 0])
    end = engine.replay(story, [1, CONTINUE, 1, 2])
    assert end.ending == "trapped-with-help" and end.misses == 2 and end.score("safety") == -1


def test_two_offers_fixture_loop_back_with_a_hidden_choice():
    story = load_fixture("two-offers")
    state = engine.replay(story, [0, CONTINUE, 2])
    assert state.scene == "real-offer" and state.visited == ("ad", "company", "real-offer")
    assert shown(story, state) == [0, 1]  # "ask Dao again" is hidden once used
    state = engine.choose(story, state, 0)
    assert state.ending == "safe" and state.trusted_safe == 1 and state.score_map == {"safety": 3, "trust": 1}


def test_next_states_are_every_choice_shown_and_continue(story):
    state = engine.start(story)
    while not engine.available_choices(story, state) and engine.can_continue(story, state):
        assert engine.next_states(story, state) == [engine.advance(story, state)]
        state = engine.advance(story, state)
    shown = engine.available_choices(story, state)
    assert engine.next_states(story, state) == [engine.choose(story, state, c.index) for c in shown]
