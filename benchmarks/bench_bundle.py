"""Start-up of the one-folder bundle beside the installed package: ``python3 benchmarks/run.py bundle``.

Both are started the way a player starts them, in fresh processes, with
``--lang my --windowed`` and a fresh data folder each time:

* the installed package: ``python3 -m safepath`` (the code of this checkout, bytecode compiled);
* the bundle: ``dist/SafePath/SafePath`` (or ``$SAFEPATH_BUNDLE``), built by
  ``python3 -m safepath.packaging build``.

Each is timed from the start of the process to the first interactive frame: the
title drawn and flipped, then an event posted right after that frame handled by the
event loop (``SAFEPATH_STARTUP_PROBE``, see ``safepath/app.py``), when the game prints
"ready". One untimed run of each first (disk cache, the art cache), then runs
interleaved so disk and CPU load affect both alike; medians. Target: the bundle no
slower than the package. Under Xvfb when it is installed (as ``bench_game``), so both
open a real X11 window.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RUNS = 11
sys.path.insert(0, str(HERE))

from bench_game import start_xvfb  # noqa: E402  (same folder)


def bundle_program() -> Path:
    folder = Path(os.environ.get("SAFEPATH_BUNDLE") or ROOT / "dist" / "SafePath")
    return folder / ("SafePath.exe" if os.name == "nt" else "SafePath")


def time_to_ready(command: list[str]) -> float:
    env = dict(os.environ, SAFEPATH_STARTUP_PROBE="1", PYGAME_HIDE_SUPPORT_PROMPT="1")
    env.setdefault("SDL_VIDEODRIVER", "dummy")
    env.setdefault("SDL_AUDIODRIVER", "dummy")
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed package has its bytecode compiled
    data_dir = tempfile.mkdtemp(prefix="safepath-bench-")
    args = command + ["--lang", "my", "--windowed", "--data-dir", data_dir]
    started = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    line = proc.stdout.readline()
    took = time.perf_counter() - started
    proc.wait(timeout=60)
    if line.strip() != "ready":
        raise RuntimeError(f"{args[0]} did not reach its first frame (exit {proc.returncode})")
    return took


def main() -> int:
    program = bundle_program()
    if not program.is_file():
        print(f"no bundle at {program}: build it first with `python3 -m safepath.packaging build`"
              " (or set SAFEPATH_BUNDLE); nothing was measured")
        return 1
    xvfb = start_xvfb()
    try:
        package_cmd, bundle_cmd = [sys.executable, "-m", "safepath"], [str(program)]
        time_to_ready(package_cmd), time_to_ready(bundle_cmd)  # not timed: disk cache, art cache
        package, bundle = [], []
        for _ in range(RUNS):
            package.append(time_to_ready(package_cmd))
            bundle.append(time_to_ready(bundle_cmd))
        p, b = statistics.median(package), statistics.median(bundle)
        driver = os.environ.get("SDL_VIDEODRIVER", "dummy")
        print(f"start-up to the first interactive frame (`--lang my`, median of {RUNS} fresh processes; SDL {driver}):")
        print(f"  installed package (python3 -m safepath)   {p * 1000:7.1f} ms   (min {min(package) * 1000:.1f})")
        print(f"  one-folder bundle ({program.name})          {b * 1000:7.1f} ms   (min {min(bundle) * 1000:.1f})"
              f"   {b / p:.2f}x the package (target <= 1.0x)")
    finally:
        if xvfb is not None:
            xvfb.terminate()
            xvfb.wait(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
