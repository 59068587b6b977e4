"""The scoring properties of docs/scoring.md (safepath.authoring.analysis.properties) and their lint (SP062-SP066).

A fixture story that has every property, the same story changed one line at a time to break each one, and
a brute-force check of every figure on generated stories with offers, safe signs and private chats.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from safepath.authoring.analysis import count_paths, explore, lint_graph
from safepath.authoring.analysis.generate import layered_spec, to_model
from safepath.authoring.analysis.properties import check, format_properties
from safepath.play import engine, scoring
from safepath.story.loader import load_scenario

FIXTURE = Path(__file__).parent / "data" / "scenarios" / "discerning.yaml"
LEARNING_DESIGN = {"SP061", "SP062", "SP063", "SP064", "SP065", "SP066"}


def props_of(scenario):
    return check(count_paths(explore(scenario)))


def load_changed(tmp_path, *edits):
    text = FIXTURE.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / "discerning.yaml"
    path.write_text(text, encoding="utf-8")
    loaded = load_scenario(path)
    assert loaded.scenario is not None, [d.headline() for d in loaded.diagnostics]
    assert not [d for d in loaded.diagnostics if d.is_error]
    return loaded.scenario


def learning_codes(scenario):
    return sorted(d.code for d in lint_graph(scenario) if d.code in LEARNING_DESIGN)


def test_the_fixture_has_every_property():
    scenario = load_scenario(FIXTURE).scenario
    p = props_of(scenario)
    assert p.best_fair == 3
    assert p.refuse_all_best == 1 and p.accept_all_best == 0
    assert p.private_scenes == ("telegram",) and p.best_without_private == 3
    assert p.badges_with_false_alarm() == []
    # asked-first says allows_false_alarm: a path that refused the hotel job earns it, and that is allowed
    assert p.badge_split == {"fair-judge": (0, 2), "checker": (0, 2), "asked-first": (1, 2)}
    assert learning_codes(scenario) == []
    text = "\n".join(format_properties(p))
    assert "FAIL" not in text and text.count("PASS") == 5


def test_refusing_every_offer_costs_the_real_job(tmp_path):
    """A careful player who meets no real offer on the way home gets 3 stars for refusing: SP063."""
    scenario = load_changed(tmp_path, ('        goto: hotel\n        spots: [rush]', '        goto: job\n        spots: [rush]'))
    p = props_of(scenario)
    assert p.refuse_all_best == 3
    assert learning_codes(scenario) == ["SP063"]


def test_accepting_every_offer_must_not_be_rewarded(tmp_path):
    """No choice says no to the fake offer any more, so saying yes to the real one is 'accepting everything'."""
    scenario = load_changed(tmp_path, ("        spots: [rush]\n        refuses: golden", "        spots: [rush]"),
                            ("        spots: [private-chat, pay-too-good, free-travel]\n        refuses: golden",
                             "        spots: [private-chat, pay-too-good, free-travel]"))
    p = props_of(scenario)
    assert p.accept_all_best == 3
    assert learning_codes(scenario) == ["SP064"]


def test_three_stars_only_through_the_private_chat(tmp_path):
    """Asking on the public page no longer spots everything; only the Telegram path can: SP065."""
    scenario = load_changed(tmp_path, ("        goto: ask\n        spots: [pay-too-good, free-travel]",
                                       "        goto: ask\n        spots: [pay-too-good]"))
    p = props_of(scenario)
    assert p.best(p.stars_all) == 3 and p.best_without_private == 2
    assert learning_codes(scenario) == ["SP065"]
    marked = load_changed(tmp_path, ("    private_chat: true\n", ""))
    assert props_of(marked).private_scenes == () and "SP065" not in learning_codes(marked)


def test_no_careful_fair_path_gets_three_stars(tmp_path):
    scenario = load_changed(tmp_path, ("        goto: ask\n        spots: [pay-too-good, free-travel]",
                                       "        goto: ask\n        spots: [pay-too-good]"),
                            ("spots: [private-chat, pay-too-good, free-travel]", "spots: [private-chat, free-travel]"))
    p = props_of(scenario)
    assert p.best_fair == 2
    assert learning_codes(scenario) == ["SP062"]


def test_a_badge_that_rewards_suspicion(tmp_path):
    scenario = load_changed(tmp_path, ("    allows_false_alarm: true\n", ""))
    p = props_of(scenario)
    assert [b.id for b in p.badges_with_false_alarm()] == ["asked-first"]
    (found,) = [d for d in lint_graph(scenario) if d.code == "SP066"]
    assert "'asked-first'" in found.message and "1 path that made a false alarm (and 2 that did not)" in found.message
    assert found.line == scenario.badges[2].pos.line + 3  # at its `when:`


def test_debrief_that_claims_an_unmet_red_flag(tmp_path):
    """SP061: a debrief part without `if:` naming a red flag (by title) that some path into the ending never met."""
    scenario = load_changed(tmp_path, ("      - May stayed home.", "      - May stayed home. The talk moves to a private app."))
    (found,) = [d for d in lint_graph(scenario) if d.code == "SP061"]
    assert "'private-chat'" in found.message and "1 of the 2 paths into this ending never met it" in found.message
    by_id = load_changed(tmp_path, ("      - May stayed home.", "      - text: May stayed home (private-chat).\n        if: has(asked)"))
    assert "SP061" not in learning_codes(by_id)  # with an if: the part speaks only to some paths


# -- brute force ---------------------------------------------------------------------------------------------


def brute_force(scenario):
    """Every path through the real engine: stars per kind of path, random-play probabilities, badge splits."""
    out = {"all": Counter(), "fair": Counter(), "refuse": Counter(), "accept": Counter(), "free": Counter(),
           "random": Counter(), "badges": Counter(), "offers": 0.0, "real": 0.0}
    private = {sid for sid, sc in scenario.scenes.items() if sc.private_chat}

    def walk(state, p):
        if engine.can_continue(scenario, state):
            return walk(engine.advance(scenario, state), p)
        shown = engine.available_choices(scenario, state)
        if engine.is_ended(scenario, state):
            r = scoring.result(scenario, state)
            s = r.stars
            out["all"][s] += 1
            out["random"][s] += p
            if r.false_alarms == 0:
                out["fair"][s] += 1
            if state.refused and not state.accepted:
                out["refuse"][s] += 1
            if state.accepted and not state.refused:
                out["accept"][s] += 1
            if not private & set(state.visited):
                out["free"][s] += 1
            for b in r.badges:
                out["badges"][(b.id, r.false_alarms > 0)] += 1
            out["offers"] += p * len(state.offers_met)
            out["real"] += p * sum(1 for o in state.offers_met if scenario.offers[o].legit)
            return
        for choice in shown:
            walk(engine.choose(scenario, state, choice.index), p / len(shown))

    walk(engine.start(scenario), 1.0)
    return out


@pytest.mark.parametrize("seed", range(5))
def test_properties_match_brute_force(seed):
    scenario = to_model(layered_spec(6, width=3, choices=2, seed=seed, conditions=True, badges=True, offers=True))
    want = brute_force(scenario)
    p = props_of(scenario)
    assert +p.stars_all == +want["all"] and +p.stars_fair == +want["fair"]
    assert +p.stars_refuse_all == +want["refuse"] and +p.stars_accept_all == +want["accept"]
    assert +p.stars_without_private == +want["free"]
    assert p.private_scenes
    for s in range(4):
        assert p.random_stars.get(s, 0.0) == pytest.approx(want["random"].get(s, 0.0), abs=1e-12)
    assert p.random_offers_met == pytest.approx(want["offers"]) and p.random_real_offers_met == pytest.approx(want["real"])
    for badge in scenario.badges:
        assert p.badge_split[badge.id] == (want["badges"][(badge.id, True)], want["badges"][(badge.id, False)])


def test_the_fixture_matches_brute_force():
    scenario = load_scenario(FIXTURE).scenario
    want = brute_force(scenario)
    p = props_of(scenario)
    assert +p.stars_all == +want["all"] and +p.stars_refuse_all == +want["refuse"]
    assert p.real_offer_share == pytest.approx(want["real"] / want["offers"])
