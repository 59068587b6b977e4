"""Generated scenarios of any size, for tests and benchmarks of the analysis.

A *layered* scenario is a stack of layers of scenes; every scene offers a few
choices into the next layer and the last layer leads to three endings. With
``choices`` choices per scene and ``layers`` layers it has exactly
``choices ** layers`` paths when no condition hides a choice, so 40 layers of
two choices give 2**40 (about 1.1 * 10**12) paths from a file of a few hundred
scenes: big enough to prove path counting never enumerates.

The generator produces a plain spec (the same shape as a YAML scenario file):
:func:`to_yaml` writes it for the loader and the command-line tools, and
:func:`to_model` builds a :class:`safepath.story.model.Scenario` directly so the
analysis can be tested without the loader.
"""

from __future__ import annotations

import random

import yaml

from safepath.story import model
from safepath.story.conditions import parse

#: red flags the generator tags choices with (ids from content/red_flags.yaml).
GENERATED_FLAGS = ("pay-too-good", "free-travel", "private-chat", "rush")
ENDINGS = (("end-safe", "safe"), ("end-recovered", "recovered"), ("end-trapped", "trapped-with-help"))


#: badges :func:`layered_spec` can add: common shapes of badge conditions, one that no path can earn.
GENERATED_BADGES = (
    ("careful", "ending(safe) and false_alarms == 0"),
    ("sharp-eyed", "hits >= 2 and spotted(rush)"),
    ("steady", "safety >= 2 or ending(recovered)"),
    ("never", "safety > 1000"),
)


#: safe signs and offers :func:`layered_spec` uses with ``offers=True`` (sign ids from content/safe_signs.yaml)
GENERATED_SIGNS = ("licence-checked", "contract-you-read", "normal-pay")


def layered_spec(layers: int, width: int = 3, choices: int = 2, seed: int = 0, conditions: bool = False,
                 loop: bool = False, badges: bool = False, offers: bool = False) -> dict:
    """A scenario spec: ``layers`` layers of ``width`` scenes, ``choices`` choices each.

    ``conditions`` adds story flags and conditional extra choices (``if: has(...)``, ``if: safety >= n``,
    ``if: spotted(...)``) so the flag state matters; every scene keeps ``choices`` unconditional choices,
    so the path count grows at least like ``choices ** layers``. ``loop`` adds a "go back" choice from the
    second layer to the first, making the path count infinite. ``badges`` adds :data:`GENERATED_BADGES`.
    ``offers`` adds job offers (real and fake) that choices accept or refuse, safe signs that scenes show and
    choices trust or doubt, and scenes in the recruiter's private chat.
    """
    rng = random.Random(seed)
    scenes: dict[str, dict] = {}
    # one start scene, then full layers; choice c of scene k leads to scene k * choices + c (wrapping),
    # so every scene is reachable and the path count is exactly choices ** layers
    sizes = [1]
    for _ in range(1, layers):
        sizes.append(min(width, sizes[-1] * choices))
    names = [[f"s{layer}-{k}" for k in range(sizes[layer])] for layer in range(layers)]
    for layer in range(layers):
        for k, sid in enumerate(names[layer]):
            last = layer == layers - 1
            targets = [e for e, _ in ENDINGS] if last else names[layer + 1]
            scene: dict = {"kind": "decision" if k % 2 == 0 else "chat", "lines": [f"Scene {sid}."]}
            if k == 0 and layer % 3 == 1:
                scene["red_flags"] = [GENERATED_FLAGS[layer % len(GENERATED_FLAGS)]]
            chs = []
            for c in range(choices):
                ch: dict = {"text": f"Option {c + 1} in {sid}", "goto": targets[(k * choices + c) % len(targets)]}
                delta = rng.choice((-1, 0, 1))
                if delta:
                    ch["safety"] = delta
                roll = rng.random()
                if roll < 0.15:
                    ch["spots"] = [rng.choice(GENERATED_FLAGS)]
                elif roll < 0.25:
                    ch["misses"] = [rng.choice(GENERATED_FLAGS)]
                elif roll < 0.28:
                    ch["false_alarm"] = True
                elif offers and roll < 0.4:
                    ch["trusts" if rng.random() < 0.5 else "distrusts"] = [rng.choice(GENERATED_SIGNS)]
                if offers and layer % 2 == 0 and layer // 2 < 3:
                    oid = f"offer{layer // 2}"
                    ch["accepts" if c % 2 == 0 else "refuses"] = oid
                if conditions and rng.random() < 0.2:
                    ch["set"] = [f"flag{rng.randrange(3)}"]
                chs.append(ch)
            if offers and layer % 2 == 0 and layer // 2 < 3:
                scene["offer"] = {"id": f"offer{layer // 2}", "legit": layer // 2 != 1}
                scene["safe_signs"] = [GENERATED_SIGNS[layer // 2 % len(GENERATED_SIGNS)]]
            if offers and layer % 3 == 2 and k == 1:
                scene["private_chat"] = True
            if conditions and layer > 0 and rng.random() < 0.5:
                cond = rng.choice([f"has(flag{rng.randrange(3)})", f"safety >= {rng.randrange(-1, 3)}",
                                   f"not has(flag{rng.randrange(3)})", f"spotted({rng.choice(GENERATED_FLAGS)})"])
                chs.append({"text": f"Special option in {sid}", "goto": rng.choice(targets), "if": cond,
                            "safety": 1})
            if loop and layer == 1:
                chs.append({"text": "Go back", "goto": names[0][0]})
            scene["choices"] = chs
            scenes[sid] = scene
    for eid, kind in ENDINGS:
        scenes[eid] = {"kind": "ending", "ending": kind, "lines": [f"The end ({kind})."],
                       "debrief": f"How this {kind} ending happened. It is never your fault."}
    if conditions:  # make sure every flag read is set somewhere
        first = scenes[names[0][0]]["choices"][0]
        first.setdefault("set", [])
        first["set"] = sorted(set(first["set"]) | {"flag0", "flag1", "flag2"})
    return {
        "schema_version": 1,
        "id": f"gen-{layers}x{width}x{choices}",
        "title": "Generated",
        "summary": "A generated scenario for tests.",
        "minutes": 5,
        "content_note": "Generated text.",
        "sources": [{"title": "Test", "url": "https://example.org"}],
        "characters": {"me": {"name": "Me", "role": "player"}},
        "teaches": list(GENERATED_FLAGS),
        "start": names[0][0],
        **({"badges": [{"id": bid, "title": bid.capitalize(), "description": f"Badge {bid}.", "when": when}
                       for bid, when in GENERATED_BADGES]} if badges else {}),
        "scenes": scenes,
    }


def to_yaml(spec: dict) -> str:
    return yaml.safe_dump(spec, sort_keys=False, allow_unicode=True, width=1000)


def _debrief(raw, text, pos) -> tuple[model.DebriefPart, ...]:
    """A debrief written as one text or as a list of parts (texts or {text, if})."""
    if raw is None:
        return ()
    if isinstance(raw, str):
        return (model.DebriefPart(text(raw, "debrief"), None, "", pos()),)
    parts = []
    for n, part in enumerate(raw):
        part = {"text": part} if isinstance(part, str) else part
        cond = part.get("if")
        parts.append(model.DebriefPart(text(part["text"], f"debrief/{n}"), parse(cond) if cond else None, cond or "",
                                       pos()))
    return tuple(parts)


def to_model(spec: dict, path: str = "generated.yaml", catalogue: dict | None = None) -> model.Scenario:
    """Build the model straight from a spec; positions count scenes and choices in file order."""
    sid_ = spec["id"]
    counter = iter(range(1, 10**9))

    def pos() -> model.Pos:
        return model.Pos(path, next(counter), 1)

    def text(value: str, ctx: str) -> model.Text:
        return model.Text(value, f"{sid_}/{ctx}", pos())

    scenes = {}
    for sid, raw in spec["scenes"].items():
        scene_pos = pos()
        lines = []
        for n, line in enumerate(raw.get("lines", [])):
            if isinstance(line, str):
                lines.append(model.Line(None, text(line, f"{sid}/line/{n}"), None, pos()))
            else:
                (speaker, said), = [(k, v) for k, v in line.items() if k not in ("image", "if")]
                cond = line.get("if")
                lines.append(model.Line(speaker, text(said, f"{sid}/line/{n}"), line.get("image"), pos(), None,
                                        parse(cond) if cond else None, cond or ""))
        choices = []
        for i, ch in enumerate(raw.get("choices", [])):
            cpos = pos()
            scores = dict(ch.get("score", {}))
            if "safety" in ch:
                scores[model.SAFETY] = ch["safety"]
            effects = model.Effects(scores=scores, spots=tuple(ch.get("spots", ())),
                                    misses=tuple(ch.get("misses", ())), false_alarm=bool(ch.get("false_alarm")),
                                    trusts_safe=bool(ch.get("trusts_safe")), set=tuple(ch.get("set", ())),
                                    unset=tuple(ch.get("unset", ())), trusts=tuple(ch.get("trusts", ())),
                                    distrusts=tuple(ch.get("distrusts", ())), accepts=ch.get("accepts"),
                                    refuses=ch.get("refuses"))
            cond = ch.get("if")
            feedback = text(ch["feedback"], f"{sid}/choice/{i}/feedback") if "feedback" in ch else None
            choices.append(model.Choice(i, model.Text(ch["text"], f"{sid_}/{sid}/choice/{i}", cpos), ch["goto"],
                                        parse(cond) if cond else None, cond or "", effects, feedback, cpos))
        kind = model.SceneKind(raw.get("kind", "narration"))
        scenes[sid] = model.Scene(
            id=sid, kind=kind, lines=tuple(lines), choices=tuple(choices), next=raw.get("next"),
            red_flags=tuple(raw.get("red_flags", ())),
            title=text(raw["title"], f"{sid}/title") if "title" in raw else None, app=raw.get("app"),
            ending=model.EndingKind(raw["ending"]) if "ending" in raw else None,
            debrief=_debrief(raw.get("debrief"), lambda t, c: text(t, f"{sid}/{c}"), pos),
            notes=text(raw["notes"], f"{sid}/notes") if "notes" in raw else None, pos=scene_pos,
            safe_signs=tuple(raw.get("safe_signs", ())),
            offer=model.Offer(raw["offer"]["id"], bool(raw["offer"]["legit"]), scene_pos) if "offer" in raw else None,
            private_chat=bool(raw.get("private_chat")),
            refusal_cost=text(raw["refusal_cost"], f"{sid}/refusal_cost") if "refusal_cost" in raw else None)
    flags_used = set(spec.get("teaches", ()))
    for raw in spec["scenes"].values():
        flags_used.update(raw.get("red_flags", ()))
        for ch in raw.get("choices", []):
            flags_used.update(ch.get("spots", ()))
            flags_used.update(ch.get("misses", ()))
    catalogue = catalogue or {}
    red_flags = {f: catalogue.get(f) or model.RedFlag(f, model.Text(f, f"red-flag/{f}/title", pos()),
                                                       model.Text("why", f"red-flag/{f}/why", pos()),
                                                       model.Text("action", f"red-flag/{f}/action", pos()), pos())
                 for f in sorted(flags_used)}
    characters = {cid: model.Character(cid, text(c["name"], f"character/{cid}"), model.Role(c["role"]),
                                       c.get("avatar", cid), pos()) for cid, c in spec["characters"].items()}
    scores = {model.SAFETY: 0, **spec.get("scores", {})}
    badges = tuple(model.Badge(b["id"], text(b["title"], f"badge/{b['id']}/title"),
                               text(b["description"], f"badge/{b['id']}/description"), parse(b["when"]), b["when"],
                               pos(), bool(b.get("allows_false_alarm"))) for b in spec.get("badges", ()))
    signs_used: set[str] = set()
    for raw in spec["scenes"].values():
        signs_used.update(raw.get("safe_signs", ()))
        for ch in raw.get("choices", []):
            signs_used.update(ch.get("trusts", ()))
            signs_used.update(ch.get("distrusts", ()))
    safe_signs = {x: model.SafeSign(x, model.Text(x, f"safe-sign/{x}/title", pos()),
                                    model.Text("why", f"safe-sign/{x}/why", pos()),
                                    model.Text("action", f"safe-sign/{x}/action", pos()), pos())
                  for x in sorted(signs_used)}
    offers = {sc.offer.id: sc.offer for sc in scenes.values() if sc.offer is not None}
    return model.Scenario(
        schema_version=1, id=sid_, title=text(spec["title"], "title"), summary=text(spec["summary"], "summary"),
        audience=spec.get("audience", "13-25"), minutes=spec["minutes"],
        content_note=text(spec["content_note"], "content_note"),
        sources=tuple(model.Source(s["title"], s["url"], pos()) for s in spec["sources"]),
        characters=characters, teaches=tuple(spec["teaches"]), red_flags=red_flags, scores=scores,
        scenes=scenes, start=spec.get("start") or next(iter(spec["scenes"])), badges=badges, notes=None,
        path=path, pos=model.Pos(path, 1, 1), safe_signs=safe_signs, offers=offers)
