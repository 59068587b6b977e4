"""Load + lint time for generated scenarios of 100, 1,000 and 10,000 scenes.

Each generated scene looks like a real one: a chat with three lines, red flags,
two choices with effects, one of them behind a condition; every tenth scene
is an ending. The whole `safepath lint` pipeline runs (loader, then the graph
and text checks when they exist), best of several runs. Microseconds per scene
should stay flat from 100 to 10,000 scenes: the work grows linearly.
Target: 1,000 scenes well under a second.

The floor, side by side: libyaml alone composing the same file into nodes
(``yaml.compose`` with the C loader, the least any YAML-reading lint can do: it is
where the loader starts). Target: lint <= 2.5x the floor at 1,000 scenes. Both are
timed in wall time and in CPU time (the best of several runs each), which other processes
on a shared machine do not inflate. The floor runs in a fresh interpreter that imports
nothing but PyYAML: composing with the garbage collector on, its time depends on everything
else the process holds (each full collection walks it all), and in this process, after the
lint runs, it moved between 0.10 and 0.17 s from one run to the next. The runs alternate,
lint, floor, lint, floor, so a slow spell of the machine falls on both alike; measured one
after the other, the best of each moved the ratio by 0.4 between sittings.

A second floor, like for like: the same compose with the cyclic collector paused, as the loader reads
(see ``yamlsource.bulk_allocation``). With the collector on, composing 1,000 scenes spends a third of
its time in collections that walk the nodes made so far (0.10-0.13 s here against 0.07 s paused, and
10,000 scenes 2.7 s against 0.7 s), and how many full collections run depends on how much else the
interpreter holds; paused, the floor is the parse and the node building alone and moves little.
Both ratios are printed; the target above is stated against the first, as the issue measured it.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from safepath.commands.lint import lint_paths  # noqa: E402

CATALOGUE = ROOT / "tests" / "data" / "valid" / "red_flags.yaml"
FLAGS = ["pay-too-good", "free-travel", "unverifiable-company", "private-chat"]


def scenario_text(scenes: int, scenario_id: str) -> str:
    out = [
        "schema_version: 1",
        f"id: {scenario_id}",
        "title: A generated story",
        "summary: Many scenes, generated for timing.",
        "minutes: 60",
        "content_note: A story about a fake job offer.",
        'sources: [{title: UNODC report, url: "https://www.unodc.org/"}]',
        "characters:",
        "  mai: {name: Mai, role: player}",
        "  nok: {name: Khun Nok, role: recruiter}",
        f"teaches: [{', '.join(FLAGS)}]",
        "scores: {trust: 0}",
        "scenes:",
    ]
    for i in range(scenes):
        flag = FLAGS[i % len(FLAGS)]
        if i % 10 == 9 or i == scenes - 1:
            out += [f"  s{i}:", "    kind: ending", f"    ending: {'safe' if i % 20 == 9 else 'recovered'}",
                    f"    debrief: Scene s{i} ends the story here. It is never your fault."]
            continue
        nxt, skip = f"s{i + 1}", f"s{min(i + 2, scenes - 1)}"
        out += [
            f"  s{i}:",
            "    kind: chat",
            "    app: LINE",
            f"    red_flags: [{flag}]",
            "    lines:",
            f"      - nok: Message s{i}. The pay is very good and travel is free.",
            "      - mai: Which company is this, please",
            "      - Mai thinks about it.",
            "    choices:",
            f"      - {{text: Ask for the company licence, goto: {nxt}, spots: [{flag}], safety: 1, set: [asked_{i % 7}]}}",
            f"      - {{text: Accept at once, goto: {skip}, misses: [{flag}], score: {{trust: 1}}, "
            f"if: 'has(asked_{(i + 3) % 7}) or safety > 2'}}",
        ]
    return "\n".join(out) + "\n"


def forget_texts() -> None:
    """Empty the caches of texts already seen (line breaks, scripts, measured widths), so that every run
    measures the same work: with them warm, a small story re-linted five times would look cheaper per scene
    than a big one whose texts overflow the bounded caches. One-time loads (ICU, font tables) stay."""
    from safepath.text import breaks, scripts

    for module in (breaks, scripts):
        for value in vars(module).values():
            info = getattr(value, "cache_info", None)
            if info is not None and info().maxsize not in (None, 1):
                value.cache_clear()
    try:
        from safepath.ui.fonts import default_book

        default_book()._widths.clear()
    except ImportError:
        pass


def compose_floor(path: Path) -> None:
    """libyaml alone: the file composed into YAML nodes (no model, no checks)."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with open(path, "rb") as handle:
        yaml.compose(handle, Loader=loader)


#: The floor's own interpreter: nothing imported but PyYAML, one compose per line read ("plain" or
#: "paused"), its wall and CPU seconds printed back. The nodes are dropped inside the timing, as lint's are.
_FLOOR_CHILD = """
import gc, sys, time
import yaml
loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
path = sys.argv[1]
for request in sys.stdin:
    if request.strip() == "paused":
        gc.disable()
    start, cpu = time.perf_counter(), time.process_time()
    with open(path, "rb") as handle:
        yaml.compose(handle, Loader=loader)
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    gc.enable()
    print(wall, cpu, flush=True)
"""


class Floor:
    """The compose floor in a fresh interpreter of its own, asked for one run at a time, so its runs can
    alternate with lint's and both are measured under the same load on a shared machine."""

    def __init__(self, path: Path):
        import subprocess

        self.child = subprocess.Popen([sys.executable, "-c", _FLOOR_CHILD, str(path)], stdin=subprocess.PIPE,
                                      stdout=subprocess.PIPE, text=True)

    def run(self, paused: bool) -> tuple[float, float]:
        self.child.stdin.write("paused\n" if paused else "plain\n")
        self.child.stdin.flush()
        wall, cpu = self.child.stdout.readline().split()
        return float(wall), float(cpu)

    def close(self) -> None:
        self.child.stdin.close()
        self.child.wait()


def side_by_side(path: Path, runs: int) -> dict[str, tuple[float, float]]:
    """(best wall seconds, best CPU seconds) of lint, the plain floor and the paused floor, their runs taken
    in turn (lint, plain, paused, lint, ...), so a slow spell of the machine falls on all three alike."""
    floor = Floor(path)
    best = {name: (float("inf"), float("inf")) for name in ("lint", "floor", "paused")}

    def keep(name: str, wall: float, cpu: float) -> None:
        best[name] = (min(best[name][0], wall), min(best[name][1], cpu))
    try:
        for _ in range(runs):
            forget_texts()
            start, cpu = time.perf_counter(), time.process_time()
            lint_paths([path], CATALOGUE)
            keep("lint", time.perf_counter() - start, time.process_time() - cpu)
            keep("floor", *floor.run(paused=False))
            keep("paused", *floor.run(paused=True))
    finally:
        floor.close()
    return best


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        print(f"{'scenes':>8} {'file KiB':>9} {'seconds':>9} {'µs/scene':>9} {'CPU s':>8} "
              f"{'floor s':>8} {'floor CPU':>9} {'lint/floor':>10} {'paused CPU':>10} {'lint/paused':>11}")
        for n in (100, 1_000, 10_000):
            path = Path(tmp) / f"generated-{n}.yaml"
            path.write_text(scenario_text(n, path.stem), encoding="utf-8")
            files, diags = lint_paths([path], CATALOGUE)
            errors = [d.headline() for d in diags if d.is_error]
            if errors:
                print("the generated scenario has errors:", *errors[:5], sep="\n  ")
                raise SystemExit(1)
            best = side_by_side(path, 9 if n < 10_000 else 3)
            (seconds, cpu), (floor, floor_cpu), (_, paused_cpu) = best["lint"], best["floor"], best["paused"]
            print(f"{n:>8,} {path.stat().st_size / 1024:>9,.0f} {seconds:>9.3f} {seconds / n * 1e6:>9.0f} {cpu:>8.3f} "
                  f"{floor:>8.3f} {floor_cpu:>9.3f} {cpu / floor_cpu:>9.2f}x {paused_cpu:>10.3f} "
                  f"{cpu / paused_cpu:>10.2f}x" + ("   (target <= 2.5x the first)" if n == 1_000 else ""))


if __name__ == "__main__":
    main()
