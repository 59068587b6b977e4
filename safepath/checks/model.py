"""The knowledge checks' model: forms of items, validated and frozen like the story model.

A *form* (A, B or C) is one short check: offer items ("scam or real?"), sign items ("which of these are
warning signs?") and action items ("what do you do first?"). Forms A and B are parallel (the same mix of
items, the same red flags and safe signs), so a pre-check on one and a post-check on the other measure
learning and not memory of the items; form C, with new items, is the booster a week or two later.

Every text a player sees is a :class:`safepath.story.model.Text` with a stable context
(``check/A/a-cafe/line/1``), so the checks go through the same gettext pipeline as the stories.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from safepath.story.model import Pos, Text

FORMS = ("A", "B", "C")
SCAM, REAL = "scam", "real"
OFFER, SIGN, ACTION = "offer", "sign", "action"
ITEM_TYPES = (OFFER, SIGN, ACTION)
#: how an offer reaches the player: a message in a chat app, or an ad in a feed
SHOWN_AS = ("chat", "ad")
#: the steps of "how sure are you?" (1: guessing, 4: very sure)
SURE_STEPS = (1, 2, 3, 4)


@dataclass(frozen=True, slots=True)
class Message:
    """What the player reads: who sent it, in which app, as a chat message or an ad, and its lines."""

    shown_as: str  # "chat" or "ad"
    app: str  # Facebook, TikTok, LINE, ...
    sender: Text  # a fictional person or page name
    lines: tuple[Text, ...]
    image: str | None  # picture key (assets/pictures), optional


@dataclass(frozen=True, slots=True)
class OfferItem:
    """A job offer to judge: scam or real, and how sure (1–4)."""

    id: str
    form: str
    message: Message
    truth: str  # "scam" or "real"
    flags: tuple[str, ...]  # red flags a scam shows
    signs: tuple[str, ...]  # safe signs a real offer shows
    pos: Pos

    type = OFFER

    @property
    def is_scam(self) -> bool:
        return self.truth == SCAM


@dataclass(frozen=True, slots=True)
class Option:
    id: str
    text: Text
    right: bool  # sign items: a warning sign; action items: the best first step
    pos: Pos
    flag: str | None = None  # sign items: the red flag a right option is


@dataclass(frozen=True, slots=True)
class SignItem:
    """Which of these are warning signs? Several options may be right; each right option names its red flag."""

    id: str
    form: str
    message: Message
    options: tuple[Option, ...]
    flags: tuple[str, ...]  # the red flags the right options point at
    pos: Pos

    type = SIGN

    @property
    def right(self) -> tuple[str, ...]:
        return tuple(o.id for o in self.options if o.right)


@dataclass(frozen=True, slots=True)
class ActionItem:
    """What do you do first? One best answer (``right``) among a few."""

    id: str
    form: str
    situation: Text
    options: tuple[Option, ...]
    flags: tuple[str, ...]  # the red flag(s) whose advice the best answer follows (for the feedback)
    pos: Pos

    type = ACTION

    @property
    def best(self) -> str:
        return next(o.id for o in self.options if o.right)


Item = OfferItem | SignItem | ActionItem


@dataclass(frozen=True, slots=True)
class Form:
    letter: str  # A, B or C
    items: tuple[Item, ...]
    path: str
    pos: Pos

    def offers(self) -> tuple[OfferItem, ...]:
        return tuple(i for i in self.items if isinstance(i, OfferItem))

    def item(self, item_id: str) -> Item | None:
        return next((i for i in self.items if i.id == item_id), None)

    def texts(self):
        """Every translatable text in form order: for extraction and the fit check."""
        for item in self.items:
            if isinstance(item, (OfferItem, SignItem)):
                yield item.message.sender
                yield from item.message.lines
            if isinstance(item, ActionItem):
                yield item.situation
            for option in getattr(item, "options", ()):
                yield option.text


@dataclass(frozen=True, slots=True)
class Bank:
    """The forms that load cleanly, by letter."""

    forms: Mapping[str, Form]

    def form(self, letter: str) -> Form | None:
        return self.forms.get(letter)
