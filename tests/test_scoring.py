import json

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from safepath.play import engine, scoring
from safepath.play.engine import CONTINUE
from safepath.story.model import EndingKind
from test_engine import random_walk
from test_engine_helpers import build, scenarios

# A job offer that is a trap, then a real one; the player can tell them apart or not.
JOBS = {
    "ad": {
        "red_flags": ["pay-too-good", "free-travel"],
        "choices": [
            {"goto": "real-offer", "spots": ["pay-too-good", "free-travel"], "safety": 2, "set": ["checked"]},
            {"goto": "real-offer", "spots": ["pay-too-good"], "misses": ["free-travel"], "safety": 1},
            {"goto": "chat", "misses": ["pay-too-good", "free-travel"], "safety": -1},
        ],
    },
    "chat": {
        "red_flags": ["private-app"],
        "choices": [
            {"goto": "real-offer", "spots": ["private-app", "pay-too-good"], "safety": 1},
            {"goto": "trapped", "misses": ["private-app"]},
        ],
    },
    "real-offer": {
        "choices": [
            {"goto": "safe", "trusts_safe": True, "safety": 1},
            {"goto": "safe", "false_alarm": True},
        ],
    },
    "safe": {"ending": "safe"},
    "trapped": {"ending": "trapped-with-help", "red_flags": ["passport"]},
}
BADGES = [
    {"id": "fair-judge", "when": "ending(safe) and false_alarms == 0"},
    {"id": "checker", "when": "has(checked)"},
    {"id": "trapped-badge", "when": "ending(trapped-with-help)"},
]


@pytest.fixture
def jobs():
    return build(JOBS, teaches=("pay-too-good", "free-travel", "private-app", "rush"), badges=BADGES)


def play(scenario, steps):
    return scoring.result(scenario, engine.replay(scenario, steps))


def test_spotting_everything_and_trusting_the_real_offer_gives_three_stars(jobs):
    r = play(jobs, [0, 0])
    assert r.ending is EndingKind.SAFE and r.ending_scene == "safe"
    assert (r.hits, r.misses, r.false_alarms, r.trusted_safe) == (2, 0, 0, 1)
    assert r.discernment == 1.0 and r.stars == 3
    assert [b.id for b in r.badges] == ["fair-judge", "checker"]
    assert [(o.id, o.status) for o in r.red_flags] == [
        ("pay-too-good", "spotted"), ("free-travel", "spotted"), ("private-app", "not-met"), ("rush", "not-met"),
    ]
    assert r.score_map == {"safety": 3}


def test_refusing_the_real_offer_is_a_false_alarm_that_costs_stars(jobs):
    r = play(jobs, [0, 1])
    assert (r.hits, r.false_alarms, r.trusted_safe) == (2, 1, 0)
    # every warning sign spotted (H = 1), the one safe item doubted (F = 1): H - F = 0; the safe ending keeps 1 star
    assert r.discernment == pytest.approx(0.0) and r.stars == 1
    assert (r.tally.warning_rate, r.tally.trust_rate) == (1.0, 0.0)
    assert [b.id for b in r.badges] == ["checker"]


def test_partly_spotted(jobs):
    r = play(jobs, [1, 0])
    assert (r.hits, r.misses) == (1, 1)
    assert r.discernment == pytest.approx(0.5) and r.stars == 1
    assert [o.status for o in r.outcomes("missed")] == ["missed"]


def test_spotting_later_still_counts_as_spotted(jobs):
    r = play(jobs, [2, 0, 0])
    status = {o.id: o.status for o in r.red_flags}
    assert status == {"pay-too-good": "spotted", "free-travel": "missed", "private-app": "spotted", "rush": "not-met"}
    assert (r.hits, r.misses, r.faced) == (2, 1, 3)
    assert r.stars == 2  # 2/3 = 0.67


def test_met_but_never_judged_counts_as_missed_and_trapped_ending_can_score_zero(jobs):
    r = play(jobs, [2, 1])
    status = {o.id: o.status for o in r.red_flags}
    assert status["passport"] == "missed"  # met in the ending scene, never spotted
    assert r.red_flags[-1].id == "passport"  # not taught, listed after the taught ones
    assert r.red_flags[-1].red_flag.why.text == "Why passport"
    assert (r.hits, r.misses, r.stars) == (0, 4, 0)
    assert r.ending is EndingKind.TRAPPED_WITH_HELP
    assert [b.id for b in r.badges] == ["trapped-badge"]


def test_safe_ending_guarantees_one_star():
    toy = build({
        "a": {"red_flags": ["rush"], "choices": [{"goto": "e", "misses": ["rush"], "false_alarm": True}]},
        "e": {"ending": "safe"},
    })
    r = play(toy, [0])
    assert r.discernment == -1.0 and r.stars == 1


@pytest.mark.parametrize(
    "ratio, ending, stars",
    [(1.0, None, 3), (0.9, None, 3), (0.89, None, 2), (0.6, None, 2), (0.59, None, 1), (0.3, None, 1),
     (0.29, None, 0), (0.0, EndingKind.SAFE, 1), (0.0, EndingKind.RECOVERED, 0), (0.95, EndingKind.SAFE, 3)],
)
def test_star_thresholds(ratio, ending, stars):
    assert scoring.stars_for(ratio, ending) == stars


def test_unfinished_story_has_no_ending_and_no_badges(jobs):
    r = play(jobs, [0])
    assert r.ending is None and not r.ended and r.badges == ()
    assert r.hits == 2


def test_result_json_is_plain(jobs):
    data = play(jobs, [0, 1]).to_json()
    assert json.loads(json.dumps(data)) == data
    assert data["ending"] == "safe" and data["badges"] == ["checker"]
    assert data["red_flags"][0] == {"id": "pay-too-good", "status": "spotted", "title": "Title pay-too-good"}
    assert data["discernment"] == 0.0 and data["stars"] == 1
    assert (data["warning_rate"], data["trust_rate"]) == (1.0, 0.0)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios(), st.lists(st.integers(0, 10), max_size=25))
def test_result_is_consistent_on_random_walks(scenario, picks):
    state = random_walk(scenario, picks)[-1]
    r = scoring.result(scenario, state)
    assert 0 <= r.stars <= 3 and -1.0 <= r.discernment <= 1.0
    assert r.hits == len(state.spotted)
    assert r.hits + r.misses == r.faced == len(set(state.met) | set(state.spotted) | set(state.missed))
    assert set(scenario.teaches) <= {o.id for o in r.red_flags}
    assert (r.ending is not None) == engine.is_ended(scenario, state)
    if r.ending is EndingKind.SAFE:
        assert r.stars >= 1
    if r.ending is None:
        assert r.badges == ()


@pytest.mark.parametrize(
    "positions, figures",
    [
        ((1, 1, 1), (3, 0, 0, 3, 1.0, 3, ["fair-judge", "checker", "asked-first"])),
        ((1, 1, 2), (3, 0, 2, 0, 0.0, 1, ["asked-first"])),
        ((3,), (0, 3, 0, 0, -0.0, 0, [])),
    ],
)
def test_worked_example_in_docs_scoring_md_is_true(positions, figures):
    """docs/scoring.md works through these paths of tests/data/scenarios/discerning.yaml; keep the page honest."""
    from safepath import paths
    from test_engine import load_fixture

    scenario = load_fixture("discerning")
    state = engine.start(scenario)
    for position in positions:
        while engine.can_continue(scenario, state):
            state = engine.advance(scenario, state)
        state = engine.choose(scenario, state, engine.available_choices(scenario, state)[position - 1].index)
    r = scoring.result(scenario, state)
    got = (r.hits, r.misses, r.false_alarms, r.trusted_safe, r.discernment, r.stars, [b.id for b in r.badges])
    assert got == figures
    doc = (paths.project_root() / "docs" / "scoring.md").read_text(encoding="utf-8")
    assert f"--choices {','.join(map(str, positions))}" in doc
    if r.stars:
        assert f"H − F = {r.discernment:g} →" in doc and f"**{r.stars} star" in doc
    else:
        assert "**0 stars**" in doc and r.fake_offers_accepted and r.ending is EndingKind.TRAPPED_WITH_HELP


@pytest.mark.parametrize(
    "steps, ending, badges, statuses, stars",
    [
        ([0, CONTINUE, 0, 0], EndingKind.RECOVERED, ["code-word", "kept-passport"], ["spotted", "spotted", "missed"], 2),
        ([0, CONTINUE, 1, 0], EndingKind.RECOVERED, ["code-word"], ["missed", "spotted", "missed"], 1),
        ([1, CONTINUE, 0, 1], EndingKind.RECOVERED, ["kept-passport"], ["spotted", "missed", "missed"], 1),
        ([1, CONTINUE, 1, 2], EndingKind.TRAPPED_WITH_HELP, [], ["missed", "missed", "missed"], 0),
    ],
)
def test_loaded_fixture_results(steps, ending, badges, statuses, stars):
    from test_engine import load_fixture

    story = load_fixture("second-chance")
    r = play(story, steps)
    assert r.ending is ending and [b.id for b in r.badges] == badges
    # teaches order: passport-handover, secrecy, irregular-crossing (met at the river, never judged)
    assert [o.id for o in r.red_flags] == ["passport-handover", "secrecy", "irregular-crossing"]
    assert [o.status for o in r.red_flags] == statuses
    assert r.faced == 3 and r.stars == stars  # 2/3 spotted = 0.67 -> 2 stars; 1/3 = 0.33 -> 1


def test_badges_see_the_debriefs_counts_not_only_explicit_misses():
    """A badge asking `misses == 0` is not earned when the debrief lists a red flag met and never spotted."""
    story = {
        "ad": {
            "red_flags": ["pay-too-good", "rush"],
            "choices": [{"goto": "safe", "spots": ["pay-too-good"]}, {"goto": "safe", "spots": ["pay-too-good", "rush"]}],
        },
        "safe": {"ending": "safe"},
    }
    badges = [
        {"id": "sharp-eyes", "when": "hits >= 1 and misses == 0"},
        {"id": "missed-rush", "when": "missed(rush)"},
        {"id": "spotted-rush", "when": "spotted(rush)"},
    ]
    scenario = build(story, teaches=("pay-too-good", "rush"), badges=badges)
    partly = play(scenario, [0])
    assert partly.misses == 1 and [b.id for b in partly.badges] == ["missed-rush"]
    fully = play(scenario, [1])
    assert fully.misses == 0 and [b.id for b in fully.badges] == ["sharp-eyes", "spotted-rush"]


def test_other_warning_signs_and_the_cost_of_refusing_everything():
    """The debrief teaches the dangerous red flags a path never met, and shows refusal_cost only to refusers."""
    from test_engine import load_fixture

    scenario = load_fixture("discerning")
    careful = scoring.result(scenario, engine.replay(scenario, [0, 0, 0]))
    refuser = scoring.result(scenario, engine.replay(scenario, [0, 0, 1]))
    hasty = scoring.result(scenario, engine.replay(scenario, [2]))
    assert [e.id for e in careful.to_know] == ["passport-handover"] == [e.id for e in refuser.to_know]
    assert hasty.to_know == ()  # met in the van: it is in the list of red flags met instead
    assert careful.refusal_cost is None and hasty.refusal_cost is None
    assert refuser.refusal_cost is not None and "real" in refuser.refusal_cost.text
    assert [(o.id, o.status) for o in refuser.offers] == [("golden", "refused"), ("hotel", "refused")]
    assert [(o.id, o.status) for o in refuser.signs] == [("licence-checked", "doubted"), ("contract-you-read", "seen")]
    assert (refuser.tally.warn_good, refuser.tally.trust_bad, refuser.tally.refused_real) == (4, 2, True)
    assert hasty.tally.fell_for_fake and hasty.stars == 0 and [o.status for o in hasty.offers] == ["accepted", "not-met"]


def test_refusal_cost_belongs_to_endings(tmp_path):
    from pathlib import Path

    from safepath.story.loader import load_scenario

    text = (Path(__file__).parent / "data" / "scenarios" / "discerning.yaml").read_text(encoding="utf-8")
    text = text.replace("    private_chat: true\n", "    private_chat: true\n    refusal_cost: Not here.\n")
    path = tmp_path / "discerning.yaml"
    path.write_text(text, encoding="utf-8")
    codes = [d.code for d in load_scenario(path).diagnostics]
    assert codes == ["SP039"]
