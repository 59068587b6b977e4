"""Render every screen of the game to PNG files, headless, in each language and window size.

    safepath screenshots OUTDIR [--lang th,my,en] [--size 1280x720,1920x1080] [--text-size 0,2]

Each module of :mod:`safepath.scenes` may define ``screenshot_states(app)``
returning named stacks of scenes (see :mod:`safepath.scenes.base`); this
command builds a headless app (``SDL_VIDEODRIVER=dummy``, saves in a temporary
folder, never the player's) for every language × size × text size, draws each
stack once and writes ``OUTDIR/<W>x<H>/<lang>/<name>.png`` (``-t2`` added for
larger text sizes). Screens that can check their own text boxes
(``fit_problems(size)``) are checked too: overflowing text is listed and the
exit status is 1, so the command doubles as a layout check for trainers and
translators.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path


def _sizes(text: str) -> list[tuple[int, int]]:
    out = []
    for part in text.split(","):
        try:
            w, h = part.lower().strip().split("x")
            out.append((int(w), int(h)))
        except ValueError:
            raise argparse.ArgumentTypeError(f"size {part!r} is not WIDTHxHEIGHT, for example 1280x720") from None
    return out


def _langs(text: str) -> list[str]:
    langs = [p.strip() for p in text.split(",") if p.strip()]
    bad = [lang for lang in langs if lang not in ("th", "my", "en")]
    if bad:
        raise argparse.ArgumentTypeError(f"unknown language {bad[0]!r}: use th, my or en")
    return langs


def _steps(text: str) -> list[int]:
    try:
        steps = [int(p) for p in text.split(",")]
    except ValueError:
        raise argparse.ArgumentTypeError("text sizes are 0, 1 or 2, separated by commas") from None
    if any(s not in (0, 1, 2) for s in steps):
        raise argparse.ArgumentTypeError("text sizes are 0, 1 or 2")
    return steps


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("outdir", metavar="OUTDIR", help="folder for the PNG files (created if missing)")
    parser.add_argument("--lang", type=_langs, default=["th", "my", "en"], help="languages, e.g. th,my,en (default: all three)")
    parser.add_argument("--size", type=_sizes, default=[(1280, 720), (1920, 1080)],
                        help="window sizes, e.g. 1280x720,1920x1080 (default: those two)")
    parser.add_argument("--text-size", type=_steps, default=[0], help="text size steps 0,1,2 (default: 0)")
    parser.add_argument("--only", metavar="WORD", default="", help="only screens whose name contains WORD")
    parser.add_argument("--high-contrast", action="store_true", help="render with the high-contrast colours")


def collect_states(app) -> list[tuple[str, list]]:
    """Every named screen state offered by the modules of :mod:`safepath.scenes`, in module order."""
    import importlib
    import pkgutil

    import safepath.scenes as pkg

    states = []
    for info in sorted(pkgutil.iter_modules(pkg.__path__), key=lambda i: i.name):
        module = importlib.import_module(f"safepath.scenes.{info.name}")
        maker = getattr(module, "screenshot_states", None)
        if maker is not None:
            states.extend(maker(app))
    return states


def run(args: argparse.Namespace) -> int:
    os.environ["SDL_VIDEODRIVER"] = "dummy"
    os.environ["SDL_AUDIODRIVER"] = "dummy"
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    import pygame

    from safepath.app import make_app

    outdir = Path(args.outdir)
    written = failed = overflowing = 0
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="safepath-shots-") as data_dir:
        for size in args.size:
            for lang in args.lang:
                for step in args.text_size:
                    app = make_app(size=size, lang=lang, text_size=step, data_dir=data_dir, high_contrast=args.high_contrast)
                    folder = outdir / f"{size[0]}x{size[1]}" / lang
                    folder.mkdir(parents=True, exist_ok=True)
                    try:
                        states = collect_states(app)
                    except Exception as exc:  # a broken screen module must not hide the others' pictures
                        print(f"error: could not list the screens: {exc!r}", file=sys.stderr)
                        return 1
                    for name, scenes in states:
                        if args.only and args.only not in name:
                            continue
                        suffix = f"-t{step}" if step else ""
                        path = folder / f"{name}{suffix}.png"
                        try:
                            surface = app.render_stack(scenes)
                            pygame.image.save(surface, str(path))
                            written += 1
                            check = getattr(scenes[-1], "fit_problems", None)
                            problems = check(surface.get_size()) if check else []
                        except Exception as exc:
                            failed += 1
                            print(f"error: {path}: {type(exc).__name__}: {exc}", file=sys.stderr)
                            continue
                        for problem in problems:
                            overflowing += 1
                            print(f"overflow: {path}: {problem}")
    took = time.perf_counter() - started
    print(f"{written} screenshots in {outdir} ({took:.1f} s); {failed} failed; {overflowing} text boxes overflow")
    return 1 if failed or overflowing else 0
