"""The one table of every key in a scenario file (and in the red-flag catalogue).

``docs/format.md`` describes the format for people; this module describes it
for programs. The loader validates types, required keys, allowed values, name
patterns and lengths from these tables (:func:`check`), and :func:`json_schema`
turns the same tables into a JSON Schema (draft-07, the version VS Code's YAML
extension supports fully) that editors use for completion and hover help; the
red-flag ids of the bundled catalogue are offered as examples wherever a red
flag is named. Because both come from one table,
the editor, the loader and the docs cannot drift apart.

The JSON Schema for editors is generated from the same table by :mod:`safepath.story.schema_json`; run
``python3 -m safepath.story.schema_json > docs/scenario.schema.json`` after editing.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Any

from safepath.story.diagnostics import Diagnostic, error
from safepath.story.model import DRILL_OUTCOMES, JOURNEY_STEPS, PLAN_FIELDS, EndingKind, Role, SceneKind
from safepath.story.yamlsource import TOO_LONG, Node

ID_PATTERN = r"^[a-z][a-z0-9_-]{0,63}$"
NAME_PATTERN = r"^[a-z][a-z0-9_]*$"  # story flags and score names
TEXT_MAX = 2000
TITLE_MAX = 120
APPS = ("Facebook", "TikTok", "LINE", "Telegram", "WhatsApp", "Messenger", "SMS")


# --- the kinds of value ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Scalar:
    """A single value. ``kind`` is one of: text, string, id, name, int, bool."""

    kind: str
    max_length: int | None = None
    enum: tuple | None = None
    minimum: int | None = None
    maximum: int | None = None
    what: str = ""  # how a person calls it: "scene id", "red-flag id"


@dataclass(frozen=True)
class ListOf:
    item: Any
    min_items: int = 0


@dataclass(frozen=True)
class MapOf:
    """A mapping whose keys are names the author chooses (scene ids, character ids, score names)."""

    value: Any
    key_kind: str = "id"  # "id" or "name"
    key_what: str = "id"
    min_items: int = 0


@dataclass(frozen=True)
class Field:
    key: str
    spec: Any
    required: bool = False
    default: Any = None
    description: str = ""


@dataclass(frozen=True)
class Record:
    """A mapping with a fixed set of keys."""

    name: str  # "a scene", "a choice": used in messages
    description: str
    fields: tuple[Field, ...]
    #: rules between keys, for editors only: the loader checks them with located messages (loader_refs)
    json_rules: tuple = ()
    _by_key: dict = field(default=None, compare=False, repr=False)

    def __post_init__(self):
        object.__setattr__(self, "_by_key", {f.key: f for f in self.fields})

    def get(self, key: str) -> Field | None:
        return self._by_key.get(key)


@dataclass(frozen=True)
class Either:
    """One of several shapes, told apart by what was written: text, a list or a mapping.

    ``options`` holds at most one spec per shape (a text Scalar, a ListOf, a Record or LineSpec);
    the value is checked against the one of its own shape.
    """

    options: tuple
    description: str = ""


@dataclass(frozen=True)
class LineSpec:
    """A line of a scene: narration text, ``{speaker: text}``, ``{speaker: text, image: key}`` or the long form."""

    long_form: Record
    description: str


TEXT = Scalar("text", TEXT_MAX)
TITLE = Scalar("text", TITLE_MAX)
ID = Scalar("id", 64)
SCENE_ID = Scalar("id", 64, what="scene id")
RED_FLAG_ID = Scalar("id", 64, what="red-flag id")
SAFE_SIGN_ID = Scalar("id", 64, what="safe-sign id")
OFFER_ID = Scalar("id", 64, what="offer id")
IMAGE = Scalar("id", 64, what="image key")
FLAG = Scalar("name", 64, what="flag name")
CONDITION = Scalar("string", 500, what="condition")
KEY = Scalar("id", 64, what="line or choice id")
LINE_IF_DESCRIPTION = ("Condition, judged when the scene starts; the line is shown only when it holds, "
                       "e.g. met(secrecy) or visited(search).")
KEY_DESCRIPTION = ("Optional short name, unique within the scene, that keeps the translation attached when "
                   "lines or choices are added or moved (the translation context ends in it instead of the position).")


def _enum(values) -> tuple:
    return tuple(v.value for v in values)


# --- the table ---------------------------------------------------------------------------------------

SOURCE = Record("a source", "Research the story is grounded in.", (
    Field("title", Scalar("text", 500), True, description="Title of the report or article."),
    Field("url", Scalar("string", 500), True, description="Where to find it (a web address)."),
))

CHARACTER = Record("a character", "Someone who appears in the story.", (
    Field("name", TITLE, True, description="Display name (translatable)."),
    Field("role", Scalar("string", enum=_enum(Role)), True,
          description="player (who 'you' are; exactly one), recruiter, friend, family, official or other."),
    Field("avatar", IMAGE, description="Image key under assets/avatars/; default: the character id."),
))

LINE_LONG = Record("a line", "The long form of a line.", (
    Field("speaker", Scalar("id", 64, what="character id"),
          description="Character id of who speaks; leave out for narration."),
    Field("text", TEXT, True, description="What is said or told."),
    Field("image", IMAGE, description="Image (a job ad, a contract photo) shown with the line."),
    Field("id", KEY, description=KEY_DESCRIPTION),
    Field("if", CONDITION, description=LINE_IF_DESCRIPTION),
))

LINE = LineSpec(LINE_LONG, "A plain string (narration), {speaker-id: text}, {speaker-id: text, image: key} "
                           "or {speaker: id, text: ..., image: key}; the mapping forms may add id: key and if: condition.")
#: keys of the short line form {speaker-id: text, image: key, id: key, if: condition} that are not the speaker
LINE_EXTRA_KEYS = ("image", "id", "if")

DEBRIEF_PART = Record("a debrief part", "One paragraph of a debrief, shown when its condition holds at the end.", (
    Field("text", TEXT, True, description="The paragraph."),
    Field("if", CONDITION, description="Condition judged at the end, as for badges, e.g. met(private-chat); "
                                       "without it the paragraph is always shown."),
    Field("id", KEY, description=KEY_DESCRIPTION),
))
DEBRIEF = Either((TEXT, ListOf(Either((TEXT, DEBRIEF_PART)), 1)),
                 "One text, or a list of parts: each a text (always shown) or {text: ..., if: condition}.")

CHOICE = Record("a choice", "Something the player can do.", (
    Field("text", TEXT, True, description="The button label."),
    Field("id", KEY, description=KEY_DESCRIPTION),
    Field("goto", SCENE_ID, True, description="Scene id the choice leads to."),
    Field("if", CONDITION, description="Condition; the choice is shown only when it holds, e.g. has(asked_company)."),
    Field("say", TEXT, description="Chat scenes: the words the player's character sends after this choice "
                                   "(their own bubble). Leave it out when the choice is not a message."),
    Field("feedback", TEXT, description="Short, kind words shown after choosing."),
    Field("spots", ListOf(RED_FLAG_ID), default=(), description="Red flags the player noticed (hits)."),
    Field("misses", ListOf(RED_FLAG_ID), default=(), description="Red flags the player went past (misses)."),
    Field("trusts", ListOf(SAFE_SIGN_ID), default=(),
          description="Safe signs (content/safe_signs.yaml) the player rightly trusted: correct trust."),
    Field("distrusts", ListOf(SAFE_SIGN_ID), default=(),
          description="Safe signs the player doubted although they were real: false alarms."),
    Field("accepts", OFFER_ID, description="The offer (a scene's offer: id) this choice says yes to."),
    Field("refuses", OFFER_ID, description="The offer this choice says no to."),
    Field("false_alarm", Scalar("bool"), default=False,
          description="Deprecated (use refuses: or distrusts:): one false alarm without a named safe sign."),
    Field("trusts_safe", Scalar("bool"), default=False,
          description="Deprecated (use accepts: or trusts:): one correct trust without a named safe sign."),
    Field("safety", Scalar("int", minimum=-100, maximum=100),
          description="Shorthand for score: {safety: N}: change to the safety score."),
    Field("score", MapOf(Scalar("int", minimum=-100, maximum=100), "name", "score name"), default={},
          description="Changes to scores, score name -> integer."),
    Field("set", ListOf(FLAG), default=(), description="Story flags switched on."),
    Field("unset", ListOf(FLAG), default=(), description="Story flags switched off."),
    Field("vote", Scalar("bool"), default=False,
          description="Class mode: the class votes at this scene when the trainer chose votes only at marked "
                      "choices (one marked choice makes the whole decision a vote)."),
    Field("outcome", Scalar("string", enum=tuple(dict.fromkeys(o for os in DRILL_OUTCOMES.values() for o in os))),
          description="Drill scenes only: the outcome of the drill this choice is taken for (phone: called, "
                      "hung-up; register: licensed, expired, not-found; codeword: agreed, not-now; travelplan: "
                      "complete, incomplete, not-now). Its text is the button shown once the drill is done."),
))

CHARACTER_ID = Scalar("id", 64, what="character id")
AGENCY_NAME = Scalar("text", 80)

PHONE_DRILL = Record("a phone drill", "What a phone drill dials and what the person on the line answers.", (
    Field("helpline", Scalar("string", 40, what="helpline"), True,
          description="The id (th-1506) or the number (1506) of a phone entry of content/helplines.yaml; the "
                      "number and the key to press after it come from that file."),
    Field("answer", ListOf(TEXT, 1), True,
          description="What the person on the line says once the call connects, one text per line."),
))

REGISTER_DRILL = Record("a register drill", "The agency names the player looks up in the licence register.", (
    Field("names", ListOf(AGENCY_NAME, 1), True,
          description="The agency names exactly as the story showed them (the chat, the ad); the player picks or "
                      "types one, and the register (content/register.yaml) says licensed, expired or not found."),
))

CODEWORD_DRILL = Record("a code-word drill", "A family code word the player agrees and says back.", (
    Field("with", CHARACTER_ID, True, description="Character id of the family member who agrees the word."),
    Field("words", ListOf(TITLE, 2), True, description="The words the player can pick from (at least two)."),
))

TRAVELPLAN_DRILL = Record("a travel-plan drill", "A short travel plan the player fills in with a family member.", (
    Field("with", CHARACTER_ID, True, description="Character id of the family member the plan is made with."),
    Field("who", ListOf(TITLE, 1), True, description="Answers to 'Who are you going with, or who meets you?'."),
    Field("where", ListOf(TITLE, 1), True, description="Answers to 'Where will you work?'."),
    Field("address", ListOf(TITLE, 1), True, description="Answers to 'What is the employer's address?'."),
    Field("call", ListOf(TITLE, 1), True, description="Answers to 'When will you call home?'."),
))
assert tuple(f.key for f in TRAVELPLAN_DRILL.fields[1:]) == PLAN_FIELDS

OFFER = Record("an offer", "A job offer a scene makes; choices accept or refuse it by its id.", (
    Field("id", OFFER_ID, True, description="Offer id, named by accepts: and refuses: on choices."),
    Field("legit", Scalar("bool"), True, description="true for a real, safe offer; false for a fake one (a lure)."),
))

SCENE = Record("a scene", "One step of the story.", (
    Field("kind", Scalar("string", enum=_enum(SceneKind)), default="narration",
          description="chat (a phone message thread), narration, decision or ending; or a drill: phone, "
                      "register, codeword or travelplan."),
    Field("title", TITLE, description="Optional heading: a place, or the chat's contact."),
    Field("app", Scalar("string", enum=APPS), description="Chat scenes: the app shown."),
    Field("lines", ListOf(LINE), default=(), description="What is said or told, in order."),
    Field("red_flags", ListOf(RED_FLAG_ID), default=(),
          description="Red flags present in this scene; the player meets them by visiting."),
    Field("safe_signs", ListOf(SAFE_SIGN_ID), default=(),
          description="Safe signs shown in this scene (content/safe_signs.yaml); the player meets them by visiting."),
    Field("offer", OFFER, description="The job offer this scene makes: {id: ..., legit: true or false}."),
    Field("choices", ListOf(CHOICE, 1), default=(), description="What the player can do; not on endings."),
    Field("next", SCENE_ID, description="Where a scene without choices continues (the player presses Continue)."),
    Field("ending", Scalar("string", enum=_enum(EndingKind)),
          description="Ending scenes only, required there: safe, recovered or trapped-with-help."),
    Field("debrief", DEBRIEF,
          description="Ending scenes only, required there: what happened, how the trap worked, "
                      "and that it is never the victim's fault. One text, or a list of parts with if: conditions."),
    Field("journey", Scalar("string", enum=JOURNEY_STEPS),
          description="The step of the recruitment journey this scene shows: lure, looking-legitimate, journey, "
                      "control, forced-criminality or getting-help (`safepath playtest --library` counts the steps of a library)."),
    Field("private_chat", Scalar("bool"), default=False,
          description="true for a scene in the recruiter's private chat (a private app, off the public platform); "
                      "the scoring checks ask that 3 stars be reachable without entering one."),
    Field("refusal_cost", TEXT,
          description="Ending scenes only: shown under 'What saying no cost' when the player refused a real "
                      "offer and accepted none (kindly: the family still needs the income; the next offer will come)."),
    Field("notes", TEXT, description="Facilitator notes for trainers."),
    Field("discuss", TEXT, description="Class mode: a question for the class to talk about before it votes "
                                       "at this scene's choices (shown on the projector; translated like other text)."),
    Field("phone", PHONE_DRILL, description="Phone drills only, required there: {helpline: th-1506, answer: [...]}."),
    Field("register", REGISTER_DRILL, description="Register drills only, required there: {names: [...]}."),
    Field("codeword", CODEWORD_DRILL, description="Code-word drills only, required there: {with: mum, words: [...]}."),
    Field("travelplan", TRAVELPLAN_DRILL,
          description="Travel-plan drills only, required there: {with: mum, who: [...], where: [...], "
                      "address: [...], call: [...]}."),
), json_rules=(
    # SP035/SP036: an ending has its kind and debrief and no way out
    {"if": {"required": ["kind"], "properties": {"kind": {"const": "ending"}}},
     "then": {"required": ["ending", "debrief"], "not": {"anyOf": [{"required": ["choices"]}, {"required": ["next"]}]}},
     # SP037/SP038/SP039: any other scene goes on through choices or next (not both) and has no ending fields
     "else": {"oneOf": [{"required": ["choices"]}, {"required": ["next"]}],
              "not": {"anyOf": [{"required": ["ending"]}, {"required": ["debrief"]}]}}},
))

BADGE = Record("a badge", "An award earned at the end when its condition holds.", (
    Field("id", ID, True, description="Unique badge id."),
    Field("title", TITLE, True, description="Badge name."),
    Field("description", TEXT, True, description="What the player did to earn it."),
    Field("when", CONDITION, True, description="Condition checked at the end, e.g. has(called_1506)."),
    Field("allows_false_alarm", Scalar("bool"), default=False,
          description="true when the badge is about something else than judging offers (e.g. telling the "
                      "family), so a player who made a false alarm may earn it."),
))

SCENARIO = Record("the scenario", "A SafePath scenario (format version 1).", (
    Field("schema_version", Scalar("int"), True, description="Always 1 for this format."),
    Field("id", ID, True, description="Scenario id; must match the file name (dream-job.yaml -> dream-job)."),
    Field("title", TITLE, True, description="Shown on the scenario card."),
    Field("summary", TEXT, True, description="One or two sentences for the card and the trainer."),
    Field("audience", Scalar("string", 20), default="13-25", description="Age range."),
    Field("minutes", Scalar("int", minimum=1, maximum=120), True, description="How long a play-through takes."),
    Field("content_note", TEXT, True, description="Trauma-informed content note shown before the scenario starts."),
    Field("sources", ListOf(SOURCE, 1), True, description="Research the story is grounded in (at least one)."),
    Field("characters", MapOf(CHARACTER, "id", "character id", 1), True, description="Who appears, id -> character."),
    Field("teaches", ListOf(RED_FLAG_ID, 1), True,
          description="Red-flag ids from content/red_flags.yaml this scenario teaches."),
    Field("scores", MapOf(Scalar("int", minimum=-1000, maximum=1000), "name", "score name"), default={},
          description="Extra scores, name -> starting value; safety always exists and starts at 0."),
    Field("start", SCENE_ID, description="Scene where the story begins; default: the first scene."),
    Field("badges", ListOf(BADGE), default=(), description="Badges earned at the end when their condition holds."),
    Field("notes", TEXT, description="Facilitator notes for the whole scenario."),
    Field("scenes", MapOf(SCENE, "id", "scene id", 1), True, description="The story, scene id -> scene, in order."),
))

RED_FLAG = Record("a red flag", "One warning sign of the shared catalogue.", (
    Field("title", TITLE, True, description="Short name of the warning sign."),
    Field("why", TEXT, True, description="Why it matters."),
    Field("action", TEXT, True, description="What to do in real life."),
    Field("dangerous", Scalar("bool"), default=False,
          description="true for the most dangerous signs: every debrief of a story that names it teaches it, "
                      "even on paths that never met it."),
))

SAFE_SIGN = Record("a safe sign", "One sign of the shared catalogue that an offer is real.", (
    Field("title", TITLE, True, description="Short name of the safe sign."),
    Field("why", TEXT, True, description="Why you can trust it (once you have checked it)."),
    Field("action", TEXT, True, description="How to check it yourself."),
))

SAFE_SIGN_CATALOGUE = Record("the safe-sign catalogue", "The shared safe-sign catalogue content/safe_signs.yaml.", (
    Field("schema_version", Scalar("int"), True, description="Always 1 for this format."),
    Field("safe_signs", MapOf(SAFE_SIGN, "id", "safe-sign id", 1), True, description="Safe signs, id -> safe sign."),
))

AGENCY = Record("an agency", "One entry of the fictional licence register.", (
    Field("id", ID, True, description="Short name of the entry."),
    Field("name", AGENCY_NAME, True, description="The agency's name exactly as registered (invented: never a real company)."),
    Field("status", Scalar("string", enum=("licensed", "expired")), True,
          description="licensed, or expired (the licence ran out); a name that is not listed is not found."),
))

REGISTER_FILE = Record("the licence register", "The fictional licence register content/register.yaml.", (
    Field("schema_version", Scalar("int"), True, description="Always 1 for this format."),
    Field("agencies", ListOf(AGENCY, 1), True, description="The registered agencies."),
))

CATALOGUE = Record("the red-flag catalogue", "The shared red-flag catalogue content/red_flags.yaml.", (
    Field("schema_version", Scalar("int"), True, description="Always 1 for this format."),
    Field("red_flags", MapOf(RED_FLAG, "id", "red-flag id", 1), True, description="Red flags, id -> red flag."),
))


# --- checking nodes against the table ----------------------------------------------------------------

_PATTERNS = {"id": ID_PATTERN, "name": NAME_PATTERN}
_RULES = {
    "id": "lower-case letters, digits, '-' and '_', starting with a letter",
    "name": "lower-case letters, digits and '_', starting with a letter",
}


def describe(value: Any) -> str:
    """How a person would call what they wrote: 'a number (42)', 'a list', 'yes/no (true)'."""
    if isinstance(value, Node):
        value = value.value
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"yes/no ({str(value).lower()})"
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    if isinstance(value, str):
        return f"text ({value[:40]!r})" if value else "empty text"
    if isinstance(value, list):
        return "a list"
    return "a mapping"


_EXPECTED = {"text": "text", "string": "text", "id": "a name", "name": "a name", "int": "a whole number",
             "bool": "true or false"}


def did_you_mean(word: str, candidates) -> str:
    match = difflib.get_close_matches(str(word), list(candidates), n=1, cutoff=0.6)
    return f"did you mean {match[0]!r}?" if match else ""


class Checker:
    """Checks nodes against the table, reports problems, and drops the invalid parts.

    Dropping is what lets the loader carry on: after :meth:`check`, every value
    left in a record has the right type, so building the model needs no more
    type tests, and one wrong value produces one diagnostic, not a cascade.
    :meth:`check` returns False only when the node itself is unusable (wrong
    type, bad value); problems inside a list or mapping are pruned there.
    """

    def __init__(self, file: str, diagnostics: list[Diagnostic]):
        self.file = file
        self.diagnostics = diagnostics

    def report(self, code: str, node: Node, message: str, hint: str = "") -> None:
        self.diagnostics.append(error(code, self.file, node.line, node.column, message, hint))

    def check(self, node: Node, spec, where: str) -> bool:
        method = _CHECKS.get(type(spec))
        if method is None:
            raise TypeError(spec)
        return method(self, node, spec, where)

    def either(self, node: Node, spec: Either, where: str) -> bool:
        value = node.value
        for option in spec.options:
            if isinstance(option, Scalar) and isinstance(value, str):
                return self.scalar(node, option, where)
            if isinstance(option, ListOf) and isinstance(value, list):
                return self.list(node, option, where)
            if isinstance(option, (Record, LineSpec)) and isinstance(value, dict):
                return self.check(node, option, where)
        self.report("SP020", node, f"{where} must be {_shapes(spec)}, but found {describe(node)}",
                    "a text containing ': ' must be put in quotes" if isinstance(value, dict) else "")
        return False

    def scalar(self, node: Node, spec: Scalar, where: str) -> bool:
        if node.tag == TOO_LONG:
            return False  # reported while reading
        value = node.value
        kind = spec.kind
        if kind == "int":
            if not isinstance(value, int) or isinstance(value, bool):
                hint = "write digits only, without quotes" if isinstance(value, str) else ""
                self.report("SP020", node, f"{where} must be a whole number, but found {describe(value)}", hint)
                return False
            if spec.minimum is not None and not spec.minimum <= value <= spec.maximum:
                self.report("SP027", node, f"{where} is {value}; it must be between {spec.minimum} and {spec.maximum}")
                return False
            return True
        if kind == "bool":
            if not isinstance(value, bool):
                self.report("SP020", node, f"{where} must be true or false, but found {describe(value)}")
                return False
            return True
        if not isinstance(value, str):
            hint = ""
            if isinstance(value, (bool, int, float)) or value is None:
                hint = f"put the text in quotes: \"{node.raw if node.raw is not None else value}\""
            elif isinstance(value, dict) and kind == "text":
                braced = _braced_text(value)
                hint = (f"a text that starts with '{{' must be put in quotes: \"{braced}\"" if braced
                        else "a text containing ': ' must be put in quotes")
            self.report("SP020", node, f"{where} must be {_EXPECTED[kind]}, but found {describe(value)}", hint)
            return False
        if kind == "text" and not value.strip():
            self.report("SP026", node, f"{where} is empty", "write the text, or remove the key")
            return False
        if spec.max_length is not None and len(value) > spec.max_length:
            self.report("SP025", node, f"{where} is {len(value):,} characters long; the limit is {spec.max_length:,}",
                        "shorten it or split it into several lines")
            return False
        if spec.enum is not None and value not in spec.enum:
            hint = did_you_mean(value, spec.enum) or "allowed: " + ", ".join(spec.enum)
            self.report("SP023", node, f"{where} is {value!r}, which is not one of: {', '.join(spec.enum)}", hint)
            return False
        if kind in _PATTERNS and not _match(kind, value):
            what = spec.what or where
            self.report("SP024", node, f"{value!r} is not a valid {what}: use {_RULES[kind]}",
                        _suggest_name(value, kind))
            return False
        return True

    def record(self, node: Node, spec: Record, where: str) -> bool:
        if not isinstance(node.value, dict):
            self.report("SP020", node, f"{where} must be a mapping of keys, but found {describe(node)}",
                        f"{spec.name} is written as 'key: value' lines")
            return False
        misspelt = set()  # known keys an unknown key probably meant: not also reported as missing
        for key in list(node.value):
            f = spec.get(key)
            if f is None:
                close = difflib.get_close_matches(key, list(spec._by_key), n=1, cutoff=0.6)
                misspelt.update(close)
                hint = did_you_mean(key, spec._by_key) or "allowed keys: " + ", ".join(spec._by_key)
                self.report("SP021", node.key_node(key), f"unknown key {key!r} in {spec.name}", hint)
                del node.value[key]
            elif not self.check(node.value[key], f.spec, f"'{key}' of {where}"):
                del node.value[key]
        for f in spec.fields:
            # a required key that is present but wrong was reported already; do not also call it missing
            if f.required and f.key not in node.value and f.key not in (node.keys or {}) and f.key not in misspelt:
                self.report("SP022", node, f"{where} has no '{f.key}'", f"add '{f.key}:' ({f.description})")
        return True

    def list(self, node: Node, spec: ListOf, where: str) -> bool:
        if not isinstance(node.value, list):
            example = f"[{node.raw}]" if isinstance(node.value, str) else "[a, b]"
            self.report("SP020", node, f"{where} must be a list, but found {describe(node)}",
                        f"write a list as {example} or as lines starting with '- '")
            return False
        if len(node.value) < spec.min_items:
            self.report("SP026", node, f"{where} must not be empty")
        for i, item in enumerate(node.value):
            if not self.check(item, spec.item, _item_where(spec.item, i, where)):
                node.value[i] = Node(_INVALID, item.line, item.column)
        return True

    def map(self, node: Node, spec: MapOf, where: str) -> bool:
        if not isinstance(node.value, dict):
            self.report("SP020", node, f"{where} must be a mapping, but found {describe(node)}",
                        "write one 'name: value' per line")
            return False
        if len(node.value) < spec.min_items:
            self.report("SP026", node, f"{where} must not be empty")
        for key in list(node.value):
            if not _match(spec.key_kind, key):
                self.report("SP024", node.key_node(key), f"{key!r} is not a valid {spec.key_what}: "
                            f"use {_RULES[spec.key_kind]}", _suggest_name(key, spec.key_kind))
            if not self.check(node.value[key], spec.value, f"{spec.key_what.split()[0]} '{key}'"):
                node.value[key] = Node(_INVALID, node.value[key].line, node.value[key].column)
        return True

    def line(self, node: Node, spec: LineSpec, where: str) -> bool:
        value = node.value
        if isinstance(value, str):
            return self.scalar(node, TEXT, where)
        if not isinstance(value, dict):
            self.report("SP043", node, f"{where} must be text or 'speaker: text', but found {describe(node)}")
            return False
        if "text" in value or "speaker" in value:
            self.record(node, spec.long_form, where)
            return "text" in value  # without its text the line is unusable
        speakers = [k for k in value if k not in LINE_EXTRA_KEYS]
        if len(speakers) != 1:
            shown = ", ".join(speakers) or "no speaker"
            self.report("SP043", node, f"{where} must have exactly one speaker, but has {shown}",
                        "write one line per speaker, e.g. '- nok: Hello'; "
                        "a text containing ': ' must be put in quotes")
            return False
        ok = self.scalar(value[speakers[0]], TEXT, where)
        if "image" in value and not self.scalar(value["image"], IMAGE, f"image of {where}"):
            del value["image"]
            ok = False
        if "id" in value and not self.scalar(value["id"], KEY, f"id of {where}"):
            del value["id"]
        if "if" in value and not self.scalar(value["if"], CONDITION, f"'if' of {where}"):
            del value["if"]
        return ok


#: which check each kind of spec gets (looked up by type: the checker asks this for every value of a file)
_CHECKS = {Scalar: Checker.scalar, Record: Checker.record, ListOf: Checker.list, MapOf: Checker.map,
           LineSpec: Checker.line, Either: Checker.either}


def _shapes(spec: Either) -> str:
    words = {Scalar: "text", ListOf: "a list", Record: "a mapping", LineSpec: "a mapping"}
    return " or ".join(dict.fromkeys(words[type(o)] for o in spec.options))


def _item_where(item_spec, index: int, where: str) -> str:
    """'choice 2 of scene 'ad'' rather than 'item 2 of 'choices' of scene 'ad''."""
    name = None
    if isinstance(item_spec, Record):
        name = item_spec.name.split(" ", 1)[-1]
    elif isinstance(item_spec, LineSpec):
        name = "line"
    elif isinstance(item_spec, Either):
        name = next((o.name.split(" ", 1)[-1] for o in item_spec.options if isinstance(o, Record)), None)
    if name and where.startswith("'") and "' of " in where:
        return f"{name} {index + 1} of {where.split(chr(39) + ' of ', 1)[1]}"
    return f"item {index + 1} of {where}"


class _Invalid:
    """Marks a list item or map value that failed its check, so positions stay but values are skipped."""

    def __repr__(self) -> str:
        return "<invalid>"


_INVALID = _Invalid()
#: the value of a node that failed its check (what :func:`is_invalid` tests for; the builders test it inline)
INVALID = _INVALID


def is_invalid(node: Node | None) -> bool:
    return node is None or node.value is _INVALID


_COMPILED = {kind: re.compile(pattern) for kind, pattern in _PATTERNS.items()}


def _match(kind: str, value: str) -> bool:
    return _COMPILED[kind].fullmatch(value) is not None


def _suggest_name(value: str, kind: str) -> str:
    cleaned = re.sub(r"[^a-z0-9_-]+" if kind == "id" else r"[^a-z0-9_]+", "-" if kind == "id" else "_",
                     str(value).strip().lower()).strip("-_")
    if cleaned and cleaned[0].isalpha() and _match(kind, cleaned):
        return f"for example {cleaned!r}"
    return ""


def _braced_text(value: dict) -> str | None:
    """``{baht:45000}`` written unquoted is read by YAML as a mapping whose keys have no values; the text
    the author meant, when the mapping is of that kind (else None)."""
    if not value or any(getattr(v, "value", v) is not None for v in value.values()):
        return None
    return "{" + ", ".join(value) + "}"
