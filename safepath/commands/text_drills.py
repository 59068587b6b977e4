"""Drills in the terminal (``safepath play --text``): the same rules as the drill screen, typed.

By hand, the player really dials (types ``1506``, then ``2``), types or picks the agency's name, picks and
says back a code word, answers the travel plan's questions; the rules of :mod:`safepath.play.drills` decide,
and their notes (the kind corrections too) are printed. In a scripted run (``--choices``) a drill is one
decision like any other: its outcomes are listed as numbered choices, so a script, a golden playthrough and
the exhaustive playtest walk every outcome as a branch.
"""

from __future__ import annotations

from typing import Callable

from safepath.i18n import _, current
from safepath.play import drills
from safepath.story import model


def describe(scene: model.Scene) -> list[str]:
    """One or two lines saying what the drill asks (printed before its outcomes in scripted runs and scripts)."""
    t = current().text
    d = scene.drill
    if isinstance(d, model.PhoneDrill):
        out = [_("[Phone check: dial {number}, then press {menu} ({name})]", number=d.number, menu=d.menu,
                 name=t(d.name)) if d.menu else _("[Phone check: dial {number} ({name})]", number=d.number, name=t(d.name))]
        return out
    if isinstance(d, model.RegisterDrill):
        return [_("[Licence register: look up the name from the chat: {names}]", names=", ".join(d.names))]
    if isinstance(d, model.CodewordDrill):
        return [_("[Family code word: pick one of {words}, then say it back]", words=", ".join(t(w) for w in d.words))]
    if isinstance(d, model.TravelPlanDrill):
        return [_("[Travel plan: who, where, the employer's address, when to call home]")]
    return []


class TextDrill:
    """Runs one drill with ``write`` and ``read`` (a prompt -> the typed line; raises the player's Quit)."""

    def __init__(self, drill: drills.Drill, write: Callable[[str], None], read: Callable[[str], str],
                 partner: str = "") -> None:
        self.drill = drill
        self.write = write
        self.read = read
        self.partner = partner
        self.tr = current()
        self._shown = 0

    def notes(self) -> None:
        for n in self.drill.history[self._shown:]:
            mark = {"good": "  + ", "correction": "  ! "}.get(n.tone, "  ")
            self.write(mark + n.text(self.tr))
        self._shown = len(self.drill.history)

    def run(self) -> str:
        """Play the drill to its outcome and return it."""
        d = self.drill
        step = {drills.PhoneDrill: self.phone, drills.RegisterDrill: self.register,
                drills.CodewordDrill: self.codeword, drills.TravelPlanDrill: self.plan}[type(d)]
        while not d.done:
            step()
            self.notes()
        return d.outcome

    def phone(self) -> None:
        d = self.drill
        if d.stage == "dial":
            typed = self.read(_("Dial the number and press Enter (h to hang up, q to quit): ")).strip().lower()
            if typed == "h":
                d.hang_up()
                return
            for ch in typed:
                if ch in drills.KEYPAD:
                    d.press(ch)
            d.call()
        elif d.stage == "menu":
            typed = self.read(_("Press a key on the keypad (h to hang up): ")).strip().lower()
            if typed == "h":
                d.hang_up()
            elif typed:
                d.press(typed[0])
        else:
            self.notes()
            self.write(_("On the line:"))
            for line in d.drill.answer:
                self.write("  " + self.tr.text(line))
            d.finish()

    def register(self) -> None:
        d = self.drill
        if d.stage == "search":
            self.write(_("Names in the chat:"))
            for i, name in enumerate(d.names, 1):
                self.write(f"  {i}. {name}")
            typed = self.read(_("Type the agency's name, or its number above: ")).strip()
            if typed.isdigit() and 1 <= int(typed) <= len(d.names):
                typed = d.names[int(typed) - 1]
            d.set_query(typed)
            d.look_up()
        else:
            status = {"licensed": _("Licensed"), "expired": _("Licence expired"),
                      "not-found": _("Not found in the register")}[d.result]
            self.write(f"  {d.checked}: {status}")
            if len(d.names) > 1:
                typed = self.read(_("Press Enter to go on, or b to check another name: ")).strip().lower()
                if typed == "b":
                    d.back()
                    return
            d.finish()

    def _pick(self, labels: list[str], prompt: str, extra: dict[str, str] | None = None) -> str:
        for i, label in enumerate(labels, 1):
            self.write(f"  {i}. {label}")
        for key, label in (extra or {}).items():
            self.write(f"  {key}. {label}")
        while True:
            typed = self.read(prompt).strip().lower()
            if typed in (extra or {}) or (typed.isdigit() and 1 <= int(typed) <= len(labels)):
                return typed
            self.write(_("Please type one of the numbers shown."))

    def codeword(self) -> None:
        d = self.drill
        t = self.tr.text
        leave = {"n": _("Not now")} if d.leave_outcome is not None else {}
        if d.stage == "pick":
            self.write(_("Choose a code word with {name}:", name=self.partner))
            prompt = _("Your word (a number, or n for not now): ") if leave else _("Your word (a number): ")
            got = self._pick([t(w) for w in d.words], prompt, leave)
            if got == "n":
                d.leave()
            else:
                d.pick(int(got) - 1)
        elif d.stage == "repeat":
            self.write(_("Which word did you choose? Say it back."))
            got = self._pick([t(d.words[w]) for w in d.order], _("The word (number, or c to choose again): "),
                             {"c": _("Choose another word")})
            if got == "c":
                d.change()
            else:
                d.repeat(int(got) - 1)
        else:
            d.finish()

    def plan(self) -> None:
        d = self.drill
        t = self.tr.text
        if d.stage == "ask":
            self.write(_("Question {n} of {total}: {question}", n=d.position + 1, total=len(model.PLAN_FIELDS),
                         question=_(drills.QUESTIONS[d.field])))
            extra = {"0": _("I don't know yet")}
            if d.position > 0:
                extra["b"] = _("Back")
            if d.leave_outcome is not None:
                extra["n"] = _("Not now")
            got = self._pick([t(o) for o in d.options()], _("Your answer (number): "), extra)
            if got == "b":
                d.back()
            elif got == "n":
                d.leave()
            else:
                d.answer(drills.DONT_KNOW if got == "0" else int(got) - 1)
        else:
            self.write(_("Your travel plan:"))
            for key in model.PLAN_FIELDS:
                index = d.answers.get(key, drills.DONT_KNOW)
                answer = _("I don't know yet") if index == drills.DONT_KNOW else t(d.options(key)[index])
                self.write("  " + _("{label}: {answer}", label=_(drills.LABELS[key]), answer=answer))
            typed = self.read(_("Press Enter to give the plan, or b to go back: ")).strip().lower()
            if typed == "b":
                d.back()
            else:
                d.finish()
