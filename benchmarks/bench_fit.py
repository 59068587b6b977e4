"""What the SP073 fit check (text laid out with the real fonts in its on-screen box) adds to lint and status.

    python3 benchmarks/run.py fit

* ``safepath lint content/`` and a generated story of 1,000 scenes (the scenes of ``bench_lint``),
  with and without the fit check: best of several runs in one process (fonts loaded and
  measurements cached by then), and the first run, which loads the fonts and measures everything;
* ``safepath i18n status`` for th and my with and without it.
The issue's target: load + lint of 1,000 scenes well under a second.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

from bench_lint import CATALOGUE, scenario_text  # noqa: E402


def timed(work) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def best(runs: int, work) -> float:
    return min(timed(work) for _ in range(runs))


def main() -> None:
    from safepath.commands.lint import lint_paths
    from safepath.i18n.status import collect_status

    with tempfile.TemporaryDirectory() as tmp:
        generated = Path(tmp) / "generated-1000.yaml"
        generated.write_text(scenario_text(1000, generated.stem), encoding="utf-8")
        cases = [("content/", lambda fit: lint_paths(None, fit=fit)),
                 ("1,000 generated scenes", lambda fit: lint_paths([generated], CATALOGUE, fit=fit))]
        print(f"{'lint':<24}{'no fit check':>14}{'fit, first run':>16}{'fit, best of 5':>16}")
        first = None
        for name, run in cases:
            without = best(5, lambda: run(False))
            cold = timed(lambda: run(True))  # the first fit check in this process: fonts and every text measured
            warm = best(5, lambda: run(True))
            first = first if first is not None else cold
            print(f"{name:<24}{without * 1000:>11.0f} ms{cold * 1000:>13.0f} ms{warm * 1000:>13.0f} ms")
        from safepath.story.loader import load_scenario
        from safepath.ui.fit import FitChecker, check_scenario

        fresh = Path(tmp) / "generated-1000-b.yaml"  # new texts, fonts already loaded: measuring only
        fresh.write_text(scenario_text(1000, fresh.stem).replace("Message ", "Note "), encoding="utf-8")
        scenario = load_scenario(fresh, CATALOGUE).scenario
        alone = timed(lambda: check_scenario(scenario, FitChecker()))
        again = best(5, lambda: check_scenario(scenario, FitChecker()))
        print(f"the fit check alone on 1,000 scenes of new texts: {alone * 1000:.0f} ms "
              f"(the same texts again, new checker: {again * 1000:.0f} ms)")
        langs = ("th", "my")
        without = best(3, lambda: collect_status(languages=langs, fit=False))
        with_fit = best(3, lambda: collect_status(languages=langs, fit=True))
        print(f"{'i18n status th my':<24}{without * 1000:>11.0f} ms{'':>16}{with_fit * 1000:>13.0f} ms")


if __name__ == "__main__":
    main()
