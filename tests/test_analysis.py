"""Path counting and the exhaustive report, checked against brute-force enumeration through the engine."""

from __future__ import annotations

import time
from collections import Counter

import pytest

from safepath.play import engine, scoring
from safepath.authoring.analysis import STUCK, count_paths, explore
from safepath.authoring.analysis.coverage import exhaustive, format_report
from safepath.authoring.analysis.generate import layered_spec, to_model
from safepath.story.loader import load_scenario
from safepath.paths import scenarios_dir


def brute_force(scenario):
    """Every path, played through the real engine (independent of the analysis)."""
    endings: Counter = Counter()
    safety: Counter = Counter()
    stars: Counter = Counter()
    badges: Counter = Counter({b.id: 0 for b in scenario.badges})
    lengths: dict[str, list[int]] = {}

    def walk(state):
        if engine.can_continue(scenario, state):
            return walk(engine.advance(scenario, state))
        shown = engine.available_choices(scenario, state)
        if engine.is_ended(scenario, state) or not shown:
            key = state.scene if engine.is_ended(scenario, state) else STUCK
            endings[key] += 1
            res = scoring.result(scenario, state)
            safety[res.score_map["safety"]] += 1
            if key != STUCK:
                stars[(key, res.stars)] += 1
            badges.update(b.id for b in res.badges)
            lengths.setdefault(key, []).append(len(state.steps))
            return
        for choice in shown:
            walk(engine.choose(scenario, state, choice.index))

    walk(engine.start(scenario))
    return endings, safety, stars, lengths, badges


def check_against_brute_force(scenario):
    endings, safety, stars, lengths, badges = brute_force(scenario)
    report = exhaustive(scenario)
    paths = report.paths
    assert {e: s.paths for e, s in paths.endings.items()} == dict(endings)
    assert paths.total_paths == sum(endings.values())
    for e, stats in paths.endings.items():
        assert stats.shortest == min(lengths[e])
        assert stats.longest == max(lengths[e])
        assert len(stats.shortest_path) == stats.shortest
        # the reconstructed example paths really lead to that ending
        for example in (stats.longest_path, stats.shortest_path):
            end = engine.replay(scenario, [step for _, step in example])
            if e == STUCK:
                assert engine.is_stuck(scenario, end)
            else:
                assert end.scene == e
    all_safety = Counter()
    for e, by_score in report.scores_by_ending.items():
        all_safety.update(by_score["safety"])
    assert all_safety == safety
    got_stars = Counter({(e, s): n for e, d in report.stars.items() if e != STUCK for s, n in d.items()})
    assert got_stars == stars
    assert report.badges == dict(badges)
    return report


@pytest.mark.parametrize("seed", range(6))
def test_generated_with_conditions_matches_brute_force(seed):
    scenario = to_model(layered_spec(5, width=3, choices=2, seed=seed, conditions=True))
    check_against_brute_force(scenario)


@pytest.mark.parametrize("seed", range(4))
def test_longer_conditional_stories_with_badges_match_brute_force(seed):
    """Deep enough that score windows clamp, red flags settle and false alarms pile up (thousands of paths)."""
    scenario = to_model(layered_spec(11, width=3, choices=2, seed=seed, conditions=True, badges=True))
    report = check_against_brute_force(scenario)
    assert report.paths.total_paths >= 2**11
    assert report.badges["never"] == 0 and any(report.badges[b] for b in ("careful", "sharp-eyed", "steady"))


@pytest.mark.parametrize("seed", range(3))
def test_generated_without_conditions_matches_brute_force(seed):
    scenario = to_model(layered_spec(6, width=2, choices=3, seed=seed))
    check_against_brute_force(scenario)


def test_dream_job_matches_brute_force():
    scenario = load_scenario(scenarios_dir() / "dream-job.yaml").scenario
    check_against_brute_force(scenario)


def test_trillion_paths_counted_exactly_in_under_a_second():
    scenario = to_model(layered_spec(40, width=3, choices=2, seed=1))
    began = time.perf_counter()
    report = count_paths(explore(scenario))
    elapsed = time.perf_counter() - began
    assert report.total_paths == 2**40 >= 10**12
    assert sum(s.paths for s in report.endings.values()) == 2**40
    assert elapsed < 1.0, f"took {elapsed:.2f} s"


def test_counts_are_exact_big_integers():
    scenario = to_model(layered_spec(70, width=2, choices=3, seed=2))
    report = count_paths(explore(scenario))
    assert report.total_paths == 3**70  # far beyond floating point precision


def test_a_loop_makes_the_count_infinite_but_shortest_paths_stay_exact():
    scenario = to_model(layered_spec(4, width=2, choices=2, seed=0, loop=True))
    report = count_paths(explore(scenario))
    assert report.loops and report.total_paths is None
    assert any(s.paths is None and s.longest is None for s in report.endings.values())
    assert all(s.shortest == 4 for s in report.endings.values())
    text = format_report(exhaustive(scenario))
    assert "infinitely many" in text and "not tabulated" in text


def test_conditions_hide_paths_and_report_coverage():
    spec = layered_spec(2, width=1, choices=1, seed=0)
    first, second = spec["scenes"]["s0-0"], spec["scenes"]["s1-0"]
    first["choices"].append({"text": "Mark", "goto": "s1-0", "set": ["marked"]})
    second["choices"].append({"text": "Only if marked", "goto": "end-safe", "if": "has(marked)"})
    second["choices"].append({"text": "Never", "goto": "end-safe", "if": "safety > 50"})
    scenario = to_model(spec)
    endings, *_ = brute_force(scenario)
    report = exhaustive(scenario)
    assert report.paths.total_paths == sum(endings.values()) == 2 + 1
    assert [c.text.text for _, c in report.unreached_choices] == ["Never"]
    text = format_report(report)
    assert "never shown: choice 'Never'" in text and "generated.yaml:" in text


def test_dead_end_paths_are_counted_as_stuck():
    spec = layered_spec(1, width=1, choices=1, seed=0)
    spec["scenes"]["s0-0"]["choices"][0]["if"] = "has(never_set)"
    spec["scenes"]["s0-0"]["choices"][0]["set"] = ["never_set"]
    report = count_paths(explore(to_model(spec)))
    assert set(report.endings) == {STUCK} and report.endings[STUCK].paths == 1


def test_badges_on_a_story_with_a_loop():
    scenario = to_model(layered_spec(4, width=2, choices=2, seed=0, loop=True, badges=True))
    report = exhaustive(scenario)
    assert report.paths.loops
    assert report.badges["never"] == 0
    assert report.badges["careful"] is None  # earned on paths that go round the loop: infinitely many
    assert "never earned" in format_report(report) and "infinitely many paths" in format_report(report)


def test_histogram_and_counts_use_the_right_plural():
    from safepath.authoring.analysis.coverage import _histogram, _paths

    lines = _histogram(Counter({3: 1, 4: 2}))
    assert lines[0].endswith("(1 path)") and lines[1].endswith("(2 paths)")
    assert _histogram(Counter({0: 1}), unit="run")[0].endswith("(1 run)")
    assert _paths(None) == "infinitely many paths (a loop can be taken again and again)"
    assert _paths(12_345) == "12,345 paths"


@pytest.mark.parametrize("seed", range(6))
def test_stories_with_offers_signs_and_private_chats_match_brute_force(seed):
    """Offers accepted and refused, safe signs trusted and doubted: the stars table is the engine's, path by path."""
    scenario = to_model(layered_spec(7, width=3, choices=2, seed=seed, conditions=True, badges=True, offers=True))
    assert scenario.offers and any(not o.legit for o in scenario.offers.values())
    report = check_against_brute_force(scenario)
    assert len({s for d in report.stars.values() for s in d}) >= 2  # more than one star value: not a constant


def brute_force_claims(scenario):
    """Per ending: paths, and per red flag (faced, spotted, missed) and per story flag the paths it holds on."""
    from safepath.authoring.analysis.claims import story_flags

    out = {}

    def walk(state):
        if engine.can_continue(scenario, state):
            return walk(engine.advance(scenario, state))
        shown = engine.available_choices(scenario, state)
        if engine.is_ended(scenario, state):
            res = scoring.result(scenario, state)
            found = out.setdefault(state.scene, {"paths": 0, "faced": Counter(), "spotted": Counter(),
                                                 "missed": Counter(), "flags": Counter()})
            found["paths"] += 1
            for o in res.red_flags:
                found["faced"][o.id] += o.met
                found["spotted"][o.id] += o.status == "spotted"
                found["missed"][o.id] += o.status == "missed"
            for f in story_flags(scenario):
                found["flags"][f] += f in state.flags
            return
        for choice in shown:
            walk(engine.choose(scenario, state, choice.index))

    walk(engine.start(scenario))
    return out


@pytest.mark.parametrize("seed", range(4))
def test_debrief_claims_match_brute_force(seed):
    from safepath.authoring.analysis.claims import claims

    spec = layered_spec(7, width=3, choices=2, seed=seed, conditions=True, offers=True)
    first = spec["scenes"][spec["start"]]["choices"][1]
    first["unset"] = ["flag0"]  # a flag switched off again on some paths
    scenario = to_model(spec)
    report = exhaustive(scenario)
    got = claims(report.paths)
    want = brute_force_claims(scenario)
    assert set(got) == set(want)
    for sid, found in got.items():
        w = want[sid]
        assert found.paths == w["paths"]
        for name in ("faced", "spotted", "missed", "flags"):
            assert {k: v for k, v in getattr(found, name).items() if v} == {k: v for k, v in w[name].items() if v}, name
    assert any(0 < v < f.paths for f in got.values() for v in f.flags.values())  # some, not only all or none


def _paths_by_steps(moves, v, sink_name):
    """Every path from ``v`` as its sequence of step numbers, ending with the name of its end (a brute walk)."""
    if not moves[v]:
        return [(sink_name(v),)]
    return [(number,) + rest for number, t in moves[v] for rest in _paths_by_steps(moves, t, sink_name)]


@pytest.mark.parametrize("seed", range(4))
def test_states_with_the_same_future_share_a_class_and_keep_every_path(seed):
    from safepath.authoring.analysis.tables import same_futures

    scenario = to_model(layered_spec(7, width=3, choices=2, seed=seed, conditions=True, offers=True))
    graph = explore(scenario)
    report = count_paths(graph)
    classes, members = same_futures(graph.moves, graph.states, report.order)
    assert len(members) < len(graph.states)  # conditions that show the same choices anyway merge states
    assert classes[0] == len(members) - 1  # the start's class is numbered last
    merged = [[(number, classes[t]) for number, t in graph.moves[v]] for v in members]
    for c, row in enumerate(merged):
        assert all(target < c for _, target in row)  # counting down is a topological order
    scene_of_state = lambda v: graph.states[v][0]  # noqa: E731
    scene_of_class = lambda c: graph.states[members[c]][0]  # noqa: E731
    want = sorted(_paths_by_steps(graph.moves, 0, scene_of_state))
    assert sorted(_paths_by_steps(merged, classes[0], scene_of_class)) == want  # each path once, none added
    assert len(want) == report.total_paths


def test_states_whose_choices_differ_stay_apart():
    from safepath.authoring.analysis.tables import same_futures

    # two ways into one scene, then a condition that shows its second choice on one of them only
    moves = [[(0, 1), (1, 2)], [(2, 3), (3, 4)], [(2, 3)], [], []]
    states = [("a", 0, ()), ("b", 1, ()), ("b", 0, ()), ("end", 0, ()), ("other", 0, ())]
    classes, members = same_futures(moves, states, [0, 1, 2, 3, 4])
    assert len(set(classes)) == 5
    states[4] = ("end", 5, ())  # two ends in one scene are one class, whatever their facts
    classes, members = same_futures(moves, states, [0, 1, 2, 3, 4])
    assert classes[3] == classes[4] and classes[1] != classes[2]
