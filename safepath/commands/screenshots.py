"""Render every screen of the game to PNG files, headless, in each language and window size.

    safepath screenshots OUTDIR [--lang th,my,en,xx] [--size 1280x720,1920x1080] [--text-size 0,2] [--high-contrast]
    safepath screenshots OUTDIR --lang th,en --second-lang my   two languages at once: th+my and en+my
    safepath screenshots OUTDIR --content content/scenarios     every scene of an author's own stories

Writes ``OUTDIR/<W>x<H>/<lang>/<screen>.png`` (``-t1``/``-t2`` added for larger
text sizes, ``-hc`` for high contrast) and lists every text box whose text does
not fit (exit status 1 then), so the command doubles as a layout check for
trainers and translators. ``xx`` is the pseudo-language: longer, accented
text that shows untranslated or cut strings at a glance. With ``--second-lang``
each language is drawn with each other language under it, into ``<lang>+<second>/``.

This module only reads the options and chooses SDL's dummy video driver; the
drawing is :mod:`safepath.scenes.screenshots` (only the presentation layer
imports pygame).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

#: the languages a picture can be made in: the game's three and the pseudo-language
LANGUAGES = ("th", "my", "en", "xx")


def _sizes(text: str) -> list[tuple[int, int]]:
    out = []
    for part in text.split(","):
        try:
            w, h = part.lower().strip().split("x")
            out.append((int(w), int(h)))
        except ValueError:
            raise argparse.ArgumentTypeError(f"size {part!r} is not WIDTHxHEIGHT, for example 1280x720") from None
        if out[-1][0] < 1 or out[-1][1] < 1:
            raise argparse.ArgumentTypeError(f"size {part!r} must be at least 1x1")
    return out


def _langs(text: str) -> list[str]:
    langs = [p.strip() for p in text.split(",") if p.strip()]
    bad = [lang for lang in langs if lang not in LANGUAGES]
    if bad or not langs:
        raise argparse.ArgumentTypeError(f"unknown language {bad[0] if bad else text!r}: use th, my, en or xx (pseudo)")
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
    parser.add_argument("--lang", type=_langs, default=["th", "my", "en"],
                        help="languages, e.g. th,my,en (default: those three); xx is the pseudo-language")
    parser.add_argument("--size", type=_sizes, default=[(1280, 720), (1920, 1080)],
                        help="window sizes, e.g. 1280x720,1920x1080 (default: those two)")
    parser.add_argument("--text-size", type=_steps, default=[0], help="text size steps 0,1,2 (default: 0)")
    parser.add_argument("--second-lang", dest="second_langs", type=_langs, default=[None], metavar="LANGS",
                        help="second languages shown under each --lang, e.g. my or th,my (default: none); "
                        "a language is never drawn under itself")
    parser.add_argument("--only", metavar="WORD", default="", help="only screens whose name contains WORD")
    parser.add_argument("--high-contrast", action="store_true",
                        help="render with the high-contrast colours (file names end in -hc)")
    # SUPPRESS: `safepath --content DIR screenshots OUT` and `safepath screenshots OUT --content DIR` both work
    parser.add_argument("--content", metavar="DIR", default=argparse.SUPPRESS,
                        help="draw every scene of the stories in this folder (an author's own) instead of the game's screens")


def run(args: argparse.Namespace) -> int:
    content = getattr(args, "content", None)
    if content is not None and not Path(content).is_dir():
        print(f"safepath screenshots: the story folder {content} does not exist (give the folder that holds your "
              "stories, for example --content content/scenarios)", file=sys.stderr)
        return 2
    # before pygame is imported: SDL reads these when it starts
    os.environ["SDL_VIDEODRIVER"] = "dummy"
    os.environ["SDL_AUDIODRIVER"] = "dummy"
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    from safepath.scenes.screenshots import render_all

    return render_all(Path(args.outdir), args.size, args.lang, args.text_size, only=args.only,
                      high_contrast=args.high_contrast, content_dir=Path(content) if content else None,
                      second_langs=args.second_langs)
