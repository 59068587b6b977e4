"""Run SafePath's benchmarks: ``python3 benchmarks/run.py [NAME ...]``.

Each ``benchmarks/bench_NAME.py`` has a ``main()`` that prints its figures. Every benchmark
runs in its own process so one's imports and caches never flatter another's.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(argv: list[str]) -> int:
    names = argv or sorted(p.stem[len("bench_"):] for p in HERE.glob("bench_*.py"))
    env = dict(os.environ, SDL_VIDEODRIVER=os.environ.get("SDL_VIDEODRIVER", "dummy"),
               SDL_AUDIODRIVER=os.environ.get("SDL_AUDIODRIVER", "dummy"), PYGAME_HIDE_SUPPORT_PROMPT="1")
    failed = 0
    for name in names:
        script = HERE / f"bench_{name}.py"
        if not script.exists():
            print(f"no benchmark named {name!r} (looked for {script.name})")
            failed += 1
            continue
        print(f"== {name}", flush=True)
        code = subprocess.call([sys.executable, str(script)], env=env, cwd=HERE.parent)
        failed += code != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
