"""What a debrief may claim: per ending, on how many of the paths into it each fact holds at the end.

An ending's debrief is read by every player who reaches that ending, whatever way they came. A sentence
without ``if:`` may therefore only say what is true on *all* of those paths. This module counts, for each
ending, the paths into it on which

* each red flag was *faced* (met in a visited scene, spotted or gone past), *spotted*, or *missed* (faced and
  never spotted, as the debrief lists it),
* each story flag is set at the end (``has(x)``),

so ``safepath playtest --exhaustive`` and the HTML map can say "on all / some / none of the paths", and lint
(SP061) can name a debrief part without ``if:`` that speaks of a red flag some path into its ending never
faced.

Each fact is one linear forward sum over the abstract state graph in topological order: the paths with the
fact true after a step are those with it true before (if the step leaves it alone), every path (if the step
makes it true) or none (if the step switches a story flag off). Spotted red flags are always faced, so
``missed = faced - spotted``. No path is enumerated; the cost is (steps of the graph) x (facts).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from safepath.story import model
from safepath.authoring.analysis.paths import STUCK, PathReport
from safepath.authoring.analysis.states import CONTINUE, all_red_flags

ALL, SOME, NONE = "all", "some", "none"


@dataclass
class EndingClaims:
    ending: str
    paths: int
    faced: dict[str, int] = field(default_factory=dict)  # red flag -> paths into the ending that faced it
    spotted: dict[str, int] = field(default_factory=dict)
    missed: dict[str, int] = field(default_factory=dict)
    flags: dict[str, int] = field(default_factory=dict)  # story flag -> paths ending with it set

    def share(self, n: int) -> str:
        return ALL if n == self.paths else NONE if n == 0 else SOME


def story_flags(scenario: model.Scenario) -> list[str]:
    names: set[str] = set()
    for scene in scenario.scenes.values():
        for c in scene.choices:
            names.update(c.effects.set)
            names.update(c.effects.unset)
    return sorted(names)


def claims(report: PathReport) -> dict[str, EndingClaims]:
    """Per ending scene id (STUCK left out): the counts above. Empty with loops."""
    graph = report.graph
    scenario = graph.scenario
    scenes = scenario.scenes
    n = len(graph.states)
    if report.loops or not n or not report.order:
        return {}
    red = all_red_flags(scenario)
    flags = story_flags(scenario)
    facts = [("faced", f) for f in red] + [("spotted", f) for f in red] + [("flag", f) for f in flags]
    index = {fact: i for i, fact in enumerate(facts)}
    k = len(facts)

    def effect(scene: model.Scene, step: int) -> tuple[list[int], list[int]]:
        """(facts made true, facts made false) by one step, target scene included."""
        on, off = [], []
        if step == CONTINUE:
            target = scenes[scene.next]
        else:
            c = next(c for c in scene.choices if c.index == step)
            target = scenes[c.goto]
            e = c.effects
            on += [index[("faced", f)] for f in e.spots + e.misses]
            on += [index[("spotted", f)] for f in e.spots]
            off += [index[("flag", f)] for f in e.unset if f not in e.set]
            on += [index[("flag", f)] for f in e.set]
        on += [index[("faced", f)] for f in target.red_flags]
        return sorted(set(on)), off

    # a row of counts is one big integer, each fact's count in its own slice of bits (no count of paths
    # overflows it): adding two rows is one addition, a step that sets facts one mask and one product
    counts = report.counts
    slot = max(counts[v] for v in report.order).bit_length() + 1
    field_mask = (1 << slot) - 1

    def spread(positions) -> int:
        return sum(1 << (slot * i) for i in positions)

    changes = []
    for sid, step in graph.step_keys:
        on, off = effect(scenes[sid], step)
        ones = spread(on)
        changes.append((~(ones * field_mask) & ~(spread(off) * field_mask), ones, bool(on or off)))
    tables: list[int | None] = [None] * n
    tables[0] = spread(index[("faced", f)] for f in scenes[scenario.start].red_flags)
    out: dict[str, EndingClaims] = {}
    for v in report.order:
        row = tables[v]
        tables[v] = None
        if row is None:
            continue
        if not graph.moves[v]:
            scene = graph.scene_of(v)
            if not scene.is_ending:
                continue
            found = out.get(scene.id)
            if found is None:
                found = out[scene.id] = EndingClaims(scene.id, 0, {f: 0 for f in red}, {f: 0 for f in red},
                                                     {f: 0 for f in red}, {f: 0 for f in flags})
            found.paths += counts[v]
            values = [row >> (slot * i) & field_mask for i in range(k)]
            for f in red:
                faced, spotted = values[index[("faced", f)]], values[index[("spotted", f)]]
                found.faced[f] += faced
                found.spotted[f] += spotted
                found.missed[f] += faced - spotted
            for f in flags:
                found.flags[f] += values[index[("flag", f)]]
            continue
        mine = counts[v]
        for number, t in graph.moves[v]:
            keep, ones, changes_any = changes[number]
            new = (row & keep) | ones * mine if changes_any else row
            target = tables[t]
            tables[t] = new if target is None else target + new
    return out


def named_red_flags(scenario: model.Scenario, text: str, red: list[str] | None = None) -> list[str]:
    """The red flags a text names, by id (``private-chat``) or by English catalogue title, case aside.

    ``red``: the story's red flags (:func:`all_red_flags`), when the caller asks about many texts (finding
    them walks every scene and choice)."""
    lowered = text.lower()
    found = []
    for rid in all_red_flags(scenario) if red is None else red:
        entry = scenario.red_flags.get(rid)
        title = entry.title.text.lower() if entry is not None else ""
        if re.search(r"(?<![\w-])" + re.escape(rid.lower()) + r"(?![\w-])", lowered) or (title and title in lowered):
            found.append(rid)
    return found


def unconditional_claims(report: PathReport, table: dict[str, EndingClaims] | None = None):
    """(ending scene, part index, part, red flag, paths that never faced it, paths into the ending) for each
    debrief part without ``if:`` that names a red flag some path into its ending never faced (SP061)."""
    scenario = report.graph.scenario
    red = all_red_flags(scenario)
    # the debriefs first: the counts are needed only for an ending with a part that names a red flag
    named = {}
    for scene in scenario.scenes.values():
        parts = [(i, part, rids) for i, part in enumerate(scene.debrief) if part.condition is None
                 for rids in [named_red_flags(scenario, part.text.text, red)] if rids]
        if parts:
            named[scene.id] = parts
    if not named:
        return
    table = claims(report) if table is None else table
    for sid, found in table.items():
        scene = scenario.scenes[sid]
        for i, part, rids in named.get(sid, ()):
            for rid in rids:
                never = found.paths - found.faced.get(rid, 0)
                if never:
                    yield scene, i, part, rid, never, found.paths


def format_claims(report: PathReport, table: dict[str, EndingClaims] | None = None) -> list[str]:
    """The lines ``playtest --exhaustive`` prints: per ending, which facts hold on all, some or none of its paths."""
    table = claims(report) if table is None else table
    if not table:
        return []
    lines = ["What each debrief may claim (on all / some / none of the paths into the ending):"]
    for sid, found in table.items():
        lines.append(f"  ending {sid} ({found.paths:,} paths):")
        for label, counts in (("red flags met", found.faced), ("red flags spotted", found.spotted),
                              ("red flags missed", found.missed), ("story flags set", found.flags)):
            groups = {ALL: [], SOME: [], NONE: []}
            for name, k in counts.items():
                groups[found.share(k)].append(name if found.share(k) != SOME else f"{name} ({k:,})")
            words = "; ".join(f"{g}: {', '.join(names)}" for g, names in groups.items() if names and g != NONE)
            lines.append(f"    {label}: {words or 'none on any path'}")
    return lines


__all__ = ["ALL", "NONE", "SOME", "STUCK", "EndingClaims", "claims", "format_claims", "named_red_flags",
           "unconditional_claims"]
