"""Graph checks for ``safepath lint``: problems only the story's shape reveals.

Every check runs on the abstract state graph (:mod:`.states`), so it respects
conditions: a scene reached only through a choice whose ``if:`` can never hold
is unreachable, and a scene whose choices can all be hidden at once is a dead
end *in that situation*, which the message names with an example path.

Codes SP050-SP069 (documented in ``docs/diagnostics.md``):

* SP050 unreachable scene, SP051 ending never reached (warnings);
* SP052 dead end: every choice of a scene hidden by its condition (error);
* SP053 loop with no way out to an ending (error);
* SP054 red flag in ``teaches`` never taught (warning);
* SP055 choice whose condition never holds where it is shown (warning);
* SP056 too many combinations to check conditions completely (warning);
* SP057 red flag shown that no choice lets the player spot (warning);
* SP058 badge that no path can earn (warning): its condition is false at every reachable ending;
* SP059 line or debrief part whose ``if:`` never holds where it is read, SP060 one whose ``if:`` always holds
  there (warnings): the text is never shown, or the condition says nothing;
* SP061 debrief part without ``if:`` that names a red flag some path into its ending never met (warning);
* SP062-SP066 the scoring properties (:mod:`.properties`, warnings): no careful, fair path gets 3 stars
  (SP062); refusing every offer gets more than 1 star (SP063); accepting every offer gets stars (SP064);
  3 stars only through the recruiter's private chat (SP065); a badge earned with a false alarm (SP066).

When the state limit stops the search, the checks fall back to the scene graph
with every choice open (no false alarms, fewer findings) and SP056 says so.
"""

from __future__ import annotations

import re
from collections import deque
from operator import itemgetter

from safepath.story import model
from safepath.authoring.analysis.badges import never_earned
from safepath.authoring.analysis.paths import components, count_paths, cyclic
from safepath.authoring.analysis.states import StateGraph, describe_step, explore
from safepath.story.diagnostics import Diagnostic, error, warning

LINT_MAX_STATES = 50_000


def lint_graph(scenario: model.Scenario, max_states: int = LINT_MAX_STATES) -> list[Diagnostic]:
    """Every graph problem of one loaded scenario, pointing at scene and choice positions."""
    graph = explore(scenario, max_states=max_states)
    out: list[Diagnostic] = []
    if graph.complete:
        reached = set(map(itemgetter(0), graph.states))  # the scene of every state
    else:
        reached = _structural_reach(scenario)
        out.append(warning(
            "SP056", scenario.path, scenario.pos.line, scenario.pos.column,
            f"the story has more than {max_states:,} combinations of scene and flags; conditions were "
            "not checked completely", "fewer story flags read by conditions make the check complete"))
    out += _unreachable(scenario, reached, graph)
    report = count_paths(graph, examples=False) if graph.complete else None  # no example path is printed
    if graph.complete:
        out += _dead_ends(graph)
        if report.loops:  # without a loop every state leads on to an end, so no loop can be closed
            out += _closed_loops(graph)
        out += _never_holds(graph, reached)
        out += _text_conditions(graph, reached)
    if report is not None and scenario.badges:
        out += _never_earned(scenario, never_earned(report, max_states))
    if report is not None and not report.loops:
        out += _unconditional_claims(report)
        out += _properties(report, max_states)
    out += _never_taught(scenario)
    unspottable = _never_spottable(scenario, reached)
    if unspottable:  # a red flag nobody can spot already explains why no fair path gets 3 stars
        out = [d for d in out if d.code != "SP062"]
    out += unspottable
    return out


def _unconditional_claims(report) -> list[Diagnostic]:
    """SP061: a debrief part shown to everyone who reaches the ending names a red flag some of them never met."""
    from safepath.authoring.analysis.claims import unconditional_claims

    out = []
    for scene, index, part, rid, never, total in unconditional_claims(report):
        entry = report.graph.scenario.red_flags.get(rid)
        title = f" ({entry.title.text!r})" if entry is not None else ""
        out.append(warning(
            "SP061", part.pos.file, part.pos.line, part.pos.column,
            f"part {index + 1} of the debrief of {scene.id!r} has no `if:` and speaks of the red flag {rid!r}{title}, "
            f"but {never:,} of the {total:,} paths into this ending never met it",
            f"give this part `if: met({rid}) or spotted({rid})`, or say only what every path into the ending saw "
            "(safepath playtest --exhaustive lists it)"))
    return out


def _properties(report, max_states: int) -> list[Diagnostic]:
    """SP062-SP066: the scoring properties of docs/scoring.md, exact over every path."""
    from safepath.authoring.analysis.properties import check

    props = check(report, max_states, figures=False)  # the warnings need no random-play figures
    if props is None:
        return []
    scenario = report.graph.scenario
    scenes = scenario.scenes
    out = []
    where = (scenario.path, scenario.pos.line, scenario.pos.column)
    fair = props.best_fair
    if fair is None or fair < 3:
        out.append(warning(
            "SP062", *where,
            "no careful, fair path gets 3 stars: " + ("every path makes a false alarm" if fair is None else
                                                     f"the most a path without a false alarm gets is {fair}"),
            "give a careful player a way to spot each red flag they meet (`spots:`), to trust each real offer "
            "after checking it (`accepts:`, `trusts:`) and to refuse each fake one (`refuses:`)"))

    def offer_place(legit: bool):
        scene = next((sc for sc in scenes.values() if sc.offer is not None and sc.offer.legit is legit), None)
        return (scene.offer.pos.file, scene.offer.pos.line, scene.offer.pos.column) if scene else where

    refuse = props.refuse_all_best
    if refuse is not None and refuse > 1:
        out.append(warning(
            "SP063", *offer_place(True),
            f"a path that refuses every offer it meets gets {refuse} stars (at most 1 is allowed): saying no to "
            "everything must not look like good judgement",
            "put a real offer on the way of such a path (`offer: {id: ..., legit: true}` and a choice that "
            "`refuses:` it), so refusing everything costs the real job"))
    accept = props.accept_all_best
    if accept is not None and accept > 0:
        out.append(warning(
            "SP064", *offer_place(False),
            f"a path that accepts every offer it meets gets {accept} star{'s' if accept != 1 else ''} (0 is "
            "required): saying yes to everything must not be rewarded",
            "put a fake offer on the way of such a path, with a choice that `accepts:` it"))
    if props.private_scenes and (props.best_without_private or 0) < 3 <= (props.best(props.stars_all) or 0):
        first = scenes[props.private_scenes[0]]
        out.append(warning(
            "SP065", first.pos.file, first.pos.line, first.pos.column,
            "3 stars can only be reached by entering the recruiter's private chat (scenes "
            f"{', '.join(props.private_scenes)}); without it the most is {props.best_without_private or 0}",
            "let a careful player check the offer, and spot its red flags, without moving into the private chat"))
    for badge in props.badges_with_false_alarm():
        line, column = _when_place(scenario, badge)
        with_fa, without = props.badge_split[badge.id]
        out.append(warning(
            "SP066", badge.pos.file, line, column,
            f"the badge {badge.id!r} is earned on {with_fa:,} path{'s' if with_fa != 1 else ''} that made a false alarm (and {without or 0:,} "
            "that did not): a badge must not reward suspicion",
            "add `and false_alarms == 0` to its `when:`, or `allows_false_alarm: true` if the badge is about "
            "something else entirely (telling the family, keeping the passport)"))
    return out


def _never_earned(scenario: model.Scenario, badges: list[model.Badge] | None) -> list[Diagnostic]:
    """SP058: badges whose condition is false at the end of every path (None: too large to know)."""
    out = []
    for badge in badges or []:
        line, column = _when_place(scenario, badge)
        out.append(warning(
            "SP058", badge.pos.file, line, column,
            f"the badge {badge.id!r} can never be earned: its condition `{badge.condition_source}` is false at "
            "the end of every path through the story",
            "check which flags, red flags and scores a player can really have at an ending "
            "(safepath playtest --exhaustive shows the range of every score)"))
    return out


def _when_place(scenario: model.Scenario, badge: model.Badge) -> tuple[int, int]:
    """The line and column of a badge's ``when:`` value (the model keeps only the badge's position)."""
    try:
        with open(badge.pos.file, encoding="utf-8") as f:
            lines = f.read().splitlines()
    except (OSError, UnicodeError):
        return badge.pos.line, badge.pos.column
    for number in range(badge.pos.line, min(len(lines), badge.pos.line + 12) + 1):
        m = re.search(r"(?:^|[\s{,])when\s*:\s*", lines[number - 1])
        if m and badge.condition_source and badge.condition_source in lines[number - 1][m.end():]:
            return number, m.end() + 1
        if number > badge.pos.line and re.match(r"\s*-\s", lines[number - 1]):
            break  # the next badge starts
    return badge.pos.line, badge.pos.column


def _structural_reach(scenario: model.Scenario) -> set[str]:
    seen = {scenario.start}
    queue = deque([scenario.start])
    while queue:
        scene = scenario.scenes[queue.popleft()]
        for target in [c.goto for c in scene.choices] + ([scene.next] if scene.next else []):
            if target in scenario.scenes and target not in seen:
                seen.add(target)
                queue.append(target)
    return seen


def _unreachable(scenario: model.Scenario, reached: set[str], graph: StateGraph) -> list[Diagnostic]:
    structural = _structural_reach(scenario)
    out = []
    for scene in scenario.scenes.values():
        if scene.id in reached:
            continue
        why = ("only choices whose conditions never hold lead here" if scene.id in structural
               else "no choice or `next` on the way from the start leads here")
        if scene.is_ending:
            out.append(warning("SP051", scene.pos.file, scene.pos.line, scene.pos.column,
                               f"the ending {scene.id!r} can never be reached: {why}",
                               "add a choice with `goto: " + scene.id + "` or remove the ending"))
        else:
            out.append(warning("SP050", scene.pos.file, scene.pos.line, scene.pos.column,
                               f"the scene {scene.id!r} can never be reached: {why}",
                               "add a choice with `goto: " + scene.id + "` or remove the scene"))
    return out


def _path_words(graph: StateGraph, state: int) -> str:
    steps = graph.example_path(state)
    if not steps:
        return "right at the start"
    words = [f"{describe_step(graph.scenario, scene, step)!r} ({scene})" for scene, step in steps[-6:]]
    more = "... " if len(steps) > 6 else ""
    return "for example after " + more + " → ".join(words)


def _dead_ends(graph: StateGraph) -> list[Diagnostic]:
    out, seen = [], set()
    for v, steps in enumerate(graph.moves):
        if steps:
            continue
        scene = graph.scene_of(v)
        if scene.is_ending or not scene.choices or scene.id in seen:
            continue  # a scene with neither choices nor next is the loader's SP038
        seen.add(scene.id)
        facts = graph.describe(v)
        out.append(error(
            "SP052", scene.pos.file, scene.pos.line, scene.pos.column,
            f"dead end: in scene {scene.id!r} every choice can be hidden by its condition at once"
            + (f" (when {facts})" if facts else "") + f", {_path_words(graph, v)}",
            "give this scene one choice without `if:`, or make the conditions cover every case"))
    return out


def _closed_loops(graph: StateGraph) -> list[Diagnostic]:
    """Loops from which no ending (and no dead end, reported already) can be reached."""
    n = len(graph.states)
    reverse: list[list[int]] = [[] for _ in range(n)]
    queue = deque()
    can_finish = [False] * n
    for v in range(n):
        for _, t in graph.moves[v]:
            reverse[t].append(v)
        if not graph.moves[v]:
            can_finish[v] = True
            queue.append(v)
    while queue:
        v = queue.popleft()
        for u in reverse[v]:
            if not can_finish[u]:
                can_finish[u] = True
                queue.append(u)
    out, reported = [], set()
    if all(can_finish):  # the usual story: every situation can still reach an ending, so no loop is closed
        return out
    for comp in components(graph):
        if can_finish[comp[0]] or not cyclic(graph, comp):
            continue
        scenes = sorted({graph.states[v][0] for v in comp}, key=list(graph.scenario.scenes).index)
        if frozenset(scenes) in reported:
            continue
        reported.add(frozenset(scenes))
        first = graph.scenario.scenes[scenes[0]]
        entry = min(comp)
        out.append(error(
            "SP053", first.pos.file, first.pos.line, first.pos.column,
            f"the scenes {', '.join(repr(s) for s in scenes)} form a loop with no way out to an ending "
            f"({_path_words(graph, entry)})",
            "add a choice in the loop that leads towards an ending"))
    return out


def _never_holds(graph: StateGraph, reached: set[str]) -> list[Diagnostic]:
    out = []
    for scene in graph.scenario.scenes.values():
        if scene.id not in reached:
            continue
        for choice in scene.choices:
            key = (scene.id, choice.index)
            if choice.condition is not None and key not in graph.condition_true:
                out.append(warning(
                    "SP055", choice.pos.file, choice.pos.line, choice.pos.column,
                    f"the choice {choice.text.text!r} in scene {scene.id!r} is never shown: its condition "
                    f"`{choice.condition_source}` is false on every path that reaches this scene",
                    "check which flags and scores can be set before this scene"))
    return out


def _text_conditions(graph: StateGraph, reached: set[str]) -> list[Diagnostic]:
    """SP059 / SP060: a line or debrief part whose ``if:`` is false (true) in every situation that reaches it."""
    out = []
    scenario = graph.scenario
    for sid, what, index, _ in graph.text_sites:
        if sid not in reached:
            continue
        scene = scenario.scenes[sid]
        item = scene.lines[index] if what == "line" else scene.debrief[index]
        name = f"line {index + 1} of scene {sid!r}" if what == "line" else f"part {index + 1} of the debrief of {sid!r}"
        where = "on every path that reaches this scene" if what == "line" else "at the end of every path into this ending"
        key = (sid, what, index)
        if key not in graph.text_true:
            out.append(warning(
                "SP059", item.pos.file, item.pos.line, item.pos.column,
                f"{name} is never shown: its condition `{item.condition_source}` is false {where}",
                "check which flags, red flags and scenes a player can have met by then, or remove the text"))
        elif key not in graph.text_false:
            out.append(warning(
                "SP060", item.pos.file, item.pos.line, item.pos.column,
                f"{name} is always shown: its condition `{item.condition_source}` is true {where}",
                "remove the `if:` (the text is shown anyway), or fix the condition if it should depend on the path"))
    return out


def _never_taught(scenario: model.Scenario) -> list[Diagnostic]:
    taught = set()
    for scene in scenario.scenes.values():
        taught.update(scene.red_flags)
        for c in scene.choices:
            taught.update(c.effects.spots)
            taught.update(c.effects.misses)
    out = []
    for flag in scenario.teaches:
        if flag not in taught:
            line, column = _teaches_place(scenario, flag)
            out.append(warning(
                "SP054", scenario.path, line, column,
                f"the red flag {flag!r} is listed in `teaches` but no scene shows it and no choice spots or "
                "misses it", f"add {flag} to a scene's `red_flags` or a choice's `spots`, or remove it from `teaches`"))
    return out


def _never_spottable(scenario: model.Scenario, reached: set[str]) -> list[Diagnostic]:
    """A red flag a player meets but can never spot is counted as missed on every path, capping the stars.

    Endings are left out: a red flag first met in an ending (the passport taken at the compound) is taught
    by the debrief, not by a choice.
    """
    spottable = {flag for sid in reached for c in scenario.scenes[sid].choices for flag in c.effects.spots}
    out = []
    reported = set()
    for sid in scenario.scenes:
        scene = scenario.scenes[sid]
        if sid not in reached or scene.is_ending:
            continue
        for flag in scene.red_flags:
            if flag in spottable or flag in reported:
                continue
            reported.add(flag)
            out.append(warning(
                "SP057", scene.pos.file, scene.pos.line, scene.pos.column,
                f"scene {sid!r} shows the red flag {flag!r}, but no choice in the story spots it, so every "
                "player who meets it is counted as missing it",
                f"add `spots: [{flag}]` to a choice where a careful player would notice it"))
    return out


def _teaches_place(scenario: model.Scenario, flag: str) -> tuple[int, int]:
    """The line of ``flag`` inside the ``teaches:`` list (the model keeps no position for it)."""
    try:
        with open(scenario.path, encoding="utf-8") as f:
            lines = f.read().splitlines()
    except (OSError, UnicodeError):
        return scenario.pos.line, scenario.pos.column
    in_teaches = False
    for number, text in enumerate(lines, 1):
        if re.match(r"teaches\s*:", text):
            in_teaches = True
        elif in_teaches and re.match(r"[A-Za-z_]", text):
            break
        if in_teaches:
            m = re.search(r"(?<![\w-])" + re.escape(flag) + r"(?![\w-])", text)
            if m:
                return number, m.start() + 1
    return scenario.pos.line, scenario.pos.column
