"""The check forms load with the story machinery, and the bank's balance lint catches each kind of imbalance."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest
import yaml

from safepath.checks import balance
from safepath.checks.loader import load_bank, load_form
from safepath.story.loader import load_safe_signs
from safepath.checks.schema import schema_text
from safepath.commands.lint import lint_paths
from safepath.story.loader import load_catalogue

ROOT = Path(__file__).resolve().parent.parent
BANK = ROOT / "content" / "checks"
SIGNS_FIXTURE = ROOT / "content" / "safe_signs.yaml"
RED_FLAGS, _ = load_catalogue()


def _signs():
    bundled = ROOT / "content" / "safe_signs.yaml"
    return load_safe_signs(bundled if bundled.exists() else SIGNS_FIXTURE)[0]


def test_bundled_bank_loads_clean_and_balanced():
    report = load_bank(BANK, RED_FLAGS, _signs())
    assert [d.headline() for d in report.diagnostics] == []
    assert sorted(report.forms) == ["A", "B", "C"]
    shapes = {letter: balance.make_up(form) for letter, form in report.forms.items()}
    assert len({tuple(s.values()) for s in shapes.values()}) == 1
    assert shapes["A"]["scam"] >= 8 and shapes["A"]["real"] >= 8
    for form in report.forms.values():
        assert {f for o in form.offers() if o.is_scam for f in o.flags} == set(RED_FLAGS)
        assert {s for o in form.offers() if not o.is_scam for s in o.signs} == set(_signs())


def test_texts_have_stable_contexts_and_positions():
    form = load_form(BANK / "form-a.yaml", RED_FLAGS, _signs()).form
    contexts = [t.context for t in form.texts()]
    assert contexts[:3] == ["check/A/a-call-centre/from", "check/A/a-call-centre/line/1", "check/A/a-call-centre/line/2"]
    assert "check/A/a-act-agency/option/call" in contexts and len(set(contexts)) == len(contexts)
    first = next(form.texts())
    assert first.pos.file.endswith("form-a.yaml") and first.pos.line > 1


def _copy_bank(tmp_path: Path) -> Path:
    folder = tmp_path / "checks"
    shutil.copytree(BANK, folder)
    shutil.copy(SIGNS_FIXTURE, tmp_path / "safe_signs.yaml")
    return folder


def _edit(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _codes(folder: Path) -> list[str]:
    report = load_bank(folder, RED_FLAGS, load_safe_signs(folder.parent / "safe_signs.yaml")[0])
    return sorted(d.code for d in report.diagnostics)


def test_too_few_real_offers_is_sp113(tmp_path):
    folder = _copy_bank(tmp_path)
    _edit(folder / "form-b.yaml", lambda d: d.__setitem__("items", [i for i in d["items"] if i["id"] != "b-bakery"]))
    codes = _codes(folder)
    assert "SP113" in codes and "SP117" in codes  # B now also differs from A and C


def test_a_red_flag_no_scam_shows_is_sp114(tmp_path):
    folder = _copy_bank(tmp_path)

    def drop_romance(data):
        for item in data["items"]:
            if item.get("flags") and "romance-to-job" in item["flags"] and item["type"] == "offer":
                item["flags"].remove("romance-to-job")
    _edit(folder / "form-c.yaml", drop_romance)
    assert _codes(folder) == ["SP114"]


def test_a_safe_sign_no_real_offer_shows_is_sp114(tmp_path):
    folder = _copy_bank(tmp_path)

    def drop(data):
        for item in data["items"]:
            if "legal-channel" in item.get("signs", []):
                item["signs"].remove("legal-channel")
    _edit(folder / "form-a.yaml", drop)
    assert _codes(folder) == ["SP114"]


def test_an_item_copied_into_another_form_is_sp115(tmp_path):
    folder = _copy_bank(tmp_path)
    a = yaml.safe_load((folder / "form-a.yaml").read_text(encoding="utf-8"))
    copied = dict(next(i for i in a["items"] if i["id"] == "a-tailor"), id="b-tailor-copy")

    def swap(data):
        data["items"] = [copied if i["id"] == "b-print-shop" else i for i in data["items"]]
    _edit(folder / "form-b.yaml", swap)
    assert _codes(folder) == ["SP115"]
    _edit(folder / "form-b.yaml", lambda d: d["items"][-1].__setitem__("id", "a-act-agency"))
    assert _codes(folder).count("SP115") == 2


def test_missing_and_doubled_forms_are_sp116(tmp_path):
    folder = _copy_bank(tmp_path)
    (folder / "form-c.yaml").unlink()
    assert _codes(folder) == ["SP116"]
    _edit(folder / "form-b.yaml", lambda d: d.__setitem__("form", "A"))
    codes = _codes(folder)
    assert codes.count("SP116") == 3  # B is a second A; B and C are missing


def test_lint_checks_the_bank_and_a_lone_form_item_by_item(tmp_path):
    folder = _copy_bank(tmp_path)
    files, diagnostics = lint_paths([tmp_path], fit=False)
    assert files == 4 and [d.headline() for d in diagnostics] == []
    (folder / "form-b.yaml").unlink()
    (folder / "form-c.yaml").unlink()
    _edit(folder / "form-a.yaml", lambda d: d.__setitem__("items", d["items"][:3]))
    assert lint_paths([folder / "form-a.yaml"], fit=False)[1] == []  # alone: no balance checks
    assert {d.code for d in lint_paths([tmp_path], fit=False)[1]} == set()  # one form in the folder: alone too


def test_lint_rejects_unlisted_phone_numbers_in_items(tmp_path):
    folder = _copy_bank(tmp_path)
    _edit(folder / "form-a.yaml", lambda d: d["items"][0]["lines"].append("Call me on 0812345678."))
    assert "SP099" in {d.code for d in lint_paths([tmp_path], fit=False)[1]}


def test_json_schema_is_committed_and_accepts_the_forms():
    committed = (ROOT / "docs" / "checks.schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(), "run: python3 -m safepath.checks.schema > docs/checks.schema.json"
    schema = json.loads(committed)
    for path in sorted(BANK.glob("*.yaml")):
        jsonschema.Draft7Validator(schema).validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    bad = {"schema_version": 1, "form": "D", "items": [{"id": "x", "type": "offer", "colour": "red"}]}
    assert list(jsonschema.Draft7Validator(schema).iter_errors(bad))


def test_extractor_yields_the_items_texts():
    from safepath.i18n.extract import texts_of_file

    found = texts_of_file(BANK / "form-b.yaml")
    contexts = [t.context for t, _comment in found]
    assert "check/B/b-gaming-support/line/1" in contexts
    assert all(comment for _t, comment in found)


def test_lint_measures_check_cards_at_the_largest_text_size(tmp_path):
    folder = _copy_bank(tmp_path)
    for other in ("form-b.yaml", "form-c.yaml"):
        (folder / other).unlink()
    _edit(folder / "form-a.yaml", lambda d: d["items"][-1]["options"][1].__setitem__(
        "text", "Give it to the boss to keep it safe " + "verylongwordthatcannotbreak" * 3))
    found = [d for d in lint_paths([tmp_path])[1] if d.code == "SP073"]
    assert len(found) == 1 and "cut in the middle" in found[0].message and found[0].file.endswith("form-a.yaml")
    assert not [d for d in lint_paths([tmp_path], fit=False)[1] if d.code == "SP073"]
