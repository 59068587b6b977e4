"""Load check forms (``content/checks/form-*.yaml``) into the frozen model, collecting every problem.

The same machinery as scenarios: :mod:`safepath.story.yamlsource` reads the file with line and column
marks and limits, :class:`safepath.story.schema_check.Checker` checks it against the field table in
:mod:`safepath.checks.schema` (SP020–SP027), and this module checks what a table cannot say (SP110–SP111,
and SP015 / SP032 for an unknown safe sign or red flag: a scam that names no red flag, a sign item with no
right option), then builds
:class:`~safepath.checks.model.Form`. It never raises on bad input; ``form`` is ``None`` when any error
was found. :func:`load_bank` loads a folder of forms and adds the balance checks of
:mod:`safepath.checks.balance`.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Mapping

from safepath import paths
from safepath.checks import model
from safepath.checks.model import ACTION, OFFER, REAL, SCAM, SIGN, ActionItem, Form, Message, OfferItem, Option, SignItem
from safepath.checks.schema import FORM, MAX_OPTIONS
from safepath.story.diagnostics import Diagnostic, error, sort_key, warning
from safepath.story.model import Pos, RedFlag, Text
from safepath.story.schema_check import Checker, is_invalid
from safepath.story.yamlsource import Document, Node, read_yaml

#: the folder name that marks a YAML file as a check form (``safepath lint``, the extractor)
FOLDER = "checks"
#: what each item type needs, and what it must not have (the table allows every key on every item)
_NEEDS = {OFFER: ("truth", "app", "from", "lines"), SIGN: ("app", "from", "lines", "options"),
          ACTION: ("situation", "options")}
_FOREIGN = {OFFER: ("situation", "options"), SIGN: ("truth", "signs", "situation"),
            ACTION: ("truth", "signs", "lines", "from", "app", "image")}
MAX_LINES = 3


def is_check_file(path: str | Path) -> bool:
    """A YAML file in a folder named ``checks`` is a check form, not a scenario."""
    p = Path(path)
    return p.parent.name == FOLDER and p.suffix in (".yaml", ".yml")


def default_folder() -> Path:
    return paths.content_dir() / FOLDER


@dataclass(frozen=True, slots=True)
class FormResult:
    form: Form | None
    diagnostics: list[Diagnostic]


@dataclass(slots=True)
class BankReport:
    forms: dict[str, Form] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.is_error]

    def bank(self) -> model.Bank:
        return model.Bank(dict(self.forms))


def load_form(path: str | Path, red_flags: Mapping[str, RedFlag] | None = None,
              safe_signs: Mapping[str, object] | None = None) -> FormResult:
    """Load one form. ``red_flags`` / ``safe_signs``: the catalogues (default: the bundled ones)."""
    if red_flags is None:
        from safepath.story.loader import load_catalogue

        red_flags = load_catalogue()[0]
    if safe_signs is None:
        from safepath.story.loader import load_safe_signs

        safe_signs = load_safe_signs()[0]
    return build_form(read_yaml(path), red_flags, safe_signs)


def build_form(doc: Document, red_flags: Mapping[str, RedFlag], safe_signs: Mapping[str, object]) -> FormResult:
    diags = list(doc.diagnostics)
    if doc.root is None:
        return FormResult(None, sorted(diags, key=sort_key))
    file = doc.file
    root = doc.root
    version = root.value.get("schema_version") if isinstance(root.value, dict) else None
    if version is not None and isinstance(version.value, int) and not isinstance(version.value, bool) \
            and version.value != 1:
        diags.append(error("SP028", file, version.line, version.column,
                           f"schema_version is {version.value}; this SafePath understands version 1 only",
                           "write 'schema_version: 1'"))
        return FormResult(None, sorted(diags, key=sort_key))
    Checker(file, diags).check(root, FORM, "the check form")
    form = None
    if isinstance(root.value, dict):
        form = _FormBuilder(file, root, red_flags, safe_signs, diags, doc.text).build()
    if any(d.is_error for d in diags):
        form = None
    return FormResult(form, sorted(diags, key=sort_key))


def _get(mapping: Node, key: str) -> Node | None:
    node = mapping.value.get(key) if isinstance(mapping.value, dict) else None
    return None if is_invalid(node) else node


def _hint(word: str, candidates) -> str:
    match = difflib.get_close_matches(str(word), list(candidates), n=1, cutoff=0.6)
    return f"did you mean {match[0]!r}?" if match else ""


class _FormBuilder:
    def __init__(self, file: str, root: Node, red_flags, safe_signs, diags: list[Diagnostic], text: str | None):
        self.file = file
        self.root = root
        self.red_flags = red_flags or {}
        self.safe_signs = safe_signs or {}
        self.diags = diags
        self.source_lines = text.splitlines() if text else None
        letter = _get(root, "form")
        self.letter = letter.value if letter is not None else "?"

    def pos(self, node: Node) -> Pos:
        return Pos(self.file, node.line, node.column)

    def report(self, code: str, node: Node, message: str, hint: str = "") -> None:
        self.diags.append(error(code, self.file, node.line, node.column, message, hint))

    def text(self, node: Node, context: str, comment: str) -> Text:
        from safepath.story.loader_refs import amount_diagnostics

        self.diags.extend(amount_diagnostics(self.file, node, self.source_lines))
        return Text(node.value, context, self.pos(node), comment)

    def build(self) -> Form | None:
        items_node = _get(self.root, "items")
        items = []
        seen: dict[str, int] = {}
        if items_node is not None:
            for node in items_node.value:
                if is_invalid(node):
                    continue
                id_node = _get(node, "id")
                if id_node is not None:
                    if id_node.value in seen:
                        self.report("SP033", id_node, f"the item id {id_node.value!r} is already used at line "
                                    f"{seen[id_node.value]}", "give each item its own id")
                        continue
                    seen[id_node.value] = id_node.line
                item = self.item(node)
                if item is not None:
                    items.append(item)
        return Form(self.letter, tuple(items), self.file, self.pos(self.root))

    # -- one item -----------------------------------------------------------------------------------
    def item(self, node: Node):
        id_node, type_node = _get(node, "id"), _get(node, "type")
        if id_node is None or type_node is None:
            return None  # the table check reported the missing key
        item_id, kind = id_node.value, type_node.value
        where = f"the {kind} item {item_id!r}"
        ok = True
        for key in _NEEDS[kind]:
            if key not in node.value and key not in (node.keys or {}):
                self.report("SP110", node, f"{where} has no '{key}'", _NEED_HINTS[key])
                ok = False
        for key in _FOREIGN[kind]:
            if key in node.value:
                self.report("SP110", node.key_node(key), f"{where} does not use '{key}'",
                            f"remove '{key}:'; {_USES[kind]}")
                ok = False
        lines = _get(node, "lines")
        if lines is not None and len(lines.value) > MAX_LINES:
            self.report("SP110", lines.value[MAX_LINES], f"{where} has {len(lines.value)} lines; a check card shows "
                        f"at most {MAX_LINES}", "keep the message short: the player reads one card at a time")
            ok = False
        flags = self.ids(node, "flags", self.red_flags, "SP032", "red flag", "content/red_flags.yaml")
        signs = self.ids(node, "signs", self.safe_signs, "SP015", "safe sign", "content/safe_signs.yaml")
        if not ok:
            return None
        context = f"check/{self.letter}/{item_id}"
        if kind == OFFER:
            return self.offer(node, item_id, context, flags, signs)
        if kind == SIGN:
            return self.sign_item(node, item_id, context)
        return self.action(node, item_id, context, flags)

    def ids(self, node: Node, key: str, known, code: str, what: str, file_name: str) -> tuple[str, ...]:
        found = _get(node, key)
        out: list[str] = []
        for entry in (found.value if found is not None else ()):
            if is_invalid(entry):
                continue
            if known and entry.value not in known:
                self.report(code, entry, f"{entry.value!r} is not a {what} of {file_name}",
                            _hint(entry.value, known) or f"the {what}s are: {', '.join(known)}")
                continue
            if entry.value in out:
                self.diags.append(warning("SP047", self.file, entry.line, entry.column,
                                          f"the {what} {entry.value!r} is listed twice", "list it once"))
                continue
            out.append(entry.value)
        return tuple(out)

    def message(self, node: Node, context: str, what: str) -> Message:
        sender = _get(node, "from")
        image = _get(node, "image")
        if image is not None:
            self.picture(image)
        lines = tuple(self.text(line, f"{context}/line/{n}", f"{what}: line {n} of the message")
                      for n, line in enumerate(_get(node, "lines").value, start=1) if not is_invalid(line))
        shown_as = _get(node, "shown_as")
        return Message(shown_as.value if shown_as is not None else "chat", _get(node, "app").value,
                       self.text(sender, f"{context}/from", f"{what}: who sent the message (a made-up name)"),
                       lines, image.value if image is not None else None)

    def picture(self, node: Node) -> None:
        from safepath.story.loader_refs import _pictures

        known = _pictures("images")
        if node.value not in known:
            self.diags.append(warning("SP014", self.file, node.line, node.column,
                                      f"the image is {node.value!r}, but there is no picture "
                                      f"assets/images/{node.value}.svg, so a stand-in is shown",
                                      _hint(node.value, known) or f"the pictures are: {', '.join(sorted(known))}"))

    def offer(self, node: Node, item_id: str, context: str, flags, signs) -> OfferItem | None:
        truth_node = _get(node, "truth")
        truth = truth_node.value
        where = f"the {truth} offer {item_id!r}"
        ok = True
        written = {key: bool(_get(node, key) is not None and _get(node, key).value) for key in ("flags", "signs")}
        if truth == SCAM and not flags and not written["flags"]:  # unknown ids were reported already
            self.report("SP111", truth_node, f"{where} names no red flag", "add 'flags: [...]' with the red flags "
                        "it shows: the feedback and the per-flag scores need them")
            ok = False
        if truth == SCAM and signs:
            self.report("SP111", node.key_node("signs"), f"{where} lists safe signs",
                        "a scam is scored by its red flags; move a trustworthy detail into a real offer")
            ok = False
        if truth == REAL and flags:
            self.report("SP111", node.key_node("flags"), f"{where} lists red flags",
                        "a real offer shows no red flag; if it does, it is a scam ('truth: scam')")
            ok = False
        if truth == REAL and not signs and not written["signs"]:
            self.report("SP111", truth_node, f"{where} names no safe sign",
                        "add 'signs: [...]' with the safe signs that let a player trust it")
            ok = False
        if not ok or (truth == SCAM and not flags) or (truth == REAL and not signs):
            return None
        return OfferItem(item_id, self.letter, self.message(node, context, f"Check {self.letter}, {truth} job offer"),
                         truth, flags, signs, self.pos(node))

    def options(self, node: Node, context: str, what: str) -> tuple[Option, ...] | None:
        options_node = _get(node, "options")
        out: list[Option] = []
        seen: set[str] = set()
        for option in options_node.value:
            if is_invalid(option):
                continue
            oid = _get(option, "id")
            text = _get(option, "text")
            if oid is None or text is None:
                continue
            if oid.value in seen:
                self.report("SP033", oid, f"the option id {oid.value!r} is used twice in this item",
                            "give each option its own id")
                continue
            seen.add(oid.value)
            right, flag = _get(option, "right"), _get(option, "flag")
            out.append(Option(oid.value, self.text(text, f"{context}/option/{oid.value}", f"{what}: an answer"),
                              bool(right.value) if right is not None else False, self.pos(option),
                              flag.value if flag is not None else None))
        if len(options_node.value) > MAX_OPTIONS:
            self.report("SP111", options_node.value[MAX_OPTIONS], f"this item has {len(options_node.value)} options; "
                        f"a card holds at most {MAX_OPTIONS}", "keep the best few")
            return None
        return tuple(out)

    def sign_item(self, node: Node, item_id: str, context: str) -> SignItem | None:
        options = self.options(node, context, f"Check {self.letter}, which are warning signs")
        if options is None:
            return None
        where = f"the sign item {item_id!r}"
        options_node = _get(node, "options")
        right = [o for o in options if o.right]
        if not right or len(right) == len(options):
            self.report("SP111", options_node, f"{where} has {len(right)} right options of {len(options)}",
                        "mark some options, not all and not none, with 'right: true': a player who ticks "
                        "everything must not get it right")
            return None
        flags: list[str] = []
        for option_node in options_node.value:
            if is_invalid(option_node):
                continue
            right_node, flag_node = _get(option_node, "right"), _get(option_node, "flag")
            is_right = right_node is not None and right_node.value
            if is_right and flag_node is None:
                self.report("SP111", option_node, f"a right option of {where} names no red flag",
                            "add 'flag: ...' with the red flag this warning sign is")
                return None
            if flag_node is not None and not is_right:
                self.report("SP111", flag_node, f"an option of {where} that is not a warning sign names a red flag",
                            "remove 'flag:', or mark the option 'right: true'")
                return None
            if flag_node is not None:
                if self.red_flags and flag_node.value not in self.red_flags:
                    self.report("SP032", flag_node, f"{flag_node.value!r} is not a red flag of content/red_flags.yaml",
                                _hint(flag_node.value, self.red_flags))
                    return None
                flags.append(flag_node.value)
        message = self.message(node, context, f"Check {self.letter}, a message to look at for warning signs")
        return SignItem(item_id, self.letter, message, options, tuple(dict.fromkeys(flags)), self.pos(node))

    def action(self, node: Node, item_id: str, context: str, flags) -> ActionItem | None:
        options = self.options(node, context, f"Check {self.letter}, what to do first")
        if options is None:
            return None
        best = [o for o in options if o.right]
        if len(best) != 1:
            self.report("SP111", _get(node, "options"), f"the action item {item_id!r} has {len(best)} best answers",
                        "mark exactly one option with 'right: true': the best first step")
            return None
        situation = self.text(_get(node, "situation"), f"{context}/situation", f"Check {self.letter}: a situation")
        return ActionItem(item_id, self.letter, situation, options, flags, self.pos(node))


_NEED_HINTS = {
    "truth": "add 'truth: scam' or 'truth: real'",
    "app": "add 'app: Facebook' (or TikTok, LINE, Telegram, WhatsApp, Messenger, SMS)",
    "from": "add 'from: ...' with a made-up sender or page name",
    "lines": "add 'lines:' with the message, one short line per bubble",
    "options": "add 'options:' with the answers to pick from",
    "situation": "add 'situation: ...' describing what happens",
}
_USES = {OFFER: "an offer item has truth, app, from, lines and flags or signs",
         SIGN: "a sign item has app, from, lines and options",
         ACTION: "an action item has situation, options and flags"}


def form_files(folder: str | Path) -> list[Path]:
    folder = Path(folder)
    return sorted(p for p in folder.glob("*.y*ml") if p.suffix in (".yaml", ".yml") and p.is_file())


def load_bank(folder: str | Path | None = None, red_flags: Mapping[str, RedFlag] | None = None,
              safe_signs: Mapping[str, object] | None = None, files: Iterable[Path] | None = None) -> BankReport:
    """Every form of a folder (default: the bundled ``content/checks``), with the balance checks."""
    from safepath.checks import balance

    folder = Path(folder) if folder is not None else default_folder()
    if red_flags is None:
        from safepath.story.loader import load_catalogue

        red_flags = load_catalogue()[0]
    if safe_signs is None:
        from safepath.story.loader import load_safe_signs

        safe_signs = load_safe_signs()[0]
    report = BankReport()
    files = list(files) if files is not None else form_files(folder)
    loaded: list[Form] = []
    for path in files:
        result = load_form(path, red_flags, safe_signs)
        report.diagnostics.extend(result.diagnostics)
        if result.form is not None:
            loaded.append(result.form)
    report.diagnostics.extend(balance.check_bank(loaded, red_flags, safe_signs, complete=len(files) > 1))
    for form in loaded:
        report.forms.setdefault(form.letter, form)
    return report
