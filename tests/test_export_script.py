"""safepath export-script: a printable script in reading order, translated through the catalogues."""

from __future__ import annotations

import re

from safepath.analysis.generate import layered_spec, to_yaml
from safepath.cli import main
from safepath.commands.export_script import reading_order, render
from safepath.i18n import Translator
from safepath.loader import load_scenario
from safepath.paths import scenarios_dir

DREAM = str(scenarios_dir() / "dream-job.yaml")


def test_reading_order_is_breadth_first_and_complete():
    scenario = load_scenario(DREAM).scenario
    order = reading_order(scenario)
    assert order[0] == scenario.start and sorted(order) == sorted(scenario.scenes)
    assert order.index("ad") < order.index("telegram") < order.index("van") < order.index("riverbank")


def test_english_script_has_every_line_choice_ending_and_note():
    scenario = load_scenario(DREAM).scenario
    page = render(scenario, "en")
    sections = re.findall(r'<section class="scene" id="scene-([^"]+)"', page)
    assert sections == reading_order(scenario)
    import html

    text = html.unescape(page)
    for scene in scenario.scenes.values():
        for line in scene.lines:
            assert line.text.text in text
        for choice in scene.choices:
            assert choice.text.text in text
        if scene.debrief:
            assert scene.debrief.text in text
        if scene.notes:
            assert scene.notes.text in text
    assert "spots the red flag: Pay that is too good" in text and "safety +1" in text
    assert "@media print" in page and "http" not in re.sub(r"<li>[^<]*— https?://[^<]*</li>", "", page)


def test_thai_script_uses_the_catalogue(tmp_path):
    out = tmp_path / "script.html"
    assert main(["export-script", DREAM, "--lang", "th", "-o", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    scenario = load_scenario(DREAM).scenario
    thai_title = Translator("th").text(scenario.title)
    assert thai_title in page and '<html lang="th">' in page
    assert re.search(r"[\u0E00-\u0E7F]", page)


def test_generated_scenario_and_broken_file(tmp_path, capsys):
    gen = tmp_path / "gen-5x3x2.yaml"
    gen.write_text(to_yaml(layered_spec(5, 3, 2, seed=1)), encoding="utf-8")
    out = tmp_path / "gen.html"
    assert main(["export-script", str(gen), "-o", str(out)]) == 0
    scenario = load_scenario(gen).scenario
    assert out.read_text(encoding="utf-8").count('<section class="scene"') == len(scenario.scenes)
    bad = tmp_path / "bad.yaml"
    bad.write_text("scenes: [\n", encoding="utf-8")
    assert main(["export-script", str(bad), "-o", str(tmp_path / "x.html")]) == 1
    assert "cannot export" in capsys.readouterr().err
