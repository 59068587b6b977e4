"""Memory on an old laptop: peak RSS over a long random session, beside the chat-frame times.

    python3 benchmarks/run.py memory            # 1280x720 and 1920x1080
    python3 benchmarks/bench_memory.py --root OTHER_CHECKOUT   # the same session on another version

Each window size runs in a fresh process, which

1. times the Burmese chat frame (still: every message shown and the whole screen
   redrawn; typing: messages typed and revealed at the normal speed), median and
   p99, as ``bench_game.py`` does, so the caps on memory are seen beside the frame
   time they must not spoil (target: median <= 2 ms, typing p99 <= 3 ms);
2. plays a long random session of 10,000 steps (one ``App.step`` each, with a few
   random key presses, clicks, wheel turns and typed text, at 1/60 s or a longer
   frame), through every story from the story list, switching the language
   (Thai, Burmese, English), the text size and high contrast now and then, as a
   class sharing one laptop does. The window keeps its size (the target is per size).
   Seeded: every run plays the same session.
3. prints the peak resident memory (``ru_maxrss``) of that process, and, as the
   floor, the peak of a bare process at the same size: pygame-ce with a window of
   that size, the game's six fonts opened at three sizes each and one screen of text
   drawn. Targets: <= 150 MB at 1280x720, <= 250 MB at 1920x1080; and what the byte
   caps of the in-memory caches (:mod:`safepath.ui.memory`) hold at the end.

When Xvfb is installed and no display is set, the benchmark starts its own (as
``bench_game.py`` does), so frames and memory are those of a real X11 window.

The disk cache of rendered backgrounds is bounded too (``safepath.ui.art.DISK_CACHE_BYTES``):
the session's cache folder is measured at the end.

With ``--root`` the session runs against another checkout (an older version, to
compare before and after in one sitting); the caps' line is left out if that
version has none.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STEPS = int(os.environ.get("SAFEPATH_BENCH_STEPS", "10000"))
SIZES = ((1280, 720), (1920, 1080))
TARGET_MB = {(1280, 720): 150, (1920, 1080): 250}
SEED = 20261203

FLOOR = """
import os, resource, sys
os.environ['SDL_FRAMEBUFFER_ACCELERATION'] = '0'  # the game's own hint (software framebuffer): like for like
sys.path.insert(0, {root!r})
import pygame
pygame.display.init(); pygame.font.init()
surface = pygame.display.set_mode(({w}, {h}))
from safepath.ui.fonts import FONT_FILES
from safepath import paths
fonts = [pygame.font.Font(str(paths.fonts_dir() / name), size) for name in FONT_FILES.values() for size in (18, 24, 32)]
for i, font in enumerate(fonts):
    surface.blit(font.render("SafePath ปลอดภัย ဘေးကင်း " * 4, True, (0, 0, 0)), (0, i * 20))
pygame.display.flip()
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, flush=True)
"""


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def chat_frames(app) -> tuple[list[float], list[float], list[float], list[float]]:
    """Frame times of the Burmese chat, still and typing (the same frames as bench_game.py).

    Wall time and this thread's CPU time of each frame: on a shared machine the wall
    time also counts the time other processes had the core; the CPU time does not."""
    from safepath.scenes.story import StoryScene
    from safepath.scenes.story_parts import first_states_by_kind

    scenario = app.scenarios["dream-job"]
    chat_state = first_states_by_kind(scenario)["chat"]
    app.settings.language = "my"
    app.apply_settings(app.settings)
    app.render_stack([StoryScene(scenario, state=chat_state, preview="ready")])
    still, still_cpu = [], []
    for _ in range(300):
        t, c = time.perf_counter(), time.thread_time()
        app.draw()
        still.append(time.perf_counter() - t)
        still_cpu.append(time.thread_time() - c)
    app.settings.typewriter = "normal"
    moving, moving_cpu = [], []
    for _ in range(3):
        app.render_stack([StoryScene(scenario, state=chat_state)])
        for _ in range(600):
            t, c = time.perf_counter(), time.thread_time()
            animating = app.step(1 / 60, [])
            moving.append(time.perf_counter() - t)
            moving_cpu.append(time.thread_time() - c)
            if not animating:
                break
    return still, moving, still_cpu, moving_cpu


def random_session(app, steps: int, seed: int) -> dict[str, int]:
    """``steps`` random frames through the story list and every story; returns what was seen."""
    import random

    import pygame

    rng = random.Random(seed)
    keys = [pygame.K_RETURN, pygame.K_RETURN, pygame.K_SPACE, pygame.K_DOWN, pygame.K_UP, pygame.K_TAB,
            pygame.K_ESCAPE, pygame.K_PAGEUP, pygame.K_PAGEDOWN, pygame.K_s] + [getattr(pygame, f"K_{n}") for n in (1, 1, 2, 2, 3)]
    texts = ["a", "ก", "မ", "ဂိမ်း", "1"]
    w, h = app.theme.screen_size
    seen: dict[str, int] = {}
    stories = sorted(app.scenarios)
    picker_since = 0

    def fresh_story() -> None:
        app.stack.clear_to(app.show("picker"))
        app.settings.typewriter = rng.choice(["normal", "fast", "fast", "instant"])
        app.start_scenario(rng.choice(stories), resume=False, checks=False)

    app.running = True
    fresh_story()
    for n in range(steps):
        if not app.running or not len(app.stack):
            app.running = True
            fresh_story()
        top = type(app.stack.top).__name__
        seen[top] = seen.get(top, 0) + 1
        picker_since = picker_since + 1 if top in ("ScenarioPicker", "TitleScreen", "ProfileScreen") else 0
        if picker_since > 20:  # the story list: a player picks the next story
            fresh_story()
            picker_since = 0
        if n % 97 == 0:
            roll = rng.random()
            if roll < 0.6:
                app.settings.language = rng.choice(["th", "my", "en"])
            elif roll < 0.9:
                app.settings.text_size = rng.randrange(3)
            else:
                app.settings.high_contrast = not app.settings.high_contrast
            app.apply_settings(app.settings)
        events = []
        for _ in range(rng.choice((0, 1, 1, 1, 2, 3))):
            kind = rng.random()
            if kind < 0.7:
                events.append(pygame.event.Event(pygame.KEYDOWN, key=rng.choice(keys), mod=0, unicode="", scancode=0))
            elif kind < 0.8:
                events.append(pygame.event.Event(pygame.TEXTINPUT, text=rng.choice(texts)))
            elif kind < 0.93:
                pos = (rng.randrange(w), rng.randrange(h))
                for etype in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP):
                    events.append(pygame.event.Event(etype, pos=pos, button=1))
            else:
                events.append(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=rng.choice([-3, -1, 1, 3]), flipped=False))
        app.step(rng.choice((1 / 60, 1 / 60, 1 / 30, 0.25)), events)
        writing = getattr(app.stack.top, "job", None)  # the class sheets or a report, written by a child process
        if writing is not None:  # wait for it, as the game without a window does: every run plays the same steps
            try:
                writing.result()
            except Exception:  # the screen says what went wrong when it asks for the answer itself
                pass
        if not app.headless:
            pygame.display.flip()
    return seen


def one_size(width: int, height: int, root: Path) -> None:
    """In this process: chat frames, then the session; prints one block of figures."""
    import tempfile

    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    cache = tempfile.mkdtemp(prefix="safepath-bench-cache-")
    os.environ["SAFEPATH_CACHE_DIR"] = cache
    sys.path.insert(0, str(root))
    from safepath.app import make_app
    from safepath.saves import savefile

    savefile.write_json = lambda *args, **kwargs: None  # saving is not what is measured (and the disk is shared)
    app = make_app((width, height), "my", data_dir=tempfile.mkdtemp(prefix="safepath-bench-"), load=False)
    try:  # as the game does before its first screen (a version that does not, does not)
        from safepath.app import freeze_start_up_objects

        freeze_start_up_objects()
    except ImportError:
        pass
    app.load_scenarios()
    if os.environ.get("SDL_VIDEODRIVER") == "x11":
        app.headless = False  # a real window: every frame is flipped, as in the game
    app.select_profile(app.storage.create_profile("Bench", "player"))
    after_start = rss_mb()
    still, moving, still_cpu, moving_cpu = chat_frames(app)
    after_frames = rss_mb()
    started = time.perf_counter()
    seen = random_session(app, STEPS, SEED)
    seconds = time.perf_counter() - started
    peak = rss_mb()
    ms = lambda v: v * 1000  # noqa: E731
    for name, wall, cpu in (("still ", still, still_cpu), ("typing", moving, moving_cpu)):
        print(f"  chat frame, Burmese, {name}   median {ms(statistics.median(wall)):5.2f} ms   p99 {ms(percentile(wall, 99)):5.2f} ms"
              f"   (CPU time: median {ms(statistics.median(cpu)):5.2f} ms   p99 {ms(percentile(cpu, 99)):5.2f} ms; {len(wall)} frames)")
    print(f"  peak RSS after start {after_start:6.1f} MB, after the chat frames {after_frames:6.1f} MB, "
          f"after {STEPS:,} random steps ({seconds:.0f} s) {peak:6.1f} MB")
    screens = ", ".join(f"{k} {v}" for k, v in sorted(seen.items(), key=lambda kv: -kv[1])[:8])
    print(f"  steps per screen: {screens}")
    try:
        from safepath.ui import memory

        print(f"  in-memory caches at the end: {memory.describe()}")
    except ImportError:
        pass
    disk = sum(f.stat().st_size for f in Path(cache).rglob("*") if f.is_file())
    print(f"  disk cache folder at the end: {disk / 2**20:.1f} MB")
    print(f"PEAK {peak:.1f}", flush=True)


def floor_mb(width: int, height: int, root: Path) -> float:
    code = FLOOR.format(root=str(root), w=width, h=height)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=_env(), check=True)
    return int(out.stdout.strip().splitlines()[-1]) / 1024


def _env() -> dict[str, str]:
    return dict(os.environ, SDL_VIDEODRIVER=os.environ.get("SDL_VIDEODRIVER", "dummy"),
                SDL_AUDIODRIVER=os.environ.get("SDL_AUDIODRIVER", "dummy"), PYGAME_HIDE_SUPPORT_PROMPT="1")


def main(argv: list[str]) -> int:
    root = ROOT
    if "--one" in argv:
        i = argv.index("--one")
        w, h = map(int, argv[i + 1].split("x"))
        if "--root" in argv:
            root = Path(argv[argv.index("--root") + 1]).resolve()
        one_size(w, h, root)
        return 0
    if "--root" in argv:
        root = Path(argv[argv.index("--root") + 1]).resolve()
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from bench_game import start_xvfb  # the same X11 window as the game benchmark, when Xvfb is installed

    xvfb = start_xvfb()
    try:
        return run_sizes(argv, root)
    finally:
        if xvfb is not None:
            xvfb.terminate()
            xvfb.wait(timeout=10)


def run_sizes(argv: list[str], root: Path) -> int:
    sizes = SIZES
    if "--size" in argv:
        sizes = (tuple(map(int, argv[argv.index("--size") + 1].split("x"))),)
    failed = False
    for w, h in sizes:
        print(f"{w}x{h}, {STEPS:,} random steps, code from {root}:", flush=True)
        out = subprocess.run([sys.executable, __file__, "--one", f"{w}x{h}", "--root", str(root)],
                             stdout=subprocess.PIPE, text=True, env=_env(), cwd=root)
        lines = out.stdout.splitlines()
        peak = None
        for line in lines:
            if line.startswith("PEAK "):
                peak = float(line.split()[1])
            else:
                print(line)
        if out.returncode != 0 or peak is None:
            print(f"  the session failed (exit {out.returncode})")
            failed = True
            continue
        floor = floor_mb(w, h, root)
        target = TARGET_MB.get((w, h))
        verdict = "" if target is None else f"   target <= {target} MB: {'OK' if peak <= target else 'TOO MUCH'}"
        print(f"  peak RSS {peak:6.1f} MB   beside the floor (bare pygame-ce window, fonts, one screen of text) "
              f"{floor:6.1f} MB{verdict}", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
