"""The safe-signs catalogue ``content/safe_signs.yaml``: signs that a job offer can be trusted.

Same shape as the red-flag catalogue (id → title, why, action: here "why you can trust it" and "how to
check it yourself"). The learning-design work (branch ld-format) brings the catalogue and its own loader
for the stories; until that loader is merged, the checks read the file with this small one, built from
the same field table and diagnostics as the red flags, so both agree on what a valid file is.
"""

from __future__ import annotations

from pathlib import Path

from safepath import paths
from safepath.checks.model import SafeSign
from safepath.story.diagnostics import Diagnostic
from safepath.story.model import Pos, Text
from safepath.story.schema import RED_FLAG, Checker, Field, MapOf, Record, Scalar, is_invalid
from safepath.story.yamlsource import read_yaml

FILE_NAME = "safe_signs.yaml"

SAFE_SIGNS = Record("the safe-sign catalogue", "The shared safe-sign catalogue content/safe_signs.yaml.", (
    Field("schema_version", Scalar("int"), True, description="Always 1 for this format."),
    Field("safe_signs", MapOf(RED_FLAG, "id", "safe-sign id", 1), True, description="Safe signs, id -> safe sign."),
))


def default_path() -> Path:
    return paths.content_dir() / FILE_NAME


def load_safe_signs(path: str | Path | None = None) -> tuple[dict[str, SafeSign], list[Diagnostic]]:
    """The valid entries and the problems found; an absent bundled file gives no signs and no problem."""
    path = default_path() if path is None else Path(path)
    if not path.exists() and path == default_path():
        return {}, []
    doc = read_yaml(path)
    diags = list(doc.diagnostics)
    if doc.root is None:
        return {}, diags
    file = str(path)
    Checker(file, diags).check(doc.root, SAFE_SIGNS, "the safe-sign catalogue")
    entries = doc.root.value.get("safe_signs") if isinstance(doc.root.value, dict) else None
    signs: dict[str, SafeSign] = {}
    if entries is None or is_invalid(entries):
        return signs, diags
    for sign_id, node in entries.value.items():
        if is_invalid(node) or not all(k in node.value for k in ("title", "why", "action")):
            continue

        def text(key: str, comment: str) -> Text:
            n = node.value[key]
            return Text(n.value, f"safe-sign/{sign_id}/{key}", Pos(file, n.line, n.column), comment)

        signs[sign_id] = SafeSign(sign_id, text("title", f"Name of the safe sign '{sign_id}' (a sign of a real job offer)"),
                                  text("why", f"Why the safe sign '{sign_id}' can be trusted"),
                                  text("action", f"How to check the safe sign '{sign_id}' yourself"),
                                  Pos(file, node.line, node.column))
    return signs, diags
