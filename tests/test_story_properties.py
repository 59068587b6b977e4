"""Every shipped story rewards discernment, not suspicion (issue 10), checked exactly over every path.

The scoring properties of docs/scoring.md, from the exhaustive analysis (``properties.check``), one by one so that
a failure says which: the best careful-and-fair path gets 3 stars; refusing every offer gets at most 1 star;
accepting every offer gets none; 3 stars need no step into the recruiter's private chat; no badge rewards a
false alarm unless it is about something else. And what the review measured: more than one legitimate offer
or safe sign per story, at least 30 % of the offers a random player meets are real, real offers are not always
the second thing a player meets, and a careful player who refuses a fake offer at once is not charged a miss.
"""

from __future__ import annotations

import pytest

from safepath.authoring.analysis.coverage import exhaustive
from safepath.paths import scenarios_dir
from safepath.play import engine
from safepath.story.loader import load_scenario

STORIES = sorted(scenarios_dir().glob("*.yaml"))


@pytest.fixture(scope="module", params=STORIES, ids=lambda p: p.stem)
def analysed(request):
    scenario = load_scenario(request.param).scenario
    report = exhaustive(scenario)
    assert report.properties is not None, "the exhaustive analysis did not finish"
    return scenario, report.properties


def test_best_careful_and_fair_path_gets_three_stars(analysed):
    _, props = analysed
    assert props.best_fair == 3


def test_refusing_every_offer_gets_at_most_one_star(analysed):
    _, props = analysed
    assert sum(props.stars_refuse_all.values()) > 0, "some path refuses every offer it meets"
    assert props.refuse_all_best <= 1


def test_accepting_every_offer_gets_no_star(analysed):
    _, props = analysed
    assert sum(props.stars_accept_all.values()) > 0
    assert props.accept_all_best == 0


def test_three_stars_without_the_private_chat(analysed):
    _, props = analysed
    assert props.best_without_private == 3


def test_no_badge_rewards_a_false_alarm(analysed):
    _, props = analysed
    assert props.badges_with_false_alarm() == []


def test_real_offers_are_a_fair_share_of_what_a_random_player_meets(analysed):
    scenario, props = analysed
    real = [o for o in scenario.offers.values() if o.legit]
    signs = {s for scene in scenario.scenes.values() for s in scene.safe_signs}
    assert len(real) + len(signs) > 1, "more than one legitimate offer or safe sign"
    assert props.real_offer_share >= 0.30, float(props.real_offer_share)
    assert props.p_three_stars > 0


def _first_offers(scenario):
    """The offer met first and second on each path (depth-first over the engine)."""
    orders, stack = set(), [engine.start(scenario)]
    while stack:
        state = stack.pop()
        if engine.is_ended(scenario, state):
            orders.add(tuple(scenario.offers[o].legit for o in state.offers_met[:2]))
        elif engine.can_continue(scenario, state):
            stack.append(engine.advance(scenario, state))
        else:
            stack += [engine.choose(scenario, state, c.index) for c in engine.available_choices(scenario, state)]
    return orders


def test_the_real_offer_is_not_always_met_second():
    firsts = set()
    for path in STORIES:
        firsts |= {order[0] for order in _first_offers(load_scenario(path).scenario) if order}
    assert firsts == {True, False}, "across the stories, real offers come first on some paths and second on others"


def test_dream_job_lets_the_player_choose_which_offer_to_read_first():
    scenario = load_scenario(scenarios_dir() / "dream-job.yaml").scenario
    assert {order[:1] for order in _first_offers(scenario)} == {(True,), (False,)}


def test_blocking_the_ad_at_once_spots_every_red_flag_it_shows():
    """A careful player who refuses the fake ad straight away is charged no miss for what the ad showed."""
    scenario = load_scenario(scenarios_dir() / "dream-job.yaml").scenario
    ad = scenario.scenes["ad"]
    refuse = [c for c in ad.choices if c.effects.refuses]
    assert refuse and all(set(ad.red_flags) <= set(c.effects.spots) for c in refuse)
    for choice in ad.choices:  # every careful choice there spots `rush`, the ad's hurry
        if not choice.effects.misses:
            assert "rush" in choice.effects.spots, choice.text.text


def test_every_spot_names_a_red_flag_already_shown():
    """A choice never spots a red flag the player has not met yet (on any path to it)."""
    for path in STORIES:
        scenario = load_scenario(path).scenario
        stack = [engine.start(scenario)]
        seen = set()
        while stack:
            state = stack.pop()
            if engine.is_ended(scenario, state):
                continue
            if engine.can_continue(scenario, state):
                stack.append(engine.advance(scenario, state))
                continue
            for choice in engine.available_choices(scenario, state):
                key = (state.scene, choice.index, tuple(sorted(state.met)))
                if key in seen:
                    continue
                seen.add(key)
                unmet = set(choice.effects.spots) - set(state.met)
                assert not unmet, (scenario.id, state.scene, choice.text.text, unmet)
                stack.append(engine.choose(scenario, state, choice.index))
