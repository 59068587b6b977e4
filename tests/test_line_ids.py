"""An optional ``id:`` on lines and choices names their translation (msgctxt) instead of their position."""

from __future__ import annotations

from pathlib import Path

import jsonschema
import pytest
import yaml

from safepath.play import engine
from safepath.story import schema_json
from safepath.i18n.extract import texts_of_file
from safepath.story.loader import load_scenario

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "data" / "i18n" / "money-offer.yaml"
CATALOGUE = ROOT / "tests" / "data" / "valid" / "red_flags.yaml"


def load_text(tmp_path: Path, text: str):
    path = tmp_path / "money-offer.yaml"
    path.write_text(text, encoding="utf-8")
    return load_scenario(path, CATALOGUE)


def test_ids_become_the_msgctxt_tail_and_positions_stay_for_the_others():
    scenario = load_scenario(FIXTURE, CATALOGUE).scenario
    offer = scenario.scenes["offer"]
    assert [line.id for line in offer.lines] == ["pay", "compare", None]
    assert [line.text.context for line in offer.lines] == [
        "money-offer/offer/line/pay", "money-offer/offer/line/compare", "money-offer/offer/line/2"]
    assert [c.id for c in offer.choices] == ["ask-why", None]
    assert offer.choices[0].text.context == "money-offer/offer/choice/ask-why"
    assert offer.choices[0].feedback.context == "money-offer/offer/choice/ask-why/feedback"
    assert offer.choices[1].text.context == "money-offer/offer/choice/1"
    assert [c.index for c in offer.choices] == [0, 1]  # the engine still counts positions


def test_inserting_a_line_above_an_id_changes_only_positional_contexts(tmp_path):
    text = FIXTURE.read_text(encoding="utf-8")
    moved = text.replace("    lines:\n      - {win:", "    lines:\n      - Aung's phone buzzes.\n      - {win:", 1)
    before = {t.context for t, _c in texts_of_file(FIXTURE)}
    path = tmp_path / "money-offer.yaml"
    path.write_text(moved, encoding="utf-8")
    after = {t.context for t, _c in texts_of_file(path)}
    # the new line is at position 0 and the narration without an id moved from 2 to 3; the lines with ids did not
    assert after - before == {"money-offer/offer/line/0", "money-offer/offer/line/3"}
    assert before - after == {"money-offer/offer/line/2"}
    assert "money-offer/offer/line/pay" in after and "money-offer/offer/line/compare" in after


@pytest.mark.parametrize("line", [
    '{win: "The pay is good.", id: pay}',
    '{win: "The pay is good.", image: job-ad, id: pay}',
    '{speaker: win, text: "The pay is good.", id: pay}',
    '{text: "Narration with an id.", id: pay}',
])
def test_every_mapping_form_of_a_line_takes_an_id(tmp_path, line):
    text = FIXTURE.read_text(encoding="utf-8").replace(
        '- {win: "Come to Thailand. The pay is {baht:45000} a month.", id: pay}', "- " + line)
    result = load_text(tmp_path, text)
    assert result.scenario is not None, [d.headline() for d in result.diagnostics]
    assert result.scenario.scenes["offer"].lines[0].text.context == "money-offer/offer/line/pay"
    data = yaml.safe_load(text)
    assert not list(jsonschema.Draft7Validator(schema_json.json_schema()).iter_errors(data))


def test_a_malformed_id_is_sp024_and_the_line_keeps_its_position(tmp_path):
    text = FIXTURE.read_text(encoding="utf-8").replace("id: pay}", "id: Pay Line}")
    result = load_text(tmp_path, text)
    [d] = [d for d in result.diagnostics if d.is_error]
    assert d.code == "SP024" and "line or choice id" in d.message
    lines = text.splitlines()
    assert lines[d.line - 1][d.column - 1:].startswith("Pay Line")


def test_the_same_id_twice_in_a_list_is_sp078_but_lines_and_choices_are_apart(tmp_path):
    text = FIXTURE.read_text(encoding="utf-8")
    result = load_text(tmp_path, text.replace("id: compare}", "id: pay}"))
    [d] = [d for d in result.diagnostics if d.is_error]
    assert (d.code, d.line) == ("SP078", 22) and "first at line 21" in d.message
    same_name = text.replace("        id: ask-why\n", "        id: pay\n")  # a choice may share a line's id
    assert load_text(tmp_path, same_name).scenario is not None


def test_schema_rejects_a_short_line_with_two_speakers_even_with_an_id():
    validator = jsonschema.Draft7Validator(schema_json.json_schema())
    line_schema = {"$ref": "#/definitions/line", "definitions": schema_json.json_schema()["definitions"]}
    v = jsonschema.Draft7Validator(line_schema)
    assert not list(v.iter_errors({"win": "Hello", "id": "hi"}))
    assert list(v.iter_errors({"win": "Hello", "aung": "Hi"}))
    assert list(v.iter_errors({"win": "Hello", "aung": "Hi", "id": "x"}))
    assert not list(v.iter_errors({"win": "Hello", "image": "job-ad", "id": "x"}))
    assert validator is not None


def test_play_through_a_scenario_with_ids_is_unchanged():
    scenario = load_scenario(FIXTURE, CATALOGUE).scenario
    state = engine.choose(scenario, engine.start(scenario), 0)
    assert engine.is_ended(scenario, state)
