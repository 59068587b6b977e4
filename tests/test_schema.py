"""The field table drives both the loader and the JSON Schema; they must agree with the files we ship."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml

from safepath.story import schema, schema_check, schema_json

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
VALID = sorted(p for p in (DATA / "valid").glob("*.yaml") if p.name != "red_flags.yaml")
SHIPPED = sorted((ROOT / "content" / "scenarios").glob("*.yaml"))
# Broken files whose problem a JSON Schema can see: types, unknown or missing keys, values, names, lengths.
SCHEMA_LEVEL = [
    "sp003-empty-file.yaml", "sp020-wrong-type.yaml", "sp021-unknown-key.yaml", "sp022-missing-required-key.yaml",
    "sp023-value-not-allowed.yaml", "sp024-malformed-name.yaml", "sp025-text-too-long.yaml",
    "sp026-empty-value.yaml", "sp027-number-out-of-range.yaml", "sp028-unsupported-schema-version.yaml",
    "sp043-malformed-line.yaml", "pitfall-top-level-list.yaml", "pitfall-no-is-not-text.yaml",
    "pitfall-scene-id-with-space.yaml", "pitfall-whitespace-only.yaml",
    # rules between the keys of a scene
    "sp035-ending-incomplete.yaml", "sp036-ending-has-a-way-out.yaml", "sp037-both-choices-and-next.yaml",
    "sp038-no-way-out.yaml", "sp039-ending-field-on-a-non-ending.yaml",
]


@pytest.fixture(scope="module")
def validator():
    generated = schema_json.json_schema()
    jsonschema.Draft7Validator.check_schema(generated)
    return jsonschema.Draft7Validator(generated)


def test_committed_schema_file_is_up_to_date():
    committed = (ROOT / "docs" / "scenario.schema.json").read_text(encoding="utf-8")
    assert committed == schema_json.schema_text(), "run: python3 -m safepath.story.schema_json > docs/scenario.schema.json"


def test_catalogue_schema_is_valid_and_accepts_the_catalogues():
    generated = schema_json.catalogue_json_schema()
    jsonschema.Draft7Validator.check_schema(generated)
    v = jsonschema.Draft7Validator(generated)
    for path in [DATA / "valid" / "red_flags.yaml", ROOT / "content" / "red_flags.yaml"]:
        if path.exists():
            assert not list(v.iter_errors(yaml.safe_load(path.read_text(encoding="utf-8")))), path
    broken = yaml.safe_load((DATA / "broken" / "catalogue" / "red_flags.yaml").read_text(encoding="utf-8"))
    assert list(v.iter_errors(broken))


def _described(node, where="schema"):
    """Every property of every object in the schema has a description."""
    if isinstance(node, dict):
        for key, prop in node.get("properties", {}).items():
            assert prop.get("description"), f"{where}.{key} has no description"
        for key, value in node.items():
            if key != "if":  # a rule's test, not a definition of keys
                yield from _described(value, f"{where}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _described(value, f"{where}[{i}]")
    yield where


def test_every_key_has_a_description():
    places = list(_described(schema_json.json_schema()))
    assert len(places) > 100


@pytest.mark.parametrize("path", VALID + SHIPPED, ids=lambda p: p.name)
def test_schema_accepts_valid_and_shipped_scenarios(validator, path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(data)]
    assert not errors, "\n".join(errors)


@pytest.mark.parametrize("name", SCHEMA_LEVEL)
def test_schema_rejects_schema_level_mistakes(validator, name):
    data = yaml.safe_load((DATA / "broken" / name).read_text(encoding="utf-8"))
    assert list(validator.iter_errors(data)), name


def _format_keys() -> set[str]:
    """Keys in the first column of the tables in docs/format.md."""
    text = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    return set(re.findall(r"^\| `([a-z_]+)` \|", text, re.M))


def test_table_has_every_key_of_docs_format():
    table_keys = {f.key for record in (schema.SCENARIO, schema.CHARACTER, schema.SCENE, schema.CHOICE,
                                       schema.BADGE, schema.SOURCE, schema.LINE_LONG) for f in record.fields}
    missing = _format_keys() - table_keys
    assert not missing, f"keys documented in docs/format.md but not in the table: {sorted(missing)}"
    assert len(_format_keys()) > 30


def test_defaults_in_the_table_match_the_format():
    assert schema.SCENARIO.get("audience").default == "13-25"
    assert schema.SCENE.get("kind").default == "narration"
    assert schema.SCENE.get("kind").spec.enum == ("chat", "narration", "decision", "ending",
                                                  "phone", "register", "codeword", "travelplan")
    required = {f.key for f in schema.SCENARIO.fields if f.required}
    assert required == {"schema_version", "id", "title", "summary", "minutes", "content_note", "sources",
                        "characters", "teaches", "scenes"}


def test_checker_drops_wrong_values_and_reports_once():
    from safepath.story.yamlsource import parse_text

    doc = parse_text("text: [a, b]\ngoto: ad\nfeedbak: hi\n", "c.yaml")
    diags = []
    schema_check.Checker("c.yaml", diags).check(doc.root, schema.CHOICE, "choice 1")
    assert [d.code for d in diags] == ["SP020", "SP021"]
    assert diags[1].hint == "did you mean 'feedback'?"
    assert set(doc.root.value) == {"goto"}  # the wrong and unknown keys are gone, no "missing text" added
    assert json.dumps(schema_json.json_schema())  # still serialisable after use


@pytest.mark.parametrize("path", sorted(DATA.rglob("*.yaml")), ids=lambda p: str(p.relative_to(DATA)))
def test_a_checked_record_never_keeps_an_invalid_value(path):
    """The loader reads a scene's and a choice's keys from the record's own mapping (loader_nodes.children):
    the check deletes a record's bad keys; only list items and map values are left in place as INVALID."""
    from safepath.story.yamlsource import read_yaml

    doc = read_yaml(path)
    if doc.root is None or not isinstance(doc.root.value, dict) or "scenes" not in doc.root.value:
        return
    schema_check.Checker(str(path), []).check(doc.root, schema.SCENARIO, "the scenario")
    scenes = doc.root.value.get("scenes")
    if scenes is None or not isinstance(scenes.value, dict):
        return
    for scene in scenes.value.values():
        if not isinstance(scene.value, dict):
            continue  # a scene that failed as a whole is INVALID in the scenes map, and skipped
        assert not [k for k, v in scene.value.items() if v.value is schema_check.INVALID]
        choices = scene.value.get("choices")
        for choice in choices.value if choices is not None and isinstance(choices.value, list) else ():
            if isinstance(choice.value, dict):
                assert not [k for k, v in choice.value.items() if v.value is schema_check.INVALID]


def test_schema_is_draft_07_for_vs_code():
    """VS Code's YAML extension (yaml-language-server) supports draft-07 fully; later drafts only partly."""
    generated = schema_json.json_schema()
    assert generated["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert "$defs" not in json.dumps(generated) and "definitions" in generated
    assert schema_json.catalogue_json_schema()["$schema"] == generated["$schema"]


def test_red_flag_ids_of_the_catalogue_are_offered_wherever_a_red_flag_is_named():
    catalogue = yaml.safe_load((ROOT / "content" / "red_flags.yaml").read_text(encoding="utf-8"))
    ids = list(catalogue["red_flags"])
    assert len(ids) >= 10
    generated = schema_json.json_schema()
    places = {
        "teaches": generated["properties"]["teaches"]["items"],
        "scene red_flags": generated["definitions"]["scene"]["properties"]["red_flags"]["items"],
        "spots": generated["definitions"]["choice"]["properties"]["spots"]["items"],
        "misses": generated["definitions"]["choice"]["properties"]["misses"]["items"],
    }
    for where, item in places.items():
        assert item.get("examples") == ids, where  # offered as you type
        assert item.get("enum") == ids, where  # and a misspelt one is underlined (issue 16)
    validator = jsonschema.Draft7Validator(generated)
    story = yaml.safe_load((ROOT / "content" / "scenarios" / "dream-job.yaml").read_text(encoding="utf-8"))
    assert not list(validator.iter_errors(story))
    story["teaches"] = story["teaches"] + ["pay-to-good"]
    (problem,) = validator.iter_errors(story)
    assert "'pay-to-good' is not one of" in problem.message
