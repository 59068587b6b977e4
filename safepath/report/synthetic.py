"""A seeded synthetic set of anonymous records: for the report's tests, its benchmark and a demo report.

The records have exactly the shape the game writes (:mod:`safepath.saves.records`), built from the real
stories' ids and endings and the real check forms (answers made by :mod:`safepath.checks.answers`, so they
are scored as the game's are). Players improve between the pre- and the post-check by a chosen amount; the
same seed always gives the same records. Nothing here is a real person or a real result. No pygame.
"""

from __future__ import annotations

import datetime as _dt
import random
from typing import Any, Mapping

from safepath.saves import records as R

START = _dt.date(2026, 9, 1)


def _id(rng: random.Random) -> str:
    return "%032x" % rng.getrandbits(128)


def _stories(scenarios: Mapping[str, Any]) -> list[tuple[str, list[tuple[str, str]], list[str]]]:
    """(story id, [(ending id, ending kind)], red flags) of each story."""
    out = []
    for sid, scenario in sorted(scenarios.items()):
        endings = [(s.id, s.ending.value) for s in scenario.scenes.values() if s.is_ending and s.ending is not None]
        flags = sorted({f for s in scenario.scenes.values() for f in s.red_flags})
        if endings:
            out.append((sid, endings, flags))
    return out


def play_records(n: int, scenarios: Mapping[str, Any], seed: int = 1, players: int | None = None) -> list[dict]:
    rng = random.Random(seed)
    stories = _stories(scenarios)
    codes = ["p-%010x" % rng.getrandbits(40) for _ in range(players or max(1, n // 3))]
    out = []
    for i in range(n):
        sid, endings, flags = stories[i % len(stories)]
        ending, kind = endings[rng.randrange(len(endings))]
        met = [f for f in flags if rng.random() < 0.7]
        statuses = {f: ("spotted" if rng.random() < 0.65 else "missed") for f in met}
        hits = sum(1 for v in statuses.values() if v == "spotted")
        out.append({"id": _id(rng), "kind": "play", "date": (START + _dt.timedelta(days=i % 60)).isoformat(),
                    "player": codes[i % len(codes)], "session": None, "lang": ("th", "my", "en")[i % 3],
                    "scenario": sid, "ending": ending, "ending_kind": kind, "hits": hits,
                    "misses": len(statuses) - hits, "false_alarms": rng.randrange(2), "trusted_safe": rng.randrange(3),
                    "stars": rng.randrange(4), "flags": statuses})
    return out


def _answers(form, skill: float, rng: random.Random) -> list[dict]:
    from safepath.checks import answers
    from safepath.checks.model import ActionItem, OfferItem, SignItem

    out = []
    for item in form.items:
        right = rng.random() < skill
        if isinstance(item, OfferItem):
            answer = item.truth if right else ("real" if item.truth == "scam" else "scam")
            out.append(answers.offer_answer(item, answer, rng.randint(1, 4)))
        elif isinstance(item, SignItem):
            chosen = [o.id for o in item.options if (o.right if right else rng.random() < 0.5)]
            out.append(answers.sign_answer(item, chosen))
        elif isinstance(item, ActionItem):
            wrong = [o.id for o in item.options if not o.right]
            out.append(answers.action_answer(item, item.best if right or not wrong else rng.choice(wrong)))
    return out


def check_records(players: int, forms: Mapping[str, Any], seed: int = 2, pre: float = 0.6, post: float = 0.8,
                  booster: float = 0.0, booster_skill: float = 0.75) -> list[dict]:
    """A pre- and a post-check per player (forms A/B counterbalanced), and a booster for a share of them."""
    rng = random.Random(seed)
    out = []
    for p in range(players):
        code = "p-%010x" % rng.getrandbits(40)
        first, second = ("A", "B") if p % 2 == 0 else ("B", "A")
        day = START + _dt.timedelta(days=p % 50)
        lang = ("th", "my", "en")[p % 3]
        phases = [("pre", first, pre, day), ("post", second, post, day)]
        if rng.random() < booster:
            phases.append(("booster", "C", booster_skill, day + _dt.timedelta(days=10)))
        for phase, letter, skill, when in phases:
            out.append({"id": _id(rng), "kind": "check", "date": when.isoformat(), "player": code, "session": None,
                        "form": letter, "phase": phase, "lang": lang, "answers": _answers(forms[letter], skill, rng)})
    return out


def class_records(sessions: int, scenarios: Mapping[str, Any], forms: Mapping[str, Any], seed: int = 3) -> list[dict]:
    """Class sessions: a ``class`` record with votes, and a class pre- and post-check by hands."""
    from safepath.checks.answers import class_template
    from safepath.checks.model import OfferItem

    rng = random.Random(seed)
    stories = _stories(scenarios)
    out = []
    for s in range(sessions):
        session = "c-%08x" % rng.getrandbits(32)
        day = (START + _dt.timedelta(days=7 * s)).isoformat()
        size = rng.randint(18, 36)
        female = rng.randint(size // 3, 2 * size // 3)
        other = rng.randint(0, 2)
        gender = {"female": female, "male": size - female - other, "other": other, "unknown": 0}
        young = rng.randint(0, size)
        ages = {"13-15": young, "16-18": size - young, "19-25": 0}
        played = []
        for sid, endings, _flags in stories[: 1 + s % len(stories)]:
            scenario = scenarios[sid]
            ending, kind = endings[rng.randrange(len(endings))]
            votes, path = [], [scenario.start]
            for scene in list(scenario.scenes.values())[:12]:
                if len(scene.choices) >= 2:
                    counts, left = {}, size
                    for i, c in enumerate(scene.choices):
                        hands = left if i == len(scene.choices) - 1 else rng.randint(0, left)
                        counts[c.id or str(c.index)] = hands
                        left -= hands
                    top = max(counts.values())
                    leaders = [k for k, v in counts.items() if v == top]
                    votes.append({"scene": scene.id, "counts": counts, "chosen": leaders[0], "tie": len(leaders) > 1})
                    path.append(scene.id)
            played.append({"scenario": sid, "ending": ending, "ending_kind": kind, "path": path, "votes": votes})
        out.append({"id": _id(rng), "kind": "class", "date": day, "session": session,
                    "label": f"Class {s + 1}", "stories": played, "gender": gender, "age_bands": ages})
        for phase, letter, skill in (("pre", "A", 0.55), ("post", "B", 0.8)):
            items = class_template(forms[letter])
            for entry in items:
                item = forms[letter].item(entry["item"])
                if isinstance(item, OfferItem):
                    good = sum(rng.random() < skill for _ in range(size))
                    entry["counts"] = {item.truth: good, ("real" if item.truth == "scam" else "scam"): size - good}
                else:
                    for option in item.options:
                        entry["counts"][option.id] = sum(rng.random() < (skill if option.right else 1 - skill)
                                                         for _ in range(size))
                    if item.type == "action":  # one answer per student
                        best = item.best
                        good = sum(rng.random() < skill for _ in range(size))
                        others = [o.id for o in item.options if o.id != best]
                        entry["counts"] = {o: 0 for o in others} | {best: good}
                        if others:
                            entry["counts"][others[0]] = size - good
            out.append(R.validate({"id": _id(rng), "kind": "class-check", "date": day, "session": session,
                                   "lang": "th", "form": letter, "phase": phase, "items": items}))
    return out


def dataset(plays: int = 400, players: int = 60, sessions: int = 3, seed: int = 7, content=None) -> list[dict]:
    """A mixed set: plays, checks, class sessions (the demo report and the tests' larger set)."""
    if content is None:
        from safepath.report.build import load_content

        content = load_content()
    scenarios, _flags, _signs, forms = content
    return (play_records(plays, scenarios, seed) + check_records(players, forms, seed + 1, booster=0.4)
            + class_records(sessions, scenarios, forms, seed + 2))
