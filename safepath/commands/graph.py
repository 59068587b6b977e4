"""Draw a scenario's map: Graphviz DOT, Mermaid, or a self-contained HTML page.

    safepath graph SCENARIO [--format dot|mermaid|html] [-o FILE]
    safepath graph SCENARIO --svg|--png [-o FILE]      (needs Graphviz `dot`)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("scenario", help="scenario file")
    parser.add_argument("--format", choices=["dot", "mermaid", "html"], default="dot", help="output format (default dot)")
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--svg", action="store_true", help="render an SVG picture with Graphviz dot")
    group.add_argument("--png", action="store_true", help="render a PNG picture with Graphviz dot")
    parser.add_argument("-o", "--output", metavar="FILE", help="write here instead of printing")


def run(args: argparse.Namespace) -> int:
    from safepath.authoring import mapview
    from safepath.story.diagnostics import format_all
    from safepath.story.loader import load_scenario

    loaded = load_scenario(args.scenario)
    if loaded.scenario is None:
        print(format_all(loaded.diagnostics), file=sys.stderr)
        print(f"{args.scenario}: cannot draw a scenario that does not load", file=sys.stderr)
        return 1
    scenario = loaded.scenario
    if args.svg or args.png:
        fmt = "svg" if args.svg else "png"
        if not mapview.dot_available():
            print("safepath graph: Graphviz `dot` is not installed, so --svg/--png cannot draw a picture.\n"
                  "Install it (Debian/Ubuntu: sudo apt-get install graphviz; Windows: https://graphviz.org/download/)"
                  " or use --format html, which needs nothing else.", file=sys.stderr)
            return 1
        try:
            data = mapview.run_dot(mapview.to_dot(scenario), fmt)
        except (OSError, RuntimeError) as exc:
            print(f"safepath graph: dot failed: {exc}", file=sys.stderr)
            return 1
        out = Path(args.output or Path(args.scenario).with_suffix(f".{fmt}").name)
        out.write_bytes(data)
        print(f"wrote {out}")
        return 0
    text = {"dot": mapview.to_dot, "mermaid": mapview.to_mermaid, "html": mapview.to_html}[args.format](scenario)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
        print(f"wrote {args.output}")
    else:
        sys.stdout.write(text)
    return 0
