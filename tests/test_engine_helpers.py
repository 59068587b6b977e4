"""Build small :class:`model.Scenario` values straight from Python dicts, and generate random ones.

The engine and scoring tests use these to reach shapes that are awkward to
write as YAML (hundreds of random stories for hypothesis). The hand-written
fixtures in ``tests/data/scenarios/`` go through the real loader instead.
"""

from __future__ import annotations

from hypothesis import strategies as st

from safepath.story import conditions, model

POS = model.Pos("test.yaml", 1, 1)
RED_FLAGS = ("pay-too-good", "free-travel", "rush", "private-app", "passport")


def text(s: str, context: str = "test") -> model.Text:
    return model.Text(s, context, POS)


def red_flag(rid: str) -> model.RedFlag:
    return model.RedFlag(rid, text(f"Title {rid}"), text(f"Why {rid}"), text(f"Do {rid}"), POS)


def choice(index: int, spec: dict) -> model.Choice:
    scores = dict(spec.get("score", {}))
    if "safety" in spec:
        scores["safety"] = spec["safety"]
    cond = spec.get("if")
    return model.Choice(
        index=index,
        text=text(spec.get("text", f"choice {index}")),
        goto=spec["goto"],
        condition=conditions.parse(cond) if cond else None,
        condition_source=cond or "",
        effects=model.Effects(
            scores=scores,
            spots=tuple(spec.get("spots", ())),
            misses=tuple(spec.get("misses", ())),
            false_alarm=spec.get("false_alarm", False),
            trusts_safe=spec.get("trusts_safe", False),
            set=tuple(spec.get("set", ())),
            unset=tuple(spec.get("unset", ())),
        ),
        feedback=text(spec["feedback"]) if "feedback" in spec else None,
        pos=POS,
    )


def scene(sid: str, spec: dict) -> model.Scene:
    kind = model.SceneKind(spec.get("kind", "ending" if "ending" in spec else "narration"))
    lines = []
    for line in spec.get("lines", [f"In {sid}."]):
        if isinstance(line, str):
            lines.append(model.Line(None, text(line), None, POS))
        else:
            (speaker, said), = line.items()
            lines.append(model.Line(speaker, text(said), None, POS))
    return model.Scene(
        id=sid,
        kind=kind,
        lines=tuple(lines),
        choices=tuple(choice(i, c) for i, c in enumerate(spec.get("choices", ()))),
        next=spec.get("next"),
        red_flags=tuple(spec.get("red_flags", ())),
        title=text(spec["title"]) if "title" in spec else None,
        app=spec.get("app"),
        ending=model.EndingKind(spec["ending"]) if "ending" in spec else None,
        debrief=((model.DebriefPart(text(spec.get("debrief", "It is never your fault.")), None, "", POS),)
                 if "ending" in spec else ()),
        notes=None,
        pos=POS,
    )


def build(scenes: dict, *, sid: str = "toy", teaches=("pay-too-good",), scores=None, badges=()) -> model.Scenario:
    used = set(teaches)
    for spec in scenes.values():
        used.update(spec.get("red_flags", ()))
        for c in spec.get("choices", ()):
            used.update(c.get("spots", ()))
            used.update(c.get("misses", ()))
    all_scores = {"safety": 0, **(scores or {})}
    return model.Scenario(
        schema_version=1,
        id=sid,
        title=text("Toy"),
        summary=text("A toy story."),
        audience="13-25",
        minutes=5,
        content_note=text("A note."),
        sources=(model.Source("s", "https://example.org", POS),),
        characters={
            "mai": model.Character("mai", text("Mai"), model.Role.PLAYER, "mai", POS),
            "nok": model.Character("nok", text("Khun Nok"), model.Role.RECRUITER, "nok", POS),
        },
        teaches=tuple(teaches),
        red_flags={r: red_flag(r) for r in sorted(used)},
        scores=all_scores,
        scenes={k: scene(k, v) for k, v in scenes.items()},
        start=next(iter(scenes)),
        badges=tuple(
            model.Badge(b["id"], text(b["id"]), text("desc"), conditions.parse(b["when"]), b["when"], POS)
            for b in badges
        ),
        notes=None,
        path="test.yaml",
        pos=POS,
    )


CONDITIONS = (
    "has(a)", "not has(a)", "has(b) or safety > 0", "spotted(rush)", "not missed(pay-too-good)",
    "visited(s1)", "met(free-travel)", "hits >= 1", "false_alarms == 0", "choices_made < 4",
)


@st.composite
def scenarios(draw) -> model.Scenario:
    """Random small stories: any scene may go to any scene (cycles allowed), choices may be hidden."""
    n = draw(st.integers(2, 7))
    ids = [f"s{i}" for i in range(n)]
    endings = draw(st.lists(st.sampled_from(["safe", "recovered", "trapped-with-help"]), min_size=1, max_size=3))
    end_ids = [f"end{i}" for i in range(len(endings))]
    targets = st.sampled_from(ids + end_ids)
    flags = st.lists(st.sampled_from(RED_FLAGS), max_size=2, unique=True)
    specs: dict = {}
    for sid in ids:
        spec: dict = {"red_flags": draw(flags)}
        if draw(st.integers(0, 4)) == 0:
            spec["next"] = draw(targets)
        else:
            spec["choices"] = [
                {
                    "goto": draw(targets),
                    "safety": draw(st.integers(-2, 2)),
                    "spots": draw(flags),
                    "misses": draw(flags),
                    "false_alarm": draw(st.booleans()),
                    "trusts_safe": draw(st.booleans()),
                    "set": draw(st.lists(st.sampled_from(["a", "b"]), max_size=1)),
                    "unset": draw(st.lists(st.sampled_from(["a", "b"]), max_size=1)),
                    **({"if": draw(st.sampled_from(CONDITIONS))} if draw(st.booleans()) else {}),
                }
                for _ in range(draw(st.integers(1, 3)))
            ]
        specs[sid] = spec
    for eid, kind in zip(end_ids, endings):
        specs[eid] = {"ending": kind, "red_flags": draw(flags)}
    badges = [{"id": "careful", "when": "ending(safe) and false_alarms == 0"}, {"id": "spotter", "when": "hits >= 2"}]
    return build(specs, teaches=draw(flags), badges=badges)
