"""Test a scenario without playing it fifty times: exhaustive analysis, random runs, golden files.

    safepath playtest SCENARIO --exhaustive        every scene, choice and condition outcome; path counts
    safepath playtest SCENARIO --random 1000 --seed 7 [--prefer-unused] [--transcript 3]
    safepath playtest --check tests/playthroughs/  run golden playthroughs, show differences (exit 1)
    safepath playtest --check FILE --update        after a deliberate change: record them again, show what changed
    safepath playtest SCENARIO --record 2,1,1 -o golden.yaml   write a golden file for those choices
"""

from __future__ import annotations

import argparse
import os
import random
import sys
from collections import Counter
from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("scenario", nargs="?", help="scenario file (not needed with --check)")
    parser.add_argument("--exhaustive", action="store_true", help="explore every path (without enumerating)")
    parser.add_argument("--random", type=int, metavar="N", help="play N random play-throughs")
    parser.add_argument("--seed", type=int, default=0, help="random seed (same seed, same runs)")
    parser.add_argument("--prefer-unused", action="store_true",
                        help="prefer choices taken less often so far (weight 1 / (1 + times taken))")
    parser.add_argument("--transcript", type=int, metavar="K", action="append", default=[],
                        help="print random run K (1-based) in full; may be repeated")
    parser.add_argument("--check", nargs="+", metavar="PATH", help="golden playthrough files or folders")
    parser.add_argument("--update", action="store_true",
                        help="with --check: record the golden files again from what their choices do now "
                             "(after a deliberate change) and show what changed")
    parser.add_argument("--record", metavar="CHOICES",
                        help="with SCENARIO: write a golden file for these shown-choice numbers (e.g. 2,1,1)")
    parser.add_argument("-o", "--output", metavar="FILE", help="where --record writes (default: print)")
    parser.add_argument("--library", nargs="?", const="content/scenarios", metavar="FOLDER",
                        help="what a folder of stories teaches together: red flags, safe signs and journey steps "
                             "per story, real offers, P(3 stars), and the library's rules (default content/scenarios)")
    parser.add_argument("--max-states", type=int, default=200_000, metavar="N",
                        help="stop the exhaustive search after N situations (default 200,000)")


def run(args: argparse.Namespace) -> int:
    if args.update and not args.check:
        print("safepath playtest: --update goes with --check FILES (the golden files to record again)", file=sys.stderr)
        return 2
    if args.check:
        return _update(args.check) if args.update else _check(args.check)
    if args.library:
        return _library(args.library, args.max_states)
    if not args.scenario:
        print("safepath playtest: give a scenario file, or --check FOLDER", file=sys.stderr)
        return 2
    from safepath.story.diagnostics import format_all
    from safepath.story.loader import load_scenario

    loaded = load_scenario(args.scenario)
    if loaded.scenario is None:
        print(format_all(loaded.diagnostics), file=sys.stderr)
        print(f"{args.scenario}: cannot playtest a scenario that does not load", file=sys.stderr)
        return 1
    scenario = loaded.scenario
    if args.record:
        return _record(args, scenario)
    if not args.exhaustive and args.random is None:
        args.exhaustive = True
    code = 0
    if args.exhaustive:
        from safepath.authoring.analysis.coverage import exhaustive, format_report

        report = exhaustive(scenario, max_states=args.max_states)
        print(format_report(report))
        stuck = "" in report.paths.endings
        code = 1 if (stuck or report.unreached_scenes or not report.graph.complete) else 0
    if args.random is not None:
        code = max(code, _random(args, scenario))
    return code


def _library(folder: str, max_states: int) -> int:
    """Print the library's coverage tables; 1 when a library rule is broken or a story does not load."""
    from pathlib import Path

    from safepath.authoring.analysis.library import check, format_coverage, library_coverage
    from safepath.story.diagnostics import format_all
    from safepath.story.loader import load_catalogue, load_safe_signs, load_scenario

    files = sorted(Path(folder).glob("*.yaml"))
    if not files:
        print(f"safepath playtest: no stories (*.yaml) in {folder}", file=sys.stderr)
        return 2
    content = Path(folder).resolve().parent
    flags, _ = load_catalogue(content / "red_flags.yaml" if (content / "red_flags.yaml").exists() else None)
    signs, _ = load_safe_signs(content / "safe_signs.yaml" if (content / "safe_signs.yaml").exists() else None)
    scenarios, broken = [], False
    for path in files:
        loaded = load_scenario(path)
        if loaded.scenario is None:
            print(format_all(loaded.diagnostics), file=sys.stderr)
            broken = True
            continue
        scenarios.append(loaded.scenario)
    coverage = library_coverage(scenarios, flags, signs, max_states=max_states)
    print(format_coverage(coverage))
    return 1 if broken or check(coverage) else 0


def replay_noting(scenario, steps, scenes: set, choices: set):
    """Replay one run through the engine, adding the scenes it visits and the (scene, choice) it takes."""
    from safepath.play import engine

    state = engine.start(scenario)
    scenes.add(state.scene)
    for step in steps:
        if step != engine.CONTINUE:
            choices.add((state.scene, step))
        state = engine.step(scenario, state, step)
        scenes.add(state.scene)
    return state


def random_runs(scenario, n: int, seed: int, prefer_unused: bool = False, max_steps: int = 10_000):
    """N reproducible play-throughs through the engine: a list of step lists."""
    from safepath.play import engine

    rng = random.Random(seed)
    used: Counter = Counter()
    runs = []
    for _ in range(n):
        state = engine.start(scenario)
        for _ in range(max_steps):
            if engine.can_continue(scenario, state):
                state = engine.advance(scenario, state)
                continue
            shown = engine.available_choices(scenario, state)
            if engine.is_ended(scenario, state) or not shown:
                break
            if prefer_unused:
                # weight 1 / (1 + times taken): rare choices come up far more often, yet every choice keeps a
                # chance, so a branch behind a "popular" choice is still explored (always taking the least
                # used one can lock a story into the same few paths for ever)
                weights = [1 / (1 + used[(state.scene, c.index)]) for c in shown]
                choice = rng.choices(shown, weights)[0]
            else:
                choice = rng.choice(shown)
            used[(state.scene, choice.index)] += 1
            state = engine.choose(scenario, state, choice.index)
        runs.append(list(state.steps))
    return runs


def _random(args, scenario) -> int:
    from safepath.play import scoring
    from safepath.authoring.analysis.coverage import _histogram
    from safepath.authoring.playthrough import play

    if args.random < 1:
        print("safepath playtest: --random needs a number of runs of at least 1", file=sys.stderr)
        return 2
    runs = random_runs(scenario, args.random, args.seed, args.prefer_unused)
    endings: Counter = Counter()
    scores: dict[str, Counter] = {name: Counter() for name in scenario.scores}
    stars: Counter = Counter()
    seen_scenes, seen_choices = set(), set()
    for steps in runs:
        state = replay_noting(scenario, steps, seen_scenes, seen_choices)
        res = scoring.result(scenario, state)
        endings[f"{res.ending_scene} ({res.ending.value})" if res.ending else f"stuck in {state.scene}"] += 1
        for name, value in res.scores:
            scores.setdefault(name, Counter())[value] += 1
        stars[res.stars] += 1
    mode = "preferring less-used choices" if args.prefer_unused else "uniform choices"
    print(f"{args.random} random play-throughs of {scenario.id}, seed {args.seed}, {mode}")
    n_choices = sum(len(s.choices) for s in scenario.scenes.values())
    print(f"  scenes seen: {len(seen_scenes)} of {len(scenario.scenes)}; choices taken: {len(seen_choices)} of {n_choices}")
    print("Endings:")
    width = max(len(k) for k in endings)
    for name, n in endings.most_common():
        print(f"  {name:<{width}} {'#' * max(1, round(30 * n / args.random)):<30} {n / args.random:6.1%} ({n})")
    for name, dist in scores.items():
        print(f"Score {name}:")
        print("\n".join(_histogram(dist, unit="run")))
    print("Stars:")
    print("\n".join(_histogram(stars, unit="run")))
    for k in args.transcript:
        if not 1 <= k <= len(runs):
            print(f"safepath playtest: --transcript {k}: there are runs 1 to {len(runs)}", file=sys.stderr)
            return 2
        numbers = ",".join(map(str, shown_numbers(scenario, runs[k - 1])))
        print(f"\n--- run {k}: replay it with  safepath play --text {args.scenario} --choices {numbers}")
        print("\n".join(play(scenario, runs[k - 1])[1]))
    stuck = sum(n for name, n in endings.items() if name.startswith("stuck"))
    return 1 if stuck else 0


def shown_numbers(scenario, steps) -> list[int]:
    """The ``--choices`` numbers (1 = the first choice shown) that replay ``steps``; Continue needs none."""
    from safepath.play import engine

    state = engine.start(scenario)
    numbers = []
    for step in steps:
        if step != engine.CONTINUE:
            shown = engine.available_choices(scenario, state)
            numbers.append(next(n for n, c in enumerate(shown, 1) if c.index == step))
        state = engine.step(scenario, state, step)
    return numbers


def _update(paths: list[str]) -> int:
    from safepath.authoring.playthrough import golden_files, update_file

    files = golden_files(paths)
    if not files:
        print(f"safepath playtest --check --update: no golden files (*.yaml) in {' '.join(paths)}", file=sys.stderr)
        return 1
    failed = changed = 0
    for f in files:
        update = update_file(f)
        if update.problem:
            failed += 1
            print(f"NOT UPDATED {f}: {update.problem}")
        elif update.changed:
            changed += 1
            print(f"UPDATED {f}:")
            print("\n".join(f"    {line}" for line in update.diff() if not line.startswith("@@")))
            for note in update.notes:  # which expected lines were reworded or dropped, with file:line
                print(f"  {note}")
        else:
            print(f"UNCHANGED {f}")
    print(f"{changed} updated, {len(files) - changed - failed} unchanged, {failed} could not be updated")
    return 1 if failed else 0


def _check(paths: list[str]) -> int:
    from safepath.authoring.playthrough import format_outcome, golden_files, run_file

    files = golden_files(paths)
    if not files:
        print(f"safepath playtest --check: no golden files (*.yaml) in {' '.join(paths)}", file=sys.stderr)
        return 1
    failed = 0
    for f in files:
        outcome = run_file(f)
        print(format_outcome(outcome))
        failed += not outcome.ok
    print(f"{len(files) - failed} passed, {failed} failed")
    return 1 if failed else 0


def _record(args, scenario) -> int:
    from safepath.authoring.playthrough import resolve_choices, write_golden

    try:
        numbers = [int(x) for x in args.record.split(",") if x.strip()]
    except ValueError:
        print("safepath playtest --record: give shown-choice numbers separated by commas, e.g. 2,1,1", file=sys.stderr)
        return 2
    steps, problem = resolve_choices(scenario, numbers)
    if problem:
        print(f"safepath playtest --record: {problem}", file=sys.stderr)
        return 1
    # the scenario is named relative to where the golden file will live, so the pair can move together
    # (and be checked from any folder); printed to the screen, relative to the current folder
    base = Path(args.output).resolve().parent if args.output else Path.cwd()
    try:
        ref = Path(os.path.relpath(Path(args.scenario).resolve(), base)).as_posix()
    except ValueError:  # another drive on Windows
        ref = Path(args.scenario).resolve().as_posix()
    text = write_golden(ref, scenario, steps, f"{scenario.id}: choices {args.record}")
    if args.output:
        try:
            Path(args.output).parent.mkdir(parents=True, exist_ok=True)
            Path(args.output).write_text(text, encoding="utf-8")
        except OSError as exc:
            print(f"safepath playtest --record: cannot write {args.output}: {exc.strerror or exc}", file=sys.stderr)
            return 1
        print(f"wrote {args.output}")
    else:
        print(text, end="")
    return 0
