"""The field table of a check form file (``content/checks/form-a.yaml``), in the story format's terms.

The same :class:`safepath.story.schema.Record` / :class:`~safepath.story.schema.Field` table drives the
loader (types, required keys, allowed values, lengths, with the same SP020–SP027 diagnostics) and the
JSON Schema editors use (``docs/checks.schema.json``), so authors of checks get the completion, hover help
and error messages they know from scenarios. Rules between keys (a scam names red flags, a sign item has
options) are checked with located messages in :mod:`safepath.checks.loader`.

Run ``python3 -m safepath.checks.schema > docs/checks.schema.json`` after editing.
"""

from __future__ import annotations

import json
import sys

from safepath.checks.model import FORMS, ITEM_TYPES, REAL, SCAM, SHOWN_AS
from safepath.story.schema import (APPS, ID, IMAGE, RED_FLAG_ID, TEXT, TITLE, Field, ListOf, Record, Scalar)

SAFE_SIGN_ID = Scalar("id", 64, what="safe-sign id")
OPTION_ID = Scalar("id", 64, what="option id")
#: at most this many options: a card of short buttons a player can take in at a glance
MAX_OPTIONS = 5

OPTION = Record("an option", "One answer a player can pick.", (
    Field("id", OPTION_ID, True, description="Short name of the option, unique within the item (kept in the results)."),
    Field("text", TEXT, True, description="The button label (translated). Keep it short: one line if you can."),
    Field("right", Scalar("bool"), default=False,
          description="Sign items: true for each option that is a warning sign. Action items: true for the one "
                      "best first step."),
    Field("flag", RED_FLAG_ID, description="Sign items: the red flag a right option points at."),
))

ITEM = Record("an item", "One question of the check.", (
    Field("id", ID, True, description="Unique id of the item across all forms, e.g. a-noodle-shop."),
    Field("type", Scalar("string", enum=ITEM_TYPES), True,
          description="offer (scam or real?), sign (which are warning signs?) or action (what do you do first?)."),
    Field("truth", Scalar("string", enum=(SCAM, REAL)), description="Offer items: what the offer really is."),
    Field("shown_as", Scalar("string", enum=SHOWN_AS), default="chat",
          description="Offer and sign items: a chat message, or an ad in a feed."),
    Field("app", Scalar("string", enum=APPS), description="Offer and sign items: the app the player sees it in."),
    Field("from", TITLE, description="Offer and sign items: who sent it, or the page of the ad. A made-up name "
                                     "that cannot be a real company or person."),
    Field("lines", ListOf(TEXT, 1), default=(),
          description="Offer and sign items: the message, one short bubble per line (at most 3)."),
    Field("image", IMAGE, description="Optional picture shown with the message (a key under assets/pictures/)."),
    Field("flags", ListOf(RED_FLAG_ID), default=(),
          description="Scam offers: the red flags the offer shows. Action items: the red flag whose advice the "
                      "best answer follows."),
    Field("signs", ListOf(SAFE_SIGN_ID), default=(), description="Real offers: the safe signs the offer shows."),
    Field("situation", TEXT, description="Action items: the situation, in one or two sentences."),
    Field("options", ListOf(OPTION, 2), default=(), description="Sign and action items: the answers to pick from."),
    Field("notes", Scalar("string", 1000), description="For trainers and reviewers (not shown to players): "
                                                       "where the item comes from in the research."),
))

FORM = Record("the check form", "One form (A, B or C) of the SafePath knowledge check (format version 1).", (
    Field("schema_version", Scalar("int"), True, description="Always 1 for this format."),
    Field("form", Scalar("string", enum=FORMS), True,
          description="A or B (pre- and post-check, counterbalanced) or C (the booster)."),
    Field("items", ListOf(ITEM, 1), True, description="The items, in the order they are asked."),
))


def json_schema() -> dict:
    """The JSON Schema (draft-07) of a check form, generated from the table above."""
    from safepath.story.schema_json import DRAFT, _record_json

    schema = {"$schema": DRAFT, "$id": "https://safepath.invalid/checks.schema.json",
              "title": "SafePath knowledge check form (format version 1)", **_record_json(FORM)}
    schema["properties"]["schema_version"]["const"] = 1
    return schema


def schema_text() -> str:
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    sys.stdout.write(schema_text())
