"""Engine and scoring speed: replay, choose, save round trip and result.

Why it matters: a saved game is checked by replaying its steps when the player
comes back (``engine.check``), and the story screen asks for the available
choices every time it draws. On an old laptop both must stay far below a
frame (16 ms) for real stories, and grow only linearly with the path length.

Prints, for generated chain stories of 100, 1,000 and 10,000 scenes, the time
to replay the full path, the cost per step, and the JSON round trip; then
random play-throughs of the bundled dream-job story per second and the time
of one ``scoring.result``.
"""

from __future__ import annotations

import json
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from safepath.play import engine, scoring
from safepath import paths  # noqa: E402
from safepath.story.loader import load_scenario  # noqa: E402

RED_FLAGS = ["pay-too-good", "free-travel", "rush", "secrecy"]


def chain_yaml(n: int) -> str:
    """n scenes in a row; each offers a spotting choice, a missing choice and a conditional one."""
    out = [
        "schema_version: 1", "id: chain", "title: Chain", "summary: A long generated story.", "minutes: 5",
        "content_note: Generated for a benchmark.", "sources:", "  - {title: Bench, url: 'https://example.org'}",
        "characters:", "  me: {name: Me, role: player}", "  nok: {name: Nok, role: recruiter}",
        f"teaches: [{', '.join(RED_FLAGS)}]", "scenes:",
    ]
    for i in range(n):
        target = f"s{i + 1}" if i + 1 < n else "end"
        flag = RED_FLAGS[i % len(RED_FLAGS)]
        out += [
            f"  s{i}:", "    kind: chat", f"    red_flags: [{flag}]", "    lines:", f"      - nok: Message {i}",
            "    choices:",
            f"      - {{text: Spot it, goto: {target}, spots: [{flag}], safety: 1, set: [f{i % 7}]}}",
            f"      - {{text: Miss it, goto: {target}, misses: [{flag}], safety: -1}}",
            f"      - {{text: Only sometimes, goto: {target}, if: 'has(f{i % 7}) and safety > 2'}}",
        ]
    out += ["  end:", "    kind: ending", "    ending: safe", "    debrief: It is never your fault."]
    return "\n".join(out) + "\n"


def timed(fn, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def bench_chain(n: int, folder: Path) -> None:
    path = folder / "chain.yaml"
    path.write_text(chain_yaml(n), encoding="utf-8")
    loaded = load_scenario(path)
    scenario = loaded.scenario
    if scenario is None:
        raise SystemExit("generated scenario did not load:\n" + "\n".join(d.headline() for d in loaded.diagnostics))
    rng = random.Random(n)
    state = engine.start(scenario)
    while not engine.is_ended(scenario, state):
        state = engine.choose(scenario, state, rng.choice(engine.available_choices(scenario, state)).index)
    steps = state.steps
    replay = timed(lambda: engine.replay(scenario, steps))
    data = state.to_json()
    text = json.dumps(data)
    round_trip = timed(lambda: engine.State.from_json(json.loads(json.dumps(data))))
    result = timed(lambda: scoring.result(scenario, state))
    print(f"chain of {n:>6} scenes: replay {replay * 1000:8.2f} ms ({replay / len(steps) * 1e6:6.1f} µs/step), "
          f"JSON round trip {round_trip * 1000:7.2f} ms ({len(text) / 1024:6.1f} KiB), "
          f"result {result * 1000:6.2f} ms")


def bench_dream_job() -> None:
    scenario = load_scenario(paths.scenarios_dir() / "dream-job.yaml").scenario
    rng = random.Random(1)
    walks = 0
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < 1.0:
        state = engine.start(scenario)
        while not engine.is_ended(scenario, state):
            if engine.can_continue(scenario, state):
                state = engine.advance(scenario, state)
            else:
                state = engine.choose(scenario, state, rng.choice(engine.available_choices(scenario, state)).index)
        scoring.result(scenario, state)
        walks += 1
    elapsed = time.perf_counter() - t0
    print(f"dream-job: {walks / elapsed:,.0f} random play-throughs scored per second "
          f"({elapsed / walks * 1000:.2f} ms each, {len(state.steps)} steps in the last)")


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        for n in (100, 1_000, 10_000):
            bench_chain(n, Path(folder))
    bench_dream_job()


if __name__ == "__main__":
    main()
