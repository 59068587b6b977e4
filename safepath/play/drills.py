"""The drills' own rules: pure state machines the drill screen and ``play --text`` drive alike.

A drill scene (``kind: phone``, ``register``, ``codeword`` or ``travelplan``) is an ordinary scene for the
engine: its choices are its outcomes (``outcome: called``), so a drill is saved, loaded, replayed, walked by
the exhaustive playtest and counted by the path analysis exactly like any other step. What happens *inside*
the drill — the digits dialled, the name typed, the word said back — is rehearsal, not a story step: it lives
in the objects below while the drill screen is open and is never saved (a game saved in a drill opens the
drill again from its start). When the player is done, :attr:`Drill.outcome` names the outcome and the screen
takes the matching choice with :func:`engine.outcome_choice` and :func:`engine.choose`.

Nothing here draws or reads keys: :meth:`press`, :meth:`call`, :meth:`type` and friends are called by the
screen for a key, a click or a tap, and by the terminal player for a typed line. Every message for the player
is a :class:`Note` (a gettext msgid and its values), translated when shown, so a language change mid-drill
shows the same note in the new language. Corrections are kind: a wrong number says which number to dial, a
look-alike name says which name the chat gave and why the difference matters.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from safepath.i18n import N_
from safepath.play import engine
from safepath.story import model, register as reg

#: longest number the keypad takes (the longest helpline number has 11 digits)
MAX_DIGITS = 15
KEYPAD = ("1", "2", "3", "4", "5", "6", "7", "8", "9", "*", "0", "#")
#: the answer a travel-plan question gets when the player does not know it yet
DONT_KNOW = -1


@dataclass(frozen=True)
class Note:
    """A message for the player: ``tone`` is "info", "good" or "correction"."""

    msgid: str
    values: tuple[tuple[str, Any], ...] = ()
    tone: str = "info"

    def text(self, translator) -> str:
        return translator.gettext(self.msgid, **dict(self.values))


def note(msgid: str, tone: str = "info", **values: Any) -> Note:
    return Note(msgid, tuple(values.items()), tone)


class Drill:
    """What every drill has: its scene, the outcomes open now, the last note, and the outcome once done."""

    kind: model.SceneKind

    def __init__(self, scene: model.Scene, outcomes) -> None:
        self.scene = scene
        self.drill = scene.drill
        self.outcomes = frozenset(outcomes)  # outcomes of the choices available now
        self.outcome: str | None = None
        self.note: Note | None = None
        self.history: list[Note] = []  # every note, in order (the text player prints them; tests read them)

    def say(self, n: Note) -> None:
        self.note = n
        self.history.append(n)

    @property
    def done(self) -> bool:
        return self.outcome is not None

    @property
    def leave_outcome(self) -> str | None:
        """The outcome of leaving the drill without finishing it ("hung-up", "not-now"), when the scene has one."""
        return None

    def leave(self) -> bool:
        """Leave without finishing (Esc, "Not now"); False when this drill has no such outcome."""
        out = self.leave_outcome
        if out is None or self.done:
            return False
        self.outcome = out
        return True

    def _finish(self, outcome: str) -> bool:
        if outcome not in self.outcomes:
            # the loader makes sure every reachable outcome has a choice; a condition may still hide it now
            self.say(note(N_("This way is not open in the story now. Try another way, or leave the drill."), "correction"))
            return False
        self.outcome = outcome
        return True


def outcomes_open(scenario: model.Scenario, state: engine.State) -> frozenset[str]:
    return frozenset(c.outcome for c in engine.available_choices(scenario, state) if c.outcome is not None)


def start(scenario: model.Scenario, state: engine.State) -> Drill:
    """The drill of the scene ``state`` is in (EngineError when that scene is not a drill)."""
    scene = engine.current_scene(scenario, state)
    cls = _KINDS.get(scene.kind)
    if cls is None or scene.drill is None:
        raise engine.EngineError(f"scene {scene.id!r} is not a drill")
    return cls(scene, outcomes_open(scenario, state))


def finish(scenario: model.Scenario, state: engine.State, drill: Drill) -> engine.State:
    """Take the choice of the drill's outcome: the one step the drill adds to the story."""
    choice = engine.outcome_choice(scenario, state, drill.outcome or "")
    if choice is None:
        raise engine.EngineError(f"the drill {drill.scene.id!r} has no choice for the outcome {drill.outcome!r} now")
    return engine.choose(scenario, state, choice.index)


# -- the phone check ----------------------------------------------------------------------------------------


class PhoneDrill(Drill):
    """Dial the helpline on a keypad, press its menu key once connected, read the scripted answer.

    ``stage``: "dial" (typing the number), "menu" (connected, waiting for the menu key), "answer" (the
    person on the line speaks; :meth:`hang_up` or :meth:`finish` ends the call as "called").
    """

    kind = model.SceneKind.PHONE

    def __init__(self, scene: model.Scene, outcomes) -> None:
        super().__init__(scene, outcomes)
        self.dialled = ""
        self.stage = "dial"
        self.mistakes = 0

    @property
    def number(self) -> str:
        return self.drill.number

    @property
    def menu(self) -> str:
        return self.drill.menu

    @property
    def leave_outcome(self) -> str | None:
        if self.stage == "answer":
            return "called" if "called" in self.outcomes else None
        return "hung-up" if "hung-up" in self.outcomes else None

    def press(self, key: str) -> None:
        """One key of the keypad (0-9, * or #)."""
        if key not in KEYPAD or self.done:
            return
        if self.stage == "dial":
            if len(self.dialled) < MAX_DIGITS:
                self.dialled += key
        elif self.stage == "menu":
            if key == self.menu:
                self.stage = "answer"
                self.say(note(N_("You pressed {key}. Someone answers."), "good", key=key))
            else:
                self.mistakes += 1
                self.say(note(N_("You pressed {key}. The service you need is on key {menu}: press {menu}."),
                              "correction", key=key, menu=self.menu))

    def delete(self) -> None:
        if self.stage == "dial" and not self.done:
            self.dialled = self.dialled[:-1]

    def call(self) -> None:
        """The green Call button: connects when the number is right, else a kind correction."""
        if self.stage != "dial" or self.done:
            return
        if not self.dialled:
            self.say(note(N_("Type the number first: {number}. Then press Call."), "correction", number=self.number))
            return
        if self.dialled == self.number:
            if self.menu:
                self.stage = "menu"
                self.say(note(N_("Connected. A recorded voice asks you to choose a service: press {menu}."),
                              "good", menu=self.menu))
            else:
                self.stage = "answer"
                self.say(note(N_("Connected. Someone answers."), "good"))
            return
        self.mistakes += 1
        wrong, self.dialled = self.dialled, ""
        self.say(note(N_("{dialled} is not the number to call. Nothing bad happened: dial {number} and press Call."),
                      "correction", dialled=wrong, number=self.number))

    def hang_up(self) -> None:
        """The red button: after the answer it ends the call well; before it, it leaves (or starts again)."""
        if self.done:
            return
        if self.stage == "answer":
            self._finish("called")
        elif not self.leave():
            self.stage, self.dialled = "dial", ""
            self.say(note(N_("You hung up. Dial {number} when you are ready."), "info", number=self.number))

    def finish(self) -> None:
        if self.stage == "answer" and not self.done:
            self._finish("called")


# -- the licence register --------------------------------------------------------------------------------


class RegisterDrill(Drill):
    """Search the register for the agency named in the chat; see licensed, licence expired or not found.

    ``stage``: "search" (typing or picking a name) or "result" (the register's answer for :attr:`checked`).
    Looking up a name the chat did not give (a registered look-alike, a typo) is corrected kindly and changes
    nothing: what counts is the exact name the recruiter used.
    """

    kind = model.SceneKind.REGISTER

    def __init__(self, scene: model.Scene, outcomes) -> None:
        super().__init__(scene, outcomes)
        self.query = ""
        self.stage = "search"
        self.checked: str | None = None
        self.result: str | None = None

    @property
    def names(self) -> tuple[str, ...]:
        return self.drill.names

    @property
    def agencies(self):
        return self.drill.agencies

    def type(self, text: str) -> None:
        if self.stage == "search" and not self.done:
            self.query = (self.query + "".join(ch for ch in text if ch.isprintable()))[:80]

    def delete(self) -> None:
        if self.stage == "search" and not self.done:
            self.query = self.query[:-1]

    def set_query(self, text: str) -> None:
        if self.stage == "search" and not self.done:
            self.query = text[:80]

    def matches(self) -> list[model.Agency]:
        """Register entries listed under the search box while typing."""
        return reg.search(self.agencies, self.query)

    def look_up(self, name: str | None = None) -> None:
        """Ask the register about ``name`` (default: what is typed)."""
        if self.stage != "search" or self.done:
            return
        name = " ".join((self.query if name is None else name).split())
        if not name:
            self.say(note(N_("Type the agency's name, or pick it from the names in the chat."), "correction"))
            return
        from_chat = next((n for n in self.names if reg.normalise(n) == reg.normalise(name)), None)
        if from_chat is None:
            self.query = name
            chat = ", ".join(self.names)
            registered = reg.find(self.agencies, name)
            if registered is not None and any(registered in reg.look_alikes(self.agencies, n) for n in self.names):
                self.say(note(N_("Look closely: the register lists '{name}', but the chat said {chat}. A name one "
                                 "letter or one space different is a different company. Check the exact name from the chat."),
                              "correction", name=registered.name, chat=chat))
            else:
                self.say(note(N_("The chat did not name '{name}'. Check the exact name the chat gave: {chat}."),
                              "correction", name=name, chat=chat))
            return
        self.query = from_chat
        self.checked = from_chat
        self.result = reg.lookup(self.agencies, from_chat)
        self.stage = "result"
        if self.result == reg.LICENSED:
            self.say(note(N_("'{name}' is in the register with a valid licence."), "good", name=from_chat))
        elif self.result == reg.EXPIRED:
            self.say(note(N_("'{name}' is in the register, but its licence has expired. It may not send workers "
                             "now."), "correction", name=from_chat))
        else:
            alike = reg.look_alikes(self.agencies, from_chat)
            if alike:
                self.say(note(N_("'{name}' is not in the register. A similar name is: '{other}'. That is a different "
                                 "company: fake recruiters copy real names."), "correction",
                              name=from_chat, other=alike[0].name))
            else:
                self.say(note(N_("'{name}' is not in the register. An agency without a licence may not send workers."),
                              "correction", name=from_chat))

    def back(self) -> None:
        """From a result back to the search (to check another name from the chat)."""
        if self.stage == "result" and not self.done:
            self.stage, self.checked, self.result, self.note = "search", None, None, None

    def finish(self) -> None:
        if self.stage == "result" and not self.done:
            self._finish(self.result)


# -- the family code word -------------------------------------------------------------------------------


class CodewordDrill(Drill):
    """Pick a code word with a family member, then say it back from a shuffled list.

    ``stage``: "pick", "repeat" (say it back; :attr:`order` is the shuffled list), "agreed".
    """

    kind = model.SceneKind.CODEWORD

    def __init__(self, scene: model.Scene, outcomes) -> None:
        super().__init__(scene, outcomes)
        self.stage = "pick"
        self.chosen: int | None = None
        self.order: tuple[int, ...] = tuple(range(len(self.drill.words)))
        self.tries = 0

    @property
    def words(self) -> tuple[model.Text, ...]:
        return self.drill.words

    @property
    def leave_outcome(self) -> str | None:
        return "not-now" if "not-now" in self.outcomes and self.stage != "agreed" else None

    def pick(self, index: int) -> None:
        if self.stage != "pick" or self.done or not 0 <= index < len(self.words):
            return
        self.chosen = index
        n = len(self.words)
        # the same words turned round by one (deterministic, so tests and classrooms see the same): no word
        # stays in its place, so saying it back is remembering, not pressing the same key again
        self.order = tuple((i + 1) % n for i in range(n))
        self.stage = "repeat"
        self.say(note(N_("Now say it back, so you both remember it."), "info"))

    def repeat(self, position: int) -> None:
        """The player says back the word at ``position`` of :attr:`order`."""
        if self.stage != "repeat" or self.done or not 0 <= position < len(self.order):
            return
        if self.order[position] == self.chosen:
            self.stage = "agreed"
            self.say(note(N_("That is your code word. Keep it between you and your family; never post it online."), "good"))
            return
        self.tries += 1
        if self.tries >= 2:
            self.say(note(N_("Not that one. Your word was the one you picked a moment ago. Take your time."), "correction"))
        else:
            self.say(note(N_("Not that one. Think of the word you just picked together."), "correction"))

    def change(self) -> None:
        """Back to picking (the player wants another word)."""
        if self.stage == "repeat" and not self.done:
            self.stage, self.chosen, self.note = "pick", None, None

    def finish(self) -> None:
        if self.stage == "agreed" and not self.done:
            self._finish("agreed")


# -- the travel plan ---------------------------------------------------------------------------------------

#: the travel plan's questions (interface strings), by field
QUESTIONS = {
    "who": N_("Who are you going with, or who meets you?"),
    "where": N_("Where will you work?"),
    "address": N_("What is the employer's address?"),
    "call": N_("When will you call home?"),
}
#: short labels of the fields for the summary card
LABELS = {"who": N_("Who"), "where": N_("Where"), "address": N_("Employer's address"), "call": N_("When to call")}


class TravelPlanDrill(Drill):
    """Answer four short questions with a family member; "I don't know yet" is always an answer.

    ``stage``: "ask" (question :attr:`field` of :data:`model.PLAN_FIELDS`), then "review" (the plan on one
    card; :meth:`finish` hands it over: complete, or incomplete when an answer is missing).
    """

    kind = model.SceneKind.TRAVELPLAN

    def __init__(self, scene: model.Scene, outcomes) -> None:
        super().__init__(scene, outcomes)
        self.stage = "ask"
        self.position = 0
        self.answers: dict[str, int] = {}

    @property
    def field(self) -> str:
        return model.PLAN_FIELDS[self.position]

    def options(self, key: str | None = None) -> tuple[model.Text, ...]:
        return dict(self.drill.options)[key or self.field]

    @property
    def leave_outcome(self) -> str | None:
        return "not-now" if "not-now" in self.outcomes else None

    @property
    def complete(self) -> bool:
        return all(self.answers.get(k, DONT_KNOW) != DONT_KNOW for k in model.PLAN_FIELDS)

    def answer(self, index: int) -> None:
        """Answer the current question: an option's index, or :data:`DONT_KNOW`."""
        if self.stage != "ask" or self.done or not (index == DONT_KNOW or 0 <= index < len(self.options())):
            return
        key = self.field
        self.answers[key] = index
        if index == DONT_KNOW and key == "address":
            self.say(note(N_("A real employer gives you the work address before you go. Ask for it, and tell your "
                             "family."), "correction"))
        elif index == DONT_KNOW:
            self.say(note(N_("That is all right for now. Find it out before you travel."), "info"))
        else:
            self.note = None
        if self.position + 1 < len(model.PLAN_FIELDS):
            self.position += 1
        else:
            self.stage = "review"
            if self.complete:
                self.say(note(N_("Your plan is complete. Your family knows who, where and when."), "good"))
            else:
                self.say(note(N_("Your plan has gaps. You can still give it, or go back and fill them in."), "correction"))

    def back(self) -> None:
        """One question back (from the review: the last question)."""
        if self.done:
            return
        if self.stage == "review":
            self.stage = "ask"
        elif self.position > 0:
            self.position -= 1
        self.note = None

    def finish(self) -> None:
        if self.stage == "review" and not self.done:
            self._finish("complete" if self.complete else "incomplete")


_KINDS = {cls.kind: cls for cls in (PhoneDrill, RegisterDrill, CodewordDrill, TravelPlanDrill)}
