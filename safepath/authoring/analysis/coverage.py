"""The exhaustive playtest report: coverage, path counts, endings, scores and stars.

Built on the abstract state graph (:mod:`.states`) and the forward tables of
:mod:`.paths` and :mod:`.badges`, so it never enumerates play-throughs: every
scene, every choice and both outcomes of every condition are visited once per
abstract state in which they can occur. Stars come from the exact scoring rule
(:func:`safepath.play.scoring.stars_for`) applied to the table of (red flags spotted,
red flags met or missed, false alarms) at each ending; badges from their own
conditions at each ending. When the search stops at ``max_states`` the report
says so and claims nothing about what it has not explored.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from safepath.story import model
from safepath.authoring.analysis.badges import badge_paths
from safepath.authoring.analysis.paths import STUCK, PathReport, count_paths
from safepath.authoring.analysis.states import DEFAULT_MAX_STATES, StateGraph, describe_step, explore


@dataclass
class Exhaustive:
    scenario: model.Scenario
    graph: StateGraph
    paths: PathReport
    unreached_scenes: list[model.Scene] = field(default_factory=list)
    unreached_choices: list[tuple[model.Scene, model.Choice]] = field(default_factory=list)
    always_shown: list[tuple[model.Scene, model.Choice]] = field(default_factory=list)  # `if:` never false
    scores: dict[str, Counter] | None = None  # score -> value -> paths (all endings)
    scores_by_ending: dict[str, dict[str, Counter]] | None = None  # ending -> score -> value -> paths
    stars: dict[str, Counter] | None = None  # ending -> stars -> paths
    badges: dict[str, int | None] | None = None  # badge id -> paths that earn it (None: infinitely many)
    max_states: int = DEFAULT_MAX_STATES
    claims: dict | None = None  # ending -> EndingClaims (what its debrief may say; see .claims)
    properties: object | None = None  # .properties.Properties: the scoring properties and figures


def exhaustive(scenario: model.Scenario, max_states: int = DEFAULT_MAX_STATES) -> Exhaustive:
    """The whole report: one exploration, then forward tables over it (scores, stars, badges).

    The cyclic garbage collector is paused meanwhile (as lint does): the tables are hundreds of thousands of
    small dicts and tuples in no cycle, which reference counting frees, and each automatic pass would walk
    them all (about a tenth of the time on a story with 47,000 situations).
    """
    from safepath.story.yamlsource import bulk_allocation

    with bulk_allocation():
        return _exhaustive(scenario, max_states)


def _exhaustive(scenario: model.Scenario, max_states: int) -> Exhaustive:
    graph = explore(scenario, max_states=max_states)
    report = Exhaustive(scenario, graph, count_paths(graph) if graph.complete else PathReport(graph, {}, False),
                        max_states=max_states)
    reached = {s for s, _, _ in graph.states}
    for scene in scenario.scenes.values():
        if scene.id not in reached:
            report.unreached_scenes.append(scene)
            continue
        for choice in scene.choices:
            key = (scene.id, choice.index)
            if key not in graph.condition_true:
                report.unreached_choices.append((scene, choice))
            elif choice.condition is not None and key not in graph.condition_false:
                report.always_shown.append((scene, choice))
    if not graph.complete:
        return report
    if not report.paths.loops:
        from safepath.authoring.analysis.properties import check

        report.properties = check(report.paths, max_states)
    split = getattr(report.properties, "badge_split", None)
    if split and all(w is not None and wo is not None for w, wo in split.values()):
        report.badges = {bid: w + wo for bid, (w, wo) in split.items()}  # one run of the badge programme
    else:
        report.badges = badge_paths(report.paths, max_states)
    if not report.paths.loops:
        report.scores_by_ending = report.paths.score_tables()
        report.scores = {}
        for ending, by_score in report.scores_by_ending.items():
            if ending != STUCK:
                for name, dist in by_score.items():
                    report.scores.setdefault(name, Counter()).update(dist)
        report.stars = report.paths.stars_table()
        from safepath.authoring.analysis.claims import claims

        report.claims = claims(report.paths)
    return report


def _paths(n: int | None, unit: str = "path") -> str:
    if n is None:
        return f"infinitely many {unit}s (a loop can be taken again and again)"
    return f"{n:,} {unit}" if n == 1 else f"{n:,} {unit}s"


def _range(dist: Counter) -> str:
    if not dist:
        return "-"
    total = sum(dist.values())
    mean = sum(v * n for v, n in dist.items()) / total
    return f"min {min(dist)}, max {max(dist)}, mean {mean:.2f}"


def _histogram(dist: Counter, width: int = 30, unit: str = "path") -> list[str]:
    total = sum(dist.values()) or 1
    out = []
    for value in sorted(dist):
        share = dist[value] / total
        out.append(f"      {value:>4}: {'#' * max(1 if dist[value] else 0, round(share * width)):<{width}} "
                   f"{share:6.1%}  ({_paths(dist[value], unit)})")
    return out


def _steps(n: int) -> str:
    return f"{n} step" if n == 1 else f"{n} steps"


def path_words(scenario: model.Scenario, steps: list[tuple[str, int]]) -> str:
    shown = [describe_step(scenario, scene, step) for scene, step in steps if step >= 0]
    if len(shown) > 12:
        shown = shown[:8] + [f"... {len(shown) - 11} more ..."] + shown[-3:]
    return " → ".join(shown) if shown else "(no choices)"


def format_report(report: Exhaustive) -> str:
    """The report authors read: problems first, then numbers."""
    sc = report.scenario
    g = report.graph
    lines = [f"Exhaustive playtest of {sc.id} ({sc.path})"]
    n_choices = sum(len(s.choices) for s in sc.scenes.values())
    reached_choices = n_choices - len(report.unreached_choices) - sum(
        len(s.choices) for s in report.unreached_scenes)
    lines.append(f"  situations explored: {len(g.states):,} (scene x the flags and scores conditions read)")
    if not g.complete:
        lines.append(f"  WARNING: the search stopped after {report.max_states:,} situations (--max-states), so "
                     "nothing below is a finding: scenes and choices not reached yet may still be reachable.")
        lines.append(f"  scenes reached before it stopped: {len(sc.scenes) - len(report.unreached_scenes)} of "
                     f"{len(sc.scenes)}; choices shown: {reached_choices} of {n_choices}")
        lines.append("  To check everything, give a larger --max-states, or read fewer flags and scores in `if:`.")
        return "\n".join(lines)
    lines.append(f"  scenes reached: {len(sc.scenes) - len(report.unreached_scenes)} of {len(sc.scenes)}")
    lines.append(f"  choices shown: {reached_choices} of {n_choices}")
    conds = sum(1 for s in sc.scenes.values() for c in s.choices if c.condition is not None)
    if conds:
        both = sum(1 for s in sc.scenes.values() for c in s.choices if c.condition is not None
                   and (s.id, c.index) in g.condition_true and (s.id, c.index) in g.condition_false)
        lines.append(f"  conditions seen both true and false: {both} of {conds}")
    for scene in report.unreached_scenes:
        lines.append(f"  never reached: scene {scene.id!r} at {scene.pos}")
    for scene, choice in report.unreached_choices:
        lines.append(f"  never shown: choice {choice.text.text!r} in {scene.id!r} at {choice.pos}"
                     + (f" (if: {choice.condition_source})" if choice.condition_source else ""))
    for scene, choice in report.always_shown:
        lines.append(f"  always shown: choice {choice.text.text!r} in {scene.id!r} at {choice.pos}: "
                     f"its condition `{choice.condition_source}` is never false")
    p = report.paths
    total = p.total_paths
    lines.append("Paths from start to end: " + (f"{total:,}" if total is not None else
                                                 "infinitely many (a loop can be taken again and again)"))
    for ending, stats in p.endings.items():
        if ending == STUCK:
            lines.append(f"  STUCK (no choice available): {_paths(stats.paths)}, shortest "
                         f"{_steps(stats.shortest)}: {path_words(sc, stats.shortest_path)}")
            continue
        kind = stats.kind.value if stats.kind else "?"
        lines.append(f"  ending {ending} ({kind}): {_paths(stats.paths)}")
        lines.append(f"    shortest: {_steps(stats.shortest)}: {path_words(sc, stats.shortest_path)}")
        if stats.longest is None:
            lines.append("    longest: no limit (a loop leads here)")
        else:
            lines.append(f"    longest: {_steps(stats.longest)}: {path_words(sc, stats.longest_path or [])}")
        if report.scores_by_ending:
            for name, dist in report.scores_by_ending.get(ending, {}).items():
                lines.append(f"    {name}: {_range(dist)}")
        if report.stars:
            stars = report.stars.get(ending, Counter())
            lines.append("    stars: " + ", ".join(f"{k}★ {v:,}" for k, v in sorted(stars.items())))
    if report.badges:
        lines.append("Badges (paths that earn each):")
        for badge in sc.badges:
            n = report.badges.get(badge.id)
            share = f" ({n / total:.1%})" if n and total else ""
            lines.append(f"  {badge.id}: {_paths(n)}{share}" + (
                f" — never earned: `{badge.condition_source}` is false at every ending (SP058)" if n == 0 else ""))
    if report.scores:
        lines.append("Scores over all paths:")
        for name, dist in report.scores.items():
            lines.append(f"  {name}: {_range(dist)}")
            lines += _histogram(dist)
    if report.stars:
        every: Counter = Counter()
        for ending, dist in report.stars.items():
            if ending != STUCK:
                every.update(dist)
        lines.append("Stars over all paths:")
        lines += _histogram(every)
    if report.claims:
        from safepath.authoring.analysis.claims import format_claims

        lines += format_claims(report.paths, report.claims)
    if report.stars is not None:
        from safepath.authoring.analysis.properties import format_properties

        lines += format_properties(report.properties)
    elif p.loops:
        lines.append("Scores and stars: not tabulated, because a loop allows paths of any length.")
    return "\n".join(lines)
