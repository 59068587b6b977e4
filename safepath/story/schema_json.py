"""The JSON Schema of scenario files, generated from the field table the loader checks with.

Editors (VS Code's YAML extension, see docs/authoring.md) read ``docs/scenario.schema.json`` to complete
keys and red-flag ids and to explain each key on hover. It is made here from :mod:`safepath.story.schema`, the
same definitions the loader uses, so the two cannot drift (``tests/test_schema.py`` also compares the
committed file). Draft-07, because that is what the YAML extension supports best.

Run ``python3 -m safepath.story.schema_json > docs/scenario.schema.json`` after editing the field table.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from safepath.story.schema import (
    BADGE,
    CATALOGUE,
    CHARACTER,
    CHOICE,
    CONDITION,
    DEBRIEF_PART,
    ID_PATTERN,
    LINE_EXTRA_KEYS,
    LINE_IF_DESCRIPTION,
    IMAGE,
    KEY,
    KEY_DESCRIPTION,
    LINE,
    RED_FLAG,
    RED_FLAG_ID,
    SAFE_SIGN_ID,
    SCENARIO,
    SCENE,
    SOURCE,
    TEXT,
    _PATTERNS,
    Either,
    LineSpec,
    ListOf,
    MapOf,
    Record,
    Scalar,
)


_DEFS = {"scene": SCENE, "choice": CHOICE, "character": CHARACTER, "badge": BADGE, "source": SOURCE,
         "line": LINE, "red_flag": RED_FLAG, "debrief_part": DEBRIEF_PART}


def _json(spec, description: str = "") -> dict:
    for name, d in _DEFS.items():
        if spec is d:
            out = {"$ref": f"#/definitions/{name}"}
            return {**out, "description": description} if description else out
    out: dict[str, Any]
    if isinstance(spec, Scalar):
        if spec.kind == "int":
            out = {"type": "integer"}
            if spec.minimum is not None:
                out.update(minimum=spec.minimum, maximum=spec.maximum)
        elif spec.kind == "bool":
            out = {"type": "boolean"}
        else:
            out = {"type": "string"}
            if spec.kind == "text":
                out["minLength"] = 1
            if spec.max_length:
                out["maxLength"] = spec.max_length
            if spec.kind in _PATTERNS:
                out["pattern"] = _PATTERNS[spec.kind]
            if spec.enum:
                out["enum"] = list(spec.enum)
            if spec is RED_FLAG_ID:
                # the catalogue's ids: an editor underlines a misspelt one (enum) and offers them as you type
                # (examples: some editors complete from those only); lint checks against the catalogue in use
                ids = red_flag_ids()
                out["examples"] = ids
                if ids:
                    out["enum"] = ids
            if spec is SAFE_SIGN_ID:
                ids = red_flag_ids("safe_signs.yaml", "safe_signs")
                out["examples"] = ids
                if ids:
                    out["enum"] = ids
    elif isinstance(spec, ListOf):
        out = {"type": "array", "items": _json(spec.item)}
        if spec.min_items:
            out["minItems"] = spec.min_items
    elif isinstance(spec, MapOf):
        out = {"type": "object", "propertyNames": {"pattern": _PATTERNS[spec.key_kind]},
               "additionalProperties": _json(spec.value)}
        if spec.min_items:
            out["minProperties"] = spec.min_items
    elif isinstance(spec, Record):
        out = _record_json(spec)
    elif isinstance(spec, LineSpec):
        out = _line_json(spec)
    elif isinstance(spec, Either):
        out = {"anyOf": [_json(option) for option in spec.options]}
        if spec.description:
            out["description"] = spec.description
    else:
        raise TypeError(spec)
    if description:
        out["description"] = description
    return out


def _record_json(spec: Record) -> dict:
    props = {}
    for f in spec.fields:
        prop = _json(f.spec, f.description)
        if f.default not in (None, (), {}):
            prop["default"] = f.default
        props[f.key] = prop
    out = {"type": "object", "description": spec.description, "properties": props, "additionalProperties": False}
    required = [f.key for f in spec.fields if f.required]
    if required:
        out["required"] = required
    if spec.json_rules:
        out["allOf"] = list(spec.json_rules)
    return out


def _line_json(spec: LineSpec) -> dict:
    text = _json(TEXT)
    return {
        "description": spec.description,
        "anyOf": [
            {**text, "description": "Narration."},
            {**_record_json(spec.long_form), "description": "Long form: {speaker: id, text: ..., image: key}."},
            {
                "type": "object",
                "description": "Short form: {speaker-id: text}, optionally with image: key, id: key and if: condition.",
                "minProperties": 1,
                "maxProperties": 1 + len(LINE_EXTRA_KEYS),
                "propertyNames": {"pattern": ID_PATTERN},
                "properties": {"image": _json(IMAGE, "Image shown with the line."), "id": _json(KEY, KEY_DESCRIPTION),
                               "if": _json(CONDITION, LINE_IF_DESCRIPTION)},
                "additionalProperties": text,
                "not": {"anyOf": [{"required": ["text"]}, {"required": ["speaker"]}]},
                "allOf": _one_speaker_rules(),
            },
        ],
    }


def _one_speaker_rules() -> list[dict]:
    """One speaker only: with n keys, n - 1 of them are extras (image, id, if)."""
    from itertools import combinations

    rules = []
    for extra in range(1, len(LINE_EXTRA_KEYS) + 1):
        combos = [{"required": list(c)} for c in combinations(LINE_EXTRA_KEYS, extra)]
        rules.append({"if": {"minProperties": extra + 1},
                      "then": combos[0] if len(combos) == 1 else {"anyOf": combos}})
    return rules


DRAFT = "http://json-schema.org/draft-07/schema#"


def red_flag_ids(file: str = "red_flags.yaml", key: str = "red_flags") -> list[str]:
    """The ids in a bundled catalogue (red flags, or safe signs), in its order (examples for editors)."""
    import yaml

    from safepath.paths import content_dir

    try:
        data = yaml.safe_load((content_dir() / file).read_text(encoding="utf-8"))
        return [str(k) for k in (data.get(key) or {})]
    except (OSError, UnicodeError, yaml.YAMLError, AttributeError):
        return []


def json_schema() -> dict:
    """The JSON Schema (draft-07) of a scenario file, generated from the table above."""
    schema = {
        "$schema": DRAFT,
        "$id": "https://safepath.invalid/scenario.schema.json",
        "title": "SafePath scenario (format version 1)",
        **_record_json(SCENARIO),
        "definitions": {name: _json_def(spec) for name, spec in _DEFS.items()},
    }
    schema["properties"]["schema_version"]["const"] = 1
    return schema


def _json_def(spec) -> dict:
    return _record_json(spec) if isinstance(spec, Record) else _line_json(spec)


def catalogue_json_schema() -> dict:
    schema = {"$schema": DRAFT, **_record_json(CATALOGUE), "definitions": {"red_flag": _record_json(RED_FLAG)}}
    schema["properties"]["schema_version"]["const"] = 1
    return schema


def schema_text() -> str:
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    sys.stdout.write(schema_text())
