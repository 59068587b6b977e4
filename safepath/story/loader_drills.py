"""The drill scenes of a story: their blocks (phone, register, code word, travel plan) and their outcomes.

A part of :class:`safepath.story.loader_refs.ScenarioBuilder`, kept apart because drills have rules of
their own (SP100–SP104): the helpline a phone drill dials must be one the game lists, a register drill's
names are looked up in the licence register, and a drill's choices are its outcomes. The builder provides
``file``, ``diags``, ``characters``, ``report``, ``text``, ``ctx`` and ``pos``.
"""

from __future__ import annotations

from safepath.story.diagnostics import warning
from safepath.story.loader_nodes import PLACEHOLDER, checked_items, child, did_you_mean, line_col
from safepath.story.model import (
    DRILL_KINDS,
    DRILL_OUTCOMES,
    PLAN_FIELDS,
    CodewordDrill,
    PhoneDrill,
    RegisterDrill,
    SceneKind,
    TravelPlanDrill,
)
from safepath.story.yamlsource import Node


#: each drill kind with the key of its block (``phone:``, ...), looked up for every scene of a story
_DRILL_KEYS = tuple((kind, kind.value) for kind in DRILL_KINDS)


class DrillChecks:
    def build_drill(self, sid: str, node: Node, kind: SceneKind):
        """The drill block of a drill scene (SP103 when it is missing or on a scene of another kind)."""
        written = node.keys or {}
        for other, key in _DRILL_KEYS:
            if other is not kind and key in written:
                self.report("SP103", node.key_node(key),
                            f"scene {sid!r} has '{key}:' but its kind is '{kind.value}'",
                            f"write 'kind: {key}' to make it a drill, or remove '{key}:'")
        if kind not in DRILL_KINDS:
            return None
        from safepath.story import drill_data

        block = child(node, kind.value)
        if block is None:
            if kind.value not in written:
                self.report("SP103", node, f"the {kind.value} drill {sid!r} has no '{kind.value}:'",
                            drill_data.EXAMPLES[kind.value])
            return None
        pos = self.pos(block)
        ctx = lambda *parts: self.ctx(sid, kind.value, *parts)  # noqa: E731
        if kind is SceneKind.PHONE:
            helpline_node = child(block, "helpline")
            answer = tuple(self.text(item, ctx("answer", i), f"What the person on the helpline says in the phone drill "
                                     f"'{sid}' (line {i + 1})") for i, item in checked_items(child(block, "answer")))
            if helpline_node is None:
                return None
            helpline, problem = drill_data.dialable(helpline_node.value)
            if helpline is None:
                self.report("SP100", helpline_node, problem, drill_data.helpline_hint(helpline_node.value))
                return None
            return PhoneDrill(helpline.id, drill_data.digits(helpline.number), drill_data.digits(helpline.menu),
                              helpline.name, helpline.purpose, answer, pos)
        if kind is SceneKind.REGISTER:
            names = tuple(" ".join(item.value.split()) for _, item in checked_items(child(block, "names")))
            agencies, problem = drill_data.register()
            if problem:
                self.report("SP101", block, problem, "run 'safepath lint content/register.yaml' to see why")
                return None
            seen: set[str] = set()
            for _, item in checked_items(child(block, "names")):
                key = " ".join(item.value.split()).casefold()
                if key in seen:
                    self.diags.append(warning("SP047", self.file, item.line, item.column,
                                              f"the agency name {item.value!r} is listed twice", "remove one"))
                seen.add(key)
            return RegisterDrill(tuple(dict.fromkeys(names)), agencies, pos)
        partner_node = child(block, "with")
        partner = partner_node.value if partner_node is not None else PLACEHOLDER
        if partner_node is not None and self.characters.get(partner, False) is False:
            self.report("SP031", partner_node, f"the {kind.value} drill {sid!r} is made with {partner!r}, who is not a character",
                        did_you_mean(partner, self.characters) or f"the characters are {', '.join(self.characters)}")
        if kind is SceneKind.CODEWORD:
            words = tuple(self.text(item, ctx("word", i), f"A code word the player can agree with the family in "
                                    f"the drill '{sid}' (one or two words, easy to say)")
                          for i, item in checked_items(child(block, "words")))
            plain = [w.text.casefold() for w in words]
            if len(set(plain)) != len(plain):
                self.diags.append(warning("SP047", self.file, block.line, block.column,
                                          f"the code-word drill {sid!r} offers the same word twice", "remove one"))
            return CodewordDrill(partner, words, pos)
        questions = {"who": "who the player travels with or who meets them", "where": "where the player will work",
                     "address": "the employer's address", "call": "when the player will call home"}
        options = tuple((key, tuple(self.text(item, ctx(key, i), f"An answer in the travel-plan drill '{sid}' to the "
                                              f"question of {questions[key]}")
                                    for i, item in checked_items(child(block, key))))
                        for key in PLAN_FIELDS)
        return TravelPlanDrill(partner, options, pos)

    def check_outcomes(self, sid, node, kind, drill, choices_node, choices) -> None:
        """SP102: a drill's choices are its outcomes, each known to the kind, the needed ones all there (SP104:
        a register outcome none of the names can give)."""
        if kind not in DRILL_KINDS:
            if all(choice.outcome is None for choice in choices):
                return
            items = dict(checked_items(choices_node)) if choices_node is not None else {}
            for i, choice in enumerate(choices):
                if choice.outcome is not None:
                    c_node = items.get(choice.index)
                    self.report("SP102", child(c_node, "outcome") if c_node is not None else node,
                                f"choice {choice.index + 1} of scene {sid!r} has an outcome, but the scene is not a drill",
                                "remove 'outcome:', or make the scene a drill (kind: phone, register, codeword or travelplan)")
            return
        from safepath.story import register as reg

        items = dict(checked_items(choices_node)) if choices_node is not None else {}
        allowed = DRILL_OUTCOMES[kind]
        given: dict[str, int] = {}
        for choice in choices:
            c_node = items.get(choice.index)
            if choice.outcome is None:
                self.report("SP102", c_node if c_node is not None else node,
                            f"choice {choice.index + 1} of the {kind.value} drill {sid!r} has no 'outcome:'",
                            f"a drill's choices are its outcomes: add 'outcome:' ({', '.join(allowed)})")
                continue
            if choice.outcome not in allowed:
                self.report("SP102", child(c_node, "outcome") if c_node is not None else node,
                            f"a {kind.value} drill cannot end in {choice.outcome!r}",
                            f"the outcomes of a {kind.value} drill are: {', '.join(allowed)}")
                continue
            given.setdefault(choice.outcome, choice.index)
        if drill is None or choices_node is None:
            return
        needed = {SceneKind.PHONE: ("called",), SceneKind.CODEWORD: ("agreed",),
                  SceneKind.TRAVELPLAN: ("complete", "incomplete")}.get(kind)
        if kind is SceneKind.REGISTER:
            results = {name: reg.lookup(drill.agencies, name) for name in drill.names}
            needed = tuple(dict.fromkeys(results.values()))
            for outcome, index in given.items():
                if outcome not in needed:
                    c_node = items.get(index)
                    names = ", ".join(repr(n) for n in drill.names)
                    self.diags.append(warning(
                        "SP104", self.file, *(line_col(child(c_node, "outcome") or c_node) if c_node is not None
                                              else (node.line, node.column)),
                        f"no name the register drill {sid!r} offers ({names}) gives {outcome!r}, so this choice is never taken",
                        "the register says: " + "; ".join(f"{n}: {r}" for n, r in results.items())))
        for outcome in needed:
            if outcome not in given:
                why = ""
                if kind is SceneKind.REGISTER:
                    which = [n for n in drill.names if reg.lookup(drill.agencies, n) == outcome]
                    why = f" (the register says {outcome} for {', '.join(repr(n) for n in which)})"
                self.report("SP102", choices_node, f"the {kind.value} drill {sid!r} has no choice for the outcome "
                            f"{outcome!r}{why}", f"add a choice with 'outcome: {outcome}' and where it leads ('goto:')")

