"""The ``safepath`` command: the game, and thin tools over the same model and engine.

Each sub-command lives in its own module under :mod:`safepath.commands` with two
functions, ``add_arguments(parser)`` and ``run(args) -> int``. Command modules
import their heavy dependencies inside ``run`` so ``safepath lint`` never pays
for pygame.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

#: sub-command -> (module, one-line help)
COMMANDS = {
    "play": ("safepath.commands.play", "play a scenario in the terminal (--text)"),
    "lint": ("safepath.commands.lint", "check scenario files and report every problem"),
    "playtest": ("safepath.commands.playtest", "explore every path, random runs, golden playthroughs"),
    "graph": ("safepath.commands.graph", "draw a scenario's map (DOT, Mermaid, HTML)"),
    "i18n": ("safepath.commands.i18n", "translation status and checks"),
    "new": ("safepath.commands.new", "start a new scenario from a commented skeleton"),
    "export-script": ("safepath.commands.export_script", "printable script of a scenario (HTML)"),
    "screenshots": ("safepath.commands.screenshots", "render every screen to PNG, headless"),
    "checks": ("safepath.commands.checks", "knowledge checks: when they are asked, and a summary of the results"),
    "class-sheets": ("safepath.commands.class_sheets", "printable facilitator sheets and answer cards for class mode (HTML)"),
    "report": ("safepath.commands.report", "a report for trainers and donors (HTML, CSV), merging laptops' exports"),
}


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """The parser for ``safepath``; with ``argv``, only the sub-commands named in it are imported.

    Starting the game (no sub-command) then imports none of the tool modules: a few
    milliseconds less before the window opens on an old laptop. ``--help`` still lists
    every command (their one-line help lives in :data:`COMMANDS`).
    """
    parser = argparse.ArgumentParser(
        prog="safepath",
        description="SafePath: a story game about staying safe from online job scams. "
        "Run with no command to start the game.",
    )
    add_game_arguments(parser)
    if argv is not None and not _names_a_command(argv):
        parser.set_defaults(command=None)
        return parser  # just the game: no sub-command parsers to build
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    named = set(COMMANDS) if argv is None else set(COMMANDS) & set(argv)
    for name, (module_name, help_text) in COMMANDS.items():
        if name not in named:
            p = sub.add_parser(name, help=help_text, description=help_text, add_help=False)
            p.set_defaults(_run=_lazy_run(module_name))
            continue
        module = importlib.import_module(module_name)
        p = sub.add_parser(name, help=help_text, description=(module.__doc__ or help_text).strip().splitlines()[0])
        module.add_arguments(p)
        p.set_defaults(_run=module.run)
    return parser


#: game options followed by a value (so that value is not taken for a command)
_VALUED_OPTIONS = ("--lang", "--second-lang", "--data-dir", "--content", "--selftest-log", "--selftest-shots")


def _names_a_command(argv: list[str]) -> bool:
    """Whether ``argv`` asks for help or has a word where a command goes (then the full parser is needed)."""
    skip = False
    for token in argv:
        if skip:
            skip = False
        elif token in ("-h", "--help"):
            return True
        elif token in _VALUED_OPTIONS:
            skip = True
        elif not token.startswith("-"):
            return True  # a command, or a misspelt one that argparse should name
    return False


def _lazy_run(module_name: str):
    def run(args: argparse.Namespace) -> int:
        return importlib.import_module(module_name).run(args)

    return run


def add_game_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", choices=["th", "my", "en", "xx"],
                        help="language of the game (default: ask on first run); xx: pseudo-language for testing")
    parser.add_argument("--second-lang", metavar="LANG",
                        help="a second language shown smaller under the first (th, my or en; not the same as --lang)")
    parser.add_argument("--fullscreen", action="store_true", help="start in full screen")
    parser.add_argument("--windowed", action="store_true", help="start in a window")
    parser.add_argument("--portable", action="store_true", help="keep saves next to the game (for a USB stick)")
    parser.add_argument("--data-dir", metavar="DIR", help="keep saves in this folder")
    parser.add_argument("--author", action="store_true", help="author mode: reload scenarios when files change")
    parser.add_argument("--content", metavar="DIR", help="scenario folder to use instead of the bundled one")
    parser.add_argument("--class", dest="class_mode", action="store_true",
                        help="start in class mode: the trainer's menu for a class with a projector")
    parser.add_argument("--selftest", action="store_true",
                        help="check this copy of the game (content, catalogs, fonts, screens, saves) and exit")
    parser.add_argument("--selftest-log", metavar="FILE", help=argparse.SUPPRESS)  # also write the report here
    parser.add_argument("--selftest-shots", metavar="DIR", help=argparse.SUPPRESS)  # and a PNG of each frame


#: exit status when the reader of our output went away (128 + SIGPIPE), as a shell reports for `yes | head`
BROKEN_PIPE = 141


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    problem = second_lang_problem(args)
    if problem:
        parser.error(problem)  # exit status 2 with the usage line, as for any other wrong option
    try:
        if getattr(args, "_run", None) is not None:
            code = args._run(args)
        elif getattr(args, "selftest", False):
            from safepath.packaging.selftest import run as selftest

            code = selftest(args)
        else:
            code = run_game(args)
        sys.stdout.flush()  # inside the try: a closed pipe shows up here, not in the interpreter's exit
        return code
    except BrokenPipeError:
        # `safepath lint content/ | head` closed the pipe early: stop quietly, as other command-line tools do.
        # Point stdout at devnull so the interpreter's final flush does not fail again (Python's docs recipe).
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return BROKEN_PIPE


def second_lang_problem(args: argparse.Namespace) -> str | None:
    """What is wrong with ``--second-lang`` beside ``--lang`` (a sentence), or None.

    Without ``--lang`` the game's saved language is not known yet: the game then shows the second
    language only when it differs (:meth:`safepath.app.App.second_lang`); the terminal player's
    language is English unless told otherwise.
    """
    second = getattr(args, "second_lang", None)
    if second is None:
        return None
    from safepath.i18n.runtime import second_language_problem

    primary = getattr(args, "lang", None)
    if primary is None and getattr(args, "command", None) is None:
        return second_language_problem("th" if second != "th" else "en", second)  # only the name is checked
    return second_language_problem(primary, second)


def run_game(args: argparse.Namespace) -> int:
    from safepath import app  # pygame is imported only now: the tools above never pay for it

    return app.run(args)


if __name__ == "__main__":
    sys.exit(main())
