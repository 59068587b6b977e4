"""The scenes of a story: each scene's shape, lines, choices and debrief, and the keys only class mode reads.

A part of :class:`safepath.story.loader_refs.ScenarioBuilder`, kept apart because it is most of the building
and most of the loader's time: every scene, line and choice of a file passes through here. The builder
provides ``file``, ``diags``, ``id``, ``characters``, ``scenes_node``, ``report``, ``text``, ``required_text``,
``ctx``, ``pos``, the reference checks (``scene_ref``, ``red_flag_list``, ``safe_sign_list``, ``offer_ref``,
``build_offer``, ``condition``) and the drills (:class:`safepath.story.loader_drills.DrillChecks`).
"""

from __future__ import annotations

from safepath.story.diagnostics import warning
from safepath.story.loader_nodes import PLACEHOLDER, checked_items, child, children, did_you_mean
from safepath.story.model import SAFETY, Choice, DebriefPart, Effects, EndingKind, Line, Scene, SceneKind
from safepath.story.schema import LINE_EXTRA_KEYS
from safepath.story.schema_check import is_invalid
from safepath.story.yamlsource import Node


class SceneBuilding:
    def build_scenes(self):
        if self.scenes_node is None:
            return
        for sid, node in self.scenes_node.value.items():
            if is_invalid(node):
                continue
            yield sid, self.build_scene(sid, node)

    def build_scene(self, sid: str, node: Node) -> Scene:
        kids = children(node)
        kind_node = kids.get("kind")
        kind = SceneKind(kind_node.value) if kind_node else SceneKind.NARRATION
        app_node = kids.get("app")
        app = app_node.value if app_node else None
        choices_node = kids.get("choices")
        next_node = kids.get("next")
        ending_node = kids.get("ending")
        debrief_node = kids.get("debrief")
        has_choices = "choices" in (node.keys or {})
        if next_node is not None:
            self.scene_ref(next_node, f"'next' of scene {sid!r}")
        self.check_shape(sid, node, kind, has_choices, next_node, ending_node, debrief_node)
        ending = EndingKind(ending_node.value) if ending_node else None
        red_flags = self.red_flag_list(kids.get("red_flags"), "red_flags")
        safe_signs = self.safe_sign_list(kids.get("safe_signs"), "safe_signs")
        offer = self.build_offer(sid, kids.get("offer"))
        self.keys_seen = {"line": {}, "choice": {}}  # id: -> line number, per list of this scene
        where = f"scene '{sid}'" + (f", chat on {app}" if kind is SceneKind.CHAT and app else "")  # for comments
        lines = tuple(self.build_line(sid, i, item, where) for i, item in checked_items(kids.get("lines")))
        drill = self.build_drill(sid, node, kind)
        choices = tuple(self.build_choice(sid, i, item) for i, item in checked_items(choices_node))
        self.check_outcomes(sid, node, kind, drill, choices_node, choices)
        title = kids.get("title")
        notes = kids.get("notes")
        private = kids.get("private_chat")
        cost = kids.get("refusal_cost")
        self.check_class_keys(sid, node, kind, has_choices, choices_node, len(choices))
        journey, discuss = kids.get("journey"), kids.get("discuss")
        return Scene(
            id=sid,
            kind=kind,
            lines=tuple(line for line in lines if line is not None),
            choices=choices,
            next=next_node.value if next_node else None,
            red_flags=red_flags,
            title=None if title is None else self.text(title, self.ctx(sid, "title"),
                                                       f"Heading of scene '{sid}' (a place or a chat contact)"),
            app=app,
            ending=ending,
            debrief=self.build_debrief(sid, debrief_node, ending),
            notes=None if notes is None else self.text(notes, self.ctx(sid, "notes"),
                                                       f"Facilitator notes for trainers, scene '{sid}'"),
            pos=self.key_pos(self.scenes_node, sid),  # the `scene-id:` line, where authors look
            safe_signs=safe_signs,
            offer=offer,
            private_chat=bool(private is not None and private.value is True),
            refusal_cost=None if cost is None else self.text(
                cost, self.ctx(sid, "refusal_cost"),
                f"Ending '{sid}': what saying no to every real offer cost (shown only then)"),
            discuss=None if discuss is None else self.text(
                discuss, self.ctx(sid, "discuss"),
                f"Class mode: a question the class discusses before voting, scene '{sid}'"),
            journey=journey.value if journey is not None and isinstance(journey.value, str) else None,
            drill=drill,
        )

    def check_class_keys(self, sid, node, kind, has_choices, choices_node, choices: int) -> None:
        """Class mode's keys where the class would never see them: SP105 (discuss:), SP106 (vote:)."""
        discuss = child(node, "discuss")
        if discuss is not None and (not has_choices or kind is SceneKind.ENDING):
            key = node.key_node("discuss")
            self.diags.append(warning("SP105", self.file, key.line, key.column,
                                      f"scene {sid!r} has a 'discuss:' question but no choices, so a class never sees it",
                                      "move 'discuss:' to the scene where the class decides (one with choices)"))
        if choices == 1:  # the scene's choices that passed their check, as checked_items(choices_node) gives them
            items = checked_items(choices_node)
            vote = child(items[0][1], "vote")
            if vote is not None and vote.value is True:
                key = items[0][1].key_node("vote")
                self.diags.append(warning("SP106", self.file, key.line, key.column,
                                          f"the only choice of scene {sid!r} is marked 'vote: true', but a class "
                                          "cannot vote with one choice",
                                          "add the other choices the class can take here, or remove 'vote: true'"))

    def check_shape(self, sid, node, kind, has_choices, next_node, ending_node, debrief_node) -> None:
        has_next = next_node is not None or bool(node.keys and "next" in node.keys)
        if kind is SceneKind.ENDING:
            missing = [k for k in ("ending", "debrief") if k not in (node.keys or {})]
            if missing:
                self.report("SP035", node, f"the ending scene {sid!r} has no {' and no '.join(repr(m) for m in missing)}",
                            "an ending needs 'ending: safe' (or recovered, trapped-with-help) and a 'debrief:' "
                            "that explains what happened and that it is never the victim's fault")
            for key in ("choices", "next"):
                if key in (node.keys or {}):
                    self.report("SP036", node.key_node(key), f"the ending scene {sid!r} has '{key}', but the story ends here",
                                f"remove '{key}', or change 'kind:' if the story goes on")
            return
        for key in ("ending", "debrief", "refusal_cost"):
            if key in (node.keys or {}):
                self.report("SP039", node.key_node(key), f"scene {sid!r} has '{key}' but its kind is '{kind.value}'",
                            "add 'kind: ending' if the story ends here, or remove the key")
        if has_choices and has_next:
            self.report("SP037", node.key_node("next"), f"scene {sid!r} has both 'choices' and 'next'",
                        "keep 'choices' for a decision, or 'next' for a scene that simply continues")
        elif not has_choices and not has_next:
            self.report("SP038", node, f"scene {sid!r} has no 'choices' and no 'next', so the story gets stuck here",
                        "add 'next: <scene id>', some 'choices:', or 'kind: ending' with an ending and a debrief")

    def build_debrief(self, sid: str, node: Node | None, ending: EndingKind | None) -> tuple[DebriefPart, ...]:
        """One text (context ``<scene>/debrief``) or a list of parts (``<scene>/debrief/<n or id>``)."""
        if node is None:
            return ()
        comment = (f"Debrief of the ending '{sid}' ({ending.value if ending else 'ending'}): "
                   "what happened; never the victim's fault")
        if isinstance(node.value, str):
            return (DebriefPart(self.text(node, self.ctx(sid, "debrief"), comment), None, "", self.pos(node)),)
        parts = []
        self.keys_seen["debrief part"] = {}
        for index, item in checked_items(node):
            if isinstance(item.value, str):
                text_node, cond_node, key = item, None, None
            else:
                text_node, cond_node = child(item, "text"), child(item, "if")
                key = self.key(sid, "debrief part", item)
                if text_node is None:
                    continue
            where = f"part {index + 1} of the debrief of {sid!r}"
            condition = self.condition(cond_node, where) if cond_node is not None else None
            part_comment = comment + (f"; shown only when {cond_node.value}" if cond_node is not None else "")
            parts.append(DebriefPart(self.text(text_node, self.ctx(sid, "debrief", key or index), part_comment),
                                     condition, cond_node.value if cond_node is not None else "", self.pos(item), key))
        return tuple(parts)

    def key(self, sid: str, what: str, node: Node) -> str | None:
        """The author's ``id:`` of a line or choice, unique within its list in the scene (SP078)."""
        id_node = child(node, "id") if isinstance(node.value, dict) else None
        if id_node is None:
            return None
        seen = self.keys_seen.setdefault(what, {})
        if id_node.value in seen:
            self.report("SP078", id_node, f"two {what}s of scene {sid!r} have the id {id_node.value!r} "
                        f"(the first at line {seen[id_node.value]})",
                        f"give each {what} of the scene its own id; the id names its translation")
            return None
        seen[id_node.value] = id_node.line
        return id_node.value

    def build_line(self, sid: str, index: int, node: Node, where: str) -> Line | None:
        """``where``: the scene in words for the translators' comments ("scene 'x', chat on LINE")."""
        key = self.key(sid, "line", node)
        context = f"{self.id}/{sid}/line/{key or index}"  # self.ctx(sid, "line", ...), written out: once per line
        if isinstance(node.value, str):
            text = self.text(node, context, f"Narration in {where}")
            return Line(None, text, None, text.pos)  # the line is its text: one place for both
        value = node.value
        written = node.keys or {}  # the form is decided by the keys written, even ones dropped as invalid
        if "text" in written or "speaker" in written:
            speaker_node, text_node = child(node, "speaker"), child(node, "text")
            speaker = speaker_node.raw if speaker_node is not None else None
        else:  # the short form, `- nok: text`: the key is the speaker
            speaker = next((k for k in value if k not in LINE_EXTRA_KEYS), None)
            if speaker is None:
                return None
            speaker_node, text_node = None, value[speaker]
        image_node = child(node, "image")
        if text_node is None:
            return None
        comment = f"Narration in {where}"
        if speaker is not None:
            character = self.characters.get(speaker, False)
            if character is False:
                self.report("SP031", node.key_node(speaker) if speaker_node is None else speaker_node,
                            f"the line is spoken by {speaker!r}, who is not a character",
                            did_you_mean(speaker, self.characters)
                            or f"the characters are {', '.join(self.characters)}; declare new ones under 'characters:'")
                comment = f"{speaker} in {where}"
            elif character is None:
                comment = f"{speaker} in {where}"
            else:
                label = self.speaker_labels.get(speaker)
                if label is None:
                    label = self.speaker_labels[speaker] = f"{character.name.text} ({character.role.value})"
                comment = f"{label} in {where}"
        if image_node is not None:
            comment += f", shown with the image '{image_node.value}'"
            self.picture_ref(image_node, "images", "the image of this line", "the game shows a neutral photo instead")
        cond_node = child(node, "if")
        condition = None
        if cond_node is not None:
            comment += f"; shown only when {cond_node.value}"
            condition = self.condition(cond_node, f"line {index + 1} of scene {sid!r}")
        return Line(speaker, self.text(text_node, context, comment),
                    image_node.value if image_node else None, self.pos(node), key,
                    condition, cond_node.value if cond_node is not None else "")

    def build_choice(self, sid: str, index: int, node: Node) -> Choice:
        kids = children(node)
        goto = kids.get("goto")
        where = f"choice {index + 1} of scene {sid!r}"
        if goto is not None:
            self.scene_ref(goto, where)
        scores: dict[str, int] = {}
        safety = kids.get("safety")
        if safety is not None:
            scores[SAFETY] = safety.value
        score_node = kids.get("score")
        if score_node is not None:
            for name, delta in score_node.value.items():
                if is_invalid(delta):
                    continue
                if name not in self.scores:
                    self.report("SP044", score_node.key_node(name), f"{where} changes the score {name!r}, which is not declared",
                                did_you_mean(name, self.scores) or f"declare it under 'scores:' at the top, e.g. '{name}: 0'")
                elif name == SAFETY and safety is not None:
                    self.report("SP045", score_node.key_node(name), f"{where} gives the safety change twice",
                                "keep either 'safety: N' or 'score: {safety: N}'")
                    continue
                scores[name] = delta.value
        cond_node = kids.get("if")
        condition = self.condition(cond_node, where) if cond_node is not None else None
        false_alarm, trusts_safe = kids.get("false_alarm"), kids.get("trusts_safe")
        spots, misses, set_, unset = kids.get("spots"), kids.get("misses"), kids.get("set"), kids.get("unset")
        trusts, distrusts, accepts, refuses = (kids.get("trusts"), kids.get("distrusts"), kids.get("accepts"),
                                               kids.get("refuses"))  # each key absent from most choices
        effects = Effects(
            scores=scores,
            spots=() if spots is None else self.red_flag_list(spots, "spots"),
            misses=() if misses is None else self.red_flag_list(misses, "misses"),
            false_alarm=bool(false_alarm and false_alarm.value),
            trusts_safe=bool(trusts_safe and trusts_safe.value),
            set=() if set_ is None else tuple(item.value for _, item in checked_items(set_)),
            unset=() if unset is None else tuple(item.value for _, item in checked_items(unset)),
            trusts=() if trusts is None else self.safe_sign_list(trusts, "trusts"),
            distrusts=() if distrusts is None else self.safe_sign_list(distrusts, "distrusts"),
            accepts=None if accepts is None else self.offer_ref(accepts),
            refuses=None if refuses is None else self.offer_ref(refuses),
        )
        both = effects.trusts and effects.distrusts and set(effects.trusts) & set(effects.distrusts)
        if both:
            self.report("SP017", kids.get("distrusts"), f"{where} both trusts and distrusts {sorted(both)[0]!r}",
                        "a choice either trusts a safe sign or doubts it; remove it from one list")
        if effects.accepts is not None and effects.accepts == effects.refuses:
            self.report("SP017", kids.get("refuses"), f"{where} both accepts and refuses the offer {effects.accepts!r}",
                        "keep accepts: on the choice that says yes and refuses: on the one that says no")
        key = self.key(sid, "choice", node)
        slot = key or index
        text = self.required_text(node, "text", f"{self.id}/{sid}/choice/{slot}",  # self.ctx, written out
                                  f"Choice button in scene '{sid}'")
        feedback_node, say_node = kids.get("feedback"), kids.get("say")  # most choices have neither
        feedback = say = None
        if feedback_node is not None:
            feedback = self.text(feedback_node, self.ctx(sid, "choice", slot, "feedback"),
                                 f"Feedback after the choice '{_short(text.text)}' in scene '{sid}'")
        if say_node is not None:
            say = self.text(say_node, self.ctx(sid, "choice", slot, "say"), f"What {self._player_name()} writes in "
                            f"the chat after the choice '{_short(text.text)}' in scene '{sid}'")
        vote = kids.get("vote")
        outcome = kids.get("outcome")
        return Choice(index, text, goto.value if goto else PLACEHOLDER, condition,
                      cond_node.value if cond_node is not None else "", effects, feedback, self.pos(node), say, key,
                      vote=bool(vote and vote.value), outcome=outcome.value if outcome is not None else None)


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
