"""docs/authoring.md is tested: its worked example is a clean, complete story, and the error messages it
shows are the ones `safepath lint` really prints for the mistakes it describes."""

from __future__ import annotations

import re
import shutil

import pytest

from safepath.play import engine
from safepath import paths
from safepath.commands.lint import lint_paths
from safepath.story.diagnostics import format_all
from safepath.story.diagnostics_codes import CODES
from safepath.story.loader import load_scenario
from safepath.story.model import EndingKind

DOC = paths.project_root() / "docs" / "authoring.md"
TEXT = DOC.read_text(encoding="utf-8")
EXAMPLE = re.search(r"<!-- example: night-market\.yaml[^>]*-->\n```yaml\n(.*?)^```$", TEXT, re.S | re.M).group(1)
HEADLINE = re.compile(r"^(content/scenarios/night-market\.yaml:\d+:\d+: (error|warning) (SP\d{3}) .*)$", re.M)

#: The mistakes section 6 describes, as edits of the worked example.
MISTAKES = {
    "SP030": ("goto: line-chat", "goto: line_chat"),
    "SP004": ("      - nok: Sunrise Hotel. Now add me on LINE!", "      - nok: Sunrise Hotel: now add me on LINE!"),
    "SP005": ("      - Mai shows the chat to her dad.", "\t  - Mai shows the chat to her dad."),
    "SP021": ('        feedback: "{baht:40000}', '        feedbak: "{baht:40000}'),
    "SP032": ("    red_flags: [pay-too-good, private-chat]", "    red_flags: [pay-to-good, private-chat]"),
    "SP040": ("        if: has(asked_name)", "        if: has(asked_name) && safety > 0"),
    "SP040b": ("        if: has(asked_name)", "        if: asked_name"),
    "SP035": ("    debrief: >-\n      Mai stayed safe.", "    notes: >-\n      Mai stayed safe."),
    "SP004b": ("      - dad: What do you want to do?", "     - dad: What do you want to do?"),
}


def lint_story(tmp_path, text: str):
    """Lint a story as an author would: in a content folder beside the shipped red-flag catalogue."""
    scenarios = tmp_path / "content" / "scenarios"
    scenarios.mkdir(parents=True)
    shutil.copy(paths.content_dir() / "red_flags.yaml", tmp_path / "content" / "red_flags.yaml")
    (scenarios / "night-market.yaml").write_text(text, encoding="utf-8")
    _, diagnostics = lint_paths([tmp_path / "content"])
    return scenarios / "night-market.yaml", diagnostics


def test_worked_example_is_lint_clean(tmp_path):
    _, diagnostics = lint_story(tmp_path, EXAMPLE)
    assert diagnostics == [], format_all(diagnostics)


def test_worked_example_reaches_two_kinds_of_ending_and_every_scene(tmp_path):
    path, _ = lint_story(tmp_path, EXAMPLE)
    scenario = load_scenario(path).scenario
    endings, visited = set(), set()
    stack = [engine.start(scenario)]
    while stack:
        state = stack.pop()
        visited |= set(state.visited)
        if engine.is_ended(scenario, state):
            endings.add(scenario.scenes[state.scene].ending)
        elif engine.can_continue(scenario, state):
            stack.append(engine.advance(scenario, state))
        else:
            stack.extend(engine.choose(scenario, state, c.index) for c in engine.available_choices(scenario, state))
    assert endings == {EndingKind.SAFE, EndingKind.RECOVERED}
    assert visited == set(scenario.scenes)


@pytest.mark.parametrize("key", sorted(MISTAKES))
def test_documented_message_is_the_real_one(tmp_path, key):
    old, new = MISTAKES[key]
    assert old in EXAMPLE
    path, diagnostics = lint_story(tmp_path, EXAMPLE.replace(old, new, 1))
    assert len(diagnostics) == 1, format_all(diagnostics)
    real = diagnostics[0].headline().replace(str(path), "content/scenarios/night-market.yaml")
    assert real in TEXT, f"docs/authoring.md should show:\n{real}"


def test_every_message_in_the_guide_is_a_known_code_and_is_exercised():
    shown = HEADLINE.findall(TEXT)
    assert len(shown) >= 8
    assert {code for _, _, code in shown} <= set(CODES)
    exercised = {key[:5] for key in MISTAKES}
    assert {code for _, _, code in shown} <= exercised


def test_guide_keeps_the_sections_other_teams_fill_in():
    assert re.search(r"^## \d+\. Translating$", TEXT, re.M)
    assert re.search(r"^## \d+\. Testing your story: playtest, golden playthroughs, map, JSON Schema", TEXT, re.M)
    assert "translating.md" in TEXT
