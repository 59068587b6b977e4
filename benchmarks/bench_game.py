"""The game on an old laptop: start-up, frame time, idle CPU and memory, side by side in one run.

    python3 benchmarks/run.py game

1. Start-up to the first frame that handles input: the game started the way
   ``safepath --lang my`` starts (argument parsing, saves, font checks, window,
   title drawn and flipped, scenarios loaded) until a key pressed right after the
   first frame reaches it, against a bare pygame-ce window that fills, flips and
   takes one event. Two bare windows: with SDL's defaults (on X11 an OpenGL
   framebuffer, slower to set up) and with the game's own hint (software
   framebuffer): the like-for-like one is the target's baseline. Each in a fresh
   subprocess, one untimed run first (bytecode, caches), then several runs, median.
   The scenarios are read in a background thread after the first frame; the time
   until that read is done is shown too. Target: game ≤ 1.5× the like-for-like window.
2. Frame time in the chat scene with Burmese text: a full redraw of a still chat
   (every message shown) and frames while messages type and reveal; median and
   p99. Target: median ≤ 2 ms. The same with Thai shown under the Burmese (two
   languages at once, the tallest pair).
3. CPU used while idle on a still screen for 5 s: the real event loop
   (``App.loop``), process CPU time. Target: < 1 % of a core. For comparison,
   a bare window blocked in pygame-ce's ``event.wait()``, which wakes every
   millisecond; the frames the game drew while idle are counted too (should be 0).
4. Peak memory (``ru_maxrss``) of the process that ran 2 and 3. Target: ≤ 150 MB.

When Xvfb is installed and no display is set, the benchmark starts its own
Xvfb and runs on SDL's x11 driver, so flips, idle waits and memory are those of
a real X11 window (the dummy driver has no window to flip and cannot sleep).
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 11

#: a bare pygame-ce window: open, fill, flip, then take the first input event (posted, so no one waits)
BARE_WINDOW = """
import os
{hint}
import pygame
pygame.display.init()
surface = pygame.display.set_mode((1280, 720))
surface.fill((244, 240, 232))
pygame.display.flip()
pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_DOWN, mod=0, unicode="", scancode=0))
while not any(e.type == pygame.KEYDOWN for e in pygame.event.get()):
    pass
import time
print("ready", time.process_time(), flush=True)
"""
BARE_DEFAULTS = BARE_WINDOW.format(hint="os.environ.pop('SDL_FRAMEBUFFER_ACCELERATION', None)  # pygame-ce's defaults: GL")
#: like for like: the one SDL hint the game sets (software framebuffer, see safepath/app.py)
BARE_SOFTWARE = BARE_WINDOW.format(hint="os.environ['SDL_FRAMEBUFFER_ACCELERATION'] = '0'")

#: the game as `safepath --lang my` starts it, until the first frame that handles input: the title is
#: drawn and flipped, then (in the real loop) the scenarios load, then a key press posted right after
#: the first frame reaches the app. Nothing of the start is skipped.
GAME_START = """
import sys
sys.path.insert(0, {root!r})
import pygame
from safepath import app as game, cli

frames = [0]
real_step, real_dispatch = game.App.step, game.App.dispatch

def step(self, dt, events):
    animating = real_step(self, dt, events)
    frames[0] += 1
    if frames[0] == 1:  # the first frame is on screen: the player presses a key now
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_DOWN, mod=0, unicode="", scancode=0))
    return animating

def dispatch(self, event):
    real_dispatch(self, event)
    if event.type == pygame.KEYDOWN and frames[0] >= 1:
        import time
        print("ready", time.process_time(), flush=True)
        self.scenarios  # waits for the background read: when the scenario list could open at once
        print("loaded", flush=True)
        self.quit()

game.App.step, game.App.dispatch = step, dispatch
sys.exit(cli.main(["--data-dir", sys.argv[1], "--lang", "my", "--windowed"]))
"""


BARE_IDLE = """
import time, pygame
pygame.display.init()
pygame.display.set_mode((1280, 720))
pygame.time.set_timer(pygame.QUIT, 5000, loops=1)
cpu, wall = time.process_time(), time.perf_counter()
while pygame.event.wait().type != pygame.QUIT:
    pass
print((time.process_time() - cpu) / (time.perf_counter() - wall) * 100, flush=True)
"""


def start_xvfb():
    """Start a private Xvfb for this run when one is installed and no display is set; None otherwise."""
    if os.environ.get("DISPLAY") or not shutil.which("Xvfb") or os.environ.get("SDL_VIDEODRIVER") not in (None, "", "dummy", "x11"):
        return None
    read, write = os.pipe()
    proc = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", "1920x1080x24", "-nolisten", "tcp"],
                            pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as f:
        number = f.readline().strip()
    if not number:
        proc.kill()
        return None
    os.environ["DISPLAY"] = f":{number}"
    os.environ["SDL_VIDEODRIVER"] = "x11"
    return proc


def bare_idle_percent() -> float:
    """CPU of a bare pygame-ce window blocked in ``event.wait()`` for 5 s: SDL's own floor on this driver."""
    env = dict(os.environ, SDL_VIDEODRIVER=os.environ.get("SDL_VIDEODRIVER", "dummy"), PYGAME_HIDE_SUPPORT_PROMPT="1")
    out = subprocess.run([sys.executable, "-c", BARE_IDLE], capture_output=True, text=True, env=env, check=True)
    return float(out.stdout.strip().splitlines()[-1])


#: CPU seconds each timed process had used when it said "ready" (appended by `time_to_ready`)
CPU_AT_READY: list[float] = []


def time_to_ready(code: str, second: str | None = None):
    """Seconds from starting ``code`` in a fresh process to its "ready" line (and to ``second``, if given)."""
    import tempfile

    env = dict(os.environ, SDL_VIDEODRIVER=os.environ.get("SDL_VIDEODRIVER", "dummy"),
               SDL_AUDIODRIVER=os.environ.get("SDL_AUDIODRIVER", "dummy"), PYGAME_HIDE_SUPPORT_PROMPT="1")
    # an installed game has its bytecode compiled (pip does it); without it every start compiles the sources
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    data_dir = tempfile.mkdtemp(prefix="safepath-bench-")  # made here: the timed process need not import tempfile
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code, data_dir], stdout=subprocess.PIPE, env=env, text=True)
    line = proc.stdout.readline()
    ready = time.perf_counter() - started
    words = line.split()
    if len(words) == 2:  # the CPU time the process had used by then: not inflated by other processes
        CPU_AT_READY.append(float(words[1]))
    line = words[0] if words else ""
    later = None
    if second is not None:
        later_line = proc.stdout.readline()
        later = time.perf_counter() - started if later_line.strip() == second else None
    proc.wait()
    if line != "ready" or (second is not None and later is None):
        raise RuntimeError(f"the start-up script failed (exit {proc.returncode})")
    return ready if second is None else (ready, later)


def startup() -> None:
    bare, soft, game, loaded = [], [], [], []
    game_code = GAME_START.format(root=str(ROOT))
    for code in (BARE_DEFAULTS, BARE_SOFTWARE):
        time_to_ready(code)  # not timed: writes bytecode, warms the disk cache
    time_to_ready(game_code, "loaded")  # not timed: also the game's own caches (catalogs, pictures)
    soft_cpu, game_cpu = [], []
    for _ in range(RUNS):  # interleaved so disk caches and CPU load affect all alike
        bare.append(time_to_ready(BARE_DEFAULTS))
        soft.append(time_to_ready(BARE_SOFTWARE))
        soft_cpu.append(CPU_AT_READY[-1])
        ready, done = time_to_ready(game_code, "loaded")
        game_cpu.append(CPU_AT_READY[-1])
        game.append(ready)
        loaded.append(done)
    b, s, g, d = (statistics.median(v) for v in (bare, soft, game, loaded))
    sc, gc_ = statistics.median(soft_cpu), statistics.median(game_cpu)
    print(f"start-up to the first frame that handles input (median of {RUNS} fresh processes each):")
    print(f"  bare pygame-ce window, SDL defaults (GL framebuffer)        {b * 1000:7.1f} ms")
    print(f"  bare pygame-ce window, the game's SDL hint (like for like)  {s * 1000:7.1f} ms")
    print(f"  SafePath (`safepath --lang my`: title drawn, key handled)   {g * 1000:7.1f} ms"
          f"   {g / s:.2f}x like for like (target <= 1.5x); {g / b:.2f}x the SDL-defaults window")
    print(f"  CPU time used by then (not inflated by other processes): bare like for like {sc * 1000:6.1f} ms,"
          f" SafePath {gc_ * 1000:6.1f} ms   {gc_ / sc:.2f}x")
    print(f"  ... and every scenario read (background thread, done)      {d * 1000:7.1f} ms"
          f"   (the scenario list needs them; it is a player or two after the title)")
    # the machine is shared: the fastest of each side shows what it costs without other processes' noise
    bb, sb, gb = min(bare), min(soft), min(game)
    print(f"  best of {RUNS}: bare SDL defaults {bb * 1000:6.1f} ms, bare like for like {sb * 1000:6.1f} ms,"
          f" SafePath {gb * 1000:6.1f} ms   {gb / sb:.2f}x like for like")


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def chat_frames(app, scenario, chat_state) -> tuple[list[float], list[float], list[float], list[float]]:
    """Frame times of the chat: a still thread redrawn whole, then messages typing (draw, and flip apart)."""
    import pygame

    from safepath.scenes.story import StoryScene

    # still chat: every message shown, the whole screen redrawn each frame (worst case for a still picture)
    app.render_stack([StoryScene(scenario, state=chat_state, preview="ready")])
    still, still_flip = [], []
    for _ in range(300):
        t = time.perf_counter()
        app.draw()
        t2 = time.perf_counter()
        pygame.display.flip()
        still.append(t2 - t)
        still_flip.append(time.perf_counter() - t2)

    # animating chat: messages typed and revealed at the normal typewriter speed, 60 frames a second
    app.settings.typewriter = "normal"
    moving, moving_flip = [], []
    for _ in range(3):
        app.render_stack([StoryScene(scenario, state=chat_state)])
        for _ in range(600):
            t = time.perf_counter()
            animating = app.step(1 / 60, [])
            t2 = time.perf_counter()
            pygame.display.flip()
            moving.append(t2 - t)
            moving_flip.append(time.perf_counter() - t2)
            if not animating:
                break
    return still, still_flip, moving, moving_flip


def report_chat_frames(app, scenario, chat_state, name: str) -> None:
    still, still_flip, moving, moving_flip = chat_frames(app, scenario, chat_state)
    ms = lambda v: v * 1000  # noqa: E731
    print(f"chat frame, {name:<8} still    median {ms(statistics.median(still)):6.2f} ms   p99 {ms(percentile(still, 99)):6.2f} ms"
          f"   + flip median {ms(statistics.median(still_flip)):5.2f} ms   ({len(still)} frames; target median <= 2 ms)")
    print(f"chat frame, {name:<8} typing   median {ms(statistics.median(moving)):6.2f} ms   p99 {ms(percentile(moving, 99)):6.2f} ms"
          f"   + flip median {ms(statistics.median(moving_flip)):5.2f} ms   ({len(moving)} frames)")


def frames_and_idle() -> None:
    import resource
    import tempfile

    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    import pygame

    sys.path.insert(0, str(ROOT))
    from safepath.app import make_app
    from safepath.scenes.story import StoryScene
    from safepath.scenes.story_parts import first_states_by_kind

    app = make_app((1280, 720), "my", data_dir=tempfile.mkdtemp(prefix="safepath-bench-"))
    scenario = app.scenarios["dream-job"]
    chat_state = first_states_by_kind(scenario)["chat"]
    report_chat_frames(app, scenario, chat_state, "Burmese")

    # idle: the real loop on a still screen for 5 seconds
    app.settings.typewriter = "instant"
    app.render_stack([StoryScene(scenario, state=chat_state, preview="ready")])
    while app.step(1 / 60, []):
        pass
    draws = [0]
    original_draw = app.draw

    def counting_draw():
        draws[0] += 1
        original_draw()

    app.draw = counting_draw
    pygame.event.clear()
    pygame.time.set_timer(pygame.QUIT, 5000, loops=1)
    app.running = True
    cpu0, wall0 = time.process_time(), time.perf_counter()
    app.loop()
    cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
    print(f"idle on a still chat screen   {cpu / wall * 100:5.2f} % of a core over {wall:.1f} s"
          f"   (frames drawn while idle: {draws[0]}; target < 1 %; SDL driver {pygame.display.get_driver()})")
    print(f"idle, bare pygame-ce window   {bare_idle_percent():5.2f} % of a core over 5 s   (pygame.event.wait(), which"
          f" wakes every millisecond)")

    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"peak memory                   {peak_kb / 1024:6.1f} MB   (ru_maxrss; target <= 150 MB)")
    # two languages at once (issue 14): Burmese with Thai under it, the tallest pair (after the memory peak:
    # a second app of its own)
    pair = make_app((1280, 720), "my", data_dir=tempfile.mkdtemp(prefix="safepath-bench-"), second_lang="th")
    report_chat_frames(pair, pair.scenarios["dream-job"], chat_state, "my + th")


def main() -> None:
    xvfb = start_xvfb()
    try:
        startup()
        frames_and_idle()
    finally:
        if "pygame" in sys.modules:
            sys.modules["pygame"].quit()  # let go of the X connection before its server goes
        if xvfb is not None:
            xvfb.terminate()
            xvfb.wait(timeout=10)


if __name__ == "__main__":
    main()
