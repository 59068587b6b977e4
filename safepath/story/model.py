"""The validated, immutable scenario model.

The loader (:mod:`safepath.story.loader`) turns YAML into these values only after
checking them, so the engine, the scorer and the screens can trust them: every
``goto`` names an existing scene, every speaker an existing character, every
red flag an entry of the shared catalogue, every condition is already parsed.

Player-facing text is a :class:`Text`: the English source (the gettext msgid)
plus a stable translation context (the msgctxt) and the place it came from, so
translators see real ``#: file:line`` references and the game asks the
catalogue by ``(context, english)``. Contexts are paths such as
``dream-job/ad/line/2``, ``dream-job/ad/choice/1/say`` or ``dream-job/ad/choice/1/feedback`` built from
scenario id, scene id and position; they stay stable when other scenes change.
A line or choice with an ``id:`` uses it instead of its position
(``dream-job/ad/line/pay``), so inserting a line above it changes nothing for
translators; ``safepath i18n update`` also carries a translation over when only
the position of an unchanged English text moved within its scene.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Mapping

from safepath.story.conditions import Expr
from safepath.story.direct_init import store_through_slots

SCHEMA_VERSION = 1

#: The score every scenario has; authors may declare more under ``scores:``.
SAFETY = "safety"


@dataclass(frozen=True, slots=True)
class Pos:
    """A place in a source file, 1-based like editors show it."""

    file: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True, slots=True)
class Text:
    """A piece of player-facing text, translatable through gettext."""

    text: str  # English source: the msgid
    context: str  # stable msgctxt, e.g. "dream-job/ad/line/2"
    pos: Pos
    comment: str = ""  # for translators: who speaks, in which scene


class Role(str, Enum):
    PLAYER = "player"
    RECRUITER = "recruiter"
    FRIEND = "friend"
    FAMILY = "family"
    OFFICIAL = "official"
    OTHER = "other"


class SceneKind(str, Enum):
    CHAT = "chat"  # a message thread in a phone chat app
    NARRATION = "narration"  # the story told between chats
    DECISION = "decision"  # a moment whose point is the choice
    ENDING = "ending"
    # drills: the player rehearses a real protective action on a screen of its own; each outcome is a choice
    PHONE = "phone"  # dial a helpline on a keypad (1506, then 2) and read the scripted answer
    REGISTER = "register"  # look an agency up in the (fictional) licence register
    CODEWORD = "codeword"  # agree a family code word and say it back
    TRAVELPLAN = "travelplan"  # fill a short travel plan with a family member


#: the scene kinds that are drills, and the outcomes each can have (every outcome is a choice of the scene)
DRILL_OUTCOMES: dict[SceneKind, tuple[str, ...]] = {
    SceneKind.PHONE: ("called", "hung-up"),
    SceneKind.REGISTER: ("licensed", "expired", "not-found"),
    SceneKind.CODEWORD: ("agreed", "not-now"),
    SceneKind.TRAVELPLAN: ("complete", "incomplete", "not-now"),
}
DRILL_KINDS = frozenset(DRILL_OUTCOMES)
#: the travel plan's questions, in the order the plan asks them
PLAN_FIELDS = ("who", "where", "address", "call")


class EndingKind(str, Enum):
    SAFE = "safe"  # the player stayed safe
    RECOVERED = "recovered"  # harm began but the player got out
    TRAPPED_WITH_HELP = "trapped-with-help"  # trapped; the ending shows how help comes


#: The steps of the recruitment journey (research: the journey, step by step), in order. A scene may say
#: which one it shows (``journey:``); the scenario library must show every step in at least one story.
JOURNEY_STEPS = ("lure", "looking-legitimate", "journey", "control", "forced-criminality", "getting-help")


@dataclass(frozen=True, slots=True)
class Source:
    title: str
    url: str
    pos: Pos


@dataclass(frozen=True, slots=True)
class Character:
    id: str
    name: Text
    role: Role
    avatar: str  # key of an image under assets/avatars/
    pos: Pos


@dataclass(frozen=True, slots=True)
class RedFlag:
    """One entry of the shared catalogue ``content/red_flags.yaml``."""

    id: str
    title: Text
    why: Text  # why it matters
    action: Text  # what to do in real life
    pos: Pos
    #: one of the most dangerous signs (passport taken, debt, a secret crossing): every debrief of a story
    #: that names it teaches it ("Other warning signs to know"), even on paths that never met it
    dangerous: bool = False


@dataclass(frozen=True, slots=True)
class SafeSign:
    """One entry of the shared catalogue ``content/safe_signs.yaml``: a sign that an offer is real."""

    id: str
    title: Text
    why: Text  # why you can trust it (once you have checked it)
    action: Text  # how to check it yourself
    pos: Pos


@dataclass(frozen=True, slots=True)
class Offer:
    """A job offer a scene shows (``offer: {id, legit}``); choices accept or refuse it by id."""

    id: str
    legit: bool  # true: a real, safe offer; false: a fake one (a lure)
    pos: Pos


@dataclass(frozen=True, slots=True)
class Agency:
    """One entry of the fictional licence register ``content/register.yaml``."""

    id: str
    name: str  # the agency's name exactly as registered (a proper name: not translated)
    status: str  # "licensed" or "expired"
    pos: Pos


@dataclass(frozen=True, slots=True)
class PhoneDrill:
    """``phone:`` of a phone drill: the helpline (from ``content/helplines.yaml``) and the scripted answer."""

    helpline: str  # helpline id
    number: str  # what the player dials, digits only (from the helplines file)
    menu: str  # the key to press once connected ("" when the line has no menu)
    name: Text  # the helpline's name, translated like the help card's
    purpose: Text  # what the line is for (with the menu key), translated like the help card's
    answer: tuple[Text, ...]  # what the person on the line says, read on screen
    pos: Pos


@dataclass(frozen=True, slots=True)
class RegisterDrill:
    """``register:`` of a register drill: the agency names the player saw in the story, and the register."""

    names: tuple[str, ...]  # names from the chat, exactly as written there (proper names: not translated)
    agencies: tuple[Agency, ...]  # the whole register the player searches
    pos: Pos


@dataclass(frozen=True, slots=True)
class CodewordDrill:
    """``codeword:``: the family member the word is agreed with and the words to pick from."""

    partner: str  # character id
    words: tuple[Text, ...]
    pos: Pos


@dataclass(frozen=True, slots=True)
class TravelPlanDrill:
    """``travelplan:``: who the plan is made with, and the answers offered for each question."""

    partner: str  # character id
    options: tuple[tuple[str, tuple[Text, ...]], ...]  # (PLAN_FIELDS key, answers), in PLAN_FIELDS order
    pos: Pos


Drill = PhoneDrill | RegisterDrill | CodewordDrill | TravelPlanDrill


@dataclass(frozen=True, slots=True)
class Line:
    speaker: str | None  # character id; None for the narrator
    text: Text
    image: str | None  # key of an image (job ad, contract photo) shown with the line
    pos: Pos
    id: str | None = None  # author's key (``id:``): the msgctxt ends in it instead of the position
    #: shown only when this holds (``if:``), judged when the scene is entered; None: always shown
    condition: Expr | None = None
    condition_source: str = ""


@dataclass(frozen=True, slots=True)
class DebriefPart:
    """One paragraph of an ending's debrief, shown only when its ``if:`` holds at the end.

    A debrief written as one text is one part without a condition. Conditions are judged
    like badges, at the end (a red flag met and never spotted counts as missed), so a part
    can speak only of what this path really met.
    """

    text: Text
    condition: Expr | None
    condition_source: str
    pos: Pos
    id: str | None = None  # author's key (``id:``): the msgctxt ends in it instead of the position


@dataclass(frozen=True, slots=True)
class Effects:
    """What choosing a choice changes. All fields default to 'nothing'."""

    scores: Mapping[str, int] = field(default_factory=dict)  # score name -> delta
    spots: tuple[str, ...] = ()  # red flags the player noticed (hits)
    misses: tuple[str, ...] = ()  # red flags the player went past
    false_alarm: bool = False  # deprecated: doubted an unnamed safe sign (use distrusts / refuses)
    trusts_safe: bool = False  # deprecated: trusted an unnamed safe sign (use trusts / accepts)
    set: tuple[str, ...] = ()  # story flags switched on
    unset: tuple[str, ...] = ()  # story flags switched off
    trusts: tuple[str, ...] = ()  # safe signs the player rightly trusted (correct trust)
    distrusts: tuple[str, ...] = ()  # safe signs the player doubted (false alarms)
    accepts: str | None = None  # the offer this choice says yes to
    refuses: str | None = None  # the offer this choice says no to


@dataclass(frozen=True, slots=True)
class Choice:
    index: int  # position in the scene's list, stable across conditions
    text: Text
    goto: str  # target scene id
    condition: Expr | None  # shown only when it holds
    condition_source: str  # the condition as written, for tools
    effects: Effects
    feedback: Text | None  # short, kind words shown after choosing
    pos: Pos
    #: the words the player's character sends in the chat after choosing; None: the choice is not a message
    say: Text | None = None
    id: str | None = None  # author's key (``id:``): the msgctxt ends in it instead of the position
    vote: bool = False  # class mode: the class votes at this choice's scene (``vote: true``)
    #: drill scenes: the outcome of the drill this choice is taken for (``outcome:``); None elsewhere
    outcome: str | None = None


@dataclass(frozen=True, slots=True)
class Scene:
    id: str
    kind: SceneKind
    lines: tuple[Line, ...]
    choices: tuple[Choice, ...]
    next: str | None  # where a scene with no choices continues
    red_flags: tuple[str, ...]  # red flags present in this scene (met when visited)
    title: Text | None  # optional heading (chat: contact name or app; narration: place)
    app: str | None  # chat scenes: the app shown (e.g. "Facebook", "LINE", "Telegram")
    ending: EndingKind | None  # ending scenes only
    debrief: tuple[DebriefPart, ...]  # ending scenes: what happened and why, part by part
    notes: Text | None  # facilitator notes for trainers
    pos: Pos
    safe_signs: tuple[str, ...] = ()  # safe signs shown in this scene (met when visited)
    offer: Offer | None = None  # the offer this scene makes (met when visited)
    #: the recruiter's private chat (a move off the public platform into a private app): the scoring
    #: properties ask that 3 stars be reachable without ever entering such a scene
    private_chat: bool = False
    #: ending scenes: shown under "What saying no cost" when this path refused a real offer and accepted none
    refusal_cost: Text | None = None
    discuss: Text | None = None  # class mode: a question the class talks about before voting
    #: the step of the recruitment journey this scene shows (one of JOURNEY_STEPS), or None
    journey: str | None = None
    drill: Drill | None = None  # drill scenes: what the drill screen asks of the player

    @property
    def is_ending(self) -> bool:
        return self.kind is SceneKind.ENDING

    @property
    def is_drill(self) -> bool:
        return self.kind in DRILL_KINDS

    def outcome_choice(self, outcome: str) -> "Choice | None":
        """The choice a drill scene takes for ``outcome`` (the first, when conditions pick among several)."""
        return next((c for c in self.choices if c.outcome == outcome), None)


@dataclass(frozen=True, slots=True)
class Badge:
    id: str
    title: Text
    description: Text
    condition: Expr  # evaluated on the final state
    condition_source: str
    pos: Pos
    #: the badge is about something other than judging offers (telling the family, say), so a player who
    #: made a false alarm may earn it; the discernment check reports every other badge such a player earns
    allows_false_alarm: bool = False


@dataclass(frozen=True, slots=True)
class Scenario:
    schema_version: int
    id: str
    title: Text
    summary: Text
    audience: str  # e.g. "13-25"
    minutes: int
    content_note: Text
    sources: tuple[Source, ...]
    characters: Mapping[str, Character]
    teaches: tuple[str, ...]  # red-flag ids this scenario teaches
    red_flags: Mapping[str, RedFlag]  # the catalogue entries for `teaches` (and any used)
    scores: Mapping[str, int]  # score name -> starting value; always has SAFETY
    scenes: Mapping[str, Scene]  # in file order
    start: str
    badges: tuple[Badge, ...]
    notes: Text | None  # facilitator notes for the whole scenario
    path: str
    pos: Pos
    safe_signs: Mapping[str, SafeSign] = field(default_factory=dict)  # catalogue entries the story uses
    offers: Mapping[str, Offer] = field(default_factory=dict)  # every offer a scene makes, by id

    def texts(self):
        """Every translatable Text in story order: for extraction and checks."""
        yield self.title
        yield self.summary
        yield self.content_note
        if self.notes:
            yield self.notes
        for ch in self.characters.values():
            yield ch.name
        for scene in self.scenes.values():
            if scene.title:
                yield scene.title
            for line in scene.lines:
                yield line.text
            if scene.drill is not None:
                yield from drill_texts(scene.drill)
            for choice in scene.choices:
                yield choice.text
                if choice.say:
                    yield choice.say
                if choice.feedback:
                    yield choice.feedback
            for part in scene.debrief:
                yield part.text
            if scene.refusal_cost:
                yield scene.refusal_cost
            if scene.notes:
                yield scene.notes
            if scene.discuss:
                yield scene.discuss
        for badge in self.badges:
            yield badge.title
            yield badge.description


def drill_texts(drill: Drill | None):
    """The translatable texts of a drill, in the order the drill shows them."""
    if isinstance(drill, PhoneDrill):
        yield from drill.answer
    elif isinstance(drill, CodewordDrill):
        yield from drill.words
    elif isinstance(drill, TravelPlanDrill):
        for _key, answers in drill.options:
            yield from answers


for _made_often in (Pos, Text, Source, Character, RedFlag, SafeSign, Offer, Agency, PhoneDrill, RegisterDrill,
                    CodewordDrill, TravelPlanDrill, Line, DebriefPart, Effects, Choice, Scene, Badge, Scenario):
    store_through_slots(_made_often)  # the loader makes these by the thousand; see direct_init
del _made_often
