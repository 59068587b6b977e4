"""Property test: on random small stories with every kind of condition, the analysis equals brute force.

The stories mix flags set and unset, red flags met/spotted/missed, visited scenes, every counter and
score comparisons in both directions, so liveness and clamping (safepath.authoring.analysis.states) are
exercised where they could go wrong.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from safepath.authoring.analysis.generate import GENERATED_FLAGS, to_model
from test_analysis import brute_force, check_against_brute_force

CONDITIONS = st.one_of(
    st.builds(lambda f: f"has(f{f})", st.integers(0, 2)),
    st.builds(lambda f: f"not has(f{f})", st.integers(0, 2)),
    st.builds(lambda r: f"spotted({r})", st.sampled_from(GENERATED_FLAGS)),
    st.builds(lambda r: f"missed({r})", st.sampled_from(GENERATED_FLAGS)),
    st.builds(lambda r: f"met({r})", st.sampled_from(GENERATED_FLAGS)),
    st.builds(lambda s: f"visited(s{s})", st.integers(0, 5)),
    st.builds(lambda op, n: f"safety {op} {n}", st.sampled_from(["<", "<=", ">", ">=", "==", "!="]), st.integers(-2, 3)),
    st.builds(lambda c, n: f"{c} >= {n}", st.sampled_from(["hits", "misses", "false_alarms", "trusted_safe",
                                                           "choices_made", "trust"]), st.integers(0, 3)),
    st.just("safety > trust"),
)

#: badge conditions: anything a choice can test, plus the ending reached, alone or combined
BADGE_CONDITIONS = st.one_of(
    CONDITIONS,
    st.builds(lambda k: f"ending({k})", st.sampled_from(["safe", "recovered", "trapped-with-help"])),
    st.builds(lambda k, c: f"ending({k}) and {c}", st.sampled_from(["safe", "recovered"]), CONDITIONS),
    st.builds(lambda a, b: f"{a} or not ({b})", CONDITIONS, CONDITIONS),
)


@st.composite
def stories(draw):
    n = draw(st.integers(2, 6))
    scenes = {}
    for i in range(n):
        choices = []
        for _ in range(draw(st.integers(1, 3))):
            later = [f"s{j}" for j in range(i + 1, n)] + ["end-a", "end-b"]
            ch = {"text": f"c{len(choices)}", "goto": draw(st.sampled_from(later))}
            if draw(st.booleans()):
                ch["safety"] = draw(st.integers(-2, 2))
            if draw(st.integers(0, 3)) == 0:
                ch["score"] = {"trust": draw(st.integers(-1, 2))}
            if draw(st.booleans()):
                ch["set"] = [f"f{draw(st.integers(0, 2))}"]
            if draw(st.integers(0, 3)) == 0:
                ch["unset"] = [f"f{draw(st.integers(0, 2))}"]
            if draw(st.integers(0, 2)) == 0:
                ch["spots"] = [draw(st.sampled_from(GENERATED_FLAGS))]
            if draw(st.integers(0, 3)) == 0:
                ch["misses"] = [draw(st.sampled_from(GENERATED_FLAGS))]
            ch["false_alarm"] = draw(st.integers(0, 4)) == 0
            ch["trusts_safe"] = not ch["false_alarm"] and draw(st.integers(0, 4)) == 0
            if draw(st.booleans()):
                ch["if"] = draw(CONDITIONS)
            choices.append(ch)
        lines = [f"Scene {i}."]
        if draw(st.integers(0, 2)) == 0:
            lines.append({"me": "Maybe.", "if": draw(CONDITIONS)})
        scene = {"kind": "decision", "lines": lines, "choices": choices}
        if draw(st.booleans()):
            scene["red_flags"] = [draw(st.sampled_from(GENERATED_FLAGS))]
        if i > 0 and draw(st.integers(0, 4)) == 0:  # some scenes just continue
            scene = {"kind": "narration", "lines": lines, "next": choices[0]["goto"]}
        scenes[f"s{i}"] = scene
    scenes["end-a"] = {"kind": "ending", "ending": "safe", "debrief": ["Safe.", {"text": "If.", "if": draw(BADGE_CONDITIONS)}]}
    scenes["end-b"] = {"kind": "ending", "ending": "recovered", "debrief": "Recovered."}
    badges = [{"id": f"b{i}", "title": "B", "description": "D", "when": draw(BADGE_CONDITIONS)}
              for i in range(draw(st.integers(0, 3)))]
    return {"schema_version": 1, "id": "prop", "title": "P", "summary": "S", "minutes": 1, "content_note": "N",
            "sources": [{"title": "T", "url": "https://example.org"}],
            "characters": {"me": {"name": "Me", "role": "player"}}, "teaches": list(GENERATED_FLAGS),
            "scores": {"trust": draw(st.integers(-1, 2))}, "start": "s0", "scenes": scenes, "badges": badges}


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(stories())
def test_random_stories_match_brute_force(spec):
    scenario = to_model(spec)
    brute_force(scenario)  # the engine accepts the story
    check_against_brute_force(scenario)


def shown_and_dead_ends(scenario):
    """Brute force through the engine: choices ever shown, scenes ever reached, scenes where players get stuck,
    badges ever earned."""
    from safepath.play import engine, scoring

    shown, reached, stuck, earned = set(), set(), set(), set()
    texts = {True: set(), False: set()}  # (scene, "line" | "debrief", index) seen shown / hidden

    def walk(state):
        reached.add(state.scene)
        scene = scenario.scenes[state.scene]
        visible = engine.shown_lines(scenario, state)
        for i, line in enumerate(scene.lines):
            if line.condition is not None:
                texts[line in visible].add((scene.id, "line", i))
        if engine.can_continue(scenario, state):
            return walk(engine.advance(scenario, state))
        if engine.is_ended(scenario, state):
            result = scoring.result(scenario, state)
            earned.update(b.id for b in result.badges)
            for i, part in enumerate(scene.debrief):
                if part.condition is not None:
                    texts[part.text in result.debrief].add((scene.id, "debrief", i))
            return
        available = engine.available_choices(scenario, state)
        if not available:
            stuck.add(state.scene)
        for choice in available:
            shown.add((state.scene, choice.index))
            walk(engine.choose(scenario, state, choice.index))

    walk(engine.start(scenario))
    shown_and_dead_ends.texts = texts
    return shown, reached, stuck, earned


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(stories())
def test_lint_findings_are_exactly_what_players_can_meet(spec):
    from safepath.authoring.analysis import lint_graph

    scenario = to_model(spec)
    shown, reached, stuck, earned = shown_and_dead_ends(scenario)
    found = lint_graph(scenario)
    by_code = {}
    for d in found:
        by_code.setdefault(d.code, set()).add(d.line)
    never = {c.pos.line for sid in reached for c in scenario.scenes[sid].choices
             if c.condition is not None and (sid, c.index) not in shown}
    assert by_code.get("SP055", set()) == never
    assert by_code.get("SP052", set()) == {scenario.scenes[s].pos.line for s in stuck}
    unreached = {s.pos.line for s in scenario.scenes.values() if s.id not in reached}
    assert by_code.get("SP050", set()) | by_code.get("SP051", set()) == unreached
    never_earned = {b.pos.line for b in scenario.badges if b.id not in earned}
    assert by_code.get("SP058", set()) == never_earned
    texts = shown_and_dead_ends.texts

    def place(key):
        sid, what, i = key
        scene = scenario.scenes[sid]
        return (scene.lines[i] if what == "line" else scene.debrief[i]).pos.line

    assert by_code.get("SP059", set()) == {place(k) for k in texts[False] - texts[True]}
    assert by_code.get("SP060", set()) == {place(k) for k in texts[True] - texts[False]}
