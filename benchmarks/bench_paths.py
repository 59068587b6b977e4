"""Path counting on generated layered scenarios of growing size (see safepath.analysis.paths).

Prints, per scenario: scenes, abstract states, exact path count, and the time to explore + count
(best of 3), then the time for the safety-score and stars distributions. The 40-layer scenario has
2**40 (about 1.1e12) paths; counting them must take well under one second.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from safepath.analysis import count_paths, explore  # noqa: E402
from safepath.analysis.coverage import _stars  # noqa: E402
from safepath.analysis.generate import layered_spec, to_model  # noqa: E402


def best_of(fn, repeat: int = 3):
    best, value = float("inf"), None
    for _ in range(repeat):
        began = time.perf_counter()
        value = fn()
        best = min(best, time.perf_counter() - began)
    return best, value


def main() -> None:
    cases = [(10, 3, 2, False), (20, 3, 2, False), (40, 3, 2, False), (80, 3, 2, False), (160, 3, 2, False),
             (40, 5, 3, False), (12, 3, 2, True), (20, 3, 2, True)]
    print(f"{'layers x width x choices':>26} {'conds':>5} {'scenes':>6} {'states':>7} {'paths':>26} "
          f"{'count s':>8} {'safety s':>8} {'stars s':>8}")
    for layers, width, choices, conditions in cases:
        scenario = to_model(layered_spec(layers, width, choices, seed=1, conditions=conditions))
        count_time, report = best_of(lambda: count_paths(explore(scenario)))
        safety_time, _ = best_of(lambda: report.score_distribution("safety"), repeat=1)
        stars_time, _ = best_of(lambda: _stars(scenario, report), repeat=1)
        paths = report.total_paths
        shown = f"{paths:.3e}" if paths and paths > 10**15 else f"{paths:,}"
        print(f"{f'{layers} x {width} x {choices}':>26} {'yes' if conditions else 'no':>5} {len(scenario.scenes):>6} "
              f"{len(report.graph.states):>7} {shown:>26} {count_time:>8.4f} {safety_time:>8.4f} {stars_time:>8.4f}")
        if layers == 40 and width == 3 and not conditions:
            verdict = "OK" if paths >= 10**12 and count_time < 1.0 else "TOO SLOW"
            print(f"{'':>26} {paths:,} paths (>= 10^12) counted exactly in {count_time * 1000:.1f} ms: {verdict}")


if __name__ == "__main__":
    main()
