"""What a library of stories teaches together: red flags, safe signs and journey steps across stories.

Research on inoculation games finds the effect strongest on the tactics a player actually met, so a course
needs every tactic taught more than once, in different stories. ``library_coverage`` answers, from the
content alone (no play), for a set of scenarios:

* which red flags each story *teaches*: a choice can spot it (``spots:``) in a scene a player can reach;
* which safe signs each story lets a player *trust* after checking (``trusts:`` on a reachable choice);
* which steps of the recruitment journey each story shows (``journey:`` on a reachable scene);
* per story, from the exhaustive analysis: the share of the offers met in random play that are real, P(3★),
  scenes, endings and the median path length.

``check`` turns that into the library's rules (every red flag and every safe sign in at least two stories,
every journey step in at least one, at least 30 % real offers per story and over the library), each problem a
plain sentence; ``format_coverage`` prints the tables ``safepath playtest --library`` shows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Mapping

from safepath.story import model

MIN_STORIES_PER_SIGN = 2
MIN_REAL_SHARE = 0.30
#: a slow reader in a second language (many players are not strong readers), and time to think at each step
READING_WPM = 80
SECONDS_PER_SCENE = 10


@dataclass
class StoryFigures:
    scenario: model.Scenario
    flags: set[str] = field(default_factory=set)  # red flags a choice can spot
    signs: set[str] = field(default_factory=set)  # safe signs a choice can trust
    steps: set[str] = field(default_factory=set)  # journey steps of reachable scenes
    scenes: int = 0
    endings: int = 0
    ending_kinds: set[str] = field(default_factory=set)
    real_share: float | None = None  # of the offers met in random play, the real ones (expected counts)
    p_three_stars: float | None = None
    median_steps: float | None = None  # median number of scenes on a path (exact, over every path)
    words_per_scene: float = 0.0  # mean words a player reads in a scene (lines, choices, feedback)

    def minutes(self, words_per_minute: int = READING_WPM, seconds_per_scene: int = SECONDS_PER_SCENE) -> float | None:
        """Playing time of the median path: its words at a slow reading speed, plus time to choose."""
        if self.median_steps is None:
            return None
        words = self.median_steps * self.words_per_scene
        return words / words_per_minute + self.median_steps * seconds_per_scene / 60


@dataclass
class Coverage:
    stories: dict[str, StoryFigures]
    red_flags: tuple[str, ...]
    safe_signs: tuple[str, ...]
    offers_met: float = 0.0  # expected offers met per play of each story, summed over the library
    real_offers_met: float = 0.0

    def stories_teaching(self, flag: str) -> list[str]:
        return [sid for sid, f in self.stories.items() if flag in f.flags]

    def stories_trusting(self, sign: str) -> list[str]:
        return [sid for sid, f in self.stories.items() if sign in f.signs]

    def stories_showing(self, step: str) -> list[str]:
        return [sid for sid, f in self.stories.items() if step in f.steps]

    @property
    def real_share(self) -> float | None:
        return self.real_offers_met / self.offers_met if self.offers_met else None


def _median_path_length(report) -> float | None:
    """Median number of scenes on a path from the start to an ending (exact: path counts per length)."""
    graph = report.graph
    if report.loops or not graph.complete or not report.order:
        return None
    # lengths[state] = {number of scenes so far: number of paths}
    lengths: dict[int, dict[int, int]] = {0: {1: 1}}  # state 0 is the start
    ends: dict[int, int] = {}
    for v in report.order:
        here = lengths.get(v)
        if not here:
            continue
        out = graph.moves[v]
        if not out:
            for n, k in here.items():
                ends[n] = ends.get(n, 0) + k
            continue
        for _number, target in out:
            bucket = lengths.setdefault(target, {})
            for n, k in here.items():
                bucket[n + 1] = bucket.get(n + 1, 0) + k
    if not ends:
        return None
    total = sum(ends.values())
    seen, lower, upper = 0, None, None
    for n in sorted(ends):
        seen += ends[n]
        if lower is None and seen * 2 >= total:
            lower = n
        if seen * 2 > total:
            upper = n
            break
    return (lower + upper) / 2 if total % 2 == 0 else float(upper)


def story_figures(scenario: model.Scenario, max_states: int = 200_000) -> StoryFigures:
    from safepath.authoring.analysis.coverage import exhaustive

    report = exhaustive(scenario, max_states=max_states)
    reachable = {s.id for s in scenario.scenes.values()} - {s.id for s in report.unreached_scenes}
    unreached_choices = {(sc.id, c.index) for sc, c in report.unreached_choices}
    figures = StoryFigures(scenario)
    for sid in reachable:
        scene = scenario.scenes[sid]
        if scene.journey:
            figures.steps.add(scene.journey)
        for choice in scene.choices:
            if (sid, choice.index) in unreached_choices:
                continue
            figures.flags.update(choice.effects.spots)
            figures.signs.update(choice.effects.trusts)
    figures.scenes = len(scenario.scenes)
    words = 0
    for scene in scenario.scenes.values():
        words += sum(len(line.text.text.split()) for line in scene.lines)
        words += sum(len(c.text.text.split()) + (len(c.feedback.text.split()) if c.feedback else 0)
                     for c in scene.choices) // max(1, len(scene.choices))
        words += sum(len(part.text.text.split()) for part in scene.debrief)
    figures.words_per_scene = words / max(1, len(scenario.scenes))
    endings = [s for s in scenario.scenes.values() if s.is_ending]
    figures.endings = len(endings)
    figures.ending_kinds = {s.ending.value for s in endings if s.ending is not None}
    props = getattr(report, "properties", None)
    if props is not None:
        figures.real_share = props.real_offer_share
        figures.p_three_stars = props.p_three_stars
        figures._offers = (props.random_offers_met or 0.0, props.random_real_offers_met or 0.0)
    figures.median_steps = _median_path_length(report.paths)
    return figures


def library_coverage(scenarios: Iterable[model.Scenario], red_flags: Iterable[str], safe_signs: Iterable[str],
                     max_states: int = 200_000) -> Coverage:
    coverage = Coverage({}, tuple(red_flags), tuple(safe_signs))
    for scenario in sorted(scenarios, key=lambda s: s.id):
        figures = story_figures(scenario, max_states)
        coverage.stories[scenario.id] = figures
        met, real = getattr(figures, "_offers", (0.0, 0.0))
        coverage.offers_met += met
        coverage.real_offers_met += real
    return coverage


def check(coverage: Coverage) -> list[str]:
    """The library's rules, each broken one as a plain sentence (empty: the library passes)."""
    problems = []
    for flag in coverage.red_flags:
        found = coverage.stories_teaching(flag)
        if len(found) < MIN_STORIES_PER_SIGN:
            problems.append(f"the red flag {flag!r} can be spotted in {len(found)} stor{'y' if len(found) == 1 else 'ies'}"
                            f" ({', '.join(found) or 'none'}); it must be taught in at least {MIN_STORIES_PER_SIGN}")
    for sign in coverage.safe_signs:
        found = coverage.stories_trusting(sign)
        if len(found) < MIN_STORIES_PER_SIGN:
            problems.append(f"the safe sign {sign!r} can be trusted in {len(found)} stor{'y' if len(found) == 1 else 'ies'}"
                            f" ({', '.join(found) or 'none'}); it must be taught in at least {MIN_STORIES_PER_SIGN}")
    for step in model.JOURNEY_STEPS:
        if not coverage.stories_showing(step):
            problems.append(f"no story shows the journey step {step!r} (mark a scene `journey: {step}`)")
    for sid, f in coverage.stories.items():
        if f.real_share is None or f.real_share < MIN_REAL_SHARE:
            if f.real_share is None:
                problems.append(f"{sid}: no offer is marked (`offer: {{id, legit}}`), so its share of real offers "
                                f"is unknown; at least {MIN_REAL_SHARE:.0%} of the offers met must be real")
            else:
                problems.append(f"{sid}: of the offers met in random play, {f.real_share:.0%} are real; at least "
                                f"{MIN_REAL_SHARE:.0%} must be")
    share = coverage.real_share
    if share is None or share < MIN_REAL_SHARE:
        problems.append(f"the library: {0 if share is None else share:.0%} of the offers met in random play are real; "
                        f"at least {MIN_REAL_SHARE:.0%} must be")
    return problems


def _pct(x: float | None) -> str:
    return "-" if x is None else f"{100 * x:.1f}%"


def format_coverage(coverage: Coverage, words_per_minute: int = 90, words_per_scene: Mapping[str, float] | None = None) -> str:
    """The tables of ``safepath playtest --library``: per story, then red flags, safe signs and steps × stories."""
    ids = list(coverage.stories)
    out = ["Stories:", "  story               scenes endings kinds  median path  minutes  real offers  P(3★)  flags signs steps"]
    for sid, f in coverage.stories.items():
        median_text = "-" if f.median_steps is None else f"{f.median_steps:g} scenes"
        minutes = f.minutes()
        minutes_text = "-" if minutes is None else f"{minutes:.0f}"
        out.append(f"  {sid:<19} {f.scenes:>6} {f.endings:>7} {len(f.ending_kinds):>5}  {median_text:>11}  {minutes_text:>7}  "
                   f"{_pct(f.real_share):>11}  {_pct(f.p_three_stars):>5}  {len(f.flags):>5} {len(f.signs):>5} "
                   f"{len(f.steps):>5}")
    out.append(f"  minutes: the median path's words at {READING_WPM} words a minute, plus {SECONDS_PER_SCENE} s a scene")
    out.append(f"  library: {_pct(coverage.real_share)} of the offers met in random play are real")

    def grid(title: str, rows: Iterable[str], has, what: str) -> None:
        out.append("")
        out.append(f"{title} (x: {what} in that story):")
        out.append("  " + " " * 26 + " ".join(f"{i + 1:>2}" for i in range(len(ids))) + "  stories")
        for row in rows:
            marks = " ".join(" x" if has(row, sid) else " ." for sid in ids)
            count = sum(1 for sid in ids if has(row, sid))
            out.append(f"  {row:<26}{marks}  {count}")

    grid("Red flags", coverage.red_flags, lambda r, sid: r in coverage.stories[sid].flags, "a choice can spot it")
    grid("Safe signs", coverage.safe_signs, lambda r, sid: r in coverage.stories[sid].signs, "a choice can trust it")
    grid("Journey steps", model.JOURNEY_STEPS, lambda r, sid: r in coverage.stories[sid].steps, "a scene shows it")
    out.append("")
    out.append("  " + "  ".join(f"{i + 1} = {sid}" for i, sid in enumerate(ids)))
    problems = check(coverage)
    out.append("")
    out += ["Library rules: all pass"] if not problems else ["Library rules broken:"] + [f"  - {p}" for p in problems]
    return "\n".join(out)
