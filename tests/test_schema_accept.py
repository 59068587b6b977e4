"""The schema checker's fast path (schema_accept) vouches only for values the full check finds nothing in.

Broken copies of every shipped and test file are checked twice, with the fast path and with the full
check alone: the diagnostics, what is dropped and the answer must be the same.
"""

from __future__ import annotations

import copy
from pathlib import Path
from unittest import mock

import pytest
import yaml
from hypothesis import HealthCheck, given, settings, strategies as st

from safepath.checks import schema as check_schema
from safepath.story import schema, schema_accept, schema_check
from safepath.story.yamlsource import parse_text

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
SOURCES = [
    *[(p, schema.SCENARIO) for p in sorted((ROOT / "content" / "scenarios").glob("*.yaml"))],
    *[(p, schema.SCENARIO) for p in sorted((DATA / "scenarios").glob("*.yaml"))],
    *[(p, schema.SCENARIO) for p in sorted((DATA / "valid").glob("*.yaml")) if p.name != "red_flags.yaml"],
    (ROOT / "content" / "red_flags.yaml", schema.CATALOGUE),
    (ROOT / "content" / "safe_signs.yaml", schema.SAFE_SIGN_CATALOGUE),
    (ROOT / "content" / "register.yaml", schema.REGISTER_FILE),
    *[(p, check_schema.FORM) for p in sorted((ROOT / "content" / "checks").glob("*.yaml"))],
]
_PLAIN: dict[Path, object] = {}


def _plain(path: Path):
    if path not in _PLAIN:
        _PLAIN[path] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return _PLAIN[path]


def _containers(value, out):
    """Every mapping and list inside ``value`` (itself included)."""
    if isinstance(value, (dict, list)):
        out.append(value)
        for child in (value.values() if isinstance(value, dict) else value):
            _containers(child, out)
    return out


SCALARS = st.one_of(
    st.sampled_from(["", "   ", "\u00a0", "Not An Id", "x" * 2100, "end-safe", "safe", "chat", "has(asked)",
                     "has(", "{baht:1}", "nok", "pay-too-good", "1", "é", "a_b", "a-b"]),
    st.text(max_size=6), st.integers(-3, 200), st.booleans(), st.none(), st.floats(allow_nan=False, width=16))
VALUES = st.one_of(SCALARS, st.lists(SCALARS, max_size=3),
                   st.dictionaries(st.sampled_from(["text", "goto", "id", "if", "image", "nok", "mai", "kind", "zz",
                                                    "speaker", "set", "title"]), SCALARS, max_size=3))


def _check(text: str, spec, fast: bool):
    doc = parse_text(text, "f.yaml")
    if doc.root is None:
        return None
    diags = []
    if fast:
        ok = schema_check.Checker("f.yaml", diags).check(doc.root, spec, "the file")
    else:
        with mock.patch.object(schema_check, "accepts", lambda spec: schema_accept._never):
            ok = schema_check.Checker("f.yaml", diags).check(doc.root, spec, "the file")
    return ok, [d.headline() + " | " + d.hint for d in diags], repr(doc.root.plain())


@pytest.mark.parametrize("path,spec", SOURCES, ids=lambda v: v.name if isinstance(v, Path) else "")
def test_every_shipped_file_passes_the_fast_path_whole(path, spec):
    doc = parse_text(path.read_text(encoding="utf-8"), str(path))
    assert schema_accept.accepts(spec)(doc.root)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_broken_copies_are_reported_the_same_with_and_without_the_fast_path(data):
    path, spec = data.draw(st.sampled_from(SOURCES))
    document = copy.deepcopy(_plain(path))
    for _ in range(data.draw(st.integers(1, 3))):
        target = data.draw(st.sampled_from(_containers(document, [])))
        if isinstance(target, list):
            if target and data.draw(st.booleans()):
                target[data.draw(st.integers(0, len(target) - 1))] = data.draw(VALUES)
            else:
                target.append(data.draw(VALUES))
        elif target and data.draw(st.booleans()):
            key = data.draw(st.sampled_from(sorted(target, key=str)))
            if data.draw(st.booleans()):
                del target[key]
            else:
                target[key] = data.draw(VALUES)
        else:
            target[data.draw(st.sampled_from(["zz", "text", "id", "if", "kind", "goto", "image"]))] = data.draw(VALUES)
    text = yaml.safe_dump(document, allow_unicode=True, sort_keys=False)
    assert _check(text, spec, fast=True) == _check(text, spec, fast=False)


def test_a_spec_inside_itself_is_built_once_and_asks_through_itself():
    nested = schema.Record("a node", "", ())
    inner = schema.ListOf(nested)
    object.__setattr__(nested, "fields", (schema.Field("kids", inner),))
    object.__setattr__(nested, "_by_key", {"kids": nested.fields[0]})
    accept = schema_accept.accepts(nested)
    assert schema_accept.accepts(nested) is accept
    good = parse_text("kids: [{kids: []}, {kids: [{kids: []}]}]\n", "f.yaml").root
    bad = parse_text("kids: [{kids: []}, {kids: [{kid: []}]}]\n", "f.yaml").root
    assert accept(good) and not accept(bad)
