"""``python3 -m safepath.packaging build`` (the one-folder bundle) and ``check`` (its self-test, empty environment)."""

from __future__ import annotations

import argparse
import sys

from safepath.packaging import build, check


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python3 -m safepath.packaging",
                                     description="The one-folder bundle for laptops without Python or internet.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, module, text in (("build", build, "build dist/SafePath/ and its zip (docs/install.md)"),
                               ("check", check, "run a built bundle's self-test with an empty environment")):
        p = sub.add_parser(name, help=text, description=text)
        module.add_arguments(p)
        p.set_defaults(_run=module.run)
    args = parser.parse_args(argv)
    return args._run(args)


if __name__ == "__main__":
    sys.exit(main())
