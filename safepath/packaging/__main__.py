"""``python3 -m safepath.packaging build`` (the one-folder bundle) and ``check`` (its self-test, empty environment)."""

from __future__ import annotations

import argparse
import sys

from safepath.packaging import build, check


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python3 -m safepath.packaging", description=__doc__.split("\n")[0].strip("`"))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, module in (("build", build), ("check", check)):
        p = sub.add_parser(name, help=module.__doc__.strip().splitlines()[0], description=module.__doc__.strip().splitlines()[0])
        module.add_arguments(p)
        p.set_defaults(_run=module.run)
    args = parser.parse_args(argv)
    return args._run(args)


if __name__ == "__main__":
    sys.exit(main())
