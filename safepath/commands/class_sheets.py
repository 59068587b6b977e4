"""Printable class material: a facilitator sheet per story and the knowledge check's answer cards (HTML).

    safepath class-sheets [-o FOLDER] [--lang th|my|en] [--session CODE]

Writes ``facilitator-<story>-<lang>.html`` for every story that loads and ``answer-cards-<lang>.html`` (cards
students hold up, and a tally sheet for the pre- and post-check forms of the session ``CODE``, or A then B)
into FOLDER (default ``class-sheets``). Open them in any browser and print; nothing needs a network.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-o", "--output", metavar="FOLDER", default="class-sheets", help="folder for the HTML files")
    parser.add_argument("--lang", default="en", choices=["en", "th", "my"], help="language of the sheets (default en)")
    parser.add_argument("--session", metavar="CODE", help="a class session's code: its pre/post forms on the tally sheet")


def run(args: argparse.Namespace) -> int:
    from safepath import paths
    from safepath.checks.loader import load_bank
    from safepath.classroom.sheets import write_all
    from safepath.story import loader

    files = [p for folder in (paths.scenarios_dir(), paths.local_scenarios_dir()) if folder.is_dir()
             for p in sorted(folder.glob("*.yaml"))]
    report = loader.load_all(files)
    if not report.scenarios:
        print("safepath class-sheets: no story loads; run `safepath lint content/` to see why", file=sys.stderr)
        return 1
    red_flags = loader.load_catalogue()[0]
    safe_signs = loader.load_safe_signs()[0]
    forms = dict(load_bank(None, red_flags, safe_signs).forms)
    try:
        written = write_all(report.scenarios.values(), forms, args.lang, Path(args.output), args.session)
    except OSError as exc:
        print(f"safepath class-sheets: cannot write to {args.output}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    for path in written:
        print(f"wrote {path}")
    return 0
