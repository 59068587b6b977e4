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
``python3 -m safepath.story.schema_json > docs/scenario.schema.json`` after editing. The nodes of a file are
checked against the table by :class:`safepath.story.schema_check.Checker`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from safepath.story.model import DRILL_OUTCOMES, JOURNEY_STEPS, PLAN_FIELDS, EndingKind, Role, SceneKind

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
    _required: tuple = field(default=(), compare=False, repr=False)  # the fields that must be written

    def __post_init__(self):
        object.__setattr__(self, "_by_key", {f.key: f for f in self.fields})
        object.__setattr__(self, "_required", tuple(f for f in self.fields if f.required))

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


#: the name rules the checker (:mod:`safepath.story.schema_check`) and the JSON Schema apply
_PATTERNS = {"id": ID_PATTERN, "name": NAME_PATTERN}
