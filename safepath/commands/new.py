"""Start a new scenario from a commented skeleton that already passes `safepath lint`.

    safepath new scenario NAME [--dir FOLDER] [--force]     (default folder: ./content/scenarios)

The skeleton is a tiny but complete story (an ad, a check, two endings) with a
comment on every key, so an author learns the format by changing it rather
than from a blank page. It never overwrites a file unless ``--force`` is given.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

NAME_RULE = re.compile(r"^[a-z][a-z0-9_-]{0,63}$")

SKELETON = """\
# yaml-language-server: $schema={schema}
#
# A SafePath scenario. Lines starting with # are comments: the game ignores them.
# Indent with spaces (never tabs). Text after a key is English; translators
# translate it later with the gettext catalogues (see docs/translating.md).
# Check your work at any time with:   safepath lint {path}
# Try every path with:                safepath playtest {path} --exhaustive

schema_version: 1                 # always 1 for this format
id: {name}                        # must be the same as the file name (without .yaml)
title: {title}                    # shown on the scenario card (at most 120 characters)
summary: >-                       # one or two sentences for the card and the trainer
  A young person sees a job offer online and decides whether to check it first.
minutes: 5                        # how long one play-through takes
content_note: >-                  # shown before the story starts; say what it is about, gently
  This story is about a fake job offer. Nobody is hurt, and you can stop at any time.
sources:                          # the research the story is based on (at least one)
  - title: "Thailand Ministry of Labour: check a recruitment agency (call 1506, press 2)"
    url: https://www.doe.go.th/

characters:                       # everyone who appears; exactly one has role: player
  me: {{name: Mai, role: player}}            # "you": their lines show on the right in chats
  recruiter: {{name: Khun Nok, role: recruiter, avatar: recruiter}}

teaches: [pay-too-good, unverifiable-company]   # red flags from content/red_flags.yaml

scores:                           # optional extra scores; `safety` always exists and starts at 0
  trust: 0

start: ad                         # the first scene (default: the first one below)

scenes:                           # the story, one scene per id
  ad:
    kind: chat                    # chat, narration, decision or ending
    app: Facebook                 # chat scenes: the app the messages appear in
    red_flags: [pay-too-good]     # red flags the player meets in this scene
    lines:                        # what is said, in order
      - recruiter: "Hello! We are hiring. {{baht:45000}} a month, no experience needed!"   # money: always {{baht:...}}
      - Mai reads the message twice.          # a plain line is narration
    choices:                      # the buttons; each needs text and goto
      - text: Ask which company this is and check it
        goto: check
        spots: [pay-too-good]     # the player noticed this red flag (a hit)
        safety: 1                 # change the safety score
        set: [asked_company]      # story flags, tested later with has(asked_company)
        feedback: Good idea. Pay far above normal is a common lure.
      - text: Say yes straight away
        goto: trapped
        misses: [pay-too-good]    # the player went past this red flag
        safety: -1
        score: {{trust: 1}}
        feedback: It is easy to say yes to a dream job. Let us see what happens.
      - text: Search the company name online
        goto: check
        spots: [unverifiable-company]

  check:
    kind: decision
    title: Checking the agency
    red_flags: [unverifiable-company]
    lines:
      - Mai calls 1506 and presses 2. The agency is not on the list of licensed agencies.
    choices:
      - text: Tell Khun Nok you know the agency is not licensed
        goto: safe-end
        if: has(asked_company)    # shown only when the condition holds
        spots: [unverifiable-company]
        safety: 1
      - text: Block Khun Nok and tell a friend about the ad
        goto: safe-end
        safety: 1

  safe-end:
    kind: ending
    ending: safe                  # safe, recovered or trapped-with-help
    debrief: >-                   # what happened, how the trap worked, and where help is
      Mai checked the agency before trusting it, and it was not licensed.
      Anyone can be fooled by a fake job; checking with 1506 is a simple, strong step.
    notes: Ask the group how they would check a company.   # facilitator notes (optional)

  trapped:
    kind: ending
    ending: recovered
    lines:
      - Mai's sister sees the chat and helps her call 1300 before she travels.
    debrief: >-
      The offer was a trap: pay that is too good is how recruiters lure people.
      It is never the victim's fault. Call 1300 (Thailand) for help, at any time.
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("what", choices=["scenario"], help="what to create (only `scenario` for now)")
    parser.add_argument("name", help="the new scenario's id, e.g. my-story (lower-case letters, digits, - and _)")
    parser.add_argument("--dir", default=None, metavar="FOLDER",
                        help="folder to create it in (default: content/scenarios in the current folder, "
                        "created if it does not exist)")
    parser.add_argument("--force", action="store_true", help="overwrite an existing file")


def skeleton(name: str, path: Path) -> str:
    from safepath.paths import project_root

    folder = path.parent.resolve()
    # the author's own copy of SafePath, if the story sits in one; otherwise the installed one
    own = next((d / "docs" / "scenario.schema.json" for d in (folder, *folder.parents)
                if (d / "docs" / "scenario.schema.json").is_file()), None)
    schema = own or project_root() / "docs" / "scenario.schema.json"
    try:
        schema_ref = os.path.relpath(schema, path.parent.resolve())
    except ValueError:  # another drive on Windows
        schema_ref = schema.as_uri()
    title = name.replace("-", " ").replace("_", " ").capitalize()
    return SKELETON.format(name=name, title=title, path=path.as_posix(), schema=Path(schema_ref).as_posix())


def default_folder(cwd: Path) -> Path:
    """Where a new story goes when no ``--dir`` is given, relative to ``cwd``.

    Always the author's own folder: ``content/scenarios`` where they stand (in a copy of SafePath that is
    the game's folder; anywhere else it is created), or the scenario folder they stand in. Never the folder
    of the installed game, which an update would overwrite (and which, after ``pip install``, is hidden
    inside Python's site-packages).
    """
    if cwd.name == "scenarios" and ((cwd.parent / "red_flags.yaml").is_file() or cwd.parent.name == "content"):
        return Path(".")  # standing in a scenario folder already (the game's, or an author's own content/)
    return Path("content") / "scenarios"


def run(args: argparse.Namespace) -> int:
    if not NAME_RULE.match(args.name):
        print(f"safepath new: {args.name!r} cannot be a scenario id: use lower-case letters, digits, '-' and '_', "
              "starting with a letter (for example: dream-job)", file=sys.stderr)
        return 2
    folder = Path(args.dir) if args.dir else default_folder(Path.cwd())
    path = folder / f"{args.name}.yaml"
    if path.exists() and not args.force:
        print(f"safepath new: {path} already exists; choose another name or add --force to replace it",
              file=sys.stderr)
        return 1
    new_folder = not folder.is_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path.write_text(skeleton(args.name, path), encoding="utf-8")
    except OSError as exc:
        print(f"safepath new: cannot write {path}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(f"created {path.as_posix()}\n  (full path: {path.resolve()}"
          + (f"; the folder {folder.as_posix()} is new" if new_folder else "") + ")")
    print(f"next: edit it, then run  safepath lint {path.as_posix()}  and  "
          f"safepath playtest {path.as_posix()} --exhaustive")
    return 0
