"""Play a scenario in the terminal: lines, numbered choices, feedback and the debrief.

Authors use it to walk through a story while writing it, tests and trainers use
``--choices 1,2,1`` to play a scripted path and read the whole transcript. It is
also what ``safepath`` with no command starts while the graphical game is not
there. It runs the very engine and scoring the game uses, so what an author
checks here is what a player plays.

Numbers typed or given in ``--choices`` are positions among the choices shown
at that moment (1-based), because hidden choices are not shown; the engine is
given the choice's stable index.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Callable

from safepath import paths
from safepath.i18n import N_, _

#: Scenario played by ``safepath`` with no command until the graphical game exists.
DEFAULT_SCENARIO = "dream-job.yaml"

#: 3: ``--choices`` ran out before an ending (with no keyboard to carry on), so a script can tell.
EXIT_OK, EXIT_LOAD_ERROR, EXIT_USAGE, EXIT_INCOMPLETE = 0, 1, 2, 3


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("scenario", metavar="SCENARIO", nargs="?",
                        help=f"the scenario file (.yaml) to play (default: the bundled {DEFAULT_SCENARIO})")
    parser.add_argument(
        "--text", action="store_true", help="play in this terminal (the game itself is `safepath` with no command)"
    )
    parser.add_argument(
        "--choices",
        type=_parse_choices,
        metavar="1,2,1",
        help="play without asking: the number of the choice to take at each decision, "
        "counted among the choices shown (1 is the first); Continue is automatic",
    )
    # SUPPRESS keeps `safepath --lang th play ...` working as well as `safepath play --lang th ...`.
    parser.add_argument("--lang", choices=["th", "my", "en"], default=argparse.SUPPRESS, help="language (default: en)")
    parser.add_argument("--second-lang", choices=["th", "my", "en"], default=argparse.SUPPRESS,
                        help="a second language printed under the first (not the same as --lang)")


def _parse_choices(value: str) -> tuple[int, ...]:
    numbers = []
    for part in value.replace(" ", "").split(","):
        if not part.isdigit() or int(part) < 1:
            raise argparse.ArgumentTypeError(
                f"{part!r} is not a choice number; write numbers from 1 up, separated by commas, like 1,2,1"
            )
        numbers.append(int(part))
    return tuple(numbers)


def run(args: argparse.Namespace) -> int:
    from safepath.i18n.runtime import use_own_catalogs

    if args.scenario:  # a story in an author's own folder is translated by that folder's catalogs
        use_own_catalogs(paths.own_locales(args.scenario))
    _use_language(getattr(args, "lang", None), getattr(args, "second_lang", None))
    scenario = _load(Path(args.scenario) if args.scenario else paths.scenarios_dir() / DEFAULT_SCENARIO,
                     show_warnings=bool(args.scenario))
    if scenario is None:
        return EXIT_LOAD_ERROR
    # A script that runs out before the end hands over to the keyboard when there is one.
    from safepath.saves.storage import resolve_data_dir

    player = TerminalPlayer(scenario, choices=getattr(args, "choices", None), by_hand_after_script=sys.stdin.isatty(),
                            data_dir=resolve_data_dir(getattr(args, "portable", False), getattr(args, "data_dir", None)))
    status = _quiet_when_piped(player.play)
    note = player.tr.fallback_note()  # untranslated strings fell back to English: say how many
    if note:
        print(note, file=sys.stderr)
    return status


def _quiet_when_piped(play: Callable[[], int]) -> int:
    """``safepath play ... | head`` closes the pipe early; that is not an error worth a traceback."""
    try:
        return play()
    except BrokenPipeError:
        import os

        # Python flushes stdout again at exit; point it at nothing so that flush stays quiet too.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK


def _use_language(lang: str | None, second: str | None = None) -> None:
    from safepath.i18n import set_language, set_second_language

    set_language(lang or "en")
    set_second_language(second)  # checked by the command line already (safepath.cli.second_lang_problem)
    # Old consoles may not encode Thai or Burmese: show a replacement mark, never a traceback.
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="replace")
        except (AttributeError, ValueError, OSError):
            pass


def _load(path: Path, show_warnings: bool):
    """The scenario, or None after printing what is wrong with the file."""
    from safepath.story import diagnostics
    from safepath.story.loader import load_scenario

    if not path.is_file():
        print(_("There is no scenario file at {path}.", path=str(path)), file=sys.stderr)
        return None
    loaded = load_scenario(path)
    problems = [d for d in loaded.diagnostics if show_warnings or d.is_error]
    if problems:
        print(diagnostics.format_all(problems), file=sys.stderr)
    if loaded.scenario is None or any(d.is_error for d in loaded.diagnostics):
        print(_("The scenario could not be played: please fix the problems above."), file=sys.stderr)
        return None
    return loaded.scenario


class Quit(Exception):
    """The player typed q, closed the input, or pressed Ctrl+C."""


class ScriptError(Exception):
    """A ``--choices`` number that does not fit the choices shown."""


class TerminalPlayer:
    """Shows one play-through as text and asks (or reads from ``--choices``) what to do."""

    def __init__(
        self,
        scenario,
        choices: tuple[int, ...] | None = None,
        write: Callable[[str], None] | None = None,
        ask: Callable[[str], str] | None = None,
        by_hand_after_script: bool = False,
        data_dir: Path | None = None,
    ):
        from safepath.play.story import Story
        from safepath.i18n import current

        self.scenario = scenario
        self.story = Story(scenario)
        self.script = list(choices) if choices is not None else None  # None: ask at every decision
        self.by_hand_after_script = by_hand_after_script
        self.taken: list[int] = []  # positions typed, to tell the player how to come back
        self.typed_ahead: list[str] = []  # a number typed at "Press Enter": the answer to the next choice
        self.write = write or (lambda s: print(s, flush=True))
        self.ask = ask or input
        self.tr = current()
        self.data_dir = data_dir  # where the NGO's own helplines file is (the trainer's helplines screen writes it)

    # -- helpers ----------------------------------------------------------
    def t(self, model_text) -> str:
        return self.tr.text(model_text)

    def both(self, model_text, lead: str = "", indent: str = "    ") -> list[str]:
        """``model_text`` as printed lines: ``lead`` + the text, then the second language under it (if any).

        The second language's line is indented so a reader's eye finds the first language's lines
        down the left edge; a text not translated in one of the two languages is printed once.
        """
        from safepath.i18n import text_pair

        primary, secondary = text_pair(model_text)
        return [lead + primary] + ([indent + secondary] if secondary else [])

    def name_of(self, speaker: str | None) -> str | None:
        character = self.scenario.characters.get(speaker) if speaker else None
        return self.t(character.name) if character else None

    def red_flag_title(self, red_flag_id: str) -> str:
        entry = self.scenario.red_flags.get(red_flag_id)
        return self.t(entry.title) if entry else red_flag_id

    # -- the loop ---------------------------------------------------------
    def play(self) -> int:
        try:
            self.show_opening()
            while True:
                self.show_scene()
                if self.story.ended:
                    self.show_debrief()
                    if self.script:
                        print(_("Note: the story ended before these choices were used: {numbers}",
                                numbers=",".join(map(str, self.script))), file=sys.stderr)
                    return EXIT_OK
                if self.story.stuck:
                    self.write(_("The story cannot go on from here: every choice in this scene is hidden. "
                                 "Please tell the author (scene {scene}).", scene=self.story.scene.id))
                    return EXIT_LOAD_ERROR
                if self.story.can_continue:
                    self.wait_for_enter()
                    self.story.advance()
                    continue
                if not self.pick_choice():
                    return EXIT_INCOMPLETE
        except Quit:
            self.write("")
            self.write(_("You left the story. Nothing is lost: you can start again whenever you like."))
            if self.taken:
                self.write(_("To come back to this point, play with --choices {numbers}",
                             numbers=",".join(map(str, self.taken))))
            return EXIT_OK
        except ScriptError as exc:
            print(str(exc), file=sys.stderr)
            return EXIT_USAGE

    def show_opening(self) -> None:
        title = self.t(self.scenario.title)
        self.write(f"=== {title} ===")
        self.write(self.t(self.scenario.summary))
        self.write("")
        self.write(_("Before you start: {note}", note=self.t(self.scenario.content_note)))
        self.write(_("You can stop at any time by typing q."))

    def show_scene(self) -> None:
        scene = self.story.scene
        heading = [self.t(scene.title)] if scene.title else []
        if scene.app and scene.app not in heading:
            heading.append(scene.app)
        self.write("")
        if heading:
            self.write("--- " + " · ".join(heading) + " ---")
        for line in self.story.lines:
            name = self.name_of(line.speaker)
            for printed in self.both(line.text, f"{name}: " if name else ""):
                self.write(printed)
            if line.image:
                self.write("  " + _("[picture: {image}]", image=line.image))

    def wait_for_enter(self) -> None:
        if self.script is not None:
            self.write("  [" + _("Continue") + "]")  # automatic in a scripted run
            return
        answer = self._read(_("Press Enter to continue (q to quit) ")).strip().lower()
        if answer == "q":
            raise Quit
        if answer.isdigit():
            self.typed_ahead.append(answer)

    def pick_choice(self) -> bool:
        """Show the choices, take one; False when a script ran out before the end."""
        available = self.story.choices
        scene = self.story.scene
        if scene.is_drill and scene.drill is not None:
            from safepath.commands import text_drills

            for line in text_drills.describe(scene):
                self.write(line)
            if self.script is None or (not self.script and self.by_hand_after_script):
                return self.play_drill(available)
        self.write("")
        for number, choice in enumerate(available, 1):
            for printed in self.both(choice.text, f"  {number}. ", indent="     "):
                self.write(printed)
        position = self._next_position(len(available))
        if position is None:
            return False
        choice = available[position - 1]
        self.taken.append(position)
        self.write(_("You chose {number}: {text}", number=position, text=self.t(choice.text)))
        if choice.say is not None:  # the words the player's character sends, as in the chat on screen
            player = next((cid for cid, c in self.scenario.characters.items() if c.role.value == "player"), None)
            name = self.name_of(player)
            for printed in self.both(choice.say, f"{name}: " if name else ""):
                self.write(printed)
        self.story.choose(choice)
        self.show_feedback(choice)
        return True

    def play_drill(self, available) -> bool:
        """By hand, a drill is played for real (dial, type the name, say the word back); its outcome is the choice."""
        from safepath.commands import text_drills
        from safepath.play import drills

        self.script = None
        drill = drills.start(self.scenario, self.story.state)
        partner = self.name_of(getattr(scene_drill := self.story.scene.drill, "partner", None)) or ""
        del scene_drill
        outcome = text_drills.TextDrill(drill, self.write, self._read, partner).run()
        choice = next(c for c in available if c.outcome == outcome)
        self.taken.append(available.index(choice) + 1)
        self.write(_("You chose {number}: {text}", number=available.index(choice) + 1, text=self.t(choice.text)))
        self.story.choose(choice)
        self.show_feedback(choice)
        return True

    def _next_position(self, count: int) -> int | None:
        if self.script is not None:
            if self.script:
                position = self.script.pop(0)
                if not 1 <= position <= count:
                    raise ScriptError(
                        _("--choices: decision {n} asks for choice {position}, but scene '{scene}' "
                          "shows {count} choices here (1 to {count}).",
                          n=len(self.taken) + 1, position=position, scene=self.story.scene.id, count=count)
                    )
                return position
            if not self.by_hand_after_script:
                self.write("")
                self.write(_("The choices given ran out before the end of the story (in scene '{scene}').",
                             scene=self.story.scene.id))
                return None
            self.script = None  # carry on by hand from here
        while True:
            if self.typed_ahead:
                answer = self.typed_ahead.pop(0)
            else:
                answer = self._read(_("Your choice (1 to {count}, or q to quit): ", count=count)).strip().lower()
            if answer == "q":
                raise Quit
            if answer.isdigit() and 1 <= int(answer) <= count:
                return int(answer)
            self.write(_("Please type a number from 1 to {count}, or q to quit.", count=count))

    def _read(self, prompt: str) -> str:
        try:
            return self.ask(prompt)
        except (EOFError, KeyboardInterrupt):
            raise Quit from None

    def show_feedback(self, choice) -> None:
        effects = choice.effects
        notes = []
        for red_flag_id in effects.spots:
            notes.append(_("Well spotted: {title} is a warning sign.", title=self.red_flag_title(red_flag_id)))
        for red_flag_id in effects.misses:
            notes.append(_("This was a warning sign: {title}. Many people miss it; now you know it.",
                           title=self.red_flag_title(red_flag_id)))
        from safepath.play.scoring import false_alarm_choice, trusting_choice

        if false_alarm_choice(self.scenario, choice):
            notes.append(_("This offer was in fact safe. Being careful is good; checking first lets you "
                           "say yes to real chances too."))
        if trusting_choice(self.scenario, choice):
            notes.append(_("You checked, and this offer was real. Trusting it was right."))
        for note in notes:
            self.write("  * " + note)
        if choice.feedback:
            for printed in self.both(choice.feedback, "  * ", indent="      "):
                self.write(printed)

    # -- the end ------------------------------------------------------------
    def show_debrief(self) -> None:
        result = self.story.result()
        scene = self.story.scene
        self.write("")
        self.write("=== " + _(ENDING_TITLES.get(result.ending.value, "The end")) + " ===")
        for part in result.debrief:
            for printed in self.both(part, indent="  "):
                self.write(printed)
        self.write("")
        self.write(_("The red flags in this story:"))
        for outcome in result.red_flags:
            if not outcome.met:
                continue
            label = _("you spotted it") if outcome.status == "spotted" else _("you missed it")
            self.write(f"  - {self.t(outcome.red_flag.title)} ({label})")
            self.write("      " + _("Why it matters: {why}", why=self.t(outcome.red_flag.why)))
            self.write("      " + _("What to do: {action}", action=self.t(outcome.red_flag.action)))
        to_know = {entry.id for entry in result.to_know}
        not_met = [self.t(o.red_flag.title) for o in result.red_flags if not o.met and o.id not in to_know]
        if not_met:
            self.write("  " + _("Not on your path this time: {titles}", titles=", ".join(not_met)))
        if result.to_know:
            self.write("")
            self.write(_("Other warning signs to know") + ":")
            for entry in result.to_know:
                self.write(f"  - {self.t(entry.title)}")
                self.write("      " + _("Why it matters: {why}", why=self.t(entry.why)))
                self.write("      " + _("What to do: {action}", action=self.t(entry.action)))
        if result.refusal_cost is not None:
            self.write("")
            self.write(_("What saying no cost") + ":")
            self.write(self.t(result.refusal_cost))
        self.write("")
        # Hits and false alarms are told apart: saying no to everything is not the lesson.
        self.write(_("Red flags you spotted: {n}", n=result.hits))
        self.write(_("Red flags you missed: {n}", n=result.misses))
        self.write(_("Safe offers you refused (false alarms): {n}", n=result.false_alarms))
        self.write(_("Safe offers you rightly trusted: {n}", n=result.trusted_safe))
        stars = "*" * result.stars + "-" * (3 - result.stars)
        self.write(_("Stars: {stars} ({n} of 3)", stars=stars, n=result.stars))
        for badge in result.badges:
            self.write(_("Badge: {title}: {description}", title=self.t(badge.title),
                         description=self.t(badge.description)))
        self.show_helplines()

    def show_helplines(self) -> None:
        from safepath.story.helplines import default_paths, for_language, load_helplines
        from safepath.i18n import current_language

        # the bundled numbers and the NGO's own (beside the program, and in the data folder); bad entries are
        # left out (lint reports them)
        helplines, _problems = load_helplines(paths=default_paths(self.data_dir))
        self.write("")
        self.write(_("If something like this happens to you or a friend, it is never your fault. Help is there:"))
        from safepath.story.helplines import countries_in, mentioned_in

        texts = list(self.scenario.texts())  # read twice: the places it names, the countries it goes to
        shown = for_language(helplines, current_language(), mentioned=mentioned_in(helplines, texts),
                             goes_to=countries_in(texts))
        if not shown:
            self.write("  " + _("Ask your trainer or teacher for a local helpline."))
        for helpline in shown:
            if helpline.menu:
                number = _("{number}, then press {menu}", number=helpline.number, menu=helpline.menu)
            else:
                number = helpline.number
            self.write(f"  {number}: {self.t(helpline.name)}" if number else f"  {self.t(helpline.name)}")
            self.write(f"      {self.t(helpline.purpose)}")


#: Heading of the debrief for each kind of ending (translated when shown).
ENDING_TITLES = {
    "safe": N_("The end: you stayed safe"),
    "recovered": N_("The end: you got out"),
    "trapped-with-help": N_("The end: trapped, and help is coming"),
}

