"""Build a :class:`model.Scenario` from checked nodes, and check what the field table cannot.

By the time :class:`ScenarioBuilder` runs, :class:`schema_check.Checker` has removed every
value of the wrong type, so this module deals only with meaning: references
(scenes, characters, red flags, flags, scores), duplicate ids, exactly one player,
the shape of endings, conditions, and the translation context and translator
comment of every text. Each problem becomes a diagnostic and building carries on,
so an author sees every mistake of a file at once. The scenes themselves (their shape, lines,
choices and debriefs) are built by :mod:`safepath.story.loader_scenes`, the drills by
:mod:`safepath.story.loader_drills`; both are parts of the one builder.
"""

from __future__ import annotations

from pathlib import Path
from typing import Mapping

from safepath.story import conditions
from safepath import paths
from safepath.story.diagnostics import Diagnostic, error, warning
from safepath.i18n.amounts import scan as scan_amounts
from safepath.story.model import (
    SAFETY,
    SCHEMA_VERSION,
    Badge,
    Character,
    EndingKind,
    Offer,
    Pos,
    RedFlag,
    SafeSign,
    Role,
    Scenario,
    Source,
    Text,
)
from safepath.story.schema_check import is_invalid
from safepath.story.loader_drills import DrillChecks
from safepath.story.loader_scenes import SceneBuilding
from safepath.story.loader_nodes import PLACEHOLDER, checked_items, child, did_you_mean
from safepath.story.source_map import SourceMap
from safepath.story.yamlsource import Node

_ENDINGS = tuple(e.value for e in EndingKind)


def _pictures(folder: str) -> frozenset[str]:
    """Picture keys drawn in ``assets/<folder>/`` (backgrounds are not chat images)."""
    folder_path = paths.assets_dir() / folder
    try:
        names = {p.stem for p in folder_path.glob("*.svg")}
    except OSError:
        names = set()
    return frozenset(n for n in names if not n.startswith("bg-"))


def amount_diagnostics(file: str, node: Node, source_lines: list[str] | None) -> list[Diagnostic]:
    """SP077 for each ``{...}`` in a text that is not a money or number placeholder.

    The column is found by looking for the token in the file's own lines (from the
    text's start), so it is right for quoted, folded and multi-line texts too.
    """
    if not isinstance(node.value, str) or ("{" not in node.value and "}" not in node.value):
        return []
    _amounts, problems = scan_amounts(node.value)
    out = []
    line, col = node.line, node.column - 1  # search cursor: 1-based line, 0-based column
    for problem in problems:
        found = None
        if source_lines and node.line >= 1:
            for ln in range(line, min(line + 500, len(source_lines)) + 1):
                i = source_lines[ln - 1].find(problem.text, col if ln == line else 0)
                if i >= 0:
                    found = (ln, i + 1)
                    line, col = ln, i + len(problem.text)
                    break
        if found is None:  # the text is not in the file as written (escapes): count from its start
            found = (node.line, node.column + (1 if node.quoted else 0) + problem.start)
        out.append(error("SP077", file, found[0], found[1], problem.message, problem.hint))
    return out


class ScenarioBuilder(SceneBuilding, DrillChecks):
    def __init__(self, file: str, root: Node, catalogue: Mapping[str, RedFlag] | None, diags: list[Diagnostic],
                 text: str | None = None, safe_signs: Mapping[str, SafeSign] | None = None,
                 safe_signs_name: str = "content/safe_signs.yaml"):
        self.file = file
        self.source = SourceMap(text)
        self.source_lines = text.splitlines() if text else None
        self.root = root
        self.catalogue = catalogue
        self.diags = diags
        self.id = PLACEHOLDER
        self.characters: dict[str, Character] = {}
        scenes = root.value.get("scenes")
        self.scenes_node = scenes if scenes is not None and not is_invalid(scenes) else None
        self.scene_ids = tuple(self.scenes_node.value) if self.scenes_node else ()
        self.scene_set = set(self.scene_ids)
        self.scores: dict[str, int] = {SAFETY: 0}
        self.flags_set: set[str] = set()
        self.used_red_flags: dict[str, None] = {}  # ordered set
        self.safe_signs = safe_signs  # None: the catalogue could not be loaded
        self.safe_signs_name = safe_signs_name
        self.used_safe_signs: dict[str, None] = {}  # ordered set
        self.offers: dict[str, Offer] = {}
        self.offer_refs: list[Node] = []  # accepts: / refuses: values, checked once every scene's offer is known
        self.offer_refs_in_conditions: list[tuple] = []  # accepted(x) / refused(x): (node, name, offset, where)
        self.missing_signs_reported = False
        self.keys_seen: dict[str, dict[str, int]] = {}
        self.speaker_labels: dict[str, str] = {}  # character id -> "Name (role)", for translators' comments
        self.parsed_conditions: dict[str, conditions.Expr | conditions.ConditionError] = {}
        #: condition texts checked with nothing to report (see condition): text -> its parsed expression
        self.conditions_known: dict[str, conditions.Expr] = {}

    # --- small helpers -----------------------------------------------------------------------------

    def picture_ref(self, node: Node, folder: str, what: str, fallback: str) -> None:
        """SP014: a picture key with no drawing is most often a typo; the game would quietly show a stand-in."""
        known = _pictures(folder)
        if node.value in known:
            return
        self.diags.append(warning("SP014", self.file, node.line, node.column,
                                  f"{what} is {node.value!r}, but there is no picture assets/{folder}/{node.value}.svg, "
                                  f"so {fallback}",
                                  did_you_mean(node.value, known) or f"the pictures are: {', '.join(sorted(known))}"))

    def pos(self, node: Node) -> Pos:
        return Pos(self.file, node.line, node.column)

    def key_pos(self, mapping: Node, key: str) -> Pos:
        """``pos(mapping.key_node(key))``, without making a node for a key written as plain text."""
        found = mapping.keys.get(key) if mapping.keys else None
        if found is None or type(found) is Node:
            return self.pos(found or mapping)
        return Pos(self.file, found.line + 1, found.column + 1)  # the parser's mark of a plain key

    def report(self, code: str, node: Node, message: str, hint: str = "", offset: int | None = None) -> None:
        """``offset``: where in the node's text the problem is (a condition's bad word), for the caret."""
        line, column = (node.line, node.column) if offset is None else self.source.locate(node, offset)
        self.diags.append(error(code, self.file, line, column, message, hint))

    def text(self, node: Node | None, context: str, comment: str) -> Text | None:
        if node is None:
            return None
        value = node.value
        if type(value) is not str or "{" in value or "}" in value:  # most texts have no placeholder to check
            self.diags.extend(amount_diagnostics(self.file, node, self.source_lines))
        return Text(value, context, Pos(self.file, node.line, node.column), comment)

    def required_text(self, parent: Node, key: str, context: str, comment: str) -> Text:
        node = child(parent, key)
        if node is None:  # already reported by the field table
            return Text(PLACEHOLDER, context, self.pos(parent), comment)
        return self.text(node, context, comment)

    def _player_name(self) -> str:
        """The player character's name, for translator comments ("the player" before characters are read)."""
        for c in self.characters.values():
            if c is not None and c.role is Role.PLAYER:
                return c.name.text
        return "the player"

    def ctx(self, *parts) -> str:
        return "/".join([self.id, *map(str, parts)])

    # --- the scenario --------------------------------------------------------------------------------

    def build(self) -> Scenario:
        root = self.root
        id_node = child(root, "id")
        if id_node is not None:
            self.id = id_node.value
            stem = Path(self.file).stem
            if stem != self.id:
                self.report("SP029", id_node, f"the scenario id is {self.id!r} but the file is named {Path(self.file).name!r}",
                            f"rename the file to {self.id}.yaml or change the id to {stem!r}")
        scores_node = child(root, "scores")
        if scores_node is not None:
            for name, node in scores_node.value.items():
                if name in conditions.COUNTERS:
                    self.report("SP024", scores_node.key_node(name),
                                f"{name!r} is a counter every scenario has; a score cannot use that name",
                                "choose another score name")
                elif not is_invalid(node):
                    self.scores[name] = node.value
        self.collect_flags()
        characters = self.build_characters()
        teaches = self.red_flag_list(child(root, "teaches"), "teaches")
        scenes = {sid: scene for sid, scene in self.build_scenes()}
        start = self.build_start()
        badges = self.build_badges()
        self.check_offer_refs()
        red_flags = {}
        if self.catalogue is not None:
            for rid in [*teaches, *self.used_red_flags]:
                if rid in self.catalogue:
                    red_flags[rid] = self.catalogue[rid]
        version = child(root, "schema_version")
        minutes = child(root, "minutes")
        audience = child(root, "audience")
        notes = child(root, "notes")
        return Scenario(
            schema_version=version.value if version else SCHEMA_VERSION,
            id=self.id,
            title=self.required_text(root, "title", self.ctx("title"), "Scenario title, shown on its card"),
            summary=self.required_text(root, "summary", self.ctx("summary"), "Scenario summary on its card"),
            audience=audience.value if audience else "13-25",
            minutes=minutes.value if minutes else 0,
            content_note=self.required_text(root, "content_note", self.ctx("content_note"),
                                            "Content note shown before the scenario starts"),
            sources=self.build_sources(),
            characters=characters,
            teaches=teaches,
            red_flags=red_flags,
            scores=dict(self.scores),
            scenes=scenes,
            start=start,
            badges=badges,
            notes=self.text(notes, self.ctx("notes"), "Facilitator notes for the whole scenario"),
            path=self.file,
            pos=self.pos(id_node or root),
            safe_signs={sid: self.safe_signs[sid] for sid in self.used_safe_signs
                        if self.safe_signs is not None and sid in self.safe_signs},
            offers=dict(self.offers),
        )

    def build_sources(self) -> tuple[Source, ...]:
        out = []
        for _, node in checked_items(child(self.root, "sources")):
            title, url = child(node, "title"), child(node, "url")
            if title and url:
                out.append(Source(title.value, url.value, self.pos(node)))
        return tuple(out)

    def build_characters(self) -> dict[str, Character]:
        node = child(self.root, "characters")
        if node is None:
            return {}
        players = []
        roles_known = True
        for cid, ch in node.value.items():
            if is_invalid(ch):
                self.characters[cid] = None  # declared, though broken: do not also report its uses
                continue
            role_node = child(ch, "role")
            roles_known = roles_known and role_node is not None
            role = Role(role_node.value) if role_node else Role.OTHER
            if role is Role.PLAYER:
                players.append(cid)
            avatar = child(ch, "avatar")
            if avatar is not None:
                self.picture_ref(avatar, "avatars", f"the avatar of {cid!r}",
                                 f"the game draws the picture for the role '{role.value}' instead")
            self.characters[cid] = Character(
                cid, self.required_text(ch, "name", self.ctx("character", cid), f"Name of the {role.value} character '{cid}'"),
                role, avatar.value if avatar else cid, self.pos(ch))
        if len(players) != 1 and roles_known and all(c is not None for c in self.characters.values()):
            found = ", ".join(players) if players else "none"
            self.report("SP034", node, f"exactly one character must have the role 'player', but found {len(players)} ({found})",
                        "the player is who 'you' are in the story; give that one character 'role: player'")
        return {cid: c for cid, c in self.characters.items() if c is not None}

    def build_start(self) -> str:
        node = child(self.root, "start")
        if node is None:
            return self.scene_ids[0] if self.scene_ids else PLACEHOLDER
        self.scene_ref(node, "start")
        return node.value

    # --- references ----------------------------------------------------------------------------------

    def scene_ref(self, node: Node, what: str) -> None:
        if self.scenes_node is not None and node.value not in self.scene_set:
            self.report("SP030", node, f"{what} names the scene {node.value!r}, which does not exist",
                        did_you_mean(node.value, self.scene_ids) or "add that scene under 'scenes:' or fix the name")

    def red_flag_ref(self, node: Node, what: str) -> bool:
        self.used_red_flags[node.value] = None
        if self.catalogue is None or node.value in self.catalogue:
            return True
        self.report("SP032", node, f"{what} names the red flag {node.value!r}, which is not in the red-flag catalogue",
                    did_you_mean(node.value, self.catalogue) or "add it to content/red_flags.yaml or fix the name")
        return False

    def red_flag_list(self, node: Node | None, what: str) -> tuple[str, ...]:
        if node is None:  # most scenes and choices leave most lists out
            return ()
        out: list[str] = []
        for _, item in checked_items(node):
            if item.value in out:
                self.diags.append(warning("SP047", self.file, item.line, item.column,
                                          f"the red flag {item.value!r} is listed twice in '{what}'", "remove one"))
                continue
            self.red_flag_ref(item, f"'{what}'")
            out.append(item.value)
        return tuple(out)

    def safe_sign_list(self, node: Node | None, what: str) -> tuple[str, ...]:
        """Safe-sign ids, each checked against the catalogue (SP015, with a did-you-mean)."""
        if node is None:
            return ()
        out: list[str] = []
        for _, item in checked_items(node):
            if item.value in out:
                self.diags.append(warning("SP047", self.file, item.line, item.column,
                                          f"the safe sign {item.value!r} is listed twice in '{what}'", "remove one"))
                continue
            self.safe_sign_ref(item, f"'{what}'")
            out.append(item.value)
        return tuple(out)

    def safe_sign_ref(self, node: Node, what: str, offset: int | None = None) -> bool:
        name = node.value if offset is None else None
        return self._safe_sign_known(node, name, what, offset)

    def _safe_sign_known(self, node: Node, name: str | None, what: str, offset: int | None) -> bool:
        name = node.value if name is None else name
        self.used_safe_signs[name] = None
        if self.safe_signs is None:
            if not self.missing_signs_reported:
                self.missing_signs_reported = True
                self.report("SP018", node, f"{what} names the safe sign {name!r}, but the safe-sign catalogue "
                            f"{self.safe_signs_name} could not be loaded",
                            f"run 'safepath lint {self.safe_signs_name}' to see why", offset=offset)
            return False
        if name in self.safe_signs:
            return True
        hint = did_you_mean(name, self.safe_signs)
        if not hint and self.catalogue is not None and name in self.catalogue:
            hint = f"{name!r} is a red flag: name it in red_flags:, spots: or misses: instead"
        self.report("SP015", node, f"{what} names the safe sign {name!r}, which is not in the safe-sign catalogue",
                    hint or "add it to content/safe_signs.yaml or fix the name", offset=offset)
        return False

    def offer_ref(self, node: Node | None) -> str | None:
        if node is None:
            return None
        self.offer_refs.append(node)
        return node.value

    def build_offer(self, sid: str, node: Node | None) -> Offer | None:
        if node is None:
            return None
        id_node, legit_node = child(node, "id"), child(node, "legit")
        if id_node is None or legit_node is None:
            return None
        offer = Offer(id_node.value, bool(legit_node.value), self.pos(node))
        earlier = self.offers.get(offer.id)
        if earlier is not None and earlier.legit != offer.legit:
            self.report("SP017", legit_node, f"scene {sid!r} says the offer {offer.id!r} is "
                        f"{'real' if offer.legit else 'fake'}, but line {earlier.pos.line} says it is "
                        f"{'real' if earlier.legit else 'fake'}",
                        "an offer is real or fake wherever it is shown: give one of them another id, or the same legit:")
        self.offers.setdefault(offer.id, offer)
        return offer

    def check_offer_refs(self) -> None:
        """SP016: ``accepts:`` / ``refuses:`` and ``accepted()`` / ``refused()`` must name an offer some scene makes."""
        for node, name, offset, where in self.offer_refs_in_conditions:
            if name not in self.offers:
                self.report("SP016", node, f"the condition of {where} names the offer {name!r}, but no scene makes "
                            "an offer with that id", did_you_mean(name, self.offers), offset=offset)
        for node in self.offer_refs:
            if node.value not in self.offers:
                self.report("SP016", node, f"the choice names the offer {node.value!r}, but no scene makes an "
                            "offer with that id", did_you_mean(node.value, self.offers)
                            or "add 'offer: {id: " + node.value + ", legit: true}' (or false) to the scene that shows it")

    def collect_flags(self) -> None:
        """Flags set by any choice, so ``has(flag)`` can be checked wherever it appears."""
        if self.scenes_node is None:
            return
        for scene in self.scenes_node.value.values():
            if is_invalid(scene):
                continue
            for _, choice in checked_items(child(scene, "choices")):
                for _, flag in checked_items(child(choice, "set")):
                    self.flags_set.add(flag.value)

    def parse_condition(self, source: str) -> conditions.Expr:
        """:func:`conditions.parse`, once per distinct text of this file: a story repeats its conditions
        (``has(asked_company)`` on many choices), and the parsed expression is immutable and holds offsets
        into the text only, so every choice with that text can share it. Raises ConditionError as parse does."""
        found = self.parsed_conditions.get(source)
        if found is None:
            try:
                found = conditions.parse(source)
            except conditions.ConditionError as exc:
                found = exc
            self.parsed_conditions[source] = found
        if isinstance(found, conditions.ConditionError):
            raise conditions.ConditionError(found.message, found.offset, found.hint)
        return found

    def condition(self, node: Node, where: str) -> conditions.Expr | None:
        source = node.value
        try:
            expr = self.parse_condition(source) if isinstance(source, str) else conditions.parse(source)
        except conditions.ConditionError as exc:
            self.report("SP040", node, f"the condition of {where} cannot be read: {exc.message}", exc.hint,
                        offset=exc.offset)
            return None
        if self.conditions_known.get(source) is expr:
            return expr  # the same text was checked before and named only known things (see below)
        ok, offers = True, False
        for what, name, offset in conditions.references(expr):
            if what == "score":
                known = [*self.scores, *conditions.COUNTERS]
                if name not in known:
                    ok = False
                    self.report("SP041", node, f"the condition of {where} uses {name!r}, which is not a score or counter",
                                did_you_mean(name, known) or f"declare it under 'scores:' or use one of: {', '.join(known)}",
                                offset=offset)
            elif what == "flag":
                if name not in self.flags_set:
                    ok = False
                    self.report("SP042", node, f"the condition of {where} tests has({name}), but no choice sets {name!r}",
                                did_you_mean(name, self.flags_set) or f"add 'set: [{name}]' to the choice that should switch it on",
                                offset=offset)
            elif what == "sign":  # met(x): a red flag or a safe sign
                if self.safe_signs is not None and name in self.safe_signs and (
                        self.catalogue is None or name not in self.catalogue):
                    self.used_safe_signs[name] = None
                elif self.catalogue is not None and name not in self.catalogue:
                    ok = False
                    known = [*self.catalogue, *(self.safe_signs or ())]
                    self.report("SP032", node, f"the condition of {where} names {name!r}, which is neither a red "
                                "flag nor a safe sign", did_you_mean(name, known), offset=offset)
                else:
                    self.used_red_flags[name] = None
            elif what == "safe_sign":
                ok = self._safe_sign_known(node, name, f"the condition of {where}", offset) and ok
            elif what == "offer":
                offers = True
                self.offer_refs_in_conditions.append((node, name, offset, where))
            elif what == "red_flag":
                if self.catalogue is not None and name not in self.catalogue:
                    ok = False
                    self.report("SP032", node, f"the condition of {where} names the red flag {name!r}, "
                                "which is not in the red-flag catalogue", did_you_mean(name, self.catalogue), offset=offset)
                else:
                    self.used_red_flags[name] = None
            elif what == "scene":
                if name not in self.scene_set:
                    ok = False
                    self.report("SP030", node, f"the condition of {where} names the scene {name!r}, which does not exist",
                                did_you_mean(name, self.scene_ids), offset=offset)
            elif what == "ending":
                if name not in _ENDINGS:
                    ok = False
                    self.report("SP041", node, f"the condition of {where} uses ending({name}), but the ending kinds are "
                                f"{', '.join(_ENDINGS)}", did_you_mean(name, _ENDINGS), offset=offset)
        if ok and not offers and isinstance(source, str):
            # nothing to report, and what it marked used stays marked: a choice with the same text needs no
            # second look (offers are checked later, at each place they are named)
            self.conditions_known[source] = expr
        return expr if ok else None

    # --- badges ----------------------------------------------------------------------------------------

    def build_badges(self) -> tuple[Badge, ...]:
        out = []
        seen: dict[str, int] = {}
        for _, node in checked_items(child(self.root, "badges")):
            id_node = child(node, "id")
            if id_node is None:
                continue
            bid = id_node.value
            if bid in seen:
                self.report("SP033", id_node, f"the badge id {bid!r} is already used at line {seen[bid]}",
                            "give each badge its own id")
                continue
            seen[bid] = id_node.line
            when = child(node, "when")
            condition = self.condition(when, f"badge {bid!r}") if when is not None else None
            out.append(Badge(
                bid,
                self.required_text(node, "title", self.ctx("badge", bid, "title"), f"Title of the badge '{bid}'"),
                self.required_text(node, "description", self.ctx("badge", bid, "description"),
                                   f"Description of the badge '{bid}': what the player did to earn it"),
                condition if condition is not None else conditions.Bool(False),
                when.value if when is not None else "",
                self.pos(node),
                allows_false_alarm=bool((child(node, "allows_false_alarm") or Node(False, 0, 0)).value),
            ))
        return tuple(out)
